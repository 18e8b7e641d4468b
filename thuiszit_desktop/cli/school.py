"""A new school: an empty encrypted database, or the fictional demo school."""

from __future__ import annotations

import argparse
import os

from .. import paths
from ..domain.school import School
from ..services import session
from .common import CliFout
from .wachtwoord import WACHTWOORD, vraag_nieuw_wachtwoord


def init(args: argparse.Namespace) -> int:
    path = session.database_path(paths.data_dir(args.data_dir))
    if session.database_exists(path):  # a database, its key file, or a restore to finish: never over it
        raise CliFout(f"Er staat al een database of sleutelbestand in {path.parent}. Kies een lege map met "
                      "--data-dir; zo blijft wat er staat bewaard. (Gaat die database niet open? Zet dan een "
                      "back-up terug met 'thuiszit-desktop restore BESTAND'.)")
    wachtwoord = vraag_nieuw_wachtwoord(args.gebruiker, WACHTWOORD)
    school = School(args.school, args.brin, args.regio, args.schooltype, args.uren_per_lesdag, args.swv)
    services = session.create_school(path, school, args.gebruiker, wachtwoord, wachtwoord)
    services.close()
    print(f"Database gemaakt in {path.parent}. Log in als {args.gebruiker}.")
    return 0


def demo(args: argparse.Namespace) -> int:
    from ..services import demo

    path = session.database_path(paths.data_dir(args.data_dir))
    if session.database_exists(path):
        raise CliFout(f"Er staat al een database of sleutelbestand in {path.parent}. Kies een lege map met "
                      "--data-dir.")
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD") or "demo"
    services = demo.create_demo_school(path, wachtwoord)
    try:
        aantal = len(services.leerlingen.lijst())
    finally:
        services.close()
    print(f"Demoschool gemaakt in {path.parent} met {aantal} fictieve leerlingen. Log in als 'demo'.")
    return 0

