"""`thuiszit-desktop audit verify|lijst` and `bewaartermijnen`, in-process through `app.main`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import WACHTWOORD, cli
from thuiszit_desktop.db import connection
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.domain.leerling import Leerling


@pytest.fixture
def data_dir(services, db_path):
    services.leerlingen.opslaan(Leerling(leerlingnummer="1001", voornaam="Zoë", achternaam="Bakker",
                                         geboortedatum=date(2005, 3, 5), inschrijfdatum=date(2017, 8, 1),
                                         uitschrijfdatum=date(2019, 7, 15), klas="6V"), date(2026, 11, 23))
    services.leerlingen.opslaan(Leerling(leerlingnummer="1002", voornaam="Mehmet", achternaam="Çelik",
                                         geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1),
                                         klas="2B"), date(2026, 11, 23))
    services.leerlingen.get("1002")
    services.close()
    return db_path.parent


def test_verify_on_a_sound_log(data_dir, capsys):
    assert cli(data_dir, "audit", "verify") == 0
    out, err = capsys.readouterr()
    assert out.startswith("Het auditlog is in orde (") and err == ""


def test_verify_names_the_first_broken_entry(data_dir, db_path, capsys):
    key = KeyRing.load(KeyRing.for_database(db_path)).unlock("Anna de Vries", WACHTWOORD)
    db = connection._connect(db_path, key)
    try:
        db.execute_sql('DROP TRIGGER "audit_regel_geen_wijziging"')
        db.execute_sql("UPDATE audit_regel SET wat = 'iets anders' WHERE id = 2")
    finally:
        db.close()
    assert cli(data_dir, "audit", "verify") == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Het auditlog is niet in orde: regel 2 ")


def test_lijst_as_json_with_filters(data_dir, capsys):
    assert cli(data_dir, "audit", "lijst", "--leerling", "1002", "--json") == 0
    rijen = json.loads(capsys.readouterr().out)
    assert {(r["actie"], r["wat"]) for r in rijen} == {("toegevoegd", "leerling"), ("bekeken", "leerling")}
    assert {r["leerling"] for r in rijen} == {"Mehmet Çelik"}
    assert cli(data_dir, "audit", "lijst", "--door", "Anna de Vries", "--van", date.today().isoformat()) == 0
    out = capsys.readouterr().out
    assert "ingelogd" in out and "Mehmet Çelik (1002)" in out
    assert cli(data_dir, "audit", "lijst", "--leerling", "9999") == 1
    assert "9999" in capsys.readouterr().err


def test_bewaartermijnen_preview_and_cleanup(data_dir, capsys):
    assert cli(data_dir, "bewaartermijnen", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["leerlingnummer"] for r in data["leerlingen"]] == ["1001"] and data["leerlingen"][0]["helemaal"]
    assert cli(data_dir, "bewaartermijnen", "--opruimen") == 1  # no terminal: only with --ja
    assert "--ja" in capsys.readouterr().err
    assert cli(data_dir, "bewaartermijnen", "--opruimen", "--ja") == 0
    assert "Definitief verwijderd: 1 leerling helemaal." in capsys.readouterr().out
    assert cli(data_dir, "bewaartermijnen") == 0
    assert "Er is niets dat over de bewaartermijn is." in capsys.readouterr().out
    assert cli(data_dir, "audit", "lijst", "--json") == 0
    rijen = json.loads(capsys.readouterr().out)
    assert any(r["actie"] == "opgeruimd" and r["wat"] == "leerlingen helemaal: 1" for r in rijen)
    assert cli(data_dir, "audit", "verify") == 0
