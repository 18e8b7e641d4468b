"""The "Vandaag" dashboard: what a zorgcoördinator looks at every morning.

At the top the peildatum and how far the verzuim is imported; on the left the signals grouped by
urgency (meldplicht with its deadline first, overdue ones in red), each with the student, the signal's
plain-Dutch explanation and whether it was discussed; on the right Kearney's pyramid and the number of
students per signal. Clicking a level or a signal shows those students in the list.

The overzicht is computed off the GUI thread by `SignalenLoader`, which the main window shares between
this dashboard and the student list; the window never waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.gebruiker import Rol
from ..domain.herinneringen import Herinnering
from ..domain.signals import Signaal, SignaalSoort
from ..domain.uitleg import signaal_tooltip
from ..services.leerlingen import LeerlingRij
from ..services.session import Services
from ..services.signalen import Bespreking, Overzicht
from . import errors, theme
from .aan_de_slag import AanDeSlagKaart
from .leerlingen_model import SIGNAAL_KORT, SIGNAAL_VOLGORDE
from .piramide import NIVEAU_KLEUR, Piramide
from .widgets import format_date, heading, hint
from .worker import Job, start

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

_GEEN_VERZUIM_UITLEG = ("Maak in Magister of Somtoday een export van het verzuim (CSV of Excel) en importeer die "
                       "hier. Daarna ziet u elke ochtend wie gemeld moet worden, wie dreigt thuis te zitten en "
                       "hoeveel leerlingen er op elk verzuimniveau staan.")
_GEEN_LEERLINGEN_UITLEG = ("Begin met de leerlingen: maak in Magister of Somtoday een export van de leerlingen (CSV "
                           "of Excel) en importeer die hier. Daarna importeert u het verzuim; dan ziet u elke ochtend "
                           "wie gemeld moet worden en wie dreigt thuis te zitten.")
OUD_NA_DAGEN = 7  # verzuim imported longer ago than this gets a reminder to import again
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "groep" or "signaal"
REGEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the SignaalRegel of a signal line
TERMIJN_KLEUR_ROLE = Qt.ItemDataRole.UserRole + 3  # the colour of the deadline text, "" for the normal one
GROEP_UITLEG_ROLE = Qt.ItemDataRole.UserRole + 4  # what a group is about (painted after its title)
GROEP, SIGNAAL = "groep", "signaal"


@dataclass(frozen=True)
class Stand:
    """What the dashboard and the list show: the overzicht plus the names and the level thresholds."""

    overzicht: Overzicht
    leerlingen: dict[str, LeerlingRij]
    drempels: tuple[float, float]
    herinneringen: tuple[Herinnering, ...] = ()  # overdue and the coming 7 days, sorted by date
    open_actiepunten: int = 0  # all of them, also those due later: they stay in view until done

    @property
    def te_laat(self) -> int:
        """How many reminders are overdue."""
        return sum(h.te_laat for h in self.herinneringen)


def bereken_stand(services: Services, vandaag: date | None = None) -> Stand:
    """The overzicht at the default peildatum and the reminders of `vandaag` (runs in a worker thread)."""
    overzicht = services.signalen.overzicht()
    leerlingen = {r.leerlingnummer: r for r in services.leerlingen.lijst()}
    instellingen = services.signalen.instellingen()
    herinneringen = services.trajecten.herinneringen(vandaag=vandaag, signalen=overzicht.signalen)
    return Stand(overzicht, leerlingen, (instellingen.niveau2_pct, instellingen.niveau3_pct),
                 tuple(sorted(herinneringen, key=lambda h: not h.te_laat)),  # stable: overdue first, by date
                 len(services.trajecten.open_actiepunten()))


class SignalenLoader(QObject):
    """Computes the `Stand` in the background; `start()` again while busy computes once more afterwards."""

    started = Signal()
    loaded = Signal(object)  # Stand
    failed = Signal(str)  # a Dutch message

    def __init__(self, services: Services, parent: QObject | None = None, *,
                 today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.services = services
        self._today = today
        self.stand: Stand | None = None
        self._job: Job | None = None
        self._again = False
        self._idle = threading.Event()
        self._idle.set()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        if self._job is not None:
            self._again = True  # the running job may have read the database before the change
            return
        services = self.services
        vandaag = self._today()
        idle = self._idle = threading.Event()

        def end_thread() -> None:
            try:
                services.end_thread()
            finally:
                idle.set()

        job = Job(lambda _progress: bereken_stand(services, vandaag), on_thread_end=end_thread)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.crashed.connect(self._crashed)
        self._job = job
        self.started.emit()
        start(job)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the running job (if any) has left its thread; before closing the database."""
        return self._idle.wait(timeout)

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _done(self) -> bool:
        """The job ended; True when its result still counts (no new start was asked meanwhile)."""
        self._job = None
        if self._again:
            self._again = False
            self.start()
            return False
        return True

    def _finished(self, stand: Stand) -> None:
        if self._current() and self._done():
            self.stand = stand
            self.loaded.emit(stand)

    def _failed(self, melding: str) -> None:
        if self._current() and self._done():
            self.failed.emit(melding)

    def _crashed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self._job = None
        self._again = False
        self.failed.emit("De signalen konden niet worden berekend.")
        errors.report(exc)


# --- one line of the signal list -------------------------------------------------------------------

@dataclass(frozen=True)
class SignaalRegel:
    leerlingnummer: str
    naam: str
    klas: str
    niveau: int  # 0 when unknown
    signaal: Signaal
    bespreking: Bespreking | None
    te_laat: bool  # a meldplicht whose deadline has passed

    @property
    def soort(self) -> SignaalSoort:
        return self.signaal.soort

    @property
    def termijn(self) -> str:
        s = self.signaal
        if s.uiterlijk is not None:
            return f"te laat – uiterlijk {s.uiterlijk:%d-%m}" if self.te_laat else f"melden uiterlijk {s.uiterlijk:%d-%m}"
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

    def zin(self) -> str:
        """The whole line as one sentence (for screen readers)."""
        klas = f", {self.klas}" if self.klas else ""
        besproken = " Besproken." if self.bespreking else ""
        return f"{self.naam}{klas}: {self.soort.label}, {self.termijn}. {self.signaal.uitleg}.{besproken}"


def signaal_regels(stand: Stand, today: date) -> list[list[SignaalRegel]]:
    """The lines of every group in GROEPEN, in display order.

    A thuiszitter of more than 3 months has both `thuiszitter` and `thuiszitter_3mnd`: one line (the
    latter) says it all.
    """
    o = stand.overzicht
    niveau = o.niveau_van()
    lang = {s.leerlingnummer for s in o.signalen if s.soort == SignaalSoort.THUISZITTER_3MND}
    groepen: list[list[SignaalRegel]] = [[] for _ in GROEPEN]
    for s in o.signalen:
        if s.soort == SignaalSoort.THUISZITTER and s.leerlingnummer in lang:
            continue
        rij = stand.leerlingen.get(s.leerlingnummer)
        n = niveau.get(s.leerlingnummer)
        groepen[_GROEP_VAN[s.soort]].append(SignaalRegel(
            s.leerlingnummer, rij.naam if rij else f"Leerling {s.leerlingnummer}", rij.klas if rij else "",
            n.niveau if n else 0, s, o.besproken(s), s.uiterlijk is not None and s.uiterlijk < today))
    volgorde = {soort: i for i, soort in enumerate(SIGNAAL_VOLGORDE)}
    for groep in groepen:
        groep.sort(key=lambda r: (volgorde[r.soort], r.signaal.uiterlijk or r.signaal.sinds, r.signaal.sinds,
                                  (stand.leerlingen[r.leerlingnummer].sorteernaam.casefold()
                                   if r.leerlingnummer in stand.leerlingen else r.naam)))
    return groepen


# --- asking for the note (tests replace this, like the helpers in errors.py) -------------------------

class BesprekenDialog(QDialog):
    def __init__(self, regel: SignaalRegel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Signaal besproken")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        klas = f" ({regel.klas})" if regel.klas else ""
        wie = QLabel()
        wie.setTextFormat(Qt.TextFormat.PlainText)
        wie.setText(f"{regel.naam}{klas} – {regel.soort.label}")
        wie.setWordWrap(True)
        bold = QFont(wie.font())
        bold.setBold(True)
        wie.setFont(bold)
        layout.addWidget(wie)
        layout.addWidget(hint(regel.signaal.uitleg))
        vraag = QLabel("Wat is er besproken of afgesproken?")
        layout.addWidget(vraag)
        self.notitie = QPlainTextEdit(regel.bespreking.notitie if regel.bespreking else "")
        self.notitie.setPlaceholderText("Bijvoorbeeld: gemeld bij DUO, ouders gebeld, op de agenda van het MDO.")
        self.notitie.setTabChangesFocus(True)
        self.notitie.setMinimumHeight(self.fontMetrics().height() * 5)
        vraag.setBuddy(self.notitie)
        layout.addWidget(self.notitie, 1)
        layout.addWidget(hint("Het signaal blijft meetellen; in de lijst ziet u dat het besproken is."))
        buttons = QDialogButtonBox()
        save = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.notitie.setFocus()


def vraag_notitie(parent: QWidget | None, regel: SignaalRegel) -> str | None:
    """The note for "besproken", or None when the user cancels."""
    dialog = BesprekenDialog(regel, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.notitie.toPlainText().strip()


# --- the signal list -------------------------------------------------------------------------------

class SignalenDelegate(QStyledItemDelegate):
    """Two lines per signal: name · klas · signal and the deadline; the explanation and "besproken"."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line = option.fontMetrics.height()
        if index.data(KIND_ROLE) == GROEP:
            return QSize(200, line + 22)
        return QSize(200, line * 2 + 16)

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
        font = QFont(opt.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        text_rect = QRect(r.left() + 2, r.top() + 10, r.width() - 4, r.height() - 12)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        used = painter.fontMetrics().horizontalAdvance(title)
        uitleg = index.data(GROEP_UITLEG_ROLE) or ""
        if uitleg:
            painter.setFont(opt.font)
            painter.setPen(_muted(palette))
            rest = QRect(text_rect.left() + used + 12, text_rect.top(), text_rect.width() - used - 12,
                         text_rect.height())
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

        # Right: the deadline (red when overdue) and "besproken".
        termijn = regel.termijn
        besproken = "✓ besproken" if regel.bespreking else ""
        right_w = max(fm.horizontalAdvance(termijn) + 16, fm.horizontalAdvance(besproken)) + 4
        right = QRect(r.right() - right_w, r.top(), right_w, line)
        painter.setFont(bold if regel.te_laat else opt.font)
        painter.setPen(text if selected or not regel.te_laat else theme.color("danger"))
        painter.drawText(right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, termijn)
        if besproken:
            painter.setFont(opt.font)
            painter.setPen(muted)
            painter.drawText(right.translated(0, line + 2), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, besproken)

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
        uitleg_w = (right.left() - 12 if besproken else r.right()) - left
        painter.setPen(muted)
        painter.drawText(QRect(left, r.top() + line + 2, max(0, uitleg_w), line), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(regel.signaal.uitleg, Qt.TextElideMode.ElideRight, max(0, uitleg_w)))


def _muted(_palette: QPalette) -> QColor:
    return theme.color("muted")


class SignalenLijst(QTreeWidget):
    """The grouped signal lines; Enter or a double-click opens the student."""

    open_requested = Signal(object)  # SignaalRegel

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setItemDelegate(SignalenDelegate(self))
        self.setAccessibleName("Signalen per groep")
        self.itemDoubleClicked.connect(self._double_clicked)

    def current_regel(self) -> SignaalRegel | None:
        item = self.currentItem()
        return item.data(0, REGEL_ROLE) if item is not None and item.data(0, KIND_ROLE) == SIGNAAL else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            regel = self.current_regel()
            if regel is not None:
                self.open_requested.emit(regel)
            return
        super().keyPressEvent(event)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND_ROLE) == SIGNAAL:
            self.open_requested.emit(item.data(0, REGEL_ROLE))


# --- the reminders ---------------------------------------------------------------------------------

HERINNERING_ROLE = Qt.ItemDataRole.UserRole + 5  # the Herinnering of a reminder line
HERINNERINGEN_MAX_REGELS = 6  # more scroll


class HerinneringenLijst(QTreeWidget):
    """Reminders: date, student, what; overdue in red. Enter or a double-click opens the student."""

    open_requested = Signal(object)  # Herinnering

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels(["Datum", "Leerling", "Wat"])
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Herinneringen")
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, self.fontMetrics().horizontalAdvance("Fatima el Amrani-Jansen") + 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long texts elide (tooltip)
        self.itemDoubleClicked.connect(lambda item, _c: self._open(item))

    def current_herinnering(self) -> Herinnering | None:
        item = self.currentItem()
        return item.data(0, HERINNERING_ROLE) if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentItem() is not None:
                self._open(self.currentItem())
            return
        super().keyPressEvent(event)

    def _open(self, item: QTreeWidgetItem) -> None:
        h = item.data(0, HERINNERING_ROLE)
        if h is not None:
            self.open_requested.emit(h)

    def fit_height(self) -> None:
        """As high as its lines, up to HERINNERINGEN_MAX_REGELS."""
        rows = min(max(self.topLevelItemCount(), 1), HERINNERINGEN_MAX_REGELS)
        row = self.sizeHintForRow(0) if self.topLevelItemCount() else self.fontMetrics().height() + 6
        self.setFixedHeight(self.header().sizeHint().height() + rows * row + 2 * self.frameWidth())


# --- the dashboard ---------------------------------------------------------------------------------

class Dashboard(QWidget):
    open_leerling = Signal(str)
    level_clicked = Signal(int)
    signaal_clicked = Signal(object)  # SignaalSoort
    import_requested = Signal()
    leerlingen_import_requested = Signal()  # the empty screen of a new school: the students come first
    herinnering_activated = Signal(str, str)  # leerlingnummer, referentie ("actiepunt:12", …)
    actiepunten_requested = Signal()

    def __init__(self, services: Services, loader: SignalenLoader, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.services = services
        self.loader = loader
        self.stand: Stand | None = None
        self._today = today
        self._groepen: list[list[SignaalRegel]] = []
        self.can_bespreken = services.gebruiker.rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR)
        self.can_import = services.gebruiker.rol == Rol.ZORGCOORDINATOR

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_top())
        self.banner = self._build_banner()
        layout.addWidget(self.banner)
        self.aan_de_slag = AanDeSlagKaart(services)  # a new school's first steps; gone when done
        layout.addWidget(self.aan_de_slag)

        body = QHBoxLayout()
        body.setSpacing(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_busy())
        self.stack.addWidget(self._build_geen_verzuim())
        self.stack.addWidget(self._build_geen_signalen())
        self.stack.addWidget(self._build_list())
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self._build_herinneringen())
        left.addWidget(self.stack, 1)
        body.addLayout(left, 1)
        body.addWidget(self._build_side())
        layout.addLayout(body, 1)

        loader.started.connect(self._busy)
        loader.loaded.connect(self.show_stand)
        loader.loaded.connect(lambda _stand: self.aan_de_slag.refresh())
        loader.failed.connect(self._failed)
        if loader.stand is not None:
            self.show_stand(loader.stand)
        else:
            self._busy()

    # --- building --------------------------------------------------------------------------------

    def _build_top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(heading("Vandaag", 6))
        self.peildatum_label = QLabel("Signalen worden berekend…")
        self.peildatum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        titles.addWidget(self.peildatum_label)
        self.oud_label = hint("")
        self.oud_label.hide()
        titles.addWidget(self.oud_label)
        top.addLayout(titles)
        top.addStretch(1)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName("Bezig met berekenen")
        top.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        self.refresh_button = QPushButton("Vernieuwen")
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.setToolTip(
            f"Signalen en niveaus opnieuw berekenen ({QKeySequence(QKeySequence.StandardKey.Refresh).toString()})")
        self.refresh_button.clicked.connect(self.loader.start)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return top

    def _import_button(self) -> QPushButton:
        button = QPushButton("Verzuim importeren…")
        button.setEnabled(self.can_import)
        if not self.can_import:
            button.setToolTip("Alleen de zorgcoördinator kan verzuim importeren.")
        button.clicked.connect(self.import_requested)
        return button

    def _build_banner(self) -> QFrame:
        """Shown when there are signals but no verzuim was imported yet."""
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(frame)
        text = QLabel("<b>Nog geen verzuim geïmporteerd.</b> De signalen hieronder komen uit de leerlinggegevens "
                      "en het verzuim dat met de hand is ingevoerd.")
        text.setWordWrap(True)
        row.addWidget(text, 1)
        self.banner_import_button = self._import_button()
        row.addWidget(self.banner_import_button)
        frame.hide()
        return frame

    def _centered(self, *widgets: QWidget) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(12)
        for w in widgets:
            box.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter if isinstance(w, QPushButton | QProgressBar)
                          else Qt.AlignmentFlag(0))
        inner = QWidget()
        inner.setLayout(box)
        inner.setMinimumWidth(min(480, self.fontMetrics().horizontalAdvance("M") * 40))
        inner.setMaximumWidth(560)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        return page

    def _build_busy(self) -> QWidget:
        label = heading("Signalen en niveaus worden berekend…", 2, bold=False)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMinimumWidth(240)
        bar.setAccessibleName("Bezig met berekenen")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        theme.style(self.error_label, "color: {danger};")
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.hide()
        self.busy_page_label, self.busy_page_bar = label, bar
        return self._centered(label, bar, self.error_label)

    def _build_geen_verzuim(self) -> QWidget:
        """The empty screen: before there are students it asks for them, then for the verzuim."""
        self.empty_title = heading("Nog geen verzuim geïmporteerd", 3)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_uitleg = uitleg = hint(_GEEN_VERZUIM_UITLEG)
        uitleg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_import_button = self._import_button()
        self.empty_import_button.setDefault(True)
        self.empty_leerlingen_button = QPushButton("Leerlingen importeren…")
        self.empty_leerlingen_button.setEnabled(self.can_import)
        if not self.can_import:
            self.empty_leerlingen_button.setToolTip("Alleen de zorgcoördinator kan leerlingen importeren.")
        self.empty_leerlingen_button.clicked.connect(self.leerlingen_import_requested)
        self.empty_leerlingen_button.hide()
        return self._centered(self.empty_title, uitleg, self.empty_import_button, self.empty_leerlingen_button)

    def _toon_leeg(self, geen_leerlingen: bool) -> None:
        """Before there are students, the first step is importing them (verzuim needs students to belong to)."""
        self.empty_title.setText("Nog geen leerlingen" if geen_leerlingen else "Nog geen verzuim geïmporteerd")
        self.empty_uitleg.setText(_GEEN_LEERLINGEN_UITLEG if geen_leerlingen else _GEEN_VERZUIM_UITLEG)
        self.empty_leerlingen_button.setVisible(geen_leerlingen)
        self.empty_leerlingen_button.setDefault(geen_leerlingen)
        self.empty_import_button.setVisible(not geen_leerlingen)

    def _build_geen_signalen(self) -> QWidget:
        self.geen_signalen_title = heading("Geen signalen", 3)
        self.geen_signalen_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        uitleg = self.geen_signalen_uitleg = hint(
            "Niemand hoeft gemeld te worden en niemand is lang afwezig. De piramide rechts laat zien "
            "hoeveel leerlingen er op elk verzuimniveau staan.")
        uitleg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return self._centered(self.geen_signalen_title, uitleg)

    def _build_list(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.lijst = SignalenLijst()
        self.lijst.open_requested.connect(lambda regel: self.open_leerling.emit(regel.leerlingnummer))
        self.lijst.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.lijst.customContextMenuRequested.connect(self._context_menu)
        self.lijst.currentItemChanged.connect(self._update_buttons)
        layout.addWidget(self.lijst, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Leerling openen")
        self.open_button.clicked.connect(self._open_current)
        self.bespreken_button = QPushButton("Besproken…")
        self.bespreken_button.setToolTip("Noteer dat dit signaal besproken is, met wat er is afgesproken")
        self.bespreken_button.clicked.connect(lambda: self.bespreek())
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.bespreken_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._update_buttons()
        return page

    def _build_herinneringen(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        row = QHBoxLayout()
        row.addWidget(heading("Herinneringen", 2))
        self.herinneringen_count = QLabel()
        row.addWidget(self.herinneringen_count)
        self.actiepunten_link = QLabel()
        self.actiepunten_link.setWordWrap(True)  # on a narrow screen: two lines rather than cut off
        self.actiepunten_link.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.actiepunten_link.setToolTip("Alle open actiepunten, ook die later moeten: op de pagina Trajecten")
        self.actiepunten_link.linkActivated.connect(lambda _link: self.actiepunten_requested.emit())
        row.addWidget(self.actiepunten_link, 1)  # the rest of the row, right-aligned
        layout.addLayout(row)
        self.herinneringen_lijst = HerinneringenLijst()
        self.herinneringen_lijst.open_requested.connect(
            lambda h: self.herinnering_activated.emit(h.leerlingnummer, h.referentie))
        layout.addWidget(self.herinneringen_lijst)
        self.herinneringen_leeg = hint("Niets over tijd en niets in de komende 7 dagen.")
        layout.addWidget(self.herinneringen_leeg)
        self.herinneringen_box = box
        box.hide()  # until the first computation
        return box

    def _fill_herinneringen(self, stand: Stand) -> None:
        lijst = self.herinneringen_lijst
        lijst.clear()
        rood = theme.color("danger")
        for h in stand.herinneringen:
            rij = stand.leerlingen.get(h.leerlingnummer)
            naam = rij.naam if rij else f"Leerling {h.leerlingnummer}"
            item = QTreeWidgetItem([format_date(h.datum), naam, h.tekst])
            item.setData(0, HERINNERING_ROLE, h)
            item.setToolTip(2, h.tekst)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{'Over tijd: ' if h.te_laat else ''}{format_date(h.datum)}, {naam}: {h.tekst}")
            if h.te_laat:
                bold = QFont(lijst.font())
                bold.setBold(True)
                for col in range(3):
                    item.setForeground(col, rood)
                item.setFont(0, bold)
            lijst.addTopLevelItem(item)
        n, te_laat = len(stand.herinneringen), stand.te_laat
        tekst = f"{n} · {te_laat} over tijd" if te_laat else (str(n) if n else "")
        self.herinneringen_count.setText(f'<span style="color:{theme.css("danger")}"><b>{tekst}</b></span>' if te_laat
                                         else tekst)
        lijst.setVisible(bool(n))
        self.herinneringen_leeg.setVisible(not n)
        open_ = stand.open_actiepunten
        self.actiepunten_link.setText(
            f'<a href="trajecten">{open_} open actiepunt{"en" if open_ != 1 else ""} – alle bekijken</a>'
            if open_ else "")
        lijst.fit_height()
        self.herinneringen_box.show()

    def herinneringen(self) -> list[Herinnering]:
        """The reminder lines, in display order."""
        lijst = self.herinneringen_lijst
        return [lijst.topLevelItem(i).data(0, HERINNERING_ROLE) for i in range(lijst.topLevelItemCount())]

    def _build_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Verzuimniveaus", 2))
        klik = (" Klik op een niveau om die leerlingen te zien." if self.services.gebruiker.rol != Rol.ALLEEN_LEZEN
                 else "")  # alleen-lezen sees no students
        layout.addWidget(hint("Piramide van Kearney: al het verzuim telt, ook ziekte en verlof." + klik))
        self.piramide = Piramide()
        self.piramide.level_clicked.connect(self.level_clicked)
        layout.addWidget(self.piramide)
        layout.addSpacing(12)
        layout.addWidget(heading("Signalen", 2))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.count_links: dict[SignaalSoort, QLabel] = {}
        self.count_labels: dict[SignaalSoort, QLabel] = {}
        for row, soort in enumerate(SIGNAAL_VOLGORDE):
            link = QLabel(soort.label)
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            link.linkActivated.connect(lambda _href, s=soort: self.signaal_clicked.emit(s))
            count = QLabel("…")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(link, row, 0)
            grid.addWidget(count, row, 1)
            self.count_links[soort] = link
            self.count_labels[soort] = count
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        # As wide as the pyramid likes, narrower on a small screen (1366×768 at 150 %) so nothing falls off.
        breed = max(self.piramide.sizeHint().width(), 360)
        side.setMinimumWidth(min(breed, self.piramide.minimumSizeHint().width()))
        side.setMaximumWidth(breed)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rand = scroll.verticalScrollBar().sizeHint().width() + 2
        scroll.setMinimumWidth(side.minimumWidth() + rand)
        scroll.setMaximumWidth(breed + rand)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        return scroll

    # --- data ------------------------------------------------------------------------------------

    def _busy(self) -> None:
        self.busy_bar.setVisible(self.stand is not None)  # the first time, the page itself shows it
        self.refresh_button.setEnabled(False)
        self.error_label.hide()
        if self.stand is None:
            self.busy_page_bar.show()
            self.busy_page_label.setText("Signalen en niveaus worden berekend…")
            self.stack.setCurrentIndex(0)
            self.piramide.set_counts(None)

    def _failed(self, melding: str) -> None:
        self.busy_bar.hide()
        self.refresh_button.setEnabled(True)
        if self.stand is None:
            self.busy_page_bar.hide()
            self.busy_page_label.setText("De signalen zijn niet berekend.")
            self.error_label.setText(f"{melding} Probeer het opnieuw met ‘Vernieuwen’.")
            self.error_label.show()
            self.peildatum_label.setText("")
        else:
            self.peildatum_label.setText(self._peildatum_tekst(self.stand.overzicht)
                                         + f" · {melding} Dit is de vorige stand.")

    def _peildatum_tekst(self, o: Overzicht) -> str:
        bijgewerkt = (f"verzuim bijgewerkt t/m {format_date(o.bijgewerkt_tot)}" if o.bijgewerkt_tot
                      else "nog geen verzuim geïmporteerd")
        return f"Signalen op {format_date(o.peildatum)} · {bijgewerkt}"

    def show_stand(self, stand: Stand) -> None:
        self.stand = stand
        o = stand.overzicht
        self.busy_bar.hide()
        self.refresh_button.setEnabled(True)
        self.peildatum_label.setText(self._peildatum_tekst(o))
        dagen = (self._today() - o.bijgewerkt_tot).days if o.bijgewerkt_tot else 0
        self.oud_label.setText(f"Het verzuim is {dagen} dagen oud: importeer het nieuwste verzuim voor de signalen "
                               "van vandaag.")
        self.oud_label.setVisible(dagen > OUD_NA_DAGEN)
        # Alleen-lezen sees the counts and the pyramid only: no students, no reminders (services/toegang.py).
        alleen_tellen = self.services.gebruiker.rol == Rol.ALLEEN_LEZEN
        self._groepen = [[] for _ in GROEPEN] if alleen_tellen else signaal_regels(stand, self._today())
        self._fill_list()
        self._fill_herinneringen(stand)
        self.herinneringen_box.setVisible(not alleen_tellen)
        has_signals = any(self._groepen)
        self.banner.setVisible(o.bijgewerkt_tot is None and has_signals)
        if has_signals:
            self.stack.setCurrentIndex(3)
        else:
            self.stack.setCurrentIndex(1 if o.bijgewerkt_tot is None else 2)
            self._toon_leeg(not o.niveaus)  # no student ingeschreven yet
            self.geen_signalen_title.setText(f"Geen signalen op {format_date(o.peildatum)}")
            if alleen_tellen:
                self.geen_signalen_title.setText(f"Aantallen op {format_date(o.peildatum)}")
                self.geen_signalen_uitleg.setText("Met uw rol ziet u alleen aantallen: rechts de verzuimniveaus en de "
                                                  "signalen. Namen en dossiers zijn voor de zorgcoördinator en mentoren.")
        self.piramide.set_counts(o.per_getoond_niveau(), stand.drempels, zonder_verzuim=o.zonder_verzuim())
        per = o.per_signaal()
        for soort in SIGNAAL_VOLGORDE:
            n = per.get(soort, 0)
            link, count = self.count_links[soort], self.count_labels[soort]
            count.setText(str(n))
            if n and not alleen_tellen:
                link.setText(f'<a href="#">{soort.label}</a>')
                link.setToolTip(f"Toon de {'leerling' if n == 1 else f'{n} leerlingen'} met dit signaal in de lijst")
            else:
                link.setText(soort.label)
                link.setToolTip("")
            link.setEnabled(bool(n))
            count.setEnabled(bool(n))
            link.setAccessibleName(f"{soort.label}: {n}")

    def _fill_list(self) -> None:
        current = self.lijst.current_regel()
        keep = (current.leerlingnummer, current.soort, current.signaal.datum) if current else None
        self.lijst.clear()
        select = None
        for (titel, uitleg, _soorten), groep in zip(GROEPEN, self._groepen, strict=True):
            if not groep:
                continue
            te_laat = sum(r.te_laat for r in groep)
            kop = f"{titel} · {len(groep)}" + (f" · {te_laat} te laat" if te_laat else "")
            top = QTreeWidgetItem([kop])
            top.setData(0, KIND_ROLE, GROEP)
            top.setData(0, GROEP_UITLEG_ROLE, uitleg)
            top.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{kop}: {uitleg}")
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.lijst.addTopLevelItem(top)
            for regel in groep:
                item = QTreeWidgetItem([regel.zin()])
                item.setData(0, KIND_ROLE, SIGNAAL)
                item.setData(0, REGEL_ROLE, regel)
                item.setData(0, TERMIJN_KLEUR_ROLE, theme.css("danger") if regel.te_laat else "")
                item.setToolTip(0, self._tooltip(regel))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemNeverHasChildren)
                top.addChild(item)
                if keep == (regel.leerlingnummer, regel.soort, regel.signaal.datum):
                    select = item
        self.lijst.expandAll()
        if select is not None:
            self.lijst.setCurrentItem(select)
        elif self.lijst.topLevelItemCount():  # the keyboard starts on the first signal (not selected)
            self.lijst.setCurrentItem(self.lijst.topLevelItem(0).child(0), 0,
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
        self._update_buttons()

    @staticmethod
    def _tooltip(regel: SignaalRegel) -> str:
        tekst = signaal_tooltip(regel.signaal)  # the rule and the numbers that made it fire
        if regel.bespreking:
            tekst += f"\n\n{regel.besproken_tekst}"
        return tekst

    # --- lines -----------------------------------------------------------------------------------

    def regels(self) -> list[SignaalRegel]:
        """Every signal line, in display order."""
        return [r for groep in self._groepen for r in groep]

    def groep_titels(self) -> list[str]:
        return [self.lijst.topLevelItem(i).text(0) for i in range(self.lijst.topLevelItemCount())]

    def item_of(self, leerlingnummer: str, soort: SignaalSoort) -> QTreeWidgetItem | None:
        for i in range(self.lijst.topLevelItemCount()):
            top = self.lijst.topLevelItem(i)
            for j in range(top.childCount()):
                regel = top.child(j).data(0, REGEL_ROLE)
                if regel.leerlingnummer == leerlingnummer and regel.soort == soort:
                    return top.child(j)
        return None

    def select(self, leerlingnummer: str, soort: SignaalSoort) -> bool:
        item = self.item_of(leerlingnummer, soort)
        if item is not None:
            self.lijst.setCurrentItem(item)
        return item is not None

    def gekozen_leerling(self) -> str | None:
        """The student of the selected signal line or reminder (Ctrl+N notes a contactmoment for them)."""
        item = self.lijst.currentItem()
        signaal = self.lijst.current_regel() if item is not None and item.isSelected() else None
        item = self.herinneringen_lijst.currentItem()
        herinnering = self.herinneringen_lijst.current_herinnering() if item is not None and item.isSelected() else None
        if herinnering is not None and (signaal is None or self.herinneringen_lijst.hasFocus()):
            return herinnering.leerlingnummer
        return signaal.leerlingnummer if signaal is not None else None

    def _update_buttons(self, *_args) -> None:
        regel = self.lijst.current_regel()
        self.open_button.setEnabled(regel is not None)
        self.bespreken_button.setEnabled(regel is not None and self.can_bespreken)
        if regel is not None and regel.bespreking:
            self.bespreken_button.setText("Bespreking aanpassen…")
        else:
            self.bespreken_button.setText("Besproken…")

    def _open_current(self) -> None:
        regel = self.lijst.current_regel()
        if regel is not None:
            self.open_leerling.emit(regel.leerlingnummer)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.lijst.itemAt(pos)
        if item is None or item.data(0, KIND_ROLE) != SIGNAAL:
            return
        self.lijst.setCurrentItem(item)
        regel: SignaalRegel = item.data(0, REGEL_ROLE)
        menu = QMenu(self)
        menu.addAction("Leerling openen", lambda: self.open_leerling.emit(regel.leerlingnummer))
        action = menu.addAction("Bespreking aanpassen…" if regel.bespreking else "Besproken…",
                                lambda: self.bespreek(regel))
        action.setEnabled(self.can_bespreken)
        menu.exec(self.lijst.viewport().mapToGlobal(pos))

    def bespreek(self, regel: SignaalRegel | None = None) -> bool:
        """Ask for a note and mark the (current) signal besproken; True when saved."""
        regel = regel or self.lijst.current_regel()
        if regel is None or self.stand is None:
            return False
        notitie = vraag_notitie(self.window(), regel)
        if notitie is None:
            return False
        s = regel.signaal
        try:
            self.services.signalen.bespreken(regel.leerlingnummer, s.soort, s.datum, notitie)
        except errors.USER_ERRORS as exc:
            errors.show_user_error(self, exc)
            return False
        # Shown at once; the next overzicht reads the same from the database.
        self.stand.overzicht.besprekingen[(regel.leerlingnummer, s.soort.value, s.datum)] = Bespreking(
            notitie, self.services.gebruiker.naam, date.today())
        self._groepen = signaal_regels(self.stand, self._today())
        self._fill_list()
        self.select(regel.leerlingnummer, regel.soort)
        return True
