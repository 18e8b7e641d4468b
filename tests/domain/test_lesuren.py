"""Lesuurtijden and periods of absence → hours per lesdag (domain/lesuren.py); leerlingnummers as one spelling."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.leerling import normaliseer_leerlingnummer
from thuiszit_desktop.domain.lesuren import (
    STANDAARD_LESUURTIJDEN,
    Lesuur,
    lesuurtijden,
    naar_json,
    uit_json,
    uren_per_lesdag,
)

# Week 38 of 2026: Monday 14 September … Sunday 20 September; the next Monday is 21 September.
MA, DI, WO, DO, VR, ZA, ZO = (date(2026, 9, 14) + timedelta(days=i) for i in range(7))
MA2 = date(2026, 9, 21)
HERFST = {date(2026, 10, 19) + timedelta(days=i) for i in range(5)}  # a vacation week (Monday–Friday)


def lesdag(d: date) -> bool:
    return d.weekday() < 5 and d not in HERFST


def t(d: date, hhmm: str) -> datetime:
    return datetime.combine(d, time.fromisoformat(hhmm))


def uren(begin, eind, max_uren=6.0, lesuren=STANDAARD_LESUURTIJDEN):
    return uren_per_lesdag(begin, eind, lesuren, lesdag, max_uren)


# The default day: 1 8:30–9:20, 2 9:20–10:10, break, 3 10:30–11:20, 4 11:20–12:10, lunch, 5 12:40–13:30,
# 6 13:30–14:20, break, 7 14:35–15:25, 8 15:25–16:15.
@pytest.mark.parametrize("begin, eind, max_uren, verwacht", [
    # one lesuur, exactly
    (t(MA, "09:20"), t(MA, "10:10"), 6, {MA: 1.0}),
    # a half day: lesuren 1–4
    (t(MA, "08:30"), t(MA, "12:10"), 6, {MA: 4.0}),
    # an afternoon from the end of lunch: lesuren 5–8
    (t(MA, "12:10"), t(MA, "16:15"), 6, {MA: 4.0}),
    # a whole day is capped at the uren per lesdag (8 lesuren, 6 hours a day)
    (t(MA, "08:30"), t(MA, "16:15"), 6, {MA: 6.0}),
    (t(MA, "08:30"), t(MA, "16:15"), 8, {MA: 8.0}),
    # start before the first bell, end after the last
    (t(MA, "06:00"), t(MA, "18:00"), 8, {MA: 8.0}),
    (t(MA, "07:00"), t(MA, "09:20"), 6, {MA: 1.0}),
    (t(MA, "15:25"), t(MA, "23:00"), 6, {MA: 1.0}),
    # partial overlap: half a lesuur or more counts, less does not
    (t(MA, "08:55"), t(MA, "09:20"), 6, {MA: 1.0}),   # 25 of 50 minutes
    (t(MA, "08:56"), t(MA, "09:20"), 6, {MA: 0.0}),   # 24 of 50 minutes: the day is touched, nothing counts
    (t(MA, "10:00"), t(MA, "11:00"), 6, {MA: 1.0}),   # 10 min of lesuur 2 (no), 30 min of lesuur 3 (yes)
    (t(MA, "10:10"), t(MA, "10:30"), 6, {MA: 0.0}),   # only the break
    # ending at midnight: 00:00 of the next day belongs to that next day, which is not touched
    (t(MA, "12:40"), t(DI, "00:00"), 6, {MA: 4.0}),
    (t(MA, "12:40"), t(DI, "08:30"), 6, {MA: 4.0, DI: 0.0}),
    (t(MA, "00:00"), t(WO, "00:00"), 6, {MA: 6.0, DI: 6.0}),
    # across a weekend: Friday afternoon and Monday morning, nothing on Saturday and Sunday
    (t(VR, "12:40"), t(MA2, "12:10"), 6, {VR: 4.0, MA2: 4.0}),
    # only in the weekend: no lesdag at all
    (t(ZA, "09:00"), t(ZO, "17:00"), 6, {}),
    # over a vacation week: the Friday before and the Monday after, none of the vacation
    (t(date(2026, 10, 16), "08:30"), t(date(2026, 10, 26), "16:15"), 6,
     {date(2026, 10, 16): 6.0, date(2026, 10, 26): 6.0}),
])
def test_a_period_counts_the_lesuren_it_covers(begin, eind, max_uren, verwacht):
    assert uren(begin, eind, max_uren) == verwacht


def test_the_whole_week_of_a_thuiszitter():
    assert uren(t(MA, "00:00"), t(ZA, "00:00")) == dict.fromkeys((MA, DI, WO, DO, VR), 6.0)


def test_an_end_before_or_at_the_begin_is_refused():
    with pytest.raises(ValueError):
        uren(t(MA, "10:00"), t(MA, "10:00"))


def test_a_school_with_other_bell_times():
    """A lesuur of 45 minutes from 8:15; the rule is the same: at least half counts."""
    lesuren = lesuurtijden([("8:15", "9:00"), ("9:00", "9:45"), ("10:00", "10:45")])
    assert uren(t(MA, "08:40"), t(MA, "10:20"), lesuren=lesuren) == {MA: 1.0}  # 20/45 no, 45/45, 20/45 no
    assert uren(t(MA, "08:37"), t(MA, "10:23"), lesuren=lesuren) == {MA: 3.0}  # 23/45 yes, 45/45, 23/45 yes


@given(st.datetimes(min_value=datetime(2026, 9, 1), max_value=datetime(2026, 12, 31)),
       st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=20)))
def test_hours_are_whole_lesuren_on_lesdagen_within_the_period_and_at_most_a_day(begin, duur):
    eind = begin + duur
    uit = uren(begin, eind)
    assert all(lesdag(d) and begin.date() <= d <= eind.date() for d in uit)
    assert all(0 <= u <= 6 and u == int(u) for u in uit.values())
    # splitting the period at a moment between two lesuren changes nothing
    midden = datetime.combine(begin.date() + timedelta(days=1), time(10, 20))
    if begin < midden < eind:
        delen = uren(begin, midden)
        for d, u in uren(midden, eind).items():
            delen[d] = min(6.0, delen.get(d, 0.0) + u)
        assert delen == uit


# --- the bell times as a setting ----------------------------------------------------------------------

def test_the_default_has_eight_lesuren_without_overlap():
    assert len(STANDAARD_LESUURTIJDEN) == 8
    assert lesuurtijden(naar_json(STANDAARD_LESUURTIJDEN)) == STANDAARD_LESUURTIJDEN
    assert uit_json([["08:30", "09:20"]]) == (Lesuur(time(8, 30), time(9, 20)),)


@pytest.mark.parametrize("paren, fouten", [
    ([("9:20", "8:30")], {"lesuur1": "Lesuur 1: het einde (08:30) moet na het begin (09:20) liggen."}),
    ([("8:30", "8:30")], {"lesuur1": "Lesuur 1: het einde (08:30) moet na het begin (08:30) liggen."}),
    ([("8:30", "9:20"), ("9:10", "10:00")],
     {"lesuur2": "Lesuur 2 begint (09:10) voordat lesuur 1 eindigt (09:20). Lesuren mogen niet overlappen en "
                 "staan op volgorde."}),
    ([("8:30", "9:20"), ("half tien", "10:00")],
     {"lesuur2": "Lesuur 2: schrijf begin en einde als uren en minuten, bijvoorbeeld 8:30 en 9:20."}),
    ([("8:30", "9:20"), ("25:00", "26:00")],
     {"lesuur2": "Lesuur 2: schrijf begin en einde als uren en minuten, bijvoorbeeld 8:30 en 9:20."}),
    ([], {"": "Vul minstens één lesuur in."}),
    ([("8:00", "8:10")] * 1 + [(f"{h}:00", f"{h}:30") for h in range(9, 21)],
     {"": "Een lesdag heeft hier hoogstens 12 lesuren."}),
])
def test_bell_times_are_checked(paren, fouten):
    with pytest.raises(InvoerFout) as info:
        lesuurtijden(paren)
    assert info.value.fouten == fouten


def test_bell_times_may_have_breaks_and_other_spellings():
    assert lesuurtijden([("8.30", "09:20"), ("9:30", "10:20")]) == (
        Lesuur(time(8, 30), time(9, 20)), Lesuur(time(9, 30), time(10, 20)))


# --- one spelling per leerlingnummer --------------------------------------------------------------------

@pytest.mark.parametrize("tekst, verwacht", [
    ("123", "123"), ("000123", "123"), ("123.0", "123"), ("123,00", "123"), (" 0123 ", "123"),
    ("0", "0"), ("000", "0"),
    ("A-17", "A-17"), ("0A17", "0A17"), ("12b", "12b"), ("123.5", "123.5"), ("1e5", "1e5"), ("", ""),
    ("٣", "٣"),  # only the digits 0–9 make a number
])
def test_an_all_digit_leerlingnummer_has_one_spelling(tekst, verwacht):
    assert normaliseer_leerlingnummer(tekst) == verwacht


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=4), st.booleans())
def test_leading_zeros_and_an_excel_decimal_are_the_same_student(n, nullen, decimaal):
    tekst = "0" * nullen + str(n) + (".0" if decimaal else "")
    assert normaliseer_leerlingnummer(tekst) == str(n) == normaliseer_leerlingnummer(str(n))
