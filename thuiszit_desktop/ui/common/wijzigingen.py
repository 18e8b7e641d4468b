"""Other users' changes and the server connection, brought to the GUI thread (services/wijzigingen.py hears
them in a background thread; a Qt signal crosses to this object's thread).

`vernieuwen` comes once after a burst of changes (a colleague saving a form changes several rows), with the
tables that changed, so the open screens read again once instead of per row – and at most once per
TUSSEN_S, so a busy school (many colleagues typing) does not keep every window reading and computing the
signals; `verbinding` says when the school database went away and came back. On the file nothing is heard
and nothing is emitted.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...services import wijzigingen

if TYPE_CHECKING:
    from ...services.session import Services

RUST_MS = 400  # after the first change of a burst: the rest of the burst comes with it
TUSSEN_S = 5.0  # at least this long between two refreshes


class _Meldpunt(QObject):
    """Where any window hears that the connection came or went (a form waiting to save, say)."""

    verbinding = Signal(bool)


_meldpunt: _Meldpunt | None = None


def meldpunt() -> _Meldpunt:
    global _meldpunt
    if _meldpunt is None:
        _meldpunt = _Meldpunt()
    return _meldpunt


class Wijzigingen(QObject):
    vernieuwen = Signal(object)  # frozenset of table names
    verbinding = Signal(bool)
    _gehoord = Signal(str)  # from the listener's thread
    _verbinding = Signal(bool)

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self._tabellen: set[str] = set()
        self._vorige = -TUSSEN_S  # time.monotonic() of the last refresh
        self._rust = QTimer(self, singleShot=True, interval=RUST_MS)
        self._rust.timeout.connect(self._klaar)
        self._gehoord.connect(self._ontvangen)
        self._verbinding.connect(self.verbinding)
        self.verbinding.connect(meldpunt().verbinding)
        self._luisteraar = wijzigingen.volgen(services, lambda tabel, _id: self._gehoord.emit(tabel),
                                              self._verbinding.emit)
        self.destroyed.connect(lambda *_: self.stop())

    @property
    def actief(self) -> bool:
        return self._luisteraar is not None

    def stop(self) -> None:
        if self._luisteraar is not None:
            self._luisteraar.stop()
            self._luisteraar = None

    def _ontvangen(self, tabel: str) -> None:
        self._tabellen.add(tabel)
        if not self._rust.isActive():  # not restarted by later changes: a steady stream still gets refreshes
            nog = (self._vorige + TUSSEN_S - time.monotonic()) * 1000
            self._rust.start(max(RUST_MS, int(nog)))

    def _klaar(self) -> None:
        tabellen, self._tabellen = frozenset(self._tabellen), set()
        self._vorige = time.monotonic()
        self.vernieuwen.emit(tabellen)
