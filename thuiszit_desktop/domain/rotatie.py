"""Which backups to keep: the newest of each of the last 7 days and of the last 4 weeks that have one – and
never the only copy of work that exists nowhere else.

Days and weeks are counted among those that *have* a backup, not on the calendar: after a summer
holiday without the laptop, the first new backup must not wipe out every backup from before it.

Work and "takken" (lines of work): between two restores the database only moves forward, so a later backup
of the same line holds what an earlier one held (apart from what the user deleted on purpose). A restore
starts a new line from an older state; the work of the line it leaves exists only in that line's newest
backup (the backup a restore makes first). So the newest backup of every line is kept, however old: that
is the last copy of its state. Example (the issue that asked for this rule): backup → import 3,001 students
→ backup → restore the first → backup: without the rule, the day's newest backup (after the restore)
would push out the one with the 3,001 students.

A backup can also be kept until a given day (`vast_tot`): the one made before the bewaartermijnen are
applied, so a mistake can still be undone for a few weeks.

A backup not yet checked (the one on close is copied fast and checked at the next start, db/backup.py) is kept
and takes no backup's place: until it has proved whole, the backups it would push out stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

DAGELIJKS = 7
WEKELIJKS = 4


def te_bewaren(momenten: Iterable[datetime], *, dagen: int = DAGELIJKS, weken: int = WEKELIJKS) -> set[datetime]:
    """The moments (of backups) to keep by time alone; the rest may be removed. The newest one is always kept."""
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


@dataclass(frozen=True)
class BackupStand:
    """One backup as rotation sees it."""

    gemaakt: datetime
    tak: str = ""  # the line of work; a restore starts a new one ("" for backups from before lines existed)
    vast_tot: date | None = None  # kept at least until this day
    gecontroleerd: bool = True  # False: not yet checked; kept, and no other backup makes room for it


def bewaren(backups: Sequence[BackupStand], *, vandaag: date, dagen: int = DAGELIJKS,
            weken: int = WEKELIJKS) -> set[int]:
    """The positions in `backups` to keep. `backups` is newest first; of two made in the same second the
    first counts as the newer. Kept: what `te_bewaren` keeps by time, the newest of every line of work, and
    every backup whose `vast_tot` has not passed. A backup not yet checked is kept and left out of the rest."""
    eerste_van: dict[datetime, int] = {}  # per moment the position of its newest file
    for i, b in enumerate(backups):
        if b.gecontroleerd:
            eerste_van.setdefault(b.gemaakt, i)
    houden = {eerste_van[moment] for moment in te_bewaren(eerste_van, dagen=dagen, weken=weken)}
    nieuwste_per_tak: dict[str, int] = {}
    for i, b in enumerate(backups):
        if not b.gecontroleerd:
            houden.add(i)
            continue
        nieuwste_per_tak.setdefault(b.tak, i)
        if b.vast_tot is not None and b.vast_tot >= vandaag:
            houden.add(i)
    return houden | set(nieuwste_per_tak.values())
