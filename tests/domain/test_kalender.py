"""The school calendar against the real 2026-2027 data (region midden unless stated).

Midden 2026-2027: herfst 17-10..25-10-2026, kerst 19-12-2026..03-01-2027, voorjaar 20-02..28-02-2027,
mei 24-04..02-05-2027, zomer from 17-07-2027. Easter 2027 is 28 March.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.kalender import (
    SchoolCalendar,
    Vakantie,
    apply_aanpassingen,
    feestdagen,
    pasen,
    vakanties_from_data,
)
from thuiszit_desktop.domain.school import Regio

DATA = Path(__file__).parents[2] / "resources/data/schoolvakanties.json"
D = date.fromisoformat


@pytest.fixture(scope="module")
def data():
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cal(data):
    return SchoolCalendar(vakanties_from_data(data, Regio.MIDDEN), {D("2026-11-11"): "Studiedag"})


# --- data ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("regio", "schooljaar", "soort", "van", "tot", "verplicht"), [
    (Regio.MIDDEN, "2026-2027", "herfstvakantie", "2026-10-17", "2026-10-25", False),
    (Regio.NOORD, "2026-2027", "herfstvakantie", "2026-10-10", "2026-10-18", False),
    (Regio.ZUID, "2026-2027", "voorjaarsvakantie", "2027-02-13", "2027-02-21", False),
    (Regio.MIDDEN, "2026-2027", "kerstvakantie", "2026-12-19", "2027-01-03", True),
    (Regio.MIDDEN, "2026-2027", "zomervakantie", "2027-07-17", "2027-08-29", True),
    (Regio.ZUID, "2029-2030", "zomervakantie", "2030-07-06", "2030-08-18", True),  # extra_schoolyears
])
def test_vakanties_from_data(data, regio, schooljaar, soort, van, tot, verplicht):
    vakanties = vakanties_from_data(data, regio)
    assert Vakantie(soort, D(van), D(tot), verplicht, schooljaar) in vakanties


def test_vakanties_from_data_all_years_sorted(data):
    vakanties = vakanties_from_data(data, Regio.MIDDEN)
    assert len(vakanties) == 6 * 5  # 2024-2025 .. 2029-2030, five vacations each
    assert vakanties == sorted(vakanties, key=lambda v: v.van)
    # the optional second meivakantie week is advice, not a vacation
    assert Vakantie("meivakantie", D("2026-04-25"), D("2026-05-03"), True, "2025-2026") in vakanties


def test_apply_aanpassingen_moves_herfst(data):
    vakanties = apply_aanpassingen(vakanties_from_data(data, Regio.MIDDEN),
                                   {("2026-2027", "herfstvakantie"): (D("2026-10-10"), D("2026-10-18"))})
    cal = SchoolCalendar(vakanties, {})
    assert not cal.is_lesdag(D("2026-10-12"))
    assert cal.is_lesdag(D("2026-10-19"))
    assert cal.lesweek(D("2026-10-09")) + 1 == cal.lesweek(D("2026-10-19"))


@pytest.mark.parametrize(("sleutel", "veld"), [
    (("2026-2027", "kerstvakantie"), "2026-2027 kerstvakantie"),  # verplicht: cannot move
    (("2026-2027", "voorjaarsvakantie"), "2026-2027 voorjaarsvakantie"),  # tot before van
])
def test_apply_aanpassingen_refuses(data, sleutel, veld):
    van, tot = (D("2026-12-12"), D("2026-12-20")) if sleutel[1] == "kerstvakantie" else \
        (D("2027-02-28"), D("2027-02-20"))
    with pytest.raises(InvoerFout) as e:
        apply_aanpassingen(vakanties_from_data(data, Regio.MIDDEN), {sleutel: (van, tot)})
    assert veld in e.value.fouten


def test_apply_aanpassingen_ignores_unknown_year(data):
    vakanties = vakanties_from_data(data, Regio.MIDDEN)
    assert apply_aanpassingen(vakanties, {("2040-2041", "herfstvakantie"): (D("2040-10-13"),
                                                                             D("2040-10-21"))}) == vakanties


# --- public holidays ----------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "easter"), [
    (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
    (2028, "2028-04-16"), (2029, "2029-04-01"), (2038, "2038-04-25"), (2285, "2285-03-22"),
    (2000, "2000-04-23"), (1818, "1818-03-22"),
])
def test_pasen(year, easter):
    assert pasen(year) == D(easter)


def test_feestdagen_2027():
    assert feestdagen(2027) == {
        D("2027-01-01"): "Nieuwjaarsdag",
        D("2027-03-28"): "Eerste Paasdag",
        D("2027-03-29"): "Tweede Paasdag",
        D("2027-04-27"): "Koningsdag",
        D("2027-05-05"): "Bevrijdingsdag",
        D("2027-05-06"): "Hemelvaartsdag",
        D("2027-05-16"): "Eerste Pinksterdag",
        D("2027-05-17"): "Tweede Pinksterdag",
        D("2027-12-25"): "Eerste Kerstdag",
        D("2027-12-26"): "Tweede Kerstdag",
    }


@pytest.mark.parametrize(("year", "koningsdag"), [
    (2025, "2025-04-26"),  # 27 April 2025 is a Sunday
    (2026, "2026-04-27"),
    (2031, "2031-04-26"),  # Sunday again
    (2032, "2032-04-27"),
])
def test_koningsdag(year, koningsdag):
    dagen = feestdagen(year)
    assert dagen[D(koningsdag)] == "Koningsdag"
    assert [d for d, naam in dagen.items() if naam == "Koningsdag"] == [D(koningsdag)]


def test_feestdagen_goede_vrijdag_is_no_holiday_and_collisions_keep_both_names():
    assert D("2027-03-26") not in feestdagen(2027)
    assert feestdagen(2016)[D("2016-05-05")] == "Bevrijdingsdag en Hemelvaartsdag"


# --- single days --------------------------------------------------------------------------------

@pytest.mark.parametrize(("dag", "lesdag", "werkdag"), [
    ("2026-08-28", False, True),  # zomervakantie 2025-2026 (midden, until 30-08)
    ("2026-08-31", True, True),  # first lesdag of 2026-2027
    ("2026-10-16", True, True),  # Friday before the herfstvakantie
    ("2026-10-17", False, False),  # Saturday, herfstvakantie
    ("2026-10-19", False, True),  # Monday in the herfstvakantie: a werkdag
    ("2026-10-26", True, True),
    ("2026-11-11", False, True),  # studiedag (vrije dag) is a werkdag
    ("2026-12-25", False, False),  # Eerste Kerstdag (Friday)
    ("2027-01-01", False, False),
    ("2027-01-04", True, True),
    ("2027-03-26", True, True),  # Goede Vrijdag is no public holiday
    ("2027-03-29", False, False),  # Tweede Paasdag
    ("2027-04-27", False, False),  # Koningsdag, inside the meivakantie
    ("2027-05-05", False, False),  # Bevrijdingsdag
    ("2027-05-06", False, False),  # Hemelvaartsdag
    ("2027-05-07", True, True),
    ("2027-05-17", False, False),  # Tweede Pinksterdag
    ("2027-07-16", True, True),
    ("2027-07-19", False, True),  # zomervakantie 2027
])
def test_lesdag_and_werkdag(cal, dag, lesdag, werkdag):
    assert cal.is_lesdag(D(dag)) is lesdag
    assert cal.is_werkdag(D(dag)) is werkdag


@pytest.mark.parametrize(("dag", "n", "expected"), [
    ("2026-10-08", 5, "2026-10-15"),  # plain week
    ("2026-10-14", 5, "2026-10-21"),  # into the herfstvakantie: vacation days are werkdagen
    ("2026-12-22", 5, "2026-12-30"),  # over Eerste Kerstdag (Fri 25-12)
    ("2027-03-25", 5, "2027-04-02"),  # over Tweede Paasdag
    ("2027-05-03", 5, "2027-05-12"),  # over Bevrijdingsdag and Hemelvaartsdag
    ("2027-05-07", 1, "2027-05-10"),  # over a weekend
    ("2026-11-10", 1, "2026-11-11"),  # a studiedag is a werkdag
])
def test_werkdag_na(cal, dag, n, expected):
    assert cal.werkdag_na(D(dag), n) == D(expected)


@pytest.mark.parametrize(("dag", "soort", "omschrijving"), [
    ("2026-12-23", "vakantie", "Kerstvakantie"),
    ("2026-10-17", "vakantie", "Herfstvakantie"),  # the Saturday that starts it
    ("2026-12-25", "feestdag", "Eerste Kerstdag"),
    ("2027-03-29", "feestdag", "Tweede Paasdag"),
    ("2027-03-28", "feestdag", "Eerste Paasdag"),  # a Sunday
    ("2026-11-11", "vrije_dag", "Studiedag"),
    ("2026-09-05", "weekend", "Weekend"),
    ("2026-09-07", "lesdag", "Lesdag"),
])
def test_dagsoort(cal, dag, soort, omschrijving):
    assert cal.dagsoort(D(dag)) == soort
    assert cal.omschrijving(D(dag)) == omschrijving


# --- ranges -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("van", "tot", "aantal"), [
    ("2026-10-12", "2026-10-30", 10),  # the herfstvakantie week is skipped
    ("2026-11-09", "2026-11-13", 4),  # studiedag 11-11
    ("2026-12-14", "2027-01-08", 10),  # kerstvakantie
    ("2027-05-03", "2027-05-07", 3),  # Bevrijdingsdag and Hemelvaartsdag
    ("2026-08-01", "2027-07-31", 200),  # 41 lesweken × 5, minus 4 holidays and 1 studiedag
    ("2026-10-17", "2026-10-25", 0),
    ("2026-10-16", "2026-10-15", 0),
])
def test_lesdagen(cal, van, tot, aantal):
    dagen = cal.lesdagen(D(van), D(tot))
    assert len(dagen) == aantal
    assert all(cal.is_lesdag(d) for d in dagen)
    assert dagen == sorted(dagen)


def test_lesdagen_edges(cal):
    assert cal.lesdagen(D("2026-10-16"), D("2026-10-26")) == [D("2026-10-16"), D("2026-10-26")]


@pytest.mark.parametrize(("voor", "na"), [
    ("2026-10-16", "2026-10-26"),  # herfstvakantie skipped
    ("2026-12-18", "2027-01-04"),  # kerstvakantie (two weeks) skipped
    ("2027-02-19", "2027-03-01"),
    ("2027-04-23", "2027-05-03"),
    ("2026-07-17", "2026-08-31"),  # over the summer, into the next school year
    ("2026-09-11", "2026-09-14"),  # a plain weekend
])
def test_consecutive_lesweken(cal, voor, na):
    assert cal.lesweek(D(na)) == cal.lesweek(D(voor)) + 1


def test_lesweek_whole_week_and_vacation_week(cal):
    assert cal.lesweek(D("2026-10-12")) == cal.lesweek(D("2026-10-17")) == cal.lesweek(D("2026-10-18"))
    with pytest.raises(ValueError):
        cal.lesweek(D("2026-10-21"))
    # the meivakantie week has no lesdag either (Koningsdag falls in it)
    with pytest.raises(ValueError):
        cal.lesweek(D("2027-04-28"))


def test_lesweek_numbers_do_not_depend_on_what_was_asked_first(data):
    vakanties = vakanties_from_data(data, Regio.MIDDEN)
    eerst = SchoolCalendar(vakanties, {})
    nummers = [eerst.lesweek(D(d)) for d in ("2024-09-02", "2026-09-07", "2029-06-04")]
    later = SchoolCalendar(vakanties, {})
    later.lesweek(D("2035-03-05"))  # grows the table forward …
    later.lesdagen(D("2012-01-02"), D("2012-01-31"))  # … and backward, past the data
    assert [later.lesweek(D(d)) for d in ("2024-09-02", "2026-09-07", "2029-06-04")] == nummers
    # lesweek 1 is the week of 1 August of the first school year in the data (2024-2025): its August
    # counts as lesdagen because the data lacks the zomervakantie of 2023-2024 …
    assert eerst.lesweek(D("2024-08-01")) == 1


def test_first_school_year_in_data_is_not_covered_without_its_summer(cal):
    # … which is why that school year does not count as covered.
    assert cal.is_lesdag(D("2024-08-05"))
    assert not cal.covers_schooljaar(2024)
    assert not cal.is_lesdag(D("2025-08-04")) and cal.covers_schooljaar(2025)


@pytest.mark.parametrize(("start_year", "covered"), [
    (2023, False), (2024, False), (2025, True), (2026, True), (2028, True), (2029, True), (2030, False),
])
def test_covers_schooljaar(cal, start_year, covered):
    assert cal.covers_schooljaar(start_year) is covered


def test_vakanties_in_schooljaar(cal):
    assert [v.soort for v in cal.vakanties_in_schooljaar(2026)] == [
        "herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie", "zomervakantie"]
    assert cal.vakanties_in_schooljaar(2031) == []


def test_year_without_data_still_has_lesdagen(cal):
    # 2031-2032 is not in the data: Monday–Friday minus public holidays, and the UI warns.
    assert not cal.covers_schooljaar(2031)
    assert cal.is_lesdag(D("2031-10-20"))
    assert len(cal.lesdagen(D("2031-12-22"), D("2031-12-28"))) == 3  # 25 and 26 December
