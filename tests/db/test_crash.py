"""Killed at random moments (SIGKILL, seeded) during saves, imports and backups, the database still
opens, passes PRAGMA integrity_check and holds each action whole or not at all; no half backup remains
that a restore would take."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop.db import backup
from thuiszit_desktop.services import session

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

WORKER = Path(__file__).with_name("crash_worker.py")
ROUNDS = 3  # each round starts a Python process (~1 s); the file stays under ~30 s
LEERLINGEN = 60


@pytest.fixture
def school(db_path: Path, tmp_path: Path) -> bytes:
    """A school with students (imported: one transaction); returns the database key."""
    services = session.create_school(db_path, SCHOOL, "Anna de Vries", WACHTWOORD, WACHTWOORD)
    try:
        csv = tmp_path / "leerlingen.csv"
        csv.write_text("leerlingnummer;voornaam;achternaam;geboortedatum;klas;inschrijfdatum\n" + "".join(
            f"{100000 + n};Fictief;Leerling{n};01-03-2012;2B;01-08-2024\n" for n in range(LEERLINGEN)),
            encoding="utf-8")
        services.importeren.leerlingen(csv, vandaag=date(2026, 7, 31))
        return services.ctx.store.key
    finally:
        services.close()


def kill_at_random(mode: str, db_path: Path, rng: random.Random, run: int) -> None:
    """Start the worker, let it work for a random moment, SIGKILL it. In the last round it first finishes
    one action, so each test surely has something to count, however busy the machine."""
    proc = subprocess.Popen([sys.executable, str(WORKER), mode, str(db_path), str(run)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout.readline().strip() == "klaar", proc.stderr.read()
        if run == ROUNDS - 1:
            assert proc.stdout.readline().strip() == "gedaan", proc.stderr.read()
        time.sleep(rng.uniform(0.01, 0.4))
        assert proc.poll() is None, f"the worker stopped by itself: {proc.stderr.read()}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def rows(db_path: Path, key: bytes, sql: str) -> list[tuple]:
    conn = backup.connect(db_path, key)
    try:
        assert backup.integrity_ok(conn), "PRAGMA integrity_check is not ok"
        return [tuple(r) for r in conn.execute(sql).fetchall()]
    finally:
        conn.close()


def opens(db_path: Path) -> None:
    """The app itself opens it (integrity check at opening included)."""
    session.login(db_path, "Anna de Vries", WACHTWOORD).close()


def test_killed_while_saving_students(school, db_path):
    rng = random.Random(6001)
    for run in range(ROUNDS):
        kill_at_random("save", db_path, rng, run)
        ouders = rows(db_path, school, "SELECT l.leerlingnummer, count(o.id) FROM leerling l "
                                       "LEFT JOIN ouder o ON o.leerling_id = l.id WHERE l.klas = '9Z' "
                                       "GROUP BY l.id")
        assert {n for _nr, n in ouders} <= {3}, "a student was saved without all of their ouders"
        opens(db_path)
    assert len(ouders) > 0, "the worker never saved a student: the test proves nothing"


def test_killed_while_importing_verzuim(school, db_path):
    rng = random.Random(6002)
    for run in range(ROUNDS):
        kill_at_random("import", db_path, rng, run)
        per_dag = rows(db_path, school, "SELECT datum, count(*), count(DISTINCT leerling_id) FROM verzuim "
                                        "GROUP BY datum")
        assert all(n == leerlingen == LEERLINGEN for _d, n, leerlingen in per_dag), per_dag
        opens(db_path)
    assert len(per_dag) > 0, "the worker never finished an import: the test proves nothing"


def test_killed_while_making_backups(school, db_path):
    rng = random.Random(6003)
    folder = db_path.parent / "backups"
    for run in range(ROUNDS):
        kill_at_random("backup", db_path, rng, run)
        finals = sorted(folder.glob(f"*{backup.SUFFIX}"))
        for path in finals:  # a file with a backup's name is a whole, good backup
            assert backup.check(path, school, backup.read_manifest(path).database_id, db_path).aantallen["leerlingen"] == LEERLINGEN
        assert sorted(b.pad for b in backup.list_backups(folder)) == finals
        rows(db_path, school, "SELECT 1")
        opens(db_path)
    assert finals, "the worker never finished a backup: the test proves nothing"
