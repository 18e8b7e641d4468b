"""The help texts: every signal has its rule, every step its uitleg with the source, every screen its F1."""

from __future__ import annotations

from datetime import date

from thuiszit_desktop.domain.signalen import Signaal, SignaalSoort
from thuiszit_desktop.domain.traject import Stap
from thuiszit_desktop.domain.uitleg import (
    BRON,
    SCHERM_UITLEG,
    SIGNAAL_REGELS,
    scherm_uitleg,
    signaal_tooltip,
    stap_uitleg,
)


def test_every_signal_has_a_rule_with_its_numbers():
    assert set(SIGNAAL_REGELS) == set(SignaalSoort)
    assert "16 uur" in SIGNAAL_REGELS[SignaalSoort.MELDPLICHT_16U] and "4 lesweken" in SIGNAAL_REGELS[
        SignaalSoort.MELDPLICHT_16U]
    assert "20 lesdagen" in SIGNAAL_REGELS[SignaalSoort.THUISZITTER]
    assert "3 maanden" in SIGNAAL_REGELS[SignaalSoort.THUISZITTER_3MND]
    assert "7 lesdagen" in SIGNAAL_REGELS[SignaalSoort.MAZL] and "12 lesweken" in SIGNAAL_REGELS[SignaalSoort.MAZL]


def test_tooltip_has_rule_and_the_numbers_that_made_it_fire():
    s = Signaal("1001", SignaalSoort.MELDPLICHT_16U, date(2026, 11, 2), date(2026, 11, 20), date(2026, 11, 27),
                "18 uur ongeoorloofd verzuim tussen 02-11 en 20-11")
    assert signaal_tooltip(s) == (
        "Meldplicht: 16 uur ongeoorloofd verzuim\n"
        "Regel: 16 uur of meer ongeoorloofd verzuim binnen 4 lesweken achter elkaar. De school meldt dit binnen "
        "5 werkdagen bij DUO.\n"
        "Hier: 18 uur ongeoorloofd verzuim tussen 02-11 en 20-11.")


def test_every_step_has_an_uitleg_that_names_its_source():
    for stap in Stap:
        u = stap_uitleg(stap)
        assert u.kern and u.punten
        assert u.tekst.endswith(BRON)
    assert "Nederlands Jeugdinstituut en Ingrado" in BRON and "Van thuis weer naar school" in BRON
    assert "mentor" in stap_uitleg(2).kern


def test_every_screen_has_an_uitleg():
    for titel in ("Vandaag", "Leerlingen", "Trajecten", "Schoolkalender"):
        assert scherm_uitleg(titel) == SCHERM_UITLEG[titel]
    assert "versleuteld" in scherm_uitleg("Onbekend scherm")
