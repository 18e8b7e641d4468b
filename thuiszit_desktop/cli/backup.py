"""Making a backup now, and putting one back."""

from __future__ import annotations

import argparse
import sys

from .. import paths
from ..domain import formaat
from ..services import session
from ..services.session import Services
from .common import CliFout
from .wachtwoord import vraag_wachtwoord


def maken(args: argparse.Namespace, services: Services) -> int:
    info = services.backups.maken(args.naar)
    print(f"Back-up gemaakt: {info.pad} ({info.samenvatting}).")
    return 0


def terugzetten(args: argparse.Namespace) -> int:
    """Works on a database that does not open too (damaged, truncated, no key file): the backup is then
    opened with the user's own password, must be of this database (its id), and what it replaces is kept."""
    from ..domain.errors import DatabaseOnleesbaar
    from ..services.backups import lees, terugzetten_bij_start

    if not args.bestand.is_file():
        raise CliFout(f"Het bestand {args.bestand} bestaat niet.")
    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent.")
    path = session.database_path(paths.data_dir(args.data_dir))
    wachtwoord = vraag_wachtwoord(f"Wachtwoord voor {args.gebruiker}: ")
    services = None
    if session.database_exists(path):
        try:
            services = session.login(path, args.gebruiker, wachtwoord)
        except DatabaseOnleesbaar as exc:
            print(f"{exc}\nDe back-up wordt geopend met uw eigen wachtwoord; wat er nu staat, blijft bewaard.",
                  file=sys.stderr)
    try:  # checked with this database's key when it opens; otherwise restore checks it before replacing
        info = services.backups.voorbeeld(args.bestand) if services else lees(args.bestand)
        wanneer = formaat.tijdstip(info.gemaakt)
        print(f"Back-up van {wanneer}: {info.samenvatting}.")
        if not args.ja:
            if not sys.stdin.isatty():
                raise CliFout("Terugzetten vervangt de database. Bevestig met --ja.")
            bewaard = ("Eerst wordt een back-up gemaakt van hoe het nu is." if services else
                       "Wat er nu staat, blijft bewaard naast de database.")
            antwoord = input(f"Wat na {wanneer} is ingevoerd, staat niet in deze back-up. {bewaard} "
                             "Terugzetten? [j/N] ")
            if antwoord.strip().lower() not in ("j", "ja"):
                print("Niets veranderd.")
                return 1
        if services:
            info = services.backups.terugzetten(args.bestand)
        else:
            info = terugzetten_bij_start(args.bestand, path, args.gebruiker, wachtwoord)
    finally:
        if services:
            services.close()
    print(f"Back-up van {formaat.tijdstip(info.gemaakt)} teruggezet ({info.samenvatting}).")
    if info.bewaard:
        print(f"Wat er stond, is bewaard als {min(info.bewaard).name} (met het sleutelbestand ernaast).")
    return 0

