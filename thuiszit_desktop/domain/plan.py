"""The plan van aanpak of a traject: what school, student and ouders agree on (step 4 of the praktijkkaart).

A plan has versions. A version is a `concept` until it is `vastgesteld` after the overleg with the ouders
(with their akkoord, or the student's own from 16); a vastgesteld version is read-only, and changing it
makes a new concept version that starts as a copy. Per doel an evaluation records behaald / deels / niet;
a doel of a new version knows the doel it continues (`herkomst`), so the version can say what changed
(`wijzigingen`) and show the earlier evaluations. Everyone signs a vastgesteld version – the ouders, the
student at every age (from 16 theirs is the signature that counts) and the school – and nobody signs a
concept. Pure: no database, no PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from .errors import InvoerFout
from .formaat import lange_datum
from .gebruiker import Profiel, bereikbaarheid_fouten
from .gewone_woorden import interventie_voor_ouders
from .leerling import Leerling, add_years
from .traject import Domein, Factoren

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
    herkomst: int | None = field(default=None, compare=False)  # the id of the doel of the version before
    # (versie, evaluatie) of the doelen this one continues, oldest first: shown, never changed
    eerdere_evaluaties: tuple[tuple[int, Evaluatie], ...] = field(default=(), compare=False)

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
    # the analysis for ouders: per domain what makes it hard (risico) and what helps (beschermend)
    factoren: Mapping[Domein, Factoren] = field(default_factory=dict)
    overleg_datum: date | None = None
    akkoord: Akkoord | None = None
    vastgesteld_op: date | None = None
    gewijzigd: date | None = None
    id: int | None = field(default=None, compare=False)
    rijversie: int | None = field(default=None, compare=False)  # the version it was read at: give it back when saving a change (services/versies.py)

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
class Ondertekenaar:
    naam: str
    als: str  # "moeder", "leerling", "zorgcoördinator, namens Het Baken"


@dataclass(frozen=True)
class PlanAfdruk:
    """Everything the PDF shows: the plan and what it needs from elsewhere."""

    plan: Plan
    leerling: Leerling
    school: str
    ondertekenaars: tuple[Ondertekenaar, ...] = ()  # empty for a concept: nobody signs a concept
    casusregisseur: Contactpersoon | None = None
    logo: bytes | None = None
    vorige: Plan | None = None  # the version before, for "wat er veranderd is"
    gedrukt: date | None = None

    @property
    def wijzigingen(self) -> list[str]:
        return wijzigingen(self.vorige, self.plan) if self.vorige is not None else []


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
        elif bereikbaarheid_fouten(c.telefoon, c.email):
            fouten[f"contactpersoon {i}"] = " ".join(bereikbaarheid_fouten(c.telefoon, c.email).values())
        contacten.append(Contactpersoon(c.naam.strip(), c.rol.strip(), c.telefoon.strip(), c.email.strip()))
    factoren = {}
    for domein in Domein:
        f = plan.factoren.get(domein)
        if f is None or not (f.risico.strip() or f.beschermend.strip()):
            continue
        if len(f.risico) > MAX_TEKST or len(f.beschermend) > MAX_TEKST:
            fouten["factoren"] = f"Deze tekst is te lang (meer dan {MAX_TEKST} tekens)."
        factoren[domein] = Factoren(f.risico.strip(), f.beschermend.strip())
    if fouten:
        raise InvoerFout(fouten)
    return replace(plan, aanleiding=plan.aanleiding.strip(), analyse=plan.analyse.strip(),
                   leerling_wil=plan.leerling_wil.strip(), ouders_willen=plan.ouders_willen.strip(),
                   doelen=tuple(doelen), interventies=tuple(interventies), afspraken=tuple(afspraken),
                   evaluatiemomenten=tuple(sorted(set(plan.evaluatiemomenten))), contactpersonen=tuple(contacten),
                   factoren=factoren)


def bereikbaar_fouten(plan: Plan, casusregisseur: Contactpersoon | None) -> dict[str, str]:
    """Ouders must be able to reach the casusregisseur and every contact of the plan: each needs a phone
    number or an e-mail address. Keyed "casusregisseur" and "contactpersoon <n>"."""
    fouten: dict[str, str] = {}
    if casusregisseur is None:
        fouten["casusregisseur"] = ("Dit traject heeft geen casusregisseur. Wijs bij het traject iemand aan die "
                                    "het overzicht houdt.")
    elif not casusregisseur.bereikbaar:
        fouten["casusregisseur"] = (f"Vul een telefoonnummer of e-mailadres in van {casusregisseur.naam} "
                                    "(casusregisseur), zodat ouders hem of haar kunnen bereiken.")
    for i, c in enumerate(plan.contactpersonen, 1):
        if c.naam.strip() and not c.bereikbaar:
            fouten[f"contactpersoon {i}"] = (f"Vul een telefoonnummer of e-mailadres in van {c.naam}, zodat ouders "
                                             "hem of haar kunnen bereiken.")
    return fouten


def check_vaststellen(plan: Plan, overleg_datum: date | None, akkoord: Akkoord | None, geboortedatum: date,
                      vandaag: date, *, casusregisseur: Contactpersoon | None = None,
                      ondertekenaar: Profiel | None = None) -> Akkoord:
    """A plan is vastgesteld after the overleg with the ouders, with a named akkoord on or after it; the
    akkoord's rol follows the student's age on that date. The casusregisseur and every contact can be
    reached (`bereikbaar_fouten`), and the one who vaststelt signs for the school with a full name and a
    function (`ondertekenaar`, their profile). Returns the akkoord with the right rol."""
    fouten: dict[str, str] = {}
    if plan.is_vastgesteld:
        raise InvoerFout(f"Versie {plan.versie} is al vastgesteld.")
    if not plan.doelen:
        fouten["doelen"] = "Een plan heeft minstens één doel."
    fouten.update(bereikbaar_fouten(plan, casusregisseur))
    if ondertekenaar is None or not ondertekenaar.compleet:
        fouten["ondertekenaar"] = ("Vul uw volledige naam en functie in: daarmee tekent u het plan namens de "
                                   "school.")
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
    """The concept that starts as a copy of a vastgesteld version (without its akkoord and evaluaties); each
    doel remembers the doel it continues."""
    return replace(plan, id=None, versie=plan.versie + 1, status=PlanStatus.CONCEPT, overleg_datum=None,
                   akkoord=None, vastgesteld_op=None, gewijzigd=gewijzigd,
                   doelen=tuple(replace(d, id=None, herkomst=d.id if d.id is not None else d.herkomst,
                                        evaluaties=(), eerdere_evaluaties=())
                                for d in plan.doelen))


def ondertekenaars(leerling: Leerling, peildatum: date, school: Ondertekenaar) -> tuple[Ondertekenaar, ...]:
    """Who signs a vastgesteld plan: the student at every age – first, from 16, since theirs is the signature
    that counts – the ouders with gezag, and the school."""
    ouders = [Ondertekenaar(o.naam, o.relatie.value) for o in leerling.ouders if o.gezag] or [
        Ondertekenaar("", "ouder/verzorger")]
    zelf = Ondertekenaar(leerling.naam, "leerling")
    if zelf_akkoord(leerling.geboortedatum, peildatum):
        return (zelf, *ouders, school)
    return (*ouders, zelf, school)


# --- what changed since the version before -----------------------------------------------------------

def wijzigingen(oud: Plan, nieuw: Plan) -> list[str]:
    """What changed from `oud` to `nieuw`, in plain sentences: doelen added, ended, reworded or with a new
    date; interventies started, ended or with new dates (named as in "Wat we doen" of the PDF, in the words
    ouders read); evaluation moments added or dropped.

    A doel of the new version is the same doel when it continues the old one (`herkomst`), or – for
    versions without that link – when it has the same text."""
    uit: list[str] = []
    oude = {d.id: d for d in oud.doelen if d.id is not None}
    gebruikt: set[int] = set()
    for d in nieuw.doelen:
        vorig = oude.get(d.herkomst) if d.herkomst is not None else None
        if vorig is None:
            vorig = next((o for o in oud.doelen if id(o) not in gebruikt and o.omschrijving == d.omschrijving), None)
        if vorig is None:
            uit.append(f"Nieuw doel: {d.omschrijving}")
            continue
        gebruikt.add(id(vorig))
        if vorig.omschrijving != d.omschrijving:
            uit.append(f"Doel aangepast: {d.omschrijving} (was: {vorig.omschrijving})")
        if vorig.datum != d.datum:
            uit.append(f"Nieuwe datum voor het doel ‘{d.omschrijving}’: "
                       f"{lange_datum(d.datum) or 'geen datum'} (was {lange_datum(vorig.datum) or 'geen datum'})")
    for o in oud.doelen:
        if id(o) not in gebruikt:
            laatste = o.laatste_evaluatie
            hoe = f" (laatste evaluatie: {laatste.uitkomst.label.lower()})" if laatste else ""
            uit.append(f"Doel gestopt: {o.omschrijving}{hoe}")
    oude_iv = {i.soort.casefold(): i for i in oud.interventies}
    nieuwe_iv = {i.soort.casefold(): i for i in nieuw.interventies}
    for sleutel, i in nieuwe_iv.items():
        vorige_iv = oude_iv.get(sleutel)
        if vorige_iv is None:
            uit.append(f"Nieuw ingezet: {interventie_voor_ouders(i.soort)}")
        elif (vorige_iv.van, vorige_iv.tot) != (i.van, i.tot):
            uit.append(f"Andere datums voor ‘{interventie_voor_ouders(i.soort)}’: {periode(i.van, i.tot)} "
                       f"(was {periode(vorige_iv.van, vorige_iv.tot)})")
    for sleutel, i in oude_iv.items():
        if sleutel not in nieuwe_iv:
            uit.append(f"Gestopt: {interventie_voor_ouders(i.soort)}")
    erbij = sorted(set(nieuw.evaluatiemomenten) - set(oud.evaluatiemomenten))
    eraf = sorted(set(oud.evaluatiemomenten) - set(nieuw.evaluatiemomenten))
    if erbij:
        uit.append("Nieuw moment om te kijken hoe het gaat: " + ", ".join(lange_datum(x) for x in erbij))
    if eraf:
        uit.append("Vervallen moment om te kijken hoe het gaat: " + ", ".join(lange_datum(x) for x in eraf))
    return uit


def periode(van: date | None, tot: date | None, zonder: str = "geen datum") -> str:
    """"1 september 2026 tot 1 november 2026", "vanaf …", "tot …", or `zonder` for no dates."""
    if van and tot:
        return f"{lange_datum(van)} tot {lange_datum(tot)}"
    if van:
        return f"vanaf {lange_datum(van)}"
    if tot:
        return f"tot {lange_datum(tot)}"
    return zonder


# --- dates to check before a version goes out ----------------------------------------------------------

class Kalender(Protocol):
    def is_lesdag(self, d: date) -> bool: ...

    def omschrijving(self, d: date) -> str: ...


def datum_waarschuwingen(plan: Plan, vandaag: date, kalender: Kalender) -> list[tuple[str, str]]:
    """Dates of a concept worth a second look – a warning, never a refusal: a doel's date, an evaluation
    moment or the end of an interventie in the past, and a date still ahead on a day without lessons
    (weekend, vacation, holiday or vrije dag). (key, message) in the order of the plan; keys as in
    check_plan ("doel 2")."""
    uit: list[tuple[str, str]] = []

    def kijk(sleutel: str, wat: str, d: date | None, *, verleden: bool) -> None:
        if d is None or (not verleden and d < vandaag):  # a start that lies behind us is history
            return
        if verleden and d < vandaag:
            uit.append((sleutel, f"{wat}: {lange_datum(d)} ligt in het verleden."))
        elif not kalender.is_lesdag(d):
            uit.append((sleutel, f"{wat}: {lange_datum(d, dag=True)} is geen lesdag "
                                 f"({kalender.omschrijving(d).lower()})."))

    for i, doel in enumerate(plan.doelen, 1):
        kijk(f"doel {i}", f"Doel {i}", doel.datum, verleden=True)
    for i, iv in enumerate(plan.interventies, 1):
        kijk(f"interventie {i}", f"{iv.soort or f'Interventie {i}'}, begin", iv.van, verleden=False)
        kijk(f"interventie {i}", f"{iv.soort or f'Interventie {i}'}, einde", iv.tot, verleden=True)
    for i, d in enumerate(plan.evaluatiemomenten, 1):
        kijk(f"evaluatiemoment {i}", "Evaluatiemoment", d, verleden=True)
    return uit


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
