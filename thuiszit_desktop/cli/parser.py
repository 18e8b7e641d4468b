"""The command line's parser: every command, its options and the checks on their values.

A command names its function as "module:function" (a module of this package), imported by the runner only
when that command runs: the GUI start and `--help` import no command module (issue 16). PyInstaller still
bundles them: build.spec collects every submodule of thuiszit_desktop."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..argparse_nl import DutchArgumentParser
from ..domain.errors import InvoerFout
from ..domain.gebruiker import Rol

if TYPE_CHECKING:
    from ..domain.kwartaal import Kwartaal

_BACKUP_SERVER = "back-ups van de gedeelde schooldatabase maakt de ICT op de server (pg_dump)"
OUDE_BACKUPS = ("opnieuw-versleutelen", "verwijderen", "laten-staan")  # `gebruiker uitschakelen --oude-backups`


def build_parser() -> argparse.ArgumentParser:
    # --data-dir may come before or after the command. The commands' copy has no default of its own: otherwise
    # its None would overwrite a --data-dir given before the command (argparse sets sub-parser defaults last).
    common = DutchArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="MAP", default=argparse.SUPPRESS,
                        help="map met de database (standaard: THUISZIT_DATA_DIR of de gebruikersmap)")
    common.add_argument("--server", metavar="DSN", default=argparse.SUPPRESS,
                        help="de gedeelde schooldatabase in plaats van de map, zoals "
                             "postgresql://server.school.nl:5432/thuiszit (standaard: THUISZIT_SERVER)")
    map_ = DutchArgumentParser(add_help=False)  # `server overzetten`: the folder, beside its own --server
    map_.add_argument("--data-dir", metavar="MAP", default=argparse.SUPPRESS,
                      help="map met de database (standaard: THUISZIT_DATA_DIR of de gebruikersmap)")
    user = DutchArgumentParser(add_help=False)
    user.add_argument("--gebruiker", metavar="NAAM", help="inlognaam; wachtwoord uit THUISZIT_WACHTWOORD")
    uit = DutchArgumentParser(add_help=False)  # every command that writes a file
    uit.add_argument("--overschrijven", action="store_true", help="een bestaand bestand vervangen")

    parser = DutchArgumentParser(prog="thuiszit-desktop",
                                 description="Thuiszit Desktop. Zonder opdracht start het programma.")
    parser.add_argument("--data-dir", metavar="MAP",  # its own action: parents share theirs, and their defaults
                        help="map met de database (standaard: THUISZIT_DATA_DIR of de gebruikersmap)")
    parser.add_argument("--server", metavar="DSN",
                        help="de gedeelde schooldatabase in plaats van de map (standaard: THUISZIT_SERVER)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open een tijdelijke database, bouw het hoofdvenster en stop (voor tests)")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")

    p = sub.add_parser("init", parents=[common], help="maak een nieuwe, versleutelde database")
    p.add_argument("--school", required=True, metavar="NAAM")
    p.add_argument("--brin", required=True)
    p.add_argument("--regio", required=True, choices=["noord", "midden", "zuid"])
    p.add_argument("--schooltype", default="vo", choices=["po", "vo", "so/vso", "mbo"])
    p.add_argument("--uren-per-lesdag", type=_decimal, default=6.0, metavar="UREN")
    p.add_argument("--swv", default="", metavar="NAAM",
                   help="het samenwerkingsverband (naam of code), voor het kwartaaloverzicht")
    p.add_argument("--gebruiker", required=True, metavar="NAAM", help="de eerste zorgcoördinator")
    p.set_defaults(run="school:init", alleen_bestand="een nieuwe schooldatabase op de server maakt de ICT met "
                                                  "'thuiszit-desktop server init'")

    p = sub.add_parser("demo", parents=[common], help="maak een fictieve demoschool (gebruiker 'demo')")
    p.set_defaults(run="school:demo", alleen_bestand="de demoschool is een bestand op deze computer")

    p = sub.add_parser("import", parents=[common, user], help="importeer een CSV- of XLSX-bestand")
    p.add_argument("soort", choices=["leerlingen", "verzuim", "vrije-dagen"])
    p.add_argument("bestand", type=Path, metavar="BESTAND")
    p.add_argument("--sla-foute-regels-over", action="store_true",
                   help="importeer de goede regels en meld de foute")
    p.add_argument("--tot", type=_datum, metavar="JJJJ-MM-DD",
                   help="verzuim bijgewerkt tot en met deze datum (standaard: de laatste datum in het bestand, als "
                        "die later is dan nu; alleen --tot zet de datum terug)")
    p.add_argument("--kolom", action="append", default=[], metavar="BRON=VELD",
                   help="kolom BRON van het bestand is VELD (of 'niet'); herhaalbaar. Bekende kolomnamen "
                        "(Magister, Somtoday) en eerdere keuzes gaan vanzelf")
    p.set_defaults(run="importeren:importeren", needs_login=True)

    for naam, hulp, run in (("signalen", "de signalen van SIGNALEN.md per leerling", "signalen:signalen"),
                            ("niveaus", "het niveau (Kearney) en verzuimpercentage per leerling", "signalen:niveaus")):
        p = sub.add_parser(naam, parents=[common, user], help=hulp)
        p.add_argument("--peildatum", type=_datum, metavar="JJJJ-MM-DD",
                       help="standaard: de datum tot waar het verzuim is bijgewerkt")
        p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
        p.set_defaults(run=run, needs_login=True, lezend=True)

    p = sub.add_parser("overzicht", parents=[common, user],
                       help="de aantallen voor de hele school: wat de rol alleen-lezen ziet, zonder namen")
    p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    p.set_defaults(run="overzicht:overzicht", needs_login=True, lezend=True, lezer=True)

    p = sub.add_parser("trajecten", parents=[common, user], help="de open trajecten (praktijkkaart) per leerling")
    p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    p.set_defaults(run="trajecten:lijst", needs_login=True, lezend=True)

    p = sub.add_parser("dossier", parents=[common, user],
                       help="het hele dossier van één leerling (bijvoorbeeld voor een inzageverzoek)")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    p.set_defaults(run="trajecten:dossier", needs_login=True, lezend=True)

    p = sub.add_parser("mdo-pdf", parents=[common, user, uit], help="het verslag van een MDO als PDF, voor de deelnemers")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("uit", type=Path, metavar="UIT.pdf")
    p.add_argument("--datum", type=_datum, metavar="JJJJ-MM-DD", help="het MDO van deze datum (standaard: het laatste)")
    p.set_defaults(run="trajecten:mdo_pdf", needs_login=True)

    p = sub.add_parser("dossier-pdf", parents=[common, user, uit],
                       help="het hele dossier van één leerling als PDF, voor een inzageverzoek (AVG)")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("uit", type=Path, metavar="UIT.pdf")
    p.set_defaults(run="trajecten:dossier_pdf", needs_login=True)

    p = sub.add_parser("plan-pdf", parents=[common, user, uit],
                       help="het plan van aanpak van één leerling als PDF (om te printen en te ondertekenen)")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("uit", type=Path, metavar="UIT.pdf")
    p.add_argument("--versie", type=_versie, metavar="N", help="een eerdere versie (standaard: de nieuwste)")
    p.set_defaults(run="trajecten:plan_pdf", needs_login=True)

    # "rapport SOORT …": one subcommand per report (other reports add their own parser to `rapporten`).
    p = sub.add_parser("rapport", parents=[common], help="een rapport als bestand (jaar, lijstbespreking, kwartaal)")
    rapporten = p.add_subparsers(dest="rapport", metavar="RAPPORT", required=True)
    r = rapporten.add_parser("jaar", parents=[common, user, uit],
                             help="het jaaroverzicht (trends en 'werkt het?') van een schooljaar als PDF")
    r.add_argument("schooljaar", type=_schooljaar, metavar="JJJJ", help="het jaar waarin het schooljaar begint")
    r.add_argument("--uit", type=Path, required=True, metavar="BESTAND.pdf")
    r.set_defaults(run="rapport:jaar", needs_login=True)
    r = rapporten.add_parser("lijstbespreking", parents=[common, user, uit],
                             help="alle leerlingen met een open traject, voor de lijstbespreking (PDF)")
    r.add_argument("--uit", type=Path, required=True, metavar="BESTAND.pdf")
    r.set_defaults(run="rapport:lijstbespreking", needs_login=True)
    r = rapporten.add_parser("kwartaal", parents=[common, user, uit],
                             help="het gepseudonimiseerde kwartaaloverzicht thuiszitters voor het SWV (.xlsx, .csv of .pdf)")
    r.add_argument("kwartaal", type=_kwartaal, metavar="JJJJ-Qn", help="bijvoorbeeld 2026-Q3 (Q1 = jan–mrt)")
    r.add_argument("--uit", type=Path, required=True, metavar="BESTAND",
                   help="het soort bestand volgt uit de extensie: .xlsx, .csv of .pdf")
    r.set_defaults(run="rapport:kwartaal", needs_login=True)

    p = sub.add_parser("backup", parents=[common, user], help="maak nu een versleutelde back-up")
    p.add_argument("--naar", type=Path, metavar="MAP", help="in deze map (standaard: de map uit de instellingen)")
    p.set_defaults(run="backup:maken", needs_login=True, alleen_bestand=_BACKUP_SERVER)
    p = sub.add_parser("restore", parents=[common, user], help="zet een back-up terug (vervangt de database)")
    p.add_argument("bestand", type=Path, metavar="BESTAND")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    p.set_defaults(run="backup:terugzetten", alleen_bestand=_BACKUP_SERVER)

    # "gebruiker …": user management (zorgcoördinator) and one's own password.
    p = sub.add_parser("gebruiker", parents=[common], help="gebruikers: toevoegen, lijst, wachtwoord, uitschakelen")
    gebruiker_opdrachten = p.add_subparsers(dest="gebruiker_opdracht", metavar="OPDRACHT",
                                  required=True)
    g = gebruiker_opdrachten.add_parser("toevoegen", parents=[common, user],
                              help="een nieuwe gebruiker; wachtwoord uit THUISZIT_NIEUW_WACHTWOORD of een vraag")
    g.add_argument("naam", metavar="NAAM")
    g.add_argument("--rol", required=True, choices=[r.value for r in Rol])
    g.add_argument("--klassen", default="", metavar="3A,3B", help="de klassen van een mentor, met komma's")
    g.set_defaults(run="gebruikers:toevoegen", needs_login=True)
    g = gebruiker_opdrachten.add_parser("lijst", parents=[common, user], help="alle gebruikers met rol, klassen en status")
    g.add_argument("--json", action="store_true")
    g.set_defaults(run="gebruikers:lijst", needs_login=True, lezend=True)
    g = gebruiker_opdrachten.add_parser("wachtwoord", parents=[common, user],
                              help="uw eigen wachtwoord wijzigen (nieuw uit THUISZIT_NIEUW_WACHTWOORD of een vraag)")
    g.set_defaults(run="gebruikers:wachtwoord_wijzigen", needs_login=True, lezer=True, eigen_wachtwoord=True)
    g = gebruiker_opdrachten.add_parser("wachtwoord-resetten", parents=[common, user],
                              help="een nieuw wachtwoord voor iemand die het zijne kwijt is (uit "
                                   "THUISZIT_NIEUW_WACHTWOORD of een vraag)")
    g.add_argument("naam", metavar="NAAM")
    g.set_defaults(run="gebruikers:wachtwoord_resetten", needs_login=True)
    g = gebruiker_opdrachten.add_parser("uitschakelen", parents=[common, user],
                              help="iemand kan niet meer inloggen (de database krijgt nieuwe sleutels)")
    g.add_argument("naam", metavar="NAAM")
    g.add_argument("--oude-backups", choices=OUDE_BACKUPS, default=None,
                   help="wat er gebeurt met back-ups van vóór de nieuwe sleutels (die gaan nog open met de oude "
                        "wachtwoorden): opnieuw versleutelen, verwijderen of laten staan; zonder deze optie wordt "
                        "het gevraagd")
    g.set_defaults(run="gebruikers:uitschakelen", needs_login=True)

    # "audit …": the audit trail (zorgcoördinator); "bewaartermijnen": what has expired, and removing it.
    p = sub.add_parser("audit", parents=[common], help="het auditlog: controleren of bekijken")
    audit_opdrachten = p.add_subparsers(dest="audit_opdracht", metavar="OPDRACHT",
                             required=True)
    a = audit_opdrachten.add_parser("verify", parents=[common, user], help="controleer of het auditlog ongeschonden is")
    a.set_defaults(run="audit:verify", needs_login=True, lezend=True, zegt_auditlog=True)
    a = audit_opdrachten.add_parser("verzegelen", parents=[common, user],
                         help="na een melding: leg vast wat er is gevonden en neem het log zoals het nu is als "
                              "nieuw ijkpunt")
    a.set_defaults(run="audit:verzegelen", needs_login=True, zegt_auditlog=True,
                   alleen_bestand="het auditlog op de server houdt de server zelf bij; er is niets te verzegelen")
    a = audit_opdrachten.add_parser("lijst", parents=[common, user], help="wie wat bekeek of wijzigde, nieuwste eerst")
    a.add_argument("--leerling", metavar="LEERLINGNUMMER")
    a.add_argument("--door", metavar="NAAM", help="alleen wat deze gebruiker deed (--gebruiker is wie inlogt)")
    a.add_argument("--van", type=_datum, metavar="JJJJ-MM-DD")
    a.add_argument("--tot", type=_datum, metavar="JJJJ-MM-DD", help="tot en met deze dag")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run="audit:lijst", needs_login=True, lezend=True)
    p = sub.add_parser("bewaartermijnen", parents=[common, user],
                       help="wat over de bewaartermijn is; met --opruimen wordt het definitief verwijderd")
    p.add_argument("--peildatum", type=_datum, metavar="JJJJ-MM-DD")
    p.add_argument("--opruimen", action="store_true",
                   help="verwijder het definitief, na een back-up (vraagt eerst om bevestiging)")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen (voor scripts)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run="bewaren:bewaartermijnen", needs_login=True, lezend=True)  # unless --opruimen

    p = sub.add_parser("server", help="de gedeelde schooldatabase op een PostgreSQL-server (voor de ICT)")
    opdrachten = p.add_subparsers(dest="server_opdracht", metavar="OPDRACHT", required=True)
    s = opdrachten.add_parser(
        "init", help="richt een lege database op de server in: schema, rollen, rechten en de eerste zorgcoördinator",
        description="Het wachtwoord van de eigenaar komt uit PGPASSWORD (of wordt gevraagd), dat van de eerste "
                    "zorgcoördinator uit THUISZIT_WACHTWOORD (of wordt gevraagd). De eigenaar heeft CREATEROLE "
                    "nodig om de rollen en logins te maken.")
    s.add_argument("--server", required=True, metavar="DSN",
                   help="bijvoorbeeld postgresql://eigenaar@server.school.nl:5432/thuiszit")
    s.add_argument("--school", required=True, metavar="NAAM")
    s.add_argument("--brin", required=True)
    s.add_argument("--regio", required=True, choices=["noord", "midden", "zuid"])
    s.add_argument("--schooltype", default="vo", choices=["po", "vo", "so/vso", "mbo"])
    s.add_argument("--uren-per-lesdag", type=_decimal, default=6.0, metavar="UREN")
    s.add_argument("--gebruiker", required=True, metavar="NAAM", help="de eerste zorgcoördinator")
    s.set_defaults(run="server:init")
    s = opdrachten.add_parser(
        "bijwerken", help="werk de schooldatabase op de server bij naar de versie van dit programma (schema en "
                          "rechten), na het installeren van een nieuwe versie",
        description="Voor de eigenaar van de database (wachtwoord uit PGPASSWORD of een vraag). Alles of niets. "
                    "Het schema van de schooldatabase heeft een versienummer, zoals het databasebestand; een "
                    "programma werkt alleen met een schooldatabase van zijn eigen versie en zegt anders wat er moet "
                    "gebeuren. Bijwerken zet ook de rechten en rijbeveiliging opnieuw zoals deze versie ze kent. "
                    "Een schooldatabase van een nieuwere versie blijft zoals ze is.")
    s.add_argument("--server", required=True, metavar="DSN",
                   help="bijvoorbeeld postgresql://eigenaar@server.school.nl:5432/thuiszit")
    s.set_defaults(run="server:bijwerken")
    s = opdrachten.add_parser(
        "overzetten", parents=[map_, user],
        help="zet een database van één bestand over naar een lege database op de server (of met --terug weer "
             "naar een nieuw bestand): alle tabellen, ids en het gecontroleerde auditlog",
        description="Voor een zorgcoördinator (wachtwoord uit THUISZIT_WACHTWOORD of een vraag) met het wachtwoord "
                    "van de eigenaar van de database op de server (PGPASSWORD of een vraag). Alles of niets.")
    s.add_argument("--server", required=True, metavar="DSN",
                   help="bijvoorbeeld postgresql://eigenaar@server.school.nl:5432/thuiszit")
    s.add_argument("--terug", action="store_true",
                   help="van de server naar een nieuw versleuteld bestand in --data-dir")
    s.add_argument("--sleutels-van", type=Path, metavar="MAP",
                   help="bij --terug: de map van het bestand van vóór het overzetten, voor de sleutel van de "
                        "vertrouwelijke teksten")
    s.set_defaults(run="server:overzetten")
    s = opdrachten.add_parser(
        "backup", parents=[user],
        help="een versleutelde back-up (.tzbackup) van de schooldatabase op de server, terug te zetten als altijd",
        description="Voor een zorgcoördinator (wachtwoord uit THUISZIT_WACHTWOORD of een vraag) met het wachtwoord "
                    "van de eigenaar van de database (PGPASSWORD of een vraag). De back-up opent met uw naam en "
                    "wachtwoord.")
    s.add_argument("--server", required=True, metavar="DSN")
    s.add_argument("--naar", required=True, type=Path, metavar="MAP", help="de map voor de back-ups")
    s.add_argument("--sleutels-van", type=Path, metavar="MAP",
                   help="de map van het bestand van vóór het overzetten, voor de sleutel van de vertrouwelijke "
                        "teksten (nodig zodra er vertrouwelijke teksten zijn)")
    s.set_defaults(run="server:backup")
    _opties_vastleggen(parser)
    return parser


def _opties_vastleggen(parser: argparse.ArgumentParser) -> None:
    """Give every command the names of its options by field (`peildatum` → `--peildatum`), so that an error
    about a field names the option to fix, never the field."""
    opties = {a.dest: a.option_strings[-1] for a in parser._actions if a.option_strings}
    parser.set_defaults(opties=opties)
    for actie in parser._actions:
        if isinstance(actie, argparse._SubParsersAction):
            for sub in actie.choices.values():
                _opties_vastleggen(sub)


def _kwartaal(text: str) -> Kwartaal:
    from ..domain.kwartaal import Kwartaal  # only for `rapport kwartaal`: it is slow to import

    try:
        return Kwartaal.parse(text)
    except InvoerFout:
        raise argparse.ArgumentTypeError(f"'{text}' is geen kwartaal; schrijf JJJJ-Qn, bijvoorbeeld 2026-Q3") from None


def _schooljaar(text: str) -> int:
    if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(f"'{text}' is geen schooljaar; geef het beginjaar, bijvoorbeeld 2026")
    return int(text)


EERSTE_JAAR, LAATSTE_JAAR = 2000, 2099  # dates on the command line: what a school's records can hold


def _datum(text: str) -> date:
    try:
        datum = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen datum als JJJJ-MM-DD: {text}") from None
    if not EERSTE_JAAR <= datum.year <= LAATSTE_JAAR:
        raise argparse.ArgumentTypeError(f"{text} ligt buiten de jaren {EERSTE_JAAR}–{LAATSTE_JAAR}; kies een datum "
                                         "daartussen")
    return datum


def _versie(text: str) -> int:
    if not (text.isdigit() and 1 <= int(text) <= 9999):
        raise argparse.ArgumentTypeError(f"'{text}' is geen versienummer; geef een getal vanaf 1, bijvoorbeeld 2")
    return int(text)


def _decimal(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen getal: {text}") from None

