"""Long work off the GUI thread, so the window never freezes.

A screen uses a `Loader`: one job at a time for its owner, the outcome delivered on the GUI thread.

    self.loader = Loader(services, self)
    self.loader.finished.connect(self._finished)      # the job's result
    self.loader.failed.connect(self._failed)          # a Dutch message for the user
    self.loader.progress.connect(self._progress)      # (done, total), where progress is shown
    self.loader.start(lambda progress: services.importeren.leerlingen(path, progress=progress))

The function receives a `progress(done, total)` callback; calling it from the worker thread is safe
(it emits a queued signal). Database connections a job opens in its thread are closed when it ends.
`Job` and `start` are the building blocks underneath; every screen and check uses a `Loader`.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...domain.errors import GebruikersFout
from . import errors

# glibc gives every thread that allocates while another holds the lock an arena of its own (up to 8 per core),
# and memory freed in one arena is never reused by another thread nor given back: the background jobs' arenas
# held 15–25 MB of freed memory beside the GUI thread's at 20,000 students (issue 16). One arena for the whole
# process; the jobs run Python under its one lock anyway, so they hardly ever wait for each other's malloc.
_M_ARENA_MAX = -8  # glibc's malloc.h


def een_malloc_arena() -> None:
    """Once, before Qt or a job starts a thread. Linux with glibc only; elsewhere (and on musl) nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no mallopt: not glibc
        return
    mallopt(_M_ARENA_MAX, 1)


# --- the GUI thread first -------------------------------------------------------------------------------------
# A job in the background holds Python's lock while it runs Python; the GUI thread then waits for it at each of
# its calls into Qt, up to the switch interval (5 ms) each time: a calendar opened while the kwartaal was
# computed took 0.15–0.4 s instead of 50 ms (issue 16). Long Python work in a job calls `geef_voorrang()`
# between two pieces (services take it as their `tussendoor`); the window calls `voorrang()` when the user
# asks for a screen, and the jobs then wait at their next piece until it is built and painted.
VOORRANG_S = 0.0002  # between two pieces: ~400 students of a kwartaal at 20,000 finish ~0.1 s later
VOORRANG_VENSTER_S = 0.1  # a screen's first build and paint, in two turns of the event loop, with room to spare
_voorrang_tot = 0.0  # time.monotonic() until which the jobs wait


def voorrang(seconden: float = VOORRANG_VENSTER_S) -> None:
    """The GUI thread is about to build and paint a screen: jobs wait at their next `geef_voorrang()` for
    at most `seconden`."""
    global _voorrang_tot
    _voorrang_tot = max(_voorrang_tot, time.monotonic() + seconden)


def voorrang_over() -> float:
    """Seconds the window still builds and paints the screen last asked for (0.0 when none): work of the GUI
    thread's idle time waits that long too (ui/shell/main_window.py)."""
    return max(0.0, _voorrang_tot - time.monotonic())


def geef_voorrang() -> None:
    """Between two pieces of a job's work: a short sleep hands Python's lock to the GUI thread if it waits for
    it; a longer one while it builds a screen (`voorrang`)."""
    rest = _voorrang_tot - time.monotonic()
    time.sleep(min(rest, VOORRANG_VENSTER_S) if rest > 0 else VOORRANG_S)


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)  # a Dutch message for the user
    crashed = Signal(object)  # an unexpected exception (shown by the global error handler)


class Job(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], on_thread_end: Callable[[], None] = None):
        super().__init__()
        self.fn = fn
        self.on_thread_end = on_thread_end
        self.signals = JobSignals()
        self.cancelled = False
        self.setAutoDelete(False)  # the caller keeps `job` (and its signals) alive

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise JobCancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except JobCancelled:
            self.signals.failed.emit("Afgebroken; er is niets veranderd.")
        except GebruikersFout as exc:  # a message for the user; anything else is a bug (the error dialog)
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: hand it to the GUI thread's error handler, which logs it safely
            self.signals.crashed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            if self.on_thread_end:
                self.on_thread_end()


class JobCancelled(Exception):
    """Raised inside the job when the user cancelled; the transaction rolls back."""


def start(job: Job) -> None:
    QThreadPool.globalInstance().start(job)


class _Keeper(QObject):
    """Holds the jobs Loaders started until their end reached the GUI thread, also when a Loader (and its
    owner) is gone first: a job's signals must outlive the call that started it."""

    def __init__(self):
        super().__init__()
        self.jobs: set[Job] = set()

    def keep(self, job: Job) -> None:
        self.jobs.add(job)
        for signal in (job.signals.finished, job.signals.failed, job.signals.crashed):
            signal.connect(self._release)

    def _release(self, _outcome: object) -> None:
        signals = self.sender()
        self.jobs = {job for job in self.jobs if job.signals is not signals}


_keeper: _Keeper | None = None  # made on the GUI thread, by the first Loader that starts a job


class Loader(QObject):
    """Runs its owner's background jobs one at a time and delivers their outcome on the GUI thread.

    `start(fn)` while a job runs: the newest `fn` runs once more after it, and only that outcome arrives
    (the data changed meanwhile). `cancel()` asks the running job to stop at its next progress call (it
    rolls back; `failed` says so); `stop()` also forgets it, so nothing of it arrives. `wait()` blocks
    until the thread has let go of the database (before it is closed).

    A bug in a job goes to the error dialog (unless `report=False`) and arrives as `failed(crash_message)`,
    or without a crash message as `crashed(exc)`, for an owner that shows it its own way.
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)  # a Dutch message for the user
    crashed = Signal(object)  # the exception, when there is no `crash_message`

    def __init__(self, services=None, parent: QObject | None = None, *, crash_message: str | None = None,
                 report: bool = True):
        super().__init__(parent)
        self.services = services  # its `end_thread()` closes the job thread's database connection
        self.crash_message = crash_message
        self.report = report
        self._job: Job | None = None
        self._next: Callable[[Callable[[int, int], None]], Any] | None = None
        self._idle = threading.Event()
        self._idle.set()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, fn: Callable[[Callable[[int, int], None]], Any]) -> None:
        if self._job is not None:
            self._next = fn
            return
        services, idle = self.services, threading.Event()
        self._idle = idle

        def end_thread() -> None:
            try:
                if services is not None:
                    services.end_thread()
            finally:
                idle.set()

        global _keeper
        if _keeper is None:
            _keeper = _Keeper()
        job = self._job = Job(fn, on_thread_end=end_thread)
        _keeper.keep(job)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.crashed.connect(self._crashed)
        self.started.emit()
        start(job)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled = True

    def stop(self) -> None:
        self.cancel()
        self._job = self._next = None

    def wait(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)

    def _current(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _ended(self) -> bool:
        """A job ended. True when its outcome counts (the current job, and nothing newer was asked)."""
        if not self._current():
            return False  # stopped
        self._job = None
        if self._next is not None:
            fn, self._next = self._next, None
            self.start(fn)
            return False
        return True

    def _progress(self, done: int, total: int) -> None:
        if self._current():
            self.progress.emit(done, total)

    def _finished(self, result: object) -> None:
        if self._ended():
            self.finished.emit(result)

    def _failed(self, melding: str) -> None:
        if self._ended():
            self.failed.emit(melding)

    def _crashed(self, exc: BaseException) -> None:
        current = self._current()
        if self._ended():
            if self.crash_message is not None:
                self.failed.emit(self.crash_message)
            else:
                self.crashed.emit(exc)
        if current and self.report:
            errors.report(exc)
