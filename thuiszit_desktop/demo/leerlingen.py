"""Step 2 of the demo school: the student register – klassen with their mentors, fictional students with
ouders, uitschrijvingen, vrijstellingen and startkwalificaties (names per background, addresses in the
fictional municipality Oudewaarde).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain import formaat
from ..domain.leerling import (
    Contactvoorkeur,
    Leerling,
    Ouder,
    Relatie,
    Vrijstelling,
    VrijstellingType,
    schooljaar_start,
)
from ..services.session import Services

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


def _write_students(services: Services, leerlingen: list[Leerling], vandaag: date) -> list[Leerling]:
    """Through the service, like a student added by hand; returns the students with their ids."""
    return [services.leerlingen.opslaan(s, vandaag) for s in leerlingen]


