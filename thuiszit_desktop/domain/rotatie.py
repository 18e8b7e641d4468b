"""Which backups to keep: the newest of each of the last 7 days and of the last 4 weeks that have one.

Days and weeks are counted among those that *have* a backup, not on the calendar: after a summer
holiday without the laptop, the first new backup must not wipe out every backup from before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

DAGELIJKS = 7
WEKELIJKS = 4


def te_bewaren(momenten: Iterable[datetime], *, dagen: int = DAGELIJKS, weken: int = WEKELIJKS) -> set[datetime]:
    """The moments (of backups) to keep; the rest may be removed. The newest one is always kept."""
    nieuwste_eerst = sorted(set(momenten), reverse=True)
    bewaren: set[datetime] = set(nieuwste_eerst[:1])
    for periode, aantal in ((lambda m: m.date(), dagen), (lambda m: m.isocalendar()[:2], weken)):
        gezien: set = set()
        for moment in nieuwste_eerst:  # the first of a period is that period's newest
            sleutel = periode(moment)
            if sleutel in gezien:
                continue
            if len(gezien) == aantal:
                break
            gezien.add(sleutel)
            bewaren.add(moment)
    return bewaren
