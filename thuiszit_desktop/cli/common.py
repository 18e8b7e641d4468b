"""What the commands share: the usage error, JSON output, and writing an output file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..domain.errors import GebruikersFout
from ..services import uitvoer
from ..services.session import Services


class CliFout(GebruikersFout):
    """A usage problem found after parsing; exit 1 with this message."""


def uitvoerpad(args: argparse.Namespace, services: Services, extensies: tuple[str, ...]) -> Path:
    """`args.uit` when a file may be written there (services/uitvoer.py): checked before the work is done."""
    return uitvoer.uitvoerpad(args.uit, extensies=extensies, beschermd=uitvoer.beschermde_mappen(services),
                              overschrijven=args.overschrijven)


def schrijven(uit: Path, data: bytes, wat: str) -> None:
    uitvoer.schrijf(uit, data)
    print(f"{wat} staat in {uit}.")


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
