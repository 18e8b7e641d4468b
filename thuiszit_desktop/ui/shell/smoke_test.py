"""`--smoke-test`: does this installation work? Run by the test suite on the source and on the PyInstaller
bundle, and on Windows and macOS by the CI workflow (.github/workflows/bundles.yml) on each bundle.

Everything happens in a temporary folder: the user's data folder and settings are not touched. Each check
prints one line; the first that fails prints "Rooktest mislukt: …" on stderr and the exit status is 1.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from ... import paths
from ...domain.leerling import Leerling, Ouder, Relatie
from ...domain.school import Regio, School, Schooltype
from ...domain.traject import Categorie
from ...services import session

SMOKE_SCHOOL = School("Openbare Scholengemeenschap De Regenboog", "99ZZ", Regio.MIDDEN, Schooltype.VO, 6.0)
SMOKE_USER = "Sam de Rook"
SMOKE_PASSWORD = "Rook-test-2026!"
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")

_HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


class RooktestMislukt(Exception):
    pass


def _quiet_qt_messages() -> None:
    """Drop the offscreen platform's known, harmless notices; pass every other Qt message on."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context, message: str) -> None:
        if message in _HARMLESS_QT_MESSAGES or kind == QtMsgType.QtDebugMsg:
            return
        sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run_smoke_test(app) -> int:
    _quiet_qt_messages()
    print("Rooktest:")
    try:
        check_qt(app)
        check_fonts()
        with tempfile.TemporaryDirectory(prefix="thuiszit-rooktest-") as tmp:
            folder = Path(tmp)
            services = check_database(folder)
            try:
                check_pdf(app, services, folder)
                check_window(app, services, folder)  # closes the services, as closing the window does
            finally:
                if not services.ctx.store.closed:
                    services.close()
        check_data_folder()
    except RooktestMislukt as exc:
        print(f"Rooktest mislukt: {exc}", file=sys.stderr)
        return 1
    print("Rooktest geslaagd.")
    return 0


def _ok(wat: str, detail: str) -> None:
    print(f"  {wat}: {detail}")


def check_qt(app) -> None:
    """The platform plugin loaded (else there would be no app), and Qt's own Dutch texts."""
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QDialogButtonBox

    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    _ok("Qt-platform", f"{app.platformName()} (plug-ins in {plugins})")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    tekst = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    box.deleteLater()
    if app.findChild(QTranslator, "qtbase_nl") is None or tekst != "Annuleren":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        raise RooktestMislukt(f"Qt's Nederlandse vertaling (qtbase_nl.qm) ontbreekt in {folder}")
    _ok("Qt-vertaling", "Nederlands (Annuleren)")


def check_fonts() -> None:
    folder = paths.resource("fonts")
    missing = [f for f in FONTS if not (folder / f).is_file()]
    if missing:
        raise RooktestMislukt(f"lettertype(n) {', '.join(missing)} ontbreken in {folder}")
    _ok("Lettertypen", str(folder))


def check_database(folder: Path):
    """An encrypted database made, closed and opened again with the password."""
    path = session.database_path(folder)
    services = session.create_school(path, SMOKE_SCHOOL, SMOKE_USER, SMOKE_PASSWORD, SMOKE_PASSWORD)
    vandaag = date.today()
    services.leerlingen.opslaan(Leerling(
        "900001", "Bakker", date(vandaag.year - 13, 3, 14), date(vandaag.year - 1, 8, 1), voornaam="Zoë",
        klas="2B", mentor="Daniël de Jong", ouders=(Ouder("Mirjam Bakker", Relatie.MOEDER),)))
    services.trajecten.openen("900001", Categorie.DREIGEND_THUISZITTER, "Zoë komt steeds minder op school.",
                              geopend=vandaag, vandaag=vandaag)
    services.close()
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise RooktestMislukt("de database is niet versleuteld")
    services = session.login(path, SMOKE_USER, SMOKE_PASSWORD)
    if [x.naam for x in services.leerlingen.lijst()] != ["Zoë Bakker"]:
        services.close()
        raise RooktestMislukt("de database gaf na opnieuw openen niet terug wat erin stond")
    _ok("Database", f"versleuteld gemaakt, gesloten en weer geopend ({path.stat().st_size} bytes)")
    return services


def check_window(app, services, folder: Path) -> None:
    """The main window with the student, the student page and the edit dialog."""
    from PySide6.QtCore import QSettings

    from ..leerlingen.leerling_dialog import LeerlingDialog
    from .main_window import MainWindow

    settings = QSettings(str(folder / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings=settings)
    window.show()
    app.processEvents()
    window.leerlingen.open_leerling("900001")
    app.processEvents()
    dialog = LeerlingDialog(services, window.leerlingen.page.leerling, window)
    dialog.show()
    app.processEvents()
    dialog.done(0)
    window.leerlingen.show_list()
    window.close()
    app.processEvents()
    window.close_services()
    window.deleteLater()
    app.processEvents()
    _ok("Hoofdvenster", "gebouwd, leerling geopend en gesloten")


def check_pdf(app, services, folder: Path) -> None:
    """The dossier PDF made with the embedded font, shown in the preview (QtPdf) and printed through the
    app's own print path to Qt's PDF printer (QtPrintSupport)."""
    from PySide6.QtPrintSupport import QPrinter

    from ..common.pdf_preview import PdfPreviewDialog

    pdf = services.afdrukken.dossier_pdf("900001")
    if b"/FontFile2" not in pdf or b"DejaVuSans" not in pdf:
        raise RooktestMislukt("het lettertype is niet in de PDF ingebed")
    dialog = PdfPreviewDialog(None, "Dossier", lambda: pdf, "Dossier Zoë Bakker.pdf")
    mislukt: list[object] = []
    dialog.loader.failed.connect(mislukt.append)  # a crash arrives here too, as the Loader's crash message
    einde = time.monotonic() + 30
    while dialog.data is None and not mislukt and time.monotonic() < einde:
        app.processEvents()
        time.sleep(0.01)
    pages = dialog.document.pageCount()
    if pages == 0:
        dialog.deleteLater()
        raise RooktestMislukt("de PDF kon niet worden getoond (QtPdf)")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    afdruk = folder / "afdruk.pdf"
    printer.setOutputFileName(str(afdruk))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)  # one page proves the path; each costs a 300 dpi image
    printer.setFromTo(1, 1)
    printed = dialog.print_to(printer)
    dialog.deleteLater()
    app.processEvents()
    if not printed or not afdruk.is_file() or not afdruk.read_bytes().startswith(b"%PDF"):
        raise RooktestMislukt("afdrukken naar de PDF-printer van Qt lukte niet")
    _ok("PDF", f"dossier van {pages} pagina('s) gemaakt en getoond, pagina 1 afgedrukt ({afdruk.stat().st_size} bytes)")


def check_data_folder() -> None:
    """Where the data folder would be (not made): the platform's own place for user data."""
    folder = paths.platform_data_dir()
    verwacht = {"win32": ("AppData", "Local"), "darwin": ("Library", "Application Support")}.get(sys.platform)
    if not folder.is_absolute() or folder.name != paths.APP_NAME or (
            verwacht and tuple(folder.parts[-3:-1]) != verwacht):
        raise RooktestMislukt(f"onverwachte gegevensmap {folder}")
    _ok("Gegevensmap", str(folder))
