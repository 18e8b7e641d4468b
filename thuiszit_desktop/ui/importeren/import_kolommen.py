"""The import wizards' column page: every column of the file, a few of its values, and what it will be used
for – recognised from the header (Magister, Somtoday), remembered from the school's last import, or chosen
here. The choice goes with the preview and the import, and a successful import remembers it.

Reading the first rows of the file runs in the background like the preview, so a large .xlsx never freezes the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.importkolommen import NIET, KolomVoorstel, controleer
from ...services.session import Services
from ..common import theme
from ..common.widgets import ErrorLabel, WrapLabel, hint
from .import_base import _LeesPage

NIET_GEBRUIKEN = "Niet gebruiken"
_KOLOM, _VOORBEELDEN, _VELD = range(3)


class KolommenPage(_LeesPage):
    voorbeeld: KolomVoorstel | None  # the columns as read, with what each will feed

    def __init__(self, services: Services, soort: str, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.soort = soort  # "leerlingen" or "verzuim"
        self.setTitle("Kolommen")
        self.setSubTitle("Welke kolom van het bestand is wat? De gebruikelijke namen van Magister en Somtoday "
                         "herkent het programma zelf; kies voor de rest.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.melding)
        self.tabel = QTableWidget(0, 3)
        self.tabel.setAccessibleName("Kolommen van het bestand")
        self.tabel.setHorizontalHeaderLabels(["Kolom in het bestand", "Bijvoorbeeld", "Gebruiken als"])
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabel.verticalHeader().hide()
        kop = self.tabel.horizontalHeader()
        kop.setSectionResizeMode(_KOLOM, QHeaderView.ResizeMode.ResizeToContents)
        kop.setSectionResizeMode(_VOORBEELDEN, QHeaderView.ResizeMode.Stretch)
        kop.setSectionResizeMode(_VELD, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tabel, 1)
        self.ontbreekt = ErrorLabel()
        layout.addWidget(self.ontbreekt)
        self.waarschuwing = WrapLabel()
        theme.style(self.waarschuwing, "color: {warning};")
        self.waarschuwing.hide()
        layout.addWidget(self.waarschuwing)
        self.onthouden = hint("Uw keuze wordt onthouden: bij de volgende import van dit soort bestand staat ze al "
                              "klaar. Kolommen die u niet gebruikt, worden overgeslagen.")
        layout.addWidget(self.onthouden)
        # While the table is hidden (a file that cannot be read): the reason right under the message, not both
        # spread over the page. (Stretch 0: the table, with 1, takes the room when it is shown.)
        layout.addStretch(0)
        self._combos: list[QComboBox] = []
        self._uitkomst = [self.tabel, self.onthouden, self.ontbreekt, self.waarschuwing]

    # --- QWizardPage ---

    def initializePage(self) -> None:
        self.stop()
        self.voorbeeld = None
        self.tabel.setRowCount(0)
        self._combos = []
        for widget in self._uitkomst:
            widget.hide()
        self.ontbreekt.set_error("")
        self.melding.hide()
        pad: Path = self.wizard().pad()
        self.status.setText(f"De kolommen van {pad.name} worden gelezen…")
        self.progress.setRange(0, 0)  # a few rows: no figures to show
        self.progress.show()
        soort = self.soort
        self.loader.start(lambda _progress: self.services.importeren.kolommen(pad, soort))
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self.stop()

    def isComplete(self) -> bool:
        return self.voorbeeld is not None and not self.ontbreekt.text()

    def _ontvangen(self, voorstel: KolomVoorstel) -> None:
        self.voorbeeld = voorstel
        self.status.setText(f"{self.wizard().pad().name} heeft {len(voorstel.kolommen)} kolommen. Controleer bij "
                            "elke kolom waarvoor hij gebruikt wordt:")
        self._vul(voorstel)
        self.tabel.show()
        self.onthouden.show()
        self._controleer()

    # --- the table ---

    def _vul(self, voorstel: KolomVoorstel) -> None:
        self.tabel.setRowCount(len(voorstel.kolommen))
        self._combos = []
        for r, kolom in enumerate(voorstel.kolommen):
            naam = QTableWidgetItem(kolom.naam)
            self.tabel.setItem(r, _KOLOM, naam)
            voorbeelden = QTableWidgetItem(", ".join(kolom.voorbeelden) if kolom.voorbeelden else "(leeg)")
            if not kolom.voorbeelden:
                voorbeelden.setForeground(theme.color("muted"))
            self.tabel.setItem(r, _VOORBEELDEN, voorbeelden)
            combo = QComboBox()
            combo.setAccessibleName(f"Kolom {kolom.naam} gebruiken als")
            combo.addItem(NIET_GEBRUIKEN, NIET)
            for veld in voorstel.velden:
                combo.addItem(veld.label, veld.naam)
            combo.setCurrentIndex(max(0, combo.findData(kolom.veld)))
            combo.currentIndexChanged.connect(lambda _i, r=r: self._gekozen(r))
            self.tabel.setCellWidget(r, _VELD, combo)
            self._combos.append(combo)
        self.tabel.resizeColumnsToContents()
        self.tabel.horizontalHeader().setSectionResizeMode(_VOORBEELDEN, QHeaderView.ResizeMode.Stretch)

    def _gekozen(self, rij: int) -> None:
        """One column per field: a field chosen here is taken from the column that had it."""
        veld = self._combos[rij].currentData()
        if veld != NIET:
            for r, combo in enumerate(self._combos):
                if r != rij and combo.currentData() == veld:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._controleer()

    def koppeling(self) -> dict[str, str]:
        """The choice as shown: normalised header → field ("" = not used)."""
        if self.voorbeeld is None:
            return {}
        return {k.sleutel: combo.currentData() for k, combo in zip(self.voorbeeld.kolommen, self._combos,
                                                                    strict=True)}

    def _controleer(self) -> None:
        controle = controleer(self.koppeling(), self.soort)
        labels = {v.naam: v.label for v in self.voorbeeld.velden} if self.voorbeeld else {}
        if controle.ontbreekt:
            namen = [_leesbaar(o, labels) for o in controle.ontbreekt]
            self.ontbreekt.set_error(f"Nog geen kolom voor: {', '.join(namen)}. Geef hierboven aan in welke kolom "
                                     "dat staat. Zonder kan er niet geïmporteerd worden.")
        else:
            self.ontbreekt.set_error("")
        self.waarschuwing.setText(" ".join(controle.waarschuwingen))
        self.waarschuwing.setVisible(bool(controle.waarschuwingen))
        self.completeChanged.emit()


def _leesbaar(ontbreekt: str, labels: dict[str, str]) -> str:
    """"'achternaam'" → "Achternaam"; "'reden' (of 'code')" → "Reden (of Code)"."""
    for naam, label in sorted(labels.items(), key=lambda x: -len(x[0])):
        ontbreekt = ontbreekt.replace(f"'{naam}'", label.split(" (")[0])
    return ontbreekt
