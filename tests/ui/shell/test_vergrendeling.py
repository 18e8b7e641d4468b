"""The screen lock: Ctrl+L and idle time hide every student's data, also in open dialogs; the password
unlocks; wrong passwords slow down; Afmelden closes the session."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.errors import InlogFout, InvoerFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog
from thuiszit_desktop.ui.shell.main_window import MainWindow

VANDAAG = date(2026, 11, 23)
NAAM = "Zoë"


def closes(dialog):
    """Run the body inside `dialog.exec()` and always end the dialog: a failing assertion in it must fail
    the test, not leave exec() waiting for ever."""
    def wrap(body):
        def run():
            try:
                body()
            finally:
                dialog.reject()  # harmless when the body already ended it
        return run
    return wrap


@pytest.fixture
def window(qtbot, services, settings):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam=NAAM,
                                         klas="2B"), vandaag=VANDAAG)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    qtbot.waitExposed(window)
    return window


def visible_names() -> list[str]:
    """Every visible label or field in the application that shows the student's name."""
    found = []
    for w in QApplication.allWidgets():
        text = w.text() if isinstance(w, QLabel | QLineEdit) else ""
        if NAAM in text and w.isVisible():
            found.append(text)
    return found


def test_service_checks_the_password_of_the_user_logged_in(services):
    services.vergrendeling.controleer_wachtwoord(WACHTWOORD)
    with pytest.raises(InlogFout):
        services.vergrendeling.controleer_wachtwoord("fout-wachtwoord")


def test_idle_minutes_setting(services):
    assert services.vergrendeling.minuten() == 10  # the default
    services.vergrendeling.minuten_opslaan(0)
    assert services.vergrendeling.minuten() == 0
    with pytest.raises(InvoerFout):
        services.vergrendeling.minuten_opslaan(-5)
    assert services.vergrendeling.minuten() == 0


def test_ctrl_l_hides_students_also_in_an_open_dialog_and_the_password_unlocks(qtbot, window, services):
    window.open_leerling("1001")
    assert visible_names()
    assert window.action_lock.shortcut().toString() == "Ctrl+L"
    dialog = LeerlingDialog(services, window.leerlingen.page.leerling, window)
    result: list[int] = []

    @closes(dialog)
    def lock_while_the_dialog_runs():
        qtbot.waitExposed(dialog)
        assert visible_names()
        window.action_lock.trigger()
        lock = window.vergrendeling.scherm
        assert lock is not None and lock.isVisible()
        assert visible_names() == []  # nothing, in the window or in the open dialog
        assert NAAM not in dialog.windowTitle()
        assert lock.naam.text() == "Anna de Vries"
        assert not window.menuBar().isVisible()
        # The lock screen cannot be escaped.
        qtbot.keyClick(lock, Qt.Key.Key_Escape)
        assert window.vergrendeling.is_vergrendeld
        lock.wachtwoord.setText(WACHTWOORD)
        qtbot.keyClick(lock.wachtwoord, Qt.Key.Key_Return)
        assert not window.vergrendeling.is_vergrendeld
        assert dialog.isVisible()  # the dialog was not closed: nothing typed is lost
        assert visible_names()
        result.append(1)

    QTimer.singleShot(0, lock_while_the_dialog_runs)
    dialog.exec()
    assert result == [1]
    assert window.menuBar().isVisible()
    assert visible_names()


def test_wrong_passwords_slow_down_with_a_countdown(qtbot, window):
    window.vergrendeling.vergrendel()
    lock = window.vergrendeling.scherm
    for _ in range(2):
        lock.wachtwoord.setText("geraden")
        lock.ontgrendel_knop.click()
        assert "klopt niet" in lock.melding.text()
        assert lock.wachtwoord.isEnabled()
    lock.wachtwoord.setText("geraden")
    lock.ontgrendel_knop.click()
    assert not lock.wachtwoord.isEnabled() and not lock.ontgrendel_knop.isEnabled()
    assert "over 2 seconden" in lock.melding.text()
    assert lock.wachttijd.timer.isActive()
    lock.wachttijd.tik()
    assert "over 1 seconde " in lock.melding.text()
    lock.ontgrendel()  # too early: ignored
    assert window.vergrendeling.is_vergrendeld
    lock.wachttijd.tik()
    assert lock.wachtwoord.isEnabled() and not lock.wachttijd.timer.isActive()
    lock.wachtwoord.setText("nog-eens-fout")
    lock.ontgrendel_knop.click()
    assert "over 4 seconden" in lock.melding.text()
    for _ in range(4):
        lock.wachttijd.tik()
    lock.wachtwoord.setText(WACHTWOORD)
    lock.ontgrendel_knop.click()
    assert not window.vergrendeling.is_vergrendeld


def test_idle_time_locks_and_input_resets_the_timer(qtbot, window):
    vergrendeling = window.vergrendeling
    assert vergrendeling.minuten == 10 and vergrendeling.timer.interval() == 600_000
    assert vergrendeling.timer.isActive()
    vergrendeling.set_minuten(0)  # never
    assert not vergrendeling.timer.isActive()
    vergrendeling.timer.setInterval(50)  # stand-in for minutes
    vergrendeling.minuten = 1
    # Input as the platform delivers it – to the window, which hands it to the focused field – (re)starts the
    # timer; each kind on its own (the lock watches the window's input, not every event of the application).
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    for invoer in (lambda: QTest.keyClick(window.windowHandle(), Qt.Key.Key_A),
                   lambda: QTest.mouseMove(window.windowHandle(), QPoint(300, 200)),
                   lambda: QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(310, 210))):
        vergrendeling.timer.stop()
        invoer()
        assert vergrendeling.timer.isActive()
    with qtbot.waitSignal(vergrendeling.vergrendeld, timeout=5_000):
        pass
    assert vergrendeling.is_vergrendeld and visible_names() == []
    vergrendeling.scherm.wachtwoord.setText(WACHTWOORD)
    vergrendeling.scherm.ontgrendel()
    assert not vergrendeling.is_vergrendeld


def test_afmelden_ends_open_dialogs_and_closes_the_session(qtbot, window, services, monkeypatch):
    monkeypatch.setattr(errors, "ask", lambda *args, **kw: True)
    dialog = LeerlingDialog(services, None, window)

    @closes(dialog)
    def lock_and_sign_off():
        qtbot.waitExposed(dialog)
        window.vergrendeling.vergrendel()
        window.vergrendeling.scherm.afmelden_knop.click()

    QTimer.singleShot(0, lock_and_sign_off)
    assert dialog.exec() == 0  # ended, not saved
    assert window.afgemeld
    assert not window.isVisible()
    assert window.services.ctx.store.closed
    assert not window.vergrendeling.timer.isActive()


def test_idle_minutes_in_the_settings_dialog(qtbot, window, services, monkeypatch):
    from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog

    dialog = InstellingenDialog(services, window)
    qtbot.addWidget(dialog)
    assert dialog.vergrendelen.value() == 10
    dialog.vergrendelen.setValue(0)
    assert dialog.vergrendelen.text() == "nooit"
    assert dialog.has_changes()
    assert dialog.save()
    assert services.vergrendeling.minuten() == 0

    # The main window follows the setting after the dialog.
    class Accepting(InstellingenDialog):
        def exec(self):
            self.vergrendelen.setValue(5)
            self.save()
            return self.result()

    monkeypatch.setattr("thuiszit_desktop.ui.beheer.instellingen_dialog.InstellingenDialog", Accepting)
    window.open_settings()
    assert window.vergrendeling.minuten == 5 and window.vergrendeling.timer.isActive()


def test_ctrl_l_also_locks_from_inside_a_dialog(qtbot, window, services):
    dialog = LeerlingDialog(services, None, window)
    result: list[bool] = []

    @closes(dialog)
    def press_ctrl_l():
        qtbot.waitExposed(dialog)
        # The key as the platform delivers it: to the dialog's window, which hands it to the focused field.
        qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
        assert dialog.focusWidget() is dialog.leerlingnummer
        QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        result.append(window.vergrendeling.is_vergrendeld)
        window.vergrendeling.scherm.wachtwoord.setText(WACHTWOORD)
        window.vergrendeling.scherm.ontgrendel()

    QTimer.singleShot(0, press_ctrl_l)
    dialog.exec()
    assert result == [True]
    assert dialog.leerlingnummer.text() == ""  # the key was the lock's, not typed into the field


def test_a_window_that_opens_while_locked_shows_nothing(qtbot, window):
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    window.vergrendeling.vergrendel()
    melding = QDialog(window)
    QVBoxLayout(melding).addWidget(QLabel(f"Import klaar: {NAAM} Bakker"))
    qtbot.addWidget(melding)
    melding.show()
    assert visible_names() == []
    window.vergrendeling.scherm.wachtwoord.setText(WACHTWOORD)
    window.vergrendeling.scherm.ontgrendel()
    assert visible_names() == [f"Import klaar: {NAAM} Bakker"]
