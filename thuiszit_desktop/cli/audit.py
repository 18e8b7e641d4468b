"""'audit …': checking, sealing and reading the audit trail."""

from __future__ import annotations

import argparse
import sys

from ..domain import formaat
from ..services.session import Services
from .common import print_json


def verify(args: argparse.Namespace, services: Services) -> int:
    uitslag = services.audit.controleren()
    print(uitslag.melding, file=sys.stdout if uitslag.ok else sys.stderr)
    return 0 if uitslag.ok else 1


def verzegelen(args: argparse.Namespace, services: Services) -> int:
    uitslag = services.audit.verzegelen()
    if uitslag.ok:
        print(f"{uitslag.melding} Het is opnieuw verzegeld.")
    else:
        print(f"Vastgelegd in het auditlog: {uitslag.melding} Vanaf nu wordt met het log zoals het nu is "
              "vergeleken.")
    return 0


def lijst(args: argparse.Namespace, services: Services) -> int:
    rijen = services.audit.lijst(gebruiker=args.door, leerlingnummer=args.leerling, van=args.van, tot=args.tot)
    if args.json:
        print_json([r.to_dict() for r in rijen])
        return 0
    for r in rijen:
        leerling = f"{r.leerling} ({r.leerlingnummer})" if r.leerlingnummer else r.leerling
        print("  ".join(x for x in (formaat.tijdstip(r.tijd), r.gebruiker, r.actie, leerling, r.wat) if x))
    return 0

