"""Consent at an MDO: what is in force on the meeting date (given, withdrawn, not yet given), who gives it,
and which partners at the table have none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.mdo import (
    GeldendeToestemming,
    geldende_toestemmingen,
    toestemming_kop,
    zonder_toestemming,
)
from thuiszit_desktop.domain.traject import MdoRol

MDO = date(2026, 11, 30)


@dataclass(frozen=True)
class T:
    organisatie: str
    gegeven: bool
    datum: date | None
    id: int | None = None


@dataclass(frozen=True)
class D:
    naam: str
    rol: MdoRol
    organisatie: str = ""
    afgemeld: bool = False


def d(dag: int, maand: int = 11) -> date:
    return date(2026, maand, dag)


@pytest.mark.parametrize("records, verwacht", [
    # nothing recorded: nothing in force
    ([], []),
    # given at an earlier MDO: still in force at this one
    ([T("Wijkteam Noord", True, d(31, 8), 1)], [GeldendeToestemming("Wijkteam Noord", True, d(31, 8))]),
    # given, then withdrawn later: withdrawn
    ([T("GGD", True, d(1, 9), 1), T("GGD", False, d(1, 10), 2)],
     [GeldendeToestemming("GGD", False, d(1, 10), ingetrokken=True)]),
    # refused, then given: given
    ([T("GGD", False, d(1, 9), 1), T("GGD", True, d(1, 10), 2)], [GeldendeToestemming("GGD", True, d(1, 10))]),
    # refused only: nee, not "ingetrokken"
    ([T("GGD", False, d(1, 9), 1)], [GeldendeToestemming("GGD", False, d(1, 9))]),
    # given after the meeting: not yet in force on the meeting date
    ([T("GGD", True, d(1, 12), 1)], []),
    # withdrawn after the meeting: still in force on the meeting date
    ([T("GGD", True, d(1, 9), 1), T("GGD", False, d(1, 12), 2)], [GeldendeToestemming("GGD", True, d(1, 9))]),
    # on the meeting date itself: in force
    ([T("GGD", True, MDO, 1)], [GeldendeToestemming("GGD", True, MDO)]),
    # two records on one day: the one recorded last counts
    ([T("GGD", False, d(5), 2), T("GGD", True, d(5), 1)], [GeldendeToestemming("GGD", False, d(5), True)]),
    # spelling of case and spaces is one organisation; the latest spelling is shown
    ([T("wijkteam  noord", True, d(1, 9), 1), T("Wijkteam Noord", False, d(2, 9), 2)],
     [GeldendeToestemming("Wijkteam Noord", False, d(2, 9), ingetrokken=True)]),
    # several organisations, alphabetical
    ([T("Wijkteam", True, d(1, 9), 1), T("GGD", True, d(2, 9), 2)],
     [GeldendeToestemming("GGD", True, d(2, 9)), GeldendeToestemming("Wijkteam", True, d(1, 9))]),
    # a record without a date or organisation is ignored
    ([T("GGD", True, None, 1), T(" ", True, d(1, 9), 2)], []),
])
def test_geldende_toestemmingen(records, verwacht):
    assert geldende_toestemmingen(records, MDO) == verwacht


@given(st.lists(st.tuples(st.sampled_from(["GGD", "ggd", "Wijkteam"]), st.booleans(), st.integers(0, 200)),
                max_size=12))
def test_in_force_is_the_latest_record_on_or_before_the_day(raw):
    records = [T(o, g, d(1, 8) + timedelta(days=n), i) for i, (o, g, n) in enumerate(raw)]
    geldend = {t.organisatie.casefold(): t for t in geldende_toestemmingen(records, MDO)}
    for sleutel in {o.casefold() for o, _, _ in raw}:
        eerder = sorted((r for r in records if r.organisatie.casefold() == sleutel and r.datum <= MDO),
                        key=lambda r: (r.datum, r.id))
        if not eerder:
            assert sleutel not in geldend
        else:
            assert geldend[sleutel].gegeven == eerder[-1].gegeven
            assert geldend[sleutel].sinds == eerder[-1].datum


def test_partners_at_the_table_without_consent():
    geldend = [GeldendeToestemming("GGD", True, d(1, 9)), GeldendeToestemming("Wijkteam", False, d(1, 9))]
    deelnemers = [
        D("Anna", MdoRol.ZORGCOORDINATOR),  # school: no consent needed
        D("Karel", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente"),  # a legal task: no consent needed
        D("Mieke", MdoRol.JEUGDARTS, "ggd"),  # consent given (spelling differs)
        D("Lisanne", MdoRol.JEUGDHULP, "Wijkteam"),  # refused
        D("Erwin", MdoRol.SWV_CONSULENT, "SWV"),  # never asked
        D("Piet", MdoRol.VERZUIMCOACH, ""),  # no organisation: nobody can tell
        D("Sanne", MdoRol.JEUGDHULP, "Wijkteam", afgemeld=True),  # not there
        D("Ingrid", MdoRol.OUDER),
    ]
    assert [x.naam for x in zonder_toestemming(deelnemers, geldend)] == ["Lisanne", "Erwin", "Piet"]


@pytest.mark.parametrize("geboren, kop", [
    (date(2010, 11, 30), "Toestemming van de leerling"),  # 16 on the meeting day
    (date(2010, 12, 1), "Toestemming van ouders"),  # 16 the day after
    (date(2008, 1, 1), "Toestemming van de leerling"),
    (date(2013, 5, 5), "Toestemming van ouders"),
])
def test_who_gives_consent_follows_the_age_on_the_meeting_date(geboren, kop):
    assert toestemming_kop(geboren, MDO) == kop
