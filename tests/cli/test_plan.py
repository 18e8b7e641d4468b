"""`thuiszit-desktop plan-pdf LEERLINGNUMMER UIT.pdf [--versie N]`, in-process through `app.main`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.conftest import cli
from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.plan import Akkoord, Doel

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def data_dir(services, db_path):
    """Zoë with a plan in two versions (1 vastgesteld, 2 concept); Daniël without a plan."""
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1003", "Daniël", "Çelik")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam=achternaam,
                                             geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1),
                                             klas="2B", ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER),)), VANDAAG)
    t = services.trajecten.openen("1001", "thuiszitter", "Sinds de zomer thuis", geopend=date(2026, 9, 1),
                                  vandaag=VANDAAG)
    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))  # signs for the school
    p = services.plannen.nieuw(t.id, vandaag=VANDAAG)
    p = services.plannen.opslaan(replace(p, doelen=(Doel("Eerste doel", date(2027, 1, 1)),)), vandaag=VANDAAG)
    p = services.plannen.vaststellen(p.id, date(2026, 11, 20), Akkoord("Ingrid Bakker", date(2026, 11, 20)),
                                     vandaag=VANDAAG)
    services.plannen.opslaan(replace(p, doelen=(Doel("Tweede doel", date(2027, 2, 1)),)), vandaag=VANDAAG)
    services.close()
    return db_path.parent


def test_writes_the_newest_version(data_dir, tmp_path, capsys):
    uit = tmp_path / "plan.pdf"
    assert cli(data_dir, "plan-pdf", "1001", str(uit)) == 0
    assert "versie 2 (concept)" in capsys.readouterr().out
    t = pdf_tekst(uit)
    assert "Tweede doel" in t and "Plan van aanpak voor Zoë Bakker" in t and "pagina 1 van" in t


def test_an_earlier_version(data_dir, tmp_path):
    uit = tmp_path / "plan-v1.pdf"
    assert cli(data_dir, "plan-pdf", "1001", str(uit), "--versie", "1") == 0
    t = pdf_tekst(uit)
    assert "Eerste doel" in t and "Tweede doel" not in t and "versie 1, vastgesteld 20-11-2026" in t


def test_nothing_to_print_is_exit_1_in_dutch(data_dir, tmp_path, capsys):
    uit = tmp_path / "leeg.pdf"
    assert cli(data_dir, "plan-pdf", "1003", str(uit)) == 1
    assert "Daniël Çelik (1003) heeft nog geen plan van aanpak om af te drukken." in capsys.readouterr().err
    assert not uit.exists()
    assert cli(data_dir, "plan-pdf", "1001", str(uit), "--versie", "5") == 1
    assert "geen versie 5" in capsys.readouterr().err
    assert cli(data_dir, "plan-pdf", "9999", str(uit)) == 1
    assert "Er is geen leerling met leerlingnummer 9999." in capsys.readouterr().err
