"""The plan van aanpak's rules: tidying and checking a version, vaststellen with the akkoord of ouders or a
student of 16+, the new version after a change, the analysis as sentences and the catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.plan import (
    Akkoord,
    AkkoordRol,
    Contactpersoon,
    Doel,
    Evaluatie,
    Interventie,
    Plan,
    PlanAfspraak,
    PlanStatus,
    Uitkomst,
    akkoord_rol,
    analyse_tekst,
    catalogus,
    check_plan,
    check_vaststellen,
    nieuwe_versie,
    zelf_akkoord,
)
from thuiszit_desktop.domain.traject import Analyse, Domein, Factoren, Verzuimtype

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


def test_check_vaststellen():
    p = Plan(1, doelen=(Doel("Naar school"),))
    akkoord = check_vaststellen(p, date(2026, 11, 20), Akkoord(" Daniël  Çelik ", date(2026, 11, 21)), GEBOREN,
                                VANDAAG)
    assert akkoord == Akkoord("Daniël Çelik", date(2026, 11, 21), AkkoordRol.LEERLING)
    assert check_vaststellen(p, date(2026, 11, 20), Akkoord("Zoë", date(2026, 11, 20)), GEBOREN,
                             VANDAAG).rol is AkkoordRol.OUDER
    for overleg, ak in ((None, Akkoord("x", VANDAAG)), (date(2026, 11, 24), Akkoord("x", VANDAAG)),
                        (VANDAAG, Akkoord("", VANDAAG)), (VANDAAG, Akkoord("x", date(2026, 11, 22)))):
        with pytest.raises(InvoerFout):
            check_vaststellen(p, overleg, ak, GEBOREN, VANDAAG)
    with pytest.raises(InvoerFout, match="minstens één doel"):
        check_vaststellen(Plan(1), VANDAAG, Akkoord("x", VANDAAG), GEBOREN, VANDAAG)
    with pytest.raises(InvoerFout, match="al vastgesteld"):
        check_vaststellen(Plan(1, status=PlanStatus.VASTGESTELD), VANDAAG, Akkoord("x", VANDAAG), GEBOREN, VANDAAG)


def test_nieuwe_versie_copies_without_akkoord_and_evaluaties():
    v1 = Plan(1, versie=1, status=PlanStatus.VASTGESTELD, aanleiding="a",
              doelen=(Doel("d", evaluaties=(Evaluatie(VANDAAG, Uitkomst.NIET),), id=4),),
              overleg_datum=VANDAAG, akkoord=Akkoord("x", VANDAAG), vastgesteld_op=VANDAAG, id=3)
    v2 = nieuwe_versie(v1, date(2026, 12, 1))
    assert (v2.versie, v2.status, v2.akkoord, v2.vastgesteld_op, v2.id) == (2, PlanStatus.CONCEPT, None, None, None)
    assert v2.aanleiding == "a" and v2.doelen == (Doel("d"),) and v2.doelen[0].id is None


def test_analyse_as_sentences():
    tekst = analyse_tekst(Analyse({Domein.LEERLING: Factoren("angstig", "wil graag leren."),
                                   Domein.THUIS: Factoren()}, Verzuimtype.SPIJBELEN))
    assert tekst == "Leerling. Wat het moeilijk maakt: Angstig. Wat helpt: Wil graag leren.\nSoort verzuim: spijbelen."
    assert analyse_tekst(Analyse.leeg()) == ""


def test_catalogus():
    assert catalogus([" M@zl  /  jeugdarts", "m@zl / jeugdarts", "", "Buddy"]) == ("M@zl / jeugdarts", "Buddy")
