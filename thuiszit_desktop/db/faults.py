"""What the disk or another program did, in Dutch: a full disk, a folder the program may not write in, a
database another program holds. One place that reads SQLite's error codes and the operating system's errno,
so every path (login, a service action, a backup, a restore) says the same sentence – never "beschadigd" for
a full disk, never a traceback.

    except (OSError, sqlite3 / peewee errors) as exc:
        raise faults.translate(exc, folder) or SomethingElse from None
"""

from __future__ import annotations

import errno
from pathlib import Path

from ..domain.errors import AlleenLezen, DatabaseBezet, DatabaseFout, SchijfVol

_FULL_ERRNO = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READONLY_ERRNO = {errno.EROFS, errno.EACCES, errno.EPERM}
VOL = SchijfVol().args[0]


def _sqlite_code(exc: BaseException) -> str:
    """SQLITE_FULL, SQLITE_READONLY… of `exc` or the driver error peewee wrapped into it ("" otherwise)."""
    for e in (exc, exc.__cause__, exc.__context__):
        name = getattr(e, "sqlite_errorname", None)
        if name:
            return name
    text = str(exc).lower()
    for fragment, name in (("disk is full", "SQLITE_FULL"), ("readonly database", "SQLITE_READONLY"),
                           ("database is locked", "SQLITE_BUSY"), ("database table is locked", "SQLITE_LOCKED")):
        if fragment in text:
            return name
    return ""


def is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNO:
        return True
    return _sqlite_code(exc).startswith("SQLITE_FULL")


def is_readonly(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and not isinstance(exc, DatabaseFout) and exc.errno in _READONLY_ERRNO:
        return True
    return _sqlite_code(exc).startswith("SQLITE_READONLY")


def is_locked(exc: BaseException) -> bool:
    return _sqlite_code(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def translate(exc: BaseException, folder: Path | None = None) -> DatabaseFout | None:
    """The Dutch fault for `exc`, or None when it is none of these (then it is something else: damage, a bug)."""
    if is_full(exc):
        return SchijfVol()
    if is_readonly(exc):
        return AlleenLezen(folder)
    if is_locked(exc):
        return DatabaseBezet()
    return None


def backup_message(exc: BaseException, folder: Path) -> str:
    if is_full(exc):
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
