"""The file dialogs: Qt's own, in Dutch, opening in Documents or the folder used last for the same purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

from thuiszit_desktop.ui.common import bestanden, pdf_preview


@pytest.fixture
def documenten(tmp_path: Path, monkeypatch) -> Path:
    map_ = tmp_path / "Documenten"
    map_.mkdir()
    monkeypatch.setattr(bestanden, "documenten", lambda: map_)
    return map_


def test_the_dialog_is_qts_own_and_speaks_dutch(qtbot, documenten):
    d = bestanden.dialoog(None, "Bestand met leerlingen kiezen", modus="openen", map_=documenten,
                          filter_="CSV-bestanden (*.csv)")
    qtbot.addWidget(d)
    d.show()
    assert d.testOption(QFileDialog.Option.DontUseNativeDialog)
    teksten = {label.text() for label in d.findChildren(QLabel) if label.isVisible()}
    assert {"Zoeken in:", "Bestandsnaam:", "Bestandstype:"} <= teksten
    assert not {"Look in:", "Files of type:", "File &name:"} & teksten
    assert d.labelText(QFileDialog.DialogLabel.Accept) == "Openen"
    assert d.labelText(QFileDialog.DialogLabel.Reject) == "Annuleren"
    assert Path(d.directory().absolutePath()) == documenten
    opslaan = bestanden.dialoog(None, "Opslaan als PDF", modus="opslaan", map_=documenten, voorstel="plan.pdf")
    qtbot.addWidget(opslaan)
    assert opslaan.labelText(QFileDialog.DialogLabel.Accept) == "Opslaan"
    assert opslaan.acceptMode() == QFileDialog.AcceptMode.AcceptSave


def test_each_purpose_opens_where_it_was_used_last(qtbot, tmp_path, documenten, settings, monkeypatch):
    geopend: list[Path] = []
    export = tmp_path / "voor het swv"
    export.mkdir()

    def kies(dialog: QFileDialog) -> list[str]:
        geopend.append(Path(dialog.directory().absolutePath()))
        return [str(export / "lijst.pdf")]

    monkeypatch.setattr(bestanden, "_kies", kies)
    assert bestanden.bestand_opslaan(None, "Opslaan", "lijst.pdf", "", bestanden.EXPORT,
                                     settings=settings) == export / "lijst.pdf"
    assert bestanden.bestand_opslaan(None, "Opslaan", "ander.pdf", "", bestanden.EXPORT, settings=settings)
    # the first time in Documents (never the program's folder), then where the user went; an import has its own
    assert geopend == [documenten, export]
    bestanden.bestand_openen(None, "Kiezen", "", bestanden.IMPORT, settings=settings)
    assert geopend[-1] == documenten
    # a remembered folder that is gone: Documents again
    export.rename(tmp_path / "weg")
    bestanden.bestand_opslaan(None, "Opslaan", "lijst.pdf", "", bestanden.EXPORT, settings=settings)
    assert geopend[-1] == documenten


def test_saving_a_pdf_goes_through_the_dutch_dialog(qtbot, tmp_path, documenten, monkeypatch):
    gezien: list[QFileDialog] = []
    monkeypatch.setattr(bestanden, "_kies", lambda dialog: gezien.append(dialog) or [])
    assert pdf_preview.save_file_name(None, "Plan van aanpak Zoë Bakker.pdf") == ""
    (dialog,) = gezien
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert Path(dialog.directory().absolutePath()) == documenten
    assert dialog.selectedFiles()[0].endswith("Plan van aanpak Zoë Bakker.pdf")
