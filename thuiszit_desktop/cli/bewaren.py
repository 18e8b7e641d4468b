"""'bewaartermijnen': what has expired, and removing it for good."""

from __future__ import annotations

import argparse
import sys

from ..domain import formaat
from ..services.bewaren import aantallen_tekst, controleer_peildatum
from ..services.session import Services
from .common import CliFout, print_json


def bewaartermijnen(args: argparse.Namespace, services: Services) -> int:
    if args.opruimen and args.peildatum:
        controleer_peildatum(args.peildatum)
    voorstel = services.bewaren.voorstel(args.peildatum)
    if args.opruimen and not voorstel.leeg:
        if not args.ja:
            wat = f"Van {len(voorstel.rijen)} leerling(en) wordt definitief verwijderd: " \
                  f"{aantallen_tekst(dict(voorstel.aantallen))}."
            if not sys.stdin.isatty():
                raise CliFout(f"{wat} Dat kan niet ongedaan worden gemaakt. Bevestig met --ja.")
            antwoord = input(f"{wat} Eerst wordt een back-up gemaakt. Definitief verwijderen? [j/N] ")
            if antwoord.strip().lower() not in ("j", "ja"):
                print("Niets verwijderd.")
                return 1
        voorstel = services.bewaren.opruimen(voorstel)
        print(f"Eerst een back-up gemaakt: {voorstel.backup}.", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json({"peildatum": voorstel.peildatum.isoformat(), "opgeruimd": bool(args.opruimen),
                    "aantallen": dict(voorstel.aantallen),
                    "leerlingen": [{"leerlingnummer": r.leerlingnummer, "naam": r.naam,
                                    "uitschrijfdatum": r.uitschrijfdatum.isoformat(),
                                    "dossier_tot": r.dossier_tot.isoformat(), "verzuim_tot": r.verzuim_tot.isoformat(),
                                    "helemaal": r.helemaal, "aantallen": r.aantallen} for r in voorstel.rijen]})
        return 0
    t = voorstel.termijnen
    print(f"Bewaartermijnen: dossier {t.dossier_jaren} jaar, verzuim {t.verzuim_jaren} jaar na uitschrijving.")
    for r in voorstel.rijen:
        wat = "alles" if r.helemaal else ("dossier" if r.dossier_verlopen else "verzuim")
        print(f"{r.leerlingnummer:>10}  {r.naam}  uitgeschreven {formaat.datum(r.uitschrijfdatum)}  {wat}")
    if voorstel.leeg:
        print(voorstel.samenvatting())
    elif args.opruimen:
        print(f"Definitief verwijderd: {aantallen_tekst(dict(voorstel.aantallen))}.")
    else:
        print(voorstel.samenvatting() + " Verwijder het met --opruimen.")
    return 0

