"""Trends over a school year, month by month, from the signal rules of SIGNALEN.md.

The rules are evaluated at each month end (not per day) – in one pass per student (`signalen.standen`): for
each month of the school year (August–July, up to the month of `tot`, "verzuim bijgewerkt t/m") the peildatum
is the last day of the month, or `tot` for the last month. Per month:

- per level: the students at each Kearney level on that peildatum;
- per signal: the students for whom that signal holds on that peildatum (the month's end);
- thuiszitters in: thuiszitter episodes (a student with a `sinds`) that hold at this month end and did
  not at the previous one (for August: 31 July); out: the other way round. An episode that starts and
  ends between two month ends is not seen – the price of evaluating per month.
"""

from __future__ import annotations

import calendar as _stdcal
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .kalender import LesdagTabel, SchoolCalendar
from .leerling import Leerling
from .signalen import (
    Dagen,
    Signaal,
    SignaalInstellingen,
    SignaalSoort,
    dagen_per_leerling,
    signalen_op,
    standen,
)
from .verzuim import MazlActie, Verzuimmelding, VerzuimRecord

MAANDNAMEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Maand:
    jaar: int
    maand: int
    peildatum: date
    per_niveau: dict[int, int]  # 1, 2, 3 → students
    per_signaal: dict[SignaalSoort, int]  # every soort, 0 included
    thuiszitters_in: int
    thuiszitters_uit: int

    @property
    def label(self) -> str:
        return MAANDNAMEN[self.maand - 1]

    def to_dict(self) -> dict:
        return {"maand": f"{self.jaar}-{self.maand:02d}", "peildatum": self.peildatum.isoformat(),
                "per_niveau": {str(k): v for k, v in self.per_niveau.items()},
                "per_signaal": {s.value: n for s, n in self.per_signaal.items()},
                "thuiszitters_in": self.thuiszitters_in, "thuiszitters_uit": self.thuiszitters_uit}


@dataclass(frozen=True)
class Trends:
    schooljaar: int  # the year it starts: 2026 = 2026-2027
    tot: date  # the last peildatum
    maanden: list[Maand] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.schooljaar}-{self.schooljaar + 1}"

    def to_dict(self) -> dict:
        return {"schooljaar": self.label, "tot": self.tot.isoformat(), "maanden": [m.to_dict() for m in self.maanden]}


def peildata(schooljaar: int, tot: date) -> list[date]:
    """The month ends of the school year up to `tot` (the last one is `tot` itself when it falls within
    a month); empty when `tot` lies before the school year."""
    uit = []
    for i in range(12):
        jaar, maand = (schooljaar, 8 + i) if i < 5 else (schooljaar + 1, i - 4)
        eerste = date(jaar, maand, 1)
        if eerste > tot:
            break
        uit.append(min(date(jaar, maand, _stdcal.monthrange(jaar, maand)[1]), tot))
    return uit


def _thuiszitters(signalen: Iterable[Signaal]) -> set[tuple[str, date]]:
    return {(s.leerlingnummer, s.sinds) for s in signalen if s.soort is SignaalSoort.THUISZITTER}


def trends(cal: SchoolCalendar, inst: SignaalInstellingen, leerlingen: Iterable[Leerling],
           verzuim_per_leerling: Mapping[str, Iterable[VerzuimRecord]],
           meldingen_per_leerling: Mapping[str, Iterable[Verzuimmelding]],
           mazl_per_leerling: Mapping[str, Iterable[MazlActie]], schooljaar: int, tot: date) -> Trends:
    """Month by month for the school year starting 1 August `schooljaar`, through `tot`.

    The verzuim must hold what the rules need at every peildatum (31 July before the year included).
    """
    tabel, dagen = dagen_per_leerling(cal, verzuim_per_leerling, max(tot, date(schooljaar, 7, 31)))
    return trends_dagen(cal, inst, leerlingen, tabel, dagen, meldingen_per_leerling, mazl_per_leerling,
                        schooljaar, tot)


def trends_dagen(cal: SchoolCalendar, inst: SignaalInstellingen, leerlingen: Iterable[Leerling],
                 tabel: LesdagTabel, dagen_per_leerling: Mapping[str, Dagen],
                 meldingen_per_leerling: Mapping[str, Iterable[Verzuimmelding]],
                 mazl_per_leerling: Mapping[str, Iterable[MazlActie]], schooljaar: int, tot: date) -> Trends:
    """`trends` from the hours per lesdag position of `tabel` (as `schoolbreed_dagen`): each student once, with
    the signals and level at every month end from `standen` (one pass over their days, not one per month)."""
    eind = min(tot, date(schooljaar + 1, 7, 31))
    data = peildata(schooljaar, tot)
    if not data:
        return Trends(schooljaar, eind, [])
    leeg: Dagen = ({}, {}, {})
    per_niveau: list[Counter[int]] = [Counter() for _ in data]
    per_signaal: list[dict[SignaalSoort, int]] = [dict.fromkeys(SignaalSoort, 0) for _ in data]
    thuis: list[set[tuple[str, date]]] = [set() for _ in data]
    # 31 July before the year, for the thuiszitters "in" in August: a run of whole days ongeoorloofd up to the
    # last lesdag before it, so only students absent that whole day need the rule.
    juli = date(schooljaar, 7, 31)
    laatste_juli = tabel.positie_tot(juli)
    laatsten = [tabel.positie_tot(p) for p in data]
    drempel = inst.uren_per_lesdag - 1e-9
    vorige: set[tuple[str, date]] = set()
    for leerling in leerlingen:
        nr = leerling.leerlingnummer
        d = dagen_per_leerling.get(nr, leeg)
        if d[0].get(laatste_juli, 0.0) >= drempel:
            s = signalen_op(cal, inst, leerling, tabel, d, meldingen_per_leerling.get(nr, ()),
                            mazl_per_leerling.get(nr, ()), juli)
            vorige |= _thuiszitters(s)
        for k, stand in enumerate(standen(cal, inst, leerling, tabel, d, meldingen_per_leerling.get(nr, ()),
                                          mazl_per_leerling.get(nr, ()), data, laatsten)):
            if stand.niveau is not None:
                per_niveau[k][stand.niveau] += 1
            for soort in stand.soorten:
                per_signaal[k][soort] += 1
            if stand.thuiszitter_sinds is not None:
                thuis[k].add((nr, stand.thuiszitter_sinds))
    maanden = []
    for k, p in enumerate(data):
        maanden.append(Maand(p.year, p.month, p, {n: per_niveau[k].get(n, 0) for n in (1, 2, 3)}, per_signaal[k],
                             len(thuis[k] - vorige), len(vorige - thuis[k])))
        vorige = thuis[k]
    return Trends(schooljaar, eind, maanden)


__all__ = ["MAANDNAMEN", "Maand", "Trends", "peildata", "trends", "trends_dagen"]
