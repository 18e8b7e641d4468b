"""At the start, when the database does not open: choose which of its backups to put back.

Only backups of this database are listed (matched by its id, services.backups.backups_van); the user has
not logged in, so the list shows what the manifests say (date, counts, size) – the copy itself is checked
when it is put back. Tests replace `kies_backup` instead of opening the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.backups import BackupInfo
from ..beheer.backup_dialog import grootte, tijdstip
from ..common.widgets import fit_to_screen, heading, hint


class KiesBackupDialog(QDialog):
    """The backups of this database, newest first; after `exec()`: `gekozen` (or None)."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = backups
        self.gekozen: BackupInfo | None = None
        self.setWindowTitle("Back-up kiezen")
        fit_to_screen(self, 640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Welke back-up terugzetten?"))
        layout.addWidget(hint("Dit zijn de back-ups van deze database. Wat er na de gekozen back-up is ingevoerd, "
                              "staat er niet in. De huidige bestanden blijven bewaard naast de database."))
        self.table = QTableWidget(len(backups), 3)
        self.table.setHorizontalHeaderLabels(["Gemaakt op", "Inhoud", "Grootte"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for row, info in enumerate(backups):
            wanneer = QTableWidgetItem(tijdstip(info.gemaakt))
            wanneer.setToolTip(str(info.pad))
            self.table.setItem(row, 0, wanneer)
            self.table.setItem(row, 1, QTableWidgetItem(info.samenvatting))
            size = QTableWidgetItem(grootte(info.grootte))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, size)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("Terugzetten", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        if backups:
            self.table.selectRow(0)

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.gekozen = self.backups[rows[0].row()]
        super().accept()


def kies_backup(backups: list[BackupInfo], parent: QWidget | None = None) -> BackupInfo | None:
    dialog = KiesBackupDialog(backups, parent)
    dialog.exec()
    return dialog.gekozen
