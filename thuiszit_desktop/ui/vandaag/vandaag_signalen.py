"""The signal list of "Vandaag": the signals grouped by urgency (ui/models/signalen_model.py), two lines each.

A view (`SignalenLijst`) with one row height: a table of one column without headers, which lays out by
arithmetic (row × height), so it asks only the rows on screen for their data and never walks every line – a
whole school's signals stay quick. (A QListView, even laid out in batches, asked the model about each of
20,000 lines when shown.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ...domain.signalen import SIGNAAL_KORT
from ..common import theme
from ..models.signalen_model import (
    GROEP,
    GROEP_UITLEG_ROLE,
    KIND_ROLE,
    REGEL_ROLE,
    SignaalRegel,
    SignalenModel,
)
from .piramide import NIVEAU_KLEUR

# --- painting ----------------------------------------------------------------------------------------

def _muted(_palette: QPalette) -> QColor:
    return theme.color("muted")


def rij_hoogte(regel: int) -> int:
    """The height of every row (see the module doc): two lines of text and the padding."""
    return regel * 2 + 16


class SignalenDelegate(QStyledItemDelegate):
    """Two lines per row. A signal: name · klas · signal and the deadline; the explanation and what was done.
    A group: its title and count; what to do."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, rij_hoogte(option.fontMetrics.height()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        try:
            if index.data(KIND_ROLE) == GROEP:
                self._paint_group(painter, opt, index)
            else:
                if style is not None:
                    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
                self._paint_signal(painter, opt, index.data(REGEL_ROLE))
        finally:
            painter.restore()

    def _paint_group(self, painter: QPainter, opt: QStyleOptionViewItem, index: QModelIndex) -> None:
        r = opt.rect
        palette = opt.palette
        line = opt.fontMetrics.height()
        font = QFont(opt.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title_rect = QRect(r.left() + 2, r.top() + 8, r.width() - 4, line + 2)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         index.data(Qt.ItemDataRole.DisplayRole) or "")
        uitleg = index.data(GROEP_UITLEG_ROLE) or ""
        if uitleg:
            painter.setFont(opt.font)
            painter.setPen(_muted(palette))
            rest = QRect(r.left() + 2, title_rect.bottom() + 1, r.width() - 4, line)
            painter.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(uitleg, Qt.TextElideMode.ElideRight, rest.width()))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(r.left() + 2, r.bottom(), r.right() - 2, r.bottom())

    def _paint_signal(self, painter: QPainter, opt: QStyleOptionViewItem, regel: SignaalRegel | None) -> None:
        if regel is None:
            return
        r = opt.rect.adjusted(self.PAD, 6, -self.PAD, -6)
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(text) if selected else _muted(palette)
        fm = opt.fontMetrics
        line = fm.height()
        bold = QFont(opt.font)
        bold.setBold(True)

        # Right: the deadline (red when overdue) and, below it, what was done (green when handled).
        termijn = regel.termijn
        status = regel.status
        max_status = r.width() // 2  # the explanation keeps at least half the line
        status_w = min(fm.horizontalAdvance(status) + 4, max_status) if status else 0  # (+4: no eliding by rounding)
        right_w = fm.horizontalAdvance(termijn) + 20  # line 1 only: the status is on line 2
        right = QRect(r.right() - right_w, r.top(), right_w, line)
        painter.setFont(bold if regel.te_laat else opt.font)
        painter.setPen(text if selected or not regel.te_laat else theme.color("danger"))
        painter.drawText(right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, termijn)
        if status:
            painter.setFont(opt.font)
            afgehandeld = regel.afhandeling.afgehandeld
            painter.setPen(text if selected else (theme.color("success") if afgehandeld else muted))
            status_rect = QRect(r.right() - status_w - 4, r.top() + line + 2, status_w + 4, line)
            painter.drawText(status_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(status, Qt.TextElideMode.ElideRight, status_w))

        # Left, line 1: the level dot, the name (bold), the klas and the signal.
        x = r.left()
        dot = max(8, line // 2)
        if regel.niveau:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(NIVEAU_KLEUR[regel.niveau])
            painter.drawEllipse(x, r.top() + (line - dot) // 2, dot, dot)
        x += dot + 8
        avail = right.left() - 12
        painter.setFont(bold)
        painter.setPen(text)
        bfm = painter.fontMetrics()
        naam = bfm.elidedText(regel.naam, Qt.TextElideMode.ElideRight, max(0, avail - x))
        painter.drawText(QRect(x, r.top(), max(0, avail - x), line), Qt.AlignmentFlag.AlignVCenter, naam)
        x += bfm.horizontalAdvance(naam) + 10
        painter.setFont(opt.font)
        if regel.klas and x < avail:
            painter.setPen(muted)
            painter.drawText(QRect(x, r.top(), avail - x, line), Qt.AlignmentFlag.AlignVCenter, regel.klas)
            x += fm.horizontalAdvance(regel.klas) + 14
        if x < avail:
            label = regel.soort.label
            if fm.horizontalAdvance(label) > avail - x:  # a narrow window: the list's short label
                label = SIGNAAL_KORT[regel.soort]
            painter.setPen(text)
            painter.drawText(QRect(x, r.top(), avail - x, line), Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(label, Qt.TextElideMode.ElideRight, avail - x))

        # Line 2: the explanation.
        left = r.left() + dot + 8
        uitleg_w = (r.right() - status_w - 16 if status else r.right()) - left
        painter.setPen(muted)
        painter.drawText(QRect(left, r.top() + line + 2, max(0, uitleg_w), line), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(regel.signaal.uitleg, Qt.TextElideMode.ElideRight, max(0, uitleg_w)))


# --- the view ----------------------------------------------------------------------------------------

class SignalenLijst(QTableView):
    """The grouped signal lines; Enter or a double-click opens the student."""

    open_requested = Signal(object)  # SignaalRegel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.signalen = SignalenModel(self)
        self.setModel(self.signalen)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rijen = self.verticalHeader()
        rijen.hide()
        rijen.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one height: only the rows on screen are asked
        self._rij_hoogte()
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as in any list
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setItemDelegate(SignalenDelegate(self))
        self.setAccessibleName("Signalen per groep")
        self.doubleClicked.connect(self._double_clicked)

    def uniformItemSizes(self) -> bool:
        """Every row is as high as the others: the fixed rows of `rij_hoogte` (see the module doc)."""
        return True

    def _rij_hoogte(self) -> None:
        rijen = self.verticalHeader()
        hoogte = rij_hoogte(self.fontMetrics().height())
        rijen.setMinimumSectionSize(min(rijen.minimumSectionSize(), hoogte))
        rijen.setDefaultSectionSize(hoogte)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._rij_hoogte()

    def current_regel(self) -> SignaalRegel | None:
        return self.signalen.regel(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            regel = self.current_regel()
            if regel is not None:
                self.open_requested.emit(regel)
            return
        super().keyPressEvent(event)

    def _double_clicked(self, index: QModelIndex) -> None:
        regel = self.signalen.regel(index)
        if regel is not None:
            self.open_requested.emit(regel)
