"""Small shared widgets: date fields that may be empty, field error labels, headings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.vergrendeling import wachttijd
from . import theme
from .blocks import WrappingLabel

DATE_FORMAT = "dd-MM-yyyy"
ERROR_COLOR = theme.LIGHT.danger  # for tests and old callers; painting uses theme.color("danger")

_BLANK = QDate(1900, 1, 1)  # the sentinel that shows as an empty field
_LENGTE = {QDateEdit.Section.DaySection: 2, QDateEdit.Section.MonthSection: 2, QDateEdit.Section.YearSection: 4}
_SCHEIDINGEN = frozenset("-/. ")  # what people type between day, month and year


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def format_date(d: date | None) -> str:
    return formaat.datum(d)


class DateEdit(QDateEdit):
    """A QDateEdit as dd-MM-yyyy with a calendar popup that can also be empty (`blank_allowed`).

    An empty field shows nothing; typing a digit starts from `start` (and the calendar opens on the
    month of `start`), so a date is never filled in without the user choosing it.
    """

    def __init__(self, parent: QWidget | None = None, *, blank_allowed: bool = False, start: date | None = None):
        super().__init__(parent)
        self._blank_allowed = blank_allowed
        self._start = start or date.today()
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMaximumDate(QDate(2100, 12, 31))
        if blank_allowed:
            self.setMinimumDate(_BLANK)
            self.setSpecialValueText(" ")
            self.setDate(_BLANK)
        else:
            self.setMinimumDate(QDate(1950, 1, 1))
            self.setDate(to_qdate(self._start))
        self._kalender_gezien = False
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00-00-00000") + 40)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def value(self) -> date | None:
        return None if self.is_blank() else to_date(self.date())

    def set_value(self, d: date | None) -> None:
        if d is None:
            if not self._blank_allowed:
                raise ValueError("this date field cannot be empty")
            self.setDate(_BLANK)
        else:
            self.setDate(to_qdate(d))

    def is_blank(self) -> bool:
        return self._blank_allowed and self.date() == _BLANK

    def set_start(self, d: date) -> None:
        """Where typing into an empty field and its calendar start."""
        self._start = d

    def keyPressEvent(self, event: QKeyEvent) -> None:
        tekst, line = event.text(), self.lineEdit()
        if self.is_blank() and tekst.isdigit():
            self.setDate(to_qdate(self._start))
            self.setSelectedSection(QDateEdit.Section.DaySection)
        elif (self._blank_allowed and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
              and line.selectedText() == self.text()):
            self.setDate(_BLANK)
            return
        elif tekst.isdigit():
            # Qt refuses a digit that does not fit: with all text selected, or the cursor in a full part (after a
            # click). Then the digit starts that part afresh – the day when all is selected – so typing a new
            # date into a filled field works.
            if line.hasSelectedText() and line.selectedText() == self.text():
                self.setSelectedSection(self.sectionAt(0))
            elif not line.hasSelectedText():
                sectie = self.currentSection()
                if len(self.sectionText(sectie)) >= _LENGTE.get(sectie, 2):
                    self.setSelectedSection(sectie)
        elif tekst in _SCHEIDINGEN:
            # "-" goes on to the next part; right after Qt moved on by itself (the previous part was full) it
            # does nothing more, so "15-12-2026" and "1-2-2027" type as they read.
            if not (line.hasSelectedText() and line.selectedText() == self.sectionText(self.currentSection())):
                self.interpretText()
                volgende = min(self.currentSectionIndex() + 1, self.sectionCount() - 1)
                self.setSelectedSection(self.sectionAt(volgende))
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field (Qt would step through day, month and year, and an empty field would
        keep the focus for ever); typing a "-" or the arrow keys move between the parts."""
        return QWidget.focusNextPrevChild(self, next)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Qt builds the calendar popup the first time calendarWidget() is asked for. Asking for it in __init__
        # cost every date field a QCalendarWidget up front (a form with ten fields stalled for a second); a
        # click is the only way the popup opens, so the calendar is made (and watched) just before that.
        if not self._kalender_gezien:
            self._kalender_gezien = True
            self.calendarWidget().installEventFilter(self)
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self.calendarWidget() and self.is_blank():
            self.calendarWidget().setCurrentPage(self._start.year, self._start.month)
        return super().eventFilter(watched, event)


class OptionalDateEdit(QWidget):
    """A date that may stay empty, with a small button to empty it again."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, start: date | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = DateEdit(blank_allowed=True, start=start)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Datum leegmaken")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_change)
        self._on_change()

    def value(self) -> date | None:
        return self.edit.value()

    def set_value(self, d: date | None) -> None:
        self.edit.set_value(d)

    def set_start(self, d: date) -> None:
        self.edit.set_start(d)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._update_button()

    def _update_button(self) -> None:
        """The ✕ only where the date can be emptied: not on an empty or a locked (disabled) field."""
        self.clear_button.setVisible(self.isEnabled() and not self.edit.is_blank())

    def _on_change(self) -> None:
        self._update_button()
        self.changed.emit()


class WrapLabel(WrappingLabel):
    """A word-wrapping label that claims the height its lines need.

    Some layouts (QWizard pages, forms inside forms) ignore height-for-width and clip the second line.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._claim_height()

    def setText(self, text: str) -> None:
        super().setText(text)
        if self.width() > 0:
            self._claim_height()

    def _claim_height(self) -> None:
        # QLabel's heightForWidth never answers less than the minimum height: measure without it, or a
        # height claimed while the label was briefly narrow (during the first layout) would stick for good.
        old = self.minimumHeight()
        self.setMinimumHeight(0)
        needed = self.heightForWidth(self.width())
        self.setMinimumHeight(needed if needed > 0 else old)


class ErrorLabel(WrapLabel):
    """A field's error message, right under the field; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        theme.style(self, "color: {danger};")  # (no setSizePolicy: it would drop height-for-width)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class FieldErrors:
    """Maps field keys (as in InvoerFout.fouten) to their error labels and widgets."""

    def __init__(self, general: ErrorLabel | None = None):
        self.general = general
        self.labels: dict[str, ErrorLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add(self, key: str, widget: QWidget | None = None) -> ErrorLabel:
        label = ErrorLabel()
        self.labels[key] = label
        if widget is not None:
            self.widgets[key] = widget
        return label

    def clear(self) -> None:
        for label in self.labels.values():
            label.set_error("")
        if self.general:
            self.general.set_error("")

    def show(self, fouten: dict[str, str]) -> QWidget | None:
        """Show each message beside its field (unknown keys in the general label); the first widget."""
        self.clear()
        rest = []
        first: QWidget | None = None
        for key, text in fouten.items():
            label = self.labels.get(key)
            if label is None:
                rest.append(text)
                continue
            label.set_error(text)
            if first is None:
                first = self.widgets.get(key, label)
        if rest and self.general:
            self.general.set_error("\n".join(rest))
            first = first or self.general
        return first

    def text(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


def heading(text: str, size_delta: float = theme.FONT_TITLE, bold: bool = True) -> QLabel:
    """A title in a larger font (a WrappingLabel: a student's long name may wrap)."""
    label = WrappingLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setBold(bold)
    label.setFont(font)
    return label


def hint(text: str) -> WrapLabel:
    """Small explanatory text in the palette's muted colour."""
    label = WrapLabel(text)
    theme.style(label, "color: {muted};")
    return label


def link_label(text: str, on_click) -> QLabel:
    """A small text link ("Ander bestand…") that calls `on_click`."""
    label = QLabel(f'<a href="#">{text}</a>')
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    label.linkActivated.connect(lambda _href: on_click())
    return label


def with_error(widget: QWidget, label: ErrorLabel, extra: QWidget | None = None) -> QWidget:
    """The field with (optionally a hint and) its error message right under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    fixed = widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft if fixed else Qt.AlignmentFlag(0))
    if extra is not None:
        layout.addWidget(extra)
    layout.addWidget(label)
    box.setFocusProxy(widget)
    return box


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a dialog or window width×height, but never larger than the screen it opens on.

    1366×768 at 150 % is only 911×512: a dialog that is taller hides its buttons below the screen.
    A minimum size set earlier shrinks too, so the layout (scroll areas, word wrap) takes over.
    """
    parent = window.parentWidget()
    screen = (parent.screen() if parent is not None else None) or window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry().size() - QSize(40, 60)  # the window frame and a margin
        window.setMinimumSize(window.minimumSize().boundedTo(room))
        width, height = min(width, room.width()), min(height, room.height())
    window.resize(width, height)


def form_layout() -> QFormLayout:
    """A form whose fields grow, with labels on the left (also on platforms that right-align them)."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


class Wachttijd(QObject):
    """Wrong passwords in a row and the wait they cost (the rule `wachttijd`), counted down per second.
    The login and the lock screen share it: `bericht` while waiting, `voorbij` when one may try again."""

    bericht = Signal(str)
    voorbij = Signal()

    def __init__(self, wat: str, parent: QObject | None = None):
        super().__init__(parent)
        self.wat = wat  # "een verkeerd wachtwoord"
        self.mislukt = self.resterend = 0
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tik)

    @property
    def wacht(self) -> bool:
        return self.resterend > 0

    def fout(self, mislukt: int = 0, resterend: int = 0) -> bool:
        """One more wrong attempt; True when the next one has to wait (`bericht` says how long). The login
        passes the count every program shares (db/pogingen.py): `mislukt` in a row, `resterend` seconds."""
        self.mislukt = mislukt or self.mislukt + 1
        self.resterend = resterend if mislukt else wachttijd(self.mislukt)
        if self.resterend:
            self.timer.start()
            self._meld()
        return self.wacht

    def goed(self) -> None:
        self.mislukt = 0

    def tik(self) -> None:
        """One second of the countdown (public so tests can count down without waiting)."""
        self.resterend = max(0, self.resterend - 1)
        if self.resterend:
            self._meld()
            return
        self.timer.stop()
        self.voorbij.emit()

    def _meld(self) -> None:
        eenheid = "seconde" if self.resterend == 1 else "seconden"
        self.bericht.emit(f"{self.mislukt} keer {self.wat}. U kunt het over {self.resterend} {eenheid} opnieuw "
                          "proberen.")
