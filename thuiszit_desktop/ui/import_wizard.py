"""Importing the student list: choose a file, check the preview, import (FORMATEN.md, "Leerlingen").

Reading and comparing the file, and the import itself, run off the GUI thread in a `Job` with a
progress bar, so the window never freezes. The preview writes nothing; the import is all or nothing.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
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

from ..services.importing import ImportResultaat, ImportVoorbeeld
from ..services.session import Services
from .widgets import ERROR_COLOR, format_date, hint
from .worker import Job, start

BESTANDSFILTER = "CSV of Excel (*.csv *.txt *.xlsx)"
SUBTITEL_BEZIG = "De leerlingen worden opgeslagen, in één keer: alles of niets."
MAX_RIJEN = 1000  # rows shown per preview table; more would only make the window slow

UITLEG = (
    "Kies het bestand met leerlingen uit de leerlingadministratie (bijvoorbeeld Magister of Somtoday): "
    "een CSV-bestand (gescheiden door puntkomma, komma of tab) of een Excel-bestand (.xlsx). "
    "Op de eerste regel staan de kolomnamen.<br><br>"
    "<b>Verplicht:</b> leerlingnummer (of stamnummer), achternaam en geboortedatum.<br>"
    "<b>Mag ook:</b> voornaam, tussenvoegsel, klas, mentor, inschrijfdatum, uitschrijfdatum, bestemming, "
    "startkwalificatie (ja/nee), vrijstelling (5a, 5b, 5c, 5a-trekkend of 15) met vrijstelling_van en "
    "vrijstelling_tot, bsn of onderwijsnummer.<br>"
    "Datums als 05-03-2011 of 2011-03-05.<br><br>"
    "Leerlingen die al in het programma staan, worden bijgewerkt op hun leerlingnummer. Gegevens die niet in "
    "het bestand staan, zoals ouders, blijven zoals ze zijn. U ziet eerst wat er verandert; er wordt pas "
    "iets opgeslagen als u op Importeren klikt."
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
    table.resizeRowsToContents()


# --- page 1 ---------------------------------------------------------------------------------------

class KiesBestandPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Bestand kiezen")
        self.setSubTitle("Welk bestand met leerlingen wilt u importeren?")
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
        pad, _ = QFileDialog.getOpenFileName(self, "Bestand met leerlingen kiezen", begin, BESTANDSFILTER)
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

class VoorbeeldPage(QWizardPage):
    klaar = Signal()  # the preview is shown, or its error message

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.voorbeeld: ImportVoorbeeld | None = None
        self._job: Job | None = None
        self.setTitle("Controleren")
        self.setSubTitle("Dit verandert er als u importeert. Er is nog niets opgeslagen.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Importeren")

        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.melding = _error_label()
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.melding)

        self.tabs = QTabWidget()
        self.nieuw_tabel = _table(["Leerlingnummer", "Naam", "Geboortedatum", "Klas", "Mentor"])
        self.gewijzigd_tabel = _table(["Leerlingnummer", "Naam", "Wat verandert"])
        self.afgekeurd_tabel = _table(["Regel", "Reden"])
        self.tabs.addTab(self.nieuw_tabel, "Nieuw")
        self.tabs.addTab(self.gewijzigd_tabel, "Gewijzigd")
        self.tabs.addTab(self.afgekeurd_tabel, "Afgekeurd")
        layout.addWidget(self.tabs, 1000)
        self.onbekend = hint("")
        layout.addWidget(self.onbekend)
        self.overslaan = QCheckBox("Foute regels overslaan en de goede regels importeren")
        self.overslaan.toggled.connect(self.completeChanged)
        layout.addWidget(self.overslaan)
        layout.addStretch(1)  # keeps the texts together at the top while there are no tabs

    # --- QWizardPage ---

    def initializePage(self) -> None:
        self._reset()
        pad = self.wizard().pad()
        self.status.setText(f"Het bestand {pad.name} wordt gelezen en vergeleken met de leerlingen die er al zijn…")
        job = Job(lambda progress: self.services.importeren.leerlingen_voorbeeld(pad, progress=progress),
                  on_thread_end=self.services.end_thread)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.crashed.connect(self._crashed)
        self._job = job
        start(job)

    def cleanupPage(self) -> None:  # Back to page 1
        self.stop()
        self._reset()

    def isComplete(self) -> bool:
        v = self.voorbeeld
        return v is not None and v.te_importeren > 0 and (not v.fouten or self.overslaan.isChecked())

    def stop(self) -> None:
        _disconnect(self._job)
        self._job = None

    # --- the job's signals ---

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _progress(self, done: int, total: int) -> None:
        if self._current():
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _finished(self, voorbeeld: ImportVoorbeeld) -> None:
        if not self._current():
            return
        self._job = None
        self.voorbeeld = voorbeeld
        self.progress.hide()
        self._show(voorbeeld)
        self.completeChanged.emit()
        self.klaar.emit()

    def _failed(self, melding: str) -> None:
        if not self._current():
            return
        self._job = None
        self.progress.hide()
        self.status.setText("Dit bestand kan niet geïmporteerd worden. Ga terug en kies een ander bestand, "
                            "of verbeter het bestand en probeer het opnieuw.")
        self.melding.setText(melding)
        self.melding.show()
        self.klaar.emit()

    def _crashed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self._job = None
        self.progress.hide()
        self.status.setText("Er ging iets mis bij het lezen van het bestand.")
        self.klaar.emit()
        raise exc  # to the app's error dialog

    # --- showing the preview ---

    def _reset(self) -> None:
        self.voorbeeld = None
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self.melding.hide()
        self.tabs.hide()
        self.onbekend.hide()
        self.overslaan.hide()
        self.overslaan.setChecked(False)
        for table in (self.nieuw_tabel, self.gewijzigd_tabel, self.afgekeurd_tabel):
            table.setRowCount(0)

    def _show(self, v: ImportVoorbeeld) -> None:
        nieuw, gewijzigd, fouten = len(v.nieuw), len(v.gewijzigd), len(v.fouten)
        _fill(self.nieuw_tabel, [[lln.leerlingnummer, lln.naam, format_date(lln.geboortedatum), lln.klas, lln.mentor]
                                 for lln in v.nieuw[:MAX_RIJEN]])
        _fill(self.gewijzigd_tabel, [[w.nieuw.leerlingnummer, w.nieuw.naam, "\n".join(w.wijzigingen)]
                                     for w in v.gewijzigd[:MAX_RIJEN]])
        _fill(self.afgekeurd_tabel, [[str(f.regel), f.melding] for f in v.fouten[:MAX_RIJEN]])
        self.tabs.setTabText(0, f"Nieuw ({nieuw})")
        self.tabs.setTabText(1, f"Gewijzigd ({gewijzigd})")
        self.tabs.setTabText(2, f"Afgekeurd ({fouten})")
        self.tabs.setCurrentIndex(2 if fouten else 0 if nieuw or not gewijzigd else 1)
        self.tabs.show()

        delen = [f"{nieuw} nieuw", f"{gewijzigd} gewijzigd", f"{v.ongewijzigd} ongewijzigd"]
        tekst = "In het bestand: " + ", ".join(delen)
        tekst += f" en {fouten} {'regel' if fouten == 1 else 'regels'} met een fout." if fouten else "."
        if max(nieuw, gewijzigd, fouten) > MAX_RIJEN:
            tekst += f" Per tabblad staan de eerste {MAX_RIJEN} regels."
        if v.te_importeren == 0:
            tekst += " Er is niets te importeren: alles is al bijgewerkt." if not fouten else ""
        self.status.setText(tekst)

        if fouten:
            regels = "regel heeft" if fouten == 1 else "regels hebben"
            self.melding.setText(
                f"{fouten} {regels} een fout (zie Afgekeurd). Er wordt niets geïmporteerd, tenzij u hieronder "
                "kiest om de foute regels over te slaan. U kunt ook het bestand verbeteren en opnieuw beginnen.")
            self.melding.show()
            self.overslaan.setVisible(v.te_importeren > 0)
        if v.onbekende_kolommen:
            self.onbekend.setText("Deze kolommen kent het programma niet; ze worden overgeslagen: "
                                  + ", ".join(v.onbekende_kolommen) + ".")
            self.onbekend.show()


# --- page 3 ---------------------------------------------------------------------------------------

class ImporteerPage(QWizardPage):
    klaar = Signal()  # the import finished, failed or was cancelled

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.resultaat: ImportResultaat | None = None
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
        self.overgeslagen = QLabel("Deze regels zijn overgeslagen. Verbeter ze in het bestand en importeer het "
                                   "nog eens; wat al goed is, blijft dan ongewijzigd.")
        self.overgeslagen.setWordWrap(True)
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
        job = Job(lambda progress: self.services.importeren.leerlingen(
            pad, sla_foute_regels_over=overslaan, progress=progress), on_thread_end=self.services.end_thread)
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

    def _finished(self, resultaat: ImportResultaat) -> None:
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

class ImportWizard(QWizard):
    imported = Signal(object)  # ImportResultaat, after a successful import

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Leerlingen importeren")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # the page has "Afbreken"
        self.setMinimumSize(780, 580)
        for button, text in ((QWizard.WizardButton.BackButton, "< Vorige"),
                             (QWizard.WizardButton.NextButton, "Volgende >"),
                             (QWizard.WizardButton.CommitButton, "Importeren"),
                             (QWizard.WizardButton.FinishButton, "Sluiten"),
                             (QWizard.WizardButton.CancelButton, "Annuleren")):
            self.setButtonText(button, text)
        self.kies_pagina = KiesBestandPage()
        self.voorbeeld_pagina = VoorbeeldPage(services)
        self.import_pagina = ImporteerPage(services)
        for page in (self.kies_pagina, self.voorbeeld_pagina, self.import_pagina):
            self.addPage(page)

    def pad(self) -> Path:
        return self.kies_pagina.pad()

    def foute_regels_overslaan(self) -> bool:
        return self.voorbeeld_pagina.overslaan.isChecked()

    def reject(self) -> None:
        """Annuleren, Escape or closing the window: a running import is cancelled first (it rolls back)."""
        if self.import_pagina.bezig:
            self.import_pagina.annuleer()
            return
        self.voorbeeld_pagina.stop()
        super().reject()
