"""The GUI's login leaves the check of every page for after the window's first paint (issue 16): damage is
still found – by the login's own reads and writes or by that check – and nothing more is written until it
has passed."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD
from tests.db.test_backup import PAGE, corrupt_page, with_student
from thuiszit_desktop.db import anker
from thuiszit_desktop.domain.errors import DatabaseBeschadigd, DatabaseFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session

NAAM = "Anna de Vries"
PAGINA_NA_LOGIN = 30  # a page of this small school that neither the login nor a new student touches


def nieuwe() -> Leerling:
    return Leerling("900002", "Oosterveld", date(2012, 5, 1), date(2024, 8, 1), voornaam="Tjitske", klas="1A")


@pytest.fixture
def dicht(services, db_path):
    with_student(services)
    services.close()
    return db_path


def test_every_damaged_page_is_found_at_login_or_by_the_check_after_it(dicht):
    schoon = dicht.read_bytes()
    for pagina in range(1, len(schoon) // PAGE - 1, 3):  # every third page of the ~110: the kinds of pages
        dicht.write_bytes(schoon)
        corrupt_page(dicht, pagina)
        try:
            services = session.login(dicht, NAAM, WACHTWOORD, controle_later=True)
        except DatabaseFout:  # DatabaseOnleesbaar or DatabaseBeschadigd: the login dialog offers the backups
            continue
        try:
            with pytest.raises(DatabaseBeschadigd):
                services.controle()
            assert services.beschadigd
        finally:
            services.close()


def test_damage_the_login_meets_is_beschadigd_and_leaves_the_file_free(dicht):
    corrupt_page(dicht, 2)  # the users' table: read by the login itself
    for _ in range(2):  # the lock was released: the second attempt is told the same, not "in gebruik"
        with pytest.raises(DatabaseBeschadigd, match="De database is beschadigd"):
            session.login(dicht, NAAM, WACHTWOORD, controle_later=True)


def test_after_damage_is_found_nothing_more_is_written(dicht):
    corrupt_page(dicht, PAGINA_NA_LOGIN)
    services = session.login(dicht, NAAM, WACHTWOORD, controle_later=True)
    zegel = anker.pad(dicht).stat().st_mtime_ns
    with pytest.raises(DatabaseBeschadigd):
        services.controle()
    with pytest.raises(DatabaseBeschadigd):  # every action asks the check first
        services.leerlingen.opslaan(nieuwe())
    with pytest.raises(DatabaseBeschadigd):
        services.backups.automatisch(altijd=True)  # no backup of a damaged file
    services.close()
    assert anker.pad(dicht).stat().st_mtime_ns == zegel  # the audit anchor was not sealed at close


def test_an_action_before_the_check_runs_it_first(dicht):
    corrupt_page(dicht, PAGINA_NA_LOGIN)
    services = session.login(dicht, NAAM, WACHTWOORD, controle_later=True)
    try:
        assert not services.ctx.store.controle.klaar
        with pytest.raises(DatabaseBeschadigd):
            services.leerlingen.opslaan(nieuwe())
        assert services.ctx.store.controle.klaar
    finally:
        services.close()


def test_a_whole_file_passes_and_the_work_goes_on(dicht):
    services = session.login(dicht, NAAM, WACHTWOORD, controle_later=True)
    try:
        services.controle()
        services.leerlingen.opslaan(nieuwe())
        assert not services.beschadigd
        assert sorted(r.leerlingnummer for r in services.leerlingen.lijst()) == ["900001", "900002"]
    finally:
        services.close()


def test_the_command_line_login_still_checks_every_page_first(dicht):
    corrupt_page(dicht, PAGINA_NA_LOGIN)
    with pytest.raises(DatabaseBeschadigd):
        session.login(dicht, NAAM, WACHTWOORD)
