"""Vandaag's reminders: actiepunten, evaluations and appointments due, overdue ones in red."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...domain.herinneringen import Herinnering

HERINNERING_ROLE = Qt.ItemDataRole.UserRole + 5  # the Herinnering of a reminder line
HERINNERINGEN_MAX_REGELS = 6  # more scroll


class HerinneringenLijst(QTreeWidget):
    """Reminders: date, student, what; overdue in red. Enter or a double-click opens the student."""

    open_requested = Signal(object)  # Herinnering

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels(["Datum", "Leerling", "Wat"])
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Herinneringen")
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, self.fontMetrics().horizontalAdvance("Fatima el Amrani-Jansen") + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long texts elide (tooltip)
        self.itemDoubleClicked.connect(lambda item, _c: self._open(item))

    def current_herinnering(self) -> Herinnering | None:
        item = self.currentItem()
        return item.data(0, HERINNERING_ROLE) if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentItem() is not None:
                self._open(self.currentItem())
            return
        super().keyPressEvent(event)

    def _open(self, item: QTreeWidgetItem) -> None:
        h = item.data(0, HERINNERING_ROLE)
        if h is not None:
            self.open_requested.emit(h)

    def fit_height(self) -> None:
        """As high as its lines, up to HERINNERINGEN_MAX_REGELS."""
        rows = min(max(self.topLevelItemCount(), 1), HERINNERINGEN_MAX_REGELS)
        row = self.sizeHintForRow(0) if self.topLevelItemCount() else self.fontMetrics().height() + 6
        self.setFixedHeight(self.header().sizeHint().height() + rows * row + 2 * self.frameWidth())
