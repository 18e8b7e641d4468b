"""Everything about one student in one chronological view, the newest first: signals, verzuim, meldingen,
gesprekken, MDO's and besluiten, actiepunten, step changes, nazorg … each kind with its own colour and
letter, filterable per kind; what is marked vertrouwelijk carries a badge (its content the service
already replaced by VERTROUWELIJK for anyone but the zorgcoördinator).

Embedding: `view = TijdlijnView(services)`, `view.show_leerling(nr)`. Double-click (or Enter) on a line
emits `referentie_activated("gesprek:12")` for whoever wants to open it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import NietGevonden
from ...domain.tijdlijn import Gebeurtenis, Tijdlijnsoort
from ...services.session import Services
from ..common import theme
from ..common.widgets import format_date, hint

# A letter per kind, on its colour from `theme`: the letter keeps kinds apart for colour-blind eyes too.
LETTER = {
    Tijdlijnsoort.TRAJECT: "T", Tijdlijnsoort.STAP: "S", Tijdlijnsoort.SIGNAAL: "!", Tijdlijnsoort.VERZUIM: "V",
    Tijdlijnsoort.MELDING: "D", Tijdlijnsoort.MAZL: "J", Tijdlijnsoort.GESPREK: "G", Tijdlijnsoort.MDO: "M",
    Tijdlijnsoort.BESLUIT: "B", Tijdlijnsoort.ACTIEPUNT: "A", Tijdlijnsoort.NAZORG: "N",
}

# The filter's words (plural, as in "show me the gesprekken"), in a reading order.
FILTER_LABEL = {
    Tijdlijnsoort.SIGNAAL: "Signalen",
    Tijdlijnsoort.VERZUIM: "Verzuim",
    Tijdlijnsoort.MELDING: "Meldingen",
    Tijdlijnsoort.MAZL: "M@zl",
    Tijdlijnsoort.GESPREK: "Gesprekken",
    Tijdlijnsoort.MDO: "MDO's",
    Tijdlijnsoort.BESLUIT: "Besluiten",
    Tijdlijnsoort.ACTIEPUNT: "Actiepunten",
    Tijdlijnsoort.TRAJECT: "Traject",
    Tijdlijnsoort.STAP: "Stappen",
    Tijdlijnsoort.NAZORG: "Nazorg",
}

VERTROUWELIJK = "vertrouwelijk"
ROLE_GEBEURTENIS = Qt.ItemDataRole.UserRole
COL_DATUM, COL_SOORT, COL_WAT = 0, 1, 2


def soort_icon(soort: Tijdlijnsoort, size: int = 16) -> QIcon:
    kleur, letter = theme.tijdlijn_color(soort), LETTER[soort]
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp on high-dpi screens
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(kleur)
    p.drawEllipse(0, 0, size, size)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(size * 0.62))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    p.end()
    return QIcon(pixmap)


def nieuwste_eerst(gebeurtenissen: list[Gebeurtenis]) -> list[Gebeurtenis]:
    """Newest day first; within one day the service's order stays (an MDO before its besluiten)."""
    return sorted(gebeurtenissen, key=lambda g: g.datum.toordinal(), reverse=True)


class WatDelegate(QStyledItemDelegate):
    """The "Wat" column: the title in bold, a "vertrouwelijk" badge, the detail in a muted colour below."""

    PADDING = 4

    def __init__(self, view: QTreeWidget):
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        return bold, option.font, small

    def _width(self) -> int:
        return max(self.view.header().sectionSize(COL_WAT) - 2 * self.PADDING, 50)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        g: Gebeurtenis | None = index.data(ROLE_GEBEURTENIS)
        if g is None:
            return super().sizeHint(option, index)
        bold, normal, _small = self._fonts(option)
        width = self._width()
        flags = int(Qt.TextFlag.TextWordWrap)
        height = QFontMetrics(bold).boundingRect(QRect(0, 0, width - 90, 10_000), flags, g.titel).height()
        if g.detail:
            height += 2 + QFontMetrics(normal).boundingRect(QRect(0, 0, width, 10_000), flags, g.detail).height()
        return QSize(width, height + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        g: Gebeurtenis | None = index.data(ROLE_GEBEURTENIS)
        if g is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        bold, normal, small = self._fonts(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text_color = pal.color(pal.ColorRole.HighlightedText if selected else pal.ColorRole.Text)
        muted = QColor(text_color) if selected else theme.color("muted")
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        flags = int(Qt.TextFlag.TextWordWrap)
        painter.save()
        painter.setFont(bold)
        painter.setPen(text_color)
        title_rect = QFontMetrics(bold).boundingRect(QRect(rect.left(), rect.top(), rect.width() - 90, 10_000), flags,
                                                      g.titel)
        painter.drawText(title_rect, flags, g.titel)
        if g.vertrouwelijk:
            fm = QFontMetrics(small)
            badge_w = fm.horizontalAdvance(VERTROUWELIJK) + 10
            badge = QRect(title_rect.right() + 8, title_rect.top() + 1, badge_w, fm.height() + 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            paars, wit = theme.tijdlijn_color(Tijdlijnsoort.MDO), QColor("white")  # white on it: 9:1
            painter.setBrush(wit if selected else paars)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setFont(small)
            painter.setPen(paars if selected else wit)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, VERTROUWELIJK)
        if g.detail:
            painter.setFont(normal)
            painter.setPen(muted)
            detail_rect = QRect(rect.left(), title_rect.bottom() + 3, rect.width(), rect.bottom() - title_rect.bottom())
            painter.drawText(detail_rect, flags, g.detail)
        painter.restore()


class TopDelegate(QStyledItemDelegate):
    """Date and kind at the top of their (possibly tall) row, level with the title."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        opt.rect = option.rect.adjusted(0, WatDelegate.PADDING - 1, 0, 0)
        super().paint(painter, opt, index)


class TijdlijnTree(QTreeWidget):
    activated_ref = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            g = self.currentItem().data(COL_WAT, ROLE_GEBEURTENIS)
            if g is not None and g.referentie:
                self.activated_ref.emit(g.referentie)
            return
        super().keyPressEvent(event)


class TijdlijnView(QWidget):
    """One student's timeline with a filter per kind."""

    referentie_activated = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.leerlingnummer: str | None = None
        self.alle: list[Gebeurtenis] = []
        self.getoond: list[Gebeurtenis] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 8, 8)
        layout.setSpacing(6)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Toon:"), 0, Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.checkboxes: dict[Tijdlijnsoort, QCheckBox] = {}
        per_row = 6
        for i, (soort, label) in enumerate(FILTER_LABEL.items()):
            box = QCheckBox(label)
            box.setIcon(soort_icon(soort))
            box.setChecked(True)
            box.toggled.connect(self._filter)
            self.checkboxes[soort] = box
            grid.addWidget(box, i // per_row, i % per_row)
        filters.addLayout(grid)
        filters.addStretch(1)
        alles = QPushButton("Alles")
        alles.setAutoDefault(False)
        alles.clicked.connect(lambda: self.set_soorten(list(Tijdlijnsoort)))
        niets = QPushButton("Niets")
        niets.setAutoDefault(False)
        niets.clicked.connect(lambda: self.set_soorten([]))
        filters.addWidget(alles, 0, Qt.AlignmentFlag.AlignTop)
        filters.addWidget(niets, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(filters)

        self.count_label = hint("")
        layout.addWidget(self.count_label)
        self.tree = TijdlijnTree()
        self.tree.setAccessibleName("Tijdlijn")
        self.tree.setHeaderLabels(["Datum", "Soort", "Wat"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_DATUM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SOORT, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.delegate = WatDelegate(self.tree)
        self.tree.setItemDelegateForColumn(COL_WAT, self.delegate)
        self.top_delegate = TopDelegate(self.tree)
        self.tree.setItemDelegateForColumn(COL_DATUM, self.top_delegate)
        self.tree.setItemDelegateForColumn(COL_SOORT, self.top_delegate)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.activated_ref.connect(self.referentie_activated)
        layout.addWidget(self.tree, 1)
        self.empty = hint("")
        layout.addWidget(self.empty)

    # --- data -------------------------------------------------------------------------------------------

    def show_leerling(self, leerlingnummer: str, *, peildatum: date | None = None) -> None:
        """Read the student's whole timeline fresh; the filter stays as the user set it."""
        if leerlingnummer != self.leerlingnummer:
            self.tree.verticalScrollBar().setValue(0)
        self.leerlingnummer = leerlingnummer
        try:
            self.alle = self.services.trajecten.tijdlijn(leerlingnummer, peildatum=peildatum)
        except NietGevonden:
            self.alle = []
        self._filter()

    def refresh(self) -> None:
        if self.leerlingnummer is not None:
            self.show_leerling(self.leerlingnummer)

    def soorten(self) -> list[Tijdlijnsoort]:
        return [s for s, box in self.checkboxes.items() if box.isChecked()]

    def set_soorten(self, soorten) -> None:
        gekozen = {Tijdlijnsoort(s) for s in soorten}
        for s, box in self.checkboxes.items():
            box.blockSignals(True)
            box.setChecked(s in gekozen)
            box.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        gekozen = set(self.soorten())
        self.getoond = nieuwste_eerst([g for g in self.alle if g.soort in gekozen])
        self.tree.clear()
        items = []
        for g in self.getoond:
            item = QTreeWidgetItem([format_date(g.datum), g.soort.label, ""])
            item.setIcon(COL_SOORT, soort_icon(g.soort))
            item.setData(COL_WAT, ROLE_GEBEURTENIS, g)
            item.setData(COL_WAT, Qt.ItemDataRole.AccessibleTextRole,
                         g.titel + (f". {g.detail}" if g.detail else "") + (". Vertrouwelijk" if g.vertrouwelijk else ""))
            item.setToolTip(COL_WAT, "\n".join(x for x in (g.titel, g.detail) if x))
            items.append(item)
        self.tree.addTopLevelItems(items)
        n, totaal = len(self.getoond), len(self.alle)
        if totaal == 0:
            self.count_label.setText("")
            self.empty.setText("Er staat nog niets in de tijdlijn van deze leerling. Leg een gesprek of "
                               "contactmoment vast (Ctrl+N) of open een traject op het tabblad Traject.")
        elif n == 0:
            self.count_label.setText("")
            self.empty.setText("Niets te tonen: zet een of meer soorten hierboven aan.")
        else:
            self.count_label.setText(f"{n} van {totaal} gebeurtenissen, de nieuwste bovenaan"
                                     if n != totaal else f"{n} gebeurtenissen, de nieuwste bovenaan")
            self.empty.setText("")
        self.empty.setVisible(not self.getoond)
        self.tree.setVisible(bool(self.getoond))

    def titels(self) -> list[str]:
        """The titles as shown, top to bottom (for tests and screen readers)."""
        return [g.titel for g in self.getoond]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        g = item.data(COL_WAT, ROLE_GEBEURTENIS)
        if g is not None and g.referentie:
            self.referentie_activated.emit(g.referentie)
