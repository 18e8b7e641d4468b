"""Drafts (concepten) of long texts: kept in the encrypted database per user, so neither closing a
dialog nor a crash loses typed work, and no note about a child ends up unencrypted on disk.

On the shared school database a draft must also survive the server being out of reach (the network, a
restart): then it is kept on this computer in one file per user and school, encrypted with AES-GCM
(`cryptography`, the same authenticated cipher as the key slots – no cipher of our own) under a key only
this user holds after logging in (`Sleutels.persoonlijk`, db/keys.py). Whoever has the laptop's disk but
not the password reads neither the drafts nor which forms they belong to. When the server is back the
drafts move into the database (`naar_server`), and the forms restore them as always.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .. import paths
from ..db import models as m
from ..db import vertrouwelijk
from ..domain import formaat
from ..domain.errors import VerbindingWeg
from .context import Context

BEWAARDAGEN = 30  # an unsaved draft older than this is forgotten
# After the school database was found out of reach, drafts go straight to this computer for a while: each try
# to connect may take the connection timeout (seconds), and autosaving while typing must not freeze the form.
NIET_PROBEREN_S = 30.0


@dataclass(frozen=True)
class Concept:
    velden: dict[str, str]
    opgeslagen: dt.datetime = field(default_factory=m.now)

    @property
    def notitie(self) -> str:
        return f"Concept van {formaat.korte_datum(self.opgeslagen)} {formaat.tijd(self.opgeslagen)} hersteld"


class LokaleConcepten:
    """One user's drafts of one school database on this computer, while that database is out of reach: a file
    of a random nonce and the AES-GCM encryption of all of them (soort and sleutel included)."""

    VERSIE = b"thuiszit-concepten-1"  # associated data: a file of another kind does not decrypt as this one

    def __init__(self, pad: Path, sleutel: bytes):
        self.pad = pad
        self._aes = AESGCM(HKDF(hashes.SHA256(), 32, salt=None, info=b"thuiszit-desktop concepten").derive(sleutel))

    def alle(self) -> dict[tuple[str, str], Concept]:
        if not self.pad.exists():
            return {}
        data = self.pad.read_bytes()
        try:
            inhoud = json.loads(self._aes.decrypt(data[:12], data[12:], self.VERSIE))
        except (InvalidTag, ValueError):  # another user's file, or damaged: never someone else's text
            return {}
        return {(c["soort"], c["sleutel"]): Concept(c["velden"], dt.datetime.fromisoformat(c["opgeslagen"]))
                for c in inhoud}

    def _schrijf(self, concepten: dict[tuple[str, str], Concept]) -> None:
        if not concepten:
            self.pad.unlink(missing_ok=True)
            return
        inhoud = json.dumps([{"soort": s, "sleutel": k, "velden": c.velden, "opgeslagen": c.opgeslagen.isoformat()}
                             for (s, k), c in concepten.items()], ensure_ascii=False).encode()
        nonce = secrets.token_bytes(12)
        self.pad.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = self.pad.with_suffix(".tmp")
        tijdelijk.write_bytes(nonce + self._aes.encrypt(nonce, inhoud, self.VERSIE))
        os.replace(tijdelijk, self.pad)  # whole or not at all: a crash never leaves half a file

    def bewaar(self, soort: str, sleutel: str, velden: dict[str, str]) -> None:
        concepten = self.alle()
        concepten[(soort, str(sleutel))] = Concept(dict(velden))
        self._schrijf(concepten)

    def verwijder(self, soort: str, sleutel: str) -> None:
        concepten = self.alle()
        if concepten.pop((soort, str(sleutel)), None) is not None:
            self._schrijf(concepten)


class ConceptService:
    """Every role may keep drafts; each user sees only their own."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.lokale_map = paths.data_dir() / "concepten"  # for the server's drafts while it is out of reach
        self._weg_tot = 0.0  # time.monotonic() until which the server is not tried for a draft

    def _lokaal(self) -> LokaleConcepten | None:
        """This user's local drafts of this school database (the server only; None without a personal key)."""
        store = self.ctx.store
        sleutel = getattr(store.sleutels, "persoonlijk", None)
        if not store.op_server or sleutel is None:
            return None
        # The file's name says neither the user nor the school: a hash of both (the key decides who reads it).
        adres = store.db.adres
        naam = hashlib.sha256(f"{adres.host}:{adres.poort}/{adres.database}/{self.ctx.gebruiker.id}".encode())
        return LokaleConcepten(self.lokale_map / f"{naam.hexdigest()[:24]}.tzconcept", sleutel)

    def wachtend(self) -> int:
        """How many drafts wait on this computer for the school database to be back."""
        lokaal = self._lokaal()
        return len(lokaal.alle()) if lokaal is not None else 0

    def naar_server(self) -> int:
        """The connection is back: the drafts kept here go into the database (one transaction), where the forms
        find them; how many. They stay here when it fails again."""
        self._weg_tot = 0.0
        lokaal = self._lokaal()
        concepten = lokaal.alle() if lokaal is not None else {}
        if not concepten:
            return 0
        with self.ctx.action(audit=False):
            for (soort, sleutel), concept in concepten.items():
                self._in_database(soort, sleutel, concept.velden)
        lokaal.pad.unlink(missing_ok=True)
        return len(concepten)

    def _waar(self, soort: str, sleutel: str):
        return ((m.Concept.gebruiker == self.ctx.gebruiker.id) & (m.Concept.soort == soort)
                & (m.Concept.sleutel == str(sleutel)))

    def lees(self, soort: str, sleutel: str) -> Concept | None:
        lokaal = self._lokaal()
        if lokaal is not None and (hier := lokaal.alle().get((soort, str(sleutel)))) is not None:
            return hier  # typed while the school database was out of reach: newer than what it holds
        try:
            row = m.Concept.get_or_none(self._waar(soort, sleutel))
        except VerbindingWeg:
            return None
        if row is None or isinstance(row.velden, vertrouwelijk.Versleuteld):  # a key this login does not hold
            return None
        return Concept(json.loads(row.velden), row.bijgewerkt)

    def bewaar(self, soort: str, sleutel: str, velden: dict[str, str]) -> None:
        if self.ctx.store.closed:  # an autosave timer that fired after logging out: nothing to keep it in
            return
        lokaal = self._lokaal()
        if lokaal is not None and time.monotonic() < self._weg_tot:
            lokaal.bewaar(soort, sleutel, velden)
            return
        try:
            with self.ctx.action(audit=False):  # drafts: bookkeeping, not a change to log
                self._in_database(soort, sleutel, velden)
        except VerbindingWeg:
            if lokaal is None:
                raise
            self._weg_tot = time.monotonic() + NIET_PROBEREN_S
            lokaal.bewaar(soort, sleutel, velden)  # kept here until the server is back
            return
        if lokaal is not None:
            lokaal.verwijder(soort, sleutel)  # the database has the newer one now

    def _in_database(self, soort: str, sleutel: str, velden: dict[str, str]) -> None:
        # A zorgcoördinator's draft may be about something vertrouwelijk: encrypted like the real thing.
        tekst = vertrouwelijk.geheim(json.dumps(velden, ensure_ascii=False), vertrouwelijk.sleutel() is not None)
        (m.Concept.insert(gebruiker=self.ctx.gebruiker.id, soort=soort, sleutel=str(sleutel),
                          velden=tekst, bijgewerkt=m.now())
         .on_conflict(conflict_target=[m.Concept.gebruiker, m.Concept.soort, m.Concept.sleutel],
                      update={m.Concept.velden: tekst, m.Concept.bijgewerkt: m.now()})
         .execute())

    def verwijder(self, soort: str, sleutel: str) -> None:
        if self.ctx.store.closed:
            return
        if (lokaal := self._lokaal()) is not None:
            lokaal.verwijder(soort, sleutel)
        try:
            with self.ctx.action(audit=False):
                m.Concept.delete().where(self._waar(soort, sleutel)).execute()
        except VerbindingWeg:  # what the database still holds is forgotten with the next save or after 30 days
            if lokaal is None:
                raise

    def opruimen(self) -> int:
        """Forget this user's drafts older than BEWAARDAGEN; returns how many."""
        grens = m.now() - dt.timedelta(days=BEWAARDAGEN)
        with self.ctx.action(audit=False):
            return (m.Concept.delete()
                    .where((m.Concept.gebruiker == self.ctx.gebruiker.id) & (m.Concept.bijgewerkt < grens))
                    .execute())
