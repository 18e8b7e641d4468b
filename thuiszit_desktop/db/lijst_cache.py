"""The student list's rows, kept in the file between sessions (issue 16): a start with the data as it was reads
one JSON text instead of making 20,000 names and sort keys with Python (0.2–0.3 s before the list can show).

Never stale, by the file itself: step 16 of db/migrations.py puts a trigger on every change of the tables the
list reads (GEVOLGD) that empties this one in the same transaction – whatever program or path writes. Stored
in two steps as db/signaal_cache.py does: a row without content before the rows are read (`reserveer`), its
content after (`bewaar`), which lands only while the row is still there, so a write that commits while the
rows are read is never hidden behind rows from before it. What else the rows depend on (the peildatum of
`ingeschreven`, the program's version of names and sort keys) is in `sleutel`.

Only in a file: a server has other writers this program does not see, and no triggers.

Kept as columns (a list of values per field) in marshal's format, compressed (zlib, fastest level): 20,000
students' rows as JSON objects took 24 ms to parse and their columns in marshal 9 (issue 16); a text shared by
many rows (a klas, a date) is kept once and read back as one object. The file decrypts every page it reads, and
the 3.5 MB took longer to decrypt than the 0.4 MB they compress to take to decompress. marshal reads only what
this program wrote: the file is encrypted and every page authenticated (SQLCipher's HMAC), and its format is
part of the key (`VORM`), so a Python that writes it otherwise never reads it.
"""

from __future__ import annotations

import logging
import marshal
import zlib

import peewee as pw

log = logging.getLogger(__name__)

TABEL = "lijst_cache"
GEVOLGD = ("leerling", "contact")  # what services/leerlingen.py LeerlingenService._lijst_lezen reads
VORM = f"marshal{marshal.version}"  # goes into the caller's `sleutel`


def _op_server(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def lees(db: pw.Database, sleutel: str) -> object | None:
    """What was stored for `sleutel` (as given to `bewaar`), or None."""
    if _op_server(db):
        return None
    rij = db.execute_sql(f'SELECT "inhoud" FROM "{TABEL}" WHERE "sleutel" = ? AND "inhoud" IS NOT NULL',
                         (sleutel,)).fetchone()
    if rij is None:
        return None
    try:
        return marshal.loads(zlib.decompress(rij[0]))
    except (zlib.error, ValueError, EOFError, TypeError):  # not this form (the caller's key should prevent it)
        log.info("list cache unreadable: read afresh")
        return None


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


def bewaar(db: pw.Database, sleutel: str, kolommen: list[list]) -> bool:
    """Store the rows read after `reserveer(sleutel)` (lists of text, numbers, None), unless a write emptied the
    table meanwhile."""
    inhoud = zlib.compress(marshal.dumps(kolommen), 1)
    try:
        with db.atomic("IMMEDIATE"):
            cursor = db.execute_sql(f'UPDATE "{TABEL}" SET "inhoud" = ? WHERE "sleutel" = ? AND "inhoud" IS NULL',
                                    (inhoud, sleutel))
            return cursor.rowcount == 1
    except pw.DatabaseError as exc:
        log.info("list cache not stored: %s", type(exc).__name__)
        return False
