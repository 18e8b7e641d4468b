"""Vandaag's reminders: actiepunten, evaluations, nazorg moments, the meldplicht's deadline and 5a vrijstellingen
to renew (domain/herinneringen.py), overdue ones in red.

A view over a model: a big school has two thousand reminders and the list shows six at a time, so a line's
texts are made only when it is painted or asked for (one item per reminder froze the window: issue 16).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QStyle,
    QTableView,
    QWidget,
)

from ...domain.herinneringen import Herinnering
from ..common import theme
from ..common.widgets import format_date
from ..models.tabel import Tabelmodel

HERINNERING_ROLE = Qt.ItemDataRole.UserRole + 5  # the Herinnering of a reminder line
HERINNERINGEN_MAX_REGELS = 6  # more scroll
KOPPEN = ("Datum", "Leerling", "Wat")


class HerinneringenModel(Tabelmodel):
    """Date, student, what; `namen` gives the student's name by leerlingnummer."""

    koppen = KOPPEN

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rijen: Sequence[Herinnering] = ()
        self.namen: Mapping[str, Any] = {}  # leerlingnummer → a row with `.naam`
        self.bold = QFont()

    def set_herinneringen(self, regels: Sequence[Herinnering], namen: Mapping[str, Any]) -> None:
        self.beginResetModel()
        self.rijen, self.namen = regels, namen
        self.endResetModel()

    def naam(self, h: Herinnering) -> str:
        rij = self.namen.get(h.leerlingnummer)
        return rij.naam if rij else f"Leerling {h.leerlingnummer}"

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        h, kolom = self.rijen[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_date(h.datum), self.naam(h), h.tekst)[kolom]
        if role == HERINNERING_ROLE:
            return h
        if role == Qt.ItemDataRole.ForegroundRole:
            return theme.color("danger") if h.te_laat else None
        if role == Qt.ItemDataRole.FontRole:
            return self.bold if h.te_laat and kolom == 0 else None
        if role == Qt.ItemDataRole.ToolTipRole and kolom == 2:
            return h.tekst
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{'Over tijd: ' if h.te_laat else ''}{format_date(h.datum)}, {self.naam(h)}: {h.tekst}"
        return None


class HerinneringenLijst(QTableView):
    """Reminders: date, student, what; overdue in red. Enter or a double-click opens the student.

    A table without grid or row numbers, so it looks like a list; not a tree view, which asks the model about
    every line whenever it is filled."""

    open_requested = Signal(object)  # Herinnering

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.herinneringen = HerinneringenModel(self)
        self.herinneringen.bold = QFont(self.font())
        self.herinneringen.bold.setBold(True)
        self.setModel(self.herinneringen)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as in the other lists
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Herinneringen")
        rijen = self.verticalHeader()
        rijen.hide()
        rijen.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hoogte = max(self.fontMetrics().height(), QFontMetrics(self.herinneringen.bold).height())  # as a list's line
        rijen.setMinimumSectionSize(hoogte)
        rijen.setDefaultSectionSize(hoogte)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths from the font, not "resize to contents": that asks up to a thousand lines for their size.
        marge = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)  # a cell's
        self.setColumnWidth(0, QFontMetrics(self.herinneringen.bold).horizontalAdvance("00-00-0000") + marge)
        self.setColumnWidth(1, self.fontMetrics().horizontalAdvance("Fatima el Amrani-Jansen") + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long texts elide (tooltip)
        self.doubleClicked.connect(self._open)

    def current_herinnering(self) -> Herinnering | None:
        index = self.currentIndex()
        return index.data(HERINNERING_ROLE) if index.isValid() else None

    def gekozen(self) -> Herinnering | None:
        """The selected reminder (None when the current line is not selected)."""
        index = self.currentIndex()
        return self.current_herinnering() if index.isValid() and self.selectionModel().isSelected(index) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        h = index.data(HERINNERING_ROLE)
        if h is not None:
            self.open_requested.emit(h)

    def fit_height(self) -> None:
        """As high as its lines, up to HERINNERINGEN_MAX_REGELS."""
        rows = min(max(self.herinneringen.rowCount(), 1), HERINNERINGEN_MAX_REGELS)
        row = self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + rows * row + 2 * self.frameWidth())

