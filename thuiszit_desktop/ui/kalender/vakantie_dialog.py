"""The dialog for the school's own dates of the herfst- or voorjaarsvakantie (Schoolkalender → Vakanties →
Aanpassen…)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...domain.kalender import Vakantie
from ...services.session import Services
from ..common.form import FormDialog
from ..common.widgets import DateEdit, WrapLabel
from .jaar_raster import periode_tekst

VAKANTIE_NAMEN = {"herfstvakantie": "Herfstvakantie", "kerstvakantie": "Kerstvakantie",
                  "voorjaarsvakantie": "Voorjaarsvakantie", "meivakantie": "Meivakantie",
                  "zomervakantie": "Zomervakantie"}


class VakantieAanpassenDialog(FormDialog):
    """The school's own dates for the herfst- or voorjaarsvakantie."""

    def __init__(self, services: Services, vakantie: Vakantie, officieel: Vakantie | None,
                 parent: QWidget | None = None):
        super().__init__(f"{VAKANTIE_NAMEN.get(vakantie.soort, vakantie.naam)} {vakantie.schooljaar} aanpassen",
                         parent)
        self.services = services
        self.vakantie = vakantie
        self.add_above(WrapLabel(
            f"De {vakantie.soort} is een advies van de overheid: de school mag andere data kiezen. "
            "Vul hier de data in die uw school aanhoudt, meestal van zaterdag tot en met zondag."))
        if officieel is not None:
            self.officieel_label = QLabel(periode_tekst(officieel.van, officieel.tot))
            self.form.addRow("Officiële data:", self.officieel_label)
        self.van = DateEdit(start=vakantie.van)
        self.van.set_value(vakantie.van)
        self.tot = DateEdit(start=vakantie.tot)
        self.tot.set_value(vakantie.tot)
        self.field("Eerste vakantiedag:", "van", self.van)
        self.field("Laatste vakantiedag:", "tot", self.tot)
        self.setMinimumWidth(460)
        self.finish(460)

    def _snapshot(self):
        return self.van.value(), self.tot.value()

    def _do_save(self):
        return self.services.kalender.vakantie_aanpassen(self.vakantie.schooljaar, self.vakantie.soort,
                                                         self.van.value(), self.tot.value())
