"""The window of an alleen-lezen user: the overview of counts a zorgcoördinator's session made, nothing else.

An alleen-lezen user does not open the database (services/lezersoverzicht.py): this window shows the tables of
`thuiszit.overzicht`, one tab each, with when they were made. "Vernieuwen" reads the file again (a
zorgcoördinator may have written it since); the user can change their own password and log off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.lezersoverzicht import Lezersoverzicht, Tabel, cel
from ...services.lezersoverzicht import Lezersessie
from ..common import errors
from ..common.widgets import heading, hint

APP_NAME = "Thuiszit Desktop"


def tabel_widget(tabel: Tabel) -> QWidget:
    """One table: its explanation above, the counts right-aligned, not editable, not sortable (the order is
    the table's own: levels, months, kinds – nothing to line up with students)."""
    pagina = QWidget()
    layout = QVBoxLayout(pagina)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.addWidget(heading(tabel.titel, 1.5))
    if tabel.uitleg:
        layout.addWidget(hint(tabel.uitleg))
    widget = QTableWidget(len(tabel.rijen), len(tabel.kolommen))
    widget.setHorizontalHeaderLabels(list(tabel.kolommen))
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setAlternatingRowColors(True)
    for r, rij in enumerate(tabel.rijen):
        for k, waarde in enumerate(rij):
            item = QTableWidgetItem(cel(waarde) if k else str(waarde))
            if k:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, k, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the labels; the counts to the right
    widget.setAccessibleName(tabel.titel)
    layout.addWidget(widget, 1)
    return pagina


class LezerWindow(QMainWindow):
    """After `close()`: `afgemeld` tells the start-up to show the login again."""

    def __init__(self, sessie: Lezersessie):
        super().__init__()
        self.sessie = sessie
        self.afgemeld = False
        self.overzicht: Lezersoverzicht | None = None
        self.setMinimumSize(QSize(720, 480))
        self.resize(960, 640)  # every table without scrolling on a laptop screen
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 8)
        self.titel = heading("Overzicht")
        layout.addWidget(self.titel)
        self.stand = hint("")
        layout.addWidget(self.stand)
        layout.addWidget(hint("Met de rol alleen-lezen ziet u alleen aantallen voor de hele school: geen namen, geen "
                              "dossiers. Aantallen van 1 tot en met 4 staan er als 'minder dan 5'. De zorgcoördinator "
                              "werkt dit overzicht bij."))
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        knoppen = QHBoxLayout()
        self.vernieuwen_knop = QPushButton("&Vernieuwen")
        self.vernieuwen_knop.setShortcut(QKeySequence.StandardKey.Refresh)
        self.vernieuwen_knop.clicked.connect(self.vernieuwen)
        self.wachtwoord_knop = QPushButton("&Wachtwoord wijzigen…")
        self.wachtwoord_knop.clicked.connect(self.wachtwoord_wijzigen)
        self.afmelden_knop = QPushButton("&Afmelden")
        self.afmelden_knop.clicked.connect(self.afmelden)
        knoppen.addWidget(self.vernieuwen_knop)
        knoppen.addWidget(self.wachtwoord_knop)
        knoppen.addStretch(1)
        knoppen.addWidget(self.afmelden_knop)
        layout.addLayout(knoppen)
        self.setCentralWidget(central)
        self.leeg = QLabel()
        self.vernieuwen()

    def vernieuwen(self) -> None:
        try:
            self.overzicht = self.sessie.overzicht()
        except errors.GebruikersFout as exc:
            self._toon_leeg(str(exc))
            return
        o = self.overzicht
        self.setWindowTitle(f"{APP_NAME} – {o.school} (alleen-lezen)")
        self.titel.setText(f"Overzicht van {o.school}")
        self.stand.setText(f"Bijgewerkt op {formaat.datum(o.gemaakt)} om {formaat.tijd(o.gemaakt)}. U bent ingelogd als "
                           f"{self.sessie.gebruiker.naam}.")
        huidig = self.tabs.currentIndex()
        self.tabs.clear()
        for tabel in o.tabellen:
            self.tabs.addTab(tabel_widget(tabel), tabel.kort or tabel.titel)
        self.tabs.setCurrentIndex(max(0, min(huidig, self.tabs.count() - 1)))

    def _toon_leeg(self, melding: str) -> None:
        self.setWindowTitle(f"{APP_NAME} (alleen-lezen)")
        self.stand.setText(melding)
        self.tabs.clear()

    def wachtwoord_wijzigen(self) -> None:
        from ..beheer.gebruikers_dialog import WachtwoordDialog

        dialoog = WachtwoordDialog(self.sessie, self, wijzigen=self.sessie.wachtwoord_wijzigen,
                                   opent="het overzicht")
        if dialoog.exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage("Uw wachtwoord is gewijzigd.", 8_000)

    def afmelden(self) -> None:
        self.afgemeld = True
        self.close()

    def close_services(self) -> None:
        self.sessie.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
