"""Running a parsed command: the login it needs, and every error as one Dutch line on stderr."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable

from .. import paths
from ..domain.errors import DatabaseFout, GebruikersFout, InvoerFout
from ..domain.gebruiker import Rol
from ..services import fouten, session
from ..services.lezersoverzicht import Lezersessie
from ..services.session import Services
from .common import CliFout
from .wachtwoord import vraag_wachtwoord


def server_dsn(args: argparse.Namespace) -> str | None:
    """--server, else THUISZIT_SERVER: the shared school database instead of the data folder."""
    return getattr(args, "server", None) or os.environ.get(paths.SERVER) or None


def _login(args: argparse.Namespace, lezend: bool = False) -> Services | Lezersessie:
    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent.")
    if dsn := server_dsn(args):
        services = session.login_server(dsn, args.gebruiker, vraag_wachtwoord(f"Wachtwoord voor {args.gebruiker}: "))
        if session.eigen_wachtwoord_nodig(services) and not getattr(args, "eigen_wachtwoord", False):
            services.close()
            raise CliFout("U logt in met het eenmalige wachtwoord van de zorgcoördinator. Kies eerst uw eigen "
                          "wachtwoord: thuiszit-desktop gebruiker wachtwoord --gebruiker NAAM (met hetzelfde "
                          "serveradres); daarna werkt alles weer.")
        return services
    path = session.database_path(paths.data_dir(args.data_dir))
    if not session.database_exists(path):
        raise CliFout(f"Er is nog geen database in {path.parent}. Maak er een met 'thuiszit-desktop init'.")
    services = session.aanmelden(path, args.gebruiker, vraag_wachtwoord(f"Wachtwoord voor {args.gebruiker}: "),
                                 lezend=lezend)
    for waarschuwing in getattr(services, "waarschuwingen", ()):  # e.g. gebruiker rows changed outside the program
        print(f"Let op: {waarschuwing}", file=sys.stderr)
    return services


def _auditlog_melden(args: argparse.Namespace, services: Services) -> None:
    """What the check at the start found, on stderr before the command's own output (every command)."""
    uitslag = services.audit.uitslag
    if uitslag.ok or getattr(args, "zegt_auditlog", False):
        return
    if services.gebruiker.rol == Rol.ZORGCOORDINATOR:
        wat = ("Zoek uit wat er is gebeurd ('audit verify', 'audit lijst', de back-ups); daarna legt "
               "'audit verzegelen' het vast.")
    else:
        wat = "Meld dit aan de zorgcoördinator."
    print(f"Let op: {uitslag.melding} {wat}", file=sys.stderr)


def _login_vastleggen(services: Services) -> None:
    """A reading command's login entry, written when it is done (it started without the write lock)."""
    try:
        session.login_vastleggen(services)
    except DatabaseFout as exc:
        print(f"Let op: deze aanmelding kon niet in het auditlog worden gezet. {exc}", file=sys.stderr)


def _command(args: argparse.Namespace) -> Callable:
    """The command's function from its "module:function" (cli/parser.py): its module is imported only now."""
    module, _, name = args.run.partition(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


def run(args: argparse.Namespace) -> int:
    command = _command(args)
    try:
        if server_dsn(args) and getattr(args, "opruimen", False):  # the clean-up makes a backup of the file first
            args.alleen_bestand = "opruimen begint met een back-up, en die maakt op de server de ICT (pg_dump)"
        if server_dsn(args) and (waarom := getattr(args, "alleen_bestand", "")):
            raise CliFout(f"Deze opdracht werkt alleen met de database in een map, niet met de gedeelde "
                          f"schooldatabase ({paths.SERVER} of --server): {waarom}.")
        if getattr(args, "needs_login", False):
            # A command that only reads starts even while another program holds the database's write lock.
            lezend = getattr(args, "lezend", False) and not getattr(args, "opruimen", False)
            services = _login(args, lezend)
            if isinstance(services, Lezersessie):  # alleen-lezen: no database, only the overview
                try:
                    if not getattr(args, "lezer", False):
                        raise CliFout("Met de rol alleen-lezen ziet u alleen de aantallen voor de hele school, "
                                      "zonder namen: 'thuiszit-desktop overzicht --gebruiker NAAM'.")
                    return command(args, services)
                finally:
                    services.close()
            try:
                _auditlog_melden(args, services)
                code = command(args, services)
                if lezend and not services.ctx.store.op_server:  # on the server: logged at login
                    _login_vastleggen(services)
                return code
            finally:
                services.close()
        return command(args)
    except BrokenPipeError:  # `… | head`: the reader has what it wanted; stop quietly
        _stdout_dicht()
        return 0
    except InvoerFout as exc:
        for veld, melding in exc.fouten.items():
            print(_met_optie(args, veld, melding), file=sys.stderr)
        return 1
    except GebruikersFout as exc:  # CliFout among them
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # the disk or another program: a Dutch sentence, never a traceback
        fout = fouten.vertaal(exc, paths.data_dir(args.data_dir))
        if fout is None and not isinstance(exc, OSError):
            raise  # a bug
        print(str(fout) if fout else f"Er ging iets mis met een bestand{_bestand(exc)}: {exc.strerror or exc}. "
              "Controleer of de map bestaat en bereikbaar is, en probeer het opnieuw.", file=sys.stderr)
        return 1


def _bestand(exc: OSError) -> str:
    return f" ({exc.filename})" if getattr(exc, "filename", None) else ""


def _stdout_dicht() -> None:
    """After a closed pipe: send what is still buffered nowhere, so exiting does not complain about it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (tests)
        pass


def _met_optie(args: argparse.Namespace, veld: str, melding: str) -> str:
    """The option to fix before the message ("--brin: …"); a label for people ("regel 3") stays; an internal
    field name ("kwartaal") never shows."""
    opties = getattr(args, "opties", {})
    if veld in opties:
        return f"{opties[veld]}: {melding}"
    return melding if not veld or veld.isidentifier() else f"{veld}: {melding}"

