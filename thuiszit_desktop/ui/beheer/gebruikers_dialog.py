"""Users: the zorgcoördinator's "Gebruikers…" dialog (add, role and klassen, reset, disable) and
"Wachtwoord wijzigen…" for every user. All checks are the service's; the dialogs show its Dutch
messages beside the fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.gebruiker import MIN_WACHTWOORD, Rol
from ...services.gebruikers import GebruikerRij, is_intrekking
from ...services.session import Services
from ..common import errors
from ..common.form import FormDialog
from ..common.widgets import hint
from .sleutelwissel import SleutelwisselDialog

COLUMNS = ["Naam", "Rol", "Klassen", "Status"]
ROL_UITLEG = {
    Rol.ZORGCOORDINATOR: "Ziet en doet alles, ook gebruikers beheren.",
    Rol.MENTOR: "Ziet alleen de leerlingen van de eigen klassen: niveau, signalen, contactmomenten en "
                "vastgestelde plannen. Kan contactmomenten vastleggen en eigen actiepunten afsluiten.",
    Rol.ALLEEN_LEZEN: "Ziet alleen aantallen en overzichten, geen namen of dossiers.",
}


def _wachtwoordveld() -> QLineEdit:
    veld = QLineEdit()
    veld.setEchoMode(QLineEdit.EchoMode.Password)
    return veld


class GebruikerFormulier(FormDialog):
    """A new user (`rij` None: name, role, klassen, password twice) or a user's role and klassen."""

    def __init__(self, services: Services, rij: GebruikerRij | None = None, parent: QWidget | None = None):
        super().__init__("Gebruiker toevoegen" if rij is None else f"{rij.naam}: rol en klassen", parent, save_text="OK")
        self.services = services
        self.rij = rij
        self.resultaat: GebruikerRij | None = None
        self.naam = QLineEdit()
        if rij is None:
            self.field("&Naam", "naam", self.naam)
        self.rol = QComboBox()
        for r in Rol:
            self.rol.addItem(r.label, r.value)
        self.rol_uitleg = hint("")
        self.field("&Rol", "rol", self.rol, self.rol_uitleg)
        self.klassen = QListWidget()
        self.klassen.setMaximumHeight(160)
        for klas in services.leerlingen.klassen():
            item = QListWidgetItem(klas)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if rij and klas in rij.klassen else Qt.CheckState.Unchecked)
            self.klassen.addItem(item)
        self.field("&Klassen", "klassen", self.klassen, hint("Alleen voor een mentor: de klassen die hij of zij ziet."))
        self.wachtwoord, self.herhaling = _wachtwoordveld(), _wachtwoordveld()
        if rij is None:
            self.field("&Wachtwoord", "wachtwoord", self.wachtwoord,
                      hint(f"Minstens {MIN_WACHTWOORD} tekens, met letters én cijfers of leestekens. Geef het "
                           "persoonlijk door; de gebruiker kan het daarna zelf wijzigen."))
            self.field("&Herhaal wachtwoord", "herhaling", self.herhaling)
        if rij is not None:
            self.rol.setCurrentIndex(self.rol.findData(rij.rol.value))
        else:
            self.rol.setCurrentIndex(self.rol.findData(Rol.MENTOR.value))
        self.rol.currentIndexChanged.connect(self._rol_changed)
        self._rol_changed()
        self.finish(460)

    def gekozen_klassen(self) -> list[str]:
        return [self.klassen.item(i).text() for i in range(self.klassen.count())
                if self.klassen.item(i).checkState() == Qt.CheckState.Checked]

    def kies_klassen(self, klassen: list[str]) -> None:
        for i in range(self.klassen.count()):
            item = self.klassen.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in klassen else Qt.CheckState.Unchecked)

    def _rol_changed(self, *_args) -> None:
        rol = Rol(self.rol.currentData())
        self.rol_uitleg.setText(ROL_UITLEG[rol])
        self.klassen.setEnabled(rol == Rol.MENTOR)

    def _do_save(self) -> None:
        rol = Rol(self.rol.currentData())
        klassen = self.gekozen_klassen() if rol == Rol.MENTOR else []
        if self.rij is None:
            self.resultaat = self.services.gebruikers.toevoegen(self.naam.text(), rol, klassen,
                                                                self.wachtwoord.text(), self.herhaling.text())
        elif is_intrekking(self.rij.rol, rol):
            # less than before revokes: the keys rotate, in a worker with a progress bar
            naam = self.rij.naam
            dialog = SleutelwisselDialog(self.services, naam, lambda voortgang: self.services.gebruikers.wijzigen(
                naam, rol=rol, klassen=klassen, voortgang=voortgang), self)
            dialog.exec()
            if dialog.resultaat is None:
                raise InvoerFout(dialog.fout.text() or "Dat lukte niet.")
            self.resultaat = dialog.resultaat
        else:
            self.resultaat = self.services.gebruikers.wijzigen(self.rij.naam, rol=rol, klassen=klassen)


class NieuwWachtwoordDialog(FormDialog):
    """A new password for someone else, typed twice: `zetten(wachtwoord, herhaling)` does the work."""

    def __init__(self, titel: str, uitleg: str, zetten: Callable[[str, str], object], parent: QWidget | None = None):
        super().__init__(titel, parent, save_text="OK")
        self.zetten = zetten
        self.wachtwoord, self.herhaling = _wachtwoordveld(), _wachtwoordveld()
        self.field("&Nieuw wachtwoord", "wachtwoord", self.wachtwoord)
        self.field("&Herhaal wachtwoord", "herhaling", self.herhaling)
        self.add_above(hint(uitleg))
        self.finish(420)

    def _do_save(self) -> None:
        self.zetten(self.wachtwoord.text(), self.herhaling.text())


class WachtwoordDialog(FormDialog):
    """Every user: change one's own password (the current one first)."""

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 wijzigen: Callable[[str, str, str], object] | None = None, opent: str = "de database"):
        super().__init__("Wachtwoord wijzigen", parent, save_text="OK")
        self.services = services
        # alleen-lezen changes the password of the overview (services/lezersoverzicht.py), not a database slot
        self.wijzigen = wijzigen or services.gebruikers.wachtwoord_wijzigen
        self.oud, self.wachtwoord, self.herhaling = _wachtwoordveld(), _wachtwoordveld(), _wachtwoordveld()
        self.field("&Huidig wachtwoord", "oud", self.oud)
        self.field("&Nieuw wachtwoord", "wachtwoord", self.wachtwoord,
                  hint(f"Minstens {MIN_WACHTWOORD} tekens, met letters én cijfers of leestekens."))
        self.field("&Herhaal nieuw wachtwoord", "herhaling", self.herhaling)
        self.add_above(hint(f"U bent ingelogd als {services.gebruiker.naam}. Met het nieuwe wachtwoord opent u "
                            f"voortaan {opent}."))
        self.finish(420)

    def _do_save(self) -> None:
        self.wijzigen(self.oud.text(), self.wachtwoord.text(), self.herhaling.text())


class GebruikersDialog(QDialog):
    """The zorgcoördinator's list of users with what can be done to each."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.rijen: list[GebruikerRij] = []
        self.setWindowTitle("Gebruikers")
        self.setSizeGripEnabled(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Iedereen logt in met een eigen naam en wachtwoord. Een mentor ziet alleen de leerlingen "
                              "van de eigen klassen; alleen-lezen ziet alleen aantallen en overzichten."))
        self.tabel = QTableWidget(0, len(COLUMNS))
        self.tabel.setHorizontalHeaderLabels(COLUMNS)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setTabKeyNavigation(False)  # Tab leaves the (read-only) table for the buttons
        self.tabel.verticalHeader().hide()
        self.tabel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabel.horizontalHeader().setStretchLastSection(True)
        self.tabel.itemSelectionChanged.connect(self._update_buttons)
        self.tabel.doubleClicked.connect(lambda _index: self.wijzigen())
        layout.addWidget(self.tabel, 1)

        knoppen = QHBoxLayout()
        self.toevoegen_knop = QPushButton("&Toevoegen…")
        self.toevoegen_knop.clicked.connect(self.toevoegen)
        self.wijzigen_knop = QPushButton("&Rol en klassen…")
        self.wijzigen_knop.clicked.connect(self.wijzigen)
        self.reset_knop = QPushButton("&Wachtwoord resetten…")
        self.reset_knop.clicked.connect(self.resetten)
        self.schakel_knop = QPushButton("&Uitschakelen")
        self.schakel_knop.clicked.connect(self.schakelen)
        self.gegevens_knop = QPushButton("&Gegevens…")
        self.gegevens_knop.setToolTip("Volledige naam, functie, telefoon en e-mail")
        self.gegevens_knop.clicked.connect(self.gegevens)
        for knop in (self.toevoegen_knop, self.wijzigen_knop, self.gegevens_knop, self.reset_knop, self.schakel_knop):
            knoppen.addWidget(knop)
        knoppen.addStretch(1)
        layout.addLayout(knoppen)
        sluiten = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        sluiten.rejected.connect(self.reject)
        layout.addWidget(sluiten)
        self.vullen()
        self.resize(640, 420)

    # --- the list ----------------------------------------------------------------------------------

    def vullen(self, kies: str | None = None) -> None:
        self.rijen = self.services.gebruikers.lijst()
        self.tabel.setRowCount(len(self.rijen))
        for r, rij in enumerate(self.rijen):
            cellen = [rij.naam, rij.rol.label, ", ".join(rij.klassen) or "–", "actief" if rij.actief else "uitgeschakeld"]
            for c, tekst in enumerate(cellen):
                item = QTableWidgetItem(tekst)
                if not rij.actief:
                    item.setForeground(self.palette().placeholderText())
                self.tabel.setItem(r, c, item)
            if rij.naam == kies:
                self.tabel.selectRow(r)
        self._update_buttons()

    def huidige(self) -> GebruikerRij | None:
        rows = self.tabel.selectionModel().selectedRows()
        return self.rijen[rows[0].row()] if rows else None

    def kies(self, naam: str) -> None:
        self.vullen(kies=naam)

    def _update_buttons(self) -> None:
        rij = self.huidige()
        for knop in (self.wijzigen_knop, self.gegevens_knop, self.reset_knop, self.schakel_knop):
            knop.setEnabled(rij is not None)
        self.reset_knop.setEnabled(rij is not None and rij.actief)
        self.schakel_knop.setText("&Inschakelen…" if rij is not None and not rij.actief else "&Uitschakelen")
        self.schakel_knop.setEnabled(rij is not None and rij.id != self.services.gebruiker.id)

    # --- actions -----------------------------------------------------------------------------------

    def toevoegen(self) -> GebruikerFormulier:
        formulier = GebruikerFormulier(self.services, None, self)
        if formulier.exec() == QDialog.DialogCode.Accepted and formulier.resultaat:
            self.vullen(kies=formulier.resultaat.naam)
        return formulier

    def wijzigen(self) -> None:
        rij = self.huidige()
        if rij is None:
            return
        formulier = GebruikerFormulier(self.services, rij, self)
        if formulier.exec() == QDialog.DialogCode.Accepted:
            self.vullen(kies=rij.naam)
            nieuw = formulier.resultaat
            if rij.rol == Rol.ALLEEN_LEZEN and nieuw is not None and nieuw.rol != Rol.ALLEEN_LEZEN:
                # alleen-lezen had no key for the database: with the new role they need a password for it
                errors.show_info(self, f"{rij.naam} had als alleen-lezen geen sleutel voor de database. Geef nu een "
                                       "nieuw wachtwoord, dan kan hij of zij met de nieuwe rol inloggen.")
                self.resetten()

    def gegevens(self):
        """The selected user's full name, function, phone and e-mail (their gebruiker row stays as it is)."""
        from .profiel_dialog import ProfielDialog

        rij = self.huidige()
        if rij is None:
            return None
        dialog = ProfielDialog(self.services, rij.id, rij.naam, self)
        dialog.exec()
        return dialog

    def resetten(self) -> None:
        rij = self.huidige()
        if rij is None:
            return
        dialog = NieuwWachtwoordDialog(
            f"Wachtwoord van {rij.naam} resetten",
            f"{rij.naam} is het wachtwoord vergeten? Kies een nieuw wachtwoord en geef het persoonlijk door.",
            lambda ww, herhaling: self.services.gebruikers.wachtwoord_resetten(rij.naam, ww, herhaling), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            errors.show_info(self, f"Het wachtwoord van {rij.naam} is gewijzigd.")

    def schakelen(self) -> None:
        rij = self.huidige()
        if rij is None:
            return
        if rij.actief:
            if not errors.ask(self, f"{rij.naam} uitschakelen?",
                              detail="Daarna kan deze gebruiker niet meer inloggen, ook niet met een oude kopie van "
                                     "het sleutelbestand: de database krijgt nieuwe sleutels. Wat hij of zij heeft "
                                     "vastgelegd, blijft bewaard. Weer inschakelen kan met een nieuw wachtwoord."):
                return
            SleutelwisselDialog(self.services, rij.naam, lambda voortgang: self.services.gebruikers.uitschakelen(
                rij.naam, voortgang=voortgang), self).exec()
        else:
            dialog = NieuwWachtwoordDialog(
                f"{rij.naam} inschakelen",
                f"{rij.naam} kan weer inloggen met een nieuw wachtwoord. Geef het persoonlijk door.",
                lambda ww, herhaling: self.services.gebruikers.inschakelen(rij.naam, ww, herhaling), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        self.vullen(kies=rij.naam)
