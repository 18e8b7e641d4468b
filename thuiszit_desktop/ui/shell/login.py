"""Logging in: name and password, for one database file or for the shared school database on a server."""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DatabaseFout, DatabaseOnleesbaar, InlogFout
from ...services import session
from ...services.lezersoverzicht import Lezersessie
from ...services.session import Services
from ..common import bestanden, errors
from ..common.bestanden import bestand_openen
from ..common.widgets import ErrorLabel, Wachttijd, heading, hint, link_label
from .onthouden import laatste_naam, onthoud_naam

log = logging.getLogger(__name__)


def hoofdvenster_laden() -> None:
    """The main window's modules, imported while the keys are derived from the password (services.session.login's
    `intussen`): the 0.1 s of scrypt run in a thread of their own without Python's lock, so the window after the
    login no longer waits for these imports, nor the login dialog before it (issue 16)."""
    from . import main_window  # noqa: F401


class LoginOutcome(Enum):
    LOGGED_IN = "logged in"
    CANCELLED = "cancelled"
    PROBLEM = "problem"  # the database could not be opened: `problem` says why
    FILE = "file"  # on the server's login: "Eén laptop" – open the database file on this computer instead


class LoginDialog(QDialog):
    """After `exec()`: `outcome`, and `services` when logged in or `problem` (a DatabaseFout)."""

    def __init__(self, path: Path | None, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 school: str = "", server: dict[str, str] | None = None):
        super().__init__(parent)
        self.path = path
        self.server = server  # the remembered school database (onthouden.laatste_server), instead of `path`
        self.settings = settings if settings is not None else QSettings()
        self.services: Services | Lezersessie | None = None
        self.problem: DatabaseFout | None = None
        self.outcome = LoginOutcome.CANCELLED
        self.setWindowTitle("Inloggen – Thuiszit Desktop")
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading("Welkom terug"))
        self.intro = intro = QLabel(f"Log in om het dossier van {school} te openen." if school
                       else "Log in met uw eigen naam en wachtwoord.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.naam = QLineEdit()
        self.naam.setPlaceholderText("bijvoorbeeld Anna de Vries")
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Naam:", self.naam)
        form.addRow("Wachtwoord:", self.wachtwoord)
        layout.addLayout(form)

        self.error = ErrorLabel()
        layout.addWidget(self.error)

        if server is not None:
            from .verbinding_dialog import beschrijving

            where = hint(f"Schooldatabase: {beschrijving(server)}")
            self.other_link = link_label("Verbinding wijzigen…", self.change_connection)
            self.file_link = link_label("Eén laptop: het databasebestand op deze computer openen…",
                                        self.choose_file_mode)
        else:
            where = hint(f"Database: {path}")
            where.setToolTip(str(path))
            self.other_link = link_label("Ander bestand…", self.choose_other_file)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label = where
        layout.addWidget(where)
        layout.addWidget(self.other_link)
        if server is not None:
            layout.addWidget(self.file_link)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText("Inloggen")
        self.login_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Afsluiten")
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # Wrong passwords in a row slow further attempts down (the same rule as the lock screen).
        self.wachttijd = Wachttijd("een verkeerde naam of wachtwoord", self)
        self.wachttijd.bericht.connect(self.error.set_error)
        self.wachttijd.voorbij.connect(self._opnieuw)

        self.loader = None  # the server's login runs in the background (a server may be slow to answer)
        self._afgebroken = False
        self._vul_naam()

    def _vul_naam(self) -> None:
        """The name last used with this database, or an empty field."""
        last = self.server.get("naam", "") if self.server is not None else laatste_naam(self.settings, self.path)
        self.naam.setText(last)
        (self.wachtwoord if last else self.naam).setFocus()

    def try_login(self) -> bool:
        """Enter or "Inloggen": open the database with this name and password."""
        naam, wachtwoord = self.naam.text(), self.wachtwoord.text()
        if not naam.strip():
            self._fail("Vul uw naam in.", self.naam)
            return False
        if not wachtwoord:
            self._fail("Vul uw wachtwoord in.", self.wachtwoord)
            return False
        if self.server is not None:
            self._server_login(naam, wachtwoord)
            return False  # logged in when the server has answered
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # alleen-lezen: only the overview; the check of every page runs after the window's first paint
            services = session.aanmelden(self.path, naam, wachtwoord, controle_later=True,
                                         intussen=hoofdvenster_laden)
        except InlogFout as exc:
            log.info("login refused")
            self._fail(str(exc), self.wachtwoord)
            if self.wachttijd.fout(exc.mislukt, exc.wachten):
                self.login_button.setEnabled(False)
                self.wachtwoord.setEnabled(False)
            return False
        except (DatabaseFout, OSError) as exc:  # OSError: a folder or file we may not read
            log.warning("database could not be opened: %s", type(exc).__name__)
            self.problem = exc if isinstance(exc, DatabaseFout) else DatabaseOnleesbaar(exc.strerror or "")
            self.outcome = LoginOutcome.PROBLEM
            self.done(QDialog.DialogCode.Rejected)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.services = services
        self.outcome = LoginOutcome.LOGGED_IN
        onthoud_naam(self.settings, self.path, services.gebruiker.naam)
        self.accept()
        return True

    def _server_login(self, naam: str, wachtwoord: str) -> None:
        from ..common.worker import Loader
        from .verbinding_dialog import adres_uit, inloggen_op_server

        if self.loader is None:
            self.loader = Loader(None, self)
            self.loader.finished.connect(self._server_logged_in)
            self.loader.failed.connect(self._server_failed)
            self.loader.crashed.connect(lambda _exc: self._server_failed("Er ging iets mis bij het inloggen."))
        naam = " ".join(naam.split())  # the spelling of the key slot
        adres = adres_uit(self.server, naam)
        self.login_button.setEnabled(False)
        self.error.set_error("")
        self.intro.setText("Bezig met inloggen op de schooldatabase…")
        self.loader.start(lambda _p: inloggen_op_server(adres, naam, wachtwoord))

    def _server_logged_in(self, services) -> None:
        if self._afgebroken:  # closed while the server answered
            services.close()
            return
        self.services = services
        self.outcome = LoginOutcome.LOGGED_IN
        self.server = {**self.server, "naam": services.gebruiker.naam}
        self.accept()

    def _server_failed(self, melding: str) -> None:
        """A wrong name or password, or what to fix about the connection (the server says which)."""
        self.login_button.setEnabled(True)
        self.intro.setText("Log in met uw eigen naam en wachtwoord.")
        self._fail(melding, self.wachtwoord)

    def change_connection(self) -> None:
        """"Verbinding wijzigen…": the connection dialog; logging in there logs in here."""
        from .verbinding_dialog import VerbindingDialog

        dialog = VerbindingDialog(self, velden={**self.server, "naam": self.naam.text() or self.server.get("naam", "")})
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.services is not None:
            self.services, self.server = dialog.services, dialog.velden
            self.outcome = LoginOutcome.LOGGED_IN
            self.accept()

    def reject(self) -> None:
        self._afgebroken = self.loader is not None and self.loader.busy
        super().reject()

    def choose_file_mode(self) -> None:
        self.outcome = LoginOutcome.FILE
        self.done(QDialog.DialogCode.Rejected)

    def _fail(self, message: str, focus: QLineEdit) -> None:
        self.error.set_error(message)
        self.wachtwoord.clear()
        focus.setFocus()

    def _opnieuw(self) -> None:
        self.error.set_error("Probeer het opnieuw.")
        self.login_button.setEnabled(True)
        self.wachtwoord.setEnabled(True)
        self.wachtwoord.setFocus()

    def choose_other_file(self) -> None:
        """"Ander bestand…": open another database file (the file dialog is `choose_database_file`)."""
        path = choose_database_file(self, self.path.parent)
        if path is None:
            return
        self.path = path
        self.path_label.setText(f"Database: {path}")
        self.path_label.setToolTip(str(path))
        self.intro.setText("Log in met uw eigen naam en wachtwoord.")
        self.error.set_error("")
        self.wachtwoord.clear()
        self._vul_naam()


def choose_database_file(parent: QWidget | None, start: Path | None = None) -> Path | None:
    """A file dialog for a Thuiszit database (*.db); None when cancelled or its key file is missing."""
    path = bestand_openen(parent, "Database kiezen", "Thuiszit-database (*.db);;Alle bestanden (*)",
                          bestanden.DATABASE, start=start)
    if path is None:
        return None
    keys = path.with_suffix(".sleutels")
    if not keys.exists():
        errors.show_error(parent, f"Naast dit bestand staat geen sleutelbestand ({keys.name}). Zonder dat "
                                  "bestand kan de database niet open. Kopieer de database altijd samen met "
                                  "het .sleutels-bestand ernaast.")
        return None
    return path

