"""The quarterly thuiszittersoverzicht (domain/kwartaal.py) against hand-computed rows."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.formaat import leeftijd
from thuiszit_desktop.domain.formaat import maand as maand_tekst
from thuiszit_desktop.domain.kwartaal import (
    Categorie,
    Duur,
    Episode,
    Kwartaal,
    KwartaalFeiten,
    Status,
    als_tekst,
    duur,
    kwartaaloverzicht,
    laatste_lesweken,
    leerjaar,
    pseudoniem,
    rij,
)
from thuiszit_desktop.domain.leerling import Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.signalen import SignaalSoort

SLEUTEL = b"geheim-van-de-school"
Q1 = Kwartaal(2026, 1)  # 1 januari – 31 maart 2026
EIND = [date(2026, 3, d) for d in (23, 24, 25, 26, 27, 30, 31)]  # last 2 lesweken (ma 23-3 … di 31-3)


def maak(feiten: KwartaalFeiten, peildatum: date = date(2026, 3, 31)):
    return rij(feiten, Q1, peildatum, sleutel=SLEUTEL, schooltype="vo", lesuren_per_dag=6.0, eind_lesdagen=EIND)


# --- quarters ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("tekst", "jaar", "nummer", "van", "tot"), [
    ("2026-Q1", 2026, 1, date(2026, 1, 1), date(2026, 3, 31)),
    ("2026-q2", 2026, 2, date(2026, 4, 1), date(2026, 6, 30)),
    (" 2025Q3 ", 2025, 3, date(2025, 7, 1), date(2025, 9, 30)),
    ("2024-Q4", 2024, 4, date(2024, 10, 1), date(2024, 12, 31)),
])
def test_a_quarter_is_a_calendar_quarter(tekst, jaar, nummer, van, tot):
    k = Kwartaal.parse(tekst)
    assert (k.jaar, k.nummer, k.van, k.tot) == (jaar, nummer, van, tot)
    assert str(k) == f"{jaar}-Q{nummer}"


@pytest.mark.parametrize("tekst", ["2026-Q5", "2026-Q0", "26-Q1", "2026-1", "", "Q1-2026"])
def test_a_bad_quarter_gets_a_dutch_message(tekst):
    with pytest.raises(InvoerFout) as exc:
        Kwartaal.parse(tekst)
    assert "JJJJ-Qn" in exc.value.fouten["kwartaal"]


def test_the_last_complete_quarter():
    assert Kwartaal.laatste_volledige(date(2026, 11, 23)) == Kwartaal(2026, 3)
    assert Kwartaal.laatste_volledige(date(2026, 1, 1)) == Kwartaal(2025, 4)
    assert Kwartaal.laatste_volledige(date(2026, 3, 31)) == Kwartaal(2025, 4)
    assert Kwartaal(2025, 4).volgende() == Kwartaal(2026, 1)


# --- building blocks --------------------------------------------------------------------------------

def test_duration_buckets_at_their_boundaries():
    start = date(2026, 1, 12)
    assert duur(start, date(2026, 2, 8)) == Duur.KORT  # 27 days
    assert duur(start, date(2026, 2, 9)) == Duur.MIDDEL  # exactly 4 weeks
    assert duur(start, date(2026, 4, 12)) == Duur.MIDDEL  # exactly 3 months
    assert duur(start, date(2026, 4, 13)) == Duur.LANG  # 3 months and a day
    # 30 November + 3 months = 28 February (the day does not exist): the 1st of March is longer.
    assert duur(date(2025, 11, 30), date(2026, 2, 28)) == Duur.MIDDEL
    assert duur(date(2025, 11, 30), date(2026, 3, 1)) == Duur.LANG


def test_pseudonym_is_stable_short_and_depends_on_the_secret():
    a = pseudoniem(SLEUTEL, 17)
    assert a == pseudoniem(SLEUTEL, 17)
    assert a.startswith("TZ-") and len(a) == 8
    assert a != pseudoniem(SLEUTEL, 18)
    assert a != pseudoniem(b"een-andere-school", 17)
    assert not set(a[3:]) & set("ILOU")
    assert len({pseudoniem(SLEUTEL, i) for i in range(2000)}) == 2000


@pytest.mark.parametrize(("klas", "jaar"), [("2B", 2), ("H3a", 3), ("vwo 5", 5), ("brugklas", None), ("", None),
                                            ("12", None)])
def test_leerjaar_from_the_klas(klas, jaar):
    assert leerjaar(klas) == jaar


def test_age_on_a_day():
    assert leeftijd(date(2012, 3, 31), date(2026, 3, 31)) == 14
    assert leeftijd(date(2012, 4, 1), date(2026, 3, 31)) == 13


def test_last_two_lesweken_skip_a_holiday_week():
    # week 9 (23–27 feb) is voorjaarsvakantie: the last two lesweken before 6 March are weeks 8 and 10.
    dagen = [date(2026, 2, d) for d in (16, 17, 18, 19, 20)] + [date(2026, 3, d) for d in (2, 3, 4, 5, 6)]
    assert laatste_lesweken([date(2026, 2, 9), *dagen]) == dagen


# --- hand-computed rows -----------------------------------------------------------------------------

def test_a_student_still_home_at_the_end_of_the_quarter():
    # Thuiszitter since 12 January, still on 31 March: 12-1 + 3 months = 12-4 ≥ 31-3, so the middle bucket.
    r = maak(KwartaalFeiten(1, date(2012, 5, 1), "2B", episodes=(Episode(SignaalSoort.THUISZITTER, date(2026, 1, 12)),),
                            interventies=("Verzuimcoach", "Aangepast rooster", "Verzuimcoach")))
    assert r is not None
    assert als_tekst(r) == [pseudoniem(SLEUTEL, 1), "13", "vo", "2", "langdurig relatief verzuim", "januari 2026",
                            "", "4 weken tot 3 maanden", "Verzuimcoach, Aangepast rooster", "thuiszittend"]


@pytest.mark.parametrize(("interventies", "heeft_plan", "aanbod"), [
    (("Verzuimcoach",), True, "Verzuimcoach"),
    ((), True, "geen"),  # a plan van aanpak without an interventie for this quarter
    ((), False, "onbekend"),  # no plan van aanpak: nothing recorded
])
def test_aanbod_says_geen_or_onbekend_when_empty(interventies, heeft_plan, aanbod):
    r = maak(KwartaalFeiten(1, date(2012, 5, 1), "2B", episodes=(Episode(SignaalSoort.THUISZITTER, date(2026, 1, 12)),),
                            interventies=interventies, heeft_plan=heeft_plan))
    assert r.aanbod == aanbod and als_tekst(r)[8] == aanbod


@pytest.mark.parametrize(("d", "tekst"), [(date(2026, 1, 31), "januari 2026"), (date(2025, 12, 1), "december 2025"),
                                          (None, "")])
def test_start_and_end_are_shown_as_months(d, tekst):
    assert maand_tekst(d) == tekst


def test_a_student_who_returned_during_the_quarter_keeps_the_row():
    # Thuiszitter from 5 January; the signal held for the last time on Friday 13 February (returned on the
    # 16th): 5-1 → 13-2 is 39 days, so 4 weeks to 3 months. Afterwards hardly absent: terug op school.
    feiten = KwartaalFeiten(2, date(2011, 9, 9), "3H",
                            episodes=(Episode(SignaalSoort.THUISZITTER, date(2026, 1, 5), date(2026, 2, 13)),),
                            afwezig_eind={date(2026, 3, 24): 2.0})
    r = maak(feiten)
    assert (r.categorie, r.startdatum, r.einddatum, r.duur, r.status) == (
        Categorie.LANGDURIG_RELATIEF, date(2026, 1, 5), date(2026, 2, 13), Duur.MIDDEL, Status.TERUG)
    # Missing a quarter of the lesuren of the last two lesweken (7 days × 6 h × 25% = 10.5 h): partly back.
    deels = KwartaalFeiten(2, date(2011, 9, 9), "3H", episodes=feiten.episodes,
                           afwezig_eind={d: 1.5 for d in EIND})
    assert maak(deels).status == Status.GEDEELTELIJK_TERUG
    net_niet = KwartaalFeiten(2, date(2011, 9, 9), "3H", episodes=feiten.episodes,
                              afwezig_eind={d: 1.4 for d in EIND})
    assert maak(net_niet).status == Status.TERUG


def test_partly_back_counts_only_the_days_after_the_return():
    # Returned on Thursday 26 March: the whole-day absence before it does not count, 2 of 3 days after do.
    feiten = KwartaalFeiten(3, date(2011, 1, 1), "", episodes=(
        Episode(SignaalSoort.LANGDURIG_AFWEZIG, date(2026, 2, 2), date(2026, 3, 25)),),
        afwezig_eind={**{d: 6.0 for d in EIND[:3]}, date(2026, 3, 27): 1.0})
    r = maak(feiten)
    assert (r.categorie, r.leerjaar, r.status, r.duur) == (Categorie.DREIGEND, None, Status.TERUG, Duur.MIDDEL)
    zwaar = KwartaalFeiten(3, date(2011, 1, 1), "", episodes=feiten.episodes,
                           afwezig_eind={date(2026, 3, 26): 6.0, date(2026, 3, 27): 0.5})
    assert maak(zwaar).status == Status.GEDEELTELIJK_TERUG  # 6.5 of 18 lesuren


def test_a_student_with_a_vrijstelling_5a():
    # 5a from 1 October 2025, no end: in the overview, status vrijstelling, longer than 3 months on 31 March.
    r = maak(KwartaalFeiten(4, date(2013, 6, 15), "1A",
                            vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2025, 10, 1)),)))
    assert (r.categorie, r.startdatum, r.einddatum, r.duur, r.status, r.leeftijd) == (
        Categorie.VRIJSTELLING_5A, date(2025, 10, 1), None, Duur.LANG, Status.VRIJSTELLING, 12)


def test_a_vrijstelling_5a_that_ended_in_the_quarter_and_other_articles():
    # 5a until 31 January, then back: einddatum 31-1; a 5b vrijstelling alone does not put a student in it.
    r = maak(KwartaalFeiten(5, date(2013, 6, 15), "1A", vrijstellingen=(
        Vrijstelling(VrijstellingType.ART_5A, date(2025, 9, 1), date(2026, 1, 31)),)))
    assert (r.categorie, r.einddatum, r.duur, r.status) == (
        Categorie.VRIJSTELLING_5A, date(2026, 1, 31), Duur.LANG, Status.TERUG)
    assert maak(KwartaalFeiten(6, date(2013, 6, 15), vrijstellingen=(
        Vrijstelling(VrijstellingType.ART_5B, date(2025, 9, 1)),))) is None
    # A 5a that ended before the quarter: not in it.
    assert maak(KwartaalFeiten(7, date(2013, 6, 15), vrijstellingen=(
        Vrijstelling(VrijstellingType.ART_5A, date(2025, 9, 1), date(2025, 12, 31)),))) is None


def test_thuiszitter_who_got_a_vrijstelling_5a_is_counted_as_5a():
    r = maak(KwartaalFeiten(8, date(2012, 1, 1), "2C",
                            episodes=(Episode(SignaalSoort.THUISZITTER, date(2025, 12, 1), date(2026, 2, 27)),),
                            vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2026, 3, 2)),)))
    assert (r.categorie, r.startdatum, r.einddatum, r.duur, r.status) == (
        Categorie.VRIJSTELLING_5A, date(2025, 12, 1), None, Duur.LANG, Status.VRIJSTELLING)


def test_absoluut_verzuim_and_ander_onderwijs():
    # Uitgeschreven 2 March without a new school: absoluut verzuim from that day, under 4 weeks on 27 March.
    r = maak(KwartaalFeiten(9, date(2010, 2, 2), "4V", uitschrijfdatum=date(2026, 3, 2),
                            episodes=(Episode(SignaalSoort.ABSOLUUT_VERZUIM, date(2026, 3, 2)),)),
             peildatum=date(2026, 3, 27))
    assert (r.categorie, r.duur, r.status) == (Categorie.ABSOLUUT, Duur.KORT, Status.THUISZITTEND)
    # A thuiszitter who went to another school on 1 March (the signal held until 27 February).
    r = maak(KwartaalFeiten(10, date(2010, 2, 2), "4V", uitschrijfdatum=date(2026, 3, 1), bestemming="De Brug",
                            episodes=(Episode(SignaalSoort.THUISZITTER, date(2026, 1, 26), date(2026, 2, 27)),)))
    assert (r.categorie, r.einddatum, r.duur, r.status) == (
        Categorie.LANGDURIG_RELATIEF, date(2026, 2, 27), Duur.MIDDEL, Status.ANDER_ONDERWIJS)


def test_several_episodes_the_last_situation_decides_the_categorie():
    # Dreigend (ill) from 8 January to 6 February, then thuiszitter from 9 February on: start is 8 January.
    r = maak(KwartaalFeiten(11, date(2012, 1, 1), "2A", episodes=(
        Episode(SignaalSoort.LANGDURIG_AFWEZIG, date(2026, 1, 8), date(2026, 2, 6)),
        Episode(SignaalSoort.THUISZITTER, date(2026, 2, 9)))))
    assert (r.categorie, r.startdatum, r.duur, r.status) == (
        Categorie.LANGDURIG_RELATIEF, date(2026, 1, 8), Duur.MIDDEL, Status.THUISZITTEND)


def test_nothing_in_the_quarter_means_no_row():
    assert maak(KwartaalFeiten(12, date(2012, 1, 1), "2A")) is None
    # An episode that ended before the quarter began.
    assert maak(KwartaalFeiten(13, date(2012, 1, 1), "2A", episodes=(
        Episode(SignaalSoort.THUISZITTER, date(2025, 10, 1), date(2025, 12, 19)),))) is None
    # A signal this overview does not count.
    assert maak(KwartaalFeiten(14, date(2012, 1, 1), "2A", episodes=(
        Episode(SignaalSoort.MAZL, date(2026, 2, 1)),))) is None


def test_the_overview_sorts_and_counts():
    feiten = [
        KwartaalFeiten(1, date(2012, 5, 1), "2B", episodes=(Episode(SignaalSoort.THUISZITTER, date(2026, 1, 12)),)),
        KwartaalFeiten(4, date(2013, 6, 15), "1A",
                       vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2025, 10, 1)),)),
        KwartaalFeiten(9, date(2010, 2, 2), "4V", uitschrijfdatum=date(2026, 3, 2),
                       episodes=(Episode(SignaalSoort.ABSOLUUT_VERZUIM, date(2026, 3, 2)),)),
        KwartaalFeiten(12, date(2012, 1, 1), "2A"),
    ]
    o = kwartaaloverzicht(Q1, date(2026, 3, 31), feiten, school="Het Baken", sleutel=SLEUTEL, schooltype="vo",
                          lesuren_per_dag=6.0, eind_lesdagen=EIND)
    assert [r.categorie for r in o.rijen] == [Categorie.ABSOLUUT, Categorie.LANGDURIG_RELATIEF,
                                             Categorie.VRIJSTELLING_5A]
    assert o.volledig
    assert o.per_categorie() == {Categorie.ABSOLUUT: 1, Categorie.LANGDURIG_RELATIEF: 1,
                                 Categorie.VRIJSTELLING_5A: 1, Categorie.DREIGEND: 0}
    assert o.per_status()[Status.THUISZITTEND] == 2 and o.per_status()[Status.VRIJSTELLING] == 1
    # 2 → 31 March is 29 days: at least 4 weeks.
    assert o.per_duur() == {Duur.KORT: 0, Duur.MIDDEL: 2, Duur.LANG: 1}
