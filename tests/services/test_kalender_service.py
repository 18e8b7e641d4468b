"""KalenderService on a real database: the region's vacations, public holidays, the school's own herfst
and voorjaar, vrije dagen (editor and import), and school years the shipped data does not cover."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.school import Regio
from thuiszit_desktop.services.kalender import SOORTEN, VrijeDag, VrijeDagenFout

VANDAAG = date(2026, 11, 23)


def soort(services, d: date) -> tuple[str, str]:
    dag = next(x for x in services.kalender.jaar(d.year if d.month >= 8 else d.year - 1).dagen if x.datum == d)
    return dag.soort, dag.omschrijving


# --- a school year ----------------------------------------------------------------------------------

@pytest.mark.parametrize("datum, verwacht", [
    (date(2026, 8, 1), ("vakantie", "Zomervakantie")),  # the zomervakantie of 2025-2026 (midden)
    (date(2026, 8, 31), ("lesdag", "Lesdag")),
    (date(2026, 9, 5), ("weekend", "Weekend")),
    (date(2026, 10, 19), ("vakantie", "Herfstvakantie")),
    (date(2026, 12, 25), ("feestdag", "Eerste Kerstdag")),  # a public holiday wins from the vacation
    (date(2027, 3, 29), ("feestdag", "Tweede Paasdag")),
    (date(2027, 4, 27), ("feestdag", "Koningsdag")),
    (date(2027, 5, 5), ("feestdag", "Bevrijdingsdag")),
    (date(2027, 5, 6), ("feestdag", "Hemelvaartsdag")),
    (date(2027, 5, 17), ("feestdag", "Tweede Pinksterdag")),
    (date(2027, 7, 16), ("lesdag", "Lesdag")),
    (date(2027, 7, 19), ("vakantie", "Zomervakantie")),
])
def test_the_days_of_a_school_year(services, datum, verwacht):
    assert soort(services, datum) == verwacht


def test_the_year_overview(services):
    jaar = services.kalender.jaar(2026)
    assert (jaar.label, jaar.gedekt, jaar.eigen, len(jaar.dagen)) == ("2026-2027", True, False, 365)
    assert [v.soort for v in jaar.vakanties] == list(SOORTEN)
    cal = services.kalender.calendar()
    assert jaar.lesdagen == len(cal.lesdagen(date(2026, 8, 1), date(2027, 7, 31)))
    assert jaar.lesdagen == 201  # counted separately: weekdays outside the vacations and public holidays


def test_another_region(services):
    assert soort(services, date(2026, 10, 12)) == ("lesdag", "Lesdag")
    services.school.opslaan(replace(services.school.get(), regio=Regio.NOORD))
    # herfstvakantie noord 2026: 10–18 October; the calendar notices the changed regio
    assert soort(services, date(2026, 10, 12)) == ("vakantie", "Herfstvakantie")
    assert not services.kalender.calendar().is_lesdag(date(2026, 10, 12))


# --- school years the data does not cover -----------------------------------------------------------

EIGEN_2030 = [("herfstvakantie", date(2030, 10, 19), date(2030, 10, 27)),
              ("kerstvakantie", date(2030, 12, 21), date(2031, 1, 5)),
              ("voorjaarsvakantie", date(2031, 2, 22), date(2031, 3, 2)),
              ("meivakantie", date(2031, 4, 26), date(2031, 5, 4)),
              ("zomervakantie", date(2031, 7, 12), date(2031, 8, 24))]


@pytest.mark.parametrize("start_year, gedekt", [(2023, False), (2025, True), (2029, True), (2030, False)])
def test_which_school_years_the_data_covers(services, start_year, gedekt):
    assert services.kalender.jaar(start_year).gedekt is gedekt


def test_own_vacations_for_an_uncovered_year(services):
    assert soort(services, date(2030, 10, 21)) == ("lesdag", "Lesdag")
    for naam, van, tot in EIGEN_2030[:1]:
        services.kalender.eigen_vakantie_invoeren(2030, naam, van, tot)
    jaar = services.kalender.jaar(2030)
    assert (jaar.gedekt, jaar.eigen) == (False, True)  # one of five: still incomplete
    assert soort(services, date(2030, 10, 21)) == ("vakantie", "Herfstvakantie")

    for naam, van, tot in EIGEN_2030[1:]:
        services.kalender.eigen_vakantie_invoeren(2030, naam, van, tot)
    jaar = services.kalender.jaar(2030)
    assert (jaar.gedekt, jaar.eigen) == (True, True)
    assert [(v.soort, v.van, v.tot) for v in jaar.vakanties] == EIGEN_2030
    assert not services.kalender.calendar().is_lesdag(date(2031, 7, 14))

    services.kalender.eigen_vakantie_invoeren(2030, "herfstvakantie", date(2030, 10, 12), date(2030, 10, 20))
    assert soort(services, date(2030, 10, 14)) == ("vakantie", "Herfstvakantie")
    assert soort(services, date(2030, 10, 21)) == ("lesdag", "Lesdag")  # replaced, not added

    services.kalender.eigen_vakantie_verwijderen(2030, "herfstvakantie")
    assert services.kalender.jaar(2030).gedekt is False
    assert soort(services, date(2030, 10, 14)) == ("lesdag", "Lesdag")


@pytest.mark.parametrize("start_year, naam, van, tot, melding", [
    (2026, "herfstvakantie", date(2026, 10, 10), date(2026, 10, 18), "al bekend"),
    (2030, "paasvakantie", date(2031, 4, 12), date(2031, 4, 20), "Onbekende vakantie"),
    (2030, "herfstvakantie", date(2030, 10, 27), date(2030, 10, 19), "Controleer de data"),
    (2030, "zomervakantie", date(2031, 7, 12), date(2031, 10, 24), "Controleer de data"),
    (2030, "herfstvakantie", date(2031, 10, 19), date(2031, 10, 27), "valt niet in schooljaar 2030-2031"),
])
def test_own_vacations_that_are_refused(services, start_year, naam, van, tot, melding):
    with pytest.raises(InvoerFout, match=melding):
        services.kalender.eigen_vakantie_invoeren(start_year, naam, van, tot)
    assert services.kalender.jaar(2030).vakanties == []


# --- the school's own herfst and voorjaar -----------------------------------------------------------

def test_herfst_and_voorjaar_can_move_and_move_back(services):
    services.kalender.vakantie_aanpassen("2026-2027", "herfstvakantie", date(2026, 10, 10), date(2026, 10, 18))
    services.kalender.vakantie_aanpassen("2026-2027", "voorjaarsvakantie", date(2027, 2, 13), date(2027, 2, 21))
    assert services.kalender.aangepaste_vakanties() == {
        ("2026-2027", "herfstvakantie"): (date(2026, 10, 10), date(2026, 10, 18)),
        ("2026-2027", "voorjaarsvakantie"): (date(2027, 2, 13), date(2027, 2, 21))}
    assert soort(services, date(2026, 10, 12))[0] == "vakantie"
    assert soort(services, date(2026, 10, 19))[0] == "lesdag"
    assert soort(services, date(2027, 2, 22))[0] == "lesdag"

    services.kalender.vakantie_herstellen("2026-2027", "herfstvakantie")
    assert soort(services, date(2026, 10, 12))[0] == "lesdag"
    assert soort(services, date(2026, 10, 19))[0] == "vakantie"
    assert list(services.kalender.aangepaste_vakanties()) == [("2026-2027", "voorjaarsvakantie")]


@pytest.mark.parametrize("schooljaar, naam, van, tot, melding", [
    ("2026-2027", "kerstvakantie", date(2026, 12, 12), date(2026, 12, 27), "verplichte vakantie"),
    ("2026-2027", "herfstvakantie", date(2026, 10, 18), date(2026, 10, 10), "vóór de begindatum"),
    ("2026-2027", "herfstvakantie", date(2026, 10, 3), date(2026, 10, 25), "hoogstens twee weken"),
    ("2026-2027", "herfstvakantie", date(2027, 10, 16), date(2027, 10, 24), "valt niet in schooljaar"),
    ("2031-2032", "herfstvakantie", date(2031, 10, 18), date(2031, 10, 26), "staat niet in de vakantiegegevens"),
])
def test_vacation_changes_that_are_refused(services, schooljaar, naam, van, tot, melding):
    with pytest.raises(InvoerFout, match=melding):
        services.kalender.vakantie_aanpassen(schooljaar, naam, van, tot)
    assert services.kalender.aangepaste_vakanties() == {}


# --- vrije dagen ------------------------------------------------------------------------------------

def test_vrije_dagen_in_the_editor(services):
    assert services.kalender.calendar().is_lesdag(date(2026, 11, 11))
    # Friday through Monday: the weekend is left out
    assert services.kalender.vrije_dagen_toevoegen(date(2026, 11, 13), date(2026, 11, 16), " Studiedagen ") == 2
    assert services.kalender.vrije_dagen_toevoegen(date(2026, 11, 11), date(2026, 11, 11), "") == 1
    assert services.kalender.vrije_dagen() == [VrijeDag(date(2026, 11, 11), "Vrije dag"),
                                               VrijeDag(date(2026, 11, 13), "Studiedagen"),
                                               VrijeDag(date(2026, 11, 16), "Studiedagen")]
    assert not services.kalender.calendar().is_lesdag(date(2026, 11, 11))
    assert soort(services, date(2026, 11, 13)) == ("vrije_dag", "Studiedagen")

    services.kalender.vrije_dag_verwijderen(date(2026, 11, 11))
    assert services.kalender.calendar().is_lesdag(date(2026, 11, 11))


@pytest.mark.parametrize("van, tot, melding", [
    (date(2026, 11, 14), date(2026, 11, 15), "weekend"),
    (date(2026, 11, 16), date(2026, 11, 13), "vóór de begindatum"),
    (date(2026, 8, 1), date(2027, 8, 31), "hoogstens een jaar"),
])
def test_vrije_dagen_that_are_refused(services, van, tot, melding):
    with pytest.raises(InvoerFout, match=melding):
        services.kalender.vrije_dagen_toevoegen(van, tot, "Studiedag")
    assert services.kalender.vrije_dagen() == []


def bestand(tmp_path: Path, *regels: str, naam: str = "vrije_dagen.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def test_importing_vrije_dagen(services, tmp_path):
    services.kalender.vrije_dagen_toevoegen(date(2027, 2, 5), date(2027, 2, 5), "Sportdag")
    pad = bestand(tmp_path, "van;tot;omschrijving", "11-11-2026;11-11-2026;Studiedag",
                  "05-02-2027;05-02-2027;Sportdag", "06-07-2027;12-07-2027;Afsluiting")
    voorbeeld = services.kalender.vrije_dagen_voorbeeld(pad, vandaag=VANDAAG)
    assert (len(voorbeeld.dagen), voorbeeld.nieuw, voorbeeld.gewijzigd, voorbeeld.ongewijzigd) == (7, 6, 0, 1)
    assert len(services.kalender.vrije_dagen()) == 1  # the preview writes nothing

    resultaat = services.kalender.vrije_dagen_import(pad, vandaag=VANDAAG)
    assert resultaat.samenvatting == "7 vrije dagen: 6 nieuw, 0 gewijzigd, 1 ongewijzigd."
    assert not services.kalender.calendar().is_lesdag(date(2026, 11, 11))
    assert [v.datum.day for v in services.kalender.vrije_dagen() if v.datum.month == 7] == [6, 7, 8, 9, 12]

    opnieuw = services.kalender.vrije_dagen_import(pad, vandaag=VANDAAG)
    assert (opnieuw.nieuw, opnieuw.gewijzigd, opnieuw.ongewijzigd) == (0, 0, 7)
    assert services.kalender.vrije_dagen_importeren(pad, vandaag=VANDAAG) == 7  # the short form: a count

    anders = bestand(tmp_path, "datum;omschrijving", "11-11-2026;Studiedag teams", naam="anders.csv")
    assert services.kalender.vrije_dagen_import(anders, vandaag=VANDAAG).gewijzigd == 1
    assert soort(services, date(2026, 11, 11)) == ("vrije_dag", "Studiedag teams")


def test_a_bad_row_in_vrije_dagen_means_nothing_is_written(services, tmp_path):
    pad = bestand(tmp_path, "datum;omschrijving", "11-11-2026;Studiedag", "31-11-2026;Bestaat niet",
                  "12-11-2026;Studiedag")
    with pytest.raises(VrijeDagenFout) as exc:
        services.kalender.vrije_dagen_importeren(pad, vandaag=VANDAAG)
    assert exc.value.fouten[""].startswith("Er is niets geïmporteerd: 1 regel heeft een fout")
    assert "bestaat niet" in exc.value.fouten["regel 3"]
    assert services.kalender.vrije_dagen() == []

    resultaat = services.kalender.vrije_dagen_import(pad, sla_foute_regels_over=True, vandaag=VANDAAG)
    assert [f.regel for f in resultaat.fouten] == [3]
    assert [v.datum for v in services.kalender.vrije_dagen()] == [date(2026, 11, 11), date(2026, 11, 12)]
