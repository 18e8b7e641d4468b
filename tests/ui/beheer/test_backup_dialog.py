"""Backups in the GUI: the restore dialog, the settings tab, the menu, the backup on close and the
offer of the last good backup when the database turns out to be damaged at start."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import backup
from thuiszit_desktop.domain.errors import DatabaseOnleesbaar
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.beheer.backup_dialog import BackupDialog, BackupSchedule, BackupTab
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.shell.login import LoginDialog
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.shell.startup import SETTING_BACKUP_MAP, StartupFlow

NU = datetime(2026, 11, 20, 16, 45)


@pytest.fixture(autouse=True)
def no_daily_check(monkeypatch):
    monkeypatch.setattr(BackupSchedule, "START_DELAY_MS", 60_000)  # tests start the daily check themselves


def leerling(nummer: str) -> Leerling:
    return Leerling(nummer, "Fictief", date(2012, 1, 1), date(2024, 8, 1), voornaam="Test", klas="1A")


def nummers(db_path: Path) -> set[str]:
    s = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        return {r.leerlingnummer for r in s.leerlingen.lijst()}
    finally:
        s.close()


def test_the_dialog_lists_previews_and_restores(qtbot, services, db_path):
    services.leerlingen.opslaan(leerling("900001"))
    services.backups.maken(nu=NU)
    services.leerlingen.opslaan(leerling("900002"))
    asked = []
    dialog = BackupDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "vr 20-11-2026 16:45"
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=10_000)
    assert "Gecontroleerd: in orde" in dialog.preview.text() and "1 leerling," in dialog.preview.text()

    def ask(parent, question, **kw):
        asked.append((question, kw["detail"]))
        return True

    errors.ask = ask  # restored by the autouse monkeypatch
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.restore_button.click()
    question, detail = asked[0]
    assert "20-11-2026 16:45" in question and "staat niet" in detail
    assert "Nu: 2 leerlingen" in detail and "Na terugzetten: 1 leerling," in detail
    assert dialog.teruggezet is not None and services.ctx.store.closed
    assert nummers(db_path) == {"900001"}


def test_a_damaged_backup_shows_why_and_cannot_be_restored(qtbot, services):
    made = services.backups.maken(nu=NU)
    data = bytearray(made.pad.read_bytes())
    data[len(data) // 2:len(data) // 2 + 50] = b"\0" * 50
    made.pad.write_bytes(bytes(data))
    dialog = BackupDialog(services)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "beschadigd" in dialog.error.text(), timeout=10_000)
    assert not dialog.restore_button.isEnabled()


def test_the_settings_tab_makes_a_backup_and_sets_the_folder(qtbot, services, tmp_path):
    tab = BackupTab(services)
    qtbot.addWidget(tab)
    assert tab.folder.text() == str(services.backups.standaard_map())
    assert "nog geen back-up" in tab.last_label.text()
    share = tmp_path / "share"
    assert tab.set_folder(str(share))
    assert tab.folder.text() == str(share)
    tab.backup_button.click()
    qtbot.waitUntil(lambda: tab.backup_button.isEnabled() and "Laatste back-up" in tab.last_label.text(),
                    timeout=10_000)
    assert len(list(share.glob("*.tzbackup"))) == 1
    assert not tab.set_folder("relatief")
    assert "hele map" in tab.error.text() and tab.folder.text() == str(share)


def test_a_restore_from_the_settings_tab_closes_the_settings(qtbot, services, monkeypatch):
    from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog

    made = services.backups.maken(nu=NU)
    dialog = InstellingenDialog(services)
    qtbot.addWidget(dialog)
    assert "Back-ups" in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]

    def exec_and_restore(backup_dialog):
        backup_dialog.teruggezet = backup_dialog.services.backups.terugzetten(made.pad)
        return 0

    monkeypatch.setattr(BackupDialog, "exec", exec_and_restore)
    dialog.show()
    with qtbot.waitSignal(dialog.finished):
        dialog.backup_tab.restore_button.click()
    assert dialog.backup_tab.teruggezet is not None and services.ctx.store.closed


def test_main_window_menu_daily_backup_and_backup_on_close(qtbot, services, settings, db_path):
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Back-up maken" in texts and "Back-up &terugzetten…" in texts
    folder = db_path.parent / "backups"
    with qtbot.waitSignal(window.backups.made, timeout=10_000):
        window.backups.check()  # no backup yet: the daily one is due
    assert len(list(folder.glob("*.tzbackup"))) == 1
    window.backups.check()  # not due again today
    window.close()
    assert services.ctx.store.closed
    # on close: made fast, and kept beside today's older one until it is checked at the next start
    assert len(list(folder.glob("*.tzbackup"))) == 2
    assert [b.manifest.gecontroleerd for b in backup.list_backups(folder)] == [False, True]
    assert (folder / sorted(p.name for p in folder.glob("*.tzbackup"))[0]).stat().st_size > 0


def test_main_window_after_a_restore_asks_to_log_in_again(qtbot, services, settings, monkeypatch):
    made = services.backups.maken(nu=NU)
    infos = []
    monkeypatch.setattr(errors, "show_info", lambda parent, text, **kw: infos.append(text))
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()

    def exec_and_restore(dialog):
        dialog.teruggezet = dialog.services.backups.terugzetten(made.pad)
        return 0

    monkeypatch.setattr(BackupDialog, "exec", exec_and_restore)
    window.restore_backup()
    assert window.afgemeld and not window.isVisible()
    assert "Log opnieuw in" in infos[0]


def test_a_damaged_database_at_start_offers_the_last_good_backup(qtbot, services, db_path, settings, monkeypatch,
                                                                tmp_path):
    share = tmp_path / "share"
    services.backups.map_instellen(share)
    services.leerlingen.opslaan(leerling("900001"))
    services.backups.maken(nu=NU)
    StartupFlow(db_path.parent, settings).remember(db_path, services)
    assert settings.value(SETTING_BACKUP_MAP) == str(share)
    services.leerlingen.opslaan(leerling("900002"))
    services.close()
    data = bytearray(db_path.read_bytes())
    data[3 * 4096 + 100:3 * 4096 + 200] = b"\xff" * 100
    db_path.write_bytes(bytes(data))

    choices, infos = [], []
    monkeypatch.setattr(errors, "show_info", lambda parent, text, **kw: infos.append(text))

    def choose(parent, text, options, **kw):
        choices.append((text, options, kw["detail"]))
        return 0

    monkeypatch.setattr(errors, "choose", choose)
    dialog = LoginDialog(db_path, settings=settings)
    qtbot.addWidget(dialog)
    dialog.naam.setText("Anna de Vries")
    dialog.wachtwoord.setText(WACHTWOORD)
    assert not dialog.try_login()
    flow = StartupFlow(db_path.parent, settings)
    assert flow.database_problem(dialog.problem, db_path, inlog=("Anna de Vries", WACHTWOORD)) == db_path
    text, options, detail = choices[0]
    assert "beschadigd" in text
    assert options[0] == "Laatste goede back-up terugzetten" and "van 20-11-2026 16:45" in detail
    assert "1 leerling," in detail and "staat er niet in" in detail and "blijven bewaard" in detail
    assert "teruggezet" in infos[0]
    assert nummers(db_path) == {"900001"}


def test_a_missing_key_file_at_start_offers_this_schools_backups_only(qtbot, services, db_path, settings,
                                                                       monkeypatch, tmp_path):
    """The key file is gone: the way out lists the backups of this database (by id: another school's newer
    backup in the same folder is not offered), first the key file alone (no data lost), or another backup."""
    from tests.conftest import SCHOOL
    from thuiszit_desktop.ui.shell import herstel_dialog

    services.leerlingen.opslaan(leerling("900001"))
    services.backups.maken(nu=NU.replace(day=18))
    services.backups.maken(nu=NU)
    services.leerlingen.opslaan(leerling("900002"))  # after the last backup
    services.close()
    ander = session.create_school(session.database_path(tmp_path / "ander"), SCHOOL, "Anna de Vries", WACHTWOORD,
                                  WACHTWOORD)
    vreemd = ander.backups.maken(nu=NU.replace(day=21)).pad
    ander.close()
    vreemd.rename(db_path.parent / "backups" / vreemd.name)
    db_path.with_suffix(".sleutels").unlink()

    choices, infos, lijsten = [], [], []
    monkeypatch.setattr(errors, "show_info", lambda parent, text, **kw: infos.append(text))

    def choose(parent, text, options, **kw):
        choices.append((text, options))
        return 0 if len(choices) == 1 else options.index("Andere back-up kiezen…")

    monkeypatch.setattr(errors, "choose", choose)
    flow = StartupFlow(db_path.parent, settings)
    assert flow.database_problem(DatabaseOnleesbaar(
        "het sleutelbestand thuiszit.sleutels ontbreekt"), db_path, inlog=("Anna de Vries", WACHTWOORD)) == db_path
    text, options = choices[0]
    assert options[:3] == ["Sleutelbestand terughalen uit de laatste back-up", "Laatste goede back-up terugzetten",
                           "Andere back-up kiezen…"]
    assert "De database zelf is niet veranderd" in infos[0]
    assert nummers(db_path) == {"900001", "900002"}  # nothing lost

    db_path.with_suffix(".sleutels").unlink()  # again, now choose an older backup from the list
    monkeypatch.setattr(herstel_dialog, "kies_backup", lambda backups: lijsten.append(backups) or backups[-1])
    assert flow.database_problem(DatabaseOnleesbaar(), db_path,
                                 inlog=("Anna de Vries", WACHTWOORD)) == db_path
    assert [b.gemaakt.day for b in lijsten[0]] == [20, 18]  # not the other school's of the 21st
    assert nummers(db_path) == {"900001"}
    assert "bewaard als thuiszit-voor-terugzetten-" in infos[-1]
