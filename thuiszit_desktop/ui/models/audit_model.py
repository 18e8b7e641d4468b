"""The audit log as a table model: time, user, action, student and what, newest first as the service gives them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain import formaat
from ...services.audit import AuditRij
from .tabel import Tabelmodel

HEADERS = ["Tijd", "Gebruiker", "Actie", "Leerling", "Wat"]


class AuditModel(Tabelmodel):
    koppen = HEADERS

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rijen: list[AuditRij] = []

    def set_rijen(self, rijen: list[AuditRij]) -> None:
        self.beginResetModel()
        self.rijen = rijen
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rijen[index.row()]
        if index.column() == 0:
            return formaat.tijdstip(r.tijd, seconden=True)
        if index.column() == 3:
            return f"{r.leerling} ({r.leerlingnummer})" if r.leerlingnummer else r.leerling
        return (None, r.gebruiker, r.actie, None, r.wat)[index.column()]
