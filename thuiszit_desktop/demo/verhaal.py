"""How a demo story is written down (the types of demo/verhalen.py): its events – gesprekken, MDO's, ticks on the
praktijkkaart, the analysis, the plan van aanpak – with when they happen, in lesdagen. demo/trajecten.py plays
them through the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.traject import Categorie, GesprekType, KearneyFunctie, Sluitreden, Stap, Verzuimtype

When = int | tuple[str, int]
TEL, LL, OUD, HUIS, MAIL = (GesprekType.TELEFONISCH, GesprekType.GESPREK_LEERLING,
                                 GesprekType.GESPREK_OUDERS, GesprekType.HUISBEZOEK, GesprekType.EMAIL)
# An actiepunt: (wat, wie, days to the deadline, "gedaan" | "open" | "te_laat" | "vervallen"); wie is
# "zoco" (the logged-in zorgcoördinator), "mentor" or a key of PARTNERS.
Actiepunt = tuple[str, str, int, str]


@dataclass(frozen=True)
class Gesprek:
    w: When
    type: GesprekType
    tekst: str
    met: str = ""
    afspraken: tuple[str | Actiepunt, ...] = ()  # an Actiepunt becomes an actiepunt of the gesprek
    vertrouwelijk: bool = False


@dataclass(frozen=True)
class Mdo:
    w: When
    wie: tuple[str, ...]  # as for actiepunten, and "ouder", "leerling"
    verslag: str
    besluiten: tuple[str, ...]
    acties: tuple[Actiepunt, ...] = ()
    toestemmingen: tuple[tuple[str, bool], ...] = ()  # (partner key, gegeven): consent for its organisation
    vertrouwelijk: bool = False


@dataclass(frozen=True)
class Vink:
    w: When
    item: str
    notitie: str = ""


@dataclass(frozen=True)
class NaarStap:
    w: When
    stap: Stap


@dataclass(frozen=True)
class Analyse:
    w: When
    leerling: tuple[str, str]  # (risico, beschermend)
    thuis: tuple[str, str]
    school: tuple[str, str]
    buurt: tuple[str, str]
    verzuimtype: Verzuimtype | None = None
    kearney: KearneyFunctie | None = None


@dataclass(frozen=True)
class Toestemming:
    w: When
    partner: str
    gegeven: bool


@dataclass(frozen=True)
class Actie:  # an actiepunt outside an MDO
    w: When
    actiepunt: Actiepunt


@dataclass(frozen=True)
class NaarCategorie:
    w: When
    categorie: Categorie


@dataclass(frozen=True)
class Sluit:
    w: When
    reden: Sluitreden
    toelichting: str
    nazorg: tuple[str, ...] = ()  # notes for the first nazorg moments, done once they are due


# --- the plan van aanpak of a story -----------------------------------------------------------------------
# Days are calendar days after the plan starts (the day it is agreed); the player moves every date to a
# lesdag. `wie` of an afspraak is a person as the plan names them ("{naam}", "Mentor", "{Ouder}" …).

@dataclass(frozen=True)
class Doel:
    omschrijving: str
    dagen: int  # when it should be reached
    hoe_merken: str


@dataclass(frozen=True)
class Interventie:
    soort: str  # from the school's catalogue (STANDAARD_INTERVENTIES) where one fits
    wie: str
    begin: int  # days after the start (negative: it had already begun)
    duur: int | None = None  # days; None: no end date yet


@dataclass(frozen=True)
class Afspraak:
    wie: str
    wat: str
    wanneer: str


@dataclass(frozen=True)
class Plan:
    """Version 1, agreed with the ouders (or the student of 16+) on its day."""

    w: When
    leerling_wil: str  # in the student's own words
    ouders_willen: str
    doelen: tuple[Doel, ...]
    interventies: tuple[Interventie, ...]
    afspraken: tuple[Afspraak, ...]
    evaluaties: tuple[int, ...] = (28, 56)  # evaluation moments, days after the start


@dataclass(frozen=True)
class Evaluatie:
    doel: int  # index in the plan's doelen
    uitkomst: str  # "behaald", "deels", "niet"
    notitie: str


@dataclass(frozen=True)
class PlanEvalueren:
    """The doelen of the newest version evaluated, without a new version."""

    w: When
    evaluaties: tuple[Evaluatie, ...]


@dataclass(frozen=True)
class PlanHerzien:
    """After evaluating the doelen: a new version, agreed on the same day. Days count from this day."""

    w: When
    evaluaties: tuple[Evaluatie, ...]
    # (index of the doel it changes, or None: a new one; the new doel, or None: that doel ends)
    doelen: tuple[tuple[int | None, Doel | None], ...]
    interventies: tuple[Interventie, ...] = ()  # added
    afspraken: tuple[Afspraak, ...] = ()  # added
    evaluaties_na: tuple[int, ...] = (28, 56)




@dataclass(frozen=True)
class Verhaal:
    categorie: Categorie | None  # None: as the signal says
    aanleiding: str
    gebeurtenissen: tuple
    evaluatie: int | None = None  # days after `vandaag`
    casusregisseur: str = "zoco"  # who keeps the overview: "zoco" or a key of PARTNERS
    rooster: tuple[str, ...] = ()  # the timetable the texts keep to ("twee uur per dag" …)
