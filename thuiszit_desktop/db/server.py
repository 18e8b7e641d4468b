"""The shared school database on a PostgreSQL server: its address, and the connection the models use.

The store is chosen at the composition root; the services do not know which one they run on. What the two
stores do differently at the level of a connection is here:
- Parameters: the services write raw SQL with SQLite's "?"; a server connection turns them into psycopg's
  "%s" (escaping a literal "%"). Peewee's own queries already use "%s" and never contain "?" (a "?" inside
  a string literal of raw SQL would be taken for a parameter: write such values as parameters).
- Dates: SQLite hands DATE and TIMESTAMP columns back as ISO text, and the services' raw cursors compare and
  parse that text. A server connection loads them as the same text (ISO DateStyle); peewee's fields parse
  text as they do on the file.
- TLS: verify-full by default (the server's certificate must be signed by the school's CA and name the host);
  no TLS only on this computer itself, for tests.
The schema (server_schema.py) and who may see what (server_rechten.py) live beside this module.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import threading
import uuid
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import peewee as pw
import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg.types.json import Json, Jsonb
from psycopg.types.string import TextLoader

from ..domain.errors import DatabaseFout, GeenToegang, InlogFout, InvoerFout, VerbindingWeg
from ..domain.gebruiker import naam_sleutel as sleutel_van
from . import handtekening, migrations, server_rechten, vertrouwelijk
from .keys import KeyRing, Sleutels, slot_id
from .models import Gebruiker, database

log = logging.getLogger(__name__)

STANDAARD_POORT = 5432
LOKAAL = ("127.0.0.1", "localhost", "::1")
TLS_STANDAARD = "verify-full"
_TLS_TOEGESTAAN = ("verify-full", "disable")
VOORBEELD = "postgresql://naam@server.school.nl:5432/thuiszit"


@dataclass(frozen=True)
class ServerAdres:
    """Where the school database is and who connects: everything of a DSN but the password."""

    gebruiker: str
    host: str
    database: str
    poort: int = STANDAARD_POORT
    sslmode: str = TLS_STANDAARD
    sslrootcert: str = ""  # the school's CA certificate; empty: libpq's default (~/.postgresql/root.crt)

    @property
    def lokaal(self) -> bool:
        return self.host in LOKAAL

    def als(self, gebruiker: str) -> ServerAdres:
        """The same server and database, connected as another user (their own login role)."""
        return replace(self, gebruiker=gebruiker)

    def __str__(self) -> str:
        return f"postgresql://{self.gebruiker}@{self.host}:{self.poort}/{self.database}"

    @property
    def dsn(self) -> str:
        """The whole address as `lees_adres` reads it back, TLS settings included (never a password)."""
        opties = {"sslmode": self.sslmode, **({"sslrootcert": self.sslrootcert} if self.sslrootcert else {})}
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        return (f"postgresql://{quote(self.gebruiker, safe='')}@{host}:{self.poort}/"
                f"{quote(self.database, safe='')}?{urlencode(opties)}")


def _fout(tekst: str) -> InvoerFout:
    return InvoerFout({"server": f"{tekst} Een goed adres ziet er zo uit: {VOORBEELD}"})


def lees_adres(dsn: str, gebruiker: str = "") -> ServerAdres:
    """A DSN `postgresql://naam@host:poort/database[?sslmode=…&sslrootcert=…]`; refused with a Dutch
    message when it is not one, holds a password, or turns TLS off for another computer. `gebruiker`: who
    connects when the DSN names no one (a user logs in as their own login role whatever it says)."""
    delen = urlsplit(dsn.strip())
    if delen.scheme not in ("postgresql", "postgres"):
        raise _fout("Het serveradres moet beginnen met postgresql://.")
    if delen.password is not None:
        raise _fout("Zet het wachtwoord niet in het serveradres; het programma vraagt erom.")
    try:
        poort = delen.port or STANDAARD_POORT
    except ValueError:
        raise _fout("De poort in het serveradres is geen getal.") from None
    gebruiker, host = unquote(delen.username or gebruiker), delen.hostname or ""
    database = unquote(delen.path.lstrip("/"))
    if not gebruiker or not host or not database or "/" in database:
        raise _fout("Het serveradres mist de naam, de server of de database.")
    opties = dict(parse_qsl(delen.query, keep_blank_values=True))
    onbekend = sorted(set(opties) - {"sslmode", "sslrootcert"})
    if onbekend:
        raise _fout(f"Onbekende instelling in het serveradres: {', '.join(onbekend)}.")
    sslmode = opties.get("sslmode", TLS_STANDAARD)
    if sslmode not in _TLS_TOEGESTAAN:
        raise _fout(f"sslmode={sslmode} wordt niet gebruikt: de verbinding is versleuteld en het certificaat "
                    "van de server wordt gecontroleerd (sslmode=verify-full).")
    adres = ServerAdres(gebruiker, host, database, poort, sslmode, opties.get("sslrootcert", ""))
    if sslmode == "disable" and not adres.lokaal:
        raise _fout("Zonder versleuteling (sslmode=disable) kan alleen een database op deze computer zelf. "
                    "Gebruik sslmode=verify-full met het CA-certificaat van de school.")
    return adres


class _Psycopg3(pw.Psycopg3Adapter):
    """peewee's adapter for psycopg 3 without peewee's own import of it, which db/__init__.py keeps from
    happening at every start: what the adapter takes from that import is given here."""

    txn_idle, txn_inerror, txn_unknown = TransactionStatus.IDLE, TransactionStatus.INERROR, TransactionStatus.UNKNOWN

    def __init__(self):
        super().__init__()
        self.json_type, self.jsonb_type = Json, Jsonb

    def check_driver(self):
        pass

    def get_binary_type(self):
        return psycopg.Binary

    def connect(self, db, **params):
        return psycopg.connect(dbname=db.database, **params)

    def server_side_cursor(self, conn):
        in_txn = conn.pgconn.transaction_status == TransactionStatus.INTRANS
        return conn.cursor(name=str(uuid.uuid1()), withhold=not in_txn)


_SQLITE_BEGIN = ("DEFERRED", "IMMEDIATE", "EXCLUSIVE")
_WIJZIGT = ("INSERT", "UPDATE", "DELETE")


class ServerDatabase(pw.PostgresqlDatabase):
    """peewee's PostgreSQL database over psycopg 3, behaving like the file where the services rely on it:
    - `atomic("IMMEDIATE")` (SQLite: take the write lock at BEGIN) is a plain transaction: PostgreSQL locks
      rows, and the audit trail's trigger serialises its appends itself;
    - `wijzigingen()` counts the rows changed on this thread's connection, as SQLite's total_changes does
      (services/context.py: did an action change anything).
    """

    op_server = True  # db/audit.py: the trigger makes the audit trail's ids and hashes here; raw SQL for the server

    def atomic(self, *args, **kwargs):
        if args and args[0] in _SQLITE_BEGIN:
            args = args[1:]
        return super().atomic(*args, **kwargs)

    def wijzigingen(self) -> int:
        return getattr(self._teller, "n", 0)

    def geteld(self, sql: str, rowcount: int) -> None:
        if sql.lstrip()[:6].upper() in _WIJZIGT and rowcount > 0:
            self._teller.n = self.wijzigingen() + rowcount

    def cursor(self, named_cursor=None):
        """The services' raw cursors (bulk writes with executemany) speak SQLite's "?" too."""
        self._weer_verbinden()
        return _Cursor(super().cursor(named_cursor), self)

    def _weer_verbinden(self) -> None:
        """A connection the server dropped (a restart, the network gone) is replaced by a new one, outside a
        transaction only: a transaction that lost its connection was rolled back by the server, and the action
        it belonged to fails as a whole (nothing half-written); the next one starts on a new connection."""
        conn = self._state.conn
        if conn is not None and conn.closed and not self._state.transactions:
            self._state.reset()
            self.connect()

    def connect(self, reuse_if_open=False):
        """Also every new connection during a session (peewee connects on first use): a Dutch reason why not."""
        try:
            return super().connect(reuse_if_open)
        except pw.OperationalError as exc:
            if not self.is_closed():  # "already opened": the program's own mistake, not the server's
                raise
            raise _vertaal(exc, self.adres) from None

    def begin(self, *args, **kwargs):
        try:
            return super().begin(*args, **kwargs)
        except pw.OperationalError:  # the first word after the connection dropped: once on a new one
            if self._state.conn is None or not self._state.conn.closed:
                raise
            self._weer_verbinden()
            try:
                return super().begin(*args, **kwargs)
            except pw.OperationalError as opnieuw:
                raise _vertaal(opnieuw, self.adres) from None

    def init(self, database, **kwargs):
        super().init(database, **kwargs)
        self._teller = threading.local()  # rows changed, per thread like peewee's connections
        self.sleutel_id = ""  # which confidential key this session holds (server_rechten: _SLEUTEL_CONTROLE)
        self._adapter = _Psycopg3()  # whether or not peewee found psycopg itself
        self.eigen_pids = set()  # this program's sessions: db/meldingen.py skips their own changes

    def __init__(self, adres: ServerAdres, wachtwoord: str):
        opties = {"sslrootcert": adres.sslrootcert} if adres.sslrootcert else {}
        super().__init__(adres.database, host=adres.host, port=adres.poort, user=adres.gebruiker,
                         password=wachtwoord, sslmode=adres.sslmode, application_name="thuiszit-desktop",
                         connect_timeout=10, options="-c DateStyle=ISO,YMD",
                         **opties)
        self.adres = adres

    def _connect(self):
        conn = super()._connect()
        for soort in ("date", "timestamp"):
            conn.adapters.register_loader(soort, TextLoader)
        if self.sleutel_id:
            zet_sleutel_id(conn, self.sleutel_id)
        self.eigen_pids.add(conn.info.backend_pid)
        return conn

    def execute_sql(self, sql, params=None):
        # Raw SQL written for SQLite (see the module's docstring); psycopg reads "%" as a placeholder even
        # without parameters, so a literal one is escaped whenever there are none of its own.
        origineel = sql
        if "?" in sql or not params:
            sql = sql.replace("%", "%%").replace("?", "%s")
        try:
            cursor = super().execute_sql(sql, params)
        except pw.ProgrammingError as exc:
            reden = str(exc)
            if isinstance(exc.__cause__ or exc.__context__, psycopg.errors.InsufficientPrivilege) and \
                    (reden.startswith("permission denied") or "row-level security" in reden):
                # the server's rules (server_rechten.py) refused what the program's own rules let through
                raise GeenToegang("De schooldatabase staat dit niet toe voor uw rol of klassen. Vraag het de "
                                  "zorgcoördinator.") from None
            raise
        except pw.OperationalError as exc:
            if self.is_closed() or self.connection().closed:
                if not self._state.transactions and not getattr(self._teller, "opnieuw", False):
                    self._teller.opnieuw = True  # a read outside a transaction: once more, on a new connection
                    try:
                        return self.execute_sql(origineel, params)
                    finally:
                        self._teller.opnieuw = False
                raise _vertaal(exc, self.adres) from None
            raise
        except pw.DatabaseError as exc:
            if getattr(exc.__cause__ or exc.__context__, "sqlstate", None) == server_rechten.SLEUTEL_VERLOPEN:
                raise SleutelVervangen() from None
            raise
        self.geteld(sql, cursor.rowcount)
        return cursor


class SleutelVervangen(DatabaseFout):
    """This session's confidential key was replaced by another zorgcoördinator's session (a revoke)."""

    def __init__(self) -> None:
        super().__init__("Een andere zorgcoördinator heeft intussen de sleutels vernieuwd (iemand is ingetrokken), "
                         "dus vertrouwelijke tekst kan deze sessie niet meer opslaan. Er is niets opgeslagen. Sluit "
                         "het programma en log opnieuw in; typ de tekst daarna opnieuw.")


def sleutel_id(vertrouwelijk_sleutel: bytes | None) -> str:
    """A one-way name for a confidential key: what the server compares, never the key itself."""
    if vertrouwelijk_sleutel is None:
        return ""
    return hashlib.sha256(b"thuiszit-sleutel-id:" + vertrouwelijk_sleutel).hexdigest()[:32]


def zet_sleutel_id(conn, waarde: str) -> None:
    """Tell the server which confidential key this connection writes with (until it closes)."""
    conn.execute("SELECT set_config('thuiszit.sleutel_id', %s, false)", (waarde,))


def _server_sql(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s") if "?" in sql else sql


_PARTIJ = 2000  # rows a raw cursor fetches at a time


class _Cursor:
    """A psycopg cursor taking SQLite's "?" (see the module's docstring), counting the rows it changes."""

    def __init__(self, cursor, db: ServerDatabase):
        self._cursor, self._db = cursor, db

    def execute(self, sql, params=None):
        self._cursor.execute(_server_sql(sql), params)
        self._db.geteld(sql, self._cursor.rowcount)
        return self

    def executemany(self, sql, rijen):
        self._cursor.executemany(_server_sql(sql), rijen)
        self._db.geteld(sql, self._cursor.rowcount)
        return self

    def __getattr__(self, naam):
        return getattr(self._cursor, naam)

    def __iter__(self):
        # In batches: psycopg's row-by-row iteration costs about twice its fetchmany, and the signals read
        # tens of thousands of rows this way; a batch at a time keeps memory as small as row by row.
        return itertools.chain.from_iterable(iter(lambda: self._cursor.fetchmany(_PARTIJ), []))


def _vertaal(exc: Exception, adres: ServerAdres) -> Exception:
    """psycopg's (English) reason as something a user or the school's ICT can act on."""
    tekst = str(exc)
    waar = f"{adres.host}:{adres.poort}"
    if "password authentication failed" in tekst or "no password supplied" in tekst \
            or "is not permitted to log in" in tekst:  # uitgeschakeld: the same neutral refusal
        return InlogFout()
    if "no pg_hba.conf entry" in tekst:
        return DatabaseFout(f"De server {waar} laat deze computer of gebruiker niet toe. Vraag de ICT om een "
                            "regel in pg_hba.conf voor deze database (hostssl … scram-sha-256).")
    if "does not exist" in tekst and "database" in tekst:
        return DatabaseFout(f"Op {waar} is geen database '{adres.database}'. Controleer het serveradres.")
    if "does not support SSL" in tekst:
        return DatabaseFout(f"De server {waar} biedt geen beveiligde verbinding (TLS) aan. Vraag de ICT TLS aan te "
                            "zetten (ssl = on, met een certificaat voor deze servernaam).")
    if "root certificate file" in tekst:
        return DatabaseFout(f"Het CA-certificaat ({adres.sslrootcert or 'root.crt'}) kon niet worden gelezen. Kies "
                            "het .crt- of .pem-bestand dat u van de ICT heeft gekregen.")
    if "certificate" in tekst or "SSL" in tekst or "root.crt" in tekst:
        return DatabaseFout(f"De beveiligde verbinding met {waar} kon niet worden gecontroleerd: het certificaat "
                            "van de server is niet ondertekend door het CA-certificaat van de school of hoort "
                            "niet bij deze servernaam. Vraag de ICT om het juiste CA-certificaat (sslrootcert).")
    return VerbindingWeg(f"De schooldatabase op {waar} is niet bereikbaar. Controleer de netwerkverbinding en het "
                         "serveradres, of vraag de ICT of de server aan staat.")


def verbind(adres: ServerAdres, wachtwoord: str) -> ServerDatabase:
    """An open connection as `adres.gebruiker`, or a Dutch reason why not."""
    db = ServerDatabase(adres, wachtwoord)
    try:
        db.connect()
    except (pw.OperationalError, psycopg.OperationalError) as exc:  # peewee wraps psycopg's, same text
        log.warning("server connection failed: %s", type(exc).__name__)
        raise _vertaal(exc, adres) from None
    return db


_MAX_ROLNAAM = 63  # bytes: PostgreSQL's limit on a role name


def _verificatie(db: ServerDatabase, naam_sleutel: str, wachtwoord: str) -> str:
    """The SCRAM verifier of a password, computed here by libpq: the password itself never reaches the server
    or its log."""
    if len(naam_sleutel.encode()) > _MAX_ROLNAAM:
        raise InvoerFout({"naam": f"Deze naam is te lang voor een login op de server (hoogstens {_MAX_ROLNAAM} "
                                  "tekens). Gebruik een kortere naam."})
    pgconn = db.connection().pgconn
    return pgconn.encrypt_password(wachtwoord.encode(), naam_sleutel.encode(), b"scram-sha-256").decode()


def maak_login(db: ServerDatabase, naam_sleutel: str, wachtwoord: str, rol: str) -> None:
    """As the owner (server init): the user's login role, named after their naam_sleutel, in their role's
    group."""
    verificatie = _verificatie(db, naam_sleutel, wachtwoord)
    conn = db.connection()
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (naam_sleutel,)).fetchone():
        raise InvoerFout({"naam": f"Op de server bestaat al een login '{naam_sleutel}'. Kies een andere naam of "
                                  "vraag de ICT die login eerst weg te halen."})
    conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
        sql.Identifier(naam_sleutel), sql.Literal(verificatie), sql.Identifier(server_rechten.GROEP[rol])))


def zet_login(db: ServerDatabase, naam_sleutel: str, wachtwoord: str, rol: str) -> None:
    """As a zorgcoördinator, after the gebruiker row is written in the same transaction: create the user's
    login, or give it a new password and role (server_rechten: thuiszit_login_zetten)."""
    db.execute_sql("SELECT thuiszit_login_zetten(%s, %s, %s)", [naam_sleutel, _verificatie(db, naam_sleutel,
                                                                                            wachtwoord), rol])


def login_rol(db: ServerDatabase, naam_sleutel: str, rol: str) -> None:
    """As a zorgcoördinator: the user's login moves to the group of their new role (its password stays)."""
    db.execute_sql("SELECT thuiszit_login_rol(%s, %s)", [naam_sleutel, rol])


def eigen_wachtwoord(db: ServerDatabase, wachtwoord: str) -> None:
    """Every user: a new password for their own login (PostgreSQL lets a role change its own password)."""
    verificatie = _verificatie(db, db.adres.gebruiker, wachtwoord)
    db.execute_sql(sql.SQL("ALTER ROLE CURRENT_USER PASSWORD {}").format(sql.Literal(verificatie))
                   .as_string(db.connection()))


def login_uit(db: ServerDatabase, naam_sleutel: str) -> None:
    """As a zorgcoördinator: the user can no longer log in (uitschakelen); their rows and audit entries stay."""
    db.execute_sql("SELECT thuiszit_login_uit(%s)", [naam_sleutel])


def leeg(db: ServerDatabase) -> None:
    """Refused unless the database holds no school database yet (`server init`, `server overzetten`)."""
    if migrations.schema_version(db) != 0:
        raise DatabaseFout(f"In de database '{db.adres.database}' op {db.adres.host} staat al een schooldatabase. "
                           "Kies een lege database; zo blijft wat er staat bewaard.")


def schema_en_rechten(db: ServerDatabase) -> None:
    """As the owner, inside the caller's transaction: the schema, the group roles, grants and row-level security."""
    migrations.migrate(db)
    rechten(db)


def rechten(db: ServerDatabase) -> None:
    """As the owner: the group roles, grants, row-level security and functions of this version of the program
    (server_rechten.py), replacing whatever an older version put there."""
    for statement in server_rechten.script(db.adres.database).split(";;"):
        if statement.strip():
            db.execute_sql(statement)


def controleer_versie(db: ServerDatabase) -> None:
    """The school database's schema must be the one this program knows: else a Dutch reason and what to do."""
    versie = migrations.schema_version(db)
    waar = f"De schooldatabase op {db.adres.host} ('{db.adres.database}')"
    if versie == 0:
        raise DatabaseFout(f"Op {db.adres.host} staat in '{db.adres.database}' nog geen schooldatabase. Vraag de ICT "
                           "haar in te richten (thuiszit-desktop server init), of controleer het serveradres.")
    if versie < migrations.LATEST:
        raise DatabaseFout(f"{waar} is van een oudere versie (schema {versie}) dan dit programma (schema "
                           f"{migrations.LATEST}). Vraag de ICT haar bij te werken: thuiszit-desktop server bijwerken "
                           "--server <adres met de eigenaar>. Tot dan kan het programma er niet mee werken.")
    if versie > migrations.LATEST:
        raise DatabaseFout(f"{waar} is van een nieuwere versie (schema {versie}) dan dit programma (schema "
                           f"{migrations.LATEST}). Installeer de nieuwste versie van Thuiszit Desktop; de "
                           "schooldatabase is niet veranderd.")


def bijwerken(db: ServerDatabase) -> tuple[int, int]:
    """`server bijwerken`, as the owner: the steps this program has and the school database not yet, then the
    rights of this version – in one transaction, so a failure leaves the database as it was. (old, new)
    version; refused with a Dutch message for no school database or a newer one."""
    eigenaar = db.execute_sql("SELECT pg_get_userbyid(datdba) = current_user FROM pg_database "
                              "WHERE datname = current_database()").fetchone()[0]
    if not eigenaar:
        raise GeenToegang(f"Bijwerken kan alleen de eigenaar van de database '{db.adres.database}' (het account "
                          "waarmee de ICT haar inrichtte), niet een gebruiker van het programma.")
    oud = migrations.schema_version(db)
    if oud == 0 or oud > migrations.LATEST:
        controleer_versie(db)
    with db.atomic():
        migrations.migrate(db)
        rechten(db)
    return oud, migrations.LATEST


def richt_in(db: ServerDatabase, school: dict, naam: str, naam_sleutel: str, wachtwoord: str) -> None:
    """A new school database in one transaction, by its owner: the schema, the group roles, grants and
    row-level security, the school and its first zorgcoördinator with their login role, signed row and key
    slot (fresh keys: the confidential key and the signing key are made here, on the client)."""
    leeg(db)
    with db.atomic():
        schema_en_rechten(db)
        kolommen = ", ".join(f'"{k}"' for k in school)
        db.execute_sql(f'INSERT INTO "school" ({kolommen}) VALUES ({", ".join(["%s"] * len(school))})',
                       list(school.values()))
        gebruiker_id = db.execute_sql(
                       'INSERT INTO "gebruiker" ("naam", "naam_sleutel", "rol", "klassen", "actief", "aangemaakt") '
                       "VALUES (%s, %s, 'zorgcoordinator', '', true, date_trunc('second', localtimestamp)) "
                       'RETURNING "id"', [naam, naam_sleutel]).fetchone()[0]
        sleutels = Sleutels.nieuw()
        row = Gebruiker(id=gebruiker_id, naam=naam, naam_sleutel=naam_sleutel, rol="zorgcoordinator", klassen="",
                        actief=True)
        db.execute_sql('UPDATE "gebruiker" SET "handtekening" = %s WHERE "id" = %s',
                       [handtekening.onderteken(sleutels.ondertekenen, row), gebruiker_id])
        ring = ServerKeyRing.laad(db)
        ring.set_user(naam, wachtwoord, sleutels)
        ring.save()
        maak_login(db, naam_sleutel, wachtwoord, "zorgcoordinator")


def vertraagt_inloggen(db: ServerDatabase) -> bool:
    """Whether the server slows down every wrong password itself (the auth_delay module, README): the program
    cannot count wrong passwords that never reach it (docs/BEVEILIGING.md, "Verkeerde wachtwoorden")."""
    rij = db.execute_sql("SELECT setting FROM pg_settings WHERE name = 'auth_delay.milliseconds'").fetchone()
    return rij is not None and rij[0].isdigit() and int(rij[0]) > 0


EENMALIG = "eenmalig"  # in a key slot on the server: made with a one-time password (ServerKeyRing.set_user)


@dataclass
class ServerKeyRing(KeyRing):
    """The key slots of a school database on the server (table sleutel_slot, server_rechten.py), with the file's
    KeyRing interface: as a mentor only their own slot is visible, as a zorgcoördinator all of them."""

    db: ServerDatabase | None = None
    namen: dict[str, str] = field(default_factory=dict)  # slot id -> naam_sleutel (the row's key)
    weg: set[str] = field(default_factory=set)

    @classmethod
    def laad(cls, db: ServerDatabase) -> ServerKeyRing:
        slots, namen = {}, {}
        for naam_sleutel, tekst in db.execute_sql('SELECT "naam_sleutel", "slot" FROM "sleutel_slot"'):
            slot = json.loads(tekst)
            slots[slot["id"]], namen[slot["id"]] = slot, naam_sleutel
        return cls(None, slots, db=db, namen=namen)

    def set_user(self, naam: str, wachtwoord: str, sleutels: Sleutels, *, eenmalig: bool = False) -> None:
        """As the file's; `eenmalig`: a password someone else chose (`server overzetten`), which the program
        has its user replace at their first login. A slot made with their own password has no such mark."""
        super().set_user(naam, wachtwoord, sleutels)
        sid = slot_id(naam)
        if eenmalig:
            self.slots[sid][EENMALIG] = True
        self.namen[sid] = sleutel_van(naam)
        self.weg.discard(sid)

    def remove_user(self, naam: str) -> None:
        super().remove_user(naam)
        self.weg.add(slot_id(naam))

    def eenmalig(self, naam: str) -> bool:
        """Whether `naam` still logs in with the one-time password they were given."""
        return bool(self.slots.get(slot_id(naam), {}).get(EENMALIG))

    def save(self, path=None) -> None:
        """Inside the caller's transaction: the slots written with the rows they belong to."""
        assert self.db is not None
        for sid in self.weg:
            if sid in self.namen:
                self.db.execute_sql('DELETE FROM "sleutel_slot" WHERE "naam_sleutel" = %s', [self.namen.pop(sid)])
        self.weg.clear()
        for sid, slot in self.slots.items():  # UPDATE first: a mentor may rewrite their own slot, not add one
            rij = [json.dumps(slot, sort_keys=True), self.namen[sid]]
            if self.db.execute_sql('UPDATE "sleutel_slot" SET "slot" = %s WHERE "naam_sleutel" = %s', rij).rowcount == 0:
                self.db.execute_sql('INSERT INTO "sleutel_slot" ("slot", "naam_sleutel") VALUES (%s, %s)', rij)


@dataclass
class ServerStore:
    """The shared school database, logged in as one user's own login role: the counterpart of
    connection.Store for services/context.py and services/session.py."""

    adres: ServerAdres
    db: ServerDatabase
    keyring: ServerKeyRing
    sleutels: Sleutels
    closed: bool = False
    _eigen: int = 0  # this program's own committed changes
    _versie_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    map = None  # no folder: disk errors are the server's (faults.vertaald without a folder)
    op_server = True

    @property
    def versie(self) -> tuple[int, int]:
        """What computed results (the signals) are cached under, as connection.Store.versie – but on a shared
        server other users write too: the server's next transaction id moves with every write on it (by
        anyone, also an audit entry), so a cache is never older than the data, at the price of computing again
        more often than strictly needed."""
        xmax = self.db.execute_sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()[0]
        return self._eigen, int(xmax)

    def gewijzigd(self) -> None:
        with self._versie_lock:
            self._eigen += 1

    def wijzigingen(self) -> int:
        return self.db.wijzigingen()

    def bind(self) -> None:
        database.initialize(self.db)
        vertrouwelijk.zet_sleutel(self.sleutels.vertrouwelijk)
        self.db.sleutel_id = sleutel_id(self.sleutels.vertrouwelijk)
        if not self.db.is_closed():
            zet_sleutel_id(self.db.connection(), self.db.sleutel_id)

    def close(self) -> None:
        self.closed = True
        if database.obj is self.db:
            database.initialize(None)
            vertrouwelijk.zet_sleutel(None)
        self.db.close()


def open_store(adres: ServerAdres, naam: str, wachtwoord: str) -> ServerStore:
    """Log in as `naam`'s own login role with their own password: the server checks the password, the key
    slot on the server gives the keys their role holds. The schema must be the program's (the owner
    migrates it: application roles may not change tables)."""
    adres = adres.als(sleutel_van(naam))
    db = verbind(adres, wachtwoord)
    try:
        controleer_versie(db)
        ring = ServerKeyRing.laad(db)
        sleutels = ring.open(naam, wachtwoord)
    except BaseException:
        db.close()
        raise
    store = ServerStore(adres, db, ring, sleutels)
    store.bind()
    return store
