"""What is already handled, on Vandaag, in the student list and on the student's page: gemeld (with the date),
in a traject (with the step, linked when opened from the signal), besproken – and hiding the handled ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.traject import Categorie
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.ui.leerlingen.leerling_page import TAB_TRAJECT, LeerlingPage
from thuiszit_desktop.ui.leerlingen.leerlingen_view import LeerlingenView
from thuiszit_desktop.ui.leerlingen.verzuim_dialogs import MeldingDialog
from thuiszit_desktop.ui.models.leerlingen_model import COL_SIGNALEN, MET_OPEN_SIGNAAL
from thuiszit_desktop.ui.traject.traject_dialogs import TrajectDialog
from thuiszit_desktop.ui.vandaag.dashboard import Dashboard, SignalenLoader

VANDAAG = date(2026, 11, 23)  # a Monday
BIJGEWERKT = date(2026, 11, 20)
S = SignaalSoort


@pytest.fixture
def school(services, tmp_path: Path):
    """Ömer: thuiszitter since 12-10 (and 16 uur); Zoë: 16 uur in September; Daniël: 16 uur last week."""
    for nr, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"), ("1002", "Ömer", "", "Kılıç"),
                                                     ("1003", "Daniël", "de", "Jong")):
        services.leerlingen.opslaan(Leerling(nr, achternaam, date(2012, 5, 3), date(2024, 8, 1), voornaam=voornaam,
                                             tussenvoegsel=tussenvoegsel, klas="2B"), vandaag=VANDAAG)
    services.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 16), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1002", date(2026, 10, 12), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    services.verzuim.invoeren("1003", date(2026, 11, 18), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text("leerlingnummer;datum;uren;reden\n1003;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(bestand, tot=BIJGEWERKT, vandaag=VANDAAG)
    return services


def dashboard(qtbot, services, settings=None) -> Dashboard:
    loader = SignalenLoader(services)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        view = Dashboard(services, loader, today=lambda: VANDAAG, settings=settings)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        loader.start()
    return view


def vernieuw(qtbot, view: Dashboard) -> None:
    with qtbot.waitSignal(view.loader.loaded, timeout=20_000):
        view.refresh_button.click()


def regel(view: Dashboard, nr: str, soort: SignaalSoort):
    return next(r for r in view.regels() if r.leerlingnummer == nr and r.soort == soort)


def test_the_signal_list_is_a_checked_item_model(qtbot, school, qtmodeltester):
    view = dashboard(qtbot, school)
    qtmodeltester.check(view.lijst.signalen)
    assert view.lijst.uniformItemSizes()  # only the rows on screen are asked for their data


def test_a_traject_opened_from_a_signal_on_vandaag_is_linked_and_shown(qtbot, school, monkeypatch):
    view = dashboard(qtbot, school)
    assert regel(view, "1002", S.THUISZITTER).status == ""
    assert view.select("1002", S.THUISZITTER)
    assert view.traject_button.text() == "Traject openen…" and view.traject_button.isEnabled()

    def fill(dialog: TrajectDialog):
        assert dialog.signaal.soort is S.THUISZITTER
        dialog.aanleiding.setPlainText("Sinds 12 oktober niet op school")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(TrajectDialog, "exec", fill)
    with qtbot.waitSignal(view.loader.loaded, timeout=20_000), qtbot.waitSignal(view.traject_geopend):
        view.traject_button.click()
    t = school.trajecten.open_traject("1002")
    assert (t.signaal, t.signaal_datum) == (S.THUISZITTER, regel(view, "1002", S.THUISZITTER).signaal.datum)
    thuis = regel(view, "1002", S.THUISZITTER)
    assert thuis.status == "✓ traject stap 1" and thuis.afhandeling.vanuit_signaal
    assert "Traject vanuit dit signaal geopend op" in view.item_of("1002", S.THUISZITTER).data(
        Qt.ItemDataRole.ToolTipRole)
    # the meldplicht of the same student: the traject is shown, but only a melding answers it
    meld = regel(view, "1002", S.MELDPLICHT_16U)
    assert meld.status == "traject stap 1" and not meld.afhandeling.afgehandeld
    assert view.traject_button.text() == "Traject bekijken"
    with qtbot.waitSignal(view.open_traject) as geopend:
        view.traject_button.click()
    assert geopend.args == ["1002"]


def test_hide_the_handled_signals_and_remember_it(qtbot, school, tmp_path):
    school.trajecten.openen("1002", Categorie.THUISZITTER, "Zorgen", vandaag=VANDAAG)
    school.verzuim.melding_registreren("1002", VANDAAG, None, MeldingSoort.LRV, vandaag=VANDAAG)
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    view = dashboard(qtbot, school, settings)
    assert regel(view, "1002", S.THUISZITTER).status == "✓ gemeld 23-11 · traject stap 1"
    alles = [(r.naam, r.soort) for r in view.regels()]
    assert ("Ömer Kılıç", S.THUISZITTER) in alles and not view.verberg_check.isChecked()
    view.verberg_check.setChecked(True)
    assert [(r.naam, r.soort) for r in view.regels()] == [x for x in alles if x != ("Ömer Kılıç", S.THUISZITTER)]
    assert view.groep_titels()[1] == "Thuiszitters · 1 · 1 afgehandeld verborgen"
    assert settings.value("vandaag/afgehandelde_verbergen", type=bool) is True
    # a new Vandaag (the next start) hides them too
    tweede = dashboard(qtbot, school, settings)
    assert tweede.verberg_check.isChecked() and ("Ömer Kılıç", S.THUISZITTER) not in [
        (r.naam, r.soort) for r in tweede.regels()]


def test_the_student_list_marks_handled_signals(qtbot, school):
    school.trajecten.openen("1002", Categorie.THUISZITTER, "Zorgen", vandaag=VANDAAG)
    school.signalen.bespreken("1003", S.MELDPLICHT_16U, date(2026, 11, 18), "Ouders gebeld")
    view = LeerlingenView(school)
    qtbot.addWidget(view)
    view.set_overzicht(school.signalen.overzicht())
    view.set_signaal_filter(S.MELDPLICHT_16U)
    tekst = {r.naam: view.proxy.index(i, COL_SIGNALEN).data() for i, r in enumerate(view.visible_rows())}
    assert tekst == {"Zoë Bakker": "16 uur", "Ömer Kılıç": "16 uur, Thuiszitter ✓", "Daniël de Jong": "16 uur"}
    omer = [r.naam for r in view.visible_rows()].index("Ömer Kılıç")
    tip = view.proxy.index(omer, COL_SIGNALEN).data(Qt.ItemDataRole.ToolTipRole)
    assert "Traject geopend op 23-11-2026, nu in stap 1." in tip
    view.set_signaal_filter(MET_OPEN_SIGNAAL)  # the meldplicht of each is still open
    assert len(view.visible_rows()) == 3


def test_a_melding_on_the_students_page_shows_in_the_checklist_and_goes_when_deleted(qtbot, school, monkeypatch):
    """The student's page: a melding registered on the Verzuim tab ticks step 1 on the Traject tab at once; once
    deleted it is no longer named there (it was, until the page was opened again)."""
    school.trajecten.openen_vanuit_signaal("1001", S.MELDPLICHT_16U, date(2026, 9, 16), geopend=date(2026, 9, 17),
                                           vandaag=VANDAAG)
    page = LeerlingPage(school)
    qtbot.addWidget(page)
    page.show_leerling("1001")
    page.show_tab(TAB_TRAJECT)

    def stap1():
        return next(r for r in page.traject.stappen[0].regels if r.item.key == "gemeld_bij_leerplicht")

    assert not stap1().gedaan

    def save(dialog: MeldingDialog):
        dialog.datum.set_value(date(2026, 9, 18))
        dialog.kenmerk.setText("DUO-0815")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(MeldingDialog, "exec", save)
    with qtbot.waitSignal(page.verzuim_changed):
        page.verzuim.melding_button.click()
    assert stap1().gedaan and stap1().bewijs == "DUO-verzuimmelding van 18-09-2026, kenmerk DUO-0815"
    page.verzuim.meldingen_tabel.selectRow(0)
    with qtbot.waitSignal(page.verzuim_changed):
        page.verzuim.melding_verwijderen.click()
    assert not stap1().gedaan and "DUO-0815" not in stap1().bewijs
    kaart = next(k for k in page.verzuim.kaarten if k.signaal.soort is S.MELDPLICHT_16U)
    assert kaart.afhandeling_label.text().startswith("✓ Traject vanuit dit signaal geopend op 17-09-2026")


def test_the_view_asks_only_the_rows_on_screen_for_their_data(qtbot):
    """Vandaag stays quick with a whole school's signals: painting 2,000 lines asks for the data of the rows
    that are visible, not of all of them (issue 16 builds on this)."""
    from thuiszit_desktop.domain.signalen import Signaal
    from thuiszit_desktop.ui.models.signalen_model import GROEPEN, SignaalRegel, SignalenModel
    from thuiszit_desktop.ui.vandaag.vandaag_signalen import SignalenLijst

    gevraagd: set[tuple[int, int]] = set()

    class Tellend(SignalenModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            gevraagd.add((index.internalId(), index.row()))
            return super().data(index, role)

    regels = [SignaalRegel(f"{i}", f"Leerling {i}", "2B", 1,
                           Signaal(f"{i}", S.LANGDURIG_AFWEZIG, date(2026, 10, 1), date(2026, 10, 29), uitleg="x"),
                           None, False) for i in range(2000)]
    lijst = SignalenLijst()
    model = Tellend(lijst)
    lijst.setModel(model)
    qtbot.addWidget(lijst)
    lijst.resize(600, 400)
    lijst.show()
    qtbot.waitExposed(lijst)
    groepen = [[] for _ in GROEPEN]
    groepen[3] = regels
    model.set_regels(groepen)
    qtbot.waitUntil(lambda: lijst.grab() is not None and bool(gevraagd))  # (laid out in batches, between events)
    assert 0 < len(gevraagd) < 40


def test_a_signal_line_is_painted_by_the_list_s_own_delegate(qtbot):
    """Two lines per signal with an overdue deadline in the danger colour (not the plain text a view paints)."""
    from PySide6.QtGui import QColor

    from thuiszit_desktop.domain.signalen import Signaal
    from thuiszit_desktop.ui.common import theme
    from thuiszit_desktop.ui.models.signalen_model import GROEPEN, SignaalRegel
    from thuiszit_desktop.ui.vandaag.vandaag_signalen import SignalenLijst

    regel = SignaalRegel("1001", "Zoë Bakker", "2B", 3,
                         Signaal("1001", S.MELDPLICHT_16U, date(2026, 11, 2), date(2026, 11, 9), uitleg="16 uur",
                                 uiterlijk=date(2026, 11, 16)), None, True)
    lijst = SignalenLijst()
    qtbot.addWidget(lijst)
    lijst.resize(700, 200)
    lijst.show()
    qtbot.waitExposed(lijst)
    groepen = [[] for _ in GROEPEN]
    groepen[0] = [regel]
    lijst.signalen.set_regels(groepen)
    beeld = lijst.viewport().grab().toImage()
    rood = QColor(theme.color("danger")).rgb()
    assert any(beeld.pixel(x, y) == rood for x in range(beeld.width()) for y in range(beeld.height()))
    assert lijst.rowHeight(1) == lijst.fontMetrics().height() * 2 + 16
