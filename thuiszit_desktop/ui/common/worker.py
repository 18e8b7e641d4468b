"""Long work off the GUI thread, so the window never freezes.

    job = Job(lambda progress: services.importeren.leerlingen(path, progress=progress))
    job.signals.finished.connect(on_done); job.signals.failed.connect(on_error)
    job.signals.progress.connect(bar.setValue)
    start(job)

The function receives a `progress(done, total)` callback; calling it from the worker thread is safe
(it emits a queued signal). Database connections a job opens in its thread are closed when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...domain.errors import GebruikersFout


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
