"""The afspraken of a gesprek: each a line of text that can become an actiepunt (wie, uiterlijk)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ...domain.traject import Persoon
from ..common import errors
from ..common.widgets import DateEdit, ErrorLabel, format_date, hint
from .personen import PersoonCombo


class AfspraakRow(QFrame):
    """One afspraak: its text and, when it becomes an actiepunt, who does it and by when."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, personen: list[Persoon], tekst: str = "", *, afspraak=None, actiepunt=None):
        super().__init__()
        self.afspraak = afspraak  # an existing Afspraak (read-only text) or None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.tekst = QLineEdit(tekst)
        self.tekst.setPlaceholderText("bijvoorbeeld: Zoë komt maandag het eerste uur naar school")
        self.actiepunt = QCheckBox("Wordt actiepunt")
        self.actiepunt.setToolTip("Maak er een actiepunt van, met wie het doet en wanneer het klaar moet zijn.")
        self.wie = PersoonCombo(personen, placeholder="wie doet het?")
        self.uiterlijk = DateEdit(blank_allowed=True)
        self.uiterlijk.setToolTip("Uiterlijk klaar op")
        self.wie_error = ErrorLabel()
        self.uiterlijk_error = ErrorLabel()
        self.error = ErrorLabel()
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Deze afspraak", self.tekst) and self.remove_requested.emit(self))
        self.done_label = QLabel()
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setWordWrap(True)

        grid.addWidget(self.tekst, 0, 0, 1, 3)
        grid.addWidget(self.remove_button, 0, 3)
        grid.addWidget(self.actiepunt, 1, 0)
        wie_box = QHBoxLayout()
        self.wie_label = QLabel("Wie:")
        self.uiterlijk_label = QLabel("Uiterlijk:")
        wie_box.addWidget(self.wie_label)
        wie_box.addWidget(self.wie, 1)
        wie_box.addSpacing(8)
        wie_box.addWidget(self.uiterlijk_label)
        wie_box.addWidget(self.uiterlijk)
        grid.addLayout(wie_box, 1, 1, 1, 3)
        grid.addWidget(self.wie_error, 2, 1, 1, 3)
        grid.addWidget(self.uiterlijk_error, 3, 1, 1, 3)
        grid.addWidget(self.done_label, 4, 0, 1, 4)
        grid.addWidget(self.error, 5, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        self.done_label.hide()

        if afspraak is not None:
            self.tekst.setReadOnly(True)
            self.remove_button.hide()
            if actiepunt is not None or afspraak.actiepunt_id is not None:
                self.actiepunt.hide()
                for w in (self.wie, self.uiterlijk, self.wie_label, self.uiterlijk_label):
                    w.hide()
                if actiepunt is not None:
                    self.done_label.setText(f"Actiepunt: {actiepunt.wie.naam}, uiterlijk "
                                            f"{format_date(actiepunt.uiterlijk)} ({actiepunt.status.label.lower()})")
                else:
                    self.done_label.setText("Hier is al een actiepunt van gemaakt.")
                self.done_label.show()
        self.actiepunt.toggled.connect(self._update)
        self._update()
        self.tekst.textChanged.connect(self.changed)
        self.actiepunt.toggled.connect(self.changed)
        self.wie.currentTextChanged.connect(self.changed)
        self.uiterlijk.dateChanged.connect(self.changed)

    def _update(self) -> None:
        on = self.actiepunt.isChecked()
        for w in (self.wie, self.uiterlijk, self.wie_label, self.uiterlijk_label):
            w.setEnabled(on)

    def wordt_actiepunt(self) -> bool:
        return self.actiepunt.isChecked() and not self.actiepunt.isHidden()

    def snapshot(self) -> tuple:
        return (self.tekst.text(), self.actiepunt.isChecked(), self.wie.currentText(), self.uiterlijk.value())

    def clear_errors(self) -> None:
        for label in (self.wie_error, self.uiterlijk_error, self.error):
            label.set_error("")

    def show_errors(self, fouten: dict[str, str]) -> None:
        self.wie_error.set_error(fouten.get("wie", ""))
        self.uiterlijk_error.set_error(fouten.get("uiterlijk", ""))
        self.error.set_error(fouten.get("wat", "") or fouten.get("", ""))


class AfsprakenList(QGroupBox):
    changed = Signal()

    def __init__(self, personen: list[Persoon], *, editable: bool = True):
        super().__init__("Afspraken")
        self.personen = personen
        self.rows: list[AfspraakRow] = []
        layout = QVBoxLayout(self)
        self.empty = hint("Nog geen afspraken. Wat spraken jullie af? Een afspraak kan meteen een actiepunt "
                          "worden, met wie het doet en wanneer.")
        layout.addWidget(self.empty)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout.addLayout(self.rows_layout)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Afspraak toevoegen")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add().tekst.setFocus())
        self.add_button.setVisible(editable)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add(self, tekst: str = "", **kw) -> AfspraakRow:
        row = AfspraakRow(self.personen, tekst, **kw)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.empty.hide()
        self.changed.emit()
        return row

    def remove(self, row: AfspraakRow) -> None:
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.add_button.setFocus()
        self.changed.emit()

    def nieuwe_teksten(self) -> str:
        """The typed texts of new afspraken, one per line (for the draft)."""
        return "\n".join(r.tekst.text() for r in self.rows if r.afspraak is None)

    def set_nieuwe_teksten(self, tekst: str) -> None:
        for row in [r for r in self.rows if r.afspraak is None]:
            self.remove(row)
        for regel in tekst.split("\n"):
            if regel.strip():
                self.add(regel)
