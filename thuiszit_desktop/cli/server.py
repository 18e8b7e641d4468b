"""The shared school database on a PostgreSQL server, for the school's ICT: `server init`."""

from __future__ import annotations

import argparse
import getpass

from ..domain.school import School
from .wachtwoord import WACHTWOORD, _vraag, vraag_nieuw_wachtwoord

EIGENAAR_WACHTWOORD = "PGPASSWORD"  # libpq's own variable: what a school's ICT already uses


def init(args: argparse.Namespace) -> int:
    from ..services import schoolserver  # psycopg only when a server is used: it costs a start of the program

    eigenaar = _vraag(EIGENAAR_WACHTWOORD, "het wachtwoord van de eigenaar van de database",
                      lambda: getpass.getpass("Wachtwoord van de eigenaar van de database: "))
    wachtwoord = vraag_nieuw_wachtwoord(args.gebruiker, WACHTWOORD)
    school = School(args.school, args.brin, args.regio, args.schooltype, args.uren_per_lesdag)
    adres = schoolserver.inrichten(args.server, eigenaar, school, args.gebruiker, wachtwoord)
    print(f"Schooldatabase ingericht in '{adres.database}' op {adres.host}:{adres.poort}. "
          f"{' '.join(args.gebruiker.split())} logt in als '{adres.gebruiker}' op {adres}.")
    return 0
