"""Output never destroys input, on the command line (issue 12, item 7): every command that writes a file refuses
the data folder and the backup folder, an existing file without --overschrijven, and a wrong extension."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD, cli
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session


@pytest.fixture
def data_dir(services, db_path):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B"), date(2026, 11, 23))
    services.close()
    return db_path.parent


def snapshot(folder) -> dict[str, bytes]:
    """The files a command must never replace (the database itself changes: the login is audited, and with it
    the audit trail's anchor and the alleen-lezen overview a zorgcoördinator's session writes)."""
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".tijdelijk" not in p.parts
            and "logboek" not in p.parts and not p.name.startswith("thuiszit.db")
            and p.name not in ("thuiszit.anker", "thuiszit.overzicht")}


OPDRACHTEN = [("dossier-pdf", "1001", "{uit}"), ("plan-pdf", "1001", "{uit}"), ("mdo-pdf", "1001", "{uit}"),
              ("rapport", "jaar", "2026", "--uit", "{uit}"), ("rapport", "lijstbespreking", "--uit", "{uit}"),
              ("rapport", "kwartaal", "2026-Q3", "--uit", "{uit}")]


@pytest.mark.parametrize("opdracht", OPDRACHTEN, ids=lambda o: " ".join(o[:2]))
@pytest.mark.parametrize("doel", ["thuiszit.db", "thuiszit.sleutels", "nieuw.pdf", "backups/nieuw.pdf"])
def test_nothing_is_written_into_the_data_or_backup_folder(data_dir, capsys, opdracht, doel):
    (data_dir / "backups").mkdir(exist_ok=True)
    voor = snapshot(data_dir)
    argv = [a.format(uit=data_dir / doel) for a in opdracht]
    assert cli(data_dir, *argv) == 1
    err = capsys.readouterr().err
    assert ("de map met de database" in err or "eindigen op" in err) and "Traceback" not in err
    assert snapshot(data_dir) == voor  # the key file and the backups are untouched, no file was added
    assert not (data_dir / "thuiszit.db").read_bytes().startswith(b"%PDF")
    services = session.login(data_dir / "thuiszit.db", "Anna de Vries", WACHTWOORD)
    assert [r.leerlingnummer for r in services.leerlingen.lijst()] == ["1001"]
    services.close()


def test_an_existing_file_only_with_overschrijven(data_dir, tmp_path, capsys):
    uit = tmp_path / "dossier.pdf"
    uit.write_bytes(b"een ander document")
    assert cli(data_dir, "dossier-pdf", "1001", str(uit)) == 1
    assert "bestaat al" in capsys.readouterr().err and uit.read_bytes() == b"een ander document"
    assert cli(data_dir, "dossier-pdf", "1001", str(uit), "--overschrijven") == 0
    assert uit.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_extension_is_checked(data_dir, tmp_path, capsys):
    assert cli(data_dir, "dossier-pdf", "1001", str(tmp_path / "dossier.docx")) == 1
    assert "eindigen op .pdf" in capsys.readouterr().err
    assert not (tmp_path / "dossier.docx").exists()


def test_a_backup_goes_outside_the_data_folder(data_dir, tmp_path, capsys):
    assert cli(data_dir, "backup", "--naar", str(data_dir)) == 1
    assert "in de map van de database zelf" in capsys.readouterr().err
    assert cli(data_dir, "backup", "--naar", str(data_dir / "logboek")) == 1
    assert cli(data_dir, "backup", "--naar", str(data_dir / "backups")) == 0  # the standard folder
    assert cli(data_dir, "backup", "--naar", str(tmp_path / "usb")) == 0
