"""The kinds of signal, their order and their short names: what the student list and its filter show before
any signal is computed. Apart from domain/signalen.py (which re-exports them) so the window's start does not
import the rules, the calendar and the verzuim domain to draw the list (issue 16)."""

from __future__ import annotations

from enum import StrEnum


class SignaalSoort(StrEnum):
    MELDPLICHT_16U = "meldplicht_16u"
    THUISZITTER = "thuiszitter"
    THUISZITTER_3MND = "thuiszitter_3mnd"
    LANGDURIG_AFWEZIG = "langdurig_afwezig"
    MAZL = "mazl"
    LUXE_VERZUIM = "luxe_verzuim"
    ABSOLUUT_VERZUIM = "absoluut_verzuim"

    @property
    def label(self) -> str:
        return {
            "meldplicht_16u": "Meldplicht: 16 uur ongeoorloofd verzuim",
            "thuiszitter": "Thuiszitter (langdurig relatief verzuim)",
            "thuiszitter_3mnd": "Thuiszitter langer dan 3 maanden",
            "langdurig_afwezig": "Langdurig afwezig (dreigend thuiszitter)",
            "mazl": "M@zl: zorgwekkend ziekteverzuim",
            "luxe_verzuim": "Mogelijk luxe verzuim",
            "absoluut_verzuim": "Absoluut verzuim",
        }[self.value]


# The signals from most to least urgent: the order of Vandaag, the student list and its filter; and the
# short name the student list and Vandaag show.
SIGNAAL_VOLGORDE = (
    SignaalSoort.MELDPLICHT_16U,
    SignaalSoort.THUISZITTER_3MND,
    SignaalSoort.THUISZITTER,
    SignaalSoort.ABSOLUUT_VERZUIM,
    SignaalSoort.MAZL,
    SignaalSoort.LANGDURIG_AFWEZIG,
    SignaalSoort.LUXE_VERZUIM,
)
SIGNAAL_KORT = {
    SignaalSoort.MELDPLICHT_16U: "16 uur",
    SignaalSoort.THUISZITTER_3MND: "Thuiszitter >3 mnd",
    SignaalSoort.THUISZITTER: "Thuiszitter",
    SignaalSoort.ABSOLUUT_VERZUIM: "Absoluut verzuim",
    SignaalSoort.MAZL: "M@zl",
    SignaalSoort.LANGDURIG_AFWEZIG: "Langdurig afwezig",
    SignaalSoort.LUXE_VERZUIM: "Luxe verzuim?",
}
