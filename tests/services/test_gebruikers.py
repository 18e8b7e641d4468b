"""GebruikersService on a real, encrypted database file: adding users with their own password, roles
and klassen, password change and reset, disabling (the key slot goes, so the file stays closed to
them) and the last zorgcoördinator."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import keys
from thuiszit_desktop.domain.errors import GeenToegang, InlogFout, InvoerFout, NietGevonden
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import demo, session
from thuiszit_desktop.services.lezersoverzicht import Lezersessie

MENTOR_WW = "Mentor-wachtwoord-1"


@pytest.fixture
def school(services):
    for nummer, klas in (("1001", "3A"), ("1002", "3B"), ("1003", "4C")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam="Kim", achternaam=f"Test{nummer}",
                                             geboortedatum=date(2011, 5, 1), inschrijfdatum=date(2023, 8, 1),
                                             klas=klas), date(2026, 11, 23))
    return services


def login(services, naam, wachtwoord):
    """Log in on the same file as another user (the first session must let go of the file first)."""
    path = services.database_path
    services.close()
    return session.login(path, naam, wachtwoord)


def test_a_mentor_is_added_with_klassen_from_the_register_and_logs_in_with_their_own_password(school):
    rij = school.gebruikers.toevoegen("Mo  El Amrani", "mentor", ["3a", "3B"], MENTOR_WW, MENTOR_WW)
    assert (rij.naam, rij.rol, rij.klassen, rij.actief) == ("Mo El Amrani", Rol.MENTOR, ("3A", "3B"), True)
    assert [(r.naam, r.rol) for r in school.gebruikers.lijst()] == [("Anna de Vries", Rol.ZORGCOORDINATOR),
                                                                    ("Mo El Amrani", Rol.MENTOR)]
    mentor = login(school, "mo el amrani", MENTOR_WW)
    try:
        assert mentor.gebruiker.rol == Rol.MENTOR and mentor.gebruiker.klassen == ("3A", "3B")
        assert sorted(r.leerlingnummer for r in mentor.leerlingen.lijst()) == ["1001", "1002"]
    finally:
        mentor.close()


def test_adding_checks_name_password_role_and_klassen_in_dutch(school):
    school.gebruikers.toevoegen("Mo El Amrani", Rol.ALLEEN_LEZEN, [], MENTOR_WW, MENTOR_WW)
    with pytest.raises(InvoerFout) as e:
        school.gebruikers.toevoegen("mo el amrani", "mentor", ["5Z", "3A"], "kort", "anders")
    assert set(e.value.fouten) == {"naam", "herhaling", "klassen"}
    assert "5Z" in e.value.fouten["klassen"] and "leerlingregister" in e.value.fouten["klassen"]
    with pytest.raises(InvoerFout) as e:
        school.gebruikers.toevoegen("Lies", "mentor", [], MENTOR_WW, MENTOR_WW)
    assert "minstens één klas" in e.value.fouten["klassen"]
    with pytest.raises(InvoerFout) as e:
        school.gebruikers.toevoegen("Lies", "directeur", [], MENTOR_WW, MENTOR_WW)
    assert "rol" in e.value.fouten
    assert len(school.gebruikers.lijst()) == 2
    assert not school.ctx.store.keyring.has_user("Lies")


def test_own_password_change_needs_the_current_one_and_the_old_one_stops_working(school):
    with pytest.raises(InvoerFout) as e:
        school.gebruikers.wachtwoord_wijzigen("fout-wachtwoord-9", "Nieuw-wachtwoord-2", "Nieuw-wachtwoord-2")
    assert "oud" in e.value.fouten
    with pytest.raises(InvoerFout):
        school.gebruikers.wachtwoord_wijzigen(WACHTWOORD, "Nieuw-wachtwoord-2", "Nieuw-wachtwoord-3")
    school.gebruikers.wachtwoord_wijzigen(WACHTWOORD, "Nieuw-wachtwoord-2", "Nieuw-wachtwoord-2")
    path = school.database_path
    school.close()
    with pytest.raises(InlogFout):
        session.login(path, "Anna de Vries", WACHTWOORD)
    session.login(path, "Anna de Vries", "Nieuw-wachtwoord-2").close()


def test_reset_disable_and_enable_again(school):
    school.gebruikers.toevoegen("Mo El Amrani", "mentor", ["3A"], MENTOR_WW, MENTOR_WW)
    school.gebruikers.wachtwoord_resetten("Mo El Amrani", "Vergeten-maar-nu-2", "Vergeten-maar-nu-2")
    rij = school.gebruikers.uitschakelen("Mo El Amrani")
    assert not rij.actief
    # the key slot is gone from the file itself: not even the right password opens the database
    ring = keys.KeyRing.load(keys.KeyRing.for_database(school.database_path))
    assert not ring.has_user("Mo El Amrani") and ring.has_user("Anna de Vries")
    with pytest.raises(InvoerFout):
        school.gebruikers.wachtwoord_resetten("Mo El Amrani", "Weer-iets-anders-3", "Weer-iets-anders-3")
    path = school.database_path
    school.close()
    with pytest.raises(InlogFout):
        session.login(path, "Mo El Amrani", "Vergeten-maar-nu-2")
    zorg = session.login(path, "Anna de Vries", WACHTWOORD)
    zorg.gebruikers.inschakelen("Mo El Amrani", "Terug-van-weg-4", "Terug-van-weg-4")
    zorg.close()
    session.login(path, "Mo El Amrani", "Terug-van-weg-4").close()


def test_klassen_and_role_can_change_but_not_for_the_last_zorgcoordinator(school):
    school.gebruikers.toevoegen("Mo El Amrani", "mentor", ["3A"], MENTOR_WW, MENTOR_WW)
    with pytest.raises(NietGevonden):
        school.gebruikers.wijzigen("Niemand", klassen=["3A"])
    assert school.gebruikers.wijzigen("Mo El Amrani", klassen=["3B", "4C"]).klassen == ("3B", "4C")
    with pytest.raises(InvoerFout) as e:
        school.gebruikers.wijzigen("Mo El Amrani", klassen=["9X"])
    assert "9X" in e.value.fouten["klassen"]
    with pytest.raises(InvoerFout) as e:
        school.gebruikers.wijzigen("Anna de Vries", rol="mentor", klassen=["3A"])
    assert "laatste zorgcoördinator" in e.value.fouten["rol"]
    with pytest.raises(InvoerFout):
        school.gebruikers.uitschakelen("Anna de Vries")  # oneself, and the last one
    rij = school.gebruikers.wijzigen("Mo El Amrani", rol="zorgcoordinator")
    assert (rij.rol, rij.klassen) == (Rol.ZORGCOORDINATOR, ())
    # with a second zorgcoördinator Anna may step down to mentor; her own session follows at once
    school.gebruikers.wijzigen("Anna de Vries", rol=Rol.MENTOR, klassen=["3A"])
    assert school.gebruiker.rol == Rol.MENTOR
    with pytest.raises(GeenToegang):
        school.gebruikers.lijst()


def test_a_failing_key_file_write_changes_nothing(school, monkeypatch):
    def kapot(self):
        raise OSError("schijf vol")

    monkeypatch.setattr(keys.KeyRing, "save", kapot)
    with pytest.raises(OSError):
        school.gebruikers.toevoegen("Mo El Amrani", "mentor", ["3A"], MENTOR_WW, MENTOR_WW)
    assert [r.naam for r in school.gebruikers.lijst()] == ["Anna de Vries"]
    assert not school.ctx.store.keyring.has_user("Mo El Amrani")


def test_alleen_lezen_has_no_database_session_but_changes_their_own_password(school):
    school.gebruikers.toevoegen("Lies Lezer", Rol.ALLEEN_LEZEN, [], MENTOR_WW, MENTOR_WW)
    path = school.database_path
    school.close()
    with pytest.raises(InlogFout):  # no key slot for the database: nothing to manage users with
        session.login(path, "Lies Lezer", MENTOR_WW)
    lezer = session.aanmelden(path, "Lies Lezer", MENTOR_WW)
    assert isinstance(lezer, Lezersessie) and not hasattr(lezer, "gebruikers")
    lezer.wachtwoord_wijzigen(MENTOR_WW, "Eigen-nieuw-ww-5", "Eigen-nieuw-ww-5")
    assert isinstance(session.aanmelden(path, "Lies Lezer", "Eigen-nieuw-ww-5"), Lezersessie)


@pytest.mark.parametrize("rol", [Rol.MENTOR])
def test_only_the_zorgcoordinator_manages_users_but_everyone_changes_their_own_password(school, rol):
    school.gebruikers.toevoegen("Mo El Amrani", rol, ["3A"], MENTOR_WW, MENTOR_WW)
    ander = login(school, "Mo El Amrani", MENTOR_WW)
    try:
        for poging in (lambda: ander.gebruikers.lijst(),
                       lambda: ander.gebruikers.toevoegen("X Y", "mentor", ["3A"], MENTOR_WW, MENTOR_WW),
                       lambda: ander.gebruikers.uitschakelen("Anna de Vries"),
                       lambda: ander.gebruikers.wachtwoord_resetten("Anna de Vries", "Overgenomen-1", "Overgenomen-1"),
                       lambda: ander.gebruikers.wijzigen("Mo El Amrani", rol="zorgcoordinator")):
            with pytest.raises(GeenToegang):
                poging()
        ander.gebruikers.wachtwoord_wijzigen(MENTOR_WW, "Eigen-nieuw-ww-5", "Eigen-nieuw-ww-5")
    finally:
        ander.close()


def test_the_demo_school_has_a_mentor_and_a_reader_to_try_the_roles(tmp_path):
    path = session.database_path(tmp_path / "demo")
    demo.create_demo_school(path, aantal=40, vandaag=date(2026, 11, 23)).close()
    mentor = session.login(path, "mentor", "demo")
    try:
        assert mentor.gebruiker.rol == Rol.MENTOR and len(mentor.gebruiker.klassen) == 2
        klassen = {r.klas for r in mentor.leerlingen.lijst()}
        assert klassen == set(mentor.gebruiker.klassen)
        assert mentor.trajecten.lijst()  # the klassen with the most open trajecten
    finally:
        mentor.close()
    lezer = session.aanmelden(path, "lezer", "demo")  # alleen-lezen: the overview of counts, not the database
    try:
        assert isinstance(lezer, Lezersessie) and lezer.gebruiker.rol == Rol.ALLEEN_LEZEN
        niveaus = lezer.overzicht().tabellen[0]
        assert niveaus.titel.startswith("Verzuimniveaus") and sum(r[1] or 0 for r in niveaus.rijen[:3]) > 20
    finally:
        lezer.close()
