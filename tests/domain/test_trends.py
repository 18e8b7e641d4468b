"""Trends month by month against the real calendar (region midden 2026-2027: first lesdag 31-08,
herfstvakantie 17..25-10)."""

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from thuiszit_desktop.domain.kalender import SchoolCalendar, vakanties_from_data
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.school import Regio
from thuiszit_desktop.domain.signalen import SignaalInstellingen, SignaalSoort, schoolbreed
from thuiszit_desktop.domain.trends import peildata, trends
from thuiszit_desktop.domain.verzuim import Reden, VerzuimRecord

DATA = Path(__file__).parents[2] / "resources/data/schoolvakanties.json"
D = date.fromisoformat
CAL = SchoolCalendar(vakanties_from_data(json.loads(DATA.read_text(encoding="utf-8")), Regio.MIDDEN), {})
INST = SignaalInstellingen()
S = SignaalSoort


def leerling(nr: str) -> Leerling:
    return Leerling(leerlingnummer=nr, achternaam="Jansen", geboortedatum=D("2012-03-15"),
                    inschrijfdatum=D("2020-08-17"))


def hele_dagen(van: str, tot: str, reden: Reden) -> list[VerzuimRecord]:
    return [VerzuimRecord(d, 6.0, reden) for d in CAL.lesdagen(D(van), D(tot))]


LEERLINGEN = [leerling("1001"), leerling("1002"), leerling("1003")]
VERZUIM = {
    "1001": hele_dagen("2026-09-14", "2026-11-13", Reden.ONGEOORLOOFD),  # thuiszitter from October, back 16-11
    "1003": hele_dagen("2026-11-02", "2026-11-30", Reden.ZIEK),  # 21 lesdagen ziek: langdurig afwezig, M@zl
}


def test_peildata_are_month_ends_up_to_tot():
    assert peildata(2026, D("2026-11-15")) == [D("2026-08-31"), D("2026-09-30"), D("2026-10-31"), D("2026-11-15")]
    assert len(peildata(2026, D("2027-12-01"))) == 12
    assert peildata(2026, D("2026-07-31")) == []


def test_month_by_month():
    t = trends(CAL, INST, LEERLINGEN, VERZUIM, {}, {}, 2026, D("2026-11-30"))
    assert [m.label for m in t.maanden] == ["aug", "sep", "okt", "nov"]
    aug, sep, okt, nov = t.maanden
    assert aug.per_niveau == {1: 3, 2: 0, 3: 0}
    assert sep.per_niveau == {1: 2, 2: 0, 3: 1}  # 1001: 13 of 23 lesdagen absent
    assert sep.per_signaal[S.THUISZITTER] == 0 and sep.per_signaal[S.MELDPLICHT_16U] == 1
    # 1001 passes 20 lesdagen in October (the vacation does not break the run)
    assert okt.per_signaal[S.THUISZITTER] == 1 and (okt.thuiszitters_in, okt.thuiszitters_uit) == (1, 0)
    # back at school from 16-11: out in November; 1003 is ill for 21 lesdagen
    assert nov.per_signaal[S.THUISZITTER] == 0 and (nov.thuiszitters_in, nov.thuiszitters_uit) == (0, 1)
    assert nov.per_signaal[S.LANGDURIG_AFWEZIG] == 1 and nov.per_signaal[S.MAZL] == 1
    assert t.to_dict()["maanden"][2]["per_signaal"]["thuiszitter"] == 1


# 1002 is a thuiszitter across the summer (a run over the first lesdag 31-08); 1003 ill across it.
OVER_DE_ZOMER = {**VERZUIM, "1002": hele_dagen("2026-05-18", "2026-09-30", Reden.ONGEOORLOOFD),
                 "1003": hele_dagen("2026-06-29", "2026-09-08", Reden.ZIEK)}


@pytest.mark.parametrize("verzuim", [VERZUIM, OVER_DE_ZOMER])
def test_each_month_equals_the_rules_at_its_month_end(verzuim):
    """Each month equals `schoolbreed` on all verzuim at its month end (trends read less for speed)."""
    t = trends(CAL, INST, LEERLINGEN, verzuim, {}, {}, 2026, D("2027-07-31"))
    assert len(t.maanden) == 12
    for maand in t.maanden:
        signalen, niveaus = schoolbreed(CAL, INST, LEERLINGEN, verzuim, {}, {}, maand.peildatum)
        assert maand.per_niveau == {k: Counter(n.niveau for n in niveaus).get(k, 0) for k in (1, 2, 3)}
        per_soort = Counter(soort for _, soort in {(s.leerlingnummer, s.soort) for s in signalen})
        assert maand.per_signaal == {soort: per_soort.get(soort, 0) for soort in S}


def test_a_thuiszitter_from_last_year_is_not_new_in_august():
    verzuim = {"1001": hele_dagen("2026-05-18", "2026-09-30", Reden.ONGEOORLOOFD)}
    t = trends(CAL, INST, LEERLINGEN, verzuim, {}, {}, 2026, D("2026-10-31"))
    assert [(m.thuiszitters_in, m.thuiszitters_uit) for m in t.maanden] == [(0, 0), (0, 0), (0, 1)]
