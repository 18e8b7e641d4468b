"""The main window: a navigation on the left with the areas that work, the area on the right."""

from __future__ import annotations

import html
import importlib.util
import logging

from PySide6.QtCore import QSettings, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
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
from ..domain.signals import SignaalSoort
from ..services.session import Services
from . import errors
from .dashboard import Dashboard, SignalenLoader, Stand
from .leerling_dialog import LeerlingDialog
from .leerling_page import (
    CONTACTMOMENT_SHORTCUT,
    TAB_TRAJECT,
    LeerlingPage,
    contactmoment_vastleggen,
    kan_contactmoment,
)
from .leerlingen_view import LeerlingenView
from .partners_dialog import PartnersDialog
from .trajecten_view import TrajectenView

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

    changed = Signal()  # a student, their verzuim or traject was added or edited: signals and reminders may change

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        can_edit = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.list = LeerlingenView(services, can_edit=can_edit, can_contact=kan_contactmoment(services))
        self.page = LeerlingPage(services, can_edit=can_edit)
        self.addWidget(self.list)
        self.addWidget(self.page)
        self.list.open_leerling.connect(self.open_leerling)
        self.list.new_leerling.connect(self.new_leerling)
        self.page.back.connect(self.show_list)
        self.page.edit_requested.connect(self.edit_leerling)
        verzuim_changed = getattr(self.page, "verzuim_changed", None)  # verzuim entered on the page
        if isinstance(verzuim_changed, SignalInstance):
            verzuim_changed.connect(self.changed)
        self.page.traject_changed.connect(self.changed)
        self.list.contactmoment_requested.connect(self.contactmoment)

    def open_leerling(self, leerlingnummer: str, tab: str | None = None) -> bool:
        """Show the student's page (on `tab`, e.g. "Traject", when given); False when they are gone."""
        try:
            self.page.show_leerling(leerlingnummer)
        except NietGevonden as exc:
            errors.show_user_error(self, exc)
            self.list.refresh()
            return False
        if tab is not None:
            self.page.show_tab(tab)
        self.setCurrentWidget(self.page)
        self.page.back_button.setFocus()
        return True

    def current_leerlingnummer(self) -> str | None:
        """The student shown on the page, or the one selected in the list."""
        if self.currentWidget() is self.page and self.page.leerling is not None:
            return self.page.leerling.leerlingnummer
        return self.list.current_leerlingnummer()

    def contactmoment(self, leerlingnummer: str) -> bool:
        """The quick contactmoment for a student; the page's traject and timeline follow when they are shown."""
        if self.page.leerling is not None and self.page.leerling.leerlingnummer == leerlingnummer:
            return self.page.contactmoment()  # refreshes the page and emits traject_changed → changed
        if not contactmoment_vastleggen(self.services, leerlingnummer, self.window()):
            return False
        self.changed.emit()
        return True

    def show_list(self) -> None:
        self.setCurrentWidget(self.list)
        self.list.table.setFocus()

    def new_leerling(self) -> None:
        dialog = LeerlingDialog(self.services, None, self.window())
        if dialog.exec() and dialog.saved is not None:
            self.list.refresh()
            self.list.select(dialog.saved.leerlingnummer)
            self.open_leerling(dialog.saved.leerlingnummer)
            self.changed.emit()

    def edit_leerling(self, leerling: Leerling | None) -> None:
        if leerling is None:
            return
        dialog = LeerlingDialog(self.services, leerling, self.window())
        if dialog.exec() and dialog.saved is not None:
            self.list.refresh()
            self.list.select(dialog.saved.leerlingnummer)
            self.page.show_leerling(dialog.saved.leerlingnummer)
            self.changed.emit()

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

        # Signals and levels: computed in the background, shared by the dashboard and the list.
        self.signalen_loader = SignalenLoader(services, self)

        # The areas that work, in the order of the navigation. Adding an area is one line here.
        self.dashboard = self.add_area("Vandaag", Dashboard(services, self.signalen_loader))
        self.leerlingen = self.add_area("Leerlingen", LeerlingenArea(services))
        self.trajecten = self.add_area("Trajecten", TrajectenView(services))
        self.kalender = self._add_kalender()
        self._herinneringen_gemeld = False  # the "over tijd" notice, once after the first computation

        self.dashboard.open_leerling.connect(self.open_leerling)
        self.dashboard.herinnering_activated.connect(self.open_herinnering)
        self.dashboard.actiepunten_requested.connect(lambda: self.show_area("Trajecten"))
        self.trajecten.open_leerling.connect(lambda nummer: self.open_leerling(nummer, TAB_TRAJECT))
        self.trajecten.changed.connect(self.refresh_signals)
        self.stack.currentChanged.connect(self._area_shown)
        self.dashboard.level_clicked.connect(self.show_level)
        self.dashboard.signaal_clicked.connect(self.show_signaal)
        self.dashboard.import_requested.connect(self.import_verzuim)
        self.leerlingen.list.import_requested.connect(self.import_leerlingen)
        self.leerlingen.changed.connect(self.refresh_signals)
        self.signalen_loader.started.connect(lambda: self.leerlingen.list.set_signalen_loading(True))
        self.signalen_loader.loaded.connect(self._signals_loaded)
        self.signalen_loader.failed.connect(lambda _melding: self.leerlingen.list.set_signalen_loading(False))

        self.nav.setCurrentRow(0)  # the window opens on "Vandaag"
        self.nav.setFixedWidth(max(140, self.nav.sizeHintForColumn(0) + 40))
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self.dashboard.lijst.setFocus()
        self.refresh_signals()

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

    def _add_kalender(self) -> QWidget | None:
        """The school calendar, when this version has it (navigation shows only areas that work)."""
        if importlib.util.find_spec("thuiszit_desktop.ui.kalender_view") is None:
            return None
        try:
            from .kalender_view import KalenderView
        except ImportError:  # present but not usable (e.g. a dependency missing): leave the area out
            log.warning("school calendar not available", exc_info=True)
            return None

        view = KalenderView(self.services)
        for name in ("changed", "imported"):  # vrije dagen change the lesdagen, so the signals
            signal = getattr(view, name, None)
            if isinstance(signal, SignalInstance):
                signal.connect(self.refresh_signals)
        return self.add_area("Schoolkalender", view)

    # --- signals and levels ----------------------------------------------------------------------

    def refresh_signals(self, *_args) -> None:
        """Compute signals and levels again in the background (after an import or a change)."""
        self.signalen_loader.start()

    def _signals_loaded(self, stand: Stand) -> None:
        self.leerlingen.list.set_overzicht(stand.overzicht)
        if not self._herinneringen_gemeld:  # at start: a short notice, no popup
            self._herinneringen_gemeld = True
            te_laat = sum(h.te_laat for h in stand.herinneringen)
            if te_laat:
                wat = "1 herinnering" if te_laat == 1 else f"{te_laat} herinneringen"
                self.statusBar().showMessage(f"{wat} over tijd – zie Vandaag", 20_000)

    def _area_shown(self, _index: int) -> None:
        if self.stack.currentWidget() is self.trajecten:
            self.trajecten.refresh()

    def open_leerling(self, leerlingnummer: str, tab: str | None = None) -> None:
        self.show_area("Leerlingen")
        self.leerlingen.open_leerling(leerlingnummer, tab)

    def open_herinnering(self, leerlingnummer: str, referentie: str) -> None:
        """A reminder on the dashboard: the student's Traject tab, on the actiepunt or nazorg it is about."""
        self.show_area("Leerlingen")
        if self.leerlingen.open_leerling(leerlingnummer, TAB_TRAJECT) and referentie.split(":")[0] in (
                "traject", "actiepunt", "nazorg"):
            self.leerlingen.page.open_referentie(referentie)

    def contactmoment(self) -> None:
        """Ctrl+Shift+N: the quick contactmoment for the student shown or selected."""
        nummer = self.leerlingen.current_leerlingnummer() if self.stack.currentWidget() is self.leerlingen else None
        if nummer is None:
            self.statusBar().showMessage("Kies eerst een leerling (in de lijst of open de leerling) voor een "
                                         "contactmoment.", 8_000)
            return
        self.leerlingen.contactmoment(nummer)

    def show_level(self, niveau: int) -> None:
        """The students on one Kearney level, in the list."""
        self._show_list_filtered(lambda view: view.set_niveau_filter(niveau))

    def show_signaal(self, soort: SignaalSoort) -> None:
        """The students with one signal, in the list."""
        self._show_list_filtered(lambda view: view.set_signaal_filter(soort))

    def _show_list_filtered(self, apply) -> None:
        self.show_area("Leerlingen")
        self.leerlingen.show_list()
        view = self.leerlingen.list
        view.clear_filters()
        apply(view)
        view.table.setFocus()
        if view.proxy.rowCount():
            view.table.selectRow(0)

    def find_leerling(self) -> None:
        self.show_area("Leerlingen")
        self.leerlingen.show_list()
        self.leerlingen.list.focus_search()

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
        self.action_import_verzuim = QAction("&Verzuim importeren…", self)
        self.action_import_verzuim.setShortcut("Ctrl+Shift+I")
        self.action_import_verzuim.triggered.connect(self.import_verzuim)
        for action in (self.action_new, self.action_import, self.action_import_verzuim):
            action.setEnabled(can_edit)
            bestand.addAction(action)
        self.action_contactmoment = QAction("Nieuw &contactmoment…", self)
        self.action_contactmoment.setShortcut(CONTACTMOMENT_SHORTCUT)
        self.action_contactmoment.setToolTip("Nieuw contactmoment voor de gekozen leerling")
        self.action_contactmoment.setEnabled(kan_contactmoment(self.services))
        self.action_contactmoment.triggered.connect(self.contactmoment)
        bestand.addAction(self.action_contactmoment)
        bestand.addSeparator()
        self.action_partners = QAction("&Partners (adresboek)…", self)
        self.action_partners.triggered.connect(self.open_partners)
        bestand.addAction(self.action_partners)
        bestand.addSeparator()
        self.action_settings = QAction("Instellin&gen…", self)
        self.action_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action_settings.setEnabled(can_edit)
        self.action_settings.triggered.connect(self.open_settings)
        bestand.addAction(self.action_settings)
        bestand.addSeparator()
        self.action_quit = QAction("&Afsluiten", self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_quit.triggered.connect(self.close)
        bestand.addAction(self.action_quit)

        # Ctrl+F finds a student from every area (the list's own shortcut would only work on the list).
        self.leerlingen.list.find_shortcut.setEnabled(False)
        self.action_find = QAction("Leerling zoeken", self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action_find.triggered.connect(self.find_leerling)
        self.addAction(self.action_find)

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
        self.refresh_signals()

    def import_verzuim(self) -> None:
        try:
            from .verzuim_import_wizard import VerzuimImportWizard
        except ImportError:
            log.warning("verzuim import wizard not available")
            errors.show_error(self, "Verzuim importeren is in deze versie nog niet beschikbaar.")
            return
        wizard = VerzuimImportWizard(self.services, self)
        wizard.imported.connect(self.refresh_signals)
        wizard.exec()

    def open_partners(self) -> None:
        dialog = PartnersDialog(self.services, self)
        dialog.exec()
        if dialog.changed_any:  # a name in a traject or an actiepunt may have changed
            self.leerlingen.page.refresh_traject()

    def open_settings(self) -> None:
        try:
            from .instellingen_dialog import InstellingenDialog
        except ImportError:
            log.warning("settings dialog not available")
            errors.show_error(self, "Instellingen zijn in deze versie nog niet beschikbaar.")
            return
        dialog = InstellingenDialog(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:  # settings changed: thresholds, dagduur, codes
            self.refresh_signals()

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
            self.signalen_loader.wait()  # a background computation still reads the database
            self.services.close()

