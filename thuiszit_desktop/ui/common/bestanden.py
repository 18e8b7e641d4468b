"""The file dialogs of the app: Qt's own dialog (the same on every platform), in Dutch, opening in the folder
used last for the same purpose ("import", "export" …) or else in the user's Documents folder – never in the
program's folder.

Qt's Dutch translation leaves a few labels of its own dialog in English ("Look in:", "Files of type:"), so
they are set here. Tests replace `_kies` (it shows the dialog and returns the chosen paths).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

SETTING_MAP = "bestanden/map/{doel}"

# What a dialog is for: each remembers its own last folder.
IMPORT, EXPORT, DATABASE, BACKUP, LOGO = "import", "export", "database", "backup", "logo"

_LABELS = {
    QFileDialog.DialogLabel.LookIn: "Zoeken in:",
    QFileDialog.DialogLabel.FileName: "Bestandsnaam:",
    QFileDialog.DialogLabel.FileType: "Bestandstype:",
    QFileDialog.DialogLabel.Reject: "Annuleren",
}


def documenten() -> Path:
    """The user's Documents folder (the home folder when the platform has none)."""
    pad = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(pad) if pad and Path(pad).is_dir() else Path.home()


def start_map(doel: str, settings: QSettings | None = None) -> Path:
    """Where a dialog for `doel` opens: the folder used last for it (when it still exists), else Documents."""
    settings = settings if settings is not None else QSettings()
    laatste = settings.value(SETTING_MAP.format(doel=doel), "", type=str)
    return Path(laatste) if laatste and Path(laatste).is_dir() else documenten()


def onthoud_map(doel: str, map_: Path, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.setValue(SETTING_MAP.format(doel=doel), str(map_))


def dialoog(parent: QWidget | None, titel: str, *, modus: str, map_: Path, filter_: str = "",
            voorstel: str = "") -> QFileDialog:
    """The dialog, built but not shown: `modus` "openen", "opslaan" or "map"."""
    d = QFileDialog(parent, titel, str(map_))
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if modus == "opslaan":
        d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        d.setFileMode(QFileDialog.FileMode.AnyFile)
    elif modus == "map":
        d.setFileMode(QFileDialog.FileMode.Directory)
        d.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        d.setFileMode(QFileDialog.FileMode.ExistingFile)
    if filter_:
        d.setNameFilter(filter_)
    for label, tekst in _LABELS.items():
        d.setLabelText(label, tekst)
    d.setLabelText(QFileDialog.DialogLabel.Accept, {"opslaan": "Opslaan", "map": "Kiezen"}.get(modus, "Openen"))
    if voorstel:
        d.selectFile(voorstel)
    return d


def _kies(dialog: QFileDialog) -> list[str]:
    """Show the dialog; the chosen paths, [] when cancelled."""
    return dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []


def _gekozen(parent: QWidget | None, titel: str, doel: str, modus: str, start: Path | None, filter_: str,
             voorstel: str, settings: QSettings | None) -> Path | None:
    map_ = start if start is not None and start.is_dir() else start_map(doel, settings)
    gekozen = _kies(dialoog(parent, titel, modus=modus, map_=map_, filter_=filter_, voorstel=voorstel))
    if not gekozen:
        return None
    pad = Path(gekozen[0])
    onthoud_map(doel, pad if modus == "map" else pad.parent, settings)
    return pad


def bestand_openen(parent: QWidget | None, titel: str, filter_: str, doel: str, *, start: Path | None = None,
                   settings: QSettings | None = None) -> Path | None:
    """An existing file to read; `start` (a folder) overrides the remembered one."""
    return _gekozen(parent, titel, doel, "openen", start, filter_, "", settings)


def bestand_opslaan(parent: QWidget | None, titel: str, voorstel: str, filter_: str, doel: str, *,
                    settings: QSettings | None = None) -> Path | None:
    """Where to write a file; `voorstel` is a file name (in the remembered folder) or a whole path."""
    pad = Path(voorstel) if voorstel else None
    start = pad.parent if pad is not None and pad.is_absolute() else None
    return _gekozen(parent, titel, doel, "opslaan", start, filter_, pad.name if pad else "", settings)


def map_kiezen(parent: QWidget | None, titel: str, doel: str, *, start: Path | None = None,
               settings: QSettings | None = None) -> Path | None:
    return _gekozen(parent, titel, doel, "map", start, "", "", settings)
