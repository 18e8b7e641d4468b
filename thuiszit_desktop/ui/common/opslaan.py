"""Writing a file the user chose in a save dialog: the same rules as the command line (services/uitvoer.py) –
never in the data folder or the backup folder, the right extension, written under a temporary name and
renamed. Qt's save dialog has already asked before replacing an existing file; when the extension is added
afterwards, the new name is asked about here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...domain.errors import InvoerFout
from ...services import uitvoer
from . import errors


def services_van(widget: QWidget | None):
    """The `Services` of the window `widget` is in (the nearest parent with one), or None."""
    while widget is not None:
        services = getattr(widget, "services", None)
        if services is not None and hasattr(services, "database_path"):
            return services
        widget = widget.parentWidget()
    return None


def opslaan(parent: QWidget | None, gekozen: str, data: bytes | Callable[[], bytes], extensie: str, *,
            services=None) -> Path | None:
    """Write `data` to the file chosen in a save dialog (`gekozen`); the path written, or None after a Dutch
    message (or when the user does not want to replace a file)."""
    pad = Path(gekozen)
    if pad.suffix.lower() != extensie:
        pad = pad.with_name(pad.name + extensie)
        if pad.exists() and not errors.ask(parent, f"{pad.name} bestaat al. Wilt u het vervangen?",
                                           yes="Vervangen", no="Niet vervangen"):
            return None
    services = services if services is not None else services_van(parent)
    try:
        uitvoer.uitvoerpad(pad, extensies=(extensie,), overschrijven=True,
                           beschermd=uitvoer.beschermde_mappen(services) if services is not None else ())
        uitvoer.schrijf(pad, data() if callable(data) else data)
    except InvoerFout as exc:
        errors.show_user_error(parent, exc)
        return None
    return pad
