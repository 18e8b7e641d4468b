"""Starting the GUI: the QApplication in Dutch, then the welcome wizard or login, then the main window.

`StartupFlow` decides what the user sees before the main window and talks to them only through the
dialogs and the helpers in `errors` and `login.choose_database_file`, so tests can drive it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ... import paths
from ...domain import formaat
from ...domain.errors import (
    AlleenLezen,
    DatabaseBezet,
    DatabaseFout,
    DatabaseInGebruik,
    DatabaseOnleesbaar,
    DatabaseTeNieuw,
    GeenToegang,
    SchijfVol,
)
from ...domain.gebruiker import Rol
from ...services import geheugen, session
from ...services.lezersoverzicht import Lezersessie
from ...services.session import Services
from . import eigen_wachtwoord
from .onthouden import SETTING_LAST_DATABASE

if TYPE_CHECKING:  # (the backups are needed to restore one, not to start)
    from ...services.backups import BackupInfo

log = logging.getLogger(__name__)

ORGANISATION = "Thuiszit"
SETTING_LAST_SCHOOL = "database/school"
SETTING_BACKUP_MAP = "backups/map"


def create_application(argv: list[str] | None = None):
    """The QApplication (or the existing one) with name, Dutch translation and Dutch locale."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..common.worker import een_malloc_arena

    een_malloc_arena()  # before Qt starts threads: their freed memory stays usable by the rest (issue 16)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setWindowIcon(QIcon(str(paths.resource("icons", "thuiszit.svg"))))
    from ..common import toegankelijk

    toegankelijk.installeer(app)  # form fields get their label's name, for screen readers
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    from ..common.theme import apply_theme

    apply_theme(app)  # Fusion with the light or dark palette of the system, following it when it changes

    geheugen.minder_pauzes()  # background work must not hold up the window (issue 16)
    if app.findChild(QTranslator, "qtbase_nl") is None:
        translator = QTranslator(app)
        translator.setObjectName("qtbase_nl")
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_nl", folder):
            app.installTranslator(translator)
        else:
            log.warning("Qt's Dutch translation (qtbase_nl.qm) not found in %s", folder)
    return app


def run_gui(data_dir: Path | None, smoke_test: bool = False, server: dict[str, str] | None = None) -> int:
    """`server`: the school database of `--server DSN` (verbinding_dialog.velden_uit) instead of the one
    remembered."""
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    if smoke_test:
        from .smoke_test import run_smoke_test

        geheugen.na_de_start()
        return run_smoke_test(app)

    from ..common import errors

    errors.install_excepthook()
    path: Path | None = None
    while True:  # "Afmelden" on the lock screen closes the window and shows the login again
        app.setQuitOnLastWindowClosed(False)  # the dialogs before the main window must not end the app
        flow = StartupFlow(data_dir or paths.data_dir(), server=server)
        services = flow.run(path)
        path = None
        inlog, flow.inlog = flow.inlog, None
        if services is None:
            return 0
        if isinstance(services, Lezersessie):  # alleen-lezen: the overview of counts, no database
            from .lezer_window import LezerWindow

            window = LezerWindow(services)
        else:
            from .main_window import MainWindow  # (imported at the login already: login.hoofdvenster_laden)

            window = MainWindow(services)
        window.show()
        geheugen.na_de_start()  # the first screen is built: the collector on again, what the start made frozen
        window.raise_()
        window.activateWindow()  # the login dialog had the focus; give it to the window
        if not isinstance(services, Lezersessie):
            meld_auditlog(window, services)
            controle_na_eerste_paint(window, services, inlog)
        for waarschuwing in getattr(services, "waarschuwingen", ()):  # e.g. gebruiker rows changed outside
            errors.show_error(window, waarschuwing)
        app.setQuitOnLastWindowClosed(True)
        try:
            code = app.exec()
        finally:
            window.close_services()
        if (schade := getattr(window, "schade", None)) is not None:  # the way out a damaged file has at login
            fout, inlog = schade
            path = flow.database_problem(fout, services.database_path, inlog=inlog)
            if path is None:
                return 0
            window.deleteLater()
            continue
        if not window.afgemeld:
            return code
        window.deleteLater()


def controle_na_eerste_paint(window, services: Services, inlog: tuple[str, str] | None) -> None:
    """The check of every page that the login left for later (session.login(controle_later=True)), on a
    connection of its own once the window has been painted. When it finds damage the window closes (without
    its backup on close: nothing more is written into the file) and the start offers what a damaged file gets
    at login – the last good backup of this database, opened with the name and password just typed, which
    are kept for this only until the check has passed."""
    from ..common import worker

    if getattr(services.ctx.store, "controle", None) is None:  # checked at opening
        return
    bewaard = [inlog]

    def gevonden(_melding: str) -> None:
        fout = services.ctx.store.controle.fout
        if fout is None:  # (cancelled: no outcome)
            return
        log.warning("the check after login found a problem: %s", type(fout).__name__)
        window.schade = (fout, bewaard.pop())
        window.afgemeld = True
        window.close()

    loader = worker.Loader(None, window, report=False)
    loader.finished.connect(lambda _uit: bewaard.clear())  # passed: the password is not kept any longer
    loader.failed.connect(gevonden)
    loader.crashed.connect(lambda exc: log.warning("integrity check crashed: %s", type(exc).__name__))
    window._controle = loader

    def starten() -> None:
        loader.start(lambda _progress: services.controle())

    window.geschilderd.connect(starten)


def meld_auditlog(parent, services: Services) -> None:
    """What the check at every start found, when the audit trail is not in order (services/audit.py). A long
    log got the cheap check at the login; the whole chain is walked now, in the background."""
    from ..common import errors, worker

    uitslag = services.audit.uitslag
    if not uitslag.ok:
        errors.show_error(parent, _auditlog_tekst(services, uitslag), title="Auditlog niet in orde")
        return
    if getattr(services.audit, "volledig", True):
        return

    def klaar(nieuw) -> None:
        if not nieuw.ok:
            errors.show_error(parent, _auditlog_tekst(services, nieuw), title="Auditlog niet in orde")

    loader = worker.Loader(services, parent, report=False)  # a crash is logged, not shown: the start goes on
    loader.finished.connect(klaar)
    loader.crashed.connect(lambda exc: log.warning("audit check crashed: %s", type(exc).__name__))
    parent._auditcontrole = loader
    loader.start(lambda _progress: services.audit.bij_start(volledig=True))


def _auditlog_tekst(services: Services, uitslag) -> str:
    if services.gebruiker.rol == Rol.ZORGCOORDINATOR:
        wat = ("Zoek uit wat er is gebeurd: Bestand › Auditlog… (Controleren) en de back-ups. Daarna kunt u het "
               "log daar verzegelen; tot dan ziet u deze melding bij elke start.")
    else:
        wat = "Meld dit aan de zorgcoördinator."
    return f"{uitslag.melding}\n\n{wat}"


class StartupFlow:
    """Welcome wizard when there is no database, otherwise login; a way out of every database problem."""

    def __init__(self, data_dir: Path, settings=None, *, server: dict[str, str] | None = None):
        from PySide6.QtCore import QSettings

        self.data_dir = data_dir
        self.server = server  # --server DSN: this school database, whatever is remembered
        self.settings = settings if settings is not None else QSettings()
        self.network_ok: set[Path] = set()  # network paths the user chose to open anyway
        # the name and password of the login that opened a database without checking every page first (see
        # controle_na_eerste_paint): the way out when the check after the first paint finds damage
        self.inlog: tuple[str, str] | None = None

    def initial_path(self) -> Path:
        """The database in the data folder, or the file opened last when no folder was asked for."""
        default = session.database_path(self.data_dir)
        explicit = bool(os.environ.get("THUISZIT_DATA_DIR")) or self.data_dir != paths.data_dir()
        last = self.settings.value(SETTING_LAST_DATABASE, "", type=str)
        if not explicit and last and Path(last) != default and session.database_exists(Path(last)):
            return Path(last)
        return default

    def run(self, path: Path | None = None) -> Services | Lezersessie | None:
        from .first_run import FirstRunOutcome, FirstRunWizard
        from .login import LoginDialog, LoginOutcome

        if path is None:
            gedaan, services = self.server_start()
            if gedaan:
                return services
        path = path or self.initial_path()
        while True:
            if (other := self.network_check(path)) != path:
                if other is None:
                    return None
                path = other
                continue
            if not session.database_exists(path):
                wizard = FirstRunWizard(path, settings=self.settings)
                wizard.exec()
                if wizard.outcome is FirstRunOutcome.CREATED and wizard.services is not None:
                    self.remember(path, wizard.services)
                    return wizard.services
                if wizard.outcome is FirstRunOutcome.SERVER:
                    return wizard.services
                if wizard.outcome is FirstRunOutcome.OPEN_EXISTING and wizard.chosen_path is not None:
                    path = wizard.chosen_path
                    continue
                return None

            dialog = LoginDialog(path, settings=self.settings, school=self.known_school(path))
            dialog.exec()
            if dialog.outcome is LoginOutcome.LOGGED_IN and dialog.services is not None:
                self.remember(dialog.path, dialog.services)
                if not isinstance(dialog.services, Lezersessie):
                    self.inlog = (dialog.naam.text(), dialog.wachtwoord.text())
                return dialog.services
            if dialog.outcome is LoginOutcome.PROBLEM and dialog.problem is not None:
                # a database that does not open: the name and password just typed open the backup to put back
                inlog = ((dialog.naam.text(), dialog.wachtwoord.text())
                         if isinstance(dialog.problem, DatabaseOnleesbaar) else None)
                new_path = self.database_problem(dialog.problem, dialog.path, inlog=inlog)
                if new_path is None:
                    return None
                path = new_path
                continue
            return None

    def server_start(self) -> tuple[bool, Services | None]:
        """The login on the shared school database the program works with (issue 18): (done, services). Not done
        when it works with a file (or a data folder was asked for), or the user chose "Eén laptop" there."""
        from .login import LoginDialog, LoginOutcome
        from .onthouden import laatste_server, onthoud_server, vergeet_server

        explicit = bool(os.environ.get("THUISZIT_DATA_DIR")) or self.data_dir != paths.data_dir()
        velden = self.server or (None if explicit else laatste_server(self.settings))
        if velden is None:
            return False, None
        dialog = LoginDialog(None, settings=self.settings, school=velden.get("school", ""), server=velden)
        dialog.exec()
        if dialog.outcome is LoginOutcome.FILE:
            vergeet_server(self.settings)
            return False, None
        if dialog.outcome is LoginOutcome.LOGGED_IN and dialog.services is not None:
            if not eigen_wachtwoord.kiezen(dialog.services, dialog.wachtwoord.text()):
                dialog.services.close()  # cancelled: logged out, nothing opens
                return True, None
            school = velden.get("school", "")
            if not isinstance(dialog.services, Lezersessie):  # (an alleen-lezen user reads counts only)
                with contextlib.suppress(DatabaseFout):
                    school = dialog.services.school.get().naam
            onthoud_server(self.settings, {**dialog.server, "school": school})
            return True, dialog.services
        return True, None

    def network_check(self, path: Path) -> Path | None:
        """A database on a network folder: warn once, then go on, choose another file, or stop (None)."""
        from ..common import errors
        from .login import choose_database_file

        waarschuwing = paths.network_warning(path)
        if waarschuwing is None or path in self.network_ok:
            return path
        while True:
            keuze = errors.choose(None, waarschuwing, ["Toch openen", "Ander bestand kiezen…", "Afsluiten"],
                                  title="Database niet alleen op deze computer", detail=f"Bestand: {path}",
                                  escape=2)
            if keuze == 0:
                self.network_ok.add(path)
                return path
            if keuze != 1:
                return None
            if (other := choose_database_file(None, self.data_dir)) is not None:
                return other  # checked in its turn

    def database_problem(self, problem: DatabaseFout, path: Path, *,
                         inlog: tuple[str, str] | None = None) -> Path | None:
        """Explain why `path` cannot be opened and offer a way out: the path to try next, or None.

        With `inlog` (name, password) for a database that does not open, the ways out are the backups of
        this database (matched by its id, db/identity.py): its key file alone when only that is gone, the
        newest backup, or another one of them. What is there now is kept aside, never thrown away.
        """
        from ..common import errors
        from .login import choose_database_file

        mislukt: set[Path] = set()  # backups that turned out not to be good
        while True:
            backups = [b for b in self.matched_backups(path, inlog) if b.pad not in mislukt] if inlog else []
            backup = backups[0] if backups else None
            retry = isinstance(problem, (DatabaseInGebruik, DatabaseBezet, SchijfVol, AlleenLezen))
            options = ["Opnieuw proberen"] if retry else []
            detail = f"Bestand: {path}"
            keys_only = backup is not None and path.exists() and not path.with_suffix(".sleutels").exists()
            if keys_only:
                options.append("Sleutelbestand terughalen uit de laatste back-up")
                detail += ("\n\nHet sleutelbestand terughalen uit een back-up kost geen gegevens: de database zelf "
                           "blijft zoals hij is.")
            if backup is not None:
                options.append("Laatste goede back-up terugzetten")
                detail += (f"\n\nDe laatste back-up van deze database is van {formaat.tijdstip(backup.gemaakt)}: "
                           f"{backup.samenvatting}. Wat daarna is ingevoerd, staat er niet in; de huidige bestanden "
                           "blijven bewaard naast de database (…-voor-terugzetten-…).")
            if len(backups) > 1:
                options.append("Andere back-up kiezen…")
            options.append("Ander bestand kiezen…")
            if not retry and not isinstance(problem, DatabaseTeNieuw):
                options.append("Nieuwe database maken")
            options.append("Afsluiten")
            keuze = errors.choose(None, str(problem), options, title="De database kan niet open",
                                  detail=detail, escape=len(options) - 1)
            gekozen = options[keuze] if keuze is not None else "Afsluiten"
            if gekozen == "Opnieuw proberen":
                return path
            if gekozen.startswith("Sleutelbestand terughalen"):
                if self.restore_backup(backup, path, inlog, keys_only=True):
                    return path
                keys_only = False
                continue
            if gekozen.startswith("Laatste goede back-up") or gekozen == "Andere back-up kiezen…":
                if gekozen == "Andere back-up kiezen…":
                    from .herstel_dialog import kies_backup

                    backup = kies_backup(backups)
                    if backup is None:
                        continue
                if self.restore_backup(backup, path, inlog):
                    return path
                mislukt.add(backup.pad)
                continue
            if gekozen == "Ander bestand kiezen…":
                other = choose_database_file(None, path.parent)
                if other is not None:
                    return other
                continue
            if gekozen == "Nieuwe database maken":
                new = choose_new_database_file(path.parent)
                if new is not None:
                    return new
                continue
            return None

    def known_school(self, path: Path) -> str:
        """The school name shown at the last login with this file (the file itself is encrypted)."""
        if self.settings.value(SETTING_LAST_DATABASE, "", type=str) == str(path):
            return self.settings.value(SETTING_LAST_SCHOOL, "", type=str)
        return ""

    def remember(self, path: Path, services: Services | Lezersessie) -> None:
        self.settings.setValue(SETTING_LAST_DATABASE, str(path))
        if isinstance(services, Lezersessie):
            return
        with contextlib.suppress(DatabaseFout):
            self.settings.setValue(SETTING_LAST_SCHOOL, services.school.get().naam)
            # kept outside the database too: when it is damaged, this is where its backups are
            self.settings.setValue(SETTING_BACKUP_MAP, str(services.backups.map()))

    def matched_backups(self, path: Path, inlog: tuple[str, str] | None) -> list[BackupInfo]:
        """The backups of `path` – by its id, never by file name alone – in its `backups` folder and the
        folder set last, newest first."""
        from ...services.backups import STANDAARD_MAP, backups_van

        folders = [path.parent / STANDAARD_MAP]
        if gekozen := self.settings.value(SETTING_BACKUP_MAP, "", type=str):
            folders.append(Path(gekozen))
        naam, wachtwoord = inlog or ("", "")
        return backups_van(path, folders, naam, wachtwoord)

    def restore_backup(self, backup: BackupInfo, path: Path, inlog: tuple[str, str], *, keys_only: bool = False
                       ) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        from ...services.backups import sleutels_terugzetten_bij_start, terugzetten_bij_start
        from ..common import errors

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if keys_only:
                sleutels_terugzetten_bij_start(backup.pad, path, *inlog)
            else:
                backup = terugzetten_bij_start(backup.pad, path, *inlog)
        except (DatabaseFout, OSError) as exc:  # OSError includes GeenToegang (not a zorgcoördinator)
            log.warning("restoring a backup at start failed: %s", type(exc).__name__)
            QGuiApplication.restoreOverrideCursor()
            errors.show_error(None, str(exc) if isinstance(exc, (DatabaseFout, GeenToegang)) else
                              f"De back-up kon niet worden teruggezet ({exc.strerror or exc}).")
            return False
        QGuiApplication.restoreOverrideCursor()
        if keys_only:
            errors.show_info(None, f"Het sleutelbestand is teruggehaald uit de back-up van {formaat.tijdstip(backup.gemaakt)}. "
                                   "De database zelf is niet veranderd. Log nu opnieuw in – met het wachtwoord dat u "
                                   "toen had; wie daarna is toegevoegd, krijgt een nieuw wachtwoord van de zorgcoördinator.")
            return True
        bewaard = (f"\n\nWat er stond, is bewaard als {min(backup.bewaard).name} (met het sleutelbestand ernaast). "
                   "Gooi het pas weg als alles in orde is." if backup.bewaard else "")
        errors.show_info(None, f"De back-up van {formaat.tijdstip(backup.gemaakt)} is teruggezet. Log nu opnieuw in."
                         + bewaard)
        return True


def choose_new_database_file(start: Path) -> Path | None:
    """Where a new database goes, next to (never over) an existing one."""
    from ..common import bestanden, errors

    path = bestanden.bestand_opslaan(None, "Nieuwe database maken", str(start / "thuiszit-nieuw.db"),
                                     "Thuiszit-database (*.db)", bestanden.DATABASE)
    if path is None:
        return None
    if path.suffix != ".db":
        path = path.with_name(path.name + ".db")
    if path.exists() or path.with_suffix(".sleutels").exists():
        errors.show_error(None, f"Er staat al een bestand {path.name} in deze map. Kies een andere naam; zo "
                                "blijft de oude database bewaard.")
        return None
    return path
