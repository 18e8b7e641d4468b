"""Which database this is, and which line of work it is on – so its backups are told from another school's,
also when the database itself cannot be opened.

The database id is random, made once when the database is created, and stays the same for its whole life
(also when its key is rotated). It is kept in three places:
- inside the database (setting `database.id`), so every backup's manifest carries it;
- in a small plain file beside it, `thuiszit.id`: the id only, nothing about the school;
- in the key file (`database_id`).
When the database is damaged or its key file is gone, `known_id` still knows it from the other two. A
database made before the id existed has the fingerprint of its key as its id – what its backups carry
already (`legacy_id`) – written into those places the first time it is opened.

The line of work ("tak", setting `database.tak`): a restore starts a new one, so rotation keeps the newest
backup of the line it left (domain/rotatie.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
from pathlib import Path

import sqlcipher3

from .keys import KeyRing

log = logging.getLogger(__name__)

SETTING_ID = "database.id"
SETTING_TAK = "database.tak"


def legacy_id(key: bytes) -> str:
    """The id of a database from before ids were stored: a one-way fingerprint of its key."""
    return hashlib.sha256(b"thuiszit-database-id:" + key).hexdigest()[:16]


def new_id() -> str:
    return secrets.token_hex(8)


def marker_path(db_path: Path) -> Path:
    return db_path.with_suffix(".id")


def _setting(conn, sleutel: str) -> str | None:
    try:
        row = conn.execute("SELECT waarde FROM instelling WHERE sleutel = ?", (sleutel,)).fetchone()
    except sqlcipher3.OperationalError:  # an empty file without tables yet
        return None
    return None if row is None else str(json.loads(row[0]))


def _write_setting(conn, sleutel: str, waarde: str) -> None:
    conn.execute("INSERT OR REPLACE INTO instelling (sleutel, waarde) VALUES (?, ?)", (sleutel, json.dumps(waarde)))


def of(conn, key: bytes) -> str:
    """The id of the open database (a raw sqlcipher3 connection, or peewee's `db.connection()`)."""
    return _setting(conn, SETTING_ID) or legacy_id(key)


def tak(conn) -> str:
    """The line of work the database is on ("" before the first restore)."""
    return _setting(conn, SETTING_TAK) or ""


def start_new_tak(conn) -> str:
    """A restored copy starts a new line of work (on the copy, before it is put in place)."""
    nieuw = new_id()
    _write_setting(conn, SETTING_TAK, nieuw)
    return nieuw


def create(conn, db_path: Path, keyring: KeyRing) -> str:
    """A new database's id: in the database, the marker and (when it is saved) the key file."""
    database_id = new_id()
    _write_setting(conn, SETTING_ID, database_id)
    keyring.database_id = database_id
    write_marker(db_path, database_id)
    return database_id


def ensure(conn, db_path: Path, key: bytes, keyring: KeyRing) -> str:
    """At every open: the id is in all three places (a legacy database gets its key's fingerprint). Writing
    is best effort – a read-only folder or a database another program holds must not stop a login."""
    database_id = of(conn, key)
    if _setting(conn, SETTING_ID) is None:
        try:
            _write_setting(conn, SETTING_ID, database_id)
        except sqlcipher3.OperationalError as exc:  # locked or read-only: `of` gives the same id meanwhile
            log.info("database id not stored yet: %s", exc)
    if read_marker(db_path) != database_id:
        with contextlib.suppress(OSError):
            write_marker(db_path, database_id)
    if keyring.database_id != database_id and keyring.path.exists():
        keyring.database_id = database_id
        with contextlib.suppress(OSError):
            keyring.save()
    return database_id


def read_marker(db_path: Path) -> str | None:
    try:
        return str(json.loads(marker_path(db_path).read_text(encoding="utf-8"))["database_id"]) or None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_marker(db_path: Path, database_id: str) -> None:
    path = marker_path(db_path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"database_id": database_id,
                               "uitleg": "Welke database dit is, om de back-ups ervan te herkennen. Verder staat "
                                         "hier niets in."}, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def known_id(db_path: Path) -> str | None:
    """The id of the database at `db_path` without opening it: from the marker, else from the key file."""
    if found := read_marker(db_path):
        return found
    try:
        data = json.loads(KeyRing.for_database(db_path).read_text(encoding="utf-8"))
        return str(data.get("database_id", "")) or None
    except (OSError, ValueError, AttributeError):
        return None
