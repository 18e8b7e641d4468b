"""Plan or record an MDO (multidisciplinair overleg): datum, deelnemers with their role (present or
afgemeld, and who receives the verslag), the consent per partner organisation (of the ouders, or of the
student from 16) with a warning for a partner at the table without one, the agenda (with the open
actiepunten of earlier MDO's), the verslag and its verslaglegger, numbered besluiten, actiepunten (wat, wie,
uiterlijk), the next meeting and who else receives the verslag.

A new MDO is saved in one service call (`mdo_vastleggen` with its besluiten and actiepunten): the service
checks it all and writes all or nothing, a mistake is shown next to its field or row and all typed text
stays. Changing a recorded MDO still takes one call per changed part (the service has no single call for it).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
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

from ...domain.actiepunt import Actiepunt
from ...domain.errors import InvoerFout
from ...domain.gebruiker import Rol
from ...domain.mdo import (
    Besluit,
    Mdo,
    MdoDeelnemer,
    Toestemming,
    geldende_toestemmingen,
    toestemming_door_leerling,
    zonder_toestemming,
)
from ...domain.traject import MdoRol, Persoon
from ...services.session import Services
from ..common import errors
from ..common.concept import ConceptDialog
from ..common.lesdag import LesdagWaarschuwing
from ..common.widgets import DateEdit, ErrorLabel, FieldErrors, format_date, hint, with_error
from .gesprek_dialog import PersoonCombo, persoon_tekst, text_edit

# What each role brings to the table, in the praktijkkaart's words (shown as a tooltip on the role).
ROL_UITLEG = {
    MdoRol.ZORGCOORDINATOR: "Houdt namens de school overzicht over alle afspraken en interventies en ziet toe op "
                            "een planmatige aanpak.",
    MdoRol.MENTOR: "Eerste contactpersoon voor de leerling en de ouders.",
    MdoRol.LEERPLICHTAMBTENAAR: "Wettelijke taak bij (een vermoeden van) ongeoorloofd verzuim; werkt volgens de "
                                "Methodische Aanpak Schoolverzuim (MAS).",
    MdoRol.JEUGDARTS: "Kan met instemming van ouders en leerling nader onderzoek doen, een re-integratieplan "
                      "opstellen of verwijzen.",
    MdoRol.SWV_CONSULENT: "Ondersteunt bij interventies en een plan van aanpak, onderwijszorgarrangement of "
                          "plaatsing.",
    MdoRol.JEUGDHULP: "Steunende gesprekken, gezinsproblematiek in kaart, motiveren en verwijzen naar hulp – "
                      "altijd met instemming van ouders en leerling.",
    MdoRol.VERZUIMCOACH: "Begeleidt de leerling bij de terugkeer naar school.",
    MdoRol.OUDER: "Ouders worden bij alle stappen betrokken.",
    MdoRol.LEERLING: "De leerling staat centraal: de jongere écht horen en zien.",
    MdoRol.ANDERS: "Een andere betrokkene.",
}

# Partners for whom the ouders' consent to share information is asked.
TOESTEMMING_ROLLEN = (MdoRol.LEERPLICHTAMBTENAAR, MdoRol.JEUGDARTS, MdoRol.SWV_CONSULENT, MdoRol.JEUGDHULP,
                      MdoRol.VERZUIMCOACH, MdoRol.ANDERS)

NOG_NIET, JA, NEE = "nog_niet", "ja", "nee"


def mdo_rol(p: Persoon) -> MdoRol:
    """The MDO role of someone from `personen()` (a user's role maps onto it)."""
    if p.rol == Rol.ZORGCOORDINATOR.value:
        return MdoRol.ZORGCOORDINATOR
    if p.rol == Rol.MENTOR.value:
        return MdoRol.MENTOR
    try:
        return MdoRol(p.rol)
    except ValueError:
        return MdoRol.ANDERS


def _remove_button(text: str = "Verwijderen") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    return button


class _Rows(QWidget):
    """Rows in a grid under column headers, with an empty line and an error per row."""

    changed = Signal()

    def __init__(self, headers: list[str], empty_text: str, stretch: dict[int, int]):
        super().__init__()
        self.rows: list = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self.empty = hint(empty_text)
        outer.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.headers = []
        for c, text in enumerate(headers):
            if text:
                label = QLabel(text)
                self.grid.addWidget(label, 0, c)
                self.headers.append(label)
        for c, s in stretch.items():
            self.grid.setColumnStretch(c, s)
        outer.addLayout(self.grid)
        self._next_row = 1
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.setVisible(not self.rows)
        for label in self.headers:
            label.setVisible(bool(self.rows))

    def _place(self, row, widgets: list[QWidget], error_widgets: list[QWidget]) -> None:
        r = self._next_row
        for c, w in enumerate(widgets):
            if w is not None:
                self.grid.addWidget(w, r, c)
        for i, w in enumerate(error_widgets):
            self.grid.addWidget(w, r + 1 + i, 0, 1, len(widgets))
        self._next_row += 1 + len(error_widgets)
        row.widgets = [w for w in widgets if w is not None] + error_widgets
        self.rows.append(row)
        self._update_empty()
        self.changed.emit()

    def remove(self, row) -> None:
        self.rows.remove(row)
        for w in row.widgets:
            self.grid.removeWidget(w)
            w.hide()
            w.deleteLater()
        self._update_empty()
        self.changed.emit()


# --- deelnemers ---------------------------------------------------------------------------------------

class DeelnemerRow:
    def __init__(self, owner: DeelnemersList, d: MdoDeelnemer | None):
        self.owner = owner
        self.gebruiker_id = d.gebruiker_id if d else None
        self.contact_id = d.contact_id if d else None
        self.naam = QLineEdit(d.naam if d else "")
        self.naam.setPlaceholderText("naam")
        self.rol = QComboBox()
        for r in MdoRol:
            self.rol.addItem(r.label, r.value)
            self.rol.setItemData(self.rol.count() - 1, ROL_UITLEG[r], Qt.ItemDataRole.ToolTipRole)
        self.rol.setCurrentIndex(self.rol.findData((d.rol if d else MdoRol.ANDERS).value))
        # narrower than its longest role, so the name keeps room (the full role shows in the list and tooltip)
        self.rol.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rol.setMinimumContentsLength(12)
        self.organisatie = QLineEdit(d.organisatie if d else "")
        self.organisatie.setPlaceholderText("organisatie")
        self.afgemeld = QCheckBox()
        self.afgemeld.setChecked(bool(d and d.afgemeld))
        self.afgemeld.setToolTip("Uitgenodigd, maar afgemeld: niet bij het overleg")
        self.afgemeld.setAccessibleName("Afgemeld")
        self.krijgt_verslag = QCheckBox()
        self.krijgt_verslag.setChecked(d.krijgt_verslag if d else True)
        self.krijgt_verslag.setToolTip("Krijgt het verslag (staat op de verzendlijst)")
        self.krijgt_verslag.setAccessibleName("Krijgt het verslag")
        self.remove_button = _remove_button("×")
        self.remove_button.setToolTip("Deelnemer verwijderen")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.error = ErrorLabel()
        self._naam_bij_keuze = self.naam.text()
        self.naam.textEdited.connect(self._naam_veranderd)
        self.rol.currentIndexChanged.connect(self._rol_tooltip)
        self._rol_tooltip()

    def _naam_veranderd(self) -> None:
        if self.naam.text() != self._naam_bij_keuze:  # another person now: not the one picked from the book
            self.gebruiker_id = self.contact_id = None

    def _rol_tooltip(self) -> None:
        self.rol.setToolTip(ROL_UITLEG[MdoRol(self.rol.currentData())])

    def value(self) -> MdoDeelnemer:
        return MdoDeelnemer(" ".join(self.naam.text().split()), MdoRol(self.rol.currentData()),
                            self.organisatie.text().strip(), self.gebruiker_id, self.contact_id,
                            self.afgemeld.isChecked(), self.krijgt_verslag.isChecked())

    def is_empty(self) -> bool:
        return not self.naam.text().strip() and not self.organisatie.text().strip()

    def snapshot(self) -> tuple:
        return (self.naam.text(), self.rol.currentData(), self.organisatie.text(), self.afgemeld.isChecked(),
                self.krijgt_verslag.isChecked())


class DeelnemersList(_Rows):
    organisatie_bekend = Signal(str)

    def __init__(self):
        super().__init__(["Naam", "Rol", "Organisatie", "Afgemeld", "Verslag", ""],
                         "Nog geen deelnemers. Kies ze uit het adresboek of voeg een nieuwe toe.", {0: 3, 1: 2, 2: 3})

    def add(self, d: MdoDeelnemer | None = None) -> DeelnemerRow:
        row = DeelnemerRow(self, d)
        row.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Deze deelnemer", row.naam, row.organisatie) and self.remove(row))
        for signal in (row.naam.textChanged, row.rol.currentIndexChanged, row.organisatie.textChanged,
                       row.afgemeld.toggled, row.krijgt_verslag.toggled):
            signal.connect(self.changed)
        row.organisatie.editingFinished.connect(lambda: self._organisatie(row))
        row.rol.currentIndexChanged.connect(lambda: self._organisatie(row))
        self._place(row, [row.naam, row.rol, row.organisatie, row.afgemeld, row.krijgt_verslag, row.remove_button],
                    [row.error])
        return row

    def _organisatie(self, row: DeelnemerRow) -> None:
        d = row.value()
        if d.organisatie and d.rol in TOESTEMMING_ROLLEN:
            self.organisatie_bekend.emit(d.organisatie)

    def values(self) -> list[MdoDeelnemer]:
        return [r.value() for r in self.rows if not r.is_empty()]

    def contains(self, p: Persoon) -> bool:
        for r in self.rows:
            if ((p.gebruiker_id is not None and r.gebruiker_id == p.gebruiker_id)
                    or (p.contact_id is not None and r.contact_id == p.contact_id)):
                return True
        return False


# --- toestemming --------------------------------------------------------------------------------------

class ToestemmingRow:
    def __init__(self, t: Toestemming | None, organisatie: str, standaard: date):
        self.saved = t
        self.organisatie = QLineEdit(t.organisatie if t else organisatie)
        self.organisatie.setPlaceholderText("bijvoorbeeld GGD (jeugdarts)")
        self.gegeven = QComboBox()
        self.gegeven.addItem("Nog niet gevraagd", NOG_NIET)
        self.gegeven.addItem("Ja, toestemming", JA)
        self.gegeven.addItem("Nee, geen toestemming", NEE)
        if t is not None:
            self.gegeven.setCurrentIndex(self.gegeven.findData(JA if t.gegeven else NEE))
        self.datum = DateEdit(start=standaard)
        self.datum.setAccessibleName("Datum van de toestemming")
        self.datum.set_value(t.datum if t and t.datum else standaard)
        self.remove_button = _remove_button("×")
        self.remove_button.setToolTip("Regel verwijderen")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.error = ErrorLabel()
        self.gegeven.currentIndexChanged.connect(self._update)
        self._update()
        self._origineel = self.snapshot()

    def _update(self) -> None:
        self.datum.setEnabled(self.gegeven.currentData() != NOG_NIET)

    def snapshot(self) -> tuple:
        return (self.organisatie.text(), self.gegeven.currentData(), self.datum.value())

    def te_bewaren(self) -> bool:
        """Asked (ja or nee), and new or changed."""
        return self.gegeven.currentData() != NOG_NIET and (self.saved is None or self.snapshot() != self._origineel)

    def value(self) -> Toestemming:
        return Toestemming(" ".join(self.organisatie.text().split()), self.gegeven.currentData() == JA,
                           self.datum.value())

    def mark_saved(self, t: Toestemming) -> None:
        self.saved = t
        self._origineel = self.snapshot()


class ToestemmingList(_Rows):
    def __init__(self, standaard: date):
        super().__init__(["Organisatie", "Toestemming", "Datum", ""],
                         "De organisaties van partners die u als deelnemer toevoegt, komen hier vanzelf bij.",
                         {0: 3, 1: 2})
        self.standaard = standaard

    def add(self, t: Toestemming | None = None, organisatie: str = "") -> ToestemmingRow:
        row = ToestemmingRow(t, organisatie, self.standaard)
        row.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Deze organisatie", row.organisatie) and self.remove(row))
        row.remove_button.setVisible(t is None)
        for signal in (row.organisatie.textChanged, row.gegeven.currentIndexChanged, row.datum.dateChanged):
            signal.connect(self.changed)
        self._place(row, [row.organisatie, row.gegeven, row.datum, row.remove_button], [row.error])
        return row

    def ensure(self, organisatie: str) -> None:
        sleutel = " ".join(organisatie.split()).casefold()
        if sleutel and not any(" ".join(r.organisatie.text().split()).casefold() == sleutel for r in self.rows):
            self.add(organisatie=organisatie)

    def set_standaard(self, d: date | None) -> None:
        if d is None:
            return
        for r in self.rows:
            if r.saved is None and r.gegeven.currentData() == NOG_NIET:
                r.datum.set_value(d)
        self.standaard = d


# --- besluiten ----------------------------------------------------------------------------------------

class BesluitRow:
    def __init__(self, b: Besluit | None, tekst: str = ""):
        self.besluit = b
        self.nummer = QLabel()
        self.tekst = text_edit("wat is er besloten?", 2, max_lines=6)  # a besluit can take a few sentences
        self.tekst.setPlainText(b.tekst if b else tekst)
        self.remove_button = _remove_button("×")
        self.remove_button.setToolTip("Besluit verwijderen (de nummers erna schuiven op)")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.error = ErrorLabel()


class BesluitenList(_Rows):
    def __init__(self):
        super().__init__(["", "", ""], "Nog geen besluiten.", {1: 1})
        self.verwijderd: list[Besluit] = []

    def add(self, b: Besluit | None = None, tekst: str = "") -> BesluitRow:
        row = BesluitRow(b, tekst)
        row.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Dit besluit", row.tekst) and self.remove(row))
        row.tekst.textChanged.connect(self.changed)
        self._place(row, [row.nummer, row.tekst, row.remove_button], [row.error])
        self._nummer()
        return row

    def remove(self, row: BesluitRow) -> None:
        if row.besluit is not None:
            self.verwijderd.append(row.besluit)
        super().remove(row)
        self._nummer()

    def _nummer(self) -> None:
        for i, row in enumerate(self.rows, 1):
            row.nummer.setText(f"{i}.")

    def nieuwe_teksten(self) -> str:
        """The new besluiten for the draft (a JSON list: a besluit may have more lines)."""
        return json.dumps([r.tekst.toPlainText() for r in self.rows if r.besluit is None], ensure_ascii=False)

    def set_nieuwe_teksten(self, tekst: str) -> None:
        for row in [r for r in self.rows if r.besluit is None]:
            super().remove(row)
        try:
            teksten = json.loads(tekst)
        except ValueError:
            teksten = tekst.split("\n")  # a draft from before: one besluit per line
        for t in teksten if isinstance(teksten, list) else ():
            if str(t).strip():
                self.add(tekst=str(t))
        self._nummer()


# --- actiepunten --------------------------------------------------------------------------------------

class ActiepuntRow:
    def __init__(self, personen: list[Persoon], a: Actiepunt | None, standaard: date):
        self.actiepunt = a
        self.wat = QLineEdit(a.wat if a else "")
        self.wat.setPlaceholderText("wat moet er gebeuren?")
        self.wie = PersoonCombo(personen, placeholder="wie?")
        self.wie.setMinimumContentsLength(12)
        self.uiterlijk = DateEdit(blank_allowed=True, start=standaard)
        self.uiterlijk.setToolTip("Uiterlijk klaar op")
        self.uiterlijk.setAccessibleName("Uiterlijk klaar op")
        if a is not None:
            self.wie.set_value(a.wie)
            self.uiterlijk.set_value(a.uiterlijk)
        self.remove_button = _remove_button("×")
        self.remove_button.setToolTip("Actiepunt verwijderen")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.error = ErrorLabel()
        self.status = QLabel()
        if a is not None:
            self.remove_button.hide()
            self.status.setText(a.status.label.lower())
            self.status.setToolTip("De status wijzigt u in de lijst met actiepunten van het traject.")
        self._origineel = self.snapshot()

    def snapshot(self) -> tuple:
        return (self.wat.text(), self.wie.currentText(), self.uiterlijk.value())

    def is_empty(self) -> bool:
        return not self.wat.text().strip() and not self.wie.currentText().strip() and self.uiterlijk.is_blank()

    def gewijzigd(self) -> bool:
        return self.snapshot() != self._origineel

    def mark_saved(self, a: Actiepunt) -> None:
        self.actiepunt = a
        self.remove_button.hide()
        self.status.setText(a.status.label.lower())
        self._origineel = self.snapshot()


class ActiepuntenList(_Rows):
    def __init__(self, personen: list[Persoon], standaard: date):
        super().__init__(["Wat", "Wie", "Uiterlijk", ""], "Nog geen actiepunten. Elk actiepunt heeft een eigenaar en "
                         "een uiterste datum.", {0: 3, 1: 2})
        self.personen = personen
        self.standaard = standaard

    def add(self, a: Actiepunt | None = None) -> ActiepuntRow:
        row = ActiepuntRow(self.personen, a, self.standaard)
        row.remove_button.clicked.connect(
            lambda: errors.bevestig_regel_weg(self, "Dit actiepunt", row.wat) and self.remove(row))
        for signal in (row.wat.textChanged, row.wie.currentTextChanged, row.uiterlijk.dateChanged):
            signal.connect(self.changed)
        last = row.remove_button if a is None else row.status
        self._place(row, [row.wat, row.wie, row.uiterlijk, last], [row.error])
        return row


# --- the dialog ---------------------------------------------------------------------------------------

class MdoDialog(ConceptDialog):
    """`MdoDialog(services, traject_id, parent, mdo=None)`; after `exec()` the saved MDO is `saved`."""

    def __init__(self, services: Services, traject_id: int, parent: QWidget | None = None, mdo: Mdo | None = None,
                 *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.traject_id = traject_id
        self.mdo = mdo
        self.vandaag = vandaag or date.today()
        self.saved: Mdo | None = None
        tr = services.trajecten
        self.traject = tr.get(traject_id)
        self.geboortedatum = services.leerlingen.get(self.traject.leerlingnummer).geboortedatum
        self.personen = tr.personen()
        self.setWindowTitle((f"MDO van {format_date(mdo.datum)}" if mdo else "MDO vastleggen")
                            + f" – {self.traject.naam}")
        self.setSizeGripEnabled(True)
        self.general_error = ErrorLabel()
        self.field_errors = FieldErrors(self.general_error)
        self._build()
        self._setup_concept(services, "mdo", f"mdo:{mdo.id}" if mdo else f"traject:{traject_id}")
        self.concept.veld("verslag", self.verslag)
        self.concept.veld("agenda", self.agenda)
        self.concept.samengesteld_veld("besluiten", self.besluiten.nieuwe_teksten, self.besluiten.set_nieuwe_teksten,
                                self.besluiten.changed)
        self._load()
        self._restore_concept()
        self._fitted = False

    # --- building --------------------------------------------------------------------------------------

    def _group(self, title: str, *widgets: QWidget, uitleg: str = "") -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setSpacing(6)
        if uitleg:
            layout.addWidget(hint(uitleg))
        for w in widgets:
            if isinstance(w, QHBoxLayout):
                layout.addLayout(w)
            else:
                layout.addWidget(w)
        return box

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.concept_note = hint("")
        self.concept_note.hide()
        outer.addWidget(self.concept_note)
        outer.addWidget(self.general_error)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 6, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        fe = self.field_errors

        # Left: when, who, consent, agenda.
        left = QVBoxLayout()
        left.setSpacing(10)
        datum_row = QHBoxLayout()
        datum_label = QLabel("&Datum *")
        datum_row.addWidget(datum_label)
        self.datum = DateEdit(blank_allowed=True, start=self.vandaag)
        datum_label.setBuddy(self.datum)
        datum_row.addWidget(with_error(self.datum, fe.add("datum", self.datum)))
        self.datum_hint = hint("")
        datum_row.addWidget(self.datum_hint, 1)
        left.addLayout(datum_row)
        self.lesdag = LesdagWaarschuwing(self.services.kalender.calendar(), "Klopt de datum? U kunt het MDO toch op "
                                                                            "die dag vastleggen.")
        left.addWidget(self.lesdag)

        self.deelnemers = DeelnemersList()
        self.zonder_toestemming = ErrorLabel()  # a warning, not a refusal: saving stays possible
        self.deelnemers.changed.connect(self._toestemming_check)
        pick = QHBoxLayout()
        self.adresboek = PersoonCombo(self.personen, placeholder="zoek in het adresboek")
        self.adresboek.setToolTip("Kies iemand uit het adresboek of de gebruikers van het programma")
        self.adresboek.activated.connect(self._pick)
        pick.addWidget(self.adresboek, 1)
        self.nieuw_button = _remove_button("Nieuwe deelnemer")
        self.nieuw_button.clicked.connect(lambda: self.deelnemers.add().naam.setFocus())
        pick.addWidget(self.nieuw_button)
        self.gezin_button = _remove_button("Leerling en ouders")
        self.gezin_button.setToolTip("Voeg de leerling en de ouders/verzorgers toe als deelnemers")
        self.gezin_button.clicked.connect(self._gezin)
        pick.addWidget(self.gezin_button)
        self.deelnemers_error = fe.add("deelnemers")
        left.addWidget(self._group("Deelnemers", self.deelnemers, self.deelnemers_error, self.zonder_toestemming, pick,
                                   uitleg="Vink aan wie zich heeft afgemeld en wie het verslag krijgt."))

        self.toestemmingen = ToestemmingList(self.vandaag)
        self.toestemmingen.changed.connect(self._toestemming_check)
        self.deelnemers.organisatie_bekend.connect(self.toestemmingen.ensure)
        self.toestemming_hint = hint("")
        self.toestemming_add = _remove_button("Organisatie toevoegen")
        self.toestemming_add.clicked.connect(lambda: self.toestemmingen.add().organisatie.setFocus())
        add_row = QHBoxLayout()
        add_row.addWidget(self.toestemming_add)
        add_row.addStretch(1)
        self.toestemmingen_error = fe.add("toestemmingen")
        self.toestemming_box = self._group("Toestemming van ouders", self.toestemming_hint, self.toestemmingen,
                                           self.toestemmingen_error, add_row,
                                           uitleg="Per partnerorganisatie: mag de school informatie delen?")
        left.addWidget(self.toestemming_box)

        self.agenda = text_edit("", 7)
        self.agenda_button = _remove_button("Voorstel opnieuw invullen")
        self.agenda_button.setToolTip("Vul de standaardagenda in, met de open actiepunten van eerdere MDO's")
        self.agenda_button.clicked.connect(self._agenda_voorstel)
        agenda_row = QHBoxLayout()
        agenda_row.addStretch(1)
        agenda_row.addWidget(self.agenda_button)
        left.addWidget(self._group("Agenda", self.agenda, agenda_row))
        left.addStretch(1)

        # Right: what was said and decided.
        right = QVBoxLayout()
        right.setSpacing(10)
        self.verslag = text_edit("Wat is er besproken? Hoe gaat het met de leerling, wat zeggen de leerling en de "
                                 "ouders zelf, wat zien de partners?", 10)
        self.vertrouwelijk = QCheckBox("Vertrouwelijk (bijvoorbeeld medische of psychologische details)")
        self.vertrouwelijk.setToolTip("Het MDO en zijn besluiten staan dan gemarkeerd als vertrouwelijk in de tijdlijn "
                                      "en het dossier.")
        self.verslaglegger = QLineEdit()
        self.verslaglegger.setAccessibleName("Verslaglegger")
        self.verslaglegger.setPlaceholderText("wie schrijft het verslag?")
        legger_row = QHBoxLayout()
        legger_row.addWidget(QLabel("Verslaglegger:"))
        legger_row.addWidget(self.verslaglegger, 1)
        right.addWidget(self._group("Verslag", self.verslag, with_error(self.vertrouwelijk,
                                                                        fe.add("verslag", self.verslag)),
                                    legger_row), 1)
        self.besluiten = BesluitenList()
        self.besluit_add = _remove_button("Besluit toevoegen")
        self.besluit_add.clicked.connect(lambda: self.besluiten.add().tekst.setFocus())
        row = QHBoxLayout()
        row.addWidget(self.besluit_add)
        row.addStretch(1)
        right.addWidget(self._group("Besluiten", self.besluiten, row))
        self.actiepunten = ActiepuntenList(self.personen, self.vandaag)
        self.actie_add = _remove_button("Actiepunt toevoegen")
        self.actie_add.clicked.connect(lambda: self.actiepunten.add().wat.setFocus())
        row = QHBoxLayout()
        row.addWidget(self.actie_add)
        row.addStretch(1)
        right.addWidget(self._group("Actiepunten: wie doet wat, wanneer", self.actiepunten, row))
        self.volgend_overleg = DateEdit(blank_allowed=True, start=self.vandaag)
        self.volgend_overleg.setAccessibleName("Volgend overleg")
        self.verzenden_aan = text_edit("Bijvoorbeeld: de huisarts. Eén naam per regel.", 2, max_lines=4)
        self.verzenden_aan.setAccessibleName("Verslag ook naar")
        afsluiting = QGridLayout()
        afsluiting.addWidget(QLabel("Volgend overleg:"), 0, 0)
        afsluiting.addWidget(with_error(self.volgend_overleg, fe.add("volgend_overleg", self.volgend_overleg)), 0, 1)
        afsluiting.addWidget(QLabel("Verslag ook naar:"), 1, 0, Qt.AlignmentFlag.AlignTop)
        afsluiting.addWidget(self.verzenden_aan, 1, 1)
        afsluiting.setColumnStretch(1, 1)
        box = self._group("Na het overleg", uitleg="Wie niet als deelnemer staat maar het verslag wel krijgt, "
                                                          "zet u hier.")
        box.layout().addLayout(afsluiting)
        right.addWidget(box)

        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._grid, self._left, self._right = grid, left, right
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Opslaan")
        self.save_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.datum.dateChanged.connect(self._datum_hint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two columns when there is room; the right one under the left on a narrow screen (150 %)."""
        super().resizeEvent(event)
        naast = self._left.minimumSize().width() + self._right.minimumSize().width() + 40 <= self.width()
        if naast != (self._grid.getItemPosition(self._grid.indexOf(self._right))[1] == 1):
            self._grid.removeItem(self._right)
            self._grid.addLayout(self._right, *((0, 1) if naast else (1, 0)))
            self._grid.setColumnStretch(1, 1 if naast else 0)

    def showEvent(self, event) -> None:
        if not self._fitted:
            self._fitted = True
            screen = (self.parentWidget().screen() if self.parentWidget() else None) or self.screen()
            width, height = 1240, 760
            if screen is not None:
                available = screen.availableGeometry()
                width, height = min(width, available.width() - 30), min(height, available.height() - 50)
            self.resize(width, height)
        super().showEvent(event)

    # --- loading ---------------------------------------------------------------------------------------

    def _load(self) -> None:
        tr = self.services.trajecten
        eigen = {" ".join(t.organisatie.split()).casefold() for t in (self.mdo.toestemmingen if self.mdo else ())}
        geldend = [t for t in tr.toestemmingen(self.traject_id, alleen_geldend=True)
                   if " ".join(t.organisatie.split()).casefold() not in eigen]
        if geldend:
            self.toestemming_hint.setText("Eerder vastgelegd: " + "; ".join(
                f"{t.organisatie}: {'ja' if t.gegeven else 'nee'} ({format_date(t.datum)})" for t in geldend))
        else:
            self.toestemming_hint.hide()
        self._records = [t for t in tr.toestemmingen(self.traject_id)
                         if self.mdo is None or t.mdo_id != self.mdo.id]  # this MDO's own come from its rows
        m = self.mdo
        if m is None:
            self.agenda.setPlainText(tr.agenda_voorstel(self.traject_id))
            self.verslaglegger.setText(self.services.profielen.get().volledige_naam or self.services.gebruiker.naam)
            self._datum_hint()
            return
        self.datum.set_value(m.datum)
        self.agenda.setPlainText(m.agenda)
        self.verslag.setPlainText(m.verslag)
        self.vertrouwelijk.setChecked(m.vertrouwelijk)
        self.verslaglegger.setText(m.verslaglegger)
        self.volgend_overleg.set_value(m.volgend_overleg)
        self.verzenden_aan.setPlainText("\n".join(m.verzenden_aan))
        for d in m.deelnemers:
            self.deelnemers.add(d)
        for t in m.toestemmingen:
            self.toestemmingen.add(t)
        for b in m.besluiten:
            self.besluiten.add(b)
        for a in m.actiepunten:
            self.actiepunten.add(a)
        self.toestemmingen.standaard = m.datum
        for edit in self.findChildren(QLineEdit):  # long texts show from their start
            edit.setCursorPosition(0)
        self._datum_hint()

    def _toestemming_check(self) -> None:
        """Warn (not refuse) when a partner at the table has no consent in force on the meeting date."""
        op = self.datum.value() or self.vandaag
        hier = [r.value() for r in self.toestemmingen.rows if r.gegeven.currentData() != NOG_NIET]
        hier = [replace(t, id=10**9 + i) for i, t in enumerate(hier)]  # recorded now: after the earlier ones
        geldend = geldende_toestemmingen([*getattr(self, "_records", []), *hier], op)
        wie = zonder_toestemming(self.deelnemers.values(), geldend)
        regels = [f"{p.naam} ({p.rol.label_klein}): " + (f"geen toestemming voor {p.organisatie}"
                                                           if p.organisatie else "geen organisatie ingevuld")
                  for p in wie]
        self.zonder_toestemming.set_error(
            ("Let op, deze partners doen mee zonder toestemming om gegevens te delen:\n" + "\n".join(regels)
             + "\nVraag de toestemming en leg die hieronder vast, of laat hen het overleg niet bijwonen.")
            if regels else "")

    def _datum_hint(self) -> None:
        d = self.datum.value()
        self.toestemmingen.set_standaard(d)
        self.lesdag.toon([d])
        self.toestemming_box.setTitle("Toestemming van de leerling"
                                      if toestemming_door_leerling(self.geboortedatum, d or self.vandaag)
                                      else "Toestemming van ouders")
        self._toestemming_check()
        if d is None:
            self.datum_hint.setText("Een datum in de toekomst: dan is het MDO gepland.")
        elif d > self.vandaag:
            self.datum_hint.setText("Gepland MDO: het verslag kunt u later invullen.")
        else:
            self.datum_hint.setText("")

    def _agenda_voorstel(self) -> None:
        self.agenda.setPlainText(self.services.trajecten.agenda_voorstel(self.traject_id))

    def _pick(self, _index: int = -1) -> None:
        p = self.adresboek.value()
        if p is None:
            return
        if p.gebruiker_id is None and p.contact_id is None:  # a typed name: a new participant
            row = self.deelnemers.add(MdoDeelnemer(p.naam, MdoRol.ANDERS))
            row.rol.setFocus()
        elif not self.deelnemers.contains(p):
            d = MdoDeelnemer(p.naam, mdo_rol(p), p.organisatie, p.gebruiker_id, p.contact_id)
            self.deelnemers.add(d)
            if p.organisatie and d.rol in TOESTEMMING_ROLLEN:
                self.toestemmingen.ensure(p.organisatie)
        self.adresboek.set_value(None)
        # On X11 the completer puts the chosen text in after this (its popup handles Enter last): empty it again
        # once that is done, so the search is ready for the next name.
        QTimer.singleShot(0, self, lambda: self.adresboek.set_value(None))

    def _gezin(self) -> None:
        leerling = self.services.leerlingen.get(self.traject.leerlingnummer)
        namen = {r.naam.text().strip().casefold() for r in self.deelnemers.rows}
        for naam, rol in [(leerling.naam, MdoRol.LEERLING), *((o.naam, MdoRol.OUDER) for o in leerling.ouders)]:
            if naam.casefold() not in namen:
                self.deelnemers.add(MdoDeelnemer(naam, rol))

    def _snapshot(self) -> tuple:
        return (self.datum.value(), self.agenda.toPlainText(), self.verslag.toPlainText(),
                self.vertrouwelijk.isChecked(), self.verslaglegger.text(), self.volgend_overleg.value(),
                self.verzenden_aan.toPlainText(), tuple(r.snapshot() for r in self.deelnemers.rows),
                tuple(r.snapshot() for r in self.toestemmingen.rows), tuple(r.tekst.toPlainText() for r in self.besluiten.rows),
                tuple(r.snapshot() for r in self.actiepunten.rows))

    # --- checking and saving ---------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        self.field_errors.clear()
        for rows in (self.deelnemers.rows, self.toestemmingen.rows, self.besluiten.rows, self.actiepunten.rows):
            for r in rows:
                r.error.set_error("")

    def _focus(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 50, 50)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """A new MDO is one `mdo_vastleggen` call with its besluiten and actiepunten: the service checks
        everything and writes all or nothing; its messages appear beside their field or row."""
        self._clear_errors()
        try:
            if self.mdo is None:
                self._vastleggen()
            else:
                self._bijwerken()
        except InvoerFout as exc:
            self._show(exc.fouten)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.saved = self.services.trajecten.mdo(self.mdo.id)
        self._saved()
        self.accept()
        return True

    def _actie_rows(self) -> list[ActiepuntRow]:
        return [r for r in self.actiepunten.rows if not r.is_empty()]

    def _besluit_rows(self) -> list[BesluitRow]:
        return [r for r in self.besluiten.rows if r.tekst.toPlainText().strip()]

    def _vastleggen(self) -> None:
        nieuwe = [r for r in self.toestemmingen.rows if r.te_bewaren()]
        self.mdo = self.services.trajecten.mdo_vastleggen(
            self.traject_id, self.datum.value(), deelnemers=self.deelnemers.values(),
            agenda=self.agenda.toPlainText(), verslag=self.verslag.toPlainText(),
            vertrouwelijk=self.vertrouwelijk.isChecked(), toestemmingen=[r.value() for r in nieuwe],
            besluiten=[r.tekst.toPlainText() for r in self._besluit_rows()],
            actiepunten=[(r.wat.text(), r.wie.value(), r.uiterlijk.value()) for r in self._actie_rows()],
            verslaglegger=self.verslaglegger.text(), volgend_overleg=self.volgend_overleg.value(),
            verzenden_aan=self.verzenden_aan.toPlainText().splitlines(), vandaag=self.vandaag)

    def _bijwerken(self) -> None:
        """Changing a recorded MDO: the service has no single call for it, so what changed goes one call at
        a time; what is stored is marked, so saving again after a refusal does nothing twice."""
        tr = self.services.trajecten
        tr.mdo_bijwerken(self.mdo.id, datum=self.datum.value(), deelnemers=self.deelnemers.values(),
                         agenda=self.agenda.toPlainText(), verslag=self.verslag.toPlainText(),
                         vertrouwelijk=self.vertrouwelijk.isChecked(), verslaglegger=self.verslaglegger.text(),
                         volgend_overleg=self.volgend_overleg.value(),
                         verzenden_aan=self.verzenden_aan.toPlainText().splitlines())
        for r in self.toestemmingen.rows:
            if r.te_bewaren():
                t = r.value()
                r.mark_saved(tr.toestemming_vastleggen(self.traject_id, t.organisatie, t.gegeven, t.datum,
                                                       mdo_id=self.mdo.id, vandaag=self.vandaag))
        for b in list(self.besluiten.verwijderd):
            tr.besluit_verwijderen(b.id)
            self.besluiten.verwijderd.remove(b)
        for n, r in enumerate(self._besluit_rows(), 1):
            tekst = r.tekst.toPlainText().strip()
            try:
                if r.besluit is None:
                    r.besluit = tr.besluit_toevoegen(self.mdo.id, tekst)
                elif tekst != r.besluit.tekst:
                    r.besluit = tr.besluit_wijzigen(r.besluit.id, tekst)
            except InvoerFout as exc:
                raise InvoerFout({f"besluit{n}": " ".join(exc.fouten.values())}) from None
        for n, r in enumerate(self._actie_rows(), 1):
            try:
                if r.actiepunt is None:
                    r.mark_saved(tr.mdo_actiepunt(self.mdo.id, r.wat.text(), r.wie.value(), r.uiterlijk.value()))
                elif r.gewijzigd():
                    r.mark_saved(tr.actiepunt_wijzigen(r.actiepunt.id, wat=r.wat.text(), wie=r.wie.value(),
                                                       uiterlijk=r.uiterlijk.value()))
            except InvoerFout as exc:
                raise InvoerFout({f"actiepunt{n}.{k or 'wat'}": v for k, v in exc.fouten.items()}) from None

    def _show(self, fouten: dict[str, str]) -> None:
        """Each message beside its field; "besluit<n>" and "actiepunt<n>.<veld>" beside row n of the
        besluiten and actiepunten as they were sent (empty rows left out)."""
        besluiten, acties = self._besluit_rows(), self._actie_rows()
        per_rij: dict = {}
        rest = {}
        for key, text in fouten.items():
            m = re.fullmatch(r"(besluit|actiepunt)(\d+)(?:\.(\w+))?", key)
            rows = besluiten if m and m.group(1) == "besluit" else acties
            if m and 1 <= int(m.group(2)) <= len(rows):
                row = rows[int(m.group(2)) - 1]
                veld = m.group(3) or "wat"
                per_rij.setdefault(id(row), (row, {}))[1][veld] = text
            else:
                rest[key] = text
        first = self.field_errors.show(rest) if rest else None
        for row, rij_fouten in per_rij.values():
            row.error.set_error(" ".join(rij_fouten.values()))
            if first is None:
                first = getattr(row, next(iter(rij_fouten)), None) if isinstance(row, ActiepuntRow) else row.tekst
                first = first if isinstance(first, QWidget) else row.error
        if first is not None:
            self._focus(first)

    def error_text(self, key: str) -> str:
        return self.field_errors.text(key)

    def set_read_only(self) -> None:
        """Only look (an MDO of a closed traject, or for a user who may not change it)."""
        self.read_only = True
        self.concept.stop()
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for w in self.findChildren(QComboBox) + self.findChildren(DateEdit) + self.findChildren(QCheckBox):
            w.setEnabled(False)
        for button in self.findChildren(QPushButton):
            if self.buttons.isAncestorOf(button):
                continue
            button.hide()
        self.adresboek.hide()
        self.save_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        self._initial_snapshot = self._snapshot()


def mdo_samenvatting(m: Mdo) -> str:
    """One line about an MDO: its participants."""
    return ", ".join(persoon_tekst(Persoon(d.naam, rol=d.rol.value, organisatie=d.organisatie))
                     for d in m.deelnemers)


