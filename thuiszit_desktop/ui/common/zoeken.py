"""Searching names in a picker the way the whole app searches (domain/zoeken.py): case, accents and letters
like ı, ø and ß do not matter, and every typed word must occur – "kilic omer" finds "Ömer Kılıç (2B)".

`ZoekCompleter` gives an editable QComboBox (or a QLineEdit) that behaviour instead of QCompleter's own
prefix or substring match, which is accent-sensitive.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QCompleter

from ..models.zoek_filter import ZoekFilter


class ZoekCompleter(QCompleter):
    """A popup of the items of `model` that match what was typed, with the app's one search key."""

    def __init__(self, model: QAbstractItemModel, parent: QObject | None = None):
        self.filter = ZoekFilter()
        self.filter.setSourceModel(model)
        super().__init__(self.filter, parent)
        self.filter.setParent(self)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def splitPath(self, path: str) -> list[str]:
        # QCompleter asks how to match the typed text: filter here, and let it show every row that is left.
        self.filter.set_zoek(path)
        return [""]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""
