"""The one password prompt: from an environment variable (scripts) or asked at a terminal."""

from __future__ import annotations

import getpass
import os
import sys

from .common import CliFout

WACHTWOORD = "THUISZIT_WACHTWOORD"  # the password of whoever runs the command
NIEUW_WACHTWOORD = "THUISZIT_NIEUW_WACHTWOORD"  # a new one: for another user, or one's own new password


def vraag_wachtwoord(prompt: str) -> str:
    """The user's own password: THUISZIT_WACHTWOORD, or asked once at a terminal."""
    return _vraag(WACHTWOORD, "het wachtwoord", lambda: getpass.getpass(prompt))


def vraag_nieuw_wachtwoord(naam: str, variabele: str = NIEUW_WACHTWOORD) -> str:
    """A new password for `naam`: from `variabele`, or asked twice at a terminal."""
    def twee_keer() -> str:
        eerste = getpass.getpass(f"Nieuw wachtwoord voor {naam}: ")
        if getpass.getpass("Nog een keer: ") != eerste:
            raise CliFout("De twee wachtwoorden zijn niet gelijk.")
        return eerste

    return _vraag(variabele, "het nieuwe wachtwoord" if variabele == NIEUW_WACHTWOORD else "het wachtwoord",
                  twee_keer)


def _vraag(variabele: str, wat: str, vraag) -> str:
    wachtwoord = os.environ.get(variabele)
    if wachtwoord is not None:
        return wachtwoord
    if not sys.stdin.isatty():
        raise CliFout(f"Geef {wat} in de omgevingsvariabele {variabele}.")
    return vraag()
