"""Small building blocks of the student page's panels and forms (the traject, the verzuim): a selectable label,
a smaller one, a button, a list, a card, a text field of a few lines, and emptying a layout before it is filled
again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QStyleOptionGroupBox,
    QStyleOptionSlider,
    QTreeWidget,
    QWidget,
)

from . import theme


class WrappingLabel(QLabel):
    """A word-wrapping label that remembers its height per width until its text, font or style changes.

    While a page is laid out its layouts ask every label the same question again and again (some 200 times for
    the ten of a student's Verzuim tab, 40 different ones), and QLabel lays its text out anew for each answer:
    the larger part of laying that page out."""

    _OPNIEUW_METEN = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange,
                 QEvent.Type.LayoutDirectionChange)

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._hoogtes: dict[tuple[int, int, bool], int] = {}
        self._hoogtes_van = text  # the text they were measured for

    def heightForWidth(self, width: int) -> int:
        tekst = self.text()
        if tekst != self._hoogtes_van:
            self._hoogtes.clear()
            self._hoogtes_van = tekst
        # (QLabel never answers less than its minimum height, and only wrapped text depends on the width)
        sleutel = (width, self.minimumHeight(), self.wordWrap())
        hoogte = self._hoogtes.get(sleutel)
        if hoogte is None:
            hoogte = self._hoogtes[sleutel] = super().heightForWidth(width)
        return hoogte

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in self._OPNIEUW_METEN:
            self._hoogtes.clear()
        super().changeEvent(event)


class Kader(QGroupBox):
    """A QGroupBox on the window's background that draws its frame and title once per size and look, and after
    that copies them.

    Fusion draws a group box's frame by stretching a half-transparent picture over the whole box: some 0.7 ms
    for a box across the student page, at every paint – a tenth of painting a just opened student (issue 16).
    The copy is drawn on the window's background colour (what is under the box on a page), so it is opaque: a
    plain copy, and Qt need not paint what is under it either. What is drawn is QGroupBox's own paintEvent (the
    style's CC_GroupBox with the same option), so it looks the same. Only for a box that keeps its size from
    one student to the next: at a new size it draws the whole frame, more than Fusion's clipped paint."""

    _BEWAARD = 4  # sizes kept (the window resized back and forth)

    def __init__(self, title: str = "", parent: QWidget | None = None):
        super().__init__(title, parent)
        self._lagen: dict[tuple, QPixmap] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # every pixel: see paintEvent

    def paintEvent(self, event) -> None:
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        dpr = self.devicePixelRatioF()
        # Everything the style draws from: the option (size, state, title, palette, font) and the style itself.
        sleutel = (option.rect.width(), option.rect.height(), option.state.value, option.subControls.value,
                   option.activeSubControls.value, option.text, option.palette.cacheKey(), self.font().key(),
                   dpr, id(self.style()))
        laag = self._lagen.get(sleutel)
        if laag is None:
            laag = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
            laag.setDevicePixelRatio(dpr)
            laag.fill(self.palette().color(QPalette.ColorRole.Window))
            painter = QPainter(laag)
            painter.setFont(self.font())  # as a painter on the widget starts (the title's pen: NoRole)
            painter.setPen(self.palette().color(self.foregroundRole()))
            self.style().drawComplexControl(QStyle.ComplexControl.CC_GroupBox, option, painter, self)
            painter.end()
            if len(self._lagen) >= self._BEWAARD:
                self._lagen.pop(next(iter(self._lagen)))
            self._lagen[sleutel] = laag
        painter = QPainter(self)
        painter.drawPixmap(0, 0, laag)
        painter.end()


class ScrollBar(QScrollBar):
    """A scroll bar that draws its groove once per size and look, and after that copies it.

    Fusion fills the groove with a gradient line by line: 1.2 ms of the 2 ms a scroll bar along the student page
    takes to paint, at every paint (issue 16). While the mouse is on the bar or presses it, QScrollBar paints
    itself (it alone knows which part is pointed at); otherwise it draws the same as QScrollBar's paintEvent,
    the groove from the copy."""

    def __init__(self, orientation: Qt.Orientation = Qt.Orientation.Vertical, parent: QWidget | None = None):
        super().__init__(orientation, parent)
        self._groef: tuple[tuple, QPixmap] | None = None
        self._ingedrukt = False

    def mousePressEvent(self, event) -> None:
        self._ingedrukt = True
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        self._ingedrukt = False
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:
        if self._ingedrukt or self.underMouse():
            super().paintEvent(event)
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)  # (nothing pointed at or pressed: no active part, as QScrollBar does then)
        style = self.style()
        dpr = self.devicePixelRatioF()
        sleutel = (option.rect.width(), option.rect.height(), option.state.value, option.palette.cacheKey(), dpr,
                   id(style))
        if self._groef is None or self._groef[0] != sleutel:
            laag = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
            laag.setDevicePixelRatio(dpr)
            laag.fill(Qt.GlobalColor.transparent)
            painter = QPainter(laag)
            option.subControls = QStyle.SubControl.SC_ScrollBarGroove
            style.drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, option, painter, self)
            painter.end()
            self._groef = (sleutel, laag)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._groef[1])
        option.subControls = QStyle.SubControl(QStyle.SubControl.SC_All.value
                                               & ~QStyle.SubControl.SC_ScrollBarGroove.value)
        style.drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, option, painter, self)
        painter.end()


def text_label(text: str = "", *, bold: bool = False, muted: bool = False, color: str = "",
               selectable: bool = True) -> QLabel:
    """Plain text that wraps (and can be selected, to copy); `color` is a theme role: "danger", "success"…"""
    label = WrappingLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    if muted or color:
        theme.style(label, "color: {%s};" % (color or "muted"))
    return label


def smaller(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7))
    label.setFont(font)
    return label


def clear_layout(layout) -> None:
    """Remove (and delete) everything in a layout."""
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def push_button(text: str, slot, tooltip: str = "") -> QPushButton:
    """A button that calls `slot()` (without Qt's `checked`) and is not the dialog's default."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def list_tree(headers: list[str]) -> QTreeWidget:
    """A flat list with columns, one row selected at a time."""
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setUniformRowHeights(True)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tree


def card_frame() -> QFrame:
    """A framed box on the base colour (a signal, an MDO)."""
    frame = QFrame()
    frame.setObjectName("kaart")
    theme.style(frame, "QFrame#kaart {{ border: 1px solid {border}; border-radius: 4px; background: palette(base); }}")
    return frame


def text_edit(placeholder: str = "", lines: int = 5, *, max_lines: int | None = None) -> QPlainTextEdit:
    """A plain text field of at least `lines` lines (Tab moves on); `max_lines` keeps a short one small."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(line * lines + 12)
    if max_lines is not None:
        edit.setMaximumHeight(line * max_lines + 12)
    return edit
