"""The signal lines of "Vandaag" (`SignaalRegel`, grouped by urgency in GROEPEN) and their model.

`SignalenModel` is one flat list: a group's title line, then its signals; the view (ui/vandaag/vandaag_signalen.py)
lays it out with one row height, so only the rows on screen are asked for their data. Each line says who, which
signal, its deadline, why it fired, and whether it is handled (gemeld with the date, in a traject with the step,
besproken; domain/afhandeling.py). Handled signals can be hidden.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from typing import overload

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain import formaat
from ...domain.afhandeling import Afhandeling
from ...domain.signalen import SIGNAAL_VOLGORDE, Signaal, SignaalSoort
from ...domain.uitleg import signaal_tooltip
from ...domain.zoeken import sorteersleutel
from ...services.leerlingen import LeerlingRij
from ...services.signalen import Bespreking, Overzicht
from ..common import theme
from ..common.widgets import format_date

# The groups of the signal list, most urgent first: (title, what to do, the signals in it).
GROEPEN: tuple[tuple[str, str, tuple[SignaalSoort, ...]], ...] = (
    ("Melden bij leerplicht", "binnen 5 werkdagen melden in het verzuimregister van DUO",
     (SignaalSoort.MELDPLICHT_16U,)),
    ("Thuiszitters", "langdurig ongeoorloofd afwezig, of uitgeschreven zonder nieuwe school",
     (SignaalSoort.THUISZITTER_3MND, SignaalSoort.THUISZITTER, SignaalSoort.ABSOLUUT_VERZUIM)),
    ("Zorgwekkend ziekteverzuim (M@zl)", "een gesprek, en met toestemming de jeugdarts",
     (SignaalSoort.MAZL,)),
    ("Langdurig afwezig", "meer dan 4 weken afwezig, ook met een geldige reden: dreigend thuiszitter",
     (SignaalSoort.LANGDURIG_AFWEZIG,)),
    ("Mogelijk luxe verzuim", "afwezig direct voor of na een vakantie: navragen",
     (SignaalSoort.LUXE_VERZUIM,)),
)
_GROEP_VAN = {soort: i for i, (_t, _u, soorten) in enumerate(GROEPEN) for soort in soorten}

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "groep" or "signaal"
REGEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the SignaalRegel of a signal line
TERMIJN_KLEUR_ROLE = Qt.ItemDataRole.UserRole + 3  # the colour of the deadline text, "" for the normal one
GROEP_UITLEG_ROLE = Qt.ItemDataRole.UserRole + 4  # what a group is about (painted under its title)
GROEP, SIGNAAL = "groep", "signaal"


# --- one line ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class SignaalRegel:
    leerlingnummer: str
    naam: str
    klas: str
    niveau: int  # 0 when unknown
    signaal: Signaal
    bespreking: Bespreking | None
    te_laat: bool  # a meldplicht whose deadline has passed
    afhandeling: Afhandeling = field(default_factory=Afhandeling)

    @property
    def soort(self) -> SignaalSoort:
        return self.signaal.soort

    @property
    def termijn(self) -> str:
        s = self.signaal
        if s.uiterlijk is not None:
            return f"te laat – uiterlijk {formaat.korte_datum(s.uiterlijk)}" if self.te_laat else f"melden uiterlijk {formaat.korte_datum(s.uiterlijk)}"
        if s.soort == SignaalSoort.LUXE_VERZUIM:
            return f"op {format_date(s.sinds)}"
        if s.soort == SignaalSoort.ABSOLUUT_VERZUIM:
            return f"uitgeschreven {format_date(s.sinds)}"
        return f"sinds {format_date(s.sinds)}"

    @property
    def besproken_tekst(self) -> str:
        b = self.bespreking
        if b is None:
            return ""
        wie = f" door {b.door}" if b.door else ""
        return f"Besproken op {format_date(b.op)}{wie}" + (f":\n{b.notitie}" if b.notitie else ".")

    @property
    def status(self) -> str:
        """What was done, short: "✓ gemeld 16-11 · traject stap 2" ("" when nothing yet)."""
        delen = self.afhandeling.delen()
        if not delen:
            return ""
        return ("✓ " if self.afhandeling.afgehandeld else "") + " · ".join(delen)

    def zin(self) -> str:
        """The whole line as one sentence (for screen readers)."""
        klas = f", {self.klas}" if self.klas else ""
        gedaan = self.afhandeling.zin()
        if not gedaan and self.bespreking:
            gedaan = "Besproken."
        return (f"{self.naam}{klas}: {self.soort.label}, {self.termijn}. {self.signaal.uitleg}."
                + (f" {gedaan}" if gedaan else ""))

    def tooltip(self) -> str:
        tekst = signaal_tooltip(self.signaal)  # the rule and the numbers that made it fire
        if self.afhandeling.zin():
            tekst += f"\n\n{self.afhandeling.zin()}"
            if self.soort is SignaalSoort.MELDPLICHT_16U and not self.afhandeling.afgehandeld:
                tekst += " De meldplicht blijft staan tot de melding bij DUO is geregistreerd."
        if self.bespreking:
            tekst += f"\n\n{self.besproken_tekst}"
        return tekst


_AFGEHANDELD, _TE_LAAT = 1, 2  # Regels' flags per line


class Regels(Sequence[SignaalRegel]):
    """One group's lines in display order, each made the first time it is asked for – the rows on screen – and
    kept, so a line is the same object every time. A SignaalRegel for every signal was 2 MB of a 20,000-student
    window (issue 16); here a line not looked at costs a reference and two bytes. Whether it is handled (to hide
    it) and overdue (to count it) are known without making it."""

    __slots__ = ("_signalen", "_niveaus", "_vlaggen", "_overzicht", "_leerlingen", "_gemaakt")

    def __init__(self, signalen: list[Signaal], niveaus: bytes, vlaggen: bytes, overzicht: Overzicht,
                 leerlingen: dict[str, LeerlingRij]):
        self._signalen, self._niveaus, self._vlaggen = signalen, niveaus, vlaggen
        self._overzicht, self._leerlingen = overzicht, leerlingen
        self._gemaakt: dict[int, SignaalRegel] = {}

    def __len__(self) -> int:
        return len(self._signalen)

    @overload
    def __getitem__(self, i: int) -> SignaalRegel: ...
    @overload
    def __getitem__(self, i: slice) -> list[SignaalRegel]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        if (regel := self._gemaakt.get(i)) is None:
            regel = self._gemaakt[i] = self._maak(i)
        return regel

    def __iter__(self) -> Iterator[SignaalRegel]:
        """Every line, without keeping those not made yet (a walk over all of them keeps nothing new)."""
        for i in range(len(self)):
            yield self._gemaakt.get(i) or self._maak(i)

    def _maak(self, i: int) -> SignaalRegel:
        s, o = self._signalen[i], self._overzicht
        rij = self._leerlingen.get(s.leerlingnummer)
        return SignaalRegel(s.leerlingnummer, rij.naam if rij else f"Leerling {s.leerlingnummer}",
                            rij.klas if rij else "", self._niveaus[i], s, o.besproken(s),
                            bool(self._vlaggen[i] & _TE_LAAT), o.afhandeling(s))

    def signaal(self, i: int) -> Signaal:
        return self._signalen[i]

    def afgehandeld(self, i: int) -> bool:
        return bool(self._vlaggen[i] & _AFGEHANDELD)

    def te_laat(self, i: int) -> bool:
        return bool(self._vlaggen[i] & _TE_LAAT)

    # Over all lines at once, in C (the GUI thread fills the list with these; 20,000 lines at a large school):
    def open_rijen(self) -> array:
        """The places of the lines not handled."""
        return array("l", compress(range(len(self)), self._vlaggen.translate(_OPEN)))

    def te_laat_aantal(self, *, alleen_open: bool = False) -> int:
        return self._vlaggen.count(_TE_LAAT) + (0 if alleen_open else self._vlaggen.count(_TE_LAAT | _AFGEHANDELD))


_OPEN = bytes(0 if v & _AFGEHANDELD else 1 for v in range(256))  # (a table for bytes.translate)


def signaal_regels(overzicht: Overzicht, leerlingen: dict[str, LeerlingRij],
                   today: date) -> list[Sequence[SignaalRegel]]:
    """The lines of every group in GROEPEN, in display order.

    A thuiszitter of more than 3 months has both `thuiszitter` and `thuiszitter_3mnd`: one line (the
    latter) says it all.
    """
    o = overzicht
    niveau = o.niveau_van()
    lang = {s.leerlingnummer for s in o.signalen if s.soort == SignaalSoort.THUISZITTER_3MND}
    volgorde = {soort: i for i, soort in enumerate(SIGNAAL_VOLGORDE)}
    # Per group side by side (one sort key each, no tuple around it): what is made here only to sort is the
    # peak of Python's memory while the stand is computed (issue 16).
    signalen: list[list[Signaal]] = [[] for _ in GROEPEN]
    sleutels: list[list[tuple]] = [[] for _ in GROEPEN]
    niveaus, vlaggen = [bytearray() for _ in GROEPEN], [bytearray() for _ in GROEPEN]
    for s in o.signalen:
        if s.soort == SignaalSoort.THUISZITTER and s.leerlingnummer in lang:
            continue
        g = _GROEP_VAN[s.soort]
        rij = leerlingen.get(s.leerlingnummer)
        n = niveau.get(s.leerlingnummer)
        signalen[g].append(s)
        sleutels[g].append((volgorde[s.soort], s.uiterlijk or s.sinds, s.sinds,
                            rij.sorteer if rij else sorteersleutel(f"Leerling {s.leerlingnummer}")))
        niveaus[g].append(n.niveau if n else 0)
        vlaggen[g].append((_AFGEHANDELD if o.afhandeling(s).afgehandeld else 0)
                          | (_TE_LAAT if s.uiterlijk is not None and s.uiterlijk < today else 0))
    uit: list[Sequence[SignaalRegel]] = []
    for g in range(len(GROEPEN)):
        volgorde_g = sorted(range(len(signalen[g])), key=sleutels[g].__getitem__)  # stable, as before
        sleutels[g] = []
        uit.append(Regels([signalen[g][i] for i in volgorde_g], bytes(niveaus[g][i] for i in volgorde_g),
                          bytes(vlaggen[g][i] for i in volgorde_g), o, leerlingen))
    return uit


def _signaal(regels: Sequence[SignaalRegel], i: int) -> Signaal:
    return regels.signaal(i) if isinstance(regels, Regels | _Getoond) else regels[i].signaal


class _Getoond(Sequence[SignaalRegel]):
    """The lines of a group that are not hidden (their positions in it)."""

    __slots__ = ("_regels", "_rijen")

    def __init__(self, regels: Regels, rijen: array):
        self._regels, self._rijen = regels, rijen

    def __len__(self) -> int:
        return len(self._rijen)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._regels[j] for j in self._rijen[i]]
        return self._regels[self._rijen[i]]

    def signaal(self, i: int) -> Signaal:
        return self._regels.signaal(self._rijen[i])


# --- the model ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Groep:
    titel: str
    uitleg: str
    regels: Sequence[SignaalRegel]  # shown
    verborgen: int  # handled lines left out
    te_laat: int

    @property
    def kop(self) -> str:
        kop = f"{self.titel} · {len(self.regels) + self.verborgen}"
        if self.te_laat:
            kop += f" · {self.te_laat} te laat"
        if self.verborgen:
            kop += f" · {self.verborgen} afgehandeld verborgen"
        return kop


_FLAGS_GROEP = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_FLAGS_SIGNAAL = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class SignalenModel(QAbstractListModel):
    """One flat list: each group's title line followed by its signal lines.

    Flat, so the view needs no walk over every line when it is filled (a tree view visits each item of an
    expanded group: 20,000 signals were seconds); the view lays out with one row size, in batches."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groepen: list[_Groep] = []
        self._begin: list[int] = []  # the row of each group's title line; its signal lines follow it
        self._rijen = 0

    def set_regels(self, groepen: Sequence[Sequence[SignaalRegel]], *, verberg_afgehandeld: bool = False) -> None:
        self.beginResetModel()
        self._groepen, self._begin, self._rijen = [], [], 0
        for (titel, uitleg, _soorten), regels in zip(GROEPEN, groepen, strict=True):
            getoond: Sequence[SignaalRegel]
            if isinstance(regels, Regels):  # (made in the background: nothing here walks over every line)
                rijen = regels.open_rijen() if verberg_afgehandeld else None
                getoond = _Getoond(regels, rijen) if rijen is not None and len(rijen) < len(regels) else regels
                te_laat = regels.te_laat_aantal(alleen_open=getoond is not regels)
            else:
                getoond = (tuple(r for r in regels if not r.afhandeling.afgehandeld) if verberg_afgehandeld
                           else tuple(regels))
                te_laat = sum(r.te_laat for r in getoond)
            if getoond or len(getoond) < len(regels):
                self._groepen.append(_Groep(titel, uitleg, getoond, len(regels) - len(getoond), te_laat))
                self._begin.append(self._rijen)
                self._rijen += 1 + len(getoond)
        self.endResetModel()

    def _item(self, rij: int) -> _Groep | SignaalRegel | None:
        if not 0 <= rij < self._rijen:
            return None
        g = bisect_right(self._begin, rij) - 1
        groep = self._groepen[g]
        return groep if rij == self._begin[g] else groep.regels[rij - self._begin[g] - 1]

    def regels(self) -> list[SignaalRegel]:
        return [r for g in self._groepen for r in g.regels]

    def koppen(self) -> list[str]:
        return [g.kop for g in self._groepen]

    def index_of(self, leerlingnummer: str, soort: SignaalSoort) -> QModelIndex:
        for begin, groep in zip(self._begin, self._groepen, strict=True):
            for i in range(len(groep.regels)):
                s = _signaal(groep.regels, i)
                if s.leerlingnummer == leerlingnummer and s.soort == soort:
                    return self.index(begin + 1 + i, 0)
        return QModelIndex()

    def eerste_signaal(self) -> QModelIndex:
        """The first signal line (where the keyboard starts), or an invalid index."""
        rij = next((begin + 1 for begin, g in zip(self._begin, self._groepen, strict=True) if g.regels), None)
        return self.index(rij, 0) if rij is not None else QModelIndex()

    def regel(self, index: Index) -> SignaalRegel | None:
        regel = self._item(index.row()) if index.isValid() else None
        return regel if isinstance(regel, SignaalRegel) else None

    # --- Qt's interface ---

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._rijen

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < self._rijen:
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS_GROEP if index.row() in self._begin else _FLAGS_SIGNAAL

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        regel = self._item(index.row()) if index.isValid() else None
        if regel is None:
            return None
        if isinstance(regel, _Groep):
            groep = regel
            if role == Qt.ItemDataRole.DisplayRole:
                return groep.kop
            if role == KIND_ROLE:
                return GROEP
            if role == GROEP_UITLEG_ROLE:
                return groep.uitleg
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{groep.kop}: {groep.uitleg}"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return regel.zin()
        if role == KIND_ROLE:
            return SIGNAAL
        if role == REGEL_ROLE:
            return regel
        if role == TERMIJN_KLEUR_ROLE:
            return theme.css("danger") if regel.te_laat else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return regel.tooltip()
        return None
