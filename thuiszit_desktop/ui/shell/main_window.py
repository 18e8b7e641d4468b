"""The main window: a navigation on the left with the areas that work, the area on the right.

Its menus and shortcuts are in menus.py, the Leerlingen area (list and student page) in
ui/leerlingen/leerlingen_area.py."""

from __future__ import annotations

import gc
import importlib.util
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QChildEvent, QEvent, QSettings, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ...domain.errors import GeenToegang, NietGevonden
from ...domain.gebruiker import Rol
from ...domain.signaalsoort import SignaalSoort
from ...services.session import Services
from ..beheer.backup_dialog import BackupDialog, BackupSchedule, tijdstip
from ..common import concept, errors, theme
from ..common.layout_memory import remember_layout
from ..common.wijzigingen import Wijzigingen
from ..common.worker import Loader, voorrang, voorrang_over
from ..leerlingen.leerling_basis import TAB_TRAJECT
from ..leerlingen.leerlingen_area import LeerlingenArea
from ..vandaag.stand import SignalenLoader, Stand
from .menus import APP_NAME, Menus
from .vergrendeling import Vergrendeling

if TYPE_CHECKING:
    from ..overzichten.overzichten_view import OverzichtenView
    from ..traject.trajecten_view import TrajectenView
    from ..vandaag.dashboard import Dashboard

log = logging.getLogger(__name__)

SETTING_GEOMETRY = "hoofdvenster/geometrie"
SETTING_STATE = "hoofdvenster/staat"
# The module of each area built on its first showing (see the _build_… methods), imported ahead in idle time.
AREA_MODULES = {"Vandaag": "..vandaag.dashboard", "Trajecten": "..traject.trajecten_view",
                "Overzichten": "..overzichten.overzichten_view", "Schoolkalender": "..kalender.kalender_view"}
# What else a first action needs that the window's first paint does not, imported ahead after the areas' modules.
VOORAF_MODULES = ("..leerlingen.leerling_kiezer",)
VOORAF_WACHT_MS = 200  # while the signals are computed, the imports wait (they would slow them down)


@dataclass
class _LazyArea:
    build: object  # () -> QWidget
    placeholder: QWidget  # in the stack until the area is built
    widget: QWidget | None = None


class MainWindow(QMainWindow, Menus):
    geschilderd = Signal()  # the first paint: work that must not hold it up starts then (startup.py)

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
        theme.style(self.nav, theme.NAVIGATIE_STIJL)
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
        # The list's rows kept in the file for the next start (services.leerlingen.bewaren), once the first
        # signals are in: not in the way of the first paint or of the signals. Once a session: after a change
        # the next start reads the rows and keeps them. A failure only means they are read again.
        self.lijst_bewaren = Loader(services, self, report=False)
        self.lijst_bewaren.crashed.connect(lambda exc: log.warning("list not kept: %s", type(exc).__name__))

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
        self.schade = None  # the check after the first paint found damage: startup offers the way out
        self.vergrendeling = Vergrendeling(self, services, services.vergrendeling.minuten())
        self.vergrendeling.afmelden.connect(self.afmelden)
        self.backups = BackupSchedule(services, self)  # daily and on close
        self.backups.made.connect(lambda info: self.statusBar().showMessage(
            f"Back-up gemaakt ({tijdstip(info.gemaakt)}).", 8_000))
        self.backups.failed.connect(lambda melding: errors.show_error(self, melding))
        self._volg_anderen()
        self._restore_geometry()
        self._remember_layout()
        # views built later get theirs when shown; only the area shown is walked (once per switch)
        self.stack.currentChanged.connect(lambda _i: self._remember_layout(binnen=self.stack.currentWidget()))
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
            QTimer.singleShot(0, self.geschilderd.emit)
            QTimer.singleShot(0, self, self._importeer_vooraf)

    def _importeer_vooraf(self, namen: list[str] | None = None) -> None:
        """Import the modules of the areas not built yet, one per turn of the event loop once the signals are
        in: the first click on an area then pays no imports (Vandaag's were 6–15 ms of it; issue 16). Right after
        the user asked for a screen (`voorrang`) the next import waits until it is built and painted: an import
        in between made the user's first openings of a student 6–15 ms slower."""
        if self._closed:
            return
        if self.signalen_loader.busy:
            QTimer.singleShot(VOORAF_WACHT_MS, self, lambda: self._importeer_vooraf(namen))
            return
        if (rest := voorrang_over()) > 0:
            QTimer.singleShot(math.ceil(rest * 1000), self, lambda: self._importeer_vooraf(namen))
            return
        if namen is None:
            namen = [AREA_MODULES[t] for t in self.area_titles() if t in AREA_MODULES and self._built(t) is None]
            namen += VOORAF_MODULES
        if namen:
            try:
                importlib.import_module(namen[0], __package__)
            except ImportError:  # the area says so when it is shown (see _build_kalender)
                log.warning("area module %s not importable", namen[0])
            QTimer.singleShot(0, self, lambda: self._importeer_vooraf(namen[1:]))  # the next one in the next turn

    def _first_signals(self) -> None:
        if not self._closed and self.signalen_loader.gepland and (self._geschilderd or not self.isVisible()):
            self.refresh_signals()

    # --- areas -----------------------------------------------------------------------------------

    def _apply_role(self) -> None:
        """Alleen-lezen sees counts and overviews, no students; a mentor gets no overview (every tab of
        Overzichten is about the whole school): those areas are not offered (the services refuse or return
        nothing anyway, see services/toegang.py)."""
        verborgen = {Rol.ALLEEN_LEZEN: ("Leerlingen", "Trajecten"), Rol.MENTOR: ("Overzichten",)}
        for title in verborgen.get(self.services.gebruiker.rol, ()):
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

    def _area(self, title: str, *, getoond: bool = False) -> QWidget:
        """The area's widget, built now if it was not yet; it takes the place of its placeholder in the stack.
        `getoond`: the stack is about to show it (then its listener restores the layout, not this)."""
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
            if current:  # its splitters and columns as the user left them: by the stack's listener
                self.stack.currentChanged.emit(index)
            elif not getoond:
                self._remember_layout(binnen=widget)
        return lazy.widget

    def _show_row(self, row: int) -> None:
        voorrang()  # background jobs wait while the area is built and painted
        item = self.nav.item(row)
        if item is not None and item.text() in self._lazy and not self._uitgesteld:
            nieuw = self._built(item.text()) is None
            widget = self._area(item.text(), getoond=True)
            self._net_gebouwd = widget if nieuw else None
        try:
            self.stack.setCurrentIndex(row)
        finally:
            self._net_gebouwd = None

    @property
    def dashboard(self) -> Dashboard:
        dashboard = self._area("Vandaag")
        dashboard.af()  # asked for: whole (shown, its lines and side may come in the turns after its first paint)
        return dashboard

    @property
    def leerlingen(self) -> LeerlingenArea:
        return self._area("Leerlingen")

    @property
    def trajecten(self) -> TrajectenView:
        view = self._area("Trajecten")
        view.af()  # asked for: with its lines (shown, they may come a turn after its first paint)
        return view

    @property
    def overzichten(self) -> OverzichtenView:
        return self._area("Overzichten")

    @property
    def kalender(self) -> QWidget | None:
        """The school calendar, or None when this version does not have it."""
        if "Schoolkalender" not in self._lazy:
            return None
        view = self._area("Schoolkalender")
        if hasattr(view, "af"):  # (a label when this version cannot show it)
            view.af()  # asked for: with its year (shown, it may come a turn after its first paint)
        return view

    def _build_dashboard(self) -> Dashboard:
        from ..vandaag.dashboard import Dashboard

        dashboard = Dashboard(self.services, self.signalen_loader, settings=self.settings, in_delen=True)
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
        area.currentChanged.connect(lambda _i: self._remember_layout(binnen=area))
        area.currentChanged.connect(self._update_print_action)
        area.page_built.connect(self._page_built)
        loader = self.signalen_loader
        if loader.stand is not None:  # computed before the list was first shown
            area.list.set_overzicht(loader.stand.overzicht, loader.stand.lijst_regels)
        if loader.busy:
            area.list.set_signalen_loading(True)
        return area

    def _page_built(self, page) -> None:
        self._remember_layout(binnen=page)
        for signal in (page.tabs.currentChanged, page.traject_weergave):
            signal.connect(self._update_print_action)

    def _build_trajecten(self) -> TrajectenView:
        from ..traject.trajecten_view import TrajectenView

        view = TrajectenView(self.services, in_delen=True)
        view.open_leerling.connect(lambda nummer: self.open_leerling(nummer, TAB_TRAJECT))
        view.changed.connect(self.refresh_signals)
        view.signalen_requested.connect(lambda: self.show_area("Vandaag"))
        return view

    def _build_overzichten(self) -> OverzichtenView:
        from ..overzichten.overzichten_view import OverzichtenView

        view = OverzichtenView(self.services)
        view.open_leerling.connect(lambda nr: self.open_leerling(nr, TAB_TRAJECT))  # from the Lijstbespreking
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

        view = KalenderView(self.services, in_delen=True)
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
        if not self._herinneringen_gemeld:  # the first signals of the session
            self.lijst_bewaren.start(lambda _progress: self.services.leerlingen.bewaren())
            # at start: a short notice, no popup
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

    def _remember_layout(self, *_args, binnen: QWidget | None = None) -> None:
        """Splitters and table columns as the user left them, also after a restart (`binnen`: only there)."""
        remember_layout(self, "indeling", self.settings, binnen)

    def childEvent(self, event: QChildEvent) -> None:
        """A dialog of this window, built and about to show: its splitters and table columns come back too."""
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished and isinstance(dialog := event.child(), QDialog):
            remember_layout(dialog, f"dialoog/{type(dialog).__name__}", self.settings)

    def open_leerling(self, leerlingnummer: str, tab: str | None = None) -> None:
        voorrang()  # background jobs wait while the page is built and painted
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
            from ..leerlingen.leerling_kiezer import kies_leerling  # (imported ahead in idle time)

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

    # --- status bar ------------------------------------------------------------------------------

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

    def _build_status_bar(self) -> None:
        gebruiker = self.services.gebruiker
        self.user_label = QLabel(f"Ingelogd als {gebruiker.naam} ({gebruiker.rol.label})")
        self.verbinding_label = QLabel()  # shown while the school database cannot be reached
        self.verbinding_label.setObjectName("verbinding")
        self.verbinding_label.hide()
        self.statusBar().addPermanentWidget(self.verbinding_label)
        self.statusBar().addPermanentWidget(self.user_label)
        if self.services.ctx.store.op_server:  # which school database this window works in (issue 18)
            adres = self.services.ctx.store.adres
            self.opslag_label = QLabel(f"Schooldatabase: {adres.database} op {adres.host}")
            self.opslag_label.setToolTip(f"{adres.host}:{adres.poort}, database {adres.database}, als {adres.gebruiker}"
                                         f" ({'versleuteld, verify-full' if adres.sslmode != 'disable' else 'zonder versleuteling'})")
            self.statusBar().addPermanentWidget(self.opslag_label)
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

    def _after_opruimen(self, *_args) -> None:
        """Students or their data were deleted for good: every list and count must forget them."""
        if (area := self._built("Leerlingen")) is not None:  # (a list built later reads them fresh)
            area.refresh()
        self.refresh_signals()

    def open_settings(self) -> None:
        try:
            from ..beheer.instellingen_dialog import InstellingenDialog
        except ImportError:
            log.warning("settings dialog not available")
            errors.show_error(self, "Instellingen zijn in deze versie nog niet beschikbaar.")
            return
        dialog = InstellingenDialog(self.services, self, settings=self.settings)
        resultaat = dialog.exec()
        if getattr(dialog, "opslag_gewisseld", False):  # Opslag: another store from now on – log in there (as with "Afmelden")
            self.afmelden()
            return
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
        self.lijst_bewaren.wait()
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

    # --- other users (the shared school database) ------------------------------------------------

    def _volg_anderen(self) -> None:
        """On a server: screens read again when a colleague changes what they show, and the status bar says
        when the school database is gone and back (ui/common/wijzigingen.py)."""
        self.wijzigingen = Wijzigingen(self.services, self)
        self.wijzigingen.vernieuwen.connect(self._anderen_wijzigden)
        self.wijzigingen.verbinding.connect(self._verbinding_gewijzigd)
        self._verbinding_weg = False

    def _anderen_wijzigden(self, _tabellen) -> None:
        """Read the open list, student page and trajecten again (built areas only: one built later reads fresh)."""
        if self._closed:
            return
        if (leerlingen := self._built("Leerlingen")) is not None:
            leerlingen.refresh()
        if (trajecten := self._built("Trajecten")) is not None:
            trajecten.refresh()
        self.refresh_signals()

    def _verbinding_gewijzigd(self, verbonden: bool) -> None:
        if not verbonden:
            self._verbinding_weg = True
            self.verbinding_label.setText("Geen verbinding met de schooldatabase – opnieuw proberen…")
            self.verbinding_label.show()
            self.statusBar().showMessage("De schooldatabase is niet bereikbaar. Wat u typt blijft bewaard als "
                                         "concept op deze computer (versleuteld); het programma probeert "
                                         "steeds opnieuw te verbinden.", 30_000)
        elif self._verbinding_weg:
            self._verbinding_weg = False
            self.verbinding_label.hide()
            try:  # drafts kept here meanwhile go back into the database, where their forms find them
                terug = self.services.concepten.naar_server()
            except errors.GebruikersFout:
                terug = 0  # gone again already: the next "terug" tries once more
            self.statusBar().showMessage(
                "De verbinding met de schooldatabase is terug." + (
                    f" {terug} concept{'en' if terug > 1 else ''} van toen staa{'n' if terug > 1 else 't'} klaar: "
                    "open het formulier opnieuw en sla op." if terug else ""), 30_000)
            self._anderen_wijzigden(frozenset())

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
            self.wijzigingen.stop()
            # A background job still reads the database: wait for it, and forget it, so that its outcome (queued
            # for this thread) does not arrive – and start more work – once the database is closed.
            for loader in (self.signalen_loader, self.lijst_bewaren):
                loader.stop()
                loader.wait()
            if (overzichten := self._built("Overzichten")) is not None:
                overzichten.wait()
            self.backups.on_close()  # the backup on close, before the database closes
            self.services.close()
            gc.unfreeze()  # what was frozen (see _signals_loaded) can be collected again once this window is gone

