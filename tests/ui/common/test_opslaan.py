"""The GUI's save dialogs follow the same rules as the command line (issue 12, item 7): never into the data
folder or the backup folder, the extension added (asking before it replaces a file), written atomically."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QWidget

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import errors, pdf_preview
from thuiszit_desktop.ui.common.pdf_preview import PdfPreviewDialog
from thuiszit_desktop.ui.overzichten import overzichten_view
from thuiszit_desktop.ui.overzichten.overzichten_view import OverzichtenView


@pytest.fixture
def meldingen(monkeypatch):
    gezien = []
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: gezien.append(text))
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail(f"crash: {details}"))
    return gezien


class Venster(QWidget):
    """A window with a session, as the main window is for every dialog it opens."""

    def __init__(self, services):
        super().__init__()
        self.services = services


def preview(qtbot, services) -> PdfPreviewDialog:
    venster = Venster(services)
    qtbot.addWidget(venster)
    d = PdfPreviewDialog(venster, "Test", lambda: b"%PDF-1.4\n%%EOF\n", "Dossier Zoë.pdf")
    d.venster = venster  # keep the parent (and so the dialog) alive
    qtbot.waitUntil(lambda: d.data is not None, timeout=10_000)
    return d


@pytest.mark.parametrize("waar", ["data", "backups"])
def test_saving_a_pdf_into_the_data_or_backup_folder_is_refused(qtbot, services, db_path, meldingen, monkeypatch,
                                                                waar):
    folder = db_path.parent if waar == "data" else services.backups.map()
    folder.mkdir(exist_ok=True)
    d = preview(qtbot, services)
    monkeypatch.setattr(pdf_preview, "save_file_name", lambda parent, voorstel: str(folder / "thuiszit"))
    assert not d.opslaan_als()
    assert "de map met de database of de back-ups" in meldingen[0]
    assert not (folder / "thuiszit.pdf").exists()


def test_an_added_extension_asks_before_replacing(qtbot, services, tmp_path, meldingen, monkeypatch):
    (tmp_path / "dossier.pdf").write_bytes(b"ander document")
    vragen = []
    monkeypatch.setattr(errors, "ask", lambda parent, vraag, **kw: vragen.append(vraag) or False)
    d = preview(qtbot, services)
    monkeypatch.setattr(pdf_preview, "save_file_name", lambda parent, voorstel: str(tmp_path / "dossier"))
    assert not d.opslaan_als()
    assert vragen == ["dossier.pdf bestaat al. Wilt u het vervangen?"]
    assert (tmp_path / "dossier.pdf").read_bytes() == b"ander document"
    monkeypatch.setattr(errors, "ask", lambda *a, **kw: True)
    assert d.opslaan_als()
    assert (tmp_path / "dossier.pdf").read_bytes().startswith(b"%PDF")
    assert meldingen == []


def test_the_quarterly_export_refuses_the_backup_folder(qtbot, services, meldingen, monkeypatch, tmp_path):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2011, 3, 5), date(2023, 8, 1), voornaam="Zoë",
                                         klas="3H"), date(2026, 9, 1))
    services.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 12, 18), Reden.ONGEOORLOOFD,
                              vandaag=date(2027, 1, 10))
    share = tmp_path / "share"
    services.backups.map_instellen(share)
    view = OverzichtenView(services, vandaag=date(2027, 1, 10))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.kwartaal.loaded, timeout=10_000):
        view.show()
    monkeypatch.setattr(overzichten_view, "save_file_name", lambda p, voorstel, f: str(share / voorstel))
    assert not view.kwartaal.exporteer(".xlsx")
    assert "de map met de database of de back-ups" in meldingen[0]
    assert list(share.iterdir()) == []
