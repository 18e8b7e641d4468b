"""The alleen-lezen overview: an encrypted file of counts, the only thing an alleen-lezen user can open.

An alleen-lezen user has no key slot for the database. What they may see – counts and overviews, never a
student – is written by a zorgcoördinator's session into `thuiszit.overzicht` beside the database:
- `inhoud`: the overview (JSON), encrypted with AES-GCM under the overview key, bound to the database's id;
- `slots`: per alleen-lezen user (found by the same one-way hash of the name as the database's key slots) the
  overview key, encrypted with AES-GCM under a key derived from their password by scrypt (a fresh salt each).
The overview key itself is kept inside the encrypted database, so every zorgcoördinator's session can
refresh the overview without knowing a lezer's password. The file holds no name, no number, no date of birth.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import DatabaseOnleesbaar, InlogFout
from . import files, keys

FORMAT_VERSION = 1
KEY_BYTES = 32


def pad(db_path: Path) -> Path:
    return db_path.with_suffix(".overzicht")


def nieuwe_sleutel() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _aesgcm(sleutel: bytes):
    """PyCA's AES-GCM, imported when used: it costs 65 ms, and a mentor's or a zorgcoördinator's start without
    alleen-lezen users never needs it."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(sleutel)


def _invalid_tag() -> type[Exception]:
    from cryptography.exceptions import InvalidTag

    return InvalidTag


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(tekst: str) -> bytes:
    return base64.b64decode(tekst.encode("ascii"), validate=True)


def _kek(wachtwoord: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The key that wraps the overview key for one user: scrypt, as for the database's key slots."""
    return hashlib.scrypt(wachtwoord.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024,
                          dklen=2 * KEY_BYTES)[:KEY_BYTES]


@dataclass
class Overzichtbestand:
    path: Path
    database_id: str
    slots: dict[str, dict]
    inhoud: dict | None = None  # nonce + ciphertext, as stored

    @classmethod
    def load(cls, path: Path) -> Overzichtbestand | None:
        """None when there is none yet."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format", FORMAT_VERSION) > FORMAT_VERSION:
                raise DatabaseOnleesbaar(f"het overzicht {path.name} is van een nieuwere versie")
            return cls(path, str(data["database_id"]), {s["id"]: s for s in data["slots"]}, data.get("inhoud"))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise DatabaseOnleesbaar(f"het overzicht {path.name} is beschadigd") from None

    def has_user(self, naam: str) -> bool:
        return keys.slot_id(naam) in self.slots

    def set_user(self, naam: str, wachtwoord: str, sleutel: bytes) -> None:
        salt = secrets.token_bytes(16)
        n, r, p = keys.SCRYPT_N, keys.SCRYPT_R, keys.SCRYPT_P
        self._set(naam, salt, n, r, p, _kek(wachtwoord, salt, n, r, p), sleutel)

    def set_user_van_slot(self, naam: str, slot: dict, masker: bytes, sleutel: bytes) -> None:
        """For an alleen-lezen user who had a database key slot (before this file existed): the part of that
        slot their password derives (`masker`, found with the database key) wraps the overview key, so
        they keep their password and lose the slot."""
        self._set(naam, bytes.fromhex(slot["salt"]), slot["n"], slot["r"], slot["p"], masker, sleutel)

    def _set(self, naam: str, salt: bytes, n: int, r: int, p: int, kek: bytes, sleutel: bytes) -> None:
        slot_id = keys.slot_id(naam)
        nonce = secrets.token_bytes(12)
        self.slots[slot_id] = {"id": slot_id, "salt": salt.hex(), "n": n, "r": r, "p": p, "nonce": _b64(nonce),
                               "sleutel": _b64(_aesgcm(kek).encrypt(nonce, sleutel, slot_id.encode()))}

    def remove_user(self, naam: str) -> None:
        self.slots.pop(keys.slot_id(naam), None)

    def unlock(self, naam: str, wachtwoord: str) -> bytes:
        """The overview key; InlogFout for an unknown name or a wrong password alike."""
        slot = self.slots.get(keys.slot_id(naam))
        if slot is None:
            _kek(wachtwoord, b"\0" * 16, keys.SCRYPT_N, keys.SCRYPT_R, keys.SCRYPT_P)  # the same effort
            raise InlogFout()
        try:
            kek = _kek(wachtwoord, bytes.fromhex(slot["salt"]), slot["n"], slot["r"], slot["p"])
            return _aesgcm(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["sleutel"]), slot["id"].encode())
        except _invalid_tag():
            raise InlogFout() from None
        except (ValueError, KeyError, TypeError):
            raise DatabaseOnleesbaar(f"het overzicht {self.path.name} is beschadigd") from None

    def lees(self, sleutel: bytes) -> dict:
        """The overview; DatabaseOnleesbaar when it was not written yet or does not open with `sleutel`."""
        if not self.inhoud:
            raise DatabaseOnleesbaar("het overzicht is nog niet gemaakt; vraag de zorgcoördinator in te loggen")
        try:
            data = _aesgcm(sleutel).decrypt(_unb64(self.inhoud["nonce"]), _unb64(self.inhoud["data"]),
                                            self.database_id.encode())
            return json.loads(data)
        except (_invalid_tag(), ValueError, KeyError, TypeError):
            raise DatabaseOnleesbaar(f"het overzicht {self.path.name} is beschadigd") from None

    def schrijf(self, sleutel: bytes, overzicht: dict) -> None:
        nonce = secrets.token_bytes(12)
        data = json.dumps(overzicht, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.inhoud = {"nonce": _b64(nonce), "data": _b64(_aesgcm(sleutel).encrypt(nonce, data,
                                                                                   self.database_id.encode()))}

    def save(self) -> None:
        """Atomically, like the key file."""
        data = {"format": FORMAT_VERSION, "database_id": self.database_id,
                "slots": sorted(self.slots.values(), key=lambda s: s["id"]), "inhoud": self.inhoud}
        files.write_json(self.path, data)
