"""The student list as a Qt table model, and the proxy that searches, filters and sorts it.

Search-as-you-type stays fast with thousands of rows: each row comes with its searchable text folded
with the app's one search key (domain/zoeken.py: "Ömer Kılıç" → "omer kilic"; kept in the file with the rows, so
typing never waits for 20,000 of them to be made), the proxy evaluates a new filter in one pass over
those strings, and keeps the list of rows it shows. Sorting happens in the source model
with Python's sort over precomputed keys (the proxy forwards `sort`); a proxy that sorts itself would
call back into Python for every comparison, which is slow when a filter brings rows back. The text of
every cell is computed once per row too, so painting a cell is a list lookup, and the proxy answers
`data` from its own row list.

Levels (Kearney) and signals come later than the rows: they are computed in the background and merged
with `set_signalen`, a layout change that keeps the selection and re-evaluates the filter.
"""

from __future__ import annotations

import functools
import operator
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress, repeat
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ...domain import formaat
from ...domain.signaalsoort import SIGNAAL_KORT, SIGNAAL_VOLGORDE, SignaalSoort
from ...domain.zoeken import natuurlijke_sleutel, sorteersleutel, zoekteksten, zoektermen
from ...services.leerlingen import LeerlingRij, zoekbron
from ..common.theme import niveau_stip

if TYPE_CHECKING:  # (the signals' service is the worker's: not imported before the list is painted)
    from ...domain.afhandeling import Afhandeling
    from ...domain.signalen import Niveau, Signaal
    from ...services.signalen import Overzicht

(COL_NAAM, COL_LEERLINGNUMMER, COL_KLAS, COL_NIVEAU, COL_SIGNALEN, COL_MENTOR, COL_GEBOORTEDATUM,
 COL_STATUS) = range(8)
HEADERS = ("Naam", "Leerlingnummer", "Klas", "Niveau", "Signalen", "Mentor", "Geboortedatum", "Status")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a string that sorts correctly (dates, 2A before 10A)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the LeerlingRij of the row

GEEN_MENTOR = "\x00geen"  # the mentor filter value for students without a mentor
MET_SIGNAAL = "\x00met"  # the signal filter value for students with any signal
MET_OPEN_SIGNAAL = "\x00open"  # … with a signal that is not handled yet (domain/afhandeling.py)
AFGEHANDELD = " ✓"  # after the short label of a handled signal

_RANG = {soort: i for i, soort in enumerate(SIGNAAL_VOLGORDE)}

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset({_DISPLAY, SORT_ROLE, ROW_ROLE, _FOREGROUND, _TOOLTIP, _DECORATION})


def signalen_kort(soorten: Iterable[SignaalSoort], afgehandeld: Iterable[SignaalSoort] = ()) -> str:
    """"16 uur, Thuiszitter >3 mnd ✓": most urgent first, a check mark after a handled one; "Thuiszitter" is
    left out when ">3 mnd" says it."""
    aanwezig = set(soorten)
    klaar = set(afgehandeld)
    if SignaalSoort.THUISZITTER_3MND in aanwezig:
        aanwezig.discard(SignaalSoort.THUISZITTER)
    return ", ".join(SIGNAAL_KORT[s] + (AFGEHANDELD if s in klaar else "") for s in SIGNAAL_VOLGORDE
                     if s in aanwezig)


class _Extra(NamedTuple):
    """A row's level and signals (when known)."""

    niveau: int  # 0: unknown (not computed yet, or not ingeschreven on the peildatum)
    pct: float  # verzuimpercentage
    soorten: frozenset[SignaalSoort]
    rang: int  # of the most urgent signal; len(SIGNAAL_VOLGORDE) without one
    signalen: tuple[Signaal, ...]
    kort: str  # the text of the Signalen column
    afhandeling: Mapping[SignaalSoort, Afhandeling]  # what was done per signal (only the ones with something)
    geen_verzuim: bool = False  # nothing known yet: "–" instead of a level (Niveau.zonder_verzuim)

    @property
    def open_soorten(self) -> frozenset[SignaalSoort]:
        """The signals not handled yet."""
        return frozenset(s for s in self.soorten if not (s in self.afhandeling and self.afhandeling[s].afgehandeld))


_GEEN_SOORTEN: frozenset[SignaalSoort] = frozenset()
_GEEN = _Extra(0, 0.0, _GEEN_SOORTEN, len(SIGNAAL_VOLGORDE), (), "", {})
_GEEN_VERZUIM = _GEEN._replace(geen_verzuim=True)
GEEN_VERZUIM_TEKST = "–"


def _extra(niveau: Niveau | None, signalen: Sequence[Signaal],
           afhandeling: Mapping[SignaalSoort, Afhandeling] | None = None) -> _Extra:
    if niveau is not None and niveau.zonder_verzuim:
        niveau = None  # no level to show yet
        if not signalen:
            return _GEEN_VERZUIM
    if not signalen:
        return _GEEN if niveau is None else _Extra(niveau.niveau, niveau.verzuimpercentage, _GEEN_SOORTEN,
                                                   len(SIGNAAL_VOLGORDE), (), "", {})
    afhandeling = afhandeling or _GEEN_AFHANDELING
    soorten, rang, kort = _gedeeld(frozenset(s.soort for s in signalen),
                                   frozenset(s for s, a in afhandeling.items() if a.afgehandeld))
    return _Extra(niveau.niveau if niveau is not None else 0, niveau.verzuimpercentage if niveau else 0.0, soorten,
                  rang, tuple(signalen), kort, afhandeling)


_GEEN_AFHANDELING: Mapping[SignaalSoort, Afhandeling] = MappingProxyType({})


@functools.cache
def _gedeeld(soorten: frozenset[SignaalSoort], klaar: frozenset[SignaalSoort]) -> tuple[frozenset, int, str]:
    """One set of kinds, rank and Signalen text per combination (a few dozen in a school), shared by the
    students who have it: a copy per student was 4 MB at 20,000 students (issue 16)."""
    return soorten, min(_RANG[s] for s in soorten), signalen_kort(soorten, klaar)


def afhandeling_per_leerling(overzicht: Overzicht) -> dict[str, dict[SignaalSoort, Afhandeling]]:
    """What was done about each signal, per leerlingnummer (only the signals with something done)."""
    uit: dict[str, dict[SignaalSoort, Afhandeling]] = {}
    for s in overzicht.signalen:
        a = overzicht.afhandeling(s)
        if a.iets:
            uit.setdefault(s.leerlingnummer, {})[s.soort] = a
    return uit


def regel_extras(overzicht: Overzicht) -> dict[str, _Extra]:
    """Each student's level and signals as the list shows them: made with the overzicht in the background, so
    merging them into 20,000 rows does not hold up the window."""
    niveaus, signalen = overzicht.niveau_van(), overzicht.signalen_van()
    afhandeling = afhandeling_per_leerling(overzicht)
    # Most students have a level and no signal: they share one (immutable) _Extra per level and percentage
    # instead of 20,000 of their own.
    gedeeld: dict[tuple, _Extra] = {}

    def extra(nr: str) -> _Extra:
        niveau, eigen = niveaus.get(nr), signalen.get(nr, ())
        if eigen:
            return _extra(niveau, eigen, afhandeling.get(nr))
        sleutel = (niveau.niveau, niveau.verzuimpercentage, niveau.zonder_verzuim) if niveau is not None else ()
        if (gevonden := gedeeld.get(sleutel)) is None:
            gevonden = gedeeld[sleutel] = _extra(niveau, ())
        return gevonden

    return {nr: extra(nr) for nr in niveaus.keys() | signalen}


def _niveau_tip(extra: _Extra) -> str | None:
    if extra.geen_verzuim:
        return "Nog geen verzuim geïmporteerd of ingevoerd: nog geen niveau"
    if not extra.niveau:
        return None
    return f"Niveau {extra.niveau}: {formaat.procent(extra.pct)} verzuim dit schooljaar"


def _signalen_tip(extra: _Extra) -> str | None:
    if not extra.signalen:
        return None
    from ...domain.uitleg import signaal_tooltip  # (with the traject's domain: a tooltip's, not the start's)

    def tip(s: Signaal) -> str:
        tekst = signaal_tooltip(s)  # per signal: the rule and the numbers that made it fire
        a = extra.afhandeling.get(s.soort)
        return f"{tekst}\n{a.zin()}" if a is not None and a.zin() else tekst

    return "\n\n".join(tip(s) for s in sorted(extra.signalen, key=lambda s: (_RANG[s.soort], s.datum)))


def _datum(d) -> str:
    return formaat.datum(d)


class LeerlingenModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[LeerlingRij] = (), parent=None):
        super().__init__(parent)
        self._rows: list[LeerlingRij] = []
        self.search_text: list[str] = []  # LeerlingRij.zoektekst per row
        self._ingeschreven: list[bool] | None = None  # `ingeschreven()`
        self.extra: list[_Extra] = []  # level and signals per row
        # The display text of each column per row, made when the row is first painted (None until then): a
        # school of 20,000 shows a few dozen rows, and making all of them held up the start (issue 16).
        self._cells: list[tuple[str, ...] | None] = []
        self.generation = 0  # goes up with every reset, sort or merge, so the proxy knows its filter is stale
        self._sort_column = COL_NAAM
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._niveaus: dict[str, Niveau] = {}
        self._signalen: dict[str, list[Signaal]] = {}
        self._afhandeling: dict[str, dict[SignaalSoort, Afhandeling]] = {}
        self.has_signalen = False  # whether levels and signals were merged
        self._klaar: Mapping[str, _Extra] | None = None
        self._muted: QBrush | None = None  # the text of an uitgeschreven row (made when first shown: `_gedempt`)
        ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
        self._dots = {n: niveau_stip(n, 10, ratio) for n in (1, 2, 3)}
        self.set_rows(rows)

    # --- data in ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[LeerlingRij]) -> None:
        self.beginResetModel()
        self.generation += 1
        self._rows = list(rows)
        self._precompute()
        self._sort_rows()
        self.endResetModel()

    def set_signalen(self, niveaus: Mapping[str, Niveau], signalen: Mapping[str, Sequence[Signaal]],
                     afhandeling: Mapping[str, Mapping[SignaalSoort, Afhandeling]] | None = None, *,
                     klaar: Mapping[str, _Extra] | None = None) -> None:
        """Merge levels, signals and what was done about them (keyed by leerlingnummer); they stay over later
        `set_rows`. `klaar`: the same per row, made already by `regel_extras` (in the background)."""
        self._klaar = klaar
        self._niveaus = dict(niveaus)
        self._signalen = {nr: list(s) for nr, s in signalen.items()}
        self._afhandeling = {nr: dict(a) for nr, a in (afhandeling or {}).items()}
        self.has_signalen = True
        self._relayout(self._merge)

    def _merge(self) -> list[int]:
        if self._klaar is not None:  # (the loop in C: this runs in the GUI thread when the signals arrive)
            self.extra = list(map(self._klaar.get, map(_NUMMER, self._rows), repeat(_GEEN)))
        else:
            self.extra = [self._extra_van(r.leerlingnummer) for r in self._rows]
        self._cells = [None] * len(self._rows)  # (level and signals are in them: made again when painted)
        if self._sort_column not in (COL_NIVEAU, COL_SIGNALEN):
            return list(range(len(self._rows)))  # the order does not depend on them: no sort of 20,000 keys
        return self._sort_rows()

    def ingeschreven(self) -> list[bool]:
        """LeerlingRij.ingeschreven per row (made once per order: the filter needs it on every keystroke)."""
        if self._ingeschreven is None:
            self._ingeschreven = list(map(_INGESCHREVEN, self._rows))
        return self._ingeschreven

    def _precompute(self) -> None:
        zoek = list(map(_ZOEK, self._rows))  # (the loops in C: 20,000 rows at every start)
        if not all(zoek):  # rows not from the service (which keeps them with the texts): made here, all at once
            zoek = zoekteksten([zoekbron(r.naam, r.sorteernaam, r.leerlingnummer, r.klas) for r in self._rows])
        self.search_text = zoek
        self._ingeschreven = None
        self._sort_naam = list(map(_SLEUTEL, self._rows))
        if not all(self._sort_naam):  # (as above: the service's rows have theirs)
            self._sort_naam = [r.sorteer for r in self._rows]
        if self._klaar is None and not self._niveaus and not self._signalen:  # nothing merged yet: all alike
            self.extra = [_GEEN] * len(self._rows)
        else:
            self.extra = [self._extra_van(r.leerlingnummer) for r in self._rows]
        self._cells = [None] * len(self._rows)

    def _extra_van(self, nr: str) -> _Extra:
        if self._klaar is not None:
            return self._klaar.get(nr, _GEEN)
        return _extra(self._niveaus.get(nr), self._signalen.get(nr, ()), self._afhandeling.get(nr))

    def _sort_rows(self) -> list[int]:
        """Order the rows by the current sort column; returns the old row of each new row."""
        if self._sort_column == COL_NAAM:
            keys = self._sort_naam
        else:
            keys = [self._sort_value(i, r, self._sort_column) for i, r in enumerate(self._rows)]
        order = sorted(range(len(self._rows)), key=keys.__getitem__,
                       reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        if order == list(range(len(order))):  # in order already (the list from the service, by name)
            return order
        self._rows = [self._rows[i] for i in order]
        self.search_text = [self.search_text[i] for i in order]
        self._ingeschreven = None
        self._sort_naam = [self._sort_naam[i] for i in order]
        self.extra = [self.extra[i] for i in order]
        self._cells = [self._cells[i] for i in order]
        return order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return

        def apply() -> list[int]:
            self._sort_column, self._sort_order = column, order
            return self._sort_rows()

        self._relayout(apply)

    def _relayout(self, change: Callable[[], list[int]]) -> None:
        """Run `change`, which reorders the rows and returns the old row of each new row, as a layout change."""
        self.layoutAboutToBeChanged.emit()
        self.generation += 1  # (the proxy maps through Qt while the rows move)
        old_of_new = change()
        new_of_old = {old: new for new, old in enumerate(old_of_new)}
        before = self.persistentIndexList()
        after = [self.index(new_of_old[i.row()], i.column()) if i.isValid() else QModelIndex() for i in before]
        self.changePersistentIndexList(before, after)
        self.generation += 1
        self.layoutChanged.emit()

    def row_at(self, row: int) -> LeerlingRij:
        return self._rows[row]

    def rows(self) -> list[LeerlingRij]:
        return list(self._rows)

    def row_of(self, leerlingnummer: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.leerlingnummer == leerlingnummer), None)

    def klassen(self) -> list[str]:
        return sorted(set(map(_KLAS, self._rows)) - {""}, key=natuurlijke_sleutel)

    def mentoren(self) -> list[str]:
        return sorted(set(map(_MENTOR, self._rows)) - {""}, key=sorteersleutel)

    def zonder_mentor(self) -> bool:
        """Whether a row has no mentor."""
        return "" in map(_MENTOR, self._rows)

    # --- Qt's interface --------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == _DISPLAY:
                return HEADERS[section]
            if role == _TOOLTIP and section == COL_NIVEAU:
                return "Verzuimniveau (piramide van Kearney); sorteren zet niveau 3 bovenaan"
            if role == _TOOLTIP and section == COL_SIGNALEN:
                return "Signalen op de peildatum; sorteren zet de dringendste bovenaan"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, r: int, col: int, role: int):
        """`data` of row `r`, column `col` (also called by LeerlingenFilter.data, without an index)."""
        if role not in _ROLES or not 0 <= r < len(self._rows):
            return None
        if role == _DISPLAY:
            cells = self._cells[r]
            if cells is None:
                cells = self._cells[r] = _cells(self._rows[r], self.extra[r])
            return cells[col]
        if role == _DECORATION:
            return self._dots.get(self.extra[r].niveau) if col == COL_NIVEAU else None
        row = self._rows[r]
        if role == SORT_ROLE:
            return self._sort_value(r, row, col)
        if role == ROW_ROLE:
            return row
        if role == _FOREGROUND:
            return None if row.ingeschreven else self._gedempt()
        if role == _TOOLTIP:
            if col == COL_STATUS and not row.ingeschreven:
                return "Niet (meer) ingeschreven op deze school"
            if col == COL_NIVEAU:
                return _niveau_tip(self.extra[r])
            if col == COL_SIGNALEN:
                return _signalen_tip(self.extra[r])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _gedempt(self) -> QBrush:
        """The disabled text colour: only for uitgeschreven rows, hidden at start (2 ms less before the list
        is painted)."""
        if self._muted is None:
            self._muted = QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        return self._muted

    def _sort_value(self, i: int, row: LeerlingRij, col: int) -> str:
        if col == COL_NAAM:
            return self._sort_naam[i]
        if col == COL_LEERLINGNUMMER:
            return natuurlijke_sleutel(row.leerlingnummer)
        if col == COL_KLAS:
            return f"{natuurlijke_sleutel(row.klas)}\x00{self._sort_naam[i]}" if row.klas else "\uffff"
        if col == COL_MENTOR:
            return f"{sorteersleutel(row.mentor)}\x00{self._sort_naam[i]}" if row.mentor else "\uffff"
        if col == COL_GEBOORTEDATUM:
            return row.geboortedatum.isoformat()
        if col == COL_NIVEAU:  # level 3 first: the students who need attention
            niveau = self.extra[i].niveau
            return f"{3 - niveau}\x00{self._sort_naam[i]}" if niveau else "\uffff"
        if col == COL_SIGNALEN:  # the most urgent signal first
            extra = self.extra[i]
            return f"{extra.rang:02d}\x00{self._sort_naam[i]}" if extra.soorten else "\uffff"
        return f"{0 if row.ingeschreven else 1}\x00{self._sort_naam[i]}"


# Built once: combining enum flags in Python costs more than the rest of flags() (it runs per cell).
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _cells(row: LeerlingRij, extra: _Extra) -> tuple[str, ...]:
    """The display text of every column, in column order."""
    niveau = GEEN_VERZUIM_TEKST if extra.geen_verzuim else _NIVEAU_TEKST[extra.niveau]
    return (row.sorteernaam, row.leerlingnummer, row.klas, niveau, extra.kort, row.mentor,
            _datum(row.geboortedatum), "ingeschreven" if row.ingeschreven else "uitgeschreven")


_NIVEAU_TEKST = ("", "1", "2", "3")
_NUMMER = operator.attrgetter("leerlingnummer")
_INGESCHREVEN = operator.attrgetter("ingeschreven")
_ZOEK = operator.attrgetter("zoek")
_KLAS = operator.attrgetter("klas")
_MENTOR = operator.attrgetter("mentor")
_SLEUTEL = operator.attrgetter("sleutel")


class LeerlingenFilter(QAbstractProxyModel):
    """Search on naam, leerlingnummer and klas, filter on klas, mentor, level and signal, hide uitgeschreven.

    A signal filter also shows uitgeschreven students with that signal: absoluut verzuim is about them.

    Its own proxy, not a QSortFilterProxyModel: that one asks `filterAcceptsRow` of every source row – 20,000
    calls into Python per keystroke and per merge of the signals, each waiting for Python's lock while the
    signals are computed in the background (a third of a second frozen). Here a new filter is one pass over
    the folded texts and a list of the source rows shown; Qt asks only about the rows on screen.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._klas: str | None = None
        self._mentor: str | None = None
        self._niveau: int | None = None
        self._signaal: SignaalSoort | str | None = None
        self._uitgeschreven = False
        self._accepted: list[bool] = []
        # The source row of each proxy row, ascending (this proxy keeps the source order), so the proxy row of a
        # source row is a binary search: no dict of 20,000 rows to build per keystroke and keep (2 MB).
        self._shown: array[int] = array("l")
        self._model: LeerlingenModel | None = None
        self._layout_keys: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []  # (here, source)
        self._verbonden: list[tuple] = []  # (signal of the source, slot here)

    # --- the filter, set by the view -------------------------------------------------------------

    @property
    def search(self) -> str:
        return " ".join(self._terms)

    def set_search(self, text: str) -> None:
        terms = zoektermen(text)
        if terms != self._terms:
            self._change(lambda: setattr(self, "_terms", terms))

    def set_klas(self, klas: str | None) -> None:
        if klas != self._klas:
            self._change(lambda: setattr(self, "_klas", klas or None))

    def set_mentor(self, mentor: str | None) -> None:
        """A mentor's name, GEEN_MENTOR for students without one, or None for all."""
        if mentor != self._mentor:
            self._change(lambda: setattr(self, "_mentor", mentor or None))

    def set_niveau(self, niveau: int | None) -> None:
        """1, 2 or 3: only students on that level; None for all."""
        if niveau != self._niveau:
            self._change(lambda: setattr(self, "_niveau", niveau or None))

    def set_signaal(self, signaal: SignaalSoort | str | None) -> None:
        """A SignaalSoort, MET_SIGNAAL for any signal, MET_OPEN_SIGNAAL for one not handled yet, or None."""
        if signaal != self._signaal:
            self._change(lambda: setattr(self, "_signaal", signaal or None))

    def set_show_uitgeschreven(self, show: bool) -> None:
        if show != self._uitgeschreven:
            self._change(lambda: setattr(self, "_uitgeschreven", show))

    @property
    def shows_uitgeschreven(self) -> bool:
        return self._uitgeschreven

    @property
    def niveau(self) -> int | None:
        return self._niveau

    @property
    def signaal(self) -> SignaalSoort | str | None:
        return self._signaal

    def narrows(self) -> bool:
        """Whether a search, klas, mentor, level or signal filter is on (hiding uitgeschreven aside)."""
        return bool(self._terms or self._klas or self._mentor or self._niveau or self._signaal)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model; this proxy keeps the source order (fast, see the module doc)."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def source_row(self, proxy_row: int) -> LeerlingRij:
        return self.data(self.index(proxy_row, 0), ROW_ROLE)

    def _change(self, apply) -> None:
        apply()
        model = self._model
        if model is None:
            return
        accepted = self._accept(model)
        if accepted == self._accepted:
            return  # e.g. one more letter that matches the same students: nothing to redraw
        # A reset, not row insertions and removals: a view handles one reset much faster than hundreds of
        # scattered ones (measured with 2,000 rows: about half the time).
        self.beginResetModel()
        self._store(accepted)
        self.endResetModel()

    def _store(self, accepted: list[bool]) -> None:
        self._accepted = accepted
        self._shown = array("l", compress(range(len(accepted)), accepted))

    def _proxy_row(self, source_row: int) -> int | None:
        """The proxy row showing `source_row`, or None when it is filtered out."""
        rij = bisect_left(self._shown, source_row)
        return rij if rij < len(self._shown) and self._shown[rij] == source_row else None

    def _evaluate(self) -> None:
        self._store(self._accept(self._model) if self._model is not None else [])

    def _accept(self, model: LeerlingenModel) -> list[bool]:
        terms, klas, mentor, uit = self._terms, self._klas, self._mentor, self._uitgeschreven
        niveau, signaal = self._niveau, self._signaal
        mentor_value = "" if mentor == GEEN_MENTOR else mentor
        if signaal is None:
            accepted = [True] * model.rowCount() if uit else list(model.ingeschreven())
        else:
            if signaal == MET_SIGNAAL:
                accepted = [bool(e.soorten) for e in model.extra]
            elif signaal == MET_OPEN_SIGNAAL:
                accepted = [bool(e.soorten) and bool(e.open_soorten) for e in model.extra]
            else:
                accepted = [signaal in e.soorten for e in model.extra]
        if niveau is not None:
            accepted = [a and e.niveau == niveau for a, e in zip(accepted, model.extra, strict=True)]
        if klas is not None or mentor is not None:
            accepted = [a and (klas is None or r.klas == klas) and (mentor is None or r.mentor == mentor_value)
                        for a, r in zip(accepted, model._rows, strict=True)]
        for term in terms:  # this runs on every keystroke: `in` per row and term, the loops in C
            accepted = list(map(operator.and_, accepted, map(operator.contains, model.search_text, repeat(term))))
        return accepted

    # --- following the source model --------------------------------------------------------------

    def setSourceModel(self, model) -> None:
        self.beginResetModel()
        for signal, slot in self._verbonden:
            signal.disconnect(slot)
        self._model = model if isinstance(model, LeerlingenModel) else None
        super().setSourceModel(model)
        self._verbonden = [] if model is None else [
            (model.modelAboutToBeReset, self.beginResetModel), (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._source_layout_about_to_change),
            (model.layoutChanged, self._source_layout_changed), (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self.headerDataChanged)]
        for signal, slot in self._verbonden:
            signal.connect(slot)
        self._evaluate()
        self.endResetModel()

    def _source_reset(self) -> None:
        self._evaluate()
        self.endResetModel()

    def _source_layout_about_to_change(self, *_args) -> None:
        """The source reorders (a sort, a merge of signals): keep, for each index kept here (the selection, the
        current row), its source index – the source moves those along with its rows."""
        self.layoutAboutToBeChanged.emit()
        self._layout_keys = [(QPersistentModelIndex(i), QPersistentModelIndex(self.mapToSource(i)))
                             for i in self.persistentIndexList()]

    def _source_layout_changed(self, *_args) -> None:
        self._evaluate()
        before, after = [], []
        for kept, bron in self._layout_keys:
            rij = self._proxy_row(bron.row()) if bron.isValid() else None
            before.append(QModelIndex(kept))
            after.append(self.index(rij, kept.column()) if rij is not None else QModelIndex())
        self._layout_keys = []
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        rijen = [r for r in map(self._proxy_row, range(top_left.row(), bottom_right.row() + 1)) if r is not None]
        if rijen:
            self.dataChanged.emit(self.index(min(rijen), top_left.column()),
                                  self.index(max(rijen), bottom_right.column()), roles)

    # --- Qt's interface --------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._shown) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or self._model is None else len(HEADERS)

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and bool(self._shown)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if self._model is None or not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._shown):
            return QModelIndex()
        return self._model.index(self._shown[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid() or (rij := self._proxy_row(source_index.row())) is None:
            return QModelIndex()
        return self.index(rij, source_index.column())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            return self._model.headerData(section, orientation, role) if self._model is not None else None
        return section + 1 if role == _DISPLAY else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """The source model's data of the row shown (a view asks about seven roles per painted cell)."""
        model = self._model
        row = index.row()
        if model is None or not index.isValid() or not 0 <= row < len(self._shown):
            return None
        return model.cell_data(self._shown[row], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags  # the source's, without mapping
