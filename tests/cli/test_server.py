"""`thuiszit-desktop server init` on a real throwaway PostgreSQL (tests/pgcluster.py)."""

from __future__ import annotations

import os

import psycopg
import pytest

from tests import pgcluster
from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.db import migrations


def init_args(dsn: str, *extra: str) -> list[str]:
    return ["server", "init", "--server", dsn, "--school", "Het Baken", "--brin", "12ab", "--regio", "noord",
            "--uren-per-lesdag", "5,5", "--gebruiker", " Carla  de Wit", *extra]


@pytest.fixture
def lege_database(pg_cluster, cli_omgeving, monkeypatch, tmp_path):
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    monkeypatch.setenv("PGPASSWORD", wachtwoord)
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path / "data"))  # the log file, not a database
    pgcluster.logins_weg(pg_cluster, ["carla de wit"])  # logins are the cluster's: another test's school had her
    yield pg_cluster.dsn(eigenaar, naam), naam
    pgcluster.logins_weg(pg_cluster, ["carla de wit"])


def test_server_init_richt_de_school_in(pg_cluster, lege_database, capsys):
    dsn, naam = lege_database
    assert app.main(init_args(dsn)) == 0
    out, err = capsys.readouterr()
    assert "Schooldatabase ingericht" in out and "'carla de wit'" in out
    assert err == "" if pg_cluster.auth_delay else "vertraagt verkeerde wachtwoorden niet" in err
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


def test_server_init_zegt_het_als_de_server_verkeerde_wachtwoorden_niet_vertraagt(lege_database, capsys, monkeypatch):
    from thuiszit_desktop.services import schoolserver

    dsn, _naam = lege_database
    monkeypatch.setattr(schoolserver, "vertraagt_inloggen", lambda *_: False)  # a server without auth_delay
    assert app.main(init_args(dsn)) == 0
    err = capsys.readouterr().err
    assert "vertraagt verkeerde wachtwoorden niet" in err
    assert "shared_preload_libraries = 'auth_delay'" in err and "auth_delay.milliseconds = 1000" in err


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
        # the other users' one-time passwords, printed once; the program asks for their own at the first login
        regels = {r.split()[0]: r.split()[1] for r in out.splitlines() if r.startswith("  ")}
        assert sorted(regels) == ["lezer", "mentor"] and "eenmalig wachtwoord" in out
        monkeypatch.setenv("THUISZIT_WACHTWOORD", regels["mentor"])
        mentor_dsn = dsn.replace(dsn.split("//")[1].split("@")[0], "mentor")
        assert app.main(["signalen", "--server", mentor_dsn, "--gebruiker", "mentor"]) == 1
        assert "Kies eerst uw eigen wachtwoord" in capsys.readouterr().err
        monkeypatch.setenv("THUISZIT_NIEUW_WACHTWOORD", "Zelf-gekozen-2026")
        assert app.main(["gebruiker", "wachtwoord", "--server", mentor_dsn, "--gebruiker", "mentor"]) == 0
        monkeypatch.setenv("THUISZIT_WACHTWOORD", "Zelf-gekozen-2026")
        assert app.main(["signalen", "--server", mentor_dsn, "--gebruiker", "mentor"]) == 0
        monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
        capsys.readouterr()
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
            for login in ("demo", "mentor", "lezer"):
                conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def _als_oudere_versie(pg_cluster, naam: str, versie: int) -> None:
    """The school database as the program of schema `versie` left it: what the later steps and their rights
    added, taken away again (the superuser, as a test may)."""
    with pg_cluster.admin(naam) as admin:
        for tabel in migrations.VERSIE_TABELLEN:  # step 11
            admin.execute(f'ALTER TABLE "{tabel}" DROP COLUMN "rijversie"')
        admin.execute('DROP INDEX "leerling_klas_lower"')  # step 12
        admin.execute("DROP FUNCTION thuiszit_sleutel_controle() CASCADE")  # step 13: its triggers go with it
        admin.execute('DROP TABLE "sleutel_versie", "lezer_overzicht"')
        for tabel in (*migrations.VERSIE_TABELLEN, "traject_analyse"):  # step 14
            admin.execute(f'ALTER TABLE "{tabel}" DROP COLUMN "versie_door", DROP COLUMN "versie_op"')
        admin.execute('ALTER TABLE "traject_analyse" DROP COLUMN "rijversie"')
        admin.execute("DROP FUNCTION thuiszit_gewijzigd() CASCADE")  # step 15: its triggers go with it
        admin.execute(f'UPDATE "schema_versie" SET "versie" = {versie}')


def test_server_bijwerken_brengt_een_oudere_schooldatabase_naar_deze_versie(pg_cluster, lege_database, capsys,
                                                                            monkeypatch):
    dsn, naam = lege_database
    eigenaar_ww = os.environ["PGPASSWORD"]
    assert app.main(init_args(dsn)) == 0
    with psycopg.connect(host=pg_cluster.host, port=pg_cluster.poort, dbname=naam, user="carla de wit",
                         password=WACHTWOORD, autocommit=True) as conn:  # a student of before the upgrade
        conn.execute("INSERT INTO leerling (leerlingnummer, voornaam, tussenvoegsel, achternaam, geboortedatum, klas, "
                     "inschrijfdatum, bestemming, startkwalificatie, bsn, onderwijsnummer, gewijzigd) VALUES "
                     "('5001', 'Kees', '', 'Kok', '2012-01-01', '2B', '2024-08-01', '', false, '', '', now())")
    _als_oudere_versie(pg_cluster, naam, 10)
    capsys.readouterr()
    carla = dsn.replace(dsn.split("//")[1].split("@")[0], "carla%20de%20wit")
    monkeypatch.setenv("THUISZIT_SERVER", carla)

    # The program of this version refuses the older school database and says what to do.
    assert app.main(["gebruiker", "lijst", "--gebruiker", "Carla de Wit"]) == 1
    err = capsys.readouterr().err
    assert f"oudere versie (schema 10) dan dit programma (schema {migrations.LATEST})" in err
    assert "server bijwerken" in err
    # Only the owner brings it up to date.
    monkeypatch.setenv("PGPASSWORD", WACHTWOORD)
    assert app.main(["server", "bijwerken", "--server", carla]) == 1
    assert "alleen de eigenaar" in capsys.readouterr().err
    monkeypatch.setenv("PGPASSWORD", eigenaar_ww)
    assert app.main(["server", "bijwerken", "--server", dsn]) == 0
    out = capsys.readouterr().out
    assert f"van schema 10 naar {migrations.LATEST}" in out
    with pg_cluster.admin(naam) as admin:
        assert admin.execute('SELECT "versie" FROM "schema_versie"').fetchone() == (migrations.LATEST,)
        assert admin.execute("SELECT rijversie FROM leerling WHERE leerlingnummer = '5001'").fetchone() == (1,)
        assert admin.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'gesprek_sleutel_controle'"
                             ).fetchone() == (1,)
        assert admin.execute("SELECT relrowsecurity FROM pg_class WHERE relname = 'lezer_overzicht'").fetchone() == (True,)
    monkeypatch.setenv("THUISZIT_SERVER", carla)
    assert app.main(["gebruiker", "lijst", "--gebruiker", "Carla de Wit"]) == 0
    assert "Carla de Wit" in capsys.readouterr().out
    # A second run changes nothing but puts the rights in place again.
    monkeypatch.delenv("THUISZIT_SERVER")
    assert app.main(["server", "bijwerken", "--server", dsn]) == 0
    assert "had al schema" in capsys.readouterr().out


def test_een_nieuwere_schooldatabase_blijft_zoals_ze_is(pg_cluster, lege_database, capsys, monkeypatch):
    dsn, naam = lege_database
    assert app.main(init_args(dsn)) == 0
    with pg_cluster.admin(naam) as admin:
        admin.execute(f'UPDATE "schema_versie" SET "versie" = {migrations.LATEST + 1}')
    capsys.readouterr()
    assert app.main(["server", "bijwerken", "--server", dsn]) == 1
    assert f"nieuwere versie (schema {migrations.LATEST + 1})" in capsys.readouterr().err
    carla = dsn.replace(dsn.split("//")[1].split("@")[0], "carla%20de%20wit")
    monkeypatch.setenv("THUISZIT_SERVER", carla)
    assert app.main(["gebruiker", "lijst", "--gebruiker", "Carla de Wit"]) == 1
    assert "Installeer de nieuwste versie" in capsys.readouterr().err
    with pg_cluster.admin(naam) as admin:
        assert admin.execute('SELECT "versie" FROM "schema_versie"').fetchone() == (migrations.LATEST + 1,)
