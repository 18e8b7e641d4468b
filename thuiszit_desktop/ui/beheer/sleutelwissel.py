"""Revoking in the GUI: the key rotation runs in a worker with a progress bar (the window never freezes), and
afterwards the zorgcoördinator chooses what happens to the older backups, which still open with the old keys
(and old passwords): re-encrypt them with the new keys, remove them, or leave them (services/sleutels.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ...services.gebruikers import GebruikerRij
from ...services.session import Services
from ..common import errors
from ..common.widgets import ErrorLabel, heading, hint
from ..common.worker import Loader

ONVERWACHTE_FOUT = "Dat lukte niet: er ging iets mis in het programma. Er is niets veranderd."


class SleutelwisselDialog(QDialog):
    """Runs `werk(voortgang)` – a revoke that rotates the keys – and then offers what to do with older backups.
    After `exec()`: `resultaat` (the changed user) or None when it failed. `afgerond` fires when a step ends."""

    afgerond = Signal()

    def __init__(self, services: Services, naam: str, werk: Callable[[Callable[[int, int], None]], GebruikerRij],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.werk = werk
        self.resultaat: GebruikerRij | None = None
        self.setWindowTitle("Sleutels vernieuwen")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Sleutels vernieuwen"))
        self.uitleg = hint(f"De database en de vertrouwelijke gegevens krijgen nieuwe sleutels. Zo komt {naam} er "
                           "ook met een oude kopie van het sleutelbestand niet meer in. De andere gebruikers houden "
                           "hun wachtwoord.")
        layout.addWidget(self.uitleg)
        self.balk = QProgressBar()
        self.balk.setRange(0, 0)
        layout.addWidget(self.balk)
        self.fout = ErrorLabel()
        layout.addWidget(self.fout)
        knoppen = QHBoxLayout()
        knoppen.addStretch(1)
        self.herversleutel_knop = QPushButton("Back-ups &opnieuw versleutelen")
        self.verwijder_knop = QPushButton("Back-ups &verwijderen…")
        self.sluit_knop = QPushButton("&Laten staan")
        for knop in (self.herversleutel_knop, self.verwijder_knop, self.sluit_knop):
            knop.setVisible(False)
            knoppen.addWidget(knop)
        layout.addLayout(knoppen)
        self.herversleutel_knop.clicked.connect(self.herversleutelen)
        self.verwijder_knop.clicked.connect(self.verwijderen)
        self.sluit_knop.clicked.connect(self.accept)
        self.resize(560, self.sizeHint().height())
        # the revoke itself, and afterwards re-encrypting the older backups
        self.loader = Loader(services, self, crash_message=ONVERWACHTE_FOUT)
        self.loader.finished.connect(self._finished)
        self.backups_loader = Loader(services, self, crash_message=ONVERWACHTE_FOUT)
        self.backups_loader.finished.connect(self._backups_klaar)
        for loader in (self.loader, self.backups_loader):
            loader.progress.connect(self._progress)
            loader.failed.connect(self._failed)

    def start(self) -> None:
        # The GUI thread lets go of its connection first: the worker swaps the database file.
        self.services.end_thread()
        self.loader.start(self.werk)

    def exec(self) -> int:
        self.start()
        return super().exec()

    def done(self, code: int) -> None:
        if self.resultaat is not None and self.resultaat.rotatie is not None:
            self.resultaat.rotatie.vergeet()
        super().done(code)

    def _progress(self, gedaan: int, totaal: int) -> None:
        self.balk.setRange(0, max(totaal, 1))
        self.balk.setValue(gedaan)

    def _finished(self, rij: GebruikerRij) -> None:
        self.resultaat = rij
        rotatie = rij.rotatie
        self.balk.setRange(0, 1)
        self.balk.setValue(1)
        tekst = "De sleutels zijn vernieuwd."
        if rotatie is not None and rotatie.zonder_sleutel:
            tekst += (" Deze gebruikers hebben een sleutel van een oudere versie en hebben nu een nieuw wachtwoord "
                      "nodig (Wachtwoord resetten): " + ", ".join(rotatie.zonder_sleutel) + ".")
        oud = len(rotatie.oude_backups) if rotatie is not None else 0
        if oud:
            tekst += (f" Er {'zijn' if oud > 1 else 'is'} nog {oud} oudere back-up{'s' if oud > 1 else ''}. Die "
                      "gaan nog open met de oude sleutels en wachtwoorden, ook dat van wie net is uitgeschakeld. "
                      "Versleutel ze opnieuw met de nieuwe sleutels, of verwijder ze.")
            for knop in (self.herversleutel_knop, self.verwijder_knop, self.sluit_knop):
                knop.setVisible(True)
            self.herversleutel_knop.setDefault(True)
        else:
            self.sluit_knop.setText("&Sluiten")
            self.sluit_knop.setVisible(True)
        self.uitleg.setText(tekst)
        self.afgerond.emit()

    def herversleutelen(self) -> None:
        rotatie = self.resultaat.rotatie
        for knop in (self.herversleutel_knop, self.verwijder_knop, self.sluit_knop):
            knop.setEnabled(False)
        self.uitleg.setText("De oudere back-ups worden opnieuw versleuteld…")
        self.backups_loader.start(lambda voortgang: rotatie.backups_herversleutelen(voortgang))

    def verwijderen(self) -> None:
        rotatie = self.resultaat.rotatie
        n = len(rotatie.oude_backups)
        if not errors.ask(self, f"{n} oudere back-up{'s' if n > 1 else ''} verwijderen?",
                          detail="Daarna kunt u niet meer terug naar de gegevens van vóór nu. De back-up die "
                                 "hierna wordt gemaakt, gebruikt de nieuwe sleutels.",
                          yes="Verwijderen", no="Niet verwijderen"):
            return
        weg = rotatie.backups_verwijderen()
        self._backups_klaar(weg, "verwijderd")

    def _backups_klaar(self, aantal: int, wat: str = "opnieuw versleuteld") -> None:
        self.uitleg.setText(f"Klaar: {aantal} oudere back-up{'s' if aantal != 1 else ''} {wat}. Een oude kopie van "
                            "het sleutelbestand opent ze niet meer.")
        for knop in (self.herversleutel_knop, self.verwijder_knop):
            knop.setVisible(False)
        self.sluit_knop.setText("&Sluiten")
        self.sluit_knop.setEnabled(True)
        self.sluit_knop.setVisible(True)
        self.afgerond.emit()

    def _failed(self, melding: str) -> None:
        self.balk.setRange(0, 1)
        self.balk.setValue(0)
        self.fout.set_error(melding)
        self.sluit_knop.setText("&Sluiten")
        self.sluit_knop.setEnabled(True)
        self.sluit_knop.setVisible(True)
        self.afgerond.emit()
