""""Werkt het?": the table per type of intervention for the school (a tab of Overzichten), and one
student's verzuim per lesweek with the interventions as shaded periods (on the student page).

Definitions in domain/effect.py: 6 lesweken before the start week, the start week and 5 after.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.effect import Effect, verschil_tekst
from ...domain.errors import GebruikersFout
from ...domain.zoeken import sorteersleutel
from ...services.overzichten import Effecten, LeerlingEffecten
from ...services.session import Services
from ..common import theme
from ..common.widgets import format_date, hint
from ..common.worker import Loader
from .charts import Grafiek, Periode, Reeks
from .trends_view import OVERZICHT_MISLUKT

KOLOMMEN = ("Interventie", "Aantal", "Meegeteld", "Gemiddeld vóór", "Gemiddeld na", "Verschil")
# Periods on the student's chart, one colour per intervention in turn.
PERIODE_KLEUREN = ("#1565c0", "#6a1b9a", "#00897b", "#e65100", "#ad1457")


def pct(x: float | None, leeg: str = "–") -> str:
    return leeg if x is None else f"{x:.1f}%".replace(".", ",")


class _Item(QTableWidgetItem):
    """A cell that sorts by its number (Qt.UserRole) instead of its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(Qt.ItemDataRole.UserRole), other.data(Qt.ItemDataRole.UserRole)
        if a is None or b is None:
            return (a is None, self.text()) < (b is None, other.text())
        return a < b


def _item(tekst: str, waarde=None) -> QTableWidgetItem:
    item = _Item(tekst)
    item.setData(Qt.ItemDataRole.UserRole, waarde if waarde is not None else None)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if waarde is not None and not isinstance(waarde, str):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class WerktHetView(QWidget):
    """The table per type of intervention: count, average verzuim before and after."""

    loaded = Signal(object)  # Effecten

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.effecten: Effecten | None = None
        self.loader = Loader(services, self, crash_message=OVERZICHT_MISLUKT)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self.voetnoot_tekst)
        layout = QVBoxLayout(self)
        kop = QHBoxLayout()
        kop.addWidget(hint("Het verzuim in de 6 lesweken vóór de start van een interventie en in de 6 lesweken "
                           "vanaf de week van de start, per soort interventie uit de plannen van aanpak."), 1)
        self.vernieuwen_button = QPushButton("Vernieuwen")
        self.vernieuwen_button.clicked.connect(self.laad)
        kop.addWidget(self.vernieuwen_button)
        layout.addLayout(kop)
        self.tabel = QTableWidget(0, len(KOLOMMEN))
        self.tabel.setHorizontalHeaderLabels(KOLOMMEN)
        self.tabel.verticalHeader().hide()
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setAlternatingRowColors(True)
        self.tabel.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for k in range(1, len(KOLOMMEN)):
            self.tabel.horizontalHeader().setSectionResizeMode(k, QHeaderView.ResizeMode.ResizeToContents)
        self.tabel.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # A–Z until a header is clicked
        layout.addWidget(self.tabel, 1)
        self.voetnoot = hint("")
        layout.addWidget(self.voetnoot)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.effecten is None and not self.loader.busy:
            self.laad()

    def laad(self) -> None:
        services = self.services
        self.voetnoot.setText("De cijfers worden berekend…")
        self.loader.start(lambda _progress: services.overzichten.effecten())

    def wait(self, timeout: float | None = None) -> bool:
        return self.loader.wait(timeout)

    def _finished(self, effecten: Effecten) -> None:
        self.toon(effecten)
        self.loaded.emit(effecten)

    def toon(self, e: Effecten) -> None:
        self.effecten = e
        self.tabel.setSortingEnabled(False)
        self.tabel.setRowCount(len(e.per_soort))
        for rij, r in enumerate(e.per_soort):
            cellen = [_item(r.soort, sorteersleutel(r.soort)), _item(str(r.aantal), r.aantal),
                      _item(str(r.meegeteld), r.meegeteld), _item(pct(r.gemiddeld_voor), r.gemiddeld_voor),
                      _item(pct(r.gemiddeld_na), r.gemiddeld_na), _item(verschil_tekst(r.verschil), r.verschil)]
            if r.verschil:  # less verzuim afterwards is good news; no change stays plain
                cellen[5].setForeground(theme.color("success" if r.verschil < 0 else "danger"))
            for k, item in enumerate(cellen):
                self.tabel.setItem(rij, k, item)
        self.tabel.setSortingEnabled(True)
        tekst = e.voetnoot + f" Verzuim bekend t/m {format_date(e.tot)}."
        if not e.per_soort:
            tekst = "Er zijn nog geen interventies met een startdatum in de plannen van aanpak. " + tekst
        self.voetnoot.setText(tekst)

    def voetnoot_tekst(self, tekst: str) -> None:
        self.voetnoot.setText(tekst)

    def rij_teksten(self) -> list[list[str]]:
        """The table as shown (in its sort order), for tests."""
        return [[self.tabel.item(r, k).text() for k in range(self.tabel.columnCount())]
                for r in range(self.tabel.rowCount())]


def _effect_tekst(e: Effect) -> str:
    tot = f" t/m {format_date(e.tot)}" if e.tot else ""
    return (f"{e.soort} (vanaf {format_date(e.van)}{tot}): vóór {pct(e.voor.percentage, e.voor.reden)}, "
            f"erna {pct(e.na.percentage, e.na.reden)}")


GEEN_LESWEKEN = "Nog geen lesweken in dit schooljaar."


class LeerlingEffectPanel(QWidget):
    """One student's verzuim per lesweek this school year, the interventions shaded, with before/after."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.gegevens: LeerlingEffecten | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grafiek = Grafiek(Grafiek.NAAST, eenheid="%", max_waarde=100.0)
        self.grafiek.leeg_tekst = GEEN_LESWEKEN
        self.grafiek.setMinimumHeight(200)
        layout.addWidget(self.grafiek)
        self.cijfers = QLabel()
        self.cijfers.setWordWrap(True)
        self.cijfers.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.cijfers)
        layout.addWidget(hint("Verzuim per lesweek (alle redenen). Vóór = de 6 lesweken voor de start, erna = "
                              "de 6 lesweken vanaf de week van de start."))

    def leeg(self) -> None:
        """Nothing shown (a student was opened; their weeks follow)."""
        self.gegevens = None
        self.grafiek.leeg_tekst = ""  # (not "no weeks" for a moment)
        self.grafiek.set_data([], [])
        self.grafiek.set_periodes([])
        self.cijfers.setText("")

    def set_leerling(self, leerlingnummer: str) -> None:
        try:
            g = self.services.overzichten.effect_per_leerling(leerlingnummer)
        except GebruikersFout as exc:
            self.cijfers.setText(str(exc))
            return
        self.toon(g)

    def toon(self, g: LeerlingEffecten) -> None:
        self.gegevens = g
        self.grafiek.leeg_tekst = GEEN_LESWEKEN
        labels = [formaat.korte_datum(w.maandag) for w in g.weken]
        self.grafiek.set_data(labels, [Reeks("Verzuim", theme.color("accent"), [w.percentage for w in g.weken])])
        periodes = []
        for i, e in enumerate(g.effecten):
            begin = next((k for k, w in enumerate(g.weken) if w.maandag >= e.startweek), len(g.weken))
            eind = e.tot or g.tot
            laatste = max((k for k, w in enumerate(g.weken) if w.maandag <= eind), default=-1)
            if begin < len(g.weken) and laatste >= begin:
                periodes.append(Periode(begin, laatste, e.soort, QColor(PERIODE_KLEUREN[i % len(PERIODE_KLEUREN)])))
        self.grafiek.set_periodes(periodes)
        self.cijfers.setText("\n".join(_effect_tekst(e) for e in g.effecten)
                             or "Nog geen interventies met een startdatum in het plan van aanpak.")
