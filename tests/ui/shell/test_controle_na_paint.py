"""The check of every page after the window's first paint (startup.controle_na_eerste_paint): damage closes the
window and the start offers the last good backup, opened with the name and password just typed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import WACHTWOORD
from tests.db.test_backup import corrupt_page, with_student
from tests.services.test_controle_na_login import PAGINA_NA_LOGIN
from thuiszit_desktop.domain.errors import DatabaseBeschadigd
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.shell import startup
from thuiszit_desktop.ui.shell.login import LoginDialog
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.shell.startup import StartupFlow

INLOG = ("Anna de Vries", WACHTWOORD)
TIMEOUT = 20_000


@pytest.fixture
def met_backup(services, db_path):
    """A school with a student and a backup of it, closed."""
    with_student(services)
    services.backups.maken()
    services.close()
    return db_path


def venster(qtbot, services, settings) -> MainWindow:
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    startup.controle_na_eerste_paint(window, services, INLOG)
    window.show()
    return window


def test_the_login_leaves_the_check_for_after_the_paint_and_keeps_the_name_and_password_for_it(
        qtbot, met_backup, settings, monkeypatch):
    def log_in(dialog):
        dialog.naam.setText(INLOG[0])
        dialog.wachtwoord.setText(INLOG[1])
        assert dialog.try_login()

    monkeypatch.setattr(LoginDialog, "exec", lambda self: log_in(self))
    flow = StartupFlow(met_backup.parent, settings)
    services = flow.run()
    try:
        assert not services.ctx.store.controle.klaar
        assert flow.inlog == INLOG
    finally:
        services.close()


@pytest.mark.qt_log_ignore("does not support raise")  # (the offscreen platform; run_gui raises its window)
def test_the_start_offers_the_backup_when_the_check_after_the_paint_finds_damage(
        qtbot, met_backup, settings, monkeypatch):
    """run_gui: the window closes, the way out a damaged file has at login follows, then the login again."""
    corrupt_page(met_backup, PAGINA_NA_LOGIN)
    sessies, problemen = [], []

    def run(self, path=None):
        if sessies:
            assert path == met_backup  # after the way out: the login of the file it gave
            return None
        sessies.append(session.login(met_backup, *INLOG, controle_later=True))
        self.inlog = INLOG
        return sessies[0]

    def database_problem(self, problem, path, *, inlog=None):
        problemen.append((type(problem), path, inlog))
        return path

    monkeypatch.setattr(StartupFlow, "run", run)
    monkeypatch.setattr(StartupFlow, "database_problem", database_problem)
    monkeypatch.setattr(QApplication, "exec",
                        lambda self: qtbot.waitUntil(lambda: sessies[0].ctx.store.closed, timeout=TIMEOUT) or 0)
    monkeypatch.setattr(MainWindow, "_restore_geometry", lambda self: None)
    monkeypatch.setattr(errors, "install_excepthook", lambda: None)  # (global: not for the tests after this one)
    assert startup.run_gui(met_backup.parent) == 0
    assert problemen == [(DatabaseBeschadigd, met_backup, INLOG)]


def test_a_whole_file_keeps_its_window(qtbot, met_backup, settings):
    services = session.login(met_backup, *INLOG, controle_later=True)
    window = venster(qtbot, services, settings)
    qtbot.waitUntil(lambda: services.ctx.store.controle.klaar, timeout=TIMEOUT)
    qtbot.wait(50)
    assert window.isVisible() and window.schade is None
    window.close()


def test_damage_found_after_the_paint_offers_the_last_good_backup(qtbot, met_backup, settings, monkeypatch):
    corrupt_page(met_backup, PAGINA_NA_LOGIN)
    services = session.login(met_backup, *INLOG, controle_later=True)
    window = venster(qtbot, services, settings)
    qtbot.waitUntil(lambda: window.schade is not None, timeout=TIMEOUT)
    fout, inlog = window.schade
    assert isinstance(fout, DatabaseBeschadigd) and inlog == INLOG
    assert not window.isVisible() and window.afgemeld  # closed: the start goes on with the way out
    assert services.ctx.store.closed  # (closed without its backup on close or any other write)

    keuzes = []

    def choose(parent, text, options, **kw):
        keuzes.append((text, options))
        return options.index("Laatste goede back-up terugzetten")

    monkeypatch.setattr(errors, "choose", choose)
    monkeypatch.setattr(errors, "show_info", lambda *a, **kw: None)
    assert StartupFlow(met_backup.parent, settings).database_problem(fout, met_backup, inlog=inlog) == met_backup
    assert "beschadigd" in keuzes[0][0]
    weer = session.login(met_backup, *INLOG)  # the backup is back, whole
    try:
        assert [r.leerlingnummer for r in weer.leerlingen.lijst()] == ["900001"]
    finally:
        weer.close()
