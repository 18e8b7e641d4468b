"""`thuiszit-desktop rapport jaar` and `rapport lijstbespreking`, in-process through `app.main`."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import cli
from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.verzuim import Reden

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def data_dir(services, db_path):
    services.leerlingen.opslaan(Leerling(leerlingnummer="1001", voornaam="Zoë", achternaam="Bakker",
                                         geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1),
                                         klas="2B"), VANDAAG)
    services.trajecten.openen("1001", "thuiszitter", "Sinds de zomer thuis", geopend=date(2026, 9, 1),
                              vandaag=VANDAAG)
    services.verzuim.invoeren("1001", date(2026, 9, 1), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.close()
    return db_path.parent


def test_jaaroverzicht(data_dir, tmp_path, capsys):
    uit = tmp_path / "jaar.pdf"
    assert cli(data_dir, "rapport", "jaar", "2026", "--uit", str(uit)) == 0
    out, err = capsys.readouterr()
    assert err == "" and out == f"Het jaaroverzicht 2026-2027 staat in {uit}.\n"
    t = pdf_tekst(uit)
    assert "Jaaroverzicht 2026-2027" in t and "Werkt het?" in t and "Zoë" not in t


def test_lijstbespreking(data_dir, tmp_path, capsys):
    uit = tmp_path / "lijst.pdf"
    assert cli(data_dir, "rapport", "lijstbespreking", "--uit", str(uit)) == 0
    t = pdf_tekst(uit)
    assert "Zoë Bakker" in t and "Vertrouwelijk" in t
    assert "nr. 1001 · klas 2B" in t and "Thuiszitter stap 1, sinds 01-09-2026" in t and "Notities" in t


def test_wrong_usage_and_errors(data_dir, tmp_path, capsys):
    for argv in (("jaar", "26", "--uit", str(tmp_path / "x.pdf")), ("jaar", "2026")):  # --uit is required
        with pytest.raises(SystemExit) as exc:
            cli(data_dir, "rapport", *argv)
        assert exc.value.code == 2
    assert "geen schooljaar" in capsys.readouterr().err
    assert cli(data_dir, "rapport", "lijstbespreking", "--uit", str(tmp_path / "lijst.xlsx")) == 1
    assert "eindigen op .pdf" in capsys.readouterr().err
    assert cli(data_dir, "rapport", "jaar", "2026", "--uit", str(tmp_path / "geen-map" / "x.pdf")) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_a_school_year_without_verzuim_is_refused(data_dir, tmp_path, capsys):
    uit = tmp_path / "jaar.pdf"
    assert cli(data_dir, "rapport", "jaar", "2030", "--uit", str(uit)) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Over schooljaar 2030-2031 is geen verzuim ingevoerd")
    assert not uit.exists()
