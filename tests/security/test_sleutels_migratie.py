"""Item 1 and 2 of issue 12 for an existing school: a database and key file from before (schema 8, key slots of
format 1, confidential text in plain text, no signatures) are upgraded at the first zorgcoördinator login – in
one transaction – and each user's slot at their own next login."""

from __future__ import annotations

import json

import pytest

from tests.conftest import WACHTWOORD
from tests.security.aanval import GEHEIM, MENTOR, MENTOR_WW, ZORG, key_of, plaintext_bytes, raw, school
from thuiszit_desktop.db import keys, migrations, vertrouwelijk
from thuiszit_desktop.db.keys import KeyRing, Sleutels
from thuiszit_desktop.services import session, sleutels

OUD_SCHEMA = 8


def make_old(db_path):
    """Today's school, turned back into what the previous version left: plain text, unsigned, slots of format 1."""
    s = school(db_path)
    zorg = s.ctx.store.sleutels
    s.close()
    conn = raw(db_path, zorg.database)
    try:
        for tabel, (kolommen, _waar) in vertrouwelijk.KOLOMMEN.items():
            for kolom in kolommen:
                for i, v in conn.execute(f'SELECT id, "{kolom}" FROM "{tabel}"').fetchall():
                    if vertrouwelijk.is_envelop(v):
                        conn.execute(f'UPDATE "{tabel}" SET "{kolom}" = ? WHERE id = ?',
                                     (vertrouwelijk.ontsleutel(zorg.vertrouwelijk, v, f"{tabel}.{kolom}"), i))
        conn.execute("DELETE FROM instelling WHERE sleutel = ?", (sleutels.SETTING_VERSIE,))
        conn.execute('ALTER TABLE gebruiker DROP COLUMN "handtekening"')
        for tabel in migrations.VERSIE_TABELLEN:  # a later step (optimistic locking) undone too
            conn.execute(f'ALTER TABLE "{tabel}" DROP COLUMN "rijversie"')
        conn.execute(f"PRAGMA user_version = {OUD_SCHEMA}")
        assert GEHEIM["gesprek"] in {r[0] for r in conn.execute("SELECT samenvatting FROM gesprek")}
    finally:
        conn.close()
    ring = KeyRing(KeyRing.for_database(db_path), {}, KeyRing.load(KeyRing.for_database(db_path)).database_id)
    for naam, ww in ((ZORG, WACHTWOORD), (MENTOR, MENTOR_WW)):
        ring.set_user(naam, ww, Sleutels(zorg.database))  # no signing key known: format 1
    ring.save()
    data = json.loads(ring.path.read_text())
    data["format"] = 1
    ring.path.write_text(json.dumps(data))
    return zorg.database


def slot_versies(db_path) -> dict[str, int]:
    ring = KeyRing.load(KeyRing.for_database(db_path))
    return {naam: 1 if ring.is_legacy(naam) else 2 for naam in (ZORG, MENTOR)}


def test_an_old_school_is_upgraded_at_the_first_zorgcoordinator_login(db_path, tmp_path):
    key = make_old(db_path)
    assert slot_versies(db_path) == {ZORG: 1, MENTOR: 1}
    mentor = session.login(db_path, MENTOR, MENTOR_WW)  # before the upgrade: in, nothing to check yet
    mentor.close()
    zorg = session.login(db_path, ZORG, WACHTWOORD)
    try:
        assert migrations.schema_version(zorg.ctx.store.db) == migrations.LATEST
        assert zorg.ctx.store.sleutels.zorg
        assert GEHEIM["gesprek"] in {g.samenvatting for g in zorg.gesprekken.gesprekken("1001")}
    finally:
        zorg.close()
    assert json.loads(KeyRing.for_database(db_path).read_text())["format"] == keys.FORMAT_VERSION
    assert slot_versies(db_path) == {ZORG: 2, MENTOR: 1}
    # the mentor's old slot still opens the file (same database key), and shows ciphertext only
    assert key_of(KeyRing.for_database(db_path), MENTOR, MENTOR_WW) == key
    pagina = plaintext_bytes(db_path, key, tmp_path)
    for woord in GEHEIM.values():
        assert woord.encode() not in pagina, woord
    conn = raw(db_path, key)
    try:
        assert all(r[0] for r in conn.execute("SELECT handtekening FROM gebruiker"))  # every row signed
    finally:
        conn.close()
    # the mentor's next login makes their slot format 2: from now on their row is checked
    session.login(db_path, MENTOR, MENTOR_WW).close()
    assert slot_versies(db_path) == {ZORG: 2, MENTOR: 2}
    conn = raw(db_path, key)
    try:
        conn.execute("UPDATE gebruiker SET rol = 'zorgcoordinator' WHERE naam = ?", (MENTOR,))
    finally:
        conn.close()
    with pytest.raises(sleutels.GebruikerGewijzigd):
        session.login(db_path, MENTOR, MENTOR_WW)


def test_the_upgrade_is_one_transaction(db_path, monkeypatch):
    key = make_old(db_path)
    voor = KeyRing.for_database(db_path).read_bytes()

    def vol(*_a, **_k):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(KeyRing, "save", vol)
        with pytest.raises(OSError):
            session.login(db_path, ZORG, WACHTWOORD)
    assert KeyRing.for_database(db_path).read_bytes() == voor
    conn = raw(db_path, key)
    try:
        assert GEHEIM["gesprek"] in {r[0] for r in conn.execute("SELECT samenvatting FROM gesprek")}  # untouched
        assert not any(r[0] for r in conn.execute("SELECT handtekening FROM gebruiker"))
    finally:
        conn.close()
    zorg = session.login(db_path, ZORG, WACHTWOORD)  # the next login does it
    zorg.close()
    conn = raw(db_path, key)
    try:
        assert all(vertrouwelijk.is_envelop(r[0]) for r in conn.execute(
            "SELECT samenvatting FROM gesprek WHERE vertrouwelijk = 1"))
    finally:
        conn.close()
