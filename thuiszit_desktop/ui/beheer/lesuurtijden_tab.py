"""Lesuurtijden: the "Lesuurtijden" tab of the settings – the bell times of each lesuur, which turn a period
of absence from the administration (Somtoday: from 10:30 to 12:10) into lesuren per lesdag
(domain/lesuren.py). Saved with the settings dialog's Opslaan (`has_changes`, `save`, `show_errors`)."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.errors import InvoerFout
from ...domain.lesuren import MAX_LESUREN, STANDAARD_LESUURTIJDEN, Lesuur
from ...services.session import Services
from ..common.widgets import ErrorLabel, WrapLabel, hint

_LESUUR = timedelta(minutes=50)  # a new lesuur, after the last one


class LesuurtijdenTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.addWidget(WrapLabel(
            "De tijden van de lesuren op een gewone lesdag. Geeft de administratie verzuim als periode (zoals "
            "Somtoday: van 10:30 tot 12:10), dan telt het programma per lesdag de lesuren die in die periode "
            "vallen: een lesuur telt als de periode er minstens de helft van beslaat. Elk lesuur telt als één "
            "uur; een hele dag telt hoogstens de uren per lesdag (tabblad School). Pauzes tussen de lesuren "
            "tellen niet."))
        self.tabel = QTableWidget(0, 2)
        self.tabel.setAccessibleName("Lesuurtijden")
        self.tabel.setHorizontalHeaderLabels(["Begin", "Einde"])
        self.tabel.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tabel, 1)
        self.fout = ErrorLabel()
        layout.addWidget(self.fout)
        knoppen = QHBoxLayout()
        self.toevoegen = QPushButton("Lesuur toevoegen")
        self.toevoegen.clicked.connect(self.voeg_toe)
        self.verwijderen = QPushButton("Laatste lesuur verwijderen")
        self.verwijderen.clicked.connect(self.verwijder)
        self.standaard = QPushButton("Standaardtijden terugzetten")
        self.standaard.setToolTip("Acht lesuren van 50 minuten, van 8:30 tot 16:15")
        self.standaard.clicked.connect(lambda: self.set_lesuren(STANDAARD_LESUURTIJDEN))
        for knop in (self.toevoegen, self.verwijderen):
            knop.setAutoDefault(False)
            knoppen.addWidget(knop)
        knoppen.addStretch(1)
        self.standaard.setAutoDefault(False)
        knoppen.addWidget(self.standaard)
        layout.addLayout(knoppen)
        layout.addWidget(hint("Verzuim per lesuur (zoals Magister) en in uren telt zoals het in het bestand staat; "
                              "deze tijden gelden voor perioden. Wijzigingen gelden voor de volgende import."))
        self.set_lesuren(services.school.lesuurtijden())
        self._start = self.waarden()

    # --- the table ---

    def _tijd(self, t: time, wat: str, rij: int) -> QTimeEdit:
        edit = QTimeEdit(QTime(t.hour, t.minute))
        edit.setDisplayFormat("HH:mm")
        edit.setAccessibleName(f"{wat} van lesuur {rij + 1}")
        edit.timeChanged.connect(lambda _t: self.fout.set_error(""))
        return edit

    def _rij(self, lesuur: Lesuur) -> None:
        r = self.tabel.rowCount()
        self.tabel.insertRow(r)
        self.tabel.setCellWidget(r, 0, self._tijd(lesuur.begin, "Begin", r))
        self.tabel.setCellWidget(r, 1, self._tijd(lesuur.eind, "Einde", r))

    def set_lesuren(self, lesuren) -> None:
        self.tabel.setRowCount(0)
        for lesuur in lesuren:
            self._rij(lesuur)
        self.fout.set_error("")
        self._update_knoppen()

    def waarden(self) -> list[tuple[str, str]]:
        """The table as shown: ("08:30", "09:20") per lesuur."""
        return [(self.tabel.cellWidget(r, 0).time().toString("HH:mm"),
                 self.tabel.cellWidget(r, 1).time().toString("HH:mm")) for r in range(self.tabel.rowCount())]

    def voeg_toe(self) -> None:
        """A lesuur of 50 minutes right after the last one."""
        waarden = self.waarden()
        if waarden:
            uur, minuut = (int(x) for x in waarden[-1][1].split(":"))
            begin = timedelta(hours=uur, minutes=minuut)
        else:
            begin = timedelta(hours=8, minutes=30)
        eind = min(begin + _LESUUR, timedelta(hours=23, minutes=59))
        self._rij(Lesuur(_als_tijd(begin), _als_tijd(eind)))
        self.tabel.scrollToBottom()
        self.fout.set_error("")
        self._update_knoppen()

    def verwijder(self) -> None:
        """The last lesuur (a school with fewer lesuren; the others keep their place and times)."""
        self.tabel.removeRow(self.tabel.rowCount() - 1)
        self.fout.set_error("")
        self._update_knoppen()

    def _update_knoppen(self) -> None:
        self.verwijderen.setEnabled(self.tabel.rowCount() > 1)
        self.toevoegen.setEnabled(self.tabel.rowCount() < MAX_LESUREN)

    # --- with the settings dialog ---

    def has_changes(self) -> bool:
        return self.waarden() != self._start

    def save(self) -> None:
        """InvoerFout when a lesuur is not acceptable (shown by `show_errors`)."""
        opgeslagen = self.services.school.lesuurtijden_opslaan(self.waarden())
        self._start = [(formaat.tijd(u.begin), formaat.tijd(u.eind)) for u in opgeslagen]

    def show_errors(self, exc: InvoerFout) -> QWidget:
        self.fout.set_error(" ".join(exc.fouten.values()))
        eerste = next((k for k in exc.fouten if k.startswith("lesuur")), None)
        if eerste is not None:
            rij = int(eerste.removeprefix("lesuur")) - 1
            self.tabel.scrollTo(self.tabel.model().index(rij, 0))
            return self.tabel.cellWidget(rij, 0)
        return self.tabel


def _als_tijd(d: timedelta) -> time:
    minuten = int(d.total_seconds() // 60)
    return time(minuten // 60, minuten % 60)
