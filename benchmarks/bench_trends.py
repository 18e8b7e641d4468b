"""Time the trends of a whole school year (the signal rules at 12 month ends plus 31 July before),
"werkt het?" per type and the jaaroverzicht PDF, from a real database.

    .venv/bin/python benchmarks/bench_trends.py [--aantal 2000] [--jaren 2]

Target (issue 7): trends for 2,000 students under 10 s, off the GUI thread. The database holds `jaren`
school years of per-lesuur verzuim up to 2025-2026 (the trends need the year before for 31 July).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_verzuim import (  # noqa: E402
    LAATSTE_JAAR,
    bulk_verzuim,
    maak_school,
    schooljaren,
    tijd,
    verzuim_regels,
    voeg_leerlingen_toe,
)

from thuiszit_desktop.domain.plan import Interventie  # noqa: E402
from thuiszit_desktop.domain.traject import Categorie  # noqa: E402
from thuiszit_desktop.services import instellingen  # noqa: E402
from thuiszit_desktop.services.signalen import BIJGEWERKT_TOT  # noqa: E402

INTERVENTIES = ["Time-out", "Verzuimcoach", "Aangepast rooster", "Huiswerkbegeleiding"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2_000)
    parser.add_argument("--jaren", type=int, default=2)
    parser.add_argument("--trajecten", type=int, default=100, help="open trajecten with a plan and interventions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        services = maak_school(Path(tmp) / "trends" / "thuiszit.db")
        try:
            ids = voeg_leerlingen_toe(args.aantal)
            rijen = 0
            for k, dagen in enumerate(schooljaren(services, args.jaren)):
                rijen += bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen, seed=k))
            with services.ctx.action():
                instellingen.schrijf(BIJGEWERKT_TOT, dagen[-1].isoformat())
            rnd = random.Random(1)
            vandaag = date(LAATSTE_JAAR + 1, 7, 31)
            for nr in rnd.sample(sorted(ids), min(args.trajecten, len(ids))):
                t = services.trajecten.openen(nr, Categorie.DREIGEND_THUISZITTER, "bench",
                                              geopend=date(LAATSTE_JAAR, 9, 1), vandaag=vandaag)
                plan = services.plannen.nieuw(t.id, vandaag=vandaag)
                start = rnd.choice(dagen[20:-40])
                services.plannen.opslaan(replace(plan, interventies=(
                    Interventie(rnd.choice(INTERVENTIES), "", start, None),)), vandaag=vandaag)
            print(f"{args.aantal} leerlingen, {rijen:,} verzuimrijen over {args.jaren} schooljaar/jaren, "
                  f"{args.trajecten} trajecten met een interventie")
            t = tijd(f"trends({LAATSTE_JAAR}) – 13 peildata", lambda: services.overzichten.trends(LAATSTE_JAAR))
            print(f"    juli: niveaus {t.maanden[-1].per_niveau}, thuiszitters erbij per maand "
                  f"{[m.thuiszitters_in for m in t.maanden]}")
            e = tijd("effecten() per soort", lambda: services.overzichten.effecten())
            print(f"    {[(r.soort, r.aantal, r.gemiddeld_voor, r.gemiddeld_na) for r in e.per_soort]}")
            tijd("lijstbespreking()", lambda: services.overzichten.lijstbespreking(vandaag=vandaag))
            tijd("jaaroverzicht_pdf() (trends opnieuw + PDF)",
                 lambda: services.overzichten.jaaroverzicht_pdf(LAATSTE_JAAR, vandaag=vandaag))
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
