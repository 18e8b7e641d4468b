"""Columns chosen and remembered per school, one student per number, the school's lesuurtijden – against a
real encrypted database, and on the command line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from tests.conftest import cli
from thuiszit_desktop import app
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import InvoerFout, NietGevonden
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.lesuren import STANDAARD_LESUURTIJDEN, Lesuur
from thuiszit_desktop.services.importkolommen import Kolom

VANDAAG = date(2026, 11, 23)


def csv(tmp_path: Path, *regels: str, naam: str = "export.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


EIGEN_KOP = "Nr;Naam kind;Roepnaam;Achternaam;Geb.datum;Klas;Opmerking"
EIGEN = ["12;Zoë;Zo;Bakker;05-03-2011;2A;allergie", "13;Daniël;Daan;Jong;07-03-2011;2B;"]


def test_the_proposal_shows_every_column_with_samples_and_its_field(services, tmp_path):
    pad = csv(tmp_path, EIGEN_KOP, *EIGEN, "14;Fatima;;El Idrissi;12-11-2011;2A;")
    voorstel = services.importeren.kolommen(pad, "leerlingen")
    assert voorstel.kolommen == [
        Kolom("nr", "Nr", "", ("12", "13", "14")),
        Kolom("naam_kind", "Naam kind", "", ("Zoë", "Daniël", "Fatima")),
        Kolom("roepnaam", "Roepnaam", "voornaam", ("Zo", "Daan")),
        Kolom("achternaam", "Achternaam", "achternaam", ("Bakker", "Jong", "El Idrissi")),
        Kolom("geb.datum", "Geb.datum", "geboortedatum", ("05-03-2011", "07-03-2011", "12-11-2011")),
        Kolom("klas", "Klas", "klas", ("2A", "2B")),
        Kolom("opmerking", "Opmerking", "", ("allergie",)),
    ]
    assert [v.naam for v in voorstel.velden][:3] == ["leerlingnummer", "voornaam", "voornamen"]


def test_a_choice_of_columns_is_remembered_for_the_next_import(services, tmp_path):
    pad = csv(tmp_path, EIGEN_KOP, *EIGEN)
    with pytest.raises(InvoerFout, match="ontbreekt de kolom 'leerlingnummer'"):
        services.importeren.leerlingen_voorbeeld(pad, vandaag=VANDAAG)
    keuze = {"nr": "leerlingnummer", "naam_kind": "voornaam", "roepnaam": ""}
    voorbeeld = services.importeren.leerlingen_voorbeeld(pad, vandaag=VANDAAG, kolommen=keuze)
    assert [ll.naam for ll in voorbeeld.nieuw] == ["Zoë Bakker", "Daniël Jong"]
    assert voorbeeld.onbekende_kolommen == ["Roepnaam", "Opmerking"]
    # a preview remembers nothing
    assert services.importeren.kolommen(pad, "leerlingen").koppeling()["nr"] == ""

    services.importeren.leerlingen(pad, vandaag=VANDAAG, kolommen=keuze)
    assert services.leerlingen.get("12").voornaam == "Zoë"
    # the next export of the school: the same choice without asking, recognised columns as they are
    volgende = csv(tmp_path, "Nr;Naam kind;Roepnaam;Achternaam;Geb.datum;Stamgroep", "12;Zoë;Zo;Bakker;05-03-2011;3A",
                   naam="volgende.csv")
    assert services.importeren.kolommen(volgende, "leerlingen").koppeling() == {
        "nr": "leerlingnummer", "naam_kind": "voornaam", "roepnaam": "", "achternaam": "achternaam",
        "geb.datum": "geboortedatum", "stamgroep": "klas"}
    resultaat = services.importeren.leerlingen(volgende, vandaag=VANDAAG)
    assert resultaat.gewijzigd == 1 and services.leerlingen.get("12").klas == "3A"
    # only the choices that differ from the headers are stored
    opgeslagen = m.Instelling.get_by_id("importkolommen_leerlingen").waarde
    assert "naam_kind" in opgeslagen and "achternaam" not in opgeslagen


def test_a_failed_import_remembers_nothing(services, tmp_path):
    pad = csv(tmp_path, EIGEN_KOP, "12;Zoë;Zo;;05-03-2011;2A;")  # no achternaam: a row error
    with pytest.raises(InvoerFout):
        services.importeren.leerlingen(pad, vandaag=VANDAAG, kolommen={"nr": "leerlingnummer"})
    assert m.Instelling.get_or_none(m.Instelling.sleutel == "importkolommen_leerlingen") is None


def test_the_verzuim_import_remembers_its_columns_too(services, tmp_path):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2011, 3, 5), date(2024, 8, 1)), vandaag=VANDAAG)
    pad = csv(tmp_path, "Llnr;Dag;Uur;Soort", "1001;14-09-2026;1;Z", "1001;14-09-2026;2;Z")
    keuze = {"dag": "datum", "uur": "lesuur", "soort": "code"}
    resultaat = services.verzuim.importeren(pad, vandaag=VANDAAG, kolommen=keuze)
    assert resultaat.regels == 2
    assert services.importeren.kolommen(pad, "verzuim").koppeling() == {
        "llnr": "leerlingnummer", "dag": "datum", "uur": "lesuur", "soort": "code"}
    assert services.verzuim.voorbeeld(pad, vandaag=VANDAAG).dagen_ongewijzigd == 1


# --- one number, one student --------------------------------------------------------------------------

@pytest.fixture
def twee_keer_77(services):
    """What schema step 7 leaves when a child was imported once as 0077 and once as 77."""
    for nummer, klas in (("0077", "2A"), ("77", "3A")):
        m.Leerling.insert(leerlingnummer=nummer, achternaam="Vries", voornaam="Sanne", tussenvoegsel="van der",
                          geboortedatum=date(2010, 12, 24), klas=klas, inschrijfdatum=date(2022, 8, 22),
                          gewijzigd=m.now()).execute()
    return services


def test_each_of_a_clashing_pair_is_found_by_its_own_number(twee_keer_77):
    s = twee_keer_77
    assert s.leerlingen.get("0077").klas == "2A"
    assert s.leerlingen.get("77").klas == "3A"
    assert s.leerlingen.get("077").klas == "3A"  # typed otherwise: the normalised number


@pytest.mark.parametrize("soort", ["leerlingen", "verzuim"])
def test_imports_refuse_while_two_students_share_a_number(twee_keer_77, tmp_path, soort):
    s = twee_keer_77
    melding = ("In het leerlingenregister hebben leerlingen hetzelfde leerlingnummer, met en zonder nullen ervoor: "
               "0077 (Sanne van der Vries, 2A) en 77 (Sanne van der Vries, 3A).")
    if soort == "leerlingen":
        pad = csv(tmp_path, "leerlingnummer;achternaam;geboortedatum", "5;Bakker;05-03-2011")
        doe, voorbeeld = s.importeren.leerlingen, s.importeren.leerlingen_voorbeeld
    else:
        pad = csv(tmp_path, "leerlingnummer;datum;uren;reden", "77;14-09-2026;1;ziek")
        doe, voorbeeld = s.verzuim.importeren, s.verzuim.voorbeeld
    for functie in (doe, voorbeeld):
        with pytest.raises(InvoerFout) as info:
            functie(pad, vandaag=VANDAAG)
        assert str(info.value).startswith(melding) and "Leerlingen › Bewerken" in str(info.value)
    # renumbered by hand: the imports go again
    oud = s.leerlingen.get("0077")
    s.leerlingen.opslaan(replace(oud, leerlingnummer="77-oud"), vandaag=VANDAAG)
    assert doe(pad, vandaag=VANDAAG)


def test_saving_a_student_as_000123_stores_123_and_finds_it_both_ways(services):
    services.leerlingen.opslaan(Leerling("000123", "Bakker", date(2011, 3, 5), date(2024, 8, 1)), vandaag=VANDAAG)
    assert services.leerlingen.get("123").leerlingnummer == "123"
    assert services.leerlingen.get(" 000123 ").leerlingnummer == "123"
    with pytest.raises(InvoerFout, match="Er is al een leerling met leerlingnummer 123"):
        services.leerlingen.opslaan(Leerling("0123", "Jong", date(2011, 3, 5), date(2024, 8, 1)), vandaag=VANDAAG)
    with pytest.raises(NietGevonden):
        services.leerlingen.get("1230")


# --- the lesuurtijden -------------------------------------------------------------------------------------

def test_the_lesuurtijden_are_a_school_setting_with_a_default(services):
    assert services.school.lesuurtijden() == STANDAARD_LESUURTIJDEN
    opgeslagen = services.school.lesuurtijden_opslaan([("8:15", "9:00"), ("9.00", "9:45")])
    assert opgeslagen == services.school.lesuurtijden() == (Lesuur(time(8, 15), time(9, 0)),
                                                            Lesuur(time(9, 0), time(9, 45)))
    with pytest.raises(InvoerFout) as info:
        services.school.lesuurtijden_opslaan([("8:15", "9:00"), ("8:45", "9:45")])
    assert list(info.value.fouten) == ["lesuur2"]
    assert services.school.lesuurtijden() == opgeslagen  # nothing half-saved
    # back to the default: not stored, so a better default later reaches this school
    services.school.lesuurtijden_opslaan([(f"{u.begin:%H:%M}", f"{u.eind:%H:%M}") for u in STANDAARD_LESUURTIJDEN])
    assert m.Instelling.get_or_none(m.Instelling.sleutel == "lesuurtijden") is None


# --- the command line --------------------------------------------------------------------------------------

@pytest.fixture
def school_dir(tmp_path, cli_omgeving):
    data = tmp_path / "data"
    assert app.main(["init", "--data-dir", str(data), "--school", "Het Baken", "--brin", "12AB", "--regio",
                     "midden", "--gebruiker", "Anna de Vries"]) == 0
    return data


def test_kolom_on_the_command_line_and_remembered_after(school_dir, tmp_path, capsys):
    pad = csv(tmp_path, EIGEN_KOP, *EIGEN)
    assert cli(school_dir, "import", "leerlingen", str(pad)) == 1
    assert "ontbreekt de kolom 'leerlingnummer'" in capsys.readouterr().err
    assert cli(school_dir, "import", "leerlingen", str(pad), "--kolom", "Nr=leerlingnummer",
               "--kolom", "Naam kind=Voornaam", "--kolom", "roepnaam=niet") == 0
    uit = capsys.readouterr().out
    assert "2 leerlingen toegevoegd" in uit and "genegeerde kolommen: Roepnaam, Opmerking" in uit
    assert cli(school_dir, "dossier", "12") == 0
    assert "Dossier van Zoë Bakker" in capsys.readouterr().out
    # the next time: without --kolom
    assert cli(school_dir, "import", "leerlingen", str(pad)) == 0
    assert "0 leerlingen toegevoegd, 0 gewijzigd en 2 ongewijzigd" in capsys.readouterr().out


@pytest.mark.parametrize("kolom, melding", [
    ("Nr", "'--kolom Nr' kan niet gelezen worden. Schrijf --kolom BRON=VELD"),
    ("Nr=lievelingsvak", "'lievelingsvak' is geen veld van de import van leerlingen."),
    ("Bestaat niet=klas", "De kolom 'bestaat_niet' staat niet in de eerste regel van het bestand."),
])
def test_a_wrong_kolom_gets_a_dutch_message(school_dir, tmp_path, capsys, kolom, melding):
    pad = csv(tmp_path, EIGEN_KOP, *EIGEN)
    assert cli(school_dir, "import", "leerlingen", str(pad), "--kolom", kolom) == 1
    assert melding in capsys.readouterr().err
