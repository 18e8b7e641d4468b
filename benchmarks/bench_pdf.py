"""Time the PDFs a zorgcoördinator prints, on the demo school.

    .venv/bin/python benchmarks/bench_pdf.py

Renders a demo plan van aanpak, and for the demo student with the most MDO's the latest MDO-verslag
and the whole dossier, several times each (the first render also registers the font, so it is
reported apart).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thuiszit_desktop.services import demo, session

RUNS = 7


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = session.database_path(Path(tmp) / "data")
        services = demo.create_demo_school(path, "demo")
        try:
            open_ = services.trajecten.lijst()
            nummer = max(open_, key=lambda t: len(services.trajecten.mdos(t.id))).leerlingnummer
            met_plan = next(t.leerlingnummer for t in open_ if t.stap >= 4)
            plan_id = services.plannen.voor_leerling(met_plan).id
            renders = {"plan van aanpak": lambda: services.plannen.pdf(plan_id),
                       "MDO-verslag": lambda: services.afdrukken.mdo_pdf(nummer),
                       "dossier": lambda: services.afdrukken.dossier_pdf(nummer)}
            print(f"{'pdf':<18}{'eerste':>10}{'mediaan':>10}{'max':>10}   (s, {RUNS} keer)")
            for naam, render in renders.items():
                eerste = timed(render)
                tijden = [timed(render) for _ in range(RUNS)]
                print(f"{naam:<18}{eerste:>10.3f}{statistics.median(tijden):>10.3f}{max(tijden):>10.3f}")
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
