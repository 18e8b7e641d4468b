"""The import wizard, driven like a user would: choose a file, check the preview, import."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWizard

from thuiszit_desktop.db import models as m
from thuiszit_desktop.ui.common import bestanden
from thuiszit_desktop.ui.importeren.import_wizard import ImportWizard

KOP = "leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;klas;mentor"
RIJEN = [
    "1001;Zoë;;Çelik;05-03-2011;2A;J. de Vries",
    "1002;Daniël;van;Dijk;07-03-2011;2B;M. El Amrani",
    "1003;Fatima;;El Idrissi;12-11-2011;2A;J. de Vries",
]
TIMEOUT = 10_000


def csv(tmp_path: Path, *regels: str, naam: str = "wizard_leerlingen.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


@pytest.fixture
def wizard(qtbot, services):
    w = ImportWizard(services)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.voorbeeld_pagina.stop()
    QThreadPool.globalInstance().waitForDone(TIMEOUT)


def commit_button(w: ImportWizard):
    return w.button(QWizard.WizardButton.CommitButton)


def naar_kolommen(qtbot, w: ImportWizard, pad: Path) -> None:
    w.kies_pagina.set_pad(pad)
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(w.kolommen_pagina.klaar, timeout=TIMEOUT):
        w.next()


def naar_voorbeeld(qtbot, w: ImportWizard, pad: Path) -> None:
    naar_kolommen(qtbot, w, pad)
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(w.voorbeeld_pagina.klaar, timeout=TIMEOUT):
        w.next()


def test_choose_file_preview_and_import(qtbot, wizard, services, tmp_path, monkeypatch):
    pad = csv(tmp_path, KOP + ";hobby", *(r + ";" for r in RIJEN))
    monkeypatch.setattr(bestanden, "_kies", lambda dialog: [str(pad)])
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.kies_pagina.kies_button.click()
    assert wizard.kies_pagina.pad() == pad

    with qtbot.waitSignal(wizard.kolommen_pagina.klaar, timeout=TIMEOUT):
        wizard.button(QWizard.WizardButton.NextButton).click()
    with qtbot.waitSignal(wizard.voorbeeld_pagina.klaar, timeout=TIMEOUT):
        wizard.button(QWizard.WizardButton.NextButton).click()
    pagina = wizard.voorbeeld_pagina
    assert [pagina.tabs.tabText(i) for i in range(3)] == ["Nieuw (3)", "Gewijzigd (0)", "Afgekeurd (0)"]
    assert pagina.nieuw_tabel.rowCount() == 3
    assert pagina.nieuw_tabel.item(0, 1).text() == "Zoë Çelik"
    assert "hobby" in pagina.onbekend.text() and pagina.onbekend.isVisible()
    assert not pagina.overslaan.isVisible()
    assert commit_button(wizard).isEnabled() and commit_button(wizard).text() == "Importeren"
    assert m.Leerling.select().count() == 0  # the preview writes nothing

    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT) as blocker:
        commit_button(wizard).click()
    resultaat = blocker.args[0]
    assert resultaat.toegevoegd == 3
    assert wizard.import_pagina.status.text() == resultaat.samenvatting
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert len(services.leerlingen.lijst()) == 3


def test_changes_are_shown(qtbot, wizard, services, tmp_path):
    services.importeren.leerlingen(csv(tmp_path, KOP, *RIJEN, naam="eerst.csv"))
    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, "1001;Zoë;;Çelik;05-03-2011;3A;K. Öztürk", *RIJEN[1:]))
    pagina = wizard.voorbeeld_pagina
    assert [pagina.tabs.tabText(i) for i in range(3)] == ["Nieuw (0)", "Gewijzigd (1)", "Afgekeurd (0)"]
    assert pagina.tabs.currentIndex() == 1
    assert pagina.gewijzigd_tabel.item(0, 2).text() == "klas: 2A → 3A\nmentor: J. de Vries → K. Öztürk"
    assert "2 ongewijzigd" in pagina.status.text()


def test_bad_rows_block_the_import_until_skipping_is_ticked(qtbot, wizard, services, tmp_path):
    pad = csv(tmp_path, KOP, RIJEN[0], "1002;Daniël;van;Dijk;31-02-2011;2B;", RIJEN[2], RIJEN[0])
    naar_voorbeeld(qtbot, wizard, pad)
    pagina = wizard.voorbeeld_pagina
    assert pagina.tabs.tabText(2) == "Afgekeurd (2)" and pagina.tabs.currentIndex() == 2
    assert [pagina.afgekeurd_tabel.item(r, 0).text() for r in range(2)] == ["3", "5"]
    assert "dubbel: staat ook op regel 2" in pagina.afgekeurd_tabel.item(1, 1).text()
    assert pagina.melding.isVisible() and "Er wordt niets geïmporteerd" in pagina.melding.text()
    assert pagina.overslaan.isVisible()
    assert pagina.overslaan.text() == "Foute regels overslaan en de goede regels importeren"
    assert not commit_button(wizard).isEnabled()

    pagina.overslaan.setChecked(True)
    assert commit_button(wizard).isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT) as blocker:
        commit_button(wizard).click()
    assert (blocker.args[0].toegevoegd, blocker.args[0].overgeslagen) == (2, 2)
    assert wizard.import_pagina.fouten.rowCount() == 2
    assert {r.leerlingnummer for r in services.leerlingen.lijst()} == {"1001", "1003"}


def test_a_file_without_a_required_column_is_explained(qtbot, wizard, tmp_path):
    naar_kolommen(qtbot, wizard, csv(tmp_path, "leerlingnummer;achternaam", "1;Çelik", naam="zonder_datum.csv"))
    pagina = wizard.kolommen_pagina
    assert pagina.ontbreekt.isVisible() and "Nog geen kolom voor: Geboortedatum." in pagina.ontbreekt.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_an_unreadable_file_is_explained(qtbot, wizard, tmp_path):
    pad = tmp_path / "oud.xls"
    pad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    naar_kolommen(qtbot, wizard, pad)
    pagina = wizard.kolommen_pagina
    assert pagina.melding.isVisible() and "oud Excel-bestand (.xls)" in pagina.melding.text()
    assert not pagina.tabel.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_nothing_to_import_when_everything_is_up_to_date(qtbot, wizard, services, tmp_path):
    pad = csv(tmp_path, KOP, *RIJEN)
    services.importeren.leerlingen(pad)
    naar_voorbeeld(qtbot, wizard, pad)
    assert "niets te importeren" in wizard.voorbeeld_pagina.status.text()
    assert not commit_button(wizard).isEnabled()


def test_back_and_another_file(qtbot, wizard, tmp_path):
    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, *RIJEN))
    wizard.back()
    assert wizard.currentPage() is wizard.kolommen_pagina
    wizard.back()
    assert wizard.currentPage() is wizard.kies_pagina
    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, RIJEN[0], naam="een_leerling.csv"))
    assert wizard.voorbeeld_pagina.tabs.tabText(0) == "Nieuw (1)"


def test_the_wizard_checks_the_file_exists(wizard, tmp_path):
    wizard.kies_pagina.set_pad(tmp_path / "bestaat_niet.csv")
    assert wizard.kies_pagina.melding.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_cancelling_the_import_rolls_back(qtbot, wizard, tmp_path):
    regels = [f"{5000 + i};Aïcha;;Bakker;{1 + i % 28:02d}-02-2012;1D;L. Nieuwenhuis" for i in range(3000)]
    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, *regels, naam="veel.csv"))
    pagina = wizard.import_pagina
    with qtbot.waitSignal(pagina.klaar, timeout=TIMEOUT):
        wizard.next()
        assert pagina.bezig
        wizard.reject()  # Escape or Annuleren while importing: cancels, the window stays
        assert wizard.isVisible()
    assert "Afgebroken; er is niets veranderd." in pagina.melding.text()
    assert pagina.resultaat is None
    assert m.Leerling.select().count() == 0
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.reject()
    assert not wizard.isVisible()


def test_the_afbreken_button(qtbot, wizard, services, tmp_path, monkeypatch):
    def langzaam(pad, *, sla_foute_regels_over=False, progress=None, kolommen=None):
        for i in range(10_000):
            progress(i, 10_000)
            time.sleep(0.001)
        raise AssertionError("not cancelled")

    naar_voorbeeld(qtbot, wizard, csv(tmp_path, KOP, *RIJEN))
    monkeypatch.setattr(services.importeren, "leerlingen", langzaam)
    pagina = wizard.import_pagina
    with qtbot.waitSignal(pagina.progress.valueChanged, timeout=TIMEOUT):
        wizard.next()
    with qtbot.waitSignal(pagina.klaar, timeout=TIMEOUT):
        pagina.afbreken.click()
    assert pagina.status.text() == "Er is niets geïmporteerd."
    assert "Afgebroken" in pagina.melding.text()
