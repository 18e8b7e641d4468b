"""Instellingen › Lesuurtijden: the bell times as an editable table, checked, saved with Opslaan."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog

from thuiszit_desktop.domain.lesuren import STANDAARD_LESUURTIJDEN, Lesuur
from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog


@pytest.fixture
def dialog(qtbot, services):
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    d.show()
    d.tabs.setCurrentWidget(d.lesuur_tab)
    return d


def zet(d: InstellingenDialog, rij: int, kolom: int, hhmm: str) -> None:
    d.lesuur_tab.tabel.cellWidget(rij, kolom).setTime(QTime.fromString(hhmm, "HH:mm"))


def test_the_default_bell_times_are_shown(dialog):
    tab = dialog.lesuur_tab
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Lesuurtijden"
    assert tab.waarden()[:3] == [("08:30", "09:20"), ("09:20", "10:10"), ("10:30", "11:20")]
    assert len(tab.waarden()) == 8 and not tab.has_changes() and not dialog.has_changes()


def test_an_overlap_is_named_and_nothing_is_saved_until_it_is_fixed(qtbot, dialog, services):
    tab = dialog.lesuur_tab
    zet(dialog, 1, 0, "09:00")  # lesuur 2 begins before lesuur 1 ends
    assert dialog.has_changes()
    assert dialog.save() is False
    assert dialog.isVisible() and dialog.tabs.currentWidget() is tab
    assert tab.fout.isVisible()
    assert tab.fout.text() == ("Lesuur 2 begint (09:00) voordat lesuur 1 eindigt (09:20). Lesuren mogen niet "
                               "overlappen en staan op volgorde.")
    assert services.school.lesuurtijden() == STANDAARD_LESUURTIJDEN

    zet(dialog, 1, 0, "09:25")
    assert not tab.fout.isVisible()
    with qtbot.waitSignal(dialog.finished, timeout=5000) as blocker:
        assert dialog.save() is True
    assert blocker.args[0] == QDialog.DialogCode.Accepted
    assert services.school.lesuurtijden()[1] == Lesuur(time(9, 25), time(10, 10))


def test_add_and_remove_a_lesuur_and_back_to_the_default(dialog, services):
    tab = dialog.lesuur_tab
    tab.toevoegen.click()
    assert tab.waarden()[-1] == ("16:15", "17:05") and len(tab.waarden()) == 9  # 50 minutes after the last
    for _ in range(3):
        tab.verwijderen.click()
    assert tab.waarden()[-1] == ("13:30", "14:20") and len(tab.waarden()) == 6
    dialog.save()
    assert services.school.lesuurtijden()[-1] == Lesuur(time(13, 30), time(14, 20))

    d = InstellingenDialog(services)
    for _ in range(5):
        d.lesuur_tab.verwijderen.click()
    assert len(d.lesuur_tab.waarden()) == 1 and not d.lesuur_tab.verwijderen.isEnabled()
    d.lesuur_tab.standaard.click()
    assert d.lesuur_tab.waarden() == [(f"{u.begin:%H:%M}", f"{u.eind:%H:%M}") for u in STANDAARD_LESUURTIJDEN]
    d.save()
    assert services.school.lesuurtijden() == STANDAARD_LESUURTIJDEN
    d.deleteLater()
