"""Every fault gets a Dutch sentence that says what to do, never a traceback (issue 12, items 8 and 10): a full
disk (a real small tmpfs when run as root, an injected one otherwise), a read-only folder, a lock another
process holds, a malformed or oversized .xlsx, out-of-range values, a closed pipe, temporary copies left by a
kill. The command line in-process through `app.main`, the GUI where it has the path."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings

from tests.conftest import SCHOOL, WACHTWOORD, cli
from thuiszit_desktop.db import backup, connection, swap
from thuiszit_desktop.domain.errors import AlleenLezen, DatabaseBezet, InvoerFout, SchijfVol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.importers.tabular import lees_tabel
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.shell.login import LoginDialog, LoginOutcome
from thuiszit_desktop.ui.shell.startup import StartupFlow

pytestmark = pytest.mark.usefixtures("cli_omgeving")
NAAM = "Anna de Vries"


def leerlingen_csv(tmp_path: Path, n: int = 200) -> Path:
    csv = tmp_path / "leerlingen.csv"
    csv.write_text("leerlingnummer;voornaam;achternaam;geboortedatum;klas\n" + "".join(
        f"{300000 + i};Fictief;Leerling{i};01-03-2012;2B\n" for i in range(n)), encoding="utf-8")
    return csv


def nummers(db_path: Path) -> set[str]:
    s = session.login(db_path, NAAM, WACHTWOORD)
    try:
        return {r.leerlingnummer for r in s.leerlingen.lijst()}
    finally:
        s.close()


def school_in(folder: Path) -> Path:
    db_path = session.database_path(folder)
    s = session.create_school(db_path, SCHOOL, NAAM, WACHTWOORD, WACHTWOORD)
    s.leerlingen.opslaan(Leerling("900001", "Eerste", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    s.close()
    return db_path


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Error" not in err, err
    assert len(err.strip().splitlines()) <= 2, err


# --- a small disk of our own (root) -----------------------------------------------------------------------

@pytest.fixture
def schijf(tmp_path: Path):
    """A tmpfs of 8 MB at tmp_path/schijf, mounted for this test; skipped (with the reason) when this process
    may not mount – then the injected faults below still run."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("een echte kleine schijf (tmpfs) kan alleen als root; de nagebootste storingen lopen wel")
    punt = tmp_path / "schijf"
    punt.mkdir()
    gelukt = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(punt)], capture_output=True)
    if gelukt.returncode != 0:
        pytest.skip(f"mount mag hier niet: {gelukt.stderr.decode(errors='replace').strip()}")
    try:
        yield punt
    finally:
        subprocess.run(["umount", "-l", str(punt)], check=False)


def vol(punt: Path, over: int = 0) -> Path:
    """Fill the disk up to `over` bytes free."""
    vulling = punt / "vulling"
    vrij = shutil.disk_usage(punt).free - over
    with vulling.open("wb") as f:
        try:
            f.write(b"\0" * max(vrij, 0))
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return vulling


def test_a_full_disk_says_so_and_loses_nothing(schijf, tmp_path, capsys):
    db_path = school_in(schijf / "data")
    vulling = vol(schijf, over=64 * 1024)  # room to open, no room for 200 students
    assert cli(db_path.parent, "import", "leerlingen", str(leerlingen_csv(tmp_path))) == 1
    err = capsys.readouterr().err
    assert "De schijf is vol" in err and "beschadigd" not in err
    no_traceback(err)
    assert cli(db_path.parent, "backup") == 1
    err = capsys.readouterr().err
    assert "schijf is vol" in err and "beschadigd" not in err
    vulling.unlink()
    vulling = vol(schijf)  # not a byte left: even opening (the WAL index) cannot
    assert cli(db_path.parent, "signalen") == 1
    err = capsys.readouterr().err
    assert "De schijf is vol" in err and "beschadigd" not in err
    vulling.unlink()
    assert nummers(db_path) == {"900001"}  # the import was all or nothing; the database is fine
    assert cli(db_path.parent, "import", "leerlingen", str(leerlingen_csv(tmp_path))) == 0


def test_a_full_disk_at_login_in_the_gui_offers_to_try_again(schijf, qtbot, tmp_path, monkeypatch):
    db_path = school_in(schijf / "data")
    vulling = vol(schijf)
    dialog = LoginDialog(db_path, settings=QSettings(str(tmp_path / "i.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.naam.setText(NAAM)
    dialog.wachtwoord.setText(WACHTWOORD)
    assert not dialog.try_login()
    assert dialog.outcome is LoginOutcome.PROBLEM and isinstance(dialog.problem, SchijfVol)
    keuzes = []
    monkeypatch.setattr(errors, "choose", lambda parent, text, options, **kw: keuzes.append((text, options)) or 0)
    vulling.unlink()
    assert StartupFlow(db_path.parent, dialog.settings).database_problem(dialog.problem, db_path) == db_path
    assert keuzes[0][0].startswith("De schijf is vol") and keuzes[0][1][0] == "Opnieuw proberen"


def test_a_read_only_folder(schijf, tmp_path, capsys, qtbot):
    db_path = school_in(schijf / "data")
    subprocess.run(["mount", "-o", "remount,ro", str(schijf)], check=True)
    for argv in (("signalen",), ("import", "leerlingen", str(leerlingen_csv(tmp_path)))):
        assert cli(db_path.parent, *argv) == 1
        err = capsys.readouterr().err
        assert "mag het programma niet schrijven" in err
        no_traceback(err)
    dialog = LoginDialog(db_path, settings=QSettings(str(tmp_path / "i.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.naam.setText(NAAM)
    dialog.wachtwoord.setText(WACHTWOORD)
    assert not dialog.try_login()
    assert isinstance(dialog.problem, AlleenLezen)


# --- the same faults injected (any user, any platform) ----------------------------------------------------

def test_an_injected_full_disk_in_an_action_is_the_dutch_sentence(services, tmp_path):
    pagina_s = services.ctx.store.db.execute_sql("PRAGMA page_count").fetchone()[0]
    services.ctx.store.db.execute_sql(f"PRAGMA max_page_count = {pagina_s + 2}")  # SQLite's own "disk is full"
    with pytest.raises(SchijfVol, match="De schijf is vol"):
        services.importeren.leerlingen(leerlingen_csv(tmp_path, 2000))
    services.ctx.store.db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert [r.leerlingnummer for r in services.leerlingen.lijst()] == []  # nothing half-imported


def test_an_injected_full_disk_while_backing_up(services, monkeypatch):
    def geen_ruimte(*_a, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(zipfile.ZipFile, "open", geen_ruimte)  # every member is written through it
    with pytest.raises(backup.BackupFout, match="de schijf is vol") as exc:
        services.backups.maken()
    assert "beschadigd" not in str(exc.value)
    assert list(services.backups.map().glob("*.tmp")) == []  # the half backup is gone


def test_an_injected_read_only_folder(db_path, services, capsys, monkeypatch):
    services.close()

    def alleen_lezen(*_a, **_kw):
        raise PermissionError(errno.EROFS, "Read-only file system", str(db_path) + ".lock")
    monkeypatch.setattr("filelock.FileLock.acquire", alleen_lezen)
    assert cli(db_path.parent, "signalen") == 1
    err = capsys.readouterr().err
    assert "mag het programma niet schrijven" in err
    no_traceback(err)


def test_a_fault_that_escapes_a_screen_is_a_message_not_the_crash_dialog(qtbot, monkeypatch):
    import sqlcipher3

    gezien = []
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: gezien.append(text))
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail("crash dialog"))
    errors.report(sqlcipher3.OperationalError("database or disk is full"))
    errors.report(OSError(errno.ENOSPC, "No space left on device"))
    assert len(gezien) == 2 and all(t.startswith("De schijf is vol") for t in gezien)


# --- a lock another process holds ---------------------------------------------------------------------------

HOUDER = """
import sys, time
from pathlib import Path
from thuiszit_desktop.db import backup
from thuiszit_desktop.db.keys import KeyRing
p = Path(sys.argv[1])
if sys.argv[2] == "schrijven":  # a program with the database open in a write transaction
    c = backup.connect(p, KeyRing.load(p.with_suffix(".sleutels")).unlock(sys.argv[3], sys.argv[4]))
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO instelling VALUES ('vast', '1')")
else:  # another copy of the program
    import filelock
    lock = filelock.FileLock(str(p) + ".lock")
    lock.acquire()
print("vast", flush=True)
time.sleep(60)
"""


@pytest.fixture
def vasthouden(db_path, services):
    services.leerlingen.opslaan(Leerling("900001", "Eerste", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    services.close()
    processen = []

    def start(soort: str) -> None:
        p = subprocess.Popen([sys.executable, "-c", HOUDER, str(db_path), soort, NAAM, WACHTWOORD],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        processen.append(p)
        assert p.stdout.readline().strip() == "vast", p.stderr.read()

    yield start
    for p in processen:
        p.kill()
        p.wait()
        p.stdout.close()
        p.stderr.close()


def test_a_write_lock_held_elsewhere_reading_commands_still_start(vasthouden, db_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 300)  # the wait before giving up, shortened
    vasthouden("schrijven")
    for argv in (("signalen",), ("niveaus",), ("audit", "lijst"), ("trajecten",)):
        assert cli(db_path.parent, *argv) == 0, argv
        out, err = capsys.readouterr()
        assert out and ("Let op" in err or err == "")
    assert cli(db_path.parent, "import", "leerlingen", str(leerlingen_csv(tmp_path))) == 1
    err = capsys.readouterr().err
    assert "Een ander programma of venster is op dit moment met de database bezig" in err
    no_traceback(err)


def test_another_copy_of_the_program_is_named(vasthouden, db_path, capsys):
    vasthouden("programma")
    assert cli(db_path.parent, "signalen") == 1
    err = capsys.readouterr().err
    assert "in een ander venster of door een ander programma" in err
    no_traceback(err)


def test_without_a_lock_elsewhere_a_reading_commands_login_is_still_audited(db_path, services, capsys):
    services.close()
    assert cli(db_path.parent, "signalen") == 0
    assert cli(db_path.parent, "audit", "lijst", "--json") == 0
    assert '"actie": "ingelogd"' in capsys.readouterr().out.split("[", 1)[1]


def test_a_lock_error_at_service_level_is_database_bezet(services, monkeypatch):
    import sqlcipher3

    def bezet(*_a, **_kw):
        raise sqlcipher3.OperationalError("database is locked")
    monkeypatch.setattr(services.ctx.store.db, "begin", bezet)
    with pytest.raises(DatabaseBezet):
        services.leerlingen.opslaan(Leerling("900002", "Twee", date(2012, 1, 1), date(2024, 8, 1)))


# --- import files that are not what they say --------------------------------------------------------------

def xlsx(pad: Path, rijen: int = 50) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["leerlingnummer", "voornaam", "achternaam", "geboortedatum"])
    for i in range(rijen):
        ws.append([str(100000 + i), "Fictief", f"Leerling{i}", "01-03-2012"])
    wb.save(pad)
    return pad


def bom(pad: Path, uitgepakt: int) -> Path:
    """A zip bomb dressed as .xlsx: a worksheet of `uitgepakt` bytes of spaces, compressed ~1000×."""
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            blok = b" " * (1024 * 1024)
            for _ in range(uitgepakt // len(blok)):
                f.write(blok)
    return pad


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path):
    import tracemalloc

    pad = bom(tmp_path / "leerlingen.xlsx", 64 * 1024 * 1024)
    assert pad.stat().st_size < 1024 * 1024
    tracemalloc.start()
    with pytest.raises(InvoerFout, match="zip-bom"):
        lees_tabel(pad)
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert piek < 8 * 1024 * 1024  # bounded: nothing was unpacked


def test_a_zip_whose_directory_lies_about_sizes_stops_at_the_stated_size(tmp_path):
    pad = bom(tmp_path / "leerlingen.xlsx", 4 * 1024 * 1024)
    data = bytearray(pad.read_bytes())
    for kop in (b"PK\x01\x02", b"PK\x03\x04"):  # shrink the stated size of the worksheet in both headers
        i = data.rfind(kop)
        while i != -1:
            naam_lengte = int.from_bytes(data[i + (28 if kop == b"PK\x01\x02" else 26):][:2], "little")
            start = i + (46 if kop == b"PK\x01\x02" else 30)
            if data[start:start + naam_lengte] == b"xl/worksheets/sheet1.xml":
                plek = i + (24 if kop == b"PK\x01\x02" else 22)
                if data[plek:plek + 4] != b"\xff\xff\xff\xff":
                    data[plek:plek + 4] = (1000).to_bytes(4, "little")
            i = data.rfind(kop, 0, i)
    pad.write_bytes(bytes(data))
    with pytest.raises(InvoerFout), lees_tabel(pad) as tabel:
        list(tabel)


@pytest.mark.parametrize("schade", ["afgekapt", "midden", "geen zip"])
def test_a_damaged_xlsx_is_a_dutch_message(tmp_path, schade, capsys, services):
    pad = xlsx(tmp_path / "leerlingen.xlsx", 3000)
    data = bytearray(pad.read_bytes())
    if schade == "afgekapt":
        data = data[: len(data) // 2]
    elif schade == "midden":
        for i in range(len(data) // 3, len(data) // 3 + 200):
            data[i] ^= 0x5A
    else:
        data[:4] = b"XXXX"
    pad.write_bytes(bytes(data))
    services.close()
    assert cli(services.ctx.store.path.parent, "import", "leerlingen", str(pad)) == 1
    err = capsys.readouterr().err
    assert "Excel" in err
    no_traceback(err)


# --- values out of range, a closed pipe ------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ("signalen", "--peildatum", "0001-01-01"), ("niveaus", "--peildatum", "9999-12-31"),
    ("audit", "lijst", "--van", "0001-01-01"), ("bewaartermijnen", "--peildatum", "9999-12-31"),
    ("rapport", "kwartaal", "0001-Q1", "--uit", "x.csv"), ("rapport", "kwartaal", "2026-Q9", "--uit", "x.csv"),
    ("rapport", "jaar", "99999", "--uit", "x.pdf"), ("plan-pdf", "1", "x.pdf", "--versie", "99999999999999999999"),
    ("plan-pdf", "1", "x.pdf", "--versie", "0"), ("plan-pdf", "1", "x.pdf", "--versie", "-1"),
    ("mdo-pdf", "1", "x.pdf", "--datum", "0001-01-01"),
], ids=lambda a: " ".join(a))
def test_out_of_range_values_are_dutch_usage_errors(db_path, services, capsys, argv):
    services.close()
    with pytest.raises(SystemExit) as exc:
        cli(db_path.parent, *argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "fout in de opdracht" in err and "Traceback" not in err


class DichtePijp(io.StringIO):
    def write(self, _text):
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def test_a_closed_pipe_stops_quietly(db_path, services, capsys, monkeypatch):
    services.close()
    monkeypatch.setattr("sys.stdout", DichtePijp())
    assert cli(db_path.parent, "niveaus", "--json") == 0
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_in_a_real_process(db_path, services):
    services.importeren.leerlingen(leerlingen_csv(db_path.parent.parent, 1500))  # more than a pipe holds
    services.close()
    env = {**os.environ, "THUISZIT_WACHTWOORD": WACHTWOORD}
    p = subprocess.Popen([sys.executable, "-m", "thuiszit_desktop", "niveaus", "--json", "--data-dir",
                          str(db_path.parent), "--gebruiker", NAAM], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env)
    assert p.stdout.read(10)  # `| head -c 10`
    p.stdout.close()
    err = p.stderr.read().decode()
    p.stderr.close()
    assert p.wait() == 0 and err == ""


# --- temporary copies ------------------------------------------------------------------------------------

def test_temporary_copies_stay_in_the_data_folder_and_a_kill_leaves_none(services, db_path, tmp_path, monkeypatch):
    systeem = tmp_path / "systeem-tmp"
    systeem.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(systeem))
    made = services.backups.maken()
    services.backups.voorbeeld(made.pad)
    services.backups.terugzetten(made.pad)
    assert list(systeem.iterdir()) == []  # nothing in the system's temporary folder
    achtergelaten = swap.temp_dir(db_path) / "controle-gedood"  # what a kill during a preview leaves
    achtergelaten.mkdir()
    (achtergelaten / "thuiszit.db").write_bytes(b"versleutelde kopie")
    oud = systeem / ".controle-abc123"  # what an older version left in the system's temporary folder
    oud.mkdir()
    (oud / "thuiszit.db").write_bytes(b"versleutelde kopie")
    os.utime(oud, (oud.stat().st_mtime - 7200,) * 2)
    (systeem / ".controle-nu").mkdir()  # one still in use by an older version: too young to touch
    session.login(db_path, NAAM, WACHTWOORD).close()
    assert list(swap.temp_dir(db_path).iterdir()) == []
    assert [p.name for p in systeem.iterdir()] == [".controle-nu"]
