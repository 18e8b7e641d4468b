"""Small building blocks of the student page's panels and forms (the traject, the verzuim): a selectable label,
a smaller one, a button, a list, a card, a text field of a few lines, and emptying a layout before it is filled
again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
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
