"""The lists of the MDO form: deelnemers (with their role), the consent per partner organisation, the
numbered besluiten and the actiepunten – each a grid of rows that can be added and removed."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.actiepunt import Actiepunt
from ...domain.gebruiker import Rol
from ...domain.mdo import Besluit, MdoDeelnemer, Toestemming
from ...domain.traject import MdoRol, Persoon
from ..common import errors
from ..common.blocks import text_edit
from ..common.widgets import DateEdit, ErrorLabel, hint
from .personen import PersoonCombo

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


def plain_button(text: str = "Verwijderen") -> QPushButton:
    """A button in the form that Enter does not press (Enter saves the MDO)."""
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
        self.remove_button = plain_button("×")
        self.remove_button.setToolTip("Deelnemer verwijderen")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.error = ErrorLabel()
        self._naam_bij_keuze = self.naam.text()
        self.naam.textEdited.connect(self._naam_changed)
        self.rol.currentIndexChanged.connect(self._rol_tooltip)
        self._rol_tooltip()

    def _naam_changed(self) -> None:
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
        self.remove_button = plain_button("×")
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
        self.remove_button = plain_button("×")
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
        self.remove_button = plain_button("×")
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
