"""The window of an alleen-lezen user: the overview of counts, reached through the ordinary login."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidget

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.services.lezersoverzicht import Lezersessie
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.shell.lezer_window import LezerWindow
from thuiszit_desktop.ui.shell.login import LoginDialog, LoginOutcome

LEZER, LEZER_WW = "Lies Lezer", "Lezer-ww-2026!"


@pytest.fixture(autouse=True)
def geen_meldingen(monkeypatch):
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: pytest.fail(f"message box: {text}"))


@pytest.fixture
def school(services, db_path) -> Path:
    for i in range(12):
        services.leerlingen.opslaan(Leerling(f"{1001 + i}", f"Achternaam{i}", date(2012, 3, 5), date(2024, 8, 1),
                                             voornaam=f"Voornaam{i}", klas="2B"), date(2026, 11, 23))
    services.gebruikers.toevoegen(LEZER, Rol.ALLEEN_LEZEN, [], LEZER_WW, LEZER_WW)
    services.close()  # a zorgcoördinator's session writes the overview when it closes
    return db_path


def test_the_login_opens_the_overview_for_alleen_lezen(qtbot, school, tmp_path):
    dialog = LoginDialog(school, settings=QSettings(str(tmp_path / "i.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.naam.setText(LEZER)
    dialog.wachtwoord.setText(LEZER_WW)
    with qtbot.waitSignal(dialog.accepted):
        dialog.login_button.click()
    assert dialog.outcome is LoginOutcome.LOGGED_IN and isinstance(dialog.services, Lezersessie)

    window = LezerWindow(dialog.services)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Thuiszit Desktop – Het Baken (alleen-lezen)"
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs[0] == "Niveaus en signalen" and "Werkt het?" in tabs
    eerste = window.tabs.widget(0).findChild(QTableWidget)
    cellen = [eerste.item(r, c).text() for r in range(eerste.rowCount()) for c in range(eerste.columnCount())]
    assert "Niveau 1" in cellen and "12" in cellen  # twelve students, no verzuim yet: all at level 1
    assert not any("Voornaam" in c or "Achternaam" in c or c.startswith("10") for c in cellen)


def test_the_overview_is_read_again_and_the_password_is_changed_in_it(qtbot, school, monkeypatch):
    sessie = session.aanmelden(school, LEZER, LEZER_WW)
    window = LezerWindow(sessie)
    qtbot.addWidget(window)
    gemaakt = window.overzicht.gemaakt
    zorg = session.login(school, "Anna de Vries", WACHTWOORD)
    zorg.lezersoverzicht.bijwerken()
    zorg.close()
    window.vernieuwen()
    assert window.overzicht.gemaakt >= gemaakt and window.tabs.count() >= 2

    sessie.wachtwoord_wijzigen(LEZER_WW, "Nieuw-lezer-2027", "Nieuw-lezer-2027")
    assert isinstance(session.aanmelden(school, LEZER, "Nieuw-lezer-2027"), Lezersessie)


def test_afmelden_returns_to_the_login(qtbot, school):
    window = LezerWindow(session.aanmelden(school, LEZER, LEZER_WW))
    qtbot.addWidget(window)
    window.show()
    window.afmelden_knop.click()
    assert window.afgemeld and not window.isVisible()
