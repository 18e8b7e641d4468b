"""The audit trail: writing an entry (through `Context.audit`), listing and checking the chain.

Entries are written inside the acting transaction, so an action that rolls back leaves no entry. The
table is append-only (triggers in migration 6); the chain of hashes (domain/audit.py) shows any change
made around the program, for instance with the sqlite3 tool and the key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..db import models as m
from ..domain.audit import BEGIN_HASH, Actie, AuditInvoer, Controle, bereken_hash, controleer
from ..domain.errors import InvoerFout
from ..domain.gebruiker import Gebruiker, Rol, naam_sleutel
from . import leerlingnummers

if TYPE_CHECKING:
    from .context import Context


_KOLOMMEN = "id, tijd, gebruiker_id, gebruiker_naam, actie, leerling_id, wat, vorige_hash, hash"


def schrijf(db, gebruiker: Gebruiker | None, actie: Actie | str, leerling_id: int | None = None,
            wat: str = "") -> None:
    """Append one entry; call inside the action's transaction (a savepoint when nested).

    Plain SQL: this runs on every view and change, and peewee's query building would be most of its cost.
    """
    if not db.in_transaction():  # reading the last entry and appending must be one step
        with db.atomic():
            return schrijf(db, gebruiker, actie, leerling_id, wat)
    vorige = db.execute_sql("SELECT hash FROM audit_regel ORDER BY id DESC LIMIT 1").fetchone()
    # The AUTOINCREMENT counter, not max(id): ids are never reused, so a removed last entry shows up.
    seq = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_regel'").fetchone()
    invoer = AuditInvoer(
        id=(seq[0] if seq else 0) + 1, tijd=m.now(),
        gebruiker_id=gebruiker.id if gebruiker else None,
        gebruiker_naam=gebruiker.naam if gebruiker else "",
        actie=str(actie), leerling_id=leerling_id, wat=wat)
    vorige_hash = vorige[0] if vorige else BEGIN_HASH
    db.execute_sql(f"INSERT INTO audit_regel ({_KOLOMMEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (invoer.id, invoer.tijd.isoformat(sep=" ", timespec="seconds"), invoer.gebruiker_id,
                    invoer.gebruiker_naam, invoer.actie, invoer.leerling_id, invoer.wat, vorige_hash,
                    bereken_hash(vorige_hash, invoer)))


def controleer_database(db) -> Controle:
    """Walk the whole table in id order (streamed, so a long log does not fill memory)."""
    seq = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_regel'").fetchone()
    cursor = db.execute_sql(f"SELECT {_KOLOMMEN} FROM audit_regel ORDER BY id")
    regels = (AuditInvoer(id_, _tijd(tijd), gebruiker_id, naam, actie, leerling_id, wat, vorige_hash, hash_)
              for id_, tijd, gebruiker_id, naam, actie, leerling_id, wat, vorige_hash, hash_ in cursor)
    return controleer(regels, seq[0] if seq else None)


def _tijd(waarde):
    """The stored time; something else as it is (edited outside the program), so its hash does not fit."""
    try:
        return dt.datetime.fromisoformat(waarde)
    except (TypeError, ValueError):
        return waarde


@dataclass(frozen=True)
class AuditRij:
    """One entry for display; `leerling` is the name looked up now ("" when none, or "(verwijderd)")."""

    id: int
    tijd: dt.datetime
    gebruiker: str
    actie: str
    leerling_id: int | None
    leerlingnummer: str
    leerling: str
    wat: str

    def to_dict(self) -> dict:
        return {"id": self.id, "tijd": self.tijd.isoformat(sep=" "), "gebruiker": self.gebruiker,
                "actie": self.actie, "leerlingnummer": self.leerlingnummer, "leerling": self.leerling,
                "wat": self.wat}


class AuditService:
    """Reading the audit trail: the zorgcoördinator only."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def lijst(self, *, gebruiker: str | None = None, leerlingnummer: str | None = None,
              van: dt.date | None = None, tot: dt.date | None = None, limiet: int | None = None) -> list[AuditRij]:
        """Entries newest first, filtered by user name, student and dates (`tot` inclusive)."""
        if van and tot and tot < van:
            raise InvoerFout({"tot": "De einddatum ligt vóór de begindatum."})
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            query = m.AuditRegel.select().order_by(m.AuditRegel.id.desc())
            if gebruiker and gebruiker.strip():
                sleutel = naam_sleutel(gebruiker)
                ids = [g.id for g in m.Gebruiker.select(m.Gebruiker.id, m.Gebruiker.naam)
                       if naam_sleutel(g.naam) == sleutel]
                query = query.where(m.AuditRegel.gebruiker_id.in_(ids) if ids
                                    else (m.AuditRegel.gebruiker_naam == " ".join(gebruiker.split())))
            if leerlingnummer and leerlingnummer.strip():
                row = leerlingnummers.zoek(leerlingnummer)
                if row is None:
                    raise InvoerFout({"leerling": f"Er is geen leerling met leerlingnummer {leerlingnummer}."})
                query = query.where(m.AuditRegel.leerling_id == row.id)
            if van:
                query = query.where(m.AuditRegel.tijd >= dt.datetime.combine(van, dt.time()))
            if tot:
                query = query.where(m.AuditRegel.tijd < dt.datetime.combine(tot + dt.timedelta(days=1), dt.time()))
            if limiet:
                query = query.limit(limiet)
            regels = list(query)
            namen = _leerlingnamen({r.leerling_id for r in regels if r.leerling_id is not None})
            gebruikers = {g.id: g.naam for g in m.Gebruiker.select(m.Gebruiker.id, m.Gebruiker.naam)}
            rijen = []
            for r in regels:
                nummer, naam = namen.get(r.leerling_id, ("", "(verwijderd)")) if r.leerling_id else ("", "")
                rijen.append(AuditRij(r.id, r.tijd, gebruikers.get(r.gebruiker_id, r.gebruiker_naam), r.actie,
                                      r.leerling_id, nummer, naam, r.wat))
            return rijen

    def gebruikers(self) -> list[str]:
        """Names of everyone who appears in the log, for the filter."""
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            ids = {r.gebruiker_id for r in m.AuditRegel.select(m.AuditRegel.gebruiker_id).distinct()}
            namen = {g.naam for g in m.Gebruiker.select().where(m.Gebruiker.id.in_(list(ids)))}
            return sorted(namen, key=str.casefold)

    def controleren(self) -> Controle:
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            return controleer_database(self.ctx.store.db)


def _leerlingnamen(ids: set[int]) -> dict[int, tuple[str, str]]:
    result = {}
    ids_list = list(ids)
    for start in range(0, len(ids_list), 500):  # stay under SQLite's variable limit
        for r in m.Leerling.select().where(m.Leerling.id.in_(ids_list[start:start + 500])):
            result[r.id] = (r.leerlingnummer, " ".join(p for p in (r.voornaam, r.tussenvoegsel, r.achternaam) if p))
    return result
