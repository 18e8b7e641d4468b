"""The fictional demo school: size, login, validity, variety and determinism."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop.domain.leerling import (
    Leerling,
    VrijstellingType,
    is_ingeschreven,
    is_kwalificatieplichtig,
    is_leerplichtig,
    validate_leerling,
)
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


def test_two_demo_databases_are_identical(tmp_path, demo_db, leerlingen):
    path, vandaag = demo_db
    again = demo.create_demo_school(session.database_path(tmp_path / "data"), "demo", vandaag=vandaag)
    try:
        tweede = [again.leerlingen.get(r.leerlingnummer) for r in again.leerlingen.lijst()]
    finally:
        again.close()
    assert tweede == leerlingen


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
