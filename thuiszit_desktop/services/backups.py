"""Backups of the open database: make them (by hand, daily and on close), list, preview, put one back.

The folder is a school setting (default `backups` beside the database; a network share is a good
choice). A restore replaces the database file itself, so afterwards this Services bundle is closed and
the user logs in again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..db import backup
from ..domain.audit import Actie
from ..domain.errors import GeenToegang, InvoerFout
from ..domain.gebruiker import Rol, naam_sleutel
from . import instellingen
from .context import Context

log = logging.getLogger(__name__)

SETTING_MAP = "backups.map"
STANDAARD_MAP = "backups"  # beside the database
ELKE = timedelta(days=1)  # the automatic backup: at most this old


@dataclass(frozen=True)
class BackupInfo:
    pad: Path
    gemaakt: datetime
    grootte: int  # bytes
    schema: int
    app_versie: str
    aantallen: dict[str, int]

    @property
    def samenvatting(self) -> str:
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
    return BackupInfo(b.pad, m.gemaakt, b.grootte, m.schema, m.app_versie, dict(m.aantallen))


def backups_in(folder: Path, database: Path) -> list[BackupInfo]:
    """The backups of `database` (by file name) in `folder`, newest first; for the start, before login."""
    return [_info(b) for b in backup.list_backups(folder, database.stem)]


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

    grootte = Path(bestand).stat().st_size
    manifest = backup.restore(bestand, database, naam=naam, wachtwoord=wachtwoord, check_copy=zorgcoordinator)
    return BackupInfo(bestand, manifest.gemaakt, grootte, manifest.schema, manifest.app_versie, dict(manifest.aantallen))


class BackupService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

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
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            if tekst:
                pad = Path(tekst).expanduser()
                if not pad.is_absolute():
                    raise InvoerFout({"map": "Kies een hele map (bijvoorbeeld met 'Bladeren…'), geen losse naam."})
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

    def maken(self, naar: Path | None = None, *, nu: datetime | None = None) -> BackupInfo:
        """A backup by hand (zorgcoördinator), into the backup folder or `naar`."""
        folder = Path(naar) if naar else self.map()
        with self.ctx.action(Rol.ZORGCOORDINATOR):  # committed first, so the backup holds its own entry
            self.ctx.audit(Actie.GEEXPORTEERD, wat="back-up")
        return self._maken(folder, nu)

    def automatisch(self, *, nu: datetime | None = None, altijd: bool = False) -> BackupInfo | None:
        """The automatic backup (every role: it protects the data, it shows none): when the newest is a
        day old or older, or `altijd` (on close). None when none was needed."""
        if self.ctx.store.closed:  # e.g. after a restore: nothing (left) to back up
            return None
        folder = self.map()
        nu = nu or datetime.now()
        if not altijd and not self.nodig(nu=nu, folder=folder):
            return None
        return self._maken(folder, nu)

    def nodig(self, *, nu: datetime | None = None, folder: Path | None = None) -> bool:
        laatste = self.laatste(folder)
        return laatste is None or (nu or datetime.now()) - laatste.gemaakt >= ELKE

    def _maken(self, folder: Path, nu: datetime | None) -> BackupInfo:
        store = self.ctx.store
        return _info(backup.make(store.path, store.key, folder, nu=nu))

    # --- looking ---

    def lijst(self, folder: Path | None = None) -> list[BackupInfo]:
        """The backups of this database in the backup folder (or `folder`), newest first."""
        eigen = backup.database_id(self.ctx.store.key)
        return [_info(b) for b in backup.list_backups(folder or self.map(), self.ctx.store.path.stem)
                if b.manifest.database_id == eigen]

    def laatste(self, folder: Path | None = None) -> BackupInfo | None:
        backups = self.lijst(folder)
        return backups[0] if backups else None

    def voorbeeld(self, bestand: Path) -> BackupInfo:
        """Date, schema version and counts of a backup, after opening its copy with this database's key
        and a full integrity check (BackupFout when it is damaged or of another database)."""
        manifest = backup.check(Path(bestand), self.ctx.store.key)
        return BackupInfo(Path(bestand), manifest.gemaakt, Path(bestand).stat().st_size, manifest.schema,
                          manifest.app_versie, dict(manifest.aantallen))

    def aantallen(self) -> dict[str, int]:
        """The same counts as in a backup's preview, of the database as it is now (what a restore loses)."""
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            return backup.counts(self.ctx.store.db.connection())

    # --- putting back ---

    def terugzetten(self, bestand: Path) -> BackupInfo:
        """Replace the database by backup `bestand` (zorgcoördinator). Checked first; afterwards this
        bundle of services is closed: log in again (with the password you had at the time of the backup)."""
        bestand = Path(bestand)
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            pass
        info = self.voorbeeld(bestand)
        if not backup.keyring(bestand).has_user(self.ctx.gebruiker.naam):
            raise InvoerFout("In deze back-up bestaat uw account nog niet, dus na het terugzetten kunt u "
                                 "niet inloggen. Kies een latere back-up.")
        store = self.ctx.store
        key = store.key
        store.close()  # releases the lock; restore takes it again while it swaps the files
        backup.restore(bestand, store.path, key=key)
        log.info("database replaced by a backup")
        return info

