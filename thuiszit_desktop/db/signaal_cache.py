"""The last whole-school signals and levels, kept in the file between sessions (issue 16: Vandaag and the
list's levels at once after login, where computing them for 20,000 students takes seconds).

Never stale, by the file itself: step 10 of db/migrations.py puts a trigger on every table but the audit
trail, the drafts and this one, so any insert, update or delete – through a service, an import, the command
line or an older program version that knows nothing of this table – empties it in the same transaction. A
result is stored in two steps: a row without content before the computation reads anything (`reserveer`),
its content after it (`bewaar`), which only lands while the row is still there – so a write that commits
while the computation runs is never hidden behind a result from before it. Everything else the result
depends on is in `sleutel`: the peildatum and the program's version (its rules and its vacation data).

Only in a file: a server has other writers this program does not see, and no triggers here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date

import peewee as pw

from ..domain.signalen import Niveau, Signaal, SignaalSoort

log = logging.getLogger(__name__)

TABEL = "signaal_cache"
# Tables whose changes cannot change a signal or level, so they have no such trigger (db/migrations.py step
# 10): the audit trail (written on every view), a user's unsaved drafts (written while typing), the caches.
NIET_GEVOLGD = frozenset({"audit_regel", "concept", TABEL, "lijst_cache"})
# How `inhoud` is written, in front of every stored key: a result kept in another form (an earlier version of
# this module) is then simply not found, and computed anew. The form: the number of signals, then one JSON
# array per line – the signals, then the levels.
_FORMAAT = "regels|"


def _op_server(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def lees(db: pw.Database, sleutel: str, gedeeld: dict | None = None) -> tuple[list[Signaal], list[Niveau]] | None:
    """The stored result for `sleutel`, or None (nothing stored, or a write emptied it since). `gedeeld`: where
    the one object per distinct value goes (below), for a caller that shares them further (a leerlingnummer)."""
    if _op_server(db):
        return None
    rij = db.execute_sql(f'SELECT "inhoud" FROM "{TABEL}" WHERE "sleutel" = ? AND "inhoud" IS NOT NULL',
                         (_FORMAAT + sleutel,)).fetchone()
    if rij is None:
        return None
    tekst: str = rij[0]
    del rij
    datums: dict[str, date] = {}  # a few hundred dates, shared

    def datum(tekst: str | None) -> date | None:
        if not tekst:
            return None
        if (d := datums.get(tekst)) is None:
            d = datums[tekst] = date.fromisoformat(tekst)
        return d

    # One line at a time: parsing the whole text at once made 14 MB of short-lived lists and strings at 20,000
    # students, interleaved with the objects that stay – memory Python could not give back (issue 16, peak RSS).
    # One object per distinct value, not one per signal and level: a leerlingnummer (1 MB at 20,000 students),
    # an explanation (half of them are another's word for word: M@zl, luxe verzuim), a percentage.
    gedeeld = {} if gedeeld is None else gedeeld
    deel = gedeeld.setdefault
    regels = _regels(tekst)
    signalen = []
    for _ in range(int(next(regels))):
        nr, soort, sinds, dag, uiterlijk, uitleg = json.loads(next(regels))
        signalen.append(Signaal(deel(nr, nr), SignaalSoort(soort), datum(sinds), datum(dag), datum(uiterlijk),
                                deel(uitleg, uitleg)))
    niveaus = []
    for regel in regels:
        nr, niveau, pct, zonder = json.loads(regel)
        niveaus.append(Niveau(deel(nr, nr), niveau, deel((type(pct), pct), pct), bool(zonder)))  # (not 0 for 0.0)
    return signalen, niveaus


def _regels(tekst: str) -> Iterator[str]:
    """The lines of `tekst`, one by one (not all of them as a list at once)."""
    begin = 0
    while begin < len(tekst):
        eind = tekst.find("\n", begin)
        if eind < 0:
            eind = len(tekst)
        yield tekst[begin:eind]
        begin = eind + 1


def reserveer(db: pw.Database, sleutel: str) -> bool:
    """Before a computation reads the data: an empty row for `sleutel` in place of whatever was stored. False
    when it cannot be written now (a server, a busy or read-only file): then nothing is stored afterwards."""
    if _op_server(db):
        return False
    try:
        with db.atomic("IMMEDIATE"):
            db.execute_sql(f'DELETE FROM "{TABEL}"')
            db.execute_sql(f'INSERT INTO "{TABEL}" ("sleutel", "inhoud") VALUES (?, NULL)', (_FORMAAT + sleutel,))
    except pw.DatabaseError as exc:  # the result is still computed and shown; only not kept
        log.info("signal cache not reserved: %s", type(exc).__name__)
        return False
    return True


def legen(db: pw.Database) -> None:
    with db.atomic():
        db.execute_sql(f'DELETE FROM "{TABEL}"')


def bewaar(db: pw.Database, sleutel: str, signalen: list[Signaal], niveaus: list[Niveau]) -> bool:
    """Store the result computed after `reserveer(sleutel)`, unless a write emptied the table meanwhile."""
    regels = [str(len(signalen))]
    regels += (json.dumps([s.leerlingnummer, s.soort.value, s.sinds.isoformat(), s.datum.isoformat(),
                           s.uiterlijk.isoformat() if s.uiterlijk else None, s.uitleg], separators=(",", ":"))
               for s in signalen)
    regels += (json.dumps([n.leerlingnummer, n.niveau, n.verzuimpercentage, n.zonder_verzuim], separators=(",", ":"))
               for n in niveaus)
    inhoud = "\n".join(regels)
    del regels
    try:
        with db.atomic("IMMEDIATE"):
            cursor = db.execute_sql(f'UPDATE "{TABEL}" SET "inhoud" = ? WHERE "sleutel" = ? AND "inhoud" IS NULL',
                                    (inhoud, _FORMAAT + sleutel))
            return cursor.rowcount == 1
    except pw.DatabaseError as exc:
        log.info("signal cache not stored: %s", type(exc).__name__)
        return False

