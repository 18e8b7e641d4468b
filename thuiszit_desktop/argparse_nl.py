"""argparse in Dutch: the one parser class every command of the CLI uses.

argparse writes its own texts in English through a module-wide gettext call; changing that would change
every parser in the process (pytest's too). So this subclass translates what reaches the user: the usage
and help headings (a formatter and the group titles), the help option, and every error message of
argparse (`error()` receives the finished English sentence; `_VERTALINGEN` turns each known form into
Dutch). A test runs every subcommand with wrong input and fails on any English left.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

_KEUZES = r"(?P<keuzes>.*)"
# (English form, Dutch template); the named groups carry over. Order matters: the first match wins.
_VERTALINGEN: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (?P<x>.*)", "dit ontbreekt nog: {x}"),
    (r"unrecognized arguments: (?P<x>.*)", "dit kent het programma niet: {x}"),
    (r"invalid choice: (?P<waarde>.*?) \(choose from " + _KEUZES + r"\)",
     "{waarde} kan hier niet; kies uit {keuzes}"),
    (r"invalid int value: (?P<waarde>.*)", "{waarde} is geen heel getal"),
    (r"invalid float value: (?P<waarde>.*)", "{waarde} is geen getal"),
    (r"invalid (?P<soort>\S+) value: (?P<waarde>.*)", "{waarde} kan hier niet"),
    (r"expected one argument", "hier hoort één waarde achter"),
    (r"expected at most one argument", "hier hoort hoogstens één waarde achter"),
    (r"expected at least one argument", "hier hoort minstens één waarde achter"),
    (r"expected (?P<n>\d+) arguments?", "hier horen {n} waarden achter"),
    (r"ambiguous option: (?P<optie>\S+) could match (?P<x>.*)", "{optie} kan meer opties zijn: {x}"),
    (r"one of the arguments (?P<x>.*) is required", "geef een van deze: {x}"),
    (r"not allowed with argument (?P<x>.*)", "kan niet samen met {x}"),
    (r"ignored explicit argument (?P<x>.*)", "{x} hoort hier niet bij"),
    (r"unexpected option string: (?P<x>.*)", "{x} hoort hier niet"),
)


def vertaal(bericht: str) -> str:
    """One of argparse's error messages in Dutch ("argument --versie: invalid int value: 'x'" →
    "--versie: 'x' is geen heel getal"); a message of our own (already Dutch) stays as it is."""
    argument = re.fullmatch(r"argument (?P<naam>[^:]+): (?P<rest>.*)", bericht, re.DOTALL)
    if argument:
        return f"{argument['naam']}: {vertaal(argument['rest'])}"
    for engels, nederlands in _VERTALINGEN:
        match = re.fullmatch(engels, bericht, re.DOTALL)
        if match:
            return nederlands.format(**match.groupdict())
    return bericht


class NederlandseHulp(argparse.HelpFormatter):
    """The help and usage text with a Dutch heading."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Dutch: headings, the help option and every usage error."""

    def __init__(self, *args, parents=(), add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", NederlandseHulp)
        super().__init__(*args, add_help=False, **kwargs)
        # Parents are copied group by group, by title: rename before copying (argparse copies in __init__).
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        if add_help:
            prefix = "-" if "-" in self.prefix_chars else self.prefix_chars[0]
            self.add_argument(prefix + "h", prefix * 2 + "help", action="help", default=argparse.SUPPRESS,
                              help="toon deze uitleg en stop")
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(getattr(parent, "_defaults", {}))

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", type(self))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        """Exit 2 with the usage and the message in Dutch (argparse calls this for every usage error)."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout in de opdracht: {vertaal(message)}\n")


__all__ = ["DutchArgumentParser", "NederlandseHulp", "vertaal"]
