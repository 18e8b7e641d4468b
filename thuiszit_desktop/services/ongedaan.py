"""Undo for deletes: every user delete returns a `Verwijderd` snapshot that `OngedaanService.herstel` puts back.

One mechanism for every delete, no schema change. Inside the delete's own transaction the service calls
`Opname.rijen(model, where)` *before* deleting: that records the rows and, following the foreign keys,
every row the database will remove with them (ON DELETE CASCADE) and every link it will clear (SET NULL).
Other changes the delete makes (a besluit's renumbering, a JSON setting) are recorded with
`Opname.wijziging`. `herstel` re-inserts the rows with their own ids, parents first, reverts the changes
and re-links what was linked, all in one transaction; if something changed in between so that this no
longer fits (a unique key, a parent that is gone, a `botsing` the service named) it refuses with a Dutch
message and nothing is restored.

Never an older version over a newer change: on a server the recorded rows are locked (FOR UPDATE) as they
are read, so a change another user commits meanwhile is in the snapshot, not lost under it; a row that is
back by the time of the undo is refused, saying so; a link is only put back where it is still empty.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

import peewee as pw

from ..db import models as m
from ..domain.audit import Actie
from ..domain.errors import InvoerFout
from ..domain.gebruiker import Rol
from .context import Context
from .toegang import vereis_rol


def _model(tabel: str) -> type[m.BaseModel]:
    for model in m.MODELS:
        if model._meta.table_name == tabel:
            return model
    raise LookupError(tabel)


@dataclass(frozen=True)
class Verwijderd:
    """What one delete removed; opaque for the GUI, which only shows `wat` and hands it back to undo it."""

    wat: str  # "Gesprek van 12-11-2026", for "… verwijderd. [Ongedaan maken]"
    rollen: tuple[str, ...]  # who may undo it: the roles of the delete itself
    rijen: tuple[tuple[str, dict], ...]  # (table, row)
    koppelingen: tuple[tuple[str, object, str, object], ...] = ()  # SET NULL to redo: (table, id, column, value)
    wijzigingen: tuple[tuple[str, object, dict, dict], ...] = ()  # (table, pk, before, after), in order made
    botsingen: tuple[tuple[str, dict, str], ...] = ()  # (table, values, message): refuse if such a row exists

    def aantal(self, tabel: str) -> int:
        return sum(1 for t, _ in self.rijen if t == tabel)


@dataclass
class Opname:
    """Collects a `Verwijderd` inside the delete's transaction (call before deleting)."""

    wat: str
    rollen: tuple
    _rijen: list = field(default_factory=list)
    _koppelingen: list = field(default_factory=list)
    _wijzigingen: list = field(default_factory=list)
    _botsingen: list = field(default_factory=list)
    _gezien: set = field(default_factory=set)  # (table, pk): a row reached by two cascades is put back once

    def rijen(self, model: type[m.BaseModel], where) -> int:
        """Record the rows of `model` matching `where` and all that goes with them; how many rows matched."""
        tabel, pk = model._meta.table_name, model._meta.primary_key.name
        query = model.select().where(where)
        if isinstance(model._meta.database.obj, pw.PostgresqlDatabase):  # others may write meanwhile
            query = query.for_update()
        rows = [r for r in query.dicts() if (tabel, r[pk]) not in self._gezien]
        if not rows:
            return 0
        self._gezien.update((tabel, r[pk]) for r in rows)
        self._rijen.extend((tabel, r) for r in rows)
        ids = [r[pk] for r in rows]
        for fk in model._meta.backrefs:
            child = fk.model
            if fk.on_delete == "CASCADE":
                self.rijen(child, fk.in_(ids))
            elif fk.on_delete == "SET NULL":
                cpk = child._meta.primary_key
                for cid, waarde in child.select(cpk, fk).where(fk.in_(ids)).tuples():
                    self._koppelingen.append((child._meta.table_name, cid, fk.column_name, waarde))
        return len(rows)

    def wijziging(self, model: type[m.BaseModel], pk, voor: dict, na: dict) -> None:
        """A change the delete makes besides removing rows; undone (newest first) if the row still reads `na`."""
        self._wijzigingen.append((model._meta.table_name, pk, dict(voor), dict(na)))

    def botsing(self, model: type[m.BaseModel], waarden: dict, melding: str) -> None:
        """Refuse the undo with `melding` when a row with these values exists by then."""
        self._botsingen.append((model._meta.table_name, dict(waarden), melding))

    def klaar(self) -> Verwijderd:
        return Verwijderd(self.wat, tuple(r.value if hasattr(r, "value") else str(r) for r in self.rollen),
                          tuple(self._rijen), tuple(self._koppelingen), tuple(self._wijzigingen),
                          tuple(self._botsingen))


def _gelijk(model: type[m.BaseModel], waarden: dict):
    return reduce(operator.and_, [getattr(model, k) == v if v is not None else getattr(model, k).is_null()
                                  for k, v in waarden.items()])


class OngedaanService:
    """`herstel(snapshot)`: undo one delete, exactly, in one transaction."""

    def __init__(self, ctx: Context, na_herstel: Callable[[], None] | None = None):
        self.ctx = ctx
        self._na_herstel = na_herstel  # e.g. the calendar's cache: a restored vrije dag changes it

    def herstel(self, snapshot: Verwijderd) -> None:
        niet_meer = (f"{snapshot.wat} kan niet meer terug: er is intussen iets veranderd dat ermee botst. "
                     "Voer het zo nodig opnieuw in.")
        try:
            if snapshot.rollen:  # who may undo a delete: who may delete it
                vereis_rol(self.ctx, tuple(Rol(r) for r in snapshot.rollen))
            with self.ctx.action():
                for tabel, waarden, melding in snapshot.botsingen:
                    model = _model(tabel)
                    if model.select().where(_gelijk(model, waarden)).exists():
                        raise InvoerFout(melding)
                for tabel, pk, voor, na in reversed(snapshot.wijzigingen):
                    model = _model(tabel)
                    where = (model._meta.primary_key == pk) & _gelijk(model, na)
                    if not model.update(**voor).where(where).execute():
                        raise InvoerFout(niet_meer)
                # m.MODELS lists parents before children; a row reached by a second path (an MDO's actiepunt
                # is also the student's) may have been recorded before its other parent
                volgorde = {model._meta.table_name: i for i, model in enumerate(m.MODELS)}
                for tabel, row in sorted(snapshot.rijen, key=lambda r: volgorde[r[0]]):
                    model = _model(tabel)
                    if "rijversie" in model._meta.fields and model.get_or_none(model.id == row["id"]) is not None:
                        raise InvoerFout(f"{snapshot.wat} kan niet meer terug: iemand anders heeft het intussen "
                                         "teruggezet of opnieuw opgeslagen. Bekijk die versie; er is niets "
                                         "overschreven.")
                    model.insert(row).execute()
                for tabel, cid, kolom, waarde in snapshot.koppelingen:
                    # a row unlinked by the delete and deleted or linked elsewhere since stays as it is now
                    model = _model(tabel)
                    veld = model._meta.columns[kolom]
                    model.update({veld: waarde}).where((model._meta.primary_key == cid) & veld.is_null()).execute()
                if snapshot.rijen:  # the kind of row only, never its content
                    tabel, row = snapshot.rijen[0]
                    self.ctx.audit(Actie.TOEGEVOEGD, row.get("leerling"), f"ongedaan maken: {tabel}")
        except pw.IntegrityError:
            raise InvoerFout(niet_meer) from None
        if self._na_herstel:
            self._na_herstel()


def samen(wat: str, snapshots: list[Verwijderd]) -> Verwijderd:
    """Several deletes of one user action (e.g. three chosen rows) as one undo."""
    rollen = tuple(dict.fromkeys(r for s in snapshots for r in s.rollen))
    return Verwijderd(wat, rollen, tuple(r for s in snapshots for r in s.rijen),
                      tuple(k for s in snapshots for k in s.koppelingen),
                      tuple(w for s in snapshots for w in s.wijzigingen),
                      tuple(b for s in snapshots for b in s.botsingen))
