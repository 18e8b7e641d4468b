"""The school's own settings, set once in the welcome dialog (or `init`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import InvoerFout

MAX_SWV = 80


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
    # The samenwerkingsverband passend onderwijs (name or code) the school belongs to: a column of the
    # kwartaaloverzicht, so the SWV can merge the overviews of its schools. Empty until it is filled in.
    swv: str = ""

    def validated(self) -> School:
        """The same school with tidied fields, or InvoerFout naming every field to fix."""
        # Imported only here, when a school is saved: stdnum is slow to import and the start needs none of it.
        from stdnum.nl import brin as stdnum_brin

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
        swv = " ".join((self.swv or "").split())
        if len(swv) > MAX_SWV:
            fouten["swv"] = (f"De naam van het samenwerkingsverband is te lang (hoogstens {MAX_SWV} tekens). "
                             "Gebruik de korte naam of de code, bijvoorbeeld SWV VO Oudewaarde of VO 27.01.")
        elif swv and not any(c.isalnum() for c in swv):
            fouten["swv"] = "Vul de naam of code van het samenwerkingsverband in, of laat het veld leeg."
        if fouten:
            raise InvoerFout(fouten)
        return School(naam, brin, regio, schooltype, float(self.uren_per_lesdag), swv)
