"""Every message of the command line is Dutch – argparse's own included: each subcommand is run with wrong
input of every kind argparse reports (missing, unknown, a bad value, a bad choice, an option without its
value) and with -h, and no English may remain. Errors about a field name the option, never the field."""

from __future__ import annotations

import argparse
import re

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop import app, cli
from thuiszit_desktop.argparse_nl import vertaal

# What argparse says in English (3.11–3.13), as words: any of them left over is a miss.
ENGELS = re.compile(r"\b(usage|error|arguments?|invalid|required|unrecognized|expected|choose|options|positional|"
                    r"show|message|exit|value|ambiguous|allowed|ignored|unexpected|could match)\b", re.IGNORECASE)
OPTIE = re.compile(r"(?<![\w-])--?[a-z][\w-]*")  # option strings themselves ("--help") are not English text


def opdrachten(parser: argparse.ArgumentParser, pad: tuple[str, ...] = ()):
    """(path, leaf parser) of every command: ("init",), ("rapport", "kwartaal"), …"""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield pad, parser
    for actie in subs:
        for naam, sub in actie.choices.items():
            yield from opdrachten(sub, (*pad, naam))


OPDRACHTEN = list(opdrachten(cli.build_parser()))
KANDIDATEN = ("x", "2026", "2026-Q1", "2026-01-01", "1")


def vulling(actie: argparse.Action) -> str:
    """A value the argument accepts, so that an error is about the argument under test."""
    if actie.choices:
        return next(iter(actie.choices))
    for kandidaat in KANDIDATEN:
        try:
            if actie.type is not None:
                actie.type(kandidaat)
            return kandidaat
        except (argparse.ArgumentTypeError, ValueError, TypeError):
            continue
    raise AssertionError(f"geen geldige waarde gevonden voor {actie.dest}")


def verplicht(parser: argparse.ArgumentParser) -> list[str]:
    """The required positionals and options, filled with valid values."""
    uit: list[str] = []
    for a in parser._actions:
        if not a.option_strings and not isinstance(a, argparse._SubParsersAction):
            uit.append(vulling(a))
        elif a.option_strings and a.required:
            uit += [a.option_strings[-1], vulling(a)]
    return uit


def weigert(actie: argparse.Action, waarde: str) -> bool:
    try:
        actie.type(waarde)
    except (argparse.ArgumentTypeError, ValueError, TypeError):
        return True
    return False


def fout_invoer(pad: tuple[str, ...], parser: argparse.ArgumentParser) -> list[list[str]]:
    """Every kind of wrong use of this command."""
    goed = [*pad, *verplicht(parser)]
    gevallen = [[*pad, "--onbekende-optie"], [*goed, "teveel"]]
    if goed != list(pad):
        gevallen.append(list(pad))  # something required is missing
    for a in parser._actions:
        if not a.option_strings or a.nargs == 0 or isinstance(a, argparse._HelpAction):
            continue
        gevallen.append([*goed, a.option_strings[-1]])  # the option without its value
        if a.choices:
            gevallen.append([*goed, a.option_strings[-1], "geen-keuze"])
        if a.type is not None and weigert(a, "???"):
            gevallen.append([*goed, a.option_strings[-1], "???"])
    for i, a in enumerate(x for x in parser._actions if not x.option_strings):
        if a.choices or a.type is not None and weigert(a, "???"):
            waarden = verplicht(parser)
            posities = [j for j, w in enumerate(waarden) if not w.startswith("-")]
            waarden[posities[i]] = "???"
            gevallen.append([*pad, *waarden])
    return gevallen


def engels(tekst: str) -> list[str]:
    return ENGELS.findall(OPTIE.sub("", tekst))


@pytest.mark.parametrize(("pad", "parser"), OPDRACHTEN, ids=[" ".join(p) for p, _ in OPDRACHTEN])
def test_every_usage_error_and_the_help_are_dutch(pad, parser, capsys):
    for argv in fout_invoer(pad, parser):
        with pytest.raises(SystemExit) as exc:
            app.main(argv)
        assert exc.value.code == 2, argv
        err = capsys.readouterr().err
        assert "fout in de opdracht" in err and err.startswith("gebruik: "), argv
        assert not engels(err), (argv, err)
    with pytest.raises(SystemExit) as exc:
        app.main([*pad, "-h"])
    assert exc.value.code == 0
    uit = capsys.readouterr().out
    assert uit.startswith("gebruik: ") and "toon deze uitleg en stop" in uit
    assert not engels(uit), uit


def test_the_top_level_help_and_an_unknown_command(capsys):
    with pytest.raises(SystemExit):
        app.main(["--help"])
    uit = capsys.readouterr().out
    assert "argumenten:" in uit and "opties:" in uit and not engels(uit)
    with pytest.raises(SystemExit):
        app.main(["onbekend"])
    err = capsys.readouterr().err
    assert "OPDRACHT: 'onbekend' kan hier niet; kies uit 'init'" in err and not engels(err)


@pytest.mark.parametrize(("engels_", "nederlands"), [
    ("argument --versie: invalid int value: 'x'", "--versie: 'x' is geen heel getal"),
    ("argument --regio: invalid choice: 'west' (choose from 'noord', 'midden', 'zuid')",
     "--regio: 'west' kan hier niet; kies uit 'noord', 'midden', 'zuid'"),
    ("argument --regio: invalid choice: 'west' (choose from noord, midden, zuid)",  # Python 3.12.8+
     "--regio: 'west' kan hier niet; kies uit noord, midden, zuid"),
    ("the following arguments are required: --brin, --regio", "dit ontbreekt nog: --brin, --regio"),
    ("unrecognized arguments: --x y", "dit kent het programma niet: --x y"),
    ("argument --peildatum: expected one argument", "--peildatum: hier hoort één waarde achter"),
    ("argument --peildatum: geen datum als JJJJ-MM-DD: x", "--peildatum: geen datum als JJJJ-MM-DD: x"),
    ("ambiguous option: --ge could match --gebruiker, --geen", "--ge kan meer opties zijn: --gebruiker, --geen"),
])
def test_translations(engels_, nederlands):
    assert vertaal(engels_) == nederlands


def test_an_error_about_a_field_names_the_option(tmp_path, capsys):
    argv = ["init", "--data-dir", str(tmp_path), "--school", "Het Baken", "--brin", "12A", "--regio", "midden",
            "--gebruiker", "Anna de Vries", "--uren-per-lesdag", "30"]
    assert app.main(argv) == 1
    regels = capsys.readouterr().err.splitlines()
    assert sorted(r.split(":")[0] for r in regels) == ["--brin", "--uren-per-lesdag"]


def test_a_service_error_without_an_option_is_only_the_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    data = tmp_path / "data"
    assert app.main(["init", "--data-dir", str(data), "--school", "Het Baken", "--brin", "12AB", "--regio",
                     "midden", "--gebruiker", "Anna de Vries"]) == 0
    capsys.readouterr()
    assert app.main(["rapport", "kwartaal", "2099-Q1", "--uit", str(tmp_path / "x.csv"), "--data-dir", str(data),
                     "--gebruiker", "Anna de Vries"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Het kwartaal 2099-Q1") and "kwartaal:" not in err


def test_a_missing_folder_in_dutch(tmp_path, monkeypatch, capsys):
    """(Writing under a temporary name and renaming is services/uitvoer.py's, tested there.)"""
    monkeypatch.setenv("THUISZIT_WACHTWOORD", WACHTWOORD)
    data = tmp_path / "data"
    assert app.main(["init", "--data-dir", str(data), "--school", "Het Baken", "--brin", "12AB", "--regio",
                     "midden", "--gebruiker", "Anna de Vries"]) == 0
    capsys.readouterr()
    uit = tmp_path / "geen-map" / "lijst.pdf"
    assert app.main(["rapport", "lijstbespreking", "--uit", str(uit), "--data-dir", str(data), "--gebruiker",
                     "Anna de Vries"]) == 1
    err = capsys.readouterr().err
    assert f"de map {uit.parent} bestaat niet" in err.lower() and not engels(err)
