"""The student list's rows, kept in the file between sessions (issue 16): a start with the data as it was reads
one JSON text instead of making 20,000 names and sort keys with Python (0.2–0.3 s before the list can show).

Never stale, by the file itself: step 16 of db/migrations.py puts a trigger on every change of the tables the
list reads (GEVOLGD) that empties this one in the same transaction – whatever program or path writes. Stored
in two steps as db/signaal_cache.py does: a row without content before the rows are read (`reserveer`), its
content after (`bewaar`), which lands only while the row is still there, so a write that commits while the
rows are read is never hidden behind rows from before it. What else the rows depend on (the peildatum of
`ingeschreven`, the program's version of names and sort keys) is in `sleutel`.

Only in a file: a server has other writers this program does not see, and no triggers.

Kept as columns of text (each column's values joined by an ASCII unit separator, the columns by a record
separator), compressed (zlib, fastest level): 20,000 students' rows as JSON objects took 24 ms to parse, their
columns split again ~10 (issue 16). The file decrypts every page it reads, and the 3.5 MB took longer to decrypt
than the 0.4 MB they compress to take to decompress. Plain text on purpose, never marshal or pickle: anyone with a
password has the database key and can write here (docs/BEVEILIGING.md), and what a mentor writes must not be
able to do more in a zorgcoördinator's session than show wrong list rows – which editing `leerling` can as well.
"""

from __future__ import annotations

import logging
import zlib

import peewee as pw

log = logging.getLogger(__name__)

TABEL = "lijst_cache"
GEVOLGD = ("leerling", "contact")  # what services/leerlingen.py LeerlingenService._lijst_lezen reads
VORM = "tekst1"  # goes into the caller's `sleutel`
_VELD, _KOLOM = "\x1f", "\x1e"  # between two values of a column, between two columns (ASCII's separators)


def _op_server(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def lees(db: pw.Database, sleutel: str) -> list[list[str]] | None:
    """The columns stored for `sleutel` (as given to `bewaar`, all of one length), or None."""
    if _op_server(db):
        return None
    rij = db.execute_sql(f'SELECT "inhoud" FROM "{TABEL}" WHERE "sleutel" = ? AND "inhoud" IS NOT NULL',
                         (sleutel,)).fetchone()
    if rij is None:
        return None
    try:
        aantal, *teksten = zlib.decompress(rij[0]).decode().split(_KOLOM)
        n = int(aantal)
        kolommen = [tekst.split(_VELD) if n else [] for tekst in teksten]
    except (zlib.error, ValueError, TypeError):  # not this form (the caller's key should prevent it)
        kolommen = None
    if kolommen is None or any(len(k) != n for k in kolommen):
        log.info("list cache unreadable: read afresh")
        return None
    return kolommen


def _als_tekst(kolommen: list[list[str]]) -> str | None:
    """The columns as one text; None when a value holds a separator (or is not text): then they are not kept."""
    n = len(kolommen[0]) if kolommen else 0
    try:
        teksten = [_VELD.join(k) for k in kolommen]
    except TypeError:
        return None
    if any(len(k) != n or t.count(_VELD) != max(n - 1, 0) or _KOLOM in t for k, t in zip(kolommen, teksten, strict=True)):
        return None
    return _KOLOM.join([str(n), *teksten])


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


def bewaar(db: pw.Database, sleutel: str, kolommen: list[list[str]]) -> bool:
    """Store the rows read after `reserveer(sleutel)` (columns of text, all of one length), unless a write
    emptied the table meanwhile."""
    if (tekst := _als_tekst(kolommen)) is None:
        log.info("list cache not stored: a value holds a separator")
        return False
    inhoud = zlib.compress(tekst.encode(), 1)
    try:
        with db.atomic("IMMEDIATE"):
            cursor = db.execute_sql(f'UPDATE "{TABEL}" SET "inhoud" = ? WHERE "sleutel" = ? AND "inhoud" IS NULL',
                                    (inhoud, sleutel))
            return cursor.rowcount == 1
    except pw.DatabaseError as exc:
        log.info("list cache not stored: %s", type(exc).__name__)
        return False
