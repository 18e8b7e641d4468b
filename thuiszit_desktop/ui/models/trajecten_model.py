"""The open trajecten of the school as a table model (one row per traject with its next deadline), and the
proxy that filters on step, casusregisseur and search text and sorts by SORT_ROLE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...domain.actiepunt import Actiepunt
from ...domain.traject import Stap, TrajectRij
from ...domain.zoeken import natuurlijke_sleutel, sorteersleutel, zoek_in, zoeksleutel, zoektermen
from ..common import theme
from ..common.widgets import format_date
from .tabel import Tabelmodel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

COL_LEERLING, COL_KLAS, COL_CATEGORIE, COL_STAP, COL_EIGENAAR, COL_GEOPEND, COL_ACTIES, COL_TERMIJN = range(8)
HEADERS = ["Leerling", "Klas", "Categorie", "Stap", "Casusregisseur", "Geopend", "Open actiepunten",
           "Eerstvolgende termijn"]


@dataclass(frozen=True)
class TrajectRegel:
    rij: TrajectRij
    termijn: date | None = None
    termijn_wat: str = ""  # "actiepunt" or "evaluatie"


def trajectregels(rijen: list[TrajectRij], open_acties: list[Actiepunt], vandaag: date | None = None
                  ) -> list[TrajectRegel]:
    """Each traject with its next deadline: the earliest open actiepunt or its evaluation date."""
    vandaag = vandaag or date.today()
    eerste: dict[int, date] = {}
    for a in open_acties:
        if a.traject_id is not None and (a.traject_id not in eerste or a.uiterlijk < eerste[a.traject_id]):
            eerste[a.traject_id] = a.uiterlijk
    uit = []
    for r in rijen:
        kandidaten = []
        if r.id in eerste:
            kandidaten.append((eerste[r.id], "actiepunt"))
        if (evaluatie := r.evaluatie(vandaag)) is not None:
            kandidaten.append((evaluatie, "evaluatie"))
        termijn, wat = min(kandidaten) if kandidaten else (None, "")
        uit.append(TrajectRegel(r, termijn, wat))
    return uit


class TrajectenModel(Tabelmodel):
    koppen = HEADERS

    def __init__(self, parent=None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.rijen: list[TrajectRegel] = []
        self.vandaag = vandaag or date.today()

    def set_regels(self, regels: list[TrajectRegel]) -> None:
        self.beginResetModel()
        self.rijen = list(regels)
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rijen):
            return None
        regel = self.rijen[index.row()]
        r = regel.rij
        c = index.column()
        if role == ROW_ROLE:
            return regel
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_LEERLING: r.naam, COL_KLAS: r.klas, COL_CATEGORIE: r.categorie.label,
                COL_STAP: f"{int(r.stap)}. {stap_kort(r.stap)}", COL_EIGENAAR: r.eigenaar,
                COL_GEOPEND: format_date(r.geopend), COL_ACTIES: str(r.open_actiepunten) if r.open_actiepunten else "",
                COL_TERMIJN: (f"{format_date(regel.termijn)} ({regel.termijn_wat})" if regel.termijn else ""),
            }.get(c)
        if role == SORT_ROLE:
            return {
                COL_LEERLING: r.sleutel or sorteersleutel(r.naam), COL_KLAS: natuurlijke_sleutel(r.klas),
                COL_CATEGORIE: r.categorie.label, COL_STAP: f"{int(r.stap)}", COL_EIGENAAR: sorteersleutel(r.eigenaar),
                COL_GEOPEND: r.geopend.isoformat(),
                COL_ACTIES: f"{r.open_actiepunten:06d}",
                COL_TERMIJN: regel.termijn.isoformat() if regel.termijn else "9999",
            }.get(c)
        if role == Qt.ItemDataRole.ForegroundRole and c == COL_TERMIJN and regel.termijn and regel.termijn < self.vandaag:
            return theme.color("danger")
        if role == Qt.ItemDataRole.ToolTipRole:
            if c == COL_STAP:
                return f"Stap {int(r.stap)}: {r.stap.titel}"
            if c == COL_TERMIJN and regel.termijn:
                te_laat = " – te laat" if regel.termijn < self.vandaag else ""
                return f"{'Actiepunt uiterlijk' if regel.termijn_wat == 'actiepunt' else 'Evaluatie op'} " \
                       f"{format_date(regel.termijn)}{te_laat}"
        if role == Qt.ItemDataRole.TextAlignmentRole and c in (COL_STAP, COL_ACTIES):
            return int(Qt.AlignmentFlag.AlignCenter if c == COL_ACTIES else Qt.AlignmentFlag.AlignVCenter)
        return None


def stap_kort(stap: Stap) -> str:
    return {1: "In beeld", 2: "Contact", 3: "Samenwerken", 4: "Interventie", 5: "Terug in beeld"}[int(stap)]


class TrajectenFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.stap: int | None = None
        self.eigenaar: str | None = None  # folded name
        self.zoek: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter(self, *, stap: int | None = None, eigenaar: str | None = None, zoek: str = "") -> None:
        self.beginFilterChange()
        self.stap, self.eigenaar = stap, (zoeksleutel(eigenaar) if eigenaar else None)
        self.zoek = zoektermen(zoek)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        regel: TrajectRegel = self.sourceModel().rijen[source_row]
        r = regel.rij
        if self.stap is not None and int(r.stap) != self.stap:
            return False
        if self.eigenaar is not None and zoeksleutel(r.eigenaar) != self.eigenaar:
            return False
        return zoek_in(self.zoek, zoeksleutel(f"{r.naam} {r.klas} {r.leerlingnummer}"))
