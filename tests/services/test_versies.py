"""Optimistic locking (services/versies.py): a change to what someone else changed since it was opened is
refused with the other change – on the file (two sessions one after the other) and on a real server (two
connections, the second waiting on the first's row lock)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from tests.db.test_overzetten import op
from thuiszit_desktop import demo
from thuiszit_desktop.db import migrations, overzetten, server
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import Conflict
from thuiszit_desktop.domain.gesprek import GesprekType
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session, versies

VANDAAG = dt.date(2026, 11, 23)


@pytest.fixture
def met_gesprek(services):
    services.leerlingen.opslaan(Leerling(leerlingnummer="1001", voornaam="Zoë", achternaam="Bakker",
                                         geboortedatum=dt.date(2012, 3, 5), inschrijfdatum=dt.date(2024, 8, 1),
                                         klas="2B"), VANDAAG)
    gesprek = services.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, "Eerste versie",
                                                     vandaag=VANDAAG)
    return services, gesprek


def test_een_verouderde_wijziging_wordt_geweigerd_met_de_andere(met_gesprek):
    services, gesprek = met_gesprek
    assert gesprek.rijversie == 1
    # two screens opened the gesprek at version 1; the first saves
    eerste = services.gesprekken.gesprek_bijwerken(gesprek.id, samenvatting="Van de ander", versie=1,
                                                  vandaag=VANDAAG)
    assert eerste.rijversie == 2
    with pytest.raises(Conflict) as fout:
        services.gesprekken.gesprek_bijwerken(gesprek.id, samenvatting="Van mij", datum=VANDAAG - dt.timedelta(1),
                                             versie=1, vandaag=VANDAAG)
    assert fout.value.anders["samenvatting"] == "Van de ander"
    assert "Iemand anders heeft dit gesprek gewijzigd" in str(fout.value)
    nu = services.gesprekken.gesprek(gesprek.id)
    assert (nu.samenvatting, nu.datum, nu.rijversie) == ("Van de ander", VANDAAG, 2)  # nothing of the stale one
    # with the version now seen it saves; without a version (a script) it saves and still counts
    assert services.gesprekken.gesprek_bijwerken(gesprek.id, samenvatting="Van mij", versie=2,
                                                vandaag=VANDAAG).rijversie == 3
    assert services.gesprekken.gesprek_bijwerken(gesprek.id, deelnemers="Ouders", vandaag=VANDAAG).rijversie == 4


def test_twee_sessies_op_het_bestand(met_gesprek, db_path):
    """The file: a second session (the same database, opened again after the first closed) with an old version."""
    services, gesprek = met_gesprek
    services.gesprekken.gesprek_bijwerken(gesprek.id, samenvatting="Ochtend", versie=gesprek.rijversie,
                                         vandaag=VANDAAG)
    services.close()
    from tests.conftest import WACHTWOORD

    tweede = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        with pytest.raises(Conflict):
            tweede.gesprekken.gesprek_bijwerken(gesprek.id, samenvatting="Middag", versie=gesprek.rijversie,
                                               vandaag=VANDAAG)
        assert tweede.gesprekken.gesprek(gesprek.id).samenvatting == "Ochtend"
    finally:
        tweede.close()


@pytest.fixture
def op_server(pg_cluster, tmp_path):
    """The demo school on a throwaway server, and a second connection as its owner: two clients."""
    services = demo.create_demo_school(session.database_path(tmp_path / "demo"), "demo", aantal=10,
                                       vandaag=VANDAAG)
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    adres = server.lees_adres(pg_cluster.dsn(eigenaar, naam))
    een, twee = server.verbind(adres, wachtwoord), server.verbind(adres, wachtwoord)
    migrations.migrate(een)
    overzetten.naar_server(services.ctx.store.db, een)
    services.close()
    yield een, twee, lambda: pg_cluster.admin(naam)
    een.close()
    twee.close()


def test_twee_clients_op_de_server(op_server):
    een, twee, admin = op_server
    with op(een):
        gesprek_id = m.Gesprek.select(m.Gesprek.id).where(~m.Gesprek.vertrouwelijk).scalar()
        gezien = versies.versie(m.Gesprek, gesprek_id)
    # client een changes the row and holds it until commit; client twee (the program's code) saves the same
    # version meanwhile. The models' database is one for the process: it is twee's, een writes plain SQL.
    uitkomst: list = []

    def tweede_client():
        try:
            with twee.atomic():
                versies.opslaan(m.Gesprek, gesprek_id, {"deelnemers": "Twee"}, gezien, "dit gesprek")
            uitkomst.append("opgeslagen")
        except Conflict as exc:
            uitkomst.append(exc)

    draad = threading.Thread(target=tweede_client)
    with op(twee):
        with een.atomic():
            een.execute_sql('UPDATE "gesprek" SET "deelnemers" = ?, "rijversie" = "rijversie" + 1 '
                            'WHERE "id" = ? AND "rijversie" = ?', ["Een", gesprek_id, gezien])
            draad.start()
            with admin() as conn:  # twee's UPDATE waits on een's row lock
                while draad.is_alive() and not conn.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND datname = current_database()").fetchone()[0]:
                    conn.execute("SELECT pg_stat_clear_snapshot()")
            assert not uitkomst  # still waiting: nothing saved over een's change
        draad.join()
    assert len(uitkomst) == 1 and isinstance(uitkomst[0], Conflict)
    assert uitkomst[0].anders == {"deelnemers": "Een"}
    with op(een):
        assert m.Gesprek.get_by_id(gesprek_id).deelnemers == "Een"
        assert versies.versie(m.Gesprek, gesprek_id) == gezien + 1


def test_een_traject_en_de_andere_wijzigingen_tellen_mee(met_gesprek):
    """Every edit of a traject raises its version – also a step or a close a screen did not pass one for –
    so a form opened before any of them is refused."""
    from thuiszit_desktop.domain.traject import Categorie, Stap

    services, _gesprek = met_gesprek
    traject = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim",
                                        geopend=VANDAAG - dt.timedelta(10), vandaag=VANDAAG)
    gezien = traject.rijversie
    services.trajecten.stap_wijzigen(traject.id, Stap(2), vandaag=VANDAAG)
    with pytest.raises(Conflict, match="dit traject"):
        services.trajecten.bijwerken(traject.id, aanleiding="Mijn aanvulling", versie=gezien)
    assert services.trajecten.get(traject.id).aanleiding == "Veel verzuim"
    nu = services.trajecten.get(traject.id).rijversie
    assert services.trajecten.bijwerken(traject.id, aanleiding="Mijn aanvulling", versie=nu).rijversie == nu + 1
