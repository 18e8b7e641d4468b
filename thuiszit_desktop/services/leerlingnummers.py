"""A student by leerlingnummer as a user types it, and numbers in the register that are one number.

Stored numbers are normalised (domain: `normaliseer_leerlingnummer`; schema step 7 did it for older
databases), so `000123` typed finds `123`. Schema step 7 left two students alone when their numbers
normalise to the same one – most likely one child imported twice, once with and once without leading
zeros – rather than merging two dossiers unasked. Such a pair stays findable by each number exactly as
stored, and every import refuses (`weiger_dubbele`) naming both, until one of them gets another number.
Call inside a service method.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..db import models as m
from ..domain.errors import InvoerFout
from ..domain.leerling import normaliseer_leerlingnummer

_binnen_aanroep = threading.local()  # `rijen`: number → (changes counter, row), within one service call


@contextmanager
def onthouden(wijzigingen: Callable[[], int]) -> Iterator[None]:
    """Within one service call (services/toegang.py wraps each): the student is read once, though the role
    check, the audit entry and the method itself each look them up. Forgotten when the call ends, and as soon
    as it has written anything (`wijzigingen()`, the connection's count of changed rows, moved): a number or
    klas may have changed. A nested call shares the outer one's."""
    if getattr(_binnen_aanroep, "rijen", None) is not None:
        yield
        return
    _binnen_aanroep.rijen, _binnen_aanroep.wijzigingen = {}, wijzigingen
    try:
        yield
    finally:
        _binnen_aanroep.rijen = None


def zoek(nummer: object) -> m.Leerling | None:
    """The student with this number: as stored, else as normalised ("000123" and "123.0" find "123")."""
    tekst = str(nummer).strip()
    if not tekst:
        return None
    rijen = getattr(_binnen_aanroep, "rijen", None)
    if rijen is not None:
        teller = _binnen_aanroep.wijzigingen()
        if (gevonden := rijen.get(tekst)) is not None and gevonden[0] == teller:
            return gevonden[1]
    row = _met_nummer(tekst)
    if row is None and (norm := normaliseer_leerlingnummer(tekst)) != tekst:
        row = _met_nummer(norm)
    if rijen is not None and row is not None:
        rijen[tekst] = (teller, row)
    return row


_ZOEK_SQL: dict[type, str] = {}  # per kind of database (the file, a server): the SELECT of `_met_nummer`


def _met_nummer(nummer: str) -> m.Leerling | None:
    """The student stored with exactly this number. The SELECT is built once: peewee takes some 0.25 ms to
    build it, and opening a student looks a number up three times – a third of the service time of opening
    (issue 16). The same query as `get_or_none(leerlingnummer == nummer)`, rows read the same way."""
    soort = type(m.database.obj)
    sql = _ZOEK_SQL.get(soort)
    if sql is None:
        sql = _ZOEK_SQL[soort] = m.Leerling.select().where(m.Leerling.leerlingnummer == "").limit(1).sql()[0]
    return next(iter(m.Leerling.raw(sql, nummer, 1)), None)


def id_van(nummer: object) -> int | None:
    row = zoek(nummer)
    return None if row is None else row.id


def dubbele() -> list[list[m.Leerling]]:
    """Groups of two or more students whose numbers normalise to the same number."""
    per_nummer: dict[str, list[int]] = defaultdict(list)
    for id_, nummer in m.Leerling.select(m.Leerling.id, m.Leerling.leerlingnummer).tuples():
        per_nummer[normaliseer_leerlingnummer(nummer)].append(id_)
    groepen = [ids for ids in per_nummer.values() if len(ids) > 1]
    if not groepen:
        return []
    rows = {r.id: r for r in m.Leerling.select().where(m.Leerling.id.in_([i for g in groepen for i in g]))}
    return [[rows[i] for i in sorted(g)] for g in groepen]


def _wie(row: m.Leerling) -> str:
    return f"{row.leerlingnummer} ({row.naam}{', ' + row.klas if row.klas else ''})"


def weiger_dubbele() -> None:
    """InvoerFout naming every pair of students that share one number, so an import cannot guess which."""
    groepen = dubbele()
    if groepen:
        paren = "; ".join(" en ".join(_wie(r) for r in g) for g in groepen)
        raise InvoerFout(
            f"In het leerlingenregister hebben leerlingen hetzelfde leerlingnummer, met en zonder nullen ervoor: "
            f"{paren}. Het programma weet dan niet bij wie een regel hoort. Is het dezelfde leerling, zet de "
            "gegevens dan bij één van de twee en geef de ander een ander nummer (Leerlingen › Bewerken); "
            "importeer daarna opnieuw.")
