"""Whether a signal is handled – gemeld, in a traject, besproken (domain/afhandeling.py)."""

from datetime import date

import pytest

from thuiszit_desktop.domain.afhandeling import TrajectStand, afhandeling
from thuiszit_desktop.domain.signalen import Signaal, SignaalSoort
from thuiszit_desktop.domain.verzuim import MeldingSoort, Verzuimmelding

D = date.fromisoformat
S = SignaalSoort
THUIS = Signaal("1001", S.THUISZITTER, D("2026-10-12"), D("2026-11-09"))
THUIS_3 = Signaal("1001", S.THUISZITTER_3MND, D("2026-08-31"), D("2026-12-01"))
MELD = Signaal("1001", S.MELDPLICHT_16U, D("2026-11-02"), D("2026-11-05"), D("2026-11-12"))
LUXE = Signaal("1001", S.LUXE_VERZUIM, D("2026-10-16"), D("2026-10-16"))
LRV = MeldingSoort.LRV


def melding(soort, datum, eind):
    return Verzuimmelding(D(datum), D(eind), soort)


TRAJECT = TrajectStand(4, 2, D("2026-11-10"))
VANUIT = TrajectStand(4, 1, D("2026-11-23"), S.THUISZITTER, D("2026-11-09"))


@pytest.mark.parametrize(("signaal", "kw", "delen", "afgehandeld"), [
    pytest.param(THUIS, {}, [], False, id="nothing-done"),
    pytest.param(THUIS, {"meldingen": [melding(LRV, "2026-11-16", "2026-11-13")]}, ["gemeld 16-11"], True,
                 id="lrv-melding-about-this-verzuim"),
    pytest.param(THUIS, {"meldingen": [melding(LRV, "2026-10-05", "2026-10-02")]}, [], False,
                 id="melding-about-verzuim-before-this-signal"),
    pytest.param(THUIS, {"meldingen": [melding(MeldingSoort.ZESTIEN_UUR, "2026-11-16", "2026-11-13")]}, [], False,
                 id="a-16-uur-melding-is-not-the-lrv-melding"),
    pytest.param(THUIS, {"traject": TRAJECT}, ["traject stap 2"], True, id="in-a-traject"),
    pytest.param(THUIS, {"besproken": D("2026-11-20")}, ["besproken 20-11"], True, id="besproken"),
    pytest.param(THUIS, {"mdos": [D("2026-10-01"), D("2026-11-19")]}, ["besproken in MDO 19-11"], True,
                 id="mdo-since-the-signal"),
    pytest.param(THUIS, {"mdos": [D("2026-10-01")]}, [], False, id="mdo-before-the-signal"),
    pytest.param(THUIS, {"traject": TRAJECT, "meldingen": [melding(LRV, "2026-11-16", "2026-11-13")],
                         "besproken": D("2026-11-20"), "mdos": [D("2026-11-19")]},
                 ["gemeld 16-11", "traject stap 2", "besproken 20-11"], True, id="everything"),
    pytest.param(MELD, {"traject": TRAJECT, "besproken": D("2026-11-20")}, ["traject stap 2", "besproken 20-11"],
                 False, id="a-meldplicht-is-handled-only-by-the-melding"),
    pytest.param(LUXE, {"meldingen": [melding(MeldingSoort.LUXE_VERZUIM, "2026-10-26", "2026-10-16")]},
                 ["gemeld 26-10"], True, id="luxe-verzuim-gemeld"),
    pytest.param(THUIS_3, {"meldingen": [melding(LRV, "2026-10-01", "2026-09-30")]}, ["gemeld 01-10"], True,
                 id="thuiszitter-3-months-by-the-lrv-melding"),
])
def test_afhandeling(signaal, kw, delen, afgehandeld):
    a = afhandeling(signaal, **kw)
    assert a.delen() == delen
    assert a.afgehandeld is afgehandeld
    assert bool(a.zin()) == bool(delen)


@pytest.mark.parametrize(("signaal", "traject", "vanuit"), [
    (THUIS, VANUIT, True),
    (THUIS_3, VANUIT, True),  # the thuiszitter grew older than 3 months: the same episode
    (THUIS, TrajectStand(4, 1, D("2026-11-23"), S.THUISZITTER, D("2026-03-02")), False),  # an earlier episode
    (THUIS, TrajectStand(4, 1, D("2026-11-23"), S.MELDPLICHT_16U, D("2026-11-05")), False),
    (THUIS, TRAJECT, False),  # opened by hand
])
def test_a_traject_opened_from_the_signal_is_linked(signaal, traject, vanuit):
    a = afhandeling(signaal, traject=traject)
    assert a.vanuit_signaal is vanuit
    assert ("vanuit dit signaal" in a.zin()) is vanuit
    assert a.traject == traject and a.afgehandeld
