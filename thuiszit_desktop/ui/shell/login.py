"""Logging in: name and password, for one database file."""

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

class LoginOutcome(Enum):
    LOGGED_IN = "logged in"
    CANCELLED = "cancelled"
    PROBLEM = "problem"  # the database could not be opened: `problem` says why


class LoginDialog(QDialog):
    """After `exec()`: `outcome`, and `services` when logged in or `problem` (a DatabaseFout)."""

    def __init__(self, path: Path, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 school: str = ""):
        super().__init__(parent)
        self.path = path
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

        where = hint(f"Database: {path}")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setToolTip(str(path))
        self.path_label = where
        layout.addWidget(where)
        self.other_link = link_label("Ander bestand…", self.choose_other_file)
        layout.addWidget(self.other_link)

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

        self._vul_naam()

    def _vul_naam(self) -> None:
        """The name last used with this database, or an empty field."""
        last = laatste_naam(self.settings, self.path)
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
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # alleen-lezen: only the overview; the check of every page runs after the window's first paint
            services = session.aanmelden(self.path, naam, wachtwoord, controle_later=True)
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

