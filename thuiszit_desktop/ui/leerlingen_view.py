"""The student list: search as you type, filter on klas and mentor, open a student."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.leerlingen import LeerlingRij
from ..services.session import Services
from .leerlingen_model import (
    COL_GEBOORTEDATUM,
    COL_KLAS,
    COL_LEERLINGNUMMER,
    COL_MENTOR,
    COL_NAAM,
    COL_STATUS,
    GEEN_MENTOR,
    LeerlingenFilter,
    LeerlingenModel,
)
from .widgets import heading, hint

SEARCH_PLACEHOLDER = "Zoek op naam, leerlingnummer of klas"


def aantal_leerlingen(n: int) -> str:
    return "1 leerling" if n == 1 else f"{n} leerlingen"


class LeerlingenTable(QTableView):
    """The table; Enter or Return opens the current student (as a double-click does)."""

    open_requested = Signal(QModelIndex)

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

    def __init__(self, services: Services, parent: QWidget | None = None, *, can_edit: bool = True):
        super().__init__(parent)
        self.services = services
        self.model = LeerlingenModel(parent=self)
        self.proxy = LeerlingenFilter(self)
        self.proxy.setSourceModel(self.model)
        self._reselect: str | None = None
        self._uitgeschreven = 0

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
        self.new_button = QPushButton("Nieuwe leerling…")
        self.new_button.setEnabled(can_edit)
        self.new_button.clicked.connect(self.new_leerling)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        filters = QHBoxLayout()
        self.search = SearchField()
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

        self.uitgeschreven_check = QCheckBox("Ook uitgeschreven leerlingen tonen")
        self.uitgeschreven_check.toggled.connect(self.proxy.set_show_uitgeschreven)
        filters.addWidget(self.uitgeschreven_check)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = LeerlingenTable()
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
                            (COL_MENTOR, "Meneer van den Berghe"), (COL_GEBOORTEDATUM, "Geboortedatum  "),
                            (COL_STATUS, "uitgeschreven  ")):
            self.table.setColumnWidth(col, width(sample) + 24)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAAM, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.open_requested.connect(self._open_index)
        layout.addWidget(self.table, 1)

        self.count_label = QLabel()
        layout.addWidget(self.count_label)
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
        self._uitgeschreven = sum(not r.ingeschreven for r in rows)
        self.model.set_rows(rows)
        self._fill_combo(self.klas_combo, "Alle klassen", [(k, k) for k in self.model.klassen()])
        mentors = [(m, m) for m in self.model.mentoren()]
        if mentors and any(not r.mentor for r in rows):
            mentors.append(("Zonder mentor", GEEN_MENTOR))
        self._fill_combo(self.mentor_combo, "Alle mentoren", mentors)
        self.stack.setCurrentIndex(0 if rows else 1)
        if selected:
            self.select(selected)
        self._update_count()

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
        hidden = 0 if self.proxy.shows_uitgeschreven else self._uitgeschreven
        base = self.model.rowCount() - hidden
        if not self.proxy.narrows():
            text = aantal_leerlingen(shown)
        elif shown == 0 and self.proxy.search:
            text = f"Geen leerlingen gevonden (van {base})."
        else:
            text = f"{shown} van {aantal_leerlingen(base)}"
        if hidden:
            text += f" · {hidden} uitgeschreven niet getoond"
        self.count_label.setText(text)

    # --- selection and opening -------------------------------------------------------------------

    def current_leerlingnummer(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.proxy.source_row(index.row()).leerlingnummer

    def select(self, leerlingnummer: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.source_row(row).leerlingnummer == leerlingnummer:
                index = self.proxy.index(row, COL_NAAM)
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

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

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_leerling.emit(self.proxy.source_row(index.row()).leerlingnummer)
