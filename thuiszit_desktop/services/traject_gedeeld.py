"""What the traject services (trajecten, gesprekken, mdo, actiepunten, partners, tijdlijn) share: finding
rows with a Dutch message when they are gone, turning rows into the domain's records (domain/traject.py,
gesprek.py, mdo.py, actiepunt.py), writing people, actiepunten and consents, and need-to-know.

Only those services import from here – besides VERTROUWELIJK, the text a screen shows instead of what is
hidden from the user; the GUI and the CLI call the services.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Final, TypeVar

import peewee as pw

from ..db import models as m
from ..db import vertrouwelijk
from ..db.vertrouwelijk import Versleuteld
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
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.gebruiker import Rol, naam_sleutel
from ..domain.gesprek import Afspraak, Gesprek
from ..domain.leerling import Vrijstelling, VrijstellingType
from ..domain.mdo import Besluit, Mdo, MdoDeelnemer, Toestemming
from ..domain.plan import Contactpersoon
from ..domain.signalen import SignaalSoort
from ..domain.tijdlijn import (
    Gebeurtenis,
    Tijdlijnsoort,
)
from ..domain.traject import (
    ActiepuntStatus,
    Analyse,
    Categorie,
    Domein,
    Factoren,
    GesprekType,
    KearneyFunctie,
    MdoRol,
    NazorgMoment,
    Persoon,
    Sluitreden,
    Stap,
    StapWissel,
    Traject,
    TrajectStatus,
    Verzuimtype,
    check_actiepunt,
)
from . import leerlingnummers
from .context import Context
from .profielen import profiel

E = TypeVar("E", bound=Enum)

GEEN_PARTNER_ROLLEN = [r.value for r in MdoRol if not r.is_partner]  # ouder, leerling: never in the address book
VERTROUWELIJK = "Vertrouwelijk – alleen zichtbaar voor de zorgcoördinator"  # replaces hidden content (need-to-know)
GEEN_VERTROUWELIJK = ("Vertrouwelijke notities (medische of psychologische details) zijn voor de zorgcoördinator. "
                      "Laat ze hier weg en bespreek ze met de zorgcoördinator.")


class Ongewijzigd(Enum):
    """"Leave this field as it is" in the *_bijwerken methods. A one-member enum, so that `x is ONGEWIJZIGD`
    narrows `str | Ongewijzigd` to `str` for the type checker."""
    ONGEWIJZIGD = "ONGEWIJZIGD"

    def __repr__(self) -> str:
        return "ONGEWIJZIGD"


ONGEWIJZIGD: Final = Ongewijzigd.ONGEWIJZIGD


# --- the service ----------------------------------------------------------------------------------


# --- helpers: reading -----------------------------------------------------------------------------

@dataclass
class Namen:
    """Names of users and contacts by id, loaded once per call (a school has tens, not thousands)."""

    gebruikers: dict[int, str]
    contacten: dict[int, tuple[str, str, str]]  # id → (naam, rol, organisatie)

    @classmethod
    def laad(cls) -> Namen:
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


def rij_of_fout(model, id_: int, melding: str):
    row = model.get_or_none(model.id == id_)
    if row is None:
        raise NietGevonden(melding)
    return row


def leerling_row(leerlingnummer: str) -> m.Leerling:
    row = leerlingnummers.zoek(leerlingnummer)
    if row is None:
        raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
    return row



def traject_row(traject_id: int) -> m.Traject:
    return rij_of_fout(m.Traject, traject_id, "Dit traject bestaat niet meer.")


def open_traject_row(leerling_id: int) -> m.Traject | None:
    return m.Traject.get_or_none((m.Traject.leerling == leerling_id) & (m.Traject.status == TrajectStatus.OPEN.value))


def traject_op(leerling_id: int, datum: date) -> m.Traject | None:
    """The student's traject that was open on `datum` (opened on or before it, not closed before it)."""
    return (m.Traject.select()
            .where((m.Traject.leerling == leerling_id) & (m.Traject.geopend <= datum)
                   & (m.Traject.gesloten.is_null() | (m.Traject.gesloten >= datum)))
            .order_by(m.Traject.geopend.desc(), m.Traject.id.desc()).first())


def check_niet_gesloten(row: m.Traject, wat: str) -> None:
    if row.status != TrajectStatus.OPEN.value:
        raise InvoerFout(f"Dit traject is gesloten (op {formaat.datum(row.gesloten)}); u kunt er {wat}. "
                         "Nazorgmomenten kunt u wel nog plannen en afronden.")


def check_nazorg(omschrijving: str) -> None:
    if not omschrijving.strip():
        raise InvoerFout({"omschrijving": "Schrijf op wat er bij dit nazorgmoment moet gebeuren."})


def check_geen_open_traject(leerling: m.Leerling) -> None:
    open_ = open_traject_row(leerling.id)
    if open_ is not None:
        raise InvoerFout(f"{leerling.naam} heeft al een open traject (geopend op {formaat.datum(open_.geopend)}). "
                         "Werk verder in dat traject, of sluit het eerst.")


def als_enum(cls: type[E], waarde: object, veld: str, melding: str) -> E:
    try:
        return cls(waarde)
    except ValueError:
        raise InvoerFout({veld: melding}) from None


def mdo_rol(rol: str) -> MdoRol | str:
    try:
        return MdoRol(rol)
    except ValueError:
        return rol


def lees_traject(row: m.Traject, namen: Namen, leerling: m.Leerling | None = None) -> Traject:
    leerling = leerling or row.leerling
    wissels = tuple(StapWissel(w.datum, Stap(w.van_stap), Stap(w.naar_stap), namen.gebruiker(w.door_id))
                    for w in m.StapWissel.select().where(m.StapWissel.traject == row.id)
                    .order_by(m.StapWissel.datum, m.StapWissel.id))
    nazorg = tuple(lees_nazorg(n) for n in m.NazorgMoment.select().where(m.NazorgMoment.traject == row.id)
                   .order_by(m.NazorgMoment.datum, m.NazorgMoment.id))
    return Traject(
        id=row.id, leerlingnummer=leerling.leerlingnummer, naam=leerling.naam, categorie=Categorie(row.categorie),
        status=TrajectStatus(row.status), stap=Stap(row.stap), geopend=row.geopend, aanleiding=row.aanleiding,
        signaal=SignaalSoort(row.signaal) if row.signaal else None, signaal_datum=row.signaal_datum,
        eigenaar=namen.persoon(row.eigenaar_gebruiker_id, row.eigenaar_contact_id),
        evaluatiedatum=row.evaluatiedatum, gesloten=row.gesloten,
        sluitreden=Sluitreden(row.sluitreden) if row.sluitreden else None, sluittoelichting=row.sluittoelichting,
        stapwissels=wissels, nazorg=nazorg, plan_evaluaties=plan_evaluaties([row.id]).get(row.id, ()),
        rijversie=row.rijversie)


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


def contactpersoon_van(gebruiker_id: int | None, contact_id: int | None) -> Contactpersoon | None:
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
        rol = mdo_rol(c.rol)
        functie = rol.label_klein if isinstance(rol, MdoRol) else str(rol)
        if c.organisatie:
            functie = f"{functie}, {c.organisatie}"
        return Contactpersoon(c.naam, functie, c.telefoon, c.email, contact_id=c.id)
    return None


def lees_nazorg(n: m.NazorgMoment) -> NazorgMoment:
    return NazorgMoment(n.id, n.traject_id, n.datum, n.omschrijving, n.gedaan, n.notitie)


def lees_analyse(a: m.TrajectAnalyse) -> Analyse:
    """The analysis; read without the confidential key (a mentor's checklist) the texts say "vertrouwelijk"
    and the types are left out."""
    factoren = {d: Factoren(getattr(a, f"{d.value}_risico"), getattr(a, f"{d.value}_beschermend")) for d in Domein}
    leesbaar = not isinstance(a.verzuimtype, Versleuteld) and not isinstance(a.kearney_functie, Versleuteld)
    return Analyse(factoren, Verzuimtype(a.verzuimtype) if a.verzuimtype and leesbaar else None,
                   KearneyFunctie(a.kearney_functie) if a.kearney_functie and leesbaar else None, a.rijversie)


def lees_bewijs(row: m.Traject) -> dict[str, Bewijs]:
    """Checklist items the dossier itself shows as done (domain/bewijs.py), from what exists now."""
    mdo_rows = list(m.Mdo.select(m.Mdo.id, m.Mdo.datum).where(m.Mdo.traject == row.id))
    deelnemers: dict[int, list[Deelnemer]] = defaultdict(list)
    if mdo_rows:
        for mdo_id, naam, rol, organisatie in (m.MdoDeelnemer.select(m.MdoDeelnemer.mdo, m.MdoDeelnemer.naam,
                                                                     m.MdoDeelnemer.rol, m.MdoDeelnemer.organisatie)
                                               .where(m.MdoDeelnemer.mdo.in_([r.id for r in mdo_rows])).tuples()):
            rol_ = mdo_rol(rol)
            if isinstance(rol_, MdoRol):
                deelnemers[mdo_id].append(Deelnemer(naam, rol_, organisatie))
    plannen = list(m.PlanVanAanpak.select().where((m.PlanVanAanpak.traject == row.id)
                                                  & (m.PlanVanAanpak.status == "vastgesteld")))
    evaluaties = (m.PlanEvaluatie.select(m.PlanEvaluatie.datum).join(m.PlanDoel).join(m.PlanVanAanpak)
                  .where(m.PlanVanAanpak.traject == row.id).tuples())
    if getattr(m.database.obj, "op_server", False) and vertrouwelijk.sleutel() is None:
        # a mentor on the server may not read the analysis itself (db/server_rechten.py): only whether and when
        gewijzigd = m.database.execute_sql("SELECT thuiszit_analyse_ingevuld(?)", [row.id]).fetchone()[0]
        analyse_ingevuld = datetime.fromisoformat(str(gewijzigd)).date() if gewijzigd else None
    else:
        a = m.TrajectAnalyse.get_or_none(m.TrajectAnalyse.traject == row.id)
        analyse_ingevuld = a.gewijzigd.date() if a is not None and lees_analyse(a).ingevuld else None
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
        analyse_ingevuld=analyse_ingevuld,
        nazorg=tuple(m.NazorgMoment.select(m.NazorgMoment.id, m.NazorgMoment.datum)
                     .where(m.NazorgMoment.traject == row.id).tuples()),
        plannen=tuple(PlanFeit(p.versie, p.vastgesteld_op or p.gewijzigd.date(), p.analyse,
                               tuple(i.get("soort", "") for i in json.loads(p.interventies))) for p in plannen),
        evaluaties=tuple(d for (d,) in evaluaties)))


def lees_gesprekken(rows: list[m.Gesprek], namen: Namen, leerlingnummer: str | None = None) -> list[Gesprek]:
    ids = [g.id for g in rows]
    afspraken: dict[int, list[Afspraak]] = defaultdict(list)
    if ids:
        for a in m.Afspraak.select().where(m.Afspraak.gesprek.in_(ids)).order_by(m.Afspraak.volgorde, m.Afspraak.id):
            afspraken[a.gesprek_id].append(Afspraak(a.id, a.tekst, a.actiepunt_id))
    return [Gesprek(g.id, leerlingnummer or g.leerling.leerlingnummer, g.traject_id, GesprekType(g.type), g.datum,
                    g.samenvatting, g.deelnemers, namen.gebruiker(g.door_id), g.vertrouwelijk,
                    tuple(afspraken.get(g.id, ())), g.door_id, g.rijversie)
            for g in rows]


def lees_mdos(rows: list[m.Mdo], namen: Namen, leerlingnummer: str | None = None) -> list[Mdo]:
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
    for a in lees_actiepunten(m.Actiepunt.select().where(m.Actiepunt.mdo.in_(ids)), namen, leerlingnummer):
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
                tuple(x for x in r.verzenden_aan.splitlines() if x.strip()), r.rijversie)
            for r in rows]


def lees_actiepunten(query, namen: Namen, leerlingnummer: str | None = None) -> list[Actiepunt]:
    rows = list(query.select(m.Actiepunt, m.Leerling).join(m.Leerling, on=(m.Actiepunt.leerling == m.Leerling.id))
                .order_by(m.Actiepunt.uiterlijk, m.Actiepunt.id))
    return [Actiepunt(a.id, leerlingnummer or a.leerling.leerlingnummer, a.leerling.naam, a.wat,
                      namen.persoon(a.eigenaar_gebruiker_id, a.eigenaar_contact_id) or Persoon(""),
                      a.datum, a.uiterlijk, ActiepuntStatus(a.status), a.afgerond, a.traject_id, a.mdo_id,
                      a.gesprek_id, a.rijversie)
            for a in rows]


def traject_gebeurtenissen(t: m.Traject, namen: Namen) -> list[Gebeurtenis]:
    categorie = Categorie(t.categorie)
    eigenaar = namen.persoon(t.eigenaar_gebruiker_id, t.eigenaar_contact_id)
    delen = []
    if t.signaal:
        delen.append(f"Vanuit signaal '{SignaalSoort(t.signaal).label}' van {formaat.datum(t.signaal_datum)}")
    if t.aanleiding and t.aanleiding.strip():
        delen.append(t.aanleiding.strip())
    if eigenaar:
        delen.append(f"Casusregisseur: {eigenaar.naam}")
    # Sentences, as the traject's header reads: an aanleiding typed with its full stop gave "liggen.; casusregisseur"
    detail = " ".join(d if d[-1] in ".?!" else f"{d}." for d in delen)
    uit = [Gebeurtenis(t.geopend, Tijdlijnsoort.TRAJECT, f"Traject geopend: {categorie.label}", detail,
                       f"traject:{t.id}")]
    if t.gesloten is not None:
        reden = Sluitreden(t.sluitreden)
        uit.append(Gebeurtenis(t.gesloten, Tijdlijnsoort.TRAJECT, f"Traject gesloten: {reden.label}",
                               t.sluittoelichting, f"traject:{t.id}"))
    return uit


def vrijstellingen_5a(leerling_id: int | None, nummers: Mapping[int, str]) -> dict[str, list[Vrijstelling]]:
    """leerlingnummer → the 5a vrijstellingen, of every student that has one (or of one student)."""
    query = m.Vrijstelling.select().where(m.Vrijstelling.type == VrijstellingType.ART_5A.value)
    if leerling_id is not None:
        query = query.where(m.Vrijstelling.leerling == leerling_id)
    per: dict[str, list[Vrijstelling]] = defaultdict(list)
    for v in query:
        per[nummers[v.leerling_id]].append(Vrijstelling(VrijstellingType.ART_5A, v.van, v.tot))
    return dict(per)


# --- helpers: writing (call inside ctx.action) ------------------------------------------------------

def actiepunt_fouten(prefix: str, wat: str, wie, uiterlijk: date | None, afgesproken: date | None,
                      fouten: dict[str, str]) -> None:
    """Collect the errors of one actiepunt (keys prefixed, e.g. "actiepunt2.wie")."""
    try:
        check_actiepunt(wat, heeft_naam(wie), uiterlijk)
    except InvoerFout as exc:
        fouten.update({prefix + k: v for k, v in exc.fouten.items()})
        return
    if afgesproken is not None and uiterlijk < afgesproken:
        fouten[prefix + "uiterlijk"] = (f"De uiterste datum ligt vóór de datum waarop het is afgesproken "
                                        f"({formaat.datum(afgesproken)}).")


def afspraak_acties(gegeven: list[str], actiepunten, datum: date | None,
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
        actiepunt_fouten(prefix, gegeven[i], wie, uiterlijk, datum, fouten)
        uit.append((i, wie, uiterlijk))
    return uit


def heeft_naam(wie: Persoon | str | None) -> bool:
    if wie is None:
        return False
    if isinstance(wie, str):
        return bool(wie.strip())
    return wie.gebruiker_id is not None or wie.contact_id is not None or bool(wie.naam.strip())


def contact_met_naam(naam: str, rol: str | None = None) -> m.Contact | None:
    sleutel = naam_sleutel(naam)
    query = m.Contact.select().order_by(m.Contact.id)
    if rol is not None:
        query = query.where(m.Contact.rol == rol)
    return next((c for c in query if naam_sleutel(c.naam) == sleutel), None)


def persoon_zoeken(wie: Persoon | str) -> tuple[int | None, int | None]:
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
    if rol in GEEN_PARTNER_ROLLEN:  # an ouder is neither a user of the app nor a partner with the same name
        c = contact_met_naam(naam, rol)
        return (None, c.id) if c is not None else (None, None)
    g = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
    if g is not None and g.actief:
        return g.id, None
    c = (contact_met_naam(naam, rol) if rol else None) or contact_met_naam(naam)
    return (None, c.id) if c is not None else (None, None)


def persoon_ids(wie: Persoon | str | None) -> tuple[int | None, int | None]:
    """(gebruiker id, contact id) for an owner: a user, a contact, or a new name added to the address book.
    A new ouder or leerling (Persoon(..., rol="ouder")) gets a contact row with that rol, which
    `partners()` and `personen()` leave out: the actiepunt needs a row to point to, the shared address
    book of professionals must not fill up with the families of students."""
    if wie is None:
        return None, None
    if isinstance(wie, str):
        wie = Persoon(wie)
    if wie.gebruiker_id is not None:
        rij_of_fout(m.Gebruiker, wie.gebruiker_id, "Deze gebruiker bestaat niet meer.")
        return wie.gebruiker_id, None
    if wie.contact_id is not None:
        rij_of_fout(m.Contact, wie.contact_id, "Deze persoon staat niet meer in het adresboek.")
        return None, wie.contact_id
    gevonden = persoon_zoeken(wie)
    if gevonden != (None, None):
        return gevonden
    naam = " ".join(wie.naam.split())
    if not naam:
        return None, None
    rol = wie.rol.casefold() or MdoRol.ANDERS.value
    return None, m.Contact.create(naam=naam, rol=rol, organisatie=wie.organisatie.strip()).id


def deelnemers_schrijven(mdo_id: int, deelnemers: list[MdoDeelnemer]) -> None:
    rijen = []
    for i, d in enumerate(deelnemers):
        naam = " ".join(d.naam.split())
        if not naam:
            raise InvoerFout({"deelnemers": "Vul de naam van elke deelnemer in."})
        rol = als_enum(MdoRol, d.rol, "deelnemers", f"Kies de rol van {naam}.")
        gebruiker_id, contact_id, organisatie = d.gebruiker_id, d.contact_id, d.organisatie.strip()
        if gebruiker_id is None and contact_id is None and rol.is_partner:
            g = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
            if g is not None and rol in (MdoRol.ZORGCOORDINATOR, MdoRol.MENTOR):
                gebruiker_id = g.id
            else:
                contact = contact_met_naam(naam, rol.value)
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


def check_volgend_overleg(datum: date | None, volgend: date | None, fouten: dict[str, str]) -> None:
    if volgend is not None and datum is not None and volgend <= datum:
        fouten["volgend_overleg"] = f"Het volgende overleg ligt na dit MDO ({formaat.datum(datum)}). Controleer de datum."


def als_regels(teksten: Iterable[str]) -> str:
    """Names, one per line, tidied: no empty lines, no doubles."""
    uit: list[str] = []
    for t in teksten:
        for regel in str(t).splitlines():
            regel = " ".join(regel.split())
            if regel and regel.casefold() not in {u.casefold() for u in uit}:
                uit.append(regel)
    return "\n".join(uit)


def toestemming_schrijven(ctx: Context, traject_id: int, mdo_id: int | None, t: Toestemming,
                           standaard_datum: date) -> int:
    organisatie = " ".join(t.organisatie.split())
    if not organisatie:
        raise InvoerFout({"toestemmingen": "Vul de organisatie in waarvoor de ouders toestemming geven."})
    return m.Toestemming.insert(traject=traject_id, mdo=mdo_id, organisatie=organisatie, gegeven=bool(t.gegeven),
                                datum=t.datum or standaard_datum, door=ctx.gebruiker.id,
                                aangemaakt=m.now()).execute()


def actiepunt_maken(ctx: Context, leerling_id: int, traject_id: int | None, mdo_id: int | None,
                     gesprek_id: int | None, wat: str, wie: Persoon | str | None, datum: date,
                     uiterlijk: date) -> int:
    gebruiker_id, contact_id = persoon_ids(wie)
    ctx.audit(Actie.TOEGEVOEGD, leerling_id, "actiepunt")
    return m.Actiepunt.insert(leerling=leerling_id, traject=traject_id, mdo=mdo_id, gesprek=gesprek_id,
                              wat=wat.strip(), eigenaar_gebruiker=gebruiker_id, eigenaar_contact=contact_id,
                              datum=datum, uiterlijk=uiterlijk, status=ActiepuntStatus.OPEN.value,
                              door=ctx.gebruiker.id, aangemaakt=m.now()).execute()




def ingekort(tekst: str, n: int = 40) -> str:
    """The start of a text for a message ("Actiepunt 'Bel de leerplichtambtenaar…' verwijderd")."""
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= n else tekst[:n - 1].rstrip() + "…"


# --- need-to-know: what a vertrouwelijk gesprek or MDO shows to whom ----------------------------------

def zichtbaar_gesprek(ctx: Context, g: Gesprek) -> Gesprek:
    if not g.vertrouwelijk or ctx.ziet_vertrouwelijk:
        return g
    return replace(g, samenvatting=VERTROUWELIJK, deelnemers="",
                   afspraken=tuple(replace(a, tekst=VERTROUWELIJK) for a in g.afspraken))


def zichtbaar_mdo(ctx: Context, mdo: Mdo) -> Mdo:
    """A vertrouwelijk MDO for a non-zorgcoördinator: agenda, verslag and besluiten hidden; date,
    deelnemers, toestemmingen and actiepunten (which people must carry out) stay."""
    if not mdo.vertrouwelijk or ctx.ziet_vertrouwelijk:
        return mdo
    return replace(mdo, agenda=VERTROUWELIJK, verslag=VERTROUWELIJK,
                   besluiten=tuple(replace(b, tekst=VERTROUWELIJK) for b in mdo.besluiten))


def lees_actiepunt(actiepunt_id: int) -> Actiepunt:
    row = rij_of_fout(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
    return lees_actiepunten(m.Actiepunt.select().where(m.Actiepunt.id == row.id), Namen.laad())[0]
