"""The program on the shared school database (issue 18), on the real test cluster: the first start's choice, the
login on the remembered server, and the main window there – the mentor seeing their own klassen, no file-only
features, the lock screen, which school database in the status bar. Fictional people only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.conftest import WACHTWOORD
from tests.ui.shell.test_verbinding import velden
from thuiszit_desktop import paths
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.shell import onthouden, startup
from thuiszit_desktop.ui.shell.first_run import FirstRunOutcome, FirstRunWizard
from thuiszit_desktop.ui.shell.login import LoginDialog
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.shell.startup import StartupFlow
from thuiszit_desktop.ui.shell.verbinding_dialog import VerbindingDialog

VANDAAG = date(2026, 11, 23)
MENTOR_WW = "Mentor-2026-op-school!"


@pytest.fixture
def school(pg_cluster, server_school):
    """Three students in 2B and 3C on the server, and Mees Mentor for 2B; the fields of the connection."""
    from tests import pgcluster

    pgcluster.logins_weg(pg_cluster, ["mees mentor"])
    s = session.login_server(server_school[0], "Anna de Vries", WACHTWOORD)
    try:
        for nummer, voornaam, klas in (("6001", "Mila", "2B"), ("6002", "Sem", "2B"), ("6003", "Noor", "3C")):
            s.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel="",
                                          achternaam="Jansen", geboortedatum=date(2012, 3, 5),
                                          inschrijfdatum=date(2024, 8, 1), klas=klas), VANDAAG)
        s.gebruikers.toevoegen("Mees Mentor", "mentor", ["2B"], MENTOR_WW, MENTOR_WW)
    finally:
        s.close()
    return velden(pg_cluster, server_school[0])


def script_exec(monkeypatch, cls, steps):
    """Replace `cls.exec` (a modal loop) by the next scripted step, called with the dialog."""
    def fake_exec(self):
        steps.pop(0)(self)
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)


def log_in(qtbot, naam: str, wachtwoord: str):
    def stap(dialog: LoginDialog) -> None:
        assert dialog.server is not None and "Schooldatabase:" in dialog.path_label.text()
        dialog.naam.setText(naam)
        dialog.wachtwoord.setText(wachtwoord)
        dialog.try_login()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    return stap


@pytest.fixture
def windows(qtbot, settings):
    gemaakt = []

    def open_window(services) -> MainWindow:
        window = MainWindow(services, settings=settings)
        qtbot.addWidget(window)
        gemaakt.append(window)
        with qtbot.waitSignal(window.signalen_loader.loaded, timeout=30_000):
            window.show()
        return window

    yield open_window
    for window in gemaakt:
        window.close_services()


def test_first_start_offers_one_laptop_or_the_shared_school_database(qtbot, db_path, settings, school, monkeypatch):
    wizard = FirstRunWizard(db_path, settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.welcome_page
    assert page.een_laptop.isChecked() and not page.gedeeld.isChecked()  # the file stays the default
    assert str(db_path) in page.where.text()
    page.gedeeld.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Verbinden…"

    def verbinden(dialog: VerbindingDialog) -> None:
        dialog.naam.setText("Anna de Vries")
        dialog.wachtwoord.setText(WACHTWOORD)
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    script_exec(monkeypatch, VerbindingDialog, [verbinden])
    onthouden.onthoud_server(settings, school)  # filled in from what was remembered before (not in use)
    onthouden.vergeet_server(settings)
    with qtbot.waitSignal(wizard.accepted, timeout=20_000):
        wizard.button(QWizard.WizardButton.NextButton).click()
    try:
        assert wizard.outcome is FirstRunOutcome.SERVER
        assert wizard.services.gebruiker.naam == "Anna de Vries"
        assert not db_path.exists()  # no file was made
        onthouden_ = onthouden.laatste_server(settings)
        assert onthouden_["host"] == school["host"] and onthouden_["school"] == "Het Baken"
        assert not any(WACHTWOORD in str(settings.value(k)) for k in settings.allKeys())
    finally:
        wizard.services.close()


def test_the_next_start_logs_in_on_the_remembered_server_and_opens_its_students(qtbot, settings, school, monkeypatch,
                                                                                windows):
    onthouden.onthoud_server(settings, {**school, "school": "Het Baken"})
    gezien = []

    def fout(dialog: LoginDialog) -> None:
        log_in(qtbot, "Anna de Vries", "fout-wachtwoord-9")(dialog)
        gezien.append(dialog.error.text())
    script_exec(monkeypatch, LoginDialog, [fout])
    # a wrong password: the dialog says so and stays (here the scripted exec ends there: nobody logged in)
    assert StartupFlow(paths.data_dir(), settings).run() is None
    assert gezien == ["Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."]

    def goed(dialog: LoginDialog) -> None:
        log_in(qtbot, "Anna de Vries", WACHTWOORD)(dialog)
        gezien.append(dialog.error.text())
    script_exec(monkeypatch, LoginDialog, [goed])
    services = StartupFlow(paths.data_dir(), settings).run()
    assert gezien[1] == ""
    assert services is not None and services.ctx.store.op_server
    window = windows(services)
    window.show_area("Leerlingen")
    model = window.leerlingen.list.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10_000)
    assert "Schooldatabase:" in window.opslag_label.text() and school["database"] in window.opslag_label.text()
    for action in (window.action_backup, window.action_restore):  # a file's backups: not on the server
        assert not action.isVisible()
    assert services.backups.automatisch() is None  # the daily backup and the one on close: none here


def test_a_mentor_on_the_server_sees_only_their_klas(qtbot, settings, school, monkeypatch, windows):
    onthouden.onthoud_server(settings, {**school, "naam": "Mees Mentor"})
    script_exec(monkeypatch, LoginDialog, [log_in(qtbot, "Mees Mentor", MENTOR_WW)])
    services = StartupFlow(paths.data_dir(), settings).run()
    window = windows(services)
    window.show_area("Leerlingen")
    model = window.leerlingen.list.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    assert not window.action_settings.isVisible()


def test_the_lock_screen_opens_with_the_server_password(qtbot, settings, school, windows):
    services = session.login_server(f"postgresql://x@{school['host']}:{school['poort']}/{school['database']}"
                                    "?sslmode=disable", "Anna de Vries", WACHTWOORD)
    window = windows(services)
    window.vergrendeling.vergrendel()
    scherm = window.vergrendeling.scherm
    scherm.wachtwoord.setText(WACHTWOORD)
    qtbot.keyClick(scherm.wachtwoord, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vergrendeling.scherm is None, timeout=10_000)


def test_one_laptop_from_the_server_login_goes_back_to_the_file(qtbot, settings, school, monkeypatch, tmp_path):
    onthouden.onthoud_server(settings, school)

    def kies_bestand(dialog: LoginDialog) -> None:
        dialog.file_link.linkActivated.emit("#")
    script_exec(monkeypatch, LoginDialog, [kies_bestand])
    gezien = []
    monkeypatch.setattr(FirstRunWizard, "exec", lambda self: gezien.append(self))
    assert StartupFlow(paths.data_dir(), settings).server_start() == (False, None)
    assert onthouden.laatste_server(settings) is None
    assert onthouden.server_velden(settings)["host"] == school["host"]  # kept to fill in the dialog next time


@pytest.mark.parametrize("wie", ["Anna de Vries", "Mees Mentor"])
def test_every_area_and_a_students_page_open_on_the_server(qtbot, school, windows, wie, monkeypatch):
    dsn = f"postgresql://x@{school['host']}:{school['poort']}/{school['database']}?sslmode=disable"
    services = session.login_server(dsn, wie, WACHTWOORD if wie == "Anna de Vries" else MENTOR_WW)
    window = windows(services)
    startup.meld_auditlog(window, services)  # what run_gui does after the login: the chain is in order here
    if (controle := getattr(window, "_auditcontrole", None)) is not None:
        qtbot.waitUntil(lambda: not controle.busy, timeout=20_000)
    for titel in window.area_titles():
        window.show_area(titel)
        qtbot.waitUntil(lambda t=titel: window.current_area_title() == t)
    window.show_area("Leerlingen")
    window.open_leerling("6001")
    qtbot.waitUntil(lambda: window.leerlingen.page_shown(), timeout=10_000)
    assert "Mila" in window.leerlingen.page.leerling.voornaam
    gemeld = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.about", lambda _p, _t, text: gemeld.append(text))
    window.show_about()
    assert "gedeelde schooldatabase" in gemeld[0] and school["database"] in gemeld[0]


def test_the_zorgcoordinators_dialogs_open_on_the_server(qtbot, school, windows):
    from thuiszit_desktop.ui.beheer.audit_view import AuditDialog
    from thuiszit_desktop.ui.beheer.bewaren_dialog import BewaarDialog
    from thuiszit_desktop.ui.beheer.gebruikers_dialog import GebruikersDialog
    from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog
    from thuiszit_desktop.ui.beheer.profiel_dialog import ProfielDialog

    dsn = f"postgresql://x@{school['host']}:{school['poort']}/{school['database']}?sslmode=disable"
    window = windows(session.login_server(dsn, "Anna de Vries", WACHTWOORD))
    for maak in (lambda: GebruikersDialog(window.services, window), lambda: AuditDialog(window.services, window),
                 lambda: BewaarDialog(window.services, window), lambda: ProfielDialog(window.services, parent=window),
                 lambda: InstellingenDialog(window.services, window, settings=window.settings)):
        dialog = maak()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(200)  # what they read in the background arrives
        dialog.done(0)


def test_server_on_the_command_line_logs_in_there_whatever_is_remembered(qtbot, settings, school, monkeypatch,
                                                                         tmp_path):
    assert onthouden.laatste_server(settings) is None  # the file was used last
    script_exec(monkeypatch, LoginDialog, [log_in(qtbot, "Anna de Vries", WACHTWOORD)])
    gedaan, services = StartupFlow(tmp_path / "data", settings, server=school).server_start()
    try:
        assert gedaan and services.ctx.store.adres.database == school["database"]
        assert onthouden.laatste_server(settings)["database"] == school["database"]  # and the next start too
    finally:
        services.close()


def test_a_switch_of_store_in_instellingen_logs_off(qtbot, services, windows, monkeypatch):
    from thuiszit_desktop.ui.beheer import instellingen_dialog

    def wissel(self):
        self.opslag_tab.gewisseld.emit("klaar")
        return self.result()
    monkeypatch.setattr(instellingen_dialog.InstellingenDialog, "exec", wissel)
    window = windows(services)
    window.open_settings()
    assert window.afgemeld  # run_gui shows the login again: on the new store
