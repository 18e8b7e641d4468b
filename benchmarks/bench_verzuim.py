"""Time the verzuim import and the whole-school signals from the database.

    .venv/bin/python benchmarks/bench_verzuim.py [--snel] [--alles] [--aantal 2000] [--groot 20000] [--jaren 1]

import_verzuim (issue 16, target ≤ 2 × floor; one JSON line, `metingen` for benchmarks/verhoudingen.py): a
school year of per-lesuur verzuim imported into a school without it, beside the floor of reading the CSV with the
csv module and one executemany into the same table (same indexes), alternated, medians. With `--alles` also:

1. A school of `--aantal` fictional students with a full school year (2025-2026, regio midden) of
   per-lesuur verzuim with Magister codes – about 75 rows a student, 150,000 for 2,000 – as a CSV
   with `lesuur`: the preview, the first import, the same file again (nothing changes) and
   `services.signalen.overzicht()` for the whole school.
2. A school of `--groot` students built with direct bulk inserts: `overzicht()` alone.

`--jaren N` adds N − 1 earlier school years of the same kind of verzuim (history the rules mostly
do not need). Targets (issue): import under 5 s, overzicht for 2,000 under 1 s, for 20,000 under 10 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.school import School
from thuiszit_desktop.domain.verzuimcodes import STANDAARD
from thuiszit_desktop.services import session

WACHTWOORD = "Bench-mark-2026!"
LAATSTE_JAAR = 2025  # school year 2025-2026: complete, in the past
VANDAAG = date(2026, 7, 31)  # the importer's "today": the last day of that school year
UREN = 6
# Magister codes with a weight: mostly sick and unexcused hours, some late (skipped by the import).
LOSSE_CODES = [("A", 20), ("AA", 4), ("S", 6), ("Z", 20), ("ZH", 4), ("M", 8), ("EH", 2), ("P", 2), ("V", 4),
               ("GE", 1), ("U", 3), ("T", 8), ("La", 4), ("PR", 2), ("HV", 3)]
VOORNAMEN = ["Zoë", "Daniël", "Eva", "Noah", "Fatima", "Mees", "Aïcha", "Sem", "Léa", "Yusuf"]
ACHTERNAMEN = [("", "Çelik"), ("de", "Jong"), ("van", "Dijk"), ("", "El Amrani"), ("", "Bakker"), ("", "Öztürk")]


def maak_school(pad: Path) -> session.Services:
    return session.create_school(pad, School("Het Baken", "12AB", "midden"), "Anna de Vries", WACHTWOORD,
                                 WACHTWOORD)


def voeg_leerlingen_toe(aantal: int, seed: int = 7) -> dict[str, int]:
    """Bulk insert: leerlingnummer → id."""
    rng = random.Random(seed)
    rijen = []
    for i in range(aantal):
        tussen, achter = rng.choice(ACHTERNAMEN)
        rijen.append({"leerlingnummer": str(100000 + i), "voornaam": rng.choice(VOORNAMEN), "tussenvoegsel": tussen,
                      "achternaam": achter, "geboortedatum": date(2009 + rng.randrange(5), rng.randrange(1, 13),
                                                                  rng.randrange(1, 29)),
                      "klas": f"{1 + i % 4}{'ABCDE'[i % 5]}", "inschrijfdatum": date(2020, 8, 17),
                      "uitschrijfdatum": date(2026, 3, 2) if rng.random() < 0.02 else None,
                      "bestemming": "", "startkwalificatie": False, "bsn": "", "onderwijsnummer": "",
                      "gewijzigd": m.now()})
    with m.database.atomic():
        for begin in range(0, len(rijen), 500):
            m.Leerling.insert_many(rijen[begin:begin + 500]).execute()
    return dict(m.Leerling.select(m.Leerling.leerlingnummer, m.Leerling.id).tuples())


def verzuim_regels(nummers: list[str], lesdagen: list[date], seed: int = 2026):
    """(leerlingnummer, datum, lesuur, code) per missed lesuur, like a Magister export."""
    rng = random.Random(seed)
    codes = [c for c, _ in LOSSE_CODES]
    gewichten = [w for _, w in LOSSE_CODES]
    for nr in nummers:
        uren: dict[tuple[date, int], str] = {}
        profiel = rng.random()
        losse = int(rng.expovariate(1 / 44)) if profiel < 0.9 else int(rng.expovariate(1 / 180))
        for _ in range(losse):
            uren[(rng.choice(lesdagen), rng.randrange(1, 9))] = rng.choices(codes, gewichten)[0]
        for _ in range(rng.randrange(4)):  # ziekmeldingen of whole days
            start = rng.randrange(len(lesdagen))
            for d in lesdagen[start:start + rng.randrange(1, 5)]:
                uren.update({(d, u): "Z" for u in range(1, UREN + 1)})
        if profiel > 0.985:  # a few thuiszitters: weeks of whole days absent without reason
            start = rng.randrange(len(lesdagen))
            for d in lesdagen[start:start + rng.randrange(15, 60)]:
                uren.update({(d, u): "A" for u in range(1, UREN + 1)})
        for (d, u), code in sorted(uren.items()):
            yield nr, d, u, code


def schrijf_csv(pad: Path, regels) -> int:
    n = 0
    with pad.open("w", encoding="utf-8", newline="") as f:
        f.write("Stamnummer;Datum;Lesuur;Code;Omschrijving\r\n")
        for nr, d, u, code in regels:
            f.write(f"{nr};{d:%d-%m-%Y};{u};{code};\r\n")
            n += 1
    return n


def bulk_verzuim(ids: dict[str, int], regels) -> int:
    """Straight into the table as the import stores it: hours summed per (leerling, datum, reden, code)."""
    samen: dict[tuple[int, str, str, str], float] = defaultdict(float)
    for nr, d, _, code in regels:
        reden = STANDAARD.vertaal(code)
        if reden is not None:
            samen[(ids[nr], d.isoformat(), reden.value, code)] += 1.0
    with m.database.atomic():
        m.database.cursor().executemany(
            'INSERT INTO verzuim ("leerling_id", "datum", "uren", "reden", "bron", "code", "opmerking") '
            "VALUES (?, ?, ?, ?, 'import', ?, '')", [(lid, d, u, r, c) for (lid, d, r, c), u in samen.items()])
    return len(samen)


def tijd(label: str, fn):
    """Wall time, and this process's CPU time: on a busy machine the second is the fairer figure."""
    begin, cpu = time.perf_counter(), time.process_time()
    resultaat = fn()
    print(f"  {label:<40} {time.perf_counter() - begin:6.2f} s  (cpu {time.process_time() - cpu:5.2f} s)")
    return resultaat


def afwisselend(app, vloer, keer: int, *, voor=None) -> tuple[float, float]:
    """Medians of `keer` wall-clock timings of `app` and of its floor `vloer`, alternated (app, floor, app, …)
    so that both see the same load of a shared machine; `voor()` runs untimed before each app run (to clear
    a cache, say)."""
    app_s, vloer_s = [], []
    for _ in range(keer):
        if voor is not None:
            voor()
        begin = time.perf_counter()
        app()
        app_s.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        vloer()
        vloer_s.append(time.perf_counter() - begin)
    return statistics.median(app_s), statistics.median(vloer_s)


def meting(naam: str, app_s: float, vloer_s: float, doel: float) -> dict:
    """One line of benchmarks/verhoudingen.py."""
    return {"meting": naam, "app_s": round(app_s, 4), "vloer_s": round(vloer_s, 4),
            "verhouding": round(app_s / vloer_s, 2), "doel": doel}


def overzicht(services: session.Services, peildatum: date) -> None:
    resultaat = tijd("signalen.overzicht() hele school", lambda: services.signalen.overzicht(peildatum))
    per_soort = dict(sorted((s.value, n) for s, n in resultaat.per_signaal().items()))
    print(f"    {len(resultaat.signalen)} signalen {per_soort}; niveaus {dict(sorted(resultaat.per_niveau().items()))}")


def schooljaren(services: session.Services, jaren: int) -> list[list[date]]:
    cal = services.kalender.calendar()
    return [cal.lesdagen(date(j, 8, 1), date(j + 1, 7, 31)) for j in range(LAATSTE_JAAR - jaren + 1,
                                                                            LAATSTE_JAAR + 1)]


def bench_import(tmp: Path, aantal: int, jaren: int) -> None:
    print(f"{aantal} leerlingen, verzuim per lesuur (Magister-codes), {jaren} schooljaar/jaren")
    services = maak_school(tmp / "klein" / "thuiszit.db")
    try:
        ids = voeg_leerlingen_toe(aantal)
        nummers = sorted(ids)
        *eerder, lesdagen = schooljaren(services, jaren)
        for k, dagen in enumerate(eerder):
            rijen = bulk_verzuim(ids, verzuim_regels(nummers, dagen, seed=k))
            print(f"  eerder schooljaar {dagen[0].year}-{dagen[0].year + 1}: {rijen:,} rijen direct in de database")
        csv = tmp / "verzuim.csv"
        regels = schrijf_csv(csv, verzuim_regels(nummers, lesdagen))
        print(f"  CSV: {regels:,} regels, {csv.stat().st_size / 1e6:.1f} MB")
        v = tijd("voorbeeld", lambda: services.verzuim.voorbeeld(csv, vandaag=VANDAAG))
        print(f"    {v.samenvatting}")
        v = tijd("import (eerste keer)", lambda: services.verzuim.importeren(csv, vandaag=VANDAAG))
        v = tijd("import (zelfde bestand nog eens)", lambda: services.verzuim.importeren(csv, vandaag=VANDAAG))
        print(f"    {v.samenvatting}")
        print(f"  verzuim in de database: {m.Verzuim.select().count():,} rijen")
        overzicht(services, lesdagen[-1])
    finally:
        services.close()


def bench_signalen(tmp: Path, aantal: int, jaren: int) -> None:
    print(f"{aantal} leerlingen, database gevuld met bulk inserts, {jaren} schooljaar/jaren")
    services = maak_school(tmp / "groot" / "thuiszit.db")
    try:
        ids = voeg_leerlingen_toe(aantal)
        rijen = 0
        for k, dagen in enumerate(schooljaren(services, jaren)):
            rijen += bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen, seed=k))
        print(f"  verzuim in de database: {rijen:,} rijen (per leerling, dag, reden en code)")
        overzicht(services, dagen[-1])
    finally:
        services.close()


def vloer_import(csv: Path, ids: dict[str, int]) -> int:
    """The floor of an import: the CSV read with the csv module, one tuple per line and one executemany into the
    same table with the same indexes, committed. (Its rows are removed again by `wis_verzuim`, untimed.)"""
    import csv as csvmod

    with csv.open(encoding="utf-8", newline="") as f:
        lezer = csvmod.reader(f, delimiter=";")
        next(lezer)
        rijen = [(ids[r[0]], f"{r[1][6:]}-{r[1][3:5]}-{r[1][:2]}", 1.0, r[3], r[3]) for r in lezer]
    with m.database.atomic():
        m.database.cursor().executemany(
            'INSERT INTO verzuim ("leerling_id", "datum", "uren", "reden", "bron", "code", "opmerking") '
            "VALUES (?, ?, ?, ?, 'import', ?, '')", rijen)
    return len(rijen)


def wis_verzuim() -> None:
    with m.database.atomic():
        m.database.execute_sql("DELETE FROM verzuim")
    m.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def meet_import(tmp: Path, aantal: int = 2_000, keer: int = 5) -> dict:
    """import_verzuim: a school year of per-lesuur verzuim (~158,000 lines for 2,000 students) imported into a
    school that has none yet, beside the floor `vloer_import`; alternated, medians."""
    services = maak_school(tmp / "import" / "thuiszit.db")
    try:
        ids = voeg_leerlingen_toe(aantal)
        [lesdagen] = schooljaren(services, 1)
        csv = tmp / "verzuim-import.csv"
        regels = schrijf_csv(csv, verzuim_regels(sorted(ids), lesdagen))
        print(f"# {aantal} leerlingen, CSV van {regels:,} regels", file=sys.stderr)

        app_s, vloer_s = [], []
        for _ in range(keer):  # alternated, each on a table without this year's verzuim
            wis_verzuim()
            begin = time.perf_counter()
            services.verzuim.importeren(csv, vandaag=VANDAAG)
            app_s.append(time.perf_counter() - begin)
            wis_verzuim()
            begin = time.perf_counter()
            vloer_import(csv, ids)
            vloer_s.append(time.perf_counter() - begin)
        wis_verzuim()
        return meting("import_verzuim", statistics.median(app_s), statistics.median(vloer_s), 2.0)
    finally:
        services.close()


def metingen(snel: bool) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return [meet_import(Path(tmp), keer=5 if snel else 7)]  # (three: the median landed on a slow minute)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2_000)
    parser.add_argument("--groot", type=int, default=20_000, help="0: sla de grote school over")
    parser.add_argument("--jaren", type=int, default=1)
    parser.add_argument("--snel", action="store_true", help="fewer repetitions of the import beside its floor")
    parser.add_argument("--alles", action="store_true", help="also the preview, a second import and overzicht()")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(meet_import(Path(tmp), args.aantal, 3 if args.snel else 7)))
        if not args.alles:
            return 0
        bench_import(Path(tmp), args.aantal, args.jaren)
        if args.groot:
            bench_signalen(Path(tmp), args.groot, args.jaren)
    return 0


if __name__ == "__main__":
    sys.exit(main())
