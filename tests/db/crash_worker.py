"""A process for tests/db/test_crash.py to kill: it repeats one user action until it is killed.

    python crash_worker.py save|import|backup DATABASE RUN

Prints "klaar" once logged in, then loops, printing "gedaan" after each action. Every action leaves a mark the test can count:
  save    a new student with exactly 3 ouders (leerlingnummer 8RRNNNN)
  import  a verzuim file for one new date with exactly one row for each student
  backup  a backup into `backups` beside the database (rotated as usual)
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from thuiszit_desktop.db import backup
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.services import session

NAAM, WACHTWOORD = "Anna de Vries", "Zorg-en-2026!"
EERSTE_DAG = date(2025, 9, 1)


def main(mode: str, db_path: Path, run: int) -> None:
    services = session.login(db_path, NAAM, WACHTWOORD)
    print("klaar", flush=True)
    i = 0
    if mode == "save":
        while True:
            services.leerlingen.opslaan(Leerling(
                f"8{run:02d}{i:04d}", "Crashtest", date(2012, 1, 1), date(2024, 8, 1), voornaam="Fictief",
                klas="9Z", ouders=tuple(Ouder(f"Ouder {k}", Relatie.VOOGD) for k in range(3))))
            print("gedaan", flush=True)
            i += 1
    elif mode == "import":
        nummers = [r.leerlingnummer for r in services.leerlingen.lijst()]
        # beside the test's database (its tmp_path), not in a temporary folder: this process is killed, and
        # a killed process removes nothing
        bestanden = db_path.parent / f"verzuim-{run}"
        bestanden.mkdir()
        while True:
            dag = EERSTE_DAG + timedelta(days=run * 40 + i)
            csv = bestanden / f"verzuim-{i}.csv"
            csv.write_text("leerlingnummer;datum;lesuur;reden\n" + "".join(
                f"{nr};{dag:%d-%m-%Y};{uur};ongeoorloofd\n" for nr in nummers for uur in (1, 2, 3)),
                encoding="utf-8")
            services.verzuim.importeren(csv, sla_foute_regels_over=True, vandaag=date(2026, 7, 31))
            print("gedaan", flush=True)
            i += 1
    elif mode == "backup":
        store = services.ctx.store
        while True:
            backup.make(store.path, store.key, store.path.parent / "backups")
            print("gedaan", flush=True)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
