"""The stand of today: signals, levels and reminders, computed in the background for Vandaag and the list.

`SignalenLoader` is shared by the main window between the dashboard and the student list; the window never
waits for it. Its computation runs in a worker thread (`bereken_stand`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ...domain.gebruiker import Rol
from ...services.leerlingen import LeerlingRij
from ...services.session import Services
from ..common.worker import Loader, geef_voorrang
from ..models.leerlingen_model import regel_extras

if TYPE_CHECKING:  # (the signals and Vandaag's lines are made in the worker: not needed to open the window)
    from ...domain.herinneringen import Herinnering
    from ...services.aan_de_slag import AanDeSlag
    from ...services.signalen import Overzicht
    from ..models.signalen_model import SignaalRegel


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
    regels: list[Sequence[SignaalRegel]] | None = None  # Vandaag's lines per group (signalen_model.signaal_regels)
    vandaag: date | None = None  # the day `regels` were made for (overdue deadlines depend on it)
    # Counted in the background too, so showing them holds nothing up: the pyramid's students per level and
    # those without verzuim, students per signal; and the "Aan de slag" card's steps (zorgcoördinator only).
    tellingen: tuple[Counter, int, Counter] | None = None
    aan_de_slag: AanDeSlag | None = None

    @property
    def te_laat(self) -> int:
        """How many reminders are overdue."""
        return sum(h.te_laat for h in self.herinneringen)


def bereken_stand(services: Services, vandaag: date | None = None,
                  tussendoor: Callable[[], None] | None = None) -> Stand:
    """The overzicht at the default peildatum and the reminders of `vandaag` (runs in a worker thread, which
    passes `geef_voorrang` as the overzicht's `tussendoor`)."""
    from ..models.signalen_model import signaal_regels

    overzicht = services.signalen.overzicht(tussendoor=tussendoor)
    leerlingen = {r.leerlingnummer: r for r in services.leerlingen.lijst()}
    instellingen = services.signalen.instellingen()
    herinneringen = services.tijdlijn.herinneringen(vandaag=vandaag, signalen=overzicht.signalen)
    services.overzichten.eerste_verzuimdatum()  # kept for Overzichten' school years: a full read, here not there
    aan_de_slag = services.aan_de_slag.stand() if services.gebruiker.rol == Rol.ZORGCOORDINATOR else None
    return Stand(overzicht, leerlingen, (instellingen.niveau2_pct, instellingen.niveau3_pct),
                 tuple(sorted(herinneringen, key=lambda h: not h.te_laat)),  # stable: overdue first, by date
                 len(services.actiepunten.open_actiepunten()), regel_extras(overzicht),
                 signaal_regels(overzicht, leerlingen, vandaag or date.today()), vandaag or date.today(),
                 (overzicht.per_getoond_niveau(), overzicht.zonder_verzuim(), overzicht.per_signaal()), aan_de_slag)


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
        self.gepland = False  # a computation was asked for that `start()` begins soon (see `plan`)
        self._loader = Loader(services, self, crash_message="De signalen konden niet worden berekend.")
        self._loader.started.connect(self.started)
        self._loader.finished.connect(self._finished)
        self._loader.failed.connect(self.failed)

    @property
    def busy(self) -> bool:
        return self._loader.busy or self.gepland

    def plan(self) -> None:
        """A computation is coming (the window starts it after its first paint): busy from now on."""
        self.gepland = True

    def start(self) -> None:
        self.gepland = False
        services, vandaag = self.services, self._today()
        # asked again while busy: the running job may have read the database before the change
        self._loader.start(lambda _progress: bereken_stand(services, vandaag, geef_voorrang))

    def stop(self) -> None:
        """Nothing of a running or planned computation arrives any more (the database is about to close)."""
        self.gepland = False
        self._loader.stop()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the running job (if any) has left its thread; before closing the database."""
        return self._loader.wait(timeout)

    def _finished(self, stand: Stand) -> None:
        self.stand = stand
        self.loaded.emit(stand)
