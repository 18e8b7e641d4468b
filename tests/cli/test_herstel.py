"""No restore, rotation or purge loses work, on the command line (issue 12, item 6): `bewaartermijnen
--opruimen` asks and makes a backup first, refuses a future peildatum; `init` never goes over a database or
key file; `restore` is the way out of a database that does not open, for this school's backups only."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from tests.conftest import SCHOOL, WACHTWOORD, cli
from thuiszit_desktop import app
from thuiszit_desktop.db import backup
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session


@pytest.fixture
def data_dir(services, db_path):
    """One student who left in 2019 (everything expired) and one still at school."""
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2005, 3, 5), date(2017, 8, 1), voornaam="Zoë",
                                         uitschrijfdatum=date(2019, 7, 15), klas="6V"), date(2026, 11, 23))
    services.leerlingen.opslaan(Leerling("1002", "Çelik", date(2012, 3, 5), date(2024, 8, 1), voornaam="Mehmet",
                                         klas="2B"), date(2026, 11, 23))
    services.close()
    return db_path.parent


def students(data_dir) -> set[str]:
    services = session.login(session.database_path(data_dir), "Anna de Vries", WACHTWOORD)
    try:
        return {r.leerlingnummer for r in services.leerlingen.lijst()}
    finally:
        services.close()


def terminal(monkeypatch, antwoord: str) -> None:
    stdin = io.StringIO(antwoord)
    stdin.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", stdin)


def test_opruimen_with_a_peildatum_after_today_is_refused(data_dir, capsys):
    morgen = (date.today() + timedelta(days=1)).isoformat()
    assert cli(data_dir, "bewaartermijnen", "--peildatum", "2040-01-01", "--opruimen", "--ja") == 1
    assert "ligt na vandaag" in capsys.readouterr().err
    assert cli(data_dir, "bewaartermijnen", "--peildatum", morgen, "--opruimen", "--ja") == 1
    assert students(data_dir) == {"1001", "1002"}
    assert cli(data_dir, "bewaartermijnen", "--peildatum", "2040-01-01") == 0  # looking ahead is fine


def test_opruimen_asks_on_a_terminal_and_needs_ja_without_one(data_dir, capsys, monkeypatch):
    assert cli(data_dir, "bewaartermijnen", "--opruimen") == 1
    err = capsys.readouterr().err
    assert "definitief verwijderd: 1 leerling helemaal" in err and "--ja" in err
    terminal(monkeypatch, "\n")
    assert cli(data_dir, "bewaartermijnen", "--opruimen") == 1
    assert "Niets verwijderd." in capsys.readouterr().out
    assert students(data_dir) == {"1001", "1002"}
    terminal(monkeypatch, "j\n")
    assert cli(data_dir, "bewaartermijnen", "--opruimen") == 0
    out = capsys.readouterr().out
    assert "Eerst een back-up gemaakt" in out and "Definitief verwijderd" in out
    assert students(data_dir) == {"1002"}


def test_opruimen_makes_a_backup_first_that_rotation_keeps_for_four_weeks(data_dir, capsys):
    assert cli(data_dir, "bewaartermijnen", "--opruimen", "--ja") == 0
    capsys.readouterr()
    for _ in range(3):  # later backups of the same day do not push it out
        assert cli(data_dir, "backup") == 0
    voor = [b for b in backup.list_backups(data_dir / "backups") if b.manifest.reden == backup.VOOR_OPRUIMEN]
    assert len(voor) == 1 and voor[0].manifest.aantallen["leerlingen"] == 2
    assert voor[0].manifest.bewaren_tot == date.today() + timedelta(weeks=4)


@pytest.mark.parametrize("wat", ["thuiszit.db", "thuiszit.sleutels"])
def test_init_refuses_a_folder_with_a_database_or_key_file(tmp_path, capsys, wat):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / wat).write_bytes(b"iets dat er al staat")
    assert app.main(["init", "--school", "Het Baken", "--brin", "12AB", "--regio", "midden",
                     "--gebruiker", "Anna de Vries", "--data-dir", str(folder)]) == 1
    assert "Er staat al een database of sleutelbestand" in capsys.readouterr().err
    assert (folder / wat).read_bytes() == b"iets dat er al staat"


def test_restore_without_a_key_file_takes_this_schools_backup_only(data_dir, tmp_path, capsys):
    assert cli(data_dir, "backup") == 0
    eigen = capsys.readouterr().out.removeprefix("Back-up gemaakt: ").split(" (")[0]
    ander = session.create_school(session.database_path(tmp_path / "ander"), SCHOOL, "Anna de Vries",
                                  WACHTWOORD, WACHTWOORD)
    vreemd = ander.backups.maken().pad
    ander.close()
    (data_dir / "thuiszit.sleutels").unlink()
    assert cli(data_dir, "restore", str(vreemd), "--ja") == 1
    assert "andere database" in capsys.readouterr().err
    assert cli(data_dir, "restore", eigen, "--ja") == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out and "bewaard als thuiszit-voor-terugzetten-" in out
    assert students(data_dir) == {"1001", "1002"}
