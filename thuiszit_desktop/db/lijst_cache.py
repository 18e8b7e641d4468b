"""The student list's rows, kept in the file between sessions (issue 16): a start with the data as it was reads
one JSON text instead of making 20,000 names and sort keys with Python (0.2–0.3 s before the list can show).

Never stale, by the file itself: step 16 of db/migrations.py puts a trigger on every change of the tables the
list reads (GEVOLGD) that empties this one in the same transaction – whatever program or path writes. Stored
in two steps as db/signaal_cache.py does: a row without content before the rows are read (`reserveer`), its
content after (`bewaar`), which lands only while the row is still there, so a write that commits while the
rows are read is never hidden behind rows from before it. What else the rows depend on (the peildatum of
`ingeschreven`, the program's version of names and sort keys) is in `sleutel`.

Only in a file: a server has other writers this program does not see, and no triggers.

Kept compressed (zlib, fastest level): the file decrypts every page it reads, and 4 MB of JSON for 20,000
students took longer to decrypt than the half a megabyte it compresses to takes to decompress (issue 16).
"""

from __future__ import annotations

import json
import logging
import zlib

import peewee as pw

log = logging.getLogger(__name__)

TABEL = "lijst_cache"
GEVOLGD = ("leerling", "contact")  # what services/leerlingen.py LeerlingenService._lijst_lezen reads


def _op_server(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def lees(db: pw.Database, sleutel: str) -> list[list] | None:
    """The stored rows for `sleutel` (each a JSON array, as given to `bewaar`), or None."""
    if _op_server(db):
        return None
    rij = db.execute_sql(f'SELECT "inhoud" FROM "{TABEL}" WHERE "sleutel" = ? AND "inhoud" IS NOT NULL',
                         (sleutel,)).fetchone()
    return None if rij is None else json.loads(zlib.decompress(rij[0]))


def reserveer(db: pw.Database, sleutel: str) -> bool:
    """Before the rows are read: an empty row for `sleutel` in place of whatever was stored. False when it
    cannot be written now (a server, a busy or read-only file): then nothing is stored afterwards."""
    if _op_server(db):
        return False
    try:
        with db.atomic("IMMEDIATE"):
            db.execute_sql(f'DELETE FROM "{TABEL}"')
            db.execute_sql(f'INSERT INTO "{TABEL}" ("sleutel", "inhoud") VALUES (?, NULL)', (sleutel,))
    except pw.DatabaseError as exc:  # the list still shows; it is only not kept
        log.info("list cache not reserved: %s", type(exc).__name__)
        return False
    return True


def bewaar(db: pw.Database, sleutel: str, rijen: list[tuple]) -> bool:
    """Store the rows read after `reserveer(sleutel)` (JSON values: text, numbers, booleans), unless a write
    emptied the table meanwhile."""
    inhoud = zlib.compress(json.dumps(rijen, separators=(",", ":"), ensure_ascii=False).encode(), 1)
    try:
        with db.atomic("IMMEDIATE"):
            cursor = db.execute_sql(f'UPDATE "{TABEL}" SET "inhoud" = ? WHERE "sleutel" = ? AND "inhoud" IS NULL',
                                    (inhoud, sleutel))
            return cursor.rowcount == 1
    except pw.DatabaseError as exc:
        log.info("list cache not stored: %s", type(exc).__name__)
        return False
