"""`thuiszit-desktop gebruiker …` in-process: adding users with the new password from
THUISZIT_NIEUW_WACHTWOORD, the list (text and JSON), one's own password change, disabling, and the
Dutch refusals for a mentor and for bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session

MENTOR_WW = "Mentor-ww-2026!"


@pytest.fixture
def data_dir(tmp_path, cli_omgeving):
    """A school with klassen 3A and 3B, and its zorgcoördinator Anna de Vries."""
    path = session.database_path(tmp_path / "data")
    services = session.create_school(path, SCHOOL, "Anna de Vries", WACHTWOORD, WACHTWOORD)
    for nummer, klas in (("1001", "3A"), ("1002", "3B")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam="Kim", achternaam="Proef",
                                             geboortedatum=date(2011, 5, 1), inschrijfdatum=date(2023, 8, 1),
                                             klas=klas), date(2026, 11, 23))
    services.close()
    return tmp_path / "data"


def gebruiker(data_dir, *args, als="Anna de Vries") -> list[str]:
    opdracht, *rest = args
    return ["gebruiker", opdracht, "--data-dir", str(data_dir), "--gebruiker", als, *rest]


def test_add_a_mentor_and_list_the_users(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "toevoegen", "Mo El Amrani", "--rol", "mentor", "--klassen", "3a, 3B")) == 0
    assert "Mo El Amrani toegevoegd als mentor voor 3A, 3B" in capsys.readouterr().out
    assert app.main(gebruiker(data_dir, "lijst", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"naam": "Anna de Vries", "rol": "zorgcoordinator", "klassen": [], "actief": True},
        {"naam": "Mo El Amrani", "rol": "mentor", "klassen": ["3A", "3B"], "actief": True}]
    assert app.main(gebruiker(data_dir, "lijst")) == 0
    assert "Mo El Amrani\tMentor\t3A,3B\tactief" in capsys.readouterr().out
    session.login(session.database_path(data_dir), "Mo El Amrani", MENTOR_WW).close()


def test_bad_input_gets_dutch_messages_and_exit_1(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", "kort")
    assert app.main(gebruiker(data_dir, "toevoegen", "Mo", "--rol", "mentor", "--klassen", "9Z")) == 1
    err = capsys.readouterr().err
    assert "minstens 10 tekens" in err and "9Z" in err and "leerlingregister" in err
    monkeypatch.delenv("THUISZIT_NIEUW_WACHTWOORD")
    assert app.main(gebruiker(data_dir, "toevoegen", "Mo", "--rol", "mentor", "--klassen", "3A")) == 1
    assert "THUISZIT_NIEUW_WACHTWOORD" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        app.main(gebruiker(data_dir, "toevoegen", "Mo", "--rol", "directeur"))
    assert exc.value.code == 2


def test_a_mentor_may_not_manage_users_but_changes_their_own_password(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "toevoegen", "Mo El Amrani", "--rol", "mentor", "--klassen", "3A")) == 0
    capsys.readouterr()
    monkeypatch.setenv("THUISZIT_WACHTWOORD", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "lijst", als="Mo El Amrani")) == 1
    assert "alleen de zorgcoördinator" in capsys.readouterr().err
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", "Nieuw-mentor-ww-7")
    assert app.main(gebruiker(data_dir, "wachtwoord", als="Mo El Amrani")) == 0
    assert "gewijzigd" in capsys.readouterr().out
    path = session.database_path(data_dir)
    with pytest.raises(InlogFout):
        session.login(path, "Mo El Amrani", MENTOR_WW)
    session.login(path, "Mo El Amrani", "Nieuw-mentor-ww-7").close()


def test_a_zorgcoordinator_resets_a_lost_password(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "toevoegen", "Mo El Amrani", "--rol", "mentor", "--klassen", "3A")) == 0
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", "Opnieuw-mentor-8")
    assert app.main(gebruiker(data_dir, "wachtwoord-resetten", "mo el amrani")) == 0
    assert "Mo El Amrani heeft een nieuw wachtwoord" in capsys.readouterr().out
    path = session.database_path(data_dir)
    with pytest.raises(InlogFout):
        session.login(path, "Mo El Amrani", MENTOR_WW)
    session.login(path, "Mo El Amrani", "Opnieuw-mentor-8").close()
    monkeypatch.setenv("THUISZIT_WACHTWOORD", "Opnieuw-mentor-8")  # a mentor may not reset someone else's
    assert app.main(gebruiker(data_dir, "wachtwoord-resetten", "Anna de Vries", als="Mo El Amrani")) == 1
    assert "zorgcoördinator" in capsys.readouterr().err


def test_disable_a_user(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "toevoegen", "Lies", "--rol", "alleen-lezen")) == 0
    assert app.main(gebruiker(data_dir, "uitschakelen", "lies")) == 0
    assert "Lies is uitgeschakeld" in capsys.readouterr().out
    with pytest.raises(InlogFout):
        session.login(session.database_path(data_dir), "Lies", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "uitschakelen", "Anna de Vries")) == 1
    assert "uzelf" in capsys.readouterr().err


@pytest.mark.parametrize("keuze, over", [("opnieuw-versleutelen", "opnieuw versleuteld"), ("verwijderen", "verwijderd"),
                                         (None, "blijven staan")])
def test_disabling_says_that_older_backups_still_open_and_does_what_is_chosen(data_dir, monkeypatch, capsys, keuze,
                                                                              over):
    monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", MENTOR_WW)
    assert app.main(gebruiker(data_dir, "toevoegen", "Lies", "--rol", "alleen-lezen")) == 0
    assert app.main(["backup", "--data-dir", str(data_dir), "--gebruiker", "Anna de Vries"]) == 0
    [oud] = list((data_dir / "backups").glob("*.tzbackup"))
    voor = oud.read_bytes()
    capsys.readouterr()
    assert app.main(gebruiker(data_dir, "uitschakelen", "Lies", *(["--oude-backups", keuze] if keuze else []))) == 0
    out = capsys.readouterr().out
    assert "nieuwe sleutels" in out and "1 oudere back-up" in out and "oude sleutels en wachtwoorden" in out
    assert over in out
    if keuze == "verwijderen":
        assert not oud.exists()
    else:
        assert (oud.read_bytes() == voor) is (keuze is None)
