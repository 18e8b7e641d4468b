"""The shared school database on PostgreSQL (db/server.py), on a real throwaway server (tests/pgcluster.py)."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from datetime import date, datetime

import peewee as pw
import psycopg
import pytest

from tests import pgcluster
from thuiszit_desktop.db import migrations, server
from thuiszit_desktop.db import models as m
from thuiszit_desktop.db.models import MODELS
from thuiszit_desktop.domain.audit import BEGIN_HASH, AuditInvoer, bereken_hash, controleer
from thuiszit_desktop.domain.errors import DatabaseFout, DatabaseTeNieuw, InlogFout, InvoerFout


@contextmanager
def bind(db):
    """The models on this database for a moment, as the composition root binds them for a session."""
    vorige = m.database.obj
    m.database.initialize(db)
    try:
        yield
    finally:
        m.database.initialize(vorige)


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


# --- the address --------------------------------------------------------------------------------------

def test_adres_met_standaarden():
    adres = server.lees_adres("postgresql://eigenaar@db.school.nl/thuiszit")
    assert adres == server.ServerAdres("eigenaar", "db.school.nl", "thuiszit", 5432, "verify-full", "")
    assert str(adres.als("anna de vries")) == "postgresql://anna de vries@db.school.nl:5432/thuiszit"
    assert server.lees_adres("postgresql://a@db:6000/x?sslrootcert=/etc/ca.pem").sslrootcert == "/etc/ca.pem"
    assert server.lees_adres("postgresql://a@127.0.0.1:6000/x?sslmode=disable").sslmode == "disable"


@pytest.mark.parametrize(("dsn", "reden"), [
    ("mysql://a@db/x", "postgresql://"),
    ("postgresql://a:geheim@db/x", "wachtwoord"),
    ("postgresql://db/x", "mist"),
    ("postgresql://a@db/", "mist"),
    ("postgresql://a@db:poort/x", "poort"),
    ("postgresql://a@db/x?sslmode=require", "verify-full"),
    ("postgresql://a@db/x?sslmode=disable", "deze computer zelf"),
    ("postgresql://a@db/x?host=elders", "Onbekende instelling"),
])
def test_fout_adres_geeft_een_nederlandse_melding(dsn, reden):
    with pytest.raises(InvoerFout, match=reden) as fout:
        server.lees_adres(dsn)
    assert "postgresql://naam@server.school.nl:5432/thuiszit" in fout.value.fouten["server"]


# --- connecting and the schema -----------------------------------------------------------------------

@pytest.fixture
def eigenaar_db(pg_cluster):
    """A fresh database, connected as its owner, migrated to the latest schema."""
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    db = server.verbind(server.lees_adres(pg_cluster.dsn(eigenaar, naam)), wachtwoord)
    migrations.migrate(db)
    yield db
    db.close()


def test_verkeerd_wachtwoord_en_geen_server(pg_cluster):
    naam, eigenaar, _ = pg_cluster.nieuwe_database()
    with pytest.raises(InlogFout):
        server.verbind(server.lees_adres(pg_cluster.dsn(eigenaar, naam)), "fout")
    with pytest.raises(DatabaseFout, match="niet bereikbaar"):
        server.verbind(server.ServerAdres(eigenaar, "127.0.0.1", naam, pgcluster._vrije_poort(), "disable"), "x")
    with pytest.raises(DatabaseFout, match="geen database 'bestaat_niet'"):
        server.verbind(server.ServerAdres("tzadmin", "127.0.0.1", "bestaat_niet", pg_cluster.poort, "disable"),
                       pg_cluster.wachtwoord)


_PG_TYPE = {"integer": "INTEGER", "boolean": "INTEGER", "text": "TEXT", "double precision": "REAL",
            "date": "DATE", "timestamp without time zone": "DATETIME"}
_ON_DELETE = {"a": "NO ACTION", "c": "CASCADE", "n": "SET NULL", "r": "RESTRICT", "d": "SET DEFAULT"}


def _model_schema() -> dict:
    """The models as SQLite makes them (create_tables): columns, named indexes, foreign keys per table."""
    db = pw.SqliteDatabase(":memory:")
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS)
    uit = {}
    for model in MODELS:
        t = model._meta.table_name
        kolommen = {r[1]: (r[2], bool(r[3])) for r in db.execute_sql(f'PRAGMA table_info("{t}")')}
        indexen = {r[1]: (bool(r[2]), bool(r[4]), [c[2] for c in db.execute_sql(f'PRAGMA index_info("{r[1]}")')])
                   for r in db.execute_sql(f'PRAGMA index_list("{t}")') if r[3] == "c"}
        fks = sorted((r[2], r[3], r[4], r[6]) for r in db.execute_sql(f'PRAGMA foreign_key_list("{t}")'))
        uit[t] = {"kolommen": kolommen, "indexen": indexen, "fks": fks}
    return uit


def _server_schema(db) -> dict:
    uit: dict = {}
    for t, k, type_, nullable in db.execute_sql(
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'schema_versie'"):
        uit.setdefault(t, {"kolommen": {}, "indexen": {}, "fks": []})["kolommen"][k] = (_PG_TYPE[type_],
                                                                                        nullable == "NO")
    for t, i, uniek, partieel, kolommen in db.execute_sql(
            "SELECT c.relname, ic.relname, x.indisunique, x.indpred IS NOT NULL, "
            "  array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o) "
            "        LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o) "
            "FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class ic ON ic.oid = x.indexrelid "
            "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND NOT x.indisprimary"):
        # (an expression's column has no name: None, as SQLite's index_info gives it)
        uit[t]["indexen"][i] = (uniek, partieel, list(kolommen))
    for t, doel, van, naar, actie in db.execute_sql(
            "SELECT c.relname, d.relname, a.attname, b.attname, f.confdeltype FROM pg_constraint f "
            "JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class d ON d.oid = f.confrelid "
            "JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1] "
            "JOIN pg_attribute b ON b.attrelid = f.confrelid AND b.attnum = f.confkey[1] WHERE f.contype = 'f'"):
        uit[t]["fks"].append((doel, van, naar, _ON_DELETE[actie]))
    for t in uit.values():
        t["fks"].sort()
    return uit


def test_server_schema_is_dat_van_de_modellen_en_geversioneerd(eigenaar_db):
    assert migrations.schema_version(eigenaar_db) == migrations.LATEST
    verwacht = _model_schema()
    assert verwacht["leerling"]["fks"] == [("contact", "mentor_id", "id", "SET NULL")]  # not two empty schemas
    assert _server_schema(eigenaar_db) == verwacht
    assert migrations.migrate(eigenaar_db) == migrations.LATEST  # a second run changes nothing


def test_nieuwere_serverdatabase_wordt_geweigerd(eigenaar_db):
    eigenaar_db.execute_sql(f'UPDATE "schema_versie" SET "versie" = {migrations.LATEST + 1}')
    with pytest.raises(DatabaseTeNieuw):
        migrations.migrate(eigenaar_db)


def test_datums_en_vraagtekens_zoals_in_het_bestand(eigenaar_db):
    """The services' raw SQL ("?") and its ISO date text work unchanged; peewee still gives date objects."""
    with bind(eigenaar_db):
        contact = m.Contact.create(naam="J. Jansen")
        m.Leerling.create(leerlingnummer="1001", achternaam="Bakker", voornaam="Sem", klas="2b",
                          geboortedatum=date(2012, 3, 4), inschrijfdatum=date(2024, 8, 20), mentor=contact)
        rij = eigenaar_db.execute_sql('SELECT "geboortedatum", "gewijzigd", "klas" FROM "leerling" '
                                      'WHERE "klas" = ? AND "achternaam" LIKE \'Bak%\'', ["2b"]).fetchone()
        assert rij[0] == "2012-03-04" and rij[2] == "2b"
        assert datetime.strptime(rij[1], "%Y-%m-%d %H:%M:%S")
        leerling = m.Leerling.get(m.Leerling.leerlingnummer == "1001")
        assert leerling.geboortedatum == date(2012, 3, 4) and isinstance(leerling.gewijzigd, datetime)
        assert leerling.mentor.naam == "J. Jansen"


# --- the audit trail on the server ----------------------------------------------------------------------

def test_auditketen_door_de_server_gelijk_aan_die_van_het_programma(eigenaar_db):
    """The trigger's ids and hashes are what domain/audit.py computes, also for quotes, backslashes, control
    characters and non-ASCII, so `controleer` accepts the server's chain as it is."""
    tijd = datetime(2026, 11, 23, 9, 30, 15)
    lastig = ['gesprek', 'a "b" \\ c', "regel\nnieuw\t\x01", "Zoë café €", ""]
    for i, wat in enumerate(lastig):
        eigenaar_db.execute_sql(
            'INSERT INTO "audit_regel" ("tijd", "gebruiker_id", "gebruiker_naam", "actie", "leerling_id", "wat", '
            '"vorige_hash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [tijd, i or None, "Anna de Vries", "bekeken", 7 if i % 2 else None, wat, "x", "x"])
    rijen = eigenaar_db.execute_sql('SELECT "id", "tijd", "gebruiker_id", "gebruiker_naam", "actie", '
                                    '"leerling_id", "wat", "vorige_hash", "hash" FROM "audit_regel" ORDER BY "id"')
    regels = [AuditInvoer(i, datetime.fromisoformat(t), g, n, a, ll, w, v, h) for i, t, g, n, a, ll, w, v, h in rijen]
    assert [r.id for r in regels] == [1, 2, 3, 4, 5]
    assert regels[0].vorige_hash == BEGIN_HASH
    assert regels[-1].hash == bereken_hash(regels[-1].vorige_hash, regels[-1])
    assert controleer(regels).ok


@pytest.mark.parametrize("sql", ['UPDATE "audit_regel" SET "wat" = \'anders\'', 'DELETE FROM "audit_regel"',
                                 'TRUNCATE "audit_regel"'])
def test_auditlog_kan_ook_door_de_eigenaar_niet_gewijzigd(eigenaar_db, sql):
    eigenaar_db.execute_sql('INSERT INTO "audit_regel" ("tijd", "gebruiker_naam", "actie", "wat", "vorige_hash", '
                            '"hash") VALUES (now(), \'Anna\', \'bekeken\', \'\', \'\', \'\')')
    with pytest.raises(pw.DatabaseError, match="het auditlog kan niet worden gewijzigd"):
        eigenaar_db.execute_sql(sql)
    assert eigenaar_db.execute_sql('SELECT count(*) FROM "audit_regel"').fetchone()[0] == 1


def test_het_programma_start_zonder_psycopg(eigenaar_db):
    """psycopg is loaded only for a server (db/__init__.py), and the server store does not need
    peewee to have found it."""
    code = ("import sys, thuiszit_desktop.app, thuiszit_desktop.cli, peewee; thuiszit_desktop.cli.build_parser(); "
            "print('psycopg' in sys.modules, peewee.psycopg)")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert uit.split() == ["False", "None"]
    assert pw.psycopg is None  # in this process too: the store above ran on db/server.py's own adapter
    assert eigenaar_db.execute_sql("SELECT 1").fetchone() == (1,)
