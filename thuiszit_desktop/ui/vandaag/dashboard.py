"""The "Vandaag" dashboard: what a zorgcoördinator looks at every morning.

At the top the peildatum and how far the verzuim is imported; on the left the signals grouped by
urgency (meldplicht with its deadline first, overdue ones in red), each with the student, the signal's
plain-Dutch explanation and whether it was discussed; on the right Kearney's pyramid and the number of
students per signal. Clicking a level or a signal shows those students in the list.

The overzicht is computed off the GUI thread by `SignalenLoader`, which the main window shares between
this dashboard and the student list; the window never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.gebruiker import Rol
from ...domain.herinneringen import Herinnering
from ...domain.signalen import SIGNAAL_VOLGORDE, SignaalSoort
from ...services.session import Services
from ...services.signalen import Bespreking, Overzicht
from ..common import errors, theme
from ..common.widgets import format_date, heading, hint
from ..models.signalen_model import GROEPEN, SignaalRegel, signaal_regels
from .aan_de_slag import AanDeSlagKaart
from .bespreken import vraag_notitie
from .herinneringen import HerinneringenLijst
from .piramide import BREEDSTE_UITLEG, Piramide
from .stand import SignalenLoader, Stand, _vandaag
from .vandaag_signalen import SignalenLijst

SETTING_VERBERG = "vandaag/afgehandelde_verbergen"

_GEEN_VERZUIM_UITLEG = ("Maak in Magister of Somtoday een export van het verzuim (CSV of Excel) en importeer die "
                       "hier. Daarna ziet u elke ochtend wie gemeld moet worden, wie dreigt thuis te zitten en "
                       "hoeveel leerlingen er op elk verzuimniveau staan.")
_GEEN_LEERLINGEN_UITLEG = ("Begin met de leerlingen: maak in Magister of Somtoday een export van de leerlingen (CSV "
                           "of Excel) en importeer die hier. Daarna importeert u het verzuim; dan ziet u elke ochtend "
                           "wie gemeld moet worden en wie dreigt thuis te zitten.")
OUD_NA_DAGEN = 7  # verzuim imported longer ago than this gets a reminder to import again


# --- the dashboard ---------------------------------------------------------------------------------

class _Kolom(QScrollArea):
    """The side column: as wide as the pyramid's bands like (the widest thing in it), also while its content
    is not there yet – so nothing moves when it arrives (Dashboard.af)."""

    def __init__(self, breedte: int):
        super().__init__()
        self._breedte = breedte
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no invisible Tab stop: Tab goes to the pyramid's bands

    def sizeHint(self) -> QSize:
        return QSize(self._breedte + 2 * self.frameWidth(), super().sizeHint().height())


class Dashboard(QWidget):
    open_leerling = Signal(str)
    level_clicked = Signal(int)
    signaal_clicked = Signal(object)  # SignaalSoort
    import_requested = Signal()
    leerlingen_import_requested = Signal()  # the empty screen of a new school: the students come first
    herinnering_activated = Signal(str, str)  # leerlingnummer, referentie ("actiepunt:12", …)
    actiepunten_requested = Signal()
    open_traject = Signal(str)  # show the student's traject
    traject_geopend = Signal(str)  # a traject was opened from a signal here

    def __init__(self, services: Services, loader: SignalenLoader, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None, settings: QSettings | None = None,
                 in_delen: bool = False):
        """`in_delen`: built to be shown at once (the main window): the page comes in three turns of the event
        loop, so no single one blocks the window for long (issue 16) – first everything but the signal lines
        and the side, after that first paint the lines, then the pyramid and the counts (`af`: all at once).
        The side's column keeps its width meanwhile: nothing moves when they appear."""
        super().__init__(parent)
        self.services = services
        self.loader = loader
        self.settings = settings  # remembers "afgehandelde verbergen" (None: not remembered)
        self.stand: Stand | None = None
        self._today = today or _vandaag
        self._groepen: list[Sequence[SignaalRegel]] = []
        self.can_bespreken = services.gebruiker.rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR)
        self.can_import = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.can_traject = services.gebruiker.rol == Rol.ZORGCOORDINATOR

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_top())
        self.banner = self._build_banner()
        layout.addWidget(self.banner)
        # A new school's first steps; gone when done. Its steps come with the computed stand when there is one.
        self.aan_de_slag = AanDeSlagKaart(services, stand=loader.stand.aan_de_slag if loader.stand else None)
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
        self.side = self._build_side_kolom()
        body.addWidget(self.side)
        layout.addLayout(body, 1)
        self.piramide: Piramide | None = None  # the side's content (`_bouw_side`)
        self._in_delen = in_delen
        self._lijst_later = in_delen  # the signal lines wait for the first paint (`_vul_lijst_later`)
        self._later: list[Callable[[], None]] = [self._vul_lijst_later, self._bouw_side] if in_delen else []
        if not in_delen:
            self._bouw_side()

        loader.started.connect(self._busy)
        loader.loaded.connect(self.show_stand)
        loader.loaded.connect(lambda stand: self.aan_de_slag.refresh(stand.aan_de_slag))
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
        # A view option of the signal list, up here where a narrow window still has room for it.
        self.verberg_check = QCheckBox("Afgehandelde verbergen")
        self.verberg_check.setToolTip("Verberg de signalen die al gemeld zijn, in een traject zitten of besproken "
                                      "zijn. Een meldplicht blijft staan tot de melding is geregistreerd.")
        self.verberg_check.setChecked(bool(self.settings is not None
                                           and self.settings.value(SETTING_VERBERG, False, type=bool)))
        self.verberg_check.toggled.connect(self._verberg_gewijzigd)
        self.verberg_check.setVisible(self.services.gebruiker.rol != Rol.ALLEEN_LEZEN)  # (no list of names)
        top.addWidget(self.verberg_check, 0, Qt.AlignmentFlag.AlignVCenter)
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
        self.lijst.selectionModel().currentChanged.connect(self._update_buttons)
        layout.addWidget(self.lijst, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Leerling openen")
        self.open_button.clicked.connect(self._open_current)
        self.bespreken_button = QPushButton("Besproken…")
        self.bespreken_button.setToolTip("Noteer dat dit signaal besproken is, met wat er is afgesproken")
        self.bespreken_button.clicked.connect(lambda: self.bespreek())
        self.traject_button = QPushButton("Traject openen…")
        self.traject_button.clicked.connect(lambda: self.traject())
        self.traject_button.setVisible(self.can_traject)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.bespreken_button)
        buttons.addWidget(self.traject_button)
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
        """The reminder lines (a model: a line's texts are made when it is shown) and the count above them."""
        self.herinneringen_lijst.herinneringen.set_herinneringen(stand.herinneringen, stand.leerlingen)
        self._herinneringen_kop(stand)

    def _herinneringen_kop(self, stand: Stand) -> None:
        """The count above the reminders, the link to every actiepunt, the list's height."""
        lijst = self.herinneringen_lijst
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
        return list(self.herinneringen_lijst.herinneringen.rijen)

    def _side_maten(self) -> tuple[int, int, int]:
        """The side's least, preferred and largest width: as wide as the pyramid likes, narrower on a small
        screen (1366×768 at 150 %) so nothing falls off – PiramideBand's size hints, without building it."""
        band = self.fontMetrics().horizontalAdvance(BREEDSTE_UITLEG) * 2
        return band * 3 // 4, band, max(band, 360)

    def _build_side_kolom(self) -> QScrollArea:
        """The right-hand column, its width fixed before its content is there (`af` fills it)."""
        minimum, band, breed = self._side_maten()
        scroll = _Kolom(band)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rand = scroll.verticalScrollBar().sizeHint().width() + 2
        scroll.setMinimumWidth(minimum + rand)
        scroll.setMaximumWidth(breed + rand)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        return scroll

    def af(self) -> None:
        """Whatever of the page waits for a later turn (see `in_delen`), now."""
        while self._later:
            self._later.pop(0)()

    def _volgende_deel(self) -> None:
        """One waiting part, and the next in the turn after it."""
        if self._later:
            self._later.pop(0)()
        if self._later:
            QTimer.singleShot(1, self, self._volgende_deel)

    def _vul_lijst_later(self) -> None:
        self._lijst_later = False
        if self.stand is not None:
            self._fill_list()

    def _bouw_side(self) -> None:
        """The pyramid and the counts, filled with the stand."""
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
        minimum, _band, breed = self._side_maten()
        side.setMinimumWidth(minimum)
        side.setMaximumWidth(breed)
        self.side.setWidget(side)
        if self.stand is not None:
            self._fill_side(self.stand)
        else:
            self.piramide.set_counts(None)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._in_delen:  # painted without its lines and side: they come in the next turns of the event loop
            self._in_delen = False
            QTimer.singleShot(1, self, self._volgende_deel)

    # --- data ------------------------------------------------------------------------------------

    def _busy(self) -> None:
        self.busy_bar.setVisible(self.stand is not None)  # the first time, the page itself shows it
        self.refresh_button.setEnabled(False)
        self.error_label.hide()
        if self.stand is None:
            self.busy_page_bar.show()
            self.busy_page_label.setText("Signalen en niveaus worden berekend…")
            self.stack.setCurrentIndex(0)
            if self.piramide is not None:
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
        if alleen_tellen:
            self._groepen = [[] for _ in GROEPEN]
        elif stand.regels is not None and stand.vandaag == self._today():  # made in the background
            self._groepen = stand.regels
        else:
            self._groepen = signaal_regels(o, stand.leerlingen, self._today())
        if not self._lijst_later:
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
        if self.piramide is not None:
            self._fill_side(stand)

    def _fill_side(self, stand: Stand) -> None:
        """The pyramid and the number of students per signal."""
        o = stand.overzicht
        alleen_tellen = self.services.gebruiker.rol == Rol.ALLEEN_LEZEN
        per_niveau, zonder_verzuim, per = stand.tellingen or (o.per_getoond_niveau(), o.zonder_verzuim(),
                                                               o.per_signaal())
        self.piramide.set_counts(per_niveau, stand.drempels, zonder_verzuim=zonder_verzuim)
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
        keep = (current.leerlingnummer, current.soort) if current else None
        gekozen = self.lijst.selectionModel().isSelected(self.lijst.currentIndex())
        self.lijst.signalen.set_regels(self._groepen, verberg_afgehandeld=self.verberg_check.isChecked())
        index = self.lijst.signalen.index_of(*keep) if keep else QModelIndex()
        if index.isValid() and gekozen:
            self.lijst.setCurrentIndex(index)
        elif index.isValid():
            self.lijst.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        else:  # the keyboard starts on the first signal (not selected)
            eerste = self.lijst.signalen.eerste_signaal()
            if eerste.isValid():
                self.lijst.selectionModel().setCurrentIndex(eerste, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._update_buttons()

    def _verberg_gewijzigd(self, verberg: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(SETTING_VERBERG, verberg)
        self._fill_list()

    # --- lines ----------------------------------------------------------------------------------------

    def regels(self) -> list[SignaalRegel]:
        """Every signal line shown, in display order."""
        return self.lijst.signalen.regels()

    def groep_titels(self) -> list[str]:
        return self.lijst.signalen.koppen()

    def item_of(self, leerlingnummer: str, soort: SignaalSoort) -> QModelIndex:
        """The line of a signal (an invalid index when it is not shown)."""
        return self.lijst.signalen.index_of(leerlingnummer, soort)

    def select(self, leerlingnummer: str, soort: SignaalSoort) -> bool:
        index = self.item_of(leerlingnummer, soort)
        if index.isValid():
            self.lijst.setCurrentIndex(index)
        return index.isValid()

    def gekozen_leerling(self) -> str | None:
        """The student of the selected signal line or reminder (Ctrl+N notes a contactmoment for them)."""
        index = self.lijst.currentIndex()
        signaal = (self.lijst.current_regel() if index.isValid() and self.lijst.selectionModel().isSelected(index)
                   else None)
        herinnering = self.herinneringen_lijst.gekozen()
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
        heeft_traject = regel is not None and regel.afhandeling.traject is not None
        self.traject_button.setEnabled(regel is not None and self.can_traject)
        self.traject_button.setText("Traject bekijken" if heeft_traject else "Traject openen…")
        self.traject_button.setToolTip(
            "Het traject van deze leerling" if heeft_traject
            else "Een traject openen vanuit dit signaal (het signaal en het traject horen dan bij elkaar)")

    def _open_current(self) -> None:
        regel = self.lijst.current_regel()
        if regel is not None:
            self.open_leerling.emit(regel.leerlingnummer)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.lijst.indexAt(pos)
        regel = self.lijst.signalen.regel(index)
        if regel is None:
            return
        self.lijst.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Leerling openen", lambda: self.open_leerling.emit(regel.leerlingnummer))
        action = menu.addAction("Bespreking aanpassen…" if regel.bespreking else "Besproken…",
                                lambda: self.bespreek(regel))
        action.setEnabled(self.can_bespreken)
        if self.can_traject:
            menu.addAction(self.traject_button.text(), lambda: self.traject(regel))
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
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        # Shown at once; the next overzicht reads the same from the database.
        o = self.stand.overzicht
        o.besprekingen[(regel.leerlingnummer, s.soort.value, s.datum)] = Bespreking(
            notitie, self.services.gebruiker.naam, date.today())
        # Only this line changes (its bespreking and what that makes of its afhandeling), not 20,000 others.
        nieuw = replace(regel, bespreking=o.besproken(s), afhandeling=o.afhandeling(s))
        self._groepen = [[nieuw if r is regel else r for r in groep] for groep in self._groepen]
        self._fill_list()
        self.select(regel.leerlingnummer, regel.soort)
        return True

    def traject(self, regel: SignaalRegel | None = None) -> bool:
        """Open a traject from the (current) signal – linked to it – or show the student's open traject.
        True when a traject was opened."""
        regel = regel or self.lijst.current_regel()
        if regel is None or not self.can_traject:
            return False
        if regel.afhandeling.traject is not None:
            self.open_traject.emit(regel.leerlingnummer)
            return False
        from ..traject.traject_dialogs import TrajectDialog  # (imported when first used: issue 16)

        dialog = TrajectDialog(self.services, regel.leerlingnummer, self.window(), signaal=regel.signaal,
                               vandaag=self._today())
        if not dialog.exec() or dialog.value is None:
            return False
        self.traject_geopend.emit(regel.leerlingnummer)
        self.loader.start()  # the line shows the traject (and its link) once recomputed
        return True
