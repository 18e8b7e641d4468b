"""Replacing the database file and its key file as one step that survives a kill at any moment.

    replace_database(db_path, new_db, new_keys)          # the caller holds the database's lock
    finish_interrupted_swap(db_path)                     # at every open, under the lock

A restore (and a key rotation) puts a new database file and a new key file in place of the current ones. Two
renames are never atomic together, so a small journal beside the database (`thuiszit.wissel`) says what is
happening:

1. the journal is written (atomically, fsynced): which new files go where, and the names the current files get
   when they are set aside (`thuiszit-<label>-<tijd>.db`, with its `-wal`, `-shm` and `.sleutels`);
2. every current file is renamed aside; only then is every new file renamed into place;
3. the journal is marked done; the set-aside files are removed (or kept, with `keep_old`); the journal goes.

Killed before step 3, the next open rolls forward when every new file is already in place, and back otherwise
(the set-aside files return under their own names, the new ones go back where they came from): either way the
database and its key file belong together and nothing saved is lost. The new files must be on the same file
system as the database (e.g. in `temp_dir(db_path)`), so every rename is atomic.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from . import files

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
TEMP_DIR = ".tijdelijk"  # in the data folder: copies made while working, removed at every open


def journal_path(db_path: Path) -> Path:
    return db_path.with_suffix(".wissel")


def keys_path(db_path: Path) -> Path:
    return db_path.with_suffix(".sleutels")


def temp_dir(db_path: Path) -> Path:
    """The data folder's own folder for temporary copies (never the system's: a kill would leave them there)."""
    folder = db_path.parent / TEMP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clear_temp_dir(db_path: Path) -> None:
    """Remove what a killed process left in `temp_dir` (call under the database's lock, after
    `finish_interrupted_swap`: nothing in it is in use then)."""
    folder = db_path.parent / TEMP_DIR
    if not folder.is_dir():
        return
    for item in folder.iterdir():
        with contextlib.suppress(OSError):
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()


def recover(db_path: Path) -> None:
    """At every open, under the lock: finish an interrupted swap, then clear what a killed process left."""
    finish_interrupted_swap(db_path)
    clear_temp_dir(db_path)
    _clear_old_system_temp()


def _clear_old_system_temp() -> None:
    """Versions before `.tijdelijk` unpacked backups in the system's temporary folder (`.controle-*`,
    `.sleutels-*`); a kill left them there. Ours only (by prefix and owner) and only when an hour old."""
    folder = Path(tempfile.gettempdir())
    uur_geleden = time.time() - 3600
    ik = os.getuid() if hasattr(os, "getuid") else None
    for item in [*folder.glob(".controle-*"), *folder.glob(".sleutels-*")]:
        with contextlib.suppress(OSError):
            info = item.lstat()
            if item.is_dir() and not item.is_symlink() and info.st_mtime < uur_geleden and ik in (None, info.st_uid):
                shutil.rmtree(item)


def pending(db_path: Path) -> bool:
    """A swap was interrupted: the next open finishes it (`finish_interrupted_swap`)."""
    return journal_path(db_path).exists()


def _step(_name: str) -> None:
    """Called with the name of each step: a test replaces it to kill the process at exactly that moment."""


def replace_database(db_path: Path, new_db: Path, new_keys: Path, *, keep_old: bool = False,
                     label: str = "voor-wissel", now: datetime | None = None) -> list[Path]:
    """Put `new_db` and `new_keys` in place of the database at `db_path` (closed, its lock held by the caller)
    and its key file. The current files are set aside first and removed once the new ones are in place – or
    kept (`keep_old`, e.g. a damaged database that a restore replaces): the paths kept are returned.

    An error halfway (a full disk, a file held open by another program) puts everything back as it was and
    raises; a kill halfway is finished by the next `finish_interrupted_swap`.
    """
    if pending(db_path):
        finish_interrupted_swap(db_path)
    folder = db_path.parent
    stamp = f"{(now or datetime.now()):%Y%m%d-%H%M%S}"
    aside_db = folder / f"{db_path.stem}-{label}-{stamp}.db"
    n = 2
    while aside_db.exists() or keys_path(aside_db).exists():
        aside_db = folder / f"{db_path.stem}-{label}-{stamp}-{n}.db"
        n += 1
    aside = {name: (aside_db.name + name[len(db_path.name):]) for name in
             (db_path.name, f"{db_path.name}-wal", f"{db_path.name}-shm") if (folder / name).exists()}
    if keys_path(db_path).exists():
        aside[keys_path(db_path).name] = keys_path(aside_db).name
    journal: dict[str, Any] = {
        "format": FORMAT_VERSION, "klaar": False, "bewaar_oud": keep_old, "opzij": aside,
        "nieuw": {db_path.name: _relative(new_db, folder), keys_path(db_path).name: _relative(new_keys, folder)}}
    _write_journal(db_path, journal)
    _step("journal")
    try:
        for original, set_aside in aside.items():
            files.replace(folder / original, folder / set_aside)
            _step(f"opzij {original}")
        files.fsync_dir(folder)
        for target, source in journal["nieuw"].items():
            files.replace(folder / source, folder / target)
            _step(f"nieuw {target}")
        files.fsync_dir(folder)
    except Exception:
        _roll_back(db_path, journal)
        raise
    return _finish(db_path, journal)


def finish_interrupted_swap(db_path: Path) -> None:
    """Complete or undo a swap a kill interrupted (see the module's docstring). Call under the lock."""
    path = journal_path(db_path)
    path.with_name(path.name + ".tmp").unlink(missing_ok=True)  # a journal killed while being written: no swap began
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        folder = db_path.parent
        if not journal["klaar"] and not all(not (folder / source).exists() and (folder / target).exists()
                                            for target, source in journal["nieuw"].items()):
            log.warning("an interrupted database swap is rolled back")
            _roll_back(db_path, journal)
            return
    except FileNotFoundError:
        return
    except (ValueError, KeyError, TypeError, AttributeError):
        # Written atomically, so this is not our half-written file; leave it to a person rather than guess.
        log.warning("the database swap journal cannot be read")
        return
    log.warning("an interrupted database swap is finished")
    _finish(db_path, journal)


def _finish(db_path: Path, journal: dict) -> list[Path]:
    folder = db_path.parent
    if not journal["klaar"]:
        journal["klaar"] = True
        _write_journal(db_path, journal)
        _step("klaar")
    kept = []
    for set_aside in journal["opzij"].values():
        if journal["bewaar_oud"]:
            if (folder / set_aside).exists():
                kept.append(folder / set_aside)
        else:
            with contextlib.suppress(FileNotFoundError):
                (folder / set_aside).unlink()
    _step("opgeruimd")
    journal_path(db_path).unlink(missing_ok=True)
    files.fsync_dir(folder)
    return kept


def _roll_back(db_path: Path, journal: dict) -> None:
    """Every new file back where it came from, every set-aside file back under its own name."""
    folder = db_path.parent
    for target, source in journal["nieuw"].items():
        # moved in only after every current file was set aside, so a file at `target` is the new one
        if not (folder / source).exists() and (folder / target).exists():
            (folder / source).parent.mkdir(parents=True, exist_ok=True)
            files.replace(folder / target, folder / source)
    for original, set_aside in journal["opzij"].items():
        if (folder / set_aside).exists():
            files.replace(folder / set_aside, folder / original)
    files.fsync_dir(folder)
    journal_path(db_path).unlink(missing_ok=True)
    files.fsync_dir(folder)


def _relative(path: Path, folder: Path) -> str:
    """`path` as seen from the data folder; it must be inside it (a rename across file systems is no swap)."""
    try:
        return str(Path(path).resolve().relative_to(folder.resolve()))
    except ValueError:
        raise ValueError(f"{path} is not inside {folder}") from None


def _write_journal(db_path: Path, journal: dict) -> None:
    path = journal_path(db_path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(journal, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    files.replace(tmp, path)
    files.fsync_dir(path.parent)

