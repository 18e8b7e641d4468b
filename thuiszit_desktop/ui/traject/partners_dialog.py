"""The shared address book of partners (leerplicht, jeugdarts, SWV, jeugdhulp …): list, add and edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.gebruiker import Rol
from ...domain.mdo import Partner
from ...domain.traject import MdoRol
from ...domain.zoeken import zoek_in, zoeksleutel, zoektermen
from ...services.session import Services
from ..common import errors
from ..common.form import FormDialog, ask_discard
from ..common.ongedaan_bar import toon_ongedaan
from ..common.widgets import form_layout, hint, with_error
from .personen import rol_label

COLUMNS = ["Naam", "Rol", "Organisatie", "Telefoon", "E-mail"]
PARTNERS_BUITEN_SCHOOL = "__buiten_school__"
SCHOOL_ROLLEN = (MdoRol.ZORGCOORDINATOR.value, MdoRol.MENTOR.value)


class PartnersDialog(FormDialog):
    """`PartnersDialog(services, parent)`; `changed_any` is True once something was saved."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("Adresboek van partners", parent)
        self.services = services
        self.can_edit = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.changed_any = False
        self.partners: list[Partner] = []
        self.current: Partner | None = None
        self.setSizeGripEnabled(True)

        layout = QVBoxLayout(self)
        layout.addWidget(hint("Partners die u in een MDO of als eigenaar van een actiepunt kiest, staan hier. Het "
                              "adresboek is gedeeld: elke leerling gebruikt dezelfde gegevens."))
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoeken op naam, rol of organisatie")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        top.addWidget(self.search, 1)
        self.rol_filter = QComboBox()
        self.rol_filter.addItem("Alle rollen", "")
        self.rol_filter.addItem("Partners buiten school", PARTNERS_BUITEN_SCHOOL)
        for r in MdoRol:
            if r.is_partner:
                self.rol_filter.addItem(r.label, r.value)
        self.rol_filter.currentIndexChanged.connect(self._filter)
        top.addWidget(self.rol_filter)
        self.new_button = QPushButton("Nieuwe partner")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new)
        self.new_button.setVisible(self.can_edit)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the (read-only) table for the buttons
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)

        self.form_box = QGroupBox("Nieuwe partner")
        form = form_layout()
        self.naam = QLineEdit()
        self.rol = QComboBox()
        self.rol.addItem("Kies een rol", "")
        for r in MdoRol:
            if r.is_partner:
                self.rol.addItem(r.label, r.value)
        self.organisatie = QLineEdit()
        self.organisatie.setPlaceholderText("bijvoorbeeld GGD, gemeente, samenwerkingsverband")
        self.telefoon = QLineEdit()
        self.email = QLineEdit()
        fe = self.field_errors
        form.addRow("Naam *", with_error(self.naam, fe.add("naam", self.naam)))
        form.addRow("Rol *", with_error(self.rol, fe.add("rol", self.rol)))
        form.addRow("Organisatie", self.organisatie)
        form.addRow("Telefoon", self.telefoon)
        form.addRow("E-mail", with_error(self.email, fe.add("email", self.email)))
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addWidget(self.general_error)
        box_layout.addLayout(form)
        buttons = QHBoxLayout()
        self.delete_button = QPushButton("Verwijderen…")
        self.delete_button.setAutoDefault(False)
        self.delete_button.setToolTip("Een partner die per vergissing in het adresboek staat")
        self.delete_button.clicked.connect(self.verwijderen)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        box_layout.addLayout(buttons)
        self.form_box.setVisible(self.can_edit)
        layout.addWidget(self.form_box)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

        self.refresh()
        self.new()
        self.resize(860, 640)
        screen = (parent.screen() if parent else None) or self.screen()
        if screen is not None:
            g = screen.availableGeometry()
            self.resize(min(860, g.width() - 40), min(640, g.height() - 60))

    # --- the list ------------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        self.partners = self.services.partners.partners()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.partners))
        for r, p in enumerate(self.partners):
            rol = rol_label(p.rol.value if isinstance(p.rol, MdoRol) else str(p.rol))
            for c, text in enumerate([p.naam, rol, p.organisatie, p.telefoon, p.email]):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, p.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        self._filter()
        if select_id is not None:
            for r, p in enumerate(self.partners):
                if p.id == select_id:
                    self.table.selectRow(r)
                    break

    def _filter(self) -> None:
        zoek = zoektermen(self.search.text())
        rol_filter = self.rol_filter.currentData()
        for r, p in enumerate(self.partners):
            rol = p.rol.value if isinstance(p.rol, MdoRol) else str(p.rol)
            tekst = zoeksleutel(" ".join([p.naam, rol_label(rol), p.organisatie, p.email]))
            verborgen = not zoek_in(zoek, tekst)
            if rol_filter == PARTNERS_BUITEN_SCHOOL:
                verborgen = verborgen or rol in SCHOOL_ROLLEN
            elif rol_filter:
                verborgen = verborgen or rol != rol_filter
            self.table.setRowHidden(r, verborgen)

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows:
            return
        p = self.partners[min(rows)]
        if self.current is not None and p.id == self.current.id:
            return
        if self.has_changes() and not ask_discard(self):
            self.table.blockSignals(True)
            self.table.clearSelection()
            self.table.blockSignals(False)
            return
        self.load(p)

    # --- the form ------------------------------------------------------------------------------------

    def load(self, p: Partner | None) -> None:
        self.field_errors.clear()
        self.current = p
        self.form_box.setTitle(f"{p.naam} wijzigen" if p else "Nieuwe partner")
        self.naam.setText(p.naam if p else "")
        rol = (p.rol.value if isinstance(p.rol, MdoRol) else str(p.rol)) if p else ""
        self.rol.setCurrentIndex(max(self.rol.findData(rol), 0))
        self.organisatie.setText(p.organisatie if p else "")
        self.telefoon.setText(p.telefoon if p else "")
        self.email.setText(p.email if p else "")
        self.delete_button.setVisible(self.can_edit and p is not None and p.id is not None)
        self._initial = self._snapshot()

    def new(self) -> None:
        if self._initial is not None and self.has_changes() and not ask_discard(self):
            return
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self.load(None)
        self.naam.setFocus()

    def _snapshot(self) -> tuple:
        return (self.naam.text(), self.rol.currentData(), self.organisatie.text(), self.telefoon.text(),
                self.email.text())

    def has_changes(self) -> bool:
        return self.can_edit and self._snapshot() != self._initial

    def value(self) -> Partner:
        rol = self.rol.currentData()
        return Partner(self.naam.text(), MdoRol(rol) if rol else "", self.organisatie.text(), self.telefoon.text(),
                       self.email.text(), self.current.id if self.current else None)

    def save(self) -> bool:
        self.field_errors.clear()
        try:
            saved = self.services.partners.partner_opslaan(self.value())
        except InvoerFout as exc:
            first = self.field_errors.show(exc.fouten)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.changed_any = True
        self._initial = self._snapshot()
        self.refresh(select_id=saved.id)
        self.load(next((p for p in self.partners if p.id == saved.id), saved))
        return True

    def verwijderen(self) -> bool:
        p = self.current
        if p is None or p.id is None or not errors.bevestig_verwijderen(
                self, p.naam, "Deze partner verdwijnt uit het adresboek; verslagen van MDO's houden de naam."):
            return False
        try:
            weg = self.services.partners.partner_verwijderen(p.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.changed_any = True
        self.refresh()
        self.table.blockSignals(True)
        self.table.clearSelection()  # the form is empty again: no row may look chosen
        self.table.blockSignals(False)
        self.load(None)
        toon_ongedaan(self, self.services, weg, lambda: self.refresh(select_id=p.id))
        return True
