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
