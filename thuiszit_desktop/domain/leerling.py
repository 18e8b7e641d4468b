"""Leerling, ouders, vrijstellingen and the leerplicht/kwalificatieplicht status (SIGNALEN.md)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from . import formaat
from .errors import InvoerFout


class VrijstellingType(StrEnum):
    ART_5A = "5a"
    ART_5B = "5b"
    ART_5C = "5c"
    ART_5A_TREKKEND = "5a-trekkend"
    ART_15 = "15"

    @property
    def label(self) -> str:
        return {
            "5a": "5a – lichamelijk of psychisch niet geschikt",
            "5b": "5b – bezwaar tegen de richting van de scholen",
            "5c": "5c – ingeschreven op een school in het buitenland",
            "5a-trekkend": "5a – trekkend bestaan",
            "15": "15 – vrijstelling van de kwalificatieplicht",
        }[self.value]


class Relatie(StrEnum):
    MOEDER = "moeder"
    VADER = "vader"
    OUDER = "ouder"
    VERZORGER = "verzorger"
    VOOGD = "voogd"
    PLEEGOUDER = "pleegouder"
    ANDERS = "anders"


class Contactvoorkeur(StrEnum):
    TELEFOON = "telefoon"
    EMAIL = "e-mail"
    POST = "post"


@dataclass(frozen=True, slots=True)  # 20,000 at a time (signals, quarters): no __dict__ each
class Vrijstelling:
    type: VrijstellingType
    van: date
    tot: date | None = None

    def active_on(self, d: date) -> bool:
        return self.van <= d and (self.tot is None or d <= self.tot)


@dataclass(frozen=True)
class Ouder:
    naam: str
    relatie: Relatie = Relatie.OUDER
    telefoon: str = ""
    email: str = ""
    adres: str = ""
    gezag: bool = True
    contactvoorkeur: Contactvoorkeur = Contactvoorkeur.TELEFOON


@dataclass(frozen=True, slots=True)  # 20,000 at a time (signals, quarters): no __dict__ each
class Leerling:
    leerlingnummer: str
    achternaam: str
    geboortedatum: date
    inschrijfdatum: date
    voornaam: str = ""
    tussenvoegsel: str = ""
    klas: str = ""
    mentor: str = ""
    uitschrijfdatum: date | None = None
    bestemming: str = ""
    startkwalificatie: bool = False
    bsn: str = ""
    onderwijsnummer: str = ""
    vrijstellingen: tuple[Vrijstelling, ...] = ()
    ouders: tuple[Ouder, ...] = ()
    id: int | None = field(default=None, compare=False)
    rijversie: int | None = field(default=None, compare=False)  # the version it was read at: give it back when saving a change (services/versies.py)

    @property
    def naam(self) -> str:
        return formaat.naam(self.voornaam, self.tussenvoegsel, self.achternaam)

    @property
    def sorteernaam(self) -> str:
        """How a school list sorts: "Jansen, Eva de"."""
        rest = " ".join(p for p in (self.voornaam, self.tussenvoegsel) if p)
        return f"{self.achternaam}, {rest}" if rest else self.achternaam


# --- leerplicht (SIGNALEN.md, "Student status") -------------------------------------------------

def schooljaar_start(d: date) -> date:
    """1 August of the school year that contains d."""
    return date(d.year if d.month >= 8 else d.year - 1, 8, 1)


def add_years(d: date, years: int) -> date:
    """d plus whole years; 29 February becomes 28 February in a common year."""
    year = d.year + years
    return d.replace(year=year, day=min(d.day, calendar.monthrange(year, d.month)[1]))


def leerplicht_start(geboortedatum: date) -> date:
    """The first day of the month after the 5th birthday."""
    vijf = add_years(geboortedatum, 5)
    return date(vijf.year + vijf.month // 12, vijf.month % 12 + 1, 1)


def leerplicht_einde(geboortedatum: date) -> date:
    """31 July of the school year in which the student turns 16 (the last leerplichtige day)."""
    zestien = add_years(geboortedatum, 16)
    return date(schooljaar_start(zestien).year + 1, 7, 31)


def is_leerplichtig(leerling: Leerling, d: date) -> bool:
    return leerplicht_start(leerling.geboortedatum) <= d <= leerplicht_einde(leerling.geboortedatum)


def is_kwalificatieplichtig(leerling: Leerling, d: date) -> bool:
    """After leerplicht, until the day before the 18th birthday, unless a startkwalificatie."""
    return (not leerling.startkwalificatie
            and leerplicht_einde(leerling.geboortedatum) < d < add_years(leerling.geboortedatum, 18))


def is_plichtig(leerling: Leerling, d: date) -> bool:
    return is_leerplichtig(leerling, d) or is_kwalificatieplichtig(leerling, d)


def is_ingeschreven(leerling: Leerling, d: date) -> bool:
    return leerling.inschrijfdatum <= d and (leerling.uitschrijfdatum is None or d < leerling.uitschrijfdatum)


def active_vrijstelling(leerling: Leerling, d: date) -> Vrijstelling | None:
    return next((v for v in leerling.vrijstellingen if v.active_on(d)), None)


class Plicht(StrEnum):
    NOG_NIET = "nog niet leerplichtig"
    LEERPLICHTIG = "leerplichtig"
    KWALIFICATIEPLICHTIG = "kwalificatieplichtig"
    STARTKWALIFICATIE = "niet meer plichtig: startkwalificatie"
    VOLWASSEN = "niet meer plichtig: 18 jaar"


@dataclass(frozen=True)
class PlichtStatus:
    plicht: Plicht
    tot: date | None  # the last day of this status, when it ends by itself
    vrijstelling: Vrijstelling | None

    @property
    def omschrijving(self) -> str:
        """One line in plain Dutch for the student page."""
        tekst = {
            Plicht.NOG_NIET: "Nog niet leerplichtig",
            Plicht.LEERPLICHTIG: "Leerplichtig",
            Plicht.KWALIFICATIEPLICHTIG: "Kwalificatieplichtig",
            Plicht.STARTKWALIFICATIE: "Niet meer kwalificatieplichtig (startkwalificatie behaald)",
            Plicht.VOLWASSEN: "Niet meer plichtig (18 jaar of ouder)",
        }[self.plicht]
        if self.tot and self.plicht in (Plicht.LEERPLICHTIG, Plicht.KWALIFICATIEPLICHTIG):
            tekst += f" tot en met {formaat.datum(self.tot)}"
        if self.vrijstelling:
            tot = f" tot en met {formaat.datum(self.vrijstelling.tot)}" if self.vrijstelling.tot else ""
            tekst += f"; vrijstelling {self.vrijstelling.type.value}{tot}"
        return tekst


def plicht_status(leerling: Leerling, d: date) -> PlichtStatus:
    g = leerling.geboortedatum
    vrijstelling = active_vrijstelling(leerling, d)
    if d < leerplicht_start(g):
        return PlichtStatus(Plicht.NOG_NIET, None, vrijstelling)
    if is_leerplichtig(leerling, d):
        return PlichtStatus(Plicht.LEERPLICHTIG, leerplicht_einde(g), vrijstelling)
    if is_kwalificatieplichtig(leerling, d):
        return PlichtStatus(Plicht.KWALIFICATIEPLICHTIG, add_years(g, 18) - timedelta(days=1), vrijstelling)
    if leerling.startkwalificatie and d < add_years(g, 18):
        return PlichtStatus(Plicht.STARTKWALIFICATIE, None, vrijstelling)
    return PlichtStatus(Plicht.VOLWASSEN, None, vrijstelling)


# --- validation ---------------------------------------------------------------------------------

_CIJFERS = re.compile(r"([0-9]+)(?:[.,]0+)?")


def normaliseer_leerlingnummer(tekst: str) -> str:
    """One spelling per student: an all-digit number without its leading zeros, and without the ".0" of a
    number Excel stored as a decimal ("000123", "123" and "123.0" are all "123"); any other identifier
    ("A-17", "12b") as typed, without surrounding spaces. Magister asks at every export whether to write
    the leading zeros of the stamnummer, and Excel drops them, so one school's files disagree."""
    t = tekst.strip()
    if m := _CIJFERS.fullmatch(t):
        return m.group(1).lstrip("0") or "0"
    return t


def validate_leerling(leerling: Leerling, vandaag: date) -> Leerling:
    """The same leerling with tidied fields, or InvoerFout naming every field to fix."""
    fouten: dict[str, str] = {}
    nummer = normaliseer_leerlingnummer(leerling.leerlingnummer)
    if not nummer:
        fouten["leerlingnummer"] = "Vul het leerlingnummer in."
    elif len(nummer) > 20:
        fouten["leerlingnummer"] = "Het leerlingnummer is te lang (hoogstens 20 tekens)."
    if not leerling.achternaam.strip():
        fouten["achternaam"] = "Vul de achternaam in."
    g = leerling.geboortedatum
    if not add_years(vandaag, -30) <= g <= add_years(vandaag, -2):
        fouten["geboortedatum"] = ("Deze geboortedatum kan niet kloppen voor een leerling "
                                   "(tussen 2 en 30 jaar oud). Controleer de datum.")
    if leerling.uitschrijfdatum and leerling.uitschrijfdatum <= leerling.inschrijfdatum:
        fouten["uitschrijfdatum"] = "De uitschrijfdatum moet na de inschrijfdatum liggen."
    if leerling.inschrijfdatum < g:
        fouten["inschrijfdatum"] = "De inschrijfdatum ligt vóór de geboortedatum. Controleer de datum."
    # Imported only here, when a leerling is checked: stdnum is slow to import and the start needs none of it.
    from stdnum.nl import bsn as stdnum_bsn
    from stdnum.nl import onderwijsnummer as stdnum_onderwijsnummer

    # compact() also restores the leading zero that Excel drops from a BSN.
    bsn = stdnum_bsn.compact(leerling.bsn) if leerling.bsn.strip() else ""
    if bsn and not stdnum_bsn.is_valid(bsn):
        fouten["bsn"] = "Dit BSN klopt niet (9 cijfers, elfproef). Controleer het nummer."
    onderwijsnummer = stdnum_onderwijsnummer.compact(leerling.onderwijsnummer) if leerling.onderwijsnummer.strip() else ""
    if onderwijsnummer and not stdnum_onderwijsnummer.is_valid(onderwijsnummer):
        fouten["onderwijsnummer"] = ("Dit onderwijsnummer klopt niet (9 cijfers, begint met 10). "
                                     "Controleer het nummer.")
    for i, v in enumerate(leerling.vrijstellingen):
        if v.tot and v.tot < v.van:
            fouten[f"vrijstelling{i}"] = f"Vrijstelling {v.type.value}: de einddatum ligt vóór de begindatum."
    for i, o in enumerate(leerling.ouders):
        if not o.naam.strip():
            fouten[f"ouder{i}"] = "Vul de naam van elke ouder of verzorger in."
        elif o.email.strip() and "@" not in o.email:
            fouten[f"ouder{i}"] = f"Het e-mailadres van {o.naam.strip()} klopt niet."
    if fouten:
        raise InvoerFout(fouten)
    return _tidy(leerling, nummer, bsn, onderwijsnummer)


def _tidy(leerling: Leerling, nummer: str, bsn: str, onderwijsnummer: str) -> Leerling:
    return replace(
        leerling,
        leerlingnummer=nummer,
        voornaam=leerling.voornaam.strip(),
        tussenvoegsel=leerling.tussenvoegsel.strip(),
        achternaam=leerling.achternaam.strip(),
        klas=leerling.klas.strip(),
        mentor=leerling.mentor.strip(),
        bestemming=leerling.bestemming.strip(),
        bsn=bsn,
        onderwijsnummer=onderwijsnummer,
        ouders=tuple(replace(o, naam=o.naam.strip(), email=o.email.strip(), telefoon=o.telefoon.strip())
                     for o in leerling.ouders),
    )
