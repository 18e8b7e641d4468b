"""Writing one audit entry: the raw-SQL append to the hash chain (domain/audit.py), inside the caller's
transaction. Reading and checking the trail is services/audit.py; the anchors are db/anker.py."""

from __future__ import annotations

from ..domain.audit import BEGIN_HASH, Actie, AuditInvoer, bereken_hash
from ..domain.gebruiker import Gebruiker
from . import models as m

KOLOMMEN = "id, tijd, gebruiker_id, gebruiker_naam, actie, leerling_id, wat, vorige_hash, hash"


def schrijf(db, gebruiker: Gebruiker | None, actie: Actie | str, leerling_id: int | None = None,
            wat: str = "") -> None:
    """Append one entry; call inside the action's transaction (a savepoint when nested).

    Plain SQL: this runs on every view and change, and peewee's query building would be most of its cost.
    """
    if getattr(db, "op_server", False):
        # On the server the application role may only append: the trigger (db/server_schema.py) gives the id,
        # the server's time and the chain's hashes under its own lock; reading the last hash is not allowed.
        db.execute_sql("INSERT INTO audit_regel (tijd, gebruiker_id, gebruiker_naam, actie, leerling_id, wat, "
                       "vorige_hash, hash) VALUES (localtimestamp, ?, ?, ?, ?, ?, '', '')",
                       (gebruiker.id if gebruiker else None, gebruiker.naam if gebruiker else "", str(actie),
                        leerling_id, wat))
        return
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
    db.execute_sql(f"INSERT INTO audit_regel ({KOLOMMEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (invoer.id, invoer.tijd.isoformat(sep=" ", timespec="seconds"), invoer.gebruiker_id,
                    invoer.gebruiker_naam, invoer.actie, invoer.leerling_id, invoer.wat, vorige_hash,
                    bereken_hash(vorige_hash, invoer)))
