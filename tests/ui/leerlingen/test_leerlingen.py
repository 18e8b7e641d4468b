"""The student list (model, filter, view) and the add/edit dialog, driven like a user would."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from thuiszit_desktop.domain.leerling import (
    Contactvoorkeur,
    Leerling,
    Ouder,
    Relatie,
    Vrijstelling,
    VrijstellingType,
)
from thuiszit_desktop.domain.signalen import Niveau, Signaal, SignaalSoort
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.domain.zoeken import natuurlijke_sleutel, zoek_in, zoeksleutel, zoektekst
from thuiszit_desktop.services.leerlingen import LeerlingRij
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog
from thuiszit_desktop.ui.leerlingen.leerlingen_view import SEARCH_PLACEHOLDER, LeerlingenView
from thuiszit_desktop.ui.models.leerlingen_model import (
    COL_GEBOORTEDATUM,
    COL_KLAS,
    COL_NAAM,
    COL_NIVEAU,
    COL_SIGNALEN,
    GEEN_MENTOR,
    MET_SIGNAAL,
    SORT_ROLE,
    LeerlingenFilter,
    LeerlingenModel,
    signalen_kort,
)

# The offscreen platform's notice when a window is shown; not a problem of ours.

VANDAAG = date(2026, 11, 23)

LEERLINGEN = [
    Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë", klas="2B",
             mentor="Daniël de Jong"),
    Leerling("1002", "Çelik", date(2011, 1, 17), date(2023, 8, 1), voornaam="Mehmet", klas="3H",
             mentor="Samira Haddou"),
    Leerling("1003", "Jong", date(2013, 9, 30), date(2025, 8, 1), voornaam="Daniël", tussenvoegsel="de",
             klas="1A", mentor="Daniël de Jong"),
    Leerling("1004", "Amrani", date(2010, 12, 1), date(2022, 8, 1), voornaam="Fatima", tussenvoegsel="el",
             klas="10A"),
    Leerling("1005", "Visser", date(2011, 6, 6), date(2022, 8, 1), voornaam="Lars", klas="2B",
             mentor="Samira Haddou", uitschrijfdatum=date(2026, 3, 1), bestemming="Het Vlietland College"),
]


def add_students(services, leerlingen=LEERLINGEN) -> None:
    for leerling in leerlingen:
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)


def rij(i: int, naam: str, sorteernaam: str, klas: str, geboren: date, ingeschreven: bool = True,
        mentor: str = "") -> LeerlingRij:
    return LeerlingRij(i, str(2000 + i), naam, sorteernaam, klas, mentor, geboren, ingeschreven)


ROWS = [
    rij(1, "Zoë Bakker", "Bakker, Zoë", "2B", date(2012, 5, 3), mentor="Daniël de Jong"),
    rij(2, "Mehmet Çelik", "Çelik, Mehmet", "10A", date(2011, 1, 17), mentor="Samira Haddou"),
    rij(3, "Daniël de Jong", "Jong, Daniël de", "1A", date(2013, 9, 30)),
    rij(4, "Lars Visser", "Visser, Lars", "2B", date(2009, 2, 28), ingeschreven=False, mentor="Samira Haddou"),
]


@pytest.fixture
def proxy(qapp):
    model = LeerlingenModel(ROWS)
    proxy = LeerlingenFilter()
    proxy.setSourceModel(model)
    proxy.set_show_uitgeschreven(True)
    return proxy


def names(proxy: QSortFilterProxyModel) -> list[str]:
    return [proxy.index(r, COL_NAAM).data() for r in range(proxy.rowCount())]


# --- model and filter -------------------------------------------------------------------------------

def test_fold_and_natural_key():
    assert zoeksleutel("Zoë Çelik-Öztürk") == "zoe celik-ozturk"
    assert sorted(["10A", "2B", "1A", "h10a", "H4A"], key=natuurlijke_sleutel) == ["1A", "2B", "10A", "H4A", "h10a"]


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, proxy):
    qtmodeltester.check(proxy.sourceModel())
    qtmodeltester.check(proxy)  # the tester keeps watching the changes below
    proxy.sort(COL_GEBOORTEDATUM, Qt.SortOrder.DescendingOrder)
    proxy.set_search("bakker")
    proxy.set_klas("2B")
    proxy.sort(COL_KLAS, Qt.SortOrder.AscendingOrder)
    proxy.sourceModel().set_rows(ROWS[:2])
    qtmodeltester.check(proxy)


def test_the_proxy_maps_each_row_shown_to_its_source_row_and_back(proxy):
    model = proxy.sourceModel()
    proxy.set_klas("2B")  # Bakker and Visser, with Çelik and de Jong between them in the source
    shown = [proxy.mapToSource(proxy.index(r, COL_KLAS)).row() for r in range(proxy.rowCount())]
    assert [model.row_at(r).sorteernaam for r in shown] == ["Bakker, Zoë", "Visser, Lars"]
    for r in range(model.rowCount()):
        back = proxy.mapFromSource(model.index(r, COL_KLAS))
        assert back.row() == (shown.index(r) if r in shown else -1) and back.isValid() == (r in shown)
        assert not back.isValid() or back.column() == COL_KLAS


def test_an_uitgeschreven_row_is_in_the_disabled_text_colour(proxy):
    model = proxy.sourceModel()
    kleur = {model.row_at(r).sorteernaam: model.index(r, COL_NAAM).data(Qt.ItemDataRole.ForegroundRole)
             for r in range(model.rowCount())}
    assert kleur.pop("Visser, Lars").color() == QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                                             QPalette.ColorRole.Text)
    assert set(kleur.values()) == {None}


def test_model_tester_on_an_empty_model(qtmodeltester, qapp):
    model = LeerlingenModel([])
    proxy = LeerlingenFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_search_ignores_case_and_accents(proxy):
    proxy.set_search("zoe")
    assert names(proxy) == ["Bakker, Zoë"]
    proxy.set_search("CELIK")
    assert names(proxy) == ["Çelik, Mehmet"]
    proxy.set_search("daniel de jong")  # words in any order, each must match
    assert names(proxy) == ["Jong, Daniël de"]
    proxy.set_search("2003")  # leerlingnummer
    assert names(proxy) == ["Jong, Daniël de"]
    proxy.set_search("2b")  # klas
    assert sorted(names(proxy)) == ["Bakker, Zoë", "Visser, Lars"]
    proxy.set_search("")
    assert proxy.rowCount() == 4


def test_filters_on_klas_mentor_and_enrolment(proxy):
    proxy.set_klas("2B")
    assert sorted(names(proxy)) == ["Bakker, Zoë", "Visser, Lars"]
    proxy.set_show_uitgeschreven(False)
    assert names(proxy) == ["Bakker, Zoë"]
    proxy.set_klas(None)
    proxy.set_mentor("Samira Haddou")
    assert names(proxy) == ["Çelik, Mehmet"]
    proxy.set_mentor(GEEN_MENTOR)
    assert names(proxy) == ["Jong, Daniël de"]


def _signaal(nr: str, soort: SignaalSoort, sinds: date, uitleg: str = "") -> Signaal:
    return Signaal(nr, soort, sinds, sinds, date(2026, 9, 23) if soort == SignaalSoort.MELDPLICHT_16U else None,
                   uitleg)


NIVEAUS = {"2001": Niveau("2001", 2, 6.1), "2002": Niveau("2002", 3, 45.5), "2003": Niveau("2003", 1, 0.0)}
SIGNALEN = {
    "2001": [_signaal("2001", SignaalSoort.MELDPLICHT_16U, date(2026, 9, 14), "18 uur ongeoorloofd verzuim"),
             _signaal("2001", SignaalSoort.LUXE_VERZUIM, date(2026, 10, 16))],
    "2002": [_signaal("2002", SignaalSoort.THUISZITTER, date(2026, 6, 1)),
             _signaal("2002", SignaalSoort.THUISZITTER_3MND, date(2026, 6, 1))],
    "2004": [_signaal("2004", SignaalSoort.ABSOLUUT_VERZUIM, date(2026, 3, 1))],  # Lars, uitgeschreven
}


def column(proxy: QSortFilterProxyModel, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_short_signal_labels():
    assert signalen_kort([SignaalSoort.LUXE_VERZUIM, SignaalSoort.MELDPLICHT_16U]) == "16 uur, Luxe verzuim?"
    assert signalen_kort([SignaalSoort.THUISZITTER, SignaalSoort.THUISZITTER_3MND]) == "Thuiszitter >3 mnd"
    assert signalen_kort([]) == ""


def test_levels_and_signals_are_merged_later(qtmodeltester, proxy):
    model: LeerlingenModel = proxy.sourceModel()
    qtmodeltester.check(proxy)
    assert column(proxy, COL_NIVEAU) == ["", "", "", ""] and not model.has_signalen
    zoe = QPersistentModelIndex(proxy.index(0, COL_NAAM))
    model.set_signalen(NIVEAUS, SIGNALEN)
    assert zoe.data() == "Bakker, Zoë"  # the selection survives the merge
    assert column(proxy, COL_NAAM) == ["Bakker, Zoë", "Çelik, Mehmet", "Jong, Daniël de", "Visser, Lars"]
    assert column(proxy, COL_NIVEAU) == ["2", "3", "1", ""]
    assert column(proxy, COL_SIGNALEN) == ["16 uur, Luxe verzuim?", "Thuiszitter >3 mnd", "", "Absoluut verzuim"]
    assert proxy.index(1, COL_NIVEAU).data(Qt.ItemDataRole.ToolTipRole) == "Niveau 3: 45,5% verzuim dit schooljaar"
    tip = proxy.index(0, COL_SIGNALEN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Meldplicht: 16 uur ongeoorloofd verzuim\nRegel: 16 uur of meer ongeoorloofd verzuim "
                          "binnen 4 lesweken")
    assert "\nHier: 18 uur ongeoorloofd verzuim" in tip and "\n\nMogelijk luxe verzuim\nRegel: " in tip
    assert isinstance(proxy.index(0, COL_NIVEAU).data(Qt.ItemDataRole.DecorationRole), QPixmap)
    assert proxy.index(3, COL_NIVEAU).data(Qt.ItemDataRole.DecorationRole) is None

    proxy.sort(COL_NIVEAU, Qt.SortOrder.AscendingOrder)  # level 3 first, unknown last
    assert column(proxy, COL_NIVEAU) == ["3", "2", "1", ""]
    proxy.sort(COL_SIGNALEN, Qt.SortOrder.AscendingOrder)  # the most urgent signal first
    assert column(proxy, COL_NAAM) == ["Bakker, Zoë", "Çelik, Mehmet", "Visser, Lars", "Jong, Daniël de"]
    proxy.set_niveau(2)
    model.set_signalen({**NIVEAUS, "2003": Niveau("2003", 2, 5.5)}, SIGNALEN)  # a new overzicht, filtered
    assert column(proxy, COL_NAAM) == ["Bakker, Zoë", "Jong, Daniël de"]
    model.set_rows(ROWS[:3])  # a refreshed list keeps the levels and signals
    assert column(proxy, COL_NIVEAU) == ["2", "2"]
    qtmodeltester.check(proxy)


def test_the_proxy_answers_as_qt_maps(proxy):
    """LeerlingenFilter.data skips Qt's index mapping; it must give what the mapped source index gives."""
    model: LeerlingenModel = proxy.sourceModel()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole, SORT_ROLE)

    def check() -> None:
        for r in range(proxy.rowCount()):
            for c in range(proxy.columnCount()):
                index = proxy.index(r, c)
                source = proxy.mapToSource(index)
                assert proxy.flags(index) == model.flags(source)
                for role in roles:
                    assert proxy.data(index, role) == model.data(source, role), (r, c, role)

    check()
    proxy.set_search("a")
    check()
    model.set_signalen(NIVEAUS, SIGNALEN)
    check()
    proxy.sort(COL_SIGNALEN, Qt.SortOrder.DescendingOrder)
    proxy.set_search("")
    proxy.set_signaal(MET_SIGNAAL)
    check()
    model.set_rows(ROWS[1:])
    check()
    assert proxy.data(proxy.index(99, 0)) is None


def test_filters_on_level_and_signal(proxy):
    proxy.sourceModel().set_signalen(NIVEAUS, SIGNALEN)
    proxy.set_show_uitgeschreven(False)
    proxy.set_niveau(3)
    assert names(proxy) == ["Çelik, Mehmet"]
    assert proxy.narrows()
    proxy.set_niveau(None)
    proxy.set_signaal(MET_SIGNAAL)  # uitgeschreven students with a signal too: absoluut verzuim is about them
    assert names(proxy) == ["Bakker, Zoë", "Çelik, Mehmet", "Visser, Lars"]
    proxy.set_signaal(SignaalSoort.THUISZITTER)
    assert names(proxy) == ["Çelik, Mehmet"]
    proxy.set_signaal(SignaalSoort.LUXE_VERZUIM)
    proxy.set_search("mehmet")
    assert names(proxy) == []
    proxy.set_search("")
    proxy.set_signaal(None)
    assert names(proxy) == ["Bakker, Zoë", "Çelik, Mehmet", "Jong, Daniël de"]
    assert not proxy.narrows()


def test_sorting_uses_natural_klas_order_and_real_dates(proxy):
    proxy.sort(COL_KLAS, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, COL_KLAS).data() for r in range(4)] == ["1A", "2B", "2B", "10A"]
    proxy.sort(COL_GEBOORTEDATUM, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, COL_GEBOORTEDATUM).data() for r in range(4)] == [
        "30-09-2013", "03-05-2012", "17-01-2011", "28-02-2009"]
    assert proxy.index(0, COL_GEBOORTEDATUM).data(SORT_ROLE) == "2013-09-30"
    proxy.set_search("a")  # sorting survives a filter change
    assert names(proxy)[0] == "Jong, Daniël de"


# --- the view ----------------------------------------------------------------------------------------

@pytest.fixture
def view(qtbot, services):
    add_students(services)
    view = LeerlingenView(services)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    with qtbot.waitExposed(view):  # (a context manager: called plainly it waits for nothing)
        view.show()
    return view


def visible_names(view: LeerlingenView) -> list[str]:
    return [r.sorteernaam for r in view.visible_rows()]


def test_the_list_starts_sorted_by_name_without_uitgeschreven(view):
    assert visible_names(view) == ["Amrani, Fatima el", "Bakker, Zoë", "Çelik, Mehmet", "Jong, Daniël de"]
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_NAAM
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert view.count_label.text() == "4 leerlingen · 1 uitgeschreven niet getoond"
    assert view.search.placeholderText() == SEARCH_PLACEHOLDER


def test_the_rows_come_with_their_search_texts(qtbot, services):
    """(issue 16) Each row of the service carries its folded search text (kept in the file with the rows), so
    the first keystroke does not make 20,000 of them; rows without one get it made with the rows."""
    add_students(services)
    view = LeerlingenView(services)
    qtbot.addWidget(view)
    rows = services.leerlingen.lijst()
    assert all(r.zoek == zoektekst(f"{r.naam} {r.sorteernaam} {r.leerlingnummer} {r.klas}") for r in rows)
    assert "zoe bakker bakker, zoe 1001 2b" in view.model.search_text
    model = LeerlingenModel([r._replace(zoek="") for r in rows])
    assert model.search_text == [r.zoektekst for r in model.rows()] == view.model.search_text
    view.proxy.set_search("çelik")
    assert [r.naam for r in view.visible_rows()] == ["Mehmet Çelik"]


_NAAM = st.lists(st.sampled_from(["Ömer", "kılıç", "van", "de", "Berg", "ß", " ", "-", "d`Arc", "\x01", "2B", "e\u0301",
                                  "Ba", "bak"]), max_size=4).map("".join) | st.text(max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_NAAM, _NAAM, _NAAM, st.booleans()), max_size=8),
       st.lists(st.sampled_from(["b", "ba", "BAK", "ö", "kilic", "2b", "de berg", "'", "ss", "2000"]) | _NAAM,
                max_size=3).map(" ".join))
def test_the_search_finds_exactly_the_rows_whose_text_has_every_term(qapp, delen, zoek):
    """The list's search equals its simple definition: every term of `zoek` in the folded text of the row."""
    rows = [rij(i, voornaam, f"{achternaam}, {voornaam}", klas, date(2012, 1, 1), ingeschreven)
            for i, (voornaam, achternaam, klas, ingeschreven) in enumerate(delen)]
    model = LeerlingenModel(rows)
    proxy = LeerlingenFilter()
    proxy.setSourceModel(model)
    proxy.set_search(zoek)
    verwacht = {r.id for r in rows if r.ingeschreven and zoek_in(zoek, zoeksleutel(
        f"{r.naam} {r.sorteernaam} {r.leerlingnummer} {r.klas}"))}
    assert {proxy.source_row(i).id for i in range(proxy.rowCount())} == verwacht


def test_typing_in_the_search_field_filters(qtbot, view):
    qtbot.keyClicks(view.search, "zoe")
    assert visible_names(view) == ["Bakker, Zoë"]
    assert view.count_label.text().startswith("1 van 4 leerlingen")
    view.search.clear()
    qtbot.keyClicks(view.search, "xyz")
    assert visible_names(view) == []
    assert "Geen leerlingen gevonden" in view.count_label.text()


def test_klas_and_mentor_filters_and_uitgeschreven(qtbot, view):
    klassen = [view.klas_combo.itemText(i) for i in range(view.klas_combo.count())]
    assert klassen == ["Alle klassen", "1A", "2B", "3H", "10A"]
    view.klas_combo.setCurrentIndex(view.klas_combo.findData("2B"))
    assert visible_names(view) == ["Bakker, Zoë"]
    view.uitgeschreven_check.setChecked(True)
    assert visible_names(view) == ["Bakker, Zoë", "Visser, Lars"]
    view.klas_combo.setCurrentIndex(0)
    view.mentor_combo.setCurrentIndex(view.mentor_combo.findData("Samira Haddou"))
    assert visible_names(view) == ["Çelik, Mehmet", "Visser, Lars"]
    view.mentor_combo.setCurrentIndex(view.mentor_combo.findText("Zonder mentor"))
    assert visible_names(view) == ["Amrani, Fatima el"]


def test_filters_that_leave_nobody_say_so_and_one_click_clears_them(qtbot, view):
    """A klas with a mentor of another klas: not a blank table, but a message and "Filters wissen"."""
    assert not view.wis_filters_button.isEnabled() and view.table.leeg_tekst == ""
    view.klas_combo.setCurrentIndex(view.klas_combo.findData("1A"))
    view.mentor_combo.setCurrentIndex(view.mentor_combo.findData("Samira Haddou"))
    assert visible_names(view) == []
    assert view.table.leeg_tekst.startswith("Geen leerlingen met deze zoekterm of filters.")
    assert view.wis_filters_button.isVisible() and view.wis_filters_button.isEnabled()
    qtbot.mouseClick(view.wis_filters_button, Qt.MouseButton.LeftButton)
    assert visible_names(view) == ["Amrani, Fatima el", "Bakker, Zoë", "Çelik, Mehmet", "Jong, Daniël de"]
    assert (view.klas_combo.currentText(), view.mentor_combo.currentText()) == ("Alle klassen", "Alle mentoren")
    assert not view.wis_filters_button.isEnabled() and view.table.leeg_tekst == ""


def add_verzuim(services, tmp_path) -> None:
    """Zoë: 16 uur in September; Mehmet: thuiszitter since 12-10; verzuim imported up to 20-11-2026."""
    services.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1002", date(2026, 10, 12), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text("leerlingnummer;datum;uren;reden\n1003;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(bestand, tot=date(2026, 11, 20), vandaag=VANDAAG)


def test_level_and_signal_filters_in_the_view(qtbot, view, services, tmp_path):
    add_verzuim(services, tmp_path)
    assert not view.niveau_combo.isEnabled() and not view.signaal_combo.isEnabled()  # not computed yet
    assert view.table.model().index(0, COL_NIVEAU).data() == ""
    view.set_signalen_loading(True)
    assert view.loading_label.isVisibleTo(view)
    view.select("1004")
    view.set_overzicht(services.signalen.overzicht())  # (the window computes it in the background)
    assert not view.loading_label.isVisibleTo(view)
    assert view.niveau_combo.isEnabled() and view.signaal_combo.isEnabled()
    assert view.current_leerlingnummer() == "1004"
    niveaus = {r.sorteernaam: view.proxy.index(i, COL_NIVEAU).data() for i, r in enumerate(view.visible_rows())}
    assert niveaus == {"Amrani, Fatima el": "1", "Bakker, Zoë": "2", "Çelik, Mehmet": "3", "Jong, Daniël de": "1"}

    assert [view.niveau_combo.itemText(i) for i in range(view.niveau_combo.count())] == [
        "Alle niveaus", "Niveau 1", "Niveau 2", "Niveau 3"]
    view.niveau_combo.setCurrentIndex(view.niveau_combo.findData(3))
    assert visible_names(view) == ["Çelik, Mehmet"]
    assert view.count_label.text().startswith("1 van 4 leerlingen · 1 uitgeschreven niet getoond · niveaus en "
                                              "signalen: verzuim bijgewerkt t/m ")
    view.set_niveau_filter(None)

    signalen = [view.signaal_combo.itemText(i) for i in range(view.signaal_combo.count())]
    assert signalen == ["Alle signalen", "Met een signaal", "Met een signaal, niet afgehandeld", "16 uur",
                        "Thuiszitter >3 mnd", "Thuiszitter",
                        "Absoluut verzuim", "M@zl", "Langdurig afwezig", "Luxe verzuim?"]
    view.signaal_combo.setCurrentIndex(view.signaal_combo.findText("16 uur"))
    assert visible_names(view) == ["Bakker, Zoë", "Çelik, Mehmet"]
    assert [view.proxy.index(r, COL_SIGNALEN).data() for r in range(2)] == ["16 uur", "16 uur, Thuiszitter"]
    view.set_signaal_filter(SignaalSoort.THUISZITTER)
    assert visible_names(view) == ["Çelik, Mehmet"]
    view.clear_filters()
    assert view.signaal_combo.currentIndex() == 0 and len(visible_names(view)) == 4


def test_ctrl_f_focuses_the_search_field(qtbot, view):
    view.table.setFocus()
    with qtbot.waitActive(view):
        view.activateWindow()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()


def test_enter_and_double_click_open_the_student(qtbot, view):
    view.select("1002")
    with qtbot.waitSignal(view.open_leerling) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["1002"]
    rect = view.table.visualRect(view.proxy.index(0, COL_NAAM))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_leerling) as blocker:  # (a double-click starts with a press)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["1004"]
    view.search.setText("celik")  # one match: Enter in the search field opens it
    with qtbot.waitSignal(view.open_leerling) as blocker:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert blocker.args == ["1002"]


def test_empty_state_offers_the_import(qtbot, services):
    view = LeerlingenView(services)
    qtbot.addWidget(view)
    view.show()
    assert view.stack.currentIndex() == 1
    assert view.empty_title.text() == "Nog geen leerlingen – importeer ze uit Magister of Somtoday"
    with qtbot.waitSignal(view.import_requested):
        view.empty_import_button.click()
    add_students(services, LEERLINGEN[:1])
    view.refresh()
    assert view.stack.currentIndex() == 0
    assert visible_names(view) == ["Bakker, Zoë"]


def test_refresh_keeps_the_selection(qtbot, view, services):
    view.select("1003")
    add_students(services, [Leerling("1006", "Aydın", date(2012, 2, 2), date(2024, 8, 1), voornaam="Elif")])
    view.refresh()
    assert view.current_leerlingnummer() == "1003"
    assert visible_names(view)[0] == "Amrani, Fatima el"
    assert "Aydın, Elif" in visible_names(view)


# --- the dialog --------------------------------------------------------------------------------------

@pytest.fixture
def never_ask(monkeypatch):
    questions = []
    monkeypatch.setattr(errors, "ask", lambda parent, question, **kw: questions.append(question) or True)
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: pytest.fail(f"message box: {text}"))
    return questions


def test_add_a_student_with_a_field_error_then_fixed(qtbot, services, never_ask):
    dialog = LeerlingDialog(services, None, vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.leerlingnummer, "1010")
    qtbot.keyClicks(dialog.voornaam, "Noah")
    qtbot.keyClicks(dialog.geboortedatum, "14032012")
    qtbot.keyClicks(dialog.bsn, "123456789")
    dialog.klas.setCurrentText("1B")
    dialog.mentor.setCurrentText("Peter Wijnands")

    dialog.save_button.click()
    assert dialog.isVisible()  # nothing saved, everything typed still there
    assert dialog.error_text("achternaam") == "Vul de achternaam in."
    assert "BSN klopt niet" in dialog.error_text("bsn")
    assert dialog.voornaam.text() == "Noah"
    assert dialog.achternaam.hasFocus() or dialog.focusWidget() is dialog.achternaam

    dialog.achternaam.insert("Yılmaz")  # QTest types ASCII only
    dialog.bsn.setText("111222333")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert never_ask == []  # saving asks nothing
    saved = services.leerlingen.get("1010")
    assert (saved.naam, saved.geboortedatum, saved.klas, saved.mentor, saved.bsn) == (
        "Noah Yılmaz", date(2012, 3, 14), "1B", "Peter Wijnands", "111222333")
    assert saved.inschrijfdatum == VANDAAG
    assert dialog.saved.id == saved.id


def test_an_empty_birth_date_is_named(qtbot, services, never_ask):
    dialog = LeerlingDialog(services, None, vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.klas.currentText() == "" and dialog.mentor.currentText() == ""
    assert "Vul de geboortedatum in" in dialog.plicht_label.text()
    dialog.save_button.click()
    assert dialog.error_text("geboortedatum") == "Vul de geboortedatum in."
    assert dialog.error_text("leerlingnummer") == "Vul het leerlingnummer in."
    assert dialog.error_text("inschrijfdatum") == ""


def test_edit_a_student_with_ouders_and_vrijstelling(qtbot, services, never_ask):
    add_students(services)
    leerling = services.leerlingen.get("1001")
    dialog = LeerlingDialog(services, leerling, vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.has_changes()
    assert dialog.plicht_label.text() == "Leerplichtig tot en met 31-07-2028."

    dialog.klas.setCurrentText("3H")
    ouder = dialog.ouders.add_new()
    qtbot.keyClicks(ouder.naam, "Mirjam Bakker")
    ouder.relatie.setCurrentIndex(ouder.relatie.findData(Relatie.MOEDER))
    qtbot.keyClicks(ouder.email, "mirjam.bakker-example.nl")
    ouder.voorkeur.setCurrentIndex(ouder.voorkeur.findData(Contactvoorkeur.EMAIL))
    vrijstelling = dialog.vrijstellingen.add_new()
    vrijstelling.type.setCurrentIndex(vrijstelling.type.findData(VrijstellingType.ART_5A))
    vrijstelling.van.set_value(date(2026, 9, 1))
    vrijstelling.tot.set_value(date(2027, 7, 31))
    assert "vrijstelling 5a" in dialog.plicht_label.text()  # live

    dialog.save_button.click()
    assert dialog.error_text("ouder0") == "Het e-mailadres van Mirjam Bakker klopt niet."
    ouder.email.setText("mirjam.bakker@example.nl")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()

    saved = services.leerlingen.get("1001")
    assert saved.klas == "3H"
    assert saved.ouders == (Ouder("Mirjam Bakker", Relatie.MOEDER, email="mirjam.bakker@example.nl",
                                  contactvoorkeur=Contactvoorkeur.EMAIL),)
    assert saved.vrijstellingen == (Vrijstelling(VrijstellingType.ART_5A, date(2026, 9, 1), date(2027, 7, 31)),)


def test_vrijstelling_dates_in_the_wrong_order_and_removing_rows(qtbot, services, never_ask):
    add_students(services)
    dialog = LeerlingDialog(services, services.leerlingen.get("1002"), vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.vrijstellingen.add_new()
    row.van.set_value(date(2026, 9, 1))
    row.tot.set_value(date(2026, 1, 1))
    dialog.save_button.click()
    assert "einddatum ligt vóór de begindatum" in dialog.error_text("vrijstelling0")
    row.remove_button.click()
    assert dialog.vrijstellingen.rows == []
    assert dialog.vrijstellingen.empty.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()


def test_a_taken_leerlingnummer_shows_next_to_the_field(qtbot, services, never_ask):
    add_students(services)
    dialog = LeerlingDialog(services, services.leerlingen.get("1002"), vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.leerlingnummer.setText("1001")
    dialog.save_button.click()
    assert "al in gebruik" in dialog.error_text("leerlingnummer")
    assert dialog.isVisible()


def test_closing_with_changes_asks_first(qtbot, services, monkeypatch):
    add_students(services)
    answers = [False, True]
    asked = []

    def ask(parent, question, **kw):
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr(errors, "ask", ask)
    dialog = LeerlingDialog(services, services.leerlingen.get("1001"), vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.voornaam.setText("Zoey")
    dialog.reject()
    assert dialog.isVisible()
    assert asked == ["Wijzigingen weggooien?"]
    with qtbot.waitSignal(dialog.rejected):
        dialog.reject()
    assert services.leerlingen.get("1001").voornaam == "Zoë"


def test_closing_without_changes_asks_nothing(qtbot, services, monkeypatch):
    monkeypatch.setattr(errors, "ask", lambda *a, **kw: pytest.fail("asked"))
    dialog = LeerlingDialog(services, None, vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.rejected):
        dialog.reject()


def test_contactmoment_button_and_context_menu_for_the_selected_student(qtbot, view):
    asked = []
    view.contactmoment_requested.connect(asked.append)
    assert view.contact_button.text() == "Contactmoment…" and not view.contact_button.isEnabled()
    assert view.select("1002")
    qtbot.mouseClick(view.contact_button, Qt.MouseButton.LeftButton)
    menu = view.context_menu_for(view.table.currentIndex())
    [action] = [a for a in menu.actions() if a.text() == "Contactmoment…"]
    action.trigger()
    assert asked == ["1002", "1002"]


def test_a_kept_index_follows_its_student_through_a_sort_and_a_filter(proxy):
    """The view's selection and current row are persistent indexes of the filter: they move with the student."""
    lars = QPersistentModelIndex(proxy.index(names(proxy).index("Visser, Lars"), COL_KLAS))
    proxy.sort(COL_NAAM, Qt.SortOrder.DescendingOrder)
    assert names(proxy)[0] == "Visser, Lars" and lars.row() == 0 and lars.column() == COL_KLAS
    assert lars.data() == "2B"
    proxy.sourceModel().set_signalen(NIVEAUS, SIGNALEN)  # a merge: a layout change of the source
    assert lars.data() == "2B" and proxy.index(lars.row(), COL_NAAM).data() == "Visser, Lars"
    proxy.set_search("zoe")  # filtered out: gone
    assert not lars.isValid()
