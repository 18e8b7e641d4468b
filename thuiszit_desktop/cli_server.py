"""`thuiszit-desktop server …`: the shared school database on a PostgreSQL server, for the school's ICT.

Kept apart from cli.py until the CLI is a package (then this becomes its `server` module).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys


def voeg_toe(sub, decimaal) -> None:
    """The `server` command and its subcommands on the main parser's subparsers."""
    p = sub.add_parser("server", help="de gedeelde schooldatabase op een PostgreSQL-server (voor de ICT)")
    opdrachten = p.add_subparsers(dest="server_opdracht", metavar="OPDRACHT", required=True)
    i = opdrachten.add_parser(
        "init", help="richt een lege database op de server in: schema, rollen, rechten en de eerste zorgcoördinator",
        description="Het wachtwoord van de eigenaar komt uit PGPASSWORD (of wordt gevraagd), dat van de eerste "
                    "zorgcoördinator uit THUISZIT_WACHTWOORD (of wordt gevraagd). De eigenaar heeft CREATEROLE "
                    "nodig om de rollen en logins te maken.")
    i.add_argument("--server", required=True, metavar="DSN",
                   help="bijvoorbeeld postgresql://eigenaar@server.school.nl:5432/thuiszit")
    i.add_argument("--school", required=True, metavar="NAAM")
    i.add_argument("--brin", required=True)
    i.add_argument("--regio", required=True, choices=["noord", "midden", "zuid"])
    i.add_argument("--schooltype", default="vo", choices=["po", "vo", "so/vso", "mbo"])
    i.add_argument("--uren-per-lesdag", type=decimaal, default=6.0, metavar="UREN")
    i.add_argument("--gebruiker", required=True, metavar="NAAM", help="de eerste zorgcoördinator")
    i.set_defaults(run=cmd_server_init)


def _eigenaar_wachtwoord() -> str:
    from .cli import CliFout

    wachtwoord = os.environ.get("PGPASSWORD")
    if wachtwoord is not None:
        return wachtwoord
    if not sys.stdin.isatty():
        raise CliFout("Geef het wachtwoord van de eigenaar van de database in de omgevingsvariabele PGPASSWORD.")
    return getpass.getpass("Wachtwoord van de eigenaar van de database: ")


def cmd_server_init(args: argparse.Namespace) -> int:
    from .cli import _new_password
    from .domain.school import School
    from .services import schoolserver  # psycopg only when a server is used: it costs a start of the program

    eigenaar = _eigenaar_wachtwoord()
    wachtwoord = _new_password(args.gebruiker)
    school = School(args.school, args.brin, args.regio, args.schooltype, args.uren_per_lesdag)
    adres = schoolserver.inrichten(args.server, eigenaar, school, args.gebruiker, wachtwoord)
    print(f"Schooldatabase ingericht in '{adres.database}' op {adres.host}:{adres.poort}. "
          f"{' '.join(args.gebruiker.split())} logt in als '{adres.gebruiker}' op {adres}.")
    return 0
