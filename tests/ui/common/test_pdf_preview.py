"""The PDF preview: made off the GUI thread, shown in a QPdfView, saved with "Opslaan als", printed page by
page; a service error becomes a Dutch message."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtPrintSupport import QPrinter

from thuiszit_desktop.domain.errors import NietGevonden
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.traject import Categorie
from thuiszit_desktop.ui.common import pdf_preview
from thuiszit_desktop.ui.common.pdf_preview import PdfPreviewDialog

VANDAAG = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def no_print_or_file_dialogs(monkeypatch):
    monkeypatch.setattr(pdf_preview, "choose_printer", lambda *a: pytest.fail("print dialog"))
    monkeypatch.setattr(pdf_preview, "save_file_name", lambda *a: pytest.fail("file dialog"))


@pytest.fixture
def plan_id(services) -> int:
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="3B", ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER),)), VANDAAG)
    t = services.trajecten.openen("1001", Categorie.DREIGEND_THUISZITTER, "Zoë komt bijna niet meer.",
                                  geopend=date(2026, 10, 1), vandaag=VANDAAG)
    return services.plannen.nieuw(t.id, vandaag=VANDAAG).id


def open_preview(qtbot, maak, naam="Plan van aanpak Zoë Bakker versie 1.pdf", services=None) -> PdfPreviewDialog:
    d = PdfPreviewDialog(None, "Plan van aanpak", maak, naam, services=services)
    qtbot.addWidget(d)
    return d


def test_loads_saves_and_prints(qtbot, services, plan_id, tmp_path, monkeypatch):
    d = open_preview(qtbot, lambda: services.plannen.pdf(plan_id), services=services)
    with qtbot.waitSignal(d.loader.finished, timeout=10_000, raising=False):
        pass
    qtbot.waitUntil(lambda: d.document.pageCount() > 0, timeout=10_000)
    assert d.stack.currentWidget() is d.view
    assert d.save_button.isEnabled() and d.print_button.isEnabled()

    target = tmp_path / "uit" / "plan.pdf"
    target.parent.mkdir()
    voorstellen = []
    monkeypatch.setattr(pdf_preview, "save_file_name", lambda parent, voorstel: voorstellen.append(voorstel)
                        or str(target))
    d.save_button.click()
    assert voorstellen == ["Plan van aanpak Zoë Bakker versie 1.pdf"]
    assert target.read_bytes().startswith(b"%PDF")

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    monkeypatch.setattr(pdf_preview, "choose_printer", lambda parent, p: False)
    assert not d.afdrukken()  # cancelled: nothing printed
    assert d.print_to(printer)
    assert (tmp_path / "afdruk.pdf").read_bytes().startswith(b"%PDF")


def test_service_error_is_a_dutch_message(qtbot):
    def maak():
        raise NietGevonden("Er is nog geen MDO vastgelegd voor Zoë Bakker; er is niets om af te drukken.")

    d = open_preview(qtbot, maak, "MDO-verslag")
    with qtbot.waitSignal(d.loader.failed, timeout=10_000, raising=False):
        pass
    qtbot.waitUntil(lambda: bool(d.error.text()), timeout=10_000)
    assert "nog geen MDO" in d.error.text()
    assert not d.save_button.isEnabled() and not d.print_button.isEnabled()
    assert d.bestandsnaam == "MDO-verslag.pdf"


def test_the_screens_that_offer_a_preview_load_qt_s_pdf_and_print_modules_only_when_it_opens():
    """Issue 16: QtPdf, QtPrintSupport and the network library they pull in were 2–3 MB of a large school's
    window that never previewed, loaded with the student's Traject tab."""
    import subprocess
    import sys

    code = ("import sys; import thuiszit_desktop.ui.traject.traject_view, thuiszit_desktop.ui.traject.plan_dialog, "
            "thuiszit_desktop.ui.overzichten.trends_view, thuiszit_desktop.ui.common.pdf_preview; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtPdf', 'PySide6.QtPrintSupport'))))")
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert uit.strip() == "[]"
