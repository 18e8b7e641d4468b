"""Creating a school's database, logging in, and the bundle of services a logged-in user gets."""

from __future__ import annotations

import contextlib
import importlib
import logging
import operator
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw
import sqlcipher3

from ..db import anker, connection, faults, handtekening, identity, keys, pogingen, swap
from ..db import models as m
from ..db.audit import schrijf
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import DatabaseBeschadigd, DatabaseFout, InlogFout, TeVeelPogingen
from ..domain.gebruiker import Gebruiker, Rol, check_nieuwe_gebruiker, naam_sleutel
from ..domain.school import School
from . import instellingen, sleutels
from .context import Context
from .lezersoverzicht import Lezersessie, ServerLezersessie, lezer_inloggen
from .school import SWV
from .toegang import beveilig

if TYPE_CHECKING:
    from .aan_de_slag import AanDeSlagService
    from .actiepunten import ActiepuntService
    from .afdrukken import AfdrukService
    from .audit import AuditService
    from .backups import BackupService
    from .bewaren import BewaarService
    from .concepten import ConceptService
    from .gebruikers import GebruikersService
    from .gesprekken import GesprekService
    from .importing import ImportService
    from .inzage import InzageService
    from .kalender import KalenderService
    from .kwartaal import KwartaalService
    from .leerlingen import LeerlingenService
    from .lezersoverzicht import LezersoverzichtService
    from .mdo import MdoService
    from .ongedaan import OngedaanService
    from .overzichten import OverzichtenService
    from .partners import PartnerService
    from .plannen import PlanService
    from .profielen import ProfielService
    from .school import SchoolService
    from .signalen import SignalenService
    from .tijdlijn import TijdlijnService
    from .trajecten import TrajectService
    from .vergrendeling import VergrendelService
    from .verzuim import VerzuimService

log = logging.getLogger(__name__)

# Every service: its module, its class and what its constructor takes after the context (other services, an
# attribute of one, or "*": the bundle itself). A service is built the first time it is asked for, so a start imports and wraps only
# the ones it uses (issue 16: the traject, plan and PDF services are most of the import time).
DIENSTEN: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "school": ("school", "SchoolService", ()),
    "leerlingen": ("leerlingen", "LeerlingenService", ()),
    "importeren": ("importing", "ImportService", ()),
    "concepten": ("concepten", "ConceptService", ()),
    "kalender": ("kalender", "KalenderService", ()),
    "signalen": ("signalen", "SignalenService", ("kalender",)),
    "kwartaal": ("kwartaal", "KwartaalService", ("signalen",)),
    "overzichten": ("overzichten", "OverzichtenService", ("kalender", "signalen", "school")),
    "verzuim": ("verzuim", "VerzuimService", ("kalender",)),
    "trajecten": ("trajecten", "TrajectService", ()),  # the praktijkkaart: a traject's steps, checklist, analyse
    "gesprekken": ("gesprekken", "GesprekService", ()),
    "mdo": ("mdo", "MdoService", ()),  # MDO's, besluiten, toestemmingen
    "actiepunten": ("actiepunten", "ActiepuntService", ()),
    "partners": ("partners", "PartnerService", ()),  # the address book
    "tijdlijn": ("tijdlijn", "TijdlijnService", ("signalen", "verzuim")),  # and the herinneringen
    "plannen": ("plannen", "PlanService", ("trajecten", "leerlingen")),
    "ongedaan": ("ongedaan", "OngedaanService", ("kalender._changed",)),  # undo a delete
    "vergrendeling": ("vergrendeling", "VergrendelService", ()),
    "aan_de_slag": ("aan_de_slag", "AanDeSlagService", ()),
    "gebruikers": ("gebruikers", "GebruikersService", ()),
    "profielen": ("profielen", "ProfielService", ()),
    "audit": ("audit", "AuditService", ()),
    "backups": ("backups", "BackupService", ()),
    "bewaren": ("bewaren", "BewaarService", ("backups",)),  # a backup before the terms are applied
    "inzage": ("inzage", "InzageService", ("trajecten", "gesprekken", "mdo", "actiepunten", "signalen", "verzuim",
                                          "plannen", "bewaren")),
    "afdrukken": ("afdrukken", "AfdrukService", ("trajecten", "mdo", "school", "inzage")),
    "lezersoverzicht": ("lezersoverzicht", "LezersoverzichtService", ("*",)),  # (the bundle: see there)
}

class Services:
    """Everything a logged-in user can do; the GUI and the CLI get one of these."""

    school: SchoolService
    leerlingen: LeerlingenService
    importeren: ImportService
    concepten: ConceptService
    kalender: KalenderService
    signalen: SignalenService
    kwartaal: KwartaalService
    overzichten: OverzichtenService
    verzuim: VerzuimService
    trajecten: TrajectService
    gesprekken: GesprekService
    mdo: MdoService
    actiepunten: ActiepuntService
    partners: PartnerService
    tijdlijn: TijdlijnService
    plannen: PlanService
    ongedaan: OngedaanService
    vergrendeling: VergrendelService
    aan_de_slag: AanDeSlagService
    gebruikers: GebruikersService
    profielen: ProfielService
    audit: AuditService
    backups: BackupService
    bewaren: BewaarService
    inzage: InzageService
    afdrukken: AfdrukService
    lezersoverzicht: LezersoverzichtService

    def __init__(self, store: connection.Store, gebruiker: Gebruiker, waarschuwingen: list[str] | None = None):
        self.ctx = Context(store, gebruiker)
        self.waarschuwingen = list(waarschuwingen or [])  # for the user after login (rows changed outside)
        self._bouwen = threading.RLock()  # the signals worker may ask for a service the GUI thread is building

    def __getattr__(self, naam: str):
        """A service of DIENSTEN, built (and wrapped with its rules) the first time it is asked for."""
        if naam not in DIENSTEN:
            raise AttributeError(f"{type(self).__name__} has no attribute {naam!r}")
        with self._bouwen:
            if naam not in self.__dict__:
                module, klasse, nodig = DIENSTEN[naam]
                cls = getattr(importlib.import_module(f".{module}", __package__), klasse)
                service = cls(self.ctx, *(self if n == "*" else operator.attrgetter(n)(self) for n in nodig))
                # with its rules from toegang.REGELS: roles and, for a mentor, only the students of their
                # klassen (a method without a rule is for the zorgcoördinator only)
                self.__dict__[naam] = beveilig(self.ctx, naam, service)
        return self.__dict__[naam]

    @property
    def gebruiker(self) -> Gebruiker:
        return self.ctx.gebruiker

    @property
    def ziet_vertrouwelijk(self) -> bool:
        """Whether this user sees what is marked vertrouwelijk (see Context.ziet_vertrouwelijk): screens of
        gesprekken and MDO's ask it to tell hidden content from empty content."""
        return self.ctx.ziet_vertrouwelijk

    @property
    def database_path(self) -> Path:
        return self.ctx.store.path

    def controle(self) -> None:
        """The check of every page that the GUI's login left for later (`login(controle_later=True)`), run on
        a read-only connection of its own; DatabaseBeschadigd when it finds damage. Nothing when it ran at
        the login."""
        self.ctx.gecontroleerd()

    @property
    def beschadigd(self) -> bool:
        """The check found damage: nothing more is written into the file (not even at close)."""
        controle = getattr(self.ctx.store, "controle", None)
        return controle is not None and controle.fout is not None

    def end_thread(self) -> None:
        """Close the calling worker thread's own connection (peewee keeps one per thread)."""
        self.ctx.store.db.close()

    def close(self) -> None:
        if self.ctx.store.op_server:  # the server: no files beside it to keep up, only the lezers' overview row
            try:
                self.lezersoverzicht._bijwerken_als_nodig()
            finally:
                self.ctx.store.close()
            return
        if self.beschadigd:
            self.ctx.store.close()
            return
        try:
            self.lezersoverzicht._bijwerken_als_nodig()  # the alleen-lezen overview, when something changed
            self.audit._zegel()  # a zorgcoördinator's session seals the audit trail's anchor as it leaves it
        finally:
            self.ctx.store.close()


def database_path(data_dir: Path) -> Path:
    return data_dir / connection.DATABASE_NAME


def database_exists(path: Path) -> bool:
    """Something of a database is here – the file, its key file, or a restore a kill interrupted – so this
    is no place for a new one (and logging in says what is wrong with it)."""
    return connection.exists(path) or connection.KeyRing.for_database(path).exists() or swap.pending(path)


def create_school(path: Path, school: School, naam: str, wachtwoord: str, herhaling: str,
                  *, check_wachtwoord: bool = True) -> Services:
    """A new database for `school` with `naam` as its first zorgcoördinator, logged in.

    `check_wachtwoord=False` is for the demo school only, whose password is the well-known "demo".
    """
    school = school.validated()
    if check_wachtwoord:
        check_nieuwe_gebruiker(naam, wachtwoord, herhaling)
    naam = " ".join(naam.split())
    store = connection.create_store(path)
    try:
        with store.db.atomic():
            m.School.create(naam=school.naam, brin=school.brin, regio=school.regio.value,
                            schooltype=school.schooltype.value, uren_per_lesdag=school.uren_per_lesdag)
            if school.swv:
                instellingen.schrijf(SWV, school.swv)
            row = m.Gebruiker.create(naam=naam, naam_sleutel=naam_sleutel(naam), rol=Rol.ZORGCOORDINATOR.value)
            handtekening.onderteken_rij(store.sleutels.ondertekenen, row.id)
            instellingen.schrijf(sleutels.SETTING_VERSIE, 2)
            store.keyring.set_user(naam, wachtwoord, store.sleutels)
            store.keyring.save()  # inside the transaction: if this fails, nothing was created
    except BaseException:
        store.close()
        remove_database(path)
        raise
    services = Services(store, Gebruiker(row.id, naam, Rol.ZORGCOORDINATOR))
    services.audit._begin()
    return services


def remove_database(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), connection.KeyRing.for_database(path),
              identity.marker_path(path), anker.pad(path), pogingen.pad(path)):
        p.unlink(missing_ok=True)


def aanmelden(path: Path, naam: str, wachtwoord: str, *, lezend: bool = False, controle_later: bool = False,
              intussen: Callable[[], object] | None = None) -> Services | Lezersessie:
    """The login of the GUI and the CLI: the database (`login`), or for an alleen-lezen user only the overview
    of counts (services/lezersoverzicht.py) – they have no key for the database."""
    mislukt, wachten = pogingen.wachten(path, naam)
    if wachten:
        raise TeVeelPogingen(mislukt, wachten)
    try:
        lezer = lezer_inloggen(path, naam, wachtwoord)
    except InlogFout as exc:
        exc.mislukt, exc.wachten = pogingen.mislukt(path, naam)
        raise
    if lezer is None:
        return login(path, naam, wachtwoord, lezend=lezend, controle_later=controle_later, intussen=intussen)
    pogingen.gelukt(path, naam)
    return lezer


def login(path: Path, naam: str, wachtwoord: str, *, lezend: bool = False, controle_later: bool = False,
          intussen: Callable[[], object] | None = None) -> Services:
    """Open the database with this user's own password; InlogFout (one neutral message) otherwise.

    `lezend`: for a command that only reads – it writes nothing at login (no housekeeping, and its login
    entry follows with `login_vastleggen` when it is done), so it starts even while another program holds
    the database's write lock.

    `controle_later` (the GUI): the check of every page is not part of the login but `services.controle()`,
    run in the background once the window is there; the user's actions wait for it (services/context.py).
    A damaged page that the login's own reads and writes run into is DatabaseBeschadigd, as from the check.

    `intussen`: what this thread does while the keys are derived from the password (db/keys.py KeyRing.open):
    the GUI imports its main window then (ui/shell/login.py hoofdvenster_laden)."""
    mislukt, wachten = pogingen.wachten(path, naam)
    if wachten:  # wrong passwords in a row for this name, in this program or another: not even tried
        raise TeVeelPogingen(mislukt, wachten)
    try:
        store = connection.open_store(path, naam, wachtwoord, controle=not controle_later, intussen=intussen)
    except InlogFout as exc:
        exc.mislukt, exc.wachten = pogingen.mislukt(path, naam)
        raise
    with _schade_vertaald():
        services = _inloggen(store, path, naam, wachtwoord, lezend)
    if controle_later:  # armed after the login's own writes: from now on an action waits for it
        store.controle = connection.Controle(path, store.key)
    return services


@contextlib.contextmanager
def _schade_vertaald():
    """A damaged page met while logging in (without the check of every page first) is DatabaseBeschadigd, so
    the login dialog offers the last good backup; other database errors stay what they are."""
    try:
        yield
    except (pw.DatabaseError, sqlcipher3.Error) as exc:
        if isinstance(exc, DatabaseFout) or not faults.is_damage(exc):
            raise
        log.warning("database damaged at login: %s", type(exc).__name__)
        raise DatabaseBeschadigd() from None


def _inloggen(store: connection.Store, path: Path, naam: str, wachtwoord: str, lezend: bool) -> Services:
    try:
        row = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
        if row is None or not row.actief:
            fout = InlogFout()
            fout.mislukt, fout.wachten = pogingen.mislukt(path, naam)
            raise fout
        waarschuwingen = sleutels.bij_inloggen(store, naam, wachtwoord, row, lezend=lezend)
        klassen = tuple(k for k in row.klassen.split(",") if k)
        gebruiker = Gebruiker(row.id, row.naam, Rol(row.rol), klassen)
    except BaseException:
        store.close()
        raise
    pogingen.gelukt(path, naam)
    services = Services(store, replace(gebruiker), waarschuwingen)
    try:
        services.audit.bij_start()  # the caller shows `services.audit.uitslag` when it is not in order
    except BaseException:
        services.close()
        raise
    if not lezend:
        try:
            services.concepten.opruimen()
            login_vastleggen(services)
            services.lezersoverzicht._bijwerken_als_nodig(bij_login=True)  # also moves alleen-lezen users over
            services.audit._zegel()
        except BaseException:
            store.close()  # (not services.close(): it would write into the file that just failed again)
            raise
    return services


def login_server(dsn: str, naam: str, wachtwoord: str) -> Services | Lezersessie:
    """Log in on the school's shared database (db/server.py) as the user's own login role, with their own
    password; the server keeps their klas scope (db/server_rechten.py), the program keeps it as well.

    On the server the password is checked (and wrong ones slowed down) by PostgreSQL itself, and the audit
    trail is kept by the server (append-only, chained by a trigger), so the files the single-file mode keeps
    beside the database – attempts, anchor – are not used. An alleen-lezen user gets a `ServerLezersessie`
    (as a `Lezersessie` on a file): the server lets their role read only the overview of counts a
    zorgcoördinator's session writes there, and the count views."""
    from ..db import server  # psycopg only for a school that has a server

    store = server.open_store(server.lees_adres(dsn, naam_sleutel(naam)), naam, wachtwoord)
    try:
        rol, gebruiker_id = store.db.execute_sql("SELECT thuiszit_mijn_rol(), thuiszit_gebruiker_id()").fetchone()
        if rol == Rol.ALLEEN_LEZEN.value:  # the server knows their role: no gebruiker row to read for them
            lezer = Gebruiker(gebruiker_id, " ".join(naam.split()), Rol.ALLEEN_LEZEN)
            with store.db.atomic():
                schrijf(store.db, lezer, Actie.INGELOGD)
            return ServerLezersessie(store, lezer)
        row = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
        if row is None or not row.actief:
            raise InlogFout()  # a login role without an active user here: the same neutral refusal
        # The row the server gives is the one the program signed: a role or klas set by hand (by the DBA,
        # say) does not become this user's role in the program.
        if store.sleutels.controle is None or not handtekening.klopt(store.sleutels.controle, row):
            raise DatabaseFout("Uw gegevens in de schooldatabase (naam, rol of klassen) zijn buiten het programma "
                               "gewijzigd. Vraag de zorgcoördinator ze in Gebruikers opnieuw op te slaan.")
        gebruiker = Gebruiker(row.id, row.naam, Rol(row.rol), tuple(k for k in row.klassen.split(",") if k))
    except BaseException:
        store.close()
        raise
    services = Services(store, gebruiker)  # type: ignore[arg-type]  # ServerStore: the same interface
    try:
        services.audit.bij_start()  # the caller shows `services.audit.uitslag` when it is not in order
        with services.ctx.action():
            services.ctx.audit(Actie.INGELOGD)
        services.lezersoverzicht._bijwerken_als_nodig(bij_login=True)  # a zorgcoördinator's, when there is none
    except BaseException:
        services.close()
        raise
    return services


def eigen_wachtwoord_nodig(services: Services | Lezersessie) -> bool:
    """On the server: the user logged in with the one-time password a zorgcoördinator handed them (`server
    overzetten`); they choose their own first (`wachtwoord_wijzigen`), before anything else."""
    if isinstance(services, Lezersessie):
        return isinstance(services, ServerLezersessie) and services.store.keyring.eenmalig(services.gebruiker.naam)
    store = services.ctx.store
    return bool(store.op_server and store.keyring.eenmalig(services.gebruiker.naam))  # type: ignore[attr-defined]


def login_vastleggen(services: Services) -> None:
    """The audit entry of a login, after the wrong passwords since the last login (db/pogingen.py)."""
    with services.ctx.action():
        pogingen.boeken(services.database_path, lambda open_: _mislukt_vastleggen(services, open_))
        services.ctx.audit(Actie.INGELOGD)


def _mislukt_vastleggen(services: Services, open_: list[pogingen.Open]) -> None:
    """One entry per name: filed under the user whose name was tried, or "onbekende naam" (never the name typed)."""
    namen = {keys.slot_id(r.naam): r for r in m.Gebruiker.select()}
    for o in sorted(open_, key=lambda o: o.laatste):
        row = namen.get(o.sleutel)
        eerste, laatste = (datetime.fromtimestamp(t).replace(microsecond=0) for t in (o.eerste, o.laatste))
        wanneer = formaat.tijdstip(eerste) + (f" tot {formaat.tijdstip(laatste)}" if laatste != eerste else "")
        wat = f"{o.aantal} keer een verkeerd wachtwoord, {wanneer}"
        gebruiker = Gebruiker(row.id, row.naam, Rol(row.rol)) if row else None
        schrijf(services.ctx.store.db, gebruiker, Actie.INLOGGEN_MISLUKT, None, wat if row else "onbekende naam: " + wat)
