"""The chart widget, the tabs Trends / Werkt het? / Lijstbespreking, and the student's verzuim chart with
interventions – through real widgets on a real database. "Verzuim bijgewerkt t/m" is fixed at 14-12-2026."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.effect import EffectPerSoort
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.plan import Interventie
from thuiszit_desktop.domain.traject import Categorie, Stap
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import pdf_preview
from thuiszit_desktop.ui.leerlingen.verzuim_panel import VerzuimPanel
from thuiszit_desktop.ui.models.lijstbespreking_model import (
    COL_CATEGORIE,
    COL_KLAS,
    COL_NUMMER,
    COL_SINDS,
    COL_STAP,
)
from thuiszit_desktop.ui.overzichten import charts
from thuiszit_desktop.ui.overzichten.charts import Grafiek, Periode, Reeks
from thuiszit_desktop.ui.overzichten.lijstbespreking_view import LijstbesprekingView
from thuiszit_desktop.ui.overzichten.overzichten_view import OverzichtenView
from thuiszit_desktop.ui.overzichten.trends_view import TrendsView
from thuiszit_desktop.ui.overzichten.werkt_het_view import WerktHetView

D = date.fromisoformat
VANDAAG = D("2026-12-14")


@pytest.fixture
def school(services, monkeypatch):
    for nr, voornaam, achternaam, klas in (("1001", "Zoë", "Bakker", "3B"), ("1002", "Daniël", "Çelik", "2A"),
                                           ("1003", "Fleur", "de Wit", "2A")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nr, voornaam=voornaam, achternaam=achternaam,
                                             geboortedatum=D("2012-03-05"), inschrijfdatum=D("2024-08-01"),
                                             klas=klas), VANDAAG)
    services.verzuim.invoeren("1001", D("2026-09-15"), D("2026-09-16"), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1002", D("2026-09-14"), D("2026-11-13"), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    for nr, stap in (("1001", Stap.IN_BEELD), ("1002", Stap.SAMENWERKEN), ("1003", Stap.SAMENWERKEN)):
        t = services.trajecten.openen(nr, Categorie.DREIGEND_THUISZITTER, "Komt vaak niet.",
                                      geopend=D("2026-10-01"), vandaag=VANDAAG)
        if stap != Stap.IN_BEELD:
            services.trajecten.stap_wijzigen(t.id, stap, datum=D("2026-11-01"), vandaag=VANDAAG)
        plan = services.plannen.nieuw(t.id, vandaag=VANDAAG)
        services.plannen.opslaan(replace(plan, interventies=(
            Interventie("Time-out", "mentor", D("2026-11-04"), D("2026-11-27")),)), vandaag=VANDAAG)
    services.trajecten.actiepunt_toevoegen("1003", "Leerplicht bellen", "Anna de Vries", D("2026-12-01"),
                                           datum=D("2026-11-20"), vandaag=D("2026-11-20"))
    monkeypatch.setattr(services.signalen, "bijgewerkt_tot", lambda: VANDAAG)
    return services


# --- the chart widget ---------------------------------------------------------------------------------

def test_chart_exposes_values_and_paints(qtbot):
    g = Grafiek(Grafiek.GESTAPELD, eenheid="leerlingen", titel="Leerlingen per niveau")
    qtbot.addWidget(g)
    g.resize(500, 260)
    assert "Nog geen" in g.leeg_tekst and not g.grab().isNull()  # empty: a text, no crash
    g.set_data(["aug", "sep"], [Reeks("Niveau 1", QColor("#2e7d32"), [10, 8]), Reeks("Niveau 3", QColor("#b3261e"),
                                                                                     [0, 2.5])])
    g.set_periodes([Periode(1, 1, "Time-out", QColor("#1565c0"))])
    assert g.tooltip(1) == "sep\nNiveau 1: 8 leerlingen\nNiveau 3: 2,5 leerlingen\nTime-out"
    assert g.tooltip(5) == ""
    assert "aug, Niveau 1: 10 leerlingen" in g.accessibleDescription()
    for soort in (Grafiek.GESTAPELD, Grafiek.NAAST, Grafiek.LIJN):
        g.soort = soort
        assert not g.grab().isNull()
    assert g.index_op(g.width() - 12) == 1 and g.index_op(0) == -1
    # seven lines (the signals) differ by marker and dash, not only by colour
    assert len(set(zip(charts.MARKERS, charts._STREPEN, strict=True))) == len(charts.MARKERS) == 7
    g.set_data(["aug", "sep"], [Reeks(f"Signaal {k}", QColor("#1565c0"), [k, 7 - k]) for k in range(7)])
    assert not g.grab().isNull()
    with pytest.raises(ValueError):
        g.set_data(["aug"], [Reeks("x", QColor("red"), [1, 2])])


# --- the tabs ---------------------------------------------------------------------------------------------

def test_trends_tab(qtbot, school):
    view = TrendsView(school)
    qtbot.addWidget(view)
    assert view.jaar_combo.currentText() == "2026-2027"
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.laad()
    assert view.niveaus.labels == ["aug", "sep", "okt", "nov", "dec"]
    assert "Thuiszitter: 1" in view.signalen.tooltip(2)  # Daniël from October
    assert view.thuiszitters.tooltip(3) == "nov\nErbij: 0\nEraf: 1"
    assert "Niveau 3: 1 leerlingen" in view.niveaus.tooltip(1)
    assert not view.grab().isNull()


def test_the_jaaroverzicht_of_a_year_without_verzuim_is_refused_on_screen(qtbot, school, monkeypatch):
    view = TrendsView(school)
    qtbot.addWidget(view)
    view.jaar_combo.addItem("2025-2026", 2025)  # (the combo offers only years with verzuim and the current one)
    view.jaar_combo.blockSignals(True)
    view.jaar_combo.setCurrentIndex(view.jaar_combo.findData(2025))
    geopend = []
    monkeypatch.setattr(pdf_preview.PdfPreviewDialog, "exec", lambda dialog: geopend.append(dialog) or 0)
    dialog = view.afdrukken()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30_000)
    assert dialog.error.text().startswith("Over schooljaar 2025-2026 is geen verzuim ingevoerd")
    assert dialog.data is None and not dialog.save_button.isEnabled()
    dialog.close()


def test_werkt_het_tab(qtbot, school):
    view = WerktHetView(school)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.laad()
    # 1001: before 12 of 180 hours = 6.7 %, after 0; 1002: 100 % → 33.3 %; 1003: 0 → 0
    assert view.rij_teksten() == [["Time-out", "3", "3", "35,6%", "11,1%", "-24,5 procentpunt"]]
    assert "6 volledige lesweken" in view.voetnoot.text()
    # sorted A–Z by type; a click on a header sorts by that number
    view.toon(replace(view.effecten, per_soort=[
        EffectPerSoort("Verzuimcoach", 2, 1, 10.0, 4.0), EffectPerSoort("aangepast rooster", 1, 1, 3.0, 9.0),
        EffectPerSoort("Time-out", 4, 0, None, None)]))
    assert [r[0] for r in view.rij_teksten()] == ["aangepast rooster", "Time-out", "Verzuimcoach"]
    view.tabel.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert [r[5] for r in view.rij_teksten()] == ["-6,0 procentpunt", "+6,0 procentpunt", "–"]


def test_lijstbespreking_filters_sorts_and_prints_what_is_shown(qtbot, school, monkeypatch, qtmodeltester):
    view = LijstbesprekingView(school, vandaag=VANDAAG)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.laad()
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    # by achternaam, as school lists sort: "Fleur de Wit" under W
    assert [r.naam for r in view.zichtbare_rijen()] == ["Zoë Bakker", "Daniël Çelik", "Fleur de Wit"]
    koppen = [view.proxy.headerData(k, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
              for k in range(view.proxy.columnCount())]
    assert koppen == ["Leerling", "Leerlingnummer", "Klas", "Categorie", "Stap", "Sinds", "Casusregisseur",
                      "Signalen", "Laatste contact", "Open actiepunten", "Volgende evaluatie"]
    assert [view.proxy.index(1, k).data() for k in (COL_NUMMER, COL_CATEGORIE, COL_SINDS)] == [
        "1002", "Dreigend thuiszitter", "01-10-2026"]
    view.klas_combo.setCurrentIndex(view.klas_combo.findData("2A"))
    assert [r.naam for r in view.zichtbare_rijen()] == ["Daniël Çelik", "Fleur de Wit"]
    view.over_tijd_check.setChecked(True)
    assert [r.naam for r in view.zichtbare_rijen()] == ["Fleur de Wit"]
    assert view.aantal_label.text() == "1 van 3 leerlingen"
    view.over_tijd_check.setChecked(False)
    view.klas_combo.setCurrentIndex(0)
    view.stap_combo.setCurrentIndex(view.stap_combo.findData(3))
    assert len(view.zichtbare_rijen()) == 2
    view.stap_combo.setCurrentIndex(0)
    view.tabel.sortByColumn(COL_KLAS, Qt.SortOrder.DescendingOrder)
    assert view.zichtbare_rijen()[0].naam == "Zoë Bakker"
    view.tabel.sortByColumn(COL_STAP, Qt.SortOrder.AscendingOrder)
    assert view.zichtbare_rijen()[0].stap == Stap.IN_BEELD
    view.klas_combo.setCurrentIndex(view.klas_combo.findData("2A"))
    view.tabel.sortByColumn(0, Qt.SortOrder.DescendingOrder)

    view.tabel.setCurrentIndex(view.proxy.index(0, 0))  # Fleur (2A, sorted by name descending)
    with qtbot.waitSignal(view.open_leerling) as geopende_leerling:
        qtbot.keyClick(view.tabel, Qt.Key.Key_Return)
    assert geopende_leerling.args == ["1003"]

    geopend = []
    monkeypatch.setattr(pdf_preview.PdfPreviewDialog, "exec", lambda dialog: geopend.append(dialog) or 0)
    dialog = view.afdrukken()
    assert dialog is geopend[0]
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=30_000)
    tekst = pdf_tekst(dialog.data)
    assert "Gefilterd: klas 2A" in tekst and "Zoë" not in tekst
    assert tekst.index("Fleur de Wit") < tekst.index("Daniël Çelik")  # the order on screen
    dialog.close()


def test_student_chart_shows_interventions(qtbot, school):
    panel = VerzuimPanel(school, vandaag=VANDAAG)
    qtbot.addWidget(panel)
    panel.set_leerling("1001", "Zoë Bakker")
    effect = panel.effect_panel
    assert effect is not None and effect.gegevens.effecten[0].voor.percentage == 6.7
    g = effect.grafiek
    (periode,) = g.periodes
    assert (g.labels[periode.van], g.labels[periode.tot], periode.label) == ("02-11", "23-11", "Time-out")
    assert "Time-out (vanaf 04-11-2026 t/m 27-11-2026): vóór 6,7%, erna 0,0%" in effect.cijfers.text()
    assert "Verzuim: 40%" in g.tooltip(g.labels.index("14-09"))


@pytest.mark.parametrize(("rol", "tabs"), [
    (Rol.ZORGCOORDINATOR, ["Kwartaaloverzicht", "Trends", "Werkt het?", "Lijstbespreking"]),
    (Rol.ALLEEN_LEZEN, ["Kwartaaloverzicht", "Trends", "Werkt het?"]),
    (Rol.MENTOR, []),
])
def test_tabs_per_role(qtbot, services, monkeypatch, rol, tabs):
    monkeypatch.setattr(services.ctx, "gebruiker", replace(services.gebruiker, rol=rol))
    view = OverzichtenView(services)
    qtbot.addWidget(view)
    assert view.tab_titles() == tabs
    assert view.wait(5)
