"""Signed gebruiker rows: a role, klas or "actief" changed outside the program is noticed at login.

Every gebruiker row carries an Ed25519 signature over what decides what its user may do (id, name, role,
klassen, actief). Only zorgcoördinator key slots hold the signing key; every slot holds the public key in its
password-authenticated part (db/keys.py), so each user checks their own row at login without the secret, and a
zorgcoördinator's login checks all rows. Ed25519 from `cryptography`, not a scheme of our own.
"""

from __future__ import annotations

import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import models as m


def _bericht(row: m.Gebruiker) -> bytes:
    velden = ["thuiszit-gebruiker-v1", row.id, row.naam, row.naam_sleutel, row.rol, row.klassen, bool(row.actief)]
    return json.dumps(velden, ensure_ascii=False, separators=(",", ":")).encode()


def onderteken(ondertekenen: bytes, row: m.Gebruiker) -> str:
    return Ed25519PrivateKey.from_private_bytes(ondertekenen).sign(_bericht(row)).hex()


def klopt(controle: bytes, row: m.Gebruiker) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(controle).verify(bytes.fromhex(row.handtekening or ""), _bericht(row))
        return True
    except (InvalidSignature, ValueError):
        return False


def onderteken_rij(ondertekenen: bytes, gebruiker_id: int) -> None:
    """Sign one row as it is now (after a change the program made)."""
    row = m.Gebruiker.get_by_id(gebruiker_id)
    m.Gebruiker.update(handtekening=onderteken(ondertekenen, row)).where(m.Gebruiker.id == row.id).execute()


def onderteken_alles(ondertekenen: bytes) -> None:
    for row in m.Gebruiker.select():
        m.Gebruiker.update(handtekening=onderteken(ondertekenen, row)).where(m.Gebruiker.id == row.id).execute()


def ongeldig(controle: bytes) -> list[m.Gebruiker]:
    """The rows whose signature does not fit: changed (or added) outside the program."""
    return [row for row in m.Gebruiker.select().order_by(m.Gebruiker.id) if not klopt(controle, row)]
