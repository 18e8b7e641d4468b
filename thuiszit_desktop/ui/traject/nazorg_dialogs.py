"""Planning, changing and completing the nazorg moments of a closed traject."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain.errors import InvoerFout
from ...domain.traject import NazorgMoment
from ...services.session import Services
from ..common.blocks import text_edit, text_label
from ..common.form import FormDialog
from ..common.lesdag import LesdagWaarschuwing
from ..common.widgets import DateEdit, format_date


class NazorgDialog(FormDialog):
    """Plan a nazorg moment, or change one (`moment`)."""

    def __init__(self, services: Services, traject_id: int, parent: QWidget | None = None, *,
                 moment: NazorgMoment | None = None, vandaag: date | None = None):
        super().__init__("Nazorgmoment wijzigen" if moment else "Nazorgmoment toevoegen", parent)
        self.services = services
        self.traject_id = traject_id
        self.moment = moment
        self.datum = DateEdit(start=vandaag or date.today())
        self.omschrijving = QLineEdit(moment.omschrijving if moment else "")
        self.omschrijving.setPlaceholderText("bijvoorbeeld: even bellen met de mentor hoe het gaat")
        if moment:
            self.datum.set_value(moment.datum)
        self.field("Datum", "datum", self.datum)
        self.lesdag = LesdagWaarschuwing(services.kalender.calendar(), "Klopt de datum?")
        self.form.addRow("", self.lesdag)
        self.datum.dateChanged.connect(lambda: self.lesdag.toon([self.datum.value()]))
        self.lesdag.toon([self.datum.value()])
        self.field("Omschrijving", "omschrijving", self.omschrijving)
        self.finish(500)

    def _snapshot(self):
        return (self.datum.value(), self.omschrijving.text())

    def _do_save(self) -> NazorgMoment:
        if not self.omschrijving.text().strip():
            raise InvoerFout({"omschrijving": "Schrijf op wat er bij dit nazorgmoment gebeurt."})
        tr = self.services.trajecten
        if self.moment is not None:
            return tr.nazorg_wijzigen(self.moment.id, self.datum.value(), self.omschrijving.text())
        return tr.nazorg_toevoegen(self.traject_id, self.datum.value(), self.omschrijving.text())


class NazorgAfrondenDialog(FormDialog):
    def __init__(self, services: Services, moment: NazorgMoment, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__("Nazorg afronden", parent, save_text="Afronden")
        self.services = services
        self.moment = moment
        self.vandaag = vandaag or date.today()
        self.add_above(text_label(f"{moment.omschrijving} (gepland op {format_date(moment.datum)})", bold=True))
        self.datum = DateEdit(start=self.vandaag)
        self.notitie = text_edit("Hoe gaat het nu? Is er nog iets nodig?", 3, max_lines=8)
        self.field("Gedaan op", "datum", self.datum)
        self.field("Notitie", "notitie", self.notitie)
        self.finish(520)

    def _snapshot(self):
        return (self.datum.value(), self.notitie.toPlainText())

    def _do_save(self) -> NazorgMoment:
        return self.services.trajecten.nazorg_afronden(self.moment.id, self.notitie.toPlainText(),
                                                       datum=self.datum.value(), vandaag=self.vandaag)
