"""The alleen-lezen overview: made by a zorgcoördinator's session, opened by an alleen-lezen user instead of
the database.

An alleen-lezen user has no key slot for the database (db/overzicht.py): their password opens only
`thuiszit.overzicht`, tables of counts for the whole school (domain/lezersoverzicht.py). A zorgcoördinator's
session writes it fresh when it closes, and at login when there is none yet; the same login moves alleen-lezen
users who still have a database key slot (from before this file existed) over to it, keeping their password.
User management (services/gebruikers.py) puts an alleen-lezen user's password here instead of in the key ring.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..db import identity
from ..db import models as m
from ..db.keys import KeyRing, slot_id
from ..db.overzicht import Overzichtbestand, nieuwe_sleutel, pad
from ..domain.audit import Actie
from ..domain.errors import InlogFout, InvoerFout
from ..domain.gebruiker import Gebruiker, Rol, check_nieuwe_gebruiker
from . import instellingen

if TYPE_CHECKING:
    from ..domain import lezersoverzicht as lo
    from .context import Context

log = logging.getLogger(__name__)

SETTING_SLEUTEL = "overzicht.sleutel"  # the overview key, inside the encrypted database


def _sleutel() -> bytes:
    """The overview key, made the first time (inside the caller's transaction)."""
    waarde = instellingen.lees(SETTING_SLEUTEL, "")
    if not waarde:
        waarde = nieuwe_sleutel().hex()
        instellingen.schrijf(SETTING_SLEUTEL, waarde)
    return bytes.fromhex(waarde)


def _bestand(ctx: Context) -> Overzichtbestand:
    store = ctx.store
    return Overzichtbestand.load(pad(store.path)) or Overzichtbestand(
        pad(store.path), identity.of(store.db.connection(), store.key), {})


def slot_bijwerken(ctx: Context, keyring: KeyRing, naam: str, rol: Rol | None, wachtwoord: str | None) -> None:
    """After user management changed `naam`'s key slot (inside its transaction, before the key ring is saved):
    an alleen-lezen user's password goes into the overview file and their database slot is removed; anyone
    else – and a disabled user (`rol` None) – has no slot there. Without `wachtwoord` (a role changed to
    alleen-lezen) the database slot moves over."""
    bestand = _bestand(ctx)
    if rol == Rol.ALLEEN_LEZEN:
        if wachtwoord is not None:
            bestand.set_user(naam, wachtwoord, _sleutel())
        else:
            _overzetten(bestand, keyring, naam, ctx.store.key)
        keyring.remove_user(naam)
    elif not bestand.has_user(naam):
        return
    else:
        bestand.remove_user(naam)
    bestand.save()


def _overzetten(bestand: Overzichtbestand, keyring: KeyRing, naam: str, db_key: bytes) -> bool:
    """An alleen-lezen user's database slot becomes an overview slot for the same password: the part of the
    slot their password derives is the slot's wrapped key XOR the database key. False when it has none."""
    slot = keyring.slots.get(slot_id(naam))
    if slot is None:
        return False
    try:
        masker = bytes(a ^ b for a, b in zip(bytes.fromhex(slot["key"]), db_key, strict=True))
        bestand.set_user_van_slot(naam, slot, masker, _sleutel())
    except (KeyError, TypeError, ValueError):  # a slot of another kind: they need a new password
        log.warning("alleen-lezen slot could not be moved; a new password is needed")
        return False
    return True


class LezersoverzichtService:
    """Making and writing the overview (zorgcoördinator)."""

    def __init__(self, ctx: Context, diensten: Any):  # session.Services (which imports this module)
        self.ctx = ctx
        # The services an overview is made from, taken from the bundle when one is made: every login and close
        # asks whether one is needed (`_bijwerken_als_nodig`), and mostly none is (issue 16: not their imports).
        self._diensten = diensten

    def maken(self, *, vandaag: date | None = None) -> lo.Lezersoverzicht:
        """The overview as it is now: the counts the screens show an alleen-lezen user."""
        # imported here, as in the sessions below: the login imports this module, the window's start needs none
        # of the overview's tables (issue 16)
        from ..domain import lezersoverzicht as lo
        from ..domain.kwartaal import Kwartaal

        vandaag = vandaag or date.today()
        with self.ctx.action(audit=False):
            d = self._diensten
            o = d.signalen.overzicht()
            tabellen = [lo.niveaus_tabel(o.peildatum, o.per_getoond_niveau(), o.zonder_verzuim(), o.per_signaal())]
            kwartaal = Kwartaal.van_datum(o.bijgewerkt_tot or vandaag)
            for k in (kwartaal, kwartaal.vorige()):
                with contextlib.suppress(InvoerFout):  # a quarter without verzuim: nothing to count
                    tabellen.append(lo.kwartaal_tabel(d.kwartaal.overzicht(k, vandaag=vandaag)))
            if o.bijgewerkt_tot is not None:
                tabellen.append(lo.trends_tabel(d.overzichten.trends(vandaag=vandaag)))
            tabellen.append(lo.effecten_tabel(d.overzichten.effecten(vandaag=vandaag).per_soort))
            school = d.school.get().naam
        return lo.Lezersoverzicht(school, datetime.now().replace(microsecond=0), tuple(tabellen))

    def _nodig(self, *, bij_login: bool) -> bool:
        """Whether this zorgcoördinator's session should write the overview: only when there are alleen-lezen
        users, and then at login when one still has a database slot or there is no overview yet, and at close
        when something changed in this session (every change writes an audit entry, services/context.py)."""
        if self.ctx.gebruiker.rol != Rol.ZORGCOORDINATOR or self.ctx.store.closed:
            return False
        db = self.ctx.store.db  # execute_sql: raw SQL with "?" on both stores
        lezers = [naam for (naam,) in db.execute_sql("SELECT naam FROM gebruiker WHERE rol = ? AND actief",
                                                     (Rol.ALLEEN_LEZEN.value,))]
        if not lezers:
            return False
        if bij_login:  # what this session changes from here on is what the close looks for
            self._vanaf = db.execute_sql("SELECT coalesce(max(id), 0) FROM audit_regel").fetchone()[0]
        if self.ctx.store.op_server:  # the overview is a row on the server; lezers keep their own slots there
            if db.execute_sql('SELECT 1 FROM "lezer_overzicht"').fetchone() is None:
                return True
        elif not pad(self.ctx.store.path).exists() or any(self.ctx.store.keyring.has_user(n) for n in lezers):
            return True
        if bij_login:
            return False
        gewijzigd = db.execute_sql("SELECT 1 FROM audit_regel WHERE id > ? AND actie IN (?, ?, ?, ?, ?) LIMIT 1",
                                 (getattr(self, "_vanaf", 0), Actie.TOEGEVOEGD, Actie.GEWIJZIGD, Actie.VERWIJDERD,
                                  Actie.GEIMPORTEERD, Actie.OPGERUIMD)).fetchone()
        return gewijzigd is not None

    def _bijwerken_als_nodig(self, *, bij_login: bool = False) -> None:
        """At a zorgcoördinator's login and close (services/session.py); best effort: the work goes on."""
        try:
            if self._nodig(bij_login=bij_login):
                self.bijwerken()
        except Exception as exc:
            log.warning("alleen-lezen overview not written: %s", type(exc).__name__)

    def bijwerken(self, *, vandaag: date | None = None) -> lo.Lezersoverzicht:
        """Make the overview, write it encrypted beside the database, and move alleen-lezen users who still have
        a database key slot over to the overview."""
        overzicht = self.maken(vandaag=vandaag)
        store = self.ctx.store
        if store.op_server:  # one row alleen-lezen may read (db/server_rechten.py), counts only
            with self.ctx.action(audit=False):
                store.db.execute_sql(
                    'INSERT INTO "lezer_overzicht" ("id", "inhoud", "gemaakt") VALUES (1, ?, ?) ON CONFLICT ("id") '
                    'DO UPDATE SET "inhoud" = excluded."inhoud", "gemaakt" = excluded."gemaakt"',
                    (json.dumps(overzicht.to_dict()), overzicht.gemaakt))
            return overzicht
        with self.ctx.action(audit=False):
            bestand = _bestand(self.ctx)
            sleutel = _sleutel()
            lezers = [r.naam for r in m.Gebruiker.select().where(m.Gebruiker.rol == Rol.ALLEEN_LEZEN.value)]
            over = [naam for naam in lezers if store.keyring.has_user(naam)]
            zonder = [naam for naam in over if not _overzetten(bestand, store.keyring, naam, store.key)]
            bestand.schrijf(sleutel, overzicht.to_dict())
            bestand.save()
            if over:
                voor = dict(store.keyring.slots)
                for naam in over:
                    store.keyring.remove_user(naam)
                try:
                    store.keyring.save()
                except BaseException:
                    store.keyring.slots = voor
                    raise
                self.ctx.audit(Actie.GEWIJZIGD, wat=f"{len(over)} alleen-lezen: sleutel vervangen door overzicht")
            for naam in zonder:  # a slot of a kind that cannot be moved: the database slot goes all the same
                log.warning("an alleen-lezen user needs a new password")
                self.ctx.audit(Actie.GEWIJZIGD, wat=f"alleen-lezen {naam}: geef een nieuw wachtwoord (Gebruikers)")
        return overzicht


@dataclass
class Lezersessie:
    """An alleen-lezen user, logged in on the overview only: no database, no student."""

    path: Path  # the database's path; the overview is beside it
    gebruiker: Gebruiker
    _sleutel: bytes

    @property
    def database_path(self) -> Path:
        return self.path

    def overzicht(self) -> lo.Lezersoverzicht:
        """Read fresh from the file: a zorgcoördinator may have written it since the login."""
        bestand = Overzichtbestand.load(pad(self.path))
        if bestand is None:
            raise InvoerFout("Het overzicht is er (nog) niet. Vraag de zorgcoördinator om in te loggen.")
        from ..domain import lezersoverzicht as lo

        return lo.Lezersoverzicht.from_dict(bestand.lees(self._sleutel))

    def wachtwoord_wijzigen(self, oud: str, nieuw: str, herhaling: str) -> None:
        naam = self.gebruiker.naam
        bestand = Overzichtbestand.load(pad(self.path))
        try:
            if bestand is None:
                raise InlogFout()
            bestand.unlock(naam, oud)
        except InlogFout:
            raise InvoerFout({"oud": "Uw huidige wachtwoord klopt niet. Typ het opnieuw."}) from None
        check_nieuwe_gebruiker(naam, nieuw, herhaling)
        if nieuw == oud:
            raise InvoerFout({"wachtwoord": "Kies een ander wachtwoord dan het huidige."})
        bestand.set_user(naam, nieuw, self._sleutel)
        bestand.save()

    def close(self) -> None:
        self._sleutel = secrets.token_bytes(0)


class ServerLezersessie(Lezersessie):
    """An alleen-lezen user on the shared school database: their own login role, which the server lets read
    only the overview row a zorgcoördinator's session writes and the count views (db/server_rechten.py)."""

    def __init__(self, store, gebruiker: Gebruiker):
        super().__init__(None, gebruiker, b"")  # no folder: the server
        self.store = store

    def overzicht(self) -> lo.Lezersoverzicht:
        rij = self.store.db.execute_sql('SELECT "inhoud" FROM "lezer_overzicht"').fetchone()
        if rij is None:
            raise InvoerFout("Het overzicht is er (nog) niet. Vraag de zorgcoördinator om in te loggen.")
        from ..domain import lezersoverzicht as lo

        return lo.Lezersoverzicht.from_dict(json.loads(rij[0]))

    def wachtwoord_wijzigen(self, oud: str, nieuw: str, herhaling: str) -> None:
        """Their own login's password and key slot, as for everyone on the server (services/gebruikers.py)."""
        from ..db import server

        naam = self.gebruiker.naam
        try:
            self.store.keyring.unlock(naam, oud)
        except InlogFout:
            raise InvoerFout({"oud": "Uw huidige wachtwoord klopt niet. Typ het opnieuw."}) from None
        check_nieuwe_gebruiker(naam, nieuw, herhaling)
        if nieuw == oud:
            raise InvoerFout({"wachtwoord": "Kies een ander wachtwoord dan het huidige."})
        voor = dict(self.store.keyring.slots)
        try:
            with self.store.db.atomic():
                self.store.keyring.set_user(naam, nieuw, self.store.sleutels)
                self.store.keyring.save()
                server.eigen_wachtwoord(self.store.db, nieuw)
        except BaseException:
            self.store.keyring.slots = voor
            raise

    def end_thread(self) -> None:
        """Close the calling worker thread's own connection (peewee keeps one per thread), as Services does."""
        self.store.db.close()

    def close(self) -> None:
        self.store.close()


def lezer_inloggen(path: Path, naam: str, wachtwoord: str) -> Lezersessie | None:
    """The overview session when `naam` is an alleen-lezen user (a slot in the overview, none in the key ring);
    None for anyone else. InlogFout for a wrong password."""
    bestand = Overzichtbestand.load(pad(path))
    if bestand is None or not bestand.has_user(naam):
        return None
    try:
        if KeyRing.load(KeyRing.for_database(path)).has_user(naam):
            return None  # not moved over yet: the database as before, until a zorgcoördinator logs in
    except Exception:
        pass
    sleutel = bestand.unlock(naam, wachtwoord)
    return Lezersessie(path, Gebruiker(0, " ".join(naam.split()), Rol.ALLEEN_LEZEN), sleutel)
