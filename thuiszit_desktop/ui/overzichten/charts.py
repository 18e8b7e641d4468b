"""A small chart widget drawn with QPainter: stacked bars, bars side by side, or lines, over categories
(months, lesweken), with optional shaded periods (interventions) and a legend.

    chart = Grafiek(soort=Grafiek.GESTAPELD, eenheid="leerlingen")
    chart.set_data(["aug", "sep"], [Reeks("Niveau 1", QColor("#2e7d32"), [500, 480]), ...])
    chart.set_periodes([Periode(3, 8, "Time-out", QColor("#1565c0"))])

`tooltip(i)` is the text shown when the mouse is over category i (tests read it; no pixels needed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..common import theme

# Distinguishable on white and for the common colour-blindness types (after Okabe–Ito).
SIGNAAL_KLEUREN = ("#b3261e", "#6a1b9a", "#311b92", "#e65100", "#1565c0", "#00897b", "#424242")


def in_kleur() -> QColor:
    return theme.color("danger")


def uit_kleur() -> QColor:
    return theme.color("success")


@dataclass(frozen=True)
class Reeks:
    naam: str
    kleur: QColor
    waarden: list[float]


@dataclass(frozen=True)
class Periode:
    """A shaded stretch over categories van..tot (indices, inclusive) with a label."""

    van: int
    tot: int
    label: str
    kleur: QColor


def niveau_kleur(niveau: int) -> QColor:
    return theme.niveau_color(niveau)


def _mooi_max(x: float) -> float:
    """A round axis maximum ≥ x: 1, 2, 2.5 or 5 × 10^k (at least 5 so small counts stay whole)."""
    if x <= 5:
        return 5.0
    macht = 10 ** math.floor(math.log10(x))
    for stap in (1, 2, 2.5, 5, 10):
        if x <= stap * macht:
            return stap * macht
    return 10 * macht


def _stappen(top: float) -> int:
    """Grid steps for an axis maximum of 1, 2, 2.5 or 5 × 10^k: 4 (…250, 25%) or 5 (…1, 0.5, 2)."""
    voorloper = round(top / 10 ** math.floor(math.log10(top)), 3)
    return 5 if voorloper in (2.5, 5) or top == 10 else 4  # 10: steps of 2, whole students


def _getal(x: float) -> str:
    return f"{x:.1f}".replace(".", ",") if x != int(x) else str(int(x))


class Grafiek(QWidget):
    GESTAPELD = "gestapeld"
    NAAST = "naast"
    LIJN = "lijn"

    def __init__(self, soort: str = GESTAPELD, *, eenheid: str = "", titel: str = "",
                 max_waarde: float | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.soort = soort
        self.eenheid = eenheid  # after each value in the tooltip: "leerlingen", "%"
        self.titel = titel
        self.max_waarde = max_waarde  # fixed axis maximum (100 for percentages)
        self.labels: list[str] = []
        self.reeksen: list[Reeks] = []
        self.periodes: list[Periode] = []
        self.leeg_tekst = "Nog geen gegevens."
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if titel:
            self.setAccessibleName(titel)

    def sizeHint(self) -> QSize:
        return QSize(560, 240)

    # --- data ----------------------------------------------------------------------------------------

    def set_data(self, labels: list[str], reeksen: list[Reeks]) -> None:
        for r in reeksen:
            if len(r.waarden) != len(labels):
                raise ValueError(f"reeks {r.naam!r} heeft {len(r.waarden)} waarden voor {len(labels)} labels")
        self.labels = list(labels)
        self.reeksen = list(reeksen)
        self.setAccessibleDescription(self.samenvatting())
        self.update()

    def set_periodes(self, periodes: list[Periode]) -> None:
        self.periodes = list(periodes)
        self.update()

    def samenvatting(self) -> str:
        """The data in words, for a screen reader."""
        return "; ".join(self.tooltip(i).replace("\n", ", ") for i in range(len(self.labels)))

    def tooltip(self, index: int) -> str:
        if not 0 <= index < len(self.labels):
            return ""
        regels = [self.labels[index]]
        eenheid = f" {self.eenheid}" if self.eenheid and self.eenheid != "%" else self.eenheid
        for r in self.reeksen:
            regels.append(f"{r.naam}: {_getal(r.waarden[index])}{eenheid}")
        for p in self.periodes:
            if p.van <= index <= p.tot:
                regels.append(p.label)
        return "\n".join(regels)

    def _top(self) -> float:
        if self.max_waarde is not None:
            return self.max_waarde
        if not self.reeksen:
            return 5.0
        if self.soort == self.GESTAPELD:
            hoogste = max((sum(r.waarden[i] for r in self.reeksen) for i in range(len(self.labels))), default=0)
        else:
            hoogste = max((max(r.waarden, default=0) for r in self.reeksen), default=0)
        return _mooi_max(hoogste)

    # --- geometry ------------------------------------------------------------------------------------

    def _vlak(self) -> QRectF:
        fm = QFontMetrics(self.font())
        links = fm.horizontalAdvance("0000") + 12
        boven = fm.height() * (2.4 if self.titel else 1.4) + 4
        return QRectF(links, boven, max(10.0, self.width() - links - 10), max(10.0, self.height() - boven - fm.height() - 10))

    def index_op(self, x: float) -> int:
        """The category under x (-1 outside the plot)."""
        if not self.labels:
            return -1
        vlak = self._vlak()
        if not vlak.left() <= x <= vlak.right():
            return -1
        return min(len(self.labels) - 1, int((x - vlak.left()) / (vlak.width() / len(self.labels))))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.index_op(event.position().x())
        tekst = self.tooltip(i)
        if tekst:
            QToolTip.showText(event.globalPosition().toPoint(), tekst, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    # --- painting ------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        tekst = theme.color("text")
        zacht = theme.color("muted")
        raster = theme.color("border")
        fm = QFontMetrics(self.font())
        y_kop = 0.0
        if self.titel:
            font = self.font()
            font.setBold(True)
            p.setFont(font)
            p.setPen(tekst)
            p.drawText(QRectF(0, 0, self.width(), fm.height() + 2), Qt.AlignmentFlag.AlignLeft, self.titel)
            p.setFont(self.font())
            y_kop = fm.height() + 2
        self._legenda(p, y_kop, fm, tekst)
        vlak = self._vlak()
        if not self.labels:
            p.setPen(zacht)
            p.drawText(vlak, Qt.AlignmentFlag.AlignCenter, self.leeg_tekst)
            p.end()
            return
        top = self._top()
        n = len(self.labels)
        breedte = vlak.width() / n

        def y(v: float) -> float:
            return vlak.bottom() - vlak.height() * min(v, top) / top

        # periods first, under the data; their labels come last, one row each, so overlaps stay readable
        banden = []
        for per in self.periodes:
            van, tot = max(0, per.van), min(n - 1, per.tot)
            if van > tot:
                continue
            kleur = QColor(per.kleur)
            kleur.setAlpha(40)
            rect = QRectF(vlak.left() + van * breedte, vlak.top(), (tot - van + 1) * breedte, vlak.height())
            p.fillRect(rect, kleur)
            p.setPen(QPen(per.kleur, 1.5))
            p.drawLine(rect.topLeft(), rect.bottomLeft())
            banden.append((rect, per))
        # grid and value axis: 4 or 5 steps, so each is a round number (0, 250 … 1000; 0, 1 … 5)
        stappen = _stappen(top)
        for k in range(stappen + 1):
            v = top * k / stappen
            yy = y(v)
            p.setPen(QPen(raster if k else zacht, 1, Qt.PenStyle.DotLine if k else Qt.PenStyle.SolidLine))
            p.drawLine(QPointF(vlak.left(), yy), QPointF(vlak.right(), yy))
            p.setPen(zacht)
            label = _getal(round(v, 1)) + ("%" if self.eenheid == "%" else "")
            p.drawText(QRectF(0, yy - fm.height() / 2, vlak.left() - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        # category labels (every k-th when crowded)
        stap = max(1, math.ceil(max(fm.horizontalAdvance(x) for x in self.labels) * 1.4 / breedte))
        p.setPen(zacht)
        for i, label in enumerate(self.labels):
            if i % stap == 0:
                p.drawText(QRectF(vlak.left() + i * breedte - breedte * (stap - 1) / 2, vlak.bottom() + 3,
                                  breedte * stap, fm.height()), Qt.AlignmentFlag.AlignHCenter, label)
        if self.soort == self.LIJN:
            self._lijnen(p, vlak, breedte, y)
        else:
            self._staven(p, vlak, breedte, y)
        achter = theme.color("surface")
        achter.setAlpha(225)
        for k, (rect, per) in enumerate(banden):
            tekst = fm.elidedText(per.label, Qt.TextElideMode.ElideRight, int(max(rect.width(), 60)) - 6)
            vak = QRectF(rect.left() + 2, rect.top() + 2 + k * (fm.height() + 2), fm.horizontalAdvance(tekst) + 8,
                         fm.height())
            p.fillRect(vak, achter)
            p.setPen(per.kleur)
            p.drawText(vak, Qt.AlignmentFlag.AlignCenter, tekst)
        p.end()

    def _legenda(self, p: QPainter, y0: float, fm: QFontMetrics, tekst: QColor) -> None:
        x = float(self.width() - 6)
        vak = fm.height() * 0.7
        p.setPen(tekst)
        for k in range(len(self.reeksen) - 1, -1, -1):
            r = self.reeksen[k]
            w = fm.horizontalAdvance(r.naam)
            x -= w
            p.setPen(tekst)
            p.drawText(QRectF(x, y0, w + 2, fm.height()), Qt.AlignmentFlag.AlignVCenter, r.naam)
            if self.soort == self.LIJN:  # the line as drawn: its dashes and its marker
                x -= 22
                midden = QPointF(x + 9, y0 + fm.height() / 2)
                p.setPen(_pen(r.kleur, k))
                p.drawLine(QPointF(x, midden.y()), QPointF(x + 18, midden.y()))
                _marker(p, midden, k, r.kleur)
            else:
                x -= vak + 4
                p.fillRect(QRectF(x, y0 + (fm.height() - vak) / 2, vak, vak), r.kleur)
            x -= 14

    def _staven(self, p: QPainter, vlak: QRectF, breedte: float, y) -> None:
        marge = breedte * 0.18
        for i in range(len(self.labels)):
            links = vlak.left() + i * breedte + marge
            w = breedte - 2 * marge
            if self.soort == self.GESTAPELD:
                basis = 0.0
                for r in self.reeksen:
                    v = r.waarden[i]
                    if v > 0:
                        p.fillRect(QRectF(links, y(basis + v), w, y(basis) - y(basis + v)), r.kleur)
                    basis += v
            else:
                deel = w / max(1, len(self.reeksen))
                for k, r in enumerate(self.reeksen):
                    v = r.waarden[i]
                    if v > 0:
                        p.fillRect(QRectF(links + k * deel, y(v), deel - 1, y(0) - y(v)), r.kleur)

    def _lijnen(self, p: QPainter, vlak: QRectF, breedte: float, y) -> None:
        for k, r in enumerate(self.reeksen):
            pad = QPainterPath()
            punten = [QPointF(vlak.left() + (i + 0.5) * breedte, y(v)) for i, v in enumerate(r.waarden)]
            pad.moveTo(punten[0])
            for pt in punten[1:]:
                pad.lineTo(pt)
            p.setPen(_pen(r.kleur, k))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(pad)
            for pt in punten:
                _marker(p, pt, k, r.kleur)


# Per line a marker shape and a dash pattern besides its colour (as the jaaroverzicht's chart): lines that
# differ by colour alone are lost on colour-blind readers and on a black-and-white print.
MARKERS = ("rondje", "vierkant", "driehoek", "ruit", "open rondje", "open vierkant", "kruis")
_STREPEN = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.SolidLine, Qt.PenStyle.DotLine,
            Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)


def _pen(kleur: QColor, k: int) -> QPen:
    return QPen(kleur, 2, _STREPEN[k % len(_STREPEN)])


def _marker(p: QPainter, pt: QPointF, k: int, kleur: QColor) -> None:
    vorm = MARKERS[k % len(MARKERS)]
    r = 3.5
    p.setPen(QPen(kleur, 1.5))
    p.setBrush(theme.color("surface") if vorm.startswith("open") else kleur)
    if vorm.endswith("rondje"):
        p.drawEllipse(pt, r, r)
    elif vorm.endswith("vierkant"):
        p.drawRect(QRectF(pt.x() - r, pt.y() - r, 2 * r, 2 * r))
    elif vorm == "kruis":
        p.drawLine(QPointF(pt.x() - r, pt.y() - r), QPointF(pt.x() + r, pt.y() + r))
        p.drawLine(QPointF(pt.x() - r, pt.y() + r), QPointF(pt.x() + r, pt.y() - r))
    else:
        hoeken = ([(0, -r - 0.5), (r + 0.5, r), (-r - 0.5, r)] if vorm == "driehoek"
                  else [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)])
        p.drawPolygon(QPolygonF([QPointF(pt.x() + dx, pt.y() + dy) for dx, dy in hoeken]))
