"""Opening and creating the encrypted database file."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import filelock
import peewee as pw
import sqlcipher3
from playhouse.sqlcipher_ext import SqlCipherDatabase

from ..domain.errors import (
    DatabaseBeschadigd,
    DatabaseBestaatAl,
    DatabaseFout,
    DatabaseInGebruik,
    DatabaseOnleesbaar,
)
from . import faults, identity, migrations, swap, vertrouwelijk
from .keys import KeyRing, Sleutels, sqlcipher_passphrase
from .models import database

log = logging.getLogger(__name__)

DATABASE_NAME = "thuiszit.db"

PRAGMAS = {
    "cipher_log_level": "NONE",  # a wrong key is reported by us, not as an HMAC error on stderr
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": "normal",  # safe with WAL: a crash can lose at most the last commit, never corrupt
    "busy_timeout": 5000,
    # Overwrite what is deleted or replaced: text that became confidential (encrypted in place, see
    # db/vertrouwelijk.py) must not linger in free space that every key holder can read.
    "secure_delete": 1,
}

# A connection that reads every page once (the check of every page, a backup) keeps nothing worth keeping: a
# page cache this small (KiB) instead of SQLCipher's 8 MB per connection, which such a run fills – beside the
# session's and the background jobs' own caches (issue 16: 8 MB each at the peak of a 20,000-student window).
EEN_KEER_CACHE = -256
# A connection opened on another thread than the main one serves one background job (ui/common/worker.py
# closes it when the job ends), so its cache only lives for that job: whole-table reads (the oldest verzuim
# date after the signals, the kwartaal) filled its 8 MB, freed again when the job ended – a transient that
# set the peak resident memory of a 20,000-student window when it ran beside building an area (issue 16).
# 2 MB (KiB here) still holds every page such a job reads twice (the indexes' upper levels).
JOB_CACHE = -2048


class _Database(SqlCipherDatabase):
    """The session's database: its connections on background threads get the small cache of JOB_CACHE."""

    def _set_pragmas(self, conn) -> None:
        super()._set_pragmas(conn)
        if threading.current_thread() is not threading.main_thread():
            conn.execute(f"PRAGMA cache_size = {JOB_CACHE}")


@dataclass
class Store:
    """An open database file: the peewee database, its key ring, the keys the user's slot gave and the lock
    that keeps it ours."""

    path: Path
    db: SqlCipherDatabase
    keyring: KeyRing
    sleutels: Sleutels
    lock: filelock.BaseFileLock
    closed: bool = False
    op_server = False  # the single encrypted file (db/server.py ServerStore is the other store)
    # Raised after every committed change (services/context.py): what is computed from the data – the signals
    # of the whole school – is valid as long as this number is the same. Only this program writes while it
    # holds the lock, so its own commits are every change there is.
    versie: int = 0
    # The check of every page when it was left out of the opening (Controle, the GUI's login): what a user's
    # action waits for (services/context.py). None: checked at opening.
    controle: Controle | None = None
    _versie_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def gewijzigd(self) -> None:
        with self._versie_lock:
            self.versie += 1

    @property
    def map(self) -> Path:
        """The folder of the database file (where a disk error is reported)."""
        return self.path.parent

    def wijzigingen(self) -> int:
        """Rows changed on this thread's connection so far (services/context.py)."""
        return self.db.connection().total_changes

    @property
    def key(self) -> bytes:
        """The database key (SQLCipher)."""
        return self.sleutels.database

    def bind(self) -> None:
        """Make this the database the models use, with the user's confidential key (if they hold it)."""
        database.initialize(self.db)
        vertrouwelijk.zet_sleutel(self.sleutels.vertrouwelijk)

    def close(self) -> None:
        self.closed = True
        if database.obj is self.db:
            database.initialize(None)
            vertrouwelijk.zet_sleutel(None)
        self.db.close()
        self.lock.release()


def exists(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def _lock(path: Path) -> filelock.BaseFileLock:
    # not thread-local: the store may be closed from another thread than the one that opened it (a restore)
    lock = filelock.FileLock(str(path) + ".lock", is_singleton=False, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise DatabaseInGebruik() from None
    except OSError as exc:  # a read-only folder, a full disk
        raise (faults.translate(exc, path.parent) or exc) from None
    return lock


def _connect(path: Path, key: bytes) -> SqlCipherDatabase:
    db = _Database(str(path), passphrase=sqlcipher_passphrase(key), pragmas=PRAGMAS)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except pw.DatabaseError as exc:
        db.close()
        log.warning("database unreadable: %s", exc)
        raise (faults.translate(exc, path.parent) or DatabaseOnleesbaar()) from None
    return db


def _check_integrity(db: SqlCipherDatabase) -> None:
    """PRAGMA quick_check: it reads (so SQLCipher decrypts and authenticates) every page, which finds what a
    crash or a bad disk does. The full integrity_check (also indexes against tables) costs 2.5× as much – 1 s
    cpu for 2,000 students with five years of verzuim, benchmarks/bench_backup.py – and runs on every backup
    before it is put back instead."""
    try:
        rows = db.execute_sql("PRAGMA quick_check").fetchall()
    except (pw.DatabaseError, sqlcipher3.DatabaseError) as exc:  # the key was right, so this is damage
        log.warning("integrity check failed: %s", type(exc).__name__)
        if fout := faults.translate(exc, Path(db.database).parent):  # … unless the disk is full, say
            raise fout from None
        rows = []
    if [tuple(r) for r in rows] != [("ok",)]:
        log.warning("database damaged: integrity check found %d problem(s)", len(rows))
        raise DatabaseBeschadigd()


class Controle:
    """The check of every page (`_check_integrity`) when it did not run at opening: the GUI's login leaves it
    out of the start (seconds at 20,000 students, issue 16) and runs it after the window's first paint, on a
    read-only connection of its own beside the session's.

    Until it has passed, a user's action waits for it (services/context.py): nothing but the login's own
    writes – which fail with DatabaseBeschadigd when they touch a damaged page – goes into a file that has
    not been checked. Its outcome is kept: DatabaseBeschadigd (or a disk fault) once it failed.
    """

    def __init__(self, path: Path, key: bytes):
        self._path, self._key = path, key
        self._lock = threading.Lock()
        self._klaar = False
        self.fout: DatabaseFout | None = None

    @property
    def klaar(self) -> bool:
        return self._klaar

    def uitvoeren(self) -> None:
        """Run the check (once; a second caller waits for the first) and raise what it found."""
        with self._lock:
            if not self._klaar:
                try:
                    self._check()
                except DatabaseFout as exc:
                    self.fout = exc
                finally:
                    self._key = b""
                    self._klaar = True
        if self.fout is not None:
            raise self.fout

    def _check(self) -> None:
        # A second connection beside the session's (fine in WAL), reading only: query_only rather than a
        # "mode=ro" URI, which would have to spell every folder name (a share, a "#") the URI way.
        try:
            db = SqlCipherDatabase(str(self._path), passphrase=sqlcipher_passphrase(self._key),
                                   pragmas={"cipher_log_level": "NONE", "query_only": 1,
                                            "cache_size": EEN_KEER_CACHE})
            db.connect()
        except (pw.DatabaseError, sqlcipher3.Error) as exc:
            log.warning("integrity check could not open the database: %s", type(exc).__name__)
            raise (faults.translate(exc, self._path.parent) or DatabaseBeschadigd()) from None
        try:
            _check_integrity(db)
        finally:
            db.close()


def create_store(path: Path) -> Store:
    """A new, empty, migrated database file with a fresh key; the caller adds the first user's slot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(path)
    try:
        if exists(path) or KeyRing.for_database(path).exists() or swap.pending(path):
            raise DatabaseBestaatAl(path.parent)  # never over a database or the key file of one set aside
        path.unlink(missing_ok=True)
        sleutels = Sleutels.nieuw()
        db = _connect(path, sleutels.database)
        migrations.migrate(db)
        keyring = KeyRing.empty(KeyRing.for_database(path))
        identity.create(db.connection(), path, keyring)
        store = Store(path, db, keyring, sleutels, lock)
        store.bind()
        return store
    except BaseException:
        lock.release()
        raise


def open_store(path: Path, naam: str, wachtwoord: str, *, controle: bool = True,
               intussen: Callable[[], object] | None = None) -> Store:
    """Unlock with one user's own password, migrate forward if needed, and bind the models to it.

    `controle=False` leaves out the check of every page (the caller runs a `Controle` later); damage that
    the migration or the identity check runs into is DatabaseBeschadigd all the same. `intussen`: what this
    thread does while the keys are derived from the password (KeyRing.open)."""
    if not exists(path) and not swap.pending(path):
        raise DatabaseOnleesbaar(f"er is geen database in {path.parent}")
    lock = _lock(path)
    try:
        swap.recover(path)  # a restore a kill interrupted is finished or undone first
        if not exists(path):
            raise DatabaseOnleesbaar(f"er is geen database in {path.parent}")
        keyring = KeyRing.load(KeyRing.for_database(path))
        sleutels = keyring.open(naam, wachtwoord, intussen)
        key = sleutels.database
        db = _connect(path, key)
        try:
            if controle:
                _check_integrity(db)
            old = migrations.migrate(db)
            identity.ensure(db.connection(), path, key, keyring)
        except (pw.DatabaseError, sqlcipher3.Error, OSError) as exc:
            db.close()
            if faults.is_damage(exc):
                log.warning("database damaged: %s", type(exc).__name__)
                raise DatabaseBeschadigd() from None
            raise (faults.translate(exc, path.parent) or exc) from None
        except BaseException:
            db.close()
            raise
        if old != migrations.LATEST:
            log.info("database migrated from schema %s to %s", old, migrations.LATEST)
        store = Store(path, db, keyring, sleutels, lock)
        store.bind()
        return store
    except BaseException:
        lock.release()
        raise
