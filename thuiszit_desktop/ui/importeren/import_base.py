"""What the import wizards share: choose a file, its columns, check the preview, import (FORMATEN.md).

Reading and comparing the file, and the import itself, run off the GUI thread (a `Loader`) with a
progress bar, so the window never freezes. The preview writes nothing; the import is all or nothing
(unless the user chooses to skip the lines with an error), and can be cancelled. The column page is
`import_kolommen.py`. Each wizard (`import_wizard.py`, `verzuim_import_wizard.py`) adds its explanation,
its preview and its service calls.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from ...services.session import Services
from ..common import theme
from ..common.bestanden import IMPORT, bestand_openen
from ..common.widgets import fit_to_screen
from ..common.worker import Loader

BESTANDSFILTER = "CSV of Excel (*.csv *.txt *.xlsx)"
MAX_RIJEN = 1000  # rows shown per table; more would only make the window slow

Taak = Callable[[Callable[[int, int], None]], object]  # runs in the background, given its progress callback


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    theme.style(label, "color: {danger};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def table(headers: list[str]) -> QTableWidget:
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


def fill(table: QTableWidget, rows: list[list[str]], *, rijhoogte: bool = True) -> None:
    table.setUpdatesEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.setUpdatesEnabled(True)
    if rijhoogte:
        table.resizeRowsToContents()


def fouten_rijen(fouten) -> list[list[str]]:
    return [[str(f.regel), f.melding] for f in fouten[:MAX_RIJEN]]


# --- page 1 ---------------------------------------------------------------------------------------

class KiesBestandPage(QWizardPage):
    def __init__(self, wat: str, uitleg: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._wat = wat
        self.setTitle("Bestand kiezen")
        self.setSubTitle(f"Welk bestand met {wat} wilt u importeren?")
        layout = QVBoxLayout(self)
        label = QLabel(uitleg)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(label)
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
        begin = self.pad().parent if self.pad_edit.text().strip() else None
        pad = bestand_openen(self, f"Bestand met {self._wat} kiezen", BESTANDSFILTER, IMPORT, start=begin)
        if pad is not None:
            self.set_pad(pad)

    def _changed(self) -> None:
        tekst = self.pad_edit.text().strip()
        fout = bool(tekst) and not self.pad().is_file()
        self.melding.setText("Dit bestand bestaat niet. Kies het bestand opnieuw." if fout else "")
        self.melding.setVisible(fout)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.pad_edit.text().strip()) and self.pad().is_file()


# --- pages 2 and 3: a job with a progress bar -----------------------------------------------------

class _JobPage(QWizardPage):
    klaar = Signal()  # the job's result is shown, or its error message

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.loader = Loader(services, self)
        self.loader.progress.connect(self._progress)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)
        self.loader.crashed.connect(self._crashed)  # and to the app's error dialog
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.melding = _error_label()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, resultaat) -> None:
        raise NotImplementedError

    def _failed(self, melding: str) -> None:
        raise NotImplementedError

    def _crashed(self, exc: BaseException) -> None:
        raise NotImplementedError


class _LeesPage(_JobPage):
    """A page whose job reads the file (its columns, the preview): `voorbeeld` is what was read, or None
    with the reason the file cannot be imported; `_uitkomst` are the widgets that show the result."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.voorbeeld = None
        self._uitkomst: list[QWidget] = []

    def stop(self) -> None:
        self.loader.stop()

    def _ontvangen(self, resultaat) -> None:
        raise NotImplementedError

    def _finished(self, resultaat) -> None:
        self.progress.hide()
        self._ontvangen(resultaat)
        self.completeChanged.emit()
        self.klaar.emit()

    def _failed(self, melding: str) -> None:
        self.voorbeeld = None
        self.progress.hide()
        for widget in self._uitkomst:
            widget.hide()
        self.status.setText("Dit bestand kan niet geïmporteerd worden. Ga terug en kies een ander bestand, "
                            "of verbeter het bestand en probeer het opnieuw.")
        self.melding.setText(melding)
        self.melding.show()
        self.completeChanged.emit()
        self.klaar.emit()

    def _crashed(self, _exc: BaseException) -> None:
        self.progress.hide()
        self.status.setText("Er ging iets mis bij het lezen van het bestand.")
        self.completeChanged.emit()
        self.klaar.emit()


# --- page 2 (page 1b is import_kolommen.py) ------------------------------------------------------

class VoorbeeldPage(_LeesPage):
    """The preview: subclasses add their figures (`_show`), the job (`_taak`) and when it may be imported."""

    def __init__(self, services: Services, vergeleken_met: str, tabbladen: dict[str, list[str]],
                 parent: QWidget | None = None):
        super().__init__(services, parent)
        self._vergeleken_met = vergeleken_met
        self.voorbeeld = None
        self.setTitle("Controleren")
        self.setSubTitle("Dit verandert er als u importeert. Er is nog niets opgeslagen.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Importeren")

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.melding)
        self.tabs = QTabWidget()
        self.tabellen = [table(koppen) for koppen in tabbladen.values()]
        for tabel, titel in zip(self.tabellen, tabbladen, strict=True):
            self.tabs.addTab(tabel, titel)
        layout.addWidget(self.tabs, 1000)
        self.overslaan = QCheckBox("Foute regels overslaan en de goede regels importeren")
        self.overslaan.toggled.connect(self.completeChanged)
        layout.addWidget(self.overslaan)
        layout.addStretch(1)  # keeps the texts together at the top while there are no tabs
        self._uitkomst: list[QWidget] = [self.tabs, self.overslaan]  # hidden until there is a preview

    # --- QWizardPage ---

    def initializePage(self) -> None:
        self._reset()
        self._start()

    def cleanupPage(self) -> None:  # Back to page 1
        self.stop()
        self._reset()

    # --- the preview job ---

    def _taak(self, pad: Path) -> Taak:
        raise NotImplementedError

    def _start(self) -> None:
        pad = self.wizard().pad()
        self.status.setText(f"Het bestand {pad.name} wordt gelezen en vergeleken met {self._vergeleken_met}…")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self.loader.start(self._taak(pad))
        self.completeChanged.emit()

    def _ontvangen(self, voorbeeld) -> None:
        self.voorbeeld = voorbeeld
        self._show(voorbeeld)

    def _show(self, voorbeeld) -> None:
        raise NotImplementedError

    def _reset(self) -> None:
        self.voorbeeld = None
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self.melding.hide()
        for widget in self._uitkomst:
            widget.hide()
        self.overslaan.setChecked(False)
        for tabel in self.tabellen:
            tabel.setRowCount(0)


# --- page 3 ---------------------------------------------------------------------------------------

class ImporteerPage(_JobPage):
    """The import itself; the wizard's `import_taak()` says what to run."""

    def __init__(self, services: Services, subtitel_bezig: str, *, overgeslagen_label=QLabel,
                 rijhoogte: bool = True, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.resultaat = None
        self._done = False
        self._subtitel_bezig = subtitel_bezig
        self._rijhoogte = rijhoogte
        self.setTitle("Importeren")
        self.setSubTitle(subtitel_bezig)

        layout = QVBoxLayout(self)
        self.afbreken = QPushButton("Afbreken")
        self.afbreken.clicked.connect(self.annuleer)
        rij = QHBoxLayout()
        rij.addWidget(self.progress, 1)
        rij.addWidget(self.afbreken)
        layout.addWidget(self.status)
        layout.addLayout(rij)
        layout.addWidget(self.melding)
        self.overgeslagen = overgeslagen_label("Deze regels zijn overgeslagen. Verbeter ze in het bestand en "
                                               "importeer het nog eens; wat al goed is, blijft dan ongewijzigd.")
        self.overgeslagen.setWordWrap(True)
        self.overgeslagen.hide()
        layout.addWidget(self.overgeslagen)
        self.fouten = table(["Regel", "Reden"])
        self.fouten.hide()
        layout.addWidget(self.fouten, 1)
        layout.addStretch(0)

    @property
    def bezig(self) -> bool:
        return self.loader.busy

    def initializePage(self) -> None:
        wizard = self.wizard()
        taak = wizard.import_taak()
        self.resultaat = None
        self._done = False
        self.progress.setValue(0)
        self.progress.show()
        self.afbreken.show()
        self.afbreken.setEnabled(True)
        self.melding.hide()
        self.overgeslagen.hide()
        self.fouten.hide()
        self.setSubTitle(self._subtitel_bezig)
        self.status.setText(f"Bezig met importeren uit {wizard.pad().name}…")
        self.loader.start(taak)

    def isComplete(self) -> bool:
        return self._done

    def annuleer(self) -> None:
        if self.loader.busy:
            self.loader.cancel()
            self.afbreken.setEnabled(False)
            self.status.setText("Bezig met afbreken…")

    def _end(self) -> None:
        self._done = True
        self.progress.hide()
        self.afbreken.hide()
        self.completeChanged.emit()

    def _finished(self, resultaat) -> None:
        self.resultaat = resultaat
        self._end()
        self.status.setText(resultaat.samenvatting)
        self.setSubTitle("De import is klaar.")
        if resultaat.fouten:
            self.overgeslagen.show()
            fill(self.fouten, fouten_rijen(resultaat.fouten), rijhoogte=self._rijhoogte)
            self.fouten.show()
        self.wizard().imported.emit(resultaat)
        self.klaar.emit()

    def _failed(self, melding: str) -> None:
        self._end()
        self.setSubTitle("De import is niet gelukt.")
        self.status.setText("Er is niets geïmporteerd.")
        self.melding.setText(melding)
        self.melding.show()
        self.klaar.emit()

    def _crashed(self, _exc: BaseException) -> None:
        self._end()
        self.setSubTitle("De import is niet gelukt.")
        self.status.setText("Er ging iets mis; er is niets geïmporteerd.")
        self.klaar.emit()


# --- the wizard -----------------------------------------------------------------------------------

class ImportWizardBase(QWizard):
    """Subclasses declare `imported = Signal(object)` and give `import_taak()`."""

    def __init__(self, services: Services, parent: QWidget | None, *, titel: str, minimum: tuple[int, int],
                 kies_pagina: KiesBestandPage, kolommen_pagina: QWizardPage, voorbeeld_pagina: VoorbeeldPage,
                 import_pagina: ImporteerPage):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(titel)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # the page has "Afbreken"
        self.setMinimumSize(*minimum)
        fit_to_screen(self, *minimum)  # 1366×768 at 150 % is smaller than the minimum
        for button, text in ((QWizard.WizardButton.BackButton, "< Vorige"),
                             (QWizard.WizardButton.NextButton, "Volgende >"),
                             (QWizard.WizardButton.CommitButton, "Importeren"),
                             (QWizard.WizardButton.FinishButton, "Sluiten"),
                             (QWizard.WizardButton.CancelButton, "Annuleren")):
            self.setButtonText(button, text)
        self.kies_pagina = kies_pagina
        self.kolommen_pagina = kolommen_pagina
        self.voorbeeld_pagina = voorbeeld_pagina
        self.import_pagina = import_pagina
        for page in (kies_pagina, kolommen_pagina, voorbeeld_pagina, import_pagina):
            self.addPage(page)

    def pad(self) -> Path:
        return self.kies_pagina.pad()

    def koppeling(self) -> dict[str, str]:
        """The field of each column, as chosen on the column page."""
        return self.kolommen_pagina.koppeling()

    def foute_regels_overslaan(self) -> bool:
        return self.voorbeeld_pagina.overslaan.isChecked()

    def import_taak(self) -> Taak:
        """What the import page runs, with the choices made on the pages before."""
        raise NotImplementedError

    def reject(self) -> None:
        """Annuleren, Escape or closing the window: a running import is cancelled first (it rolls back)."""
        if self.import_pagina.bezig:
            self.import_pagina.annuleer()
            return
        self.kolommen_pagina.stop()
        self.voorbeeld_pagina.stop()
        super().reject()
