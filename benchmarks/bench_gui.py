"""The GUI beside its floors: start-up, the longest stall of the GUI thread, opening a student, peak memory.

    .venv/bin/python benchmarks/bench_gui.py [--snel]      (one JSON object per measure, as verhoudingen.py)

Every figure is measured in child processes on Qt's offscreen platform, each app run alternated with its
floor run, medians over the runs (after one launch of each that is not counted: it compiles the modules, as
installing the program does, and warms the disk cache). The schools are benchmarks/scholen.py's (fictional, cached in the temp
folder). What each clock covers:

- start_2000 / start_20000: from launching the process to the student list painted with all its rows. The
  child imports what `python -m thuiszit_desktop` imports (with Python's collector of cycles off until the window
  is shown, as __main__.py and run_gui), makes the QApplication, logs in with the password
  (`session.aanmelden` as the login dialog calls it once the password is typed: the deliberate scrypt – the
  main window's modules imported meanwhile, as the dialog has them –, SQLCipher, the audit entry; the typing
  itself is not counted), builds the main window, opens it on
  Leerlingen and waits for the table's first paint – after a session that ended with the data as it is,
  which kept the list's rows in the file (db/lijst_cache.py; the first, uncounted launch is that session: it
  waits until its rows are kept). The quick_check of every page runs after that paint,
  on a connection of its own (ui/shell/startup.py controle_na_eerste_paint), as in the program. The floor:
  a process that imports PySide6, unlocks the same key file (the same scrypt), SELECTs the same rows from
  the encrypted file with sqlcipher3 and shows them in a QTableView in a QMainWindow of the same size.
- langste_blokkade_20000: in one app process with 20,000 students, a 5 ms timer notes every gap in the
  event loop while the benchmark drives the list (typing a search), the signals computing in the background
  and arriving, Vandaag (shown, "Afgehandelde verbergen" on and off), every area of the navigation,
  opening a student and each of their tabs, back to the list, and closing (with its backup). The figure is
  the longest gap; its floor is the 50 ms of the issue.
- leerling_openen: a student with five years of verzuim (2,000 students), from "open" to the first tab
  painted; the floor is the SELECT of that student's verzuim rows. Students alternate, each opened afresh.
- signalen_na_login_20000: in the start_20000 app runs, from the password typed (`session.aanmelden` begins) to
  the signals and levels in the GUI (the list has them, Vandaag can show them) – after a session that ended
  with the data as it is (the first, uncounted launch computes them and keeps them in the file,
  db/signaal_cache.py). Its floor is the 2 s of the issue, so the ratio is the time over 2 s.
- rss_20000: peak resident memory (bytes) of the app process of langste_blokkade_20000, against the peak of
  the start_20000 floor process. Each step's line of that child also carries the resident memory after it and
  the peak so far (rss_mb, piek_mb), so a peak can be traced to the step that made it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))
sys.path.insert(0, str(HIER.parent))

BREED, HOOG = 1200, 760
STALL_VLOER_S = 0.05
SIGNALEN_VLOER_S = 2.0  # the "signals visible in the GUI within 2 s of login"


# --- the parent: runs the children, alternating app and floor -------------------------------------------

def _kind(rol: str, pad: Path, *extra: str) -> list[dict]:
    """Run this file as a child; its JSON lines, each with "_t": seconds from launching it to that line.

    The child runs from byte-compiled modules, as the installed program does (the bundle holds them): a
    PYTHONDONTWRITEBYTECODE in this environment would otherwise make it compile the app's sources at every
    launch. The compiled files go to a folder beside the cached schools, not into the checkout."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "thuiszit-bench" /
                                                                      "pycache"))
    begin = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--kind", rol, "--db", str(pad), *extra],
                            stdout=subprocess.PIPE, text=True, env=env)
    regels = []
    assert proc.stdout is not None
    for regel in proc.stdout:
        if regel.startswith("{"):
            regels.append(json.loads(regel) | {"_t": time.perf_counter() - begin})
    if proc.wait() != 0:
        raise RuntimeError(f"kind {rol} stopte met {proc.returncode}")
    return regels


def _regel(regels: list[dict], stap: str) -> dict:
    return next(r for r in regels if r.get("stap") == stap)


def _uitkomst(meting: str, app: float, vloer: float, doel: float) -> dict:
    return {"meting": meting, "app_s": round(app, 4), "vloer_s": round(vloer, 4),
            "verhouding": round(app / vloer, 2), "doel": doel}


def start(aantal: int, runs: int, doel: float, rss_vloer: list[float] | None = None) -> list[dict]:
    """start_<aantal>; with 20,000 students also signalen_na_login_20000 from the same app runs."""
    import scholen

    pad = scholen.school(aantal)
    signalen = ("--signalen",) if aantal == 20_000 else ()
    app, vloer, na_login = [], [], []
    # a first launch compiles the modules and fills the disk cache (and the file's kept signals and list rows)
    _kind("app", pad, "--bewaren", *signalen), _kind("vloer", pad)
    for _ in range(runs):
        regels = _kind("app", pad, *signalen)
        a = _regel(regels, "lijst")
        v = _regel(_kind("vloer", pad), "lijst")
        assert a["rijen"] == v["rijen"] > aantal * 0.9, (a, v)  # the list shows who is ingeschreven
        app.append(a["_t"])
        vloer.append(v["_t"])
        if signalen:
            na_login.append(_regel(regels, "signalen")["na_login_s"])
        if rss_vloer is not None:
            rss_vloer.append(v["rss"])
    uit = [_uitkomst(f"start_{aantal}", statistics.median(app), statistics.median(vloer), doel)]
    if signalen:
        uit.append(_uitkomst("signalen_na_login_20000", statistics.median(na_login), SIGNALEN_VLOER_S, 1.0))
    return uit


def blokkade_en_rss(runs: int, rss_vloer: list[float]) -> list[dict]:
    import scholen

    pad = scholen.school(20_000)
    stalls, rss = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            kopie = scholen.kopie(pad, Path(tmp) / str(i))  # closing makes a backup: not in the cached school
            regels = _kind("app", kopie, "--alles")
            per_stap = {r["stap"]: r["blokkade_s"] for r in regels if "blokkade_s" in r}
            print("# blokkades per stap (s): " + json.dumps(per_stap), file=sys.stderr)
            stalls.append(max(per_stap.values()))
            rss.append(_regel(regels, "rss")["bytes"])
    return [_uitkomst("langste_blokkade_20000", statistics.median(stalls), STALL_VLOER_S, 1.0),
            {**_uitkomst("rss_20000", statistics.median(rss), statistics.median(rss_vloer), 1.5),
             "app_s": int(statistics.median(rss)), "vloer_s": int(statistics.median(rss_vloer))}]


def leerling_openen(runs: int) -> dict:
    import scholen

    r = _regel(_kind("openen", scholen.school(2_000, 5), "--runs", str(runs)), "openen")
    return _uitkomst("leerling_openen", r["app_s"], r["vloer_s"], r["doel"])  # doel: 30 ms over this floor


def metingen(snel: bool) -> list[dict]:
    # A start is half a second, and this VM's wall clock moves by a third from minute to minute: the median of
    # three starts was as likely to land on a slow minute as not (start_20000 1.35–1.52 on the same code).
    starts = 9 if snel else 15
    rss_vloer: list[float] = []
    uit: list[dict] = []

    def meet(namen: list[str], fn) -> None:  # one failing measure does not take the others with it
        try:
            resultaat = fn()
        except Exception as exc:
            uit.extend({"meting": n, "fout": f"{type(exc).__name__}: {exc}"} for n in namen)
            return
        uit.extend(resultaat if isinstance(resultaat, list) else [resultaat])

    meet(["start_2000"], lambda: start(2_000, starts, 2.0))
    meet(["start_20000", "signalen_na_login_20000"], lambda: start(20_000, starts, 1.5, rss_vloer))
    meet(["langste_blokkade_20000", "rss_20000"], lambda: blokkade_en_rss(1 if snel else 3, rss_vloer))
    meet(["leerling_openen"], lambda: leerling_openen(15))  # (five opens: one slow minute decided it)
    return uit


# --- the children -------------------------------------------------------------------------------------------

def _meld(**velden) -> None:
    print(json.dumps(velden), flush=True)


def _rss_piek() -> int:
    """Peak resident memory of this process's own program. Not getrusage's ru_maxrss: Linux carries the peak of
    the process that forked it across exec, so a parent that built a 20,000-student school (300 MB) showed
    its own peak for both the app and the floor."""
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) * 1024  # kB
    import resource  # not Linux: the best there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def _geheugen() -> dict:
    """Resident memory now and its peak so far, in MB (Linux; elsewhere nothing): where a peak comes from."""
    try:
        regels = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return {}
    velden = {r.split(":")[0]: int(r.split()[1]) for r in regels if r.startswith(("VmRSS:", "VmHWM:"))}
    return {"rss_mb": round(velden["VmRSS"] / 1024, 1), "piek_mb": round(velden["VmHWM"] / 1024, 1)}


def _wacht_op_paint(app, widget, klaar=lambda: True) -> None:
    """Process events until `widget` has been painted while `klaar()` holds."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    class Kijker(QObject):
        gezien = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and klaar():
                self.gezien = True
            return False

    kijker = Kijker()
    widget.installEventFilter(kijker)
    while not kijker.gezien:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.processEvents()  # the paint event that was seen is delivered in the same pass
    widget.removeEventFilter(kijker)


def kind_vloer(pad: Path) -> None:
    import sqlcipher3
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    from scholen import NAAM, WACHTWOORD

    from thuiszit_desktop.db.keys import KeyRing, sqlcipher_passphrase

    app = QApplication(["vloer"])
    key = KeyRing.load(KeyRing.for_database(pad)).unlock(NAAM, WACHTWOORD)
    con = sqlcipher3.connect(str(pad))
    con.execute(f"PRAGMA key = \"{sqlcipher_passphrase(key)}\"")
    rijen = con.execute("SELECT achternaam || ', ' || voornaam || ' ' || tussenvoegsel, leerlingnummer, klas, "
                        "geboortedatum FROM leerling WHERE inschrijfdatum <= date('now') AND (uitschrijfdatum IS NULL "
                        "OR uitschrijfdatum > date('now')) ORDER BY achternaam, voornaam, leerlingnummer").fetchall()

    class Model(QAbstractTableModel):
        def rowCount(self, parent=None):
            return 0 if parent is not None and parent.isValid() else len(rijen)

        def columnCount(self, parent=None):
            return 4

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return rijen[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    window = QMainWindow()
    view = QTableView()
    model = Model()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(BREED, HOOG)
    window.show()
    _wacht_op_paint(app, view.viewport())
    _meld(stap="lijst", rijen=model.rowCount(), rss=_rss_piek())


def kind_app(pad: Path, alles: bool, signalen: bool = False, bewaren: bool = False) -> None:
    # In the order of `python -m thuiszit_desktop`: the app (command line, services) before Qt. PySide reads
    # the source of every module imported after it (to see whether it uses `from __feature__ import`), so
    # importing Qt first – as this child did before – cost 0.1–0.2 s and 11 MB the program does not spend.
    import gc

    gc.disable()  # as __main__.py
    from thuiszit_desktop import app as _app  # noqa: F401, I001
    from thuiszit_desktop.services import session
    from thuiszit_desktop.ui.shell.startup import controle_na_eerste_paint, create_application
    from thuiszit_desktop.ui.common import errors
    from thuiszit_desktop.services import geheugen
    from thuiszit_desktop.ui.shell.login import hoofdvenster_laden  # the login dialog's module, as the flow's
    from PySide6.QtCore import QSettings  # (imported by the app already)
    from scholen import NAAM, WACHTWOORD

    app = create_application(["bench"])
    errors.install_excepthook()
    login = time.perf_counter()
    # what the login dialog does once the password is typed (LoginDialog.try_login: the main window's modules
    # are imported while the keys are derived); the check of every page runs after the paint
    services = session.aanmelden(pad, NAAM, WACHTWOORD, controle_later=True, intussen=hoofdvenster_laden)
    from thuiszit_desktop.ui.shell.main_window import MainWindow  # (as run_gui: imported by then)

    settings = QSettings(str(pad.parent / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings=settings)
    controle_na_eerste_paint(window, services, (NAAM, WACHTWOORD))
    window.resize(BREED, HOOG)
    window.show_area("Leerlingen")
    window.show()
    geheugen.na_de_start()  # as run_gui
    area = window.leerlingen
    _wacht_op_paint(app, area.list.table.viewport(), lambda: area.list.table.model().rowCount() > 0)
    _meld(stap="lijst", rijen=area.list.table.model().rowCount(), **_geheugen())
    if signalen or bewaren:
        from PySide6.QtCore import QEventLoop

        loader = window.signalen_loader
        while loader.stand is None or loader.busy:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        app.processEvents()  # the list takes them in
        _meld(stap="signalen", na_login_s=round(time.perf_counter() - login, 4))
    if bewaren:  # the session goes on until the list's rows are kept (started once the signals are in)
        window.lijst_bewaren.wait()
    if alles:
        _blokkades(app, window)
    os._exit(0)  # the clock has stopped; what the interpreter does on exit is no part of the measure


def _blokkades(app, window) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    class Klok:
        """A 5 ms timer: the longest gap between its ticks (less the 5 ms) is the longest stall."""

        def __init__(self):
            self.timer = QTimer()
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(5)
            self.timer.timeout.connect(self.tick)
            self.reset()
            self.timer.start()

        def reset(self) -> None:
            self.laatst = time.perf_counter()
            self.max = 0.0

        def tick(self) -> None:
            nu = time.perf_counter()
            self.max = max(self.max, nu - self.laatst - 0.005)
            self.laatst = nu

    klok = Klok()

    def draai(seconden: float, tot=lambda: True) -> None:
        eind = time.perf_counter() + seconden
        while time.perf_counter() < eind or not tot():
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()
            if time.perf_counter() > eind + 120:
                raise RuntimeError("wachten duurde te lang")

    def stap(naam: str, actie, seconden: float = 0.6, tot=lambda: True) -> None:
        draai(0.1)
        klok.reset()
        begin = time.perf_counter()
        QTimer.singleShot(0, actie)
        draai(seconden, tot)
        _meld(stap=naam, blokkade_s=round(klok.max, 4), duur_s=round(time.perf_counter() - begin, 2), **_geheugen())

    lijst = window.leerlingen.list
    for tekst in ("b", "ba", "bak", "ba", "b", ""):
        stap(f"zoeken '{tekst}'", lambda t=tekst: lijst.search.setText(t), 0.3)
    loader = window.signalen_loader
    stap("signalen op de achtergrond", lambda: None, 0.1, tot=lambda: loader.stand is not None and not loader.busy)
    for titel in window.area_titles():
        stap(f"naar {titel}", lambda t=titel: window.show_area(t), 1.0)
    dashboard = window.dashboard
    stap("afgehandelde verbergen", lambda: dashboard.verberg_check.setChecked(True))
    stap("afgehandelde tonen", lambda: dashboard.verberg_check.setChecked(False))
    stap("naar Leerlingen", lambda: window.show_area("Leerlingen"))
    model = lijst.table.model()
    for rij in (0, model.rowCount() // 2):
        nummer = _nummer_op_rij(lijst, rij)
        stap("leerling openen", lambda n=nummer: window.open_leerling(n), 1.0)
        page = window.leerlingen.page
        for i in range(1, page.tabs.count()):
            stap(f"tabblad {page.tabs.tabText(i)}", lambda i=i, p=page: p.tabs.setCurrentIndex(i), 0.8)
        stap("terug naar de lijst", lambda p=page: (p.tabs.setCurrentIndex(0), window.leerlingen.show_list()))
    rss = _rss_piek()
    # Closing: the window is frozen on screen until it hides; the wait for a running computation and the
    # backup on close come after that, with the window gone (reported apart, not as a stall).
    verborgen: list[float] = []
    verberg = window.hide
    window.hide = lambda: (verborgen.append(time.perf_counter()), verberg())[1]
    begin = time.perf_counter()
    window.close()
    _meld(stap="sluiten (tot het venster weg is)", blokkade_s=round(verborgen[0] - begin, 4))
    _meld(stap="sluiten daarna (wachten op de berekening, back-up)", duur_s=round(time.perf_counter() - verborgen[0], 2))
    _meld(stap="rss", bytes=rss)


def _nummer_op_rij(lijst, rij: int) -> str:
    lijst.table.selectRow(rij)
    nummer = lijst.current_leerlingnummer()
    assert nummer, rij
    return nummer


def kind_openen(pad: Path, runs: int) -> None:
    import peewee as pw
    from PySide6.QtCore import QSettings
    from scholen import NAAM, WACHTWOORD

    from thuiszit_desktop.db import models as m
    from thuiszit_desktop.services import session
    from thuiszit_desktop.ui.leerlingen.leerling_page import TAB_VERZUIM
    from thuiszit_desktop.ui.shell.main_window import MainWindow
    from thuiszit_desktop.ui.shell.startup import create_application

    app = create_application(["bench"])
    services = session.login(pad, NAAM, WACHTWOORD)
    window = MainWindow(services, settings=QSettings(str(pad.parent / "openen.ini"), QSettings.Format.IniFormat))
    window.resize(BREED, HOOG)
    window.show_area("Leerlingen")
    window.show()
    app.processEvents()
    meeste = (m.Verzuim.select(m.Verzuim.leerling, m.Leerling.leerlingnummer).join(m.Leerling)
              .group_by(m.Verzuim.leerling).order_by(pw.fn.COUNT(m.Verzuim.id).desc()).limit(6).tuples())
    leerlingen = [(lid, nummer) for lid, nummer in meeste]
    area = window.leerlingen
    app_t, vloer_t = [], []
    for i in range(runs + 1):
        lid, nummer = leerlingen[i % len(leerlingen)]
        area.show_list()
        app.processEvents()
        begin = time.perf_counter()
        area.open_leerling(nummer, TAB_VERZUIM)
        _wacht_op_paint(app, area.page.tabs.currentWidget())
        t_app = time.perf_counter() - begin
        begin = time.perf_counter()
        rijen = services.ctx.store.db.execute_sql(
            "SELECT datum, uren, reden, code FROM verzuim WHERE leerling_id = ? ORDER BY datum", (lid,)).fetchall()
        t_vloer = time.perf_counter() - begin
        assert rijen
        if i:  # the first opening warms up caches (the calendar, the settings): not counted
            app_t.append(t_app)
            vloer_t.append(t_vloer)
    app_s, vloer_s = statistics.median(app_t), statistics.median(vloer_t)
    _meld(stap="openen", app_s=app_s, vloer_s=vloer_s, doel=round(0.030 / vloer_s, 1))
    os._exit(0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="fewer repetitions")
    parser.add_argument("--kind", choices=("app", "vloer", "openen"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--alles", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--signalen", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bewaren", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kind == "app":
        kind_app(args.db, args.alles, args.signalen, args.bewaren)
    elif args.kind == "vloer":
        kind_vloer(args.db)
    elif args.kind == "openen":
        kind_openen(args.db, args.runs)
    else:
        for uitkomst in metingen(args.snel):
            print(json.dumps(uitkomst), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
