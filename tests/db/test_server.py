"""The shared school database on PostgreSQL (db/server.py), on a real throwaway server (tests/pgcluster.py)."""

from __future__ import annotations

import psycopg
import pytest

import pgcluster


def test_zonder_postgresql_overgeslagen_met_het_commando(monkeypatch):
    monkeypatch.setattr(pgcluster, "_bin_dir", lambda: None)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y postgresql"):
        next(pgcluster.pg_cluster_fixture())


def test_testserver_luistert_alleen_op_loopback(pg_cluster):
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    with psycopg.connect(host="127.0.0.1", port=pg_cluster.poort, user=eigenaar, password=wachtwoord,
                         dbname=naam) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
        assert conn.execute("SHOW server_version_num").fetchone()[0] >= "150000"
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone() == (False,)
