"""Time the main window with the demo school: usable after the password, signals ready, each search keystroke.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_list.py [--aantal 2000]

"Usable" = login (scrypt, SQLCipher) + the main window built, shown and painted; it opens on "Vandaag",
which shows a busy indicator while signals and levels are computed in the background.
"Signals ready" = from the window shown until the overzicht is in the dashboard and merged into the list;
the GUI-thread part of that (filling the dashboard, merging into the list model) is measured separately,
because the window cannot react during it.
A keystroke = the search text changed, the proxy re-filtered and the table (8 columns, with levels and
signals) repainted. A level filter = the Niveau filter changed and the table repainted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QSettings, QTimer

from thuiszit_desktop.services import demo, session
from thuiszit_desktop.ui.leerlingen.leerlingen_view import LeerlingenView
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.shell.startup import create_application
from thuiszit_desktop.ui.vandaag.dashboard import Dashboard

WACHTWOORD = "Bench-lijst-2026!"


def wait_for(signal, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2000)
    args = parser.parse_args()
    app = create_application(["bench"])
    with tempfile.TemporaryDirectory() as tmp:
        path = session.database_path(Path(tmp) / "data")
        demo.create_demo_school(path, WACHTWOORD, aantal=args.aantal).close()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.IniFormat)

        # The GUI-thread part of "signals ready", timed by wrapping the two slots (before they are connected).
        gui_thread: dict[str, float] = {}
        ready_at: list[float] = []
        for name, cls, method in (("dashboard", Dashboard, "show_stand"), ("lijst", LeerlingenView, "set_overzicht")):
            original = getattr(cls, method)

            def timed(self, *a, _original=original, _name=name):
                t = time.perf_counter()
                _original(self, *a)
                ready_at.append(time.perf_counter())
                gui_thread[_name] = ready_at[-1] - t

            setattr(cls, method, timed)

        begin = time.perf_counter()
        services = session.login(path, demo.DEMO_GEBRUIKER, WACHTWOORD)
        window = MainWindow(services, settings=settings)
        window.resize(1366, 768)
        window.show()
        window.repaint()
        app.processEvents()
        shown = time.perf_counter()
        usable = shown - begin

        loader = window.signalen_loader
        if len(ready_at) < 2:
            wait_for(loader.loaded)
        app.processEvents()
        signals_ready = max(ready_at) - shown
        n_signalen = len(loader.stand.overzicht.signalen)

        window.show_area("Leerlingen")
        view = window.leerlingen.list
        view.table.viewport().repaint()
        assert view.table.model().rowCount() > 0 and view.model.has_signalen

        per_key: list[float] = []
        for word in ("bakker", "100123", "2a", "zoe", "van der", "el"):
            for i in range(1, len(word) + 1):
                t = time.perf_counter()
                view.search.setText(word[:i])
                view.table.viewport().repaint()
                per_key.append(time.perf_counter() - t)
            view.search.clear()

        per_filter: list[float] = []
        for _ in range(3):
            for niveau in (3, 2, 1, None):
                t = time.perf_counter()
                view.set_niveau_filter(niveau)
                view.table.viewport().repaint()
                per_filter.append(time.perf_counter() - t)

        # The same keystrokes with a student selected (the selection is looked up after every change).
        view.table.selectRow(view.proxy.rowCount() // 2)
        per_key_selected: list[float] = []
        for word in ("bakker", "zoe", "el"):
            for i in range(1, len(word) + 1):
                t = time.perf_counter()
                view.search.setText(word[:i])
                view.table.viewport().repaint()
                per_key_selected.append(time.perf_counter() - t)
            view.search.clear()
        window.close()

    print(f"{args.aantal} leerlingen, {n_signalen} signalen")
    print(f"  bruikbaar na het wachtwoord (login + venster 'Vandaag' getekend): {usable * 1000:6.0f} ms  (doel 1500)")
    print(f"  signalen en niveaus klaar (achtergrond, venster reageert):       {signals_ready * 1000:6.0f} ms")
    print(f"    waarvan in de GUI-thread: Vandaag vullen {gui_thread.get('dashboard', 0) * 1000:5.1f} ms, "
          f"lijst bijwerken {gui_thread.get('lijst', 0) * 1000:5.1f} ms  (doel samen < 100)")
    print(f"  toetsaanslag in het zoekveld, mediaan (snelste):                 "
          f"{statistics.median(per_key) * 1000:6.1f} ms ({min(per_key) * 1000:4.1f})  (doel 16)")
    print(f"  toetsaanslag, slechtste van {len(per_key)}:                                {max(per_key) * 1000:6.1f} ms")
    print(f"  toetsaanslag met een leerling geselecteerd, mediaan:             "
          f"{statistics.median(per_key_selected) * 1000:6.1f} ms")
    print(f"  niveaufilter wisselen (hele scherm opnieuw), mediaan (snelste):  "
          f"{statistics.median(per_filter) * 1000:6.1f} ms ({min(per_filter) * 1000:4.1f})")
    print("  (mediaan en snelste: op een machine die ook andere dingen doet, zegt de snelste het meest over de code)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
