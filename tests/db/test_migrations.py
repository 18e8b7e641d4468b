"""Schema migrations and the key slots.

A database migrated from any earlier version must end with exactly the schema a new database gets from
the models; a newer database is refused with a clear message; a failing step leaves the file as it
was. The key file round-trips, refuses wrong or tampered input and is written atomically.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import peewee as pw
import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import connection, keys, migrations
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.db.models import MODELS
from thuiszit_desktop.domain.errors import DatabaseOnleesbaar, DatabaseTeNieuw, InlogFout
from thuiszit_desktop.services import session

# --- helpers --------------------------------------------------------------------------------------


@pytest.fixture
def open_db(tmp_path):
    """Factory for real, encrypted database files (fresh key each), closed after the test."""
    opened: list[pw.Database] = []

    def make(name: str) -> pw.Database:
        db = connection._connect(tmp_path / name, keys.new_database_key())
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


def schema(db: pw.Database) -> dict:
    """Tables with their columns, indexes and foreign keys as SQLite reports them (PRAGMAs)."""

    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in db.execute_sql(sql).fetchall()]

    tables = [r[0] for r in rows("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    result = {}
    for table in tables:
        # index_list: (seq, name, unique, origin, partial); seq depends on creation order, so it is dropped
        indexes = {}
        for _, name, unique, origin, partial in rows(f'PRAGMA index_list("{table}")'):
            columns = [r[2] for r in rows(f'PRAGMA index_info("{name}")')]
            indexes[name] = (unique, origin, partial, columns)
        result[table] = {
            # table_info: (cid, name, type, notnull, dflt_value, pk)
            "columns": rows(f'PRAGMA table_info("{table}")'),
            "indexes": indexes,
            # foreign_key_list: (id, seq, table, from, to, on_update, on_delete, match)
            "foreign_keys": sorted(r[2:] for r in rows(f'PRAGMA foreign_key_list("{table}")')),
        }
    return result


@pytest.fixture
def model_schema(open_db) -> dict:
    """What `create_tables(MODELS)` makes on a fresh file."""
    db = open_db("modellen.db")
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS)
    return schema(db)


# --- migrations -----------------------------------------------------------------------------------

def test_the_model_schema_is_not_empty(model_schema):
    """Guards the comparison below against comparing two empty schemas."""
    assert set(model_schema) == {m._meta.table_name for m in MODELS}
    assert model_schema["leerling"]["foreign_keys"] == [
        ("contact", "mentor_id", "id", "NO ACTION", "SET NULL", "NONE")]
    assert "leerling_leerlingnummer" in model_schema["leerling"]["indexes"]


@pytest.mark.parametrize("k", range(migrations.LATEST + 1))
def test_migrating_from_every_version_gives_the_model_schema(k, open_db, model_schema):
    db = open_db(f"v{k}.db")
    for version in range(1, k + 1):  # step by step up to k, as successive releases would have done
        assert migrations.migrate(db, target=version) == version - 1
        assert migrations.schema_version(db) == version
    assert migrations.migrate(db) == k
    assert migrations.schema_version(db) == migrations.LATEST
    assert schema(db) == model_schema


def test_migrating_a_current_database_changes_nothing(open_db, model_schema):
    db = open_db("actueel.db")
    migrations.migrate(db)
    assert migrations.migrate(db) == migrations.LATEST
    assert schema(db) == model_schema


def test_a_new_store_is_stamped_with_the_latest_version(db_path, model_schema):
    store = connection.create_store(db_path)
    try:
        assert migrations.schema_version(store.db) == migrations.LATEST
        assert schema(store.db) == model_schema
    finally:
        store.close()


def test_a_newer_database_is_refused(open_db):
    db = open_db("nieuwer.db")
    migrations.migrate(db)
    db.execute_sql(f"PRAGMA user_version = {migrations.LATEST + 1}")
    with pytest.raises(DatabaseTeNieuw):
        migrations.migrate(db)
    assert migrations.schema_version(db) == migrations.LATEST + 1


def _set_version(path: Path, naam: str, version: int) -> None:
    key = KeyRing.load(KeyRing.for_database(path)).unlock(naam, WACHTWOORD)
    db = connection._connect(path, key)
    try:
        db.execute_sql(f"PRAGMA user_version = {version}")
    finally:
        db.close()


def test_login_to_a_newer_database_says_to_update_the_program(services, db_path):
    services.close()
    _set_version(db_path, "Anna de Vries", migrations.LATEST + 1)
    for _ in range(2):  # the second attempt gets the same message: the file lock was released
        with pytest.raises(DatabaseTeNieuw) as exc:
            session.login(db_path, "Anna de Vries", WACHTWOORD)
        message = str(exc.value)
        assert "nieuwere versie van Thuiszit Desktop" in message
        assert f"schema {migrations.LATEST + 1}" in message
        assert "Installeer de nieuwste versie" in message
    _set_version(db_path, "Anna de Vries", migrations.LATEST)
    session.login(db_path, "Anna de Vries", WACHTWOORD).close()


def _stap_van(script: str) -> int:
    """The index in STEPS of the step that runs `script` (the lead renumbers steps when merging)."""
    return next(i for i, stap in enumerate(migrations.STEPS)
                if any(c.cell_contents is script for c in stap.__closure__ or ()))


def test_step_8_links_each_doel_to_the_doel_of_the_previous_version_by_position(open_db):
    """Before step 8 a new version was a copy position by position; that becomes the herkomst."""
    db = open_db("herkomst.db")
    migrations.migrate(db, target=_stap_van(migrations._V8))
    sql = db.execute_sql
    sql("INSERT INTO school VALUES (1, 'Het Baken', '12AB', 'midden', 'vo', 6.0)")
    sql("INSERT INTO leerling (id, leerlingnummer, voornaam, tussenvoegsel, achternaam, geboortedatum, klas, "
        "inschrijfdatum, bestemming, startkwalificatie, bsn, onderwijsnummer, gewijzigd) "
        "VALUES (1, '1001', 'Zoë', '', 'Bakker', '2012-03-05', '2B', '2024-08-01', '', 0, '', '', '2026-11-01')")
    sql("INSERT INTO traject (id, leerling_id, categorie, aanleiding, geopend, status, stap, sluitreden, "
        "sluittoelichting, aangemaakt) VALUES (1, 1, 'thuiszitter', '', '2026-10-01', 'open', 4, '', '', "
        "'2026-10-01')")
    for plan_id, versie in ((1, 1), (2, 2), (3, 3)):
        sql("INSERT INTO plan_van_aanpak (id, traject_id, versie, status, aanleiding, analyse, leerling_wil, "
            "ouders_willen, interventies, afspraken, evaluatiemomenten, contactpersonen, akkoord_naam, akkoord_rol, "
            f"gewijzigd) VALUES ({plan_id}, 1, {versie}, 'vastgesteld', '', '', '', '', '[]', '[]', '[]', '[]', "
            "'', '', '2026-11-01')")
    doelen = [(10, 1, 0), (11, 1, 1), (20, 2, 0), (21, 2, 1), (22, 2, 2), (30, 3, 0)]
    for doel_id, plan_id, volgorde in doelen:
        sql(f"INSERT INTO plan_doel (id, plan_id, volgorde, omschrijving, hoe_merken) "
            f"VALUES ({doel_id}, {plan_id}, {volgorde}, 'doel', '')")
    migrations.migrate(db)
    herkomst = dict(sql("SELECT id, herkomst_id FROM plan_doel").fetchall())
    assert herkomst == {10: None, 11: None, 20: 10, 21: 11, 22: None, 30: 20}
    assert sql("SELECT factoren FROM plan_van_aanpak WHERE id = 1").fetchone()[0] == "{}"


def test_a_failing_step_rolls_back(open_db, monkeypatch):
    db = open_db("kapot.db")
    migrations.migrate(db)
    before = schema(db)

    def failing_step(db: pw.Database) -> None:
        db.execute_sql('CREATE TABLE "half" ("id" INTEGER NOT NULL PRIMARY KEY)')
        db.execute_sql('ALTER TABLE "leerling" ADD COLUMN "half" TEXT')
        raise RuntimeError("stap mislukt")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, failing_step])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.STEPS))
    with pytest.raises(RuntimeError, match="stap mislukt"):
        migrations.migrate(db, target=migrations.LATEST)
    assert migrations.schema_version(db) == migrations.LATEST - 1
    assert schema(db) == before


def test_a_failing_later_step_keeps_the_earlier_ones(open_db, monkeypatch):
    """Each step is its own transaction: after a failure the file is at the last good version."""
    db = open_db("half.db")
    calls = []

    def good_step(db: pw.Database) -> None:
        calls.append("goed")
        db.execute_sql('CREATE TABLE "extra" ("id" INTEGER NOT NULL PRIMARY KEY)')

    def failing_step(db: pw.Database) -> None:
        raise RuntimeError("stap mislukt")

    steps = [*migrations.STEPS, good_step, failing_step]
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "LATEST", len(steps))
    with pytest.raises(RuntimeError):
        migrations.migrate(db, target=len(steps))
    assert migrations.schema_version(db) == len(steps) - 1
    assert "extra" in schema(db) and calls == ["goed"]


# --- keys -----------------------------------------------------------------------------------------

@pytest.fixture
def keyring(tmp_path) -> tuple[KeyRing, bytes]:
    ring = KeyRing.empty(KeyRing.for_database(tmp_path / "thuiszit.db"))
    sleutels = keys.Sleutels.nieuw()
    ring.set_user("Anna de Vries", WACHTWOORD, sleutels)
    ring.save()
    return ring, sleutels.database


def test_key_round_trip(keyring):
    ring, key = keyring
    assert ring.path.name == "thuiszit.sleutels"
    loaded = KeyRing.load(ring.path)
    assert loaded.unlock("Anna de Vries", WACHTWOORD) == key
    assert loaded.unlock("  ANNA de vries ", WACHTWOORD) == key  # names are case- and space-insensitive
    assert loaded.has_user("anna de vries") and not loaded.has_user("Bram")
    assert len(key) == keys.KEY_BYTES and keys.sqlcipher_passphrase(key) == f"x'{key.hex()}'"


def test_work_given_to_the_unlock_runs_on_this_thread_while_the_keys_are_derived_on_another(keyring, monkeypatch):
    """KeyRing.open(intussen=…): the GUI imports its main window during scrypt's 0.1 s (issue 16). The derivation
    is under way while the work runs, the outcome is the same as without, and what either raises is raised."""
    ring, key = keyring
    afleiden = keys._scrypt
    bezig = threading.Event()
    draden = {}

    def scrypt(*args):
        draden["scrypt"] = threading.get_ident()
        bezig.set()
        return afleiden(*args)

    def intussen():
        draden["intussen"] = threading.get_ident()
        assert bezig.wait(10)  # the keys are being derived meanwhile, not before or after

    monkeypatch.setattr(keys, "_scrypt", scrypt)
    assert ring.open("Anna de Vries", WACHTWOORD, intussen).database == key
    assert draden["intussen"] == threading.get_ident() != draden["scrypt"]
    gedaan = []
    with pytest.raises(InlogFout):  # a wrong password or an unknown name: refused, after the work ran
        ring.open("Anna de Vries", "niet-het-goede-1", lambda: gedaan.append(1))
    with pytest.raises(InlogFout):
        ring.open("Onbekende Naam", WACHTWOORD, lambda: gedaan.append(2))
    assert gedaan == [1, 2]
    with pytest.raises(ImportError):  # the work's own failure is not swallowed
        ring.open("Anna de Vries", WACHTWOORD, lambda: (_ for _ in ()).throw(ImportError("main_window")))


def test_two_users_unlock_the_same_key_each_with_their_own_password(keyring):
    ring, key = keyring
    ring.set_user("Bram Visser", "Ander-wachtwoord-7", ring.open("Anna de Vries", WACHTWOORD).voor(False))
    ring.save()
    loaded = KeyRing.load(ring.path)
    assert loaded.unlock("Bram Visser", "Ander-wachtwoord-7") == key
    assert loaded.unlock("Anna de Vries", WACHTWOORD) == key
    slots = list(loaded.slots.values())
    assert slots[0]["salt"] != slots[1]["salt"] and slots[0]["prive"] != slots[1]["prive"]
    assert slots[0]["inhoud"] != slots[1]["inhoud"]
    loaded.remove_user("Bram Visser")
    loaded.save()
    with pytest.raises(InlogFout):
        KeyRing.load(ring.path).unlock("Bram Visser", "Ander-wachtwoord-7")


def test_the_key_file_names_no_user_and_holds_no_key(keyring):
    ring, key = keyring
    text = ring.path.read_text(encoding="utf-8")
    assert "anna" not in text.casefold() and key.hex() not in text
    assert json.loads(text)["format"] == keys.FORMAT_VERSION


@pytest.mark.parametrize("naam, wachtwoord", [("Anna de Vries", "Zorg-en-2027!"), ("Onbekend", WACHTWOORD)])
def test_wrong_password_or_unknown_name_is_one_inlogfout(keyring, naam, wachtwoord):
    ring, _ = keyring
    with pytest.raises(InlogFout) as exc:
        KeyRing.load(ring.path).unlock(naam, wachtwoord)
    assert str(exc.value) == "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."


def _flip_hex(value: str) -> str:
    return ("1" if value[0] == "0" else "0") + value[1:]


@pytest.mark.parametrize("field, tamper", [
    ("prive", _flip_hex),
    ("prive", lambda v: v[:-2]),  # one byte shorter
    ("inhoud", lambda v: v[:-2] + ("00" if v[-2:] != "00" else "01")),
    ("x25519", _flip_hex),
    ("controle", _flip_hex),  # the signing public key is authenticated by the password
    ("salt", _flip_hex),
    ("n", lambda v: v // 2),
    ("r", lambda v: v + 1),
])
def test_a_tampered_slot_is_an_inlogfout(keyring, field, tamper):
    ring, _ = keyring
    data = json.loads(ring.path.read_text(encoding="utf-8"))
    data["slots"][0][field] = tamper(data["slots"][0][field])
    ring.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises((InlogFout, DatabaseOnleesbaar)):  # a malformed slot is "damaged", not a wrong password
        KeyRing.load(ring.path).unlock("Anna de Vries", WACHTWOORD)


@pytest.mark.parametrize("field, value", [("salt", "geen hex"), ("n", 3), ("prive", None), ("versie", 7)])
def test_a_slot_with_impossible_values_gets_a_message(keyring, field, value):
    ring, _ = keyring
    data = json.loads(ring.path.read_text(encoding="utf-8"))
    data["slots"][0][field] = value
    ring.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises((InlogFout, DatabaseOnleesbaar)):
        KeyRing.load(ring.path).unlock("Anna de Vries", WACHTWOORD)


@pytest.mark.parametrize("content", ["", "{", '{"slots": 3}', '{"format": 1}', "[]"])
def test_a_damaged_key_file_is_reported(tmp_path, content):
    path = tmp_path / "thuiszit.sleutels"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatabaseOnleesbaar, match="beschadigd"):
        KeyRing.load(path)


def test_saving_is_atomic(keyring, monkeypatch):
    ring, key = keyring
    before = ring.path.read_bytes()
    ring.set_user("Bram Visser", "Ander-wachtwoord-7", ring.open("Anna de Vries", WACHTWOORD))

    def crash(*args, **kwargs):
        raise OSError("stroom uitgevallen")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="stroom"):
        ring.save()
    assert ring.path.read_bytes() == before  # the old file, whole
    assert sorted(p.name for p in ring.path.parent.iterdir()) == [ring.path.name]  # no temp file left
    monkeypatch.undo()
    ring.save()
    assert KeyRing.load(ring.path).unlock("Bram Visser", "Ander-wachtwoord-7") == key


def test_saving_is_atomic_when_writing_fails_halfway(keyring, monkeypatch):
    ring, key = keyring
    before = ring.path.read_bytes()
    ring.set_user("Bram Visser", "Ander-wachtwoord-7", ring.open("Anna de Vries", WACHTWOORD))

    def crash(fd):
        raise OSError("schijf vol")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="schijf vol"):
        ring.save()
    assert ring.path.read_bytes() == before
    assert sorted(p.name for p in ring.path.parent.iterdir()) == [ring.path.name]


# --- step 7: one spelling per leerlingnummer ----------------------------------------------------------

def test_step_7_writes_all_digit_numbers_without_leading_zeros_and_keeps_a_clash_apart(open_db):
    db = open_db("nummers.db")
    migrations.migrate(db, target=6)
    nummers = ["000123", "45.0", "A-17", "0077", "77", "0", "1001"]
    for i, nummer in enumerate(nummers, start=1):
        db.execute_sql(
            'INSERT INTO "leerling" ("id", "leerlingnummer", "voornaam", "tussenvoegsel", "achternaam", '
            '"geboortedatum", "klas", "inschrijfdatum", "bestemming", "startkwalificatie", "bsn", "onderwijsnummer", '
            '"gewijzigd") VALUES (?, ?, \'\', \'\', \'Bakker\', \'2012-05-14\', \'2A\', \'2024-08-01\', \'\', 0, '
            '\'\', \'\', \'2026-01-01 00:00:00\')', (i, nummer))
    migrations.migrate(db)
    na = dict(db.execute_sql('SELECT "id", "leerlingnummer" FROM "leerling"').fetchall())
    # 0077 and 77 would become one number: both are kept as they were (the imports then name them)
    assert na == {1: "123", 2: "45", 3: "A-17", 4: "0077", 5: "77", 6: "0", 7: "1001"}
