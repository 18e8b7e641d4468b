"""The praktijkkaart 'Van thuis weer naar school' per student: a traject along five steps with a
checklist, gesprekken, MDO's with besluiten and actiepunten, nazorg, and the timeline of it all.

Pure rules and vocabulary only; the traject services (services/trajecten.py, gesprekken.py, mdo.py,
actiepunten.py …) store and gather. The steps guide, they do not lock: any checklist item can be done in any
order, and `voortgang` reports per step what is still open.

About 600 lines because it is the praktijkkaart's whole vocabulary (mostly enums with their Dutch labels and the
checklist's texts), read together with DOMEIN.md; the rules in it are short.
"""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from . import formaat
from .errors import InvoerFout
from .leerling import add_years
from .signalen import SignaalSoort

# --- the traject ----------------------------------------------------------------------------------


class Categorie(StrEnum):
    DREIGEND_THUISZITTER = "dreigend_thuiszitter"
    THUISZITTER = "thuiszitter"
    ABSOLUUT_VERZUIM = "absoluut_verzuim"
    VRIJSTELLING = "vrijstelling"
    ZORGWEKKEND_ZIEKTEVERZUIM = "zorgwekkend_ziekteverzuim"

    @property
    def label(self) -> str:
        return {
            "dreigend_thuiszitter": "Dreigend thuiszitter",
            "thuiszitter": "Thuiszitter",
            "absoluut_verzuim": "Absoluut verzuim",
            "vrijstelling": "Vrijstelling",
            "zorgwekkend_ziekteverzuim": "Zorgwekkend ziekteverzuim",
        }[self.value]


_CATEGORIE_VAN_SIGNAAL = {
    SignaalSoort.MELDPLICHT_16U: Categorie.DREIGEND_THUISZITTER,
    SignaalSoort.THUISZITTER: Categorie.THUISZITTER,
    SignaalSoort.THUISZITTER_3MND: Categorie.THUISZITTER,
    SignaalSoort.LANGDURIG_AFWEZIG: Categorie.DREIGEND_THUISZITTER,
    SignaalSoort.MAZL: Categorie.ZORGWEKKEND_ZIEKTEVERZUIM,
    SignaalSoort.LUXE_VERZUIM: Categorie.DREIGEND_THUISZITTER,
    SignaalSoort.ABSOLUUT_VERZUIM: Categorie.ABSOLUUT_VERZUIM,
}


def categorie_voor_signaal(soort: SignaalSoort) -> Categorie:
    """The category a traject opened from this signal starts with (the user can change it)."""
    return _CATEGORIE_VAN_SIGNAAL[SignaalSoort(soort)]


class TrajectStatus(StrEnum):
    OPEN = "open"
    GESLOTEN = "gesloten"

    @property
    def label(self) -> str:
        return {"open": "Open", "gesloten": "Gesloten"}[self.value]


class Sluitreden(StrEnum):
    TERUG_NAAR_SCHOOL = "terug_naar_school"
    ANDER_ONDERWIJS = "ander_onderwijs"
    VRIJSTELLING = "vrijstelling"
    VERHUISD = "verhuisd"
    STARTKWALIFICATIE_18 = "startkwalificatie_18"
    ANDERS = "anders"

    @property
    def label(self) -> str:
        return {
            "terug_naar_school": "Terug naar school",
            "ander_onderwijs": "Naar ander onderwijs",
            "vrijstelling": "Vrijstelling",
            "verhuisd": "Verhuisd",
            "startkwalificatie_18": "Startkwalificatie behaald of 18 jaar",
            "anders": "Anders",
        }[self.value]


class Stap(IntEnum):
    """The five steps of the praktijkkaart."""

    IN_BEELD = 1
    CONTACT = 2
    SAMENWERKEN = 3
    INTERVENTIE = 4
    TERUG_IN_BEELD = 5

    @property
    def titel(self) -> str:
        return {
            1: "Leerlingen in beeld brengen en vasthouden",
            2: "Contact met leerlingen en ouders",
            3: "Met wie werk je samen rondom (dreigend) thuiszitten",
            4: "Het inzetten van een interventie / maatwerk",
            5: "Weer terug in beeld brengen",
        }[self.value]


def check_stap(stap: int) -> Stap:
    try:
        return Stap(int(stap))
    except (ValueError, TypeError):
        raise InvoerFout({"stap": "Kies een stap van 1 tot en met 5."}) from None


# --- the checklist --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    stap: Stap
    label: str
    hulp: str  # one line in the praktijkkaart's own words


CHECKLIST: tuple[ChecklistItem, ...] = (
    # Stap 1
    ChecklistItem("verzuim_geanalyseerd", Stap.IN_BEELD, "Verzuim geanalyseerd (alle verzuim, ook geoorloofd)",
                  "Een aanwezigheidsregistratie maakt geen onderscheid tussen geoorloofd en ongeoorloofd "
                  "verzuim: neem ook (ziekte-)verzuim mee, zodat (dreigende) thuiszitters snel in beeld zijn."),
    ChecklistItem("gemeld_bij_leerplicht", Stap.IN_BEELD, "Gemeld bij leerplicht (DUO-verzuimmelding)",
                  "De leerplichtambtenaar heeft een wettelijke taak bij (een vermoeden van) ongeoorloofd "
                  "verzuim en handelt volgens de Methodische Aanpak Schoolverzuim (MAS)."),
    ChecklistItem("swv_geinformeerd", Stap.IN_BEELD, "Samenwerkingsverband geïnformeerd",
                  "Het SWV houdt bij welke (dreigende) thuiszitters er in de regio zijn en welke interventies "
                  "zijn ingezet."),
    ChecklistItem("vanaf_dag_1_geregistreerd", Stap.IN_BEELD, "Leerling vanaf dag 1 geregistreerd",
                  "'We noteren ze vanaf dag één in ons systeem': zo heb je ze op tijd in beeld."),
    # Stap 2
    ChecklistItem("gesprek_leerling", Stap.CONTACT, "Gesprek met de leerling (in eigen woorden vastgelegd)",
                  "De jongere écht horen en zien: wat hij/zij goed kan, wat er nodig is en hoe het komt dat "
                  "er schoolverzuim ontstaan is."),
    ChecklistItem("gesprek_ouders", Stap.CONTACT, "Gesprek met de ouders",
                  "Met elke leerling en de ouder(s) is er een gesprek. Samen bekijken ze wat de beste aanpak is."),
    ChecklistItem("gesprekswijzer_meegegeven", Stap.CONTACT, "Gesprekswijzer meegegeven aan de ouders",
                  "Ouders kunnen het gesprek voorbereiden met een gesprekswijzer: voorbeeldvragen die zij thuis "
                  "met hun kind kunnen bespreken."),
    # Stap 3
    ChecklistItem("mdo_gepland", Stap.SAMENWERKEN, "MDO gepland",
                  "De school organiseert een multidisciplinair overleg (MDO) met ouders en leerling."),
    ChecklistItem("toestemming_ouders", Stap.SAMENWERKEN, "Toestemming van ouders per partner vastgelegd",
                  "Jeugdarts en jeugdhulp doen dit altijd met instemming van ouders en leerling."),
    ChecklistItem("partners_betrokken", Stap.SAMENWERKEN, "Partners betrokken",
                  "Jeugdarts, leerplichtambtenaar, consulent van het SWV en jeugdhulpverlener, als de situatie "
                  "daarom vraagt."),
    # Stap 4
    ChecklistItem("analyse_factoren", Stap.INTERVENTIE, "Analyse van risico- en beschermende factoren",
                  "Kenmerken van de leerling, de thuissituatie, school en de buurt en vrijetijdsbesteding, in "
                  "relatie tot verzuim."),
    ChecklistItem("plan_van_aanpak", Stap.INTERVENTIE, "Plan van aanpak opgesteld met leerling en ouders",
                  "Het bespreken van de analyse samen met de leerling en ouders vormt de basis voor het plan "
                  "van aanpak."),
    ChecklistItem("interventies_ingezet", Stap.INTERVENTIE, "Interventies ingezet",
                  "Kies de meest passende interventie, bijvoorbeeld M@zl, een verzuimcoach of afstandsonderwijs "
                  "als brug tussen thuis en school."),
    # Stap 5
    ChecklistItem("terugkeer_gestart", Stap.TERUG_IN_BEELD, "Terugkeer naar school gestart",
                  "Terugkeren naar school is een proces dat vaak langere tijd vraagt en niet in één keer slaagt: "
                  "in haalbare stappen."),
    ChecklistItem("evaluaties", Stap.TERUG_IN_BEELD, "Evaluaties gehouden",
                  "'We evalueren met elkaar wat wel en niet werkt en geven elkaar eerlijke feedback.'"),
    ChecklistItem("nazorg", Stap.TERUG_IN_BEELD, "Nazorg afgesproken",
                  "'Tot een jaar later wordt er gekeken hoe het gaat.'"),
)

CHECKLIST_PER_KEY: dict[str, ChecklistItem] = {item.key: item for item in CHECKLIST}


def checklist_item(key: str) -> ChecklistItem:
    item = CHECKLIST_PER_KEY.get(key)
    if item is None:
        raise InvoerFout({"item": f"Onbekend onderdeel van de checklist: {key}."})
    return item


@dataclass(frozen=True)
class StapVoortgang:
    stap: Stap
    gedaan: tuple[ChecklistItem, ...]
    open: tuple[ChecklistItem, ...]

    @property
    def titel(self) -> str:
        return self.stap.titel

    @property
    def compleet(self) -> bool:
        return not self.open


def voortgang(gedaan: Iterable[str]) -> list[StapVoortgang]:
    """Per step (1–5, in order) which checklist items are done and which are still open.

    `gedaan` holds item keys; unknown keys are ignored. Order never matters: steps guide, they do not lock.
    """
    klaar = set(gedaan)
    uit = []
    for stap in Stap:
        items = [i for i in CHECKLIST if i.stap == stap]
        uit.append(StapVoortgang(stap, tuple(i for i in items if i.key in klaar),
                                 tuple(i for i in items if i.key not in klaar)))
    return uit


def nog_open(gedaan: Iterable[str]) -> dict[Stap, list[ChecklistItem]]:
    """Per step the items still open; steps with nothing open are left out."""
    return {v.stap: list(v.open) for v in voortgang(gedaan) if v.open}


def voorgestelde_stap(gedaan: Iterable[str]) -> Stap:
    """The first step with something still open (step 5 when everything is done): a hint, not a lock."""
    return next((v.stap for v in voortgang(gedaan) if v.open), Stap.TERUG_IN_BEELD)


# --- step 4: the analysis -------------------------------------------------------------------------


class Domein(StrEnum):
    LEERLING = "leerling"
    THUIS = "thuis"
    SCHOOL = "school"
    BUURT = "buurt"

    @property
    def label(self) -> str:
        return {"leerling": "Leerling", "thuis": "Thuissituatie", "school": "School",
                "buurt": "Buurt en vrije tijd"}[self.value]


class Verzuimtype(StrEnum):
    SCHOOLWEIGERING = "schoolweigering"
    SPIJBELEN = "spijbelen"
    ONTHOUDEN = "onthouden"
    UITSLUITEN = "uitsluiten"

    @property
    def label(self) -> str:
        return {
            "schoolweigering": "Schoolweigering (angst, niet kunnen gaan)",
            "spijbelen": "Spijbelen",
            "onthouden": "Onthouden (door ouders thuisgehouden)",
            "uitsluiten": "Uitsluiten (door school)",
        }[self.value]


class KearneyFunctie(StrEnum):
    NEGATIEVE_GEVOELENS = "negatieve_gevoelens"
    SOCIALE_SITUATIES = "sociale_situaties"
    AANDACHT = "aandacht"
    BELONING_BUITEN_SCHOOL = "beloning_buiten_school"

    @property
    def label(self) -> str:
        return {
            "negatieve_gevoelens": "Vermijden van negatieve gevoelens",
            "sociale_situaties": "Ontsnappen aan sociale of evaluerende situaties",
            "aandacht": "Aandacht zoeken",
            "beloning_buiten_school": "Belonende dingen buiten school",
        }[self.value]


@dataclass(frozen=True)
class Factoren:
    risico: str = ""
    beschermend: str = ""


@dataclass(frozen=True)
class Analyse:
    """Risk and protective factors per domain, the verzuimtype and, optionally, Kearney's function."""

    factoren: Mapping[Domein, Factoren]
    verzuimtype: Verzuimtype | None = None
    kearney_functie: KearneyFunctie | None = None
    # the version it was read at (0: there was none yet); give it back when saving (services/versies.py)
    rijversie: int | None = field(default=None, compare=False)

    @classmethod
    def leeg(cls) -> Analyse:
        return cls({d: Factoren() for d in Domein}, rijversie=0)

    @property
    def ingevuld(self) -> bool:
        return any(f.risico.strip() or f.beschermend.strip() for f in self.factoren.values())


# --- nazorg ---------------------------------------------------------------------------------------


def plus_maanden(d: date, maanden: int) -> date:
    """d plus calendar months; a day that does not exist becomes the last day of that month."""
    m = d.month - 1 + maanden
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, _stdcal.monthrange(year, month)[1]))


def standaard_nazorg(gesloten: date) -> list[tuple[date, str]]:
    """Follow-up after closing: 6 weeks, 3 months and 1 year later (Rotterdam follows up to a year)."""
    return [(gesloten + timedelta(weeks=6), "Nazorg na 6 weken"),
            (plus_maanden(gesloten, 3), "Nazorg na 3 maanden"),
            (add_years(gesloten, 1), "Nazorg na 1 jaar")]


def check_sluiten(reden: Sluitreden | str, toelichting: str, datum: date, geopend: date, vandaag: date) -> Sluitreden:
    fouten: dict[str, str] = {}
    try:
        reden = Sluitreden(reden)
    except ValueError:
        fouten["reden"] = "Kies waarom het traject gesloten wordt."
    else:
        if reden is Sluitreden.ANDERS and not toelichting.strip():
            fouten["toelichting"] = "Licht toe waarom het traject gesloten wordt (bij 'anders')."
    if datum > vandaag:
        fouten["datum"] = "De datum van sluiten kan niet in de toekomst liggen."
    elif datum < geopend:
        fouten["datum"] = f"De datum van sluiten ligt vóór de opening van het traject ({formaat.datum(geopend)})."
    if fouten:
        raise InvoerFout(fouten)
    return Sluitreden(reden)


# --- gesprekken, MDO's and actiepunten --------------------------------------------------------------


class GesprekType(StrEnum):
    GESPREK_LEERLING = "gesprek_leerling"
    GESPREK_OUDERS = "gesprek_ouders"
    TELEFONISCH = "telefonisch"
    HUISBEZOEK = "huisbezoek"
    EMAIL = "e-mail"
    OVERIG = "overig"

    @property
    def label(self) -> str:
        return {
            "gesprek_leerling": "Gesprek met de leerling",
            "gesprek_ouders": "Gesprek met de ouders",
            "telefonisch": "Telefonisch contact",
            "huisbezoek": "Huisbezoek",
            "e-mail": "E-mail",
            "overig": "Overig contact",
        }[self.value]


class MdoRol(StrEnum):
    """The roles around the table in an MDO; also the `rol` of a partner in the address book."""

    ZORGCOORDINATOR = "zorgcoordinator"
    MENTOR = "mentor"
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar"
    JEUGDARTS = "jeugdarts"
    SWV_CONSULENT = "swv_consulent"
    JEUGDHULP = "jeugdhulp"
    VERZUIMCOACH = "verzuimcoach"
    OUDER = "ouder"
    LEERLING = "leerling"
    ANDERS = "anders"

    @property
    def label(self) -> str:
        return {
            "zorgcoordinator": "Zorgcoördinator",
            "mentor": "Mentor",
            "leerplichtambtenaar": "Leerplichtambtenaar",
            "jeugdarts": "Jeugdarts / JGZ",
            "swv_consulent": "Consulent samenwerkingsverband",
            "jeugdhulp": "Jeugdhulp / wijkteam",
            "verzuimcoach": "Verzuimcoach",
            "ouder": "Ouder / verzorger",
            "leerling": "Leerling",
            "anders": "Anders",
        }[self.value]

    @property
    def label_klein(self) -> str:
        """The label inside a sentence: "jeugdarts / JGZ" (abbreviations keep their capitals)."""
        return self.label[:1].lower() + self.label[1:]

    @property
    def is_partner(self) -> bool:
        """A professional who goes into the shared address book (not the family themselves)."""
        return self not in (MdoRol.OUDER, MdoRol.LEERLING)


class ActiepuntStatus(StrEnum):
    OPEN = "open"
    GEDAAN = "gedaan"
    VERVALLEN = "vervallen"

    @property
    def label(self) -> str:
        return {"open": "Open", "gedaan": "Gedaan", "vervallen": "Vervallen"}[self.value]


def check_gesprek(datum: date | None, samenvatting: str, vandaag: date) -> None:
    fouten: dict[str, str] = {}
    if datum is None:
        fouten["datum"] = "Vul de datum van het gesprek in."
    elif datum > vandaag:
        fouten["datum"] = "De datum van het gesprek kan niet in de toekomst liggen. Controleer de datum."
    if not samenvatting.strip():
        fouten["samenvatting"] = "Schrijf in een paar woorden op waar het gesprek over ging."
    if fouten:
        raise InvoerFout(fouten)


def check_mdo(datum: date | None) -> date:
    if datum is None:
        raise InvoerFout({"datum": "Vul de datum van het MDO in."})
    return datum


def check_actiepunt(wat: str, heeft_eigenaar: bool, uiterlijk: date | None) -> None:
    fouten: dict[str, str] = {}
    if not wat.strip():
        fouten["wat"] = "Schrijf op wat er moet gebeuren."
    if not heeft_eigenaar:
        fouten["wie"] = "Vul in wie dit actiepunt uitvoert: elk actiepunt heeft een eigenaar."
    if uiterlijk is None:
        fouten["uiterlijk"] = "Vul in wanneer dit actiepunt uiterlijk klaar moet zijn."
    if fouten:
        raise InvoerFout(fouten)


def volgend_besluitnummer(bestaande: Iterable[int]) -> int:
    """Besluiten are numbered 1, 2, 3 … per MDO."""
    return max(bestaande, default=0) + 1


@dataclass(frozen=True)
class Persoon:
    """Who: a user of the app (`gebruiker_id`) or a contact from the address book (`contact_id`).

    As input a `naam` alone is enough: the service finds the user or contact by that name, or adds the
    name to the address book. A new name with `rol="ouder"` (or "leerling") is stored for the actiepunt
    but kept out of the partners' address book.
    """

    naam: str
    gebruiker_id: int | None = None
    contact_id: int | None = None
    rol: str = ""
    organisatie: str = ""

    def __str__(self) -> str:
        return self.naam


# --- what a traject is (the records the services return) ---------------------------------------


def traject_evaluatie(plan_momenten: Iterable[date], eigen: date | None, vandaag: date) -> date | None:
    """A traject has one evaluation date: the next evaluatiemoment of its plan van aanpak (the last one when all
    have passed, so an overdue evaluation shows); without a plan with evaluatiemomenten, the date set on the
    traject itself."""
    momenten = sorted(plan_momenten)
    if momenten:
        return next((d for d in momenten if d >= vandaag), momenten[-1])
    return eigen


@dataclass(frozen=True)
class StapWissel:
    datum: date
    van: Stap
    naar: Stap
    door: str


@dataclass(frozen=True)
class NazorgMoment:
    id: int
    traject_id: int
    datum: date
    omschrijving: str
    gedaan: date | None = None
    notitie: str = ""


@dataclass(frozen=True)
class Traject:
    id: int
    leerlingnummer: str
    naam: str  # the student's
    categorie: Categorie
    status: TrajectStatus
    stap: Stap
    geopend: date
    aanleiding: str = ""
    signaal: SignaalSoort | None = None
    signaal_datum: date | None = None
    eigenaar: Persoon | None = None  # the casusregisseur
    evaluatiedatum: date | None = None
    gesloten: date | None = None
    sluitreden: Sluitreden | None = None
    sluittoelichting: str = ""
    stapwissels: tuple[StapWissel, ...] = ()
    nazorg: tuple[NazorgMoment, ...] = ()
    plan_evaluaties: tuple[date, ...] = ()  # the evaluatiemomenten of the newest plan van aanpak
    rijversie: int = 1  # the version it was read at: give it back when saving a change (services/versies.py)

    @property
    def is_open(self) -> bool:
        return self.status is TrajectStatus.OPEN

    def evaluatie(self, vandaag: date) -> date | None:
        """The one evaluation date of the traject (the plan's, else its own): `traject_evaluatie`."""
        return traject_evaluatie(self.plan_evaluaties, self.evaluatiedatum, vandaag)


@dataclass(frozen=True)
class TrajectRij:
    """One line of the list of trajecten."""

    id: int
    leerlingnummer: str
    naam: str
    klas: str
    categorie: Categorie
    status: TrajectStatus
    stap: Stap
    geopend: date
    eigenaar: str
    open_actiepunten: int
    evaluatiedatum: date | None = None  # set on the traject itself (see `evaluatie`)
    gesloten: date | None = None
    sleutel: str = ""  # how lists sort the student: domain.zoeken.naam_sorteersleutel
    plan_evaluaties: tuple[date, ...] = ()  # the evaluatiemomenten of the newest plan van aanpak

    def evaluatie(self, vandaag: date) -> date | None:
        """The one evaluation date of the traject (the plan's, else its own): `traject_evaluatie`."""
        return traject_evaluatie(self.plan_evaluaties, self.evaluatiedatum, vandaag)

    def to_dict(self) -> dict:
        evaluatie = self.evaluatie(date.today())
        return {"id": self.id, "leerlingnummer": self.leerlingnummer, "naam": self.naam, "klas": self.klas,
                "categorie": self.categorie.value, "stap": int(self.stap), "status": self.status.value,
                "geopend": self.geopend.isoformat(), "eigenaar": self.eigenaar,
                "open_actiepunten": self.open_actiepunten,
                "evaluatiedatum": evaluatie.isoformat() if evaluatie else None,
                "gesloten": self.gesloten.isoformat() if self.gesloten else None}


@dataclass(frozen=True)
class ChecklistRegel:
    """One checklist item of one traject: done by hand (datum, door, notitie) or `automatisch` because
    the dossier shows it (`bewijs`, e.g. a registered DUO melding; `referentie` points to it)."""

    item: ChecklistItem
    gedaan: bool
    datum: date | None = None
    door: str = ""
    notitie: str = ""
    automatisch: bool = False
    bewijs: str = ""
    referentie: str = ""


@dataclass(frozen=True)
class StapChecklist:
    stap: Stap
    regels: tuple[ChecklistRegel, ...]
    huidig: bool = False  # the traject's current step

    @property
    def titel(self) -> str:
        return self.stap.titel

    @property
    def open(self) -> list[ChecklistItem]:
        return [r.item for r in self.regels if not r.gedaan]


__all__ = [
    "CHECKLIST",
    "ActiepuntStatus",
    "Analyse",
    "Categorie",
    "ChecklistItem",
    "ChecklistRegel",
    "Domein",
    "Factoren",
    "GesprekType",
    "KearneyFunctie",
    "MdoRol",
    "NazorgMoment",
    "Persoon",
    "Sluitreden",
    "Stap",
    "StapChecklist",
    "StapVoortgang",
    "StapWissel",
    "Traject",
    "TrajectRij",
    "TrajectStatus",
    "Verzuimtype",
    "categorie_voor_signaal",
    "nog_open",
    "standaard_nazorg",
    "traject_evaluatie",
    "voortgang",
]
