"""Small dialogs on the student page: enter verzuim by hand, register a DUO melding or an M@zl-actie,
and mark a signal "besproken".

Each dialog calls one service method when the user clicks Opslaan. An error the user can fix is shown
next to its field and the dialog stays open with everything that was typed; closing with changes asks.
"""

from __future__ import annotations

from datetime import date
from html import escape as _html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from ...domain import formaat
from ...domain.signalen import Signaal, SignaalSoort
from ...domain.verzuim import MeldingSoort, Reden
from ...services.session import Services
from ...services.signalen import Bespreking
from ..common.form import FormDialog
from ..common.widgets import DateEdit, WrapLabel, format_date, hint


def uren_tekst(uren: float) -> str:
    """3 → "3", 1.5 → "1,5"."""
    return formaat.uren(uren)


# --- verzuim by hand --------------------------------------------------------------------------------

class VerzuimInvoerenDialog(FormDialog):
    """Verzuim entered by hand: one day with a number of hours, or a period of whole days."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None, naam: str = "", datum: date | None = None):
        super().__init__("Verzuim invoeren", parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.leerlingnummer = leerlingnummer
        self.dagduur = services.school.get().uren_per_lesdag
        self.dagen: int | None = None  # days written, after saving
        start = datum or self.vandaag

        if naam:
            self.add_above(QLabel(f"Voor <b>{_html(naam)}</b>"))
        soort = QHBoxLayout()
        self.een_dag = QRadioButton("Eén dag")
        self.periode = QRadioButton("Een periode (hele dagen)")
        self.een_dag.setChecked(True)
        groep = QButtonGroup(self)
        groep.addButton(self.een_dag)
        groep.addButton(self.periode)
        soort.addWidget(self.een_dag)
        soort.addWidget(self.periode)
        soort.addStretch(1)
        self.form.addRow("Wat:", soort)

        self.van = DateEdit(start=start)
        self.van_label = QLabel("Datum:")
        self.field(self.van_label, "van", self.van)
        self.tot = DateEdit(start=start)
        self.tot_label = QLabel("Tot en met:")
        self.tot_row = self.field(self.tot_label, "tot", self.tot)
        self.uren = QDoubleSpinBox()
        self.uren.setRange(0.5, 24)
        self.uren.setSingleStep(0.5)
        self.uren.setDecimals(1)
        self.uren.setSuffix(" uur")
        self.uren.setValue(self.dagduur)
        self.uren.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.uren_label = QLabel("Uren:")
        self.uren_row = self.field(self.uren_label, "uren", self.uren, hint(
            f"Een hele dag is {uren_tekst(self.dagduur)} uur (instelling van de school). Vul minder in voor een "
            "deel van de dag, bijvoorbeeld 2 uur als de leerling de eerste twee lesuren miste."))
        self.reden = QComboBox()
        for r in Reden:
            self.reden.addItem(r.label, r.value)
        self.reden.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.field("Reden:", "reden", self.reden)
        self.opmerking = QLineEdit()
        self.opmerking.setPlaceholderText("bijvoorbeeld: moeder belde om 8.15 uur")
        self.field("Opmerking:", "opmerking", self.opmerking)
        self.form.addRow(hint("Weekenden, vakanties en vrije dagen worden overgeslagen. Verzuim uit de import blijft "
                              "staan; zelf ingevoerd verzuim met dezelfde reden op dezelfde dag wordt vervangen."))
        self.een_dag.toggled.connect(self._update_mode)
        self.van.dateChanged.connect(self._van_changed)
        self._update_mode()
        self.outer.addStretch(1)  # room to spare below the fields
        self.finish(500)

    def _van_changed(self) -> None:
        if self.een_dag.isChecked() or self.tot.value() < self.van.value():
            self.tot.set_value(self.van.value())

    def _update_mode(self) -> None:
        een = self.een_dag.isChecked()
        self.van_label.setText("Datum:" if een else "Van:")
        for w in (self.tot_label, self.tot_row):
            w.setVisible(not een)
        for w in (self.uren_label, self.uren_row):
            w.setVisible(een)
        if een:
            self.tot.set_value(self.van.value())

    def _snapshot(self) -> tuple:
        return (self.een_dag.isChecked(), self.van.value(), self.tot.value(), self.uren.value(),
                self.reden.currentData(), self.opmerking.text())

    def map_errors(self, fouten: dict[str, str]) -> dict[str, str]:
        if self.een_dag.isChecked():  # one field for the date
            return {("van" if k == "tot" else k): v for k, v in fouten.items()}
        return fouten

    def _do_save(self):
        een = self.een_dag.isChecked()
        van = self.van.value()
        self.dagen = self.services.verzuim.invoeren(
            self.leerlingnummer, van, van if een else self.tot.value(), Reden(self.reden.currentData()),
            uren=self.uren.value() if een else None, opmerking=self.opmerking.text(), vandaag=self.vandaag)
        return self.dagen


def _inleiding(dialog: FormDialog, uitleg: str, naam: str, signaal: Signaal | None) -> None:
    """Above the fields of a registration: for whom and what to record, and the signal it answers."""
    tekst = WrapLabel(f"Voor <b>{_html(naam)}</b>. {uitleg}" if naam else uitleg)
    tekst.setTextFormat(Qt.TextFormat.RichText)
    dialog.add_above(tekst)
    if signaal is not None:
        dialog.add_above(hint(f"Signaal: {signaal.soort.label} – {signaal.uitleg}."))


# --- DUO melding --------------------------------------------------------------------------------------

class MeldingDialog(FormDialog):
    """A verzuimmelding made in DUO's verzuimregister."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None, naam: str = "", soort: MeldingSoort = MeldingSoort.ZESTIEN_UUR,
                 signaal: Signaal | None = None):
        super().__init__("Melding DUO registreren", parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.leerlingnummer = leerlingnummer
        uitleg = ("Heeft u het verzuim gemeld bij DUO (het verzuimregister)? Leg de melding hier vast. "
                  "Na een melding begint de telling van 16 uur opnieuw, vanaf de dag na 'Verzuim t/m'.")
        _inleiding(self, uitleg, naam, signaal)

        self.soort = QComboBox()
        for s in MeldingSoort:
            self.soort.addItem(s.label, s.value)
        self.soort.setCurrentIndex(self.soort.findData(MeldingSoort(soort).value))
        self.soort.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.datum = DateEdit(start=self.vandaag)
        standaard = services.verzuim.standaard_einddatum(self.vandaag)
        self.einddatum = DateEdit(start=standaard)
        self.einddatum.set_value(standaard)
        self._einddatum_gekozen = False  # until the user picks one, it follows "Gemeld op"
        self.einddatum.dateChanged.connect(self._einddatum_changed)
        self.datum.dateChanged.connect(self._datum_changed)
        bijgewerkt = services.signalen.bijgewerkt_tot()
        self.kenmerk = QLineEdit()
        self.kenmerk.setPlaceholderText("het kenmerk dat DUO gaf (mag leeg)")
        self.field("Soort melding:", "soort", self.soort)
        self.field("Gemeld op:", "datum", self.datum)
        self.field("Verzuim t/m:", "einddatum", self.einddatum, hint(
            "De laatste dag van het verzuim dat u meldde. Standaard: t/m "
            + (f"{format_date(bijgewerkt)}, de dag tot waar het verzuim is bijgewerkt" if bijgewerkt
               else "de dag van de melding")
            + " (niet later dan de melding), zodat al het bekende verzuim gemeld is."))
        self.field("Kenmerk DUO:", "kenmerk", self.kenmerk)
        self.outer.addStretch(1)  # room to spare below the fields
        self.finish(500)

    def _datum_changed(self) -> None:
        if not self._einddatum_gekozen and self.datum.value() is not None:
            self.einddatum.blockSignals(True)
            self.einddatum.set_value(self.services.verzuim.standaard_einddatum(self.datum.value()))
            self.einddatum.blockSignals(False)

    def _einddatum_changed(self) -> None:
        self._einddatum_gekozen = True

    def _snapshot(self) -> tuple:
        return (self.soort.currentData(), self.datum.value(), self.einddatum.value(), self.kenmerk.text())

    def _do_save(self):
        self.melding = self.services.verzuim.melding_registreren(
            self.leerlingnummer, self.datum.value(), self.einddatum.value(), MeldingSoort(self.soort.currentData()),
            self.kenmerk.text(), vandaag=self.vandaag)
        return self.melding


# --- M@zl ----------------------------------------------------------------------------------------------

class MazlDialog(FormDialog):
    """The jeugdarts was brought in (M@zl)."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None, naam: str = "", signaal: Signaal | None = None):
        super().__init__("M@zl-actie registreren", parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.leerlingnummer = leerlingnummer
        uitleg = ("Leg vast op welke dag de jeugdarts is ingeschakeld (M@zl). Ziekmeldingen worden daarna "
                  "opnieuw geteld.")
        _inleiding(self, uitleg, naam, signaal)
        self.datum = DateEdit(start=self.vandaag)
        self.opmerking = QLineEdit()
        self.opmerking.setPlaceholderText("bijvoorbeeld: gesprek met ouders, toestemming gegeven")
        self.field("Jeugdarts ingeschakeld op:", "datum", self.datum)
        self.field("Opmerking:", "opmerking", self.opmerking)
        self.outer.addStretch(1)  # room to spare below the fields
        self.finish(500)

    def _snapshot(self) -> tuple:
        return (self.datum.value(), self.opmerking.text())

    def _do_save(self):
        self.mazl = self.services.verzuim.mazl_registreren(self.leerlingnummer, self.datum.value(),
                                                           self.opmerking.text(), vandaag=self.vandaag)
        return self.mazl


# --- besproken -------------------------------------------------------------------------------------------

class BesprokenDialog(FormDialog):
    """Mark a signal "besproken" with a note (it stays in every count)."""

    def __init__(self, services: Services, signaal: Signaal, bespreking: Bespreking | None = None,
                 parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__("Signaal besproken", parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.signaal = signaal
        kop = QLabel(f"<b>{_html(signaal.soort.label)}</b>")
        self.add_above(kop)
        if signaal.uitleg:
            self.add_above(WrapLabel(signaal.uitleg + "."))
        self.add_above(hint("Het signaal blijft meetellen; u legt alleen vast dat het besproken is en "
                                  "wat er is afgesproken."))
        self.notitie = QPlainTextEdit()
        self.notitie.setTabChangesFocus(True)
        self.notitie.setPlaceholderText("bijvoorbeeld: besproken met mentor en leerplichtambtenaar; gesprek met "
                                        "ouders op 30-11")
        self.notitie.setFixedHeight(self.notitie.fontMetrics().lineSpacing() * 5 + 12)
        if bespreking is not None:
            self.notitie.setPlainText(bespreking.notitie)
            self.add_above(hint(f"Eerder besproken op {format_date(bespreking.op)}"
                                      + (f" door {bespreking.door}" if bespreking.door else "") + "."))
        self.field("Notitie:", "notitie", self.notitie)
        self.outer.addStretch(1)  # room to spare below the fields
        self.finish(500)

    def _snapshot(self) -> tuple:
        return (self.notitie.toPlainText(),)

    def _do_save(self):
        s = self.signaal
        return self.services.signalen.bespreken(s.leerlingnummer, SignaalSoort(s.soort), s.datum,
                                         self.notitie.toPlainText())
