"""Fields of the school's settings that the welcome wizard and Instellingen › School share."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ...domain.school import MAX_SWV
from ..common.widgets import WrapLabel, hint


def swv_veld() -> QLineEdit:
    veld = QLineEdit()
    veld.setMaxLength(MAX_SWV)
    veld.setPlaceholderText("bijvoorbeeld SWV VO Oudewaarde of VO 27.01")
    veld.setAccessibleName("Samenwerkingsverband")
    return veld


def swv_hint() -> WrapLabel:
    return hint("Naam of code; in het kwartaaloverzicht, zodat het SWV scholen kan samenvoegen.")
