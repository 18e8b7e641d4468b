"""Look at a PDF before printing or saving it: the plan van aanpak, an MDO-verslag, the dossier.

    PdfPreviewDialog(parent, "Plan van aanpak", lambda: services.plannen.pdf(plan_id),
                     "Plan van aanpak Zoë Bakker versie 2.pdf", services=services).exec()

The PDF is made off the GUI thread (a `Loader`, which ends the job thread's connection of `services`), so the window never freezes; it is shown from memory
(never written to disk unless the user saves it). "Afdrukken…" renders each page to an image on the printer.
Tests replace `choose_printer` and `save_file_name` (module functions) instead of opening real dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...paths import safe_file_name
from . import errors
from .bestanden import EXPORT, bestand_opslaan
from .opslaan import opslaan, services_van
from .widgets import ErrorLabel, fit_to_screen, hint
from .worker import Loader

# Qt's PDF and print modules are imported when a preview opens, not with the screens that offer one: loading
# them (with Qt's network library) was 2–3 MB of a large school's window that never previewed (issue 16).
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300  # enough for text on paper, without a 1200 dpi image per page


# --- the dialogs of the system (monkeypatch these in tests) -----------------------------------------

def choose_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """The print dialog; True when the user chose to print."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Afdrukken")
    return dialog.exec() == QDialog.DialogCode.Accepted


def save_file_name(parent: QWidget | None, voorstel: str) -> str:
    """Where to save the PDF ("" when cancelled)."""
    path = bestand_opslaan(parent, "Opslaan als PDF", voorstel, "PDF-bestanden (*.pdf)", EXPORT)
    return str(path) if path is not None else ""


class PdfPreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, titel: str, maak_pdf: Callable[[], bytes], bestandsnaam: str, *,
                 services=None):
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.setWindowTitle(titel)
        self.bestandsnaam = safe_file_name(bestandsnaam if bestandsnaam.lower().endswith(".pdf")
                                           else bestandsnaam + ".pdf")
        self.data: bytes | None = None
        self._buffer: QBuffer | None = None
        self._bytes: QByteArray | None = None

        layout = QVBoxLayout(self)
        self.status = QLabel("De PDF wordt gemaakt…")
        self.error = ErrorLabel()
        self.stack = QStackedWidget()
        wacht = QWidget()
        wacht_layout = QVBoxLayout(wacht)
        wacht_layout.addStretch(1)
        wacht_layout.addWidget(self.status, 0, Qt.AlignmentFlag.AlignCenter)
        wacht_layout.addWidget(self.error, 0, Qt.AlignmentFlag.AlignCenter)
        wacht_layout.addStretch(1)
        self.stack.addWidget(wacht)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

        bar = QHBoxLayout()
        self.pages_label = hint("")
        bar.addWidget(self.pages_label, 1)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton("Afdrukken…")
        self.print_button.clicked.connect(self.afdrukken)
        self.save_button = QPushButton("Opslaan als…")
        self.save_button.clicked.connect(self.opslaan_als)
        self.close_button = QPushButton("Sluiten")
        self.close_button.clicked.connect(self.reject)
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
            b.setAutoDefault(False)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        bar.addWidget(buttons)
        layout.addLayout(bar)

        fit_to_screen(self, 820, 700)
        self.loader = Loader(services, self, crash_message="Het maken van de PDF is mislukt.")
        self.loader.finished.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        self.loader.start(lambda _progress: maak_pdf())

    # --- loading -------------------------------------------------------------------------------------

    def _loaded(self, data: bytes) -> None:
        self.data = bytes(data)
        self._bytes = QByteArray(self.data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.error() not in (self.document.Error.None_,) or self.document.pageCount() == 0:
            # the service made it, so this is not the user's doing; still: say it plainly
            self._failed("De PDF kon niet worden getoond. U kunt hem wel opslaan en in een ander programma openen.")
            self.save_button.setEnabled(True)
            return
        n = self.document.pageCount()
        self.pages_label.setText(f"{n} pagina{'’s' if n != 1 else ''}")
        self.stack.setCurrentWidget(self.view)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.save_button.setDefault(True)

    def _failed(self, message: str) -> None:
        self.status.setText("Er is niets om te tonen.")
        self.error.set_error(message)

    # --- actions -------------------------------------------------------------------------------------

    def opslaan_als(self) -> bool:
        if self.data is None:
            return False
        path = save_file_name(self, self.bestandsnaam)
        if not path:
            return False
        written = opslaan(self, path, self.data, ".pdf", services=services_van(self.parentWidget()))
        if written is None:
            return False
        self.pages_label.setText(f"Opgeslagen als {written.name}")
        return True

    def afdrukken(self) -> bool:
        if self.document.pageCount() == 0:
            return False
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.bestandsnaam.removesuffix(".pdf"))
        printer.setFromTo(1, self.document.pageCount())
        if not choose_printer(self, printer):
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Render every chosen page as an image on `printer`, scaled to fit the page."""
        n = self.document.pageCount()
        eerste, laatste = 1, n
        if printer.printRange() == printer.PrintRange.PageRange and printer.fromPage() > 0:
            eerste, laatste = max(1, printer.fromPage()), min(n, printer.toPage() or n)
        painter = QPainter()
        if not painter.begin(printer):
            errors.show_error(self, "De printer kon niet worden gestart. Controleer de printer en probeer het opnieuw.")
            return False
        try:
            dpi = min(PRINT_DPI, printer.resolution())
            for i, page in enumerate(range(eerste - 1, laatste)):
                if i and not printer.newPage():
                    errors.show_error(self, "Het afdrukken is halverwege mislukt.")
                    return False
                points = self.document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(page, size)
                area = painter.viewport()
                scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.x(), area.y(), scaled.width(), scaled.height()), image)
        finally:
            painter.end()
        return True
