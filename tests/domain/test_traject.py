"""The praktijkkaart's rules as pure functions: the checklist and what is still open, the category of a
signal, nazorg dates, the Dutch input checks, besluit numbers, verzuim periods and the timeline order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.tijdlijn import (
    Gebeurtenis,
    Tijdlijnsoort,
    Verzuimperiode,
    filter_tijdlijn,
    sorteer_tijdlijn,
    verzuimperiodes,
)
from thuiszit_desktop.domain.traject import (
    CHECKLIST,
    Categorie,
    Sluitreden,
    Stap,
    categorie_voor_signaal,
    check_actiepunt,
    check_gesprek,
    check_mdo,
    check_sluiten,
    check_stap,
    checklist_item,
    nog_open,
    standaard_nazorg,
    volgend_besluitnummer,
    voorgestelde_stap,
    voortgang,
)
from thuiszit_desktop.domain.verzuim import Reden

VANDAAG = date(2026, 11, 23)
ALLE = [i.key for i in CHECKLIST]


def keys(items) -> list[str]:
    return [i.key for i in items]


# --- the checklist --------------------------------------------------------------------------------

@pytest.mark.parametrize("stap, verplicht", [
    (1, {"verzuim_geanalyseerd", "gemeld_bij_leerplicht", "swv_geinformeerd", "vanaf_dag_1_geregistreerd"}),
    (2, {"gesprek_leerling", "gesprek_ouders", "gesprekswijzer_meegegeven"}),
    (3, {"mdo_gepland", "toestemming_ouders", "partners_betrokken"}),
    (4, {"analyse_factoren", "plan_van_aanpak", "interventies_ingezet"}),
    (5, {"terugkeer_gestart", "evaluaties", "nazorg"}),
])
def test_each_step_has_the_items_of_the_praktijkkaart(stap, verplicht):
    assert verplicht <= {i.key for i in CHECKLIST if i.stap == stap}


def test_every_item_has_a_unique_key_a_dutch_label_and_a_help_line():
    assert len(set(ALLE)) == len(ALLE)
    for item in CHECKLIST:
        assert item.label[0].isupper() and len(item.hulp) > 30, item.key
    assert [s.titel for s in Stap][0] == "Leerlingen in beeld brengen en vasthouden"
    assert Stap(5).titel == "Weer terug in beeld brengen"


@pytest.mark.parametrize("gedaan, open_per_stap", [
    ([], {1: ["verzuim_geanalyseerd", "gemeld_bij_leerplicht", "swv_geinformeerd", "vanaf_dag_1_geregistreerd"],
          2: ["gesprek_leerling", "gesprek_ouders", "gesprekswijzer_meegegeven"],
          3: ["mdo_gepland", "toestemming_ouders", "partners_betrokken"],
          4: ["analyse_factoren", "plan_van_aanpak", "interventies_ingezet"],
          5: ["terugkeer_gestart", "evaluaties", "nazorg"]}),
    # any order: step 5 and 3 done before anything of step 1
    (["terugkeer_gestart", "evaluaties", "nazorg", "mdo_gepland"],
     {1: ["verzuim_geanalyseerd", "gemeld_bij_leerplicht", "swv_geinformeerd", "vanaf_dag_1_geregistreerd"],
      2: ["gesprek_leerling", "gesprek_ouders", "gesprekswijzer_meegegeven"],
      3: ["toestemming_ouders", "partners_betrokken"],
      4: ["analyse_factoren", "plan_van_aanpak", "interventies_ingezet"]}),
    (["verzuim_geanalyseerd", "gemeld_bij_leerplicht", "swv_geinformeerd", "vanaf_dag_1_geregistreerd",
      "gesprek_ouders", "onbekend_item"],
     {2: ["gesprek_leerling", "gesprekswijzer_meegegeven"],
      3: ["mdo_gepland", "toestemming_ouders", "partners_betrokken"],
      4: ["analyse_factoren", "plan_van_aanpak", "interventies_ingezet"],
      5: ["terugkeer_gestart", "evaluaties", "nazorg"]}),
    (ALLE, {}),
])
def test_what_is_still_open_per_step(gedaan, open_per_stap):
    assert {int(s): keys(items) for s, items in nog_open(gedaan).items()} == open_per_stap


@pytest.mark.parametrize("gedaan, stap", [
    ([], Stap.IN_BEELD),
    (["verzuim_geanalyseerd", "gemeld_bij_leerplicht", "swv_geinformeerd", "vanaf_dag_1_geregistreerd"], Stap.CONTACT),
    ([k for k in ALLE if k != "interventies_ingezet"], Stap.INTERVENTIE),
    (ALLE, Stap.TERUG_IN_BEELD),
])
def test_the_suggested_step_is_the_first_with_something_open(gedaan, stap):
    assert voorgestelde_stap(gedaan) is stap


@given(st.sets(st.sampled_from(ALLE)))
def test_voortgang_splits_every_step_into_done_and_open(gedaan):
    stappen = voortgang(gedaan)
    assert [v.stap for v in stappen] == list(Stap)
    for v in stappen:
        items = [i for i in CHECKLIST if i.stap == v.stap]
        assert set(keys(v.gedaan)) | set(keys(v.open)) == set(keys(items))
        assert set(keys(v.gedaan)) == set(keys(items)) & gedaan
        assert v.compleet == (not v.open)


def test_an_unknown_item_or_step_is_a_dutch_error():
    assert checklist_item("mdo_gepland").stap is Stap.SAMENWERKEN
    with pytest.raises(InvoerFout, match="Onbekend onderdeel van de checklist"):
        checklist_item("koffie")
    assert check_stap("4") is Stap.INTERVENTIE
    for fout in (0, 6, "x"):
        with pytest.raises(InvoerFout, match="Kies een stap van 1 tot en met 5"):
            check_stap(fout)


# --- categories, closing and nazorg ---------------------------------------------------------------

@pytest.mark.parametrize("soort, categorie", [
    (SignaalSoort.MELDPLICHT_16U, Categorie.DREIGEND_THUISZITTER),
    (SignaalSoort.THUISZITTER, Categorie.THUISZITTER),
    (SignaalSoort.THUISZITTER_3MND, Categorie.THUISZITTER),
    (SignaalSoort.LANGDURIG_AFWEZIG, Categorie.DREIGEND_THUISZITTER),
    (SignaalSoort.MAZL, Categorie.ZORGWEKKEND_ZIEKTEVERZUIM),
    (SignaalSoort.LUXE_VERZUIM, Categorie.DREIGEND_THUISZITTER),
    (SignaalSoort.ABSOLUUT_VERZUIM, Categorie.ABSOLUUT_VERZUIM),
])
def test_every_signal_has_a_starting_category(soort, categorie):
    assert categorie_voor_signaal(soort) is categorie
    assert categorie_voor_signaal(soort.value) is categorie


@pytest.mark.parametrize("gesloten, verwacht", [
    (date(2026, 11, 23), [date(2027, 1, 4), date(2027, 2, 23), date(2027, 11, 23)]),
    (date(2026, 11, 30), [date(2027, 1, 11), date(2027, 2, 28), date(2027, 11, 30)]),  # no 30 February
    (date(2028, 2, 29), [date(2028, 4, 11), date(2028, 5, 29), date(2029, 2, 28)]),  # leap day
])
def test_default_nazorg_after_6_weeks_3_months_and_1_year(gesloten, verwacht):
    momenten = standaard_nazorg(gesloten)
    assert [d for d, _ in momenten] == verwacht
    assert [o for _, o in momenten] == ["Nazorg na 6 weken", "Nazorg na 3 maanden", "Nazorg na 1 jaar"]


GEOPEND = date(2026, 9, 1)


@pytest.mark.parametrize("reden, toelichting, datum, veld, melding", [
    ("anders", "", VANDAAG, "toelichting", "Licht toe waarom"),
    ("anders", "   ", VANDAAG, "toelichting", "Licht toe waarom"),
    ("weggelopen", "", VANDAAG, "reden", "Kies waarom"),
    ("terug_naar_school", "", VANDAAG + timedelta(days=1), "datum", "niet in de toekomst"),
    ("verhuisd", "", GEOPEND - timedelta(days=1), "datum", "vóór de opening"),
])
def test_closing_needs_a_reden_and_a_sensible_date(reden, toelichting, datum, veld, melding):
    with pytest.raises(InvoerFout) as exc:
        check_sluiten(reden, toelichting, datum, GEOPEND, VANDAAG)
    assert melding in exc.value.fouten[veld]


@pytest.mark.parametrize("reden, toelichting", [
    ("terug_naar_school", ""), ("anders", "Leerling volgt een particulier traject"), (Sluitreden.VERHUISD, ""),
])
def test_closing_with_a_good_reden(reden, toelichting):
    assert check_sluiten(reden, toelichting, VANDAAG, GEOPEND, VANDAAG) is Sluitreden(reden)


# --- gesprekken, MDO's, actiepunten ---------------------------------------------------------------

@pytest.mark.parametrize("datum, samenvatting, velden", [
    (VANDAAG + timedelta(days=1), "Gesprek over de ochtenden", {"datum"}),
    (None, "Gesprek", {"datum"}),
    (VANDAAG, "  ", {"samenvatting"}),
    (VANDAAG + timedelta(days=30), "", {"datum", "samenvatting"}),
])
def test_a_gesprek_cannot_be_in_the_future_and_needs_a_summary(datum, samenvatting, velden):
    with pytest.raises(InvoerFout) as exc:
        check_gesprek(datum, samenvatting, VANDAAG)
    assert set(exc.value.fouten) == velden
    if datum is not None and datum > VANDAAG:
        assert exc.value.fouten["datum"] == ("De datum van het gesprek kan niet in de toekomst liggen. "
                                             "Controleer de datum.")


def test_a_gesprek_today_or_earlier_is_fine():
    check_gesprek(VANDAAG, "Zoë vertelt dat de ochtenden zwaar zijn", VANDAAG)
    check_gesprek(date(2025, 1, 6), "Eerder gesprek", VANDAAG)


def test_an_mdo_needs_a_date():
    with pytest.raises(InvoerFout) as exc:
        check_mdo(None)
    assert exc.value.fouten == {"datum": "Vul de datum van het MDO in."}
    assert check_mdo(VANDAAG + timedelta(days=14)) == VANDAAG + timedelta(days=14)  # planned ahead: fine


@pytest.mark.parametrize("wat, eigenaar, uiterlijk, velden", [
    ("Jeugdarts bellen", False, VANDAAG, {"wie"}),
    ("Jeugdarts bellen", True, None, {"uiterlijk"}),
    ("Jeugdarts bellen", False, None, {"wie", "uiterlijk"}),
    ("", True, VANDAAG, {"wat"}),
])
def test_an_actiepunt_needs_what_who_and_a_deadline(wat, eigenaar, uiterlijk, velden):
    with pytest.raises(InvoerFout) as exc:
        check_actiepunt(wat, eigenaar, uiterlijk)
    assert set(exc.value.fouten) == velden
    assert all(m.endswith(".") for m in exc.value.fouten.values())


@pytest.mark.parametrize("bestaande, volgende", [([], 1), ([1], 2), ([1, 2, 3], 4), ([2, 1], 3)])
def test_besluiten_are_numbered_per_mdo(bestaande, volgende):
    assert volgend_besluitnummer(bestaande) == volgende


# --- verzuim periods and the timeline -------------------------------------------------------------

VAKANTIE = {date(2026, 10, 19) + timedelta(days=i) for i in range(5)}  # herfstvakantie (weekdays)


def lesdag(d: date) -> bool:
    return d.weekday() < 5 and d not in VAKANTIE


def dagen(van: date, tot: date, uren: float, reden: Reden) -> dict[date, dict[Reden, float]]:
    uit = {}
    d = van
    while d <= tot:
        if lesdag(d):
            uit[d] = {reden: uren}
        d += timedelta(days=1)
    return uit


@pytest.mark.parametrize("invoer, titels", [
    # two lesweken with a weekend between: one period
    (dagen(date(2026, 9, 14), date(2026, 9, 25), 4, Reden.ONGEOORLOOFD),
     ["Afwezig 14-09 t/m 25-09 (ongeoorloofd 40 uur)"]),
    # a lesdag without absence between: two periods
    ({**dagen(date(2026, 9, 14), date(2026, 9, 15), 6, Reden.ZIEK),
      **dagen(date(2026, 9, 17), date(2026, 9, 17), 2.5, Reden.ONGEOORLOOFD)},
     ["Afwezig 14-09 t/m 15-09 (ziek 12 uur)", "Afwezig 17-09 (ongeoorloofd 2,5 uur)"]),
    # the herfstvakantie does not break a period
    ({**dagen(date(2026, 10, 15), date(2026, 10, 16), 6, Reden.ZIEK),
      **dagen(date(2026, 10, 26), date(2026, 10, 26), 6, Reden.ZIEK)},
     ["Afwezig 15-10 t/m 26-10 (ziek 18 uur)"]),
    # several redenen on one day, in the fixed order of the redenen; across a new year with the year
    ({date(2026, 12, 31): {Reden.ZIEK: 2, Reden.ONGEOORLOOFD: 1}, date(2027, 1, 1): {Reden.VERLOF: 6}},
     ["Afwezig 31-12-2026 t/m 01-01-2027 (ongeoorloofd 1 uur, ziek 2 uur, verlof 6 uur)"]),
    ({}, []),
])
def test_verzuim_is_merged_into_periods_of_consecutive_lesdagen(invoer, titels):
    assert [p.titel for p in verzuimperiodes(invoer, lesdag)] == titels


def test_a_period_knows_its_dates_and_hours():
    [p] = verzuimperiodes(dagen(date(2026, 9, 14), date(2026, 9, 25), 4, Reden.ONGEOORLOOFD), lesdag)
    assert p == Verzuimperiode(date(2026, 9, 14), date(2026, 9, 25), {Reden.ONGEOORLOOFD: 40.0})
    assert p.detail == "ongeoorloofd 40 uur"


def test_the_timeline_is_chronological_then_by_kind_and_filters_on_kind():
    g = [
        Gebeurtenis(date(2026, 10, 1), Tijdlijnsoort.ACTIEPUNT, "Actiepunt", referentie="actiepunt:2"),
        Gebeurtenis(date(2026, 10, 1), Tijdlijnsoort.MDO, "MDO", referentie="mdo:1"),
        Gebeurtenis(date(2026, 9, 18), Tijdlijnsoort.TRAJECT, "Traject geopend", referentie="traject:1"),
        Gebeurtenis(date(2026, 10, 1), Tijdlijnsoort.BESLUIT, "Besluit 2", referentie="besluit:10"),
        Gebeurtenis(date(2026, 10, 1), Tijdlijnsoort.BESLUIT, "Besluit 1", referentie="besluit:9"),
        Gebeurtenis(date(2026, 10, 1), Tijdlijnsoort.STAP, "Naar stap 3", referentie="traject:1"),
    ]
    assert [x.titel for x in sorteer_tijdlijn(g)] == [
        "Traject geopend", "Naar stap 3", "MDO", "Besluit 1", "Besluit 2", "Actiepunt"]
    assert [x.titel for x in filter_tijdlijn(sorteer_tijdlijn(g), ["besluit", Tijdlijnsoort.MDO])] == [
        "MDO", "Besluit 1", "Besluit 2"]
    assert filter_tijdlijn(g, None) == g
    with pytest.raises(ValueError):
        filter_tijdlijn(g, ["koffie"])
