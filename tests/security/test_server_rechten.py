"""Need-to-know kept by the server itself: attacks with plain psycopg, as a mentor's and an alleen-lezen
user's own login role, on a school database made by `server init` (services/schoolserver.py) on a real
throwaway PostgreSQL (tests/pgcluster.py). Fictional people only."""

from __future__ import annotations

import peewee as pw
import psycopg
import pytest

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop.db import server, server_rechten
from thuiszit_desktop.db.models import MODELS
from thuiszit_desktop.services import schoolserver

MENTOR, LEZER, ZORG = "mees mentor", "lotte lezer", "anna de vries"


@pytest.fixture(scope="module")
def school(pg_cluster):
    """A school database: students in 2A (the mentor's) and 3C (not), with verzuim, trajecten, an analysis, a
    concept plan and a vastgesteld one, gesprekken and audit entries; users of all three roles."""
    naam, eigenaar, eigenaar_ww = pg_cluster.nieuwe_database()
    schoolserver.inrichten(pg_cluster.dsn(eigenaar, naam), eigenaar_ww, SCHOOL, "Anna de Vries", WACHTWOORD)
    db = server.verbind(server.lees_adres(pg_cluster.dsn(eigenaar, naam)), eigenaar_ww)
    x = db.execute_sql
    x("INSERT INTO gebruiker (naam, naam_sleutel, rol, klassen, actief, aangemaakt) VALUES "
      "('Mees Mentor', %s, 'mentor', '2a, 4B', true, now()), ('Lotte Lezer', %s, 'alleen-lezen', '', true, now())",
      [MENTOR, LEZER])
    server.maak_login(db, MENTOR, WACHTWOORD, "mentor")
    server.maak_login(db, LEZER, WACHTWOORD, "alleen-lezen")
    for nr, klas in (("1", "2A"), ("2", "2A"), ("3", "3C"), ("4", "3C")):
        x("INSERT INTO leerling (id, leerlingnummer, voornaam, tussenvoegsel, achternaam, geboortedatum, klas, "
          "inschrijfdatum, bestemming, startkwalificatie, bsn, onderwijsnummer, gewijzigd) VALUES "
          "(%s, %s, 'Kind', '', %s, '2012-01-01', %s, '2024-08-01', '', false, '', '', now())",
          [int(nr), nr, f"Achternaam{nr}", klas])
        x("INSERT INTO verzuim (leerling_id, datum, uren, reden, bron, code, opmerking) "
          "VALUES (%s, '2026-11-02', 6, 'ongeoorloofd', 'import', '', '')", [int(nr)])
        x("INSERT INTO traject (id, leerling_id, categorie, aanleiding, geopend, status, stap, sluitreden, "
          "sluittoelichting, aangemaakt) VALUES (%s, %s, 'verzuim', '', '2026-10-01', 'open', 2, '', '', now())",
          [int(nr), int(nr)])
        x("INSERT INTO traject_analyse (traject_id, leerling_risico, leerling_beschermend, thuis_risico, "
          "thuis_beschermend, school_risico, school_beschermend, buurt_risico, buurt_beschermend, verzuimtype, "
          "kearney_functie, gewijzigd) VALUES (%s, 'r', 'b', 'r', 'b', 'r', 'b', 'r', 'b', 'angst', '', now())",
          [int(nr)])
        x("INSERT INTO gesprek (leerling_id, traject_id, type, datum, deelnemers, samenvatting, vertrouwelijk, "
          "aangemaakt) VALUES (%s, %s, 'contactmoment', '2026-11-03', '', 'Gebeld', false, now())",
          [int(nr), int(nr)])
        for versie, status in ((1, "vastgesteld"), (2, "concept")):
            x("INSERT INTO plan_van_aanpak (traject_id, versie, status, aanleiding, \"analyse\", leerling_wil, "
              "ouders_willen, interventies, afspraken, evaluatiemomenten, contactpersonen, akkoord_naam, akkoord_rol, "
              "gewijzigd) VALUES (%s, %s, %s, '', '', '', '', '[]', '[]', '[]', '[]', '', '', now())",
              [int(nr), versie, status])
    x("INSERT INTO audit_regel (tijd, gebruiker_id, gebruiker_naam, actie, wat, vorige_hash, hash) "
      "VALUES (now(), 1, 'Anna de Vries', 'ingelogd', '', '', '')")
    db.close()
    return pg_cluster, naam


def verbind(school, gebruiker: str) -> psycopg.Connection:
    cluster, naam = school
    return psycopg.connect(host=cluster.host, port=cluster.poort, user=gebruiker, password=WACHTWOORD,
                           dbname=naam, autocommit=True)


def geweigerd(conn, sql: str, params=()) -> str:
    with pytest.raises(psycopg.Error) as fout:
        conn.execute(sql, params)
    return str(fout.value)


def test_elke_tabel_heeft_rijbeveiliging(school):
    """A new table cannot forget its policies: every model's table is in server_rechten, with RLS on."""
    assert {model._meta.table_name for model in MODELS} == set(server_rechten.ALLE_TABELLEN)
    with verbind(school, ZORG) as conn:
        zonder = conn.execute("SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace "
                              "WHERE nspname = 'public' AND relkind = 'r' AND NOT relrowsecurity").fetchall()
    assert zonder == [("schema_versie",)]


def test_zorgcoordinator_ziet_alles(school):
    with verbind(school, ZORG) as conn:
        assert conn.execute("SELECT count(*) FROM leerling").fetchone() == (4,)
        assert conn.execute("SELECT count(*) FROM traject_analyse").fetchone() == (4,)
        assert conn.execute("SELECT count(*) FROM audit_regel").fetchone() == (1,)
        assert "permission denied" in geweigerd(conn, "UPDATE audit_regel SET wat = 'x'")
        assert "permission denied" in geweigerd(conn, "DELETE FROM audit_regel")
        assert "permission denied" in geweigerd(conn, "TRUNCATE audit_regel")


def test_mentor_ziet_alleen_eigen_klassen(school):
    with verbind(school, MENTOR) as conn:
        assert conn.execute("SELECT leerlingnummer FROM leerling ORDER BY 1").fetchall() == [("1",), ("2",)]
        for tabel in ("verzuim", "traject", "gesprek"):
            assert conn.execute(f"SELECT DISTINCT leerling_id FROM {tabel} ORDER BY 1").fetchall() == [(1,), (2,)]
        # plans: only vastgesteld versions, only of their own students
        assert conn.execute("SELECT traject_id, versie FROM plan_van_aanpak ORDER BY 1").fetchall() == [(1, 1), (2, 1)]
        # looking a student up by id, or through a join, gives nothing either
        assert conn.execute("SELECT * FROM leerling WHERE id = 3").fetchall() == []
        assert conn.execute("SELECT count(*) FROM verzuim v JOIN traject t ON t.leerling_id = v.leerling_id "
                            "WHERE v.leerling_id = 4").fetchone() == (0,)


def test_mentor_leest_geen_analyses_en_geen_auditlog(school):
    with verbind(school, MENTOR) as conn:
        assert "permission denied" in geweigerd(conn, "SELECT * FROM traject_analyse")
        assert "permission denied" in geweigerd(conn, "SELECT * FROM audit_regel")
        assert "permission denied" in geweigerd(conn, "SELECT * FROM lezer_trajecten")


def test_mentor_schrijft_alleen_bij_eigen_leerlingen(school):
    with verbind(school, MENTOR) as conn:
        invoegen = ("INSERT INTO gesprek (leerling_id, type, datum, deelnemers, samenvatting, vertrouwelijk, "
                    "aangemaakt) VALUES (%s, 'contactmoment', '2026-11-04', '', 'Thuis bezocht', false, now())")
        conn.execute(invoegen, (1,))
        assert "row-level security" in geweigerd(conn, invoegen, (3,))
        # moving a row of their own to another student is refused too; another's rows cannot be touched
        assert "row-level security" in geweigerd(conn, "UPDATE gesprek SET leerling_id = 3 WHERE leerling_id = 1")
        assert conn.execute("UPDATE gesprek SET samenvatting = 'weg' WHERE leerling_id = 3").rowcount == 0
        assert conn.execute("DELETE FROM gesprek WHERE leerling_id = 4").rowcount == 0
        assert "permission denied" in geweigerd(conn, "UPDATE leerling SET klas = '2A' WHERE id = 3")
        assert "permission denied" in geweigerd(conn, "DELETE FROM verzuim")


def test_mentor_kan_het_auditlog_alleen_aanvullen(school):
    with verbind(school, MENTOR) as conn:
        eigen_id = conn.execute("SELECT id FROM gebruiker WHERE naam_sleutel = %s", (MENTOR,)).fetchone()[0]
        regel = ("INSERT INTO audit_regel (tijd, gebruiker_id, gebruiker_naam, actie, wat, vorige_hash, hash) "
                 "VALUES (now(), %s, 'Mees Mentor', 'bekeken', 'leerling', '', '')")
        conn.execute(regel, (eigen_id,))
        assert "row-level security" in geweigerd(conn, regel, (1,))  # not in a colleague's name
        # nor dated back: the server's clock counts
        conn.execute(regel.replace("VALUES (now()", "VALUES ('2020-01-01 08:00:00'"), (eigen_id,))
        for sql in ("UPDATE audit_regel SET wat = 'x'", "DELETE FROM audit_regel", "TRUNCATE audit_regel"):
            assert "permission denied" in geweigerd(conn, sql)
        assert "must be owner" in geweigerd(conn, "DROP TRIGGER audit_regel_keten ON audit_regel")
    with verbind(school, ZORG) as conn:
        tijden = conn.execute("SELECT tijd > localtimestamp - interval '1 hour' FROM audit_regel "
                              "WHERE gebruiker_naam = 'Mees Mentor'").fetchall()
        assert tijden == [(True,), (True,)]


def test_mentor_kan_eigen_rol_niet_veranderen(school):
    with verbind(school, MENTOR) as conn:
        assert "permission denied" in geweigerd(conn, "UPDATE gebruiker SET rol = 'zorgcoordinator', klassen = '3C'")
        geweigerd(conn, f"GRANT {server_rechten.ZORGCOORDINATOR} TO \"{MENTOR}\"")
        geweigerd(conn, f"SET ROLE {server_rechten.ZORGCOORDINATOR}")
        geweigerd(conn, f'ALTER ROLE "{MENTOR}" CREATEROLE')
        geweigerd(conn, "SELECT set_config('session_authorization', 'anna de vries', false)")
        geweigerd(conn, "CREATE TABLE leerling_kopie AS SELECT 1")
        assert conn.execute("SELECT thuiszit_mijn_klassen()").fetchone() == (["2a", "4b"],)
    with verbind(school, ZORG) as conn:
        assert conn.execute("SELECT rol FROM gebruiker WHERE naam_sleutel = %s", (MENTOR,)).fetchone() == ("mentor",)
        assert conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER')",
                            (MENTOR, server_rechten.ZORGCOORDINATOR)).fetchone() == (False,)


def test_lezer_ziet_alleen_anonieme_aantallen(school):
    with verbind(school, LEZER) as conn:
        for tabel in ("leerling", "verzuim", "traject", "gesprek", "traject_analyse", "gebruiker", "audit_regel"):
            assert "permission denied" in geweigerd(conn, f"SELECT * FROM {tabel}")
        # four open trajecten: fewer than 5, so the count is not shown
        assert conn.execute("SELECT categorie, status, aantal FROM lezer_trajecten").fetchall() == [
            ("verzuim", "open", None)]
        assert conn.execute("SELECT ingeschreven FROM lezer_leerlingen").fetchall() == [(None,)]
        assert "permission denied" in geweigerd(conn, "UPDATE audit_regel SET wat = 'x'")
        geweigerd(conn, f"GRANT {server_rechten.MENTOR} TO \"{LEZER}\"")


def test_een_login_kan_niet_twee_keer(school):
    cluster, naam = school
    db = server.verbind(server.lees_adres(cluster.dsn("tzadmin", naam)), cluster.wachtwoord)
    try:
        with pytest.raises(Exception, match="bestaat al een login"):
            server.maak_login(db, MENTOR, WACHTWOORD, "mentor")
    finally:
        db.close()


def test_groepslid_van_een_andere_school_ziet_hier_niets(school):
    """Group roles are the whole server's: the users of one school, connecting to another school's database
    on the same server, see nothing there and cannot write – the database's own gebruiker table decides."""
    cluster, _ = school
    naam, eigenaar, eigenaar_ww = cluster.nieuwe_database()
    schoolserver.inrichten(cluster.dsn(eigenaar, naam), eigenaar_ww, SCHOOL, "Bert Buurschool", WACHTWOORD)
    db = server.verbind(server.lees_adres(cluster.dsn(eigenaar, naam)), eigenaar_ww)
    db.execute_sql("INSERT INTO leerling (leerlingnummer, voornaam, tussenvoegsel, achternaam, geboortedatum, klas, "
                   "inschrijfdatum, bestemming, startkwalificatie, bsn, onderwijsnummer, gewijzigd) VALUES "
                   "('9', 'Kind', '', 'Elders', '2012-01-01', '2A', '2024-08-01', '', false, '', '', now())")
    db.close()
    for gebruiker in (ZORG, MENTOR):
        with psycopg.connect(host=cluster.host, port=cluster.poort, user=gebruiker, password=WACHTWOORD,
                             dbname=naam, autocommit=True) as conn:
            for tabel in ("leerling", "gebruiker", "school", "contact"):
                assert conn.execute(f"SELECT count(*) FROM {tabel}").fetchone() == (0,), (gebruiker, tabel)
            geweigerd(conn, "INSERT INTO contact (naam, rol, organisatie, telefoon, email) "
                            "VALUES ('x', 'mentor', '', '', '')")
    with psycopg.connect(host=cluster.host, port=cluster.poort, user=LEZER, password=WACHTWOORD, dbname=naam,
                         autocommit=True) as conn:
        assert conn.execute("SELECT * FROM lezer_trajecten").fetchall() == []
        assert conn.execute("SELECT count(*) FROM school").fetchone() == (0,)
    with psycopg.connect(host=cluster.host, port=cluster.poort, user="bert buurschool", password=WACHTWOORD,
                         dbname=naam, autocommit=True) as conn:  # while its own zorgcoördinator sees it all
        assert conn.execute("SELECT count(*) FROM leerling").fetchone() == (1,)


def test_zorgcoordinator_beheert_logins_zonder_createrole(school):
    """gebruiker toevoegen, een andere rol, uitschakelen: through the owner's functions, for this school's
    logins only."""
    cluster, naam = school
    zorg = server.verbind(server.lees_adres(cluster.dsn(ZORG, naam)), WACHTWOORD)
    try:
        assert zorg.execute_sql("SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone() == (
            False,)
        with zorg.atomic():
            zorg.execute_sql("INSERT INTO gebruiker (naam, naam_sleutel, rol, klassen, actief, aangemaakt) "
                             "VALUES ('Nina Nieuw', 'nina nieuw', 'mentor', '3C', true, now())")
            server.zet_login(zorg, "nina nieuw", WACHTWOORD, "mentor")
        with verbind(school, "nina nieuw") as conn:
            assert conn.execute("SELECT leerlingnummer FROM leerling ORDER BY 1").fetchall() == [("3",), ("4",)]

        with zorg.atomic():  # made alleen-lezen: the group follows, the students are gone
            zorg.execute_sql("UPDATE gebruiker SET rol = 'alleen-lezen', klassen = '' WHERE naam_sleutel = 'nina nieuw'")
            server.zet_login(zorg, "nina nieuw", "Een-ander-2026!", "alleen-lezen")
        with psycopg.connect(host=cluster.host, port=cluster.poort, user="nina nieuw", password="Een-ander-2026!",
                             dbname=naam, autocommit=True) as conn:
            assert "permission denied" in geweigerd(conn, "SELECT * FROM leerling")
            assert conn.execute("SELECT pg_has_role('thuiszit_mentor', 'MEMBER')").fetchone() == (False,)

        server.login_uit(zorg, "nina nieuw")
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            psycopg.connect(host=cluster.host, port=cluster.poort, user="nina nieuw", password="Een-ander-2026!",
                            dbname=naam)

        # never the owner, a superuser, a group, or a login that is not this school's user
        eigenaar = f"eigenaar_{naam}"
        zorg.execute_sql("INSERT INTO gebruiker (naam, naam_sleutel, rol, klassen, actief, aangemaakt) VALUES "
                         "(%s, %s, 'mentor', '', false, now()), ('x', 'tzadmin', 'mentor', '', false, now()), "
                         "('x', 'thuiszit_mentor', 'mentor', '', false, now())", [eigenaar, eigenaar])
        for doel in (eigenaar, "tzadmin", "thuiszit_mentor", "bert buurschool"):
            for stap in (lambda d: server.zet_login(zorg, d, "Overgenomen-2026!", "zorgcoordinator"),
                         lambda d: server.login_uit(zorg, d)):
                with pytest.raises(pw.DatabaseError, match="geen login van Thuiszit Desktop|geen gebruiker"):
                    stap(doel)
        with pytest.raises(pw.DatabaseError, match="alleen een SCRAM-verificatie"):
            zorg.execute_sql("SELECT thuiszit_login_zetten('mees mentor', 'Geheim-wachtwoord-1', 'mentor')")
    finally:
        zorg.close()
    with verbind(school, MENTOR) as conn:  # a mentor cannot call them at all
        assert "permission denied" in geweigerd(
            conn, "SELECT thuiszit_login_zetten('mees mentor', 'SCRAM-SHA-256$4096:a$b:c', 'zorgcoordinator')")
        assert "permission denied" in geweigerd(conn, "SELECT thuiszit_login_uit('anna de vries')")
