"""The main window: a navigation on the left with the areas that work, the area on the right."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ..domain.errors import NietGevonden
from ..domain.gebruiker import Rol
from ..domain.leerling import Leerling
from ..services.session import Services
from . import errors
from .leerling_dialog import LeerlingDialog
from .leerling_page import LeerlingPage
from .leerlingen_view import LeerlingenView

log = logging.getLogger(__name__)

APP_NAME = "Thuiszit Desktop"
SETTING_GEOMETRY = "hoofdvenster/geometrie"
SETTING_STATE = "hoofdvenster/staat"


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("thuiszit-desktop")
    except Exception:  # not installed as a package (e.g. running from a checkout)
        return ""


class LeerlingenArea(QStackedWidget):
    """The list of students and, in the same place, one student's page."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        can_edit = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.list = LeerlingenView(services, can_edit=can_edit)
        self.page = LeerlingPage(services, can_edit=can_edit)
        self.addWidget(self.list)
        self.addWidget(self.page)
        self.list.open_leerling.connect(self.open_leerling)
        self.list.new_leerling.connect(self.new_leerling)
        self.page.back.connect(self.show_list)
        self.page.edit_requested.connect(self.edit_leerling)

    def open_leerling(self, leerlingnummer: str) -> None:
        try:
            self.page.show_leerling(leerlingnummer)
        except NietGevonden as exc:
            errors.show_user_error(self, exc)
            self.list.refresh()
            return
        self.setCurrentWidget(self.page)
        self.page.back_button.setFocus()

    def show_list(self) -> None:
        self.setCurrentWidget(self.list)
        self.list.table.setFocus()

    def new_leerling(self) -> None:
        dialog = LeerlingDialog(self.services, None, self.window())
        if dialog.exec() and dialog.saved is not None:
            self.list.refresh()
            self.list.select(dialog.saved.leerlingnummer)
            self.open_leerling(dialog.saved.leerlingnummer)

    def edit_leerling(self, leerling: Leerling | None) -> None:
        if leerling is None:
            return
        dialog = LeerlingDialog(self.services, leerling, self.window())
        if dialog.exec() and dialog.saved is not None:
            self.list.refresh()
            self.list.select(dialog.saved.leerlingnummer)
            self.page.show_leerling(dialog.saved.leerlingnummer)

    def refresh(self) -> None:
        self.list.refresh()
        if self.currentWidget() is self.page and self.page.leerling is not None:
            try:
                self.page.show_leerling(self.page.leerling.leerlingnummer)
            except NietGevonden:
                self.show_list()


class MainWindow(QMainWindow):
    def __init__(self, services: Services, *, settings: QSettings | None = None):
        super().__init__()
        self.services = services
        self.settings = settings if settings is not None else QSettings()
        self._closed = False
        self.school = services.school.get()
        self.setWindowTitle(f"{APP_NAME} – {self.school.naam}")
        self.setMinimumSize(QSize(800, 500))

        self.nav = QListWidget()
        self.nav.setObjectName("navigatie")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setSpacing(2)
        self.nav.setMaximumWidth(200)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 12, 4)
        layout.setSpacing(12)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        # The areas that work, in the order of the navigation. Adding an area is one line here.
        self.leerlingen = self.add_area("Leerlingen", LeerlingenArea(services))
        self.leerlingen.list.import_requested.connect(self.import_leerlingen)

        self.nav.setCurrentRow(0)
        self.nav.setFixedWidth(max(140, self.nav.sizeHintForColumn(0) + 40))
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self.leerlingen.list.search.setFocus()  # most visits start with finding a student

    # --- areas -----------------------------------------------------------------------------------

    def add_area(self, title: str, widget: QWidget) -> QWidget:
        item = QListWidgetItem(title)
        item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 16))
        self.nav.addItem(item)
        self.stack.addWidget(widget)
        return widget

    def area_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_area(self, title: str) -> None:
        self.nav.setCurrentRow(self.area_titles().index(title))

    # --- menus and status bar --------------------------------------------------------------------

    def _build_menus(self) -> None:
        can_edit = self.services.gebruiker.rol == Rol.ZORGCOORDINATOR
        bestand = self.menuBar().addMenu("&Bestand")
        self.action_new = QAction("&Nieuwe leerling…", self)
        self.action_new.setShortcut(QKeySequence.StandardKey.New)
        self.action_new.triggered.connect(self._new_leerling)
        self.action_import = QAction("Leerlingen &importeren…", self)
        self.action_import.setShortcut("Ctrl+I")
        self.action_import.triggered.connect(self.import_leerlingen)
        for action in (self.action_new, self.action_import):
            action.setEnabled(can_edit)
            bestand.addAction(action)
        bestand.addSeparator()
        self.action_quit = QAction("&Afsluiten", self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_quit.triggered.connect(self.close)
        bestand.addAction(self.action_quit)

        help_menu = self.menuBar().addMenu("&Help")
        self.action_about = QAction("&Over Thuiszit Desktop", self)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.action_about.triggered.connect(self.show_about)
        help_menu.addAction(self.action_about)

    def _build_status_bar(self) -> None:
        gebruiker = self.services.gebruiker
        self.user_label = QLabel(f"Ingelogd als {gebruiker.naam} ({gebruiker.rol.label})")
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().setSizeGripEnabled(True)

    def _new_leerling(self) -> None:
        self.show_area("Leerlingen")
        self.leerlingen.new_leerling()

    def import_leerlingen(self) -> None:
        try:
            from .import_wizard import ImportWizard
        except ImportError:
            log.warning("import wizard not available")
            errors.show_error(self, "Importeren is in deze versie nog niet beschikbaar.")
            return
        wizard = ImportWizard(self.services, self)
        wizard.imported.connect(self._after_import)
        wizard.exec()

    def _after_import(self, *_args) -> None:
        self.show_area("Leerlingen")
        self.leerlingen.refresh()

    def show_about(self) -> None:
        version = app_version()
        text = (f"<h3>{APP_NAME}{' ' + version if version else ''}</h3>"
                "<p>Voor de zorgcoördinator: leerlingen die thuiszitten of dreigen thuis te zitten in beeld "
                "houden, en samen met ouders en partners weer naar school helpen.</p>"
                "<p>Alle gegevens blijven op deze computer, in een versleuteld bestand:<br>"
                f"<small>{html.escape(str(self.services.database_path))}</small></p>")
        QMessageBox.about(self, f"Over {APP_NAME}", text)

    # --- geometry and closing --------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value(SETTING_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            width, height = min(1200, screen.width() - 40), min(760, screen.height() - 40)
            self.resize(width, height)
            self.move(screen.center().x() - width // 2, screen.center().y() - height // 2)
        state = self.settings.value(SETTING_STATE)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTING_STATE, self.saveState())
        self.settings.sync()
        self.close_services()
        event.accept()

    def close_services(self) -> None:
        if not self._closed:
            self._closed = True
            self.services.close()

