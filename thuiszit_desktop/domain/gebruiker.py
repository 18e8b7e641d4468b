"""Users of the app and what makes a password acceptable."""

from __future__ import annotations

from dataclasses import dataclass
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
