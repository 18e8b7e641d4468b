"""Attacks on the audit trail by someone holding the data folder, a backup and their own password.

Each attack is done with raw `sqlcipher3` and the key the attacker's own slot unwraps (every slot does, until the
zorgcoördinator-only key of issue 12 item 1 exists), the way a person with Python and this program's source would:
drop the triggers, delete entries, lower `sqlite_sequence`, re-time entries and rebuild the chain after them. Each
must be caught by `audit verify` and by the check at the next start (the warning every command and the GUI show);
putting back an older backup with the program is not an alarm.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
import sqlcipher3

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.db import anker
from thuiszit_desktop.db.keys import KeyRing, sqlcipher_passphrase
from thuiszit_desktop.domain.audit import AuditInvoer, bereken_hash
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session

pytestmark = pytest.mark.usefixtures("cli_omgeving")

ZORG, MENTOR = "Anna de Vries", "Bram Mentor"
VANDAAG = dt.date(2026, 11, 23)


@pytest.fixture
def school(services, db_path):
    """A school with a mentor, some entries, a backup, and the zorgcoördinator's session closed (it seals)."""
    for nummer, voornaam, klas in (("1001", "Zoë", "2B"), ("1002", "Mehmet", "3A")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam="Bakker",
                                             geboortedatum=dt.date(2012, 3, 5), inschrijfdatum=dt.date(2024, 8, 1),
                                             klas=klas), VANDAAG)
    services.gebruikers.toevoegen(MENTOR, Rol.MENTOR, ["2B"], WACHTWOORD, WACHTWOORD)
    services.backups.maken()
    for nummer in ("1001", "1002"):
        services.leerlingen.get(nummer)
    services.close()
    return db_path


def raw(db_path: Path, naam: str = MENTOR) -> sqlcipher3.Connection:
    """The attacker's own connection: the key their own password unwraps, no program in between."""
    key = KeyRing.load(KeyRing.for_database(db_path)).unlock(naam, WACHTWOORD)
    conn = sqlcipher3.connect(str(db_path), isolation_level=None)
    conn.execute(f'PRAGMA key = "{sqlcipher_passphrase(key)}"')
    return conn


def drop_triggers(conn) -> None:
    conn.execute("DROP TRIGGER audit_regel_geen_wijziging")
    conn.execute("DROP TRIGGER audit_regel_geen_verwijdering")


def restore_triggers(conn) -> None:
    """A careful attacker puts the triggers back, so that check alone does not give them away."""
    conn.execute("CREATE TRIGGER audit_regel_geen_wijziging BEFORE UPDATE ON audit_regel "
                 "BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END")
    conn.execute("CREATE TRIGGER audit_regel_geen_verwijdering BEFORE DELETE ON audit_regel "
                 "BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd'); END")


def cut_tail(conn, n: int) -> None:
    hoogste = conn.execute("SELECT max(id) FROM audit_regel").fetchone()[0]
    conn.execute("DELETE FROM audit_regel WHERE id > ?", (hoogste - n,))
    conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_regel'", (hoogste - n,))


def rechain(conn, vanaf: int) -> None:
    """Recompute every hash from entry `vanaf` on, as the chain's own code would: the chain is whole again."""
    rijen = conn.execute("SELECT id, tijd, gebruiker_id, gebruiker_naam, actie, leerling_id, wat FROM audit_regel "
                         "ORDER BY id").fetchall()
    vorige = conn.execute("SELECT hash FROM audit_regel WHERE id = ?", (vanaf - 1,)).fetchone()
    vorige_hash = vorige[0] if vorige else "0" * 64
    for id_, tijd, gebruiker_id, naam, actie, leerling_id, wat in rijen:
        if id_ < vanaf:
            continue
        invoer = AuditInvoer(id_, dt.datetime.fromisoformat(tijd), gebruiker_id, naam, actie, leerling_id, wat)
        nieuw = bereken_hash(vorige_hash, invoer)
        conn.execute("UPDATE audit_regel SET vorige_hash = ?, hash = ? WHERE id = ?", (vorige_hash, nieuw, id_))
        vorige_hash = nieuw


def verify(db_path: Path, capsys) -> tuple[int, str]:
    code = app.main(["audit", "verify", "--data-dir", str(db_path.parent), "--gebruiker", ZORG])
    return code, capsys.readouterr().err


def start_warning(db_path: Path, capsys, naam: str = ZORG) -> str:
    """What any other command says on stderr at its start."""
    app.main(["signalen", "--data-dir", str(db_path.parent), "--gebruiker", naam])
    return capsys.readouterr().err


def test_a_sound_trail_is_in_order_everywhere(school, capsys):
    assert verify(school, capsys) == (0, "")
    assert "auditlog" not in start_warning(school, capsys)
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        assert services.audit.uitslag.ok
    finally:
        services.close()


def test_drop_triggers_delete_tail_lower_sequence_is_caught(school, capsys):
    conn = raw(school)
    drop_triggers(conn)
    cut_tail(conn, 3)
    restore_triggers(conn)
    conn.close()
    code, err = verify(school, capsys)
    assert code == 1 and "ingekort" in err
    assert "Let op: Het auditlog is niet in orde" in start_warning(school, capsys)
    assert "Meld dit aan de zorgcoördinator" in start_warning(school, capsys, MENTOR)


def test_dropped_triggers_alone_are_caught(school, capsys):
    conn = raw(school)
    drop_triggers(conn)
    conn.close()
    code, err = verify(school, capsys)
    assert code == 1 and "buiten het programma om weggehaald" in err
    assert "niet in orde" in start_warning(school, capsys)


def test_deleting_every_entry_is_caught(school, capsys):
    conn = raw(school)
    drop_triggers(conn)
    conn.execute("DELETE FROM audit_regel")
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'audit_regel'")
    restore_triggers(conn)
    conn.close()
    code, err = verify(school, capsys)
    assert code == 1 and "niet in orde" in err
    assert "niet in orde" in start_warning(school, capsys)


def test_retiming_an_entry_is_caught_with_or_without_a_rebuilt_chain(school, capsys):
    conn = raw(school)
    drop_triggers(conn)
    conn.execute("UPDATE audit_regel SET tijd = '2020-01-01 08:00:00' WHERE id = 2")
    conn.close()
    code, err = verify(school, capsys)
    assert code == 1 and "regel 2" in err
    conn = raw(school)
    rechain(conn, 2)  # the chain is whole again: only the anchor still knows the old head
    restore_triggers(conn)
    conn.close()
    code, err = verify(school, capsys)
    assert code == 1 and "vervangen" in err
    assert "niet in orde" in start_warning(school, capsys)


def test_a_cut_with_the_anchor_file_removed_is_caught_by_the_backups(school, capsys):
    conn = raw(school)
    drop_triggers(conn)
    cut_tail(conn, 2)
    restore_triggers(conn)
    conn.close()
    anker.pad(school).unlink()
    code, err = verify(school, capsys)
    assert code == 1 and "ankerbestand" in err


def test_an_anchor_file_edited_by_hand_is_caught(school, capsys):
    pad = anker.pad(school)
    pad.write_text(pad.read_text(encoding="utf-8").replace('"aantal": ', '"aantal": 1'), encoding="utf-8")
    code, err = verify(school, capsys)
    assert code == 1 and "buiten het programma om gewijzigd" in err


def test_a_mentor_session_does_not_seal(school):
    voor = anker.pad(school).read_bytes()
    mentor = session.login(school, MENTOR, WACHTWOORD)
    mentor.leerlingen.get("1001")
    mentor.close()
    assert anker.pad(school).read_bytes() == voor


def test_a_problem_stays_until_the_zorgcoordinator_seals_it(school, capsys):
    conn = raw(school)
    drop_triggers(conn)
    cut_tail(conn, 1)
    restore_triggers(conn)
    conn.close()
    for _ in range(2):  # a zorgcoördinator's login and close do not seal over it
        services = session.login(school, ZORG, WACHTWOORD)
        assert not services.audit.uitslag.ok
        services.close()
    assert app.main(["audit", "verzegelen", "--data-dir", str(school.parent), "--gebruiker", ZORG]) == 0
    assert "Vastgelegd in het auditlog" in capsys.readouterr().out
    assert verify(school, capsys) == (0, "")
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        assert services.audit.uitslag.ok
        assert any(r.actie == "verzegeld" and "niet in orde" in r.wat for r in services.audit.lijst())
    finally:
        services.close()


def test_restoring_an_older_backup_with_the_program_is_no_alarm(school, capsys):
    services = session.login(school, ZORG, WACHTWOORD)
    oud = services.backups.lijst()[-1].pad  # the first backup: fewer entries than the log has now
    services.backups.terugzetten(oud)
    services.close()
    assert verify(school, capsys) == (0, "")
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        assert services.audit.uitslag.ok
        services.backups.maken()  # the new line's backups carry anchors too: still in order after that
    finally:
        services.close()
    assert verify(school, capsys) == (0, "")


def test_restoring_an_older_backup_by_hand_is_caught(school, capsys, tmp_path):
    services = session.login(school, ZORG, WACHTWOORD)
    oud = services.backups.lijst()[-1].pad
    services.close()
    with zipfile.ZipFile(oud) as z:
        z.extract("thuiszit.db", tmp_path)
    for staart in ("-wal", "-shm"):
        Path(f"{school}{staart}").unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "thuiszit.db", school)
    code, err = verify(school, capsys)
    assert code == 1 and "niet in orde" in err


def retime_only(db_path: Path) -> None:
    """Re-time one entry and put the triggers back, without touching any hash."""
    conn = raw(db_path)
    drop_triggers(conn)
    conn.execute("UPDATE audit_regel SET tijd = '2020-01-01 08:00:00' WHERE id = 2")
    restore_triggers(conn)
    conn.close()


def test_a_retimed_entry_is_caught_at_the_start_of_a_short_log(school, capsys):
    retime_only(school)
    assert "regel 2" in start_warning(school, capsys)
    assert "regel 2" in start_warning(school, capsys, MENTOR)


def test_a_long_log_is_walked_whole_in_the_background_after_the_gui_login(school, qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from thuiszit_desktop.services.audit import AuditService
    from thuiszit_desktop.ui.common import errors
    from thuiszit_desktop.ui.shell import startup

    retime_only(school)
    monkeypatch.setattr(AuditService, "VOLLEDIG_TOT", 0)  # as if the log were long: the cheap check at login
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        assert services.audit.uitslag.ok and not services.audit.volledig
        meldingen = []
        monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: meldingen.append(text))
        venster = QWidget()
        qtbot.addWidget(venster)
        startup.meld_auditlog(venster, services)  # nothing yet: the cheap check found nothing
        qtbot.waitUntil(lambda: bool(meldingen), timeout=20_000)
        assert "regel 2" in meldingen[0]
        assert not services.audit.uitslag.ok  # and so this session does not seal over it
    finally:
        services.close()


def test_a_mentor_cannot_seal_a_forged_anchor(school, capsys):
    """Everything a mentor's slot gives them, the database key included, makes an anchor the check refuses."""
    from thuiszit_desktop.db import identity, keys

    sleutels = KeyRing.load(KeyRing.for_database(school)).open(MENTOR, WACHTWOORD)
    assert sleutels.ondertekenen is None and sleutels.vertrouwelijk is None  # nothing only zorgcoördinatoren hold
    conn = raw(school)
    drop_triggers(conn)
    cut_tail(conn, 2)
    restore_triggers(conn)
    stand, database_id = anker.stand(conn), identity.of(conn, sleutels.database)
    conn.close()
    anker.verzegel(school, stand, keys.audit_key(sleutels.database), database_id)  # the best a mentor can do
    code, err = verify(school, capsys)
    assert code == 1 and "buiten het programma om gewijzigd" in err


def test_revoking_a_user_rotates_the_keys_and_the_trail_stays_in_order(school, capsys):
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        services.gebruikers.uitschakelen(MENTOR)  # a new database key (services/sleutels.py)
    finally:
        services.close()
    assert verify(school, capsys) == (0, "")
    services = session.login(school, ZORG, WACHTWOORD)
    try:
        assert services.audit.uitslag.ok
    finally:
        services.close()
