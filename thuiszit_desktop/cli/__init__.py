"""The command line: the same service calls as the GUI, for scripts of the school's ICT staff.

Exit status 0 on success, 1 on an error (one Dutch line on stderr, plus the row errors of an
import), 2 on wrong usage.

The package: `parser` (every command and option), one module per area with its commands (school, importeren,
signalen, overzicht, trajecten, rapport, backup, gebruikers, audit, bewaren, server), `tekst` (the dossier as
text), `wachtwoord` (the one password prompt), `runner` (login and errors), `common` (what the commands share).
"""

import argparse

from .parser import build_parser

__all__ = ["build_parser", "run"]


def run(args: argparse.Namespace) -> int:
    from .runner import run  # its login imports the services; the GUI start needs only the parser

    return run(args)
