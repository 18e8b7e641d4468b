"""The praktijkkaart per student: trajecten with their five steps and checklist, gesprekken, MDO's with
besluiten and actiepunten, the shared address book of partners, the timeline and reminders (the dossier for
an inzageverzoek is services/inzage.py).

Every method returns dataclasses (never peewee rows). Writing a traject, an MDO or the checklist is for
the zorgcoördinator; gesprekken, contactmomenten and the status of actiepunten also for mentors.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time

import peewee as pw

from ..db import models as m
from ..db.vertrouwelijk import Geheim, Versleuteld, geheim
from ..domain import formaat
from ..domain.actiepunt import Actiepunt
from ..domain.audit import Actie
from ..domain.bewijs import (
    Bewijs,
    Deelnemer,
    Dossierfeiten,
    GesprekFeit,
    MdoFeit,
    MeldingFeit,
    PlanFeit,
    ToestemmingFeit,
    automatisch,
)
from ..domain.errors import GeenToegang, InvoerFout, NietGevonden
from ..domain.gebruiker import Gebruiker, Rol, kan_eigenaar_zijn, naam_sleutel
from ..domain.gesprek import Afspraak, Gesprek
from ..domain.herinneringen import Herinnering, HerinneringSoort, Termijn, herinneringen
from ..domain.leerling import Vrijstelling, VrijstellingType
from ..domain.mdo import Besluit, Mdo, MdoDeelnemer, Partner, Toestemming
from ..domain.plan import Contactpersoon
from ..domain.signalen import Signaal, SignaalSoort
from ..domain.tijdlijn import (
    Gebeurtenis,
    Tijdlijnsoort,
    Verzuimperiode,
    filter_tijdlijn,
    sorteer_tijdlijn,
    verzuimperiodes,
)
from ..domain.traject import (
    CHECKLIST,
    ActiepuntStatus,
    Analyse,
    Categorie,
    ChecklistItem,
    ChecklistRegel,
    Domein,
    Factoren,
    GesprekType,
    KearneyFunctie,
    MdoRol,
    NazorgMoment,
    Persoon,
    Sluitreden,
    Stap,
    StapChecklist,
    StapWissel,
    Traject,
    TrajectRij,
    TrajectStatus,
    Verzuimtype,
    categorie_voor_signaal,
    check_actiepunt,
    check_gesprek,
    check_mdo,
    check_sluiten,
    check_stap,
    checklist_item,
    standaard_nazorg,
    volgend_besluitnummer,
    voortgang,
)
from ..domain.zoeken import naam_sorteersleutel, sorteersleutel
from . import leerlingnummers
from .context import Context
from .leerlingen import LeerlingenService
from .ongedaan import Opname, Verwijderd
from .profielen import profiel
from .signalen import SignalenService
from .toegang import TEAM, ZORG
from .verzuim import VerzuimService

_GEEN_PARTNER = [r.value for r in MdoRol if not r.is_partner]  # ouder, leerling: never in the address book
VERTROUWELIJK = "Vertrouwelijk – alleen zichtbaar voor de zorgcoördinator"  # replaces hidden content (need-to-know)
GEEN_VERTROUWELIJK = ("Vertrouwelijke notities (medische of psychologische details) zijn voor de zorgcoördinator. "
                      "Laat ze hier weg en bespreek ze met de zorgcoördinator.")


class _Ongewijzigd:
    def __repr__(self) -> str:
        return "ONGEWIJZIGD"


ONGEWIJZIGD: _Ongewijzigd = _Ongewijzigd()  # "leave this field as it is" in the *_bijwerken methods


# --- the service ----------------------------------------------------------------------------------


class TrajectService:
    def __init__(self, ctx: Context, signalen: SignalenService, verzuim: VerzuimService):
        self.ctx = ctx
        self.signalen = signalen
        self.verzuim = verzuim
        self._leerlingen = LeerlingenService(ctx)

    # --- trajecten: open, read, change, close -------------------------------------------------------

    def openen(self, leerlingnummer: str, categorie: Categorie | str, aanleiding: str, *,
               eigenaar: Persoon | str | None = None, geopend: date | None = None,
               evaluatiedatum: date | None = None, vandaag: date | None = None) -> Traject:
        """Open a traject by hand, with the aanleiding in a few words. Owner default: the acting user.
        InvoerFout when the student already has an open traject."""
        if not aanleiding.strip():
            raise InvoerFout({"aanleiding": "Beschrijf in een paar woorden de aanleiding voor het traject."})
        return self._openen(leerlingnummer, _enum(Categorie, categorie, "categorie", "Kies een categorie."),
                            aanleiding, None, None, eigenaar, geopend, evaluatiedatum, vandaag)

    def openen_vanuit_signaal(self, leerlingnummer: str, soort: SignaalSoort | str, signaal_datum: date, *,
                              categorie: Categorie | str | None = None, aanleiding: str = "",
                              eigenaar: Persoon | str | None = None, geopend: date | None = None,
                              evaluatiedatum: date | None = None, vandaag: date | None = None) -> Traject:
        """Open a traject from a signal (its soort and datum are kept); the category follows the signal
        unless given."""
        soort = _enum(SignaalSoort, soort, "signaal", "Onbekend signaal.")
        categorie = (categorie_voor_signaal(soort) if categorie is None
                     else _enum(Categorie, categorie, "categorie", "Kies een categorie."))
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
        leerling = _leerling(leerlingnummer)
        try:
            with self.ctx.action():
                _geen_open_traject(leerling)
                if eigenaar is None:
                    eigenaar = Persoon(self.ctx.gebruiker.naam, gebruiker_id=self.ctx.gebruiker.id)
                gebruiker_id, contact_id = _persoon_ids(eigenaar)
                row = m.Traject.create(
                    leerling=leerling.id, categorie=categorie.value, aanleiding=aanleiding.strip(),
                    signaal=soort.value if soort else None, signaal_datum=signaal_datum, geopend=geopend,
                    eigenaar_gebruiker=gebruiker_id, eigenaar_contact=contact_id, status=TrajectStatus.OPEN.value,
                    stap=int(Stap.IN_BEELD), evaluatiedatum=evaluatiedatum, door=self.ctx.gebruiker.id)
                self.ctx.audit(Actie.TOEGEVOEGD, leerling.id, "traject")
        except pw.IntegrityError:  # the partial unique index: opened at the same moment elsewhere
            _geen_open_traject(leerling)
            raise
        return self.get(row.id)

    def get(self, traject_id: int) -> Traject:
        return _traject(_traject_row(traject_id), _Namen.laad())

    def casusregisseur(self, traject_id: int) -> Contactpersoon | None:
        """The traject's casusregisseur (its eigenaar: the one owner who keeps the overview) with function and
        how to reach them – a user through their profile, a partner through the address book. None when
        nobody is named."""
        row = _traject_row(traject_id)
        return _bereikbaar(row.eigenaar_gebruiker_id, row.eigenaar_contact_id)

    def trajecten(self, leerlingnummer: str) -> list[Traject]:
        """Every traject of the student, the newest first (history stays)."""
        leerling = _leerling(leerlingnummer)
        namen = _Namen.laad()
        query = (m.Traject.select().where(m.Traject.leerling == leerling.id)
                 .order_by(m.Traject.geopend.desc(), m.Traject.id.desc()))
        return [_traject(r, namen, leerling) for r in query]

    def open_traject(self, leerlingnummer: str) -> Traject | None:
        leerling = _leerling(leerlingnummer)
        row = _open_row(leerling.id)
        return _traject(row, _Namen.laad(), leerling) if row else None

    def lijst(self, status: TrajectStatus | str | None = TrajectStatus.OPEN) -> list[TrajectRij]:
        """The trajecten of the whole school (default: the open ones; None: all), by leerlingnummer."""
        namen = _Namen.laad()
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

    def bijwerken(self, traject_id: int, *, categorie: Categorie | str | _Ongewijzigd = ONGEWIJZIGD,
                  aanleiding: str | _Ongewijzigd = ONGEWIJZIGD,
                  eigenaar: Persoon | str | None | _Ongewijzigd = ONGEWIJZIGD,
                  evaluatiedatum: date | None | _Ongewijzigd = ONGEWIJZIGD) -> Traject:
        """Change what is given; leave the rest. `evaluatiedatum` is when the traject is evaluated next
        (it comes up in the reminders)."""
        row = _traject_row(traject_id)
        velden: dict = {}
        if categorie is not ONGEWIJZIGD:
            velden["categorie"] = _enum(Categorie, categorie, "categorie", "Kies een categorie.").value
        if aanleiding is not ONGEWIJZIGD:
            velden["aanleiding"] = aanleiding.strip()
        if evaluatiedatum is not ONGEWIJZIGD:
            if evaluatiedatum is not None and evaluatiedatum < row.geopend:
                raise InvoerFout({"evaluatiedatum": "De evaluatiedatum ligt vóór de opening van het traject."})
            velden["evaluatiedatum"] = evaluatiedatum
        with self.ctx.action():
            if eigenaar is not ONGEWIJZIGD:
                velden["eigenaar_gebruiker"], velden["eigenaar_contact"] = _persoon_ids(eigenaar)
            if velden:
                m.Traject.update(**velden).where(m.Traject.id == row.id).execute()
                self.ctx.audit(Actie.GEWIJZIGD, row.leerling_id, "traject")
        return self.get(row.id)

    def stap_wijzigen(self, traject_id: int, stap: Stap | int, *, datum: date | None = None,
                      vandaag: date | None = None) -> Traject:
        """Move the traject to another step (any step: steps guide, they do not lock); recorded with datum
        and door for the timeline."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        stap = check_stap(stap)
        row = _traject_row(traject_id)
        if row.status != TrajectStatus.OPEN.value:
            raise InvoerFout("Dit traject is gesloten; de stap kan niet meer veranderen.")
        if datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        if datum < row.geopend:
            raise InvoerFout({"datum": f"De datum ligt vóór de opening van het traject ({row.geopend:%d-%m-%Y})."})
        if stap != row.stap:
            with self.ctx.action():
                m.StapWissel.create(traject=row.id, van_stap=row.stap, naar_stap=int(stap), datum=datum,
                                    door=self.ctx.gebruiker.id)
                m.Traject.update(stap=int(stap)).where(m.Traject.id == row.id).execute()
                self.ctx.audit(Actie.GEWIJZIGD, row.leerling_id, "traject-stap")
        return self.get(row.id)

    def sluiten(self, traject_id: int, reden: Sluitreden | str, toelichting: str = "", *,
                datum: date | None = None, nazorg: Iterable[tuple[date, str]] | None = None,
                vandaag: date | None = None) -> Traject:
        """Close with a reden (toelichting required for 'anders') and plan the nazorg moments: by default
        6 weeks, 3 months and 1 year after `datum`; pass `nazorg` (datum, omschrijving) to choose others."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        row = _traject_row(traject_id)
        if row.status != TrajectStatus.OPEN.value:
            raise InvoerFout(f"Dit traject is al gesloten (op {row.gesloten:%d-%m-%Y}).")
        reden = check_sluiten(reden, toelichting, datum, row.geopend, vandaag)
        momenten = standaard_nazorg(datum) if nazorg is None else [(d, o.strip()) for d, o in nazorg]
        for _, o in momenten:
            _check_nazorg(o)
        with self.ctx.action():
            m.Traject.update(status=TrajectStatus.GESLOTEN.value, gesloten=datum, sluitreden=reden.value,
                             sluittoelichting=toelichting.strip()).where(m.Traject.id == row.id).execute()
            self.ctx.audit(Actie.GEWIJZIGD, row.leerling_id, "traject gesloten")
            if momenten:
                m.NazorgMoment.insert_many([dict(traject=row.id, datum=d, omschrijving=o, notitie="")
                                            for d, o in momenten]).execute()
        return self.get(row.id)

    # --- nazorg -------------------------------------------------------------------------------------

    def nazorg_toevoegen(self, traject_id: int, datum: date, omschrijving: str) -> NazorgMoment:
        """A nazorg moment; also (especially) on a closed traject."""
        _check_nazorg(omschrijving)
        row = _traject_row(traject_id)
        with self.ctx.action():
            moment = m.NazorgMoment.create(traject=row.id, datum=datum, omschrijving=omschrijving.strip())
        return _nazorg(moment)

    def nazorg_wijzigen(self, moment_id: int, datum: date, omschrijving: str) -> NazorgMoment:
        _check_nazorg(omschrijving)
        moment = _get(m.NazorgMoment, moment_id, "Dit nazorgmoment bestaat niet meer.")
        with self.ctx.action():
            m.NazorgMoment.update(datum=datum, omschrijving=omschrijving.strip()).where(
                m.NazorgMoment.id == moment.id).execute()
        return _nazorg(m.NazorgMoment.get_by_id(moment.id))

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
        moment = _get(m.NazorgMoment, moment_id, "Dit nazorgmoment bestaat niet meer.")
        with self.ctx.action():
            m.NazorgMoment.update(gedaan=datum, notitie=notitie.strip(), door=self.ctx.gebruiker.id).where(
                m.NazorgMoment.id == moment.id).execute()
        return _nazorg(m.NazorgMoment.get_by_id(moment.id))

    # --- the checklist ------------------------------------------------------------------------------

    def checklist(self, traject_id: int) -> list[StapChecklist]:
        """The five steps with every item: ticked by hand, or automatically when the dossier shows it
        (a DUO melding, a gesprek, an MDO …)."""
        row = _traject_row(traject_id)
        namen = _Namen.laad()
        afgevinkt = {a.item: a for a in m.ChecklistAfvinking.select().where(m.ChecklistAfvinking.traject == row.id)}
        bewijs = _bewijs(row)
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
        row = _traject_row(traject_id)
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
        row = _traject_row(traject_id)
        with self.ctx.action():
            m.ChecklistAfvinking.delete().where((m.ChecklistAfvinking.traject == row.id)
                                                & (m.ChecklistAfvinking.item == item)).execute()

    # --- step 4: the analysis -----------------------------------------------------------------------

    def analyse(self, traject_id: int) -> Analyse:
        row = _traject_row(traject_id)
        a = m.TrajectAnalyse.get_or_none(m.TrajectAnalyse.traject == row.id)
        return _analyse(a) if a else Analyse.leeg()

    def analyse_opslaan(self, traject_id: int, analyse: Analyse, *, datum: date | None = None,
                        vandaag: date | None = None) -> Analyse:
        """Risk and protective factors per domain (leerling, thuis, school, buurt/vrije tijd), the
        verzuimtype and, optionally, Kearney's function. `datum`: the day the analysis was made (default:
        now); it dates the automatic tick of the checklist item."""
        vandaag = vandaag or date.today()
        row = _traject_row(traject_id)
        if datum is not None:
            if datum > vandaag:
                raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
            if datum < row.geopend:
                raise InvoerFout({"datum": f"De datum ligt vóór de opening van het traject ({row.geopend:%d-%m-%Y})."})
        gewijzigd = m.now() if datum is None else datetime.combine(datum, time(12))
        velden = {}
        for d in Domein:
            f = analyse.factoren.get(d, Factoren())
            velden[f"{d.value}_risico"] = f.risico.strip()
            velden[f"{d.value}_beschermend"] = f.beschermend.strip()
        velden["verzuimtype"] = (_enum(Verzuimtype, analyse.verzuimtype, "verzuimtype", "Kies een verzuimtype.").value
                                 if analyse.verzuimtype else "")
        velden["kearney_functie"] = (_enum(KearneyFunctie, analyse.kearney_functie, "kearney_functie",
                                           "Kies een functie van het verzuim.").value
                                     if analyse.kearney_functie else "")
        velden = {k: Geheim(v) if v else v for k, v in velden.items()}  # the analysis is the zorgcoördinator's
        with self.ctx.action():
            (m.TrajectAnalyse.insert(traject=row.id, door=self.ctx.gebruiker.id, gewijzigd=gewijzigd, **velden)
             .on_conflict(conflict_target=[m.TrajectAnalyse.traject],
                          update={**velden, "door": self.ctx.gebruiker.id, "gewijzigd": gewijzigd})
             .execute())
        return self.analyse(row.id)

    # --- gesprekken and contactmomenten -------------------------------------------------------------

    def gesprek_vastleggen(self, leerlingnummer: str, type: GesprekType | str, datum: date, samenvatting: str, *,
                           deelnemers: str = "", afspraken: Iterable[str] = (), vertrouwelijk: bool = False,
                           actiepunten: Iterable[tuple[int, Persoon | str | None, date | None]] = (),
                           vandaag: date | None = None) -> Gesprek:
        """A gesprek or contactmoment; linked to the student's traject that was open on `datum` (a
        backdated gesprek goes with the traject of its day, not with today's). Each
        afspraak can become an actiepunt at once – `actiepunten`: (index in `afspraken`, wie, uiterlijk) – or
        later (`afspraak_naar_actiepunt`). Everything is checked first and saved in one transaction;
        errors of an actiepunt are keyed "afspraak<n>.<veld>" (n = 1-based index in `afspraken`)."""
        vandaag = vandaag or date.today()
        fouten: dict[str, str] = {}
        try:
            type = _enum(GesprekType, type, "type", "Kies wat voor contact het was.")
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        try:
            check_gesprek(datum, samenvatting, vandaag)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        if vertrouwelijk and not self.ziet_vertrouwelijk:
            fouten["vertrouwelijk"] = GEEN_VERTROUWELIJK
        gegeven = [a.strip() for a in afspraken]
        acties = _afspraak_acties(gegeven, actiepunten, datum, fouten)
        if fouten:
            raise InvoerFout(fouten)
        leerling = _leerling(leerlingnummer)
        teksten = [a for a in gegeven if a]
        volgorde = {i: n for n, i in enumerate(i for i, a in enumerate(gegeven) if a)}  # given index → stored
        with self.ctx.action():
            traject = _traject_op(leerling.id, datum)
            row = m.Gesprek.create(leerling=leerling.id, traject=traject.id if traject else None, type=type.value,
                                   datum=datum, deelnemers=geheim(deelnemers.strip(), vertrouwelijk),
                                   samenvatting=geheim(samenvatting.strip(), vertrouwelijk),
                                   vertrouwelijk=bool(vertrouwelijk), door=self.ctx.gebruiker.id)
            self.ctx.audit(Actie.TOEGEVOEGD, leerling.id, "gesprek")
            if teksten:
                m.Afspraak.insert_many([dict(gesprek=row.id, volgorde=i, tekst=geheim(t, vertrouwelijk))
                                        for i, t in enumerate(teksten)]).execute()
            for i, wie, uiterlijk in acties:
                afspraak = m.Afspraak.get((m.Afspraak.gesprek == row.id) & (m.Afspraak.volgorde == volgorde[i]))
                actiepunt_id = _actiepunt_maken(self.ctx, leerling.id, row.traject_id, None, row.id, afspraak.tekst,
                                                wie, datum, uiterlijk)
                m.Afspraak.update(actiepunt=actiepunt_id).where(m.Afspraak.id == afspraak.id).execute()
        return self.gesprek(row.id)

    def gesprek_bijwerken(self, gesprek_id: int, *, type: GesprekType | str | _Ongewijzigd = ONGEWIJZIGD,
                          datum: date | _Ongewijzigd = ONGEWIJZIGD, samenvatting: str | _Ongewijzigd = ONGEWIJZIGD,
                          deelnemers: str | _Ongewijzigd = ONGEWIJZIGD,
                          vertrouwelijk: bool | _Ongewijzigd = ONGEWIJZIGD, vandaag: date | None = None) -> Gesprek:
        """Correct a recorded gesprek (what is given; the rest stays), with the same checks as
        `gesprek_vastleggen`. A new datum links it to the traject open on that day and moves the
        'afgesproken op' of its actiepunten along. A vertrouwelijk gesprek only the zorgcoördinator changes."""
        vandaag = vandaag or date.today()
        row = _get(m.Gesprek, gesprek_id, "Dit gesprek bestaat niet meer.")
        nieuw_datum = row.datum if datum is ONGEWIJZIGD else datum
        fouten: dict[str, str] = {}
        if type is not ONGEWIJZIGD:
            try:
                type = _enum(GesprekType, type, "type", "Kies wat voor contact het was.")
            except InvoerFout as exc:
                fouten.update(exc.fouten)
        try:
            check_gesprek(nieuw_datum, row.samenvatting if samenvatting is ONGEWIJZIGD else samenvatting, vandaag)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        if nieuw_datum is not None and datum is not ONGEWIJZIGD:
            te_vroeg = (m.Actiepunt.select().where((m.Actiepunt.gesprek == row.id) & (m.Actiepunt.uiterlijk < nieuw_datum))
                        .exists())
            if te_vroeg:
                fouten["datum"] = "Een actiepunt uit dit gesprek moet vóór deze datum al klaar zijn. Controleer de datum."
        if fouten:
            raise InvoerFout(fouten)
        velden: dict = {}
        if type is not ONGEWIJZIGD:
            velden["type"] = type.value
        if samenvatting is not ONGEWIJZIGD:
            velden["samenvatting"] = samenvatting.strip()
        if deelnemers is not ONGEWIJZIGD:
            velden["deelnemers"] = deelnemers.strip()
        if vertrouwelijk is not ONGEWIJZIGD:
            if vertrouwelijk and not row.vertrouwelijk and not self.ziet_vertrouwelijk:
                raise InvoerFout({"vertrouwelijk": GEEN_VERTROUWELIJK})
            velden["vertrouwelijk"] = bool(vertrouwelijk)
        geheim_nu = velden.get("vertrouwelijk", row.vertrouwelijk)
        for veld in ("samenvatting", "deelnemers"):
            velden[veld] = geheim(velden.get(veld, getattr(row, veld)), geheim_nu)
        with self.ctx.action():
            if row.vertrouwelijk and not self.ziet_vertrouwelijk:
                raise GeenToegang("Dit gesprek is vertrouwelijk: alleen de zorgcoördinator kan het wijzigen.")
            if datum is not ONGEWIJZIGD and datum != row.datum:
                traject = _traject_op(row.leerling_id, datum)
                velden["datum"] = datum
                velden["traject"] = traject.id if traject else None
                m.Actiepunt.update(datum=datum, traject=velden["traject"]).where(
                    m.Actiepunt.gesprek == row.id).execute()
            if velden:
                m.Gesprek.update(**velden).where(m.Gesprek.id == row.id).execute()
            if geheim_nu != row.vertrouwelijk:
                for a in m.Afspraak.select().where(m.Afspraak.gesprek == row.id):
                    m.Afspraak.update(tekst=geheim(a.tekst, geheim_nu)).where(m.Afspraak.id == a.id).execute()
        return self.gesprek(row.id)

    def gesprek_verwijderen(self, gesprek_id: int) -> Verwijderd:
        """Remove a gesprek entered by mistake, with its afspraken; actiepunten made from it stay (unlinked).
        Undo with the result. A vertrouwelijk one only the zorgcoördinator removes – and whoever recorded it
        (a mentor's own gesprek from before mentors could no longer mark one vertrouwelijk)."""
        row = _get(m.Gesprek, gesprek_id, "Dit gesprek bestaat niet meer.")
        with self.ctx.action():
            if row.vertrouwelijk and not self.ziet_vertrouwelijk and row.door_id != self.ctx.gebruiker.id:
                raise GeenToegang("Dit gesprek is vertrouwelijk: alleen de zorgcoördinator kan het verwijderen.")
            opname = Opname(f"Gesprek van {formaat.datum(row.datum)}", TEAM)
            opname.rijen(m.Gesprek, m.Gesprek.id == row.id)
            m.Gesprek.delete().where(m.Gesprek.id == row.id).execute()
        return opname.klaar()

    def contactmoment(self, leerlingnummer: str, type: GesprekType | str, samenvatting: str,
                      datum: date | None = None, *, vandaag: date | None = None) -> Gesprek:
        """The quick way for a mentor: type, datum (default today) and a summary in one call."""
        vandaag = vandaag or date.today()
        return self.gesprek_vastleggen(leerlingnummer, type, datum or vandaag, samenvatting, vandaag=vandaag)

    def gesprek(self, gesprek_id: int) -> Gesprek:
        """One gesprek; for anyone but the zorgcoördinator a vertrouwelijk one comes with its content
        replaced by VERTROUWELIJK (type, datum and the links to actiepunten stay)."""
        row = _get(m.Gesprek, gesprek_id, "Dit gesprek bestaat niet meer.")
        return self._zichtbaar_gesprek(_gesprekken([row], _Namen.laad())[0])

    def gesprekken(self, leerlingnummer: str) -> list[Gesprek]:
        """The student's gesprekken, the newest first."""
        leerling = _leerling(leerlingnummer)
        query = (m.Gesprek.select().where(m.Gesprek.leerling == leerling.id)
                 .order_by(m.Gesprek.datum.desc(), m.Gesprek.id.desc()))
        return [self._zichtbaar_gesprek(g) for g in _gesprekken(list(query), _Namen.laad(), leerling.leerlingnummer)]

    # --- need-to-know ---------------------------------------------------------------------------------

    @property
    def ziet_vertrouwelijk(self) -> bool:
        """Medical and psychological details (what is marked vertrouwelijk) are for the zorgcoördinator only."""
        return self.ctx.gebruiker.rol == Rol.ZORGCOORDINATOR

    def mag_gesprek_weghalen(self, g: Gesprek) -> bool:
        """What `gesprek_verwijderen` allows (so a screen does not ask first and then get refused)."""
        return (self.ctx.gebruiker.rol in TEAM
                and (not g.vertrouwelijk or self.ziet_vertrouwelijk or g.door_id == self.ctx.gebruiker.id))

    def _zichtbaar_gesprek(self, g: Gesprek) -> Gesprek:
        if not g.vertrouwelijk or self.ziet_vertrouwelijk:
            return g
        return replace(g, samenvatting=VERTROUWELIJK, deelnemers="",
                       afspraken=tuple(replace(a, tekst=VERTROUWELIJK) for a in g.afspraken))

    def _zichtbaar_mdo(self, mdo: Mdo) -> Mdo:
        """A vertrouwelijk MDO for a non-zorgcoördinator: agenda, verslag and besluiten hidden; date,
        deelnemers, toestemmingen and actiepunten (which people must carry out) stay."""
        if not mdo.vertrouwelijk or self.ziet_vertrouwelijk:
            return mdo
        return replace(mdo, agenda=VERTROUWELIJK, verslag=VERTROUWELIJK,
                       besluiten=tuple(replace(b, tekst=VERTROUWELIJK) for b in mdo.besluiten))

    def afspraak_naar_actiepunt(self, afspraak_id: int, wie: Persoon | str | None,
                                uiterlijk: date | None) -> Actiepunt:
        """Turn an afspraak of a gesprek into an actiepunt with an owner and a deadline."""
        afspraak = _get(m.Afspraak, afspraak_id, "Deze afspraak bestaat niet meer.")
        if afspraak.actiepunt_id is not None:
            raise InvoerFout("Van deze afspraak is al een actiepunt gemaakt.")
        gesprek = afspraak.gesprek
        check_actiepunt(afspraak.tekst, _heeft_naam(wie), uiterlijk)
        with self.ctx.action():
            actiepunt_id = _actiepunt_maken(self.ctx, gesprek.leerling_id, gesprek.traject_id, None, gesprek.id,
                                            afspraak.tekst, wie, gesprek.datum, uiterlijk)
            m.Afspraak.update(actiepunt=actiepunt_id).where(m.Afspraak.id == afspraak.id).execute()
        return self.actiepunt(actiepunt_id)

    # --- MDO ----------------------------------------------------------------------------------------

    def agenda_voorstel(self, traject_id: int) -> str:
        """A standard agenda with the open actiepunten of the earlier MDO's of this traject."""
        row = _traject_row(traject_id)
        namen = _Namen.laad()
        open_ = (m.Actiepunt.select().join(m.Mdo)
                 .where((m.Mdo.traject == row.id) & (m.Actiepunt.status == ActiepuntStatus.OPEN.value))
                 .order_by(m.Actiepunt.uiterlijk, m.Actiepunt.id))
        regels = [f"   - {a.wat} ({namen.naam(a.eigenaar_gebruiker_id, a.eigenaar_contact_id)}, "
                  f"uiterlijk {a.uiterlijk:%d-%m-%Y})" for a in open_]
        return "\n".join([
            "1. Opening, kennismaking en doel van het overleg",
            "2. Hoe gaat het? De leerling en de ouders aan het woord",
            "3. Openstaande actiepunten uit eerdere MDO's" + (":" if regels else ": geen"),
            *regels,
            "4. Analyse: risico- en beschermende factoren",
            "5. Besluiten en actiepunten (wie doet wat, wanneer)",
            "6. Evaluatie en volgend overleg",
        ])

    def mdo_vastleggen(self, traject_id: int, datum: date | None, *, deelnemers: Iterable[MdoDeelnemer] = (),
                       agenda: str | None = None, verslag: str = "", vertrouwelijk: bool = False,
                       toestemmingen: Iterable[Toestemming] = (), besluiten: Iterable[str] = (),
                       actiepunten: Iterable[tuple[str, Persoon | str | None, date | None]] = (),
                       verslaglegger: str | None = None, volgend_overleg: date | None = None,
                       verzenden_aan: Iterable[str] = (), vandaag: date | None = None) -> Mdo:
        """Plan or record an MDO (a date in the future is a planned one). Without `agenda` the proposal
        with the open actiepunten of earlier MDO's is filled in; without `verslaglegger` the acting user
        writes it. Partners among the deelnemers go into the shared address book. `besluiten` (texts, numbered 1, 2, 3 …; empty ones skipped) and
        `actiepunten` (wat, wie, uiterlijk) are saved with it in one transaction, after checking all of
        it: errors are keyed "besluit<n>" and "actiepunt<n>.<wat|wie|uiterlijk>" (n counts from 1).
        Refused on a closed traject."""
        vandaag = vandaag or date.today()
        fouten: dict[str, str] = {}
        try:
            check_mdo(datum)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        row = _traject_row(traject_id)
        _niet_gesloten(row, "geen MDO meer vastleggen")
        deelnemers = list(deelnemers)
        toestemmingen = list(toestemmingen)
        teksten = [b.strip() for b in besluiten if b.strip()]
        acties = list(actiepunten)
        for n, (wat, wie, uiterlijk) in enumerate(acties, 1):
            _actiepunt_fouten(f"actiepunt{n}.", wat, wie, uiterlijk, datum, fouten)
        for t in toestemmingen:
            if not t.organisatie.strip():
                fouten["toestemmingen"] = "Vul de organisatie in waarvoor de ouders toestemming geven."
            elif t.datum is not None and t.datum > vandaag:
                fouten["toestemmingen"] = "De datum van een toestemming kan niet in de toekomst liggen."
        _volgend_fout(datum, volgend_overleg, fouten)
        if fouten:
            raise InvoerFout(fouten)
        if agenda is None:
            agenda = self.agenda_voorstel(row.id)
        if verslaglegger is None:
            verslaglegger = profiel(self.ctx.gebruiker.id).volledige_naam or self.ctx.gebruiker.naam
        with self.ctx.action():
            mdo = m.Mdo.create(traject=row.id, datum=datum, agenda=geheim(agenda.strip(), vertrouwelijk),
                               verslag=geheim(verslag.strip(), vertrouwelijk),
                               vertrouwelijk=bool(vertrouwelijk), door=self.ctx.gebruiker.id,
                               verslaglegger=" ".join(verslaglegger.split()), volgend_overleg=volgend_overleg,
                               verzenden_aan=_regels(verzenden_aan))
            _deelnemers_schrijven(mdo.id, deelnemers)
            for t in toestemmingen:
                _toestemming_schrijven(self.ctx, row.id, mdo.id, t, datum)
            if teksten:
                m.Besluit.insert_many([dict(mdo=mdo.id, nummer=n, tekst=geheim(t, vertrouwelijk))
                                       for n, t in enumerate(teksten, 1)]).execute()
            for wat, wie, uiterlijk in acties:
                _actiepunt_maken(self.ctx, row.leerling_id, row.id, mdo.id, None, wat, wie, datum, uiterlijk)
        return self.mdo(mdo.id)

    def mdo_bijwerken(self, mdo_id: int, *, datum: date | _Ongewijzigd = ONGEWIJZIGD,
                      deelnemers: Iterable[MdoDeelnemer] | _Ongewijzigd = ONGEWIJZIGD,
                      agenda: str | _Ongewijzigd = ONGEWIJZIGD, verslag: str | _Ongewijzigd = ONGEWIJZIGD,
                      vertrouwelijk: bool | _Ongewijzigd = ONGEWIJZIGD,
                      verslaglegger: str | _Ongewijzigd = ONGEWIJZIGD,
                      volgend_overleg: date | None | _Ongewijzigd = ONGEWIJZIGD,
                      verzenden_aan: Iterable[str] | _Ongewijzigd = ONGEWIJZIGD) -> Mdo:
        """Change what is given (e.g. write the verslag after the meeting); deelnemers are replaced."""
        mdo = _get(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        velden: dict = {}
        if datum is not ONGEWIJZIGD:
            velden["datum"] = check_mdo(datum)
        if volgend_overleg is not ONGEWIJZIGD:
            fouten: dict[str, str] = {}
            _volgend_fout(velden.get("datum", mdo.datum), volgend_overleg, fouten)
            if fouten:
                raise InvoerFout(fouten)
            velden["volgend_overleg"] = volgend_overleg
        if verslaglegger is not ONGEWIJZIGD:
            velden["verslaglegger"] = " ".join(verslaglegger.split())
        if verzenden_aan is not ONGEWIJZIGD:
            velden["verzenden_aan"] = _regels(verzenden_aan)
        if agenda is not ONGEWIJZIGD:
            velden["agenda"] = agenda.strip()
        if verslag is not ONGEWIJZIGD:
            velden["verslag"] = verslag.strip()
        if vertrouwelijk is not ONGEWIJZIGD:
            velden["vertrouwelijk"] = bool(vertrouwelijk)
        geheim_nu = velden.get("vertrouwelijk", mdo.vertrouwelijk)
        for veld in ("agenda", "verslag"):
            velden[veld] = geheim(velden.get(veld, getattr(mdo, veld)), geheim_nu)
        with self.ctx.action():
            if velden:
                m.Mdo.update(**velden).where(m.Mdo.id == mdo.id).execute()
            if geheim_nu != mdo.vertrouwelijk:
                for b in m.Besluit.select().where(m.Besluit.mdo == mdo.id):
                    m.Besluit.update(tekst=geheim(b.tekst, geheim_nu)).where(m.Besluit.id == b.id).execute()
            if deelnemers is not ONGEWIJZIGD:
                m.MdoDeelnemer.delete().where(m.MdoDeelnemer.mdo == mdo.id).execute()
                _deelnemers_schrijven(mdo.id, list(deelnemers))
        return self.mdo(mdo.id)

    def mdo_verwijderen(self, mdo_id: int) -> Verwijderd:
        """Remove an MDO entered by mistake (e.g. planned twice), with its deelnemers, besluiten and
        actiepunten; consent given at it stays. Not on a closed traject. Undo with the result."""
        row = _get(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        _niet_gesloten(row.traject, "geen MDO meer verwijderen")
        with self.ctx.action():
            opname = Opname(f"MDO van {formaat.datum(row.datum)}" if row.datum else "Gepland MDO", ZORG)
            opname.rijen(m.Mdo, m.Mdo.id == row.id)
            m.Mdo.delete().where(m.Mdo.id == row.id).execute()
        return opname.klaar()

    def mdo(self, mdo_id: int) -> Mdo:
        row = _get(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        return self._zichtbaar_mdo(_mdos([row], _Namen.laad())[0])

    def mdos(self, traject_id: int) -> list[Mdo]:
        """The MDO's of a traject, in date order."""
        row = _traject_row(traject_id)
        query = m.Mdo.select().where(m.Mdo.traject == row.id).order_by(m.Mdo.datum, m.Mdo.id)
        return [self._zichtbaar_mdo(x) for x in _mdos(list(query), _Namen.laad())]

    def besluit_toevoegen(self, mdo_id: int, tekst: str) -> Besluit:
        """The next numbered besluit (1, 2, 3 … per MDO)."""
        if not tekst.strip():
            raise InvoerFout({"tekst": "Schrijf het besluit op."})
        mdo = _get(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        _niet_gesloten(mdo.traject, "geen besluiten meer toevoegen")
        with self.ctx.action():
            nummer = volgend_besluitnummer(
                n for (n,) in m.Besluit.select(m.Besluit.nummer).where(m.Besluit.mdo == mdo.id).tuples())
            row = m.Besluit.create(mdo=mdo.id, nummer=nummer, tekst=geheim(tekst.strip(), mdo.vertrouwelijk))
        return Besluit(row.id, mdo.id, nummer, tekst.strip())

    def besluit_wijzigen(self, besluit_id: int, tekst: str) -> Besluit:
        if not tekst.strip():
            raise InvoerFout({"tekst": "Schrijf het besluit op."})
        row = _get(m.Besluit, besluit_id, "Dit besluit bestaat niet meer.")
        with self.ctx.action():
            m.Besluit.update(tekst=geheim(tekst.strip(), row.mdo.vertrouwelijk)).where(m.Besluit.id == row.id).execute()
        return Besluit(row.id, row.mdo_id, row.nummer, tekst.strip())

    def besluit_verwijderen(self, besluit_id: int) -> Verwijderd:
        """Remove a besluit; the ones after it move up a number, so the numbering stays 1, 2, 3 …"""
        row = _get(m.Besluit, besluit_id, "Dit besluit bestaat niet meer.")
        with self.ctx.action():
            opname = Opname(f"Besluit {row.nummer}", ZORG)
            opname.rijen(m.Besluit, m.Besluit.id == row.id)
            m.Besluit.delete().where(m.Besluit.id == row.id).execute()
            later = (m.Besluit.select().where((m.Besluit.mdo == row.mdo_id) & (m.Besluit.nummer > row.nummer))
                     .order_by(m.Besluit.nummer))
            for b in list(later):
                m.Besluit.update(nummer=b.nummer - 1).where(m.Besluit.id == b.id).execute()
                opname.wijziging(m.Besluit, b.id, {"nummer": b.nummer}, {"nummer": b.nummer - 1})
        return opname.klaar()

    def toestemming_vastleggen(self, traject_id: int, organisatie: str, gegeven: bool,
                               datum: date | None = None, *, mdo_id: int | None = None,
                               vandaag: date | None = None) -> Toestemming:
        """The ouders' consent (ja/nee) for one partner organisation; a later record replaces an earlier
        one for the same organisation (`toestemmingen` keeps the history)."""
        vandaag = vandaag or date.today()
        row = _traject_row(traject_id)
        _niet_gesloten(row, "geen toestemming meer vastleggen")
        if datum is not None and datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        if mdo_id is not None and _get(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.").traject_id != row.id:
            raise InvoerFout("Dit MDO hoort bij een ander traject.")
        with self.ctx.action():
            t_id = _toestemming_schrijven(self.ctx, row.id, mdo_id, Toestemming(organisatie, gegeven, datum),
                                          vandaag)
        t = m.Toestemming.get_by_id(t_id)
        return Toestemming(t.organisatie, t.gegeven, t.datum, t.id, t.mdo_id)

    def toestemmingen(self, traject_id: int, *, alleen_geldend: bool = False) -> list[Toestemming]:
        """Every consent recorded for the traject in date order; `alleen_geldend`: the latest per organisation."""
        row = _traject_row(traject_id)
        query = (m.Toestemming.select().where(m.Toestemming.traject == row.id)
                 .order_by(m.Toestemming.datum, m.Toestemming.id))
        alle = [Toestemming(t.organisatie, t.gegeven, t.datum, t.id, t.mdo_id) for t in query]
        if not alleen_geldend:
            return alle
        laatste = {naam_sleutel(t.organisatie): t for t in alle}
        return sorted(laatste.values(), key=lambda t: sorteersleutel(t.organisatie))

    # --- actiepunten --------------------------------------------------------------------------------

    def mdo_actiepunt(self, mdo_id: int, wat: str, wie: Persoon | str | None, uiterlijk: date | None, *,
                      vandaag: date | None = None) -> Actiepunt:
        """An actiepunt of an MDO: what, who (a user or a contact) and by when – all three required; the
        deadline cannot lie before the MDO's date. (`vandaag` is accepted for symmetry with the other
        methods; a deadline in the past is allowed for an MDO recorded afterwards.)"""
        del vandaag
        mdo = _get(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        fouten: dict[str, str] = {}
        _actiepunt_fouten("", wat, wie, uiterlijk, mdo.datum, fouten)
        if fouten:
            raise InvoerFout(fouten)
        traject = mdo.traject
        with self.ctx.action():
            actiepunt_id = _actiepunt_maken(self.ctx, traject.leerling_id, traject.id, mdo.id, None, wat, wie,
                                            mdo.datum, uiterlijk)
        return self.actiepunt(actiepunt_id)

    def actiepunt_toevoegen(self, leerlingnummer: str, wat: str, wie: Persoon | str | None,
                            uiterlijk: date | None, *, datum: date | None = None,
                            vandaag: date | None = None) -> Actiepunt:
        """An actiepunt outside an MDO, linked to the student's open traject when there is one."""
        check_actiepunt(wat, _heeft_naam(wie), uiterlijk)
        leerling = _leerling(leerlingnummer)
        with self.ctx.action():
            traject = _open_row(leerling.id)
            actiepunt_id = _actiepunt_maken(self.ctx, leerling.id, traject.id if traject else None, None, None,
                                            wat, wie, datum or vandaag or date.today(), uiterlijk)
        return self.actiepunt(actiepunt_id)

    def actiepunt_wijzigen(self, actiepunt_id: int, *, wat: str | _Ongewijzigd = ONGEWIJZIGD,
                           wie: Persoon | str | _Ongewijzigd = ONGEWIJZIGD,
                           uiterlijk: date | _Ongewijzigd = ONGEWIJZIGD) -> Actiepunt:
        row = _get(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        check_actiepunt(row.wat if wat is ONGEWIJZIGD else wat, wie is ONGEWIJZIGD or _heeft_naam(wie),
                        row.uiterlijk if uiterlijk is ONGEWIJZIGD else uiterlijk)
        velden: dict = {}
        if wat is not ONGEWIJZIGD:
            velden["wat"] = wat.strip()
        if uiterlijk is not ONGEWIJZIGD:
            velden["uiterlijk"] = uiterlijk
        with self.ctx.action():
            if wie is not ONGEWIJZIGD:
                velden["eigenaar_gebruiker"], velden["eigenaar_contact"] = _persoon_ids(wie)
            if velden:
                m.Actiepunt.update(**velden).where(m.Actiepunt.id == row.id).execute()
        return self.actiepunt(row.id)

    def actiepunt_status(self, actiepunt_id: int, status: ActiepuntStatus | str, *, datum: date | None = None,
                         vandaag: date | None = None) -> Actiepunt:
        """Open, gedaan (afgerond on `datum`, default today) or vervallen."""
        vandaag = vandaag or date.today()
        status = _enum(ActiepuntStatus, status, "status", "Kies open, gedaan of vervallen.")
        row = _get(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        afgerond = None if status is ActiepuntStatus.OPEN else (datum or vandaag)
        if afgerond is not None and afgerond > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        with self.ctx.action():
            m.Actiepunt.update(status=status.value, afgerond=afgerond).where(m.Actiepunt.id == row.id).execute()
        return self.actiepunt(row.id)

    def actiepunt_verwijderen(self, actiepunt_id: int) -> Verwijderd:
        """Remove an actiepunt added by mistake (a finished one is marked gedaan or vervallen instead);
        an afspraak it came from stays. Undo with the result."""
        row = _get(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        with self.ctx.action():
            opname = Opname(f"Actiepunt '{_kort(row.wat)}'", ZORG)
            opname.rijen(m.Actiepunt, m.Actiepunt.id == row.id)
            m.Actiepunt.delete().where(m.Actiepunt.id == row.id).execute()
        return opname.klaar()

    def actiepunt(self, actiepunt_id: int) -> Actiepunt:
        row = _get(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        return _actiepunten(m.Actiepunt.select().where(m.Actiepunt.id == row.id), _Namen.laad())[0]

    def actiepunten(self, leerlingnummer: str, *, status: ActiepuntStatus | str | None = None) -> list[Actiepunt]:
        """The student's actiepunten (all, or of one status), by deadline."""
        leerling = _leerling(leerlingnummer)
        query = m.Actiepunt.select().where(m.Actiepunt.leerling == leerling.id)
        if status is not None:
            query = query.where(m.Actiepunt.status == ActiepuntStatus(status).value)
        return _actiepunten(query, _Namen.laad())

    def open_actiepunten(self, wie: Persoon | str | None = None) -> list[Actiepunt]:
        """The open actiepunten of the whole school (for the dashboard), or of one owner; by deadline."""
        query = m.Actiepunt.select().where(m.Actiepunt.status == ActiepuntStatus.OPEN.value)
        if wie is not None:
            gebruiker_id, contact_id = _persoon_zoeken(wie)
            if gebruiker_id is None and contact_id is None:
                return []
            query = query.where((m.Actiepunt.eigenaar_gebruiker == gebruiker_id) if gebruiker_id is not None
                                else (m.Actiepunt.eigenaar_contact == contact_id))
        return _actiepunten(query, _Namen.laad())

    def mijn_actiepunten(self) -> list[Actiepunt]:
        """The open actiepunten of the logged-in user."""
        return self.open_actiepunten(Persoon(self.ctx.gebruiker.naam, gebruiker_id=self.ctx.gebruiker.id))

    def open_actiepunten_per_eigenaar(self) -> dict[str, list[Actiepunt]]:
        """Owner's name → their open actiepunten, owners in alphabetical order."""
        per: dict[str, list[Actiepunt]] = defaultdict(list)
        for a in self.open_actiepunten():
            per[a.wie.naam].append(a)
        return {k: per[k] for k in sorted(per, key=sorteersleutel)}

    # --- the address book ---------------------------------------------------------------------------

    def partners(self, rol: MdoRol | str | None = None) -> list[Partner]:
        """The shared address book (also the mentors from the import), by name. Ouders and leerlingen
        that own an actiepunt are stored as a contact too, but are never part of the address book."""
        query = m.Contact.select().where(m.Contact.rol.not_in(_GEEN_PARTNER))
        if rol is not None:
            query = query.where(m.Contact.rol == _enum(MdoRol, str(rol).casefold(), "rol", "Kies een rol.").value)
        uit = [Partner(c.naam, _rol(c.rol), c.organisatie, c.telefoon, c.email, c.id) for c in query]
        return sorted(uit, key=lambda p: (sorteersleutel(p.naam), str(p.rol)))

    def partner_opslaan(self, partner: Partner) -> Partner:
        """Add (id None) or change an entry of the address book."""
        naam = " ".join(partner.naam.split())
        fouten = {}
        if not naam:
            fouten["naam"] = "Vul de naam in."
        rol = _rol(str(partner.rol).casefold())
        if not isinstance(rol, MdoRol):
            fouten["rol"] = "Kies een rol."
        elif not rol.is_partner:
            fouten["rol"] = "Ouders en leerlingen komen niet in het adresboek van partners."
        if partner.email.strip() and "@" not in partner.email:
            fouten["email"] = "Dit e-mailadres klopt niet."
        if fouten:
            raise InvoerFout(fouten)
        velden = dict(naam=naam, rol=rol.value, organisatie=partner.organisatie.strip(),
                      telefoon=partner.telefoon.strip(), email=partner.email.strip())
        dubbel = InvoerFout({"naam": f"{naam} staat al in het adresboek als {rol.label.lower()}."})
        try:
            with self.ctx.action():
                bestaand = _contact_met_naam(naam, rol.value)  # "karin veldhuis" is "Karin Veldhuis"
                if bestaand is not None and bestaand.id != partner.id:
                    raise dubbel
                if partner.id is None:
                    contact_id = m.Contact.insert(**velden).execute()
                else:
                    if not m.Contact.update(**velden).where(m.Contact.id == partner.id).execute():
                        raise NietGevonden("Deze partner staat niet meer in het adresboek.")
                    contact_id = partner.id
        except pw.IntegrityError:
            raise dubbel from None
        return Partner(naam, rol, velden["organisatie"], velden["telefoon"], velden["email"], contact_id)

    def partner_verwijderen(self, partner_id: int) -> Verwijderd:
        """Remove a partner added by mistake; refused while they are a mentor, casusregisseur or owner of an
        actiepunt (choose someone else there first). MDO's keep the name. Undo with the result."""
        row = m.Contact.get_or_none((m.Contact.id == partner_id) & m.Contact.rol.not_in(_GEEN_PARTNER))
        if row is None:
            raise NietGevonden("Deze partner staat niet meer in het adresboek.")
        with self.ctx.action():
            in_gebruik = [wat for wat, query in (
                ("mentor van een leerling", m.Leerling.select().where(m.Leerling.mentor == row.id)),
                ("casusregisseur van een traject", m.Traject.select().where(m.Traject.eigenaar_contact == row.id)),
                ("eigenaar van een actiepunt", m.Actiepunt.select().where(m.Actiepunt.eigenaar_contact == row.id)),
            ) if query.exists()]
            if in_gebruik:
                raise InvoerFout(f"{row.naam} is nog {' en '.join(in_gebruik)}. Kies daar eerst iemand anders; "
                                 "daarna kunt u deze partner verwijderen.")
            opname = Opname(row.naam, ZORG)
            opname.rijen(m.Contact, m.Contact.id == row.id)
            m.Contact.delete().where(m.Contact.id == row.id).execute()
        return opname.klaar()

    def personen(self) -> list[Persoon]:
        """Everyone who can own a traject or an actiepunt: the active users who are people working with the
        students (`kan_eigenaar_zijn`), then the address book."""
        gebruikers = [Persoon(g.naam, gebruiker_id=g.id, rol=g.rol)
                      for g in m.Gebruiker.select().where(m.Gebruiker.actief == True)  # noqa: E712
                      if kan_eigenaar_zijn(Gebruiker(g.id, g.naam, Rol(g.rol)))]
        contacten = [Persoon(c.naam, contact_id=c.id, rol=c.rol, organisatie=c.organisatie)
                     for c in m.Contact.select().where(m.Contact.rol.not_in(_GEEN_PARTNER))]
        return (sorted(gebruikers, key=lambda p: sorteersleutel(p.naam))
                + sorted(contacten, key=lambda p: (sorteersleutel(p.naam), p.rol)))

    # --- the timeline -------------------------------------------------------------------------------

    def tijdlijn(self, leerlingnummer: str, soorten: Iterable[Tijdlijnsoort | str] | None = None, *,
                 peildatum: date | None = None) -> list[Gebeurtenis]:
        """One chronological list of everything about the student; `soorten` keeps only those kinds.

        Signals are those at `peildatum` (default: the signals' standaard peildatum); verzuim comes as
        periods of consecutive lesdagen with absence.
        """
        gekozen = None if soorten is None else {Tijdlijnsoort(s) for s in soorten}

        def wil(s: Tijdlijnsoort) -> bool:
            return gekozen is None or s in gekozen

        leerling = _leerling(leerlingnummer)
        nr = leerling.leerlingnummer
        namen = _Namen.laad()
        uit: list[Gebeurtenis] = []
        trajecten = list(m.Traject.select().where(m.Traject.leerling == leerling.id))
        traject_ids = [t.id for t in trajecten]
        if wil(Tijdlijnsoort.TRAJECT):
            for t in trajecten:
                uit.extend(_traject_gebeurtenissen(t, namen))
        if wil(Tijdlijnsoort.STAP) and traject_ids:
            for w in m.StapWissel.select().where(m.StapWissel.traject.in_(traject_ids)):
                stap = Stap(w.naar_stap)
                uit.append(Gebeurtenis(w.datum, Tijdlijnsoort.STAP, f"Naar stap {int(stap)}: {stap.titel}",
                                       f"Was stap {w.van_stap}; door {namen.gebruiker(w.door_id) or 'onbekend'}",
                                       f"traject:{w.traject_id}"))
        if wil(Tijdlijnsoort.SIGNAAL):
            for s in self.signalen.overzicht(peildatum, leerlingnummer=nr).signalen:
                uit.append(Gebeurtenis(s.datum, Tijdlijnsoort.SIGNAAL, s.soort.label, s.uitleg,
                                       f"signaal:{s.soort.value}:{s.datum.isoformat()}"))
        if wil(Tijdlijnsoort.VERZUIM):
            for p in self._verzuimperiodes(nr):
                uit.append(Gebeurtenis(p.van, Tijdlijnsoort.VERZUIM, p.titel, p.detail,
                                       f"verzuim:{p.van.isoformat()}"))
        if wil(Tijdlijnsoort.MELDING):
            for md in self.verzuim.meldingen(nr):
                kenmerk = f"; kenmerk {md.kenmerk}" if md.kenmerk else ""
                uit.append(Gebeurtenis(md.datum, Tijdlijnsoort.MELDING, f"Verzuimmelding bij DUO: {md.soort.label}",
                                       f"Verzuim tot en met {md.einddatum:%d-%m-%Y}{kenmerk}", f"melding:{md.id}"))
        if wil(Tijdlijnsoort.MAZL):
            for a in self.verzuim.mazl_acties(nr):
                uit.append(Gebeurtenis(a.datum, Tijdlijnsoort.MAZL, "Jeugdarts ingeschakeld (M@zl)", a.opmerking,
                                       f"mazl:{a.id}"))
        if wil(Tijdlijnsoort.GESPREK):
            for g in _gesprekken(list(m.Gesprek.select().where(m.Gesprek.leerling == leerling.id)), namen, nr):
                g = self._zichtbaar_gesprek(g)
                detail = g.samenvatting + (f" (met {g.deelnemers})" if g.deelnemers else "")
                uit.append(Gebeurtenis(g.datum, Tijdlijnsoort.GESPREK, g.type.label, detail, f"gesprek:{g.id}",
                                       g.vertrouwelijk))
        if (wil(Tijdlijnsoort.MDO) or wil(Tijdlijnsoort.BESLUIT)) and traject_ids:
            mdos = _mdos(list(m.Mdo.select().where(m.Mdo.traject.in_(traject_ids))), namen, nr)
            for mdo in map(self._zichtbaar_mdo, mdos):
                if wil(Tijdlijnsoort.MDO):
                    wie = ", ".join(f"{d.naam} ({d.rol.label})" for d in mdo.deelnemers)
                    uit.append(Gebeurtenis(mdo.datum, Tijdlijnsoort.MDO, "MDO (multidisciplinair overleg)",
                                           f"Deelnemers: {wie}" if wie else "", f"mdo:{mdo.id}", mdo.vertrouwelijk))
                if wil(Tijdlijnsoort.BESLUIT):
                    for b in mdo.besluiten:
                        uit.append(Gebeurtenis(mdo.datum, Tijdlijnsoort.BESLUIT, f"Besluit {b.nummer} (MDO)",
                                               b.tekst, f"besluit:{b.id}", mdo.vertrouwelijk))
        if wil(Tijdlijnsoort.ACTIEPUNT):
            for a in _actiepunten(m.Actiepunt.select().where(m.Actiepunt.leerling == leerling.id), namen, nr):
                status = a.status.label.lower() + (f" op {a.afgerond:%d-%m-%Y}" if a.afgerond else "")
                uit.append(Gebeurtenis(a.datum, Tijdlijnsoort.ACTIEPUNT, f"Actiepunt: {a.wat}",
                                       f"{a.wie.naam}, uiterlijk {a.uiterlijk:%d-%m-%Y}; {status}",
                                       f"actiepunt:{a.id}"))
        if wil(Tijdlijnsoort.NAZORG) and traject_ids:
            query = m.NazorgMoment.select().where(m.NazorgMoment.traject.in_(traject_ids)
                                                  & m.NazorgMoment.gedaan.is_null(False))
            for n in query:
                uit.append(Gebeurtenis(n.gedaan, Tijdlijnsoort.NAZORG, n.omschrijving or "Nazorg", n.notitie,
                                       f"nazorg:{n.id}"))
        return sorteer_tijdlijn(filter_tijdlijn(uit, gekozen))

    def _verzuimperiodes(self, leerlingnummer: str) -> list[Verzuimperiode]:
        cal = self.verzuim.kalender.calendar()
        dagen = self.verzuim.dagen(leerlingnummer, date(1900, 1, 1), date(9999, 12, 31))
        return verzuimperiodes({d.datum: d.uren for d in dagen}, cal.is_lesdag)

    # --- reminders ----------------------------------------------------------------------------------

    def herinneringen(self, *, vandaag: date | None = None, leerlingnummer: str | None = None,
                      signalen: Iterable[Signaal] | None = None) -> list[Herinnering]:
        """Overdue and coming (7 days) actiepunten, evaluatiemomenten, nazorg moments, meldplicht
        deadlines and 5a vrijstellingen to renew; for the whole school or one student, sorted.

        Pass `signalen` when the caller already has them (the dashboard's overzicht) to save computing
        them again; otherwise they are computed at the standaard peildatum.
        """
        vandaag = vandaag or date.today()
        leerling_id = _leerling(leerlingnummer).id if leerlingnummer is not None else None
        namen = _Namen.laad()
        nummers = dict(m.Leerling.select(m.Leerling.id, m.Leerling.leerlingnummer).tuples())
        termijnen: list[Termijn] = []

        query = m.Actiepunt.select().where(m.Actiepunt.status == ActiepuntStatus.OPEN.value)
        if leerling_id is not None:
            query = query.where(m.Actiepunt.leerling == leerling_id)
        for a in query:
            termijnen.append(Termijn(HerinneringSoort.ACTIEPUNT, a.uiterlijk, nummers[a.leerling_id], a.wat,
                                     namen.naam(a.eigenaar_gebruiker_id, a.eigenaar_contact_id),
                                     f"actiepunt:{a.id}"))
        query = m.Traject.select().where((m.Traject.status == TrajectStatus.OPEN.value)
                                         & m.Traject.evaluatiedatum.is_null(False))
        if leerling_id is not None:
            query = query.where(m.Traject.leerling == leerling_id)
        met_plan = set(plan_evaluaties())
        for t in query:
            if t.id in met_plan:  # one evaluation date per traject: the plan's evaluatiemomenten (below)
                continue
            termijnen.append(Termijn(HerinneringSoort.EVALUATIE, t.evaluatiedatum, nummers[t.leerling_id],
                                     f"traject {Categorie(t.categorie).label.lower()} evalueren",
                                     namen.naam(t.eigenaar_gebruiker_id, t.eigenaar_contact_id), f"traject:{t.id}"))
        # The evaluatiemomenten of the newest plan van aanpak of each open traject.
        nieuwste = (m.PlanVanAanpak.select(m.PlanVanAanpak.traject, pw.fn.MAX(m.PlanVanAanpak.versie).alias("v"))
                    .group_by(m.PlanVanAanpak.traject))
        query = (m.PlanVanAanpak.select(m.PlanVanAanpak, m.Traject).join(m.Traject)
                 .join(nieuwste, on=((m.PlanVanAanpak.traject == nieuwste.c.traject_id)
                                     & (m.PlanVanAanpak.versie == nieuwste.c.v)))
                 .where(m.Traject.status == TrajectStatus.OPEN.value))
        if leerling_id is not None:
            query = query.where(m.Traject.leerling == leerling_id)
        for plan in query:
            for moment in json.loads(plan.evaluatiemomenten):
                termijnen.append(Termijn(HerinneringSoort.EVALUATIE, date.fromisoformat(moment),
                                         nummers[plan.traject.leerling_id],
                                         f"plan van aanpak (versie {plan.versie}) evalueren",
                                         namen.naam(plan.traject.eigenaar_gebruiker_id,
                                                    plan.traject.eigenaar_contact_id), f"plan:{plan.id}"))
        query = (m.NazorgMoment.select(m.NazorgMoment, m.Traject).join(m.Traject)
                 .where(m.NazorgMoment.gedaan.is_null()))
        if leerling_id is not None:
            query = query.where(m.Traject.leerling == leerling_id)
        for n in query:
            termijnen.append(Termijn(HerinneringSoort.NAZORG, n.datum, nummers[n.traject.leerling_id],
                                     n.omschrijving or "nazorg", "", f"nazorg:{n.id}"))

        if signalen is None:
            signalen = self.signalen.overzicht(leerlingnummer=leerlingnummer).signalen
        elif leerlingnummer is not None:
            signalen = [s for s in signalen if s.leerlingnummer == leerlingnummer]
        return herinneringen(vandaag, termijnen, signalen, _vrijstellingen_5a(leerling_id, nummers))

# --- helpers: reading -----------------------------------------------------------------------------

@dataclass
class _Namen:
    """Names of users and contacts by id, loaded once per call (a school has tens, not thousands)."""

    gebruikers: dict[int, str]
    contacten: dict[int, tuple[str, str, str]]  # id → (naam, rol, organisatie)

    @classmethod
    def laad(cls) -> _Namen:
        return cls(dict(m.Gebruiker.select(m.Gebruiker.id, m.Gebruiker.naam).tuples()),
                   {i: (n, r, o) for i, n, r, o in m.Contact.select(m.Contact.id, m.Contact.naam, m.Contact.rol,
                                                                     m.Contact.organisatie).tuples()})

    def gebruiker(self, gebruiker_id: int | None) -> str:
        return self.gebruikers.get(gebruiker_id, "") if gebruiker_id is not None else ""

    def naam(self, gebruiker_id: int | None, contact_id: int | None) -> str:
        p = self.persoon(gebruiker_id, contact_id)
        return p.naam if p is not None and p.naam else "onbekend"

    def persoon(self, gebruiker_id: int | None, contact_id: int | None) -> Persoon | None:
        if gebruiker_id is not None:
            return Persoon(self.gebruikers.get(gebruiker_id, ""), gebruiker_id=gebruiker_id)
        if contact_id is not None:
            naam, rol, organisatie = self.contacten.get(contact_id, ("", "", ""))
            return Persoon(naam, contact_id=contact_id, rol=rol, organisatie=organisatie)
        return None


def _get(model, id_: int, melding: str):
    row = model.get_or_none(model.id == id_)
    if row is None:
        raise NietGevonden(melding)
    return row


def _leerling(leerlingnummer: str) -> m.Leerling:
    row = leerlingnummers.zoek(leerlingnummer)
    if row is None:
        raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
    return row


def _traject_row(traject_id: int) -> m.Traject:
    return _get(m.Traject, traject_id, "Dit traject bestaat niet meer.")


def _open_row(leerling_id: int) -> m.Traject | None:
    return m.Traject.get_or_none((m.Traject.leerling == leerling_id) & (m.Traject.status == TrajectStatus.OPEN.value))


def _traject_op(leerling_id: int, datum: date) -> m.Traject | None:
    """The student's traject that was open on `datum` (opened on or before it, not closed before it)."""
    return (m.Traject.select()
            .where((m.Traject.leerling == leerling_id) & (m.Traject.geopend <= datum)
                   & (m.Traject.gesloten.is_null() | (m.Traject.gesloten >= datum)))
            .order_by(m.Traject.geopend.desc(), m.Traject.id.desc()).first())


def _niet_gesloten(row: m.Traject, wat: str) -> None:
    if row.status != TrajectStatus.OPEN.value:
        raise InvoerFout(f"Dit traject is gesloten (op {row.gesloten:%d-%m-%Y}); u kunt er {wat}. "
                         "Nazorgmomenten kunt u wel nog plannen en afronden.")


def _check_nazorg(omschrijving: str) -> None:
    if not omschrijving.strip():
        raise InvoerFout({"omschrijving": "Schrijf op wat er bij dit nazorgmoment moet gebeuren."})


def _geen_open_traject(leerling: m.Leerling) -> None:
    open_ = _open_row(leerling.id)
    if open_ is not None:
        raise InvoerFout(f"{leerling.naam} heeft al een open traject (geopend op {open_.geopend:%d-%m-%Y}). "
                         "Werk verder in dat traject, of sluit het eerst.")


def _enum(cls, waarde, veld: str, melding: str):
    try:
        return cls(waarde)
    except ValueError:
        raise InvoerFout({veld: melding}) from None


def _rol(rol: str) -> MdoRol | str:
    try:
        return MdoRol(rol)
    except ValueError:
        return rol


def _traject(row: m.Traject, namen: _Namen, leerling: m.Leerling | None = None) -> Traject:
    leerling = leerling or row.leerling
    wissels = tuple(StapWissel(w.datum, Stap(w.van_stap), Stap(w.naar_stap), namen.gebruiker(w.door_id))
                    for w in m.StapWissel.select().where(m.StapWissel.traject == row.id)
                    .order_by(m.StapWissel.datum, m.StapWissel.id))
    nazorg = tuple(_nazorg(n) for n in m.NazorgMoment.select().where(m.NazorgMoment.traject == row.id)
                   .order_by(m.NazorgMoment.datum, m.NazorgMoment.id))
    return Traject(
        id=row.id, leerlingnummer=leerling.leerlingnummer, naam=leerling.naam, categorie=Categorie(row.categorie),
        status=TrajectStatus(row.status), stap=Stap(row.stap), geopend=row.geopend, aanleiding=row.aanleiding,
        signaal=SignaalSoort(row.signaal) if row.signaal else None, signaal_datum=row.signaal_datum,
        eigenaar=namen.persoon(row.eigenaar_gebruiker_id, row.eigenaar_contact_id),
        evaluatiedatum=row.evaluatiedatum, gesloten=row.gesloten,
        sluitreden=Sluitreden(row.sluitreden) if row.sluitreden else None, sluittoelichting=row.sluittoelichting,
        stapwissels=wissels, nazorg=nazorg, plan_evaluaties=plan_evaluaties([row.id]).get(row.id, ()))


def plan_evaluaties(traject_ids: list[int] | None = None) -> dict[int, tuple[date, ...]]:
    """traject id → the evaluatiemomenten of its newest plan van aanpak (only trajecten that have some)."""
    nieuwste = (m.PlanVanAanpak.select(m.PlanVanAanpak.traject, pw.fn.MAX(m.PlanVanAanpak.versie).alias("v"))
                .group_by(m.PlanVanAanpak.traject))
    if traject_ids is not None:
        nieuwste = nieuwste.where(m.PlanVanAanpak.traject.in_(traject_ids))
    query = (m.PlanVanAanpak.select(m.PlanVanAanpak.traject, m.PlanVanAanpak.evaluatiemomenten)
             .join(nieuwste, on=((m.PlanVanAanpak.traject == nieuwste.c.traject_id)
                                 & (m.PlanVanAanpak.versie == nieuwste.c.v))))
    uit = {}
    for traject_id, momenten in query.tuples():
        datums = tuple(sorted(date.fromisoformat(x) for x in json.loads(momenten)))
        if datums:
            uit[traject_id] = datums
    return uit


def _bereikbaar(gebruiker_id: int | None, contact_id: int | None) -> Contactpersoon | None:
    """A user or a contact as someone to call: name, function, phone and e-mail."""
    if gebruiker_id is not None:
        g = m.Gebruiker.get_or_none(m.Gebruiker.id == gebruiker_id)
        if g is None:
            return None
        p = profiel(g.id)
        return Contactpersoon(p.volledige_naam or g.naam, p.functie or Rol(g.rol).label.lower(), p.telefoon,
                              p.email, gebruiker_id=g.id)
    if contact_id is not None:
        c = m.Contact.get_or_none(m.Contact.id == contact_id)
        if c is None:
            return None
        rol = _rol(c.rol)
        functie = rol.label_klein if isinstance(rol, MdoRol) else str(rol)
        if c.organisatie:
            functie = f"{functie}, {c.organisatie}"
        return Contactpersoon(c.naam, functie, c.telefoon, c.email, contact_id=c.id)
    return None


def _nazorg(n: m.NazorgMoment) -> NazorgMoment:
    return NazorgMoment(n.id, n.traject_id, n.datum, n.omschrijving, n.gedaan, n.notitie)


def _analyse(a: m.TrajectAnalyse) -> Analyse:
    """The analysis; read without the confidential key (a mentor's checklist) the texts say "vertrouwelijk"
    and the types are left out."""
    factoren = {d: Factoren(getattr(a, f"{d.value}_risico"), getattr(a, f"{d.value}_beschermend")) for d in Domein}
    leesbaar = not isinstance(a.verzuimtype, Versleuteld) and not isinstance(a.kearney_functie, Versleuteld)
    return Analyse(factoren, Verzuimtype(a.verzuimtype) if a.verzuimtype and leesbaar else None,
                   KearneyFunctie(a.kearney_functie) if a.kearney_functie and leesbaar else None)


def _bewijs(row: m.Traject) -> dict[str, Bewijs]:
    """Checklist items the dossier itself shows as done (domain/bewijs.py), from what exists now."""
    mdo_rows = list(m.Mdo.select(m.Mdo.id, m.Mdo.datum).where(m.Mdo.traject == row.id))
    deelnemers: dict[int, list[Deelnemer]] = defaultdict(list)
    if mdo_rows:
        for mdo_id, naam, rol, organisatie in (m.MdoDeelnemer.select(m.MdoDeelnemer.mdo, m.MdoDeelnemer.naam,
                                                                     m.MdoDeelnemer.rol, m.MdoDeelnemer.organisatie)
                                               .where(m.MdoDeelnemer.mdo.in_([r.id for r in mdo_rows])).tuples()):
            rol_ = _rol(rol)
            if isinstance(rol_, MdoRol):
                deelnemers[mdo_id].append(Deelnemer(naam, rol_, organisatie))
    plannen = list(m.PlanVanAanpak.select().where((m.PlanVanAanpak.traject == row.id)
                                                  & (m.PlanVanAanpak.status == "vastgesteld")))
    evaluaties = (m.PlanEvaluatie.select(m.PlanEvaluatie.datum).join(m.PlanDoel).join(m.PlanVanAanpak)
                  .where(m.PlanVanAanpak.traject == row.id).tuples())
    a = m.TrajectAnalyse.get_or_none(m.TrajectAnalyse.traject == row.id)
    return automatisch(Dossierfeiten(
        traject_id=row.id, geopend=row.geopend, signaal_datum=row.signaal_datum, gesloten=row.gesloten,
        meldingen=tuple(MeldingFeit(i, d, k) for i, d, k in m.Verzuimmelding.select(
            m.Verzuimmelding.id, m.Verzuimmelding.datum, m.Verzuimmelding.kenmerk)
            .where(m.Verzuimmelding.leerling == row.leerling_id).tuples()),
        gesprekken=tuple(GesprekFeit(i, GesprekType(t), d) for i, t, d in m.Gesprek.select(
            m.Gesprek.id, m.Gesprek.type, m.Gesprek.datum).where(m.Gesprek.traject == row.id).tuples()),
        mdos=tuple(MdoFeit(r.id, r.datum, tuple(deelnemers[r.id])) for r in mdo_rows),
        toestemmingen=tuple(ToestemmingFeit(o, bool(g), d) for o, g, d in m.Toestemming.select(
            m.Toestemming.organisatie, m.Toestemming.gegeven, m.Toestemming.datum)
            .where(m.Toestemming.traject == row.id).tuples()),
        analyse_ingevuld=a.gewijzigd.date() if a is not None and _analyse(a).ingevuld else None,
        nazorg=tuple(m.NazorgMoment.select(m.NazorgMoment.id, m.NazorgMoment.datum)
                     .where(m.NazorgMoment.traject == row.id).tuples()),
        plannen=tuple(PlanFeit(p.versie, p.vastgesteld_op or p.gewijzigd.date(), p.analyse,
                               tuple(i.get("soort", "") for i in json.loads(p.interventies))) for p in plannen),
        evaluaties=tuple(d for (d,) in evaluaties)))


def _gesprekken(rows: list[m.Gesprek], namen: _Namen, leerlingnummer: str | None = None) -> list[Gesprek]:
    ids = [g.id for g in rows]
    afspraken: dict[int, list[Afspraak]] = defaultdict(list)
    if ids:
        for a in m.Afspraak.select().where(m.Afspraak.gesprek.in_(ids)).order_by(m.Afspraak.volgorde, m.Afspraak.id):
            afspraken[a.gesprek_id].append(Afspraak(a.id, a.tekst, a.actiepunt_id))
    return [Gesprek(g.id, leerlingnummer or g.leerling.leerlingnummer, g.traject_id, GesprekType(g.type), g.datum,
                    g.samenvatting, g.deelnemers, namen.gebruiker(g.door_id), g.vertrouwelijk,
                    tuple(afspraken.get(g.id, ())), g.door_id)
            for g in rows]


def _mdos(rows: list[m.Mdo], namen: _Namen, leerlingnummer: str | None = None) -> list[Mdo]:
    ids = [r.id for r in rows]
    if not ids:
        return []
    deelnemers: dict[int, list[MdoDeelnemer]] = defaultdict(list)
    for d in m.MdoDeelnemer.select().where(m.MdoDeelnemer.mdo.in_(ids)).order_by(m.MdoDeelnemer.volgorde,
                                                                                 m.MdoDeelnemer.id):
        deelnemers[d.mdo_id].append(MdoDeelnemer(d.naam, MdoRol(d.rol), d.organisatie, d.gebruiker_id, d.contact_id,
                                                 d.afgemeld, d.krijgt_verslag))
    besluiten: dict[int, list[Besluit]] = defaultdict(list)
    for b in m.Besluit.select().where(m.Besluit.mdo.in_(ids)).order_by(m.Besluit.nummer):
        besluiten[b.mdo_id].append(Besluit(b.id, b.mdo_id, b.nummer, b.tekst))
    acties: dict[int, list[Actiepunt]] = defaultdict(list)
    for a in _actiepunten(m.Actiepunt.select().where(m.Actiepunt.mdo.in_(ids)), namen, leerlingnummer):
        acties[a.mdo_id].append(a)
    toestemmingen: dict[int, list[Toestemming]] = defaultdict(list)
    for t in m.Toestemming.select().where(m.Toestemming.mdo.in_(ids)).order_by(m.Toestemming.id):
        toestemmingen[t.mdo_id].append(Toestemming(t.organisatie, t.gegeven, t.datum, t.id, t.mdo_id))
    nummers: dict[int, str] = {}
    if leerlingnummer is None:
        nummers = dict(m.Traject.select(m.Traject.id, m.Leerling.leerlingnummer).join(m.Leerling)
                       .where(m.Traject.id.in_({r.traject_id for r in rows})).tuples())
    return [Mdo(r.id, r.traject_id, leerlingnummer or nummers[r.traject_id], r.datum, r.agenda, r.verslag,
                r.vertrouwelijk, tuple(deelnemers[r.id]), tuple(besluiten[r.id]), tuple(acties[r.id]),
                tuple(toestemmingen[r.id]), r.verslaglegger, r.volgend_overleg,
                tuple(x for x in r.verzenden_aan.splitlines() if x.strip()))
            for r in rows]


def _actiepunten(query, namen: _Namen, leerlingnummer: str | None = None) -> list[Actiepunt]:
    rows = list(query.select(m.Actiepunt, m.Leerling).join(m.Leerling, on=(m.Actiepunt.leerling == m.Leerling.id))
                .order_by(m.Actiepunt.uiterlijk, m.Actiepunt.id))
    return [Actiepunt(a.id, leerlingnummer or a.leerling.leerlingnummer, a.leerling.naam, a.wat,
                      namen.persoon(a.eigenaar_gebruiker_id, a.eigenaar_contact_id) or Persoon(""),
                      a.datum, a.uiterlijk, ActiepuntStatus(a.status), a.afgerond, a.traject_id, a.mdo_id,
                      a.gesprek_id)
            for a in rows]


def _traject_gebeurtenissen(t: m.Traject, namen: _Namen) -> list[Gebeurtenis]:
    categorie = Categorie(t.categorie)
    eigenaar = namen.persoon(t.eigenaar_gebruiker_id, t.eigenaar_contact_id)
    delen = []
    if t.signaal:
        delen.append(f"Vanuit signaal '{SignaalSoort(t.signaal).label}' van {t.signaal_datum:%d-%m-%Y}")
    if t.aanleiding:
        delen.append(t.aanleiding)
    if eigenaar:
        delen.append(f"casusregisseur {eigenaar.naam}")
    uit = [Gebeurtenis(t.geopend, Tijdlijnsoort.TRAJECT, f"Traject geopend: {categorie.label}", "; ".join(delen),
                       f"traject:{t.id}")]
    if t.gesloten is not None:
        reden = Sluitreden(t.sluitreden)
        uit.append(Gebeurtenis(t.gesloten, Tijdlijnsoort.TRAJECT, f"Traject gesloten: {reden.label}",
                               t.sluittoelichting, f"traject:{t.id}"))
    return uit


def _vrijstellingen_5a(leerling_id: int | None, nummers: Mapping[int, str]) -> dict[str, list[Vrijstelling]]:
    """leerlingnummer → the 5a vrijstellingen, of every student that has one (or of one student)."""
    query = m.Vrijstelling.select().where(m.Vrijstelling.type == VrijstellingType.ART_5A.value)
    if leerling_id is not None:
        query = query.where(m.Vrijstelling.leerling == leerling_id)
    per: dict[str, list[Vrijstelling]] = defaultdict(list)
    for v in query:
        per[nummers[v.leerling_id]].append(Vrijstelling(VrijstellingType.ART_5A, v.van, v.tot))
    return dict(per)


# --- helpers: writing (call inside ctx.action) ------------------------------------------------------

def _actiepunt_fouten(prefix: str, wat: str, wie, uiterlijk: date | None, afgesproken: date | None,
                      fouten: dict[str, str]) -> None:
    """Collect the errors of one actiepunt (keys prefixed, e.g. "actiepunt2.wie")."""
    try:
        check_actiepunt(wat, _heeft_naam(wie), uiterlijk)
    except InvoerFout as exc:
        fouten.update({prefix + k: v for k, v in exc.fouten.items()})
        return
    if afgesproken is not None and uiterlijk < afgesproken:
        fouten[prefix + "uiterlijk"] = (f"De uiterste datum ligt vóór de datum waarop het is afgesproken "
                                        f"({afgesproken:%d-%m-%Y}).")


def _afspraak_acties(gegeven: list[str], actiepunten, datum: date | None,
                     fouten: dict[str, str]) -> list[tuple[int, Persoon | str | None, date]]:
    """Check (afspraak index, wie, uiterlijk) of a new gesprek; errors keyed "afspraak<n>.<veld>"."""
    uit = []
    gezien: set[int] = set()
    for i, wie, uiterlijk in actiepunten:
        prefix = f"afspraak{i + 1}."
        if not (0 <= i < len(gegeven)) or not gegeven[i]:
            fouten[prefix + "wat"] = "Schrijf eerst de afspraak op waarvan u een actiepunt maakt."
            continue
        if i in gezien:
            fouten[prefix + "wat"] = "Van deze afspraak wordt al een actiepunt gemaakt."
            continue
        gezien.add(i)
        _actiepunt_fouten(prefix, gegeven[i], wie, uiterlijk, datum, fouten)
        uit.append((i, wie, uiterlijk))
    return uit


def _heeft_naam(wie: Persoon | str | None) -> bool:
    if wie is None:
        return False
    if isinstance(wie, str):
        return bool(wie.strip())
    return wie.gebruiker_id is not None or wie.contact_id is not None or bool(wie.naam.strip())


def _contact_met_naam(naam: str, rol: str | None = None) -> m.Contact | None:
    sleutel = naam_sleutel(naam)
    query = m.Contact.select().order_by(m.Contact.id)
    if rol is not None:
        query = query.where(m.Contact.rol == rol)
    return next((c for c in query if naam_sleutel(c.naam) == sleutel), None)


def _persoon_zoeken(wie: Persoon | str) -> tuple[int | None, int | None]:
    """(gebruiker id, contact id) of an existing user or contact; (None, None) when unknown."""
    if isinstance(wie, str):
        wie = Persoon(wie)
    if wie.gebruiker_id is not None:
        return wie.gebruiker_id, None
    if wie.contact_id is not None:
        return None, wie.contact_id
    naam = " ".join(wie.naam.split())
    if not naam:
        return None, None
    rol = wie.rol.casefold()
    if rol in _GEEN_PARTNER:  # an ouder is neither a user of the app nor a partner with the same name
        c = _contact_met_naam(naam, rol)
        return (None, c.id) if c is not None else (None, None)
    g = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
    if g is not None and g.actief:
        return g.id, None
    c = (_contact_met_naam(naam, rol) if rol else None) or _contact_met_naam(naam)
    return (None, c.id) if c is not None else (None, None)


def _persoon_ids(wie: Persoon | str | None) -> tuple[int | None, int | None]:
    """(gebruiker id, contact id) for an owner: a user, a contact, or a new name added to the address book.
    A new ouder or leerling (Persoon(..., rol="ouder")) gets a contact row with that rol, which
    `partners()` and `personen()` leave out: the actiepunt needs a row to point to, the shared address
    book of professionals must not fill up with the families of students."""
    if wie is None:
        return None, None
    if isinstance(wie, str):
        wie = Persoon(wie)
    if wie.gebruiker_id is not None:
        _get(m.Gebruiker, wie.gebruiker_id, "Deze gebruiker bestaat niet meer.")
        return wie.gebruiker_id, None
    if wie.contact_id is not None:
        _get(m.Contact, wie.contact_id, "Deze persoon staat niet meer in het adresboek.")
        return None, wie.contact_id
    gevonden = _persoon_zoeken(wie)
    if gevonden != (None, None):
        return gevonden
    naam = " ".join(wie.naam.split())
    if not naam:
        return None, None
    rol = wie.rol.casefold() or MdoRol.ANDERS.value
    return None, m.Contact.create(naam=naam, rol=rol, organisatie=wie.organisatie.strip()).id


def _deelnemers_schrijven(mdo_id: int, deelnemers: list[MdoDeelnemer]) -> None:
    rijen = []
    for i, d in enumerate(deelnemers):
        naam = " ".join(d.naam.split())
        if not naam:
            raise InvoerFout({"deelnemers": "Vul de naam van elke deelnemer in."})
        rol = _enum(MdoRol, d.rol, "deelnemers", f"Kies de rol van {naam}.")
        gebruiker_id, contact_id, organisatie = d.gebruiker_id, d.contact_id, d.organisatie.strip()
        if gebruiker_id is None and contact_id is None and rol.is_partner:
            g = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
            if g is not None and rol in (MdoRol.ZORGCOORDINATOR, MdoRol.MENTOR):
                gebruiker_id = g.id
            else:
                contact = _contact_met_naam(naam, rol.value)
                if contact is None:
                    contact = m.Contact.create(naam=naam, rol=rol.value, organisatie=organisatie)
                elif organisatie and not contact.organisatie:
                    m.Contact.update(organisatie=organisatie).where(m.Contact.id == contact.id).execute()
                contact_id = contact.id
                organisatie = organisatie or contact.organisatie
        rijen.append(dict(mdo=mdo_id, volgorde=i, naam=naam, rol=rol.value, organisatie=organisatie,
                          gebruiker=gebruiker_id, contact=contact_id, afgemeld=bool(d.afgemeld),
                          krijgt_verslag=bool(d.krijgt_verslag)))
    if rijen:
        m.MdoDeelnemer.insert_many(rijen).execute()


def _volgend_fout(datum: date | None, volgend: date | None, fouten: dict[str, str]) -> None:
    if volgend is not None and datum is not None and volgend <= datum:
        fouten["volgend_overleg"] = f"Het volgende overleg ligt na dit MDO ({datum:%d-%m-%Y}). Controleer de datum."


def _regels(teksten: Iterable[str]) -> str:
    """Names, one per line, tidied: no empty lines, no doubles."""
    uit: list[str] = []
    for t in teksten:
        for regel in str(t).splitlines():
            regel = " ".join(regel.split())
            if regel and regel.casefold() not in {u.casefold() for u in uit}:
                uit.append(regel)
    return "\n".join(uit)


def _toestemming_schrijven(ctx: Context, traject_id: int, mdo_id: int | None, t: Toestemming,
                           standaard_datum: date) -> int:
    organisatie = " ".join(t.organisatie.split())
    if not organisatie:
        raise InvoerFout({"toestemmingen": "Vul de organisatie in waarvoor de ouders toestemming geven."})
    return m.Toestemming.insert(traject=traject_id, mdo=mdo_id, organisatie=organisatie, gegeven=bool(t.gegeven),
                                datum=t.datum or standaard_datum, door=ctx.gebruiker.id,
                                aangemaakt=m.now()).execute()


def _actiepunt_maken(ctx: Context, leerling_id: int, traject_id: int | None, mdo_id: int | None,
                     gesprek_id: int | None, wat: str, wie: Persoon | str | None, datum: date,
                     uiterlijk: date) -> int:
    gebruiker_id, contact_id = _persoon_ids(wie)
    ctx.audit(Actie.TOEGEVOEGD, leerling_id, "actiepunt")
    return m.Actiepunt.insert(leerling=leerling_id, traject=traject_id, mdo=mdo_id, gesprek=gesprek_id,
                              wat=wat.strip(), eigenaar_gebruiker=gebruiker_id, eigenaar_contact=contact_id,
                              datum=datum, uiterlijk=uiterlijk, status=ActiepuntStatus.OPEN.value,
                              door=ctx.gebruiker.id, aangemaakt=m.now()).execute()


__all__ = ["ONGEWIJZIGD", "TrajectService"]


def _kort(tekst: str, n: int = 40) -> str:
    """The start of a text for a message ("Actiepunt 'Bel de leerplichtambtenaar…' verwijderd")."""
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= n else tekst[:n - 1].rstrip() + "…"
