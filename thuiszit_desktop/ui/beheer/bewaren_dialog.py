"""Bewaartermijnen: the "Bewaartermijnen" tab of the settings and the screen that shows what has expired
and, after a confirmation that names the numbers, deletes it for good (off the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...services.bewaren import MAX_JAREN, Voorstel, aantallen_tekst
from ...services.session import Services
from ..common import errors
from ..common.widgets import ErrorLabel, FieldErrors, WrapLabel, fit_to_screen, format_date, hint, with_error
from ..common.worker import Loader

HEADERS = ["Leerling", "Leerlingnummer", "Uitgeschreven", "Wat vervalt", "Aantallen"]


def _wat(rij) -> str:
    if rij.helemaal:
        return "Alles (ook de leerling zelf)"
    return "Dossier" if rij.dossier_verlopen else "Verzuim"


def _aantallen(aantallen: dict[str, int]) -> str:
    return aantallen_tekst(aantallen) or "–"


class BewaarTab(QWidget):
    """The terms, saved with the settings dialog's Opslaan (`has_changes`, `save`)."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.addWidget(WrapLabel(
            "Hoe lang de school gegevens bewaart van leerlingen die zijn uitgeschreven. Gebruikelijk is: het "
            "dossier (trajecten, gesprekken, MDO's, plannen) 2 jaar, verzuim en in- en uitschrijving 5 jaar."))
        self.fouten = FieldErrors(ErrorLabel())
        self.dossier = QSpinBox()
        self.verzuim = QSpinBox()
        for spin in (self.dossier, self.verzuim):
            spin.setRange(1, MAX_JAREN)
            spin.setSuffix(" jaar")
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            spin.valueChanged.connect(lambda _v: self.fouten.clear())
        form = QFormLayout()
        form.addRow("Dossier bewaren na uitschrijving:",
                    with_error(self.dossier, self.fouten.add("dossier", self.dossier)))
        form.addRow("Verzuim bewaren na uitschrijving:",
                    with_error(self.verzuim, self.fouten.add("verzuim", self.verzuim)))
        layout.addLayout(form)
        layout.addWidget(self.fouten.general)
        layout.addWidget(hint("Loopt er na de uitschrijving nog een traject, dan telt het dossier vanaf het sluiten "
                              "daarvan. Leerlingen met een open traject blijven altijd staan."))
        self.bekijk_knop = QPushButton("Verlopen gegevens bekijken en opruimen…")
        self.bekijk_knop.clicked.connect(self.bekijk)
        layout.addWidget(self.bekijk_knop, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        termijnen = services.bewaren.termijnen()
        self.dossier.setValue(termijnen.dossier_jaren)
        self.verzuim.setValue(termijnen.verzuim_jaren)
        self._start = self._waarden()
        self.opgeruimd_iets = False  # the settings dialog's caller then refreshes its lists

    def _waarden(self) -> tuple[int, int]:
        return self.dossier.value(), self.verzuim.value()

    def has_changes(self) -> bool:
        return self._waarden() != self._start

    def save(self) -> None:
        """InvoerFout when a term is not acceptable (shown next to its field by `show_errors`)."""
        termijnen = self.services.bewaren.termijnen_opslaan(*self._waarden())
        self._start = (termijnen.dossier_jaren, termijnen.verzuim_jaren)

    def show_errors(self, exc: InvoerFout) -> QWidget | None:
        return self.fouten.show(exc.fouten)

    def bekijk(self) -> None:
        if self.has_changes():
            errors.show_info(self, "Sla de gewijzigde bewaartermijnen eerst op; het overzicht gebruikt de "
                                   "opgeslagen termijnen.")
            return
        dialog = BewaarDialog(self.services, self)
        dialog.opgeruimd.connect(lambda _v: setattr(self, "opgeruimd_iets", True))
        dialog.exec()


class BewaarDialog(QDialog):
    """What has expired today, per student; "Definitief verwijderen" after a confirmation with the numbers."""

    opgeruimd = Signal(object)  # the Voorstel that was carried out

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.voorstel: Voorstel | None = None
        self.loader = Loader(services, self)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)
        self.loader.crashed.connect(self._crashed)  # and to the error dialog
        self.setWindowTitle("Bewaartermijnen: verlopen gegevens")
        fit_to_screen(self, 820, 520)
        layout = QVBoxLayout(self)
        self.uitleg = WrapLabel("")
        layout.addWidget(self.uitleg)
        self.tabel = QTableWidget(0, len(HEADERS))
        self.tabel.setHorizontalHeaderLabels(HEADERS)
        self.tabel.verticalHeader().hide()
        self.tabel.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabel.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.tabel.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tabel, 1)
        self.samenvatting = WrapLabel("")
        layout.addWidget(self.samenvatting)
        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)  # busy; deleting and compacting the file has no steps to count
        self.voortgang.hide()
        layout.addWidget(self.voortgang)
        self.melding = QLabel()
        self.melding.setWordWrap(True)
        layout.addWidget(self.melding)
        self.buttons = QDialogButtonBox()
        self.verwijder_knop = self.buttons.addButton("Definitief verwijderen…",
                                                     QDialogButtonBox.ButtonRole.DestructiveRole)
        self.verwijder_knop.clicked.connect(self.verwijderen)
        self.sluit_knop = self.buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.voorstel = self.services.bewaren.voorstel()
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            self.voorstel = None
            self.verwijder_knop.setEnabled(False)
            return
        v = self.voorstel
        self.uitleg.setText(
            f"Bewaartermijnen: dossier {v.termijnen.dossier_jaren} jaar en verzuim {v.termijnen.verzuim_jaren} jaar "
            f"na uitschrijving. Dit is wat er op {format_date(v.peildatum)} over de termijn is. Er wordt niets "
            "verwijderd voordat u dat bevestigt.")
        self.tabel.setRowCount(len(v.rijen))
        for i, rij in enumerate(v.rijen):
            for kolom, tekst in enumerate((rij.naam, rij.leerlingnummer, format_date(rij.uitschrijfdatum), _wat(rij),
                                           _aantallen(rij.aantallen))):
                self.tabel.setItem(i, kolom, QTableWidgetItem(tekst))
        self.samenvatting.setText(v.samenvatting())
        self.verwijder_knop.setEnabled(not v.leeg)

    def bevestiging(self) -> str:
        v = self.voorstel
        wie = "1 leerling" if len(v.rijen) == 1 else f"{len(v.rijen)} leerlingen"
        return (f"Van {wie} wordt definitief verwijderd: {_aantallen(dict(v.aantallen))}.\n\n"
                "Eerst maakt het programma een back-up; die blijft vier weken bewaard, zodat een vergissing nog "
                "te herstellen is. Daarna verdwijnt ook die, want de bewaartermijn geldt ook voor back-ups.")

    def verwijderen(self) -> None:
        if self.voorstel is None or self.voorstel.leeg:
            return
        if not errors.ask(self, "Verlopen gegevens definitief verwijderen?", detail=self.bevestiging(),
                          yes="Definitief verwijderen", no="Niet verwijderen"):
            return
        voorstel = self.voorstel
        self.verwijder_knop.setEnabled(False)
        self.sluit_knop.setEnabled(False)
        self.voortgang.show()
        self.melding.setText("Eerst een back-up, dan verwijderen…")
        self.loader.start(lambda _progress: self.services.bewaren.opruimen(voorstel))

    def _finished(self, voorstel: Voorstel) -> None:
        self._einde()
        self.melding.setText(f"Definitief verwijderd: {_aantallen(dict(voorstel.aantallen))}. De back-up van vlak "
                             f"daarvoor staat in {voorstel.backup}.")
        self.refresh()
        self.opgeruimd.emit(voorstel)

    def _failed(self, melding: str) -> None:
        self._einde()
        self.melding.setText("")
        errors.show_error(self, melding)
        self.refresh()

    def _crashed(self, _exc: BaseException) -> None:
        self._einde()
        self.melding.setText("")

    def _einde(self) -> None:
        self.voortgang.hide()
        self.sluit_knop.setEnabled(True)

    def reject(self) -> None:
        if self.loader.busy:  # never close halfway: the deletion is one transaction and then VACUUM
            return
        super().reject()
