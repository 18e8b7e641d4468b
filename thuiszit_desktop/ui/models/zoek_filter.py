"""A proxy that searches the way the whole app searches (domain/zoeken.py): case, accents and letters like ı, ø
and ß do not matter, and every typed word must occur."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain.zoeken import zoek_in, zoeksleutel, zoektermen


class ZoekFilter(QSortFilterProxyModel):
    """Keeps the rows of column 0 whose text contains every search term (`set_zoek`)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._termen: tuple[str, ...] = ()
        self._sleutels: dict[int, str] = {}  # source row → its folded text (a cache; cleared on any change)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.layoutChanged, model.rowsMoved):
            signal.connect(self._sleutels.clear)

    def set_zoek(self, tekst: str) -> None:
        termen = zoektermen(tekst)
        if termen != self._termen:
            self.beginFilterChange()
            self._termen = termen
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._termen:
            return True
        sleutel = self._sleutels.get(source_row)
        if sleutel is None:
            tekst = self.sourceModel().index(source_row, 0, source_parent).data(Qt.ItemDataRole.DisplayRole)
            sleutel = self._sleutels[source_row] = zoeksleutel(tekst or "")
        return zoek_in(self._termen, sleutel)
