"""Vaststellen of a plan van aanpak (after the overleg with the ouders: their akkoord, or the student's own
from 16) and an evaluation of one doel. Vaststellen asks here for what it still needs: a phone number or
e-mail address of the casusregisseur and the full name and function of whoever signs for the school.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.errors import GebruikersFout, InvoerFout
from ...domain.plan import Akkoord, AkkoordRol, Doel, Plan, Uitkomst, akkoord_rol
from ..common.widgets import DateEdit, ErrorLabel, FieldErrors, format_date, hint, with_error
from .gesprek_dialog import text_edit


class VaststellenDialog(QDialog):
    """The overleg date and the akkoord (name, date, ouder or the student from 16); saves through the service."""

    def __init__(self, services, plan: Plan, geboortedatum: date, voorstel_ouder: str, leerling_naam: str,
                 parent: QWidget | None = None, *, vandaag: date):
        super().__init__(parent)
        self.services, self.plan, self.geboortedatum = services, plan, geboortedatum
        self.voorstel_ouder, self.leerling_naam = voorstel_ouder, leerling_naam
        self.saved: Plan | None = None
        self.setWindowTitle(f"Versie {plan.versie} vaststellen")
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Stel het plan vast na het overleg met de ouders (en de leerling). Vanaf 16 jaar geeft "
                              "de leerling zelf akkoord. Daarna kan deze versie niet meer veranderen; een wijziging "
                              "wordt een nieuwe versie."))
        self.errors = FieldErrors(ErrorLabel())
        self._nodig(layout)
        form = QFormLayout()
        self.overleg = DateEdit(start=vandaag)
        self.naam = QLineEdit()
        self.datum = DateEdit(start=vandaag)
        self.rol = QComboBox()
        for r in AkkoordRol:
            self.rol.addItem(r.label, r)
        for label, key, w in (("Datum overleg met ouders", "overleg_datum", self.overleg),
                              ("Akkoord gegeven door", "akkoord", self.naam),
                              ("Datum akkoord", "akkoord_datum", self.datum), ("Als", "rol", self.rol)):
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(w)
            v.addWidget(self.errors.add(key, w))
            form.addRow(label, box)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        self.datum.dateChanged.connect(self._rol_voor_datum)
        self.rol.currentIndexChanged.connect(self._naam_voor_rol)
        self._rol_voor_datum()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Vaststellen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _rol_voor_datum(self) -> None:
        self.rol.setCurrentIndex(self.rol.findData(akkoord_rol(self.geboortedatum, self.datum.value())))
        self._naam_voor_rol()

    def _naam_voor_rol(self) -> None:
        voorstellen = (self.voorstel_ouder, self.leerling_naam)
        if self.naam.text().strip() in ("", *voorstellen):
            rol = AkkoordRol(self.rol.currentData())
            self.naam.setText(self.leerling_naam if rol is AkkoordRol.LEERLING else self.voorstel_ouder)

    def _nodig(self, layout: QVBoxLayout) -> None:
        """Ask here for what vaststellen needs and the app does not have yet: how ouders reach the
        casusregisseur, and the full name and function you sign with for the school."""
        self.casusregisseur = self.services.trajecten.casusregisseur(self.plan.traject_id)
        self.profiel = self.services.profielen.get()
        self.c_telefoon = self.c_email = self.volledige_naam = self.functie = None
        c = self.casusregisseur
        if c is not None and not c.bereikbaar:
            box = QGroupBox(f"Hoe bereiken ouders de casusregisseur, {c.naam}?")
            form = QFormLayout(box)
            self.c_telefoon, self.c_email = QLineEdit(), QLineEdit()
            self.c_telefoon.setPlaceholderText("bijvoorbeeld 030-1234567")
            self.c_email.setPlaceholderText("naam@organisatie.nl")
            form.addRow("Telefoon", with_error(self.c_telefoon, self.errors.add("c_telefoon", self.c_telefoon)))
            form.addRow("E-mail", with_error(self.c_email, self.errors.add("c_email", self.c_email)))
            form.addRow(hint("Vul minstens één in. Het komt in het plan bij ‘Wie u kunt bellen’."))
            layout.addWidget(box)
        if not self.profiel.compleet:
            box = QGroupBox("U tekent namens de school")
            form = QFormLayout(box)
            self.volledige_naam = QLineEdit(self.profiel.volledige_naam)
            self.functie = QLineEdit(self.profiel.functie)
            self.functie.setPlaceholderText("bijvoorbeeld zorgcoördinator")
            form.addRow("Uw volledige naam", with_error(self.volledige_naam,
                                                         self.errors.add("volledige_naam", self.volledige_naam)))
            form.addRow("Uw functie", with_error(self.functie, self.errors.add("functie", self.functie)))
            form.addRow(hint("Dit komt onder de handtekening en wordt bewaard bij Bestand › Mijn gegevens."))
            layout.addWidget(box)

    def _nodig_opslaan(self) -> None:
        """Store the missing contact details first: in the casusregisseur's profile or address-book entry and
        in your own profile. Each is valid on its own, also when vaststellen is then refused."""
        c = self.casusregisseur
        if self.c_telefoon is not None and c is not None:
            telefoon, email = self.c_telefoon.text().strip(), self.c_email.text().strip()
            if not (telefoon or email):
                raise InvoerFout({"c_telefoon": f"Vul een telefoonnummer of e-mailadres in van {c.naam}."})
            try:
                if c.gebruiker_id is not None:
                    p = self.services.profielen.get(c.gebruiker_id)
                    self.services.profielen.opslaan(replace(p, telefoon=telefoon, email=email), c.gebruiker_id)
                elif c.contact_id is not None:
                    partner = next(x for x in self.services.trajecten.partners() if x.id == c.contact_id)
                    self.services.trajecten.partner_opslaan(replace(partner, telefoon=telefoon, email=email))
            except InvoerFout as exc:
                raise InvoerFout({f"c_{k}": v for k, v in exc.fouten.items()}) from None
        if self.volledige_naam is not None:
            p = replace(self.services.profielen.get(), volledige_naam=self.volledige_naam.text(),
                        functie=self.functie.text())
            fouten = {k: "Vul dit in: u tekent er het plan mee." for k in ("volledige_naam", "functie")
                      if not getattr(p, k).strip()}
            if fouten:
                raise InvoerFout(fouten)
            self.services.profielen.opslaan(p)

    def save(self) -> bool:
        self.errors.clear()
        try:
            self._nodig_opslaan()
        except InvoerFout as exc:
            first = self.errors.show(exc.fouten)
            if first:
                first.setFocus()
            return False
        rol = AkkoordRol(self.rol.currentData())
        juist = akkoord_rol(self.geboortedatum, self.datum.value())
        if rol is not juist:
            leeftijd = formaat.leeftijd(self.geboortedatum, self.datum.value())
            self.errors.show({"rol": f"De leerling is op die datum {leeftijd}: "
                                     + ("de leerling geeft vanaf 16 zelf akkoord." if juist is AkkoordRol.LEERLING
                                        else "een ouder/verzorger geeft akkoord.")})
            return False
        try:
            self.saved = self.services.plannen.vaststellen(
                self.plan.id, self.overleg.value(), Akkoord(self.naam.text(), self.datum.value(), rol))
        except InvoerFout as exc:
            first = self.errors.show(exc.fouten)
            if first:
                first.setFocus()
            return False
        except GebruikersFout as exc:
            self.errors.show({"": str(exc)})
            return False
        self.accept()
        return True


class EvaluatieDialog(QDialog):
    """How one doel went: behaald / deels / niet, with a note."""

    def __init__(self, services, doel: Doel, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.doel = services, doel
        self.saved: Plan | None = None
        self.setWindowTitle("Evaluatie van een doel")
        layout = QVBoxLayout(self)
        doel_label = QLabel(f"<b>Doel:</b> {doel.omschrijving}")
        doel_label.setTextFormat(Qt.TextFormat.RichText)
        doel_label.setWordWrap(True)
        layout.addWidget(doel_label)
        for e in doel.evaluaties:
            layout.addWidget(hint(f"{format_date(e.datum)}: {e.uitkomst.label}" + (f" – {e.notitie}" if e.notitie else "")))
        form = QFormLayout()
        self.uitkomst = QComboBox()
        for u in Uitkomst:
            self.uitkomst.addItem(u.label, u)
        self.uitkomst.setPlaceholderText("Kies de uitkomst")  # no answer chosen for the user
        self.uitkomst.setCurrentIndex(-1)
        self.notitie = text_edit("Wat ging goed, wat niet, wat is de volgende stap?", 3)
        form.addRow("Uitkomst", self.uitkomst)
        form.addRow("Notitie", self.notitie)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("Vastleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> bool:
        if self.uitkomst.currentIndex() < 0:
            self.error.set_error("Kies de uitkomst: is het doel behaald, deels behaald of niet behaald?")
            self.uitkomst.setFocus()
            return False
        try:
            self.saved = self.services.plannen.evaluatie_vastleggen(self.doel.id, Uitkomst(self.uitkomst.currentData()),
                                                                    self.notitie.toPlainText())
        except GebruikersFout as exc:
            self.error.set_error("\n".join(exc.fouten.values()) if isinstance(exc, InvoerFout) else str(exc))
            return False
        self.accept()
        return True
