"""The fictional demo school: size, login, validity, variety and determinism."""

from __future__ import annotations

import json
import logging
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop import app
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.actiepunt import Actiepunt
from thuiszit_desktop.domain.gesprek import Gesprek
from thuiszit_desktop.domain.kalender import SchoolCalendar
from thuiszit_desktop.domain.leerling import (
    Leerling,
    VrijstellingType,
    is_ingeschreven,
    is_kwalificatieplichtig,
    is_leerplichtig,
    schooljaar_start,
    validate_leerling,
)
from thuiszit_desktop.domain.mdo import Mdo, Partner
from thuiszit_desktop.domain.signalen import Niveau, Signaal, SignaalInstellingen, SignaalSoort, schoolbreed
from thuiszit_desktop.domain.tijdlijn import Gebeurtenis, Tijdlijnsoort
from thuiszit_desktop.domain.traject import (
    ActiepuntStatus,
    Analyse,
    Categorie,
    GesprekType,
    MdoRol,
    Sluitreden,
    Stap,
    StapChecklist,
    Traject,
    Verzuimtype,
)
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.domain.verzuimcodes import STANDAARD
from thuiszit_desktop.services import demo, session


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, date]:
    """The demo as the `demo` command makes it: today's date, password 'demo'. Closed after creation."""
    path = session.database_path(tmp_path_factory.mktemp("demo") / "data")
    vandaag = date.today()
    services = demo.create_demo_school(path, "demo")
    services.close()
    return path, vandaag


@pytest.fixture(scope="module")
def leerlingen(demo_db) -> list[Leerling]:
    """Every student, read back from the database."""
    path, _ = demo_db
    services = session.login(path, "demo", "demo")
    try:
        return [services.leerlingen.get(r.leerlingnummer) for r in services.leerlingen.lijst()]
    finally:
        services.close()


def test_about_600_students_in_24_klassen_with_one_mentor_each(demo_db):
    path, _ = demo_db
    services = session.login(path, "demo", "demo")
    try:
        rows = services.leerlingen.lijst()
        assert 550 <= len(rows) <= 650
        assert len(services.leerlingen.klassen()) == 24
        assert services.leerlingen.klassen()[:6] == ["1A", "1B", "1C", "1D", "1E", "2A"]
        assert len(services.leerlingen.mentoren()) == 24
        mentor_per_klas = {(r.klas, r.mentor) for r in rows}
        assert len(mentor_per_klas) == 24 and all(m for _, m in mentor_per_klas)
        assert services.school.get().naam == "Het Wilgenlanden College"
    finally:
        services.close()


def test_login_as_demo_with_password_demo(demo_db):
    path, _ = demo_db
    services = session.login(path, "demo", "demo")
    try:
        assert services.gebruiker.naam == "demo"
        assert services.gebruiker.rol.value == "zorgcoordinator"
    finally:
        services.close()


def test_every_student_is_valid_and_tidy(leerlingen, demo_db):
    _, vandaag = demo_db
    for leerling in leerlingen:
        assert validate_leerling(leerling, vandaag) == leerling, leerling.leerlingnummer
        assert leerling.inschrijfdatum <= vandaag
        assert leerling.uitschrijfdatum is None or leerling.uitschrijfdatum <= vandaag


def test_no_bsn_or_onderwijsnummer_and_only_fictional_contact_details(leerlingen):
    assert not any(s.bsn or s.onderwijsnummer for s in leerlingen)
    ouders = [o for s in leerlingen for o in s.ouders]
    assert all(re.fullmatch(r"06-00\d{6}", o.telefoon) for o in ouders)
    assert all(re.fullmatch(r"[a-z0-9.]+@example\.nl", o.email) for o in ouders)
    assert all(o.adres for o in ouders)


def test_ouders_vary(leerlingen):
    assert all(1 <= len(s.ouders) <= 2 for s in leerlingen)
    assert Counter(len(s.ouders) for s in leerlingen).keys() == {1, 2}
    relaties = Counter(o.relatie.value for s in leerlingen for o in s.ouders)
    assert {"moeder", "vader", "verzorger", "pleegouder", "voogd"} <= relaties.keys()
    assert any(not o.gezag for s in leerlingen for o in s.ouders)
    assert len({o.contactvoorkeur for s in leerlingen for o in s.ouders}) == 3
    # separated parents: two addresses for one student
    assert any(len(s.ouders) == 2 and s.ouders[0].adres != s.ouders[1].adres for s in leerlingen)


def test_names_are_diverse(leerlingen):
    namen = " ".join(s.naam for s in leerlingen)
    for teken in "ëÇŞıł":
        assert teken in namen, teken
    tussenvoegsels = {s.tussenvoegsel for s in leerlingen}
    assert {"de", "van", "van den", "van der"} <= tussenvoegsels
    assert len({s.achternaam for s in leerlingen}) > 100
    assert len({s.voornaam for s in leerlingen}) > 150
    # the student list shows the name as the school writes it
    assert any(s.sorteernaam.startswith("Vries, ") for s in leerlingen if s.tussenvoegsel == "de")


def test_variety_of_status(leerlingen, demo_db):
    _, vandaag = demo_db
    uit = [s for s in leerlingen if s.uitschrijfdatum]
    assert 5 <= len(uit) <= 30
    assert any(s.bestemming for s in uit)
    assert any(not s.bestemming and not s.vrijstellingen for s in uit)  # absoluut verzuim
    assert all(not s.bestemming for s in leerlingen if not s.uitschrijfdatum)

    soorten = Counter(v.type for s in leerlingen for v in s.vrijstellingen)
    assert soorten[VrijstellingType.ART_5A] >= 2 and soorten[VrijstellingType.ART_5C] >= 1
    assert any(v.active_on(vandaag) for s in leerlingen for v in s.vrijstellingen)

    ingeschreven = [s for s in leerlingen if is_ingeschreven(s, vandaag)]
    assert sum(is_leerplichtig(s, vandaag) for s in ingeschreven) > 300
    assert sum(is_kwalificatieplichtig(s, vandaag) for s in ingeschreven) > 50
    assert 1 <= sum(s.startkwalificatie for s in leerlingen) <= 10
    assert all(s.klas[:2] in ("5V", "6V") for s in leerlingen if s.startkwalificatie)


def test_ages_fit_the_leerjaar(leerlingen, demo_db):
    _, vandaag = demo_db
    start = date(vandaag.year if vandaag.month >= 8 else vandaag.year - 1, 8, 1)
    for s in leerlingen:
        leerjaar = int(s.klas[0])
        leeftijd_op_1_oktober = (date(start.year, 10, 1) - s.geboortedatum).days // 365.25
        assert 10 + leerjaar <= leeftijd_op_1_oktober <= 13 + leerjaar, (s.klas, s.geboortedatum)


def test_the_same_seed_and_day_give_the_same_school():
    vandaag = date(2026, 11, 23)
    eerste = demo.fictional_students(600, random.Random(demo.SEED), vandaag)
    tweede = demo.fictional_students(600, random.Random(demo.SEED), vandaag)
    assert eerste == tweede
    assert demo.fictional_students(600, random.Random(demo.SEED + 1), vandaag) != eerste


def _verzuim_en_signalen(services) -> tuple:
    overzicht = services.signalen.overzicht()
    rijen = sorted(m.Verzuim.select(m.Verzuim.leerling, m.Verzuim.datum, m.Verzuim.uren, m.Verzuim.reden,
                                    m.Verzuim.code).tuples())
    meldingen = sorted(m.Verzuimmelding.select(m.Verzuimmelding.leerling, m.Verzuimmelding.datum,
                                               m.Verzuimmelding.einddatum, m.Verzuimmelding.kenmerk).tuples())
    return overzicht.bijgewerkt_tot, overzicht.signalen, overzicht.niveaus, overzicht.besprekingen, rijen, meldingen


def _trajecten_snapshot(services) -> tuple:
    """Everything step 4 wrote, without ids and the clock's timestamps."""
    tr = services.trajecten
    rijen = tr.lijst(None)
    per_traject = []
    for r in rijen:
        t = tr.get(r.id)
        per_traject.append((
            r.leerlingnummer, t.categorie, t.stap, t.status, t.geopend, t.aanleiding, t.signaal, t.signaal_datum,
            t.evaluatiedatum, t.gesloten, t.sluitreden, [(w.datum, w.van, w.naar) for w in t.stapwissels],
            [(n.datum, n.omschrijving, n.gedaan, n.notitie) for n in t.nazorg],
            [(x.datum, x.verslag, [(d.naam, d.rol) for d in x.deelnemers], [(b.nummer, b.tekst) for b in x.besluiten],
              [(a.organisatie, a.gegeven, a.datum) for a in x.toestemmingen]) for x in tr.mdos(r.id)],
            [(c.item.key, c.gedaan, c.datum, c.notitie) for st in tr.checklist(r.id) for c in st.regels],
            tr.analyse(r.id)))
    gesprekken = sorted((m.Leerling.get_by_id(g.leerling_id).leerlingnummer, g.datum, g.type, g.samenvatting,
                         g.deelnemers, g.vertrouwelijk) for g in m.Gesprek.select())
    actiepunten = [(a.leerlingnummer, a.wat, a.wie.naam, a.datum, a.uiterlijk, a.status, a.afgerond)
                   for a in tr.open_actiepunten()]
    return per_traject, gesprekken, actiepunten, [(p.naam, p.rol, p.organisatie) for p in tr.partners()]


def test_two_demo_databases_are_identical(tmp_path, demo_db, leerlingen):
    path, vandaag = demo_db
    again = demo.create_demo_school(session.database_path(tmp_path / "data"), "demo", vandaag=vandaag)
    try:
        tweede = [again.leerlingen.get(r.leerlingnummer) for r in again.leerlingen.lijst()]
        verzuim_tweede = _verzuim_en_signalen(again)
        trajecten_tweede = _trajecten_snapshot(again)
    finally:
        again.close()
    assert tweede == leerlingen
    eerste = session.login(path, "demo", "demo")
    try:
        assert _verzuim_en_signalen(eerste) == verzuim_tweede
        assert _trajecten_snapshot(eerste) == trajecten_tweede
    finally:
        eerste.close()
    assert len(trajecten_tweede[0]) >= 9  # whatever today is


def test_the_generator_scales_for_benchmarks():
    vandaag = date(2026, 11, 23)
    groot = demo.fictional_students(2000, random.Random(1), vandaag)
    assert len({s.leerlingnummer for s in groot}) == 2000
    assert len({s.klas for s in groot}) == 24
    assert sum(1 for s in groot if s.uitschrijfdatum) > 20
    klein = demo.fictional_students(30, random.Random(1), vandaag)
    assert len(klein) == 30
    assert all(validate_leerling(s, vandaag) == s for s in klein)


@settings(max_examples=25, deadline=None)
@given(vandaag=st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31)), seed=st.integers(0, 10**6))
def test_valid_and_varied_whatever_the_date(vandaag, seed):
    """The demo stays current: on any day there are leerplichtige and kwalificatieplichtige students."""
    leerlingen = demo.fictional_students(240, random.Random(seed), vandaag)
    for s in leerlingen:
        assert validate_leerling(s, vandaag) == s
        assert s.inschrijfdatum <= vandaag
        assert s.uitschrijfdatum is None or s.inschrijfdatum < s.uitschrijfdatum <= vandaag
    ingeschreven = [s for s in leerlingen if is_ingeschreven(s, vandaag)]
    assert any(is_leerplichtig(s, vandaag) for s in ingeschreven)
    assert any(is_kwalificatieplichtig(s, vandaag) for s in ingeschreven)
    assert any(s.uitschrijfdatum and s.bestemming for s in leerlingen)
    assert any(s.uitschrijfdatum and not s.bestemming for s in leerlingen)


def test_a_failure_while_filling_leaves_no_database(tmp_path, monkeypatch):
    path = session.database_path(tmp_path / "data")

    def kapot(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(demo, "_write_students", kapot)
    with pytest.raises(RuntimeError):
        demo.create_demo_school(path, "demo")
    assert not session.database_exists(path)
    assert not path.with_suffix(".sleutels").exists()
    monkeypatch.undo()
    demo.create_demo_school(path, "demo", aantal=24).close()  # a second attempt starts clean


# --- step 3: a school year of verzuim -------------------------------------------------------------

NOVEMBER = date(2026, 11, 23)  # a Monday: verzuim up to Friday 20 November
S = SignaalSoort


@dataclass
class _Demo:
    path: Path
    vandaag: date
    cal: SchoolCalendar
    signalen: list[Signaal]
    niveaus: list[Niveau]
    peildatum: date
    bijgewerkt_tot: date | None
    besproken: list[Signaal]
    klas: dict[str, str]
    verzuim: list[tuple]  # (leerlingnummer, datum, uren, reden, bron, code)
    meldingen: list[tuple]  # (leerlingnummer, datum, einddatum, soort)
    mazl: list[tuple]  # (leerlingnummer, datum)


@pytest.fixture(scope="module")
def november(tmp_path_factory) -> _Demo:
    """The demo as it opens on 23 November 2026, read back through the services."""
    path = session.database_path(tmp_path_factory.mktemp("november") / "data")
    services = demo.create_demo_school(path, "demo", vandaag=NOVEMBER)
    try:
        overzicht = services.signalen.overzicht()
        nummer = dict(m.Leerling.select(m.Leerling.id, m.Leerling.leerlingnummer).tuples())
        return _Demo(
            path, NOVEMBER, services.kalender.calendar(), overzicht.signalen, overzicht.niveaus, overzicht.peildatum,
            overzicht.bijgewerkt_tot, [s for s in overzicht.signalen if overzicht.besproken(s)],
            {r.leerlingnummer: r.klas for r in services.leerlingen.lijst()},
            [(nummer[r[0]], *r[1:]) for r in m.Verzuim.select(
                m.Verzuim.leerling, m.Verzuim.datum, m.Verzuim.uren, m.Verzuim.reden, m.Verzuim.bron,
                m.Verzuim.code).tuples()],
            [(nummer[r[0]], *r[1:]) for r in m.Verzuimmelding.select(
                m.Verzuimmelding.leerling, m.Verzuimmelding.datum, m.Verzuimmelding.einddatum,
                m.Verzuimmelding.soort).tuples()],
            [(nummer[r[0]], r[1]) for r in m.MazlActie.select(m.MazlActie.leerling, m.MazlActie.datum).tuples()])
    finally:
        services.close()


def _aantallen(signalen: list[Signaal]) -> Counter:
    return Counter(s.soort for s in signalen)


def _assert_levels_plausible(niveaus: list[Niveau]) -> None:
    per = Counter(n.niveau for n in niveaus)
    totaal = sum(per.values())
    assert totaal > 500
    assert 0.02 <= per[3] / totaal <= 0.12, per
    assert 0.05 <= per[2] / totaal <= 0.25, per
    assert per[1] / totaal >= 0.65, per


def test_the_demo_has_every_signal_a_plausible_number_of_times(november):
    aantal = _aantallen(november.signalen)
    assert set(aantal) == set(SignaalSoort), aantal
    assert 3 <= aantal[S.MELDPLICHT_16U] <= 8
    assert 3 <= aantal[S.THUISZITTER] <= 4
    assert 1 <= aantal[S.THUISZITTER_3MND] <= 2
    assert 2 <= aantal[S.LANGDURIG_AFWEZIG] <= 4
    assert 2 <= aantal[S.MAZL] <= 8
    assert 2 <= aantal[S.LUXE_VERZUIM] <= 6
    assert 1 <= aantal[S.ABSOLUUT_VERZUIM] <= 8
    # one signal per student and soort, and never more than a few per student
    assert len({(s.leerlingnummer, s.soort) for s in november.signalen if s.soort is not S.LUXE_VERZUIM}) == (
        len(november.signalen) - aantal[S.LUXE_VERZUIM])
    assert max(Counter(s.leerlingnummer for s in november.signalen).values()) <= 3


def test_the_cases_are_spread_over_the_klassen(november):
    klassen = {november.klas[s.leerlingnummer] for s in november.signalen}
    assert len(klassen) >= 12
    for soort in (S.MELDPLICHT_16U, S.THUISZITTER, S.LANGDURIG_AFWEZIG, S.MAZL, S.LUXE_VERZUIM):
        met = [s for s in november.signalen if s.soort is soort]
        assert len({november.klas[s.leerlingnummer] for s in met}) == len(met), soort


def test_kearneys_pyramid_has_the_usual_shape(november):
    _assert_levels_plausible(november.niveaus)
    # every thuiszitter is at level 3; most students miss little
    niveau = {n.leerlingnummer: n for n in november.niveaus}
    assert all(niveau[s.leerlingnummer].niveau == 3 for s in november.signalen if s.soort is S.THUISZITTER)
    pct = sorted(n.verzuimpercentage for n in november.niveaus)
    assert 1.0 <= pct[len(pct) // 2] <= 4.0  # the median student
    assert sum(p == 0 for p in pct) < len(pct) / 3


def test_meldplicht_both_overdue_and_still_to_do(november):
    meldplicht = [s for s in november.signalen if s.soort is S.MELDPLICHT_16U]
    te_laat = [s for s in meldplicht if s.uiterlijk < november.vandaag]
    nog_op_tijd = [s for s in meldplicht if s.uiterlijk >= november.vandaag]
    assert 1 <= len(te_laat) <= 2
    assert len(nog_op_tijd) >= 2
    assert all(s.uiterlijk <= november.vandaag + timedelta(days=10) for s in nog_op_tijd)  # the coming days


def test_registered_meldingen_mazl_acties_and_besprekingen(november):
    assert 4 <= len(november.meldingen) <= 15
    soorten = {MeldingSoort(soort) for *_, soort in november.meldingen}
    assert {MeldingSoort.ZESTIEN_UUR, MeldingSoort.LRV} <= soorten
    assert all(einddatum <= datum <= november.peildatum for _, datum, einddatum, _ in november.meldingen)
    # some 16-hour counts started afresh this school year: reported, no meldplicht signal since
    jaar = schooljaar_start(november.peildatum)
    gemeld = {nr for nr, _, einddatum, soort in november.meldingen if soort == "16_uur" and einddatum >= jaar}
    open_ = {s.leerlingnummer for s in november.signalen if s.soort is S.MELDPLICHT_16U}
    assert gemeld - open_
    assert 1 <= len(november.mazl) <= 5 and all(d <= november.peildatum for _, d in november.mazl)
    assert 1 <= len(november.besproken) <= 2


def test_verzuim_is_imported_per_day_on_lesdagen_up_to_bijgewerkt_tot(november):
    cal, peildatum = november.cal, november.peildatum
    assert november.bijgewerkt_tot == peildatum == date(2026, 11, 20)
    assert cal.is_lesdag(peildatum)
    assert not any(cal.is_lesdag(peildatum + timedelta(days=i)) for i in range(1, (NOVEMBER - peildatum).days))
    assert 2_000 <= len(november.verzuim) <= 20_000
    assert len({(nr, d) for nr, d, *_ in november.verzuim}) == len(november.verzuim)  # one record a day
    datums = {d for _, d, *_ in november.verzuim}
    assert all(cal.is_lesdag(d) and d <= peildatum for d in datums)
    assert min(datums) < schooljaar_start(peildatum)  # early in the school year: also the end of the last one
    for _, _, uren, reden, bron, code in november.verzuim:
        assert bron == "import" and uren in (1, 2, 3, 4, 5, 6)
        assert STANDAARD.vertaal(code) is Reden(reden)
    codes = Counter(code for *_, code in november.verzuim)
    assert {"Z", "S", "A", "V", "M", "EH", "GE"} <= codes.keys()
    assert codes.most_common(1)[0][0] == "Z"  # most absence is illness


# Early and late in a school year, straight from the generator (no database): the calendar is the demo's.

def _genereer(cal: SchoolCalendar, vandaag: date, seed: int = demo.SEED, aantal: int = demo.AANTAL_LEERLINGEN):
    rng = random.Random(seed)
    leerlingen = demo.fictional_students(aantal, rng, vandaag)
    return leerlingen, demo.fictional_verzuim(leerlingen, cal, vandaag, rng)


def _signalen(cal: SchoolCalendar, leerlingen, gemaakt) -> tuple[list[Signaal], list[Niveau]]:
    return schoolbreed(cal, SignaalInstellingen(), leerlingen, gemaakt.verzuim_per_leerling(),
                       gemaakt.meldingen_per_leerling(), gemaakt.mazl_per_leerling(), gemaakt.bijgewerkt_tot)


@pytest.mark.parametrize("vandaag", [date(2026, 9, 10), date(2027, 6, 20)], ids=["september", "juni"])
def test_every_signal_early_and_late_in_the_school_year(november, vandaag):
    leerlingen, gemaakt = _genereer(november.cal, vandaag)
    peildatum = gemaakt.bijgewerkt_tot
    assert peildatum == {date(2026, 9, 10): date(2026, 9, 9), date(2027, 6, 20): date(2027, 6, 18)}[vandaag]
    signalen, niveaus = _signalen(november.cal, leerlingen, gemaakt)
    aantal = _aantallen(signalen)
    assert set(aantal) == set(SignaalSoort), aantal
    assert aantal[S.THUISZITTER] <= 4 and aantal[S.MELDPLICHT_16U] <= 8 and aantal[S.MAZL] <= 8
    _assert_levels_plausible(niveaus)
    assert any(s.uiterlijk < vandaag for s in signalen if s.soort is S.MELDPLICHT_16U)
    assert any(s.uiterlijk >= vandaag for s in signalen if s.soort is S.MELDPLICHT_16U)
    if vandaag.month == 9:  # more than three months at home: since before the summer
        assert any(s.sinds < schooljaar_start(vandaag) for s in signalen if s.soort is S.THUISZITTER_3MND)
    else:  # a whole school year, and luxe verzuim around more than one vacation
        assert min(r.datum for r in gemaakt.regels) < date(2026, 9, 15)
        assert len({s.datum for s in signalen if s.soort is S.LUXE_VERZUIM}) >= 3


def test_the_same_seed_and_day_give_the_same_verzuim(november):
    _, eerste = _genereer(november.cal, NOVEMBER)
    _, tweede = _genereer(november.cal, NOVEMBER)
    assert eerste == tweede
    _, ander = _genereer(november.cal, NOVEMBER, seed=demo.SEED + 1)
    assert ander.regels != eerste.regels


@settings(max_examples=15, deadline=None)
@given(vandaag=st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31)), seed=st.integers(0, 10**6))
def test_verzuim_is_consistent_whatever_the_date(november, vandaag, seed):
    """Any day, also outside the vacation data: records only on lesdagen while enrolled, up to the last
    lesdag before today; registrations not after it; besprekingen about signals that exist."""
    cal = november.cal
    leerlingen, gemaakt = _genereer(cal, vandaag, seed, aantal=120)
    peildatum = gemaakt.bijgewerkt_tot
    assert peildatum < vandaag and cal.is_lesdag(peildatum)
    per = {s.leerlingnummer: s for s in leerlingen}
    for r in gemaakt.regels:
        assert cal.is_lesdag(r.datum) and r.datum <= peildatum, r
        assert is_ingeschreven(per[r.leerlingnummer], r.datum), r
        assert 1 <= r.uren <= 6 and STANDAARD.vertaal(r.code) is r.reden
    assert all(x.melding.einddatum <= x.melding.datum <= peildatum for x in gemaakt.meldingen)
    assert all(x.datum <= peildatum for x in gemaakt.mazl)
    signalen, _ = _signalen(cal, leerlingen, gemaakt)
    bestaand = {(s.leerlingnummer, s.soort, s.datum) for s in signalen}
    for b in gemaakt.besprekingen:
        assert (b.leerlingnummer, b.soort, b.datum) in bestaand and b.datum <= b.op <= peildatum


# --- step 4: trajecten along the praktijkkaart -----------------------------------------------------

@dataclass
class _Trajecten:
    """What step 4 made in the November demo, read back through the services."""

    peildatum: date
    cal: SchoolCalendar
    trajecten: list[Traject]  # all, open and closed
    gesprekken: dict[int, list[Gesprek]]  # per traject
    contactmomenten: list[Gesprek]  # without a traject
    mdos: dict[int, list[Mdo]]
    actiepunten: list[Actiepunt]
    checklist: dict[int, list[StapChecklist]]
    analyses: dict[int, Analyse]
    partners: list[Partner]
    signalen: dict[str, list[Signaal]]
    mentor: dict[str, str]  # leerlingnummer → mentor
    tijdlijn: list[Gebeurtenis]  # of the student with the most MDO's


@pytest.fixture(scope="module")
def trajecten(november) -> _Trajecten:
    services = session.login(november.path, "demo", "demo")
    try:
        tr = services.trajecten
        alle = [tr.get(r.id) for r in tr.lijst(None)]
        met_gesprek = {nr for (nr,) in m.Gesprek.select(m.Leerling.leerlingnummer).join(m.Leerling).tuples()}
        gesprekken = [g for nr in sorted(met_gesprek) for g in tr.gesprekken(nr)]
        mdos = {t.id: tr.mdos(t.id) for t in alle}
        meeste = max(alle, key=lambda t: (len(mdos[t.id]), t.leerlingnummer))
        return _Trajecten(
            november.peildatum, november.cal, alle,
            {t.id: [g for g in gesprekken if g.traject_id == t.id] for t in alle},
            [g for g in gesprekken if g.traject_id is None], mdos,
            [a for t in {t.leerlingnummer for t in alle} for a in tr.actiepunten(t)],
            {t.id: tr.checklist(t.id) for t in alle}, {t.id: tr.analyse(t.id) for t in alle}, tr.partners(),
            services.signalen.overzicht().signalen_van(),
            {r.leerlingnummer: r.mentor for r in services.leerlingen.lijst()},
            tr.tijdlijn(meeste.leerlingnummer))
    finally:
        services.close()


def _open(t: _Trajecten) -> list[Traject]:
    return [x for x in t.trajecten if x.is_open]


def test_about_a_dozen_trajecten_over_all_five_steps(trajecten):
    assert 11 <= len(trajecten.trajecten) <= 15
    per_stap = Counter(t.stap for t in _open(trajecten))
    assert set(per_stap) == set(Stap), per_stap
    assert len({t.leerlingnummer for t in _open(trajecten)}) == len(_open(trajecten))
    assert {t.categorie for t in trajecten.trajecten} == set(Categorie)
    # built on the students with signals, opened from the signal after it arose
    met_signaal = [t for t in _open(trajecten) if t.leerlingnummer in trajecten.signalen]
    assert len(met_signaal) >= 9
    for t in met_signaal:
        assert t.signaal is not None and t.signaal_datum is not None, t.naam
        assert t.signaal_datum < t.geopend <= trajecten.peildatum, t.naam
    assert {S.THUISZITTER, S.MELDPLICHT_16U, S.LANGDURIG_AFWEZIG, S.MAZL, S.ABSOLUUT_VERZUIM} <= {
        t.signaal for t in trajecten.trajecten}


def test_every_traject_has_gesprekken_and_the_students_own_words(trajecten):
    for t in trajecten.trajecten:
        gesprekken = trajecten.gesprekken[t.id]
        assert gesprekken and all(t.geopend <= g.datum <= trajecten.peildatum for g in gesprekken), t.naam
        assert all(g.samenvatting.strip() and g.door == "demo" for g in gesprekken)
        if t.stap >= Stap.CONTACT:
            stap2 = next(s for s in trajecten.checklist[t.id] if s.stap is Stap.CONTACT)
            assert {r.item.key for r in stap2.regels if r.gedaan} >= {"gesprek_leerling", "gesprek_ouders"}, t.naam
    leerling = [g for t in trajecten.trajecten for g in trajecten.gesprekken[t.id]
                if g.type is GesprekType.GESPREK_LEERLING]
    voornamen = {t.naam.split()[0] for t in trajecten.trajecten}
    assert len(leerling) >= 8
    assert all(any(g.samenvatting.count(v) for v in voornamen) for g in leerling)  # about the student, by name
    assert any("'" in g.samenvatting for g in leerling)  # in their own words
    assert {GesprekType.TELEFONISCH, GesprekType.HUISBEZOEK, GesprekType.GESPREK_OUDERS} <= {
        g.type for gs in trajecten.gesprekken.values() for g in gs}
    assert any(g.vertrouwelijk for gs in trajecten.gesprekken.values() for g in gs)
    assert any(g.afspraken for gs in trajecten.gesprekken.values() for g in gs)


def test_mdos_with_partners_consent_and_numbered_besluiten(trajecten):
    alle = [x for mdos in trajecten.mdos.values() for x in mdos]
    assert 8 <= len(alle) <= 16
    for x in alle:
        rollen = {d.rol for d in x.deelnemers}
        assert MdoRol.ZORGCOORDINATOR in rollen and MdoRol.OUDER in rollen
        assert rollen & {MdoRol.LEERPLICHTAMBTENAAR, MdoRol.JEUGDARTS, MdoRol.SWV_CONSULENT, MdoRol.JEUGDHULP}
        assert 2 <= len(x.besluiten) <= 4
        assert [b.nummer for b in x.besluiten] == list(range(1, len(x.besluiten) + 1))
        assert x.actiepunten and x.agenda.startswith("1. Opening")
    assert {MdoRol.LEERPLICHTAMBTENAAR, MdoRol.JEUGDARTS, MdoRol.SWV_CONSULENT, MdoRol.JEUGDHULP, MdoRol.MENTOR,
            MdoRol.VERZUIMCOACH, MdoRol.OUDER, MdoRol.LEERLING} <= {d.rol for x in alle for d in x.deelnemers}
    # consent recorded (once refused, later given), and ticked in step 3
    toestemmingen = [a for x in alle for a in x.toestemmingen]
    assert any(a.gegeven for a in toestemmingen) and any(not a.gegeven for a in toestemmingen)
    for t in trajecten.trajecten:
        if trajecten.mdos[t.id]:
            stap3 = next(s for s in trajecten.checklist[t.id] if s.stap is Stap.SAMENWERKEN)
            assert stap3.regels[0].gedaan and stap3.regels[0].automatisch  # mdo_gepland, from the MDO itself
    # a small fictional address book of the municipality Oudewaarde, beside the mentors
    partners = [p for p in trajecten.partners if p.rol is not MdoRol.MENTOR]
    assert 6 <= len(partners) <= 12
    assert {"Gemeente Oudewaarde", "GGD Regio Oudewaarde", "SWV VO Oudewaarde e.o.", "Wijkteam Oudewaarde-Noord"} <= {
        p.organisatie for p in partners}
    assert all(re.fullmatch(r"06-00\d{6}", p.telefoon) and p.email.endswith("@example.nl") for p in partners)
    # no ouders or students in the address book
    ouders = {d.naam for x in alle for d in x.deelnemers if d.rol in (MdoRol.OUDER, MdoRol.LEERLING)}
    assert not ouders & {p.naam for p in trajecten.partners}


def test_actiepunten_with_owners_and_deadlines_some_done_some_open_one_or_two_overdue(trajecten):
    acties = trajecten.actiepunten
    assert 25 <= len(acties) <= 60
    assert all(a.wie.naam and a.uiterlijk and a.traject_id for a in acties)
    status = Counter(a.status for a in acties)
    assert status[ActiepuntStatus.GEDAAN] >= 10 and status[ActiepuntStatus.OPEN] >= 10, status
    te_laat = [a for a in acties if a.te_laat(NOVEMBER)]
    assert 1 <= len(te_laat) <= 2
    for a in acties:
        assert a.datum <= trajecten.peildatum
        assert trajecten.cal.is_lesdag(a.uiterlijk), a
        if a.afgerond is not None:
            assert a.datum <= a.afgerond <= trajecten.peildatum
        elif a.status is ActiepuntStatus.OPEN and a not in te_laat:
            assert a.uiterlijk >= NOVEMBER
    assert any(a.mdo_id is None and a.gesprek_id is None for a in acties)  # outside an MDO
    assert any(a.gesprek_id is not None for a in acties)  # from an afspraak of a gesprek
    eigenaren = {a.wie.naam for a in acties}
    assert "demo" in eigenaren and eigenaren & set(trajecten.mentor.values()) and len(eigenaren) >= 8


def test_analyses_for_the_trajecten_in_step_4_and_5(trajecten):
    verder = [t for t in trajecten.trajecten if t.stap >= Stap.INTERVENTIE]
    assert len(verder) >= 4
    for t in verder:
        analyse = trajecten.analyses[t.id]
        assert analyse.ingevuld, t.naam
        assert sum(bool(f.risico and f.beschermend) for f in analyse.factoren.values()) >= 3
        regel = next(r for s in trajecten.checklist[t.id] for r in s.regels if r.item.key == "analyse_factoren")
        assert regel.gedaan and t.geopend <= regel.datum <= trajecten.peildatum  # the story's day, not the clock's
    assert {trajecten.analyses[t.id].verzuimtype for t in _open(trajecten) if t.stap >= Stap.INTERVENTIE} >= {
        Verzuimtype.SCHOOLWEIGERING}
    assert not any(trajecten.analyses[t.id].ingevuld for t in _open(trajecten) if t.stap <= Stap.SAMENWERKEN)


def test_a_closed_traject_back_at_school_with_nazorg_and_one_from_a_previous_school_year(trajecten):
    gesloten = [t for t in trajecten.trajecten if not t.is_open]
    assert len(gesloten) == 2
    assert all(t.sluitreden is Sluitreden.TERUG_NAAR_SCHOOL and t.stap is Stap.TERUG_IN_BEELD for t in gesloten)
    dit_jaar = schooljaar_start(trajecten.peildatum)
    [recent] = [t for t in gesloten if t.gesloten >= dit_jaar]
    [vorig] = [t for t in gesloten if t.gesloten < dit_jaar]
    assert [n.gedaan is not None for n in recent.nazorg] == [True, False, False]
    assert recent.nazorg[0].notitie and recent.nazorg[0].datum <= recent.nazorg[0].gedaan <= trajecten.peildatum
    assert all(n.datum > trajecten.peildatum for n in recent.nazorg[1:])
    assert vorig.geopend < vorig.gesloten < dit_jaar and vorig.nazorg[0].gedaan is not None
    for t in gesloten:  # the gesprekken and MDO's belong to the traject, from before it closed
        assert trajecten.gesprekken[t.id] and trajecten.mdos[t.id]
        assert all(g.datum <= t.gesloten for g in trajecten.gesprekken[t.id])
        assert {r.item.key for s in trajecten.checklist[t.id] for r in s.regels if r.gedaan} >= {
            "terugkeer_gestart", "evaluaties", "nazorg"}


def test_dates_are_believable(trajecten):
    p = trajecten.peildatum
    for t in trajecten.trajecten:
        datums = [t.geopend, *(w.datum for w in t.stapwissels)]
        assert datums == sorted(datums) and datums[-1] <= p, t.naam
        assert [int(w.naar) for w in t.stapwissels] == list(range(2, int(t.stap) + 1)), t.naam  # step by step
        assert all(trajecten.cal.is_lesdag(d) for d in datums)
        assert all(t.geopend <= x.datum <= p for x in trajecten.mdos[t.id])
        regels = [r for s in trajecten.checklist[t.id] for r in s.regels if r.gedaan and not r.automatisch]
        assert all(t.geopend <= r.datum <= (t.gesloten or p) for r in regels), t.naam
        if t.is_open and t.evaluatiedatum is not None:
            assert t.evaluatiedatum > NOVEMBER and trajecten.cal.is_lesdag(t.evaluatiedatum)
    assert sum(t.evaluatiedatum is not None for t in _open(trajecten)) >= 6


def test_every_plan_is_its_own_students_story_on_lesdagen(november, trajecten):
    """The plans read like different students: their own words and wishes, doelen on lesdagen, one with a
    second version that evaluated the first and says what changed."""
    services = session.login(november.path, "demo", "demo")
    try:
        versies = {t.id: services.plannen.versies(t.id) for t in trajecten.trajecten}
        profiel = services.profielen.get()
    finally:
        services.close()
    plannen = [(t, p) for t in trajecten.trajecten for p in versies[t.id]]
    assert 5 <= len({t.id for t, _ in plannen}) <= 8
    assert all(t.stap >= Stap.INTERVENTIE for t, _ in plannen)
    eerste = [p for _, p in plannen if p.versie == 1]
    assert len({p.leerling_wil for p in eerste}) == len({p.ouders_willen for p in eerste}) == len(eerste)
    assert len({d.omschrijving for p in eerste for d in p.doelen}) == sum(len(p.doelen) for p in eerste)
    for t, p in plannen:
        voornaam = t.naam.split()[0]
        assert p.leerling_wil.startswith(f"{voornaam}: “") and p.is_vastgesteld, t.naam
        assert all(trajecten.cal.is_lesdag(d) for d in (*(x.datum for x in p.doelen), *p.evaluatiemomenten)), t.naam
        assert all(trajecten.cal.is_lesdag(i.van) and (i.tot is None or i.van < i.tot) for i in p.interventies)
        assert p.vastgesteld_op <= trajecten.peildatum and all(x.datum > p.vastgesteld_op for x in p.doelen)
        assert any(c.naam == profiel.volledige_naam == "Marieke Jansen" for c in p.contactpersonen)
        assert all(c.telefoon or c.email for c in p.contactpersonen)
    [(t, tweede)] = [(t, p) for t, p in plannen if p.versie == 2]
    [eerste_versie] = [p for p in versies[t.id] if p.versie == 1]
    assert all(d.evaluaties for d in eerste_versie.doelen)  # evaluated before the new version
    assert len(tweede.doelen) < len(eerste_versie.doelen)  # one doel reached and ended
    assert "drie ochtenden per week" in " ".join(d.omschrijving for d in tweede.doelen)
    assert tweede.vastgesteld_op > eerste_versie.vastgesteld_op


def test_a_few_mentors_record_a_quick_contactmoment(trajecten):
    contact = trajecten.contactmomenten
    assert 3 <= len(contact) <= 8
    for g in contact:
        assert g.deelnemers == f"{trajecten.mentor[g.leerlingnummer]} (mentor)"
        assert NOVEMBER - timedelta(days=21) <= g.datum <= trajecten.peildatum
    assert len({trajecten.mentor[g.leerlingnummer] for g in contact}) == len(contact)
    assert len({g.type for g in contact}) >= 3


def test_the_timeline_of_a_demo_student_holds_events_of_several_kinds(trajecten):
    soorten = {g.soort for g in trajecten.tijdlijn}
    assert {Tijdlijnsoort.TRAJECT, Tijdlijnsoort.STAP, Tijdlijnsoort.SIGNAAL, Tijdlijnsoort.VERZUIM,
            Tijdlijnsoort.MELDING, Tijdlijnsoort.GESPREK, Tijdlijnsoort.MDO, Tijdlijnsoort.BESLUIT,
            Tijdlijnsoort.ACTIEPUNT} <= soorten
    assert [g.datum for g in trajecten.tijdlijn] == sorted(g.datum for g in trajecten.tijdlijn)


@pytest.fixture
def cli_omgeving(monkeypatch):
    """The demo's password from the environment; the root logger restored after `app.main`."""
    monkeypatch.setenv("THUISZIT_WACHTWOORD", "demo")
    monkeypatch.delenv("THUISZIT_DATA_DIR", raising=False)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_trajecten_json_through_the_cli_lists_the_open_ones(november, trajecten, cli_omgeving, capsys):
    assert app.main(["trajecten", "--json", "--data-dir", str(november.path.parent), "--gebruiker", "demo"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    rijen = json.loads(out)
    assert sorted(r["leerlingnummer"] for r in rijen) == sorted(t.leerlingnummer for t in _open(trajecten))
    assert {r["status"] for r in rijen} == {"open"} and {r["stap"] for r in rijen} == {1, 2, 3, 4, 5}
    eigenaren = Counter(r["eigenaar"] for r in rijen)  # mostly the zorgcoördinator, some a partner
    assert eigenaren.most_common(1)[0][0] == "demo" and len(eigenaren) >= 3, eigenaren
    assert sum(r["open_actiepunten"] for r in rijen) >= 10


def test_trajecten_early_in_the_school_year(tmp_path):
    """Two days into the school year the windows are short: stories squeeze, dates stay in order."""
    vandaag = date(2026, 9, 2)
    services = demo.create_demo_school(session.database_path(tmp_path / "data"), "demo", vandaag=vandaag)
    try:
        p = services.signalen.bijgewerkt_tot()
        tr = services.trajecten
        alle = [tr.get(r.id) for r in tr.lijst(None)]
        assert len(alle) >= 8 and {t.stap for t in alle if t.is_open} == set(Stap)
        for t in alle:
            assert any(g.traject_id == t.id for g in tr.gesprekken(t.leerlingnummer)), t.naam
            assert t.geopend <= p and all(w.datum <= p for w in t.stapwissels)
            assert all(x.datum <= p for x in tr.mdos(t.id))
        assert max(m.Gesprek.select(m.Gesprek.datum).tuples())[0] <= p
    finally:
        services.close()


def test_the_quarterly_overview_of_the_demo_has_every_kind(november):
    """The last complete quarter (2026-Q3) holds a student who came back, a vrijstelling 5a and absoluut verzuim."""
    services = session.login(november.path, "demo", "demo")
    try:
        o = services.kwartaal.overzicht(services.kwartaal.standaard_kwartaal(NOVEMBER), vandaag=NOVEMBER)
    finally:
        services.close()
    assert str(o.kwartaal) == "2026-Q3" and o.volledig
    categorieen = {r.categorie.value for r in o.rijen}
    assert {"absoluut verzuim", "langdurig relatief verzuim", "vrijstelling 5a"} <= categorieen
    terug = [r for r in o.rijen if r.einddatum is not None]
    assert terug and all(o.kwartaal.van <= r.einddatum <= o.kwartaal.tot for r in terug)
    assert {r.status.value for r in terug} <= {"gedeeltelijk terug", "terug op school"}
