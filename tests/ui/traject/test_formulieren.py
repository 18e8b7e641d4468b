"""The small things of the traject forms a day of real use trips over (issue 14, "Forms"): each driven through
the real widgets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCalendarWidget, QLabel, QPlainTextEdit

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import Partner
from thuiszit_desktop.domain.traject import Categorie, GesprekType, MdoRol
from thuiszit_desktop.ui.common.layout_memory import remember_layout
from thuiszit_desktop.ui.common.widgets import DateEdit
from thuiszit_desktop.ui.traject.actiepunt_dialog import ActiepuntDialog
from thuiszit_desktop.ui.traject.mdo_dialog import MdoDialog
from thuiszit_desktop.ui.traject.nazorg_dialogs import NazorgDialog
from thuiszit_desktop.ui.traject.plan_dialog import PlanDialog
from thuiszit_desktop.ui.traject.traject_dialogs import SluitenDialog, TrajectDialog
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def school(services):
    """Two fictional students, each with an open traject."""
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, klas="2B", mentor="Bram Jansen"), vandaag=VANDAAG)
        services.trajecten.openen(nummer, Categorie.THUISZITTER, "Thuis sinds september", geopend=date(2026, 10, 1),
                                  vandaag=VANDAAG)
    return services


@pytest.fixture
def view(qtbot, school):
    v = TrajectView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.resize(1140, 600)  # what the student page leaves on a 1366×768 screen
    v.show()
    return v


def drag_column_border(header, kolom: int, dx: int) -> None:
    x = header.sectionViewportPosition(kolom) + header.sectionSize(kolom) - 1
    y = header.height() // 2
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    QTest.mouseMove(header.viewport(), QPoint(x + dx, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(x + dx, y))


def test_the_uit_column_of_the_actiepunten_is_never_cut(qtbot, view, school, tmp_path):
    school.actiepunten.actiepunt_toevoegen("1001", "Bellen", "Anna de Vries", date(2026, 11, 30), vandaag=VANDAAG)
    g = school.gesprekken.gesprek_vastleggen("1002", GesprekType.GESPREK_OUDERS, date(2026, 11, 20), "Over het rooster",
                              afspraken=["Rooster maken", "Thuis ophalen"],
                              actiepunten=[(0, "Anna de Vries", date(2026, 12, 1)),
                                           (1, "Anna de Vries", date(2026, 12, 2))], vandaag=VANDAAG)
    assert g.afspraken
    view.show_leerling("1001")
    view.tabs.setCurrentIndex(2)
    remember_layout(view, "traject", QSettings(str(tmp_path / "indeling.ini"), QSettings.Format.IniFormat))
    header = view.actiepunten_tree.header()
    drag_column_border(header, 1, 40)  # the user widens "Wie"; "Uit" must keep fitting its contents
    wie = header.sectionSize(1)
    view.show_leerling("1002")  # more rows, with a longer "Uit"
    qtbot.wait(20)
    item = view.actiepunten_tree.topLevelItem(0)
    assert item.text(2) == "gesprek 20-11-2026"
    assert header.sectionSize(2) >= view.actiepunten_tree.fontMetrics().horizontalAdvance(item.text(2))
    assert header.sectionSize(1) == wie


# --- the owner picker --------------------------------------------------------------------------------------

def test_the_owner_picker_offers_people_not_accounts_and_never_cuts_a_name(qtbot, school):
    ww = "Formulier-2026!"
    school.gebruikers.toevoegen("Bram Jansen", "mentor", ["2B"], ww, ww)
    school.gebruikers.toevoegen("mentor", "mentor", ["2B"], ww, ww)  # a shared login, not a person
    school.gebruikers.toevoegen("Lies Lezer", "alleen-lezen", [], ww, ww)
    lang = "Consulent van het samenwerkingsverband voortgezet onderwijs Oudewaarde en omstreken"
    school.partners.partner_opslaan(Partner("Erwin Sluijter", MdoRol.SWV_CONSULENT, lang))
    d = ActiepuntDialog(school, "1001", vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    namen = [d.wie.itemData(i).naam for i in range(d.wie.count())]
    assert "Anna de Vries" in namen and "Bram Jansen" in namen and "Erwin Sluijter" in namen
    assert "mentor" not in namen and "Lies Lezer" not in namen
    view = d.wie.view()
    assert view.textElideMode() == Qt.TextElideMode.ElideRight  # Qt's combo list cuts in the middle
    assert d.wie.completer().popup().textElideMode() == Qt.TextElideMode.ElideRight
    langste = max(view.sizeHintForIndex(view.model().index(i, 0)).width() for i in range(d.wie.count()))
    assert view.minimumWidth() >= langste  # the list opens wide enough for the whole "name (role, organisation)"


# --- the MDO dialog ------------------------------------------------------------------------------------------

def test_the_adresboek_search_is_empty_again_after_choosing(qtbot, school):
    school.partners.partner_opslaan(Partner("Mehmet Çelik", MdoRol.JEUGDARTS, "GGD regio Utrecht"))
    d = MdoDialog(school, school.trajecten.open_traject("1001").id, None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    combo = d.adresboek
    i = next(i for i in range(combo.count()) if combo.itemData(i).naam == "Mehmet Çelik")
    gekozen = combo.itemText(i)
    # What Qt does on X11 when a name is picked from the completer with the keyboard: the combo reports the
    # choice (→ the dialog adds the deelnemer and empties the search) and right after that, in the same key
    # press, the completer writes the chosen text into the search.
    combo.activated.connect(lambda _i: combo.lineEdit().setText(gekozen))
    combo.setCurrentIndex(i)
    combo.activated.emit(i)
    assert [r.naam.text() for r in d.deelnemers.rows] == ["Mehmet Çelik"]
    assert combo.currentText() == gekozen  # what the user saw: the chosen name left in the search
    qtbot.waitUntil(lambda: combo.currentText() == "", timeout=1_000)


def test_a_besluit_can_take_a_few_lines(qtbot, school):
    traject = school.trajecten.open_traject("1001")
    d = MdoDialog(school, traject.id, None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    d.datum.set_value(date(2026, 11, 20))
    tekst = "Aangepast rooster:\n- week 1 en 2 alleen de ochtenden\n- daarna drie hele dagen"
    row = d.besluiten.add()
    assert isinstance(row.tekst, QPlainTextEdit) and row.tekst.height() > 2 * row.tekst.fontMetrics().height()
    row.tekst.setPlainText(tekst)
    d.concept.bewaar()  # the draft keeps the lines together
    again = MdoDialog(school, traject.id, None, vandaag=VANDAAG)
    qtbot.addWidget(again)
    assert [b.tekst.toPlainText() for b in again.besluiten.rows] == [tekst]
    again.concept.verwijder()
    again.close()
    d.verslag.setPlainText("Besproken met moeder en de jeugdarts.")
    assert d.save()
    assert [b.tekst for b in school.mdo.mdos(traject.id)[0].besluiten] == [tekst]


def test_an_mdo_on_a_sunday_is_warned_about_not_refused(qtbot, school):
    d = MdoDialog(school, school.trajecten.open_traject("1001").id, None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    d.datum.set_value(date(2026, 11, 22))  # a Sunday
    assert d.lesdag.isVisible() and "zondag 22-11-2026" in d.lesdag.text() and "geen lesdag" in d.lesdag.text()
    d.datum.set_value(date(2026, 12, 24))  # kerstvakantie (midden)
    assert d.lesdag.isVisible() and "kerstvakantie" in d.lesdag.text()
    d.datum.set_value(date(2026, 11, 20))  # a Friday with lessons
    assert not d.lesdag.isVisible()
    d.datum.set_value(date(2026, 11, 22))
    d.verslag.setPlainText("Op zondag bij de familie thuis.")
    assert d.save()  # a warning, not a block


def test_nazorg_on_a_weekend_is_warned_about(qtbot, school):
    traject = school.trajecten.open_traject("1001")
    d = SluitenDialog(school, traject, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    d.datum.set_value(date(2026, 11, 20))
    d.rows[0].datum.set_value(date(2027, 1, 2))  # a Saturday (and kerstvakantie)
    assert d.lesdag.isVisible() and "zaterdag 02-01-2027" in d.lesdag.text()
    for r in d.rows:
        r.datum.set_value(date(2027, 1, 12))  # a Tuesday
    assert not d.lesdag.isVisible()
    moment = NazorgDialog(school, traject.id, vandaag=VANDAAG)
    qtbot.addWidget(moment)
    moment.show()
    moment.datum.set_value(date(2026, 12, 6))
    assert moment.lesdag.isVisible() and "zondag 06-12-2026" in moment.lesdag.text()
    moment.datum.set_value(date(2026, 12, 7))
    assert not moment.lesdag.isVisible()


# --- dates -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("hoe", "typen", "wordt"), [
    ("alles gekozen", "15122027", date(2027, 12, 15)),
    ("alles gekozen", "3-1-2027", date(2027, 1, 3)),
    ("dag gekozen", "15-12-2027", date(2027, 12, 15)),
    ("dag gekozen", "1-2-2027", date(2027, 2, 1)),
    ("in het jaar geklikt", "2027", date(2027, 11, 23)),
])
def test_typing_digits_into_a_filled_date_field(qtbot, hoe, typen, wordt):
    veld = DateEdit(blank_allowed=True, start=VANDAAG)
    qtbot.addWidget(veld)
    veld.show()
    veld.set_value(VANDAAG)
    veld.setFocus()
    if hoe == "alles gekozen":
        veld.selectAll()
    elif hoe == "dag gekozen":  # as after Tab
        veld.setSelectedSection(DateEdit.Section.DaySection)
    else:
        veld.lineEdit().setCursorPosition(len(veld.text()) - 1)
    QTest.keyClicks(veld, typen)
    assert veld.value() == wordt


def test_typing_into_an_empty_date_field_starts_from_the_start_date(qtbot):
    veld = DateEdit(blank_allowed=True, start=VANDAAG)
    qtbot.addWidget(veld)
    veld.show()
    veld.setFocus()
    QTest.keyClicks(veld, "15-12-2026")
    assert veld.value() == date(2026, 12, 15)


def _open_calendar(qtbot, veld: DateEdit):
    """Click the field's arrow the way a user opens its calendar; the calendar that then shows."""
    QTest.mouseClick(veld, Qt.MouseButton.LeftButton, pos=QPoint(veld.width() - 6, veld.height() // 2))
    kalender = veld.calendarWidget()
    qtbot.waitUntil(kalender.isVisible)
    return kalender


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # a popup, offscreen
@pytest.mark.parametrize("blank", [True, False])
def test_a_date_field_makes_its_calendar_when_first_opened_and_it_works_as_before(qtbot, blank):
    old_locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))  # as startup.py does
    try:
        veld = DateEdit(blank_allowed=blank, start=VANDAAG)
        qtbot.addWidget(veld)
        veld.show()
        qtbot.waitExposed(veld)
        assert not veld.findChildren(QCalendarWidget)  # nothing built up front: a form of ten fields stalled
        kalender = _open_calendar(qtbot, veld)
        assert (kalender.yearShown(), kalender.monthShown()) == (2026, 11)  # an empty field opens on `start`
        assert kalender.firstDayOfWeek() == Qt.DayOfWeek.Monday
        assert kalender.locale().language() == QLocale.Language.Dutch
        assert kalender.maximumDate() == QDate(2100, 12, 31)
        if not blank:
            assert kalender.minimumDate() == QDate(1950, 1, 1)
        kalender.setSelectedDate(QDate(2026, 11, 30))
        kalender.activated.emit(QDate(2026, 11, 30))  # Enter or a double click on a day
        qtbot.waitUntil(lambda: not kalender.isVisible())
        assert veld.value() == date(2026, 11, 30)
        if blank:  # emptied again, the calendar opens on the start month once more
            veld.set_value(None)
            veld.set_start(date(2027, 3, 1))
            kalender = _open_calendar(qtbot, veld)
            assert (kalender.yearShown(), kalender.monthShown()) == (2027, 3)
            kalender.close()
    finally:
        QLocale.setDefault(old_locale)


# --- the plan van aanpak ---------------------------------------------------------------------------------------

def plan_dialog(qtbot, school, nummer: str = "1001") -> PlanDialog:
    d = PlanDialog(school, school.trajecten.open_traject(nummer).id, None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    return d


def test_a_new_plan_has_the_mentor_as_contactpersoon(qtbot, school):
    from thuiszit_desktop.db import models as m

    m.Contact.update(telefoon="06-11223344", email="b.jansen@school.example").where(
        m.Contact.naam == "Bram Jansen").execute()
    d = plan_dialog(qtbot, school)
    assert d.contacten.values() == [("Bram Jansen", "mentor", "06-11223344", "b.jansen@school.example")]
    assert school.plannen.plan(d.traject_id).contactpersonen[0].naam == "Bram Jansen"


def test_the_besluiten_of_the_mdo_are_offered_when_writing_the_plan(qtbot, school):
    traject = school.trajecten.open_traject("1001")
    school.mdo.mdo_vastleggen(traject.id, date(2026, 11, 20), verslag="Besproken",
                                    besluiten=["Aangepast rooster: eerst de ochtenden", "Verzuimcoach inschakelen"])
    d = plan_dialog(qtbot, school)
    box = d.besluiten_box
    assert box.isVisible() and [t for t, *_ in box.regels] == ["Aangepast rooster: eerst de ochtenden",
                                                               "Verzuimcoach inschakelen"]
    _, label, als_interventie, als_afspraak = box.regels[0]
    als_afspraak.click()
    assert d.afspraken.values() == [("", "Aangepast rooster: eerst de ochtenden", "")]
    assert not als_afspraak.isEnabled() and not als_interventie.isEnabled()  # in the plan now
    box.regels[1][2].click()
    assert d.interventies.values()[0][0] == "Verzuimcoach inschakelen"
    d.afspraken.rows[0].widgets[0].setText("Mentor")
    assert d.save()
    plan = school.plannen.plan(traject.id)
    assert plan.afspraken[0].wat == "Aangepast rooster: eerst de ochtenden"
    assert plan.interventies[0].soort == "Verzuimcoach inschakelen"


def test_a_locked_plan_shows_no_date_clear_buttons_and_an_evaluation_has_no_default(qtbot, school):
    from thuiszit_desktop.db import models as m
    from thuiszit_desktop.domain.gebruiker import Profiel
    from thuiszit_desktop.domain.plan import Akkoord, Doel, Uitkomst
    from thuiszit_desktop.ui.traject.plan_vaststellen import EvaluatieDialog

    school.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "030-1234567"))  # signs for the school
    m.Contact.update(telefoon="06-11223344").where(m.Contact.naam == "Bram Jansen").execute()  # reachable
    traject = school.trajecten.open_traject("1001")
    plan = school.plannen.nieuw(traject.id, vandaag=VANDAAG)
    plan = school.plannen.opslaan(replace(plan, doelen=(Doel("Elke ochtend op school", date(2027, 3, 1), "Rooster"),),
                                          evaluatiemomenten=(date(2027, 1, 15),)), vandaag=VANDAAG)
    school.plannen.vaststellen(plan.id, date(2026, 11, 20), Akkoord("Ingrid Bakker", date(2026, 11, 20)),
                               vandaag=VANDAAG)
    d = plan_dialog(qtbot, school)
    assert not d.editable
    datums = [w for rows in (d.doelen, d.momenten) for r in rows.rows for w in r.widgets if hasattr(w, "clear_button")]
    assert datums and all(w.clear_button.isHidden() for w in datums)  # locked: nothing to empty
    d.wijzig_button.click()
    datums = [w for r in d.momenten.rows for w in r.widgets if hasattr(w, "clear_button")]
    assert not datums[0].clear_button.isHidden()

    e = EvaluatieDialog(school, school.plannen.plan(traject.id).doelen[0])
    qtbot.addWidget(e)
    assert e.uitkomst.currentIndex() == -1 and e.uitkomst.currentText() == ""  # nothing chosen for the user
    assert not e.save()
    assert "Kies de uitkomst" in e.error.text()
    assert school.plannen.plan(traject.id).doelen[0].evaluaties == ()
    e.uitkomst.setCurrentIndex(e.uitkomst.findData(Uitkomst.DEELS))
    assert e.save()


# --- one evaluation date per traject -------------------------------------------------------------------------

def test_a_traject_has_one_evaluation_date_the_plans(qtbot, school):
    tr = school.trajecten
    traject = tr.open_traject("1001")
    tr.bijwerken(traject.id, evaluatiedatum=date(2027, 1, 4))
    plan = school.plannen.nieuw(traject.id, vandaag=VANDAAG)
    assert plan.evaluatiemomenten == (date(2027, 1, 4),)  # the traject's date went into the plan
    school.plannen.opslaan(replace(plan, evaluatiemomenten=(date(2026, 12, 14), date(2027, 3, 1))), vandaag=VANDAAG)
    t = tr.get(traject.id)
    assert t.evaluatie(VANDAAG) == date(2026, 12, 14)
    view = TrajectView(school, vandaag=VANDAAG)
    qtbot.addWidget(view)
    view.show()
    view.show_leerling("1001")
    assert "Evaluatie: 14-12-2026" in view.meta.text() and "04-01-2027" not in view.meta.text()
    # the lijstbespreking and the reminders say the same
    rij = next(r for r in school.overzichten.lijstbespreking(vandaag=VANDAAG) if r.leerlingnummer == "1001")
    assert rij.volgende_evaluatie == date(2026, 12, 14)
    evaluaties = [h for h in school.tijdlijn.herinneringen(leerlingnummer="1001", vandaag=date(2026, 12, 10))
                  if h.soort.value == "evaluatie"]
    assert [h.datum for h in evaluaties] == [date(2026, 12, 14)]
    # changing the traject no longer offers a second date
    dialog = TrajectDialog(school, "1001", traject=tr.get(traject.id), vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.evaluatiedatum.isVisible()
    assert "14-12-2026" in " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
