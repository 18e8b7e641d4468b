"""The shared school database on a PostgreSQL server, for the school's ICT: `server init`, `server bijwerken`,
`server overzetten`, `server backup`."""

from __future__ import annotations

import argparse
import getpass
import sys

from .. import paths
from ..domain.school import School
from .common import CliFout
from .wachtwoord import WACHTWOORD, _vraag, vraag_nieuw_wachtwoord, vraag_wachtwoord

EIGENAAR_WACHTWOORD = "PGPASSWORD"  # libpq's own variable: what a school's ICT already uses


def init(args: argparse.Namespace) -> int:
    from ..services import schoolserver  # psycopg only when a server is used: it costs a start of the program

    eigenaar = _vraag(EIGENAAR_WACHTWOORD, "het wachtwoord van de eigenaar van de database",
                      lambda: getpass.getpass("Wachtwoord van de eigenaar van de database: "))
    wachtwoord = vraag_nieuw_wachtwoord(args.gebruiker, WACHTWOORD)
    school = School(args.school, args.brin, args.regio, args.schooltype, args.uren_per_lesdag)
    adres = schoolserver.inrichten(args.server, eigenaar, school, args.gebruiker, wachtwoord)
    print(f"Schooldatabase ingericht in '{adres.database}' op {adres.host}:{adres.poort}. "
          f"{' '.join(args.gebruiker.split())} logt in als '{adres.gebruiker}' op {adres}.")
    if not schoolserver.vertraagt_inloggen(args.server, eigenaar):
        _auth_delay_melden()
    return 0


def bijwerken(args: argparse.Namespace) -> int:
    """The school database to this program's version (the owner, as `server init`)."""
    from ..services import schoolserver

    eigenaar = _vraag(EIGENAAR_WACHTWOORD, "het wachtwoord van de eigenaar van de database",
                      lambda: getpass.getpass("Wachtwoord van de eigenaar van de database: "))
    oud, nieuw, vertraagt = schoolserver.bijwerken(args.server, eigenaar)
    if oud == nieuw:
        print(f"De schooldatabase had al schema {nieuw}, dat van deze versie; de rechten zijn opnieuw gezet.")
    else:
        print(f"De schooldatabase is bijgewerkt van schema {oud} naar {nieuw}, met de rechten van deze versie. "
              "Iedereen kan weer inloggen met deze versie van het programma.")
    if not vertraagt:
        _auth_delay_melden()
    return 0


def _auth_delay_melden() -> None:
    from ..services.schoolserver import AUTH_DELAY_REGELS

    print("Let op: de server vertraagt verkeerde wachtwoorden niet, dus wachtwoorden raden gaat snel. Zet in "
          "postgresql.conf:\n  " + "\n  ".join(AUTH_DELAY_REGELS) + "\nen herstart PostgreSQL.", file=sys.stderr)


def overzetten(args: argparse.Namespace) -> int:
    from ..services import schoolserver, session

    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent (een zorgcoördinator).")
    path = session.database_path(paths.data_dir(args.data_dir))
    wachtwoord = vraag_wachtwoord(f"Wachtwoord voor {args.gebruiker}: ")
    eigenaar = _vraag(EIGENAAR_WACHTWOORD, "het wachtwoord van de eigenaar van de database",
                      lambda: getpass.getpass("Wachtwoord van de eigenaar van de database: "))
    if args.terug:
        sleutels_van = paths.data_dir(args.sleutels_van) if args.sleutels_van else None
        aantallen = schoolserver.naar_bestand(args.server, eigenaar, args.gebruiker, wachtwoord, path, sleutels_van)
        print(f"De schooldatabase staat nu in {path.parent} ({_samenvatting(aantallen)}); het auditlog is "
              "gecontroleerd. Alleen u kunt er nog in: geef de andere gebruikers een nieuw wachtwoord "
              "(gebruiker wachtwoord-resetten). De database op de server is niet veranderd.")
    else:
        if args.sleutels_van:
            raise CliFout("--sleutels-van hoort bij --terug.")
        gedaan = schoolserver.naar_server(path, args.gebruiker, wachtwoord, args.server, eigenaar)
        print(f"De schooldatabase staat nu op de server ({_samenvatting(gedaan.aantallen)}); het auditlog is "
              f"gecontroleerd. U logt daar in met uw naam en hetzelfde wachtwoord. Het bestand in {path.parent} is "
              "niet veranderd: bewaar het (met het sleutelbestand) voor de weg terug, maar werk er niet meer in.")
        if gedaan.wachtwoorden:
            print("\nDe andere gebruikers hebben een login op de server met een eenmalig wachtwoord. Geef het ieder "
                  "persoonlijk (niet per e-mail); bij de eerste keer inloggen kiezen ze hun eigen wachtwoord. Deze "
                  "wachtwoorden worden nergens bewaard en niet nog eens getoond:")
            breedte = max(len(n) for n in gedaan.wachtwoorden)
            for naam, eenmalig in gedaan.wachtwoorden.items():
                print(f"  {naam.ljust(breedte)}  {eenmalig}")
            print("Kwijt? Geef die gebruiker een nieuw wachtwoord: thuiszit-desktop gebruiker wachtwoord-resetten.")
    return 0


def _samenvatting(aantallen: dict[str, int]) -> str:
    return (f"{aantallen.get('leerling', 0)} leerlingen, {aantallen.get('verzuim', 0)} verzuimregels, "
            f"{aantallen.get('audit_regel', 0)} regels auditlog")


def backup(args: argparse.Namespace) -> int:
    """The usual encrypted backup, of the school database on the server (services/schoolserver.backup_maken)."""
    from ..services import schoolserver

    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent (een zorgcoördinator).")
    wachtwoord = vraag_wachtwoord(f"Wachtwoord voor {args.gebruiker}: ")
    eigenaar = _vraag(EIGENAAR_WACHTWOORD, "het wachtwoord van de eigenaar van de database",
                      lambda: getpass.getpass("Wachtwoord van de eigenaar van de database: "))
    sleutels_van = paths.data_dir(args.sleutels_van) if args.sleutels_van else None
    gemaakt = schoolserver.backup_van_server(args.server, eigenaar, args.gebruiker, wachtwoord,
                                             args.naar.expanduser(), sleutels_van)
    aantallen = gemaakt.manifest.aantallen
    print(f"Back-up gemaakt: {gemaakt.pad} ({aantallen.get('leerlingen', 0)} leerlingen). Terugzetten gaat zoals "
          f"altijd (restore), met uw naam en wachtwoord.")
    return 0
