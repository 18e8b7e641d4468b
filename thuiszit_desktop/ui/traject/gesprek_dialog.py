"""Recording a gesprek (with afspraken that can become actiepunten) and the quick contactmoment of a mentor."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.gebruiker import Rol
from ...domain.gesprek import Gesprek
from ...domain.traject import GesprekType
from ...services.session import Services
from ..common.blocks import text_edit
from ..common.form import NIET_OPGESLAGEN, FormDialog
from ..common.widgets import DateEdit, form_layout, format_date, hint, with_error
from .afspraken import AfsprakenList

REQUIRED = " *"

def type_combo(types: list[GesprekType] | None = None) -> QComboBox:
    combo = QComboBox()
    for t in types or list(GesprekType):
        combo.addItem(t.label, t.value)
    return combo


# --- the gesprek dialog -------------------------------------------------------------------------------

class GesprekDialog(FormDialog):
    """Record a gesprek: type, datum (not in the future), deelnemers, samenvatting, afspraken (each can become
    an actiepunt with wie and uiterlijk) and vertrouwelijk. With `gesprek` it shows a recorded one, which a
    zorgcoördinator (a mentor: when not vertrouwelijk) can correct and whose afspraken can still become actiepunten.

    After `exec()`, `saved` holds the Gesprek.
    """

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None,
                 gesprek: Gesprek | None = None, *, vandaag: date | None = None):
        super().__init__(parent=parent)
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.gesprek = gesprek
        self.vandaag = vandaag or date.today()
        self.saved: Gesprek | None = None
        self.setSizeGripEnabled(True)
        self.personen = services.partners.personen()
        leerling = services.leerlingen.get(leerlingnummer)
        self.setWindowTitle(f"Gesprek van {format_date(gesprek.datum)} – {leerling.naam}" if gesprek
                            else f"Gesprek vastleggen – {leerling.naam}")
        self._build(leerling.naam)
        self._setup_concept(services, "gesprek", f"{leerlingnummer}:{gesprek.id}" if gesprek else leerlingnummer)
        if gesprek is None:
            self.concept.veld("samenvatting", self.samenvatting)
            self.concept.veld("deelnemers", self.deelnemers)
            self.concept.samengesteld_veld("afspraken", self.afspraken.nieuwe_teksten, self.afspraken.set_nieuwe_teksten,
                                    self.afspraken.changed)
        self._load()
        self._restore_concept()
        self.resize(780, 680)
        self._fit()

    def _build(self, naam: str) -> None:
        outer = QVBoxLayout(self)
        self.concept_note = hint("")
        self.concept_note.hide()
        outer.addWidget(self.concept_note)
        outer.addWidget(self.general_error)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: the dialog opens on its first field
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 6, 0)
        self.scroll = scroll

        self.traject_hint = hint("")
        layout.addWidget(self.traject_hint)
        form = form_layout()
        self.type = type_combo()
        self.datum = DateEdit(start=self.vandaag)
        self.datum.set_value(self.vandaag)
        self.deelnemers = QLineEdit()
        self.deelnemers.setPlaceholderText("bijvoorbeeld: Zoë, haar moeder en de mentor")
        self.samenvatting = text_edit("Waar ging het over? Wat vertelde de leerling in eigen woorden? "
                                      "Wat is er nodig?", 6)
        self.vertrouwelijk = QCheckBox("Vertrouwelijk (bijvoorbeeld medische of psychologische details)")
        self.vertrouwelijk.setToolTip("Het gesprek staat dan gemarkeerd als vertrouwelijk in de tijdlijn en "
                                      "in het dossier.")
        # Only the zorgcoördinator can read vertrouwelijk content back: others do not get the choice.
        self.mag_vertrouwelijk = self.services.ziet_vertrouwelijk
        self.vertrouwelijk.setVisible(self.mag_vertrouwelijk)
        self.vertrouwelijk_hint = hint("Vertrouwelijke notities (medische of psychologische details) zijn voor de "
                                       "zorgcoördinator: schrijf ze hier niet op, maar bespreek ze met hem of haar.")
        self.vertrouwelijk_hint.setVisible(not self.mag_vertrouwelijk)
        fe = self.field_errors
        form.addRow("Soort contact", with_error(self.type, fe.add("type", self.type)))
        form.addRow("Datum" + REQUIRED, with_error(self.datum, fe.add("datum", self.datum)))
        form.addRow("Wie waren erbij", self.deelnemers)
        form.addRow("Samenvatting" + REQUIRED, with_error(self.samenvatting,
                                                          fe.add("samenvatting", self.samenvatting)))
        form.addRow("", self.vertrouwelijk)
        form.addRow("", self.vertrouwelijk_hint)
        layout.addLayout(form)
        self.afspraken = AfsprakenList(self.personen, editable=self.gesprek is None)
        layout.addWidget(self.afspraken)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.type.setFocus()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Opslaan")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.setToolTip("Opslaan (Ctrl+Enter)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self.datum.dateChanged.connect(self._check_datum)

    def _fit(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else None) or self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            self.resize(min(self.width(), available.width() - 40), min(self.height(), available.height() - 60))

    def _load(self) -> None:
        g = self.gesprek
        if g is None:
            traject = self.services.trajecten.open_traject(self.leerlingnummer)
            self.traject_hint.setText(
                f"Het gesprek komt bij het open traject ({traject.categorie.label.lower()}, geopend op "
                f"{format_date(traject.geopend)}) en in de tijdlijn." if traject else
                "Er is geen open traject; het gesprek komt wel in de tijdlijn van de leerling.")
            return
        # The service hides the content of a vertrouwelijk gesprek from everyone but the zorgcoördinator
        # (samenvatting and afspraken come as VERTROUWELIJK): what it returns is what this user may see.
        self.type.setCurrentIndex(self.type.findData(g.type.value))
        self.datum.set_value(g.datum)
        self.deelnemers.setText(g.deelnemers)
        self.samenvatting.setPlainText(g.samenvatting)
        self.vertrouwelijk.setChecked(g.vertrouwelijk)
        acties = {a.id: a for a in self.services.actiepunten.actiepunten(self.leerlingnummer)}
        for a in g.afspraken:
            self.afspraken.add(a.tekst, afspraak=a, actiepunt=acties.get(a.actiepunt_id))
        for row in self.afspraken.rows:
            row.tekst.setReadOnly(True)
            row.tekst.setStyleSheet("background: palette(window);")
        if not g.afspraken:
            self.afspraken.empty.setText("Bij dit gesprek zijn geen afspraken vastgelegd.")
        if self.mag_wijzigen:
            self.traject_hint.setText("U kunt dit gesprek corrigeren. Van een afspraak kunt u ook nog een actiepunt "
                                      "maken.")
        else:
            self.traject_hint.setText(
                "Dit gesprek is vertrouwelijk: alleen de zorgcoördinator ziet en wijzigt de inhoud."
                if g.vertrouwelijk else "U kunt dit gesprek alleen bekijken.")
            self._read_only_fields()
            self.vertrouwelijk_hint.hide()
            self.save_button.hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")

    @property
    def mag_wijzigen(self) -> bool:
        """A recorded gesprek can be corrected by a zorgcoördinator, and by a mentor when it is not
        vertrouwelijk (as `gesprek_bijwerken` allows)."""
        if self.gesprek is None:
            return True
        rol = self.services.gebruiker.rol
        return rol == Rol.ZORGCOORDINATOR or (rol == Rol.MENTOR and not self.gesprek.vertrouwelijk)

    def _read_only_fields(self) -> None:
        """Only look: the fields look like text, not like inputs."""
        for w in (self.type, self.datum, self.vertrouwelijk):
            w.setEnabled(False)
        for w in (self.deelnemers, self.samenvatting):
            w.setReadOnly(True)
            w.setStyleSheet("background: palette(window);")
        for row in self.afspraken.rows:
            row.actiepunt.setEnabled(False)

    def _check_datum(self) -> None:
        d = self.datum.value()
        self.field_errors.labels["datum"].set_error(
            "De datum van het gesprek kan niet in de toekomst liggen. Controleer de datum."
            if d is not None and d > self.vandaag else "")

    def _snapshot(self) -> tuple:
        return (self.type.currentData(), self.datum.value(), self.deelnemers.text(), self.samenvatting.toPlainText(),
                self.vertrouwelijk.isChecked(), tuple(r.snapshot() for r in self.afspraken.rows))

    def error_text(self, key: str) -> str:
        return self.field_errors.text(key)

    # --- saving ----------------------------------------------------------------------------------------

    def save(self) -> bool:
        """One service call: `gesprek_vastleggen` (with the afspraken that become actiepunten) for a new
        gesprek, `gesprek_bijwerken` for a correction. The service checks everything; its messages appear
        beside their field or afspraak and all typed text stays."""
        self.field_errors.clear()
        for row in self.afspraken.rows:
            row.clear_errors()
        gesprek = self.via_service(lambda: self._vastleggen() if self.gesprek is None else self._bijwerken(),
                                   self._show)
        if gesprek is NIET_OPGESLAGEN:
            return False
        self.saved = self.gesprek = gesprek
        self._saved()
        self.accept()
        return True

    def _vastleggen(self) -> Gesprek:
        rows = self.afspraken.rows  # all of them: the service skips empty ones, its index n is row n
        return self.services.gesprekken.gesprek_vastleggen(
            self.leerlingnummer, self.type.currentData(), self.datum.value(), self.samenvatting.toPlainText(),
            deelnemers=self.deelnemers.text(), afspraken=[r.tekst.text() for r in rows],
            vertrouwelijk=self.vertrouwelijk.isChecked(),
            actiepunten=[(i, r.wie.value(), r.uiterlijk.value()) for i, r in enumerate(rows) if r.wordt_actiepunt()],
            vandaag=self.vandaag)

    def _bijwerken(self) -> Gesprek:
        g = self.gesprek
        velden: dict = {}
        if self.type.currentData() != g.type.value:
            velden["type"] = self.type.currentData()
        if self.datum.value() != g.datum:
            velden["datum"] = self.datum.value()
        if self.samenvatting.toPlainText() != g.samenvatting:
            velden["samenvatting"] = self.samenvatting.toPlainText()
        if self.deelnemers.text() != g.deelnemers:
            velden["deelnemers"] = self.deelnemers.text()
        if self.vertrouwelijk.isChecked() != g.vertrouwelijk:
            velden["vertrouwelijk"] = self.vertrouwelijk.isChecked()
        if velden:
            self.gesprek = g = self.services.gesprekken.gesprek_bijwerken(g.id, **velden, vandaag=self.vandaag,
                                                                          versie=g.rijversie)
        for n, row in enumerate(self.afspraken.rows, 1):
            if row.afspraak is None or not row.wordt_actiepunt():
                continue
            try:
                self.services.gesprekken.afspraak_naar_actiepunt(row.afspraak.id, row.wie.value(), row.uiterlijk.value())
            except InvoerFout as exc:
                raise InvoerFout({f"afspraak{n}.{k or 'wat'}": v for k, v in exc.fouten.items()}) from None
            row.actiepunt.setChecked(False)
            row.actiepunt.hide()
        return self.services.gesprekken.gesprek(g.id)

    kan_herladen = True

    def conflict_gezien(self, exc) -> None:
        if self.gesprek is not None:  # the fields keep what was typed; the next save is measured against this
            self.gesprek = self.services.gesprekken.gesprek(self.gesprek.id)

    def herladen(self) -> None:
        """The gesprek's own fields as saved now (its afspraken are not edited here)."""
        g = self.gesprek
        self.type.setCurrentIndex(self.type.findData(g.type.value))
        self.datum.set_value(g.datum)
        self.deelnemers.setText(g.deelnemers)
        self.samenvatting.setPlainText(g.samenvatting)
        self.vertrouwelijk.setChecked(g.vertrouwelijk)

    def _show(self, fouten: dict[str, str]) -> None:
        """Each message beside its field; "afspraak<n>.<veld>" beside afspraak n."""
        per_rij: dict[int, dict[str, str]] = {}
        rest = {}
        for key, text in fouten.items():
            m = re.fullmatch(r"afspraak(\d+)\.(\w+)", key)
            if m and 1 <= int(m.group(1)) <= len(self.afspraken.rows):
                per_rij.setdefault(int(m.group(1)) - 1, {})[m.group(2)] = text
            else:
                rest[key] = text
        first = self.field_errors.show(rest) if rest else None
        for i, rij_fouten in sorted(per_rij.items()):
            row = self.afspraken.rows[i]
            row.show_errors(rij_fouten)
            if first is None:
                first = (row.uiterlijk if "uiterlijk" in rij_fouten else row.wie if "wie" in rij_fouten
                         else row.tekst)
        if first is not None:
            self.scroll.ensureWidgetVisible(first, 50, 50)
            first.setFocus(Qt.FocusReason.OtherFocusReason)


# --- the quick contactmoment --------------------------------------------------------------------------

class ContactmomentDialog(FormDialog):
    """The mentor's quick note: type, datum (default today) and a summary; Ctrl+Enter saves."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__(parent=parent)
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.vandaag = vandaag or date.today()
        self.saved: Gesprek | None = None
        leerling = services.leerlingen.get(leerlingnummer)
        self.setWindowTitle(f"Contactmoment – {leerling.naam}")
        self.setSizeGripEnabled(True)
        fe = self.field_errors

        layout = QVBoxLayout(self)
        self.concept_note = hint("")
        self.concept_note.hide()
        layout.addWidget(self.concept_note)
        layout.addWidget(self.general_error)
        form = form_layout()
        self.type = type_combo([GesprekType.TELEFONISCH, GesprekType.GESPREK_LEERLING, GesprekType.GESPREK_OUDERS,
                                GesprekType.HUISBEZOEK, GesprekType.EMAIL, GesprekType.OVERIG])
        self.datum = DateEdit(start=self.vandaag)
        self.datum.set_value(self.vandaag)
        self.samenvatting = text_edit("Kort: met wie, waarover, wat is afgesproken", 4)
        form.addRow("Soort contact", self.type)
        form.addRow("Datum", with_error(self.datum, fe.add("datum", self.datum)))
        form.addRow("Samenvatting", with_error(self.samenvatting, fe.add("samenvatting", self.samenvatting)))
        layout.addLayout(form, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Opslaan")
        self.save_button.setToolTip("Opslaan (Ctrl+Enter)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)

        self._setup_concept(services, "contactmoment", leerlingnummer)
        self.concept.veld("samenvatting", self.samenvatting)
        self._restore_concept()
        self.resize(520, 320)
        self.samenvatting.setFocus()

    def _snapshot(self) -> tuple:
        return (self.type.currentData(), self.datum.value(), self.samenvatting.toPlainText())

    def error_text(self, key: str) -> str:
        return self.field_errors.text(key)

    def save(self) -> bool:
        self.field_errors.clear()
        saved = self.via_service(lambda: self.services.gesprekken.contactmoment(
            self.leerlingnummer, self.type.currentData(), self.samenvatting.toPlainText(), self.datum.value(),
            vandaag=self.vandaag), self.show_field_errors)
        if saved is NIET_OPGESLAGEN:
            return False
        self.saved = saved
        self._saved()
        self.accept()
        return True
