"""Verzuim: imports from the administration, hand entry, and the actions the signals react to
(DUO verzuimmeldingen, M@zl-acties)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.verzuim import Mazl, Melding, MeldingSoort, Reden, standaard_einddatum
from ..domain.verzuimcodes import STANDAARD, Codetabel
from ..importers.tabular import RijFout
from ..importers.verzuim import (
    MAX_UREN_PER_DAG,
    Lesrooster,
    VerzuimBestand,
    lees_verzuim,
    plausibele_periode,
)
from . import geheugen, importkolommen, instellingen, leerlingnummers
from .context import Context
from .kalender import KalenderService
from .ongedaan import Opname, Verwijderd
from .school import lesuurtijden
from .signalen import BIJGEWERKT_TOT
from .toegang import ZORG

CODES = "verzuimcodes"
Progress = Callable[[int, int], None] | None


@dataclass
class VerzuimVoorbeeld:
    """What an import would do (the preview), or did (the result)."""

    regels: int  # lines that count as verzuim
    leerlingen: int
    dagen_nieuw: int  # (leerling, datum) pairs with imported verzuim for the first time
    dagen_gewijzigd: int  # pairs whose imported verzuim changes (or goes: a lesuur corrected to te laat)
    dagen_ongewijzigd: int
    overgeslagen: int  # lines with a code that is not absence
    fouten: list[RijFout]
    geen_lesdag: list[RijFout]  # warnings: these lines are kept but ignored by every rule
    onbekende_kolommen: list[str]
    bijgewerkt_tot: date | None  # after the import
    bijgewerkt_was: date | None = None  # before it
    laatste_in_bestand: date | None = None

    @property
    def terug(self) -> bool:
        """The import sets "verzuim bijgewerkt t/m" earlier than it was (only with `tot`)."""
        return bool(self.bijgewerkt_was and self.bijgewerkt_tot and self.bijgewerkt_tot < self.bijgewerkt_was)

    @property
    def blijft_staan(self) -> bool:
        """A file about older days: "verzuim bijgewerkt t/m" does not move back."""
        return bool(self.laatste_in_bestand and self.bijgewerkt_was and self.laatste_in_bestand < self.bijgewerkt_was
                    and self.bijgewerkt_tot == self.bijgewerkt_was)

    @property
    def samenvatting(self) -> str:
        tekst = (f"{_n(self.regels, 'regel', 'regels')} verzuim voor {_n(self.leerlingen, 'leerling', 'leerlingen')}: "
                 f"{_n(self.dagen_nieuw, 'nieuwe dag', 'nieuwe dagen')}, {self.dagen_gewijzigd} gewijzigd, "
                 f"{self.dagen_ongewijzigd} ongewijzigd")
        if self.overgeslagen:
            tekst += (f"; {_n(self.overgeslagen, 'regel is', 'regels zijn')} geen verzuim (te laat, present …) "
                      "en overgeslagen")
        if self.geen_lesdag:
            tekst += (f"; {_n(len(self.geen_lesdag), 'regel valt', 'regels vallen')} op een dag die geen lesdag is "
                      "en telt niet mee")
        if self.fouten:
            tekst += f"; {_n(len(self.fouten), 'regel', 'regels')} met een fout"
        if self.onbekende_kolommen:
            tekst += f"; genegeerde kolommen: {', '.join(self.onbekende_kolommen)}"
        if self.bijgewerkt_tot:
            tekst += f". Verzuim bijgewerkt t/m {formaat.datum(self.bijgewerkt_tot)}"
            if self.blijft_staan:
                tekst += f" (blijft staan: het bestand gaat tot en met {formaat.datum(self.laatste_in_bestand)})"
            elif self.terug:
                tekst += f" (teruggezet van {formaat.datum(self.bijgewerkt_was)})"
        return tekst + "."


class VerzuimImportFout(InvoerFout):
    """Lines with errors, so nothing was imported. `fouten` maps "" to a one-line summary, then
    "regel N" to the reason; `rijfouten` has the same as RijFout."""

    def __init__(self, fouten: list[RijFout]):
        self.rijfouten = list(fouten)
        samenvatting = (f"Er is niets geïmporteerd: {_n(len(self.rijfouten), 'regel heeft', 'regels hebben')} "
                        "een fout. Verbeter het bestand en importeer opnieuw, of sla de foute regels over.")
        super().__init__({"": samenvatting, **{f"regel {f.regel}": f.melding for f in self.rijfouten}})
        self.args = (samenvatting,)


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


# (leerling id, ISO date) → {(reden, code): hours}: one day's imported verzuim, as stored
_Dag = tuple[int, str]
_Inhoud = dict[tuple[str, str], float]


@dataclass
class _Plan:
    voorbeeld: VerzuimVoorbeeld
    nieuw: dict[_Dag, _Inhoud]  # what the file says, for the days to write
    schrijven: list[_Dag]  # new or changed days
    wissen: list[_Dag]  # changed days that have imported verzuim now


class VerzuimService:
    def __init__(self, ctx: Context, kalender: KalenderService):
        self.ctx = ctx
        self.kalender = kalender

    # --- the code table --------------------------------------------------------------------------

    def codes(self) -> Codetabel:
        opgeslagen = instellingen.lees(CODES)
        return Codetabel.from_json(opgeslagen) if opgeslagen is not None else STANDAARD

    def codes_opslaan(self, codes: dict[str, Reden | None]) -> None:
        """The school's own table (replaces the defaults); None for a code that is not absence."""
        schoon = {" ".join(c.split()): (Reden(r) if r else None) for c, r in codes.items() if c.strip()}
        gezien: dict[str, str] = {}
        for c in schoon:
            if c.casefold() in gezien:
                raise InvoerFout(f"De code '{c}' staat twee keer in de lijst (ook als '{gezien[c.casefold()]}'; "
                                 "hoofdletters tellen niet). Haal er één weg.")
            gezien[c.casefold()] = c
        vast = [c for c, r in schoon.items() if c.casefold() in {x.value for x in Reden} and r != Reden(c.casefold())]
        if vast:
            raise InvoerFout(f"De code '{vast[0]}' is de naam van een reden en betekent altijd die reden. "
                             "Kies een andere code.")
        with self.ctx.action():
            instellingen.schrijf(CODES, Codetabel(schoon).to_json())

    def codes_standaard(self) -> None:
        """Back to the default table."""
        with self.ctx.action():
            m.Instelling.delete().where(m.Instelling.sleutel == CODES).execute()

    # --- import ----------------------------------------------------------------------------------

    def voorbeeld(self, path: str | Path, *, tot: date | None = None, progress: Progress = None,
                  vandaag: date | None = None, kolommen: Mapping[str, str] | None = None) -> VerzuimVoorbeeld:
        """What importing this file would do; writes nothing. `kolommen`: the user's choice of field per
        column (normalised header → field, "" = not used); other columns as remembered or recognised."""
        vandaag = vandaag or date.today()
        with self.ctx.action(), geheugen.zonder():  # (as `importeren`)
            bestand, ids = self._lees(Path(path), progress, vandaag, kolommen)
            return self._plan(bestand, ids, _check_tot(tot, vandaag)).voorbeeld

    def importeren(self, path: str | Path, *, sla_foute_regels_over: bool = False, tot: date | None = None,
                   progress: Progress = None, vandaag: date | None = None,
                   kolommen: Mapping[str, str] | None = None) -> VerzuimVoorbeeld:
        """Replace the imported verzuim of every (leerling, datum) in the file, all or nothing.

        VerzuimImportFout (nothing written) when a line has an error, unless `sla_foute_regels_over`:
        then the good lines go in and the bad ones are listed. Hand-entered verzuim stays. Days whose
        imported verzuim does not change are not touched, so the same file twice changes nothing.
        Afterwards "verzuim bijgewerkt t/m" is `tot`, or else the latest date in the file when that is later
        than the current one (FORMATEN.md: a correction file about older days never moves it back; only
        `tot` sets it earlier). The choice of columns is remembered for the school's next import.
        """
        vandaag = vandaag or date.today()
        tot = _check_tot(tot, vandaag)
        with self.ctx.action(), geheugen.zonder():  # (its rows by the hundred thousand: services/geheugen.py)
            bestand, ids = self._lees(Path(path), progress, vandaag, kolommen)
            if bestand.fouten and (not sla_foute_regels_over or not bestand.dagen):
                raise VerzuimImportFout(bestand.fouten)
            plan = self._plan(bestand, ids, tot)
            cursor = self.ctx.store.db.cursor()
            cursor.executemany("DELETE FROM verzuim WHERE leerling_id = ? AND datum = ? AND bron = 'import'",
                               plan.wissen)
            cursor.executemany(
                'INSERT INTO verzuim ("leerling_id", "datum", "uren", "reden", "bron", "code", "opmerking") '
                "VALUES (?, ?, ?, ?, 'import', ?, '')",
                [(lid, d, round(u, 4), reden, code) for lid, d in plan.schrijven
                 for (reden, code), u in plan.nieuw[(lid, d)].items()])
            if plan.voorbeeld.bijgewerkt_tot:
                instellingen.schrijf(BIJGEWERKT_TOT, plan.voorbeeld.bijgewerkt_tot.isoformat())
            importkolommen.onthoud("verzuim", bestand.koppeling)
            self.ctx.audit(Actie.GEIMPORTEERD, wat=f"verzuim: {len(plan.schrijven)} leerling-dagen")
        return plan.voorbeeld

    def _lees(self, path: Path, progress: Progress, vandaag: date,
              kolommen: Mapping[str, str] | None) -> tuple[VerzuimBestand, dict[str, int]]:
        leerlingnummers.weiger_dubbele()
        ids = dict(m.Leerling.select(m.Leerling.leerlingnummer, m.Leerling.id).tuples())
        rooster = Lesrooster(lesuurtijden(), self.kalender.calendar().is_lesdag, m.School.get().uren_per_lesdag)
        return lees_verzuim(path, ids, self.codes(), vandaag, progress, gekozen=kolommen,
                            opgeslagen=importkolommen.opgeslagen("verzuim"), rooster=rooster), ids

    def _plan(self, bestand: VerzuimBestand, ids: dict[str, int], tot: date | None) -> _Plan:
        """Compare the file with the imported verzuim in the database, day by day."""
        iso: dict[date, str] = {}
        nieuw: dict[_Dag, _Inhoud] = {}
        # The hours per day, summed while reading, in the order of the file: a sorted file stays sorted (the
        # sort below then only checks it); then the days of the file with only skipped lines (te laat …).
        for (nummer, d), som in bestand.inhoud.items():
            nieuw[(ids[nummer], iso.get(d) or iso.setdefault(d, d.isoformat()))] = som
        for nummer, d in bestand.dagen.difference(bestand.inhoud):
            nieuw[(ids[nummer], iso.get(d) or iso.setdefault(d, d.isoformat()))] = {}
        leerlingen = {nummer for nummer, _ in bestand.inhoud}
        oud = _bestaand_import(self.ctx.store.db, list(nieuw))
        schrijven, wissen = [], []
        nieuwe_dagen = ongewijzigd = 0
        for dag, inhoud in nieuw.items():
            was = oud.get(dag)
            if was is None:  # no imported verzuim on this day yet
                if inhoud:
                    schrijven.append(dag)
                    nieuwe_dagen += 1
            elif was == inhoud or _rond(was) == _rond(inhoud):  # the first: whole hours, no rounding needed
                ongewijzigd += 1
            else:
                schrijven.append(dag)
                wissen.append(dag)
        schrijven.sort()
        wissen.sort()

        waarde = instellingen.lees(BIJGEWERKT_TOT)
        bijgewerkt_was = date.fromisoformat(waarde) if waarde else None
        cal = self.kalender.calendar()
        geen_lesdag = list(bestand.buiten_lesuren)
        geen = {d for d in iso if not cal.is_lesdag(d)}  # once per date, not per line
        if geen:
            geen_lesdag += [RijFout(r.regel, f"{formaat.datum(r.datum)} is geen lesdag ({cal.omschrijving(r.datum).lower()}); "
                                             "deze regel telt niet mee voor de signalen.")
                            for r in bestand.rijen if r.datum in geen]
        geen_lesdag.sort(key=lambda f: f.regel)
        voorbeeld = VerzuimVoorbeeld(
            regels=len(bestand.rijen), leerlingen=len(leerlingen),
            dagen_nieuw=nieuwe_dagen,
            dagen_gewijzigd=len(wissen), dagen_ongewijzigd=ongewijzigd, overgeslagen=bestand.overgeslagen,
            fouten=bestand.fouten, geen_lesdag=geen_lesdag, onbekende_kolommen=bestand.onbekende_kolommen,
            bijgewerkt_tot=tot or _later(bijgewerkt_was, bestand.laatste_datum), bijgewerkt_was=bijgewerkt_was,
            laatste_in_bestand=bestand.laatste_datum)
        return _Plan(voorbeeld, nieuw, schrijven, wissen)

    # --- one student -----------------------------------------------------------------------------

    def _leerling_id(self, leerlingnummer: str) -> int:
        row = leerlingnummers.zoek(leerlingnummer)
        if row is None:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        return row.id

    def dagen(self, leerlingnummer: str, van: date, tot: date) -> list[VerzuimDag]:
        """Hours per reden per day with absence, van..tot (for the heat map); imported and hand-entered."""
        per: dict[str, dict[Reden, float]] = defaultdict(lambda: defaultdict(float))
        # Raw SQL and rows (dates as ISO text on both stores, as in services/signalen.py): peewee's building and
        # converting of a year's per-lesuur rows was ~0.5 ms of opening a student (issue 16).
        rijen = m.database.execute_sql(
            'SELECT "datum", "uren", "reden" FROM "verzuim" WHERE "leerling_id" = ? AND "datum" BETWEEN ? AND ?',
            (self._leerling_id(leerlingnummer), van.isoformat(), tot.isoformat()))
        for datum, uren, reden in rijen:
            per[datum][Reden(reden)] += uren
        return [VerzuimDag(date.fromisoformat(d), dict(u)) for d, u in sorted(per.items())]

    def handmatig(self, leerlingnummer: str) -> list[HandRecord]:
        """The hand-entered records, newest first."""
        query = (m.Verzuim.select().where((m.Verzuim.leerling == self._leerling_id(leerlingnummer))
                                          & (m.Verzuim.bron == "hand"))
                 .order_by(m.Verzuim.datum.desc(), m.Verzuim.id.desc()))
        return [HandRecord(r.id, r.datum, r.uren, Reden(r.reden), r.opmerking) for r in query]

    def invoeren(self, leerlingnummer: str, van: date, tot: date | None, reden: Reden, *,
                 uren: float | None = None, opmerking: str = "", vandaag: date | None = None) -> int:
        """Hand entry: one day (`tot` None or `van`; `uren`, default a whole day) or a period of whole
        lesdagen. Days that are not lesdagen (weekend, vacation, vrije dag) are left out.

        Replaces earlier hand-entered verzuim with the same reden on those days; imported verzuim stays.
        Returns the number of days written.
        """
        vandaag = vandaag or date.today()
        tot = van if tot is None else tot
        reden = Reden(reden)
        dagduur = m.School.get().uren_per_lesdag
        if tot < van:
            raise InvoerFout({"tot": "De einddatum ligt vóór de begindatum."})
        if tot > vandaag:
            raise InvoerFout({"tot" if tot != van else "van": "Verzuim kan niet in de toekomst liggen."})
        if (tot - van).days > 366:
            raise InvoerFout({"tot": "Een periode kan hoogstens een jaar zijn."})
        uren = dagduur if uren is None else float(uren)
        if not 0 < uren <= MAX_UREN_PER_DAG:
            raise InvoerFout({"uren": "Vul een aantal uren groter dan 0 en hoogstens 24 in."})
        if van != tot and uren != dagduur:
            raise InvoerFout({"uren": "Een periode is altijd hele dagen; vul voor een deel van een dag één datum in."})
        leerling_id = self._leerling_id(leerlingnummer)
        cal = self.kalender.calendar()
        dagen = [d for d in (van + timedelta(days=i) for i in range((tot - van).days + 1)) if cal.is_lesdag(d)]
        if not dagen:
            wat = cal.omschrijving(van).lower() if van == tot else "weekend, vakantie of vrije dag"
            raise InvoerFout({"van": f"Op deze {'dag' if van == tot else 'periode'} is er geen les ({wat}). "
                                     "Kies een lesdag."})
        with self.ctx.action():
            (m.Verzuim.delete().where((m.Verzuim.leerling == leerling_id) & (m.Verzuim.bron == "hand")
                                      & (m.Verzuim.reden == reden.value) & m.Verzuim.datum.in_(dagen)).execute())
            m.Verzuim.insert_many([dict(leerling=leerling_id, datum=d, uren=uren, reden=reden.value, bron="hand",
                                        code="", opmerking=opmerking.strip()) for d in dagen]).execute()
        return len(dagen)

    def verwijderen(self, record_id: int) -> Verwijderd:
        """Delete one hand-entered record (imported verzuim is corrected by a new import); undo with the result."""
        with self.ctx.action():
            waar = (m.Verzuim.id == record_id) & (m.Verzuim.bron == "hand")
            row = m.Verzuim.get_or_none(waar)
            if row is None:
                raise NietGevonden("Dit verzuim bestaat niet meer of is geïmporteerd (verbeter dat met een "
                                   "nieuwe import).")
            opname = Opname(f"Verzuim van {formaat.datum(row.datum)}", ZORG)
            opname.rijen(m.Verzuim, waar)
            # verzuim_invoeren replaces hand verzuim of the same reden on a day: the undo must not double it
            opname.botsing(m.Verzuim, dict(leerling=row.leerling_id, datum=row.datum, bron="hand", reden=row.reden),
                           f"Op {formaat.datum(row.datum)} is intussen opnieuw verzuim ingevoerd; "
                           "het verwijderde verzuim komt daarom niet terug.")
            m.Verzuim.delete().where(waar).execute()
        return opname.klaar()

    # --- registered actions ----------------------------------------------------------------------

    def meldingen(self, leerlingnummer: str) -> list[Melding]:
        query = (m.Verzuimmelding.select().where(m.Verzuimmelding.leerling == self._leerling_id(leerlingnummer))
                 .order_by(m.Verzuimmelding.datum.desc(), m.Verzuimmelding.id.desc()))
        return [Melding(r.id, r.datum, r.einddatum, MeldingSoort(r.soort), r.kenmerk) for r in query]

    def standaard_einddatum(self, datum: date) -> date:
        """The "verzuim t/m" of a melding sent on `datum` unless the user says otherwise (SIGNALEN.md)."""
        waarde = instellingen.lees(BIJGEWERKT_TOT)
        return standaard_einddatum(datum, date.fromisoformat(waarde) if waarde else None)

    def melding_registreren(self, leerlingnummer: str, datum: date, einddatum: date | None, soort: MeldingSoort,
                            kenmerk: str = "", *, vandaag: date | None = None,
                            aangemaakt: datetime | None = None) -> Melding:
        """A melding made in DUO's verzuimregister on `datum` about the verzuim up to and including
        `einddatum` (None: `standaard_einddatum`); the 16-hour count starts again the day after `einddatum`.
        `aangemaakt`: when it was recorded here (default now; the demo school dates its records in its past)."""
        vandaag = vandaag or date.today()
        soort = MeldingSoort(soort)
        if einddatum is None:
            einddatum = self.standaard_einddatum(datum)
        fouten = {}
        if datum > vandaag:
            fouten["datum"] = "De meldingsdatum kan niet in de toekomst liggen."
        if einddatum > datum:
            fouten["einddatum"] = "De einddatum van het gemelde verzuim kan niet na de meldingsdatum liggen."
        elif (datum - einddatum).days > 366:
            fouten["einddatum"] = "De einddatum ligt meer dan een jaar vóór de melding. Controleer het jaartal."
        if fouten:
            raise InvoerFout(fouten)
        leerling_id = self._leerling_id(leerlingnummer)
        with self.ctx.action():
            row = m.Verzuimmelding.create(leerling=leerling_id, datum=datum, einddatum=einddatum, soort=soort.value,
                                          kenmerk=kenmerk.strip(), door=self.ctx.gebruiker.id,
                                          aangemaakt=aangemaakt or m.now())
        return Melding(row.id, datum, einddatum, soort, row.kenmerk)

    def mazl_acties(self, leerlingnummer: str) -> list[Mazl]:
        query = (m.MazlActie.select().where(m.MazlActie.leerling == self._leerling_id(leerlingnummer))
                 .order_by(m.MazlActie.datum.desc(), m.MazlActie.id.desc()))
        return [Mazl(r.id, r.datum, r.opmerking) for r in query]

    def mazl_registreren(self, leerlingnummer: str, datum: date, opmerking: str = "", *,
                         vandaag: date | None = None, aangemaakt: datetime | None = None) -> Mazl:
        """The jeugdarts was brought in (M@zl) on `datum`; ziekmeldingen are counted afresh after it.
        `aangemaakt`: when it was recorded here (default now)."""
        if datum > (vandaag or date.today()):
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        leerling_id = self._leerling_id(leerlingnummer)
        with self.ctx.action():
            row = m.MazlActie.create(leerling=leerling_id, datum=datum, opmerking=opmerking.strip(),
                                     door=self.ctx.gebruiker.id, aangemaakt=aangemaakt or m.now())
        return Mazl(row.id, datum, row.opmerking)

    def actie_verwijderen(self, soort: str, actie_id: int) -> Verwijderd:
        """Remove a wrongly registered melding ("melding") or M@zl-actie ("mazl"); undo with the result."""
        model = {"melding": m.Verzuimmelding, "mazl": m.MazlActie}.get(soort)
        if model is None:
            raise ValueError(f"onbekende soort registratie: {soort!r}")
        with self.ctx.action():
            row = model.get_or_none(model.id == actie_id)
            if row is None:
                raise NietGevonden("Deze registratie bestaat niet meer.")
            naam = "Melding DUO" if soort == "melding" else "M@zl-actie"
            opname = Opname(f"{naam} van {formaat.datum(row.datum)}", ZORG)
            opname.rijen(model, model.id == actie_id)
            model.delete().where(model.id == actie_id).execute()
        return opname.klaar()


def _n(aantal: int, enkelvoud: str, meervoud: str) -> str:
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


def _later(a: date | None, b: date | None) -> date | None:
    return max(a, b) if a and b else a or b


def _rond(inhoud: _Inhoud) -> dict[tuple[str, str], float]:
    return {k: round(v, 4) for k, v in inhoud.items() if round(v, 4)}


def _check_tot(tot: date | None, vandaag: date) -> date | None:
    eerste, laatste = plausibele_periode(vandaag)
    if tot is not None and not eerste <= tot <= laatste:
        raise InvoerFout({"tot": f"Verzuim bijgewerkt tot {formaat.datum(tot)} kan niet kloppen: kies een datum van "
                                 f"{formaat.datum(eerste)} tot en met {formaat.datum(laatste)}."})
    return tot


def _bestaand_import(db, dagen: list[_Dag]) -> dict[_Dag, _Inhoud]:
    """The imported verzuim in the database on these (leerling id, ISO date) pairs.

    Through a temporary table joined on the (leerling_id, datum) index: a weekly file reads only its
    own days, a whole school year reads each of its days once.
    """
    oud: dict[_Dag, _Inhoud] = {}
    if not dagen:
        return oud
    # "datum" DATE like verzuim.datum: the same column affinity lets the join use the index. On a server
    # (PostgreSQL) the temporary schema has another name, and its planner chooses the join order itself.
    server = getattr(db, "op_server", False)
    temp, join = ("pg_temp", "JOIN") if server else ("temp", "CROSS JOIN")
    db.execute_sql('CREATE TEMP TABLE IF NOT EXISTS import_dag ("leerling_id" INTEGER NOT NULL, '
                   '"datum" DATE NOT NULL, PRIMARY KEY ("leerling_id", "datum"))' + ("" if server else " WITHOUT ROWID"))
    db.execute_sql(f"DELETE FROM {temp}.import_dag")
    try:
        db.cursor().executemany(f"INSERT INTO {temp}.import_dag VALUES (?, ?)", dagen)
        cursor = db.execute_sql(
            # CROSS JOIN: SQLite keeps import_dag as the outer loop and searches verzuim by its index
            f"SELECT v.leerling_id, v.datum, v.reden, v.code, v.uren FROM {temp}.import_dag d "
            f"{join} verzuim v ON v.leerling_id = d.leerling_id AND v.datum = d.datum WHERE v.bron = 'import'")
        for leerling_id, datum, reden, code, uren in cursor:
            inhoud = oud.setdefault((leerling_id, datum), {})
            inhoud[(reden, code)] = inhoud.get((reden, code), 0.0) + uren
    finally:
        db.execute_sql(f"DELETE FROM {temp}.import_dag")
    return oud
