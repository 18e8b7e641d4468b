"""What the disk or another program did, in Dutch: a full disk, a folder the program may not write in, a
database another program holds. One place that reads SQLite's error codes and the operating system's errno,
so every path (login, a service action, a backup, a restore) says the same sentence – never "beschadigd" for
a full disk, never a traceback.

    except (OSError, sqlite3 / peewee errors) as exc:
        raise faults.translate(exc, folder) or SomethingElse from None
"""

from __future__ import annotations

import errno
import shutil
from contextlib import contextmanager
from pathlib import Path

import peewee as pw
import sqlcipher3

from ..domain.errors import AlleenLezen, DatabaseBeschadigd, DatabaseBezet, DatabaseFout, SchijfVol

_FULL_ERRNO = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READONLY_ERRNO = {errno.EROFS, errno.EACCES, errno.EPERM}
VOL = SchijfVol().args[0]


_NAMES = (("disk is full", "SQLITE_FULL"), ("readonly database", "SQLITE_READONLY"), ("disk i/o error", "SQLITE_IOERR"),
          ("database is locked", "SQLITE_BUSY"), ("database table is locked", "SQLITE_LOCKED"))


def _chain(exc: BaseException):
    """`exc` and what it was raised from or while handling: a failed commit surfaces as "cannot rollback"."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen and len(seen) < 10:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _sqlite_code(exc: BaseException) -> str:
    """SQLITE_FULL, SQLITE_READONLY… of `exc` or of an error in its chain ("" otherwise)."""
    for e in _chain(exc):
        name = getattr(e, "sqlite_errorname", None) or next((n for f, n in _NAMES if f in str(e).lower()), "")
        if name and name != "SQLITE_ERROR":
            return name
    return ""


BIJNA_VOL = 4 * 1024 * 1024  # bytes free: less than this, and an I/O error is the full disk


def is_full(exc: BaseException, folder: Path | None = None) -> bool:
    """The disk is full. SQLite says so itself when a page does not fit (SQLITE_FULL); when the WAL index
    cannot grow it only says "disk I/O error", so then the free space of `folder` decides."""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNO:
        return True
    code = _sqlite_code(exc)
    if code.startswith("SQLITE_FULL"):
        return True
    if folder is not None and (code.startswith("SQLITE_IOERR") or "disk i/o error" in str(exc).lower()):
        try:
            return shutil.disk_usage(folder).free < BIJNA_VOL
        except OSError:
            return False
    return False


def is_readonly(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and not isinstance(exc, DatabaseFout) and exc.errno in _READONLY_ERRNO:
        return True
    return _sqlite_code(exc).startswith("SQLITE_READONLY")


def is_locked(exc: BaseException) -> bool:
    return _sqlite_code(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def is_damage(exc: BaseException) -> bool:
    """SQLite read a page that is not what it wrote: a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB – what
    SQLCipher says of a page it cannot authenticate)."""
    if _sqlite_code(exc).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    return any(f in str(e).lower() for e in _chain(exc) for f in ("malformed", "file is not a database"))


def translate(exc: BaseException, folder: Path | None = None) -> DatabaseFout | None:
    """The Dutch fault for `exc`, or None when it is none of these (then it is something else: damage, a bug)."""
    if is_full(exc, folder):
        return SchijfVol()
    if is_readonly(exc):
        return AlleenLezen(folder)
    if is_locked(exc):
        return DatabaseBezet()
    return None


@contextmanager
def vertaald(folder: Path | None = None):
    """Inside: a full disk, a read-only folder, a lock another program holds or a damaged page leaves as its
    Dutch DatabaseFout; every other error as it was."""
    try:
        yield
    except (pw.DatabaseError, sqlcipher3.Error, OSError) as exc:
        if isinstance(exc, DatabaseFout):
            raise
        if (fout := translate(exc, folder)) is None:
            if not is_damage(exc):
                raise
            fout = DatabaseBeschadigd()
        raise fout from None


def backup_message(exc: BaseException, folder: Path) -> str:
    if is_full(exc, folder):
        return ("De back-up kon niet worden gemaakt: de schijf is vol. Maak ruimte vrij, of kies in Instellingen › "
                "Back-ups een map op een andere schijf. Uw gegevens zelf zijn niet aangetast.")
    if is_readonly(exc):
        return (f"De back-up kon niet worden geschreven: in {folder} mag het programma niet schrijven. Vraag de ICT "
                "om schrijfrechten, of kies een andere map.")
    if isinstance(exc, OSError):
        return (f"De back-up kon niet worden geschreven in {folder} ({exc.strerror or exc}). Controleer of de map "
                "bereikbaar is en er ruimte is, of kies een andere map.")
    if is_locked(exc):
        return DatabaseBezet().args[0]
    return "De back-up is niet gelukt: de database kon niet worden gelezen. Probeer het opnieuw."


def restore_message(exc: BaseException) -> str:
    if is_full(exc):
        return ("Terugzetten is niet gelukt: de schijf is vol. Er is niets veranderd. Maak ruimte vrij op de schijf "
                "en probeer het opnieuw.")
    if is_readonly(exc):
        return ("Terugzetten is niet gelukt: in de map van de database mag het programma niet schrijven. Er is niets "
                "veranderd. Vraag de ICT om schrijfrechten.")
    if isinstance(exc, OSError):
        return (f"Terugzetten is niet gelukt ({exc.strerror or exc}). Er is niets veranderd. Sluit andere "
                "programma's die de database open hebben en probeer het opnieuw.")
    if is_locked(exc):
        return DatabaseBezet().args[0]
    return "Terugzetten is niet gelukt: de back-up kon niet worden gelezen. Kies een andere back-up."
