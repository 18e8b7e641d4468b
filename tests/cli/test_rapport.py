"""`thuiszit-desktop rapport kwartaal JJJJ-Qn --uit FILE` in-process through `app.main`: the format from the
extension, pseudonymised files, and Dutch messages with exit 2 (wrong usage) or 1 (an error)."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.conftest import cli
from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.leerling import Leerling, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.verzuim import Reden

NAMEN = ("Zoë", "Bakker", "Mehmet", "Çelik", "771201", "771202", "111222333", "05-03-2012", "2012-03-05")


@pytest.fixture
def data_dir(services, db_path):
    """Zoë: at home since 14 September; Mehmet: a vrijstelling 5a since 1 October (both fictional)."""
    services.school.opslaan(replace(services.school.get(), swv="SWV VO Oudewaarde e.o."))
    services.leerlingen.opslaan(Leerling("771201", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B", bsn="111222333"), date(2026, 9, 1))
    services.leerlingen.opslaan(Leerling("771202", "Çelik", date(2012, 6, 17), date(2024, 8, 1), voornaam="Mehmet",
                                         klas="2C", vrijstellingen=(
                                             Vrijstelling(VrijstellingType.ART_5A, date(2026, 10, 1)),)),
                                date(2026, 10, 1))
    services.verzuim.invoeren("771201", date(2026, 9, 14), date(2026, 12, 18), Reden.ONGEOORLOOFD,
                              vandaag=date(2026, 12, 18))
    services.close()
    return db_path.parent


def _anoniem(tekst: str) -> None:
    assert not [n for n in NAMEN if n.casefold() in tekst.casefold()]


def test_xlsx_csv_and_pdf_from_the_extension(data_dir, tmp_path, capsys):
    xlsx, csv_, pdf = tmp_path / "q4.xlsx", tmp_path / "q4.csv", tmp_path / "Q4.PDF"
    for uit in (xlsx, csv_, pdf):
        assert cli(data_dir, "rapport", "kwartaal", "2026-Q4", "--uit", str(uit)) == 0
        out, err = capsys.readouterr()
        assert err == "" and out == f"Het kwartaaloverzicht 2026-Q4 (2 leerlingen) staat in {uit}.\n"

    with zipfile.ZipFile(xlsx) as z:
        for naam in z.namelist():
            _anoniem(z.read(naam).decode("utf-8", errors="replace"))
    ws = load_workbook(xlsx)["Overzicht"]
    assert sorted(ws.cell(r, 8).value for r in (2, 3)) == ["langdurig relatief verzuim", "vrijstelling 5a"]

    data = csv_.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    tekst = data.decode("utf-8-sig")
    _anoniem(tekst)
    assert tekst.splitlines()[0].startswith("Samenwerkingsverband;BRIN;School;Pseudoniem;Leeftijd;Schooltype;")
    assert tekst.splitlines()[1].startswith("SWV VO Oudewaarde e.o.;12AB;Het Baken;TZ-")
    assert "september 2026;;" in tekst and "oktober 2026;;" in tekst  # still home / vrijstelling: no eindmaand

    tekst = pdf_tekst(pdf)
    _anoniem(tekst)
    assert "Kwartaaloverzicht thuiszitters 2026-Q4" in tekst


def test_wrong_usage_and_errors(data_dir, tmp_path, capsys):
    for argv in (("2026-Q5", "--uit", str(tmp_path / "x.csv")), ("Q4", "--uit", str(tmp_path / "x.csv")),
                 ("2026-Q4",)):  # --uit is required
        with pytest.raises(SystemExit) as exc:
            cli(data_dir, "rapport", "kwartaal", *argv)
        assert exc.value.code == 2
    assert "geen kwartaal; schrijf JJJJ-Qn" in capsys.readouterr().err
    assert cli(data_dir, "rapport", "kwartaal", "2026-Q4", "--uit", str(tmp_path / "x.docx")) == 1
    assert "eindigen op .xlsx (Excel), .csv of .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()
    assert cli(data_dir, "rapport", "kwartaal", "2099-Q1", "--uit", str(tmp_path / "x.csv")) == 1
    assert "nog niet begonnen" in capsys.readouterr().err
    assert cli(data_dir, "rapport", "kwartaal", "2026-Q4", "--uit", str(tmp_path / "geen-map" / "x.csv")) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_a_quarter_without_verzuim_is_refused_and_naming_the_quarter(data_dir, tmp_path, capsys):
    uit = tmp_path / "q1.pdf"
    assert cli(data_dir, "rapport", "kwartaal", "2019-Q1", "--uit", str(uit)) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Over 2019-Q1 (januari tot en met maart 2019) is geen verzuim ingevoerd")
    assert not uit.exists()


def test_a_warning_when_the_samenwerkingsverband_is_missing(services, db_path, tmp_path, capsys):
    services.leerlingen.opslaan(Leerling("771201", "Bakker", date(2012, 3, 5), date(2024, 8, 1)), date(2026, 9, 1))
    services.verzuim.invoeren("771201", date(2026, 9, 14), date(2026, 12, 18), Reden.ONGEOORLOOFD,
                              vandaag=date(2026, 12, 18))
    services.close()
    assert cli(db_path.parent, "rapport", "kwartaal", "2026-Q4", "--uit", str(tmp_path / "q4.csv")) == 0
    assert "let op: het samenwerkingsverband is niet ingevuld" in capsys.readouterr().err
