"""The stand of today: signals, levels and reminders, computed in the background for Vandaag and the list.

`SignalenLoader` is shared by the main window between the dashboard and the student list; the window never
waits for it. Its computation runs in a worker thread (`bereken_stand`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...domain.herinneringen import Herinnering
from ...services.leerlingen import LeerlingRij
from ...services.session import Services
from ...services.signalen import Overzicht
from ..common import errors
from ..common.worker import Job, start
from ..models.leerlingen_model import regel_extras


def _vandaag() -> date:
    return date.today()  # looked up when called (a test's clock replaces `date` in this module)


@dataclass(frozen=True)
class Stand:
    """What the dashboard and the list show: the overzicht plus the names and the level thresholds."""

    overzicht: Overzicht
    leerlingen: dict[str, LeerlingRij]
    drempels: tuple[float, float]
    herinneringen: tuple[Herinnering, ...] = ()  # overdue and the coming 7 days, sorted by date
    open_actiepunten: int = 0  # all of them, also those due later: they stay in view until done
    lijst_regels: Mapping[str, Any] | None = None  # the student list's part (leerlingen_model.regel_extras)

    @property
    def te_laat(self) -> int:
        """How many reminders are overdue."""
        return sum(h.te_laat for h in self.herinneringen)


def bereken_stand(services: Services, vandaag: date | None = None) -> Stand:
    """The overzicht at the default peildatum and the reminders of `vandaag` (runs in a worker thread)."""
    overzicht = services.signalen.overzicht()
    leerlingen = {r.leerlingnummer: r for r in services.leerlingen.lijst()}
    instellingen = services.signalen.instellingen()
    herinneringen = services.trajecten.herinneringen(vandaag=vandaag, signalen=overzicht.signalen)
    return Stand(overzicht, leerlingen, (instellingen.niveau2_pct, instellingen.niveau3_pct),
                 tuple(sorted(herinneringen, key=lambda h: not h.te_laat)),  # stable: overdue first, by date
                 len(services.trajecten.open_actiepunten()), regel_extras(overzicht))


class SignalenLoader(QObject):
    """Computes the `Stand` in the background; `start()` again while busy computes once more afterwards."""

    started = Signal()
    loaded = Signal(object)  # Stand
    failed = Signal(str)  # a Dutch message

    def __init__(self, services: Services, parent: QObject | None = None, *,
                 today: Callable[[], date] | None = None):
        super().__init__(parent)
        self.services = services
        self._today = today or _vandaag
        self.stand: Stand | None = None
        self._job: Job | None = None
        self._again = False
        self.gepland = False  # a computation was asked for that `start()` begins soon (see `plan`)
        self._idle = threading.Event()
        self._idle.set()

    @property
    def busy(self) -> bool:
        return self._job is not None or self.gepland

    def plan(self) -> None:
        """A computation is coming (the window starts it after its first paint): busy from now on."""
        self.gepland = True

    def start(self) -> None:
        self.gepland = False
        if self._job is not None:
            self._again = True  # the running job may have read the database before the change
            return
        services = self.services
        vandaag = self._today()
        idle = self._idle = threading.Event()

        def end_thread() -> None:
            try:
                services.end_thread()
            finally:
                idle.set()

        job = Job(lambda _progress: bereken_stand(services, vandaag), on_thread_end=end_thread)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.crashed.connect(self._crashed)
        self._job = job
        self.started.emit()
        start(job)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the running job (if any) has left its thread; before closing the database."""
        return self._idle.wait(timeout)

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _done(self) -> bool:
        """The job ended; True when its result still counts (no new start was asked meanwhile)."""
        self._job = None
        if self._again:
            self._again = False
            self.start()
            return False
        return True

    def _finished(self, stand: Stand) -> None:
        if self._current() and self._done():
            self.stand = stand
            self.loaded.emit(stand)

    def _failed(self, melding: str) -> None:
        if self._current() and self._done():
            self.failed.emit(melding)

    def _crashed(self, exc: BaseException) -> None:
        if not self._current():
            return
        self._job = None
        self._again = False
        self.failed.emit("De signalen konden niet worden berekend.")
        errors.report(exc)
