"""The signal list of "Vandaag": the signals grouped by urgency, two lines each, with what has been done.

A model (`SignalenModel`, one flat list: a group's title line, then its signals) and a view (`SignalenLijst`)
with one row height, laid out in batches, so the view asks only the rows on screen for their data and never
walks every line at once – a whole school's signals stay quick. Each line says who, which signal, its deadline, why it fired, and whether it is handled (gemeld with
the date, in a traject with the step, besproken; domain/afhandeling.py). Handled signals can be hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ...domain import formaat
from ...domain.afhandeling import Afhandeling
from ...domain.signalen import SIGNAAL_KORT, SIGNAAL_VOLGORDE, Signaal, SignaalSoort
from ...domain.uitleg import signaal_tooltip
from ...domain.zoeken import sorteersleutel
from ...services.leerlingen import LeerlingRij
from ...services.signalen import Bespreking, Overzicht
from ..common import theme
from ..common.widgets import format_date
from .piramide import NIVEAU_KLEUR

# The groups of the signal list, most urgent first: (title, what to do, the signals in it).
GROEPEN: tuple[tuple[str, str, tuple[SignaalSoort, ...]], ...] = (
    ("Melden bij leerplicht", "binnen 5 werkdagen melden in het verzuimregister van DUO",
     (SignaalSoort.MELDPLICHT_16U,)),
    ("Thuiszitters", "langdurig ongeoorloofd afwezig, of uitgeschreven zonder nieuwe school",
     (SignaalSoort.THUISZITTER_3MND, SignaalSoort.THUISZITTER, SignaalSoort.ABSOLUUT_VERZUIM)),
    ("Zorgwekkend ziekteverzuim (M@zl)", "een gesprek, en met toestemming de jeugdarts",
     (SignaalSoort.MAZL,)),
    ("Langdurig afwezig", "meer dan 4 weken afwezig, ook met een geldige reden: dreigend thuiszitter",
     (SignaalSoort.LANGDURIG_AFWEZIG,)),
    ("Mogelijk luxe verzuim", "afwezig direct voor of na een vakantie: navragen",
     (SignaalSoort.LUXE_VERZUIM,)),
)
_GROEP_VAN = {soort: i for i, (_t, _u, soorten) in enumerate(GROEPEN) for soort in soorten}

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "groep" or "signaal"
REGEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the SignaalRegel of a signal line
TERMIJN_KLEUR_ROLE = Qt.ItemDataRole.UserRole + 3  # the colour of the deadline text, "" for the normal one
GROEP_UITLEG_ROLE = Qt.ItemDataRole.UserRole + 4  # what a group is about (painted under its title)
GROEP, SIGNAAL = "groep", "signaal"


# --- one line ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignaalRegel:
    leerlingnummer: str
    naam: str
    klas: str
    niveau: int  # 0 when unknown
    signaal: Signaal
    bespreking: Bespreking | None
    te_laat: bool  # a meldplicht whose deadline has passed
    afhandeling: Afhandeling = field(default_factory=Afhandeling)

    @property
    def soort(self) -> SignaalSoort:
        return self.signaal.soort

    @property
    def termijn(self) -> str:
        s = self.signaal
        if s.uiterlijk is not None:
            return f"te laat – uiterlijk {formaat.korte_datum(s.uiterlijk)}" if self.te_laat else f"melden uiterlijk {formaat.korte_datum(s.uiterlijk)}"
        if s.soort == SignaalSoort.LUXE_VERZUIM:
            return f"op {format_date(s.sinds)}"
        if s.soort == SignaalSoort.ABSOLUUT_VERZUIM:
            return f"uitgeschreven {format_date(s.sinds)}"
        return f"sinds {format_date(s.sinds)}"

    @property
    def besproken_tekst(self) -> str:
        b = self.bespreking
        if b is None:
            return ""
        wie = f" door {b.door}" if b.door else ""
        return f"Besproken op {format_date(b.op)}{wie}" + (f":\n{b.notitie}" if b.notitie else ".")

    @property
    def status(self) -> str:
        """What was done, short: "✓ gemeld 16-11 · traject stap 2" ("" when nothing yet)."""
        delen = self.afhandeling.delen()
        if not delen:
            return ""
        return ("✓ " if self.afhandeling.afgehandeld else "") + " · ".join(delen)

    def zin(self) -> str:
        """The whole line as one sentence (for screen readers)."""
        klas = f", {self.klas}" if self.klas else ""
        gedaan = self.afhandeling.zin()
        if not gedaan and self.bespreking:
            gedaan = "Besproken."
        return (f"{self.naam}{klas}: {self.soort.label}, {self.termijn}. {self.signaal.uitleg}."
                + (f" {gedaan}" if gedaan else ""))

    def tooltip(self) -> str:
        tekst = signaal_tooltip(self.signaal)  # the rule and the numbers that made it fire
        if self.afhandeling.zin():
            tekst += f"\n\n{self.afhandeling.zin()}"
            if self.soort is SignaalSoort.MELDPLICHT_16U and not self.afhandeling.afgehandeld:
                tekst += " De meldplicht blijft staan tot de melding bij DUO is geregistreerd."
        if self.bespreking:
            tekst += f"\n\n{self.besproken_tekst}"
        return tekst


def signaal_regels(overzicht: Overzicht, leerlingen: dict[str, LeerlingRij],
                   today: date) -> list[list[SignaalRegel]]:
    """The lines of every group in GROEPEN, in display order.

    A thuiszitter of more than 3 months has both `thuiszitter` and `thuiszitter_3mnd`: one line (the
    latter) says it all.
    """
    o = overzicht
    niveau = o.niveau_van()
    lang = {s.leerlingnummer for s in o.signalen if s.soort == SignaalSoort.THUISZITTER_3MND}
    groepen: list[list[SignaalRegel]] = [[] for _ in GROEPEN]
    for s in o.signalen:
        if s.soort == SignaalSoort.THUISZITTER and s.leerlingnummer in lang:
            continue
        rij = leerlingen.get(s.leerlingnummer)
        n = niveau.get(s.leerlingnummer)
        groepen[_GROEP_VAN[s.soort]].append(SignaalRegel(
            s.leerlingnummer, rij.naam if rij else f"Leerling {s.leerlingnummer}", rij.klas if rij else "",
            n.niveau if n else 0, s, o.besproken(s), s.uiterlijk is not None and s.uiterlijk < today,
            o.afhandeling(s)))
    volgorde = {soort: i for i, soort in enumerate(SIGNAAL_VOLGORDE)}
    for groep in groepen:
        groep.sort(key=lambda r: (volgorde[r.soort], r.signaal.uiterlijk or r.signaal.sinds, r.signaal.sinds,
                                  leerlingen[r.leerlingnummer].sorteer if r.leerlingnummer in leerlingen
                                  else sorteersleutel(r.naam)))
    return groepen


# --- the model ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Groep:
    titel: str
    uitleg: str
    regels: tuple[SignaalRegel, ...]  # shown
    verborgen: int  # handled lines left out
    te_laat: int

    @property
    def kop(self) -> str:
        kop = f"{self.titel} · {len(self.regels) + self.verborgen}"
        if self.te_laat:
            kop += f" · {self.te_laat} te laat"
        if self.verborgen:
            kop += f" · {self.verborgen} afgehandeld verborgen"
        return kop


_FLAGS_GROEP = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_FLAGS_SIGNAAL = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class SignalenModel(QAbstractListModel):
    """One flat list: each group's title line followed by its signal lines.

    Flat, so the view needs no walk over every line when it is filled (a tree view visits each item of an
    expanded group: 20,000 signals were seconds); the view lays out with one row size, in batches."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groepen: list[_Groep] = []
        self._regels: list[_Groep | SignaalRegel] = []  # what each row shows

    def set_regels(self, groepen: list[list[SignaalRegel]], *, verberg_afgehandeld: bool = False) -> None:
        self.beginResetModel()
        self._groepen = []
        self._regels = []
        for (titel, uitleg, _soorten), regels in zip(GROEPEN, groepen, strict=True):
            getoond = (tuple(r for r in regels if not r.afhandeling.afgehandeld) if verberg_afgehandeld
                       else tuple(regels))
            if getoond or len(getoond) < len(regels):
                groep = _Groep(titel, uitleg, getoond, len(regels) - len(getoond), sum(r.te_laat for r in getoond))
                self._groepen.append(groep)
                self._regels.append(groep)
                self._regels.extend(getoond)
        self.endResetModel()

    def regels(self) -> list[SignaalRegel]:
        return [r for g in self._groepen for r in g.regels]

    def koppen(self) -> list[str]:
        return [g.kop for g in self._groepen]

    def index_of(self, leerlingnummer: str, soort: SignaalSoort) -> QModelIndex:
        for rij, regel in enumerate(self._regels):
            if (isinstance(regel, SignaalRegel) and regel.leerlingnummer == leerlingnummer
                    and regel.soort == soort):
                return self.index(rij, 0)
        return QModelIndex()

    def eerste_signaal(self) -> QModelIndex:
        """The first signal line (where the keyboard starts), or an invalid index."""
        rij = next((i for i, r in enumerate(self._regels) if isinstance(r, SignaalRegel)), None)
        return self.index(rij, 0) if rij is not None else QModelIndex()

    def regel(self, index: Index) -> SignaalRegel | None:
        if not index.isValid() or not 0 <= index.row() < len(self._regels):
            return None
        regel = self._regels[index.row()]
        return regel if isinstance(regel, SignaalRegel) else None

    # --- Qt's interface ---

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._regels)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._regels):
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS_SIGNAAL if isinstance(self._regels[index.row()], SignaalRegel) else _FLAGS_GROEP

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._regels):
            return None
        regel = self._regels[index.row()]
        if isinstance(regel, _Groep):
            groep = regel
            if role == Qt.ItemDataRole.DisplayRole:
                return groep.kop
            if role == KIND_ROLE:
                return GROEP
            if role == GROEP_UITLEG_ROLE:
                return groep.uitleg
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{groep.kop}: {groep.uitleg}"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return regel.zin()
        if role == KIND_ROLE:
            return SIGNAAL
        if role == REGEL_ROLE:
            return regel
        if role == TERMIJN_KLEUR_ROLE:
            return theme.css("danger") if regel.te_laat else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return regel.tooltip()
        return None


# --- painting ----------------------------------------------------------------------------------------

def _muted(_palette: QPalette) -> QColor:
    return theme.color("muted")


class SignalenDelegate(QStyledItemDelegate):
    """Two lines per row. A signal: name · klas · signal and the deadline; the explanation and what was done.
    A group: its title and count; what to do."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, option.fontMetrics.height() * 2 + 16)  # one height for all rows (see the module doc)

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

class SignalenLijst(QListView):
    """The grouped signal lines; Enter or a double-click opens the student."""

    open_requested = Signal(object)  # SignaalRegel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.signalen = SignalenModel(self)
        self.setModel(self.signalen)
        self.setUniformItemSizes(True)  # only the rows on screen are asked for their data
        # Laid out a batch of rows per pass of the event loop: a whole school's signals never hold it up.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setItemDelegate(SignalenDelegate(self))
        self.setAccessibleName("Signalen per groep")
        self.doubleClicked.connect(self._double_clicked)

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
