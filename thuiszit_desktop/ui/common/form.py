"""The one base of every form dialog: fields with their error under them, Opslaan/Annuleren, a question
before changes are thrown away, and – for long texts – a draft that survives closing (`concept.py`).

Two ways to use it:

- A small form: `super().__init__(title, parent, save_text=…)`, then `self.field(label, key, widget)` per
  field (lines above the form with `self.add_above(widget)`), then `self.finish(width)`. Implement
  `_snapshot()` (everything the form holds, comparable) and `_do_save()` (call the service, return what it
  returns: it lands in `self.value`; an `InvoerFout` shows its messages next to the fields).
- Editing something others may edit too (services/versies.py): pass the version read to the service, and
  implement `conflict_gezien()` (read the version now saved) and, when the form can show the other version,
  `herladen()` with `kan_herladen = True`. A `Conflict` then offers "Mijn versie opslaan" / "Hun versie
  houden" / "Verder bewerken" (`conflict.py`). A large form's own `save()` runs its service call through
  `self.via_service(…)`, which answers a conflict, a lost connection and bad input alike in every form.
- A large form that lays itself out: build on `self.general_error` / `self.field_errors`, call
  `_setup_concept(services, soort, sleutel)`, register long texts on `self.concept`, call
  `_restore_concept()` when loaded, and `_saved()` after saving in its own `save()`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Conflict, InvoerFout, VerbindingWeg
from . import conflict as conflict_keuze
from . import errors
from .concept import ConceptKeeper, MemoryConceptStore
from .widgets import ErrorLabel, FieldErrors, form_layout, with_error
from .wijzigingen import meldpunt

NIET_OPGESLAGEN = object()  # what `FormDialog.via_service` returns when nothing was saved

KEEP_EDITING, KEEP_DRAFT, DISCARD = 0, 1, 2  # the answers to "Wijzigingen weggooien?" when there is a draft


def ask_discard(parent: QWidget | None) -> bool:
    """The plain question for forms without drafts: True when the changes may go."""
    return errors.ask(parent, "Wijzigingen weggooien?", detail="U heeft iets veranderd dat nog niet is opgeslagen.",
                      yes="Weggooien", no="Verder bewerken")


class FormDialog(QDialog):
    """A form dialog that asks before throwing changes away and, with a `ConceptKeeper`, keeps drafts."""

    value = None  # what `_do_save()` returned (a class default: a form may have a `value()` method instead)
    kan_herladen = False  # True when `herladen()` can show what is saved now (after "Hun versie houden")

    def __init__(self, title: str = "", parent: QWidget | None = None, *, save_text: str = "Opslaan"):
        super().__init__(parent)
        if title:
            self.setWindowTitle(title)
        self._save_text = save_text
        self.general_error = ErrorLabel()
        self.field_errors = FieldErrors(self.general_error)
        self.concept: ConceptKeeper | None = None
        self._initial = None
        self._outer: QVBoxLayout | None = None
        self._form = None

    # --- the small form's layout: lines above, the general error, the fields, the buttons -------------

    @property
    def outer(self) -> QVBoxLayout:
        """The dialog's layout for a small form (made on first use, so a large form can lay itself out)."""
        if self._outer is None:
            self._outer = QVBoxLayout(self)
            self._outer.addWidget(self.general_error)
            self._form = form_layout()
            self._outer.addLayout(self._form)
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                            | QDialogButtonBox.StandardButton.Cancel)
            self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            self.save_button.setText(self._save_text)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
            self.buttons.accepted.connect(self.save)
            self.buttons.rejected.connect(self.reject)
        return self._outer

    @property
    def form(self) -> QFormLayout:
        """The fields of a small form."""
        _ = self.outer
        return self._form

    def add_above(self, widget: QWidget) -> None:
        """A line above the fields (what the form is about, a warning), below the ones added before."""
        self.outer.insertWidget(self.outer.indexOf(self.general_error), widget)

    def field(self, label: str | QWidget, key: str, widget: QWidget, extra: QWidget | None = None) -> QWidget:
        """A form row: the widget with its error line (and `extra`, a hint, under it); the row's box."""
        box = with_error(widget, self.field_errors.add(key, widget), extra)
        self.form.addRow(label, box)
        return box

    def finish(self, width: int = 520) -> None:
        """Call after building and loading: adds the buttons, sizes the dialog and remembers the loaded state."""
        self.outer.addWidget(self.buttons)
        self.resize(width, self.sizeHint().height())
        self._initial = self._snapshot()

    # --- saving ----------------------------------------------------------------------------------------

    def _snapshot(self):
        return ()

    def _do_save(self):
        raise NotImplementedError

    def conflict_gezien(self, exc: Conflict) -> None:
        """Take the version now saved as the one seen (the typed text stays): after "Mijn versie opslaan" the
        next save goes on top of it, deliberately (services/versies.py)."""

    def herladen(self) -> None:
        """Fill the fields with what is saved now (after `conflict_gezien`); forms that can set `kan_herladen`."""

    def conflict(self, exc: Conflict) -> bool:
        """Someone else saved first: show their change beside this user's, and let them choose. True: save
        again now (theirs seen, mine on top); False: the form stays as it is, or shows theirs with this
        user's text below it to copy, or – a form that cannot reload – closes with that text on the clipboard."""
        keuze = conflict_keuze.kies(self, exc, kan_herladen=self.kan_herladen)
        if keuze == conflict_keuze.MIJN_VERSIE:
            self.conflict_gezien(exc)
            return True
        if keuze == conflict_keuze.HUN_VERSIE:
            mijn = conflict_keuze.mijn_tekst(exc)
            if not self.kan_herladen:
                QGuiApplication.clipboard().setText(mijn)
                if self.concept is not None:  # the draft would put the old text back over theirs next time
                    self.concept.verwijder()
                    self.concept.stop()
                QDialog.reject(self)  # theirs is what the screen behind shows; no "weggooien?" question
                return False
            self.conflict_gezien(exc)
            self.herladen()
            self._eigen_tekst_tonen(mijn)
            if self.concept is not None:
                self.concept.mark_clean()
            self._initial = self._snapshot()
        return False

    def niet_bereikbaar(self, exc: VerbindingWeg) -> None:
        """The school database went away: nothing was saved (not even half). The form stays open with what was
        typed, its draft is kept on this computer (encrypted, services/concepten.py), and when the connection
        is back the form offers to save."""
        if self.concept is not None:
            with contextlib.suppress(errors.GebruikersFout):  # no personal key (an old slot): the form keeps it
                self.concept.bewaar()
        if not getattr(self, "_wacht_op_verbinding", False):
            self._wacht_op_verbinding = True
            meldpunt().verbinding.connect(self._verbinding_terug)
        errors.show_error(self, f"{exc}\n\nEr is niets opgeslagen, ook niet half. Uw tekst blijft in dit venster"
                                + (" en is als concept op deze computer bewaard (versleuteld)" if self.concept else "")
                                + ". Zodra de verbinding terug is, vraagt het programma of u wilt opslaan.")

    def _verbinding_terug(self, verbonden: bool) -> None:
        if not verbonden or not self._wacht_op_verbinding or self.result() or not self.isVisible():
            return
        self._wacht_op_verbinding = False
        meldpunt().verbinding.disconnect(self._verbinding_terug)
        if errors.ask(self, "De verbinding met de schooldatabase is terug. Wilt u nu opslaan?",
                      yes="Nu opslaan", no="Later"):
            self.save()

    def _eigen_tekst_tonen(self, tekst: str) -> None:
        """This user's unsaved text above the fields, read-only and selectable, after keeping theirs."""
        if getattr(self, "eigen_tekst", None) is None:
            titel = QLabel("Uw tekst (niet opgeslagen) – kopieer wat u wilt houden:")
            self.eigen_tekst = QPlainTextEdit()
            self.eigen_tekst.setReadOnly(True)
            self.eigen_tekst.setMaximumHeight(120)
            layout = self._outer if self._outer is not None else self.layout()
            plek = max(0, layout.indexOf(self.general_error))
            layout.insertWidget(plek, self.eigen_tekst)
            layout.insertWidget(plek, titel)
        self.eigen_tekst.setPlainText(tekst)

    def map_errors(self, fouten: dict[str, str]) -> dict[str, str]:
        """The service's field names → this form's (one date field for "van" and "tot", say)."""
        return fouten

    def error_text(self, key: str) -> str:
        return self.field_errors.text(key)

    def has_changes(self) -> bool:
        return self._snapshot() != self._initial

    def via_service(self, opslaan: Callable[[], Any], fouten_tonen: Callable[[dict[str, str]], object]) -> Any:
        """One save through a service, with every way it can fail answered alike in every form: field messages
        (`fouten_tonen`); someone else saved first (theirs beside mine; "Mijn versie opslaan" runs `opslaan`
        again, so it must read the form afresh); the school database gone (the text stays, a draft is kept);
        any other message for the user. What `opslaan` returned, or NIET_OPGESLAGEN."""
        while True:
            try:
                return opslaan()
            except InvoerFout as exc:
                fouten_tonen(exc.fouten)
            except Conflict as exc:
                if self.conflict(exc):
                    continue
            except VerbindingWeg as exc:
                self.niet_bereikbaar(exc)
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
            return NIET_OPGESLAGEN

    def show_field_errors(self, fouten: dict[str, str]) -> None:
        """Each message beside its field (through `map_errors`); the first of them gets the focus."""
        first = self.field_errors.show(self.map_errors(fouten))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        self.field_errors.clear()
        value = self.via_service(self._do_save, self.show_field_errors)
        if value is NIET_OPGESLAGEN:
            return False
        self.value = value
        if self.concept is not None:
            self._saved()
        else:
            self._initial = self._snapshot()
        self.accept()
        return True

    # --- drafts ----------------------------------------------------------------------------------------

    def _setup_concept(self, services, soort: str, sleutel: str) -> ConceptKeeper:
        self.concept = ConceptKeeper(services, soort, sleutel, self)
        return self.concept

    def _restore_concept(self) -> bool:
        """Mark the loaded form as clean, then put back a draft; True when one was restored (its note goes in
        `self.concept_note`, a label the dialog places, when it has one)."""
        self.concept.mark_clean()
        self._initial = self._snapshot()
        concept = self.concept.herstel()
        if concept is None:
            return False
        note = getattr(self, "concept_note", None)
        if note is not None:
            note.setText(concept.notitie + ". Sla op om het te bewaren.")
            note.show()
        return True

    def _saved(self) -> None:
        self.concept.verwijder()
        self.concept.stop()
        self._initial = self._snapshot()

    # --- closing: "Wijzigingen weggooien?" -------------------------------------------------------------

    def reject(self) -> None:
        if self.has_changes():
            if self.concept is not None and self.concept.has_changes():
                tot = (" (zolang het programma open blijft)" if isinstance(self.concept.store, MemoryConceptStore)
                       else "")
                keuze = errors.choose(
                    self, "Wijzigingen weggooien?",
                    ["Verder bewerken", "Sluiten en concept bewaren", "Weggooien"],
                    detail="U heeft iets veranderd dat nog niet is opgeslagen. Bewaart u het als concept, dan "
                           f"staat de tekst er weer als u dit opnieuw opent{tot}.",
                    escape=KEEP_EDITING)
                if keuze in (None, KEEP_EDITING):
                    return
                if keuze == KEEP_DRAFT:
                    self.concept.bewaar()
                else:
                    self.concept.verwijder()
            elif not ask_discard(self):
                return
            elif self.concept is not None:
                self.concept.verwijder()
        if self.concept is not None:
            self.concept.stop()
        super().reject()

