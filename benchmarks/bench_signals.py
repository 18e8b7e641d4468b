"""All signals and Kearney levels of the whole school from the database, beside the floor of reading the same
verzuim once.

    .venv/bin/python benchmarks/bench_signals.py [--snel] [aantal leerlingen ...]

A school of `aantal` fictional students (default 2,000 and 20,000) with a full school year (2025-2026) of
per-lesuur verzuim (bench_verzuim.py: about 46 rows a student after the import has summed them per day, reden
and code; 919,000 rows for 20,000). Measured, alternated and as medians:

- app: `services.signalen.overzicht(P)` at the last lesdag P, with an empty cache – what the first look at
  Vandaag after a login costs (a second look with unchanged data comes from the cache);
- floor: one GROUP BY pass over the same rows – the hours per student, day and reden of P's school year,
  fetched into Python – the least any computation of these rules must read.

Target (issue 16): app ≤ 1.5 × floor. Prints one JSON line per measure (benchmarks/verhoudingen.py calls
`metingen`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_verzuim import (
    afwisselend,
    bulk_verzuim,
    maak_school,
    meting,
    schooljaren,
    verzuim_regels,
    voeg_leerlingen_toe,
)

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.leerling import schooljaar_start

DOEL = 1.5
VLOER_SQL = ('SELECT "leerling_id", "datum", "reden", SUM("uren") FROM "verzuim" WHERE "datum" >= ? AND "datum" <= ? '
             'GROUP BY "leerling_id", "datum", "reden"')


def vloer(peildatum) -> int:
    """The floor: one GROUP BY pass over the verzuim of P's school year, every row fetched."""
    rijen = m.database.execute_sql(VLOER_SQL, (schooljaar_start(peildatum).isoformat(), peildatum.isoformat()))
    return len(rijen.fetchall())


def meet(aantal: int, keer: int, tmp: Path) -> dict:
    services = maak_school(tmp / f"signalen-{aantal}" / "thuiszit.db")
    try:
        ids = voeg_leerlingen_toe(aantal)
        [dagen] = schooljaren(services, 1)
        rijen = bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen))
        peildatum = dagen[-1]
        services.signalen.overzicht(peildatum)  # warm up: the calendar, the page cache
        app_s, vloer_s = afwisselend(lambda: services.signalen.overzicht(peildatum), lambda: vloer(peildatum), keer,
                                     voor=services.signalen._cache_legen)
        o = services.signalen.overzicht(peildatum)
        print(f"# {aantal} leerlingen, {rijen:,} verzuimrijen: {len(o.signalen)} signalen, "
              f"niveaus {dict(sorted(o.per_niveau().items()))}", file=sys.stderr)
        return meting(f"signalen_{aantal}", app_s, vloer_s, DOEL)
    finally:
        services.close()


def herhalingen(snel: bool) -> int:
    """Medians of 5 even when quick: with 3, one run slowed by another process on this shared machine moved the
    ratio by half (2.24 at 2,000 students in one loaded run, 1.44–1.60 alone); two more cost ~10 s."""
    return 5 if snel else 7


def metingen(snel: bool) -> list[dict]:
    keer = herhalingen(snel)
    with tempfile.TemporaryDirectory() as tmp:
        return [meet(aantal, keer, Path(tmp)) for aantal in (2_000, 20_000)]


def main(argv: list[str]) -> int:
    snel = "--snel" in argv
    aantallen = [int(a) for a in argv if a != "--snel"]
    if not aantallen:
        resultaten = metingen(snel)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            resultaten = [meet(aantal, herhalingen(snel), Path(tmp)) for aantal in aantallen]
    for r in resultaten:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
