"""On a real database: checklist items that tick themselves from what exists now, and what Vandaag shows as
handled per signal (gemeld, in a traject, besproken)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import MdoDeelnemer, Toestemming
from thuiszit_desktop.domain.plan import Akkoord, Doel, Interventie
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.traject import Categorie, MdoRol
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden

VANDAAG = date(2026, 11, 23)


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


@pytest.fixture
def school(services):
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Ömer", "Kılıç")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, d(5, 3, 2012), d(1, 8, 2024), voornaam=voornaam,
                                             klas="2B"), VANDAAG)
    return services


def regel(services, traject_id: int, key: str):
    return next(r for s in services.trajecten.checklist(traject_id) for r in s.regels if r.item.key == key)


def test_partners_with_consent_at_an_mdo_tick_partners_betrokken(school):
    tr = school.trajecten
    t = tr.openen("1001", Categorie.THUISZITTER, "Zoë komt niet meer", geopend=d(1, 10), vandaag=VANDAAG)
    assert not regel(school, t.id, "partners_betrokken").gedaan
    mdo = tr.mdo_vastleggen(t.id, d(12, 11), deelnemers=[
        MdoDeelnemer("Dr. Anouk Smit", MdoRol.JEUGDARTS, "GGD Regio Midden"),
        MdoDeelnemer("Henk Vos", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht"),
        MdoDeelnemer("Ingrid Bakker", MdoRol.OUDER)],
        toestemmingen=[Toestemming("GGD Regio Midden", True)], vandaag=VANDAAG)
    r = regel(school, t.id, "partners_betrokken")
    assert (r.gedaan, r.automatisch, r.datum, r.referentie) == (True, True, d(12, 11), f"mdo:{mdo.id}")
    assert r.bewijs == ("Bij het MDO van 12-11-2026: jeugdarts / jgz (GGD Regio Midden, met toestemming), "
                        "leerplichtambtenaar (Gemeente Utrecht)")
    tr.mdo_verwijderen(mdo.id)  # what exists now: gone with the MDO
    assert not regel(school, t.id, "partners_betrokken").gedaan


def test_a_vastgesteld_plan_ticks_analyse_and_interventies(school):
    tr, plannen = school.trajecten, school.plannen
    t = tr.openen("1001", Categorie.THUISZITTER, "Zoë komt niet meer", geopend=d(1, 10), vandaag=VANDAAG)
    plan = plannen.nieuw(t.id, vandaag=VANDAAG)
    plan = plannen.opslaan(replace(plan, analyse="Angst in grote groepen; thuis veel steun.",
                                   doelen=(Doel("Vanaf 1 maart drie ochtenden per week op school", d(1, 3, 2027)),),
                                   interventies=(Interventie("Verzuimcoach", "Sanne"),
                                                 Interventie("Aangepast rooster"))), vandaag=VANDAAG)
    assert not regel(school, t.id, "analyse_factoren").gedaan  # a concept is not agreed yet
    assert not regel(school, t.id, "interventies_ingezet").gedaan
    school.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))  # who signs
    plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)), vandaag=VANDAAG)
    analyse, interventies = regel(school, t.id, "analyse_factoren"), regel(school, t.id, "interventies_ingezet")
    assert (analyse.gedaan, analyse.automatisch, analyse.datum) == (True, True, d(20, 11))
    assert analyse.bewijs == "Analyse in het plan van aanpak (versie 1, vastgesteld op 20-11-2026)"
    assert (interventies.gedaan, interventies.automatisch) == (True, True)
    assert interventies.bewijs == ("In het plan van aanpak (versie 1, vastgesteld op 20-11-2026): Verzuimcoach, "
                                   "Aangepast rooster")


def test_a_deleted_melding_is_no_longer_named(school):
    tr, verzuim = school.trajecten, school.verzuim
    t = tr.openen_vanuit_signaal("1001", SignaalSoort.MELDPLICHT_16U, d(17, 11), geopend=d(18, 11), vandaag=VANDAAG)
    eerste = verzuim.melding_registreren("1001", d(20, 11), d(17, 11), MeldingSoort.ZESTIEN_UUR, "DUO-1",
                                         vandaag=VANDAAG)
    assert regel(school, t.id, "gemeld_bij_leerplicht").bewijs == "DUO-verzuimmelding van 20-11-2026, kenmerk DUO-1"
    verzuim.actie_verwijderen("melding", eerste.id)
    assert not regel(school, t.id, "gemeld_bij_leerplicht").gedaan
    tweede = verzuim.melding_registreren("1001", d(19, 11), d(17, 11), MeldingSoort.ZESTIEN_UUR, vandaag=VANDAAG)
    r = regel(school, t.id, "gemeld_bij_leerplicht")
    assert (r.bewijs, r.referentie) == ("DUO-verzuimmelding van 19-11-2026", f"melding:{tweede.id}")


def test_the_overzicht_says_per_signal_what_was_done(school):
    """A thuiszitter (Ömer) and a meldplicht (Zoë): gemeld, a traject from the signal, an MDO."""
    verzuim, tr = school.verzuim, school.trajecten
    verzuim.invoeren("1002", d(28, 9), d(20, 11), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    verzuim.invoeren("1001", d(16, 11), d(18, 11), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    peil = d(20, 11)

    def afhandeling(nr, soort):
        o = school.signalen.overzicht(peil)
        return o.afhandeling(next(s for s in o.signalen if s.leerlingnummer == nr and s.soort == soort))

    thuis = next(s for s in school.signalen.overzicht(peil).signalen if s.soort == SignaalSoort.THUISZITTER)
    assert not afhandeling("1002", SignaalSoort.THUISZITTER).iets
    t = tr.openen_vanuit_signaal("1002", SignaalSoort.THUISZITTER, thuis.datum, vandaag=VANDAAG)
    a = afhandeling("1002", SignaalSoort.THUISZITTER)
    assert (a.traject.id, a.traject.stap, a.vanuit_signaal, a.afgehandeld) == (t.id, 1, True, True)
    verzuim.melding_registreren("1002", d(23, 11), None, MeldingSoort.LRV, vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, d(23, 11), verslag="Besproken met moeder.", vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, d(1, 12), vandaag=VANDAAG)  # planned: nothing recorded yet
    a = afhandeling("1002", SignaalSoort.THUISZITTER)
    assert a.delen() == ["gemeld 23-11", "traject stap 1", "besproken in MDO 23-11"]

    meld = afhandeling("1001", SignaalSoort.MELDPLICHT_16U)
    assert not meld.afgehandeld
    school.signalen.bespreken("1001", SignaalSoort.MELDPLICHT_16U, d(18, 11), "Ouders gebeld")
    meld = afhandeling("1001", SignaalSoort.MELDPLICHT_16U)
    assert meld.besproken is not None and not meld.afgehandeld  # only the melding answers a meldplicht
