"""50 users at once on a shared school database of 20,000 students (issue 18, Scale).

    .venv/bin/python benchmarks/bench_server.py [--snel] [--clients 50] [--duur 60] [--aantal 20000]

The bench school (benchmarks/scholen.py) moved onto a throwaway PostgreSQL cluster on this machine
(benchmarks/servercluster.py: 5 zorgcoördinators, 45 mentors of one klas each, 10 open trajecten per klas).
Every client is a process of its own that imports the program, logs in as its own user (`session.login_server`)
and then, until the common end time (`--duur`, 60 s; `--snel` 20 s), repeats what a user does:

- lijst: open the student list (`leerlingen.lijst()`, what the list shows at its first paint; a mentor sees
  their klas, a zorgcoördinator the school);
- leerling: open a student's page (what the page and its verzuim panel read through the services: the student,
  their signals, the year's verzuim days, the calendar year, the settings, meldingen, M@zl and handmatig verzuim);
- contactmoment: add a contactmoment (`gesprekken.contactmoment`) for a student of theirs with an open traject;
  it must land in that traject.

After each action its floor, with plain psycopg on a connection of the same user (so row-level security applies
as well): the list's SELECT; the student's row and their year of verzuim; the INSERT of a gesprek (rolled back).
Printed as JSON lines: per action the median and p95 of the app and of its floor (`verhouding`: of the medians);
then the clients' start (imports and login, measured apart from the actions), the errors (must be 0) and the lost
writes: the contactmomenten the clients say they added against the rows the server has (must be equal).
`uptime`'s load is printed with it: the machine is shared. On stderr: the same per role, where a student page's
time goes, and the CPU an action costs in the client and a round in its server process (figures that do not
move with the load). Not one of benchmarks/verhoudingen.py's measures (no `metingen`): with `--snel` alone it
takes 2–3 minutes and drives the load to 50, so it runs on its own (README, "Server speed").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

START = time.time()  # the client's process start, before its imports (measured apart from the actions)
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ACTIES = ("lijst", "leerling", "contactmoment")
CLIENTS = 50
DUUR, DUUR_SNEL = 60.0, 20.0

LIJST_SQL = ('SELECT l."id", l."leerlingnummer", l."voornaam", l."tussenvoegsel", l."achternaam", l."klas", '
             'l."geboortedatum", l."inschrijfdatum", l."uitschrijfdatum", c."naam" FROM "leerling" l '
             'LEFT OUTER JOIN "contact" c ON l."mentor_id" = c."id"')
GESPREK_SQL = ('INSERT INTO "gesprek" ("leerling_id", "traject_id", "type", "datum", "deelnemers", "samenvatting", '
               '"vertrouwelijk", "door_id", "aangemaakt") VALUES (%s, %s, \'telefonisch\', CURRENT_DATE, \'\', '
               '\'Gebeld met ouders.\', false, %s, localtimestamp) RETURNING "id"')


# --- a client (a process of its own) ----------------------------------------------------------------------


def leerling_pagina(services, nummer: str, delen: dict[str, list[float]] | None = None) -> None:
    """What opening a student reads (ui/leerlingen/leerling_page.py and verzuim_panel.py); `delen` gets the time
    of its first part (the student, with the audit entry "bekeken") and its second (their signals)."""
    from thuiszit_desktop.domain.leerling import schooljaar_start

    begin = time.perf_counter()
    services.leerlingen.get(nummer)
    tussen = time.perf_counter()
    overzicht = services.signalen.overzicht(leerlingnummer=nummer)
    if delen is not None:
        delen["leerling.get"].append(tussen - begin)
        delen["leerling.signalen"].append(time.perf_counter() - tussen)
    jaar = schooljaar_start(overzicht.peildatum).year
    services.kalender.jaar(jaar)
    services.verzuim.dagen(nummer, date(jaar, 8, 1), date(jaar + 1, 7, 31))
    services.school.get()
    services.signalen.instellingen()
    services.verzuim.meldingen(nummer)
    services.verzuim.mazl_acties(nummer)
    services.verzuim.handmatig(nummer)


def cpu_van(pid: int) -> float | None:
    """CPU seconds a process on this machine used so far (the client's server process), None if unreadable."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def client(dsn: str, naam: str, wachtwoord: str, seed: int) -> dict:
    """Log in, say so on stdout, wait for the start line on stdin ("<end time>"), then act until that time."""
    import psycopg

    from thuiszit_desktop.domain.errors import GebruikersFout
    from thuiszit_desktop.services import session

    geimporteerd = time.time()
    services = session.login_server(dsn, naam, wachtwoord)
    ingelogd = time.time()
    adres = services.ctx.store.db.adres
    vloer = psycopg.connect(host=adres.host, port=adres.poort, dbname=adres.database, user=adres.gebruiker,
                            password=wachtwoord, sslmode=adres.sslmode, autocommit=True)
    rijen = services.leerlingen.lijst()
    ids = {r.leerlingnummer: r.id for r in rijen}
    met_traject = {t.leerlingnummer: t.id for t in services.trajecten.lijst() if t.leerlingnummer in ids}
    rng = random.Random(seed)
    nummers, traject_nummers = sorted(ids), sorted(met_traject)
    gebruiker_id = services.gebruiker.id
    print(json.dumps({"klaar": naam}), flush=True)
    eind = float(sys.stdin.readline())

    tijden: dict[str, list[float]] = {a: [] for a in ACTIES}
    vloeren: dict[str, list[float]] = {a: [] for a in ACTIES}
    delen: dict[str, list[float]] = {"leerling.get": [], "leerling.signalen": []}
    fouten: list[str] = []
    toegevoegd = buiten_traject = 0

    def app(actie: str) -> None:
        nonlocal toegevoegd, buiten_traject
        if actie == "lijst":
            services.leerlingen.lijst()
        elif actie == "leerling":
            leerling_pagina(services, rng.choice(nummers), delen)
        else:
            nummer = rng.choice(traject_nummers)
            gesprek = services.gesprekken.contactmoment(nummer, "telefonisch", "Gebeld met ouders.")
            toegevoegd += 1
            buiten_traject += gesprek.traject_id != met_traject[nummer]

    def floor(actie: str) -> None:
        if actie == "lijst":
            vloer.execute(LIJST_SQL).fetchall()
        elif actie == "leerling":
            nummer = rng.choice(nummers)
            vloer.execute('SELECT * FROM "leerling" WHERE "id" = %s', (ids[nummer],)).fetchall()
            vloer.execute('SELECT "datum", "uren", "reden" FROM "verzuim" WHERE "leerling_id" = %s AND "datum" '
                          "BETWEEN %s AND %s", (ids[nummer], date(2026, 8, 1), date(2027, 7, 31))).fetchall()
        else:
            nummer = rng.choice(traject_nummers)
            with vloer.transaction(force_rollback=True):  # the floor's rows are not counted as the clients' writes
                vloer.execute(GESPREK_SQL, (ids[nummer], met_traject[nummer], gebruiker_id)).fetchone()

    backend = services.ctx.store.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    cpu: dict[str, list[float]] = {a: [] for a in ACTIES}
    server_cpu = cpu_van(backend)
    while time.time() < eind:
        for actie in ACTIES:
            begin, begin_cpu = time.perf_counter(), time.process_time()
            try:
                app(actie)
            except GebruikersFout as exc:  # a Dutch message the user would see (a conflict, say): an error here
                fouten.append(f"{actie}: {type(exc).__name__}: {exc}")
                continue
            except Exception as exc:
                fouten.append(f"{actie}: {type(exc).__name__}: {exc}")
                continue
            tijden[actie].append(time.perf_counter() - begin)
            cpu[actie].append(time.process_time() - begin_cpu)
            begin = time.perf_counter()
            floor(actie)
            vloeren[actie].append(time.perf_counter() - begin)
    server_cpu = cpu_van(backend) - server_cpu if server_cpu is not None else None
    vloer.close()
    rol = services.gebruiker.rol.value
    services.close()
    return {"naam": naam, "rol": rol, "id": gebruiker_id, "import_s": geimporteerd - START,
            "login_s": ingelogd - geimporteerd, "zichtbaar": len(nummers), "tijden": tijden, "vloeren": vloeren, "delen": delen,
            "cpu": cpu, "server_cpu": server_cpu, "fouten": fouten, "toegevoegd": toegevoegd, "buiten_traject": buiten_traject}


# --- the run ----------------------------------------------------------------------------------------------


def p95(waarden: list[float]) -> float:
    return statistics.quantiles(waarden, n=20, method="inclusive")[-1] if len(waarden) > 1 else waarden[0]


def belasting() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def om_en_om(users: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """Every tenth a zorgcoördinator, the rest mentors: a run with fewer clients has both roles too."""
    zorg = [u for u in users if u[1] == "zorgcoordinator"]
    mentoren = [u for u in users if u[1] != "zorgcoordinator"]
    uit: list[tuple[str, str, list[str]]] = []
    while zorg or mentoren:
        uit.append(zorg.pop(0) if zorg and (len(uit) % 10 == 0 or not mentoren) else mentoren.pop(0))
    return uit


def run(aantal: int, clients: int, duur: float) -> list[dict]:
    import scholen
    from servercluster import gebruikers, server_school

    users = om_en_om(gebruikers())
    if clients > len(users):
        raise SystemExit(f"Er zijn {len(users)} gebruikers in de benchschool, niet {clients}.")
    with server_school(aantal) as school:
        with school.admin() as conn:
            voor = conn.execute('SELECT COUNT(*) FROM "gesprek"').fetchone()[0]
        load_voor = belasting()
        gestart = time.time()
        processen = [subprocess.Popen([sys.executable, __file__, "--client", school.dsn(naam), naam, str(i)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                      env={**os.environ, "THUISZIT_WACHTWOORD": scholen.WACHTWOORD})
                     for i, (naam, _rol, _klassen) in enumerate(users[:clients])]
        for p in processen:  # every client imported and logged in: the start, measured apart
            regel = p.stdout.readline()
            if not regel:
                raise RuntimeError("een client stopte voor hij klaar was; zie stderr")
        start_s = time.time() - gestart
        eind = time.time() + duur
        for p in processen:
            p.stdin.write(f"{eind}\n")
            p.stdin.flush()
        uitkomsten = []
        for p in processen:
            uit, _ = p.communicate(timeout=duur + 600)
            uitkomsten.append(json.loads(uit.strip().splitlines()[-1]))
        load_na = belasting()
        with school.admin() as conn:
            na = conn.execute('SELECT COUNT(*) FROM "gesprek"').fetchone()[0]
            per_door = dict(conn.execute('SELECT "door_id", COUNT(*) FROM "gesprek" WHERE "datum" = CURRENT_DATE '
                                         'GROUP BY "door_id"').fetchall())
    return rapport(uitkomsten, start_s, na - voor, per_door, duur, f"{load_voor} → {load_na}")


def rapport(uitkomsten: list[dict], start_s: float, op_server: int, per_door: dict[int, int], duur: float,
            load: str) -> list[dict]:
    regels = []
    for actie in ACTIES:
        app = [t for u in uitkomsten for t in u["tijden"][actie]]
        vloer = [t for u in uitkomsten for t in u["vloeren"][actie]]
        if not app:
            regels.append({"meting": f"server_{actie}", "fout": "geen enkele geslaagde actie"})
            continue
        regels.append({"meting": f"server_{actie}", "app_s": round(statistics.median(app), 4),
                       "app_p95_s": round(p95(app), 4), "vloer_s": round(statistics.median(vloer), 4),
                       "vloer_p95_s": round(p95(vloer), 4),
                       "verhouding": round(statistics.median(app) / statistics.median(vloer), 1), "doel": None,
                       "aantal": len(app), "per_s": round(len(app) / duur, 1), "load": load})
    for deel in ("leerling.get", "leerling.signalen"):  # where a student page's time goes
        for rol in ("mentor", "zorgcoordinator"):
            tijden = [t for u in uitkomsten if u["rol"] == rol for t in u["delen"][deel]]
            if tijden:
                print(f"# {deel} ({rol}): mediaan {statistics.median(tijden):.3f} s, p95 {p95(tijden):.3f} s",
                      file=sys.stderr)
    for actie in ACTIES:
        for rol in ("mentor", "zorgcoordinator"):
            tijden = [t for u in uitkomsten if u["rol"] == rol for t in u["tijden"][actie]]
            if tijden:
                print(f"# {actie} ({rol}): mediaan {statistics.median(tijden):.3f} s, p95 {p95(tijden):.3f} s, "
                      f"{len(tijden)} keer", file=sys.stderr)
    # What an action costs in CPU, whatever the load: the client's own process, and its server process per round
    # (lijst + leerling + contactmoment, without the floors' connection).
    for actie in ACTIES:
        cpu = [t for u in uitkomsten for t in u["cpu"][actie]]
        if cpu:
            print(f"# cpu {actie} (client): mediaan {statistics.median(cpu):.3f} s", file=sys.stderr)
    rondes = sum(len(u["tijden"]["contactmoment"]) for u in uitkomsten)
    if rondes and all(u["server_cpu"] is not None for u in uitkomsten):
        print(f"# cpu server per ronde: {sum(u['server_cpu'] for u in uitkomsten) / rondes:.3f} s; client per ronde: "
              f"{sum(sum(sum(u['cpu'][a]) for a in ACTIES) for u in uitkomsten) / rondes:.3f} s", file=sys.stderr)
    fouten = [f for u in uitkomsten for f in u["fouten"]]
    gemeld = sum(u["toegevoegd"] for u in uitkomsten)
    per_client_mis = sum(1 for u in uitkomsten if per_door.get(u["id"], 0) != u["toegevoegd"])
    regels.append({
        "meting": "server_clients", "clients": len(uitkomsten), "duur_s": duur,
        "start_s": round(start_s, 1),
        "import_s_mediaan": round(statistics.median(u["import_s"] for u in uitkomsten), 2),
        "login_s_mediaan": round(statistics.median(u["login_s"] for u in uitkomsten), 2),
        "login_s_max": round(max(u["login_s"] for u in uitkomsten), 2),
        "fouten": len(fouten), "gesprekken_gemeld": gemeld, "gesprekken_op_server": op_server,
        "verloren": gemeld - op_server, "clients_met_verschil": per_client_mis,
        "buiten_traject": sum(u["buiten_traject"] for u in uitkomsten), "load": load})
    for fout in sorted(set(fouten))[:10]:  # what went wrong, once each (fictional students only)
        print(f"# fout: {fout}", file=sys.stderr)
    return regels


def main(argv: list[str]) -> int:
    if argv[:1] == ["--client"]:
        dsn, naam, seed = argv[1:4]
        print(json.dumps(client(dsn, naam, os.environ["THUISZIT_WACHTWOORD"], int(seed))), flush=True)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help=f"{DUUR_SNEL:.0f} s of actions instead of {DUUR:.0f}")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--duur", type=float, default=None, help="seconds of actions")
    parser.add_argument("--aantal", type=int, default=20_000, help="students")
    args = parser.parse_args(argv)
    duur = args.duur or (DUUR_SNEL if args.snel else DUUR)
    for regel in run(args.aantal, args.clients, duur):
        print(json.dumps(regel), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
