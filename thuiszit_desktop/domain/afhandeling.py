"""Whether a signal is already being handled: gemeld bij DUO, in a traject, or besproken.

Vandaag and the student list show this per signal, and can hide the handled ones. A meldplicht is the
exception: it asks for one thing, the melding, and that makes it go away (SIGNALEN.md rule 1); a traject or
a bespreking does not make the legal deadline go away, so a meldplicht never counts as handled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import formaat
from .signalen import Signaal, SignaalSoort
from .verzuim import MeldingSoort, Verzuimmelding

# The DUO melding that answers a signal (the other signals have none).
MELDING_VOOR: dict[SignaalSoort, MeldingSoort] = {
    SignaalSoort.MELDPLICHT_16U: MeldingSoort.ZESTIEN_UUR,
    SignaalSoort.THUISZITTER: MeldingSoort.LRV,
    SignaalSoort.THUISZITTER_3MND: MeldingSoort.LRV,
    SignaalSoort.LUXE_VERZUIM: MeldingSoort.LUXE_VERZUIM,
}

# A thuiszitter of more than 3 months is the same episode as the thuiszitter signal of it.
_FAMILIE = {SignaalSoort.THUISZITTER_3MND: SignaalSoort.THUISZITTER}


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class TrajectStand:
    """A student's open traject, as far as a signal needs it."""

    id: int
    stap: int  # 1..5
    geopend: date
    signaal: SignaalSoort | None = None  # opened from this signal …
    signaal_datum: date | None = None  # … of this date


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class Afhandeling:
    """What has been done about one signal. `afgehandeld`: Vandaag may hide it."""

    gemeld: date | None = None  # the day a DUO melding about this verzuim was sent
    traject: TrajectStand | None = None  # the student's open traject
    vanuit_signaal: bool = False  # that traject was opened from this signal
    besproken: date | None = None  # marked "besproken" (Vandaag, the student's page)
    mdo: date | None = None  # discussed in an MDO (with a verslag or besluiten) since the signal arose
    afgehandeld: bool = False

    @property
    def iets(self) -> bool:
        return bool(self.gemeld or self.traject or self.besproken or self.mdo)

    def delen(self) -> list[str]:
        """Short phrases, in the order of the work: "gemeld 09-11", "traject stap 2", "besproken in MDO 12-11"."""
        uit = []
        if self.gemeld:
            uit.append(f"gemeld {formaat.korte_datum(self.gemeld)}")
        if self.traject:
            uit.append(f"traject stap {self.traject.stap}")
        if self.mdo and (self.besproken is None or self.mdo >= self.besproken):
            uit.append(f"besproken in MDO {formaat.korte_datum(self.mdo)}")
        elif self.besproken:
            uit.append(f"besproken {formaat.korte_datum(self.besproken)}")
        return uit

    def zin(self) -> str:
        """One sentence for a tooltip or a screen reader ("" when nothing was done yet)."""
        delen = []
        if self.gemeld:
            delen.append(f"gemeld bij DUO op {formaat.datum(self.gemeld)}")
        if self.traject:
            vanuit = "vanuit dit signaal " if self.vanuit_signaal else ""
            delen.append(f"traject {vanuit}geopend op {formaat.datum(self.traject.geopend)}, nu in stap {self.traject.stap}")
        if self.mdo:
            delen.append(f"besproken in het MDO van {formaat.datum(self.mdo)}")
        if self.besproken:
            delen.append(f"als besproken gemarkeerd op {formaat.datum(self.besproken)}")
        if not delen:
            return ""
        tekst = "; ".join(delen)
        return tekst[:1].upper() + tekst[1:] + "."


def _zelfde(a: SignaalSoort, b: SignaalSoort) -> bool:
    return _FAMILIE.get(a, a) == _FAMILIE.get(b, b)


def afhandeling(signaal: Signaal, *, meldingen: Iterable[Verzuimmelding] = (), traject: TrajectStand | None = None,
                besproken: date | None = None, mdos: Iterable[date] = ()) -> Afhandeling:
    """What was done about `signaal`.

    - gemeld: the latest melding of the kind the signal asks for (MELDING_VOOR) whose einddatum lies on or
      after the signal's `sinds`, i.e. that reports (part of) the verzuim the signal is about;
    - traject: the student's open traject; `vanuit_signaal` when it was opened from this signal (the same
      soort – a thuiszitter and its "> 3 maanden" are one – with a signal date on or after `sinds`);
    - besproken: the date it was marked besproken; mdo: the latest MDO held since `sinds` (the dates given).
    Handled (may be hidden): any of these – except a meldplicht, which only a melding answers.
    """
    soort = MELDING_VOOR.get(signaal.soort)
    gemeld = max((m.datum for m in meldingen if soort is not None and m.soort == soort
                  and m.einddatum >= signaal.sinds), default=None)
    vanuit = bool(traject and traject.signaal and _zelfde(traject.signaal, signaal.soort)
                  and traject.signaal_datum is not None and traject.signaal_datum >= signaal.sinds)
    mdo = max((d for d in mdos if d >= signaal.sinds), default=None)
    if signaal.soort is SignaalSoort.MELDPLICHT_16U:
        afgehandeld = gemeld is not None
    else:
        afgehandeld = bool(gemeld or traject or besproken or mdo)
    if not (gemeld or traject or besproken or mdo):
        return _NIETS  # (most signals: one shared value instead of one each)
    return Afhandeling(gemeld, traject, vanuit, besproken, mdo, afgehandeld)


_NIETS = Afhandeling()


__all__ = ["MELDING_VOOR", "Afhandeling", "TrajectStand", "afhandeling"]
