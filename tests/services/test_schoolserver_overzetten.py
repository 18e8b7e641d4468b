"""`server overzetten` both ways on a real throwaway PostgreSQL, with the demo school: every row there and back,
the audit chain verified, all or nothing, and a Dutch refusal for each thing that can be wrong."""

from __future__ import annotations

from datetime import date

import pytest

from tests.db.test_overzetten import inhoud
from thuiszit_desktop import demo
from thuiszit_desktop.db import identity, migrations, server, vertrouwelijk
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import DatabaseBestaatAl, DatabaseFout, GeenToegang, InlogFout, InvoerFout
from thuiszit_desktop.domain.gebruiker import naam_sleutel
from thuiszit_desktop.services import schoolserver, session

VANDAAG = date(2026, 11, 23)
ZORG = demo.DEMO_GEBRUIKER  # the demo school's zorgcoördinator, password "demo"


@pytest.fixture
def demomap(tmp_path):
    data = tmp_path / "demo"
    demo.create_demo_school(session.database_path(data), "demo", aantal=40, vandaag=VANDAAG).close()
    return data


@pytest.fixture
def doel(pg_cluster):
    """An empty database; its logins go again afterwards, as they are the whole cluster's (tests/pgcluster.py)."""
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    yield pg_cluster.dsn(eigenaar, naam), wachtwoord
    with pg_cluster.admin() as conn:
        for login in (naam_sleutel(ZORG), naam_sleutel(demo.DEMO_MENTOR), naam_sleutel(demo.DEMO_LEZER),
                      "mila mentor"):
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def _demo_zorg(data) -> str:
    services = session.login(session.database_path(data), ZORG, "demo", lezend=True)
    try:
        return services.gebruiker.naam
    finally:
        services.close()


def _zonder_id(rijen: dict) -> dict:
    rijen = dict(rijen)
    rijen["instelling"] = [r for r in rijen["instelling"] if r[0] != identity.SETTING_ID]
    return rijen


def test_heen_en_terug_met_alle_rijen(demomap, doel, pg_cluster, tmp_path):
    dsn, eigenaar = doel
    pad = session.database_path(demomap)
    services = session.login(pad, ZORG, "demo", lezend=True)
    voor = inhoud(services.ctx.store.db)
    services.close()

    heen = schoolserver.naar_server(pad, ZORG, "demo", dsn, eigenaar).aantallen
    assert heen["verzuim"] > 100 and heen["audit_regel"] > 0
    # the zorgcoördinator logs in on the server with their own login and password
    adres = server.lees_adres(dsn)
    als_zorg = server.verbind(adres.als(naam_sleutel(ZORG)), "demo")
    assert als_zorg.execute_sql("SELECT count(*) FROM leerling").fetchone()[0] == len(voor["leerling"])
    als_zorg.close()
    # the planner has its statistics at once, not only when autovacuum gets round to the copied tables
    with pg_cluster.admin(adres.database) as conn:
        assert conn.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'verzuim'").fetchone()[0]

    terug_pad = session.database_path(tmp_path / "terug")
    terug = schoolserver.naar_bestand(dsn, eigenaar, ZORG, "demo", terug_pad, sleutels_van=demomap)
    assert terug == {**heen, "instelling": heen["instelling"] - 1}  # all but the old file's id
    # and the program logs in on the server: signed rows accepted, vertrouwelijk text readable with the file's key
    op_server = session.login_server(dsn, ZORG, "demo")
    try:
        assert len(op_server.leerlingen.lijst()) == len(voor["leerling"])
        geheim = m.Gesprek.select().where(m.Gesprek.vertrouwelijk).first()
        assert geheim and op_server.gesprekken.gesprek(geheim.id).samenvatting != vertrouwelijk.ONLEESBAAR
    finally:
        op_server.close()
    services = session.login(terug_pad, ZORG, "demo")  # opens, its audit check at start in order
    try:
        assert services.audit.uitslag.ok
        na = inhoud(services.ctx.store.db)
        # every row as it was, the login of just now after it; only the id of the new file differs
        na["audit_regel"] = na["audit_regel"][:len(voor["audit_regel"])]
        na["gebruiker"] = [r[:-1] for r in na["gebruiker"]]  # signed again with the new file's key
        voor["gebruiker"] = [r[:-1] for r in voor["gebruiker"]]
        assert _zonder_id(na) == _zonder_id(voor)
        # vertrouwelijk text opens with the zorgcoördinators' key the file brought back
        geheim = m.Gesprek.select().where(m.Gesprek.vertrouwelijk).first()
        assert geheim and not vertrouwelijk.is_envelop(str(geheim.samenvatting))
        assert str(geheim.samenvatting) != vertrouwelijk.ONLEESBAAR
    finally:
        services.close()


def test_terug_zonder_sleutel_van_de_vertrouwelijke_teksten_geweigerd(demomap, doel, tmp_path):
    dsn, eigenaar = doel
    schoolserver.naar_server(session.database_path(demomap), ZORG, "demo", dsn, eigenaar)
    pad = session.database_path(tmp_path / "terug")
    with pytest.raises(DatabaseFout, match="--sleutels-van"):
        schoolserver.naar_bestand(dsn, eigenaar, ZORG, "demo", pad)
    assert not session.database_exists(pad)


def test_weigeringen(demomap, doel, pg_cluster, tmp_path):
    dsn, eigenaar = doel
    pad = session.database_path(demomap)
    with pytest.raises(InlogFout):
        schoolserver.naar_server(pad, ZORG, "fout", dsn, eigenaar)
    with pytest.raises(InlogFout):
        schoolserver.naar_server(pad, ZORG, "demo", dsn, "fout-eigenaar")
    # port 1: nobody listens there (the next port up may be another pytest-xdist worker's cluster)
    onbereikbaar = "postgresql://x@127.0.0.1:1/x?sslmode=disable"
    with pytest.raises(DatabaseFout, match="niet bereikbaar"):
        schoolserver.naar_server(pad, ZORG, "demo", onbereikbaar, eigenaar)
    # a login of that name on the server already: nothing moved, not even the schema
    with pg_cluster.admin() as conn:
        conn.execute(f'CREATE ROLE "{naam_sleutel(ZORG)}"')
    with pytest.raises(InvoerFout, match="bestaat al een login"):
        schoolserver.naar_server(pad, ZORG, "demo", dsn, eigenaar)
    eigen = server.verbind(server.lees_adres(dsn), eigenaar)
    assert migrations.schema_version(eigen) == 0
    eigen.close()
    with pg_cluster.admin() as conn:
        conn.execute(f'DROP ROLE "{naam_sleutel(ZORG)}"')
    schoolserver.naar_server(pad, ZORG, "demo", dsn, eigenaar)
    with pytest.raises(DatabaseFout, match="staat al een schooldatabase"):
        schoolserver.naar_server(pad, ZORG, "demo", dsn, eigenaar)
    # the way back: only a zorgcoördinator with their server password, never over an existing database
    with pytest.raises(InlogFout):
        schoolserver.naar_bestand(dsn, eigenaar, ZORG, "fout", session.database_path(tmp_path / "a"))
    with pytest.raises(DatabaseBestaatAl):
        schoolserver.naar_bestand(dsn, eigenaar, ZORG, "demo", pad, sleutels_van=demomap)


def test_een_mentor_zet_niet_over(services, doel):
    dsn, eigenaar = doel
    with services.ctx.action():
        m.Leerling.create(leerlingnummer="9001", voornaam="Test", achternaam="Leerling",
                          geboortedatum=date(2012, 1, 1), klas="1A", inschrijfdatum=date(2024, 8, 20))
    services.gebruikers.toevoegen("Mila Mentor", "mentor", ["1A"], "geheim-wachtwoord-1", "geheim-wachtwoord-1")
    pad = services.database_path
    services.close()
    with pytest.raises(GeenToegang):
        schoolserver.naar_server(pad, "Mila Mentor", "geheim-wachtwoord-1", dsn, eigenaar)


def test_backup_van_de_server_zet_terug_in_een_bestand(demomap, doel, tmp_path):
    """`backup` in server mode: the usual .tzbackup, which restores into a file that opens with the same data."""
    from thuiszit_desktop.db import backup, keys
    from thuiszit_desktop.services.backups import terugzetten_bij_start

    dsn, eigenaar = doel
    pad = session.database_path(demomap)
    services = session.login(pad, ZORG, "demo", lezend=True)
    voor = inhoud(services.ctx.store.db)
    services.close()
    sleutel = keys.KeyRing.load(keys.KeyRing.for_database(pad)).open(ZORG, "demo").vertrouwelijk
    schoolserver.naar_server(pad, ZORG, "demo", dsn, eigenaar)

    db = server.verbind(server.lees_adres(dsn), eigenaar)
    try:
        with pytest.raises(DatabaseFout, match="geen back-up gemaakt"):  # without the key: texts lost
            schoolserver.backup_maken(db, ZORG, "demo", None, tmp_path / "backups")
        eerste = schoolserver.backup_maken(db, ZORG, "demo", sleutel, tmp_path / "backups")
        tweede = schoolserver.backup_maken(db, ZORG, "demo", sleutel, tmp_path / "backups")
    finally:
        db.close()
    assert eerste.pad.suffix == ".tzbackup" and eerste.manifest.aantallen["leerlingen"] == len(voor["leerling"])
    # the backups of one server school are of one database (rotation and restore go by it): the file's own id
    assert eerste.manifest.database_id == tweede.manifest.database_id == voor_id(voor)
    # …so rotation treats them as one line: of one day, the newest stays
    assert [b.pad for b in backup.list_backups(tmp_path / "backups")] == [tweede.pad]

    hersteld = session.database_path(tmp_path / "hersteld")
    info = terugzetten_bij_start(tweede.pad, hersteld, ZORG, "demo")
    assert info.aantallen["verzuimregels"] == len(voor["verzuim"])
    services = session.login(hersteld, ZORG, "demo")
    try:
        assert services.audit.uitslag.ok
        na = inhoud(services.ctx.store.db)
        na["audit_regel"] = na["audit_regel"][:len(voor["audit_regel"])]
        for rijen in (na, voor):
            rijen["gebruiker"] = [r[:-1] for r in rijen["gebruiker"]]
            rijen["instelling"] = [r for r in rijen["instelling"] if r[0] != "database.tak"]
        assert na == voor
        geheim = m.Gesprek.select().where(m.Gesprek.vertrouwelijk).first()
        assert geheim and not vertrouwelijk.is_envelop(str(geheim.samenvatting))
    finally:
        services.close()


def voor_id(rijen: dict) -> str:
    import json

    return json.loads(next(r[1] for r in rijen["instelling"] if r[0] == identity.SETTING_ID))


def test_de_andere_gebruikers_krijgen_een_login_met_een_eenmalig_wachtwoord(demomap, doel):
    """After the move every active user can log in on the server: a one-time password each, handed over by the
    zorgcoördinator, replaced by their own at the first login; their role and klassen as in the file."""
    dsn, eigenaar = doel
    gedaan = schoolserver.naar_server(session.database_path(demomap), ZORG, "demo", dsn, eigenaar)
    assert sorted(gedaan.wachtwoorden) == sorted([demo.DEMO_MENTOR, demo.DEMO_LEZER])
    assert len(set(gedaan.wachtwoorden.values())) == 2 and "demo" not in gedaan.wachtwoorden.values()
    eenmalig = gedaan.wachtwoorden[demo.DEMO_MENTOR]
    with pytest.raises(InlogFout):  # their file password was never on the server
        session.login_server(dsn, demo.DEMO_MENTOR, "demo")

    mentor = session.login_server(dsn, demo.DEMO_MENTOR, eenmalig)
    try:
        assert session.eigen_wachtwoord_nodig(mentor)
        klassen = set(mentor.gebruiker.klassen)
        assert klassen and {le.klas for le in mentor.leerlingen.lijst()} <= klassen
        assert not mentor.ctx.store.sleutels.zorg  # a mentor's slot: no confidential key
        mentor.gebruikers.wachtwoord_wijzigen(eenmalig, "Zelf-gekozen-2026", "Zelf-gekozen-2026")
    finally:
        mentor.close()
    with pytest.raises(InlogFout):
        session.login_server(dsn, demo.DEMO_MENTOR, eenmalig)  # once only: the server has the new one now
    mentor = session.login_server(dsn, demo.DEMO_MENTOR, "Zelf-gekozen-2026")
    try:
        assert not session.eigen_wachtwoord_nodig(mentor)
    finally:
        mentor.close()
    db = server.verbind(server.lees_adres(dsn), eigenaar)
    try:  # the alleen-lezen login is in the server's lezer group, with a slot of its own
        assert db.execute_sql("SELECT pg_has_role(%s, 'thuiszit_lezer', 'MEMBER')",
                              [naam_sleutel(demo.DEMO_LEZER)]).fetchone()[0]
        assert db.execute_sql("SELECT count(*) FROM sleutel_slot").fetchone()[0] == 3
    finally:
        db.close()
