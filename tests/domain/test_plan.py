"""The plan van aanpak's rules: tidying and checking a version, vaststellen with the akkoord of ouders or a
student of 16+, the new version after a change, the analysis as sentences and the catalogue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.kalender import SchoolCalendar, Vakantie
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.plan import (
    Akkoord,
    AkkoordRol,
    Contactpersoon,
    Doel,
    Evaluatie,
    Interventie,
    Ondertekenaar,
    Plan,
    PlanAfspraak,
    PlanStatus,
    Uitkomst,
    akkoord_rol,
    bereikbaar_fouten,
    catalogus,
    check_plan,
    check_vaststellen,
    datum_waarschuwingen,
    nieuwe_versie,
    ondertekenaars,
    wijzigingen,
    zelf_akkoord,
)
from thuiszit_desktop.domain.traject import Domein, Factoren

VANDAAG = date(2026, 11, 23)
GEBOREN = date(2010, 11, 21)  # 16 on 21-11-2026


def test_sixteen_agrees_for_themself():
    assert not zelf_akkoord(GEBOREN, date(2026, 11, 20))
    assert zelf_akkoord(GEBOREN, date(2026, 11, 21))
    assert akkoord_rol(GEBOREN, date(2026, 11, 21)) is AkkoordRol.LEERLING


def test_check_plan_tidies_and_drops_empty_rows():
    p = check_plan(Plan(1, aanleiding="  x ", doelen=(Doel(" Naar school ", date(2027, 3, 1)), Doel("")),
                        interventies=(Interventie(" Verzuimcoach "), Interventie("")),
                        afspraken=(PlanAfspraak("", "", ""),), contactpersonen=(Contactpersoon(" "),),
                        evaluatiemomenten=(date(2027, 2, 1), date(2027, 1, 1), date(2027, 2, 1))))
    assert p.aanleiding == "x" and [d.omschrijving for d in p.doelen] == ["Naar school"]
    assert p.interventies == (Interventie("Verzuimcoach"),) and p.afspraken == () and p.contactpersonen == ()
    assert p.evaluatiemomenten == (date(2027, 1, 1), date(2027, 2, 1))


def test_check_plan_reports_every_problem():
    with pytest.raises(InvoerFout) as exc:
        check_plan(Plan(1, doelen=(Doel("", None, "zo merken we het"),),
                        interventies=(Interventie("Coach", "", date(2027, 2, 1), date(2027, 1, 1)),),
                        afspraken=(PlanAfspraak("Mentor", ""),), contactpersonen=(Contactpersoon("", "mentor"),)))
    assert set(exc.value.fouten) == {"doel 1", "interventie 1", "afspraak 1", "contactpersoon 1"}


ANNA = Contactpersoon("Anna de Vries", "zorgcoördinator", "030-1234567")
PROFIEL = Profiel("Anna de Vries", "zorgcoördinator")


def vaststellen(p, overleg, akkoord, *, casusregisseur=ANNA, ondertekenaar=PROFIEL):
    return check_vaststellen(p, overleg, akkoord, GEBOREN, VANDAAG, casusregisseur=casusregisseur,
                             ondertekenaar=ondertekenaar)


def test_check_vaststellen():
    p = Plan(1, doelen=(Doel("Naar school"),))
    akkoord = vaststellen(p, date(2026, 11, 20), Akkoord(" Daniël  Çelik ", date(2026, 11, 21)))
    assert akkoord == Akkoord("Daniël Çelik", date(2026, 11, 21), AkkoordRol.LEERLING)
    assert vaststellen(p, date(2026, 11, 20), Akkoord("Zoë", date(2026, 11, 20))).rol is AkkoordRol.OUDER
    for overleg, ak in ((None, Akkoord("x", VANDAAG)), (date(2026, 11, 24), Akkoord("x", VANDAAG)),
                        (VANDAAG, Akkoord("", VANDAAG)), (VANDAAG, Akkoord("x", date(2026, 11, 22)))):
        with pytest.raises(InvoerFout):
            vaststellen(p, overleg, ak)
    with pytest.raises(InvoerFout, match="minstens één doel"):
        vaststellen(Plan(1), VANDAAG, Akkoord("x", VANDAAG))
    with pytest.raises(InvoerFout, match="al vastgesteld"):
        vaststellen(Plan(1, status=PlanStatus.VASTGESTELD), VANDAAG, Akkoord("x", VANDAAG))


@pytest.mark.parametrize("casusregisseur, contacten, profiel, fouten", [
    (ANNA, (Contactpersoon("Mo", "mentor", email="mo@baken.nl"),), PROFIEL, set()),
    (None, (), PROFIEL, {"casusregisseur"}),  # nobody keeps the overview
    (Contactpersoon("Karel", "leerplichtambtenaar"), (), PROFIEL, {"casusregisseur"}),  # unreachable
    (ANNA, (Contactpersoon("Mo", "mentor"), Contactpersoon("Pia", "", "06-12345678")), PROFIEL,
     {"contactpersoon 1"}),
    (ANNA, (), Profiel("", "zorgcoördinator"), {"ondertekenaar"}),  # the school signs with a full name
    (ANNA, (), Profiel("Anna de Vries", ""), {"ondertekenaar"}),  # and a function
    (ANNA, (), None, {"ondertekenaar"}),
])
def test_vaststellen_asks_for_a_way_to_reach_everyone_and_who_signs(casusregisseur, contacten, profiel, fouten):
    p = Plan(1, doelen=(Doel("Naar school"),), contactpersonen=contacten)
    if not fouten:
        vaststellen(p, VANDAAG, Akkoord("x", VANDAAG), casusregisseur=casusregisseur, ondertekenaar=profiel)
        return
    with pytest.raises(InvoerFout) as exc:
        vaststellen(p, VANDAAG, Akkoord("x", VANDAAG), casusregisseur=casusregisseur, ondertekenaar=profiel)
    assert set(exc.value.fouten) == fouten
    assert set(bereikbaar_fouten(p, casusregisseur)) == fouten - {"ondertekenaar"}


def test_check_plan_checks_phone_and_email_of_contacts():
    with pytest.raises(InvoerFout) as exc:
        check_plan(Plan(1, contactpersonen=(Contactpersoon("Mo", "mentor", "bel maar"),
                                            Contactpersoon("Pia", "", "", "pia@"))))
    assert set(exc.value.fouten) == {"contactpersoon 1", "contactpersoon 2"}


def test_who_signs_the_student_at_every_age_and_first_from_16():
    school = Ondertekenaar("Anna de Vries", "zorgcoördinator, namens Het Baken")
    zoe = Leerling("1001", "Bakker", GEBOREN, date(2024, 8, 1), voornaam="Zoë",
                   ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER), Ouder("Kees Bakker", Relatie.VADER, gezag=False),
                           Ouder("Mehmet Çelik", Relatie.VERZORGER)))
    onder = ondertekenaars(zoe, date(2026, 11, 20), school)
    assert [(o.naam, o.als) for o in onder] == [("Ingrid Bakker", "moeder"), ("Mehmet Çelik", "verzorger"),
                                                 ("Zoë Bakker", "leerling"), ("Anna de Vries", school.als)]
    boven = ondertekenaars(zoe, date(2026, 11, 21), school)
    assert [o.naam for o in boven] == ["Zoë Bakker", "Ingrid Bakker", "Mehmet Çelik", "Anna de Vries"]
    zonder = ondertekenaars(Leerling("1002", "Visser", GEBOREN, date(2024, 8, 1)), date(2026, 1, 1), school)
    assert [(o.naam, o.als) for o in zonder] == [("", "ouder/verzorger"), ("Visser", "leerling"),
                                                  ("Anna de Vries", school.als)]


def test_nieuwe_versie_copies_without_akkoord_and_evaluaties_and_remembers_each_doel():
    v1 = Plan(1, versie=1, status=PlanStatus.VASTGESTELD, aanleiding="a",
              doelen=(Doel("d", evaluaties=(Evaluatie(VANDAAG, Uitkomst.NIET),), id=4),),
              overleg_datum=VANDAAG, akkoord=Akkoord("x", VANDAAG), vastgesteld_op=VANDAAG, id=3,
              factoren={Domein.THUIS: Factoren("moe", "betrokken")})
    v2 = nieuwe_versie(v1, date(2026, 12, 1))
    assert (v2.versie, v2.status, v2.akkoord, v2.vastgesteld_op, v2.id) == (2, PlanStatus.CONCEPT, None, None, None)
    assert v2.aanleiding == "a" and v2.doelen == (Doel("d"),) and v2.doelen[0].id is None
    assert v2.doelen[0].herkomst == 4 and v2.factoren == v1.factoren


def test_check_plan_keeps_the_filled_rows_of_the_analysis_table():
    p = check_plan(Plan(1, factoren={Domein.THUIS: Factoren(" moe ", ""), Domein.SCHOOL: Factoren(" ", "")}))
    assert p.factoren == {Domein.THUIS: Factoren("moe", "")}


def _d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


V1 = Plan(1, versie=1, status=PlanStatus.VASTGESTELD, doelen=(
    Doel("Drie ochtenden per week op school", _d(18, 11), evaluaties=(Evaluatie(_d(10, 11), Uitkomst.DEELS),), id=1),
    Doel("Nederlands en wiskunde in de eigen klas", _d(16, 12), id=2),
    Doel("Weet bij wie je terechtkunt", _d(4, 11), evaluaties=(Evaluatie(_d(10, 11), Uitkomst.BEHAALD),), id=3)),
    interventies=(Interventie("Verzuimcoach", van=_d(1, 11)), Interventie("Aangepast rooster", van=_d(1, 11),
                                                                           tot=_d(1, 12))),
    evaluatiemomenten=(_d(18, 11), _d(16, 12)))


@pytest.mark.parametrize("nieuw, verwacht", [
    # a copy: nothing changed
    (nieuwe_versie(V1, _d(20, 11)), []),
    # a doel reworded and moved, one ended (with its last evaluation), one added
    (replace(nieuwe_versie(V1, _d(20, 11)), doelen=(
        Doel("Twee ochtenden, opbouwen naar drie", _d(2, 12), herkomst=1),
        Doel("Nederlands en wiskunde in de eigen klas", _d(16, 12), herkomst=2),
        Doel("Elke week een gesprek met de verzuimcoach"))),
     ["Doel aangepast: Twee ochtenden, opbouwen naar drie (was: Drie ochtenden per week op school)",
      "Nieuwe datum voor het doel ‘Twee ochtenden, opbouwen naar drie’: 2 december 2026 (was 18 november 2026)",
      "Nieuw doel: Elke week een gesprek met de verzuimcoach",
      "Doel gestopt: Weet bij wie je terechtkunt (laatste evaluatie: behaald)"]),
    # without the link the same text is the same doel
    (replace(V1, versie=2, doelen=(Doel("Nederlands en wiskunde in de eigen klas", _d(6, 1, 2027)),)),
     ["Nieuwe datum voor het doel ‘Nederlands en wiskunde in de eigen klas’: 6 januari 2027 (was 16 december 2026)",
      "Doel gestopt: Drie ochtenden per week op school (laatste evaluatie: deels behaald)",
      "Doel gestopt: Weet bij wie je terechtkunt (laatste evaluatie: behaald)"]),
    # interventies started, ended, moved; evaluation moments moved
    (replace(nieuwe_versie(V1, _d(20, 11)),
             interventies=(Interventie("Verzuimcoach", van=_d(1, 11)), Interventie("aangepast rooster", van=_d(1, 11),
                                                                                    tot=_d(18, 12)),
                           Interventie("Huiswerkbegeleiding")),
             evaluatiemomenten=(_d(16, 12), _d(13, 1, 2027))),
     ["Andere datums voor ‘aangepast rooster’: 1 november 2026 tot 18 december 2026 (was 1 november 2026 tot "
      "1 december 2026)", "Nieuw ingezet: Huiswerkbegeleiding",
      "Nieuw moment om te kijken hoe het gaat: 13 januari 2027",
      "Vervallen moment om te kijken hoe het gaat: 18 november 2026"]),
    (replace(nieuwe_versie(V1, _d(20, 11)), interventies=()), ["Gestopt: Verzuimcoach", "Gestopt: Aangepast rooster"]),
    # a catalogue interventie in the words ouders read under "Wat we doen", not the school's own word
    (replace(nieuwe_versie(V1, _d(20, 11)), interventies=(*V1.interventies, Interventie("Bovenschoolse voorziening"),
                                                          Interventie("M@zl / jeugdarts"))),
     ["Nieuw ingezet: Tijdelijk les op een andere plek, buiten de eigen school",
      "Nieuw ingezet: Gesprek met de jeugdarts"]),
])
def test_wijzigingen(nieuw, verwacht):
    assert wijzigingen(V1, nieuw) == verwacht


def test_datum_waarschuwingen():
    kalender = SchoolCalendar([Vakantie("kerstvakantie", _d(19, 12), _d(3, 1, 2027), True, "2026-2027")],
                              {_d(9, 12): "Studiedag"})
    p = Plan(1, doelen=(Doel("a", _d(20, 11)), Doel("b", _d(30, 12)), Doel("c", _d(14, 12)), Doel("d")),
             interventies=(Interventie("Coach", van=_d(1, 11), tot=_d(12, 12)),),
             evaluatiemomenten=(_d(9, 12), _d(15, 12)))
    assert datum_waarschuwingen(p, VANDAAG, kalender) == [
        ("doel 1", "Doel 1: 20 november 2026 ligt in het verleden."),
        ("doel 2", "Doel 2: woensdag 30 december 2026 is geen lesdag (kerstvakantie)."),
        ("interventie 1", "Coach, einde: zaterdag 12 december 2026 is geen lesdag (weekend)."),
        ("evaluatiemoment 1", "Evaluatiemoment: woensdag 9 december 2026 is geen lesdag (studiedag)."),
    ]


def test_catalogus():
    assert catalogus([" M@zl  /  jeugdarts", "m@zl / jeugdarts", "", "Buddy"]) == ("M@zl / jeugdarts", "Buddy")
