"""A benchmark school on a throwaway PostgreSQL cluster, built once and kept (stopped) in the temp folder.

    from servercluster import server_school
    with server_school(20_000) as s:   # started on 127.0.0.1 on a free port, stopped at the end
        s.dsn("anna de vries")         # a fresh copy of the school for this run, dropped again at the end

The cluster is tests/pgcluster.py's (initdb in a temporary folder, nothing but loopback, fsync off); the school
in it is benchmarks/scholen.py's file school moved there by `server overzetten` (services/schoolserver.py
`naar_server`), with the users a run needs (`GEBRUIKERS`: zorgcoördinators and mentors of one klas each, made
through the services as on a real server) and open trajecten to add contactmomenten to. Building takes minutes
at 20,000 students, so the stopped cluster is kept under the bench schools' folder and only started again
later; each run works on a copy of the school (CREATE DATABASE … TEMPLATE), so what it writes never reaches the
next run. Only fictional people.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scholen

from tests import pgcluster
from thuiszit_desktop.db import migrations, server_rechten

SCHOOL_DB = "school"
EIGENAAR = "eigenaar_school"
ZORG = 5  # zorgcoördinators among the users (the first is the file's own, scholen.NAAM)
MENTOREN = 45  # each mentor of one klas: the bench school has 20 klassen (1A … 4E) of 1,000 students at 20,000
TRAJECTEN_PER_KLAS = 10  # open trajecten a klas's contactmomenten go to
BOUW = "b2"  # raise when what _bouw makes changes: a kept cluster is then built again
GEOPEND = date(2026, 9, 1)  # before any contactmoment of a run (today)


def gebruikers() -> list[tuple[str, str, list[str]]]:
    """(naam, rol, klassen) of every user a run logs in as; all with scholen.WACHTWOORD."""
    klassen = [f"{j}{k}" for j in range(1, 5) for k in "ABCDE"]
    zorg = [(scholen.NAAM, "zorgcoordinator", [])] + [(f"Zorg Bench {i:02}", "zorgcoordinator", [])
                                                       for i in range(2, ZORG + 1)]
    return zorg + [(f"Mentor Bench {i:02}", "mentor", [klassen[i % len(klassen)]]) for i in range(MENTOREN)]


@dataclass
class ServerSchool:
    cluster: pgcluster.PgCluster
    database: str

    def dsn(self, gebruiker: str) -> str:
        return self.cluster.dsn(gebruiker, self.database)

    def admin(self):
        return self.cluster.admin(self.database)


def _map(aantal: int) -> Path:
    return scholen.MAP / f"server-{aantal}-{scholen.VERSIE}-s{migrations.LATEST}-{BOUW}"


def _start(cluster: pgcluster.PgCluster) -> None:
    # 50 clients with a connection each for the app and one for their floor, and the benchmark's own.
    opties = (f"-p {cluster.poort} -k {cluster.map} -c listen_addresses=127.0.0.1 -c fsync=off "
              "-c max_connections=150")
    cluster._run(str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.map / "data"), "-o", opties, "-l",
                 str(cluster.map / "log"), "-w", "start")


def _bouw(aantal: int, bezig: Path, bin_dir: Path, als_postgres: bool) -> None:
    """initdb, the file school moved onto it, the users and trajecten; stopped at the end."""
    from thuiszit_desktop.services import schoolserver, session

    wachtwoord = secrets.token_urlsafe(16)
    cluster = pgcluster.PgCluster(bin_dir, bezig, pgcluster._vrije_poort(), wachtwoord, als_postgres)
    cluster.start()  # initdb and start
    try:
        cluster.stop()
        _start(cluster)
        eigenaar_ww = secrets.token_urlsafe(12)
        with cluster.admin() as conn:
            conn.execute(f"CREATE ROLE \"{EIGENAAR}\" LOGIN CREATEROLE PASSWORD '{eigenaar_ww}'")
            conn.execute(f'CREATE DATABASE "{SCHOOL_DB}" OWNER "{EIGENAAR}"')
        with tempfile.TemporaryDirectory(prefix="thuiszit-bench-server-") as tmp:
            bestand = scholen.kopie(scholen.school(aantal), Path(tmp))
            schoolserver.naar_server(bestand, scholen.NAAM, scholen.WACHTWOORD,
                                     cluster.dsn(EIGENAAR, SCHOOL_DB), eigenaar_ww)
        services = session.login_server(cluster.dsn(scholen.NAAM, SCHOOL_DB), scholen.NAAM, scholen.WACHTWOORD)
        try:
            for naam, rol, klassen in gebruikers()[1:]:
                services.gebruikers.toevoegen(naam, rol, klassen, scholen.WACHTWOORD, scholen.WACHTWOORD)
            per_klas: dict[str, int] = {}
            for rij in services.leerlingen.lijst():
                if rij.ingeschreven and per_klas.get(rij.klas, 0) < TRAJECTEN_PER_KLAS:
                    services.trajecten.openen(rij.leerlingnummer, "dreigend_thuiszitter", "Benchmark: veel verzuim",
                                              geopend=GEOPEND)
                    per_klas[rij.klas] = per_klas.get(rij.klas, 0) + 1
        finally:
            services.close()
        (bezig / "wachtwoord").write_text(wachtwoord)
    finally:
        cluster.stop()


@contextlib.contextmanager
def server_school(aantal: int) -> Iterator[ServerSchool]:
    """The kept cluster of `aantal` students, started; yields a fresh copy of its school, dropped at the end."""
    bin_dir = pgcluster._bin_dir()
    if bin_dir is None:
        raise RuntimeError(f"PostgreSQL {pgcluster.MIN_VERSIE}+ is niet geïnstalleerd: {pgcluster.INSTALLEREN}")
    als_postgres = os.geteuid() == 0
    klaar = _map(aantal)
    if not (klaar / "wachtwoord").exists():
        bezig = klaar.with_name(klaar.name + ".bezig")
        shutil.rmtree(bezig, ignore_errors=True)
        bezig.mkdir(parents=True)
        if als_postgres:
            shutil.chown(bezig, "postgres", "postgres")
        _bouw(aantal, bezig, bin_dir, als_postgres)
        shutil.rmtree(klaar, ignore_errors=True)
        bezig.rename(klaar)
    cluster = pgcluster.PgCluster(bin_dir, klaar, pgcluster._vrije_poort(), (klaar / "wachtwoord").read_text(),
                                  als_postgres)
    _start(cluster)
    kopie = f"run_{secrets.token_hex(4)}"
    try:
        with cluster.admin() as conn:
            conn.execute(f'CREATE DATABASE "{kopie}" TEMPLATE "{SCHOOL_DB}" OWNER "{EIGENAAR}"')
            groepen = ", ".join(f'"{g}"' for g in server_rechten.GROEP.values())
            conn.execute(f'REVOKE ALL ON DATABASE "{kopie}" FROM PUBLIC')
            conn.execute(f'GRANT CONNECT ON DATABASE "{kopie}" TO {groepen}')
        yield ServerSchool(cluster, kopie)
    finally:
        with contextlib.suppress(Exception), cluster.admin() as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (kopie,))
            conn.execute(f'DROP DATABASE "{kopie}"')
        cluster.stop()
