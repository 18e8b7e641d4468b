"""One item of a step's checklist: tick it (with a note), or see what ticked it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from ...domain.traject import ChecklistRegel
from ..common.blocks import smaller, text_label
from ..common.widgets import format_date


class ChecklistRow(QWidget):
    """One checklist item: a checkbox with its label, the praktijkkaart's help in grey, and what was done."""

    toggled_by_user = Signal(object, bool)  # the ChecklistRegel, the new state

    def __init__(self, regel: ChecklistRegel, *, can_edit: bool):
        super().__init__()
        self.regel = regel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 6)
        layout.setSpacing(1)
        self.checkbox = QCheckBox(regel.item.label)
        self.checkbox.setChecked(regel.gedaan)
        self.checkbox.setToolTip(regel.item.hulp)
        if regel.automatisch:  # ticked by the dossier itself: looks done, cannot be unticked by hand
            self.checkbox.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.checkbox.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setToolTip(f"Automatisch afgevinkt: {regel.bewijs}. Het vinkje blijft zolang dit in het dossier "
                            "staat.")
        else:
            self.checkbox.setEnabled(can_edit)
        self.checkbox.clicked.connect(lambda checked: self.toggled_by_user.emit(self.regel, checked))
        layout.addWidget(self.checkbox)
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 6
        self.help = smaller(text_label(regel.item.hulp, muted=True))
        self.help.setContentsMargins(indent, 0, 0, 0)
        layout.addWidget(self.help)
        self.done = smaller(text_label(self.done_text(), color="success"))
        self.done.setContentsMargins(indent, 0, 0, 0)
        self.done.setVisible(bool(self.done.text()))
        layout.addWidget(self.done)

    def done_text(self) -> str:
        r = self.regel
        if not r.gedaan:
            return ""
        if r.automatisch:
            return f"✓ Automatisch: {r.bewijs}"
        tekst = f"✓ Gedaan op {format_date(r.datum)}" + (f" door {r.door}" if r.door else "")
        if r.notitie:
            tekst += f": {r.notitie}"
        if r.bewijs:
            tekst += f" (ook in het dossier: {r.bewijs})"
        return tekst
