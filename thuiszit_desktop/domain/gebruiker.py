"""Users of the app and what makes a password acceptable."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from .errors import InvoerFout

MIN_WACHTWOORD = 10


class Rol(StrEnum):
    ZORGCOORDINATOR = "zorgcoordinator"
    MENTOR = "mentor"
    ALLEEN_LEZEN = "alleen-lezen"

    @property
    def label(self) -> str:
        return {"zorgcoordinator": "Zorgcoördinator", "mentor": "Mentor", "alleen-lezen": "Alleen lezen"}[self.value]


@dataclass(frozen=True)
class Gebruiker:
    id: int
    naam: str
    rol: Rol
    klassen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profiel:
    """How a user is named on paper and reached: "Anna de Vries, zorgcoördinator, 030-1234567"."""

    volledige_naam: str = ""
    functie: str = ""
    telefoon: str = ""
    email: str = ""

    @property
    def bereikbaar(self) -> bool:
        return bool(self.telefoon.strip() or self.email.strip())

    @property
    def compleet(self) -> bool:
        """Enough to sign for the school: a full name and a function."""
        return bool(self.volledige_naam.strip() and self.functie.strip())


_TELEFOON = re.compile(r"[0-9+()\- ]+")


def bereikbaarheid_fouten(telefoon: str, email: str) -> dict[str, str]:
    """A phone number of digits (with + - ( ) and spaces) and an e-mail address that looks like one."""
    fouten: dict[str, str] = {}
    telefoon, email = telefoon.strip(), email.strip()
    if telefoon and (not _TELEFOON.fullmatch(telefoon) or sum(c.isdigit() for c in telefoon) < 6):
        fouten["telefoon"] = "Dit telefoonnummer klopt niet. Gebruik cijfers, bijvoorbeeld 030-1234567."
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        fouten["email"] = "Dit e-mailadres klopt niet. Een e-mailadres ziet eruit als naam@school.nl."
    return fouten


def check_profiel(profiel: Profiel) -> Profiel:
    """Tidied (spaces) or InvoerFout naming each field to fix."""
    p = replace(profiel, volledige_naam=" ".join(profiel.volledige_naam.split()),
                functie=" ".join(profiel.functie.split()), telefoon=profiel.telefoon.strip(),
                email=profiel.email.strip())
    fouten = bereikbaarheid_fouten(p.telefoon, p.email)
    if len(p.volledige_naam) > 200 or len(p.functie) > 200:
        fouten["volledige_naam" if len(p.volledige_naam) > 200 else "functie"] = "Dit is te lang (meer dan 200 tekens)."
    if fouten:
        raise InvoerFout(fouten)
    return p


def naam_sleutel(naam: str) -> str:
    return " ".join(naam.split()).casefold()


# Account names that say what an account is, not who uses it: a shared login, not a person.
_ROLNAMEN = frozenset({*(naam_sleutel(r.value) for r in Rol), *(naam_sleutel(r.label) for r in Rol), "mentoren",
                       "zorgcoordinator", "zorg", "lezer", "lezen", "alleen lezen", "beheer", "beheerder",
                       "admin", "gast", "test"})


def kan_eigenaar_zijn(g: Gebruiker) -> bool:
    """Can own a traject or an actiepunt: a person who works with the students (a zorgcoördinator or a
    mentor), not an alleen-lezen account and not a shared account named after a role ("mentor")."""
    return g.rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR) and naam_sleutel(g.naam) not in _ROLNAMEN


def check_nieuwe_gebruiker(naam: str, wachtwoord: str, herhaling: str) -> None:
    """InvoerFout when the name is empty or the password too weak or not repeated exactly."""
    fouten: dict[str, str] = {}
    if not naam.strip():
        fouten["naam"] = "Vul een gebruikersnaam in."
    if wachtwoord != herhaling:
        fouten["herhaling"] = "De twee wachtwoorden zijn niet gelijk. Typ het wachtwoord twee keer hetzelfde."
    elif len(wachtwoord) < MIN_WACHTWOORD:
        fouten["wachtwoord"] = f"Kies een wachtwoord van minstens {MIN_WACHTWOORD} tekens."
    elif wachtwoord.isalpha() or wachtwoord.isdigit():
        fouten["wachtwoord"] = "Gebruik in het wachtwoord letters én cijfers of leestekens."
    elif naam.strip() and naam_sleutel(naam) in wachtwoord.casefold():
        fouten["wachtwoord"] = "Het wachtwoord mag de gebruikersnaam niet bevatten."
    elif len(set(wachtwoord)) < 5:
        fouten["wachtwoord"] = "Dit wachtwoord is te makkelijk te raden. Gebruik meer verschillende tekens."
    if fouten:
        raise InvoerFout(fouten)
