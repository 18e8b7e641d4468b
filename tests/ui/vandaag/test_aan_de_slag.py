""""Aan de slag" on Vandaag: ticked from the data, a button per step, gone when done or hidden."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.vandaag.aan_de_slag import AanDeSlagKaart

VANDAAG = date(2026, 11, 23)


def open_window(qtbot, services, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    return window


def ticks(kaart: AanDeSlagKaart) -> dict[str, bool]:
    return {veld: label.text() == "✓" for veld, label in kaart.vinkjes.items()}


def test_the_checklist_follows_the_data_and_disappears_when_done(qtbot, services, tmp_path):
    window = open_window(qtbot, services, tmp_path)
    kaart = window.dashboard.aan_de_slag
    assert kaart.isVisible()
    assert ticks(kaart) == {"school_ingesteld": True, "leerlingen_geimporteerd": False,
                            "verzuim_geimporteerd": False, "eerste_traject": False}
    assert kaart.voortgang.text() == "1 van 4 gedaan"
    assert not kaart.knoppen["leerlingen_geimporteerd"].text().startswith("Naar")

    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë"),
                                vandaag=VANDAAG)
    services.verzuim.invoeren("1001", date(2026, 11, 16), None, Reden.ONGEOORLOOFD, uren=2, vandaag=VANDAAG)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.refresh_signals()
    assert ticks(kaart)["leerlingen_geimporteerd"] and ticks(kaart)["verzuim_geimporteerd"]
    assert not kaart.knoppen["verzuim_geimporteerd"].isEnabled()  # done: nothing left to do there
    assert kaart.voortgang.text() == "3 van 4 gedaan" and kaart.isVisible()

    services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel afwezig na de herfstvakantie",
                              vandaag=VANDAAG)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.refresh_signals()
    assert services.aan_de_slag.stand().klaar
    assert not kaart.isVisible()


def test_each_button_does_its_step(qtbot, services, tmp_path, monkeypatch):
    window = open_window(qtbot, services, tmp_path)
    kaart = window.dashboard.aan_de_slag
    done: list[str] = []
    for naam in ("open_settings", "import_leerlingen", "import_verzuim"):
        monkeypatch.setattr(window, naam, lambda naam=naam: done.append(naam))
    for veld in ("school_ingesteld", "leerlingen_geimporteerd", "verzuim_geimporteerd"):
        kaart.knoppen[veld].click()
    assert done == ["open_settings", "import_leerlingen", "import_verzuim"]
    kaart.knoppen["eerste_traject"].click()
    assert window.stack.currentWidget() is window.leerlingen
    assert "Traject openen" in window.statusBar().currentMessage()


def test_it_can_be_hidden_for_good(qtbot, services, tmp_path):
    window = open_window(qtbot, services, tmp_path)
    kaart = window.dashboard.aan_de_slag
    kaart.verberg_knop.click()
    assert not kaart.isVisible()
    assert services.aan_de_slag.stand().verborgen
    assert not AanDeSlagKaart(services).stand.tonen  # also after a restart


def test_its_steps_come_with_the_signals_computed_in_the_background(qtbot, services, tmp_path, monkeypatch):
    """Opening Vandaag reads nothing for the card: its steps were read with the signals, off the GUI thread. A
    stand computed before the card was hidden does not bring it back."""
    window = open_window(qtbot, services, tmp_path)
    gelezen: list[bool] = []  # per read: on the GUI thread?
    lees = services.aan_de_slag.stand
    monkeypatch.setattr(services.aan_de_slag, "stand",
                        lambda: gelezen.append(threading.current_thread() is threading.main_thread()) or lees())
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.signalen_loader.start()
    stand = window.signalen_loader.stand
    kaart = window.dashboard.aan_de_slag
    assert gelezen == [False] and kaart.stand == stand.aan_de_slag and kaart.isVisible()
    monkeypatch.undo()
    kaart.verberg_knop.click()
    kaart.refresh(stand.aan_de_slag)  # (computed before "Verbergen")
    assert not kaart.isVisible()


def test_only_the_zorgcoordinator_sees_it(qtbot, services):
    services.ctx.gebruiker = replace(services.gebruiker, rol=Rol.MENTOR)
    dashboard = QWidget()
    qtbot.addWidget(dashboard)
    kaart = AanDeSlagKaart(services, dashboard)
    dashboard.show()
    assert not kaart.isVisible()


def test_empty_states_point_to_the_next_step(qtbot, services, tmp_path):
    window = open_window(qtbot, services, tmp_path)
    window.show_area("Leerlingen")
    lijst = window.leerlingen.list
    assert lijst.stack.currentIndex() == 1 and "importeer ze uit Magister of Somtoday" in lijst.empty_title.text()
    window.show_area("Trajecten")
    assert window.trajecten.leeg_knop.isVisible()
    window.trajecten.leeg_knop.click()
    assert window.stack.currentWidget() is window.dashboard
