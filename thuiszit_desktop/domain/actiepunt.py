"""An actiepunt: who does what, and when – agreed at an MDO, in a gesprek or on its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .traject import ActiepuntStatus, Persoon


@dataclass(frozen=True)
class Actiepunt:
    id: int
    leerlingnummer: str
    leerling_naam: str
    wat: str
    wie: Persoon
    datum: date  # agreed on
    uiterlijk: date
    status: ActiepuntStatus
    afgerond: date | None = None
    traject_id: int | None = None
    mdo_id: int | None = None
    gesprek_id: int | None = None
    rijversie: int | None = None  # the version it was read at: give it back when saving a change (services/versies.py)

    def te_laat(self, vandaag: date) -> bool:
        return self.status is ActiepuntStatus.OPEN and self.uiterlijk < vandaag
