"""Names for screen readers that follow from the form itself.

A form row is usually `form.addRow("Naam:", with_error(field, …))`: the label's buddy is then the
container around the field, so Alt+letter and a screen reader miss the field itself. When a window
first gets the focus, `benoem_velden` points such labels at the field inside and gives the field the label's
text as its accessible name (unless it has one). The application installs this once for every window.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

_NAAM_GEZET = "toegankelijk_naam"


def label_tekst(label: QLabel) -> str:
    """The label as spoken: without the & of a mnemonic, markup or the trailing colon."""
    tekst = label.text()
    if "<" in tekst:  # rich text: the words only
        import html  # (rich-text labels only: not needed to open the window)

        tekst = html.unescape(re.sub(r"<[^>]+>", " ", tekst))
    tekst = tekst.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(tekst.split()).rstrip(":").strip()


def _focusable(w: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.focusProxy() is None


def _veld_in(buddy: QWidget) -> QWidget | None:
    """The control a label's buddy stands for: itself, or the first focusable control inside it."""
    while buddy.focusProxy() is not None:  # a container that hands its focus on
        buddy = buddy.focusProxy()
    if _focusable(buddy):
        return buddy
    for w in buddy.findChildren(QWidget):
        if _focusable(w) and not isinstance(w, QAbstractButton):
            return w
    return None


def benoem_velden(root: QWidget) -> None:
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        tekst = label_tekst(label)
        if buddy is None or not tekst:
            continue
        veld = _veld_in(buddy)
        if veld is None:
            continue
        if veld is not buddy and buddy.focusProxy() is None:
            label.setBuddy(veld)  # Alt+letter goes to the field itself
        if not veld.accessibleName() or veld.property(_NAAM_GEZET):
            veld.setAccessibleName(tekst)
            veld.setProperty(_NAAM_GEZET, True)  # ours: follows the label if it changes


_BENOEMD = "toegankelijk_benoemd"


def _focus_naar(_oud: QWidget | None, nieuw: QWidget | None) -> None:
    """The focus moved: the first time it enters a window, that window's fields get their names.

    Qt emits focusChanged before it tells a screen reader which control has the focus, so the first field
    spoken already has its name. (An application-wide event filter that waited for windows to be shown ran
    Python for every event of the application – each paint, timer and polish – and doubled the time the
    window froze while a screen was built: issue 16.)"""
    venster = nieuw.window() if nieuw is not None else None
    if venster is not None and not venster.property(_BENOEMD):
        venster.setProperty(_BENOEMD, True)
        benoem_velden(venster)


def installeer(app: QApplication) -> None:
    """Once per application: name the fields of every window when it first gets the focus."""
    if not app.property("toegankelijk"):
        app.setProperty("toegankelijk", True)
        app.focusChanged.connect(_focus_naar)
