"""Files shaped like real Magister and Somtoday exports (veldbestanden.py), imported as they come – through
the service and through the command line, without choosing a single column – compared field by field."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD, cli
from tests.importers import veldbestanden
from thuiszit_desktop import app
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.services.verzuim import VerzuimDag

VANDAAG = date(2026, 11, 23)
ONG, ZIEK, SCHORSING, OVERIG = Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.SCHORSING, Reden.OVERIG_GEOORLOOFD


def leerling(nummer, achternaam, geboren, ingeschreven, voornaam, tussenvoegsel, klas, mentor) -> Leerling:
    return Leerling(nummer, achternaam, geboren, ingeschreven, voornaam=voornaam, tussenvoegsel=tussenvoegsel,
                    klas=klas, mentor=mentor)


REGISTER = [
    leerling("412", "Bakker", date(2011, 3, 5), date(2023, 8, 21), "Zoë", "", "2A", "J. de Vries"),
    leerling("1001", "Jong", date(2011, 7, 9), date(2023, 8, 21), "Daniël", "de", "2A", "J. de Vries"),
    leerling("1002", "Çelik", date(2012, 1, 31), date(2024, 8, 19), "Mehmet", "", "1C", "S. Öztürk"),
    # no roepnaam: the first of the Voornamen; the birth date was typed as text
    leerling("1003", "El Idrissi", date(2011, 11, 12), date(2023, 8, 21), "Fatima", "", "2B", ""),
    leerling("78", "Vries", date(2010, 12, 24), date(2022, 8, 22), "Sanne", "van der", "3A", "M. El Amrani"),
]

# Magister, per lesuur: each line one hour; La (te laat) skipped; Ma and BLA are not in the school's table
# and Geoorloofd decides them.
MAGISTER_VERZUIM = {
    "412": [VerzuimDag(date(2026, 9, 14), {ONG: 2.0}), VerzuimDag(date(2026, 9, 15), {ZIEK: 1.0})],
    "1001": [VerzuimDag(date(2026, 9, 16), {ONG: 2.0})],
    "1002": [VerzuimDag(date(2026, 9, 17), {OVERIG: 1.0, ONG: 1.0})],
    "78": [VerzuimDag(date(2026, 9, 18), {SCHORSING: 1.0})],
}

# Somtoday, periods over the default bell times (8 lesuren, 6 uren per lesdag).
SOMTODAY_VERZUIM = {
    "412": [VerzuimDag(date(2026, 10, 2), {ZIEK: 4.0}), VerzuimDag(date(2026, 10, 5), {ZIEK: 4.0})],
    "1001": [VerzuimDag(date(2026, 9, 21), {ZIEK: 6.0})],
    "1002": [VerzuimDag(date(2026, 9, 22), {OVERIG: 2.0})],
    "1003": [VerzuimDag(date(2026, 9, 23), {OVERIG: 6.0}), VerzuimDag(date(2026, 10, 16), {ZIEK: 6.0}),
             VerzuimDag(date(2026, 10, 26), {ZIEK: 4.0})],
    "78": [VerzuimDag(date(2026, 9, 28), {ONG: 6.0}), VerzuimDag(date(2026, 9, 29), {ONG: 6.0}),
           VerzuimDag(date(2026, 9, 30), {ONG: 6.0})],
}


@pytest.fixture(scope="module")
def bestanden(tmp_path_factory):
    return veldbestanden.maak(tmp_path_factory.mktemp("veld"))


def register(services) -> list[Leerling]:
    uit = []
    for r in sorted(services.leerlingen.lijst(peildatum=VANDAAG), key=lambda r: int(r.leerlingnummer)):
        ll = services.leerlingen.get(r.leerlingnummer)
        uit.append(leerling(ll.leerlingnummer, ll.achternaam, ll.geboortedatum, ll.inschrijfdatum, ll.voornaam,
                            ll.tussenvoegsel, ll.klas, ll.mentor))
    return uit


def verzuim(services) -> dict[str, list[VerzuimDag]]:
    uit = {}
    for ll in REGISTER:
        dagen = services.verzuim.dagen(ll.leerlingnummer, date(2026, 8, 1), date(2027, 7, 31))
        if dagen:
            uit[ll.leerlingnummer] = dagen
    return uit


def test_a_magister_register_as_xlsx_and_then_as_csv_is_one_register(services, bestanden):
    """Numbers in the .xlsx (412, 1002.0) and the same stamnummers with zeros in the CSV (000412): one student each."""
    resultaat = services.importeren.leerlingen(bestanden["magister_leerlingen_xlsx"], vandaag=VANDAAG)
    assert (resultaat.toegevoegd, resultaat.gewijzigd, resultaat.fouten) == (5, 0, [])
    assert resultaat.onbekende_kolommen == ["Geslacht", "Studie"]
    assert register(services) == sorted(REGISTER, key=lambda ll: int(ll.leerlingnummer))

    voorbeeld = services.importeren.leerlingen_voorbeeld(bestanden["magister_leerlingen_csv"], vandaag=VANDAAG)
    assert (len(voorbeeld.nieuw), len(voorbeeld.gewijzigd), voorbeeld.ongewijzigd, voorbeeld.fouten) == (0, 0, 5, [])
    resultaat = services.importeren.leerlingen(bestanden["magister_leerlingen_csv"], vandaag=VANDAAG)
    assert (resultaat.toegevoegd, resultaat.gewijzigd, resultaat.ongewijzigd) == (0, 0, 5)


def test_the_csv_alone_gives_the_same_register(services, bestanden):
    resultaat = services.importeren.leerlingen(bestanden["magister_leerlingen_csv"], vandaag=VANDAAG)
    assert (resultaat.toegevoegd, resultaat.fouten) == (5, [])
    assert register(services) == sorted(REGISTER, key=lambda ll: int(ll.leerlingnummer))


def test_magister_absences_per_lesuur(services, bestanden):
    services.importeren.leerlingen(bestanden["magister_leerlingen_xlsx"], vandaag=VANDAAG)
    resultaat = services.verzuim.importeren(bestanden["magister_absenties_xlsx"], vandaag=VANDAAG)
    assert (resultaat.regels, resultaat.overgeslagen, resultaat.fouten, resultaat.geen_lesdag) == (8, 1, [], [])
    assert resultaat.onbekende_kolommen == ["Naam", "Omschrijving"]
    assert resultaat.bijgewerkt_tot == date(2026, 9, 18)
    assert verzuim(services) == MAGISTER_VERZUIM


def test_somtoday_periods_in_lesuren_per_lesdag(services, bestanden):
    services.importeren.leerlingen(bestanden["magister_leerlingen_csv"], vandaag=VANDAAG)
    resultaat = services.verzuim.importeren(bestanden["somtoday_absenties_csv"], vandaag=VANDAAG)
    assert (resultaat.overgeslagen, resultaat.fouten, resultaat.geen_lesdag) == (1, [], [])
    assert resultaat.onbekende_kolommen == ["Achternaam", "Roepnaam"]
    assert resultaat.bijgewerkt_tot == date(2026, 10, 26)
    assert verzuim(services) == SOMTODAY_VERZUIM
    # the same file again changes nothing
    again = services.verzuim.importeren(bestanden["somtoday_absenties_csv"], vandaag=VANDAAG)
    assert (again.dagen_nieuw, again.dagen_gewijzigd) == (0, 0)


def test_other_bell_times_count_other_lesuren(services, bestanden):
    """A school of 45-minute lessons from 8:15 counts Mehmet's 10:30–12:10 as its lesuren 4 and 5 only."""
    services.school.lesuurtijden_opslaan([("8:15", "9:00"), ("9:00", "9:45"), ("10:00", "10:45"),
                                          ("10:45", "11:30"), ("11:30", "12:15"), ("12:45", "13:30")])
    services.importeren.leerlingen(bestanden["magister_leerlingen_csv"], vandaag=VANDAAG)
    services.verzuim.importeren(bestanden["somtoday_absenties_csv"], vandaag=VANDAAG)
    # 10:30–12:10 covers 15 min of 10:00–10:45 (no), all of 10:45–11:30, 40 of 11:30–12:15 (yes)
    assert services.verzuim.dagen("1002", date(2026, 9, 22), date(2026, 9, 22)) == [
        VerzuimDag(date(2026, 9, 22), {OVERIG: 2.0})]
    # 9:00 to the end of the day on Monday: lesuren 2–6, 5 of 6 uren per lesdag
    assert services.verzuim.dagen("78", date(2026, 9, 28), date(2026, 9, 28)) == [
        VerzuimDag(date(2026, 9, 28), {ONG: 5.0})]


# --- the same files on the command line, without --kolom -------------------------------------------------

@pytest.fixture
def school_dir(tmp_path, cli_omgeving):
    data = tmp_path / "data"
    assert app.main(["init", "--data-dir", str(data), "--school", "Het Baken", "--brin", "12AB", "--regio",
                     "midden", "--gebruiker", "Anna de Vries"]) == 0
    return data


def test_the_command_line_imports_the_files_as_they_come(school_dir, bestanden, capsys, monkeypatch):
    monkeypatch.setattr("thuiszit_desktop.services.importing.date",
                        type("D", (date,), {"today": staticmethod(lambda: VANDAAG)}))
    monkeypatch.setattr("thuiszit_desktop.services.verzuim.date",
                        type("D", (date,), {"today": staticmethod(lambda: VANDAAG)}))
    assert cli(school_dir, "import", "leerlingen", str(bestanden["magister_leerlingen_xlsx"])) == 0
    assert "5 leerlingen toegevoegd" in capsys.readouterr().out
    assert cli(school_dir, "import", "leerlingen", str(bestanden["magister_leerlingen_csv"])) == 0
    assert "0 leerlingen toegevoegd, 0 gewijzigd en 5 ongewijzigd" in capsys.readouterr().out
    assert cli(school_dir, "import", "verzuim", str(bestanden["magister_absenties_xlsx"])) == 0
    assert cli(school_dir, "import", "verzuim", str(bestanden["somtoday_absenties_csv"])) == 0
    out = capsys.readouterr().out
    assert "8 regels verzuim voor 4 leerlingen" in out and "Verzuim bijgewerkt t/m 26-10-2026" in out

    # a leerlingnummer as typed with zeros finds the student
    assert cli(school_dir, "dossier", "000412") == 0
    assert "Dossier van Zoë Bakker (leerlingnummer 412)" in capsys.readouterr().out

    services = session.login(session.database_path(school_dir), "Anna de Vries", WACHTWOORD)
    try:
        assert register(services) == sorted(REGISTER, key=lambda ll: int(ll.leerlingnummer))
        assert verzuim(services) == {nr: sorted(MAGISTER_VERZUIM.get(nr, []) + SOMTODAY_VERZUIM.get(nr, []),
                                                key=lambda d: d.datum)
                                     for nr in {*MAGISTER_VERZUIM, *SOMTODAY_VERZUIM}}
    finally:
        services.close()
