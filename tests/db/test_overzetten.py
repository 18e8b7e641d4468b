"""Moving the demo school from its encrypted file to a real throwaway PostgreSQL (db/overzetten.py), and the
same service code giving the same answers on both stores."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest

from thuiszit_desktop import demo
from thuiszit_desktop.db import migrations, overzetten, server, vertrouwelijk
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.audit import Actie
from thuiszit_desktop.domain.errors import DatabaseFout
from thuiszit_desktop.services import session

VANDAAG = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demoschool(tmp_path_factory):
    services = demo.create_demo_school(session.database_path(tmp_path_factory.mktemp("demo") / "data"), "demo",
                                       aantal=60, vandaag=VANDAAG)
    yield services
    services.close()


@pytest.fixture
def leeg(pg_cluster):
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    db = server.verbind(server.lees_adres(pg_cluster.dsn(eigenaar, naam)), wachtwoord)
    migrations.migrate(db)
    yield db
    db.close()


@contextmanager
def op(db):
    """The models (and so the service code) on `db` for a moment."""
    vorige = m.database.obj
    m.database.initialize(db)
    try:
        yield
    finally:
        m.database.initialize(vorige)


def inhoud(db) -> dict[str, list[tuple]]:
    """Every row of every table, in key order (booleans compare equal to SQLite's 0/1, dates are ISO text on
    both: db/server.py)."""
    uit = {}
    for model in m.MODELS:
        kolommen = ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields)
        sleutel = model._meta.primary_key.column_name
        uit[model._meta.table_name] = [tuple(r) for r in db.execute_sql(
            f'SELECT {kolommen} FROM "{model._meta.table_name}" ORDER BY "{sleutel}"').fetchall()]
    return uit


def test_alles_gaat_over_met_ids_en_auditketen(demoschool, leeg):
    bron = demoschool.ctx.store.db
    bron.execute_sql('INSERT INTO "lijst_cache" VALUES (?, ?)', ("k", "[]"))
    aantallen = overzetten.naar_server(bron, leeg)
    voor, na = inhoud(bron), inhoud(leeg)
    # what the file keeps for its next start does not move (a server would not keep it up to date)
    for tabel in ("signaal_cache", "lijst_cache"):
        assert na.pop(tabel) == [] and tabel not in aantallen
        voor.pop(tabel)
    assert aantallen == {t: len(rijen) for t, rijen in voor.items()}
    assert aantallen["verzuim"] > 100 and aantallen["audit_regel"] > 0 and aantallen["gesprek"] > 0
    assert na == voor  # audit_regel included: the server's trigger made the very same ids and hashes
    # the envelopes of vertrouwelijk text arrived as they were: still encrypted
    velden = m.Gesprek._meta.sorted_field_names
    geheim = [r[velden.index("samenvatting")] for r in na["gesprek"] if r[velden.index("vertrouwelijk")]]
    assert geheim and all(vertrouwelijk.is_envelop(t) for t in geheim)
    # new rows continue after the moved ids
    nieuw = leeg.execute_sql("INSERT INTO vrije_dag (datum, omschrijving) VALUES ('2027-06-01', 'Studiedag') "
                             "RETURNING id").fetchone()[0]
    assert nieuw > max(r[0] for r in voor["vrije_dag"] or [(0,)])


def test_dezelfde_signalen_op_de_server(demoschool, leeg, monkeypatch):
    """The services' raw SQL (the whole school's signals and levels) gives the same on the server."""
    overzetten.naar_server(demoschool.ctx.store.db, leeg)
    signalen = demoschool.signalen
    with op(demoschool.ctx.store.db):  # a test before this one may have pointed the models at its own school
        verwacht = signalen._overzicht(VANDAAG, None)
    gevraagd = []
    origineel = server.ServerDatabase.execute_sql
    monkeypatch.setattr(server.ServerDatabase, "execute_sql",
                        lambda self, sql, params=None: gevraagd.append(sql) or origineel(self, sql, params))
    with op(leeg):
        op_server = signalen._overzicht(VANDAAG, None)
    assert any('"verzuim"' in q for q in gevraagd)  # it was the server that answered
    assert verwacht.signalen and verwacht.niveaus and op_server == verwacht


def test_niet_naar_een_volle_server(demoschool, leeg):
    overzetten.naar_server(demoschool.ctx.store.db, leeg)
    with pytest.raises(DatabaseFout, match="niet leeg"):
        overzetten.naar_server(demoschool.ctx.store.db, leeg)


def test_een_gewijzigd_auditlog_gaat_niet_over(services, leeg):
    """An entry changed in the file behind the program's back (triggers dropped) makes the chain differ on the
    server: nothing is moved."""
    for wat in ("leerling", "dossier"):
        with services.ctx.action():
            services.ctx.audit(Actie.BEKEKEN, wat=wat)
    db = services.ctx.store.db
    db.execute_sql('DROP TRIGGER "audit_regel_geen_wijziging"')
    db.execute_sql("UPDATE audit_regel SET wat = 'iets anders' WHERE id = (SELECT min(id) FROM audit_regel)")
    with pytest.raises(DatabaseFout, match="niet ongeschonden"):
        overzetten.naar_server(db, leeg)
    assert leeg.execute_sql("SELECT count(*) FROM gebruiker").fetchone() == (0,)
