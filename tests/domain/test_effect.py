"""'Werkt het?': before/after figures against hand-computed cases.

Calendar: only the herfstvakantie 17-10..25-10-2026 (no public holidays in Sep–Dec), dagduur 6 hours.
An intervention starting Wednesday 04-11-2026 has its start week from Monday 02-11:
  before = the lesweken of 14-09, 21-09, 28-09, 05-10, 12-10 and 26-10 (the vacation week is skipped)
         = 30 lesdagen = 180 planned hours;
  after  = the weeks of 02-11 … 07-12 = 30 lesdagen = 180 hours, last lesdag Friday 11-12.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop.domain.effect import NOG_TE_KORT, TE_WEINIG_ERVOOR, effect, lesweken_rond, per_soort
from thuiszit_desktop.domain.kalender import SchoolCalendar, Vakantie

D = date.fromisoformat
HERFST = Vakantie("herfstvakantie", D("2026-10-17"), D("2026-10-25"), True, "2026-2027")


@pytest.fixture
def cal():
    return SchoolCalendar([HERFST])


UREN = {
    D("2026-09-11"): 6.0,  # before the window: ignored
    D("2026-09-15"): 6.0,
    D("2026-09-16"): 6.0,
    D("2026-10-13"): 3.0,
    D("2026-10-21"): 6.0,  # herfstvakantie: not a lesdag, ignored
    D("2026-10-26"): 6.0,
    D("2026-11-02"): 6.0,  # start week, before the start day: counts as "after"
    D("2026-11-05"): 2.0,
    D("2026-12-08"): 10.0,  # counts as one whole day (6)
    D("2026-12-14"): 6.0,  # after the window: ignored
}


def test_weeks_around_the_start_skip_the_vacation(cal):
    maandag, voor, na = lesweken_rond(cal, D("2026-11-04"))
    assert maandag == D("2026-11-02")
    assert [w[0] for w in voor] == [D("2026-09-14"), D("2026-09-21"), D("2026-09-28"), D("2026-10-05"),
                                    D("2026-10-12"), D("2026-10-26")]
    assert [w[0] for w in na] == [D("2026-11-02"), D("2026-11-09"), D("2026-11-16"), D("2026-11-23"),
                                  D("2026-11-30"), D("2026-12-07")]
    assert sum(map(len, voor)) == sum(map(len, na)) == 30


def test_before_and_after_by_hand(cal):
    e = effect(cal, "Time-out", D("2026-11-04"), UREN, 6.0, tot=D("2026-12-11"))
    # before: 6 + 6 + 3 + 6 = 21 of 180 hours = 11.67 %; after: 6 + 2 + 6 = 14 of 180 = 7.78 %
    assert (e.voor.verzuimd_uren, e.voor.gepland_uren, e.voor.percentage) == (21.0, 180.0, 11.7)
    assert (e.na.verzuimd_uren, e.na.gepland_uren, e.na.percentage) == (14.0, 180.0, 7.8)
    assert (e.voor.van, e.voor.tot, e.na.van, e.na.tot) == (D("2026-09-14"), D("2026-10-30"), D("2026-11-02"),
                                                           D("2026-12-11"))
    assert e.verschil == -3.9
    assert e.na.tekst() == "7,8%"


def test_after_still_running_is_too_short(cal):
    e = effect(cal, "Time-out", D("2026-11-04"), UREN, 6.0, tot=D("2026-12-10"))
    assert e.voor.percentage == 11.7
    assert e.na.percentage is None and e.na.reden == NOG_TE_KORT and e.na.tekst() == "nog te kort"
    assert e.verschil is None


def test_too_few_weeks_before_enrolment(cal):
    e = effect(cal, "Time-out", D("2026-11-04"), UREN, 6.0, tot=D("2026-12-11"), vanaf=D("2026-09-16"))
    assert e.voor.percentage is None and e.voor.reden == TE_WEINIG_ERVOOR
    assert e.na.percentage == 7.8


def test_start_in_a_vacation_starts_at_the_next_lesweek(cal):
    e = effect(cal, "Huiswerkbegeleiding", D("2026-10-21"), {D("2026-10-26"): 3.0, D("2026-09-07"): 6.0}, 6.0,
               tot=D("2026-12-31"))
    assert e.startweek == D("2026-10-26")
    assert e.voor.van == D("2026-09-07") and e.voor.tot == D("2026-10-16")
    assert e.voor.percentage == round(100 * 6 / 180, 1) == 3.3
    assert e.na.percentage == round(100 * 3 / 180, 1) == 1.7


def test_halves_round_away_from_zero(cal):
    # 2.25 of 180 hours = exactly 1.25 % → 1.3 (not banker's 1.2)
    e = effect(cal, "x", D("2026-11-04"), {D("2026-11-10"): 2.25}, 6.0, tot=D("2026-12-11"))
    assert e.na.percentage == 1.3


def test_per_type_averages_only_complete_ones(cal):
    a = effect(cal, "Time-out", D("2026-11-04"), UREN, 6.0, tot=D("2026-12-11"))  # 11.7 → 7.8
    b = effect(cal, "time-out ", D("2026-11-04"), {D("2026-09-14"): 6.0}, 6.0, tot=D("2026-12-11"))  # 3.3 → 0.0
    kort = effect(cal, "Time-out", D("2026-12-01"), UREN, 6.0, tot=D("2026-12-11"))
    ander = effect(cal, "Mentorgesprek", D("2026-11-04"), {}, 6.0, tot=D("2026-12-11"))
    rijen = per_soort([a, b, kort, ander])
    assert [(r.soort, r.aantal, r.meegeteld) for r in rijen] == [("Mentorgesprek", 1, 1), ("Time-out", 3, 2)]
    timeout = rijen[1]
    # (11.7 + 3.3) / 2 = 7.5; (7.8 + 0.0) / 2 = 3.9
    assert (timeout.gemiddeld_voor, timeout.gemiddeld_na, timeout.verschil) == (7.5, 3.9, -3.6)
    assert per_soort([kort])[0].gemiddeld_voor is None


# --- a property: the windows agree with a plain count over calendar weeks -----------------------------

@settings(max_examples=60, deadline=None)
@given(start=st.dates(D("2026-09-01"), D("2027-06-30")),
       uren=st.dictionaries(st.dates(D("2026-06-01"), D("2027-07-31")), st.sampled_from([1.0, 2.5, 6.0, 8.0]),
                            max_size=60))
def test_windows_match_a_plain_count(start, uren):
    cal = SchoolCalendar([HERFST, Vakantie("kerstvakantie", D("2026-12-19"), D("2027-01-03"), True, "2026-2027")])
    e = effect(cal, "x", start, uren, 6.0, tot=D("2027-12-31"))
    # plain: group every lesdag by its Monday; the start week is the first week on/after start's Monday
    weken: dict[date, list[date]] = {}
    d = D("2026-01-05")
    while d <= D("2027-12-31"):
        if cal.is_lesdag(d):
            weken.setdefault(d - timedelta(days=d.weekday()), []).append(d)
        d += timedelta(days=1)
    maandagen = sorted(weken)
    i = next(k for k, m in enumerate(maandagen) if m >= start - timedelta(days=start.weekday()))
    for venster, keuze in ((e.voor, maandagen[i - 6:i]), (e.na, maandagen[i:i + 6])):
        dagen = [x for m in keuze for x in weken[m]]
        som = sum(min(uren.get(x, 0.0), 6.0) for x in dagen)
        assert venster.lesdagen == len(dagen) and venster.verzuimd_uren == pytest.approx(som)
        assert venster.percentage == pytest.approx(round(100 * som / (6 * len(dagen)) + 1e-9, 1), abs=0.051)
        assert 0 <= venster.percentage <= 100
