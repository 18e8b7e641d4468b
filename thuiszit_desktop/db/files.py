"""Renaming and syncing files the same way on Windows, macOS and Linux."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path

WINDOWS = os.name == "nt"
REPLACE_TRIES = 12  # about 4 s in all: long enough for a virus scanner to finish with a backup file
_sleep = time.sleep  # tests replace it


def replace(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """os.replace, retried for a moment on Windows. There a file another program has open – a virus
    scanner or the search indexer reading a file just written, a sync client – cannot be renamed or
    replaced until it lets go (PermissionError: in use by another process). On macOS and Linux an open
    file never stops a rename, so a PermissionError there is final."""
    for poging in range(REPLACE_TRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if not WINDOWS or poging == REPLACE_TRIES - 1:
                raise
            _sleep(min(0.05 * 2**poging, 0.5))


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make a rename in `folder` survive a power cut. Windows cannot open a folder for that (NTFS journals
    the rename itself) and some network shares refuse it: the rename then still holds."""
    if WINDOWS:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_json(path: Path, data: object) -> None:
    """`data` as the whole new content of `path`, atomically: written and synced under a temporary name in the
    same folder, then renamed over it, so a crash or a full disk leaves the old file or the new one, never half.
    The small files beside the database (key file, anchor, overview, failed logins) are all written so."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
