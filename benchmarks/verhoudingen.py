"""Every speed measure of issue 16 beside its floor, as one JSON object per line.

    .venv/bin/python benchmarks/verhoudingen.py [--snel]

Each line: {"meting": …, "app_s": …, "vloer_s": …, "verhouding": …, "doel": …} – the app's figure, its floor
measured in the same run (app and floor runs alternate; medians), their ratio and the ratio to stay under
(`rss_20000` in bytes instead of seconds). The measures come from the `metingen(snel)` function of every
benchmarks/bench_*.py that has one (bench_gui.py: start-up, the longest stall, opening a student, memory;
the others: signals, trends, the verzuim import, the backup on close). `--snel` runs fewer repetitions.
A measure that fails prints a line with "fout" instead, and the others still run.
The schools are built once and kept in the temp folder (benchmarks/scholen.py). Each file's measures run in a
process of their own: in one process for all, what the signals and trends of 20,000 students left in the heap
made the verzuim import after them ~0.4 slower beside its floor (1.85 against 1.33 alone).
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import time
import traceback
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))
sys.path.insert(0, str(HIER.parent))

VOLGORDE = ["start_2000", "start_20000", "langste_blokkade_20000", "leerling_openen", "signalen_2000",
            "signalen_20000", "trends", "import_verzuim", "backup_sluiten", "rss_20000"]


def modules() -> list[str]:
    """The bench_*.py files that define `metingen` (found without importing the others)."""
    namen = []
    for pad in sorted(HIER.glob("bench_*.py")):
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == "metingen" for n in boom.body):
            namen.append(pad.stem)
    return namen


def in_eigen_proces(naam: str, snel: bool) -> list[dict]:
    """`naam`.metingen(snel) in a fresh Python process (its own lines on stderr pass through)."""
    code = (f"import json, sys; sys.path[:0] = {[str(HIER), str(HIER.parent)]!r}; import {naam}; "
            f"print(json.dumps({naam}.metingen({snel!r})))")
    uit = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(uit.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="fewer repetitions (within ten minutes)")
    args = parser.parse_args()
    begin = time.perf_counter()
    gezien: set[str] = set()
    for naam in modules():
        try:
            uitkomsten = in_eigen_proces(naam, args.snel)
        except Exception as exc:  # one broken measure does not hide the others
            traceback.print_exc(file=sys.stderr)
            print(json.dumps({"meting": naam, "fout": f"{type(exc).__name__}: {exc}"}), flush=True)
            continue
        for uitkomst in sorted(uitkomsten, key=lambda u: VOLGORDE.index(u["meting"]) if u["meting"] in VOLGORDE
                               else len(VOLGORDE)):
            gezien.add(uitkomst["meting"])  # (a line with "fout" counts as reported)
            print(json.dumps(uitkomst), flush=True)
    for ontbreekt in (m for m in VOLGORDE if m not in gezien):
        print(json.dumps({"meting": ontbreekt, "fout": "geen benchmark levert deze meting"}), flush=True)
    print(f"# klaar in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
