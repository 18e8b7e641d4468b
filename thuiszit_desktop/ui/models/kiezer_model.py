"""The students of the quick search (Ctrl+N) as a list model that keeps the matching rows itself, over keys
folded once (domain/zoeken.py), so typing stays quick with a whole school in it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.zoeken import zoek_in, zoeksleutel, zoektermen
from ...services.leerlingen import LeerlingRij

NUMMER_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()


def kiezer_tekst(rij: LeerlingRij) -> str:
    return f"{rij.naam} ({rij.klas or 'geen klas'}, {rij.leerlingnummer})"


class KiezerModel(QAbstractListModel):
    """The enrolled students; `set_zoek` keeps those whose name, klas or number contain every typed word."""

    def __init__(self, rijen: list[LeerlingRij], parent=None):
        super().__init__(parent)
        self._rijen = sorted((r for r in rijen if r.ingeschreven), key=lambda r: r.sorteer)
        self._tekst = [kiezer_tekst(r) for r in self._rijen]
        self._sleutel = [zoeksleutel(f"{r.naam} {r.sorteernaam} {r.klas} {r.leerlingnummer}") for r in self._rijen]
        self._getoond = list(range(len(self._rijen)))

    def set_zoek(self, tekst: str) -> None:
        termen = zoektermen(tekst)
        getoond = [i for i, s in enumerate(self._sleutel) if zoek_in(termen, s)]
        if getoond != self._getoond:
            self.beginResetModel()
            self._getoond = getoond
            self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._getoond)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._getoond):
            return None
        i = self._getoond[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tekst[i]
        if role == NUMMER_ROLE:
            return self._rijen[i].leerlingnummer
        return None

    def teksten(self) -> list[str]:
        """The students shown, top to bottom."""
        return [self._tekst[i] for i in self._getoond]
