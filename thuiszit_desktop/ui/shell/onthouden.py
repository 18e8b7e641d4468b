"""What the start, the login and the first-run wizard remember between runs (QSettings keys): which database
was opened last and who logged in to it. Without Qt widgets, so those three share it without importing
each other."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # startup imports this before Qt is loaded
    from PySide6.QtCore import QSettings

SETTING_LAST_DATABASE = "database/laatste"
SETTING_NAME = "inloggen/naam"  # before: one name for every database (still read for the database it was for)
SETTING_NAME_PER_DATABASE = "inloggen/namen/{sleutel}"


def _sleutel(path: Path) -> str:
    return hashlib.sha256(str(path.expanduser().absolute()).encode("utf-8")).hexdigest()[:16]


def laatste_naam(settings: QSettings, path: Path) -> str:
    """The user who logged in last with this database file ("" when none): a school's login never shows a
    name from another school's database."""
    naam = settings.value(SETTING_NAME_PER_DATABASE.format(sleutel=_sleutel(path)), "", type=str)
    if not naam and settings.value(SETTING_LAST_DATABASE, "", type=str) == str(path):
        naam = settings.value(SETTING_NAME, "", type=str)  # remembered before names were kept per database
    return naam


def onthoud_naam(settings: QSettings, path: Path, naam: str) -> None:
    settings.setValue(SETTING_NAME_PER_DATABASE.format(sleutel=_sleutel(path)), naam)


# The shared school database (issue 18): where it is and who logged in last – never a password. While
# "actief", the next start shows the login for that server instead of the file's.
SETTING_SERVER = "schooldatabase/{veld}"
SERVER_VELDEN = ("host", "poort", "database", "sslmode", "sslrootcert", "naam", "school")


def server_velden(settings: QSettings) -> dict[str, str]:
    """The school database remembered last (also after switching back to one laptop: to fill in the dialog)."""
    return {veld: settings.value(SETTING_SERVER.format(veld=veld), "", type=str) for veld in SERVER_VELDEN}


def laatste_server(settings: QSettings) -> dict[str, str] | None:
    """The school database the program works with, or None when it works with a file."""
    if not settings.value(SETTING_SERVER.format(veld="actief"), False, type=bool):
        return None
    velden = server_velden(settings)
    return velden if velden["host"] and velden["database"] else None


def onthoud_server(settings: QSettings, velden: dict[str, str | int]) -> None:
    """From now on the program starts with the login for this school database."""
    for veld in SERVER_VELDEN:
        settings.setValue(SETTING_SERVER.format(veld=veld), str(velden.get(veld, "")))
    settings.setValue(SETTING_SERVER.format(veld="actief"), True)


def vergeet_server(settings: QSettings) -> None:
    """Back to the file: the next start opens the database file again (the address stays, for the dialog)."""
    settings.setValue(SETTING_SERVER.format(veld="actief"), False)
