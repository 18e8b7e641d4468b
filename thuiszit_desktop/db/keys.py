"""The database key and the per-user key slots that unlock it.

The database is encrypted with one random 256-bit key. That key is never stored as such: each user
has a slot holding the key XOR-ed with a mask derived from their own password by scrypt (with a
fresh salt per slot, so a mask is used once), plus an HMAC that tells a wrong password from a right
one without touching the database. The slots live in a small JSON file beside the database; the
file names no user (slots are found by a hash of the name) and holds nothing about students.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import DatabaseOnleesbaar, InlogFout, SleutelbestandWeg
from . import files

KEY_BYTES = 32
# scrypt cost: about 0.1 s and 32 MiB on a school laptop, which makes guessing expensive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
FORMAT_VERSION = 1


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def sqlcipher_passphrase(key: bytes) -> str:
    """SQLCipher takes a raw key written as x'…' instead of deriving one from a passphrase."""
    return f"x'{key.hex()}'"


def _slot_id(naam: str) -> str:
    return hashlib.sha256(("thuiszit-gebruiker:" + naam.strip().casefold()).encode()).hexdigest()


def slot_id(naam: str) -> str:
    """The one-way hash that finds a user's slot; other files beside the database that must not name users in
    clear key their entries with it too (db/pogingen.py)."""
    return _slot_id(naam)


def _derive(wachtwoord: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = hashlib.scrypt(wachtwoord.encode(), salt=salt, n=n, r=r, p=p,
                              maxmem=256 * 1024 * 1024, dklen=2 * KEY_BYTES)
    return material[:KEY_BYTES], material[KEY_BYTES:]


def _check_slot(slot: dict) -> None:
    """ValueError/TypeError/KeyError when a slot cannot be used, so a damaged file is reported as such."""
    if len(bytes.fromhex(slot["salt"])) < 16 or len(bytes.fromhex(slot["key"])) != KEY_BYTES:
        raise ValueError("slot")
    n, r, p = slot["n"], slot["r"], slot["p"]
    if not all(isinstance(x, int) for x in (n, r, p)) or n < 2 or n & (n - 1) or not 1 <= r * p <= 64 \
            or 128 * r * n > 256 * 1024 * 1024:
        raise ValueError("scrypt")
    bytes.fromhex(slot["mac"])


@dataclass
class KeyRing:
    """The key slots of one database file (`<database>.sleutels`)."""

    path: Path
    slots: dict[str, dict]
    database_id: str = ""  # which database the slots belong to (db/identity.py), readable without opening it

    @classmethod
    def for_database(cls, database: Path) -> Path:
        return database.with_suffix(".sleutels")

    @classmethod
    def load(cls, path: Path) -> KeyRing:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format", FORMAT_VERSION) > FORMAT_VERSION:
                raise DatabaseOnleesbaar(f"het sleutelbestand {path.name} is van een nieuwere versie")
            slots = {s["id"]: s for s in data["slots"]}
            for slot in slots.values():
                _check_slot(slot)
            database_id = str(data.get("database_id", ""))
        except FileNotFoundError:
            raise SleutelbestandWeg(path.name) from None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise DatabaseOnleesbaar(f"het sleutelbestand {path.name} is beschadigd") from None
        return cls(path, slots, database_id)

    @classmethod
    def empty(cls, path: Path) -> KeyRing:
        return cls(path, {})

    def has_user(self, naam: str) -> bool:
        return _slot_id(naam) in self.slots

    def unlock(self, naam: str, wachtwoord: str) -> bytes:
        """The database key, or InlogFout for an unknown name or a wrong password alike."""
        slot = self.slots.get(_slot_id(naam))
        if slot is None:
            # Spend the same effort as for a known name, so timing does not reveal which names exist.
            _derive(wachtwoord, b"\0" * 16, SCRYPT_N, SCRYPT_R, SCRYPT_P)
            raise InlogFout()
        salt = bytes.fromhex(slot["salt"])
        mask, mac_key = _derive(wachtwoord, salt, slot["n"], slot["r"], slot["p"])
        wrapped = bytes.fromhex(slot["key"])
        expected = hmac.new(mac_key, wrapped, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, slot["mac"]):
            raise InlogFout()
        return bytes(a ^ b for a, b in zip(wrapped, mask, strict=True))

    def set_user(self, naam: str, wachtwoord: str, key: bytes) -> None:
        salt = secrets.token_bytes(16)
        mask, mac_key = _derive(wachtwoord, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        wrapped = bytes(a ^ b for a, b in zip(key, mask, strict=True))
        self.slots[_slot_id(naam)] = {
            "id": _slot_id(naam), "salt": salt.hex(), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "key": wrapped.hex(), "mac": hmac.new(mac_key, wrapped, hashlib.sha256).hexdigest(),
        }

    def remove_user(self, naam: str) -> None:
        self.slots.pop(_slot_id(naam), None)

    def save(self) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half of it."""
        data = {"format": FORMAT_VERSION, "slots": sorted(self.slots.values(), key=lambda s: s["id"])}
        if self.database_id:
            data["database_id"] = self.database_id
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".sleutels-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1)
                f.flush()
                os.fsync(f.fileno())
            files.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def audit_key(key: bytes) -> bytes:
    """The key that seals the audit trail's anchor (db/anker.py), derived one-way (HKDF-SHA256) from `key`.

    Only a zorgcoördinator's session asks for it (services/session.py). It is fed with the key that only
    zorgcoördinator slots unwrap; until that key exists it is fed with the database key, so until then a
    mentor who reads this code could seal a forged anchor (docs/BEVEILIGING.md)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"thuiszit-audit-anker").derive(key)
