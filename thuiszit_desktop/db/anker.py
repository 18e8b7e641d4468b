"""The audit trail's anchor: its count and chain head kept outside the table, so a cut shows.

The hash chain (domain/audit.py) shows an entry changed in the middle, but not a cut: whoever holds the
database key can drop the triggers, delete the last entries (or all of them) and lower `sqlite_sequence`,
and what is left is still a valid chain. So the state of the chain – how many entries, the id of the last
one and its hash – is also kept outside the table:
- in `thuiszit.anker` beside the database, sealed with an HMAC under the audit key that only a
  zorgcoördinator's session holds (`keys.audit_key`); a zorgcoördinator's login, backup and close seal it;
- in every backup's manifest (`anker`), counted on the copy.
The table must extend every anchor: the entry at the anchored id is still there, with the anchored hash and
the anchored number of entries up to it. Along a line of work an anchor only grows; only the program's own
restore lowers it, to the chain of the backup it puts back.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.audit import BEGIN_HASH
from . import files

FORMAT_VERSION = 1


class AnkerFout(Exception):
    """The anchor file is there but cannot be trusted (changed outside the program, or unreadable)."""


@dataclass(frozen=True)
class Stand:
    """Where the chain stood: `aantal` entries, the last with id `hoogste_id` and hash `kop`."""

    aantal: int = 0
    hoogste_id: int = 0
    kop: str = BEGIN_HASH

    def to_dict(self) -> dict:
        return {"aantal": self.aantal, "hoogste_id": self.hoogste_id, "kop": self.kop}

    @classmethod
    def from_dict(cls, data: dict) -> Stand | None:
        """None for a manifest without an anchor (older backups) or one that is not an anchor."""
        try:
            stand = cls(int(data["aantal"]), int(data["hoogste_id"]), str(data["kop"]))
        except (KeyError, TypeError, ValueError):
            return None
        return stand if stand.aantal >= 0 and stand.hoogste_id >= 0 else None


def pad(db_path: Path) -> Path:
    return db_path.with_suffix(".anker")


def stand(conn) -> Stand:
    """The chain's state now, on a raw connection (sqlcipher3) or peewee's."""
    rij = conn.execute("SELECT id, hash FROM audit_regel ORDER BY id DESC LIMIT 1").fetchone()
    if rij is None:
        return Stand()
    aantal = conn.execute("SELECT count(*) FROM audit_regel").fetchone()[0]
    return Stand(aantal, rij[0], rij[1])


def afwijking(conn, anker: Stand) -> tuple[int, str] | None:
    """(entry id, Dutch reason) when the table does not extend `anker`, else None."""
    if anker.hoogste_id == 0:
        return None
    rij = conn.execute("SELECT hash FROM audit_regel WHERE id = ?", (anker.hoogste_id,)).fetchone()
    if rij is None:
        return anker.hoogste_id, "ontbreekt: het auditlog is ingekort"
    if rij[0] != anker.kop:
        return anker.hoogste_id, "is vervangen"
    if conn.execute("SELECT count(*) FROM audit_regel WHERE id <= ?", (anker.hoogste_id,)).fetchone()[0] \
            != anker.aantal:
        return anker.hoogste_id, "staat er, maar regels ervoor ontbreken of zijn tussengevoegd"
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_regel'").fetchone()
    if seq is None or seq[0] < anker.hoogste_id:
        return anker.hoogste_id + 1, "ontbreekt: de teller van het auditlog is teruggezet"
    return None


def _mac(sleutel: bytes, database_id: str, s: Stand, gezegeld: str) -> str:
    bericht = json.dumps([FORMAT_VERSION, database_id, s.aantal, s.hoogste_id, s.kop, gezegeld],
                         separators=(",", ":")).encode()
    return hmac.new(sleutel, bericht, hashlib.sha256).hexdigest()


def verzegel(db_path: Path, s: Stand, sleutel: bytes, database_id: str) -> None:
    """Write the anchor atomically (a crash leaves the old one or the new one)."""
    gezegeld = datetime.now().replace(microsecond=0).isoformat()
    data = {"format": FORMAT_VERSION, "database_id": database_id, **s.to_dict(), "gezegeld": gezegeld,
            "mac": _mac(sleutel, database_id, s, gezegeld)}
    files.write_json(pad(db_path), data)


def lees(db_path: Path, sleutel: bytes | None, database_id: str) -> Stand | None:
    """The sealed anchor, None when there is none. Without `sleutel` (not a zorgcoördinator) its seal cannot
    be checked, so the values are taken as they are: they can only make the check stricter for that session,
    and the next zorgcoördinator's check does see a forged one. AnkerFout when it cannot be trusted."""
    try:
        data = json.loads(pad(db_path).read_text(encoding="utf-8"))
        s = Stand.from_dict(data)
        if s is None or data.get("format") != FORMAT_VERSION:
            raise ValueError
    except FileNotFoundError:
        return None
    except (ValueError, AttributeError, UnicodeDecodeError):
        raise AnkerFout("het ankerbestand is onleesbaar") from None
    if data.get("database_id") != database_id:
        raise AnkerFout("het ankerbestand hoort bij een andere database")
    if sleutel is not None and not hmac.compare_digest(
            str(data.get("mac", "")), _mac(sleutel, database_id, s, str(data.get("gezegeld", "")))):
        raise AnkerFout("het ankerbestand is buiten het programma om gewijzigd")
    return s
