"""The keys of one database and the per-user key slots that hold them.

Three secrets belong to a database (`Sleutels`):
- the database key: SQLCipher encrypts the whole file with it; every user holds it;
- the confidential key: AES-GCM envelopes of what only the zorgcoördinator may read (db/vertrouwelijk.py);
  only zorgcoördinator slots hold it;
- the signing key (Ed25519): signs every gebruiker row (db/handtekening.py), so a role or klas changed outside
  the program is noticed; only zorgcoördinator slots hold the private half.

A slot (format 2) has two parts, so the keys can be rotated without anyone's password (revoking a user):
- `prive`: the user's own X25519 private key, sealed with AES-GCM under a key derived from their password by
  scrypt. Its associated data is the slot's header – the X25519 public key and the signing *public* key – so
  neither can be swapped without that user's password;
- `inhoud`: the keys the user holds, encrypted to that X25519 public key (ephemeral X25519 + HKDF + AES-GCM).
  Anyone may write it, only the user can read it: a zorgcoördinator's session rewrites it for everyone when
  the keys rotate, and an old copy of the file holds only old keys.
Slots of format 1 (the database key XOR a scrypt mask, plus an HMAC) still open; each becomes format 2 at its
user's next login. The file names no user (slots are found by a hash of the name) and holds nothing about
students.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..domain.errors import DatabaseOnleesbaar, InlogFout, SleutelbestandWeg
from . import files

KEY_BYTES = 32
# scrypt cost: about 0.1 s and 32 MiB on a school laptop, which makes guessing expensive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
FORMAT_VERSION = 2
SLOT_VERSION = 2


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def sqlcipher_passphrase(key: bytes) -> str:
    """SQLCipher takes a raw key written as x'…' instead of deriving one from a passphrase."""
    return f"x'{key.hex()}'"


def public_key(ondertekenen: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(ondertekenen).public_key().public_bytes_raw()


@dataclass(frozen=True)
class Sleutels:
    """What one user's slot gives: always the database key; for a zorgcoördinator also the confidential key
    and the signing key. `controle` is the signing public key from the password-authenticated part of the
    slot (None for a slot of format 1, which had none)."""

    database: bytes
    vertrouwelijk: bytes | None = None
    ondertekenen: bytes | None = None
    controle: bytes | None = None
    # Only this user has it, and only after unlocking their slot with their password (derived from the slot's
    # private key, never stored): what this user keeps on this computer alone is encrypted with it – their
    # drafts while the school database could not be reached (services/concepten.py). None for format 1.
    persoonlijk: bytes | None = field(default=None, compare=False, repr=False)

    @classmethod
    def nieuw(cls, database: bytes | None = None, ondertekenen: bytes | None = None) -> Sleutels:
        """Fresh keys (a new database, or a rotation: `ondertekenen` kept, see services/sleutels.py)."""
        ondertekenen = ondertekenen or Ed25519PrivateKey.generate().private_bytes_raw()
        return cls(database or new_database_key(), secrets.token_bytes(KEY_BYTES), ondertekenen,
                   public_key(ondertekenen))

    @property
    def zorg(self) -> bool:
        return self.vertrouwelijk is not None and self.ondertekenen is not None

    def voor(self, zorg: bool) -> Sleutels:
        """What a slot of someone with (or without) the zorgcoördinator role gets."""
        return self if zorg else replace(self, vertrouwelijk=None, ondertekenen=None)


def _slot_id(naam: str) -> str:
    return hashlib.sha256(("thuiszit-gebruiker:" + naam.strip().casefold()).encode()).hexdigest()


def slot_id(naam: str) -> str:
    """The one-way hash that finds a user's slot; other files beside the database that must not name users in
    clear key their entries with it too (db/pogingen.py)."""
    return _slot_id(naam)


def _scrypt(wachtwoord: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(wachtwoord.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=dklen)


def _derive_v1(wachtwoord: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = _scrypt(wachtwoord, salt, n, r, p, 2 * KEY_BYTES)
    return material[:KEY_BYTES], material[KEY_BYTES:]


def _header(slot: dict) -> bytes:
    """The associated data of a slot's sealed private key: everything in it that must not be swapped."""
    velden = {k: slot[k] for k in ("id", "versie", "salt", "n", "r", "p", "x25519", "controle")}
    return json.dumps(velden, sort_keys=True, separators=(",", ":")).encode()


def _inhoud_key(shared: bytes, slot_id: str) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=b"thuiszit-sleutels:" + slot_id.encode()).derive(shared)


def _seal_inhoud(slot: dict, sleutels: Sleutels) -> str:
    """The keys, encrypted to the slot's X25519 public key (no password needed to write, only to read)."""
    payload = {"database": sleutels.database.hex()}
    if sleutels.zorg:
        payload.update(vertrouwelijk=sleutels.vertrouwelijk.hex(), ondertekenen=sleutels.ondertekenen.hex())
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes_raw()
    key = _inhoud_key(eph.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(slot["x25519"]))), slot["id"])
    nonce = secrets.token_bytes(12)
    ct = AESGCM(key).encrypt(nonce, json.dumps(payload).encode(), slot["id"].encode() + eph_pub)
    return (eph_pub + nonce + ct).hex()


def _open_inhoud(slot: dict, x_priv: X25519PrivateKey) -> dict:
    raw = bytes.fromhex(slot["inhoud"])
    eph_pub, nonce, ct = raw[:32], raw[32:44], raw[44:]
    key = _inhoud_key(x_priv.exchange(X25519PublicKey.from_public_bytes(eph_pub)), slot["id"])
    return json.loads(AESGCM(key).decrypt(nonce, ct, slot["id"].encode() + eph_pub))


def _check_slot(slot: dict) -> None:
    """ValueError/TypeError/KeyError when a slot cannot be used, so a damaged file is reported as such."""
    if len(bytes.fromhex(slot["salt"])) < 16:
        raise ValueError("slot")
    n, r, p = slot["n"], slot["r"], slot["p"]
    if not all(isinstance(x, int) for x in (n, r, p)) or n < 2 or n & (n - 1) or not 1 <= r * p <= 64 \
            or 128 * r * n > 256 * 1024 * 1024:
        raise ValueError("scrypt")
    if slot.get("versie", 1) == 1:
        if len(bytes.fromhex(slot["key"])) != KEY_BYTES:
            raise ValueError("slot")
        bytes.fromhex(slot["mac"])
    elif slot["versie"] == SLOT_VERSION:
        if len(bytes.fromhex(slot["x25519"])) != 32 or len(bytes.fromhex(slot["controle"])) != 32:
            raise ValueError("slot")
        if len(bytes.fromhex(slot["prive"])) != 12 + 32 + 16 or len(bytes.fromhex(slot["inhoud"])) < 44 + 16:
            raise ValueError("slot")
    else:
        raise ValueError("versie")


@dataclass
class KeyRing:
    """The key slots of one database file (`<database>.sleutels`)."""

    path: Path
    slots: dict[str, dict]
    database_id: str = ""  # which database the slots belong to (db/identity.py), readable without opening it
    # The signing public key, readable without a password: only for turning a format-1 slot into a format-2
    # one at its user's login (trust on first use; see docs/BEVEILIGING.md).
    controle: str = ""

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
            controle = str(data.get("controle", ""))
            if controle and len(bytes.fromhex(controle)) != 32:
                raise ValueError("controle")
        except FileNotFoundError:
            raise SleutelbestandWeg(path.name) from None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise DatabaseOnleesbaar(f"het sleutelbestand {path.name} is beschadigd") from None
        return cls(path, slots, database_id, controle)

    @classmethod
    def empty(cls, path: Path) -> KeyRing:
        return cls(path, {})

    def has_user(self, naam: str) -> bool:
        return _slot_id(naam) in self.slots

    def is_legacy(self, naam: str) -> bool:
        """The user's slot is of format 1: it holds only the database key and can't be rotated without them."""
        slot = self.slots.get(_slot_id(naam))
        return slot is not None and slot.get("versie", 1) == 1

    @property
    def is_current(self) -> bool:
        return all(s.get("versie", 1) == SLOT_VERSION for s in self.slots.values())

    def open(self, naam: str, wachtwoord: str, intussen: Callable[[], object] | None = None) -> Sleutels:
        """The keys this user's slot holds, or InlogFout for an unknown name or a wrong password alike.

        `intussen`: work for the calling thread while the keys are derived from the password in a thread of its
        own – scrypt's 0.1 s run without Python's lock, so the two share nothing but the wait (the GUI imports
        its main window then, issue 16). It runs whatever the outcome; what it raises is raised."""
        if intussen is None:
            return self._open(naam, wachtwoord)
        with ThreadPoolExecutor(1, thread_name_prefix="sleutels") as pool:
            sleutels = pool.submit(self._open, naam, wachtwoord)
            intussen()
            return sleutels.result()

    def _open(self, naam: str, wachtwoord: str) -> Sleutels:
        slot = self.slots.get(_slot_id(naam))
        if slot is None:
            # Spend the same effort as for a known name, so timing does not reveal which names exist.
            _scrypt(wachtwoord, b"\0" * 16, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
            raise InlogFout()
        salt = bytes.fromhex(slot["salt"])
        if slot.get("versie", 1) == 1:
            mask, mac_key = _derive_v1(wachtwoord, salt, slot["n"], slot["r"], slot["p"])
            wrapped = bytes.fromhex(slot["key"])
            expected = hmac.new(mac_key, wrapped, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(expected, slot["mac"]):
                raise InlogFout()
            return Sleutels(bytes(a ^ b for a, b in zip(wrapped, mask, strict=True)))
        kek = _scrypt(wachtwoord, salt, slot["n"], slot["r"], slot["p"], KEY_BYTES)
        prive = bytes.fromhex(slot["prive"])
        try:
            x_raw = AESGCM(kek).decrypt(prive[:12], prive[12:], _header(slot))
        except InvalidTag:
            raise InlogFout() from None
        try:
            payload = _open_inhoud(slot, X25519PrivateKey.from_private_bytes(x_raw))
            vertrouwelijk, ondertekenen = payload.get("vertrouwelijk"), payload.get("ondertekenen")
            return Sleutels(bytes.fromhex(payload["database"]),
                            bytes.fromhex(vertrouwelijk) if vertrouwelijk else None,
                            bytes.fromhex(ondertekenen) if ondertekenen else None,
                            bytes.fromhex(slot["controle"]),
                            HKDF(hashes.SHA256(), KEY_BYTES, salt=None,
                                 info=b"thuiszit-desktop persoonlijke sleutel").derive(x_raw))
        except (InvalidTag, ValueError, KeyError, TypeError):
            raise DatabaseOnleesbaar(f"uw sleutel in het sleutelbestand {self.path.name} is beschadigd") from None

    def unlock(self, naam: str, wachtwoord: str) -> bytes:
        """The database key, or InlogFout for an unknown name or a wrong password alike."""
        return self.open(naam, wachtwoord).database

    def set_user(self, naam: str, wachtwoord: str, sleutels: Sleutels) -> None:
        """A new slot for `naam` holding `sleutels` (give a mentor `sleutels.voor(False)`): format 2, or format 1
        while the database has no signing key yet (no zorgcoördinator logged in since the upgrade)."""
        if sleutels.controle is None:
            salt = secrets.token_bytes(16)
            mask, mac_key = _derive_v1(wachtwoord, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
            wrapped = bytes(a ^ b for a, b in zip(sleutels.database, mask, strict=True))
            self.slots[_slot_id(naam)] = {
                "id": _slot_id(naam), "salt": salt.hex(), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                "key": wrapped.hex(), "mac": hmac.new(mac_key, wrapped, hashlib.sha256).hexdigest()}
            return
        x_priv = X25519PrivateKey.generate()
        slot: dict[str, Any] = {
            "id": _slot_id(naam), "versie": SLOT_VERSION, "salt": secrets.token_hex(16),
            "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "x25519": x_priv.public_key().public_bytes_raw().hex(), "controle": sleutels.controle.hex()}
        kek = _scrypt(wachtwoord, bytes.fromhex(slot["salt"]), SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
        nonce = secrets.token_bytes(12)
        slot["prive"] = (nonce + AESGCM(kek).encrypt(nonce, x_priv.private_bytes_raw(), _header(slot))).hex()
        slot["inhoud"] = _seal_inhoud(slot, sleutels)
        self.slots[slot["id"]] = slot
        self.controle = sleutels.controle.hex()

    def give(self, naam: str, sleutels: Sleutels) -> bool:
        """Rewrite what `naam`'s slot holds, without their password (a rotation, a new role). False for a slot
        of format 1, which cannot be rewritten so: that user needs a new password."""
        slot = self.slots.get(_slot_id(naam))
        if slot is None or slot.get("versie", 1) == 1:
            return False
        slot["inhoud"] = _seal_inhoud(slot, sleutels)
        return True

    def remove_user(self, naam: str) -> None:
        self.slots.pop(_slot_id(naam), None)

    def save(self, path: Path | None = None) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half of it."""
        path = path or self.path
        data = {"format": FORMAT_VERSION, "slots": sorted(self.slots.values(), key=lambda s: s["id"])}
        if self.database_id:
            data["database_id"] = self.database_id
        if self.controle:
            data["controle"] = self.controle
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_json(path, data)


def audit_key(key: bytes) -> bytes:
    """The key that seals the audit trail's anchor (db/anker.py), derived one-way (HKDF-SHA256) from `key`: the
    signing key only zorgcoördinator slots hold (services/audit.py `audit_sleutel`)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"thuiszit-audit-anker").derive(key)
