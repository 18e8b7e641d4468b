"""The audit trail on a real, encrypted database file: entries from the services, append-only at the
database level, the chain catching edited, removed and inserted rows, filters, roles, and no names or
note text in the table."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.audit import Actie
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.traject import GesprekType
from thuiszit_desktop.services import session
from thuiszit_desktop.services.context import Context

VANDAAG = dt.date(2026, 11, 23)
GEHEIM = "Moeder vertelt over paniekaanvallen"


@pytest.fixture
def school(services):
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(
            leerlingnummer=nummer, voornaam=voornaam, achternaam=achternaam, geboortedatum=dt.date(2012, 3, 5),
            inschrijfdatum=dt.date(2024, 8, 1), klas="2B",
            ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER, "06-12345678", "ingrid@example.nl"),)), VANDAAG)
    services.leerlingen.get("1001")
    return services


def regels() -> list[m.AuditRegel]:
    return list(m.AuditRegel.select().order_by(m.AuditRegel.id))


def leerling_id(nummer: str) -> int:
    return m.Leerling.get(m.Leerling.leerlingnummer == nummer).id


@pytest.mark.beide_stores
def test_saving_viewing_and_a_gesprek_are_logged_with_user_and_student(school):
    school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, GEHEIM)
    school.inzage.dossier("1001")
    log = [(r.actie, r.leerling_id, r.wat, r.gebruiker_naam) for r in regels()]
    zoe = leerling_id("1001")
    assert (Actie.TOEGEVOEGD, zoe, "leerling", "Anna de Vries") in log
    assert (Actie.TOEGEVOEGD, zoe, "gesprek", "Anna de Vries") in log
    assert (Actie.BEKEKEN, zoe, "dossier", "Anna de Vries") in log
    assert school.audit.controleren().ok


@pytest.mark.beide_stores
def test_viewing_the_same_dossier_again_at_once_is_one_entry(school):
    for _ in range(3):
        school.inzage.dossier("1001")
    school.inzage.dossier("1002")
    bekeken = [r.leerling_id for r in regels() if r.actie == Actie.BEKEKEN and r.wat == "dossier"]
    assert bekeken == [leerling_id("1001"), leerling_id("1002")]


@pytest.mark.beide_stores
def test_an_action_that_rolls_back_leaves_no_entry(school):
    voor = len(regels())
    with pytest.raises(RuntimeError), school.ctx.action():
        school.ctx.audit(Actie.GEWIJZIGD, leerlingnummer="1001", wat="leerling")
        raise RuntimeError("mislukt")
    assert len(regels()) == voor


def test_login_is_logged(school, db_path):
    school.close()
    s = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        assert regels()[-1].actie == Actie.INGELOGD
        assert s.audit.controleren().ok
    finally:
        s.close()


def test_the_database_refuses_to_change_or_delete_an_entry(school):
    db = school.ctx.store.db
    with pytest.raises(pw.IntegrityError, match="auditlog"):
        db.execute_sql("UPDATE audit_regel SET wat = 'x' WHERE id = 1")
    with pytest.raises(pw.IntegrityError, match="auditlog"):
        db.execute_sql("DELETE FROM audit_regel WHERE id = 1")
    assert school.audit.controleren().ok


def _zonder_triggers(db) -> None:
    """What someone with the key and the sqlite3 tool could do."""
    db.execute_sql('DROP TRIGGER "audit_regel_geen_wijziging"')
    db.execute_sql('DROP TRIGGER "audit_regel_geen_verwijdering"')


def test_an_edited_row_is_caught_at_that_row(school):
    db = school.ctx.store.db
    n = len(regels())
    assert n >= 3
    _zonder_triggers(db)
    db.execute_sql("UPDATE audit_regel SET actie = 'bekeken' WHERE id = 2")
    uitslag = school.audit.controleren()
    assert not uitslag.ok and uitslag.eerste_fout == 2
    assert "regel 2" in uitslag.melding


def test_a_deleted_row_is_caught(school):
    db = school.ctx.store.db
    _zonder_triggers(db)
    db.execute_sql("DELETE FROM audit_regel WHERE id = 2")
    uitslag = school.audit.controleren()
    assert not uitslag.ok and uitslag.eerste_fout == 2 and "ontbreekt" in uitslag.melding


def test_a_deleted_last_row_is_caught(school):
    db = school.ctx.store.db
    laatste = regels()[-1].id
    _zonder_triggers(db)
    db.execute_sql("DELETE FROM audit_regel WHERE id = ?", (laatste,))
    uitslag = school.audit.controleren()
    assert not uitslag.ok and uitslag.eerste_fout == laatste


def test_an_inserted_row_is_caught(school):
    db = school.ctx.store.db
    _zonder_triggers(db)
    eerste = regels()[0]
    # shift everything from id 2 up and put a forged entry in its place
    ids = [r.id for r in regels()][1:]
    for i in reversed(ids):
        db.execute_sql("UPDATE audit_regel SET id = ? WHERE id = ?", (i + 1, i))
    db.execute_sql("INSERT INTO audit_regel (id, tijd, gebruiker_id, gebruiker_naam, actie, leerling_id, wat, "
                   "vorige_hash, hash) VALUES (2, ?, 1, 'Anna de Vries', 'bekeken', NULL, '', ?, ?)",
                   (eerste.tijd, eerste.hash, "0" * 64))
    uitslag = school.audit.controleren()
    assert not uitslag.ok and uitslag.eerste_fout == 2


@pytest.mark.beide_stores
def test_a_long_chain_stays_valid(school):
    with school.ctx.action():
        for i in range(300):
            school.ctx.audit(Actie.GEWIJZIGD, leerling_id=i % 7 or None, wat="actiepunt")
    uitslag = school.audit.controleren()
    assert uitslag.ok and uitslag.aantal == len(regels()) > 300


@pytest.mark.beide_stores
def test_lijst_filters_by_user_student_and_dates(school):
    with school.ctx.action():
        bram = m.Gebruiker.create(naam="Bram Visser", naam_sleutel="bram visser", rol="mentor", klassen="2B")
    ander = Context(school.ctx.store, Gebruiker(bram.id, "Bram Visser", Rol.MENTOR, ("2B",)))
    with ander.action():
        ander.audit(Actie.BEKEKEN, leerlingnummer="1002", wat="gesprekken")
    alles = school.audit.lijst()
    assert alles[0].gebruiker == "Bram Visser" and alles[0].leerling == "Mehmet Çelik"
    assert alles[0].leerlingnummer == "1002"
    assert [r.id for r in alles] == sorted((r.id for r in alles), reverse=True)
    assert {r.gebruiker for r in school.audit.lijst(gebruiker="bram  VISSER")} == {"Bram Visser"}
    assert {r.leerlingnummer for r in school.audit.lijst(leerlingnummer="1001")} == {"1001"}
    vandaag = dt.date.today()
    assert len(school.audit.lijst(van=vandaag, tot=vandaag)) == len(alles)
    assert school.audit.lijst(tot=vandaag - dt.timedelta(days=1)) == []
    assert school.audit.lijst(van=vandaag + dt.timedelta(days=1)) == []
    assert "Bram Visser" in school.audit.gebruikers()
    with pytest.raises(InvoerFout):
        school.audit.lijst(van=vandaag, tot=vandaag - dt.timedelta(days=1))
    with pytest.raises(InvoerFout):
        school.audit.lijst(leerlingnummer="9999")


def test_only_the_zorgcoordinator_reads_the_log(school):
    mentor = session.Services(school.ctx.store, Gebruiker(1, "Bram Visser", Rol.MENTOR, ("2B",)))
    with pytest.raises(GeenToegang):
        mentor.audit.lijst()
    with pytest.raises(GeenToegang):
        mentor.audit.controleren()


@pytest.mark.beide_stores
def test_the_table_holds_no_names_or_note_text(school):
    school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, GEHEIM)
    school.inzage.dossier("1001")
    school.afdrukken.dossier_pdf("1001")
    rows = school.ctx.store.db.execute_sql("SELECT * FROM audit_regel").fetchall()
    assert len(rows) >= 4
    tekst = repr(rows).casefold()
    for woord in ("zoë", "bakker", "mehmet", "çelik", "ingrid", "paniek", "moeder vertelt"):
        assert woord not in tekst


@pytest.mark.beide_stores
def test_a_change_without_its_own_entry_is_logged_by_the_method_name(school):
    school.kalender.vrije_dagen_toevoegen(dt.date(2026, 12, 1), dt.date(2026, 12, 1), "Studiedag")
    laatste = regels()[-1]
    assert (laatste.actie, laatste.wat, laatste.leerling_id) == (Actie.GEWIJZIGD, "kalender: vrije_dagen_toevoegen", None)


@pytest.mark.beide_stores
def test_drafts_and_reading_are_not_changes(school):
    voor = len(regels())
    school.concepten.bewaar("gesprek", "1001", {"samenvatting": GEHEIM})
    school.leerlingen.lijst()
    school.kalender.vrije_dagen()
    school.signalen.overzicht(VANDAAG)
    assert len(regels()) == voor


@pytest.mark.beide_stores
def test_an_import_logs_counts_only_and_a_pdf_its_kind(services, tmp_path):
    pad = tmp_path / "leerlingen.csv"
    pad.write_text("leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;klas;mentor\r\n"
                   "2001;Fenna;;Kok;05-03-2011;2A;J. de Vries\r\n2002;Jesse;van;Dam;07-03-2011;2B;J. de Vries\r\n",
                   encoding="utf-8")
    services.importeren.leerlingen(pad, vandaag=VANDAAG)
    laatste = regels()[-1]
    assert (laatste.actie, laatste.leerling_id, laatste.wat) == (
        Actie.GEIMPORTEERD, None, "leerlingen: 2 nieuw, 0 gewijzigd")
    services.afdrukken.dossier_pdf("2001")
    laatste = regels()[-1]
    assert (laatste.actie, laatste.leerling_id, laatste.wat) == (Actie.AFGEDRUKT, leerling_id("2001"), "dossier-pdf")


@pytest.mark.beide_stores
def test_a_view_is_one_entry_and_a_change_next_to_a_view_is_still_logged(school):
    voor = len(regels())
    school.leerlingen.get("1002")
    assert [(r.actie, r.wat) for r in regels()[voor:]] == [(Actie.BEKEKEN, "leerling")]
    voor = len(regels())
    school.ctx._bekeken.clear()  # as if ten minutes passed
    with school.ctx.action():  # a change whose method also looks a student up
        school.leerlingen.get("1001")
        m.VrijeDag.create(datum=dt.date(2026, 12, 2), omschrijving="Studiedag")
    assert [r.actie for r in regels()[voor:]] == [Actie.BEKEKEN, Actie.GEWIJZIGD]


@pytest.mark.parametrize("waarde", ["geen datum", 12, "2026-11-23 09:00:00"])
def test_a_time_edited_into_anything_is_caught_not_a_crash(school, waarde):
    db = school.ctx.store.db
    _zonder_triggers(db)
    db.execute_sql('UPDATE audit_regel SET tijd = ? WHERE id = 2', (waarde,))
    uitslag = school.audit.controleren()
    assert not uitslag.ok and uitslag.eerste_fout == 2


def test_a_view_still_logs_when_another_thread_wrote_during_the_read(school):
    """A read transaction that then appends its entry would fail at once ("database is locked") when
    another thread committed meanwhile; the entry is written after the read instead."""
    import threading

    ctx = school.ctx
    ctx._bekeken.clear()  # as if ten minutes passed
    gelezen, geschreven = threading.Event(), threading.Event()

    def andere_gebruiker_van_de_app():
        gelezen.wait(10)
        with ctx.action():
            m.VrijeDag.create(datum=dt.date(2026, 12, 3), omschrijving="Studiedag")
        ctx.store.db.close()
        geschreven.set()

    thread = threading.Thread(target=andere_gebruiker_van_de_app)
    thread.start()
    with ctx.action():
        assert m.Leerling.select().count() > 0  # the read begins
        gelezen.set()
        assert geschreven.wait(10)
        ctx.audit(Actie.BEKEKEN, leerling_id("1001"), "leerling")
    thread.join()
    assert [r.actie for r in regels()[-2:]] == [Actie.GEWIJZIGD, Actie.BEKEKEN]


@pytest.mark.beide_stores
def test_a_change_without_an_entry_of_its_own_is_filed_under_its_student(school):
    """Nazorg has no explicit hook: the generic entry still names the student the call was about –
    also for a delete, whose record no longer leads to the student afterwards."""
    from thuiszit_desktop.domain.traject import Categorie

    traject = school.trajecten.openen("1001", Categorie.THUISZITTER, "Sinds de herfstvakantie thuis.",
                                      geopend=VANDAAG, vandaag=VANDAAG)
    moment = school.trajecten.nazorg_toevoegen(traject.id, VANDAAG + dt.timedelta(days=42), "Na zes weken")
    school.trajecten.nazorg_verwijderen(moment.id)
    laatste = regels()[-2:]
    assert [(r.actie, r.leerling_id) for r in laatste] == [(Actie.GEWIJZIGD, leerling_id("1001"))] * 2
    assert [r.wat for r in laatste] == ["traject: nazorg_toevoegen", "traject: nazorg_verwijderen"]
