"""Actiepunten: who does what, and when – on their own, from an MDO or from an afspraak of a gesprek; the
lists of open ones per person. A mentor adds actiepunten and changes the status of their own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..db import models as m
from ..domain.actiepunt import Actiepunt
from ..domain.errors import InvoerFout
from ..domain.traject import (
    ActiepuntStatus,
    Persoon,
    check_actiepunt,
)
from ..domain.zoeken import sorteersleutel
from . import versies
from .context import Context
from .ongedaan import Opname, Verwijderd
from .toegang import ZORG
from .traject_gedeeld import (
    ONGEWIJZIGD,
    Namen,
    Ongewijzigd,
    actiepunt_maken,
    als_enum,
    heeft_naam,
    ingekort,
    leerling_row,
    lees_actiepunt,
    lees_actiepunten,
    open_traject_row,
    persoon_ids,
    persoon_zoeken,
    rij_of_fout,
)


class ActiepuntService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def actiepunt_toevoegen(self, leerlingnummer: str, wat: str, wie: Persoon | str | None,
                            uiterlijk: date | None, *, datum: date | None = None,
                            vandaag: date | None = None) -> Actiepunt:
        """An actiepunt outside an MDO, linked to the student's open traject when there is one."""
        check_actiepunt(wat, heeft_naam(wie), uiterlijk)
        leerling = leerling_row(leerlingnummer)
        with self.ctx.action():
            traject = open_traject_row(leerling.id)
            actiepunt_id = actiepunt_maken(self.ctx, leerling.id, traject.id if traject else None, None, None,
                                            wat, wie, datum or vandaag or date.today(), uiterlijk)
        return self.actiepunt(actiepunt_id)

    def actiepunt_wijzigen(self, actiepunt_id: int, *, wat: str | Ongewijzigd = ONGEWIJZIGD,
                           wie: Persoon | str | Ongewijzigd = ONGEWIJZIGD,
                           uiterlijk: date | Ongewijzigd = ONGEWIJZIGD, versie: int | None = None) -> Actiepunt:
        """Change what is given. `versie`: the actiepunt's `rijversie` as the user saw it; `Conflict` when
        someone else changed it since (services/versies.py)."""
        row = rij_of_fout(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        check_actiepunt(row.wat if wat is ONGEWIJZIGD else wat, wie is ONGEWIJZIGD or heeft_naam(wie),
                        row.uiterlijk if uiterlijk is ONGEWIJZIGD else uiterlijk)
        velden: dict = {}
        if wat is not ONGEWIJZIGD:
            velden["wat"] = wat.strip()
        if uiterlijk is not ONGEWIJZIGD:
            velden["uiterlijk"] = uiterlijk
        with self.ctx.action():
            if wie is not ONGEWIJZIGD:
                velden["eigenaar_gebruiker"], velden["eigenaar_contact"] = persoon_ids(wie)
            if velden or versie is not None:
                versies.opslaan(m.Actiepunt, row.id, velden, versie, "dit actiepunt", door=self.ctx.gebruiker.id)
        return self.actiepunt(row.id)

    def actiepunt_status(self, actiepunt_id: int, status: ActiepuntStatus | str, *, datum: date | None = None,
                         vandaag: date | None = None, versie: int | None = None) -> Actiepunt:
        """Open, gedaan (afgerond on `datum`, default today) or vervallen. `versie` as in `actiepunt_wijzigen`."""
        vandaag = vandaag or date.today()
        status = als_enum(ActiepuntStatus, status, "status", "Kies open, gedaan of vervallen.")
        row = rij_of_fout(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        afgerond = None if status is ActiepuntStatus.OPEN else (datum or vandaag)
        if afgerond is not None and afgerond > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        with self.ctx.action():
            versies.opslaan(m.Actiepunt, row.id, {"status": status.value, "afgerond": afgerond}, versie,
                            "dit actiepunt", door=self.ctx.gebruiker.id)
        return self.actiepunt(row.id)

    def actiepunt_verwijderen(self, actiepunt_id: int) -> Verwijderd:
        """Remove an actiepunt added by mistake (a finished one is marked gedaan or vervallen instead);
        an afspraak it came from stays. Undo with the result."""
        row = rij_of_fout(m.Actiepunt, actiepunt_id, "Dit actiepunt bestaat niet meer.")
        with self.ctx.action():
            opname = Opname(f"Actiepunt '{ingekort(row.wat)}'", ZORG)
            opname.rijen(m.Actiepunt, m.Actiepunt.id == row.id)
            m.Actiepunt.delete().where(m.Actiepunt.id == row.id).execute()
        return opname.klaar()

    def actiepunt(self, actiepunt_id: int) -> Actiepunt:
        return lees_actiepunt(actiepunt_id)

    def actiepunten(self, leerlingnummer: str, *, status: ActiepuntStatus | str | None = None) -> list[Actiepunt]:
        """The student's actiepunten (all, or of one status), by deadline."""
        leerling = leerling_row(leerlingnummer)
        query = m.Actiepunt.select().where(m.Actiepunt.leerling == leerling.id)
        if status is not None:
            query = query.where(m.Actiepunt.status == ActiepuntStatus(status).value)
        return lees_actiepunten(query, Namen.laad())

    def open_actiepunten(self, wie: Persoon | str | None = None) -> list[Actiepunt]:
        """The open actiepunten of the whole school (for the dashboard), or of one owner; by deadline."""
        query = m.Actiepunt.select().where(m.Actiepunt.status == ActiepuntStatus.OPEN.value)
        if wie is not None:
            gebruiker_id, contact_id = persoon_zoeken(wie)
            if gebruiker_id is None and contact_id is None:
                return []
            query = query.where((m.Actiepunt.eigenaar_gebruiker == gebruiker_id) if gebruiker_id is not None
                                else (m.Actiepunt.eigenaar_contact == contact_id))
        return lees_actiepunten(query, Namen.laad())

    def mijn_actiepunten(self) -> list[Actiepunt]:
        """The open actiepunten of the logged-in user."""
        return self.open_actiepunten(Persoon(self.ctx.gebruiker.naam, gebruiker_id=self.ctx.gebruiker.id))

    def open_actiepunten_per_eigenaar(self) -> dict[str, list[Actiepunt]]:
        """Owner's name → their open actiepunten, owners in alphabetical order."""
        per: dict[str, list[Actiepunt]] = defaultdict(list)
        for a in self.open_actiepunten():
            per[a.wie.naam].append(a)
        return {k: per[k] for k in sorted(per, key=sorteersleutel)}
