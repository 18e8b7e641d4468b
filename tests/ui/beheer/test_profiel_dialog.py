"""Your profile (Bestand › Mijn gegevens…) and a colleague's from Bestand › Gebruikers: full name, function,
phone and e-mail, with the service's Dutch messages beside the fields; the gebruiker row stays as it was."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.ui.beheer.gebruikers_dialog import GebruikersDialog
from thuiszit_desktop.ui.beheer.profiel_dialog import ProfielDialog

WW = "Collega-ww-2026!"


def test_own_profile_with_an_error_beside_the_field(qtbot, services):
    d = ProfielDialog(services)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Mijn gegevens" and d.volledige_naam.text() == ""
    d.volledige_naam.setText("Anna de Vries")
    d.functie.setText("zorgcoördinator")
    d.telefoon.setText("bel maar")
    d.accept()
    assert d.result() != QDialog.DialogCode.Accepted  # refused: stays open with the message
    assert "Dit telefoonnummer klopt niet" in d.field_errors.text("telefoon")
    d.telefoon.setText("030-1234567")
    d.accept()
    assert d.result() == QDialog.DialogCode.Accepted
    assert services.profielen.get() == Profiel("Anna de Vries", "zorgcoördinator", "030-1234567", "")
    again = ProfielDialog(services)
    qtbot.addWidget(again)
    assert (again.volledige_naam.text(), again.telefoon.text()) == ("Anna de Vries", "030-1234567")


def test_the_zorgcoordinator_fills_in_a_colleagues_profile(qtbot, services):
    rij = services.gebruikers.toevoegen("mo", "alleen-lezen", [], WW, WW)
    lijst = GebruikersDialog(services)
    qtbot.addWidget(lijst)
    lijst.kies("mo")
    assert lijst.gegevens_knop.isEnabled()

    def vullen():
        d = QApplication.activeModalWidget()
        assert isinstance(d, ProfielDialog) and d.windowTitle() == "Gegevens van mo"
        d.volledige_naam.setText("Mo Amrani")
        d.functie.setText("teamleider")
        d.email.setText("m.amrani@baken.nl")
        d.accept()

    QTimer.singleShot(0, vullen)
    lijst.gegevens()
    assert services.profielen.get(rij.id) == Profiel("Mo Amrani", "teamleider", "", "m.amrani@baken.nl")
    row = m.Gebruiker.get_by_id(rij.id)
    assert (row.naam, row.rol, row.klassen, row.actief) == ("mo", "alleen-lezen", "", True)
