"""Kearney levels and the verzuimpercentage (SIGNALEN.md, "Level").

Peildatum 25-09-2026 (midden): N = the 20 lesdagen 31-08 .. 25-09, so with dagduur 6 the
denominator is 120 hours and 1 hour is 0.8333…%.
"""

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop.domain.kalender import SchoolCalendar, vakanties_from_data
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.school import Regio
from thuiszit_desktop.domain.signalen import (
    Niveau,
    Signaal,
    SignaalInstellingen,
    SignaalSoort,
    niveau,
    signalen,
)
from thuiszit_desktop.domain.verzuim import Reden, VerzuimRecord

DATA = Path(__file__).parents[2] / "resources/data/schoolvakanties.json"
D = date.fromisoformat
ONG, ZIEK, VERLOF = Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF
INST = SignaalInstellingen()
CAL = SchoolCalendar(vakanties_from_data(json.loads(DATA.read_text(encoding="utf-8")), Regio.MIDDEN), {})
P = "2026-09-25"


def leerling(**kw) -> Leerling:
    velden = {"leerlingnummer": "1001", "achternaam": "Jansen", "geboortedatum": D("2012-03-15"),
              "inschrijfdatum": D("2020-08-17")}
    velden.update(kw)
    return Leerling(**velden)


def r(dag: str, uren: float, reden: Reden = ONG) -> VerzuimRecord:
    return VerzuimRecord(D(dag), uren, reden)


def bereken(records, peildatum: str = P, ll: Leerling | None = None, inst=INST, sigs=None):
    ll = ll or leerling()
    p = D(peildatum)
    if sigs is None:
        sigs = signalen(CAL, inst, ll, records, (), (), p)
    return niveau(CAL, inst, ll, records, sigs, p)


@pytest.mark.parametrize(("records", "pct", "level"), [
    pytest.param([], 0.0, 1, id="no-absence"),
    pytest.param([r("2026-09-14", 5.94)], 5.0, 2, id="exactly-4.95-rounds-up"),
    pytest.param([r("2026-09-14", 5.93)], 4.9, 1, id="4.94-rounds-down"),
    pytest.param([r(d, 0.99) for d in ("2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04", "2026-09-07",
                                       "2026-09-08")], 5.0, 2, id="4.95-from-float-sum"),
    pytest.param([r("2026-09-14", 6.0)], 5.0, 2, id="exactly-5"),
    pytest.param([r("2026-09-14", 5.97), r("2026-09-15", 5.97, ZIEK)], 10.0, 3, id="9.95-rounds-to-10"),
    pytest.param([r("2026-09-14", 5.96), r("2026-09-15", 5.97, ZIEK)], 9.9, 2, id="9.94-rounds-down"),
    pytest.param([r("2026-09-14", 6.0), r("2026-09-14", 4.0, ZIEK)], 5.0, 2, id="day-capped-at-dagduur"),
    pytest.param([r("2026-09-14", 6.0, VERLOF), r("2026-09-15", 6.0, Reden.OVERIG_GEOORLOOFD)], 10.0, 3,
                 id="geoorloofd-counts-too"),
    pytest.param([r("2026-09-14", 1.0), r("2026-09-14", 1.0), r("2026-09-14", 1.0)], 2.5, 1,
                 id="records-add-up"),
    pytest.param([r("2026-09-14", 0.06)], 0.1, 1, id="0.05-rounds-away-from-zero"),
    pytest.param([r("2026-09-12", 6.0), r("2026-08-28", 6.0), r("2026-09-28", 6.0)], 0.0, 1,
                 id="saturday-vacation-and-after-P-ignored"),
    pytest.param([r("2026-07-16", 6.0)], 0.0, 1, id="previous-school-year-ignored"),
])
def test_percentage_and_level(records, pct, level):
    assert bereken(records) == Niveau("1001", level, pct)


@pytest.mark.parametrize(("kw", "peildatum", "records", "expected"), [
    pytest.param({"inschrijfdatum": D("2026-09-14")}, P, [r("2026-09-07", 6), r("2026-09-15", 3)], (2, 5.0),
                 id="N-from-inschrijfdatum"),  # 10 lesdagen: 3 of 60 hours
    pytest.param({}, "2026-08-30", [r("2026-07-16", 6)], (1, 0.0), id="N-is-0-before-first-lesdag"),
    pytest.param({"inschrijfdatum": D("2026-09-26")}, "2026-09-26", [], (1, 0.0), id="N-is-0-on-saturday"),
    pytest.param({"uitschrijfdatum": D("2026-09-20"), "bestemming": "Het Lyceum"}, P, [], None,
                 id="uitgeschreven"),
    pytest.param({"uitschrijfdatum": D(P), "bestemming": "Het Lyceum"}, P, [], None, id="uitgeschreven-on-P"),
    pytest.param({"inschrijfdatum": D("2026-09-28")}, P, [], None, id="not-yet-ingeschreven"),
])
def test_ingeschreven_and_N(kw, peildatum, records, expected):
    n = bereken(records, peildatum, leerling(**kw))
    assert (n if n is None else (n.niveau, n.verzuimpercentage)) == expected


def test_level_3_by_thuiszitter_signal():
    # 21 whole days from 07-09 through 05-10; N = 26 lesdagen from 31-08: 80.8%.
    records = [VerzuimRecord(d, 6.0, ONG) for d in CAL.lesdagen(D("2026-09-07"), D("2026-10-05"))]
    hoog = SignaalInstellingen(niveau3_pct=90.0)
    assert bereken(records, "2026-10-05", inst=hoog) == Niveau("1001", 3, 80.8)
    ziek = [VerzuimRecord(x.datum, 6.0, ZIEK) for x in records]  # langdurig_afwezig is no level-3 signal
    assert bereken(ziek, "2026-10-05", inst=hoog) == Niveau("1001", 2, 80.8)


@pytest.mark.parametrize(("soort", "van", "level"), [
    (SignaalSoort.THUISZITTER, "1001", 3),
    (SignaalSoort.ABSOLUUT_VERZUIM, "1001", 3),
    (SignaalSoort.LANGDURIG_AFWEZIG, "1001", 1),
    (SignaalSoort.MELDPLICHT_16U, "1001", 1),
    (SignaalSoort.THUISZITTER, "1002", 1),  # another leerling's signal
])
def test_level_3_signals(soort, van, level):
    sig = Signaal(van, soort, D("2026-09-01"), D("2026-09-21"))
    assert bereken([], sigs=[sig]) == Niveau("1001", level, 0.0)


@pytest.mark.parametrize(("inst", "uren", "level"), [
    (SignaalInstellingen(niveau2_pct=3.0), 4.0, 2),  # 3.3%
    (SignaalInstellingen(niveau2_pct=3.5), 4.0, 1),
    (SignaalInstellingen(niveau3_pct=6.5), 8.0, 3),  # 6.7%
    (SignaalInstellingen(uren_per_lesdag=5.0), 5.0, 2),  # 5 of 100 hours: 5.0%
])
def test_thresholds_and_dagduur_are_settings(inst, uren, level):
    records = [r("2026-09-14", min(uren, 6.0)), *([r("2026-09-15", uren - 6.0)] if uren > 6 else [])]
    assert bereken(records, inst=inst).niveau == level


def test_to_dict():
    assert bereken([r("2026-09-14", 5.94)]).to_dict() == {"leerlingnummer": "1001", "niveau": 2,
                                                          "verzuimpercentage": 5.0}


LESDAGEN = CAL.lesdagen(D("2026-08-31"), D("2026-12-18"))
RECORDS = st.lists(st.builds(VerzuimRecord, st.sampled_from(LESDAGEN),
                             st.sampled_from([0.25, 0.5, 1.0, 2.0, 3.0, 6.0]), st.sampled_from(list(Reden))),
                   max_size=60)


@settings(max_examples=60, deadline=None)
@given(base=RECORDS, extra=RECORDS, inschrijf=st.sampled_from([D("2020-08-17"), *LESDAGEN[::10]]))
def test_level_never_decreases_when_absence_is_added(base, extra, inschrijf):
    ll = leerling(inschrijfdatum=inschrijf)
    voor = bereken(base, "2026-12-18", ll)
    na = bereken(base + extra, "2026-12-18", ll)
    assert na.niveau >= voor.niveau
    assert na.verzuimpercentage >= voor.verzuimpercentage
