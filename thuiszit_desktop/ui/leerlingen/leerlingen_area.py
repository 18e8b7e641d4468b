"""The Leerlingen area of the main window: the list of students and, in the same place, one student's page."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QStackedWidget, QWidget

from ...domain.errors import GeenToegang, NietGevonden
from ...domain.gebruiker import Rol
from ...domain.leerling import Leerling
from ...services.session import Services
from ..common import errors
from ..common.worker import voorrang
from .leerling_basis import contactmoment_vastleggen, kan_contactmoment
from .leerlingen_view import LeerlingenView


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
        voorrang()  # background jobs and idle work wait while the page is built and painted (from the list too)
        try:
            self.page.show_leerling(leerlingnummer)
        except (NietGevonden, GeenToegang) as exc:  # GeenToegang: a mentor, for a student of another klas
            errors.show_user_error(self, exc)
            self.list.refresh()
            return False
        if tab is not None:
            self.page.show_tab(tab)
        self.setCurrentWidget(self.page)
        self.page.schikken()
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
