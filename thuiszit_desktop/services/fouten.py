"""What the disk or another program did (a full disk, a read-only folder, a lock held elsewhere), as the Dutch
DatabaseFout of db/faults.py – for the GUI's error handler and the command line, which do not import db/."""

from __future__ import annotations

from ..db.faults import translate as vertaal

__all__ = ["vertaal"]
