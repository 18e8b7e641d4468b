"""Item 2 of issue 12: a role, klas or account forged in the file with raw SQL is refused at login with a Dutch
message and an audit entry; a zorgcoördinator's login checks every row."""

from __future__ import annotations

import json

import pytest

from tests.conftest import WACHTWOORD
from tests.security.aanval import MENTOR, MENTOR2, MENTOR2_WW, MENTOR_WW, ZORG, key_of, raw, school
from thuiszit_desktop.db import keys
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.services import session, sleutels


@pytest.fixture
def data(db_path):
    school(db_path).close()
    return db_path


def sql(db_path, naam, wachtwoord, *statements):
    """The attack: open the file with one's own password and change rows with raw SQL."""
    conn = raw(db_path, key_of(KeyRing.for_database(db_path), naam, wachtwoord))
    try:
        for statement, *args in statements:
            conn.execute(statement, *args)
    finally:
        conn.close()


def geweigerd(db_path) -> list[tuple[str, str]]:
    conn = raw(db_path, key_of(KeyRing.for_database(db_path), ZORG, WACHTWOORD))
    try:
        return conn.execute("SELECT gebruiker_naam, wat FROM audit_regel WHERE actie = ?",
                            (sleutels.GEWEIGERD,)).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("aanval", [
    ("UPDATE gebruiker SET rol = 'zorgcoordinator', klassen = '' WHERE naam = ?", (MENTOR2,)),
    ("UPDATE gebruiker SET klassen = '2B,3A,4C' WHERE naam = ?", (MENTOR2,)),
    # the zorgcoördinator's own signature copied onto one's own row does not fit either
    ("UPDATE gebruiker SET rol = 'zorgcoordinator', handtekening = (SELECT handtekening FROM gebruiker "
     "WHERE naam = 'Anna de Vries') WHERE naam = ?", (MENTOR2,)),
])
def test_a_row_changed_with_raw_sql_is_refused_at_login(data, aanval):
    sql(data, MENTOR2, MENTOR2_WW, aanval)
    with pytest.raises(sleutels.GebruikerGewijzigd) as e:
        session.login(data, MENTOR2, MENTOR2_WW)
    assert "buiten het programma gewijzigd" in str(e.value) and "zorgcoördinator" in str(e.value)
    assert isinstance(e.value, InlogFout)  # the login screens show it like any refused login
    assert (MENTOR2, "eigen gebruikersgegevens gewijzigd buiten het programma") in geweigerd(data)


def test_the_zorgcoordinator_is_told_which_rows_were_changed(data):
    sql(data, MENTOR, MENTOR_WW, ("UPDATE gebruiker SET rol = 'zorgcoordinator' WHERE naam = ?", (MENTOR2,)))
    zorg = session.login(data, ZORG, WACHTWOORD)
    try:
        assert len(zorg.waarschuwingen) == 1 and MENTOR2 in zorg.waarschuwingen[0]
        # putting it right in the program signs the row again
        zorg.gebruikers.wijzigen(MENTOR2, rol=Rol.MENTOR, klassen=["2B"])
    finally:
        zorg.close()
    assert (MENTOR2, "gebruikersgegevens gewijzigd buiten het programma") in geweigerd(data)
    mentor = session.login(data, MENTOR2, MENTOR2_WW)
    assert mentor.gebruiker.rol == Rol.MENTOR
    mentor.close()


def test_a_new_account_made_in_the_file_does_not_get_in(data):
    """The mentor knows the database key and the signing public key: they add a zorgcoördinator row and a key
    slot for it with their own tools. Without the signing key the row carries no valid signature."""
    ring = KeyRing.load(KeyRing.for_database(data))
    eigen = ring.open(MENTOR, MENTOR_WW)
    ring.set_user("Nep Zorg", "Nep-wachtw00rd!", eigen)
    ring.save()
    sql(data, MENTOR, MENTOR_WW, ("INSERT INTO gebruiker (naam, naam_sleutel, rol, klassen, actief, aangemaakt, "
                                  "handtekening) VALUES ('Nep Zorg', 'nep zorg', 'zorgcoordinator', '', 1, "
                                  "'2026-11-23 10:00:00', '')",))
    with pytest.raises(sleutels.GebruikerGewijzigd):
        session.login(data, "Nep Zorg", "Nep-wachtw00rd!")


def test_another_users_public_key_cannot_be_swapped_without_their_password(data):
    """Putting one's own signing public key into someone else's slot (to make their login accept rows one signed
    oneself) breaks that slot: the key is authenticated with that user's password."""
    path = KeyRing.for_database(data)
    raw_json = json.loads(path.read_text())
    for s in raw_json["slots"]:
        if s["id"] == keys._slot_id(MENTOR2):
            s["controle"] = "11" * 32
    path.write_text(json.dumps(raw_json))
    with pytest.raises(InlogFout):
        session.login(data, MENTOR2, MENTOR2_WW)
    mentor = session.login(data, MENTOR, MENTOR_WW)  # the others are not affected
    assert mentor.gebruiker.rol == Rol.MENTOR
    mentor.close()
