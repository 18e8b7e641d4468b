"""Built when first shown: the areas of the main window, a student's Traject and Tijdlijn tabs, the signals
run after the first paint. What is built late must show what is true then, not what was true at start."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen.leerling_page import TAB_TIJDLIJN, TAB_TRAJECT, TAB_VERZUIM
from thuiszit_desktop.ui.shell import startup
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.traject.traject_view import TrajectView
from thuiszit_desktop.ui.traject.trajecten_view import TrajectenView

TIMEOUT = 20_000


def leerling(nr: str, voornaam: str, achternaam: str) -> Leerling:
    return Leerling(nr, achternaam, date(2012, 5, 3), date(2024, 8, 1), voornaam=voornaam, klas="2B")


def open_window(qtbot, services, settings) -> MainWindow:
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=TIMEOUT):
        window.show()
    return window


def test_the_window_opens_with_only_vandaag_built(qtbot, services, settings):
    window = open_window(qtbot, services, settings)
    assert window.current_area_title() == "Vandaag"
    assert window._built("Vandaag") is window.stack.currentWidget()
    assert [t for t in ("Leerlingen", "Trajecten", "Overzichten", "Schoolkalender") if window._built(t)] == []


def test_the_signals_start_after_the_first_paint(qtbot, services, settings):
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    loader = window.signalen_loader
    assert loader.busy and loader.gepland and not loader._loader.busy  # asked for, not yet running
    with qtbot.waitSignal(loader.loaded, timeout=TIMEOUT):
        window.show()
    assert window._geschilderd and loader.stand is not None and not loader.busy


def test_an_area_built_late_shows_what_is_there_then(qtbot, services, settings):
    services.leerlingen.opslaan(leerling("1001", "Zoë", "Bakker"))
    window = open_window(qtbot, services, settings)
    # After the window opened: a new student, and a traject for the first one.
    services.leerlingen.opslaan(leerling("1002", "Mehmet", "Çelik"))
    services.trajecten.openen("1001", "dreigend_thuiszitter", "Veel ziek gemeld sinds de herfstvakantie")

    window.show_area("Leerlingen")
    view = window.leerlingen.list
    assert window.stack.currentWidget() is window.leerlingen
    assert sorted(r.leerlingnummer for r in view.model.rows()) == ["1001", "1002"]
    assert view.model.has_signalen  # the levels computed before the list was built are in it

    window.show_area("Trajecten")
    assert window.stack.currentWidget() is window.trajecten
    assert [r.rij.leerlingnummer for r in window.trajecten.model.rijen] == ["1001"]


def test_trajecten_reads_once_when_first_shown_and_again_each_time_after(qtbot, services, settings, monkeypatch):
    services.leerlingen.opslaan(leerling("1001", "Zoë", "Bakker"))
    services.leerlingen.opslaan(leerling("1002", "Mehmet", "Çelik"))
    services.trajecten.openen("1001", "dreigend_thuiszitter", "Veel ziek gemeld sinds de herfstvakantie")
    window = open_window(qtbot, services, settings)
    gelezen: list[int] = []
    echte = TrajectenView.refresh
    monkeypatch.setattr(TrajectenView, "refresh", lambda self: (gelezen.append(1), echte(self))[1])
    window.show_area("Trajecten")
    qtbot.waitUntil(lambda: len(gelezen) == 1)  # built for this showing: read after its first paint (issue 16)
    qtbot.wait(50)
    assert len(gelezen) == 1  # once, not again by the showing
    assert [r.rij.leerlingnummer for r in window.trajecten.model.rijen] == ["1001"]
    window.show_area("Vandaag")
    services.trajecten.openen("1002", "dreigend_thuiszitter", "Al drie weken thuis")  # meanwhile, elsewhere
    window.show_area("Trajecten")
    assert len(gelezen) == 2
    assert sorted(r.rij.leerlingnummer for r in window.trajecten.model.rijen) == ["1001", "1002"]


def test_a_student_page_reads_the_other_tabs_when_they_are_shown(qtbot, services, settings, monkeypatch):
    for nr, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(leerling(nr, voornaam, achternaam))
    services.trajecten.openen("1001", "dreigend_thuiszitter", "Veel ziek gemeld sinds de herfstvakantie")
    window = open_window(qtbot, services, settings)
    gelezen: list[str] = []
    origineel = TrajectView.show_leerling
    monkeypatch.setattr(TrajectView, "show_leerling",
                        lambda self, nr: (gelezen.append(nr), origineel(self, nr))[1])

    window.open_leerling("1001", TAB_VERZUIM)
    page = window.leerlingen.page
    assert page.tabs.tabText(page.tabs.currentIndex()) == TAB_VERZUIM
    assert gelezen == []  # the first tab is on screen without reading the traject

    page.show_tab(TAB_TRAJECT)
    assert gelezen == ["1001"] and page.traject.traject is not None  # Zoë's open traject

    window.leerlingen.show_list()
    page.show_tab(TAB_VERZUIM)
    window.open_leerling("1002")
    assert gelezen == ["1001"]
    page.show_tab(TAB_TRAJECT)
    assert gelezen == ["1001", "1002"] and page.traject.traject is None  # Mehmet has none
    page.show_tab(TAB_TRAJECT)
    assert gelezen == ["1001", "1002"]  # shown again: nothing to read


def test_asking_for_a_tab_that_was_not_shown_gives_the_current_student(qtbot, services, settings):
    """Code that uses the Traject tab without showing it (printing the dossier, a reminder) gets this
    student's, never the one shown before."""
    for nr, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(leerling(nr, voornaam, achternaam))
    window = open_window(qtbot, services, settings)
    window.open_leerling("1001", TAB_TRAJECT)
    page = window.leerlingen.page
    page.show_tab(TAB_VERZUIM)
    window.open_leerling("1002")
    assert page.traject.leerlingnummer == "1002"
    assert page.tijdlijn.leerlingnummer == "1002"


def test_the_timeline_shows_a_contactmoment_made_while_it_was_hidden(qtbot, services, settings):
    services.leerlingen.opslaan(leerling("1001", "Zoë", "Bakker"))
    window = open_window(qtbot, services, settings)
    window.open_leerling("1001", TAB_TIJDLIJN)
    page = window.leerlingen.page
    voor = len(page.tijdlijn.alle)
    page.show_tab(TAB_VERZUIM)
    services.gesprekken.contactmoment("1001", "telefonisch", "Moeder gebeld: Zoë komt maandag weer")
    page.refresh_traject()  # what the window does after a contactmoment from elsewhere
    page.show_tab(TAB_TIJDLIJN)
    assert len(page.tijdlijn.alle) == voor + 1
    assert any("Moeder gebeld" in (g.detail or "") + g.titel for g in page.tijdlijn.alle)


def test_the_areas_modules_are_imported_in_idle_time_after_the_signals(qtbot, services, settings, monkeypatch):
    import importlib

    from thuiszit_desktop.ui.shell import main_window

    geimporteerd: list[str] = []
    echte = importlib.import_module

    def import_module(naam, package=None):
        if package == main_window.__package__:
            geimporteerd.append(naam)
        return echte(naam, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert geimporteerd == []  # not before the signals are in
    qtbot.waitUntil(lambda: len(geimporteerd) == 3 + len(main_window.VOORAF_MODULES), timeout=TIMEOUT)
    assert not window.signalen_loader.busy
    # one module per turn of the event loop, not the area already built (Vandaag); then what a first action needs
    assert geimporteerd == [main_window.AREA_MODULES[t] for t in ("Trajecten", "Overzichten", "Schoolkalender")] + [
        *main_window.VOORAF_MODULES]
    assert [t for t in ("Trajecten", "Overzichten", "Schoolkalender") if window._built(t)] == []  # imported only


def test_the_idle_imports_wait_while_the_user_has_just_asked_for_a_screen(qtbot, services, settings, monkeypatch):
    """No import in the moment after a click (worker.voorrang): it would hold up the screen asked for."""
    import importlib

    from thuiszit_desktop.ui.shell import main_window

    geimporteerd: list[str] = []
    echte = importlib.import_module
    monkeypatch.setattr(importlib, "import_module", lambda naam, package=None: (
        geimporteerd.append(naam) if package == main_window.__package__ else None, echte(naam, package))[1])
    over = [0.05]  # the user keeps clicking: there is always a screen being built
    gevraagd: list[float] = []
    monkeypatch.setattr(main_window, "voorrang_over", lambda: (gevraagd.append(over[0]), over[0])[1])
    open_window(qtbot, services, settings)
    qtbot.waitUntil(lambda: len(gevraagd) >= 3, timeout=TIMEOUT)  # it looked again, after a while, each time
    assert geimporteerd == []
    over[0] = 0.0  # the user stopped: the imports follow
    qtbot.waitUntil(lambda: len(geimporteerd) == 3 + len(main_window.VOORAF_MODULES), timeout=TIMEOUT)
    assert geimporteerd[:3] == [main_window.AREA_MODULES[t] for t in ("Trajecten", "Overzichten", "Schoolkalender")]


def test_a_built_area_gets_its_remembered_layout_walking_only_that_area_once(qtbot, services, settings,
                                                                               monkeypatch):
    from thuiszit_desktop.ui.shell import main_window

    window = open_window(qtbot, services, settings)
    gelopen: list[object] = []
    echte = main_window.remember_layout
    monkeypatch.setattr(main_window, "remember_layout",
                        lambda root, prefix, instellingen, binnen=None: (gelopen.append(binnen),
                                                                         echte(root, prefix, instellingen, binnen))[1])
    window.show_area("Trajecten")
    assert gelopen == [window.trajecten]  # once, and not the whole window with every area built
    assert window.trajecten.table.horizontalHeader().property("indelingOnthouden")  # widths come back after a restart
    window.show_area("Overzichten")
    assert gelopen[1:] == [window.overzichten]
    assert window.overzichten.kwartaal.table.horizontalHeader().property("indelingOnthouden")


@pytest.mark.qt_log_ignore("does not support raise")  # (the offscreen platform; run_gui raises its window)
def test_the_collector_of_cycles_is_on_once_the_first_window_is_shown(qtbot, services, settings, monkeypatch):
    """__main__.py starts without Python's collector of reference cycles (the start's objects live as long as the
    program); run_gui turns it on with the window shown, the start's objects frozen: a session without it would
    keep every cycle of garbage it makes."""
    shown = []
    monkeypatch.setattr(startup.StartupFlow, "run", lambda self, path=None: None if shown else services)
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.append((gc.isenabled(), gc.get_freeze_count())) or 0)
    monkeypatch.setattr(MainWindow, "_restore_geometry", lambda self: None)
    monkeypatch.setattr(errors, "install_excepthook", lambda: None)  # (global: not for the tests after this one)
    gc.disable()  # as __main__.py
    try:
        assert startup.run_gui(services.database_path.parent) == 0
    finally:
        gc.enable()
    assert len(shown) == 1
    aan, bevroren = shown[0]
    assert aan and bevroren > 0
    assert gc.get_freeze_count() == 0  # the window's close let them be collected again
