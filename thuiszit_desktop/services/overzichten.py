"""School-wide overviews: trends over the school year, "werkt het?" (verzuim before and after
interventions) and the lijstbespreking with the SWV and leerplicht, with their PDFs.

Roles: the counts (trends, the table per type of intervention) for the zorgcoördinator and alleen-lezen;
what names students (the lijstbespreking, one student's chart) for the zorgcoördinator only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import peewee as pw

from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.effect import VOETNOOT, Effect, EffectPerSoort, effect, per_soort, percentage
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.kalender import LesdagTabel
from ..domain.leerling import schooljaar_start
from ..domain.signalen import Dagen, SignaalSoort
from ..domain.traject import ActiepuntStatus, Categorie, GesprekType, Stap, TrajectStatus, traject_evaluatie
from ..domain.trends import Trends, trends_dagen
from ..domain.zoeken import naam_sorteersleutel, natuurlijke_sleutel
from . import leerlingnummers
from .context import Context
from .kalender import KalenderService
from .school import SchoolService
from .signalen import SignalenService, _dagen, _leerlingen, _mazl, _meldingen

SIGNAAL_KORT = {
    SignaalSoort.MELDPLICHT_16U: "16 uur",
    SignaalSoort.THUISZITTER: "Thuiszitter",
    SignaalSoort.THUISZITTER_3MND: "Thuiszitter > 3 mnd",
    SignaalSoort.LANGDURIG_AFWEZIG: "Langdurig afwezig",
    SignaalSoort.MAZL: "M@zl",
    SignaalSoort.LUXE_VERZUIM: "Luxe verzuim",
    SignaalSoort.ABSOLUUT_VERZUIM: "Absoluut verzuim",
}

CONTACT_KORT = {
    GesprekType.GESPREK_LEERLING: "gesprek leerling",
    GesprekType.GESPREK_OUDERS: "gesprek ouders",
    GesprekType.TELEFONISCH: "telefoon",
    GesprekType.HUISBEZOEK: "huisbezoek",
    GesprekType.EMAIL: "e-mail",
    GesprekType.OVERIG: "contact",
}


@dataclass(frozen=True)
class Effecten:
    """The table "werkt het?" for the school."""

    per_soort: list[EffectPerSoort]
    tot: date  # verzuim known through
    voetnoot: str = VOETNOOT


@dataclass(frozen=True)
class Lesweek:
    maandag: date
    lesdagen: int
    verzuimd_uren: float
    percentage: float  # of the lesdagen through `tot`


@dataclass(frozen=True)
class LeerlingEffecten:
    """One student's verzuim per lesweek of a school year, with the interventions and their figures."""

    leerlingnummer: str
    schooljaar: int
    tot: date
    weken: list[Lesweek]
    effecten: list[Effect]


@dataclass(frozen=True)
class BesprekingsRij:
    """One student with an open traject, for the lijstbespreking."""

    leerlingnummer: str
    naam: str
    klas: str
    stap: Stap
    categorie: Categorie
    signalen: tuple[SignaalSoort, ...]
    laatste_contact: date | None  # the last gesprek or MDO
    open_actiepunten: int
    eerste_deadline: date | None
    actiepunten_over_tijd: int
    volgende_evaluatie: date | None  # the first one from today; else the last one passed
    evaluatie_over_tijd: bool
    sleutel: str = ""  # how lists sort the student: domain.zoeken.naam_sorteersleutel
    sinds: date | None = None  # the traject was opened
    casusregisseur: str = ""  # the traject's eigenaar, by full name
    laatste_contact_soort: str = ""  # "MDO", "huisbezoek" … (what the last contact was)

    @property
    def signalen_tekst(self) -> str:
        return ", ".join(SIGNAAL_KORT[s] for s in self.signalen)

    @property
    def contact_tekst(self) -> str:
        if not self.laatste_contact:
            return "nog geen"
        return formaat.datum(self.laatste_contact) + (f" ({self.laatste_contact_soort})"
                                                    if self.laatste_contact_soort else "")

    @property
    def evaluatie_tekst(self) -> str:
        if not self.volgende_evaluatie:
            return "niet gepland"
        return formaat.datum(self.volgende_evaluatie) + (" (over tijd)" if self.evaluatie_over_tijd else "")

    @property
    def actiepunten_tekst(self) -> str:
        if not self.open_actiepunten:
            return "geen"
        tekst = f"{self.open_actiepunten}, eerste uiterlijk {formaat.datum(self.eerste_deadline)}"
        return tekst + (f" ({self.actiepunten_over_tijd} over tijd)" if self.actiepunten_over_tijd else "")

    def cellen(self) -> list[str]:
        """The row as the screen shows it (the columns of KOLOMMEN)."""
        return [self.naam, self.leerlingnummer, self.klas, self.categorie.label, f"{int(self.stap)}",
                formaat.datum(self.sinds) if self.sinds else "", self.casusregisseur or "niemand",
                self.signalen_tekst or "–", self.contact_tekst, self.actiepunten_tekst, self.evaluatie_tekst]

    def pdf_cellen(self) -> list[str]:
        """The row as the PDF prints it (PDF_KOLOMMEN): related facts share a cell, so the notes get room."""
        return [f"{self.naam}\nnr. {self.leerlingnummer}" + (f" · klas {self.klas}" if self.klas else ""),
                f"{self.categorie.label}\nstap {int(self.stap)}" + (f", sinds {formaat.datum(self.sinds)}" if self.sinds else ""),
                self.casusregisseur or "niemand", self.signalen_tekst or "–", self.contact_tekst,
                self.actiepunten_tekst, self.evaluatie_tekst]


KOLOMMEN = ("Leerling", "Leerlingnummer", "Klas", "Categorie", "Stap", "Sinds", "Casusregisseur", "Signalen",
            "Laatste contact", "Open actiepunten", "Volgende evaluatie")
PDF_KOLOMMEN = ("Leerling", "Traject", "Casusregisseur", "Signalen", "Laatste contact", "Open actiepunten",
                "Volgende evaluatie")


class OverzichtenService:
    def __init__(self, ctx: Context, kalender: KalenderService, signalen: SignalenService, school: SchoolService):
        self.ctx = ctx
        self.kalender = kalender
        self.signalen = signalen
        self.school = school
        self._eerste: tuple[int, date | None] | None = None  # (the store's data version, the first verzuim date)

    def _tot(self, vandaag: date | None) -> date:
        return self.signalen.bijgewerkt_tot() or vandaag or date.today()

    def schooljaren(self, *, vandaag: date | None = None) -> list[int]:
        """The school years with verzuim (newest first), at least the current one."""
        tot = self._tot(vandaag)
        eerste = self.eerste_verzuimdatum()
        van = schooljaar_start(min(eerste, tot) if eerste else tot).year
        return list(range(schooljaar_start(tot).year, van - 1, -1))

    def eerste_verzuimdatum(self) -> date | None:
        """The date of the oldest verzuim, kept per data version: finding it reads every verzuim row (no index
        on the date alone; one would slow the import), 0.3 s at 20,000 students. The window asks for it in the
        background after the signals (ui/vandaag/stand.py), so Overzichten opens without that wait."""
        if self.ctx.store.db.in_transaction():  # its own uncommitted writes: not for the cache
            return m.Verzuim.select(pw.fn.MIN(m.Verzuim.datum)).scalar()
        versie = self.ctx.store.versie  # read before the data: a write during the query moves it on
        if self._eerste is None or self._eerste[0] != versie:
            self._eerste = (versie, m.Verzuim.select(pw.fn.MIN(m.Verzuim.datum)).scalar())
        return self._eerste[1]

    # --- trends -------------------------------------------------------------------------------------

    def trends(self, schooljaar: int | None = None, *, vandaag: date | None = None) -> Trends:
        """Month by month for the school year (default: the current one) through "bijgewerkt t/m"."""
        tot = self._tot(vandaag)
        schooljaar = schooljaar_start(tot).year if schooljaar is None else int(schooljaar)
        tot = min(tot, date(schooljaar + 1, 7, 31))
        with self.ctx.action():
            leerlingen = _leerlingen(None)
            nummer = {ll.id: ll.leerlingnummer for ll in leerlingen}
            cal = self.kalender.calendar()
            inst = self.signalen.instellingen()
            tabel, dagen = _dagen_voor_jaar(cal, nummer, schooljaar, tot, inst.uren_per_lesdag)
            meldingen, mazl = _meldingen(nummer, None), _mazl(nummer, None)
        if tot < date(schooljaar, 8, 1):
            return Trends(schooljaar, tot, [])
        return trends_dagen(cal, inst, leerlingen, tabel, dagen, meldingen, mazl, schooljaar, tot)

    # --- werkt het? -----------------------------------------------------------------------------------

    def effecten(self, schooljaar: int | None = None, *, vandaag: date | None = None) -> Effecten:
        """Per type of intervention in the plannen van aanpak: count and average verzuim before/after –
        of every intervention, or of those that started in `schooljaar` (the jaaroverzicht)."""
        tot = self._tot(vandaag)
        with self.ctx.action():
            alle = [e for lijst in self._effecten(None, tot).values() for e in lijst
                    if schooljaar is None or schooljaar_start(e.van).year == schooljaar]
        voetnoot = VOETNOOT if schooljaar is None else (
            f"Interventies die in schooljaar {schooljaar}-{schooljaar + 1} zijn gestart. {VOETNOOT}")
        return Effecten(per_soort(alle), tot, voetnoot)

    def effect_per_leerling(self, leerlingnummer: str, *, vandaag: date | None = None) -> LeerlingEffecten:
        """The student's verzuim per lesweek of the current school year, with the interventions."""
        tot = self._tot(vandaag)
        with self.ctx.action():
            leerling = leerlingnummers.zoek(leerlingnummer)
            if leerling is None:
                raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
            effecten = self._effecten(leerling.id, tot).get(leerling.id, [])
            start = schooljaar_start(tot)
            uren = _uren_per_dag([leerling.id], start, tot)[leerling.id]
        dagduur = m.School.get().uren_per_lesdag
        cal = self.kalender.calendar()
        per_week: dict[date, list[date]] = defaultdict(list)
        for d in cal.lesdagen(max(start, leerling.inschrijfdatum), tot):
            per_week[d - timedelta(days=d.weekday())].append(d)
        weken = []
        for maandag, dagen in sorted(per_week.items()):
            verzuimd = sum(min(uren.get(d, 0.0), dagduur) for d in dagen)
            weken.append(Lesweek(maandag, len(dagen), verzuimd, percentage(verzuimd, len(dagen) * dagduur)))
        return LeerlingEffecten(leerling.leerlingnummer, start.year, tot, weken,
                                sorted(effecten, key=lambda e: (e.van, e.soort)))

    def _effecten(self, leerling_id: int | None, tot: date) -> dict[int, list[Effect]]:
        """The interventions with a start date in the newest plan of every traject, with their figures."""
        nieuwste = (m.PlanVanAanpak.select(m.PlanVanAanpak.traject, pw.fn.MAX(m.PlanVanAanpak.versie).alias("v"))
                    .group_by(m.PlanVanAanpak.traject))
        query = (m.PlanVanAanpak.select(m.PlanVanAanpak.interventies, m.Leerling.id, m.Leerling.inschrijfdatum)
                 .join(m.Traject).join(m.Leerling)
                 .join(nieuwste, on=((m.PlanVanAanpak.traject == nieuwste.c.traject_id)
                                     & (m.PlanVanAanpak.versie == nieuwste.c.v))))
        if leerling_id is not None:
            query = query.where(m.Leerling.id == leerling_id)
        starts: list[tuple[int, date, str, date, date | None]] = []
        for interventies, lid, ingeschreven in query.tuples():
            for i in json.loads(interventies):
                if i.get("van") and date.fromisoformat(i["van"]) <= tot:
                    starts.append((lid, ingeschreven, i["soort"], date.fromisoformat(i["van"]),
                                   date.fromisoformat(i["tot"]) if i.get("tot") else None))
        if not starts:
            return {}
        cal = self.kalender.calendar()
        dagduur = m.School.get().uren_per_lesdag
        eerste = min(s[3] for s in starts) - timedelta(weeks=26)
        uren = _uren_per_dag(sorted({s[0] for s in starts}), eerste, tot)
        uit: dict[int, list[Effect]] = defaultdict(list)
        for lid, ingeschreven, soort, van, eind in starts:
            uit[lid].append(effect(cal, soort, van, uren[lid], dagduur, tot=tot, vanaf=ingeschreven, eind=eind))
        return uit

    # --- lijstbespreking ------------------------------------------------------------------------------

    def lijstbespreking(self, *, vandaag: date | None = None) -> list[BesprekingsRij]:
        """Every student with an open traject, by name."""
        vandaag = vandaag or date.today()
        overzicht = self.signalen.overzicht()  # outside the action: it is a long read of its own
        with self.ctx.action():
            per_signaal: dict[str, list[SignaalSoort]] = defaultdict(list)
            for s in overzicht.signalen:
                if s.soort not in per_signaal[s.leerlingnummer]:
                    per_signaal[s.leerlingnummer].append(s.soort)
            contact = _laatste_contact()
            casusregisseur = _casusregisseurs()
            actiepunten: dict[int, list[date]] = defaultdict(list)
            for lid, uiterlijk in (m.Actiepunt.select(m.Actiepunt.leerling, m.Actiepunt.uiterlijk)
                                   .where(m.Actiepunt.status == ActiepuntStatus.OPEN.value).tuples()):
                actiepunten[lid].append(uiterlijk)
            evaluaties: dict[int, list[date]] = defaultdict(list)
            nieuwste = (m.PlanVanAanpak.select(m.PlanVanAanpak.traject, pw.fn.MAX(m.PlanVanAanpak.versie).alias("v"))
                        .group_by(m.PlanVanAanpak.traject))
            for traject_id, momenten in (m.PlanVanAanpak.select(m.PlanVanAanpak.traject, m.PlanVanAanpak.evaluatiemomenten)
                                         .join(nieuwste, on=((m.PlanVanAanpak.traject == nieuwste.c.traject_id)
                                                             & (m.PlanVanAanpak.versie == nieuwste.c.v))).tuples()):
                evaluaties[traject_id].extend(date.fromisoformat(x) for x in json.loads(momenten))
            rijen = []
            query = (m.Traject.select(m.Traject, m.Leerling).join(m.Leerling)
                     .where(m.Traject.status == TrajectStatus.OPEN.value))
            for t in query:
                ll = t.leerling
                volgende = traject_evaluatie(evaluaties[t.id], t.evaluatiedatum, vandaag)  # the plan's, else own
                open_ = sorted(actiepunten[ll.id])
                laatste, soort = contact.get(ll.id, (None, ""))
                rijen.append(BesprekingsRij(
                    ll.leerlingnummer, ll.naam,
                    ll.klas, Stap(t.stap), Categorie(t.categorie), tuple(per_signaal.get(ll.leerlingnummer, ())),
                    laatste, len(open_), open_[0] if open_ else None,
                    sum(1 for d in open_ if d < vandaag), volgende, bool(volgende and volgende < vandaag),
                    naam_sorteersleutel(ll.achternaam, ll.voornaam, ll.tussenvoegsel),
                    sinds=t.geopend, casusregisseur=casusregisseur(t.eigenaar_gebruiker_id, t.eigenaar_contact_id),
                    laatste_contact_soort=soort))
        rijen.sort(key=lambda r: (r.sleutel, natuurlijke_sleutel(r.leerlingnummer)))
        return rijen

    # --- PDFs -----------------------------------------------------------------------------------------

    def lijstbespreking_pdf(self, rijen: Sequence[BesprekingsRij] | None = None, filtertekst: str = "", *,
                            vandaag: date | None = None) -> bytes:
        """The list as a landscape PDF: the given rows in their order (the screen's filter and sort), or all."""
        vandaag = vandaag or date.today()
        if rijen is None:
            rijen = self.lijstbespreking(vandaag=vandaag)
        with self.ctx.action():
            naam = self.school.get().naam
            self.ctx.audit(Actie.AFGEDRUKT, wat=f"lijstbespreking: {len(rijen)} leerlingen")
        from ..pdf import lijstbespreking  # reportlab: imported when used, not at start

        return lijstbespreking.lijstbespreking_pdf(lijstbespreking.Lijst(
            naam, vandaag, filtertekst, list(PDF_KOLOMMEN), [r.pdf_cellen() for r in rijen]))

    def jaaroverzicht_pdf(self, schooljaar: int | None = None, *, vandaag: date | None = None) -> bytes:
        """The jaaroverzicht of `schooljaar` (default: the current one); refused for a school year without any
        verzuim, whose charts would claim that nothing happened."""
        schooljaar = schooljaar_start(self._tot(vandaag)).year if schooljaar is None else int(schooljaar)
        with self.ctx.action():
            if not m.Verzuim.select().where(m.Verzuim.datum.between(date(schooljaar, 8, 1),
                                                                     date(schooljaar + 1, 7, 31))).exists():
                raise InvoerFout({"schooljaar": f"Over schooljaar {schooljaar}-{schooljaar + 1} is geen verzuim "
                                                "ingevoerd, dus is er niets te tellen. Importeer eerst het verzuim "
                                                "van dat schooljaar of kies een ander schooljaar."})
        t = self.trends(schooljaar, vandaag=vandaag)
        e = self.effecten(t.schooljaar, vandaag=vandaag)
        with self.ctx.action():
            naam = self.school.get().naam
        from ..pdf import jaaroverzicht  # reportlab: imported when used, not at start

        return jaaroverzicht.jaaroverzicht_pdf(jaaroverzicht.Jaaroverzicht(
            naam, t, e.per_soort, e.voetnoot, vandaag or date.today()))


def _laatste_contact() -> dict[int, tuple[date, str]]:
    """Per student the last contact – a gesprek or an MDO – and what it was ("MDO", "huisbezoek" …)."""
    uit: dict[int, tuple[date, str]] = {}
    gesprekken = (m.Gesprek.select(m.Gesprek.leerling, m.Gesprek.datum, m.Gesprek.type)
                  .order_by(m.Gesprek.datum, m.Gesprek.id).tuples())
    for lid, datum, soort in gesprekken:
        uit[lid] = (datum, CONTACT_KORT[GesprekType(soort)])
    for lid, datum in (m.Mdo.select(m.Traject.leerling, m.Mdo.datum).join(m.Traject).order_by(m.Mdo.datum).tuples()):
        if lid not in uit or datum >= uit[lid][0]:  # on the same day the MDO is the contact that counts
            uit[lid] = (datum, "MDO")
    return uit


def _casusregisseurs():
    """The casusregisseur's name for (eigenaar_gebruiker_id, eigenaar_contact_id): a user by the full name of
    their profile, a partner by name; "" for nobody."""
    gebruikers = {g: n for g, n in m.Gebruiker.select(m.Gebruiker.id, m.Gebruiker.naam).tuples()}
    gebruikers |= {g: n for g, n in m.Profiel.select(m.Profiel.gebruiker, m.Profiel.volledige_naam).tuples() if n}
    contacten = dict(m.Contact.select(m.Contact.id, m.Contact.naam).tuples())

    def naam(gebruiker_id: int | None, contact_id: int | None) -> str:
        if gebruiker_id is not None:
            return gebruikers.get(gebruiker_id, "")
        return contacten.get(contact_id, "") if contact_id is not None else ""

    return naam


def _uren_per_dag(leerling_ids: Sequence[int], van: date, tot: date) -> dict[int, dict[date, float]]:
    """Verzuim hours (all redenen) per day, van..tot, of these students."""
    uit: dict[int, dict[date, float]] = {i: defaultdict(float) for i in leerling_ids}
    for begin in range(0, len(leerling_ids), 500):
        ids = list(leerling_ids[begin:begin + 500])
        for lid, datum, uren in (m.Verzuim.select(m.Verzuim.leerling, m.Verzuim.datum, pw.fn.SUM(m.Verzuim.uren))
                                 .where(m.Verzuim.leerling.in_(ids) & m.Verzuim.datum.between(van, tot))
                                 .group_by(m.Verzuim.leerling, m.Verzuim.datum).tuples()):
            uit[lid][datum] += uren
    return uit


def _dagen_voor_jaar(cal, nummer: dict[int, str], schooljaar: int, tot: date,
                     dagduur: float) -> tuple[LesdagTabel, dict[str, Dagen]]:
    """The hours per lesdag the rules need at every month end of the school year and at 31 July before it: the
    year from the last lesdag before it, plus the history of the students whose runs cross into the year (whole
    days on that last lesdag or on the first one of the year, or ill on one of them; see signalen._dagen)."""
    juli = date(schooljaar, 7, 31)
    grenzen = [*cal.lesdagen(juli - timedelta(days=366), juli)[-1:], *cal.lesdagen(juli + timedelta(days=1), tot)[:1]]
    return _dagen(cal, nummer, max(tot, juli), None, dagduur, grenzen)
