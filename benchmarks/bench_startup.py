"""Time "the student list is usable after the password": login plus the list of 2,000 students.

    .venv/bin/python benchmarks/bench_startup.py [--aantal 2000] [--runs 7]

Creates a temporary encrypted database with fictional students (the demo school's generator,
`services.demo.fictional_students`), then times, over several runs, `session.login` (key slot with
scrypt, opening SQLCipher, the schema check) and `services.leerlingen.lijst()`, each run from a
closed database. Qt is not involved; the Qt model and keystroke figures are a separate benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.services import demo, session

WACHTWOORD = "Bench-start-2026!"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    begin = time.perf_counter()
    result = fn()
    return time.perf_counter() - begin, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2000, help="number of fictional students")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = session.database_path(Path(tmp) / "data")
        duur, services = timed(lambda: demo.create_demo_school(path, WACHTWOORD, aantal=args.aantal))
        services.close()
        size = sum(p.stat().st_size for p in path.parent.iterdir() if p.is_file())
        print(f"{args.aantal} fictieve leerlingen in {len(demo.KLASSEN)} klassen; database gemaakt in "
              f"{duur:.2f} s ({size / 1024:.0f} kB)\n")

        metingen: dict[str, list[float]] = {"sleutel (scrypt)": [], "login": [], "lijst()": [],
                                            "login + lijst()": [], "sluiten": []}
        for _ in range(args.runs):
            t_key, _key = timed(lambda: KeyRing.load(KeyRing.for_database(path)).unlock(demo.DEMO_GEBRUIKER,
                                                                                         WACHTWOORD))
            t_login, services = timed(lambda: session.login(path, demo.DEMO_GEBRUIKER, WACHTWOORD))
            try:
                t_lijst, rows = timed(services.leerlingen.lijst)
            finally:
                t_close, _ = timed(services.close)
            assert len(rows) == args.aantal
            for label, t in (("sleutel (scrypt)", t_key), ("login", t_login), ("lijst()", t_lijst),
                             ("login + lijst()", t_login + t_lijst), ("sluiten", t_close)):
                metingen[label].append(t)

    print(f"{'stap':<20} {'min':>8} {'mediaan':>8} {'max':>8}   ({args.runs} runs, ms)")
    for label, ts in metingen.items():
        ms = [t * 1000 for t in ts]
        print(f"{label:<20} {min(ms):8.1f} {statistics.median(ms):8.1f} {max(ms):8.1f}")
    print("\n'login' includes 'sleutel': the scrypt cost is deliberate (keys.py, about 0.1 s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
