""""Werkt het?": the verzuimpercentage in the 6 lesweken before and after an intervention started.

Definitions (the same in the app, the PDF and the tests):

- A lesweek is a calendar week (Monday–Sunday) with at least one lesdag; weeks without lesdagen
  (a vacation) are skipped, so a window of 6 lesweken can span a vacation.
- The start week is the lesweek that holds the intervention's start `van` – or, when that week has no
  lesdag, the first lesweek after it. The start week belongs to "after".
- "Before" = the 6 lesweken before the start week; "after" = the start week and the 5 lesweken after it.
  All lesdagen of those weeks count, also the days of the start week before `van`.
- Percentage = 100 × verzuimde lesuren / geplande lesuren over the window's lesdagen, where a day's
  verzuim counts at most one whole day (dagduur) and geplande lesuren = lesdagen × dagduur; one
  decimal, halves away from zero (as the Kearney level).
- A window is complete only when all its lesdagen fall within the known verzuim (from `vanaf`, the
  inschrijfdatum, through `tot`, "verzuim bijgewerkt t/m"); otherwise its percentage is None with the
  reason ("nog te kort" for an "after" still running).
- Per type for the school the averages are taken over the interventions with both windows complete, so
  before and after compare the same students; the others are counted but not averaged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .kalender import SchoolCalendar

LESWEKEN = 6
NOG_TE_KORT = "nog te kort"
TE_WEINIG_ERVOOR = "te weinig lesweken ervoor"
VOETNOOT = ("Gemiddelden alleen over interventies met 6 volledige lesweken ervoor én erna "
            "(verzuim bekend t/m de laatste lesdag); de andere tellen wel mee in 'aantal'.")

def verschil_tekst(x: float | None, *, richting: bool = False) -> str:
    """The difference after − before with its unit: "+7,8 procentpunt"; with `richting` also what it means –
    higher is worse: "+7,8 procentpunt: meer verzuim"."""
    if x is None:
        return "–"
    tekst = f"{x:+.1f}".replace(".", ",") + " procentpunt"
    if not richting:
        return tekst
    return tekst + (": meer verzuim" if x > 0.05 else ": minder verzuim" if x < -0.05 else ": gelijk")


# Six lesweken around the start plus the longest vacation (zomer, ~7 weeks) fit easily in this margin.
_MARGE = timedelta(weeks=26)


@dataclass(frozen=True)
class Venster:
    """One window of 6 lesweken."""

    van: date  # its first lesdag
    tot: date  # its last lesdag
    lesdagen: int
    gepland_uren: float
    verzuimd_uren: float  # over the lesdagen with known verzuim
    percentage: float | None  # None: not complete
    reden: str = ""  # why not complete

    @property
    def compleet(self) -> bool:
        return self.percentage is not None

    def tekst(self) -> str:
        return self.reden if self.percentage is None else f"{self.percentage:.1f}%".replace(".", ",")


@dataclass(frozen=True)
class Effect:
    soort: str
    van: date  # the intervention's start
    tot: date | None  # its planned end
    startweek: date  # Monday of the start week
    voor: Venster
    na: Venster

    @property
    def verschil(self) -> float | None:
        if self.voor.percentage is None or self.na.percentage is None:
            return None
        return round(self.na.percentage - self.voor.percentage, 1)


@dataclass(frozen=True)
class EffectPerSoort:
    soort: str
    aantal: int
    meegeteld: int  # with both windows complete: the averages are over these
    gemiddeld_voor: float | None
    gemiddeld_na: float | None

    @property
    def verschil(self) -> float | None:
        if self.gemiddeld_voor is None or self.gemiddeld_na is None:
            return None
        return round(self.gemiddeld_na - self.gemiddeld_voor, 1)


def _rond(x: float) -> float:
    return float(Decimal(repr(round(x, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percentage(verzuimd: float, gepland: float) -> float:
    """100 × verzuimd / gepland, one decimal, halves away from zero (0 when nothing was planned)."""
    return _rond(100 * verzuimd / gepland) if gepland else 0.0


def lesweken_rond(cal: SchoolCalendar, van: date) -> tuple[date, list[list[date]], list[list[date]]]:
    """(Monday of the start week, the 6 lesweken before, the 6 from the start week) as lists of lesdagen.

    Fewer weeks when the calendar has no more (it always has: weekdays without data are lesdagen)."""
    maandag = van - timedelta(days=van.weekday())
    t = cal.tabel(maandag - _MARGE, maandag + _MARGE)
    start = t.positie_vanaf(maandag)
    if start >= len(t.dagen):
        return maandag, [], []
    week = t.weken[start]
    startmaandag = t.dagen[start] - timedelta(days=t.dagen[start].weekday())
    per_week: dict[int, list[date]] = {}
    lo = t.positie_vanaf(maandag - _MARGE)
    hi = t.positie_tot(maandag + _MARGE)
    for i in range(lo, hi + 1):
        w = t.weken[i]
        if week - LESWEKEN <= w < week + LESWEKEN:
            per_week.setdefault(w, []).append(t.dagen[i])
    voor = [per_week[w] for w in range(week - LESWEKEN, week) if w in per_week]
    na = [per_week[w] for w in range(week, week + LESWEKEN) if w in per_week]
    return startmaandag, voor, na


def _venster(weken: list[list[date]], uren: Mapping[date, float], dagduur: float, vanaf: date | None,
             tot: date, reden: str) -> Venster:
    dagen = [d for week in weken for d in week]
    if not dagen:
        return Venster(tot, tot, 0, 0.0, 0.0, None, reden)
    gepland = len(dagen) * dagduur
    bekend = [d for d in dagen if (vanaf is None or d >= vanaf) and d <= tot]
    verzuimd = math.fsum(min(uren.get(d, 0.0), dagduur) for d in bekend)
    compleet = len(weken) == LESWEKEN and len(bekend) == len(dagen)
    pct = percentage(verzuimd, gepland) if compleet and gepland else None
    return Venster(dagen[0], dagen[-1], len(dagen), gepland, verzuimd, pct, "" if pct is not None else reden)


def effect(cal: SchoolCalendar, soort: str, van: date, uren: Mapping[date, float], dagduur: float, *,
           tot: date, vanaf: date | None = None, eind: date | None = None) -> Effect:
    """Before and after of one intervention starting `van` (planned end `eind`).

    `uren`: the student's verzuim per day (all redenen, hours); `tot`: verzuim known through this day;
    `vanaf`: the student's inschrijfdatum (lesdagen before it do not count as known).
    """
    startweek, voor, na = lesweken_rond(cal, van)
    return Effect(soort, van, eind, startweek,
                  _venster(voor, uren, dagduur, vanaf, tot, TE_WEINIG_ERVOOR),
                  _venster(na, uren, dagduur, vanaf, tot, NOG_TE_KORT))


def per_soort(effecten: Iterable[Effect]) -> list[EffectPerSoort]:
    """Count and averages per type of intervention (types compared without case and extra spaces),
    sorted by type; averages over the interventions with both windows complete."""
    groepen: dict[str, list[Effect]] = {}
    namen: dict[str, str] = {}
    for e in effecten:
        sleutel = " ".join(e.soort.split()).casefold()
        namen.setdefault(sleutel, " ".join(e.soort.split()))
        groepen.setdefault(sleutel, []).append(e)
    uit = []
    for sleutel in sorted(groepen):
        groep = groepen[sleutel]
        vol = [(e.voor.percentage, e.na.percentage) for e in groep
               if e.voor.percentage is not None and e.na.percentage is not None]
        gem_voor = _rond(math.fsum(voor for voor, _ in vol) / len(vol)) if vol else None
        gem_na = _rond(math.fsum(na for _, na in vol) / len(vol)) if vol else None
        uit.append(EffectPerSoort(namen[sleutel], len(groep), len(vol), gem_voor, gem_na))
    return uit


__all__ = ["LESWEKEN", "NOG_TE_KORT", "TE_WEINIG_ERVOOR", "VOETNOOT", "Effect", "EffectPerSoort", "Venster",
           "effect", "lesweken_rond", "per_soort",
           "percentage", "verschil_tekst"]
