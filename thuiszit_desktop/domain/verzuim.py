"""Verzuim records and the actions registered on them: DUO verzuimmeldingen and M@zl-acties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Reden(StrEnum):
    ONGEOORLOOFD = "ongeoorloofd"
    ZIEK = "ziek"
    VERLOF = "verlof"
    SCHORSING = "schorsing"
    OVERIG_GEOORLOOFD = "overig_geoorloofd"

    @property
    def label(self) -> str:
        return {
            "ongeoorloofd": "Ongeoorloofd",
            "ziek": "Ziek",
            "verlof": "Verlof",
            "schorsing": "Schorsing",
            "overig_geoorloofd": "Overig geoorloofd",
        }[self.value]

    @property
    def geoorloofd(self) -> bool:
        return self is not Reden.ONGEOORLOOFD


@dataclass(frozen=True, slots=True)
class VerzuimRecord:
    """Absence of one leerling on one day: `uren` (> 0, decimal) with one reden.

    Several records on one day add up per reden.
    """

    datum: date
    uren: float
    reden: Reden


class MeldingSoort(StrEnum):
    ZESTIEN_UUR = "16_uur"
    LRV = "lrv"
    LUXE_VERZUIM = "luxe_verzuim"

    @property
    def label(self) -> str:
        return {
            "16_uur": "16 uur ongeoorloofd verzuim",
            "lrv": "Langdurig relatief verzuim",
            "luxe_verzuim": "Luxe verzuim",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Verzuimmelding:
    """A melding in DUO's verzuimregister: made on `datum`, about verzuim up to and including `einddatum`.

    After a melding the 16-hour count starts again on the day after `einddatum`, for every peildatum on or
    after `einddatum` (also when the melding was sent later).
    """

    datum: date
    einddatum: date
    soort: MeldingSoort
    kenmerk: str = ""  # DUO's reference, for the dossier


def standaard_einddatum(gemeld_op: date, bijgewerkt_tot: date | None) -> date:
    """The "verzuim t/m" a melding gets unless the user says otherwise (SIGNALEN.md, rule 1): the last day
    with verzuim data ("verzuim bijgewerkt t/m"), capped at the day it was sent, so that all known verzuim
    is reported at once and no new meldplicht arises for verzuim the melding covered. Without imported
    verzuim: the day it was sent."""
    if bijgewerkt_tot is None:
        return gemeld_op
    return min(bijgewerkt_tot, gemeld_op)


@dataclass(frozen=True, slots=True)
class MazlActie:
    """The jeugdarts was brought in (M@zl) on `datum`; ziekmeldingen are counted afresh after it."""

    datum: date


@dataclass(frozen=True)
class Melding:
    id: int
    datum: date
    einddatum: date
    soort: MeldingSoort
    kenmerk: str


@dataclass(frozen=True)
class Mazl:
    id: int
    datum: date
    opmerking: str
