"""The school calendar ("Schoolkalender"): a school year as twelve month grids, the vacations (herfst and
voorjaar adjustable), the school's vrije dagen, and – for a year the shipped data does not cover – an
editor for the five vacations.

`JaarRaster` (twelve month grids, August–July, weeks from Monday, one coloured cell per day with a
tooltip) and `Legenda` are shared with the verzuim heat map on the student page.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...domain.errors import InvoerFout
from ...domain.kalender import Vakantie, schooljaar_label, vakanties_from_data
from ...domain.leerling import schooljaar_start
from ...services.kalender import SOORTEN, Jaaroverzicht
from ...services.ongedaan import samen
from ...services.session import Services
from ..common import errors, theme
from ..common.bestanden import IMPORT, bestand_openen
from ..common.ongedaan_bar import toon_ongedaan
from ..common.widgets import (
    DateEdit,
    ErrorLabel,
    FieldErrors,
    OptionalDateEdit,
    WrapLabel,
    heading,
    hint,
    with_error,
)

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
WEEKDAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")
BESTANDSFILTER = "CSV of Excel (*.csv *.txt *.xlsx)"

# The calendar's colours per kind of day ("lesdag", "weekend", "vakantie", "feestdag", "vrije_dag", …), from
# `theme` in light or dark: calm enough for the day numbers, distinct for colour-blind eyes too.
SOORT_KLEUR = theme.KALENDER_KLEUR
VAKANTIE_NAMEN = {"herfstvakantie": "Herfstvakantie", "kerstvakantie": "Kerstvakantie",
                  "voorjaarsvakantie": "Voorjaarsvakantie", "meivakantie": "Meivakantie",
                  "zomervakantie": "Zomervakantie"}
VERSCHUIFBAAR = ("herfstvakantie", "voorjaarsvakantie")  # advisory: the school may choose its own dates
_VAKANTIE_MAAND = {"herfstvakantie": 10, "kerstvakantie": 12, "voorjaarsvakantie": 2, "meivakantie": 4,
                   "zomervakantie": 7}  # where the date fields of an uncovered year start


def dag_tekst(d: date) -> str:
    """"ma 14-09-2026"."""
    return f"{WEEKDAGEN[d.weekday()]} {d:%d-%m-%Y}"


def periode_tekst(van: date, tot: date) -> str:
    return f"{dag_tekst(van)} t/m {dag_tekst(tot)}"


def _jaren_keuze(huidig: int) -> list[int]:
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


def _tekstkleur(achtergrond: QColor, gedimd: bool) -> QColor:
    kleuren = theme.current().kalender
    if gedimd:
        return QColor(kleuren["dag_gedimd"])
    return QColor(max(kleuren["dag_tekst"], kleuren["dag_tekst_licht"],
                      key=lambda tekst: theme.contrast(tekst, achtergrond.name())))


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
        self._cel = min_cel

    # --- content ---

    def set_jaar(self, start_year: int, stijlen: dict[date, DagStijl], vandaag: date | None = None) -> None:
        self.start_year = start_year
        self.stijlen = dict(stijlen)
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
        tekst = self.palette().color(self.foregroundRole())

        # titles and weekday letters
        painter.setFont(self._titelfont)
        painter.setPen(tekst)
        koppen: list[QPoint] = []
        for index, (y, m) in enumerate(self.maanden()):
            o = self._blok_oorsprong(index, cel)
            koppen.append(o)
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

        # the cells, grouped by how they look
        groepen: dict[tuple, list[QRect]] = defaultdict(list)
        getallen: dict[str, list[tuple[QRect, str]]] = defaultdict(list)
        for y, m in self.maanden():
            d = date(y, m, 1)
            while d.month == m:
                rect = self.cel_rect(d)
                stijl = self.stijlen.get(d)
                vulling = stijl.vulling if stijl else theme.kalender_color("aanwezig")
                rand = stijl.rand.name() if stijl and stijl.rand is not None else ""
                sleutel = (vulling.name(QColor.NameFormat.HexArgb), rand, bool(stijl and stijl.gestippeld))
                groepen[sleutel].append(rect.adjusted(1, 1, -2, -2) if rand else rect.adjusted(1, 1, -1, -1))
                getallen[_tekstkleur(vulling, stijl.gedimd if stijl else False).name()].append((rect, str(d.day)))
                d += timedelta(days=1)
        for (vulling, rand, gestippeld), rects in groepen.items():
            painter.setBrush(QColor.fromString(vulling))
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

        getalfont = QFont(self._kleinfont)
        getalfont.setPixelSize(max(7, int(cel * 0.42)))
        painter.setFont(getalfont)
        for kleur, items in getallen.items():
            painter.setPen(QColor.fromString(kleur))
            for rect, tekst_dag in items:
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), tekst_dag)
        painter.end()
        return pixmap

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

    def clear(self) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        self.teksten = []

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
        self.teksten.append(label)
        return label


# --- official dates ---------------------------------------------------------------------------------

@cache
def _vakantiedata(pad: Path) -> dict:
    return json.loads(pad.read_text(encoding="utf-8"))


def officiele_vakanties(regio) -> list[Vakantie]:
    """The official vacations of a region as shipped, before the school's own dates.

    (The kalender service only returns the dates in force; the official ones are shown beside the
    school's own dates so the zorgcoördinator can compare and go back.)
    """
    return vakanties_from_data(_vakantiedata(paths.resource("data", "schoolvakanties.json")), regio)


# --- dialogs ----------------------------------------------------------------------------------------


class VakantieAanpassenDialog(QDialog):
    """The school's own dates for the herfst- or voorjaarsvakantie."""

    def __init__(self, services: Services, vakantie: Vakantie, officieel: Vakantie | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.vakantie = vakantie
        self.setWindowTitle(f"{VAKANTIE_NAMEN.get(vakantie.soort, vakantie.naam)} {vakantie.schooljaar} aanpassen")
        self.errors = FieldErrors(ErrorLabel())
        layout = QVBoxLayout(self)
        uitleg = WrapLabel(
            f"De {vakantie.soort} is een advies van de overheid: de school mag andere data kiezen. "
            "Vul hier de data in die uw school aanhoudt, meestal van zaterdag tot en met zondag.")
        layout.addWidget(uitleg)
        form = QFormLayout()
        if officieel is not None:
            self.officieel_label = QLabel(periode_tekst(officieel.van, officieel.tot))
            form.addRow("Officiële data:", self.officieel_label)
        self.van = DateEdit(start=vakantie.van)
        self.van.set_value(vakantie.van)
        self.tot = DateEdit(start=vakantie.tot)
        self.tot.set_value(vakantie.tot)
        form.addRow("Eerste vakantiedag:", with_error(self.van, self.errors.add("van", self.van)))
        form.addRow("Laatste vakantiedag:", with_error(self.tot, self.errors.add("tot", self.tot)))
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def save(self) -> bool:
        self.errors.clear()
        try:
            self.services.kalender.vakantie_aanpassen(self.vakantie.schooljaar, self.vakantie.soort,
                                                      self.van.value(), self.tot.value())
        except InvoerFout as exc:
            self.errors.show(exc.fouten)
            return False
        except errors.USER_ERRORS as exc:
            errors.show_user_error(self, exc)
            return False
        self.accept()
        return True


# --- the view ---------------------------------------------------------------------------------------

class _EigenVakantieRij:
    def __init__(self, soort: str):
        self.soort = soort
        self.van = OptionalDateEdit()
        self.tot = OptionalDateEdit()
        self.fout = ErrorLabel()


class KalenderView(QWidget):
    """The area "Schoolkalender": a school year's lesdagen, vacations and vrije dagen."""

    changed = Signal()  # the calendar changed (vacations or vrije dagen): lesdagen and signals move

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.jaar: Jaaroverzicht | None = None
        self._geladen = False
        huidig = schooljaar_start(self.vandaag).year

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        # header: title, region, lesdagen, year selector
        kop = QHBoxLayout()
        titels = QVBoxLayout()
        titels.setSpacing(2)
        titels.addWidget(heading("Schoolkalender", 6))
        self.lesdagen_label = QLabel()
        self.lesdagen_label.setTextFormat(Qt.TextFormat.PlainText)
        titels.addWidget(self.lesdagen_label)
        kop.addLayout(titels)
        kop.addStretch(1)
        kop.addWidget(QLabel("Schooljaar:"))
        self.vorige_button = QToolButton()
        self.vorige_button.setText("◀")
        self.vorige_button.setToolTip("Vorig schooljaar")
        self.vorige_button.clicked.connect(lambda: self._stap(-1))
        self.jaar_combo = QComboBox()
        vul_jaar_combo(self.jaar_combo, _jaren_keuze(huidig), huidig)
        self.jaar_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.volgende_button = QToolButton()
        self.volgende_button.setText("▶")
        self.volgende_button.setToolTip("Volgend schooljaar")
        self.volgende_button.clicked.connect(lambda: self._stap(1))
        for w in (self.vorige_button, self.jaar_combo, self.volgende_button):
            kop.addWidget(w)
        outer.addLayout(kop)

        # the message and editor for a year the data does not cover
        self.ongedekt = QFrame()
        self.ongedekt.setObjectName("ongedekt")
        theme.style(self.ongedekt, "QFrame#ongedekt {{ background: {warning_bg}; border: 1px solid {warning_border}; "
                                   "border-radius: 4px; }}")
        ongedekt_layout = QVBoxLayout(self.ongedekt)
        self.ongedekt_label = WrapLabel()
        font = self.ongedekt_label.font()
        font.setBold(True)
        self.ongedekt_label.setFont(font)
        ongedekt_layout.addWidget(self.ongedekt_label)
        self.eigen_editor = QWidget()
        grid = QGridLayout(self.eigen_editor)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel("<b>Vakantie</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Eerste dag</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Laatste dag</b>"), 0, 2)
        self.eigen_rijen: dict[str, _EigenVakantieRij] = {}
        for i, soort in enumerate(SOORTEN):
            rij = _EigenVakantieRij(soort)
            self.eigen_rijen[soort] = rij
            grid.addWidget(QLabel(VAKANTIE_NAMEN[soort]), 1 + i, 0)
            grid.addWidget(rij.van, 1 + i, 1)
            grid.addWidget(rij.tot, 1 + i, 2)
            grid.addWidget(rij.fout, 1 + i, 3)
        grid.setColumnStretch(3, 1)
        self.eigen_opslaan_button = QPushButton("Vakanties opslaan")
        self.eigen_opslaan_button.clicked.connect(self.eigen_vakanties_opslaan)
        knoppen = QHBoxLayout()
        knoppen.addWidget(hint("Zoek de data op bij rijksoverheid.nl/schoolvakanties of vraag ze aan de "
                               "schoolleiding. De weekenden rond een vakantie horen erbij (zaterdag t/m zondag)."), 1)
        knoppen.addWidget(self.eigen_opslaan_button, 0, Qt.AlignmentFlag.AlignBottom)
        grid.addLayout(knoppen, 1 + len(SOORTEN), 0, 1, 4)
        ongedekt_layout.addWidget(self.eigen_editor)
        outer.addWidget(self.ongedekt)

        # the year grid and, beside it, the legend and the vacation and vrije dagen editors
        body = QHBoxLayout()
        body.setSpacing(16)
        self.raster = JaarRaster(kolommen=(4, 6, 3), min_cel=15, max_cel=32)
        body.addWidget(self.raster, 1)

        zijkant = QVBoxLayout()
        zijkant.setSpacing(8)
        self.legenda = Legenda()
        for soort, tekst in (("lesdag", "Lesdag"), ("weekend", "Weekend"), ("vakantie", "Schoolvakantie"),
                             ("feestdag", "Feestdag"), ("vrije_dag", "Vrije dag van de school")):
            self.legenda.add(Kleurvak(SOORT_KLEUR[soort], theme.kalender_color("rand") if soort == "weekend" else None),
                             tekst)
        self.legenda.add(Kleurvak(theme.kalender_color("aanwezig"), theme.kalender_color("vandaag"), dik=True), "Vandaag")
        zijkant.addWidget(self.legenda)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._bouw_vakanties(), "Vakanties")
        self.tabs.addTab(self._bouw_vrije_dagen(), "Vrije dagen")
        zijkant.addWidget(self.tabs, 1)
        zijwidget = QWidget()
        zijwidget.setLayout(zijkant)
        zijkant.setContentsMargins(0, 0, 0, 0)
        zijwidget.setMinimumWidth(280)  # narrower on a small screen (1366×768 at 150 %), so nothing falls off
        zijwidget.setMaximumWidth(400)
        body.addWidget(zijwidget)
        outer.addLayout(body, 1)

    # --- building the side panel ---

    def _bouw_vakanties(self) -> QWidget:
        pagina = QWidget()
        layout = QVBoxLayout(pagina)
        self.vakanties_tabel = _tabel(["Vakantie", "Van", "Tot en met"])
        self.vakanties_tabel.setAccessibleName("Schoolvakanties")
        kop = self.vakanties_tabel.horizontalHeader()
        kop.setStretchLastSection(False)
        kop.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for kolom in (1, 2):
            kop.setSectionResizeMode(kolom, QHeaderView.ResizeMode.ResizeToContents)
        self.vakanties_tabel.itemSelectionChanged.connect(self._update_vakantie_knoppen)
        layout.addWidget(self.vakanties_tabel, 1)
        self.vakantie_status = hint("")
        layout.addWidget(self.vakantie_status)
        knoppen = QHBoxLayout()
        self.aanpassen_button = QPushButton("Aanpassen…")
        self.aanpassen_button.setToolTip("Andere data kiezen voor de herfst- of voorjaarsvakantie")
        self.aanpassen_button.clicked.connect(self.vakantie_aanpassen)
        self.herstellen_button = QPushButton("Terug naar officiële data")
        self.herstellen_button.clicked.connect(self.vakantie_herstellen)
        knoppen.addWidget(self.aanpassen_button)
        knoppen.addWidget(self.herstellen_button)
        knoppen.addStretch(1)
        layout.addLayout(knoppen)
        self.verschuif_hint = hint("De herfst- en voorjaarsvakantie zijn een advies; de school mag andere data "
                                   "kiezen. Kies er een in de lijst en klik op Aanpassen. De andere vakanties "
                                   "liggen vast.")
        layout.addWidget(self.verschuif_hint)
        return pagina

    def _bouw_vrije_dagen(self) -> QWidget:
        pagina = QWidget()
        layout = QVBoxLayout(pagina)
        self.vrije_tabel = _tabel(["Datum", "Omschrijving"])
        self.vrije_tabel.setAccessibleName("Vrije dagen van de school")
        self.vrije_tabel.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.vrije_tabel.itemSelectionChanged.connect(
            lambda: self.vrij_verwijderen_button.setEnabled(bool(self._gekozen_vrije_dagen())))
        layout.addWidget(self.vrije_tabel, 1)
        rij = QHBoxLayout()
        self.vrij_verwijderen_button = QPushButton("Verwijderen…")
        self.vrij_verwijderen_button.setEnabled(False)
        self.vrij_verwijderen_button.clicked.connect(self.vrije_dagen_verwijderen)
        self.vrij_import_button = QPushButton("Vrije dagen importeren…")
        self.vrij_import_button.setToolTip("Uit een bestand met datum;omschrijving of van;tot;omschrijving")
        self.vrij_import_button.clicked.connect(self.vrije_dagen_importeren)
        rij.addWidget(self.vrij_verwijderen_button)
        rij.addStretch(1)
        rij.addWidget(self.vrij_import_button)
        layout.addLayout(rij)
        self.vrij_import_fouten = ErrorLabel()
        layout.addWidget(self.vrij_import_fouten)
        self.vrij_status = hint("")
        layout.addWidget(self.vrij_status)

        toevoegen = QFrame()
        toevoegen.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(toevoegen)
        form.setContentsMargins(8, 6, 8, 6)
        self.vrij_errors = FieldErrors(ErrorLabel())
        self.vrij_van = DateEdit(start=self.vandaag)
        self.vrij_tot = OptionalDateEdit(start=self.vandaag)
        self.vrij_tot.edit.setToolTip("Leeg laten voor één dag")
        self.vrij_omschrijving = QLineEdit()
        self.vrij_omschrijving.setPlaceholderText("bijvoorbeeld Studiedag")
        self.vrij_toevoegen_button = QPushButton("Toevoegen")
        self.vrij_toevoegen_button.clicked.connect(self.vrije_dagen_toevoegen)
        self.vrij_omschrijving.returnPressed.connect(self.vrije_dagen_toevoegen)
        form.addRow(QLabel("<b>Vrije dag toevoegen</b>"))
        form.addRow("Datum (van):", with_error(self.vrij_van, self.vrij_errors.add("van", self.vrij_van)))
        tot_rij = QHBoxLayout()
        tot_rij.addWidget(with_error(self.vrij_tot, self.vrij_errors.add("tot", self.vrij_tot)), 1)
        tot_rij.addWidget(hint("leeg: één dag"), 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("Tot en met:", tot_rij)
        omschrijving = QHBoxLayout()
        omschrijving.addWidget(self.vrij_omschrijving, 1)
        omschrijving.addWidget(self.vrij_toevoegen_button)
        form.addRow("Omschrijving:", omschrijving)
        form.addRow(self.vrij_errors.general)
        layout.addWidget(toevoegen)
        return pagina

    # --- loading ---

    def showEvent(self, event) -> None:
        # Every time the area is opened (not when the window is restored): settings or an import may have
        # changed the region or the vrije dagen meanwhile.
        if not self._geladen or not event.spontaneous():
            self.refresh()
        super().showEvent(event)

    def start_year(self) -> int:
        return int(self.jaar_combo.currentData())

    def set_jaar(self, start_year: int) -> None:
        """Show the school year that starts on 1 August `start_year`."""
        if self.jaar_combo.findData(start_year) < 0:
            jaren = [int(self.jaar_combo.itemData(i)) for i in range(self.jaar_combo.count())]
            vul_jaar_combo(self.jaar_combo, jaren, start_year)
            self.refresh()
        elif self.start_year() != start_year:
            self.jaar_combo.setCurrentIndex(self.jaar_combo.findData(start_year))  # refreshes
        else:
            self.refresh()

    def _stap(self, richting: int) -> None:
        self.set_jaar(self.start_year() + richting)

    def refresh(self) -> None:
        self._geladen = True
        start_year = self.start_year()
        self.regio = self.services.school.get().regio
        jaar = self.jaar = self.services.kalender.jaar(start_year)
        label = schooljaar_label(start_year)
        vrije_dagen = {v.datum: v.omschrijving for v in self.services.kalender.vrije_dagen()}
        aangepast = self.services.kalender.aangepaste_vakanties()
        officieel = {(v.schooljaar, v.soort): v for v in officiele_vakanties(self.regio)}
        self._officieel = officieel
        self._officieel_bekend = any(sj == label for sj, _ in officieel)

        stijlen: dict[date, DagStijl] = {}
        for dag in jaar.dagen:
            tekst = f"{dag_tekst(dag.datum)}: "
            if dag.soort == "lesdag":
                tekst += "lesdag"
            elif dag.soort == "weekend":
                tekst += "weekend"
            elif dag.soort == "vrije_dag":
                tekst += f"vrije dag – {vrije_dagen.get(dag.datum) or dag.omschrijving}"
            elif dag.soort == "vakantie":
                tekst += dag.omschrijving
                vakantie = next((v for v in jaar.vakanties if v.bevat(dag.datum)), None)
                if vakantie is not None and (vakantie.schooljaar, vakantie.soort) in aangepast:
                    tekst += " (eigen data van de school)"
                elif vakantie is not None and not self._officieel_bekend:
                    tekst += " (door de school ingevuld)"
            else:
                tekst += f"{dag.omschrijving} (feestdag)"
            stijlen[dag.datum] = DagStijl(SOORT_KLEUR.get(dag.soort, SOORT_KLEUR["weekend"]), tekst,
                                          gedimd=dag.soort == "weekend")
        self.raster.set_jaar(start_year, stijlen, self.vandaag)

        regio_tekst = f"Regio {self.regio.value}"
        self.lesdagen_label.setText(f"{jaar.lesdagen} lesdagen in schooljaar {label}  ·  {regio_tekst}")
        self._toon_dekking(jaar)
        self._vul_vakanties(jaar, aangepast)
        self._vul_vrije_dagen(jaar)

    def _toon_dekking(self, jaar: Jaaroverzicht) -> None:
        label = schooljaar_label(jaar.start_year)
        vorig = schooljaar_label(jaar.start_year - 1)
        if jaar.gedekt:
            self.ongedekt.hide()
            return
        self.ongedekt.show()
        if self._officieel_bekend:
            # The year itself is known; the previous zomervakantie (early August) is not.
            self.ongedekt_label.setText(
                f"Het begin van augustus {jaar.start_year} hoort bij de zomervakantie van {vorig}, en die staat "
                f"niet in dit programma. Daarom tellen de eerste weken van augustus hier als lesdagen.")
            self.eigen_editor.hide()
            return
        self.eigen_editor.show()
        ingevuld = {v.soort: v for v in jaar.vakanties}
        for soort, rij in self.eigen_rijen.items():
            v = ingevuld.get(soort)
            maand = _VAKANTIE_MAAND[soort]
            begin = date(jaar.start_year + (maand < 8), maand, 1)
            rij.van.set_start(begin)
            rij.tot.set_start(begin)
            rij.van.set_value(v.van if v else None)
            rij.tot.set_value(v.tot if v else None)
            rij.fout.set_error("")
        if len(ingevuld) < len(SOORTEN):
            tekst = (f"De officiële schoolvakanties van {label} zijn nog niet bekend in dit programma. "
                     "Vul ze hieronder zelf in.")
            if ingevuld:
                tekst += f" ({len(ingevuld)} van de {len(SOORTEN)} ingevuld.)"
        else:
            tekst = (f"De vakanties van {label} zijn ingevuld. Het begin van augustus {jaar.start_year} hoort nog "
                     f"bij de zomervakantie van {vorig}: vul die ook in (kies schooljaar {vorig} hierboven), "
                     "anders tellen die weken als lesdagen.")
        self.ongedekt_label.setText(tekst)

    def _vul_vakanties(self, jaar: Jaaroverzicht, aangepast: dict) -> None:
        tabel = self.vakanties_tabel
        tabel.setRowCount(0)
        label = schooljaar_label(jaar.start_year)
        self._vakanties = list(jaar.vakanties)
        for v in self._vakanties:
            r = tabel.rowCount()
            tabel.insertRow(r)
            naam = VAKANTIE_NAMEN.get(v.soort, v.naam)
            if (v.schooljaar, v.soort) in aangepast:
                naam += " (eigen data)"
            tabel.setItem(r, 0, QTableWidgetItem(naam))
            tabel.setItem(r, 1, QTableWidgetItem(dag_tekst(v.van)))
            tabel.setItem(r, 2, QTableWidgetItem(dag_tekst(v.tot)))
            officieel = self._officieel.get((v.schooljaar, v.soort))
            if officieel is not None and (officieel.van, officieel.tot) != (v.van, v.tot):
                for c in range(3):
                    tabel.item(r, c).setToolTip(f"Officieel: {periode_tekst(officieel.van, officieel.tot)}")
        verschuifbaar = [r for r, v in enumerate(self._vakanties) if v.soort in VERSCHUIFBAAR]
        if verschuifbaar and self._officieel_bekend:
            tabel.selectRow(verschuifbaar[0])  # so "Aanpassen…" is ready for the herfstvakantie
        if not self._vakanties:
            self.vakantie_status.setText(f"Voor {label} zijn nog geen vakanties bekend.")
        elif not self._officieel_bekend:
            self.vakantie_status.setText("Deze vakanties heeft de school zelf ingevuld (bovenaan aan te passen).")
        else:
            eigen = []
            for sj, soort in aangepast:
                officieel = self._officieel.get((sj, soort))
                if sj == label and officieel is not None:
                    eigen.append(f"{soort} (officieel {periode_tekst(officieel.van, officieel.tot)})")
            self.vakantie_status.setText(
                "Officiële data voor regio " + self.regio.value
                + (f"; de school heeft eigen data voor de {' en de '.join(eigen)}." if eigen else "."))
        for w in (self.aanpassen_button, self.herstellen_button, self.verschuif_hint):
            w.setVisible(self._officieel_bekend)
        self._update_vakantie_knoppen()

    def _vul_vrije_dagen(self, jaar: Jaaroverzicht) -> None:
        van, tot = date(jaar.start_year, 8, 1), date(jaar.start_year + 1, 7, 31)
        self._vrije_dagen = [v for v in self.services.kalender.vrije_dagen() if van <= v.datum <= tot]
        tabel = self.vrije_tabel
        tabel.setRowCount(0)
        for v in self._vrije_dagen:
            r = tabel.rowCount()
            tabel.insertRow(r)
            item = QTableWidgetItem(dag_tekst(v.datum))
            item.setData(Qt.ItemDataRole.UserRole, v.datum)
            tabel.setItem(r, 0, item)
            tabel.setItem(r, 1, QTableWidgetItem(v.omschrijving))
        tabel.resizeColumnToContents(0)
        self.tabs.setTabText(1, f"Vrije dagen ({len(self._vrije_dagen)})")
        self.vrij_verwijderen_button.setEnabled(False)

    # --- vacations ---

    def _gekozen_vakantie(self) -> Vakantie | None:
        rijen = {i.row() for i in self.vakanties_tabel.selectedIndexes()}
        if len(rijen) != 1:
            return None
        r = rijen.pop()
        return self._vakanties[r] if r < len(self._vakanties) else None

    def _update_vakantie_knoppen(self) -> None:
        v = self._gekozen_vakantie()
        kan = v is not None and v.soort in VERSCHUIFBAAR and self._officieel_bekend
        self.aanpassen_button.setEnabled(kan)
        aangepast = kan and (v.schooljaar, v.soort) in self.services.kalender.aangepaste_vakanties()
        self.herstellen_button.setEnabled(bool(aangepast))

    def kies_vakantie(self, soort: str) -> None:
        for r, v in enumerate(self._vakanties):
            if v.soort == soort:
                self.vakanties_tabel.selectRow(r)
                return

    def vakantie_aanpassen(self) -> None:
        v = self._gekozen_vakantie()
        if v is None:
            return
        dialog = VakantieAanpassenDialog(self.services, v, self._officieel.get((v.schooljaar, v.soort)), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._na_wijziging()
            self.kies_vakantie(v.soort)

    def vakantie_herstellen(self) -> None:
        v = self._gekozen_vakantie()
        if v is None:
            return
        officieel = self._officieel.get((v.schooljaar, v.soort))
        detail = f"Officieel: {periode_tekst(officieel.van, officieel.tot)}." if officieel else ""
        if not errors.ask(self, f"De {v.soort} {v.schooljaar} terugzetten naar de officiële data?", detail=detail,
                          yes="Terugzetten", no="Niet terugzetten"):
            return
        try:
            self.services.kalender.vakantie_herstellen(v.schooljaar, v.soort)
        except errors.USER_ERRORS as exc:
            errors.show_user_error(self, exc)
            return
        self._na_wijziging()
        self.kies_vakantie(v.soort)

    def eigen_vakanties_opslaan(self) -> bool:
        """Save the vacations typed in the editor for an uncovered year; each one on its own."""
        start_year = self.start_year()
        ok = True
        opgeslagen = 0
        for soort, rij in self.eigen_rijen.items():
            rij.fout.set_error("")
            van, tot = rij.van.value(), rij.tot.value()
            if van is None and tot is None:
                continue
            if van is None or tot is None:
                rij.fout.set_error("Vul de eerste én de laatste dag in.")
                ok = False
                continue
            try:
                self.services.kalender.eigen_vakantie_invoeren(start_year, soort, van, tot)
            except InvoerFout as exc:
                rij.fout.set_error(" ".join(exc.fouten.values()))
                ok = False
                continue
            except errors.USER_ERRORS as exc:
                errors.show_user_error(self, exc)
                return False
            opgeslagen += 1
        if opgeslagen:
            fouten = {s: r.fout.text() for s, r in self.eigen_rijen.items() if not r.fout.isHidden()}
            waarden = {s: (r.van.value(), r.tot.value()) for s, r in self.eigen_rijen.items()}
            self._na_wijziging()
            for soort, tekst in fouten.items():  # keep what was typed in the rows with an error
                rij = self.eigen_rijen[soort]
                rij.van.set_value(waarden[soort][0])
                rij.tot.set_value(waarden[soort][1])
                rij.fout.set_error(tekst)
        return ok

    # --- vrije dagen ---

    def _gekozen_vrije_dagen(self) -> list[date]:
        rijen = sorted({i.row() for i in self.vrije_tabel.selectedIndexes()})
        return [self._vrije_dagen[r].datum for r in rijen if r < len(self._vrije_dagen)]

    def vrije_dagen_toevoegen(self) -> bool:
        self.vrij_errors.clear()
        van = self.vrij_van.value()
        tot = self.vrij_tot.value() or van
        try:
            aantal = self.services.kalender.vrije_dagen_toevoegen(van, tot, self.vrij_omschrijving.text())
        except InvoerFout as exc:
            widget = self.vrij_errors.show(exc.fouten)
            if widget is not None:
                widget.setFocus()
            return False
        except errors.USER_ERRORS as exc:
            errors.show_user_error(self, exc)
            return False
        self.vrij_omschrijving.clear()
        self.vrij_tot.set_value(None)
        if schooljaar_start(van).year != self.start_year():
            self.set_jaar(schooljaar_start(van).year)
        self._na_wijziging()
        self.vrij_status.setText(f"{aantal} {'vrije dag' if aantal == 1 else 'vrije dagen'} toegevoegd.")
        return True

    def vrije_dagen_verwijderen(self) -> None:
        dagen = self._gekozen_vrije_dagen()
        if not dagen:
            return
        wat = f"De vrije dag {dag_tekst(dagen[0])}" if len(dagen) == 1 else f"Deze {len(dagen)} vrije dagen"
        if not errors.bevestig_verwijderen(self, wat, "Die dagen worden dan weer lesdagen."):
            return
        weg = []
        try:
            for d in dagen:
                weg.append(self.services.kalender.vrije_dag_verwijderen(d))
        except errors.USER_ERRORS as exc:
            errors.show_user_error(self, exc)
        self._na_wijziging()
        if weg:
            toon_ongedaan(self, self.services, weg[0] if len(weg) == 1 else samen(f"{len(weg)} vrije dagen", weg),
                          self._na_wijziging)

    def vrije_dagen_importeren(self) -> None:
        pad = bestand_openen(self, "Bestand met vrije dagen kiezen", BESTANDSFILTER, IMPORT)
        if pad is None:
            return
        self.vrij_import_fouten.set_error("")
        try:
            aantal = self.services.kalender.vrije_dagen_importeren(pad)
        except InvoerFout as exc:
            regels = {k: v for k, v in exc.fouten.items() if k.startswith("regel ")}
            if not regels:
                self.vrij_import_fouten.set_error(" ".join(exc.fouten.values()))
                return
            lijst = "\n".join(f"{k}: {v}" for k, v in regels.items())
            self.vrij_import_fouten.set_error(
                f"Er is niets geïmporteerd: {len(regels)} {'regel heeft' if len(regels) == 1 else 'regels hebben'} "
                f"een fout.\n{lijst}")
            if not errors.ask(self, "Sommige regels in het bestand hebben een fout. De goede regels toch "
                                    "importeren?", detail=lijst, yes="Goede regels importeren", no="Niets importeren"):
                return
            try:
                aantal = self.services.kalender.vrije_dagen_importeren(pad, sla_foute_regels_over=True)
            except errors.USER_ERRORS as exc2:
                self.vrij_import_fouten.set_error(str(exc2))
                return
            self._na_wijziging()
            self.vrij_import_fouten.set_error(
                f"{aantal} vrije dagen geïmporteerd. Deze regels zijn overgeslagen:\n{lijst}")
            return
        except errors.USER_ERRORS as exc:
            self.vrij_import_fouten.set_error(str(exc))
            return
        self._na_wijziging()
        self.vrij_status.setText(f"{aantal} vrije dagen geïmporteerd.")

    def _na_wijziging(self) -> None:
        self.refresh()
        self.changed.emit()


def _tabel(koppen: list[str]) -> QTableWidget:
    tabel = QTableWidget(0, len(koppen))
    tabel.setHorizontalHeaderLabels(koppen)
    tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabel.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabel.setAlternatingRowColors(True)
    tabel.verticalHeader().hide()
    tabel.horizontalHeader().setStretchLastSection(True)
    tabel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tabel


__all__ = ["DagStijl", "JaarRaster", "KalenderView", "Kleurvak", "Legenda", "VakantieAanpassenDialog",
           "dag_tekst", "officiele_vakanties"]
