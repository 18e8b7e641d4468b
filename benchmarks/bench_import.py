"""Time the student import: 2,000 fictional students into a new encrypted database.

    .venv/bin/python benchmarks/bench_import.py [--aantal 2000]

Prints the time of the preview, the first import, a re-import of the same file (all unchanged) and
an import where every student changes class. Target (issue): 2,000 students in under 2 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thuiszit_desktop.domain.school import School
from thuiszit_desktop.services import session

VOORNAMEN = ["Zoë", "Daniël", "Eva", "Noah", "Fatima", "Mees", "Aïcha", "Sem", "Léa", "Yusuf", "Saar", "Jayden"]
ACHTERNAMEN = [("", "Çelik"), ("de", "Vries"), ("van", "Dijk"), ("", "El Amrani"), ("", "Bakker"),
               ("van der", "Berg"), ("", "Nguyễn"), ("", "Öztürk"), ("", "Janssen"), ("de", "Boer")]
MENTOREN = ["J. de Vries", "M. El Amrani", "K. Öztürk", "P. Jansen", "S. van den Broek", "L. Nieuwenhuis"]


def schrijf_csv(pad: Path, aantal: int, klas_jaar: int = 1, seed: int = 7) -> None:
    rng = random.Random(seed)
    regels = ["leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;klas;mentor;inschrijfdatum;"
              "startkwalificatie"]
    for i in range(aantal):
        tussen, achter = rng.choice(ACHTERNAMEN)
        geboren = date(2009, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        klas = f"{klas_jaar + i % 4}{'ABCDE'[i % 5]}"
        regels.append(f"{100000 + i};{rng.choice(VOORNAMEN)};{tussen};{achter};{geboren:%d-%m-%Y};{klas};"
                      f"{rng.choice(MENTOREN)};01-08-2024;nee")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        csv = tmp_path / "leerlingen.csv"
        schrijf_csv(csv, args.aantal)
        wachtwoord = "Bench-mark-2026!"
        services = session.create_school(tmp_path / "data" / "thuiszit.db", School("Het Baken", "12AB", "midden"),
                                         "Anna de Vries", wachtwoord, wachtwoord)
        try:
            def tijd(label: str, fn) -> None:
                begin = time.perf_counter()
                resultaat = fn()
                duur = time.perf_counter() - begin
                uitleg = getattr(resultaat, "samenvatting", "")
                if not uitleg:
                    uitleg = f"{len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} gewijzigd"
                print(f"{label:<32} {duur:6.2f} s   {uitleg}")

            print(f"{args.aantal} leerlingen, CSV {csv.stat().st_size / 1024:.0f} kB")
            tijd("voorbeeld (lege database)", lambda: services.importeren.leerlingen_voorbeeld(csv))
            tijd("eerste import", lambda: services.importeren.leerlingen(csv))
            tijd("zelfde bestand nog eens", lambda: services.importeren.leerlingen(csv))
            tijd("voorbeeld (alles ongewijzigd)", lambda: services.importeren.leerlingen_voorbeeld(csv))
            schrijf_csv(csv, args.aantal, klas_jaar=2)
            tijd("iedereen een klas hoger", lambda: services.importeren.leerlingen(csv))
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
