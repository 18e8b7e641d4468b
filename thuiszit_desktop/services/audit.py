"""The audit trail: writing an entry (through `Context.audit`), listing and checking the chain.

Entries are written inside the acting transaction, so an action that rolls back leaves no entry. The
table is append-only (triggers in migration 6); the chain of hashes (domain/audit.py) shows any change
made around the program, for instance with the sqlite3 tool and the key; the anchors (db/anker.py) show a
cut – the last entries or all of them removed. Every start checks the triggers, the anchors and the entries
since the last seal (cheap); `audit verify` and "Controleren" walk the whole chain as well.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw
import sqlcipher3

from ..db import anker, backup, identity, keys
from ..db import models as m
from ..db.audit import KOLOMMEN
from ..domain.audit import Actie, AuditInvoer, Controle, controleer
from ..domain.errors import DatabaseFout, InvoerFout
from ..domain.gebruiker import Rol, naam_sleutel
from ..domain.zoeken import sorteersleutel
from . import leerlingnummers

if TYPE_CHECKING:
    from .context import Context

log = logging.getLogger(__name__)

TRIGGERS = frozenset({"audit_regel_geen_wijziging", "audit_regel_geen_verwijdering"})  # migration 6


@dataclass(frozen=True)
class Ankers:
    """Where one database's anchors are: the sealed file beside it, and the manifests of its backups of the
    same line of work (an older line's backups may hold a longer chain: a restore left it)."""

    db_path: Path
    database_id: str
    tak: str
    backupmap: Path | None
    sleutel: bytes | None  # the audit key: a zorgcoördinator's session only

    def van_backups(self) -> list[anker.Stand]:
        if self.backupmap is None:
            return []
        standen = (anker.Stand.from_dict(b.manifest.anker)
                   for b in backup.list_backups(self.backupmap, self.db_path.stem)
                   if b.manifest.database_id == self.database_id and b.manifest.tak == self.tak)
        return [s for s in standen if s is not None]


def controleer_database(db, ankers: Ankers | None = None, *, volledig: bool = True) -> Controle:
    """The triggers, the anchors, and the chain: all of it (`volledig`, streamed so a long log does not fill
    memory) or only the entries after the sealed anchor (at every start: cheap however long the log is)."""
    conn = db.connection()
    fout, vanaf = _controleer_ankers(conn, ankers) if ankers is not None else (None, None)
    if getattr(db, "op_server", False):  # the trigger numbers without a gap and refuses deletes
        seq = db.execute_sql("SELECT max(id) FROM audit_regel").fetchone()
    else:
        seq = db.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_regel'").fetchone()
    if volledig or vanaf is None:
        vanaf = anker.Stand()
    cursor = db.execute_sql(f"SELECT {KOLOMMEN} FROM audit_regel WHERE id > ? ORDER BY id", (vanaf.hoogste_id,))
    regels = (AuditInvoer(id_, _tijd(tijd), gebruiker_id, naam, actie, leerling_id, wat, vorige_hash, hash_)
              for id_, tijd, gebruiker_id, naam, actie, leerling_id, wat, vorige_hash, hash_ in cursor)
    keten = controleer(regels, seq[0] if seq else None, vorige_hash=vanaf.kop, eerste_id=vanaf.hoogste_id + 1,
                       aantal=vanaf.aantal)
    return fout if keten.ok and fout is not None else keten  # the first entry that does not fit says most


def _controleer_ankers(conn, ankers: Ankers) -> tuple[Controle | None, anker.Stand | None]:
    """(a problem, or None and the sealed anchor the chain may be walked from)."""
    try:
        eigen = anker.lees(ankers.db_path, ankers.sleutel, ankers.database_id)
    except anker.AnkerFout as exc:
        return Controle(False, 0, uitleg=str(exc)), None
    van_backups = ankers.van_backups()
    if eigen is None and van_backups:
        return Controle(False, 0, uitleg=f"het ankerbestand {anker.pad(ankers.db_path).name} is weg, terwijl de "
                                         "back-ups laten zien dat het er was"), None
    for stand in ([eigen] if eigen else []) + van_backups:
        if (afwijking := anker.afwijking(conn, stand)) is not None:
            return Controle(False, 0, *afwijking), None
    # by name and by what they do: a trigger replaced by one that lets everything through counts as gone
    namen = {naam for naam, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                                "AND tbl_name = 'audit_regel'") if "RAISE(ABORT" in (sql or "")}
    if not namen >= TRIGGERS:
        return Controle(False, 0, uitleg="de beveiliging die wijzigen en verwijderen tegenhoudt, is buiten het "
                                         "programma om weggehaald"), None
    return None, eigen


def audit_sleutel(ctx: Context) -> bytes | None:
    """The audit key of this session: derived (`keys.audit_key`) from the signing key that only zorgcoördinator
    slots hold – not from the database key every user has, so a mentor cannot seal a forged anchor. The signing
    key stays the same when the keys rotate (services/sleutels.py), so a rotation leaves the seal valid. None
    for anyone else, and for a zorgcoördinator whose slot has no signing key yet (nothing is sealed then)."""
    ondertekenen = ctx.store.sleutels.ondertekenen if ctx.gebruiker.rol == Rol.ZORGCOORDINATOR else None
    return keys.audit_key(ondertekenen) if ondertekenen else None


def sleutel_uit_backup(bestand: Path, db_path: Path, naam: str, wachtwoord: str) -> bytes | None:
    """The audit key a zorgcoördinator's password unlocks in a backup's key file (a restore at the start,
    when there is no session): the same key as `audit_sleutel`, found the same way."""
    ondertekenen = backup.keyring(Path(bestand), db_path).open(naam, wachtwoord).ondertekenen
    return keys.audit_key(ondertekenen) if ondertekenen else None


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

    uitslag: Controle  # the last check at start (`bij_start`), set from the first one on

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def lijst(self, *, gebruiker: str | None = None, leerlingnummer: str | None = None,
              van: dt.date | None = None, tot: dt.date | None = None, limiet: int | None = None) -> list[AuditRij]:
        """Entries newest first, filtered by user name, student and dates (`tot` inclusive)."""
        if van and tot and tot < van:
            raise InvoerFout({"tot": "De einddatum ligt vóór de begindatum."})
        with self.ctx.action():
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
        with self.ctx.action():
            ids = {r.gebruiker_id for r in m.AuditRegel.select(m.AuditRegel.gebruiker_id).distinct()}
            namen = {g.naam for g in m.Gebruiker.select().where(m.Gebruiker.id.in_(list(ids)))}
            return sorted(namen, key=sorteersleutel)

    def controleren(self) -> Controle:
        """The whole chain and every anchor (`audit verify`, "Controleren")."""
        with self.ctx.action():
            return controleer_database(self.ctx.store.db, self._ankers())

    # Up to this many entries the start walks the whole chain (~12 µs an entry: a quarter of a second); a longer
    # log gets the cheap check at the start and the whole walk afterwards (the GUI, in the background).
    VOLLEDIG_TOT = 20_000

    def bij_start(self, *, volledig: bool | None = None) -> Controle:
        """The check at every start (every role, reading only): the triggers, the anchors and the entries since
        the last seal – and the whole chain when the log is short enough (`volledig=None`) or asked for, so an
        entry re-timed without rebuilding the chain shows too. A problem stays until a zorgcoördinator seals the
        trail as it is (`verzegelen`): until then no seal covers it up. `self.volledig` says whether it walked all."""
        if self.ctx.store.op_server and self.ctx.gebruiker.rol != Rol.ZORGCOORDINATOR:
            # On the server only zorgcoördinatoren may read the trail (server_rechten.py); it is kept by the
            # server itself, so there is nothing a mentor's start could find.
            self.uitslag, self.volledig = Controle(True, 0), False
            return self.uitslag
        with self.ctx.action():
            if volledig is None:
                volledig = self.ctx.store.db.execute_sql("SELECT count(*) FROM audit_regel").fetchone()[0] \
                    <= self.VOLLEDIG_TOT
            uitslag = controleer_database(self.ctx.store.db, self._ankers(), volledig=volledig)
        if getattr(self, "uitslag", None) is None or self.uitslag.ok:  # a problem found once is not forgotten
            self.uitslag = uitslag
        self.volledig = volledig
        if not uitslag.ok:
            log.warning("audit trail check failed at start")
        return uitslag

    def verzegelen(self) -> Controle:
        """After a reported problem, once the zorgcoördinator has looked into it: record what was found in the
        trail itself and seal it as it is now, so the next start compares with this state."""
        with self.ctx.action():
            uitslag = controleer_database(self.ctx.store.db, self._ankers())
            self.ctx.audit(Actie.VERZEGELD, wat=("na melding: " + uitslag.melding)[:200] if not uitslag.ok else "")
        self.uitslag = Controle(True, 0)
        self._zegel()
        return uitslag

    def _begin(self) -> None:
        """A new database: its first seal (over any anchor a removed database left behind)."""
        self.uitslag = Controle(True, 0)
        self._zegel()

    def _zegel(self) -> None:
        """Seal the anchor at the chain as it is: a zorgcoördinator's session whose start check found nothing
        (at login, after a backup, at close). Best effort: a read-only folder must not stop the work."""
        uitslag = getattr(self, "uitslag", None)
        sleutel = audit_sleutel(self.ctx)
        if sleutel is None or uitslag is None or not uitslag.ok or self.ctx.store.closed or self.ctx.store.op_server:
            return
        try:
            stand, ankers = anker.stand(self.ctx.store.db.connection()), self._ankers()
            assert ankers is not None  # the file: the server has none (above)
            anker.verzegel(self.ctx.store.path, stand, sleutel, ankers.database_id)
        except (OSError, DatabaseFout, pw.PeeweeException, sqlcipher3.Error) as exc:  # locked, full, read-only
            log.warning("audit anchor not sealed: %s", type(exc).__name__)

    def _ankers(self) -> Ankers | None:
        """This session's own connection, not the models: at close another session may be the bound one. None on
        the server, whose trail needs no anchor outside it: only the database's owner could drop its triggers."""
        store = self.ctx.store
        if store.op_server:
            return None
        conn = store.db.connection()
        rij = conn.execute("SELECT waarde FROM instelling WHERE sleutel = ?", (backup.SETTING_MAP,)).fetchone()
        gekozen = json.loads(rij[0]) if rij else ""
        return Ankers(store.path, identity.of(conn, store.key), identity.tak(conn),
                      Path(gekozen) if gekozen else store.path.parent / backup.STANDAARD_MAP, audit_sleutel(self.ctx))


def _leerlingnamen(ids: set[int]) -> dict[int, tuple[str, str]]:
    result = {}
    ids_list = list(ids)
    for start in range(0, len(ids_list), 500):  # stay under SQLite's variable limit
        for r in m.Leerling.select().where(m.Leerling.id.in_(ids_list[start:start + 500])):
            result[r.id] = (r.leerlingnummer, r.naam)
    return result
