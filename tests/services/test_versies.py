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
from thuiszit_desktop.domain import formaat
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


# --- every edit checks its version, on both stores ------------------------------------------------------

@pytest.fixture
def met_traject(met_gesprek):
    from thuiszit_desktop.domain.traject import Categorie

    services, _gesprek = met_gesprek
    traject = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim",
                                        geopend=VANDAAG - dt.timedelta(30), vandaag=VANDAAG)
    return services, traject


def _geweigerd(doe, wat: str, veld: str, hun, mijn) -> Conflict:
    with pytest.raises(Conflict) as fout:
        doe()
    assert f"Iemand anders heeft {wat} gewijzigd" in str(fout.value)
    assert fout.value.anders[veld] == hun and fout.value.mijn[veld] == mijn  # theirs beside mine
    # who saved theirs and when (here the same user in another screen)
    assert fout.value.wie == "Anna de Vries" and fout.value.wanneer is not None
    assert f"nadat u het opende (Anna de Vries, {formaat.tijdstip(fout.value.wanneer)})." in str(fout.value)
    return fout.value


@pytest.mark.beide_stores
def test_een_actiepunt(met_traject):
    services, _traject = met_traject
    a = services.actiepunten.actiepunt_toevoegen("1001", "Mentor belt thuis", "Anna de Vries",
                                                 VANDAAG + dt.timedelta(7), vandaag=VANDAAG)
    gezien = a.rijversie
    services.actiepunten.actiepunt_wijzigen(a.id, wat="Mentor belt vrijdag", versie=gezien)
    _geweigerd(lambda: services.actiepunten.actiepunt_wijzigen(a.id, wat="Ik bel zelf",
                                                               uiterlijk=VANDAAG + dt.timedelta(3), versie=gezien),
               "dit actiepunt", "wat", "Mentor belt vrijdag", "Ik bel zelf")
    nu = services.actiepunten.actiepunt(a.id)
    assert (nu.wat, nu.uiterlijk, nu.rijversie) == ("Mentor belt vrijdag", VANDAAG + dt.timedelta(7), gezien + 1)
    with pytest.raises(Conflict):  # marking it done on the old reading is refused too
        services.actiepunten.actiepunt_status(a.id, "gedaan", vandaag=VANDAAG, versie=gezien)
    assert services.actiepunten.actiepunt(a.id).status.value == "open"
    assert services.actiepunten.actiepunt_status(a.id, "gedaan", vandaag=VANDAAG,
                                                 versie=nu.rijversie).rijversie == nu.rijversie + 1


@pytest.mark.beide_stores
def test_een_mdo_en_zijn_besluiten_en_actiepunten(met_traject):
    services, traject = met_traject
    mdo = services.mdo.mdo_vastleggen(traject.id, VANDAAG - dt.timedelta(2), agenda="Agenda", verslag="",
                                      besluiten=["Jeugdarts erbij"], vandaag=VANDAAG)
    gezien = mdo.rijversie
    services.mdo.mdo_bijwerken(mdo.id, verslag="Verslag van de ander", versie=gezien)
    _geweigerd(lambda: services.mdo.mdo_bijwerken(mdo.id, verslag="Mijn verslag", deelnemers=[], versie=gezien),
               "dit MDO", "verslag", "Verslag van de ander", "Mijn verslag")
    nu = services.mdo.mdo(mdo.id)
    assert nu.verslag == "Verslag van de ander" and nu.rijversie == gezien + 1
    # a besluit or actiepunt added to it by someone else is a change to the MDO: an older form is told
    services.mdo.besluit_toevoegen(mdo.id, "Evaluatie in december")
    services.mdo.mdo_actiepunt(mdo.id, "Jeugdarts bellen", "Anna de Vries", VANDAAG + dt.timedelta(5))
    with pytest.raises(Conflict):
        services.mdo.mdo_bijwerken(mdo.id, verslag="Mijn verslag", versie=nu.rijversie)
    nu = services.mdo.mdo(mdo.id)
    assert nu.verslag == "Verslag van de ander" and len(nu.besluiten) == 2 and len(nu.actiepunten) == 1
    assert services.mdo.mdo_bijwerken(mdo.id, verslag="Mijn verslag", versie=nu.rijversie).verslag == "Mijn verslag"


@pytest.mark.beide_stores
def test_een_plan_van_aanpak(met_traject):
    from dataclasses import replace

    services, traject = met_traject
    plan = services.plannen.nieuw(traject.id, vandaag=VANDAAG)
    services.plannen.opslaan(replace(plan, leerling_wil="Van de ander"), vandaag=VANDAAG)
    _geweigerd(lambda: services.plannen.opslaan(replace(plan, leerling_wil="Van mij", analyse="Mijn analyse"),
                                                vandaag=VANDAAG),
               "dit plan van aanpak", "leerling_wil", "Van de ander", "Van mij")
    nu = services.plannen.get(plan.id)
    assert (nu.leerling_wil, nu.analyse) == ("Van de ander", plan.analyse)
    assert services.plannen.opslaan(replace(nu, leerling_wil="Van mij"), vandaag=VANDAAG).leerling_wil == "Van mij"


@pytest.mark.beide_stores
def test_de_analyse(met_traject):
    from thuiszit_desktop.domain.traject import Domein, Factoren

    services, traject = met_traject
    leeg = services.trajecten.analyse(traject.id)
    assert leeg.rijversie == 0  # none yet: a second user adding one first is a conflict as well

    def met(tekst: str, gezien):
        from dataclasses import replace
        return replace(leeg, factoren={**leeg.factoren, Domein.THUIS: Factoren(tekst, "")}, rijversie=gezien)

    eerste = services.trajecten.analyse_opslaan(traject.id, met("Van de ander", 0), vandaag=VANDAAG)
    with pytest.raises(Conflict):
        services.trajecten.analyse_opslaan(traject.id, met("Van mij", 0), vandaag=VANDAAG)
    services.trajecten.analyse_opslaan(traject.id, met("Weer van de ander", eerste.rijversie), vandaag=VANDAAG)
    _geweigerd(lambda: services.trajecten.analyse_opslaan(traject.id, met("Van mij", eerste.rijversie),
                                                          vandaag=VANDAAG),
               "de analyse", "thuis_risico", "Weer van de ander", "Van mij")
    assert services.trajecten.analyse(traject.id).factoren[Domein.THUIS].risico == "Weer van de ander"


@pytest.mark.beide_stores
def test_een_leerling(met_gesprek):
    from dataclasses import replace

    from thuiszit_desktop.domain.leerling import Ouder

    services, _gesprek = met_gesprek
    zoe = services.leerlingen.get("1001")
    services.leerlingen.opslaan(replace(zoe, klas="3B"), VANDAAG)
    # the stale save would also replace the ouders: none of it is written
    _geweigerd(lambda: services.leerlingen.opslaan(replace(zoe, klas="2C", ouders=(Ouder("Mila Bakker"),)),
                                                   VANDAAG),
               "deze leerling", "klas", "3B", "2C")
    nu = services.leerlingen.get("1001")
    assert (nu.klas, nu.ouders) == ("3B", ())
    assert services.leerlingen.opslaan(replace(nu, klas="2C"), VANDAAG).klas == "2C"


@pytest.mark.beide_stores
def test_verwijderd_door_een_ander(met_traject):
    services, _traject = met_traject
    a = services.actiepunten.actiepunt_toevoegen("1001", "Mentor belt thuis", "Anna de Vries",
                                                 VANDAAG + dt.timedelta(7), vandaag=VANDAAG)
    services.actiepunten.actiepunt_verwijderen(a.id)
    from thuiszit_desktop.domain.errors import NietGevonden

    with pytest.raises(NietGevonden, match="bestaat niet meer"):
        services.actiepunten.actiepunt_wijzigen(a.id, wat="Ik bel zelf", versie=a.rijversie)


def test_ongedaan_maken_zet_geen_oudere_versie_terug(met_gesprek):
    """An undo that comes after the row is back (undone twice, from two screens) changes nothing and says so."""
    from thuiszit_desktop.domain.errors import InvoerFout

    services, gesprek = met_gesprek
    weg = services.gesprekken.gesprek_verwijderen(gesprek.id)
    services.ongedaan.herstel(weg)
    services.gesprekken.gesprek_bijwerken(gesprek.id, samenvatting="Later aangevuld", versie=gesprek.rijversie,
                                         vandaag=VANDAAG)
    with pytest.raises(InvoerFout, match="iemand anders heeft het intussen teruggezet of opnieuw opgeslagen"):
        services.ongedaan.herstel(weg)
    assert services.gesprekken.gesprek(gesprek.id).samenvatting == "Later aangevuld"


def test_verwijderen_op_de_server_bewaart_de_nieuwste_versie_voor_ongedaan_maken(op_server):
    """Client een changes a gesprek and holds it until commit; client twee deletes it meanwhile. The undo
    snapshot of twee must hold een's change (read after een's commit, FOR UPDATE), or undoing the delete
    would put the older text back over it."""
    from thuiszit_desktop.services.ongedaan import Opname

    een, twee, admin = op_server
    with op(een):
        gesprek_id = m.Gesprek.select(m.Gesprek.id).where(~m.Gesprek.vertrouwelijk).scalar()
    uitkomst: list = []

    def tweede_client():
        with twee.atomic():
            opname = Opname("Gesprek", ())
            opname.rijen(m.Gesprek, m.Gesprek.id == gesprek_id)
            m.Gesprek.delete().where(m.Gesprek.id == gesprek_id).execute()
        uitkomst.append(opname.klaar())

    draad = threading.Thread(target=tweede_client)
    with op(twee):
        with een.atomic():
            een.execute_sql('UPDATE "gesprek" SET "deelnemers" = ?, "rijversie" = "rijversie" + 1 WHERE "id" = ?',
                            ["Een", gesprek_id])
            draad.start()
            with admin() as conn:  # twee waits on een's row lock
                while draad.is_alive() and not conn.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND datname = current_database()").fetchone()[0]:
                    conn.execute("SELECT pg_stat_clear_snapshot()")
        draad.join()
    (tabel, rij), *_ = uitkomst[0].rijen
    assert tabel == "gesprek" and rij["deelnemers"] == "Een"


@pytest.mark.beide_stores
def test_het_mdo_formulier_slaat_alles_of_niets_op(met_traject):
    """mdo_opslaan: the MDO's fields, its besluiten and actiepunten in one transaction – a refused row (or a
    stale version) leaves the verslag and the new besluit unsaved too."""
    from thuiszit_desktop.domain.errors import InvoerFout

    services, traject = met_traject
    mdo = services.mdo.mdo_vastleggen(traject.id, VANDAAG - dt.timedelta(2), agenda="Agenda",
                                      besluiten=["Jeugdarts erbij"], vandaag=VANDAAG)
    (besluit,) = mdo.besluiten
    with pytest.raises(InvoerFout) as fout:
        services.mdo.mdo_opslaan(mdo.id, versie=mdo.rijversie, verslag="Verslag",
                                 besluiten=[None, (None, "Evaluatie in december")],
                                 actiepunten=[(None, "", "Anna de Vries", VANDAAG + dt.timedelta(3), None)])
    assert list(fout.value.fouten) == ["actiepunt1.wat"]
    with pytest.raises(Conflict):
        services.mdo.mdo_opslaan(mdo.id, versie=mdo.rijversie - 1, verslag="Verslag", besluiten_weg=[besluit.id])
    nu = services.mdo.mdo(mdo.id)
    assert (nu.verslag, [b.tekst for b in nu.besluiten], nu.actiepunten, nu.rijversie) == (
        "", ["Jeugdarts erbij"], (), mdo.rijversie)
    nu = services.mdo.mdo_opslaan(mdo.id, versie=mdo.rijversie, verslag="Verslag",
                                  besluiten=[(besluit.id, "Jeugdarts en leerplicht erbij"), (None, "Evaluatie")],
                                  actiepunten=[(None, "Jeugdarts bellen", "Anna de Vries",
                                                VANDAAG + dt.timedelta(3), None)])
    assert (nu.verslag, [b.tekst for b in nu.besluiten], [a.wat for a in nu.actiepunten]) == (
        "Verslag", ["Jeugdarts en leerplicht erbij", "Evaluatie"], ["Jeugdarts bellen"])
