"""Backups: one file holding an encrypted copy of the database, its key slots and a small manifest.

The copy is made with SQLite's backup API into a new file keyed with the same key (never a file copy:
with WAL the main file alone is not the database). Checked with SQLCipher 4.19: the copy is encrypted
(no "SQLite format 3" header, no readable text); tests/db/test_backup.py scans the bytes.

A backup file is a zip (stored, not compressed: encrypted bytes do not compress) with
  thuiszit.db         the encrypted copy, in rollback-journal mode so it is one self-contained file
  thuiszit.sleutels   the key slots at that moment: without them nobody can open the copy
  manifest.json       date, app version, schema version and plain counts; never a name
It is written under a temporary name, fsynced and renamed, so a backup killed halfway never leaves a
file that looks complete; the zip's CRCs catch a file damaged later.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3

from ..domain import rotatie
from ..domain.errors import DatabaseFout, InlogFout
from . import files, migrations
from .connection import _lock
from .keys import KeyRing, sqlcipher_passphrase

log = logging.getLogger(__name__)

SUFFIX = ".tzbackup"
FORMAT_VERSION = 1
DB_MEMBER, KEYS_MEMBER, MANIFEST_MEMBER = "thuiszit.db", "thuiszit.sleutels", "manifest.json"
# What the preview counts: label → table.
TELLINGEN = {"leerlingen": "leerling", "trajecten": "traject", "verzuimregels": "verzuim",
             "gesprekken": "gesprek", "mdo's": "mdo", "plannen van aanpak": "plan_van_aanpak",
             "gebruikers": "gebruiker"}
OTHER_DATABASE = "Deze back-up hoort bij een andere database. Kies een back-up van deze database."
_NAME = re.compile(r"^(?P<stem>.+)-backup-(?P<moment>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(SUFFIX) + "$")


class BackupFout(DatabaseFout):
    """A backup cannot be made, read or put back; the message says why in Dutch."""


@dataclass(frozen=True)
class Manifest:
    gemaakt: datetime
    app_versie: str
    schema: int
    aantallen: dict[str, int]
    database_id: str  # a one-way fingerprint of the key: which database the backup belongs to


@dataclass(frozen=True)
class Backup:
    pad: Path
    manifest: Manifest
    grootte: int  # bytes


# --- the raw connection ---------------------------------------------------------------------------

def database_id(key: bytes) -> str:
    return hashlib.sha256(b"thuiszit-database-id:" + key).hexdigest()[:16]


def connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A plain sqlcipher3 connection (not peewee's): usable from any thread, closed by the caller."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f'PRAGMA key = "{sqlcipher_passphrase(key)}"')
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def integrity_ok(conn, *, quick: bool = False) -> bool:
    """PRAGMA integrity_check (or quick_check) says "ok"; a page SQLCipher cannot decrypt is damage too."""
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    except sqlcipher3.DatabaseError as exc:
        log.warning("integrity check failed: %s", type(exc).__name__)
        return False
    return [tuple(r) for r in rows] == [("ok",)]


def counts(conn) -> dict[str, int]:
    """The rows per label of TELLINGEN, on a raw (sqlcipher3) connection."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {label: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for label, table in TELLINGEN.items() if table in tables}


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("thuiszit-desktop")
    except Exception:  # running from a checkout that is not installed
        return ""


# --- making a backup ------------------------------------------------------------------------------

def make(db_path: Path, key: bytes, folder: Path, *, nu: datetime | None = None) -> Backup:
    """A new backup of the open database at `db_path` in `folder`; old ones are then rotated."""
    try:
        return _make(db_path, key, folder, (nu or datetime.now()).replace(microsecond=0))
    except OSError as exc:  # a full disk, a share that went away, no permission
        log.warning("backup failed: %s", type(exc).__name__)
        raise BackupFout(f"De back-up kon niet worden geschreven in {folder} ({exc.strerror or exc}). Controleer "
                         "of de map bereikbaar is en er ruimte is, of kies een andere map.") from None
    except sqlcipher3.Error as exc:
        log.warning("backup failed: %s", type(exc).__name__)
        raise BackupFout("De back-up is niet gelukt: de database kon niet worden gelezen. Probeer het opnieuw.") \
            from None


def _make(db_path: Path, key: bytes, folder: Path, nu: datetime) -> Backup:
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder, db_path.parent)
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=db_path.parent) as tmp:
        copy = Path(tmp) / DB_MEMBER
        source = connect(db_path, key)
        try:
            target = connect(copy, key)
            try:
                source.backup(target)  # one consistent snapshot, even while the app writes
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
                if not integrity_ok(target, quick=True):  # the full check runs before a restore
                    raise BackupFout("De back-up is niet goed gelukt: de kopie klopt niet. Probeer het opnieuw.")
                schema = target.execute("PRAGMA user_version").fetchone()[0]
                aantallen = counts(target)
            finally:
                target.close()
        finally:
            source.close()
        sleutels = KeyRing.for_database(db_path).read_bytes()
        manifest = {"format": FORMAT_VERSION, "gemaakt": nu.isoformat(), "app_versie": _app_version(),
                    "schema": schema, "aantallen": aantallen, "database_id": database_id(key)}
        final = _free_name(folder, db_path.stem, nu)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".thuiszit-backup-", suffix=".tmp")
        tmp_zip = Path(name)
        try:
            with os.fdopen(fd, "wb") as f:
                with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as z:
                    z.writestr(MANIFEST_MEMBER, json.dumps(manifest, indent=1))
                    z.writestr(KEYS_MEMBER, sleutels)
                    z.write(copy, DB_MEMBER)
                f.flush()
                os.fsync(f.fileno())
            files.replace(tmp_zip, final)
        except BaseException:
            tmp_zip.unlink(missing_ok=True)
            raise
    files.fsync_dir(folder)
    log.info("backup made (%d bytes)", final.stat().st_size)
    rotate(folder, db_path.stem, database_id(key))
    return Backup(final, read_manifest(final), final.stat().st_size)


def _free_name(folder: Path, stem: str, nu: datetime) -> Path:
    """A name after every backup of the same second, so the newest file also sorts newest (rotation
    keeps the highest number of a second; reusing a freed lower one would make it remove the new file)."""
    base = f"{stem}-backup-{nu:%Y%m%d-%H%M%S}"
    taken = [int(m["n"] or 1) for p in folder.glob(base + "*" + SUFFIX) if (m := _NAME.match(p.name))]
    if not taken:
        return folder / (base + SUFFIX)
    return folder / f"{base}-{max(taken) + 1}{SUFFIX}"


def _remove_leftovers(folder: Path, data_dir: Path) -> None:
    """What a backup or restore killed halfway left behind: only ours (by prefix) and only when an hour
    old, so one still being written – by this process, or by another on a shared folder – stays."""
    uur_geleden = time.time() - 3600
    for tmp in [*folder.glob(".thuiszit-backup-*.tmp"), *data_dir.glob(".backup-*"), *data_dir.glob(".terugzetten-*")]:
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime >= uur_geleden:
                continue
            if tmp.is_dir():
                shutil.rmtree(tmp)
            else:
                tmp.unlink()


def rotate(folder: Path, stem: str, db_id: str) -> list[Path]:
    """Remove the backups of this database (file name `stem`, key fingerprint `db_id`: a shared folder may
    hold another school's `thuiszit` backups) that the rotation rule no longer keeps; the removed files."""
    backups = [b for b in list_backups(folder, stem) if b.manifest.database_id == db_id]  # newest first
    keep = rotatie.te_bewaren(b.manifest.gemaakt for b in backups)
    removed = []
    for b in backups:
        if b.manifest.gemaakt in keep:
            keep.discard(b.manifest.gemaakt)  # two in the same second: only the newest file is kept
        else:
            with contextlib.suppress(OSError):
                b.pad.unlink()
                removed.append(b.pad)
    return removed


# --- reading backups ------------------------------------------------------------------------------

def read_manifest(path: Path) -> Manifest:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if not {DB_MEMBER, KEYS_MEMBER, MANIFEST_MEMBER} <= names:
                raise ValueError("members")
            data = json.loads(z.read(MANIFEST_MEMBER))
        if data.get("format", 0) > FORMAT_VERSION:
            raise BackupFout(f"De back-up {path.name} is gemaakt met een nieuwere versie van het programma.")
        return Manifest(datetime.fromisoformat(data["gemaakt"]), str(data.get("app_versie", "")),
                        int(data["schema"]), {str(k): int(v) for k, v in data["aantallen"].items()},
                        str(data["database_id"]))
    except FileNotFoundError:
        raise BackupFout(f"Het bestand {path.name} bestaat niet (meer).") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile):
        raise BackupFout(f"Het bestand {path.name} is geen (hele) back-up van Thuiszit Desktop.") from None


def list_backups(folder: Path, stem: str | None = None) -> list[Backup]:
    """The readable backups in `folder` (of database `stem` when given), newest first."""
    result = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match is None or (stem is not None and match["stem"] != stem):
                continue
            try:
                result.append(Backup(path, read_manifest(path), path.stat().st_size))
            except (BackupFout, OSError):
                log.warning("unreadable backup file skipped")
    return sorted(result, key=lambda b: (b.manifest.gemaakt, int(_NAME.match(b.pad.name)["n"] or 1)), reverse=True)


def extract(path: Path, into: Path) -> tuple[Path, Path]:
    """The database and key file of a backup, unpacked into `into` and checked against the zip's CRCs."""
    read_manifest(path)
    try:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                raise zipfile.BadZipFile("crc")
            db, keys = into / DB_MEMBER, into / KEYS_MEMBER
            db.write_bytes(z.read(DB_MEMBER))
            keys.write_bytes(z.read(KEYS_MEMBER))
    except (OSError, zipfile.BadZipFile):
        raise BackupFout(f"De back-up {path.name} is beschadigd; kies een andere.") from None
    return db, keys


def keyring(path: Path) -> KeyRing:
    """The key slots inside a backup (to see whose password will open it)."""
    with tempfile.TemporaryDirectory(prefix=".sleutels-") as tmp:
        _db, keys = extract(path, Path(tmp))
        return KeyRing.load(keys)


def check(path: Path, key: bytes) -> Manifest:
    """Open the backup's copy with `key` and run the full integrity check; BackupFout when it fails."""
    manifest = read_manifest(path)
    if manifest.database_id != database_id(key):
        raise BackupFout(OTHER_DATABASE)
    with tempfile.TemporaryDirectory(prefix=".controle-") as tmp:
        db, _keys = extract(path, Path(tmp))
        _check_copy(db, key, path)
    return manifest


def _check_copy(db: Path, key: bytes, backup: Path) -> int:
    """The copy's schema version after a full integrity check."""
    conn = connect(db, key)
    try:
        if not integrity_ok(conn):
            raise BackupFout(f"De back-up {backup.name} is beschadigd; kies een andere.")
        schema = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    if schema > migrations.LATEST:
        raise BackupFout(f"De back-up {backup.name} is gemaakt met een nieuwere versie van het programma.")
    return schema


# --- putting a backup back ------------------------------------------------------------------------

def restore(path: Path, db_path: Path, *, key: bytes | None = None, naam: str = "", wachtwoord: str = "",
            nu: datetime | None = None, check_copy: Callable[[sqlcipher3.Connection], None] | None = None
            ) -> Manifest:
    """Replace the database at `db_path` (closed) and its key file by those of backup `path`.

    The key is `key` or the one `naam`/`wachtwoord` unlock in the backup's own key file (at startup,
    when the damaged database is not open). The copy is checked before anything is touched (and passed to
    `check_copy`, which may raise to refuse); the current
    files are kept aside as `<stem>-voor-terugzetten-<tijd>.db` until the new ones are in place.
    """
    nu = nu or datetime.now()
    manifest = read_manifest(path)
    lock = _lock(db_path)
    try:
        with tempfile.TemporaryDirectory(prefix=".terugzetten-", dir=db_path.parent) as tmp:
            new_db, new_keys = extract(path, Path(tmp))
            if key is None:
                try:
                    key = KeyRing.load(new_keys).unlock(naam, wachtwoord)
                except InlogFout:
                    raise BackupFout("Met uw naam en wachtwoord gaat deze back-up niet open: uw account of "
                                     "wachtwoord is van na deze back-up. Kies een andere back-up.") from None
            elif manifest.database_id != database_id(key):
                raise BackupFout(OTHER_DATABASE)
            _check_copy(new_db, key, path)
            if check_copy is not None:
                conn = connect(new_db, key)
                try:
                    check_copy(conn)
                finally:
                    conn.close()
            _fsync_file(new_db)
            _fsync_file(new_keys)
            _swap(db_path, new_db, new_keys, nu)
    finally:
        lock.release()
    log.info("backup restored")
    return manifest


def _swap(db_path: Path, new_db: Path, new_keys: Path, nu: datetime) -> None:
    keys_path = KeyRing.for_database(db_path)
    aside_db = db_path.with_name(f"{db_path.stem}-voor-terugzetten-{nu:%Y%m%d-%H%M%S}.db")
    current = [(p, Path(str(aside_db) + p.name[len(db_path.name):]))
               for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")) if p.exists()]
    if keys_path.exists():
        current.append((keys_path, aside_db.with_suffix(".sleutels")))
    moved: list[tuple[Path, Path]] = []
    try:
        for original, aside in current:
            files.replace(original, aside)
            moved.append((original, aside))
        files.replace(new_keys, keys_path)
        files.replace(new_db, db_path)
        files.fsync_dir(db_path.parent)
    except BaseException:
        for original, aside in reversed(moved):  # put the old database back as it was
            with contextlib.suppress(OSError):
                files.replace(aside, original)
        raise
    for _original, aside in moved:  # the restore succeeded: the old files are no longer needed
        with contextlib.suppress(OSError):
            aside.unlink()

