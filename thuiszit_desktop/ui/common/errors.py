"""Messages to the user, and the safety net for bugs.

Every message box of the app goes through the module-level functions below (`show_error`,
`show_info`, `ask`, `choose`, `show_user_error`), so tests replace them with `monkeypatch` instead of
clicking real modal boxes (like qutebrowser's misc/msgbox.py).

`install_excepthook()` routes uncaught exceptions – of the GUI thread and of worker threads – to
`handle_exception` on the GUI thread: an error the user can fix (a GebruikersFout, domain/errors.py) becomes a
plain message; anything else is a bug: it is logged and shown in `ErrorDialog`
with a short Dutch explanation and copyable details, and the app keeps running.

The log gets the exception type and the stack (files, lines, functions), never the exception's
message: a message can carry a student's name. The details box on screen does show the message.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import GebruikersFout, InvoerFout
from ...services import fouten

log = logging.getLogger(__name__)

APP_TITLE = "Thuiszit Desktop"

# --- the message helpers (monkeypatch these in tests) -------------------------------------------------
# _qt_later: the Qt classes of the boxes below are imported in the function that shows one. PySide makes a
# class's Python type and its enums when it is first imported (QMessageBox, QDialogButtonBox, the text edits and
# QFontDatabase together ~5 ms), and none of them is on screen before the window's first paint (issue 16).

def show_error(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    """A problem the user can do something about, in plain Dutch."""
    from PySide6.QtWidgets import QMessageBox  # (see _qt_later)

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    from PySide6.QtWidgets import QMessageBox  # (see _qt_later)

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def ask(parent: QWidget | None, question: str, *, title: str = APP_TITLE, detail: str = "",
        yes: str = "Ja", no: str = "Nee") -> bool:
    """A yes/no question; True for `yes`. The `no` button is the safe default (Escape)."""
    from PySide6.QtWidgets import QMessageBox  # (see _qt_later)

    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def bevestig_verwijderen(parent: QWidget | None, wat: str, detail: str = "") -> bool:
    """Every delete asks first, naming what goes: "Gesprek van 12-11-2026 verwijderen?" ("Niet verwijderen"
    is the default). Goes through `ask`, so tests that stub `ask` answer this too."""
    return ask(parent, f"{wat} verwijderen?", detail=detail or "Daarna kunt u het nog even ongedaan maken.",
               yes="Verwijderen", no="Niet verwijderen")


def _getypt(widget: QWidget) -> str:
    from PySide6.QtWidgets import QAbstractSpinBox, QPlainTextEdit, QTextEdit  # (see _qt_later)

    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    # a row: its text fields, but not the line edit inside a date or number field (always filled in)
    return "".join(_getypt(w) for soort in (QLineEdit, QPlainTextEdit, QTextEdit) for w in widget.findChildren(soort)
                   if not isinstance(w.parentWidget(), QAbstractSpinBox))


def bevestig_regel_weg(parent: QWidget | None, wat: str, *velden: QWidget) -> bool:
    """Removing a row of a form that is not saved yet: at once when nothing is typed in `velden` (text
    fields, or rows holding them), otherwise only after asking, so typed text is never lost by a misclick."""
    if not any(_getypt(v).strip() for v in velden):
        return True
    return ask(parent, f"{wat} weghalen?", detail="Wat u hierin typte, gaat dan verloren.", yes="Weghalen",
               no="Laten staan")


def choose(parent: QWidget | None, text: str, options: list[str], *, title: str = APP_TITLE,
           detail: str = "", escape: int | None = None) -> int | None:
    """Ask the user to pick one of `options` (button texts, first is the default); its index.

    `escape` is the index Escape or closing the box means (None: the box returns None then).
    """
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox  # (see _qt_later)

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
    rij = box.findChild(QDialogButtonBox)
    if len(options) > 3 and rij is not None:  # a row of many long buttons would not fit a laptop screen
        rij.setOrientation(Qt.Orientation.Vertical)
    box.setDefaultButton(buttons[0])
    if escape is not None:
        box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else escape


def show_user_error(parent: QWidget | None, exc: BaseException) -> None:
    """A user-fixable error as a plain message (every field message of an InvoerFout on its own line)."""
    text = "\n".join(exc.fouten.values()) if isinstance(exc, InvoerFout) else str(exc)
    show_error(parent, text or "Dat lukte niet.")


# --- bugs -----------------------------------------------------------------------------------------

def log_safe_traceback(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The stack of `exc` and its causes with exception types only, no messages: safe for the log."""
    chain: list[tuple[type[BaseException], TracebackType | None]] = [(exc_type, tb)]
    seen = {id(exc)}
    current = exc
    while True:
        nxt = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if nxt is None or id(nxt) in seen:
            break
        seen.add(id(nxt))
        chain.append((type(nxt), nxt.__traceback__))
        current = nxt
    blocks = []
    for kind, frames in reversed(chain):  # the first cause first, as Python prints it
        lines = ["Traceback (most recent call last):"]
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in traceback.extract_tb(frames)]
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message not logged)")
        blocks.append("\n".join(lines))
    return "\n\nwhich led to:\n".join(blocks)


class ErrorDialog(QDialog):
    """"Er ging iets mis" with a short explanation and a read-only, copyable details box."""

    def __init__(self, details: str, parent: QWidget | None = None):
        from PySide6.QtGui import QFontDatabase  # (see _qt_later)
        from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QStyle

        super().__init__(parent)
        self.setWindowTitle(f"Er ging iets mis – {APP_TITLE}")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        heading = QLabel("<b>Er ging iets mis in Thuiszit Desktop.</b>")
        explanation = QLabel(
            "Dit is een fout in het programma, niet iets wat u verkeerd deed. Wat u al had opgeslagen, "
            "is bewaard. Wat u net deed, is misschien niet gelukt: controleer het en probeer het opnieuw.\n\n"
            "Blijft dit gebeuren? Kopieer dan de gegevens hieronder en stuur ze naar de ICT-beheerder. "
            "Controleer eerst of er geen namen van leerlingen in staan.")
        explanation.setWordWrap(True)
        for label in (heading, explanation):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(icon)
        layout.addWidget(heading)
        layout.addWidget(explanation)

        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setMinimumHeight(160)
        layout.addWidget(self.details, 1)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("Kopiëren")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText("Gekopieerd")


def show_crash(parent: QWidget | None, details: str) -> None:
    """The error dialog for a bug (monkeypatch this in tests)."""
    ErrorDialog(details, parent).exec()


_showing = False


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Show an uncaught exception instead of crashing; call on the GUI thread."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    if isinstance(exc, GebruikersFout):
        log.info("user error not caught by its screen: %s", exc_type.__name__)
        show_user_error(parent, exc)
        return
    if (fout := fouten.vertaal(exc)) is not None:  # a full disk, a read-only folder, a lock held elsewhere
        log.warning("fault not caught by its screen: %s", exc_type.__name__)
        show_user_error(parent, fout)
        return
    log.error("unexpected error\n%s", log_safe_traceback(exc_type, exc, tb))
    if _showing:  # an error while the dialog is up (e.g. in a paint event): logged, not stacked
        return
    _showing = True
    try:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        show_crash(parent, details)
    finally:
        _showing = False


def report(exc: BaseException) -> None:
    """Show an exception caught elsewhere (e.g. `Job.signals.crashed`) as `handle_exception` would."""
    handle_exception(type(exc), exc, exc.__traceback__)


class _Relay(QObject):
    """Carries an exception from a worker thread to the GUI thread (queued signal)."""

    raised = Signal(object, object, object)


_relay: _Relay | None = None


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or _relay is None:
        return
    _relay.raised.emit(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    """Route uncaught exceptions of every thread to `handle_exception` on the GUI thread."""
    global _relay
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    if _relay is None:
        _relay = _Relay()
        _relay.moveToThread(app.thread())
        _relay.raised.connect(handle_exception, Qt.ConnectionType.QueuedConnection)
    sys.excepthook = handle_exception
    threading.excepthook = _thread_excepthook
