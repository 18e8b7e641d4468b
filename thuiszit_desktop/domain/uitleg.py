"""Help texts in plain Dutch: each signal's rule, each step of the praktijkkaart, each screen.

Data, not widgets: the screens show these texts, tests check them, and a change of wording is made here.
The step texts are short summaries of the praktijkkaart 'Van thuis weer naar school'; they always show
its source (BRON).
"""

from __future__ import annotations

from dataclasses import dataclass

from .signalen import Signaal, SignaalSoort
from .traject import Stap

BRON = ("Bron: praktijkkaart 'Van thuis weer naar school' (Nederlands Jeugdinstituut en Ingrado, 2021), "
        "in samenwerking met het landelijk thuiszittersoverleg.")

# The rule of each signal (SIGNALEN.md), as a zorgcoördinator would say it.
SIGNAAL_REGELS: dict[SignaalSoort, str] = {
    SignaalSoort.MELDPLICHT_16U: "16 uur of meer ongeoorloofd verzuim binnen 4 lesweken achter elkaar. De "
                                 "school meldt dit binnen 5 werkdagen bij DUO.",
    SignaalSoort.THUISZITTER: "Meer dan 20 lesdagen achter elkaar de hele dag ongeoorloofd afwezig, terwijl de "
                              "leerling ingeschreven en leerplichtig is en geen vrijstelling heeft.",
    SignaalSoort.THUISZITTER_3MND: "Thuiszitter (meer dan 20 lesdagen achter elkaar ongeoorloofd afwezig) en "
                                   "dat al langer dan 3 maanden.",
    SignaalSoort.LANGDURIG_AFWEZIG: "Meer dan 20 lesdagen achter elkaar de hele dag afwezig, om welke reden ook "
                                    "(ook ziek of met verlof).",
    SignaalSoort.MAZL: "Een ziekmelding van 7 lesdagen of langer, of 4 ziekmeldingen binnen 12 lesweken, sinds "
                       "de laatste M@zl-actie.",
    SignaalSoort.LUXE_VERZUIM: "De hele dag afwezig (ongeoorloofd of ziek) op de laatste lesdag vóór of de "
                               "eerste lesdag na een schoolvakantie.",
    SignaalSoort.ABSOLUUT_VERZUIM: "Uitgeschreven zonder nieuwe school, terwijl de leerling nog leerplichtig of "
                                   "kwalificatieplichtig is en geen vrijstelling heeft.",
}


def signaal_regel(soort: SignaalSoort) -> str:
    return SIGNAAL_REGELS[soort]


def signaal_waarom(signaal: Signaal) -> str:
    """The numbers that made this signal fire, as a sentence."""
    if not signaal.uitleg:
        return ""
    tekst = signaal.uitleg[:1].upper() + signaal.uitleg[1:]
    return tekst if tekst.endswith((".", "!", "?")) else tekst + "."


def signaal_tooltip(signaal: Signaal) -> str:
    """Rule and numbers together (plain text), for a tooltip in a list."""
    regels = [signaal.soort.label, f"Regel: {signaal_regel(signaal.soort)}"]
    waarom = signaal_waarom(signaal)
    if waarom:
        regels.append(f"Hier: {waarom}")
    return "\n".join(regels)


@dataclass(frozen=True)
class StapUitleg:
    stap: Stap
    kern: str  # what this step is about, in one or two sentences
    punten: tuple[str, ...]  # what to do, in short lines

    @property
    def tekst(self) -> str:
        return "\n".join([self.kern, *(f"• {p}" for p in self.punten), BRON])


STAP_UITLEG: dict[Stap, StapUitleg] = {u.stap: u for u in (
    StapUitleg(Stap.IN_BEELD,
               "Zorg dat alle leerlingen die (dreigen) thuis te zitten snel in beeld zijn. Kijk naar alle "
               "afwezigheid, ook geoorloofd verzuim en ziekteverzuim.",
               ("Houd de aanwezigheid bij en bekijk de verzuimgegevens regelmatig.",
                "Let ook op leerlingen met een vrijstelling of zonder inschrijving: daarover is contact met "
                "de leerplichtambtenaar.")),
    StapUitleg(Stap.CONTACT,
               "De mentor is de eerste contactpersoon voor de leerling en de ouders. Met elke leerling en de "
               "ouders is er een gesprek: samen kijkt u wat de beste aanpak is.",
               ("Praat met de leerling over verzuim, welbevinden en wat erachter zit. De leerling staat centraal.",
                "Bel of spreek de ouders: wat is nodig om weer naar school te gaan?",
                "Ouders kunnen het gesprek voorbereiden met een gesprekswijzer.")),
    StapUitleg(Stap.SAMENWERKEN,
               "De zorgcoördinator werkt samen met de jeugdarts, de leerplichtambtenaar, de consulent van het "
               "samenwerkingsverband en de jeugdhulp. Zij helpen het verzuim te begrijpen.",
               ("Organiseer zo nodig een MDO met ouders en leerling.",
                "De leerplichtambtenaar sluit aan bij (een vermoeden van) ongeoorloofd verzuim.",
                "Bij ziekteverzuim: schakel de jeugdarts in (M@zl).")),
    StapUitleg(Stap.INTERVENTIE,
               "Eerst een zorgvuldige analyse: wat speelt er bij de leerling, thuis, op school en in de buurt? "
               "Kies daarna samen met leerling en ouders een passende interventie, vaak maatwerk.",
               ("Breng risico- en beschermende factoren in beeld.",
                "Kijk naar wat wél kan, in kleine haalbare stappen; afstandsonderwijs kan een brug zijn.",
                "Leg het vast in een plan van aanpak.")),
    StapUitleg(Stap.TERUG_IN_BEELD,
               "Houd de leerling in beeld, ook als de terugkeer gelukt lijkt of als de leerling niet meer "
               "ingeschreven staat of een vrijstelling heeft.",
               ("Spreek nazorgmomenten af en evalueer wat wel en niet werkt.",
                "Bij absoluut verzuim of een vrijstelling: zoek samen met de leerplichtambtenaar en het "
                "samenwerkingsverband naar onderwijs op maat.")),
)}


def stap_uitleg(stap: Stap | int) -> StapUitleg:
    return STAP_UITLEG[Stap(int(stap))]


# F1 on each screen: what it is for and what you can do. Keys are the titles in the navigation.
SCHERM_UITLEG: dict[str, str] = {
    "Vandaag": "Elke ochtend uw startpunt. U ziet de signalen van vandaag, gegroepeerd naar hoe dringend ze "
               "zijn (meldplicht met de uiterste datum eerst), de piramide van Kearney met het aantal "
               "leerlingen per niveau, en de herinneringen: actiepunten, evaluaties, nazorg en vrijstellingen.\n"
               "Bij elk signaal staat wat er al gedaan is: gemeld bij DUO, een traject (met de stap) of "
               "besproken. Met 'Afgehandelde verbergen' ziet u alleen wat nog moet; een meldplicht blijft staan "
               "tot de melding is geregistreerd. 'Traject openen…' opent een traject vanuit het gekozen signaal.\n"
               "Kies een signaal of een niveau om de leerlingen te zien. Nog niets te zien? Volg dan de "
               "stappen van 'Aan de slag' bovenaan.",
    "Leerlingen": "Alle leerlingen van de school, met niveau en signalen. Zoek met Ctrl+F op naam, klas of "
                  "leerlingnummer, filter op klas, mentor, niveau of signaal, en open een leerling met Enter.\n"
                  "Op de pagina van een leerling vindt u het verzuim, de gegevens en ouders, het traject en "
                  "de tijdlijn. Ctrl+N legt snel een contactmoment vast.",
    "Traject": "Het traject van deze leerling, in de vijf stappen van de praktijkkaart 'Van thuis weer naar "
               "school': in beeld brengen, contact met leerling en ouders, samenwerken (MDO), interventie met "
               "een plan van aanpak, en weer terug in beeld met nazorg.\n"
               "Bij elke stap staat een checklist. Wat het programma in het dossier ziet, vinkt het zelf af; de "
               "rest vinkt u af. U kunt vrij naar een andere stap gaan. Rechts staan de gesprekken, MDO's, "
               "actiepunten en nazorg. Ctrl+N legt een contactmoment vast, Ctrl+P drukt het dossier af (op het "
               "tabblad MDO's het MDO-verslag).",
    "Trajecten": "De open trajecten van de school: in welke stap van de praktijkkaart ze staan, wie de "
                 "casusregisseur is en welke actiepunten nog open staan. Open een traject met Enter.",
    "Overzichten": "Overzichten over de hele school: het kwartaaloverzicht, de trends per schooljaar, wat de "
                   "ingezette interventies opleveren en de lijst voor de lijstbespreking. Kies een tabblad; "
                   "met Ctrl+P drukt u het getoonde overzicht af als dat kan.",
    "Schoolkalender": "De vakanties van uw regio, de feestdagen en de vrije dagen van de school. Alleen "
                      "lesdagen tellen mee voor de signalen: een vrije dag die hier ontbreekt, kan een signaal "
                      "te vroeg laten afgaan.",
}

ALGEMENE_UITLEG = ("Thuiszit Desktop helpt u leerlingen die thuiszitten of dreigen thuis te zitten in beeld te "
                   "houden en samen met ouders en partners weer naar school te helpen. Alle gegevens blijven "
                   "op deze computer, in een versleuteld bestand.")


def scherm_uitleg(titel: str) -> str:
    return SCHERM_UITLEG.get(titel, ALGEMENE_UITLEG)
