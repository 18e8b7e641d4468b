"""Signals and Kearney levels for the whole school or one student, from the database (SIGNALEN.md)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property

import peewee as pw

from .. import __version__
from ..db import models as m
from ..db import signaal_cache
from ..domain.afhandeling import Afhandeling, TrajectStand, afhandeling
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.kalender import LesdagTabel, SchoolCalendar
from ..domain.leerling import Leerling, Vrijstelling, VrijstellingType, add_years, schooljaar_start
from ..domain.signalen import (
    GESCHIEDENIS_JAREN,
    Dagen,
    Niveau,
    Signaal,
    SignaalInstellingen,
    SignaalSoort,
    schoolbreed_dagen,
)
from ..domain.verzuim import MazlActie, MeldingSoort, Reden, Verzuimmelding, VerzuimRecord
from . import instellingen, leerlingnummers
from .context import Context
from .kalender import KalenderService

BIJGEWERKT_TOT = "verzuim_bijgewerkt_tot"
# Raise when the rules or the vacation data change without a new program version: a result kept in the file
# (db/signaal_cache.py) is then computed anew.
_REGELS = 1
DREMPELS = "niveau_drempels"


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class Bespreking:
    notitie: str
    door: str
    op: date


@dataclass
class Overzicht:
    """Everything the dashboard and the list need at one peildatum."""

    peildatum: date
    bijgewerkt_tot: date | None  # None: no verzuim imported yet
    signalen: list[Signaal]
    niveaus: list[Niveau]
    besprekingen: dict[tuple[str, str, date], Bespreking] = field(default_factory=dict)
    # What `afhandeling` needs, per leerlingnummer (only for students with a signal)
    meldingen: dict[str, list[Verzuimmelding]] = field(default_factory=dict)
    trajecten: dict[str, TrajectStand] = field(default_factory=dict)  # the open traject
    mdos: dict[str, list[date]] = field(default_factory=dict)  # MDO's with a verslag or besluiten

    @cached_property
    def leerlingnummers(self) -> frozenset[str]:
        """Every student this overzicht is about (each has a level)."""
        return frozenset(n.leerlingnummer for n in self.niveaus)

    def van(self, leerlingnummer: str) -> Overzicht:
        """One student's part: what `overzicht(leerlingnummer=…)` computes for them on its own (every rule is
        per student), taken from the whole school's."""
        nr = leerlingnummer
        signalen, niveaus = self._per_leerling.get(nr, ((), ()))
        return Overzicht(self.peildatum, self.bijgewerkt_tot, list(signalen), list(niveaus),
                         {k: b for k, b in self.besprekingen.items() if k[0] == nr},
                         {k: v for k, v in self.meldingen.items() if k == nr},
                         {k: v for k, v in self.trajecten.items() if k == nr},
                         {k: v for k, v in self.mdos.items() if k == nr})

    @cached_property
    def _per_leerling(self) -> dict[str, tuple[list[Signaal], list[Niveau]]]:
        """The signals and levels per student, in their order, for `van`: a student's page asks for its part at
        every opening, and a pass over the whole school's lists each time cost ~0.2 ms at 2,000 students (ten
        times that at 20,000). Kept with this overzicht: a change of the data makes a new one."""
        per: dict[str, tuple[list[Signaal], list[Niveau]]] = {}
        for s in self.signalen:
            per.setdefault(s.leerlingnummer, ([], []))[0].append(s)
        for n in self.niveaus:
            per.setdefault(n.leerlingnummer, ([], []))[1].append(n)
        return per

    def niveau_van(self) -> dict[str, Niveau]:
        return {n.leerlingnummer: n for n in self.niveaus}

    def signalen_van(self) -> dict[str, list[Signaal]]:
        per: dict[str, list[Signaal]] = defaultdict(list)
        for s in self.signalen:
            per[s.leerlingnummer].append(s)
        return per

    def per_niveau(self) -> Counter:
        return Counter(n.niveau for n in self.niveaus)

    def per_getoond_niveau(self) -> Counter:
        """The pyramid: students per level, leaving out those whose level rests on no verzuim at all."""
        return Counter(n.niveau for n in self.niveaus if not n.zonder_verzuim)

    def zonder_verzuim(self) -> int:
        """Students with no verzuim known yet (nothing imported, none entered): no level to show."""
        return sum(n.zonder_verzuim for n in self.niveaus)

    def per_signaal(self) -> Counter:
        return Counter(s.soort for s in self.signalen)

    def besproken(self, s: Signaal) -> Bespreking | None:
        return self.besprekingen.get((s.leerlingnummer, s.soort.value, s.datum))

    def afhandeling(self, s: Signaal) -> Afhandeling:
        """Gemeld, in a traject, besproken? (domain/afhandeling.py)"""
        nr = s.leerlingnummer
        b = self.besproken(s)
        return afhandeling(s, meldingen=self.meldingen.get(nr, ()), traject=self.trajecten.get(nr),
                           besproken=b.op if b else None, mdos=self.mdos.get(nr, ()))


class SignalenService:
    def __init__(self, ctx: Context, kalender: KalenderService):
        self.ctx = ctx
        self.kalender = kalender
        # The whole school's overzicht per (peildatum, data version): Vandaag, the list and the overviews ask
        # for it again and again, and it only changes when something is written (db/connection.py `versie`).
        self._cache: tuple[tuple[date, int], Overzicht] | None = None
        self._vast_cache: tuple[object, tuple[date | None, SignaalInstellingen]] | None = None  # see _vast

    def bijgewerkt_tot(self) -> date | None:
        return self._vast()[0]

    def standaard_peildatum(self) -> date:
        """SIGNALEN.md: the date up to which verzuim is registered; today while nothing is imported."""
        return self.bijgewerkt_tot() or date.today()

    def instellingen(self) -> SignaalInstellingen:
        return self._vast()[1]

    def _vast(self) -> tuple[date | None, SignaalInstellingen]:
        """The verzuim's last day and the settings, read again only after a write (the data version, as for the
        overzicht): opening a student asks for them three times."""
        in_transactie = self.ctx.store.db.in_transaction()  # its own uncommitted writes: read them
        sleutel = None if in_transactie else self.ctx.store.versie
        if sleutel is not None and self._vast_cache is not None and self._vast_cache[0] == sleutel:
            return self._vast_cache[1]
        waarde = instellingen.lees(BIJGEWERKT_TOT)
        drempels = instellingen.lees(DREMPELS, {})
        vast = (date.fromisoformat(waarde) if waarde else None,
                SignaalInstellingen(uren_per_lesdag=m.School.get().uren_per_lesdag,
                                    niveau2_pct=drempels.get("niveau2", 5.0), niveau3_pct=drempels.get("niveau3", 10.0)))
        if sleutel is not None:
            self._vast_cache = (sleutel, vast)
        return vast

    def drempels_opslaan(self, niveau2: float, niveau3: float) -> None:
        if not 0 < niveau2 < niveau3 <= 100:
            raise InvoerFout("De grens voor niveau 2 moet lager zijn dan die voor niveau 3 (tussen 0 en 100%).")
        with self.ctx.action():
            instellingen.schrijf(DREMPELS, {"niveau2": niveau2, "niveau3": niveau3})

    def overzicht(self, peildatum: date | None = None, leerlingnummer: str | None = None, *,
                  tussendoor: Callable[[], None] | None = None) -> Overzicht:
        """Signals and levels of every student (or one) at `peildatum` (default: standaard_peildatum).

        The whole school's comes from the cache while nothing was written since it was computed – not inside a
        transaction, whose own uncommitted writes the cache does not know (and which may yet be rolled back).
        `tussendoor` is called between two pieces of a computation of the whole school (every ~5 ms of Python):
        the window runs it in a background thread and passes a short pause there, so that its own thread gets
        Python's lock while it builds a screen (issue 16)."""
        peildatum = peildatum or self.standaard_peildatum()
        if self.ctx.store.db.in_transaction():
            return self._overzicht(peildatum, leerlingnummer)
        sleutel = (peildatum, self.ctx.store.versie)  # read before the data: a write during the run moves it on
        cache = self._cache
        if leerlingnummer is not None:  # one student's page: their part of the school's run when it is at hand
            if cache is not None and cache[0] == sleutel and leerlingnummer in cache[1].leerlingnummers:
                return cache[1].van(leerlingnummer)
            return self._overzicht(peildatum, leerlingnummer)
        if cache is not None and cache[0] == sleutel:
            return cache[1]
        o = self._bewaard_of_berekend(peildatum, tussendoor)
        self._cache = (sleutel, o)
        return o

    def _bewaard_of_berekend(self, peildatum: date, tussendoor: Callable[[], None] | None) -> Overzicht:
        """The whole school's: the signals and levels kept in the file from an earlier session while no write
        emptied them (db/signaal_cache.py), or computed – and then kept. Only at the default peildatum, the one
        Vandaag and the list show after login. What the lines' afhandeling needs is read fresh either way."""
        if peildatum != self.standaard_peildatum():
            return self._overzicht(peildatum, None, tussendoor)
        db, sleutel = self.ctx.store.db, f"{__version__}|{_REGELS}|{peildatum.isoformat()}"
        gedeeld: dict = {}
        bewaard = signaal_cache.lees(db, sleutel, gedeeld)
        if bewaard is None:
            self.ctx.gecontroleerd()  # keeping a result is a write: only into a file that passed the check
            with self.ctx.stil() as stil:  # never in the way of a user's action in another thread
                gereserveerd = stil and signaal_cache.reserveer(db, sleutel)  # before reading: a write voids it
            o = self._overzicht(peildatum, None, tussendoor)
            if gereserveerd:
                with self.ctx.stil() as stil:
                    if stil:
                        signaal_cache.bewaar(db, sleutel, o.signalen, o.niveaus)
            return o
        signalen, niveaus = bewaard
        leerlingen = m.database.execute(m.Leerling.select(m.Leerling.id, m.Leerling.leerlingnummer))
        # the signals' own leerlingnummer objects: 20,000 more strings read here were the peak of this (issue 16)
        nummer = {lid: gedeeld.get(nr, nr) for lid, nr in leerlingen}
        del gedeeld
        met_signaal = {s.leerlingnummer for s in signalen}
        meldingen = _meldingen(nummer, None)
        return Overzicht(peildatum, self.bijgewerkt_tot(), signalen, niveaus, _besprekingen(nummer, None),
                         {nr: v for nr, v in meldingen.items() if nr in met_signaal},
                         *_trajecten_en_mdos(nummer, None, met_signaal))

    def _cache_legen(self) -> None:
        """Forget the cached overzicht, also the one kept in the file (benchmarks measure the computation)."""
        self._cache = None
        signaal_cache.legen(self.ctx.store.db)

    def _overzicht(self, peildatum: date, leerlingnummer: str | None,
                   tussendoor: Callable[[], None] | None = None) -> Overzicht:
        leerlingen = _leerlingen(leerlingnummer)
        if leerlingnummer is not None and not leerlingen:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        nummer = {ll.id: ll.leerlingnummer for ll in leerlingen}
        only = [ll.id for ll in leerlingen] if leerlingnummer is not None else None
        cal = self.kalender.calendar()
        inst = self.instellingen()
        meldingen = _meldingen(nummer, only)
        grens = _grens(cal, peildatum)
        tabel, dagen = _dagen(cal, nummer, peildatum, only, inst.uren_per_lesdag, [grens] if grens else [],
                              tussendoor)
        signalen, niveaus = schoolbreed_dagen(cal, inst, leerlingen, tabel, dagen, meldingen, _mazl(nummer, only),
                                              peildatum, tussendoor)
        bijgewerkt = self.bijgewerkt_tot()
        if bijgewerkt is None:  # nothing imported: a level 1 without any verzuim entered is no level yet
            met = _met_verzuim(nummer, dagen, {n.leerlingnummer for n in niveaus if n.niveau == 1})
            niveaus = [replace(n, zonder_verzuim=True) if n.niveau == 1 and n.leerlingnummer not in met else n
                       for n in niveaus]
        met_signaal = {s.leerlingnummer for s in signalen}
        return Overzicht(peildatum, bijgewerkt, signalen, niveaus, _besprekingen(nummer, only),
                         {nr: v for nr, v in meldingen.items() if nr in met_signaal},
                         *_trajecten_en_mdos(nummer, only, met_signaal))

    def besprekingen(self, leerlingnummer: str) -> dict[tuple[str, date], Bespreking]:
        """The signals of one student marked "besproken": (signaal, datum) → the note."""
        leerling = leerlingnummers.zoek(leerlingnummer)
        if leerling is None:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        return {(soort, d): b for (_, soort, d), b in _besprekingen({leerling.id: leerlingnummer},
                                                                     [leerling.id]).items()}

    def bespreken(self, leerlingnummer: str, soort: SignaalSoort, datum: date, notitie: str, *,
                  aangemaakt: datetime | None = None) -> None:
        """Mark a signal "besproken" with a note; it stays in every count. `aangemaakt`: when (default now)."""
        leerling = leerlingnummers.zoek(leerlingnummer)
        if leerling is None:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        soort = SignaalSoort(soort)
        with self.ctx.action():
            (m.SignaalBespreking.insert(leerling=leerling.id, signaal=soort.value, datum=datum,
                                        notitie=notitie.strip(), door=self.ctx.gebruiker.id,
                                        aangemaakt=aangemaakt or m.now())
             .on_conflict(conflict_target=[m.SignaalBespreking.leerling, m.SignaalBespreking.signaal,
                                           m.SignaalBespreking.datum],  # an upsert: the file and the server
                          preserve=[m.SignaalBespreking.notitie, m.SignaalBespreking.door,
                                    m.SignaalBespreking.aangemaakt])
             .execute())


# --- bulk loading: raw tuples, because a school year of per-lesuur verzuim is ~150,000 rows ---------

_IN_BATCH = 500  # ids per "IN (...)": well below SQLite's limit on parameters
_EPS = 1e-9  # as the rules: sums of decimal hours must still reach a whole day


def _where(query, column, only):
    return query.where(column.in_(only)) if only is not None else query


def _leerlingen(leerlingnummer: str | None, ids: list[int] | None = None) -> list[Leerling]:
    """Every student (or one, or those of `ids`: a batch) with vrijstellingen: two queries of plain tuples (raw:
    20,000 students through peewee's field conversions cost a third of a second)."""
    L = m.Leerling
    query = L.select(L.id, L.leerlingnummer, L.achternaam, L.geboortedatum, L.inschrijfdatum, L.voornaam,
                     L.tussenvoegsel, L.klas, L.uitschrijfdatum, L.bestemming, L.startkwalificatie)
    if leerlingnummer is not None:
        query = query.where(L.id == leerlingnummers.id_van(leerlingnummer))
    elif ids is not None:
        query = query.where(L.id.in_(ids))
    rijen = list(m.database.execute(query))
    vrijstellingen: dict[int, list[Vrijstelling]] = defaultdict(list)
    vquery = (m.Vrijstelling.select(m.Vrijstelling.leerling, m.Vrijstelling.type, m.Vrijstelling.van,
                                    m.Vrijstelling.tot).order_by(m.Vrijstelling.van))
    if leerlingnummer is not None or ids is not None:
        vquery = vquery.where(m.Vrijstelling.leerling.in_([r[0] for r in rijen]))
    for leerling_id, soort, van, tot in vquery.tuples():
        vrijstellingen[leerling_id].append(Vrijstelling(VrijstellingType(soort), van, tot))
    datums: dict[str | None, date | None] = {None: None}

    def datum(tekst: str | None) -> date | None:
        d = datums.get(tekst)
        if d is None and tekst is not None:
            d = datums[tekst] = date.fromisoformat(tekst)
        return d

    return [Leerling(leerlingnummer=nr, achternaam=achternaam, geboortedatum=datum(geboren),
                     inschrijfdatum=datum(ingeschreven), voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas=klas,
                     uitschrijfdatum=datum(uitgeschreven), bestemming=bestemming, startkwalificatie=bool(sk),
                     vrijstellingen=tuple(vrijstellingen.get(id_, ())), id=id_)
            for (id_, nr, achternaam, geboren, ingeschreven, voornaam, tussenvoegsel, klas, uitgeschreven,
                 bestemming, sk) in rijen]


def _grens(cal: SchoolCalendar, peildatum: date) -> date | None:
    """The lesdag G from which the verzuim of P's school year is enough for every rule.

    G = the first lesdag of P's school year (the last lesdag ≤ P while that year has had none yet).
    Every rule reads only lesdagen ≥ G, except three that follow a run of consecutive lesdagen back
    from G: the runs of whole-day absence (thuiszitter, langdurig afwezig; luxe verzuim's "more than 10"
    check), which cross G only when the student was absent the whole day on G, and the ziekmelding
    that a M@zl count must not mistake for a new one, which crosses G only with ziek hours on G.
    None: no lesdag ≤ P within a year, so read everything.
    """
    dagen = cal.lesdagen(schooljaar_start(peildatum), peildatum)
    if dagen:
        return dagen[0]
    dagen = cal.lesdagen(peildatum - timedelta(days=366), peildatum)
    return dagen[-1] if dagen else None


def _verzuim(cal: SchoolCalendar, nummer: dict[int, str], peildatum: date, only: list[int] | None,
             dagduur: float) -> dict[str, list[VerzuimRecord]]:
    """The verzuim ≤ P the rules need, per leerlingnummer.

    Verzuim is kept for years; the rules need P's school year (from G, see `_grens`), plus the earlier
    verzuim of the few students whose whole-day absence or ziekmelding goes on across G. So most of
    the history is never read. (tests/services/test_signalen_service.py checks that the rules give
    exactly what they give on all verzuim.)
    """
    per: dict[str, list[VerzuimRecord]] = defaultdict(list)
    redenen = {r.value: r for r in Reden}
    datums: dict[str, date] = {}
    grens = _grens(cal, peildatum)
    g = grens.isoformat() if grens else None
    op_grens: dict[int, float] = {}  # hours on G per student
    ziek_op_grens: set[int] = set()

    def lees(sql: str, params: list) -> None:
        append = {id_: per[nr].append for id_, nr in nummer.items()}  # bound once: up to a million rows
        for leerling_id, datum, uren, reden in m.database.execute_sql(sql, params):
            add = append.get(leerling_id)
            if add is not None:
                d = datums.get(datum)
                if d is None:
                    d = datums[datum] = grens if datum == g else date.fromisoformat(datum)
                if d is grens:
                    op_grens[leerling_id] = op_grens.get(leerling_id, 0.0) + uren
                    if reden == "ziek":
                        ziek_op_grens.add(leerling_id)
                add(VerzuimRecord(d, uren, redenen[reden]))

    p = peildatum.isoformat()
    select = 'SELECT "leerling_id", "datum", "uren", "reden" FROM "verzuim" WHERE "datum" <= ?'
    if only is not None:  # a few students: all their verzuim, through the index
        for ids in _batches(only):
            lees(f'{select} AND "leerling_id" IN ({", ".join("?" * len(ids))})', [p, *ids])
        return per
    if grens is None:
        lees(select, [p])
        return per
    van = min(schooljaar_start(peildatum), grens).isoformat()
    # Through the (leerling_id, datum) index, one date range per student: unlike a scan of the whole
    # table, this does not slow down as the years of history grow.
    lees(f'{select} AND "datum" >= ? AND "leerling_id" IN (SELECT "id" FROM "leerling")', [p, van])
    verder = ziek_op_grens | {i for i, u in op_grens.items() if u >= dagduur - _EPS}
    for ids in _batches(sorted(verder)):
        lees(f'{select} AND "datum" < ? AND "leerling_id" IN ({", ".join("?" * len(ids))})', [p, van, *ids])
    return per


_DAGEN_SQL = 'SELECT "leerling_id", "datum", "uren", "reden" FROM "verzuim" WHERE "datum" <= ? {waar}'
_ONG, _ZIEK = Reden.ONGEOORLOOFD.value, Reden.ZIEK.value


def _dagen(cal: SchoolCalendar, nummer: dict[int, str], tot: date, only: list[int] | None, dagduur: float,
           grenzen: list[date], tussendoor: Callable[[], None] | None = None) -> tuple[LesdagTabel, dict[str, Dagen]]:
    """The hours per lesdag (ongeoorloofd, ziek, all) ≤ `tot` per leerlingnummer, as positions of the table.

    Python sums the rows per student and day into three dicts as they come – no object per verzuim row. (Not
    SQLite's GROUP BY: its three sums per day cost more than adding the few days with more than one row here.)
    With `only`, a few students: all their verzuim. Otherwise the verzuim from the earliest of `grenzen`
    (lesdagen, see `_grens`) for everyone, and the earlier verzuim only of the students absent the whole day,
    or ill, on one of those days: only their runs reach back across it.
    """
    tabel = cal.tabel(schooljaar_start(tot), tot)
    per: dict[str, Dagen] = {}
    vroeger: list[tuple] = []  # rows before the table (rare: older than the vacation data), placed at the end

    def lees(sql: str, params: list) -> None:
        index, lo = tabel.iso_index(), tabel.lo.isoformat()
        huidig = None
        ong = ziek = alle = None
        for stuk in _stukken(m.database.execute_sql(sql, params), tussendoor):
            for rij in stuk:
                leerling_id, datum, uren, reden = rij
                i = index.get(datum)
                if i is None:  # not a lesdag (ignored by every rule), or before the table
                    if datum < lo:
                        vroeger.append(rij)
                    continue
                if leerling_id != huidig:
                    huidig = leerling_id
                    nr = nummer.get(leerling_id)
                    if nr is None:
                        ong = None
                        continue
                    ong, ziek, alle = per.get(nr) or per.setdefault(nr, ({}, {}, {}))
                elif ong is None:
                    continue
                alle[i] = alle[i] + uren if i in alle else uren
                if reden == _ONG:
                    ong[i] = ong[i] + uren if i in ong else uren
                elif reden == _ZIEK:
                    ziek[i] = ziek[i] + uren if i in ziek else uren

    p = tot.isoformat()
    if only is not None:  # a few students: all their verzuim, through the index
        for ids in _batches(only):
            lees(_DAGEN_SQL.format(waar=f'AND "leerling_id" IN ({", ".join("?" * len(ids))})'), [p, *ids])
    elif not grenzen:
        lees(_DAGEN_SQL.format(waar=""), [p])
    else:
        van = min(grenzen).isoformat()
        # Through the (leerling_id, datum) index, one date range per student: unlike a scan of the whole
        # table, this does not slow down as the years of history grow.
        lees(_DAGEN_SQL.format(waar='AND "datum" >= ? AND "leerling_id" IN (SELECT "id" FROM "leerling")'), [p, van])
        # Whole days or ziek hours on one of `grenzen` (in the table: a row before it was never watched)
        index, heel = tabel.iso_index(), dagduur - _EPS
        posities = [i for i in (index.get(g.isoformat()) for g in grenzen) if i is not None]
        over: set[str] = set()
        for i in posities:
            over.update(nr for nr, (_, ziek, alle) in per.items() if alle.get(i, 0.0) >= heel or i in ziek)
        verder = sorted(i for i, nr in nummer.items() if nr in over)
        for ids in _batches(verder):
            lees(_DAGEN_SQL.format(waar=f'AND "datum" < ? AND "leerling_id" IN ({", ".join("?" * len(ids))})'),
                 [p, van, *ids])
    if vroeger:
        tabel, per = _groter(cal, tabel, per, vroeger, nummer, tot)
    return tabel, per


_TUSSENDOOR_RIJEN = 5_000  # ~5 ms of `_dagen`'s loop (as domain/signalen.py TUSSENDOOR_LEERLINGEN)


def _stukken(rijen, tussendoor: Callable[[], None] | None):
    """The cursor's rows in pieces of `_TUSSENDOOR_RIJEN` with `tussendoor()` before each; without `tussendoor`
    the cursor itself, in one piece. (Not row by row through a generator: a step more for each of up to a million rows.)"""
    if tussendoor is None:
        yield rijen
        return
    while stuk := rijen.fetchmany(_TUSSENDOOR_RIJEN):
        tussendoor()
        yield stuk


def _groter(cal: SchoolCalendar, tabel: LesdagTabel, per: dict[str, Dagen], vroeger: list[tuple],
            nummer: dict[int, str], tot: date) -> tuple[LesdagTabel, dict[str, Dagen]]:
    """Verzuim from before the table (before the vacation data): a table that reaches back to it (as the rules
    do, at most 25 years), with every position moved along."""
    oudste = min(date.fromisoformat(r[1]) for r in vroeger)
    nieuw = cal.tabel(max(oudste, add_years(tot, -GESCHIEDENIS_JAREN)), tot)
    schuif = nieuw.index[tabel.dagen[0]] if tabel.dagen else 0
    per = {nr: tuple({i + schuif: u for i, u in d.items()} for d in dagen)  # type: ignore[misc]  # 3 in, 3 out
           for nr, dagen in per.items()}
    index = nieuw.iso_index()
    for leerling_id, datum, uren, reden in vroeger:
        i, nr = index.get(datum), nummer.get(leerling_id)
        if i is None or nr is None:
            continue
        ong, ziek, alle = per.get(nr) or per.setdefault(nr, ({}, {}, {}))
        alle[i] = alle.get(i, 0.0) + uren
        if reden == _ONG:
            ong[i] = ong.get(i, 0.0) + uren
        elif reden == _ZIEK:
            ziek[i] = ziek.get(i, 0.0) + uren
    return nieuw, per


def _met_verzuim(nummer: dict[int, str], dagen: dict[str, Dagen], vraag: set[str]) -> set[str]:
    """Which of the leerlingnummers `vraag` have any verzuim at all (any date): those with hours on a lesdag in
    `dagen` surely, the others looked up through the index – only the students asked about, never the whole
    table (one student's page must not read the school's verzuim, nor the school's run every row again)."""
    met = {nr for nr in vraag if nr in dagen}
    rest = sorted(i for i, nr in nummer.items() if nr in vraag and nr not in met)
    for ids in _batches(rest):
        met.update(nummer[i] for (i,) in m.database.execute_sql(
            f'SELECT DISTINCT "leerling_id" FROM "verzuim" WHERE "leerling_id" IN ({", ".join("?" * len(ids))})', ids))
    return met


def _batches(ids: list[int]):
    for begin in range(0, len(ids), _IN_BATCH):
        yield ids[begin:begin + _IN_BATCH]


def _meldingen(nummer: dict[int, str], only) -> dict[str, list[Verzuimmelding]]:
    per: dict[str, list[Verzuimmelding]] = defaultdict(list)
    query = m.Verzuimmelding.select(m.Verzuimmelding.leerling, m.Verzuimmelding.datum, m.Verzuimmelding.einddatum,
                                    m.Verzuimmelding.soort, m.Verzuimmelding.kenmerk)
    for leerling_id, datum, einddatum, soort, kenmerk in _where(query, m.Verzuimmelding.leerling, only).tuples():
        if leerling_id in nummer:
            per[nummer[leerling_id]].append(Verzuimmelding(datum, einddatum, MeldingSoort(soort), kenmerk))
    return per


def _mazl(nummer: dict[int, str], only) -> dict[str, list[MazlActie]]:
    per: dict[str, list[MazlActie]] = defaultdict(list)
    query = m.MazlActie.select(m.MazlActie.leerling, m.MazlActie.datum)
    for leerling_id, datum in _where(query, m.MazlActie.leerling, only).tuples():
        if leerling_id in nummer:
            per[nummer[leerling_id]].append(MazlActie(datum))
    return per


def _besprekingen(nummer: dict[int, str], only) -> dict[tuple[str, str, date], Bespreking]:
    query = (m.SignaalBespreking.select(m.SignaalBespreking.leerling, m.SignaalBespreking.signaal,
                                        m.SignaalBespreking.datum, m.SignaalBespreking.notitie,
                                        m.Gebruiker.naam, m.SignaalBespreking.aangemaakt)
             .join(m.Gebruiker, pw.JOIN.LEFT_OUTER, on=(m.SignaalBespreking.door == m.Gebruiker.id)))
    uit = {}
    for leerling_id, signaal, datum, notitie, naam, aangemaakt in _where(query, m.SignaalBespreking.leerling,
                                                                         only).tuples():
        if leerling_id in nummer:
            uit[(nummer[leerling_id], signaal, datum)] = Bespreking(notitie, naam or "", aangemaakt.date())
    return uit


def _trajecten_en_mdos(nummer: dict[int, str], only,
                       met_signaal: set[str]) -> tuple[dict[str, TrajectStand], dict[str, list[date]]]:
    """The open traject of each student with a signal, and the MDO's (of any of their trajecten) that were
    held: with a verslag or a besluit. Two queries, whatever the number of students."""
    trajecten: dict[str, TrajectStand] = {}
    T = m.Traject
    query = T.select(T.leerling, T.id, T.stap, T.geopend, T.signaal, T.signaal_datum).where(T.status == "open")
    for leerling_id, id_, stap, geopend, signaal, signaal_datum in _where(query, T.leerling, only).tuples():
        nr = nummer.get(leerling_id)
        if nr in met_signaal:
            trajecten[nr] = TrajectStand(id_, stap, geopend, SignaalSoort(signaal) if signaal else None,
                                         signaal_datum)
    mdos: dict[str, list[date]] = defaultdict(list)
    besluit = m.Besluit.select(m.Besluit.id).where(m.Besluit.mdo == m.Mdo.id)
    query = (m.Mdo.select(T.leerling, m.Mdo.datum).join(T)
             .where((m.Mdo.verslag != "") | pw.fn.EXISTS(besluit)))
    for leerling_id, datum in _where(query, T.leerling, only).tuples():
        nr = nummer.get(leerling_id)
        if nr in met_signaal:
            mdos[nr].append(datum)
    return trajecten, dict(mdos)
