"""What only the zorgcoördinator may read is stored encrypted under the confidential key (AES-GCM envelopes).

The database key is held by every user, so the file's own encryption does not keep a mentor from a
vertrouwelijk gesprek. These columns (`VertrouwelijkField`) therefore hold, where the row is confidential, an
envelope `tzv1:<base64 of nonce + ciphertext>` made with the confidential key, which only zorgcoördinator key
slots hold (db/keys.py). A mentor who opens the file with their own password and raw SQL reads ciphertext.

Writing: a service marks a value that must be confidential as `Geheim(tekst)`; the field encrypts it. Reading
with the key gives `Ontsleuteld` text (a str that remembers it was confidential, so writing it back as it was –
an undo – encrypts it again); without the key it gives `Versleuteld`, a str saying "vertrouwelijk" that writes
back its envelope unchanged. The associated data names the table and column, so an envelope cannot be moved to
another column. The key is set for the process when a store is opened (like the database proxy itself).
"""

from __future__ import annotations

import base64
import logging
import secrets
import threading

import peewee as pw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..domain.errors import GeenToegang

log = logging.getLogger(__name__)

PREFIX = "tzv1:"
VERBORGEN = "Vertrouwelijk – alleen zichtbaar voor de zorgcoördinator"
ONLEESBAAR = "Vertrouwelijk – deze tekst kan niet worden ontsleuteld"

_lock = threading.Lock()
_sleutel: bytes | None = None


def zet_sleutel(sleutel: bytes | None) -> None:
    """The confidential key of the open store (None: the user is no zorgcoördinator, or no store is open)."""
    global _sleutel
    with _lock:
        _sleutel = sleutel


def sleutel() -> bytes | None:
    return _sleutel


class Geheim(str):
    """A value to store encrypted (the service decides: a vertrouwelijk row, an analysis)."""


class Ontsleuteld(str):
    """Decrypted text: stored encrypted again when written back as it is."""


class Versleuteld(str):
    """Text this session cannot decrypt; written back, it stays the envelope it was."""

    envelop: str

    def __new__(cls, envelop: str, tekst: str = VERBORGEN):
        obj = super().__new__(cls, tekst)
        obj.envelop = envelop
        return obj


def geheim(tekst: str, vertrouwelijk: bool) -> str:
    """`tekst` as it must be stored: encrypted when `vertrouwelijk`. Text this session could not decrypt stays
    the envelope it was (only a zorgcoördinator changes confidential rows, so nothing is lost)."""
    if isinstance(tekst, Versleuteld):
        return tekst
    return Geheim(tekst) if vertrouwelijk and tekst else str(tekst)


def is_envelop(waarde) -> bool:
    return isinstance(waarde, str) and waarde.startswith(PREFIX)


def _aad(kolom: str) -> bytes:
    return b"thuiszit-vertrouwelijk:" + kolom.encode()


def versleutel(key: bytes, tekst: str, kolom: str) -> str:
    nonce = secrets.token_bytes(12)
    return PREFIX + base64.b64encode(nonce + AESGCM(key).encrypt(nonce, tekst.encode(), _aad(kolom))).decode()


def ontsleutel(key: bytes, envelop: str, kolom: str) -> str:
    """InvalidTag/ValueError when the envelope was not made with `key` for this column."""
    raw = base64.b64decode(envelop[len(PREFIX):], validate=True)
    return AESGCM(key).decrypt(raw[:12], raw[12:], _aad(kolom)).decode()


class GeenSleutel(GeenToegang):
    def __init__(self) -> None:
        super().__init__("Vertrouwelijke gegevens kan alleen een zorgcoördinator met de sleutel daarvoor opslaan. "
                         "Log opnieuw in; helpt dat niet, vraag dan een andere zorgcoördinator uw wachtwoord opnieuw "
                         "in te stellen.")


class VertrouwelijkField(pw.TextField):
    """A text column whose confidential values are AES-GCM envelopes (see the module's docstring)."""

    @property
    def kolom(self) -> str:
        return f"{self.model._meta.table_name}.{self.column_name}"

    def db_value(self, value):
        if isinstance(value, Versleuteld):
            return value.envelop
        if isinstance(value, Geheim | Ontsleuteld) and value:
            key = _sleutel
            if key is None:
                raise GeenSleutel()
            return versleutel(key, str(value), self.kolom)
        return super().db_value(value)

    def python_value(self, value):
        if not is_envelop(value):
            return value
        key = _sleutel
        if key is None:
            return Versleuteld(value)
        try:
            return Ontsleuteld(ontsleutel(key, value, self.kolom))
        except (InvalidTag, ValueError):
            log.warning("a confidential value cannot be decrypted (%s)", self.kolom)
            return Versleuteld(value, ONLEESBAAR)


# The confidential columns: (table, column) → how to tell whether a row is confidential (SQL, on that table),
# for the migration that encrypts what was stored in plain text and for the rotation that re-encrypts – SQL
# both stores read (a boolean column on its own, no "= 1": PostgreSQL compares no boolean with a number).
KOLOMMEN: dict[str, tuple[tuple[str, ...], str]] = {
    "gesprek": (("samenvatting", "deelnemers"), "vertrouwelijk"),
    "afspraak": (("tekst",), "gesprek_id IN (SELECT id FROM gesprek WHERE vertrouwelijk)"),
    "mdo": (("agenda", "verslag"), "vertrouwelijk"),
    "besluit": (("tekst",), "mdo_id IN (SELECT id FROM mdo WHERE vertrouwelijk)"),
    "traject_analyse": (("leerling_risico", "leerling_beschermend", "thuis_risico", "thuis_beschermend",
                         "school_risico", "school_beschermend", "buurt_risico", "buurt_beschermend",
                         "verzuimtype", "kearney_functie"), "true"),
    # a zorgcoördinator's drafts may hold what they are writing about a vertrouwelijk gesprek or an MDO
    "concept": (("velden",), "gebruiker_id IN (SELECT id FROM gebruiker WHERE rol = 'zorgcoordinator')"),
}


def versleutel_alles(conn, key: bytes, voortgang=None) -> int:
    """Encrypt every confidential value still stored in plain text (a database from before, a row that became
    confidential): on a raw connection, inside the caller's transaction. The number of values encrypted."""
    n = 0
    for tabel, (kolommen, waar) in KOLOMMEN.items():
        for kolom in kolommen:
            rijen = conn.execute(f'SELECT id, "{kolom}" FROM "{tabel}" WHERE ({waar}) AND "{kolom}" != \'\' '
                                 f'AND substr("{kolom}", 1, {len(PREFIX)}) != ?', (PREFIX,)).fetchall()
            conn.executemany(f'UPDATE "{tabel}" SET "{kolom}" = ? WHERE id = ?',
                             [(versleutel(key, tekst, f"{tabel}.{kolom}"), i) for i, tekst in rijen])
            n += len(rijen)
        if voortgang:
            voortgang()
    return n


def herversleutel_alles(conn, oud: bytes, nieuw: bytes) -> int:
    """Every envelope re-encrypted from key `oud` to key `nieuw` (a rotation), on a raw connection, inside the
    caller's transaction; a value that was plain text but belongs encrypted is encrypted too."""
    n = 0
    for tabel, (kolommen, _waar) in KOLOMMEN.items():
        for kolom in kolommen:
            naam = f"{tabel}.{kolom}"
            rijen = conn.execute(f'SELECT id, "{kolom}" FROM "{tabel}" WHERE substr("{kolom}", 1, {len(PREFIX)}) = ?',
                                 (PREFIX,)).fetchall()
            nieuwe = []
            for i, env in rijen:
                try:
                    nieuwe.append((versleutel(nieuw, ontsleutel(oud, env, naam), naam), i))
                except (InvalidTag, ValueError):  # changed outside the program: unreadable before, left as it is
                    log.warning("a confidential value cannot be decrypted (%s)", naam)
            conn.executemany(f'UPDATE "{tabel}" SET "{kolom}" = ? WHERE id = ?', nieuwe)
            n += len(nieuwe)
    return n + versleutel_alles(conn, nieuw)
