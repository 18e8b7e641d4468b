"""Dutch formatting, one module for the whole program (domain/formaat.py)."""

from datetime import date, datetime

import pytest

from thuiszit_desktop.domain import formaat
from thuiszit_desktop.domain.leerling import Leerling


def test_datum_is_dd_mm_jjjj():
    assert formaat.datum(date(2026, 3, 1)) == "01-03-2026"
    assert formaat.datum(datetime(2026, 11, 12, 14, 5)) == "12-11-2026"
    assert formaat.datum(None) == "" and formaat.datum(None, "–") == "–"


def test_datum_is_what_strftime_gives():
    for d in (date(2000, 1, 1), date(2026, 12, 31), date(2099, 7, 9)):
        assert formaat.datum(d) == f"{d:%d-%m-%Y}"


def test_tijdstip():
    assert formaat.tijdstip(datetime(2026, 11, 12, 9, 5, 59)) == "12-11-2026 09:05"
    assert formaat.tijdstip(datetime(2026, 11, 12, 9, 5, 7), seconden=True) == "12-11-2026 09:05:07"


def test_short_date_and_time_are_what_strftime_gives():
    for moment in (datetime(2026, 1, 2, 0, 0), datetime(2026, 11, 12, 9, 5), datetime(2027, 12, 31, 23, 59, 58)):
        assert formaat.korte_datum(moment) == f"{moment:%d-%m}" == formaat.korte_datum(moment.date())
        assert formaat.tijd(moment) == f"{moment:%H:%M}" == formaat.tijd(moment.time())
        assert formaat.tijdstip(moment, seconden=True) == f"{moment:%d-%m-%Y %H:%M:%S}"


def test_long_dates_and_months():
    assert formaat.lange_datum(date(2027, 3, 1)) == "1 maart 2027"
    assert formaat.lange_datum(date(2027, 3, 1), dag=True) == "maandag 1 maart 2027"
    assert formaat.lange_datum(None) == ""
    assert formaat.dag_maand(date(2026, 10, 1)) == "1 oktober"
    assert formaat.maand(date(2025, 12, 1)) == "december 2025" and formaat.maand(None) == ""
    assert len(formaat.MAANDEN) == 12 and len(formaat.DAGEN) == 7


@pytest.mark.parametrize(("uren", "tekst"), [(40, "40"), (2.5, "2,5"), (1.25, "1,25"), (0.1 + 0.2, "0,3"), (0, "0")])
def test_uren(uren, tekst):
    assert formaat.uren(uren) == tekst


def test_naam_leaves_out_empty_parts_and_is_what_a_leerling_shows():
    assert formaat.naam("Eva", "de", "Jong") == "Eva de Jong"
    assert formaat.naam("", None, "Jong") == "Jong"
    leerling = Leerling("900001", "Jong", date(2012, 3, 14), date(2024, 8, 1), voornaam="Eva", tussenvoegsel="de")
    assert leerling.naam == "Eva de Jong"


def test_leeftijd_turns_on_the_birthday():
    assert formaat.leeftijd(date(2012, 3, 31), date(2026, 3, 31)) == 14
    assert formaat.leeftijd(date(2012, 4, 1), date(2026, 3, 31)) == 13
    assert formaat.leeftijd(date(2012, 2, 29), date(2026, 2, 28)) == 13
