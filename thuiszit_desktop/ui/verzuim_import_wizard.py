"""Importing verzuim from the administration: choose a file, check the preview, import (FORMATEN.md,
"Verzuim").

Like the student import (`import_wizard.py`): reading and comparing the file, and the import itself, run
off the GUI thread in a `Job` with a progress bar, so the window never freezes. The preview writes
nothing; the import is all or nothing (unless the user chooses to skip the lines with an error), and
can be cancelled.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.errors import InvoerFout
from ..services.session import Services
from ..services.verzuim import VerzuimVoorbeeld
from .widgets import ERROR_COLOR, DateEdit, ErrorLabel, format_date, hint
from .worker import Job, start

BESTANDSFILTER = "CSV of Excel (*.csv *.txt *.xlsx)"
MAX_RIJEN = 1000  # rows shown per table; more would only make the window slow
SUBTITEL_BEZIG = "Het verzuim wordt opgeslagen, in één keer: alles of niets."

UITLEG = (
    "Kies het bestand met verzuim uit de leerlingadministratie (bijvoorbeeld een export uit Magister of "
    "Somtoday): een CSV-bestand (gescheiden door puntkomma, komma of tab) of een Excel-bestand (.xlsx). "
    "Op de eerste regel staan de kolomnamen.<br><br>"
    "<b>Verplicht:</b> <i>leerlingnummer</i> (of stamnummer), <i>datum</i>, <i>reden</i> (of code), en "
    "<i>uren</i> (aantal uren, bijvoorbeeld 1,5) of <i>lesuur</i> (elke regel is dan één lesuur).<br>"
    "<b>Mag ook:</b> <i>geoorloofd</i> (J of N): beslist over een code die het programma niet kent.<br>"
    "Reden is ongeoorloofd, ziek, verlof, schorsing of overig_geoorloofd, of een code uit de administratie "
    "(zoals Z, S of Spijbelen); wat elke code betekent, staat bij Instellingen › Verzuimcodes. Codes als "
    "'te laat' of 'aanwezig' zijn geen verzuim en worden overgeslagen.<br>"
    "Datums als 14-09-2026 of 2026-09-14. Een voorbeeld:<br>"
    "<tt>leerlingnummer;datum;uren;reden<br>1001;14-09-2026;2;ongeoorloofd<br>1001;15-09-2026;6;Z</tt><br><br>"
    "Het bestand vervangt het eerder geïmporteerde verzuim van elke leerling op elke dag die erin staat. Zelf "
    "ingevoerd verzuim blijft staan. U ziet eerst wat er verandert; er wordt pas iets opgeslagen als u op "
    "Importeren klikt."
)


def _disconnect(job: Job | None) -> None:
    """Stop listening to a job we no longer care about, and ask it to stop."""
    if job is None:
        return
    job.cancelled = True
    for signal in (job.signals.progress, job.signals.finished, job.signals.failed, job.signals.crashed):
        with contextlib.suppress(RuntimeError, TypeError):  # nothing connected any more
            signal.disconnect()


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setUpdatesEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.setUpdatesEnabled(True)


def _n(aantal: int, enkelvoud: str, meervoud: str) -> str:
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


# --- page 1 ---------------------------------------------------------------------------------------

class KiesBestandPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Bestand kiezen")
        self.setSubTitle("Welk bestand met verzuim wilt u importeren?")
        layout = QVBoxLayout(self)
        uitleg = QLabel(UITLEG)
        uitleg.setWordWrap(True)
        uitleg.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(uitleg)
        layout.addSpacing(12)
        rij = QHBoxLayout()
        self.pad_edit = QLineEdit()
        self.pad_edit.setPlaceholderText("Nog geen bestand gekozen")
        self.pad_edit.setClearButtonEnabled(True)
        self.pad_edit.textChanged.connect(self._changed)
        self.kies_button = QPushButton("Bestand kiezen…")
        self.kies_button.clicked.connect(self.kies_bestand)
        rij.addWidget(self.pad_edit, 1)
        rij.addWidget(self.kies_button)
        layout.addLayout(rij)
        self.melding = _error_label()
        layout.addWidget(self.melding)
        layout.addStretch(1)

    def pad(self) -> Path:
        return Path(self.pad_edit.text().strip())

    def set_pad(self, pad: str | Path) -> None:
        self.pad_edit.setText(str(pad))

    def kies_bestand(self) -> None:
        begin = str(self.pad().parent) if self.pad_edit.text().strip() else str(Path.home())
        pad, _ = QFileDialog.getOpenFileName(self, "Bestand met verzuim kiezen", begin, BESTANDSFILTER)
        if pad:
            self.set_pad(pad)

    def _changed(self) -> None:
        tekst = self.pad_edit.text().strip()
        fout = bool(tekst) and not self.pad().is_file()
        self.melding.setText("Dit bestand bestaat niet. Kies het bestand opnieuw." if fout else "")
        self.melding.setVisible(fout)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.pad_edit.text().strip()) and self.pad().is_file()


# --- page 2 ---------------------------------------------------------------------------------------

class _TotFout:
    """The preview could not be made with the chosen "t/m" date (the message is for that field)."""

    def __init__(self, melding: str):
        self.melding = melding


class VoorbeeldPage(QWizardPage):
    klaar = Signal()  # the preview is shown, or its error message

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.voorbeeld: VerzuimVoorbeeld | None = None
        self._job: Job | None = None
        self.setTitle("Controleren")
        self.setSubTitle("Dit verandert er als u importeert. Er is nog niets opgeslagen.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Importeren")
        self._herhaal = QTimer(self)  # a new preview shortly after the "t/m" date stops changing
        self._herhaal.setSingleShot(True)
        self._herhaal.setInterval(500)
        self._herhaal.timeout.connect(self._opnieuw)

        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.melding = _error_label()
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.melding)

        self.cijfers = QWidget()
        form = QFormLayout(self.cijfers)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        self.regels_label = QLabel()
        self.dagen_label = QLabel()
        self.overgeslagen_label = QLabel()
        self.kolommen_label = QLabel()
        self.kolommen_label.setWordWrap(True)
        form.addRow("Verzuim:", self.regels_label)
        form.addRow("Dagen:", self.dagen_label)
        form.addRow("Geen verzuim:", self.overgeslagen_label)
        form.addRow("Genegeerde kolommen:", self.kolommen_label)
        tot = QWidget()
        tot_layout = QVBoxLayout(tot)
        tot_layout.setContentsMargins(0, 0, 0, 0)
        tot_layout.setSpacing(2)
        self.bijgewerkt_label = QLabel()
        self.bijgewerkt_label.setWordWrap(True)
        tot_layout.addWidget(self.bijgewerkt_label)
        rij = QHBoxLayout()
        self.tot_check = QCheckBox("Een andere datum gebruiken:")
        self.tot_check.setToolTip("Bijvoorbeeld als het bestand tot en met vrijdag loopt maar de laatste dagen "
                                  "zonder verzuim waren")
        self.tot_edit = DateEdit(start=self.vandaag)
        self.tot_edit.setEnabled(False)
        rij.addWidget(self.tot_check)
        rij.addWidget(self.tot_edit)
        rij.addStretch(1)
        tot_layout.addLayout(rij)
        self.tot_fout = ErrorLabel()
        tot_layout.addWidget(self.tot_fout)
        form.addRow("Verzuim bijgewerkt t/m:", tot)
        self.tot_check.toggled.connect(self._tot_gewijzigd)
        self.tot_edit.dateChanged.connect(self._tot_gewijzigd)
        layout.addWidget(self.cijfers)

        self.tabs = QTabWidget()
        self.fouten_tabel = _table(["Regel", "Reden"])
        self.lesdag_tabel = _table(["Regel", "Waarschuwing"])
        self.tabs.addTab(self.fouten_tabel, "Fouten")
        self.tabs.addTab(self.lesdag_tabel, "Geen lesdag")
        layout.addWidget(self.tabs, 1000)
        self.overslaan = QCheckBox("Foute regels overslaan en de goede regels importeren")
        self.overslaan.toggled.connect(self.completeChanged)
        layout.addWidget(self.overslaan)
        layout.addStretch(1)

    # --- QWizardPage ---

    def initializePage(self) -> None:
        self._reset()
        self._start()

    def cleanupPage(self) -> None:  # Back to page 1
        self.stop()
        self._herhaal.stop()
        self._reset()

    def isComplete(self) -> bool:
        v = self.voorbeeld
        if v is None or self._job is not None or self._herhaal.isActive() or not self.tot_fout.isHidden():
            return False
        return (v.regels + v.overgeslagen > 0 or v.dagen_gewijzigd > 0) and (not v.fouten or self.overslaan.isChecked())

    def stop(self) -> None:
        _disconnect(self._job)
        self._job = None

    def tot(self) -> date | None:
        """The "verzuim bijgewerkt t/m" the user chose instead of the file's latest date (None: the file's)."""
        return self.tot_edit.value() if self.tot_check.isChecked() else None

    # --- the preview job ---

    def _start(self) -> None:
        pad = self.wizard().pad()
        tot = self.tot()
        self.status.setText(f"Het bestand {pad.name} wordt gelezen en vergeleken met het verzuim dat er al is…")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()

        def voorbeeld(progress):
            try:
                return self.services.verzuim.voorbeeld(pad, tot=tot, progress=progress, vandaag=self.vandaag)
            except InvoerFout as exc:
                if tot is not None and "tot" in exc.fouten:
                    return _TotFout(exc.fouten["tot"])
                raise

        job = Job(voorbeeld, on_thread_end=self.services.end_thread)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.crashed.connect(self._crashed)
        self._job = job
        self.completeChanged.emit()
        start(job)

    def _tot_gewijzigd(self) -> None:
        self.tot_edit.setEnabled(self.tot_check.isChecked())
        if self.voorbeeld is None and self._job is None:
            return
        self.tot_fout.set_error("")
        self._herhaal.start()
        self.completeChanged.emit()

    def _opnieuw(self) -> None:
        self.stop()
        self._start()

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _progress(self, done: int, total: int) -> None:
        if self._current():
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _finished(self, resultaat) -> None:
        if not self._current():
            return
        self._job = None
        self.progress.hide()
        if isinstance(resultaat, _TotFout):
            self.tot_fout.set_error(resultaat.melding)
            self.status.setText("Kies een andere datum bij 'Verzuim bijgewerkt t/m'.")
        else:
            self.voorbeeld = resultaat
            self._show(resultaat)
        self.completeChanged.emit()
        self.klaar.emit()

    def _failed(self, melding: str) -> None:
        if not self._current():
            return
        self._job = None
        self.voorbeeld = None
        self.progress.hide()
        self.cijfers.hide()
        self.tabs.hide()
        self.overslaan.hide()
        self.status.setText("Dit bestand kan niet geïmporteerd worden. Ga terug en kies een ander bestand, "
                            "of verbeter het bestand en probeer het opnieuw.")
        self.melding.setText(melding)
        self.melding.show()
        self.completeChanged.emit()
        self.klaar.emit()

    def _crashed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self._job = None
        self.progress.hide()
        self.status.setText("Er ging iets mis bij het lezen van het bestand.")
        self.completeChanged.emit()
        self.klaar.emit()
        raise exc  # to the app's error dialog

    # --- showing the preview ---

    def _reset(self) -> None:
        self.voorbeeld = None
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self.melding.hide()
        self.cijfers.hide()
        self.tabs.hide()
        self.overslaan.hide()
        self.overslaan.setChecked(False)
        self.tot_fout.set_error("")
        for table in (self.fouten_tabel, self.lesdag_tabel):
            table.setRowCount(0)

    def _show(self, v: VerzuimVoorbeeld) -> None:
        fouten, lesdag = len(v.fouten), len(v.geen_lesdag)
        self.status.setText(f"Het bestand {self.wizard().pad().name} is gelezen. Zo ziet het eruit:")
        self.regels_label.setText(f"{_n(v.regels, 'regel', 'regels')} voor {_n(v.leerlingen, 'leerling', 'leerlingen')}")
        self.dagen_label.setText(f"{v.dagen_nieuw} nieuw, {v.dagen_gewijzigd} gewijzigd, {v.dagen_ongewijzigd} "
                                 "ongewijzigd (een dag = één leerling op één datum)")
        self.overgeslagen_label.setText(
            f"{_n(v.overgeslagen, 'regel', 'regels')} (te laat, aanwezig en dergelijke; worden overgeslagen)"
            if v.overgeslagen else "geen")
        self.kolommen_label.setText(", ".join(v.onbekende_kolommen) if v.onbekende_kolommen else "geen")
        if v.bijgewerkt_tot is not None:
            bron = "de datum die u koos" if self.tot() is not None else "de laatste datum in het bestand"
            self.bijgewerkt_label.setText(f"Na de import: {format_date(v.bijgewerkt_tot)} ({bron}). Signalen "
                                          "tellen het verzuim tot en met die dag.")
        else:
            self.bijgewerkt_label.setText("Blijft zoals het was (er staat geen datum in het bestand).")
        if not self.tot_check.isChecked() and v.bijgewerkt_tot is not None:
            self.tot_edit.blockSignals(True)
            self.tot_edit.set_value(v.bijgewerkt_tot)
            self.tot_edit.blockSignals(False)
        self.cijfers.show()

        _fill(self.fouten_tabel, [[str(f.regel), f.melding] for f in v.fouten[:MAX_RIJEN]])
        _fill(self.lesdag_tabel, [[str(f.regel), f.melding] for f in v.geen_lesdag[:MAX_RIJEN]])
        self.tabs.setTabText(0, f"Fouten ({fouten})")
        self.tabs.setTabText(1, f"Geen lesdag ({lesdag})")
        self.tabs.setCurrentIndex(0 if fouten or not lesdag else 1)
        self.tabs.setVisible(bool(fouten or lesdag))

        self.melding.hide()
        if fouten:
            regels = "regel heeft" if fouten == 1 else "regels hebben"
            goed = v.regels + v.overgeslagen
            tekst = f"{fouten} {regels} een fout (zie Fouten). Er wordt niets geïmporteerd"
            tekst += (", tenzij u hieronder kiest om de foute regels over te slaan." if goed else
                      ": er is geen enkele goede regel.")
            tekst += " U kunt ook het bestand verbeteren en opnieuw beginnen."
            self.melding.setText(tekst)
            self.melding.show()
            self.overslaan.setVisible(goed > 0)
        else:
            self.overslaan.hide()
            self.overslaan.setChecked(False)
        if max(fouten, lesdag) > MAX_RIJEN:
            self.status.setText(self.status.text() + f" Per tabblad staan de eerste {MAX_RIJEN} regels.")


# --- page 3 ---------------------------------------------------------------------------------------

class ImporteerPage(QWizardPage):
    klaar = Signal()  # the import finished, failed or was cancelled

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.resultaat: VerzuimVoorbeeld | None = None
        self._job: Job | None = None
        self._done = False
        self.setTitle("Importeren")
        self.setSubTitle(SUBTITEL_BEZIG)

        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.afbreken = QPushButton("Afbreken")
        self.afbreken.clicked.connect(self.annuleer)
        rij = QHBoxLayout()
        rij.addWidget(self.progress, 1)
        rij.addWidget(self.afbreken)
        layout.addWidget(self.status)
        layout.addLayout(rij)
        self.melding = _error_label()
        layout.addWidget(self.melding)
        self.overgeslagen = hint("Deze regels zijn overgeslagen. Verbeter ze in het bestand en importeer het nog "
                                 "eens; wat al goed is, blijft dan ongewijzigd.")
        self.overgeslagen.hide()
        layout.addWidget(self.overgeslagen)
        self.fouten = _table(["Regel", "Reden"])
        self.fouten.hide()
        layout.addWidget(self.fouten, 1)
        layout.addStretch(0)

    @property
    def bezig(self) -> bool:
        return self._job is not None

    def initializePage(self) -> None:
        wizard = self.wizard()
        pad = wizard.pad()
        overslaan = wizard.foute_regels_overslaan()
        tot = wizard.tot()
        self.resultaat = None
        self._done = False
        self.progress.setValue(0)
        self.progress.show()
        self.afbreken.show()
        self.afbreken.setEnabled(True)
        self.melding.hide()
        self.overgeslagen.hide()
        self.fouten.hide()
        self.setSubTitle(SUBTITEL_BEZIG)
        self.status.setText(f"Bezig met importeren uit {pad.name}…")
        job = Job(lambda progress: self.services.verzuim.importeren(
            pad, sla_foute_regels_over=overslaan, tot=tot, progress=progress, vandaag=self.vandaag),
            on_thread_end=self.services.end_thread)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.crashed.connect(self._crashed)
        self._job = job
        start(job)

    def isComplete(self) -> bool:
        return self._done

    def annuleer(self) -> None:
        if self._job is not None:
            self._job.cancelled = True
            self.afbreken.setEnabled(False)
            self.status.setText("Bezig met afbreken…")

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _progress(self, done: int, total: int) -> None:
        if self._current():
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _end(self) -> None:
        self._job = None
        self._done = True
        self.progress.hide()
        self.afbreken.hide()
        self.completeChanged.emit()

    def _finished(self, resultaat: VerzuimVoorbeeld) -> None:
        if not self._current():
            return
        self.resultaat = resultaat
        self._end()
        self.status.setText(resultaat.samenvatting)
        self.setSubTitle("De import is klaar.")
        if resultaat.fouten:
            self.overgeslagen.show()
            _fill(self.fouten, [[str(f.regel), f.melding] for f in resultaat.fouten[:MAX_RIJEN]])
            self.fouten.show()
        self.wizard().imported.emit(resultaat)
        self.klaar.emit()

    def _failed(self, melding: str) -> None:
        if not self._current():
            return
        self._end()
        self.setSubTitle("De import is niet gelukt.")
        self.status.setText("Er is niets geïmporteerd.")
        self.melding.setText(melding)
        self.melding.show()
        self.klaar.emit()

    def _crashed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self._end()
        self.setSubTitle("De import is niet gelukt.")
        self.status.setText("Er ging iets mis; er is niets geïmporteerd.")
        self.klaar.emit()
        raise exc  # to the app's error dialog


# --- the wizard -----------------------------------------------------------------------------------

class VerzuimImportWizard(QWizard):
    imported = Signal(object)  # VerzuimVoorbeeld (what was imported), after a successful import

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Verzuim importeren")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # the page has "Afbreken"
        self.setMinimumSize(800, 600)
        for button, text in ((QWizard.WizardButton.BackButton, "< Vorige"),
                             (QWizard.WizardButton.NextButton, "Volgende >"),
                             (QWizard.WizardButton.CommitButton, "Importeren"),
                             (QWizard.WizardButton.FinishButton, "Sluiten"),
                             (QWizard.WizardButton.CancelButton, "Annuleren")):
            self.setButtonText(button, text)
        self.kies_pagina = KiesBestandPage()
        self.voorbeeld_pagina = VoorbeeldPage(services, vandaag=vandaag)
        self.import_pagina = ImporteerPage(services, vandaag=vandaag)
        for page in (self.kies_pagina, self.voorbeeld_pagina, self.import_pagina):
            self.addPage(page)

    def pad(self) -> Path:
        return self.kies_pagina.pad()

    def foute_regels_overslaan(self) -> bool:
        return self.voorbeeld_pagina.overslaan.isChecked()

    def tot(self) -> date | None:
        return self.voorbeeld_pagina.tot()

    def reject(self) -> None:
        """Annuleren, Escape or closing the window: a running import is cancelled first (it rolls back)."""
        if self.import_pagina.bezig:
            self.import_pagina.annuleer()
            return
        self.voorbeeld_pagina.stop()
        super().reject()
