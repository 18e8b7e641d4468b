"""Two users at once on the shared school database (issue 18): two programs (processes, as two laptops) write
to the same traject at the same time. Nothing is lost, nothing is half written, and the audit trail stays one
unbroken chain. Fictional people only."""

from __future__ import annotations

import multiprocessing
from datetime import date

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import server
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie, GesprekType
from thuiszit_desktop.services import session
from thuiszit_desktop.services.audit import controleer_database

KEER = 8
TWEEDE = "Karel Tweede"
VANDAAG = date(2026, 11, 23)


def _schrijver(dsn: str, naam: str, start, klaar) -> None:
    """One laptop: log in as `naam`, wait for the other, then record gesprekken with two afspraken each on the
    student's open traject, and tick checklist items, as fast as it can."""
    s = session.login_server(dsn, naam, WACHTWOORD)
    try:
        start.wait(timeout=60)
        traject = s.trajecten.open_traject("3001")
        for i in range(KEER):
            s.gesprekken.gesprek_vastleggen("3001", GesprekType.TELEFONISCH, date.today(), f"{naam} {i}",
                                            afspraken=[f"{naam} {i} a", f"{naam} {i} b"])
            s.trajecten.bijwerken(traject.id, aanleiding=f"{naam} {i}")
    finally:
        s.close()
        klaar.put(naam)


def test_two_users_editing_the_same_traject_at_once_lose_nothing(server_school):
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    s = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        s.gebruikers.toevoegen(TWEEDE, "zorgcoordinator", [], WACHTWOORD, WACHTWOORD)
        s.leerlingen.opslaan(Leerling(leerlingnummer="3001", voornaam="Noor", tussenvoegsel="", achternaam="Smit",
                                      geboortedatum=date(2012, 2, 2), inschrijfdatum=date(2024, 8, 1), klas="2B"),
                             VANDAAG)
        traject_id = s.trajecten.openen("3001", Categorie.DREIGEND_THUISZITTER, "Begin").id
    finally:
        s.close()

    ctx = multiprocessing.get_context("spawn")
    start, klaar = ctx.Event(), ctx.Queue()
    laptops = [ctx.Process(target=_schrijver, args=(dsn, naam, start, klaar)) for naam in ("Anna de Vries", TWEEDE)]
    for p in laptops:
        p.start()
    start.set()
    for p in laptops:
        p.join(timeout=120)
        assert p.exitcode == 0
    assert sorted(klaar.get(timeout=5) for _ in laptops) == sorted(["Anna de Vries", TWEEDE])

    eigenaar = server.verbind(server.lees_adres(eigenaar_dsn), eigenaar_ww)
    try:
        x = eigenaar.execute_sql
        samenvattingen = sorted(r[0] for r in x("SELECT samenvatting FROM gesprek WHERE traject_id = %s",
                                                [traject_id]))
        assert samenvattingen == sorted(f"{n} {i}" for n in ("Anna de Vries", TWEEDE) for i in range(KEER))
        for (gesprek_id, samenvatting) in x("SELECT id, samenvatting FROM gesprek"):  # every gesprek whole
            afspraken = sorted(r[0] for r in x("SELECT tekst FROM afspraak WHERE gesprek_id = %s", [gesprek_id]))
            assert afspraken == [f"{samenvatting} a", f"{samenvatting} b"]
        aanleiding = x("SELECT aanleiding FROM traject WHERE id = %s", [traject_id]).fetchone()[0]
        assert aanleiding in (f"Anna de Vries {KEER - 1}", f"{TWEEDE} {KEER - 1}")  # the last write of one of them
        # one chain, no gap, every action of both laptops in it
        assert controleer_database(eigenaar).ok
        ids = [r[0] for r in x("SELECT id FROM audit_regel ORDER BY id")]
        assert ids == list(range(1, len(ids) + 1))
        for naam in ("Anna de Vries", TWEEDE):
            wat = [r[0] for r in x("SELECT wat FROM audit_regel WHERE gebruiker_naam = %s AND actie = 'gewijzigd'",
                                   [naam])]
            assert wat.count("traject") == KEER
    finally:
        eigenaar.close()
