"""Shared fixtures: a real, encrypted database file per test in tmp_path; offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
# QSettings() without an explicit file (remembered folders, the last user name) must not touch the real profile;
# a folder per process, removed when it ends: each pytest-xdist worker, and each process a test spawns that
# imports this module again (multiprocessing's "spawn" imports the test module, which imports this one).
os.environ["XDG_CONFIG_HOME"] = CONFIG_MAP = __import__("tempfile").mkdtemp(prefix="thuiszit-test-config-")

import atexit
import inspect
import io
import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests import pgcluster
from thuiszit_desktop import app
from thuiszit_desktop.db import keys
from thuiszit_desktop.domain.school import School
from thuiszit_desktop.services import schoolserver, session

atexit.register(shutil.rmtree, CONFIG_MAP, ignore_errors=True)

WACHTWOORD = "Zorg-en-2026!"
SCHOOL = School("Het Baken", "12AB", "midden", "vo", 6.0)


@pytest.fixture(autouse=True)
def snelle_sleutels(monkeypatch):
    """A cheap scrypt for test databases: the real cost (~0.1 s a login) would dominate the suite.

    Slots record their own cost, so the code under test is the same; test_session.py covers the real
    parameters.
    """
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster on 127.0.0.1 for the whole session (tests/pgcluster.py); skipped, with
    the command that installs it, where PostgreSQL is missing."""
    yield from pgcluster.pg_cluster_fixture()


@pytest.fixture(scope="session")
def pg_cluster_tls():
    """A second throwaway cluster with TLS on (ssl = on, a certificate for 127.0.0.1 signed by `ca`), for the
    connection's certificate checks (verify-full)."""
    yield from pgcluster.pg_cluster_fixture(tls=True)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return session.database_path(tmp_path / "data")


def pytest_generate_tests(metafunc):
    """Tests marked `beide_stores` run twice: on the encrypted file and on the shared school database (the
    test cluster, tests/pgcluster.py) – the services must behave the same on both."""
    # A test that also asks for db_path works with the file itself (the command line on its folder, say).
    if "services" in metafunc.fixturenames and "db_path" not in inspect.signature(metafunc.function).parameters \
            and metafunc.definition.get_closest_marker("beide_stores"):
        metafunc.parametrize("opslag", ["bestand", "server"], indirect=True)


@pytest.fixture
def opslag(request) -> str:
    return getattr(request, "param", "bestand")


@pytest.fixture
def services(db_path: Path, opslag: str, request):
    """A new school, logged in as its zorgcoördinator 'Anna de Vries' (on a server: `server init`, then her own
    login)."""
    if opslag == "server":
        dsn = request.getfixturevalue("server_school")[0]
        s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    else:
        s = session.create_school(db_path, SCHOOL, "Anna de Vries", WACHTWOORD, WACHTWOORD)
    yield s
    s.close()


@pytest.fixture
def server_school(pg_cluster):
    """A school database on the test cluster made by `server init` with 'Anna de Vries' as zorgcoördinator:
    (dsn as Anna, owner's dsn, owner's password). Login roles belong to the whole cluster: the school's
    logins are dropped again at the end, so the next test can use the same fictional names."""
    naam, eigenaar, eigenaar_ww = pg_cluster.nieuwe_database()
    pgcluster.logins_weg(pg_cluster, ["anna de vries"])
    adres = schoolserver.inrichten(pg_cluster.dsn(eigenaar, naam), eigenaar_ww, SCHOOL, "Anna de Vries", WACHTWOORD)
    yield f"{adres}?sslmode=disable", pg_cluster.dsn(eigenaar, naam), eigenaar_ww
    pgcluster.database_weg(pg_cluster, naam, eigenaar)


@pytest.fixture
def cli_omgeving(monkeypatch):
    """For `app.main([...])` in-process: the password from the environment, no data folder from it, no
    terminal; the root logger restored afterwards (`main` points it at a log file in the data folder)."""
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    monkeypatch.delenv("THUISZIT_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def cli(data_dir: Path, *argv: object, gebruiker: str = "Anna de Vries") -> int:
    """The command line in-process on the school in `data_dir`, as `gebruiker` (with `cli_omgeving`: the password
    from the environment); its exit status."""
    return app.main([*map(str, argv), "--data-dir", str(data_dir), "--gebruiker", gebruiker])


@pytest.fixture
def vandaag() -> date:
    return date(2026, 11, 23)
