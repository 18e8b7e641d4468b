"""The keys at login and when a user is revoked (issue 12: confidential, unforgeable roles, revoking revokes).

At login (`bij_inloggen`, from session.login):
- a key slot of format 1 (before this version) becomes format 2 with the user's password. The first
  zorgcoördinator to log in after the upgrade makes the confidential key and the signing key, encrypts what was
  confidential in plain text and signs every gebruiker row – in one transaction, with the key file written
  inside it, so a failure leaves everything as it was and the next zorgcoördinator login does it again;
- the user's own gebruiker row must carry a valid signature (the public key comes from their own
  password-authenticated slot); a zorgcoördinator's login checks every row. A row changed outside the program
  refuses that user's login with a Dutch message and an audit entry.

Revoking (`roteren`, from services/gebruikers.py): disabling a user or taking the zorgcoördinator role away
makes a new database key and a new confidential key. A copy of the database is made, its envelopes are
re-encrypted and the user change is applied to it, then SQLCipher rekeys it; a new key file holds the new keys
for the remaining users (encrypted to each slot's X25519 key, no passwords needed); `swap.replace_database`
puts both in place (a kill at any moment is finished or undone at the next open). A key file copied before
opens neither the new database nor any later backup. Older backups still open with the old keys: the result
(`Rotatie`) keeps the old keys in memory only, to re-encrypt those backups or remove them.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlcipher3

from ..db import anker, audit, backup, files, handtekening, identity, keys, swap, vertrouwelijk
from ..db import models as m
from ..db.connection import Store, _connect
from ..db.keys import KeyRing, Sleutels, sqlcipher_passphrase
from ..domain.audit import Actie
from ..domain.errors import InlogFout
from ..domain.gebruiker import Gebruiker, Rol
from . import instellingen

log = logging.getLogger(__name__)

SETTING_VERSIE = "sleutels.versie"  # 2: confidential values encrypted and gebruiker rows signed
GEWEIGERD = "geweigerd"


class GebruikerGewijzigd(InlogFout):
    """The user's own gebruiker row was changed outside the program (its signature does not fit)."""

    def __init__(self) -> None:
        PermissionError.__init__(
            self, "Uw gebruikersgegevens (rol, klassen of naam) zijn buiten het programma gewijzigd, dus inloggen "
                  "kan niet. Vraag de zorgcoördinator om uw account te controleren en zo nodig opnieuw in te "
                  "stellen.")


# --- at login ---------------------------------------------------------------------------------------

def bij_inloggen(store: Store, naam: str, wachtwoord: str, row: m.Gebruiker, *, lezend: bool = False) -> list[str]:
    """Upgrade the user's slot and check the gebruiker rows (see the module's docstring); the warnings for
    the user (rows of others that were changed), or GebruikerGewijzigd."""
    ring, sleutels = store.keyring, store.sleutels
    zorg_rol = row.rol == Rol.ZORGCOORDINATOR.value
    if sleutels.controle is None and not lezend:
        if zorg_rol and instellingen.lees(SETTING_VERSIE) != 2:
            _eerste_zorg_login(store, naam, wachtwoord)
            row = m.Gebruiker.get_by_id(row.id)  # signed now
        elif ring.controle and row.rol != Rol.ALLEEN_LEZEN.value:
            # someone upgraded already: this slot takes the signing public key now (an alleen-lezen slot of
            # format 1 stays as it is: the next zorgcoördinator login moves it to services/lezersoverzicht)
            nieuw = replace(sleutels, controle=bytes.fromhex(ring.controle))
            ring.set_user(naam, wachtwoord, nieuw)
            ring.save()
            store.sleutels = nieuw
    controle = store.sleutels.controle
    if controle is None:
        return []  # nobody has upgraded this database yet: there is nothing to check against
    if not handtekening.klopt(controle, row):
        _weigering(store, row, "eigen gebruikersgegevens gewijzigd buiten het programma")
        raise GebruikerGewijzigd()
    waarschuwingen = []
    if zorg_rol and store.sleutels.zorg:
        slecht = handtekening.ongeldig(controle)
        for anders in slecht:
            _weigering(store, anders, "gebruikersgegevens gewijzigd buiten het programma")
        if slecht:
            waarschuwingen.append(
                "Deze gebruikers zijn buiten het programma gewijzigd en kunnen niet inloggen: "
                + ", ".join(r.naam for r in slecht) + ". Controleer hun rol en klassen onder Gebruikers en sla "
                "ze opnieuw op, of schakel ze uit.")
    elif zorg_rol:
        waarschuwingen.append(
            "Uw sleutel geeft nog geen toegang tot de vertrouwelijke gegevens. Vraag een andere zorgcoördinator "
            "om uw wachtwoord opnieuw in te stellen; daarna kunt u ze weer lezen.")
    return waarschuwingen


def _weigering(store: Store, row: m.Gebruiker, wat: str) -> None:
    """An audit entry for a refused or suspicious row (best effort: a read-only start must still say why)."""
    rol = Rol(row.rol) if row.rol in set(Rol) else Rol.ALLEEN_LEZEN
    with contextlib.suppress(Exception), store.db.atomic():
        audit.schrijf(store.db, Gebruiker(row.id, row.naam, rol), GEWEIGERD, wat=wat)


def _eerste_zorg_login(store: Store, naam: str, wachtwoord: str) -> None:
    """The first zorgcoördinator login after the upgrade: new confidential and signing keys, everything
    confidential encrypted, every row signed, this user's slot of format 2 – one transaction."""
    nieuw = Sleutels.nieuw(database=store.sleutels.database)
    ring = store.keyring
    voor = copy.deepcopy(ring.slots), ring.controle
    try:
        with store.db.atomic():
            vertrouwelijk.versleutel_alles(store.db.connection(), nieuw.vertrouwelijk)
            handtekening.onderteken_alles(nieuw.ondertekenen)
            instellingen.schrijf(SETTING_VERSIE, 2)
            ring.set_user(naam, wachtwoord, nieuw)
            ring.save()  # inside the transaction: if this fails, nothing changed
    except BaseException:
        ring.slots, ring.controle = voor
        raise
    store.sleutels = nieuw
    store.bind()
    # the plain text that was replaced must not linger in the write-ahead log, which every key holder reads
    with contextlib.suppress(Exception):
        store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    log.info("keys upgraded: confidential values encrypted, gebruiker rows signed")


# --- revoking ---------------------------------------------------------------------------------------

@dataclass
class Rotatie:
    """What a rotation did; `oude_backups` still open with the old keys (kept here, in memory only)."""

    oude_backups: list[Path]
    zonder_sleutel: list[str]  # users whose slot (format 1) could not be renewed: they need a new password
    _oud: Sleutels = field(repr=False)
    _nieuw: Sleutels = field(repr=False)
    _ring: KeyRing = field(repr=False)
    _db_path: Path = field(repr=False)

    def backups_herversleutelen(self, voortgang: Callable[[int, int], None] | None = None) -> int:
        """Re-encrypt every older backup with the new keys (its key file becomes the current one): an old key
        file opens none of them afterwards. Each backup is replaced atomically; the number done."""
        klaar = 0
        for i, pad in enumerate(self.oude_backups):
            if voortgang:
                voortgang(i, len(self.oude_backups))
            if pad.exists():
                _herversleutel_backup(pad, self._oud, self._nieuw, self._ring, self._db_path)
                klaar += 1
        if voortgang:
            voortgang(len(self.oude_backups), len(self.oude_backups))
        return klaar

    def vergeet(self) -> None:
        """Drop the old keys once the choice is made (they were only ever in memory)."""
        self._oud = None
        self.oude_backups = []

    def backups_verwijderen(self) -> int:
        n = 0
        for pad in self.oude_backups:
            with contextlib.suppress(FileNotFoundError):
                pad.unlink()
                n += 1
        return n


def _raw(path: Path, key: bytes) -> sqlcipher3.Connection:
    conn = backup.connect(path, key)
    conn.execute("PRAGMA secure_delete = 1")
    return conn


class _RawDb:
    """Just enough of peewee's Database for `audit.schrijf` on a raw connection (the copy being rotated)."""

    def __init__(self, conn: sqlcipher3.Connection):
        self.conn = conn

    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def execute_sql(self, sql: str, params=()):
        return self.conn.execute(sql, params)


def _opnieuw_getekend(conn, ondertekenen: bytes, gebruiker_id: int) -> None:
    row = conn.execute("SELECT id, naam, naam_sleutel, rol, klassen, actief FROM gebruiker WHERE id = ?",
                       (gebruiker_id,)).fetchone()
    rij = m.Gebruiker(id=row[0], naam=row[1], naam_sleutel=row[2], rol=row[3], klassen=row[4], actief=bool(row[5]))
    conn.execute("UPDATE gebruiker SET handtekening = ? WHERE id = ?",
                 (handtekening.onderteken(ondertekenen, rij), gebruiker_id))


def roteren(store: Store, gebruiker_id: int, velden: dict, door, backup_map: Path | None,
            voortgang: Callable[[int, int], None] | None = None) -> Rotatie:
    """New keys for the database of `store` (a zorgcoördinator's, with no transaction open), with the user
    change that revokes – `velden` of gebruiker `gebruiker_id` (actief, rol, klassen), re-signed – applied to the
    copy in the same step, with an audit entry by `door`. The store is open on the new file afterwards."""
    oud = store.sleutels
    if not oud.zorg:
        raise vertrouwelijk.GeenSleutel()
    if store.db.in_transaction():
        raise RuntimeError("the keys rotate in a step of their own, outside any transaction")
    nieuw = Sleutels.nieuw(ondertekenen=oud.ondertekenen)
    stap = _Stappen(voortgang, 6)
    with tempfile.TemporaryDirectory(prefix="rotatie-", dir=swap.temp_dir(store.path)) as tmp:
        kopie, sleutels_pad = Path(tmp) / store.path.name, Path(tmp) / KeyRing.for_database(store.path).name
        bron = backup.connect(store.path, oud.database)
        try:
            doel = _raw(kopie, oud.database)
            try:
                bron.backup(doel)  # one consistent snapshot of what is committed
            finally:
                doel.close()
        finally:
            bron.close()
        stap()
        conn = _raw(kopie, oud.database)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("BEGIN")
            zet = ", ".join(f'"{k}" = ?' for k in velden)
            conn.execute(f"UPDATE gebruiker SET {zet} WHERE id = ?", (*velden.values(), gebruiker_id))
            _opnieuw_getekend(conn, oud.ondertekenen, gebruiker_id)
            vertrouwelijk.herversleutel_alles(conn, oud.vertrouwelijk, nieuw.vertrouwelijk)
            audit.schrijf(_RawDb(conn), door, Actie.GEWIJZIGD, wat="gebruiker; sleutels vernieuwd")
            actief = conn.execute("SELECT id, naam, rol FROM gebruiker WHERE actief = 1").fetchall()
            conn.execute("COMMIT")
            stap()
            conn.execute(f'PRAGMA rekey = "{sqlcipher_passphrase(nieuw.database)}"')
            conn.execute("VACUUM")  # no page of the old layout (or a freed old value) stays behind
            stap()
        finally:
            conn.close()
        ring = KeyRing(sleutels_pad, {}, store.keyring.database_id, store.keyring.controle)
        zonder = []
        for _id, naam, rol in actief:
            if rol == Rol.ALLEEN_LEZEN.value:
                continue  # no database key at all: their password opens the overview file (services/lezersoverzicht)
            if store.keyring.is_legacy(naam) or not store.keyring.has_user(naam):
                zonder.append(naam)
                continue
            ring.slots[_slot(store.keyring, naam)["id"]] = copy.deepcopy(_slot(store.keyring, naam))
            ring.give(naam, nieuw.voor(rol == Rol.ZORGCOORDINATOR.value))
        ring.save()
        backup._fsync_file(kopie)
        stap()
        oude_backups = _backups_van(store, backup_map)
        store.db.close()
        swap.replace_database(store.path, kopie, sleutels_pad, label="voor-sleutelwissel")
        stap()
    ring.path = KeyRing.for_database(store.path)
    store.db = _connect(store.path, nieuw.database)
    store.db.execute_sql("SELECT 1")
    store.keyring, store.sleutels = ring, nieuw
    store.bind()
    _anker_opnieuw(store, oud, nieuw)
    stap()
    log.info("keys rotated; %d older backup(s) still use the old keys", len(oude_backups))
    return Rotatie(oude_backups, zonder, oud, nieuw, ring, store.path)


def roteren_op_server(store, keyring: KeyRing) -> tuple[Sleutels, list[str]]:
    """The server's counterpart of `roteren`, inside the caller's transaction, after the gebruiker row that
    revokes a zorgcoördinator was written (disabled, or another role): a new confidential key, every envelope
    re-encrypted under it, and the slots of the zorgcoördinators who remain given it (sealed to each slot's
    X25519 key: no passwords needed). The revoked user's slot and login are the caller's. A copy of their old
    slot opens only the old key, which reads nothing written from now on; the server refuses envelopes from
    sessions that still hold the old key (server_rechten: _SLEUTEL_CONTROLE). There is no database key to
    rotate (the server's rights, not a key, keep the data) and the signing key stays, as on the file
    (docs/BEVEILIGING.md). Returns the new keys and the zorgcoördinators whose slot could not be given them."""
    from ..db import server

    oud = store.sleutels
    if not oud.zorg:
        raise vertrouwelijk.GeenSleutel()
    nieuw = replace(oud, vertrouwelijk=keys.new_database_key())
    db = store.db
    nieuw_id = server.sleutel_id(nieuw.vertrouwelijk)
    server.zet_sleutel_id(db.connection(), nieuw_id)  # undone with the transaction if it fails
    db.execute_sql('DELETE FROM "sleutel_versie"')
    db.execute_sql('INSERT INTO "sleutel_versie" ("id") VALUES (?)', [nieuw_id])
    vertrouwelijk.herversleutel_alles(db.cursor(), oud.vertrouwelijk, nieuw.vertrouwelijk)
    zonder = []
    for (naam,) in db.execute_sql("SELECT naam FROM gebruiker WHERE actief AND rol = ?", [Rol.ZORGCOORDINATOR.value]):
        if not keyring.give(naam, nieuw):
            zonder.append(naam)
    return nieuw, zonder


def _anker_opnieuw(store: Store, oud: Sleutels, nieuw: Sleutels) -> None:
    """The audit trail's anchor (db/anker.py) is sealed with a key derived from the signing key
    (services/audit.py `audit_sleutel`): sealed again with the new one when that changed – and only when it held
    under the old one, so a rotation never covers up a cut. A rotation keeps the signing key, so usually the seal
    simply stays valid."""
    if not oud.ondertekenen or not nieuw.ondertekenen or oud.ondertekenen == nieuw.ondertekenen:
        return
    conn = store.db.connection()
    database_id = identity.of(conn, nieuw.database)
    try:
        vorig = anker.lees(store.path, keys.audit_key(oud.ondertekenen), database_id)
        if vorig is not None and anker.afwijking(conn, vorig) is None:
            anker.verzegel(store.path, anker.stand(conn), keys.audit_key(nieuw.ondertekenen), database_id)
    except (anker.AnkerFout, OSError) as exc:  # it stays as it was: the next start reports it, as before
        log.warning("audit anchor not sealed again after the rotation: %s", type(exc).__name__)


def _slot(ring: KeyRing, naam: str) -> dict:
    from ..db.keys import _slot_id

    return ring.slots[_slot_id(naam)]


class _Stappen:
    def __init__(self, voortgang, totaal: int):
        self.voortgang, self.totaal, self.n = voortgang, totaal, 0

    def __call__(self) -> None:
        self.n += 1
        if self.voortgang:
            self.voortgang(self.n, self.totaal)


def _backups_van(store: Store, backup_map: Path | None) -> list[Path]:
    """The backups of this database (by id) in the backup folder: all made with the keys being replaced."""
    if backup_map is None:
        return []
    eigen = store.keyring.database_id
    return [b.pad for b in backup.list_backups(backup_map, store.path.stem) if b.manifest.database_id == eigen]


def _herversleutel_backup(pad: Path, oud: Sleutels, nieuw: Sleutels, ring: KeyRing, db_path: Path) -> None:
    """One backup rewritten with the new keys: its envelopes re-encrypted, the copy rekeyed, the current key
    file in it; written under a temporary name and renamed over the old one."""
    with tempfile.TemporaryDirectory(prefix="backup-sleutel-", dir=swap.temp_dir(db_path)) as tmp:
        db, _keys = backup.extract(pad, Path(tmp))
        conn = _raw(db, oud.database)
        try:
            conn.execute("BEGIN")
            vertrouwelijk.herversleutel_alles(conn, oud.vertrouwelijk, nieuw.vertrouwelijk)
            conn.execute("COMMIT")
            conn.execute(f'PRAGMA rekey = "{sqlcipher_passphrase(nieuw.database)}"')
            conn.execute("VACUUM")
        finally:
            conn.close()
        sleutels = Path(tmp) / "nieuw.sleutels"
        ring.save(sleutels)
        with zipfile.ZipFile(pad) as z:
            manifest = z.read(backup.MANIFEST_MEMBER)
        nieuw_zip = pad.with_name(f".thuiszit-backup-{pad.stem}.tmp")
        try:
            with zipfile.ZipFile(nieuw_zip, "w", zipfile.ZIP_STORED) as z:
                z.writestr(backup.MANIFEST_MEMBER, manifest)
                z.write(sleutels, backup.KEYS_MEMBER)
                z.write(db, backup.DB_MEMBER)
            backup._fsync_file(nieuw_zip)
            files.replace(nieuw_zip, pad)
        except BaseException:
            nieuw_zip.unlink(missing_ok=True)
            raise
    files.fsync_dir(pad.parent)


