"""Item 4 of issue 12: revoking revokes. A key file copied before a user was disabled (or lost the
zorgcoördinator role) opens neither the live database nor any later backup – not even with a zorgcoördinator's
password in that old file; older backups are re-encrypted or removed on request; a kill at any moment of the
rotation's swap leaves something the next start recovers without losing data."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD
from tests.security.aanval import (
    GEHEIM,
    LEZER,
    LEZER_WW,
    MENTOR,
    MENTOR2,
    MENTOR2_WW,
    MENTOR_WW,
    ZORG,
    key_of,
    opens,
    school,
)
from thuiszit_desktop.db import backup, vertrouwelijk
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.services import session

WORKER = Path(__file__).with_name("intrekken_worker.py")


@pytest.fixture
def zorg(db_path):
    s = school(db_path)
    yield s
    s.close()


def backup_db(pad: Path, tmp: Path) -> Path:
    into = tmp / pad.stem
    into.mkdir()
    return backup.extract(pad, into)[0]


def test_an_old_key_file_opens_neither_the_live_database_nor_a_later_backup(zorg, db_path, tmp_path):
    oud = tmp_path / "gekopieerd.sleutels"
    shutil.copyfile(KeyRing.for_database(db_path), oud)  # taken while Mo was still a mentor
    eerder = zorg.backups.maken()
    eerder_db = backup_db(eerder.pad, tmp_path)
    rij = zorg.gebruikers.uitschakelen(MENTOR)
    assert not rij.actief and rij.rotatie is not None
    assert [p.name for p in rij.rotatie.oude_backups] == [eerder.pad.name]
    later = zorg.backups.maken()
    # the program goes on with the new keys
    assert GEHEIM["gesprek"] in {g.samenvatting for g in zorg.trajecten.gesprekken("1001")}
    later_db = backup_db(later.pad, tmp_path)
    for naam, ww in ((MENTOR, MENTOR_WW), (ZORG, WACHTWOORD)):  # the revoked user, and a zorgcoördinator
        key = key_of(oud, naam, ww)
        assert not opens(db_path, key), naam
        assert not opens(later_db, key), naam
        assert opens(eerder_db, key)  # an older backup does open (until it is re-encrypted or removed)
    with pytest.raises(InlogFout):
        KeyRing.load(KeyRing.for_database(db_path)).unlock(MENTOR, MENTOR_WW)
    # the confidential key in the old file does not open what the new database holds
    zorg_oud = KeyRing.load(oud).open(ZORG, WACHTWOORD)
    conn = backup.connect(db_path, zorg.ctx.store.key)
    try:
        envelop = conn.execute("SELECT samenvatting FROM gesprek WHERE vertrouwelijk = 1").fetchone()[0]
    finally:
        conn.close()
    with pytest.raises(Exception):  # noqa: B017 - cryptography's InvalidTag
        vertrouwelijk.ontsleutel(zorg_oud.vertrouwelijk, envelop, "gesprek.samenvatting")


def test_older_backups_are_re_encrypted_with_the_new_keys(zorg, db_path, tmp_path):
    oud = tmp_path / "gekopieerd.sleutels"
    shutil.copyfile(KeyRing.for_database(db_path), oud)
    eerder = zorg.backups.maken()
    rotatie = zorg.gebruikers.uitschakelen(MENTOR).rotatie
    stappen = []
    assert rotatie.backups_herversleutelen(lambda i, n: stappen.append((i, n))) == 1
    assert stappen[-1] == (1, 1)
    db = backup_db(eerder.pad, tmp_path)
    assert not opens(db, key_of(oud, ZORG, WACHTWOORD)) and not opens(db, key_of(oud, MENTOR, MENTOR_WW))
    assert opens(db, zorg.ctx.store.key)
    # still a good backup of this database, whose own key file is the new one
    assert zorg.backups.voorbeeld(eerder.pad).aantallen["gesprekken"] == 2
    assert not backup.keyring(eerder.pad, db_path).has_user(MENTOR)
    zorg.backups.terugzetten(eerder.pad)
    terug = session.login(db_path, ZORG, WACHTWOORD)
    try:
        assert GEHEIM["mdo"] in {m.verslag for t in terug.trajecten.trajecten("1001")
                                 for m in terug.trajecten.mdos(t.id)}
    finally:
        terug.close()


def test_older_backups_can_be_removed_instead(zorg):
    eerder = zorg.backups.maken()
    rotatie = zorg.gebruikers.uitschakelen(MENTOR).rotatie
    assert rotatie.backups_verwijderen() == 1 and not eerder.pad.exists()


def test_taking_the_zorgcoordinator_role_away_rotates_the_confidential_key(zorg, db_path, tmp_path):
    zorg.gebruikers.toevoegen("Bea Tweede", "zorgcoordinator", [], "Tweede-zorg-2026", "Tweede-zorg-2026")
    oud = tmp_path / "gekopieerd.sleutels"
    shutil.copyfile(KeyRing.for_database(db_path), oud)
    rij = zorg.gebruikers.wijzigen("Bea Tweede", rol=Rol.MENTOR, klassen=["2B"])
    assert rij.rol == Rol.MENTOR and rij.rotatie is not None
    zorg.close()
    bea = session.login(db_path, "Bea Tweede", "Tweede-zorg-2026")
    try:
        assert bea.ctx.store.sleutels.vertrouwelijk is None  # her slot no longer holds it
    finally:
        bea.close()
    assert not opens(db_path, key_of(oud, "Bea Tweede", "Tweede-zorg-2026"))


def test_the_other_users_keep_their_passwords(zorg, db_path):
    zorg.gebruikers.uitschakelen(MENTOR)
    zorg.close()
    mentor = session.login(db_path, MENTOR2, MENTOR2_WW)
    assert mentor.gebruiker.rol == Rol.MENTOR
    mentor.close()
    session.aanmelden(db_path, LEZER, LEZER_WW).close()  # the overview of counts, as before


STAPPEN = ["journal", "opzij thuiszit.db", "opzij thuiszit.sleutels", "nieuw thuiszit.db",
           "nieuw thuiszit.sleutels", "klaar", "opgeruimd"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("stap", STAPPEN)
def test_a_kill_inside_the_rotation_swap_is_recovered_at_the_next_start(zorg, db_path, stap):
    zorg.close()
    proc = subprocess.run([sys.executable, str(WORKER), str(db_path), stap], capture_output=True, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"}, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    s = session.login(db_path, ZORG, WACHTWOORD)  # the next start finishes or undoes the swap
    try:
        assert GEHEIM["gesprek"] in {g.samenvatting for g in s.trajecten.gesprekken("1001")}
        assert [r.naam for r in s.leerlingen.lijst()] != [] and len(s.trajecten.gesprekken("1001")) == 2
        mo = next(r for r in s.gebruikers.lijst() if r.naam == MENTOR)
        key = s.ctx.store.key
    finally:
        s.close()
    doorgerold = stap not in ("journal", "opzij thuiszit.db", "opzij thuiszit.sleutels", "nieuw thuiszit.db")
    assert mo.actief is not doorgerold  # finished: Mo is out; undone: everything as it was
    ring = KeyRing.load(KeyRing.for_database(db_path))
    assert ring.has_user(MENTOR) is not doorgerold
    assert opens(db_path, key)
    assert not list(db_path.parent.glob("thuiszit-voor-sleutelwissel-*"))  # nothing left set aside
