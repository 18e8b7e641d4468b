"""All signals and levels of 2,000 students on the shared school database, beside the same on the local file.

    .venv/bin/python benchmarks/bench_server_signalen.py [--snel] [aantal leerlingen ...]

The same bench school (benchmarks/scholen.py: a school year of per-lesuur verzuim up to yesterday) once as the
encrypted file and once moved onto a throwaway PostgreSQL cluster on this machine (benchmarks/servercluster.py),
logged in as its zorgcoördinator on both. Measured, alternated and as medians:

- app: `services.signalen.overzicht(P)` on the server, at the last lesdag P, with an empty cache;
- floor: the same call on the file – what the program does without a server.

Target (issue 18): server ≤ 1.5 × file. Prints one JSON line (benchmarks/verhoudingen.py calls `metingen`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scholen
from bench_verzuim import afwisselend, meting
from servercluster import server_school

from thuiszit_desktop.services import session

DOEL = 1.5


def meet(aantal: int, keer: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="thuiszit-bench-") as tmp, server_school(aantal) as school:
        bestand = session.login(scholen.kopie(scholen.school(aantal), Path(tmp)), scholen.NAAM, scholen.WACHTWOORD)
        try:
            [dagen] = scholen._schooljaren(bestand, 1)
            peildatum = dagen[-1]
            op_server = session.login_server(school.dsn(scholen.NAAM), scholen.NAAM, scholen.WACHTWOORD)
            try:
                def op(services):
                    def run():
                        services.ctx.store.bind()  # the models' database is global: this store's
                        return services.signalen.overzicht(peildatum)
                    return run

                def leeg():
                    for services in (op_server, bestand):
                        services.ctx.store.bind()
                        services.signalen._cache_legen()

                server_o, bestand_o = op(op_server)(), op(bestand)()  # warm up both (calendar, caches, pages)
                assert (server_o.signalen, server_o.niveaus) == (bestand_o.signalen, bestand_o.niveaus), \
                    "de server geeft andere signalen dan het bestand"
                app_s, vloer_s = afwisselend(op(op_server), op(bestand), keer, voor=leeg)
                print(f"# {aantal} leerlingen: {len(server_o.signalen)} signalen, "
                      f"niveaus {dict(sorted(server_o.per_niveau().items()))}", file=sys.stderr)
            finally:
                op_server.close()
        finally:
            bestand.close()
    return meting(f"signalen_server_{aantal}", app_s, vloer_s, DOEL)


def metingen(snel: bool) -> list[dict]:
    return [meet(2_000, 3 if snel else 7)]


def main(argv: list[str]) -> int:
    snel = "--snel" in argv
    aantallen = [int(a) for a in argv if a != "--snel"] or [2_000]
    for aantal in aantallen:
        print(json.dumps(meet(aantal, 3 if snel else 7)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
