"""Drafts (concepten) of long texts: kept in the encrypted database per user, so neither closing a
dialog nor a crash loses typed work, and no note about a child ends up unencrypted on disk."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ..db import models as m
from ..db import vertrouwelijk
from ..domain import formaat
from .context import Context

BEWAARDAGEN = 30  # an unsaved draft older than this is forgotten


@dataclass(frozen=True)
class Concept:
    velden: dict[str, str]
    opgeslagen: dt.datetime = field(default_factory=m.now)

    @property
    def notitie(self) -> str:
        return f"Concept van {formaat.korte_datum(self.opgeslagen)} {formaat.tijd(self.opgeslagen)} hersteld"


class ConceptService:
    """Every role may keep drafts; each user sees only their own."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def _waar(self, soort: str, sleutel: str):
        return ((m.Concept.gebruiker == self.ctx.gebruiker.id) & (m.Concept.soort == soort)
                & (m.Concept.sleutel == str(sleutel)))

    def lees(self, soort: str, sleutel: str) -> Concept | None:
        row = m.Concept.get_or_none(self._waar(soort, sleutel))
        if row is None or isinstance(row.velden, vertrouwelijk.Versleuteld):  # a key this login does not hold
            return None
        return Concept(json.loads(row.velden), row.bijgewerkt)

    def bewaar(self, soort: str, sleutel: str, velden: dict[str, str]) -> None:
        if self.ctx.store.closed:  # an autosave timer that fired after logging out: nothing to keep it in
            return
        # A zorgcoördinator's draft may be about something vertrouwelijk: encrypted like the real thing.
        tekst = vertrouwelijk.geheim(json.dumps(velden, ensure_ascii=False), vertrouwelijk.sleutel() is not None)
        with self.ctx.action(audit=False):  # drafts: bookkeeping, not a change to log
            (m.Concept.insert(gebruiker=self.ctx.gebruiker.id, soort=soort, sleutel=str(sleutel),
                              velden=tekst, bijgewerkt=m.now())
             .on_conflict(conflict_target=[m.Concept.gebruiker, m.Concept.soort, m.Concept.sleutel],
                          update={m.Concept.velden: tekst,
                                  m.Concept.bijgewerkt: m.now()})
             .execute())

    def verwijder(self, soort: str, sleutel: str) -> None:
        if self.ctx.store.closed:
            return
        with self.ctx.action(audit=False):
            m.Concept.delete().where(self._waar(soort, sleutel)).execute()

    def opruimen(self) -> int:
        """Forget this user's drafts older than BEWAARDAGEN; returns how many."""
        grens = m.now() - dt.timedelta(days=BEWAARDAGEN)
        with self.ctx.action(audit=False):
            return (m.Concept.delete()
                    .where((m.Concept.gebruiker == self.ctx.gebruiker.id) & (m.Concept.bijgewerkt < grens))
                    .execute())
