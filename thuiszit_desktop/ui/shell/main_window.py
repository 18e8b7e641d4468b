"""The main window: a navigation on the left with the areas that work, the area on the right."""

from __future__ import annotations

import gc
import html
import importlib.util
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QChildEvent, QEvent, QSettings, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ...domain.errors import GeenToegang, NietGevonden
from ...domain.gebruiker import Rol
from ...domain.leerling import Leerling
from ...domain.signalen import SignaalSoort
from ...services.session import Services
from ..beheer.backup_dialog import BackupDialog, BackupSchedule, tijdstip
from ..common import concept, errors, theme
from ..common.layout_memory import remember_layout
from ..leerlingen.leerling_basis import (
    CONTACTMOMENT_SHORTCUT,
    TAB_TRAJECT,
    contactmoment_vastleggen,
    kan_contactmoment,
)
from ..leerlingen.leerling_kiezer import kies_leerling
from ..leerlingen.leerlingen_view import LeerlingenView
from ..vandaag.stand import SignalenLoader, Stand
from .vergrendeling import SNELTOETS as VERGRENDEL_SNELTOETS
from .vergrendeling import Vergrendeling

if TYPE_CHECKING:
    from ..overzichten.overzichten_view import OverzichtenView
    from ..traject.trajecten_view import TrajectenView
    from ..vandaag.dashboard import Dashboard

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
    contactmoment_opgeslagen = Signal(str)  # the leerlingnummer
    page_built = Signal(object)  # the LeerlingPage, the first time a student is opened

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.can_edit = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.list = LeerlingenView(services, can_edit=self.can_edit, can_contact=kan_contactmoment(services))
        self.addWidget(self.list)
        self._page = None  # LeerlingPage: built when a student is first opened (it is most of the window)
        self.list.open_leerling.connect(self.open_leerling)
        self.list.new_leerling.connect(self.new_leerling)
        self.list.contactmoment_requested.connect(self.contactmoment)

    @property
    def page(self):
        """One student's page, built the first time it is asked for."""
        if self._page is None:
            from ..leerlingen.leerling_page import LeerlingPage

            page = self._page = LeerlingPage(self.services, can_edit=self.can_edit)
            self.addWidget(page)
            page.back.connect(self.show_list)
            page.edit_requested.connect(self.edit_leerling)
            verzuim_changed = getattr(page, "verzuim_changed", None)  # verzuim entered on the page
            if isinstance(verzuim_changed, SignalInstance):
                verzuim_changed.connect(self.changed)
            page.traject_changed.connect(self.changed)
            self.page_built.emit(page)
        return self._page

    def page_shown(self) -> bool:
        """A student's page is on screen here (without building the page to find out)."""
        return self._page is not None and self.currentWidget() is self._page

    def open_leerling(self, leerlingnummer: str, tab: str | None = None) -> bool:
        """Show the student's page (on `tab`, e.g. "Traject", when given); False when they are gone."""
        try:
            self.page.show_leerling(leerlingnummer)
        except (NietGevonden, GeenToegang) as exc:  # GeenToegang: a mentor, for a student of another klas
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
        if self.page_shown() and self.page.leerling is not None:
            return self.page.leerling.leerlingnummer
        return self.list.current_leerlingnummer()

    def contactmoment(self, leerlingnummer: str) -> bool:
        """The quick contactmoment for a student; the page's traject and timeline follow when they are shown."""
        if self._page is not None and self.page.leerling is not None and self.page.leerling.leerlingnummer == leerlingnummer:
            if not self.page.contactmoment():  # refreshes the page and emits traject_changed → changed
                return False
        elif contactmoment_vastleggen(self.services, leerlingnummer, self.window()):
            self.changed.emit()
        else:
            return False
        self.contactmoment_opgeslagen.emit(leerlingnummer)
        return True

    def show_list(self) -> None:
        self.setCurrentWidget(self.list)
        self.list.table.setFocus()

    def new_leerling(self) -> None:
        from ..leerlingen.leerling_dialog import LeerlingDialog

        dialog = LeerlingDialog(self.services, None, self.window())
        if dialog.exec() and dialog.saved is not None:
            self.list.refresh()
            self.list.select(dialog.saved.leerlingnummer)
            self.open_leerling(dialog.saved.leerlingnummer)
            self.changed.emit()

    def edit_leerling(self, leerling: Leerling | None) -> None:
        if leerling is None:
            return
        from ..leerlingen.leerling_dialog import LeerlingDialog

        dialog = LeerlingDialog(self.services, leerling, self.window())
        if dialog.exec() and dialog.saved is not None:
            self.list.refresh()
            self.list.select(dialog.saved.leerlingnummer)
            self.page.show_leerling(dialog.saved.leerlingnummer)
            self.changed.emit()

    def refresh(self) -> None:
        self.list.refresh()
        if self.page_shown() and self.page.leerling is not None:
            try:
                self.page.show_leerling(self.page.leerling.leerlingnummer)
            except NietGevonden:
                self.show_list()


@dataclass
class _LazyArea:
    build: object  # () -> QWidget
    placeholder: QWidget  # in the stack until the area is built
    widget: QWidget | None = None


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
        self.nav.setAccessibleName("Navigatie")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setSpacing(2)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMaximumWidth(200)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 12, 4)
        layout.setSpacing(12)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)
        self._klik_op_huidig = False  # a press on the area already shown (see eventFilter)
        self.nav.viewport().installEventFilter(self)
        self.nav.itemClicked.connect(lambda item: self._klik_op_huidig and self._nav_opnieuw(item))
        self.nav.itemActivated.connect(self._nav_opnieuw)  # Enter on the current area

        # Signals and levels: computed in the background, shared by the dashboard and the list.
        self.signalen_loader = SignalenLoader(services, self)

        # The areas that work, in the order of the navigation. Adding an area is one line here. Each is built
        # the first time it is shown or asked for (`self.trajecten` …), so the window opens without building
        # (and importing) the ones not looked at yet.
        self._lazy: dict[str, _LazyArea] = {}
        self._net_gebouwd: QWidget | None = None  # an area built for the showing under way: it has just read
        self.add_lazy_area("Vandaag", self._build_dashboard)
        self.add_lazy_area("Leerlingen", self._build_leerlingen)
        self.add_lazy_area("Trajecten", self._build_trajecten)
        self.add_lazy_area("Overzichten", self._build_overzichten)
        if self._kalender_available():
            self.add_lazy_area("Schoolkalender", self._build_kalender)
        self._herinneringen_gemeld = False  # the "over tijd" notice, once after the first computation
        self._geschilderd = False
        # The area the window opens on is built when the window is shown, not here: before that a caller may
        # still choose another one (`show_area`), and a window never shown builds only what is asked for.
        self._uitgesteld = True

        self.stack.currentChanged.connect(self._area_shown)
        self.signalen_loader.started.connect(self._signals_started)
        self.signalen_loader.loaded.connect(self._signals_loaded)
        self.signalen_loader.failed.connect(self._signals_failed)

        self._apply_role()
        self.nav.setCurrentRow(0)  # the window opens on "Vandaag"
        # The items have no width of their own (their size hint is 0 wide): the longest title, its icon, margins.
        langste = max(self.nav.fontMetrics().horizontalAdvance(t) for t in self.area_titles())
        self.nav.setFixedWidth(max(140, langste + self.nav.iconSize().width() + 40))
        self._build_menus()
        self._set_icons()
        self._build_sneltoetsen()
        self._build_status_bar()
        self.afgemeld = False  # "Afmelden" on the lock screen: startup shows the login again
        self.vergrendeling = Vergrendeling(self, services, services.vergrendeling.minuten())
        self.vergrendeling.afmelden.connect(self.afmelden)
        self.backups = BackupSchedule(services, self)  # daily and on close
        self.backups.made.connect(lambda info: self.statusBar().showMessage(
            f"Back-up gemaakt ({tijdstip(info.gemaakt)}).", 8_000))
        self.backups.failed.connect(lambda melding: errors.show_error(self, melding))
        self._restore_geometry()
        self._remember_layout()
        self.stack.currentChanged.connect(self._remember_layout)  # views built later get theirs when shown
        # Signals and levels are computed once the window has been painted: the worker would compete with the
        # first paint for the two cores (and for Python's lock). A window never shown (a test) starts at once.
        self.signalen_loader.plan()
        QTimer.singleShot(0, self._first_signals)

    def showEvent(self, event) -> None:
        if self._uitgesteld:
            self._uitgesteld = False
            self._show_row(self.nav.currentRow())
            if (dashboard := self._built("Vandaag")) is not None and self.stack.currentWidget() is dashboard:
                dashboard.lijst.setFocus()
        super().showEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._geschilderd:
            self._geschilderd = True
            QTimer.singleShot(0, self._first_signals)

    def _first_signals(self) -> None:
        if not self._closed and self.signalen_loader.gepland and (self._geschilderd or not self.isVisible()):
            self.refresh_signals()

    # --- areas -----------------------------------------------------------------------------------

    def _apply_role(self) -> None:
        """Alleen-lezen sees counts and overviews, no students: those areas are not offered (the
        services refuse or return nothing anyway, see services/toegang.py)."""
        if self.services.gebruiker.rol == Rol.ALLEEN_LEZEN:
            for title in ("Leerlingen", "Trajecten"):
                for item in self.nav.findItems(title, Qt.MatchFlag.MatchExactly):
                    item.setHidden(True)

    def add_area(self, title: str, widget: QWidget) -> QWidget:
        item = QListWidgetItem(title)
        if title.lower() in theme.ICONS:  # "Vandaag" → the icon "vandaag"
            item.setIcon(theme.icon(title.lower()))
        item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 16))
        self.nav.addItem(item)
        self.stack.addWidget(widget)
        return widget

    def add_lazy_area(self, title: str, build) -> None:
        """An area whose widget `build()` makes the first time it is shown or asked for (see `_area`)."""
        self._lazy[title] = _LazyArea(build, self.add_area(title, QWidget()))

    def _built(self, title: str) -> QWidget | None:
        """The area's widget when it has been built, without building it."""
        lazy = self._lazy.get(title)
        return lazy.widget if lazy is not None else None

    def _area(self, title: str) -> QWidget:
        """The area's widget, built now if it was not yet; it takes the place of its placeholder in the stack."""
        lazy = self._lazy[title]
        if lazy.widget is None:
            widget = lazy.widget = lazy.build()
            index = self.stack.indexOf(lazy.placeholder)
            current = self.stack.currentIndex() == index
            self.stack.blockSignals(True)  # the stack's listeners see the area once it is in place
            try:
                self.stack.insertWidget(index, widget)
                self.stack.removeWidget(lazy.placeholder)
                if current:
                    self.stack.setCurrentWidget(widget)
            finally:
                self.stack.blockSignals(False)
            lazy.placeholder.deleteLater()
            if isinstance(widget, QTabWidget):  # an area with tabs: Ctrl+P follows its tab
                widget.currentChanged.connect(self._update_print_action)
            self._remember_layout()  # its splitters and columns as the user left them
            if current:
                self.stack.currentChanged.emit(index)
        return lazy.widget

    def _show_row(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None and item.text() in self._lazy and not self._uitgesteld:
            nieuw = self._built(item.text()) is None
            widget = self._area(item.text())
            self._net_gebouwd = widget if nieuw else None
        try:
            self.stack.setCurrentIndex(row)
        finally:
            self._net_gebouwd = None

    @property
    def dashboard(self) -> Dashboard:
        return self._area("Vandaag")

    @property
    def leerlingen(self) -> LeerlingenArea:
        return self._area("Leerlingen")

    @property
    def trajecten(self) -> TrajectenView:
        return self._area("Trajecten")

    @property
    def overzichten(self) -> OverzichtenView:
        return self._area("Overzichten")

    @property
    def kalender(self) -> QWidget | None:
        """The school calendar, or None when this version does not have it."""
        return self._area("Schoolkalender") if "Schoolkalender" in self._lazy else None

    def _build_dashboard(self) -> Dashboard:
        from ..vandaag.dashboard import Dashboard

        dashboard = Dashboard(self.services, self.signalen_loader, settings=self.settings)
        dashboard.open_leerling.connect(self.open_leerling)
        dashboard.herinnering_activated.connect(self.open_herinnering)
        dashboard.actiepunten_requested.connect(lambda: self.show_area("Trajecten"))
        dashboard.open_traject.connect(lambda nummer: self.open_leerling(nummer, TAB_TRAJECT))
        dashboard.traject_geopend.connect(lambda _nummer: self.statusBar().showMessage(
            "Traject geopend vanuit het signaal; het staat bij de leerling op het tabblad Traject.", 10_000))
        dashboard.level_clicked.connect(self.show_level)
        dashboard.signaal_clicked.connect(self.show_signaal)
        dashboard.import_requested.connect(self.import_verzuim)
        dashboard.leerlingen_import_requested.connect(self.import_leerlingen)
        dashboard.aan_de_slag.stap_gekozen.connect(self.aan_de_slag)
        return dashboard

    def _build_leerlingen(self) -> LeerlingenArea:
        area = LeerlingenArea(self.services)
        area.list.import_requested.connect(self.import_leerlingen)
        area.changed.connect(self.refresh_signals)
        area.contactmoment_opgeslagen.connect(self._contactmoment_opgeslagen)
        area.list.find_shortcut.setEnabled(False)  # Ctrl+F is the window's (action_find), from every area
        area.currentChanged.connect(self._remember_layout)
        area.currentChanged.connect(self._update_print_action)
        area.page_built.connect(self._page_built)
        loader = self.signalen_loader
        if loader.stand is not None:  # computed before the list was first shown
            area.list.set_overzicht(loader.stand.overzicht, loader.stand.lijst_regels)
        if loader.busy:
            area.list.set_signalen_loading(True)
        return area

    def _page_built(self, page) -> None:
        self._remember_layout()
        for signal in (page.tabs.currentChanged, page.traject.tabs.currentChanged, page.traject.changed):
            signal.connect(self._update_print_action)

    def _build_trajecten(self) -> TrajectenView:
        from ..traject.trajecten_view import TrajectenView

        view = TrajectenView(self.services)
        view.open_leerling.connect(lambda nummer: self.open_leerling(nummer, TAB_TRAJECT))
        view.changed.connect(self.refresh_signals)
        view.signalen_requested.connect(lambda: self.show_area("Vandaag"))
        return view

    def _build_overzichten(self) -> OverzichtenView:
        from ..overzichten.overzichten_view import OverzichtenView

        view = OverzichtenView(self.services)
        if view.lijstbespreking is not None:
            view.lijstbespreking.open_leerling.connect(lambda nr: self.open_leerling(nr, TAB_TRAJECT))
        return view

    def area_titles(self) -> list[str]:
        """The areas this user sees (alleen-lezen: no Leerlingen or Trajecten; see _apply_role)."""
        return [self.nav.item(i).text() for i in range(self.nav.count()) if not self.nav.item(i).isHidden()]

    def show_area(self, title: str) -> None:
        items = self.nav.findItems(title, Qt.MatchFlag.MatchExactly)
        if items and not items[0].isHidden():  # a hidden area stays closed, whoever asks for it
            self.nav.setCurrentItem(items[0])

    @staticmethod
    def _kalender_available() -> bool:
        """The school calendar, when this version has it (navigation shows only areas that work)."""
        return importlib.util.find_spec("thuiszit_desktop.ui.kalender.kalender_view") is not None

    def _build_kalender(self) -> QWidget:
        try:
            from ..kalender.kalender_view import KalenderView
        except ImportError:  # present but not usable (e.g. a dependency missing)
            log.warning("school calendar not available", exc_info=True)
            return QLabel("De schoolkalender is in deze versie niet beschikbaar.")

        view = KalenderView(self.services)
        for name in ("changed", "imported"):  # vrije dagen change the lesdagen, so the signals
            signal = getattr(view, name, None)
            if isinstance(signal, SignalInstance):
                signal.connect(self.refresh_signals)
        return view

    # --- signals and levels ----------------------------------------------------------------------

    def refresh_signals(self, *_args) -> None:
        """Compute signals and levels again in the background (after an import or a change)."""
        self.signalen_loader.start()

    def _signals_started(self) -> None:
        if (area := self._built("Leerlingen")) is not None:
            area.list.set_signalen_loading(True)

    def _signals_failed(self, _melding: str) -> None:
        if (area := self._built("Leerlingen")) is not None:
            area.list.set_signalen_loading(False)

    def _signals_loaded(self, stand: Stand) -> None:
        if (area := self._built("Leerlingen")) is not None:  # a list built later takes the stand then
            area.list.set_overzicht(stand.overzicht, stand.lijst_regels)
        # A large school's overzicht is a few hundred thousand long-lived objects; Python's full garbage
        # collection walks them all (0.3 s at 20,000 students) at moments no one chooses, in the middle of a
        # click. Frozen, they are left out of those walks; what they free is still freed by reference counting.
        gc.freeze()
        if not self._herinneringen_gemeld:  # at start: a short notice, no popup
            self._herinneringen_gemeld = True
            te_laat = sum(h.te_laat for h in stand.herinneringen)
            if te_laat:
                wat = "1 herinnering" if te_laat == 1 else f"{te_laat} herinneringen"
                self.statusBar().showMessage(f"{wat} over tijd – zie Vandaag", 20_000)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.nav.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            item = self.nav.itemAt(event.position().toPoint())
            self._klik_op_huidig = item is not None and item is self.nav.currentItem()
        return super().eventFilter(watched, event)

    def _nav_opnieuw(self, item: QListWidgetItem) -> None:
        """The area shown chosen again in the navigation: "Leerlingen" on a student's page goes back to the list."""
        if item.text() == "Leerlingen" and self.stack.currentWidget() is self._built("Leerlingen"):
            self.leerlingen.show_list()

    def _area_shown(self, _index: int) -> None:
        # An area built just now for this showing has read its data: not twice (issue 16).
        trajecten = self._built("Trajecten")
        if trajecten is not None and self.stack.currentWidget() is trajecten and trajecten is not self._net_gebouwd:
            trajecten.refresh()

    def _set_icons(self) -> None:
        """The main actions in the menus with their icon from the one icon set (theme.ICONS)."""
        for attribute, naam in (("action_new", "nieuwe_leerling"), ("action_import", "importeren"),
                                ("action_import_verzuim", "importeren"), ("action_contactmoment", "contactmoment"),
                                ("action_settings", "instellingen"), ("action_find", "zoeken"),
                                ("action_print", "afdrukken"), ("action_lock", "vergrendelen")):
            action = getattr(self, attribute, None)
            if action is not None:
                action.setIcon(theme.icon(naam))

    def _remember_layout(self, *_args) -> None:
        """Splitters and table columns as the user left them, also after a restart."""
        remember_layout(self, "indeling", self.settings)

    def childEvent(self, event: QChildEvent) -> None:
        """A dialog of this window, built and about to show: its splitters and table columns come back too."""
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished and isinstance(dialog := event.child(), QDialog):
            remember_layout(dialog, f"dialoog/{type(dialog).__name__}", self.settings)

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
        """Ctrl+N: the quick contactmoment for the student shown or selected (in the list, or a signal or
        reminder on Vandaag)."""
        nummer = None
        if self.stack.currentWidget() is self._built("Leerlingen"):
            nummer = self.leerlingen.current_leerlingnummer()
        elif self.stack.currentWidget() is self._built("Vandaag"):
            nummer = self.dashboard.gekozen_leerling()
        if nummer is None:  # nobody shown or selected: ask who, with a quick search
            nummer = kies_leerling(self.services, self, "Contactmoment: welke leerling?")
            if nummer is None:
                return
        self.leerlingen.contactmoment(nummer)

    def _contactmoment_opgeslagen(self, leerlingnummer: str) -> None:
        try:
            naam = self.services.leerlingen.get(leerlingnummer).naam
        except (NietGevonden, GeenToegang):
            naam = leerlingnummer
        self.statusBar().showMessage(f"Contactmoment met {naam} opgeslagen.", 10_000)

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
        bestand = self.bestand_menu = self.menuBar().addMenu("&Bestand")
        self.action_new = QAction("&Nieuwe leerling…", self)
        self.action_new.setShortcut("Ctrl+Shift+N")  # Ctrl+N is the contactmoment, the daily action
        self.action_new.triggered.connect(self._new_leerling)
        self.action_import = QAction("Leerlingen &importeren…", self)
        self.action_import.setShortcut("Ctrl+I")
        self.action_import.triggered.connect(self.import_leerlingen)
        self.action_import_verzuim = QAction("&Verzuim importeren…", self)
        self.action_import_verzuim.setShortcut("Ctrl+Shift+I")
        self.action_import_verzuim.triggered.connect(self.import_verzuim)
        for action in (self.action_new, self.action_import, self.action_import_verzuim):
            action.setEnabled(can_edit)
            action.setVisible(can_edit)  # not offered at all to a role that cannot do it
            bestand.addAction(action)
        self.action_contactmoment = QAction("Nieuw &contactmoment…", self)
        self.action_contactmoment.setShortcut(CONTACTMOMENT_SHORTCUT)
        self.action_contactmoment.setToolTip("Nieuw contactmoment voor de gekozen leerling")
        self.action_contactmoment.setEnabled(kan_contactmoment(self.services))
        self.action_contactmoment.setVisible(kan_contactmoment(self.services))
        self.action_contactmoment.triggered.connect(self.contactmoment)
        bestand.addAction(self.action_contactmoment)
        bestand.addSeparator()
        self.action_partners = QAction("&Partners (adresboek)…", self)
        self.action_partners.triggered.connect(self.open_partners)
        self.action_partners.setVisible(self.services.gebruiker.rol != Rol.ALLEEN_LEZEN)
        bestand.addAction(self.action_partners)
        self.action_gebruikers = QAction("&Gebruikers…", self)
        self.action_gebruikers.triggered.connect(self.open_gebruikers)
        self.action_gebruikers.setEnabled(can_edit)
        self.action_gebruikers.setVisible(can_edit)
        bestand.addAction(self.action_gebruikers)
        self.action_audit = QAction("&Auditlog…", self)
        self.action_audit.triggered.connect(self.open_audit)
        self.action_bewaren = QAction("Verlopen gegevens &opruimen…", self)
        self.action_bewaren.triggered.connect(self.open_bewaren)
        for action in (self.action_audit, self.action_bewaren):  # the zorgcoördinator's privacy duties
            action.setEnabled(can_edit)
            action.setVisible(can_edit)
            bestand.addAction(action)
        self.action_profiel = QAction("&Mijn gegevens…", self)
        self.action_profiel.setToolTip("Uw naam en functie op papier, uw telefoonnummer en e-mailadres")
        self.action_profiel.triggered.connect(self.open_profiel)
        bestand.addAction(self.action_profiel)
        self.action_wachtwoord = QAction("&Wachtwoord wijzigen…", self)
        self.action_wachtwoord.triggered.connect(self.wachtwoord_wijzigen)
        bestand.addAction(self.action_wachtwoord)
        bestand.addSeparator()
        self.action_settings = QAction("Instellin&gen…", self)
        self.action_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action_settings.setEnabled(can_edit)
        self.action_settings.setVisible(can_edit)
        self.action_settings.triggered.connect(self.open_settings)
        bestand.addAction(self.action_settings)
        self.action_backup = QAction("&Back-up maken", self)
        self.action_backup.triggered.connect(self.backups_make_now)
        self.action_restore = QAction("Back-up &terugzetten…", self)
        self.action_restore.triggered.connect(self.restore_backup)
        for action in (self.action_backup, self.action_restore):
            action.setEnabled(can_edit)
            action.setVisible(can_edit)
            bestand.addAction(action)
        bestand.addSeparator()
        self.action_afmelden = QAction("Af&melden", self)
        self.action_afmelden.setStatusTip("Stoppen en het inlogscherm tonen, bijvoorbeeld voor een collega")
        self.action_afmelden.triggered.connect(self.afmelden)  # in the menu after "Scherm vergrendelen"
        self.action_quit = QAction("&Afsluiten", self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_quit.triggered.connect(self.close)
        bestand.addAction(self.action_quit)

        # Ctrl+F finds a student from every area (the list's own shortcut is off, see _build_leerlingen).
        self.action_find = QAction("Leerling zoeken", self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action_find.triggered.connect(self.find_leerling)
        self.action_find.setEnabled(self.services.gebruiker.rol != Rol.ALLEEN_LEZEN)
        self.addAction(self.action_find)

        help_menu = self.help_menu = self.menuBar().addMenu("&Help")
        self.action_about = QAction("&Over Thuiszit Desktop", self)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.action_about.triggered.connect(self.show_about)
        help_menu.addAction(self.action_about)

    def _build_sneltoetsen(self) -> None:
        """Printing, locking, help and Ctrl+1…n to the areas; the help screen lists every shortcut."""
        self.action_print = QAction("Af&drukken…", self)
        self.action_print.setShortcut(QKeySequence.StandardKey.Print)
        self.action_print.triggered.connect(self.afdrukken)
        self.action_lock = QAction("Scherm &vergrendelen", self)
        self.action_lock.setShortcut(VERGRENDEL_SNELTOETS)
        self.action_lock.setStatusTip("Het scherm op slot zetten; met uw wachtwoord gaat het weer open")
        self.action_lock.triggered.connect(lambda: self.vergrendeling.vergrendel())
        self.bestand_menu.insertAction(self.action_partners, self.action_print)
        self.bestand_menu.insertSeparator(self.action_partners)
        self.bestand_menu.insertAction(self.action_quit, self.action_lock)
        self.bestand_menu.insertAction(self.action_quit, self.action_afmelden)
        self.bestand_menu.insertSeparator(self.action_quit)

        ga_naar = QMenu("&Ga naar", self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), ga_naar)
        self.area_actions: list[QAction] = []
        for i, title in enumerate(self.area_titles()[:9]):
            action = QAction(f"&{i + 1} {title}", self)
            action.setShortcut(f"Ctrl+{i + 1}")
            action.setProperty("uitleg", f"Naar {title}")  # in the Sneltoetsen screen
            action.triggered.connect(lambda _=False, t=title: self._go_to_area(t))
            ga_naar.addAction(action)
            self.area_actions.append(action)

        self.action_uitleg = QAction("&Uitleg bij dit scherm", self)
        self.action_uitleg.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.action_uitleg.triggered.connect(self.show_uitleg)
        self.action_sneltoetsen = QAction("&Sneltoetsen", self)
        self.action_sneltoetsen.triggered.connect(self.show_sneltoetsen)
        first = self.help_menu.actions()[0] if self.help_menu.actions() else None
        self.help_menu.insertAction(first, self.action_uitleg)
        self.help_menu.insertAction(first, self.action_sneltoetsen)
        if first is not None:
            self.help_menu.insertSeparator(first)

        self.stack.currentChanged.connect(self._update_print_action)  # the areas' own tabs: see _area
        for i in range(self.stack.count()):
            if isinstance(self.stack.widget(i), QTabWidget):  # an area with tabs: Ctrl+P follows its tab
                self.stack.widget(i).currentChanged.connect(self._update_print_action)
        self._update_print_action()

    def aan_de_slag(self, stap: str) -> None:
        """A button on the "Aan de slag" card: do that step."""
        if stap == "school_ingesteld":
            self.open_settings()
        elif stap == "leerlingen_geimporteerd":
            self.import_leerlingen()
        elif stap == "verzuim_geimporteerd":
            self.import_verzuim()
        else:
            self.show_area("Leerlingen")
            self.leerlingen.show_list()
            self.statusBar().showMessage("Open een leerling (Enter) en kies op het tabblad Traject "
                                         "'Traject openen…'.", 15_000)
        self.dashboard.aan_de_slag.refresh()

    def _go_to_area(self, title: str) -> None:
        self.show_area(title)
        self.nav.setFocus()

    def current_area_title(self) -> str:
        return self.nav.currentItem().text()

    def uitleg_scherm(self) -> str:
        """The screen F1 explains: the area, or on a student's page the Traject tab its own."""
        area = self._built("Leerlingen")
        if (area is not None and self.stack.currentWidget() is area and area.page_shown()
                and area.page.huidige_tab() == TAB_TRAJECT):
            return TAB_TRAJECT
        return self.current_area_title()

    def show_uitleg(self) -> None:
        from .help_dialog import UitlegDialog

        UitlegDialog(self.uitleg_scherm(), self).exec()

    def show_sneltoetsen(self) -> None:
        from .help_dialog import SneltoetsenDialog

        SneltoetsenDialog(self).exec()

    def _area_printer(self):
        """An area (or the current tab of an area) that prints itself has a method `afdrukken()`."""
        widget = self.stack.currentWidget()
        if isinstance(widget, QTabWidget):
            widget = widget.currentWidget()
        printer = getattr(widget, "afdrukken", None)
        return printer if callable(printer) and getattr(widget, "kan_afdrukken", True) else None

    def _print_target(self) -> str | None:
        """What Ctrl+P prints here: the open student's dossier (or the MDO-verslag on the MDO tab), or
        what the area prints itself."""
        if self._area_printer() is not None:
            return "area"
        area = self._built("Leerlingen")
        if (area is None or self.stack.currentWidget() is not area or not area.page_shown()
                or area.page.leerling is None or self.services.gebruiker.rol != Rol.ZORGCOORDINATOR):
            return None
        page = area.page
        if page.huidige_tab() != TAB_TRAJECT:
            return "dossier"
        view = page.traject  # on screen, so read already
        if (view.traject is not None and getattr(view, "mdos", None)
                and view.tabs.currentIndex() == 1):
            return "mdo"
        return "dossier"

    def _update_print_action(self, *_args) -> None:
        target = self._print_target()
        self.action_print.setEnabled(target is not None)
        self.action_print.setText({"mdo": "MDO-verslag af&drukken…", "dossier": "Dossier af&drukken…"}
                                  .get(target or "", "Af&drukken…"))
        self.action_print.setStatusTip("" if target else "Open een leerling om het dossier of een MDO-verslag "
                                                         "af te drukken.")

    def afdrukken(self) -> None:
        target = self._print_target()
        view = self.leerlingen.page.traject if target in ("mdo", "dossier") else None
        if target == "area":
            self._area_printer()()
        elif target == "mdo":
            held = [m for m in view.mdos if m.datum <= view.vandaag] or view.mdos
            view.mdo_afdrukken(held[-1])
        elif target == "dossier":
            view.dossier_afdrukken()
        else:
            self.statusBar().showMessage(self.action_print.statusTip(), 8_000)

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
            from ..importeren.import_wizard import ImportWizard
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
            from ..importeren.verzuim_import_wizard import VerzuimImportWizard
        except ImportError:
            log.warning("verzuim import wizard not available")
            errors.show_error(self, "Verzuim importeren is in deze versie nog niet beschikbaar.")
            return
        wizard = VerzuimImportWizard(self.services, self)
        wizard.imported.connect(self.refresh_signals)
        wizard.exec()

    def open_partners(self) -> None:
        from ..traject.partners_dialog import PartnersDialog

        dialog = PartnersDialog(self.services, self)
        dialog.exec()
        area = self._built("Leerlingen")
        if dialog.changed_any and area is not None and area._page is not None:  # a name in a traject may have changed
            area.page.refresh_traject()

    def open_gebruikers(self) -> None:
        from ..beheer.gebruikers_dialog import GebruikersDialog

        GebruikersDialog(self.services, self).exec()

    def open_audit(self) -> None:
        from ..beheer.audit_view import AuditDialog

        AuditDialog(self.services, self).exec()

    def open_bewaren(self) -> None:
        from ..beheer.bewaren_dialog import BewaarDialog

        dialog = BewaarDialog(self.services, self)
        dialog.opgeruimd.connect(self._after_opruimen)
        dialog.exec()

    def _after_opruimen(self, *_args) -> None:
        """Students or their data were deleted for good: every list and count must forget them."""
        if (area := self._built("Leerlingen")) is not None:  # (a list built later reads them fresh)
            area.refresh()
        self.refresh_signals()

    def open_profiel(self) -> None:
        from ..beheer.profiel_dialog import ProfielDialog

        if ProfielDialog(self.services, parent=self).exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage("Uw gegevens zijn opgeslagen.", 8_000)

    def wachtwoord_wijzigen(self) -> None:
        from ..beheer.gebruikers_dialog import WachtwoordDialog

        if WachtwoordDialog(self.services, self).exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage("Uw wachtwoord is gewijzigd.", 8_000)

    def open_settings(self) -> None:
        try:
            from ..beheer.instellingen_dialog import InstellingenDialog
        except ImportError:
            log.warning("settings dialog not available")
            errors.show_error(self, "Instellingen zijn in deze versie nog niet beschikbaar.")
            return
        dialog = InstellingenDialog(self.services, self)
        resultaat = dialog.exec()
        teruggezet = getattr(getattr(dialog, "backup_tab", None), "teruggezet", None)
        if teruggezet is not None:  # the "Back-ups" tab put a backup back: this session is over
            self._after_restore(teruggezet)
            return
        if getattr(getattr(dialog, "bewaar_tab", None), "opgeruimd_iets", False):
            self._after_opruimen()
        if resultaat == QDialog.DialogCode.Accepted:  # settings changed: thresholds, dagduur, codes
            self.refresh_signals()
            self.vergrendeling.set_minuten(self.services.vergrendeling.minuten())

    def backups_make_now(self) -> None:
        self.statusBar().showMessage("Bezig met een back-up…")
        self.backups.make_now()

    def restore_backup(self) -> None:
        self.signalen_loader.wait()  # background reads of the database must be done before it is replaced
        if (overzichten := self._built("Overzichten")) is not None:
            overzichten.wait()
        dialog = BackupDialog(self.services, self)
        dialog.exec()
        if dialog.teruggezet is not None:
            self._after_restore(dialog.teruggezet)

    def _after_restore(self, info) -> None:
        """The database file was replaced: close this window and log in again (as with "Afmelden")."""
        errors.show_info(self, f"De back-up van {tijdstip(info.gemaakt)} is teruggezet. Log opnieuw in, met het "
                               "wachtwoord dat u toen had.")
        self.afgemeld = True
        self.close()

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

    def afmelden(self) -> None:
        self.afgemeld = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        concept.bewaar_openstaande()  # text typed in a still open dialog a moment ago: kept as its draft
        self.vergrendeling.stop()
        self.settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTING_STATE, self.saveState())
        self.settings.sync()
        # Gone from the screen at once: waiting for a background computation and the backup on close
        # (seconds at a large school) happen after the window has disappeared, not in a frozen window.
        self.hide()
        self.close_services()
        event.accept()

    def close_services(self) -> None:
        if not self._closed:
            self._closed = True
            self.vergrendeling.stop()
            self.signalen_loader.wait()  # a background computation still reads the database
            if (overzichten := self._built("Overzichten")) is not None:
                overzichten.wait()
            self.backups.on_close()  # the backup on close, before the database closes
            self.services.close()
            gc.unfreeze()  # what was frozen (see _signals_loaded) can be collected again once this window is gone

