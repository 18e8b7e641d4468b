"""Kearney's pyramid: three stacked bands – level 3 at the top, small – with the number of students
on each level. Each band is a button of its own, so it takes the keyboard focus (Tab, arrows,
Space/Enter), has an accessible name ("Niveau 3: 4 leerlingen") and can be clicked.

The level colours come from `theme` (light or dark), like everywhere a level is shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QVBoxLayout, QWidget

from ...domain.formaat import procent
from ..common import theme
from ..common.widgets import WrapLabel

# Fill and text colour per level, from the current palette (tests/ui/common/test_theme.py checks their contrast).
NIVEAU_KLEUR = theme.NIVEAU_KLEUR
NIVEAU_TEKSTKLEUR = theme.NIVEAU_TEKSTKLEUR

# Kearney's tiers in the words of the praktijkkaart.
NIVEAU_NAAM = {1: "Komt naar school", 2: "Beginnend verzuim", 3: "Ernstig verzuim"}

# The width of the pyramid at the top of each band and at the bottom (fractions of the full base).
_BREEDTE = {3: (0.16, 0.44), 2: (0.44, 0.72), 1: (0.72, 1.0)}
_PIRAMIDE_DEEL = 0.44  # the part of a band's width the pyramid takes; the text is to its right
BREEDSTE_UITLEG = "10% of meer, of thuiszitter"  # the band's width: twice this text (its side the text)


def niveau_uitleg(niveau: int, drempels: tuple[float, float] = (5.0, 10.0)) -> str:
    """What puts a student on `niveau`, with the school's thresholds."""
    laag, hoog = drempels
    if niveau == 1:
        return f"minder dan {procent(laag)} verzuim"
    if niveau == 2:
        return f"{procent(laag)} tot {procent(hoog)} verzuim"
    return f"{procent(hoog)} of meer, of thuiszitter"


def aantal_leerlingen(n: int) -> str:
    return "1 leerling" if n == 1 else f"{n} leerlingen"


class PiramideBand(QAbstractButton):
    """One level: a trapezoid (a triangle's tip for level 3) with the count, and its name beside it."""

    def __init__(self, niveau: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.niveau = niveau
        self.aantal: int | None = None
        self.uitleg = niveau_uitleg(niveau)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setObjectName(f"niveau{niveau}")
        self._update_texts()

    def set_aantal(self, aantal: int | None, drempels: tuple[float, float]) -> None:
        self.aantal = aantal
        self.uitleg = niveau_uitleg(self.niveau, drempels)
        self._update_texts()
        self.update()

    def _update_texts(self) -> None:
        wat = "wordt berekend" if self.aantal is None else aantal_leerlingen(self.aantal)
        self.setText(f"Niveau {self.niveau}: {wat}")
        self.setAccessibleName(f"Niveau {self.niveau}, {NIVEAU_NAAM[self.niveau].lower()}: {wat}")
        self.setAccessibleDescription(f"{self.uitleg[0].upper()}{self.uitleg[1:]}. "
                                      "Druk op Enter om deze leerlingen in de lijst te tonen.")
        self.setToolTip(f"Niveau {self.niveau} ({self.uitleg}): "
                        + ("toon deze leerlingen in de lijst" if self.aantal else "geen leerlingen"))

    # --- size and painting -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(BREEDSTE_UITLEG) * 2, max(56, fm.height() * 3 + 14))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width() * 3 // 4, self.sizeHint().height())

    def _shape(self) -> QPolygonF:
        w = self.width() * _PIRAMIDE_DEEL
        h = self.height()
        top, bottom = _BREEDTE[self.niveau]
        mid = w / 2 + 2
        return QPolygonF([QPointF(mid - top * w / 2, 1), QPointF(mid + top * w / 2, 1),
                          QPointF(mid + bottom * w / 2, h - 1), QPointF(mid - bottom * w / 2, h - 1)])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        fill = QColor(NIVEAU_KLEUR[self.niveau])
        hovered = self.underMouse() and self.isEnabled()
        if self.isDown():
            fill = fill.darker(115)
        elif hovered:
            fill = fill.lighter(112)
        shape = self._shape()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Window), 2))  # a seam between the bands
        painter.setBrush(fill)
        painter.drawPolygon(shape)

        # The count inside the band, on its lower part where the band is widest.
        bounds = shape.boundingRect()
        count_font = QFont(self.font())
        count_font.setBold(True)
        count_font.setPointSizeF(count_font.pointSizeF() + 3)
        painter.setFont(count_font)
        painter.setPen(NIVEAU_TEKSTKLEUR[self.niveau])
        count_rect = QRectF(bounds.left(), bounds.top() + bounds.height() * 0.3, bounds.width(),
                            bounds.height() * 0.7)
        painter.drawText(count_rect, Qt.AlignmentFlag.AlignCenter, "…" if self.aantal is None else str(self.aantal))

        # The level, its name and its rule beside the pyramid, on three lines.
        left = self.width() * _PIRAMIDE_DEEL + 14
        width = self.width() - left - 2
        line = self.fontMetrics().height()
        top = (self.height() - 3 * line) / 2
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setUnderline(hovered or self.hasFocus())
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = theme.color("muted")
        for i, (font, color, value) in enumerate(((title_font, text, f"Niveau {self.niveau}"),
                                                  (self.font(), text, NIVEAU_NAAM[self.niveau]),
                                                  (self.font(), muted, self.uitleg))):
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(QRectF(left, top + i * line, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(value, Qt.TextElideMode.ElideRight, int(width)))

        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()

    # --- keyboard --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        piramide = self.parentWidget()
        if isinstance(piramide, Piramide) and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 1 if event.key() == Qt.Key.Key_Up else -1
            nxt = piramide.bands.get(self.niveau + step)
            if nxt is not None:
                nxt.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().keyPressEvent(event)


class Piramide(QWidget):
    """Three bands, level 3 on top; `level_clicked(niveau)` when a band is clicked or activated."""

    level_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Piramide van Kearney: leerlingen per verzuimniveau")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.bands: dict[int, PiramideBand] = {}
        for niveau in (3, 2, 1):
            band = PiramideBand(niveau, self)
            band.clicked.connect(lambda _checked=False, n=niveau: self.level_clicked.emit(n))
            self.bands[niveau] = band
            layout.addWidget(band)
        self.setTabOrder(self.bands[3], self.bands[2])
        self.setTabOrder(self.bands[2], self.bands[1])
        self.drempels = (5.0, 10.0)
        self.zonder_label = WrapLabel("")
        theme.style(self.zonder_label, "color: {muted};")
        self.zonder_label.hide()
        layout.addSpacing(4)
        layout.addWidget(self.zonder_label)

    def set_counts(self, counts: Mapping[int, int] | None, drempels: tuple[float, float] | None = None, *,
                   zonder_verzuim: int = 0) -> None:
        """The number of students per level; None while they are being computed. `zonder_verzuim`: students
        of whom no verzuim is known yet – they have no level, so no band counts them."""
        if drempels is not None:
            self.drempels = drempels
        self.zonder_label.setText(f"{aantal_leerlingen(zonder_verzuim)} nog zonder verzuim: nog geen niveau. "
                                  "Importeer het verzuim om de niveaus te zien.")
        self.zonder_label.setVisible(bool(zonder_verzuim) and counts is not None)
        for niveau, band in self.bands.items():
            band.set_aantal(None if counts is None else counts.get(niveau, 0), self.drempels)
        if counts is not None:
            totaal = sum(counts.get(n, 0) for n in (1, 2, 3))
            self.setAccessibleDescription(
                f"{aantal_leerlingen(totaal)} ingeschreven: "
                + "; ".join(f"niveau {n}: {counts.get(n, 0)}" for n in (3, 2, 1)))

    def count(self, niveau: int) -> int | None:
        return self.bands[niveau].aantal
