"""`thuiszit-desktop server init` on a real throwaway PostgreSQL (tests/pgcluster.py)."""

from __future__ import annotations

import psycopg
import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app


def init_args(dsn: str, *extra: str) -> list[str]:
    return ["server", "init", "--server", dsn, "--school", "Het Baken", "--brin", "12ab", "--regio", "noord",
            "--uren-per-lesdag", "5,5", "--gebruiker", " Carla  de Wit", *extra]


@pytest.fixture
def lege_database(pg_cluster, cli_omgeving, monkeypatch, tmp_path):
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    monkeypatch.setenv("PGPASSWORD", wachtwoord)
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path / "data"))  # the log file, not a database
    return pg_cluster.dsn(eigenaar, naam), naam


def test_server_init_richt_de_school_in(pg_cluster, lege_database, capsys):
    dsn, naam = lege_database
    assert app.main(init_args(dsn)) == 0
    out, err = capsys.readouterr()
    assert "Schooldatabase ingericht" in out and "'carla de wit'" in out and err == ""
    with psycopg.connect(host=pg_cluster.host, port=pg_cluster.poort, dbname=naam, user="carla de wit",
                         password=WACHTWOORD) as conn:
        assert conn.execute("SELECT naam, brin, regio, uren_per_lesdag FROM school").fetchall() == [
            ("Het Baken", "12AB", "noord", 5.5)]
        assert conn.execute("SELECT naam, rol, actief FROM gebruiker").fetchall() == [
            ("Carla de Wit", "zorgcoordinator", True)]
        assert conn.execute("SELECT pg_has_role('thuiszit_zorgcoordinator', 'MEMBER')").fetchone() == (True,)
    with pg_cluster.admin(naam) as admin:  # the password is stored as a SCRAM verifier, never as itself
        wachtwoord = admin.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'carla de wit'").fetchone()[0]
        assert wachtwoord.startswith("SCRAM-SHA-256$") and WACHTWOORD not in wachtwoord

    # a second time on the same database: refused, nothing changed
    assert app.main(init_args(dsn)) == 1
    assert "staat al een schooldatabase" in capsys.readouterr().err


@pytest.mark.parametrize(("extra_env", "args", "melding"), [
    ({}, ["--brin", "12"], "BRIN"),
    ({"THUISZIT_WACHTWOORD": "kort"}, [], "wachtwoord"),
    ({"PGPASSWORD": "fout"}, [], "Onbekende naam of verkeerd wachtwoord"),
])
def test_server_init_fouten_in_het_nederlands(pg_cluster, lege_database, monkeypatch, capsys, extra_env, args,
                                              melding):
    dsn, naam = lege_database
    for k, v in extra_env.items():
        monkeypatch.setenv(k, v)
    assert app.main(init_args(dsn, *args)) == 1
    assert melding.casefold() in capsys.readouterr().err.casefold()
    with pg_cluster.admin(naam) as admin:  # nothing was made
        assert admin.execute("SELECT to_regclass('leerling')").fetchone() == (None,)


def test_server_init_weigert_een_adres_zonder_tls(lege_database, capsys):
    assert app.main(init_args("postgresql://eigenaar@db.school.nl/thuiszit?sslmode=disable")) == 1
    assert "--server: Zonder versleuteling" in capsys.readouterr().err


def test_server_init_zonder_eigenaarswachtwoord(lege_database, monkeypatch, capsys):
    monkeypatch.delenv("PGPASSWORD")
    assert app.main(init_args(lege_database[0])) == 1
    assert "PGPASSWORD" in capsys.readouterr().err


def test_server_overzetten_heen_en_terug(pg_cluster, lege_database, capsys, monkeypatch, tmp_path):
    """The demo school to the server and back to a new file, through the command; refusals in Dutch."""
    from datetime import date

    from thuiszit_desktop import demo
    from thuiszit_desktop.services import session

    dsn, naam = lege_database
    bestand = tmp_path / "school"
    demo.create_demo_school(session.database_path(bestand), WACHTWOORD, aantal=20, vandaag=date(2026, 11, 23)).close()
    heen = ["server", "overzetten", "--data-dir", str(bestand), "--server", dsn, "--gebruiker", "demo"]
    try:
        monkeypatch.setenv("THUISZIT_WACHTWOORD", "fout-wachtwoord")
        assert app.main(heen) == 1
        assert "verkeerd wachtwoord" in capsys.readouterr().err
        monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
        assert app.main(heen) == 0
        out = capsys.readouterr().out
        assert "staat nu op de server (20 leerlingen" in out and "auditlog is gecontroleerd" in out
        assert app.main(heen) == 1
        assert "staat al een schooldatabase" in capsys.readouterr().err

        terug = ["server", "overzetten", "--terug", "--data-dir", str(tmp_path / "terug"), "--server", dsn,
                 "--gebruiker", "demo"]
        assert app.main(terug) == 1
        assert "--sleutels-van" in capsys.readouterr().err
        assert app.main([*terug, "--sleutels-van", str(bestand)]) == 0
        assert "staat nu in" in capsys.readouterr().out
        services = session.login(session.database_path(tmp_path / "terug"), "demo", WACHTWOORD)
        assert services.audit.uitslag.ok and len(services.leerlingen.lijst()) == 20
        services.close()

        # a backup of the server school, put back into a new folder as any backup
        backup = ["server", "backup", "--server", dsn, "--gebruiker", "demo", "--naar", str(tmp_path / "bk")]
        assert app.main(backup) == 1
        assert "geen back-up gemaakt" in capsys.readouterr().err
        assert app.main([*backup, "--sleutels-van", str(bestand)]) == 0
        assert "Back-up gemaakt" in capsys.readouterr().out
        gemaakt = next((tmp_path / "bk").glob("*.tzbackup"))
        assert app.main(["restore", str(gemaakt), "--ja", "--gebruiker", "demo",
                         "--data-dir", str(tmp_path / "hersteld")]) == 0
        services = session.login(session.database_path(tmp_path / "hersteld"), "demo", WACHTWOORD)
        assert len(services.leerlingen.lijst()) == 20
        services.close()
    finally:
        with pg_cluster.admin() as conn:
            conn.execute('DROP ROLE IF EXISTS "demo"')
