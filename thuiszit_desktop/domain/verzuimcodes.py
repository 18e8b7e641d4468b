"""Translating the administration system's own absence codes to the five redenen (FORMATEN.md).

Each school defines its own codes; the mapping is a school setting. A code mapped to None is not
absence (te laat, present, huiswerk vergeten, vrijstelling of one subject) and is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping

from .verzuim import Reden

ONG, Z, V, S, G = Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF, Reden.SCHORSING, Reden.OVERIG_GEOORLOOFD

# Sensible defaults: a typical Magister set (one school's published list) and common Somtoday texts.
STANDAARD_CODES: dict[str, Reden | None] = {
    # Magister
    "A": ONG, "AA": ONG, "S": ONG, "SA": ONG,
    "Z": Z, "Zb": Z, "ZH": Z,
    "M": G, "EH": G, "P": G, "U": G,
    "V": V,
    "GE": S, "GI": S,
    "L": None, "La": None, "T": None, "PR": None, "BV": None, "HV": None, "VR": None,
    # Somtoday and plain words
    "Ziek": Z, "Ziek naar huis": Z, "Spijbelen": ONG, "Ongeoorloofd afwezig": ONG, "Ongeoorloofd": ONG,
    "Absent": ONG, "Verlof": V, "Geoorloofd afwezig": G, "Medisch": G, "Huisarts/tandarts": G,
    "Schorsing": S, "Geschorst": S, "Uit de les verwijderd": G, "Uitgestuurd": G, "Verwijderd": G,
    "Ongeoorloofd verzuim": ONG, "Geoorloofd verzuim": G, "Bijzonder verlof": V, "Huisarts": G, "Tandarts": G,
    "Orthodontist": G, "Externe hulp": G, "Privé": G,
    "Te laat": None, "Aanwezig": None, "Present": None, "Huiswerk vergeten": None, "Materiaal vergeten": None,
    "Vrijstelling": None,
}
# The five redenen themselves ("ziek", "overig_geoorloofd" …) always work: Codetabel adds them. They are
# not in this table, so the editable list has no entry twice ("Ziek" and "ziek") and saves as it is.


def normaliseer_code(code: str) -> str:
    return " ".join(code.split()).casefold()


class Codetabel:
    """Code → reden, case-insensitive; None means "not absence, skip"."""

    def __init__(self, codes: Mapping[str, Reden | None]):
        self.codes = dict(codes)
        self._op = {normaliseer_code(c): r for c, r in codes.items()}
        for r in Reden:  # the redenen themselves cannot be remapped away
            self._op[r.value] = r

    def kent(self, code: str) -> bool:
        return normaliseer_code(code) in self._op

    def vertaal(self, code: str) -> Reden | None:
        """The reden of a known code (None: skip). KeyError for an unknown code."""
        return self._op[normaliseer_code(code)]

    def to_json(self) -> dict[str, str | None]:
        return {c: (r.value if r else None) for c, r in self.codes.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, str | None]) -> Codetabel:
        return cls({c: (Reden(r) if r else None) for c, r in data.items()})


STANDAARD = Codetabel(STANDAARD_CODES)
