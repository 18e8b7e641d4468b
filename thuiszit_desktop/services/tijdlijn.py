"""A student's timeline (everything that happened, in order) and the reminders of what is due
(actiepunten, evaluaties of a traject or its plan van aanpak, nazorg, the meldplicht's deadline, 5a
vrijstellingen to renew: domain/herinneringen.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from functools import partial

import peewee as pw

from ..db import models as m
from ..domain import formaat
from ..domain.herinneringen import Herinnering, HerinneringSoort, Termijn, herinneringen
from ..domain.signalen import Signaal
from ..domain.tijdlijn import (
    Gebeurtenis,
    Tijdlijnsoort,
    Verzuimperiode,
    filter_tijdlijn,
    sorteer_tijdlijn,
    verzuimperiodes,
)
from ..domain.traject import (
    ActiepuntStatus,
    Categorie,
    Stap,
    TrajectStatus,
)
from .context import Context
from .signalen import SignalenService
from .traject_gedeeld import (
    Namen,
    leerling_row,
    lees_actiepunten,
    lees_gesprekken,
    lees_mdos,
    plan_evaluaties,
    traject_gebeurtenissen,
    vrijstellingen_5a,
    zichtbaar_gesprek,
    zichtbaar_mdo,
)
from .verzuim import VerzuimService


class TijdlijnService:
    def __init__(self, ctx: Context, signalen: SignalenService, verzuim: VerzuimService):
        self.ctx = ctx
        self.signalen = signalen
        self.verzuim = verzuim

    def tijdlijn(self, leerlingnummer: str, soorten: Iterable[Tijdlijnsoort | str] | None = None, *,
                 peildatum: date | None = None) -> list[Gebeurtenis]:
        """One chronological list of everything about the student; `soorten` keeps only those kinds.

        Signals are those at `peildatum` (default: the signals' standaard peildatum); verzuim comes as
        periods of consecutive lesdagen with absence.
        """
        gekozen = None if soorten is None else {Tijdlijnsoort(s) for s in soorten}

        def wil(s: Tijdlijnsoort) -> bool:
            return gekozen is None or s in gekozen

        leerling = leerling_row(leerlingnummer)
        nr = leerling.leerlingnummer
        namen = Namen.laad()
        uit: list[Gebeurtenis] = []
        trajecten = list(m.Traject.select().where(m.Traject.leerling == leerling.id))
        traject_ids = [t.id for t in trajecten]
        if wil(Tijdlijnsoort.TRAJECT):
            for t in trajecten:
                uit.extend(traject_gebeurtenissen(t, namen))
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
                                       f"Verzuim tot en met {formaat.datum(md.einddatum)}{kenmerk}", f"melding:{md.id}"))
        if wil(Tijdlijnsoort.MAZL):
            for mazl in self.verzuim.mazl_acties(nr):
                uit.append(Gebeurtenis(mazl.datum, Tijdlijnsoort.MAZL, "Jeugdarts ingeschakeld (M@zl)",
                                       mazl.opmerking, f"mazl:{mazl.id}"))
        if wil(Tijdlijnsoort.GESPREK):
            for g in lees_gesprekken(list(m.Gesprek.select().where(m.Gesprek.leerling == leerling.id)), namen, nr):
                g = zichtbaar_gesprek(self.ctx, g)
                detail = g.samenvatting + (f" (met {g.deelnemers})" if g.deelnemers else "")
                uit.append(Gebeurtenis(g.datum, Tijdlijnsoort.GESPREK, g.type.label, detail, f"gesprek:{g.id}",
                                       g.vertrouwelijk))
        if (wil(Tijdlijnsoort.MDO) or wil(Tijdlijnsoort.BESLUIT)) and traject_ids:
            mdos = lees_mdos(list(m.Mdo.select().where(m.Mdo.traject.in_(traject_ids))), namen, nr)
            for mdo in map(partial(zichtbaar_mdo, self.ctx), mdos):
                if wil(Tijdlijnsoort.MDO):
                    wie = ", ".join(f"{d.naam} ({d.rol.label})" for d in mdo.deelnemers)
                    uit.append(Gebeurtenis(mdo.datum, Tijdlijnsoort.MDO, "MDO (multidisciplinair overleg)",
                                           f"Deelnemers: {wie}" if wie else "", f"mdo:{mdo.id}", mdo.vertrouwelijk))
                if wil(Tijdlijnsoort.BESLUIT):
                    for b in mdo.besluiten:
                        uit.append(Gebeurtenis(mdo.datum, Tijdlijnsoort.BESLUIT, f"Besluit {b.nummer} (MDO)",
                                               b.tekst, f"besluit:{b.id}", mdo.vertrouwelijk))
        if wil(Tijdlijnsoort.ACTIEPUNT):
            for a in lees_actiepunten(m.Actiepunt.select().where(m.Actiepunt.leerling == leerling.id), namen, nr):
                status = a.status.label.lower() + (f" op {formaat.datum(a.afgerond)}" if a.afgerond else "")
                uit.append(Gebeurtenis(a.datum, Tijdlijnsoort.ACTIEPUNT, f"Actiepunt: {a.wat}",
                                       f"{a.wie.naam}, uiterlijk {formaat.datum(a.uiterlijk)}; {status}",
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

    def herinneringen(self, *, vandaag: date | None = None, leerlingnummer: str | None = None,
                      signalen: Iterable[Signaal] | None = None) -> list[Herinnering]:
        """Overdue and coming (7 days) actiepunten, evaluatiemomenten, nazorg moments, meldplicht
        deadlines and 5a vrijstellingen to renew; for the whole school or one student, sorted.

        Pass `signalen` when the caller already has them (the dashboard's overzicht) to save computing
        them again; otherwise they are computed at the standaard peildatum.
        """
        vandaag = vandaag or date.today()
        leerling_id = leerling_row(leerlingnummer).id if leerlingnummer is not None else None
        namen = Namen.laad()
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
        return herinneringen(vandaag, termijnen, signalen, vrijstellingen_5a(leerling_id, nummers))
