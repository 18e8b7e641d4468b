"""Who: the person picker of the traject forms (a user or someone from the address book, or a new name)
and how a person is written ("Anna de Vries (zorgcoördinator)")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ...domain.gebruiker import Rol
from ...domain.traject import MdoRol, Persoon
from ..common.zoeken import ZoekCompleter


def rol_label(rol: str) -> str:
    """The Dutch label of an MDO role or a user's role ("" stays "")."""
    for cls in (MdoRol, Rol):
        try:
            return cls(rol).label
        except ValueError:
            pass
    return rol


def persoon_tekst(p: Persoon) -> str:
    """"Anna de Vries (zorgcoördinator)"; the organisation too when known."""
    extra = [x for x in (rol_label(p.rol).lower() if p.rol else "", p.organisatie) if x]
    return f"{p.naam} ({', '.join(extra)})" if extra else p.naam


class PersoonCombo(QComboBox):
    """Pick who: a user or someone from the address book, or type a new name (it is added when saved)."""

    def __init__(self, personen: list[Persoon], parent: QWidget | None = None, *,
                 placeholder: str = "kies of typ een naam"):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.personen = list(personen)
        for p in self.personen:
            self.addItem(persoon_tekst(p), p)
        self.setCurrentIndex(-1)
        self.lineEdit().setPlaceholderText(placeholder)
        self.setCompleter(ZoekCompleter(self.model(), self))
        self.setMinimumContentsLength(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # A long "name (role, organisation)" is never cut in the middle of the name: the list is as wide as
        # its longest line (up to the screen) and cuts, if it must, at the end.
        for view in (self.view(), self.completer().popup()):
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + self.view().verticalScrollBar().sizeHint()
                                    .width() + 2 * self.view().frameWidth())

    def value(self) -> Persoon | None:
        tekst = " ".join(self.currentText().split())
        if not tekst:
            return None
        for i in range(self.count()):
            p = self.itemData(i)
            if tekst in (self.itemText(i), p.naam):
                return p
        return Persoon(tekst)

    def set_value(self, wie: Persoon | str | None) -> None:
        self._set_value(wie)
        self.lineEdit().setCursorPosition(0)  # a long "name (role, organisation)" shows from its start

    def _set_value(self, wie: Persoon | str | None) -> None:
        if wie is None or (isinstance(wie, str) and not wie.strip()):
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        for i in range(self.count()):
            p = self.itemData(i)
            if isinstance(wie, Persoon) and ((wie.gebruiker_id is not None and p.gebruiker_id == wie.gebruiker_id)
                                             or (wie.contact_id is not None and p.contact_id == wie.contact_id)):
                self.setCurrentIndex(i)
                return
        naam = wie.naam if isinstance(wie, Persoon) else wie
        i = next((i for i in range(self.count()) if self.itemData(i).naam == naam), -1)
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(naam)

    def set_user(self, gebruiker_id: int) -> None:
        i = next((i for i in range(self.count()) if self.itemData(i).gebruiker_id == gebruiker_id), -1)
        self.setCurrentIndex(i)
