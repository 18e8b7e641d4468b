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
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.errors import InvoerFout
from ...domain.signalen import Signaal, SignaalSoort
from ...domain.verzuim import MeldingSoort, Reden
from ...services.session import Services
from ...services.signalen import Bespreking
from ..common import errors
from ..common.widgets import (
    DateEdit,
    ErrorLabel,
    FieldErrors,
    WrapLabel,
    form_layout,
    format_date,
    hint,
    with_error,
)


def uren_tekst(uren: float) -> str:
    """3 → "3", 1.5 → "1,5"."""
    return formaat.uren(uren)


class _FormDialog(QDialog):
    """A form with Opslaan/Annuleren, field errors and a question before throwing changes away."""

    titel = ""

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag = vandaag or date.today()
        self.setWindowTitle(self.titel)
        self.errors = FieldErrors(ErrorLabel())
        self.outer = QVBoxLayout(self)
        self.form = form_layout()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._initial: tuple = ()

    def _finish(self) -> None:
        """Call at the end of __init__: lays out the form and remembers the starting values."""
        self.outer.addLayout(self.form)
        self.outer.addWidget(self.errors.general)
        self.outer.addStretch(1)
        self.outer.addWidget(self.buttons)
        self._initial = self.snapshot()
        self.setMinimumWidth(500)

    def field(self, key: str, widget: QWidget, extra: QWidget | None = None) -> QWidget:
        return with_error(widget, self.errors.add(key, widget), extra)

    def snapshot(self) -> tuple:
        raise NotImplementedError

    def submit(self) -> None:
        """Call the service; raise InvoerFout for the fields."""
        raise NotImplementedError

    def map_errors(self, fouten: dict[str, str]) -> dict[str, str]:
        return fouten

    def has_changes(self) -> bool:
        return self.snapshot() != self._initial

    def save(self) -> bool:
        self.errors.clear()
        try:
            self.submit()
        except InvoerFout as exc:
            widget = self.errors.show(self.map_errors(exc.fouten))
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._initial = self.snapshot()
        self.accept()
        return True

    def error_text(self, key: str) -> str:
        return self.errors.text(key)

    def reject(self) -> None:
        if self.has_changes() and not errors.ask(
                self, "Wat u heeft ingevuld weggooien?", detail="Het is nog niet opgeslagen.",
                yes="Weggooien", no="Verder invullen"):
            return
        super().reject()


# --- verzuim by hand --------------------------------------------------------------------------------

class VerzuimInvoerenDialog(_FormDialog):
    """Verzuim entered by hand: one day with a number of hours, or a period of whole days."""

    titel = "Verzuim invoeren"

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None, naam: str = "", datum: date | None = None):
        super().__init__(services, parent, vandaag=vandaag)
        self.leerlingnummer = leerlingnummer
        self.dagduur = services.school.get().uren_per_lesdag
        self.dagen: int | None = None  # days written, after saving
        start = datum or self.vandaag

        if naam:
            self.outer.addWidget(QLabel(f"Voor <b>{_html(naam)}</b>"))
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
        self.form.addRow(self.van_label, self.field("van", self.van))
        self.tot = DateEdit(start=start)
        self.tot_label = QLabel("Tot en met:")
        self.tot_row = self.field("tot", self.tot)
        self.form.addRow(self.tot_label, self.tot_row)
        self.uren = QDoubleSpinBox()
        self.uren.setRange(0.5, 24)
        self.uren.setSingleStep(0.5)
        self.uren.setDecimals(1)
        self.uren.setSuffix(" uur")
        self.uren.setValue(self.dagduur)
        self.uren.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.uren_label = QLabel("Uren:")
        self.uren_row = self.field("uren", self.uren, hint(
            f"Een hele dag is {uren_tekst(self.dagduur)} uur (instelling van de school). Vul minder in voor een "
            "deel van de dag, bijvoorbeeld 2 uur als de leerling de eerste twee lesuren miste."))
        self.form.addRow(self.uren_label, self.uren_row)
        self.reden = QComboBox()
        for r in Reden:
            self.reden.addItem(r.label, r.value)
        self.reden.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.form.addRow("Reden:", self.field("reden", self.reden))
        self.opmerking = QLineEdit()
        self.opmerking.setPlaceholderText("bijvoorbeeld: moeder belde om 8.15 uur")
        self.form.addRow("Opmerking:", self.field("opmerking", self.opmerking))
        self.form.addRow(hint("Weekenden, vakanties en vrije dagen worden overgeslagen. Verzuim uit de import blijft "
                              "staan; zelf ingevoerd verzuim met dezelfde reden op dezelfde dag wordt vervangen."))
        self.een_dag.toggled.connect(self._update_mode)
        self.van.dateChanged.connect(self._van_changed)
        self._update_mode()
        self._finish()

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

    def snapshot(self) -> tuple:
        return (self.een_dag.isChecked(), self.van.value(), self.tot.value(), self.uren.value(),
                self.reden.currentData(), self.opmerking.text())

    def map_errors(self, fouten: dict[str, str]) -> dict[str, str]:
        if self.een_dag.isChecked():  # one field for the date
            return {("van" if k == "tot" else k): v for k, v in fouten.items()}
        return fouten

    def submit(self) -> None:
        een = self.een_dag.isChecked()
        van = self.van.value()
        self.dagen = self.services.verzuim.invoeren(
            self.leerlingnummer, van, van if een else self.tot.value(), Reden(self.reden.currentData()),
            uren=self.uren.value() if een else None, opmerking=self.opmerking.text(), vandaag=self.vandaag)


# --- DUO melding --------------------------------------------------------------------------------------

class MeldingDialog(_FormDialog):
    """A verzuimmelding made in DUO's verzuimregister."""

    titel = "Melding DUO registreren"

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None, naam: str = "", soort: MeldingSoort = MeldingSoort.ZESTIEN_UUR,
                 signaal: Signaal | None = None):
        super().__init__(services, parent, vandaag=vandaag)
        self.leerlingnummer = leerlingnummer
        uitleg = ("Heeft u het verzuim gemeld bij DUO (het verzuimregister)? Leg de melding hier vast. "
                  "Na een melding begint de telling van 16 uur opnieuw, vanaf de dag na 'Verzuim t/m'.")
        if naam:
            uitleg = f"Voor <b>{_html(naam)}</b>. " + uitleg
        tekst = WrapLabel(uitleg)
        tekst.setTextFormat(Qt.TextFormat.RichText)
        self.outer.addWidget(tekst)
        if signaal is not None:
            self.signaal_label = hint(f"Signaal: {signaal.soort.label} – {signaal.uitleg}.")
            self.outer.addWidget(self.signaal_label)

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
        self.einddatum.dateChanged.connect(self._einddatum_gewijzigd)
        self.datum.dateChanged.connect(self._datum_gewijzigd)
        bijgewerkt = services.signalen.bijgewerkt_tot()
        self.kenmerk = QLineEdit()
        self.kenmerk.setPlaceholderText("het kenmerk dat DUO gaf (mag leeg)")
        self.form.addRow("Soort melding:", self.field("soort", self.soort))
        self.form.addRow("Gemeld op:", self.field("datum", self.datum))
        self.form.addRow("Verzuim t/m:", self.field("einddatum", self.einddatum, hint(
            "De laatste dag van het verzuim dat u meldde. Standaard: t/m "
            + (f"{format_date(bijgewerkt)}, de dag tot waar het verzuim is bijgewerkt" if bijgewerkt
               else "de dag van de melding")
            + " (niet later dan de melding), zodat al het bekende verzuim gemeld is.")))
        self.form.addRow("Kenmerk DUO:", self.field("kenmerk", self.kenmerk))
        self._finish()

    def _datum_gewijzigd(self) -> None:
        if not self._einddatum_gekozen and self.datum.value() is not None:
            self.einddatum.blockSignals(True)
            self.einddatum.set_value(self.services.verzuim.standaard_einddatum(self.datum.value()))
            self.einddatum.blockSignals(False)

    def _einddatum_gewijzigd(self) -> None:
        self._einddatum_gekozen = True

    def snapshot(self) -> tuple:
        return (self.soort.currentData(), self.datum.value(), self.einddatum.value(), self.kenmerk.text())

    def submit(self) -> None:
        self.melding = self.services.verzuim.melding_registreren(
            self.leerlingnummer, self.datum.value(), self.einddatum.value(), MeldingSoort(self.soort.currentData()),
            self.kenmerk.text(), vandaag=self.vandaag)


# --- M@zl ----------------------------------------------------------------------------------------------

class MazlDialog(_FormDialog):
    """The jeugdarts was brought in (M@zl)."""

    titel = "M@zl-actie registreren"

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None, naam: str = "", signaal: Signaal | None = None):
        super().__init__(services, parent, vandaag=vandaag)
        self.leerlingnummer = leerlingnummer
        uitleg = ("Leg vast op welke dag de jeugdarts is ingeschakeld (M@zl). Ziekmeldingen worden daarna "
                  "opnieuw geteld.")
        if naam:
            uitleg = f"Voor <b>{_html(naam)}</b>. " + uitleg
        tekst = WrapLabel(uitleg)
        tekst.setTextFormat(Qt.TextFormat.RichText)
        self.outer.addWidget(tekst)
        if signaal is not None:
            self.outer.addWidget(hint(f"Signaal: {signaal.soort.label} – {signaal.uitleg}."))
        self.datum = DateEdit(start=self.vandaag)
        self.opmerking = QLineEdit()
        self.opmerking.setPlaceholderText("bijvoorbeeld: gesprek met ouders, toestemming gegeven")
        self.form.addRow("Jeugdarts ingeschakeld op:", self.field("datum", self.datum))
        self.form.addRow("Opmerking:", self.field("opmerking", self.opmerking))
        self._finish()

    def snapshot(self) -> tuple:
        return (self.datum.value(), self.opmerking.text())

    def submit(self) -> None:
        self.mazl = self.services.verzuim.mazl_registreren(self.leerlingnummer, self.datum.value(),
                                                           self.opmerking.text(), vandaag=self.vandaag)


# --- besproken -------------------------------------------------------------------------------------------

class BesprokenDialog(_FormDialog):
    """Mark a signal "besproken" with a note (it stays in every count)."""

    titel = "Signaal besproken"

    def __init__(self, services: Services, signaal: Signaal, bespreking: Bespreking | None = None,
                 parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(services, parent, vandaag=vandaag)
        self.signaal = signaal
        kop = QLabel(f"<b>{_html(signaal.soort.label)}</b>")
        self.outer.addWidget(kop)
        if signaal.uitleg:
            self.outer.addWidget(WrapLabel(signaal.uitleg + "."))
        self.outer.addWidget(hint("Het signaal blijft meetellen; u legt alleen vast dat het besproken is en "
                                  "wat er is afgesproken."))
        self.notitie = QPlainTextEdit()
        self.notitie.setTabChangesFocus(True)
        self.notitie.setPlaceholderText("bijvoorbeeld: besproken met mentor en leerplichtambtenaar; gesprek met "
                                        "ouders op 30-11")
        self.notitie.setFixedHeight(self.notitie.fontMetrics().lineSpacing() * 5 + 12)
        if bespreking is not None:
            self.notitie.setPlainText(bespreking.notitie)
            self.outer.addWidget(hint(f"Eerder besproken op {format_date(bespreking.op)}"
                                      + (f" door {bespreking.door}" if bespreking.door else "") + "."))
        self.form.addRow("Notitie:", self.field("notitie", self.notitie))
        self._finish()

    def snapshot(self) -> tuple:
        return (self.notitie.toPlainText(),)

    def submit(self) -> None:
        s = self.signaal
        self.services.signalen.bespreken(s.leerlingnummer, SignaalSoort(s.soort), s.datum,
                                         self.notitie.toPlainText())
