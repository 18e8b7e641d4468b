"""Optimistic locking: an edit is saved only on the version of the row the user saw.

Every edit of a row users edit (db/migrations.py VERSIE_TABELLEN) raises its `rijversie` in the same UPDATE
that checks it, so two users editing the same gesprek – on the server, or one after the other on the file –
cannot silently overwrite each other: the second gets a `Conflict` with what the first saved. A caller that
passes no version (a script, an import) still raises it, so the check of others keeps working.
"""

from __future__ import annotations

import peewee as pw

from ..db import models as m
from ..db.vertrouwelijk import Versleuteld, is_envelop
from ..domain.errors import Conflict, NietGevonden

# What a conflict shows of another change: the fields a user edits, not keys or timestamps.
_VERBORGEN = {"id", "rijversie", "versie_door", "versie_op", "aangemaakt", "gewijzigd", "door", "traject"}


def nieuw(model: type[m.BaseModel], door: int | None) -> dict:
    """The columns of a new version, for an UPDATE that changes a row users edit: the number, who, when."""
    return {"rijversie": model.rijversie + 1, "versie_door": door, "versie_op": m.now()}


def opslaan(model: type[m.BaseModel], row_id: int, velden: dict, gezien: int | None, wat: str, *,
            door: int | None = None) -> None:
    """UPDATE `velden` of row `row_id` if its version is still `gezien` (None: no check), raising the version;
    `Conflict` with the row as it is now – and what this user tried to save – when someone else changed it
    meanwhile; `NietGevonden` when someone else deleted it. In the caller's action, before anything else it
    writes, so a refusal leaves nothing half-written. Empty `velden`: only the version goes up (a change to
    what belongs to the row, such as an MDO's besluiten)."""
    query = model.update(**velden, **nieuw(model, door)).where(model.id == row_id)
    if gezien is not None:
        query = query.where(model.rijversie == gezien)
    if query.execute() == 0:
        nu = model.get_or_none(model.id == row_id)
        if nu is None:
            raise NietGevonden(f"{wat[0].upper()}{wat[1:]} bestaat niet meer: iemand anders heeft het net "
                               "verwijderd. Uw tekst staat nog in het venster; kopieer wat u wilt bewaren.")
        zichtbaar = [v for v in velden if v not in _VERBORGEN and v in model._meta.fields]
        wie = m.Gebruiker.get_or_none(m.Gebruiker.id == nu.versie_door) if nu.versie_door else None
        raise Conflict(wat, {v: _leesbaar(model, v, getattr(nu, f"{v}_id", None) or getattr(nu, v))
                             for v in zichtbaar},
                       {v: _leesbaar(model, v, velden[v]) for v in zichtbaar},
                       wie=wie.naam if wie else None, wanneer=nu.versie_op)


def controleer(model: type[m.BaseModel], row_id: int, gezien: int | None, wat: str) -> None:
    """`Conflict` when the row is no longer at version `gezien` (None: no check) – for a change that is saved
    elsewhere (a new plan version made from this one) but must not rest on an old reading of it."""
    if gezien is not None and versie(model, row_id) != gezien:
        raise Conflict(wat, {})


def _leesbaar(model: type[m.BaseModel], veld: str, waarde):
    """A value as a person reads it: a user or contact by name (not its id), text marked for encryption as
    the plain text it is; what this session cannot decrypt stays the envelope (the screen says so)."""
    soort = model._meta.fields[veld]
    if isinstance(soort, pw.ForeignKeyField) and waarde is not None:
        rij = soort.rel_model.get_or_none(soort.rel_model.id == waarde)
        return getattr(rij, "naam", waarde) if rij is not None else None
    if isinstance(waarde, Versleuteld) or (isinstance(waarde, str) and is_envelop(waarde)):
        # imported here: traject_gedeeld brings the traject's domain, not needed before the window shows
        from .traject_gedeeld import VERTROUWELIJK

        return VERTROUWELIJK
    return str(waarde) if isinstance(waarde, str) else waarde


def versie(model: type[m.BaseModel], row_id: int) -> int:
    """The version of a row as it is now: what a screen keeps when it opens the row for editing (0: none)."""
    return model.select(model.rijversie).where(model.id == row_id).scalar() or 0
