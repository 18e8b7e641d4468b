"""The composition root: parse arguments, find paths, set up logging, then the CLI or the GUI."""

from __future__ import annotations

import contextlib
import gc
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import platformdirs

from . import paths
from .services import session


def setup_logging(data_dir: Path) -> None:
    """A rotating log in the data folder. Log events and ids only, never names or notes of students."""
    log_dir = data_dir / "logboek"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / "thuiszit.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:  # a read-only or full data folder: no log (the user gets the Dutch message, not log lines)
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.raiseExceptions = False  # a log line that cannot be written (a full disk) is dropped, not printed


def safe_output() -> None:
    """Output that never crashes the program. The windowed program on Windows has no console at all (its
    sys.stdout and sys.stderr are None): what it prints goes nowhere, a scheduled `backup` still works.
    Output redirected to a file or pipe is UTF-8 whatever the system's code page (cp1252 cannot hold ş or
    Ł); on a console a character it cannot show becomes "?" instead of an error."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the whole run
        elif (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(AttributeError, ValueError, OSError):  # not a TextIOWrapper
                if stream.isatty():
                    stream.reconfigure(errors="replace")
                else:
                    stream.reconfigure(encoding="utf-8", errors="replace")


def start_in_documents() -> None:
    """The GUI's working folder is the user's Documents: a save dialog offered only a file name opens
    there, not in the program folder (on Windows a Start-menu start's folder, often not writable) or in /
    (a macOS app started from the Finder)."""
    documents = Path(platformdirs.user_documents_dir())
    with contextlib.suppress(OSError):
        if documents.is_dir():
            os.chdir(documents)


# What the parser gives for no arguments at all, the usual start (a shortcut, a double-click): the GUI starts
# without building every command's parser first (issue 16). tests/test_app.py keeps the two the same.
GEEN_ARGUMENTEN = SimpleNamespace(opdracht=None, data_dir=None, server=None, smoke_test=False)


def main(argv: list[str] | None = None) -> int:
    safe_output()
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        from . import cli  # the command line's modules: not for the usual start, the GUI without arguments

        args = cli.build_parser().parse_args(argv)
    else:
        args = GEEN_ARGUMENTEN
    if args.opdracht:
        gc.enable()  # __main__.py starts without it (for the GUI's start): a command may run long
        data_dir = paths.data_dir(args.data_dir)
        setup_logging(data_dir)
        if waarschuwing := paths.network_warning(session.database_path(data_dir)):
            print(f"Let op: {waarschuwing}", file=sys.stderr)
        try:
            return cli.run(args)  # (imported above: a command has arguments)
        except KeyboardInterrupt:  # Ctrl+C at a question: no traceback
            print("\nAfgebroken.", file=sys.stderr)
            return 130
    from .ui.shell.startup import run_gui  # Qt is only loaded for the GUI

    if args.smoke_test:
        return run_gui(None, smoke_test=True)
    server = None
    if dsn := args.server or os.environ.get(paths.SERVER):  # the login for that school database
        from .domain.errors import InvoerFout
        from .ui.shell.verbinding_dialog import velden_uit

        try:
            server = velden_uit(dsn)
        except InvoerFout as exc:
            print(exc, file=sys.stderr)
            return 2
    data_dir = paths.data_dir(args.data_dir)
    setup_logging(data_dir)
    start_in_documents()
    return run_gui(data_dir, server=server)


if __name__ == "__main__":
    sys.exit(main())
