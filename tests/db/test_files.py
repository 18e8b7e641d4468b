"""db/files.py: a rename that waits for a virus scanner on Windows, a folder sync Windows cannot do; and the
names the backup code makes stay short enough for Windows' 260 characters."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import backup, files


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(files, "_sleep", slept.append)
    return slept


def flaky_replace(monkeypatch, failures: int, exc: type[OSError] = PermissionError) -> list[tuple[str, str]]:
    """os.replace that fails `failures` times (the file is "in use") before it works."""
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append((str(src), str(dst)))
        if len(calls) <= failures:
            raise exc(13, "Het proces heeft geen toegang tot het bestand omdat het door een ander proces wordt gebruikt")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_on_windows_a_file_in_use_is_replaced_once_it_is_let_go(monkeypatch, tmp_path, waits):
    monkeypatch.setattr(files, "WINDOWS", True)
    (tmp_path / "nieuw").write_text("nieuw")
    (tmp_path / "oud").write_text("oud")
    calls = flaky_replace(monkeypatch, 3)
    files.replace(tmp_path / "nieuw", tmp_path / "oud")
    assert (tmp_path / "oud").read_text() == "nieuw" and len(calls) == 4
    assert waits == [0.05, 0.1, 0.2]


def test_on_windows_it_gives_up_after_a_few_seconds(monkeypatch, tmp_path, waits):
    monkeypatch.setattr(files, "WINDOWS", True)
    (tmp_path / "nieuw").write_text("nieuw")
    calls = flaky_replace(monkeypatch, 100)
    with pytest.raises(PermissionError):
        files.replace(tmp_path / "nieuw", tmp_path / "oud")
    assert len(calls) == files.REPLACE_TRIES and 2 < sum(waits) < 6


@pytest.mark.parametrize("windows, exc", [(False, PermissionError), (True, FileNotFoundError)])
def test_other_failures_are_final_at_once(monkeypatch, tmp_path, waits, windows, exc):
    """Elsewhere an open file never blocks a rename; a missing file does not come back by waiting."""
    monkeypatch.setattr(files, "WINDOWS", windows)
    calls = flaky_replace(monkeypatch, 1, exc)
    with pytest.raises(exc):
        files.replace(tmp_path / "nieuw", tmp_path / "oud")
    assert len(calls) == 1 and waits == []


def test_fsync_dir_is_skipped_on_windows_and_quiet_where_it_fails(monkeypatch, tmp_path):
    files.fsync_dir(tmp_path)  # works here
    files.fsync_dir(tmp_path / "bestaat-niet")  # a share that refuses: the rename still holds
    monkeypatch.setattr(files, "WINDOWS", True)
    monkeypatch.setattr(os, "open", lambda *a: pytest.fail("Windows cannot open a folder to sync it"))
    files.fsync_dir(tmp_path)


def test_a_backup_waits_for_the_scanner_that_holds_its_new_file(services, monkeypatch, tmp_path, waits):
    monkeypatch.setattr(files, "WINDOWS", True)
    calls = flaky_replace(monkeypatch, 2)
    store = services.ctx.store
    made = backup.make(store.path, store.key, tmp_path / "backups")
    assert made.pad.exists() and len(calls) == 3
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [made.pad.name]  # no temporary file left


def test_names_stay_short_for_windows(services, db_path, monkeypatch, tmp_path):
    """Windows allows 260 characters per path unless long paths are switched on. Everything the backup and
    the restore make stays within 80 characters of its folder, so a data folder or share of up to 180
    characters works (a user's %LOCALAPPDATA% folder is about 40)."""
    made_paths: list[Path] = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (made_paths.extend([Path(src), Path(dst)]), real(src, dst)))
    store = services.ctx.store
    made = backup.make(store.path, store.key, tmp_path / "backups", nu=datetime(2026, 11, 23, 17, 30, 5))
    services.close()
    backup.restore(made.pad, db_path, naam="Anna de Vries", wachtwoord=WACHTWOORD, nu=datetime(2026, 11, 23, 18))
    assert made_paths
    for path in made_paths:
        folder = db_path.parent if db_path.parent in path.parents else tmp_path / "backups"
        assert len(str(path.relative_to(folder))) <= 80, path
        assert ":" not in path.name, path


def test_write_json_leaves_the_old_file_and_no_temporary_one_when_writing_fails(tmp_path, monkeypatch):
    import errno
    import json

    doel = tmp_path / "thuiszit.anker"
    files.write_json(doel, {"versie": 1})

    def schijf_vol(*_a, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", schijf_vol)
    with pytest.raises(OSError):
        files.write_json(doel, {"versie": 2})
    assert json.loads(doel.read_text()) == {"versie": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["thuiszit.anker"]
