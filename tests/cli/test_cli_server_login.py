"""Every command on the shared school database (issue 18): `--server DSN` or THUISZIT_SERVER instead of
--data-dir, with the user's own name and password; `gebruiker …` creating and changing login roles on the
server. Fictional people only (names of their own: login roles belong to the whole test cluster)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session

NIEUW = "Mentor-wachtwoord-2026!"


def _cli(dsn: str, *argv: str, gebruiker: str = "Anna de Vries") -> int:
    return app.main([*argv, "--server", dsn, "--gebruiker", gebruiker])


@pytest.fixture
def school(server_school, cli_omgeving, tmp_path, monkeypatch):
    """Two students in 2A and 3C; the data folder points at an empty folder, so nothing reaches a file."""
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path / "leeg"))
    dsn = server_school[0]
    s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        for nummer, klas in (("2001", "2A"), ("2002", "3C")):
            s.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam="Sam", tussenvoegsel="",
                                          achternaam=f"Visser{nummer}", geboortedatum=date(2012, 1, 5),
                                          inschrijfdatum=date(2024, 8, 1), klas=klas), date(2026, 11, 23))
    finally:
        s.close()
    return dsn


def test_a_mentor_added_on_the_command_line_logs_in_with_their_own_login(school, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", NIEUW)
    assert _cli(school, "gebruiker", "toevoegen", "Mila Mentor", "--rol", "mentor", "--klassen", "2A") == 0
    mentor = session.login_server(school, "Mila Mentor", NIEUW)
    try:  # the server's rows for her klas only, and the program's rules agree
        assert [r.leerlingnummer for r in mentor.leerlingen.lijst()] == ["2001"]
        assert not mentor.ctx.store.sleutels.zorg  # no confidential key in a mentor's slot
    finally:
        mentor.close()
    # THUISZIT_SERVER instead of --server, and a DSN without a user name: she connects as herself
    monkeypatch.setenv("THUISZIT_SERVER", school.replace("anna%20de%20vries@", ""))
    monkeypatch.setenv("THUISZIT_WACHTWOORD", NIEUW)
    capsys.readouterr()
    assert app.main(["trajecten", "--gebruiker", "Mila Mentor"]) == 0
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert app.main(["gebruiker", "uitschakelen", "Mila Mentor", "--gebruiker", "Anna de Vries"]) == 0
    assert "kan niet meer inloggen" in capsys.readouterr().out
    with pytest.raises(InlogFout):  # the server refuses her login role now
        session.login_server(school, "Mila Mentor", NIEUW)


def test_a_mentor_changes_their_own_password_on_the_server(school, monkeypatch):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", NIEUW)
    assert _cli(school, "gebruiker", "toevoegen", "Bram Mentor", "--rol", "mentor", "--klassen", "3C") == 0
    monkeypatch.setenv("THUISZIT_WACHTWOORD", NIEUW)
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", "Nog-een-ander-2026!")
    monkeypatch.setattr("thuiszit_desktop.cli.gebruikers.vraag_wachtwoord", lambda _: NIEUW)
    assert _cli(school, "gebruiker", "wachtwoord", gebruiker="Bram Mentor") == 0
    with pytest.raises(InlogFout):
        session.login_server(school, "Bram Mentor", NIEUW)
    bram = session.login_server(school, "Bram Mentor", "Nog-een-ander-2026!")
    bram.close()


def test_commands_for_the_file_only_say_so(school, capsys):
    assert _cli(school, "backup") == 1
    assert "pg_dump" in capsys.readouterr().err
    assert _cli(school, "bewaartermijnen", "--opruimen") == 1
    assert "pg_dump" in capsys.readouterr().err
    assert _cli(school, "bewaartermijnen") == 0  # only listing what has expired works on the server


def test_the_window_with_server_logs_in_on_that_school_database(school, monkeypatch, capsys):
    from thuiszit_desktop.ui.shell import startup

    gestart = []
    monkeypatch.setattr(startup, "run_gui", lambda data_dir, server=None: gestart.append(server) or 0)
    assert app.main(["--server", school]) == 0
    assert gestart[0]["host"] == "127.0.0.1" and gestart[0]["sslmode"] == "disable"
    assert gestart[0]["naam"] == "anna de vries"  # the name in the address, filled in at the login
    assert app.main(["--server", "postgresql://db.school.nl/thuiszit?sslmode=disable"]) == 2
    assert "Zonder versleuteling" in capsys.readouterr().err
