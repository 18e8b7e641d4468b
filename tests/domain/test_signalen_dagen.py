"""The fast ways in against the plain rules on records (`schoolbreed`), on random schools: `schoolbreed_dagen`
(hours per lesdag as the database sums them) gives every signal, explanation and level the same; the trends'
one pass gives at every month end what `schoolbreed` gives there."""

import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop.domain import signalen
from thuiszit_desktop.domain.kalender import SchoolCalendar, vakanties_from_data
from thuiszit_desktop.domain.leerling import Leerling, Vrijstelling, VrijstellingType, schooljaar_start
from thuiszit_desktop.domain.school import Regio
from thuiszit_desktop.domain.signalen import SignaalInstellingen, SignaalSoort, schoolbreed, schoolbreed_dagen
from thuiszit_desktop.domain.trends import peildata, trends
from thuiszit_desktop.domain.verzuim import MazlActie, MeldingSoort, Reden, Verzuimmelding, VerzuimRecord

DATA = Path(__file__).parents[2] / "resources/data/schoolvakanties.json"
CAL = SchoolCalendar(vakanties_from_data(json.loads(DATA.read_text(encoding="utf-8")), Regio.MIDDEN),
                     {date(2026, 11, 11): "Studiedag"})
INST = SignaalInstellingen()
# Two school years around the summer, so runs cross it; weekends and vacation days included (ignored by the rules).
DAGEN = [date(2026, 5, 1) + timedelta(days=i) for i in range(300)]
LESDAGEN = CAL.lesdagen(DAGEN[0], DAGEN[-1])


def als_database(records: dict[str, list[VerzuimRecord]], tot: date):
    """What services/signalen.py makes of the rows: per student and day the sums (all, ongeoorloofd, ziek), at the
    positions of the table of `tot` – every day ≤ tot, lesdagen only."""
    tabel = CAL.tabel(schooljaar_start(tot), tot)
    per = {}
    for nr, rs in records.items():
        som: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for r in rs:
            if r.datum <= tot:
                s = som[r.datum]
                s[0] += r.uren
                s[1] += r.uren if r.reden is Reden.ONGEOORLOOFD else 0.0
                s[2] += r.uren if r.reden is Reden.ZIEK else 0.0
        ong, ziek, alle = {}, {}, {}
        for d, (u, u_ong, u_ziek) in som.items():
            i = tabel.index.get(d)
            if i is not None:
                alle[i] = u
                if u_ong:
                    ong[i] = u_ong
                if u_ziek:
                    ziek[i] = u_ziek
        per[nr] = (ong, ziek, alle)
    return tabel, per


def zelden(strategie, kans: int = 6):
    """Mostly None, sometimes a value: a rare uitschrijving or vrijstelling leaves room for the other signalen."""
    return st.integers(0, kans).flatmap(lambda k: strategie if k == 0 else st.none())


@st.composite
def scholen(draw):
    aantal = draw(st.integers(1, 4))
    leerlingen, records, meldingen, acties = [], {}, {}, {}
    datum = st.sampled_from(DAGEN)
    for k in range(aantal):
        nr = f"{1001 + k}"
        vrijstelling = draw(zelden(st.builds(Vrijstelling, st.just(VrijstellingType.ART_5A), datum,
                                             st.one_of(st.none(), datum))))
        leerlingen.append(Leerling(
            leerlingnummer=nr, achternaam="Jansen", geboortedatum=draw(st.sampled_from([date(2012, 3, 15),
                                                                                        date(2010, 9, 1)])),
            inschrijfdatum=draw(zelden(datum, 3)) or date(2020, 8, 17),
            uitschrijfdatum=draw(zelden(datum)), vrijstellingen=(vrijstelling,) if vrijstelling else ()))
        rs = draw(st.lists(st.builds(VerzuimRecord, datum, st.sampled_from([0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 0.1]),
                                     st.sampled_from(list(Reden))), max_size=60))
        for _ in range(draw(st.integers(0, 2))):  # runs of whole days, so that the run rules fire too
            start = draw(st.integers(0, len(LESDAGEN) - 1))
            reden = draw(st.sampled_from([Reden.ONGEOORLOOFD, Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF]))
            rs += [VerzuimRecord(d, 6.0, reden) for d in LESDAGEN[start:start + draw(st.integers(3, 70))]]
        records[nr] = rs
        melding = draw(zelden(st.builds(Verzuimmelding, datum, datum, st.just(MeldingSoort.ZESTIEN_UUR)), 2))
        meldingen[nr] = [melding] if melding else []
        actie = draw(zelden(st.builds(MazlActie, datum), 2))
        acties[nr] = [actie] if actie else []
    return leerlingen, records, meldingen, acties, draw(datum), draw(st.integers(0, 40))


@settings(max_examples=150, deadline=None)
@given(scholen())
def test_schoolbreed_dagen_equals_the_rules_on_records(school):
    leerlingen, records, meldingen, acties, p, later = school
    # the day rows may reach past P (trends load the year once): the rules must look only up to P
    tabel, dagen = als_database(records, p + timedelta(days=later))
    assert schoolbreed_dagen(CAL, INST, leerlingen, tabel, dagen, meldingen, acties, p) == \
        schoolbreed(CAL, INST, leerlingen, records, meldingen, acties, p)


@settings(max_examples=120, deadline=None)
@given(scholen(), st.sampled_from(DAGEN[95:]))
def test_trends_equal_the_rules_at_every_month_end(school, tot):
    """The one pass of `trends` (signalen.standen) against `schoolbreed` at each month end and at 31 July before:
    levels, students per signal, thuiszitters in and out."""
    leerlingen, records, meldingen, acties, _p, _later = school
    t = trends(CAL, INST, leerlingen, records, meldingen, acties, 2026, tot)

    def thuiszitters(p):
        return {(s.leerlingnummer, s.sinds) for s in schoolbreed(CAL, INST, leerlingen, records, meldingen, acties, p)[0]
                if s.soort is SignaalSoort.THUISZITTER}

    vorige = thuiszitters(date(2026, 7, 31))
    assert [m.peildatum for m in t.maanden] == peildata(2026, tot)
    for maand in t.maanden:
        signalen, niveaus = schoolbreed(CAL, INST, leerlingen, records, meldingen, acties, maand.peildatum)
        assert maand.per_niveau == {k: Counter(n.niveau for n in niveaus).get(k, 0) for k in (1, 2, 3)}
        per_soort = Counter(soort for _, soort in {(s.leerlingnummer, s.soort) for s in signalen})
        assert maand.per_signaal == {soort: per_soort.get(soort, 0) for soort in SignaalSoort}
        nu = thuiszitters(maand.peildatum)
        assert (maand.thuiszitters_in, maand.thuiszitters_uit) == (len(nu - vorige), len(vorige - nu))
        vorige = nu


@settings(max_examples=400, deadline=None)
@given(n=st.integers(0, 200), dagduur=st.sampled_from([5.0, 6.0, 6.5, 8.0]),
       drempels=st.tuples(st.sampled_from([2.5, 5.0, 7.0, 10.0]), st.sampled_from([5.0, 6.5, 10.0, 12.0])),
       welke=st.integers(0, 1), afstand=st.integers(-200, 200), drie=st.booleans())
def test_the_level_without_decimals_equals_the_level_with_them(n, dagduur, drempels, welke, afstand, drie):
    """The trends' shortcut for the level (no decimals away from a threshold) against the rule's rounding, with
    percentages on and within 0.2 of each threshold."""
    inst = SignaalInstellingen(dagduur, *drempels)
    som = max(0.0, (drempels[welke] + afstand / 1000) * n * dagduur / 100)
    assert signalen._niveau_getal(inst, som, n, drie) == signalen._kearney(inst, "", som, n, drie).niveau
