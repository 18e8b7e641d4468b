"""Time the integrity check at every start, a backup and the check of a backup before a restore.

    .venv/bin/python benchmarks/bench_backup.py [--aantal 2000] [--jaren 1]

A school of `--aantal` fictional students with `--jaren` school years of verzuim (bulk inserts, as in
bench_verzuim.py). Decides whether opening the database can afford `PRAGMA integrity_check` or needs
the cheaper `quick_check`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_verzuim import (  # noqa: E402
    bulk_verzuim,
    maak_school,
    schooljaren,
    tijd,
    verzuim_regels,
    voeg_leerlingen_toe,
)

from thuiszit_desktop.db import backup  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2_000)
    parser.add_argument("--jaren", type=int, default=1)
    args = parser.parse_args()
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
