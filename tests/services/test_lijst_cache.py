"""The student list's rows kept in the file between sessions (db/lijst_cache.py, issue 16): the next start shows
them without reading every student again, and every change the list shows – a student added, changed or
removed, a mentor renamed – voids them, so the list after a restart is always the data as it is."""

from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import lijst_cache
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.services.leerlingen import LeerlingenService

VANDAAG = date.today()


@pytest.fixture
def school(services):
    for nummer, voornaam, tussenvoegsel, achternaam, klas, mentor in [
            ("1001", "Zoë", "", "Bakker", "2A", "Tim Dekker"), ("1002", "Mehmet", "", "Yılmaz", "10B", ""),
            ("1003", "Anna", "van den", "Berg", "2A", "Tim Dekker"), ("1004", "Eva", "de", "Vries", "3C", "Lot Smit")]:
        services.leerlingen.opslaan(Leerling(
            leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel=tussenvoegsel, achternaam=achternaam, klas=klas,
            mentor=mentor, geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1)), VANDAAG)
    # one who left yesterday: listed, not ingeschreven
    services.leerlingen.opslaan(Leerling(leerlingnummer="1005", voornaam="Sem", achternaam="Jansen", klas="4A",
                                         geboortedatum=date(2011, 1, 9), inschrijfdatum=date(2024, 8, 1),
                                         uitschrijfdatum=date.fromordinal(VANDAAG.toordinal() - 1)), VANDAAG)
    return services


def opnieuw(services, db_path):
    """Close and log in again, as the next start."""
    services.close()
    return session.login(db_path, "Anna de Vries", WACHTWOORD)


def bewaard(services) -> int:
    return services.ctx.store.db.execute_sql('SELECT count(*) FROM "lijst_cache" WHERE "inhoud" IS NOT NULL'
                                         ).fetchone()[0]


def gelezen(services) -> list:
    """The rows as read from the students themselves."""
    return services.leerlingen._lijst_lezen(VANDAAG)


def niet_lezen(monkeypatch):
    def weigeren():
        raise AssertionError("the students were read, not taken from the file")

    monkeypatch.setattr(LeerlingenService, "_rijen_lezen", staticmethod(weigeren))


@pytest.fixture
def bewaarde_school(school, db_path):
    """The school after a start that read its list and kept it."""
    services = opnieuw(school, db_path)
    services.leerlingen.lijst()
    assert services.leerlingen.bewaren()
    assert bewaard(services) == 1
    services = opnieuw(services, db_path)
    yield services
    services.close()


def test_the_next_start_takes_the_rows_from_the_file_and_they_are_the_same(bewaarde_school, monkeypatch):
    verwacht = gelezen(bewaarde_school)
    assert [r.naam for r in verwacht] == ["Zoë Bakker", "Anna van den Berg", "Sem Jansen", "Eva de Vries",
                                          "Mehmet Yılmaz"]
    assert [r.ingeschreven for r in verwacht] == [True, True, False, True, True]
    niet_lezen(monkeypatch)
    rijen = bewaarde_school.leerlingen.lijst()
    assert rijen == verwacht
    assert {type(r.geboortedatum) for r in rijen} == {date}
    assert not bewaarde_school.leerlingen.bewaren()  # taken from the file: nothing to keep again


def student_changed(services):
    ll = services.leerlingen.get("1001")
    services.leerlingen.opslaan(replace(ll, klas="3B", achternaam="Bakker-Smit"), VANDAAG)


def student_added(services):
    services.leerlingen.opslaan(Leerling(leerlingnummer="1006", voornaam="Fatima", achternaam="Amrani", klas="1A",
                                         geboortedatum=date(2013, 6, 1), inschrijfdatum=date(2025, 8, 1)), VANDAAG)


def student_removed(services):
    with services.ctx.store.db.atomic():  # (as an older program version or a repair might)
        m.Leerling.delete().where(m.Leerling.leerlingnummer == "1004").execute()


def mentor_renamed(services):
    with services.ctx.store.db.atomic():
        m.Contact.update(naam="Tim Dekker-Bos").where(m.Contact.naam == "Tim Dekker").execute()


@pytest.mark.parametrize("wijziging", [student_changed, student_added, student_removed, mentor_renamed])
def test_a_change_the_list_shows_voids_the_kept_rows_and_the_next_start_shows_it(bewaarde_school, db_path, wijziging):
    wijziging(bewaarde_school)
    assert bewaard(bewaarde_school) == 0  # emptied in the change's own transaction
    services = opnieuw(bewaarde_school, db_path)
    try:
        rijen = services.leerlingen.lijst()
        assert rijen == gelezen(services)
        namen = {r.naam for r in rijen}
        mentoren = {r.mentor for r in rijen}
        assert ("Zoë Bakker-Smit" in namen) == (wijziging is student_changed)
        assert ("Fatima Amrani" in namen) == (wijziging is student_added)
        assert ("Eva de Vries" in namen) == (wijziging is not student_removed)
        assert ("Tim Dekker-Bos" in mentoren) == (wijziging is mentor_renamed)
        assert services.leerlingen.bewaren()  # read: kept again for the start after
        assert bewaard(services) == 1
    finally:
        services.close()


def test_what_the_list_does_not_show_leaves_the_kept_rows(bewaarde_school):
    bewaarde_school.concepten.bewaar("gesprek", "1001", {"samenvatting": "Half af"})
    bewaarde_school.leerlingen.get("1001")  # an audit entry
    assert bewaard(bewaarde_school) == 1


def test_a_write_while_the_rows_are_read_is_never_hidden_behind_them(school):
    db = school.ctx.store.db
    assert lijst_cache.reserveer(db, "sleutel")
    student_added(school)  # commits after the reservation, before the rows are stored
    assert not lijst_cache.bewaar(db, "sleutel", [])
    assert lijst_cache.lees(db, "sleutel") is None


def test_another_peildatum_takes_the_same_kept_rows_with_its_own_ingeschreven(bewaarde_school, monkeypatch):
    gisteren = date.fromordinal(VANDAAG.toordinal() - 2)
    verwacht = bewaarde_school.leerlingen._lijst_lezen(gisteren)
    niet_lezen(monkeypatch)
    rijen = bewaarde_school.leerlingen.lijst(gisteren)
    assert rijen == verwacht and [r.ingeschreven for r in rijen] == [True] * 5  # Sem left yesterday


def test_rows_kept_by_another_program_version_are_read_afresh(bewaarde_school, monkeypatch):
    monkeypatch.setattr("thuiszit_desktop.services.leerlingen._BEWAAR_SLEUTEL", "0.0.9|1")
    assert bewaarde_school.leerlingen.lijst() == gelezen(bewaarde_school)
    assert bewaarde_school.leerlingen.bewaren()
    sleutels = bewaarde_school.ctx.store.db.execute_sql('SELECT "sleutel" FROM "lijst_cache"').fetchall()
    assert sleutels == [("0.0.9|1",)]  # in place of the other


def test_kept_content_of_another_form_is_read_afresh_and_kept_again(bewaarde_school):
    db = bewaarde_school.ctx.store.db
    with db.atomic():  # e.g. the JSON of an earlier form under this key
        db.execute_sql('UPDATE "lijst_cache" SET "inhoud" = ?', (zlib.compress(b'[[1, "1001"]]'),))
    assert bewaarde_school.leerlingen.lijst() == gelezen(bewaarde_school)
    assert bewaarde_school.leerlingen.bewaren()


@pytest.mark.parametrize("uit_bestand", [False, True])
def test_a_klas_many_students_share_is_one_text(bewaarde_school, monkeypatch, uit_bestand):
    if uit_bestand:
        niet_lezen(monkeypatch)
        rijen = bewaarde_school.leerlingen.lijst()
    else:
        rijen = gelezen(bewaarde_school)
    zoe, anna = (next(r for r in rijen if r.leerlingnummer == n) for n in ("1001", "1003"))
    assert zoe.klas == anna.klas == "2A" and zoe.klas is anna.klas
    assert zoe.mentor is anna.mentor and zoe.geboortedatum is anna.geboortedatum


@pytest.mark.parametrize("inhoud", [
    b"\xe3" + b"\x00" * 40,  # what marshal makes of code: never loaded as such
    b"\x80\x04\x95\x15\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x8c\x06system\x93.",  # pickle of os.system
    b"2\x1e1\x1f2\x1e1001",  # text, but a column shorter than the count says
])
def test_content_written_with_the_database_key_is_only_ever_read_as_text(bewaarde_school, inhoud):
    """Anyone with a password holds the database key and can write the kept rows (docs/BEVEILIGING.md): what a
    mentor puts there must do no more in a zorgcoördinator's session than any other bad content – read afresh."""
    db = bewaarde_school.ctx.store.db
    with db.atomic():
        db.execute_sql('UPDATE "lijst_cache" SET "inhoud" = ?', (zlib.compress(inhoud),))
    assert bewaarde_school.leerlingen.lijst() == gelezen(bewaarde_school)


def test_a_name_with_a_separator_in_it_is_listed_but_not_kept(school):
    school.leerlingen.opslaan(Leerling(leerlingnummer="1006", voornaam="Ti\x1fm", achternaam="Dekker", klas="1A",
                                       geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1)), VANDAAG)
    assert any(r.leerlingnummer == "1006" for r in school.leerlingen.lijst())
    assert not school.leerlingen.bewaren()
    assert bewaard(school) == 0


def test_the_kept_rows_are_plain_text(bewaarde_school):
    """Read back with split alone: nothing in them is ever loaded as Python objects (marshal, pickle)."""
    (inhoud,) = bewaarde_school.ctx.store.db.execute_sql('SELECT "inhoud" FROM "lijst_cache"').fetchone()
    aantal, *kolommen = zlib.decompress(inhoud).decode().split("\x1e")
    assert aantal == "5" and len(kolommen) == 11
    assert kolommen[1].split("\x1f") == ["1001", "1003", "1005", "1004", "1002"]  # Bakker, Berg, Jansen, Vries, Yılmaz
