"""db/backup.py: an encrypted, self-contained backup file with its key slots; checks; rotation; restore."""

from __future__ import annotations

import json
import os
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

import thuiszit_desktop
from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import backup, identity
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.domain.errors import DatabaseBeschadigd, DatabaseInGebruik
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.services import session

NAAM = "Quirijntje"  # a fictional name that occurs nowhere else
OUDER = "Wilhelmientje Zuiderhoek"
PAGE = 4096


def with_student(services) -> None:
    services.leerlingen.opslaan(Leerling("900001", "Zuiderhoek", date(2012, 3, 14), date(2024, 8, 1),
                                         voornaam=NAAM, klas="2B", ouders=(Ouder(OUDER, Relatie.MOEDER),)))


def readable(data: bytes) -> list[str]:
    """What in `data` would give a student away: their names (UTF-8 or UTF-16) or a plain SQLite header."""
    found = []
    for text in (NAAM, OUDER, "Zuiderhoek"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if text.encode(encoding) in data:
                found.append(f"{text} ({encoding})")
    if b"SQLite format 3" in data:
        found.append("SQLite header")
    return found


def make(services, folder: Path, nu: datetime | None = None) -> backup.Backup:
    store = services.ctx.store
    return backup.make(store.path, store.key, folder, nu=nu)


def check(services, pad: Path) -> backup.Manifest:
    store = services.ctx.store
    return backup.check(pad, store.key, identity.of(store.db.connection(), store.key), store.path)


def corrupt_page(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    assert len(data) > (page + 1) * PAGE, "the file is smaller than expected"
    for i in range(page * PAGE + 200, page * PAGE + 260):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_backup_is_one_encrypted_file_with_key_slots_and_a_manifest(services, tmp_path):
    with_student(services)
    made = make(services, tmp_path / "backups", datetime(2026, 11, 23, 17, 30, 5))
    assert made.pad.name == "thuiszit-backup-20261123-173005.tzbackup"
    raw = made.pad.read_bytes()
    assert readable(raw) == []
    with zipfile.ZipFile(made.pad) as z:
        assert sorted(z.namelist()) == ["manifest.json", "thuiszit.db", "thuiszit.sleutels"]
        db_bytes = z.read("thuiszit.db")
        manifest = json.loads(z.read("manifest.json"))
        assert z.read("thuiszit.sleutels") == services.ctx.store.path.with_suffix(".sleutels").read_bytes()
    assert readable(db_bytes) == []
    assert len(db_bytes) % PAGE == 0 and len(db_bytes) >= 4 * PAGE
    assert manifest["gemaakt"] == "2026-11-23T17:30:05"
    assert manifest["app_versie"] == thuiszit_desktop.__version__  # (also in a bundle or a checkout)
    assert manifest["aantallen"]["leerlingen"] == 1 and manifest["aantallen"]["gebruikers"] == 1
    assert NAAM not in json.dumps(manifest) and "Anna" not in json.dumps(manifest)
    assert made.manifest.schema == manifest["schema"] > 0


def test_the_database_file_itself_holds_no_readable_name(services):
    with_student(services)
    path = services.ctx.store.path
    data = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    assert readable(NAAM.encode()) != []  # the scan finds a name when it is there
    assert readable(data) == []


def test_the_copy_opens_with_the_key_and_holds_the_data(services, tmp_path):
    with_student(services)
    made = make(services, tmp_path / "b")
    manifest = check(services, made.pad)
    assert manifest.aantallen["leerlingen"] == 1
    db, keys = backup.extract(made.pad, tmp_path)
    key = KeyRing.load(keys).unlock("Anna de Vries", WACHTWOORD)
    assert key == services.ctx.store.key
    conn = backup.connect(db, key)
    try:
        assert conn.execute("SELECT voornaam FROM leerling").fetchall() == [(NAAM,)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained, no -wal needed
    finally:
        conn.close()


def test_a_damaged_backup_is_refused_by_the_check(services, tmp_path):
    with_student(services)
    made = make(services, tmp_path / "b")
    data = bytearray(made.pad.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
    made.pad.write_bytes(bytes(data))
    with pytest.raises(backup.BackupFout, match="beschadigd"):
        check(services, made.pad)


def test_a_backup_of_another_database_is_refused(services, tmp_path):
    made = make(services, tmp_path / "b")
    other = session.create_school(session.database_path(tmp_path / "ander"), services.school.get(),
                                  "Anna de Vries", WACHTWOORD, WACHTWOORD)
    try:
        with pytest.raises(backup.BackupFout, match="andere database"):
            check(other, made.pad)
    finally:
        other.close()


def test_half_written_and_foreign_files_are_not_backups(services, tmp_path):
    folder = tmp_path / "b"
    made = make(services, folder)
    (folder / ".thuiszit-backup-abc.tmp").write_bytes(made.pad.read_bytes()[:1000])  # a killed backup
    os.utime(folder / ".thuiszit-backup-abc.tmp", (time.time() - 7200, time.time() - 7200))
    (folder / ".thuiszit-backup-nu.tmp").write_bytes(b"")  # one being written right now (another process)
    (folder / "thuiszit-backup-20200101-000000.tzbackup").write_bytes(made.pad.read_bytes()[:1000])  # truncated
    (folder / "notities.txt").write_text("x")
    assert [b.pad for b in backup.list_backups(folder, "thuiszit")] == [made.pad]
    make(services, folder)
    # the next backup clears what a killed one left, not what is still being written
    assert [p.name for p in folder.glob("*.tmp")] == [".thuiszit-backup-nu.tmp"]
    assert (folder / "notities.txt").exists()


def test_rotation_keeps_7_days_and_4_weeks(services, tmp_path):
    folder = tmp_path / "b"
    for dag in range(1, 24):  # 1–23 November 2026, twice a day; the 4 weeks: the Sundays 8, 15, 22 and Monday 23
        for uur in (9, 17):
            make(services, folder, datetime(2026, 11, dag, uur))
    gemaakt = sorted(b.manifest.gemaakt for b in backup.list_backups(folder, "thuiszit"))
    assert gemaakt == [datetime(2026, 11, d, 17) for d in (8, 15, 17, 18, 19, 20, 21, 22, 23)]


def test_an_unwritable_folder_is_a_dutch_message(services, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    with pytest.raises(backup.BackupFout, match="kon niet worden geschreven"):
        make(services, blocker / "backups")


def test_the_integrity_check_at_opening_finds_a_damaged_page(services, db_path):
    with_student(services)
    services.close()
    corrupt_page(db_path, 3)
    with pytest.raises(DatabaseBeschadigd):
        session.login(db_path, "Anna de Vries", WACHTWOORD)
    again = None
    try:  # the lock was released: the next attempt is told the same, not "in gebruik"
        with pytest.raises(DatabaseBeschadigd):
            again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    finally:
        if again is not None:
            again.close()


def test_restore_puts_database_and_key_file_back_and_refuses_while_open(services, db_path, tmp_path):
    with_student(services)
    made = make(services, tmp_path / "b")
    with pytest.raises(DatabaseInGebruik):  # never under an open database
        backup.restore(made.pad, db_path, key=services.ctx.store.key, database_id="x")
    services.close()
    corrupt_page(db_path, 3)
    damaged = db_path.read_bytes()
    backup.restore(made.pad, db_path, naam="anna de vries", wachtwoord=WACHTWOORD,
                   nu=datetime(2026, 11, 23, 18, 0))
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(".lock")
                  and not p.name.startswith(".")) == [
        "thuiszit-voor-terugzetten-20261123-180000.db", "thuiszit-voor-terugzetten-20261123-180000.sleutels",
        "thuiszit.anker", "thuiszit.db", "thuiszit.id", "thuiszit.sleutels"]  # the damaged database is kept aside, never thrown away
    assert (db_path.parent / "thuiszit-voor-terugzetten-20261123-180000.db").read_bytes() == damaged
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert [x.naam for x in again.leerlingen.lijst()] == [f"{NAAM} Zuiderhoek"]
    finally:
        again.close()


def test_restore_with_a_password_the_backup_does_not_know_changes_nothing(services, db_path, tmp_path):
    made = make(services, tmp_path / "b")
    services.close()
    before = db_path.read_bytes()
    with pytest.raises(backup.BackupFout, match="naam en wachtwoord"):
        backup.restore(made.pad, db_path, naam="Anna de Vries", wachtwoord="Ander-wachtwoord-9")
    assert db_path.read_bytes() == before


def test_two_backups_in_the_same_second_keep_the_newer_file(services, tmp_path):
    folder = tmp_path / "b"
    make(services, folder, NU_SECOND)
    services.leerlingen.opslaan(Leerling("900002", "Later", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief"))
    second = make(services, folder, NU_SECOND)
    assert second.pad.name == "thuiszit-backup-20261123-173005-2.tzbackup"
    assert [b.pad for b in backup.list_backups(folder, "thuiszit")] == [second.pad]
    assert second.manifest.aantallen["leerlingen"] == 1


NU_SECOND = datetime(2026, 11, 23, 17, 30, 5)


# --- the fast backup on close: the file itself, checked at the next start ----------------------------------

def make_fast(services, folder: Path, nu: datetime | None = None) -> backup.Backup:
    store = services.ctx.store
    return backup.make(store.path, store.key, folder, nu=nu, snel=True)


def controleer(services, folder: Path) -> list[Path]:
    store = services.ctx.store
    return backup.controleer(folder, store.path.stem, identity.of(store.db.connection(), store.key), store.key,
                             store.path)


def test_the_fast_backup_is_the_encrypted_database_marked_unchecked(services, tmp_path):
    with_student(services)
    made = make_fast(services, tmp_path / "b", datetime(2026, 11, 23, 17, 30))
    assert not made.manifest.gecontroleerd and made.manifest.aantallen == {}
    assert made.manifest.database_id == identity.of(services.ctx.store.db.connection(), services.ctx.store.key)
    assert readable(made.pad.read_bytes()) == []
    with zipfile.ZipFile(made.pad) as z:
        assert sorted(z.namelist()) == ["manifest.json", "thuiszit.db", "thuiszit.sleutels"]
        assert readable(z.read("thuiszit.db")) == []
    assert check(services, made.pad).aantallen == {}  # whole: the full check before a restore passes
    db, keys = backup.extract(made.pad, tmp_path)
    conn = backup.connect(db, KeyRing.load(keys).unlock("Anna de Vries", WACHTWOORD))
    try:
        assert conn.execute("SELECT voornaam FROM leerling").fetchall() == [(NAAM,)]
    finally:
        conn.close()


def test_the_check_at_the_next_start_marks_it_checked_with_its_counts(services, tmp_path):
    with_student(services)
    folder = tmp_path / "b"
    made = make_fast(services, folder)
    assert controleer(services, folder) == []
    [na] = backup.list_backups(folder)
    assert na.pad == made.pad and na.manifest.gecontroleerd
    assert na.manifest.aantallen["leerlingen"] == 1
    assert {k: v for k, v in vars(na.manifest).items() if k not in ("gecontroleerd", "aantallen")} == \
        {k: v for k, v in vars(made.manifest).items() if k not in ("gecontroleerd", "aantallen")}
    assert check(services, na.pad).aantallen["leerlingen"] == 1
    assert controleer(services, folder) == []  # checked once


def test_a_fast_backup_that_fails_the_check_is_set_aside(services, tmp_path):
    with_student(services)
    folder = tmp_path / "b"
    goed = make(services, folder, datetime(2026, 11, 23, 9))
    made = make_fast(services, folder, datetime(2026, 11, 23, 18))
    assert [b.pad for b in backup.list_backups(folder)] == [made.pad, goed.pad]  # the day keeps both
    with zipfile.ZipFile(made.pad) as z:  # damage inside the copy, with the zip's own checks made to agree
        members = {n: z.read(n) for n in z.namelist()}
    db = bytearray(members["thuiszit.db"])
    for i in range(2 * PAGE + 200, 2 * PAGE + 260):
        db[i] ^= 0xFF
    members["thuiszit.db"] = bytes(db)
    with zipfile.ZipFile(made.pad, "w", zipfile.ZIP_STORED) as z:
        for n, data in members.items():
            z.writestr(n, data)
    assert controleer(services, folder) == [made.pad]
    assert [b.pad for b in backup.list_backups(folder)] == [goed.pad]
    assert made.pad.with_name(made.pad.name + ".beschadigd").exists()  # set aside, not thrown away


def test_with_a_reader_in_the_wal_the_backup_is_made_the_usual_way(services, tmp_path):
    with_student(services)
    store = services.ctx.store
    lezer = backup.connect(store.path, store.key)
    try:
        lezer.execute("BEGIN")
        lezer.execute("SELECT count(*) FROM leerling").fetchone()  # holds its snapshot
        services.leerlingen.opslaan(Leerling("900002", "Noord", date(2012, 3, 14), date(2024, 8, 1)))
        made = backup.make(store.path, store.key, tmp_path / "b", snel=True)
        assert made.manifest.gecontroleerd and made.manifest.aantallen["leerlingen"] == 2
    finally:
        lezer.close()
