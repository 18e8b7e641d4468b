"""`thuiszit-desktop mdo-pdf` and `dossier-pdf`, in-process through `app.main`, on a database the `services`
fixture filled and closed first."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import cli
from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import MdoDeelnemer
from thuiszit_desktop.domain.traject import MdoRol

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def data_dir(services, db_path):
    """Zoë with two MDO's (1 oktober, 5 november); Daniël without any."""
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"), ("1003", "Daniël", "de", "Jong")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel=tussenvoegsel,
                                             achternaam=achternaam, geboortedatum=date(2012, 3, 5),
                                             inschrijfdatum=date(2024, 8, 1), klas="2B"), VANDAAG)
    tr = services.trajecten
    t = tr.openen("1001", "thuiszitter", "Sinds de zomer thuis", geopend=date(2026, 9, 1), vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, date(2026, 10, 1), deelnemers=[
        MdoDeelnemer("Karel Çelik", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht")], verslag="Eerste overleg.",
        besluiten=["Rooster aanpassen"], vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, date(2026, 11, 5), verslag="Tweede overleg.", vandaag=VANDAAG)
    services.close()
    return db_path.parent


def test_mdo_pdf_writes_the_latest_mdo(data_dir, tmp_path, capsys):
    uit = tmp_path / "verslag.pdf"
    assert cli(data_dir, "mdo-pdf", "1001", str(uit)) == 0
    out, err = capsys.readouterr()
    assert err == "" and out == f"Het MDO-verslag staat in {uit}.\n"
    t = pdf_tekst(uit)
    assert "Verslag MDO" in t and "Tweede overleg." in t and "Eerste overleg." not in t


def test_datum_picks_an_mdo(data_dir, tmp_path, capsys):
    uit = tmp_path / "oktober.pdf"
    assert cli(data_dir, "mdo-pdf", "1001", str(uit), "--datum", "2026-10-01") == 0
    t = pdf_tekst(uit)
    assert "Eerste overleg." in t and "Karel Çelik" in t and "1. Rooster aanpassen" in t


def test_nothing_to_print_is_exit_1_with_a_dutch_message(data_dir, tmp_path, capsys):
    uit = tmp_path / "x.pdf"
    assert cli(data_dir, "mdo-pdf", "1003", str(uit)) == 1
    assert capsys.readouterr().err == ("Er is nog geen MDO vastgelegd voor Daniël de Jong; "
                                       "er is niets om af te drukken.\n")
    assert cli(data_dir, "mdo-pdf", "9999", str(uit)) == 1
    assert capsys.readouterr().err == "Er is geen leerling met leerlingnummer 9999.\n"
    assert cli(data_dir, "mdo-pdf", "1001", str(uit), "--datum", "2026-10-02") == 1
    assert "Er is geen MDO van 02-10-2026 voor Zoë Bakker" in capsys.readouterr().err
    assert cli(data_dir, "dossier-pdf", "9999", str(uit)) == 1
    assert capsys.readouterr().err == "Er is geen leerling met leerlingnummer 9999.\n"
    assert not uit.exists()


def test_a_bad_datum_is_a_usage_error(data_dir, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli(data_dir, "mdo-pdf", "1001", str(tmp_path / "x.pdf"), "--datum", "1-10-2026")
    assert exc.value.code == 2
    assert "geen datum als JJJJ-MM-DD" in capsys.readouterr().err


def test_dossier_pdf_writes_the_dossier(data_dir, tmp_path, capsys):
    uit = tmp_path / "dossier.pdf"
    assert cli(data_dir, "dossier-pdf", "1001", str(uit)) == 0
    assert capsys.readouterr().out == f"Het dossier staat in {uit}.\n"
    t = pdf_tekst(uit)
    assert "Dossier van Zoë Bakker" in t and "inzageverzoek" in t
    assert "MDO van 01-10-2026" in t and "MDO van 05-11-2026" in t and "pagina 1 van" in t


def test_an_unwritable_file_is_a_dutch_message(data_dir, tmp_path, capsys):
    assert cli(data_dir, "dossier-pdf", "1001", str(tmp_path / "bestaat-niet" / "d.pdf")) == 1
    assert "bestaat niet" in capsys.readouterr().err
