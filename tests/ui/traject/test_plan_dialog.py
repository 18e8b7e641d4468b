"""The plan van aanpak dialog: version 1 is made on opening, a doel saved, vaststellen makes it read-only, a
change then becomes version 2 while version 1 stays viewable; an evaluatie per doel; field errors keep the
typed text; the preview opens with the plan's PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.plan import Akkoord, Doel, PlanStatus, Uitkomst
from thuiszit_desktop.domain.traject import Analyse, Categorie, Domein, Factoren, Verzuimtype
from thuiszit_desktop.ui.common import errors, form, pdf_preview
from thuiszit_desktop.ui.traject.plan_dialog import PlanDialog
from thuiszit_desktop.ui.traject.plan_vaststellen import EvaluatieDialog, VaststellenDialog

VANDAAG = date.today()


@pytest.fixture(autouse=True)
def discard_drafts(monkeypatch):
    monkeypatch.setattr(errors, "choose", lambda *args, **kw: form.DISCARD)


@pytest.fixture(autouse=True)
def no_print_or_file_dialogs(monkeypatch):
    monkeypatch.setattr(pdf_preview, "choose_printer", lambda *a: pytest.fail("print dialog"))
    monkeypatch.setattr(pdf_preview, "save_file_name", lambda *a: pytest.fail("file dialog"))


@pytest.fixture
def traject_id(services) -> int:
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="3B", ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER),)), VANDAAG)
    t = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Zoë komt sinds oktober bijna niet meer.",
                                  geopend=date(2026, 10, 1), vandaag=VANDAAG)
    services.trajecten.analyse_opslaan(t.id, Analyse({Domein.LEERLING: Factoren("angstig", "wil graag leren")},
                                                     Verzuimtype.SCHOOLWEIGERING), vandaag=VANDAAG)
    return t.id


def new_dialog(qtbot, services, traject_id) -> PlanDialog:
    d = PlanDialog(services, traject_id, None)
    qtbot.addWidget(d)
    return d


def test_create_save_vaststellen_and_a_new_version(qtbot, services, traject_id, monkeypatch):
    d = new_dialog(qtbot, services, traject_id)
    assert d.plan.versie == 1 and d.editable
    assert d.version_label.text() == "Versie 1 · concept"
    assert d.texts["aanleiding"].toPlainText() == "Zoë komt sinds oktober bijna niet meer."
    # pre-filled from step 4, as ouders read it: the table, in plain words, no "schoolweigering"
    moeilijk, helpt = d.analyse.cellen[Domein.LEERLING]
    assert moeilijk.toPlainText() == "Angstig. Naar school gaan voelt voor Zoë heel zwaar, vaak door spanning of angst."
    assert helpt.toPlainText() == "Wil graag leren." and d.texts["analyse"].toPlainText() == ""

    # a doel without omschrijving is refused next to its row; what was typed stays
    d.texts["leerling_wil"].setPlainText("Eerst rustig beginnen.")
    row = d.doelen.add()
    row.widgets[1].set_value(date(2027, 3, 1))
    assert not d.save()
    assert d.error_text("doel 1") == "Beschrijf het doel."
    assert d.texts["leerling_wil"].toPlainText() == "Eerst rustig beginnen."
    row.widgets[0].setText("Drie ochtenden per week op school")
    row.widgets[2].setText("Rooster van de mentor")
    iv = d.interventies.add()
    iv.widgets[0].setCurrentText("Verzuimcoach")
    iv.widgets[1].setText("Sanne")
    d.momenten.add().widgets[0].set_value(date(2027, 1, 15))
    assert d.save()
    plan = services.plannen.plan(traject_id)
    assert [x.omschrijving for x in plan.doelen] == ["Drie ochtenden per week op school"]
    assert plan.interventies[0].soort == "Verzuimcoach" and plan.evaluatiemomenten == (date(2027, 1, 15),)
    assert plan.leerling_wil == "Eerst rustig beginnen."
    assert not d.has_changes()

    # vaststellen: the ouder is proposed (Zoë is 14); the dialog asks how ouders reach the casusregisseur and
    # the name and function Anna signs with; the version becomes read-only
    def vaststellen(dialog: VaststellenDialog):
        assert dialog.naam.text() == "Ingrid Bakker"
        assert not dialog.save()  # nothing filled in yet
        assert "Vul een telefoonnummer of e-mailadres in van Anna de Vries" in dialog.errors.text("c_telefoon")
        dialog.c_telefoon.setText("030-1234567")
        assert not dialog.save()
        assert dialog.errors.text("volledige_naam").startswith("Vul dit in")
        dialog.volledige_naam.setText("Anna de Vries")
        dialog.functie.setText("zorgcoördinator")
        assert dialog.save()
        return 1

    monkeypatch.setattr(VaststellenDialog, "exec", vaststellen)
    assert d.vaststellen()
    assert services.profielen.get() == Profiel("Anna de Vries", "zorgcoördinator", "030-1234567", "")
    assert d.plan.status is PlanStatus.VASTGESTELD and not d.editable
    assert d.version_label.text() == "Versie 1 · vastgesteld"
    assert d.texts["aanleiding"].isReadOnly() and not d.save_button.isVisibleTo(d)
    assert not d.doelen.rows[0].widgets[0].isEnabled() or d.doelen.rows[0].widgets[0].isReadOnly()
    assert "versie (2)" in d.note.text()

    # an evaluatie of the doel (also on a vastgesteld version)
    def evalueren(dialog: EvaluatieDialog):
        dialog.uitkomst.setCurrentIndex(dialog.uitkomst.findData(Uitkomst.DEELS))
        dialog.notitie.setPlainText("Twee van de drie ochtenden")
        assert dialog.save()
        return 1

    monkeypatch.setattr(EvaluatieDialog, "exec", evalueren)
    assert d.evaluatie(d.doelen.rows[0])
    assert "Deels behaald" in d.doelen.rows[0].evaluatie_label.text()

    # a change makes version 2; version 1 stays as it was and can still be viewed
    d.wijzig_button.click()
    assert d.editable and "versie 2" in d.note.text()
    d.texts["ouders_willen"].setPlainText("Dat Zoë weer plezier krijgt.")
    assert d.save()
    assert d.plan.versie == 2 and d.plan.status is PlanStatus.CONCEPT and d.editable
    assert d.version_label.text() == "Versie 2 · concept"
    assert "Versie 1 blijft vastgesteld" in d.status.text()
    assert [p.versie for p in services.plannen.versies(traject_id)] == [1, 2]

    d.versie_combo.setCurrentIndex(d.versie_combo.findData(1))
    d.versie_combo.activated.emit(d.versie_combo.currentIndex())
    assert d.plan.versie == 1 and not d.editable
    assert d.texts["ouders_willen"].toPlainText() == ""
    assert "eerdere versie" in d.note.text()
    assert not d.wijzig_button.isVisibleTo(d) and not d.vaststellen_button.isVisibleTo(d)


def test_a_draft_of_the_long_texts_comes_back(qtbot, services, traject_id):
    d = new_dialog(qtbot, services, traject_id)
    d.texts["ouders_willen"].setPlainText("Nog niet opgeslagen")
    d.concept.bewaar()
    d.concept.stop()
    d.close()
    d2 = new_dialog(qtbot, services, traject_id)
    assert d2.texts["ouders_willen"].toPlainText() == "Nog niet opgeslagen"
    assert "hersteld" in d2.concept_note.text()


def test_preview_shows_the_pdf(qtbot, services, traject_id, monkeypatch):
    d = new_dialog(qtbot, services, traject_id)
    geopend = []
    monkeypatch.setattr(pdf_preview.PdfPreviewDialog, "exec", lambda dialog: geopend.append(dialog) or 0)
    preview = d.voorbeeld()
    assert preview is geopend[0]
    assert preview.bestandsnaam == "Plan van aanpak Zoë Bakker versie 1.pdf"
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0, timeout=10_000)


def test_plain_words_are_offered_while_the_plan_is_written(qtbot, services, traject_id):
    d = new_dialog(qtbot, services, traject_id)
    assert not d.aandacht.woorden_box.isVisibleTo(d)
    d.texts["aanleiding"].setPlainText("Schoolweigering sinds de zomer; M@zl is gestart.")
    row = d.doelen.add()
    row.widgets[0].setText("Weer naar school")
    row.widgets[2].setText("De mentor ziet het in de presentie.")
    d.texts["leerling_wil"].setPlainText("Ik wil geen schoolweigeraar zijn.")  # the student's own words: left alone
    assert d.aandacht.woorden_box.isVisibleTo(d)
    tekst = d.aandacht.woorden.text()
    assert "‘Schoolweigering’ → niet naar school kunnen gaan (vaak door spanning of angst)" in tekst
    assert "‘M@zl’ → de jeugdarts (bij vaak ziek zijn)" in tekst and "‘presentie’ → aanwezigheidslijst" in tekst
    assert "schoolweigeraar" not in tekst
    d.aandacht.vervang_button.click()
    assert d.texts["aanleiding"].toPlainText() == ("Niet naar school kunnen gaan (vaak door spanning of angst) sinds de "
                                                   "zomer; de jeugdarts (bij vaak ziek zijn) is gestart.")
    assert row.widgets[2].text() == "De mentor ziet het in de aanwezigheidslijst."
    assert d.texts["leerling_wil"].toPlainText() == "Ik wil geen schoolweigeraar zijn."
    assert not d.aandacht.woorden_box.isVisibleTo(d)


def test_dates_in_the_past_or_without_lessons_are_warned_about(qtbot, services, traject_id):
    d = new_dialog(qtbot, services, traject_id)
    assert not d.aandacht.datums.isVisibleTo(d)
    row = d.doelen.add()
    row.widgets[0].setText("Weer naar school")
    row.widgets[1].set_value(VANDAAG - timedelta(days=3))
    zaterdag = VANDAAG + timedelta(days=(5 - VANDAAG.weekday()) % 7 or 7)
    d.momenten.add().widgets[0].set_value(zaterdag)
    tekst = d.aandacht.datums.text()
    assert "Doel 1:" in tekst and "ligt in het verleden" in tekst
    assert "Evaluatiemoment: zaterdag" in tekst and "is geen lesdag (weekend)" in tekst
    assert d.save()  # a warning, not a refusal


def test_a_new_version_shows_what_changed(qtbot, services, traject_id):
    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "030-1234567"))
    plan = services.plannen.nieuw(traject_id, vandaag=VANDAAG)
    plan = services.plannen.opslaan(replace(plan, doelen=(Doel("Drie ochtenden", VANDAAG + timedelta(days=60)),)),
                                    vandaag=VANDAAG)
    services.plannen.vaststellen(plan.id, VANDAAG, Akkoord("Ingrid Bakker", VANDAAG), vandaag=VANDAAG)
    d = new_dialog(qtbot, services, traject_id)
    assert not d.aandacht.wijzigingen.isVisibleTo(d)  # version 1, vastgesteld
    d.wijzig_button.click()
    d.doelen.add().widgets[0].setText("Elke week naar de verzuimcoach")
    assert d.save() and d.plan.versie == 2
    tekst = d.aandacht.wijzigingen.text()
    assert "Wat er veranderd is sinds versie 1" in tekst and "• Nieuw doel: Elke week naar de verzuimcoach" in tekst
    d.doelen.rows[0].widgets[0].setText("Twee ochtenden")
    assert "• Doel aangepast: Twee ochtenden (was: Drie ochtenden)" in d.aandacht.wijzigingen.text()


def test_a_contact_without_phone_or_email_stops_vaststellen_at_its_row(qtbot, services, traject_id, monkeypatch):
    monkeypatch.setattr(VaststellenDialog, "exec", lambda dialog: pytest.fail("vaststellen opened"))
    d = new_dialog(qtbot, services, traject_id)
    d.doelen.add().widgets[0].setText("Weer naar school")
    c = d.contacten.add()
    c.widgets[0].setText("Maarten Brink")
    c.widgets[1].setText("mentor")
    assert not d.vaststellen()
    assert "Vul een telefoonnummer of e-mailadres in van Maarten Brink" in d.error_text("contactpersoon 1")
    assert d.status.text().startswith("Vaststellen kan nog niet")


def test_the_plan_opens_on_the_aanleiding_and_the_scroll_area_is_no_tab_stop(qtbot, services, traject_id):
    """Opened from the keyboard, typing goes into the first text at once – not into the scroll area."""
    d = new_dialog(qtbot, services, traject_id)
    assert d.focusWidget() is d.texts["aanleiding"]
    assert d.scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
