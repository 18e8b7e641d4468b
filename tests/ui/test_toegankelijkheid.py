"""Accessibility: every control you can reach with Tab has a name a screen reader can say (its own text,
an accessible name, or a label that is its buddy), and Tab walks the main forms in a logical order."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)

from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.traject import Categorie
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import toegankelijk
from thuiszit_desktop.ui.shell.main_window import MainWindow

VANDAAG = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def screen_reader_names(qapp):
    toegankelijk.installeer(qapp)  # as create_application does


def name_of(w: QWidget) -> str:
    """What a screen reader says for the control: Qt's own accessible name (accessibleName, the text of
    a button, or the label whose buddy it is)."""
    iface = QAccessible.queryAccessibleInterface(w)
    naam = iface.text(QAccessible.Text.Name) if iface is not None else ""
    if not naam.strip():
        naam = w.accessibleName()
    if not naam.strip():  # a label in the same form pointing at it (buddy)
        for label in w.window().findChildren(QLabel):
            if label.buddy() is w and label.text().strip():
                naam = label.text()
    return naam.strip()


def focusable(root: QWidget) -> list[QWidget]:
    """The controls Tab reaches inside `root`, as it is shown now."""
    found = []
    for w in root.findChildren(QWidget):
        if not (w.isVisibleTo(root) and w.isEnabled()):
            continue
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if w.focusProxy() is not None or isinstance(w, QTabBar | QScrollArea):
            continue  # the proxy, the tabs of a tab bar, the controls inside a scroll area speak
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the inner line edit of a spin box or an editable combo box
        found.append(w)
    return found


def nameless(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName() or ''} in {type(w.parentWidget()).__name__}".strip()
            for w in focusable(root) if not name_of(w)]


@pytest.fixture
def school(services):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B", ouders=(Ouder("Mirjam Bakker", Relatie.MOEDER),)),
                                vandaag=VANDAAG)
    services.verzuim.invoeren("1001", date(2026, 11, 16), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel afwezig", geopend=date(2026, 11, 2),
                              vandaag=VANDAAG)
    return services


@pytest.fixture
def window(qtbot, school, settings):
    window = MainWindow(school, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    return window


def test_every_control_of_every_area_has_a_name(qtbot, window):
    problems: dict[str, list[str]] = {}
    for title in window.area_titles():
        window.show_area(title)
        problems[title] = nameless(window.stack.currentWidget())
    window.open_leerling("1001")
    page = window.leerlingen.page
    for tab in page.tab_titles():
        page.show_tab(tab)
        problems[f"Leerling / {tab}"] = nameless(page)
    problems["navigatie"] = nameless(window.centralWidget())
    bad = {k: v for k, v in problems.items() if v}
    assert not bad, bad


def _dialogs(services, window, db_path):
    """The main forms, built as the user would open them."""
    from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog
    from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog
    from thuiszit_desktop.ui.leerlingen.leerling_kiezer import LeerlingKiezer
    from thuiszit_desktop.ui.shell.first_run import FirstRunWizard
    from thuiszit_desktop.ui.shell.help_dialog import SneltoetsenDialog, UitlegDialog
    from thuiszit_desktop.ui.shell.login import LoginDialog
    from thuiszit_desktop.ui.shell.vergrendeling import Vergrendelscherm
    from thuiszit_desktop.ui.traject.gesprek_dialog import ContactmomentDialog, GesprekDialog
    from thuiszit_desktop.ui.traject.mdo_dialog import MdoDialog
    from thuiszit_desktop.ui.traject.plan_dialog import PlanDialog

    traject = services.trajecten.open_traject("1001") if hasattr(services.trajecten, "open_traject") else None
    traject_id = traject.id if traject else services.trajecten.trajecten("1001")[0].id
    settings = QSettings(str(db_path.parent / "dlg.ini"), QSettings.Format.IniFormat)
    yield "Nieuwe leerling", LeerlingDialog(services, None, window)
    yield "Leerling bewerken", LeerlingDialog(services, services.leerlingen.get("1001"), window)
    yield "Gesprek", GesprekDialog(services, "1001", window, vandaag=VANDAAG)
    yield "Contactmoment", ContactmomentDialog(services, "1001", window, vandaag=VANDAAG)
    yield "MDO", MdoDialog(services, traject_id, window, vandaag=VANDAAG)
    yield "Plan van aanpak", PlanDialog(services, traject_id, window, vandaag=VANDAAG)
    yield "Instellingen", InstellingenDialog(services, window)
    yield "Inloggen", LoginDialog(db_path, settings=settings, school="Het Baken")
    yield "Welkom", FirstRunWizard(db_path.parent / "nieuw" / "thuiszit.db", settings=settings)
    yield "Vergrendeld", Vergrendelscherm(services, window)
    yield "Sneltoetsen", SneltoetsenDialog(window)
    yield "Uitleg", UitlegDialog("Vandaag", window)
    yield "Leerling kiezen", LeerlingKiezer(services, "Leerling kiezen", window)


def test_every_control_of_the_main_dialogs_has_a_name(qtbot, window, school, db_path):
    from PySide6.QtWidgets import QTabWidget, QWizard

    bad: dict[str, list[str]] = {}
    for titel, dialog in _dialogs(school, window, db_path):
        qtbot.addWidget(dialog)
        dialog.show()
        # The fields are named when the focus first enters the window, before a screen reader hears of it.
        qtbot.waitUntil(lambda d=dialog: QApplication.focusWidget() is not None
                        and QApplication.focusWidget().window() is d)
        gevonden: list[str] = []
        if isinstance(dialog, QWizard):
            for page_id in dialog.pageIds():
                gevonden += nameless(dialog.page(page_id))
        else:
            tabs = dialog.findChildren(QTabWidget)
            for tab_widget in tabs:
                for i in range(tab_widget.count()):
                    tab_widget.setCurrentIndex(i)
                    gevonden += nameless(tab_widget.widget(i))
            gevonden += nameless(dialog)
        if gevonden:
            bad[titel] = sorted(set(gevonden))
        dialog.hide()
    assert not bad, bad


# --- tab order ---------------------------------------------------------------------------------------

def _control(w: QWidget | None) -> QWidget | None:
    """The control that has the focus (a spin box or combo box, not its inner line edit)."""
    while w is not None and isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
        w = w.parentWidget()
    return w


def tab_walk(qtbot, dialog: QWidget, start: QWidget, limit: int = 80) -> list[QWidget]:
    """Press Tab from `start` until the focus comes back to it: the controls in Tab order."""
    dialog.show()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    walk = [start]
    for _ in range(limit):
        # The window's focus widget: the offscreen platform does not activate windows, Tab works all the same.
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        w = _control(dialog.focusWidget())
        if w is start:
            return walk
        walk.append(w)
    pytest.fail(f"Tab never came back to the start in {type(dialog).__name__}")


def assert_in_order(walk: list[QWidget], *expected: QWidget) -> None:
    posities = [walk.index(w) for w in expected]
    assert posities == sorted(posities), [type(w).__name__ for w in expected]


def test_tab_walks_the_leerling_dialog_top_to_bottom(qtbot, window, school):
    from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog

    d = LeerlingDialog(school, None, window)
    qtbot.addWidget(d)
    walk = tab_walk(qtbot, d, d.leerlingnummer)
    assert_in_order(walk, d.leerlingnummer, d.voornaam, d.tussenvoegsel, d.achternaam, d.geboortedatum, d.klas,
                    d.mentor, d.inschrijfdatum, d.bsn, d.onderwijsnummer, d.save_button)
    assert set(focusable(d)) <= set(walk)  # nothing is out of reach of the keyboard


def test_tab_walks_the_gesprek_and_contactmoment_dialogs(qtbot, window, school):
    from thuiszit_desktop.ui.traject.gesprek_dialog import ContactmomentDialog, GesprekDialog

    g = GesprekDialog(school, "1001", window, vandaag=VANDAAG)
    qtbot.addWidget(g)
    walk = tab_walk(qtbot, g, g.type)
    assert_in_order(walk, g.type, g.datum, g.deelnemers, g.samenvatting, g.vertrouwelijk)
    assert set(focusable(g)) <= set(walk)
    g.hide()
    c = ContactmomentDialog(school, "1001", window, vandaag=VANDAAG)
    qtbot.addWidget(c)
    walk = tab_walk(qtbot, c, c.datum)
    assert_in_order(walk, c.datum, c.samenvatting)
    assert set(focusable(c)) <= set(walk)


def test_tab_walks_the_mdo_and_plan_dialogs(qtbot, window, school):
    from thuiszit_desktop.ui.traject.mdo_dialog import MdoDialog
    from thuiszit_desktop.ui.traject.plan_dialog import PlanDialog

    traject_id = school.trajecten.trajecten("1001")[0].id
    m = MdoDialog(school, traject_id, window, vandaag=VANDAAG)
    qtbot.addWidget(m)
    walk = tab_walk(qtbot, m, m.datum)
    assert_in_order(walk, m.datum, m.adresboek, m.agenda, m.verslag, m.vertrouwelijk, m.save_button)
    assert set(focusable(m)) <= set(walk)
    m.hide()
    p = PlanDialog(school, traject_id, window, vandaag=VANDAAG)
    qtbot.addWidget(p)
    first = focusable(p)[0]
    walk = tab_walk(qtbot, p, first)
    assert set(focusable(p)) <= set(walk)
    assert walk.index(p.save_button) > len(walk) // 2  # the buttons come after the form


def test_tab_walks_login_first_run_and_lock_screen(qtbot, window, school, db_path):
    from thuiszit_desktop.ui.shell.first_run import FirstRunWizard
    from thuiszit_desktop.ui.shell.login import LoginDialog
    from thuiszit_desktop.ui.shell.vergrendeling import Vergrendelscherm

    settings = QSettings(str(db_path.parent / "tab.ini"), QSettings.Format.IniFormat)
    login = LoginDialog(db_path, settings=settings, school="Het Baken")
    qtbot.addWidget(login)
    walk = tab_walk(qtbot, login, login.naam)
    assert_in_order(walk, login.naam, login.wachtwoord, login.login_button)
    login.hide()

    wizard = FirstRunWizard(db_path.parent / "nieuw" / "thuiszit.db", settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    s = wizard.school_page
    walk = tab_walk(qtbot, wizard, s.naam)
    assert_in_order(walk, s.naam, s.brin, s.regio, s.schooltype, s.uren)
    wizard.hide()

    lock = Vergrendelscherm(school, window)
    qtbot.addWidget(lock)
    walk = tab_walk(qtbot, lock, lock.wachtwoord)
    assert walk == [lock.wachtwoord, lock.ontgrendel_knop, lock.afmelden_knop]
    lock.setProperty("mag_sluiten", True)


def test_tab_leaves_the_tables_and_skips_the_scroll_areas_of_the_areas(qtbot, window, school):
    """Monday with the keyboard: Tab goes from the trajecten table on to the actiepunten (a read-only table does
    not keep Tab for its cells), the student page has no invisible stop on its scroll area, and the signal cards'
    buttons come right after the actions above them – not after the year grid and the tables below."""
    window.show_area("Trajecten")
    trajecten = window.trajecten
    walk = tab_walk(qtbot, window, trajecten.zoek)
    assert walk.count(trajecten.table) == 1
    assert_in_order(walk, trajecten.zoek, trajecten.table, trajecten.mijn)

    window.show_area("Vandaag")
    walk = tab_walk(qtbot, window, window.dashboard.lijst)
    assert not [w for w in walk if isinstance(w, QScrollArea)]

    window.open_leerling("1001")
    page = window.leerlingen.page
    v = page.verzuim
    walk = tab_walk(qtbot, window, page.back_button)
    assert not [w for w in walk if isinstance(w, QScrollArea)]
    kaart = v.kaarten[0]
    assert_in_order(walk, v.mazl_button, kaart.actie_button, kaart.besproken_button, v.jaar_combo, v.meldingen_tabel)
    assert walk.count(v.meldingen_tabel) == 1


def test_tab_leaves_the_tables_of_the_adresboek_and_the_users(qtbot, window, school):
    """Making a mentor account or a partner with the keyboard: Tab goes from the list on to its buttons."""
    from thuiszit_desktop.domain.mdo import Partner
    from thuiszit_desktop.domain.traject import MdoRol
    from thuiszit_desktop.ui.beheer.gebruikers_dialog import GebruikersDialog
    from thuiszit_desktop.ui.traject.partners_dialog import PartnersDialog

    school.gebruikers.toevoegen("Bram Visser", "mentor", ["2B"], "Mentor-test-2026!", "Mentor-test-2026!")
    g = GebruikersDialog(school, window)
    qtbot.addWidget(g)
    walk = tab_walk(qtbot, g, g.tabel)
    assert walk.count(g.tabel) == 1 and g.toevoegen_knop in walk
    g.hide()
    school.partners.partner_opslaan(Partner("Mehmet Çelik", MdoRol.JEUGDARTS, "GGD regio Utrecht"))
    p = PartnersDialog(school, window)
    qtbot.addWidget(p)
    walk = tab_walk(qtbot, p, p.table)
    assert walk.count(p.table) == 1 and p.new_button in walk
