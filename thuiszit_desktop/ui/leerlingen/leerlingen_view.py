"""The student list: search as you type, filter on klas, mentor, level and signal, open a student.

The rows come at once from `lijst()`; levels and signals are computed in the background (the same
overzicht as the dashboard) and merged with `set_overzicht` when they are ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.signaalsoort import SIGNAAL_KORT, SIGNAAL_VOLGORDE, SignaalSoort
from ...services.leerlingen import LeerlingRij
from ...services.session import Services
from ..common.theme import niveau_stip
from ..common.widgets import heading, hint
from ..models.leerlingen_model import (
    COL_GEBOORTEDATUM,
    COL_KLAS,
    COL_LEERLINGNUMMER,
    COL_MENTOR,
    COL_NAAM,
    COL_NIVEAU,
    COL_SIGNALEN,
    COL_STATUS,
    GEEN_MENTOR,
    MET_OPEN_SIGNAAL,
    MET_SIGNAAL,
    LeerlingenFilter,
    LeerlingenModel,
    afhandeling_per_leerling,
)
from ..vandaag.piramide import NIVEAU_NAAM

if TYPE_CHECKING:  # (the signals' service is the worker's: not imported before the list is painted)
    from ...services.signalen import Overzicht

SEARCH_PLACEHOLDER = "Zoek op naam, leerlingnummer of klas"


def aantal_leerlingen(n: int) -> str:
    return "1 leerling" if n == 1 else f"{n} leerlingen"


class LeerlingenTable(QTableView):
    """The table; Enter or Return opens the current student (as a double-click does)."""

    open_requested = Signal(QModelIndex)
    leeg_tekst = ""  # shown in the middle of the table while no row is shown (set by the view)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.leeg_tekst and self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.leeg_tekst)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """The search field: Down moves into the table, Enter opens the only (or first) match."""

    down = Signal()
    enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class LeerlingenView(QWidget):
    """Signals carry the leerlingnummer of the student to open."""

    open_leerling = Signal(str)
    new_leerling = Signal()
    import_requested = Signal()
    contactmoment_requested = Signal(str)  # the quick contactmoment for this student

    def __init__(self, services: Services, parent: QWidget | None = None, *, can_edit: bool = True,
                 can_contact: bool = True):
        super().__init__(parent)
        self.services = services
        self.can_contact = can_contact
        self.model = LeerlingenModel(parent=self)
        self.proxy = LeerlingenFilter(self)
        self.proxy.setSourceModel(self.model)
        self._reselect: str | None = None
        self._uitgeschreven = 0
        self._bijgewerkt = ""  # "verzuim bijgewerkt t/m …" once the levels and signals arrive

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list(can_edit))
        self.stack.addWidget(self._build_empty(can_edit))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)

        self.proxy.modelAboutToBeReset.connect(self._remember_selection)
        self.proxy.modelReset.connect(self._after_filter)
        self.proxy.layoutChanged.connect(self._after_filter)
        self._fill_signal_combos()
        self.refresh()

    # --- building --------------------------------------------------------------------------------

    def _build_list(self, can_edit: bool) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        title = heading("Leerlingen", 6)
        top.addWidget(title)
        top.addStretch(1)
        self.contact_button = QPushButton("Contactmoment…")
        self.contact_button.setToolTip("Snel een contactmoment vastleggen voor de gekozen leerling (Ctrl+N)")
        self.contact_button.setVisible(self.can_contact)
        self.contact_button.setEnabled(False)
        self.contact_button.clicked.connect(self._contactmoment_current)
        top.addWidget(self.contact_button)
        self.new_button = QPushButton("Nieuwe leerling…")
        self.new_button.setEnabled(can_edit)
        self.new_button.setVisible(can_edit)  # not offered to a mentor at all
        self.new_button.clicked.connect(self.new_leerling)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.search = SearchField()
        self.search.setAccessibleName("Zoek een leerling")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(f"{SEARCH_PLACEHOLDER} ({QKeySequence(QKeySequence.StandardKey.Find).toString()})")
        self.search.setMinimumWidth(300)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.down.connect(self._into_table)
        self.search.enter.connect(self._open_from_search)
        filters.addWidget(self.search, 3)

        self.klas_combo = QComboBox()
        self.klas_combo.setToolTip("Alleen leerlingen uit deze klas")
        self.klas_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.klas_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_klas(self.klas_combo.currentData()))
        filters.addWidget(self.klas_combo)

        self.mentor_combo = QComboBox()
        self.mentor_combo.setToolTip("Alleen leerlingen van deze mentor")
        self.mentor_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mentor_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_mentor(self.mentor_combo.currentData()))
        filters.addWidget(self.mentor_combo)

        self.niveau_combo = QComboBox()
        self.niveau_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.niveau_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_niveau(self.niveau_combo.currentData()))
        filters.addWidget(self.niveau_combo)

        self.signaal_combo = QComboBox()
        self.signaal_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.signaal_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_signaal(self.signaal_combo.currentData()))
        filters.addWidget(self.signaal_combo)
        # A klas and a mentor that do not go together leave an empty table: one click shows everyone again.
        self.wis_filters_button = QPushButton("Filters wissen")
        self.wis_filters_button.setToolTip("Zoekterm, klas, mentor, niveau en signaal weer op 'alle'")
        self.wis_filters_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.wis_filters_button)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = LeerlingenTable()
        self.table.setAccessibleName("Leerlingen")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAAM, QHeaderView.ResizeMode.Stretch)
        width = self.table.fontMetrics().horizontalAdvance
        for col, sample in ((COL_LEERLINGNUMMER, "Leerlingnummer  "), (COL_KLAS, "Klas 10Ab"),
                            (COL_NIVEAU, "Niveau  M"), (COL_SIGNALEN, "Thuiszitter >3 mnd, M@zl"),
                            (COL_MENTOR, "Meneer van den Berghe"), (COL_GEBOORTEDATUM, "Geboortedatum  "),
                            (COL_STATUS, "uitgeschreven  ")):
            self.table.setColumnWidth(col, width(sample) + 24)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAAM, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.open_requested.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # on a narrow screen: two lines rather than cut off
        bottom.addWidget(self.count_label, 1)
        self.loading_label = hint("Niveaus en signalen worden berekend…")
        self.loading_label.hide()
        bottom.addWidget(self.loading_label)
        self.uitgeschreven_check = QCheckBox("Ook uitgeschreven leerlingen tonen")
        self.uitgeschreven_check.toggled.connect(self.proxy.set_show_uitgeschreven)
        bottom.addWidget(self.uitgeschreven_check)
        layout.addLayout(bottom)
        return page

    def _build_empty(self, can_edit: bool) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(12)
        self.empty_title = heading("Nog geen leerlingen – importeer ze uit Magister of Somtoday", 3)
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty_title)
        uitleg = hint("Maak in uw leerlingadministratie een export (CSV of Excel) van de leerlingen en "
                      "importeer dat bestand hier. U kunt ook één leerling met de hand toevoegen.")
        uitleg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(uitleg)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.empty_import_button = QPushButton("Leerlingen importeren…")
        self.empty_import_button.setDefault(True)
        self.empty_import_button.clicked.connect(self.import_requested)
        self.empty_new_button = QPushButton("Nieuwe leerling…")
        self.empty_new_button.clicked.connect(self.new_leerling)
        for b in (self.empty_import_button, self.empty_new_button):
            b.setEnabled(can_edit)
            b.setVisible(can_edit)
            buttons.addWidget(b)
        buttons.addStretch(1)
        box.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(560)
        row.addWidget(inner)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        return page

    # --- data ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again (after an import, an edit or a new student)."""
        selected = self.current_leerlingnummer()
        rows = self.services.leerlingen.lijst()
        self.model.set_rows(rows)
        self._uitgeschreven = self.model.ingeschreven().count(False)  # (the loops in C: 20,000 rows at start)
        self._fill_combo(self.klas_combo, "Alle klassen", [(k, k) for k in self.model.klassen()])
        mentors = [(m, m) for m in self.model.mentoren()]
        if mentors and self.model.zonder_mentor():
            mentors.append(("Zonder mentor", GEEN_MENTOR))
        self._fill_combo(self.mentor_combo, "Alle mentoren", mentors)
        self.stack.setCurrentIndex(0 if rows else 1)
        if selected:
            self.select(selected)
        self._update_count()

    def set_overzicht(self, overzicht: Overzicht, regels=None) -> None:
        """Merge the levels and signals of a (background) overzicht into the list; `regels`: the rows' part
        made already by `leerlingen_model.regel_extras` (the window's background computation does)."""
        if regels is not None:  # (the per-student dicts are only what `regels` is made from: not again here)
            self.model.set_signalen({}, {}, klaar=regels)
        else:
            self.model.set_signalen(overzicht.niveau_van(), overzicht.signalen_van(),
                                    afhandeling_per_leerling(overzicht))
        tot = overzicht.bijgewerkt_tot
        self._bijgewerkt = (f"niveaus en signalen: verzuim bijgewerkt t/m {formaat.datum(tot)}" if tot
                            else "nog geen verzuim geïmporteerd")
        self._update_count()
        self.set_signalen_loading(False)
        self._enable_signal_combos(True)

    def set_signalen_loading(self, loading: bool) -> None:
        """Show that levels and signals are being (re)computed."""
        self.loading_label.setVisible(loading)

    def _fill_signal_combos(self) -> None:
        self.niveau_combo.addItem("Alle niveaus", None)
        for niveau in (1, 2, 3):
            self.niveau_combo.addItem(niveau_stip(niveau, 10, self.devicePixelRatioF()), f"Niveau {niveau}", niveau)
            self.niveau_combo.setItemData(niveau, NIVEAU_NAAM[niveau], Qt.ItemDataRole.ToolTipRole)
        self.signaal_combo.addItem("Alle signalen", None)
        self.signaal_combo.addItem("Met een signaal", MET_SIGNAAL)
        self.signaal_combo.addItem("Met een signaal, niet afgehandeld", MET_OPEN_SIGNAAL)
        self.signaal_combo.setItemData(self.signaal_combo.count() - 1,
                                       "Nog niet gemeld, niet in een traject en niet besproken (✓ in de kolom "
                                       "Signalen: afgehandeld)", Qt.ItemDataRole.ToolTipRole)
        for soort in SIGNAAL_VOLGORDE:
            self.signaal_combo.addItem(SIGNAAL_KORT[soort], soort)
            self.signaal_combo.setItemData(self.signaal_combo.count() - 1, soort.label, Qt.ItemDataRole.ToolTipRole)
        self._enable_signal_combos(self.model.has_signalen)  # not before the first overzicht arrives

    def _enable_signal_combos(self, enabled: bool) -> None:
        later = "" if enabled else " (kan zodra de niveaus en signalen berekend zijn)"
        self.niveau_combo.setEnabled(enabled)
        self.niveau_combo.setToolTip(f"Alleen leerlingen op dit verzuimniveau (piramide van Kearney){later}")
        self.signaal_combo.setEnabled(enabled)
        self.signaal_combo.setToolTip(f"Alleen leerlingen met dit signaal{later}")

    def set_niveau_filter(self, niveau: int | None) -> None:
        self.niveau_combo.setCurrentIndex(max(self.niveau_combo.findData(niveau), 0))

    def set_signaal_filter(self, signaal: SignaalSoort | str | None) -> None:
        self.signaal_combo.setCurrentIndex(max(self.signaal_combo.findData(signaal), 0))

    def clear_filters(self) -> None:
        """Everyone again: no search, klas, mentor, level or signal filter."""
        self.search.clear()
        for combo in (self.klas_combo, self.mentor_combo, self.niveau_combo, self.signaal_combo):
            combo.setCurrentIndex(0)

    def _fill_combo(self, combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        combo.setEnabled(bool(items))
        if index < 0:  # the chosen klas or mentor is gone: show everyone again
            combo.currentIndexChanged.emit(0)

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        # (a signal filter shows uitgeschreven students with that signal, so none is hidden for being uitgeschreven)
        hidden = 0 if self.proxy.shows_uitgeschreven or self.proxy.signaal else self._uitgeschreven
        base = self.model.rowCount() - hidden
        if not self.proxy.narrows():
            text = aantal_leerlingen(shown)
        elif shown == 0 and self.proxy.search:
            text = f"Geen leerlingen gevonden (van {base})."
        else:
            text = f"{shown} van {aantal_leerlingen(base)}"
        if hidden:
            text += f" · {hidden} uitgeschreven niet getoond"
        if self._bijgewerkt:
            text += f" · {self._bijgewerkt}"
        self.count_label.setText(text)
        self.wis_filters_button.setEnabled(self.proxy.narrows())
        self.table.leeg_tekst = ("Geen leerlingen met deze zoekterm of filters. Kies 'Filters wissen' om iedereen "
                                 "weer te zien." if shown == 0 and self.proxy.narrows() else "")
        self.table.viewport().update()

    # --- selection and opening -------------------------------------------------------------------

    def current_leerlingnummer(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.proxy.source_row(index.row()).leerlingnummer

    def select(self, leerlingnummer: str) -> bool:
        """Select a student when shown (after each filter change too: keep this fast)."""
        source_row = self.model.row_of(leerlingnummer)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, COL_NAAM))
        if not index.isValid():  # filtered out
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def visible_rows(self) -> list[LeerlingRij]:
        return [self.proxy.source_row(r) for r in range(self.proxy.rowCount())]

    def focus_search(self) -> None:
        if self.stack.currentIndex() == 0:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def _remember_selection(self) -> None:
        self._reselect = self.current_leerlingnummer()

    def _after_filter(self) -> None:
        if self._reselect:
            self.select(self._reselect)
            self._reselect = None
        self._update_count()

    def _into_table(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _open_from_search(self) -> None:
        if self.proxy.rowCount() == 1:
            self._open_index(self.proxy.index(0, COL_NAAM))
        else:
            self._into_table()

    def _update_buttons(self, *_args) -> None:
        self.contact_button.setEnabled(self.current_leerlingnummer() is not None)

    def _contactmoment_current(self) -> None:
        nummer = self.current_leerlingnummer()
        if nummer is not None and self.can_contact:
            self.contactmoment_requested.emit(nummer)

    def context_menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of a row (selects it first); None outside the rows."""
        if not index.isValid():
            return None
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction("Leerling openen", lambda: self._open_index(index))
        if self.can_contact:
            menu.addAction("Contactmoment…", self._contactmoment_current)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu_for(self.table.indexAt(pos))
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_leerling.emit(self.proxy.source_row(index.row()).leerlingnummer)
