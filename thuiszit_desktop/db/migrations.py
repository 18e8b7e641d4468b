"""Schema versions, kept in PRAGMA user_version, and the forward steps between them.

Version 0 is an empty file. Each step takes the schema from version i to i + 1 and runs inside the
same transaction as the version bump, so a failed step leaves the file as it was. Steps are frozen
SQL, never `create_tables` on today's models, so an old database is migrated to exactly what a new
one gets; tests/db/test_migrations.py checks that the result matches the models.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from ..domain.errors import DatabaseTeNieuw

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


def _sql(script: str) -> Callable[[pw.Database], None]:
    def step(db: pw.Database) -> None:
        for statement in script.split(";"):
            if statement.strip():
                db.execute_sql(statement)

    return step


# STEPS[i] migrates version i to version i + 1.
STEPS: list[Callable[[pw.Database], None]] = [
    _sql(_V1),
    _sql(_V2),
]
LATEST = len(STEPS)


def schema_version(db: pw.Database) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate(db: pw.Database, target: int = LATEST) -> int:
    """Bring the database to `target`, one step and one transaction at a time; returns the old version."""
    start = schema_version(db)
    if start > LATEST:
        raise DatabaseTeNieuw(start, LATEST)
    for version in range(start, target):
        with db.atomic():
            STEPS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")
    return start
