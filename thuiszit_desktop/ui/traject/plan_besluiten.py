"""Beside the plan van aanpak, the besluiten of the traject's MDO's: what was decided together is what the plan
works out, so each besluit can be taken over as an interventie or an afspraak with one click."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.mdo import Mdo
from ..common.widgets import WrapLabel, format_date, hint


def _sleutel(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


class MdoBesluiten(QGroupBox):
    """`als_interventie(tekst)` / `als_afspraak(tekst)` when a besluit's button is pressed; `markeer(teksten)`
    shows which besluiten are in the plan already."""

    als_interventie = Signal(str)
    als_afspraak = Signal(str)

    def __init__(self, mdos: list[Mdo], parent: QWidget | None = None):
        super().__init__("Besluiten uit het MDO", parent)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Wat in het MDO is besloten, werkt het plan uit. Neem een besluit over als interventie "
                              "of als afspraak en vul daar aan wie wat doet."))
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self.regels: list[tuple[str, WrapLabel, QPushButton, QPushButton]] = []
        rij = 0
        for mdo in mdos:
            if not mdo.besluiten:
                continue
            kop = QLabel(f"MDO van {format_date(mdo.datum)}")
            kop.setStyleSheet("font-weight: bold;")
            grid.addWidget(kop, rij, 0, 1, 3)
            rij += 1
            for b in mdo.besluiten:
                label = WrapLabel(f"{b.nummer}. {b.tekst}")
                label.setTextFormat(Qt.TextFormat.PlainText)
                interventie = QPushButton("Als interventie")
                afspraak = QPushButton("Als afspraak")
                for knop in (interventie, afspraak):
                    knop.setAutoDefault(False)
                interventie.clicked.connect(lambda _=False, t=b.tekst: self.als_interventie.emit(t))
                afspraak.clicked.connect(lambda _=False, t=b.tekst: self.als_afspraak.emit(t))
                grid.addWidget(label, rij, 0)
                grid.addWidget(interventie, rij, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(afspraak, rij, 2, Qt.AlignmentFlag.AlignTop)
                self.regels.append((b.tekst, label, interventie, afspraak))
                rij += 1

    def markeer(self, in_plan: set[str]) -> None:
        """Besluiten whose text is already an interventie or afspraak of the plan: "(in het plan)", no buttons."""
        sleutels = {_sleutel(t) for t in in_plan}
        for tekst, label, *knoppen in self.regels:
            overgenomen = _sleutel(tekst) in sleutels
            label.setEnabled(not overgenomen)
            label.setToolTip("Staat al in het plan" if overgenomen else "")
            for knop in knoppen:
                knop.setEnabled(not overgenomen)
