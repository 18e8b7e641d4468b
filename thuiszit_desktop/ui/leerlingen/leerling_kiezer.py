"""A quick search for one student, for a keyboard action that needs one (Ctrl+N contactmoment).

It searches as the student list does (domain/zoeken.py: "omer" and "kilic" find Ömer Kılıç) and sorts as it
does (by achternaam, Dutch order). A list model that keeps the matching rows itself, over keys folded once, so
typing stays quick with a whole school in it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ...services.session import Services
from ..models.kiezer_model import NUMMER_ROLE, KiezerModel


class _Zoekveld(QLineEdit):
    """Up and Down move through the results while the cursor stays in the search field."""

    def __init__(self, lijst: QListView):
        super().__init__()
        self.lijst = lijst

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            n = self.lijst.model().rowCount()
            if n:
                huidig = self.lijst.currentIndex().row()
                stap = 1 if event.key() == Qt.Key.Key_Down else -1
                rij = 0 if huidig < 0 else max(0, min(huidig + stap, n - 1))
                self.lijst.setCurrentIndex(self.lijst.model().index(rij, 0))
            return
        super().keyPressEvent(event)


class LeerlingKiezer(QDialog):
    def __init__(self, services: Services, titel: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(titel)
        self.gekozen: str | None = None
        self.model = KiezerModel(services.leerlingen.lijst(), self)
        self.lijst = QListView()
        self.lijst.setModel(self.model)
        self.lijst.setAccessibleName("Gevonden leerlingen")
        self.lijst.setUniformItemSizes(True)  # only the visible rows are asked for their text
        self.lijst.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.zoek = _Zoekveld(self.lijst)
        self.zoek.setPlaceholderText("Naam, klas of leerlingnummer")
        self.zoek.setClearButtonEnabled(True)
        label = QLabel("&Zoek een leerling:")
        label.setBuddy(self.zoek)
        self.leeg = QLabel("Geen leerling gevonden.")
        self.knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.knoppen.button(QDialogButtonBox.StandardButton.Ok).setText("Kiezen")
        self.knoppen.accepted.connect(self.accept)
        self.knoppen.rejected.connect(self.reject)
        self.lijst.activated.connect(lambda _index: self.accept())
        self.zoek.textChanged.connect(self.filter)
        self.zoek.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (label, self.zoek, self.lijst, self.leeg, self.knoppen):
            layout.addWidget(w)
        self.resize(420, 360)
        self.filter("")

    def filter(self, tekst: str) -> None:
        self.model.set_zoek(tekst)
        gevonden = self.model.rowCount() > 0
        self.leeg.setVisible(not gevonden)
        if gevonden:
            self.lijst.setCurrentIndex(self.model.index(0, 0))

    def getoond(self) -> list[str]:
        """The students that match, top to bottom, as shown."""
        return self.model.teksten()

    def accept(self) -> None:
        index = self.lijst.currentIndex()
        if not index.isValid():
            return
        self.gekozen = index.data(NUMMER_ROLE)
        super().accept()


def kies_leerling(services: Services, parent: QWidget | None, titel: str = "Leerling kiezen") -> str | None:
    """The leerlingnummer the user picked, or None (tests replace this)."""
    dialog = LeerlingKiezer(services, titel, parent)
    dialog.zoek.setFocus()
    return dialog.gekozen if dialog.exec() else None
