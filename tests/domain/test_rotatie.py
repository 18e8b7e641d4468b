"""The rotation rule for backups: the newest of the last 7 days and of the last 4 weeks that have one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.rotatie import DAGELIJKS, WEKELIJKS, BackupStand, bewaren, te_bewaren


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


# --- lines of work: the newest backup of a state that exists nowhere else is never removed ---------------

def stand(d: str, uur: int, tak: str = "", vast_tot: str | None = None) -> BackupStand:
    return BackupStand(dag(d, uur), tak, date.fromisoformat(vast_tot) if vast_tot else None)


def kept(backups: list[BackupStand], vandaag: str = "2026-11-23", **kw) -> set[tuple[str, int]]:
    nieuwste_eerst = sorted(backups, key=lambda b: b.gemaakt, reverse=True)
    return {(f"{b.gemaakt:%Y-%m-%d}", b.gemaakt.hour)
            for i, b in enumerate(nieuwste_eerst) if i in bewaren(nieuwste_eerst, vandaag=date.fromisoformat(vandaag), **kw)}


@pytest.mark.parametrize("uitleg, backups, verwacht", [
    # The issue: backup → import 3,001 students → backup → restore the first → backup. The restore first backs
    # up the state with the 3,001 (10:00, line ""), then starts line "B"; the backup on close (11:00) is the
    # day's newest, but 10:00 is the last copy of line "" and stays. (9:00 and 9:30 are older states of "".)
    ("backup, import, backup, restore, backup",
     [stand("2026-11-23", 8), stand("2026-11-23", 9), stand("2026-11-23", 10), stand("2026-11-23", 11, "B")],
     {("2026-11-23", 10), ("2026-11-23", 11)}),
    ("without a restore, one line: only the day's newest",
     [stand("2026-11-23", 8), stand("2026-11-23", 9), stand("2026-11-23", 10)], {("2026-11-23", 10)}),
    ("a line left long ago keeps its last backup, however old",
     [stand("2025-01-10", 17), stand("2025-01-11", 17)] + [stand(f"2026-11-{d:02d}", 17, "B") for d in range(1, 24)],
     {("2025-01-11", 17)} | {("2026-11-23", 17), ("2026-11-22", 17), ("2026-11-21", 17), ("2026-11-20", 17),
                             ("2026-11-19", 17), ("2026-11-18", 17), ("2026-11-17", 17), ("2026-11-15", 17),
                             ("2026-11-08", 17)}),
    ("two restores on one day: the last backup of each line stays",
     [stand("2026-11-23", 8), stand("2026-11-23", 9, "B"), stand("2026-11-23", 10, "B"), stand("2026-11-23", 11, "C")],
     {("2026-11-23", 10), ("2026-11-23", 11), ("2026-11-23", 8)}),
    ("the backup before the bewaartermijnen are applied is kept until its day",
     [stand("2026-11-20", 9, vast_tot="2026-12-18"), stand("2026-11-20", 17)],
     {("2026-11-20", 9), ("2026-11-20", 17)}),
    ("… and after that day rotated like any other",
     [stand("2026-11-20", 9, vast_tot="2026-11-22"), stand("2026-11-20", 17)], {("2026-11-20", 17)}),
])
def test_lines_of_work(uitleg, backups, verwacht):
    assert kept(backups) == verwacht, uitleg


def test_two_files_of_one_second_keep_the_first_listed():
    b = [stand("2026-11-23", 9), stand("2026-11-23", 9)]
    assert bewaren(b, vandaag=date(2026, 11, 23)) == {0}


@given(st.lists(st.tuples(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31)),
                          st.sampled_from(["", "B", "C", "D"])), max_size=40))
def test_every_line_keeps_its_newest_and_time_alone_keeps_no_more(backups):
    nieuwste_eerst = sorted((BackupStand(g, t) for g, t in backups), key=lambda b: b.gemaakt, reverse=True)
    houden = bewaren(nieuwste_eerst, vandaag=date(2026, 12, 31))
    for tak in {b.tak for b in nieuwste_eerst}:
        assert min(i for i, b in enumerate(nieuwste_eerst) if b.tak == tak) in houden
    if nieuwste_eerst:
        assert 0 in houden
    assert len(houden) <= DAGELIJKS + WEKELIJKS + len({b.tak for b in nieuwste_eerst})


# --- a backup not yet checked (the fast one on close) ----------------------------------------------------

def test_a_backup_not_yet_checked_is_kept_and_pushes_nothing_out():
    # 17:00 checked, 18:00 made on close and not yet checked: the day keeps both
    b = [BackupStand(dag("2026-11-23", 18), gecontroleerd=False), BackupStand(dag("2026-11-23", 17)),
         BackupStand(dag("2026-11-23", 9))]
    assert bewaren(b, vandaag=date(2026, 11, 23)) == {0, 1}
    # once checked, it is the day's newest like any other
    assert bewaren([BackupStand(dag("2026-11-23", 18)), *b[1:]], vandaag=date(2026, 11, 23)) == {0}


@given(st.lists(st.tuples(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31)),
                          st.booleans()), max_size=30))
def test_unchecked_backups_change_nothing_for_the_checked_ones(backups):
    """Whatever unchecked backups lie around, the checked ones kept are those kept without them."""
    nieuwste_eerst = sorted((BackupStand(g, gecontroleerd=c) for g, c in backups), key=lambda b: b.gemaakt,
                            reverse=True)
    houden = bewaren(nieuwste_eerst, vandaag=date(2026, 12, 31))
    gecontroleerd = [i for i, b in enumerate(nieuwste_eerst) if b.gecontroleerd]
    alleen = bewaren([nieuwste_eerst[i] for i in gecontroleerd], vandaag=date(2026, 12, 31))
    assert {i for i in houden if nieuwste_eerst[i].gecontroleerd} == {gecontroleerd[j] for j in alleen}
    assert {i for i, b in enumerate(nieuwste_eerst) if not b.gecontroleerd} <= houden
