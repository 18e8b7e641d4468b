"""The main window's menu bar and shortcuts: Bestand, Ga naar and Help, printing (Ctrl+P follows what is
on screen) and the dialogs the menus open. `MainWindow` takes these methods from `Menus`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QTabWidget

from ...domain.gebruiker import Rol
from ..common import theme
from ..leerlingen.leerling_basis import CONTACTMOMENT_SHORTCUT, TAB_TRAJECT, kan_contactmoment
from .vergrendeling import SNELTOETS as VERGRENDEL_SNELTOETS

APP_NAME = "Thuiszit Desktop"


def app_version() -> str:
    try:
        from importlib.metadata import version

        return version("thuiszit-desktop")
    except Exception:  # not installed as a package (e.g. running from a checkout)
        return ""


class Menus:
    """The menus of `MainWindow` (a part of it: every attribute used here is the window's)."""

    def _set_icons(self) -> None:
        """The main actions in the menus with their icon from the one icon set (theme.ICONS)."""
        for attribute, naam in (("action_new", "nieuwe_leerling"), ("action_import", "importeren"),
                                ("action_import_verzuim", "importeren"), ("action_contactmoment", "contactmoment"),
                                ("action_settings", "instellingen"), ("action_find", "zoeken"),
                                ("action_print", "afdrukken"), ("action_lock", "vergrendelen")):
            action = getattr(self, attribute, None)
            if action is not None:
                action.setIcon(theme.icon(naam))

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
        for action in (self.action_backup, self.action_restore):  # a file's backups (a server's: `server backup`)
            action.setEnabled(can_edit and not self.services.ctx.store.op_server)
            action.setVisible(can_edit and not self.services.ctx.store.op_server)
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

    def open_profiel(self) -> None:
        from ..beheer.profiel_dialog import ProfielDialog

        if ProfielDialog(self.services, parent=self).exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage("Uw gegevens zijn opgeslagen.", 8_000)

    def wachtwoord_wijzigen(self) -> None:
        from ..beheer.gebruikers_dialog import WachtwoordDialog

        if WachtwoordDialog(self.services, self).exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage("Uw wachtwoord is gewijzigd.", 8_000)

    def _waar_de_gegevens_staan(self) -> str:
        import html  # (the about box's: not the start's)

        store = self.services.ctx.store
        if store.op_server:
            return ("<p>De gegevens staan in de gedeelde schooldatabase:<br>"
                    f"<small>{html.escape(store.adres.database)} op {html.escape(store.adres.host)}</small></p>")
        return ("<p>Alle gegevens blijven op deze computer, in een versleuteld bestand:<br>"
                f"<small>{html.escape(str(self.services.database_path))}</small></p>")

    def show_about(self) -> None:
        version = app_version()
        text = (f"<h3>{APP_NAME}{' ' + version if version else ''}</h3>"
                "<p>Voor de zorgcoördinator: leerlingen die thuiszitten of dreigen thuis te zitten in beeld "
                "houden, en samen met ouders en partners weer naar school helpen.</p>"
                + self._waar_de_gegevens_staan())
        from PySide6.QtWidgets import QMessageBox  # (made when first used, see errors._qt_later)

        QMessageBox.about(self, f"Over {APP_NAME}", text)
