"""Instellingen › Opslag (issue 18): where the school's data is – one encrypted file on this laptop, or the shared
school database on a server – and switching between them: the whole database moved to an empty school database
(all or nothing), back into a new file, or another school database chosen.

Every switch ends this session: the window closes (`gewisseld`) and the next login is on the new store, with
what is remembered (ui/shell/onthouden.py) – never a password."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.session import Services
from ..common import bestanden, errors
from ..common.form import FormDialog
from ..common.widgets import heading, hint
from ..common.worker import Loader
from ..shell import onthouden
from ..shell.onthouden import SETTING_LAST_DATABASE
from ..shell.verbinding_dialog import VerbindingDialog, beschrijving


def _aantallen(aantallen: dict[str, int]) -> str:
    return (f"{aantallen.get('leerling', 0)} leerlingen, {aantallen.get('verzuim', 0)} verzuimregels, "
            f"{aantallen.get('audit_regel', 0)} regels auditlog")


class OpslagTab(QWidget):
    """Acts at once (each switch is one transaction of its own); `gewisseld` once the store was switched: the
    session ends and the next login is on the new one."""

    gewisseld = Signal(str)  # what the user was told

    def __init__(self, services: Services, settings: QSettings | None = None, parent: QWidget | None = None, *,
                 mag_wisselen: Callable[[], bool] = lambda: True):
        super().__init__(parent)
        self.services = services
        self.mag_wisselen = mag_wisselen  # asked before a switch (which ends the session)
        self.settings = settings if settings is not None else QSettings()
        store = services.ctx.store
        self.op_server = store.op_server
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Waar de gegevens staan", 1.5))
        if self.op_server:
            adres = store.adres
            velden = {"host": adres.host, "poort": str(adres.poort), "database": adres.database,
                      "sslmode": adres.sslmode}
            self.huidig = hint(f"Gedeelde schooldatabase: {beschrijving(velden)}. U bent daar ingelogd als "
                               f"'{adres.gebruiker}'. Mentoren en collega's werken er op hun eigen laptop in.")
        else:
            self.huidig = hint(f"Eén laptop: alles staat in één versleuteld bestand op deze computer "
                               f"({services.database_path}).")
        self.huidig.setObjectName("opslag_huidig")
        layout.addWidget(self.huidig)
        layout.addSpacing(8)

        self.naar_server = QPushButton("Overzetten naar schooldatabase…")
        self.naar_server.clicked.connect(self.overzetten_naar_server)
        self.terug = QPushButton("Terug naar één laptop…")
        self.terug.clicked.connect(self.terug_naar_bestand)
        self.kiezen = QPushButton("Andere schooldatabase kiezen…" if self.op_server
                                  else "Verbinden met een bestaande schooldatabase…")
        self.kiezen.clicked.connect(self.andere_kiezen)
        uitleg = {
            self.naar_server: "Zet de hele database over naar een lege database op de server van school (die de ICT "
                              "klaarzet). Alles of niets; het bestand hier blijft bewaard.",
            self.terug: "Zet de schooldatabase over naar een nieuw versleuteld bestand op deze computer. Alles of "
                        "niets; de database op de server blijft zoals hij is.",
            self.kiezen: "Werk voortaan in een andere schooldatabase, die de ICT al heeft ingericht. Er wordt niets "
                         "overgezet.",
        }
        for knop in ((self.terug, self.kiezen) if self.op_server else (self.naar_server, self.kiezen)):
            rij = QHBoxLayout()
            rij.addWidget(knop)
            rij.addStretch(1)
            layout.addLayout(rij)
            layout.addWidget(hint(uitleg[knop]))
            layout.addSpacing(6)
        self.naar_server.setVisible(not self.op_server)
        self.terug.setVisible(self.op_server)
        layout.addStretch(1)

    def _velden(self) -> dict[str, str]:
        return {**onthouden.server_velden(self.settings), "naam": self.services.gebruiker.naam}

    def overzetten_naar_server(self) -> None:
        if not self.mag_wisselen():
            return
        dialog = OverzettenDialog(self.services, self, velden=self._velden())
        if dialog.exec() != OverzettenDialog.DialogCode.Accepted:
            return
        onthouden.onthoud_server(self.settings, {**dialog.velden, "school": self.services.school.get().naam})
        self._klaar(f"De schooldatabase staat nu op de server ({_aantallen(dialog.waarde)}); het auditlog is "
                    "gecontroleerd.\n\nWat nu:\n"
                    "• U logt straks in op de schooldatabase, met uw naam en hetzelfde wachtwoord.\n"
                    "• De andere gebruikers hebben daar nog geen login: geef ze in Bestand › Gebruikers een nieuw "
                    "wachtwoord. Zij kiezen bij de eerste start 'Gedeelde schooldatabase' en vullen in: server "
                    f"{dialog.velden['host']}, poort {dialog.velden['poort']}, database {dialog.velden['database']}"
                    " en het CA-certificaat van de school.\n"
                    "• Het bestand op deze computer is niet veranderd. Bewaar het (met het sleutelbestand) voor de weg "
                    "terug, maar werk er niet meer in.")

    def terug_naar_bestand(self) -> None:
        if not self.mag_wisselen():
            return
        dialog = TerugDialog(self.services, self)
        if dialog.exec() != TerugDialog.DialogCode.Accepted:
            return
        onthouden.vergeet_server(self.settings)
        self.settings.setValue(SETTING_LAST_DATABASE, str(dialog.pad))
        onthouden.onthoud_naam(self.settings, dialog.pad, self.services.gebruiker.naam)
        self._klaar(f"De schooldatabase staat nu in een versleuteld bestand in {dialog.pad.parent} "
                    f"({_aantallen(dialog.value)}); het auditlog is gecontroleerd.\n\nWat nu:\n"
                    "• U logt straks in op dat bestand, met uw naam en uw wachtwoord van de server.\n"
                    "• Alleen u kunt er nog in: geef de andere gebruikers in Bestand › Gebruikers een nieuw "
                    "wachtwoord; zij werken voortaan op deze computer.\n"
                    "• De database op de server is niet veranderd: vraag de ICT hem weg te halen als alles in orde "
                    "is.")

    def andere_kiezen(self) -> None:
        if not self.mag_wisselen():
            return
        dialog = VerbindingDialog(self, velden=self._velden(), inloggen=False,
                                  titel="Andere schooldatabase kiezen")
        if dialog.exec() != VerbindingDialog.DialogCode.Accepted:
            return
        onthouden.onthoud_server(self.settings, {**dialog.velden, "school": dialog.waarde})
        self._klaar(f"Het programma werkt voortaan met de schooldatabase van {dialog.waarde} "
                    f"({beschrijving(dialog.velden)}). Log opnieuw in.")

    def _klaar(self, tekst: str) -> None:
        errors.show_info(self, tekst, title="Opslag gewijzigd")
        self.gewisseld.emit(tekst)


class OverzettenDialog(VerbindingDialog):
    """The empty school database the ICT made ready, its owner, and the zorgcoördinator's own password again (it
    becomes their password on the server); "Overzetten" moves everything in one transaction."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, velden: dict[str, str] | None = None):
        self.services_hier = services
        super().__init__(parent, velden=velden, inloggen=False, titel="Overzetten naar de schooldatabase")
        self.save_button.setText("Overzetten")
        self.add_above(hint("De hele database gaat in één keer naar een lege database op de server; lukt er iets "
                            "niet, dan is er niets veranderd. Uw wachtwoord hieronder wordt ook uw wachtwoord op de "
                            "server."))
        self.loader.services = services  # the move reads the file on the worker thread: its connection closed after
        self.naam.setText(services.gebruiker.naam)
        self.naam.setReadOnly(True)
        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)  # one transaction: how far it is cannot be told, only that it runs
        self.voortgang.hide()
        self.form.addRow(self.voortgang)
        self._initial = self._snapshot()

    def _extra_velden(self) -> None:
        self.eigenaar = QLineEdit()
        self.eigenaar.setPlaceholderText("de eigenaar van de lege database, van de ICT")
        self.eigenaar_ww = QLineEdit()
        self.eigenaar_ww.setEchoMode(QLineEdit.EchoMode.Password)
        self.field("Eigenaar:", "eigenaar", self.eigenaar)
        self.field("Wachtwoord eigenaar:", "eigenaar_ww", self.eigenaar_ww)

    def adres(self):
        adres = super().adres()  # (shows the server fields' errors)
        if not self.eigenaar.text().strip():
            self.field_errors.labels["eigenaar"].set_error("Vul de naam van de eigenaar in (de ICT weet hem).")
            adres = None
        if not self.eigenaar_ww.text():
            self.field_errors.labels["eigenaar_ww"].set_error("Vul het wachtwoord van de eigenaar in.")
            adres = None
        return adres

    def _test(self, adres, naam: str, wachtwoord: str):
        from ...services import schoolserver

        eigenaar, eigenaar_ww = adres.als(self.eigenaar.text().strip()), self.eigenaar_ww.text()
        return lambda _p: schoolserver.lege_database_testen(eigenaar, eigenaar_ww)

    def _gelukt(self, uitkomst) -> str:
        return f"✓ De verbinding werkt: database '{uitkomst}' is leeg en klaar om over te zetten."

    def _opdracht(self, adres, naam: str, wachtwoord: str):
        from ...services import schoolserver

        services, dsn, eigenaar_ww = self.services_hier, adres.als(self.eigenaar.text().strip()).dsn, \
            self.eigenaar_ww.text()
        return lambda _p: schoolserver.overzetten_naar_server(services, wachtwoord, dsn, eigenaar_ww)

    def _bezig(self, bezig: bool) -> None:
        super()._bezig(bezig)
        if hasattr(self, "voortgang"):
            self.voortgang.setVisible(bezig and self._doel == "kiezen")


class TerugDialog(FormDialog):
    """The way back to one laptop: the owner of the server's database (the move reads it as a whole), the
    zorgcoördinator's own password again (it becomes their password in the file) and an empty folder."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("Terug naar één laptop", parent, save_text="Overzetten")
        self.services = services
        self.pad: Path | None = None
        self.add_above(hint("De hele schooldatabase gaat naar een nieuw versleuteld bestand op deze computer. Daarna "
                            "werkt alleen u er nog in; de anderen krijgen van u een nieuw wachtwoord."))
        self.eigenaar = QLineEdit()
        self.eigenaar.setPlaceholderText("de eigenaar van de database, van de ICT")
        self.eigenaar_ww = QLineEdit()
        self.eigenaar_ww.setEchoMode(QLineEdit.EchoMode.Password)
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        self.map = QLineEdit()
        self.map.setPlaceholderText("een lege map op deze computer")
        bladeren = QPushButton("Bladeren…")
        bladeren.clicked.connect(self.kies_map)
        map_rij = QWidget()
        rij = QHBoxLayout(map_rij)
        rij.setContentsMargins(0, 0, 0, 0)
        rij.addWidget(self.map, 1)
        rij.addWidget(bladeren)
        map_rij.setFocusProxy(self.map)
        self.field("Eigenaar:", "eigenaar", self.eigenaar)
        self.field("Wachtwoord eigenaar:", "eigenaar_ww", self.eigenaar_ww)
        self.field("Uw wachtwoord:", "wachtwoord", self.wachtwoord,
                   hint("Hiermee opent u straks het bestand."))
        self.field("Map:", "map", map_rij)
        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)
        self.voortgang.hide()
        self.form.addRow(self.voortgang)
        self.loader = Loader(services, self)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)
        self.loader.crashed.connect(lambda _exc: self._failed("Er ging iets mis bij het overzetten; er is niets "
                                                              "gemaakt."))
        self.finish(560)

    def _snapshot(self):
        return (self.eigenaar.text(), self.map.text())

    def kies_map(self) -> None:
        gekozen = bestanden.map_kiezen(self, "Map voor het databasebestand kiezen", bestanden.DATABASE)
        if gekozen is not None:
            self.map.setText(str(gekozen))

    def save(self) -> bool:
        from ...services import schoolserver, session

        fouten = {}
        if not self.eigenaar.text().strip():
            fouten["eigenaar"] = "Vul de naam van de eigenaar in (de ICT weet hem)."
        if not self.eigenaar_ww.text():
            fouten["eigenaar_ww"] = "Vul het wachtwoord van de eigenaar in."
        if not self.wachtwoord.text():
            fouten["wachtwoord"] = "Vul uw wachtwoord in."
        map_ = Path(self.map.text().strip()).expanduser() if self.map.text().strip() else None
        if map_ is None or not map_.is_absolute():
            fouten["map"] = "Kies een map op deze computer (met 'Bladeren…')."
        if fouten:
            self.field_errors.show(fouten)
            return False
        self.field_errors.clear()
        self.pad = session.database_path(map_)
        services, wachtwoord, eigenaar, eigenaar_ww, pad = (self.services, self.wachtwoord.text(),
                                                            self.eigenaar.text(), self.eigenaar_ww.text(), self.pad)
        self.save_button.setEnabled(False)
        self.voortgang.show()
        self.loader.start(lambda _p: schoolserver.overzetten_naar_bestand(services, wachtwoord, eigenaar,
                                                                          eigenaar_ww, pad))
        return False

    def _finished(self, aantallen) -> None:
        self.voortgang.hide()
        self.save_button.setEnabled(True)
        self.value = aantallen
        self._initial = self._snapshot()
        self.accept()

    def _failed(self, melding: str) -> None:
        self.voortgang.hide()
        self.save_button.setEnabled(True)
        self.general_error.set_error(melding)
        if "wachtwoord" in melding.lower():
            self.wachtwoord.clear()

    def reject(self) -> None:
        if self.loader.busy:  # one transaction under way: it ends by itself, all or nothing
            return
        super().reject()
