"""A gesprek or contactmoment with a student, ouders or a partner, with the afspraken made in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .traject import GesprekType


@dataclass(frozen=True)
class Afspraak:
    id: int
    tekst: str
    actiepunt_id: int | None = None


@dataclass(frozen=True)
class Gesprek:
    id: int
    leerlingnummer: str
    traject_id: int | None
    type: GesprekType
    datum: date
    samenvatting: str
    deelnemers: str = ""
    door: str = ""
    vertrouwelijk: bool = False
    afspraken: tuple[Afspraak, ...] = ()
    door_id: int | None = None  # the user who recorded it
    rijversie: int = 1  # the version it was read at: give it back when saving a change (services/versies.py)
