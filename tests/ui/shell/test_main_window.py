"""The main window: areas, menus, status bar, list → student page → back, and the error safety net."""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
import types
from datetime import date

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog
from thuiszit_desktop.ui.shell.main_window import SETTING_GEOMETRY, MainWindow

VANDAAG = date(2026, 11, 23)


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
    return open_window(qtbot, services, settings)


def open_window(qtbot, services, settings) -> MainWindow:
    """The window, once its first computation of signals and levels (in the background) is done."""
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    return window


@pytest.fixture
def school_window(qtbot, services, settings, tmp_path):
    """Mehmet: thuiszitter since 12-10 (level 3); Daniël: 16 uur last week (level 2); Lars: uitgeschreven
    without a new school (absoluut verzuim); verzuim imported up to 20-11-2026."""
    for leerling in (
        Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë", klas="2B"),
        Leerling("1002", "Çelik", date(2011, 1, 17), date(2023, 8, 1), voornaam="Mehmet", klas="3H"),
        Leerling("1003", "Jong", date(2013, 9, 30), date(2025, 8, 1), voornaam="Daniël", tussenvoegsel="de"),
        Leerling("1005", "Visser", date(2011, 6, 6), date(2022, 8, 1), voornaam="Lars", klas="2B",
                 uitschrijfdatum=date(2026, 10, 1)),
    ):
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)
    services.verzuim.invoeren("1002", date(2026, 10, 12), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1003", date(2026, 11, 18), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text("leerlingnummer;datum;uren;reden\n1001;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(bestand, tot=date(2026, 11, 20), vandaag=VANDAAG)
    return open_window(qtbot, services, settings)


def fake_module(monkeypatch, name: str, **attributes) -> None:
    module = types.ModuleType(f"thuiszit_desktop.ui.{name}")
    for key, value in attributes.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, module.__name__, module)


def test_the_window_shows_school_user_and_only_working_areas(window):
    assert window.windowTitle() == "Thuiszit Desktop – Het Baken"
    kalender = importlib.util.find_spec("thuiszit_desktop.ui.kalender.kalender_view") is not None
    assert window.area_titles() == (["Vandaag", "Leerlingen", "Trajecten", "Overzichten"]
                                    + (["Schoolkalender"] if kalender else []))
    assert window.stack.currentWidget() is window.dashboard  # the window opens on "Vandaag"
    assert window.user_label.text() == "Ingelogd als Anna de Vries (Zorgcoördinator)"
    menus = {a.text().replace("&", ""): [x.text().replace("&", "") for x in a.menu().actions() if x.text()]
             for a in window.menuBar().actions()}
    assert menus == {"Bestand": ["Nieuwe leerling…", "Leerlingen importeren…", "Verzuim importeren…",
                                 "Nieuw contactmoment…", "Afdrukken…", "Partners (adresboek)…", "Gebruikers…",
                                 "Auditlog…", "Verlopen gegevens opruimen…", "Mijn gegevens…", "Wachtwoord wijzigen…",
                                 "Instellingen…", "Back-up maken", "Back-up terugzetten…", "Scherm vergrendelen",
                                 "Afmelden",
                                 "Afsluiten"],
                     "Ga naar": [f"{i} {t}" for i, t in enumerate(window.area_titles(), 1)],
                     "Help": ["Uitleg bij dit scherm", "Sneltoetsen", "Over Thuiszit Desktop"]}


def test_list_to_student_page_and_back(qtbot, window):
    window.show_area("Leerlingen")
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
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):  # (an uitschrijving changes signals)
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
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
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

    fake_module(monkeypatch, "importeren.import_wizard", ImportWizard=FakeImportWizard)
    window.leerlingen.open_leerling("1001")
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):  # the new student gets a level
        window.action_import.trigger()
    assert window.leerlingen.currentWidget() is window.leerlingen.page  # the page stays, refreshed
    assert "Öztürk, Aylin" in [r.sorteernaam for r in window.leerlingen.list.visible_rows()]
    # the new student is computed too; without any verzuim yet, as "nog zonder verzuim" beside the pyramid
    o = window.dashboard.stand.overzicht
    assert "2001" in o.niveau_van() and o.zonder_verzuim() == 3
    assert window.dashboard.piramide.zonder_label.text().startswith("3 leerlingen nog zonder verzuim")


# --- Vandaag, signals and levels -------------------------------------------------------------------

def test_vandaag_shows_the_signals_and_the_list_gets_levels(school_window):
    window = school_window
    dashboard = window.dashboard
    assert dashboard.peildatum_label.text() == "Signalen op 20-11-2026 · verzuim bijgewerkt t/m 20-11-2026"
    assert [(r.naam, r.soort) for r in dashboard.regels()] == [
        ("Mehmet Çelik", SignaalSoort.MELDPLICHT_16U), ("Daniël de Jong", SignaalSoort.MELDPLICHT_16U),
        ("Mehmet Çelik", SignaalSoort.THUISZITTER), ("Lars Visser", SignaalSoort.ABSOLUUT_VERZUIM)]
    assert {n: dashboard.piramide.count(n) for n in (1, 2, 3)} == {1: 1, 2: 1, 3: 1}
    view = window.leerlingen.list  # merged from the same computation
    assert view.niveau_combo.isEnabled()
    assert [(r.sorteernaam, view.model.extra[view.model.row_of(r.leerlingnummer)].niveau)
            for r in view.visible_rows()] == [("Bakker, Zoë", 1), ("Çelik, Mehmet", 3), ("Jong, Daniël de", 2)]


def test_clicking_level_3_shows_those_students(qtbot, school_window):
    window = school_window
    window.leerlingen.list.search.setText("zoë")  # an earlier search does not hide them
    qtbot.mouseClick(window.dashboard.piramide.bands[3], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.leerlingen
    assert window.leerlingen.currentWidget() is window.leerlingen.list
    view = window.leerlingen.list
    assert view.niveau_combo.currentText() == "Niveau 3"
    assert [r.sorteernaam for r in view.visible_rows()] == ["Çelik, Mehmet"]
    assert view.search.text() == ""
    assert view.count_label.text().startswith("1 van 3 leerlingen")
    window.show_area("Vandaag")
    window.dashboard.piramide.bands[2].click()
    assert [r.sorteernaam for r in view.visible_rows()] == ["Jong, Daniël de"]


def test_a_signal_count_shows_those_students(qtbot, school_window):
    window = school_window
    window.dashboard.count_links[SignaalSoort.ABSOLUUT_VERZUIM].linkActivated.emit("#")
    view = window.leerlingen.list
    assert window.stack.currentWidget() is window.leerlingen
    assert view.signaal_combo.currentText() == "Absoluut verzuim"
    assert [r.sorteernaam for r in view.visible_rows()] == ["Visser, Lars"]  # uitgeschreven, but shown


def test_a_signal_line_opens_the_student_page(qtbot, school_window):
    window = school_window
    dashboard = window.dashboard
    dashboard.select("1003", SignaalSoort.MELDPLICHT_16U)
    dashboard.lijst.setFocus()
    qtbot.keyClick(dashboard.lijst, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.leerlingen
    assert window.leerlingen.currentWidget() is window.leerlingen.page
    assert window.leerlingen.page.name_label.text() == "Daniël de Jong"


def test_verzuim_import_refreshes_the_signals(qtbot, school_window, services, monkeypatch):
    class FakeVerzuimImportWizard(QObject):
        imported = Signal(object)

        def __init__(self, services_, parent):
            super().__init__(parent)
            self.services = services_

        def exec(self):
            self.services.verzuim.invoeren("1001", date(2026, 11, 16), date(2026, 11, 18), Reden.ONGEOORLOOFD,
                                           vandaag=VANDAAG)
            self.imported.emit(object())
            return 1

    fake_module(monkeypatch, "importeren.verzuim_import_wizard", VerzuimImportWizard=FakeVerzuimImportWizard)
    window = school_window
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.action_import_verzuim.trigger()
        assert window.dashboard.busy_bar.isVisibleTo(window)  # busy, the previous result still shown
        assert window.leerlingen.list.loading_label.isVisibleTo(window.leerlingen.list)
    assert "Zoë Bakker" in [r.naam for r in window.dashboard.regels()]
    assert not window.dashboard.busy_bar.isVisibleTo(window)
    assert window.dashboard.count_labels[SignaalSoort.MELDPLICHT_16U].text() == "3"


def test_verzuim_entered_on_the_student_page_refreshes_the_signals(qtbot, school_window, services):
    window = school_window
    page = window.leerlingen.page
    if not hasattr(page, "verzuim_changed"):
        pytest.skip("this version's student page has no verzuim")
    window.open_leerling("1001")
    services.verzuim.invoeren("1001", date(2026, 11, 16), date(2026, 11, 18), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        page.verzuim_changed.emit()
    assert "Zoë Bakker" in [r.naam for r in window.dashboard.regels()]


def test_the_empty_dashboard_offers_the_verzuim_import(qtbot, window, monkeypatch):
    opened = []

    class FakeVerzuimImportWizard(QObject):
        imported = Signal(object)

        def __init__(self, services_, parent):
            super().__init__(parent)
            opened.append(parent)

        def exec(self):
            return 0

    fake_module(monkeypatch, "importeren.verzuim_import_wizard", VerzuimImportWizard=FakeVerzuimImportWizard)
    assert window.dashboard.stack.currentIndex() == 1  # "Nog geen verzuim geïmporteerd"
    window.dashboard.empty_import_button.click()
    assert opened == [window]
    assert not window.signalen_loader.busy  # cancelled: nothing to compute again


def test_settings_that_changed_refresh_the_signals(qtbot, window, monkeypatch):
    results = [QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted]

    class FakeInstellingenDialog(QObject):
        def __init__(self, services_, parent, settings=None):
            super().__init__(parent)

        def exec(self):
            return results.pop(0)

    fake_module(monkeypatch, "beheer.instellingen_dialog", InstellingenDialog=FakeInstellingenDialog)
    window.action_settings.trigger()
    assert not window.signalen_loader.busy
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.action_settings.trigger()
    assert results == []


def test_missing_screens_say_so(qtbot, window, monkeypatch):
    messages = []
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: messages.append(text))
    monkeypatch.setitem(sys.modules, "thuiszit_desktop.ui.importeren.verzuim_import_wizard", None)  # ImportError
    monkeypatch.setitem(sys.modules, "thuiszit_desktop.ui.beheer.instellingen_dialog", None)
    window.action_import_verzuim.trigger()
    window.action_settings.trigger()
    assert messages == ["Verzuim importeren is in deze versie nog niet beschikbaar.",
                        "Instellingen zijn in deze versie nog niet beschikbaar."]


def test_ctrl_f_from_vandaag_goes_to_the_search_field(qtbot, window):
    with qtbot.waitActive(window):
        window.activateWindow()
    window.dashboard.lijst.setFocus()
    qtbot.keyClick(window.dashboard.lijst, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.leerlingen
    assert window.leerlingen.list.search.hasFocus()


def test_closing_saves_the_geometry_and_closes_the_database(qtbot, window, settings, db_path):
    window.resize(800, 520)  # (the offscreen screen is 800×600)
    window.close()
    assert settings.value(SETTING_GEOMETRY) is not None
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)  # the lock is free again
    second = MainWindow(again, settings=settings)
    qtbot.addWidget(second)
    try:
        assert second.size().toTuple() == (800, 520)
    finally:
        second.close()  # waits for its background computation, then closes the database
    assert not second.signalen_loader.busy or second.signalen_loader.wait(0)


def test_a_mentor_cannot_edit(qtbot, services, settings, monkeypatch):
    from dataclasses import replace

    from thuiszit_desktop.domain.gebruiker import Rol

    monkeypatch.setattr(services.ctx, "gebruiker", replace(services.gebruiker, rol=Rol.MENTOR))
    window = open_window(qtbot, services, settings)
    assert not window.action_new.isEnabled()
    assert not window.action_import.isEnabled()
    assert not window.action_import_verzuim.isEnabled()
    assert not window.action_settings.isEnabled()
    assert not window.dashboard.empty_import_button.isEnabled()
    assert not window.leerlingen.page.edit_button.isEnabled()
    assert window.leerlingen.page.edit_button.isHidden()  # not a grey button that never works
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


# --- the praktijkkaart: traject and timeline tabs, the Trajecten area, the quick contactmoment ----------------

def test_the_student_page_has_traject_and_tijdlijn_tabs(qtbot, window, services):
    from thuiszit_desktop.domain.traject import Categorie

    services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel ziek", geopend=VANDAAG, vandaag=VANDAAG)
    window.open_leerling("1001")
    page = window.leerlingen.page
    assert page.tab_titles() == ["Verzuim en signalen", "Gegevens en ouders", "Traject", "Tijdlijn"]
    assert page.traject.leerlingnummer == "1001"
    assert page.traject.traject is not None and page.traject.traject.aanleiding == "Veel ziek"
    assert page.tijdlijn.leerlingnummer == "1001"
    assert any(g.referentie.startswith("traject:") for g in page.tijdlijn.getoond)

    # Another student: both tabs follow (Mehmet has no traject).
    window.leerlingen.show_list()
    window.open_leerling("1002")
    assert page.traject.leerlingnummer == "1002" and page.traject.traject is None
    assert page.tijdlijn.leerlingnummer == "1002"
    assert not any(g.referentie.startswith("traject:") for g in page.tijdlijn.getoond)


def test_a_timeline_line_opens_on_the_traject_tab(qtbot, window, services):
    from thuiszit_desktop.domain.traject import Categorie

    t = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel ziek", geopend=VANDAAG,
                                  vandaag=VANDAAG)
    window.open_leerling("1001")
    page = window.leerlingen.page
    page.show_tab("Tijdlijn")
    page.tijdlijn.referentie_activated.emit(f"traject:{t.id}")
    assert page.tabs.currentWidget() is page.traject
    assert page.traject.traject.id == t.id


def test_a_traject_change_refreshes_the_timeline_and_the_signals(qtbot, window, services):
    from thuiszit_desktop.domain.traject import Categorie

    window.open_leerling("1001")
    page = window.leerlingen.page
    assert not any(g.referentie.startswith("traject:") for g in page.tijdlijn.getoond)
    services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel ziek", geopend=VANDAAG, vandaag=VANDAAG)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        page.traject.changed.emit()  # as after any write in the traject tab
    assert any(g.referentie.startswith("traject:") for g in page.tijdlijn.getoond)


def test_the_trajecten_area_opens_a_student_on_the_traject_tab(qtbot, window, services):
    from thuiszit_desktop.domain.traject import Categorie

    window.show_area("Trajecten")
    assert window.trajecten.rows() == []
    services.trajecten.openen("1002", Categorie.DREIGEND_THUISZITTER, "Lang afwezig", geopend=VANDAAG,
                              vandaag=VANDAAG)
    window.show_area("Vandaag")
    window.show_area("Trajecten")  # refreshed when shown
    assert [r.leerlingnummer for r in window.trajecten.rows()] == ["1002"]
    assert window.trajecten.select("1002")
    qtbot.keyClick(window.trajecten.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.leerlingen
    page = window.leerlingen.page
    assert window.leerlingen.currentWidget() is page
    assert page.leerling.leerlingnummer == "1002"
    assert page.tabs.currentWidget() is page.traject


def test_partners_from_the_file_menu(qtbot, window, monkeypatch):
    from thuiszit_desktop.ui.traject.partners_dialog import PartnersDialog

    opened = []
    monkeypatch.setattr(PartnersDialog, "exec", lambda self: opened.append(self) or 0)
    window.action_partners.trigger()
    assert len(opened) == 1


def _fake_contactmoment(services, samenvatting: str, calls: list):
    """Replaces the dialog: saves as the user would by filling in the three fields."""
    from thuiszit_desktop.domain.traject import GesprekType

    def vastleggen(_services, leerlingnummer, _parent):
        calls.append(leerlingnummer)
        services.gesprekken.contactmoment(leerlingnummer, GesprekType.TELEFONISCH, samenvatting)
        return True
    return vastleggen


def test_contactmoment_from_the_page_shows_in_the_timeline(qtbot, window, services, monkeypatch):
    from thuiszit_desktop.ui.leerlingen import leerling_page

    calls: list[str] = []
    monkeypatch.setattr(leerling_page, "contactmoment_vastleggen",
                        _fake_contactmoment(services, "Moeder gebeld over de afwezigheid", calls))
    window.open_leerling("1001")
    page = window.leerlingen.page
    page.show_tab("Tijdlijn")
    before = len(page.tijdlijn.getoond)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        qtbot.mouseClick(page.contact_button, Qt.MouseButton.LeftButton)
    assert calls == ["1001"]
    assert len(page.tijdlijn.getoond) == before + 1
    assert any(g.referentie.startswith("gesprek:") for g in page.tijdlijn.getoond)


def test_ctrl_shift_n_and_the_list_open_the_contactmoment(qtbot, window, services, monkeypatch):
    from thuiszit_desktop.ui.leerlingen import leerling_kiezer, leerling_page, leerlingen_area

    calls: list[str] = []
    fake = _fake_contactmoment(services, "Gesprek met Zoë in de pauze", calls)
    monkeypatch.setattr(leerling_page, "contactmoment_vastleggen", fake)
    monkeypatch.setattr(leerlingen_area, "contactmoment_vastleggen", fake)
    assert window.action_contactmoment.shortcut().toString() == "Ctrl+N"
    assert window.action_new.shortcut().toString() == "Ctrl+Shift+N"

    # Nobody chosen yet: a quick search asks who; cancelled, nothing happens.
    asked: list[str] = []
    monkeypatch.setattr(leerling_kiezer, "kies_leerling", lambda _s, _p, titel: asked.append(titel))
    window.action_contactmoment.trigger()
    assert calls == [] and asked == ["Contactmoment: welke leerling?"]

    # In the list: the button and the context menu are for the selected student.
    window.show_area("Leerlingen")
    view = window.leerlingen.list
    assert not view.contact_button.isEnabled()
    assert view.select("1002")
    assert view.contact_button.isEnabled()
    view.contact_button.click()
    assert calls == ["1002"]
    menu = view.context_menu_for(view.table.currentIndex())
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["Leerling openen", "Contactmoment…"]
    actions["Contactmoment…"].trigger()
    assert calls == ["1002", "1002"]
    window.action_contactmoment.trigger()
    assert calls == ["1002", "1002", "1002"]

    # On the page: the student shown, and the timeline follows.
    window.open_leerling("1001")
    page = window.leerlingen.page
    window.action_contactmoment.trigger()
    assert calls[-1] == "1001"
    assert any(g.referentie.startswith("gesprek:") for g in page.tijdlijn.getoond)


def test_overdue_reminders_at_start_are_a_status_bar_notice(qtbot, services, settings):
    from datetime import timedelta

    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoe"),
                                vandaag=VANDAAG)
    today = date.today()
    for wat in ("Ouders bellen", "Verslag naar de jeugdarts"):
        services.actiepunten.actiepunt_toevoegen("1001", wat, "Anna de Vries", today - timedelta(days=2),
                                               datum=today - timedelta(days=9), vandaag=today - timedelta(days=9))
    window = open_window(qtbot, services, settings)
    assert window.statusBar().currentMessage() == "2 herinneringen over tijd – zie Vandaag"
    assert [h.tekst.startswith("Actiepunt") or h.te_laat for h in window.dashboard.herinneringen()] == [True, True]


def test_nothing_of_a_computation_arrives_after_closing(qtbot, services, settings):
    """Closing waits for a running computation of the signals, but its outcome is queued for the GUI thread:
    delivered after the database closed, it started keeping the list's rows on a closed database (the smoke
    test crashed in that background job). Closing forgets it, so nothing of it arrives."""
    window = open_window(qtbot, services, settings)
    aangekomen = []
    window.signalen_loader.loaded.connect(aangekomen.append)
    window.signalen_loader.start()  # a new computation, as after a change
    window.close_services()
    qtbot.wait(300)
    assert aangekomen == []
    assert not window.lijst_bewaren.busy
