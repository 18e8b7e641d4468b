"""The command line: the same service calls as the GUI, for scripts of the school's ICT staff.

Exit status 0 on success, 1 on an error (one Dutch line on stderr, plus the row errors of an
import), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import paths
from .argparse_nl import DutchArgumentParser
from .domain.errors import DatabaseFout, GeenToegang, InlogFout, InvoerFout, NietGevonden
from .domain.gebruiker import Rol
from .domain.kwartaal import Kwartaal
from .domain.lezersoverzicht import MINDER_DAN, cel
from .domain.school import School
from .services import fouten, session, uitvoer
from .services.bewaren import aantallen_tekst, controleer_peildatum
from .services.importkolommen import keuzes
from .services.lezersoverzicht import Lezersessie
from .services.session import Services

USER_ERRORS = (InvoerFout, NietGevonden, GeenToegang, DatabaseFout, InlogFout)


class CliFout(Exception):
    """A usage problem found after parsing; exit 1 with this message."""


def build_parser() -> argparse.ArgumentParser:
    # --data-dir may come before or after the command. The commands' copy has no default of its own: otherwise
    # its None would overwrite a --data-dir given before the command (argparse sets sub-parser defaults last).
    common = DutchArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="MAP", default=argparse.SUPPRESS,
                        help="map met de database (standaard: THUISZIT_DATA_DIR of de gebruikersmap)")
    user = DutchArgumentParser(add_help=False)
    user.add_argument("--gebruiker", metavar="NAAM", help="inlognaam; wachtwoord uit THUISZIT_WACHTWOORD")
    uit = DutchArgumentParser(add_help=False)  # every command that writes a file
    uit.add_argument("--overschrijven", action="store_true", help="een bestaand bestand vervangen")

    parser = DutchArgumentParser(prog="thuiszit-desktop",
                                 description="Thuiszit Desktop. Zonder opdracht start het programma.")
    parser.add_argument("--data-dir", metavar="MAP",  # its own action: parents share theirs, and their defaults
                        help="map met de database (standaard: THUISZIT_DATA_DIR of de gebruikersmap)")
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
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="maak een fictieve demoschool (gebruiker 'demo')")
    p.set_defaults(run=cmd_demo)

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
    p.set_defaults(run=cmd_import, needs_login=True)

    for naam, hulp, run in (("signalen", "de signalen van SIGNALEN.md per leerling", cmd_signalen),
                            ("niveaus", "het niveau (Kearney) en verzuimpercentage per leerling", cmd_niveaus)):
        p = sub.add_parser(naam, parents=[common, user], help=hulp)
        p.add_argument("--peildatum", type=_datum, metavar="JJJJ-MM-DD",
                       help="standaard: de datum tot waar het verzuim is bijgewerkt")
        p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
        p.set_defaults(run=run, needs_login=True, lezend=True)

    p = sub.add_parser("overzicht", parents=[common, user],
                       help="de aantallen voor de hele school: wat de rol alleen-lezen ziet, zonder namen")
    p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    p.set_defaults(run=cmd_overzicht, needs_login=True, lezend=True, lezer=True)

    p = sub.add_parser("trajecten", parents=[common, user], help="de open trajecten (praktijkkaart) per leerling")
    p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    p.set_defaults(run=cmd_trajecten, needs_login=True, lezend=True)

    p = sub.add_parser("dossier", parents=[common, user],
                       help="het hele dossier van één leerling (bijvoorbeeld voor een inzageverzoek)")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("--json", action="store_true", help="als JSON (voor scripts)")
    p.set_defaults(run=cmd_dossier, needs_login=True, lezend=True)

    p = sub.add_parser("mdo-pdf", parents=[common, user, uit], help="het verslag van een MDO als PDF, voor de deelnemers")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("uit", type=Path, metavar="UIT.pdf")
    p.add_argument("--datum", type=_datum, metavar="JJJJ-MM-DD", help="het MDO van deze datum (standaard: het laatste)")
    p.set_defaults(run=cmd_mdo_pdf, needs_login=True)

    p = sub.add_parser("dossier-pdf", parents=[common, user, uit],
                       help="het hele dossier van één leerling als PDF, voor een inzageverzoek (AVG)")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("uit", type=Path, metavar="UIT.pdf")
    p.set_defaults(run=cmd_dossier_pdf, needs_login=True)

    p = sub.add_parser("plan-pdf", parents=[common, user, uit],
                       help="het plan van aanpak van één leerling als PDF (om te printen en te ondertekenen)")
    p.add_argument("leerlingnummer", metavar="LEERLINGNUMMER")
    p.add_argument("uit", type=Path, metavar="UIT.pdf")
    p.add_argument("--versie", type=_versie, metavar="N", help="een eerdere versie (standaard: de nieuwste)")
    p.set_defaults(run=cmd_plan_pdf, needs_login=True)

    # "rapport SOORT …": one subcommand per report (other reports add their own parser to `rapporten`).
    p = sub.add_parser("rapport", parents=[common], help="een rapport als bestand (jaar, lijstbespreking, kwartaal)")
    rapporten = p.add_subparsers(dest="rapport", metavar="RAPPORT", required=True)
    r = rapporten.add_parser("jaar", parents=[common, user, uit],
                             help="het jaaroverzicht (trends en 'werkt het?') van een schooljaar als PDF")
    r.add_argument("schooljaar", type=_schooljaar, metavar="JJJJ", help="het jaar waarin het schooljaar begint")
    r.add_argument("--uit", type=Path, required=True, metavar="BESTAND.pdf")
    r.set_defaults(run=cmd_rapport_jaar, needs_login=True)
    r = rapporten.add_parser("lijstbespreking", parents=[common, user, uit],
                             help="alle leerlingen met een open traject, voor de lijstbespreking (PDF)")
    r.add_argument("--uit", type=Path, required=True, metavar="BESTAND.pdf")
    r.set_defaults(run=cmd_rapport_lijstbespreking, needs_login=True)
    r = rapporten.add_parser("kwartaal", parents=[common, user, uit],
                             help="het gepseudonimiseerde kwartaaloverzicht thuiszitters voor het SWV (.xlsx, .csv of .pdf)")
    r.add_argument("kwartaal", type=_kwartaal, metavar="JJJJ-Qn", help="bijvoorbeeld 2026-Q3 (Q1 = jan–mrt)")
    r.add_argument("--uit", type=Path, required=True, metavar="BESTAND",
                   help="het soort bestand volgt uit de extensie: .xlsx, .csv of .pdf")
    r.set_defaults(run=cmd_rapport_kwartaal, needs_login=True)

    p = sub.add_parser("backup", parents=[common, user], help="maak nu een versleutelde back-up")
    p.add_argument("--naar", type=Path, metavar="MAP", help="in deze map (standaard: de map uit de instellingen)")
    p.set_defaults(run=cmd_backup, needs_login=True)
    p = sub.add_parser("restore", parents=[common, user], help="zet een back-up terug (vervangt de database)")
    p.add_argument("bestand", type=Path, metavar="BESTAND")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    p.set_defaults(run=cmd_restore)

    # "gebruiker …": user management (zorgcoördinator) and one's own password.
    p = sub.add_parser("gebruiker", parents=[common], help="gebruikers: toevoegen, lijst, wachtwoord, uitschakelen")
    gebruikers = p.add_subparsers(dest="gebruiker_opdracht", metavar="OPDRACHT",
                                  required=True)
    g = gebruikers.add_parser("toevoegen", parents=[common, user],
                              help="een nieuwe gebruiker; wachtwoord uit THUISZIT_NIEUW_WACHTWOORD of een vraag")
    g.add_argument("naam", metavar="NAAM")
    g.add_argument("--rol", required=True, choices=[r.value for r in Rol])
    g.add_argument("--klassen", default="", metavar="3A,3B", help="de klassen van een mentor, met komma's")
    g.set_defaults(run=cmd_gebruiker_toevoegen, needs_login=True)
    g = gebruikers.add_parser("lijst", parents=[common, user], help="alle gebruikers met rol, klassen en status")
    g.add_argument("--json", action="store_true")
    g.set_defaults(run=cmd_gebruiker_lijst, needs_login=True, lezend=True)
    g = gebruikers.add_parser("wachtwoord", parents=[common, user],
                              help="uw eigen wachtwoord wijzigen (nieuw uit THUISZIT_NIEUW_WACHTWOORD of een vraag)")
    g.set_defaults(run=cmd_gebruiker_wachtwoord, needs_login=True, lezer=True)
    g = gebruikers.add_parser("uitschakelen", parents=[common, user],
                              help="iemand kan niet meer inloggen (de database krijgt nieuwe sleutels)")
    g.add_argument("naam", metavar="NAAM")
    g.add_argument("--oude-backups", choices=OUDE_BACKUPS, default=None,
                   help="wat er gebeurt met back-ups van vóór de nieuwe sleutels (die gaan nog open met de oude "
                        "wachtwoorden): opnieuw versleutelen, verwijderen of laten staan; zonder deze optie wordt "
                        "het gevraagd")
    g.set_defaults(run=cmd_gebruiker_uitschakelen, needs_login=True)

    # "audit …": the audit trail (zorgcoördinator); "bewaartermijnen": what has expired, and removing it.
    p = sub.add_parser("audit", parents=[common], help="het auditlog: controleren of bekijken")
    audit = p.add_subparsers(dest="audit_opdracht", metavar="OPDRACHT",
                             required=True)
    a = audit.add_parser("verify", parents=[common, user], help="controleer of het auditlog ongeschonden is")
    a.set_defaults(run=cmd_audit_verify, needs_login=True, lezend=True, zegt_auditlog=True)
    a = audit.add_parser("verzegelen", parents=[common, user],
                         help="na een melding: leg vast wat er is gevonden en neem het log zoals het nu is als "
                              "nieuw ijkpunt")
    a.set_defaults(run=cmd_audit_verzegelen, needs_login=True, zegt_auditlog=True)
    a = audit.add_parser("lijst", parents=[common, user], help="wie wat bekeek of wijzigde, nieuwste eerst")
    a.add_argument("--leerling", metavar="LEERLINGNUMMER")
    a.add_argument("--door", metavar="NAAM", help="alleen wat deze gebruiker deed (--gebruiker is wie inlogt)")
    a.add_argument("--van", type=_datum, metavar="JJJJ-MM-DD")
    a.add_argument("--tot", type=_datum, metavar="JJJJ-MM-DD", help="tot en met deze dag")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=cmd_audit_lijst, needs_login=True, lezend=True)
    p = sub.add_parser("bewaartermijnen", parents=[common, user],
                       help="wat over de bewaartermijn is; met --opruimen wordt het definitief verwijderd")
    p.add_argument("--peildatum", type=_datum, metavar="JJJJ-MM-DD")
    p.add_argument("--opruimen", action="store_true",
                   help="verwijder het definitief, na een back-up (vraagt eerst om bevestiging)")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen (voor scripts)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_bewaartermijnen, needs_login=True, lezend=True)  # unless --opruimen

    from . import cli_server  # here, not at the top: it uses this module's helpers

    cli_server.voeg_toe(sub, _decimal)
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


# --- commands -------------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    path = session.database_path(paths.data_dir(args.data_dir))
    if session.database_exists(path):  # a database, its key file, or a restore to finish: never over it
        raise CliFout(f"Er staat al een database of sleutelbestand in {path.parent}. Kies een lege map met "
                      "--data-dir; zo blijft wat er staat bewaard. (Gaat die database niet open? Zet dan een "
                      "back-up terug met 'thuiszit-desktop restore BESTAND'.)")
    wachtwoord = _new_password(args.gebruiker)
    school = School(args.school, args.brin, args.regio, args.schooltype, args.uren_per_lesdag, args.swv)
    services = session.create_school(path, school, args.gebruiker, wachtwoord, wachtwoord)
    services.close()
    print(f"Database gemaakt in {path.parent}. Log in als {args.gebruiker}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .services import demo

    path = session.database_path(paths.data_dir(args.data_dir))
    if session.database_exists(path):
        raise CliFout(f"Er staat al een database of sleutelbestand in {path.parent}. Kies een lege map met "
                      "--data-dir.")
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD") or "demo"
    services = demo.create_demo_school(path, wachtwoord)
    try:
        aantal = len(services.leerlingen.lijst())
    finally:
        services.close()
    print(f"Demoschool gemaakt in {path.parent} met {aantal} fictieve leerlingen. Log in als 'demo'.")
    return 0


def cmd_import(args: argparse.Namespace, services: Services) -> int:
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
            print(f"let op: 'verzuim bijgewerkt t/m' is teruggezet van {resultaat.bijgewerkt_was:%d-%m-%Y} naar "
                  f"{resultaat.bijgewerkt_tot:%d-%m-%Y}; de signalen gaan nu over het verzuim tot en met die dag",
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


def cmd_signalen(args: argparse.Namespace, services: Services) -> int:
    overzicht = services.signalen.overzicht(args.peildatum)
    signalen = sorted(overzicht.signalen, key=lambda s: (s.leerlingnummer, s.soort.value, s.datum))
    if args.json:
        print_json([{**s.to_dict(), "besproken": overzicht.besproken(s) is not None} for s in signalen])
        return 0
    print(f"Signalen op {overzicht.peildatum:%d-%m-%Y} ({_bijgewerkt(overzicht.bijgewerkt_tot)})")
    for s in signalen:
        besproken = " (besproken)" if overzicht.besproken(s) is not None else ""
        print(f"{s.leerlingnummer:>10}  {s.soort.label}{besproken}: {s.uitleg}")
    if not signalen:
        print("Geen signalen.")
    return 0


def cmd_niveaus(args: argparse.Namespace, services: Services) -> int:
    overzicht = services.signalen.overzicht(args.peildatum)
    niveaus = sorted(overzicht.niveaus, key=lambda n: n.leerlingnummer)
    if args.json:
        print_json([n.to_dict() for n in niveaus])
        return 0
    telling = overzicht.per_niveau()
    print(f"Niveaus op {overzicht.peildatum:%d-%m-%Y} ({_bijgewerkt(overzicht.bijgewerkt_tot)}): "
          f"niveau 1: {telling[1]}, niveau 2: {telling[2]}, niveau 3: {telling[3]}")
    for n in niveaus:
        if n.niveau > 1:
            print(f"{n.leerlingnummer:>10}  niveau {n.niveau}  {n.verzuimpercentage:.1f}%")
    return 0


def _bijgewerkt(tot) -> str:
    return f"verzuim bijgewerkt t/m {tot:%d-%m-%Y}" if tot else "nog geen verzuim geïmporteerd"


# --- trajecten and the dossier ---------------------------------------------------------------------

def cmd_trajecten(args: argparse.Namespace, services: Services) -> int:
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
        print(f"{r.leerlingnummer:>10}  {r.naam}  stap {int(r.stap)}  {r.categorie.label}  sinds {r.geopend:%d-%m-%Y}"
              f"  casusregisseur {r.eigenaar or '–'}  {acties}")
    return 0


def cmd_dossier(args: argparse.Namespace, services: Services) -> int:
    dossier = services.inzage.dossier(args.leerlingnummer)
    if args.json:
        print_json(dossier.to_dict())
        return 0
    for regel in _dossier_tekst(dossier):
        print(regel)
    return 0


def cmd_mdo_pdf(args: argparse.Namespace, services: Services) -> int:
    uit = _uitvoerpad(args, services, (".pdf",))
    _schrijven(uit, services.afdrukken.mdo_pdf(args.leerlingnummer, args.datum), "Het MDO-verslag")
    return 0


def cmd_dossier_pdf(args: argparse.Namespace, services: Services) -> int:
    uit = _uitvoerpad(args, services, (".pdf",))
    _schrijven(uit, services.afdrukken.dossier_pdf(args.leerlingnummer), "Het dossier")
    return 0


def cmd_rapport_jaar(args: argparse.Namespace, services: Services) -> int:
    uit = _uitvoerpad(args, services, (".pdf",))
    _schrijven(uit, services.overzichten.jaaroverzicht_pdf(args.schooljaar),
               f"Het jaaroverzicht {args.schooljaar}-{args.schooljaar + 1}")
    return 0


def cmd_rapport_lijstbespreking(args: argparse.Namespace, services: Services) -> int:
    uit = _uitvoerpad(args, services, (".pdf",))
    _schrijven(uit, services.overzichten.lijstbespreking_pdf(), "De lijstbespreking")
    return 0


def cmd_rapport_kwartaal(args: argparse.Namespace, services: Services) -> int:
    uit = _uitvoerpad(args, services, (".xlsx", ".csv", ".pdf"))  # the kind of file follows from the extension
    overzicht = services.kwartaal.overzicht(args.kwartaal)
    if not overzicht.swv:
        print("let op: het samenwerkingsverband is niet ingevuld, dus die kolom blijft leeg. Vul het in bij "
              "Instellingen › School.", file=sys.stderr)
    _schrijven(uit, services.kwartaal.export(overzicht, uit.suffix.lower()),
               f"Het kwartaaloverzicht {args.kwartaal} ({len(overzicht.rijen)} leerlingen)")
    return 0


def _uitvoerpad(args: argparse.Namespace, services: Services, extensies: tuple[str, ...]) -> Path:
    """`args.uit` when a file may be written there (services/uitvoer.py): checked before the work is done."""
    return uitvoer.uitvoerpad(args.uit, extensies=extensies, beschermd=uitvoer.beschermde_mappen(services),
                              overschrijven=args.overschrijven)


def _schrijven(uit: Path, data: bytes, wat: str) -> None:
    uitvoer.schrijf(uit, data)
    print(f"{wat} staat in {uit}.")


def cmd_plan_pdf(args: argparse.Namespace, services: Services) -> int:
    uit = _uitvoerpad(args, services, (".pdf",))
    plan = services.plannen.voor_leerling(args.leerlingnummer, args.versie)
    uitvoer.schrijf(uit, services.plannen.pdf(plan.id))
    print(f"Plan van aanpak versie {plan.versie} ({plan.status.label.lower()}) opgeslagen in {uit}.")
    return 0


def _d(x) -> str:
    return f"{x:%d-%m-%Y}" if x else "–"


def _dossier_tekst(dossier) -> list[str]:
    ll = dossier.leerling
    uit = [f"Dossier van {ll.naam} (leerlingnummer {ll.leerlingnummer})",
           f"Gemaakt op {dossier.gemaakt:%d-%m-%Y %H:%M}", "", "LEERLING",
           f"  Geboortedatum: {_d(ll.geboortedatum)}",
           f"  Klas: {ll.klas or '–'}; mentor: {ll.mentor or '–'}",
           f"  Ingeschreven: {_d(ll.inschrijfdatum)}" + (f"; uitgeschreven: {_d(ll.uitschrijfdatum)}"
                                                          f" ({ll.bestemming or 'geen bestemming'})"
                                                          if ll.uitschrijfdatum else "")]
    if ll.bsn or ll.onderwijsnummer:
        uit.append(f"  BSN: {ll.bsn or '–'}; onderwijsnummer: {ll.onderwijsnummer or '–'}")
    uit += ["", "OUDERS EN VERZORGERS"]
    uit += [f"  - {o.naam} ({o.relatie.value}{', gezag' if o.gezag else ''}): telefoon {o.telefoon or '–'}, "
            f"e-mail {o.email or '–'}" for o in ll.ouders] or ["  Geen."]
    uit += ["", "VRIJSTELLINGEN"]
    uit += [f"  - {v.type.label}: van {_d(v.van)} tot en met {_d(v.tot)}" for v in ll.vrijstellingen] or ["  Geen."]
    uit += ["", "TRAJECTEN"]
    if not dossier.trajecten:
        uit.append("  Geen.")
    for td in dossier.trajecten:
        t = td.traject
        status = "open" if t.is_open else f"gesloten op {_d(t.gesloten)}: {t.sluitreden.label}"
        uit.append(f"  Traject {t.categorie.label.lower()} – geopend {_d(t.geopend)}, {status}, stap {int(t.stap)}")
        if t.signaal:
            uit.append(f"    Vanuit signaal: {t.signaal.label} ({_d(t.signaal_datum)})")
        if t.aanleiding:
            uit.append(f"    Aanleiding: {t.aanleiding}")
        if t.sluittoelichting:
            uit.append(f"    Toelichting bij sluiten: {t.sluittoelichting}")
        uit.append(f"    Casusregisseur: {t.eigenaar.naam if t.eigenaar else '–'}")
        for w in t.stapwissels:
            uit.append(f"    {_d(w.datum)}: van stap {int(w.van)} naar stap {int(w.naar)} ({w.door or 'onbekend'})")
        for stap in td.stappen:
            uit.append(f"    Stap {int(stap.stap)}: {stap.titel}{' (huidige stap)' if stap.huidig else ''}")
            for r in stap.regels:
                extra = ""
                if r.automatisch:
                    extra = f" – {r.bewijs} (automatisch)"
                elif r.gedaan:
                    extra = f" – {_d(r.datum)}" + (f", {r.door}" if r.door else "") + (f": {r.notitie}" if r.notitie else "")
                uit.append(f"      [{'x' if r.gedaan else ' '}] {r.item.label}{extra}")
        a = td.analyse
        if a.ingevuld or a.verzuimtype or a.kearney_functie:
            uit.append("    Analyse:")
            for domein, f in a.factoren.items():
                if f.risico or f.beschermend:
                    uit.append(f"      {domein.label}: risico: {f.risico or '–'}; beschermend: {f.beschermend or '–'}")
            if a.verzuimtype:
                uit.append(f"      Verzuimtype: {a.verzuimtype.label}")
            if a.kearney_functie:
                uit.append(f"      Functie van het verzuim: {a.kearney_functie.label}")
        for tt in td.toestemmingen:
            uit.append(f"    Toestemming ouders voor {tt.organisatie}: {'ja' if tt.gegeven else 'nee'} ({_d(tt.datum)})")
        for n in t.nazorg:
            klaar = f" – gedaan {_d(n.gedaan)}" + (f": {n.notitie}" if n.notitie else "") if n.gedaan else ""
            uit.append(f"    Nazorg {_d(n.datum)}: {n.omschrijving}{klaar}")
        for p in td.plannen:
            akkoord = f", akkoord {p.akkoord.naam} ({p.akkoord.rol.label.lower()})" if p.akkoord else ""
            uit.append(f"    Plan van aanpak versie {p.versie}: {p.status.label.lower()} {_d(p.datum)}{akkoord}")
            for doel in p.doelen:
                uit.append(f"      Doel: {doel.omschrijving} (uiterlijk {_d(doel.datum)})")
                uit += [f"        Evaluatie {_d(e.datum)}: {e.uitkomst.label.lower()}" + (f" – {e.notitie}" if e.notitie
                                                                                         else "")
                        for e in doel.evaluaties]
    uit += ["", "GESPREKKEN"]
    uit += [f"  - {_d(g.datum)} {g.type.label}{' (vertrouwelijk)' if g.vertrouwelijk else ''}"
            f"{f', door {g.door}' if g.door else ''}: {g.samenvatting}"
            + "".join(f"\n      Afspraak: {a.tekst}" for a in g.afspraken)
            for g in dossier.gesprekken] or ["  Geen."]
    uit += ["", "MDO'S"]
    if not dossier.mdos:
        uit.append("  Geen.")
    for mdo in dossier.mdos:
        uit.append(f"  - MDO {_d(mdo.datum)}{' (vertrouwelijk)' if mdo.vertrouwelijk else ''}")
        if mdo.deelnemers:
            uit.append("      Deelnemers: " + ", ".join(
                f"{d.naam} ({d.rol.label}{', ' + d.organisatie if d.organisatie else ''})" for d in mdo.deelnemers))
        if mdo.verslag:
            uit.append(f"      Verslag: {mdo.verslag}")
        uit += [f"      Besluit {b.nummer}: {b.tekst}" for b in mdo.besluiten]
        uit += [f"      Actiepunt: {a.wat} – {a.wie.naam}, uiterlijk {_d(a.uiterlijk)} ({a.status.label.lower()})"
                for a in mdo.actiepunten]
    overig = [a for a in dossier.actiepunten if a.mdo_id is None]
    uit += ["", "OVERIGE ACTIEPUNTEN"]
    uit += [f"  - {a.wat} – {a.wie.naam}, uiterlijk {_d(a.uiterlijk)} ({a.status.label.lower()})"
            for a in overig] or ["  Geen."]
    uit += ["", "SIGNALEN"]
    uit += [f"  - {_d(s.datum)} {s.soort.label}: {s.uitleg}" for s in dossier.signalen] or ["  Geen."]
    uit += ["", "VERZUIMMELDINGEN BIJ DUO"]
    uit += [f"  - {_d(md.datum)} {md.soort.label} (verzuim t/m {_d(md.einddatum)})"
            f"{f', kenmerk {md.kenmerk}' if md.kenmerk else ''}" for md in dossier.meldingen] or ["  Geen."]
    uit += ["", "M@ZL-ACTIES"]
    uit += [f"  - {_d(a.datum)}{f': {a.opmerking}' if a.opmerking else ''}" for a in dossier.mazl_acties] or ["  Geen."]
    uit += ["", "VERZUIM"]
    uit += [f"  - {_d(p.van)} t/m {_d(p.tot)}: {p.detail}" for p in dossier.verzuim] or ["  Geen."]
    uit += ["", "WIE HET DOSSIER HEEFT GEBRUIKT"]
    uit += [f"  - {g.wie}: {g.actie} {g.wat} ({g.aantal}×, {_d(g.eerste)} – {_d(g.laatste)})"
            for g in dossier.gebruik] or ["  Niemand."]
    for o in dossier.avg:  # the art. 15 information
        uit += ["", o.kop.upper(), *(f"  {a}" for a in o.alineas), *(f"  - {p}" for p in o.punten)]
    return uit


def cmd_backup(args: argparse.Namespace, services: Services) -> int:
    info = services.backups.maken(args.naar)
    print(f"Back-up gemaakt: {info.pad} ({info.samenvatting}).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Works on a database that does not open too (damaged, truncated, no key file): the backup is then
    opened with the user's own password, must be of this database (its id), and what it replaces is kept."""
    from .domain.errors import DatabaseOnleesbaar
    from .services.backups import lees, terugzetten_bij_start

    if not args.bestand.is_file():
        raise CliFout(f"Het bestand {args.bestand} bestaat niet.")
    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent.")
    path = session.database_path(paths.data_dir(args.data_dir))
    wachtwoord = _password(f"Wachtwoord voor {args.gebruiker}: ")
    services = None
    if session.database_exists(path):
        try:
            services = session.login(path, args.gebruiker, wachtwoord)
        except DatabaseOnleesbaar as exc:
            print(f"{exc}\nDe back-up wordt geopend met uw eigen wachtwoord; wat er nu staat, blijft bewaard.",
                  file=sys.stderr)
    try:  # checked with this database's key when it opens; otherwise restore checks it before replacing
        info = services.backups.voorbeeld(args.bestand) if services else lees(args.bestand)
        wanneer = f"{info.gemaakt:%d-%m-%Y %H:%M}"
        print(f"Back-up van {wanneer}: {info.samenvatting}.")
        if not args.ja:
            if not sys.stdin.isatty():
                raise CliFout("Terugzetten vervangt de database. Bevestig met --ja.")
            bewaard = ("Eerst wordt een back-up gemaakt van hoe het nu is." if services else
                       "Wat er nu staat, blijft bewaard naast de database.")
            antwoord = input(f"Wat na {wanneer} is ingevoerd, staat niet in deze back-up. {bewaard} "
                             "Terugzetten? [j/N] ")
            if antwoord.strip().lower() not in ("j", "ja"):
                print("Niets veranderd.")
                return 1
        if services:
            info = services.backups.terugzetten(args.bestand)
        else:
            info = terugzetten_bij_start(args.bestand, path, args.gebruiker, wachtwoord)
    finally:
        if services:
            services.close()
    print(f"Back-up van {info.gemaakt:%d-%m-%Y %H:%M} teruggezet ({info.samenvatting}).")
    if info.bewaard:
        print(f"Wat er stond, is bewaard als {min(info.bewaard).name} (met het sleutelbestand ernaast).")
    return 0


def cmd_gebruiker_toevoegen(args: argparse.Namespace, services: Services) -> int:
    wachtwoord = _nieuw_wachtwoord(args.naam)
    klassen = [k for k in args.klassen.split(",") if k.strip()]
    rij = services.gebruikers.toevoegen(args.naam, args.rol, klassen, wachtwoord, wachtwoord)
    extra = f" voor {', '.join(rij.klassen)}" if rij.klassen else ""
    print(f"Gebruiker {rij.naam} toegevoegd als {rij.rol.label.lower()}{extra}.")
    return 0


def cmd_gebruiker_lijst(args: argparse.Namespace, services: Services) -> int:
    rijen = services.gebruikers.lijst()
    if args.json:
        print_json([r.to_dict() for r in rijen])
        return 0
    for r in rijen:
        print("\t".join([r.naam, r.rol.label, ",".join(r.klassen) or "-", "actief" if r.actief else "uitgeschakeld"]))
    return 0


def cmd_overzicht(args: argparse.Namespace, services: Services | Lezersessie) -> int:
    """Alleen-lezen: the overview a zorgcoördinator's session wrote; a zorgcoördinator: the same, made now."""
    overzicht = services.overzicht() if isinstance(services, Lezersessie) else services.lezersoverzicht.maken()
    if args.json:
        print_json(overzicht.to_dict())
        return 0
    print(f"{overzicht.school} – bijgewerkt op {overzicht.gemaakt:%d-%m-%Y %H:%M}. Aantallen van 1 tot en met 4 "
          f"staan er als '{MINDER_DAN}'.")
    for tabel in overzicht.tabellen:
        print(f"\n{tabel.titel}")
        rijen = [list(tabel.kolommen)] + [[str(r[0]), *(cel(w) for w in r[1:])] for r in tabel.rijen]
        breedtes = [max(len(r[k]) for r in rijen) for k in range(len(tabel.kolommen))]
        for rij in rijen:
            print("  ".join(w.ljust(b) if k == 0 else w.rjust(b) for k, (w, b) in enumerate(zip(rij, breedtes,
                                                                                                 strict=True))))
    return 0


def cmd_gebruiker_wachtwoord(args: argparse.Namespace, services: Services | Lezersessie) -> int:
    nieuw = _nieuw_wachtwoord(services.gebruiker.naam)
    if isinstance(services, Lezersessie):
        services.wachtwoord_wijzigen(_password("Huidig wachtwoord: "), nieuw, nieuw)
    else:
        services.gebruikers.wachtwoord_wijzigen(_password("Huidig wachtwoord: "), nieuw, nieuw)
    print("Uw wachtwoord is gewijzigd. Log voortaan in met het nieuwe wachtwoord.")
    return 0


OUDE_BACKUPS = ("opnieuw-versleutelen", "verwijderen", "laten-staan")


def cmd_gebruiker_uitschakelen(args: argparse.Namespace, services: Services) -> int:
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


def cmd_audit_verify(args: argparse.Namespace, services: Services) -> int:
    uitslag = services.audit.controleren()
    print(uitslag.melding, file=sys.stdout if uitslag.ok else sys.stderr)
    return 0 if uitslag.ok else 1


def cmd_audit_verzegelen(args: argparse.Namespace, services: Services) -> int:
    uitslag = services.audit.verzegelen()
    if uitslag.ok:
        print(f"{uitslag.melding} Het is opnieuw verzegeld.")
    else:
        print(f"Vastgelegd in het auditlog: {uitslag.melding} Vanaf nu wordt met het log zoals het nu is "
              "vergeleken.")
    return 0


def cmd_audit_lijst(args: argparse.Namespace, services: Services) -> int:
    rijen = services.audit.lijst(gebruiker=args.door, leerlingnummer=args.leerling, van=args.van, tot=args.tot)
    if args.json:
        print_json([r.to_dict() for r in rijen])
        return 0
    for r in rijen:
        leerling = f"{r.leerling} ({r.leerlingnummer})" if r.leerlingnummer else r.leerling
        print("  ".join(x for x in (f"{r.tijd:%d-%m-%Y %H:%M}", r.gebruiker, r.actie, leerling, r.wat) if x))
    return 0


def cmd_bewaartermijnen(args: argparse.Namespace, services: Services) -> int:
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
        print(f"{r.leerlingnummer:>10}  {r.naam}  uitgeschreven {r.uitschrijfdatum:%d-%m-%Y}  {wat}")
    if voorstel.leeg:
        print(voorstel.samenvatting())
    elif args.opruimen:
        print(f"Definitief verwijderd: {aantallen_tekst(dict(voorstel.aantallen))}.")
    else:
        print(voorstel.samenvatting() + " Verwijder het met --opruimen.")
    return 0


def _nieuw_wachtwoord(naam: str) -> str:
    """For another user (or one's own new one): THUISZIT_NIEUW_WACHTWOORD, or asked twice at a terminal."""
    wachtwoord = os.environ.get("THUISZIT_NIEUW_WACHTWOORD")
    if wachtwoord is not None:
        return wachtwoord
    if not sys.stdin.isatty():
        raise CliFout("Geef het nieuwe wachtwoord in de omgevingsvariabele THUISZIT_NIEUW_WACHTWOORD.")
    eerste = getpass.getpass(f"Nieuw wachtwoord voor {naam}: ")
    if getpass.getpass("Nog een keer: ") != eerste:
        raise CliFout("De twee wachtwoorden zijn niet gelijk.")
    return eerste


# --- plumbing -------------------------------------------------------------------------------------

def _password(prompt: str) -> str:
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD")
    if wachtwoord is not None:
        return wachtwoord
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise CliFout("Geef het wachtwoord in de omgevingsvariabele THUISZIT_WACHTWOORD.")


def _new_password(naam: str) -> str:
    wachtwoord = os.environ.get("THUISZIT_WACHTWOORD")
    if wachtwoord is not None:
        return wachtwoord
    if not sys.stdin.isatty():
        raise CliFout("Geef het wachtwoord in de omgevingsvariabele THUISZIT_WACHTWOORD.")
    eerste = getpass.getpass(f"Nieuw wachtwoord voor {naam}: ")
    if getpass.getpass("Nog een keer: ") != eerste:
        raise CliFout("De twee wachtwoorden zijn niet gelijk.")
    return eerste


def _login(args: argparse.Namespace, lezend: bool = False) -> Services | Lezersessie:
    if not args.gebruiker:
        raise CliFout("Geef met --gebruiker NAAM aan wie u bent.")
    path = session.database_path(paths.data_dir(args.data_dir))
    if not session.database_exists(path):
        raise CliFout(f"Er is nog geen database in {path.parent}. Maak er een met 'thuiszit-desktop init'.")
    services = session.aanmelden(path, args.gebruiker, _password(f"Wachtwoord voor {args.gebruiker}: "),
                                 lezend=lezend)
    for waarschuwing in getattr(services, "waarschuwingen", ()):  # e.g. gebruiker rows changed outside the program
        print(f"Let op: {waarschuwing}", file=sys.stderr)
    return services


def _auditlog_melden(args: argparse.Namespace, services: Services) -> None:
    """What the check at the start found, on stderr before the command's own output (every command)."""
    uitslag = services.audit.uitslag
    if uitslag.ok or getattr(args, "zegt_auditlog", False):
        return
    if services.gebruiker.rol == Rol.ZORGCOORDINATOR:
        wat = ("Zoek uit wat er is gebeurd ('audit verify', 'audit lijst', de back-ups); daarna legt "
               "'audit verzegelen' het vast.")
    else:
        wat = "Meld dit aan de zorgcoördinator."
    print(f"Let op: {uitslag.melding} {wat}", file=sys.stderr)


def _login_vastleggen(services: Services) -> None:
    """A reading command's login entry, written when it is done (it started without the write lock)."""
    try:
        session.login_vastleggen(services)
    except DatabaseFout as exc:
        print(f"Let op: deze aanmelding kon niet in het auditlog worden gezet. {exc}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    command: Callable = args.run
    try:
        if getattr(args, "needs_login", False):
            # A command that only reads starts even while another program holds the database's write lock.
            lezend = getattr(args, "lezend", False) and not getattr(args, "opruimen", False)
            services = _login(args, lezend)
            if isinstance(services, Lezersessie):  # alleen-lezen: no database, only the overview
                try:
                    if not getattr(args, "lezer", False):
                        raise CliFout("Met de rol alleen-lezen ziet u alleen de aantallen voor de hele school, "
                                      "zonder namen: 'thuiszit-desktop overzicht --gebruiker NAAM'.")
                    return command(args, services)
                finally:
                    services.close()
            try:
                _auditlog_melden(args, services)
                code = command(args, services)
                if lezend:
                    _login_vastleggen(services)
                return code
            finally:
                services.close()
        return command(args)
    except BrokenPipeError:  # `… | head`: the reader has what it wanted; stop quietly
        _stdout_dicht()
        return 0
    except InvoerFout as exc:
        for veld, melding in exc.fouten.items():
            print(_met_optie(args, veld, melding), file=sys.stderr)
        return 1
    except (CliFout, *USER_ERRORS) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # the disk or another program: a Dutch sentence, never a traceback
        fout = fouten.vertaal(exc, paths.data_dir(args.data_dir))
        if fout is None and not isinstance(exc, OSError):
            raise  # a bug
        print(str(fout) if fout else f"Er ging iets mis met een bestand{_bestand(exc)}: {exc.strerror or exc}. "
              "Controleer of de map bestaat en bereikbaar is, en probeer het opnieuw.", file=sys.stderr)
        return 1


def _bestand(exc: OSError) -> str:
    return f" ({exc.filename})" if getattr(exc, "filename", None) else ""


def _stdout_dicht() -> None:
    """After a closed pipe: send what is still buffered nowhere, so exiting does not complain about it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (tests)
        pass


def _met_optie(args: argparse.Namespace, veld: str, melding: str) -> str:
    """The option to fix before the message ("--brin: …"); a label for people ("regel 3") stays; an internal
    field name ("kwartaal") never shows."""
    opties = getattr(args, "opties", {})
    if veld in opties:
        return f"{opties[veld]}: {melding}"
    return melding if not veld or veld.isidentifier() else f"{veld}: {melding}"


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
