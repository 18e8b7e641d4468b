"""Drafts (concepten) of long texts, so unsaved work is never lost (the form dialogs in `form.py` use them).

A dialog names its long text fields (a gesprek's samenvatting, an MDO's verslag, the analysis …) to a
`ConceptKeeper`. A moment after typing stops, and when the dialog closes without saving, their text is kept
under (soort, sleutel) – e.g. ("gesprek", "1001") or ("mdo", "traject:7"). When the dialog opens again the
text comes back with the note "Concept van 23-11 14:05 hersteld"; after a successful save it is removed.

Privacy: a draft holds notes about a child, so it is never written to disk unencrypted. The services'
encrypted store (`services.concepten`: the database, per user, with `lees`, `bewaar` and `verwijder` as in
`ConceptStore`) keeps them; services without one (a test double, an older build) get a memory store for the
logged-in session only (one per `Services` object: logging out or closing the program forgets them).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from ...domain import formaat
from . import errors

AUTOSAVE_MS = 1500  # "a moment after typing stops"


@dataclass(frozen=True)
class Concept:
    velden: dict[str, str]
    opgeslagen: datetime = field(default_factory=datetime.now)

    @property
    def notitie(self) -> str:
        return f"Concept van {formaat.korte_datum(self.opgeslagen)} {formaat.tijd(self.opgeslagen)} hersteld"


class ConceptStore(Protocol):
    def lees(self, soort: str, sleutel: str) -> Concept | None: ...

    def bewaar(self, soort: str, sleutel: str, velden: dict[str, str]) -> None: ...

    def verwijder(self, soort: str, sleutel: str) -> None: ...


class MemoryConceptStore:
    """Drafts in memory, for one logged-in session; nothing touches the disk."""

    def __init__(self) -> None:
        self._concepten: dict[tuple[str, str], Concept] = {}

    def lees(self, soort: str, sleutel: str) -> Concept | None:
        return self._concepten.get((soort, str(sleutel)))

    def bewaar(self, soort: str, sleutel: str, velden: dict[str, str]) -> None:
        self._concepten[(soort, str(sleutel))] = Concept(dict(velden))

    def verwijder(self, soort: str, sleutel: str) -> None:
        self._concepten.pop((soort, str(sleutel)), None)

    def __len__(self) -> int:
        return len(self._concepten)


_session_stores: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def concept_store(services) -> ConceptStore:
    """The services' encrypted draft store when there is one, else this session's memory store."""
    store = getattr(services, "concepten", None)
    if store is not None:
        return store
    return _session_stores.setdefault(services, MemoryConceptStore())


# --- one dialog's drafts ------------------------------------------------------------------------------

Text = QPlainTextEdit | QTextEdit | QLineEdit


def _get(widget: Text) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def _set(widget: Text, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        widget.setPlainText(text)


_keepers: weakref.WeakSet = weakref.WeakSet()  # every live keeper, for `bewaar_openstaande`


def bewaar_openstaande() -> int:
    """Write every draft still waiting for its timer now (the app closes): how many were written."""
    n = 0
    for keeper in list(_keepers):
        if shiboken6.isValid(keeper) and keeper._timer.isActive():
            try:
                keeper.bewaar()
                n += 1
            except errors.GebruikersFout:  # the database is already closed: nothing more to do
                pass
    return n


class ConceptKeeper(QObject):
    """Keeps the text of some fields as a draft under (soort, sleutel).

    Fields are text widgets, or (getter, setter, changed-signal) triples for composite fields (a list of
    afspraken, say). `bewaard` is emitted after each automatic save (for a quiet "Concept bewaard" note).
    """

    bewaard = Signal()

    def __init__(self, services, soort: str, sleutel: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = concept_store(services)
        self.soort = soort
        self.sleutel = str(sleutel)
        self._fields: dict[str, tuple[Callable[[], str], Callable[[str], None]]] = {}
        self._initial: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.bewaar)
        self.enabled = True
        _keepers.add(self)

    def veld(self, key: str, widget: Text) -> None:
        """Keep the text of `widget` under `key`."""
        signal = widget.textChanged
        self.samengesteld_veld(key, lambda w=widget: _get(w), lambda text, w=widget: _set(w, text), signal)

    def samengesteld_veld(self, key: str, getter: Callable[[], str], setter: Callable[[str], None],
                          changed) -> None:
        """Keep a field made of several widgets (a list of afspraken, say) through its getter and setter."""
        self._fields[key] = (getter, setter)
        self._initial[key] = getter()
        changed.connect(self._typed)

    def mark_clean(self) -> None:
        """What the fields hold now is the saved state (call after loading or saving)."""
        self._initial = self.values()

    def values(self) -> dict[str, str]:
        return {key: get() for key, (get, _set_) in self._fields.items()}

    def has_changes(self) -> bool:
        return any(v != self._initial.get(k, "") for k, v in self.values().items())

    def _typed(self, *_args) -> None:
        if self.enabled:
            self._timer.start()

    def bewaar(self) -> None:
        """Keep the fields as a draft now (or drop the draft when nothing differs from the saved state)."""
        self._timer.stop()
        if not self.enabled:
            return
        if self.has_changes():
            self.store.bewaar(self.soort, self.sleutel, self.values())
            self.bewaard.emit()
        else:
            self.store.verwijder(self.soort, self.sleutel)

    def herstel(self) -> Concept | None:
        """Put a kept draft back into the fields; the draft (for its note), or None."""
        concept = self.store.lees(self.soort, self.sleutel)
        if concept is None:
            return None
        self.enabled = False
        try:
            for key, text in concept.velden.items():
                if key in self._fields:
                    self._fields[key][1](text)
        finally:
            self.enabled = True
        return concept

    def verwijder(self) -> None:
        """Forget the draft (after a successful save, or when the user throws the changes away)."""
        self._timer.stop()
        self.store.verwijder(self.soort, self.sleutel)

    def stop(self) -> None:
        self._timer.stop()
        self.enabled = False
