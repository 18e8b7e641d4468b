"""Adding an actiepunt outside an MDO or gesprek."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain.actiepunt import Actiepunt
from ...services.session import Services
from ..common.form import FormDialog
from ..common.widgets import DateEdit
from .personen import PersoonCombo


class ActiepuntDialog(FormDialog):
    """An actiepunt outside an MDO: wat, wie, uiterlijk (all three required)."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__("Actiepunt toevoegen", parent)
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.vandaag = vandaag or date.today()
        self.wat = QLineEdit()
        self.wat.setPlaceholderText("wat moet er gebeuren?")
        self.wie = PersoonCombo(services.partners.personen())
        self.uiterlijk = DateEdit(blank_allowed=True, start=self.vandaag)
        self.field("Wat *", "wat", self.wat)
        self.field("Wie *", "wie", self.wie)
        self.field("Uiterlijk *", "uiterlijk", self.uiterlijk)
        self.finish(520)

    def _snapshot(self):
        return (self.wat.text(), self.wie.currentText(), self.uiterlijk.value())

    def _do_save(self) -> Actiepunt:
        return self.services.actiepunten.actiepunt_toevoegen(self.leerlingnummer, self.wat.text(), self.wie.value(),
                                                          self.uiterlijk.value(), vandaag=self.vandaag)
