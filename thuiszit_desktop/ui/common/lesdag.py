"""A warning under a date field when the date is no lesdag (a weekend, a holiday, a vrije dag): an MDO on a
Sunday or a nazorg moment on a Saturday is most likely a typing mistake. A warning, never a block."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtWidgets import QWidget

from ...domain.kalender import SchoolCalendar
from . import theme
from .widgets import WrapLabel, format_date

WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def geen_lesdag(cal: SchoolCalendar, d: date | None) -> str:
    """"zondag 06-12-2026" or "donderdag 24-12-2026 (kerstvakantie)" when `d` is no lesdag; "" for a lesdag or
    no date."""
    if d is None or cal.is_lesdag(d):
        return ""
    dag = f"{WEEKDAGEN[d.weekday()]} {format_date(d)}"
    return dag if cal.dagsoort(d) == "weekend" else f"{dag} ({cal.omschrijving(d).lower()})"


class LesdagWaarschuwing(WrapLabel):
    """Hidden while every date is a lesdag; otherwise "Let op: … is geen lesdag." and what still happens."""

    def __init__(self, cal: SchoolCalendar, gevolg: str = "", parent: QWidget | None = None):
        super().__init__("", parent)
        self.cal = cal
        self.gevolg = gevolg  # "U kunt het MDO toch op die dag vastleggen."
        theme.style(self, "color: {warning};")
        self.hide()

    def toon(self, datums: Iterable[date | None]) -> None:
        dagen = [tekst for d in datums if (tekst := geen_lesdag(self.cal, d))]
        if not dagen:
            self.setText("")
            self.hide()
            return
        wat = dagen[0] if len(dagen) == 1 else ", ".join(dagen[:-1]) + " en " + dagen[-1]
        self.setText(f"Let op: {wat} {'is' if len(dagen) == 1 else 'zijn'} geen lesdag{'' if len(dagen) == 1 else 'en'}."
                     + (f" {self.gevolg}" if self.gevolg else ""))
        self.show()
