"""The "Interventies" tab of the settings: the catalogue the plan van aanpak offers per afspraak.

Saved with the dialog's Opslaan (instellingen_dialog.py), like the other tabs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.plan import STANDAARD_INTERVENTIES
from ..common.widgets import ErrorLabel, WrapLabel


class InterventiesTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(WrapLabel(
            "In het plan van aanpak kiest u per afspraak een interventie uit deze lijst (of typt u er zelf een). "
            "Dubbelklik op een interventie om de naam te veranderen. Plannen die een interventie al gebruiken, "
            "houden hun tekst."))
        self.interventies_lijst = QListWidget()
        self.interventies_lijst.setAccessibleName("Interventies")
        self.interventies_lijst.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.interventies_lijst.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                                | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.interventies_lijst.itemChanged.connect(lambda _item: self.interventies_fout.set_error(""))
        self.interventies_lijst.itemSelectionChanged.connect(self._update_interventie_knoppen)
        layout.addWidget(self.interventies_lijst, 1)
        self.interventies_fout = ErrorLabel()
        layout.addWidget(self.interventies_fout)
        knoppen = QHBoxLayout()
        self.interventie_toevoegen = QPushButton("Toevoegen")
        self.interventie_toevoegen.clicked.connect(self.add_interventie)
        self.interventie_hernoemen = QPushButton("Naam wijzigen")
        self.interventie_hernoemen.clicked.connect(self.rename_interventie)
        self.interventie_verwijderen = QPushButton("Verwijderen")
        self.interventie_verwijderen.clicked.connect(self.remove_interventies)
        self.interventies_standaard = QPushButton("Standaardlijst terugzetten")
        self.interventies_standaard.setToolTip("De lijst van het programma")
        self.interventies_standaard.clicked.connect(self.restore_default_interventies)
        for w in (self.interventie_toevoegen, self.interventie_hernoemen, self.interventie_verwijderen):
            w.setAutoDefault(False)
            knoppen.addWidget(w)
        knoppen.addStretch(1)
        self.interventies_standaard.setAutoDefault(False)
        knoppen.addWidget(self.interventies_standaard)
        layout.addLayout(knoppen)

    def _add_interventie_item(self, naam: str) -> QListWidgetItem:
        item = QListWidgetItem(naam)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.interventies_lijst.addItem(item)
        return item

    def set_interventies(self, namen: list[str] | tuple[str, ...]) -> None:
        self.interventies_lijst.clear()
        for naam in namen:
            self._add_interventie_item(naam)
        self._update_interventie_knoppen()

    def interventies(self) -> list[str]:
        """The list as shown (trimmed), empty names included."""
        lijst = self.interventies_lijst
        return [" ".join(lijst.item(i).text().split()) for i in range(lijst.count())]

    def add_interventie(self) -> None:
        item = self._add_interventie_item("")
        self.interventies_fout.set_error("")
        self.interventies_lijst.setCurrentItem(item)
        self.interventies_lijst.scrollToItem(item)
        self.interventies_lijst.setFocus()
        self.interventies_lijst.editItem(item)

    def rename_interventie(self) -> None:
        item = self.interventies_lijst.currentItem()
        if item is not None:
            self.interventies_lijst.setFocus()
            self.interventies_lijst.editItem(item)

    def remove_interventies(self) -> None:
        lijst = self.interventies_lijst
        for r in sorted((lijst.row(i) for i in lijst.selectedItems()), reverse=True):
            lijst.takeItem(r)
        self.interventies_fout.set_error("")
        self._update_interventie_knoppen()

    def restore_default_interventies(self) -> None:
        self.set_interventies(STANDAARD_INTERVENTIES)
        self.interventies_fout.set_error("")

    def _update_interventie_knoppen(self) -> None:
        gekozen = self.interventies_lijst.selectedItems()
        self.interventie_verwijderen.setEnabled(bool(gekozen))
        self.interventie_hernoemen.setEnabled(len(gekozen) == 1)
