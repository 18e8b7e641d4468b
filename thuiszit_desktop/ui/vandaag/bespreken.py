"""Asking for the note when a signal is marked "besproken" (tests replace `vraag_notitie` in the dashboard,
like the helpers in errors.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..common.form import FormDialog
from ..common.widgets import hint
from ..models.signalen_model import SignaalRegel


class BesprekenDialog(FormDialog):
    """The note only: the dashboard saves it (one transaction) with what it knows of the signal."""

    def __init__(self, regel: SignaalRegel, parent: QWidget | None = None):
        super().__init__("Signaal besproken", parent)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        klas = f" ({regel.klas})" if regel.klas else ""
        wie = QLabel()
        wie.setTextFormat(Qt.TextFormat.PlainText)
        wie.setText(f"{regel.naam}{klas} – {regel.soort.label}")
        wie.setWordWrap(True)
        bold = QFont(wie.font())
        bold.setBold(True)
        wie.setFont(bold)
        layout.addWidget(wie)
        layout.addWidget(hint(regel.signaal.uitleg))
        vraag = QLabel("Wat is er besproken of afgesproken?")
        layout.addWidget(vraag)
        self.notitie = QPlainTextEdit(regel.bespreking.notitie if regel.bespreking else "")
        self.notitie.setPlaceholderText("Bijvoorbeeld: gemeld bij DUO, ouders gebeld, op de agenda van het MDO.")
        self.notitie.setTabChangesFocus(True)
        self.notitie.setMinimumHeight(self.fontMetrics().height() * 5)
        vraag.setBuddy(self.notitie)
        layout.addWidget(self.notitie, 1)
        layout.addWidget(hint("Het signaal blijft meetellen; in de lijst ziet u dat het besproken is."))
        buttons = QDialogButtonBox()
        save = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.notitie.setFocus()
        self._initial = self._snapshot()

    def _snapshot(self):
        return self.notitie.toPlainText()

    def _do_save(self) -> str:
        return self.notitie.toPlainText().strip()


def vraag_notitie(parent: QWidget | None, regel: SignaalRegel) -> str | None:
    """The note for "besproken", or None when the user cancels."""
    dialog = BesprekenDialog(regel, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value
