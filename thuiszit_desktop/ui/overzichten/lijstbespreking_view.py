"""The "Lijstbespreking" tab of Overzichten: every student with an open traject – leerlingnummer, categorie,
step, since when, casusregisseur, signals, last contact (gesprek or MDO), open actiepunten, next evaluation –
sortable and filterable, printed in the order and with the filter on screen (for the periodic review with the
SWV and leerplicht)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.zoeken import natuurlijke_sleutel
from ...services.overzichten import BesprekingsRij
from ...services.session import Services
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, hint
from ..common.worker import Loader
from ..models.lijstbespreking_model import (
    COL_ACTIEPUNTEN,
    COL_CASUSREGISSEUR,
    COL_CATEGORIE,
    COL_CONTACT,
    COL_EVALUATIE,
    COL_NAAM,
    COL_SIGNALEN,
    LijstFilter,
    LijstModel,
)
from .trends_view import OVERZICHT_MISLUKT


class LijstbesprekingView(QWidget):
    loaded = Signal(object)  # list[BesprekingsRij]
    open_leerling = Signal(str)  # a row was double-clicked (or Enter): its leerlingnummer

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self._geladen = False
        self.loader = Loader(services, self, crash_message=OVERZICHT_MISLUKT)

        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Stap:"))
        self.stap_combo = QComboBox()
        self.stap_combo.setAccessibleName("Stap")
        self.stap_combo.addItem("Alle stappen", None)
        for stap in range(1, 6):
            self.stap_combo.addItem(f"Stap {stap}", stap)
        filters.addWidget(self.stap_combo)
        filters.addWidget(QLabel("Klas:"))
        self.klas_combo = QComboBox()
        self.klas_combo.setAccessibleName("Klas")
        self.klas_combo.addItem("Alle klassen", None)
        filters.addWidget(self.klas_combo)
        self.over_tijd_check = QCheckBox("Alleen met actiepunten over tijd")
        filters.addWidget(self.over_tijd_check)
        filters.addStretch(1)
        self.aantal_label = QLabel()
        filters.addWidget(self.aantal_label)
        self.vernieuwen_button = QPushButton("Vernieuwen")
        self.vernieuwen_button.clicked.connect(self.laad)
        self.afdrukken_button = QPushButton("Afdrukken…")
        self.afdrukken_button.setToolTip("De lijst als PDF, met dit filter en deze volgorde")
        self.afdrukken_button.clicked.connect(self.afdrukken)
        layout.addLayout(filters)

        self.model = LijstModel(self)
        self.proxy = LijstFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tabel = QTableView()
        self.tabel.setModel(self.proxy)
        self.tabel.setSortingEnabled(True)
        self.tabel.sortByColumn(COL_NAAM, Qt.SortOrder.AscendingOrder)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setAlternatingRowColors(True)
        self.tabel.verticalHeader().hide()
        self.tabel.setWordWrap(True)
        header = self.tabel.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SIGNALEN, QHeaderView.ResizeMode.Stretch)
        # Eleven columns on a laptop screen: the longer texts wrap within a width that fits their usual value.
        fm = self.tabel.fontMetrics()
        for kolom, voorbeeld in ((COL_CATEGORIE, "Dreigend thuiszitter"), (COL_CASUSREGISSEUR, "Marloes van Dijk"),
                                 (COL_CONTACT, "04-12-2026 (telefoon)"), (COL_ACTIEPUNTEN, "2, eerste uiterlijk"),
                                 (COL_EVALUATIE, "04-01-2027")):
            header.setSectionResizeMode(kolom, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(kolom, fm.horizontalAdvance(voorbeeld) + 16)
        self.tabel.activated.connect(self._geactiveerd)
        layout.addWidget(self.tabel, 1)
        onder = QHBoxLayout()
        onder.addWidget(hint("Vertrouwelijk: deze lijst noemt leerlingen. Klik op een kolomkop om te sorteren; de "
                             "afdruk volgt het filter en de volgorde op het scherm. Dubbelklik op een leerling om "
                             "die te openen."), 1)
        onder.addWidget(self.vernieuwen_button)
        onder.addWidget(self.afdrukken_button)
        layout.addLayout(onder)

        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self.aantal_label.setText)
        self.stap_combo.currentIndexChanged.connect(self._filter)
        self.klas_combo.currentIndexChanged.connect(self._filter)
        self.over_tijd_check.toggled.connect(self._filter)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._geladen and not self.loader.busy:
            self.laad()

    def laad(self) -> None:
        services, vandaag = self.services, self.vandaag
        self.aantal_label.setText("De lijst wordt gemaakt…")
        self.loader.start(lambda _progress: services.overzichten.lijstbespreking(vandaag=vandaag))

    def wait(self, timeout: float | None = None) -> bool:
        return self.loader.wait(timeout)

    def _finished(self, rijen: list[BesprekingsRij]) -> None:
        self._geladen = True
        self.toon(rijen)
        self.loaded.emit(rijen)

    def toon(self, rijen: list[BesprekingsRij]) -> None:
        gekozen = self.klas_combo.currentData()
        self.model.set_rijen(rijen, self.vandaag)
        self.klas_combo.blockSignals(True)
        self.klas_combo.clear()
        self.klas_combo.addItem("Alle klassen", None)
        for klas in sorted({r.klas for r in rijen if r.klas}, key=natuurlijke_sleutel):
            self.klas_combo.addItem(klas, klas)
        self.klas_combo.setCurrentIndex(max(0, self.klas_combo.findData(gekozen)))
        self.klas_combo.blockSignals(False)
        self._filter()
        self.tabel.resizeRowsToContents()

    def _filter(self, *_args) -> None:
        self.proxy.set_filter(stap=self.stap_combo.currentData(), klas=self.klas_combo.currentData(),
                              over_tijd=self.over_tijd_check.isChecked())
        self.aantal_label.setText(f"{self.proxy.rowCount()} van {self.model.rowCount()} leerlingen")

    def _geactiveerd(self, index) -> None:
        self.open_leerling.emit(self.model.rijen[self.proxy.mapToSource(index).row()].leerlingnummer)

    def zichtbare_rijen(self) -> list[BesprekingsRij]:
        """The rows as on screen: filtered and in the current sort order."""
        return [self.model.rijen[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
                for r in range(self.proxy.rowCount())]

    def filtertekst(self) -> str:
        delen = []
        if self.stap_combo.currentData() is not None:
            delen.append(self.stap_combo.currentText().lower())
        if self.klas_combo.currentData() is not None:
            delen.append(f"klas {self.klas_combo.currentText()}")
        if self.over_tijd_check.isChecked():
            delen.append("alleen met actiepunten over tijd")
        return ", ".join(delen)

    def afdrukken(self) -> PdfPreviewDialog:
        rijen, filtertekst, services, vandaag = self.zichtbare_rijen(), self.filtertekst(), self.services, self.vandaag
        dialog = PdfPreviewDialog(self, "Lijstbespreking",
                                  lambda: services.overzichten.lijstbespreking_pdf(rijen, filtertekst, vandaag=vandaag),
                                  f"Lijstbespreking {format_date(vandaag)}.pdf", services=services)
        dialog.exec()
        return dialog
