"""Verzuim: imports from the administration, hand entry, and the actions the signals react to
(DUO verzuimmeldingen, M@zl-acties)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..db import models as m
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.gebruiker import Rol
from ..domain.verzuim import MeldingSoort, Reden
from ..domain.verzuimcodes import STANDAARD, Codetabel
from ..importers.tabular import RijFout
from ..importers.verzuim import VerzuimBestand, lees_verzuim
from . import instellingen
from .context import Context
from .kalender import KalenderService
from .signalen import BIJGEWERKT_TOT

CODES = "verzuimcodes"
Progress = Callable[[int, int], None] | None


@dataclass
class VerzuimVoorbeeld:
    """What an import would do, before anything is written."""

    regels: int  # rows that will be imported
    leerlingen: int
    dagen_nieuw: int
    dagen_gewijzigd: int
    dagen_ongewijzigd: int
    overgeslagen: int  # rows with a code that is not absence
    fouten: list[RijFout]
    geen_lesdag: list[RijFout]  # warnings: these rows are kept but ignored by every rule
    onbekende_kolommen: list[str]
    bijgewerkt_tot: date | None

    @property
    def samenvatting(self) -> str:
        tekst = (f"{_n(self.regels, 'regel', 'regels')} voor {_n(self.leerlingen, 'leerling', 'leerlingen')}: "
                 f"{_n(self.dagen_nieuw, 'nieuwe dag', 'nieuwe dagen')}, {self.dagen_gewijzigd} gewijzigd, "
                 f"{self.dagen_ongewijzigd} ongewijzigd")
        if self.overgeslagen:
            tekst += (f"; {_n(self.overgeslagen, 'regel is', 'regels zijn')} geen verzuim (te laat, present …) "
                      "en overgeslagen")
        if self.fouten:
            tekst += f"; {_n(len(self.fouten), 'regel', 'regels')} met een fout"
        if self.bijgewerkt_tot:
            tekst += f". Verzuim bijgewerkt t/m {self.bijgewerkt_tot:%d-%m-%Y}"
        return tekst + "."


class VerzuimImportFout(InvoerFout):
    def __init__(self, fouten: list[RijFout]):
        super().__init__({f"regel {f.regel}": f.melding for f in fouten})
        self.rijfouten = fouten


@dataclass(frozen=True)
class VerzuimDag:
    datum: date
    uren: dict[Reden, float] = field(default_factory=dict)

    @property
    def totaal(self) -> float:
        return sum(self.uren.values())


@dataclass(frozen=True)
class HandRecord:
    id: int
    datum: date
    uren: float
    reden: Reden
    opmerking: str


@dataclass(frozen=True)
class Melding:
    id: int
    datum: date
    einddatum: date
    soort: MeldingSoort
    kenmerk: str


@dataclass(frozen=True)
class Mazl:
    id: int
    datum: date
    opmerking: str


class VerzuimService:
    def __init__(self, ctx: Context, kalender: KalenderService):
        self.ctx = ctx
        self.kalender = kalender

    # --- the code table --------------------------------------------------------------------------

    def codes(self) -> Codetabel:
        opgeslagen = instellingen.lees(CODES)
        return Codetabel.from_json(opgeslagen) if opgeslagen is not None else STANDAARD

    def codes_opslaan(self, codes: dict[str, Reden | None]) -> None:
        schoon = {" ".join(c.split()): r for c, r in codes.items() if c.strip()}
        if len({c.casefold() for c in schoon}) != len(schoon):
            raise InvoerFout("Een code staat twee keer in de lijst (hoofdletters tellen niet). Haal er één weg.")
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            instellingen.schrijf(CODES, Codetabel(schoon).to_json())

    def codes_standaard(self) -> None:
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            m.Instelling.delete().where(m.Instelling.sleutel == CODES).execute()

    # --- import ----------------------------------------------------------------------------------

    def _lees(self, path: Path, progress: Progress) -> tuple[VerzuimBestand, dict[str, int]]:
        ids = {nr: id_ for id_, nr in m.Leerling.select(m.Leerling.id, m.Leerling.leerlingnummer).tuples()}
        return lees_verzuim(path, ids, self.codes(), date.today(), progress), ids

    def _vergelijk(self, bestand: VerzuimBestand, ids: dict[str, int], tot: date | None) -> VerzuimVoorbeeld:
        nieuw: dict[tuple[int, date], Counter] = defaultdict(Counter)
        for r in bestand.rijen:
            nieuw[(ids[r.leerlingnummer], r.datum)][(r.reden.value, r.code)] += r.uren
        oud = self._bestaand_import(nieuw.keys())
        gewijzigd = sum(1 for k in nieuw if k in oud and _rond(oud[k]) != _rond(nieuw[k]))
        ongewijzigd = sum(1 for k in nieuw if k in oud and _rond(oud[k]) == _rond(nieuw[k]))
        cal = self.kalender.calendar()
        geen_lesdag = [RijFout(r.regel, f"{r.datum:%d-%m-%Y} is geen lesdag ({cal.omschrijving(r.datum).lower()}); "
                                        "deze regel telt niet mee voor de signalen.")
                       for r in bestand.rijen if not cal.is_lesdag(r.datum)]
        return VerzuimVoorbeeld(
            regels=len(bestand.rijen), leerlingen=len({r.leerlingnummer for r in bestand.rijen}),
            dagen_nieuw=len(nieuw) - gewijzigd - ongewijzigd, dagen_gewijzigd=gewijzigd,
            dagen_ongewijzigd=ongewijzigd, overgeslagen=bestand.overgeslagen, fouten=bestand.fouten,
            geen_lesdag=geen_lesdag, onbekende_kolommen=bestand.onbekende_kolommen,
            bijgewerkt_tot=tot or bestand.laatste_datum)

    def _bestaand_import(self, dagen) -> dict[tuple[int, date], Counter]:
        per_leerling: dict[int, set[date]] = defaultdict(set)
        for leerling_id, datum in dagen:
            per_leerling[leerling_id].add(datum)
        oud: dict[tuple[int, date], Counter] = defaultdict(Counter)
        if not per_leerling:
            return oud
        van, tot = min(min(d) for d in per_leerling.values()), max(max(d) for d in per_leerling.values())
        query = (m.Verzuim.select(m.Verzuim.leerling, m.Verzuim.datum, m.Verzuim.uren, m.Verzuim.reden,
                                  m.Verzuim.code)
                 .where((m.Verzuim.bron == "import") & (m.Verzuim.datum.between(van, tot))))
        for leerling_id, datum, uren, reden, code in m.database.execute(query):
            datum = date.fromisoformat(datum) if isinstance(datum, str) else datum
            if datum in per_leerling.get(leerling_id, ()):
                oud[(leerling_id, datum)][(reden, code)] += uren
        return oud

    def voorbeeld(self, path: Path, *, tot: date | None = None, progress: Progress = None) -> VerzuimVoorbeeld:
        bestand, ids = self._lees(Path(path), progress)
        return self._vergelijk(bestand, ids, tot)

    def importeren(self, path: Path, *, sla_foute_regels_over: bool = False, tot: date | None = None,
                   progress: Progress = None) -> VerzuimVoorbeeld:
        """Replace the imported verzuim of every (leerling, datum) in the file: all or nothing."""
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            bestand, ids = self._lees(Path(path), progress)
            resultaat = self._vergelijk(bestand, ids, tot)
            if bestand.fouten and not sla_foute_regels_over:
                raise VerzuimImportFout(bestand.fouten)
            if not bestand.rijen and not bestand.fouten:
                raise InvoerFout("Er staat geen verzuim in dit bestand (alleen regels die geen verzuim zijn).")
            samen: dict[tuple[int, date, str, str], float] = defaultdict(float)
            for r in bestand.rijen:
                samen[(ids[r.leerlingnummer], r.datum, r.reden.value, r.code)] += r.uren
            db = self.ctx.store.db
            db.execute_sql('CREATE TEMP TABLE IF NOT EXISTS import_dag ("leerling_id" INTEGER, "datum" DATE)')
            db.execute_sql("DELETE FROM import_dag")
            dagen = sorted({(k[0], k[1].isoformat()) for k in samen})
            db.cursor().executemany("INSERT INTO import_dag VALUES (?, ?)", dagen)
            db.execute_sql('DELETE FROM verzuim WHERE bron = \'import\' AND EXISTS (SELECT 1 FROM import_dag d '
                           'WHERE d.leerling_id = verzuim.leerling_id AND d.datum = verzuim.datum)')
            db.execute_sql("DELETE FROM import_dag")
            db.cursor().executemany(
                'INSERT INTO verzuim ("leerling_id", "datum", "uren", "reden", "bron", "code", "opmerking") '
                "VALUES (?, ?, ?, ?, 'import', ?, '')",
                [(lid, d.isoformat(), round(u, 4), reden, code) for (lid, d, reden, code), u in samen.items()])
            if resultaat.bijgewerkt_tot:
                instellingen.schrijf(BIJGEWERKT_TOT, resultaat.bijgewerkt_tot.isoformat())
        return resultaat

    # --- one student -----------------------------------------------------------------------------

    def _leerling_id(self, leerlingnummer: str) -> int:
        row = m.Leerling.get_or_none(m.Leerling.leerlingnummer == leerlingnummer)
        if row is None:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        return row.id

    def dagen(self, leerlingnummer: str, van: date, tot: date) -> list[VerzuimDag]:
        """Hours per reden per day with absence, van..tot (for the heat map)."""
        per: dict[date, dict[Reden, float]] = defaultdict(lambda: defaultdict(float))
        query = (m.Verzuim.select(m.Verzuim.datum, m.Verzuim.uren, m.Verzuim.reden)
                 .where((m.Verzuim.leerling == self._leerling_id(leerlingnummer))
                        & m.Verzuim.datum.between(van, tot)).tuples())
        for datum, uren, reden in query:
            per[datum][Reden(reden)] += uren
        return [VerzuimDag(d, dict(u)) for d, u in sorted(per.items())]

    def handmatig(self, leerlingnummer: str) -> list[HandRecord]:
        query = (m.Verzuim.select().where((m.Verzuim.leerling == self._leerling_id(leerlingnummer))
                                          & (m.Verzuim.bron == "hand")).order_by(m.Verzuim.datum.desc()))
        return [HandRecord(r.id, r.datum, r.uren, Reden(r.reden), r.opmerking) for r in query]

    def invoeren(self, leerlingnummer: str, van: date, tot: date, reden: Reden, *,
                 uren: float | None = None, opmerking: str = "") -> int:
        """Hand entry: one day (with `uren`, default a whole day) or a period of whole lesdagen.

        Replaces earlier hand-entered verzuim with the same reden on those days. Returns the days written.
        """
        dagduur = m.School.get().uren_per_lesdag
        if tot < van:
            raise InvoerFout({"tot": "De einddatum ligt vóór de begindatum."})
        if van > date.today():
            raise InvoerFout({"van": "Verzuim kan niet in de toekomst liggen."})
        if (tot - van).days > 366:
            raise InvoerFout({"tot": "Een periode kan hoogstens een jaar zijn."})
        uren = dagduur if uren is None else uren
        if not 0 < uren <= 24:
            raise InvoerFout({"uren": "Vul een aantal uren groter dan 0 en hoogstens 24 in."})
        if van != tot and uren != dagduur:
            raise InvoerFout({"uren": "Een periode is altijd hele dagen; vul voor een deel van een dag één datum in."})
        cal = self.kalender.calendar()
        dagen = [van + timedelta(days=i) for i in range((tot - van).days + 1)]
        dagen = [d for d in dagen if cal.is_lesdag(d)]
        if not dagen:
            raise InvoerFout({"van": "In deze periode valt geen enkele lesdag (weekend, vakantie of vrije dag)."})
        leerling_id = self._leerling_id(leerlingnummer)
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            (m.Verzuim.delete().where((m.Verzuim.leerling == leerling_id) & (m.Verzuim.bron == "hand")
                                      & (m.Verzuim.reden == reden.value) & m.Verzuim.datum.in_(dagen)).execute())
            m.Verzuim.insert_many([dict(leerling=leerling_id, datum=d, uren=uren, reden=reden.value, bron="hand",
                                        code="", opmerking=opmerking.strip()) for d in dagen]).execute()
        return len(dagen)

    def verwijderen(self, record_id: int) -> None:
        """Delete one hand-entered record (imported verzuim is corrected by a new import)."""
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            if not m.Verzuim.delete().where((m.Verzuim.id == record_id) & (m.Verzuim.bron == "hand")).execute():
                raise NietGevonden("Dit verzuim bestaat niet meer of is geïmporteerd.")

    # --- registered actions ----------------------------------------------------------------------

    def meldingen(self, leerlingnummer: str) -> list[Melding]:
        query = (m.Verzuimmelding.select().where(m.Verzuimmelding.leerling == self._leerling_id(leerlingnummer))
                 .order_by(m.Verzuimmelding.datum.desc()))
        return [Melding(r.id, r.datum, r.einddatum, MeldingSoort(r.soort), r.kenmerk) for r in query]

    def melding_registreren(self, leerlingnummer: str, datum: date, einddatum: date, soort: MeldingSoort,
                            kenmerk: str = "") -> Melding:
        """A melding made in DUO's verzuimregister; the 16-hour count restarts after `einddatum`."""
        fouten = {}
        if datum > date.today():
            fouten["datum"] = "De meldingsdatum kan niet in de toekomst liggen."
        if einddatum > datum:
            fouten["einddatum"] = "De einddatum van het gemelde verzuim kan niet na de meldingsdatum liggen."
        if fouten:
            raise InvoerFout(fouten)
        leerling_id = self._leerling_id(leerlingnummer)
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            row = m.Verzuimmelding.create(leerling=leerling_id, datum=datum, einddatum=einddatum, soort=soort.value,
                                          kenmerk=kenmerk.strip(), door=self.ctx.gebruiker.id)
        return Melding(row.id, datum, einddatum, soort, row.kenmerk)

    def mazl_acties(self, leerlingnummer: str) -> list[Mazl]:
        query = (m.MazlActie.select().where(m.MazlActie.leerling == self._leerling_id(leerlingnummer))
                 .order_by(m.MazlActie.datum.desc()))
        return [Mazl(r.id, r.datum, r.opmerking) for r in query]

    def mazl_registreren(self, leerlingnummer: str, datum: date, opmerking: str = "") -> Mazl:
        """The jeugdarts was brought in (M@zl); ziekmeldingen are counted afresh after `datum`."""
        if datum > date.today():
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        leerling_id = self._leerling_id(leerlingnummer)
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            row = m.MazlActie.create(leerling=leerling_id, datum=datum, opmerking=opmerking.strip(),
                                     door=self.ctx.gebruiker.id)
        return Mazl(row.id, datum, row.opmerking)

    def actie_verwijderen(self, soort: str, actie_id: int) -> None:
        """Remove a wrongly registered melding ("melding") or M@zl-actie ("mazl")."""
        model = {"melding": m.Verzuimmelding, "mazl": m.MazlActie}[soort]
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            if not model.delete().where(model.id == actie_id).execute():
                raise NietGevonden("Deze registratie bestaat niet meer.")


def _n(aantal: int, enkelvoud: str, meervoud: str) -> str:
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


def _rond(c: Counter) -> dict:
    return {k: round(v, 4) for k, v in c.items() if v}
