"""The lijstbespreking (every student with an open traject) as a table model, and the proxy that filters on
stap, klas and "actiepunten over tijd" and sorts by SORT_ROLE."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...domain.zoeken import natuurlijke_sleutel, sorteersleutel
from ...services.overzichten import KOLOMMEN, BesprekingsRij
from ..common import theme

(COL_NAAM, COL_NUMMER, COL_KLAS, COL_CATEGORIE, COL_STAP, COL_SINDS, COL_CASUSREGISSEUR, COL_SIGNALEN, COL_CONTACT,
 COL_ACTIEPUNTEN, COL_EVALUATIE) = range(11)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_KOP = {COL_NUMMER: "Nr.", COL_EVALUATIE: "Evaluatie"}  # short headers on screen; the full name as tooltip
_LEEG = date.max  # sorts "none" last


class LijstModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rijen: list[BesprekingsRij] = []
        self.vandaag = date.today()

    def set_rijen(self, rijen: list[BesprekingsRij], vandaag: date) -> None:
        self.beginResetModel()
        self.rijen = list(rijen)
        self.vandaag = vandaag
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rijen)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KOLOMMEN)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _KOP.get(section, KOLOMMEN[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return KOLOMMEN[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rijen[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return r.cellen()[col]
        if role == SORT_ROLE:
            return (r.sleutel or sorteersleutel(r.naam), natuurlijke_sleutel(r.leerlingnummer),
                    natuurlijke_sleutel(r.klas), r.categorie.label, int(r.stap), r.sinds or _LEEG,
                    sorteersleutel(r.casusregisseur), r.signalen_tekst,
                    r.laatste_contact or date.min, (r.eerste_deadline or _LEEG, -r.open_actiepunten),
                    r.volgende_evaluatie or _LEEG)[col]
        te_laat = (col == COL_ACTIEPUNTEN and r.actiepunten_over_tijd) or (col == COL_EVALUATIE
                                                                            and r.evaluatie_over_tijd)
        if role == Qt.ItemDataRole.ForegroundRole and te_laat:
            return theme.color("danger")
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STAP:
            return r.stap.titel
        return None


class LijstFilter(QSortFilterProxyModel):
    """Filters on stap, klas and "actiepunten over tijd"; sorts by SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.stap: int | None = None
        self.klas: str | None = None
        self.over_tijd = False

    def set_filter(self, *, stap: int | None, klas: str | None, over_tijd: bool) -> None:
        self.beginFilterChange()
        self.stap, self.klas, self.over_tijd = stap, klas, over_tijd
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        r = self.sourceModel().rijen[row]
        return ((self.stap is None or int(r.stap) == self.stap) and (self.klas is None or r.klas == self.klas)
                and (not self.over_tijd or r.actiepunten_over_tijd > 0))

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)
