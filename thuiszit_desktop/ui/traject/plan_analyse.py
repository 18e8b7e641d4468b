"""Two parts of the plan van aanpak editor that are about what ouders will read:

- `AnalyseTabel`: the analysis as ouders get it – per domain "Wat het moeilijk maakt" and "Wat helpt" – filled
  from step 4 in plain words (domain/gewone_woorden.py), with the free text of older versions beneath it;
- `Aandacht`: a panel above the form that, while the plan is written, names the professional words with the
  plain words to use instead (and replaces them on request), the dates to look at again (in the past, or on
  a day without lessons) and, for a later version, what changed since the version before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.gewone_woorden import Vakwoord, domein_voor_ouders
from ...domain.traject import Domein, Factoren
from ..common import theme
from ..common.widgets import hint


class AnalyseTabel(QWidget):
    """A 4 × 2 grid of texts (domain × moeilijk/helpt) and the free text under it."""

    changed = Signal()

    def __init__(self, voornaam: str, maak_tekst: Callable[[str, int], QWidget]):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint("Zo lezen ouders de analyse: gewone woorden, zonder vaktermen of etiketten. "
                              "Begonnen met de analyse uit stap 4; vul aan of pas aan."))
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        for col, kop in ((1, "Wat het moeilijk maakt"), (2, "Wat helpt")):
            label = QLabel(kop)
            label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, 0, col)
        self.cellen: dict[Domein, tuple[QWidget, QWidget]] = {}
        for rij, domein in enumerate(Domein, 1):
            naam = domein_voor_ouders(domein, voornaam)
            grid.addWidget(QLabel(naam), rij, 0)
            moeilijk, helpt = maak_tekst("", 54), maak_tekst("", 54)
            moeilijk.setAccessibleName(f"{naam}: wat het moeilijk maakt")
            helpt.setAccessibleName(f"{naam}: wat helpt")
            for c, edit in ((1, moeilijk), (2, helpt)):
                grid.addWidget(edit, rij, c)
                edit.textChanged.connect(self.changed)
            self.cellen[domein] = (moeilijk, helpt)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        self.verder_label = QLabel("Verder (komt onder de tabel)")
        layout.addWidget(self.verder_label)
        self.verder = maak_tekst("Nog iets wat ouders over de analyse moeten weten?", 54)
        self.verder.setAccessibleName("Verder over de analyse")
        self.verder.textChanged.connect(self.changed)
        layout.addWidget(self.verder)
        knoppen = QHBoxLayout()
        self.vullen_button = QPushButton("Opnieuw vullen vanuit stap 4")
        self.vullen_button.setAutoDefault(False)
        self.vullen_button.setToolTip("Vervang de tabel door de analyse van stap 4, in gewone woorden")
        knoppen.addWidget(self.vullen_button)
        knoppen.addStretch(1)
        layout.addLayout(knoppen)

    def edits(self) -> list[QWidget]:
        return [e for paar in self.cellen.values() for e in paar] + [self.verder]

    def waarde(self) -> dict[Domein, Factoren]:
        return {d: Factoren(m.toPlainText(), h.toPlainText()) for d, (m, h) in self.cellen.items()
                if m.toPlainText().strip() or h.toPlainText().strip()}

    def zet(self, factoren: dict[Domein, Factoren], verder: str) -> None:
        for d, (m, h) in self.cellen.items():
            f = factoren.get(d, Factoren())
            m.setPlainText(f.risico)
            h.setPlainText(f.beschermend)
        self.verder.setPlainText(verder)

    def set_read_only(self, read_only: bool) -> None:
        for e in self.edits():
            e.setReadOnly(read_only)
        self.vullen_button.setVisible(not read_only)


class Aandacht(QWidget):
    """Professional words with their plain words (and "Vervang door gewone woorden"), dates to check, and
    what changed since the version before. Each part hides when it has nothing to say."""

    def __init__(self):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.woorden = QLabel()
        self.woorden.setWordWrap(True)
        self.vervang_button = QPushButton("Vervang door gewone woorden")
        self.vervang_button.setAutoDefault(False)
        rij = QHBoxLayout()
        rij.addWidget(self.woorden, 1)
        rij.addWidget(self.vervang_button)
        self.woorden_box = QWidget()
        self.woorden_box.setLayout(rij)
        rij.setContentsMargins(0, 0, 0, 0)
        self.datums = QLabel()
        self.datums.setWordWrap(True)
        self.wijzigingen = QLabel()
        self.wijzigingen.setWordWrap(True)
        for w in (self.woorden, self.datums):
            theme.style(w, "color: {warning}; background: {warning_bg}; border: 1px solid {warning_border}; "
                           "border-radius: 4px; padding: 6px;")
        theme.style(self.wijzigingen, "border: 1px solid {warning_border}; border-radius: 4px; padding: 6px;")
        for w in (self.woorden_box, self.datums, self.wijzigingen):
            layout.addWidget(w)
            w.hide()

    def toon(self, vakwoorden: list[Vakwoord], datums: list[str], wijzigingen: list[str] | None,
             vorige_versie: int | None = None) -> None:
        if vakwoorden:
            self.woorden.setText("Ouders lezen dit plan. Deze woorden zijn vaktaal; zeg liever:\n" + "\n".join(
                f"• ‘{w.gevonden}’ → {w.voorstel}" for w in vakwoorden))
        self.woorden_box.setVisible(bool(vakwoorden))
        self.datums.setText("Kijk nog eens naar deze datums:\n" + "\n".join(f"• {t}" for t in datums))
        self.datums.setVisible(bool(datums))
        if wijzigingen is not None:
            self.wijzigingen.setText(f"Wat er veranderd is sinds versie {vorige_versie} (dit staat ook in het plan):\n"
                                     + ("\n".join(f"• {t}" for t in wijzigingen) or "• nog niets"))
        self.wijzigingen.setVisible(wijzigingen is not None)
