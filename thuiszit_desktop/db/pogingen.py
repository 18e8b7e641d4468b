"""Wrong passwords per name, shared by every program that opens this data folder (the GUI, each CLI command).

A wrong password cannot be written into the audit trail at once – without the right password the database does
not open – so it is kept in a small file beside the database, `thuiszit.pogingen`, until the next login books it
(services/session.py). The file names nobody in clear: an entry is keyed by the same one-way hash of the name as
the key slots, for names that exist and names that do not alike. Per name it holds the wrong passwords in a row
(which set the wait, domain/vergrendeling.py) and those not yet booked (how many, first and last time).
Read, changed and written under a file lock, so two processes count together.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import filelock

from ..domain.vergrendeling import wachttijd
from . import files
from .keys import slot_id

log = logging.getLogger(__name__)

MAX_NAMEN = 500  # a flood of made-up names must not grow the file without end
_nu: Callable[[], float] = time.time  # wall clock: shared by processes (tests replace it)


@dataclass(frozen=True)
class Open:
    """Wrong passwords for one name not yet in the audit trail."""

    sleutel: str  # the hash of the name (`keys.slot_id`)
    aantal: int
    eerste: float  # epoch seconds
    laatste: float


def pad(db_path: Path) -> Path:
    return db_path.with_suffix(".pogingen")


def _lees(p: Path) -> dict[str, dict]:
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return {str(k): v for k, v in data.get("namen", {}).items() if isinstance(v, dict)}
    except (OSError, ValueError, AttributeError):  # none yet, or damaged: start counting afresh
        return {}


def _schrijf(p: Path, namen: dict[str, dict]) -> None:
    if len(namen) > MAX_NAMEN:  # the oldest first, booked ones before unbooked ones
        oud = sorted(namen, key=lambda k: (namen[k].get("te_boeken", 0) > 0, namen[k].get("laatste", 0)))
        for k in oud[:len(namen) - MAX_NAMEN]:
            del namen[k]
    files.write_json(p, {"format": 1, "namen": namen})


@contextlib.contextmanager
def _bewerk(db_path: Path):
    """The entries, to change in place; written back afterwards under the lock. A folder the program may not
    write in (read-only, full) must not stop a login: then nothing is counted, and the log says so."""
    p = pad(db_path)
    try:
        with filelock.FileLock(str(p) + ".lock", timeout=10, is_singleton=False, thread_local=False):
            namen = _lees(p)
            yield namen
            _schrijf(p, namen)
    except (OSError, filelock.Timeout) as exc:
        log.warning("login attempts not recorded: %s", type(exc).__name__)


def wachten(db_path: Path, naam: str) -> tuple[int, int]:
    """(wrong passwords in a row, seconds still to wait) for `naam` before it may try again."""
    e = _lees(pad(db_path)).get(slot_id(naam), {})
    mislukt = int(e.get("mislukt", 0))
    resterend = float(e.get("laatste", 0)) + wachttijd(mislukt) - _nu()
    return mislukt, math.ceil(resterend) if resterend > 0 else 0


def mislukt(db_path: Path, naam: str) -> tuple[int, int]:
    """Count one wrong password for `naam`: (wrong passwords in a row, seconds to wait before the next)."""
    nu, n = _nu(), 0
    with _bewerk(db_path) as namen:
        e = namen.setdefault(slot_id(naam), {})
        n = e["mislukt"] = int(e.get("mislukt", 0)) + 1
        e["laatste"] = nu
        if not e.get("te_boeken"):
            e["eerste"] = nu
        e["te_boeken"] = int(e.get("te_boeken", 0)) + 1
    return n, wachttijd(n)


def gelukt(db_path: Path, naam: str) -> None:
    """The right password: the wait starts from nothing again (what is still to be booked stays)."""
    if slot_id(naam) not in _lees(pad(db_path)):
        return  # the usual case writes nothing, so a login needs no write access here
    with _bewerk(db_path) as namen:
        e = namen.get(slot_id(naam))
        if e is not None:
            e["mislukt"] = 0
            if not e.get("te_boeken"):
                del namen[slot_id(naam)]


def boeken(db_path: Path, schrijf: Callable[[list[Open]], None]) -> None:
    """Hand the wrong passwords not booked yet to `schrijf` (which puts them in the audit trail, or raises),
    and then forget them."""
    if not any(e.get("te_boeken") for e in _lees(pad(db_path)).values()):
        return
    with _bewerk(db_path) as namen:
        open_ = [Open(k, int(e["te_boeken"]), float(e.get("eerste", 0)), float(e.get("laatste", 0)))
                 for k, e in namen.items() if e.get("te_boeken")]
        if open_:
            schrijf(open_)
        for o in open_:
            e = namen[o.sleutel]
            e["te_boeken"] = 0
            if not e.get("mislukt"):
                del namen[o.sleutel]
