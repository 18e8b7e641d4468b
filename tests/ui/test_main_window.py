"""The main window: areas, menus, status bar, list → student page → back, and the error safety net."""

from __future__ import annotations

import logging
import sys
import threading
import types
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication

from conftest import WACHTWOORD
from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.services import session
from thuiszit_desktop.ui import errors
from thuiszit_desktop.ui.leerling_dialog import LeerlingDialog
from thuiszit_desktop.ui.main_window import SETTING_GEOMETRY, MainWindow

VANDAAG = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    monkeypatch.setattr(errors, "ask", lambda *args, **kw: True)
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: pytest.fail(f"message box: {text}"))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, services, settings):
    for leerling in (
        Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë", klas="2B",
                 mentor="Daniël de Jong", bsn="111222333",
                 ouders=(Ouder("Mirjam Bakker", Relatie.MOEDER, "06-12345678", "mirjam@example.nl"),),
                 vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2026, 9, 1), date(2027, 7, 31)),)),
        Leerling("1002", "Çelik", date(2011, 1, 17), date(2023, 8, 1), voornaam="Mehmet", klas="3H"),
    ):
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_shows_school_user_and_only_working_areas(window):
    assert window.windowTitle() == "Thuiszit Desktop – Het Baken"
    assert window.area_titles() == ["Leerlingen"]
    assert window.stack.currentWidget() is window.leerlingen
    assert window.user_label.text() == "Ingelogd als Anna de Vries (Zorgcoördinator)"
    menus = {a.text().replace("&", ""): [x.text().replace("&", "") for x in a.menu().actions() if x.text()]
             for a in window.menuBar().actions()}
    assert menus == {"Bestand": ["Nieuwe leerling…", "Leerlingen importeren…", "Afsluiten"],
                     "Help": ["Over Thuiszit Desktop"]}


def test_list_to_student_page_and_back(qtbot, window):
    area = window.leerlingen
    assert [r.sorteernaam for r in area.list.visible_rows()] == ["Bakker, Zoë", "Çelik, Mehmet"]
    area.list.select("1001")
    qtbot.keyClick(area.list.table, Qt.Key.Key_Return)
    assert area.currentWidget() is area.page
    page = area.page
    assert page.name_label.text() == "Zoë Bakker"
    assert "Klas 2B" in page.subtitle.text() and "1001" in page.subtitle.text()
    assert page.bsn_value.text() == "••••••333"
    page.toggle_numbers()
    assert page.bsn_value.text() == "111222333"
    assert page.plicht_label.text().startswith("Leerplichtig tot en met 31-07-2028; vrijstelling 5a")
    assert "Mirjam Bakker (moeder)" in [w.text() for w in page.ouders.findChildren(type(page.subtitle))]
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert area.currentWidget() is area.list
    assert area.list.current_leerlingnummer() == "1001"


def test_edit_from_the_page_updates_page_and_list(qtbot, window, monkeypatch):
    area = window.leerlingen
    area.open_leerling("1002")

    def fake_exec(dialog: LeerlingDialog):
        dialog.klas.setCurrentText("4H")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(LeerlingDialog, "exec", fake_exec)
    area.page.edit_button.click()
    assert "Klas 4H" in area.page.subtitle.text()
    assert [r.klas for r in area.list.visible_rows() if r.leerlingnummer == "1002"] == ["4H"]


def test_a_new_student_opens_their_page(qtbot, window, monkeypatch):
    def fake_exec(dialog: LeerlingDialog):
        dialog.leerlingnummer.setText("1003")
        dialog.voornaam.setText("Daniël")
        dialog.tussenvoegsel.setText("de")
        dialog.achternaam.setText("Jong")
        dialog.geboortedatum.set_value(date(2013, 9, 30))
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(LeerlingDialog, "exec", fake_exec)
    window.action_new.trigger()
    assert window.leerlingen.currentWidget() is window.leerlingen.page
    assert window.leerlingen.page.name_label.text() == "Daniël de Jong"
    assert len(window.leerlingen.list.visible_rows()) == 3


def test_import_refreshes_the_list(qtbot, window, services, monkeypatch):
    class FakeImportWizard(QObject):
        imported = Signal(object)

        def __init__(self, services_, parent):
            super().__init__(parent)
            self.services = services_

        def exec(self):
            self.services.leerlingen.opslaan(
                Leerling("2001", "Öztürk", date(2012, 4, 4), date(2024, 8, 1), voornaam="Aylin"), vandaag=VANDAAG)
            self.imported.emit(1)
            return 1

    fake = types.ModuleType("thuiszit_desktop.ui.import_wizard")
    fake.ImportWizard = FakeImportWizard
    monkeypatch.setitem(sys.modules, "thuiszit_desktop.ui.import_wizard", fake)
    window.leerlingen.open_leerling("1001")
    window.action_import.trigger()
    assert window.leerlingen.currentWidget() is window.leerlingen.page  # the page stays, refreshed
    assert "Öztürk, Aylin" in [r.sorteernaam for r in window.leerlingen.list.visible_rows()]


def test_closing_saves_the_geometry_and_closes_the_database(qtbot, window, settings, db_path):
    window.resize(800, 520)  # (the offscreen screen is 800×600)
    window.close()
    assert settings.value(SETTING_GEOMETRY) is not None
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)  # the lock is free again
    try:
        second = MainWindow(again, settings=settings)
        qtbot.addWidget(second)
        assert second.size().toTuple() == (800, 520)
    finally:
        again.close()


def test_a_mentor_cannot_edit(qtbot, services, settings, monkeypatch):
    from dataclasses import replace

    from thuiszit_desktop.domain.gebruiker import Rol

    monkeypatch.setattr(services.ctx, "gebruiker", replace(services.gebruiker, rol=Rol.MENTOR))
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    assert not window.action_new.isEnabled()
    assert not window.action_import.isEnabled()
    assert not window.leerlingen.page.edit_button.isEnabled()
    assert window.user_label.text() == "Ingelogd als Anna de Vries (Mentor)"


# --- the safety net ------------------------------------------------------------------------------

def test_a_bug_is_logged_without_its_message_and_shown(monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: shown.append(details))
    try:
        raise KeyError("Zoë Bakker")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            errors.handle_exception(type(exc), exc, exc.__traceback__)
    assert "KeyError" in shown[0] and "Zoë Bakker" in shown[0]  # on screen, for the user to copy
    assert "builtins.KeyError" in caplog.text
    assert "test_main_window.py" in caplog.text
    assert "Zoë" not in caplog.text  # never in the log


def test_a_user_error_is_a_plain_message(monkeypatch):
    messages = []
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: messages.append(text))
    monkeypatch.setattr(errors, "show_crash", lambda *a: pytest.fail("not a crash"))
    exc = InvoerFout({"bsn": "Dit BSN klopt niet.", "achternaam": "Vul de achternaam in."})
    errors.handle_exception(InvoerFout, exc, None)
    assert messages == ["Dit BSN klopt niet.\nVul de achternaam in."]


def test_an_error_in_a_thread_reaches_the_gui_thread(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: shown.append(details))
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    errors.install_excepthook()
    try:
        def boom():
            raise RuntimeError("in a worker")

        thread = threading.Thread(target=boom)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    assert "RuntimeError: in a worker" in shown[0]


def test_the_error_dialog_copies_its_details(qtbot):
    dialog = errors.ErrorDialog("Traceback (most recent call last):\nValueError: kapot")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.details.isReadOnly()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.details.toPlainText()
    assert dialog.copy_button.text() == "Gekopieerd"
