"""Help: the "Sneltoetsen" screen, made from the window's real actions so it never lies, and the
"Uitleg" (F1) of each screen, whose texts live in domain/uitleg.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.uitleg import scherm_uitleg
from ..common.widgets import heading, hint

ALGEMEEN = ("Met Tab gaat u naar het volgende veld, met Shift+Tab terug. Enter opent of bevestigt, Esc sluit "
            "een venster. Alt met de onderstreepte letter opent een menu.")


def action_text(action: QAction) -> str:
    """The menu text without the & of its mnemonic and without the trailing dots."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def _tijdelijke() -> list[tuple[QKeySequence, str]]:
    """Keys that work only at times, so no action of the window carries them (each from its own module)."""
    from ..common import ongedaan_bar

    return [(QKeySequence(ongedaan_bar.SNELTOETS), ongedaan_bar.SNELTOETS_UITLEG)]


def sneltoetsen(window: QWidget) -> list[tuple[str, str]]:
    """(key, what it does) for every action of the window that has a shortcut, in the order they were made,
    then the keys that work only at times (Ctrl+Z after a delete)."""
    rijen: list[tuple[str, str]] = []
    gezien: set[str] = set()
    for action in window.findChildren(QAction):
        toets = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if not toets or toets in gezien or not action.text():
            continue
        gezien.add(toets)
        wat = action.property("uitleg") or action_text(action)
        if not action.isEnabled():
            wat += " (nu niet beschikbaar)"
        rijen.append((toets, wat))
    for volgorde, wat in _tijdelijke():
        toets = volgorde.toString(QKeySequence.SequenceFormat.NativeText)
        if toets not in gezien:
            gezien.add(toets)
            rijen.append((toets, wat))
    return rijen


class SneltoetsenDialog(QDialog):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setWindowTitle("Sneltoetsen")
        self.rijen = sneltoetsen(window)
        self.tabel = QTableWidget(len(self.rijen), 2)
        self.tabel.setAccessibleName("Sneltoetsen")
        self.tabel.setHorizontalHeaderLabels(["Toets", "Wat het doet"])
        self.tabel.verticalHeader().hide()
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tabel.horizontalHeader().setStretchLastSection(True)
        for i, (toets, wat) in enumerate(self.rijen):
            self.tabel.setItem(i, 0, QTableWidgetItem(toets))
            self.tabel.setItem(i, 1, QTableWidgetItem(wat))
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        knoppen.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Sneltoetsen", 3))
        layout.addWidget(self.tabel, 1)
        layout.addWidget(hint(ALGEMEEN))
        layout.addWidget(knoppen)
        self.resize(520, 520)


class UitlegDialog(QDialog):
    """F1: what the current screen is for and what you can do there."""

    def __init__(self, scherm: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Uitleg – {scherm}")
        self.tekst = hint(scherm_uitleg(scherm))
        self.tekst.setAccessibleName(f"Uitleg bij {scherm}")
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        knoppen.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(scherm, 3))
        layout.addWidget(self.tekst)
        layout.addWidget(hint("Alle sneltoetsen staan onder Help → Sneltoetsen."))
        layout.addStretch(1)
        layout.addWidget(knoppen)
        self.resize(480, 300)


class UitlegPaneel(QWidget):
    """A collapsible "Uitleg" under a heading: closed it takes one line, open it shows the text."""

    def __init__(self, titel: str = "Uitleg", parent: QWidget | None = None, *, open_: bool = False):
        super().__init__(parent)
        self.knop = QToolButton()
        self.knop.setText(titel)
        self.knop.setCheckable(True)
        self.knop.setAutoRaise(True)
        self.knop.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.knop.setAccessibleName(titel)
        self.tekst = hint("")
        self.tekst.setAccessibleName(titel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.knop)
        layout.addWidget(self.tekst)
        self.knop.toggled.connect(self._toon)
        self.knop.setChecked(open_)
        self._toon(open_)

    def set_tekst(self, tekst: str) -> None:
        self.tekst.setText(tekst)

    def _toon(self, open_: bool) -> None:
        self.knop.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.tekst.setVisible(open_)
