"""A new school's first day (issue 14, "First run"): the empty screen points to the students first, and no
student gets a (green) level before any verzuim is known – in the list, the pyramid and the student's page.
(The login's name per database and the password hint are in test_login.py and test_first_run.py.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.leerlingen.leerlingen_view import LeerlingenView
from thuiszit_desktop.ui.leerlingen.verzuim_panel import VerzuimPanel
from thuiszit_desktop.ui.models.leerlingen_model import COL_NIVEAU
from thuiszit_desktop.ui.vandaag.dashboard import Dashboard, SignalenLoader

VANDAAG = date(2026, 11, 23)


def dashboard(qtbot, services) -> Dashboard:
    loader = SignalenLoader(services)
    with qtbot.waitSignal(loader.loaded, timeout=20_000):
        view = Dashboard(services, loader, today=lambda: VANDAAG)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        loader.start()
    return view


def leerlingen(services) -> None:
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, klas="2B"), vandaag=VANDAAG)


def test_the_empty_screen_asks_for_the_students_first(qtbot, services):
    view = dashboard(qtbot, services)
    assert view.stack.currentIndex() == 1
    assert view.empty_title.text() == "Nog geen leerlingen"
    assert view.empty_leerlingen_button.isVisible() and not view.empty_import_button.isVisible()
    assert "leerlingen" in view.empty_uitleg.text()
    with qtbot.waitSignal(view.leerlingen_import_requested):
        view.empty_leerlingen_button.click()
    leerlingen(services)
    with qtbot.waitSignal(view.loader.loaded, timeout=20_000):
        view.loader.start()
    assert view.empty_title.text() == "Nog geen verzuim geïmporteerd"  # then the verzuim
    assert view.empty_import_button.isVisible() and not view.empty_leerlingen_button.isVisible()


def test_no_level_before_any_verzuim_is_known(qtbot, services, tmp_path: Path):
    leerlingen(services)
    services.verzuim.invoeren("1002", date(2026, 11, 16), date(2026, 11, 16), Reden.ZIEK, vandaag=VANDAAG)
    o = services.signalen.overzicht(VANDAAG)
    assert o.zonder_verzuim() == 1 and o.per_getoond_niveau() == {1: 1}  # Mehmet, one day ill: a real level 1
    assert {n.leerlingnummer: n.niveau for n in o.niveaus} == {"1001": 1, "1002": 1}  # the rule is unchanged

    view = dashboard(qtbot, services)
    assert [view.piramide.count(n) for n in (1, 2, 3)] == [1, 0, 0]
    assert view.piramide.zonder_label.isVisible()
    assert view.piramide.zonder_label.text().startswith("1 leerling nog zonder verzuim")

    lijst = LeerlingenView(services, can_edit=True)
    qtbot.addWidget(lijst)
    lijst.set_overzicht(o)
    rij = {lijst.model.index(r, 1).data(): r for r in range(lijst.model.rowCount())}
    zoe = lijst.model.index(rij["1001"], COL_NIVEAU)
    assert zoe.data() == "–" and zoe.data(1) is None  # no text "1", no green dot
    assert "nog geen niveau" in zoe.data(3)
    assert lijst.model.index(rij["1002"], COL_NIVEAU).data() == "1"

    panel = VerzuimPanel(services, vandaag=VANDAAG)
    qtbot.addWidget(panel)
    panel.set_leerling("1001", "Zoë Bakker")
    assert panel.percentage_label.text().startswith("Nog geen verzuim") and panel.niveau_stip.pixmap().isNull()

    # once the school's verzuim is imported, no verzuim means 0%: level 1 for real
    bestand = tmp_path / "verzuim.csv"
    bestand.write_text("leerlingnummer;datum;uren;reden\n1002;20-11-2026;1;ziek\n", encoding="utf-8")
    services.verzuim.importeren(bestand, tot=date(2026, 11, 20), vandaag=VANDAAG)
    o = services.signalen.overzicht()
    assert o.zonder_verzuim() == 0 and o.per_getoond_niveau()[1] == 2
    panel.set_leerling("1001", "Zoë Bakker")
    assert "niveau 1" in panel.percentage_label.text()
