"""The student's traject tab, driven like a zorgcoördinator would: open a traject (by hand and from a signal),
tick the checklist, move through the steps, write the analysis (with a draft), close with nazorg, look back
at the closed traject."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton

from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.traject import (
    ActiepuntStatus,
    Categorie,
    Domein,
    GesprekType,
    Sluitreden,
    Stap,
    TrajectStatus,
)
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services.session import Services
from thuiszit_desktop.services.traject_gedeeld import VERTROUWELIJK
from thuiszit_desktop.ui.common import concept
from thuiszit_desktop.ui.common.widgets import ErrorLabel
from thuiszit_desktop.ui.traject.actiepunt_dialog import ActiepuntDialog
from thuiszit_desktop.ui.traject.analyse_dialog import AnalyseDialog
from thuiszit_desktop.ui.traject.nazorg_dialogs import NazorgAfrondenDialog
from thuiszit_desktop.ui.traject.traject_dialogs import AfvinkenDialog, SluitenDialog, TrajectDialog
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)
BIJGEWERKT = date(2026, 11, 20)


@pytest.fixture
def school(services, tmp_path):
    """Three fictional students; Mehmet has 16 hours of ongeoorloofd verzuim (the meldplicht fires)."""
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"),
                                                         ("1002", "Mehmet", "", "Çelik"),
                                                         ("1003", "Daniël", "de", "Jong")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas="2B"),
                                    vandaag=VANDAAG)
    services.verzuim.invoeren("1002", date(2026, 11, 16), date(2026, 11, 18), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    pad = tmp_path / "verzuim.csv"
    pad.write_text("leerlingnummer;datum;uren;reden\n1003;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(pad, tot=BIJGEWERKT, vandaag=VANDAAG)
    return services


@pytest.fixture
def view(qtbot, school):
    v = TrajectView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.resize(1140, 600)  # what the student page leaves on a 1366×768 screen
    v.show()
    return v


def fill_and_save(monkeypatch, cls, fill):
    """Make the next `cls(...).exec()` fill the dialog like a user and press its save button."""
    def exec_(dialog):
        fill(dialog)
        assert dialog.save(), [label.text() for label in dialog.findChildren(ErrorLabel) if not label.isHidden()]
        return dialog.result()

    monkeypatch.setattr(cls, "exec", exec_)


def open_traject(view, monkeypatch, qtbot, nr="1001"):
    view.show_leerling(nr)

    def fill(d: TrajectDialog):
        d.categorie.setCurrentIndex(d.categorie.findData(Categorie.THUISZITTER.value))
        d.aanleiding.setPlainText("Sinds de herfstvakantie niet op school")
        d.geopend.set_value(date(2026, 11, 2))
        d.evaluatiedatum.set_value(date(2026, 12, 14))

    fill_and_save(monkeypatch, TrajectDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.open_button.click()
    return view.traject


def test_empty_state_explains_the_praktijkkaart_and_opens_a_traject(qtbot, view, school, monkeypatch):
    tab_gezien = []
    view.tabs.currentChanged.connect(tab_gezien.append)  # (the student page follows the traject's tabs)
    view.show_leerling("1001")
    assert view.pages.currentWidget() is view.empty_page
    assert view.traject_page is None and view.pages.count() == 1  # built when a traject is first shown
    assert view.empty_title.text() == "Nog geen open traject voor Zoë Bakker"
    assert "vijf stappen van de praktijkkaart" in view.empty_text.text()
    assert view.open_button.isVisible()
    assert not view.signalen_box.isVisible()  # Zoë has no signal
    assert not view.eerder_box.isVisible()

    # without an aanleiding the service's message shows next to the field, nothing is opened
    gezien = {}

    def fill(d: TrajectDialog):
        assert d.eigenaar.value().naam == "Anna de Vries"  # the acting user is the default casusregisseur
        assert not d.save()
        gezien["fout"] = d.error_text("aanleiding")
        d.aanleiding.setPlainText("Sinds de herfstvakantie niet op school")
        d.evaluatiedatum.set_value(date(2026, 12, 14))

    fill_and_save(monkeypatch, TrajectDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.open_button.click()
    assert gezien["fout"] == "Beschrijf in een paar woorden de aanleiding voor het traject."

    t = school.trajecten.open_traject("1001")
    assert t.aanleiding == "Sinds de herfstvakantie niet op school" and t.evaluatiedatum == date(2026, 12, 14)
    assert view.pages.currentWidget() is view.traject_page
    assert view.tabs.isVisible() and view.tabs.count() == 4 and tab_gezien
    assert view.title.text() == "Traject: Dreigend thuiszitter"
    meta = view.meta.text()
    assert "Geopend 23-11-2026" in meta and "Casusregisseur: Anna de Vries" in meta and "Stap 1 van 5" in meta
    assert "Evaluatie: 14-12-2026" in meta
    assert view.stepper.current == Stap.IN_BEELD and view.stepper.selected == Stap.IN_BEELD
    assert [s.totaal for s in view.stepper.standen] == [4, 3, 3, 3, 3]
    assert view.step_title.text() == "Stap 1: Leerlingen in beeld brengen en vasthouden"
    assert not view.move_button.isVisible()  # already in step 1
    assert view.status_label.text() == "Traject geopend. U staat in stap 1."


def test_open_from_a_current_signal(qtbot, view, school, monkeypatch):
    view.show_leerling("1002")
    assert view.signalen_box.isVisible()
    assert len(view.signaal_buttons) == 1
    assert view.signaal_buttons[0].text() == "Traject openen vanuit dit signaal"

    def fill(d: TrajectDialog):
        # the category follows the signal; the aanleiding is optional then
        assert d.categorie.currentData() == Categorie.DREIGEND_THUISZITTER.value

    fill_and_save(monkeypatch, TrajectDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.signaal_buttons[0].click()
    t = school.trajecten.open_traject("1002")
    assert t.signaal is SignaalSoort.MELDPLICHT_16U and t.signaal_datum is not None
    assert "Vanuit signaal 'Meldplicht: 16 uur ongeoorloofd verzuim'" in view.aanleiding.text()


def test_tick_a_checklist_item_with_a_note_and_untick_it(qtbot, view, school, monkeypatch):
    t = open_traject(view, monkeypatch, qtbot)
    row = next(r for r in view.checklist_rows if r.regel.item.key == "swv_geinformeerd")
    assert not row.checkbox.isChecked()
    assert row.help.text().startswith("Het SWV houdt bij")  # the praktijkkaart's help, in grey
    assert row.checkbox.toolTip() == row.regel.item.hulp

    def fill(d: AfvinkenDialog):
        assert d.datum.value() == VANDAAG
        d.notitie.setText("Gemaild met de consulent")

    fill_and_save(monkeypatch, AfvinkenDialog, fill)
    with qtbot.waitSignal(view.changed):
        row.checkbox.click()
    row = next(r for r in view.checklist_rows if r.regel.item.key == "swv_geinformeerd")
    assert row.checkbox.isChecked()
    assert row.done.text() == "✓ Gedaan op 23-11-2026 door Anna de Vries: Gemaild met de consulent"
    assert view.stepper.standen[0].gedaan == 1

    # cancelling the note dialog leaves the item open
    monkeypatch.setattr(AfvinkenDialog, "exec", lambda d: 0)
    other = next(r for r in view.checklist_rows if r.regel.item.key == "verzuim_geanalyseerd")
    other.checkbox.click()
    other = next(r for r in view.checklist_rows if r.regel.item.key == "verzuim_geanalyseerd")
    assert not other.checkbox.isChecked()

    # unticking asks first (errors.ask says yes here)
    with qtbot.waitSignal(view.changed):
        row.checkbox.click()
    assert not any(r.gedaan for s in school.trajecten.checklist(t.id) for r in s.regels)
    assert view.stepper.standen[0].gedaan == 0


def test_automatic_items_say_what_ticked_them(qtbot, view, school, monkeypatch):
    t = open_traject(view, monkeypatch, qtbot)
    school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_LEERLING, date(2026, 11, 20),
                                        "Zoë vertelt over de klas", vandaag=VANDAAG)
    view.refresh()
    view.select_step(Stap.CONTACT)
    row = next(r for r in view.checklist_rows if r.regel.item.key == "gesprek_leerling")
    assert row.checkbox.isChecked()
    assert row.done.text() == "✓ Automatisch: Gesprek met de leerling op 20-11-2026"
    assert "Automatisch afgevinkt" in row.toolTip()
    assert row.checkbox.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # cannot be unticked
    assert view.stepper.standen[1].gedaan == 1
    assert t.id == view.traject.id


def test_steps_guide_but_do_not_lock(qtbot, view, school, monkeypatch):
    t = open_traject(view, monkeypatch, qtbot)
    stepper = view.stepper
    assert stepper.height() >= stepper.sizeHint().height()

    # clicking step 3 shows its checklist; the traject stays in step 1
    qtbot.mouseClick(stepper, Qt.MouseButton.LeftButton, pos=stepper.step_rect(3).center())
    assert view.selected == Stap.SAMENWERKEN
    assert view.step_title.text() == "Stap 3: Met wie werk je samen rondom (dreigend) thuiszitten"
    assert [r.regel.item.key for r in view.checklist_rows] == ["mdo_gepland", "toestemming_ouders",
                                                               "partners_betrokken"]
    assert view.step_status.text().startswith("Het traject staat in stap 1.")
    assert view.move_button.isVisible() and view.move_button.text() == "Naar stap 3"
    # what is still open before it is spelled out
    assert view.step_open.isVisible()
    assert "Stap 1: verzuim geanalyseerd" in view.step_open.text()
    assert "Stap 2: gesprek met de leerling" in view.step_open.text()
    assert "de stappen liggen niet vast" in view.step_open.text()

    with qtbot.waitSignal(view.changed):
        view.move_button.click()
    assert school.trajecten.get(t.id).stap == Stap.SAMENWERKEN
    assert "Stap 3 van 5" in view.meta.text()
    assert view.stepper.current == Stap.SAMENWERKEN
    assert not view.move_button.isVisible()
    assert view.step_status.text().startswith("Hier staat het traject nu.")

    # hovering a step says what it is
    # (the offscreen platform cannot raise a real tooltip window: the text is checked directly)
    assert stepper.tooltip_for(Stap.CONTACT) == "Stap 2: Contact met leerlingen en ouders. 0 van 3 gedaan."
    assert stepper.tooltip_for(Stap.SAMENWERKEN).startswith("Stap 3: Met wie werk je samen rondom (dreigend) "
                                                           "thuiszitten. Hier staat het traject nu.")

    # the keyboard moves the selection too
    stepper.setFocus()
    qtbot.keyClick(stepper, Qt.Key.Key_Left)
    assert view.selected == Stap.CONTACT
    assert view.move_button.text() == "Naar stap 2"


def test_the_analysis_keeps_a_draft_until_saved(qtbot, view, school, monkeypatch):
    t = open_traject(view, monkeypatch, qtbot)
    dialog = AnalyseDialog(school, t.id, view)
    qtbot.addWidget(dialog)
    assert not dialog.concept_note.isVisible()
    dialog.velden[(Domein.LEERLING, "risico")].setPlainText("Angstig in grote groepen")
    dialog.velden[(Domein.SCHOOL, "beschermend")].setPlainText("Goede band met de mentor")
    dialog.reject()  # closing without saving: errors.choose keeps the draft
    assert dialog.result() == 0
    assert school.trajecten.analyse(t.id).ingevuld is False  # nothing stored in the dossier

    again = AnalyseDialog(school, t.id, view)
    qtbot.addWidget(again)
    assert again.velden[(Domein.LEERLING, "risico")].toPlainText() == "Angstig in grote groepen"
    assert again.velden[(Domein.SCHOOL, "beschermend")].toPlainText() == "Goede band met de mentor"
    assert again.concept_note.text().startswith("Concept van ")
    assert " hersteld" in again.concept_note.text()
    again.verzuimtype.setCurrentIndex(1)
    assert again.save()
    assert school.trajecten.analyse(t.id).factoren[Domein.LEERLING].risico == "Angstig in grote groepen"
    assert concept.concept_store(school).lees("analyse", f"traject:{t.id}") is None  # gone after saving

    # through the view: step 4 shows the analysis and its automatic tick
    view.refresh()
    view.select_step(Stap.INTERVENTIE)
    row = next(r for r in view.checklist_rows if r.regel.item.key == "analyse_factoren")
    assert row.checkbox.isChecked()
    texts = [w.text() for w in view.step_box.findChildren(type(view.title)) if not w.isHidden()]
    assert "Angstig in grote groepen" in texts


def test_actiepunt_status_from_the_list(qtbot, view, school, monkeypatch):
    open_traject(view, monkeypatch, qtbot)

    def fill(d: ActiepuntDialog):
        d.wat.setText("Rooster aanpassen")
        d.wie.set_value("Anna de Vries")
        d.uiterlijk.set_value(VANDAAG - timedelta(days=1))

    fill_and_save(monkeypatch, ActiepuntDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.actie_add_button.click()
    tree = view.actiepunten_tree
    assert tree.topLevelItemCount() == 1
    item = tree.topLevelItem(0)
    assert item.text(0) == "22-11-2026 · te laat" and item.text(4) == "Rooster aanpassen"
    assert view.tabs.tabText(2) == "Actiepunten (1 open)"
    tree.setCurrentItem(item)
    assert view.gedaan_button.isEnabled() and not view.heropen_button.isEnabled()
    with qtbot.waitSignal(view.changed):
        view.gedaan_button.click()
    assert school.actiepunten.actiepunten("1001")[0].status is ActiepuntStatus.GEDAAN
    assert tree.topLevelItemCount() == 0 and view.actiepunten_leeg.text() == "Geen open actiepunten meer."
    view.alle_acties.setChecked(True)
    assert tree.topLevelItem(0).text(3) == "Gedaan op 23-11-2026"


def test_close_with_nazorg_and_look_back(qtbot, view, school, monkeypatch):
    t = open_traject(view, monkeypatch, qtbot)
    view.show_leerling("1001")

    def fill(d: SluitenDialog):
        # reden is required
        assert not d.save()
        assert d.error_text("reden") == "Kies waarom het traject gesloten wordt."
        d.reden.setCurrentIndex(d.reden.findData(Sluitreden.TERUG_NAAR_SCHOOL.value))
        assert [r.value() for r in d.rows] == [(date(2027, 1, 4), "Nazorg na 6 weken"),
                                               (date(2027, 2, 23), "Nazorg na 3 maanden"),
                                               (date(2027, 11, 23), "Nazorg na 1 jaar")]
        d.datum.set_value(date(2026, 11, 20))  # the moments follow the datum while untouched
        assert d.rows[0].datum.value() == date(2027, 1, 1)
        d.rows[2].omschrijving.setText("Nazorg na 1 jaar: gesprek met Zoë en haar moeder")
        d._remove(d.rows[1])

    fill_and_save(monkeypatch, SluitenDialog, fill)
    with qtbot.waitSignal(view.changed):
        view.sluit_button.click()
    gesloten = school.trajecten.get(t.id)
    assert gesloten.status is TrajectStatus.GESLOTEN and gesloten.gesloten == date(2026, 11, 20)
    assert [(n.datum, n.omschrijving) for n in gesloten.nazorg] == [
        (date(2027, 1, 1), "Nazorg na 6 weken"), (date(2027, 11, 20), "Nazorg na 1 jaar: gesprek met Zoë en haar moeder")]

    # back to the empty state, with the nazorg of the last traject and the earlier trajecten
    assert view.pages.currentWidget() is view.empty_page
    assert view.empty_nazorg_box.isVisible() and view.eerder_box.isVisible()

    # the closed traject read-only: a banner, no ticking, no step change; the nazorg can still be done
    view.show_traject(t.id)
    assert view.banner.isVisible() and "gesloten traject" in view.banner_text.text()
    assert "terug naar school" in view.banner_text.text()
    assert not view.sluit_button.isVisible() and not view.wijzig_button.isVisible()
    assert all(not r.checkbox.isEnabled() for r in view.checklist_rows)
    view.select_step(Stap.SAMENWERKEN)
    assert not view.move_button.isVisible()
    assert not view.mdo_button.isVisible()
    assert view.tabs.tabText(3) == "Nazorg (2 open)"
    view.nazorg_tree.setCurrentItem(view.nazorg_tree.topLevelItem(0))

    def afronden(d: NazorgAfrondenDialog):
        d.datum.set_value(VANDAAG)
        d.notitie.setPlainText("Gaat goed, elke dag op school")

    fill_and_save(monkeypatch, NazorgAfrondenDialog, afronden)
    with qtbot.waitSignal(view.changed):
        view.nazorg_afronden_button.click()
    assert view.banner.isVisible()  # still looking at the closed traject
    assert view.nazorg_tree.topLevelItem(0).text(2) == "23-11-2026: Gaat goed, elke dag op school"
    assert view.tabs.tabText(3) == "Nazorg (1 open)"
    view.back_button.click()
    assert view.pages.currentWidget() is view.empty_page


def test_a_mentor_records_contact_but_does_not_run_the_traject(qtbot, school, monkeypatch):
    from thuiszit_desktop.db import models as m

    row = m.Gebruiker.create(naam="Daniël de Jong", naam_sleutel="daniël de jong", rol=Rol.MENTOR.value)
    school.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim", vandaag=VANDAAG)
    mentor = Services(school.ctx.store, Gebruiker(row.id, "Daniël de Jong", Rol.MENTOR, ("2B",)))
    v = TrajectView(mentor, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.show()
    v.show_leerling("1001")
    assert not v.wijzig_button.isVisible() and not v.sluit_button.isVisible()
    assert all(not r.checkbox.isEnabled() for r in v.checklist_rows)
    v.select_step(Stap.SAMENWERKEN)
    assert not v.move_button.isVisible() and not v.mdo_button.isVisible()
    assert v.contact_button.isVisible() and v.gesprek_button.isVisible()
    assert not v.actie_add_button.isHidden()  # (on a tab not shown right now)
    v.select_step(Stap.INTERVENTIE)  # no plan yet: not told to make one (there is no button for it)
    def plan_box():
        return next((b for b in v.findChildren(QGroupBox) if b.title() == "Plan van aanpak" and b.isVisible()), None)

    qtbot.waitUntil(lambda: plan_box() is not None)  # (a widget added to a layout shows in the next event turn)
    plan = plan_box()
    teksten = [label.text() for label in plan.findChildren(QLabel)]
    assert teksten == ["Nog geen plan van aanpak. De zorgcoördinator maakt het, samen met de leerling en ouders."]
    assert not [b for b in plan.findChildren(QPushButton)]


def test_fits_a_1366_by_768_screen(qtbot, view, school, monkeypatch):
    open_traject(view, monkeypatch, qtbot)
    for stap in Stap:
        view.select_step(stap)
        assert view.minimumSizeHint().width() <= 1146  # 1366 minus the navigation
        assert view.minimumSizeHint().height() <= 560


def test_open_what_a_timeline_line_points_to(qtbot, view, school, monkeypatch):
    from thuiszit_desktop.ui.leerlingen.tijdlijn_view import TijdlijnView
    from thuiszit_desktop.ui.traject.gesprek_dialog import GesprekDialog
    from thuiszit_desktop.ui.traject.mdo_dialog import MdoDialog

    t = open_traject(view, monkeypatch, qtbot)
    g = school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, date(2026, 11, 20), "Moeder belde", vandaag=VANDAAG)
    mdo = school.mdo.mdo_vastleggen(t.id, date(2026, 11, 20))
    a = school.actiepunten.actiepunt_toevoegen("1001", "Bellen", "Anna de Vries", date(2026, 11, 30), vandaag=VANDAAG)
    geopend = []
    monkeypatch.setattr(GesprekDialog, "exec", lambda d: geopend.append(("gesprek", d.gesprek.id)) or 0)
    monkeypatch.setattr(MdoDialog, "exec", lambda d: geopend.append(("mdo", d.mdo.id)) or 0)

    tijdlijn = TijdlijnView(school)
    qtbot.addWidget(tijdlijn)
    tijdlijn.referentie_activated.connect(view.open_referentie)  # the one line the student page needs
    tijdlijn.show_leerling("1001")
    for ref in (f"gesprek:{g.id}", f"mdo:{mdo.id}"):
        tijdlijn.referentie_activated.emit(ref)
    assert geopend == [("gesprek", g.id), ("mdo", mdo.id)]
    assert view.open_referentie(f"actiepunt:{a.id}") and view.tabs.currentIndex() == 2
    assert not view.open_referentie("signaal:meldplicht_16u:2026-11-20")


def test_a_mentor_does_not_see_confidential_summaries(qtbot, school):
    from thuiszit_desktop.db import models as m

    row = m.Gebruiker.create(naam="Daniël de Jong", naam_sleutel="daniël de jong", rol=Rol.MENTOR.value)
    school.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim", vandaag=VANDAAG)
    school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, "Medische details",
                                        vertrouwelijk=True, vandaag=VANDAAG)
    mentor = Services(school.ctx.store, Gebruiker(row.id, "Daniël de Jong", Rol.MENTOR, ("2B",)))
    v = TrajectView(mentor, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.show_leerling("1001")
    item = v.gesprekken_tree.topLevelItem(0)
    assert item.text(1) == "Gesprek met de ouders · vertrouwelijk"  # the marker stays visible
    assert item.text(3) == VERTROUWELIJK and item.toolTip(3) == VERTROUWELIJK  # the service's text
    assert "Medische" not in item.text(3) + item.toolTip(3)


def test_a_mentor_sees_a_confidential_mdo_marked_without_its_besluiten(qtbot, school):
    from thuiszit_desktop.db import models as m

    row = m.Gebruiker.create(naam="Daniël de Jong", naam_sleutel="daniël de jong", rol=Rol.MENTOR.value)
    t = school.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim", vandaag=VANDAAG)
    school.mdo.mdo_vastleggen(t.id, VANDAAG, verslag="Diagnose", vertrouwelijk=True,
                                    besluiten=["Behandeling bij de GGZ"], vandaag=VANDAAG)
    mentor = Services(school.ctx.store, Gebruiker(row.id, "Daniël de Jong", Rol.MENTOR, ("2B",)))
    v = TrajectView(mentor, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.show_leerling("1001")
    teksten = [w.text() for w in v.findChildren(QLabel)]
    assert any("· vertrouwelijk" in x for x in teksten)
    assert VERTROUWELIJK in teksten
    assert not any("GGZ" in x or "Diagnose" in x for x in teksten)
