"""The school calendar ("Schoolkalender"): a school year as twelve month grids (`jaar_raster`), the
vacations (herfst and voorjaar adjustable in `vakantie_dialog`), the school's vrije dagen, and – for a year
the shipped data does not cover – an editor for the five vacations.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.gebruiker import Rol
from ...domain.kalender import Vakantie, schooljaar_label
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
from .jaar_raster import (
    DagStijl,
    JaarRaster,
    Kleurvak,
    Legenda,
    dag_tekst,
    jaren_keuze,
    periode_tekst,
    vul_jaar_combo,
)
from .vakantie_dialog import VAKANTIE_NAMEN, VakantieAanpassenDialog

BESTANDSFILTER = "CSV of Excel (*.csv *.txt *.xlsx)"

# The calendar's colours per kind of day ("lesdag", "weekend", "vakantie", "feestdag", "vrije_dag", …), from
# `theme` in light or dark: calm enough for the day numbers, distinct for colour-blind eyes too.
SOORT_KLEUR = theme.KALENDER_KLEUR
VERSCHUIFBAAR = ("herfstvakantie", "voorjaarsvakantie")  # advisory: the school may choose its own dates
_VAKANTIE_MAAND = {"herfstvakantie": 10, "kerstvakantie": 12, "voorjaarsvakantie": 2, "meivakantie": 4,
                   "zomervakantie": 7}  # where the date fields of an uncovered year start


class _EigenVakantieRij:
    def __init__(self, soort: str):
        self.soort = soort
        self.van = OptionalDateEdit()
        self.tot = OptionalDateEdit()
        self.fout = ErrorLabel()


class KalenderView(QWidget):
    """The area "Schoolkalender": a school year's lesdagen, vacations and vrije dagen."""

    changed = Signal()  # the calendar changed (vacations or vrije dagen): lesdagen and signals move

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None,
                 in_delen: bool = False):
        """`in_delen`: built to be shown at once (the main window): the year is read and drawn in the turn of the
        event loop after the first paint (`af`), so no single turn blocks the window for long (issue 16)."""
        super().__init__(parent)
        self.services = services
        # Only the zorgcoördinator changes vacations and vrije dagen (the service refuses anyone else): a mentor
        # sees the calendar without buttons that would only end in a refusal.
        self.mag_wijzigen = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.vandaag = vandaag or date.today()
        self.jaar: Jaaroverzicht | None = None
        self._geladen = False
        self._in_delen = in_delen
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
        vul_jaar_combo(self.jaar_combo, jaren_keuze(huidig), huidig)
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
        self._ongedekt_layout = ongedekt_layout
        self.ongedekt.setVisible(not in_delen)  # (refresh shows it for a year the data does not cover: rare)
        self.eigen_editor: QWidget | None = None  # built for the first year the data does not cover (rare)
        self.eigen_rijen: dict[str, _EigenVakantieRij] = {}
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
        # (built with the rest, though hidden: its form sets the side's width, which a later build would change)
        self.tabs.addTab(self._bouw_vrije_dagen(), "Vrije dagen")
        zijkant.addWidget(self.tabs, 1)
        zijwidget = QWidget()
        zijwidget.setLayout(zijkant)
        zijkant.setContentsMargins(0, 0, 0, 0)
        zijwidget.setMinimumWidth(280)  # narrower on a small screen (1366×768 at 150 %), so nothing falls off
        zijwidget.setMaximumWidth(400)
        body.addWidget(zijwidget)
        outer.addLayout(body, 1)

    def _bouw_eigen_editor(self) -> QWidget:
        """The editor for the vacations of a year the data does not cover: ten date fields, so only built when
        such a year is shown (opening the calendar stays quick)."""
        if self.eigen_editor is not None:
            return self.eigen_editor
        self.eigen_editor = QWidget()
        grid = QGridLayout(self.eigen_editor)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel("<b>Vakantie</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Eerste dag</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Laatste dag</b>"), 0, 2)
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
        self._ongedekt_layout.addWidget(self.eigen_editor)
        return self.eigen_editor

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
        for w in (self.vrij_verwijderen_button, self.vrij_import_button, toevoegen):
            w.setVisible(self.mag_wijzigen)
        if not self.mag_wijzigen:
            layout.addWidget(hint("Vrije dagen (zoals studiedagen) voert de zorgcoördinator in."))
        return pagina

    # --- loading ---

    def showEvent(self, event) -> None:
        # Every time the area is opened (not when the window is restored): settings or an import may have
        # changed the region or the vrije dagen meanwhile.
        if (not self._geladen and not self._in_delen) or (self._geladen and not event.spontaneous()):
            self.refresh()
        super().showEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._in_delen:  # painted without its year: that comes in the next turn of the event loop
            self._in_delen = False
            QTimer.singleShot(1, self, self.af)

    def af(self) -> None:
        """The year, when it was not read yet (see `in_delen`)."""
        if not self._geladen:
            self.refresh()

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
        alle_vrije_dagen = self.services.kalender.vrije_dagen()
        vrije_dagen = {v.datum: v.omschrijving for v in alle_vrije_dagen}
        aangepast = self.services.kalender.aangepaste_vakanties()
        officieel = {(v.schooljaar, v.soort): v for v in self.services.kalender.officiele_vakanties()}
        self._officieel = officieel
        self._officieel_bekend = any(sj == label for sj, _ in officieel)

        stijlen: dict[date, DagStijl] = {}
        # one colour object per kind of day: the grid draws the days that share one together (jaar_raster)
        kleuren = {soort: SOORT_KLEUR[soort] for soort in SOORT_KLEUR}
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
            soort = dag.soort if dag.soort in kleuren else "weekend"
            stijlen[dag.datum] = DagStijl(kleuren[soort], tekst, gedimd=dag.soort == "weekend")
        self.raster.set_jaar(start_year, stijlen, self.vandaag)

        regio_tekst = f"Regio {self.regio.value}"
        self.lesdagen_label.setText(f"{jaar.lesdagen} lesdagen in schooljaar {label}  ·  {regio_tekst}")
        self._toon_dekking(jaar)
        self._vul_vakanties(jaar, aangepast)
        self._vul_vrije_dagen(jaar, alle_vrije_dagen)

    def _toon_dekking(self, jaar: Jaaroverzicht) -> None:
        label = schooljaar_label(jaar.start_year)
        vorig = schooljaar_label(jaar.start_year - 1)
        if jaar.gedekt:
            self.ongedekt.hide()
            return
        self.ongedekt.show()
        if not self.mag_wijzigen:
            self.ongedekt_label.setText(f"De schoolvakanties van {label} zijn niet (helemaal) bekend in dit programma. "
                                        "De zorgcoördinator kan ze invullen; tot dan tellen die weken als lesdagen.")
            return
        if self._officieel_bekend:
            # The year itself is known; the previous zomervakantie (early August) is not.
            self.ongedekt_label.setText(
                f"Het begin van augustus {jaar.start_year} hoort bij de zomervakantie van {vorig}, en die staat "
                f"niet in dit programma. Daarom tellen de eerste weken van augustus hier als lesdagen.")
            self._bouw_eigen_editor().hide()
            return
        self._bouw_eigen_editor().show()
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
            w.setVisible(self._officieel_bekend and self.mag_wijzigen)
        self._update_vakantie_knoppen()

    def _vul_vrije_dagen(self, jaar: Jaaroverzicht, alle: list) -> None:
        van, tot = date(jaar.start_year, 8, 1), date(jaar.start_year + 1, 7, 31)
        self._vrije_dagen = [v for v in alle if van <= v.datum <= tot]
        self.tabs.setTabText(1, f"Vrije dagen ({len(self._vrije_dagen)})")
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
        except errors.GebruikersFout as exc:
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
            except errors.GebruikersFout as exc:
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
        except errors.GebruikersFout as exc:
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
        except errors.GebruikersFout as exc:
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
            except errors.GebruikersFout as exc2:
                self.vrij_import_fouten.set_error(str(exc2))
                return
            self._na_wijziging()
            self.vrij_import_fouten.set_error(
                f"{aantal} vrije dagen geïmporteerd. Deze regels zijn overgeslagen:\n{lijst}")
            return
        except errors.GebruikersFout as exc:
            self.vrij_import_fouten.set_error(str(exc))
            return
        self._na_wijziging()
        self.vrij_status.setText(f"{aantal} vrije dagen geïmporteerd.")

    def _na_wijziging(self) -> None:
        self.refresh()
        self.changed.emit()


def _tabel(koppen: list[str]) -> QTableWidget:
    tabel = QTableWidget(0, len(koppen))
    tabel.setTabKeyNavigation(False)  # Tab leaves the table (it is read-only), as in the other lists
    tabel.setHorizontalHeaderLabels(koppen)
    tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabel.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabel.setAlternatingRowColors(True)
    tabel.verticalHeader().hide()
    tabel.horizontalHeader().setStretchLastSection(True)
    tabel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tabel


__all__ = ["KalenderView"]
