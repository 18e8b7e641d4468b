"""Reminders as one pure function: the 7-day window with its boundaries, meldplicht deadlines, the yearly
renewal of a 5a vrijstelling before 1 July, and the order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from thuiszit_desktop.domain.herinneringen import (
    Herinnering,
    HerinneringSoort,
    Termijn,
    herinneringen,
    verlengdatum_5a,
)
from thuiszit_desktop.domain.leerling import Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.signalen import Signaal, SignaalSoort

VANDAAG = date(2026, 11, 23)
H = HerinneringSoort
A5 = VrijstellingType.ART_5A


def dag(n: int) -> date:
    return VANDAAG + timedelta(days=n)


# --- termijnen: actiepunten, evaluaties, nazorg ---------------------------------------------------

@pytest.mark.parametrize("soort", [H.ACTIEPUNT, H.EVALUATIE, H.NAZORG])
@pytest.mark.parametrize("over, getoond, te_laat, wanneer", [
    (-30, True, True, "te laat, was uiterlijk 24-10-2026"),
    (-1, True, True, "te laat, was uiterlijk 22-11-2026"),
    (0, True, False, "vandaag"),  # due today: shown, not yet late
    (1, True, False, "uiterlijk 24-11-2026"),
    (7, True, False, "uiterlijk 30-11-2026"),  # the last day of the window
    (8, False, None, None),  # just outside it
    (60, False, None, None),
])
def test_the_window_of_seven_days(soort, over, getoond, te_laat, wanneer):
    t = Termijn(soort, dag(over), "1001", "Gesprek met jeugdarts plannen", "Anna de Vries", "actiepunt:1")
    uit = herinneringen(VANDAAG, [t])
    if not getoond:
        assert uit == []
        return
    [h] = uit
    assert (h.datum, h.soort, h.leerlingnummer, h.te_laat, h.referentie) == (
        dag(over), soort, "1001", te_laat, "actiepunt:1")
    assert h.tekst == f"{soort.label}: Gesprek met jeugdarts plannen (Anna de Vries) – {wanneer}"


def test_the_window_can_be_widened():
    t = Termijn(H.ACTIEPUNT, dag(8), "1001", "Verslag MDO rondsturen")
    assert herinneringen(VANDAAG, [t]) == []
    assert len(herinneringen(VANDAAG, [t], vooruit=timedelta(days=14))) == 1


# --- meldplicht -----------------------------------------------------------------------------------

def meldplicht(nr: str, uiterlijk: date) -> Signaal:
    return Signaal(nr, SignaalSoort.MELDPLICHT_16U, date(2026, 11, 9), uiterlijk - timedelta(days=7), uiterlijk)


@pytest.mark.parametrize("uiterlijk, te_laat, woorden", [
    (dag(-1), True, "had gemeld moeten zijn op 22-11-2026"),
    (dag(0), False, "uiterlijk 23-11-2026"),
    (dag(9), False, "uiterlijk 02-12-2026"),  # a legal deadline is always shown, even beyond 7 days
])
def test_meldplicht_deadlines(uiterlijk, te_laat, woorden):
    [h] = herinneringen(VANDAAG, signalen=[meldplicht("1002", uiterlijk)])
    assert (h.datum, h.soort, h.leerlingnummer, h.te_laat) == (uiterlijk, H.MELDPLICHT, "1002", te_laat)
    assert h.tekst.startswith("Melden bij DUO (16 uur ongeoorloofd verzuim sinds 09-11-2026)")
    assert woorden in h.tekst
    assert h.referentie.startswith("signaal:meldplicht_16u:")


def test_other_signals_are_no_reminder():
    s = Signaal("1003", SignaalSoort.THUISZITTER, date(2026, 9, 1), date(2026, 10, 1))
    assert herinneringen(VANDAAG, signalen=[s]) == []


# --- vrijstelling 5a: renew yearly before 1 July --------------------------------------------------

DIT_JAAR = Vrijstelling(A5, date(2026, 8, 24))  # started in school year 2026-2027, no end date


@pytest.mark.parametrize("vandaag, getoond, te_laat", [
    (date(2026, 11, 23), False, None),
    (date(2027, 4, 29), False, None),  # more than 61 days before 30 June
    (date(2027, 4, 30), True, False),  # from about 1 May
    (date(2027, 6, 30), True, False),  # the last day before 1 July
    (date(2027, 7, 1), True, True),
    (date(2027, 8, 5), True, True),  # a new school year does not make it go away
])
def test_an_active_5a_without_renewal(vandaag, getoond, te_laat):
    uit = herinneringen(vandaag, vrijstellingen={"1004": [DIT_JAAR]})
    if not getoond:
        assert uit == []
        return
    [h] = uit
    assert (h.datum, h.soort, h.leerlingnummer, h.te_laat) == (date(2027, 6, 30), H.VRIJSTELLING_5A, "1004", te_laat)
    assert "Vrijstelling 5a verlengen vóór 1 juli 2027" in h.tekst


@pytest.mark.parametrize("vrijstellingen", [
    # renewed: a new statement that covers the coming school year
    [DIT_JAAR, Vrijstelling(A5, date(2027, 8, 1), date(2028, 7, 31))],
    [Vrijstelling(A5, date(2026, 8, 24), date(2027, 7, 31)), Vrijstelling(A5, date(2027, 6, 20))],
    # no longer active today
    [Vrijstelling(A5, date(2026, 8, 24), date(2027, 5, 31))],
    # another kind of vrijstelling needs no yearly renewal
    [Vrijstelling(VrijstellingType.ART_5B, date(2026, 8, 24))],
    [],
])
def test_no_reminder_when_renewed_ended_or_not_5a(vrijstellingen):
    assert herinneringen(date(2027, 6, 15), vrijstellingen={"1004": vrijstellingen}) == []


def test_the_renewal_itself_comes_up_a_year_later():
    vernieuwd = Vrijstelling(A5, date(2027, 8, 1), date(2028, 7, 31))
    assert herinneringen(date(2027, 6, 15), vrijstellingen={"1004": [DIT_JAAR, vernieuwd]}) == []
    [h] = herinneringen(date(2028, 6, 1), vrijstellingen={"1004": [DIT_JAAR, vernieuwd]})
    assert h.datum == date(2028, 6, 30) and not h.te_laat


@pytest.mark.parametrize("van, uiterlijk", [
    (date(2026, 8, 1), date(2027, 6, 30)),
    (date(2027, 3, 15), date(2027, 6, 30)),  # started mid-year: still due before 1 July of that year
    (date(2027, 4, 30), date(2027, 6, 30)),
    (date(2027, 5, 1), date(2028, 6, 30)),  # started in the renewal window: it is the renewal
    (date(2027, 7, 31), date(2028, 6, 30)),
    (date(2027, 8, 1), date(2028, 6, 30)),
])
def test_the_renewal_date_is_30_june_of_the_school_year_it_started_in(van, uiterlijk):
    assert verlengdatum_5a(van) == uiterlijk


def test_a_renewal_recorded_in_june_is_not_itself_due_at_once():
    oud = Vrijstelling(A5, date(2026, 8, 24), date(2027, 7, 31))
    nieuw = Vrijstelling(A5, date(2027, 6, 20), date(2028, 7, 31))
    assert herinneringen(date(2027, 6, 25), vrijstellingen={"1004": [oud, nieuw]}) == []
    assert herinneringen(date(2027, 7, 5), vrijstellingen={"1004": [oud, nieuw]}) == []


# --- everything together --------------------------------------------------------------------------

def test_sorted_by_date_then_kind_then_student():
    termijnen = [
        Termijn(H.NAZORG, dag(3), "1001", "Nazorg na 6 weken"),
        Termijn(H.ACTIEPUNT, dag(3), "1002", "Rooster aanpassen", "Bram Visser"),
        Termijn(H.ACTIEPUNT, dag(3), "1001", "Jeugdarts bellen", "Anna de Vries"),
        Termijn(H.EVALUATIE, dag(-2), "1003", "traject evalueren"),
    ]
    uit = herinneringen(VANDAAG, termijnen, [meldplicht("1004", dag(3))])
    assert [(h.datum, h.soort, h.leerlingnummer) for h in uit] == [
        (dag(-2), H.EVALUATIE, "1003"),
        (dag(3), H.MELDPLICHT, "1004"),
        (dag(3), H.ACTIEPUNT, "1001"),
        (dag(3), H.ACTIEPUNT, "1002"),
        (dag(3), H.NAZORG, "1001"),
    ]
    assert all(isinstance(h, Herinnering) for h in uit)
    assert [h.te_laat for h in uit] == [True, False, False, False, False]
