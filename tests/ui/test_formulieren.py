"""The small things of the traject forms a day of real use trips over (issue 14, "Forms"): each driven through
the real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie, GesprekType
from thuiszit_desktop.ui import concept, errors
from thuiszit_desktop.ui.layout_memory import remember_layout
from thuiszit_desktop.ui.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    monkeypatch.setattr(errors, "ask", lambda *args, **kw: True)
    monkeypatch.setattr(errors, "choose", lambda *args, **kw: concept.KEEP_DRAFT)
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: pytest.fail(f"message box: {text}"))
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail(f"crash: {details}"))


@pytest.fixture
def school(services):
    """Two fictional students, each with an open traject."""
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, klas="2B", mentor="Bram Jansen"), vandaag=VANDAAG)
        services.trajecten.openen(nummer, Categorie.THUISZITTER, "Thuis sinds september", geopend=date(2026, 10, 1),
                                  vandaag=VANDAAG)
    return services


@pytest.fixture
def view(qtbot, school):
    v = TrajectView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.resize(1140, 600)  # what the student page leaves on a 1366×768 screen
    v.show()
    return v


def drag_column_border(header, kolom: int, dx: int) -> None:
    x = header.sectionViewportPosition(kolom) + header.sectionSize(kolom) - 1
    y = header.height() // 2
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    QTest.mouseMove(header.viewport(), QPoint(x + dx, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(x + dx, y))


def test_the_uit_column_of_the_actiepunten_is_never_cut(qtbot, view, school, tmp_path):
    tr = school.trajecten
    tr.actiepunt_toevoegen("1001", "Bellen", "Anna de Vries", date(2026, 11, 30), vandaag=VANDAAG)
    g = tr.gesprek_vastleggen("1002", GesprekType.GESPREK_OUDERS, date(2026, 11, 20), "Over het rooster",
                              afspraken=["Rooster maken", "Thuis ophalen"],
                              actiepunten=[(0, "Anna de Vries", date(2026, 12, 1)),
                                           (1, "Anna de Vries", date(2026, 12, 2))], vandaag=VANDAAG)
    assert g.afspraken
    view.show_leerling("1001")
    view.tabs.setCurrentIndex(2)
    remember_layout(view, "traject", QSettings(str(tmp_path / "indeling.ini"), QSettings.Format.IniFormat))
    header = view.actiepunten_tree.header()
    drag_column_border(header, 1, 40)  # the user widens "Wie"; "Uit" must keep fitting its contents
    wie = header.sectionSize(1)
    view.show_leerling("1002")  # more rows, with a longer "Uit"
    qtbot.wait(20)
    item = view.actiepunten_tree.topLevelItem(0)
    assert item.text(2) == "gesprek 20-11-2026"
    assert header.sectionSize(2) >= view.actiepunten_tree.fontMetrics().horizontalAdvance(item.text(2))
    assert header.sectionSize(1) == wie
