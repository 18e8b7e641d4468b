"""The command line: the same service calls as the GUI, for scripts of the school's ICT staff.

Exit status 0 on success, 1 on an error (one Dutch line on stderr, plus the row errors of an
import), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import paths
from .domain.errors import DatabaseFout, GeenToegang, InlogFout, InvoerFout, NietGevonden
from .domain.school import School
from .services import session
from .services.session import Services

USER_ERRORS = (InvoerFout, NietGevonden, GeenToegang, DatabaseFout, InlogFout)


class CliFout(Exception):
    """A usage problem found after parsing; exit 1 with this message."""


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own texts stay English; the frame is Dutch
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout in de opdracht: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="MAP",
                        help="map met de database (standaard: THUISZIT_DATA_DIR of de gebruikersmap)")
    user = argparse.ArgumentParser(add_help=False)
    user.add_argument("--gebruiker", metavar="NAAM", help="inlognaam; wachtwoord uit THUISZIT_WACHTWOORD")

    parser = DutchArgumentParser(prog="thuiszit-desktop", parents=[common],
                                 description="Thuiszit Desktop. Zonder opdracht start het programma.")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open een tijdelijke database, bouw het hoofdvenster en stop (voor tests)")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", parser_class=DutchArgumentParser)

    p = sub.add_parser("init", parents=[common], help="maak een nieuwe, versleutelde database")
    p.add_argument("--school", required=True, metavar="NAAM")
    p.add_argument("--brin", required=True)
    p.add_argument("--regio", required=True, choices=["noord", "midden", "zuid"])
    p.add_argument("--schooltype", default="vo", choices=["po", "vo", "so/vso", "mbo"])
    p.add_argument("--uren-per-lesdag", type=_decimal, default=6.0, metavar="UREN")
    p.add_argument("--gebruiker", required=True, metavar="NAAM", help="de eerste zorgcoördinator")
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="maak een fictieve demoschool (gebruiker 'demo')")
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser("import", parents=[common, user], help="importeer een CSV- of XLSX-bestand")
    p.add_argument("soort", choices=["leerlingen", "verzuim", "vrije-dagen"])
    p.add_argument("bestand", type=Path, metavar="BESTAND")
    p.add_argument("--sla-foute-regels-over", action="store_true",
                   help="importeer de goede regels en meld de foute")
    p.add_argument("--tot", type=_datum, metavar="JJJJ-MM-DD", help="verzuim bijgewerkt tot en met deze datum")
    p.set_defaults(run=cmd_import, needs_login=True)

    for naam, hulp, run in (("signalen", "de signalen van SIGNALEN.md per leerling", cmd_signalen),
                            ("niveaus", "het niveau (Kearney) en verzuimpercentage per leerling", cmd_niveaus)):
        p = sub.add_parser(naam, parents=[common, user], help=hulp)
        p.add_argument("--peildatum", type=_datum, metavar="JJJJ-MM-DD",
                       help="standaard: de datum tot waar het verzuim is bijgewerkt")
        p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
        p.set_defaults(run=run, needs_login=True)
    return parser


def _datum(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen datum als JJJJ-MM-DD: {text}") from None


def _decimal(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen getal: {text}") from None


# --- commands -------------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    path = session.database_path(paths.data_dir(args.data_dir))
    if session.database_exists(path):
        raise CliFout(f"Er staat al een database in {path.parent}. Kies een andere map met --data-dir.")
    wachtwoord = _new_password(args.gebruiker)
    school = School(args.school, args.brin, args.regio, args.schooltype, args.uren_per_lesdag)
    services = session.create_school(path, school, args.gebruiker, wachtwoord, wachtwoord)
    services.close()
    print(f"Database gemaakt in {path.parent}. Log in als {args.gebruiker}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .services import demo

    path = session.database_path(paths.data_dir(args.data_dir))
    if session.database_exists(path):
        raise CliFout(f"Er staat al een database in {path.parent}. Kies een lege map met --data-dir.")
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD") or "demo"
    services = demo.create_demo_school(path, wachtwoord)
    try:
        aantal = len(services.leerlingen.lijst())
    finally:
        services.close()
    print(f"Demoschool gemaakt in {path.parent} met {aantal} fictieve leerlingen. Log in als 'demo'.")
    return 0


def cmd_import(args: argparse.Namespace, services: Services) -> int:
    overslaan = args.sla_foute_regels_over
    if args.soort == "leerlingen":
        resultaat = services.importeren.leerlingen(args.bestand, sla_foute_regels_over=overslaan)
    elif args.soort == "verzuim":
        resultaat = services.verzuim.importeren(args.bestand, sla_foute_regels_over=overslaan, tot=args.tot)
        for waarschuwing in resultaat.geen_lesdag[:20]:
            print(f"let op, {waarschuwing}", file=sys.stderr)
        if len(resultaat.geen_lesdag) > 20:
            print(f"let op: nog {len(resultaat.geen_lesdag) - 20} regels op dagen die geen lesdag zijn",
                  file=sys.stderr)
    else:
        aantal = services.kalender.vrije_dagen_importeren(args.bestand, sla_foute_regels_over=overslaan)
        print(f"{aantal} vrije dagen opgeslagen.")
        return 0
    for fout in resultaat.fouten:
        print(f"regel {fout.regel}: {fout.melding}", file=sys.stderr)
    print(resultaat.samenvatting)
    return 0


def cmd_signalen(args: argparse.Namespace, services: Services) -> int:
    overzicht = services.signalen.overzicht(args.peildatum)
    if args.json:
        print_json([s.to_dict() for s in overzicht.signalen])
        return 0
    print(f"Signalen op {overzicht.peildatum:%d-%m-%Y} ({_bijgewerkt(overzicht.bijgewerkt_tot)})")
    for s in overzicht.signalen:
        print(f"{s.leerlingnummer:>10}  {s.soort.label}: {s.uitleg}")
    if not overzicht.signalen:
        print("Geen signalen.")
    return 0


def cmd_niveaus(args: argparse.Namespace, services: Services) -> int:
    overzicht = services.signalen.overzicht(args.peildatum)
    if args.json:
        print_json([n.to_dict() for n in overzicht.niveaus])
        return 0
    telling = overzicht.per_niveau()
    print(f"Niveaus op {overzicht.peildatum:%d-%m-%Y} ({_bijgewerkt(overzicht.bijgewerkt_tot)}): "
          f"niveau 1: {telling[1]}, niveau 2: {telling[2]}, niveau 3: {telling[3]}")
    for n in overzicht.niveaus:
        if n.niveau > 1:
            print(f"{n.leerlingnummer:>10}  niveau {n.niveau}  {n.verzuimpercentage:.1f}%")
    return 0


def _bijgewerkt(tot) -> str:
    return f"verzuim bijgewerkt t/m {tot:%d-%m-%Y}" if tot else "nog geen verzuim geïmporteerd"


# --- plumbing -------------------------------------------------------------------------------------

def _password(prompt: str) -> str:
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD")
    if wachtwoord is not None:
        return wachtwoord
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise CliFout("Geef het wachtwoord in de omgevingsvariabele THUISZIT_WACHTWOORD.")


def _new_password(naam: str) -> str:
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD")
    if wachtwoord is not None:
        return wachtwoord
    if not sys.stdin.isatty():
        raise CliFout("Geef het wachtwoord in de omgevingsvariabele THUISZIT_WACHTWOORD.")
    eerste = getpass.getpass(f"Nieuw wachtwoord voor {naam}: ")
    if getpass.getpass("Nog een keer: ") != eerste:
        raise CliFout("De twee wachtwoorden zijn niet gelijk.")
    return eerste


def _login(args: argparse.Namespace) -> Services:
    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent.")
    path = session.database_path(paths.data_dir(args.data_dir))
    if not session.database_exists(path):
        raise CliFout(f"Er is nog geen database in {path.parent}. Maak er een met 'thuiszit-desktop init'.")
    return session.login(path, args.gebruiker, _password(f"Wachtwoord voor {args.gebruiker}: "))


def run(args: argparse.Namespace) -> int:
    command: Callable = args.run
    try:
        if getattr(args, "needs_login", False):
            services = _login(args)
            try:
                return command(args, services)
            finally:
                services.close()
        return command(args)
    except InvoerFout as exc:
        for veld, melding in exc.fouten.items():
            print(f"{veld}: {melding}" if veld else melding, file=sys.stderr)
        return 1
    except (CliFout, *USER_ERRORS) as exc:
        print(str(exc), file=sys.stderr)
        return 1


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
