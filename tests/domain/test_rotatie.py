"""The rotation rule for backups: the newest of the last 7 days and of the last 4 weeks that have one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from thuiszit_desktop.domain.rotatie import te_bewaren


def dag(d: str, uur: int = 17) -> datetime:
    return datetime.fromisoformat(f"{d}T{uur:02d}:00:00")


def elke_dag(van: date, tot: date, uren=(9, 17)) -> list[datetime]:
    return [datetime(d.year, d.month, d.day, u) for n in range((tot - van).days + 1)
            for d in [van + timedelta(days=n)] for u in uren]


def test_nothing_and_one():
    assert te_bewaren([]) == set()
    assert te_bewaren([dag("2026-11-23")]) == {dag("2026-11-23")}


def test_several_on_one_day_keep_only_the_newest():
    assert te_bewaren([dag("2026-11-23", 9), dag("2026-11-23", 12), dag("2026-11-23", 17)]) == {dag("2026-11-23", 17)}


def test_a_month_of_daily_backups_keeps_7_days_and_4_weeks():
    # Two backups a day from Monday 26 October to Monday 23 November 2026 (ISO weeks 44 to 48).
    alle = elke_dag(date(2026, 10, 26), date(2026, 11, 23))
    bewaard = te_bewaren(alle)
    dagen = {dag(d) for d in ("2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19",
                              "2026-11-18", "2026-11-17")}
    # the newest of weeks 48 (= 23 Nov), 47, 46 and 45 (Sundays); week 44 is the fifth, so gone
    weken = {dag("2026-11-23"), dag("2026-11-22"), dag("2026-11-15"), dag("2026-11-08")}
    assert bewaard == dagen | weken
    assert len(bewaard) == 9  # 22 and 23 November are both a day and a week


@pytest.mark.parametrize("momenten, verwacht", [
    # after a summer holiday: the days and weeks that *have* a backup count, not the calendar
    (["2026-07-10", "2026-07-09", "2026-07-08", "2026-08-31"],
     {"2026-07-10", "2026-07-09", "2026-07-08", "2026-08-31"}),
    # eight days in one week: the oldest day goes (not among the 7 days, not the newest of its week)
    (["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22",
      "2026-11-23"],
     {"2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"}),
    # one a week for eight weeks: 7 of them are "days", the eighth falls out
    (["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09",
      "2026-11-16"],
     {"2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"}),
])
def test_table(momenten, verwacht):
    assert te_bewaren([dag(d) for d in momenten]) == {dag(d) for d in verwacht}


def test_the_newest_is_always_kept_even_with_zero_periods():
    assert te_bewaren([dag("2026-11-22"), dag("2026-11-23")], dagen=0, weken=0) == {dag("2026-11-23")}
