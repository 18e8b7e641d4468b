"""The role matrix: every public method of every service in the Services bundle, called for real on an
encrypted database by four users – the zorgcoördinator, a mentor about a student of their own klas, the
same mentor about a student of another klas, and alleen-lezen – with the outcome each must get:

    JA         it runs (the data comes back)
    NEE        GeenToegang, before anything is read or written
    GEFILTERD  a list narrowed to the students the user may see (checked by leerlingnummer)

A service method without an entry in MATRIX fails `test_every_service_method_is_in_the_matrix`: add
the new method to MATRIX (and its rule to services/toegang.py REGELS) – that is the one place.

Each call runs inside a transaction that is rolled back afterwards, so one fixture serves them all.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop.domain.errors import GeenToegang
from thuiszit_desktop.domain.gebruiker import Gebruiker, Profiel, Rol
from thuiszit_desktop.domain.gesprek import Gesprek
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.mdo import Partner
from thuiszit_desktop.domain.plan import Akkoord, Doel, PlanStatus
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.traject import ActiepuntStatus, Analyse, Categorie, GesprekType, Persoon, Stap
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.services import session, toegang
from thuiszit_desktop.services.ongedaan import Verwijderd

VANDAAG = date(2026, 11, 23)
ZORG, EIGEN, ANDER, LEZER = "zorgcoördinator", "mentor, eigen klas", "mentor, andere klas", "alleen-lezen"
ROLLEN = (ZORG, EIGEN, ANDER, LEZER)
JA, NEE, GEFILTERD = "ja", "nee", "gefilterd"
WACHTWOORDEN = {ZORG: WACHTWOORD, EIGEN: "Mentor-ww-2026!", ANDER: "Mentor-ww-2026!", LEZER: "Lezer-ww-2026!"}


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


# --- the expectations --------------------------------------------------------------------------------

IEDEREEN = {ZORG: JA, EIGEN: JA, ANDER: JA, LEZER: JA}
ALLEEN_ZORG = {ZORG: JA, EIGEN: NEE, ANDER: NEE, LEZER: NEE}
EIGEN_KLAS = {ZORG: JA, EIGEN: JA, ANDER: NEE, LEZER: NEE}  # zorgcoördinator, and a mentor for own students
TEAM = {ZORG: JA, EIGEN: JA, ANDER: JA, LEZER: NEE}  # no student data, but not for alleen-lezen
TELLINGEN = {ZORG: JA, EIGEN: NEE, ANDER: NEE, LEZER: JA}  # anonymous counts
LIJST = {ZORG: JA, EIGEN: GEFILTERD, ANDER: GEFILTERD, LEZER: GEFILTERD}


@dataclass(frozen=True)
class Geval:
    """`roep(services, x)`: x holds the ids of the target student (own klas; the other klas for ANDER).
    `nummers(result)`: the leerlingnummers a list shows, for GEFILTERD. `fout_ok`: the arguments are
    placeholders (a file that is not there), so a Dutch error counts as "allowed" too."""

    roep: Callable[[Any, Any], Any]
    verwacht: dict[str, str]
    nummers: Callable[[Any], set[str]] | None = None
    fout_ok: bool = False


def nrs(result) -> set[str]:
    return {x.leerlingnummer for x in result}


GEEN = Path("/niet/bestaand/bestand.csv")

MATRIX: dict[str, Geval] = {
    # --- school, calendar, settings: no student data ---
    "school.get": Geval(lambda s, x: s.school.get(), IEDEREEN),
    "school.logo": Geval(lambda s, x: s.school.logo(), IEDEREEN),
    "school.opslaan": Geval(lambda s, x: s.school.opslaan(SCHOOL), ALLEEN_ZORG),
    "school.logo_opslaan": Geval(lambda s, x: s.school.logo_opslaan(None), ALLEEN_ZORG),
    "school.logo_verwijderen": Geval(lambda s, x: s.school.logo_verwijderen(), ALLEEN_ZORG, fout_ok=True),
    "school.lesuurtijden": Geval(lambda s, x: s.school.lesuurtijden(), IEDEREEN),
    "school.lesuurtijden_opslaan": Geval(lambda s, x: s.school.lesuurtijden_opslaan([("8:30", "9:20")]),
                                         ALLEEN_ZORG),
    "kalender.calendar": Geval(lambda s, x: s.kalender.calendar(), IEDEREEN),
    "kalender.jaar": Geval(lambda s, x: s.kalender.jaar(2026), IEDEREEN),
    "kalender.vrije_dagen": Geval(lambda s, x: s.kalender.vrije_dagen(), IEDEREEN),
    "kalender.aangepaste_vakanties": Geval(lambda s, x: s.kalender.aangepaste_vakanties(), IEDEREEN),
    "kalender.officiele_vakanties": Geval(lambda s, x: s.kalender.officiele_vakanties(), IEDEREEN),
    "kalender.vrije_dagen_toevoegen": Geval(lambda s, x: s.kalender.vrije_dagen_toevoegen(d(4, 12), d(4, 12),
                                                                                          "Studiedag"), ALLEEN_ZORG),
    "kalender.vrije_dag_verwijderen": Geval(lambda s, x: s.kalender.vrije_dag_verwijderen(d(3, 12)), ALLEEN_ZORG),
    "kalender.vrije_dagen_voorbeeld": Geval(lambda s, x: s.kalender.vrije_dagen_voorbeeld(GEEN), ALLEEN_ZORG,
                                            fout_ok=True),
    "kalender.vrije_dagen_importeren": Geval(lambda s, x: s.kalender.vrije_dagen_importeren(GEEN), ALLEEN_ZORG,
                                             fout_ok=True),
    "kalender.vrije_dagen_import": Geval(lambda s, x: s.kalender.vrije_dagen_import(GEEN), ALLEEN_ZORG,
                                         fout_ok=True),
    "kalender.vakantie_aanpassen": Geval(lambda s, x: s.kalender.vakantie_aanpassen("2026-2027", "herfstvakantie",
                                                                                    d(19, 10), d(23, 10)),
                                         ALLEEN_ZORG, fout_ok=True),
    "kalender.vakantie_herstellen": Geval(lambda s, x: s.kalender.vakantie_herstellen("2026-2027", "herfstvakantie"),
                                          ALLEEN_ZORG, fout_ok=True),
    "kalender.eigen_vakantie_invoeren": Geval(lambda s, x: s.kalender.eigen_vakantie_invoeren(
        2030, "herfstvakantie", d(14, 10, 2030), d(18, 10, 2030)), ALLEEN_ZORG, fout_ok=True),
    "kalender.eigen_vakantie_verwijderen": Geval(lambda s, x: s.kalender.eigen_vakantie_verwijderen(
        2030, "herfstvakantie"), ALLEEN_ZORG, fout_ok=True),
    "vergrendeling.minuten": Geval(lambda s, x: s.vergrendeling.minuten(), IEDEREEN),
    "vergrendeling.minuten_opslaan": Geval(lambda s, x: s.vergrendeling.minuten_opslaan(10), ALLEEN_ZORG),
    "vergrendeling.controleer_wachtwoord": Geval(lambda s, x: s.vergrendeling.controleer_wachtwoord(x.wachtwoord),
                                                 IEDEREEN),
    "concepten.lees": Geval(lambda s, x: s.concepten.lees("gesprek", x.nummer), IEDEREEN),
    "concepten.bewaar": Geval(lambda s, x: s.concepten.bewaar("gesprek", x.nummer, {"samenvatting": "Half af"}),
                              IEDEREEN),
    "concepten.verwijder": Geval(lambda s, x: s.concepten.verwijder("gesprek", x.nummer), IEDEREEN),
    "concepten.opruimen": Geval(lambda s, x: s.concepten.opruimen(), IEDEREEN),
    "concepten.wachtend": Geval(lambda s, x: s.concepten.wachtend(), IEDEREEN),
    "concepten.naar_server": Geval(lambda s, x: s.concepten.naar_server(), IEDEREEN),
    # --- the register ---
    "leerlingen.lijst": Geval(lambda s, x: s.leerlingen.lijst(VANDAAG), LIJST, nrs),
    "leerlingen.get": Geval(lambda s, x: s.leerlingen.get(x.nummer), EIGEN_KLAS),
    "leerlingen.klassen": Geval(lambda s, x: s.leerlingen.klassen(), IEDEREEN),
    "leerlingen.mentoren": Geval(lambda s, x: s.leerlingen.mentoren(), TEAM),
    "leerlingen.opslaan": Geval(lambda s, x: s.leerlingen.opslaan(x.leerling, VANDAAG), ALLEEN_ZORG),
    "leerlingen.bewaren": Geval(lambda s, x: s.leerlingen.bewaren(), IEDEREEN),
    "importeren.kolommen": Geval(lambda s, x: s.importeren.kolommen(GEEN, "leerlingen"), ALLEEN_ZORG, fout_ok=True),
    "importeren.leerlingen": Geval(lambda s, x: s.importeren.leerlingen(GEEN), ALLEEN_ZORG, fout_ok=True),
    "importeren.leerlingen_voorbeeld": Geval(lambda s, x: s.importeren.leerlingen_voorbeeld(GEEN), ALLEEN_ZORG,
                                             fout_ok=True),
    # --- signals and verzuim ---
    "signalen.bijgewerkt_tot": Geval(lambda s, x: s.signalen.bijgewerkt_tot(), IEDEREEN),
    "signalen.standaard_peildatum": Geval(lambda s, x: s.signalen.standaard_peildatum(), IEDEREEN),
    "signalen.instellingen": Geval(lambda s, x: s.signalen.instellingen(), IEDEREEN),
    "signalen.overzicht": Geval(lambda s, x: s.signalen.overzicht(VANDAAG), LIJST,
                                lambda o: {n.leerlingnummer for n in o.niveaus} - {""}),
    "signalen.overzicht(leerling)": Geval(lambda s, x: s.signalen.overzicht(VANDAAG, x.nummer), EIGEN_KLAS),
    "signalen.besprekingen": Geval(lambda s, x: s.signalen.besprekingen(x.nummer), EIGEN_KLAS),
    "signalen.bespreken": Geval(lambda s, x: s.signalen.bespreken(x.nummer, SignaalSoort.THUISZITTER, d(2, 11),
                                                                  "Besproken met ouders"), EIGEN_KLAS),
    "signalen.drempels_opslaan": Geval(lambda s, x: s.signalen.drempels_opslaan(4.0, 9.0), ALLEEN_ZORG),
    "verzuim.codes": Geval(lambda s, x: s.verzuim.codes(), IEDEREEN),
    "verzuim.codes_opslaan": Geval(lambda s, x: s.verzuim.codes_opslaan({"Z": Reden.ZIEK}), ALLEEN_ZORG),
    "verzuim.codes_standaard": Geval(lambda s, x: s.verzuim.codes_standaard(), ALLEEN_ZORG),
    "verzuim.voorbeeld": Geval(lambda s, x: s.verzuim.voorbeeld(GEEN), ALLEEN_ZORG, fout_ok=True),
    "verzuim.importeren": Geval(lambda s, x: s.verzuim.importeren(GEEN), ALLEEN_ZORG, fout_ok=True),
    "verzuim.dagen": Geval(lambda s, x: s.verzuim.dagen(x.nummer, d(1, 11), d(30, 11)), EIGEN_KLAS),
    "verzuim.handmatig": Geval(lambda s, x: s.verzuim.handmatig(x.nummer), EIGEN_KLAS),
    "verzuim.meldingen": Geval(lambda s, x: s.verzuim.meldingen(x.nummer), EIGEN_KLAS),
    "verzuim.mazl_acties": Geval(lambda s, x: s.verzuim.mazl_acties(x.nummer), EIGEN_KLAS),
    "verzuim.invoeren": Geval(lambda s, x: s.verzuim.invoeren(x.nummer, d(9, 11), None, Reden.VERLOF,
                                                              vandaag=VANDAAG), ALLEEN_ZORG),
    "verzuim.verwijderen": Geval(lambda s, x: s.verzuim.verwijderen(x.record), ALLEEN_ZORG),
    "verzuim.melding_registreren": Geval(lambda s, x: s.verzuim.melding_registreren(
        x.nummer, d(20, 11), d(19, 11), MeldingSoort.LRV, vandaag=VANDAAG), ALLEEN_ZORG),
    "verzuim.mazl_registreren": Geval(lambda s, x: s.verzuim.mazl_registreren(x.nummer, d(20, 11), "Gebeld",
                                                                              vandaag=VANDAAG), ALLEEN_ZORG),
    "verzuim.standaard_einddatum": Geval(lambda s, x: s.verzuim.standaard_einddatum(d(20, 11)), ALLEEN_ZORG),
    "verzuim.actie_verwijderen": Geval(lambda s, x: s.verzuim.actie_verwijderen("mazl", x.mazl), ALLEEN_ZORG),
    # --- the traject services: reading ---
    "trajecten.get": Geval(lambda s, x: s.trajecten.get(x.traject), EIGEN_KLAS),
    "trajecten.trajecten": Geval(lambda s, x: s.trajecten.trajecten(x.nummer), EIGEN_KLAS),
    "trajecten.open_traject": Geval(lambda s, x: s.trajecten.open_traject(x.nummer), EIGEN_KLAS),
    "trajecten.lijst": Geval(lambda s, x: s.trajecten.lijst(), LIJST, nrs),
    "trajecten.checklist": Geval(lambda s, x: s.trajecten.checklist(x.traject), EIGEN_KLAS),
    "trajecten.nog_open": Geval(lambda s, x: s.trajecten.nog_open(x.traject), EIGEN_KLAS),
    "gesprekken.gesprek": Geval(lambda s, x: s.gesprekken.gesprek(x.gesprek), EIGEN_KLAS),
    "gesprekken.gesprekken": Geval(lambda s, x: s.gesprekken.gesprekken(x.nummer), EIGEN_KLAS),
    "mdo.mdo": Geval(lambda s, x: s.mdo.mdo(x.mdo), EIGEN_KLAS),
    "mdo.mdos": Geval(lambda s, x: s.mdo.mdos(x.traject), EIGEN_KLAS),
    "actiepunten.actiepunt": Geval(lambda s, x: s.actiepunten.actiepunt(x.actiepunt), EIGEN_KLAS),
    "actiepunten.actiepunten": Geval(lambda s, x: s.actiepunten.actiepunten(x.nummer), EIGEN_KLAS),
    "actiepunten.open_actiepunten": Geval(lambda s, x: s.actiepunten.open_actiepunten(), LIJST, nrs),
    "actiepunten.mijn_actiepunten": Geval(lambda s, x: s.actiepunten.mijn_actiepunten(), IEDEREEN),
    "actiepunten.open_actiepunten_per_eigenaar": Geval(
        lambda s, x: s.actiepunten.open_actiepunten_per_eigenaar(), LIJST,
        lambda r: {a.leerlingnummer for v in r.values() for a in v}),
    "tijdlijn.herinneringen": Geval(lambda s, x: s.tijdlijn.herinneringen(vandaag=VANDAAG), LIJST, nrs),
    "partners.partners": Geval(lambda s, x: s.partners.partners(), TEAM),
    "partners.personen": Geval(lambda s, x: s.partners.personen(), TEAM),
    "trajecten.analyse": Geval(lambda s, x: s.trajecten.analyse(x.traject), ALLEEN_ZORG),
    "tijdlijn.tijdlijn": Geval(lambda s, x: s.tijdlijn.tijdlijn(x.nummer), EIGEN_KLAS),
    "inzage.dossier": Geval(lambda s, x: s.inzage.dossier(x.nummer), ALLEEN_ZORG),
    "mdo.toestemmingen": Geval(lambda s, x: s.mdo.toestemmingen(x.traject), EIGEN_KLAS),
    "trajecten.casusregisseur": Geval(lambda s, x: s.trajecten.casusregisseur(x.traject), EIGEN_KLAS),
    "mdo.agenda_voorstel": Geval(lambda s, x: s.mdo.agenda_voorstel(x.traject), ALLEEN_ZORG),
    # --- the traject services: what a mentor may do for their own students ---
    "gesprekken.gesprek_vastleggen": Geval(lambda s, x: s.gesprekken.gesprek_vastleggen(
        x.nummer, GesprekType.TELEFONISCH, d(20, 11), "Moeder gebeld", vandaag=VANDAAG), EIGEN_KLAS),
    "gesprekken.contactmoment": Geval(lambda s, x: s.gesprekken.contactmoment(
        x.nummer, GesprekType.GESPREK_LEERLING, "Even gesproken", vandaag=VANDAAG), EIGEN_KLAS),
    "gesprekken.gesprek_bijwerken": Geval(lambda s, x: s.gesprekken.gesprek_bijwerken(
        x.gesprek, samenvatting="Beter verwoord", vandaag=VANDAAG), EIGEN_KLAS),
    "gesprekken.gesprek_verwijderen": Geval(lambda s, x: s.gesprekken.gesprek_verwijderen(x.gesprek), EIGEN_KLAS),
    "gesprekken.mag_gesprek_weghalen": Geval(lambda s, x: s.gesprekken.mag_gesprek_weghalen(
        Gesprek(x.gesprek, x.nummer, None, GesprekType.TELEFONISCH, d(2, 11), "")),
        IEDEREEN),
    "gesprekken.afspraak_naar_actiepunt": Geval(lambda s, x: s.gesprekken.afspraak_naar_actiepunt(
        x.afspraak, "Mo Mentor", d(1, 12)), EIGEN_KLAS),
    "actiepunten.actiepunt_toevoegen": Geval(lambda s, x: s.actiepunten.actiepunt_toevoegen(
        x.nummer, "Huiswerk regelen", "Mo Mentor", d(5, 12), vandaag=VANDAAG), EIGEN_KLAS),
    "actiepunten.actiepunt_status": Geval(lambda s, x: s.actiepunten.actiepunt_status(
        x.actiepunt, ActiepuntStatus.GEDAAN, vandaag=VANDAAG), EIGEN_KLAS),
    # --- the traject services: the zorgcoördinator's ---
    "trajecten.openen": Geval(lambda s, x: s.trajecten.openen(x.zonder, Categorie.DREIGEND_THUISZITTER, "Zorgen",
                                                              vandaag=VANDAAG), ALLEEN_ZORG),
    "trajecten.openen_vanuit_signaal": Geval(lambda s, x: s.trajecten.openen_vanuit_signaal(
        x.zonder, SignaalSoort.THUISZITTER, d(2, 11), vandaag=VANDAAG), ALLEEN_ZORG),
    "trajecten.bijwerken": Geval(lambda s, x: s.trajecten.bijwerken(x.traject, aanleiding="Anders gezegd"),
                                 ALLEEN_ZORG),
    "trajecten.stap_wijzigen": Geval(lambda s, x: s.trajecten.stap_wijzigen(x.traject, Stap(2), vandaag=VANDAAG),
                                     ALLEEN_ZORG),
    "trajecten.sluiten": Geval(lambda s, x: s.trajecten.sluiten(x.traject, "terug_naar_school", vandaag=VANDAAG),
                               ALLEEN_ZORG, fout_ok=True),
    "trajecten.nazorg_toevoegen": Geval(lambda s, x: s.trajecten.nazorg_toevoegen(x.traject, d(20, 12), "Bellen"),
                                        ALLEEN_ZORG),
    "trajecten.nazorg_wijzigen": Geval(lambda s, x: s.trajecten.nazorg_wijzigen(x.nazorg, d(21, 12), "Mailen"),
                                       ALLEEN_ZORG),
    "trajecten.nazorg_verwijderen": Geval(lambda s, x: s.trajecten.nazorg_verwijderen(x.nazorg), ALLEEN_ZORG),
    "trajecten.nazorg_afronden": Geval(lambda s, x: s.trajecten.nazorg_afronden(x.nazorg, vandaag=VANDAAG),
                                       ALLEEN_ZORG),
    "trajecten.afvinken": Geval(lambda s, x: s.trajecten.afvinken(x.traject, x.item, vandaag=VANDAAG), ALLEEN_ZORG),
    "trajecten.afvinken_ongedaan": Geval(lambda s, x: s.trajecten.afvinken_ongedaan(x.traject, x.item), ALLEEN_ZORG),
    "trajecten.analyse_opslaan": Geval(lambda s, x: s.trajecten.analyse_opslaan(x.traject, Analyse.leeg(),
                                                                                vandaag=VANDAAG), ALLEEN_ZORG),
    "mdo.mdo_vastleggen": Geval(lambda s, x: s.mdo.mdo_vastleggen(x.traject, d(10, 12)), ALLEEN_ZORG),
    "mdo.mdo_bijwerken": Geval(lambda s, x: s.mdo.mdo_bijwerken(x.mdo, verslag="Aangevuld"), ALLEEN_ZORG),
    "mdo.mdo_opslaan": Geval(lambda s, x: s.mdo.mdo_opslaan(x.mdo, verslag="Aangevuld", besluiten=[(None, "Erbij")]),
                             ALLEEN_ZORG),
    "mdo.mdo_verwijderen": Geval(lambda s, x: s.mdo.mdo_verwijderen(x.mdo), ALLEEN_ZORG),
    "mdo.besluit_toevoegen": Geval(lambda s, x: s.mdo.besluit_toevoegen(x.mdo, "Nog een besluit"),
                                         ALLEEN_ZORG),
    "mdo.besluit_wijzigen": Geval(lambda s, x: s.mdo.besluit_wijzigen(x.besluit, "Anders besloten"),
                                        ALLEEN_ZORG),
    "mdo.besluit_verwijderen": Geval(lambda s, x: s.mdo.besluit_verwijderen(x.besluit), ALLEEN_ZORG),
    "mdo.toestemming_vastleggen": Geval(lambda s, x: s.mdo.toestemming_vastleggen(
        x.traject, "GGD", True, d(20, 11), vandaag=VANDAAG), ALLEEN_ZORG),
    "mdo.mdo_actiepunt": Geval(lambda s, x: s.mdo.mdo_actiepunt(x.mdo, "Bellen", "Mo Mentor", d(1, 12)),
                                     ALLEEN_ZORG),
    "actiepunten.actiepunt_wijzigen": Geval(lambda s, x: s.actiepunten.actiepunt_wijzigen(x.actiepunt, wat="Anders"),
                                          ALLEEN_ZORG),
    "actiepunten.actiepunt_verwijderen": Geval(lambda s, x: s.actiepunten.actiepunt_verwijderen(x.actiepunt),
                                             ALLEEN_ZORG),
    "partners.partner_opslaan": Geval(lambda s, x: s.partners.partner_opslaan(
        Partner("Pim Partner", "leerplichtambtenaar", "Gemeente")), ALLEEN_ZORG),
    "partners.partner_verwijderen": Geval(lambda s, x: s.partners.partner_verwijderen(x.partner), ALLEEN_ZORG),
    # --- plannen: a mentor reads vastgestelde plans of their own students ---
    "plannen.catalogus": Geval(lambda s, x: s.plannen.catalogus(), IEDEREEN),
    "plannen.catalogus_opslaan": Geval(lambda s, x: s.plannen.catalogus_opslaan(["Verzuimcoach"]), ALLEEN_ZORG),
    "plannen.get": Geval(lambda s, x: s.plannen.get(x.plan), EIGEN_KLAS),
    "plannen.plan": Geval(lambda s, x: s.plannen.plan(x.traject, 1), EIGEN_KLAS),
    "plannen.versies": Geval(lambda s, x: s.plannen.versies(x.traject), EIGEN_KLAS),
    "plannen.voor_leerling": Geval(lambda s, x: s.plannen.voor_leerling(x.nummer, 1), EIGEN_KLAS),
    "plannen.afdruk": Geval(lambda s, x: s.plannen.afdruk(x.plan), EIGEN_KLAS),
    "plannen.pdf": Geval(lambda s, x: s.plannen.pdf(x.plan), EIGEN_KLAS),
    "plannen.nieuw": Geval(lambda s, x: s.plannen.nieuw(x.traject, vandaag=VANDAAG), ALLEEN_ZORG, fout_ok=True),
    "plannen.opslaan": Geval(lambda s, x: s.plannen.opslaan(x.concept_plan, vandaag=VANDAAG), ALLEEN_ZORG),
    "plannen.concept_verwijderen": Geval(lambda s, x: s.plannen.concept_verwijderen(x.concept), ALLEEN_ZORG),
    "plannen.vaststellen": Geval(lambda s, x: s.plannen.vaststellen(x.concept, d(21, 11),
                                                                    Akkoord("Olga Ouder", d(21, 11)), vandaag=VANDAAG),
                                 ALLEEN_ZORG),
    "plannen.evaluatie_vastleggen": Geval(lambda s, x: s.plannen.evaluatie_vastleggen(x.doel, "behaald",
                                                                                      vandaag=VANDAAG), ALLEEN_ZORG),
    # --- printing ---
    "afdrukken.mdo_kiezen": Geval(lambda s, x: s.afdrukken.mdo_kiezen(x.nummer, vandaag=VANDAAG), EIGEN_KLAS),
    "afdrukken.mdo_pdf": Geval(lambda s, x: s.afdrukken.mdo_pdf(x.nummer, vandaag=VANDAAG), EIGEN_KLAS),
    "afdrukken.dossier_pdf": Geval(lambda s, x: s.afdrukken.dossier_pdf(x.nummer), ALLEEN_ZORG),
    # --- reports: anonymous counts for alleen-lezen too ---
    "kwartaal.standaard_kwartaal": Geval(lambda s, x: s.kwartaal.standaard_kwartaal(VANDAAG), IEDEREEN),
    "kwartaal.overzicht": Geval(lambda s, x: s.kwartaal.overzicht("2026-Q4", vandaag=VANDAAG), TELLINGEN),
    "kwartaal.export": Geval(lambda s, x: s.kwartaal.export(x.kwartaal, ".csv"), TELLINGEN),
    "overzichten.schooljaren": Geval(lambda s, x: s.overzichten.schooljaren(vandaag=VANDAAG), IEDEREEN),
    "overzichten.eerste_verzuimdatum": Geval(lambda s, x: s.overzichten.eerste_verzuimdatum(), IEDEREEN),
    "overzichten.trends": Geval(lambda s, x: s.overzichten.trends(vandaag=VANDAAG), TELLINGEN),
    "overzichten.effecten": Geval(lambda s, x: s.overzichten.effecten(vandaag=VANDAAG), TELLINGEN),
    "overzichten.jaaroverzicht_pdf": Geval(lambda s, x: s.overzichten.jaaroverzicht_pdf(vandaag=VANDAAG), TELLINGEN),
    "overzichten.effect_per_leerling": Geval(lambda s, x: s.overzichten.effect_per_leerling(x.nummer,
                                                                                           vandaag=VANDAAG),
                                             ALLEEN_ZORG),
    "overzichten.lijstbespreking": Geval(lambda s, x: s.overzichten.lijstbespreking(vandaag=VANDAAG), ALLEEN_ZORG),
    "overzichten.lijstbespreking_pdf": Geval(lambda s, x: s.overzichten.lijstbespreking_pdf(vandaag=VANDAAG),
                                             ALLEEN_ZORG),
    # --- the database itself: audit trail, retention, backups, undo ---
    "audit.lijst": Geval(lambda s, x: s.audit.lijst(), ALLEEN_ZORG),
    "audit.gebruikers": Geval(lambda s, x: s.audit.gebruikers(), ALLEEN_ZORG),
    "audit.controleren": Geval(lambda s, x: s.audit.controleren(), ALLEEN_ZORG),
    "audit.bij_start": Geval(lambda s, x: s.audit.bij_start(), IEDEREEN),
    "audit.verzegelen": Geval(lambda s, x: s.audit.verzegelen(), ALLEEN_ZORG),
    "lezersoverzicht.maken": Geval(lambda s, x: s.lezersoverzicht.maken(vandaag=VANDAAG), ALLEEN_ZORG),
    "lezersoverzicht.bijwerken": Geval(lambda s, x: s.lezersoverzicht.bijwerken(vandaag=VANDAAG), ALLEEN_ZORG),
    "bewaren.termijnen": Geval(lambda s, x: s.bewaren.termijnen(), ALLEEN_ZORG),
    "bewaren.termijnen_opslaan": Geval(lambda s, x: s.bewaren.termijnen_opslaan(7, 5), ALLEEN_ZORG),
    "bewaren.voorstel": Geval(lambda s, x: s.bewaren.voorstel(VANDAAG), ALLEEN_ZORG),
    "bewaren.opruimen": Geval(lambda s, x: s.bewaren.opruimen(x.voorstel), ALLEEN_ZORG, fout_ok=True),
    "backups.map": Geval(lambda s, x: s.backups.map(), IEDEREEN),
    "backups.standaard_map": Geval(lambda s, x: s.backups.standaard_map(), IEDEREEN),
    "backups.nodig": Geval(lambda s, x: s.backups.nodig(), IEDEREEN),
    "backups.lijst": Geval(lambda s, x: s.backups.lijst(), IEDEREEN),
    "backups.laatste": Geval(lambda s, x: s.backups.laatste(), IEDEREEN),
    "backups.automatisch": Geval(lambda s, x: s.backups.automatisch(), IEDEREEN),
    "backups.maken": Geval(lambda s, x: s.backups.maken(x.tmp / "backup-hand"), ALLEEN_ZORG),
    "backups.map_instellen": Geval(lambda s, x: s.backups.map_instellen(x.tmp / "backups"), ALLEEN_ZORG),
    "backups.voorbeeld": Geval(lambda s, x: s.backups.voorbeeld(GEEN), ALLEEN_ZORG, fout_ok=True),
    "backups.terugzetten": Geval(lambda s, x: s.backups.terugzetten(GEEN), ALLEEN_ZORG, fout_ok=True),
    "backups.aantallen": Geval(lambda s, x: s.backups.aantallen(), ALLEEN_ZORG),
    "backups.voor_opruimen": Geval(lambda s, x: s.backups.voor_opruimen(), ALLEEN_ZORG),
    "ongedaan.herstel": Geval(lambda s, x: s.ongedaan.herstel(Verwijderd("Niets", ("zorgcoordinator",), ())),
                              ALLEEN_ZORG),
    "aan_de_slag.stand": Geval(lambda s, x: s.aan_de_slag.stand(), ALLEEN_ZORG),
    "aan_de_slag.verbergen": Geval(lambda s, x: s.aan_de_slag.verbergen(), ALLEEN_ZORG),
    # --- users: the zorgcoördinator manages them; everyone changes their own password ---
    "gebruikers.lijst": Geval(lambda s, x: s.gebruikers.lijst(), ALLEEN_ZORG),
    "gebruikers.toevoegen": Geval(lambda s, x: s.gebruikers.toevoegen("Nieuwe Collega", "alleen-lezen", [],
                                                                      "Collega-ww-2026", "Collega-ww-2026"),
                                  ALLEEN_ZORG),
    "gebruikers.wijzigen": Geval(lambda s, x: s.gebruikers.wijzigen("Mo Mentor", klassen=["3A", "4C"]), ALLEEN_ZORG),
    "gebruikers.wachtwoord_resetten": Geval(lambda s, x: s.gebruikers.wachtwoord_resetten(
        "Lies Lezer", "Reset-ww-2026", "Reset-ww-2026"), ALLEEN_ZORG),
    # Disabling rotates the keys, a step of its own that cannot run inside the test's rolled-back transaction
    # (it says so); whether the role may start it is what is checked here (tests/security/ does the rest).
    "gebruikers.uitschakelen": Geval(lambda s, x: s.gebruikers.uitschakelen("Lies Lezer"), ALLEEN_ZORG, fout_ok=True),
    "gebruikers.inschakelen": Geval(lambda s, x: s.gebruikers.inschakelen("Lies Lezer", "Terug-ww-2026",
                                                                          "Terug-ww-2026"), ALLEEN_ZORG),
    "gebruikers.wachtwoord_wijzigen": Geval(lambda s, x: s.gebruikers.wachtwoord_wijzigen(
        x.wachtwoord, "Nieuw-ww-2026!", "Nieuw-ww-2026!"), IEDEREEN),
    # --- one's own profile (name and function on paper, phone, e-mail) ---
    "profielen.get": Geval(lambda s, x: s.profielen.get(), IEDEREEN),
    "profielen.opslaan": Geval(lambda s, x: s.profielen.opslaan(Profiel("Mo de Mentor", "mentor")), IEDEREEN),
}


# --- the school: one student in the mentor's klas 3A, one in 4C, each with a full traject --------------

def vul(zorg, nummer: str, klas: str, mentor_id: int) -> SimpleNamespace:
    zorg.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam="Sam", achternaam=f"Proef {nummer}",
                                     geboortedatum=d(5, 3, 2012), inschrijfdatum=d(1, 8, 2024), klas=klas,
                                     ouders=(Ouder("Olga Ouder", Relatie.MOEDER, "06-12345678"),)), VANDAAG)
    tr = zorg.trajecten
    t = tr.openen(nummer, Categorie.DREIGEND_THUISZITTER, "Komt weinig", geopend=d(1, 10), vandaag=VANDAAG)
    g = zorg.gesprekken.gesprek_vastleggen(nummer, GesprekType.GESPREK_OUDERS, d(2, 11), "Goed gesprek", afspraken=["Bellen"],
                              vandaag=VANDAAG)
    mdo = zorg.mdo.mdo_vastleggen(t.id, d(10, 11), verslag="Het verslag", besluiten=["Eerste besluit"], vandaag=VANDAAG)
    mentor = Persoon("Mo Mentor", gebruiker_id=mentor_id)
    ap = zorg.actiepunten.actiepunt_toevoegen(nummer, "Rooster maken", mentor, d(27, 11), vandaag=VANDAAG)
    nazorg = tr.nazorg_toevoegen(t.id, d(15, 12), "Even bellen")
    plan = zorg.plannen.nieuw(t.id, vandaag=VANDAAG)
    plan = zorg.plannen.opslaan(replace(plan, doelen=(Doel("Drie ochtenden per week op school", d(1, 3, 2027),
                                                           "Het rooster"),)), vandaag=VANDAAG)
    vast = zorg.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Olga Ouder", d(20, 11)), vandaag=VANDAAG)
    concept = zorg.plannen.opslaan(replace(vast, ouders_willen="Meer rust"), vandaag=VANDAAG)
    assert concept.status is PlanStatus.CONCEPT and concept.id != vast.id
    record = zorg.verzuim.invoeren(nummer, d(16, 11), None, Reden.ZIEK, vandaag=VANDAAG)
    mazl = zorg.verzuim.mazl_registreren(nummer, d(18, 11), "Jeugdarts gebeld", vandaag=VANDAAG)
    partner = zorg.partners.partner_opslaan(Partner(f"Pia Partner {nummer}", "leerplichtambtenaar", "Gemeente"))
    return SimpleNamespace(
        nummer=nummer, leerling=zorg.leerlingen.get(nummer), traject=t.id, gesprek=g.id,
        afspraak=g.afspraken[0].id, mdo=mdo.id, besluit=mdo.besluiten[0].id, actiepunt=ap.id, nazorg=nazorg.id,
        plan=vast.id, concept=concept.id, concept_plan=concept, doel=vast.doelen[0].id, record=record,
        mazl=mazl.id, item="swv_geinformeerd", partner=partner.id)


@pytest.fixture
def school(services, tmp_path):
    """The zorgcoördinator's Services, plus a mentor of 3A and an alleen-lezen user on the same file."""
    zorg = services
    eigen_klas_leerling = Leerling(leerlingnummer="1000", achternaam="Register", geboortedatum=d(1, 1, 2012),
                                   inschrijfdatum=d(1, 8, 2024), klas="3A")
    zorg.leerlingen.opslaan(eigen_klas_leerling, VANDAAG)  # so klas 3A exists when the mentor is added
    mentor_rij = zorg.gebruikers.toevoegen("Mo Mentor", "mentor", ["3A"], WACHTWOORDEN[EIGEN], WACHTWOORDEN[EIGEN])
    lezer_rij = zorg.gebruikers.toevoegen("Lies Lezer", "alleen-lezen", [], WACHTWOORDEN[LEZER], WACHTWOORDEN[LEZER])
    # Alleen-lezen opens only the overview of counts now (services/lezersoverzicht.py); a session of the role on
    # the database – one from before that, with the slot it had then – still gets only what the rules allow.
    zorg.ctx.store.keyring.set_user("Lies Lezer", WACHTWOORDEN[LEZER], zorg.ctx.store.sleutels.voor(False))
    zorg.ctx.store.keyring.save()
    zorg.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))  # signs for the school
    eigen = vul(zorg, "1001", "3A", mentor_rij.id)
    ander = vul(zorg, "1003", "4C", mentor_rij.id)
    zonder = Leerling(leerlingnummer="1005", achternaam="Zonder Traject", geboortedatum=d(1, 1, 2012),
                      inschrijfdatum=d(1, 8, 2024), klas="3A")
    zorg.leerlingen.opslaan(zonder, VANDAAG)
    zonder_ander = replace(zonder, leerlingnummer="1006", klas="4C")
    zorg.leerlingen.opslaan(zonder_ander, VANDAAG)
    eigen.zonder, ander.zonder = "1005", "1006"
    kwartaal = zorg.kwartaal.overzicht("2026-Q4", vandaag=VANDAAG)
    voorstel = zorg.bewaren.voorstel(VANDAAG)
    for x in (eigen, ander):
        x.kwartaal, x.voorstel, x.tmp = kwartaal, voorstel, tmp_path
    store = zorg.ctx.store
    gebruikers = {
        ZORG: zorg,
        EIGEN: session.Services(store, Gebruiker(mentor_rij.id, "Mo Mentor", Rol.MENTOR, ("3A",))),
        LEZER: session.Services(store, Gebruiker(lezer_rij.id, "Lies Lezer", Rol.ALLEEN_LEZEN)),
    }
    gebruikers[ANDER] = gebruikers[EIGEN]
    return SimpleNamespace(als=gebruikers, eigen=eigen, ander=ander, store=store)


ZICHTBAAR = {ZORG: None, EIGEN: {"1000", "1001", "1005"}, ANDER: {"1000", "1001", "1005"}, LEZER: set()}


def uitvoeren(school, rol: str, geval: Geval):
    """(outcome, result): the call inside a transaction that is rolled back."""
    services = school.als[rol]
    x = school.ander if rol == ANDER else school.eigen
    x.wachtwoord = WACHTWOORDEN[rol]
    sleutels = copy.deepcopy(school.store.keyring.slots)  # user management also changes the key ring
    with school.store.db.atomic() as tx:
        try:
            result = geval.roep(services, x)
        except GeenToegang:
            return NEE, None
        except Exception as exc:
            if geval.fout_ok:  # placeholder arguments: any error but GeenToegang means "allowed"
                return JA, None
            raise AssertionError(f"{rol}: {type(exc).__name__}: {exc}") from exc
        finally:
            tx.rollback()
            school.store.keyring.slots = sleutels
            school.store.keyring.save()
    return JA, result


def test_the_matrix(school):
    """Every entry for every role; all mismatches reported at once."""
    fouten = []
    for naam, geval in MATRIX.items():
        for rol in ROLLEN:
            verwacht = geval.verwacht[rol]
            try:
                uitkomst, result = uitvoeren(school, rol, geval)
            except AssertionError as exc:
                fouten.append(f"{naam} [{rol}]: verwacht {verwacht}, maar {exc}")
                continue
            if verwacht == NEE:
                if uitkomst != NEE:
                    fouten.append(f"{naam} [{rol}]: verwacht GeenToegang, maar het mocht")
                continue
            if uitkomst == NEE:
                fouten.append(f"{naam} [{rol}]: verwacht {verwacht}, maar GeenToegang")
                continue
            if geval.nummers is not None and not geval.fout_ok:
                gezien = geval.nummers(result)
                zichtbaar = ZICHTBAAR[rol]
                if zichtbaar is None:
                    if not {"1001", "1003"} <= gezien:
                        fouten.append(f"{naam} [{rol}]: de zorgcoördinator hoort alles te zien, zag {sorted(gezien)}")
                elif not gezien <= zichtbaar:
                    fouten.append(f"{naam} [{rol}]: ziet leerlingen buiten de eigen klassen: "
                                  f"{sorted(gezien - zichtbaar)}")
                elif rol in (EIGEN, ANDER) and "1001" not in gezien:
                    fouten.append(f"{naam} [{rol}]: de mentor ziet de eigen leerling niet")
    assert not fouten, "\n".join(fouten)


def test_every_service_method_is_in_the_matrix_and_guarded(school):
    """A new public service method must get an entry in MATRIX here and a rule in toegang.REGELS."""
    zorg = school.als[ZORG]
    gevonden, zonder_regel, onbewaakt = set(), [], []
    for attr in session.DIENSTEN:  # (each built when first asked for)
        service = getattr(zorg, attr)
        for naam in toegang.publieke_methoden(service):
            gevonden.add(f"{attr}.{naam}")
            if not hasattr(getattr(service, naam), "regel"):
                onbewaakt.append(f"{attr}.{naam}")
            if naam not in toegang.REGELS.get(attr, {}):
                zonder_regel.append(f"{attr}.{naam}")
    in_matrix = {k.split("(")[0] for k in MATRIX}
    assert onbewaakt == [], "not wrapped by toegang.beveilig (add services to session.DIENSTEN)"
    assert zonder_regel == [], "add a rule to services/toegang.py REGELS"
    assert sorted(gevonden - in_matrix) == [], "add an entry to MATRIX in tests/services/test_rollen.py"
    assert sorted(in_matrix - gevonden) == [], "entries in MATRIX for methods that no longer exist"


def test_a_method_without_a_rule_is_for_the_zorgcoordinator_only(school):
    class Nieuw:
        def __init__(self, ctx):
            self.ctx = ctx

        def iets(self):
            return "gedaan"

    for rol, verwacht in ((ZORG, True), (EIGEN, False), (LEZER, False)):
        dienst = toegang.beveilig(school.als[rol].ctx, "nieuw", Nieuw(school.als[rol].ctx))
        if verwacht:
            assert dienst.iets() == "gedaan"
        else:
            with pytest.raises(GeenToegang):
                dienst.iets()


def test_a_mentor_closes_only_their_own_actiepunten(school):
    zorg, mentor = school.als[ZORG], school.als[EIGEN]
    van_anna = zorg.actiepunten.actiepunt_toevoegen("1001", "Leerplicht bellen", "Anna de Vries", d(1, 12),
                                                  vandaag=VANDAAG)
    with pytest.raises(GeenToegang, match="iemand anders"):
        mentor.actiepunten.actiepunt_status(van_anna.id, ActiepuntStatus.GEDAAN, vandaag=VANDAAG)
    van_partner = zorg.actiepunten.actiepunt_toevoegen("1001", "Afspraak jeugdarts", "Pim Partner", d(1, 12),
                                                     vandaag=VANDAAG)  # a contact of the address book
    with pytest.raises(GeenToegang, match="iemand anders"):
        mentor.actiepunten.actiepunt_status(van_partner.id, ActiepuntStatus.GEDAAN, vandaag=VANDAAG)
    klaar = mentor.actiepunten.actiepunt_status(school.eigen.actiepunt, ActiepuntStatus.GEDAAN, vandaag=VANDAAG)
    assert klaar.status is ActiepuntStatus.GEDAAN
    assert [a.id for a in mentor.actiepunten.mijn_actiepunten()] == []  # the one of 4C is not shown either


def test_a_mentor_reads_only_vastgestelde_plans(school):
    mentor = school.als[EIGEN]
    assert mentor.plannen.get(school.eigen.plan).status is PlanStatus.VASTGESTELD
    with pytest.raises(GeenToegang, match="concept"):
        mentor.plannen.get(school.eigen.concept)
    assert mentor.plannen.plan(school.eigen.traject).versie == 1  # the newest, version 2, is a concept
    assert mentor.plannen.voor_leerling("1001").versie == 1
    with pytest.raises(GeenToegang):
        mentor.plannen.plan(school.eigen.traject, 2)
    assert [p.versie for p in mentor.plannen.versies(school.eigen.traject)] == [1]
    assert [p.versie for p in school.als[ZORG].plannen.versies(school.eigen.traject)] == [1, 2]


def test_vertrouwelijk_stays_with_the_zorgcoordinator(school):
    zorg, mentor = school.als[ZORG], school.als[EIGEN]
    g = zorg.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, d(12, 11), "Diagnose: angststoornis",
                                          vertrouwelijk=True, vandaag=VANDAAG)
    zorg.mdo.mdo_bijwerken(school.eigen.mdo, vertrouwelijk=True)
    assert "angststoornis" not in mentor.gesprekken.gesprek(g.id).samenvatting
    assert all("angststoornis" not in x.samenvatting for x in mentor.gesprekken.gesprekken("1001"))
    assert mentor.mdo.mdo(school.eigen.mdo).verslag != "Het verslag"
    with pytest.raises(GeenToegang):
        mentor.gesprekken.gesprek_bijwerken(g.id, samenvatting="Weg ermee", vandaag=VANDAAG)
    with pytest.raises(GeenToegang):
        mentor.afdrukken.mdo_pdf("1001", vandaag=VANDAAG)
    assert zorg.gesprekken.gesprek(g.id).samenvatting == "Diagnose: angststoornis"


def test_alleen_lezen_gets_counts_without_students_and_a_mentor_their_own(school):
    zorg, mentor, lezer = school.als[ZORG], school.als[EIGEN], school.als[LEZER]
    alles = zorg.signalen.overzicht(VANDAAG)
    anoniem = lezer.signalen.overzicht(VANDAAG)
    assert anoniem.per_niveau() == alles.per_niveau() and anoniem.per_signaal() == alles.per_signaal()
    assert {n.leerlingnummer for n in anoniem.niveaus} == {""}
    assert all(s.leerlingnummer == "" and s.uitleg == "" for s in anoniem.signalen)
    assert not anoniem.besprekingen
    eigen = mentor.signalen.overzicht(VANDAAG)
    assert {n.leerlingnummer for n in eigen.niveaus} == {"1000", "1001", "1005"}
    assert lezer.leerlingen.lijst() == [] and lezer.leerlingen.klassen() == ["3A", "4C"]
    assert mentor.leerlingen.klassen() == ["3A"]
    with pytest.raises(GeenToegang):
        lezer.leerlingen.get("1001")
