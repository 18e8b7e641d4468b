"""The users of one school's database: who they are, their role and klassen, and their passwords.

Each user unlocks the database with their own password: a key slot in the key ring (db/keys.py) holds
the keys of their role (a zorgcoördinator's also the confidential and the signing key). The table and the key
ring change together – the key ring is written inside the transaction, so a failure leaves both as they were.
Every change of a gebruiker row is signed (db/handtekening.py). Disabling a user or taking the zorgcoördinator
role away revokes: the keys rotate (services/sleutels.py), so an old copy of the key file opens nothing new;
enabling them again needs a new password.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from ..db import handtekening
from ..db import models as m
from ..db.vertrouwelijk import GeenSleutel
from ..domain.audit import Actie
from ..domain.errors import InlogFout, InvoerFout, NietGevonden
from ..domain.gebruiker import Gebruiker, Rol, check_nieuwe_gebruiker, naam_sleutel
from ..domain.zoeken import sorteersleutel
from . import lezersoverzicht, sleutels
from .context import Context


@dataclass(frozen=True)
class GebruikerRij:
    id: int
    naam: str
    rol: Rol
    klassen: tuple[str, ...]
    actief: bool
    aangemaakt: datetime | None = None
    # after a revoke: the keys were rotated; what to do with the older backups (services/sleutels.py)
    rotatie: sleutels.Rotatie | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {"naam": self.naam, "rol": self.rol.value, "klassen": list(self.klassen), "actief": self.actief}


class GebruikersService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------------------------

    def lijst(self) -> list[GebruikerRij]:
        """Every user, active ones first, by name."""
        with self.ctx.action():
            rijen = [_rij(r) for r in m.Gebruiker.select()]
        return sorted(rijen, key=lambda r: (not r.actief, sorteersleutel(r.naam)))

    # --- the zorgcoördinator manages users ---------------------------------------------------------

    def toevoegen(self, naam: str, rol: Rol | str, klassen: Iterable[str], wachtwoord: str,
                  herhaling: str, *, check_wachtwoord: bool = True) -> GebruikerRij:
        """A new user with their own password. A mentor needs at least one klas from the register.

        `check_wachtwoord=False` is for the demo school only, whose users share the well-known password "demo"
        (as `session.create_school`)."""
        fouten: dict[str, str] = {}
        try:
            if check_wachtwoord:
                check_nieuwe_gebruiker(naam, wachtwoord, herhaling)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        naam = " ".join(naam.split())
        rol = _rol(rol, fouten)
        with self.ctx.action():
            if naam and m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam)) is not None:
                fouten["naam"] = "Er is al een gebruiker met deze naam. Kies een andere naam."
            opgeslagen = _klassen(rol, klassen, fouten)
            if fouten:
                raise InvoerFout(fouten)
            with self._sleutels() as keyring:
                row = m.Gebruiker.create(naam=naam, naam_sleutel=naam_sleutel(naam), rol=rol.value,
                                         klassen=",".join(opgeslagen), actief=True)
                self._teken(row.id)
                keyring.set_user(naam, wachtwoord, self._voor(rol))
                self._overzicht(keyring, naam, rol, wachtwoord)
                if self.ctx.store.op_server:
                    self._server().zet_login(self.ctx.store.db, naam_sleutel(naam), wachtwoord, rol.value)
        return _rij(row)

    def wijzigen(self, naam: str, *, rol: Rol | str | None = None,
                 klassen: Iterable[str] | None = None,
                 voortgang: Callable[[int, int], None] | None = None) -> GebruikerRij:
        """Change a user's role and/or klassen (what is given; the rest stays). Taking the zorgcoördinator role
        away, or making a mentor alleen-lezen, rotates the keys (see `uitschakelen`; an alleen-lezen user then
        needs a new password for the overview); giving the role hands the user the zorgcoördinator's keys."""
        fouten: dict[str, str] = {}
        with self.ctx.action():
            row = _row(naam)
            nieuwe_rol = Rol(row.rol) if rol is None else _rol(rol, fouten)
            if fouten:
                raise InvoerFout(fouten)
            if nieuwe_rol != Rol.ZORGCOORDINATOR:
                _niet_de_laatste(row, "Dit is de laatste zorgcoördinator: geef eerst iemand anders die rol.")
            gegeven = _splits(row.klassen) if klassen is None else klassen
            opgeslagen = _klassen(nieuwe_rol, gegeven, fouten)
            if fouten:
                raise InvoerFout(fouten)
            velden = {"rol": nieuwe_rol.value, "klassen": ",".join(opgeslagen)}
            intrekken = is_intrekking(Rol(row.rol), nieuwe_rol)
            if self.ctx.store.op_server:  # no key file: the server's login, the slots and the confidential key
                with self._sleutels() as keyring:
                    m.Gebruiker.update(**velden).where(m.Gebruiker.id == row.id).execute()
                    self._teken(row.id)
                    keyring.give(row.naam, self._voor(nieuwe_rol))
                    self._server().login_rol(self.ctx.store.db, row.naam_sleutel, nieuwe_rol.value)
                    nieuw = self._server_roteren(row, keyring)
                self._server_nieuwe_sleutels(row, nieuw)
                intrekken = False
            elif not intrekken:
                with self._sleutels() as keyring:
                    m.Gebruiker.update(**velden).where(m.Gebruiker.id == row.id).execute()
                    self._teken(row.id)
                    if nieuwe_rol == Rol.ZORGCOORDINATOR and row.rol != Rol.ZORGCOORDINATOR.value \
                            and not keyring.give(row.naam, self._voor(nieuwe_rol)):
                        raise InvoerFout({"rol": f"{row.naam} heeft nog een sleutel van een oudere versie. Geef "
                                                 f"{row.naam} eerst een nieuw wachtwoord (Wachtwoord resetten); "
                                                 "daarna kan de rol worden gewijzigd."})
                    if Rol.ALLEEN_LEZEN in (Rol(row.rol), nieuwe_rol) and Rol(row.rol) != nieuwe_rol:
                        # alleen-lezen has no database slot: to it the slot moves over; from it a new password
                        self._overzicht(keyring, row.naam, nieuwe_rol, None)
        rotatie = self._intrekken(row, velden, voortgang, nieuwe_rol) if intrekken else None
        rij = replace(_rij(m.Gebruiker.get_by_id(row.id)), rotatie=rotatie)
        self._ververs_mij(rij)
        return rij

    def wachtwoord_resetten(self, naam: str, nieuw: str, herhaling: str) -> GebruikerRij:
        """A new password for someone who forgot theirs (tell it to them in person)."""
        with self.ctx.action():
            row = _row(naam)
            if not row.actief:
                raise InvoerFout(f"{row.naam} is uitgeschakeld. Schakel de gebruiker in met een nieuw wachtwoord.")
            check_nieuwe_gebruiker(row.naam, nieuw, herhaling)
            with self._sleutels() as keyring:
                keyring.set_user(row.naam, nieuw, self._voor(Rol(row.rol)))
                self._overzicht(keyring, row.naam, Rol(row.rol), nieuw)
                if self.ctx.store.op_server:
                    self._server().zet_login(self.ctx.store.db, row.naam_sleutel, nieuw, row.rol)
        return _rij(row)

    def uitschakelen(self, naam: str, voortgang: Callable[[int, int], None] | None = None) -> GebruikerRij:
        """The user can no longer log in: their key slot is removed and the keys rotate, so a copy of the key
        file they kept opens neither the database nor any later backup. Their notes and actiepunten stay.
        `rotatie` in the result says which older backups still open with the old keys."""
        with self.ctx.action():
            row = _row(naam)
            if row.id == self.ctx.gebruiker.id:
                raise InvoerFout("U kunt uzelf niet uitschakelen. Vraag dat aan een andere zorgcoördinator.")
            if not row.actief:
                return _rij(row)
            _niet_de_laatste(row, "Dit is de laatste zorgcoördinator: die kan niet worden uitgeschakeld.")
            if self.ctx.store.op_server:  # the server refuses their login from now on; their slot goes
                with self._sleutels() as keyring:
                    m.Gebruiker.update(actief=False).where(m.Gebruiker.id == row.id).execute()
                    self._teken(row.id)
                    keyring.remove_user(row.naam)
                    self._server().login_uit(self.ctx.store.db, row.naam_sleutel)
                    nieuw = self._server_roteren(row, keyring)
                self._server_nieuwe_sleutels(row, nieuw)
                return _rij(m.Gebruiker.get_by_id(row.id))
        rotatie = self._intrekken(row, {"actief": 0}, voortgang, None)
        return replace(_rij(m.Gebruiker.get_by_id(row.id)), rotatie=rotatie)

    def inschakelen(self, naam: str, wachtwoord: str, herhaling: str) -> GebruikerRij:
        """Let a disabled user in again, with a new password (the old slot is gone)."""
        with self.ctx.action():
            row = _row(naam)
            check_nieuwe_gebruiker(row.naam, wachtwoord, herhaling)
            with self._sleutels() as keyring:
                m.Gebruiker.update(actief=True).where(m.Gebruiker.id == row.id).execute()
                self._teken(row.id)
                keyring.set_user(row.naam, wachtwoord, self._voor(Rol(row.rol)))
                self._overzicht(keyring, row.naam, Rol(row.rol), wachtwoord)
                if self.ctx.store.op_server:
                    self._server().zet_login(self.ctx.store.db, row.naam_sleutel, wachtwoord, row.rol)
            return _rij(m.Gebruiker.get_by_id(row.id))

    # --- every user: their own password ------------------------------------------------------------

    def wachtwoord_wijzigen(self, oud: str, nieuw: str, herhaling: str) -> None:
        """Change the logged-in user's own password; the current one must be given first."""
        naam = self.ctx.gebruiker.naam
        try:
            self.ctx.store.keyring.unlock(naam, oud)
        except InlogFout:
            raise InvoerFout({"oud": "Uw huidige wachtwoord klopt niet. Typ het opnieuw."}) from None
        check_nieuwe_gebruiker(naam, nieuw, herhaling)
        if nieuw == oud:
            raise InvoerFout({"wachtwoord": "Kies een ander wachtwoord dan het huidige."})
        with self.ctx.action(), self._sleutels() as keyring:
            keyring.set_user(naam, nieuw, self.ctx.store.sleutels)
            if self.ctx.store.op_server:
                self._server().eigen_wachtwoord(self.ctx.store.db, nieuw)

    # --- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _server():
        """db/server.py, imported only when the school uses a server (psycopg costs every start)."""
        from ..db import server

        return server

    def _server_roteren(self, row: m.Gebruiker, keyring):
        """On the server, inside the action: a zorgcoördinator who loses the role (or is disabled) held the
        confidential key, so it is replaced for everyone who remains (services/sleutels.py); None otherwise."""
        if row.rol != Rol.ZORGCOORDINATOR.value:
            return None
        nieuw, zonder = sleutels.roteren_op_server(self.ctx.store, keyring)
        wat = "gebruiker; sleutels vernieuwd"
        if zonder:  # their slot cannot take a key without their password: a new password from a zorgcoördinator
            wat += f"; {len(zonder)} zorgcoördinator(en) hebben een nieuw wachtwoord nodig"
        self.ctx.audit(Actie.GEWIJZIGD, wat=wat)
        return nieuw

    def _server_nieuwe_sleutels(self, row: m.Gebruiker, nieuw) -> None:
        """After the commit: this session writes with the new confidential key from now on (unless it was
        their own role that went)."""
        if nieuw is not None:
            self.ctx.store.sleutels = nieuw.voor(row.id != self.ctx.gebruiker.id)
            self.ctx.store.bind()

    def _overzicht(self, keyring, naam: str, rol: Rol | None, wachtwoord: str | None) -> None:
        """The alleen-lezen overview file beside the database; on the server alleen-lezen users read the server's
        count views instead, so there is no file to keep."""
        if not self.ctx.store.op_server:
            lezersoverzicht.slot_bijwerken(self.ctx, keyring, naam, rol, wachtwoord)

    def _voor(self, rol: Rol):
        """The keys a slot of `rol` gets; a zorgcoördinator's need the keys this session holds."""
        eigen = self.ctx.store.sleutels
        if not eigen.zorg:
            raise GeenSleutel()
        return eigen.voor(rol == Rol.ZORGCOORDINATOR)

    def _teken(self, gebruiker_id: int) -> None:
        """Sign the row as the program just wrote it (a row changed outside the program is refused at login)."""
        ondertekenen = self.ctx.store.sleutels.ondertekenen
        if ondertekenen is None:
            raise GeenSleutel()
        handtekening.onderteken_rij(ondertekenen, gebruiker_id)

    def _intrekken(self, row: m.Gebruiker, velden: dict, voortgang, nieuwe_rol: Rol | None) -> sleutels.Rotatie:
        """The change that revokes, in one step with new keys for everyone who remains; then the alleen-lezen
        overview file follows (`nieuwe_rol` None: disabled, no slot there either)."""
        from .backups import BackupService

        if not self.ctx.store.sleutels.zorg:
            raise GeenSleutel()
        map_ = BackupService(self.ctx).map()
        rotatie = sleutels.roteren(self.ctx.store, row.id, velden, self.ctx.gebruiker, map_, voortgang)
        with self.ctx.action(audit=False):
            lezersoverzicht.slot_bijwerken(self.ctx, self.ctx.store.keyring, row.naam, nieuwe_rol, None)
        return rotatie

    @contextmanager
    def _sleutels(self):
        """Change the key ring; it is saved at the end (still inside the transaction) and put back in
        memory as it was when anything fails, so the table and the file never disagree."""
        keyring = self.ctx.store.keyring
        voor = copy.deepcopy(keyring.slots)
        try:
            yield keyring
            keyring.save()
        except BaseException:
            keyring.slots = voor
            raise

    def _ververs_mij(self, rij: GebruikerRij) -> None:
        """Changing one's own role or klassen takes effect at once."""
        if rij.id == self.ctx.gebruiker.id:
            self.ctx.gebruiker = replace(self.ctx.gebruiker, rol=rij.rol, klassen=rij.klassen)


def is_intrekking(oud: Rol, nieuw: Rol) -> bool:
    """Less than before – the confidential key, or the database key itself – is a revoke: the keys rotate."""
    return ((oud == Rol.ZORGCOORDINATOR and nieuw != Rol.ZORGCOORDINATOR)
            or (oud == Rol.MENTOR and nieuw == Rol.ALLEEN_LEZEN))


def _rij(row: m.Gebruiker) -> GebruikerRij:
    return GebruikerRij(row.id, row.naam, Rol(row.rol), _splits(row.klassen), bool(row.actief), row.aangemaakt)


def _splits(klassen: str) -> tuple[str, ...]:
    return tuple(k for k in klassen.split(",") if k)


def _row(naam: str) -> m.Gebruiker:
    row = m.Gebruiker.get_or_none(m.Gebruiker.naam_sleutel == naam_sleutel(naam))
    if row is None:
        raise NietGevonden(f"Er is geen gebruiker met de naam {naam.strip()}.")
    return row


def _rol(rol: Rol | str, fouten: dict[str, str]) -> Rol:
    try:
        return Rol(str(rol).strip().casefold().replace("ö", "o"))
    except ValueError:
        fouten["rol"] = "Kies een rol: zorgcoördinator, mentor of alleen-lezen."
        return Rol.ALLEEN_LEZEN


def _klassen(rol: Rol, klassen: Iterable[str], fouten: dict[str, str]) -> list[str]:
    """The klassen as the register spells them; only a mentor has klassen."""
    if rol != Rol.MENTOR:
        return []
    register = {k.casefold(): k for (k,) in m.Leerling.select(m.Leerling.klas).where(m.Leerling.klas != "")
                .distinct().tuples()}
    gegeven = list(dict.fromkeys(k.strip() for k in klassen if k.strip()))
    onbekend = [k for k in gegeven if k.casefold() not in register]
    if not gegeven:
        fouten["klassen"] = "Kies minstens één klas: een mentor ziet alleen de leerlingen van zijn of haar klassen."
    elif onbekend:
        fouten["klassen"] = (f"Deze klas{'sen staan' if len(onbekend) > 1 else ' staat'} niet in het leerlingregister: "
                             f"{', '.join(onbekend)}. Controleer de schrijfwijze of importeer eerst de leerlingen.")
    return [register[k.casefold()] for k in gegeven if k.casefold() in register]


def _niet_de_laatste(row: m.Gebruiker, melding: str) -> None:
    if row.rol != Rol.ZORGCOORDINATOR.value or not row.actief:
        return
    anderen = (m.Gebruiker.select().where((m.Gebruiker.rol == Rol.ZORGCOORDINATOR.value) & m.Gebruiker.actief
                                          & (m.Gebruiker.id != row.id)).count())
    if not anderen:
        raise InvoerFout({"rol": melding})


__all__ = ["Gebruiker", "GebruikerRij", "GebruikersService"]
