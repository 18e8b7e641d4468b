"""The school calendar: vacations, public holidays, vrije dagen, lesdagen and lesweken (SIGNALEN.md).

The signal rules ask "which lesdag is this", "how many lesdagen between" and "which lesweek" for
millions of records, so a calendar precomputes a `LesdagTabel` (lesdagen as a list, date → position,
position → lesweek number) over whole school years and lets the rules work on positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import formaat
from .errors import InvoerFout
from .leerling import schooljaar_start
from .school import Regio

_DAG = timedelta(days=1)

# Lesweek 1 is the first lesweek on or after this date when the calendar has no vacation data at all;
# otherwise numbering starts at the first school year the data covers.
_EPOCH_ZONDER_DATA = date(2020, 8, 1)

DAGSOORTEN = ("lesdag", "weekend", "vakantie", "feestdag", "vrije_dag")


@dataclass(frozen=True)
class Vakantie:
    """An official school vacation of one region, `van` through `tot` inclusive (Saturday–Sunday)."""

    soort: str  # "herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie"
    van: date
    tot: date
    verplicht: bool
    schooljaar: str  # "2026-2027"

    @property
    def naam(self) -> str:
        return self.soort[:1].upper() + self.soort[1:]

    def bevat(self, d: date) -> bool:
        return self.van <= d <= self.tot


def schooljaar_label(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def vakanties_from_data(data: Mapping, regio: Regio) -> list[Vakantie]:
    """The vacations of `regio` in the schoolvakanties.json structure, sorted by start date.

    Both "schoolyears" and "extra_schoolyears" are read; when a school year occurs in both, the entry in
    "schoolyears" (the checked one) wins. The optional extra meivakantie week is advice only and not
    a vacation unless the school enters it as vrije dagen.
    """
    regio_naam = Regio(regio).value
    gezien: set[tuple[str, str]] = set()
    vakanties: list[Vakantie] = []
    for jaar in [*data.get("schoolyears", []), *data.get("extra_schoolyears", [])]:
        label = jaar["schoolyear"]
        for v in jaar.get("vacations", []):
            sleutel = (label, v["type"])
            if sleutel in gezien:
                continue
            for r in v.get("regions", []):
                if r.get("region") == regio_naam:
                    vakanties.append(Vakantie(soort=v["type"], van=date.fromisoformat(r["startdate"]),
                                              tot=date.fromisoformat(r["enddate"]),
                                              verplicht=bool(v.get("compulsory", False)), schooljaar=label))
                    gezien.add(sleutel)
                    break
    vakanties.sort(key=lambda v: (v.van, v.tot))
    return vakanties


def apply_aanpassingen(vakanties: Iterable[Vakantie],
                       aanpassingen: Mapping[tuple[str, str], tuple[date, date]]) -> list[Vakantie]:
    """The vacations with the school's own dates for herfst/voorjaar: {(schooljaar, soort): (van, tot)}.

    Only advisory (non-verplichte) vacations may move. An adjustment for a vacation the data does not
    have is ignored, so an old setting for a school year that left the data file does no harm.
    """
    fouten: dict[str, str] = {}
    uit: list[Vakantie] = []
    for v in vakanties:
        nieuw = aanpassingen.get((v.schooljaar, v.soort))
        if nieuw is None:
            uit.append(v)
            continue
        van, tot = nieuw
        veld = f"{v.schooljaar} {v.soort}"
        if v.verplicht:
            fouten[veld] = (f"De {v.soort} {v.schooljaar} is een verplichte vakantie; "
                            "alleen de herfst- en voorjaarsvakantie kan de school verschuiven.")
        elif tot < van:
            fouten[veld] = f"{v.naam} {v.schooljaar}: de einddatum ligt vóór de begindatum."
        uit.append(replace(v, van=van, tot=tot))
    if fouten:
        raise InvoerFout(fouten)
    uit.sort(key=lambda v: (v.van, v.tot))
    return uit


def pasen(year: int) -> date:
    """Easter Sunday (Gregorian), the anonymous algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


def feestdagen(year: int) -> dict[date, str]:
    """The public holidays of the Algemene termijnenwet in `year` (date → Dutch name)."""
    p = pasen(year)
    koningsdag = date(year, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = date(year, 4, 26)
    dagen = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (p, "Eerste Paasdag"),
        (p + _DAG, "Tweede Paasdag"),
        (koningsdag, "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (p + timedelta(days=39), "Hemelvaartsdag"),
        (p + timedelta(days=49), "Eerste Pinksterdag"),
        (p + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    uit: dict[date, str] = {}
    for d, naam in dagen:
        # Hemelvaartsdag can fall on 5 May (2016, 2067): keep both names.
        uit[d] = f"{uit[d]} en {naam}" if d in uit else naam
    return uit


def _maandag(d: date) -> date:
    return d - timedelta(days=d.weekday())


class LesdagTabel:
    """Lesdagen over [lo, hi] (whole ISO weeks), precomputed; positions index `dagen`.

    `weken[i]` is the lesweek number of `dagen[i]`. The numbers are the calendar's (fixed epoch), so
    they agree between tables; positions only mean something within one table.
    """

    __slots__ = ("lo", "hi", "dagen", "index", "weken", "_lo_ord", "_telling", "_iso")

    def __init__(self, lo: date, hi: date, dagen: list[date], weken: list[int], telling: list[int]):
        self.lo = lo
        self.hi = hi
        self.dagen = dagen
        self.weken = weken
        self.index: dict[date, int] = {d: i for i, d in enumerate(dagen)}
        self._lo_ord = lo.toordinal()
        self._telling = telling  # _telling[j] = number of lesdagen before day lo + j
        self._iso: dict[str, int] | None = None

    def iso_index(self) -> dict[str, int]:
        """"2026-09-14" → position: the database hands dates over as ISO text."""
        if self._iso is None:
            self._iso = {d.isoformat(): i for i, d in enumerate(self.dagen)}
        return self._iso

    def covers(self, van: date, tot: date) -> bool:
        return self.lo <= van and tot <= self.hi

    def _voor(self, d: date) -> int:
        """Number of lesdagen in the table before d."""
        j = d.toordinal() - self._lo_ord
        if j <= 0:
            return 0
        if j >= len(self._telling):
            return len(self.dagen)
        return self._telling[j]

    def positie_vanaf(self, d: date) -> int:
        """Position of the first lesdag ≥ d (len(dagen) when there is none in the table)."""
        return self._voor(d)

    def positie_tot(self, d: date) -> int:
        """Position of the last lesdag ≤ d (-1 when there is none in the table)."""
        return self._voor(d + _DAG) - 1


class SchoolCalendar:
    """Lesdagen of one school: the region's vacations (with the school's own dates) and its vrije dagen.

    A school year the vacation data does not cover still has lesdagen (Monday–Friday without public
    holidays and vrije dagen) so nothing crashes; `covers_schooljaar` lets the UI say the data is missing.
    """

    def __init__(self, vakanties: Iterable[Vakantie], vrije_dagen: Mapping[date, str] | None = None):
        self.vakanties: tuple[Vakantie, ...] = tuple(sorted(vakanties, key=lambda v: (v.van, v.tot)))
        self.vrije_dagen: dict[date, str] = dict(vrije_dagen or {})
        self._vakantie_op: dict[date, Vakantie] = {}
        for v in self.vakanties:
            d = v.van
            while d <= v.tot:
                self._vakantie_op.setdefault(d, v)
                d += _DAG
        self._feestdagen: dict[int, dict[date, str]] = {}
        self._jaren = {v.schooljaar for v in self.vakanties}
        if self.vakanties:
            starts = [int(label[:4]) for label in self._jaren]
            self._epoch = date(min(starts), 8, 1)
            self._data_tot = date(max(starts) + 1, 7, 31)
        else:
            self._epoch = self._data_tot = _EPOCH_ZONDER_DATA
        self._tabel: LesdagTabel | None = None

    # --- single days ------------------------------------------------------------------------------

    def feestdagen(self, year: int) -> dict[date, str]:
        dagen = self._feestdagen.get(year)
        if dagen is None:
            dagen = self._feestdagen[year] = feestdagen(year)
        return dagen

    def vakantie(self, d: date) -> Vakantie | None:
        return self._vakantie_op.get(d)

    def is_werkdag(self, d: date) -> bool:
        """Monday–Friday and not a public holiday; vacation days and vrije dagen are werkdagen."""
        return d.weekday() < 5 and d not in self.feestdagen(d.year)

    def is_lesdag(self, d: date) -> bool:
        return self.is_werkdag(d) and d not in self._vakantie_op and d not in self.vrije_dagen

    def werkdag_na(self, d: date, n: int) -> date:
        """The n-th werkdag after d (d itself not counted); n ≥ 1."""
        if n < 1:
            raise ValueError("n moet minstens 1 zijn")
        while n:
            d += _DAG
            if self.is_werkdag(d):
                n -= 1
        return d

    def dagsoort(self, d: date) -> str:
        """"feestdag", "vakantie", "vrije_dag", "weekend" or "lesdag" – the first that applies."""
        if d in self.feestdagen(d.year):
            return "feestdag"
        if d in self._vakantie_op:
            return "vakantie"
        if d in self.vrije_dagen:
            return "vrije_dag"
        if d.weekday() >= 5:
            return "weekend"
        return "lesdag"

    def omschrijving(self, d: date) -> str:
        """What the day is, for a year view: "Kerstvakantie", "Tweede Paasdag", the vrije dag's text."""
        soort = self.dagsoort(d)
        if soort == "feestdag":
            return self.feestdagen(d.year)[d]
        if soort == "vakantie":
            return self._vakantie_op[d].naam
        if soort == "vrije_dag":
            return self.vrije_dagen[d] or "Vrije dag"
        return "Weekend" if soort == "weekend" else "Lesdag"

    # --- school years -----------------------------------------------------------------------------

    def covers_schooljaar(self, start_year: int) -> bool:
        """Whether the vacation data has the school year that starts on 1 August `start_year`.

        Its first weeks are the previous school year's zomervakantie, so that one must be known too
        (1 August lies in it); otherwise August would wrongly count as lesdagen.
        """
        return schooljaar_label(start_year) in self._jaren and date(start_year, 8, 1) in self._vakantie_op

    def vakanties_in_schooljaar(self, start_year: int) -> list[Vakantie]:
        label = schooljaar_label(start_year)
        return [v for v in self.vakanties if v.schooljaar == label]

    # --- ranges (through the precomputed table) ---------------------------------------------------

    def tabel(self, van: date, tot: date) -> LesdagTabel:
        """A table that covers [van, tot]; grows (in whole school years) when asked for more."""
        t = self._tabel
        if t is not None and t.covers(van, tot):
            return t
        lo, hi = min(van, self._epoch), max(tot, self._data_tot)
        if t is not None:
            lo, hi = min(lo, t.lo), max(hi, t.hi)
        lo = _maandag(schooljaar_start(lo))
        hi = _maandag(date(schooljaar_start(hi).year + 1, 7, 31)) + timedelta(days=6)
        self._tabel = t = self._bouw(lo, hi)
        return t

    def _bouw(self, lo: date, hi: date) -> LesdagTabel:
        geblokt = set(self._vakantie_op) | set(self.vrije_dagen)
        for year in range(lo.year, hi.year + 1):
            geblokt.update(self.feestdagen(year))
        geblokt_ord = {d.toordinal() for d in geblokt}
        epoch_maandag = _maandag(self._epoch).toordinal()
        dagen: list[date] = []
        weken: list[int] = []
        telling: list[int] = [0]
        week = 0  # lesweken counted from lo
        week_voor_epoch = 0
        week_ord = -1  # Monday (ordinal) of the last lesweek counted
        lo_ord, hi_ord = lo.toordinal(), hi.toordinal()
        for o in range(lo_ord, hi_ord + 1):
            if o == epoch_maandag:
                week_voor_epoch = week
            if (o - 1) % 7 < 5 and o not in geblokt_ord:  # ordinal 1 (1-1-1) is a Monday
                maandag = o - (o - 1) % 7
                if maandag != week_ord:
                    week += 1
                    week_ord = maandag
                dagen.append(date.fromordinal(o))
                weken.append(week)
            telling.append(len(dagen))
        # Renumber so that the first lesweek on or after the epoch is 1, whatever lo is.
        weken = [w - week_voor_epoch for w in weken]
        return LesdagTabel(lo, hi, dagen, weken, telling)

    def lesdagen(self, van: date, tot: date) -> list[date]:
        """The lesdagen from van through tot, in order."""
        if tot < van:
            return []
        t = self.tabel(van, tot)
        return t.dagen[t.positie_vanaf(van):t.positie_tot(tot) + 1]

    def lesweek(self, d: date) -> int:
        """The number of the lesweek that contains d; lesweken are numbered consecutively over all
        school years, weeks without lesdagen are skipped. ValueError for a week without lesdagen."""
        maandag = _maandag(d)
        zondag = maandag + timedelta(days=6)
        t = self.tabel(maandag, zondag)
        i = t.positie_vanaf(maandag)
        if i >= len(t.dagen) or t.dagen[i] > zondag:
            raise ValueError(f"De week van {formaat.datum(d)} heeft geen lesdagen.")
        return t.weken[i]


__all__ = [
    "DAGSOORTEN",
    "LesdagTabel",
    "SchoolCalendar",
    "Vakantie",
    "apply_aanpassingen",
    "feestdagen",
    "pasen",
    "schooljaar_label",
    "vakanties_from_data",
]
