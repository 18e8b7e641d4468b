"""What an inzageverzoek (AVG art. 15) must say besides the data itself, in plain Dutch (B1): why the school
keeps the data, which kinds, who receives them, how long they are kept, where they come from, the rights to
correction, erasure, restriction and objection, and the complaint to the Autoriteit Persoonsgegevens.

The parts that differ per student – the kinds of data held, who received them, the terms of the school's
settings – come in as arguments; the rest is the same for every dossier. Pure: no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

AP_WEBSITE = "autoriteitpersoonsgegevens.nl"


@dataclass(frozen=True)
class Onderdeel:
    kop: str
    alineas: tuple[str, ...] = ()
    punten: tuple[str, ...] = ()


def avg_informatie(*, school: str, voornaam: str, categorieen: Iterable[str], ontvangers: Iterable[str],
                   dossier_jaren: int, verzuim_jaren: int, gezondheid: bool) -> tuple[Onderdeel, ...]:
    """The art. 15 information for the dossier of one student, section by section."""
    categorieen, ontvangers = list(categorieen), list(ontvangers)
    jaar = lambda n: f"{n} jaar"  # noqa: E731 – "1 jaar", "2 jaar": Dutch keeps the singular
    uit = [
        Onderdeel("Waarom de school deze gegevens heeft", (
            f"{school} houdt bij of leerlingen naar school komen. Is een leerling vaak of lang afwezig, dan zoeken we "
            f"samen met de leerling, de ouders en hulpverleners hoe de leerling weer naar school kan. Daarvoor "
            f"schrijven we op wat er gebeurt, wat we afspreken en wie wat doet.",
            "Dat mag, omdat de wet het van de school vraagt: de Leerplichtwet (afwezigheid bijhouden en melden bij de "
            "leerplichtambtenaar) en de zorgplicht van de school (passend onderwijs en goede begeleiding).",
        )),
        Onderdeel("Welke gegevens de school heeft", (
            f"In dit dossier staan al deze gegevens over {voornaam}:",
        ), tuple(categorieen) + ((
            "Gegevens over de gezondheid (bijvoorbeeld van de jeugdarts). Dat zijn bijzondere gegevens: alleen de "
            "zorgcoördinator kan ze zien.",) if gezondheid else ())),
        Onderdeel("Waar de gegevens vandaan komen", (
            "Uit de leerlingadministratie van de school (naam, klas, afwezigheid), uit gesprekken met de leerling en "
            "de ouders, en van hulpverleners die meedoen aan het overleg over de leerling.",
        )),
        Onderdeel("Wie de gegevens krijgt", (
            "Binnen de school ziet de zorgcoördinator het hele dossier. De mentor ziet alleen wat een mentor nodig "
            "heeft; vertrouwelijke gegevens ziet alleen de zorgcoördinator.",
            "Buiten de school hebben deze mensen en organisaties gegevens gekregen:" if ontvangers else
            "Buiten de school heeft niemand gegevens uit dit dossier gekregen.",
        ), tuple(ontvangers)),
        Onderdeel("Hoe lang de school de gegevens bewaart", (
            f"Het dossier bewaren we tot {jaar(dossier_jaren)} nadat {voornaam} van school is gegaan. Gegevens over "
            f"afwezigheid en over in- en uitschrijving bewaren we {jaar(verzuim_jaren)}, omdat de wet dat vraagt. "
            f"Daarna verwijderen we ze.",
        )),
        Onderdeel("Uw rechten", (
            "Tot 16 jaar vragen de ouders met gezag om inzage; vanaf 16 jaar doet de leerling dat zelf. U mag de "
            "school ook vragen om:",
        ), (
            "gegevens te verbeteren of aan te vullen als ze niet kloppen (recht op rectificatie);",
            "gegevens te verwijderen die de school niet (meer) nodig heeft (recht op vergetelheid);",
            "gegevens tijdelijk niet te gebruiken, bijvoorbeeld zolang u vindt dat ze niet kloppen (recht op "
            "beperking);",
            "gegevens niet meer te gebruiken, als u het er niet mee eens bent (recht van bezwaar).",
        )),
        Onderdeel("Vragen of een klacht", (
            f"Stel uw vraag aan {school}; we antwoorden binnen een maand. Bent u het niet eens met hoe de school met "
            f"de gegevens omgaat? Praat er eerst over met de school. U kunt ook een klacht indienen bij de "
            f"Autoriteit Persoonsgegevens ({AP_WEBSITE}).",
        )),
    ]
    return tuple(uit)
