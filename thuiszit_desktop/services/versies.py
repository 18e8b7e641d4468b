"""Optimistic locking: an edit is saved only on the version of the row the user saw.

Every edit of a row users edit (db/migrations.py VERSIE_TABELLEN) raises its `rijversie` in the same UPDATE
that checks it, so two users editing the same gesprek – on the server, or one after the other on the file –
cannot silently overwrite each other: the second gets a `Conflict` with what the first saved. A caller that
passes no version (a script, an import) still raises it, so the check of others keeps working.
"""

from __future__ import annotations

from ..db import models as m
from ..domain.errors import Conflict

# What a conflict shows of another change: the fields a user edits, not keys or timestamps.
_VERBORGEN = {"id", "rijversie", "aangemaakt", "gewijzigd", "door", "traject"}


def opslaan(model: type[m.BaseModel], row_id: int, velden: dict, gezien: int | None, wat: str) -> None:
    """UPDATE `velden` of row `row_id` if its version is still `gezien` (None: no check), raising the version;
    `Conflict` with the row as it is now when someone else changed it meanwhile. In the caller's action."""
    query = model.update(**velden, rijversie=model.rijversie + 1).where(model.id == row_id)
    if gezien is not None:
        query = query.where(model.rijversie == gezien)
    if query.execute() == 0 and gezien is not None:
        nu = model.get_or_none(model.id == row_id)
        if nu is None:
            raise Conflict(wat, {})
        raise Conflict(wat, {veld: getattr(nu, veld) for veld in velden
                             if veld not in _VERBORGEN and veld in model._meta.fields})


def versie(model: type[m.BaseModel], row_id: int) -> int:
    """The version of a row as it is now: what a screen keeps when it opens the row for editing."""
    return model.select(model.rijversie).where(model.id == row_id).scalar() or 0
