"""Trajecten of the praktijkkaart: opening (by hand or from a signal), reading, changing, the five steps,
closing with nazorg, the checklist and the analysis (step 4). Gesprekken, MDO's, actiepunten, the address
book and the timeline have their own services next to this one (gesprekken.py, mdo.py, actiepunten.py,
partners.py, tijdlijn.py); the dossier for an inzageverzoek is inzage.py.

Every method returns domain records (never peewee rows). Writing a traject or the checklist is for the
zorgcoördinator.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

import peewee as pw

from ..db import models as m
from ..db.vertrouwelijk import Geheim
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import Conflict, InvoerFout, NietGevonden
from ..domain.plan import Contactpersoon
from ..domain.signalen import SignaalSoort
from ..domain.traject import (
    CHECKLIST,
    ActiepuntStatus,
    Analyse,
    Categorie,
    ChecklistItem,
    ChecklistRegel,
    Domein,
    Factoren,
    KearneyFunctie,
    NazorgMoment,
    Persoon,
    Sluitreden,
    Stap,
    StapChecklist,
    Traject,
    TrajectRij,
    TrajectStatus,
    Verzuimtype,
    categorie_voor_signaal,
    check_sluiten,
    check_stap,
    checklist_item,
    standaard_nazorg,
    voortgang,
)
from ..domain.zoeken import naam_sorteersleutel
from . import versies
from .context import Context
from .ongedaan import Opname, Verwijderd
from .toegang import ZORG
from .traject_gedeeld import (
    ONGEWIJZIGD,
    Namen,
    Ongewijzigd,
    als_enum,
    check_geen_open_traject,
    check_nazorg,
    contactpersoon_van,
    leerling_row,
    lees_analyse,
    lees_bewijs,
    lees_nazorg,
    lees_traject,
    open_traject_row,
    persoon_ids,
    plan_evaluaties,
    rij_of_fout,
    traject_row,
)


class TrajectService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def openen(self, leerlingnummer: str, categorie: Categorie | str, aanleiding: str, *,
               eigenaar: Persoon | str | None = None, geopend: date | None = None,
               evaluatiedatum: date | None = None, vandaag: date | None = None) -> Traject:
        """Open a traject by hand, with the aanleiding in a few words. Owner default: the acting user.
        InvoerFout when the student already has an open traject."""
        if not aanleiding.strip():
            raise InvoerFout({"aanleiding": "Beschrijf in een paar woorden de aanleiding voor het traject."})
        return self._openen(leerlingnummer, als_enum(Categorie, categorie, "categorie", "Kies een categorie."),
                            aanleiding, None, None, eigenaar, geopend, evaluatiedatum, vandaag)

    def openen_vanuit_signaal(self, leerlingnummer: str, soort: SignaalSoort | str, signaal_datum: date, *,
                              categorie: Categorie | str | None = None, aanleiding: str = "",
                              eigenaar: Persoon | str | None = None, geopend: date | None = None,
                              evaluatiedatum: date | None = None, vandaag: date | None = None) -> Traject:
        """Open a traject from a signal (its soort and datum are kept); the category follows the signal
        unless given."""
        soort = als_enum(SignaalSoort, soort, "signaal", "Onbekend signaal.")
        categorie = (categorie_voor_signaal(soort) if categorie is None
                     else als_enum(Categorie, categorie, "categorie", "Kies een categorie."))
        return self._openen(leerlingnummer, categorie, aanleiding, soort, signaal_datum, eigenaar, geopend,
                            evaluatiedatum, vandaag)

    def _openen(self, leerlingnummer, categorie, aanleiding, soort, signaal_datum, eigenaar, geopend,
                evaluatiedatum, vandaag) -> Traject:
        vandaag = vandaag or date.today()
        geopend = geopend or vandaag
        fouten = {}
        if geopend > vandaag:
            fouten["geopend"] = "De datum van opening kan niet in de toekomst liggen."
        if signaal_datum is not None and signaal_datum > vandaag:
            fouten["signaal_datum"] = "De datum van het signaal kan niet in de toekomst liggen."
        if evaluatiedatum is not None and evaluatiedatum < geopend:
            fouten["evaluatiedatum"] = "De evaluatiedatum ligt vóór de opening van het traject."
        if fouten:
            raise InvoerFout(fouten)
        leerling = leerling_row(leerlingnummer)
        try:
            with self.ctx.action():
                check_geen_open_traject(leerling)
                if eigenaar is None:
                    eigenaar = Persoon(self.ctx.gebruiker.naam, gebruiker_id=self.ctx.gebruiker.id)
                gebruiker_id, contact_id = persoon_ids(eigenaar)
                row = m.Traject.create(
                    leerling=leerling.id, categorie=categorie.value, aanleiding=aanleiding.strip(),
                    signaal=soort.value if soort else None, signaal_datum=signaal_datum, geopend=geopend,
                    eigenaar_gebruiker=gebruiker_id, eigenaar_contact=contact_id, status=TrajectStatus.OPEN.value,
                    stap=int(Stap.IN_BEELD), evaluatiedatum=evaluatiedatum, door=self.ctx.gebruiker.id)
                self.ctx.audit(Actie.TOEGEVOEGD, leerling.id, "traject")
        except pw.IntegrityError:  # the partial unique index: opened at the same moment elsewhere
            check_geen_open_traject(leerling)
            raise
        return self.get(row.id)

    def get(self, traject_id: int) -> Traject:
        return lees_traject(traject_row(traject_id), Namen.laad())

    def casusregisseur(self, traject_id: int) -> Contactpersoon | None:
        """The traject's casusregisseur (its eigenaar: the one owner who keeps the overview) with function and
        how to reach them – a user through their profile, a partner through the address book. None when
        nobody is named."""
        row = traject_row(traject_id)
        return contactpersoon_van(row.eigenaar_gebruiker_id, row.eigenaar_contact_id)

    def trajecten(self, leerlingnummer: str) -> list[Traject]:
        """Every traject of the student, the newest first (history stays)."""
        leerling = leerling_row(leerlingnummer)
        namen = Namen.laad()
        query = (m.Traject.select().where(m.Traject.leerling == leerling.id)
                 .order_by(m.Traject.geopend.desc(), m.Traject.id.desc()))
        return [lees_traject(r, namen, leerling) for r in query]

    def open_traject(self, leerlingnummer: str) -> Traject | None:
        leerling = leerling_row(leerlingnummer)
        row = open_traject_row(leerling.id)
        return lees_traject(row, Namen.laad(), leerling) if row else None

    def lijst(self, status: TrajectStatus | str | None = TrajectStatus.OPEN) -> list[TrajectRij]:
        """The trajecten of the whole school (default: the open ones; None: all), by leerlingnummer."""
        namen = Namen.laad()
        open_per_traject = dict(
            m.Actiepunt.select(m.Actiepunt.traject, pw.fn.COUNT(m.Actiepunt.id))
            .where((m.Actiepunt.status == ActiepuntStatus.OPEN.value) & m.Actiepunt.traject.is_null(False))
            .group_by(m.Actiepunt.traject).tuples())
        query = m.Traject.select(m.Traject, m.Leerling).join(m.Leerling)
        if status is not None:
            query = query.where(m.Traject.status == TrajectStatus(status).value)
        rijen = []
        evaluaties = plan_evaluaties()
        for r in query:
            eigenaar = namen.persoon(r.eigenaar_gebruiker_id, r.eigenaar_contact_id)
            rijen.append(TrajectRij(
                r.id, r.leerling.leerlingnummer, r.leerling.naam, r.leerling.klas, Categorie(r.categorie),
                TrajectStatus(r.status), Stap(r.stap), r.geopend, eigenaar.naam if eigenaar else "",
                open_per_traject.get(r.id, 0), r.evaluatiedatum, r.gesloten,
                naam_sorteersleutel(r.leerling.achternaam, r.leerling.voornaam, r.leerling.tussenvoegsel),
                evaluaties.get(r.id, ())))
        rijen.sort(key=lambda t: (t.leerlingnummer, t.geopend, t.id))
        return rijen

    def bijwerken(self, traject_id: int, *, categorie: Categorie | str | Ongewijzigd = ONGEWIJZIGD,
                  aanleiding: str | Ongewijzigd = ONGEWIJZIGD,
                  eigenaar: Persoon | str | None | Ongewijzigd = ONGEWIJZIGD,
                  evaluatiedatum: date | None | Ongewijzigd = ONGEWIJZIGD, versie: int | None = None) -> Traject:
        """Change what is given; leave the rest. `evaluatiedatum` is when the traject is evaluated next
        (it comes up in the reminders). `versie`: the traject's `rijversie` as the user saw it; `Conflict`
        when someone else changed it since (services/versies.py)."""
        row = traject_row(traject_id)
        velden: dict = {}
        if categorie is not ONGEWIJZIGD:
            velden["categorie"] = als_enum(Categorie, categorie, "categorie", "Kies een categorie.").value
        if aanleiding is not ONGEWIJZIGD:
            velden["aanleiding"] = aanleiding.strip()
        if evaluatiedatum is not ONGEWIJZIGD:
            if evaluatiedatum is not None and evaluatiedatum < row.geopend:
                raise InvoerFout({"evaluatiedatum": "De evaluatiedatum ligt vóór de opening van het traject."})
            velden["evaluatiedatum"] = evaluatiedatum
        with self.ctx.action():
            if eigenaar is not ONGEWIJZIGD:
                velden["eigenaar_gebruiker"], velden["eigenaar_contact"] = persoon_ids(eigenaar)
            if velden:
                versies.opslaan(m.Traject, row.id, velden, versie, "dit traject", door=self.ctx.gebruiker.id)
                self.ctx.audit(Actie.GEWIJZIGD, row.leerling_id, "traject")
        return self.get(row.id)

    def stap_wijzigen(self, traject_id: int, stap: Stap | int, *, datum: date | None = None,
                      vandaag: date | None = None) -> Traject:
        """Move the traject to another step (any step: steps guide, they do not lock); recorded with datum
        and door for the timeline."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        stap = check_stap(stap)
        row = traject_row(traject_id)
        if row.status != TrajectStatus.OPEN.value:
            raise InvoerFout("Dit traject is gesloten; de stap kan niet meer veranderen.")
        if datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        if datum < row.geopend:
            raise InvoerFout({"datum": f"De datum ligt vóór de opening van het traject ({formaat.datum(row.geopend)})."})
        if stap != row.stap:
            with self.ctx.action():
                m.StapWissel.create(traject=row.id, van_stap=row.stap, naar_stap=int(stap), datum=datum,
                                    door=self.ctx.gebruiker.id)
                m.Traject.update(stap=int(stap), **versies.nieuw(m.Traject, self.ctx.gebruiker.id)).where(m.Traject.id == row.id).execute()
                self.ctx.audit(Actie.GEWIJZIGD, row.leerling_id, "traject-stap")
        return self.get(row.id)

    def sluiten(self, traject_id: int, reden: Sluitreden | str, toelichting: str = "", *,
                datum: date | None = None, nazorg: Iterable[tuple[date, str]] | None = None,
                vandaag: date | None = None) -> Traject:
        """Close with a reden (toelichting required for 'anders') and plan the nazorg moments: by default
        6 weeks, 3 months and 1 year after `datum`; pass `nazorg` (datum, omschrijving) to choose others."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        row = traject_row(traject_id)
        if row.status != TrajectStatus.OPEN.value:
            raise InvoerFout(f"Dit traject is al gesloten (op {formaat.datum(row.gesloten)}).")
        reden = check_sluiten(reden, toelichting, datum, row.geopend, vandaag)
        momenten = standaard_nazorg(datum) if nazorg is None else [(d, o.strip()) for d, o in nazorg]
        for _, o in momenten:
            check_nazorg(o)
        with self.ctx.action():
            m.Traject.update(**versies.nieuw(m.Traject, self.ctx.gebruiker.id), status=TrajectStatus.GESLOTEN.value, gesloten=datum, sluitreden=reden.value,
                             sluittoelichting=toelichting.strip()).where(m.Traject.id == row.id).execute()
            self.ctx.audit(Actie.GEWIJZIGD, row.leerling_id, "traject gesloten")
            if momenten:
                m.NazorgMoment.insert_many([dict(traject=row.id, datum=d, omschrijving=o, notitie="")
                                            for d, o in momenten]).execute()
        return self.get(row.id)

    def nazorg_toevoegen(self, traject_id: int, datum: date, omschrijving: str) -> NazorgMoment:
        """A nazorg moment; also (especially) on a closed traject."""
        check_nazorg(omschrijving)
        row = traject_row(traject_id)
        with self.ctx.action():
            moment = m.NazorgMoment.create(traject=row.id, datum=datum, omschrijving=omschrijving.strip())
        return lees_nazorg(moment)

    def nazorg_wijzigen(self, moment_id: int, datum: date, omschrijving: str) -> NazorgMoment:
        check_nazorg(omschrijving)
        moment = rij_of_fout(m.NazorgMoment, moment_id, "Dit nazorgmoment bestaat niet meer.")
        with self.ctx.action():
            m.NazorgMoment.update(datum=datum, omschrijving=omschrijving.strip()).where(
                m.NazorgMoment.id == moment.id).execute()
        return lees_nazorg(m.NazorgMoment.get_by_id(moment.id))

    def nazorg_verwijderen(self, moment_id: int) -> Verwijderd:
        with self.ctx.action():
            row = m.NazorgMoment.get_or_none(m.NazorgMoment.id == moment_id)
            if row is None:
                raise NietGevonden("Dit nazorgmoment bestaat niet meer.")
            opname = Opname(f"Nazorgmoment van {formaat.datum(row.datum)}", ZORG)
            opname.rijen(m.NazorgMoment, m.NazorgMoment.id == moment_id)
            m.NazorgMoment.delete().where(m.NazorgMoment.id == moment_id).execute()
        return opname.klaar()

    def nazorg_afronden(self, moment_id: int, notitie: str = "", *, datum: date | None = None,
                        vandaag: date | None = None) -> NazorgMoment:
        """Mark a nazorg moment done (on `datum`, default today) with a note."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        if datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        moment = rij_of_fout(m.NazorgMoment, moment_id, "Dit nazorgmoment bestaat niet meer.")
        with self.ctx.action():
            m.NazorgMoment.update(gedaan=datum, notitie=notitie.strip(), door=self.ctx.gebruiker.id).where(
                m.NazorgMoment.id == moment.id).execute()
        return lees_nazorg(m.NazorgMoment.get_by_id(moment.id))

    def checklist(self, traject_id: int) -> list[StapChecklist]:
        """The five steps with every item: ticked by hand, or automatically when the dossier shows it
        (a DUO melding, a gesprek, an MDO …)."""
        row = traject_row(traject_id)
        namen = Namen.laad()
        afgevinkt = {a.item: a for a in m.ChecklistAfvinking.select().where(m.ChecklistAfvinking.traject == row.id)}
        bewijs = lees_bewijs(row)
        gedaan = set(afgevinkt) | set(bewijs)
        uit = []
        for v in voortgang(gedaan):
            regels = []
            for item in (i for i in CHECKLIST if i.stap == v.stap):
                a = afgevinkt.get(item.key)
                b = bewijs.get(item.key)
                if a is not None:
                    regels.append(ChecklistRegel(item, True, a.datum, namen.gebruiker(a.door_id), a.notitie,
                                                 False, b.tekst if b else "", b.referentie if b else ""))
                elif b is not None:
                    regels.append(ChecklistRegel(item, True, b.datum, "", "", True, b.tekst, b.referentie))
                else:
                    regels.append(ChecklistRegel(item, False))
            uit.append(StapChecklist(v.stap, tuple(regels), huidig=v.stap == row.stap))
        return uit

    def nog_open(self, traject_id: int) -> dict[Stap, list[ChecklistItem]]:
        """Per step what is still open (steps with nothing open left out)."""
        return {s.stap: s.open for s in self.checklist(traject_id) if s.open}

    def afvinken(self, traject_id: int, item: str, *, datum: date | None = None, notitie: str = "",
                 vandaag: date | None = None) -> ChecklistRegel:
        """Tick one item (by key, see domain.traject.CHECKLIST): done on `datum` (default today), by the
        acting user, with a note. Ticking again replaces the date and note."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        checklist_item(item)
        if datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        row = traject_row(traject_id)
        with self.ctx.action():
            (m.ChecklistAfvinking.insert(traject=row.id, item=item, datum=datum, notitie=notitie.strip(),
                                         door=self.ctx.gebruiker.id, aangemaakt=m.now())
             .on_conflict(conflict_target=[m.ChecklistAfvinking.traject, m.ChecklistAfvinking.item],
                          preserve=[m.ChecklistAfvinking.datum, m.ChecklistAfvinking.notitie,
                                    m.ChecklistAfvinking.door, m.ChecklistAfvinking.aangemaakt])
             .execute())
        return next(r for s in self.checklist(row.id) for r in s.regels if r.item.key == item)

    def afvinken_ongedaan(self, traject_id: int, item: str) -> None:
        """Remove a tick made by hand (an automatic one stays while its evidence is in the dossier)."""
        checklist_item(item)
        row = traject_row(traject_id)
        with self.ctx.action():
            m.ChecklistAfvinking.delete().where((m.ChecklistAfvinking.traject == row.id)
                                                & (m.ChecklistAfvinking.item == item)).execute()

    def analyse(self, traject_id: int) -> Analyse:
        row = traject_row(traject_id)
        a = m.TrajectAnalyse.get_or_none(m.TrajectAnalyse.traject == row.id)
        return lees_analyse(a) if a else Analyse.leeg()

    def analyse_opslaan(self, traject_id: int, analyse: Analyse, *, datum: date | None = None,
                        vandaag: date | None = None) -> Analyse:
        """Risk and protective factors per domain (leerling, thuis, school, buurt/vrije tijd), the
        verzuimtype and, optionally, Kearney's function. `datum`: the day the analysis was made (default:
        now); it dates the automatic tick of the checklist item. `analyse.rijversie`: the version the user
        read (0: there was none yet); `Conflict` when someone else saved one since (services/versies.py)."""
        vandaag = vandaag or date.today()
        row = traject_row(traject_id)
        if datum is not None:
            if datum > vandaag:
                raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
            if datum < row.geopend:
                raise InvoerFout({"datum": f"De datum ligt vóór de opening van het traject ({formaat.datum(row.geopend)})."})
        gewijzigd = m.now() if datum is None else datetime.combine(datum, time(12))
        velden = {}
        for d in Domein:
            f = analyse.factoren.get(d, Factoren())
            velden[f"{d.value}_risico"] = f.risico.strip()
            velden[f"{d.value}_beschermend"] = f.beschermend.strip()
        velden["verzuimtype"] = (als_enum(Verzuimtype, analyse.verzuimtype, "verzuimtype", "Kies een verzuimtype.").value
                                 if analyse.verzuimtype else "")
        velden["kearney_functie"] = (als_enum(KearneyFunctie, analyse.kearney_functie, "kearney_functie",
                                           "Kies een functie van het verzuim.").value
                                     if analyse.kearney_functie else "")
        velden = {k: Geheim(v) if v else v for k, v in velden.items()}  # the analysis is the zorgcoördinator's
        with self.ctx.action():
            bestaand = m.TrajectAnalyse.get_or_none(m.TrajectAnalyse.traject == row.id)
            if bestaand is not None:
                versies.opslaan(m.TrajectAnalyse, bestaand.id, {**velden, "door": self.ctx.gebruiker.id,
                                                                "gewijzigd": gewijzigd},
                                analyse.rijversie, "de analyse", door=self.ctx.gebruiker.id)
            else:
                try:  # two users adding the first analysis at once: the second is told, as for an edit
                    m.TrajectAnalyse.insert(traject=row.id, door=self.ctx.gebruiker.id, gewijzigd=gewijzigd,
                                            **velden).execute()
                except pw.IntegrityError:
                    raise Conflict("de analyse", {}) from None
        return self.analyse(row.id)
