"""Schema versions, kept in PRAGMA user_version (a file) or the table schema_versie (a server), and the
forward steps between them.

Version 0 is an empty file. Each step takes the schema from version i to i + 1 and runs inside the
same transaction as the version bump, so a failed step leaves the file as it was. Steps are frozen
SQL, never `create_tables` on today's models, so an old database is migrated to exactly what a new
one gets; tests/db/test_migrations.py checks that the result matches the models.

A PostgreSQL server starts at server_schema.BASIS_VERSIE from its own frozen script (steps 1…9 are
SQLite's SQL); every step after that runs on both stores, so write it in SQL both understand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import peewee as pw

from ..domain.errors import DatabaseTeNieuw
from . import server_schema

_V1 = """
CREATE TABLE "school" ("id" INTEGER NOT NULL PRIMARY KEY, "naam" TEXT NOT NULL, "brin" TEXT NOT NULL,
  "regio" TEXT NOT NULL, "schooltype" TEXT NOT NULL, "uren_per_lesdag" REAL NOT NULL);
CREATE TABLE "instelling" ("sleutel" TEXT NOT NULL PRIMARY KEY, "waarde" TEXT NOT NULL);
CREATE TABLE "gebruiker" ("id" INTEGER NOT NULL PRIMARY KEY, "naam" TEXT NOT NULL, "naam_sleutel" TEXT NOT NULL,
  "rol" TEXT NOT NULL, "klassen" TEXT NOT NULL, "actief" INTEGER NOT NULL, "aangemaakt" DATETIME NOT NULL);
CREATE UNIQUE INDEX "gebruiker_naam_sleutel" ON "gebruiker" ("naam_sleutel");
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "naam" TEXT NOT NULL, "rol" TEXT NOT NULL,
  "organisatie" TEXT NOT NULL, "telefoon" TEXT NOT NULL, "email" TEXT NOT NULL);
CREATE UNIQUE INDEX "contact_naam_rol" ON "contact" ("naam", "rol");
CREATE TABLE "leerling" ("id" INTEGER NOT NULL PRIMARY KEY, "leerlingnummer" TEXT NOT NULL,
  "voornaam" TEXT NOT NULL, "tussenvoegsel" TEXT NOT NULL, "achternaam" TEXT NOT NULL,
  "geboortedatum" DATE NOT NULL, "klas" TEXT NOT NULL, "mentor_id" INTEGER, "inschrijfdatum" DATE NOT NULL,
  "uitschrijfdatum" DATE, "bestemming" TEXT NOT NULL, "startkwalificatie" INTEGER NOT NULL,
  "bsn" TEXT NOT NULL, "onderwijsnummer" TEXT NOT NULL, "gewijzigd" DATETIME NOT NULL,
  FOREIGN KEY ("mentor_id") REFERENCES "contact" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "leerling_leerlingnummer" ON "leerling" ("leerlingnummer");
CREATE INDEX "leerling_klas" ON "leerling" ("klas");
CREATE INDEX "leerling_mentor_id" ON "leerling" ("mentor_id");
CREATE TABLE "ouder" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL,
  "volgorde" INTEGER NOT NULL, "naam" TEXT NOT NULL, "relatie" TEXT NOT NULL, "telefoon" TEXT NOT NULL,
  "email" TEXT NOT NULL, "adres" TEXT NOT NULL, "gezag" INTEGER NOT NULL, "contactvoorkeur" TEXT NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE);
CREATE INDEX "ouder_leerling_id" ON "ouder" ("leerling_id");
CREATE TABLE "vrijstelling" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL,
  "type" TEXT NOT NULL, "van" DATE NOT NULL, "tot" DATE,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE);
CREATE INDEX "vrijstelling_leerling_id" ON "vrijstelling" ("leerling_id");
"""

# 2: verzuim, the school's vrije dagen, and the actions the signals react to.
_V2 = """
CREATE TABLE "vrije_dag" ("id" INTEGER NOT NULL PRIMARY KEY, "datum" DATE NOT NULL, "omschrijving" TEXT NOT NULL);
CREATE UNIQUE INDEX "vrije_dag_datum" ON "vrije_dag" ("datum");
CREATE TABLE "verzuim" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL, "datum" DATE NOT NULL,
  "uren" REAL NOT NULL, "reden" TEXT NOT NULL, "bron" TEXT NOT NULL, "code" TEXT NOT NULL,
  "opmerking" TEXT NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE);
CREATE INDEX "verzuim_leerling_id" ON "verzuim" ("leerling_id");
CREATE INDEX "verzuim_leerling_id_datum" ON "verzuim" ("leerling_id", "datum");
CREATE TABLE "verzuimmelding" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL,
  "datum" DATE NOT NULL, "einddatum" DATE NOT NULL, "soort" TEXT NOT NULL, "kenmerk" TEXT NOT NULL,
  "door_id" INTEGER, "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "verzuimmelding_leerling_id" ON "verzuimmelding" ("leerling_id");
CREATE INDEX "verzuimmelding_door_id" ON "verzuimmelding" ("door_id");
CREATE TABLE "mazl_actie" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL,
  "datum" DATE NOT NULL, "opmerking" TEXT NOT NULL, "door_id" INTEGER, "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "mazl_actie_leerling_id" ON "mazl_actie" ("leerling_id");
CREATE INDEX "mazl_actie_door_id" ON "mazl_actie" ("door_id");
CREATE TABLE "signaal_bespreking" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL,
  "signaal" TEXT NOT NULL, "datum" DATE NOT NULL, "notitie" TEXT NOT NULL, "door_id" INTEGER,
  "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "signaal_bespreking_leerling_id" ON "signaal_bespreking" ("leerling_id");
CREATE INDEX "signaal_bespreking_door_id" ON "signaal_bespreking" ("door_id");
CREATE UNIQUE INDEX "signaal_bespreking_leerling_id_signaal_datum"
  ON "signaal_bespreking" ("leerling_id", "signaal", "datum");
"""


# 3: the praktijkkaart per student – trajecten with their steps, checklist, analysis and nazorg; gesprekken
# with afspraken; MDO's with deelnemers, besluiten, toestemmingen; actiepunten. Partners are `contact` rows.
_V3 = """
CREATE TABLE "traject" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL,
  "categorie" TEXT NOT NULL, "aanleiding" TEXT NOT NULL, "signaal" TEXT, "signaal_datum" DATE,
  "geopend" DATE NOT NULL, "eigenaar_gebruiker_id" INTEGER, "eigenaar_contact_id" INTEGER,
  "status" TEXT NOT NULL, "stap" INTEGER NOT NULL, "evaluatiedatum" DATE, "gesloten" DATE,
  "sluitreden" TEXT NOT NULL, "sluittoelichting" TEXT NOT NULL, "door_id" INTEGER, "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("eigenaar_gebruiker_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("eigenaar_contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "traject_leerling_id" ON "traject" ("leerling_id");
CREATE INDEX "traject_eigenaar_gebruiker_id" ON "traject" ("eigenaar_gebruiker_id");
CREATE INDEX "traject_eigenaar_contact_id" ON "traject" ("eigenaar_contact_id");
CREATE INDEX "traject_door_id" ON "traject" ("door_id");
CREATE UNIQUE INDEX "traject_een_open_per_leerling" ON "traject" ("leerling_id") WHERE ("status" = 'open');
CREATE TABLE "mdo" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL, "datum" DATE NOT NULL,
  "agenda" TEXT NOT NULL, "verslag" TEXT NOT NULL, "vertrouwelijk" INTEGER NOT NULL, "door_id" INTEGER,
  "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "mdo_traject_id" ON "mdo" ("traject_id");
CREATE INDEX "mdo_door_id" ON "mdo" ("door_id");
CREATE TABLE "gesprek" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL, "traject_id" INTEGER,
  "type" TEXT NOT NULL, "datum" DATE NOT NULL, "deelnemers" TEXT NOT NULL, "samenvatting" TEXT NOT NULL,
  "vertrouwelijk" INTEGER NOT NULL, "door_id" INTEGER, "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "gesprek_leerling_id" ON "gesprek" ("leerling_id");
CREATE INDEX "gesprek_traject_id" ON "gesprek" ("traject_id");
CREATE INDEX "gesprek_door_id" ON "gesprek" ("door_id");
CREATE TABLE "actiepunt" ("id" INTEGER NOT NULL PRIMARY KEY, "leerling_id" INTEGER NOT NULL, "traject_id" INTEGER,
  "mdo_id" INTEGER, "gesprek_id" INTEGER, "wat" TEXT NOT NULL, "eigenaar_gebruiker_id" INTEGER,
  "eigenaar_contact_id" INTEGER, "datum" DATE NOT NULL, "uiterlijk" DATE NOT NULL, "status" TEXT NOT NULL,
  "afgerond" DATE, "door_id" INTEGER, "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("leerling_id") REFERENCES "leerling" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("mdo_id") REFERENCES "mdo" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("gesprek_id") REFERENCES "gesprek" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("eigenaar_gebruiker_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("eigenaar_contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "actiepunt_leerling_id" ON "actiepunt" ("leerling_id");
CREATE INDEX "actiepunt_traject_id" ON "actiepunt" ("traject_id");
CREATE INDEX "actiepunt_mdo_id" ON "actiepunt" ("mdo_id");
CREATE INDEX "actiepunt_gesprek_id" ON "actiepunt" ("gesprek_id");
CREATE INDEX "actiepunt_eigenaar_gebruiker_id" ON "actiepunt" ("eigenaar_gebruiker_id");
CREATE INDEX "actiepunt_eigenaar_contact_id" ON "actiepunt" ("eigenaar_contact_id");
CREATE INDEX "actiepunt_uiterlijk" ON "actiepunt" ("uiterlijk");
CREATE INDEX "actiepunt_status" ON "actiepunt" ("status");
CREATE INDEX "actiepunt_door_id" ON "actiepunt" ("door_id");
CREATE TABLE "afspraak" ("id" INTEGER NOT NULL PRIMARY KEY, "gesprek_id" INTEGER NOT NULL,
  "volgorde" INTEGER NOT NULL, "tekst" TEXT NOT NULL, "actiepunt_id" INTEGER,
  FOREIGN KEY ("gesprek_id") REFERENCES "gesprek" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("actiepunt_id") REFERENCES "actiepunt" ("id") ON DELETE SET NULL);
CREATE INDEX "afspraak_gesprek_id" ON "afspraak" ("gesprek_id");
CREATE INDEX "afspraak_actiepunt_id" ON "afspraak" ("actiepunt_id");
CREATE TABLE "besluit" ("id" INTEGER NOT NULL PRIMARY KEY, "mdo_id" INTEGER NOT NULL, "nummer" INTEGER NOT NULL,
  "tekst" TEXT NOT NULL,
  FOREIGN KEY ("mdo_id") REFERENCES "mdo" ("id") ON DELETE CASCADE);
CREATE INDEX "besluit_mdo_id" ON "besluit" ("mdo_id");
CREATE UNIQUE INDEX "besluit_mdo_id_nummer" ON "besluit" ("mdo_id", "nummer");
CREATE TABLE "checklist_afvinking" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL,
  "item" TEXT NOT NULL, "datum" DATE NOT NULL, "notitie" TEXT NOT NULL, "door_id" INTEGER,
  "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "checklist_afvinking_traject_id" ON "checklist_afvinking" ("traject_id");
CREATE INDEX "checklist_afvinking_door_id" ON "checklist_afvinking" ("door_id");
CREATE UNIQUE INDEX "checklist_afvinking_traject_id_item" ON "checklist_afvinking" ("traject_id", "item");
CREATE TABLE "mdo_deelnemer" ("id" INTEGER NOT NULL PRIMARY KEY, "mdo_id" INTEGER NOT NULL,
  "volgorde" INTEGER NOT NULL, "naam" TEXT NOT NULL, "rol" TEXT NOT NULL, "organisatie" TEXT NOT NULL,
  "gebruiker_id" INTEGER, "contact_id" INTEGER,
  FOREIGN KEY ("mdo_id") REFERENCES "mdo" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("gebruiker_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL);
CREATE INDEX "mdo_deelnemer_mdo_id" ON "mdo_deelnemer" ("mdo_id");
CREATE INDEX "mdo_deelnemer_gebruiker_id" ON "mdo_deelnemer" ("gebruiker_id");
CREATE INDEX "mdo_deelnemer_contact_id" ON "mdo_deelnemer" ("contact_id");
CREATE TABLE "nazorg_moment" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL,
  "datum" DATE NOT NULL, "omschrijving" TEXT NOT NULL, "gedaan" DATE, "notitie" TEXT NOT NULL, "door_id" INTEGER,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "nazorg_moment_traject_id" ON "nazorg_moment" ("traject_id");
CREATE INDEX "nazorg_moment_door_id" ON "nazorg_moment" ("door_id");
CREATE TABLE "stap_wissel" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL,
  "van_stap" INTEGER NOT NULL, "naar_stap" INTEGER NOT NULL, "datum" DATE NOT NULL, "door_id" INTEGER,
  "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "stap_wissel_traject_id" ON "stap_wissel" ("traject_id");
CREATE INDEX "stap_wissel_door_id" ON "stap_wissel" ("door_id");
CREATE TABLE "toestemming" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL, "mdo_id" INTEGER,
  "organisatie" TEXT NOT NULL, "gegeven" INTEGER NOT NULL, "datum" DATE NOT NULL, "door_id" INTEGER,
  "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("mdo_id") REFERENCES "mdo" ("id") ON DELETE SET NULL,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "toestemming_traject_id" ON "toestemming" ("traject_id");
CREATE INDEX "toestemming_mdo_id" ON "toestemming" ("mdo_id");
CREATE INDEX "toestemming_door_id" ON "toestemming" ("door_id");
CREATE TABLE "traject_analyse" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL,
  "leerling_risico" TEXT NOT NULL, "leerling_beschermend" TEXT NOT NULL, "thuis_risico" TEXT NOT NULL,
  "thuis_beschermend" TEXT NOT NULL, "school_risico" TEXT NOT NULL, "school_beschermend" TEXT NOT NULL,
  "buurt_risico" TEXT NOT NULL, "buurt_beschermend" TEXT NOT NULL, "verzuimtype" TEXT NOT NULL,
  "kearney_functie" TEXT NOT NULL, "door_id" INTEGER, "gewijzigd" DATETIME NOT NULL,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "traject_analyse_traject_id" ON "traject_analyse" ("traject_id");
CREATE INDEX "traject_analyse_door_id" ON "traject_analyse" ("door_id");
"""

# 4: drafts of long texts, inside the encrypted file.
_V4 = """
CREATE TABLE "concept" ("id" INTEGER NOT NULL PRIMARY KEY, "gebruiker_id" INTEGER NOT NULL, "soort" TEXT NOT NULL,
  "sleutel" TEXT NOT NULL, "velden" TEXT NOT NULL, "bijgewerkt" DATETIME NOT NULL,
  FOREIGN KEY ("gebruiker_id") REFERENCES "gebruiker" ("id") ON DELETE CASCADE);
CREATE INDEX "concept_gebruiker_id" ON "concept" ("gebruiker_id");
CREATE UNIQUE INDEX "concept_gebruiker_id_soort_sleutel" ON "concept" ("gebruiker_id", "soort", "sleutel");
"""

# 5: the plan van aanpak per traject, in versions, with doelen and their evaluations.
_V5 = """
CREATE TABLE "plan_van_aanpak" ("id" INTEGER NOT NULL PRIMARY KEY, "traject_id" INTEGER NOT NULL,
  "versie" INTEGER NOT NULL, "status" TEXT NOT NULL, "aanleiding" TEXT NOT NULL, "analyse" TEXT NOT NULL,
  "leerling_wil" TEXT NOT NULL, "ouders_willen" TEXT NOT NULL, "interventies" TEXT NOT NULL,
  "afspraken" TEXT NOT NULL, "evaluatiemomenten" TEXT NOT NULL, "contactpersonen" TEXT NOT NULL,
  "overleg_datum" DATE, "akkoord_naam" TEXT NOT NULL, "akkoord_datum" DATE, "akkoord_rol" TEXT NOT NULL,
  "vastgesteld_op" DATE, "door_id" INTEGER, "gewijzigd" DATETIME NOT NULL,
  FOREIGN KEY ("traject_id") REFERENCES "traject" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "plan_van_aanpak_traject_id" ON "plan_van_aanpak" ("traject_id");
CREATE INDEX "plan_van_aanpak_door_id" ON "plan_van_aanpak" ("door_id");
CREATE UNIQUE INDEX "plan_van_aanpak_traject_id_versie" ON "plan_van_aanpak" ("traject_id", "versie");
CREATE TABLE "plan_doel" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_id" INTEGER NOT NULL,
  "volgorde" INTEGER NOT NULL, "omschrijving" TEXT NOT NULL, "datum" DATE, "hoe_merken" TEXT NOT NULL,
  FOREIGN KEY ("plan_id") REFERENCES "plan_van_aanpak" ("id") ON DELETE CASCADE);
CREATE INDEX "plan_doel_plan_id" ON "plan_doel" ("plan_id");
CREATE TABLE "plan_evaluatie" ("id" INTEGER NOT NULL PRIMARY KEY, "doel_id" INTEGER NOT NULL,
  "datum" DATE NOT NULL, "uitkomst" TEXT NOT NULL, "notitie" TEXT NOT NULL, "door_id" INTEGER,
  "aangemaakt" DATETIME NOT NULL,
  FOREIGN KEY ("doel_id") REFERENCES "plan_doel" ("id") ON DELETE CASCADE,
  FOREIGN KEY ("door_id") REFERENCES "gebruiker" ("id") ON DELETE SET NULL);
CREATE INDEX "plan_evaluatie_doel_id" ON "plan_evaluatie" ("doel_id");
CREATE INDEX "plan_evaluatie_door_id" ON "plan_evaluatie" ("door_id");
"""


# 6: the audit trail, append-only: triggers refuse every change or removal of a row (statements are
# separated by ";;" here because a trigger body holds ";" itself).
_V6 = """
CREATE TABLE "audit_regel" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "tijd" DATETIME NOT NULL,
  "gebruiker_id" INTEGER, "gebruiker_naam" TEXT NOT NULL, "actie" TEXT NOT NULL, "leerling_id" INTEGER,
  "wat" TEXT NOT NULL, "vorige_hash" TEXT NOT NULL, "hash" TEXT NOT NULL);;
CREATE INDEX "audit_regel_tijd" ON "audit_regel" ("tijd");;
CREATE INDEX "audit_regel_gebruiker_id" ON "audit_regel" ("gebruiker_id");;
CREATE INDEX "audit_regel_leerling_id" ON "audit_regel" ("leerling_id");;
CREATE TRIGGER "audit_regel_geen_wijziging" BEFORE UPDATE ON "audit_regel"
  BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END;;
CREATE TRIGGER "audit_regel_geen_verwijdering" BEFORE DELETE ON "audit_regel"
  BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END;;
"""


def _sql(script: str, separator: str = ";") -> Callable[[pw.Database], None]:
    def step(db: pw.Database) -> None:
        for statement in script.split(separator):
            if statement.strip():
                db.execute_sql(statement)

    return step


def _v7_leerlingnummers(db: pw.Database) -> None:
    """7: all-digit leerlingnummers without leading zeros or an Excel ".0" ("000123", "123.0" → "123"), as
    domain.leerling.normaliseer_leerlingnummer writes them from now on (the rule is copied here: a step is
    frozen). When two students would get one number – one child imported twice, or two numbers that only
    differ by zeros – neither is changed: merging two dossiers unasked could join two children. They keep
    their numbers, each findable as stored, and every import names them until one is renumbered
    (services/leerlingnummers.py)."""
    cijfers = re.compile(r"([0-9]+)(?:[.,]0+)?")

    def normaal(nummer: str) -> str:
        t = nummer.strip()
        m = cijfers.fullmatch(t)
        return (m.group(1).lstrip("0") or "0") if m else t

    rijen = db.execute_sql('SELECT "id", "leerlingnummer" FROM "leerling"').fetchall()
    per_nummer: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for id_, nummer in rijen:
        per_nummer[normaal(nummer)].append((id_, nummer))
    for nieuw, leden in per_nummer.items():
        if len(leden) == 1 and leden[0][1] != nieuw:
            db.execute_sql('UPDATE "leerling" SET "leerlingnummer" = ? WHERE "id" = ?', (nieuw, leden[0][0]))


# 8: documents that are right to hand over (issue 13): the user's profile (full name, function, phone,
# e-mail) for signatures and contacts; the MDO's verslaglegger, next meeting, extra recipients and per
# participant "afgemeld" and "krijgt het verslag"; the plan's analysis as a table (factoren, JSON); and per
# doel the doel of the previous version it continues (herkomst), so a new version can say what changed
# and carry the earlier evaluations. New columns get a DEFAULT so ALTER TABLE can add them; the models
# declare the same DEFAULT. Existing versions were copies position by position: that is their herkomst.
_V8 = """
CREATE TABLE "profiel" ("gebruiker_id" INTEGER NOT NULL PRIMARY KEY, "volledige_naam" TEXT NOT NULL,
  "functie" TEXT NOT NULL, "telefoon" TEXT NOT NULL, "email" TEXT NOT NULL,
  FOREIGN KEY ("gebruiker_id") REFERENCES "gebruiker" ("id") ON DELETE CASCADE);
ALTER TABLE "mdo" ADD COLUMN "verslaglegger" TEXT NOT NULL DEFAULT '';
ALTER TABLE "mdo" ADD COLUMN "volgend_overleg" DATE;
ALTER TABLE "mdo" ADD COLUMN "verzenden_aan" TEXT NOT NULL DEFAULT '';
ALTER TABLE "mdo_deelnemer" ADD COLUMN "afgemeld" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "mdo_deelnemer" ADD COLUMN "krijgt_verslag" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "plan_van_aanpak" ADD COLUMN "factoren" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "plan_doel" ADD COLUMN "herkomst_id" INTEGER REFERENCES "plan_doel" ("id") ON DELETE SET NULL;
CREATE INDEX "plan_doel_herkomst_id" ON "plan_doel" ("herkomst_id");
UPDATE "plan_doel" SET "herkomst_id" = (
  SELECT o."id" FROM "plan_doel" o
  JOIN "plan_van_aanpak" op ON o."plan_id" = op."id"
  JOIN "plan_van_aanpak" np ON np."id" = "plan_doel"."plan_id"
  WHERE op."traject_id" = np."traject_id" AND op."versie" = np."versie" - 1 AND o."volgorde" = "plan_doel"."volgorde"
  ORDER BY o."id" LIMIT 1);
"""


# 9: roles that cannot be forged in the file (issue 12): every gebruiker row gets an Ed25519 signature by the
# zorgcoördinators' key (db/handtekening.py). The signatures – and the encryption of what was confidential in
# plain text (db/vertrouwelijk.py) – are made at the first zorgcoördinator login after this step, when the
# keys are at hand (services/sleutels.py); until then `handtekening` is empty.
_V9 = """
ALTER TABLE "gebruiker" ADD COLUMN "handtekening" TEXT NOT NULL DEFAULT '';
"""


# 10: the last whole-school signals and levels between sessions (db/signaal_cache.py), and on a file a trigger
# per change on every table but the audit trail, the drafts and the cache itself that empties it – so no
# write, by whatever program or path, leaves a result from before it standing. A later step that adds a table
# adds its three triggers the same way (tests/db/test_signaal_cache.py checks every table has them). IF NOT
# EXISTS: a file whose version number was set back (as tests do to fake an old school) still migrates.
def _v10_signaal_cache(db: pw.Database) -> None:
    db.execute_sql('CREATE TABLE IF NOT EXISTS "signaal_cache" ("sleutel" TEXT NOT NULL PRIMARY KEY, "inhoud" TEXT)')
    if _op_server(db):
        return
    tabellen = [r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()]
    for tabel in tabellen:
        if tabel in ("audit_regel", "concept", "signaal_cache", "lijst_cache"):  # (the last from step 16 on)
            continue
        for wijziging in ("INSERT", "UPDATE", "DELETE"):
            db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS "{tabel}_{wijziging.lower()}_signaal_cache" '
                           f'AFTER {wijziging} ON "{tabel}" WHEN EXISTS (SELECT 1 FROM "signaal_cache") '
                           'BEGIN DELETE FROM "signaal_cache"; END')


# 11: optimistic locking (services/versies.py): every edit of a row users edit raises its rijversie, and an
# edit of a version someone else has changed meanwhile is refused. The same SQL on the file and on a server;
# a column already there is left (a file whose version number was set back, as in step 10).
VERSIE_TABELLEN = ("leerling", "traject", "gesprek", "mdo", "actiepunt", "plan_van_aanpak")


def _v11_rijversie(db: pw.Database) -> None:
    for tabel in VERSIE_TABELLEN:
        if "rijversie" not in {k.name for k in db.get_columns(tabel)}:
            db.execute_sql(f'ALTER TABLE "{tabel}" ADD COLUMN "rijversie" INTEGER NOT NULL DEFAULT 1')


# 12: the index the server's row-level security needs for a mentor's klassen (models.py, below Leerling). The same
# SQL on both stores, so their schemas stay the models'.
_V12 = 'CREATE INDEX IF NOT EXISTS "leerling_klas_lower" ON "leerling" (lower("klas"))'


# 13: on a server only – its rights at this version (server_rechten.py, put in place again by `server bijwerken`
# after the steps): the check that refuses confidential text under a replaced key, and the alleen-lezen
# overview table. The file has nothing to change; its version moves on so both stores count alike.
def _v13_server_rechten(db: pw.Database) -> None:
    pass


# 14: the analysis of a traject is checked the same way (step 11 left it out), and every row users edit
# records who saved its version and when, so that a conflict can name the other change's author (the id of
# a gebruiker, no foreign key: a version outlives nothing it needs).
def _v14_versies(db: pw.Database) -> None:
    tijd = "TIMESTAMP" if _op_server(db) else "DATETIME"
    for tabel in (*VERSIE_TABELLEN, "traject_analyse"):
        kolommen = {k.name for k in db.get_columns(tabel)}
        if "rijversie" not in kolommen:
            db.execute_sql(f'ALTER TABLE "{tabel}" ADD COLUMN "rijversie" INTEGER NOT NULL DEFAULT 1')
        if "versie_door" not in kolommen:
            db.execute_sql(f'ALTER TABLE "{tabel}" ADD COLUMN "versie_door" INTEGER')
        if "versie_op" not in kolommen:
            db.execute_sql(f'ALTER TABLE "{tabel}" ADD COLUMN "versie_op" {tijd}')


# 15: on a server, every change to student data is announced (NOTIFY) so that the other users' open screens
# refresh (db/meldingen.py). The payload is the table and, for the rows users edit, the row's id – never a
# name or a note: a mentor's connection hears of changes to rows it may not read, so it must learn nothing
# from it but that something changed. The edited tables notify per row; the rest (verzuim imports of
# thousands of rows) once per statement, with the table only. The file has one writer: nothing to do there.
MELDKANAAL = "thuiszit"
_NIET_MELDEN = {"audit_regel", "concept", "signaal_cache", "schema_versie", "sleutel_slot"}


def _v15_meldingen(db: pw.Database) -> None:
    if not _op_server(db):
        return
    db.execute_sql(f'''CREATE OR REPLACE FUNCTION "thuiszit_gewijzigd"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    PERFORM pg_notify('{MELDKANAAL}', TG_TABLE_NAME || ':'
                      || (CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END)::text);
  ELSE
    PERFORM pg_notify('{MELDKANAAL}', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$''')
    per_rij = {*VERSIE_TABELLEN, "traject_analyse"}
    tabellen = [r[0] for r in db.execute_sql(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname").fetchall()]
    for tabel in tabellen:
        if tabel in _NIET_MELDEN:
            continue
        if tabel in per_rij:
            wanneer, niveau = "INSERT OR UPDATE OR DELETE", "ROW"
        else:
            wanneer, niveau = "INSERT OR UPDATE OR DELETE OR TRUNCATE", "STATEMENT"
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{tabel}_melden" ON "{tabel}"')
        db.execute_sql(f'CREATE TRIGGER "{tabel}_melden" AFTER {wanneer} ON "{tabel}" FOR EACH {niveau} '
                       'EXECUTE FUNCTION "thuiszit_gewijzigd"()')


# 16: the student list's rows between sessions (db/lijst_cache.py), the same table on both stores; on a file the
# tables the list reads (lijst_cache.GEVOLGD) empty it on every change, as in step 10. A later step that makes
# the list read another table adds its three triggers the same way (tests/db/test_lijst_cache.py checks).
def _v16_lijst_cache(db: pw.Database) -> None:
    db.execute_sql('CREATE TABLE IF NOT EXISTS "lijst_cache" ("sleutel" TEXT NOT NULL PRIMARY KEY, "inhoud" TEXT)')
    if _op_server(db):
        return
    for tabel in ("leerling", "contact"):
        for wijziging in ("INSERT", "UPDATE", "DELETE"):
            db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS "{tabel}_{wijziging.lower()}_lijst_cache" '
                           f'AFTER {wijziging} ON "{tabel}" WHEN EXISTS (SELECT 1 FROM "lijst_cache") '
                           'BEGIN DELETE FROM "lijst_cache"; END')


# STEPS[i] migrates version i to version i + 1.
STEPS: list[Callable[[pw.Database], None]] = [
    _sql(_V1),
    _sql(_V2),
    _sql(_V3),
    _sql(_V4),
    _sql(_V5),
    _sql(_V6, separator=";;"),
    _v7_leerlingnummers,
    _sql(_V8),
    _sql(_V9),
    _v10_signaal_cache,
    _v11_rijversie,
    _sql(_V12),
    _v13_server_rechten,
    _v14_versies,
    _v15_meldingen,
    _v16_lijst_cache,
]
LATEST = len(STEPS)


def _op_server(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def schema_version(db: pw.Database) -> int:
    if _op_server(db):
        if db.execute_sql("SELECT to_regclass('schema_versie')").fetchone()[0] is None:
            return 0
        return db.execute_sql('SELECT "versie" FROM "schema_versie"').fetchone()[0]
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _zet_versie(db: pw.Database, versie: int) -> None:
    if _op_server(db):
        db.execute_sql(f'UPDATE "schema_versie" SET "versie" = {int(versie)}')
    else:
        db.execute_sql(f"PRAGMA user_version = {int(versie)}")


def migrate(db: pw.Database, target: int = LATEST) -> int:
    """Bring the database to `target`, one step and one transaction at a time; returns the old version."""
    start = schema_version(db)
    if start > LATEST:
        raise DatabaseTeNieuw(start, LATEST)
    eerste = start
    if _op_server(db) and start == 0:
        with db.atomic():
            _sql(server_schema.BASIS, separator=";;")(db)
            _zet_versie(db, server_schema.BASIS_VERSIE)
        eerste = server_schema.BASIS_VERSIE
    for version in range(eerste, target):
        with db.atomic():
            STEPS[version](db)
            _zet_versie(db, version + 1)
    return start
