"""The plan van aanpak per traject: versions (concept → vastgesteld), evaluations per doel, the editable
catalogue of interventies, and the PDF ouders take home and sign.

Every method returns domain dataclasses (never peewee rows). Writing is for the zorgcoördinator; reading
and printing for everyone who may see the traject.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time

from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.gewone_woorden import factoren_voor_ouders
from ..domain.plan import (
    STANDAARD_INTERVENTIES,
    Akkoord,
    AkkoordRol,
    Contactpersoon,
    Doel,
    Evaluatie,
    Interventie,
    Ondertekenaar,
    Plan,
    PlanAfdruk,
    PlanAfspraak,
    PlanStatus,
    Uitkomst,
    catalogus,
    check_plan,
    check_vaststellen,
    nieuwe_versie,
    ondertekenaars,
)
from ..domain.traject import Domein, Factoren
from . import instellingen, versies
from .context import Context
from .leerlingen import LeerlingenService
from .ongedaan import Opname, Verwijderd
from .profielen import profiel
from .school import school_logo
from .toegang import ZORG
from .trajecten import TrajectService

CATALOGUS_SLEUTEL = "plan_interventies"
CHECKLIST_ITEM = "plan_van_aanpak"


class PlanService:
    def __init__(self, ctx: Context, trajecten: TrajectService, leerlingen: LeerlingenService):
        self.ctx = ctx
        self.trajecten = trajecten
        self.leerlingen = leerlingen

    # --- the catalogue of interventies --------------------------------------------------------------

    def catalogus(self) -> tuple[str, ...]:
        return tuple(instellingen.lees(CATALOGUS_SLEUTEL, list(STANDAARD_INTERVENTIES)))

    def catalogus_opslaan(self, soorten: list[str]) -> tuple[str, ...]:
        soorten_ = catalogus(soorten)
        if not soorten_:
            raise InvoerFout({"catalogus": "Houd minstens één interventie over."})
        with self.ctx.action():
            instellingen.schrijf(CATALOGUS_SLEUTEL, list(soorten_))
        return soorten_

    # --- versions -----------------------------------------------------------------------------------

    def nieuw(self, traject_id: int, *, vandaag: date | None = None) -> Plan:
        """Version 1 as a concept, started with the traject's aanleiding and step 4's analysis – as the table
        ouders read, in plain words – and the student's mentor as contactpersoon. The traject's evaluation date
        moves into the plan's evaluatiemomenten: from now on those are the traject's evaluation (one date)."""
        vandaag = vandaag or date.today()
        traject = self.trajecten.get(traject_id)
        if m.PlanVanAanpak.select().where(m.PlanVanAanpak.traject == traject_id).exists():
            raise InvoerFout("Dit traject heeft al een plan van aanpak. Pas dat aan.")
        aanleiding = traject.aanleiding
        if not aanleiding and traject.signaal and traject.signaal_datum:
            aanleiding = f"Signaal: {traject.signaal.label.lower()} (op {formaat.datum(traject.signaal_datum)})."
        leerling = self.leerlingen.get(traject.leerlingnummer)
        plan = Plan(traject_id, aanleiding=aanleiding, gewijzigd=vandaag,
                    factoren=factoren_voor_ouders(self.trajecten.analyse(traject_id), leerling.voornaam or leerling.naam),
                    evaluatiemomenten=(traject.evaluatiedatum,) if traject.evaluatiedatum else (),
                    contactpersonen=_mentor(self._leerling_row(traject_id).mentor))
        with self.ctx.action():
            plan_id = _schrijf(plan, self.ctx.gebruiker.id)
            m.Traject.update(evaluatiedatum=None, **versies.nieuw(m.Traject, self.ctx.gebruiker.id)).where(
                m.Traject.id == traject_id).execute()
        return self.get(plan_id)

    def opslaan(self, plan: Plan, *, vandaag: date | None = None) -> Plan:
        """Save the sections of a version. A concept is changed in place; a vastgesteld version stays as it
        was and the change becomes a new concept version (only from the newest version). `plan.rijversie`:
        the version as the user read it; `Conflict` when someone else changed it since (services/versies.py)."""
        vandaag = vandaag or date.today()
        if plan.id is None:
            raise InvoerFout("Maak eerst een plan met 'nieuw'.")
        oud = self.get(plan.id)
        plan = check_plan(replace(plan, traject_id=oud.traject_id))
        with self.ctx.action():
            if oud.is_vastgesteld:
                laatste = self._laatste_versie(oud.traject_id)
                if laatste != oud.versie:
                    raise InvoerFout(f"Er is al een nieuwere versie ({laatste}). Pas die aan.")
                versies.controleer(m.PlanVanAanpak, oud.id, plan.rijversie, "dit plan van aanpak")
                nieuw = nieuwe_versie(replace(plan, versie=oud.versie, status=oud.status), vandaag)
                return self.get(_schrijf(nieuw, self.ctx.gebruiker.id))
            _schrijf(replace(plan, versie=oud.versie, status=PlanStatus.CONCEPT, overleg_datum=None, akkoord=None,
                             vastgesteld_op=None, gewijzigd=vandaag), self.ctx.gebruiker.id, plan_id=oud.id,
                    gezien=plan.rijversie)
        return self.get(oud.id)

    def concept_verwijderen(self, plan_id: int) -> Verwijderd:
        """Throw away a new concept version (the changes to a vastgesteld plan); the vastgesteld version
        before it stays as it is. Undo with the result."""
        row = m.PlanVanAanpak.get_or_none(m.PlanVanAanpak.id == plan_id)
        if row is None:
            raise NietGevonden("Dit plan van aanpak bestaat niet (meer).")
        if row.status != PlanStatus.CONCEPT.value or row.versie == 1:
            raise InvoerFout("Alleen een nieuwe conceptversie kunt u weggooien; een vastgestelde versie en "
                             "versie 1 blijven bewaard.")
        with self.ctx.action():
            opname = Opname(f"Conceptversie {row.versie} van het plan", ZORG)
            opname.rijen(m.PlanVanAanpak, m.PlanVanAanpak.id == row.id)
            m.PlanVanAanpak.delete().where(m.PlanVanAanpak.id == row.id).execute()
        return opname.klaar()

    def vaststellen(self, plan_id: int, overleg_datum: date, akkoord: Akkoord, *,
                    vandaag: date | None = None, versie: int | None = None) -> Plan:
        """After the overleg with the ouders: the akkoord (name, date; a student of 16+ agrees for themself)
        makes the version read-only. Ouders must be able to reach the casusregisseur and every contact, and
        you sign for the school with the full name and function of your profile (InvoerFout names what is
        missing). Also ticks "plan van aanpak" on the traject's checklist. `versie`: the plan's `rijversie`
        as the user read it (`Conflict` when someone else changed it since)."""
        vandaag = vandaag or date.today()
        plan = self.get(plan_id)
        leerling = self._leerling_row(plan.traject_id)
        akkoord = check_vaststellen(plan, overleg_datum, akkoord, leerling.geboortedatum, vandaag,
                                    casusregisseur=self.trajecten.casusregisseur(plan.traject_id),
                                    ondertekenaar=profiel(self.ctx.gebruiker.id))
        with self.ctx.action():
            versies.opslaan(m.PlanVanAanpak, plan_id, dict(
                status=PlanStatus.VASTGESTELD.value, overleg_datum=overleg_datum, akkoord_naam=akkoord.naam,
                akkoord_datum=akkoord.datum, akkoord_rol=akkoord.rol.value, vastgesteld_op=akkoord.datum,
                door=self.ctx.gebruiker.id), versie, "dit plan van aanpak", door=self.ctx.gebruiker.id)
            (m.ChecklistAfvinking.insert(traject=plan.traject_id, item=CHECKLIST_ITEM, datum=akkoord.datum,
                                         notitie=f"Plan van aanpak versie {plan.versie} vastgesteld",
                                         door=self.ctx.gebruiker.id, aangemaakt=m.now())
             .on_conflict_ignore().execute())
        return self.get(plan_id)

    def evaluatie_vastleggen(self, doel_id: int, uitkomst: Uitkomst | str, notitie: str = "", *,
                             datum: date | None = None, vandaag: date | None = None) -> Plan:
        """How one doel went (behaald / deels / niet, with a note); also on a vastgesteld version."""
        vandaag = vandaag or date.today()
        datum = datum or vandaag
        try:
            uitkomst = Uitkomst(uitkomst)
        except ValueError:
            raise InvoerFout({"uitkomst": "Kies behaald, deels of niet."}) from None
        if datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        doel = m.PlanDoel.get_or_none(m.PlanDoel.id == doel_id)
        if doel is None:
            raise NietGevonden("Dit doel bestaat niet (meer).")
        with self.ctx.action():
            m.PlanEvaluatie.create(doel=doel.id, datum=datum, uitkomst=uitkomst.value, notitie=notitie.strip(),
                                   door=self.ctx.gebruiker.id)
        return self.get(doel.plan_id)

    def get(self, plan_id: int) -> Plan:
        row = m.PlanVanAanpak.get_or_none(m.PlanVanAanpak.id == plan_id)
        if row is None:
            raise NietGevonden("Dit plan van aanpak bestaat niet (meer).")
        with self.ctx.action():
            self.ctx.audit(Actie.BEKEKEN, row.traject.leerling_id, "plan")
        return _plan(row)

    def versies(self, traject_id: int) -> list[Plan]:
        """Every version of the traject's plan, oldest first."""
        rows = m.PlanVanAanpak.select().where(m.PlanVanAanpak.traject == traject_id).order_by(m.PlanVanAanpak.versie)
        return [_plan(r) for r in rows]

    def plan(self, traject_id: int, versie: int | None = None) -> Plan | None:
        """The newest version (or version `versie`) of the traject's plan; None when there is none."""
        query = m.PlanVanAanpak.select().where(m.PlanVanAanpak.traject == traject_id)
        if versie is not None:
            query = query.where(m.PlanVanAanpak.versie == versie)
        row = query.order_by(m.PlanVanAanpak.versie.desc()).first()
        return _plan(row) if row else None

    def voor_leerling(self, leerlingnummer: str, versie: int | None = None) -> Plan:
        """The plan of the student's newest traject that has one (NietGevonden in Dutch otherwise)."""
        leerling = self.leerlingen.get(leerlingnummer)
        row = (m.PlanVanAanpak.select().join(m.Traject)
               .where(m.Traject.leerling == leerling.id)
               .order_by(m.Traject.geopend.desc(), m.Traject.id.desc(), m.PlanVanAanpak.versie.desc()).first())
        if row is None:
            raise NietGevonden(f"{leerling.naam} ({leerlingnummer}) heeft nog geen plan van aanpak om af te drukken.")
        if versie is None:
            return _plan(row)
        plan = self.plan(row.traject_id, versie)
        if plan is None:
            raise NietGevonden(f"Het plan van aanpak van {leerling.naam} heeft geen versie {versie} "
                               f"(de nieuwste is versie {row.versie}).")
        return plan

    # --- printing -----------------------------------------------------------------------------------

    def afdruk(self, plan_id: int, *, vandaag: date | None = None) -> PlanAfdruk:
        """What the PDF shows. A vastgesteld version is signed by the student (at every age), the ouders
        with gezag and – for the school – the one who vastgesteld it, with the name and function of their
        profile; a concept by nobody. A later version carries the one before, to say what changed."""
        plan = self.get(plan_id)
        leerling = self.leerlingen.get(self._leerling_row(plan.traject_id).leerlingnummer)
        school = m.School.get().naam
        wie: tuple[Ondertekenaar, ...] = ()
        if plan.is_vastgesteld and plan.akkoord:
            door = m.PlanVanAanpak.get_by_id(plan_id).door
            p = profiel(door.id if door else None)
            naam = p.volledige_naam or (door.naam if door else "")
            wie = ondertekenaars(leerling, plan.akkoord.datum,
                                 Ondertekenaar(naam, f"{p.functie or 'zorgcoördinator'}, namens {school}"))
        vorige = self.plan(plan.traject_id, plan.versie - 1) if plan.versie > 1 else None
        return PlanAfdruk(plan, leerling, school, wie, self.trajecten.casusregisseur(plan.traject_id),
                          school_logo(), vorige, vandaag or date.today())

    def pdf(self, plan_id: int) -> bytes:
        from ..pdf.plan import plan_pdf

        afdruk = self.afdruk(plan_id)
        pdf = plan_pdf(afdruk)
        with self.ctx.action():
            self.ctx.audit(Actie.AFGEDRUKT, afdruk.leerling.id, "plan-pdf")
        return pdf

    # --- helpers ------------------------------------------------------------------------------------

    def _laatste_versie(self, traject_id: int) -> int:
        return (m.PlanVanAanpak.select(m.PlanVanAanpak.versie).where(m.PlanVanAanpak.traject == traject_id)
                .order_by(m.PlanVanAanpak.versie.desc()).scalar()) or 0

    def _leerling_row(self, traject_id: int) -> m.Leerling:
        traject = m.Traject.get_or_none(m.Traject.id == traject_id)
        if traject is None:
            raise NietGevonden("Dit traject bestaat niet (meer).")
        return m.Leerling.get_by_id(traject.leerling_id)


def _mentor(contact: m.Contact | None) -> tuple[Contactpersoon, ...]:
    """The student's mentor (a contact of the address book) as the first contactpersoon."""
    if contact is None:
        return ()
    return (Contactpersoon(contact.naam, "mentor", contact.telefoon, contact.email, contact_id=contact.id),)


# --- rows ⇄ dataclasses ---------------------------------------------------------------------------

def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def _p(x: str | None) -> date | None:
    return date.fromisoformat(x) if x else None


def _schrijf(plan: Plan, door: int, *, plan_id: int | None = None, gezien: int | None = None) -> int:
    """Insert a version (plan_id None) or replace a concept's sections and doelen (if still at version
    `gezien`, before anything else is written); returns the id."""
    velden = dict(
        traject=plan.traject_id, versie=plan.versie, status=plan.status.value, aanleiding=plan.aanleiding,
        analyse=plan.analyse, leerling_wil=plan.leerling_wil, ouders_willen=plan.ouders_willen,
        interventies=json.dumps([{"soort": i.soort, "wie": i.wie, "van": _d(i.van), "tot": _d(i.tot)}
                                 for i in plan.interventies], ensure_ascii=False),
        afspraken=json.dumps([{"wie": a.wie, "wat": a.wat, "wanneer": a.wanneer} for a in plan.afspraken],
                             ensure_ascii=False),
        evaluatiemomenten=json.dumps([d.isoformat() for d in plan.evaluatiemomenten]),
        contactpersonen=json.dumps([{"naam": c.naam, "rol": c.rol, "telefoon": c.telefoon, "email": c.email}
                                    for c in plan.contactpersonen], ensure_ascii=False),
        factoren=json.dumps({d.value: [f.risico, f.beschermend] for d, f in plan.factoren.items()},
                            ensure_ascii=False),
        door=door, gewijzigd=datetime.combine(plan.gewijzigd, time(12)) if plan.gewijzigd else m.now(),
    )
    if plan_id is None:
        plan_id = m.PlanVanAanpak.insert(**velden).execute()
    else:
        versies.opslaan(m.PlanVanAanpak, plan_id, velden, gezien, "dit plan van aanpak", door=door)
    # Keep the rows of doelen that stay (their evaluations refer to them): by id, as the editor sends them.
    # A call that sends no ids at all (a script, the demo) keeps them by position.
    bestaand = list(m.PlanDoel.select().where(m.PlanDoel.plan == plan_id).order_by(m.PlanDoel.volgorde, m.PlanDoel.id))
    ids = [d.id for d in plan.doelen]
    if not any(i is not None for i in ids):
        ids = [r.id for r in bestaand[:len(plan.doelen)]] + [None] * max(0, len(plan.doelen) - len(bestaand))
    eigen = {r.id for r in bestaand}
    for i, (doel, doel_id) in enumerate(zip(plan.doelen, ids, strict=True)):
        waarden = dict(volgorde=i, omschrijving=doel.omschrijving, datum=doel.datum, hoe_merken=doel.hoe_merken)
        if doel_id in eigen:
            m.PlanDoel.update(**waarden).where(m.PlanDoel.id == doel_id).execute()
        else:
            m.PlanDoel.insert(plan=plan_id, herkomst=doel.herkomst, **waarden).execute()
    weg = eigen - set(ids)
    if weg:
        m.PlanDoel.delete().where(m.PlanDoel.id.in_(list(weg))).execute()
    return plan_id


def _plan(row: m.PlanVanAanpak) -> Plan:
    # The doelen of every version of the traject: a doel's earlier evaluations are those of the doelen it
    # continues (herkomst), version by version.
    versies = dict(m.PlanVanAanpak.select(m.PlanVanAanpak.id, m.PlanVanAanpak.versie)
                   .where(m.PlanVanAanpak.traject == row.traject_id).tuples())
    alle = {d.id: d for d in m.PlanDoel.select().where(m.PlanDoel.plan.in_(list(versies)))}
    doelen = sorted((d for d in alle.values() if d.plan_id == row.id), key=lambda d: (d.volgorde, d.id))
    evaluaties: dict[int, list[Evaluatie]] = {}
    namen = dict(m.Gebruiker.select(m.Gebruiker.id, m.Gebruiker.naam).tuples())
    if alle:
        for e in (m.PlanEvaluatie.select().where(m.PlanEvaluatie.doel.in_(list(alle)))
                  .order_by(m.PlanEvaluatie.datum, m.PlanEvaluatie.id)):
            evaluaties.setdefault(e.doel_id, []).append(
                Evaluatie(e.datum, Uitkomst(e.uitkomst), e.notitie, namen.get(e.door_id, ""), e.id))

    def eerder(d: m.PlanDoel) -> tuple[tuple[int, Evaluatie], ...]:
        keten: list[tuple[int, Evaluatie]] = []
        gezien = {d.id}
        vorig = alle.get(d.herkomst_id)
        while vorig is not None and vorig.id not in gezien:
            gezien.add(vorig.id)
            keten[:0] = [(versies[vorig.plan_id], e) for e in evaluaties.get(vorig.id, ())]
            vorig = alle.get(vorig.herkomst_id)
        return tuple(keten)

    akkoord = (Akkoord(row.akkoord_naam, row.akkoord_datum, AkkoordRol(row.akkoord_rol or "ouder"))
               if row.akkoord_datum else None)
    return Plan(
        traject_id=row.traject_id, versie=row.versie, status=PlanStatus(row.status), aanleiding=row.aanleiding,
        analyse=row.analyse, leerling_wil=row.leerling_wil, ouders_willen=row.ouders_willen,
        doelen=tuple(Doel(d.omschrijving, d.datum, d.hoe_merken, tuple(evaluaties.get(d.id, ())), d.id,
                          d.herkomst_id, eerder(d))
                     for d in doelen),
        interventies=tuple(Interventie(i["soort"], i["wie"], _p(i["van"]), _p(i["tot"]))
                           for i in json.loads(row.interventies)),
        afspraken=tuple(PlanAfspraak(a["wie"], a["wat"], a["wanneer"]) for a in json.loads(row.afspraken)),
        evaluatiemomenten=tuple(date.fromisoformat(x) for x in json.loads(row.evaluatiemomenten)),
        contactpersonen=tuple(Contactpersoon(c["naam"], c["rol"], c["telefoon"], c["email"])
                              for c in json.loads(row.contactpersonen)),
        factoren={Domein(k): Factoren(*v) for k, v in json.loads(row.factoren or "{}").items()},
        rijversie=row.rijversie,
        overleg_datum=row.overleg_datum, akkoord=akkoord, vastgesteld_op=row.vastgesteld_op,
        gewijzigd=row.gewijzigd.date() if isinstance(row.gewijzigd, datetime) else row.gewijzigd, id=row.id,
    )
