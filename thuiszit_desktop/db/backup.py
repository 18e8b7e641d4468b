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

The manifest names the database it belongs to (`database_id`, db/identity.py) and its line of work (`tak`), so
rotation keeps the last copy of every state (domain/rotatie.py) and a restore takes only this database's
backups – also when the database itself cannot be opened. `anker` is a dict others may fill (the audit trail's
head at the moment of the backup).

The backup on close is made fast (`make(..., snel=True)`): with the WAL checkpointed into the main file and the
write lock held, that file is the whole database, already encrypted, so it goes into the zip as it is – a copy of
a file instead of SQLite's page-by-page copy and check. Its manifest says `gecontroleerd: false` (and has no
counts yet) until `controleer` – at the next start – has run the full integrity check on it and written the
counts; one that fails is set aside as `….tzbackup.beschadigd`, never offered for a restore. Rotation keeps an
unchecked backup and lets it push out none (domain/rotatie.py). When the WAL cannot be emptied (a reader in
another thread), the backup is made the usual way. Temporary copies go in the data folder's own `.tijdelijk` folder, which
every open clears, so a kill leaves nothing behind elsewhere. Putting a backup back goes through
`swap.replace_database`: a kill at any moment is finished or undone at the next open.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import sqlcipher3

from ..domain import rotatie
from ..domain.errors import DatabaseFout, GeenToegang, InlogFout
from . import faults, files, identity, migrations, swap
from .connection import EEN_KEER_CACHE, _lock, exists
from .keys import KeyRing, sqlcipher_passphrase

log = logging.getLogger(__name__)

SUFFIX = ".tzbackup"
SETTING_MAP = "backups.map"  # the instelling that holds the folder the user chose
STANDAARD_MAP = "backups"  # otherwise: this folder beside the database
FORMAT_VERSION = 1
DB_MEMBER, KEYS_MEMBER, MANIFEST_MEMBER = "thuiszit.db", "thuiszit.sleutels", "manifest.json"
# What the preview counts: label → table.
TELLINGEN = {"leerlingen": "leerling", "trajecten": "traject", "verzuimregels": "verzuim",
             "gesprekken": "gesprek", "mdo's": "mdo", "plannen van aanpak": "plan_van_aanpak",
             "gebruikers": "gebruiker"}
# Why a backup was made (manifest "reden"): the two made before a risky step are kept longer by rotation.
VOOR_TERUGZETTEN, VOOR_OPRUIMEN = "voor terugzetten", "voor opruimen"
OTHER_DATABASE = "Deze back-up hoort bij een andere database. Kies een back-up van deze database."
UNKNOWN_DATABASE = ("Bij welke database deze map hoort, is niet meer vast te stellen (het databasebestand, "
                    "thuiszit.id en het sleutelbestand zijn onleesbaar of weg). Zet de back-up terug in een lege "
                    "map (kies een andere map, bijvoorbeeld met --data-dir); zo blijft wat hier staat bewaard.")
_NAME = re.compile(r"^(?P<stem>.+)-backup-(?P<moment>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(SUFFIX) + "$")


class BackupFout(DatabaseFout):
    """A backup cannot be made, read or put back; the message says why in Dutch."""


@dataclass(frozen=True)
class Manifest:
    gemaakt: datetime
    app_versie: str
    schema: int
    aantallen: dict[str, int]
    database_id: str  # which database the backup belongs to (db/identity.py)
    tak: str = ""  # its line of work: a restore starts a new one (domain/rotatie.py)
    reden: str = ""  # "" (daily, on close, by hand), VOOR_TERUGZETTEN or VOOR_OPRUIMEN
    bewaren_tot: date | None = None  # rotation keeps it at least until this day
    anker: dict = field(default_factory=dict)  # filled by others (the audit trail's head); never a name
    gecontroleerd: bool = True  # False: copied fast on close, its integrity check (and counts) still to come


@dataclass(frozen=True)
class Backup:
    pad: Path
    manifest: Manifest
    grootte: int  # bytes


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    bewaard: list[Path]  # the replaced files, kept aside (a damaged database is never thrown away)


# --- the raw connection ---------------------------------------------------------------------------

def connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A plain sqlcipher3 connection (not peewee's): usable from any thread, closed by the caller."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f'PRAGMA key = "{sqlcipher_passphrase(key)}"')
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _een_keer(conn) -> None:
    """A small page cache for a connection that reads every page once (a copy, a check): see EEN_KEER_CACHE.
    Not in `connect`: it reads the file, and a wrong key must fail where the caller asks, not there."""
    conn.execute(f"PRAGMA cache_size = {EEN_KEER_CACHE}")


def integrity_ok(conn, *, quick: bool = False) -> bool:
    """PRAGMA integrity_check (or quick_check) says "ok"; a page SQLCipher cannot decrypt is damage too."""
    try:
        _een_keer(conn)
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    except sqlcipher3.DatabaseError as exc:
        if faults.is_full(exc):
            raise
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
    """The program's own version (what the kept caches are keyed on too). Not the installed package's metadata:
    reading that imports the e-mail parser and scans every installed package – 1 MB of memory at the first
    backup of a session (issue 16) – and a bundle or a checkout has none."""
    from .. import __version__

    return __version__


# --- making a backup ------------------------------------------------------------------------------

def make(db_path: Path, key: bytes, folder: Path, *, nu: datetime | None = None, reden: str = "",
         bewaren_tot: date | None = None, anker: Callable[[sqlcipher3.Connection], dict] | None = None,
         rotate_after: bool = True, snel: bool = False) -> Backup:
    """A new backup of the open database at `db_path` in `folder`; old ones are then rotated (not with
    `rotate_after=False`: before a restore, whose backup must stay until it is put back).

    `anker(copy)` may add a dict to the manifest, computed on the consistent copy (read-only use).
    `snel`: the file itself when the WAL can be emptied, checked later by `controleer` (the backup on close)."""
    nu = (nu or datetime.now()).replace(microsecond=0)
    try:
        if snel:
            folder.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(folder, db_path.parent)
            made = _make_snel(db_path, key, folder, nu, reden, bewaren_tot, anker)
            if made is not None:
                if rotate_after:
                    rotate(folder, db_path.stem, made.manifest.database_id, vandaag=nu.date())
                return made
        return _make(db_path, key, folder, nu, reden, bewaren_tot, anker, rotate_after)
    except (OSError, sqlcipher3.Error) as exc:  # a full disk, a share that went away, no permission
        log.warning("backup failed: %s", type(exc).__name__)
        raise BackupFout(faults.backup_message(exc, folder)) from None


def _make(db_path: Path, key: bytes, folder: Path, nu: datetime, reden: str, bewaren_tot: date | None,
          anker: Callable[[sqlcipher3.Connection], dict] | None, rotate_after: bool) -> Backup:
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder, db_path.parent)
    with tempfile.TemporaryDirectory(prefix="backup-", dir=swap.temp_dir(db_path)) as tmp:
        copy = Path(tmp) / DB_MEMBER
        source = connect(db_path, key)
        try:
            target = connect(copy, key)
            try:
                _een_keer(source)
                _een_keer(target)
                source.backup(target)  # one consistent snapshot, even while the app writes
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
                if not integrity_ok(target, quick=True):  # the full check runs before a restore
                    raise BackupFout("De back-up is niet goed gelukt: de kopie klopt niet. Probeer het opnieuw.")
                manifest = {"format": FORMAT_VERSION, "gemaakt": nu.isoformat(), "app_versie": _app_version(),
                            "schema": target.execute("PRAGMA user_version").fetchone()[0],
                            "aantallen": counts(target), "database_id": identity.of(target, key),
                            "tak": identity.tak(target), "reden": reden,
                            "bewaren_tot": bewaren_tot.isoformat() if bewaren_tot else None,
                            "anker": anker(target) if anker else {}}
            finally:
                target.close()
        finally:
            source.close()
        final = _schrijf_zip(folder, db_path.stem, nu, manifest, KeyRing.for_database(db_path).read_bytes(), copy)
    files.fsync_dir(folder)
    log.info("backup made (%d bytes)", final.stat().st_size)
    if rotate_after:
        rotate(folder, db_path.stem, manifest["database_id"], vandaag=nu.date())
    return Backup(final, read_manifest(final), final.stat().st_size)


def _make_snel(db_path: Path, key: bytes, folder: Path, nu: datetime, reden: str, bewaren_tot: date | None,
               anker: Callable[[sqlcipher3.Connection], dict] | None) -> Backup | None:
    """The main file as it is, into the zip, while this connection holds the write lock and the WAL is empty:
    then the file is the whole database and nothing can change it. None when the WAL cannot be emptied."""
    source = connect(db_path, key)
    try:
        source.execute("PRAGMA busy_timeout = 1000")  # a reader that stays longer: the usual way, not a wait
        busy, _log, _done = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            return None
        source.execute("BEGIN IMMEDIATE")  # no commit (of any connection) until the copy is done
        try:
            wal = db_path.with_name(db_path.name + "-wal")
            if wal.exists() and wal.stat().st_size:  # a commit came between the checkpoint and the lock
                return None
            manifest = {"format": FORMAT_VERSION, "gemaakt": nu.isoformat(), "app_versie": _app_version(),
                        "schema": source.execute("PRAGMA user_version").fetchone()[0], "aantallen": {},
                        "database_id": identity.of(source, key), "tak": identity.tak(source), "reden": reden,
                        "bewaren_tot": bewaren_tot.isoformat() if bewaren_tot else None,
                        "anker": anker(source) if anker else {}, "gecontroleerd": False}
            final = _schrijf_zip(folder, db_path.stem, nu, manifest, KeyRing.for_database(db_path).read_bytes(),
                                 db_path)
        finally:
            source.execute("ROLLBACK")
    finally:
        source.close()
    files.fsync_dir(folder)
    log.info("backup made without a check yet (%d bytes)", final.stat().st_size)
    return Backup(final, read_manifest(final), final.stat().st_size)


def _schrijf_zip(folder: Path, stem: str, nu: datetime, manifest: dict, sleutels: bytes, db: Path) -> Path:
    """A backup file with these members under a free name."""
    final = _free_name(folder, stem, nu)
    _schrijf_zip_als(final, manifest, sleutels, db)
    return final


def _schrijf_zip_als(final: Path, manifest: dict, sleutels: bytes, db: Path) -> None:
    """A backup file with these members at `final` (new or replaced): under a temporary name, fsynced, renamed."""
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=".thuiszit-backup-", suffix=".tmp")
    tmp_zip = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as z:
                z.writestr(MANIFEST_MEMBER, json.dumps(manifest, indent=1))
                z.writestr(KEYS_MEMBER, sleutels)
                _schrijf_lid(z, db, DB_MEMBER)
            f.flush()
            os.fsync(f.fileno())
        files.replace(tmp_zip, final)
    except BaseException:
        tmp_zip.unlink(missing_ok=True)
        raise


def _schrijf_lid(z: zipfile.ZipFile, pad: Path, naam: str) -> None:
    """A file into the zip in 1 MiB blocks (ZipFile.write takes 8 KiB ones: four times slower for a database)."""
    info = zipfile.ZipInfo.from_file(pad, naam)
    info.compress_type = zipfile.ZIP_STORED
    with pad.open("rb") as bron, z.open(info, "w", force_zip64=info.file_size > zipfile.ZIP64_LIMIT // 2) as doel:
        shutil.copyfileobj(bron, doel, 1 << 20)


def controleer(folder: Path, stem: str, db_id: str, key: bytes, db_path: Path) -> list[Path]:
    """Check every backup of this database not yet checked (the fast one on close): the full integrity check on
    its copy, then its manifest gets the counts and `gecontroleerd`. One that fails is set aside
    (`….beschadigd`, no longer a backup to choose). Returns the backups set aside."""
    apart = []
    for b in list_backups(folder, stem):
        if b.manifest.gecontroleerd or b.manifest.database_id != db_id:
            continue
        try:
            _controleer_een(b, key, db_path)
        except BackupFout:
            log.warning("a backup failed its integrity check and is set aside")
            with contextlib.suppress(OSError):
                b.pad.rename(b.pad.with_name(b.pad.name + ".beschadigd"))
                apart.append(b.pad)
    return apart


def _controleer_een(b: Backup, key: bytes, db_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="controle-", dir=swap.temp_dir(db_path)) as tmp:
        db, keys = extract(b.pad, Path(tmp))
        _check_copy(db, key, b.pad)
        conn = connect(db, key)
        try:
            aantallen = counts(conn)
        finally:
            conn.close()
        with zipfile.ZipFile(b.pad) as z:
            manifest = json.loads(z.read(MANIFEST_MEMBER))
        manifest.update(aantallen=aantallen, gecontroleerd=True)
        _schrijf_zip_als(b.pad, manifest, keys.read_bytes(), db)  # the same backup with its new manifest
    files.fsync_dir(b.pad.parent)


def _free_name(folder: Path, stem: str, nu: datetime) -> Path:
    """A name after every backup of the same second, so the newest file also sorts newest (rotation
    keeps the highest number of a second; reusing a freed lower one would make it remove the new file)."""
    base = f"{stem}-backup-{nu:%Y%m%d-%H%M%S}"
    taken = [int(m["n"] or 1) for p in folder.glob(base + "*" + SUFFIX) if (m := _NAME.match(p.name))]
    if not taken:
        return folder / (base + SUFFIX)
    return folder / f"{base}-{max(taken) + 1}{SUFFIX}"


def _remove_leftovers(folder: Path, data_dir: Path) -> None:
    """What a backup killed halfway left in the (maybe shared) backup folder: only ours (by prefix) and only
    when an hour old, so one still being written – by another computer on a shared folder – stays. (Older
    versions also left `.backup-*` and `.terugzetten-*` in the data folder.)"""
    uur_geleden = time.time() - 3600
    for tmp in [*folder.glob(".thuiszit-backup-*.tmp"), *data_dir.glob(".backup-*"), *data_dir.glob(".terugzetten-*")]:
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime >= uur_geleden:
                continue
            if tmp.is_dir():
                shutil.rmtree(tmp)
            else:
                tmp.unlink()


def rotate(folder: Path, stem: str, db_id: str, *, vandaag: date | None = None) -> list[Path]:
    """Remove the backups of this database (file name `stem`, id `db_id`: a shared folder may hold another
    school's `thuiszit` backups) that the rotation rule no longer keeps; the removed files."""
    backups = [b for b in list_backups(folder, stem) if b.manifest.database_id == db_id]  # newest first
    keep = rotatie.bewaren([rotatie.BackupStand(b.manifest.gemaakt, b.manifest.tak, b.manifest.bewaren_tot,
                                                b.manifest.gecontroleerd) for b in backups],
                           vandaag=vandaag or date.today())
    removed = []
    for i, b in enumerate(backups):
        if i not in keep:
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
        bewaren_tot = data.get("bewaren_tot")
        return Manifest(datetime.fromisoformat(data["gemaakt"]), str(data.get("app_versie", "")),
                        int(data["schema"]), {str(k): int(v) for k, v in data["aantallen"].items()},
                        str(data["database_id"]), str(data.get("tak") or ""), str(data.get("reden") or ""),
                        date.fromisoformat(bewaren_tot) if bewaren_tot else None, dict(data.get("anker") or {}),
                        bool(data.get("gecontroleerd", True)))
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
            with z.open(DB_MEMBER) as src, db.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
            keys.write_bytes(z.read(KEYS_MEMBER))
    except zipfile.BadZipFile:
        raise BackupFout(f"De back-up {path.name} is beschadigd; kies een andere.") from None
    except OSError as exc:
        if faults.is_full(exc):
            raise BackupFout(faults.VOL) from None
        raise BackupFout(f"De back-up {path.name} kan niet worden gelezen ({exc.strerror or exc}); kies een "
                         "andere.") from None
    return db, keys


def keyring(path: Path, db_path: Path) -> KeyRing:
    """The key slots inside a backup (to see whose password will open it)."""
    with tempfile.TemporaryDirectory(prefix="sleutels-", dir=swap.temp_dir(db_path)) as tmp:
        _db, keys = extract(path, Path(tmp))
        return KeyRing.load(keys)


def check(path: Path, key: bytes, database_id: str, db_path: Path) -> Manifest:
    """Open the backup's copy with `key` and run the full integrity check; BackupFout when it fails or the
    backup belongs to another database than `database_id`. Unpacked in `db_path`'s temporary folder."""
    manifest = read_manifest(path)
    if manifest.database_id != database_id:
        raise BackupFout(OTHER_DATABASE)
    with tempfile.TemporaryDirectory(prefix="controle-", dir=swap.temp_dir(db_path)) as tmp:
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

def restore(path: Path, db_path: Path, *, key: bytes | None = None, database_id: str | None = None,
            naam: str = "", wachtwoord: str = "", nu: datetime | None = None,
            check_copy: Callable[[sqlcipher3.Connection], None] | None = None) -> Restored:
    """Replace the database at `db_path` (closed) and its key file by those of backup `path`.

    In a session: `key` and `database_id` of the open database, which the backup must match; the files it
    replaces are removed (the caller made a backup of them first). At the start, when the database cannot
    be opened: the key that `naam`/`wachtwoord` unlock in the backup's own key file, and the backup must belong
    to the database whose id `identity.known_id` still knows; the files it replaces are kept aside.
    The copy is checked before anything is touched (and passed to `check_copy`, which may raise to refuse);
    it starts a new line of work (`identity.start_new_tak`), and `swap.replace_database` puts it in place.
    """
    manifest = read_manifest(path)
    lock = _lock(db_path)
    try:
        swap.recover(db_path)
        with tempfile.TemporaryDirectory(prefix="terugzetten-", dir=swap.temp_dir(db_path)) as tmp:
            new_db, new_keys = extract(path, Path(tmp))
            in_session = key is not None
            if key is None:
                try:
                    key = KeyRing.load(new_keys).unlock(naam, wachtwoord)
                except InlogFout:
                    raise BackupFout("Met uw naam en wachtwoord gaat deze back-up niet open: uw account of "
                                     "wachtwoord is van na deze back-up. Kies een andere back-up.") from None
                _check_belongs(manifest, db_path, key, naam, wachtwoord)
            elif manifest.database_id != database_id:
                raise BackupFout(OTHER_DATABASE)
            _check_copy(new_db, key, path)
            conn = connect(new_db, key)
            try:
                if check_copy is not None:
                    check_copy(conn)
                identity.start_new_tak(conn)
            finally:
                conn.close()
            _fsync_file(new_db)
            _fsync_file(new_keys)
            kept = swap.replace_database(db_path, new_db, new_keys, keep_old=not in_session,
                                         label="voor-terugzetten", now=nu)
        identity.write_marker(db_path, manifest.database_id)
    except (GeenToegang, InlogFout):  # PermissionErrors, but meant for the user as they are
        raise
    except (OSError, sqlcipher3.Error) as exc:
        log.warning("restore failed: %s", type(exc).__name__)
        raise BackupFout(faults.restore_message(exc)) from None
    finally:
        lock.release()
    log.info("backup restored")
    return Restored(manifest, kept)


def expected_id(db_path: Path, naam: str = "", wachtwoord: str = "") -> str | None:
    """The id of the database at `db_path` without opening it: kept beside it (`identity.known_id`), or for a
    database from before ids the fingerprint of the key its key file gives `naam`/`wachtwoord`."""
    expected = identity.known_id(db_path)
    if expected is None and naam:
        with contextlib.suppress(DatabaseFout, InlogFout):
            expected = identity.legacy_id(KeyRing.load(KeyRing.for_database(db_path)).unlock(naam, wachtwoord))
    return expected


def _check_belongs(manifest: Manifest, db_path: Path, key: bytes, naam: str, wachtwoord: str) -> None:
    """At the start: the backup is of the database in this folder, by its id (`expected_id`), or else when the
    backup's key opens the file. An empty folder takes any backup."""
    expected = expected_id(db_path, naam, wachtwoord)
    if expected is not None:
        if manifest.database_id != expected:
            raise BackupFout(OTHER_DATABASE)
        return
    if not exists(db_path) and not KeyRing.for_database(db_path).exists():
        return
    if not _opens(db_path, key):
        raise BackupFout(UNKNOWN_DATABASE)


def _opens(db_path: Path, key: bytes) -> bool:
    """Whether `key` decrypts the first page of the file at `db_path`."""
    if not db_path.is_file():
        return False
    try:
        conn = connect(db_path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            conn.close()
    except sqlcipher3.DatabaseError:
        return False


def restore_keys(path: Path, db_path: Path, naam: str, wachtwoord: str) -> Manifest:
    """Put back only the key file of backup `path`, for a database whose key file is gone but which is itself
    whole: nothing entered since the backup is lost. BackupFout when the backup's key does not open the
    database (its key was changed since; then restore the whole backup)."""
    manifest = read_manifest(path)
    lock = _lock(db_path)
    try:
        swap.recover(db_path)
        with tempfile.TemporaryDirectory(prefix="sleutels-", dir=swap.temp_dir(db_path)) as tmp:
            _db, new_keys = extract(path, Path(tmp))
            try:
                key = KeyRing.load(new_keys).unlock(naam, wachtwoord)
            except InlogFout:
                raise BackupFout("Met uw naam en wachtwoord gaat het sleutelbestand in deze back-up niet open. "
                                 "Kies een andere back-up.") from None
            _check_belongs(manifest, db_path, key, naam, wachtwoord)
            conn = connect(db_path, key)
            try:
                if not integrity_ok(conn, quick=True):
                    raise BackupFout("Met het sleutelbestand uit deze back-up gaat de database niet (goed) open. "
                                     "Zet de hele back-up terug.")
            finally:
                conn.close()
            _fsync_file(new_keys)
            files.replace(new_keys, KeyRing.for_database(db_path))
            files.fsync_dir(db_path.parent)
    except InlogFout:
        raise
    except (OSError, sqlcipher3.Error) as exc:
        log.warning("restoring the key file failed: %s", type(exc).__name__)
        raise BackupFout(faults.restore_message(exc)) from None
    finally:
        lock.release()
    log.info("key file restored from a backup")
    return manifest
