"""A student's timeline: its kinds of events, their order on one day, and absence merged into periods.
Pure: no database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from . import formaat
from .verzuim import Reden


class Tijdlijnsoort(StrEnum):
    TRAJECT = "traject"  # opened or closed
    STAP = "stap"
    SIGNAAL = "signaal"
    VERZUIM = "verzuim"
    MELDING = "melding"
    MAZL = "mazl"
    GESPREK = "gesprek"
    MDO = "mdo"
    BESLUIT = "besluit"
    ACTIEPUNT = "actiepunt"
    NAZORG = "nazorg"

    @property
    def label(self) -> str:
        return {
            "traject": "Traject", "stap": "Stap", "signaal": "Signaal", "verzuim": "Verzuim",
            "melding": "Verzuimmelding", "mazl": "M@zl", "gesprek": "Gesprek", "mdo": "MDO",
            "besluit": "Besluit", "actiepunt": "Actiepunt", "nazorg": "Nazorg",
        }[self.value]


_VOLGORDE = {s: i for i, s in enumerate(Tijdlijnsoort)}


@dataclass(frozen=True)
class Gebeurtenis:
    """One line of a student's timeline. `referentie` is "soort:id" of what it points to."""

    datum: date
    soort: Tijdlijnsoort
    titel: str
    detail: str = ""
    referentie: str = ""
    vertrouwelijk: bool = False


def sorteer_tijdlijn(gebeurtenissen: Iterable[Gebeurtenis]) -> list[Gebeurtenis]:
    """Chronological; on one day a traject opening before its step changes, signals before verzuim …
    (the order of Tijdlijnsoort), then by reference so the order is stable."""
    return sorted(gebeurtenissen, key=lambda g: (g.datum, _VOLGORDE[g.soort], _ref_sleutel(g.referentie)))


def _ref_sleutel(ref: str) -> tuple:
    soort, _, rest = ref.partition(":")
    return (soort, int(rest)) if rest.isdigit() else (soort, 0, rest)


def filter_tijdlijn(gebeurtenissen: Iterable[Gebeurtenis],
                    soorten: Iterable[Tijdlijnsoort | str] | None) -> list[Gebeurtenis]:
    if soorten is None:
        return list(gebeurtenissen)
    gekozen = {Tijdlijnsoort(s) for s in soorten}
    return [g for g in gebeurtenissen if g.soort in gekozen]


@dataclass(frozen=True)
class Verzuimperiode:
    """Consecutive lesdagen with absence, merged: the hours per reden over the whole period."""

    van: date
    tot: date
    uren: Mapping[Reden, float]

    @property
    def titel(self) -> str:
        fmt = formaat.korte_datum if self.van.year == self.tot.year else formaat.datum
        wanneer = fmt(self.van) if self.van == self.tot else f"{fmt(self.van)} t/m {fmt(self.tot)}"
        return f"Afwezig {wanneer} ({self.detail})"

    @property
    def detail(self) -> str:
        return ", ".join(f"{r.label.lower()} {formaat.uren(u)} uur"
                         for r, u in sorted(self.uren.items(), key=lambda x: list(Reden).index(x[0])) if u > 0)


def verzuimperiodes(dagen: Mapping[date, Mapping[Reden, float]],
                    is_lesdag: Callable[[date], bool]) -> list[Verzuimperiode]:
    """Merge days with absence into periods: two absence days belong together when no lesdag without
    absence lies between them (weekends, vacations and vrije dagen do not break a period)."""
    uit: list[Verzuimperiode] = []
    van: date | None = None
    tot: date | None = None
    som: dict[Reden, float] = {}
    for d in sorted(d for d, u in dagen.items() if sum(u.values()) > 0):
        if van is not None and tot is not None and _lesdag_tussen(tot, d, is_lesdag):
            uit.append(Verzuimperiode(van, tot, som))
            van, som = None, {}
        if van is None:
            van = d
        tot = d
        for r, u in dagen[d].items():
            som[r] = som.get(r, 0.0) + u
    if van is not None and tot is not None:
        uit.append(Verzuimperiode(van, tot, som))
    return uit


def _lesdag_tussen(a: date, b: date, is_lesdag: Callable[[date], bool]) -> bool:
    d = a + timedelta(days=1)
    while d < b:
        if is_lesdag(d):
            return True
        d += timedelta(days=1)
    return False


__all__ = ["Gebeurtenis", "Tijdlijnsoort", "Verzuimperiode", "filter_tijdlijn", "sorteer_tijdlijn",
           "verzuimperiodes"]
