"""The composition root: parse arguments, find paths, set up logging, then the CLI or the GUI."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from . import cli, paths


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


def main(argv: list[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv)
    if args.opdracht:
        setup_logging(paths.data_dir(args.data_dir))
        return cli.run(args)
    from .ui.startup import run_gui  # Qt is only loaded for the GUI

    if args.smoke_test:
        return run_gui(None, smoke_test=True)
    data_dir = paths.data_dir(args.data_dir)
    setup_logging(data_dir)
    return run_gui(data_dir)


if __name__ == "__main__":
    sys.exit(main())
