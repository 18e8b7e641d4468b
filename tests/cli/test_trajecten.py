"""`thuiszit-desktop trajecten` and `thuiszit-desktop dossier`, in-process through `app.main`, on a database
the `services` fixture filled and closed first."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import cli
from thuiszit_desktop import app
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.mdo import MdoDeelnemer
from thuiszit_desktop.domain.traject import MdoRol

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def data_dir(services, db_path):
    """Zoë with an open traject in step 3 (an MDO, a besluit, two actiepunten), Mehmet with a closed one,
    Daniël without any; then the fixture's services are closed so the CLI can open the file."""
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"), ("1002", "Mehmet", "", "Çelik"),
                                                        ("1003", "Daniël", "de", "Jong")):
        ouders = (Ouder("Ingrid Bakker", Relatie.MOEDER, "06-12345678"),) if nummer == "1001" else ()
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel=tussenvoegsel,
                                             achternaam=achternaam, geboortedatum=date(2012, 3, 5),
                                             inschrijfdatum=date(2024, 8, 1), klas="2B", ouders=ouders), VANDAAG)
    tr = services.trajecten
    t = tr.openen_vanuit_signaal("1001", "meldplicht_16u", date(2026, 9, 17), geopend=date(2026, 9, 18),
                                 vandaag=VANDAAG)
    tr.stap_wijzigen(t.id, 3, datum=date(2026, 10, 1), vandaag=VANDAAG)
    tr.gesprek_vastleggen("1001", "gesprek_leerling", date(2026, 9, 24), "Zoë vertelt over de pauzes",
                          afspraken=["Zoë eet bij de mentor"], vandaag=VANDAAG)
    mdo = tr.mdo_vastleggen(t.id, date(2026, 10, 1), deelnemers=[
        MdoDeelnemer("Anna de Vries", MdoRol.ZORGCOORDINATOR),
        MdoDeelnemer("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht")], verslag="Goed overleg.")
    tr.besluit_toevoegen(mdo.id, "Rooster aanpassen")
    tr.mdo_actiepunt(mdo.id, "Jeugdarts inschakelen", "Karel Smit", date(2026, 10, 8))
    tr.mdo_actiepunt(mdo.id, "Ouders bellen", "Anna de Vries", date(2026, 10, 9))
    ander = tr.openen("1002", "thuiszitter", "Sinds de zomer thuis", geopend=date(2026, 9, 1), vandaag=VANDAAG)
    tr.sluiten(ander.id, "ander_onderwijs", datum=date(2026, 11, 2), vandaag=VANDAAG)
    services.close()
    return db_path.parent


def test_trajecten_as_json(data_dir, capsys):
    assert cli(data_dir, "trajecten", "--json") == 0
    out, err = capsys.readouterr()
    assert err == ""
    [rij] = json.loads(out)  # only the open one
    assert {k: rij[k] for k in ("leerlingnummer", "naam", "stap", "status", "categorie", "geopend", "eigenaar",
                                "open_actiepunten")} == {
        "leerlingnummer": "1001", "naam": "Zoë Bakker", "stap": 3, "status": "open",
        "categorie": "dreigend_thuiszitter", "geopend": "2026-09-18", "eigenaar": "Anna de Vries",
        "open_actiepunten": 2}


def test_trajecten_as_text(data_dir, capsys):
    assert cli(data_dir, "trajecten") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Open trajecten: 1"
    assert "1001  Zoë Bakker  stap 3  Dreigend thuiszitter  sinds 18-09-2026" in out
    assert "2 open actiepunten" in out and "Çelik" not in out


def test_no_open_trajecten(services, db_path, capsys):
    services.close()
    assert cli(db_path.parent, "trajecten") == 0
    assert capsys.readouterr().out == "Geen open trajecten.\n"
    assert cli(db_path.parent, "trajecten", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_dossier_as_json(data_dir, capsys):
    assert cli(data_dir, "dossier", "1001", "--json") == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["leerling"]["naam"] == "Zoë Bakker"
    assert [o["naam"] for o in data["ouders"]] == ["Ingrid Bakker"]
    [traject] = data["trajecten"]
    assert traject["stap"] == 3 and len(traject["stappen"]) == 5
    assert {r["key"] for s in traject["stappen"] for r in s["checklist"]} >= {"gemeld_bij_leerplicht", "mdo_gepland"}
    [mdo] = data["mdos"]
    assert [(d["naam"], d["rol"], d["organisatie"]) for d in mdo["deelnemers"]] == [
        ("Anna de Vries", "zorgcoordinator", ""), ("Karel Smit", "leerplichtambtenaar", "Gemeente Utrecht")]
    assert [b["tekst"] for b in mdo["besluiten"]] == ["Rooster aanpassen"]
    assert [a["wie"]["naam"] for a in mdo["actiepunten"]] == ["Karel Smit", "Anna de Vries"]
    assert [g["afspraken"][0]["tekst"] for g in data["gesprekken"]] == ["Zoë eet bij de mentor"]
    assert data["meldingen"] == [] and data["mazl_acties"] == [] and data["signalen"] == []


def test_dossier_as_readable_text(data_dir, capsys):
    assert cli(data_dir, "dossier", "1002") == 0
    out = capsys.readouterr().out
    assert out.startswith("Dossier van Mehmet Çelik (leerlingnummer 1002)\n")
    for kop in ("LEERLING", "OUDERS EN VERZORGERS", "VRIJSTELLINGEN", "TRAJECTEN", "GESPREKKEN", "MDO'S",
                "SIGNALEN", "VERZUIMMELDINGEN BIJ DUO", "M@ZL-ACTIES", "VERZUIM"):
        assert f"\n{kop}\n" in out
    assert "Traject thuiszitter – geopend 01-09-2026, gesloten op 02-11-2026: Naar ander onderwijs" in out
    assert "Aanleiding: Sinds de zomer thuis" in out
    assert "Nazorg 14-12-2026: Nazorg na 6 weken" in out
    assert "[ ] Gesprek met de leerling" in out
    assert "{" not in out  # no JSON or reprs


def test_dossier_text_of_zoe_shows_mdo_and_checklist(data_dir, capsys):
    assert cli(data_dir, "dossier", "1001") == 0
    out = capsys.readouterr().out
    assert "Stap 3: Met wie werk je samen rondom (dreigend) thuiszitten (huidige stap)" in out
    assert "[x] MDO gepland – MDO op 01-10-2026 (automatisch)" in out
    assert "Deelnemers: Anna de Vries (Zorgcoördinator), Karel Smit (Leerplichtambtenaar, Gemeente Utrecht)" in out
    assert "Besluit 1: Rooster aanpassen" in out
    assert "Actiepunt: Jeugdarts inschakelen – Karel Smit, uiterlijk 08-10-2026 (open)" in out
    assert "Afspraak: Zoë eet bij de mentor" in out


@pytest.mark.parametrize("argv", [["dossier", "9999"], ["dossier", "9999", "--json"]])
def test_an_unknown_leerlingnummer_exits_1_with_a_dutch_message(data_dir, capsys, argv):
    assert cli(data_dir, *argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "Er is geen leerling met leerlingnummer 9999.\n"


def test_dossier_needs_a_leerlingnummer(capsys):
    with pytest.raises(SystemExit) as exc:
        app.main(["dossier"])
    assert exc.value.code == 2
    assert "fout in de opdracht" in capsys.readouterr().err
