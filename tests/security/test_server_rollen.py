"""The role matrix (tests/services/test_rollen.py) on the shared school database, as a mentor logged in with
their own login role: what REGELS allows a mentor works on the server, and what it forbids the SERVER refuses
too – checked by a program that has been made to believe the mentor is a zorgcoördinator (what someone who
changes the program, or uses psql, gets), so only the server's grants and row-level security stand in the way.
Fictional people only."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from tests.pdfhulp import pdf_tekst
from tests.services.test_rollen import (
    ANDER,
    EIGEN,
    GEFILTERD,
    JA,
    MATRIX,
    NEE,
    VANDAAG,
    WACHTWOORDEN,
    ZICHTBAAR,
    ZORG,
    Geval,
    school,  # noqa: F401  (the fixture, on the server through `opslag`)
)
from thuiszit_desktop.db.vertrouwelijk import VERBORGEN, GeenSleutel
from thuiszit_desktop.domain.errors import GebruikersFout, GeenToegang, NietGevonden
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.traject import ActiepuntStatus, Analyse, Domein, Factoren, GesprekType
from thuiszit_desktop.services import session
from thuiszit_desktop.services.backups import SERVER_BACKUP

pytestmark = pytest.mark.parametrize("opslag", ["server"], indirect=True)

SERVER_WEIGERT = "De schooldatabase staat dit niet toe"
ANDERE_KLAS = ("1003", "1004", "1006", "Proef 1003")  # students of 4C (test_rollen's school)
GEHEIM, ANALYSE = "Geheim-merkteken", "Analyse-merkteken"  # written by the zorgcoördinator for 1001 (3A)

# Forbidden to a mentor by the program, yet left to their login role by the server – each with its reason:
# nothing of another klas, no analysis, no confidential text comes back (checked below for every other one).
SERVER_LAAT_TOE = {
    "gebruikers.lijst": "collega's (tabel gebruiker): geen leerlinggegevens; de mentor ziet wie een actiepunt heeft",
    "verzuim.standaard_einddatum": "een datum uit de schoolkalender",
    "mdo.agenda_voorstel": "het standaardagenda-sjabloon",
    "mdo.mdo_actiepunt": "een actiepunt bij een eigen leerling, wat actiepunt_toevoegen een mentor ook laat doen",
    "actiepunten.actiepunt_wijzigen": "het eigen actiepunt van de mentor (de server kent alleen rij-eigenaarschap)",
}
# Allowed to a mentor, but not on a server: the program keeps no backups of it (the ICT does), and says so.
ALLEEN_BESTAND = {"backups.map", "backups.standaard_map"}


def _tekst(resultaat) -> str:
    """Everything a result holds, as text: a PDF's text, else its repr."""
    if isinstance(resultaat, bytes) and resultaat.startswith(b"%PDF"):
        return pdf_tekst(resultaat)
    return repr(resultaat)


def _uitvoeren(services, geval: Geval, x):
    """(outcome, result or error) inside a transaction that is rolled back; the key slots restored."""
    store = services.ctx.store
    store.bind()
    slots = copy.deepcopy(store.keyring.slots)
    with store.db.atomic() as tx:
        try:
            return JA, geval.roep(services, x)
        except GeenToegang as exc:
            return NEE, exc
        except Exception as exc:
            return "fout", exc
        finally:
            tx.rollback()
            store.keyring.slots = slots


@pytest.fixture
def als_mentor(school):  # noqa: F811
    """The mentor of 3A with their own login on the server: as the program knows them, and as a program that
    was made to take them for a zorgcoördinator."""
    zorg = school.als[ZORG]
    zorg.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, GEHEIM, vertrouwelijk=True,
                                       vandaag=VANDAAG)
    zorg.trajecten.analyse_opslaan(school.eigen.traject, Analyse({d: Factoren(ANALYSE, ANALYSE) for d in Domein}),
                                   vandaag=VANDAAG)
    mentor = session.login_server(f"{school.store.adres}?sslmode=disable", "Mo Mentor", WACHTWOORDEN[EIGEN])
    try:
        vermomd = session.Services(mentor.ctx.store, replace(mentor.gebruiker, rol=Rol.ZORGCOORDINATOR, klassen=()))
        yield mentor, vermomd
    finally:
        mentor.close()
        school.store.bind()


def test_what_a_mentor_may_do_works_on_the_server_and_the_rest_the_server_refuses(school, als_mentor):  # noqa: F811
    mentor, vermomd = als_mentor
    fouten = []
    for naam, geval in MATRIX.items():
        for rol in (EIGEN, ANDER):
            x = school.ander if rol == ANDER else school.eigen
            x.wachtwoord = WACHTWOORDEN[rol]
            verwacht = geval.verwacht[rol]
            uitkomst, wat = _uitvoeren(mentor, geval, x)
            if verwacht == NEE:
                # refused by the program, or not there for them: the server hid the student's rows first
                if not (uitkomst == NEE or isinstance(wat, NietGevonden) or (uitkomst == JA and not wat)
                        or (uitkomst == "fout" and geval.fout_ok)):
                    fouten.append(f"{naam} [{rol}]: toegelaten ({type(wat).__name__}: {str(wat)[:80]})")
                    continue
            elif uitkomst == NEE:
                fouten.append(f"{naam} [{rol}]: op de server geweigerd: {wat}")
                continue
            elif uitkomst == "fout" and not geval.fout_ok:
                if not (naam.split("(")[0] in ALLEEN_BESTAND and str(wat) == SERVER_BACKUP):
                    fouten.append(f"{naam} [{rol}]: {type(wat).__name__}: {wat}")
                continue
            elif verwacht == GEFILTERD and geval.nummers and not geval.fout_ok \
                    and not geval.nummers(wat) <= ZICHTBAAR[rol]:
                fouten.append(f"{naam} [{rol}]: ziet leerlingen buiten de eigen klassen")
                continue
            elif uitkomst == JA and any(m in _tekst(wat) for m in (GEHEIM, ANALYSE)):
                fouten.append(f"{naam} [{rol}]: vertrouwelijke tekst of analyse voor een mentor")
                continue
            if verwacht != NEE or geval.fout_ok or naam in SERVER_LAAT_TOE:
                continue  # (placeholder arguments never reach the server)
            # Forbidden: a program that takes the mentor for a zorgcoördinator gets nothing from the server –
            # a refusal, rows that are not there for them, or a result without another klas, an analysis or
            # confidential text in it – not even as the envelope that reads "vertrouwelijk" (VERBORGEN).
            uitkomst, wat = _uitvoeren(vermomd, geval, x)
            if uitkomst == NEE and (str(wat).startswith(SERVER_WEIGERT) or isinstance(wat, GeenSleutel)):
                continue
            if uitkomst == "fout" and isinstance(wat, GebruikersFout) and not isinstance(wat, GeenToegang):
                continue  # stopped on what the server showed it (e.g. "er is geen leerling 1003")
            if uitkomst == JA:
                tekst = _tekst(wat)
                lek = [m for m in (*ANDERE_KLAS, GEHEIM, ANALYSE, VERBORGEN) if m in tekst]
                if not lek:
                    continue
                fouten.append(f"{naam} [{rol}]: de server gaf {lek}")
                continue
            fouten.append(f"{naam} [{rol}]: de server liet het toe ({type(wat).__name__}: {str(wat)[:80]})")
    assert not fouten, "\n".join(fouten)


def test_a_mentor_changes_only_the_status_of_their_own_actiepunten_on_the_server(school, als_mentor):  # noqa: F811
    """The server's own rule beside the program's: no actiepunt removed, none of someone else changed."""
    mentor, _vermomd = als_mentor
    zorg = school.als[ZORG]
    zorg.ctx.store.bind()
    van_anna = zorg.actiepunten.actiepunt_toevoegen("1001", "Leerplicht bellen", "Anna de Vries", VANDAAG,
                                                  vandaag=VANDAAG)
    mentor.ctx.store.bind()
    db = mentor.ctx.store.db
    for sql in (f"UPDATE actiepunt SET status = 'gedaan' WHERE id = {van_anna.id}",
                f"DELETE FROM actiepunt WHERE id = {school.eigen.actiepunt}"):
        with db.atomic():
            try:
                geraakt = db.execute_sql(sql).rowcount
            except GeenToegang:
                geraakt = 0
        assert geraakt == 0, sql
    klaar = mentor.actiepunten.actiepunt_status(school.eigen.actiepunt, ActiepuntStatus.GEDAAN, vandaag=VANDAAG)
    assert klaar.status is ActiepuntStatus.GEDAAN
