"""Which column of an import file is which field: the proposal the wizard shows, and the school's own
choices remembered for the next import (importers/kolommen.py has the recognition). Call inside a
service method."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import InvoerFout
from ..importers.kolommen import NIET, SOORTEN, Koppeling, Veld, controleer, koppel, te_onthouden, veld_naam
from ..importers.tabular import lees_tabel, normaliseer_kop
from . import instellingen

_SLEUTEL = {"leerlingen": "importkolommen_leerlingen", "verzuim": "importkolommen_verzuim"}
_VOORBEELD_RIJEN = 20  # rows read for the sample values
_VOORBEELDEN = 3  # sample values shown per column


@dataclass(frozen=True)
class Kolom:
    sleutel: str  # the normalised header: the key of a Koppeling
    naam: str  # as written in the file
    veld: str  # the proposed field; NIET: not used
    voorbeelden: tuple[str, ...]  # the first few values in the column


@dataclass(frozen=True)
class KolomVoorstel:
    soort: str  # "leerlingen" or "verzuim"
    kolommen: list[Kolom]
    velden: tuple[Veld, ...]  # what a column can be used for

    def koppeling(self) -> Koppeling:
        return {k.sleutel: k.veld for k in self.kolommen}


def opgeslagen(soort: str) -> dict[str, str]:
    return dict(instellingen.lees(_SLEUTEL[soort], {}))


def onthoud(soort: str, koppeling: Mapping[str, str]) -> None:
    """Remember the choices of this import that differ from what the headers say (inside the import's
    transaction, so only a successful import changes them)."""
    eerder = opgeslagen(soort)
    nieuw = te_onthouden(koppeling, soort, eerder)
    if nieuw != eerder:
        instellingen.schrijf(_SLEUTEL[soort], nieuw)


def voorstel(pad: str | Path, soort: str) -> KolomVoorstel:
    """Every column of the file with its sample values and the field it will feed: the school's earlier
    choice, else what its header says. Reads only the first rows."""
    with lees_tabel(pad) as tabel:
        waarden: dict[str, list[str]] = {k: [] for k in tabel.kolommen}
        for i, rij in enumerate(tabel):
            for k, lijst in waarden.items():
                w = rij.waarden.get(k, "")
                if w and len(lijst) < _VOORBEELDEN and w not in lijst:
                    lijst.append(w)
            if i + 1 >= _VOORBEELD_RIJEN:
                break
        koppeling = koppel(tabel.kolommen, soort, opgeslagen=opgeslagen(soort))
        kolommen = [Kolom(k, tabel.namen[k], koppeling[k], tuple(waarden[k])) for k in tabel.kolommen]
    return KolomVoorstel(soort, kolommen, SOORTEN[soort])


def keuzes(teksten: list[str], soort: str) -> Koppeling:
    """The command line's `--kolom BRON=VELD` choices (BRON as in the file's first line, VELD a field name
    or "niet") as a Koppeling; InvoerFout for a choice that cannot be read."""
    uit: Koppeling = {}
    for tekst in teksten:
        bron, is_, veld = tekst.partition("=")
        if not is_ or not bron.strip():
            raise InvoerFout(f"'--kolom {tekst}' kan niet gelezen worden. Schrijf --kolom BRON=VELD, bijvoorbeeld "
                             "--kolom \"Naam kind=voornaam\" of --kolom Opmerking=niet.")
        uit[normaliseer_kop(bron)] = veld_naam(veld, soort)
    return uit


__all__ = ["NIET", "Kolom", "KolomVoorstel", "controleer", "keuzes", "onthoud", "opgeslagen", "voorstel"]
