"""The area "Overzichten" and its tab "Kwartaaloverzicht", driven through real widgets: the quarter picker,
the sortable table, the totals, the exports and the PDF preview; a mentor does not get the tab."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.overzichten import overzichten_view
from thuiszit_desktop.ui.overzichten.overzichten_view import OverzichtenView

VANDAAG = date(2027, 1, 10)  # the last complete quarter is 2026-Q4


@pytest.fixture(autouse=True)
def no_file_dialog(monkeypatch):
    monkeypatch.setattr(overzichten_view, "save_file_name", lambda *a: pytest.fail("file dialog"))


@pytest.fixture
def school(services):
    """Zoë: at home since 14 September (fictional); Mehmet: vrijstelling 5a since 2 November; Sanne: nothing."""
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2011, 3, 5), date(2023, 8, 1), voornaam="Zoë",
                                         klas="3H"), date(2026, 9, 1))
    services.leerlingen.opslaan(Leerling("1002", "Çelik", date(2012, 6, 17), date(2023, 8, 1), voornaam="Mehmet",
                                         klas="2B", vrijstellingen=(
                                             Vrijstelling(VrijstellingType.ART_5A, date(2026, 11, 2)),)),
                                date(2026, 11, 2))
    services.leerlingen.opslaan(Leerling("1003", "Visser", date(2012, 9, 9), date(2023, 8, 1), voornaam="Sanne",
                                         klas="2A"), date(2026, 9, 1))
    services.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 12, 18), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1003", date(2027, 1, 5), None, Reden.ZIEK, vandaag=VANDAAG)  # 2027-Q1 has data
    return services


@pytest.fixture
def view(qtbot, school):
    v = OverzichtenView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.resize(1200, 700)
    with qtbot.waitSignal(v.kwartaal.loaded, timeout=10_000):
        v.show()  # computed when first shown, in the background
    return v


def cellen(tab, kolom: int) -> list[str]:
    return [tab.proxy.index(r, kolom).data() for r in range(tab.proxy.rowCount())]


def test_the_last_complete_quarter_with_table_and_totals(view, qtmodeltester):
    assert view.tab_titles()[0] == "Kwartaaloverzicht"  # first: other overviews follow
    tab = view.kwartaal
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    assert tab.picker.currentData() == "2026-Q4"
    assert tab.picker.itemData(0) == "2027-Q1"  # the running quarter can be picked too
    assert tab.proxy.columnCount() == 10
    assert [tab.proxy.headerData(i, Qt.Orientation.Horizontal) for i in (0, 4, 9)] == ["Pseudoniem", "Categorie",
                                                                                      "Status"]
    assert cellen(tab, 4) == ["langdurig relatief verzuim", "vrijstelling 5a"]
    assert cellen(tab, 5) == ["september 2026", "november 2026"]  # months, not days
    assert cellen(tab, 9) == ["thuiszittend", "vrijstelling"]
    assert all(p.startswith("TZ-") for p in cellen(tab, 0))
    alle_tekst = " ".join(str(tab.proxy.index(r, k).data()) for r in range(2) for k in range(10))
    assert "Zoë" not in alle_tekst and "1001" not in alle_tekst
    assert "langdurig relatief verzuim 1" in tab.totalen.text() and "vrijstelling 5a 1" in tab.totalen.text()
    assert "thuiszittend 1" in tab.totalen.text() and "dreigend 0" in tab.totalen.text()
    assert tab.status.text() == "2 leerlingen · Het Baken (12AB) · vul bij Instellingen › School het samenwerkingsverband in"
    assert all(b.isEnabled() for b in tab.export_buttons.values()) and tab.preview_button.isEnabled()


def test_sorting_by_date_and_by_categorie_order(view, qtbot):
    tab = view.kwartaal
    tab.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert cellen(tab, 5) == ["november 2026", "september 2026"]
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # age: Mehmet 14, Zoë 15
    assert cellen(tab, 1) == ["14", "15"]


def test_another_quarter(view, qtbot):
    tab = view.kwartaal
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.picker.setCurrentIndex(tab.picker.findData("2026-Q3"))
    assert tab.proxy.rowCount() == 0  # 14–30 September: not yet more than 20 lesdagen
    assert tab.status.text().startswith("0 leerlingen · Het Baken (12AB)")
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.picker.setCurrentIndex(tab.picker.findData("2027-Q1"))
    assert "het kwartaal is nog niet compleet" in tab.status.text()
    assert cellen(tab, 4) == ["vrijstelling 5a"]  # Zoë has no verzuim in January: back


def test_columns_use_the_width_and_long_interventies_wrap_instead_of_being_cut(view, qtbot):
    tab = view.kwartaal
    lang = ("Dagelijkse check-in met de mentor", "Verzuimcoach", "M@zl / jeugdarts", "Afstandsonderwijs als brug")
    overzicht = replace(tab.overzicht, rijen=(replace(tab.overzicht.rijen[0], interventies=lang),
                                              *tab.overzicht.rijen[1:]))
    tab._finished(overzicht)
    header, fm = tab.table.horizontalHeader(), tab.table.fontMetrics()
    breedte = sum(header.sectionSize(k) for k in range(header.count()))
    assert breedte <= tab.table.viewport().width()  # no column pushed out of sight while there is room
    for kolom in range(header.count()):
        if kolom == overzichten_view.KOLOM_INTERVENTIES:
            continue
        for r in range(tab.proxy.rowCount()):  # every other column shows its whole text
            assert header.sectionSize(kolom) >= fm.horizontalAdvance(tab.proxy.index(r, kolom).data())
    # the interventies wrap within their column: the row is as high as the lines need
    r = next(r for r in range(tab.proxy.rowCount()) if "Verzuimcoach" in tab.proxy.index(r, 8).data())
    tekst = tab.proxy.index(r, 8).data()
    nodig = fm.boundingRect(0, 0, header.sectionSize(8) - 8, 10_000, Qt.TextFlag.TextWordWrap, tekst).height()
    assert fm.horizontalAdvance(tekst) > header.sectionSize(8)  # too long for one line at this width
    assert tab.table.rowHeight(r) >= nodig


def test_a_quarter_without_any_verzuim_is_refused_on_screen(view, qtbot):
    tab = view.kwartaal
    with qtbot.waitSignal(tab.failed, timeout=10_000):
        tab.picker.setCurrentIndex(tab.picker.findData("2026-Q2"))
    assert tab.error.isVisible() and tab.error.text().startswith("Over 2026-Q2 (april tot en met juni 2026) is geen "
                                                                 "verzuim ingevoerd")
    assert tab.proxy.rowCount() == 0 and not any(b.isEnabled() for b in tab.export_buttons.values())


def test_a_dutch_message_when_the_overview_cannot_be_made(view, qtbot, monkeypatch):
    tab = view.kwartaal

    def weiger(*_a, **_kw):
        raise InvoerFout({"kwartaal": "Het verzuim is bijgewerkt tot en met 20-11-2026."})

    monkeypatch.setattr(view.services.kwartaal, "overzicht", weiger)
    with qtbot.waitSignal(tab.failed, timeout=10_000):
        tab.picker.setCurrentIndex(tab.picker.findData("2026-Q3"))
    assert tab.error.isVisible() and "bijgewerkt tot en met" in tab.error.text()
    assert tab.proxy.rowCount() == 0 and not tab.preview_button.isEnabled()


def test_export_to_excel_csv_and_pdf(view, qtbot, tmp_path, monkeypatch):
    tab = view.kwartaal
    voorstellen = []

    def kies(parent, voorstel, filter_):
        voorstellen.append((voorstel, filter_))
        return str(tmp_path / voorstel.replace(".xlsx", ""))  # without the extension: it is added

    monkeypatch.setattr(overzichten_view, "save_file_name", kies)
    with qtbot.waitSignal(tab.exported) as blocker:
        tab.export_buttons[".xlsx"].click()
    assert voorstellen == [("Kwartaaloverzicht thuiszitters 2026-Q4.xlsx", "Excel-bestanden (*.xlsx)")]
    pad = tmp_path / "Kwartaaloverzicht thuiszitters 2026-Q4.xlsx"
    assert blocker.args == [str(pad)]
    ws = load_workbook(pad)["Overzicht"]
    assert ws.max_row == 3 and ws.cell(2, 8).value == "langdurig relatief verzuim"
    assert str(pad) in tab.status.text()

    monkeypatch.setattr(overzichten_view, "save_file_name", lambda p, v, f: str(tmp_path / v))
    tab.export_buttons[".csv"].click()
    assert (tmp_path / "Kwartaaloverzicht thuiszitters 2026-Q4.csv").read_bytes().startswith(
        b"\xef\xbb\xbfSamenwerkingsverband;BRIN;School;Pseudoniem;")
    tab.export_buttons[".pdf"].click()
    assert (tmp_path / "Kwartaaloverzicht thuiszitters 2026-Q4.pdf").read_bytes().startswith(b"%PDF")

    monkeypatch.setattr(overzichten_view, "save_file_name", lambda *a: "")  # cancelled
    assert not tab.exporteer(".csv")


def test_pdf_preview(view, qtbot):
    dialog = view.kwartaal.bekijk_pdf()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0, timeout=10_000)
    assert dialog.windowTitle() == "Kwartaaloverzicht 2026-Q4"
    assert dialog.bestandsnaam == "Kwartaaloverzicht thuiszitters 2026-Q4.pdf"
    dialog.reject()


def test_alleen_lezen_gets_the_tab_a_mentor_does_not(qtbot, school, db_path):
    # A session of each role on the database (alleen-lezen itself now opens only the overview of counts,
    # services/lezersoverzicht.py; the view still follows the role it is given).
    rijen = [school.gebruikers.toevoegen("Lies Lezer", Rol.ALLEEN_LEZEN, [], WACHTWOORD, WACHTWOORD),
             school.gebruikers.toevoegen("Mo Mentor", Rol.MENTOR, ["3H"], WACHTWOORD, WACHTWOORD)]
    for rij, mag in zip(rijen, (True, False), strict=True):
        s = session.Services(school.ctx.store, Gebruiker(rij.id, rij.naam, rij.rol, rij.klassen))
        try:
            v = OverzichtenView(s, vandaag=VANDAAG)
            qtbot.addWidget(v)
            assert ("Kwartaaloverzicht" in v.tab_titles()) is mag
            assert bool(v.findChildren(QLabel, "kwartaalTotalen")) is mag
            if mag:
                with qtbot.waitSignal(v.kwartaal.loaded, timeout=10_000):
                    v.show()
                assert v.kwartaal.proxy.rowCount() == 2
            else:
                assert v.kwartaal is None
            assert v.wait(10)
        finally:
            s.end_thread()


def test_shown_again_it_is_computed_afresh(view, qtbot, school):
    sanne = school.leerlingen.get("1003")
    school.leerlingen.opslaan(replace(sanne, vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2026, 12, 1)),)),
                              date(2026, 12, 1))
    view.hide()
    with qtbot.waitSignal(view.kwartaal.loaded, timeout=10_000):
        view.show()
    assert view.kwartaal.proxy.rowCount() == 3
