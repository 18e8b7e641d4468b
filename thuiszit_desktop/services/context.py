"""Who is acting, on which open database. Every service method goes through one Context."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..db import faults
from ..db.audit import schrijf
from ..db.connection import Store
from ..domain.audit import Actie
from ..domain.errors import GeenToegang
from ..domain.gebruiker import Gebruiker, Rol
from . import leerlingnummers


@dataclass
class Context:
    store: Store
    gebruiker: Gebruiker
    # when each (leerling_id, wat) was last logged as "bekeken": a repaint or refresh is not a new view
    _bekeken: dict = field(default_factory=dict, repr=False, compare=False)
    # per thread (workers share the Context): how deep in nested actions, and whether one wrote an entry
    _actie: threading.local = field(default_factory=threading.local, repr=False, compare=False)
    # outermost actions under way in any thread, for `stil()`
    _bezig: int = field(default=0, repr=False, compare=False)
    _bezig_slot: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def gecontroleerd(self) -> None:
        """Wait for the check of every page when the login left it for later (db/connection.py Controle);
        DatabaseBeschadigd when it found damage. Every action that writes asks it before its commit (a reading
        one passes freely): nothing is committed into a file that has not passed it."""
        controle = getattr(self.store, "controle", None)  # (a server store has none)
        if controle is not None:
            controle.uitvoeren()

    @contextmanager
    def action(self, *, naam: str = "", audit: bool = True):
        """One user action: one transaction. Who may do it was checked before the service method ran
        (services/toegang.py REGELS, the one place for role rules).

        `audit()` inside it writes the action's audit entry. An outermost action that changed rows without
        writing one gets a "gewijzigd" entry named after the service method that is running ("traject:
        bijwerken", given by toegang's wrapper) or `naam` outside a service method, so no change goes
        unlogged; `audit=False` is for bookkeeping that is not a user's change (drafts saved while typing).
        Keyword-only, so that an old `action(Rol.…)` fails at once instead of passing for a name.
        """
        staat = self._actie
        buitenste = getattr(staat, "diepte", 0) == 0
        if buitenste:
            staat.geschreven, staat.eigen = not audit, 0  # eigen: rows the audit entries themselves added
            staat.uitgesteld = []
            methode = naam or getattr(staat, "methode", "")
        staat.diepte = getattr(staat, "diepte", 0) + 1
        gewijzigd = 0
        if buitenste:
            self._tel_bezig(+1)
        try:
            with faults.vertaald(self.store.map), self.store.db.atomic() as transaction:
                if buitenste:
                    staat.begin = self.store.wijzigingen()
                yield transaction
                gewijzigd = self.store.wijzigingen() - staat.begin - staat.eigen
                if buitenste and staat.uitgesteld and gewijzigd > 0:
                    self._schrijf_uitgesteld()  # the action writes anyway: its entries go with it
                if buitenste and not staat.geschreven and gewijzigd > 0:
                    self.audit(Actie.GEWIJZIGD, self._leerling_van_actie(), wat=methode)
                if buitenste and self.store.wijzigingen() > staat.begin:
                    self.gecontroleerd()  # before the commit: a failed check rolls the action back
        finally:
            staat.diepte -= 1
            if buitenste:
                self._tel_bezig(-1)
        if buitenste and gewijzigd > 0:  # after the commit: a cache filled before it is not used after it
            self.store.gewijzigd()
        if buitenste and staat.uitgesteld:
            # A reading action (a view, a print) ends its read transaction first and then appends its entry
            # in a fresh one that waits for a writer in another thread. Writing inside the read would fail
            # at once ("database is locked") whenever that thread had committed since the read began.
            self.gecontroleerd()
            with self.store.db.atomic("IMMEDIATE"):
                self._schrijf_uitgesteld()

    def _tel_bezig(self, stap: int) -> None:
        with self._bezig_slot:
            self._bezig += stap

    @contextmanager
    def stil(self):
        """For bookkeeping writes from a background thread (the signals run keeping its result): yields True
        when no action of this session is under way in another thread, and holds new ones off until the
        block ends. An action reads before it writes; a commit from another thread in between would make
        its first write fail at once ("database bezig": WAL cannot upgrade a snapshot that is not the newest).
        So such writes are skipped while an action runs, rather than ever costing the user's save."""
        with self._bezig_slot:
            yield self._bezig == 0

    @contextmanager
    def aanroep(self, methode: str, zoek):
        """A call of a service method (toegang.py wraps each). The outermost call names its student (`zoek()`
        finds the id from its arguments, before the call: a delete removes what leads to it), so a change
        logged without an entry of its own is still filed under that student; the innermost names the method
        ("traject: bijwerken") for that entry."""
        staat = self._actie
        eerste = not getattr(staat, "in_aanroep", False)
        vorige, staat.methode = getattr(staat, "methode", ""), methode
        if eerste:
            staat.in_aanroep, staat.leerling_id = True, zoek()
        try:
            yield
        finally:
            staat.methode = vorige
            if eerste:
                staat.in_aanroep, staat.leerling_id = False, None

    def _leerling_van_actie(self) -> int | None:
        return getattr(self._actie, "leerling_id", None)

    # --- who may see which students (the one scoping rule; services/toegang.py applies it) ----------

    def klassen_filter(self) -> frozenset[str] | None:
        """The klassen whose students this user may see: None = all (zorgcoördinator); a mentor their
        own klassen; alleen-lezen none (counts and overviews only)."""
        if self.gebruiker.rol == Rol.ZORGCOORDINATOR:
            return None
        if self.gebruiker.rol == Rol.MENTOR:
            return frozenset(k.casefold() for k in self.gebruiker.klassen)
        return frozenset()

    @property
    def ziet_vertrouwelijk(self) -> bool:
        """Need-to-know: medical and psychological details (what is marked vertrouwelijk in gesprekken and
        MDO's) are for the zorgcoördinator only; the services hide them from others."""
        return self.gebruiker.rol == Rol.ZORGCOORDINATOR

    def mag_klas(self, klas: str) -> bool:
        klassen = self.klassen_filter()
        return klassen is None or klas.casefold() in klassen

    def check_klas(self, klas: str) -> None:
        """GeenToegang unless a student of `klas` is one this user may see."""
        if not self.mag_klas(klas):
            if self.gebruiker.rol == Rol.MENTOR:
                raise GeenToegang("Deze leerling zit niet in uw klassen. Vraag het de zorgcoördinator.")
            raise GeenToegang("U kunt met uw rol geen gegevens van leerlingen zien, alleen aantallen en overzichten.")

    BEKEKEN_OPNIEUW_NA = 600.0  # seconds: looking at the same thing again within this time is one view

    def audit(self, actie: Actie | str, leerling_id: int | None = None, wat: str = "", *,
              leerlingnummer: str | None = None) -> None:
        """Append an audit entry inside the current action's transaction (rolled back with it).

        `wat` is a short kind ("gesprek", "plan-pdf", "12 leerlingen"), never names or note text. A student
        is given by id or leerlingnummer; only the id is stored.
        """
        if leerling_id is None and leerlingnummer:
            row = leerlingnummers.zoek(leerlingnummer)
            leerling_id = row.id if row else None
        if actie == Actie.BEKEKEN:
            nu, laatst = time.monotonic(), self._bekeken.get((leerling_id, wat))
            if laatst is not None and nu - laatst < self.BEKEKEN_OPNIEUW_NA:
                return
            self._bekeken[(leerling_id, wat)] = nu
        else:
            self._actie.geschreven = True  # the action's own entry: no generic one needed (a view is not one)
        staat = self._actie
        if actie in _LEZEND and getattr(staat, "diepte", 0) > 0 and \
                self.store.wijzigingen() == staat.begin:
            staat.uitgesteld.append((actie, leerling_id, wat))
            return
        self._schrijf(actie, leerling_id, wat)

    def _schrijf_uitgesteld(self) -> None:
        uitgesteld, self._actie.uitgesteld = self._actie.uitgesteld, []
        for actie, leerling_id, wat in uitgesteld:
            self._schrijf(actie, leerling_id, wat)

    def _schrijf(self, actie: Actie | str, leerling_id: int | None, wat: str) -> None:
        voor = self.store.wijzigingen()
        schrijf(self.store.db, self.gebruiker, actie, leerling_id, wat)
        self._actie.eigen = getattr(self._actie, "eigen", 0) + self.store.wijzigingen() - voor


# Entries of actions that only read: written after the read transaction (see `action`).
_LEZEND = frozenset({Actie.BEKEKEN, Actie.AFGEDRUKT, Actie.GEEXPORTEERD})

