"""The school-wide counts without names: what the role alleen-lezen sees."""

from __future__ import annotations

import argparse

from ..domain import formaat
from ..domain.lezersoverzicht import MINDER_DAN, cel
from ..services.lezersoverzicht import Lezersessie
from ..services.session import Services
from .common import print_json


def overzicht(args: argparse.Namespace, services: Services | Lezersessie) -> int:
    """Alleen-lezen: the overview a zorgcoördinator's session wrote; a zorgcoördinator: the same, made now."""
    overzicht = services.overzicht() if isinstance(services, Lezersessie) else services.lezersoverzicht.maken()
    if args.json:
        print_json(overzicht.to_dict())
        return 0
    print(f"{overzicht.school} – bijgewerkt op {formaat.tijdstip(overzicht.gemaakt)}. Aantallen van 1 tot en met 4 "
          f"staan er als '{MINDER_DAN}'.")
    for tabel in overzicht.tabellen:
        print(f"\n{tabel.titel}")
        rijen = [list(tabel.kolommen)] + [[str(r[0]), *(cel(w) for w in r[1:])] for r in tabel.rijen]
        breedtes = [max(len(r[k]) for r in rijen) for k in range(len(tabel.kolommen))]
        for rij in rijen:
            print("  ".join(w.ljust(b) if k == 0 else w.rjust(b) for k, (w, b) in enumerate(zip(rij, breedtes,
                                                                                                 strict=True))))
    return 0

