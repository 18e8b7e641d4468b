"""Backups in the GUI: the restore dialog (a list, a preview, a confirmation naming what is lost) and
the "Back-ups" tab of the settings (folder, last backup, "Nu een back-up maken", "Terugzetten…").

Making, previewing and restoring run off the GUI thread (`worker.Loader`). After a restore the database
file is a different one: the session is closed and the user logs in again (`teruggezet` says so).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...services.session import Services
from ..common import errors
from ..common.bestanden import BACKUP, bestand_openen, map_kiezen
from ..common.widgets import ErrorLabel, WrapLabel, fit_to_screen, heading, hint
from ..common.worker import Loader

if TYPE_CHECKING:  # (the main window's schedule is made at every start; the backups' code when one is made)
    from ...services.backups import BackupInfo

log = logging.getLogger(__name__)

BESTANDEN = "Thuiszit-back-up (*.tzbackup);;Alle bestanden (*)"


DAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")


def tijdstip(moment: datetime) -> str:
    return f"{DAGEN[moment.weekday()]} {formaat.tijdstip(moment)}"


def grootte(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(n / 1000))} kB"


class BackupDialog(QDialog):
    """Choose a backup, see what is in it, put it back. After `exec()`: `teruggezet` (or None)."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.teruggezet: BackupInfo | None = None
        self.voorbeeld: BackupInfo | None = None
        self.restoring = False
        self.setWindowTitle("Back-up terugzetten")
        self.setMinimumSize(640, 560)
        fit_to_screen(self, 640, 560)  # 1366×768 at 150 % is lower than that minimum

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Back-up terugzetten"))
        layout.addWidget(hint("Terugzetten vervangt de database door de gekozen back-up; eerst wordt een back-up "
                              "van nu gemaakt. Daarna logt u opnieuw in, met het wachtwoord van toen."))
        self.folder_label = hint("")
        layout.addWidget(self.folder_label)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Gemaakt op", "Grootte"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        other = QHBoxLayout()
        self.other_button = QPushButton("Ander bestand…")
        self.other_button.setToolTip("Een back-up uit een andere map, bijvoorbeeld van een USB-stick")
        self.other_button.clicked.connect(self.choose_file)
        other.addWidget(self.other_button)
        other.addStretch(1)
        layout.addLayout(other)

        layout.addWidget(QLabel("<b>In deze back-up</b>"))
        self.preview = WrapLabel("Kies een back-up.")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 4)  # room for the whole preview
        layout.addWidget(self.preview)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("Terugzetten…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.close_button = self.buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.backups: list[Path] = []
        self.preview_loader = Loader(parent=self)  # reads the backup file only: no database connection to close
        self.preview_loader.finished.connect(self._preview_ready)
        self.preview_loader.failed.connect(self._preview_failed)
        self.restore_loader = Loader(parent=self)
        self.restore_loader.finished.connect(self._restored)
        self.restore_loader.failed.connect(self._restore_failed)
        self.refresh()

    def refresh(self) -> None:
        folder = self.services.backups.map()
        self.folder_label.setText(f"Map: {folder}")
        lijst = self.services.backups.lijst()
        self.table.setRowCount(0)
        self.backups = []
        for info in lijst:
            self._add_row(info.pad, tijdstip(info.gemaakt), grootte(info.grootte))
        if not lijst:
            self.preview.setText("In deze map staan nog geen back-ups van deze database. Kies 'Ander bestand…' "
                                 "voor een back-up op een andere plek.")
        else:
            self.table.selectRow(0)

    def _add_row(self, pad: Path, wanneer: str, hoeveel: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(wanneer)
        item.setToolTip(str(pad))
        self.table.setItem(row, 0, item)
        size = QTableWidgetItem(hoeveel)
        size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 1, size)
        self.backups.append(pad)
        return row

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def choose_file(self) -> None:
        pad = bestand_openen(self, "Back-up kiezen", BESTANDEN, BACKUP, start=self.services.backups.map())
        if pad is not None:
            self.show_file(pad)

    def show_file(self, pad: Path) -> None:
        """A backup from elsewhere: added to the list (or found in it) and selected."""
        row = self.backups.index(pad) if pad in self.backups else self._add_row(
            pad, pad.name, grootte(pad.stat().st_size) if pad.exists() else "?")
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        pad = self.selected()
        self.voorbeeld = None
        self.restore_button.setEnabled(False)
        self.error.set_error("")
        if pad is None:
            return
        self.preview.setText("De back-up wordt gecontroleerd…")
        self.preview_loader.start(lambda _progress: self.services.backups.voorbeeld(pad))

    def _preview_ready(self, info: BackupInfo) -> None:
        if info.pad != self.selected():
            return  # the user chose another one meanwhile
        self.voorbeeld = info
        versie = f", programmaversie {info.app_versie}" if info.app_versie else ""
        self.preview.setText(f"Gemaakt op {tijdstip(info.gemaakt)}. Gecontroleerd: in orde.\n"
                             f"{info.samenvatting[:1].upper()}{info.samenvatting[1:]}.\n"
                             f"Schemaversie {info.schema}{versie}; {grootte(info.grootte)}.")
        self.restore_button.setEnabled(True)

    def _preview_failed(self, melding: str) -> None:
        self.preview.setText("")
        self.error.set_error(melding)

    def restore(self) -> None:
        info = self.voorbeeld
        if info is None:
            return
        from ...services.backups import samenvatting

        nu = samenvatting(self.services.backups.aantallen())
        if not errors.ask(self, f"De back-up van {tijdstip(info.gemaakt)} terugzetten?",
                          detail=f"Alles wat na {tijdstip(info.gemaakt)} is ingevoerd of gewijzigd, staat niet "
                                 f"in die back-up.\n\nNu: {nu}.\nNa terugzetten: {info.samenvatting}.\n\n"
                                 "Eerst maakt het programma een back-up van hoe het nu is; die blijft bewaard, dus "
                                 "u kunt altijd terug. Daarna logt u opnieuw in.",
                          yes="Terugzetten", no="Niet terugzetten"):
            return
        self._busy(True)
        self.restoring = True
        self.preview.setText("De back-up wordt teruggezet…")
        self.services.end_thread()  # this thread's connection: the file is about to be replaced
        self.restore_loader.start(lambda _progress: self.services.backups.terugzetten(info.pad))

    def _restored(self, info: BackupInfo) -> None:
        self.teruggezet = info
        self.accept()

    def _restore_failed(self, melding: str) -> None:
        self.restoring = False
        self._busy(False)
        self.preview.setText("")
        self.error.set_error(melding)

    def _busy(self, busy: bool) -> None:
        for w in (self.table, self.other_button, self.restore_button, self.close_button):
            w.setEnabled(not busy)

    def reject(self) -> None:
        if self.restoring:
            return  # a restore is running: it cannot be stopped halfway
        super().reject()


class BackupTab(QWidget):
    """The "Back-ups" tab of the settings. Acts at once (no Opslaan): folder, a backup now, restore."""

    restored = Signal(object)  # BackupInfo: the session is closed, the user must log in again

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.teruggezet: BackupInfo | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Het programma maakt elke dag en bij afsluiten een versleutelde back-up. Er "
                              "blijven er hooguit 11 bewaard: één per dag van de laatste 7 dagen en één per week van de "
                              "laatste 4 weken. Kies bij voorkeur een map op de netwerkschijf van de school, "
                              "zodat een kapotte laptop niet alles meeneemt."))
        row = QHBoxLayout()
        row.addWidget(QLabel("Map:"))
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Map voor reservekopieën")
        self.folder.setReadOnly(True)
        row.addWidget(self.folder, 1)
        self.browse_button = QPushButton("Bladeren…")
        self.browse_button.clicked.connect(self.choose_folder)
        row.addWidget(self.browse_button)
        self.default_button = QPushButton("Standaardmap")
        self.default_button.setToolTip("De map 'backups' naast de database")
        self.default_button.clicked.connect(lambda: self.set_folder(""))
        row.addWidget(self.default_button)
        layout.addLayout(row)
        self.last_label = WrapLabel("")
        layout.addWidget(self.last_label)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("Nu een back-up maken")
        self.backup_button.clicked.connect(self.make_backup)
        self.restore_button = QPushButton("Terugzetten…")
        self.restore_button.clicked.connect(self.open_restore)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.loader = Loader(services, self)
        self.loader.finished.connect(self._made)
        self.loader.failed.connect(self._failed)
        self.refresh()

    def refresh(self) -> None:
        self.folder.setText(str(self.services.backups.map()))
        laatste = self.services.backups.laatste()
        self.last_label.setText(f"Laatste back-up: {tijdstip(laatste.gemaakt)} ({laatste.samenvatting})."
                                if laatste else "In deze map staat nog geen back-up.")

    def choose_folder(self) -> None:
        pad = map_kiezen(self, "Map voor back-ups kiezen", BACKUP, start=Path(self.folder.text()))
        if pad is not None:
            self.set_folder(str(pad))

    def set_folder(self, folder: str) -> bool:
        self.error.set_error("")
        try:
            self.services.backups.map_instellen(folder)
        except errors.GebruikersFout as exc:
            self.error.set_error(" ".join(exc.fouten.values()) if hasattr(exc, "fouten") else str(exc))
            return False
        self.refresh()
        return True

    def make_backup(self) -> None:
        self.backup_button.setEnabled(False)
        self.error.set_error("")
        self.last_label.setText("Bezig met de back-up…")
        self.loader.start(lambda _progress: self.services.backups.maken())

    def _made(self, _info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()

    def _failed(self, melding: str) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()
        self.error.set_error(melding)

    def open_restore(self) -> None:
        dialog = BackupDialog(self.services, self.window())
        dialog.exec()
        if dialog.teruggezet is not None:
            self.teruggezet = dialog.teruggezet
            self.restored.emit(dialog.teruggezet)
        else:
            self.refresh()


class BackupSchedule(QObject):
    """The automatic backups of a main window: shortly after login and every hour when the newest is a
    day old, and one on close (`on_close`, which waits for a running one first)."""

    START_DELAY_MS = 5_000  # after login: let the window and the signals come up first
    INTERVAL_MS = 60 * 60 * 1000

    made = Signal(object)  # BackupInfo
    failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self._by_hand = False  # the running backup was asked for (menu): its outcome is shown, not only logged
        self.loader = Loader(services, self)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)
        self.loader.crashed.connect(self._crashed)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.check)
        self.first.start(self.START_DELAY_MS)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        """The daily backup, off the GUI thread, when one is due."""
        self._run(lambda: self.services.backups.automatisch())

    def make_now(self) -> None:
        """"Back-up maken" (menu): `made` or `failed` follows."""
        self._run(lambda: self.services.backups.maken(), by_hand=True)

    def _run(self, fn: Callable[[], BackupInfo | None], by_hand: bool = False) -> None:
        if self.loader.busy:
            if by_hand:
                self.failed.emit("Er wordt al een back-up gemaakt. Probeer het zo nog eens.")
            return
        self._by_hand = self.loader.report = by_hand  # a crash of the automatic one is only logged
        self.loader.start(lambda _progress: fn())

    def _finished(self, info: BackupInfo | None) -> None:
        if info is not None:
            self.made.emit(info)

    def _failed(self, melding: str) -> None:
        if self._by_hand:
            self.failed.emit(melding)
        else:
            log.warning("automatic backup failed")  # the message may hold a folder name; not logged

    def _crashed(self, exc: BaseException) -> None:
        if not self._by_hand:  # by hand: the error dialog shows it (Loader.report)
            log.warning("automatic backup crashed: %s", type(exc).__name__)

    def on_close(self) -> None:
        """The backup on close (0.3 s for 2,000 students): it must be done before the database closes."""
        self.first.stop()
        self.timer.stop()
        if not self.loader.wait(120):  # a backup still running after two minutes: close without a new one
            log.warning("backup on close skipped: the running backup did not finish")
            return
        try:
            self.services.backups.automatisch(altijd=True)
        except Exception as exc:  # never keep the app from closing; the daily backup tries again
            log.warning("backup on close failed: %s", type(exc).__name__)
