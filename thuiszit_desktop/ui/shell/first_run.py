"""The welcome wizard on first start: one laptop (the school, then the first zorgcoördinator's account) or the
school's shared database on a server (the connection dialog)."""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain.errors import DatabaseFout, InvoerFout
from ...domain.gebruiker import MIN_WACHTWOORD, check_nieuwe_gebruiker
from ...domain.school import Regio, School, Schooltype
from ...services import session
from ...services.lezersoverzicht import Lezersessie
from ...services.session import Services
from ..beheer.school_velden import swv_hint, swv_veld
from ..common import errors
from ..common.widgets import ErrorLabel, FieldErrors, fit_to_screen, hint, link_label, with_error
from .login import choose_database_file
from .onthouden import onthoud_naam, onthoud_server, server_velden

log = logging.getLogger(__name__)

REGIO_HINTS = {
    Regio.NOORD: "Groningen, Friesland, Drenthe, Overijssel, Noord-Holland, Urk en Hattem",
    Regio.MIDDEN: "Utrecht, Zuid-Holland, Flevoland (zonder Urk) en een deel van Gelderland",
    Regio.ZUID: "Zeeland, Noord-Brabant, Limburg en een deel van Gelderland",
}


class FirstRunOutcome(Enum):
    CREATED = "created"
    CANCELLED = "cancelled"
    OPEN_EXISTING = "open existing"  # the user chose an existing database file: `chosen_path`
    SERVER = "server"  # connected and logged in on the shared school database: `services`


def password_hint(naam: str, wachtwoord: str, herhaling: str) -> tuple[str, bool]:
    """A live hint about the new password: (text, acceptable)."""
    if not wachtwoord:
        return f"Minstens {MIN_WACHTWOORD} tekens, met letters én cijfers of leestekens.", False
    try:
        check_nieuwe_gebruiker(naam or "-", wachtwoord, wachtwoord)
    except InvoerFout as exc:
        return exc.fouten.get("wachtwoord", " ".join(exc.fouten.values())), False
    if herhaling and herhaling != wachtwoord:
        return "Het wachtwoord is goed, maar de herhaling is (nog) niet gelijk.", False
    kinds = sum((any(c.islower() for c in wachtwoord), any(c.isupper() for c in wachtwoord),
                 any(c.isdigit() for c in wachtwoord), any(not c.isalnum() for c in wachtwoord)))
    if len(wachtwoord) >= 16 or (len(wachtwoord) >= 12 and kinds >= 3):
        sterkte = "Sterk wachtwoord."
    else:
        sterkte = "Goed genoeg. Langer is sterker: een korte zin is makkelijk te onthouden."
    return (sterkte + (" De twee wachtwoorden zijn gelijk." if herhaling == wachtwoord else "")), True


class WelcomePage(QWizardPage):
    """Where the data will be: one encrypted file on this laptop (the default), or the school's shared database on
    a server – which opens the connection dialog instead of the next steps."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Welkom bij Thuiszit Desktop")
        self.setSubTitle("Thuiszitters en dreigende thuiszitters in beeld houden, en samen weer naar school helpen.")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Waar komen de gegevens te staan?"))
        self.een_laptop = QRadioButton("Eén laptop")
        self.een_laptop.setChecked(True)
        self.gedeeld = QRadioButton("Gedeelde schooldatabase")
        self.keuze = QButtonGroup(self)
        for knop in (self.een_laptop, self.gedeeld):
            self.keuze.addButton(knop)
            knop.setFont(bold(knop.font()))
        layout.addWidget(self.een_laptop)
        layout.addWidget(indented(hint(
            "Alles staat in één versleuteld bestand op deze computer. Zonder uw wachtwoord kan niemand het openen "
            "– ook de leverancier niet. U richt het hier in twee stappen in: uw school en uw eigen account.")))
        self.where = indented(hint(f"De database komt in: {wizard.path}"))
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        layout.addWidget(self.gedeeld)
        layout.addWidget(indented(hint(
            "Mentoren en collega's werken op hun eigen laptop in dezelfde database, op een server die de ICT van "
            "school al heeft ingericht. U maakt verbinding met de gegevens die u van de ICT krijgt.")))
        self.volgende = wizard.buttonText(QWizard.WizardButton.NextButton)
        self.gedeeld.toggled.connect(lambda gedeeld: self.setButtonText(
            QWizard.WizardButton.NextButton, "Verbinden…" if gedeeld else self.volgende))
        layout.addStretch(1)
        layout.addWidget(QLabel("Heeft u al een databasebestand, bijvoorbeeld van een andere computer?"))
        self.open_link = link_label("Bestaand bestand openen…", wizard.open_existing)
        layout.addWidget(self.open_link)

    def validatePage(self) -> bool:
        if self.wizard_.outcome is FirstRunOutcome.SERVER:  # QWizard asks again when it closes as accepted
            return True
        if self.gedeeld.isChecked():
            self.wizard_.verbinden()
            return False  # no next page: the wizard closes once connected
        return True


def bold(font: QFont) -> QFont:
    font.setBold(True)
    return font


def indented(widget: QWidget) -> QWidget:
    """The explanation under a choice, lined up with the choice's text."""
    widget.setContentsMargins(24, 0, 0, 6)
    return widget


class SchoolPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Uw school")
        self.setSubTitle("Nodig voor de schoolvakanties en het tellen van verzuim.")
        self.errors = FieldErrors(ErrorLabel())

        self.naam = QLineEdit()
        self.naam.setPlaceholderText("bijvoorbeeld Het Baken")
        self.brin = QLineEdit()
        self.brin.setPlaceholderText("bijvoorbeeld 12AB of 12AB01")
        self.brin.setMaxLength(8)
        self.regio = QComboBox()
        for r in Regio:
            self.regio.addItem(f"{r.value.capitalize()}", r)
        self.regio.setCurrentIndex(self.regio.findData(Regio.MIDDEN))
        self.regio_hint = hint("")
        self.regio.currentIndexChanged.connect(self._update_regio_hint)
        self._update_regio_hint()
        self.schooltype = QComboBox()
        for t in Schooltype:
            self.schooltype.addItem(f"{t.label} ({t.value})", t)
        self.schooltype.setCurrentIndex(self.schooltype.findData(Schooltype.VO))
        self.uren = QDoubleSpinBox()
        self.uren.setRange(1, 12)
        self.uren.setSingleStep(0.5)
        self.uren.setDecimals(1)
        self.uren.setValue(6.0)
        self.uren.setSuffix(" uur")
        uren_hint = hint("Gemiddeld, om verzuim in dagen om te rekenen naar uren.")
        self.swv = swv_veld()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Naam van de school:", with_error(self.naam, self.errors.add("naam", self.naam)))
        form.addRow("BRIN-nummer:", with_error(self.brin, self.errors.add("brin", self.brin)))
        form.addRow("Regio schoolvakanties:", with_error(self.regio, self.errors.add("regio", self.regio),
                                                           self.regio_hint))
        form.addRow("Schooltype:", with_error(self.schooltype, self.errors.add("schooltype", self.schooltype)))
        form.addRow("Uren per lesdag:", with_error(self.uren, self.errors.add("uren_per_lesdag", self.uren),
                                                     uren_hint))
        form.addRow("Samenwerkingsverband:", with_error(self.swv, self.errors.add("swv", self.swv), swv_hint()))
        form.addRow(self.errors.general)

        for key, edit in (("naam", self.naam), ("brin", self.brin), ("swv", self.swv)):
            edit.textEdited.connect(lambda _t, k=key: self.errors.labels[k].set_error(""))

    def _update_regio_hint(self) -> None:
        self.regio_hint.setText(f"Onder andere {REGIO_HINTS[Regio(self.regio.currentData())]}. Twijfelt u? "
                                "Kijk op rijksoverheid.nl/schoolvakanties.")

    def school(self) -> School:
        # (Qt hands a StrEnum stored in a combo back as a plain str)
        return School(self.naam.text(), self.brin.text(), Regio(self.regio.currentData()),
                      Schooltype(self.schooltype.currentData()), self.uren.value(), self.swv.text())

    def validatePage(self) -> bool:
        try:
            self.wizard_.school = self.school().validated()
        except InvoerFout as exc:
            widget = self.errors.show(exc.fouten)
            if widget is not None:
                widget.setFocus()
            return False
        self.errors.clear()
        self.brin.setText(self.wizard_.school.brin)
        return True


class AccountPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Uw account")
        self.setSubTitle("Met deze naam en dit wachtwoord opent u voortaan het programma, als zorgcoördinator.")
        self.errors = FieldErrors(ErrorLabel())
        self.naam = QLineEdit()
        self.naam.setPlaceholderText("uw naam, bijvoorbeeld Anna de Vries")
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        self.herhaling = QLineEdit()
        self.herhaling.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = hint("")
        self.strength.setObjectName("wachtwoord_hint")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Naam:", with_error(self.naam, self.errors.add("naam", self.naam)))
        form.addRow("Wachtwoord:", with_error(self.wachtwoord, self.errors.add("wachtwoord", self.wachtwoord),
                                               self.strength))
        form.addRow("Nog een keer:", with_error(self.herhaling, self.errors.add("herhaling", self.herhaling)))
        warning = hint("Onthoud uw wachtwoord goed en schrijf het niet op een briefje bij de laptop. Zonder "
                       "wachtwoord is de database niet te openen – ook niet door de leverancier.")
        form.addRow(warning)
        form.addRow(self.errors.general)
        for key, edit in (("naam", self.naam), ("wachtwoord", self.wachtwoord), ("herhaling", self.herhaling)):
            edit.textChanged.connect(self._update_hint)
            # a message about what was there before goes as soon as the field changes (never a red line left
            # beside "✓ Sterk wachtwoord")
            edit.textEdited.connect(lambda _t, k=key: self.errors.labels[k].set_error(""))
        self._update_hint()

    def _update_hint(self) -> None:
        text, ok = password_hint(self.naam.text(), self.wachtwoord.text(), self.herhaling.text())
        self.strength.setText(("✓ " if ok else "") + text)

    def validatePage(self) -> bool:
        naam, wachtwoord, herhaling = self.naam.text(), self.wachtwoord.text(), self.herhaling.text()
        try:
            check_nieuwe_gebruiker(naam, wachtwoord, herhaling)
        except InvoerFout as exc:
            self._show(exc.fouten)
            return False
        self.errors.clear()
        return self.wizard_.create(naam, wachtwoord, herhaling, self)

    def _show(self, fouten: dict[str, str]) -> None:
        widget = self.errors.show(fouten)
        if widget is not None:
            widget.setFocus()
        if "herhaling" in fouten or "wachtwoord" in fouten:
            self.herhaling.clear()


class FirstRunWizard(QWizard):
    """After `exec()`: `outcome`, and `services` when the database was made (or `chosen_path`)."""

    def __init__(self, path: Path, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__(parent)
        self.path = path
        self.settings = settings if settings is not None else QSettings()
        self.school: School | None = None
        self.services: Services | None = None
        self.chosen_path: Path | None = None
        self.outcome = FirstRunOutcome.CANCELLED
        self.setWindowTitle("Thuiszit Desktop inrichten")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Database maken")
        self.welcome_page = WelcomePage(self)
        self.school_page = SchoolPage(self)
        self.account_page = AccountPage(self)
        for page in (self.welcome_page, self.school_page, self.account_page):
            # Expanding: otherwise QWizard keeps a page at its first height and clips the error lines
            # that appear later.
            page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            self.addPage(page)
        fit_to_screen(self, 680, 560)

    def create(self, naam: str, wachtwoord: str, herhaling: str, page: AccountPage) -> bool:
        assert self.school is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.services = session.create_school(self.path, self.school, naam, wachtwoord, herhaling)
        except InvoerFout as exc:
            school_keys = {"naam", "brin", "regio", "schooltype", "uren_per_lesdag", "swv"} & set(exc.fouten)
            if school_keys and not {"wachtwoord", "herhaling"} & set(exc.fouten):
                self.back()
                self.school_page.errors.show(exc.fouten)
            else:
                page._show(exc.fouten)
            return False
        except (DatabaseFout, OSError) as exc:
            log.warning("could not create the database: %s", type(exc).__name__)
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            errors.show_error(self, f"De database kon niet worden gemaakt in {self.path.parent}.\n\n{detail}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        log.info("new database created")
        onthoud_naam(self.settings, self.path, self.services.gebruiker.naam)
        self.outcome = FirstRunOutcome.CREATED
        return True

    def verbinden(self) -> None:
        """"Gedeelde schooldatabase": the connection dialog; once logged in there, the wizard is done."""
        from .verbinding_dialog import VerbindingDialog

        dialog = VerbindingDialog(self, velden=server_velden(self.settings))
        if dialog.exec() != VerbindingDialog.DialogCode.Accepted or dialog.services is None:
            return
        from . import eigen_wachtwoord

        if not eigen_wachtwoord.kiezen(dialog.services, dialog.wachtwoord.text()):
            dialog.services.close()  # cancelled: logged out again, the wizard stays
            return
        lezer = isinstance(dialog.services, Lezersessie)  # alleen-lezen reads the overview only
        onthoud_server(self.settings, {**dialog.velden, "school": "" if lezer else dialog.services.school.get().naam})
        self.services = dialog.services
        self.outcome = FirstRunOutcome.SERVER
        # closed once the click on "Verbinden…" is handled (QWizard is still inside validatePage now)
        QTimer.singleShot(0, lambda: self.done(QWizard.DialogCode.Accepted))

    def open_existing(self) -> None:
        path = choose_database_file(self, self.path.parent)
        if path is None:
            return
        self.chosen_path = path
        self.outcome = FirstRunOutcome.OPEN_EXISTING
        self.done(QWizard.DialogCode.Rejected)

    def reject(self) -> None:
        if self.outcome is FirstRunOutcome.CANCELLED and self.currentId() > 0 and not errors.ask(
                self, "Stoppen met inrichten?", detail="Er is nog niets opgeslagen.",
                yes="Stoppen", no="Doorgaan"):
            return
        super().reject()
