"""The rows of a plan van aanpak (doelen, interventies, afspraken, evaluatiemomenten, contactpersonen): each a
row of cells that can be added and removed, and the long text field of the plan's sections."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..common import errors
from ..common.widgets import ErrorLabel, OptionalDateEdit, hint


class LongText(QTextEdit):
    """A plain-text field that grows with its text (between `minimum` and `maximum` pixels high)."""

    def __init__(self, placeholder: str = "", minimum: int = 70, maximum: int = 260):
        super().__init__()
        self.setAcceptRichText(False)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._min, self._max = minimum, maximum
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        needed = int(self.document().size().height()) + 2 * self.frameWidth() + 6
        self.setFixedHeight(max(self._min, min(self._max, needed)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


def long_text(placeholder: str = "", height: int = 70) -> LongText:
    return LongText(placeholder, height)


# --- rows: doelen, interventies, afspraken, evaluatiemomenten, contactpersonen ------------------------------

def DATE_WIDTH() -> int:
    global _date_width
    if _date_width is None:
        probe = OptionalDateEdit()
        _date_width = probe.edit.sizeHint().width() + probe.clear_button.sizeHint().width() + 4
    return _date_width


_date_width: int | None = None


class Cell:
    """One column of a row list: ("text", header, stretch, placeholder) / ("date", …) / ("combo", …)."""

    def __init__(self, kind: str, header: str, stretch: int = 1, placeholder: str = ""):
        self.kind, self.header, self.stretch, self.placeholder = kind, header, stretch, placeholder


class PlanRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, cells: list[Cell], values: tuple, *, choices: tuple[str, ...] = (), read_only: bool):
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.widgets: list[QWidget] = []
        for col, (cell, value) in enumerate(zip(cells, values, strict=True)):
            if cell.kind == "date":
                w = OptionalDateEdit()
                w.set_value(value)
                w.setEnabled(not read_only)
                w.changed.connect(self.changed)
            elif cell.kind == "combo":
                w = QComboBox()
                w.setEditable(True)
                w.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                w.addItems(list(choices))
                if value and value not in choices:
                    w.addItem(value)
                w.setCurrentText(value or "")
                w.lineEdit().setPlaceholderText(cell.placeholder or "kies of typ")
                w.setEnabled(not read_only)
                w.currentTextChanged.connect(self.changed)
            else:
                w = QLineEdit(value or "")
                w.setPlaceholderText(cell.placeholder)
                w.setReadOnly(read_only)
                w.textChanged.connect(self.changed)
            if cell.kind == "date":
                w.setFixedWidth(DATE_WIDTH())  # the same with or without its clear button
            w.setAccessibleName(cell.header)
            self.widgets.append(w)
            self.grid.addWidget(w, 0, col)
            self.grid.setColumnStretch(col, cell.stretch)
        self.extra = QHBoxLayout()
        self.extra.setSpacing(4)
        self.grid.addLayout(self.extra, 0, len(cells))
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setVisible(not read_only)
        self.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Deze regel", self) and self.remove_requested.emit(self))
        self.grid.addWidget(self.remove_button, 0, len(cells) + 1)
        if not any(c.stretch for c in cells):  # only dates: keep them on the left
            self.grid.setColumnStretch(len(cells) + 2, 1)
        self.error = ErrorLabel()
        self.grid.addWidget(self.error, 1, 0, 1, len(cells) + 2)

    def values(self) -> tuple:
        out = []
        for w in self.widgets:
            if isinstance(w, OptionalDateEdit):
                out.append(w.value())
            elif isinstance(w, QComboBox):
                out.append(w.currentText())
            else:
                out.append(w.text())
        return tuple(out)


class RowList(QWidget):
    """A titled list of rows with column headers and "… toevoegen"."""

    changed = Signal()

    def __init__(self, key: str, cells: list[Cell], add_text: str, empty_text: str, *,
                 choices: tuple[str, ...] = ()):
        super().__init__()
        self.key, self.cells, self.choices = key, cells, choices
        self.rows: list[PlanRow] = []
        self.read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.header = QWidget()
        header = QGridLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.setHorizontalSpacing(6)
        for col, cell in enumerate(cells):
            label = QLabel(cell.header)
            label.setStyleSheet("font-weight: bold;")
            if cell.kind == "date":
                label.setFixedWidth(DATE_WIDTH())
            header.addWidget(label, 0, col)
            header.setColumnStretch(col, cell.stretch)
        self._header_layout = header
        self.header_extra = QWidget()
        header.addWidget(self.header_extra, 0, len(cells))
        if not any(c.stretch for c in cells):  # only dates: keep them on the left
            header.setColumnStretch(len(cells) + 1, 1)
        layout.addWidget(self.header)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout.addLayout(self.rows_layout)
        self.empty = hint(empty_text)
        layout.addWidget(self.empty)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.on_row_added: Callable[[PlanRow, object], None] | None = None

    def set_rows(self, values: list[tuple], items: list | None = None, *, read_only: bool) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        self.read_only = read_only
        self.add_button.setVisible(not read_only)
        for i, v in enumerate(values):
            self.add(v, items[i] if items else None, emit=False)
        self._update()

    def add(self, values: tuple | None = None, item=None, *, emit: bool = True) -> PlanRow:
        values = values or tuple(None if c.kind == "date" else "" for c in self.cells)
        row = PlanRow(self.cells, values, choices=self.choices, read_only=self.read_only)
        row.item = item
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove)
        if self.on_row_added:
            self.on_row_added(row, item)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self._update()
        if emit:
            self.changed.emit()
            row.widgets[0].setFocus()
        return row

    def remove(self, row: PlanRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.empty.setVisible(not self.rows)
        self.header.setVisible(bool(self.rows))
        if self.rows:  # line the headers up with the row's buttons
            row = self.rows[0]
            width = row.remove_button.sizeHint().width() if not self.read_only else 0
            width += row.extra.sizeHint().width() + 2 * row.grid.horizontalSpacing()
            self.header_extra.setFixedWidth(width)

    def values(self) -> list[tuple]:
        return [r.values() for r in self.rows]

    def show_errors(self, fouten: dict[str, str]) -> QWidget | None:
        first = None
        for i, row in enumerate(self.rows, 1):
            text = fouten.get(f"{self.key} {i}", "")
            row.error.set_error(text)
            if text and first is None:
                first = row.widgets[0]
        return first
