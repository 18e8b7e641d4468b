"""The settings dialog: school, absence codes, level thresholds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QDialog

from thuiszit_desktop.domain.plan import STANDAARD_INTERVENTIES
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.domain.verzuimcodes import STANDAARD
from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog
from thuiszit_desktop.ui.beheer.verzuimcodes_tab import GEEN_VERZUIM
from thuiszit_desktop.ui.common import errors


@pytest.fixture
def dialog(qtbot, services):
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    d.show()
    return d


def rij_van(d: InstellingenDialog, code: str) -> int:
    return next(r for r in range(d.codes_tab.codes_tabel.rowCount()) if d.codes_tab.codes_tabel.item(r, 0).text() == code)


def combo(d: InstellingenDialog, r: int) -> QComboBox:
    return d.codes_tab.codes_tabel.cellWidget(r, 1)


def test_shows_the_current_settings(dialog):
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["School", "Verzuimcodes", "Niveaus"]
    assert dialog.naam.text() == "Het Baken" and dialog.brin.text() == "12AB"
    assert dialog.regio.currentData() == "midden" and dialog.uren.value() == 6.0
    assert combo(dialog, rij_van(dialog, "Z")).currentText() == "Ziek"
    assert combo(dialog, rij_van(dialog, "Te laat")).currentText() == GEEN_VERZUIM
    codes = [c.casefold() for c, _ in dialog.codes_tab.codes()]
    assert "ongeoorloofd" not in codes  # the five redenen always mean themselves
    assert (dialog.niveau2.value(), dialog.niveau3.value()) == (5.0, 10.0)
    assert not dialog.has_changes()


def test_saves_a_code_and_the_thresholds(qtbot, dialog, services):
    dialog.tabs.setCurrentIndex(1)
    dialog.codes_tab.code_toevoegen.click()
    r = dialog.codes_tab.codes_tabel.rowCount() - 1
    dialog.codes_tab.codes_tabel.item(r, 0).setText("Afwezig zonder bericht")
    combo(dialog, r).setCurrentIndex(combo(dialog, r).findData(Reden.ONGEOORLOOFD.value))
    dialog.codes_tab.code_toevoegen.click()
    r = dialog.codes_tab.codes_tabel.rowCount() - 1
    dialog.codes_tab.codes_tabel.item(r, 0).setText("Stage")
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
    dialog.codes_tab.code_toevoegen.click()
    dialog.codes_tab.codes_tabel.item(dialog.codes_tab.codes_tabel.rowCount() - 1, 0).setText("z")
    assert not dialog.save()
    assert "staat twee keer in de lijst" in dialog.codes_tab.codes_fout.text()
    assert dialog.tabs.currentIndex() == 1
    assert services.school.get().brin == "12AB" and services.school.get().naam == "Het Baken Noord"

    # the school part was saved: closing now still tells the caller that something changed
    dialog.codes_tab.remove_codes()  # (the new row is still selected)
    assert not dialog.has_changes()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_standard_codes_back(qtbot, dialog, services):
    services.verzuim.codes_opslaan({"X": Reden.ZIEK})
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    assert [c for c, _ in d.codes_tab.codes()] == ["X"]
    d.codes_tab.standaard_button.click()
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


# --- Interventies ---------------------------------------------------------------------------------

def test_interventies_tab_shows_the_catalogue(dialog, services):
    assert dialog.tabs.tabText(3) == "Interventies"
    assert tuple(dialog.interventies_tab.interventies()) == services.plannen.catalogus() == STANDAARD_INTERVENTIES
    assert not dialog.interventies_tab.interventie_verwijderen.isEnabled() and not dialog.interventies_tab.interventie_hernoemen.isEnabled()


def test_interventies_add_rename_remove_and_save(qtbot, dialog, services):
    dialog.tabs.setCurrentIndex(3)
    lijst = dialog.interventies_tab.interventies_lijst
    dialog.interventies_tab.interventie_toevoegen.click()
    assert lijst.currentRow() == lijst.count() - 1
    lijst.currentItem().setText("  Gesprek   met leerplicht ")
    lijst.setCurrentRow(0)
    assert dialog.interventies_tab.interventie_hernoemen.isEnabled()
    lijst.item(0).setText("Verzuimcoach (één keer per week)")
    lijst.setCurrentRow(1)
    dialog.interventies_tab.interventie_verwijderen.click()
    assert dialog.has_changes()

    assert dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    verwacht = ("Verzuimcoach (één keer per week)", *STANDAARD_INTERVENTIES[2:], "Gesprek met leerplicht")
    assert services.plannen.catalogus() == verwacht
    assert tuple(dialog.interventies_tab.interventies()) == verwacht


def test_interventies_empty_names_and_doubles_are_tidied(qtbot, dialog, services):
    dialog.interventies_tab.interventie_toevoegen.click()  # left empty
    dialog.interventies_tab.interventie_toevoegen.click()
    dialog.interventies_tab.interventies_lijst.currentItem().setText(STANDAARD_INTERVENTIES[0].upper())
    assert dialog.save()
    assert services.plannen.catalogus() == STANDAARD_INTERVENTIES


def test_interventies_error_stands_next_to_the_list(qtbot, dialog, services):
    dialog.naam.setText("Het Baken Zuid")
    dialog.interventies_tab.interventies_lijst.selectAll()
    dialog.interventies_tab.interventie_verwijderen.click()
    assert dialog.interventies_tab.interventies_lijst.count() == 0
    assert not dialog.save()
    assert "minstens één interventie" in dialog.interventies_tab.interventies_fout.text()
    assert dialog.tabs.currentIndex() == 3 and dialog.isVisible()
    assert services.school.get().naam == "Het Baken Zuid"  # the other part was saved
    assert services.plannen.catalogus() == STANDAARD_INTERVENTIES

    dialog.interventies_tab.interventie_toevoegen.click()
    assert dialog.interventies_tab.interventies_fout.text() == ""  # editing clears the message
    dialog.interventies_tab.interventies_lijst.currentItem().setText("Huisbezoek")
    assert dialog.save()
    assert services.plannen.catalogus() == ("Huisbezoek",)


def test_interventies_standard_list_back(qtbot, services):
    services.plannen.catalogus_opslaan(["Huisbezoek"])
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    assert d.interventies_tab.interventies() == ["Huisbezoek"]
    d.interventies_tab.interventies_standaard.click()
    assert tuple(d.interventies_tab.interventies()) == STANDAARD_INTERVENTIES and d.has_changes()
    assert d.save()
    assert services.plannen.catalogus() == STANDAARD_INTERVENTIES


def test_interventies_change_asks_before_closing(qtbot, dialog, monkeypatch):
    vragen = []
    monkeypatch.setattr(errors, "ask", lambda parent, vraag, **k: vragen.append(vraag) or False)
    dialog.interventies_tab.interventie_toevoegen.click()
    dialog.interventies_tab.interventies_lijst.currentItem().setText("Huisbezoek")
    dialog.reject()
    assert vragen == ["Wijzigingen weggooien?"] and dialog.isVisible()


def test_interventies_user_error_is_shown(qtbot, dialog, services, monkeypatch):
    from thuiszit_desktop.domain.errors import GeenToegang

    def weigert(_namen):
        raise GeenToegang("Alleen de zorgcoördinator mag dit.")

    getoond = []
    monkeypatch.setattr(services.plannen, "catalogus_opslaan", weigert)
    monkeypatch.setattr(errors, "show_user_error", lambda parent, exc: getoond.append(str(exc)))
    dialog.interventies_tab.interventie_toevoegen.click()
    dialog.interventies_tab.interventies_lijst.currentItem().setText("Huisbezoek")
    assert not dialog.save()
    assert getoond == ["Alleen de zorgcoördinator mag dit."] and dialog.isVisible()


def test_choosing_and_removing_the_logo(dialog, services, tmp_path, monkeypatch):
    from PySide6.QtGui import QColor, QImage

    from thuiszit_desktop.ui.common import bestanden

    png = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5f8b"))
    assert image.save(str(png))
    assert dialog.logo_voorbeeld.text() == "Geen logo" and not dialog.logo_weg.isEnabled()

    monkeypatch.setattr(bestanden, "_kies", lambda dialog: [str(png)])
    dialog.kies_logo()
    assert services.school.logo() == png.read_bytes()
    assert not dialog.logo_voorbeeld.pixmap().isNull() and dialog.logo_weg.isEnabled()
    assert dialog.saved_something  # exec() reports a change, so the PDFs pick it up

    gif = tmp_path / "logo.png.gif"
    gif.write_bytes(b"GIF89a....")
    monkeypatch.setattr(bestanden, "_kies", lambda dialog: [str(gif)])
    dialog.kies_logo()
    assert "PNG- of JPG" in dialog.logo_fout.text()
    assert services.school.logo() == png.read_bytes()  # the earlier logo stays

    dialog.logo_weg.click()
    assert services.school.logo() is None and dialog.logo_voorbeeld.text() == "Geen logo"


def test_the_samenwerkingsverband_is_a_school_setting(qtbot, dialog, services):
    assert dialog.swv.text() == ""
    dialog.swv.setText("---")
    assert not dialog.save()
    assert "naam of code van het samenwerkingsverband" in dialog.school_errors.text("swv")
    dialog.swv.setText(" SWV VO  Oudewaarde e.o. ")
    assert dialog.save()
    assert services.school.get().swv == "SWV VO Oudewaarde e.o."
    assert dialog.swv.text() == "SWV VO Oudewaarde e.o."
