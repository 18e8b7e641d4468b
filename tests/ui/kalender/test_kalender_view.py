"""The school calendar view: lesdagen per school year, an uncovered year, vrije dagen and vacations."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import als_mentor
from thuiszit_desktop import paths
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.ui.common import bestanden, errors
from thuiszit_desktop.ui.kalender.kalender_view import SOORT_KLEUR, KalenderView
from thuiszit_desktop.ui.kalender.vakantie_dialog import VakantieAanpassenDialog

VANDAAG = date(2026, 11, 23)


def lesdagen_midden_2026_2027() -> int:
    """Counted here from the shipped vacation data and the public holidays, independent of the app."""
    data = json.loads(paths.resource("data", "schoolvakanties.json").read_text(encoding="utf-8"))
    vakanties = [(date.fromisoformat(r["startdate"]), date.fromisoformat(r["enddate"]))
                 for jaar in data["schoolyears"] for v in jaar["vacations"] for r in v["regions"]
                 if r["region"] == "midden"]
    feestdagen = {date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1), date(2027, 3, 28), date(2027, 3, 29),
                  date(2027, 4, 27), date(2027, 5, 5), date(2027, 5, 6), date(2027, 5, 16), date(2027, 5, 17)}
    n, d = 0, date(2026, 8, 1)
    while d <= date(2027, 7, 31):
        if d.weekday() < 5 and d not in feestdagen and not any(van <= d <= tot for van, tot in vakanties):
            n += 1
        d += timedelta(days=1)
    return n


@pytest.fixture
def view(qtbot, services):
    v = KalenderView(services, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.resize(1180, 680)
    v.show()
    return v


def test_lesdagen_of_2026_2027_region_midden(view):
    assert lesdagen_midden_2026_2027() == 201
    assert view.start_year() == 2026
    assert view.lesdagen_label.text().startswith("201 lesdagen in schooljaar 2026-2027")
    assert "Regio midden" in view.lesdagen_label.text()
    assert not view.ongedekt.isVisible()
    assert view.raster.tooltip(date(2026, 10, 19)) == "ma 19-10-2026: Herfstvakantie"
    assert view.raster.stijlen[date(2026, 10, 19)].vulling == SOORT_KLEUR["vakantie"]
    assert view.raster.tooltip(date(2027, 3, 29)) == "ma 29-03-2027: Tweede Paasdag (feestdag)"
    assert view.raster.tooltip(date(2026, 9, 14)) == "ma 14-09-2026: lesdag"
    assert view.raster.tooltip(date(2026, 9, 19)) == "za 19-09-2026: weekend"
    assert view.raster.tooltip(date(2026, 10, 17)) == "za 17-10-2026: Herfstvakantie"
    assert view.vakanties_tabel.rowCount() == 5
    assert view.vakanties_tabel.item(0, 1).text() == "za 17-10-2026"


def test_an_uncovered_year_says_so_and_takes_the_vacations(qtbot, view, services):
    view.set_jaar(2031)
    assert view.start_year() == 2031
    assert view.ongedekt.isVisible() and view.eigen_editor.isVisible()
    assert view.ongedekt_label.text() == ("De officiële schoolvakanties van 2031-2032 zijn nog niet bekend in dit "
                                          "programma. Vul ze hieronder zelf in.")
    voor = services.kalender.jaar(2031).lesdagen
    assert view.lesdagen_label.text().startswith(f"{voor} lesdagen")

    rij = view.eigen_rijen["herfstvakantie"]
    rij.van.set_value(date(2031, 10, 18))
    rij.tot.set_value(date(2031, 10, 26))
    half = view.eigen_rijen["kerstvakantie"]
    half.van.set_value(date(2031, 12, 20))  # no last day: an error next to this row only
    with qtbot.waitSignal(view.changed):
        assert not view.eigen_vakanties_opslaan()
    assert half.fout.text() == "Vul de eerste én de laatste dag in."
    assert half.van.value() == date(2031, 12, 20)  # kept as typed
    assert view.lesdagen_label.text().startswith(f"{voor - 5} lesdagen")
    assert "1 van de 5 ingevuld" in view.ongedekt_label.text()
    assert view.raster.tooltip(date(2031, 10, 20)) == "ma 20-10-2031: Herfstvakantie (door de school ingevuld)"

    view.set_jaar(2026)
    assert not view.ongedekt.isVisible()


def test_the_first_year_of_the_data_explains_august(view):
    view.set_jaar(2024)
    assert view.ongedekt.isVisible() and not view.eigen_editor.isVisible()
    assert "zomervakantie van 2023-2024" in view.ongedekt_label.text()


def test_adding_and_removing_a_vrije_dag_changes_the_count(qtbot, view, services, monkeypatch):
    view.tabs.setCurrentIndex(1)
    view.vrij_van.set_value(date(2027, 2, 12))
    view.vrij_omschrijving.setText("Studiedag")
    with qtbot.waitSignal(view.changed):
        view.vrij_toevoegen_button.click()
    assert view.lesdagen_label.text().startswith("200 lesdagen")
    assert view.vrije_tabel.rowCount() == 1 and view.tabs.tabText(1) == "Vrije dagen (1)"
    assert view.vrije_tabel.item(0, 0).text() == "vr 12-02-2027"
    assert view.vrije_tabel.item(0, 1).text() == "Studiedag"
    assert view.raster.tooltip(date(2027, 2, 12)) == "vr 12-02-2027: vrije dag – Studiedag"
    assert view.vrij_status.text() == "1 vrije dag toegevoegd."
    assert view.vrij_omschrijving.text() == ""

    # a period: weekends are skipped
    view.vrij_van.set_value(date(2027, 6, 4))
    view.vrij_tot.set_value(date(2027, 6, 7))
    view.vrij_toevoegen_button.click()
    assert view.lesdagen_label.text().startswith("198 lesdagen")

    # an error next to the field
    view.vrij_van.set_value(date(2027, 6, 10))
    view.vrij_tot.set_value(date(2027, 6, 8))
    assert not view.vrije_dagen_toevoegen()
    assert view.vrij_errors.text("tot") == "De einddatum ligt vóór de begindatum."

    monkeypatch.setattr(errors, "ask", lambda *a, **k: True)
    view.vrije_tabel.selectRow(0)
    view.vrij_verwijderen_button.click()
    assert view.lesdagen_label.text().startswith("199 lesdagen")
    assert [v.datum for v in services.kalender.vrije_dagen()] == [date(2027, 6, 4), date(2027, 6, 7)]


def test_vrije_dagen_from_a_file_lists_the_errors(qtbot, view, services, tmp_path: Path, monkeypatch):
    pad = tmp_path / "studiedagen.csv"
    pad.write_text("datum;omschrijving\n12-02-2027;Studiedag\n31-02-2027;Foutje\n", encoding="utf-8")
    monkeypatch.setattr(bestanden, "_kies", lambda dialog: [str(pad)])
    gevraagd = []
    monkeypatch.setattr(errors, "ask", lambda parent, vraag, **k: gevraagd.append(vraag) or False)
    view.tabs.setCurrentIndex(1)
    view.vrij_import_button.click()
    assert gevraagd and "regel 3" in view.vrij_import_fouten.text()
    assert services.kalender.vrije_dagen() == []

    monkeypatch.setattr(errors, "ask", lambda *a, **k: True)
    view.vrij_import_button.click()
    assert [v.datum for v in services.kalender.vrije_dagen()] == [date(2027, 2, 12)]
    assert "overgeslagen" in view.vrij_import_fouten.text()
    assert view.lesdagen_label.text().startswith("200 lesdagen")


def test_herfstvakantie_adjusted_and_restored(qtbot, view, services, monkeypatch):
    view.kies_vakantie("kerstvakantie")
    assert not view.aanpassen_button.isEnabled()  # compulsory
    view.kies_vakantie("herfstvakantie")
    assert view.aanpassen_button.isEnabled() and not view.herstellen_button.isEnabled()

    def fill(dialog: VakantieAanpassenDialog):
        assert dialog.officieel_label.text() == "za 17-10-2026 t/m zo 25-10-2026"
        dialog.van.set_value(date(2026, 10, 10))
        dialog.tot.set_value(date(2026, 10, 18))
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(VakantieAanpassenDialog, "exec", fill)
    with qtbot.waitSignal(view.changed):
        view.aanpassen_button.click()
    assert view.vakanties_tabel.item(0, 0).text() == "Herfstvakantie (eigen data)"
    assert view.raster.tooltip(date(2026, 10, 12)) == "ma 12-10-2026: Herfstvakantie (eigen data van de school)"
    assert view.raster.tooltip(date(2026, 10, 19)) == "ma 19-10-2026: lesdag"
    assert view.herstellen_button.isEnabled()
    assert "herfstvakantie (officieel za 17-10-2026 t/m zo 25-10-2026)" in view.vakantie_status.text()

    monkeypatch.setattr(errors, "ask", lambda *a, **k: True)
    view.herstellen_button.click()
    assert view.vakanties_tabel.item(0, 0).text() == "Herfstvakantie"
    assert services.kalender.aangepaste_vakanties() == {}


def test_the_adjust_dialog_shows_errors(qtbot, services):
    vakantie = services.kalender.jaar(2026).vakanties[0]
    dialog = VakantieAanpassenDialog(services, vakantie, vakantie)
    qtbot.addWidget(dialog)
    dialog.van.set_value(date(2026, 10, 10))
    dialog.tot.set_value(date(2026, 11, 10))
    assert not dialog.save()
    assert "hoogstens twee weken" in dialog.error_text("tot")


def test_the_grid_fits_its_size(view):
    view.resize(900, 600)
    raster = view.raster
    assert raster.cel() >= raster.min_cel
    laatste = raster.cel_rect(date(2027, 7, 31))
    assert laatste is not None and laatste.bottom() <= raster.height() and laatste.right() <= raster.width()


def test_built_in_parts_draws_its_year_after_the_first_paint_without_moving(qtbot, services, view):
    """The main window builds the calendar in parts (issue 16): the first paint has the page without the year,
    the turn after it the same year as a view built whole – and the grid and the side keep their places."""
    delen = KalenderView(services, vandaag=VANDAAG, in_delen=True)
    qtbot.addWidget(delen)
    delen.resize(1180, 680)
    delen.show()
    assert delen.jaar is None  # not read in the showing itself
    vorm = delen.raster.geometry(), delen.tabs.geometry()  # as first painted
    qtbot.waitUntil(lambda: delen.jaar is not None)
    assert delen.lesdagen_label.text() == view.lesdagen_label.text()
    assert delen.raster.stijlen == view.raster.stijlen
    assert delen.vakanties_tabel.rowCount() == view.vakanties_tabel.rowCount() == 5
    qtbot.wait(20)
    assert (delen.raster.geometry(), delen.tabs.geometry()) == vorm == (view.raster.geometry(), view.tabs.geometry())


def test_a_mentor_sees_the_calendar_without_buttons_that_would_be_refused(qtbot, services):
    """Only the zorgcoördinator changes vacations and vrije dagen: a mentor is not offered what the service
    refuses (after typing a whole vrije dag), but is told who does it."""
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 14), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B"), vandaag=VANDAAG)
    mentor = als_mentor(services, "2B")
    v = KalenderView(mentor, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.show()
    v.refresh()
    assert v.vakanties_tabel.rowCount() == 5  # the calendar itself, as for everyone
    for knop in (v.aanpassen_button, v.herstellen_button, v.verschuif_hint, v.vrij_verwijderen_button,
                 v.vrij_import_button, v.vrij_toevoegen_button.parentWidget()):
        assert knop.isHidden()  # (not isVisible: the second tab is not shown)
    v.tabs.setCurrentIndex(1)
    assert any(label.text() == "Vrije dagen (zoals studiedagen) voert de zorgcoördinator in."
               for label in v.findChildren(QLabel) if label.isVisible())
    v.set_jaar(2031)  # a year without official data: no editor either
    assert v.ongedekt.isVisible() and (v.eigen_editor is None or not v.eigen_editor.isVisible())
    assert "De zorgcoördinator kan ze invullen" in v.ongedekt_label.text()


def test_the_zorgcoordinator_gets_the_buttons(view):
    assert view.aanpassen_button.isVisible() and view.herstellen_button.isVisibleTo(view)
    for knop in (view.vrij_import_button, view.vrij_toevoegen_button.parentWidget(), view.vrij_verwijderen_button):
        assert not knop.isHidden()
