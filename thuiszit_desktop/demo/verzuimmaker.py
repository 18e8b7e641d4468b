"""The machinery of step 3 (demo/verzuim.py): what a school year of verzuim is made of (DemoVerzuim), and
the lesdagen of one student filled within the limits of the signals, so ordinary absence never becomes a
signal by accident.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.kalender import SchoolCalendar
from ..domain.leerling import (
    Leerling,
    is_plichtig,
    schooljaar_start,
)
from ..domain.signalen import SignaalSoort
from ..domain.verzuim import MazlActie, MeldingSoort, Reden, Verzuimmelding, VerzuimRecord
from .leerlingen import KLASSEN

# --- step 3: a school year of verzuim -----------------------------------------------------------
#
# Relative to the peildatum P (the last lesdag before `vandaag`, which also becomes "verzuim bijgewerkt
# t/m"): every lesdag from the first of P's school year through P, and early in a school year (P in
# August–December) also the end of the previous one, so that a thuiszitter can be at home for more than
# three months. One record per student per day with absence, as an "import" with a Magister code.
#
# Ordinary students get absence that stays clear of every signal (under 16 hours ongeoorloofd in any
# four lesweken, never a 4th ziekmelding within 12 lesweken or a week ill, no whole day of ziek or
# ongeoorloofd next to a vacation); the signals come only from a few deliberate cases, each in its own
# klas where possible. Levels aim at Kearney's usual shape: about 80 % at niveau 1, 14 % at 2, 6 % at 3.

_ONG, _ZIEK, _VERLOF, _SCHORSING, _OVERIG = (Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF, Reden.SCHORSING,
                                             Reden.OVERIG_GEOORLOOFD)
_DAG = timedelta(days=1)
_CAP_ONGEOORLOOFD = 12.0  # ordinary students: at most this many hours in any 4 lesweken (the limit is 16)
_MAZL_VENSTER = 11  # 4 ziekmeldingen whose starts lie at most 11 lesweken apart are an M@zl signal
_NIVEAU_AANDEEL = {3: 0.06, 2: 0.14}
_PLAFOND_PCT = {1: 4.9, 2: 9.9, 3: 35.0}  # an ordinary student's verzuimpercentage stays below this
_LEERJAAR = dict(KLASSEN)

# (weight, kind) of an ordinary student's absences, per Kearney level: mostly ill or at the doctor's.
_EPISODES: dict[int, tuple[tuple[int, str], ...]] = {
    1: ((30, "ziek"), (14, "ziek_deel"), (30, "arts"), (10, "extern"), (6, "spijbel"), (1, "verlof"),
        (2, "absent")),
    2: ((34, "ziek"), (15, "ziek_deel"), (20, "arts"), (10, "extern"), (12, "spijbel"), (2, "verlof"),
        (6, "absent")),
    3: ((35, "ziek"), (15, "ziek_deel"), (14, "arts"), (10, "extern"), (14, "spijbel"), (2, "verlof"),
        (10, "absent")),
}
_ZIEK_LENGTE = {1: (1, 1, 2, 2, 3), 2: (1, 2, 2, 3, 3), 3: (1, 2, 3, 3, 4)}


@dataclass(frozen=True)
class DemoRegel:
    """One day's verzuim of one student, as the administration exports it."""

    leerlingnummer: str
    datum: date
    uren: float
    reden: Reden
    code: str


@dataclass(frozen=True)
class DemoMelding:
    leerlingnummer: str
    melding: Verzuimmelding


@dataclass(frozen=True)
class DemoMazl:
    leerlingnummer: str
    datum: date
    opmerking: str


@dataclass(frozen=True)
class DemoBespreking:
    leerlingnummer: str
    soort: SignaalSoort
    datum: date  # the signal's own datum
    notitie: str
    op: date  # the day it was discussed


@dataclass
class DemoVerzuim:
    """What `fictional_verzuim` made; `bijgewerkt_tot` is the peildatum the demo opens on."""

    bijgewerkt_tot: date
    regels: list[DemoRegel]
    meldingen: list[DemoMelding]
    mazl: list[DemoMazl]
    besprekingen: list[DemoBespreking]
    rollen: dict[str, str] = field(default_factory=dict)  # leerlingnummer → its case, e.g. "thuiszitter_lang"

    def verzuim_per_leerling(self) -> dict[str, list[VerzuimRecord]]:
        per: dict[str, list[VerzuimRecord]] = {}
        for r in self.regels:
            per.setdefault(r.leerlingnummer, []).append(VerzuimRecord(r.datum, r.uren, r.reden))
        return per

    def meldingen_per_leerling(self) -> dict[str, list[Verzuimmelding]]:
        per: dict[str, list[Verzuimmelding]] = {}
        for m_ in self.meldingen:
            per.setdefault(m_.leerlingnummer, []).append(m_.melding)
        return per

    def mazl_per_leerling(self) -> dict[str, list[MazlActie]]:
        per: dict[str, list[MazlActie]] = {}
        for a in self.mazl:
            per.setdefault(a.leerlingnummer, []).append(MazlActie(a.datum))
        return per




def laatste_lesdag_voor(cal: SchoolCalendar, vandaag: date) -> date:
    """The last lesdag before `vandaag`: the day the demo's verzuim is "bijgewerkt t/m"."""
    d = vandaag - _DAG
    for _ in range(400):
        if cal.is_lesdag(d):
            return d
        d -= _DAG
    raise ValueError(f"geen lesdag vóór {vandaag}")


class _Student:
    """One student's verzuim while it is being made: lesdag position → (reden, code, uren)."""

    __slots__ = ("leerling", "leerjaar", "lo", "hi", "dag", "ziek", "ong_week", "rol", "geen_ong", "bg_hi")

    def __init__(self, leerling: Leerling, lo: int, hi: int):
        self.leerling = leerling
        self.leerjaar = _LEERJAAR.get(leerling.klas, 0)
        self.lo, self.hi = lo, hi  # the positions on which the student is ingeschreven
        self.dag: dict[int, tuple[Reden, str, float]] = {}
        self.ziek: set[int] = set()
        self.ong_week: dict[int, float] = {}
        self.rol: str | None = None
        self.geen_ong = False  # a deliberate case whose ongeoorloofd hours are already exact
        self.bg_hi = hi  # ordinary absence only up to here (before a long run)


class _Verzuimbasis:
    def __init__(self, leerlingen: list[Leerling], cal: SchoolCalendar, vandaag: date, rng: random.Random,
                 dagduur: float):
        self.cal, self.vandaag, self.rng, self.dagduur = cal, vandaag, rng, dagduur
        self.peildatum = p = laatste_lesdag_voor(cal, vandaag)
        self.jaar = schooljaar_start(p)
        begin = date(self.jaar.year, 5, 1) if p.month >= 8 else self.jaar  # early: from May on
        self.dagen = cal.lesdagen(begin, p)
        tabel = cal.tabel(begin, p)
        self.weken = [tabel.weken[tabel.index[d]] for d in self.dagen]
        self.eerste = bisect_left(self.dagen, self.jaar)  # first lesdag of P's school year
        self.laatste = len(self.dagen) - 1  # P
        self.grens, self.luxe_dagen = self._vakantiegrenzen(tabel)
        self.studenten: list[_Student] = []
        for s in sorted(leerlingen, key=lambda s: s.leerlingnummer):
            lo = bisect_left(self.dagen, s.inschrijfdatum)
            hi = self.laatste if s.uitschrijfdatum is None else bisect_left(self.dagen, s.uitschrijfdatum) - 1
            self.studenten.append(_Student(s, lo, hi))
        self.klassen: set[str] = set()
        self.meldingen: list[DemoMelding] = []
        self.mazl: list[DemoMazl] = []
        self.besprekingen: list[DemoBespreking] = []

    # --- the calendar -------------------------------------------------------------------------------

    def _vakantiegrenzen(self, tabel) -> tuple[set[int], list[tuple[int, bool]]]:
        """Positions of the last lesdag before and the first after every vacation (where luxe verzuim
        is checked), and those that count for P's school year as (position, before a vacation), the
        herfst- and kerstvakantie first, the most recent first."""
        pos = {d: i for i, d in enumerate(self.dagen)}
        grens: set[int] = set()
        kandidaten: list[tuple[bool, int, int, bool]] = []
        sy_tot = date(self.jaar.year + 1, 7, 31)
        for v in self.cal.vakanties:
            for i, voor in ((tabel.positie_tot(v.van - _DAG), True), (tabel.positie_vanaf(v.tot + _DAG), False)):
                p = pos.get(tabel.dagen[i]) if 0 <= i < len(tabel.dagen) else None
                if p is None:
                    continue
                grens.add(p)
                if p >= self.eerste and v.tot >= self.jaar and v.van <= sy_tot:
                    kandidaten.append((v.soort not in ("herfstvakantie", "kerstvakantie"), -p, p, voor))
        gezien: set[int] = set()
        luxe = []
        for *_, p, voor in sorted(kandidaten):
            if p not in gezien:
                gezien.add(p)
                luxe.append((p, voor))
        return grens, luxe

    def _vanaf(self, d: date) -> int:
        return bisect_left(self.dagen, d)

    def _week_vanaf(self, week: int) -> int:
        return bisect_left(self.weken, week)

    def _werkdag_na(self, p: int, n: int) -> date:
        return min(self.cal.werkdag_na(self.dagen[p], n), self.peildatum)

    # --- placing absence --------------------------------------------------------------------------

    def _zet(self, st: _Student, p: int, reden: Reden, uren: float, code: str) -> None:
        st.dag[p] = (reden, code, float(uren))
        if reden is _ZIEK:
            st.ziek.add(p)
        elif reden is _ONG:
            w = self.weken[p]
            st.ong_week[w] = st.ong_week.get(w, 0.0) + uren

    def _heel(self, st: _Student, p: int) -> bool:
        dag = st.dag.get(p)
        return dag is not None and dag[2] >= self.dagduur

    def _ong_past(self, st: _Student, posities: range, uren: float) -> bool:
        extra: dict[int, float] = {}
        for p in posities:
            extra[self.weken[p]] = extra.get(self.weken[p], 0.0) + uren
        for w in extra:
            for eind in range(w, w + 4):
                som = sum(st.ong_week.get(x, 0.0) + extra.get(x, 0.0) for x in range(eind - 3, eind + 1))
                if som > _CAP_ONGEOORLOOFD:
                    return False
        return True

    def _ziek_past(self, st: _Student, posities: range) -> bool:
        """No merging with another ziekmelding and never 4 ziekmeldingen within 12 lesweken."""
        if posities[0] - 1 in st.ziek or posities[-1] + 1 in st.ziek:
            return False
        starts = sorted([self.weken[p] for p in st.ziek if p - 1 not in st.ziek] + [self.weken[posities[0]]])
        return all(starts[i + 3] - starts[i] > _MAZL_VENSTER for i in range(len(starts) - 3))

    def _past(self, st: _Student, posities: range, reden: Reden, uren: float) -> bool:
        if posities[0] < st.lo or posities[-1] > st.hi or any(p in st.dag for p in posities):
            return False
        if uren >= self.dagduur:
            if reden in (_ONG, _ZIEK) and any(p in self.grens for p in posities):
                return False  # would be a luxe verzuim signal
            if self._heel(st, posities[0] - 1) or self._heel(st, posities[-1] + 1):
                return False
        if reden is _ONG:
            return not st.geen_ong and self._ong_past(st, posities, uren)
        if reden is _ZIEK:
            return self._ziek_past(st, posities)
        if reden is _VERLOF:  # never in the first two lesweken of a school year (art. 13a)
            return all(self.weken[p] - self.weken[self._vanaf(schooljaar_start(self.dagen[p]))] >= 2
                       for p in posities)
        return True

    def _episode(self, niveau: int) -> tuple[Reden, str, int, float]:
        rng, heel = self.rng, self.dagduur
        soort = rng.choices([s for _, s in _EPISODES[niveau]], weights=[w for w, _ in _EPISODES[niveau]])[0]
        if soort == "ziek":
            return _ZIEK, "Z", rng.choice(_ZIEK_LENGTE[niveau]), heel
        if soort == "ziek_deel":  # ziek naar huis
            return _ZIEK, "Z", 1, min(rng.randint(2, 4), heel)
        if soort == "arts":  # huisarts, tandarts, orthodontist
            return _OVERIG, "M", 1, min(rng.choice((1, 1, 2)), heel)
        if soort == "extern":
            return _OVERIG, "EH", 1, min(rng.randint(1, 3), heel)
        if soort == "spijbel":
            return _ONG, "S", 1, min(rng.randint(1, 3 if niveau == 3 else 2), heel)
        if soort == "absent":
            return _ONG, "A", 1, heel if rng.random() < 0.3 else min(rng.randint(2, 4), heel)
        return _VERLOF, "V", rng.choice((1, 1, 1, 2)), heel  # a wedding, a funeral, a religious holiday

    def _vul(self, st: _Student, van: int, tot: int, doel: float, plafond: float, niveau: int) -> None:
        """Ordinary absence on positions van..tot until about `doel` hours; the hours on van..P never
        exceed `plafond` (keeps a student's level)."""
        if tot < van or doel <= 0:
            return
        rng = self.rng
        totaal = sum(u for p, (_, _, u) in st.dag.items() if p >= van)
        for _ in range(150 if niveau == 1 else 400):
            if totaal >= doel:
                return
            reden, code, lengte, uren = self._episode(niveau)
            if tot - van + 1 < lengte:
                continue
            extra = uren * lengte
            if totaal + extra > plafond:
                continue
            # Niveau 1 stops about at its goal (on average), the others go on until they reach it.
            if niveau == 1 and totaal + extra > doel and rng.random() * extra >= doel - totaal:
                return
            p0 = rng.randint(van, tot - lengte + 1)
            posities = range(p0, p0 + lengte)
            if not self._past(st, posities, reden, uren):
                continue
            for p in posities:
                self._zet(st, p, reden, uren, code)
            totaal += extra

    def _doel_pct(self, niveau: int) -> float:
        rng = self.rng
        if niveau == 1:
            return rng.uniform(0.0, 0.6) if rng.random() < 0.3 else rng.triangular(0.6, 4.6, 1.8)
        if niveau == 2:
            return rng.uniform(5.3, 9.4)
        return rng.triangular(10.4, 24.0, 12.5)

    def _achtergrond(self, st: _Student, niveau: int, *, plafond: bool) -> None:
        hi = min(st.hi, st.bg_hi)
        if hi < st.lo:
            return
        pct = self._doel_pct(niveau)
        if st.lo < self.eerste:  # the end of the previous school year: the same habits, no level to keep
            eind = min(hi, self.eerste - 1)
            self._vul(st, st.lo, eind, pct / 100 * (eind - st.lo + 1) * self.dagduur, math.inf, niveau)
        van = max(st.lo, self.eerste)
        if hi >= van:
            n = (self.laatste if st.hi == self.laatste else st.hi) - van + 1
            grens = _PLAFOND_PCT[niveau] / 100 * n * self.dagduur if plafond else math.inf
            self._vul(st, van, hi, pct / 100 * n * self.dagduur, grens, niveau)

    # --- choosing the students for the deliberate cases -------------------------------------------

    def _kies(self, rol: str, leerjaren: tuple[int, ...], vanaf: int, *, plicht: bool = True,
              rng: random.Random | None = None) -> _Student | None:
        """An enrolled student without vrijstelling, enrolled from position `vanaf` through P (and
        plichtig then when `plicht`), preferably in `leerjaren` and in a klas without a case yet."""
        vanaf = max(vanaf, 0)
        p = self.peildatum

        def geschikt(st: _Student) -> bool:
            s = st.leerling
            return (st.rol is None and s.uitschrijfdatum is None and not s.vrijstellingen and st.lo <= vanaf
                    and st.hi == self.laatste
                    and (not plicht or (is_plichtig(s, self.dagen[vanaf]) and is_plichtig(s, p))))

        alle = [st for st in self.studenten if geschikt(st)]
        for pool in ([st for st in alle if st.leerjaar in leerjaren and st.leerling.klas not in self.klassen],
                     [st for st in alle if st.leerling.klas not in self.klassen],
                     [st for st in alle if st.leerjaar in leerjaren],
                     alle):
            if pool:
                st = (rng or self.rng).choice(pool)
                st.rol = rol
                self.klassen.add(st.leerling.klas)
                return st
        return None

    def _melding(self, st: _Student, datum: date, einddatum: date, soort: MeldingSoort) -> None:
        kenmerk = f"DUO-{datum:%Y}-{self.rng.randrange(10_000, 100_000)}"
        self.meldingen.append(DemoMelding(st.leerling.leerlingnummer,
                                          Verzuimmelding(datum, einddatum, soort, kenmerk)))

    def _mazl_actie(self, st: _Student, datum: date, opmerking: str) -> None:
        self.mazl.append(DemoMazl(st.leerling.leerlingnummer, datum, opmerking))

