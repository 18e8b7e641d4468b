"""`backup [--naar MAP]` and `restore BESTAND [--ja]` through the composition root, in-process."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SCHOOL, WACHTWOORD, cli
from thuiszit_desktop import app
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session


@pytest.fixture
def data_dir(tmp_path, cli_omgeving) -> Path:
    folder = tmp_path / "data"
    services = session.create_school(session.database_path(folder), SCHOOL, "Anna de Vries", WACHTWOORD, WACHTWOORD)
    services.leerlingen.opslaan(Leerling("900001", "Eerste", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    services.close()
    return folder


def add_student(data_dir: Path) -> None:
    services = session.login(session.database_path(data_dir), "Anna de Vries", WACHTWOORD)
    try:
        services.leerlingen.opslaan(Leerling("900002", "Later", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    finally:
        services.close()


def students(data_dir: Path) -> set[str]:
    services = session.login(session.database_path(data_dir), "Anna de Vries", WACHTWOORD)
    try:
        return {r.leerlingnummer for r in services.leerlingen.lijst()}
    finally:
        services.close()


def made_backup(capsys) -> Path:
    out = capsys.readouterr().out
    assert out.startswith("Back-up gemaakt: ") and "1 leerling," in out
    return Path(out.removeprefix("Back-up gemaakt: ").split(" (")[0])


def test_backup_into_the_default_folder_and_elsewhere(data_dir, tmp_path, capsys):
    assert cli(data_dir, "backup") == 0
    assert made_backup(capsys).parent == data_dir / "backups"
    assert cli(data_dir, "backup", "--naar", str(tmp_path / "usb")) == 0
    assert made_backup(capsys).parent == tmp_path / "usb"


def test_restore_with_ja_brings_the_backup_back(data_dir, capsys):
    assert cli(data_dir, "backup") == 0
    bestand = made_backup(capsys)
    add_student(data_dir)
    assert cli(data_dir, "restore", str(bestand), "--ja") == 0
    out, err = capsys.readouterr()
    assert "teruggezet" in out and err == ""
    assert students(data_dir) == {"900001"}


def test_restore_without_a_terminal_needs_ja(data_dir, capsys):
    assert cli(data_dir, "backup") == 0
    bestand = made_backup(capsys)
    add_student(data_dir)
    assert cli(data_dir, "restore", str(bestand)) == 1
    assert "--ja" in capsys.readouterr().err
    assert students(data_dir) == {"900001", "900002"}


@pytest.mark.parametrize("antwoord, code, verwacht", [("j\n", 0, {"900001"}), ("\n", 1, {"900001", "900002"})])
def test_restore_asks_on_a_terminal(data_dir, capsys, monkeypatch, antwoord, code, verwacht):
    assert cli(data_dir, "backup") == 0
    bestand = made_backup(capsys)
    add_student(data_dir)
    terminal = io.StringIO(antwoord)
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    assert cli(data_dir, "restore", str(bestand)) == code
    assert "staat niet in deze back-up" in capsys.readouterr().out
    assert students(data_dir) == verwacht


def test_restore_of_a_damaged_database(data_dir, capsys):
    assert cli(data_dir, "backup") == 0
    bestand = made_backup(capsys)
    db = session.database_path(data_dir)
    data = bytearray(db.read_bytes())
    data[3 * 4096 + 100:3 * 4096 + 200] = b"\xff" * 100
    db.write_bytes(bytes(data))
    assert cli(data_dir, "restore", str(bestand), "--ja") == 0
    assert "beschadigd" in capsys.readouterr().err
    assert students(data_dir) == {"900001"}


def test_restore_into_a_folder_whose_database_is_gone(data_dir, capsys):
    assert cli(data_dir, "backup") == 0
    bestand = made_backup(capsys)
    session.remove_database(session.database_path(data_dir))
    assert cli(data_dir, "restore", str(bestand), "--ja") == 0
    assert "1 leerling," in capsys.readouterr().out
    assert students(data_dir) == {"900001"}


def test_restore_errors_are_one_dutch_line(data_dir, tmp_path, capsys):
    assert cli(data_dir, "restore", str(tmp_path / "weg.tzbackup"), "--ja") == 1
    assert capsys.readouterr().err.strip() == f"Het bestand {tmp_path / 'weg.tzbackup'} bestaat niet."
    nep = tmp_path / "nep.tzbackup"
    nep.write_bytes(b"geen zip")
    assert cli(data_dir, "restore", str(nep), "--ja") == 1
    err = capsys.readouterr().err
    assert "geen (hele) back-up" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exc:
        app.main(["restore"])
    assert exc.value.code == 2
