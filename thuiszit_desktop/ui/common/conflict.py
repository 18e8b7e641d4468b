"""When someone else saved first (optimistic locking, services/versies.py): their change beside mine, and the
choice – "Mijn versie opslaan" (on top of theirs, knowingly), "Hun versie houden" (the form shows theirs, my
text stays to copy) or "Verder bewerken". `FormDialog.conflict` (form.py) asks it, so every form gets it."""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.errors import Conflict
from ...domain.traject import ActiepuntStatus, GesprekType

MIJN_VERSIE, HUN_VERSIE, VERDER = 0, 1, 2


# The column names a form's labels call otherwise (services/versies.py hands over the columns of the row).
VELDNAMEN = {"type": "Soort contact", "eigenaar_gebruiker": "Wie", "eigenaar_contact": "Wie (contact)",
             "uiterlijk": "Uiterlijk klaar", "afgerond": "Afgerond op", "status": "Status"}
# Columns that hold a choice: its text in the form, not the stored word (gesprek_ouders).
KEUZES = {"type": GesprekType, "status": ActiepuntStatus}


def waarde(w: object, veld: str = "") -> str:
    """A stored or typed value as a person reads it."""
    if w is None or w == "":
        return "(leeg)"
    if veld in KEUZES and isinstance(w, str):
        with contextlib.suppress(ValueError):
            return KEUZES[veld](w).label
    if isinstance(w, bool):
        return "ja" if w else "nee"
    if isinstance(w, dt.datetime):
        return formaat.tijdstip(w)
    if isinstance(w, dt.date):
        return formaat.datum(w)
    return str(w)


def veldnaam(veld: str) -> str:
    return VELDNAMEN.get(veld) or veld.replace("_", " ").capitalize()


def mijn_tekst(exc: Conflict) -> str:
    """What this user tried to save where it differs from theirs, field by field: to copy back in after
    keeping theirs."""
    return "\n\n".join(f"{veldnaam(v)}:\n{waarde(w, v)}" for v, w in exc.mijn.items()
                       if v not in exc.anders or exc.anders[v] != w)


def uitleg_tekst(exc: Conflict) -> str:
    """What happened, in short sentences (B1): who saved first and when, and that nothing is lost."""
    wanneer = f" op {formaat.tijdstip(exc.wanneer)}" if exc.wanneer else ""
    return (f"{exc.wie or 'Iemand anders'} heeft {exc.wat}{wanneer} gewijzigd, terwijl u het open had. Uw wijziging "
            "is nog niet opgeslagen. Er gaat niets verloren.\n\nHieronder ziet u de verschillen. Kies daarna wat u "
            "wilt doen.")


class ConflictDialog(QDialog):
    """Theirs and mine side by side (selectable, so a sentence can be copied), and the three choices."""

    def __init__(self, exc: Conflict, parent: QWidget | None = None, *, kan_herladen: bool = True):
        super().__init__(parent)
        self.setWindowTitle("Iemand anders was u voor")
        self.exc, self.keuze = exc, VERDER
        layout = QVBoxLayout(self)
        uitleg = QLabel(uitleg_tekst(exc))
        uitleg.setWordWrap(True)
        layout.addWidget(uitleg)
        verschil = [(v, w, exc.mijn.get(v)) for v, w in exc.anders.items() if w != exc.mijn.get(v)]
        self.tabel = QTableWidget(len(verschil), 3)
        self.tabel.setHorizontalHeaderLabels(["", f"Opgeslagen door {exc.wie}" if exc.wie else
                                              "Nu opgeslagen (door de ander)", "Uw versie (niet opgeslagen)"])
        self.tabel.verticalHeader().hide()
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setWordWrap(True)
        for rij, (veld, hun, mijn) in enumerate(verschil):
            for kolom, tekst in enumerate((veldnaam(veld), waarde(hun, veld), waarde(mijn, veld))):
                item = QTableWidgetItem(tekst)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)  # long and short side by side
                self.tabel.setItem(rij, kolom, item)
        kop = self.tabel.horizontalHeader()
        kop.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        kop.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        kop.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tabel.resizeRowsToContents()
        if verschil:
            layout.addWidget(self.tabel)
        else:
            self.tabel.hide()
            geen = QLabel("Wat er precies veranderde, kan het programma niet tonen (bijvoorbeeld een besluit of "
                          "actiepunt dat erbij kwam). Kies 'Hun versie houden' om het te bekijken.")
            geen.setWordWrap(True)
            layout.addWidget(geen)
        self.kopieer = QPushButton("Mijn tekst kopiëren")
        self.kopieer.setToolTip("Zet uw tekst op het klembord, om hem daarna ergens in te plakken.")
        self.kopieer.clicked.connect(lambda: QGuiApplication.clipboard().setText(mijn_tekst(exc)))
        self.kopieer.setVisible(bool(exc.mijn))
        layout.addWidget(self.kopieer, alignment=Qt.AlignmentFlag.AlignLeft)
        knoppen = QDialogButtonBox()
        self.mijn_knop = knoppen.addButton("Mijn versie opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.mijn_knop.setToolTip("Uw tekst vervangt die van de ander – kies dit alleen als u die gezien heeft.")
        self.hun_knop = knoppen.addButton("Hun versie houden", QDialogButtonBox.ButtonRole.ActionRole)
        self.hun_knop.setToolTip("Het venster toont wat de ander opsloeg; uw tekst blijft eronder staan om te "
                                 "kopiëren." if kan_herladen else
                                 "Het venster sluit; uw tekst staat op het klembord.")
        self.verder_knop = knoppen.addButton("Verder bewerken", QDialogButtonBox.ButtonRole.RejectRole)
        self.verder_knop.setDefault(True)  # the safe choice: nothing is saved or thrown away
        self.mijn_knop.clicked.connect(lambda: self._kies(MIJN_VERSIE))
        self.hun_knop.clicked.connect(lambda: self._kies(HUN_VERSIE))
        self.verder_knop.clicked.connect(lambda: self._kies(VERDER))
        layout.addWidget(knoppen)
        self.resize(720, min(560, self.sizeHint().height() + 40))

    def _kies(self, keuze: int) -> None:
        self.keuze = keuze
        self.accept() if keuze != VERDER else self.reject()


def kies(parent: QWidget | None, exc: Conflict, *, kan_herladen: bool = True) -> int:
    """Ask; MIJN_VERSIE, HUN_VERSIE or VERDER (also when the window is closed)."""
    dialoog = ConflictDialog(exc, parent, kan_herladen=kan_herladen)
    dialoog.exec()
    return dialoog.keuze
