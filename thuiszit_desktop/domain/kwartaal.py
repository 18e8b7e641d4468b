"""The quarterly thuiszittersoverzicht for the samenwerkingsverband (SWV) and the Inspectie, as pure rules.

The SWV delivers a pseudonymised overview to the Onderwijsinspectie every three months (DOMEIN.md). This
module turns per-student facts about one quarter into its rows; `services/kwartaal.py` gathers the facts.

Who is in it: every student who, on some lesdag of the quarter (through the peildatum), had one of the
signals `thuiszitter`, `absoluut_verzuim` or `langdurig_afwezig` (SIGNALEN.md), or who had a
vrijstelling 5a (art. 5 onder a) active on some day of the quarter. Students who returned keep their row.

Definitions (each row is one student):

- **Kwartaal**: a calendar quarter, as the Inspectie uses: Q1 = januari–maart, Q2 = april–juni,
  Q3 = juli–september, Q4 = oktober–december. The *peildatum* is the end of the quarter, or the day up to
  which verzuim is registered when that is earlier (a quarter still running).
- **Episode**: a stretch of lesdagen on which one signal held without interruption: `van` = the signal's
  `sinds` on its first day, `tot` = the last lesdag on which it held (None: it still held on the
  peildatum). A vrijstelling 5a is an episode from its `van` to its `tot` (None when it runs past the
  peildatum).
- **Categorie**: that of the *last* situation of the quarter – the episode still running on the peildatum,
  else the one that ended last; on a tie the heavier: absoluut verzuim (uitgeschreven zonder nieuwe
  school) > langdurig relatief verzuim (signal `thuiszitter`: more than 20 lesdagen in a row the whole
  day ongeoorloofd afwezig) > vrijstelling 5a > dreigend (signal `langdurig_afwezig`: more than 20
  lesdagen in a row the whole day afwezig with any reden, e.g. ziek).
- **Startdatum**: the first day of the earliest of the student's episodes that touch the quarter.
- **Einddatum** (return): empty while an episode still runs on the peildatum; else the last day of the
  last episode. Both are exported as their *month* only (`formaat.maand`): the duration bucket is computed
  here from the exact days, and an exact day beside age and leerjaar makes a student easier to recognise.
- **Duur**: from the startdatum to the einddatum, or to the peildatum when the student is still home:
  *korter dan 4 weken* when that end lies less than 28 days after the start; *langer dan 3 maanden* when
  it lies after start + 3 calendar months (as signal `thuiszitter_3mnd`: a day that does not exist becomes
  the last day of that month); else *4 weken tot 3 maanden* (so exactly 4 weeks and exactly 3 months both
  fall in the middle bucket).
- **Status** on the peildatum, the first that applies:
  1. *ander onderwijs*: uitgeschreven on or before the peildatum with a bestemming (a new school);
  2. *vrijstelling*: a vrijstelling (any article) active on the peildatum;
  3. *thuiszittend*: an episode still running on the peildatum, or uitgeschreven without a bestemming
     (nowhere at school, even when no longer plichtig);
  4. *gedeeltelijk terug*: returned, but in the last 2 lesweken of the quarter (through the peildatum,
     counting only lesdagen after the return) the student missed at least 25% of the lesuren, any
     reden – e.g. an aangepast rooster of a few hours a day;
  5. *terug op school*: returned and missed less than 25% of those lesuren (or there were none left).
- **Aanbod/interventies**: the kinds (`soort`, never `wie`) of the interventies in the latest version of
  the plan van aanpak of each of the student's trajecten that run on some day of the quarter (an
  interventie with dates only when they overlap the quarter). *geen* when such a plan exists but holds no
  interventie for the quarter; *onbekend* when there is no plan van aanpak: then nothing is recorded.
- **School, BRIN, samenwerkingsverband**: the same on every row of one school, so that the SWV can put the
  overviews of its schools together.

Pseudonymised, not anonymous: a row holds no name, BSN, onderwijsnummer, leerlingnummer or birth date –
only a pseudonym (HMAC-SHA256 of the database id with a random secret of this school, so it is the same in
every quarter and export and cannot be traced back without the database), the age on the last day of the
quarter, the schooltype, the leerjaar read from the klas and months rather than days. Combined with what a
reader already knows, a row may still point to one student: it is personal data and is shared as such.
"""

from __future__ import annotations

import calendar as _stdcal
import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from . import formaat
from .errors import InvoerFout
from .leerling import Vrijstelling, VrijstellingType
from .signalen import SignaalSoort

GEDEELTELIJK_DREMPEL = 0.25  # missed at least this share of the lesuren after the return: gedeeltelijk terug
EIND_LESWEKEN = 2
_EPS = 1e-9
# Crockford's base32 without I, L, O, U: a pseudonym read aloud or copied by hand stays unambiguous.
_ALFABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PSEUDONIEM_TEKENS = 5


class Categorie(StrEnum):
    LANGDURIG_RELATIEF = "langdurig relatief verzuim"
    ABSOLUUT = "absoluut verzuim"
    VRIJSTELLING_5A = "vrijstelling 5a"
    DREIGEND = "dreigend"


# Heaviest first: the order of a tie, of the rows and of the totals.
CATEGORIEEN = (Categorie.ABSOLUUT, Categorie.LANGDURIG_RELATIEF, Categorie.VRIJSTELLING_5A, Categorie.DREIGEND)


class Status(StrEnum):
    THUISZITTEND = "thuiszittend"
    GEDEELTELIJK_TERUG = "gedeeltelijk terug"
    TERUG = "terug op school"
    ANDER_ONDERWIJS = "ander onderwijs"
    VRIJSTELLING = "vrijstelling"


STATUSSEN = tuple(Status)


class Duur(StrEnum):
    KORT = "korter dan 4 weken"
    MIDDEL = "4 weken tot 3 maanden"
    LANG = "langer dan 3 maanden"


_SIGNAAL_CATEGORIE = {
    SignaalSoort.THUISZITTER: Categorie.LANGDURIG_RELATIEF,
    SignaalSoort.ABSOLUUT_VERZUIM: Categorie.ABSOLUUT,
    SignaalSoort.LANGDURIG_AFWEZIG: Categorie.DREIGEND,
}
SIGNALEN = tuple(_SIGNAAL_CATEGORIE)  # the signals that put a student in the overview


@dataclass(frozen=True, order=True)
class Kwartaal:
    jaar: int
    nummer: int  # 1–4

    @classmethod
    def parse(cls, tekst: str) -> Kwartaal:
        """"2026-Q3" (also "2026-q3", "2026Q3"); InvoerFout otherwise."""
        match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", tekst or "")
        if not match or not 2000 <= int(match.group(1)) <= 2099:
            raise InvoerFout({"kwartaal": "Schrijf het kwartaal als JJJJ-Qn, bijvoorbeeld 2026-Q3 "
                                          "(Q1 = januari tot en met maart)."})
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def van_datum(cls, d: date) -> Kwartaal:
        return cls(d.year, (d.month - 1) // 3 + 1)

    @classmethod
    def laatste_volledige(cls, vandaag: date) -> Kwartaal:
        """The last quarter that has ended before `vandaag`."""
        return cls.van_datum(vandaag).vorige()

    def vorige(self) -> Kwartaal:
        return Kwartaal(self.jaar - 1, 4) if self.nummer == 1 else Kwartaal(self.jaar, self.nummer - 1)

    def volgende(self) -> Kwartaal:
        return Kwartaal(self.jaar + 1, 1) if self.nummer == 4 else Kwartaal(self.jaar, self.nummer + 1)

    @property
    def van(self) -> date:
        return date(self.jaar, 3 * self.nummer - 2, 1)

    @property
    def tot(self) -> date:
        maand = 3 * self.nummer
        return date(self.jaar, maand, _stdcal.monthrange(self.jaar, maand)[1])

    def __str__(self) -> str:
        return f"{self.jaar}-Q{self.nummer}"

    @property
    def maanden(self) -> str:
        """The months in words: "januari tot en met maart"."""
        return ("januari tot en met maart", "april tot en met juni", "juli tot en met september",
                "oktober tot en met december")[self.nummer - 1]

    @property
    def omschrijving(self) -> str:
        return f"{self.nummer}e kwartaal {self.jaar} ({self.maanden})"


@dataclass(frozen=True)
class Episode:
    """A stretch on which one signal held (see the module docstring)."""

    soort: SignaalSoort
    van: date
    tot: date | None = None  # the last lesdag it held; None: still on the peildatum


@dataclass(frozen=True)
class KwartaalFeiten:
    """What the overview needs of one student; identifying fields stay here and never reach a row."""

    leerling_id: int
    geboortedatum: date
    klas: str = ""
    episodes: tuple[Episode, ...] = ()
    vrijstellingen: tuple[Vrijstelling, ...] = ()
    uitschrijfdatum: date | None = None
    bestemming: str = ""
    # Hours absent (any reden) per lesdag of the last 2 lesweken of the quarter; days without absence
    # may be left out.
    afwezig_eind: Mapping[date, float] = field(default_factory=dict)
    interventies: tuple[str, ...] = ()
    heeft_plan: bool = False  # a plan van aanpak of a traject in the quarter: no interventies then means "geen"


@dataclass(frozen=True)
class KwartaalRij:
    pseudoniem: str
    leeftijd: int
    schooltype: str
    leerjaar: int | None
    categorie: Categorie
    startdatum: date
    einddatum: date | None  # the return; None while still home
    duur: Duur
    interventies: tuple[str, ...]
    status: Status
    heeft_plan: bool = False

    @property
    def aanbod(self) -> str:
        """The interventies, or "geen" (a plan without any for the quarter) or "onbekend" (no plan)."""
        if self.interventies:
            return ", ".join(self.interventies)
        return "geen" if self.heeft_plan else "onbekend"


@dataclass(frozen=True)
class KwartaalOverzicht:
    kwartaal: Kwartaal
    peildatum: date  # the end of the quarter, or the day up to which verzuim is registered
    school: str  # the school's name (not a person: it may be in the export)
    rijen: tuple[KwartaalRij, ...]
    brin: str = ""
    swv: str = ""  # the samenwerkingsverband, as the school's settings name it ("" when not filled in)

    @property
    def schoolkolommen(self) -> list[str]:
        """The values of SCHOOLKOLOMMEN: the same on every row of this school."""
        return [self.swv, self.brin, self.school]

    @property
    def volledig(self) -> bool:
        return self.peildatum >= self.kwartaal.tot

    def per_categorie(self) -> dict[Categorie, int]:
        tel = Counter(r.categorie for r in self.rijen)
        return {c: tel[c] for c in CATEGORIEEN}

    def per_status(self) -> dict[Status, int]:
        tel = Counter(r.status for r in self.rijen)
        return {s: tel[s] for s in STATUSSEN}

    def per_duur(self) -> dict[Duur, int]:
        tel = Counter(r.duur for r in self.rijen)
        return {d: tel[d] for d in Duur}


# --- the building blocks --------------------------------------------------------------------------

def pseudoniem(sleutel: bytes, leerling_id: int) -> str:
    """"TZ-7F3K2": HMAC-SHA256 of the database id with the school's secret, in 5 base32 characters."""
    digest = hmac.new(sleutel, f"leerling:{leerling_id}".encode(), hashlib.sha256).digest()
    getal = int.from_bytes(digest[:8], "big")
    tekens = []
    for _ in range(PSEUDONIEM_TEKENS):
        getal, rest = divmod(getal, 32)
        tekens.append(_ALFABET[rest])
    return "TZ-" + "".join(tekens)


def leerjaar(klas: str) -> int | None:
    """The first number in the klas name: "2B" → 2, "H3a" → 3, "vwo 5" → 5; None without one."""
    match = re.search(r"\d+", klas or "")
    if not match:
        return None
    n = int(match.group())
    return n if 1 <= n <= 8 else None


def plus_maanden(d: date, maanden: int) -> date:
    """d plus calendar months; a day that does not exist becomes the last day of that month."""
    m = d.month - 1 + maanden
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, _stdcal.monthrange(year, month)[1]))


def duur(start: date, einde: date) -> Duur:
    """The Inspectie's buckets (module docstring): exactly 4 weeks and exactly 3 months are the middle."""
    if einde < start + timedelta(days=28):
        return Duur.KORT
    if einde > plus_maanden(start, 3):
        return Duur.LANG
    return Duur.MIDDEL


def laatste_lesweken(lesdagen: Sequence[date], aantal: int = EIND_LESWEKEN) -> list[date]:
    """The lesdagen of the last `aantal` calendar weeks that have lesdagen (holidays are no lesweken)."""
    weken: list[tuple[int, int]] = []
    for d in sorted(lesdagen, reverse=True):
        week = d.isocalendar()[:2]
        if week not in weken:
            if len(weken) == aantal:
                break
            weken.append(week)
    return sorted(d for d in lesdagen if d.isocalendar()[:2] in weken)


def _episodes(feiten: KwartaalFeiten, kwartaal: Kwartaal, peildatum: date) -> list[tuple[Categorie, date, date | None]]:
    """(categorie, van, tot) of every episode touching the quarter; tot None = running on the peildatum."""
    uit = [(_SIGNAAL_CATEGORIE[e.soort], e.van, e.tot) for e in feiten.episodes
           if e.soort in _SIGNAAL_CATEGORIE and e.van <= peildatum and (e.tot is None or e.tot >= kwartaal.van)]
    for v in feiten.vrijstellingen:
        if v.type == VrijstellingType.ART_5A and v.van <= peildatum and (v.tot is None or v.tot >= kwartaal.van):
            uit.append((Categorie.VRIJSTELLING_5A, v.van, v.tot if v.tot is not None and v.tot < peildatum else None))
    return uit


def _status(feiten: KwartaalFeiten, peildatum: date, loopt: bool, einde: date | None, lesuren_per_dag: float,
            eind_lesdagen: Sequence[date]) -> Status:
    u = feiten.uitschrijfdatum
    if u is not None and u <= peildatum and feiten.bestemming.strip():
        return Status.ANDER_ONDERWIJS
    if any(v.active_on(peildatum) for v in feiten.vrijstellingen):
        return Status.VRIJSTELLING
    if loopt or (u is not None and u <= peildatum):
        return Status.THUISZITTEND
    dagen = [d for d in eind_lesdagen if einde is None or d > einde]
    if not dagen:
        return Status.TERUG
    gemist = sum(min(feiten.afwezig_eind.get(d, 0.0), lesuren_per_dag) for d in dagen)
    if gemist >= GEDEELTELIJK_DREMPEL * lesuren_per_dag * len(dagen) - _EPS:
        return Status.GEDEELTELIJK_TERUG
    return Status.TERUG


def rij(feiten: KwartaalFeiten, kwartaal: Kwartaal, peildatum: date, *, sleutel: bytes, schooltype: str,
        lesuren_per_dag: float, eind_lesdagen: Sequence[date] = ()) -> KwartaalRij | None:
    """The student's row, or None when nothing of the overview happened to them in the quarter."""
    episodes = _episodes(feiten, kwartaal, peildatum)
    if not episodes:
        return None
    loopt = any(tot is None for _, _, tot in episodes)
    # The last situation: running on the peildatum (None sorts last), else ended last; a tie → the heavier.
    zwaarte = {c: len(CATEGORIEEN) - i for i, c in enumerate(CATEGORIEEN)}
    laatste = max(episodes, key=lambda e: (e[2] is None, e[2] or date.min, zwaarte[e[0]]))
    start = min(van for _, van, _ in episodes)
    einde = None if loopt else max(tot for _, _, tot in episodes if tot is not None)
    status = _status(feiten, peildatum, loopt, einde, lesuren_per_dag, eind_lesdagen)
    return KwartaalRij(
        pseudoniem=pseudoniem(sleutel, feiten.leerling_id),
        leeftijd=formaat.leeftijd(feiten.geboortedatum, kwartaal.tot),
        schooltype=schooltype,
        leerjaar=leerjaar(feiten.klas),
        categorie=laatste[0],
        startdatum=start,
        einddatum=einde,
        duur=duur(start, einde or peildatum),
        interventies=tuple(dict.fromkeys(i.strip() for i in feiten.interventies if i.strip())),
        status=status,
        heeft_plan=feiten.heeft_plan,
    )


def kwartaaloverzicht(kwartaal: Kwartaal, peildatum: date, feiten: Iterable[KwartaalFeiten], *, school: str,
                      sleutel: bytes, schooltype: str, lesuren_per_dag: float,
                      eind_lesdagen: Sequence[date] = (), brin: str = "", swv: str = "") -> KwartaalOverzicht:
    """The overview: one row per student in it, sorted by categorie (heaviest first), startdatum, pseudonym.

    `eind_lesdagen` = the lesdagen of the last 2 lesweken of the quarter through the peildatum
    (`laatste_lesweken`), for the status "gedeeltelijk terug".
    """
    rijen = [r for f in feiten
             if (r := rij(f, kwartaal, peildatum, sleutel=sleutel, schooltype=schooltype,
                          lesuren_per_dag=lesuren_per_dag, eind_lesdagen=eind_lesdagen)) is not None]
    volgorde = {c: i for i, c in enumerate(CATEGORIEEN)}
    rijen.sort(key=lambda r: (volgorde[r.categorie], r.startdatum, r.pseudoniem))
    return KwartaalOverzicht(kwartaal, peildatum, school, tuple(rijen), brin, swv)


# --- the columns every export shares ----------------------------------------------------------------

# The school's own columns, first in the CSV and XLSX (the PDF and the screen name them once, above the table).
SCHOOLKOLOMMEN: tuple[tuple[str, str], ...] = (
    ("Samenwerkingsverband", "Het samenwerkingsverband passend onderwijs van de school, zoals de school het bij "
                             "Instellingen heeft ingevuld."),
    ("BRIN", "Het BRIN-nummer van de school (met vestiging, als de school dat gebruikt)."),
    ("School", "De naam van de school. Samenwerkingsverband, BRIN en school staan op elke regel, zodat het "
               "samenwerkingsverband de overzichten van zijn scholen kan samenvoegen."),
)

KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("Pseudoniem", "Vaste code per leerling (dezelfde in elk kwartaal); niet terug te voeren op de leerling "
                   "zonder de database van de school."),
    ("Leeftijd", "Leeftijd in jaren op de laatste dag van het kwartaal."),
    ("Schooltype", "Het schooltype van de school (po, vo, so/vso, mbo)."),
    ("Leerjaar", "Het leerjaar, afgeleid uit de klas (leeg als dat niet kan)."),
    ("Categorie", "Langdurig relatief verzuim: meer dan 20 lesdagen achter elkaar de hele dag ongeoorloofd "
                  "afwezig. Absoluut verzuim: uitgeschreven zonder nieuwe school en nog leer- of "
                  "kwalificatieplichtig. Vrijstelling 5a: vrijgesteld omdat de leerling lichamelijk of "
                  "psychisch niet naar school kan. Dreigend: meer dan 20 lesdagen achter elkaar de hele dag "
                  "afwezig met een andere reden, zoals ziekte. Bij meer situaties in het kwartaal: de laatste."),
    ("Startmaand", "De maand waarin de situatie begon (van de vroegste, als er meer waren). Alleen de maand: de "
                   "precieze dag is voor het overzicht niet nodig en maakt een leerling makkelijker herkenbaar."),
    ("Eindmaand", "De maand waarin de situatie eindigde, als de leerling in het kwartaal terugkwam; leeg als de "
                  "situatie aan het eind van het kwartaal nog liep. Ook hier alleen de maand."),
    ("Duur", "Van de eerste tot de laatste dag van de situatie, of tot het eind van het kwartaal (berekend met de "
             "precieze dagen): korter dan 4 weken, 4 weken tot 3 maanden (precies 4 weken en precies 3 maanden "
             "horen hierbij), langer dan 3 maanden."),
    ("Aanbod/interventies", "Wat er in het kwartaal is ingezet volgens het plan van aanpak. 'geen': er is een plan "
                            "van aanpak, maar daarin staat voor dit kwartaal geen interventie. 'onbekend': er is "
                            "(nog) geen plan van aanpak, dus is niets vastgelegd."),
    ("Status", "Aan het eind van het kwartaal: thuiszittend, gedeeltelijk terug (in de laatste 2 lesweken "
               "minstens een kwart van de lesuren gemist), terug op school, ander onderwijs (uitgeschreven "
               "naar een andere school) of vrijstelling."),
)
PSEUDONIEM_UITLEG = ("Gepseudonimiseerd: zonder naam, BSN, leerlingnummer of geboortedatum, en met maanden in plaats "
                     "van precieze data. Het pseudoniem is in elk kwartaal hetzelfde, maar alleen met de database "
                     "van de school terug te voeren op een leerling. Samen met wat een lezer al weet, kan een regel "
                     "toch naar één leerling wijzen: behandel het overzicht als persoonsgegevens.")


def als_tekst(r: KwartaalRij) -> list[str]:
    """A row as the texts of KOLOMMEN (CSV, PDF, the table in the GUI)."""
    return [r.pseudoniem, str(r.leeftijd), r.schooltype, "" if r.leerjaar is None else str(r.leerjaar),
            r.categorie.value, formaat.maand(r.startdatum), formaat.maand(r.einddatum), r.duur.value, r.aanbod,
            r.status.value]


__all__ = [
    "CATEGORIEEN",
    "KOLOMMEN",
    "PSEUDONIEM_UITLEG",
    "SCHOOLKOLOMMEN",
    "SIGNALEN",
    "Categorie",
    "Duur",
    "Episode",
    "KwartaalFeiten",
    "KwartaalOverzicht",
    "KwartaalRij",
    "Kwartaal",
    "Status",
    "als_tekst",
    "duur",
    "kwartaaloverzicht",
    "laatste_lesweken",
    "leerjaar",
    "pseudoniem",
    "rij",
]
