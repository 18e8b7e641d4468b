"""The area "Overzichten": overviews over the whole school, one tab each (the quarterly overview first), as the
user's role allows: Kwartaaloverzicht, Trends and Werkt het? (zorgcoördinator and alleen-lezen), Lijstbespreking
(zorgcoördinator only).

Each tab is built the first time it is shown or asked for (`view.trends`).

The tab "Kwartaaloverzicht" is the pseudonymised thuiszittersoverzicht for the SWV (domain/kwartaal.py): a
quarter picker, the sortable table, totals per categorie and status, export to Excel, CSV and PDF and a
PDF preview. A mentor does not get this tab (the service refuses it too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.gebruiker import Rol
from ...domain.kwartaal import (
    Kwartaal,
    KwartaalOverzicht,
)
from ...paths import safe_file_name
from ...services.session import Services
from ..common.bestanden import EXPORT, bestand_opslaan
from ..common.opslaan import opslaan
from ..common.widgets import ErrorLabel, WrapLabel, heading, hint
from ..common.worker import Loader, geef_voorrang
from ..models.kwartaal_model import SORT_ROLE, KwartaalModel

if TYPE_CHECKING:  # each tab's module is imported when the tab is built (the PDF preview's when it opens):
    # together they held up the first showing of Overzichten (Qt's PDF and printing modules alone ~20 ms)
    from ..common.pdf_preview import PdfPreviewDialog
    from .lijstbespreking_view import LijstbesprekingView
    from .trends_view import TrendsView
    from .werkt_het_view import WerktHetView

KOLOM_INTERVENTIES = 8  # "Aanbod/interventies": the long one
RUIMTE_IN_CEL = 16  # more than a cell's margins: a text this much narrower than its column fits on one line
KWARTALEN_TERUG = 12  # the picker offers the running quarter and the 12 before it
FORMATEN = {  # extension → (button text, file filter)
    ".xlsx": ("Exporteren als Excel…", "Excel-bestanden (*.xlsx)"),
    ".csv": ("Exporteren als CSV…", "CSV-bestanden (*.csv)"),
    ".pdf": ("Exporteren als PDF…", "PDF-bestanden (*.pdf)"),
}


def save_file_name(parent: QWidget | None, voorstel: str, filter_: str) -> str:
    """Where to save an export ("" when cancelled); tests replace this module function."""
    path = bestand_opslaan(parent, "Kwartaaloverzicht opslaan", voorstel, filter_, EXPORT)
    return str(path) if path is not None else ""


class OverzichtenView(QTabWidget):
    """A tab widget with one tab per overview this user may see.

    The tab on screen is built at once, the others when first shown or asked for (`view.trends` …): each
    reads data as it is built, and together they held the window up (issue 16)."""

    open_leerling = Signal(str)  # a student named on the Lijstbespreking tab

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.setDocumentMode(True)
        self._bouw: dict[str, Callable[[], QWidget]] = {}  # title → builds the tab (until it is built)
        self._tabs: dict[str, QWidget] = {}  # title → the built tab
        rol = services.gebruiker.rol
        if rol in (Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN):  # pseudonymised: not for mentors
            self._later("Kwartaaloverzicht", lambda: KwartaalTab(services, vandaag=vandaag))
        # Trends and "werkt het?" are counts (alleen-lezen too); the lijstbespreking names students.
        if rol in (Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN):
            self._later("Trends", lambda: _trends(services))
            self._later("Werkt het?", lambda: _werkt_het(services))
        if rol == Rol.ZORGCOORDINATOR:
            self._later("Lijstbespreking", self._bouw_lijstbespreking(services, vandaag))
        self.currentChanged.connect(lambda i: self._tab(self.tabText(i)) if i >= 0 else None)
        if self.count():
            self._tab(self.tabText(self.currentIndex()))

    def _bouw_lijstbespreking(self, services: Services, vandaag: date | None) -> Callable[[], QWidget]:
        def bouw() -> QWidget:
            from .lijstbespreking_view import LijstbesprekingView

            view = LijstbesprekingView(services, vandaag=vandaag)
            view.open_leerling.connect(self.open_leerling)
            return view

        return bouw

    def _later(self, title: str, bouw: Callable[[], QWidget]) -> None:
        self._bouw[title] = bouw
        self.addTab(QWidget(), title)  # a placeholder until the tab is built

    def _tab(self, title: str) -> QWidget | None:
        """The tab `title`, built now if it was not yet (None when this user does not have it)."""
        if title in self._bouw:
            index = self.tab_titles().index(title)
            widget = self._tabs[title] = self._bouw.pop(title)()
            huidig = self.currentIndex()
            self.blockSignals(True)  # the same tab stays current: no "changed" for the swap
            try:
                placeholder = self.widget(index)
                self.removeTab(index)
                self.insertTab(index, widget, title)
                self.setCurrentIndex(huidig)
            finally:
                self.blockSignals(False)
            placeholder.deleteLater()
        return self._tabs.get(title)

    @property
    def kwartaal(self) -> KwartaalTab | None:
        return self._tab("Kwartaaloverzicht")

    @property
    def trends(self) -> TrendsView | None:
        return self._tab("Trends")

    @property
    def werkt_het(self) -> WerktHetView | None:
        return self._tab("Werkt het?")

    @property
    def lijstbespreking(self) -> LijstbesprekingView | None:
        return self._tab("Lijstbespreking")

    def tab_titles(self) -> list[str]:
        return [self.tabText(i) for i in range(self.count())]

    def wait(self, timeout: float | None = None) -> bool:
        """Block until background work has left its thread; before closing the database."""
        return all([t.wait(timeout) for t in self._tabs.values() if hasattr(t, "wait")])


class KwartaalTab(QWidget):
    """The quarterly overview; loads when first shown and whenever another quarter is picked."""

    loaded = Signal()  # the table shows `self.overzicht`
    failed = Signal(str)
    exported = Signal(str)  # the path written

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.overzicht: KwartaalOverzicht | None = None
        self._interventies: list[int] = []  # see `_fit_columns`
        self._hoog: set[int] = set()
        # one quarter at a time; picked again while busy: the newest pick is computed after it
        self.loader = Loader(services, self, crash_message="Het overzicht kon niet worden gemaakt.")
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Kwartaaloverzicht thuiszitters"))
        layout.addWidget(hint("Gepseudonimiseerd overzicht voor het samenwerkingsverband: iedere leerling die in het "
                              "kwartaal thuiszat, dreigde thuis te zitten, absoluut verzuim had of een vrijstelling "
                              "5a. Zonder namen, BSN of leerlingnummers, met maanden in plaats van data. Leerlingen "
                              "die terugkwamen, blijven erin."))

        keuze = QHBoxLayout()
        keuze.addWidget(QLabel("Kwartaal:"))
        self.picker = QComboBox()
        self.picker.setAccessibleName("Kwartaal")
        nu = Kwartaal.van_datum(self.vandaag)
        k = nu
        for _ in range(KWARTALEN_TERUG + 1):
            self.picker.addItem(f"{k} ({k.maanden})", str(k))
            k = k.vorige()
        self.picker.setCurrentIndex(self.picker.findData(str(nu.vorige())))  # the last complete quarter
        self.picker.currentIndexChanged.connect(self.load)
        keuze.addWidget(self.picker)
        self.status = WrapLabel("")  # the count, school and SWV: wraps on a small screen
        self.status.setObjectName("kwartaalStatus")
        keuze.addWidget(self.status, 1)
        layout.addLayout(keuze)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.model = KwartaalModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName("Kwartaaloverzicht")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the overview's own order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # The columns fit their contents; the interventies take the rest of the width and wrap onto more lines
        # (rows grow with them), so nothing is cut while the window has room (see `_fit_columns`).
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.viewport().installEventFilter(self)
        # sorted by a header: the long interventies are on other rows now
        self.proxy.layoutChanged.connect(lambda *_: self._fit_columns() if self.model.rijen else None)
        layout.addWidget(self.table, 1)

        self.totalen = WrapLabel("")
        self.totalen.setObjectName("kwartaalTotalen")
        self.totalen.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.totalen)

        knoppen = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for extensie, (tekst, _filter) in FORMATEN.items():
            knop = QPushButton(tekst)
            knop.clicked.connect(lambda _checked=False, e=extensie: self.exporteer(e))
            knoppen.addWidget(knop)
            self.export_buttons[extensie] = knop
        self.preview_button = QPushButton("PDF bekijken…")
        self.preview_button.clicked.connect(self.bekijk_pdf)
        knoppen.addWidget(self.preview_button)
        knoppen.addStretch(1)
        layout.addLayout(knoppen)
        self._knoppen_aan(False)

    # --- loading -------------------------------------------------------------------------------------

    def kwartaal(self) -> Kwartaal:
        return Kwartaal.parse(self.picker.currentData())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Lazily (the main window is built without computing this), and afresh each time the tab comes into
        # view: verzuim may have been imported meanwhile.
        if not event.spontaneous():
            self.load()

    def load(self, *_args) -> None:
        """Compute the picked quarter in the background (again, if one is running, after it)."""
        services, kwartaal, vandaag = self.services, self.kwartaal(), self.vandaag
        self.status.setText("Bezig met berekenen…")
        self.error.set_error("")
        self._knoppen_aan(False)
        self.loader.start(lambda _progress: services.kwartaal.overzicht(kwartaal, vandaag=vandaag,
                                                                       tussendoor=geef_voorrang))

    def wait(self, timeout: float | None = None) -> bool:
        return self.loader.wait(timeout)

    def _finished(self, overzicht: KwartaalOverzicht) -> None:
        self.overzicht = overzicht
        self.model.set_rijen(overzicht.rijen)
        self._fit_columns()
        n = len(overzicht.rijen)
        tekst = f"{n} leerling{'en' if n != 1 else ''} · {overzicht.school} ({overzicht.brin})"
        tekst += f" · {overzicht.swv}" if overzicht.swv else " · vul bij Instellingen › School het samenwerkingsverband in"
        if not overzicht.volledig:
            tekst += f" · verzuim tot en met {formaat.datum(overzicht.peildatum)} (het kwartaal is nog niet compleet)"
        self.status.setText(tekst)
        self.totalen.setText(_totalen_html(overzicht))
        self._knoppen_aan(True)
        self.loaded.emit()

    def _fit_columns(self) -> None:
        """Every column as wide as its contents, the interventies the width that is left (at least a few
        words), and each row as high as its wrapped interventies.

        Qt's resizeColumnsToContents and resizeRowsToContents ask every cell about a dozen roles, each a call
        into Python through the proxy – at a big school a third of a second with the window frozen. Here the
        widest text of each column is found with the font (in C++), and Qt measures only that cell. This runs
        once per overview; a resize of the table fits only the interventies (`_fit_interventies`)."""
        header = self.table.horizontalHeader()
        rijen = self.proxy.rowCount()
        teksten = [self.model.teksten[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in range(rijen)]
        fm = self.table.fontMetrics()
        rasterlijn = 1 if self.table.showGrid() else 0
        for kolom in range(self.model.columnCount()):
            if kolom == KOLOM_INTERVENTIES:
                continue
            breedte = header.sectionSizeHint(kolom)
            if rijen:
                rij = max(range(rijen), key=lambda r, k=kolom: fm.horizontalAdvance(teksten[r][k]))
                breedte = max(breedte, self.table.sizeHintForIndex(self.proxy.index(rij, kolom)).width() + rasterlijn)
            header.resizeSection(kolom, breedte)
        # per row (as shown) the width of its interventies on one line
        self._interventies = [fm.horizontalAdvance(t[KOLOM_INTERVENTIES]) for t in teksten]
        self._hoog: set[int] = set()  # rows made higher than one line
        self._fit_interventies()

    def _fit_interventies(self) -> None:
        """The interventies take the width the other columns leave; a row whose interventies do not fit on one
        line is as high as they need, every other row one line."""
        header, vertical = self.table.horizontalHeader(), self.table.verticalHeader()
        fm = self.table.fontMetrics()
        rest = self.table.viewport().width() - sum(header.sectionSize(i) for i in range(header.count())
                                                   if i != KOLOM_INTERVENTIES)
        minimum = fm.horizontalAdvance("Aangepast rooster, M@zl") + 12
        header.resizeSection(KOLOM_INTERVENTIES, max(rest, minimum))
        if not self._interventies:
            return
        past = header.sectionSize(KOLOM_INTERVENTIES) - RUIMTE_IN_CEL
        lang = {r for r, breedte in enumerate(self._interventies) if breedte > past}
        kort = next((r for r in range(len(self._interventies)) if r not in lang), None)
        if kort is not None and not self._hoog:
            vertical.setDefaultSectionSize(self.table.sizeHintForRow(kort))  # one line, every row
        for rij in self._hoog - lang:
            vertical.resizeSection(rij, vertical.defaultSectionSize())
        for rij in lang:
            self.table.resizeRowToContents(rij)
        self._hoog = lang

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self.model.rijen:
            self._fit_interventies()
        return super().eventFilter(watched, event)

    def _failed(self, melding: str) -> None:
        self.overzicht = None
        self.model.set_rijen(())
        self.totalen.setText("")
        self.status.setText("")
        self.error.set_error(melding)
        self.failed.emit(melding)

    def _knoppen_aan(self, aan: bool) -> None:
        for knop in (*self.export_buttons.values(), self.preview_button):
            knop.setEnabled(aan)

    # --- exports -------------------------------------------------------------------------------------

    def bestandsnaam(self, extensie: str) -> str:
        k = self.overzicht.kwartaal if self.overzicht else self.kwartaal()
        return safe_file_name(f"Kwartaaloverzicht thuiszitters {k}{extensie}")

    def exporteer(self, extensie: str) -> bool:
        """Ask where, then write the overview as Excel, CSV or PDF; True when written."""
        if self.overzicht is None:
            return False
        pad = save_file_name(self.window(), self.bestandsnaam(extensie), FORMATEN[extensie][1])
        if not pad:
            return False
        overzicht = self.overzicht
        path = opslaan(self, pad, lambda: self.services.kwartaal.export(overzicht, extensie), extensie,
                       services=self.services)
        if path is None:
            return False
        self.status.setText(f"Opgeslagen: {path}")
        self.exported.emit(str(path))
        return True

    def bekijk_pdf(self) -> PdfPreviewDialog | None:
        if self.overzicht is None:
            return None
        from ..common.pdf_preview import PdfPreviewDialog

        overzicht, services = self.overzicht, self.services
        dialog = PdfPreviewDialog(self.window(), f"Kwartaaloverzicht {overzicht.kwartaal}",
                                  lambda: services.kwartaal.export(overzicht, ".pdf"), self.bestandsnaam(".pdf"),
                                  services=services)
        dialog.open()
        return dialog


def _trends(services: Services) -> TrendsView:
    from .trends_view import TrendsView

    return TrendsView(services)


def _werkt_het(services: Services) -> WerktHetView:
    from .werkt_het_view import WerktHetView

    return WerktHetView(services)


def _totalen_html(o: KwartaalOverzicht) -> str:
    def regel(kop: str, tellingen: dict) -> str:
        return f"<b>{kop}:</b> " + " · ".join(f"{k.value} {n}" for k, n in tellingen.items())

    return "<br>".join((regel("Per categorie", o.per_categorie()), regel("Per status", o.per_status()),
                        regel("Duur", o.per_duur())))
