"""The dialog for the school's own dates of the herfst- or voorjaarsvakantie (Schoolkalender → Vakanties →
Aanpassen…)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ...domain.errors import InvoerFout
from ...domain.kalender import Vakantie
from ...services.session import Services
from ..common import errors
from ..common.widgets import DateEdit, ErrorLabel, FieldErrors, WrapLabel, with_error
from .jaar_raster import periode_tekst

VAKANTIE_NAMEN = {"herfstvakantie": "Herfstvakantie", "kerstvakantie": "Kerstvakantie",
                  "voorjaarsvakantie": "Voorjaarsvakantie", "meivakantie": "Meivakantie",
                  "zomervakantie": "Zomervakantie"}


class VakantieAanpassenDialog(QDialog):
    """The school's own dates for the herfst- or voorjaarsvakantie."""

    def __init__(self, services: Services, vakantie: Vakantie, officieel: Vakantie | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.vakantie = vakantie
        self.setWindowTitle(f"{VAKANTIE_NAMEN.get(vakantie.soort, vakantie.naam)} {vakantie.schooljaar} aanpassen")
        self.errors = FieldErrors(ErrorLabel())
        layout = QVBoxLayout(self)
        uitleg = WrapLabel(
            f"De {vakantie.soort} is een advies van de overheid: de school mag andere data kiezen. "
            "Vul hier de data in die uw school aanhoudt, meestal van zaterdag tot en met zondag.")
        layout.addWidget(uitleg)
        form = QFormLayout()
        if officieel is not None:
            self.officieel_label = QLabel(periode_tekst(officieel.van, officieel.tot))
            form.addRow("Officiële data:", self.officieel_label)
        self.van = DateEdit(start=vakantie.van)
        self.van.set_value(vakantie.van)
        self.tot = DateEdit(start=vakantie.tot)
        self.tot.set_value(vakantie.tot)
        form.addRow("Eerste vakantiedag:", with_error(self.van, self.errors.add("van", self.van)))
        form.addRow("Laatste vakantiedag:", with_error(self.tot, self.errors.add("tot", self.tot)))
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def save(self) -> bool:
        self.errors.clear()
        try:
            self.services.kalender.vakantie_aanpassen(self.vakantie.schooljaar, self.vakantie.soort,
                                                      self.van.value(), self.tot.value())
        except InvoerFout as exc:
            self.errors.show(exc.fouten)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.accept()
        return True
