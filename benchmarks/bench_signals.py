"""Time `schoolbreed` on a synthetic school: a full school year of per-lesuur verzuim.

    .venv/bin/python benchmarks/bench_signals.py [aantal leerlingen ...]

Targets (SIGNALEN.md rules, whole school at the last day of the year): 2,000 leerlingen with about
150,000 verzuim rows in under 1 s, 20,000 leerlingen in under 10 s.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date
from pathlib import Path

from thuiszit_desktop.domain.calendar import SchoolCalendar, vakanties_from_data
from thuiszit_desktop.domain.leerling import Leerling, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.school import Regio
from thuiszit_desktop.domain.signals import SignaalInstellingen, schoolbreed
from thuiszit_desktop.domain.verzuim import MazlActie, MeldingSoort, Reden, Verzuimmelding, VerzuimRecord

DATA = Path(__file__).parents[1] / "resources/data/schoolvakanties.json"
PEILDATUM = date(2027, 7, 16)  # the last lesdag of 2026-2027 (midden)
UREN = 6


def bouw_school(aantal: int, cal: SchoolCalendar, seed: int = 2026):
    """Leerlingen plus their verzuim: one row per missed lesuur (1 hour), like a Magister export."""
    rnd = random.Random(seed)
    lesdagen = cal.lesdagen(date(2026, 8, 1), PEILDATUM)
    redenen = [Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF, Reden.OVERIG_GEOORLOOFD, Reden.SCHORSING]
    leerlingen: list[Leerling] = []
    verzuim: dict[str, list[VerzuimRecord]] = {}
    meldingen: dict[str, list[Verzuimmelding]] = {}
    mazl: dict[str, list[MazlActie]] = {}
    for n in range(aantal):
        nr = str(100000 + n)
        profiel = rnd.random()
        leerling = Leerling(
            leerlingnummer=nr, achternaam=f"Leerling {n}",
            geboortedatum=date(2008 + rnd.randrange(7), rnd.randrange(1, 13), rnd.randrange(1, 29)),
            inschrijfdatum=date(2020, 8, 17) if rnd.random() < 0.95 else rnd.choice(lesdagen),
            uitschrijfdatum=rnd.choice(lesdagen) if rnd.random() < 0.02 else None,
            startkwalificatie=rnd.random() < 0.05,
            vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2026, 8, 1)),) if rnd.random() < 0.01 else (),
        )
        leerlingen.append(leerling)
        rows: list[VerzuimRecord] = []
        # scattered lesuren: most students a few, some many
        losse = int(rnd.expovariate(1 / 38)) if profiel < 0.9 else int(rnd.expovariate(1 / 160))
        for _ in range(losse):
            rows.append(VerzuimRecord(rnd.choice(lesdagen), 1.0, rnd.choice(redenen)))
        # ziekmeldingen of whole days
        for _ in range(rnd.randrange(4)):
            start = rnd.randrange(len(lesdagen))
            for d in lesdagen[start:start + rnd.randrange(1, 5)]:
                rows.extend(VerzuimRecord(d, 1.0, Reden.ZIEK) for _ in range(UREN))
        # a few thuiszitters: weeks of whole days ongeoorloofd
        if profiel > 0.985:
            start = rnd.randrange(len(lesdagen))
            for d in lesdagen[start:start + rnd.randrange(15, 60)]:
                rows.extend(VerzuimRecord(d, 1.0, Reden.ONGEOORLOOFD) for _ in range(UREN))
        rnd.shuffle(rows)
        verzuim[nr] = rows
        if rnd.random() < 0.05:
            d = rnd.choice(lesdagen)
            meldingen[nr] = [Verzuimmelding(d, d, MeldingSoort.ZESTIEN_UUR)]
        if rnd.random() < 0.03:
            mazl[nr] = [MazlActie(rnd.choice(lesdagen))]
    return leerlingen, verzuim, meldingen, mazl


def meet(aantal: int) -> float:
    vakanties = vakanties_from_data(json.loads(DATA.read_text(encoding="utf-8")), Regio.MIDDEN)
    cal = SchoolCalendar(vakanties, {date(2026, 11, 11): "Studiedag"})
    leerlingen, verzuim, meldingen, mazl = bouw_school(aantal, cal)
    rijen = sum(len(v) for v in verzuim.values())
    inst = SignaalInstellingen()
    beste = float("inf")
    for _ in range(3):
        fresh = SchoolCalendar(vakanties, {date(2026, 11, 11): "Studiedag"})  # include building its table
        t0 = time.perf_counter()
        signalen, niveaus = schoolbreed(fresh, inst, leerlingen, verzuim, meldingen, mazl, PEILDATUM)
        beste = min(beste, time.perf_counter() - t0)
    per_soort: dict[str, int] = {}
    for s in signalen:
        per_soort[s.soort.value] = per_soort.get(s.soort.value, 0) + 1
    per_niveau = {k: sum(1 for n in niveaus if n.niveau == k) for k in (1, 2, 3)}
    print(f"{aantal:>6} leerlingen, {rijen:>9,} verzuimrijen: schoolbreed {beste:6.3f} s (best of 3)")
    print(f"        signalen {len(signalen)}: {dict(sorted(per_soort.items()))}; niveaus {per_niveau}")
    return beste


def main(argv: list[str]) -> int:
    aantallen = [int(a) for a in argv] or [2_000, 20_000]
    for aantal in aantallen:
        meet(aantal)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
