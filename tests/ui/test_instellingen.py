"""The settings dialog: school, absence codes, level thresholds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QDialog

from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.domain.verzuimcodes import STANDAARD
from thuiszit_desktop.ui import errors
from thuiszit_desktop.ui.instellingen_dialog import GEEN_VERZUIM, InstellingenDialog


@pytest.fixture
def dialog(qtbot, services):
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    d.show()
    return d


def rij_van(d: InstellingenDialog, code: str) -> int:
    return next(r for r in range(d.codes_tabel.rowCount()) if d.codes_tabel.item(r, 0).text() == code)


def combo(d: InstellingenDialog, r: int) -> QComboBox:
    return d.codes_tabel.cellWidget(r, 1)


def test_shows_the_current_settings(dialog):
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["School", "Verzuimcodes", "Niveaus"]
    assert dialog.naam.text() == "Het Baken" and dialog.brin.text() == "12AB"
    assert dialog.regio.currentData() == "midden" and dialog.uren.value() == 6.0
    assert combo(dialog, rij_van(dialog, "Z")).currentText() == "Ziek"
    assert combo(dialog, rij_van(dialog, "Te laat")).currentText() == GEEN_VERZUIM
    codes = [c.casefold() for c, _ in dialog.codes()]
    assert "ongeoorloofd" not in codes  # the five redenen always mean themselves
    assert (dialog.niveau2.value(), dialog.niveau3.value()) == (5.0, 10.0)
    assert not dialog.has_changes()


def test_saves_a_code_and_the_thresholds(qtbot, dialog, services):
    dialog.tabs.setCurrentIndex(1)
    dialog.code_toevoegen.click()
    r = dialog.codes_tabel.rowCount() - 1
    dialog.codes_tabel.item(r, 0).setText("Afwezig zonder bericht")
    combo(dialog, r).setCurrentIndex(combo(dialog, r).findData(Reden.ONGEOORLOOFD.value))
    dialog.code_toevoegen.click()
    r = dialog.codes_tabel.rowCount() - 1
    dialog.codes_tabel.item(r, 0).setText("Stage")
    combo(dialog, r).setCurrentIndex(combo(dialog, r).findText(GEEN_VERZUIM))
    combo(dialog, rij_van(dialog, "P")).setCurrentIndex(combo(dialog, rij_van(dialog, "P")).findData("verlof"))
    dialog.tabs.setCurrentIndex(2)
    dialog.niveau2.setValue(4)
    dialog.niveau3.setValue(8.5)
    assert dialog.has_changes()

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    codes = services.verzuim.codes()
    assert codes.vertaal("afwezig zonder bericht") is Reden.ONGEOORLOOFD
    assert codes.vertaal("stage") is None
    assert codes.vertaal("P") is Reden.VERLOF
    inst = services.signalen.instellingen()
    assert (inst.niveau2_pct, inst.niveau3_pct) == (4, 8.5)


def test_errors_stand_next_to_the_fields_and_the_dialog_stays(qtbot, dialog, services):
    dialog.brin.setText("12A")
    dialog.naam.setText("Het Baken Noord")
    dialog.niveau2.setValue(12)
    assert not dialog.save()
    assert "BRIN-nummer klopt niet" in dialog.school_errors.text("brin")
    assert "lager zijn dan die voor niveau 3" in dialog.niveaus_errors.text("niveau2")
    assert dialog.tabs.currentIndex() == 0 and dialog.isVisible()
    assert dialog.naam.text() == "Het Baken Noord"  # kept as typed

    dialog.brin.setText("12ab")
    dialog.niveau2.setValue(5)
    dialog.tabs.setCurrentIndex(1)
    dialog.code_toevoegen.click()
    dialog.codes_tabel.item(dialog.codes_tabel.rowCount() - 1, 0).setText("z")
    assert not dialog.save()
    assert "staat twee keer in de lijst" in dialog.codes_fout.text()
    assert dialog.tabs.currentIndex() == 1
    assert services.school.get().brin == "12AB" and services.school.get().naam == "Het Baken Noord"

    # the school part was saved: closing now still tells the caller that something changed
    dialog.remove_codes()  # (the new row is still selected)
    assert not dialog.has_changes()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_standard_codes_back(qtbot, dialog, services):
    services.verzuim.codes_opslaan({"X": Reden.ZIEK})
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    assert [c for c, _ in d.codes()] == ["X"]
    d.standaard_button.click()
    assert d.has_changes()
    assert d.save()
    assert services.verzuim.codes().codes == STANDAARD.codes


def test_closing_with_changes_asks(qtbot, dialog, monkeypatch):
    vragen = []
    monkeypatch.setattr(errors, "ask", lambda parent, vraag, **k: vragen.append(vraag) or False)
    dialog.reject()  # nothing changed: closes without asking
    assert vragen == [] and dialog.result() == QDialog.DialogCode.Rejected
    dialog.show()
    dialog.uren.setValue(5.5)
    dialog.reject()
    assert vragen == ["Wijzigingen weggooien?"] and dialog.isVisible()
    monkeypatch.setattr(errors, "ask", lambda *a, **k: True)
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_saving_without_changes_is_not_a_change(qtbot, dialog):
    assert dialog.save()
    assert dialog.result() == QDialog.DialogCode.Rejected
