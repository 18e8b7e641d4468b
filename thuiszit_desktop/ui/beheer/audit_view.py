"""The audit log for the zorgcoördinator: who viewed, changed, printed or exported which dossier, and when.

Filters on user, student and dates; "Controleren" walks the hash chain off the GUI thread and says plainly
whether the log is intact. Student names are looked up by the service when shown; the log stores ids.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.audit import Controle
from ...domain.errors import InvoerFout
from ...services.session import Services
from ..common import errors, theme
from ..common.widgets import ErrorLabel, OptionalDateEdit, fit_to_screen, hint
from ..common.worker import Loader
from ..common.zoeken import ZoekCompleter
from ..models.audit_model import AuditModel

MAX_REGELS = 5000  # the newest; the filters narrow it down further


class AuditDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Auditlog")
        fit_to_screen(self, 900, 560)
        self.loader = Loader(services, self)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)
        self.loader.crashed.connect(self._crashed)  # and to the error dialog
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Wie welke gegevens bekeek, wijzigde, afdrukte of exporteerde, en wanneer. "
                              "Het log kan niet worden aangepast; met Controleren ziet u of dat zo gebleven is."))

        filters = QHBoxLayout()
        self.gebruiker = QComboBox()
        self.gebruiker.addItem("Iedereen", None)
        for naam in services.audit.gebruikers():
            self.gebruiker.addItem(naam, naam)
        self.leerling = QComboBox()
        self.leerling.setEditable(True)
        self.leerling.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.leerling.lineEdit().setPlaceholderText("Alle leerlingen")
        self.leerling.addItem("", None)
        for rij in services.leerlingen.lijst():
            self.leerling.addItem(f"{rij.naam} ({rij.leerlingnummer})", rij.leerlingnummer)
        self.leerling.setCompleter(ZoekCompleter(self.leerling.model(), self.leerling))
        self.van = OptionalDateEdit()
        self.tot = OptionalDateEdit()
        self.zoek_knop = QPushButton("Toon")
        self.zoek_knop.setDefault(True)
        self.zoek_knop.clicked.connect(self.refresh)
        for label, widget in (("Gebruiker", self.gebruiker), ("Leerling", self.leerling), ("Van", self.van),
                              ("Tot en met", self.tot)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 2 if widget is self.leerling else 0)
        filters.addWidget(self.zoek_knop)
        layout.addLayout(filters)
        self.fout = ErrorLabel()
        layout.addWidget(self.fout)

        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.aantal = QLabel()
        layout.addWidget(self.aantal)

        onder = QHBoxLayout()
        self.controleer_knop = QPushButton("Controleren")
        self.controleer_knop.setToolTip("Controleer of er buiten het programma om iets in het log is veranderd")
        self.controleer_knop.clicked.connect(self.controleren)
        self.uitslag = QLabel()
        self.uitslag.setWordWrap(True)
        # After a reported problem: record it in the log and take the log as it is now as the new reference.
        self.verzegel_knop = QPushButton("Verzegelen…")
        self.verzegel_knop.setToolTip("Leg vast wat er is gevonden en vergelijk voortaan met het log zoals het "
                                      "nu is")
        self.verzegel_knop.clicked.connect(self.verzegelen)
        onder.addWidget(self.controleer_knop)
        onder.addWidget(self.uitslag, 1)
        onder.addWidget(self.verzegel_knop)
        buttons = QDialogButtonBox()
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        onder.addWidget(buttons)
        layout.addLayout(onder)
        self.refresh()
        bij_start = getattr(self.services.audit, "uitslag", None)
        self.verzegel_knop.setVisible(bij_start is not None and not bij_start.ok)
        if bij_start is not None and not bij_start.ok:
            self._toon(bij_start)

    def _leerlingnummer(self) -> str | None:
        """The chosen student: from the list, or a leerlingnummer typed in."""
        tekst = self.leerling.currentText().strip()
        if not tekst:
            return None
        i = self.leerling.findText(tekst)
        return self.leerling.itemData(i) if i >= 0 else tekst

    def refresh(self) -> None:
        self.fout.set_error("")
        try:
            rijen = self.services.audit.lijst(gebruiker=self.gebruiker.currentData(),
                                              leerlingnummer=self._leerlingnummer(), van=self.van.value(),
                                              tot=self.tot.value(), limiet=MAX_REGELS)
        except errors.GebruikersFout as exc:
            self.fout.set_error("\n".join(exc.fouten.values()) if isinstance(exc, InvoerFout) else str(exc))
            return
        self.model.set_rijen(rijen)
        meer = " (de nieuwste; kies filters om verder te zoeken)" if len(rijen) == MAX_REGELS else ""
        self.aantal.setText(f"{len(rijen)} regels{meer}." if rijen else "Geen regels met deze filters.")

    def controleren(self) -> None:
        self.controleer_knop.setEnabled(False)
        self.uitslag.setText("Bezig met controleren…")
        self.loader.start(lambda _progress: self.services.audit.controleren())

    def _finished(self, uitslag: Controle) -> None:
        self.controleer_knop.setEnabled(True)
        self.verzegel_knop.setVisible(not uitslag.ok)
        self._toon(uitslag)

    def _toon(self, uitslag: Controle) -> None:
        theme.style(self.uitslag, "color: {success}; font-weight: bold;" if uitslag.ok
                    else "color: {danger}; font-weight: bold;")
        self.uitslag.setText(("✔ " if uitslag.ok else "✘ ") + uitslag.melding)

    def verzegelen(self) -> None:
        if not errors.ask(self, "Het auditlog verzegelen zoals het nu is?",
                          detail="Doe dit pas als u heeft uitgezocht wat er is gebeurd. Wat er gevonden is, komt "
                                 "als regel in het log; daarna wordt bij elke start met het log van nu vergeleken.",
                          yes="Verzegelen", no="Annuleren"):
            return
        try:
            self.services.audit.verzegelen()
        except errors.GebruikersFout as exc:
            self.uitslag.setText(str(exc))
            return
        self.verzegel_knop.hide()
        self.refresh()
        self._toon(Controle(True, len(self.model.rijen)))
        self.uitslag.setText("✔ Het auditlog is verzegeld; wat er gevonden was, staat erin als regel.")

    def _failed(self, melding: str) -> None:
        self.controleer_knop.setEnabled(True)
        self.uitslag.setText(melding)

    def _crashed(self, _exc: BaseException) -> None:
        self.controleer_knop.setEnabled(True)
        self.uitslag.clear()
