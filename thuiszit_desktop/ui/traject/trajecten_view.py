"""All open trajecten of the school (filter on step and casusregisseur, sortable), and below them the open
actiepunten: "Mijn actiepunten" and "Alle open actiepunten", overdue ones in red.

Embedding: `view = TrajectenView(services)`; `view.open_leerling` (leerlingnummer) on double-click or Enter;
`view.refresh()` after the data changed elsewhere; `view.changed` after an actiepunt's status changed here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.actiepunt import Actiepunt
from ...domain.gebruiker import Rol
from ...domain.traject import ActiepuntStatus, Stap, TrajectRij
from ...domain.zoeken import sorteersleutel
from ...services.session import Services
from ..common import errors, theme
from ..common.widgets import format_date, heading, hint
from ..models.trajecten_model import (
    COL_TERMIJN,
    ROW_ROLE,
    TrajectenFilter,
    TrajectenModel,
    TrajectRegel,
    stap_kort,
    trajectregels,
)

ALLE = "__alle__"
RIJEN_VOOR_BREEDTE = 50  # lines (besides those on screen) that column widths are fitted to
IK = "__ik__"


class TrajectenTable(QTableView):
    enter_pressed = Signal()

    def __init__(self):
        super().__init__()
        self.setTabKeyNavigation(False)  # Tab leaves the table for the actiepunten, as in the other lists

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class ActiepuntenTree(QTreeWidget):
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class TrajectenView(QWidget):
    open_leerling = Signal(str)
    changed = Signal()
    signalen_requested = Signal()  # the empty state's button: the signals, where a traject starts

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None,
                 in_delen: bool = False):
        """`in_delen`: built to be shown at once (the main window): the trajecten and actiepunten are read in
        the turn of the event loop after the first paint (`af`), so no single turn blocks the window for long
        (issue 16)."""
        super().__init__(parent)
        self.services = services
        self._gelezen = False  # refresh() has run
        self._in_delen = in_delen
        self.vandaag_vast = vandaag
        self.can_status = services.gebruiker.rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Trajecten", 6))
        # A mentor sees the trajecten of their own klassen only, and cannot open one (the zorgcoördinator does).
        self.mentor = services.gebruiker.rol == Rol.MENTOR
        wiens = "van leerlingen uit uw klassen" if self.mentor else "van de school"
        layout.addWidget(hint(f"Alle open trajecten {wiens}. Dubbelklik op een regel (of druk op Enter) om de "
                              "leerling te openen."))
        filters = QHBoxLayout()
        self.zoek = QLineEdit()
        self.zoek.setPlaceholderText("Zoek op naam, klas of leerlingnummer")
        self.zoek.setAccessibleName("Zoek een traject")
        self.zoek.setClearButtonEnabled(True)
        self.zoek.textChanged.connect(self._filter)
        filters.addWidget(self.zoek, 2)
        filters.addWidget(QLabel("Stap:"))
        self.stap = QComboBox()
        self.stap.addItem("Alle stappen", None)
        for s in Stap:
            self.stap.addItem(f"{int(s)}. {stap_kort(s)}", int(s))
            self.stap.setItemData(self.stap.count() - 1, s.titel, Qt.ItemDataRole.ToolTipRole)
        self.stap.currentIndexChanged.connect(self._filter)
        filters.addWidget(self.stap)
        filters.addWidget(QLabel("Casusregisseur:"))
        self.eigenaar = QComboBox()
        self.eigenaar.setMinimumContentsLength(14)
        self.eigenaar.currentIndexChanged.connect(self._filter)
        filters.addWidget(self.eigenaar)
        self.count_label = QLabel()
        filters.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(filters)

        self.model = TrajectenModel(self, vandaag=vandaag)
        self.proxy = TrajectenFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = TrajectenTable()
        self.table.setAccessibleName("Open trajecten")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_TERMIJN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Column widths from the lines on screen and a sample below them, not every line: each cell asked is a
        # dozen calls into Python, and a school with hundreds of trajecten froze the window fitting them.
        header.setResizeContentsPrecision(RIJEN_VOOR_BREEDTE)
        self.table.doubleClicked.connect(lambda index: self._open_row(index))
        self.table.enter_pressed.connect(lambda: self._open_row(self.table.currentIndex()))
        self.leeg = hint("")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.leeg)
        self.leeg_knop = QPushButton("Signalen bekijken")
        self.leeg_knop.setToolTip("Op Vandaag ziet u welke leerlingen een signaal hebben; open daar een leerling")
        self.leeg_knop.clicked.connect(self.signalen_requested)
        top_layout.addWidget(self.leeg_knop, 0, Qt.AlignmentFlag.AlignLeft)

        self.tabs = QTabWidget()
        self.mijn = self._actie_tree()
        self.alle = self._actie_tree()
        self.tabs.addTab(self._actie_page(self.mijn), "Mijn actiepunten")
        self.tabs.addTab(self._actie_page(self.alle), "Alle open actiepunten")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        if in_delen:  # the filters as they will be; nothing that says "no trajecten" before they are read
            self._fill_eigenaren()
            self.leeg.hide()
            self.leeg_knop.hide()
        else:
            self.refresh()

    def af(self) -> None:
        """The trajecten and actiepunten, when they were not read yet (see `in_delen`)."""
        if not self._gelezen:
            self.refresh()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._in_delen:  # painted without its lines: they come in the next turn of the event loop
            self._in_delen = False
            QTimer.singleShot(1, self, self.af)

    @property
    def vandaag(self) -> date:
        return self.vandaag_vast or date.today()

    def _actie_tree(self) -> ActiepuntenTree:
        tree = ActiepuntenTree()
        tree.setAccessibleName("Actiepunten")
        tree.setHeaderLabels(["Uiterlijk", "Leerling", "Wat", "Wie"])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.header().setStretchLastSection(True)
        tree.header().setResizeContentsPrecision(RIJEN_VOOR_BREEDTE)
        tree.itemDoubleClicked.connect(lambda item, _c: self._open_actie(item))
        tree.enter_pressed.connect(lambda t=tree: self._open_actie(t.currentItem()))
        tree.itemSelectionChanged.connect(self._update_buttons)
        return tree

    def _actie_page(self, tree: ActiepuntenTree) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        gedaan = QPushButton("Gedaan")
        vervallen = QPushButton("Vervallen")
        vervallen.setToolTip("Het actiepunt is niet meer nodig")
        for b, status in ((gedaan, ActiepuntStatus.GEDAAN), (vervallen, ActiepuntStatus.VERVALLEN)):
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, t=tree, s=status: self.set_status(t, s))
            b.setVisible(self.can_status)
            row.addWidget(b)
        row.addStretch(1)
        leeg = hint("")
        row.addWidget(leeg)
        tree.buttons = (gedaan, vervallen)
        tree.leeg = leeg
        layout.addLayout(row)
        layout.addWidget(tree, 1)
        return page

    # --- data -------------------------------------------------------------------------------------------

    @property
    def kan_afdrukken(self) -> bool:
        return self.services.gebruiker.rol == Rol.ZORGCOORDINATOR  # the printed list names every student

    def afdrukken(self) -> None:
        """Ctrl+P: every open traject as the lijstbespreking (Overzichten › Lijstbespreking prints a selection)."""
        from ..common.pdf_preview import PdfPreviewDialog

        services, vandaag = self.services, self.vandaag_vast or date.today()
        PdfPreviewDialog(self, "Lijstbespreking", lambda: services.overzichten.lijstbespreking_pdf(vandaag=vandaag),
                         f"Lijstbespreking {format_date(vandaag)}.pdf", services=services).exec()

    def refresh(self) -> None:
        self._gelezen = True
        tr = self.services.trajecten
        self.model.vandaag = self.vandaag
        open_acties = self.services.actiepunten.open_actiepunten()
        self.model.set_regels(trajectregels(tr.lijst(), open_acties, self.model.vandaag))
        self._fill_eigenaren()
        self._filter()
        self.table.resizeColumnsToContents()
        self._fill_acties(self.mijn, self.services.actiepunten.mijn_actiepunten(), "Mijn actiepunten",
                          "U heeft geen open actiepunten.")
        self._fill_acties(self.alle, open_acties, "Alle open actiepunten", "Er zijn geen open actiepunten.")

    def _fill_eigenaren(self) -> None:
        huidig = self.eigenaar.currentData()
        namen = sorted({r.rij.eigenaar for r in self.model.rijen if r.rij.eigenaar}, key=sorteersleutel)
        self.eigenaar.blockSignals(True)
        self.eigenaar.clear()
        self.eigenaar.addItem("Iedereen", ALLE)
        self.eigenaar.addItem(f"Ik ({self.services.gebruiker.naam})", IK)
        for naam in namen:
            self.eigenaar.addItem(naam, naam)
        i = self.eigenaar.findData(huidig) if huidig is not None else 0
        self.eigenaar.setCurrentIndex(max(i, 0))
        self.eigenaar.blockSignals(False)

    def _filter(self) -> None:
        eigenaar = self.eigenaar.currentData()
        if eigenaar == ALLE:
            eigenaar = None
        elif eigenaar == IK:
            eigenaar = self.services.gebruiker.naam
        self.proxy.set_filter(stap=self.stap.currentData(), eigenaar=eigenaar, zoek=self.zoek.text())
        n, totaal = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{n} van {totaal} trajecten" if n != totaal else
                                 f"{totaal} open traject{'en' if totaal != 1 else ''}")
        if totaal == 0:
            self.leeg.setText("Er zijn nog geen open trajecten voor leerlingen uit uw klassen. Alleen de "
                              "zorgcoördinator kan een traject openen." if self.mentor else
                              "Er zijn nog geen open trajecten. Open een traject op de pagina van een leerling, "
                              "op het tabblad Traject.")
        elif n == 0:
            self.leeg.setText("Geen trajecten met deze filters.")
        self.leeg.setVisible(n == 0)
        self.leeg_knop.setVisible(totaal == 0)

    def _fill_acties(self, tree: ActiepuntenTree, acties: list[Actiepunt], titel: str, leeg: str) -> None:
        tree.clear()
        tree.acties = {a.id: a for a in acties}
        te_laat = 0
        for a in acties:
            laat = a.te_laat(self.vandaag)
            te_laat += laat
            item = QTreeWidgetItem([format_date(a.uiterlijk) + (" · te laat" if laat else ""), a.leerling_naam,
                                    a.wat, a.wie.naam])
            item.setData(0, Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(2, a.wat)
            if laat:
                for c in range(4):
                    item.setForeground(c, theme.color("danger"))
            tree.addTopLevelItem(item)
        for c in (0, 1):
            tree.resizeColumnToContents(c)  # (a sample of lines: see __init__)
        tree.setColumnWidth(2, max(tree.columnWidth(2), 320))
        i = self.tabs.indexOf(tree.parentWidget())
        extra = f", {te_laat} te laat" if te_laat else ""
        self.tabs.setTabText(i, f"{titel} ({len(acties)}{extra})")
        tree.leeg.setText("" if acties else leeg)
        self._update_buttons()

    def _update_buttons(self) -> None:
        for tree in (self.mijn, self.alle):
            item = tree.currentItem()
            for b in tree.buttons:
                b.setEnabled(item is not None and item.isSelected())

    # --- actions ----------------------------------------------------------------------------------------

    def _open_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        regel: TrajectRegel = self.proxy.data(index, ROW_ROLE)
        if regel is not None:
            self.open_leerling.emit(regel.rij.leerlingnummer)

    def _open_actie(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        tree = item.treeWidget()
        a = tree.acties.get(item.data(0, Qt.ItemDataRole.UserRole))
        if a is not None:
            self.open_leerling.emit(a.leerlingnummer)

    def set_status(self, tree: ActiepuntenTree, status: ActiepuntStatus) -> bool:
        item = tree.currentItem()
        if item is None:
            return False
        a = tree.acties.get(item.data(0, Qt.ItemDataRole.UserRole))
        if a is None:
            return False
        try:
            self.services.actiepunten.actiepunt_status(a.id, status, vandaag=self.vandaag_vast, versie=a.rijversie)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.refresh()
        self.changed.emit()
        return True

    def rows(self) -> list[TrajectRij]:
        """The trajecten as shown (filtered and sorted), top to bottom."""
        return [self.proxy.data(self.proxy.index(r, 0), ROW_ROLE).rij for r in range(self.proxy.rowCount())]

    def select(self, leerlingnummer: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if self.proxy.data(index, ROW_ROLE).rij.leerlingnummer == leerlingnummer:
                self.table.setCurrentIndex(index)
                self.table.selectRow(r)
                return True
        return False
