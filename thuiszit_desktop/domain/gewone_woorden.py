"""From the analysis vocabulary of professionals to the plain words ouders read (B1).

The step-4 analysis speaks the language of the field: Kearney's functions of verzuim, the NJi's verzuimtypes
("schoolweigering", "onthouden"), M@zl, presentie, MAS. Ouders sign the plan van aanpak, so what they read
says what is going on without labels that blame or that only professionals know. This module is the one
place for that mapping:

- `factoren_voor_ouders(analyse, naam)`: the analysis as the plan's table "Wat het moeilijk maakt / Wat helpt"
  per domain, with the verzuimtype and Kearney's function described in plain sentences;
- `vakwoorden(tekst)`: the professional words in a text with what to say instead (the plan editor shows
  them while the text is written); `in_gewone_woorden(tekst)` replaces them;
- `interventie_voor_ouders(soort)`: the catalogue's names of interventions as ouders read them;
- `gebruik_voor_ouders(actie, wat)`: a line of the audit trail as the dossier's "Wie het dossier heeft gebruikt".
Pure: no database, no Qt.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .traject import Analyse, Domein, Factoren, KearneyFunctie, Verzuimtype

# The rows of the plan's analysis table, as ouders read them ({naam}: the student's first name).
DOMEIN_VOOR_OUDERS: Mapping[Domein, str] = {
    Domein.LEERLING: "{naam} zelf",
    Domein.THUIS: "Thuis",
    Domein.SCHOOL: "Op school",
    Domein.BUURT: "Buiten school en vrije tijd",
}

# What the verzuimtype means, said without the label (which blames the student, the ouders or the school).
VERZUIMTYPE_VOOR_OUDERS: Mapping[Verzuimtype, str] = {
    Verzuimtype.SCHOOLWEIGERING: "Naar school gaan voelt voor {naam} heel zwaar, vaak door spanning of angst.",
    Verzuimtype.SPIJBELEN: "{naam} blijft soms weg van school zonder dat thuis of school dat weet.",
    Verzuimtype.ONTHOUDEN: "Thuis zijn er zorgen of redenen waardoor {naam} nu vaak thuisblijft.",
    Verzuimtype.UITSLUITEN: "{naam} mocht een tijd niet naar school komen, of er was geen passende plek.",
}

# Kearney's function of the verzuim, as what makes going to school hard.
FUNCTIE_VOOR_OUDERS: Mapping[KearneyFunctie, str] = {
    KearneyFunctie.NEGATIEVE_GEVOELENS: "Op school voelt {naam} zich vaak gespannen, bang of somber.",
    KearneyFunctie.SOCIALE_SITUATIES: "Situaties met veel mensen, of waarin {naam} beoordeeld wordt (zoals een "
                                      "toets of een spreekbeurt), zijn moeilijk.",
    KearneyFunctie.AANDACHT: "{naam} wil graag dicht bij thuis of bij ouders zijn.",
    KearneyFunctie.BELONING_BUITEN_SCHOOL: "Buiten school is er iets wat {naam} op dit moment leuker of "
                                           "belangrijker vindt dan school.",
}

# The catalogue's interventions (domain/plan.py STANDAARD_INTERVENTIES) in the words of the plan.
INTERVENTIE_VOOR_OUDERS: Mapping[str, str] = {
    "M@zl / jeugdarts": "Gesprek met de jeugdarts",
    "Afstandsonderwijs als brug": "Lessen op afstand, als opstap terug naar school",
    "Onderwijszorgarrangement": "Onderwijs met extra hulp, op maat",
    "Bovenschoolse voorziening": "Tijdelijk les op een andere plek, buiten de eigen school",
    "Jeugdhulp / wijkteam": "Hulp van het wijkteam of de jeugdhulp",
    "Dagelijkse check-in met de mentor": "Elke dag even kort praten met de mentor",
}


@dataclass(frozen=True)
class Vakwoord:
    """A professional word found in a text, and what to say instead."""

    gevonden: str  # as written
    voorstel: str  # the plain words


# (pattern, plain words). Longer phrases first: "onthouden (door ouders thuisgehouden)" before "thuisgehouden".
# Only phrases that are jargon in every context: "onthouden" alone is also "to remember".
_WOORDEN: tuple[tuple[str, str], ...] = (
    (r"ontsnappen aan sociale of evaluerende situaties", "situaties met veel mensen of waarin je beoordeeld wordt "
                                                          "liever ontlopen"),
    (r"evaluerende situaties", "situaties waarin je beoordeeld wordt"),
    (r"vermijden van negatieve gevoelens", "spanning of angst liever ontlopen"),
    (r"belonende dingen buiten school", "dingen buiten school die leuker voelen"),
    (r"onthouden \(door ouders thuisgehouden\)", "thuisblijven"),
    (r"door (?:de )?ouders thuisgehouden", "thuisgebleven"),
    (r"thuisgehouden door (?:de )?ouders", "thuisgebleven"),
    (r"uitsluiten \(door school\)", "niet naar school mogen komen"),
    (r"schoolweigering", "niet naar school kunnen gaan (vaak door spanning of angst)"),
    (r"schoolweigeraar", "leerling die niet naar school kan gaan"),
    (r"spijbelen", "wegblijven van school"),
    (r"spijbelaar", "leerling die wegblijft van school"),
    (r"thuiszitter", "leerling die nu niet naar school gaat"),
    (r"m@zl", "de jeugdarts (bij vaak ziek zijn)"),
    (r"presentie(?:registratie|lijst)?", "aanwezigheidslijst"),
    (r"methodische aanpak schoolverzuim", "de aanpak van de leerplichtambtenaar"),
    (r"MAS", "de aanpak van de leerplichtambtenaar"),
    (r"(?:de )?piramide van kearney|kearney", "(vakterm: laat weg)"),
    (r"ongeoorloofd verzuim", "afwezig zonder geldige reden"),
    (r"geoorloofd verzuim", "afwezig met een geldige reden"),
    (r"MDO", "overleg met school en hulpverleners"),
    (r"SWV", "samenwerkingsverband (de scholen in de regio samen)"),
    (r"OPP", "ontwikkelingsperspectiefplan"),
    (r"OZA", "onderwijs met extra hulp, op maat"),
    (r"risicofactoren", "wat het moeilijk maakt"),
    (r"beschermende factoren", "wat helpt"),
)
_HOOFDLETTERS = {"MAS", "MDO", "SWV", "OPP", "OZA"}  # abbreviations: only in capitals, so "mas" is no match
_PATRONEN = [(re.compile(rf"(?<![\w@])(?:{p})(?!\w)", 0 if p in _HOOFDLETTERS else re.IGNORECASE), v)
             for p, v in _WOORDEN]


def vakwoorden(tekst: str) -> list[Vakwoord]:
    """The professional words in `tekst`, in order of appearance, each once."""
    gevonden: list[tuple[int, Vakwoord]] = []
    bezet: list[tuple[int, int]] = []
    for patroon, voorstel in _PATRONEN:
        for m in patroon.finditer(tekst or ""):
            if any(a < m.end() and m.start() < b for a, b in bezet):
                continue  # part of a longer phrase already found
            bezet.append((m.start(), m.end()))
            gevonden.append((m.start(), Vakwoord(m.group(0), voorstel)))
    uit: list[Vakwoord] = []
    for _, w in sorted(gevonden, key=lambda x: x[0]):
        if w.gevonden.casefold() not in {x.gevonden.casefold() for x in uit}:
            uit.append(w)
    return uit


def in_gewone_woorden(tekst: str) -> str:
    """`tekst` with each professional word replaced by its plain words ("(vakterm: laat weg)" is dropped)."""
    def vervang(m: re.Match, voorstel: str) -> str:
        if voorstel.startswith("(vakterm"):
            return ""
        ervoor = m.string[:m.start()].rstrip(" \t")
        begin = not ervoor or ervoor[-1] in ".!?\n"  # a new sentence starts with a capital
        return voorstel[:1].upper() + voorstel[1:] if begin else voorstel

    uit = tekst or ""
    for patroon, voorstel in _PATRONEN:
        uit = patroon.sub(functools.partial(vervang, voorstel=voorstel), uit)
    return re.sub(r"[ \t]{2,}", " ", uit)


def zin(tekst: str) -> str:
    """A text as a sentence: capital first letter, closing punctuation."""
    tekst = " ".join(tekst.split())
    if not tekst:
        return ""
    tekst = tekst[:1].upper() + tekst[1:]
    return tekst if tekst[-1:] in ".!?'’\")" else tekst + "."


def factoren_voor_ouders(analyse: Analyse, naam: str) -> dict[Domein, Factoren]:
    """The step-4 analysis as the plan's table: per domain what makes it hard and what helps, in plain words;
    the verzuimtype and Kearney's function become sentences about the student (no labels). Domains with
    nothing filled in are left out."""
    uit: dict[Domein, Factoren] = {}
    for domein in Domein:
        f = analyse.factoren.get(domein, Factoren())
        moeilijk, helpt = zin(in_gewone_woorden(f.risico)), zin(in_gewone_woorden(f.beschermend))
        if domein is Domein.LEERLING:
            extra = [tekst.format(naam=naam) for tekst in (
                FUNCTIE_VOOR_OUDERS.get(analyse.kearney_functie, "") if analyse.kearney_functie else "",
                VERZUIMTYPE_VOOR_OUDERS.get(analyse.verzuimtype, "") if analyse.verzuimtype else "") if tekst]
            moeilijk = " ".join(x for x in (moeilijk, *extra) if x)
        if moeilijk or helpt:
            uit[domein] = Factoren(moeilijk, helpt)
    return uit


def domein_voor_ouders(domein: Domein, naam: str) -> str:
    return DOMEIN_VOOR_OUDERS[domein].format(naam=naam)


def interventie_voor_ouders(soort: str) -> str:
    """A catalogue intervention as ouders read it; free text the school typed is kept as it is."""
    return INTERVENTIE_VOOR_OUDERS.get(" ".join(soort.split()), soort)


# The audit trail's short kinds ("plan-pdf", "traject: afvinken", "trajecten: get") in words an ouder reads.
GEBRUIKT_WAT = {
    "dossier": "het dossier", "dossier-pdf": "het dossier", "inzage": "het dossier",
    "leerling": "de gegevens van de leerling", "leerlingen": "de gegevens van de leerling",
    "plan": "het plan van aanpak", "plannen": "het plan van aanpak", "plan-pdf": "het plan van aanpak",
    "mdo": "een overleg (MDO)", "mdo-pdf": "het verslag van een overleg (MDO)", "afdrukken": "een afdruk",
    "traject": "de begeleiding", "trajecten": "de begeleiding", "traject-stap": "de stap van de begeleiding",
    "traject gesloten": "de begeleiding afgesloten", "gesprek": "een gesprek", "gesprekken": "een gesprek",
    "actiepunt": "een actiepunt", "actiepunten": "een actiepunt", "verzuim": "de afwezigheid",
    "signalen": "de signalen", "tijdlijn": "de tijdlijn", "ongedaan maken": "iets wat verwijderd was, teruggezet",
}
_AL_EEN_ZIN = {"traject gesloten", "ongedaan maken"}  # the words say what happened; no actie after them


def gebruik_voor_ouders(actie: str, wat: str) -> str:
    """"Het plan van aanpak afgedrukt" for ("afgedrukt", "plan-pdf"); the method after a colon ("traject:
    analyse_opslaan") is left out – it is the program's name for it, not the ouder's."""
    soort = wat.split(":")[0].strip()
    woorden = GEBRUIKT_WAT.get(soort, soort.replace("_", " "))
    if soort in _AL_EEN_ZIN:
        tekst = woorden
    else:
        tekst = f"{woorden} {'gevraagd, maar niet toegestaan' if actie == 'geweigerd' else actie}".strip()
    return tekst[:1].upper() + tekst[1:]
