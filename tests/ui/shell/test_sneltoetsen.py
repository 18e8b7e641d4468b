"""Keyboard: the shortcuts do what they say, the "Sneltoetsen" screen lists exactly the real ones, F1
explains the screen, Ctrl+P prints what is on screen, Ctrl+N asks who when nobody is chosen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.uitleg import SCHERM_UITLEG
from thuiszit_desktop.ui.common import ongedaan_bar
from thuiszit_desktop.ui.leerlingen.leerling_kiezer import LeerlingKiezer
from thuiszit_desktop.ui.shell import help_dialog
from thuiszit_desktop.ui.shell.help_dialog import SneltoetsenDialog, UitlegDialog, sneltoetsen
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def window(qtbot, services, settings):
    for leerling in (Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë", klas="2B"),
                     Leerling("1002", "Çelik", date(2011, 1, 17), date(2023, 8, 1), voornaam="Mehmet", klas="3H")):
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def keys(window) -> dict[str, str]:
    return dict(sneltoetsen(window))


def test_the_agreed_shortcuts(window):
    k = keys(window)
    assert k["Ctrl+N"] == "Nieuw contactmoment"
    assert k["Ctrl+Shift+N"] == "Nieuwe leerling"
    assert k["Ctrl+F"] == "Leerling zoeken"
    assert k["Ctrl+P"].startswith("Afdrukken")
    assert k["Ctrl+L"] == "Scherm vergrendelen"
    assert k["F1"] == "Uitleg bij dit scherm"
    for i, title in enumerate(window.area_titles()[:9], 1):
        assert k[f"Ctrl+{i}"] == f"Naar {title}"


def test_no_two_actions_share_a_shortcut(window):
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString()
            assert key not in seen, f"{key}: {seen.get(key)} and {action.text()}"
            seen[key] = action.text()


def test_the_help_screen_lists_exactly_the_real_shortcuts(qtbot, window, monkeypatch):
    shown: list[SneltoetsenDialog] = []
    monkeypatch.setattr(SneltoetsenDialog, "exec", lambda self: shown.append(self) or 0)
    window.action_sneltoetsen.trigger()
    (dialog,) = shown
    qtbot.addWidget(dialog)
    rows = [(dialog.tabel.item(r, 0).text(), dialog.tabel.item(r, 1).text()) for r in range(dialog.tabel.rowCount())]
    expected = {a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                for a in window.findChildren(QAction) if not a.shortcut().isEmpty()}
    expected.add(QKeySequence(ongedaan_bar.SNELTOETS).toString(QKeySequence.SequenceFormat.NativeText))
    assert {toets for toets, _ in rows} == expected
    assert ("Ctrl+L", "Scherm vergrendelen") in rows
    # Ctrl+Z works only after a delete (on the undo bar), but belongs in the list too
    assert ("Ctrl+Z", "Verwijderen ongedaan maken (zolang 'Ongedaan maken' onderin staat)") in rows
    # A new action shows up without anyone editing the help screen.
    extra = QAction("&Proefactie…", window)
    extra.setShortcut("Ctrl+Alt+T")
    assert ("Ctrl+Alt+T", "Proefactie") in sneltoetsen(window)


def test_ctrl_digit_jumps_to_the_areas(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.leerlingen
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard


def test_f1_explains_the_current_screen(qtbot, window, monkeypatch):
    shown: list[UitlegDialog] = []
    monkeypatch.setattr(UitlegDialog, "exec", lambda self: shown.append(self) or 0)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    window.show_area("Leerlingen")
    window.action_uitleg.trigger()
    assert [d.tekst.text() for d in shown] == [SCHERM_UITLEG["Vandaag"], SCHERM_UITLEG["Leerlingen"]]
    assert shown[1].windowTitle() == "Uitleg – Leerlingen"
    assert help_dialog.scherm_uitleg("Overzichten")  # every area has at least the general text
    # on a student's page, the Traject tab has its own explanation (the praktijkkaart), not the list's
    window.open_leerling("1001", "Traject")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert shown[-1].windowTitle() == "Uitleg – Traject" and shown[-1].tekst.text() == SCHERM_UITLEG["Traject"]
    assert "praktijkkaart" in shown[-1].tekst.text()
    window.leerlingen.page.show_tab("Verzuim en signalen")
    window.action_uitleg.trigger()
    assert shown[-1].tekst.text() == SCHERM_UITLEG["Leerlingen"]


def test_ctrl_p_prints_what_is_on_screen(qtbot, window, monkeypatch):
    printed: list[str] = []
    monkeypatch.setattr(TrajectView, "dossier_afdrukken", lambda self: printed.append(self.leerlingnummer))
    assert not window.action_print.isEnabled()  # Vandaag: nothing to print
    assert "Open een leerling" in window.action_print.statusTip()
    window.open_leerling("1001")
    assert window.action_print.isEnabled() and window.action_print.text() == "Dossier af&drukken…"
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == ["1001"]
    window.leerlingen.show_list()
    assert not window.action_print.isEnabled()


def test_ctrl_n_without_a_student_asks_who_with_a_quick_search(qtbot, window, services, monkeypatch):
    from thuiszit_desktop.ui.shell import main_window as main_window_module

    gekozen: list[str] = []
    monkeypatch.setattr(main_window_module.LeerlingenArea, "contactmoment",
                        lambda self, nummer: gekozen.append(nummer) or True)

    def kies(services, parent, titel):
        dialog = LeerlingKiezer(services, titel, parent)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.zoek, "meh")
        assert [t.split(" (")[0] for t in dialog.getoond()] == ["Mehmet Çelik"]
        qtbot.keyClick(dialog.zoek, Qt.Key.Key_Return)
        return dialog.gekozen

    monkeypatch.setattr("thuiszit_desktop.ui.leerlingen.leerling_kiezer.kies_leerling", kies)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert gekozen == ["1002"]


def test_ctrl_p_on_an_area_that_prints_itself(qtbot, window):
    from PySide6.QtWidgets import QTabWidget, QWidget

    printed: list[str] = []

    class Lijst(QWidget):
        def afdrukken(self):
            printed.append("lijst")

    area = QTabWidget()
    area.addTab(QWidget(), "Zonder afdrukken")
    area.addTab(Lijst(), "Lijst")
    window.add_area("Proef", area)
    window.show_area("Proef")
    window._update_print_action()
    assert not window.action_print.isEnabled()
    area.setCurrentIndex(1)
    window._update_print_action()
    assert window.action_print.isEnabled() and window.action_print.text() == "Af&drukken…"
    window.action_print.trigger()
    assert printed == ["lijst"]


def test_ctrl_p_on_trajecten_prints_the_open_trajecten_as_the_lijstbespreking(qtbot, window, services,
                                                                             monkeypatch):
    from thuiszit_desktop.domain.traject import Categorie
    from thuiszit_desktop.ui.common import pdf_preview

    services.trajecten.openen("1001", Categorie.THUISZITTER, "Sinds de herfstvakantie thuis.", geopend=VANDAAG,
                              vandaag=VANDAAG)
    geprint: list[tuple[str, bytes]] = []

    class Voorbeeld:
        def __init__(self, parent, titel, maak_pdf, bestandsnaam, **_kw):
            geprint.append((titel, maak_pdf()))

        def exec(self):
            return 0

    monkeypatch.setattr(pdf_preview, "PdfPreviewDialog", Voorbeeld)
    window.show_area("Trajecten")
    window._update_print_action()
    assert window.action_print.isEnabled()
    window.action_print.trigger()
    [(titel, pdf)] = geprint
    tekst = pdf_tekst(pdf)
    assert titel == "Lijstbespreking" and "Zoë" in tekst and "Mehmet" not in tekst
