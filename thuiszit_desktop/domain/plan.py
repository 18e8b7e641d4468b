"""The plan van aanpak of a traject: what school, student and ouders agree on (step 4 of the praktijkkaart).

A plan has versions. A version is a `concept` until it is `vastgesteld` after the overleg with the ouders
(with their akkoord, or the student's own from 16); a vastgesteld version is read-only, and changing it
makes a new concept version that starts as a copy. Per doel an evaluation records behaald / deels / niet.
Pure: no database, no PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .errors import InvoerFout
from .leerling import Leerling, add_years
from .traject import Analyse

MAX_TEKST = 20_000  # per field; a 5,000-character text is normal, a pasted book is not
ZELF_AKKOORD_VANAF = 16  # from this age the student agrees for themself

STANDAARD_INTERVENTIES: tuple[str, ...] = (
    "Verzuimcoach",
    "M@zl / jeugdarts",
    "Aangepast rooster",
    "Afstandsonderwijs als brug",
    "Onderwijszorgarrangement",
    "Bovenschoolse voorziening",
    "Jeugdhulp / wijkteam",
    "Schoolmaatschappelijk werk",
    "Dagelijkse check-in met de mentor",
    "Sportbegeleiding",
    "Cultuuractiviteit",
    "Huiswerkbegeleiding",
)


class PlanStatus(StrEnum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"

    @property
    def label(self) -> str:
        return {"concept": "Concept", "vastgesteld": "Vastgesteld"}[self.value]


class AkkoordRol(StrEnum):
    OUDER = "ouder"
    LEERLING = "leerling"

    @property
    def label(self) -> str:
        return {"ouder": "Ouder/verzorger", "leerling": "Leerling"}[self.value]


class Uitkomst(StrEnum):
    BEHAALD = "behaald"
    DEELS = "deels"
    NIET = "niet"

    @property
    def label(self) -> str:
        return {"behaald": "Behaald", "deels": "Deels behaald", "niet": "Niet behaald"}[self.value]


@dataclass(frozen=True)
class Evaluatie:
    datum: date
    uitkomst: Uitkomst
    notitie: str = ""
    door: str = ""
    id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Doel:
    """Concrete, with a date and how we will know: "Vanaf 1 maart drie ochtenden per week op school"."""

    omschrijving: str
    datum: date | None = None
    hoe_merken: str = ""
    evaluaties: tuple[Evaluatie, ...] = ()  # oldest first; stored per version, not copied to a new one
    id: int | None = field(default=None, compare=False)

    @property
    def laatste_evaluatie(self) -> Evaluatie | None:
        return self.evaluaties[-1] if self.evaluaties else None


@dataclass(frozen=True)
class Interventie:
    soort: str  # from the school's editable catalogue (or free text)
    wie: str = ""
    van: date | None = None
    tot: date | None = None


@dataclass(frozen=True)
class PlanAfspraak:
    wie: str
    wat: str
    wanneer: str = ""  # free text: "elke maandag", "vóór 1 december"


@dataclass(frozen=True)
class Contactpersoon:
    """Someone ouders can call. From the address book or a user's profile also the id it came from, so
    the app can ask for a missing phone number or e-mail address and store it there."""

    naam: str
    rol: str = ""
    telefoon: str = ""
    email: str = ""
    gebruiker_id: int | None = field(default=None, compare=False)
    contact_id: int | None = field(default=None, compare=False)

    @property
    def bereikbaar(self) -> bool:
        return bool(self.telefoon.strip() or self.email.strip())


@dataclass(frozen=True)
class Akkoord:
    naam: str
    datum: date
    rol: AkkoordRol = AkkoordRol.OUDER


@dataclass(frozen=True)
class Plan:
    """One version of the plan van aanpak of one traject."""

    traject_id: int
    versie: int = 1
    status: PlanStatus = PlanStatus.CONCEPT
    aanleiding: str = ""
    analyse: str = ""
    leerling_wil: str = ""  # in the student's own words
    ouders_willen: str = ""
    doelen: tuple[Doel, ...] = ()
    interventies: tuple[Interventie, ...] = ()
    afspraken: tuple[PlanAfspraak, ...] = ()
    evaluatiemomenten: tuple[date, ...] = ()
    contactpersonen: tuple[Contactpersoon, ...] = ()
    overleg_datum: date | None = None
    akkoord: Akkoord | None = None
    vastgesteld_op: date | None = None
    gewijzigd: date | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def is_vastgesteld(self) -> bool:
        return self.status is PlanStatus.VASTGESTELD

    @property
    def datum(self) -> date | None:
        """The date the version is known by: vastgesteld, else last changed."""
        return self.vastgesteld_op or self.gewijzigd

    def volgende_evaluatie(self, vandaag: date) -> date | None:
        return min((d for d in self.evaluatiemomenten if d >= vandaag), default=None)


@dataclass(frozen=True)
class PlanAfdruk:
    """Everything the PDF shows: the plan and what it needs from elsewhere."""

    plan: Plan
    leerling: Leerling
    school: str
    ondertekenaars: tuple[str, ...]  # "Ingrid Bakker (moeder)", "Zoë Bakker (leerling)", "… (namens school)"
    zorgcoordinator: str = ""
    logo: bytes | None = None


# --- rules ----------------------------------------------------------------------------------------

def zelf_akkoord(geboortedatum: date, datum: date) -> bool:
    """A student of 16 or older on `datum` agrees for themself."""
    return datum >= add_years(geboortedatum, ZELF_AKKOORD_VANAF)


def akkoord_rol(geboortedatum: date, datum: date) -> AkkoordRol:
    return AkkoordRol.LEERLING if zelf_akkoord(geboortedatum, datum) else AkkoordRol.OUDER


def check_plan(plan: Plan) -> Plan:
    """Tidied (trimmed texts, empty rows dropped, dates sorted) or InvoerFout with every problem."""
    fouten: dict[str, str] = {}
    for naam in ("aanleiding", "analyse", "leerling_wil", "ouders_willen"):
        if len(getattr(plan, naam)) > MAX_TEKST:
            fouten[naam] = f"Deze tekst is te lang (meer dan {MAX_TEKST} tekens)."
    doelen = []
    for i, d in enumerate(plan.doelen, 1):
        if not (d.omschrijving.strip() or d.hoe_merken.strip()) and d.datum is None:
            continue
        if not d.omschrijving.strip():
            fouten[f"doel {i}"] = "Beschrijf het doel."
        doelen.append(replace(d, omschrijving=d.omschrijving.strip(), hoe_merken=d.hoe_merken.strip()))
    interventies = []
    for i, iv in enumerate(plan.interventies, 1):
        if not (iv.soort.strip() or iv.wie.strip()) and iv.van is None and iv.tot is None:
            continue
        if not iv.soort.strip():
            fouten[f"interventie {i}"] = "Kies wat er wordt ingezet."
        elif iv.van and iv.tot and iv.tot < iv.van:
            fouten[f"interventie {i}"] = "De einddatum ligt vóór de begindatum."
        interventies.append(replace(iv, soort=iv.soort.strip(), wie=iv.wie.strip()))
    afspraken = []
    for i, a in enumerate(plan.afspraken, 1):
        if not (a.wie.strip() or a.wat.strip() or a.wanneer.strip()):
            continue
        if not a.wat.strip():
            fouten[f"afspraak {i}"] = "Beschrijf wat er is afgesproken."
        afspraken.append(PlanAfspraak(a.wie.strip(), a.wat.strip(), a.wanneer.strip()))
    contacten = []
    for i, c in enumerate(plan.contactpersonen, 1):
        if not (c.naam.strip() or c.rol.strip() or c.telefoon.strip() or c.email.strip()):
            continue
        if not c.naam.strip():
            fouten[f"contactpersoon {i}"] = "Vul een naam in."
        contacten.append(Contactpersoon(c.naam.strip(), c.rol.strip(), c.telefoon.strip(), c.email.strip()))
    if fouten:
        raise InvoerFout(fouten)
    return replace(plan, aanleiding=plan.aanleiding.strip(), analyse=plan.analyse.strip(),
                   leerling_wil=plan.leerling_wil.strip(), ouders_willen=plan.ouders_willen.strip(),
                   doelen=tuple(doelen), interventies=tuple(interventies), afspraken=tuple(afspraken),
                   evaluatiemomenten=tuple(sorted(set(plan.evaluatiemomenten))), contactpersonen=tuple(contacten))


def check_vaststellen(plan: Plan, overleg_datum: date | None, akkoord: Akkoord | None, geboortedatum: date,
                      vandaag: date) -> Akkoord:
    """A plan is vastgesteld after the overleg with the ouders, with a named akkoord on or after it; the
    akkoord's rol follows the student's age on that date. Returns the akkoord with the right rol."""
    fouten: dict[str, str] = {}
    if plan.is_vastgesteld:
        raise InvoerFout(f"Versie {plan.versie} is al vastgesteld.")
    if not plan.doelen:
        fouten["doelen"] = "Een plan heeft minstens één doel."
    if overleg_datum is None:
        fouten["overleg_datum"] = "Vul de datum van het overleg met ouders in."
    elif overleg_datum > vandaag:
        fouten["overleg_datum"] = "De datum van het overleg kan niet in de toekomst liggen."
    if akkoord is None or not akkoord.naam.strip():
        fouten["akkoord"] = "Vul in wie akkoord is gegeven."
    elif akkoord.datum > vandaag:
        fouten["akkoord"] = "De datum van het akkoord kan niet in de toekomst liggen."
    elif overleg_datum is not None and akkoord.datum < overleg_datum:
        fouten["akkoord"] = "Het akkoord kan niet vóór het overleg zijn gegeven."
    if fouten:
        raise InvoerFout(fouten)
    assert akkoord is not None
    return Akkoord(" ".join(akkoord.naam.split()), akkoord.datum, akkoord_rol(geboortedatum, akkoord.datum))


def nieuwe_versie(plan: Plan, gewijzigd: date) -> Plan:
    """The concept that starts as a copy of a vastgesteld version (without its akkoord and evaluaties)."""
    return replace(plan, id=None, versie=plan.versie + 1, status=PlanStatus.CONCEPT, overleg_datum=None,
                   akkoord=None, vastgesteld_op=None, gewijzigd=gewijzigd,
                   doelen=tuple(replace(d, id=None, evaluaties=()) for d in plan.doelen))


def analyse_tekst(analyse: Analyse) -> str:
    """Step 4's analysis as plain sentences, to start the plan's analyse with (the user edits it)."""
    regels = []
    for domein, f in analyse.factoren.items():
        delen = []
        if f.risico.strip():
            delen.append(f"Wat het moeilijk maakt: {_zin(f.risico)}")
        if f.beschermend.strip():
            delen.append(f"Wat helpt: {_zin(f.beschermend)}")
        if delen:
            regels.append(f"{domein.label}. " + " ".join(delen))
    if analyse.verzuimtype:
        regels.append(f"Soort verzuim: {analyse.verzuimtype.label.lower()}.")
    if analyse.kearney_functie:
        regels.append(f"Waarom het verzuim er is: {analyse.kearney_functie.label.lower()}.")
    return "\n".join(regels)


def _zin(tekst: str) -> str:
    """A text as a sentence: capital first letter, closing punctuation."""
    tekst = " ".join(tekst.split())
    tekst = tekst[:1].upper() + tekst[1:]
    return tekst if tekst[-1:] in ".!?'’\")" else tekst + "."


def catalogus(soorten: Iterable[str]) -> tuple[str, ...]:
    """The catalogue tidied: trimmed, no empties, no duplicates (case-insensitive), in the given order."""
    uit: list[str] = []
    gezien: set[str] = set()
    for s in soorten:
        s = " ".join(str(s).split())
        if s and s.casefold() not in gezien:
            gezien.add(s.casefold())
            uit.append(s)
    return tuple(uit)
