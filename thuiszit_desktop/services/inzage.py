"""The dossier for an inzageverzoek (AVG art. 15): everything the database holds about one student, and what
the law asks besides the data (purposes, categories, recipients, bewaartermijn, rights, complaint).

What belongs to a student is found by walking the models: every table with a chain of foreign keys to
`leerling` (and the audit trail, which names a student by id on purpose, without a foreign key). The known
tables are shown in their own readable sections, read through the services (so what is vertrouwelijk comes
as plaintext to the zorgcoördinator, the only one who may make a dossier); a table without a section of its
own is shown under "Overige gegevens", row by row, so a new table is never left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date, datetime

import peewee as pw

from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.dossier import Dossier, Gebruik, SignaalNotitie, TrajectDossier, VerzuimRegel, naar_json
from ..domain.errors import GeenToegang
from ..domain.gebruiker import Rol
from ..domain.inzage import avg_informatie
from ..domain.leerling import VrijstellingType
from ..domain.mdo import SCHOOL_ROLLEN, geldende_toestemmingen
from ..domain.signalen import SignaalSoort
from ..domain.tijdlijn import Verzuimperiode, verzuimperiodes
from ..domain.traject import MdoRol
from ..domain.verzuim import Reden
from .actiepunten import ActiepuntService
from .bewaren import BewaarService
from .context import Context
from .gesprekken import GesprekService
from .leerlingen import LeerlingenService
from .mdo import MdoService
from .plannen import PlanService
from .signalen import SignalenService
from .trajecten import TrajectService
from .verzuim import VerzuimService

# The tables with a section of their own in the dossier; every other table of a student goes to "overig".
GETOOND = frozenset({
    m.Leerling, m.Ouder, m.Vrijstelling, m.Traject, m.StapWissel, m.ChecklistAfvinking, m.TrajectAnalyse,
    m.NazorgMoment, m.Gesprek, m.Afspraak, m.Mdo, m.MdoDeelnemer, m.Besluit, m.Toestemming, m.Actiepunt,
    m.PlanVanAanpak, m.PlanDoel, m.PlanEvaluatie, m.Verzuim, m.Verzuimmelding, m.MazlActie, m.SignaalBespreking,
    m.AuditRegel,
})

# What each table holds, in the words of the art. 15 information ("Welke gegevens de school heeft").
CATEGORIEEN: dict[type[pw.Model], str] = {
    m.Leerling: "Naam, geboortedatum, leerlingnummer, klas, mentor, in- en uitschrijving",
    m.Ouder: "Namen, adres en telefoonnummers van ouders of verzorgers",
    m.Vrijstelling: "Vrijstellingen van de leerplicht",
    m.Verzuim: "Afwezigheid per dag, met de reden",
    m.Verzuimmelding: "Meldingen van afwezigheid bij DUO, voor de leerplichtambtenaar",
    m.MazlActie: "Contact met de jeugdarts over ziekmeldingen",
    m.SignaalBespreking: "Notities bij signalen over afwezigheid",
    m.Traject: "De begeleiding terug naar school: de stappen, wie het overzicht houdt, wat er gedaan is",
    m.TrajectAnalyse: "Wat het moeilijk maakt en wat helpt (de analyse)",
    m.Gesprek: "Verslagen van gesprekken en contactmomenten, met afspraken",
    m.Mdo: "Verslagen van overleggen met hulpverleners (MDO), met besluiten",
    m.Toestemming: "Toestemming om gegevens te delen met andere organisaties",
    m.Actiepunt: "Actiepunten: wie doet wat, en wanneer",
    m.PlanVanAanpak: "Het plan van aanpak, alle versies, met doelen, evaluaties en akkoord",
    m.AuditRegel: "Wie het dossier heeft bekeken, veranderd of afgedrukt, en wanneer",
}
LEERLING_ID = "leerling_id"  # a column that names a student without a foreign key (the audit trail)


def leerling_tabellen() -> dict[type[pw.Model], tuple[str, ...]]:
    """Every table that holds data about a student, with the chain of foreign keys that leads to `leerling`
    (shortest first: Besluit → ("mdo", "traject", "leerling")). Leerling itself has the empty chain; a table
    with a plain `leerling_id` column has ("leerling_id",)."""
    paden: dict[type, tuple[str, ...]] = {m.Leerling: ()}
    veranderd = True
    while veranderd:
        veranderd = False
        for model in m.MODELS:
            for f in model._meta.sorted_fields:
                if isinstance(f, pw.ForeignKeyField) and f.rel_model in paden and f.rel_model is not model:
                    pad = (f.name, *paden[f.rel_model]) if f.rel_model is not m.Leerling else (f.name,)
                    if model not in paden or len(pad) < len(paden[model]):
                        paden[model] = pad
                        veranderd = True
    for model in m.MODELS:
        if model not in paden and LEERLING_ID in model._meta.columns:
            paden[model] = (LEERLING_ID,)
    return paden


def rijen_van(model, pad: tuple[str, ...], leerling_id: int):
    """The rows of `model` about one student, along `pad`."""
    if model is m.Leerling:
        return model.select().where(model.id == leerling_id)
    if pad == (LEERLING_ID,):
        return model.select().where(model._meta.columns[LEERLING_ID] == leerling_id)
    query, huidig = model.select(), model
    for naam in pad[:-1]:
        veld = getattr(huidig, naam)
        query = query.join_from(huidig, veld.rel_model, on=(veld == veld.rel_model.id))
        huidig = veld.rel_model
    return query.where(getattr(huidig, pad[-1]) == leerling_id)


# --- the service ----------------------------------------------------------------------------------

class InzageService:
    def __init__(self, ctx: Context, trajecten: TrajectService, gesprekken: GesprekService, mdo: MdoService,
                 actiepunten: ActiepuntService, signalen: SignalenService, verzuim: VerzuimService,
                 plannen: PlanService, bewaren: BewaarService):
        self.ctx = ctx
        self.trajecten = trajecten
        self.gesprekken = gesprekken
        self.mdo = mdo
        self.actiepunten = actiepunten
        self.signalen = signalen
        self.verzuim = verzuim
        self.plannen = plannen
        self.bewaren = bewaren
        self._leerlingen = LeerlingenService(ctx)

    def dossier(self, leerlingnummer: str) -> Dossier:
        """Everything about one student, for an inzageverzoek (AVG) or a transfer. Includes what is marked
        vertrouwelijk, so it is for the zorgcoördinator only."""
        if self.ctx.gebruiker.rol != Rol.ZORGCOORDINATOR:
            raise GeenToegang("Het dossier (inzage) kan alleen de zorgcoördinator maken.")
        tr = self.trajecten
        leerling = self._leerlingen.get(leerlingnummer)
        with self.ctx.action():
            self.ctx.audit(Actie.BEKEKEN, leerling.id, "dossier")
        nr = leerling.leerlingnummer
        trajecten = tuple(
            TrajectDossier(t, tuple(tr.checklist(t.id)), tr.analyse(t.id), tuple(self.mdo.toestemmingen(t.id)),
                           tuple(self.plannen.versies(t.id)))
            for t in sorted(tr.trajecten(nr), key=lambda t: (t.geopend, t.id)))
        mdos = tuple(x for t in trajecten for x in self.mdo.mdos(t.traject.id))
        paden = leerling_tabellen()
        tabellen = tuple(model._meta.table_name for model, pad in paden.items()
                         if rijen_van(model, pad, leerling.id).exists())
        dossier = Dossier(
            gemaakt=m.now(), leerling=leerling, trajecten=trajecten,
            gesprekken=tuple(sorted(self.gesprekken.gesprekken(nr), key=lambda g: (g.datum, g.id))),
            mdos=tuple(sorted(mdos, key=lambda x: (x.datum, x.id))), actiepunten=tuple(self.actiepunten.actiepunten(nr)),
            signalen=tuple(self.signalen.overzicht(leerlingnummer=nr).signalen),
            meldingen=tuple(sorted(self.verzuim.meldingen(nr), key=lambda x: (x.datum, x.id))),
            mazl_acties=tuple(sorted(self.verzuim.mazl_acties(nr), key=lambda x: (x.datum, x.id))),
            verzuim=tuple(self._verzuimperiodes(nr)), verzuimregels=_verzuimregels(leerling.id),
            signaalnotities=tuple(SignaalNotitie(SignaalSoort(soort), d, b.notitie, b.door, b.op)
                                  for (soort, d), b in sorted(self.signalen.besprekingen(nr).items(),
                                                              key=lambda x: (x[0][1], x[0][0]))),
            gebruik=_gebruik(leerling.id),
            overig={model._meta.table_name: _rijen(rijen_van(model, pad, leerling.id))
                    for model, pad in paden.items() if model not in GETOOND
                    and model._meta.table_name in tabellen},
            tabellen=tabellen)
        termijnen = self.bewaren.termijnen()
        return _met_avg(dossier, m.School.get().naam, termijnen.dossier_jaren, termijnen.verzuim_jaren)

    def _verzuimperiodes(self, leerlingnummer: str) -> list[Verzuimperiode]:
        verzuim = self.verzuim
        dagen = verzuim.dagen(leerlingnummer, date(1900, 1, 1), date(9999, 12, 31))
        return verzuimperiodes({d.datum: d.uren for d in dagen}, verzuim.kalender.calendar().is_lesdag)


def _verzuimregels(leerling_id: int) -> tuple[VerzuimRegel, ...]:
    query = m.Verzuim.select().where(m.Verzuim.leerling == leerling_id).order_by(m.Verzuim.datum, m.Verzuim.id)
    return tuple(VerzuimRegel(r.datum, r.uren, Reden(r.reden), r.code, r.bron, r.opmerking) for r in query)


def _gebruik(leerling_id: int) -> tuple[Gebruik, ...]:
    per: dict[tuple[str, str, str], list[date]] = defaultdict(list)
    namen = dict(m.Gebruiker.select(m.Gebruiker.id, m.Gebruiker.naam).tuples())
    for r in m.AuditRegel.select().where(m.AuditRegel.leerling_id == leerling_id).order_by(m.AuditRegel.id):
        tijd = r.tijd if isinstance(r.tijd, datetime) else datetime.fromisoformat(str(r.tijd))
        per[(namen.get(r.gebruiker_id, r.gebruiker_naam), r.actie, r.wat)].append(tijd.date())
    return tuple(Gebruik(wie, actie, wat, len(d), min(d), max(d))
                 for (wie, actie, wat), d in sorted(per.items(), key=lambda x: (min(x[1]), x[0])))


def _rijen(query) -> list[dict[str, str]]:
    """Rows as text, field by field (ids and foreign keys left out), for "Overige gegevens"."""
    uit = []
    for row in query:
        uit.append({f.name: str(naar_json(getattr(row, f.name)) if getattr(row, f.name) is not None else "")
                    for f in row._meta.sorted_fields
                    if not f.primary_key and not isinstance(f, pw.ForeignKeyField)})
    return uit


def _data(data: list[date]) -> str:
    return ", ".join(formaat.datum(x) for x in sorted(set(data)))


def _met_avg(d: Dossier, school: str, dossier_jaren: int, verzuim_jaren: int) -> Dossier:
    """The art. 15 information for this dossier: the categories of the tables it holds, and who outside the
    school received data (consent given, partners in an overleg, extra recipients of a verslag, DUO)."""
    ll = d.leerling
    categorieen = [tekst for model, tekst in CATEGORIEEN.items() if model._meta.table_name in d.tabellen]
    if ll.bsn or ll.onderwijsnummer:
        categorieen.insert(1, "Burgerservicenummer of onderwijsnummer")
    if d.signalen:
        categorieen.append("Signalen die het programma uit de afwezigheid berekent")
    categorieen += [f"Overige gegevens ({naam.replace('_', ' ')})" for naam in d.overig]
    gezondheid = (bool(d.mazl_acties) or any(g.vertrouwelijk for g in d.gesprekken)
                  or any(x.vertrouwelijk for x in d.mdos)
                  or any(v.type is VrijstellingType.ART_5A for v in ll.vrijstellingen))
    ontvangers: list[str] = []
    for t in d.trajecten:
        for g in geldende_toestemmingen(t.toestemmingen, date.today()):
            if g.gegeven:
                ontvangers.append(f"{g.organisatie}: met toestemming (sinds {formaat.datum(g.sinds)})")
    partners: dict[str, list[date]] = defaultdict(list)
    for x in d.mdos:
        for p in x.aanwezig:
            if p.rol not in SCHOOL_ROLLEN and p.rol not in (MdoRol.OUDER, MdoRol.LEERLING):
                wie = f"{p.naam} ({p.rol.label_klein}" + (f", {p.organisatie})" if p.organisatie else ")")
                partners[wie].append(x.datum)
    verslag: dict[str, list[date]] = defaultdict(list)
    for x in d.mdos:
        for extra in x.verzenden_aan:
            verslag[extra].append(x.datum)
    ontvangers += [f"{wie}: in het overleg (MDO) van {_data(data)}" for wie, data in partners.items()]
    ontvangers += [f"{wie}: kreeg het verslag van het overleg (MDO) van {_data(data)}" for wie, data in verslag.items()]
    if d.meldingen:
        ontvangers.append("De leerplichtambtenaar, via de meldingen bij DUO (het verzuimregister)")
    if d.trajecten:
        ontvangers.append("Het samenwerkingsverband en de leerplichtambtenaar, bij de lijstbespreking van de "
                          "leerlingen met begeleiding (naam, klas en hoe de begeleiding gaat)")
    avg = avg_informatie(school=school, voornaam=ll.voornaam or ll.naam, categorieen=categorieen,
                         ontvangers=ontvangers, dossier_jaren=dossier_jaren, verzuim_jaren=verzuim_jaren,
                         gezondheid=gezondheid)
    return Dossier(**{f.name: getattr(d, f.name) for f in fields(d) if f.name != "avg"}, avg=avg)


__all__ = ["Dossier", "Gebruik", "InzageService", "TrajectDossier", "VerzuimRegel", "leerling_tabellen", "rijen_van"]
