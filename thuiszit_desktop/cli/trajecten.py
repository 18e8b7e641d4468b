"""The open trajecten, a leerling's dossier, and the PDFs of one leerling (MDO, dossier, plan)."""

from __future__ import annotations

import argparse

from ..domain import formaat
from ..services import uitvoer
from ..services.session import Services
from .common import print_json, schrijven, uitvoerpad
from .tekst import dossier_tekst


def lijst(args: argparse.Namespace, services: Services) -> int:
    rijen = services.trajecten.lijst()
    if args.json:
        print_json([r.to_dict() for r in rijen])
        return 0
    if not rijen:
        print("Geen open trajecten.")
        return 0
    print(f"Open trajecten: {len(rijen)}")
    for r in rijen:
        acties = f"{r.open_actiepunten} open {'actiepunt' if r.open_actiepunten == 1 else 'actiepunten'}"
        print(f"{r.leerlingnummer:>10}  {r.naam}  stap {int(r.stap)}  {r.categorie.label}  sinds {formaat.datum(r.geopend)}"
              f"  casusregisseur {r.eigenaar or '–'}  {acties}")
    return 0


def dossier(args: argparse.Namespace, services: Services) -> int:
    dossier = services.inzage.dossier(args.leerlingnummer)
    if args.json:
        print_json(dossier.to_dict())
        return 0
    for regel in dossier_tekst(dossier):
        print(regel)
    return 0


def mdo_pdf(args: argparse.Namespace, services: Services) -> int:
    uit = uitvoerpad(args, services, (".pdf",))
    schrijven(uit, services.afdrukken.mdo_pdf(args.leerlingnummer, args.datum), "Het MDO-verslag")
    return 0


def dossier_pdf(args: argparse.Namespace, services: Services) -> int:
    uit = uitvoerpad(args, services, (".pdf",))
    schrijven(uit, services.afdrukken.dossier_pdf(args.leerlingnummer), "Het dossier")
    return 0


def plan_pdf(args: argparse.Namespace, services: Services) -> int:
    uit = uitvoerpad(args, services, (".pdf",))
    plan = services.plannen.voor_leerling(args.leerlingnummer, args.versie)
    uitvoer.schrijf(uit, services.plannen.pdf(plan.id))
    print(f"Plan van aanpak versie {plan.versie} ({plan.status.label.lower()}) opgeslagen in {uit}.")
    return 0

