"""What a mentor (and everyone) trips over in a day's use (issue 14, "Mentor"): no vertrouwelijk box they could
never read back, no delete that first asks and then refuses, Afmelden in the menu, a confirmation after a
contactmoment from Vandaag (Ctrl+N takes the student selected there), and "Leerlingen" in the navigation back
to the list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import als_mentor
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie, GesprekType
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.services.traject_gedeeld import VERTROUWELIJK
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen import leerlingen_area
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.traject.gesprek_dialog import GesprekDialog
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)
WW = "Mentor-test-2026!"


@pytest.fixture
def school(services):
    """Zoë in 3A with 16 hours ongeoorloofd (a meldplicht signal on Vandaag) and a traject; Bram mentors 3A."""
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë",
                                         klas="3A"), vandaag=VANDAAG)
    services.verzuim.invoeren("1001", date(2026, 11, 16), date(2026, 11, 18), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.trajecten.openen("1001", Categorie.THUISZITTER, "Zit thuis", geopend=date(2026, 10, 20), vandaag=VANDAAG)
    return services


@pytest.fixture
def bram(school):
    return als_mentor(school, "3A", wachtwoord=WW)


def open_window(qtbot, services, tmp_path: Path) -> MainWindow:
    window = MainWindow(services, settings=QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    return window


# --- vertrouwelijk ------------------------------------------------------------------------------------

def test_a_mentor_is_not_offered_vertrouwelijk(qtbot, school, bram):
    d = GesprekDialog(bram, "1001", vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    assert not d.vertrouwelijk.isVisible()
    assert d.vertrouwelijk_hint.isVisible() and "voor de zorgcoördinator" in d.vertrouwelijk_hint.text()
    d.samenvatting.setPlainText("Moeder belde: Zoë slaapt slecht.")
    assert d.save()
    assert not school.gesprekken.gesprekken("1001")[0].vertrouwelijk
    zorg = GesprekDialog(school, "1001", vandaag=VANDAAG)
    qtbot.addWidget(zorg)
    zorg.show()
    assert zorg.vertrouwelijk.isVisible() and not zorg.vertrouwelijk_hint.isVisible()


def test_a_delete_that_would_be_refused_is_not_offered(qtbot, school, bram, monkeypatch):
    eigen = school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, date(2026, 11, 2), "Moeder over de therapie",
                                  vertrouwelijk=True, vandaag=VANDAAG)
    m.Gesprek.update(door=bram.gebruiker.id).where(m.Gesprek.id == eigen.id).execute()  # Bram's, from before
    ander = school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, date(2026, 11, 3), "Jeugdarts over de angst",
                                  vertrouwelijk=True, vandaag=VANDAAG)
    view = TrajectView(bram, vandaag=VANDAAG)
    qtbot.addWidget(view)
    view.show()
    view.show_leerling("1001")

    def kies(gesprek_id: int) -> None:
        tree = view.gesprekken_tree
        tree.setCurrentItem(next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                                 if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == gesprek_id))

    kies(ander.id)
    assert not view.gesprek_weg_button.isEnabled()
    assert "alleen de zorgcoördinator" in view.gesprek_weg_button.toolTip()
    monkeypatch.setattr(errors, "bevestig_verwijderen", lambda *a, **k: pytest.fail("asked before a refusal"))
    assert not view.gesprek_verwijderen()
    kies(eigen.id)
    item = view.gesprekken_tree.currentItem()
    assert item.text(3) == VERTROUWELIJK  # shown as vertrouwelijk, not as an error
    assert view.gesprek_weg_button.isEnabled()
    monkeypatch.setattr(errors, "bevestig_verwijderen", lambda *a, **k: True)
    with qtbot.waitSignal(view.changed):
        view.gesprek_weg_button.click()
    assert [g.id for g in school.gesprekken.gesprekken("1001")] == [ander.id]


# --- the main window ----------------------------------------------------------------------------------

@pytest.mark.parametrize("rol", [Rol.ZORGCOORDINATOR, Rol.MENTOR, Rol.ALLEEN_LEZEN])
def test_everyone_can_log_off_from_the_menu(qtbot, school, tmp_path, rol):
    rij = (school.gebruikers.toevoegen("Lotte Jansen", rol.value, ["3A"] if rol is Rol.MENTOR else [], WW, WW)
           if rol is not Rol.ZORGCOORDINATOR else None)
    services = school if rij is None else session.Services(school.ctx.store,
                                                           Gebruiker(rij.id, rij.naam, rol, rij.klassen))
    window = open_window(qtbot, services, tmp_path)
    actie = window.action_afmelden
    assert actie in window.bestand_menu.actions() and actie.isVisible() and actie.isEnabled()
    assert actie.text().replace("&", "") == "Afmelden"
    actie.trigger()
    assert window.afgemeld and not window.isVisible()


def test_a_contactmoment_from_vandaag_for_the_selected_signal_is_confirmed(qtbot, school, bram, tmp_path,
                                                                           monkeypatch):
    window = open_window(qtbot, bram, tmp_path)
    assert window.stack.currentWidget() is window.dashboard
    dashboard = window.dashboard
    dashboard.lijst.setCurrentIndex(dashboard.item_of("1001", dashboard.regels()[0].soort))  # as a click does
    gevraagd, vastgelegd = [], []
    monkeypatch.setattr("thuiszit_desktop.ui.leerlingen.leerling_kiezer.kies_leerling",
                        lambda *a, **k: gevraagd.append(a) or None)
    monkeypatch.setattr(leerlingen_area, "contactmoment_vastleggen",
                        lambda services, nummer, parent: vastgelegd.append(nummer) or True)
    QTest.keySequence(window, "Ctrl+N")
    assert gevraagd == [] and vastgelegd == ["1001"]  # no question which student: the selected one
    assert window.statusBar().currentMessage() == "Contactmoment met Zoë Bakker opgeslagen."


def test_leerlingen_in_the_navigation_returns_from_a_student_to_the_list(qtbot, school, tmp_path):
    window = open_window(qtbot, school, tmp_path)
    window.open_leerling("1001")
    area = window.leerlingen
    assert area.currentWidget() is area.page
    item = window.nav.findItems("Leerlingen", Qt.MatchFlag.MatchExactly)[0]
    rect = window.nav.visualItemRect(item)
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.currentWidget() is area.list
    # from another area, "Leerlingen" shows where one was; a second click the list
    window.open_leerling("1001")
    window.show_area("Vandaag")
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is area and area.currentWidget() is area.page
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.currentWidget() is area.list


# --- opening a student again after a change -----------------------------------------------------------

def test_a_student_opened_again_shows_what_changed_and_a_moved_student_is_refused_to_the_mentor(qtbot, school,
                                                                                                 bram, tmp_path):
    """Opening a student reads their number through a SELECT kept between openings and their part of the school's
    signals through an index kept with that run (issue 16): neither may show the data as it was."""
    from dataclasses import replace

    from thuiszit_desktop.domain.errors import GeenToegang

    window = open_window(qtbot, school, tmp_path)
    area = window.leerlingen
    assert area.open_leerling("1001")
    panel = area.page.verzuim
    dag = date(2026, 11, 19)
    voor = (panel.totaal_label.text(), panel.percentage_label.text(), panel.heatmap.stijlen[dag])
    assert bram.leerlingen.get("1001").klas == "3A"  # Bram mentors 3A: his to see

    school.verzuim.invoeren("1001", dag, None, Reden.ZIEK, vandaag=VANDAAG)
    school.signalen.overzicht()  # the school's run again (as the window's worker does): the page takes its part
    area.show_list()
    assert area.open_leerling("1001")
    na = (panel.totaal_label.text(), panel.percentage_label.text(), panel.heatmap.stijlen[dag])
    assert [a != b for a, b in zip(voor, na, strict=True)] == [True, True, True]

    zoe = school.leerlingen.get("1001")
    school.leerlingen.opslaan(replace(zoe, klas="3B"), vandaag=VANDAAG)
    with pytest.raises(GeenToegang):
        bram.leerlingen.get("1001")
    with pytest.raises(GeenToegang):
        bram.verzuim.dagen("1001", date(2026, 8, 1), date(2027, 7, 31))
    area.show_list()
    assert area.open_leerling("1001")
    assert "Klas 3B" in area.page.subtitle.text()
