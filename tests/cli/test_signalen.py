"""`import verzuim`, `import vrije-dagen`, `signalen` and `niveaus` on the command line, in-process through
`app.main`: exit codes, row errors on stderr, and the JSON of SIGNALEN.md "Machine-readable output"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import cli
from thuiszit_desktop import app

SLEUTELS = ("leerlingnummer", "signaal", "sinds", "datum", "uiterlijk")
LEERLINGEN = ["leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;inschrijfdatum",
              "1001;Zoë;;Bakker;05-03-2012;01-08-2024",
              "1002;Mehmet;;Çelik;17-06-2012;01-08-2024",
              "1003;Daniël;de;Jong;30-11-2011;01-08-2024"]
WEEKDAGEN_SEP_OKT = [f"{d:02d}-09-2026" for d in (21, 22, 23, 24, 25, 28, 29, 30)] + \
                    [f"{d:02d}-10-2026" for d in (1, 2, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 26, 27, 28, 29, 30)]
VERZUIM = ["leerlingnummer;datum;uren;reden",
           # Zoë: 16 hours ongeoorloofd in one week
           *(f"1001;{d}-09-2026;4;ongeoorloofd" for d in (14, 15, 16, 17)),
           # Mehmet: ill every lesdag since 21 September (the herfstvakantie is 17–25 October)
           *(f"1002;{d};6;ziek" for d in WEEKDAGEN_SEP_OKT),
           # Daniël: the whole last day before the herfstvakantie
           "1003;16-10-2026;6;ongeoorloofd"]


def bestand(tmp_path: Path, naam: str, regels: list[str]) -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


@pytest.fixture
def data_dir(tmp_path, capsys) -> Path:
    """A school made with `init`, its students imported with `import leerlingen`."""
    data = tmp_path / "data"
    assert app.main(["init", "--data-dir", str(data), "--school", "Het Baken", "--brin", "12AB", "--regio", "midden",
                     "--gebruiker", "Anna de Vries"]) == 0
    assert cli(data, "import", "leerlingen", bestand(tmp_path, "leerlingen.csv", LEERLINGEN)) == 0
    capsys.readouterr()
    return data


def json_uit(capsys, data: Path, *args) -> list[dict]:
    assert cli(data, *args, "--json") == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


@pytest.fixture
def met_verzuim(data_dir, tmp_path, capsys) -> Path:
    assert cli(data_dir, "import", "verzuim", bestand(tmp_path, "verzuim.csv", VERZUIM)) == 0
    out, err = capsys.readouterr()
    assert out == ("30 regels verzuim voor 3 leerlingen: 30 nieuwe dagen, 0 gewijzigd, 0 ongewijzigd. "
                   "Verzuim bijgewerkt t/m 30-10-2026.\n")
    assert err == ""
    return data_dir


# --- signalen and niveaus ---------------------------------------------------------------------------

def test_signalen_json_at_the_default_peildatum(met_verzuim, capsys):
    uit = json_uit(capsys, met_verzuim, "signalen")
    assert [{k: s[k] for k in SLEUTELS} for s in uit] == [
        {"leerlingnummer": "1001", "signaal": "meldplicht_16u", "sinds": "2026-09-14", "datum": "2026-09-17",
         "uiterlijk": "2026-09-24"},
        {"leerlingnummer": "1002", "signaal": "langdurig_afwezig", "sinds": "2026-09-21", "datum": "2026-10-26",
         "uiterlijk": None},
        {"leerlingnummer": "1002", "signaal": "mazl", "sinds": "2026-09-21", "datum": "2026-09-29",
         "uiterlijk": None},
        {"leerlingnummer": "1003", "signaal": "luxe_verzuim", "sinds": "2026-10-16", "datum": "2026-10-16",
         "uiterlijk": None},
    ]
    assert all(s["besproken"] is False and s["uitleg"] for s in uit)  # extra keys


@pytest.mark.parametrize("peildatum, verwacht", [
    ("2026-09-16", []),
    ("2026-09-30", [("1001", "meldplicht_16u"), ("1002", "mazl")]),
    ("2026-10-16", [("1001", "meldplicht_16u"), ("1002", "mazl"), ("1003", "luxe_verzuim")]),
])
def test_signalen_json_at_a_peildatum(met_verzuim, capsys, peildatum, verwacht):
    uit = json_uit(capsys, met_verzuim, "signalen", "--peildatum", peildatum)
    assert [(s["leerlingnummer"], s["signaal"]) for s in uit] == verwacht


def test_niveaus_json(met_verzuim, capsys):
    # 40 lesdagen of 6 hours from 31 August through 30 October
    assert json_uit(capsys, met_verzuim, "niveaus") == [
        {"leerlingnummer": "1001", "niveau": 2, "verzuimpercentage": 6.7},
        {"leerlingnummer": "1002", "niveau": 3, "verzuimpercentage": 62.5},
        {"leerlingnummer": "1003", "niveau": 1, "verzuimpercentage": 2.5},
    ]
    assert json_uit(capsys, met_verzuim, "niveaus", "--peildatum", "2026-09-11")[1] == {
        "leerlingnummer": "1002", "niveau": 1, "verzuimpercentage": 0.0}


def test_signalen_and_niveaus_as_text(met_verzuim, capsys):
    assert cli(met_verzuim, "signalen") == 0
    out = capsys.readouterr().out
    assert out.startswith("Signalen op 30-10-2026 (verzuim bijgewerkt t/m 30-10-2026)\n")
    assert "1001  Meldplicht: 16 uur ongeoorloofd verzuim: 16 uur ongeoorloofd verzuim tussen 14-09 en 17-09" in out
    assert cli(met_verzuim, "niveaus") == 0
    out = capsys.readouterr().out
    assert out.startswith("Niveaus op 30-10-2026 (verzuim bijgewerkt t/m 30-10-2026): niveau 1: 1, niveau 2: 1, "
                          "niveau 3: 1\n")
    assert "1002  niveau 3  62.5%" in out


def test_before_any_verzuim(data_dir, capsys):
    assert json_uit(capsys, data_dir, "signalen") == []
    assert cli(data_dir, "signalen") == 0
    assert "nog geen verzuim geïmporteerd" in capsys.readouterr().out


# --- import verzuim ---------------------------------------------------------------------------------

def test_a_bad_row_exits_1_and_imports_nothing(data_dir, tmp_path, capsys):
    pad = bestand(tmp_path, "fout.csv", ["leerlingnummer;datum;uren;reden", "1001;14-09-2026;2;ziek",
                                         "4711;14-09-2026;2;ziek", "1002;14-09-2026;25;ziek"])
    assert cli(data_dir, "import", "verzuim", pad) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "Er is niets geïmporteerd: 2 regels hebben een fout. Verbeter het bestand en importeer opnieuw, of sla de "
        "foute regels over.",
        "regel 3: Leerlingnummer 4711 staat niet in het leerlingenregister. Importeer eerst de leerlingen, of "
        "verbeter het nummer.",
        "regel 4: 25 uur kan niet: vul een aantal uren groter dan 0 en hoogstens 24 in.",
    ]
    assert json_uit(capsys, data_dir, "niveaus")[0]["verzuimpercentage"] == 0.0
    assert cli(data_dir, "signalen") == 0
    assert "nog geen verzuim geïmporteerd" in capsys.readouterr().out


def test_sla_foute_regels_over_and_tot(data_dir, tmp_path, capsys):
    pad = bestand(tmp_path, "fout.csv", ["leerlingnummer;datum;lesuur;code", "1001;14-09-2026;1;A",
                                         "1001;14-09-2026;1;S", "1001;15-09-2026;2;T", "1001;19-09-2026;1;A"])
    assert cli(data_dir, "import", "verzuim", pad, "--sla-foute-regels-over", "--tot", "2026-09-25") == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "let op, regel 5: 19-09-2026 is geen lesdag (weekend); deze regel telt niet mee voor de signalen.",
        "regel 3: Deze regel herhaalt regel 2 (zelfde leerling, datum en lesuur 1). Haal een van de twee weg.",
    ]
    assert out == ("2 regels verzuim voor 1 leerling: 2 nieuwe dagen, 0 gewijzigd, 0 ongewijzigd; 1 regel is geen "
                   "verzuim (te laat, present …) en overgeslagen; 1 regel valt op een dag die geen lesdag is en telt "
                   "niet mee; 1 regel met een fout. Verzuim bijgewerkt t/m 25-09-2026.\n")
    assert cli(data_dir, "niveaus") == 0
    assert capsys.readouterr().out.startswith("Niveaus op 25-09-2026 (verzuim bijgewerkt t/m 25-09-2026)")


def test_verzuim_bijgewerkt_tot_moves_forward_only_unless_tot(met_verzuim, tmp_path, capsys):
    correctie = bestand(tmp_path, "correctie.csv", ["leerlingnummer;datum;uren;reden", "1003;15-10-2026;6;ziek"])
    assert cli(met_verzuim, "import", "verzuim", correctie) == 0
    out, err = capsys.readouterr()
    assert out.endswith("Verzuim bijgewerkt t/m 30-10-2026 (blijft staan: het bestand gaat tot en met "
                        "15-10-2026).\n") and err == ""
    assert cli(met_verzuim, "import", "verzuim", correctie, "--tot", "2026-10-15") == 0
    out, err = capsys.readouterr()
    assert out.endswith("Verzuim bijgewerkt t/m 15-10-2026 (teruggezet van 30-10-2026).\n")
    assert err == ("let op: 'verzuim bijgewerkt t/m' is teruggezet van 30-10-2026 naar 15-10-2026; de signalen "
                   "gaan nu over het verzuim tot en met die dag\n")
    assert cli(met_verzuim, "niveaus") == 0
    assert capsys.readouterr().out.startswith("Niveaus op 15-10-2026 (verzuim bijgewerkt t/m 15-10-2026)")


def test_the_same_file_twice(met_verzuim, tmp_path, capsys):
    assert cli(met_verzuim, "import", "verzuim", tmp_path / "verzuim.csv") == 0
    assert capsys.readouterr().out.startswith("30 regels verzuim voor 3 leerlingen: 0 nieuwe dagen, 0 gewijzigd, "
                                              "30 ongewijzigd.")


@pytest.mark.parametrize("args, code, melding", [
    (["import", "verzuim", "bestaat-niet.csv"], 1, "Het bestand bestaat-niet.csv bestaat niet (meer)."),
    (["import", "verzuim", "verzuim.csv", "--tot", "30-10-2026"], 2, "geen datum als JJJJ-MM-DD"),
    (["import", "verzuim", "verzuim.csv", "--tot", "2062-10-30"], 1, "tot: Verzuim bijgewerkt tot 30-10-2062"),
    (["signalen", "--peildatum", "morgen"], 2, "fout in de opdracht"),
    (["import", "verzuim"], 2, "fout in de opdracht"),
])
def test_wrong_input(data_dir, tmp_path, capsys, monkeypatch, args, code, melding):
    bestand(tmp_path, "verzuim.csv", VERZUIM)
    monkeypatch.chdir(tmp_path)
    try:
        status = cli(data_dir, *args)
    except SystemExit as exc:  # argparse: wrong usage
        status = exc.code
    assert status == code
    assert melding in capsys.readouterr().err


def test_without_gebruiker_or_with_a_wrong_password(data_dir, capsys, monkeypatch):
    assert app.main(["signalen", "--data-dir", str(data_dir)]) == 1
    assert "--gebruiker" in capsys.readouterr().err
    monkeypatch.setenv("THUISZIT_WACHTWOORD", "niet-het-goede")
    assert cli(data_dir, "niveaus", "--json") == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw.\n")


# --- import vrije-dagen -----------------------------------------------------------------------------

def test_import_vrije_dagen(met_verzuim, tmp_path, capsys):
    pad = bestand(tmp_path, "vrij.csv", ["van;tot;omschrijving", "16-10-2026;16-10-2026;Studiedag",
                                         "13-07-2027;16-07-2027;Afsluiting"])
    assert cli(met_verzuim, "import", "vrije-dagen", pad) == 0
    assert capsys.readouterr().out == "5 vrije dagen: 5 nieuw, 0 gewijzigd, 0 ongewijzigd.\n"
    # 16 October is no longer a lesdag: no luxe verzuim for Daniël
    assert [s["signaal"] for s in json_uit(capsys, met_verzuim, "signalen") if s["leerlingnummer"] == "1003"] == []


def test_import_vrije_dagen_with_a_bad_row(data_dir, tmp_path, capsys):
    pad = bestand(tmp_path, "vrij.csv", ["datum;omschrijving", "11-11-2026;Studiedag", "11/11/2026;Nog eens"])
    assert cli(data_dir, "import", "vrije-dagen", pad) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[1:] == ["regel 3: 11-11-2026 staat al in regel 2. Haal de dag uit een van de twee "
                                    "regels."]
    assert cli(data_dir, "import", "vrije-dagen", pad, "--sla-foute-regels-over") == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("1 vrije dag: 1 nieuw, 0 gewijzigd, 0 ongewijzigd; 1 regel met een fout.\n",
                          "regel 3: 11-11-2026 staat al in regel 2. Haal de dag uit een van de twee regels.\n")
