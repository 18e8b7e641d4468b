"""The import wizards' column page, driven like a user would: every column with its values and what it is
used for, a choice per column, warnings, and the choice remembered for the next import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWizard

from tests.importers import veldbestanden
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services.verzuim import VerzuimDag
from thuiszit_desktop.ui.importeren.import_wizard import ImportWizard
from thuiszit_desktop.ui.importeren.verzuim_import_wizard import VerzuimImportWizard

TIMEOUT = 10_000
VANDAAG = date(2026, 11, 23)


@pytest.fixture
def maak(qtbot):
    gemaakt = []

    def maak(cls, services, **kw):
        w = cls(services, **kw)
        qtbot.addWidget(w)
        w.show()
        gemaakt.append(w)
        return w

    yield maak
    for w in gemaakt:
        w.kolommen_pagina.stop()
        w.voorbeeld_pagina.stop()
    QThreadPool.globalInstance().waitForDone(TIMEOUT)


def naar_kolommen(qtbot, w, pad: Path):
    w.kies_pagina.set_pad(pad)
    with qtbot.waitSignal(w.kolommen_pagina.klaar, timeout=TIMEOUT):
        w.next()
    return w.kolommen_pagina


def rijen(pagina) -> list[tuple[str, str, str]]:
    t = pagina.tabel
    return [(t.item(r, 0).text(), t.item(r, 1).text(), t.cellWidget(r, 2).currentText()) for r in range(t.rowCount())]


def kies(pagina, kolom: str, label: str) -> None:
    r = next(r for r in range(pagina.tabel.rowCount()) if pagina.tabel.item(r, 0).text() == kolom)
    combo = pagina.tabel.cellWidget(r, 2)
    combo.setCurrentIndex(combo.findText(label))


def volgende(w):
    return w.button(QWizard.WizardButton.NextButton)


def test_a_magister_export_is_recognised_column_by_column(qtbot, maak, services, tmp_path):
    pad = veldbestanden.magister_leerlingen_xlsx(tmp_path)
    pagina = naar_kolommen(qtbot, maak(ImportWizard, services), pad)
    assert pagina.tabel.isVisible()
    assert rijen(pagina) == [
        ("Stamnr", "412, 1001, 1002", "Leerlingnummer"),
        ("Achternaam", "Bakker, Jong, Çelik", "Achternaam"),
        ("Tussenv.", "de, van der", "Tussenvoegsel"),
        ("Roepnaam", "Zoë, Daniël, Mehmet", "Voornaam (roepnaam)"),
        ("Voornamen", "Zoë Anna, Daniël Pieter, Mehmet Ali", "Voornamen (de eerste, als de roepnaam leeg is)"),
        ("Geb.datum", "2011-03-05, 2011-07-09, 2012-01-31", "Geboortedatum"),
        ("Geslacht", "V, M", "Niet gebruiken"),
        ("Stamgroep", "2A, 1C, 2B", "Klas"),
        ("Studie", "H2, V1, V3", "Niet gebruiken"),
        ("Mentor", "J. de Vries, S. Öztürk, M. El Amrani", "Mentor"),
        ("Datum in", "2023-08-21, 2024-08-19, 2022-08-22", "Inschrijfdatum"),
    ]
    assert not pagina.ontbreekt.isVisible() and not pagina.waarschuwing.isVisible()
    assert volgende(pagina.wizard()).isEnabled()


def test_choose_what_the_program_does_not_know_and_it_is_remembered(qtbot, maak, services, tmp_path):
    pad = tmp_path / "eigen.csv"
    pad.write_text("Nr;Naam kind;Achternaam;Geb.datum;Opmerking\n12;Zoë;Bakker;05-03-2011;allergie\n"
                   "13;Daniël;Jong;07-03-2011;\n", encoding="utf-8")
    w = maak(ImportWizard, services)
    pagina = naar_kolommen(qtbot, w, pad)
    assert rijen(pagina)[0] == ("Nr", "12, 13", "Niet gebruiken")
    assert pagina.ontbreekt.isVisible() and "Nog geen kolom voor: Leerlingnummer." in pagina.ontbreekt.text()
    assert pagina.waarschuwing.isVisible() and "geen kolom voor de voornaam" in pagina.waarschuwing.text()
    assert not volgende(w).isEnabled()

    kies(pagina, "Nr", "Leerlingnummer")
    assert not pagina.ontbreekt.isVisible() and volgende(w).isEnabled()
    kies(pagina, "Naam kind", "Voornaam (roepnaam)")
    assert not pagina.waarschuwing.isVisible()
    # one column per field: choosing Achternaam for Opmerking takes it from Achternaam
    kies(pagina, "Opmerking", "Achternaam")
    assert (rijen(pagina)[2][2], rijen(pagina)[4][2]) == ("Niet gebruiken", "Achternaam")
    kies(pagina, "Opmerking", "Niet gebruiken")
    kies(pagina, "Achternaam", "Achternaam")

    with qtbot.waitSignal(w.voorbeeld_pagina.klaar, timeout=TIMEOUT):
        w.next()
    voorbeeld = w.voorbeeld_pagina
    assert [voorbeeld.nieuw_tabel.item(r, 1).text() for r in range(2)] == ["Zoë Bakker", "Daniël Jong"]
    assert voorbeeld.onbekend.text() == "Deze kolommen worden niet gebruikt: Opmerking."
    with qtbot.waitSignal(w.imported, timeout=TIMEOUT):
        w.button(QWizard.WizardButton.CommitButton).click()
    assert services.leerlingen.get("12").voornaam == "Zoë"

    # the next import of the school: the choice stands ready
    pagina = naar_kolommen(qtbot, maak(ImportWizard, services), pad)
    assert [r[2] for r in rijen(pagina)] == ["Leerlingnummer", "Voornaam (roepnaam)", "Achternaam",
                                            "Geboortedatum", "Niet gebruiken"]


def test_back_to_the_file_and_another_one_reads_its_columns(qtbot, maak, services, tmp_path):
    w = maak(ImportWizard, services)
    naar_kolommen(qtbot, w, veldbestanden.magister_leerlingen_xlsx(tmp_path))
    w.back()
    pagina = naar_kolommen(qtbot, w, veldbestanden.magister_absenties_xlsx(tmp_path))
    assert rijen(pagina)[0] == ("Stamnr", "412, 000412, 1001", "Leerlingnummer")
    assert "Nog geen kolom voor: Achternaam, Geboortedatum." in pagina.ontbreekt.text()


def test_a_somtoday_period_export_through_the_verzuim_wizard(qtbot, maak, services, tmp_path):
    services.importeren.leerlingen(veldbestanden.magister_leerlingen_csv(tmp_path), vandaag=VANDAAG)
    w = maak(VerzuimImportWizard, services, vandaag=VANDAAG)
    pagina = naar_kolommen(qtbot, w, veldbestanden.somtoday_absenties_csv(tmp_path))
    assert [(r[0], r[2]) for r in rijen(pagina)] == [
        ("Leerlingnummer", "Leerlingnummer"), ("Achternaam", "Niet gebruiken"), ("Roepnaam", "Niet gebruiken"),
        ("Begindatum", "Begindatum (periode)"), ("Begintijd", "Begintijd (periode)"),
        ("Einddatum", "Einddatum (periode)"), ("Eindtijd", "Eindtijd (periode)"), ("Absentiereden", "Reden"),
        ("Geoorloofd", "Geoorloofd (J/N)")]
    with qtbot.waitSignal(w.voorbeeld_pagina.klaar, timeout=TIMEOUT):
        w.next()
    voorbeeld = w.voorbeeld_pagina
    assert voorbeeld.regels_label.text() == "10 regels voor 5 leerlingen"
    assert voorbeeld.kolommen_label.text() == "Achternaam, Roepnaam"
    with qtbot.waitSignal(w.imported, timeout=TIMEOUT):
        w.button(QWizard.WizardButton.CommitButton).click()
    assert services.verzuim.dagen("412", date(2026, 10, 1), date(2026, 10, 31)) == [
        VerzuimDag(date(2026, 10, 2), {Reden.ZIEK: 4.0}), VerzuimDag(date(2026, 10, 5), {Reden.ZIEK: 4.0})]


def test_a_file_that_cannot_be_read_shows_its_reason_right_under_the_message(qtbot, maak, services, tmp_path):
    """Not the message in the middle of the page and the reason far below it: one block at the top."""
    pad = tmp_path / "verzuim.csv"
    pad.write_text("leerlingnummer;datum;uren;reden\n", encoding="utf-8")
    w = maak(VerzuimImportWizard, services, vandaag=VANDAAG)
    w.resize(800, 600)
    pagina = naar_kolommen(qtbot, w, pad)
    assert pagina.melding.text() == "Het bestand verzuim.csv heeft alleen een kopregel en verder geen gegevens."
    assert not volgende(w).isEnabled()
    pagina.layout().activate()  # (the geometry as it is painted)
    assert pagina.height() > 300
    # each text as high as its lines (a label stretched over half the page shows its text in the middle of it)
    for label in (pagina.status, pagina.melding):
        assert label.height() <= label.sizeHint().height() + 10
    assert pagina.melding.geometry().top() - pagina.status.geometry().bottom() < 30
