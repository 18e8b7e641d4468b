"""The shared school database on a PostgreSQL server: setting it up (`server init`, for the school's ICT),
bringing it to this version (`server bijwerken`), moving a school's database there and back (`server
overzetten`, Instellingen › Opslag), its encrypted backup (`server backup`) and testing a connection.

The server store itself is db/server.py; who may see what there is db/server_rechten.py.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..db import backup, connection, handtekening, identity, migrations, overzetten, server
from ..domain.errors import DatabaseFout, GeenToegang, InvoerFout
from ..domain.gebruiker import Gebruiker, Rol, check_nieuwe_gebruiker, naam_sleutel
from ..domain.school import School
from . import session
from .audit import controleer_database


def inrichten(dsn: str, eigenaar_wachtwoord: str, school: School, naam: str, wachtwoord: str) -> server.ServerAdres:
    """Create the school database in the empty database of `dsn` (connected as its owner, who needs
    CREATEROLE) with `naam` as first zorgcoördinator; returns the address they log in with."""
    school = school.validated()
    check_nieuwe_gebruiker(naam, wachtwoord, wachtwoord)
    naam = " ".join(naam.split())
    adres = server.lees_adres(dsn)
    db = server.verbind(adres, eigenaar_wachtwoord)
    try:
        server.richt_in(db, {"naam": school.naam, "brin": school.brin, "regio": school.regio.value,
                             "schooltype": school.schooltype.value, "uren_per_lesdag": school.uren_per_lesdag},
                        naam, naam_sleutel(naam), wachtwoord)
    finally:
        db.close()
    return adres.als(naam_sleutel(naam))


# What the ICT puts in postgresql.conf so the server itself slows down every wrong password (README).
AUTH_DELAY_REGELS = ("shared_preload_libraries = 'auth_delay'", "auth_delay.milliseconds = 1000")


def vertraagt_inloggen(dsn: str, eigenaar_wachtwoord: str) -> bool:
    """Whether the server slows down wrong passwords itself (db/server.py), checked as the owner."""
    db = server.verbind(server.lees_adres(dsn), eigenaar_wachtwoord)
    try:
        return server.vertraagt_inloggen(db)
    finally:
        db.close()


def bijwerken(dsn: str, eigenaar_wachtwoord: str) -> tuple[int, int, bool]:
    """`server bijwerken`: the schema steps the school database lacks and the rights of this version, as the
    database's owner, all or nothing (db/server.py). (old version, new version, whether the server slows down
    wrong passwords itself)."""
    db = server.verbind(server.lees_adres(dsn), eigenaar_wachtwoord)
    try:
        oud, nieuw = server.bijwerken(db)
        return oud, nieuw, server.vertraagt_inloggen(db)
    finally:
        db.close()


@dataclass(frozen=True)
class Overgezet:
    """What a move to the server did: rows per table, and the one-time password of every other active user
    (name -> password), to hand over in person; each chooses their own at their first login (`eenmalig`)."""

    aantallen: dict[str, int]
    wachtwoorden: dict[str, str]


def eenmalig_wachtwoord(naam: str) -> str:
    """A password to hand over once (three groups of four, no look-alike characters), strong enough for
    check_nieuwe_gebruiker."""
    while True:
        wachtwoord = "-".join("".join(secrets.choice(_TEKENS) for _ in range(4)) for _ in range(3))
        try:
            if any(c.isdigit() for c in wachtwoord) and any(c.isalpha() for c in wachtwoord):
                check_nieuwe_gebruiker(naam, wachtwoord, wachtwoord)
                return wachtwoord
        except InvoerFout:
            pass


_TEKENS = "abcdefghjkmnpqrstuvwxyz23456789"


def naar_server(path: Path, naam: str, wachtwoord: str, dsn: str, eigenaar_wachtwoord: str) -> Overgezet:
    """`server overzetten`: the single-file database at `path` into the empty database of `dsn`, all or nothing
    – every table with its ids, the audit chain verified (db/overzetten.py) – with the zorgcoördinator `naam`
    as its first login and key slot, with the password they gave. Every other active user gets a login and a key
    slot too, with a one-time password (their file password never leaves their key slot, so it cannot be
    moved): the program asks them for a password of their own at their first login. The file stays as it is."""
    services = session.login(path, naam, wachtwoord, lezend=True)  # the file stays locked while it is copied
    try:
        return _naar_server(services, naam, wachtwoord, dsn, eigenaar_wachtwoord)
    finally:
        services.close()


def overzetten_naar_server(services: session.Services, wachtwoord: str, dsn: str,
                           eigenaar_wachtwoord: str) -> Overgezet:
    """`naar_server` from the program's open session (Instellingen › Opslag): the zorgcoördinator's own password
    is asked again – it becomes their password on the server."""
    if services.ctx.store.op_server:
        raise DatabaseFout("Deze database staat al op een server.")
    services.vergrendeling.controleer_wachtwoord(wachtwoord)
    return _naar_server(services, services.gebruiker.naam, wachtwoord, dsn, eigenaar_wachtwoord)


def _naar_server(services: session.Services, naam: str, wachtwoord: str, dsn: str,
                 eigenaar_wachtwoord: str) -> Overgezet:
    adres = server.lees_adres(dsn)
    if services.gebruiker.rol is not Rol.ZORGCOORDINATOR:
        raise GeenToegang("Alleen een zorgcoördinator kan de database overzetten.")
    sleutels = services.ctx.store.sleutels
    if not sleutels.zorg:
        raise GeenToegang("Uw sleutel geeft nog geen toegang tot de vertrouwelijke gegevens, dus overzetten kan "
                          "niet. Vraag een andere zorgcoördinator om uw wachtwoord opnieuw in te stellen.")
    db = server.verbind(adres, eigenaar_wachtwoord)
    try:
        server.leeg(db)
        with db.atomic():
            server.schema_en_rechten(db)
            aantallen = overzetten.naar_server(services.ctx.store.db, db)
            server.maak_login(db, naam_sleutel(naam), wachtwoord, Rol.ZORGCOORDINATOR.value)
            # Their key slot with the file's keys: the copied signatures and vertrouwelijk envelopes stay
            # valid and readable, so the program logs in on the server as it does on the file.
            ring = server.ServerKeyRing.laad(db)
            ring.set_user(naam, wachtwoord, sleutels)
            wachtwoorden = {}
            for ander, rol in db.execute_sql('SELECT "naam", "rol" FROM "gebruiker" WHERE "actief" '
                                             'AND "naam_sleutel" <> %s ORDER BY "naam"', [naam_sleutel(naam)]):
                wachtwoorden[ander] = eenmalig = eenmalig_wachtwoord(ander)
                server.maak_login(db, naam_sleutel(ander), eenmalig, rol)
                ring.set_user(ander, eenmalig, sleutels.voor(rol == Rol.ZORGCOORDINATOR.value), eenmalig=True)
            ring.save()
        # Statistics for the planner at once, not when autovacuum gets round to it: without them the first
        # signals runs sort the whole year's verzuim on disk (1.6 × slower at 2,000 students).
        db.execute_sql("ANALYZE")
    finally:
        db.close()
    return Overgezet(aantallen, wachtwoorden)


def naar_bestand(dsn: str, eigenaar_wachtwoord: str, naam: str, wachtwoord: str, path: Path,
                 sleutels_van: Path | None = None) -> dict[str, int]:
    """`server overzetten --terug`: the school database of `dsn` into a new encrypted file at `path`, all or
    nothing. `naam` is a zorgcoördinator who logs in on the server with `wachtwoord`; the file gets new keys and
    only their key slot, with that password – the server never had the users' file passwords, so the others get
    a new one from them (`gebruiker wachtwoord-resetten`). Vertrouwelijk texts are encrypted under the
    zorgcoördinators' key, which the server never had either: it comes from the key slot of `naam` in the file
    the school left (`sleutels_van`, its data folder), and the move is refused when that key does not open
    every one of them."""
    adres = server.lees_adres(dsn)
    vertrouwelijk_sleutel = _als_zorgcoordinator(adres, naam, wachtwoord, sleutels_van)
    return _naar_bestand(adres, eigenaar_wachtwoord, naam, wachtwoord, path, vertrouwelijk_sleutel)


def overzetten_naar_bestand(services: session.Services, wachtwoord: str, eigenaar: str, eigenaar_wachtwoord: str,
                            path: Path) -> dict[str, int]:
    """`naar_bestand` from the program's session on the server (Instellingen › Opslag). The confidential key is
    the one this session holds (from the zorgcoördinator's key slot on the server), so no old file is needed.
    While the file is made the models are bound to it; the session's own binding comes back afterwards."""
    store = services.ctx.store
    if not isinstance(store, server.ServerStore):
        raise DatabaseFout("Deze database staat al in een bestand op deze computer.")
    if services.gebruiker.rol is not Rol.ZORGCOORDINATOR:
        raise GeenToegang("Alleen een zorgcoördinator kan de database overzetten.")
    if session.database_exists(path):
        raise InvoerFout({"map": f"In {path.parent} staat al een database. Kies een lege map; zo blijft die bewaard."})
    naam = services.gebruiker.naam
    server.verbind(store.adres.als(naam_sleutel(naam)), wachtwoord).close()  # their own password, checked there
    try:
        return _naar_bestand(store.adres.als(eigenaar.strip()), eigenaar_wachtwoord, naam, wachtwoord, path,
                             store.sleutels.vertrouwelijk)
    finally:
        store.bind()


def _naar_bestand(adres: server.ServerAdres, eigenaar_wachtwoord: str, naam: str, wachtwoord: str, path: Path,
                  vertrouwelijk_sleutel: bytes | None) -> dict[str, int]:
    db = server.verbind(adres, eigenaar_wachtwoord)
    try:
        if migrations.schema_version(db) == 0:
            raise DatabaseFout(f"In de database '{adres.database}' op {adres.host} staat geen schooldatabase.")
        rij = _zorgcoordinator(db, naam)
        if onleesbaar := overzetten.onleesbaar_vertrouwelijk(db, vertrouwelijk_sleutel):
            raise DatabaseFout(
                f"{onleesbaar} vertrouwelijke tekst(en) zijn versleuteld met de sleutel van de zorgcoördinatoren, "
                "die de server niet heeft. Geef met --sleutels-van MAP de map van het databasebestand van vóór "
                "het overzetten; uw naam en wachtwoord moeten daar dezelfde zijn. Er is niets gemaakt.")
        aantallen, store = _bestand_maken(db, rij, wachtwoord, path, vertrouwelijk_sleutel)
    finally:
        db.close()
    store.close()
    return aantallen


def _bestand_maken(db: server.ServerDatabase, rij: tuple, wachtwoord: str, path: Path,
                   vertrouwelijk_sleutel: bytes | None, *, zelfde_id: bool = False
                   ) -> tuple[dict[str, int], connection.Store]:
    """The server's school database in a new encrypted file at `path`, with a key slot for the zorgcoördinator
    `rij` (id, naam) only; the open store is returned. All or nothing: no file is left when it fails."""
    store = connection.create_store(path)
    try:
        if vertrouwelijk_sleutel is not None:
            store.sleutels = replace(store.sleutels, vertrouwelijk=vertrouwelijk_sleutel)
            store.bind()
        with store.db.atomic():
            aantallen = overzetten.naar_bestand(db, store.db, zelfde_id=zelfde_id)
            handtekening.onderteken_alles(store.sleutels.ondertekenen)  # signed with the new file's key
            if not (uitslag := controleer_database(store.db)).ok:
                raise DatabaseFout(f"{uitslag.melding} Er is niets gemaakt.")
            if zelfde_id:
                store.keyring.database_id = identity.of(store.db.connection(), store.key)
                identity.write_marker(path, store.keyring.database_id)
            store.keyring.set_user(rij[1], wachtwoord, store.sleutels)
            store.keyring.save()  # inside the transaction: if this fails, nothing was made
        services = session.Services(store, Gebruiker(rij[0], rij[1], Rol.ZORGCOORDINATOR))
        services.audit._begin()  # the new file's first seal, over the chain as it came
    except BaseException:
        store.close()
        session.remove_database(path)
        raise
    return aantallen, store


def backup_maken(db: server.ServerDatabase, naam: str, wachtwoord: str, vertrouwelijk_sleutel: bytes | None,
                 folder: Path, *, nu: datetime | None = None) -> backup.Backup:
    """`server backup`: the same encrypted `.tzbackup` as of a file (db/backup.py), of the school database on the
    server – written to a temporary encrypted file the way back makes, then backed up as usual – so restore and
    archive work the same. The backup's key slot is that of `naam` (a zorgcoördinator) with `wachtwoord`: a
    restore opens it with their name and password. The backups of one server share the server's database id."""
    rij = _zorgcoordinator(db, naam)
    if overzetten.onleesbaar_vertrouwelijk(db, vertrouwelijk_sleutel):
        raise DatabaseFout("Er staan vertrouwelijke teksten in de database die deze sleutel niet opent; zo'n "
                           "back-up zou ze onleesbaar maken. Er is geen back-up gemaakt.")
    with db.atomic():  # the first backup gives the server school its id
        db.execute_sql('INSERT INTO "instelling" ("sleutel", "waarde") VALUES (?, ?) ON CONFLICT DO NOTHING',
                       [identity.SETTING_ID, json.dumps(identity.new_id())])
    with tempfile.TemporaryDirectory(prefix="thuiszit-serverbackup-") as tmp:
        path = session.database_path(Path(tmp))
        _aantallen, store = _bestand_maken(db, rij, wachtwoord, path, vertrouwelijk_sleutel, zelfde_id=True)
        try:
            key = store.key
        finally:
            store.close()
        return backup.make(path, key, folder, nu=nu)


def _zorgcoordinator(db: server.ServerDatabase, naam: str) -> tuple:
    rij = db.execute_sql('SELECT "id", "naam" FROM "gebruiker" WHERE "naam_sleutel" = ? AND "actief" '
                         "AND \"rol\" = 'zorgcoordinator'", [naam_sleutel(naam)]).fetchone()
    if rij is None:
        raise GeenToegang("Dat kan alleen een zorgcoördinator van deze school.")
    return rij


def backup_van_server(dsn: str, eigenaar_wachtwoord: str, naam: str, wachtwoord: str, folder: Path,
                      sleutels_van: Path | None = None) -> backup.Backup:
    """`server backup`: `backup_maken` for the zorgcoördinator `naam`, who logs in on the server with
    `wachtwoord`; the confidential key from the file of before the move (`sleutels_van`), as for the way back."""
    adres = server.lees_adres(dsn)
    vertrouwelijk_sleutel = _als_zorgcoordinator(adres, naam, wachtwoord, sleutels_van)
    db = server.verbind(adres, eigenaar_wachtwoord)
    try:
        return backup_maken(db, naam, wachtwoord, vertrouwelijk_sleutel, folder)
    finally:
        db.close()


def _als_zorgcoordinator(adres: server.ServerAdres, naam: str, wachtwoord: str,
                         sleutels_van: Path | None) -> bytes | None:
    """They are who they say (their own login on the server); the confidential key from their slot in the
    file of `sleutels_van`, if given (the same name and password)."""
    server.verbind(adres.als(naam_sleutel(naam)), wachtwoord).close()
    if sleutels_van is None:
        return None
    ring = connection.KeyRing.load(connection.KeyRing.for_database(session.database_path(sleutels_van)))
    return ring.open(naam, wachtwoord).vertrouwelijk


# --- the connection of the program itself (the connection dialog) --------------------------------------------

ServerAdres = server.ServerAdres
lees_adres = server.lees_adres
STANDAARD_POORT = server.STANDAARD_POORT


def adres_van(host: str, poort: int, database: str, naam: str, ca_certificaat: str, *,
              zonder_tls: bool = False) -> server.ServerAdres:
    """The school database of the connection dialog, checked field by field (InvoerFout: host, poort, database,
    naam, ca, tls). TLS with the server's certificate checked against the school's CA (verify-full) unless
    `zonder_tls`, which only a server on this computer itself may be (db/server.py)."""
    host, database, ca = host.strip(), database.strip(), ca_certificaat.strip()
    fouten = {}
    if not host:
        fouten["host"] = "Vul de naam van de server in, bijvoorbeeld db.school.nl (de ICT weet hem)."
    elif any(c in host for c in " /@?#"):
        fouten["host"] = "Vul alleen de naam van de server in, zonder postgresql://, poort of database."
    if not 1 <= poort <= 65535:
        fouten["poort"] = "De poort is een getal van 1 tot 65535; meestal 5432."
    if not database:
        fouten["database"] = "Vul de naam van de database in (de ICT weet hem), bijvoorbeeld thuiszit."
    if not naam.strip():
        fouten["naam"] = "Vul uw naam in."
    if zonder_tls:
        if host and host not in server.LOKAAL:
            fouten["tls"] = ("Zonder versleuteling kan alleen een server op deze computer zelf. Zet de versleuteling "
                             "aan en kies het CA-certificaat van de school.")
    elif not ca:
        fouten["ca"] = "Kies het CA-certificaat van de school: een .crt- of .pem-bestand dat u van de ICT krijgt."
    elif not Path(ca).expanduser().is_file():
        fouten["ca"] = f"Het bestand {ca} is er niet (meer). Kies het CA-certificaat opnieuw."
    if fouten:
        raise InvoerFout(fouten)
    return server.ServerAdres(naam_sleutel(naam), host, database, poort, "disable" if zonder_tls else
                              server.TLS_STANDAARD, "" if zonder_tls else str(Path(ca).expanduser().resolve()))


def verbinding_testen(adres: server.ServerAdres, naam: str, wachtwoord: str) -> str:
    """"Verbinding testen": log in on the server as `naam`'s own login role and check that the database is a
    school database of this program's version; the school's name. Nothing is written. A Dutch reason otherwise:
    InlogFout for a wrong name or password, DatabaseFout for the rest (unreachable, certificate, no such
    database, not a school database)."""
    db = server.verbind(adres.als(naam_sleutel(naam)), wachtwoord)
    try:
        versie = migrations.schema_version(db)
        if versie == 0:
            raise DatabaseFout(f"De database '{adres.database}' op {adres.host} is geen schooldatabase van Thuiszit "
                               "Desktop (nog leeg of iets anders). Controleer de naam van de database, of vraag de ICT "
                               "hem in te richten (server init).")
        if versie != migrations.LATEST:
            raise DatabaseFout(f"De schooldatabase op {adres.host} heeft schemaversie {versie}, dit programma versie "
                               f"{migrations.LATEST}. Vraag de ICT de database bij te werken, of gebruik dezelfde "
                               "versie van het programma als de school.")
        rij = db.execute_sql('SELECT "naam" FROM "school"').fetchone()
    finally:
        db.close()
    return rij[0] if rij else adres.database


def lege_database_testen(adres: server.ServerAdres, eigenaar_wachtwoord: str) -> str:
    """Before `overzetten_naar_server`: the owner logs in and the database is still empty (else a Dutch reason);
    its name. Nothing is written."""
    db = server.verbind(adres, eigenaar_wachtwoord)
    try:
        server.leeg(db)
    finally:
        db.close()
    return adres.database
