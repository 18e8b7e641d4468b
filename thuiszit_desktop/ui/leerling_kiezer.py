"""A quick search for one student, for a keyboard action that needs one (Ctrl+N contactmoment)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.session import Services


class _Zoekveld(QLineEdit):
    """Up and Down move through the results while the cursor stays in the search field."""

    def __init__(self, lijst: QListWidget):
        super().__init__()
        self.lijst = lijst

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            stap = 1 if event.key() == Qt.Key.Key_Down else -1
            zichtbaar = [i for i in range(self.lijst.count()) if not self.lijst.item(i).isHidden()]
            if zichtbaar:
                huidig = self.lijst.currentRow()
                pos = zichtbaar.index(huidig) + stap if huidig in zichtbaar else 0
                self.lijst.setCurrentRow(zichtbaar[max(0, min(pos, len(zichtbaar) - 1))])
            return
        super().keyPressEvent(event)


class LeerlingKiezer(QDialog):
    def __init__(self, services: Services, titel: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(titel)
        self.gekozen: str | None = None
        self.lijst = QListWidget()
        self.lijst.setAccessibleName("Gevonden leerlingen")
        self.zoek = _Zoekveld(self.lijst)
        self.zoek.setPlaceholderText("Naam, klas of leerlingnummer")
        self.zoek.setClearButtonEnabled(True)
        label = QLabel("&Zoek een leerling:")
        label.setBuddy(self.zoek)
        for rij in services.leerlingen.lijst():
            if not rij.ingeschreven:
                continue
            item = QListWidgetItem(f"{rij.naam} ({rij.klas or 'geen klas'}, {rij.leerlingnummer})")
            item.setData(Qt.ItemDataRole.UserRole, rij.leerlingnummer)
            self.lijst.addItem(item)
        self.leeg = QLabel("Geen leerling gevonden.")
        self.knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.knoppen.button(QDialogButtonBox.StandardButton.Ok).setText("Kiezen")
        self.knoppen.accepted.connect(self.accept)
        self.knoppen.rejected.connect(self.reject)
        self.lijst.itemActivated.connect(lambda _item: self.accept())
        self.zoek.textChanged.connect(self.filter)
        self.zoek.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (label, self.zoek, self.lijst, self.leeg, self.knoppen):
            layout.addWidget(w)
        self.resize(420, 360)
        self.filter("")

    def filter(self, tekst: str) -> None:
        woorden = tekst.casefold().split()
        eerste = None
        for i in range(self.lijst.count()):
            item = self.lijst.item(i)
            past = all(w in item.text().casefold() for w in woorden)
            item.setHidden(not past)
            if past and eerste is None:
                eerste = i
        self.leeg.setVisible(eerste is None)
        if eerste is not None:
            self.lijst.setCurrentRow(eerste)

    def accept(self) -> None:
        item = self.lijst.currentItem()
        if item is None or item.isHidden():
            return
        self.gekozen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


def kies_leerling(services: Services, parent: QWidget | None, titel: str = "Leerling kiezen") -> str | None:
    """The leerlingnummer the user picked, or None (tests replace this)."""
    dialog = LeerlingKiezer(services, titel, parent)
    dialog.zoek.setFocus()
    return dialog.gekozen if dialog.exec() else None
