"""Add or edit one student, with ouders/verzorgers and vrijstellingen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.leerling import (
    Contactvoorkeur,
    Leerling,
    Ouder,
    Relatie,
    Vrijstelling,
    VrijstellingType,
    add_years,
    plicht_status,
    validate_leerling,
)
from ...services.session import Services
from ..common import errors
from ..common.form import NIET_OPGESLAGEN, FormDialog
from ..common.widgets import (
    DateEdit,
    ErrorLabel,
    OptionalDateEdit,
    form_layout,
    hint,
    with_error,
)

REQUIRED = " *"
_PLACEHOLDER_BIRTH = date(1900, 1, 1)  # only to collect the other field errors while it is empty


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Row(QFrame):
    """One ouder or vrijstelling in the dialog: its fields, a remove button and an error line."""

    changed = Signal()
    remove_requested = Signal(object)
    wat = "Deze regel"  # for "Deze ouder weghalen?"

    def __init__(self):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 6, 8, 6)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.error = ErrorLabel()
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.setAutoDefault(False)  # Enter in a field saves the dialog, never removes
        self.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, self.wat, self) and self.remove_requested.emit(self))

    def snapshot(self) -> tuple:
        raise NotImplementedError


class OuderRow(_Row):
    wat = "Deze ouder"

    def __init__(self, ouder: Ouder | None = None):
        super().__init__()
        self.naam = QLineEdit()
        self.naam.setPlaceholderText("bijvoorbeeld Fatima el Amrani")
        self.relatie = QComboBox()
        for r in Relatie:
            self.relatie.addItem(_capital(r.value), r)
        self.gezag = QCheckBox("Heeft gezag")
        self.gezag.setToolTip("Ouders met gezag mogen het dossier inzien zolang de leerling jonger is dan 16.")
        self.telefoon = QLineEdit()
        self.email = QLineEdit()
        self.adres = QLineEdit()
        self.adres.setPlaceholderText("straat, huisnummer, postcode, plaats")
        self.voorkeur = QComboBox()
        for c in Contactvoorkeur:
            self.voorkeur.addItem(_capital(c.value), c)

        g = self.grid
        g.addWidget(QLabel("Naam" + REQUIRED), 0, 0)
        g.addWidget(self.naam, 0, 1)
        g.addWidget(QLabel("Relatie"), 0, 2)
        g.addWidget(self.relatie, 0, 3)
        g.addWidget(self.gezag, 0, 4)
        g.addWidget(QLabel("Telefoon"), 1, 0)
        g.addWidget(self.telefoon, 1, 1)
        g.addWidget(QLabel("E-mail"), 1, 2)
        g.addWidget(self.email, 1, 3, 1, 2)
        g.addWidget(QLabel("Adres"), 2, 0)
        g.addWidget(self.adres, 2, 1)
        g.addWidget(QLabel("Voorkeur"), 2, 2)
        g.addWidget(self.voorkeur, 2, 3)
        g.addWidget(self.remove_button, 2, 4, Qt.AlignmentFlag.AlignRight)
        g.addWidget(self.error, 3, 0, 1, 5)
        g.setColumnStretch(1, 3)
        g.setColumnStretch(3, 2)
        for veld, naam in ((self.naam, "Naam van de ouder"), (self.relatie, "Relatie"), (self.telefoon, "Telefoon"),
                           (self.email, "E-mail"), (self.adres, "Adres"), (self.voorkeur, "Contactvoorkeur")):
            veld.setAccessibleName(naam)  # the labels beside them are not buddies (a row repeats per ouder)

        self.set_value(ouder or Ouder(""))
        for edit in (self.naam, self.telefoon, self.email, self.adres):
            edit.textChanged.connect(self.changed)
        for combo in (self.relatie, self.voorkeur):
            combo.currentIndexChanged.connect(self.changed)
        self.gezag.toggled.connect(self.changed)

    def set_value(self, ouder: Ouder) -> None:
        self.naam.setText(ouder.naam)
        self.relatie.setCurrentIndex(self.relatie.findData(ouder.relatie))
        self.gezag.setChecked(ouder.gezag)
        self.telefoon.setText(ouder.telefoon)
        self.email.setText(ouder.email)
        self.adres.setText(ouder.adres)
        self.voorkeur.setCurrentIndex(self.voorkeur.findData(ouder.contactvoorkeur))

    def value(self) -> Ouder:
        # (Qt hands a StrEnum stored in a combo back as a plain str)
        return Ouder(self.naam.text(), Relatie(self.relatie.currentData()), self.telefoon.text(),
                     self.email.text(), self.adres.text(), self.gezag.isChecked(),
                     Contactvoorkeur(self.voorkeur.currentData()))

    def snapshot(self) -> tuple:
        return (self.value(),)

    def first_field(self) -> QWidget:
        return self.naam


class VrijstellingRow(_Row):
    wat = "Deze vrijstelling"

    def __init__(self, vrijstelling: Vrijstelling | None = None):
        super().__init__()
        self.type = QComboBox()
        for t in VrijstellingType:
            self.type.addItem(t.label, t)
        self.van = DateEdit()
        self.tot = OptionalDateEdit()
        g = self.grid
        g.addWidget(QLabel("Artikel"), 0, 0)
        g.addWidget(self.type, 0, 1, 1, 5)
        g.addWidget(QLabel("Van" + REQUIRED), 1, 0)
        g.addWidget(self.van, 1, 1)
        g.addWidget(QLabel("Tot en met"), 1, 2)
        g.addWidget(self.tot, 1, 3)
        g.addWidget(self.remove_button, 1, 5, Qt.AlignmentFlag.AlignRight)
        g.addWidget(self.error, 2, 0, 1, 6)
        g.setColumnStretch(4, 1)

        self.set_value(vrijstelling or Vrijstelling(VrijstellingType.ART_5A, date.today()))
        self.type.currentIndexChanged.connect(self.changed)
        self.van.dateChanged.connect(self.changed)
        self.tot.changed.connect(self.changed)

    def set_value(self, v: Vrijstelling) -> None:
        self.type.setCurrentIndex(self.type.findData(v.type))
        self.van.set_value(v.van)
        self.tot.set_value(v.tot)
        self.tot.set_start(v.van)

    def value(self) -> Vrijstelling:
        return Vrijstelling(VrijstellingType(self.type.currentData()), self.van.value(), self.tot.value())

    def snapshot(self) -> tuple:
        return (self.value(),)

    def first_field(self) -> QWidget:
        return self.type


class _RowList(QGroupBox):
    """A titled list of rows with an "add" button and a line shown while it is empty."""

    changed = Signal()

    def __init__(self, title: str, add_text: str, empty_text: str, make_row):
        super().__init__(title)
        self._make_row = make_row
        self.rows: list[_Row] = []
        layout = QVBoxLayout(self)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        self.empty = hint(empty_text)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows_layout)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_new)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add(self, value=None) -> _Row:
        row = self._make_row(value)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.empty.setVisible(False)
        self.changed.emit()
        return row

    def add_new(self) -> _Row:
        row = self.add()
        row.first_field().setFocus()
        return row

    def remove(self, row: _Row) -> None:
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.add_button.setFocus()
        self.changed.emit()

    def values(self) -> tuple:
        return tuple(row.value() for row in self.rows)

    def clear_errors(self) -> None:
        for row in self.rows:
            row.error.set_error("")


class LeerlingDialog(FormDialog):
    """`LeerlingDialog(services, leerling or None)`; after `exec()` the saved student is `saved`."""

    def __init__(self, services: Services, leerling: Leerling | None = None, parent: QWidget | None = None,
                 *, vandaag: date | None = None):
        super().__init__(f"{leerling.naam} bewerken" if leerling else "Nieuwe leerling", parent)
        self.services = services
        self.original = leerling
        self.vandaag = vandaag or date.today()
        self.saved: Leerling | None = None
        self.setSizeGripEnabled(True)
        self._build()
        self._load(leerling)
        self._initial = self._snapshot()
        self._fitted = False
        self.resize(960, 700)
        self.leerlingnummer.setFocus()

    # --- building --------------------------------------------------------------------------------

    def _field(self, key: str, widget: QWidget) -> QWidget:
        return with_error(widget, self.field_errors.add(key, widget))

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = hint("Velden met een * zijn verplicht.")
        outer.addWidget(top)
        outer.addWidget(self.general_error)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 6, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)

        # Left: who the student is.
        self.leerlingnummer = QLineEdit()
        self.voornaam = QLineEdit()
        self.tussenvoegsel = QLineEdit()
        self.tussenvoegsel.setPlaceholderText("bijvoorbeeld de, van der")
        self.achternaam = QLineEdit()
        start = date(self.vandaag.year - 12, 1, 1)
        self.geboortedatum = DateEdit(blank_allowed=True, start=start)
        self.klas = QComboBox()
        self.klas.setEditable(True)
        self.klas.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.klas.addItems(self.services.leerlingen.klassen())
        self.klas.setCurrentIndex(-1)
        self.klas.lineEdit().setPlaceholderText("bijvoorbeeld 2B")
        self.mentor = QComboBox()
        self.mentor.setEditable(True)
        self.mentor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.mentor.addItems(self.services.leerlingen.mentoren())
        self.mentor.setCurrentIndex(-1)
        self.mentor.lineEdit().setPlaceholderText("kies of typ een naam")
        person = QGroupBox("Leerling")
        form = form_layout()
        form.addRow("Leerlingnummer" + REQUIRED, self._field("leerlingnummer", self.leerlingnummer))
        form.addRow("Voornaam", self.voornaam)
        form.addRow("Tussenvoegsel", self.tussenvoegsel)
        form.addRow("Achternaam" + REQUIRED, self._field("achternaam", self.achternaam))
        form.addRow("Geboortedatum" + REQUIRED, self._field("geboortedatum", self.geboortedatum))
        form.addRow("Klas", self.klas)
        form.addRow("Mentor", self.mentor)
        person.setLayout(form)
        grid.addWidget(person, 0, 0, 2, 1)

        # Right: enrolment, numbers, leerplicht.
        self.inschrijfdatum = DateEdit(start=self.vandaag)
        self.uitschrijfdatum = OptionalDateEdit(start=self.vandaag)
        self.bestemming = QLineEdit()
        self.bestemming.setPlaceholderText("de nieuwe school, of wat de leerling gaat doen")
        self.startkwalificatie = QCheckBox("Startkwalificatie behaald (havo, vwo of mbo-2)")
        enrol = QGroupBox("Inschrijving")
        form = form_layout()
        form.addRow("Inschrijfdatum" + REQUIRED, self._field("inschrijfdatum", self.inschrijfdatum))
        form.addRow("Uitschrijfdatum", self._field("uitschrijfdatum", self.uitschrijfdatum))
        form.addRow("Bestemming", self.bestemming)
        form.addRow("", self.startkwalificatie)
        enrol.setLayout(form)
        grid.addWidget(enrol, 0, 1)

        self.bsn = QLineEdit()
        self.bsn.setPlaceholderText("9 cijfers")
        self.onderwijsnummer = QLineEdit()
        self.onderwijsnummer.setPlaceholderText("9 cijfers, begint met 10 (als er geen BSN is)")
        numbers = QGroupBox("Nummers")
        form = form_layout()
        form.addRow("BSN", self._field("bsn", self.bsn))
        form.addRow("Onderwijsnummer", self._field("onderwijsnummer", self.onderwijsnummer))
        numbers.setLayout(form)
        grid.addWidget(numbers, 1, 1)

        plicht = QGroupBox("Leerplicht vandaag")
        self.plicht_label = QLabel()
        self.plicht_label.setWordWrap(True)
        QVBoxLayout(plicht).addWidget(self.plicht_label)
        grid.addWidget(plicht, 2, 0, 1, 2)

        self.ouders = _RowList("Ouders/verzorgers", "Ouder/verzorger toevoegen",
                               "Nog geen ouders of verzorgers.", OuderRow)
        grid.addWidget(self.ouders, 3, 0, 1, 2)
        self.vrijstellingen = _RowList("Vrijstellingen", "Vrijstelling toevoegen",
                                       "Geen vrijstellingen.", VrijstellingRow)
        grid.addWidget(self.vrijstellingen, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Opslaan")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        for signal in (self.geboortedatum.dateChanged, self.startkwalificatie.toggled,
                       self.vrijstellingen.changed):
            signal.connect(self._update_plicht)

    def showEvent(self, event) -> None:
        if not self._fitted:  # sizes are only right once the widgets are polished, just before showing
            self._fitted = True
            self._fit_to_screen()
        super().showEvent(event)

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else None) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width = 960
        height = self.scroll.widget().sizeHint().height() + self.buttons.sizeHint().height() + 90
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 40)
        self.resize(width, height)

    # --- form ⇄ Leerling -------------------------------------------------------------------------

    def _load(self, leerling: Leerling | None) -> None:
        if leerling is None:
            self.inschrijfdatum.set_value(self.vandaag)
            self._update_plicht()
            return
        self.leerlingnummer.setText(leerling.leerlingnummer)
        self.voornaam.setText(leerling.voornaam)
        self.tussenvoegsel.setText(leerling.tussenvoegsel)
        self.achternaam.setText(leerling.achternaam)
        self.geboortedatum.set_value(leerling.geboortedatum)
        self.klas.setCurrentText(leerling.klas)
        self.mentor.setCurrentText(leerling.mentor)
        self.inschrijfdatum.set_value(leerling.inschrijfdatum)
        self.uitschrijfdatum.set_value(leerling.uitschrijfdatum)
        self.bestemming.setText(leerling.bestemming)
        self.startkwalificatie.setChecked(leerling.startkwalificatie)
        self.bsn.setText(leerling.bsn)
        self.onderwijsnummer.setText(leerling.onderwijsnummer)
        for ouder in leerling.ouders:
            self.ouders.add(ouder)
        for vrijstelling in leerling.vrijstellingen:
            self.vrijstellingen.add(vrijstelling)
        self._update_plicht()

    def conflict_gezien(self, exc) -> None:
        if self.original is not None and self.original.id is not None:
            nu = self.services.leerlingen.get(self.original.leerlingnummer)
            self.original = replace(self.original, rijversie=nu.rijversie)

    def leerling(self) -> Leerling:
        """The student as the form shows it now (not yet checked). An empty birth date is 1-1-1900."""
        base = self.original or Leerling("", "", _PLACEHOLDER_BIRTH, self.vandaag)
        return replace(
            base,
            leerlingnummer=self.leerlingnummer.text(),
            voornaam=self.voornaam.text(),
            tussenvoegsel=self.tussenvoegsel.text(),
            achternaam=self.achternaam.text(),
            geboortedatum=self.geboortedatum.value() or _PLACEHOLDER_BIRTH,
            klas=self.klas.currentText(),
            mentor=self.mentor.currentText(),
            inschrijfdatum=self.inschrijfdatum.value() or self.vandaag,
            uitschrijfdatum=self.uitschrijfdatum.value(),
            bestemming=self.bestemming.text(),
            startkwalificatie=self.startkwalificatie.isChecked(),
            bsn=self.bsn.text(),
            onderwijsnummer=self.onderwijsnummer.text(),
            ouders=self.ouders.values(),
            vrijstellingen=self.vrijstellingen.values(),
        )

    def _snapshot(self) -> Leerling:
        return self.leerling()

    def _update_plicht(self) -> None:
        if self.geboortedatum.is_blank():
            self.plicht_label.setText("Vul de geboortedatum in; dan ziet u hier of de leerling leerplichtig is.")
            return
        try:
            self.plicht_label.setText(plicht_status(self.leerling(), self.vandaag).omschrijving + ".")
        except (ValueError, OverflowError):  # half-typed dates
            self.plicht_label.setText("")

    # --- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        self.field_errors.clear()
        self.ouders.clear_errors()
        self.vrijstellingen.clear_errors()
        saved = self.via_service(self._opslaan, self.show_errors)
        if saved is NIET_OPGESLAGEN:
            return False
        self.saved = saved
        self._initial = self._snapshot()
        self.accept()
        return True

    def _opslaan(self) -> Leerling:
        leerling = self.leerling()  # afresh each time: after "Mijn versie opslaan" with the version now seen
        if self.geboortedatum.is_blank():
            self._check_without_birth_date(leerling)
        return self.services.leerlingen.opslaan(leerling, vandaag=self.vandaag)

    def _check_without_birth_date(self, leerling: Leerling) -> None:
        fouten = {"geboortedatum": "Vul de geboortedatum in."}
        try:
            validate_leerling(replace(leerling, geboortedatum=add_years(self.vandaag, -12)), self.vandaag)
        except InvoerFout as exc:
            fouten.update({k: v for k, v in exc.fouten.items() if k not in ("geboortedatum", "inschrijfdatum")})
        raise InvoerFout(fouten)

    def show_errors(self, fouten: dict[str, str]) -> None:
        """Each message beside its field; the first field with an error gets the focus."""
        plain: dict[str, str] = {}
        first: QWidget | None = None
        for key, text in fouten.items():
            row = self._row_for(key)
            if row is None:
                plain[key] = text
            else:
                row.error.set_error(text)
                first = first or row.first_field()
        first_plain = self.field_errors.show(plain)
        target = first_plain or first
        if target is not None:
            self.scroll.ensureWidgetVisible(target, 50, 50)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _row_for(self, key: str) -> _Row | None:
        for prefix, rows in (("ouder", self.ouders.rows), ("vrijstelling", self.vrijstellingen.rows)):
            if key.startswith(prefix) and key[len(prefix):].isdigit():
                i = int(key[len(prefix):])
                return rows[i] if i < len(rows) else None
        return None

    def error_text(self, key: str) -> str:
        """The message shown for a field key (for tests and screen readers)."""
        row = self._row_for(key)
        if row is not None:
            return row.error.text() if not row.error.isHidden() else ""
        return self.field_errors.text(key)
