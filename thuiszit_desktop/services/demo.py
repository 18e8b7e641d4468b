"""A fictional demo school: 'Het Wilgenlanden College' with about 600 made-up students.

Everything here is invented. No BSN or onderwijsnummer is ever generated (a number that passes the
elfproef could belong to a real person); telephone numbers are in the unassigned 06-00 block and
e-mail addresses at example.nl. The generator is deterministic (`random.Random(seed)`) and its dates
are relative to `vandaag`, so the demo stays current: there are always leerplichtige and
kwalificatieplichtige students, recent uitschrijvingen and running vrijstellingen.

The demo is built in steps, each a function of (rng, vandaag, what the earlier steps made):

1. the school and its zorgcoördinator `demo` (`session.create_school`);
2. the student register: klassen with mentors, students, ouders, uitschrijvingen, vrijstellingen,
   startkwalificaties (`fictional_students`, written in one transaction);
3. a school year of verzuim as the administration would export it, with a handful of cases for every
   signal, DUO verzuimmeldingen, M@zl-acties, signals marked "besproken" and "verzuim bijgewerkt t/m"
   (`fictional_verzuim`, written in the same transaction);
4. the praktijkkaart: a small address book of partners in the (fictional) municipality Oudewaarde, about
   a dozen trajecten on the students with signals, spread over the five steps, with gesprekken, MDO's,
   besluiten, actiepunten, analyses, plannen van aanpak and nazorg, one closed this school year and one the
   year before, and a few mentors' contactmomenten (`_write_trajecten`, through the TrajectService and
   PlanService, in the same transaction). What happens in each case – one student, one story – is data, in
   `demo_verhalen.py`.

`fictional_students` and `fictional_verzuim` are reusable on their own, e.g. for benchmarks with 2,000
students.
"""

from __future__ import annotations

import calendar
import math
import random
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..db import handtekening
from ..db import models as m
from ..domain import formaat
from ..domain.gebruiker import Rol
from ..domain.kalender import SchoolCalendar
from ..domain.kwartaal import Kwartaal
from ..domain.leerling import (
    Contactvoorkeur,
    Leerling,
    Ouder,
    Relatie,
    Vrijstelling,
    VrijstellingType,
    active_vrijstelling,
    is_ingeschreven,
    is_plichtig,
    schooljaar_start,
    validate_leerling,
)
from ..domain.mdo import MdoDeelnemer, Partner, Toestemming
from ..domain.plan import Akkoord, Contactpersoon, Doel, Interventie, Plan, PlanAfspraak, zelf_akkoord
from ..domain.school import Regio, School, Schooltype
from ..domain.signalen import SignaalInstellingen, SignaalSoort, signalen
from ..domain.traject import (
    ActiepuntStatus,
    Analyse,
    Domein,
    Factoren,
    GesprekType,
    MdoRol,
    Persoon,
)
from ..domain.verzuim import MazlActie, MeldingSoort, Reden, Verzuimmelding, VerzuimRecord
from . import demo_documenten, instellingen, lezersoverzicht, session
from . import demo_verhalen as vh
from .leerlingen import write_leerling
from .session import Services
from .signalen import BIJGEWERKT_TOT

DEMO_SCHOOL = School(vh.SCHOOL, "99WL", Regio.MIDDEN, Schooltype.VO, 6.0, vh.SWV)
DEMO_GEBRUIKER = "demo"
DEMO_WACHTWOORD = "demo"
SEED = 20261123
AANTAL_LEERLINGEN = 600

# --- klassen and their mentors -------------------------------------------------------------------

# (klas, leerjaar): 24 klassen, a havo/vwo school with a mixed brugperiode of two years.
KLASSEN: tuple[tuple[str, int], ...] = (
    *((f"1{c}", 1) for c in "ABCDE"),
    *((f"2{c}", 2) for c in "ABCDE"),
    ("3H1", 3), ("3H2", 3), ("3V1", 3), ("3V2", 3),
    ("4H1", 4), ("4H2", 4), ("4V1", 4), ("4V2", 4),
    ("5H1", 5), ("5H2", 5), ("5V1", 5), ("5V2", 5),
    ("6V1", 6), ("6V2", 6),
)

MENTOREN: tuple[str, ...] = (
    "Marloes Hoekstra", "Ilse van Wijngaarden", "Kerem Aslan", "Joris Verhagen", "Nadia el Ouazzani",
    "Pieter-Jan Wouters", "Esra Yıldırım", "Rianne Koopmans", "Gerrit Zwaagstra", "Anouschka Tjon A Fong",
    "Hanneke de Wolff", "Tomasz Lewandowski", "Charlotte van Leeuwen", "Youssef Amrani", "Femke Dijkstra",
    "Maarten Brink", "Sevda Güneş", "Lucas Meerman", "Aïsha Benhaddou", "Wouter van der Heijden",
    "Renée Vos", "Sietske Hofstra", "Dennis Kromodimedjo", "Ingrid Overbeek",
)

# --- names ---------------------------------------------------------------------------------------
# Per background: girls' and boys' first names (students), adults' first names (women, men) and
# surnames; a surname is "achternaam", "tussenvoegsel|achternaam" or, for Polish, "male/female".


@dataclass(frozen=True)
class _Herkomst:
    gewicht: int
    meisjes: tuple[str, ...]
    jongens: tuple[str, ...]
    vrouwen: tuple[str, ...]
    mannen: tuple[str, ...]
    achternamen: tuple[str, ...]


_HERKOMSTEN: tuple[_Herkomst, ...] = (
    _Herkomst(  # Dutch
        48,
        ("Emma", "Zoë", "Noëlle", "Lotte", "Saar", "Anouk", "Maud", "Isa", "Fleur", "Sanne", "Julia", "Eva",
         "Roos", "Lieke", "Mila", "Floor", "Tess", "Nina", "Jet", "Chloë", "Britt", "Iris", "Femke",
         "Mirthe"),
        ("Daan", "Sem", "Daniël", "Finn", "Bram", "Thijs", "Joël", "Ruben", "Lars", "Jesse", "Stijn", "Luuk",
         "Niels", "Thomas", "Jort", "Gijs", "Mees", "Tijn", "Koen", "Michiel", "Raphaël", "Siem", "Wessel"),
        ("Marieke", "Ingrid", "Petra", "Esther", "Monique", "Sandra", "Linda", "Annemiek", "Judith", "Renske",
         "Marjolein", "Inge"),
        ("Jeroen", "Martijn", "Erik", "Bas", "Mark", "Remco", "Sander", "Arjen", "Hans", "Dirk", "Frank"),
        ("Jansen", "de|Vries", "van den|Berg", "Bakker", "Visser", "Smit", "Meijer", "de|Jong", "van|Dijk",
         "Mulder", "de|Graaf", "van der|Linden", "Dekker", "Brouwer", "Vermeulen", "van 't|Hof", "Kuipers",
         "van|Beek", "Hendriks", "de|Wit", "Verbeek", "van der|Veen", "Schouten", "Prins", "ten|Brinke",
         "Willemsen", "van|Dam", "Groenewegen", "in 't|Veld", "Lammers", "Hoogendoorn", "van|Rossum"),
    ),
    _Herkomst(  # Frisian
        6,
        ("Wytske", "Tjitske", "Sytske", "Janna", "Froukje", "Hiske", "Marrit"),
        ("Sjoerd", "Jelle", "Wybren", "Hidde", "Tjeerd", "Sietse", "Jorrit", "Fokke"),
        ("Baukje", "Griet", "Aukje", "Akke"),
        ("Hylke", "Wiebe", "Durk", "Sybren"),
        ("Hylkema", "de|Boer", "Sjoerdsma", "Zijlstra", "Wiersma", "Hoekstra", "Postma", "Bosma", "Terpstra",
         "Dijkstra", "van der|Meer", "Bouma"),
    ),
    _Herkomst(  # Turkish
        11,
        ("Elif", "Zeynep", "Ayşe", "Büşra", "Esra", "Merve", "Defne", "İrem", "Melike", "Sude"),
        ("Emre", "Yusuf", "Burak", "Mert", "Kaan", "Efe", "Oğuz", "Ömer", "Berat", "Çağan"),
        ("Hatice", "Fatma", "Gülşen", "Nurcan", "Sibel", "Emine"),
        ("Mehmet", "Mustafa", "Hüseyin", "Serkan", "Ahmet", "Murat"),
        ("Yılmaz", "Çelik", "Şahin", "Demir", "Kaya", "Öztürk", "Aydın", "Doğan", "Arslan", "Koç", "Güler",
         "Erdoğan", "Kılıç", "Aktaş"),
    ),
    _Herkomst(  # Moroccan
        12,
        ("Yasmina", "Imane", "Nour", "Khadija", "Salma", "Ikram", "Hajar", "Malak", "Rania", "Soukaina"),
        ("Mohamed", "Soufiane", "Bilal", "Ayoub", "Adam", "Anas", "Ilias", "Zakaria", "Hamza", "Amine"),
        ("Fatima", "Naima", "Malika", "Saïda", "Latifa", "Zineb"),
        ("Abdelkader", "Mustapha", "Rachid", "Hassan", "Driss", "Karim"),
        ("El Amrani", "Bouzid", "Ait Taleb", "Benali", "El Idrissi", "Boukhari", "Ouali", "Azzouzi",
         "El Khattabi", "Bakkali", "Chaouch", "Tahiri", "Ben Haddou"),
    ),
    _Herkomst(  # Surinamese and Antillean
        9,
        ("Shanice", "Priya", "Kimberly", "Naomi", "Shania", "Anjali", "Jamila", "Esmeralda", "Roshni"),
        ("Rishi", "Jayden", "Anand", "Quincy", "Damian", "Dwayne", "Ravi", "Giovanni", "Shurandy"),
        ("Sharmila", "Marcia", "Ingrid", "Rachna", "Jennifer", "Soraya"),
        ("Ricardo", "Ashwin", "Romano", "Clyde", "Sunil", "Orlando"),
        ("Sewdien", "Ramdin", "Brunings", "Kartosen", "Pinas", "Doekhie", "Wijngaarde", "Biharie",
         "Martina", "Sitaldin", "Kromopawiro", "Eduards", "Tjin A Ton"),
    ),
    _Herkomst(  # Polish
        6,
        ("Zofia", "Julia", "Wiktoria", "Zuzanna", "Maja", "Oliwia", "Natalia"),
        ("Jakub", "Kacper", "Szymon", "Filip", "Bartosz", "Mikołaj", "Antoni"),
        ("Małgorzata", "Agnieszka", "Katarzyna", "Joanna", "Ewa"),
        ("Łukasz", "Tomasz", "Krzysztof", "Paweł", "Piotr"),
        ("Nowak", "Kowalski/Kowalska", "Wiśniewski/Wiśniewska", "Zieliński/Zielińska", "Wójcik",
         "Kamiński/Kamińska", "Lewandowski/Lewandowska", "Dąbrowski/Dąbrowska", "Mazur"),
    ),
    _Herkomst(  # Syrian
        5,
        ("Rama", "Lana", "Sidra", "Hala", "Judy", "Tala", "Yara"),
        ("Omar", "Ahmad", "Hamza", "Karam", "Majd", "Ibrahim", "Zaid"),
        ("Rasha", "Hanan", "Reem", "Ghada"),
        ("Khaled", "Samer", "Bassam", "Walid"),
        ("Al-Hassan", "Haddad", "Khalil", "Al-Masri", "Darwish", "Nasser", "Al-Khatib", "Hamdan"),
    ),
    _Herkomst(  # Eritrean
        2,
        ("Semhar", "Hiwet", "Luwam", "Saba", "Eden"),
        ("Yonas", "Filmon", "Dawit", "Robel", "Natnael"),
        ("Tsega", "Mebrat", "Abrehet"),
        ("Tesfay", "Habte", "Kidane"),
        ("Tesfamariam", "Mehari", "Ghebremedhin", "Haile", "Weldemichael"),
    ),
    _Herkomst(  # Ukrainian
        2,
        ("Olena", "Sofiia", "Anastasiia", "Yeva", "Daryna"),
        ("Mykyta", "Bohdan", "Artem", "Danylo", "Maksym"),
        ("Oksana", "Iryna", "Nataliia"),
        ("Andriy", "Serhiy", "Oleksandr"),
        ("Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Tkachenko"),
    ),
)
_GEWICHTEN = [h.gewicht for h in _HERKOMSTEN]

# A fictional town: the streets are invented, the postcodes only look real.
_WOONPLAATSEN = (("Wilgendam", "3941"), ("Oudewaarde", "3945"), ("Lindenhoeve", "3952"))
_STRATEN = (
    "Wilgenlaan", "Rietkraag", "Elzenhof", "Kwikstaartweg", "Populierendreef", "Molensingel", "Vlasakker",
    "Lindenhof", "Zwanenbloem", "Hazelaarstraat", "Kievitsweide", "Oude Dijk", "Schoolstraat",
    "Berkenplein", "Meidoornpad", "Havenkade", "Sleedoornlaan", "Esdoornstraat",
)

# Fictional schools a student leaves to (bestemming).
_BESTEMMINGEN = (
    "Scholengemeenschap De Horst", "Vakcollege Zuiderpoort", "Het Rietland Lyceum", "ROC De Vaart, mbo-2",
    "Kompas College (vso)", "Internationale Schakelklas De Brug",
)


# --- step 2: the student register ---------------------------------------------------------------

def fictional_students(n: int, rng: random.Random, vandaag: date) -> list[Leerling]:
    """`n` fictional students over the 24 klassen of the demo school, valid on `vandaag`.

    Besides the ordinary enrolled students (with ages that fit the leerjaar in the school year of
    `vandaag`, so both leerplichtige and kwalificatieplichtige ones), about one in fifty is
    uitgeschreven (some with a bestemming, some without), a few have a vrijstelling (5a, 5c) and a few
    havo-doorstromers in vwo 5/6 have a startkwalificatie. Never a BSN or onderwijsnummer.
    Klassen are filled evenly in order, so leerlingnummers run per klas.
    """
    start = schooljaar_start(vandaag)
    leerlingen = [_leerling(i, i * len(KLASSEN) // n, rng, start, vandaag) for i in range(n)]
    _bijzonderheden(leerlingen, rng, vandaag)
    return leerlingen


def _leerling(i: int, klas_index: int, rng: random.Random, start: date, vandaag: date) -> Leerling:
    klas, leerjaar = KLASSEN[klas_index]
    herkomst = rng.choices(_HERKOMSTEN, weights=_GEWICHTEN)[0]
    meisje = rng.random() < 0.5
    voornaam = rng.choice(herkomst.meisjes if meisje else herkomst.jongens)
    familienaam = rng.choice(herkomst.achternamen)
    tussenvoegsel, achternaam = _achternaam(familienaam, vrouw=meisje)

    # Born so that the student is about 12 at the start of leerjaar 1 (1 October to 30 September);
    # some repeated a year, a very few skipped one.
    r = rng.random()
    vertraging = 1 if r < 0.14 else (-1 if r < 0.16 else 0)
    jaar = start.year - 12 - leerjaar - vertraging
    eerste = date(jaar, 10, 1)
    geboortedatum = eerste + timedelta(days=rng.randrange((date(jaar + 1, 10, 1) - eerste).days))

    # Enrolled at the start of leerjaar 1; about one in twelve came later (zij-instroom), up to today.
    inschrijfdatum = date(start.year - (leerjaar - 1) - max(vertraging, 0), 8, 1)
    if rng.random() < 0.08:
        inschrijfdatum += timedelta(days=rng.randint(0, max(0, (vandaag - inschrijfdatum).days)))

    return Leerling(
        leerlingnummer=str(100001 + i),
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        inschrijfdatum=inschrijfdatum,
        voornaam=voornaam,
        tussenvoegsel=tussenvoegsel,
        klas=klas,
        mentor=MENTOREN[klas_index % len(MENTOREN)],
        ouders=_ouders(herkomst, familienaam, rng),
    )


def _achternaam(naam: str, *, vrouw: bool) -> tuple[str, str]:
    """(tussenvoegsel, achternaam) from "tussenvoegsel|achternaam", "male/female" or "achternaam"."""
    if "/" in naam:
        man, vrouwnaam = naam.split("/")
        naam = vrouwnaam if vrouw else man
    if "|" in naam:
        tussenvoegsel, naam = naam.split("|")
        return tussenvoegsel, naam
    return "", naam


def _ouder(voornaam: str, familienaam: str, relatie: Relatie, rng: random.Random, *, vrouw: bool,
           adres: str = "", gezag: bool = True, voorkeur: Contactvoorkeur | None = None) -> Ouder:
    tussenvoegsel, achternaam = _achternaam(familienaam, vrouw=vrouw)
    return Ouder(
        naam=formaat.naam(voornaam, tussenvoegsel, achternaam),
        relatie=relatie,
        # 06-00… is not a mobile range in the Dutch numbering plan: no real person gets called.
        telefoon=f"06-00{rng.randrange(1_000_000):06d}",
        email=f"{_ascii(voornaam)}.{_ascii(achternaam)}{rng.randrange(10, 100)}@example.nl",
        adres=adres or _adres(rng),
        gezag=gezag,
        contactvoorkeur=voorkeur or rng.choices(_VOORKEUREN, weights=[6, 3, 1])[0],
    )


_VOORKEUREN = (Contactvoorkeur.TELEFOON, Contactvoorkeur.EMAIL, Contactvoorkeur.POST)


def _ascii(tekst: str) -> str:
    """For the local part of an e-mail address: "Çelik" → "celik", "Łukasz" → "lukasz"."""
    plat = unicodedata.normalize("NFKD", tekst.translate(_ZONDER_ACCENT).casefold())
    return "".join(ch for ch in plat if ch.isascii() and ch.isalnum())


_ZONDER_ACCENT = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "İ": "I"})


def _adres(rng: random.Random) -> str:
    plaats, cijfers = rng.choice(_WOONPLAATSEN)
    letters = rng.choice("ABDEGHJKLNPRSTVXZ") + rng.choice("ABDEGHJKLNPRSTVXZ")
    return f"{rng.choice(_STRATEN)} {rng.randint(1, 180)}, {cijfers} {letters} {plaats}"


def _ouders(herkomst: _Herkomst, familienaam: str, rng: random.Random) -> tuple[Ouder, ...]:
    """One or two ouders/verzorgers: mostly a mother and/or father (separated parents at two
    addresses), sometimes a new partner without gezag, pleegouders, or a voogd."""
    nl = _HERKOMSTEN[0]
    r = rng.random()
    if r < 0.03:  # a voogd of the (fictional) jeugdbescherming
        return (_ouder(rng.choice(nl.vrouwen + nl.mannen), rng.choice(nl.achternamen), Relatie.VOOGD, rng,
                       vrouw=True, adres="Postbus 1450, 3940 AL Wilgendam", voorkeur=Contactvoorkeur.EMAIL),)
    if r < 0.06:  # pleegouders; the parents keep the gezag
        adres = _adres(rng)
        pleeg = (_ouder(rng.choice(nl.vrouwen), rng.choice(nl.achternamen), Relatie.PLEEGOUDER, rng,
                        vrouw=True, adres=adres, gezag=False),
                 _ouder(rng.choice(nl.mannen), rng.choice(nl.achternamen), Relatie.PLEEGOUDER, rng,
                        vrouw=False, adres=adres, gezag=False))
        return pleeg[:rng.randint(1, 2)]

    # The mother often keeps her own surname (a Polish one in its female form).
    moeder_naam = familienaam if rng.random() < 0.5 else rng.choice(herkomst.achternamen)
    moeder = _ouder(rng.choice(herkomst.vrouwen), moeder_naam, Relatie.MOEDER, rng, vrouw=True)
    vader = _ouder(rng.choice(herkomst.mannen), familienaam, Relatie.VADER, rng, vrouw=False,
                   adres=moeder.adres)
    r = rng.random()
    if r < 0.55:  # together, at one address
        return (moeder, vader) if rng.random() < 0.7 else (vader, moeder)
    if r < 0.70:  # separated: both keep the gezag, two addresses
        return (moeder, replace(vader, adres=_adres(rng)))
    if r < 0.85:
        return (moeder,)
    if r < 0.93:
        return (vader,)
    # the mother and her new partner, who has no gezag
    partner = _ouder(rng.choice(herkomst.mannen), rng.choice(herkomst.achternamen), Relatie.VERZORGER, rng,
                     vrouw=False, adres=moeder.adres, gezag=False, voorkeur=Contactvoorkeur.TELEFOON)
    return (moeder, partner)


def _bijzonderheden(leerlingen: list[Leerling], rng: random.Random, vandaag: date) -> None:
    """In place: uitschrijvingen (with and without bestemming), vrijstellingen 5a and 5c and a few
    startkwalificaties, proportional to the number of students (at least one of each)."""
    n = len(leerlingen)
    schaal = max(n / AANTAL_LEERLINGEN, 1 / 3)
    start = schooljaar_start(vandaag)
    leerjaar = {klas: jaar for klas, jaar in KLASSEN}

    # Students who have been here for a year or more; uitschrijvingen and vrijstellingen come from these.
    kandidaten = [i for i, s in enumerate(leerlingen)
                  if leerjaar[s.klas] >= 2 and s.inschrijfdatum < start - timedelta(days=200)]
    rng.shuffle(kandidaten)

    def neem(aantal: float) -> list[int]:
        k = max(1, round(aantal * schaal))
        gekozen, kandidaten[:] = kandidaten[:k], kandidaten[k:]
        return gekozen

    def uitschrijfdatum() -> date:
        return vandaag - timedelta(days=rng.randint(1, 150))

    for i in neem(4):  # left for another school
        leerlingen[i] = replace(leerlingen[i], uitschrijfdatum=uitschrijfdatum(),
                                bestemming=rng.choice(_BESTEMMINGEN))
    for i in neem(4):  # left without a new school: absoluut verzuim when still plichtig
        leerlingen[i] = replace(leerlingen[i], uitschrijfdatum=uitschrijfdatum())
    for i in neem(2):  # 5a: not fit for school, statement renewed each year, until 31 July
        uit = uitschrijfdatum()
        leerlingen[i] = replace(leerlingen[i], uitschrijfdatum=uit, vrijstellingen=(
            Vrijstelling(VrijstellingType.ART_5A, uit, date(schooljaar_start(uit).year + 1, 7, 31)),))
    for i in neem(1):  # 5a, still enrolled while the uitschrijving is being arranged
        leerlingen[i] = replace(leerlingen[i], vrijstellingen=(
            Vrijstelling(VrijstellingType.ART_5A, vandaag - timedelta(days=rng.randint(1, 30)),
                         date(start.year + 1, 7, 31)),))
    for i in neem(2):  # 5c: moved abroad and enrolled at a school there
        uit = uitschrijfdatum()
        leerlingen[i] = replace(leerlingen[i], uitschrijfdatum=uit,
                                vrijstellingen=(Vrijstelling(VrijstellingType.ART_5C, uit),))

    # Havo-doorstromers in vwo 5 and 6 already have a havo diploma: a startkwalificatie.
    vwo_boven = [i for i, s in enumerate(leerlingen)
                 if s.klas[:2] in ("5V", "6V") and s.uitschrijfdatum is None and not s.vrijstellingen]
    for i in rng.sample(vwo_boven, min(len(vwo_boven), max(1, round(4 * schaal)))):
        leerlingen[i] = replace(leerlingen[i], startkwalificatie=True)


def _write_students(leerlingen: list[Leerling], vandaag: date) -> list[Leerling]:
    """Validate and write; call inside a transaction. Returns the students with their ids."""
    mentors: dict[str, int] = {}
    return [write_leerling(validate_leerling(s, vandaag), mentors=mentors) for s in leerlingen]


# --- step 3: a school year of verzuim -----------------------------------------------------------
#
# Relative to the peildatum P (the last lesdag before `vandaag`, which also becomes "verzuim bijgewerkt
# t/m"): every lesdag from the first of P's school year through P, and early in a school year (P in
# August–December) also the end of the previous one, so that a thuiszitter can be at home for more than
# three months. One record per student per day with absence, as an "import" with a Magister code.
#
# Ordinary students get absence that stays clear of every signal (under 16 hours ongeoorloofd in any
# four lesweken, never a 4th ziekmelding within 12 lesweken or a week ill, no whole day of ziek or
# ongeoorloofd next to a vacation); the signals come only from a few deliberate cases, each in its own
# klas where possible. Levels aim at Kearney's usual shape: about 80 % at niveau 1, 14 % at 2, 6 % at 3.

_ONG, _ZIEK, _VERLOF, _SCHORSING, _OVERIG = (Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF, Reden.SCHORSING,
                                             Reden.OVERIG_GEOORLOOFD)
_DAG = timedelta(days=1)
_CAP_ONGEOORLOOFD = 12.0  # ordinary students: at most this many hours in any 4 lesweken (the limit is 16)
_MAZL_VENSTER = 11  # 4 ziekmeldingen whose starts lie at most 11 lesweken apart are an M@zl signal
_NIVEAU_AANDEEL = {3: 0.06, 2: 0.14}
_PLAFOND_PCT = {1: 4.9, 2: 9.9, 3: 35.0}  # an ordinary student's verzuimpercentage stays below this
_LEERJAAR = dict(KLASSEN)

# (weight, kind) of an ordinary student's absences, per Kearney level: mostly ill or at the doctor's.
_EPISODES: dict[int, tuple[tuple[int, str], ...]] = {
    1: ((30, "ziek"), (14, "ziek_deel"), (30, "arts"), (10, "extern"), (6, "spijbel"), (1, "verlof"),
        (2, "absent")),
    2: ((34, "ziek"), (15, "ziek_deel"), (20, "arts"), (10, "extern"), (12, "spijbel"), (2, "verlof"),
        (6, "absent")),
    3: ((35, "ziek"), (15, "ziek_deel"), (14, "arts"), (10, "extern"), (14, "spijbel"), (2, "verlof"),
        (10, "absent")),
}
_ZIEK_LENGTE = {1: (1, 1, 2, 2, 3), 2: (1, 2, 2, 3, 3), 3: (1, 2, 3, 3, 4)}


@dataclass(frozen=True)
class DemoRegel:
    """One day's verzuim of one student, as the administration exports it."""

    leerlingnummer: str
    datum: date
    uren: float
    reden: Reden
    code: str


@dataclass(frozen=True)
class DemoMelding:
    leerlingnummer: str
    melding: Verzuimmelding


@dataclass(frozen=True)
class DemoMazl:
    leerlingnummer: str
    datum: date
    opmerking: str


@dataclass(frozen=True)
class DemoBespreking:
    leerlingnummer: str
    soort: SignaalSoort
    datum: date  # the signal's own datum
    notitie: str
    op: date  # the day it was discussed


@dataclass
class DemoVerzuim:
    """What `fictional_verzuim` made; `bijgewerkt_tot` is the peildatum the demo opens on."""

    bijgewerkt_tot: date
    regels: list[DemoRegel]
    meldingen: list[DemoMelding]
    mazl: list[DemoMazl]
    besprekingen: list[DemoBespreking]
    rollen: dict[str, str] = field(default_factory=dict)  # leerlingnummer → its case, e.g. "thuiszitter_lang"

    def verzuim_per_leerling(self) -> dict[str, list[VerzuimRecord]]:
        per: dict[str, list[VerzuimRecord]] = {}
        for r in self.regels:
            per.setdefault(r.leerlingnummer, []).append(VerzuimRecord(r.datum, r.uren, r.reden))
        return per

    def meldingen_per_leerling(self) -> dict[str, list[Verzuimmelding]]:
        per: dict[str, list[Verzuimmelding]] = {}
        for m_ in self.meldingen:
            per.setdefault(m_.leerlingnummer, []).append(m_.melding)
        return per

    def mazl_per_leerling(self) -> dict[str, list[MazlActie]]:
        per: dict[str, list[MazlActie]] = {}
        for a in self.mazl:
            per.setdefault(a.leerlingnummer, []).append(MazlActie(a.datum))
        return per


def laatste_lesdag_voor(cal: SchoolCalendar, vandaag: date) -> date:
    """The last lesdag before `vandaag`: the day the demo's verzuim is "bijgewerkt t/m"."""
    d = vandaag - _DAG
    for _ in range(400):
        if cal.is_lesdag(d):
            return d
        d -= _DAG
    raise ValueError(f"geen lesdag vóór {vandaag}")


def fictional_verzuim(leerlingen: list[Leerling], cal: SchoolCalendar, vandaag: date, rng: random.Random,
                      dagduur: float = 6.0) -> DemoVerzuim:
    """Day-level verzuim, meldingen, M@zl-acties and besprekingen for these students, up to the last
    lesdag before `vandaag` (see the comment above). Deterministic for the same rng state."""
    return _Verzuimmaker(leerlingen, cal, vandaag, rng, dagduur).maak()


def _maanden_terug(d: date, maanden: int) -> date:
    m_ = d.month - 1 - maanden
    jaar, maand = d.year + m_ // 12, m_ % 12 + 1
    return date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


class _Student:
    """One student's verzuim while it is being made: lesdag position → (reden, code, uren)."""

    __slots__ = ("leerling", "leerjaar", "lo", "hi", "dag", "ziek", "ong_week", "rol", "geen_ong", "bg_hi")

    def __init__(self, leerling: Leerling, lo: int, hi: int):
        self.leerling = leerling
        self.leerjaar = _LEERJAAR.get(leerling.klas, 0)
        self.lo, self.hi = lo, hi  # the positions on which the student is ingeschreven
        self.dag: dict[int, tuple[Reden, str, float]] = {}
        self.ziek: set[int] = set()
        self.ong_week: dict[int, float] = {}
        self.rol: str | None = None
        self.geen_ong = False  # a deliberate case whose ongeoorloofd hours are already exact
        self.bg_hi = hi  # ordinary absence only up to here (before a long run)


class _Verzuimmaker:
    def __init__(self, leerlingen: list[Leerling], cal: SchoolCalendar, vandaag: date, rng: random.Random,
                 dagduur: float):
        self.cal, self.vandaag, self.rng, self.dagduur = cal, vandaag, rng, dagduur
        self.peildatum = p = laatste_lesdag_voor(cal, vandaag)
        self.jaar = schooljaar_start(p)
        begin = date(self.jaar.year, 5, 1) if p.month >= 8 else self.jaar  # early: from May on
        self.dagen = cal.lesdagen(begin, p)
        tabel = cal.tabel(begin, p)
        self.weken = [tabel.weken[tabel.index[d]] for d in self.dagen]
        self.eerste = bisect_left(self.dagen, self.jaar)  # first lesdag of P's school year
        self.laatste = len(self.dagen) - 1  # P
        self.grens, self.luxe_dagen = self._vakantiegrenzen(tabel)
        self.studenten: list[_Student] = []
        for s in sorted(leerlingen, key=lambda s: s.leerlingnummer):
            lo = bisect_left(self.dagen, s.inschrijfdatum)
            hi = self.laatste if s.uitschrijfdatum is None else bisect_left(self.dagen, s.uitschrijfdatum) - 1
            self.studenten.append(_Student(s, lo, hi))
        self.klassen: set[str] = set()
        self.meldingen: list[DemoMelding] = []
        self.mazl: list[DemoMazl] = []
        self.besprekingen: list[DemoBespreking] = []

    # --- the calendar -------------------------------------------------------------------------------

    def _vakantiegrenzen(self, tabel) -> tuple[set[int], list[tuple[int, bool]]]:
        """Positions of the last lesdag before and the first after every vacation (where luxe verzuim
        is checked), and those that count for P's school year as (position, before a vacation), the
        herfst- and kerstvakantie first, the most recent first."""
        pos = {d: i for i, d in enumerate(self.dagen)}
        grens: set[int] = set()
        kandidaten: list[tuple[bool, int, int, bool]] = []
        sy_tot = date(self.jaar.year + 1, 7, 31)
        for v in self.cal.vakanties:
            for i, voor in ((tabel.positie_tot(v.van - _DAG), True), (tabel.positie_vanaf(v.tot + _DAG), False)):
                p = pos.get(tabel.dagen[i]) if 0 <= i < len(tabel.dagen) else None
                if p is None:
                    continue
                grens.add(p)
                if p >= self.eerste and v.tot >= self.jaar and v.van <= sy_tot:
                    kandidaten.append((v.soort not in ("herfstvakantie", "kerstvakantie"), -p, p, voor))
        gezien: set[int] = set()
        luxe = []
        for *_, p, voor in sorted(kandidaten):
            if p not in gezien:
                gezien.add(p)
                luxe.append((p, voor))
        return grens, luxe

    def _vanaf(self, d: date) -> int:
        return bisect_left(self.dagen, d)

    def _week_vanaf(self, week: int) -> int:
        return bisect_left(self.weken, week)

    def _werkdag_na(self, p: int, n: int) -> date:
        return min(self.cal.werkdag_na(self.dagen[p], n), self.peildatum)

    # --- placing absence --------------------------------------------------------------------------

    def _zet(self, st: _Student, p: int, reden: Reden, uren: float, code: str) -> None:
        st.dag[p] = (reden, code, float(uren))
        if reden is _ZIEK:
            st.ziek.add(p)
        elif reden is _ONG:
            w = self.weken[p]
            st.ong_week[w] = st.ong_week.get(w, 0.0) + uren

    def _heel(self, st: _Student, p: int) -> bool:
        dag = st.dag.get(p)
        return dag is not None and dag[2] >= self.dagduur

    def _ong_past(self, st: _Student, posities: range, uren: float) -> bool:
        extra: dict[int, float] = {}
        for p in posities:
            extra[self.weken[p]] = extra.get(self.weken[p], 0.0) + uren
        for w in extra:
            for eind in range(w, w + 4):
                som = sum(st.ong_week.get(x, 0.0) + extra.get(x, 0.0) for x in range(eind - 3, eind + 1))
                if som > _CAP_ONGEOORLOOFD:
                    return False
        return True

    def _ziek_past(self, st: _Student, posities: range) -> bool:
        """No merging with another ziekmelding and never 4 ziekmeldingen within 12 lesweken."""
        if posities[0] - 1 in st.ziek or posities[-1] + 1 in st.ziek:
            return False
        starts = sorted([self.weken[p] for p in st.ziek if p - 1 not in st.ziek] + [self.weken[posities[0]]])
        return all(starts[i + 3] - starts[i] > _MAZL_VENSTER for i in range(len(starts) - 3))

    def _past(self, st: _Student, posities: range, reden: Reden, uren: float) -> bool:
        if posities[0] < st.lo or posities[-1] > st.hi or any(p in st.dag for p in posities):
            return False
        if uren >= self.dagduur:
            if reden in (_ONG, _ZIEK) and any(p in self.grens for p in posities):
                return False  # would be a luxe verzuim signal
            if self._heel(st, posities[0] - 1) or self._heel(st, posities[-1] + 1):
                return False
        if reden is _ONG:
            return not st.geen_ong and self._ong_past(st, posities, uren)
        if reden is _ZIEK:
            return self._ziek_past(st, posities)
        if reden is _VERLOF:  # never in the first two lesweken of a school year (art. 13a)
            return all(self.weken[p] - self.weken[self._vanaf(schooljaar_start(self.dagen[p]))] >= 2
                       for p in posities)
        return True

    def _episode(self, niveau: int) -> tuple[Reden, str, int, float]:
        rng, heel = self.rng, self.dagduur
        soort = rng.choices([s for _, s in _EPISODES[niveau]], weights=[w for w, _ in _EPISODES[niveau]])[0]
        if soort == "ziek":
            return _ZIEK, "Z", rng.choice(_ZIEK_LENGTE[niveau]), heel
        if soort == "ziek_deel":  # ziek naar huis
            return _ZIEK, "Z", 1, min(rng.randint(2, 4), heel)
        if soort == "arts":  # huisarts, tandarts, orthodontist
            return _OVERIG, "M", 1, min(rng.choice((1, 1, 2)), heel)
        if soort == "extern":
            return _OVERIG, "EH", 1, min(rng.randint(1, 3), heel)
        if soort == "spijbel":
            return _ONG, "S", 1, min(rng.randint(1, 3 if niveau == 3 else 2), heel)
        if soort == "absent":
            return _ONG, "A", 1, heel if rng.random() < 0.3 else min(rng.randint(2, 4), heel)
        return _VERLOF, "V", rng.choice((1, 1, 1, 2)), heel  # a wedding, a funeral, a religious holiday

    def _vul(self, st: _Student, van: int, tot: int, doel: float, plafond: float, niveau: int) -> None:
        """Ordinary absence on positions van..tot until about `doel` hours; the hours on van..P never
        exceed `plafond` (keeps a student's level)."""
        if tot < van or doel <= 0:
            return
        rng = self.rng
        totaal = sum(u for p, (_, _, u) in st.dag.items() if p >= van)
        for _ in range(150 if niveau == 1 else 400):
            if totaal >= doel:
                return
            reden, code, lengte, uren = self._episode(niveau)
            if tot - van + 1 < lengte:
                continue
            extra = uren * lengte
            if totaal + extra > plafond:
                continue
            # Niveau 1 stops about at its goal (on average), the others go on until they reach it.
            if niveau == 1 and totaal + extra > doel and rng.random() * extra >= doel - totaal:
                return
            p0 = rng.randint(van, tot - lengte + 1)
            posities = range(p0, p0 + lengte)
            if not self._past(st, posities, reden, uren):
                continue
            for p in posities:
                self._zet(st, p, reden, uren, code)
            totaal += extra

    def _doel_pct(self, niveau: int) -> float:
        rng = self.rng
        if niveau == 1:
            return rng.uniform(0.0, 0.6) if rng.random() < 0.3 else rng.triangular(0.6, 4.6, 1.8)
        if niveau == 2:
            return rng.uniform(5.3, 9.4)
        return rng.triangular(10.4, 24.0, 12.5)

    def _achtergrond(self, st: _Student, niveau: int, *, plafond: bool) -> None:
        hi = min(st.hi, st.bg_hi)
        if hi < st.lo:
            return
        pct = self._doel_pct(niveau)
        if st.lo < self.eerste:  # the end of the previous school year: the same habits, no level to keep
            eind = min(hi, self.eerste - 1)
            self._vul(st, st.lo, eind, pct / 100 * (eind - st.lo + 1) * self.dagduur, math.inf, niveau)
        van = max(st.lo, self.eerste)
        if hi >= van:
            n = (self.laatste if st.hi == self.laatste else st.hi) - van + 1
            grens = _PLAFOND_PCT[niveau] / 100 * n * self.dagduur if plafond else math.inf
            self._vul(st, van, hi, pct / 100 * n * self.dagduur, grens, niveau)

    # --- choosing the students for the deliberate cases -------------------------------------------

    def _kies(self, rol: str, leerjaren: tuple[int, ...], vanaf: int, *, plicht: bool = True,
              rng: random.Random | None = None) -> _Student | None:
        """An enrolled student without vrijstelling, enrolled from position `vanaf` through P (and
        plichtig then when `plicht`), preferably in `leerjaren` and in a klas without a case yet."""
        vanaf = max(vanaf, 0)
        p = self.peildatum

        def geschikt(st: _Student) -> bool:
            s = st.leerling
            return (st.rol is None and s.uitschrijfdatum is None and not s.vrijstellingen and st.lo <= vanaf
                    and st.hi == self.laatste
                    and (not plicht or (is_plichtig(s, self.dagen[vanaf]) and is_plichtig(s, p))))

        alle = [st for st in self.studenten if geschikt(st)]
        for pool in ([st for st in alle if st.leerjaar in leerjaren and st.leerling.klas not in self.klassen],
                     [st for st in alle if st.leerling.klas not in self.klassen],
                     [st for st in alle if st.leerjaar in leerjaren],
                     alle):
            if pool:
                st = (rng or self.rng).choice(pool)
                st.rol = rol
                self.klassen.add(st.leerling.klas)
                return st
        return None

    def _melding(self, st: _Student, datum: date, einddatum: date, soort: MeldingSoort) -> None:
        kenmerk = f"DUO-{datum:%Y}-{self.rng.randrange(10_000, 100_000)}"
        self.meldingen.append(DemoMelding(st.leerling.leerlingnummer,
                                          Verzuimmelding(datum, einddatum, soort, kenmerk)))

    def _mazl_actie(self, st: _Student, datum: date, opmerking: str) -> None:
        self.mazl.append(DemoMazl(st.leerling.leerlingnummer, datum, opmerking))

    # --- the cases --------------------------------------------------------------------------------

    def _thuiszitters(self) -> None:
        """Four thuiszitters: two at home for more than three months, one for some weeks, one who just
        passed 20 lesdagen and was never reported (an overdue meldplicht). Before the run, a few weeks
        of creeping absence."""
        rng, laatste, p = self.rng, self.laatste, self.peildatum
        lang = max(self._vanaf(_maanden_terug(p, 6)), 16)
        drie = max(self._vanaf(_maanden_terug(p, 4) - timedelta(days=rng.randint(0, 14))), lang + rng.randint(5, 15))
        plannen = (("lang", lang, (2, 3, 4)), ("3mnd", drie, (3, 4, 5)),
                   ("kort", laatste - rng.randint(28, 40) + 1, (2, 3)),
                   ("nieuw", laatste - rng.randint(22, 24) + 1, (1, 2, 3)))
        for rol, sinds, leerjaren in plannen:
            if sinds < 2 or laatste - sinds + 1 <= 20:
                continue
            st = self._kies(f"thuiszitter_{rol}", leerjaren, sinds - 15)
            if st is None:
                continue
            for q in range(sinds, laatste + 1):
                self._zet(st, q, _ONG, self.dagduur, "A")
            opbouw = list(range(max(st.lo, sinds - 15), sinds - 1))
            ziek = 0
            for q in sorted(rng.sample(opbouw, min(len(opbouw), rng.randint(4, 6)))):
                if ziek < 2 and rng.random() < 0.35 and self._ziek_past(st, range(q, q + 1)):
                    self._zet(st, q, _ZIEK, rng.randint(2, 4), "Z")
                    ziek += 1
                else:
                    self._zet(st, q, _ONG, rng.randint(2, 4), rng.choice(("A", "S")))
            st.bg_hi = sinds - 17
            st.geen_ong = True
            if rol == "lang" or (rol == "kort" and sinds + 2 >= self.eerste):
                d = sinds + 2  # the 16-hour melding when it started
                self._melding(st, self._werkdag_na(d, rng.randint(2, 5)), self.dagen[d], MeldingSoort.ZESTIEN_UUR)
            if rol != "nieuw":  # langdurig relatief verzuim reported this week: the count starts afresh
                d = self.dagen[laatste - rng.randint(0, 2)]
                self._melding(st, d, d, MeldingSoort.LRV)
            if rol == "lang":
                self._bespreek_later.append((st, (SignaalSoort.THUISZITTER_3MND, SignaalSoort.THUISZITTER), 10, (
                    "Besproken in het MDO met ouders, leerplichtambtenaar en jeugdarts. Afspraak: opbouwrooster "
                    "van twee uur per dag; de consulent van het SWV zoekt mee naar een passend aanbod.")))

    def _teruggekeerd(self) -> None:
        """A thuiszitter who came back during the last complete quarter (the quarterly overview keeps the
        row): some 25 lesdagen at home, reported, then two weeks on an opbouwrooster of half days.
        Chosen last and with its own random numbers, so the other cases stay as they were."""
        rng = random.Random(f"teruggekeerd {self.vandaag}")
        tot = Kwartaal.laatste_volledige(self.vandaag).tot
        terug = bisect_right(self.dagen, tot) - rng.randint(8, 10)  # the first lesdag back
        sinds = terug - rng.randint(24, 28)
        if sinds < 2 or terug > self.laatste:
            return
        st = self._kies("teruggekeerd", (2, 3, 4), sinds - 2, rng=rng)
        if st is None:
            return
        for q in range(sinds, terug):
            self._zet(st, q, _ONG, self.dagduur, "A")
        for q in range(terug, min(terug + 10, self.laatste + 1)):  # opbouwrooster: geoorloofd, half days
            self._zet(st, q, _OVERIG, self.dagduur / 2, "EH")
        nr = st.leerling.leerlingnummer
        # The 16-hour melding when it started; the whole period as langdurig relatief verzuim on the day
        # back, so the count starts afresh.
        for datum, einddatum, soort in ((self._werkdag_na(sinds + 2, rng.randint(2, 4)), self.dagen[sinds + 2],
                                         MeldingSoort.ZESTIEN_UUR),
                                        (self.dagen[terug], self.dagen[terug - 1], MeldingSoort.LRV)):
            kenmerk = f"DUO-{datum:%Y}-{rng.randrange(10_000, 100_000)}"
            self.meldingen.append(DemoMelding(nr, Verzuimmelding(datum, einddatum, soort, kenmerk)))
        st.geen_ong = True
        st.bg_hi = sinds - 2

    def _langdurig(self) -> None:
        """Long illness: more than 20 lesdagen absent all day, up to P (dreigend thuiszitter)."""
        rng, laatste = self.rng, self.laatste
        for rol, lengte in (("ziek_mazl", rng.randint(30, 45)), ("ziek", rng.randint(22, 27)),
                            ("medisch", rng.randint(24, 32))):
            begin = laatste - lengte + 1
            if begin < 2:
                continue
            st = self._kies(f"langdurig_{rol}", (1, 2, 3, 4, 5, 6), begin - 2, plicht=False)
            if st is None:
                continue
            ziek_tot = begin + (rng.randint(3, 5) if rol == "medisch" else lengte)
            for q in range(begin, laatste + 1):
                if q < ziek_tot and not (rol == "medisch" and q in self.grens):
                    self._zet(st, q, _ZIEK, self.dagduur, "Z")
                else:  # hospital and revalidatie
                    self._zet(st, q, _OVERIG, self.dagduur, "M")
            if rol == "ziek_mazl":
                self._mazl_actie(st, self._werkdag_na(begin + 6, rng.randint(2, 4)),
                                 "Verzuimgesprek gevoerd; ouders akkoord met een consult bij de jeugdarts.")
            st.bg_hi = begin - 2

    def _ziek_run(self, st: _Student, posities: range) -> None:
        """A ziekmelding; whole days, but only part of a day next to a vacation (no luxe verzuim)."""
        for q in posities:
            self._zet(st, q, _ZIEK, self.dagduur if q not in self.grens else min(4, self.dagduur - 1), "Z")

    def _mazl(self) -> None:
        """M@zl: a week or more ill (once with the jeugdarts already involved), and twice 4 ziekmeldingen
        within 12 lesweken."""
        rng, eerste, laatste = self.rng, self.eerste, self.laatste
        for met_actie in (False, True):
            lengte = min(rng.randint(7, 9), laatste - eerste + 1)
            if lengte < 7:
                continue
            eind = min(laatste, max(laatste - rng.randint(2, 15), eerste + lengte - 1))
            st = self._kies("mazl_week", (1, 2, 3, 4, 5, 6), eerste)
            if st is None:
                continue
            posities = range(eind - lengte + 1, eind + 1)
            self._ziek_run(st, posities)
            if met_actie:
                self._mazl_actie(st, self._werkdag_na(posities[6], rng.randint(1, 3)),
                                 "Jeugdarts ingeschakeld na een week ziekte; ouders hebben toestemming gegeven.")
        for _ in range(2):
            begin = max(eerste, self._week_vanaf(self.weken[laatste] - 10))
            lengtes = [rng.choice((1, 1, 2)) for _ in range(4)]
            if (laatste - begin + 1) - sum(lengtes) - 3 < 0:
                lengtes = [1, 1, 1, 1]  # early in the school year: four single days
            vrij = (laatste - begin + 1) - sum(lengtes) - 3
            if vrij < 0:
                continue
            st = self._kies("mazl_vaak", (1, 2, 3, 4), begin)
            if st is None:
                continue
            extra = sorted(rng.randint(0, vrij) for _ in range(4))
            for i, lengte in enumerate(lengtes):
                start = begin + extra[i] + sum(lengtes[:i]) + i
                if lengte == 1 and rng.random() < 0.4:  # sent home ill
                    self._zet(st, start, _ZIEK, min(rng.randint(2, 4), self.dagduur), "Z")
                else:
                    self._ziek_run(st, range(start, start + lengte))

    def _luxe(self) -> None:
        """A whole day away right before or after a vacation: unauthorised (once reported to DUO at once,
        once two days), once reported ill; and an approved verlof (art. 13a) that is no signal."""
        rng, kandidaten = self.rng, self.luxe_dagen
        if not kandidaten:
            return
        plannen = [("ong", 0), ("twee", 1), ("ziek", 2)] + ([("ong", 3)] if len(kandidaten) >= 4 else [])
        for i, (rol, k) in enumerate(plannen):
            p, voor = kandidaten[k % len(kandidaten)]
            st = self._kies(f"luxe_{rol}", (1, 2, 3), p - 1)
            if st is None:
                continue
            st.geen_ong = True
            if rol == "ziek":
                self._zet(st, p, _ZIEK, self.dagduur, "Z")
                continue
            self._zet(st, p, _ONG, self.dagduur, "A")
            naast = p - 1 if voor else p + 1
            if rol == "twee" and self.eerste <= naast <= self.laatste and naast >= st.lo and naast not in self.grens:
                self._zet(st, naast, _ONG, self.dagduur, "A")
            if i == 0:
                self._melding(st, self._werkdag_na(p, rng.randint(1, 2)), self.dagen[p], MeldingSoort.LUXE_VERZUIM)
                self._bespreek_later.append((st, (SignaalSoort.LUXE_VERZUIM,), 0, (
                    "Moeder gebeld: het gezin is een dag eerder op vakantie gegaan. Uitgelegd dat dat niet mag "
                    "zonder verlof; gemeld bij DUO als luxe verzuim.")))
        # verlof for a parent's job: never in the first two lesweken of the school year (art. 13a)
        p = next((p for p, _ in kandidaten if self.weken[p] - self.weken[self.eerste] >= 2), None)
        st = self._kies("verlof", (1, 2, 3, 4), p) if p is not None else None
        if st is not None:
            self._zet(st, p, _VERLOF, self.dagduur, "V")

    def _zestien(self, st: _Student, start: int, dstar: int) -> bool:
        """Ongeoorloofd hours from position `start` on that first reach 16 within 4 lesweken on `dstar`."""
        rng = self.rng
        if dstar < start or dstar in st.dag:
            return False
        a = max(start, self._week_vanaf(self.weken[dstar] - 3), st.lo)
        kandidaten = [q for q in range(a, dstar) if q not in st.dag and q not in self.grens]
        slot = rng.choice((2, 3, 4, 6)) if dstar not in self.grens else rng.choice((2, 3, 4))
        voor = rng.randint(16 - slot, 15)
        minst = math.ceil(voor / self.dagduur)
        if len(kandidaten) < minst:
            return False
        k = rng.randint(minst, max(minst, min(len(kandidaten), 6)))
        delen = [1] * k
        for _ in range(voor - k):
            i = rng.choice([i for i, u in enumerate(delen) if u < self.dagduur])
            delen[i] += 1
        for q, u in zip(sorted(rng.sample(kandidaten, k)), delen, strict=True):
            self._zet(st, q, _ONG, u, "A" if u >= 4 else "S")
        self._zet(st, dstar, _ONG, slot, "A" if slot >= 4 else "S")
        st.geen_ong = True
        return True

    def _meldplicht(self) -> None:
        """16 hours ongeoorloofd: two crossed in the last days (melden uiterlijk in the coming days), one
        weeks ago and never reported (overdue), one reported in time and over 16 again, one reported in
        time and counting afresh."""
        rng, eerste, laatste = self.rng, self.eerste, self.laatste
        for rol, leerjaren in (("nieuw", (3, 4)), ("bijna", (2, 3))):
            dstar = laatste - (rng.randint(0, 1) if rol == "nieuw" else rng.randint(2, 3))
            st = self._kies(f"meldplicht_{rol}", leerjaren, eerste)
            if st is not None:
                self._zestien(st, eerste, dstar)
        dstar = laatste - rng.randint(8, 15)
        while dstar > eerste + 1 and self.cal.werkdag_na(self.dagen[dstar], 5) >= self.vandaag:
            dstar -= 1
        if dstar > eerste:
            st = self._kies("meldplicht_te_laat", (3, 4, 5), eerste)
            if st is not None:
                self._zestien(st, eerste, dstar)
        # reported in time, then over 16 hours again
        if laatste - 12 >= eerste + 4:
            st = self._kies("meldplicht_opnieuw", (4, 5), eerste)
            d1 = rng.randint(eerste + 4, laatste - 12)
            if st is not None and self._zestien(st, eerste, d1):
                self._melding(st, self._werkdag_na(d1, rng.randint(1, 4)), self.dagen[d1], MeldingSoort.ZESTIEN_UUR)
                self._zestien(st, d1 + 1, laatste - rng.randint(0, 3))
        # reported in time, a few hours since
        if laatste - 3 >= eerste + 3:
            st = self._kies("meldplicht_gemeld", (2, 3, 4), eerste)
            d1 = rng.randint(eerste + 3, max(eerste + 3, laatste - 6))
            if st is not None and self._zestien(st, eerste, d1):
                self._melding(st, self._werkdag_na(d1, rng.randint(1, 3)), self.dagen[d1], MeldingSoort.ZESTIEN_UUR)
                na = [q for q in range(d1 + 1, laatste + 1) if q not in st.dag]
                for q in sorted(rng.sample(na, min(len(na), rng.randint(1, 3)))):
                    self._zet(st, q, _ONG, rng.randint(1, 3), "S")

    def _overig(self) -> None:
        """Two short schorsingen, and the student with a running vrijstelling 5a: weeks ill before it
        (the jeugdarts involved), nothing since."""
        rng, eerste, laatste = self.rng, self.eerste, self.laatste
        for _ in range(2):
            st = self._kies("schorsing", (2, 3, 4), eerste, plicht=False)
            if st is None:
                continue
            lengte = rng.choice((1, 1, 2))
            for _ in range(20):
                p0 = rng.randint(eerste, laatste - lengte + 1) if laatste - lengte + 1 >= eerste else eerste
                posities = range(p0, p0 + lengte)
                if posities[-1] <= laatste and self._past(st, posities, _SCHORSING, self.dagduur):
                    for q in posities:
                        self._zet(st, q, _SCHORSING, self.dagduur, "GE")
                    break
        for st in self.studenten:
            s = st.leerling
            v = active_vrijstelling(s, self.peildatum) if s.uitschrijfdatum is None else None
            if v is None or st.rol is not None:
                continue
            st.rol = "vrijstelling"
            eind = self._vanaf(v.van) - 1
            begin = max(st.lo, eind - rng.randint(14, 28) + 1)
            if eind - begin + 1 < 1:
                continue
            posities = range(begin, eind + 1)
            if len(posities) > 10:
                for q in posities:
                    self._zet(st, q, _ZIEK, self.dagduur, "Z")
            else:
                self._ziek_run(st, posities)
            if len(posities) >= 7:
                self._mazl_actie(st, self._werkdag_na(begin + 6, 3),
                                 "Jeugdarts betrokken; verklaring voor vrijstelling 5a aangevraagd.")
            st.bg_hi = begin - 2

    # --- levels and the rest of the school ----------------------------------------------------------

    def _pct(self, st: _Student) -> float:
        van = max(st.lo, self.eerste)
        n = self.laatste - van + 1
        if n <= 0:
            return 0.0
        som = sum(min(u, self.dagduur) for q, (_, _, u) in st.dag.items() if q >= van)
        return 100 * som / (n * self.dagduur)

    def _niveau(self, st: _Student) -> int:
        if st.rol and st.rol.startswith("thuiszitter"):
            return 3
        pct = round(self._pct(st) + 1e-9, 1)
        return 3 if pct >= 10 else 2 if pct >= 5 else 1

    def _school(self) -> None:
        rng, p = self.rng, self.peildatum
        for st in self.studenten:
            if st.rol is not None:
                self._achtergrond(st, 1, plafond=False)
        ingeschreven = [st for st in self.studenten if is_ingeschreven(st.leerling, p)]
        gewoon = [st for st in ingeschreven if st.rol is None]
        al = Counter(self._niveau(st) for st in ingeschreven if st.rol is not None)
        q3 = max(0, round(_NIVEAU_AANDEEL[3] * len(ingeschreven)) - al[3])
        q2 = max(0, round(_NIVEAU_AANDEEL[2] * len(ingeschreven)) - al[2])
        # Chronic absence is somewhat more common in the upper years.
        gewicht = {1: 0.7, 2: 0.85, 3: 1.0, 4: 1.2, 5: 1.2, 6: 1.0}
        volgorde = sorted(gewoon, key=lambda st: rng.random() ** (1 / gewicht.get(st.leerjaar, 1.0)), reverse=True)
        for i, st in enumerate(volgorde):
            self._achtergrond(st, 3 if i < q3 else 2 if i < q3 + q2 else 1, plafond=True)
        for st in self.studenten:
            if st.rol is None and not is_ingeschreven(st.leerling, p):
                s = st.leerling
                absoluut = not s.bestemming and not s.vrijstellingen
                self._achtergrond(st, rng.choice((2, 3)) if absoluut else rng.choice((1, 1, 1, 2)), plafond=False)

    def _regels(self, st: _Student) -> list[DemoRegel]:
        nr = st.leerling.leerlingnummer
        return [DemoRegel(nr, self.dagen[q], u, reden, code) for q, (reden, code, u) in sorted(st.dag.items())]

    def _bespreek(self) -> None:
        inst = SignaalInstellingen(uren_per_lesdag=self.dagduur)
        for st, soorten, recent, notitie in self._bespreek_later:
            nr = st.leerling.leerlingnummer
            gevonden = signalen(
                self.cal, inst, st.leerling, [VerzuimRecord(r.datum, r.uren, r.reden) for r in self._regels(st)],
                [m_.melding for m_ in self.meldingen if m_.leerlingnummer == nr],
                [MazlActie(a.datum) for a in self.mazl if a.leerlingnummer == nr], self.peildatum)
            for soort in soorten:
                sig = next((s for s in gevonden if s.soort is soort), None)
                if sig is not None:
                    # a phone call a few days after the signal; an MDO in the last weeks
                    q = self._vanaf(sig.datum) + self.rng.randint(1, 4)
                    if recent:
                        q = max(q, self.laatste - self.rng.randint(3, recent))
                    q = min(self.laatste, q)
                    self.besprekingen.append(DemoBespreking(nr, soort, sig.datum, notitie, self.dagen[q]))
                    break

    def maak(self) -> DemoVerzuim:
        self._bespreek_later: list[tuple[_Student, tuple[SignaalSoort, ...], int, str]] = []
        self._thuiszitters()
        self._langdurig()
        self._mazl()
        self._luxe()
        self._meldplicht()
        self._overig()
        self._teruggekeerd()
        self._school()
        self._bespreek()
        regels = [r for st in self.studenten for r in self._regels(st)]
        rollen = {st.leerling.leerlingnummer: st.rol for st in self.studenten if st.rol}
        return DemoVerzuim(self.peildatum, regels, self.meldingen, self.mazl, self.besprekingen, rollen)


def _write_verzuim(services: Services, leerlingen: list[Leerling], rng: random.Random, vandaag: date) -> DemoVerzuim:
    """Step 3 into the database; call inside the transaction that wrote the students (with their ids)."""
    demo = fictional_verzuim(leerlingen, services.kalender.calendar(), vandaag, rng,
                             m.School.get().uren_per_lesdag)
    ids = {s.leerlingnummer: s.id for s in leerlingen}
    db = services.ctx.store.db
    db.cursor().executemany(
        'INSERT INTO verzuim ("leerling_id", "datum", "uren", "reden", "bron", "code", "opmerking") '
        "VALUES (?, ?, ?, ?, 'import', ?, '')",
        [(ids[r.leerlingnummer], r.datum.isoformat(), r.uren, r.reden.value, r.code) for r in demo.regels])
    door = services.gebruiker.id

    def moment(d: date) -> datetime:
        return datetime.combine(d, time(rng.randint(8, 16), rng.randrange(60)))

    if demo.meldingen:
        m.Verzuimmelding.insert_many([
            dict(leerling=ids[x.leerlingnummer], datum=x.melding.datum, einddatum=x.melding.einddatum,
                 soort=x.melding.soort.value, kenmerk=x.melding.kenmerk, door=door, aangemaakt=moment(x.melding.datum))
            for x in demo.meldingen]).execute()
    if demo.mazl:
        m.MazlActie.insert_many([
            dict(leerling=ids[x.leerlingnummer], datum=x.datum, opmerking=x.opmerking, door=door,
                 aangemaakt=moment(x.datum)) for x in demo.mazl]).execute()
    if demo.besprekingen:
        m.SignaalBespreking.insert_many([
            dict(leerling=ids[x.leerlingnummer], signaal=x.soort.value, datum=x.datum, notitie=x.notitie, door=door,
                 aangemaakt=moment(x.op)) for x in demo.besprekingen]).execute()
    instellingen.schrijf(BIJGEWERKT_TOT, demo.bijgewerkt_tot.isoformat())
    return demo


# --- step 4: trajecten along the praktijkkaart --------------------------------------------------
#
# About a dozen trajecten on the students the verzuim step made into cases, written through the
# TrajectService and PlanService so that their rules apply and the checklist ticks itself (a DUO melding, a
# gesprek, an MDO, consent, a plan …). Each case plays a story of `demo_verhalen.py` (its events, their days
# and the template words are described there). A traject opens the first lesdag after its signal arose; the
# steps follow from the story (the oldest cases are furthest along).

_MEISJESNAMEN = frozenset(n for h in _HERKOMSTEN for n in h.meisjes)

def _gescheiden(s: Leerling) -> bool:
    return len(s.ouders) == 2 and s.ouders[0].adres != s.ouders[1].adres


def _woorden(s: Leerling, sinds: date) -> dict[str, str]:
    """The template words for one student (see demo_verhalen.py)."""
    meisje = s.voornaam in _MEISJESNAMEN
    ouder = next((o for o in s.ouders if o.gezag), s.ouders[0] if s.ouders else None)
    relatie = ouder.relatie if ouder else Relatie.OUDER
    titel = {Relatie.MOEDER: "moeder", Relatie.VADER: "vader"}.get(
        relatie, "de verzorger" if relatie is Relatie.ANDERS else f"de {relatie.value}")
    return {"naam": s.voornaam or s.naam, "hij": "ze" if meisje else "hij", "Hij": "Ze" if meisje else "Hij",
            "zijn": "haar" if meisje else "zijn", "hem": "haar" if meisje else "hem", "ouder": titel,
            "Ouder": titel[0].upper() + titel[1:], "ouder_naam": ouder.naam if ouder else titel,
            "ouder_rol": relatie.value, "mentor": s.mentor or "de mentor", "klas": s.klas, "sinds": formaat.dag_maand(sinds)}


class _Trajectmaker:
    """Step 4: the partners, the trajecten and a few mentors' contactmomenten, through the service."""

    def __init__(self, services: Services, leerlingen: list[Leerling], gemaakt: DemoVerzuim, rng: random.Random,
                 vandaag: date):
        self.tr = services.trajecten
        self.pl = services.plannen
        self.rng, self.vandaag, self.gemaakt = rng, vandaag, gemaakt
        p = gemaakt.bijgewerkt_tot
        self.cal = services.kalender.calendar()
        # Lesdagen from the start of the previous school year through P: every date of the step is one.
        self.dagen = self.cal.lesdagen(date(schooljaar_start(p).year - 1, 8, 1), p)
        self.laatste = len(self.dagen) - 1
        self.zoco = Persoon(services.gebruiker.naam, gebruiker_id=services.gebruiker.id)
        self.profiel = services.profielen.get()  # how the plans name the zorgcoördinator (demo_documenten.py)
        self.leerlingen = {s.leerlingnummer: s for s in leerlingen}
        overzicht = services.signalen.overzicht(p)
        self.signalen = overzicht.signalen_van()
        self.niveau = {n.leerlingnummer: n.niveau for n in overzicht.niveaus}
        self.partners: dict[str, Partner] = {}
        self.gebruikt: set[str] = set()

    # --- choosing the students ----------------------------------------------------------------------

    def maak(self) -> None:
        self.partners = {k: self.tr.partner_opslaan(p) for k, p in vh.PARTNERS.items()}
        rollen: dict[str, list[str]] = {}
        for nr, rol in sorted(self.gemaakt.rollen.items()):
            rollen.setdefault(rol, []).append(nr)
        S = SignaalSoort

        for rol, soorten in (("thuiszitter_lang", (S.THUISZITTER, S.THUISZITTER_3MND)),
                             ("thuiszitter_3mnd", (S.THUISZITTER, S.THUISZITTER_3MND)),
                             ("thuiszitter_kort", (S.THUISZITTER,)),
                             ("thuiszitter_nieuw", (S.THUISZITTER, S.MELDPLICHT_16U)),
                             ("meldplicht_te_laat", (S.MELDPLICHT_16U,)),
                             ("langdurig_ziek_mazl", (S.LANGDURIG_AFWEZIG, S.MAZL))):
            for nr in rollen.get(rol, ())[:1]:
                self._vanuit_signaal(nr, rol, self._signaal(nr, soorten))

        # Reported once and counting afresh: opened from that first 16-hour signal.
        for nr in rollen.get("meldplicht_opnieuw", ())[:1]:
            eerste = min((x.melding for x in self.gemaakt.meldingen
                          if x.leerlingnummer == nr and x.melding.soort is MeldingSoort.ZESTIEN_UUR),
                         key=lambda x: x.datum, default=None)
            signaal = (S.MELDPLICHT_16U, eerste.einddatum, eerste.einddatum) if eerste else None
            self._vanuit_signaal(nr, "meldplicht_opnieuw", signaal or self._signaal(nr, (S.MELDPLICHT_16U,)))

        # M@zl: a week ill (the one still signalled) and four ziekmeldingen; a second student with four
        # ziekmeldingen, here for a year or more, had a traject last year and gets a mentor's call now.
        week = [(nr, sig) for nr in rollen.get("mazl_week", ()) if (sig := self._signaal(nr, (S.MAZL,)))]
        for nr, sig in week[:1]:
            self._vanuit_signaal(nr, "mazl_week", sig)
        vorig_begin = self._index(self._vorig_jaar_begin())
        mazl = [nr for nr in rollen.get("mazl_vaak", ()) if self._signaal(nr, (S.MAZL,))]
        vorig = next((nr for nr in reversed(mazl) if len(mazl) > 1 and self._was_er(nr, vorig_begin)), None)
        for nr in [nr for nr in mazl if nr != vorig][:1]:
            self._vanuit_signaal(nr, "mazl_vaak", self._signaal(nr, (S.MAZL,)))

        # Absoluut verzuim: the most recent one.
        absoluut = sorted((s for lijst in self.signalen.values() for s in lijst if s.soort is S.ABSOLUUT_VERZUIM),
                          key=lambda s: (s.datum, s.leerlingnummer))
        if absoluut:
            s = absoluut[-1]
            self._vanuit_signaal(s.leerlingnummer, "absoluut", (s.soort, s.datum, s.sinds))

        # Vrijstelling 5a, still enrolled: opened while ill, a few weeks before the vrijstelling. (Not by its
        # case: in the summer holiday the vrijstelling starts after P, and the verzuim step passes it by.)
        vrij = [(nr, v) for nr, s in sorted(self.leerlingen.items())
                if s.uitschrijfdatum is None and (v := active_vrijstelling(s, self.vandaag)) is not None
                and v.type is VrijstellingType.ART_5A]
        for nr, v in vrij[:1]:
            anker = min(self._index(v.van), self.laatste)
            begin = max(anker - 12, self._index(self.leerlingen[nr].inschrijfdatum))
            juni = date(v.tot.year, 6, 1) if v.tot else None  # before the statement must be renewed (1 July)
            evaluatie = juni if juni and juni > self.vandaag else self.vandaag + timedelta(days=30)
            self._speel(nr, "vrijstelling", begin, ankers={"vrijstelling": anker}, evaluatiedatum=evaluatie)

        # Two ordinary students with much absence: one closed this year, one last year (when no M@zl
        # student fits), then a few mentors' contactmomenten.
        begin = max(self.laatste - 95, 0)
        kandidaat = (self._gewone(self.dagen[begin], niveaus=(2, 3), eis=_gescheiden)  # as the story says
                     or self._gewone(self.dagen[begin], niveaus=(2, 3)))
        if kandidaat:
            self._speel(kandidaat, "terug", begin)
        vorig = vorig or self._gewone(self.dagen[vorig_begin], niveaus=(2, 3, 1), leerjaar_vanaf=2)
        if vorig:
            eind = self._index(schooljaar_start(self.gemaakt.bijgewerkt_tot)) - 1
            self._speel(vorig, "vorig_jaar", vorig_begin, eind=eind)
            if self._signaal(vorig, (S.MAZL,)):
                self._contactmoment(vorig, *vh.OPNIEUW_ZIEK)
        klassen = {self.leerlingen[nr].klas for nr in self.gebruikt}
        for type_, tekst in vh.CONTACTMOMENTEN:
            nr = self._gewone(self.dagen[self.laatste], niveaus=(2, 3), buiten=klassen)
            if nr:
                klassen.add(self.leerlingen[nr].klas)
                self._contactmoment(nr, type_, tekst)

    def _signaal(self, nr: str, soorten: tuple[SignaalSoort, ...]) -> tuple[SignaalSoort, date, date] | None:
        for soort in soorten:
            for s in self.signalen.get(nr, ()):
                if s.soort is soort:
                    return s.soort, s.datum, s.sinds
        return None

    def _index(self, d: date) -> int:
        """The first lesdag on or after d (len(dagen) when none)."""
        return bisect_left(self.dagen, d)

    def _vorig_jaar_begin(self) -> date:
        return date(schooljaar_start(self.gemaakt.bijgewerkt_tot).year - 1, 11, 1) + timedelta(
            days=self.rng.randint(0, 14))

    def _was_er(self, nr: str, i: int) -> bool:
        s = self.leerlingen[nr]
        return s.inschrijfdatum <= self.dagen[i] and _LEERJAAR.get(s.klas, 0) >= 2

    def _gewone(self, sinds: date, *, niveaus: tuple[int, ...], leerjaar_vanaf: int = 1,
                buiten: Collection[str] = (), eis: Callable[[Leerling], bool] = lambda s: True) -> str | None:
        """An enrolled student without a case, here since `sinds`, at the first of `niveaus` that has one."""
        p = self.gemaakt.bijgewerkt_tot
        for niveau in niveaus:
            pool = [nr for nr, s in self.leerlingen.items()
                    if nr not in self.gebruikt and nr not in self.gemaakt.rollen and self.niveau.get(nr) == niveau
                    and s.uitschrijfdatum is None and not s.vrijstellingen and s.inschrijfdatum <= sinds
                    and is_ingeschreven(s, p) and _LEERJAAR.get(s.klas, 0) >= leerjaar_vanaf
                    and s.klas not in buiten and eis(s)]
            if pool:
                return self.rng.choice(sorted(pool))
        return None

    # --- playing a story ----------------------------------------------------------------------------

    def _vanuit_signaal(self, nr: str, verhaal: str, signaal: tuple[SignaalSoort, date, date] | None) -> None:
        """Open the first lesdag after the signal arose (or a day later); without the signal, by hand 20
        lesdagen ago."""
        ankers = {}
        bespreking = next((b.op for b in self.gemaakt.besprekingen if b.leerlingnummer == nr), None)
        if bespreking is not None:
            ankers["bespreking"] = min(self._index(bespreking), self.laatste)
        if signaal is None:
            begin = max(self.laatste - 20, self._index(self.leerlingen[nr].inschrijfdatum))
            self._speel(nr, verhaal, begin, ankers=ankers)
            return
        begin = min(bisect_right(self.dagen, signaal[1]) + self.rng.randint(0, 1), self.laatste)
        self._speel(nr, verhaal, begin, signaal=signaal, ankers=ankers)

    def _speel(self, nr: str, naam: str, begin: int, *, eind: int | None = None,
               signaal: tuple[SignaalSoort, date, date] | None = None, ankers: dict[str, int] | None = None,
               evaluatiedatum: date | None = None) -> None:
        verhaal = vh.VERHALEN[naam]
        tr, vandaag = self.tr, self.vandaag
        s = self.leerlingen[nr]
        eind = self.laatste if eind is None else eind
        ankers = {"bespreking": eind - 7, **(ankers or {})}
        woorden = _woorden(s, signaal[2] if signaal else self.dagen[begin])
        self.gebruikt.add(nr)
        pos = begin

        def tekst(t: str) -> str:
            return t.format_map(woorden)

        def waar(w: vh.When) -> int:
            nonlocal pos
            if isinstance(w, tuple):
                ruw = ankers[w[0]] + w[1]
            elif w >= 0:
                ruw = begin + w
            else:
                ruw = eind + 1 + w
            pos = max(pos, min(ruw, eind))
            return pos

        geopend = self.dagen[begin]
        if signaal is not None:
            t = tr.openen_vanuit_signaal(nr, signaal[0], signaal[1], categorie=verhaal.categorie,
                                         aanleiding=tekst(verhaal.aanleiding), geopend=geopend, vandaag=vandaag)
        else:
            t = tr.openen(nr, verhaal.categorie, tekst(verhaal.aanleiding), geopend=geopend, vandaag=vandaag)
        if verhaal.casusregisseur != "zoco":
            tr.bijwerken(t.id, eigenaar=self._persoon(s, verhaal.casusregisseur))
        plan: Plan | None = None

        for g in verhaal.gebeurtenissen:
            i = waar(g.w)
            d = self.dagen[i]
            if isinstance(g, vh.Gesprek):
                gesprek = tr.gesprek_vastleggen(
                    nr, g.type, d, tekst(g.tekst), deelnemers=tekst(g.met), vertrouwelijk=g.vertrouwelijk,
                    afspraken=[tekst(a if isinstance(a, str) else a[0]) for a in g.afspraken], vandaag=vandaag)
                for a, afspraak in zip(g.afspraken, gesprek.afspraken, strict=True):
                    if not isinstance(a, str):
                        _, wie, dagen, status = a
                        ap = tr.afspraak_naar_actiepunt(afspraak.id, self._persoon(s, wie),
                                                        self._termijn(i, dagen, status))
                        self._afhandelen(ap.id, i, dagen, status, eind)
            elif isinstance(g, vh.Mdo):
                mdo = tr.mdo_vastleggen(
                    t.id, d, deelnemers=[self._deelnemer(s, wie) for wie in g.wie], verslag=tekst(g.verslag),
                    vertrouwelijk=g.vertrouwelijk,
                    toestemmingen=[Toestemming(self.partners[k].organisatie, ja, d) for k, ja in g.toestemmingen])
                for b in g.besluiten:
                    tr.besluit_toevoegen(mdo.id, tekst(b))
                for wat, wie, dagen, status in g.acties:
                    ap = tr.mdo_actiepunt(mdo.id, tekst(wat), self._persoon(s, wie), self._termijn(i, dagen, status))
                    self._afhandelen(ap.id, i, dagen, status, eind)
            elif isinstance(g, vh.Actie):
                wat, wie, dagen, status = g.actiepunt
                ap = tr.actiepunt_toevoegen(nr, tekst(wat), self._persoon(s, wie), self._termijn(i, dagen, status),
                                            datum=d, vandaag=vandaag)
                self._afhandelen(ap.id, i, dagen, status, eind)
            elif isinstance(g, vh.Vink):
                tr.afvinken(t.id, g.item, datum=d, notitie=tekst(g.notitie), vandaag=vandaag)
            elif isinstance(g, vh.NaarStap):
                tr.stap_wijzigen(t.id, g.stap, datum=d, vandaag=vandaag)
            elif isinstance(g, vh.Analyse):
                factoren = {dom: Factoren(tekst(r), tekst(b)) for dom, (r, b) in zip(
                    (Domein.LEERLING, Domein.THUIS, Domein.SCHOOL, Domein.BUURT),
                    (g.leerling, g.thuis, g.school, g.buurt), strict=True)}
                tr.analyse_opslaan(t.id, Analyse(factoren, g.verzuimtype, g.kearney))
                # analyse_opslaan has no date (it stamps the clock): the tick carries the story's date.
                tr.afvinken(t.id, "analyse_factoren", datum=d, notitie=tekst("Analyse besproken met {ouder}."),
                            vandaag=vandaag)
            elif isinstance(g, vh.Toestemming):
                tr.toestemming_vastleggen(t.id, self.partners[g.partner].organisatie, g.gegeven, d, vandaag=vandaag)
            elif isinstance(g, vh.NaarCategorie):
                tr.bijwerken(t.id, categorie=g.categorie)
            elif isinstance(g, vh.Plan | vh.PlanHerzien | vh.PlanEvalueren):
                plan = self._plan(t.id, s, g, d, woorden, plan)
            elif isinstance(g, vh.Sluit):
                t = tr.sluiten(t.id, g.reden, tekst(g.toelichting), datum=d, vandaag=vandaag)
                for moment, notitie in zip(t.nazorg, g.nazorg, strict=False):
                    j = self._index(moment.datum)
                    if j > self.laatste:
                        break  # not due yet
                    tr.nazorg_afronden(moment.id, tekst(notitie), datum=self.dagen[j], vandaag=vandaag)
        if verhaal.evaluatie is not None or evaluatiedatum is not None:
            # the plan's next evaluation moment, so the traject and its plan name the same day
            volgende = next((x for x in plan.evaluatiemomenten if x > vandaag), None) if plan else None
            evaluatiedatum = evaluatiedatum or volgende or vandaag + timedelta(days=verhaal.evaluatie)
            tr.bijwerken(t.id, evaluatiedatum=self._lesdag(evaluatiedatum))

    # --- the plan van aanpak ------------------------------------------------------------------------------

    def _plan(self, traject_id: int, s: Leerling, g: vh.Plan | vh.PlanHerzien | vh.PlanEvalueren, d: date,
              woorden: dict[str, str], plan: Plan | None) -> Plan:
        """Version 1 agreed on day d, or the doelen evaluated, or after that a new version agreed on day d."""
        pl = self.pl
        woorden = {**woorden, "start": formaat.dag_maand(d)}

        def tekst(t: str) -> str:
            return t.format_map(woorden)

        def doel(x: vh.Doel, basis: Doel | None = None) -> Doel:
            nieuw = Doel(tekst(x.omschrijving), self._na(d, x.dagen), tekst(x.hoe_merken))
            # kept from the version before (its id), so the new version says the doel changed, not replaced
            return replace(basis, omschrijving=nieuw.omschrijving, datum=nieuw.datum,
                           hoe_merken=nieuw.hoe_merken) if basis else nieuw

        def interventie(x: vh.Interventie) -> Interventie:
            return Interventie(x.soort, tekst(x.wie), self._na(d, x.begin),
                               None if x.duur is None else self._na(d, x.begin + x.duur))

        def afspraak(x: vh.Afspraak) -> PlanAfspraak:
            return PlanAfspraak(tekst(x.wie), tekst(x.wat), tekst(x.wanneer))

        def momenten(dagen: tuple[int, ...]) -> tuple[date, ...]:
            return tuple(self._na(d, n) for n in dagen)

        if not isinstance(g, vh.Plan):
            assert plan is not None, "a story evaluates or changes its plan only after making it"
            for e in g.evaluaties:
                plan = pl.evaluatie_vastleggen(plan.doelen[e.doel].id, e.uitkomst, tekst(e.notitie), datum=d,
                                               vandaag=d)
            if isinstance(g, vh.PlanEvalueren):
                return plan
            doelen: list[Doel | None] = list(plan.doelen)
            for index, x in g.doelen:
                if index is None:
                    doelen.append(doel(x))
                else:
                    doelen[index] = doel(x, doelen[index]) if x is not None else None  # None: the doel ends
            nieuw = pl.opslaan(replace(plan, doelen=tuple(x for x in doelen if x is not None),
                                       interventies=plan.interventies + tuple(map(interventie, g.interventies)),
                                       afspraken=plan.afspraken + tuple(map(afspraak, g.afspraken)),
                                       evaluatiemomenten=momenten(g.evaluaties_na)), vandaag=d)
        else:
            nieuw = pl.opslaan(replace(
                pl.nieuw(traject_id, vandaag=d), leerling_wil=tekst(g.leerling_wil), ouders_willen=tekst(g.ouders_willen),
                doelen=tuple(map(doel, g.doelen)), interventies=tuple(map(interventie, g.interventies)),
                afspraken=tuple(map(afspraak, g.afspraken)), evaluatiemomenten=momenten(g.evaluaties),
                contactpersonen=self._contactpersonen(traject_id, s)), vandaag=d)
        ouder = next((o for o in s.ouders if o.gezag), None)
        wie = s.naam if ouder is None or zelf_akkoord(s.geboortedatum, d) else ouder.naam
        return pl.vaststellen(nieuw.id, d, Akkoord(wie, d), vandaag=d)

    def _contactpersonen(self, traject_id: int, s: Leerling) -> tuple[Contactpersoon, ...]:
        """Who ouders can call: the casusregisseur, the zorgcoördinator (when someone else is casusregisseur)
        and the mentor, each with a phone number."""
        p = self.profiel
        zoco = Contactpersoon(p.volledige_naam or self.zoco.naam, p.functie or "zorgcoördinator", p.telefoon, p.email,
                              gebruiker_id=self.zoco.gebruiker_id)
        regisseur = self.tr.casusregisseur(traject_id)
        uit = [regisseur] if regisseur is not None and regisseur.gebruiker_id is None else []
        return (*uit, zoco, Contactpersoon(s.mentor or "De mentor", f"mentor van klas {s.klas}", vh.SCHOOL_TELEFOON))

    def _na(self, d: date, dagen: int) -> date:
        """The lesdag about `dagen` calendar days of school time after d (before it when negative): counted in
        lesdagen, five to a week, so a plan made in June aims past the summer holiday, not into it."""
        n = round(abs(dagen) * 5 / 7)
        if n == 0:
            return self._lesdag(d)
        if dagen > 0:
            return self.cal.lesdagen(d + timedelta(days=1), d + timedelta(days=3 * n + 120))[n - 1]
        return self.cal.lesdagen(d - timedelta(days=3 * n + 120), d - timedelta(days=1))[-n]

    def _lesdag(self, d: date, stap: int = 1) -> date:
        """d, or the nearest lesdag after it (stap -1: before it); d itself when none is near."""
        for n in range(60):
            x = d + timedelta(days=n * stap)
            if self.cal.is_lesdag(x):
                return x
        return d

    def _termijn(self, i: int, dagen: int, status: str) -> date:
        """The deadline (a lesdag) of an actiepunt agreed on lesdag i: open ones lie ahead, overdue ones
        just behind."""
        d = self.dagen[i] + timedelta(days=dagen)
        if status == "open":
            return self._lesdag(max(d, self.vandaag + timedelta(days=min(dagen, 7))))
        if status == "te_laat":
            return max(self.dagen[i], self._lesdag(min(d, self.vandaag - timedelta(days=2)), -1))
        return self._lesdag(d)

    def _afhandelen(self, actiepunt_id: int, i: int, dagen: int, status: str, eind: int) -> None:
        if status in ("gedaan", "vervallen"):
            j = min(i + max(1, round(dagen * (0.6 if status == "gedaan" else 0.3))), eind)
            self.tr.actiepunt_status(actiepunt_id, ActiepuntStatus(status), datum=self.dagen[j], vandaag=self.vandaag)

    def _persoon(self, s: Leerling, wie: str) -> Persoon:
        if wie == "zoco":
            return self.zoco
        if wie == "mentor":
            return Persoon(s.mentor, rol=MdoRol.MENTOR.value)
        p = self.partners[wie]
        return Persoon(p.naam, contact_id=p.id)

    def _deelnemer(self, s: Leerling, wie: str) -> MdoDeelnemer:
        if wie == "zoco":
            return MdoDeelnemer(self.zoco.naam, MdoRol.ZORGCOORDINATOR, gebruiker_id=self.zoco.gebruiker_id)
        if wie == "mentor":
            return MdoDeelnemer(s.mentor, MdoRol.MENTOR)
        if wie == "ouder":
            ouder = next((o for o in s.ouders if o.gezag), s.ouders[0])
            return MdoDeelnemer(ouder.naam, MdoRol.OUDER)
        if wie == "leerling":
            return MdoDeelnemer(s.naam, MdoRol.LEERLING)
        p = self.partners[wie]
        return MdoDeelnemer(p.naam, MdoRol(p.rol), p.organisatie, contact_id=p.id)

    def _contactmoment(self, nr: str, type_: GesprekType, tekst: str) -> None:
        """A mentor's quick contactmoment in the last two weeks (the mentors have no account in the demo:
        the gesprek names them as deelnemer)."""
        s = self.leerlingen[nr]
        self.gebruikt.add(nr)
        d = self.dagen[max(self.laatste - self.rng.randint(0, 8), 0)]
        self.tr.gesprek_vastleggen(nr, type_, d, tekst.format_map(_woorden(s, d)),
                                   deelnemers=f"{s.mentor} (mentor)", vandaag=self.vandaag)


def _write_trajecten(services: Services, leerlingen: list[Leerling], gemaakt: DemoVerzuim, rng: random.Random,
                     vandaag: date) -> None:
    """Step 4 into the database; call inside the transaction that wrote steps 2 and 3."""
    _Trajectmaker(services, leerlingen, gemaakt, rng, vandaag).maak()


# --- the whole demo ------------------------------------------------------------------------------

def create_demo_school(path: Path, wachtwoord: str = DEMO_WACHTWOORD, *, vandaag: date | None = None,
                       seed: int = SEED, aantal: int = AANTAL_LEERLINGEN) -> Services:
    """A new database at `path` with the fictional demo school, logged in as its zorgcoördinator `demo`.

    The same `seed` and `vandaag` (default today) give the same school. If filling fails, the new
    database is removed again, so a second attempt starts clean.
    """
    vandaag = vandaag or date.today()
    rng = random.Random(seed)
    services = session.create_school(path, DEMO_SCHOOL, DEMO_GEBRUIKER, wachtwoord, wachtwoord,
                                     check_wachtwoord=False)
    try:
        _fill(services, rng, vandaag, aantal)
        _demo_gebruikers(services, wachtwoord)
        demo_documenten.gebruikers_profielen(services)
        _demo_lezer(services, wachtwoord)
        services.lezersoverzicht.bijwerken(vandaag=vandaag)
    except BaseException:
        services.close()
        session.remove_database(path)
        raise
    return services


DEMO_MENTOR, DEMO_LEZER = "mentor", "lezer"


def _demo_gebruikers(services: Services, wachtwoord: str) -> None:
    """A mentor of the two klassen with the most open trajecten, and an alleen-lezen account, with the
    same well-known password as "demo" (which the normal checks would refuse, hence written directly)."""
    open_per_klas = Counter(klas for (klas,) in m.Traject.select(m.Leerling.klas).join(m.Leerling)
                            .where(m.Traject.status == "open").tuples() if klas)
    klassen = [k for k, _ in open_per_klas.most_common(2)] or sorted({r.klas for r in m.Leerling.select()})[:2]
    store = services.ctx.store
    with services.ctx.action(naam="demo_gebruikers"):
        for naam, rol, klas in ((DEMO_MENTOR, Rol.MENTOR, klassen), (DEMO_LEZER, Rol.ALLEEN_LEZEN, [])):
            row = m.Gebruiker.create(naam=naam, naam_sleutel=naam, rol=rol.value, klassen=",".join(sorted(klas)))
            handtekening.onderteken_rij(store.sleutels.ondertekenen, row.id)
            store.keyring.set_user(naam, wachtwoord, store.sleutels.voor(False))  # "lezer": see _demo_lezer
        store.keyring.save()


def _demo_lezer(services: Services, wachtwoord: str) -> None:
    """"lezer" opens the overview of counts with the demo password, not the database (services/lezersoverzicht.py)."""
    store = services.ctx.store
    with services.ctx.action(naam="demo_lezer"):
        lezersoverzicht.slot_bijwerken(services.ctx, store.keyring, DEMO_LEZER, Rol.ALLEEN_LEZEN, wachtwoord)
        store.keyring.save()


def _fill(services: Services, rng: random.Random, vandaag: date, aantal: int) -> None:
    """Step 2 and later steps, in one transaction."""
    leerlingen = fictional_students(aantal, rng, vandaag)
    with services.ctx.action(naam="fill"):
        demo_documenten.zorgcoordinator_profiel(services)
        geschreven = _write_students(leerlingen, vandaag)
        gemaakt = _write_verzuim(services, geschreven, rng, vandaag)
        _write_trajecten(services, geschreven, gemaakt, rng, vandaag)
        demo_documenten.mdo_details(services, vandaag)
