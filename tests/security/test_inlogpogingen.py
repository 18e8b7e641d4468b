"""Guessing passwords with the CLI, and asking for what one's role does not allow: slowed down, and on record.

Wrong passwords are counted per name in a file beside the database that every process shares (db/pogingen.py),
so starting a new process per guess gains nothing; the count names nobody in clear. The next login writes them
into the audit trail. A refused request – a mentor asking for the dossier of a student in another klas – is
recorded too.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.db import pogingen
from thuiszit_desktop.domain.errors import GeenToegang
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session

pytestmark = pytest.mark.usefixtures("cli_omgeving")

ZORG, MENTOR = "Anna de Vries", "Bram Mentor"


@pytest.fixture
def school(services, db_path):
    for nummer, voornaam, klas in (("1001", "Zoë", "2B"), ("1002", "Mehmet", "3A")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam="Bakker",
                                             geboortedatum=dt.date(2012, 3, 5), inschrijfdatum=dt.date(2024, 8, 1),
                                             klas=klas), dt.date(2026, 11, 23))
    services.gebruikers.toevoegen(MENTOR, Rol.MENTOR, ["2B"], WACHTWOORD, WACHTWOORD)
    services.close()
    return db_path


def cli(db_path, naam: str, monkeypatch, wachtwoord: str) -> int:
    monkeypatch.setenv("THUISZIT_WACHTWOORD", wachtwoord)
    return app.main(["signalen", "--data-dir", str(db_path.parent), "--gebruiker", naam])


def other_process(db_path, naam: str, wachtwoord: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "THUISZIT_WACHTWOORD": wachtwoord}
    return subprocess.run([sys.executable, "-m", "thuiszit_desktop", "signalen", "--data-dir", str(db_path.parent),
                           "--gebruiker", naam], capture_output=True, text=True, env=env, timeout=120)


def test_wrong_cli_passwords_are_throttled_across_processes_and_recorded(school, monkeypatch, capsys):
    echt = pogingen._nu

    def om(seconden_geleden: float) -> None:  # the guesses are made in the past, the last one now
        monkeypatch.setattr(pogingen, "_nu", lambda: echt() - seconden_geleden)

    for geleden in (1000, 999, 998):  # the first three cost nothing
        om(geleden)
        assert cli(school, ZORG, monkeypatch, "geraden-wachtwoord") == 1
        assert "verkeerd wachtwoord" in capsys.readouterr().err
    assert cli(school, ZORG, monkeypatch, "geraden-wachtwoord") == 1  # at once: not even tried
    assert "3 keer een verkeerde naam of wachtwoord. Wacht nog 2 seconden" in capsys.readouterr().err
    for geleden in (900, 600, 0):  # a patient guesser, who waits each time
        om(geleden)
        assert cli(school, ZORG, monkeypatch, "geraden-wachtwoord") == 1
    assert pogingen.wachten(school, ZORG) == (6, 16)
    # Another process, even with the right password, has to wait: the count lives in the data folder.
    result = other_process(school, "anna de vries", WACHTWOORD)
    assert result.returncode == 1
    assert "6 keer een verkeerde naam of wachtwoord. Wacht nog" in result.stderr
    assert "Traceback" not in result.stderr
    # The file beside the database names nobody.
    inhoud = pogingen.pad(school).read_text(encoding="utf-8")
    assert "anna" not in inhoud.casefold() and "Anna" not in inhoud

    om(-120)  # after the wait
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        mislukt = [r for r in services.audit.lijst() if r.actie == "inloggen mislukt"]
        assert [(r.gebruiker, r.wat.split(",")[0]) for r in mislukt] == [(ZORG, "6 keer een verkeerd wachtwoord")]
    finally:
        services.close()
    assert pogingen.wachten(school, ZORG) == (0, 0)  # counted afresh after the right password


def test_a_name_that_does_not_exist_is_counted_and_recorded_without_the_name(school, monkeypatch):
    for _ in range(2):
        assert cli(school, "Gerrit Gok", monkeypatch, "iets") == 1
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        mislukt = [r for r in services.audit.lijst() if r.actie == "inloggen mislukt"]
        assert len(mislukt) == 1 and mislukt[0].gebruiker == ""
        assert mislukt[0].wat.startswith("onbekende naam: 2 keer") and "Gerrit" not in mislukt[0].wat
    finally:
        services.close()


def test_the_wait_is_per_name(school, monkeypatch):
    for _ in range(5):
        cli(school, MENTOR, monkeypatch, "fout")
    assert pogingen.wachten(school, MENTOR)[1] > 0
    assert cli(school, ZORG, monkeypatch, WACHTWOORD) == 0  # someone else logs in as usual


def test_a_mentor_asking_for_another_klas_is_refused_and_recorded(school):
    mentor = session.login(school, MENTOR, WACHTWOORD)
    try:
        with pytest.raises(GeenToegang):
            mentor.inzage.dossier("1002")
        with pytest.raises(GeenToegang):
            mentor.audit.lijst()
    finally:
        mentor.close()
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        geweigerd = [r for r in services.audit.lijst() if r.actie == "geweigerd"]
        assert [(r.gebruiker, r.leerlingnummer, r.wat) for r in reversed(geweigerd)] == [
            (MENTOR, "1002", "inzage: dossier"), (MENTOR, "", "audit: lijst")]
        assert services.audit.controleren().ok
    finally:
        services.close()


def test_a_refusal_on_the_cli_is_recorded(school, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert app.main(["dossier", "1002", "--data-dir", str(school.parent), "--gebruiker", MENTOR]) == 1
    assert "Dit kan alleen de zorgcoördinator" in capsys.readouterr().err
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        assert any(r.actie == "geweigerd" and r.gebruiker == MENTOR and r.leerlingnummer == "1002"
                   and r.wat == "inzage: dossier" for r in services.audit.lijst())
    finally:
        services.close()
