"""The verzuim part of the student page: the signals with their reasons, a school year's verzuim as a
heat map by reden, and the registered DUO meldingen, M@zl-acties and hand-entered verzuim.

Everything here is one student's data: a few small queries (a few milliseconds for a whole school
year, measured on the demo school), so it loads on the GUI thread. One signal's card is in signaal_kaart.py,
the heat map's colours and tooltips in verzuim_heatmap.py.
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.afhandeling import MELDING_VOOR
from ...domain.formaat import procent
from ...domain.gebruiker import Rol
from ...domain.kalender import schooljaar_label
from ...domain.leerling import schooljaar_start
from ...domain.signalen import Niveau, Signaal, SignaalInstellingen, SignaalSoort
from ...domain.verzuim import MeldingSoort, Reden
from ...services.ongedaan import samen
from ...services.session import Services
from ...services.signalen import Overzicht
from ..common import errors, theme
from ..common.blocks import Kader, WrappingLabel
from ..common.blocks import text_label as _label
from ..common.ongedaan_bar import toon_ongedaan
from ..common.widgets import format_date, hint
from ..kalender.jaar_raster import JaarRaster, Kleurvak, Legenda, dag_tekst, vul_jaar_combo
from ..overzichten.werkt_het_view import LeerlingEffectPanel
from ..vandaag.piramide import NIVEAU_NAAM, niveau_uitleg
from .signaal_kaart import SignaalKaart
from .verzuim_dialogs import BesprokenDialog, MazlDialog, MeldingDialog, VerzuimInvoerenDialog, uren_tekst
from .verzuim_heatmap import REDEN_KLEUR, dagen_tekst, heatmap_stijlen, heatmap_tooltips

# The most urgent first: what the law asks the school to do, then what may grow into it.
VOLGORDE = [SignaalSoort.MELDPLICHT_16U, SignaalSoort.THUISZITTER_3MND, SignaalSoort.THUISZITTER,
            SignaalSoort.ABSOLUUT_VERZUIM, SignaalSoort.LANGDURIG_AFWEZIG, SignaalSoort.MAZL,
            SignaalSoort.LUXE_VERZUIM]
VOLGORDE += [s for s in SignaalSoort if s not in VOLGORDE]


def _tabel(koppen: list[str]) -> QTableWidget:
    tabel = QTableWidget(0, len(koppen))
    tabel.setHorizontalHeaderLabels(koppen)
    tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabel.setAlternatingRowColors(True)
    tabel.verticalHeader().hide()
    tabel.setWordWrap(False)
    tabel.setTabKeyNavigation(False)  # Tab leaves the table (it is read-only), as in the other lists
    kop = tabel.horizontalHeader()
    kop.setStretchLastSection(True)
    kop.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tabel


REGISTRATIE_TITELS = ("Meldingen DUO", "M@zl-acties", "Zelf ingevoerd")  # the tabs below the calendar
REGISTRATIES_NA_PAINT_MS = 15  # read a frame after the first paint of a just opened student


def _vul(tabel: QTableWidget, rijen: list[tuple[int, list[str]]]) -> None:
    """Rows of (id, texts); the id is kept in the first cell's UserRole."""
    tabel.setRowCount(len(rijen))
    for r, (ident, teksten) in enumerate(rijen):
        for c, tekst in enumerate(teksten):
            item = QTableWidgetItem(tekst)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, ident)
            tabel.setItem(r, c, item)
    tabel.resizeColumnsToContents()


def _gekozen_ids(tabel: QTableWidget) -> list[int]:
    rijen = sorted({i.row() for i in tabel.selectedIndexes()})
    return [int(tabel.item(r, 0).data(Qt.ItemDataRole.UserRole)) for r in rijen]


class VerzuimPanel(QWidget):
    """Signals, the verzuim heat map of a school year, and the registrations of one student."""

    changed = Signal()  # verzuim, a melding, an M@zl-actie or a bespreking was saved or removed

    def __init__(self, services: Services, parent: QWidget | None = None, *, can_edit: bool = True,
                 vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.can_edit = can_edit
        self.vandaag = vandaag or date.today()
        self.leerlingnummer: str | None = None
        self.naam = ""
        self.registraties_van: str | None = None  # whose meldingen, M@zl-acties and hand entries the tables show
        self.overzicht: Overzicht | None = None
        self._instellingen: SignaalInstellingen | None = None  # the lesdag's hours and the level thresholds
        self.signalen: list[Signaal] = []
        self.kaarten: list[SignaalKaart] = []  # one per signal shown
        self._kaarten: list[SignaalKaart] = []  # … and the spare ones, hidden
        self._gekozen_jaar: int | None = None  # the school year the user chose (kept between students)
        self._geladen_op = 0.0  # time.monotonic() of the last refresh
        self._na_paint: str | None = None  # whose registrations and chart to read after the next paint

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        # actions
        acties = QHBoxLayout()
        self.invoeren_button = QPushButton("Verzuim invoeren…")
        self.invoeren_button.setToolTip("Verzuim zelf invoeren: één dag of een periode")
        self.invoeren_button.clicked.connect(self.verzuim_invoeren)
        self.melding_button = QPushButton("Melding DUO registreren…")
        self.melding_button.setToolTip("Een verzuimmelding bij DUO vastleggen")
        self.melding_button.clicked.connect(lambda: self.melding_registreren())
        self.mazl_button = QPushButton("M@zl-actie registreren…")
        self.mazl_button.setToolTip("Vastleggen dat de jeugdarts is ingeschakeld (M@zl)")
        self.mazl_button.clicked.connect(lambda: self.mazl_registreren())
        for button in (self.invoeren_button, self.melding_button, self.mazl_button):
            button.setEnabled(can_edit)
            button.setVisible(can_edit)  # a mentor: no grey buttons that never work (registering is the zorg's)
            acties.addWidget(button)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        acties.addWidget(self.status_label, 1)
        layout.addLayout(acties)

        # signals
        self.signalen_box = QGroupBox("Signalen")  # (its height changes with the signals: no Kader)
        signalen_layout = QVBoxLayout(self.signalen_box)
        self.bijgewerkt_label = _label("", muted=True)
        signalen_layout.addWidget(self.bijgewerkt_label)
        self.signalen_lijst = QVBoxLayout()
        self.signalen_lijst.setSpacing(6)
        signalen_layout.addLayout(self.signalen_lijst)
        self.geen_signalen = QLabel("Geen signalen: de wettelijke grenzen zijn niet bereikt.")
        signalen_layout.addWidget(self.geen_signalen)
        layout.addWidget(self.signalen_box)

        # the heat map
        self.verzuim_box = Kader("Verzuim per dag")
        verzuim_layout = QVBoxLayout(self.verzuim_box)
        kop = QHBoxLayout()
        kop.addWidget(QLabel("Schooljaar:"))
        self.jaar_combo = QComboBox()
        self.jaar_combo.currentIndexChanged.connect(self._jaar_gekozen)
        kop.addWidget(self.jaar_combo)
        kop.addSpacing(16)
        self.niveau_stip = QLabel()
        kop.addWidget(self.niveau_stip)
        self.percentage_label = WrappingLabel()
        self.percentage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.percentage_label.setWordWrap(True)
        kop.addWidget(self.percentage_label, 1)
        verzuim_layout.addLayout(kop)
        body = QHBoxLayout()
        body.setSpacing(16)
        # Six months a row; four or three on a narrow screen (1366×768 at 150 %), rather than scrolling sideways.
        self.heatmap = JaarRaster(kolommen=(6, 4, 3), min_cel=14, max_cel=22, hoogte_volgt_breedte=True)
        body.addWidget(self.heatmap, 1, Qt.AlignmentFlag.AlignTop)
        rechts = QVBoxLayout()
        rechts.setSpacing(6)
        self.totalen = Legenda()
        rechts.addWidget(self.totalen)
        self.totaal_label = QLabel()
        font = self.totaal_label.font()
        font.setBold(True)
        self.totaal_label.setFont(font)
        rechts.addWidget(self.totaal_label)
        self.legenda = Legenda()
        kleur = theme.kalender_color
        self.legenda.add(Kleurvak(kleur("aanwezig"), kleur("rand")), "Lesdag zonder verzuim")
        self.legenda.add(Kleurvak(kleur("onbekend"), kleur("rand_sterk"), gestippeld=True), "Nog niet bijgewerkt")
        self.legenda.add(Kleurvak(kleur("geen_lesdag")), "Vakantie, feestdag, vrije dag")
        self.legenda.add(Kleurvak(kleur("weekend"), kleur("rand")), "Weekend")
        rechts.addSpacing(6)
        rechts.addWidget(self.legenda)
        uitleg = hint("Lichter gekleurd: een deel van de dag afwezig. Wijs een dag aan voor de uren.")
        uitleg.setMaximumWidth(240)
        rechts.addWidget(uitleg)
        rechts.addStretch(1)
        body.addLayout(rechts)
        verzuim_layout.addLayout(body)
        layout.addWidget(self.verzuim_box)

        # "werkt het?": verzuim per lesweek with the interventions shaded (zorgcoördinator only: the plan's data)
        self._effect_panel: LeerlingEffectPanel | None = None
        self._effect_van: str | None = None  # whose weeks the chart shows
        if services.gebruiker.rol == Rol.ZORGCOORDINATOR:
            self.effect_box = Kader("Verzuim per lesweek en interventies")
            self._effect_panel = LeerlingEffectPanel(services)
            QVBoxLayout(self.effect_box).addWidget(self._effect_panel)
            layout.addWidget(self.effect_box)

        # registrations
        layout.addWidget(self._bouw_registraties())
        layout.addStretch(1)

    def _bouw_registraties(self) -> QWidget:
        self.registraties = QTabWidget()
        self.meldingen_tabel = _tabel(["Gemeld op", "Soort", "Verzuim t/m", "Kenmerk"])
        self.mazl_tabel = _tabel(["Jeugdarts ingeschakeld", "Opmerking"])
        self.hand_tabel = _tabel(["Datum", "Uren", "Reden", "Opmerking"])
        for tabel, naam in ((self.meldingen_tabel, "Meldingen bij DUO"), (self.mazl_tabel, "M@zl-acties"),
                            (self.hand_tabel, "Zelf ingevoerd verzuim")):
            tabel.setAccessibleName(naam)  # for screen readers: the box title is not its label
        self.melding_verwijderen = QPushButton("Verwijderen…")
        self.mazl_verwijderen = QPushButton("Verwijderen…")
        self.hand_verwijderen = QPushButton("Verwijderen…")
        uitleg = {
            "melding": "Meldingen bij DUO. Na een melding van 16 uur begint de telling opnieuw.",
            "mazl": "Wanneer de jeugdarts is ingeschakeld. Ziekmeldingen tellen daarna opnieuw.",
            "hand": "Verzuim dat hier is ingevoerd (niet uit de import)."
                    + (" Kies regels en verwijder ze als ze niet kloppen." if self.can_edit else ""),
        }
        for soort, tabel, knop, titel, verwijder in (
                ("melding", self.meldingen_tabel, self.melding_verwijderen, REGISTRATIE_TITELS[0],
                 self.meldingen_verwijderen),
                ("mazl", self.mazl_tabel, self.mazl_verwijderen, REGISTRATIE_TITELS[1], self.mazl_acties_verwijderen),
                ("hand", self.hand_tabel, self.hand_verwijderen, REGISTRATIE_TITELS[2], self.hand_verzuim_verwijderen)):
            pagina = QWidget()
            pl = QVBoxLayout(pagina)
            pl.setContentsMargins(6, 6, 6, 6)
            pl.addWidget(hint(uitleg[soort]))
            tabel.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            tabel.setMinimumHeight(tabel.verticalHeader().defaultSectionSize() * 4 + 30)
            tabel.setMaximumHeight(tabel.verticalHeader().defaultSectionSize() * 7 + 30)
            pl.addWidget(tabel, 1)
            rij = QHBoxLayout()
            rij.addStretch(1)
            knop.setEnabled(False)
            knop.setVisible(self.can_edit)
            knop.clicked.connect(verwijder)
            tabel.itemSelectionChanged.connect(
                lambda t=tabel, k=knop: k.setEnabled(self.can_edit and bool(t.selectedIndexes())))
            rij.addWidget(knop)
            pl.addLayout(rij)
            self.registraties.addTab(pagina, titel)
        return self.registraties

    # --- loading ---------------------------------------------------------------------------------

    def set_leerling(self, leerlingnummer: str, naam: str = "") -> None:
        """Show this student's verzuim (read fresh from the database)."""
        self.leerlingnummer = leerlingnummer
        self.naam = naam
        self.status_label.clear()
        self.refresh(registraties_later=True)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Back on the page after a while (e.g. from the school calendar or the settings): read it again,
        # vrije dagen or thresholds may have changed. Right after set_leerling there is nothing to do.
        if not event.spontaneous() and time.monotonic() - self._geladen_op > 1.0:
            QTimer.singleShot(0, self, self._refresh_op_scherm)

    def _refresh_op_scherm(self) -> None:
        """Read again, unless the panel went out of view meanwhile (e.g. back to the list from the Tijdlijn tab,
        which shows this tab for a moment): then the next time it is shown."""
        if self.isVisible():
            self.refresh()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        # The registrations and the chart (below the calendar) are read once the tab is on screen: a moment
        # after this paint, so that the paint of a just opened student is never held up by them. The panel is
        # painted before its children (the calendar, the cards): the moment counts from the end of the whole
        # paint (the zero timer runs once it is done), else under load it ran out while the calendar was drawn.
        if self._na_paint is not None:
            nr, self._na_paint = self._na_paint, None
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(REGISTRATIES_NA_PAINT_MS, self,
                                                                 lambda: self._na_de_paint(nr)))

    def _na_de_paint(self, nr: str) -> None:
        if self.isVisible():
            self._toon_onderaan(nr)
        elif self.registraties_van != nr:  # closed meanwhile: when it is on screen again
            self._na_paint = nr

    def refresh(self, *, registraties_later: bool = False) -> None:
        """Read the student's verzuim and signals again. `registraties_later`: a student was just opened; the
        registrations below the calendar are read right after the first paint (opening stays quick), and until
        then their tables are empty – never another student's."""
        if self.leerlingnummer is None:
            return
        self._geladen_op = time.monotonic()
        nr = self.leerlingnummer
        self.overzicht = self.services.signalen.overzicht(leerlingnummer=nr)
        self._instellingen = self.services.signalen.instellingen()
        self.signalen = sorted(self.overzicht.signalen, key=lambda s: (VOLGORDE.index(s.soort), s.datum))
        self._toon_signalen(self.overzicht)
        huidig = schooljaar_start(self.overzicht.peildatum).year
        jaar = self._gekozen_jaar if self._gekozen_jaar is not None else huidig
        vul_jaar_combo(self.jaar_combo, list(range(huidig - 4, huidig + 1)), jaar)
        self._toon_jaar(jaar)
        if registraties_later:
            self._leeg_registraties()
            self._effect_van = None
            if self._effect_panel is not None:
                self._effect_panel.leeg()
            self._na_paint = nr  # see paintEvent
        else:
            self._toon_registraties()
            self._toon_effect(nr)

    @property
    def effect_panel(self) -> LeerlingEffectPanel | None:
        """The chart of verzuim per lesweek (zorgcoördinator only), showing the current student."""
        if self.leerlingnummer is not None and self._effect_van != self.leerlingnummer:
            self._toon_effect(self.leerlingnummer)
        return self._effect_panel

    def _toon_effect(self, voor: str) -> None:
        if self._effect_panel is not None and voor == self.leerlingnummer and self._effect_van != voor:
            self._effect_van = voor
            self._effect_panel.set_leerling(voor)

    def _toon_onderaan(self, voor: str) -> None:
        """What is below the calendar – the registrations and the chart – for a just opened student."""
        self._toon_registraties(voor)
        self._toon_effect(voor)

    def _jaar_gekozen(self, _index: int) -> None:
        jaar = self.jaar_combo.currentData()
        if jaar is None or self.leerlingnummer is None:
            return
        self._gekozen_jaar = int(jaar)
        self._toon_jaar(int(jaar))

    def start_year(self) -> int:
        return int(self.jaar_combo.currentData())

    # --- signals ---

    def _toon_signalen(self, o: Overzicht) -> None:
        if o.bijgewerkt_tot is not None:
            tekst = (f"Verzuim bijgewerkt t/m {format_date(o.bijgewerkt_tot)}: de signalen gaan over het verzuim "
                     "tot en met die dag.")
        else:
            tekst = (f"Er is nog geen verzuim geïmporteerd; de signalen gaan uit van vandaag, "
                     f"{format_date(o.peildatum)}.")
        self.bijgewerkt_label.setText(tekst)
        # The cards are kept and filled again for the next student (see SignaalKaart); the spare ones hidden.
        can_bespreken = self.services.gebruiker.rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR)
        for i, s in enumerate(self.signalen):
            if i < len(self._kaarten):
                self._kaarten[i].toon(s, o.besproken(s), vandaag=self.vandaag, can_edit=self.can_edit,
                                      can_bespreken=can_bespreken, afhandeling=o.afhandeling(s))
            else:
                kaart = SignaalKaart(s, o.besproken(s), vandaag=self.vandaag, can_edit=self.can_edit,
                                     can_bespreken=can_bespreken, afhandeling=o.afhandeling(s))
                kaart.bespreken.connect(self.bespreken)
                kaart.actie.connect(self._actie)
                self.signalen_lijst.addWidget(kaart)
                self._kaarten.append(kaart)
        for i, kaart in enumerate(self._kaarten):
            kaart.setVisible(i < len(self.signalen))
        # Tab as the eye reads: the cards' buttons right after the actions above them (cards made later would
        # otherwise come last, after the year grid and the tables below them).
        vorige = self.mazl_button
        for kaart in self._kaarten:
            for knop in (kaart._actie_button, kaart.besproken_button):
                QWidget.setTabOrder(vorige, knop)
                vorige = knop
        self.kaarten = self._kaarten[:len(self.signalen)]
        self.geen_signalen.setVisible(not self.signalen)
        self.signalen_box.setTitle(f"Signalen ({len(self.signalen)})" if self.signalen else "Signalen")

    def signaal(self, soort: SignaalSoort) -> Signaal | None:
        return next((s for s in self.signalen if s.soort == soort), None)

    # --- the heat map ---

    def _toon_jaar(self, start_year: int) -> None:
        nr = self.leerlingnummer
        if nr is None:
            return
        van, tot = date(start_year, 8, 1), date(start_year + 1, 7, 31)
        jaar = self.services.kalender.jaar(start_year)
        dagen = self.services.verzuim.dagen(nr, van, tot)
        dagduur = (self._instellingen or self.services.signalen.instellingen()).uren_per_lesdag
        bijgewerkt = self.overzicht.bijgewerkt_tot if self.overzicht else None
        self.heatmap.set_jaar(start_year, heatmap_stijlen(jaar, dagen, dagduur, bijgewerkt), self.vandaag,
                              tooltips=heatmap_tooltips(jaar, dagen, bijgewerkt))
        self.verzuim_box.setTitle(f"Verzuim per dag in schooljaar {schooljaar_label(start_year)}")

        # totals per reden (lesdagen only: the rules ignore the rest)
        lesdag = {d.datum for d in jaar.dagen if d.soort == "lesdag"}
        totaal: dict[Reden, float] = dict.fromkeys(Reden, 0.0)
        buiten = 0.0
        for dag in dagen:
            for r, u in dag.uren.items():
                if dag.datum in lesdag:
                    totaal[r] += u
                else:
                    buiten += u
        if len(self.totalen.waarden) != len(Reden):  # made once; a student opened later changes the hours
            self.totalen.clear()
            for r in Reden:
                self.totalen.add(Kleurvak(REDEN_KLEUR[r]), r.label, " ")
        for r, waarde in zip(Reden, self.totalen.waarden, strict=True):
            waarde.setText(f"{uren_tekst(totaal[r])} uur")
        som = sum(totaal.values())
        self.totaal_label.setText(f"Samen {uren_tekst(som)} uur" + (
            f" ({dagen_tekst(som / dagduur)})" if som else ""))
        self.totaal_label.setToolTip(
            f"Verzuim op lesdagen. Nog {uren_tekst(buiten)} uur staat op dagen zonder les en telt niet mee."
            if buiten else "Verzuim op lesdagen.")
        self._toon_percentage(start_year)

    def _niveau_in(self, start_year: int) -> tuple[Niveau | None, date | None]:
        """The student's level and percentage over a school year (through the peildatum when current)."""
        if self.overzicht is None or self.leerlingnummer is None:
            return None, None
        peil = self.overzicht.peildatum
        huidig = schooljaar_start(peil).year
        if start_year == huidig:
            return self.overzicht.niveau_van().get(self.leerlingnummer), peil
        if start_year > huidig:
            return None, None
        einde = date(start_year + 1, 7, 31)
        o = self.services.signalen.overzicht(peildatum=einde, leerlingnummer=self.leerlingnummer)
        return o.niveau_van().get(self.leerlingnummer), einde

    def _toon_percentage(self, start_year: int) -> None:
        niveau, tot = self._niveau_in(start_year)
        if niveau is None or tot is None:
            self.niveau_stip.clear()
            huidig = self.overzicht is not None and start_year > schooljaar_start(self.overzicht.peildatum).year
            self.percentage_label.setText("Dit schooljaar is nog niet begonnen." if huidig else
                                          "Geen verzuimpercentage: de leerling was toen niet ingeschreven.")
            return
        if niveau.zonder_verzuim:
            self.niveau_stip.clear()
            self.percentage_label.setText("Nog geen verzuim geïmporteerd of ingevoerd: nog geen verzuimniveau.")
            self.percentage_label.setToolTip("")
            return
        self.niveau_stip.setPixmap(theme.niveau_stip(niveau.niveau, 14, self.devicePixelRatioF()))
        drempels = self._instellingen or self.services.signalen.instellingen()
        uitleg = niveau_uitleg(niveau.niveau, (drempels.niveau2_pct, drempels.niveau3_pct))
        self.percentage_label.setText(
            f"Verzuim {procent(niveau.verzuimpercentage)} van de lestijd t/m {format_date(tot)} – "
            f"niveau {niveau.niveau}: {NIVEAU_NAAM[niveau.niveau].lower()} ({uitleg})")
        self.percentage_label.setToolTip(
            "Al het verzuim telt mee, ook ziekte en verlof: het deel van de lesuren dat de leerling er niet was.")

    # --- registrations ---

    def _leeg_registraties(self) -> None:
        self.registraties_van = None
        for tabel in (self.meldingen_tabel, self.mazl_tabel, self.hand_tabel):
            tabel.setRowCount(0)
        for i, titel in enumerate(REGISTRATIE_TITELS):
            self.registraties.setTabText(i, titel)

    def _toon_registraties(self, voor: str | None = None) -> None:
        nr = self.leerlingnummer
        if nr is None or (voor is not None and voor != nr):  # another student opened meanwhile: theirs follows
            return
        if voor is not None and self.registraties_van == voor:  # read already (after the paint, or before it)
            return
        self.registraties_van = nr
        meldingen = self.services.verzuim.meldingen(nr)
        mazl = self.services.verzuim.mazl_acties(nr)
        hand = self.services.verzuim.handmatig(nr)
        _vul(self.meldingen_tabel, [(m.id, [format_date(m.datum), m.soort.label, format_date(m.einddatum), m.kenmerk])
                                    for m in meldingen])
        _vul(self.mazl_tabel, [(a.id, [format_date(a.datum), a.opmerking]) for a in mazl])
        _vul(self.hand_tabel, [(h.id, [dag_tekst(h.datum), uren_tekst(h.uren), h.reden.label, h.opmerking])
                               for h in hand])
        for i, (titel, n) in enumerate(zip(REGISTRATIE_TITELS, (len(meldingen), len(mazl), len(hand)), strict=True)):
            self.registraties.setTabText(i, f"{titel} ({n})")
        for knop in (self.melding_verwijderen, self.mazl_verwijderen, self.hand_verwijderen):
            knop.setEnabled(False)

    # --- actions ---------------------------------------------------------------------------------

    def _na_wijziging(self, status: str = "") -> None:
        self.refresh()
        self.status_label.setText(status)
        self.changed.emit()

    def verzuim_invoeren(self) -> None:
        if self.leerlingnummer is None:
            return
        dialog = VerzuimInvoerenDialog(self.services, self.leerlingnummer, self.window(), vandaag=self.vandaag,
                                       naam=self.naam)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        n = dialog.dagen or 0
        status = f"Verzuim ingevoerd op {n} {'lesdag' if n == 1 else 'lesdagen'}."
        bijgewerkt = self.services.signalen.bijgewerkt_tot()
        laatste = dialog.tot.value() if dialog.periode.isChecked() else dialog.van.value()
        if bijgewerkt is not None and laatste > bijgewerkt:
            status += (f" Let op: verzuim na {format_date(bijgewerkt)} telt pas mee in de signalen als het "
                       "verzuim verder is bijgewerkt (met een nieuwe import).")
        self._na_wijziging(status)

    def melding_registreren(self, signaal: Signaal | None = None) -> None:
        if self.leerlingnummer is None:
            return
        if signaal is None:  # from the general button: the open meldplicht, if any
            signaal = self.signaal(SignaalSoort.MELDPLICHT_16U)
        soort = MELDING_VOOR.get(signaal.soort, MeldingSoort.ZESTIEN_UUR) if signaal else MeldingSoort.ZESTIEN_UUR
        dialog = MeldingDialog(self.services, self.leerlingnummer, self.window(), vandaag=self.vandaag,
                               naam=self.naam, soort=soort, signaal=signaal)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._na_wijziging("De melding is vastgelegd.")

    def mazl_registreren(self, signaal: Signaal | None = None) -> None:
        if self.leerlingnummer is None:
            return
        signaal = signaal or self.signaal(SignaalSoort.MAZL)
        dialog = MazlDialog(self.services, self.leerlingnummer, self.window(), vandaag=self.vandaag,
                            naam=self.naam, signaal=signaal)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._na_wijziging("De M@zl-actie is vastgelegd.")

    def _actie(self, signaal: Signaal) -> None:
        if signaal.soort == SignaalSoort.MAZL:
            self.mazl_registreren(signaal)
        else:
            self.melding_registreren(signaal)

    def bespreken(self, signaal: Signaal) -> None:
        bespreking = self.overzicht.besproken(signaal) if self.overzicht else None
        dialog = BesprokenDialog(self.services, signaal, bespreking, self.window(), vandaag=self.vandaag)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._na_wijziging("De bespreking is vastgelegd.")

    def _verwijder(self, tabel: QTableWidget, enkelvoud: str, meervoud: str, detail: str, verwijder) -> None:
        """Ask (naming the row or the number of rows), delete, and offer undo of all of them at once."""
        ids = _gekozen_ids(tabel)
        if not ids:
            return
        if len(ids) == 1:
            wat = f"{enkelvoud} van {tabel.item(tabel.selectedIndexes()[0].row(), 0).text()}"
        else:
            wat = f"Deze {len(ids)} {meervoud}"
        if not errors.bevestig_verwijderen(self, wat, detail):
            return
        weg = []
        try:
            for ident in ids:
                weg.append(verwijder(ident))
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
        self._na_wijziging("Verwijderd.")
        if weg:
            snapshot = weg[0] if len(weg) == 1 else samen(f"{len(weg)} {meervoud}", weg)
            toon_ongedaan(self, self.services, snapshot, lambda: self._na_wijziging("Teruggezet."))

    def meldingen_verwijderen(self) -> None:
        self._verwijder(self.meldingen_tabel, "De melding", "meldingen",
                        "Alleen als ze hier per vergissing is vastgelegd: de melding bij DUO blijft bestaan. "
                        "De telling van 16 uur gaat dan weer uit van de vorige melding.",
                        lambda i: self.services.verzuim.actie_verwijderen("melding", i))

    def mazl_acties_verwijderen(self) -> None:
        self._verwijder(self.mazl_tabel, "De M@zl-actie", "M@zl-acties",
                        "Alleen als ze hier per vergissing is vastgelegd.",
                        lambda i: self.services.verzuim.actie_verwijderen("mazl", i))

    def hand_verzuim_verwijderen(self) -> None:
        self._verwijder(self.hand_tabel, "Het ingevoerde verzuim", "dagen ingevoerd verzuim",
                        "Verzuim uit de import blijft staan; dat verbetert u met een nieuwe import.",
                        self.services.verzuim.verwijderen)
