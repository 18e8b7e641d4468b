"""The quarterly overview for the SWV (domain/kwartaal.py) as a table model; SORT_ROLE sorts numbers as numbers,
dates as dates and categorie, status and duur in their own order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...domain.kwartaal import CATEGORIEEN, KOLOMMEN, STATUSSEN, Duur, KwartaalRij, als_tekst
from ...domain.zoeken import sorteersleutel
from .tabel import Tabelmodel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class KwartaalModel(Tabelmodel):
    koppen = tuple(kop for kop, _ in KOLOMMEN)
    tips = tuple(tip for _, tip in KOLOMMEN)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rijen: list[KwartaalRij] = []
        self.teksten: list[list[str]] = []  # the text of every cell, per row

    def set_rijen(self, rijen: tuple[KwartaalRij, ...]) -> None:
        self.beginResetModel()
        self.rijen = list(rijen)
        self.teksten = [als_tekst(r) for r in self.rijen]
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rijen):
            return None
        r, kolom = self.rijen[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.teksten[index.row()][kolom]
        if role == SORT_ROLE:
            return _sorteerwaarde(r, kolom)
        if role == Qt.ItemDataRole.TextAlignmentRole and kolom in (1, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _sorteerwaarde(r: KwartaalRij, kolom: int):
    """Numbers as numbers, dates as ISO text, categorie/status/duur in their own order (not alphabetical)."""
    match kolom:
        case 1:
            return r.leeftijd
        case 3:
            return -1 if r.leerjaar is None else r.leerjaar
        case 4:
            return CATEGORIEEN.index(r.categorie)
        case 5:
            return r.startdatum.isoformat()
        case 6:
            return r.einddatum.isoformat() if r.einddatum else "9999"  # still home: after every return
        case 7:
            return list(Duur).index(r.duur)
        case 9:
            return STATUSSEN.index(r.status)
    return sorteersleutel(als_tekst(r)[kolom])
