"""Alleen-lezen on the shared school database (issue 18): the same overview of counts as on a file, written by a
zorgcoördinator's session into a row only the lezer role (and the zorgcoördinators) may read; the lezer's own
login reads nothing else. Fictional people only."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.db import server
from thuiszit_desktop.domain.errors import InlogFout, InvoerFout
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.services.lezersoverzicht import ServerLezersessie

VANDAAG = date(2026, 11, 23)
LEZER, LEZER_WW = "Lotte Lezing", "Lezing-ww-2026"
MENTOR, MENTOR_WW = "Mark Mentorius", "Mentorius-ww-2026"


def _conn(dsn: str, login: str, wachtwoord: str) -> psycopg.Connection:
    adres = server.lees_adres(dsn)
    return psycopg.connect(host=adres.host, port=adres.poort, dbname=adres.database, user=login,
                           password=wachtwoord, autocommit=True)


def test_alleen_lezen_reads_the_overview_on_the_server_and_nothing_else(server_school, cli_omgeving, monkeypatch,
                                                                      capsys):
    dsn = server_school[0]
    anna = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        for i in range(6):
            anna.leerlingen.opslaan(Leerling(leerlingnummer=f"80{i}", voornaam="Kim", tussenvoegsel="",
                                             achternaam=f"Jansen{i}", geboortedatum=date(2012, 1, 1),
                                             inschrijfdatum=date(2024, 8, 1), klas="1A"), VANDAAG)
        anna.gebruikers.toevoegen(LEZER, "alleen-lezen", [], LEZER_WW, LEZER_WW)
        anna.gebruikers.toevoegen(MENTOR, "mentor", ["1A"], MENTOR_WW, MENTOR_WW)
        lezer = session.login_server(dsn, LEZER, LEZER_WW)
        assert isinstance(lezer, ServerLezersessie)
        with pytest.raises(InvoerFout, match=r"\(nog\) niet"):  # no zorgcoördinator session has written it yet
            lezer.overzicht()
        lezer.close()
        anna.ctx.store.bind()  # (one process, two sessions: the one this process runs now)
        verwacht = anna.lezersoverzicht.maken(vandaag=VANDAAG)
    finally:
        anna.close()  # a zorgcoördinator's session writes the overview as it closes

    lezer = session.login_server(dsn, LEZER, LEZER_WW)
    try:
        assert isinstance(lezer, ServerLezersessie) and lezer.gebruiker.naam == LEZER
        overzicht = lezer.overzicht()
        assert overzicht.school == verwacht.school
        assert [t.titel for t in overzicht.tabellen] == [t.titel for t in verwacht.tabellen]
        assert overzicht.tabellen[0].rijen == verwacht.tabellen[0].rijen
        lezer.wachtwoord_wijzigen(LEZER_WW, "Nieuw-lezing-2026", "Nieuw-lezing-2026")
    finally:
        lezer.close()
    with pytest.raises(InlogFout):
        session.login_server(dsn, LEZER, LEZER_WW)
    session.login_server(dsn, LEZER, "Nieuw-lezing-2026").close()
    # and on the command line, as with a file
    monkeypatch.setenv("THUISZIT_WACHTWOORD", "Nieuw-lezing-2026")
    assert app.main(["overzicht", "--server", dsn, "--gebruiker", LEZER]) == 0
    assert "Het Baken" in capsys.readouterr().out
    assert app.main(["signalen", "--server", dsn, "--gebruiker", LEZER]) == 1
    assert "alleen de aantallen" in capsys.readouterr().err

    # The lezer's own login, with plain psycopg: the overview and the count views, no student, no change.
    with _conn(dsn, "lotte lezing", "Nieuw-lezing-2026") as conn:
        assert conn.execute('SELECT count(*) FROM "lezer_overzicht"').fetchone() == (1,)
        assert conn.execute('SELECT "ingeschreven" FROM "lezer_leerlingen"').fetchone() == (6,)
        for sql in ('SELECT * FROM "leerling"', 'SELECT * FROM "gebruiker"', 'SELECT * FROM "gesprek"',
                    "UPDATE \"lezer_overzicht\" SET \"inhoud\" = '{}'", 'DELETE FROM "lezer_overzicht"'):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    # A mentor does not read the school-wide counts (their own students only, through the program).
    with _conn(dsn, "mark mentorius", MENTOR_WW) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute('SELECT * FROM "lezer_overzicht"')
    # Their logins are in the audit trail, under their own name.
    anna = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        namen = [r[0] for r in anna.ctx.store.db.execute_sql(
            "SELECT gebruiker_naam FROM audit_regel WHERE actie = 'ingelogd'")]
        assert namen.count(LEZER) == 5  # three in the program, two on the command line
    finally:
        anna.close()
