"""Time the trends of a whole school year (the signal rules at 12 month ends plus 31 July before) beside one
signals run, and "werkt het?" per type and the jaaroverzicht PDF, from a real database.

    .venv/bin/python benchmarks/bench_trends.py [--snel] [--aantal 2000] [--jaren 2] [--alles]

The database holds `jaren` school years of per-lesuur verzuim up to 2025-2026 (the trends need the year before
for 31 July). Measured, alternated and as medians: app = `overzichten.trends(2025)`; floor = one signals run
(`signalen.overzicht()` at the end of that year, not from the cache). Target (issue 16): app ≤ 1.5 × floor.
Prints one JSON line (benchmarks/verhoudingen.py calls `metingen`); `--alles` also times the other overviews.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_verzuim import (
    LAATSTE_JAAR,
    afwisselend,
    bulk_verzuim,
    maak_school,
    meting,
    schooljaren,
    tijd,
    verzuim_regels,
    voeg_leerlingen_toe,
)

from thuiszit_desktop.domain.plan import Interventie
from thuiszit_desktop.domain.traject import Categorie
from thuiszit_desktop.services import instellingen
from thuiszit_desktop.services.signalen import BIJGEWERKT_TOT

INTERVENTIES = ["Time-out", "Verzuimcoach", "Aangepast rooster", "Huiswerkbegeleiding"]


def vul(services, aantal: int, jaren: int, trajecten: int) -> list[date]:
    """The school: `jaren` years of verzuim, `trajecten` open trajecten with an intervention; the last year's lesdagen."""
    ids = voeg_leerlingen_toe(aantal)
    rijen = 0
    for k, dagen in enumerate(schooljaren(services, jaren)):
        rijen += bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen, seed=k))
    with services.ctx.action():
        instellingen.schrijf(BIJGEWERKT_TOT, dagen[-1].isoformat())
    rnd = random.Random(1)
    vandaag = date(LAATSTE_JAAR + 1, 7, 31)
    for nr in rnd.sample(sorted(ids), min(trajecten, len(ids))):
        t = services.trajecten.openen(nr, Categorie.DREIGEND_THUISZITTER, "bench",
                                      geopend=date(LAATSTE_JAAR, 9, 1), vandaag=vandaag)
        plan = services.plannen.nieuw(t.id, vandaag=vandaag)
        start = rnd.choice(dagen[20:-40])
        services.plannen.opslaan(replace(plan, interventies=(
            Interventie(rnd.choice(INTERVENTIES), "", start, None),)), vandaag=vandaag)
    print(f"# {aantal} leerlingen, {rijen:,} verzuimrijen over {jaren} schooljaar/jaren, "
          f"{trajecten} trajecten met een interventie", file=sys.stderr)
    return dagen


def meet(tmp: Path, aantal: int = 2_000, jaren: int = 2, trajecten: int = 100, keer: int = 5,
         alles: bool = False) -> dict:
    services = maak_school(tmp / "trends" / "thuiszit.db")
    try:
        dagen = vul(services, aantal, jaren, trajecten)
        services.overzichten.trends(LAATSTE_JAAR)  # warm up: the calendar, the page cache
        app_s, vloer_s = afwisselend(lambda: services.overzichten.trends(LAATSTE_JAAR),
                                     lambda: services.signalen.overzicht(dagen[-1]), keer,
                                     voor=services.signalen._cache_legen)
        if alles:
            vandaag = date(LAATSTE_JAAR + 1, 7, 31)
            t = tijd(f"trends({LAATSTE_JAAR}) – 13 peildata", lambda: services.overzichten.trends(LAATSTE_JAAR))
            print(f"    juli: niveaus {t.maanden[-1].per_niveau}, thuiszitters erbij per maand "
                  f"{[m.thuiszitters_in for m in t.maanden]}")
            e = tijd("effecten() per soort", lambda: services.overzichten.effecten())
            print(f"    {[(r.soort, r.aantal, r.gemiddeld_voor, r.gemiddeld_na) for r in e.per_soort]}")
            tijd("lijstbespreking()", lambda: services.overzichten.lijstbespreking(vandaag=vandaag))
            tijd("jaaroverzicht_pdf() (trends opnieuw + PDF)",
                 lambda: services.overzichten.jaaroverzicht_pdf(LAATSTE_JAAR, vandaag=vandaag))
        return meting("trends", app_s, vloer_s, 1.5)
    finally:
        services.close()


def metingen(snel: bool) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return [meet(Path(tmp), keer=3 if snel else 7)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2_000)
    parser.add_argument("--jaren", type=int, default=2)
    parser.add_argument("--trajecten", type=int, default=100, help="open trajecten with a plan and interventions")
    parser.add_argument("--snel", action="store_true", help="fewer repetitions")
    parser.add_argument("--alles", action="store_true", help="also time effecten, lijstbespreking, the PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(meet(Path(tmp), args.aantal, args.jaren, args.trajecten, 3 if args.snel else 7, args.alles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
