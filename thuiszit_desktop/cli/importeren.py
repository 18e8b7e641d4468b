"""Importing leerlingen, verzuim and vrije dagen from a CSV or XLSX file."""

from __future__ import annotations

import argparse
import sys

from ..domain import formaat
from ..services.importkolommen import keuzes
from ..services.session import Services
from .common import CliFout


def importeren(args: argparse.Namespace, services: Services) -> int:
    overslaan = args.sla_foute_regels_over
    if args.kolom and args.soort == "vrije-dagen":
        raise CliFout("--kolom is er voor de import van leerlingen en verzuim.")
    kolommen = keuzes(args.kolom, args.soort) if args.kolom else None
    if args.soort == "leerlingen":
        resultaat = services.importeren.leerlingen(args.bestand, sla_foute_regels_over=overslaan, kolommen=kolommen)
    elif args.soort == "verzuim":
        resultaat = services.verzuim.importeren(args.bestand, sla_foute_regels_over=overslaan, tot=args.tot,
                                                kolommen=kolommen)
        if resultaat.terug:
            print(f"let op: 'verzuim bijgewerkt t/m' is teruggezet van {formaat.datum(resultaat.bijgewerkt_was)} naar "
                  f"{formaat.datum(resultaat.bijgewerkt_tot)}; de signalen gaan nu over het verzuim tot en met die dag",
                  file=sys.stderr)
        for waarschuwing in resultaat.geen_lesdag[:20]:
            print(f"let op, {waarschuwing}", file=sys.stderr)
        if len(resultaat.geen_lesdag) > 20:
            print(f"let op: nog {len(resultaat.geen_lesdag) - 20} regels op dagen die geen lesdag zijn",
                  file=sys.stderr)
    else:
        resultaat = services.kalender.vrije_dagen_import(args.bestand, sla_foute_regels_over=overslaan)
    for fout in resultaat.fouten:  # only with --sla-foute-regels-over; otherwise nothing was imported
        print(f"regel {fout.regel}: {fout.melding}", file=sys.stderr)
    print(resultaat.samenvatting)
    return 0

