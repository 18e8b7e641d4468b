"""Other users' changes reach an open session (services/wijzigingen.py, db/meldingen.py): on a real server a
change by another session arrives at this session's listener, with the table and id only; this session's
own changes do not; on the file nothing listens."""

from __future__ import annotations

import datetime as dt
import queue

import psycopg

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.gesprek import GesprekType
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session, wijzigingen

VANDAAG = dt.date(2026, 11, 23)
GENOEG = 30  # seconds to wait for something that should come at once (a failing test, not a timing)


def test_op_het_bestand_luistert_niets(services):
    assert wijzigingen.volgen(services, lambda *_: None) is None


def test_een_wijziging_van_een_ander_komt_aan_de_eigen_niet(server_school):
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    a = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    gehoord: queue.Queue = queue.Queue()
    verbinding: queue.Queue = queue.Queue()
    luisteraar = wijzigingen.volgen(a, lambda tabel, ident: gehoord.put((tabel, ident)), verbinding.put)
    try:
        assert verbinding.get(timeout=GENOEG) is True
        zoe = a.leerlingen.opslaan(Leerling("1001", "Bakker", dt.date(2012, 3, 5), dt.date(2024, 8, 1),
                                            voornaam="Zoë", klas="2B"), VANDAAG)
        g = a.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, "Eerste versie",
                                            vandaag=VANDAAG)
        # session B: another connection (the school's owner, by hand) changes the gesprek and the student
        with psycopg.connect(eigenaar_dsn, password=eigenaar_ww, autocommit=True) as b:
            b.execute('UPDATE "gesprek" SET "deelnemers" = %s, "rijversie" = "rijversie" + 1 WHERE "id" = %s',
                      ("Moeder", g.id))
            b.execute('UPDATE "leerling" SET "klas" = %s WHERE "id" = %s', ("3B", zoe.id))
            b.execute('INSERT INTO "vrije_dag" ("datum", "omschrijving") VALUES (%s, %s)',
                      (VANDAAG, "Studiedag"))
        assert gehoord.get(timeout=GENOEG) == ("gesprek", g.id)  # not a name or a note: the table and the id
        assert gehoord.get(timeout=GENOEG) == ("leerling", zoe.id)
        assert gehoord.get(timeout=GENOEG) == ("vrije_dag", None)  # other tables: once per statement
        assert gehoord.empty()  # this session's own saves above were not announced to itself
    finally:
        luisteraar.stop()
        a.close()
