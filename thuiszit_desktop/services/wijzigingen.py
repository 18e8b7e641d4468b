"""Other users' changes, for the screens that show what they changed (and the connection, which the same
listener watches): only on the shared school database – on the file there is one writer, this program."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .session import Services


def volgen(services: Services, bij_wijziging: Callable[[str, int | None], None],
           bij_verbinding: Callable[[bool], None] | None = None):
    """Start hearing changes (db/meldingen.py); the listener to `stop()` at logout, or None on the file."""
    store = services.ctx.store
    if not store.op_server:
        return None
    from ..db.meldingen import Luisteraar  # psycopg only for a school that has a server

    return Luisteraar(store.db, bij_wijziging, bij_verbinding).start()
