"""A student by leerlingnummer as a user types it, and numbers in the register that are one number.

Stored numbers are normalised (domain: `normaliseer_leerlingnummer`; schema step 7 did it for older
databases), so `000123` typed finds `123`. Schema step 7 left two students alone when their numbers
normalise to the same one – most likely one child imported twice, once with and once without leading
zeros – rather than merging two dossiers unasked. Such a pair stays findable by each number exactly as
stored, and every import refuses (`weiger_dubbele`) naming both, until one of them gets another number.
Call inside a service method.
"""

from __future__ import annotations

from collections import defaultdict

from ..db import models as m
from ..domain.errors import InvoerFout
from ..domain.leerling import normaliseer_leerlingnummer


def zoek(nummer: object) -> m.Leerling | None:
    """The student with this number: as stored, else as normalised ("000123" and "123.0" find "123")."""
    tekst = str(nummer).strip()
    if not tekst:
        return None
    row = m.Leerling.get_or_none(m.Leerling.leerlingnummer == tekst)
    if row is None and (norm := normaliseer_leerlingnummer(tekst)) != tekst:
        row = m.Leerling.get_or_none(m.Leerling.leerlingnummer == norm)
    return row


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
