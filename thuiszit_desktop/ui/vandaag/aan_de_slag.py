"""The "Aan de slag" card at the top of Vandaag: the four first steps of a new school, each ticked from
the data and each with a button that does it. It disappears when all four are done, or when hidden.
Only the zorgcoördinator sees it (the others cannot import or open trajecten)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.gebruiker import Rol
from ...services.aan_de_slag import AanDeSlag
from ...services.session import Services
from ..common.widgets import heading, hint


@dataclass(frozen=True)
class _Stap:
    veld: str  # the AanDeSlag field that ticks it
    label: str
    uitleg: str
    knop: str


STAPPEN = (
    _Stap("school_ingesteld", "School ingesteld",
          "Naam, BRIN-nummer, regio en uren per lesdag kloppen.", "Instellingen…"),
    _Stap("leerlingen_geimporteerd", "Leerlingen geïmporteerd",
          "Een export van de leerlingen uit Magister of Somtoday (CSV of Excel).", "Leerlingen importeren…"),
    _Stap("verzuim_geimporteerd", "Verzuim geïmporteerd",
          "Een verzuimexport; daarmee berekent het programma de signalen.", "Verzuim importeren…"),
    _Stap("eerste_traject", "Eerste traject geopend",
          "Open bij een leerling met een signaal een traject volgens de praktijkkaart.", "Naar de leerlingen"),
)


_RAND, _ACHTERGROND = "#9cc3e6", "#f1f7fd"  # the card
_GEDAAN, _TE_DOEN = "#2e7d32", "#777777"  # a step's tick


class AanDeSlagKaart(QFrame):
    """`stap_gekozen(veld)` when a step's button is pressed; the main window does the step."""

    stap_gekozen = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None, *, stand: AanDeSlag | None = None):
        super().__init__(parent)
        self.services = services
        self.voor_deze_gebruiker = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.stand: AanDeSlag | None = None
        self.setObjectName("aandeslag")
        self.setAccessibleName("Aan de slag")

        self.vinkjes: dict[str, QLabel] = {}
        self.knoppen: dict[str, QPushButton] = {}
        self.refresh(stand)

    def _bouw(self) -> None:
        """The title, the steps and their buttons: built when the card is first shown (an established school
        never sees it, and opening Vandaag stays quick)."""
        if self.vinkjes:
            return
        self.setContentsMargins(1, 1, 1, 1)  # the painted border (paintEvent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        kop = QHBoxLayout()
        self.titel = heading("Aan de slag", 2)
        kop.addWidget(self.titel)
        self.voortgang = QLabel()
        kop.addWidget(self.voortgang)
        kop.addStretch(1)
        self.verberg_knop = QPushButton("Verbergen")
        self.verberg_knop.setFlat(True)
        self.verberg_knop.setToolTip("Deze lijst niet meer tonen")
        self.verberg_knop.clicked.connect(self.verbergen)
        kop.addWidget(self.verberg_knop)
        layout.addLayout(kop)
        layout.addWidget(hint("Zo zet u het programma klaar voor uw school. Wat gedaan is, krijgt vanzelf een vinkje."))

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for rij, stap in enumerate(STAPPEN):
            vinkje = QLabel()
            tekst = QLabel(f"<b>{stap.label}</b> – {stap.uitleg}")
            tekst.setWordWrap(True)
            knop = QPushButton(stap.knop)
            knop.setAccessibleName(f"{stap.label}: {stap.knop.rstrip('…')}")
            knop.clicked.connect(lambda _=False, veld=stap.veld: self.stap_gekozen.emit(veld))
            grid.addWidget(vinkje, rij, 0)
            grid.addWidget(tekst, rij, 1)
            grid.addWidget(knop, rij, 2)
            self.vinkjes[stap.veld] = vinkje
            self.knoppen[stap.veld] = knop
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

    def refresh(self, stand: AanDeSlag | None = None) -> None:
        """Show the steps of `stand` (computed in the background with the signals), or as they are now."""
        if not self.voor_deze_gebruiker:
            self.hide()
            return
        if stand is None and self.services.ctx.store.closed:  # a computation that ends after the window closed
            return
        if stand is not None and self.stand is not None and self.stand.verborgen and not stand.verborgen:
            stand = None  # hidden while that stand was being computed: as it is now
        self.stand = stand or self.services.aan_de_slag.stand()
        if not self.stand.tonen:
            self.hide()
            return
        self._bouw()
        klaar = 0
        for stap in STAPPEN:
            gedaan = bool(getattr(self.stand, stap.veld))
            klaar += gedaan
            vinkje = self.vinkjes[stap.veld]
            vinkje.setText("✓" if gedaan else "○")
            palette = vinkje.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(_GEDAAN if gedaan else _TE_DOEN))
            vinkje.setPalette(palette)
            font = vinkje.font()
            font.setBold(gedaan)
            vinkje.setFont(font)
            self.vinkjes[stap.veld].setAccessibleName("gedaan" if gedaan else "nog te doen")
            self.knoppen[stap.veld].setEnabled(not gedaan or stap.veld == "school_ingesteld")
        self.voortgang.setText(f"{klaar} van {len(STAPPEN)} gedaan")
        self.show()

    def paintEvent(self, event) -> None:
        """A light blue card with a rounded border, painted: a style sheet would put the card and everything
        in it through Qt's style-sheet machinery, milliseconds when Vandaag is first shown (issue 16)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(_RAND), 1))
        painter.setBrush(QColor(_ACHTERGROND))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.end()

    def verbergen(self) -> None:
        self.services.aan_de_slag.verbergen()
        self.refresh()
