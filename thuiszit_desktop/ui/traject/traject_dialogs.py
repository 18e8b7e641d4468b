"""The traject's own small forms: open it (by hand or from a signal) or change its details, tick a
checklist item, and close it with its nazorg moments."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.signalen import Signaal
from ...domain.traject import (
    Categorie,
    ChecklistItem,
    ChecklistRegel,
    Sluitreden,
    Traject,
    categorie_voor_signaal,
    standaard_nazorg,
)
from ...services.session import Services
from ..common.blocks import push_button, text_edit, text_label
from ..common.form import FormDialog
from ..common.lesdag import LesdagWaarschuwing
from ..common.widgets import DateEdit, OptionalDateEdit, format_date, hint
from .personen import PersoonCombo


class TrajectDialog(FormDialog):
    """Open a traject (by hand or from a signal), or change one's categorie, aanleiding, casusregisseur and
    evaluatiedatum (`traject`)."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 signaal: Signaal | None = None, traject: Traject | None = None, vandaag: date | None = None):
        naam = services.leerlingen.get(leerlingnummer).naam
        super().__init__(f"Traject wijzigen – {naam}" if traject else f"Traject openen – {naam}", parent,
                         save_text="Opslaan" if traject else "Traject openen")
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.signaal = signaal
        self.traject = traject
        self.vandaag = vandaag or date.today()
        if signaal is not None:
            self.add_above(hint(f"Vanuit het signaal '{signaal.soort.label}' van "
                                f"{format_date(signaal.datum)}: {signaal.uitleg}."))
        elif traject is None:
            self.add_above(hint("Open een traject zodra u zich zorgen maakt over de aanwezigheid van "
                                "de leerling. U begint in stap 1."))
        self.categorie = QComboBox()
        for c in Categorie:
            self.categorie.addItem(c.label, c.value)
        self.aanleiding = text_edit("In een paar woorden: waarom nu een traject?", 3, max_lines=6)
        self.eigenaar = PersoonCombo(services.partners.personen())
        self.eigenaar.setToolTip("De casusregisseur: één eigenaar per leerling, die het overzicht houdt")
        self.evaluatiedatum = OptionalDateEdit(start=self.vandaag)
        self.field("Categorie", "categorie", self.categorie)
        self.field("Aanleiding" + ("" if signaal else " *"), "aanleiding", self.aanleiding)
        self.field("Casusregisseur", "eigenaar", self.eigenaar)
        self.geopend: DateEdit | None = None
        if traject is None:
            self.geopend = DateEdit(start=self.vandaag)
            self.geopend.setToolTip("Begon het traject eigenlijk al eerder? Vul dan die datum in.")
            self.field("Geopend op", "geopend", self.geopend)
        evaluatie_box = self.field("Evaluatie op", "evaluatiedatum", self.evaluatiedatum)
        if traject is not None and traject.plan_evaluaties:  # one evaluation date: the plan's
            self.form.setRowVisible(evaluatie_box, False)
            volgende = traject.evaluatie(self.vandaag)
            self.form.addRow("Evaluatie", hint(f"Volgens het plan van aanpak: {format_date(volgende)}. De "
                                               "evaluatiemomenten wijzigt u in het plan."))
        else:
            self.form.addRow("", hint("De evaluatiedatum komt in de herinneringen (niet verplicht). Heeft het traject "
                                      "een plan van aanpak, dan gelden de evaluatiemomenten van het plan."))
        if traject is not None:
            self.categorie.setCurrentIndex(self.categorie.findData(traject.categorie.value))
            self.aanleiding.setPlainText(traject.aanleiding)
            self.eigenaar.set_value(traject.eigenaar)
            self.evaluatiedatum.set_value(traject.evaluatiedatum)
            self.evaluatiedatum.set_start(traject.geopend)
        else:
            categorie = categorie_voor_signaal(signaal.soort) if signaal else Categorie.DREIGEND_THUISZITTER
            self.categorie.setCurrentIndex(self.categorie.findData(categorie.value))
            self.eigenaar.set_user(services.gebruiker.id)
        self.finish(560)
        self.aanleiding.setFocus()

    def _snapshot(self):
        return (self.categorie.currentData(), self.aanleiding.toPlainText(), self.eigenaar.currentText(),
                self.evaluatiedatum.value(), self.geopend.value() if self.geopend else None)

    kan_herladen = True

    def conflict_gezien(self, exc) -> None:
        if self.traject is not None:  # the form keeps what was typed; saving again puts it over the new version
            self.traject = self.services.trajecten.get(self.traject.id)

    def herladen(self) -> None:
        t = self.traject
        self.categorie.setCurrentIndex(self.categorie.findData(t.categorie.value))
        self.aanleiding.setPlainText(t.aanleiding)
        self.eigenaar.set_value(t.eigenaar)
        self.evaluatiedatum.set_value(t.evaluatiedatum)

    def _do_save(self) -> Traject:
        tr = self.services.trajecten
        eigenaar = self.eigenaar.value()
        if self.traject is not None:
            return tr.bijwerken(self.traject.id, categorie=self.categorie.currentData(),
                                aanleiding=self.aanleiding.toPlainText(), eigenaar=eigenaar,
                                evaluatiedatum=self.evaluatiedatum.value(), versie=self.traject.rijversie)
        if self.signaal is not None:
            return tr.openen_vanuit_signaal(self.leerlingnummer, self.signaal.soort, self.signaal.datum,
                                            categorie=self.categorie.currentData(),
                                            aanleiding=self.aanleiding.toPlainText(), eigenaar=eigenaar,
                                            geopend=self.geopend.value(), evaluatiedatum=self.evaluatiedatum.value(),
                                            vandaag=self.vandaag)
        return tr.openen(self.leerlingnummer, self.categorie.currentData(), self.aanleiding.toPlainText(),
                         eigenaar=eigenaar, geopend=self.geopend.value(), evaluatiedatum=self.evaluatiedatum.value(),
                         vandaag=self.vandaag)


class AfvinkenDialog(FormDialog):
    """Tick one checklist item: when (default today) and an optional note."""

    def __init__(self, services: Services, traject_id: int, item: ChecklistItem, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__("Afvinken", parent, save_text="Afvinken")
        self.services = services
        self.traject_id = traject_id
        self.item = item
        self.vandaag = vandaag or date.today()
        self.add_above(text_label(item.label, bold=True))
        self.add_above(hint(item.hulp))
        self.datum = DateEdit(start=self.vandaag)
        self.notitie = QLineEdit()
        self.notitie.setPlaceholderText("niet verplicht, bijvoorbeeld: met wie, of waar het staat")
        self.field("Gedaan op", "datum", self.datum)
        self.field("Notitie", "notitie", self.notitie)
        self.finish(520)
        self.notitie.setFocus()

    def _snapshot(self):
        return (self.datum.value(), self.notitie.text())

    def _do_save(self) -> ChecklistRegel:
        return self.services.trajecten.afvinken(self.traject_id, self.item.key, datum=self.datum.value(),
                                                notitie=self.notitie.text(), vandaag=self.vandaag)


class NazorgRow(QWidget):
    remove_requested = Signal(object)

    def __init__(self, datum: date, omschrijving: str):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.datum = DateEdit(start=datum)
        self.datum.set_value(datum)
        self.omschrijving = QLineEdit(omschrijving)
        self.remove_button = QPushButton("×")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip("Dit nazorgmoment niet plannen")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        layout.addWidget(self.datum)
        layout.addWidget(self.omschrijving, 1)
        layout.addWidget(self.remove_button)

    def value(self) -> tuple[date, str]:
        return (self.datum.value(), self.omschrijving.text())


class SluitenDialog(FormDialog):
    """Close the traject: reden, toelichting, datum, and the nazorg moments (6 weeks, 3 months, 1 year after
    the datum; editable)."""

    def __init__(self, services: Services, traject: Traject, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__(f"Traject sluiten – {traject.naam}", parent, save_text="Traject sluiten")
        self.services = services
        self.traject = traject
        self.vandaag = vandaag or date.today()
        self.add_above(hint("Na het sluiten blijft het traject bewaard en te bekijken. De nazorg komt in "
                            "de herinneringen: 'tot een jaar later wordt er gekeken hoe het gaat'."))
        self.reden = QComboBox()
        self.reden.addItem("Kies een reden", "")
        for r in Sluitreden:
            self.reden.addItem(r.label, r.value)
        self.toelichting = text_edit("Niet verplicht, behalve bij 'anders'", 2, max_lines=5)
        self.datum = DateEdit(start=self.vandaag)
        self.field("Reden *", "reden", self.reden)
        self.field("Toelichting", "toelichting", self.toelichting)
        self.field("Gesloten op", "datum", self.datum)
        box = QGroupBox("Nazorg plannen")
        self.nazorg_layout = QVBoxLayout()
        self.nazorg_layout.setSpacing(4)
        outer_box = QVBoxLayout(box)
        outer_box.addLayout(self.nazorg_layout)
        self.nazorg_empty = hint("Geen nazorg gepland.")
        outer_box.addWidget(self.nazorg_empty)
        self.lesdag = LesdagWaarschuwing(services.kalender.calendar(), "Klopt de datum? U kunt het zo laten.")
        outer_box.addWidget(self.lesdag)
        add = QHBoxLayout()
        add.addWidget(push_button("Moment toevoegen", lambda: self._add(self.datum.value() or self.vandaag, "Nazorg")))
        add.addWidget(push_button("Standaard opnieuw invullen", self._standaard,
                                  "6 weken, 3 maanden en 1 jaar na de datum van sluiten"))
        add.addStretch(1)
        outer_box.addLayout(add)
        self.outer.addWidget(box)
        self.rows: list[NazorgRow] = []
        self._standaard()
        self._auto = self._moments()
        self.datum.dateChanged.connect(self._datum_changed)
        self.finish(620)

    def _add(self, d: date, omschrijving: str) -> NazorgRow:
        row = NazorgRow(d, omschrijving)
        row.remove_requested.connect(self._remove)
        row.datum.dateChanged.connect(self._lesdagen)
        self.rows.append(row)
        self.nazorg_layout.addWidget(row)
        self.nazorg_empty.hide()
        self._lesdagen()
        return row

    def _remove(self, row: NazorgRow) -> None:
        self.rows.remove(row)
        self.nazorg_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.nazorg_empty.setVisible(not self.rows)
        self._lesdagen()

    def _lesdagen(self, *_args) -> None:
        self.lesdag.toon(r.datum.value() for r in self.rows)

    def _moments(self) -> list[tuple[date, str]]:
        return [r.value() for r in self.rows]

    def _standaard(self) -> None:
        for row in list(self.rows):
            self._remove(row)
        for d, omschrijving in standaard_nazorg(self.datum.value() or self.vandaag):
            self._add(d, omschrijving)
        self._auto = self._moments()

    def _datum_changed(self) -> None:
        if self._moments() == self._auto:  # not edited by hand: follow the datum
            self._standaard()

    def _snapshot(self):
        return (self.reden.currentData(), self.toelichting.toPlainText(), self.datum.value(), tuple(self._moments()))

    def _do_save(self) -> Traject:
        return self.services.trajecten.sluiten(self.traject.id, self.reden.currentData(),
                                               self.toelichting.toPlainText(), datum=self.datum.value(),
                                               nazorg=self._moments(), vandaag=self.vandaag)
