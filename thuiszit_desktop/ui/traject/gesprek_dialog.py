"""Recording a gesprek (with afspraken that can become actiepunten) and the quick contactmoment of a mentor.

Also the small shared pieces of the traject screens: a person picker over `personen()` and a field with
its error line under it.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.gebruiker import Rol
from ...domain.gesprek import Gesprek
from ...domain.traject import GesprekType, MdoRol, Persoon
from ...services.session import Services
from ..common import errors
from ..common.concept import ConceptDialog
from ..common.widgets import DateEdit, ErrorLabel, FieldErrors, form_layout, format_date, hint, with_error
from ..common.zoeken import ZoekCompleter

REQUIRED = " *"

# --- shared pieces ------------------------------------------------------------------------------------

def rol_label(rol: str) -> str:
    """The Dutch label of an MDO role or a user's role ("" stays "")."""
    for cls in (MdoRol, Rol):
        try:
            return cls(rol).label
        except ValueError:
            pass
    return rol


def persoon_tekst(p: Persoon) -> str:
    """"Anna de Vries (zorgcoördinator)"; the organisation too when known."""
    extra = [x for x in (rol_label(p.rol).lower() if p.rol else "", p.organisatie) if x]
    return f"{p.naam} ({', '.join(extra)})" if extra else p.naam


def text_edit(placeholder: str = "", lines: int = 5, *, max_lines: int | None = None) -> QPlainTextEdit:
    """A plain text field of at least `lines` lines (Tab moves on); `max_lines` keeps a short one small."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(line * lines + 12)
    if max_lines is not None:
        edit.setMaximumHeight(line * max_lines + 12)
    return edit


class PersoonCombo(QComboBox):
    """Pick who: a user or someone from the address book, or type a new name (it is added when saved)."""

    def __init__(self, personen: list[Persoon], parent: QWidget | None = None, *,
                 placeholder: str = "kies of typ een naam"):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.personen = list(personen)
        for p in self.personen:
            self.addItem(persoon_tekst(p), p)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(placeholder)
        self.setCompleter(ZoekCompleter(self.model(), self))
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # A long "name (role, organisation)" is never cut in the middle of the name: the list is as wide as
        # its longest line (up to the screen) and cuts, if it must, at the end.
        for view in (self.view(), self.completer().popup()):
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + self.view().verticalScrollBar().sizeHint()
                                    .width() + 2 * self.view().frameWidth())

    def value(self) -> Persoon | None:
        tekst = " ".join(self.currentText().split())
        if not tekst:
            return None
        for i in range(self.count()):
            p = self.itemData(i)
            if tekst in (self.itemText(i), p.naam):
                return p
        return Persoon(tekst)

    def set_value(self, wie: Persoon | str | None) -> None:
        self._set_value(wie)
        self.lineEdit().setCursorPosition(0)  # a long "name (role, organisation)" shows from its start

    def _set_value(self, wie: Persoon | str | None) -> None:
        if wie is None or (isinstance(wie, str) and not wie.strip()):
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        for i in range(self.count()):
            p = self.itemData(i)
            if isinstance(wie, Persoon) and ((wie.gebruiker_id is not None and p.gebruiker_id == wie.gebruiker_id)
                                             or (wie.contact_id is not None and p.contact_id == wie.contact_id)):
                self.setCurrentIndex(i)
                return
        naam = wie.naam if isinstance(wie, Persoon) else wie
        i = next((i for i in range(self.count()) if self.itemData(i).naam == naam), -1)
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(naam)

    def set_user(self, gebruiker_id: int) -> None:
        i = next((i for i in range(self.count()) if self.itemData(i).gebruiker_id == gebruiker_id), -1)
        self.setCurrentIndex(i)


def type_combo(types: list[GesprekType] | None = None) -> QComboBox:
    combo = QComboBox()
    for t in types or list(GesprekType):
        combo.addItem(t.label, t.value)
    return combo


# --- afspraken ----------------------------------------------------------------------------------------

class AfspraakRow(QFrame):
    """One afspraak: its text and, when it becomes an actiepunt, who does it and by when."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, personen: list[Persoon], tekst: str = "", *, afspraak=None, actiepunt=None):
        super().__init__()
        self.afspraak = afspraak  # an existing Afspraak (read-only text) or None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.tekst = QLineEdit(tekst)
        self.tekst.setPlaceholderText("bijvoorbeeld: Zoë komt maandag het eerste uur naar school")
        self.actiepunt = QCheckBox("Wordt actiepunt")
        self.actiepunt.setToolTip("Maak er een actiepunt van, met wie het doet en wanneer het klaar moet zijn.")
        self.wie = PersoonCombo(personen, placeholder="wie doet het?")
        self.uiterlijk = DateEdit(blank_allowed=True)
        self.uiterlijk.setToolTip("Uiterlijk klaar op")
        self.wie_error = ErrorLabel()
        self.uiterlijk_error = ErrorLabel()
        self.error = ErrorLabel()
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Deze afspraak", self.tekst) and self.remove_requested.emit(self))
        self.done_label = QLabel()
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setWordWrap(True)

        grid.addWidget(self.tekst, 0, 0, 1, 3)
        grid.addWidget(self.remove_button, 0, 3)
        grid.addWidget(self.actiepunt, 1, 0)
        wie_box = QHBoxLayout()
        self.wie_label = QLabel("Wie:")
        self.uiterlijk_label = QLabel("Uiterlijk:")
        wie_box.addWidget(self.wie_label)
        wie_box.addWidget(self.wie, 1)
        wie_box.addSpacing(8)
        wie_box.addWidget(self.uiterlijk_label)
        wie_box.addWidget(self.uiterlijk)
        grid.addLayout(wie_box, 1, 1, 1, 3)
        grid.addWidget(self.wie_error, 2, 1, 1, 3)
        grid.addWidget(self.uiterlijk_error, 3, 1, 1, 3)
        grid.addWidget(self.done_label, 4, 0, 1, 4)
        grid.addWidget(self.error, 5, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        self.done_label.hide()

        if afspraak is not None:
            self.tekst.setReadOnly(True)
            self.remove_button.hide()
            if actiepunt is not None or afspraak.actiepunt_id is not None:
                self.actiepunt.hide()
                for w in (self.wie, self.uiterlijk, self.wie_label, self.uiterlijk_label):
                    w.hide()
                if actiepunt is not None:
                    self.done_label.setText(f"Actiepunt: {actiepunt.wie.naam}, uiterlijk "
                                            f"{format_date(actiepunt.uiterlijk)} ({actiepunt.status.label.lower()})")
                else:
                    self.done_label.setText("Hier is al een actiepunt van gemaakt.")
                self.done_label.show()
        self.actiepunt.toggled.connect(self._update)
        self._update()
        self.tekst.textChanged.connect(self.changed)
        self.actiepunt.toggled.connect(self.changed)
        self.wie.currentTextChanged.connect(self.changed)
        self.uiterlijk.dateChanged.connect(self.changed)

    def _update(self) -> None:
        on = self.actiepunt.isChecked()
        for w in (self.wie, self.uiterlijk, self.wie_label, self.uiterlijk_label):
            w.setEnabled(on)

    def wordt_actiepunt(self) -> bool:
        return self.actiepunt.isChecked() and not self.actiepunt.isHidden()

    def snapshot(self) -> tuple:
        return (self.tekst.text(), self.actiepunt.isChecked(), self.wie.currentText(), self.uiterlijk.value())

    def clear_errors(self) -> None:
        for label in (self.wie_error, self.uiterlijk_error, self.error):
            label.set_error("")

    def show_errors(self, fouten: dict[str, str]) -> None:
        self.wie_error.set_error(fouten.get("wie", ""))
        self.uiterlijk_error.set_error(fouten.get("uiterlijk", ""))
        self.error.set_error(fouten.get("wat", "") or fouten.get("", ""))


class AfsprakenList(QGroupBox):
    changed = Signal()

    def __init__(self, personen: list[Persoon], *, editable: bool = True):
        super().__init__("Afspraken")
        self.personen = personen
        self.rows: list[AfspraakRow] = []
        layout = QVBoxLayout(self)
        self.empty = hint("Nog geen afspraken. Wat spraken jullie af? Een afspraak kan meteen een actiepunt "
                          "worden, met wie het doet en wanneer.")
        layout.addWidget(self.empty)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout.addLayout(self.rows_layout)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Afspraak toevoegen")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add().tekst.setFocus())
        self.add_button.setVisible(editable)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add(self, tekst: str = "", **kw) -> AfspraakRow:
        row = AfspraakRow(self.personen, tekst, **kw)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.empty.hide()
        self.changed.emit()
        return row

    def remove(self, row: AfspraakRow) -> None:
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.add_button.setFocus()
        self.changed.emit()

    def nieuwe_teksten(self) -> str:
        """The typed texts of new afspraken, one per line (for the draft)."""
        return "\n".join(r.tekst.text() for r in self.rows if r.afspraak is None)

    def set_nieuwe_teksten(self, tekst: str) -> None:
        for row in [r for r in self.rows if r.afspraak is None]:
            self.remove(row)
        for regel in tekst.split("\n"):
            if regel.strip():
                self.add(regel)


# --- the gesprek dialog -------------------------------------------------------------------------------

class GesprekDialog(ConceptDialog):
    """Record a gesprek: type, datum (not in the future), deelnemers, samenvatting, afspraken (each can become
    an actiepunt with wie and uiterlijk) and vertrouwelijk. With `gesprek` it shows a recorded one, which a
    zorgcoördinator (a mentor: when not vertrouwelijk) can correct and whose afspraken can still become actiepunten.

    After `exec()`, `saved` holds the Gesprek.
    """

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None,
                 gesprek: Gesprek | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.gesprek = gesprek
        self.vandaag = vandaag or date.today()
        self.saved: Gesprek | None = None
        self.setSizeGripEnabled(True)
        self.personen = services.trajecten.personen()
        leerling = services.leerlingen.get(leerlingnummer)
        self.setWindowTitle(f"Gesprek van {format_date(gesprek.datum)} – {leerling.naam}" if gesprek
                            else f"Gesprek vastleggen – {leerling.naam}")
        self.general_error = ErrorLabel()
        self.field_errors = FieldErrors(self.general_error)
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
        self.mag_vertrouwelijk = self.services.trajecten.ziet_vertrouwelijk
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
        acties = {a.id: a for a in self.services.trajecten.actiepunten(self.leerlingnummer)}
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
        try:
            self.gesprek = self._vastleggen() if self.gesprek is None else self._bijwerken()
        except InvoerFout as exc:
            self._show(exc.fouten)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.saved = self.gesprek
        self._saved()
        self.accept()
        return True

    def _vastleggen(self) -> Gesprek:
        rows = self.afspraken.rows  # all of them: the service skips empty ones, its index n is row n
        return self.services.trajecten.gesprek_vastleggen(
            self.leerlingnummer, self.type.currentData(), self.datum.value(), self.samenvatting.toPlainText(),
            deelnemers=self.deelnemers.text(), afspraken=[r.tekst.text() for r in rows],
            vertrouwelijk=self.vertrouwelijk.isChecked(),
            actiepunten=[(i, r.wie.value(), r.uiterlijk.value()) for i, r in enumerate(rows) if r.wordt_actiepunt()],
            vandaag=self.vandaag)

    def _bijwerken(self) -> Gesprek:
        tr = self.services.trajecten
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
            self.gesprek = g = tr.gesprek_bijwerken(g.id, **velden, vandaag=self.vandaag)
        for n, row in enumerate(self.afspraken.rows, 1):
            if row.afspraak is None or not row.wordt_actiepunt():
                continue
            try:
                tr.afspraak_naar_actiepunt(row.afspraak.id, row.wie.value(), row.uiterlijk.value())
            except InvoerFout as exc:
                raise InvoerFout({f"afspraak{n}.{k or 'wat'}": v for k, v in exc.fouten.items()}) from None
            row.actiepunt.setChecked(False)
            row.actiepunt.hide()
        return tr.gesprek(g.id)

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

class ContactmomentDialog(ConceptDialog):
    """The mentor's quick note: type, datum (default today) and a summary; Ctrl+Enter saves."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.vandaag = vandaag or date.today()
        self.saved: Gesprek | None = None
        leerling = services.leerlingen.get(leerlingnummer)
        self.setWindowTitle(f"Contactmoment – {leerling.naam}")
        self.setSizeGripEnabled(True)
        self.general_error = ErrorLabel()
        self.field_errors = fe = FieldErrors(self.general_error)

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
        try:
            self.saved = self.services.trajecten.contactmoment(
                self.leerlingnummer, self.type.currentData(), self.samenvatting.toPlainText(), self.datum.value(),
                vandaag=self.vandaag)
        except InvoerFout as exc:
            first = self.field_errors.show(exc.fouten)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._saved()
        self.accept()
        return True
