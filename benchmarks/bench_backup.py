"""Time the backup on close beside a copy of the database file, and (with --alles) the integrity checks at the
start, a full backup and the check of a backup before a restore.

    .venv/bin/python benchmarks/bench_backup.py [--snel] [--alles] [--aantal 2000] [--jaren 5]

A school of `--aantal` fictional students with `--jaren` school years of verzuim (bulk inserts, as in
bench_verzuim.py). backup_sluiten (issue 16, target ≤ 3 × floor; one JSON line, `metingen` for
benchmarks/verhoudingen.py): `services.backups.automatisch(altijd=True)` – what closing the window runs – beside
the floor of copying the database file and fsyncing the copy; alternated, medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_verzuim import (
    bulk_verzuim,
    maak_school,
    meting,
    schooljaren,
    tijd,
    verzuim_regels,
    voeg_leerlingen_toe,
)

from thuiszit_desktop.db import backup
from thuiszit_desktop.domain.audit import Actie


def vloer_kopie(bron: Path, doel: Path) -> None:
    """The floor: a copy of the database file, fsynced."""
    shutil.copyfile(bron, doel)
    with doel.open("rb+") as f:
        os.fsync(f.fileno())


def meet_sluiten(tmp: Path, aantal: int = 2_000, jaren: int = 5, keer: int = 5) -> dict:
    services = maak_school(tmp / "data" / "thuiszit.db")
    store = services.ctx.store
    try:
        ids = voeg_leerlingen_toe(aantal)
        rijen = sum(bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen, seed=k))
                    for k, dagen in enumerate(schooljaren(services, jaren)))
        store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"# {aantal} leerlingen, {rijen:,} verzuimrijen, database {store.path.stat().st_size / 1e6:.1f} MB",
              file=sys.stderr)
        folder = services.backups.map()
        kopie = tmp / "kopie.db"
        app_s, vloer_s = [], []
        for _ in range(keer):
            with services.ctx.action():  # a change, as a day's work leaves one, in the WAL
                services.ctx.audit(Actie.GEWIJZIGD, wat="bench")
            begin = time.perf_counter()
            services.backups.automatisch(altijd=True)
            app_s.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            vloer_kopie(store.path, kopie)
            vloer_s.append(time.perf_counter() - begin)
            kopie.unlink()
            for b in folder.glob("*.tzbackup"):  # each close starts from the same folder: the daily one alone
                b.unlink()
        return meting("backup_sluiten", statistics.median(app_s), statistics.median(vloer_s), 3.0)
    finally:
        services.close()


def metingen(snel: bool) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return [meet_sluiten(Path(tmp), keer=3 if snel else 7)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2_000)
    parser.add_argument("--jaren", type=int, default=5)
    parser.add_argument("--snel", action="store_true", help="fewer repetitions")
    parser.add_argument("--alles", action="store_true", help="also the checks and a full backup")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(meet_sluiten(Path(tmp) / "sluiten", args.aantal, args.jaren, 3 if args.snel else 7)))
    if not args.alles:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        services = maak_school(Path(tmp) / "data" / "thuiszit.db")
        store = services.ctx.store
        try:
            ids = voeg_leerlingen_toe(args.aantal)
            rijen = sum(bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen, seed=k))
                        for k, dagen in enumerate(schooljaren(services, args.jaren)))
            store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"{args.aantal} leerlingen, {rijen:,} verzuimrijen, "
                  f"database {store.path.stat().st_size / 1e6:.1f} MB")
            conn = backup.connect(store.path, store.key)
            tijd("PRAGMA quick_check", lambda: backup.integrity_ok(conn, quick=True))
            tijd("PRAGMA integrity_check", lambda: backup.integrity_ok(conn))
            conn.close()
            made = tijd("backup.make (kopie + controle + zip)",
                        lambda: backup.make(store.path, store.key, Path(tmp) / "backups"))
            print(f"  back-up {made.grootte / 1e6:.1f} MB")
            tijd("backup.check (uitpakken + integrity_check)", lambda: backup.check(made.pad, store.key, made.manifest.database_id, store.path))
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
