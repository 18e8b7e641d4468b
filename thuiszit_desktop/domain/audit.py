"""The audit trail's hash chain: who viewed, changed, printed or exported what, and when.

Each entry's hash covers the previous entry's hash and the entry's own fields (its id included), so
changing, removing, inserting or reordering an entry breaks the chain from that point on. The chain is
checked by walking every entry in id order (`controleer`). Anyone with the database key could rebuild the
whole chain; the chain makes tampering visible, it does not make it impossible.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

BEGIN_HASH = "0" * 64  # the "previous hash" of the very first entry


class Actie(StrEnum):
    BEKEKEN = "bekeken"
    TOEGEVOEGD = "toegevoegd"
    GEWIJZIGD = "gewijzigd"
    VERWIJDERD = "verwijderd"
    AFGEDRUKT = "afgedrukt"
    GEEXPORTEERD = "geëxporteerd"
    GEIMPORTEERD = "geïmporteerd"
    INGELOGD = "ingelogd"
    OPGERUIMD = "opgeruimd"  # retention: expired data removed for good
    GEWEIGERD = "geweigerd"  # asked for something the role or klas does not allow
    INLOGGEN_MISLUKT = "inloggen mislukt"  # wrong passwords, booked at the next login (services/session.py)
    VERZEGELD = "verzegeld"  # the zorgcoördinator accepted the trail as it is after a reported problem


@dataclass(frozen=True)
class AuditInvoer:
    """One entry as it is stored. `wat` is a short kind ("gesprek", "plan-pdf", "3 leerlingen"), never content."""

    id: int
    tijd: dt.datetime
    gebruiker_id: int | None
    gebruiker_naam: str
    actie: str
    leerling_id: int | None
    wat: str
    vorige_hash: str = ""
    hash: str = ""


def bereken_hash(vorige_hash: str, invoer: AuditInvoer) -> str:
    """SHA-256 over the previous hash and a canonical form of the entry's own fields."""
    tijd = (invoer.tijd.isoformat(sep=" ", timespec="seconds") if isinstance(invoer.tijd, dt.datetime)
            else f"?{invoer.tijd!r}")
    velden = [invoer.id, tijd, invoer.gebruiker_id,
              invoer.gebruiker_naam, str(invoer.actie), invoer.leerling_id, invoer.wat]
    canoniek = json.dumps([vorige_hash, *velden], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canoniek.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Controle:
    """The result of walking the chain; `eerste_fout` is the id of the first entry that does not fit."""

    ok: bool
    aantal: int
    eerste_fout: int | None = None
    reden: str = ""
    uitleg: str = ""  # a problem that is not one entry (the anchor, the triggers): said as it is

    @property
    def melding(self) -> str:
        if self.ok:
            return f"Het auditlog is in orde ({self.aantal} regels)."
        if self.uitleg:
            return f"Het auditlog is niet in orde: {self.uitleg}."
        return (f"Het auditlog is niet in orde: regel {self.eerste_fout} {self.reden}. "
                "Regels vanaf dit punt zijn gewijzigd, verwijderd of tussengevoegd buiten het programma om.")


def controleer(regels: Iterable[AuditInvoer], hoogste_id: int | None = None, *, vorige_hash: str = BEGIN_HASH,
               eerste_id: int = 1, aantal: int = 0) -> Controle:
    """Walk the entries in id order. `hoogste_id` is the highest id ever handed out (SQLite's
    AUTOINCREMENT counter), so removing the last entries is noticed too. From the middle (entries after an
    anchor, db/anker.py): the anchored hash, the id after it and the number of entries up to it."""
    verwacht_id = eerste_id
    for regel in regels:
        if regel.id != verwacht_id:
            if regel.id > verwacht_id:
                return Controle(False, aantal, verwacht_id, "ontbreekt")
            return Controle(False, aantal, regel.id, "staat niet op zijn plaats")
        if regel.vorige_hash != vorige_hash:
            return Controle(False, aantal, regel.id, "sluit niet aan op de regel ervoor")
        if regel.hash != bereken_hash(vorige_hash, regel):
            return Controle(False, aantal, regel.id, "is na het schrijven gewijzigd")
        vorige_hash, verwacht_id, aantal = regel.hash, verwacht_id + 1, aantal + 1
    if hoogste_id is not None and hoogste_id >= verwacht_id:
        return Controle(False, aantal, verwacht_id, "ontbreekt")
    return Controle(True, aantal)
