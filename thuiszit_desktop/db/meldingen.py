"""Hearing the other users' changes on the shared school database: LISTEN on a connection of its own, in a
background thread, for what migrations step 15 announces (the table, and the id of a row users edit).

The same connection tells when the server went away and when it is back: it reconnects by itself, waiting a
little longer each time, and reports both, so the program can say so and offer what was kept meanwhile
(services/concepten.py). The program's own changes are skipped (they come from its own sessions' pids).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from .migrations import MELDKANAAL
from .server import ServerDatabase

log = logging.getLogger(__name__)

WACHTTIJDEN = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds before reconnecting, after each failed attempt
TIK = 1.0  # seconds: how soon `stop` is noticed
CONTROLE = 5  # ticks between checks that the connection still answers (a cable pulled says nothing itself)


class Luisteraar:
    """`bij_wijziging(tabel, id of None)` for every change another session commits; `bij_verbinding(True/False)`
    when the connection comes or goes. Both are called from the background thread: the GUI hands them on
    through a Qt signal (ui/common/wijzigingen.py)."""

    def __init__(self, db: ServerDatabase, bij_wijziging: Callable[[str, int | None], None],
                 bij_verbinding: Callable[[bool], None] | None = None):
        self.db = db
        self._wijziging, self._verbinding = bij_wijziging, bij_verbinding or (lambda _: None)
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._luister, name="thuiszit-meldingen", daemon=True)
        self.verbonden: bool | None = None  # None: not yet known

    def start(self) -> Luisteraar:
        self._draad.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._draad.is_alive() and threading.current_thread() is not self._draad:
            self._draad.join(timeout=TIK * 3)

    def _verbinding_is(self, verbonden: bool) -> None:
        if self.verbonden is not verbonden:
            self.verbonden = verbonden
            self._melden(self._verbinding, verbonden)

    def _melden(self, terugroep, *args) -> None:
        try:
            terugroep(*args)
        except Exception:  # a screen's trouble must not stop the listening
            log.exception("handling a change notification failed")

    def _verbind(self) -> psycopg.Connection:
        params = {**self.db.connect_params, "application_name": "thuiszit-desktop meldingen",
                  "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}
        return psycopg.connect(dbname=self.db.database, autocommit=True, **params)

    def _luister(self) -> None:
        poging = 0
        while not self._stop.is_set():
            try:
                with self._verbind() as conn:
                    conn.execute(f'LISTEN "{MELDKANAAL}"')
                    poging = 0
                    self._verbinding_is(True)
                    tikken = 0
                    while not self._stop.is_set():
                        for melding in conn.notifies(timeout=TIK):
                            if melding.pid in self.db.eigen_pids:
                                continue
                            tabel, _, ident = melding.payload.partition(":")
                            self._melden(self._wijziging, tabel, int(ident) if ident else None)
                        tikken += 1
                        if tikken % CONTROLE == 0:
                            conn.execute("SELECT 1")
            except psycopg.Error as exc:
                log.info("change notifications: no connection (%s)", type(exc).__name__)
                self._verbinding_is(False)
                self._stop.wait(WACHTTIJDEN[min(poging, len(WACHTTIJDEN) - 1)])
                poging += 1
