"""The verzuim part of the student page, driven like a user would: enter verzuim, see the heat map and
the signal with its reason, register a melding, discuss a signal, remove a mistake."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen.leerling_page import LeerlingPage
from thuiszit_desktop.ui.leerlingen.verzuim_dialogs import (
    BesprokenDialog,
    MazlDialog,
    MeldingDialog,
    VerzuimInvoerenDialog,
)
from thuiszit_desktop.ui.leerlingen.verzuim_heatmap import REDEN_KLEUR, tint
from thuiszit_desktop.ui.leerlingen.verzuim_panel import VerzuimPanel

VANDAAG = date(2026, 11, 23)
BIJGEWERKT = date(2026, 11, 20)


@pytest.fixture
def school(services, tmp_path: Path):
    """Three fictional students; verzuim imported up to and including 20-11-2026."""
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"),
                                                         ("1002", "Mehmet", "", "Çelik"),
                                                         ("1003", "Daniël", "de", "Jong")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas="2B"),
                                    vandaag=VANDAAG)
    pad = tmp_path / "verzuim.csv"
    pad.write_text("leerlingnummer;datum;uren;reden\n1003;02-11-2026;1;ziek\n1003;20-11-2026;2;ziek\n",
                   encoding="utf-8")
    services.verzuim.importeren(pad, tot=BIJGEWERKT, vandaag=VANDAAG)
    return services


@pytest.fixture
def panel(qtbot, school):
    p = VerzuimPanel(school, vandaag=VANDAAG)
    qtbot.addWidget(p)
    p.resize(1100, 900)
    p.set_leerling("1001", "Zoë Bakker")
    p.show()
    qtbot.waitUntil(lambda: p.registraties_van == "1001")  # read right after the first paint
    return p


def invoeren(monkeypatch, *, van: date, tot: date | None = None, reden: Reden = Reden.ONGEOORLOOFD,
             uren: float | None = None, opmerking: str = ""):
    """Make the next "Verzuim invoeren…" fill in the dialog like a user and click Opslaan."""
    def fill(dialog: VerzuimInvoerenDialog):
        if tot is not None:
            dialog.periode.setChecked(True)
        dialog.van.set_value(van)
        if tot is not None:
            dialog.tot.set_value(tot)
        if uren is not None:
            dialog.uren.setValue(uren)
        dialog.reden.setCurrentIndex(dialog.reden.findData(reden.value))
        dialog.opmerking.setText(opmerking)
        assert dialog.save(), dialog.field_errors.general.text()
        return dialog.result()

    monkeypatch.setattr(VerzuimInvoerenDialog, "exec", fill)


def kaart(panel: VerzuimPanel, soort: SignaalSoort):
    return next(k for k in panel.kaarten if k.signaal.soort == soort)


def test_hand_entry_shows_in_the_heat_map_and_fires_the_meldplicht(qtbot, panel, school, monkeypatch):
    assert panel.geen_signalen.isVisible()
    assert "Verzuim bijgewerkt t/m 20-11-2026" in panel.bijgewerkt_label.text()
    assert panel.heatmap.tooltip(date(2026, 9, 14)) == "ma 14-09-2026: geen verzuim"

    invoeren(monkeypatch, van=date(2026, 9, 14), tot=date(2026, 9, 16),
             opmerking="Niet op school, ouders niet bereikbaar")
    with qtbot.waitSignal(panel.changed):
        panel.invoeren_button.click()
    assert panel.status_label.text().startswith("Verzuim ingevoerd op 3 lesdagen.")

    invoeren(monkeypatch, van=date(2026, 9, 21), uren=3)
    panel.invoeren_button.click()
    invoeren(monkeypatch, van=date(2026, 9, 21), uren=1, reden=Reden.ZIEK)
    panel.invoeren_button.click()

    # the heat map: the day's main reden, lighter for part of a day, the hours in the tooltip
    assert panel.heatmap.tooltip(date(2026, 9, 14)) == "ma 14-09-2026: 6 uur ongeoorloofd"
    assert panel.heatmap.stijlen[date(2026, 9, 14)].vulling == REDEN_KLEUR[Reden.ONGEOORLOOFD]
    assert panel.heatmap.tooltip(date(2026, 9, 21)) == "ma 21-09-2026: 3 uur ongeoorloofd, 1 uur ziek"
    assert panel.heatmap.stijlen[date(2026, 9, 21)].vulling == tint(REDEN_KLEUR[Reden.ONGEOORLOOFD], 4 / 6)
    # days that look alike share one look (made once, drawn together), other hours get their own
    assert panel.heatmap.stijlen[date(2026, 9, 15)] is panel.heatmap.stijlen[date(2026, 9, 14)]
    assert panel.heatmap.stijlen[date(2026, 9, 21)] is not panel.heatmap.stijlen[date(2026, 9, 14)]
    assert panel.heatmap.tooltip(date(2026, 9, 19)) == "za 19-09-2026: weekend, geen lesdag"
    assert "herfstvakantie, geen lesdag" in panel.heatmap.tooltip(date(2026, 10, 19))
    assert "nog niet bijgewerkt" in panel.heatmap.tooltip(date(2026, 11, 24))
    assert panel.heatmap.cel_rect(date(2026, 9, 14)) is not None
    assert panel.heatmap.dag_op(panel.heatmap.cel_rect(date(2026, 9, 14)).center()) == date(2026, 9, 14)
    totalen = [label.text() for label in panel.totalen.teksten]
    assert totalen[:2] == ["Ongeoorloofd", "Ziek"]
    assert panel.totaal_label.text() == "Samen 22 uur (3,7 lesdagen)"
    assert panel.percentage_label.text().startswith("Verzuim ")
    assert "niveau" in panel.percentage_label.text()

    # the meldplicht with the reason it fired, not yet discussed
    k = kaart(panel, SignaalSoort.MELDPLICHT_16U)
    assert k.titel.text() == "Meldplicht: 16 uur ongeoorloofd verzuim"
    assert k.uitleg.text() == "18 uur ongeoorloofd verzuim tussen 14-09 en 16-09; melden uiterlijk 23-09."
    assert k.regel.text() == ("Regel: 16 uur of meer ongeoorloofd verzuim binnen 4 lesweken achter elkaar. De school "
                              "meldt dit binnen 5 werkdagen bij DUO.")
    assert "nog niet besproken" in k.datums.text()
    assert k.te_laat is not None and "meldtermijn is voorbij" in k.te_laat.text()
    assert not panel.geen_signalen.isVisible()

    # the hand-entered records are listed
    assert panel.hand_tabel.rowCount() == 5
    assert panel.registraties.tabText(2) == "Zelf ingevoerd (5)"
    opmerkingen = {panel.hand_tabel.item(r, 3).text() for r in range(5)}
    assert "Niet op school, ouders niet bereikbaar" in opmerkingen


def test_registering_the_melding_clears_the_signal(qtbot, panel, school, monkeypatch):
    school.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    panel.refresh()
    k = kaart(panel, SignaalSoort.MELDPLICHT_16U)
    gezien = {}

    def fill(dialog: MeldingDialog):
        gezien["einddatum"] = dialog.einddatum.value()  # the default: all verzuim up to "bijgewerkt t/m"
        gezien["soort"] = dialog.soort.currentData()
        dialog.datum.set_value(date(2026, 9, 18))  # sent back then: the verzuim up to that day, no later
        gezien["gevolgd"] = dialog.einddatum.value()
        dialog.kenmerk.setText("DUO-2026-0815")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(MeldingDialog, "exec", fill)
    with qtbot.waitSignal(panel.changed):
        k.actie_button.click()
    assert gezien == {"einddatum": BIJGEWERKT, "soort": MeldingSoort.ZESTIEN_UUR.value,
                      "gevolgd": date(2026, 9, 18)}
    assert school.verzuim.meldingen("1001")[0].einddatum == date(2026, 9, 18)
    assert panel.signaal(SignaalSoort.MELDPLICHT_16U) is None
    assert panel.geen_signalen.isVisible()
    assert panel.meldingen_tabel.rowCount() == 1
    assert panel.meldingen_tabel.item(0, 3).text() == "DUO-2026-0815"

    # registered by mistake: removed after asking, and the signal is back
    vragen = []
    monkeypatch.setattr(errors, "ask", lambda parent, vraag, **kw: vragen.append(vraag) or True)
    panel.meldingen_tabel.selectRow(0)
    assert panel.melding_verwijderen.isEnabled()
    panel.melding_verwijderen.click()
    assert vragen == ["De melding van 18-09-2026 verwijderen?"]
    assert panel.meldingen_tabel.rowCount() == 0
    assert panel.signaal(SignaalSoort.MELDPLICHT_16U) is not None


def test_a_melding_reports_all_verzuim_up_to_bijgewerkt_tot_by_default(qtbot, panel, school, monkeypatch):
    """SIGNALEN.md: the default einddatum is "verzuim bijgewerkt t/m", capped at the day the melding was sent –
    so no new meldplicht arises right after saving for verzuim after the first 16 hours."""
    gezien = []
    monkeypatch.setattr(MeldingDialog, "exec", lambda d: gezien.append(d.einddatum.value()) or 0)
    panel.melding_button.click()
    assert gezien == [BIJGEWERKT]
    school.verzuim.invoeren("1001", date(2026, 10, 5), date(2026, 10, 7), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    school.verzuim.invoeren("1001", date(2026, 11, 2), date(2026, 11, 4), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    panel.refresh()
    panel.melding_button.click()
    assert gezien[-1] == BIJGEWERKT

    def save(dialog: MeldingDialog):
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(MeldingDialog, "exec", save)
    with qtbot.waitSignal(panel.changed):
        kaart(panel, SignaalSoort.MELDPLICHT_16U).actie_button.click()
    assert panel.signaal(SignaalSoort.MELDPLICHT_16U) is None  # also not for the 18 hours in November


def test_the_dialog_shows_errors_next_to_the_fields_and_keeps_the_input(qtbot, school, monkeypatch):
    dialog = VerzuimInvoerenDialog(school, "1001", vandaag=VANDAAG)
    qtbot.addWidget(dialog)
    dialog.van.set_value(date(2026, 11, 30))
    dialog.opmerking.setText("Ziek gemeld door vader")
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "toekomst" in dialog.error_text("van")
    assert dialog.opmerking.text() == "Ziek gemeld door vader"

    dialog.van.set_value(date(2026, 10, 20))  # herfstvakantie
    dialog.save_button.click()
    assert "geen les" in dialog.error_text("van")

    dialog.periode.setChecked(True)
    dialog.van.set_value(date(2026, 9, 10))
    dialog.tot.set_value(date(2026, 9, 1))
    assert not dialog.save()
    assert dialog.error_text("tot") == "De einddatum ligt vóór de begindatum."

    # closing with what was typed asks first
    vragen = []
    monkeypatch.setattr(errors, "ask", lambda parent, vraag, **kw: vragen.append(vraag) or False)
    dialog.show()
    dialog.reject()
    assert vragen and dialog.isVisible()


def test_removing_hand_entered_verzuim_asks_first(qtbot, panel, school, monkeypatch):
    school.verzuim.invoeren("1001", date(2026, 9, 14), None, Reden.ZIEK, uren=2, vandaag=VANDAAG)
    school.verzuim.invoeren("1001", date(2026, 9, 15), None, Reden.VERLOF, uren=6, vandaag=VANDAAG)
    panel.refresh()
    panel.registraties.setCurrentIndex(2)
    assert panel.hand_tabel.rowCount() == 2
    assert not panel.hand_verwijderen.isEnabled()
    panel.hand_tabel.selectRow(1)  # newest first: 14-09 is the second row
    assert panel.hand_tabel.item(1, 0).text() == "ma 14-09-2026"

    monkeypatch.setattr(errors, "ask", lambda *a, **k: False)
    panel.hand_verwijderen.click()
    assert panel.hand_tabel.rowCount() == 2

    monkeypatch.setattr(errors, "ask", lambda *a, **k: True)
    panel.hand_tabel.selectRow(1)
    with qtbot.waitSignal(panel.changed):
        panel.hand_verwijderen.click()
    assert [h.datum for h in school.verzuim.handmatig("1001")] == [date(2026, 9, 15)]
    assert panel.heatmap.tooltip(date(2026, 9, 14)) == "ma 14-09-2026: geen verzuim"


def test_discussing_a_signal(qtbot, panel, school, monkeypatch):
    school.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    panel.refresh()
    k = kaart(panel, SignaalSoort.MELDPLICHT_16U)
    assert k.besproken_button.text() == "Besproken…"

    def fill(dialog: BesprokenDialog):
        dialog.notitie.setPlainText("Besproken met mentor; gesprek met ouders op 30-11")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(BesprokenDialog, "exec", fill)
    with qtbot.waitSignal(panel.changed):
        k.besproken_button.click()
    k = kaart(panel, SignaalSoort.MELDPLICHT_16U)
    assert k.besproken_label.isVisibleTo(k)
    assert "Besproken op" in k.besproken_label.text() and "Anna de Vries" in k.besproken_label.text()
    assert "gesprek met ouders op 30-11" in k.besproken_label.text()
    assert k.besproken_button.text() == "Notitie aanpassen…"
    assert "nog niet besproken" not in k.datums.text()


def test_mazl_actie_from_the_signal(qtbot, panel, school, monkeypatch):
    for dag in (date(2026, 9, 7), date(2026, 9, 9), date(2026, 9, 11), date(2026, 9, 15)):
        school.verzuim.invoeren("1001", dag, None, Reden.ZIEK, uren=6, vandaag=VANDAAG)
    panel.refresh()
    k = kaart(panel, SignaalSoort.MAZL)
    assert "4 ziekmeldingen binnen 12 lesweken" in k.uitleg.text()

    def fill(dialog: MazlDialog):
        dialog.datum.set_value(date(2026, 9, 20))
        dialog.opmerking.setText("Jeugdarts gebeld, ouders akkoord")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(MazlDialog, "exec", fill)
    k.actie_button.click()
    assert panel.signaal(SignaalSoort.MAZL) is None
    assert panel.mazl_tabel.rowCount() == 1
    assert panel.mazl_tabel.item(0, 1).text() == "Jeugdarts gebeld, ouders akkoord"


def test_an_earlier_school_year(qtbot, panel, school):
    school.verzuim.invoeren("1001", date(2026, 3, 2), date(2026, 3, 6), Reden.ZIEK, vandaag=VANDAAG)
    assert panel.start_year() == 2026
    panel.jaar_combo.setCurrentIndex(panel.jaar_combo.findData(2025))
    assert panel.heatmap.start_year == 2025
    assert panel.heatmap.tooltip(date(2026, 3, 2)) == "ma 02-03-2026: 6 uur ziek"
    assert "t/m 31-07-2026" in panel.percentage_label.text()
    assert panel.verzuim_box.title() == "Verzuim per dag in schooljaar 2025-2026"
    panel.set_leerling("1002", "Mehmet Çelik")  # the chosen year stays while browsing students
    assert panel.start_year() == 2025


def test_the_student_page_embeds_the_panel(qtbot, school, monkeypatch):
    page = LeerlingPage(school)
    qtbot.addWidget(page)
    page.show_leerling("1003")
    assert page.tabs.tabText(0) == "Verzuim en signalen"
    assert page.verzuim.leerlingnummer == "1003" and page.verzuim.naam == "Daniël de Jong"
    assert page.verzuim.heatmap.tooltip(date(2026, 11, 2)) == "ma 02-11-2026: 1 uur ziek"
    invoeren(monkeypatch, van=date(2026, 11, 3), uren=2)
    with qtbot.waitSignal(page.verzuim_changed):
        page.verzuim.invoeren_button.click()


def test_a_mentor_sees_but_does_not_register(qtbot, school):
    from dataclasses import replace

    from thuiszit_desktop.domain.gebruiker import Rol

    school.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    school.ctx.gebruiker = replace(school.ctx.gebruiker, rol=Rol.MENTOR, klassen=("2B",))
    p = VerzuimPanel(school, can_edit=False, vandaag=VANDAAG)
    qtbot.addWidget(p)
    p.set_leerling("1003", "Daniël de Jong")
    assert not p.invoeren_button.isEnabled() and not p.melding_button.isEnabled()
    assert not p.mazl_button.isEnabled()
    # not even shown: grey buttons that never work only puzzle a mentor
    assert p.invoeren_button.isHidden() and p.melding_button.isHidden() and p.mazl_button.isHidden()
    p.set_leerling("1001", "Zoë Bakker")
    p.refresh()
    k = kaart(p, SignaalSoort.MELDPLICHT_16U)  # the signal itself, as for the zorgcoördinator
    assert k.actie_button is not None and k.actie_button.isHidden() and not k.besproken_button.isHidden()
    uitleg = [label.text() for label in p.registraties.findChildren(QLabel)]
    assert "Verzuim dat hier is ingevoerd (niet uit de import)." in uitleg  # not "verwijder ze": no button
    assert k.te_laat is not None and k.te_laat.text().endswith(  # not "registreer de melding hier"
        "De zorgcoördinator meldt bij DUO; bespreek het met hem of haar.")


def test_the_panel_reads_again_when_shown_later(qtbot, panel, school):
    panel.hide()
    school.kalender.vrije_dagen_toevoegen(date(2026, 9, 14), date(2026, 9, 14), "Studiedag")
    panel._geladen_op -= 5  # as if the page was left a while ago (e.g. for the school calendar)
    panel.show()
    qtbot.waitUntil(lambda: "vrije dag (Studiedag)" in panel.heatmap.tooltip(date(2026, 9, 14)))


def test_the_kind_of_a_melding_is_never_cut(qtbot, panel, school, tmp_path):
    """The student page keeps the user's table layout; a click on a header once must not fix the "Soort" column at
    the width of a short kind, so a later "16 uur ongeoorloofd verzuim" shows in full, not as "16 …"."""
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtTest import QTest

    from thuiszit_desktop.ui.common.layout_memory import remember_layout

    school.verzuim.melding_registreren("1002", date(2026, 11, 2), date(2026, 10, 30), MeldingSoort.LUXE_VERZUIM,
                                       kenmerk="DUO-1")
    school.verzuim.melding_registreren("1001", date(2026, 11, 2), date(2026, 10, 30), MeldingSoort.ZESTIEN_UUR,
                                       kenmerk="DUO-2")
    school.verzuim.melding_registreren("1001", date(2026, 10, 1), date(2026, 9, 30), MeldingSoort.ZESTIEN_UUR,
                                       kenmerk="DUO-3")
    panel.set_leerling("1002", "Mehmet Çelik")
    remember_layout(panel, "paneel", QSettings(str(tmp_path / "indeling.ini"), QSettings.Format.IniFormat))
    tabel = panel.meldingen_tabel
    panel.registraties.setCurrentIndex(0)
    header = tabel.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(header.sectionViewportPosition(0) + 5, header.height() // 2))
    qtbot.wait(10)  # (saved once the view has handled the click)
    panel.set_leerling("1001", "Zoë Bakker")
    qtbot.waitUntil(lambda: panel.registraties_van == "1001")  # read right after the first paint
    qtbot.wait(20)  # a remembered width would come back on the next turn of the event loop
    assert tabel.item(0, 1).text() == "16 uur ongeoorloofd verzuim"
    assert header.sectionSize(1) >= tabel.fontMetrics().horizontalAdvance("16 uur ongeoorloofd verzuim")


def test_a_new_students_registrations_follow_the_first_paint_and_are_never_anothers(qtbot, panel, school):
    school.verzuim.melding_registreren("1001", date(2026, 11, 2), date(2026, 10, 30), MeldingSoort.ZESTIEN_UUR,
                                       kenmerk="DUO-1001")
    school.verzuim.melding_registreren("1002", date(2026, 11, 2), date(2026, 10, 30), MeldingSoort.LUXE_VERZUIM,
                                       kenmerk="DUO-1002")
    panel.refresh()  # the same student read again (after a change): at once
    assert panel.meldingen_tabel.item(0, 3).text() == "DUO-1001"
    panel.set_leerling("1002", "Mehmet Çelik")
    # Opening another student: the calendar at once, the tables below it right after the first paint – empty
    # until then, never the previous student's.
    assert panel.heatmap.start_year == 2026 and panel.registraties_van is None
    assert panel.meldingen_tabel.rowCount() == 0 and panel.registraties.tabText(0) == "Meldingen DUO"
    qtbot.waitUntil(lambda: panel.registraties_van == "1002")
    assert panel.meldingen_tabel.item(0, 3).text() == "DUO-1002" and panel.registraties.tabText(0) == "Meldingen DUO (1)"
    panel.set_leerling("1001", "Zoë Bakker")
    panel.set_leerling("1002", "Mehmet Çelik")  # on before the first paint: only 1002's read counts
    qtbot.waitUntil(lambda: panel.registraties_van == "1002")
    qtbot.wait(20)
    assert [panel.meldingen_tabel.item(r, 3).text() for r in range(panel.meldingen_tabel.rowCount())] == ["DUO-1002"]


def test_the_lesweek_chart_follows_the_first_paint_and_is_never_anothers(qtbot, panel, school):
    from thuiszit_desktop.ui.overzichten.werkt_het_view import LeerlingEffectPanel

    grafiek = panel.effect_box.findChild(LeerlingEffectPanel)
    qtbot.waitUntil(lambda: grafiek.gegevens is not None)
    assert grafiek.gegevens.leerlingnummer == "1001"
    panel.set_leerling("1003", "Daniël de Jong")
    assert grafiek.gegevens is None and grafiek.cijfers.text() == ""  # not 1001's weeks meanwhile
    qtbot.waitUntil(lambda: grafiek.gegevens is not None)
    assert grafiek.gegevens.leerlingnummer == "1003"
    panel.set_leerling("1002", "Mehmet Çelik")
    assert panel.effect_panel.gegevens.leerlingnummer == "1002"  # asked for: read at once


def _zichtbare_teksten(box) -> list[str]:
    """The texts in `box` on screen (Qt shows a label added to a visible box on its next turn: process it)."""
    from PySide6.QtWidgets import QApplication, QLabel

    QApplication.processEvents()
    return [label.text() for label in box.findChildren(QLabel) if label.isVisibleTo(box)]


def test_the_gegevens_tab_is_filled_when_shown_and_follows_changes(qtbot, school):
    from dataclasses import replace

    from thuiszit_desktop.domain.leerling import Ouder, Relatie
    from thuiszit_desktop.ui.leerlingen.leerling_basis import TAB_GEGEVENS, TAB_VERZUIM

    page = LeerlingPage(school)
    qtbot.addWidget(page)
    page.show()
    page.show_leerling("1001")
    assert _zichtbare_teksten(page.ouders) == []  # not read while another tab is on screen
    page.show_tab(TAB_GEGEVENS)
    assert _zichtbare_teksten(page.ouders) == ["Geen ouders of verzorgers vastgelegd."]
    page.show_tab(TAB_VERZUIM)
    zoe = school.leerlingen.get("1001")
    school.leerlingen.opslaan(replace(zoe, ouders=(Ouder("Mirjam Bakker", Relatie.MOEDER),)), vandaag=VANDAAG)
    page.show_leerling("1001")  # read again after the change, as the window does
    page.show_tab(TAB_GEGEVENS)
    assert "Mirjam Bakker (moeder)" in _zichtbare_teksten(page.ouders)
    assert "Geen ouders of verzorgers vastgelegd." not in _zichtbare_teksten(page.ouders)
    page.show_leerling("1002")  # another student with the tab on screen: theirs at once
    assert _zichtbare_teksten(page.ouders) == ["Geen ouders of verzorgers vastgelegd."]
    assert page.bsn_value.text() == "—"


def test_the_traject_and_timeline_tabs_are_built_when_first_shown_and_follow_changes(qtbot, school):
    from thuiszit_desktop.domain.traject import Categorie
    from thuiszit_desktop.ui.leerlingen.leerling_basis import TAB_TIJDLIJN, TAB_TRAJECT, TAB_VERZUIM
    from thuiszit_desktop.ui.leerlingen.tijdlijn_view import TijdlijnView
    from thuiszit_desktop.ui.traject.traject_view import TrajectView

    page = LeerlingPage(school)
    qtbot.addWidget(page)
    page.show()
    page.show_leerling("1001")
    # nothing built for a tab not shown yet
    assert not isinstance(page.tabs.widget(2), TrajectView) and not isinstance(page.tabs.widget(3), TijdlijnView)
    page.show_tab(TAB_TRAJECT)
    assert page.tabs.currentWidget() is page.traject and isinstance(page.traject, TrajectView)
    assert page.traject.leerlingnummer == "1001" and page.traject.traject is None
    page.show_tab(TAB_VERZUIM)
    school.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel ziek", geopend=VANDAAG, vandaag=VANDAAG)
    page.refresh_traject()  # as after a contactmoment from elsewhere: read when shown
    page.show_tab(TAB_TIJDLIJN)
    assert page.huidige_tab() == TAB_TIJDLIJN and page.tabs.currentWidget() is page.tijdlijn
    assert any(g.referentie.startswith("traject:") for g in page.tijdlijn.getoond)
    page.show_tab(TAB_TRAJECT)
    assert page.traject.traject is not None and page.traject.traject.aanleiding == "Veel ziek"


def test_shown_for_a_moment_only_the_panel_reads_again_when_it_is_back(qtbot, panel, school, monkeypatch):
    """Back to the list from another tab shows this tab for a moment: no reading then, but when it is shown."""
    gelezen = []
    monkeypatch.setattr(panel, "refresh", lambda **kw: gelezen.append(kw))
    panel.hide()
    panel._geladen_op -= 5  # as if the page was left a while ago
    panel.show()
    panel.hide()  # gone again before the event loop turned
    qtbot.wait(20)
    assert gelezen == []
    panel.show()
    qtbot.waitUntil(lambda: gelezen == [{}])


def test_the_signal_cards_are_filled_again_for_the_next_student(qtbot, panel, school):
    from thuiszit_desktop.ui.leerlingen.signaal_kaart import SignaalKaart

    def zichtbaar() -> list[tuple[str, bool]]:
        return [(k.titel.text(), k.actie_button is not None) for k in panel.findChildren(SignaalKaart)
                if k.isVisibleTo(panel)]

    school.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    panel.refresh()
    assert (SignaalSoort.MELDPLICHT_16U.label, True) in zichtbaar()
    assert [k.titel.text() for k in panel.kaarten] == [t for t, _ in zichtbaar()]
    panel.set_leerling("1002", "Mehmet Çelik")  # no signals: no card shows the previous student's
    assert zichtbaar() == [] and panel.kaarten == [] and panel.geen_signalen.isVisibleTo(panel)
    panel.set_leerling("1001", "Zoë Bakker")
    k = kaart(panel, SignaalSoort.MELDPLICHT_16U)
    assert k.actie_button is not None and k.actie_button.isVisibleTo(panel)
    assert k.te_laat is not None and "meldtermijn is voorbij" in k.te_laat.text()


def _teksten_op_scherm(page) -> list[str]:
    """Every text the page shows: labels, buttons, box titles, tabs, table cells (of what is on screen)."""
    from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTableWidget, QTabWidget

    QApplication.processEvents()
    teksten: list[str] = []
    for w in page.findChildren(QLabel):
        if w.isVisibleTo(page):
            teksten.append(w.text())
    for w in page.findChildren(QAbstractButton):
        if w.isVisibleTo(page):
            teksten += [w.text(), w.toolTip()]
    teksten += [w.title() for w in page.findChildren(QGroupBox) if w.isVisibleTo(page)]
    for tabs in page.findChildren(QTabWidget):
        teksten += [tabs.tabText(i) for i in range(tabs.count())]
    for tabel in page.findChildren(QTableWidget):
        if tabel.isVisibleTo(page):
            teksten += [tabel.item(r, c).text() for r in range(tabel.rowCount()) for c in range(tabel.columnCount())
                        if tabel.item(r, c) is not None]
    return teksten


def test_the_kept_page_shows_the_next_student_and_nothing_of_the_previous_one(qtbot, school):
    """The page is made once and filled again for every student opened (student after student stays quick):
    a privacy point – from the first paint on, nothing of the student before may show, on any tab."""
    from dataclasses import replace

    from thuiszit_desktop.domain.leerling import Ouder, Relatie
    from thuiszit_desktop.ui.leerlingen.leerling_basis import TAB_GEGEVENS, TAB_VERZUIM

    zoe = school.leerlingen.get("1001")
    school.leerlingen.opslaan(replace(zoe, bsn="123456782", mentor="Daniël de Jong",
                                      ouders=(Ouder("Mirjam Bakker", Relatie.MOEDER, telefoon="0612345678"),)),
                              vandaag=VANDAAG)
    school.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 18), Reden.ONGEOORLOOFD, vandaag=VANDAAG,
                            opmerking="Spijbelen bij de sporthal")
    school.verzuim.melding_registreren("1001", date(2026, 9, 2), date(2026, 9, 1), MeldingSoort.ZESTIEN_UUR,
                                       kenmerk="DUO-1001")  # an earlier one: the meldplicht stands again
    school.verzuim.mazl_registreren("1001", date(2026, 9, 22), "Jeugdarts gebeld", vandaag=VANDAAG)
    page = LeerlingPage(school)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.show_leerling("1001")
    page.verzuim.vandaag = VANDAAG
    page.show_tab(TAB_GEGEVENS)
    page.show_tab(TAB_VERZUIM)
    qtbot.waitUntil(lambda: page.verzuim.registraties_van == "1001")
    page.verzuim.registraties.setCurrentIndex(2)  # Zelf ingevoerd: the opmerking
    van_zoe = ("Zoë", "Bakker", "1001", "DUO-1001", "Jeugdarts gebeld", "Spijbelen", "Mirjam", "782", "Daniël")
    gezien = " | ".join(_teksten_op_scherm(page))
    assert all(t in gezien for t in ("Zoë Bakker", "Leerlingnummer 1001", "Spijbelen bij de sporthal")), gezien
    assert page.verzuim.kaarten and "ongeoorloofd" in page.verzuim.heatmap.tooltip(date(2026, 9, 15))

    page.show_leerling("1002")  # Mehmet: no verzuim, no meldingen, no ouders
    for moment in ("before the first paint", "after it"):
        gezien = " | ".join(_teksten_op_scherm(page))
        assert "Mehmet Çelik" in gezien and "Leerlingnummer 1002" in gezien, moment
        assert [t for t in van_zoe if t in gezien] == [], (moment, gezien)
        assert page.verzuim.kaarten == [] and page.verzuim.heatmap.tooltip(date(2026, 9, 15)).endswith("geen verzuim")
        qtbot.waitUntil(lambda: page.verzuim.registraties_van == "1002")
    page.show_tab(TAB_GEGEVENS)
    gezien = " | ".join(_teksten_op_scherm(page))
    assert "Geen ouders of verzorgers vastgelegd." in gezien
    assert [t for t in van_zoe if t in gezien] == [], gezien


def test_a_signal_card_shows_how_urgent_it_is_in_its_bar_and_changes_with_the_next_signal(qtbot):
    """The card paints its border itself: a red bar for what the law asks now, orange for what may grow into it –
    and the kept card changes colour when it shows another student's signal."""
    from thuiszit_desktop.domain.signalen import Signaal
    from thuiszit_desktop.ui.common import theme
    from thuiszit_desktop.ui.leerlingen.signaal_kaart import SignaalKaart

    meldplicht = Signaal("1001", SignaalSoort.MELDPLICHT_16U, date(2026, 9, 14), date(2026, 9, 16),
                         uiterlijk=date(2026, 9, 23), uitleg="16 uur ongeoorloofd in 4 weken")
    luxe = Signaal("1002", SignaalSoort.LUXE_VERZUIM, date(2026, 10, 9), date(2026, 10, 9), uitleg="Vrijdag voor de vakantie")
    kaart = SignaalKaart(meldplicht, None, vandaag=VANDAAG, can_edit=True, can_bespreken=True)
    qtbot.addWidget(kaart)
    kaart.resize(600, 140)

    def balk() -> str:
        beeld = kaart.grab().toImage()
        return beeld.pixelColor(2, beeld.height() // 2).name()

    def rand() -> str:
        beeld = kaart.grab().toImage()
        return beeld.pixelColor(beeld.width() // 2, 0).name()

    assert balk() == theme.color("danger").name() and rand() == theme.color("border").name()
    kaart.toon(luxe, None, vandaag=VANDAAG, can_edit=True, can_bespreken=True)
    assert balk() == theme.color("warning").name() and kaart.titel.text() == SignaalSoort.LUXE_VERZUIM.label


def test_opening_a_student_lays_the_page_out_before_its_first_paint(qtbot, school):
    """The page's sizes are final when it is first painted: otherwise it is painted twice, the second time with
    the scroll area fitted to the new student (a bar's width narrower or wider)."""
    from PySide6.QtWidgets import QApplication

    from thuiszit_desktop.ui.leerlingen.leerling_basis import TAB_VERZUIM
    from thuiszit_desktop.ui.leerlingen.leerlingen_area import LeerlingenArea

    school.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    area = LeerlingenArea(school)
    qtbot.addWidget(area)
    area.resize(1200, 700)
    area.show()
    for nummer in ("1001", "1002", "1001", "1003"):
        area.show_list()
        QApplication.processEvents()
        assert area.open_leerling(nummer, TAB_VERZUIM)
        panel = area.page.verzuim
        voor = (panel.geometry(), panel.heatmap.geometry(), area.page.verzuim_scroll.verticalScrollBar().isVisible())
        QApplication.processEvents()  # the first paint, and whatever the event loop had waiting
        assert (panel.geometry(), panel.heatmap.geometry(),
                area.page.verzuim_scroll.verticalScrollBar().isVisible()) == voor, nummer
