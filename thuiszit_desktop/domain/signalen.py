"""The signals and Kearney levels of SIGNALEN.md, as pure functions of calendar, settings, leerling,
verzuim, registered actions and peildatum P.

Longer than most modules on purpose: the rules, the level and the one-pass forms (school-wide, the trends'
`standen`) all work on the private day profile `_Profiel` and call the same private rule functions; split
apart, each part would import the other's internals.

The rules work on lesdag positions in the calendar's `LesdagTabel`: one pass over a leerling's records
sums the hours per lesdag and reden, after which every rule only looks at the days with absence.

Two ways in: `signalen`/`niveau`/`schoolbreed` take verzuim records (the plain form, what the tests state the
rules in); `schoolbreed_dagen` takes the hours per lesdag position as the database hands them over summed per day
(services/signalen.py), which spares building a record object per row. Both run the same rule functions.
"""

from __future__ import annotations

import bisect
import calendar as _stdcal
import functools
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from . import formaat
from .kalender import LesdagTabel, SchoolCalendar, Vakantie
from .leerling import (
    Leerling,
    active_vrijstelling,
    add_years,
    is_ingeschreven,
    is_leerplichtig,
    is_plichtig,
    schooljaar_start,
)
from .signaalsoort import SIGNAAL_KORT, SIGNAAL_VOLGORDE, SignaalSoort  # noqa: F401  (re-exported)
from .verzuim import MazlActie, Reden, Verzuimmelding, VerzuimRecord

_DAG = timedelta(days=1)
# Hours are decimals (0.1, 50-minute lessons): sums of floats must still reach an exact threshold.
_EPS = 1e-9
_BIJNA = 1e-6  # far above the rounding of a running float sum of hours, far below any real difference
MELDGRENS_UREN = 16.0
_VENSTER_LESWEKEN = 4
_THUISZITTER_LESDAGEN = 20  # "more than 20"
_LUXE_MAX_RUN = 10  # a longer run of absence is long absence, not a stretched holiday


def _hele_dagen_rond(i: int, uren: Callable[[int], float], drempel: float, laatste: int) -> tuple[int, int]:
    """The first and last day index of the run of whole days absent around day `i` (up to `laatste`)."""
    begin, eind = i, i
    while begin > 0 and uren(begin - 1) >= drempel:
        begin -= 1
    while eind < laatste and uren(eind + 1) >= drempel:
        eind += 1
    return begin, eind
_MAZL_ZIEK_LESDAGEN = 7
_MAZL_MELDINGEN = 4
_MAZL_LESWEKEN = 12
_PLUS_EEN = (1).__add__  # i ↦ i + 1 in C, for `map`
_PLUS_ZES = (_MAZL_ZIEK_LESDAGEN - 1).__add__
# Records this long before P can no longer matter; it keeps a typo in an import (year 1026) from
# making the calendar precompute a thousand years.
GESCHIEDENIS_JAREN = 25


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class Signaal:
    leerlingnummer: str
    soort: SignaalSoort
    sinds: date  # start of what the signal is about
    datum: date  # the day it arose
    uiterlijk: date | None = None  # deadline (meldplicht_16u only)
    uitleg: str = ""  # plain Dutch, with the numbers that made it fire

    def to_dict(self) -> dict:
        """The machine-readable form of SIGNALEN.md."""
        return {"leerlingnummer": self.leerlingnummer, "signaal": self.soort.value,
                "sinds": self.sinds.isoformat(), "datum": self.datum.isoformat(),
                "uiterlijk": self.uiterlijk.isoformat() if self.uiterlijk else None,
                "uitleg": self.uitleg}


@dataclass(frozen=True)
class SignaalInstellingen:
    uren_per_lesdag: float = 6.0  # dagduur
    niveau2_pct: float = 5.0
    niveau3_pct: float = 10.0

    @functools.cached_property
    def decimalen(self) -> tuple[Decimal, Decimal, Decimal]:
        """Dagduur and the two level thresholds as decimals (once per setting, not once per leerling)."""
        return _decimaal(self.uren_per_lesdag), _decimaal(self.niveau2_pct), _decimaal(self.niveau3_pct)

    @functools.cached_property
    def tienden(self) -> tuple[float, int, int] | None:
        """What `_kearney`'s float path needs: dagduur as its decimal has it, and the least verzuimpercentage in
        tenths that reaches level 2 and 3 (a percentage of one decimal is k/10: k/10 ≥ T exactly when k ≥ ⌈10T⌉).
        None for settings the float path does not take on (no positive dagduur, a threshold that is no number)."""
        dagduur_d, niveau2, niveau3 = self.decimalen
        if not (dagduur_d > 0 and niveau2.is_finite() and niveau3.is_finite()):
            return None
        return float(dagduur_d), math.ceil(niveau2 * 10), math.ceil(niveau3 * 10)


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class Niveau:
    leerlingnummer: str
    niveau: int  # Kearney: 1, 2 or 3
    verzuimpercentage: float  # one decimal
    # Level 1 only because nothing is known yet: no verzuim imported for the school and none entered for
    # this student. The rule still says 1 (SIGNALEN.md); the screens show "geen verzuim" instead of a level.
    zonder_verzuim: bool = False

    def to_dict(self) -> dict:
        return {"leerlingnummer": self.leerlingnummer, "niveau": self.niveau,
                "verzuimpercentage": self.verzuimpercentage}


# --- one leerling's verzuim per lesdag ----------------------------------------------------------

@dataclass(slots=True)
class _Profiel:
    """Hours per lesdag position (records ≤ P on lesdagen only), per reden that a rule needs."""

    tabel: LesdagTabel
    laatste: int  # position of the last lesdag ≤ P (-1: none)
    ong: dict[int, float]
    ziek: dict[int, float]
    alle: dict[int, float]


def _profiel(cal: SchoolCalendar, verzuim: Iterable[VerzuimRecord], peildatum: date) -> _Profiel:
    records = verzuim if isinstance(verzuim, Sequence) else list(verzuim)
    ondergrens = add_years(peildatum, -GESCHIEDENIS_JAREN)
    tabel = cal.tabel(schooljaar_start(peildatum), peildatum)
    ongeoorloofd, ziek = Reden.ONGEOORLOOFD, Reden.ZIEK
    while True:
        index_get = tabel.index.get
        lo = tabel.lo
        ong: dict[int, float] = {}
        zk: dict[int, float] = {}
        alle: dict[int, float] = {}
        vroegste: date | None = None
        for r in records:
            d = r.datum
            if d > peildatum:
                continue
            i = index_get(d)
            if i is None:
                # Not a lesdag (ignored by every rule) – or before the table: grow it and start over.
                if d < lo and d >= ondergrens and (vroegste is None or d < vroegste):
                    vroegste = d
                continue
            u = r.uren
            alle[i] = alle.get(i, 0.0) + u
            reden = r.reden
            if reden == ongeoorloofd:
                ong[i] = ong.get(i, 0.0) + u
            elif reden == ziek:
                zk[i] = zk.get(i, 0.0) + u
        if vroegste is None:
            return _Profiel(tabel, tabel.positie_tot(peildatum), ong, zk, alle)
        tabel = cal.tabel(vroegste, peildatum)


Dagen = tuple[dict[int, float], dict[int, float], dict[int, float]]
"""One leerling's hours per lesdag position of a table: (ongeoorloofd, ziek, all redenen), days with hours only."""


# --- small helpers ------------------------------------------------------------------------------

# schooljaar_start for the same few peildata and days, once per student and rule: remembered
_jaarstart = functools.lru_cache(maxsize=1024)(schooljaar_start)


def _plus_maanden(d: date, maanden: int) -> date:
    """d plus calendar months; a day that does not exist becomes the last day of that month."""
    m = d.month - 1 + maanden
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, _stdcal.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=4096)  # the same few hundred days in thousands of explanations
def _dm(d: date, peildatum: date) -> str:
    """dd-mm, with the year when d lies outside the school year of P."""
    return formaat.korte_datum(d) if _jaarstart(d) == _jaarstart(peildatum) else formaat.datum(d)


def _run_begin(uren: Mapping[int, float], eind: int, drempel: float) -> int:
    """Start position of the run of consecutive lesdagen ending at `eind` with uren ≥ drempel each
    (eind + 1 when `eind` itself is below the threshold)."""
    i = eind
    drempel -= _EPS
    while i >= 0 and uren.get(i, 0.0) >= drempel:
        i -= 1
    return i + 1


def _vrij_van_plicht(leerling: Leerling, d: date) -> bool:
    """True when the leerling is not plichtig on d or has a vrijstelling then."""
    return not is_plichtig(leerling, d) or active_vrijstelling(leerling, d) is not None


# --- the rules ----------------------------------------------------------------------------------

def _meldplicht_16u(cal: SchoolCalendar, leerling: Leerling, p: _Profiel,
                    meldingen: Iterable[Verzuimmelding], peildatum: date) -> Signaal | None:
    """Rule 1: 16 hours ongeoorloofd within 4 consecutive lesweken.

    Counting starts at the later of 1 August of P's school year and the day after the latest einddatum
    ≤ P of the verzuimmeldingen: what counts is the verzuim a melding covers, not the day it was sent, so
    a melding sent on Monday about verzuim up to last Friday counts for a peildatum of that Friday. W(d) = the lesdagen from that start through d in d's lesweek
    or the 3 lesweken before it; d* = the first lesdag ≤ P with Σ u_ongeoorloofd over W(d*) ≥ 16.
    datum = d*, sinds = the first day of W(d*) with ongeoorloofd hours, uiterlijk = the 5th werkdag
    after d*. Only when on d* the leerling is ingeschreven and plichtig without vrijstelling.
    """
    ong = p.ong
    # A plain float sum is off by far less than _BIJNA: below the threshold by that much, it is below for sure
    # (the exact fsum decides only near it). All hours first: most students stop here.
    if sum(ong.values()) < MELDGRENS_UREN - _BIJNA:
        return None
    start = _jaarstart(peildatum)
    gemeld = [m.einddatum for m in meldingen if m.einddatum <= peildatum]
    if gemeld:
        start = max(start, max(gemeld) + _DAG)
    t = p.tabel
    eerste = t.positie_vanaf(start)
    if eerste <= min(ong) and max(ong) <= p.laatste and min(ong.values()) > 0:  # the usual case: every day counts
        dagen = sorted(ong)
    else:
        dagen = sorted(i for i, u in ong.items() if u > 0 and eerste <= i <= p.laatste)
        if sum(ong[i] for i in dagen) < MELDGRENS_UREN - _BIJNA:
            return None
    weken = list(map(t.weken.__getitem__, dagen))
    uren = list(map(ong.__getitem__, dagen))
    eerst = 0  # W(d) is dagen[eerst:k + 1]
    lopend = 0.0
    # The sum over W(d) only rises on a day with hours, so d* is one of those days.
    for k, (week, u) in enumerate(zip(weken, uren, strict=True)):
        grens = week - (_VENSTER_LESWEKEN - 1)
        while weken[eerst] < grens:
            lopend -= uren[eerst]
            eerst += 1
        lopend += u
        if lopend < MELDGRENS_UREN - _BIJNA:
            continue
        totaal = math.fsum(uren[eerst:k + 1])
        if totaal < MELDGRENS_UREN - _EPS:
            continue
        d = t.dagen[dagen[k]]
        if not is_ingeschreven(leerling, d) or _vrij_van_plicht(leerling, d):
            return None
        sinds = t.dagen[dagen[eerst]]
        uiterlijk = cal.werkdag_na(d, 5)
        uitleg = (f"{formaat.uren(totaal)} uur ongeoorloofd verzuim tussen {_dm(sinds, peildatum)} en "
                  f"{_dm(d, peildatum)}; melden uiterlijk {_dm(uiterlijk, peildatum)}")
        return Signaal(leerling.leerlingnummer, SignaalSoort.MELDPLICHT_16U, sinds, d, uiterlijk, uitleg)
    return None


def _thuiszitter(inst: SignaalInstellingen, leerling: Leerling, p: _Profiel,
                 peildatum: date) -> Signaal | None:
    """Rule 2: ingeschreven and plichtig on P without vrijstelling, and R – the run of consecutive
    lesdagen with whole-day ongeoorloofd absence ending at the last lesdag ≤ P – has more than 20
    lesdagen. sinds = the first day of R, datum = its 21st lesdag; R may reach into earlier years."""
    begin = _run_begin(p.ong, p.laatste, inst.uren_per_lesdag)
    lengte = p.laatste - begin + 1
    if lengte <= _THUISZITTER_LESDAGEN:
        return None
    if not is_ingeschreven(leerling, peildatum) or _vrij_van_plicht(leerling, peildatum):
        return None
    t = p.tabel
    sinds, datum = t.dagen[begin], t.dagen[begin + _THUISZITTER_LESDAGEN]
    uitleg = (f"{lengte} lesdagen achter elkaar de hele dag ongeoorloofd afwezig, sinds "
              f"{_dm(sinds, peildatum)}; meer dan 20 lesdagen vanaf {_dm(datum, peildatum)}")
    return Signaal(leerling.leerlingnummer, SignaalSoort.THUISZITTER, sinds, datum, None, uitleg)


def _thuiszitter_3mnd(thuiszitter: Signaal | None, peildatum: date) -> Signaal | None:
    """Rule 3: `thuiszitter` holds and P > sinds + 3 calendar months (a day that does not exist becomes
    the last day of that month). sinds as for thuiszitter; datum = (sinds + 3 months) + 1 day."""
    if thuiszitter is None:
        return None
    drie = _plus_maanden(thuiszitter.sinds, 3)
    if peildatum <= drie:
        return None
    datum = drie + _DAG
    uitleg = (f"Sinds {_dm(thuiszitter.sinds, peildatum)} elke lesdag ongeoorloofd afwezig: langer dan "
              f"3 maanden (na {_dm(drie, peildatum)})")
    return Signaal(thuiszitter.leerlingnummer, SignaalSoort.THUISZITTER_3MND, thuiszitter.sinds, datum,
                   None, uitleg)


def _langdurig_afwezig(inst: SignaalInstellingen, leerling: Leerling, p: _Profiel, peildatum: date,
                       thuiszitter: Signaal | None) -> Signaal | None:
    """Rule 4: ingeschreven on P without vrijstelling, `thuiszitter` does not hold, and R' – the run of
    consecutive lesdagen with whole-day absence of any reden (u(d) ≥ dagduur) ending at the last lesdag
    ≤ P – has more than 20 lesdagen. sinds = the first day of R', datum = its 21st lesdag."""
    if thuiszitter is not None:
        return None
    begin = _run_begin(p.alle, p.laatste, inst.uren_per_lesdag)
    lengte = p.laatste - begin + 1
    if lengte <= _THUISZITTER_LESDAGEN:
        return None
    if not is_ingeschreven(leerling, peildatum) or active_vrijstelling(leerling, peildatum) is not None:
        return None
    t = p.tabel
    sinds, datum = t.dagen[begin], t.dagen[begin + _THUISZITTER_LESDAGEN]
    uitleg = (f"{lengte} lesdagen achter elkaar de hele dag afwezig (ziek, verlof of andere reden), sinds "
              f"{_dm(sinds, peildatum)}; meer dan 20 lesdagen vanaf {_dm(datum, peildatum)}")
    return Signaal(leerling.leerlingnummer, SignaalSoort.LANGDURIG_AFWEZIG, sinds, datum, None, uitleg)


def _mazl(leerling: Leerling, p: _Profiel, mazl_acties: Iterable[MazlActie],
          peildatum: date) -> Signaal | None:
    """Rule 5: zorgwekkend ziekteverzuim. A ziekmelding is a maximal run of consecutive lesdagen with
    ziek hours; only those starting on or after the later of 1 August of P's school year and the day
    after the last M@zl-actie ≤ P count. (a) a ziekmelding reaches its 7th lesdag: sinds = its first day,
    datum = that 7th lesdag. (b) the i-th ziekmelding starts at most 11 lesweken after the (i−3)-th:
    sinds = first day of the (i−3)-th, datum = first day of the i-th. The earliest datum wins, (a) on a
    tie; at most one signal."""
    if len(p.ziek) < _MAZL_MELDINGEN:  # (a) needs 7 days with ziek hours, (b) 4 ziekmeldingen: 4 days at least
        return None
    start = _jaarstart(peildatum)
    acties = [a.datum for a in mazl_acties if a.datum <= peildatum]
    if acties:
        start = max(start, max(acties) + _DAG)
    t = p.tabel
    laatste = p.laatste
    ziek: Set[int] = p.ziek.keys()  # records are ≤ P so runs end by P
    if not (max(ziek) <= laatste and min(p.ziek.values()) > 0):
        ziek = {i for i, u in p.ziek.items() if u > 0 and i <= laatste}
    eerste = t.positie_vanaf(start)
    # The first day of each ziekmelding that counts: a day with ziek hours after a lesdag without (a set
    # difference: no Python step per day).
    ziekmeldingen = sorted(ziek - set(map(_PLUS_EEN, ziek)))
    if ziekmeldingen and ziekmeldingen[0] < eerste:
        ziekmeldingen = [i for i in ziekmeldingen if i >= eerste]

    # Runs are disjoint and in order, so the first long one also reaches its 7th day first. Only a ziekmelding
    # with ziek hours 6 lesdagen on can be one (a set intersection picks those, mostly none).
    lang = sorted(set(map(_PLUS_ZES, ziekmeldingen)).intersection(ziek)) if len(ziek) >= _MAZL_ZIEK_LESDAGEN else []
    zes = _MAZL_ZIEK_LESDAGEN - 1
    a = next((i - zes for i in lang if set(range(i - zes + 1, i)) <= ziek), None)
    b: tuple[int, int] | None = None
    weken = t.weken
    stap = _MAZL_MELDINGEN - 1
    for k in range(stap, len(ziekmeldingen)):
        if weken[ziekmeldingen[k]] - weken[ziekmeldingen[k - stap]] <= _MAZL_LESWEKEN - 1:
            b = (k - stap, k)
            break
    if a is not None and (b is None or a + _MAZL_ZIEK_LESDAGEN - 1 <= ziekmeldingen[b[1]]):
        a_datum = a + _MAZL_ZIEK_LESDAGEN - 1
        lengte = _MAZL_ZIEK_LESDAGEN
        while a + lengte in ziek:
            lengte += 1
        sinds, datum = t.dagen[a], t.dagen[a_datum]
        uitleg = (f"{lengte} lesdagen achter elkaar ziek sinds {_dm(sinds, peildatum)}; "
                  f"de 7e lesdag was {_dm(datum, peildatum)}")
    elif b is not None:
        starts = [t.dagen[ziekmeldingen[k]] for k in range(b[0], b[1] + 1)]
        sinds, datum = starts[0], starts[-1]
        lijst = ", ".join(_dm(d, peildatum) for d in starts[:-1])
        uitleg = (f"{_MAZL_MELDINGEN} ziekmeldingen binnen {_MAZL_LESWEKEN} lesweken: op {lijst} en "
                  f"{_dm(datum, peildatum)}")
    else:
        return None
    return Signaal(leerling.leerlingnummer, SignaalSoort.MAZL, sinds, datum, None, uitleg)


def _luxe_verzuim(cal: SchoolCalendar, inst: SignaalInstellingen, leerling: Leerling, p: _Profiel,
                  peildatum: date) -> list[Signaal]:
    """Rule 6: for each official vacation touching P's school year, b = the last lesdag before it and
    a = the first lesdag after it. Each of b and a that is ≤ P, in P's school year, with the leerling
    ingeschreven and u_ongeoorloofd + u_ziek ≥ dagduur gives a signal (sinds = datum = that day) –
    unless that day lies in a run of more than 10 consecutive lesdagen with such absence."""
    if not p.ong and not p.ziek:
        return []
    t = p.tabel
    drempel = inst.uren_per_lesdag - _EPS
    ong_get, ziek_get = p.ong.get, p.ziek.get

    def uren(i: int) -> float:
        return ong_get(i, 0.0) + ziek_get(i, 0.0)

    gevonden: dict[date, Signaal] = {}
    for i, waar, v in _vakantiegrenzen(cal, t, peildatum):
        if ong_get(i, 0.0) + ziek_get(i, 0.0) < drempel or i > p.laatste:
            continue
        d = t.dagen[i]
        if d in gevonden or not is_ingeschreven(leerling, d):
            continue
        begin, eind = _hele_dagen_rond(i, uren, drempel, p.laatste)
        if eind - begin + 1 > _LUXE_MAX_RUN:
            continue
        uitleg = (f"De hele dag afwezig (ongeoorloofd of ziek) op {_dm(d, peildatum)}, de {waar} "
                  f"de {v.soort}")
        gevonden[d] = Signaal(leerling.leerlingnummer, SignaalSoort.LUXE_VERZUIM, d, d, None, uitleg)
    return list(gevonden.values())


@functools.lru_cache(maxsize=32)
def _vakantiegrenzen(cal: SchoolCalendar, t: LesdagTabel, peildatum: date) -> tuple[tuple[int, str, Vakantie], ...]:
    """Rule 6's days for P, the same for every leerling: per official vacation touching P's school year the
    position of b (the last lesdag before it) and a (the first after it), when in the table and in that school
    year, with how the explanation names it. (Keyed on the calendar and table objects: both never change.)"""
    sy_van = schooljaar_start(peildatum)
    sy_tot = date(sy_van.year + 1, 7, 31)
    uit = []
    for v in cal.vakanties:
        if v.tot < sy_van or v.van > sy_tot:
            continue
        for i, waar in ((t.positie_tot(v.van - _DAG), "laatste lesdag vóór"),
                        (t.positie_vanaf(v.tot + _DAG), "eerste lesdag na")):
            if 0 <= i < len(t.dagen) and t.dagen[i] >= sy_van:
                uit.append((i, waar, v))
    return tuple(uit)


def _absoluut_verzuim(leerling: Leerling, peildatum: date) -> Signaal | None:
    """Rule 7: uitgeschreven on U ≤ P without a recorded bestemming (new school), and on P plichtig
    without vrijstelling. sinds = datum = U."""
    u = leerling.uitschrijfdatum
    if u is None or u > peildatum or leerling.bestemming.strip():
        return None
    if _vrij_van_plicht(leerling, peildatum):
        return None
    plicht = "leerplichtig" if is_leerplichtig(leerling, peildatum) else "kwalificatieplichtig"
    uitleg = f"Uitgeschreven op {_dm(u, peildatum)} zonder nieuwe school, en nog {plicht}"
    return Signaal(leerling.leerlingnummer, SignaalSoort.ABSOLUUT_VERZUIM, u, u, None, uitleg)


# --- public -------------------------------------------------------------------------------------

def _sorteer(signalen: list[Signaal]) -> list[Signaal]:
    return sorted(signalen, key=lambda s: (s.soort.value, s.datum))


def _signalen(cal: SchoolCalendar, inst: SignaalInstellingen, leerling: Leerling, p: _Profiel,
              meldingen: Iterable[Verzuimmelding], mazl_acties: Iterable[MazlActie],
              peildatum: date) -> list[Signaal]:
    uit: list[Signaal | None] = [_meldplicht_16u(cal, leerling, p, meldingen, peildatum)]
    # The runs of rules 2–4 end at the last lesdag ≤ P: without a whole day on it (most students), none holds.
    heel = inst.uren_per_lesdag - _EPS * 2
    if p.ong.get(p.laatste, 0.0) >= heel or p.alle.get(p.laatste, 0.0) >= heel:
        thuiszitter = _thuiszitter(inst, leerling, p, peildatum)
        uit += (thuiszitter, _thuiszitter_3mnd(thuiszitter, peildatum),
                _langdurig_afwezig(inst, leerling, p, peildatum, thuiszitter))
    uit.append(_mazl(leerling, p, mazl_acties, peildatum))
    uit += _luxe_verzuim(cal, inst, leerling, p, peildatum)
    if leerling.uitschrijfdatum is not None:  # rule 7 is about uitgeschreven students only
        uit.append(_absoluut_verzuim(leerling, peildatum))
    gevonden = [s for s in uit if s is not None]
    return _sorteer(gevonden) if len(gevonden) > 1 else gevonden


def signalen_op(cal: SchoolCalendar, inst: SignaalInstellingen, leerling: Leerling, tabel: LesdagTabel,
                dagen: Dagen, meldingen: Iterable[Verzuimmelding], mazl_acties: Iterable[MazlActie],
                peildatum: date) -> list[Signaal]:
    """`signalen` from the hours per lesdag position of `tabel` (days after P are left out by every rule)."""
    ong, ziek, alle = dagen
    p = _Profiel(tabel, tabel.positie_tot(peildatum), ong, ziek, alle)
    return _signalen(cal, inst, leerling, p, meldingen, mazl_acties, peildatum)


def signalen(cal: SchoolCalendar, inst: SignaalInstellingen, leerling: Leerling,
             verzuim: Iterable[VerzuimRecord], meldingen: Iterable[Verzuimmelding],
             mazl_acties: Iterable[MazlActie], peildatum: date) -> list[Signaal]:
    """All signals of one leerling at peildatum P, sorted by soort, then datum."""
    p = _profiel(cal, verzuim, peildatum)
    return _signalen(cal, inst, leerling, p, meldingen, mazl_acties, peildatum)


_NIVEAU_DRIE = frozenset({SignaalSoort.THUISZITTER, SignaalSoort.ABSOLUUT_VERZUIM})  # level 3 whatever the %


def _rond_af(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _decimaal(x: float) -> Decimal:
    # Via the shortest repr (and 9 decimals for sums) so 5.94 stays 5.94 instead of 5.93999…
    return Decimal(repr(round(float(x), 9)))


def _niveau(inst: SignaalInstellingen, leerling: Leerling, p: _Profiel, signalen: Iterable[Signaal],
            peildatum: date) -> Niveau | None:
    if not is_ingeschreven(leerling, peildatum):
        return None
    van = max(_jaarstart(peildatum), leerling.inschrijfdatum)
    t = p.tabel
    lo, hi = t.positie_vanaf(van), p.laatste
    n = hi - lo + 1
    som = 0.0
    alle = p.alle
    if n > 0 and alle:
        dagduur = inst.uren_per_lesdag
        if lo <= min(alle) and max(alle) <= hi:  # the usual case: every day counts
            uren = alle.values()  # and mostly none above dagduur: then no min() per day
            som = math.fsum(uren if max(uren) <= dagduur else map(min, uren, itertools.repeat(dagduur)))
        else:
            som = math.fsum(min(u, dagduur) for i, u in alle.items() if lo <= i <= hi)
    nr = leerling.leerlingnummer
    return _kearney(inst, nr, som, n, any(s.soort in _NIVEAU_DRIE and s.leerlingnummer == nr for s in signalen))


def _tienden(inst: SignaalInstellingen, som: float, n: int) -> int | None:
    """`_kearney`'s percentage in tenths (100 × som / (n × dagduur), one decimal, halves away from zero) from
    floats – a few roundings off the exact quotient, far less than `_BIJNA` – or None when that could tip it: the
    quotient near a half tenth, or anything unusual. Then the decimals decide (a Decimal per student is slow)."""
    if not som or n <= 0:
        return 0
    tienden = inst.tienden
    if tienden is None or som < 0:
        return None
    x = 1000 * round(som, 9) / (n * tienden[0]) + 0.5
    if not x < 1e5:  # (also NaN)
        return None
    k = math.floor(x)
    if x - k < _BIJNA or k + 1 - x < _BIJNA:
        return None
    return k


def _kearney(inst: SignaalInstellingen, leerlingnummer: str, som: float, n: int, drie: bool) -> Niveau:
    """The level from Σ min(u(d), dagduur) over N lesdagen; `drie`: a thuiszitter or absoluut_verzuim signal."""
    k = _tienden(inst, som, n)
    if k is not None and (tienden := inst.tienden) is not None:
        niveau = 3 if drie or k >= tienden[2] else 2 if k >= tienden[1] else 1
        return Niveau(leerlingnummer, niveau, k / 10)  # k / 10 is the float of the decimal k/10, as float(pct)
    dagduur_d, niveau2, niveau3 = inst.decimalen
    pct = _rond_af(Decimal(100) * _decimaal(som) / (n * dagduur_d)) if som and n > 0 else Decimal("0.0")
    if pct >= niveau3 or drie:
        niveau = 3
    elif pct >= niveau2:
        niveau = 2
    else:
        niveau = 1
    return Niveau(leerlingnummer, niveau, float(pct))


def niveau(cal: SchoolCalendar, inst: SignaalInstellingen, leerling: Leerling,
           verzuim: Iterable[VerzuimRecord], signalen: Iterable[Signaal], peildatum: date) -> Niveau | None:
    """Kearney level at P (None when not ingeschreven on P).

    N = the lesdagen from the later of (1 August of P's school year, inschrijfdatum) through P;
    verzuimpercentage = 100 × Σ min(u(d), dagduur) / (N × dagduur), one decimal, halves away from zero
    (0 when N = 0). Level 3 when ≥ niveau3_pct or a thuiszitter/absoluut_verzuim signal; 2 when
    ≥ niveau2_pct; else 1.
    """
    return _niveau(inst, leerling, _profiel(cal, verzuim, peildatum), signalen, peildatum)


def schoolbreed(cal: SchoolCalendar, inst: SignaalInstellingen, leerlingen: Iterable[Leerling],
                verzuim_per_leerling: Mapping[str, Iterable[VerzuimRecord]],
                meldingen_per_leerling: Mapping[str, Iterable[Verzuimmelding]],
                mazl_per_leerling: Mapping[str, Iterable[MazlActie]],
                peildatum: date) -> tuple[list[Signaal], list[Niveau]]:
    """Signals and levels of the whole school at P (mappings keyed by leerlingnummer).

    Signals sorted by leerlingnummer, soort, datum; levels by leerlingnummer.
    """
    return _schoolbreed(cal, inst, leerlingen, lambda nr: _profiel(cal, verzuim_per_leerling.get(nr, ()), peildatum),
                        meldingen_per_leerling, mazl_per_leerling, peildatum)


def schoolbreed_dagen(cal: SchoolCalendar, inst: SignaalInstellingen, leerlingen: Iterable[Leerling],
                      tabel: LesdagTabel, dagen_per_leerling: Mapping[str, Dagen],
                      meldingen_per_leerling: Mapping[str, Iterable[Verzuimmelding]],
                      mazl_per_leerling: Mapping[str, Iterable[MazlActie]],
                      peildatum: date, tussendoor: Callable[[], None] | None = None) -> tuple[list[Signaal], list[Niveau]]:
    """`schoolbreed` from the hours per lesdag position of `tabel` (which covers P) instead of records.

    Days after P may be in `dagen_per_leerling`: every rule looks only at positions up to the last lesdag ≤ P.
    `tussendoor` is called between two batches of students (see `_schoolbreed`).
    """
    laatste = tabel.positie_tot(peildatum)
    leeg: Dagen = ({}, {}, {})

    def profiel(nr: str) -> _Profiel:
        ong, ziek, alle = dagen_per_leerling.get(nr, leeg)
        return _Profiel(tabel, laatste, ong, ziek, alle)

    return _schoolbreed(cal, inst, leerlingen, profiel, meldingen_per_leerling, mazl_per_leerling, peildatum,
                        tussendoor)


def dagen_per_leerling(cal: SchoolCalendar, verzuim_per_leerling: Mapping[str, Iterable[VerzuimRecord]],
                       tot: date) -> tuple[LesdagTabel, dict[str, Dagen]]:
    """Every leerling's hours per lesdag ≤ `tot`, at the positions of one table that covers them all."""
    records = {nr: list(rs) for nr, rs in verzuim_per_leerling.items()}
    ondergrens = add_years(tot, -GESCHIEDENIS_JAREN)
    oudste = min((r.datum for rs in records.values() for r in rs if ondergrens <= r.datum), default=tot)
    cal.tabel(min(oudste, schooljaar_start(tot)), tot)  # one table for all, before any positions are taken
    uit: dict[str, Dagen] = {}
    tabel = cal.tabel(schooljaar_start(tot), tot)
    for nr, rs in records.items():
        p = _profiel(cal, rs, tot)
        uit[nr] = (p.ong, p.ziek, p.alle)
    return tabel, uit


_GEEN: frozenset[SignaalSoort] = frozenset()  # most students at most month ends: one shared empty set


@dataclass(frozen=True, slots=True)
class Stand:
    """One leerling at one peildatum, as the trends count it."""

    soorten: frozenset[SignaalSoort]
    thuiszitter_sinds: date | None
    niveau: int | None  # None: not ingeschreven on that day


def standen(cal: SchoolCalendar, inst: SignaalInstellingen, leerling: Leerling, tabel: LesdagTabel, dagen: Dagen,
            meldingen: Iterable[Verzuimmelding], mazl_acties: Iterable[MazlActie],
            peildata: Sequence[date], laatsten: Sequence[int] | None = None) -> list[Stand]:
    """The signals and the level of one leerling at each of `peildata` (ascending, one school year, covered by
    `tabel`; `laatsten`: the position of the last lesdag ≤ each, when the caller has them) – what `signalen` and
    `niveau` say at each – in one pass instead of one per peildatum.

    Within a school year, without a verzuimmelding or M@zl-actie dated inside it, the counting of rules 1 and 5
    starts on the same day at every peildatum, so the first day d* they fire on (over the whole year) decides
    them all: the signal holds at P exactly when d* ≤ P (for rule 5: the runs up to P are the year's runs up to
    P, so its triggers at P are the year's triggers up to P). The runs of rules 2–4 end at the last lesdag ≤ P
    and exist only with a whole day of absence on it; luxe verzuim only with a whole day on one of the year's few
    days beside a vacation, whose run of absence is cut off at P. The level's sum grows by prefix. A student with
    such an action inside the year gets the rules at each peildatum in full. tests/domain/test_signalen_dagen.py
    checks all of it against `schoolbreed`.
    """
    ong, ziek, alle = dagen
    if laatsten is None:
        laatsten = [tabel.positie_tot(p) for p in peildata]
    laatste = laatsten[-1]
    begin, eind = schooljaar_start(peildata[0]), peildata[-1]
    if (any(begin <= m.einddatum <= eind for m in meldingen)
            or any(begin <= a.datum <= eind for a in mazl_acties)):
        uit = []
        for p, hoogste in zip(peildata, laatsten, strict=True):
            prof = _Profiel(tabel, hoogste, ong, ziek, alle)
            sigs = _signalen(cal, inst, leerling, prof, meldingen, mazl_acties, p)
            thuis = next((s.sinds for s in sigs if s.soort is SignaalSoort.THUISZITTER), None)
            niv = _niveau(inst, leerling, prof, sigs, p)
            uit.append(Stand(frozenset(s.soort for s in sigs), thuis, niv.niveau if niv else None))
        return uit

    heel = _Profiel(tabel, laatste, ong, ziek, alle)
    melding = _meldplicht_16u(cal, leerling, heel, (), eind)
    mazl = _mazl(leerling, heel, (), eind)
    dagduur = inst.uren_per_lesdag
    drempel = dagduur - _EPS
    luxe = _luxe_runs(leerling, heel, _vakantiegrenzen(cal, tabel, eind), drempel)
    lo = tabel.positie_vanaf(max(begin, leerling.inschrijfdatum))
    posities = sorted(alle)
    waarden = list(map(min, map(alle.__getitem__, posities), itertools.repeat(dagduur)))
    van = bisect.bisect_left(posities, lo)

    melding_op = melding.datum if melding is not None else None
    mazl_op = mazl.datum if mazl is not None else None
    ingeschreven, uitgeschreven = leerling.inschrijfdatum, leerling.uitschrijfdatum
    uit = []
    for p, hoogste in zip(peildata, laatsten, strict=True):
        soorten: set[SignaalSoort] = set()
        if melding_op is not None and melding_op <= p:
            soorten.add(SignaalSoort.MELDPLICHT_16U)
        if mazl_op is not None and mazl_op <= p:
            soorten.add(SignaalSoort.MAZL)
        thuis = None
        if alle.get(hoogste, 0.0) >= drempel:  # a run of whole days up to P (ongeoorloofd ≤ all)
            prof = _Profiel(tabel, hoogste, ong, ziek, alle)
            thuiszitter = _thuiszitter(inst, leerling, prof, p)
            if thuiszitter is not None:
                thuis = thuiszitter.sinds
                soorten.add(SignaalSoort.THUISZITTER)
                if _thuiszitter_3mnd(thuiszitter, p) is not None:
                    soorten.add(SignaalSoort.THUISZITTER_3MND)
            elif _langdurig_afwezig(inst, leerling, prof, p, None) is not None:
                soorten.add(SignaalSoort.LANGDURIG_AFWEZIG)
        # rule 6 as `_luxe_verzuim` at P: a day ≤ P whose run of such days, cut off at P, is 10 lesdagen at most
        if luxe and any(i <= hoogste and min(e, hoogste) - b < _LUXE_MAX_RUN for i, b, e in luxe):
            soorten.add(SignaalSoort.LUXE_VERZUIM)
        if uitgeschreven is not None and _absoluut_verzuim(leerling, p) is not None:
            soorten.add(SignaalSoort.ABSOLUUT_VERZUIM)
        niveau = None
        if ingeschreven <= p and (uitgeschreven is None or p < uitgeschreven):  # is_ingeschreven, inline
            n = hoogste - lo + 1
            som = math.fsum(waarden[van:bisect.bisect_right(posities, hoogste)]) if n > 0 else 0.0
            niveau = _niveau_getal(inst, som, n, not _NIVEAU_DRIE.isdisjoint(soorten))
        if thuis is None:  # the usual stand: one shared object per (soorten, niveau), not one per month and student
            sleutel = (frozenset(soorten) if soorten else _GEEN, niveau)
            stand = _STANDEN.get(sleutel)
            if stand is None:
                stand = _STANDEN[sleutel] = Stand(sleutel[0], None, niveau)
            uit.append(stand)
        else:
            uit.append(Stand(frozenset(soorten), thuis, niveau))
    return uit


_STANDEN: dict[tuple[frozenset[SignaalSoort], int | None], Stand] = {}  # at most 2⁷ × 4: the sets of soorten, levels


def _luxe_runs(leerling: Leerling, p: _Profiel, grenzen: Sequence[tuple[int, str, object]],
               drempel: float) -> list[tuple[int, int, int]]:
    """Rule 6's days (≤ P, ingeschreven, a whole day ongeoorloofd or ziek) with the run of such days around each:
    (day, first, last position of the run up to P)."""
    ong_get, ziek_get = p.ong.get, p.ziek.get

    def uren(i: int) -> float:
        return ong_get(i, 0.0) + ziek_get(i, 0.0)

    uit = []
    for i, _, _ in grenzen:
        if i > p.laatste or uren(i) < drempel or not is_ingeschreven(leerling, p.tabel.dagen[i]):
            continue
        uit.append((i, *_hele_dagen_rond(i, uren, drempel, p.laatste)))
    return uit


def _niveau_getal(inst: SignaalInstellingen, som: float, n: int, drie: bool) -> int:
    """`_kearney(...).niveau` without the decimals when the percentage is not near a threshold: rounding to one
    decimal moves it by 0.05 at most."""
    if drie:
        return 3
    if inst.niveau2_pct >= inst.niveau3_pct:
        return _kearney(inst, "", som, n, drie).niveau
    pct = 100 * som / (n * inst.uren_per_lesdag) if som and n > 0 else 0.0
    if pct >= inst.niveau3_pct + 0.1:
        return 3
    if inst.niveau2_pct + 0.1 <= pct <= inst.niveau3_pct - 0.1:
        return 2
    if pct <= inst.niveau2_pct - 0.1:
        return 1
    return _kearney(inst, "", som, n, drie).niveau


# ~5 ms of the rules at a time (one switch interval of Python's lock): a pause of the background thread after
# every ~1 ms of work made the run at 20,000 students 36 % slower, one every ~5 ms 4–8 % (services/signalen.py
# pauses its reading as often); a screen asked for waits at most that long before the run pauses for it
# (ui/common/worker.py voorrang).
TUSSENDOOR_LEERLINGEN = 200


def _schoolbreed(cal: SchoolCalendar, inst: SignaalInstellingen, leerlingen: Iterable[Leerling],
                 profiel: Callable[[str], _Profiel], meldingen_per_leerling: Mapping[str, Iterable[Verzuimmelding]],
                 mazl_per_leerling: Mapping[str, Iterable[MazlActie]],
                 peildatum: date, tussendoor: Callable[[], None] | None = None) -> tuple[list[Signaal], list[Niveau]]:
    """`tussendoor`, when given, is called before every `TUSSENDOOR_LEERLINGEN` students: a background thread
    hands Python's lock to the window there (ui/common/worker.py)."""
    alle_signalen: list[Signaal] = []
    niveaus: list[Niveau] = []
    for i, leerling in enumerate(sorted(leerlingen, key=lambda ll: ll.leerlingnummer)):
        if tussendoor is not None and i % TUSSENDOOR_LEERLINGEN == 0:
            tussendoor()
        nr = leerling.leerlingnummer
        p = profiel(nr)
        eigen = _signalen(cal, inst, leerling, p, meldingen_per_leerling.get(nr, ()),
                          mazl_per_leerling.get(nr, ()), peildatum)
        alle_signalen.extend(eigen)
        n = _niveau(inst, leerling, p, eigen, peildatum)
        if n is not None:
            niveaus.append(n)
    return alle_signalen, niveaus


__all__ = [
    "MELDGRENS_UREN",
    "Dagen",
    "Niveau",
    "Signaal",
    "SignaalInstellingen",
    "SignaalSoort",
    "Stand",
    "dagen_per_leerling",
    "niveau",
    "schoolbreed",
    "schoolbreed_dagen",
    "signalen",
    "signalen_op",
    "standen",
]
