"""The signals and the levels (Kearney) per leerling."""

from __future__ import annotations

import argparse

from ..domain import formaat
from ..services.session import Services
from .common import print_json


def signalen(args: argparse.Namespace, services: Services) -> int:
    overzicht = services.signalen.overzicht(args.peildatum)
    signalen = sorted(overzicht.signalen, key=lambda s: (s.leerlingnummer, s.soort.value, s.datum))
    if args.json:
        print_json([{**s.to_dict(), "besproken": overzicht.besproken(s) is not None} for s in signalen])
        return 0
    print(f"Signalen op {formaat.datum(overzicht.peildatum)} ({_bijgewerkt(overzicht.bijgewerkt_tot)})")
    for s in signalen:
        besproken = " (besproken)" if overzicht.besproken(s) is not None else ""
        print(f"{s.leerlingnummer:>10}  {s.soort.label}{besproken}: {s.uitleg}")
    if not signalen:
        print("Geen signalen.")
    return 0


def niveaus(args: argparse.Namespace, services: Services) -> int:
    overzicht = services.signalen.overzicht(args.peildatum)
    niveaus = sorted(overzicht.niveaus, key=lambda n: n.leerlingnummer)
    if args.json:
        print_json([n.to_dict() for n in niveaus])
        return 0
    telling = overzicht.per_niveau()
    print(f"Niveaus op {formaat.datum(overzicht.peildatum)} ({_bijgewerkt(overzicht.bijgewerkt_tot)}): "
          f"niveau 1: {telling[1]}, niveau 2: {telling[2]}, niveau 3: {telling[3]}")
    for n in niveaus:
        if n.niveau > 1:
            print(f"{n.leerlingnummer:>10}  niveau {n.niveau}  {n.verzuimpercentage:.1f}%")
    return 0


def _bijgewerkt(tot) -> str:
    return f"verzuim bijgewerkt t/m {formaat.datum(tot)}" if tot else "nog geen verzuim geïmporteerd"

