"""The "Lijstbespreking" tab of Overzichten: every student with an open traject – leerlingnummer, categorie,
step, since when, casusregisseur, signals, last contact (gesprek or MDO), open actiepunten, next evaluation –
sortable and filterable, printed in the order and with the filter on screen (for the periodic review with the
SWV and leerplicht)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
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

from ...domain.zoeken import natuurlijke_sleutel, sorteersleutel
from ...services.overzichten import KOLOMMEN, BesprekingsRij
from ...services.session import Services
from ..common import theme
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, hint
from .trends_view import Lader

(COL_NAAM, COL_NUMMER, COL_KLAS, COL_CATEGORIE, COL_STAP, COL_SINDS, COL_CASUSREGISSEUR, COL_SIGNALEN, COL_CONTACT,
 COL_ACTIEPUNTEN, COL_EVALUATIE) = range(11)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_KOP = {COL_NUMMER: "Nr.", COL_EVALUATIE: "Evaluatie"}  # short headers on screen; the full name as tooltip
_LEEG = date.max  # sorts "none" last


class LijstModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rijen: list[BesprekingsRij] = []
        self.vandaag = date.today()

    def set_rijen(self, rijen: list[BesprekingsRij], vandaag: date) -> None:
        self.beginResetModel()
        self.rijen = list(rijen)
        self.vandaag = vandaag
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rijen)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(KOLOMMEN)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _KOP.get(section, KOLOMMEN[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return KOLOMMEN[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rijen[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return r.cellen()[col]
        if role == SORT_ROLE:
            return (r.sleutel or sorteersleutel(r.naam), natuurlijke_sleutel(r.leerlingnummer),
                    natuurlijke_sleutel(r.klas), r.categorie.label, int(r.stap), r.sinds or _LEEG,
                    sorteersleutel(r.casusregisseur), r.signalen_tekst,
                    r.laatste_contact or date.min, (r.eerste_deadline or _LEEG, -r.open_actiepunten),
                    r.volgende_evaluatie or _LEEG)[col]
        te_laat = (col == COL_ACTIEPUNTEN and r.actiepunten_over_tijd) or (col == COL_EVALUATIE
                                                                            and r.evaluatie_over_tijd)
        if role == Qt.ItemDataRole.ForegroundRole and te_laat:
            return theme.color("danger")
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STAP:
            return r.stap.titel
        return None


class LijstFilter(QSortFilterProxyModel):
    """Filters on stap, klas and "actiepunten over tijd"; sorts by SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.stap: int | None = None
        self.klas: str | None = None
        self.over_tijd = False

    def set_filter(self, *, stap: int | None, klas: str | None, over_tijd: bool) -> None:
        self.beginFilterChange()
        self.stap, self.klas, self.over_tijd = stap, klas, over_tijd
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        r = self.sourceModel().rijen[row]
        return ((self.stap is None or int(r.stap) == self.stap) and (self.klas is None or r.klas == self.klas)
                and (not self.over_tijd or r.actiepunten_over_tijd > 0))

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class LijstbesprekingView(QWidget):
    loaded = Signal(object)  # list[BesprekingsRij]
    open_leerling = Signal(str)  # a row was double-clicked (or Enter): its leerlingnummer

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self._geladen = False
        self.lader = Lader(services, self)

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

        self.lader.klaar.connect(self._klaar)
        self.lader.mislukt.connect(self.aantal_label.setText)
        self.stap_combo.currentIndexChanged.connect(self._filter)
        self.klas_combo.currentIndexChanged.connect(self._filter)
        self.over_tijd_check.toggled.connect(self._filter)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._geladen and not self.lader.bezig:
            self.laad()

    def laad(self) -> None:
        services, vandaag = self.services, self.vandaag
        self.aantal_label.setText("De lijst wordt gemaakt…")
        self.lader.start(lambda: services.overzichten.lijstbespreking(vandaag=vandaag))

    def wait(self, timeout: float | None = None) -> bool:
        return self.lader.wait(timeout)

    def _klaar(self, rijen: list[BesprekingsRij]) -> None:
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
                                  f"Lijstbespreking {format_date(vandaag)}.pdf", on_thread_end=services.end_thread)
        dialog.exec()
        return dialog
