"""The screen lock: its idle time setting and checking the password of the user who is logged in."""

from __future__ import annotations

import hmac

from ..db.keys import KeyRing
from ..domain.errors import InlogFout
from ..domain.vergrendeling import STANDAARD_MINUTEN, check_minuten
from . import instellingen
from .context import Context

MINUTEN = "vergrendelen_na_minuten"


class VergrendelService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def minuten(self) -> int:
        """Idle minutes before the screen locks; 0 = never."""
        with self.ctx.action():
            waarde = instellingen.lees(MINUTEN, STANDAARD_MINUTEN)
        try:
            return check_minuten(waarde)
        except ValueError:  # a damaged value: lock at the safe default rather than never
            return STANDAARD_MINUTEN

    def minuten_opslaan(self, minuten: object) -> int:
        minuten = check_minuten(minuten)
        with self.ctx.action():
            instellingen.schrijf(MINUTEN, minuten)
        return minuten

    def controleer_wachtwoord(self, wachtwoord: str) -> None:
        """InlogFout unless `wachtwoord` is the logged-in user's own password (~0.1 s of scrypt).

        Reads the key slots from disk, not the ones loaded at login, so a password changed since then
        counts; the key must also be the one this session opened the database with. Touches no
        database connection, so it can run on a worker thread.
        """
        store = self.ctx.store
        if store.op_server:  # the server checks it: a login of their own role with this password
            from ..db import server

            server.verbind(store.adres, wachtwoord).close()  # type: ignore[attr-defined]  # a ServerStore
            return
        keyring = KeyRing.load(store.keyring.path)
        key = keyring.unlock(self.ctx.gebruiker.naam, wachtwoord)
        if not hmac.compare_digest(key, store.key):
            raise InlogFout()
