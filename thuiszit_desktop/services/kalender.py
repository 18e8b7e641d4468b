"""The school calendar: official vacations of the school's region, the school's own dates for herfst
and voorjaar, public holidays, and the school's vrije dagen."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..db import models as m
from ..domain import formaat
from ..domain.errors import InvoerFout
from ..domain.kalender import (
    SchoolCalendar,
    Vakantie,
    apply_aanpassingen,
    schooljaar_label,
    vakanties_from_data,
)
from ..domain.leerling import schooljaar_start
from ..domain.school import Regio
from . import instellingen
from .context import Context
from .ongedaan import Opname, Verwijderd
from .toegang import ZORG

if TYPE_CHECKING:  # (the importers are loaded when a file is read, not at every start)
    from ..importers.tabular import RijFout
    from ..importers.vrije_dagen import VrijeDagenBestand

_AANPASSINGEN = "vakantie_aanpassingen"  # the school's own dates for herfst/voorjaar
_EIGEN = "eigen_vakanties"  # vacations the school entered for a year the shipped data does not cover
SOORTEN = ("herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie")


@cache
def _vakantiedata() -> dict:
    return json.loads(paths.resource("data", "schoolvakanties.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class VrijeDag:
    datum: date
    omschrijving: str


@dataclass(frozen=True)
class Dag:
    datum: date
    soort: str  # lesdag, weekend, vakantie, feestdag, vrije_dag
    omschrijving: str


@dataclass(frozen=True)
class Jaaroverzicht:
    start_year: int
    # The vacations of this school year are known: from the shipped data, or all five entered by the
    # school itself (`eigen`). False: the UI asks the school to enter them (eigen_vakantie_invoeren).
    gedekt: bool
    dagen: list[Dag]
    vakanties: list[Vakantie]
    eigen: bool = False  # the vacations are the school's own entries (the shipped data lacks this year)

    @property
    def label(self) -> str:
        return schooljaar_label(self.start_year)

    @property
    def lesdagen(self) -> int:
        return sum(1 for d in self.dagen if d.soort == "lesdag")


@dataclass
class VrijeDagenImport:
    """What an import of vrije dagen would do (the preview), or did."""

    dagen: dict[date, str]  # the weekdays in the file → omschrijving
    nieuw: int
    gewijzigd: int  # already a vrije dag, with another omschrijving
    ongewijzigd: int
    fouten: list[RijFout]
    onbekende_kolommen: list[str]

    @property
    def samenvatting(self) -> str:
        tekst = (f"{len(self.dagen)} {'vrije dag' if len(self.dagen) == 1 else 'vrije dagen'}: {self.nieuw} nieuw, "
                 f"{self.gewijzigd} gewijzigd, {self.ongewijzigd} ongewijzigd")
        if self.fouten:
            tekst += f"; {len(self.fouten)} {'regel' if len(self.fouten) == 1 else 'regels'} met een fout"
        if self.onbekende_kolommen:
            tekst += f"; genegeerde kolommen: {', '.join(self.onbekende_kolommen)}"
        return tekst + "."


class VrijeDagenFout(InvoerFout):
    """Rows with errors, so nothing was imported: "" → a one-line summary, then "regel N" → the reason."""

    def __init__(self, fouten: list[RijFout]):
        self.rijfouten = list(fouten)
        n = len(self.rijfouten)
        samenvatting = (f"Er is niets geïmporteerd: {n} {'regel heeft' if n == 1 else 'regels hebben'} een fout. "
                        "Verbeter het bestand en importeer opnieuw, of sla de foute regels over.")
        super().__init__({"": samenvatting, **{f"regel {f.regel}": f.melding for f in self.rijfouten}})
        self.args = (samenvatting,)


class KalenderService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._calendar: SchoolCalendar | None = None
        self._regio: Regio | None = None
        self._jaren: dict[int, Jaaroverzicht] = {}  # made from `_calendar` (opening a student reads one)

    def calendar(self) -> SchoolCalendar:
        """The school's calendar; rebuilt after every change of vacations or vrije dagen, and when the
        school's regio changed (through the school settings)."""
        regio = self._regio_nu()
        if self._calendar is None or regio != self._regio:
            officieel = self._officieel(regio)
            bekend = {v.schooljaar for v in officieel}
            eigen = [Vakantie(e["soort"], date.fromisoformat(e["van"]), date.fromisoformat(e["tot"]), True,
                              e["schooljaar"])
                     for e in self._eigen() if e["schooljaar"] not in bekend]
            vakanties = apply_aanpassingen(officieel + eigen, self._aanpassingen())
            vrije = {r.datum: r.omschrijving for r in m.VrijeDag.select()}
            self._calendar, self._regio = SchoolCalendar(vakanties, vrije), regio
            self._jaren = {}
        return self._calendar

    def _changed(self) -> None:
        self._calendar = None

    @staticmethod
    def _regio_nu() -> Regio:
        # Raw SQL: asked at every opening of a student (twice), where peewee's building of it cost more than the
        # read itself (issue 16).
        rij = m.database.execute_sql('SELECT "regio" FROM "school" LIMIT 1').fetchone()
        return Regio(rij[0] if rij else None)

    @staticmethod
    def _officieel(regio: Regio) -> list[Vakantie]:
        return vakanties_from_data(_vakantiedata(), regio)

    @staticmethod
    def _eigen() -> list[dict]:
        return instellingen.lees(_EIGEN, [])

    def _aanpassingen(self) -> dict[tuple[str, str], tuple[date, date]]:
        return {(a["schooljaar"], a["soort"]): (date.fromisoformat(a["van"]), date.fromisoformat(a["tot"]))
                for a in instellingen.lees(_AANPASSINGEN, [])}

    # --- reading ---------------------------------------------------------------------------------

    def jaar(self, start_year: int | None = None) -> Jaaroverzicht:
        """Every day of a school year (default: the current one) with what kind of day it is."""
        start_year = start_year or schooljaar_start(date.today()).year
        cal = self.calendar()
        if (kept := self._jaren.get(start_year)) is not None:
            return kept
        dagen = []
        d, eind = date(start_year, 8, 1), date(start_year + 1, 7, 31)
        while d <= eind:
            dagen.append(Dag(d, cal.dagsoort(d), cal.omschrijving(d)))
            d += timedelta(days=1)
        label = schooljaar_label(start_year)
        eigen = label not in {v.schooljaar for v in self._officieel(self._regio_nu())}
        vakanties = cal.vakanties_in_schooljaar(start_year)
        gedekt = cal.covers_schooljaar(start_year) and (not eigen or {v.soort for v in vakanties} >= set(SOORTEN))
        jaar = self._jaren[start_year] = Jaaroverzicht(start_year, gedekt, dagen, vakanties,
                                                       eigen=eigen and bool(vakanties))
        return jaar

    def vrije_dagen(self) -> list[VrijeDag]:
        return [VrijeDag(r.datum, r.omschrijving) for r in m.VrijeDag.select().order_by(m.VrijeDag.datum)]

    def aangepaste_vakanties(self) -> dict[tuple[str, str], tuple[date, date]]:
        return self._aanpassingen()

    def officiele_vakanties(self) -> list[Vakantie]:
        """The official vacations of the school's regio as shipped, before the school's own dates (the
        calendar shows them beside the school's dates, to compare and go back)."""
        return self._officieel(self._regio_nu())

    # --- writing ---------------------------------------------------------------------------------

    def vrije_dagen_toevoegen(self, van: date, tot: date, omschrijving: str) -> int:
        """Mark van..tot (inclusive) as vrije dagen; weekends are skipped. Returns the number added."""
        if tot < van:
            raise InvoerFout({"tot": "De einddatum ligt vóór de begindatum."})
        if (tot - van).days > 366:
            raise InvoerFout({"tot": "Een periode van vrije dagen kan hoogstens een jaar zijn."})
        omschrijving = omschrijving.strip() or "Vrije dag"
        dagen = [van + timedelta(days=i) for i in range((tot - van).days + 1)]
        dagen = [d for d in dagen if d.weekday() < 5]
        if not dagen:
            raise InvoerFout({"van": "Deze periode valt helemaal in een weekend; kies een doordeweekse dag."})
        with self.ctx.action():
            for d in dagen:
                (m.VrijeDag.insert(datum=d, omschrijving=omschrijving)
                 .on_conflict(conflict_target=[m.VrijeDag.datum], update={m.VrijeDag.omschrijving: omschrijving})
                 .execute())
        self._changed()
        return len(dagen)

    def vrije_dagen_voorbeeld(self, path: str | Path, *, vandaag: date | None = None) -> VrijeDagenImport:
        """What importing this file of vrije dagen would do; writes nothing."""
        from ..importers.vrije_dagen import lees_vrije_dagen

        return self._vrije_dagen_plan(lees_vrije_dagen(path, vandaag))

    def vrije_dagen_importeren(self, path: str | Path, *, sla_foute_regels_over: bool = False,
                               vandaag: date | None = None) -> int:
        """Import `datum;omschrijving` or `van;tot;omschrijving` rows; returns the number of vrije dagen
        in the file (weekends in a period are skipped). See `vrije_dagen_import` for the whole report."""
        return len(self.vrije_dagen_import(path, sla_foute_regels_over=sla_foute_regels_over,
                                           vandaag=vandaag).dagen)

    def vrije_dagen_import(self, path: str | Path, *, sla_foute_regels_over: bool = False,
                           vandaag: date | None = None) -> VrijeDagenImport:
        """Import a file of vrije dagen, all or nothing: VrijeDagenFout when a row has an error, unless
        `sla_foute_regels_over` (then the good rows go in and the report lists the bad ones). Existing
        vrije dagen stay; a day in the file gets the file's omschrijving."""
        from ..importers.vrije_dagen import lees_vrije_dagen

        bestand = lees_vrije_dagen(path, vandaag)
        if bestand.fouten and (not sla_foute_regels_over or not bestand.perioden):
            raise VrijeDagenFout(bestand.fouten)
        with self.ctx.action():
            plan = self._vrije_dagen_plan(bestand)
            for d, omschrijving in sorted(plan.dagen.items()):
                (m.VrijeDag.insert(datum=d, omschrijving=omschrijving)
                 .on_conflict(conflict_target=[m.VrijeDag.datum], update={m.VrijeDag.omschrijving: omschrijving})
                 .execute())
        self._changed()
        return plan

    @staticmethod
    def _vrije_dagen_plan(bestand: VrijeDagenBestand) -> VrijeDagenImport:
        dagen: dict[date, str] = {}
        for p in bestand.perioden:
            for i in range((p.tot - p.van).days + 1):
                d = p.van + timedelta(days=i)
                if d.weekday() < 5:
                    dagen[d] = p.omschrijving or "Vrije dag"
        bestaand = {r.datum: r.omschrijving for r in m.VrijeDag.select().where(m.VrijeDag.datum.in_(list(dagen)))}
        nieuw = sum(1 for d in dagen if d not in bestaand)
        ongewijzigd = sum(1 for d, o in dagen.items() if bestaand.get(d) == o)
        return VrijeDagenImport(dagen, nieuw, len(dagen) - nieuw - ongewijzigd, ongewijzigd, bestand.fouten,
                                bestand.onbekende_kolommen)

    def vrije_dag_verwijderen(self, datum: date) -> Verwijderd:
        with self.ctx.action():
            opname = Opname(f"Vrije dag {formaat.datum(datum)}", ZORG)
            opname.rijen(m.VrijeDag, m.VrijeDag.datum == datum)
            m.VrijeDag.delete().where(m.VrijeDag.datum == datum).execute()
        self._changed()
        return opname.klaar()

    def vakantie_aanpassen(self, schooljaar: str, soort: str, van: date, tot: date) -> None:
        """The school's own dates for an advisory vacation (herfst, voorjaar)."""
        regio = Regio(m.School.get().regio)
        officieel = [v for v in self._officieel(regio)
                     if v.schooljaar == schooljaar and v.soort == soort]
        if not officieel:
            raise InvoerFout(f"De {soort} van {schooljaar} staat niet in de vakantiegegevens.")
        apply_aanpassingen(officieel, {(schooljaar, soort): (van, tot)})  # validates (advisory, order)
        if (tot - van).days > 16:
            raise InvoerFout({"tot": "Een herfst- of voorjaarsvakantie duurt hoogstens twee weken en een weekend."})
        start_year = int(schooljaar[:4])
        if not (date(start_year, 8, 1) <= van and tot <= date(start_year + 1, 7, 31)):
            raise InvoerFout({"van": f"Deze vakantie valt niet in schooljaar {schooljaar}. Controleer het jaartal."})
        with self.ctx.action():
            rest = [a for a in instellingen.lees(_AANPASSINGEN, [])
                    if (a["schooljaar"], a["soort"]) != (schooljaar, soort)]
            rest.append({"schooljaar": schooljaar, "soort": soort, "van": van.isoformat(), "tot": tot.isoformat()})
            instellingen.schrijf(_AANPASSINGEN, rest)
        self._changed()

    def eigen_vakantie_invoeren(self, start_year: int, soort: str, van: date, tot: date) -> None:
        """A vacation for a school year the shipped data does not (yet) cover, as the school knows it."""
        schooljaar = schooljaar_label(start_year)
        if schooljaar in {v.schooljaar for v in vakanties_from_data(_vakantiedata(), Regio(m.School.get().regio))}:
            raise InvoerFout(f"De vakanties van {schooljaar} zijn al bekend; pas alleen herfst en voorjaar aan.")
        if soort not in SOORTEN:
            raise InvoerFout(f"Onbekende vakantie: {soort}.")
        if tot < van or (tot - van).days > 70:
            raise InvoerFout({"tot": "Controleer de data: de einddatum ligt vóór de begindatum of te ver erna."})
        if not date(start_year, 7, 1) <= van <= date(start_year + 1, 7, 31):
            raise InvoerFout({"van": f"Deze vakantie valt niet in schooljaar {schooljaar}."})
        with self.ctx.action():
            rest = [e for e in instellingen.lees(_EIGEN, []) if (e["schooljaar"], e["soort"]) != (schooljaar, soort)]
            rest.append({"schooljaar": schooljaar, "soort": soort, "van": van.isoformat(), "tot": tot.isoformat()})
            instellingen.schrijf(_EIGEN, rest)
        self._changed()

    def eigen_vakantie_verwijderen(self, start_year: int, soort: str) -> Verwijderd:
        """Remove a vacation the school entered itself; undo with the result."""
        schooljaar = schooljaar_label(start_year)
        with self.ctx.action():
            opname = Opname(f"De {soort} van {schooljaar}", ZORG)
            voor = m.Instelling.get_or_none(m.Instelling.sleutel == _EIGEN)
            instellingen.schrijf(_EIGEN, [e for e in self._eigen() if (e["schooljaar"], e["soort"]) != (schooljaar, soort)])
            if voor is not None:  # the setting is one JSON list: undo puts the list back if nobody changed it since
                na = m.Instelling.get_by_id(_EIGEN).waarde
                opname.wijziging(m.Instelling, _EIGEN, {"waarde": voor.waarde}, {"waarde": na})
        self._changed()
        return opname.klaar()

    def vakantie_herstellen(self, schooljaar: str, soort: str) -> None:
        """Back to the official dates."""
        with self.ctx.action():
            instellingen.schrijf(_AANPASSINGEN, [a for a in instellingen.lees(_AANPASSINGEN, [])
                                                 if (a["schooljaar"], a["soort"]) != (schooljaar, soort)])
        self._changed()
