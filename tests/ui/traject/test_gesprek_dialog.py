"""Recording a gesprek (a date in the future is refused, afspraken become actiepunten), the mentor's quick
contactmoment (Ctrl+Enter saves), and drafts: kept when the dialog closes without saving, restored with a note,
removed after saving."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import antwoord_bij_conflict
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie, GesprekType
from thuiszit_desktop.ui.common import concept, errors, form
from thuiszit_desktop.ui.traject.gesprek_dialog import ContactmomentDialog, GesprekDialog
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def school(services):
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"),
                                                         ("1002", "Mehmet", "", "Çelik")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas="2B"),
                                    vandaag=VANDAAG)
    services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim", geopend=date(2026, 11, 2),
                              vandaag=VANDAAG)
    return services


def dialog(qtbot, school, nr="1001", gesprek=None) -> GesprekDialog:
    d = GesprekDialog(school, nr, None, gesprek, vandaag=VANDAAG)
    qtbot.addWidget(d)
    return d


def test_a_date_in_the_future_is_refused_and_typed_text_stays(qtbot, school):
    d = dialog(qtbot, school)
    assert d.datum.value() == VANDAAG
    assert "open traject (dreigend thuiszitter, geopend op 02-11-2026)" in d.traject_hint.text()
    d.type.setCurrentIndex(d.type.findData(GesprekType.GESPREK_OUDERS.value))
    d.deelnemers.setText("Zoë, haar moeder en de mentor")
    d.samenvatting.setPlainText("Moeder vertelt over de spanning thuis sinds de verhuizing.")
    d.datum.set_value(VANDAAG + timedelta(days=1))
    # shown at once, and again when saving
    assert "toekomst" in d.error_text("datum")
    assert not d.save()
    assert d.error_text("datum") == "De datum van het gesprek kan niet in de toekomst liggen. Controleer de datum."
    assert school.gesprekken.gesprekken("1001") == []
    assert d.samenvatting.toPlainText() == "Moeder vertelt over de spanning thuis sinds de verhuizing."
    d.datum.set_value(date(2026, 11, 20))
    assert d.error_text("datum") == ""
    d.vertrouwelijk.setChecked(True)
    assert d.save()
    g = school.gesprekken.gesprekken("1001")[0]
    assert (g.type, g.datum, g.deelnemers, g.vertrouwelijk) == (GesprekType.GESPREK_OUDERS, date(2026, 11, 20),
                                                                "Zoë, haar moeder en de mentor", True)
    assert g.traject_id == school.trajecten.open_traject("1001").id
    assert d.saved == g


def test_an_empty_summary_is_refused(qtbot, school):
    d = dialog(qtbot, school)
    assert not d.save()
    assert d.error_text("samenvatting") == "Schrijf in een paar woorden op waar het gesprek over ging."


def test_afspraken_become_actiepunten_with_wie_and_uiterlijk(qtbot, school):
    d = dialog(qtbot, school)
    d.samenvatting.setPlainText("Zoë wil weer naar school, eerst de ochtenden.")
    eerste = d.afspraken.add()
    eerste.tekst.setText("Zoë komt maandag het eerste uur")
    tweede = d.afspraken.add()
    tweede.tekst.setText("Rooster bekijken met de teamleider")
    tweede.actiepunt.setChecked(True)
    tweede.wie.set_value("Anna de Vries")
    # without a deadline: the service's message beside the row, nothing saved
    assert not d.save()
    assert tweede.uiterlijk_error.text() == "Vul in wanneer dit actiepunt uiterlijk klaar moet zijn."
    assert not tweede.uiterlijk_error.isHidden()
    assert school.gesprekken.gesprekken("1001") == []
    tweede.uiterlijk.set_value(date(2026, 12, 4))
    assert d.save()
    g = school.gesprekken.gesprekken("1001")[0]
    assert [a.tekst for a in g.afspraken] == ["Zoë komt maandag het eerste uur", "Rooster bekijken met de teamleider"]
    assert g.afspraken[0].actiepunt_id is None
    a = school.actiepunten.actiepunt(g.afspraken[1].actiepunt_id)
    assert (a.wat, a.wie.naam, a.uiterlijk, a.gesprek_id) == ("Rooster bekijken met de teamleider", "Anna de Vries",
                                                              date(2026, 12, 4), g.id)

    # later, the recorded gesprek: its other afspraak can still become an actiepunt
    view = dialog(qtbot, school, gesprek=g)
    assert not view.samenvatting.isReadOnly() and view.datum.isEnabled()  # a correction is possible
    assert "niet meer wijzigen" not in view.traject_hint.text()
    rij = view.afspraken.rows[0]
    assert view.afspraken.rows[1].done_label.text() == "Actiepunt: Anna de Vries, uiterlijk 04-12-2026 (open)"
    rij.actiepunt.setChecked(True)
    assert not view.save()
    assert rij.wie_error.text() == "Vul in wie dit actiepunt uitvoert: elk actiepunt heeft een eigenaar."
    rij.wie.set_value("Daniël de Jong")  # a new name: added to the address book
    rij.uiterlijk.set_value(date(2026, 11, 30))
    assert view.save()
    assert len(school.actiepunten.actiepunten("1001")) == 2
    assert any(p.naam == "Daniël de Jong" for p in school.partners.partners())


def test_an_afspraak_becomes_an_actiepunt_in_the_same_single_call(qtbot, school, monkeypatch):
    calls = []
    for service, name in (("gesprekken", "gesprek_vastleggen"), ("gesprekken", "afspraak_naar_actiepunt"),
                          ("actiepunten", "actiepunt_toevoegen"), ("gesprekken", "gesprek_bijwerken")):
        echt = getattr(getattr(school, service), name)
        monkeypatch.setattr(getattr(school, service), name,
                            lambda *a, _n=name, _f=echt, **kw: calls.append(_n) or _f(*a, **kw))
    d = dialog(qtbot, school)
    d.samenvatting.setPlainText("Zoë wil weer naar school.")
    d.afspraken.add()  # an empty row is skipped, yet the index of the next one stays right
    rij = d.afspraken.add()
    rij.tekst.setText("Mentor belt vrijdag")
    rij.actiepunt.setChecked(True)
    rij.wie.set_value("Anna de Vries")
    rij.uiterlijk.set_value(date(2026, 11, 27))
    assert d.save()
    assert calls == ["gesprek_vastleggen"]
    g = school.gesprekken.gesprekken("1001")[0]
    assert [a.tekst for a in g.afspraken] == ["Mentor belt vrijdag"]
    a = school.actiepunten.actiepunt(g.afspraken[0].actiepunt_id)
    assert (a.wat, a.wie.naam, a.uiterlijk, a.gesprek_id) == ("Mentor belt vrijdag", "Anna de Vries",
                                                              date(2026, 11, 27), g.id)


def test_a_deadline_before_the_gesprek_shows_beside_its_afspraak_and_keeps_the_text(qtbot, school):
    d = dialog(qtbot, school)
    d.samenvatting.setPlainText("Zoë wil weer naar school.")
    d.datum.set_value(date(2026, 11, 20))
    rij = d.afspraken.add()
    rij.tekst.setText("Mentor belt vrijdag")
    rij.actiepunt.setChecked(True)
    rij.wie.set_value("Anna de Vries")
    rij.uiterlijk.set_value(date(2026, 11, 19))
    assert not d.save()
    assert "vóór de datum waarop het is afgesproken" in rij.uiterlijk_error.text()
    assert school.gesprekken.gesprekken("1001") == []
    assert (d.samenvatting.toPlainText(), rij.tekst.text()) == ("Zoë wil weer naar school.", "Mentor belt vrijdag")


def test_a_recorded_gesprek_is_corrected(qtbot, school):
    g = school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_LEERLING, date(2026, 11, 20), "Zoe vertelt",
                              vandaag=VANDAAG)
    d = dialog(qtbot, school, gesprek=g)
    d.samenvatting.setPlainText("")
    assert not d.save()
    assert d.error_text("samenvatting") == "Schrijf in een paar woorden op waar het gesprek over ging."
    d.samenvatting.setPlainText("Zoë vertelt over de grote pauze.")
    d.deelnemers.setText("Zoë en de mentor")
    d.datum.set_value(date(2026, 11, 19))
    d.type.setCurrentIndex(d.type.findData(GesprekType.GESPREK_OUDERS.value))
    assert d.save()
    nu = school.gesprekken.gesprek(g.id)
    assert (nu.type, nu.datum, nu.samenvatting, nu.deelnemers) == (
        GesprekType.GESPREK_OUDERS, date(2026, 11, 19), "Zoë vertelt over de grote pauze.", "Zoë en de mentor")
    assert d.saved == nu


def mentor(school):
    from thuiszit_desktop.db import models as m
    from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
    from thuiszit_desktop.services.session import Services

    row = m.Gebruiker.create(naam="Bram Visser", naam_sleutel="bram visser", rol=Rol.MENTOR.value)
    return Services(school.ctx.store, Gebruiker(row.id, "Bram Visser", Rol.MENTOR, ("2B",)))


def test_a_mentor_sees_the_vertrouwelijk_marker_not_the_content(qtbot, school):
    from thuiszit_desktop.services.traject_gedeeld import VERTROUWELIJK

    geheim = school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, date(2026, 11, 20), "Moeder over de therapie",
                                   afspraken=["Jeugdarts belt moeder"], vertrouwelijk=True, vandaag=VANDAAG)
    gewoon = school.gesprekken.gesprek_vastleggen("1001", GesprekType.TELEFONISCH, date(2026, 11, 21), "Zoë komt morgen",
                                   vandaag=VANDAAG)
    bram = mentor(school)
    d = dialog(qtbot, bram, gesprek=bram.gesprekken.gesprek(geheim.id))
    assert d.vertrouwelijk.isChecked() and "vertrouwelijk" in d.traject_hint.text()
    assert d.samenvatting.toPlainText() == VERTROUWELIJK and "therapie" not in d.samenvatting.toPlainText()
    assert [r.tekst.text() for r in d.afspraken.rows] == [VERTROUWELIJK]
    assert d.samenvatting.isReadOnly() and d.save_button.isHidden()
    # a gesprek that is not vertrouwelijk the mentor can correct
    d = dialog(qtbot, bram, gesprek=bram.gesprekken.gesprek(gewoon.id))
    assert not d.samenvatting.isReadOnly()
    d.samenvatting.setPlainText("Zoë komt morgen het eerste uur")
    assert d.save()
    assert school.gesprekken.gesprek(gewoon.id).samenvatting == "Zoë komt morgen het eerste uur"


def test_through_the_traject_view(qtbot, school, monkeypatch):
    v = TrajectView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.show()
    v.show_leerling("1001")

    def fill(d: GesprekDialog):
        d.type.setCurrentIndex(d.type.findData(GesprekType.GESPREK_LEERLING.value))
        d.samenvatting.setPlainText("Zoë vertelt in eigen woorden wat ze nodig heeft.")
        d.datum.set_value(VANDAAG + timedelta(days=3))
        assert not d.save()
        d.datum.set_value(VANDAAG)
        assert d.save()
        return d.result()

    monkeypatch.setattr(GesprekDialog, "exec", fill)
    with qtbot.waitSignal(v.changed):
        v.gesprek_button.click()
    assert v.tabs.tabText(0) == "Gesprekken (1)"
    item = v.gesprekken_tree.topLevelItem(0)
    assert (item.text(0), item.text(1)) == ("23-11-2026", "Gesprek met de leerling")
    v.select_step(2)
    row = next(r for r in v.checklist_rows if r.regel.item.key == "gesprek_leerling")
    assert row.regel.automatisch and row.checkbox.isChecked()


def test_contactmoment_in_three_fields_and_ctrl_enter(qtbot, school):
    d = ContactmomentDialog(school, "1002", None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    assert d.datum.value() == VANDAAG
    assert d.type.currentData() == GesprekType.TELEFONISCH.value
    assert d.focusWidget() is d.samenvatting  # type at once
    d.samenvatting.setPlainText("Moeder gebeld: Mehmet is ziek, komt woensdag weer.")
    # Ctrl+Enter (and Ctrl+Return) save from anywhere in the dialog; the offscreen platform cannot make the
    # window active, so the shortcut is fired the way Qt fires it
    sneltoetsen = {s.key().toString(): s for s in d.findChildren(QShortcut)}
    assert {"Ctrl+Return", "Ctrl+Enter"} <= set(sneltoetsen)
    with qtbot.waitSignal(d.accepted):
        sneltoetsen["Ctrl+Return"].activated.emit()
    g = school.gesprekken.gesprekken("1002")[0]
    assert (g.type, g.datum, g.samenvatting, g.traject_id) == (
        GesprekType.TELEFONISCH, VANDAAG, "Moeder gebeld: Mehmet is ziek, komt woensdag weer.", None)


def test_contactmoment_refuses_an_empty_summary(qtbot, school):
    d = ContactmomentDialog(school, "1002", None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    assert not d.save()
    assert d.error_text("samenvatting") == "Schrijf in een paar woorden op waar het gesprek over ging."


def test_a_draft_is_restored_after_closing_without_saving(qtbot, school, monkeypatch):
    d = dialog(qtbot, school)
    d.samenvatting.setPlainText("Zoë vertelde dat ze")
    d.deelnemers.setText("Zoë en de mentor")
    d.afspraken.add().tekst.setText("Maandag bellen")
    gevraagd = {}

    def choose(parent, text, options, **kw):
        gevraagd["vraag"], gevraagd["opties"] = text, options
        return form.KEEP_DRAFT

    monkeypatch.setattr(errors, "choose", choose)
    d.reject()
    assert gevraagd == {"vraag": "Wijzigingen weggooien?",
                        "opties": ["Verder bewerken", "Sluiten en concept bewaren", "Weggooien"]}
    assert d.result() == 0

    again = dialog(qtbot, school)
    assert again.samenvatting.toPlainText() == "Zoë vertelde dat ze"
    assert again.deelnemers.text() == "Zoë en de mentor"
    assert [r.tekst.text() for r in again.afspraken.rows] == ["Maandag bellen"]
    assert again.concept_note.text().startswith("Concept van ") and "hersteld" in again.concept_note.text()
    assert not again.concept_note.isHidden()
    # drafts are per student
    other = dialog(qtbot, school, nr="1002")
    assert other.samenvatting.toPlainText() == ""
    assert other.concept_note.isHidden()

    again.samenvatting.setPlainText("Zoë vertelde dat ze de grote groepen moeilijk vindt.")
    assert again.save()
    third = dialog(qtbot, school)
    assert third.samenvatting.toPlainText() == "" and third.concept_note.isHidden()


def test_discarding_removes_the_draft_and_keep_editing_keeps_the_dialog(qtbot, school, monkeypatch):
    d = dialog(qtbot, school)
    d.show()
    d.samenvatting.setPlainText("Eerste aantekening")
    monkeypatch.setattr(errors, "choose", lambda *a, **kw: form.KEEP_EDITING)
    d.reject()
    assert d.isVisible()  # still editing
    monkeypatch.setattr(errors, "choose", lambda *a, **kw: form.DISCARD)
    d.reject()
    assert not d.isVisible()
    assert concept.concept_store(school).lees("gesprek", "1001") is None
    assert dialog(qtbot, school).samenvatting.toPlainText() == ""


def test_the_draft_is_kept_a_moment_after_typing_stops(qtbot, school, monkeypatch):
    monkeypatch.setattr(concept, "AUTOSAVE_MS", 20)
    d = ContactmomentDialog(school, "1002", None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    store = concept.concept_store(school)
    d.samenvatting.setPlainText("Halverwege een zin")
    qtbot.waitUntil(lambda: store.lees("contactmoment", "1002") is not None, timeout=2000)
    assert store.lees("contactmoment", "1002").velden == {"samenvatting": "Halverwege een zin"}
    # kept in the encrypted database, for this user only
    assert store is school.concepten
    assert school.concepten.lees("contactmoment", "1002").velden == {"samenvatting": "Halverwege een zin"}


def test_without_an_encrypted_store_drafts_stay_in_memory_for_the_session(school):
    class ZonderConcepten:  # services of an older build
        concepten = None

    a, b = ZonderConcepten(), ZonderConcepten()
    store = concept.concept_store(a)
    assert isinstance(store, concept.MemoryConceptStore)
    assert concept.concept_store(a) is store and concept.concept_store(b) is not store
    store.bewaar("gesprek", "1001", {"samenvatting": "x"})
    assert store.lees("gesprek", "1001").notitie.startswith("Concept van ")
    assert concept.concept_store(b).lees("gesprek", "1001") is None


def test_closing_without_changes_asks_nothing(qtbot, school, monkeypatch):
    monkeypatch.setattr(errors, "ask", lambda *a, **kw: pytest.fail("asked"))
    monkeypatch.setattr(errors, "choose", lambda *a, **kw: pytest.fail("asked"))
    d = dialog(qtbot, school)
    d.reject()
    assert d.result() == 0


def _conflict(qtbot, school):
    """A gesprek this dialog opened, then saved by someone else; the dialog has "Mijn eigen verslag" typed."""
    g = school.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, VANDAAG, "Eerste verslag",
                                             vandaag=VANDAAG)
    d = dialog(qtbot, school, gesprek=g)
    school.gesprekken.gesprek_bijwerken(g.id, samenvatting="Aangevuld door de mentor", vandaag=VANDAAG)
    d.samenvatting.setPlainText("Mijn eigen verslag")
    return g, d


def _rijen(conflict_dialoog) -> list[tuple[str, str, str]]:
    t = conflict_dialoog.tabel
    return [tuple(t.item(r, k).text() for k in range(3)) for r in range(t.rowCount())]


def test_een_conflict_toont_hun_en_mijn_versie_en_mijn_versie_opslaan(qtbot, school, monkeypatch):
    """Someone else saved the gesprek after this dialog opened: theirs beside mine, and "Mijn versie opslaan"
    puts mine on top of theirs, knowingly (services/versies.py)."""
    g, d = _conflict(qtbot, school)
    getoond = antwoord_bij_conflict(monkeypatch, "mijn_knop")
    assert d.save()
    uitleg = getoond[0].findChild(QLabel).text()
    assert len(getoond) == 1 and "heeft dit gesprek op " in uitleg and "Er gaat niets verloren." in uitleg
    assert _rijen(getoond[0]) == [("Samenvatting", "Aangevuld door de mentor", "Mijn eigen verslag")]
    assert school.gesprekken.gesprek(g.id).samenvatting == "Mijn eigen verslag"


def test_hun_versie_houden_toont_de_hunne_en_laat_mijn_tekst_staan_om_te_kopieren(qtbot, school, monkeypatch):
    g, d = _conflict(qtbot, school)
    antwoord_bij_conflict(monkeypatch, "hun_knop")
    assert not d.save()
    assert d.samenvatting.toPlainText() == "Aangevuld door de mentor"
    assert d.eigen_tekst.isReadOnly() and "Mijn eigen verslag" in d.eigen_tekst.toPlainText()
    assert not d.has_changes()  # nothing of mine is in the fields any more
    assert school.gesprekken.gesprek(g.id).samenvatting == "Aangevuld door de mentor"
    d.deelnemers.setText("Moeder")  # editing on from theirs saves without a new conflict
    assert d.save()
    assert (school.gesprekken.gesprek(g.id).samenvatting, school.gesprekken.gesprek(g.id).deelnemers) == (
        "Aangevuld door de mentor", "Moeder")


def test_verder_bewerken_slaat_niets_op_en_vraagt_het_bij_opnieuw_opslaan_weer(qtbot, school, monkeypatch):
    g, d = _conflict(qtbot, school)
    getoond = antwoord_bij_conflict(monkeypatch, "verder_knop")
    assert not d.save()
    assert d.samenvatting.toPlainText() == "Mijn eigen verslag"
    assert not d.save() and len(getoond) == 2  # never silently over theirs
    assert school.gesprekken.gesprek(g.id).samenvatting == "Aangevuld door de mentor"


def test_mijn_tekst_kopieren(qtbot, school, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    _g, d = _conflict(qtbot, school)
    getoond = antwoord_bij_conflict(monkeypatch, "verder_knop")
    d.save()
    getoond[0].kopieer.click()
    assert QGuiApplication.clipboard().text() == "Samenvatting:\nMijn eigen verslag"


def test_contactmoment_without_a_connection_keeps_the_text_and_saves_when_it_is_back(qtbot, school, monkeypatch):
    """A mentor on the shared server whose Wi-Fi drops while saving: nothing saved, the text stays in the dialog
    and as a draft, and when the connection is back the dialog offers to save (as every form does)."""
    from thuiszit_desktop.domain.errors import VerbindingWeg
    from thuiszit_desktop.ui.common.wijzigingen import meldpunt

    meldingen, vragen = [], []
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: meldingen.append(text))
    monkeypatch.setattr(errors, "ask", lambda parent, text, **kw: vragen.append(text) or True)
    echt = school.gesprekken.contactmoment

    def weg(*args, **kwargs):
        raise VerbindingWeg("De schooldatabase is niet bereikbaar.")

    monkeypatch.setattr(school.gesprekken, "contactmoment", weg)
    d = ContactmomentDialog(school, "1002", None, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    d.samenvatting.setPlainText("Vader gebeld: Mehmet komt morgen weer.")
    assert not d.save()
    assert len(meldingen) == 1 and "Er is niets opgeslagen" in meldingen[0] and "concept" in meldingen[0]
    assert d.samenvatting.toPlainText() == "Vader gebeld: Mehmet komt morgen weer."
    assert school.concepten.lees("contactmoment", "1002").velden == {
        "samenvatting": "Vader gebeld: Mehmet komt morgen weer."}
    assert school.gesprekken.gesprekken("1002") == []

    monkeypatch.setattr(school.gesprekken, "contactmoment", echt)
    with qtbot.waitSignal(d.accepted):
        meldpunt().verbinding.emit(True)
    assert vragen == ["De verbinding met de schooldatabase is terug. Wilt u nu opslaan?"]
    assert [g.samenvatting for g in school.gesprekken.gesprekken("1002")] == ["Vader gebeld: Mehmet komt morgen weer."]
    assert school.concepten.lees("contactmoment", "1002") is None


def test_the_dialog_opens_on_its_first_field_and_the_scroll_area_is_no_tab_stop(qtbot, school):
    """Opened from the keyboard, typing goes into a field at once – not into the (invisible) scroll area."""
    d = dialog(qtbot, school)
    assert d.focusWidget() is d.type
    assert d.scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
