"""Trends over a school year, month by month, from the signal rules of SIGNALEN.md.

For speed the rules are evaluated once per month end (not per day): for each month of the school year
(August–July, up to the month of `tot`, "verzuim bijgewerkt t/m") the peildatum is the last day of the
month, or `tot` for the last month. Per month:

- per level: the students at each Kearney level on that peildatum;
- per signal: the students for whom that signal holds on that peildatum (the month's end);
- thuiszitters in: thuiszitter episodes (a student with a `sinds`) that hold at this month end and did
  not at the previous one (for August: 31 July); out: the other way round. An episode that starts and
  ends between two month ends is not seen – the price of evaluating per month.
"""

from __future__ import annotations

import calendar as _stdcal
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .calendar import SchoolCalendar
from .leerling import Leerling
from .signals import Niveau, Signaal, SignaalInstellingen, SignaalSoort, schoolbreed
from .verzuim import MazlActie, Reden, Verzuimmelding, VerzuimRecord

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


def samenvatten(peildatum: date, signalen: list[Signaal], niveaus: list[Niveau],
                vorige: set[tuple[str, date]]) -> tuple[Maand, set[tuple[str, date]]]:
    """One month from the signals and levels at its peildatum; returns it and its thuiszitter episodes."""
    niveau = Counter(n.niveau for n in niveaus)
    soorten: dict[SignaalSoort, set[str]] = {s: set() for s in SignaalSoort}
    for s in signalen:
        soorten[s.soort].add(s.leerlingnummer)
    nu = _thuiszitters(signalen)
    maand = Maand(peildatum.year, peildatum.month, peildatum, {k: niveau.get(k, 0) for k in (1, 2, 3)},
                  {s: len(nrs) for s, nrs in soorten.items()}, len(nu - vorige), len(vorige - nu))
    return maand, nu


def _over_de_grens(op_grens: list[VerzuimRecord], inst: SignaalInstellingen) -> bool:
    return (sum(r.uren for r in op_grens) >= inst.uren_per_lesdag - 1e-9
            or any(r.reden is Reden.ZIEK for r in op_grens))


def trends(cal: SchoolCalendar, inst: SignaalInstellingen, leerlingen: Iterable[Leerling],
           verzuim_per_leerling: Mapping[str, Iterable[VerzuimRecord]],
           meldingen_per_leerling: Mapping[str, Iterable[Verzuimmelding]],
           mazl_per_leerling: Mapping[str, Iterable[MazlActie]], schooljaar: int, tot: date) -> Trends:
    """Month by month for the school year starting 1 August `schooljaar`, through `tot`.

    The verzuim must hold what the rules need at every peildatum (31 July before the year included).
    """
    leerlingen = list(leerlingen)
    alles = {nr: list(records) for nr, records in verzuim_per_leerling.items()}
    begin = date(schooljaar, 8, 1)
    dit_jaar = {nr: [r for r in records if r.datum >= begin] for nr, records in alles.items()}
    eerste = next(iter(cal.lesdagen(begin, date(schooljaar + 1, 7, 31))), None)
    # Once the year has had its first lesdag G, the rules read verzuim before the year only for a student
    # absent the whole day on G or ill on G (a run crossing G; see services/signalen.py `_grens`). Giving the
    # others just this year's records keeps each evaluation to one year of data: the same result, faster.
    verder = {nr for nr, records in alles.items()
              if eerste is not None and _over_de_grens([r for r in records if r.datum == eerste], inst)}
    beperkt = {nr: (alles[nr] if nr in verder else dit_jaar[nr]) for nr in alles}

    def op(p: date) -> tuple[list[Signaal], list[Niveau]]:
        verzuim = beperkt if eerste is not None and eerste <= p else alles
        return schoolbreed(cal, inst, leerlingen, verzuim, meldingen_per_leerling, mazl_per_leerling, p)

    # 31 July only for the thuiszitters there: a run of whole days ongeoorloofd up to the last lesdag
    # before it, so only students absent that whole day need the rules.
    juli = begin - timedelta(days=1)
    laatste = cal.lesdagen(juli - timedelta(days=120), juli)[-1:]
    kandidaten = {nr for nr, records in alles.items() if laatste and math.fsum(
        r.uren for r in records if r.datum == laatste[0] and r.reden is Reden.ONGEOORLOOFD)
        >= inst.uren_per_lesdag - 1e-9}
    vorige = _thuiszitters(schoolbreed(cal, inst, [ll for ll in leerlingen if ll.leerlingnummer in kandidaten],
                                       alles, meldingen_per_leerling, mazl_per_leerling, juli)[0])
    maanden = []
    for p in peildata(schooljaar, tot):
        maand, vorige = samenvatten(p, *op(p), vorige)
        maanden.append(maand)
    return Trends(schooljaar, min(tot, date(schooljaar + 1, 7, 31)), maanden)


__all__ = ["MAANDNAMEN", "Maand", "Trends", "peildata", "samenvatten", "trends"]
