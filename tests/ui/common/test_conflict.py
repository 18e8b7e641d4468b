"""The conflict choice every form gets (ui/common/form.py, conflict.py): a small form that reloads, and a form
that cannot reload and closes with the user's text on the clipboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import antwoord_bij_conflict
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Categorie
from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog
from thuiszit_desktop.ui.traject.traject_dialogs import TrajectDialog

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def school(services):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B"), VANDAAG)
    return services


def test_een_klein_formulier_houdt_hun_versie_en_toont_de_mijne(qtbot, school, monkeypatch):
    t = school.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel verzuim", geopend=VANDAAG,
                                vandaag=VANDAAG)
    d = TrajectDialog(school, "1001", traject=t, vandaag=VANDAAG)
    qtbot.addWidget(d)
    school.trajecten.bijwerken(t.id, aanleiding="Veel verzuim, vooral op maandag")
    d.aanleiding.setPlainText("Buikpijn")
    getoond = antwoord_bij_conflict(monkeypatch, "hun_knop")
    assert not d.save()
    rijen = [tuple(getoond[0].tabel.item(0, k).text() for k in range(3))]
    assert rijen == [("Aanleiding", "Veel verzuim, vooral op maandag", "Buikpijn")]
    assert d.aanleiding.toPlainText() == "Veel verzuim, vooral op maandag"
    assert d.eigen_tekst.toPlainText() == "Aanleiding:\nBuikpijn"
    assert school.trajecten.get(t.id).aanleiding == "Veel verzuim, vooral op maandag"


def test_een_formulier_dat_niet_herlaadt_sluit_met_mijn_tekst_op_het_klembord(qtbot, school, monkeypatch):
    zoe = school.leerlingen.get("1001")
    d = LeerlingDialog(school, zoe, vandaag=VANDAAG)
    qtbot.addWidget(d)
    d.show()
    school.leerlingen.opslaan(replace(zoe, klas="3B"), VANDAAG)  # someone else, meanwhile
    d.klas.setEditText("2C")
    antwoord_bij_conflict(monkeypatch, "hun_knop")
    assert not d.save()
    assert not d.isVisible() and QGuiApplication.clipboard().text() == "Klas:\n2C"
    assert school.leerlingen.get("1001").klas == "3B"


def test_mijn_versie_opslaan_op_een_formulier_met_eigen_opslaan(qtbot, school, monkeypatch):
    zoe = school.leerlingen.get("1001")
    d = LeerlingDialog(school, zoe, vandaag=VANDAAG)
    qtbot.addWidget(d)
    school.leerlingen.opslaan(replace(zoe, klas="3B"), VANDAAG)
    d.klas.setEditText("2C")
    antwoord_bij_conflict(monkeypatch, "mijn_knop")
    assert d.save()
    assert school.leerlingen.get("1001").klas == "2C"


def test_de_keuze_en_de_namen_zoals_in_het_formulier(qtbot):
    """A gesprek's soort as the form names it (not the stored word), and who saved first in plain words."""
    from datetime import datetime

    from thuiszit_desktop.domain.errors import Conflict
    from thuiszit_desktop.ui.common.conflict import ConflictDialog

    exc = Conflict("dit gesprek", {"type": "gesprek_ouders", "deelnemers": "moeder"},
                   {"type": "telefonisch", "deelnemers": "moeder"}, wie="Bram Visser",
                   wanneer=datetime(2026, 11, 23, 10, 14))
    d = ConflictDialog(exc)
    qtbot.addWidget(d)
    assert d.tabel.rowCount() == 1  # only what differs
    assert [d.tabel.item(0, k).text() for k in range(3)] == ["Soort contact", "Gesprek met de ouders",
                                                              "Telefonisch contact"]
    assert d.tabel.horizontalHeaderItem(1).text() == "Opgeslagen door Bram Visser"
    uitleg = d.findChild(QLabel).text()
    assert uitleg.startswith("Bram Visser heeft dit gesprek op 23-11-2026 10:14 gewijzigd")
    assert "Er gaat niets verloren." in uitleg
