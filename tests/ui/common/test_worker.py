"""The background worker hands every GebruikersFout to the screen as its Dutch message – InlogFout too; a screen's
Loader runs one job at a time and delivers only the outcome that still counts."""

import platform
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from thuiszit_desktop.domain.errors import GeenToegang, InlogFout, InvoerFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.common.worker import Job, Loader


@pytest.mark.parametrize("fout", [InlogFout(), InvoerFout("Vul een datum in."), GeenToegang("Alleen voor de zorg.")],
                         ids=lambda e: type(e).__name__)
def test_a_user_error_becomes_the_failed_message(fout):
    def werk(progress):
        raise fout

    job = Job(werk)
    gemeld, gecrasht = [], []
    job.signals.failed.connect(gemeld.append)
    job.signals.crashed.connect(gecrasht.append)
    job.run()  # on this thread: the signals are delivered directly
    assert gemeld == [str(fout)] and not gecrasht


def test_a_bug_is_not_a_user_error():
    def werk(progress):
        raise KeyError("bug")

    job = Job(werk)
    gemeld, gecrasht = [], []
    job.signals.failed.connect(gemeld.append)
    job.signals.crashed.connect(gecrasht.append)
    job.run()
    assert not gemeld and isinstance(gecrasht[0], KeyError)


# --- the Loader: one job at a time for a screen, its outcome on the GUI thread ------------------------

def _wachtend(resultaat, poort: threading.Event):
    """A job that holds its thread until `poort` opens, then gives `resultaat`."""
    def werk(progress):
        poort.wait(10)
        progress(1, 1)
        return resultaat
    return werk


def test_asked_again_while_busy_only_the_newest_arrives(qtbot):
    loader = Loader()
    ontvangen, gestart = [], []
    loader.finished.connect(ontvangen.append)
    loader.started.connect(lambda: gestart.append(1))
    poort = threading.Event()
    loader.start(_wachtend("oud", poort))
    loader.start(_wachtend("tussen", poort))  # replaced by the next one before it ran
    loader.start(_wachtend("nieuw", poort))
    assert loader.busy
    poort.set()
    qtbot.waitUntil(lambda: not loader.busy, timeout=10_000)
    assert ontvangen == ["nieuw"] and len(gestart) == 2
    assert loader.wait(10)


def test_a_stopped_job_delivers_nothing_and_a_cancelled_one_says_so(qtbot):
    loader = Loader()
    ontvangen, gemeld, voortgang = [], [], []
    loader.finished.connect(ontvangen.append)
    loader.failed.connect(gemeld.append)
    loader.progress.connect(lambda gedaan, totaal: voortgang.append(gedaan))
    poort = threading.Event()
    loader.start(_wachtend("weg", poort))
    loader.stop()
    assert not loader.busy
    with qtbot.waitSignal(loader.finished, timeout=10_000):
        loader.start(lambda progress: "daarna")
        poort.set()
    assert ontvangen == ["daarna"] and not gemeld

    poort = threading.Event()
    loader.start(_wachtend("afgebroken", poort))
    loader.cancel()  # the job stops at its next progress call and rolls back
    with qtbot.waitSignal(loader.failed, timeout=10_000):
        poort.set()
    assert gemeld == ["Afgebroken; er is niets veranderd."] and ontvangen == ["daarna"] and not voortgang


def test_a_bug_goes_to_the_error_dialog_and_arrives_as_the_crash_message(qtbot, monkeypatch):
    gerapporteerd = []
    monkeypatch.setattr(errors, "report", gerapporteerd.append)
    loader = Loader(crash_message="Het overzicht kon niet worden gemaakt.")
    with qtbot.waitSignal(loader.failed, timeout=10_000) as melding:
        loader.start(lambda progress: {}["bug"])
    assert melding.args == ["Het overzicht kon niet worden gemaakt."]
    assert isinstance(gerapporteerd[0], KeyError)

    stil = Loader(report=False)  # e.g. the automatic backup: its owner only logs it
    with qtbot.waitSignal(stil.crashed, timeout=10_000) as fout:
        stil.start(lambda progress: {}["bug"])
    assert isinstance(fout.args[0], KeyError) and len(gerapporteerd) == 1


# --- one malloc arena (glibc): freed memory of one thread is usable by the others -------------------

_ARENAS = """
import ctypes, sys, tempfile, threading
from thuiszit_desktop.ui.common.worker import een_malloc_arena
if sys.argv[1] == "een":
    een_malloc_arena()
samen = threading.Barrier(5)
def werk():
    blokken = [bytes(200) for _ in range(1_000)]  # malloc'd while the other threads are alive too
    samen.wait()
threads = [threading.Thread(target=werk) for _ in range(4)]
for t in threads:
    t.start()
samen.wait()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile("r") as uit:
    fp = ctypes.c_void_p(libc.fopen(uit.name.encode(), b"w"))
    libc.malloc_info(0, fp)
    libc.fclose(fp)
    print(uit.read().count("<heap nr="))
for t in threads:
    t.join()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="a glibc setting")
def test_the_threads_share_one_malloc_arena():
    def heaps(keuze: str) -> int:
        uit = subprocess.run([sys.executable, "-c", _ARENAS, keuze], capture_output=True, text=True, check=True,
                             cwd=Path(__file__).parents[3])  # the checkout, where the package is
        return int(uit.stdout)

    assert heaps("standaard") > 1  # glibc's default: an arena per thread (this test would see no difference)
    assert heaps("een") == 1


def test_jobs_wait_at_their_yield_points_while_the_window_builds_a_screen(monkeypatch):
    """`geef_voorrang()` between two pieces of a job: a moment for the GUI thread, and after `voorrang()` (a
    screen asked for) a pause until it is built – at most the window's length. The clock is the test's."""
    from thuiszit_desktop.ui.common import worker

    nu = [1000.0]
    slapen: list[float] = []
    monkeypatch.setattr(worker.time, "monotonic", lambda: nu[0])
    monkeypatch.setattr(worker.time, "sleep", slapen.append)
    monkeypatch.setattr(worker, "_voorrang_tot", 0.0)
    worker.geef_voorrang()
    assert slapen == [worker.VOORRANG_S]  # nothing asked for: only a moment
    worker.voorrang()
    nu[0] += 0.03
    worker.geef_voorrang()
    assert slapen[-1] == pytest.approx(worker.VOORRANG_VENSTER_S - 0.03)  # until the screen is built
    worker.voorrang(5.0)  # however long it is asked for: never more than the window at a time
    worker.geef_voorrang()
    assert slapen[-1] == worker.VOORRANG_VENSTER_S
    nu[0] += 6.0
    worker.geef_voorrang()
    assert slapen[-1] == worker.VOORRANG_S


def test_idle_work_sees_how_long_the_screen_asked_for_is_still_built(monkeypatch):
    from thuiszit_desktop.ui.common import worker

    nu = [1000.0]
    monkeypatch.setattr(worker.time, "monotonic", lambda: nu[0])
    monkeypatch.setattr(worker, "_voorrang_tot", 0.0)
    assert worker.voorrang_over() == 0.0
    worker.voorrang()
    nu[0] += 0.03
    assert worker.voorrang_over() == pytest.approx(worker.VOORRANG_VENSTER_S - 0.03)
    nu[0] += 1.0
    assert worker.voorrang_over() == 0.0  # over: never negative


def test_showing_an_area_or_a_student_asks_the_jobs_to_wait(qtbot, services, settings, monkeypatch):
    from thuiszit_desktop.ui.leerlingen import leerlingen_area
    from thuiszit_desktop.ui.shell import main_window

    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë"))
    gevraagd: list[str] = []
    monkeypatch.setattr(main_window, "voorrang", lambda: gevraagd.append("voorrang"))
    window = main_window.MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    gevraagd.clear()
    window.show_area("Trajecten")
    assert gevraagd == ["voorrang"]
    window.show_area("Leerlingen")
    gevraagd.clear()
    monkeypatch.setattr(leerlingen_area, "voorrang", lambda: gevraagd.append("voorrang"))
    window.leerlingen.list.open_leerling.emit("1001")  # a double click in the list
    assert gevraagd == ["voorrang"]
    assert window.leerlingen.page_shown()
