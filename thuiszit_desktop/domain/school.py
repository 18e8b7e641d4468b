"""The school's own settings, set once in the welcome dialog (or `init`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stdnum.nl import brin as stdnum_brin

from .errors import InvoerFout


class Regio(StrEnum):
    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


class Schooltype(StrEnum):
    PO = "po"
    VO = "vo"
    SO_VSO = "so/vso"
    MBO = "mbo"

    @property
    def label(self) -> str:
        return {"po": "Primair onderwijs", "vo": "Voortgezet onderwijs",
                "so/vso": "Speciaal (voortgezet) onderwijs", "mbo": "Mbo"}[self.value]


@dataclass(frozen=True)
class School:
    naam: str
    brin: str
    regio: Regio
    schooltype: Schooltype = Schooltype.VO
    uren_per_lesdag: float = 6.0

    def validated(self) -> School:
        """The same school with tidied fields, or InvoerFout naming every field to fix."""
        fouten: dict[str, str] = {}
        naam = self.naam.strip()
        if not naam:
            fouten["naam"] = "Vul de naam van de school in."
        brin = self.brin.strip().upper().replace(" ", "")
        if not stdnum_brin.is_valid(brin):
            fouten["brin"] = ("Het BRIN-nummer klopt niet. Het is 2 cijfers en 2 letters, "
                              "eventueel met 2 cijfers voor de vestiging (bijvoorbeeld 12AB of 12AB01).")
        try:
            regio = Regio(str(self.regio).lower())
        except ValueError:
            fouten["regio"] = "Kies de regio van de schoolvakanties: noord, midden of zuid."
            regio = Regio.MIDDEN
        try:
            schooltype = Schooltype(str(self.schooltype).lower())
        except ValueError:
            fouten["schooltype"] = "Kies het schooltype: po, vo, so/vso of mbo."
            schooltype = Schooltype.VO
        if not 1 <= float(self.uren_per_lesdag) <= 12:
            fouten["uren_per_lesdag"] = "Vul het aantal uren per lesdag in: tussen 1 en 12."
        if fouten:
            raise InvoerFout(fouten)
        return School(naam, brin, regio, schooltype, float(self.uren_per_lesdag))
