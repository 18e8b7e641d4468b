"""services/backups.py on real database files: make, list, preview, restore (round trip), roles, folder."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop.db import backup, identity
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import demo, session
from thuiszit_desktop.services.backups import (
    backups_van,
    sleutels_terugzetten_bij_start,
    terugzetten_bij_start,
)
from thuiszit_desktop.services.session import Services

NU = datetime(2026, 11, 23, 17, 30)


def dump(path: Path, key: bytes) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    conn = backup.connect(path, key)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def leerling(nummer: str, achternaam: str) -> Leerling:
    return Leerling(nummer, achternaam, date(2012, 5, 1), date(2024, 8, 1), voornaam="Fictief", klas="1A")


def test_round_trip_backup_change_restore_gives_every_table_back(tmp_path):
    db_path = session.database_path(tmp_path / "demo")
    services = demo.create_demo_school(db_path, vandaag=date(2026, 11, 23), aantal=25)
    key = services.ctx.store.key
    try:
        made = services.backups.maken(nu=NU)
        at_backup = dump(db_path, key)
        assert sum(map(len, at_backup.values())) > 500 and len(at_backup["verzuim"]) > 0
        # change: a new student and a setting
        services.leerlingen.opslaan(leerling("990001", "Nieuwkomer"))
        services.backups.map_instellen(tmp_path / "elders")
        assert dump(db_path, key) != at_backup
        info = services.backups.terugzetten(made.pad)
        assert info.gemaakt == NU and info.aantallen["leerlingen"] == 25
        assert services.ctx.store.closed  # this session is over: log in again
    finally:
        services.close()
    na = dump(db_path, key)
    assert [r for r in na["instelling"] if r[0] == "database.tak"]  # a restore starts a new line of work
    na["instelling"] = [r for r in na["instelling"] if r[0] != "database.tak"]
    assert na == at_backup
    again = session.login(db_path, "demo", "demo")
    try:
        assert "990001" not in {r.leerlingnummer for r in again.leerlingen.lijst()}
    finally:
        again.close()


def test_make_list_and_preview(services, db_path):
    services.leerlingen.opslaan(leerling("900001", "Eerste"))
    eerste = services.backups.maken(nu=NU)
    assert eerste.pad.parent == db_path.parent / "backups" == services.backups.map()
    services.leerlingen.opslaan(leerling("900002", "Tweede"))
    tweede = services.backups.maken(nu=NU + timedelta(days=1))  # (one per day is kept: see rotation)
    assert [b.pad for b in services.backups.lijst()] == [tweede.pad, eerste.pad]
    voorbeeld = services.backups.voorbeeld(eerste.pad)
    assert (voorbeeld.gemaakt, voorbeeld.aantallen["leerlingen"]) == (NU, 1)
    assert voorbeeld.schema == backup.migrations.LATEST and voorbeeld.grootte == eerste.pad.stat().st_size
    assert voorbeeld.samenvatting.startswith("1 leerling, 0 trajecten")
    assert services.audit.lijst()  # a backup by hand is in the audit trail (as an export)


def test_automatic_backup_once_a_day(services):
    assert services.backups.nodig(nu=NU)
    assert services.backups.automatisch(nu=NU) is not None
    assert services.backups.automatisch(nu=NU + timedelta(hours=23)) is None
    assert services.backups.automatisch(nu=NU + timedelta(hours=24)) is not None
    assert services.backups.automatisch(nu=NU + timedelta(hours=25), altijd=True) is not None  # on close
    # the one on close is kept beside the day's own until it is checked, at the next start
    assert len(services.backups.lijst()) == 3 and not services.backups.lijst()[0].gecontroleerd
    services.backups._controleren()
    assert [b.gemaakt for b in services.backups.lijst()] == [NU + timedelta(hours=25), NU]  # one a day


def test_the_folder_can_be_chosen_and_must_be_usable(services, tmp_path):
    share = tmp_path / "netwerkschijf" / "thuiszit"
    assert services.backups.map_instellen(str(share)) == share
    assert services.backups.maken(nu=NU).pad.parent == share
    with pytest.raises(InvoerFout) as exc:
        services.backups.map_instellen("backups")
    assert "map" in exc.value.fouten
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    with pytest.raises(InvoerFout, match="kan het programma niet schrijven"):
        services.backups.map_instellen(blocker / "sub")
    assert services.backups.map() == share
    assert services.backups.map_instellen("") == services.backups.standaard_map()
    assert services.backups.maken(naar=tmp_path / "usb", nu=NU).pad.parent == tmp_path / "usb"


def test_other_roles_get_automatic_backups_but_cannot_restore(services, db_path):
    made = services.backups.maken(nu=NU)
    mentor = Services(services.ctx.store, Gebruiker(services.gebruiker.id, "Mees Mentor", Rol.MENTOR, ("1A",)))
    assert mentor.backups.automatisch(nu=NU + timedelta(days=2)) is not None
    for poging in (lambda: mentor.backups.maken(), lambda: mentor.backups.terugzetten(made.pad),
                   lambda: mentor.backups.voorbeeld(made.pad)):
        with pytest.raises(GeenToegang):
            poging()
    assert not services.ctx.store.closed


def test_restore_refuses_a_backup_without_this_users_account(services, db_path):
    made = services.backups.maken(nu=NU)
    services.gebruikers.toevoegen("Bram Bakker", Rol.ZORGCOORDINATOR, [], WACHTWOORD, WACHTWOORD)
    services.close()
    bram = session.login(db_path, "Bram Bakker", WACHTWOORD)
    try:
        with pytest.raises(InvoerFout, match="uw account nog niet"):
            bram.backups.terugzetten(made.pad)
        assert not bram.ctx.store.closed
    finally:
        bram.close()


def test_restore_at_start_with_the_users_own_password(services, db_path):
    made = services.backups.maken(nu=NU)
    services.leerlingen.opslaan(leerling("900009", "Later"))
    services.close()
    assert [b.pad for b in backups_van(db_path, [db_path.parent / "backups"])] == [made.pad]
    info = terugzetten_bij_start(made.pad, db_path, "Anna de Vries", WACHTWOORD)
    assert info.gemaakt == NU
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert again.leerlingen.lijst() == []
    finally:
        again.close()


def test_restore_at_start_is_for_a_zorgcoordinator_only(services, db_path):
    services.leerlingen.opslaan(leerling("900001", "Eerste"))
    services.gebruikers.toevoegen("Mees Mentor", Rol.MENTOR, ["1A"], WACHTWOORD, WACHTWOORD)
    made = services.backups.maken(nu=NU)
    services.close()
    before = db_path.read_bytes()
    with pytest.raises(GeenToegang, match="Alleen een zorgcoördinator"):
        terugzetten_bij_start(made.pad, db_path, "Mees Mentor", WACHTWOORD)
    assert db_path.read_bytes() == before


# --- no restore, rotation or purge loses work (issue 12, item 6) ---------------------------------------

def import_students(services, tmp_path: Path, n: int) -> None:
    csv = tmp_path / "leerlingen.csv"
    csv.write_text("leerlingnummer;voornaam;achternaam;geboortedatum;klas\n" + "".join(
        f"{700000 + i};Fictief;Import{i};01-03-2012;2B\n" for i in range(n)), encoding="utf-8")
    services.importeren.leerlingen(csv)


def test_backup_import_backup_restore_backup_keeps_the_imported_state(services, db_path, tmp_path):
    """The issue's scenario, also with the backup on close: the state with the imported students must still be
    in a backup at the end."""
    services.leerlingen.opslaan(leerling("900001", "Eerste"))
    eerste = services.backups.maken(nu=NU - timedelta(days=1))
    import_students(services, tmp_path, 30)
    services.backups.maken(nu=NU + timedelta(minutes=5))
    services.backups.terugzetten(eerste.pad, nu=NU + timedelta(minutes=10))
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert len(again.leerlingen.lijst()) == 1
        again.backups.automatisch(nu=NU + timedelta(minutes=20), altijd=True)  # the backup on close
        again.backups.maken(nu=NU + timedelta(minutes=30))
        bewaard = again.backups.lijst()
    finally:
        again.close()
    assert 31 in {b.aantallen.get("leerlingen") for b in bewaard}, [b.aantallen for b in bewaard]
    voor = [b for b in backup.list_backups(db_path.parent / "backups") if b.manifest.reden == backup.VOOR_TERUGZETTEN]
    assert [b.manifest.aantallen["leerlingen"] for b in voor] == [31]  # the restore backed up what it replaced


def test_restore_refuses_when_the_backup_of_the_current_state_fails(services, db_path, monkeypatch):
    made = services.backups.maken(nu=NU)
    services.leerlingen.opslaan(leerling("900002", "Later"))
    echte = backup.make

    def vol(*args, **kwargs):
        if kwargs.get("reden") == backup.VOOR_TERUGZETTEN:
            raise backup.BackupFout("De back-up kon niet worden gemaakt: de schijf is vol.")
        return echte(*args, **kwargs)
    monkeypatch.setattr(backup, "make", vol)
    with pytest.raises(backup.BackupFout, match="Er is niets teruggezet.*de schijf is vol"):
        services.backups.terugzetten(made.pad)
    assert not services.ctx.store.closed
    assert len(services.leerlingen.lijst()) == 1


def other_school(tmp_path: Path) -> Path:
    """Another school's backup, made by a user with the same name and password."""
    ander = session.create_school(session.database_path(tmp_path / "ander"), SCHOOL, "Anna de Vries",
                                  WACHTWOORD, WACHTWOORD)
    try:
        ander.leerlingen.opslaan(leerling("123456", "Vreemd"))
        return ander.backups.maken(nu=NU + timedelta(days=1)).pad
    finally:
        ander.close()


@pytest.mark.parametrize("schade", ["beschadigd", "afgekapt", "kop", "sleutels weg", "weg"])
def test_a_database_that_does_not_open_takes_only_its_own_backups(services, db_path, tmp_path, schade):
    """Damaged, truncated, a damaged header, no key file, no database file: the way out lists this school's
    backups (matched by id, even in a shared folder with another school's newer one) and puts one back; another
    school's backup with the same user name and password is refused."""
    services.leerlingen.opslaan(leerling("900001", "Eerste"))
    eigen = services.backups.maken(nu=NU)
    services.close()
    vreemd = other_school(tmp_path)
    gedeeld = db_path.parent / "backups"
    vreemd = vreemd.rename(gedeeld / vreemd.name)  # newer, same file name pattern, in the same folder
    data = bytearray(db_path.read_bytes())
    if schade == "beschadigd":
        data[3 * 4096 + 100:3 * 4096 + 200] = b"\xff" * 100
    elif schade == "afgekapt":
        data = data[:4096 + 1000]
    elif schade == "kop":
        data[:64] = b"\0" * 64
    db_path.write_bytes(bytes(data))
    if schade == "sleutels weg":
        db_path.with_suffix(".sleutels").unlink()
    elif schade == "weg":
        db_path.unlink()
    assert session.database_exists(db_path)  # not the welcome wizard
    assert [b.pad for b in backups_van(db_path, [gedeeld])] == [eigen.pad]  # no password needed to know them
    with pytest.raises(backup.BackupFout, match="andere database"):
        terugzetten_bij_start(vreemd, db_path, "Anna de Vries", WACHTWOORD)
    info = terugzetten_bij_start(eigen.pad, db_path, "Anna de Vries", WACHTWOORD)
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert [r.leerlingnummer for r in again.leerlingen.lijst()] == ["900001"]
    finally:
        again.close()
    if schade not in ("weg",):
        assert info.bewaard  # what was there is kept aside, never thrown away


def test_a_lost_key_file_comes_back_alone_and_nothing_is_lost(services, db_path):
    made = services.backups.maken(nu=NU)
    services.leerlingen.opslaan(leerling("900002", "Later"))  # after the backup
    services.close()
    db_path.with_suffix(".sleutels").unlink()
    sleutels_terugzetten_bij_start(made.pad, db_path, "Anna de Vries", WACHTWOORD)
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert [r.leerlingnummer for r in again.leerlingen.lijst()] == ["900002"]
    finally:
        again.close()


def test_a_legacy_database_is_matched_by_its_keys_fingerprint(services, db_path):
    """A database from before ids: its backups carry its key's fingerprint; after the first open it has that id."""
    key = services.ctx.store.key
    services.close()
    conn = backup.connect(db_path, key)
    conn.execute("DELETE FROM instelling WHERE sleutel = 'database.id'")
    conn.close()
    identity.marker_path(db_path).unlink()
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        made = again.backups.maken(nu=NU)
    finally:
        again.close()
    assert backup.read_manifest(made.pad).database_id == identity.legacy_id(key) == identity.known_id(db_path)
