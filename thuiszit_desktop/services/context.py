"""Who is acting, on which open database. Every service method goes through one Context."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from ..db.connection import Store
from ..domain.errors import GeenToegang
from ..domain.gebruiker import Gebruiker, Rol


@dataclass
class Context:
    store: Store
    gebruiker: Gebruiker

    @contextmanager
    def action(self, *roles: Rol):
        """One user action: a permission check and one transaction (audit hooks in here later)."""
        if roles and self.gebruiker.rol not in roles:
            raise GeenToegang("Dit mag u niet met uw rol. Vraag het de zorgcoördinator.")
        with self.store.db.atomic() as transaction:
            yield transaction
