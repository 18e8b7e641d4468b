"""'rapport SOORT': the school's reports as files (jaaroverzicht, lijstbespreking, kwartaaloverzicht)."""

from __future__ import annotations

import argparse
import sys

from ..services.session import Services
from .common import schrijven, uitvoerpad


def jaar(args: argparse.Namespace, services: Services) -> int:
    uit = uitvoerpad(args, services, (".pdf",))
    schrijven(uit, services.overzichten.jaaroverzicht_pdf(args.schooljaar),
               f"Het jaaroverzicht {args.schooljaar}-{args.schooljaar + 1}")
    return 0


def lijstbespreking(args: argparse.Namespace, services: Services) -> int:
    uit = uitvoerpad(args, services, (".pdf",))
    schrijven(uit, services.overzichten.lijstbespreking_pdf(), "De lijstbespreking")
    return 0


def kwartaal(args: argparse.Namespace, services: Services) -> int:
    uit = uitvoerpad(args, services, (".xlsx", ".csv", ".pdf"))  # the kind of file follows from the extension
    overzicht = services.kwartaal.overzicht(args.kwartaal)
    if not overzicht.swv:
        print("let op: het samenwerkingsverband is niet ingevuld, dus die kolom blijft leeg. Vul het in bij "
              "Instellingen › School.", file=sys.stderr)
    schrijven(uit, services.kwartaal.export(overzicht, uit.suffix.lower()),
               f"Het kwartaaloverzicht {args.kwartaal} ({len(overzicht.rijen)} leerlingen)")
    return 0

