"""Moving a school's database from the encrypted file to a server: every table with its ids, in one transaction.

Rows are copied as stored, so vertrouwelijk fields stay the envelopes they are (db/vertrouwelijk.py: encrypted
under the zorgcoördinators' key, which the server never gets). The audit trail is not copied as stored: its
entries are appended in id order and the server's trigger numbers and chains them again (server_schema.py).
Only a trail that arrives whole and in order gets the very same ids and hashes, so comparing them is the check;
a difference undoes the whole move.

What the file keeps outside its tables – the users' key slots, the audit anchor – does not move: logins on the
server get their own passwords (server.zet_login).

The way back (`naar_bestand`) copies every row as stored into a new file, the audit trail with its ids and
hashes too; the file's own check of the chain (services/audit.py) is then the proof that it arrived whole.
The new file keeps its own id (db/identity.py): it is a new database, with new keys.
"""

from __future__ import annotations

import peewee as pw

from ..domain.errors import DatabaseFout
from . import migrations
from .identity import SETTING_ID
from .models import MODELS, AuditRegel, Instelling, LijstCache, SignaalCache
from .server import ServerDatabase
from .vertrouwelijk import VertrouwelijkField, is_envelop, ontsleutel

_PARTIJ = 5000  # rows per read: five years of verzuim need not be in memory at once
# What a file keeps for its next start (db/signaal_cache.py, db/lijst_cache.py) does not move: a server never
# keeps it up to date, so a copy that came back in a new file would show the data as it was when it left.
_BEWAARD = (SignaalCache, LijstCache)
_AUDIT_EIGEN = ("tijd", "gebruiker_id", "gebruiker_naam", "actie", "leerling_id", "wat")


def _kolommen(model) -> list[str]:
    return [f.column_name for f in model._meta.sorted_fields]


def _rijen(bron: pw.Database, tabel: str, kolommen: list[str], sleutel: str):
    """All rows in key order, in batches; booleans (0/1 in SQLite) as bool for the server's BOOLEAN."""
    lijst = ", ".join(f'"{k}"' for k in kolommen)
    positie = kolommen.index(sleutel)
    laatste = None
    while True:
        waar = f'WHERE "{sleutel}" > ?' if laatste is not None else ""
        partij = bron.execute_sql(f'SELECT {lijst} FROM "{tabel}" {waar} ORDER BY "{sleutel}" LIMIT {_PARTIJ}',
                                  [laatste] if laatste is not None else []).fetchall()
        if not partij:
            return
        yield partij
        laatste = partij[-1][positie]


def naar_server(bron: pw.Database, doel: ServerDatabase) -> dict[str, int]:
    """Copy every table of the file `bron` (opened with its key) into the empty, migrated server database
    `doel`, connected as its owner; returns the number of rows per table."""
    if migrations.schema_version(bron) != migrations.LATEST or migrations.schema_version(doel) != migrations.LATEST:
        raise DatabaseFout("De database en de server moeten allebei de nieuwste versie van het programma hebben. "
                           "Open de database eerst één keer met deze versie.")
    if any(doel.execute_sql(f'SELECT 1 FROM "{model._meta.table_name}" LIMIT 1').fetchone() for model in MODELS):
        raise DatabaseFout("De database op de server is niet leeg. Zet over naar een nieuwe, lege schooldatabase.")
    aantallen: dict[str, int] = {}
    with bron.atomic(), doel.atomic():  # one snapshot of the file; all or nothing on the server
        for model in MODELS:
            if model is AuditRegel or model in _BEWAARD:
                continue
            tabel, kolommen = model._meta.table_name, _kolommen(model)
            booleans = [i for i, f in enumerate(model._meta.sorted_fields) if isinstance(f, pw.BooleanField)]
            invoegen = (f'INSERT INTO "{tabel}" ({", ".join(chr(34) + k + chr(34) for k in kolommen)}) '
                        f'VALUES ({", ".join(["%s"] * len(kolommen))})')
            aantallen[tabel] = 0
            for partij in _rijen(bron, tabel, kolommen, model._meta.primary_key.column_name):
                if booleans:
                    partij = [tuple(bool(v) if i in booleans and v is not None else v for i, v in enumerate(r))
                              for r in partij]
                doel.cursor().executemany(invoegen, partij)
                aantallen[tabel] += len(partij)
            if isinstance(model._meta.primary_key, pw.AutoField) and aantallen[tabel]:
                # new rows continue after the moved ids
                doel.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{tabel}\"', 'id'), "
                                 f'(SELECT max("id") FROM "{tabel}"))')
        aantallen[AuditRegel._meta.table_name] = _audit(bron, doel)
    return aantallen


def _audit(bron: pw.Database, doel: ServerDatabase) -> int:
    kolommen = ["id", *_AUDIT_EIGEN, "hash"]
    invoegen = (f'INSERT INTO "audit_regel" ({", ".join(_AUDIT_EIGEN)}, "vorige_hash", "hash") '
                f'VALUES ({", ".join(["%s"] * len(_AUDIT_EIGEN))}, \'\', \'\')')
    aantal = 0
    for partij in _rijen(bron, "audit_regel", kolommen, "id"):
        doel.cursor().executemany(invoegen, [r[1:-1] for r in partij])
        opnieuw = doel.execute_sql('SELECT "id", "hash" FROM "audit_regel" WHERE "id" BETWEEN %s AND %s ORDER BY "id"',
                                   [partij[0][0], partij[-1][0]]).fetchall()
        if [(r[0], r[-1]) for r in partij] != [tuple(r) for r in opnieuw]:
            raise DatabaseFout("Het auditlog kwam niet ongeschonden over: het klopte in de database al niet (zie "
                               "'thuiszit-desktop audit verify'). Er is niets overgezet.")
        aantal += len(partij)
    return aantal


def naar_bestand(bron: ServerDatabase, doel: pw.Database, *, zelfde_id: bool = False) -> dict[str, int]:
    """Copy every table of the server database `bron` (connected as its owner, who sees every row) into the
    new, migrated file `doel` inside the caller's transaction; returns the number of rows per table.
    `zelfde_id`: the file takes the server's database id (a backup: db/identity.py), not its own new one."""
    if migrations.schema_version(bron) != migrations.LATEST:
        raise DatabaseFout("De schooldatabase op de server heeft een andere versie dan dit programma. Gebruik "
                           "dezelfde versie van het programma als de andere gebruikers.")
    aantallen: dict[str, int] = {}
    with bron.atomic():  # one snapshot of the server (REPEATABLE READ is not needed: nothing moves rows back)
        bron.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in MODELS:
            if model in _BEWAARD:
                continue
            tabel, kolommen = model._meta.table_name, _kolommen(model)
            invoegen = (f'INSERT INTO "{tabel}" ({", ".join(chr(34) + k + chr(34) for k in kolommen)}) '
                        f'VALUES ({", ".join(["?"] * len(kolommen))})')
            aantallen[tabel] = 0
            for partij in _rijen(bron, tabel, kolommen, model._meta.primary_key.column_name):
                if model is Instelling:  # one id: the new file's own, or the server's (then not the file's)
                    heeft_id = any(r[kolommen.index("sleutel")] == SETTING_ID for r in partij)
                    if zelfde_id and heeft_id:
                        doel.execute_sql('DELETE FROM "instelling" WHERE "sleutel" = ?', [SETTING_ID])
                    elif not zelfde_id:
                        partij = [r for r in partij if r[kolommen.index("sleutel")] != SETTING_ID]
                doel.cursor().executemany(invoegen, partij)
                aantallen[tabel] += len(partij)
    return aantallen


def onleesbaar_vertrouwelijk(db: pw.Database, sleutel: bytes | None) -> int:
    """How many vertrouwelijk envelopes in `db` the confidential key `sleutel` does not open (all of them
    without a key): the way back must bring the key the zorgcoördinators had, or those texts are lost."""
    aantal = 0
    for model in MODELS:
        for veld in model._meta.sorted_fields:
            if not isinstance(veld, VertrouwelijkField):
                continue
            for (waarde,) in db.execute_sql(
                    f'SELECT "{veld.column_name}" FROM "{model._meta.table_name}" '
                    f'WHERE "{veld.column_name}" LIKE ?', ["tzv1:%"]).fetchall():
                if not is_envelop(waarde):
                    continue
                try:
                    if sleutel is None:
                        raise ValueError
                    ontsleutel(sleutel, waarde, veld.kolom)
                except Exception:  # InvalidTag or a damaged envelope: this key does not open it
                    aantal += 1
    return aantal
