"""The verzuim import wizard, driven like a user would: choose a file, check the preview, import."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWizard

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import bestanden
from thuiszit_desktop.ui.importeren.verzuim_import_wizard import VerzuimImportWizard

VANDAAG = date(2026, 11, 23)
TIMEOUT = 10_000
KOP = "leerlingnummer;datum;uren;code"
GOED = ["1001;14-09-2026;2;S", "1001;15-09-2026;6;Z", "1002;16-09-2026;1,5;Spijbelen",
        "1003;17-09-2026;1;Te laat"]


def csv(tmp_path: Path, *regels: str, naam: str = "verzuim.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


@pytest.fixture
def leerlingen(services):
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"),
                                                         ("1002", "Mehmet", "", "Çelik"),
                                                         ("1003", "Daniël", "de", "Jong")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, tussenvoegsel=tussenvoegsel), vandaag=VANDAAG)
    return services


@pytest.fixture
def wizard(qtbot, leerlingen):
    w = VerzuimImportWizard(leerlingen, vandaag=VANDAAG)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.voorbeeld_pagina.stop()
    QThreadPool.globalInstance().waitForDone(TIMEOUT)


def commit_button(w: VerzuimImportWizard):
    return w.button(QWizard.WizardButton.CommitButton)


def naar_kolommen(qtbot, w: VerzuimImportWizard, pad: Path) -> None:
    w.kies_pagina.set_pad(pad)
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(w.kolommen_pagina.klaar, timeout=TIMEOUT):
        w.next()


def naar_voorbeeld(qtbot, w: VerzuimImportWizard, pad: Path) -> None:
    naar_kolommen(qtbot, w, pad)
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(w.voorbeeld_pagina.klaar, timeout=TIMEOUT):
        w.next()


def test_previews_the_errors_and_warnings(qtbot, wizard, leerlingen, tmp_path):
    pad = csv(tmp_path, KOP + ";opmerking", *(r + ";x" for r in GOED),
              "1004;18-09-2026;2;S;x",        # 6: unknown student
              "1001;31-09-2026;2;S;x",        # 7: no such date
              "1002;21-09-2026;2;Q;x",        # 8: unknown code
              "1001;19-09-2026;3;Z;x")        # 9: a Saturday: a warning, not an error
    naar_voorbeeld(qtbot, wizard, pad)
    pagina = wizard.voorbeeld_pagina
    assert pagina.tabs.isVisible()
    assert [pagina.tabs.tabText(i) for i in range(2)] == ["Fouten (3)", "Geen lesdag (1)"]
    assert [pagina.fouten_tabel.item(r, 0).text() for r in range(3)] == ["6", "7", "8"]
    assert "1004 staat niet in het leerlingenregister" in pagina.fouten_tabel.item(0, 1).text()
    assert "De code 'Q' is onbekend" in pagina.fouten_tabel.item(2, 1).text()
    assert pagina.lesdag_tabel.item(0, 0).text() == "9"
    assert "19-09-2026 is geen lesdag" in pagina.lesdag_tabel.item(0, 1).text()
    assert pagina.kolommen_label.text() == "opmerking"
    assert pagina.regels_label.text() == "4 regels voor 2 leerlingen"
    assert pagina.overgeslagen_label.text().startswith("1 regel (te laat")
    assert "Na de import: 21-09-2026 (de laatste datum in het bestand)" in pagina.bijgewerkt_label.text()
    assert pagina.melding.isVisible() and "Er wordt niets geïmporteerd" in pagina.melding.text()
    assert leerlingen.verzuim.dagen("1001", date(2026, 8, 1), date(2027, 7, 31)) == []  # nothing written
    assert not commit_button(wizard).isEnabled()

    assert pagina.overslaan.isVisible()
    pagina.overslaan.setChecked(True)
    assert commit_button(wizard).isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT) as blocker:
        commit_button(wizard).click()
    resultaat = blocker.args[0]
    assert resultaat.regels == 4 and len(resultaat.fouten) == 3
    assert wizard.import_pagina.fouten.rowCount() == 3 and wizard.import_pagina.overgeslagen.isVisible()
    assert [d.datum for d in leerlingen.verzuim.dagen("1001", date(2026, 8, 1), date(2027, 7, 31))] == [
        date(2026, 9, 14), date(2026, 9, 15), date(2026, 9, 19)]


def test_imports_a_good_file(qtbot, wizard, leerlingen, tmp_path, monkeypatch):
    pad = csv(tmp_path, KOP, *GOED)
    monkeypatch.setattr(bestanden, "_kies", lambda dialog: [str(pad)])
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.kies_pagina.kies_button.click()
    assert wizard.pad() == pad
    with qtbot.waitSignal(wizard.kolommen_pagina.klaar, timeout=TIMEOUT):
        wizard.button(QWizard.WizardButton.NextButton).click()
    with qtbot.waitSignal(wizard.voorbeeld_pagina.klaar, timeout=TIMEOUT):
        wizard.button(QWizard.WizardButton.NextButton).click()
    pagina = wizard.voorbeeld_pagina
    assert not pagina.tabs.isVisible() and not pagina.overslaan.isVisible()
    assert pagina.dagen_label.text().startswith("3 nieuw, 0 gewijzigd, 0 ongewijzigd")
    assert commit_button(wizard).isEnabled() and commit_button(wizard).text() == "Importeren"

    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT) as blocker:
        commit_button(wizard).click()
    assert wizard.import_pagina.status.text() == blocker.args[0].samenvatting
    assert "Verzuim bijgewerkt t/m 17-09-2026" in blocker.args[0].samenvatting
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    dagen = leerlingen.verzuim.dagen("1002", date(2026, 8, 1), date(2027, 7, 31))
    assert [(d.datum, d.uren) for d in dagen] == [(date(2026, 9, 16), {Reden.ONGEOORLOOFD: 1.5})]
    assert leerlingen.signalen.bijgewerkt_tot() == date(2026, 9, 17)  # (the te-laat line counts)


def test_another_tot_en_met_date(qtbot, wizard, leerlingen, tmp_path):
    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, *GOED))
    pagina = wizard.voorbeeld_pagina
    assert pagina.tot_edit.value() == date(2026, 9, 17)  # the file's latest date, as a start
    with qtbot.waitSignal(pagina.klaar, timeout=TIMEOUT):
        pagina.tot_check.setChecked(True)
        pagina.tot_edit.set_value(date(2031, 1, 9))
    assert "kan niet kloppen" in pagina.tot_fout.text() and pagina.tot_fout.isVisible()
    assert not commit_button(wizard).isEnabled()
    with qtbot.waitSignal(pagina.klaar, timeout=TIMEOUT):
        pagina.tot_edit.set_value(date(2026, 9, 18))
    assert pagina.tot_fout.isHidden()
    assert "Na de import: 18-09-2026 (de datum die u koos)" in pagina.bijgewerkt_label.text()
    assert commit_button(wizard).isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT):
        commit_button(wizard).click()
    assert leerlingen.signalen.bijgewerkt_tot() == date(2026, 9, 18)


def test_an_earlier_file_keeps_the_date_and_setting_it_back_is_a_warned_choice(qtbot, wizard, leerlingen,
                                                                                 tmp_path):
    leerlingen.verzuim.importeren(csv(tmp_path, KOP, "1001;20-11-2026;2;S", naam="week.csv"), vandaag=VANDAAG)
    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, *GOED))  # about September: a correction
    pagina = wizard.voorbeeld_pagina
    assert pagina.bijgewerkt_label.text().startswith(
        "Blijft 20-11-2026: het bestand gaat maar tot en met 17-09-2026, en een correctie van eerdere dagen zet de "
        "datum niet terug.")
    with qtbot.waitSignal(pagina.klaar, timeout=TIMEOUT):
        pagina.tot_check.setChecked(True)
        pagina.tot_edit.set_value(date(2026, 9, 17))
    assert pagina.bijgewerkt_label.text().startswith(
        "Let op: dit zet 'verzuim bijgewerkt t/m' terug van 20-11-2026 naar 17-09-2026.")
    assert "color" in pagina.bijgewerkt_label.styleSheet()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT):
        commit_button(wizard).click()
    assert leerlingen.signalen.bijgewerkt_tot() == date(2026, 9, 17)


def test_a_file_without_a_required_column_is_explained(qtbot, wizard, tmp_path):
    naar_kolommen(qtbot, wizard, csv(tmp_path, "leerlingnummer;uren", "1001;2", naam="zonder_datum.csv"))
    pagina = wizard.kolommen_pagina
    assert pagina.ontbreekt.isVisible()
    assert "Nog geen kolom voor: Datum, Reden (of Code)." in pagina.ontbreekt.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.back()
    assert wizard.currentPage() is wizard.kies_pagina


def test_the_afbreken_button_rolls_back(qtbot, wizard, leerlingen, tmp_path, monkeypatch):
    def langzaam(pad, *, sla_foute_regels_over=False, tot=None, progress=None, vandaag=None, kolommen=None):
        for i in range(10_000):
            progress(i, 10_000)
            time.sleep(0.001)
        raise AssertionError("not cancelled")

    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, *GOED))
    monkeypatch.setattr(leerlingen.verzuim, "importeren", langzaam)
    pagina = wizard.import_pagina
    with qtbot.waitSignal(pagina.progress.valueChanged, timeout=TIMEOUT):
        wizard.next()
    assert pagina.bezig
    with qtbot.waitSignal(pagina.klaar, timeout=TIMEOUT):
        wizard.reject()  # Escape or Annuleren while importing: cancels, the window stays
        assert wizard.isVisible()
    assert pagina.status.text() == "Er is niets geïmporteerd."
    assert "Afgebroken" in pagina.melding.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
