"""services/backups.py on real database files: make, list, preview, restore (round trip), roles, folder."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import WACHTWOORD
from thuiszit_desktop.db import backup
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import demo, session
from thuiszit_desktop.services.backups import backups_in, terugzetten_bij_start
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
    assert dump(db_path, key) == at_backup
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
    assert [b.pad for b in backups_in(db_path.parent / "backups", db_path)] == [made.pad]
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
