"""The school's lesuurtijden (bell times) and how a period of absence becomes hours per lesdag.

Somtoday and many ziekmeldingen give absence as a period – begin and end, each a date and a time – where
the verzuim rules count hours per day. A period counts, on each lesdag it touches, the lesuren it covers:

- a lesuur counts when the period covers at least half of it (someone who leaves at 10:00 has missed little
  of the lesuur 9:20–10:10 and most of a lesuur 9:50–10:40);
- each lesuur counts as one hour, as a line per lesuur in a Magister export does (FORMATEN.md, `lesuur`),
  and a day never counts more than the school's uren per lesdag (a full day is a whole day of verzuim);
- only lesdagen of the school calendar count: weekends, vacations, holidays and vrije dagen add nothing;
- a period ends at its end moment: "until 00:00 of Tuesday" ends on Monday evening.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import formaat
from .errors import InvoerFout

MAX_LESUREN = 12
_DAG = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Lesuur:
    begin: time
    eind: time

    @property
    def tekst(self) -> str:
        return f"{formaat.tijd(self.begin)}–{formaat.tijd(self.eind)}"


def _lesuren(*paren: tuple[str, str]) -> tuple[Lesuur, ...]:
    return tuple(Lesuur(time.fromisoformat(b), time.fromisoformat(e)) for b, e in paren)


# A common VO day: 50-minute lessons, a break after the 2nd and 6th, lunch after the 4th.
STANDAARD_LESUURTIJDEN = _lesuren(
    ("08:30", "09:20"), ("09:20", "10:10"), ("10:30", "11:20"), ("11:20", "12:10"),
    ("12:40", "13:30"), ("13:30", "14:20"), ("14:35", "15:25"), ("15:25", "16:15"))

_TIJD = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def parse_tijd(tekst: str) -> time:
    """"8:30", "08:30" or "8.30"; ValueError otherwise."""
    m = _TIJD.fullmatch(tekst.strip())
    if m is None:
        raise ValueError(tekst)
    return time(int(m.group(1)), int(m.group(2)))


def lesuurtijden(paren: Iterable[tuple[str, str]]) -> tuple[Lesuur, ...]:
    """The bell times as typed (begin, eind per lesuur, in order), checked; InvoerFout naming each lesuur to fix.

    Every lesuur needs a begin before its end, and each begins when the one before has ended (no overlap;
    a break between them is fine). At least one lesuur, at most MAX_LESUREN.
    """
    fouten: dict[str, str] = {}
    uren: list[Lesuur] = []
    for i, (begin, eind) in enumerate(paren, start=1):
        try:
            lesuur = Lesuur(parse_tijd(begin), parse_tijd(eind))
        except ValueError:
            fouten[f"lesuur{i}"] = (f"Lesuur {i}: schrijf begin en einde als uren en minuten, "
                                    "bijvoorbeeld 8:30 en 9:20.")
            continue
        if lesuur.eind <= lesuur.begin:
            fouten[f"lesuur{i}"] = f"Lesuur {i}: het einde ({formaat.tijd(lesuur.eind)}) moet na het begin ({formaat.tijd(lesuur.begin)}) liggen."
        elif uren and f"lesuur{i - 1}" not in fouten and lesuur.begin < uren[-1].eind:
            fouten[f"lesuur{i}"] = (f"Lesuur {i} begint ({formaat.tijd(lesuur.begin)}) voordat lesuur {i - 1} eindigt "
                                    f"({formaat.tijd(uren[-1].eind)}). Lesuren mogen niet overlappen en staan op volgorde.")
        uren.append(lesuur)
    if not uren and not fouten:
        fouten[""] = "Vul minstens één lesuur in."
    elif len(uren) > MAX_LESUREN:
        fouten[""] = f"Een lesdag heeft hier hoogstens {MAX_LESUREN} lesuren."
    if fouten:
        raise InvoerFout(fouten)
    return tuple(uren)


def naar_json(lesuren: Sequence[Lesuur]) -> list[list[str]]:
    return [[formaat.tijd(u.begin), formaat.tijd(u.eind)] for u in lesuren]


def uit_json(data: Iterable[Sequence[str]]) -> tuple[Lesuur, ...]:
    return lesuurtijden((b, e) for b, e in data)


def _minuten(t: time) -> int:
    return t.hour * 60 + t.minute


def uren_per_lesdag(begin: datetime, eind: datetime, lesuren: Sequence[Lesuur],
                    is_lesdag: Callable[[date], bool], max_uren: float) -> dict[date, float]:
    """Hours of absence per lesdag that the period [begin, eind) touches (0.0 for a lesdag it touches without
    covering half a lesuur): the lesuren covered for at least half, one hour each, at most `max_uren`."""
    if eind <= begin:
        raise ValueError("eind ligt niet na begin")
    grenzen = [(_minuten(u.begin), _minuten(u.eind)) for u in lesuren]
    uit: dict[date, float] = {}
    d = begin.date()
    while datetime.combine(d, time(0)) < eind:
        if is_lesdag(d):
            middernacht = datetime.combine(d, time(0))
            # the period within this day, in minutes since midnight (a day is 1440 minutes)
            van = max(0.0, (begin - middernacht).total_seconds() / 60)
            tot = min(1440.0, (eind - middernacht).total_seconds() / 60)
            geteld = sum(1 for b, e in grenzen if 2 * (min(tot, e) - max(van, b)) >= e - b)
            uit[d] = float(min(geteld, max_uren))
        d += _DAG
    return uit
