"""The signal lines of "Vandaag" (`SignaalRegel`, grouped by urgency in GROEPEN) and their model.

`SignalenModel` is one flat list: a group's title line, then its signals; the view (ui/vandaag/vandaag_signalen.py)
lays it out with one row height, so only the rows on screen are asked for their data. Each line says who, which
signal, its deadline, why it fired, and whether it is handled (gemeld with the date, in a traject with the step,
besproken; domain/afhandeling.py). Handled signals can be hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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


def signaal_regels(overzicht: Overzicht, leerlingen: dict[str, LeerlingRij],
                   today: date) -> list[list[SignaalRegel]]:
    """The lines of every group in GROEPEN, in display order.

    A thuiszitter of more than 3 months has both `thuiszitter` and `thuiszitter_3mnd`: one line (the
    latter) says it all.
    """
    o = overzicht
    niveau = o.niveau_van()
    lang = {s.leerlingnummer for s in o.signalen if s.soort == SignaalSoort.THUISZITTER_3MND}
    groepen: list[list[SignaalRegel]] = [[] for _ in GROEPEN]
    for s in o.signalen:
        if s.soort == SignaalSoort.THUISZITTER and s.leerlingnummer in lang:
            continue
        rij = leerlingen.get(s.leerlingnummer)
        n = niveau.get(s.leerlingnummer)
        groepen[_GROEP_VAN[s.soort]].append(SignaalRegel(
            s.leerlingnummer, rij.naam if rij else f"Leerling {s.leerlingnummer}", rij.klas if rij else "",
            n.niveau if n else 0, s, o.besproken(s), s.uiterlijk is not None and s.uiterlijk < today,
            o.afhandeling(s)))
    volgorde = {soort: i for i, soort in enumerate(SIGNAAL_VOLGORDE)}
    for groep in groepen:
        groep.sort(key=lambda r: (volgorde[r.soort], r.signaal.uiterlijk or r.signaal.sinds, r.signaal.sinds,
                                  leerlingen[r.leerlingnummer].sorteer if r.leerlingnummer in leerlingen
                                  else sorteersleutel(r.naam)))
    return groepen


# --- the model ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Groep:
    titel: str
    uitleg: str
    regels: tuple[SignaalRegel, ...]  # shown
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
        self._regels: list[_Groep | SignaalRegel] = []  # what each row shows

    def set_regels(self, groepen: list[list[SignaalRegel]], *, verberg_afgehandeld: bool = False) -> None:
        self.beginResetModel()
        self._groepen = []
        self._regels = []
        for (titel, uitleg, _soorten), regels in zip(GROEPEN, groepen, strict=True):
            getoond = (tuple(r for r in regels if not r.afhandeling.afgehandeld) if verberg_afgehandeld
                       else tuple(regels))
            if getoond or len(getoond) < len(regels):
                groep = _Groep(titel, uitleg, getoond, len(regels) - len(getoond), sum(r.te_laat for r in getoond))
                self._groepen.append(groep)
                self._regels.append(groep)
                self._regels.extend(getoond)
        self.endResetModel()

    def regels(self) -> list[SignaalRegel]:
        return [r for g in self._groepen for r in g.regels]

    def koppen(self) -> list[str]:
        return [g.kop for g in self._groepen]

    def index_of(self, leerlingnummer: str, soort: SignaalSoort) -> QModelIndex:
        for rij, regel in enumerate(self._regels):
            if (isinstance(regel, SignaalRegel) and regel.leerlingnummer == leerlingnummer
                    and regel.soort == soort):
                return self.index(rij, 0)
        return QModelIndex()

    def eerste_signaal(self) -> QModelIndex:
        """The first signal line (where the keyboard starts), or an invalid index."""
        rij = next((i for i, r in enumerate(self._regels) if isinstance(r, SignaalRegel)), None)
        return self.index(rij, 0) if rij is not None else QModelIndex()

    def regel(self, index: Index) -> SignaalRegel | None:
        if not index.isValid() or not 0 <= index.row() < len(self._regels):
            return None
        regel = self._regels[index.row()]
        return regel if isinstance(regel, SignaalRegel) else None

    # --- Qt's interface ---

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._regels)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._regels):
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS_SIGNAAL if isinstance(self._regels[index.row()], SignaalRegel) else _FLAGS_GROEP

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._regels):
            return None
        regel = self._regels[index.row()]
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
