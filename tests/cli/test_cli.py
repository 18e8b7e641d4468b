"""The command line, driven in-process through the composition root `app.main`.

What an import does is tested with the importers; here only the frame: exit codes, Dutch messages,
passwords from the environment, --data-dir and THUISZIT_DATA_DIR, the neutral login message.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app
from thuiszit_desktop.services import demo, session

NEUTRAAL = "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."


@pytest.fixture(autouse=True)
def clean_environment(cli_omgeving, monkeypatch):
    """As every CLI test (conftest.py), but without a password unless a test sets one."""
    monkeypatch.delenv("THUISZIT_WACHTWOORD", raising=False)


@pytest.fixture
def small_demo(monkeypatch):
    """`demo` with 40 students instead of 600, for tests about the command rather than the school."""
    monkeypatch.setattr(demo, "create_demo_school", functools.partial(demo.create_demo_school, aantal=40))


def init_args(data_dir: Path, brin: str = "12AB") -> list[str]:
    return ["init", "--data-dir", str(data_dir), "--school", "Het Baken", "--brin", brin, "--regio", "midden",
            "--gebruiker", "Anna de Vries"]


# --- init -----------------------------------------------------------------------------------------

def test_init_creates_a_database_to_log_in_to(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert app.main(init_args(tmp_path / "data")) == 0
    out, err = capsys.readouterr()
    assert "Database gemaakt" in out and "Anna de Vries" in out
    assert err == ""
    services = session.login(session.database_path(tmp_path / "data"), "anna de vries", WACHTWOORD)
    try:
        school = services.school.get()
        assert (school.naam, school.brin, school.regio.value, school.uren_per_lesdag) == (
            "Het Baken", "12AB", "midden", 6.0)
    finally:
        services.close()
    assert (tmp_path / "data" / "logboek" / "thuiszit.log").exists()


def test_init_with_school_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    args = init_args(tmp_path, brin=" 12ab 01 ") + ["--schooltype", "po", "--uren-per-lesdag", "5.5",
                                                    "--swv", "SWV PO De Kempen"]
    assert app.main(args) == 0
    services = session.login(session.database_path(tmp_path), "Anna de Vries", WACHTWOORD)
    try:
        school = services.school.get()
        assert (school.brin, school.schooltype.value, school.uren_per_lesdag, school.swv) == (
            "12AB01", "po", 5.5, "SWV PO De Kempen")
    finally:
        services.close()


def test_init_with_a_bad_brin_says_so_in_dutch_and_creates_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert app.main(init_args(tmp_path / "data", brin="12A")) == 1
    out, err = capsys.readouterr()
    assert "Het BRIN-nummer klopt niet" in err
    assert "Traceback" not in err and out == ""
    assert not session.database_exists(session.database_path(tmp_path / "data"))


def test_init_with_a_weak_password_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", "geheim")
    assert app.main(init_args(tmp_path)) == 1
    assert "Kies een wachtwoord van minstens 10 tekens" in capsys.readouterr().err
    assert not session.database_exists(session.database_path(tmp_path))


def test_a_second_init_in_the_same_folder_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert app.main(init_args(tmp_path)) == 0
    capsys.readouterr()
    assert app.main(init_args(tmp_path)) == 1
    assert "Er staat al een database" in capsys.readouterr().err
    session.login(session.database_path(tmp_path), "Anna de Vries", WACHTWOORD).close()  # untouched


def test_init_without_password_and_without_terminal_asks_for_the_variable(tmp_path, capsys):
    assert app.main(init_args(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.strip() == "Geef het wachtwoord in de omgevingsvariabele THUISZIT_WACHTWOORD."
    assert not session.database_exists(session.database_path(tmp_path))


def test_init_prompts_twice_on_a_terminal(tmp_path, monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    antwoorden = iter([WACHTWOORD, "iets-anders-2026"])
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(antwoorden))
    assert app.main(init_args(tmp_path)) == 1
    assert "niet gelijk" in capsys.readouterr().err
    assert not session.database_exists(session.database_path(tmp_path))


# --- demo -----------------------------------------------------------------------------------------

def test_demo_in_a_data_dir(tmp_path, capsys):
    assert app.main(["demo", "--data-dir", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "600 fictieve leerlingen" in out and "'demo'" in out
    services = session.login(session.database_path(tmp_path / "demo"), "demo", "demo")
    try:
        assert len(services.leerlingen.lijst()) == 600
    finally:
        services.close()


def test_demo_honours_thuiszit_data_dir_and_the_password_variable(tmp_path, monkeypatch, small_demo):
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path / "uit-omgeving"))
    monkeypatch.setenv("THUISZIT_WACHTWOORD", "Demo-wachtwoord-1")
    assert app.main(["demo"]) == 0
    path = session.database_path(tmp_path / "uit-omgeving")
    assert session.database_exists(path)
    session.login(path, "demo", "Demo-wachtwoord-1").close()


def test_data_dir_option_wins_over_the_variable(tmp_path, monkeypatch, small_demo):
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path / "omgeving"))
    assert app.main(["demo", "--data-dir", str(tmp_path / "optie")]) == 0
    assert session.database_exists(session.database_path(tmp_path / "optie"))
    assert not session.database_exists(session.database_path(tmp_path / "omgeving"))


def test_demo_over_an_existing_database_is_refused(tmp_path, capsys, small_demo):
    assert app.main(["demo", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert app.main(["demo", "--data-dir", str(tmp_path)]) == 1
    assert "Er staat al een database" in capsys.readouterr().err


# --- wrong usage ----------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["init", "--school", "Het Baken"],  # required options missing
    ["init", "--school", "X", "--brin", "12AB", "--regio", "west", "--gebruiker", "Anna"],  # bad choice
    ["init", "--school", "X", "--brin", "12AB", "--regio", "noord", "--gebruiker", "A",
     "--uren-per-lesdag", "zes"],
    ["onbekend"],
    ["import", "leerlingen"],  # no file
    ["import", "rapporten", "x.csv"],
    ["demo", "--onbekende-optie"],
])
def test_wrong_usage_exits_with_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        app.main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "fout in de opdracht" in err and err.startswith("gebruik: ")


# --- logging in for a command ---------------------------------------------------------------------

@pytest.fixture
def school_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    assert app.main(init_args(tmp_path / "data")) == 0
    return tmp_path / "data"


@pytest.fixture
def csv_file(tmp_path) -> Path:
    path = tmp_path / "leerlingen.csv"
    path.write_text("leerlingnummer;achternaam;geboortedatum\n1001;Jansen;03-05-2012\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("gebruiker, wachtwoord", [("Onbekende Gebruiker", WACHTWOORD),
                                                   ("Anna de Vries", "Verkeerd-wachtwoord-1")])
def test_unknown_user_or_wrong_password_gets_the_neutral_message(school_dir, csv_file, monkeypatch,
                                                                 capsys, gebruiker, wachtwoord):
    capsys.readouterr()
    monkeypatch.setenv("THUISZIT_WACHTWOORD", wachtwoord)
    argv = ["import", "leerlingen", str(csv_file), "--gebruiker", gebruiker,
            "--data-dir", str(school_dir)]
    assert app.main(argv) == 1
    out, err = capsys.readouterr()
    assert err == NEUTRAAL + "\n"
    assert out == ""


def test_a_command_without_gebruiker_asks_for_it(school_dir, csv_file, capsys):
    capsys.readouterr()
    assert app.main(["import", "leerlingen", str(csv_file), "--data-dir", str(school_dir)]) == 1
    assert "--gebruiker" in capsys.readouterr().err


def test_a_command_without_password_and_terminal_asks_for_the_variable(school_dir, csv_file, monkeypatch,
                                                                       capsys):
    capsys.readouterr()
    monkeypatch.delenv("THUISZIT_WACHTWOORD")
    argv = ["import", "leerlingen", str(csv_file), "--gebruiker", "Anna de Vries",
            "--data-dir", str(school_dir)]
    assert app.main(argv) == 1
    assert "THUISZIT_WACHTWOORD" in capsys.readouterr().err


def test_a_command_without_a_database_says_how_to_make_one(tmp_path, csv_file, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    argv = ["import", "leerlingen", str(csv_file), "--gebruiker", "Anna de Vries",
            "--data-dir", str(tmp_path / "leeg")]
    assert app.main(argv) == 1
    assert "thuiszit-desktop init" in capsys.readouterr().err


def test_a_database_in_use_is_reported(school_dir, csv_file, capsys):
    capsys.readouterr()
    open_elsewhere = session.login(session.database_path(school_dir), "Anna de Vries", WACHTWOORD)
    try:
        argv = ["import", "leerlingen", str(csv_file), "--gebruiker", "Anna de Vries",
                "--data-dir", str(school_dir)]
        assert app.main(argv) == 1
        assert "al geopend" in capsys.readouterr().err
    finally:
        open_elsewhere.close()


def test_data_dir_may_come_before_or_after_the_command():
    """`--data-dir MAP signalen` once fell back to the user folder: the command's own default overwrote it."""
    from thuiszit_desktop.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["--data-dir", "/tmp/voor", "signalen"]).data_dir == "/tmp/voor"
    assert parser.parse_args(["signalen", "--data-dir", "/tmp/na"]).data_dir == "/tmp/na"
    assert parser.parse_args(["signalen"]).data_dir is None
    assert parser.parse_args([]).data_dir is None
