"""Logging in on the shared school database (issue 18): the services on PostgreSQL as the user's own login role,
the key slots on the server, the audit trail made by the server's trigger. Fictional people only."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import server
from thuiszit_desktop.domain.audit import Actie
from thuiszit_desktop.domain.errors import DatabaseFout, InlogFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie, GesprekType
from thuiszit_desktop.services import session
from thuiszit_desktop.services.audit import controleer_database

VANDAAG = date(2026, 11, 23)


def _leerling(nummer: str, klas: str) -> Leerling:
    return Leerling(leerlingnummer=nummer, voornaam="Zoë", tussenvoegsel="", achternaam=f"Bakker{nummer}",
                    geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1), klas=klas)


def test_zorgcoordinator_logs_in_and_works_on_the_server(server_school):
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        assert s.gebruiker.naam == "Anna de Vries"
        assert s.ctx.store.sleutels.zorg  # the confidential and signing keys, from her slot on the server
        s.leerlingen.opslaan(_leerling("1001", "2B"), VANDAAG)
        traject = s.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel ongeoorloofd verzuim")
        assert traject.stap is not None
        gesprek = s.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, "Angst voor de klas",
                                                  vertrouwelijk=True)
        assert s.gesprekken.gesprek(gesprek.id).samenvatting == "Angst voor de klas"
        assert [le.leerlingnummer for le in s.leerlingen.lijst()] == ["1001"]
        assert s.audit.uitslag.ok and s.audit.controleren().ok  # `audit verify` on the server's chain
    finally:
        s.close()
    # The trigger made the chain: ids without a gap, hashes that domain/audit.py recomputes.
    eigenaar = server.verbind(server.lees_adres(eigenaar_dsn), eigenaar_ww)
    try:
        acties = [r[0] for r in eigenaar.execute_sql("SELECT actie FROM audit_regel ORDER BY id")]
        assert acties[0] == Actie.INGELOGD and len(acties) >= 3
        assert controleer_database(eigenaar).ok
        # The DBA reads every table, but confidential text only as the zorgcoördinators' envelope.
        opgeslagen = [r[0] for r in eigenaar.execute_sql("SELECT samenvatting FROM gesprek")]
        assert opgeslagen and not any("Angst" in t for t in opgeslagen)
        slots = [r[0] for r in eigenaar.execute_sql("SELECT slot FROM sleutel_slot")]
        assert len(slots) == 1 and "vertrouwelijk" not in slots[0]
    finally:
        eigenaar.close()


def test_wrong_password_and_unknown_name_are_one_neutral_refusal(server_school):
    dsn = server_school[0]
    with pytest.raises(InlogFout):
        session.login_server(dsn, "Anna de Vries", "fout-wachtwoord-1")
    with pytest.raises(InlogFout):
        session.login_server(dsn.replace("anna%20de%20vries", "niemand").replace("anna de vries", "niemand"),
                             "Niemand Hier", WACHTWOORD)


def test_a_role_changed_by_hand_on_the_server_is_refused(server_school):
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    with psycopg.connect(eigenaar_dsn, password=eigenaar_ww, autocommit=True) as conn:
        conn.execute("UPDATE gebruiker SET klassen = '3C' WHERE naam_sleutel = 'anna de vries'")
    with pytest.raises(DatabaseFout, match="buiten het programma"):
        session.login_server(dsn, "Anna de Vries", WACHTWOORD)


def test_a_role_changed_in_the_program_changes_the_login_and_the_keys(server_school):
    dsn = server_school[0]
    s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        s.leerlingen.opslaan(_leerling("1002", "2B"), VANDAAG)
        s.gebruikers.toevoegen("Wim Wissel", "mentor", ["2B"], WACHTWOORD, WACHTWOORD)
        s.gebruikers.wijzigen("Wim Wissel", rol="zorgcoordinator")
    finally:
        s.close()
    wim = session.login_server(dsn, "Wim Wissel", WACHTWOORD)
    try:  # now a zorgcoördinator: the confidential key in his slot, the server's zorg group
        assert wim.ctx.store.sleutels.zorg
        assert wim.ctx.store.db.execute_sql("SELECT pg_has_role('thuiszit_zorgcoordinator', 'MEMBER')").fetchone()[0]
    finally:
        wim.close()
    s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        s.gebruikers.wijzigen("Wim Wissel", rol="mentor", klassen=["2B"])
    finally:
        s.close()
    wim = session.login_server(dsn, "Wim Wissel", WACHTWOORD)
    try:
        assert not wim.ctx.store.sleutels.zorg
        assert not wim.ctx.store.db.execute_sql(
            "SELECT pg_has_role('thuiszit_zorgcoordinator', 'MEMBER')").fetchone()[0]
        assert [r.leerlingnummer for r in wim.leerlingen.lijst()] == ["1002"]
    finally:
        wim.close()


def test_the_signals_follow_what_another_user_wrote_on_the_server(server_school):
    """The signals are cached per data version; on a shared server a colleague's write must move it on too."""
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        s.leerlingen.opslaan(_leerling("1003", "2B"), VANDAAG)
        voor = s.signalen.overzicht(VANDAAG)
        assert s.signalen.overzicht(VANDAAG) is voor  # nothing written: the cache
        with psycopg.connect(eigenaar_dsn, password=eigenaar_ww, autocommit=True) as conn:  # another laptop
            conn.execute("INSERT INTO leerling (leerlingnummer, voornaam, tussenvoegsel, achternaam, geboortedatum, "
                         "klas, inschrijfdatum, bestemming, startkwalificatie, bsn, onderwijsnummer, gewijzigd) "
                         "VALUES ('1004', 'Kees', '', 'Kok', '2012-01-01', '2B', '2024-08-01', '', false, '', '', "
                         "now())")
        na = s.signalen.overzicht(VANDAAG)
        assert "1004" in na.leerlingnummers and "1004" not in voor.leerlingnummers
    finally:
        s.close()
