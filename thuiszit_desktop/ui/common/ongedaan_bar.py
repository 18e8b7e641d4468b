"""After a delete: "… verwijderd. [Ongedaan maken]" at the bottom of the window for a short while.

A view that deleted something calls `toon_ongedaan(self, services, snapshot, na_herstel)` with the
`Verwijderd` the service returned. The bar floats over the bottom of the view's window (the main window or a
dialog), so no window needs room for it in its layout; there is one bar per window and a new delete replaces
the previous offer. "Ongedaan maken" (or Ctrl+Z while the bar shows) hands the snapshot to
`services.ongedaan.herstel` and then calls `na_herstel` so the view shows the row again. After `TIJD_MS`
the offer is gone; the delete stays.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ...services.ongedaan import Verwijderd
from ...services.session import Services
from . import errors

SNELTOETS = QKeySequence.StandardKey.Undo  # Ctrl+Z, while the bar shows (listed in Help › Sneltoetsen)
SNELTOETS_UITLEG = "Verwijderen ongedaan maken (zolang 'Ongedaan maken' onderin staat)"
TIJD_MS = 10_000  # long enough to see what happened and to click, short enough not to be in the way
KLAAR_MS = 3_000  # "… is teruggezet." stays this long


class OngedaanBar(QFrame):
    """The floating undo bar of one window; use `toon_ongedaan` rather than this class directly."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("ongedaanBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#ongedaanBar { background: #2f3437; border-radius: 6px; }"
                           "#ongedaanBar QLabel { color: white; }"
                           "#ongedaanBar QToolButton { color: white; border: none; font-weight: bold; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(12)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("Ongedaan maken")
        self.button.setToolTip("Zet terug wat u net verwijderde (Ctrl+Z)")
        self.button.clicked.connect(self.ongedaan_maken)
        self.sluiten = QToolButton()
        self.sluiten.setText("×")
        self.sluiten.setToolTip("Melding sluiten")
        self.sluiten.setAccessibleName("Melding sluiten")
        self.sluiten.clicked.connect(self.verloop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.sluiten)
        # only active while the bar shows: a hidden widget's shortcut does not fire
        self.shortcut = QShortcut(QKeySequence(SNELTOETS), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.ongedaan_maken)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.verloop)
        self._services: Services | None = None
        self._snapshot: Verwijderd | None = None
        self._na_herstel: Callable[[], None] | None = None
        self._eigenaar: QWidget | None = None
        window.installEventFilter(self)
        self.hide()

    def toon(self, owner: QWidget, services: Services, snapshot: Verwijderd,
             na_herstel: Callable[[], None] | None = None) -> None:
        self._services, self._snapshot, self._na_herstel, self._eigenaar = services, snapshot, na_herstel, owner
        self.label.setText(f"{snapshot.wat} verwijderd.")
        self.button.show()
        self._plaats()
        self.show()
        self.raise_()
        self.timer.start(TIJD_MS)

    @property
    def kan_ongedaan(self) -> bool:
        return self._snapshot is not None and self.isVisible()

    def ongedaan_maken(self) -> bool:
        """Put back what was deleted; True when it worked (a refusal is shown as a plain message)."""
        if not self.kan_ongedaan:
            return False
        snapshot, services, na_herstel, eigenaar = self._snapshot, self._services, self._na_herstel, self._eigenaar
        self._snapshot = None
        self.timer.stop()
        try:
            services.ongedaan.herstel(snapshot)
        except errors.GebruikersFout as exc:
            self.hide()
            errors.show_user_error(self.window(), exc)
            return False
        if na_herstel is not None and eigenaar is not None and shiboken6.isValid(eigenaar):
            na_herstel()
        self.label.setText(f"{snapshot.wat} is teruggezet.")
        self.button.hide()
        self._plaats()
        self.timer.start(KLAAR_MS)
        return True

    def verloop(self) -> None:
        """The offer ends: the delete stays."""
        self.timer.stop()
        self._snapshot = self._services = self._na_herstel = self._eigenaar = None
        self.hide()

    # the offer does not run out under the mouse of someone about to click it
    def enterEvent(self, event) -> None:
        if self._snapshot is not None:
            self.timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        if self._snapshot is not None and self.isVisible():
            self.timer.start(TIJD_MS)
        super().leaveEvent(event)

    # --- floating at the bottom of the window -------------------------------------------------------

    def _plaats(self) -> None:
        window = self.parentWidget()
        self.adjustSize()
        breedte = min(max(self.sizeHint().width(), 360), max(window.width() - 24, 200))
        marge = 12 + (window.statusBar().height() if hasattr(window, "statusBar") and window.statusBar() else 0)
        self.setGeometry((window.width() - breedte) // 2, window.height() - self.sizeHint().height() - marge,
                         breedte, self.sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._plaats()
        return False


def ongedaan_bar(widget: QWidget) -> OngedaanBar:
    """The undo bar of `widget`'s window (made on first use)."""
    window = widget.window()
    bar = window.findChild(OngedaanBar, None, Qt.FindChildOption.FindDirectChildrenOnly)
    return bar if bar is not None else OngedaanBar(window)


def toon_ongedaan(owner: QWidget, services: Services, snapshot: Verwijderd,
                  na_herstel: Callable[[], None] | None = None) -> OngedaanBar:
    """Offer undo of `snapshot` in `owner`'s window; `na_herstel` refreshes `owner` after a restore."""
    bar = ongedaan_bar(owner)
    bar.toon(owner, services, snapshot, na_herstel)
    return bar
