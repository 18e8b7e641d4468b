"""Remembered layout: splitters and table columns survive a restart (QSettings in an ini file)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDateEdit,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszit_desktop.ui.common.layout_memory import remember_layout
from thuiszit_desktop.ui.shell.main_window import MainWindow


class Scherm(QWidget):
    """A splitter with a table in it, as the app's views have them."""

    def __init__(self):
        super().__init__()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.tabel = QTableWidget(0, 3)
        self.tabel.setHorizontalHeaderLabels(["Datum", "Naam", "Wat"])
        self.tabel.setSortingEnabled(True)
        self.splitter.addWidget(self.tabel)
        self.splitter.addWidget(QLabel("Details"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        layout.addWidget(QDateEdit(calendarPopup=True))  # its calendar's table is Qt's, not ours
        self.resize(600, 400)

    def vul(self, namen: list[str]) -> None:
        """A refill as the views do it: new rows, then columns sized to their contents."""
        self.tabel.setSortingEnabled(False)
        self.tabel.setRowCount(0)
        for naam in namen:
            r = self.tabel.rowCount()
            self.tabel.insertRow(r)
            for c, tekst in enumerate(("01-09-2026", naam, "gesprek")):
                self.tabel.setItem(r, c, QTableWidgetItem(tekst))
        self.tabel.setSortingEnabled(True)
        self.tabel.resizeColumnsToContents()


def open_scherm(qtbot, settings: QSettings) -> Scherm:
    scherm = Scherm()
    qtbot.addWidget(scherm)
    scherm.vul(["Bakker", "Zoë Yılmaz", "Ahmed"])
    scherm.show()
    qtbot.waitExposed(scherm)
    assert remember_layout(scherm, "scherm", settings) == 2  # the splitter and the table's column header
    assert remember_layout(scherm, "scherm", settings) == 0  # once
    return scherm


def drag_column_border(header, kolom: int, dx: int) -> None:
    x = header.sectionViewportPosition(kolom) + header.sectionSize(kolom) - 1
    y = header.height() // 2
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    QTest.mouseMove(header.viewport(), QPoint(x + dx, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(x + dx, y))


def test_splitter_column_widths_and_sort_come_back(qtbot, settings):
    eerste = open_scherm(qtbot, settings)
    header = eerste.tabel.horizontalHeader()
    eerste.splitter.moveSplitter(120, 1)  # as the user drags the handle
    sizes = eerste.splitter.sizes()
    breed = header.sectionSize(1) + 80
    drag_column_border(header, 1, 80)
    assert header.sectionSize(1) == breed
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    qtbot.waitUntil(lambda: settings.value(next(k for k in settings.allKeys() if "QTableWidget" in k)) is not None)
    qtbot.wait(10)  # the save after a click happens once the view has sorted
    assert header.sortIndicatorSection() == 1
    order = header.sortIndicatorOrder()
    eerste.close()
    settings.sync()

    tweede = open_scherm(qtbot, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    kop = tweede.tabel.horizontalHeader()
    assert tweede.splitter.sizes() == sizes
    assert kop.sectionSize(1) == breed
    assert (kop.sortIndicatorSection(), kop.sortIndicatorOrder()) == (1, order)
    assert [tweede.tabel.item(r, 1).text() for r in range(3)] == sorted(["Bakker", "Zoë Yılmaz", "Ahmed"],
                                                                        reverse=order == Qt.SortOrder.DescendingOrder)
    # A refill sizes the columns to their contents; the user's width comes back right after.
    tweede.vul(["Jansen"])
    qtbot.waitUntil(lambda: kop.sectionSize(1) == breed)


def test_a_column_the_user_did_not_drag_keeps_fitting_its_contents(qtbot, settings):
    """A click on a header (to sort) saves the layout; that must not freeze the other columns at their width of
    that moment, or the longer text of a later refill is cut ("16 …" for "16 uur ongeoorloofd verzuim")."""
    eerste = open_scherm(qtbot, settings)
    header = eerste.tabel.horizontalHeader()
    drag_column_border(header, 0, 30)
    datum_breed = header.sectionSize(0)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    qtbot.wait(10)
    eerste.close()
    settings.sync()

    tweede = open_scherm(qtbot, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    kop = tweede.tabel.horizontalHeader()
    lang = "Zoë van den Heuvel-Kılıçarslan"
    tweede.vul([lang])
    nodig = tweede.tabel.fontMetrics().horizontalAdvance(lang)
    qtbot.wait(10)
    assert kop.sectionSize(1) >= nodig  # not dragged: fits the new text
    assert kop.sectionSize(0) == datum_breed  # dragged: the user's width


def test_what_code_does_is_not_remembered(qtbot, settings):
    scherm = open_scherm(qtbot, settings)
    scherm.tabel.setColumnWidth(1, 333)  # code, no user: nothing saved, nothing forced back
    scherm.tabel.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert not [k for k in settings.allKeys() if "QTableWidget" in k]


def open_window(qtbot, services, settings: QSettings) -> MainWindow:
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):  # nothing left to arrive later
        window.show()
    return window


def test_the_main_window_remembers_its_tables(qtbot, services, tmp_path):
    settings = QSettings(str(tmp_path / "hoofdvenster.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, services, settings)
    window.show_area("Leerlingen")
    header = window.leerlingen.list.table.horizontalHeader()
    assert header.property("indelingOnthouden")
    kolom = next(k for k in range(header.count()) if header.sectionResizeMode(k) == QHeaderView.ResizeMode.Interactive)
    breed = header.sectionSize(kolom) + 40
    drag_column_border(header, kolom, 40)
    assert header.sectionSize(kolom) == breed
    settings.sync()

    opnieuw = open_window(qtbot, services, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert opnieuw.leerlingen.list.table.horizontalHeader().sectionSize(kolom) == breed


def test_a_dialog_of_the_main_window_remembers_its_columns(qtbot, services, tmp_path):
    from thuiszit_desktop.ui.traject.partners_dialog import PartnersDialog

    settings = QSettings(str(tmp_path / "dialoog.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, services, settings)

    def open_partners() -> PartnersDialog:
        dialog = PartnersDialog(services, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    eerste = open_partners()
    header = eerste.table.horizontalHeader()
    qtbot.waitUntil(lambda: bool(header.property("indelingOnthouden")))
    breed = header.sectionSize(0) + 50
    drag_column_border(header, 0, 50)
    assert header.sectionSize(0) == breed
    eerste.reject()

    tweede = open_partners()
    qtbot.waitUntil(lambda: tweede.table.horizontalHeader().sectionSize(0) == breed)
    tweede.reject()
