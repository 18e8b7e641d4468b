"""db/swap.py: the database and its key file replaced as one step – killed (SIGKILL) at every moment of it,
the next open finishes or undoes it, and the database and key file that are then in place belong together."""

from __future__ import annotations

import os
import signal
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import backup, swap
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session

NU = datetime(2026, 11, 23, 18, 0)
STEPS = ["journal", "opzij thuiszit.db", "opzij thuiszit.db-wal", "opzij thuiszit.sleutels", "nieuw thuiszit.db",
         "nieuw thuiszit.sleutels", "klaar", "opgeruimd"]
needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="needs fork and SIGKILL")


def pair(folder: Path, db: str, keys: str, wal: str | None = None) -> Path:
    db_path = folder / "thuiszit.db"
    db_path.write_text(db)
    db_path.with_suffix(".sleutels").write_text(keys)
    if wal is not None:
        Path(f"{db_path}-wal").write_text(wal)
    return db_path


def staged(db_path: Path, db: str, keys: str) -> tuple[Path, Path]:
    folder = swap.temp_dir(db_path) / "nieuw"
    folder.mkdir()
    (folder / "thuiszit.db").write_text(db)
    (folder / "thuiszit.sleutels").write_text(keys)
    return folder / "thuiszit.db", folder / "thuiszit.sleutels"


def state(db_path: Path) -> tuple[str, str, str | None]:
    wal = Path(f"{db_path}-wal")
    return (db_path.read_text(), db_path.with_suffix(".sleutels").read_text(), wal.read_text() if wal.exists() else None)


def killed_at(step: str, work) -> None:
    """Run `work` in a forked child that SIGKILLs itself at `step` of the swap."""
    pid = os.fork()
    if pid == 0:  # the child: no pytest cleanup, no atexit – exactly what a kill leaves
        def hook(name: str) -> None:
            if name == step:
                os.kill(os.getpid(), signal.SIGKILL)
        swap._step = hook
        try:
            work()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed at {step}"


def test_a_swap_replaces_both_files_and_removes_the_old_ones(tmp_path):
    db_path = pair(tmp_path, "oud", "oude sleutels", wal="oude wal")
    new_db, new_keys = staged(db_path, "nieuw", "nieuwe sleutels")
    assert swap.replace_database(db_path, new_db, new_keys, now=NU) == []
    assert state(db_path) == ("nieuw", "nieuwe sleutels", None)  # the old -wal went with the old database
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tijdelijk", "thuiszit.db", "thuiszit.sleutels"]


def test_keep_old_sets_the_old_pair_aside_under_one_name(tmp_path):
    db_path = pair(tmp_path, "beschadigd", "oude sleutels", wal="oude wal")
    new_db, new_keys = staged(db_path, "nieuw", "nieuwe sleutels")
    kept = swap.replace_database(db_path, new_db, new_keys, keep_old=True, label="voor-terugzetten", now=NU)
    assert sorted(p.name for p in kept) == ["thuiszit-voor-terugzetten-20261123-180000.db",
                                            "thuiszit-voor-terugzetten-20261123-180000.db-wal",
                                            "thuiszit-voor-terugzetten-20261123-180000.sleutels"]
    assert state(tmp_path / "thuiszit-voor-terugzetten-20261123-180000.db") == (
        "beschadigd", "oude sleutels", "oude wal")
    assert state(db_path) == ("nieuw", "nieuwe sleutels", None)


def test_an_error_halfway_puts_everything_back(tmp_path, monkeypatch):
    db_path = pair(tmp_path, "oud", "oude sleutels")
    new_db, new_keys = staged(db_path, "nieuw", "nieuwe sleutels")

    def fail(name: str) -> None:
        if name == "nieuw thuiszit.db":
            raise OSError(28, "No space left on device")
    monkeypatch.setattr(swap, "_step", fail)
    with pytest.raises(OSError):
        swap.replace_database(db_path, new_db, new_keys, now=NU)
    assert state(db_path) == ("oud", "oude sleutels", None)
    assert new_db.read_text() == "nieuw" and new_keys.read_text() == "nieuwe sleutels"
    assert not swap.pending(db_path)


@needs_fork
@pytest.mark.parametrize("keep_old", [False, True])
@pytest.mark.parametrize("step", STEPS)
def test_killed_at_any_step_the_next_open_finishes_or_undoes_it(tmp_path, step, keep_old):
    db_path = pair(tmp_path, "oud", "oude sleutels", wal="oude wal")
    new_db, new_keys = staged(db_path, "nieuw", "nieuwe sleutels")
    killed_at(step, lambda: swap.replace_database(db_path, new_db, new_keys, keep_old=keep_old, now=NU))
    assert swap.pending(db_path)
    swap.recover(db_path)
    assert not swap.pending(db_path)
    na = state(db_path)
    forward = STEPS.index(step) >= STEPS.index("nieuw thuiszit.sleutels")  # every new file was in place
    assert na == (("nieuw", "nieuwe sleutels", None) if forward else ("oud", "oude sleutels", "oude wal"))
    aside = tmp_path / "thuiszit-voor-wissel-20261123-180000.db"
    assert aside.exists() == (forward and keep_old)  # kept when asked, never lost before the new pair is in place
    if aside.exists():
        assert state(aside) == ("oud", "oude sleutels", "oude wal")
    assert list(swap.temp_dir(db_path).iterdir()) == []  # what the killed process left is cleared


@pytest.fixture
def school(services, db_path, tmp_path):
    """A school with one student and a backup of it; then a second student, entered after the backup."""
    services.leerlingen.opslaan(Leerling("900001", "Eerste", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    made = services.backups.maken(nu=NU)
    services.leerlingen.opslaan(Leerling("900002", "Later", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    services.close()
    return made.pad


def students(db_path: Path) -> set[str]:
    services = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        return {r.leerlingnummer for r in services.leerlingen.lijst()}
    finally:
        services.close()


@needs_fork
@pytest.mark.parametrize("step", ["opzij thuiszit.sleutels", "nieuw thuiszit.db", "klaar"])
def test_a_restore_killed_in_its_swap_leaves_a_database_that_opens_without_loss(school, db_path, step):
    killed_at(step, lambda: backup.restore(school, db_path, naam="Anna de Vries", wachtwoord=WACHTWOORD, nu=NU))
    assert session.database_exists(db_path)  # never the welcome wizard, never "make a new one"
    na = students(db_path)  # the login finishes or undoes the swap
    if na == {"900001"}:  # rolled forward: the backup is in place, the replaced database kept aside
        aside = db_path.with_name("thuiszit-voor-terugzetten-20261123-180000.db")
        assert aside.exists() and aside.with_suffix(".sleutels").exists()
    else:
        assert na == {"900001", "900002"}
    assert not swap.pending(db_path)
