from pathlib import Path

import pytest

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop.domain.errors import DatabaseInGebruik, DatabaseOnleesbaar, InlogFout, InvoerFout
from thuiszit_desktop.services import session


def test_create_then_login_with_own_password(services, db_path: Path):
    services.close()
    again = session.login(db_path, "  anna DE vries ", WACHTWOORD)
    assert again.gebruiker.naam == "Anna de Vries"
    assert again.school.get().brin == "12AB"
    again.close()


@pytest.mark.parametrize("naam, wachtwoord", [("Anna de Vries", "verkeerd-wachtwoord1"), ("Onbekend", WACHTWOORD)])
def test_wrong_name_or_password_gets_one_neutral_message(services, db_path, naam, wachtwoord):
    services.close()
    with pytest.raises(InlogFout) as exc:
        session.login(db_path, naam, wachtwoord)
    assert str(exc.value) == "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."


def test_second_instance_is_told_instead_of_writing(services, db_path):
    with pytest.raises(DatabaseInGebruik):
        session.login(db_path, "Anna de Vries", WACHTWOORD)


def test_a_damaged_file_gets_a_message_not_a_traceback(services, db_path):
    services.close()
    data = bytearray(db_path.read_bytes())
    data[:4096] = b"\x00" * 4096  # SQLCipher's first page: salt and header
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseOnleesbaar):
        session.login(db_path, "Anna de Vries", WACHTWOORD)


def test_missing_key_file_is_reported(services, db_path):
    services.close()
    db_path.with_suffix(".sleutels").unlink()
    with pytest.raises(DatabaseOnleesbaar, match="sleutelbestand"):
        session.login(db_path, "Anna de Vries", WACHTWOORD)


@pytest.mark.parametrize("wachtwoord, herhaling, veld", [
    ("kort1!", "kort1!", "wachtwoord"),
    ("alleenletters", "alleenletters", "wachtwoord"),
    ("Goed-wachtwoord-1", "Goed-wachtwoord-2", "herhaling"),
    ("anna de vries 123", "anna de vries 123", "wachtwoord"),
    ("aaaaaaaaaa1", "aaaaaaaaaa1", "wachtwoord"),
])
def test_weak_passwords_are_refused_and_nothing_is_created(db_path, wachtwoord, herhaling, veld):
    with pytest.raises(InvoerFout) as exc:
        session.create_school(db_path, SCHOOL, "Anna de Vries", wachtwoord, herhaling)
    assert veld in exc.value.fouten
    assert not db_path.exists()


def test_nothing_readable_in_the_file(services, db_path):
    from datetime import date

    from thuiszit_desktop.domain.leerling import Leerling

    services.leerlingen.opslaan(Leerling("1001", "Çelik", date(2011, 5, 3), date(2023, 8, 1), voornaam="Zoë"),
                                vandaag=date(2026, 11, 23))
    services.close()
    for path in db_path.parent.iterdir():
        if path.is_file():
            raw = path.read_bytes()
            for word in ("Çelik".encode(), b"Zo\xc3\xab", b"Het Baken", b"leerling", b"SQLite format"):
                assert word not in raw, (path.name, word)


def test_real_key_cost_round_trip(monkeypatch, db_path):
    """The production scrypt cost (the other tests use a cheap one, see conftest.py)."""
    import json

    from thuiszit_desktop.db import keys

    monkeypatch.setattr(keys, "SCRYPT_N", 2**15)
    session.create_school(db_path, SCHOOL, "Anna de Vries", WACHTWOORD, WACHTWOORD).close()
    slot = json.loads(db_path.with_suffix(".sleutels").read_text())["slots"][0]
    assert (slot["n"], slot["r"], slot["p"]) == (2**15, 8, 1)
    session.login(db_path, "Anna de Vries", WACHTWOORD).close()
