"""'gebruiker …': user management (zorgcoördinator) and one's own password."""

from __future__ import annotations

import argparse
import sys

from ..domain.gebruiker import Rol
from ..services.lezersoverzicht import Lezersessie
from ..services.session import Services
from .common import print_json
from .parser import OUDE_BACKUPS
from .wachtwoord import vraag_nieuw_wachtwoord, vraag_wachtwoord


def toevoegen(args: argparse.Namespace, services: Services) -> int:
    wachtwoord = vraag_nieuw_wachtwoord(args.naam)
    klassen = [k for k in args.klassen.split(",") if k.strip()]
    rij = services.gebruikers.toevoegen(args.naam, args.rol, klassen, wachtwoord, wachtwoord)
    extra = f" voor {', '.join(rij.klassen)}" if rij.klassen else ""
    print(f"Gebruiker {rij.naam} toegevoegd als {rij.rol.label.lower()}{extra}.")
    return 0


def lijst(args: argparse.Namespace, services: Services) -> int:
    rijen = services.gebruikers.lijst()
    if args.json:
        print_json([r.to_dict() for r in rijen])
        return 0
    for r in rijen:
        print("\t".join([r.naam, r.rol.label, ",".join(r.klassen) or "-", "actief" if r.actief else "uitgeschakeld"]))
    return 0


def wachtwoord_wijzigen(args: argparse.Namespace, services: Services | Lezersessie) -> int:
    nieuw = vraag_nieuw_wachtwoord(services.gebruiker.naam)
    if isinstance(services, Lezersessie):
        services.wachtwoord_wijzigen(vraag_wachtwoord("Huidig wachtwoord: "), nieuw, nieuw)
    else:
        services.gebruikers.wachtwoord_wijzigen(vraag_wachtwoord("Huidig wachtwoord: "), nieuw, nieuw)
    print("Uw wachtwoord is gewijzigd. Log voortaan in met het nieuwe wachtwoord.")
    return 0


def wachtwoord_resetten(args: argparse.Namespace, services: Services) -> int:
    """A new password for someone who forgot theirs (the zorgcoördinator tells it to them in person)."""
    wachtwoord = vraag_nieuw_wachtwoord(args.naam)
    rij = services.gebruikers.wachtwoord_resetten(args.naam, wachtwoord, wachtwoord)
    print(f"{rij.naam} heeft een nieuw wachtwoord. Geef het persoonlijk door; {rij.naam} kan het daarna zelf "
          "wijzigen (gebruiker wachtwoord).")
    return 0


def uitschakelen(args: argparse.Namespace, services: Services) -> int:
    if services.ctx.store.op_server:
        rij = services.gebruikers.uitschakelen(args.naam)
        print(f"{rij.naam} is uitgeschakeld en kan niet meer inloggen op de schooldatabase.")
        if rij.rol == Rol.ZORGCOORDINATOR:
            print("De vertrouwelijke gegevens hebben een nieuwe sleutel, die alleen de andere zorgcoördinatoren "
                  "hebben. Wie nu nog ingelogd is, logt opnieuw in voor hij of zij vertrouwelijke tekst opslaat.")
        return 0
    print("De database krijgt nieuwe sleutels…", file=sys.stderr)
    rij = services.gebruikers.uitschakelen(args.naam)
    print(f"{rij.naam} is uitgeschakeld en kan niet meer inloggen, ook niet met een oude kopie van het "
          "sleutelbestand: de database heeft nieuwe sleutels.")
    rotatie = rij.rotatie
    if rotatie is None:
        return 0
    if rotatie.zonder_sleutel:
        print("Een nieuw wachtwoord nodig (sleutel van een oudere versie): " + ", ".join(rotatie.zonder_sleutel) + ".")
    oud = len(rotatie.oude_backups)
    if not oud:
        return 0
    print(f"Er {'zijn' if oud > 1 else 'is'} nog {oud} oudere back-up{'s' if oud > 1 else ''}; die "
          f"{'gaan' if oud > 1 else 'gaat'} nog open met de oude sleutels en wachtwoorden, ook dat van {rij.naam}.")
    keuze = args.oude_backups
    if keuze is None and sys.stdin.isatty():
        antwoord = input("Opnieuw versleutelen met de nieuwe sleutels [o], verwijderen [v] of laten staan [L]? ")
        keuze = {"o": OUDE_BACKUPS[0], "v": OUDE_BACKUPS[1]}.get(antwoord.strip().lower()[:1], OUDE_BACKUPS[2])
    if keuze == OUDE_BACKUPS[0]:
        n = rotatie.backups_herversleutelen(lambda i, totaal: print(f"  back-up {min(i + 1, totaal)} van {totaal}",
                                                                     file=sys.stderr) if i < totaal else None)
        print(f"{n} oudere back-up{'s' if n != 1 else ''} opnieuw versleuteld met de nieuwe sleutels.")
    elif keuze == OUDE_BACKUPS[1]:
        n = rotatie.backups_verwijderen()
        print(f"{n} oudere back-up{'s' if n != 1 else ''} verwijderd.")
    else:
        print("De oudere back-ups blijven staan en gaan open met de oude wachtwoorden, tot de rotatie ze opruimt. "
              "De oude sleutels zijn nu weg, dus later opnieuw versleutelen kan niet: verwijder ze zelf uit de "
              "back-upmap als dat eerder moet.")
    return 0

