"""The user's profile: full name, function, phone and e-mail – how the school signs a plan and how a
casusregisseur or contact is reached. Everyone keeps their own; the zorgcoördinator also those of others
(Bestand › Gebruikers). The gebruiker row itself (name, role, klassen) is not touched here.
"""

from __future__ import annotations

from ..db import models as m
from ..domain.errors import GeenToegang, NietGevonden
from ..domain.gebruiker import Profiel, Rol, check_profiel
from .context import Context


class ProfielService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def get(self, gebruiker_id: int | None = None) -> Profiel:
        """The profile of a user (default: your own); empty fields when nothing was filled in yet."""
        gebruiker_id = self.ctx.gebruiker.id if gebruiker_id is None else gebruiker_id
        return profiel(gebruiker_id)

    def opslaan(self, nieuw: Profiel, gebruiker_id: int | None = None) -> Profiel:
        """Save your own profile, or (zorgcoördinator) someone else's."""
        gebruiker_id = self.ctx.gebruiker.id if gebruiker_id is None else gebruiker_id
        if gebruiker_id != self.ctx.gebruiker.id and self.ctx.gebruiker.rol != Rol.ZORGCOORDINATOR:
            raise GeenToegang("Alleen de zorgcoördinator kan de gegevens van een ander wijzigen.")
        if m.Gebruiker.get_or_none(m.Gebruiker.id == gebruiker_id) is None:
            raise NietGevonden("Deze gebruiker bestaat niet (meer).")
        p = check_profiel(nieuw)
        with self.ctx.action():
            velden = dict(volledige_naam=p.volledige_naam, functie=p.functie, telefoon=p.telefoon, email=p.email)
            m.Profiel.insert(gebruiker=gebruiker_id, **velden).on_conflict(
                conflict_target=[m.Profiel.gebruiker], update=velden).execute()
        return p


def profiel(gebruiker_id: int | None) -> Profiel:
    """The stored profile of a user (for other services: no permission check, no audit)."""
    row = m.Profiel.get_or_none(m.Profiel.gebruiker == gebruiker_id) if gebruiker_id is not None else None
    if row is None:
        return Profiel()
    return Profiel(row.volledige_naam, row.functie, row.telefoon, row.email)


def namen_op_papier() -> dict[int, str]:
    """Users by id → the full name of their profile, for documents that leave the school (a login name such
    as "demo" or "avries" means nothing to a partner); users without one keep their login name."""
    return {g: n for g, n in m.Profiel.select(m.Profiel.gebruiker, m.Profiel.volledige_naam).tuples() if n.strip()}


def loginnamen_op_papier() -> dict[str, str]:
    """The same by login name, for what a record keeps as the name it was written by ("door": a stap, a
    checklist tick, a gesprek; the audit trail)."""
    query = (m.Profiel.select(m.Gebruiker.naam, m.Profiel.volledige_naam).join(m.Gebruiker)
             .where(m.Profiel.volledige_naam != ""))
    return {login: naam for login, naam in query.tuples() if naam.strip()}
