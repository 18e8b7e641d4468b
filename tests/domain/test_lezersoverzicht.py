"""What goes into the alleen-lezen overview: small counts hidden, fixed labels, no total beside its parts."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.effect import EffectPerSoort
from thuiszit_desktop.domain.lezersoverzicht import (
    MINDER_DAN,
    Lezersoverzicht,
    cel,
    effecten_tabel,
    niveaus_tabel,
    tel,
)
from thuiszit_desktop.domain.signalen import SignaalSoort


@pytest.mark.parametrize(("n", "getoond"), [(0, "0"), (1, MINDER_DAN), (4, MINDER_DAN), (5, "5"), (471, "471")])
def test_small_counts_are_shown_as_minder_dan_5(n, getoond):
    assert cel(tel(n)) == getoond


@given(st.integers(min_value=0, max_value=10**6))
def test_a_shown_count_is_never_between_1_and_4(n):
    shown = tel(n)
    assert shown is None or shown == 0 or shown >= 5
    assert shown is None or shown == n


def test_rows_follow_levels_and_signals_not_students():
    tabel = niveaus_tabel(date(2026, 11, 20), {1: 471, 2: 82, 3: 3}, 0, {SignaalSoort.THUISZITTER: 2})
    labels = [r[0] for r in tabel.rijen]
    assert labels[:3] == ["Niveau 1", "Niveau 2", "Niveau 3"] and len(labels) == 3 + len(SignaalSoort)
    assert tabel.rijen[2] == ("Niveau 3", None)


def test_an_average_over_fewer_than_5_students_is_left_out():
    rijen = effecten_tabel([EffectPerSoort("Rooster", 7, 4, 20.0, 10.0), EffectPerSoort("Bijles", 9, 6, 15.04, 5.0)]).rijen
    assert rijen == (("Bijles", 9, 15.04, 5.0), ("Rooster", 7, "–", "–"))
    assert cel(15.04) == "15,0"


def test_round_trip_through_the_file_format():
    o = Lezersoverzicht("Het Baken", datetime(2026, 12, 7, 8, 30),
                        (niveaus_tabel(date(2026, 11, 20), {1: 10}, 2, {}),))
    assert Lezersoverzicht.from_dict(o.to_dict()) == o
