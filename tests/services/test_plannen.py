"""PlanService on a real, encrypted database: a plan per traject in versions (concept → vastgesteld →
a change makes a new version), the akkoord of ouders or of a student of 16+, evaluations per doel, the
catalogue of interventies and the checklist tick."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout, NietGevonden
from thuiszit_desktop.domain.gebruiker import Gebruiker, Profiel, Rol
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.plan import (
    STANDAARD_INTERVENTIES,
    Akkoord,
    AkkoordRol,
    Contactpersoon,
    Doel,
    Interventie,
    Ondertekenaar,
    PlanAfspraak,
    PlanStatus,
    Uitkomst,
)
from thuiszit_desktop.domain.traject import Analyse, Categorie, Domein, Factoren, Verzuimtype
from thuiszit_desktop.services.context import Context
from thuiszit_desktop.services.plannen import PlanService
from thuiszit_desktop.services.toegang import beveilig

VANDAAG = date(2026, 11, 23)


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


def maak_leerling(services, nummer: str, voornaam: str, achternaam: str, geboren: date) -> None:
    services.leerlingen.opslaan(Leerling(
        leerlingnummer=nummer, voornaam=voornaam, achternaam=achternaam, geboortedatum=geboren,
        inschrijfdatum=d(1, 8, 2024), klas="3B",
        ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER, "06-12345678"), Ouder("Kees Bakker", Relatie.VADER,
                                                                           gezag=False))), VANDAAG)


@pytest.fixture(autouse=True)
def profiel(services):
    """Whoever vaststelt signs for the school with the name and function of their profile."""
    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))


@pytest.fixture
def traject_id(services) -> int:
    maak_leerling(services, "1001", "Zoë", "Bakker", d(5, 3, 2012))
    t = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Zoë komt sinds oktober bijna niet meer.",
                                  geopend=d(1, 10), vandaag=VANDAAG)
    services.trajecten.analyse_opslaan(t.id, Analyse({Domein.LEERLING: Factoren("angstig", "wil graag leren")},
                                                     Verzuimtype.SCHOOLWEIGERING), vandaag=VANDAAG)
    return t.id


def vul(plan):
    return replace(plan, leerling_wil="Ik wil weer naar school, maar eerst rustig.",
                   ouders_willen="Dat Zoë weer plezier krijgt.",
                   doelen=(Doel("Vanaf 1 maart drie ochtenden per week op school", d(1, 3, 2027),
                                "Het rooster van de mentor"), Doel("  ", None, "")),
                   interventies=(Interventie("Verzuimcoach", "Sanne (verzuimcoach)", d(1, 12), d(1, 3, 2027)),),
                   afspraken=(PlanAfspraak("Mentor", "Elke ochtend een check-in", "elke schooldag"),),
                   evaluatiemomenten=(d(15, 1, 2027), d(1, 12)),
                   contactpersonen=(Contactpersoon("Anna de Vries", "zorgcoördinator", "010-1234567"),))


def test_nieuw_start_with_aanleiding_and_analyse(services, traject_id):
    plan = services.plannen.nieuw(traject_id, vandaag=VANDAAG)
    assert plan.versie == 1 and plan.status is PlanStatus.CONCEPT
    assert plan.aanleiding == "Zoë komt sinds oktober bijna niet meer."
    # the analysis as the table ouders read: plain words, no "schoolweigering"
    assert plan.analyse == ""
    assert plan.factoren == {Domein.LEERLING: Factoren(
        "Angstig. Naar school gaan voelt voor Zoë heel zwaar, vaak door spanning of angst.", "Wil graag leren.")}
    with pytest.raises(InvoerFout):
        services.plannen.nieuw(traject_id, vandaag=VANDAAG)


def test_opslaan_tidies_and_round_trips(services, traject_id):
    plan = services.plannen.opslaan(vul(services.plannen.nieuw(traject_id, vandaag=VANDAAG)), vandaag=VANDAAG)
    assert [x.omschrijving for x in plan.doelen] == ["Vanaf 1 maart drie ochtenden per week op school"]
    assert plan.evaluatiemomenten == (d(1, 12), d(15, 1, 2027))
    assert plan.interventies[0].van == d(1, 12) and plan.afspraken[0].wanneer == "elke schooldag"
    assert plan.contactpersonen[0].telefoon == "010-1234567"
    assert services.plannen.versies(traject_id) == [plan]


def test_invalid_rows_are_refused(services, traject_id):
    plan = services.plannen.nieuw(traject_id, vandaag=VANDAAG)
    with pytest.raises(InvoerFout) as exc:
        services.plannen.opslaan(replace(plan, doelen=(Doel("", d(1, 3, 2027), "x"),),
                                         interventies=(Interventie("Verzuimcoach", "", d(2, 3), d(1, 3)),)))
    assert set(exc.value.fouten) == {"doel 1", "interventie 1"}


def test_version_flow(services, traject_id):
    plan = services.plannen.opslaan(vul(services.plannen.nieuw(traject_id, vandaag=VANDAAG)), vandaag=VANDAAG)
    with pytest.raises(InvoerFout):  # the akkoord before the overleg
        services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(19, 11)), vandaag=VANDAAG)
    v1 = services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid  Bakker", d(20, 11)), vandaag=VANDAAG)
    assert v1.is_vastgesteld and v1.vastgesteld_op == d(20, 11) and v1.akkoord.naam == "Ingrid Bakker"
    assert v1.akkoord.rol is AkkoordRol.OUDER  # Zoë is 14
    with pytest.raises(InvoerFout):
        services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)), vandaag=VANDAAG)

    v2 = services.plannen.opslaan(replace(v1, ouders_willen="Anders"), vandaag=VANDAAG)
    assert (v2.versie, v2.status, v2.akkoord, v2.id != v1.id) == (2, PlanStatus.CONCEPT, None, True)
    assert services.plannen.get(v1.id) == v1  # the vastgesteld version did not change
    assert services.plannen.plan(traject_id).versie == 2 and services.plannen.plan(traject_id, 1) == v1
    with pytest.raises(InvoerFout):  # only the newest version can be changed
        services.plannen.opslaan(replace(v1, ouders_willen="Nog anders"), vandaag=VANDAAG)
    v2b = services.plannen.opslaan(replace(v2, ouders_willen="Weer anders"), vandaag=VANDAAG)
    assert v2b.id == v2.id and v2b.versie == 2
    assert [p.versie for p in services.plannen.versies(traject_id)] == [1, 2]
    assert services.plannen.voor_leerling("1001").versie == 2
    assert services.plannen.voor_leerling("1001", 1) == v1
    with pytest.raises(NietGevonden, match="geen versie 7"):
        services.plannen.voor_leerling("1001", 7)


def test_vaststellen_ticks_the_checklist(services, traject_id):
    plan = services.plannen.opslaan(vul(services.plannen.nieuw(traject_id, vandaag=VANDAAG)), vandaag=VANDAAG)
    services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(21, 11)), vandaag=VANDAAG)
    regel = next(r for s in services.trajecten.checklist(traject_id) for r in s.regels
                 if r.item.key == "plan_van_aanpak")
    assert regel.gedaan and regel.datum == d(21, 11) and "versie 1" in regel.notitie


def test_a_student_of_16_agrees_for_themself(services):
    maak_leerling(services, "2002", "Daniël", "Çelik", d(21, 11, 2010))
    t = services.trajecten.openen("2002", Categorie.DREIGEND_THUISZITTER, "Veel verzuim", geopend=d(1, 10), vandaag=VANDAAG)
    plan = services.plannen.opslaan(vul(services.plannen.nieuw(t.id, vandaag=VANDAAG)), vandaag=VANDAAG)
    plan = services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Daniël Çelik", d(21, 11)), vandaag=VANDAAG)
    assert plan.akkoord.rol is AkkoordRol.LEERLING
    afdruk = services.plannen.afdruk(plan.id)
    assert afdruk.ondertekenaars == (Ondertekenaar("Daniël Çelik", "leerling"), Ondertekenaar("Ingrid Bakker", "moeder"),
                                     Ondertekenaar("Anna de Vries", "zorgcoördinator, namens Het Baken"))


def test_evaluatie_per_doel(services, traject_id):
    plan = services.plannen.opslaan(vul(services.plannen.nieuw(traject_id, vandaag=VANDAAG)), vandaag=VANDAAG)
    plan = services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)), vandaag=VANDAAG)
    plan = services.plannen.evaluatie_vastleggen(plan.doelen[0].id, "deels", "Twee ochtenden lukt al",
                                                 datum=d(22, 11), vandaag=VANDAAG)
    e = plan.doelen[0].laatste_evaluatie
    assert (e.uitkomst, e.notitie, e.datum, e.door) == (Uitkomst.DEELS, "Twee ochtenden lukt al", d(22, 11),
                                                        "Anna de Vries")
    with pytest.raises(InvoerFout):
        services.plannen.evaluatie_vastleggen(plan.doelen[0].id, "half", vandaag=VANDAAG)
    v2 = services.plannen.opslaan(plan, vandaag=VANDAAG)
    assert v2.doelen[0].evaluaties == ()  # a new version starts without the old evaluations …
    assert services.plannen.get(plan.id).doelen[0].evaluaties == plan.doelen[0].evaluaties
    # … but carries them as earlier evaluations of the doel it continues
    assert v2.doelen[0].herkomst == plan.doelen[0].id
    assert v2.doelen[0].eerdere_evaluaties == ((1, e),)


def test_a_new_version_says_what_changed_and_carries_the_evaluations(services, traject_id):
    plan = services.plannen.opslaan(replace(vul(services.plannen.nieuw(traject_id, vandaag=VANDAAG)), doelen=(
        Doel("Drie ochtenden per week op school", d(1, 3, 2027)), Doel("Weet bij wie je terechtkunt", d(1, 2, 2027)))),
        vandaag=VANDAAG)
    v1 = services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)), vandaag=VANDAAG)
    services.plannen.evaluatie_vastleggen(v1.doelen[1].id, "behaald", "Noemt de mentor", datum=d(22, 11),
                                          vandaag=VANDAAG)
    v1 = services.plannen.get(v1.id)
    # the editor drops doel 1 and keeps doel 2 (with its id), and adds a new one
    v2 = services.plannen.opslaan(replace(v1, doelen=(v1.doelen[1], Doel("Elke week naar de verzuimcoach"))),
                                  vandaag=VANDAAG)
    assert [x.omschrijving for x in v2.doelen] == ["Weet bij wie je terechtkunt", "Elke week naar de verzuimcoach"]
    assert v2.doelen[0].eerdere_evaluaties[0][1].notitie == "Noemt de mentor"
    assert v2.doelen[1].eerdere_evaluaties == ()
    afdruk = services.plannen.afdruk(v2.id)
    assert afdruk.vorige == v1 and afdruk.ondertekenaars == ()  # a concept: nobody signs
    assert afdruk.wijzigingen == ["Nieuw doel: Elke week naar de verzuimcoach",
                                  "Doel gestopt: Drie ochtenden per week op school"]
    # in the concept, removing the first doel keeps the second's row (and so its evaluations): matched by id
    services.plannen.evaluatie_vastleggen(v2.doelen[1].id, "deels", datum=d(23, 11), vandaag=VANDAAG)
    v2 = services.plannen.get(v2.id)
    v2b = services.plannen.opslaan(replace(v2, doelen=(v2.doelen[1],)), vandaag=VANDAAG)
    assert [(x.omschrijving, [e.uitkomst for e in x.evaluaties]) for x in v2b.doelen] == [
        ("Elke week naar de verzuimcoach", [Uitkomst.DEELS])]


def test_vaststellen_asks_for_whoever_ouders_must_reach_and_who_signs(services, traject_id):
    services.profielen.opslaan(Profiel())  # no name or function yet, no phone
    plan = services.plannen.opslaan(replace(vul(services.plannen.nieuw(traject_id, vandaag=VANDAAG)),
                                            contactpersonen=(Contactpersoon("Mo", "mentor"),)), vandaag=VANDAAG)
    with pytest.raises(InvoerFout) as exc:
        services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)), vandaag=VANDAAG)
    assert set(exc.value.fouten) == {"casusregisseur", "contactpersoon 1", "ondertekenaar"}
    assert "Anna de Vries (casusregisseur)" in exc.value.fouten["casusregisseur"]
    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", email="a.devries@baken.nl"))
    plan = services.plannen.opslaan(replace(plan, contactpersonen=(Contactpersoon("Mo", "mentor", "06-12345678"),)),
                                    vandaag=VANDAAG)
    assert services.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)),
                                        vandaag=VANDAAG).is_vastgesteld


def test_catalogus(services):
    assert services.plannen.catalogus() == STANDAARD_INTERVENTIES
    assert services.plannen.catalogus_opslaan([" Verzuimcoach ", "verzuimcoach", "", "Buddy"]) == ("Verzuimcoach",
                                                                                                 "Buddy")
    assert services.plannen.catalogus() == ("Verzuimcoach", "Buddy")
    with pytest.raises(InvoerFout):
        services.plannen.catalogus_opslaan([" "])


def test_no_plan_is_a_dutch_message(services, traject_id):
    with pytest.raises(NietGevonden, match="nog geen plan van aanpak"):
        services.plannen.voor_leerling("1001")


def test_mentor_cannot_write(services, traject_id):
    plan = services.plannen.nieuw(traject_id, vandaag=VANDAAG)
    ctx = Context(services.ctx.store, Gebruiker(99, "Mentor", Rol.MENTOR))
    mentor = beveilig(ctx, "plannen", PlanService(ctx, services.trajecten, services.leerlingen))
    with pytest.raises(GeenToegang):
        mentor.opslaan(vul(plan), vandaag=VANDAAG)
    assert services.plannen.get(plan.id) == plan  # unchanged


def test_the_plans_evaluatiemomenten_become_reminders(services, traject_id):
    """Only the newest version counts: an evaluation date dropped in version 2 is no reminder anymore."""
    plan = services.plannen.opslaan(vul(services.plannen.nieuw(traject_id)))
    herinneringen = services.trajecten.herinneringen(vandaag=d(28, 11), signalen=[])
    evaluaties = [h for h in herinneringen if h.referentie == f"plan:{plan.id}"]
    assert [(h.datum, h.te_laat) for h in evaluaties] == [(d(1, 12), False)]  # 15-01 is weeks away
    assert "plan van aanpak (versie 1) evalueren" in evaluaties[0].tekst

    versie2 = services.plannen.opslaan(replace(services.plannen.get(plan.id), evaluatiemomenten=(d(15, 1, 2027),)))
    herinneringen = services.trajecten.herinneringen(vandaag=d(28, 11), signalen=[])
    assert not [h for h in herinneringen if h.referentie.startswith("plan:")]
    herinneringen = services.trajecten.herinneringen(vandaag=d(10, 1, 2027), signalen=[])
    assert [h.referentie for h in herinneringen if h.referentie.startswith("plan:")] == [f"plan:{versie2.id}"]
