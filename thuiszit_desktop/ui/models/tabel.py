"""What the table models share: a list of rows under fixed column heads, each with an optional tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class Tabelmodel(QAbstractTableModel):
    """`rijen` under the heads `koppen` (tooltips `tips`, if given); a subclass adds `data` and its setter."""

    koppen: Sequence[str] = ()
    tips: Sequence[str] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rijen: Sequence[Any] = ()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rijen)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.koppen)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.koppen):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.koppen[section]
        if role == Qt.ItemDataRole.ToolTipRole and self.tips:
            return self.tips[section]
        return None
