"""The "Verzuimcodes" tab of the settings: what each absence code of the administration system means.

Saved with the dialog's Opslaan (instellingen_dialog.py), like the other tabs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.verzuim import Reden
from ...domain.verzuimcodes import STANDAARD_CODES
from ..common import theme
from ..common.widgets import ErrorLabel, WrapLabel

GEEN_VERZUIM = "Geen verzuim (overslaan)"
_REDEN_CODES = {r.value for r in Reden}  # the five redenen always mean themselves; not in the table


def zonder_redenen(codes: dict[str, Reden | None]) -> list[tuple[str, Reden | None]]:
    return [(c, r) for c, r in codes.items() if c.casefold() not in _REDEN_CODES]


class VerzuimcodesTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.standaard_gekozen = False  # "Standaardcodes terugzetten" was clicked (saved even when unchanged)
        layout = QVBoxLayout(self)
        uitleg = WrapLabel(
            "De leerlingadministratie (Magister, Somtoday) geeft elk verzuim een code, zoals Z voor ziek of S "
            "voor gespijbeld. Hier staat wat elke code betekent. Codes die geen verzuim zijn (te laat, "
            "aanwezig, huiswerk vergeten) worden bij de import overgeslagen.<br><br>"
            "Staat een code niet in deze lijst, dan beslist de kolom <b>geoorloofd</b> in het bestand: "
            "N wordt ongeoorloofd, J wordt overig geoorloofd. Zonder die kolom is zo'n regel een fout. "
            "De vijf redenen zelf (ongeoorloofd, ziek, verlof, schorsing, overig_geoorloofd) werken altijd.")
        uitleg.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(uitleg)
        self.codes_tabel = QTableWidget(0, 2)
        self.codes_tabel.setAccessibleName("Verzuimcodes")
        self.codes_tabel.setHorizontalHeaderLabels(["Code", "Betekent"])
        self.codes_tabel.verticalHeader().hide()
        self.codes_tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.codes_tabel.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed
                                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
        kop = self.codes_tabel.horizontalHeader()
        kop.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        kop.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.codes_tabel.setColumnWidth(1, 260)
        self.codes_tabel.itemChanged.connect(lambda _item: self.codes_fout.set_error(""))
        self.codes_tabel.itemSelectionChanged.connect(self._update_code_knoppen)
        layout.addWidget(self.codes_tabel, 1)
        self.codes_fout = ErrorLabel()
        layout.addWidget(self.codes_fout)
        knoppen = QHBoxLayout()
        self.code_toevoegen = QPushButton("Code toevoegen")
        self.code_toevoegen.clicked.connect(self.add_code)
        self.code_verwijderen = QPushButton("Verwijderen")
        self.code_verwijderen.clicked.connect(self.remove_codes)
        self.standaard_button = QPushButton("Standaardcodes terugzetten")
        self.standaard_button.setToolTip("De lijst van het programma: gangbare codes van Magister en Somtoday")
        self.standaard_button.clicked.connect(self.restore_default_codes)
        for w in (self.code_toevoegen, self.code_verwijderen):
            w.setAutoDefault(False)
            knoppen.addWidget(w)
        knoppen.addStretch(1)
        self.standaard_button.setAutoDefault(False)
        knoppen.addWidget(self.standaard_button)
        layout.addLayout(knoppen)

    def _reden_combo(self, reden: Reden | None) -> QComboBox:
        combo = QComboBox()
        for r in Reden:
            combo.addItem(r.label, r.value)
        combo.addItem(GEEN_VERZUIM, "")
        combo.setCurrentIndex(combo.findData(reden.value if reden else ""))
        combo.currentIndexChanged.connect(lambda _i: self.codes_fout.set_error(""))
        return combo

    def _add_row(self, code: str, reden: Reden | None) -> int:
        r = self.codes_tabel.rowCount()
        self.codes_tabel.insertRow(r)
        self.codes_tabel.setItem(r, 0, QTableWidgetItem(code))
        self.codes_tabel.setCellWidget(r, 1, self._reden_combo(reden))
        return r

    def set_codes(self, codes: list[tuple[str, Reden | None]]) -> None:
        self.codes_tabel.setRowCount(0)
        for code, reden in codes:
            self._add_row(code, reden)
        self._update_code_knoppen()

    def codes(self) -> list[tuple[str, Reden | None]]:
        """The table as shown: (code, reden or None) per row, empty codes included."""
        uit = []
        for r in range(self.codes_tabel.rowCount()):
            item = self.codes_tabel.item(r, 0)
            combo = self.codes_tabel.cellWidget(r, 1)
            waarde = combo.currentData() if isinstance(combo, QComboBox) else ""
            uit.append(((item.text() if item else "").strip(), Reden(waarde) if waarde else None))
        return uit

    def add_code(self) -> None:
        r = self._add_row("", Reden.ONGEOORLOOFD)
        self.codes_tabel.setCurrentCell(r, 0)
        self.codes_tabel.scrollToItem(self.codes_tabel.item(r, 0))
        self.codes_tabel.setFocus()
        self.codes_tabel.editItem(self.codes_tabel.item(r, 0))

    def remove_codes(self) -> None:
        for r in sorted({i.row() for i in self.codes_tabel.selectedIndexes()}, reverse=True):
            self.codes_tabel.removeRow(r)
        self._update_code_knoppen()

    def restore_default_codes(self) -> None:
        self.set_codes(zonder_redenen(STANDAARD_CODES))
        self.standaard_gekozen = True
        self.codes_fout.set_error("")

    def _update_code_knoppen(self) -> None:
        self.code_verwijderen.setEnabled(bool(self.codes_tabel.selectedIndexes()))

    def markeer_dubbel(self) -> None:
        """Colour the rows whose code occurs twice (case-insensitive)."""
        self.codes_tabel.blockSignals(True)  # (colouring is no edit: it must not clear the message)
        try:
            self._kleur_dubbel()
        finally:
            self.codes_tabel.blockSignals(False)

    def _kleur_dubbel(self) -> None:
        gezien: dict[str, int] = {}
        for r, (code, _reden) in enumerate(self.codes()):
            item = self.codes_tabel.item(r, 0)
            if item is None:
                continue
            sleutel = " ".join(code.split()).casefold()
            dubbel = bool(sleutel) and sleutel in gezien
            item.setBackground(theme.color("danger_bg") if dubbel else QColor(0, 0, 0, 0))
            if dubbel:
                self.codes_tabel.item(gezien[sleutel], 0).setBackground(theme.color("danger_bg"))
            gezien.setdefault(sleutel, r)

    def codes_dict(self) -> dict[str, Reden | None]:
        return {code: reden for code, reden in self.codes() if code}
