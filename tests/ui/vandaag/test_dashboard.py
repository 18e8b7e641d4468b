"""The "Vandaag" dashboard and Kearney's pyramid, on a real database with verzuim, driven like a user would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.common.widgets import ERROR_COLOR
from thuiszit_desktop.ui.models.signalen_model import TERMIJN_KLEUR_ROLE
from thuiszit_desktop.ui.vandaag import dashboard as dashboard_module
from thuiszit_desktop.ui.vandaag.dashboard import Dashboard, SignalenLoader
from thuiszit_desktop.ui.vandaag.piramide import NIVEAU_KLEUR, NIVEAU_TEKSTKLEUR, Piramide

VANDAAG = date(2026, 11, 23)  # a Monday
BIJGEWERKT = date(2026, 11, 20)  # the Friday before: "verzuim bijgewerkt t/m"

LEERLINGEN = [
    Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë", klas="2B"),
    Leerling("1002", "Çelik", date(2011, 1, 17), date(2023, 8, 1), voornaam="Mehmet", klas="3H"),
    Leerling("1003", "Jong", date(2013, 9, 30), date(2025, 8, 1), voornaam="Daniël", tussenvoegsel="de", klas="1A"),
    Leerling("1004", "Amrani", date(2010, 12, 1), date(2022, 8, 1), voornaam="Fatima", tussenvoegsel="el",
             klas="10A"),
    # Uitgeschreven without a new school while still leerplichtig: absoluut verzuim.
    Leerling("1005", "Visser", date(2011, 6, 6), date(2022, 8, 1), voornaam="Lars", klas="2B",
             uitschrijfdatum=date(2026, 10, 1)),
]


@pytest.fixture(autouse=True)
def no_note_dialog(monkeypatch):
    monkeypatch.setattr(dashboard_module, "vraag_notitie", lambda *a: pytest.fail("asked for a note"))


def build_school(services, tmp_path: Path) -> None:
    """Zoë: 16 uur in September (melding overdue); Mehmet: thuiszitter since 12-10 (and 16 uur, overdue);
    Daniël: 16 uur last week (deadline 27-11, not yet passed); Fatima: hardly any absence; Lars: absoluut."""
    for leerling in LEERLINGEN:
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)
    services.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1002", date(2026, 10, 12), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1003", date(2026, 11, 18), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    # An import sets "verzuim bijgewerkt t/m", the peildatum of the dashboard.
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text("leerlingnummer;datum;uren;reden\n1004;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(bestand, tot=BIJGEWERKT, vandaag=VANDAAG)


def make_dashboard(qtbot, services) -> Dashboard:
    loader = SignalenLoader(services)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        view = Dashboard(services, loader, today=lambda: VANDAAG)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        loader.start()
    return view


@pytest.fixture
def view(qtbot, services, tmp_path):
    build_school(services, tmp_path)
    return make_dashboard(qtbot, services)


def lines(view: Dashboard) -> list[tuple[str, str, str]]:
    return [(r.naam, r.soort.value, r.termijn) for r in view.regels()]


# --- the dashboard ---------------------------------------------------------------------------------

def test_header_groups_and_deadlines(view, qtmodeltester):
    qtmodeltester.check(view.lijst.signalen)  # the groups and their lines, one flat list model
    assert view.peildatum_label.text() == "Signalen op 20-11-2026 · verzuim bijgewerkt t/m 20-11-2026"
    assert not view.oud_label.isVisibleTo(view)  # 3 days old: fine
    assert view.stack.currentIndex() == 3 and not view.banner.isVisibleTo(view)
    assert [t.split(" · ")[0] for t in view.groep_titels()] == ["Melden bij leerplicht", "Thuiszitters"]
    assert view.groep_titels()[0] == "Melden bij leerplicht · 3 · 2 te laat"
    assert lines(view) == [
        ("Zoë Bakker", "meldplicht_16u", "te laat – uiterlijk 23-09"),
        ("Mehmet Çelik", "meldplicht_16u", "te laat – uiterlijk 21-10"),
        ("Daniël de Jong", "meldplicht_16u", "melden uiterlijk 27-11"),
        ("Mehmet Çelik", "thuiszitter", "sinds 12-10-2026"),
        ("Lars Visser", "absoluut_verzuim", "uitgeschreven 01-10-2026"),
    ]
    zoe = view.regels()[0]
    assert (zoe.klas, zoe.niveau, zoe.te_laat) == ("2B", 2, True)
    assert zoe.signaal.uitleg.startswith("18 uur ongeoorloofd verzuim tussen 14-09 en 16-09")
    # Overdue in red, the others in the normal colour.
    assert view.item_of("1001", SignaalSoort.MELDPLICHT_16U).data(TERMIJN_KLEUR_ROLE) == ERROR_COLOR
    assert view.item_of("1003", SignaalSoort.MELDPLICHT_16U).data(TERMIJN_KLEUR_ROLE) == ""
    # Each line reads as one sentence for a screen reader, with name, klas, signal and explanation.
    assert view.item_of("1001", SignaalSoort.MELDPLICHT_16U).data().startswith(
        "Zoë Bakker, 2B: Meldplicht: 16 uur ongeoorloofd verzuim, te laat – uiterlijk 23-09. 18 uur")


def test_old_verzuim_gets_a_reminder(view):
    view._today = lambda: date(2026, 12, 4)
    view.show_stand(view.stand)
    assert view.oud_label.isVisibleTo(view)
    assert view.oud_label.text().startswith("Het verzuim is 14 dagen oud")


def test_counts_and_pyramid(view):
    counts = {soort: view.count_labels[soort].text() for soort in SignaalSoort}
    assert counts == {SignaalSoort.MELDPLICHT_16U: "3", SignaalSoort.THUISZITTER: "1",
                      SignaalSoort.THUISZITTER_3MND: "0", SignaalSoort.ABSOLUUT_VERZUIM: "1",
                      SignaalSoort.MAZL: "0", SignaalSoort.LANGDURIG_AFWEZIG: "0", SignaalSoort.LUXE_VERZUIM: "0"}
    assert view.count_links[SignaalSoort.MELDPLICHT_16U].isEnabled()
    assert not view.count_links[SignaalSoort.MAZL].isEnabled()
    assert {n: view.piramide.count(n) for n in (1, 2, 3)} == {1: 1, 2: 2, 3: 1}
    band = view.piramide.bands[3]
    assert band.accessibleName() == "Niveau 3, ernstig verzuim: 1 leerling"
    assert "10% of meer, of thuiszitter" in band.accessibleDescription()
    assert band.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_clicking_a_level_or_a_signal_count(qtbot, view):
    with qtbot.waitSignal(view.level_clicked) as blocker:
        qtbot.mouseClick(view.piramide.bands[2], Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    with qtbot.waitSignal(view.signaal_clicked) as blocker:
        view.count_links[SignaalSoort.THUISZITTER].linkActivated.emit("#")
    assert blocker.args == [SignaalSoort.THUISZITTER]


def test_enter_and_double_click_open_the_student(qtbot, view):
    assert view.select("1002", SignaalSoort.THUISZITTER)
    view.lijst.setFocus()
    with qtbot.waitSignal(view.open_leerling) as blocker:
        qtbot.keyClick(view.lijst, Qt.Key.Key_Return)
    assert blocker.args == ["1002"]
    item = view.item_of("1003", SignaalSoort.MELDPLICHT_16U)
    rect = view.lijst.visualRect(item)
    qtbot.mouseClick(view.lijst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.open_leerling) as blocker:
        qtbot.mouseDClick(view.lijst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["1003"]
    assert view.open_button.isEnabled()


def test_besproken_with_a_note(qtbot, view, services, monkeypatch):
    asked = []
    monkeypatch.setattr(dashboard_module, "vraag_notitie",
                        lambda parent, regel: asked.append(regel.naam) or "Ouders gebeld; melding gedaan bij DUO.")
    # The keyboard starts on the first signal (current, not selected), so Enter or the buttons work at once.
    assert view.lijst.current_regel().naam == "Zoë Bakker"
    assert not view.lijst.selectionModel().isSelected(view.lijst.currentIndex())
    assert view.bespreken_button.isEnabled()
    view.select("1003", SignaalSoort.MELDPLICHT_16U)
    view.select("1001", SignaalSoort.MELDPLICHT_16U)
    assert view.bespreken_button.text() == "Besproken…"
    view.bespreken_button.click()
    assert asked == ["Zoë Bakker"]
    regel = view.regels()[0]
    assert regel.bespreking is not None and regel.bespreking.door == "Anna de Vries"
    tooltip = view.item_of("1001", SignaalSoort.MELDPLICHT_16U).data(Qt.ItemDataRole.ToolTipRole)
    assert "Besproken op" in tooltip and "Ouders gebeld; melding gedaan bij DUO." in tooltip
    assert "Als besproken gemarkeerd op" in view.item_of("1001", SignaalSoort.MELDPLICHT_16U).data()
    assert view.lijst.current_regel().leerlingnummer == "1001"  # the line stays selected
    assert view.bespreken_button.text() == "Bespreking aanpassen…"
    # Stored: a new computation shows it too, and the signal still counts.
    with qtbot.waitSignal(view.loader.loaded, timeout=20_000):
        view.refresh_button.click()
    assert view.regels()[0].bespreking.notitie == "Ouders gebeld; melding gedaan bij DUO."
    assert view.count_labels[SignaalSoort.MELDPLICHT_16U].text() == "3"


def test_cancelling_the_note_changes_nothing(qtbot, view, monkeypatch):
    monkeypatch.setattr(dashboard_module, "vraag_notitie", lambda parent, regel: None)
    view.select("1003", SignaalSoort.MELDPLICHT_16U)
    assert not view.bespreek()
    assert view.regels()[2].bespreking is None


def test_a_read_only_user_cannot_mark_besproken(qtbot, services, tmp_path, monkeypatch):
    from dataclasses import replace

    from thuiszit_desktop.domain.gebruiker import Rol

    build_school(services, tmp_path)
    monkeypatch.setattr(services.ctx, "gebruiker", replace(services.gebruiker, rol=Rol.ALLEEN_LEZEN))
    view = make_dashboard(qtbot, services)
    # issue 6: alleen-lezen sees counts and the pyramid, no students (tests/ui/test_rollen_gui.py)
    assert not view.select("1001", SignaalSoort.MELDPLICHT_16U) and view.regels() == []
    assert sum(view.stand.overzicht.per_niveau().values()) > 0
    assert not view.bespreken_button.isEnabled()
    assert not view.empty_import_button.isEnabled()


def test_busy_while_computing_then_the_result(qtbot, services, tmp_path):
    build_school(services, tmp_path)
    loader = SignalenLoader(services)
    view = Dashboard(services, loader, today=lambda: VANDAAG)
    qtbot.addWidget(view)
    assert view.stack.currentIndex() == 0  # "worden berekend", before anything is known
    assert view.piramide.count(3) is None
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        loader.start()
        loader.start()  # asked again while busy: computed once more afterwards, one result
        assert loader.busy and view.stack.currentIndex() == 0
    assert not loader.busy
    assert view.stack.currentIndex() == 3
    assert not view.busy_bar.isVisibleTo(view)


def test_the_background_computation_pauses_for_the_window(qtbot, services, tmp_path, monkeypatch):
    """The school's run in the worker hands Python's lock to the window between its pieces (worker.py)."""
    from thuiszit_desktop.ui.vandaag import stand

    build_school(services, tmp_path)
    pauzes: list[None] = []
    monkeypatch.setattr(stand, "geef_voorrang", lambda: pauzes.append(None))
    loader = SignalenLoader(services)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        loader.start()
    assert pauzes  # (from the worker thread: a list's append is safe)
    assert loader.stand.overzicht.signalen


def test_nothing_imported_yet(qtbot, services):
    for leerling in LEERLINGEN[:4]:
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)
    view = make_dashboard(qtbot, services)
    assert view.peildatum_label.text().endswith("· nog geen verzuim geïmporteerd")
    assert view.stack.currentIndex() == 1
    assert view.empty_title.text() == "Nog geen verzuim geïmporteerd"
    with qtbot.waitSignal(view.import_requested):
        view.empty_import_button.click()
    # no verzuim known yet: nobody has a level (not four students on a green level 1)
    assert [view.piramide.count(n) for n in (1, 2, 3)] == [0, 0, 0]
    assert view.piramide.zonder_label.text().startswith("4 leerlingen nog zonder verzuim")


def test_nothing_imported_but_a_signal(qtbot, services):
    for leerling in LEERLINGEN:  # Lars is absoluut verzuim without any verzuim
        services.leerlingen.opslaan(leerling, vandaag=VANDAAG)
    view = make_dashboard(qtbot, services)
    assert view.stack.currentIndex() == 3
    assert view.banner.isVisibleTo(view)
    assert [r.naam for r in view.regels()] == ["Lars Visser"]
    with qtbot.waitSignal(view.import_requested):
        view.banner_import_button.click()


def test_no_signals(qtbot, services, tmp_path):
    services.leerlingen.opslaan(LEERLINGEN[3], vandaag=VANDAAG)
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text("leerlingnummer;datum;uren;reden\n1004;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(bestand, tot=BIJGEWERKT, vandaag=VANDAAG)
    view = make_dashboard(qtbot, services)
    assert view.stack.currentIndex() == 2
    assert view.geen_signalen_title.text() == "Geen signalen op 20-11-2026"


# --- the pyramid on its own ------------------------------------------------------------------------

def test_pyramid_keyboard_and_names(qtbot):
    piramide = Piramide()
    qtbot.addWidget(piramide)
    piramide.set_counts({1: 412, 2: 31, 3: 7}, (4.0, 12.5))
    with qtbot.waitExposed(piramide):
        piramide.show()
    assert [b.niveau for b in piramide.findChildren(type(piramide.bands[1]))] == [3, 2, 1]  # level 3 on top
    assert piramide.bands[3].y() < piramide.bands[2].y() < piramide.bands[1].y()
    assert piramide.bands[2].accessibleName() == "Niveau 2, beginnend verzuim: 31 leerlingen"
    assert piramide.bands[2].uitleg == "4% tot 12,5% verzuim"
    assert "niveau 3: 7" in piramide.accessibleDescription()
    with qtbot.waitActive(piramide):
        piramide.activateWindow()
    piramide.bands[1].setFocus()
    qtbot.keyClick(piramide.bands[1], Qt.Key.Key_Up)
    assert piramide.bands[2].hasFocus()
    with qtbot.waitSignal(piramide.level_clicked) as blocker:
        qtbot.keyClick(piramide.bands[2], Qt.Key.Key_Return)
    assert blocker.args == [2]
    with qtbot.waitSignal(piramide.level_clicked) as blocker:
        qtbot.keyClick(piramide.bands[2], Qt.Key.Key_Space)
    assert blocker.args == [2]
    piramide.set_counts(None)
    assert piramide.bands[3].accessibleName() == "Niveau 3, ernstig verzuim: wordt berekend"
    piramide.grab()  # paints without warnings


def _luminance(color) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def test_level_colours_have_enough_contrast():
    for niveau in (1, 2, 3):
        light, dark = sorted((_luminance(NIVEAU_KLEUR[niveau]), _luminance(NIVEAU_TEKSTKLEUR[niveau])))
        assert (dark + 0.05) / (light + 0.05) >= 4.5, niveau


def test_a_failed_computation_is_shown_not_hidden(qtbot, services, monkeypatch):
    from thuiszit_desktop.domain.errors import DatabaseFout

    def kapot(*args, **kw):
        raise DatabaseFout("De gegevens konden niet worden gelezen.")

    monkeypatch.setattr(services.signalen, "overzicht", kapot)
    loader = SignalenLoader(services)
    view = Dashboard(services, loader, today=lambda: VANDAAG)
    qtbot.addWidget(view)
    with qtbot.waitSignal(loader.failed, timeout=20_000):
        loader.start()
    assert view.stack.currentIndex() == 0
    assert view.busy_page_label.text() == "De signalen zijn niet berekend."
    assert view.error_label.text().startswith("De gegevens konden niet worden gelezen.")
    assert view.refresh_button.isEnabled()


def test_a_bug_in_the_computation_reaches_the_error_dialog(qtbot, services, monkeypatch):
    crashes = []
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: crashes.append(details))
    monkeypatch.setattr(services.signalen, "overzicht", lambda *a, **kw: 1 / 0)
    loader = SignalenLoader(services)
    view = Dashboard(services, loader, today=lambda: VANDAAG)
    qtbot.addWidget(view)
    with qtbot.waitSignal(loader.failed, timeout=20_000):
        loader.start()
    assert "ZeroDivisionError" in crashes[0]
    assert not loader.busy and view.refresh_button.isEnabled()


# --- reminders -------------------------------------------------------------------------------------

def test_an_overdue_actiepunt_is_a_red_reminder_first(qtbot, services, tmp_path):
    from PySide6.QtGui import QColor

    build_school(services, tmp_path)
    services.actiepunten.actiepunt_toevoegen("1004", "Gesprek plannen met de ouders", "Anna de Vries", date(2026, 11, 26),
                           datum=date(2026, 11, 16), vandaag=date(2026, 11, 16))
    services.actiepunten.actiepunt_toevoegen("1003", "Ouders bellen", "Anna de Vries", date(2026, 11, 20),
                           datum=date(2026, 11, 16), vandaag=date(2026, 11, 16))
    loader = SignalenLoader(services, today=lambda: VANDAAG)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        view = Dashboard(services, loader, today=lambda: VANDAAG)
        qtbot.addWidget(view)
        view.show()
        loader.start()
    herinneringen = view.herinneringen()
    assert all(h.te_laat for h in herinneringen[:3]) and not herinneringen[-1].te_laat  # overdue first
    lijst = view.herinneringen_lijst
    model = lijst.model()
    rows = {model.index(r, 2).data(): r for r in range(model.rowCount())}
    bellen = next(r for text, r in rows.items() if "Ouders bellen" in text)
    assert model.index(bellen, 0).data() == "20-11-2026" and model.index(bellen, 1).data() == "Daniël de Jong"
    assert model.index(bellen, 2).data(Qt.ItemDataRole.ForegroundRole) == QColor(ERROR_COLOR)
    assert model.index(bellen, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(bellen, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Over tijd: 20-11-2026")
    plannen = next(r for text, r in rows.items() if "Gesprek plannen" in text)
    assert model.index(plannen, 2).data(Qt.ItemDataRole.ForegroundRole) is None  # the text colour
    assert "over tijd" in view.herinneringen_count.text()

    # Enter opens the student's traject.
    opened = []
    view.herinnering_activated.connect(lambda nr, ref: opened.append((nr, ref.split(":")[0])))
    lijst.setFocus()
    lijst.setCurrentIndex(model.index(bellen, 0))
    assert view.gekozen_leerling() == "1003"
    qtbot.keyClick(lijst, Qt.Key.Key_Return)
    assert opened == [("1003", "actiepunt")]


def test_open_actiepunten_due_later_stay_in_view(qtbot, services, tmp_path):
    """An actiepunt due in three weeks is no reminder yet, but the dashboard still counts it."""
    build_school(services, tmp_path)
    services.actiepunten.actiepunt_toevoegen("1004", "Rooster evalueren", "Anna de Vries", date(2026, 12, 14),
                                           datum=date(2026, 11, 16), vandaag=date(2026, 11, 16))
    loader = SignalenLoader(services, today=lambda: VANDAAG)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        view = Dashboard(services, loader, today=lambda: VANDAAG)
        qtbot.addWidget(view)
        view.show()
        loader.start()
    assert not any("Rooster evalueren" in h.tekst for h in view.herinneringen())
    assert "1 open actiepunt – alle bekijken" in view.actiepunten_link.text()
    with qtbot.waitSignal(view.actiepunten_requested, timeout=1000):
        view.actiepunten_link.linkActivated.emit("trajecten")


def test_the_note_dialog_is_a_form(qtbot, view, monkeypatch):
    """Opslaan hands back the note without its blank edges; Annuleren after typing asks first."""
    from thuiszit_desktop.ui.vandaag.bespreken import BesprekenDialog

    dialog = BesprekenDialog(view.regels()[0])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notitie.setPlainText("  Ouders gebeld.\n")
    asked = []
    monkeypatch.setattr(errors, "ask", lambda *a, **k: asked.append(a[1]) or False)
    dialog.reject()
    assert asked == ["Wijzigingen weggooien?"] and dialog.isVisible()  # kept editing
    assert dialog.save()
    assert dialog.value == "Ouders gebeld." and dialog.result() == dialog.DialogCode.Accepted


def test_many_reminders_are_lines_of_a_model_painted_when_shown(qtbot, services, tmp_path):
    """A big school has thousands of reminders: they are lines of a model (texts made for the lines on screen),
    all there at once in order (overdue first), and a new result replaces them rather than adding."""
    from thuiszit_desktop.ui.vandaag.herinneringen import HerinneringenModel

    build_school(services, tmp_path)
    for nummer, wat, tot in (("1004", "Gesprek plannen met de ouders", date(2026, 11, 26)),
                             ("1003", "Ouders bellen", date(2026, 11, 20)),
                             ("1003", "Rooster bespreken", date(2026, 11, 19))):
        services.actiepunten.actiepunt_toevoegen(nummer, wat, "Anna de Vries", tot, datum=date(2026, 11, 16),
                                                 vandaag=date(2026, 11, 16))
    loader = SignalenLoader(services, today=lambda: VANDAAG)
    view = Dashboard(services, loader, today=lambda: VANDAAG)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        loader.start()
    lijst = view.herinneringen_lijst
    alle = len(loader.stand.herinneringen)
    assert alle >= 3 and isinstance(lijst.model(), HerinneringenModel) and lijst.model().rowCount() == alle
    assert view.herinneringen() == list(loader.stand.herinneringen)
    assert view.herinneringen_count.text().startswith('<span') and str(alle) in view.herinneringen_count.text()
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        loader.start()
    assert lijst.model().rowCount() == alle
    assert view.herinneringen() == list(loader.stand.herinneringen)


# --- built in parts (issue 16) ------------------------------------------------------------------------

def _focus_chain(view: Dashboard) -> list[str]:
    """The accessible names / texts of the widgets Tab visits, from the first one on."""
    namen, widget = [], view.nextInFocusChain()
    for _ in range(500):
        if widget is view:
            break
        if view.isAncestorOf(widget) and widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            namen.append(f"{type(widget).__name__}:{widget.accessibleName() or getattr(widget, 'text', str)()}")
        widget = widget.nextInFocusChain()
    return namen


def test_built_in_parts_ends_as_one_built_whole(qtbot, services, tmp_path):
    """The main window builds Vandaag in parts: the page first, the signal lines and then the pyramid and the
    counts in the turns after its first paint – same content, same widths, same Tab order, and nothing moves
    when the side arrives."""
    build_school(services, tmp_path)
    heel = make_dashboard(qtbot, services)
    loader = SignalenLoader(services)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        loader.start()
    delen = Dashboard(services, loader, today=lambda: VANDAAG, in_delen=True)
    qtbot.addWidget(delen)
    delen.resize(1200, 700)
    assert delen.piramide is None  # not yet: after the first paint
    delen.show()
    assert not delen.regels()  # the lines too come after the first paint, on the page they will be on
    assert delen.stack.currentIndex() == heel.stack.currentIndex()
    assert delen.peildatum_label.text() == heel.peildatum_label.text()
    qtbot.waitUntil(lambda: delen.piramide is not None)
    assert delen.side.width() == heel.side.width()
    assert (delen.side.minimumWidth(), delen.side.maximumWidth()) == (heel.side.minimumWidth(),
                                                                      heel.side.maximumWidth())
    assert lines(delen) == lines(heel)
    assert [delen.piramide.count(n) for n in (1, 2, 3)] == [heel.piramide.count(n) for n in (1, 2, 3)]
    assert ({s: (delen.count_labels[s].text(), delen.count_links[s].text(), delen.count_links[s].isEnabled())
             for s in delen.count_labels}
            == {s: (heel.count_labels[s].text(), heel.count_links[s].text(), heel.count_links[s].isEnabled())
                for s in heel.count_labels})
    qtbot.wait(50)
    assert _focus_chain(delen) == _focus_chain(heel)
    with qtbot.waitSignal(delen.signaal_clicked) as klik:  # the counts' links work
        delen.count_links[SignaalSoort.MELDPLICHT_16U].linkActivated.emit("#")
    assert klik.args == [SignaalSoort.MELDPLICHT_16U]
