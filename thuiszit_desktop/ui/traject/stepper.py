"""The five steps of the praktijkkaart in a row, painted: where the traject is, which step is shown, and
how much of each is done."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...domain.traject import Stap
from ..common import theme

STAP_KORT = {Stap.IN_BEELD: "In beeld", Stap.CONTACT: "Contact", Stap.SAMENWERKEN: "Samenwerken",
             Stap.INTERVENTIE: "Interventie", Stap.TERUG_IN_BEELD: "Terug in beeld"}

@dataclass(frozen=True)
class StapStand:
    stap: Stap
    gedaan: int
    totaal: int


class Stepper(QWidget):
    """The five steps in a row: the current one filled, the selected one on a light background, each with
    how many checklist items are done. Click (or Left/Right) selects a step; it does not move the traject."""

    step_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.standen: list[StapStand] = [StapStand(s, 0, 0) for s in Stap]
        self.current = Stap.IN_BEELD
        self.selected = Stap.IN_BEELD
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(self.sizeHint().height())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Stappen van de praktijkkaart")

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(600, 36 + fm.height() * 2 + 18)

    def set_state(self, standen: list[StapStand], current: Stap, selected: Stap) -> None:
        self.standen = standen
        self.current = current
        self.selected = selected
        self.setAccessibleDescription(" ".join(self.tooltip_for(s.stap) for s in standen))
        self.update()

    def step_rect(self, stap: int) -> QRect:
        w = self.width() / 5
        return QRect(round((int(stap) - 1) * w), 0, round(w), self.height())

    def tooltip_for(self, stap: Stap) -> str:
        s = self.standen[int(stap) - 1]
        wat = "Hier staat het traject nu. " if stap == self.current else ""
        return f"Stap {int(stap)}: {stap.titel}. {wat}{s.gedaan} van {s.totaal} gedaan."

    def select(self, stap: int) -> None:
        stap = Stap(int(stap))
        if stap != self.selected:
            self.selected = stap
            self.update()
        self.step_selected.emit(int(stap))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            x = event.position().x()
            stap = min(5, max(1, int(x // (self.width() / 5)) + 1))
            self.select(stap)
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            x = event.pos().x()
            stap = Stap(min(5, max(1, int(x // (self.width() / 5)) + 1)))
            QToolTip.showText(event.globalPos(), self.tooltip_for(stap), self, self.step_rect(stap))
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left and self.selected > 1:
            self.select(self.selected - 1)
        elif event.key() == Qt.Key.Key_Right and self.selected < 5:
            self.select(self.selected + 1)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        muted = theme.color("muted")
        accent, done = theme.color("accent"), theme.color("success")
        base = pal.color(pal.ColorRole.Base)
        fm = self.fontMetrics()
        r = 14
        cy = 6 + r
        w = self.width() / 5
        centers = [w * i + w / 2 for i in range(5)]
        # the selected step's background
        sel = self.step_rect(self.selected).adjusted(2, 0, -2, 0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.color("selection_bg"))
        p.drawRoundedRect(QRectF(sel), 6, 6)
        if self.hasFocus():
            p.setPen(QPen(accent, 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(sel.adjusted(1, 1, -1, -1)), 6, 6)
        # connectors
        p.setPen(QPen(theme.color("border"), 2))
        for i in range(4):
            p.drawLine(round(centers[i] + r + 4), cy, round(centers[i + 1] - r - 4), cy)
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        for i, s in enumerate(self.standen):
            cx = centers[i]
            compleet = s.totaal > 0 and s.gedaan == s.totaal
            huidig = s.stap == self.current
            circle = QRectF(cx - r, cy - r, 2 * r, 2 * r)
            if huidig:
                p.setPen(QPen(accent, 2))
                p.setBrush(accent)
                number_color = theme.color("on_accent")
            elif compleet:
                p.setPen(QPen(done, 2))
                p.setBrush(base)
                number_color = done
            else:
                p.setPen(QPen(accent if s.gedaan else muted, 2))
                p.setBrush(base)
                number_color = text if s.gedaan else muted
            p.drawEllipse(circle)
            p.setFont(bold)
            p.setPen(number_color)
            p.drawText(circle, Qt.AlignmentFlag.AlignCenter, "✓" if compleet and not huidig else str(int(s.stap)))
            # title and count
            p.setFont(bold if huidig or s.stap == self.selected else self.font())
            p.setPen(text)
            title_rect = QRectF(cx - w / 2 + 4, cy + r + 4, w - 8, fm.height() + 2)
            p.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, f"{int(s.stap)}. {STAP_KORT[s.stap]}")
            p.setFont(small)
            p.setPen(done if compleet else muted)
            count = f"{s.gedaan} van {s.totaal} gedaan"
            if huidig:
                count = "nu · " + count
            p.drawText(QRectF(cx - w / 2 + 4, title_rect.bottom(), w - 8, fm.height() + 2),
                       Qt.AlignmentFlag.AlignCenter, count)
        p.end()
