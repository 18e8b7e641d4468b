"""All open trajecten of the school (filter on step and casusregisseur, sortable, Enter/double-click opens the
student), and the open actiepunten: mine and everyone's, overdue in red."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import als_mentor
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import ActiepuntStatus, Categorie, Persoon
from thuiszit_desktop.ui.common.widgets import ERROR_COLOR
from thuiszit_desktop.ui.models.trajecten_model import COL_LEERLING, COL_STAP, COL_TERMIJN, trajectregels
from thuiszit_desktop.ui.traject.trajecten_view import TrajectenView

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def school(services):
    """Zoë (step 3, Anna), Mehmet (step 1, casusregisseur Daniël de Jong), Daniël (closed: not listed)."""
    for nummer, voornaam, tussenvoegsel, achternaam, klas in (("1001", "Zoë", "", "Bakker", "2B"),
                                                               ("1002", "Mehmet", "", "Çelik", "10A"),
                                                               ("1003", "Daniël", "de", "Jong", "1A")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas=klas),
                                    vandaag=VANDAAG)
    tr = services.trajecten
    zoe = tr.openen("1001", Categorie.THUISZITTER, "Thuis", geopend=date(2026, 10, 1), vandaag=VANDAAG)
    tr.stap_wijzigen(zoe.id, 3, vandaag=VANDAAG)
    services.actiepunten.actiepunt_toevoegen("1001", "Rooster maken", "Anna de Vries", date(2026, 11, 20), vandaag=VANDAAG)
    services.actiepunten.actiepunt_toevoegen("1001", "Jeugdarts bellen", Persoon("Daniël de Jong"), date(2026, 12, 1), vandaag=VANDAAG)
    tr.openen("1002", Categorie.DREIGEND_THUISZITTER, "Veel ziek", eigenaar="Daniël de Jong",
              geopend=date(2026, 11, 2), evaluatiedatum=date(2026, 12, 14), vandaag=VANDAAG)
    oud = tr.openen("1003", Categorie.DREIGEND_THUISZITTER, "Veel ziek", geopend=date(2026, 9, 1), vandaag=VANDAAG)
    tr.sluiten(oud.id, "terug_naar_school", vandaag=VANDAAG)
    return services


@pytest.fixture
def view(qtbot, school):
    v = TrajectenView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.resize(1140, 700)
    v.show()
    return v


def test_the_model_is_a_proper_item_model(qtmodeltester, view):
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)


def test_lists_the_open_trajecten_with_their_next_deadline(view):
    rows = view.rows()
    assert [r.naam for r in rows] == ["Zoë Bakker", "Mehmet Çelik"]  # by next deadline: 20-11 before 14-12
    assert view.count_label.text() == "2 open trajecten"
    m = view.proxy
    cell = {m.headerData(c, Qt.Orientation.Horizontal): m.index(0, c).data() for c in range(m.columnCount())}
    assert cell == {"Leerling": "Zoë Bakker", "Klas": "2B", "Categorie": "Thuiszitter", "Stap": "3. Samenwerken",
                    "Casusregisseur": "Anna de Vries", "Geopend": "01-10-2026", "Open actiepunten": "2",
                    "Eerstvolgende termijn": "20-11-2026 (actiepunt)"}
    assert m.index(0, COL_TERMIJN).data(Qt.ItemDataRole.ForegroundRole) == QColor(ERROR_COLOR)  # overdue
    assert m.index(1, COL_TERMIJN).data() == "14-12-2026 (evaluatie)"
    assert m.index(1, COL_TERMIJN).data(Qt.ItemDataRole.ForegroundRole) is None
    assert m.index(0, COL_STAP).data(Qt.ItemDataRole.ToolTipRole) == (
        "Stap 3: Met wie werk je samen rondom (dreigend) thuiszitten")


def test_filter_on_step_owner_and_name_and_sort(view):
    view.stap.setCurrentIndex(view.stap.findData(1))
    assert [r.naam for r in view.rows()] == ["Mehmet Çelik"]
    assert view.count_label.text() == "1 van 2 trajecten"
    view.stap.setCurrentIndex(0)
    view.eigenaar.setCurrentIndex(view.eigenaar.findText("Ik (Anna de Vries)"))
    assert [r.naam for r in view.rows()] == ["Zoë Bakker"]
    view.eigenaar.setCurrentIndex(view.eigenaar.findData("Daniël de Jong"))
    assert [r.naam for r in view.rows()] == ["Mehmet Çelik"]
    view.eigenaar.setCurrentIndex(0)
    view.zoek.setText("celik")  # without the accent
    assert [r.naam for r in view.rows()] == ["Mehmet Çelik"]
    view.zoek.setText("")
    view.stap.setCurrentIndex(view.stap.findData(5))
    assert view.rows() == [] and view.leeg.text() == "Geen trajecten met deze filters."
    view.stap.setCurrentIndex(0)
    view.table.sortByColumn(COL_LEERLING, Qt.SortOrder.DescendingOrder)  # by achternaam, as school lists do
    assert [r.naam for r in view.rows()] == ["Mehmet Çelik", "Zoë Bakker"]
    view.table.sortByColumn(COL_LEERLING, Qt.SortOrder.AscendingOrder)
    assert [r.naam for r in view.rows()] == ["Zoë Bakker", "Mehmet Çelik"]


def test_double_click_and_enter_open_the_student(qtbot, view):
    index = view.proxy.index(1, COL_LEERLING)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_leerling) as blocker:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["1002"]
    assert view.select("1001")
    view.table.setFocus()
    with qtbot.waitSignal(view.open_leerling) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["1001"]


def test_my_and_all_open_actiepunten_overdue_in_red(qtbot, view, school):
    assert view.tabs.tabText(0) == "Mijn actiepunten (1, 1 te laat)"
    assert view.tabs.tabText(1) == "Alle open actiepunten (2, 1 te laat)"
    mijn = view.mijn.topLevelItem(0)
    assert [mijn.text(c) for c in range(4)] == ["20-11-2026 · te laat", "Zoë Bakker", "Rooster maken",
                                                "Anna de Vries"]
    assert mijn.foreground(0).color() == QColor(ERROR_COLOR)
    assert view.alle.topLevelItem(1).foreground(0).color() != QColor(ERROR_COLOR)

    with qtbot.waitSignal(view.open_leerling) as blocker:
        view.alle.itemDoubleClicked.emit(view.alle.topLevelItem(1), 0)
    assert blocker.args == ["1001"]

    view.mijn.setCurrentItem(mijn)
    gedaan, _vervallen = view.mijn.buttons
    assert gedaan.isEnabled()
    with qtbot.waitSignal(view.changed):
        gedaan.click()
    assert [a.status for a in school.actiepunten.actiepunten("1001")].count(ActiepuntStatus.GEDAAN) == 1
    assert view.tabs.tabText(0) == "Mijn actiepunten (0)"
    assert view.mijn.leeg.text() == "U heeft geen open actiepunten."
    zoe = view.rows()[0]
    assert (zoe.naam, zoe.open_actiepunten) == ("Zoë Bakker", 1)  # the list of trajecten followed


def test_next_deadline_is_the_earliest_of_actiepunt_and_evaluation(school):
    tr = school.trajecten
    regels = {r.rij.leerlingnummer: r for r in trajectregels(tr.lijst(), school.actiepunten.open_actiepunten())}
    assert (regels["1001"].termijn, regels["1001"].termijn_wat) == (date(2026, 11, 20), "actiepunt")
    assert (regels["1002"].termijn, regels["1002"].termijn_wat) == (date(2026, 12, 14), "evaluatie")


def test_empty_school(qtbot, services):
    v = TrajectenView(services, vandaag=VANDAAG)
    qtbot.addWidget(v)
    assert v.count_label.text() == "0 open trajecten"
    assert "Er zijn nog geen open trajecten" in v.leeg.text()


def test_built_in_parts_reads_its_lines_after_the_first_paint(qtbot, school, view):
    """The main window builds Trajecten in parts (issue 16): the first paint has no lines and says nothing about
    there being none; the turn after it has the same lines, counts and actiepunten as a view built whole."""
    delen = TrajectenView(school, vandaag=VANDAAG, in_delen=True)
    qtbot.addWidget(delen)
    delen.resize(1140, 700)
    assert delen.model.rowCount() == 0
    delen.show()
    assert not delen.leeg.isVisible() and not delen.leeg_knop.isVisible()  # not "no trajecten"
    qtbot.waitUntil(lambda: delen.model.rowCount() == 2)
    assert [r.naam for r in delen.rows()] == [r.naam for r in view.rows()]
    assert delen.count_label.text() == view.count_label.text() == "2 open trajecten"
    assert ([delen.tabs.tabText(i) for i in range(delen.tabs.count())]
            == [view.tabs.tabText(i) for i in range(view.tabs.count())])
    assert delen.alle.topLevelItemCount() == view.alle.topLevelItemCount() == 2
    assert not delen.leeg_knop.isVisible()


def test_a_mentor_reads_about_their_own_klassen_and_is_not_told_to_open_a_traject(qtbot, services):
    """A mentor sees only the trajecten of their klassen and cannot open one: the texts say so."""
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 14), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B"), vandaag=VANDAAG)
    mentor = als_mentor(services, "2B")
    v = TrajectenView(mentor, vandaag=VANDAAG)
    qtbot.addWidget(v)
    teksten = [label.text() for label in v.findChildren(QLabel)]
    assert any(t.startswith("Alle open trajecten van leerlingen uit uw klassen.") for t in teksten)
    assert not any("van de school" in t for t in teksten)
    assert v.leeg.text() == ("Er zijn nog geen open trajecten voor leerlingen uit uw klassen. Alleen de "
                             "zorgcoördinator kan een traject openen.")
