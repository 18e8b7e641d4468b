"""Which column of an import file feeds which field: the headers Magister and Somtoday write, recognised.

A school exports from its administration as it is; nobody should have to rename headers. Each field has
the names it goes by, in order of preference; a column whose name matches is used for that field. When
two columns match one field (Roepnaam and Voornamen), the first name in the list wins – the roepnaam is
what school calls a student – and the other is not used. A `Koppeling` maps each column of the file (its
normalised header, `tabular.normaliseer_kop`) to a field name, or to "" for a column that is not used.

The user may choose otherwise per column (the wizard's column page, the CLI's `--kolom BRON=VELD`); a
school's own choices are remembered (services) and laid over the recognition by `koppel`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..domain.errors import InvoerFout

Koppeling = dict[str, str]  # normalised column → field name ("" = niet gebruiken)
NIET = ""


@dataclass(frozen=True, slots=True)
class Veld:
    naam: str  # as in FORMATEN.md and in --kolom
    label: str  # Dutch, in the wizard's combo boxes
    namen: tuple[str, ...]  # headers that mean this field, in order of preference


def _v(naam: str, label: str, *andere: str) -> Veld:
    return Veld(naam, label, (naam, *andere))


_LEERLINGNUMMER = ("stamnummer", "stamnr", "leerlingnr", "leerling nummer", "leerlingnummer (stamnr)",
                   "llnr", "lln nr", "lln.nr.", "studentnummer", "nummer leerling")

LEERLINGEN: tuple[Veld, ...] = (
    _v("leerlingnummer", "Leerlingnummer", *_LEERLINGNUMMER),
    # the roepnaam is what school calls a student: it wins over a column called Voornaam
    Veld("voornaam", "Voornaam (roepnaam)", ("roepnaam", "voornaam", "roepnaam leerling", "voornaam leerling")),
    _v("voornamen", "Voornamen (de eerste, als de roepnaam leeg is)", "officiële voornamen"),
    _v("tussenvoegsel", "Tussenvoegsel", "tussenv.", "voorvoegsel", "tussenvoegsels", "voorv."),
    _v("achternaam", "Achternaam", "achternaam leerling", "geslachtsnaam", "officiële achternaam"),
    _v("geboortedatum", "Geboortedatum", "geb.datum", "geb. datum", "gebdatum", "geboren", "geboren op",
       "geboorte datum"),
    _v("klas", "Klas", "stamgroep", "stamklas", "groep", "basisgroep", "klas/groep"),
    _v("mentor", "Mentor", "mentoren", "mentor(en)", "coach"),
    _v("inschrijfdatum", "Inschrijfdatum", "datum in", "datum inschrijving", "ingeschreven op", "datum instroom"),
    _v("uitschrijfdatum", "Uitschrijfdatum", "datum uit", "datum uitschrijving", "uitgeschreven op",
       "datum uitstroom"),
    _v("bestemming", "Bestemming (nieuwe school)", "school van bestemming", "vervolgschool"),
    _v("startkwalificatie", "Startkwalificatie (ja/nee)"),
    _v("vrijstelling", "Vrijstelling (5a, 5b, 5c, 15)"),
    _v("vrijstelling_van", "Vrijstelling van"),
    _v("vrijstelling_tot", "Vrijstelling tot"),
    _v("bsn", "BSN", "burgerservicenummer", "sofinummer"),
    _v("onderwijsnummer", "Onderwijsnummer", "onderwijsnr"),
)

VERZUIM: tuple[Veld, ...] = (
    _v("leerlingnummer", "Leerlingnummer", *_LEERLINGNUMMER),
    _v("datum", "Datum", "absentiedatum", "datum absentie"),
    _v("uren", "Uren", "aantal uren", "uren afwezig", "uren absent"),
    _v("lesuur", "Lesuur (elke regel één uur)", "uur", "les uur"),
    _v("reden", "Reden", "absentiereden", "reden absentie", "afwezigheidsreden", "verzuimreden"),
    _v("code", "Code", "absentiecode", "absentie code", "verzuimcode", "afwezigheidscode"),
    _v("geoorloofd", "Geoorloofd (J/N)", "geoorloofd j/n"),
    _v("begindatum", "Begindatum (periode)", "begin datum", "datum van", "van datum", "vanaf", "begin", "van",
       "startdatum", "begindatum en tijd"),
    _v("begintijd", "Begintijd (periode)", "begin tijd", "tijd van", "van tijd", "starttijd"),
    _v("einddatum", "Einddatum (periode)", "eind datum", "datum tot", "tot datum", "t/m", "einde", "eind", "tot",
       "einddatum en tijd"),
    _v("eindtijd", "Eindtijd (periode)", "eind tijd", "tijd tot", "tot tijd"),
)

SOORTEN: dict[str, tuple[Veld, ...]] = {"leerlingen": LEERLINGEN, "verzuim": VERZUIM}


def vergelijkbaar(naam: str) -> str:
    """A header reduced to its letters and digits: "Tussenv." and "tussenv", "Geoorloofd J/N" and
    "geoorloofdjn", "Leerling-nummer" and "leerlingnummer" compare equal; accents are dropped."""
    zonder = unicodedata.normalize("NFKD", naam.casefold())
    return "".join(ch for ch in zonder if ch.isalnum())


def _index(velden: Sequence[Veld]) -> dict[str, tuple[str, int]]:
    """Comparable header → (field, preference): 0 for the field's own name, then in the order of its names."""
    index: dict[str, tuple[str, int]] = {}
    for veld in velden:
        for rang, naam in enumerate(veld.namen):
            index.setdefault(vergelijkbaar(naam), (veld.naam, rang))
    return index


_INDEX = {soort: _index(velden) for soort, velden in SOORTEN.items()}


def herken(kolommen: Iterable[str], soort: str, *, bezet: Iterable[str] = ()) -> Koppeling:
    """Each column → the field its header names, or NIET. Per field the column with the most preferred name
    wins (Roepnaam before Voornamen; on a tie the first column); fields in `bezet` are not given out."""
    index = _INDEX[soort]
    bezet = set(bezet)
    beste: dict[str, tuple[int, int, str]] = {}  # field → (preference, position, column)
    kolommen = list(kolommen)
    for positie, kolom in enumerate(kolommen):
        gevonden = index.get(vergelijkbaar(kolom))
        if gevonden is None or gevonden[0] in bezet:
            continue
        veld, rang = gevonden
        if veld not in beste or (rang, positie) < beste[veld][:2]:
            beste[veld] = (rang, positie, kolom)
    gekozen = {kolom: veld for veld, (_, _, kolom) in beste.items()}
    return {kolom: gekozen.get(kolom, NIET) for kolom in kolommen}


def koppel(kolommen: Sequence[str], soort: str, *, opgeslagen: Mapping[str, str] | None = None,
           gekozen: Mapping[str, str] | None = None) -> Koppeling:
    """The columns' fields: what the user chose now (`gekozen`), else what the school chose before
    (`opgeslagen`), else what the header says. A field is fed by one column; a remembered choice yields to
    a choice made now, and recognition fills only the fields still free."""
    namen = {v.naam for v in SOORTEN[soort]}
    _check_gekozen(gekozen or {}, kolommen)
    uit: Koppeling = {}
    bezet: set[str] = set()
    for bron in (gekozen or {}, opgeslagen or {}):
        for kolom in kolommen:
            if kolom in uit or kolom not in bron:
                continue
            veld = bron[kolom]
            if veld == NIET or (veld in namen and veld not in bezet):
                uit[kolom] = veld
                bezet.add(veld)
    rest = [k for k in kolommen if k not in uit]
    uit.update(herken(rest, soort, bezet=bezet))
    return {kolom: uit[kolom] for kolom in kolommen}


def _check_gekozen(gekozen: Mapping[str, str], kolommen: Sequence[str]) -> None:
    """A choice for a column the file lacks, or one field for two columns, is a mistake to point out."""
    onbekend = [k for k in gekozen if k not in kolommen]
    if onbekend:
        raise InvoerFout(f"De kolom '{onbekend[0]}' staat niet in de eerste regel van het bestand. Kolommen in het "
                         f"bestand: {', '.join(kolommen)}.")
    gezien: dict[str, str] = {}
    for kolom, veld in gekozen.items():
        if veld != NIET and veld in gezien:
            raise InvoerFout(f"'{veld}' is gekozen voor twee kolommen ('{gezien[veld]}' en '{kolom}'). "
                             "Kies voor één van de twee iets anders.")
        gezien[veld] = kolom


def te_onthouden(koppeling: Mapping[str, str], soort: str, eerder: Mapping[str, str] | None = None) -> Koppeling:
    """What to remember for the school's next file: the choices that differ from what the headers say
    (and earlier choices for columns this file does not have). Recognised columns are not stored, so a
    better recognition in a later version still reaches them."""
    uit = dict(eerder or {})
    herkend = herken(koppeling, soort)
    for kolom, veld in koppeling.items():
        if veld == herkend[kolom]:
            uit.pop(kolom, None)
        else:
            uit[kolom] = veld
    return uit


def veld_naam(tekst: str, soort: str) -> str:
    """A field as a user types it (--kolom ...=Geb.datum, =voornaam, =niet): its name, or NIET; InvoerFout otherwise."""
    if vergelijkbaar(tekst) in ("niet", "nietgebruiken", "geen", ""):
        return NIET
    gevonden = _INDEX[soort].get(vergelijkbaar(tekst))
    if gevonden is None:
        namen = ", ".join(v.naam for v in SOORTEN[soort])
        raise InvoerFout(f"'{tekst}' is geen veld van de import van {soort}. Kies uit: {namen}, of 'niet'.")
    return gevonden[0]


# --- what a file must have -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Controle:
    ontbreekt: list[str]  # Dutch descriptions of required fields without a column ("'achternaam'")
    waarschuwingen: list[str]  # Dutch: fields that are not required but are missed (the voornaam)


def controleer(koppeling: Mapping[str, str], soort: str) -> Controle:
    velden = set(koppeling.values())
    if soort == "leerlingen":
        ontbreekt = [f"'{v}'" for v in ("leerlingnummer", "achternaam", "geboortedatum") if v not in velden]
        waarschuwingen = [] if velden & {"voornaam", "voornamen"} else [
            "Er is geen kolom voor de voornaam: de leerlingen worden zonder voornaam geïmporteerd."]
        return Controle(ontbreekt, waarschuwingen)
    ontbreekt = []
    if "leerlingnummer" not in velden:
        ontbreekt.append("'leerlingnummer'")
    periode = "begindatum" in velden
    if "datum" not in velden and not periode:
        ontbreekt.append("'datum'")
    if not velden & {"reden", "code"}:
        ontbreekt.append("'reden' (of 'code')")
    if not periode and not velden & {"uren", "lesuur"}:
        ontbreekt.append("'uren' (of 'lesuur', of een periode: 'begindatum' en 'einddatum')")
    if periode and "einddatum" not in velden:
        ontbreekt.append("'einddatum' (bij een begindatum)")
    return Controle(ontbreekt, [])


def en_tekst(delen: Sequence[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    return ", ".join(delen[:-1]) + " en " + delen[-1] if len(delen) > 1 else "".join(delen)


def per_veld(waarden: Mapping[str, str], paren: Sequence[tuple[str, str]]) -> dict[str, str]:
    """One row's values by field, from its values by column (`paren`: (field, column) of the used columns)."""
    return {veld: waarden[kolom] for veld, kolom in paren}


def paren(koppeling: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(veld, kolom) for kolom, veld in koppeling.items() if veld != NIET]
