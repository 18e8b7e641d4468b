"""Signals and Kearney levels for the whole school or one student, from the database (SIGNALEN.md)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import peewee as pw

from ..db import models as m
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.gebruiker import Rol
from ..domain.signals import Niveau, Signaal, SignaalInstellingen, SignaalSoort, schoolbreed
from ..domain.verzuim import MazlActie, MeldingSoort, Reden, Verzuimmelding, VerzuimRecord
from . import instellingen
from .context import Context
from .kalender import KalenderService
from .leerlingen import load_all

BIJGEWERKT_TOT = "verzuim_bijgewerkt_tot"
DREMPELS = "niveau_drempels"


@dataclass(frozen=True)
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

    def niveau_van(self) -> dict[str, Niveau]:
        return {n.leerlingnummer: n for n in self.niveaus}

    def signalen_van(self) -> dict[str, list[Signaal]]:
        per: dict[str, list[Signaal]] = defaultdict(list)
        for s in self.signalen:
            per[s.leerlingnummer].append(s)
        return per

    def per_niveau(self) -> Counter:
        return Counter(n.niveau for n in self.niveaus)

    def per_signaal(self) -> Counter:
        return Counter(s.soort for s in self.signalen)

    def besproken(self, s: Signaal) -> Bespreking | None:
        return self.besprekingen.get((s.leerlingnummer, s.soort.value, s.datum))


class SignalenService:
    def __init__(self, ctx: Context, kalender: KalenderService):
        self.ctx = ctx
        self.kalender = kalender

    def bijgewerkt_tot(self) -> date | None:
        waarde = instellingen.lees(BIJGEWERKT_TOT)
        return date.fromisoformat(waarde) if waarde else None

    def standaard_peildatum(self) -> date:
        """SIGNALEN.md: the date up to which verzuim is registered; today while nothing is imported."""
        return self.bijgewerkt_tot() or date.today()

    def instellingen(self) -> SignaalInstellingen:
        drempels = instellingen.lees(DREMPELS, {})
        return SignaalInstellingen(uren_per_lesdag=m.School.get().uren_per_lesdag,
                                   niveau2_pct=drempels.get("niveau2", 5.0), niveau3_pct=drempels.get("niveau3", 10.0))

    def drempels_opslaan(self, niveau2: float, niveau3: float) -> None:
        if not 0 < niveau2 < niveau3 <= 100:
            raise InvoerFout("De grens voor niveau 2 moet lager zijn dan die voor niveau 3 (tussen 0 en 100%).")
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            instellingen.schrijf(DREMPELS, {"niveau2": niveau2, "niveau3": niveau3})

    def overzicht(self, peildatum: date | None = None, leerlingnummer: str | None = None) -> Overzicht:
        """Signals and levels of every student (or one) at `peildatum` (default: standaard_peildatum)."""
        peildatum = peildatum or self.standaard_peildatum()
        leerlingen = load_all()
        if leerlingnummer is not None:
            leerlingen = [ll for ll in leerlingen if ll.leerlingnummer == leerlingnummer]
            if not leerlingen:
                raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        nummer = {ll.id: ll.leerlingnummer for ll in leerlingen}
        only = [leerlingen[0].id] if leerlingnummer is not None else None
        signalen, niveaus = schoolbreed(
            self.kalender.calendar(), self.instellingen(), leerlingen,
            _verzuim(nummer, peildatum, only), _meldingen(nummer, only), _mazl(nummer, only), peildatum)
        return Overzicht(peildatum, self.bijgewerkt_tot(), signalen, niveaus, _besprekingen(nummer, only))

    def bespreken(self, leerlingnummer: str, soort: SignaalSoort, datum: date, notitie: str) -> None:
        """Mark a signal "besproken" with a note; it stays in every count."""
        leerling = m.Leerling.get_or_none(m.Leerling.leerlingnummer == leerlingnummer)
        if leerling is None:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        with self.ctx.action(Rol.ZORGCOORDINATOR, Rol.MENTOR):
            (m.SignaalBespreking.insert(leerling=leerling.id, signaal=soort.value, datum=datum,
                                        notitie=notitie.strip(), door=self.ctx.gebruiker.id, aangemaakt=m.now())
             .on_conflict_replace().execute())


# --- bulk loading: raw tuples, because a school year of per-lesuur verzuim is ~150,000 rows ---------

def _where(query, column, only):
    return query.where(column.in_(only)) if only is not None else query


def _verzuim(nummer: dict[int, str], peildatum: date, only) -> dict[str, list[VerzuimRecord]]:
    per: dict[str, list[VerzuimRecord]] = defaultdict(list)
    query = _where(m.Verzuim.select(m.Verzuim.leerling, m.Verzuim.datum, m.Verzuim.uren, m.Verzuim.reden)
                   .where(m.Verzuim.datum <= peildatum), m.Verzuim.leerling, only)
    redenen = {r.value: r for r in Reden}
    cursor = m.database.execute(query)  # plain cursor: dates as ISO text, converted once below
    for leerling_id, datum, uren, reden in cursor:
        nr = nummer.get(leerling_id)
        if nr is not None:
            per[nr].append(VerzuimRecord(date.fromisoformat(datum) if isinstance(datum, str) else datum,
                                         uren, redenen[reden]))
    return per


def _meldingen(nummer: dict[int, str], only) -> dict[str, list[Verzuimmelding]]:
    per: dict[str, list[Verzuimmelding]] = defaultdict(list)
    for r in _where(m.Verzuimmelding.select(), m.Verzuimmelding.leerling, only):
        per[nummer[r.leerling_id]].append(Verzuimmelding(r.datum, r.einddatum, MeldingSoort(r.soort), r.kenmerk))
    return per


def _mazl(nummer: dict[int, str], only) -> dict[str, list[MazlActie]]:
    per: dict[str, list[MazlActie]] = defaultdict(list)
    for r in _where(m.MazlActie.select(), m.MazlActie.leerling, only):
        per[nummer[r.leerling_id]].append(MazlActie(r.datum))
    return per


def _besprekingen(nummer: dict[int, str], only) -> dict[tuple[str, str, date], Bespreking]:
    query = (m.SignaalBespreking.select(m.SignaalBespreking, m.Gebruiker.naam)
             .join(m.Gebruiker, pw.JOIN.LEFT_OUTER, on=(m.SignaalBespreking.door == m.Gebruiker.id)))
    uit = {}
    for r in _where(query, m.SignaalBespreking.leerling, only).objects():
        uit[(nummer[r.leerling_id], r.signaal, r.datum)] = Bespreking(r.notitie, r.naam or "", r.aangemaakt.date())
    return uit
