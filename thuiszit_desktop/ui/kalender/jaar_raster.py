"""The year grid shared by the school calendar and the verzuim heat map on the student page:
`JaarRaster` (twelve month grids, August–July, weeks from Monday, one coloured cell per day with a
tooltip), its colour swatches (`Kleurvak`) and `Legenda`, and the day and year texts both show.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSizePolicy, QToolTip, QWidget

from ...domain import formaat
from ...domain.formaat import MAANDEN
from ...domain.kalender import schooljaar_label
from ..common import theme

WEEKDAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")


def dag_tekst(d: date) -> str:
    """"ma 14-09-2026"."""
    return f"{WEEKDAGEN[d.weekday()]} {formaat.datum(d)}"


def periode_tekst(van: date, tot: date) -> str:
    return f"{dag_tekst(van)} t/m {dag_tekst(tot)}"


def jaren_keuze(huidig: int) -> list[int]:
    """The school years offered in a selector: two back, the current one and five ahead."""
    return list(range(huidig - 2, huidig + 6))


def vul_jaar_combo(combo: QComboBox, jaren: list[int], gekozen: int) -> None:
    combo.blockSignals(True)
    combo.clear()
    for y in sorted(set(jaren) | {gekozen}):
        combo.addItem(schooljaar_label(y), y)
    combo.setCurrentIndex(combo.findData(gekozen))
    combo.blockSignals(False)


# --- the year grid --------------------------------------------------------------------------------

@dataclass(frozen=True)
class DagStijl:
    """How one day looks in a `JaarRaster`."""

    vulling: QColor
    tooltip: str
    rand: QColor | None = None  # an outline, e.g. for a white cell
    gedimd: bool = False  # a grey day number (not a lesdag)
    gestippeld: bool = False  # a dotted outline (e.g. not yet registered)


def _dagen_in(jaar: int, maand: int) -> int:
    return (date(jaar + (maand == 12), maand % 12 + 1, 1) - date(jaar, maand, 1)).days


def _tekstkleur(achtergrond: QColor, gedimd: bool) -> QColor:
    kleuren = theme.current().kalender
    if gedimd:
        return QColor(kleuren["dag_gedimd"])
    return QColor(max(kleuren["dag_tekst"], kleuren["dag_tekst_licht"],
                      key=lambda tekst: theme.contrast(tekst, achtergrond.name())))


def _bewaar(cache: dict, sleutel: tuple, waarde, hoogstens: int = 4) -> None:
    """Keep `waarde` under `sleutel`, forgetting the oldest beyond `hoogstens`."""
    cache[sleutel] = waarde
    while len(cache) > hoogstens:
        del cache[next(iter(cache))]


class JaarRaster(QWidget):
    """Twelve small month grids of a school year (August–July; weeks start on Monday).

    Every day is a cell coloured by a `DagStijl`; hovering shows its tooltip. The cell size follows the
    widget's size (between `min_cel` and `max_cel` pixels). With `hoogte_volgt_breedte` the widget asks
    its layout for the height its width needs (in a scroll area); otherwise it fits the size it gets and
    picks, of `kolommen` (e.g. (4, 6): 4×3 or 6×2 months), the arrangement with the largest cells.
    """

    TUSSEN_X = 14
    TUSSEN_Y = 10

    def __init__(self, parent: QWidget | None = None, *, kolommen: int | tuple[int, ...] = 6, min_cel: int = 14,
                 max_cel: int = 28, hoogte_volgt_breedte: bool = False):
        super().__init__(parent)
        self.opties = (kolommen,) if isinstance(kolommen, int) else tuple(kolommen)
        self.kolommen = self.opties[0]
        self.min_cel = min_cel
        self.max_cel = max_cel
        self.hoogte_volgt_breedte = hoogte_volgt_breedte
        self.start_year: int | None = None
        self.stijlen: dict[date, DagStijl] = {}
        self._tooltips: Callable[[date], str] | None = None
        self.vandaag: date | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred,
                             QSizePolicy.Policy.Preferred if hoogte_volgt_breedte else QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(hoogte_volgt_breedte)
        self.setSizePolicy(policy)
        self._titelfont = QFont(self.font())
        self._titelfont.setBold(True)
        self._kleinfont = QFont(self.font())
        self._kleinfont.setPointSizeF(max(self.font().pointSizeF() - 1.5, 6.5))
        self._cache: QPixmap | None = None
        # Kept for the last few sizes: the student page's width moves with its scroll bar, which comes and
        # goes with the number of signals of the student opened.
        self._koppen: dict[tuple, QPixmap] = {}  # what it was drawn for → the titles and weekday letters
        self._getallen: dict[tuple, list[QPixmap | None]] = {}  # (colour, cell size, dpr) → the numbers by day
        self._plekken: dict[tuple, list] = {}  # (year, cell, columns) → `_plekken_voor` for them
        self._cel = min_cel

    # --- content ---

    def set_jaar(self, start_year: int, stijlen: dict[date, DagStijl], vandaag: date | None = None, *,
                 tooltips: Callable[[date], str] | None = None) -> None:
        """`tooltips`: a day's tooltip when its style has none (made when pointed at, not for every day)."""
        self.start_year = start_year
        self.stijlen = dict(stijlen)
        self._tooltips = tooltips
        self.vandaag = vandaag
        self._invalidate()
        self.updateGeometry()
        self.update()

    def maanden(self) -> list[tuple[int, int]]:
        """(year, month) of the twelve blocks, August first."""
        y = self.start_year or date.today().year
        return [(y + (m >= 5), (m + 7) % 12 + 1) for m in range(12)]

    def tooltip(self, d: date) -> str:
        stijl = self.stijlen.get(d)
        if stijl is not None and not stijl.tooltip and self._tooltips is not None:
            return self._tooltips(d)
        return stijl.tooltip if stijl else dag_tekst(d)

    # --- geometry ---

    def _titel_hoogte(self) -> int:
        return self.fontMetrics().height() + 6

    def _kop_hoogte(self) -> int:  # the weekday letters
        return self.fontMetrics().height()

    def _hoogte_voor(self, cel: int, kolommen: int) -> int:
        rijen = math.ceil(12 / kolommen)
        return rijen * (self._titel_hoogte() + self._kop_hoogte() + 6 * cel) + (rijen - 1) * self.TUSSEN_Y

    def _breedte_voor(self, cel: int, kolommen: int) -> int:
        return kolommen * 7 * cel + (kolommen - 1) * self.TUSSEN_X

    def _cel_voor(self, breedte: int, hoogte: int | None, kolommen: int) -> int:
        cel = (breedte - (kolommen - 1) * self.TUSSEN_X) // (kolommen * 7)
        if hoogte is not None:
            rijen = math.ceil(12 / kolommen)
            vrij = hoogte - rijen * (self._titel_hoogte() + self._kop_hoogte()) - (rijen - 1) * self.TUSSEN_Y
            cel = min(cel, vrij // (rijen * 6))
        return cel

    def _kies(self, breedte: int, hoogte: int | None) -> int:
        """The arrangement for a size. When the height follows the width: the first of `opties` whose cells
        stay at least min_cel (fewer columns only on a narrow screen); otherwise the one with the largest cells."""
        if hoogte is None:
            for k in self.opties:
                if self._cel_voor(breedte, None, k) >= self.min_cel:
                    return k
        return max(self.opties, key=lambda k: (self._cel_voor(breedte, hoogte, k), -k))

    def _indeling(self) -> None:
        """Choose the arrangement and cell size for the current widget size."""
        hoogte = None if self.hoogte_volgt_breedte else self.height()
        beste = self._kies(self.width(), hoogte)
        self.kolommen = beste
        # Below min_cel only when the widget is smaller than it asked (1366×768 at 150 %): small cells, not cut off.
        self._cel = max(min(self.min_cel, 10), min(self.max_cel, self._cel_voor(self.width(), hoogte, beste)))

    def cel(self) -> int:
        """The cell size for the current widget size."""
        return self._cel

    def hasHeightForWidth(self) -> bool:
        return self.hoogte_volgt_breedte

    def heightForWidth(self, width: int) -> int:
        k = self._kies(width, None)
        return self._hoogte_voor(max(self.min_cel, min(self.max_cel, self._cel_voor(width, None, k))), k)

    def sizeHint(self) -> QSize:
        cel, k = (self.min_cel + self.max_cel) // 2, self.opties[0]
        return QSize(self._breedte_voor(cel, k), self._hoogte_voor(cel, k))

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self._breedte_voor(self.min_cel, k) for k in self.opties),
                     min(self._hoogte_voor(self.min_cel, k) for k in self.opties))

    def _blok_oorsprong(self, index: int, cel: int) -> QPoint:
        kolom, rij = index % self.kolommen, index // self.kolommen
        x = kolom * (7 * cel + self.TUSSEN_X)
        y = rij * (self._titel_hoogte() + self._kop_hoogte() + 6 * cel + self.TUSSEN_Y)
        return QPoint(x, y)

    def cel_rect(self, d: date) -> QRect | None:
        """Where day d is drawn (None when it is not in this school year)."""
        if self.start_year is None:
            return None
        try:
            index = self.maanden().index((d.year, d.month))
        except ValueError:
            return None
        cel = self.cel()
        o = self._blok_oorsprong(index, cel)
        plek = date(d.year, d.month, 1).weekday() + d.day - 1
        x = o.x() + (plek % 7) * cel
        y = o.y() + self._titel_hoogte() + self._kop_hoogte() + (plek // 7) * cel
        return QRect(x, y, cel, cel)

    def dag_op(self, pos: QPoint) -> date | None:
        """The day under a point of the widget, if any."""
        if self.start_year is None:
            return None
        cel = self.cel()
        for index, (y, m) in enumerate(self.maanden()):
            o = self._blok_oorsprong(index, cel)
            top = o.y() + self._titel_hoogte() + self._kop_hoogte()
            dx, dy = pos.x() - o.x(), pos.y() - top
            if not (0 <= dx < 7 * cel and 0 <= dy < 6 * cel):
                continue
            plek = (dy // cel) * 7 + dx // cel
            dag = plek - date(y, m, 1).weekday() + 1
            eerste_volgende = date(y + (m == 12), m % 12 + 1, 1)
            if 1 <= dag <= (eerste_volgende - timedelta(days=1)).day:
                return date(y, m, dag)
            return None
        return None

    # --- painting and tooltips ---
    #
    # The grid is drawn once into a pixmap (again only after set_jaar or a resize), with one brush and
    # one drawRects call per kind of day: few calls into Qt, so repaints on hover or expose are cheap.

    def _invalidate(self) -> None:
        self._cache = None
        self._indeling()

    def resizeEvent(self, event) -> None:
        self._invalidate()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._koppen.clear()
            self._getallen.clear()
            self._invalidate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.start_year is None or self.width() <= 0 or self.height() <= 0:
            return
        if self._cache is None:
            self._cache = self._render()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()

    def _render(self) -> QPixmap:
        dpr = self.devicePixelRatioF()
        pixmap = QPixmap(int(self.width() * dpr), int(self.height() * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        cel = self.cel()
        koppen = [self._blok_oorsprong(index, cel) for index in range(12)]
        painter.drawPixmap(0, 0, self._koppen_laag(koppen, cel, dpr))

        # the cells, grouped by how they look; their places are the same for every student (`_plekken_voor`)
        groepen: dict[tuple, list[QRect]] = {}
        getallen: list[tuple[QPoint, QPixmap]] = []
        # how a look is drawn: (its group's cells, with an outline, the numbers' colour, the numbers by day)
        soorten: dict[tuple, tuple[list[QRect], bool, str, list[QPixmap | None]]] = {}
        per_stijl: dict[int, tuple[list[QRect], bool, str, list[QPixmap | None]]] = {}  # the same by id(DagStijl)
        aanwezig = theme.kalender_color("aanwezig")
        standaard = DagStijl(aanwezig, "")
        stijlen = self.stijlen
        for d, binnen, binnen_rand, punt, dag in self._plekken_voor(koppen, cel):
            stijl = stijlen.get(d, standaard)
            # by identity: heatmap_stijlen shares one DagStijl between the days that look alike (a dict lookup per
            # day instead of building its look: this loop runs for every day of the year at every opening)
            if (gevonden := per_stijl.get(id(stijl))) is None:
                soort = (id(stijl.vulling), id(stijl.rand), stijl.gestippeld, stijl.gedimd)
                if (gevonden := soorten.get(soort)) is None:
                    rand = stijl.rand.name() if stijl.rand is not None else ""
                    groep = (stijl.vulling.rgba(), rand, stijl.gestippeld)
                    kleur = _tekstkleur(stijl.vulling, stijl.gedimd).name()
                    gevonden = soorten[soort] = (groepen.setdefault(groep, []), bool(rand), kleur,
                                                 self._getallen_in(kleur, cel, dpr))
                per_stijl[id(stijl)] = gevonden
            rects, met_rand, kleur, cijfers = gevonden
            rects.append(binnen_rand if met_rand else binnen)
            getallen.append((punt, cijfers[dag] or self._getal(cijfers, kleur, dag, cel, dpr)))
        for (vulling, rand, gestippeld), rects in groepen.items():
            painter.setBrush(QColor.fromRgba(vulling))
            if rand:
                pen = QPen(QColor.fromString(rand), 1)
                pen.setStyle(Qt.PenStyle.DotLine if gestippeld else Qt.PenStyle.SolidLine)
                painter.setPen(pen)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRects(rects)
        if self.vandaag is not None and (rect := self.cel_rect(self.vandaag)) is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.kalender_color("vandaag"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

        # The day numbers as small pixmaps drawn once per colour and size: a drawText per day (366 text layouts)
        # was most of the time it takes to show a student's year.
        for punt, getal in getallen:
            painter.drawPixmap(punt, getal)
        painter.end()
        return pixmap

    def _plekken_voor(self, koppen: list[QPoint], cel: int) -> list[tuple[date, QRect, QRect, QPoint, int]]:
        """Every day of the school year with where it is drawn (as in `cel_rect`): the cell less its gap, the
        same for a cell with an outline, the corner for its number, and the day number."""
        sleutel = (self.start_year, cel, self.kolommen)
        if (plekken := self._plekken.get(sleutel)) is not None:
            return plekken
        plekken = []
        boven = self._titel_hoogte() + self._kop_hoogte()
        for o, (y, m) in zip(koppen, self.maanden(), strict=True):
            lege = date(y, m, 1).weekday()
            for dag in range(1, _dagen_in(y, m) + 1):
                plek = lege + dag - 1
                rect = QRect(o.x() + (plek % 7) * cel, o.y() + boven + (plek // 7) * cel, cel, cel)
                plekken.append((date(y, m, dag), rect.adjusted(1, 1, -1, -1), rect.adjusted(1, 1, -2, -2),
                                rect.topLeft(), dag))
        _bewaar(self._plekken, sleutel, plekken)
        return plekken

    def _koppen_laag(self, koppen: list[QPoint], cel: int, dpr: float) -> QPixmap:
        """The month titles and weekday letters: the same for every student, so drawn once per year and size."""
        sleutel = (self.start_year, self.width(), self.height(), cel, self.kolommen, dpr,
                   self.palette().color(self.foregroundRole()).rgba(), theme.color("muted").rgba())
        if (laag := self._koppen.get(sleutel)) is not None:
            return laag
        laag = QPixmap(int(self.width() * dpr), int(self.height() * dpr))
        laag.setDevicePixelRatio(dpr)
        laag.fill(Qt.GlobalColor.transparent)
        painter = QPainter(laag)
        painter.setFont(self._titelfont)
        painter.setPen(self.palette().color(self.foregroundRole()))
        for o, (y, m) in zip(koppen, self.maanden(), strict=True):
            titel = f"{MAANDEN[m - 1].capitalize()} {y}"
            if painter.fontMetrics().horizontalAdvance(titel) > 7 * cel:  # small cells: "Sep 2026"
                titel = f"{MAANDEN[m - 1][:3].capitalize()} {y}"
            painter.drawText(QRect(o.x(), o.y(), 7 * cel, self._titel_hoogte()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), titel)
        painter.setFont(self._kleinfont)
        painter.setPen(theme.color("muted"))
        kort = painter.fontMetrics().horizontalAdvance("wo") > cel  # small cells: "m d w d v z z"
        for o in koppen:
            for k, naam in enumerate(WEEKDAGEN):
                painter.drawText(QRect(o.x() + k * cel, o.y() + self._titel_hoogte(), cel, self._kop_hoogte()),
                                 int(Qt.AlignmentFlag.AlignCenter), naam[0] if kort else naam)
        painter.end()
        _bewaar(self._koppen, sleutel, laag)
        return laag

    def _getallen_in(self, kleur: str, cel: int, dpr: float) -> list[QPixmap | None]:
        """The day numbers (by day, 1–31) in `kleur` for this cell size, each drawn when first asked for (`_getal`)."""
        sleutel = (kleur, cel, dpr)
        cijfers = self._getallen.get(sleutel)
        if cijfers is None:
            if len(self._getallen) > 30:  # sizes of a window resized many times: start again
                self._getallen.clear()
            cijfers = self._getallen[sleutel] = [None] * 32
        return cijfers

    def _getal(self, cijfers: list[QPixmap | None], kleur: str, dag: int, cel: int, dpr: float) -> QPixmap:
        """Day number `dag` centred in a transparent cell, in `kleur`; kept in `cijfers` (`_getallen_in`)."""
        getal = QPixmap(int(cel * dpr), int(cel * dpr))
        getal.setDevicePixelRatio(dpr)
        getal.fill(Qt.GlobalColor.transparent)
        painter = QPainter(getal)
        font = QFont(self._kleinfont)
        font.setPixelSize(max(7, int(cel * 0.42)))
        painter.setFont(font)
        painter.setPen(QColor.fromString(kleur))
        painter.drawText(QRect(0, 0, cel, cel), int(Qt.AlignmentFlag.AlignCenter), str(dag))
        painter.end()
        cijfers[dag] = getal
        return getal

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            d = self.dag_op(help_event.pos())
            if d is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(help_event.globalPos(), self.tooltip(d), self, self.cel_rect(d))
            return True
        return super().event(event)


class Kleurvak(QWidget):
    """A small square in a legend."""

    def __init__(self, kleur: QColor, rand: QColor | None = None, *, gestippeld: bool = False,
                 dik: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.kleur = kleur
        self.rand = rand
        self.gestippeld = gestippeld
        self.dik = dik
        grootte = self.fontMetrics().height()
        self.setFixedSize(grootte, grootte)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(self.kleur)
        if self.rand is not None:
            pen = QPen(self.rand, 2 if self.dik else 1)
            if self.gestippeld:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 2.5, 2.5)
        painter.end()


class Legenda(QWidget):
    """Colour squares with their meaning, one under the other (or in a row)."""

    def __init__(self, parent: QWidget | None = None, *, naast_elkaar: bool = False):
        super().__init__(parent)
        self.naast_elkaar = naast_elkaar
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        self.teksten: list[QLabel] = []
        self.waarden: list[QLabel] = []  # the `extra` of each row that has one

    def clear(self) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        self.teksten = []
        self.waarden = []

    def add(self, vak: Kleurvak, tekst: str, extra: str = "") -> QLabel:
        label = QLabel(tekst)
        label.setTextFormat(Qt.TextFormat.PlainText)
        n = len(self.teksten)
        if self.naast_elkaar:
            self.grid.addWidget(vak, 0, 2 * n)
            self.grid.addWidget(label, 0, 2 * n + 1)
            self.grid.setColumnMinimumWidth(2 * n + 1, label.sizeHint().width() + 10)
        else:
            self.grid.addWidget(vak, n, 0)
            self.grid.addWidget(label, n, 1)
            if extra:
                waarde = QLabel(extra)
                waarde.setTextFormat(Qt.TextFormat.PlainText)
                waarde.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.grid.addWidget(waarde, n, 2)
                self.waarden.append(waarde)
        self.teksten.append(label)
        return label
