"""Revoking a zorgcoördinator on the shared school database renews the confidential key (issue 18): someone who
kept a copy of their key slot, knows their old password and even reads every table as the DBA cannot read what
is written afterwards, nor – re-encrypted – what was there. Attacks with plain psycopg; fictional people only."""

from __future__ import annotations

import json
from datetime import date

import psycopg
import pytest
from cryptography.exceptions import InvalidTag

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import server, vertrouwelijk
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.db.server import SleutelVervangen
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import GesprekType
from thuiszit_desktop.services import session

VANDAAG = date(2026, 11, 23)
ZARA_WW, PIET_WW = "Zara-zorg-2026!", "Piet-zorg-2026!"


def _leerling() -> Leerling:
    return Leerling(leerlingnummer="7001", voornaam="Noor", tussenvoegsel="", achternaam="Visser",
                    geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1), klas="2B")


def _envelopen(eigenaar_dsn: str, eigenaar_ww: str) -> list[str]:
    """What the DBA reads of the confidential columns: the envelopes, never the text."""
    with psycopg.connect(eigenaar_dsn, password=eigenaar_ww) as conn:
        return [r[0] for r in conn.execute("SELECT samenvatting FROM gesprek WHERE vertrouwelijk ORDER BY id")]


def _gekopieerd_slot(eigenaar_dsn: str, eigenaar_ww: str, naam_sleutel: str) -> KeyRing:
    with psycopg.connect(eigenaar_dsn, password=eigenaar_ww) as conn:
        tekst = conn.execute("SELECT slot FROM sleutel_slot WHERE naam_sleutel = %s", (naam_sleutel,)).fetchone()[0]
    slot = json.loads(tekst)
    return KeyRing(None, {slot["id"]: slot})  # type: ignore[arg-type]


@pytest.fixture
def school(server_school):
    """Anna, with two more zorgcoördinatoren: Zara (to be revoked) and Piet; a student with a vertrouwelijk
    gesprek."""
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    anna = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        anna.leerlingen.opslaan(_leerling(), VANDAAG)
        anna.gebruikers.toevoegen("Zara Zorg", "zorgcoordinator", [], ZARA_WW, ZARA_WW)
        anna.gebruikers.toevoegen("Piet Zorg", "zorgcoordinator", [], PIET_WW, PIET_WW)
        anna.gesprekken.gesprek_vastleggen("7001", GesprekType.GESPREK_OUDERS, VANDAAG, "Oud geheim: angst",
                                           vertrouwelijk=True, vandaag=VANDAAG)
    finally:
        anna.close()
    yield dsn, eigenaar_dsn, eigenaar_ww


def test_a_revoked_zorgcoordinator_with_a_copy_of_their_slot_reads_nothing_new(school):
    dsn, eigenaar_dsn, eigenaar_ww = school
    # Zara, while still a zorgcoördinator, keeps a copy of her key slot (she may read it) and her password.
    kopie = _gekopieerd_slot(eigenaar_dsn, eigenaar_ww, "zara zorg")
    oude_sleutel = kopie.open("Zara Zorg", ZARA_WW).vertrouwelijk
    assert oude_sleutel is not None
    assert vertrouwelijk.ontsleutel(oude_sleutel, _envelopen(eigenaar_dsn, eigenaar_ww)[0],
                                    "gesprek.samenvatting") == "Oud geheim: angst"  # the copy works, before

    anna = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        anna.gebruikers.uitschakelen("Zara Zorg")
        anna.gesprekken.gesprek_vastleggen("7001", GesprekType.GESPREK_OUDERS, VANDAAG, "Nieuw geheim: thuis",
                                           vertrouwelijk=True, vandaag=VANDAAG)
        assert [g.samenvatting for g in anna.gesprekken.gesprekken("7001")
                if g.vertrouwelijk] == ["Nieuw geheim: thuis", "Oud geheim: angst"]
    finally:
        anna.close()

    # Her login is refused, her slot is gone.
    adres = server.lees_adres(dsn)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(host=adres.host, port=adres.poort, dbname=adres.database, user="zara zorg",
                        password=ZARA_WW).close()
    with psycopg.connect(eigenaar_dsn, password=eigenaar_ww) as conn:
        assert conn.execute("SELECT count(*) FROM sleutel_slot WHERE naam_sleutel = 'zara zorg'").fetchone()[0] == 0
    # With the copied slot, her old password and every envelope the DBA can read: nothing opens.
    envelopen = _envelopen(eigenaar_dsn, eigenaar_ww)
    assert len(envelopen) == 2
    for envelop in envelopen:
        with pytest.raises(InvalidTag):
            vertrouwelijk.ontsleutel(oude_sleutel, envelop, "gesprek.samenvatting")

    # Piet, who remains, reads both with his own unchanged password: his slot was given the new key.
    piet = session.login_server(dsn, "Piet Zorg", PIET_WW)
    try:
        assert piet.ctx.store.sleutels.vertrouwelijk not in (None, oude_sleutel)
        teksten = {g.samenvatting for g in piet.gesprekken.gesprekken("7001") if g.vertrouwelijk}
        assert teksten == {"Nieuw geheim: thuis", "Oud geheim: angst"}
    finally:
        piet.close()


def test_a_session_opened_before_the_revoke_cannot_write_with_the_old_key(school):
    """Piet was logged in when Anna revoked Zara: his session still holds the old key, which Zara can read –
    the server refuses what he would encrypt with it, and nothing is stored. (The sessions share this test's
    process; in a school each is a program of its own.)"""
    dsn, eigenaar_dsn, eigenaar_ww = school
    piet = session.login_server(dsn, "Piet Zorg", PIET_WW)
    zara = session.login_server(dsn, "Zara Zorg", ZARA_WW)
    try:
        anna = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
        try:
            anna.gebruikers.uitschakelen("Zara Zorg")
        finally:
            anna.close()
        piet.ctx.store.bind()  # each session is its own program: the one this process runs now
        with pytest.raises(SleutelVervangen, match="log opnieuw in"):
            piet.gesprekken.gesprek_vastleggen("7001", GesprekType.GESPREK_OUDERS, VANDAAG, "Met de oude sleutel",
                                               vertrouwelijk=True, vandaag=VANDAAG)
        assert len(_envelopen(eigenaar_dsn, eigenaar_ww)) == 1
        # Zara's own connection, still open, sees no row at all now that she is disabled.
        zara.ctx.store.bind()
        assert zara.ctx.store.db.execute_sql("SELECT count(*) FROM gesprek").fetchone()[0] == 0
        assert zara.ctx.store.db.execute_sql("SELECT count(*) FROM leerling").fetchone()[0] == 0
    finally:
        piet.close()
        zara.close()


def test_taking_the_role_away_renews_the_key_too(school):
    dsn, eigenaar_dsn, eigenaar_ww = school
    oude_sleutel = _gekopieerd_slot(eigenaar_dsn, eigenaar_ww, "zara zorg").open("Zara Zorg", ZARA_WW).vertrouwelijk
    anna = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        anna.gebruikers.wijzigen("Zara Zorg", rol="alleen-lezen")
        assert anna.ctx.store.sleutels.vertrouwelijk != oude_sleutel
    finally:
        anna.close()
    nu = _gekopieerd_slot(eigenaar_dsn, eigenaar_ww, "zara zorg").open("Zara Zorg", ZARA_WW)
    assert nu.vertrouwelijk is None and nu.ondertekenen is None  # her slot holds no confidential key any more
    with pytest.raises(InvalidTag):
        vertrouwelijk.ontsleutel(oude_sleutel, _envelopen(eigenaar_dsn, eigenaar_ww)[0], "gesprek.samenvatting")
