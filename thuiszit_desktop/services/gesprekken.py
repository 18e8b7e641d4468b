"""Gesprekken and contactmomenten with a student, ouders or partners, with their afspraken; who may see a
vertrouwelijk one (need-to-know). Mentors record gesprekken for the students of their own klassen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..db import models as m
from ..db.vertrouwelijk import geheim
from ..domain import formaat
from ..domain.actiepunt import Actiepunt
from ..domain.audit import Actie
from ..domain.errors import GeenToegang, InvoerFout
from ..domain.gesprek import Gesprek
from ..domain.traject import (
    GesprekType,
    Persoon,
    check_actiepunt,
    check_gesprek,
)
from . import versies
from .context import Context
from .ongedaan import Opname, Verwijderd
from .toegang import TEAM
from .traject_gedeeld import (
    GEEN_VERTROUWELIJK,
    ONGEWIJZIGD,
    Namen,
    Ongewijzigd,
    actiepunt_maken,
    afspraak_acties,
    als_enum,
    heeft_naam,
    leerling_row,
    lees_actiepunt,
    lees_gesprekken,
    rij_of_fout,
    traject_op,
    zichtbaar_gesprek,
)


class GesprekService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def gesprek_vastleggen(self, leerlingnummer: str, type: GesprekType | str, datum: date, samenvatting: str, *,
                           deelnemers: str = "", afspraken: Iterable[str] = (), vertrouwelijk: bool = False,
                           actiepunten: Iterable[tuple[int, Persoon | str | None, date | None]] = (),
                           vandaag: date | None = None) -> Gesprek:
        """A gesprek or contactmoment; linked to the student's traject that was open on `datum` (a
        backdated gesprek goes with the traject of its day, not with today's). Each
        afspraak can become an actiepunt at once – `actiepunten`: (index in `afspraken`, wie, uiterlijk) – or
        later (`afspraak_naar_actiepunt`). Everything is checked first and saved in one transaction;
        errors of an actiepunt are keyed "afspraak<n>.<veld>" (n = 1-based index in `afspraken`)."""
        vandaag = vandaag or date.today()
        fouten: dict[str, str] = {}
        soort: GesprekType | None = None  # a wrong type is reported with the other fouten
        try:
            soort = als_enum(GesprekType, type, "type", "Kies wat voor contact het was.")
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        try:
            check_gesprek(datum, samenvatting, vandaag)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        if vertrouwelijk and not self.ctx.ziet_vertrouwelijk:
            fouten["vertrouwelijk"] = GEEN_VERTROUWELIJK
        gegeven = [a.strip() for a in afspraken]
        acties = afspraak_acties(gegeven, actiepunten, datum, fouten)
        if fouten or soort is None:
            raise InvoerFout(fouten)
        leerling = leerling_row(leerlingnummer)
        teksten = [a for a in gegeven if a]
        volgorde = {i: n for n, i in enumerate(i for i, a in enumerate(gegeven) if a)}  # given index → stored
        with self.ctx.action():
            traject = traject_op(leerling.id, datum)
            row = m.Gesprek.create(leerling=leerling.id, traject=traject.id if traject else None, type=soort.value,
                                   datum=datum, deelnemers=geheim(deelnemers.strip(), vertrouwelijk),
                                   samenvatting=geheim(samenvatting.strip(), vertrouwelijk),
                                   vertrouwelijk=bool(vertrouwelijk), door=self.ctx.gebruiker.id)
            self.ctx.audit(Actie.TOEGEVOEGD, leerling.id, "gesprek")
            if teksten:
                m.Afspraak.insert_many([dict(gesprek=row.id, volgorde=i, tekst=geheim(t, vertrouwelijk))
                                        for i, t in enumerate(teksten)]).execute()
            for i, wie, uiterlijk in acties:
                afspraak = m.Afspraak.get((m.Afspraak.gesprek == row.id) & (m.Afspraak.volgorde == volgorde[i]))
                actiepunt_id = actiepunt_maken(self.ctx, leerling.id, row.traject_id, None, row.id, afspraak.tekst,
                                                wie, datum, uiterlijk)
                m.Afspraak.update(actiepunt=actiepunt_id).where(m.Afspraak.id == afspraak.id).execute()
        return self.gesprek(row.id)

    def gesprek_bijwerken(self, gesprek_id: int, *, type: GesprekType | str | Ongewijzigd = ONGEWIJZIGD,
                          datum: date | Ongewijzigd = ONGEWIJZIGD, samenvatting: str | Ongewijzigd = ONGEWIJZIGD,
                          deelnemers: str | Ongewijzigd = ONGEWIJZIGD,
                          vertrouwelijk: bool | Ongewijzigd = ONGEWIJZIGD, vandaag: date | None = None,
                          versie: int | None = None) -> Gesprek:
        """Correct a recorded gesprek (what is given; the rest stays), with the same checks as
        `gesprek_vastleggen`. A new datum links it to the traject open on that day and moves the
        'afgesproken op' of its actiepunten along. A vertrouwelijk gesprek only the zorgcoördinator changes.
        `versie`: the gesprek's `rijversie` as the user saw it; `Conflict` when someone else changed it since."""
        vandaag = vandaag or date.today()
        row = rij_of_fout(m.Gesprek, gesprek_id, "Dit gesprek bestaat niet meer.")
        nieuw_datum = row.datum if datum is ONGEWIJZIGD else datum
        fouten: dict[str, str] = {}
        soort: GesprekType | None = None  # None: unchanged
        if type is not ONGEWIJZIGD:
            try:
                soort = als_enum(GesprekType, type, "type", "Kies wat voor contact het was.")
            except InvoerFout as exc:
                fouten.update(exc.fouten)
        try:
            check_gesprek(nieuw_datum, row.samenvatting if samenvatting is ONGEWIJZIGD else samenvatting, vandaag)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        if nieuw_datum is not None and datum is not ONGEWIJZIGD:
            te_vroeg = (m.Actiepunt.select().where((m.Actiepunt.gesprek == row.id) & (m.Actiepunt.uiterlijk < nieuw_datum))
                        .exists())
            if te_vroeg:
                fouten["datum"] = "Een actiepunt uit dit gesprek moet vóór deze datum al klaar zijn. Controleer de datum."
        if fouten:
            raise InvoerFout(fouten)
        velden: dict = {}
        if soort is not None:
            velden["type"] = soort.value
        if samenvatting is not ONGEWIJZIGD:
            velden["samenvatting"] = samenvatting.strip()
        if deelnemers is not ONGEWIJZIGD:
            velden["deelnemers"] = deelnemers.strip()
        if vertrouwelijk is not ONGEWIJZIGD:
            if vertrouwelijk and not row.vertrouwelijk and not self.ctx.ziet_vertrouwelijk:
                raise InvoerFout({"vertrouwelijk": GEEN_VERTROUWELIJK})
            velden["vertrouwelijk"] = bool(vertrouwelijk)
        geheim_nu = velden.get("vertrouwelijk", row.vertrouwelijk)
        for veld in ("samenvatting", "deelnemers"):
            velden[veld] = geheim(velden.get(veld, getattr(row, veld)), geheim_nu)
        with self.ctx.action():
            if row.vertrouwelijk and not self.ctx.ziet_vertrouwelijk:
                raise GeenToegang("Dit gesprek is vertrouwelijk: alleen de zorgcoördinator kan het wijzigen.")
            if datum is not ONGEWIJZIGD and datum != row.datum:
                traject = traject_op(row.leerling_id, datum)
                velden["datum"] = datum
                velden["traject"] = traject.id if traject else None
            versies.opslaan(m.Gesprek, row.id, velden, versie, "dit gesprek", door=self.ctx.gebruiker.id)  # first: a conflict changes nothing
            if "datum" in velden:
                m.Actiepunt.update(datum=datum, traject=velden["traject"], **versies.nieuw(m.Actiepunt, self.ctx.gebruiker.id)).where(
                    m.Actiepunt.gesprek == row.id).execute()
            if geheim_nu != row.vertrouwelijk:
                for a in m.Afspraak.select().where(m.Afspraak.gesprek == row.id):
                    m.Afspraak.update(tekst=geheim(a.tekst, geheim_nu)).where(m.Afspraak.id == a.id).execute()
        return self.gesprek(row.id)

    def gesprek_verwijderen(self, gesprek_id: int) -> Verwijderd:
        """Remove a gesprek entered by mistake, with its afspraken; actiepunten made from it stay (unlinked).
        Undo with the result. A vertrouwelijk one only the zorgcoördinator removes – and whoever recorded it
        (a mentor's own gesprek from before mentors could no longer mark one vertrouwelijk)."""
        row = rij_of_fout(m.Gesprek, gesprek_id, "Dit gesprek bestaat niet meer.")
        with self.ctx.action():
            if row.vertrouwelijk and not self.ctx.ziet_vertrouwelijk and row.door_id != self.ctx.gebruiker.id:
                raise GeenToegang("Dit gesprek is vertrouwelijk: alleen de zorgcoördinator kan het verwijderen.")
            opname = Opname(f"Gesprek van {formaat.datum(row.datum)}", TEAM)
            opname.rijen(m.Gesprek, m.Gesprek.id == row.id)
            m.Gesprek.delete().where(m.Gesprek.id == row.id).execute()
        return opname.klaar()

    def contactmoment(self, leerlingnummer: str, type: GesprekType | str, samenvatting: str,
                      datum: date | None = None, *, vandaag: date | None = None) -> Gesprek:
        """The quick way for a mentor: type, datum (default today) and a summary in one call."""
        vandaag = vandaag or date.today()
        return self.gesprek_vastleggen(leerlingnummer, type, datum or vandaag, samenvatting, vandaag=vandaag)

    def gesprek(self, gesprek_id: int) -> Gesprek:
        """One gesprek; for anyone but the zorgcoördinator a vertrouwelijk one comes with its content
        replaced by VERTROUWELIJK (type, datum and the links to actiepunten stay)."""
        row = rij_of_fout(m.Gesprek, gesprek_id, "Dit gesprek bestaat niet meer.")
        return zichtbaar_gesprek(self.ctx, lees_gesprekken([row], Namen.laad())[0])

    def gesprekken(self, leerlingnummer: str) -> list[Gesprek]:
        """The student's gesprekken, the newest first."""
        leerling = leerling_row(leerlingnummer)
        query = (m.Gesprek.select().where(m.Gesprek.leerling == leerling.id)
                 .order_by(m.Gesprek.datum.desc(), m.Gesprek.id.desc()))
        return [zichtbaar_gesprek(self.ctx, g) for g in lees_gesprekken(list(query), Namen.laad(), leerling.leerlingnummer)]

    def mag_gesprek_weghalen(self, g: Gesprek) -> bool:
        """What `gesprek_verwijderen` allows (so a screen does not ask first and then get refused)."""
        return (self.ctx.gebruiker.rol in TEAM
                and (not g.vertrouwelijk or self.ctx.ziet_vertrouwelijk or g.door_id == self.ctx.gebruiker.id))

    def afspraak_naar_actiepunt(self, afspraak_id: int, wie: Persoon | str | None,
                                uiterlijk: date | None) -> Actiepunt:
        """Turn an afspraak of a gesprek into an actiepunt with an owner and a deadline."""
        afspraak = rij_of_fout(m.Afspraak, afspraak_id, "Deze afspraak bestaat niet meer.")
        if afspraak.actiepunt_id is not None:
            raise InvoerFout("Van deze afspraak is al een actiepunt gemaakt.")
        gesprek = afspraak.gesprek
        check_actiepunt(afspraak.tekst, heeft_naam(wie), uiterlijk)
        with self.ctx.action():
            actiepunt_id = actiepunt_maken(self.ctx, gesprek.leerling_id, gesprek.traject_id, None, gesprek.id,
                                            afspraak.tekst, wie, gesprek.datum, uiterlijk)
            m.Afspraak.update(actiepunt=actiepunt_id).where(m.Afspraak.id == afspraak.id).execute()
        return lees_actiepunt(actiepunt_id)
