"""Deleting through real widgets: every delete asks first and names what goes ("Nee" keeps it), "Ja"
removes it and shows the undo bar, "Ongedaan maken" or Ctrl+Z brings it back exactly, a conflict is
refused with a plain message; rows with typed text in a form are not lost by one click."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.common.ongedaan_bar import TIJD_MS, OngedaanBar, ongedaan_bar
from thuiszit_desktop.ui.kalender.kalender_view import KalenderView
from thuiszit_desktop.ui.leerlingen.verzuim_panel import VerzuimPanel
from thuiszit_desktop.ui.traject.gesprek_dialog import GesprekDialog
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)


class Antwoord:
    """Stands in for the yes/no box: records each question and gives the next answer."""

    def __init__(self, monkeypatch, *antwoorden: bool):
        self.vragen: list[str] = []
        self.antwoorden = list(antwoorden)
        monkeypatch.setattr(errors, "ask", self)

    def __call__(self, parent, vraag, **kw) -> bool:
        self.vragen.append(vraag)
        return self.antwoorden.pop(0)


@pytest.fixture(autouse=True)
def geen_andere_boxen(monkeypatch):
    monkeypatch.setattr(errors, "ask", lambda *a, **kw: pytest.fail("unexpected question"))
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail(f"crash: {details}"))


@pytest.fixture
def school(services):
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, klas="2B"), vandaag=VANDAAG)
    return services


def in_venster(qtbot, widget) -> QMainWindow:
    """The view inside a main window, as in the app (the undo bar floats over the window)."""
    window = QMainWindow()
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def zichtbare_bar(window) -> OngedaanBar:
    bar = window.findChild(OngedaanBar)
    assert bar is not None and bar.isVisible()
    return bar


def ctrl_z(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # let go of Ctrl too: Qt remembers the modifiers of the last key event, and a Ctrl still "held" would make
    # the selectRow() of later tests toggle the selection off
    qtbot.keyRelease(widget, Qt.Key.Key_Control)


@pytest.fixture
def traject_view(qtbot, school):
    tr = school.trajecten
    tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=date(2026, 9, 1), vandaag=VANDAAG)
    school.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", date(2026, 11, 12), "Moeder vertelt over de buikpijn",
                          afspraken=["Mentor belt vrijdag", "Zoë komt dinsdag een uur"],
                          actiepunten=[(0, "Anna de Vries", date(2026, 11, 20))], vandaag=VANDAAG)
    view = TrajectView(school, vandaag=VANDAAG)
    window = in_venster(qtbot, view)
    view.show_leerling("1001")
    return view, window


def test_a_gesprek_is_deleted_after_asking_and_comes_back_with_ongedaan_maken(qtbot, traject_view, school,
                                                                               monkeypatch):
    view, window = traject_view
    tree = view.gesprekken_tree
    assert tree.topLevelItemCount() == 1 and view.gesprek_weg_button.isVisible()
    tree.setCurrentItem(tree.topLevelItem(0))

    vraag = Antwoord(monkeypatch, False)
    view.gesprek_weg_button.click()
    assert vraag.vragen == ["Het gesprek van 12-11-2026 verwijderen?"]
    assert tree.topLevelItemCount() == 1 and window.findChild(OngedaanBar) is None

    voor = school.gesprekken.gesprekken("1001")
    Antwoord(monkeypatch, True)
    view.gesprek_weg_button.click()
    assert school.gesprekken.gesprekken("1001") == [] and tree.topLevelItemCount() == 0
    bar = zichtbare_bar(window)
    assert bar.label.text() == "Gesprek van 12-11-2026 verwijderd."
    assert bar.timer.isActive() and bar.timer.interval() == TIJD_MS

    bar.button.click()
    assert school.gesprekken.gesprekken("1001") == voor  # same id, its afspraken and the actiepunt's link
    assert tree.topLevelItemCount() == 1
    assert bar.label.text() == "Gesprek van 12-11-2026 is teruggezet." and not bar.button.isVisible()


def test_ctrl_z_undoes_an_actiepunt_delete_while_the_bar_shows(qtbot, traject_view, school, monkeypatch):
    view, window = traject_view
    [actiepunt] = school.actiepunten.actiepunten("1001")
    view.tabs.setCurrentIndex(2)
    view.actiepunten_tree.setCurrentItem(view.actiepunten_tree.topLevelItem(0))
    vraag = Antwoord(monkeypatch, True)
    view.actie_weg_button.click()
    assert vraag.vragen == ["Het actiepunt 'Mentor belt vrijdag' verwijderen?"]
    assert school.actiepunten.actiepunten("1001") == []
    zichtbare_bar(window)

    window.activateWindow()
    qtbot.waitActive(window)
    ctrl_z(qtbot, view.actiepunten_tree)
    assert school.actiepunten.actiepunten("1001") == [actiepunt]
    assert view.actiepunten_tree.topLevelItemCount() == 1


def test_after_the_bar_is_gone_ctrl_z_does_nothing(qtbot, traject_view, school, monkeypatch):
    view, window = traject_view
    view.gesprekken_tree.setCurrentItem(view.gesprekken_tree.topLevelItem(0))
    Antwoord(monkeypatch, True)
    view.gesprek_weg_button.click()
    bar = zichtbare_bar(window)
    bar.timer.timeout.emit()  # the ten seconds are over
    assert not bar.isVisible() and not bar.ongedaan_maken()
    window.activateWindow()
    qtbot.waitActive(window)
    ctrl_z(qtbot, view.gesprekken_tree)
    assert school.gesprekken.gesprekken("1001") == []


def test_undo_of_verzuim_refused_when_the_day_got_new_verzuim(qtbot, school, monkeypatch):
    school.verzuim.invoeren("1001", date(2026, 11, 9), None, Reden.ZIEK, uren=3, vandaag=VANDAAG)
    panel = VerzuimPanel(school, vandaag=VANDAAG)
    window = in_venster(qtbot, panel)
    panel.set_leerling("1001", "Zoë Bakker")
    qtbot.waitUntil(lambda: panel.registraties_van == "1001")  # read right after the first paint
    panel.registraties.setCurrentIndex(2)
    panel.hand_tabel.selectRow(0)
    vraag = Antwoord(monkeypatch, True)
    with qtbot.waitSignal(panel.changed):
        panel.hand_verwijderen.click()
    assert vraag.vragen == ["Het ingevoerde verzuim van ma 09-11-2026 verwijderen?"]
    bar = zichtbare_bar(window)
    assert bar.label.text() == "Verzuim van 09-11-2026 verwijderd."

    school.verzuim.invoeren("1001", date(2026, 11, 9), None, Reden.ZIEK, uren=6, vandaag=VANDAAG)
    meldingen = []
    monkeypatch.setattr(errors, "show_error", lambda parent, tekst, **kw: meldingen.append(tekst))
    bar.button.click()
    assert meldingen == ["Op 09-11-2026 is intussen opnieuw verzuim ingevoerd; het verwijderde verzuim komt "
                         "daarom niet terug."]
    assert not bar.isVisible()
    assert [h.uren for h in school.verzuim.handmatig("1001")] == [6]  # nothing half-restored


def test_several_vrije_dagen_go_and_come_back_in_one_undo(qtbot, school, monkeypatch):
    school.kalender.vrije_dagen_toevoegen(date(2026, 11, 11), date(2026, 11, 13), "Studiedagen")
    view = KalenderView(school, vandaag=VANDAAG)
    window = in_venster(qtbot, view)
    assert view.tabs.tabText(1) == "Vrije dagen (3)"
    view.tabs.setCurrentIndex(1)
    view.vrije_tabel.selectAll()
    vraag = Antwoord(monkeypatch, True)
    view.vrij_verwijderen_button.click()
    assert vraag.vragen == ["Deze 3 vrije dagen verwijderen?"]
    assert school.kalender.vrije_dagen() == []
    bar = zichtbare_bar(window)
    assert bar.label.text() == "3 vrije dagen verwijderd."
    bar.button.click()
    assert [v.datum for v in school.kalender.vrije_dagen()] == [date(2026, 11, 11), date(2026, 11, 12),
                                                                date(2026, 11, 13)]
    assert not school.kalender.calendar().is_lesdag(date(2026, 11, 12))


def test_a_new_delete_replaces_the_offer_and_one_bar_per_window(qtbot, traject_view, school, monkeypatch):
    view, window = traject_view
    Antwoord(monkeypatch, True, True)
    view.gesprekken_tree.setCurrentItem(view.gesprekken_tree.topLevelItem(0))
    view.gesprek_weg_button.click()
    view.tabs.setCurrentIndex(2)
    view.actiepunten_tree.setCurrentItem(view.actiepunten_tree.topLevelItem(0))
    view.actie_weg_button.click()
    assert len(window.findChildren(OngedaanBar)) == 1 and ongedaan_bar(view) is zichtbare_bar(window)
    assert zichtbare_bar(window).label.text() == "Actiepunt 'Mentor belt vrijdag' verwijderd."


def test_removing_a_typed_afspraak_row_asks_an_empty_one_does_not(qtbot, school, monkeypatch):
    dialog = GesprekDialog(school, "1001", vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    lijst = dialog.afspraken
    getypt, leeg = lijst.add(), lijst.add()
    getypt.tekst.setText("Zoë komt maandag het eerste uur")

    vraag = Antwoord(monkeypatch, False)
    getypt.remove_button.click()
    assert vraag.vragen == ["Deze afspraak weghalen?"] and lijst.rows == [getypt, leeg]
    assert getypt.tekst.text() == "Zoë komt maandag het eerste uur"
    Antwoord(monkeypatch, True)
    getypt.remove_button.click()
    assert lijst.rows == [leeg]

    monkeypatch.setattr(errors, "ask", lambda *a, **kw: pytest.fail("asked for an empty row"))
    leeg.remove_button.click()
    assert lijst.rows == []


def test_closing_the_app_right_after_typing_keeps_the_text_as_a_draft(qtbot, school, db_path, tmp_path):
    """The autosave waits a moment after typing stops; closing the window within that moment still keeps it."""
    from PySide6.QtCore import QSettings

    from tests.conftest import WACHTWOORD
    from thuiszit_desktop.services import session
    from thuiszit_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(school, settings=QSettings(str(tmp_path / "i.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    dialog = GesprekDialog(school, "1001", window, vandaag=VANDAAG)
    dialog.show()
    dialog.samenvatting.setPlainText("Zoë vertelde dat ze de grote groepen moeilijk vindt")
    assert dialog.concept._timer.isActive()  # not written yet
    window.close()

    weer = session.login(db_path, "Anna de Vries", WACHTWOORD)
    try:
        bewaard = weer.concepten.lees("gesprek", "1001")
        assert bewaard is not None
        assert bewaard.velden["samenvatting"] == "Zoë vertelde dat ze de grote groepen moeilijk vindt"
    finally:
        weer.close()


def test_an_mdo_is_deleted_from_its_card_and_comes_back(qtbot, traject_view, school, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    view, window = traject_view
    t = school.trajecten.open_traject("1001")
    school.mdo.mdo_vastleggen(t.id, date(2026, 10, 1), besluiten=["Halve dagen"], vandaag=VANDAAG)
    view.show_leerling("1001")
    view.tabs.setCurrentIndex(1)
    [knop] = [b for b in view.mdo_scroll.widget().findChildren(QPushButton) if b.text() == "Verwijderen…"]
    vraag = Antwoord(monkeypatch, True)
    knop.click()
    assert vraag.vragen == ["Het MDO van 01-10-2026 verwijderen?"]
    assert school.mdo.mdos(t.id) == []
    zichtbare_bar(window).button.click()
    [mdo] = school.mdo.mdos(t.id)
    assert [b.tekst for b in mdo.besluiten] == ["Halve dagen"]
    assert view.tabs.tabText(1) == "MDO's (1)"


def test_a_partner_is_deleted_in_the_address_book_and_comes_back(qtbot, school, monkeypatch):
    from thuiszit_desktop.domain.mdo import Partner
    from thuiszit_desktop.domain.traject import MdoRol
    from thuiszit_desktop.ui.traject.partners_dialog import PartnersDialog

    school.partners.partner_opslaan(Partner("Pien de Wit", MdoRol.JEUGDARTS, "GGD"))
    dialog = PartnersDialog(school)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.delete_button.isVisible()  # nothing chosen: a new partner
    dialog.table.selectRow(0)
    assert dialog.delete_button.isVisible()
    vraag = Antwoord(monkeypatch, True)
    dialog.delete_button.click()
    assert vraag.vragen == ["Pien de Wit verwijderen?"]
    assert school.partners.partners() == [] and dialog.table.rowCount() == 0
    bar = zichtbare_bar(dialog)
    assert bar.label.text() == "Pien de Wit verwijderd."
    bar.button.click()
    assert [p.naam for p in school.partners.partners()] == ["Pien de Wit"]
    assert dialog.table.rowCount() == 1


def test_a_concept_version_of_the_plan_is_thrown_away_and_comes_back(qtbot, traject_view, school, monkeypatch):
    from dataclasses import replace

    from thuiszit_desktop.domain.plan import Akkoord, Doel
    from thuiszit_desktop.ui.traject.plan_dialog import PlanDialog

    view, window = traject_view
    pl, t = school.plannen, school.trajecten.open_traject("1001")
    plan = pl.opslaan(replace(pl.nieuw(t.id, vandaag=VANDAAG), doelen=(Doel("Elke ochtend op school",
                                                                            date(2027, 3, 1), "Rooster"),)),
                      vandaag=VANDAAG)
    school.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))  # signs for the school
    vast = pl.vaststellen(plan.id, date(2026, 11, 20), Akkoord("Ingrid Bakker", date(2026, 11, 20)), vandaag=VANDAAG)
    pl.opslaan(replace(vast, ouders_willen="Meer rust"), vandaag=VANDAAG)
    zichtbaar = []

    def exec_(dialog):
        zichtbaar.append(dialog.weggooi_button.isVisibleTo(dialog))
        dialog.weggooi_button.click()
        return dialog.result()

    monkeypatch.setattr(PlanDialog, "exec", exec_)
    vraag = Antwoord(monkeypatch, True)
    assert view.plan_van_aanpak()
    assert zichtbaar == [True]
    assert vraag.vragen == ["Conceptversie 2 van het plan verwijderen?"]
    assert [p.versie for p in pl.versies(t.id)] == [1]
    bar = zichtbare_bar(window)
    assert bar.label.text() == "Conceptversie 2 van het plan verwijderd."
    bar.button.click()
    assert [(p.versie, p.ouders_willen) for p in pl.versies(t.id)][-1] == (2, "Meer rust")


def test_rows_of_the_leerling_form_ask_only_when_something_is_typed(qtbot, school, monkeypatch):
    from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog

    dialog = LeerlingDialog(school, school.leerlingen.get("1001"), vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    vrijstelling = dialog.vrijstellingen.add_new()  # only dates (always filled in): nothing typed
    vrijstelling.remove_button.click()
    assert dialog.vrijstellingen.rows == []

    ouder = dialog.ouders.add_new()
    ouder.naam.setText("Fatima el Amrani")
    vraag = Antwoord(monkeypatch, False)
    ouder.remove_button.click()
    assert vraag.vragen == ["Deze ouder weghalen?"] and dialog.ouders.rows == [ouder]
    Antwoord(monkeypatch, True)
    ouder.remove_button.click()
    assert dialog.ouders.rows == []


def test_the_logo_is_removed_after_asking_and_comes_back(qtbot, school, monkeypatch, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog

    png = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5f8b"))
    assert image.save(str(png))
    school.school.logo_opslaan(png.read_bytes())
    dialog = InstellingenDialog(school)
    qtbot.addWidget(dialog)
    dialog.show()
    vraag = Antwoord(monkeypatch, False, True)
    dialog.logo_weg.click()
    assert school.school.logo() == png.read_bytes()
    dialog.logo_weg.click()
    assert vraag.vragen == ["Het logo van de school verwijderen?"] * 2
    assert school.school.logo() is None and dialog.logo_voorbeeld.text() == "Geen logo"
    zichtbare_bar(dialog).button.click()
    assert school.school.logo() == png.read_bytes() and dialog.logo_weg.isEnabled()
