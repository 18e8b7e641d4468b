"""Backups of the open database: make them (by hand, daily and on close), list, preview, put one back.

The folder is a school setting (default `backups` beside the database; a network share is a good
choice). A restore replaces the database file itself, so afterwards this Services bundle is closed and
the user logs in again. A restore first makes a backup of the state it replaces, which rotation keeps (it
is the last copy of that line of work, domain/rotatie.py); so does applying the bewaartermijnen (kept four
weeks). Only backups of this database count: matched by the id in their manifest (db/identity.py), also
at the start, when the database itself does not open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from ..db import anker, backup, identity
from ..db.backup import SETTING_MAP, STANDAARD_MAP
from ..domain.audit import Actie
from ..domain.errors import DatabaseFout, GeenToegang, InvoerFout
from ..domain.gebruiker import Rol, naam_sleutel
from . import audit, instellingen, uitvoer
from .context import Context

log = logging.getLogger(__name__)

ELKE = timedelta(days=1)  # the automatic backup: at most this old
VOOR_OPRUIMEN_BEWAREN = timedelta(weeks=4)  # the backup before applying the bewaartermijnen: as long as a weekly one


@dataclass(frozen=True)
class BackupInfo:
    pad: Path
    gemaakt: datetime
    grootte: int  # bytes
    schema: int
    app_versie: str
    aantallen: dict[str, int]
    bewaard: tuple[Path, ...] = ()  # after a restore at the start: the replaced files, kept aside
    gecontroleerd: bool = True  # False: the fast backup on close, checked at the next start

    @property
    def samenvatting(self) -> str:
        if not self.gecontroleerd and not self.aantallen:
            return "gemaakt bij het afsluiten; wordt bij de volgende start gecontroleerd en geteld"
        return samenvatting(self.aantallen)


ENKELVOUD = {"leerlingen": "leerling", "trajecten": "traject", "verzuimregels": "verzuimregel",
             "gesprekken": "gesprek", "mdo's": "mdo", "plannen van aanpak": "plan van aanpak",
             "gebruikers": "gebruiker"}


def samenvatting(aantallen: dict[str, int]) -> str:
    """"600 leerlingen, 1 traject, …" for a preview."""
    return ", ".join(f"{n} {ENKELVOUD.get(label, label) if n == 1 else label}"
                     for label, n in aantallen.items()) or "leeg"


def _info(b: backup.Backup) -> BackupInfo:
    m = b.manifest
    return BackupInfo(b.pad, m.gemaakt, b.grootte, m.schema, m.app_versie, dict(m.aantallen),
                      gecontroleerd=m.gecontroleerd)


def backups_van(database: Path, folders: list[Path], naam: str = "", wachtwoord: str = "") -> list[BackupInfo]:
    """The backups of `database` in `folders`, newest first, for the start, when it may not open: matched by
    the id kept beside it (`backup.expected_id`; `naam`/`wachtwoord` help for a database from before ids).
    None when that id is unknown: then a backup chosen by hand is checked when it is put back."""
    verwacht = backup.expected_id(database, naam, wachtwoord)
    if verwacht is None:
        return []
    gevonden = {b.pad: b for folder in dict.fromkeys(folders) for b in backup.list_backups(folder, database.stem)
                if b.manifest.database_id == verwacht}
    return [_info(b) for b in sorted(gevonden.values(), key=lambda b: b.manifest.gemaakt, reverse=True)]


def lees(bestand: Path) -> BackupInfo:
    """What a backup's manifest says (date, counts), without opening it: BackupFout when it is no backup."""
    pad = Path(bestand)
    m = backup.read_manifest(pad)
    return BackupInfo(pad, m.gemaakt, pad.stat().st_size, m.schema, m.app_versie, dict(m.aantallen))


def terugzetten_bij_start(bestand: Path, database: Path, naam: str, wachtwoord: str) -> BackupInfo:
    """Put a backup back while the (damaged) database is closed: the user's own name and password must
    open the backup, so they can log in afterwards. The copy is checked before anything is replaced."""
    def zorgcoordinator(conn) -> None:  # the same rule as in a session: restoring is theirs
        row = conn.execute("SELECT rol, actief FROM gebruiker WHERE naam_sleutel = ?", (naam_sleutel(naam),)).fetchone()
        if row is None or row[0] != Rol.ZORGCOORDINATOR.value or not row[1]:
            raise GeenToegang("Alleen een zorgcoördinator kan een back-up terugzetten. Vraag het de zorgcoördinator.")
        sleutel = audit.sleutel_uit_backup(bestand, database, naam, wachtwoord)
        if sleutel is None:  # a backup from before the signing key: the next zorgcoördinator login seals
            anker.pad(database).unlink(missing_ok=True)
        else:
            anker.verzegel(database, anker.stand(conn), sleutel, backup.read_manifest(Path(bestand)).database_id)

    grootte = Path(bestand).stat().st_size
    gedaan = backup.restore(bestand, database, naam=naam, wachtwoord=wachtwoord, check_copy=zorgcoordinator)
    m = gedaan.manifest
    return BackupInfo(bestand, m.gemaakt, grootte, m.schema, m.app_versie, dict(m.aantallen), tuple(gedaan.bewaard))


def sleutels_terugzetten_bij_start(bestand: Path, database: Path, naam: str, wachtwoord: str) -> BackupInfo:
    """Only the key file of a backup, for a database that is whole but lost its key file: nothing entered
    since the backup is lost (users added since then need a new password)."""
    return _info(backup.Backup(Path(bestand), backup.restore_keys(Path(bestand), database, naam, wachtwoord),
                               Path(bestand).stat().st_size))


SERVER_BACKUP = ("Van de gedeelde schooldatabase maakt het programma zelf geen back-up: dat doet de ICT van school "
                 "(pg_dump), en een zorgcoördinator maakt de gewone versleutelde back-up met het commando "
                 "'thuiszit-desktop-cli server backup' (zie de handleiding). Er is niets veranderd.")


class BackupService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._id: str | None = None
        if not ctx.store.closed and not ctx.store.op_server:  # a server's backups are the ICT's (pg_dump)
            self._eigen_id()

    # --- the folder ---

    def map(self) -> Path:
        with self.ctx.action():
            gekozen = instellingen.lees(SETTING_MAP, "")
        return Path(gekozen) if gekozen else self.standaard_map()

    def standaard_map(self) -> Path:
        return self.ctx.store.path.parent / STANDAARD_MAP

    def map_instellen(self, map: str | Path | None) -> Path:
        """Choose the folder (None or "": the default). It must exist or be creatable, and be writable."""
        tekst = str(map or "").strip()
        with self.ctx.action():
            if tekst:
                pad = Path(tekst).expanduser()
                if not pad.is_absolute():
                    raise InvoerFout({"map": "Kies een hele map (bijvoorbeeld met 'Bladeren…'), geen losse naam."})
                self._check_map(pad, "map")
                try:
                    pad.mkdir(parents=True, exist_ok=True)
                    (pad / ".thuiszit-schrijftest.tmp").write_bytes(b"")
                    (pad / ".thuiszit-schrijftest.tmp").unlink()
                except OSError:
                    raise InvoerFout({"map": f"In de map {pad} kan het programma niet schrijven. Kies een andere "
                                             "map, of vraag de ICT om schrijfrechten."}) from None
                instellingen.schrijf(SETTING_MAP, str(pad))
            else:
                instellingen.schrijf(SETTING_MAP, "")
        return self.map()

    # --- making ---

    def _check_map(self, pad: Path, veld: str = "") -> None:
        """Backups go beside the database only in its standard `backups` folder: anywhere else in the data
        folder they would mix with the database's own files."""
        data = self.ctx.store.path.parent
        if uitvoer.binnen(pad, data) and not uitvoer.binnen(pad, self.standaard_map()):
            raise InvoerFout({veld: f"{pad} ligt in de map van de database zelf. Kies voor back-ups een andere map, "
                                    "liefst op een andere schijf of de netwerkschijf van de school."})

    def maken(self, naar: Path | None = None, *, nu: datetime | None = None) -> BackupInfo:
        """A backup by hand (zorgcoördinator), into the backup folder or `naar`."""
        if self.ctx.store.op_server:
            raise DatabaseFout(SERVER_BACKUP)
        if naar:
            self._check_map(Path(naar).expanduser())
        folder = Path(naar).expanduser() if naar else self.map()
        with self.ctx.action():  # committed first, so the backup holds its own entry
            self.ctx.audit(Actie.GEEXPORTEERD, wat="back-up")
        return self._maken(folder, nu)

    def automatisch(self, *, nu: datetime | None = None, altijd: bool = False) -> BackupInfo | None:
        """The automatic backup (every role: it protects the data, it shows none): when the newest is a
        day old or older, or `altijd` (on close: fast, its check follows at the next start). Before that,
        the backups not yet checked are checked (db/backup.py `controleer`). None when none was needed."""
        if self.ctx.store.closed or self.ctx.store.op_server:  # after a restore; a server's are `server backup`
            return None
        folder = self.map()
        nu = nu or datetime.now()
        if altijd:
            return self._maken(folder, nu, snel=True)
        self._controleren(folder)
        if not self.nodig(nu=nu, folder=folder):
            return None
        return self._maken(folder, nu)

    def _controleren(self, folder: Path | None = None) -> list[Path]:
        """Check the backups made on close (the full integrity check they skipped then); those that fail are
        set aside. Returns the ones set aside."""
        store = self.ctx.store
        folder = folder or self.map()
        apart = backup.controleer(folder, store.path.stem, self._eigen_id(), store.key, store.path)
        if apart:
            log.warning("%d backup(s) failed the check and were set aside", len(apart))
        backup.rotate(folder, store.path.stem, self._eigen_id())  # checked, they now take their place
        return apart

    def nodig(self, *, nu: datetime | None = None, folder: Path | None = None) -> bool:
        laatste = self.laatste(folder)
        return laatste is None or (nu or datetime.now()) - laatste.gemaakt >= ELKE

    def voor_opruimen(self, *, nu: datetime | None = None) -> BackupInfo:
        """The backup before the bewaartermijnen are applied (zorgcoördinator): kept four weeks, so a mistake
        can be undone, and then rotated away like any other (the terms apply to backups too)."""
        with self.ctx.action():
            pass
        nu = nu or datetime.now()
        return self._maken(self.map(), nu, reden=backup.VOOR_OPRUIMEN, bewaren_tot=(nu + VOOR_OPRUIMEN_BEWAREN).date())

    def _maken(self, folder: Path, nu: datetime | None, *, reden: str = "", bewaren_tot: date | None = None,
               snel: bool = False) -> BackupInfo:
        store = self.ctx.store
        if store.op_server:
            raise DatabaseFout(SERVER_BACKUP)
        return _info(backup.make(store.path, store.key, folder, nu=nu, reden=reden, bewaren_tot=bewaren_tot,
                                 anker=lambda kopie: anker.stand(kopie).to_dict(),  # the audit trail's head
                                 rotate_after=reden != backup.VOOR_TERUGZETTEN, snel=snel))

    def _eigen_id(self) -> str:
        """Which database this is (db/identity.py): its backups carry the same id. Read once, on the thread
        that opened the session: a worker thread must not open a connection of its own just for this."""
        if self._id is None:
            self._id = identity.of(self.ctx.store.db.connection(), self.ctx.store.key)
        return self._id

    # --- looking ---

    def lijst(self, folder: Path | None = None) -> list[BackupInfo]:
        """The backups of this database in the backup folder (or `folder`), newest first."""
        eigen = self._eigen_id()
        return [_info(b) for b in backup.list_backups(folder or self.map(), self.ctx.store.path.stem)
                if b.manifest.database_id == eigen]

    def laatste(self, folder: Path | None = None) -> BackupInfo | None:
        backups = self.lijst(folder)
        return backups[0] if backups else None

    def voorbeeld(self, bestand: Path) -> BackupInfo:
        """Date, schema version and counts of a backup, after opening its copy with this database's key
        and a full integrity check (BackupFout when it is damaged or of another database)."""
        manifest = backup.check(Path(bestand), self.ctx.store.key, self._eigen_id(), self.ctx.store.path)
        return BackupInfo(Path(bestand), manifest.gemaakt, Path(bestand).stat().st_size, manifest.schema,
                          manifest.app_versie, dict(manifest.aantallen))

    def aantallen(self) -> dict[str, int]:
        """The same counts as in a backup's preview, of the database as it is now (what a restore loses)."""
        with self.ctx.action():
            return backup.counts(self.ctx.store.db.connection())

    # --- putting back ---

    def terugzetten(self, bestand: Path, *, nu: datetime | None = None) -> BackupInfo:
        """Replace the database by backup `bestand` (zorgcoördinator). Checked first, then the current state
        is backed up (kept by rotation: nothing entered since is lost for good); afterwards this bundle of
        services is closed: log in again (with the password you had at the time of the backup)."""
        bestand = Path(bestand)
        with self.ctx.action():
            pass
        info = self.voorbeeld(bestand)
        store = self.ctx.store
        if not backup.keyring(bestand, store.path).has_user(self.ctx.gebruiker.naam):
            raise InvoerFout("In deze back-up bestaat uw account nog niet, dus na het terugzetten kunt u "
                                 "niet inloggen. Kies een latere back-up.")
        try:
            self._maken(self.map(), nu, reden=backup.VOOR_TERUGZETTEN)
        except backup.BackupFout as exc:
            raise backup.BackupFout(f"Er is niets teruggezet. Eerst wordt een back-up gemaakt van de gegevens zoals "
                                    f"ze nu zijn, en dat lukte niet: {exc}") from None
        key, eigen = store.key, self._eigen_id()
        sleutel = audit.audit_sleutel(self.ctx)

        def verzegel(kopie) -> None:  # the anchor follows the chain put back (it is shorter: no false alarm)
            if sleutel is None:
                anker.pad(store.path).unlink(missing_ok=True)
            else:
                anker.verzegel(store.path, anker.stand(kopie), sleutel, eigen)

        store.close()  # releases the lock; restore takes it again while it swaps the files
        backup.restore(bestand, store.path, key=key, database_id=eigen, nu=nu, check_copy=verzegel)
        log.info("database replaced by a backup")
        return info

