"""MDO's of a traject: agenda, deelnemers, verslag, numbered besluiten, actiepunten agreed there, and the
ouders' consent for sharing with partner organisations. Writing is for the zorgcoördinator.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..db import models as m
from ..db.vertrouwelijk import geheim
from ..domain import formaat
from ..domain.actiepunt import Actiepunt
from ..domain.errors import InvoerFout
from ..domain.gebruiker import naam_sleutel
from ..domain.mdo import Besluit, Mdo, MdoDeelnemer, Toestemming
from ..domain.traject import (
    ActiepuntStatus,
    Persoon,
    check_mdo,
    volgend_besluitnummer,
)
from ..domain.zoeken import sorteersleutel
from . import versies
from .context import Context
from .ongedaan import Opname, Verwijderd
from .profielen import profiel
from .toegang import ZORG
from .traject_gedeeld import (
    ONGEWIJZIGD,
    Namen,
    Ongewijzigd,
    actiepunt_fouten,
    actiepunt_maken,
    als_regels,
    check_niet_gesloten,
    check_volgend_overleg,
    deelnemers_schrijven,
    lees_actiepunt,
    lees_mdos,
    rij_of_fout,
    toestemming_schrijven,
    traject_row,
    zichtbaar_mdo,
)


class MdoService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def agenda_voorstel(self, traject_id: int) -> str:
        """A standard agenda with the open actiepunten of the earlier MDO's of this traject."""
        row = traject_row(traject_id)
        namen = Namen.laad()
        open_ = (m.Actiepunt.select().join(m.Mdo)
                 .where((m.Mdo.traject == row.id) & (m.Actiepunt.status == ActiepuntStatus.OPEN.value))
                 .order_by(m.Actiepunt.uiterlijk, m.Actiepunt.id))
        regels = [f"   - {a.wat} ({namen.naam(a.eigenaar_gebruiker_id, a.eigenaar_contact_id)}, "
                  f"uiterlijk {formaat.datum(a.uiterlijk)})" for a in open_]
        return "\n".join([
            "1. Opening, kennismaking en doel van het overleg",
            "2. Hoe gaat het? De leerling en de ouders aan het woord",
            "3. Openstaande actiepunten uit eerdere MDO's" + (":" if regels else ": geen"),
            *regels,
            "4. Analyse: risico- en beschermende factoren",
            "5. Besluiten en actiepunten (wie doet wat, wanneer)",
            "6. Evaluatie en volgend overleg",
        ])

    def mdo_vastleggen(self, traject_id: int, datum: date | None, *, deelnemers: Iterable[MdoDeelnemer] = (),
                       agenda: str | None = None, verslag: str = "", vertrouwelijk: bool = False,
                       toestemmingen: Iterable[Toestemming] = (), besluiten: Iterable[str] = (),
                       actiepunten: Iterable[tuple[str, Persoon | str | None, date | None]] = (),
                       verslaglegger: str | None = None, volgend_overleg: date | None = None,
                       verzenden_aan: Iterable[str] = (), vandaag: date | None = None) -> Mdo:
        """Plan or record an MDO (a date in the future is a planned one). Without `agenda` the proposal
        with the open actiepunten of earlier MDO's is filled in; without `verslaglegger` the acting user
        writes it. Partners among the deelnemers go into the shared address book. `besluiten` (texts, numbered 1, 2, 3 …; empty ones skipped) and
        `actiepunten` (wat, wie, uiterlijk) are saved with it in one transaction, after checking all of
        it: errors are keyed "besluit<n>" and "actiepunt<n>.<wat|wie|uiterlijk>" (n counts from 1).
        Refused on a closed traject."""
        vandaag = vandaag or date.today()
        fouten: dict[str, str] = {}
        try:
            check_mdo(datum)
        except InvoerFout as exc:
            fouten.update(exc.fouten)
        row = traject_row(traject_id)
        check_niet_gesloten(row, "geen MDO meer vastleggen")
        deelnemers = list(deelnemers)
        toestemmingen = list(toestemmingen)
        teksten = [b.strip() for b in besluiten if b.strip()]
        acties = list(actiepunten)
        for n, (wat, wie, uiterlijk) in enumerate(acties, 1):
            actiepunt_fouten(f"actiepunt{n}.", wat, wie, uiterlijk, datum, fouten)
        for t in toestemmingen:
            if not t.organisatie.strip():
                fouten["toestemmingen"] = "Vul de organisatie in waarvoor de ouders toestemming geven."
            elif t.datum is not None and t.datum > vandaag:
                fouten["toestemmingen"] = "De datum van een toestemming kan niet in de toekomst liggen."
        check_volgend_overleg(datum, volgend_overleg, fouten)
        if fouten:
            raise InvoerFout(fouten)
        if agenda is None:
            agenda = self.agenda_voorstel(row.id)
        if verslaglegger is None:
            verslaglegger = profiel(self.ctx.gebruiker.id).volledige_naam or self.ctx.gebruiker.naam
        with self.ctx.action():
            mdo = m.Mdo.create(traject=row.id, datum=datum, agenda=geheim(agenda.strip(), vertrouwelijk),
                               verslag=geheim(verslag.strip(), vertrouwelijk),
                               vertrouwelijk=bool(vertrouwelijk), door=self.ctx.gebruiker.id,
                               verslaglegger=" ".join(verslaglegger.split()), volgend_overleg=volgend_overleg,
                               verzenden_aan=als_regels(verzenden_aan))
            deelnemers_schrijven(mdo.id, deelnemers)
            for t in toestemmingen:
                toestemming_schrijven(self.ctx, row.id, mdo.id, t, datum)
            if teksten:
                m.Besluit.insert_many([dict(mdo=mdo.id, nummer=n, tekst=geheim(t, vertrouwelijk))
                                       for n, t in enumerate(teksten, 1)]).execute()
            for wat, wie, uiterlijk in acties:
                actiepunt_maken(self.ctx, row.leerling_id, row.id, mdo.id, None, wat, wie, datum, uiterlijk)
        return self.mdo(mdo.id)

    def mdo_bijwerken(self, mdo_id: int, *, datum: date | Ongewijzigd = ONGEWIJZIGD,
                      deelnemers: Iterable[MdoDeelnemer] | Ongewijzigd = ONGEWIJZIGD,
                      agenda: str | Ongewijzigd = ONGEWIJZIGD, verslag: str | Ongewijzigd = ONGEWIJZIGD,
                      vertrouwelijk: bool | Ongewijzigd = ONGEWIJZIGD,
                      verslaglegger: str | Ongewijzigd = ONGEWIJZIGD,
                      volgend_overleg: date | None | Ongewijzigd = ONGEWIJZIGD,
                      verzenden_aan: Iterable[str] | Ongewijzigd = ONGEWIJZIGD, versie: int | None = None) -> Mdo:
        """Change what is given (e.g. write the verslag after the meeting); deelnemers are replaced.
        `versie`: the MDO's `rijversie` as the user read it; `Conflict` when someone else changed it – or its
        besluiten or actiepunten, which raise it too – since (services/versies.py)."""
        mdo = rij_of_fout(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        velden: dict = {}
        if datum is not ONGEWIJZIGD:
            velden["datum"] = check_mdo(datum)
        if volgend_overleg is not ONGEWIJZIGD:
            fouten: dict[str, str] = {}
            check_volgend_overleg(velden.get("datum", mdo.datum), volgend_overleg, fouten)
            if fouten:
                raise InvoerFout(fouten)
            velden["volgend_overleg"] = volgend_overleg
        if verslaglegger is not ONGEWIJZIGD:
            velden["verslaglegger"] = " ".join(verslaglegger.split())
        if verzenden_aan is not ONGEWIJZIGD:
            velden["verzenden_aan"] = als_regels(verzenden_aan)
        if agenda is not ONGEWIJZIGD:
            velden["agenda"] = agenda.strip()
        if verslag is not ONGEWIJZIGD:
            velden["verslag"] = verslag.strip()
        if vertrouwelijk is not ONGEWIJZIGD:
            velden["vertrouwelijk"] = bool(vertrouwelijk)
        geheim_nu = velden.get("vertrouwelijk", mdo.vertrouwelijk)
        for veld in ("agenda", "verslag"):
            velden[veld] = geheim(velden.get(veld, getattr(mdo, veld)), geheim_nu)
        with self.ctx.action():
            versies.opslaan(m.Mdo, mdo.id, velden, versie, "dit MDO", door=self.ctx.gebruiker.id)  # first: a conflict changes nothing
            if geheim_nu != mdo.vertrouwelijk:
                for b in m.Besluit.select().where(m.Besluit.mdo == mdo.id):
                    m.Besluit.update(tekst=geheim(b.tekst, geheim_nu)).where(m.Besluit.id == b.id).execute()
            if deelnemers is not ONGEWIJZIGD:
                m.MdoDeelnemer.delete().where(m.MdoDeelnemer.mdo == mdo.id).execute()
                deelnemers_schrijven(mdo.id, list(deelnemers))
        return self.mdo(mdo.id)

    def mdo_opslaan(self, mdo_id: int, *, versie: int | None = None, toestemmingen: Iterable[Toestemming] = (),
                    besluiten_weg: Iterable[int] = (), besluiten: Iterable[tuple[int | None, str] | None] = (),
                    actiepunten: Iterable[tuple[int | None, str, Persoon | str | None, date | None, int | None]
                                          | None] = (),
                    vandaag: date | None = None, **velden) -> Mdo:
        """Everything the MDO form changes, in one transaction – all of it or nothing: the MDO's own fields
        (`velden`, as `mdo_bijwerken`, checked against `versie`), consent recorded at it, the besluiten removed,
        the besluiten as (id or None for a new one, tekst) and the actiepunten as (id or None, wat, wie,
        uiterlijk, the version read). A row given as None is unchanged; a message about row n (counted from 1,
        None rows included) comes as "besluit<n>" or "actiepunt<n>.<veld>"."""
        from .actiepunten import ActiepuntService  # a sibling service on the same context, for its checks

        with self.ctx.action():
            mdo = self.mdo_bijwerken(mdo_id, versie=versie, **velden)
            for t in toestemmingen:
                self.toestemming_vastleggen(mdo.traject_id, t.organisatie, t.gegeven, t.datum, mdo_id=mdo_id,
                                            vandaag=vandaag)
            for besluit_id in besluiten_weg:
                self.besluit_verwijderen(besluit_id)
            for n, rij in enumerate(besluiten, 1):
                if rij is None:
                    continue
                try:
                    if rij[0] is None:
                        self.besluit_toevoegen(mdo_id, rij[1])
                    else:
                        self.besluit_wijzigen(rij[0], rij[1])
                except InvoerFout as exc:
                    raise InvoerFout({f"besluit{n}": " ".join(exc.fouten.values())}) from None
            acties = ActiepuntService(self.ctx)
            for n, actie in enumerate(actiepunten, 1):
                if actie is None:
                    continue
                actiepunt_id, wat, wie, uiterlijk, gezien = actie
                try:
                    if actiepunt_id is None:
                        self.mdo_actiepunt(mdo_id, wat, wie, uiterlijk)
                    else:
                        acties.actiepunt_wijzigen(actiepunt_id, wat=wat, wie=wie, uiterlijk=uiterlijk, versie=gezien)
                except InvoerFout as exc:
                    raise InvoerFout({f"actiepunt{n}.{k or 'wat'}": v for k, v in exc.fouten.items()}) from None
        return self.mdo(mdo_id)

    def mdo_verwijderen(self, mdo_id: int) -> Verwijderd:
        """Remove an MDO entered by mistake (e.g. planned twice), with its deelnemers, besluiten and
        actiepunten; consent given at it stays. Not on a closed traject. Undo with the result."""
        row = rij_of_fout(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        check_niet_gesloten(row.traject, "geen MDO meer verwijderen")
        with self.ctx.action():
            opname = Opname(f"MDO van {formaat.datum(row.datum)}" if row.datum else "Gepland MDO", ZORG)
            opname.rijen(m.Mdo, m.Mdo.id == row.id)
            m.Mdo.delete().where(m.Mdo.id == row.id).execute()
        return opname.klaar()

    def mdo(self, mdo_id: int) -> Mdo:
        row = rij_of_fout(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        return zichtbaar_mdo(self.ctx, lees_mdos([row], Namen.laad())[0])

    def mdos(self, traject_id: int) -> list[Mdo]:
        """The MDO's of a traject, in date order."""
        row = traject_row(traject_id)
        query = m.Mdo.select().where(m.Mdo.traject == row.id).order_by(m.Mdo.datum, m.Mdo.id)
        return [zichtbaar_mdo(self.ctx, x) for x in lees_mdos(list(query), Namen.laad())]

    def besluit_toevoegen(self, mdo_id: int, tekst: str) -> Besluit:
        """The next numbered besluit (1, 2, 3 … per MDO)."""
        if not tekst.strip():
            raise InvoerFout({"tekst": "Schrijf het besluit op."})
        mdo = rij_of_fout(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        check_niet_gesloten(mdo.traject, "geen besluiten meer toevoegen")
        with self.ctx.action():
            nummer = volgend_besluitnummer(
                n for (n,) in m.Besluit.select(m.Besluit.nummer).where(m.Besluit.mdo == mdo.id).tuples())
            row = m.Besluit.create(mdo=mdo.id, nummer=nummer, tekst=geheim(tekst.strip(), mdo.vertrouwelijk))
            versies.opslaan(m.Mdo, mdo.id, {}, None, "dit MDO", door=self.ctx.gebruiker.id)  # its lists are part of it: open forms see it
        return Besluit(row.id, mdo.id, nummer, tekst.strip())

    def besluit_wijzigen(self, besluit_id: int, tekst: str) -> Besluit:
        if not tekst.strip():
            raise InvoerFout({"tekst": "Schrijf het besluit op."})
        row = rij_of_fout(m.Besluit, besluit_id, "Dit besluit bestaat niet meer.")
        with self.ctx.action():
            m.Besluit.update(tekst=geheim(tekst.strip(), row.mdo.vertrouwelijk)).where(m.Besluit.id == row.id).execute()
            versies.opslaan(m.Mdo, row.mdo_id, {}, None, "dit MDO", door=self.ctx.gebruiker.id)
        return Besluit(row.id, row.mdo_id, row.nummer, tekst.strip())

    def besluit_verwijderen(self, besluit_id: int) -> Verwijderd:
        """Remove a besluit; the ones after it move up a number, so the numbering stays 1, 2, 3 …"""
        row = rij_of_fout(m.Besluit, besluit_id, "Dit besluit bestaat niet meer.")
        with self.ctx.action():
            opname = Opname(f"Besluit {row.nummer}", ZORG)
            opname.rijen(m.Besluit, m.Besluit.id == row.id)
            m.Besluit.delete().where(m.Besluit.id == row.id).execute()
            later = (m.Besluit.select().where((m.Besluit.mdo == row.mdo_id) & (m.Besluit.nummer > row.nummer))
                     .order_by(m.Besluit.nummer))
            for b in list(later):
                m.Besluit.update(nummer=b.nummer - 1).where(m.Besluit.id == b.id).execute()
                opname.wijziging(m.Besluit, b.id, {"nummer": b.nummer}, {"nummer": b.nummer - 1})
            versies.opslaan(m.Mdo, row.mdo_id, {}, None, "dit MDO", door=self.ctx.gebruiker.id)
        return opname.klaar()

    def toestemming_vastleggen(self, traject_id: int, organisatie: str, gegeven: bool,
                               datum: date | None = None, *, mdo_id: int | None = None,
                               vandaag: date | None = None) -> Toestemming:
        """The ouders' consent (ja/nee) for one partner organisation; a later record replaces an earlier
        one for the same organisation (`toestemmingen` keeps the history)."""
        vandaag = vandaag or date.today()
        row = traject_row(traject_id)
        check_niet_gesloten(row, "geen toestemming meer vastleggen")
        if datum is not None and datum > vandaag:
            raise InvoerFout({"datum": "De datum kan niet in de toekomst liggen."})
        if mdo_id is not None and rij_of_fout(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.").traject_id != row.id:
            raise InvoerFout("Dit MDO hoort bij een ander traject.")
        with self.ctx.action():
            t_id = toestemming_schrijven(self.ctx, row.id, mdo_id, Toestemming(organisatie, gegeven, datum),
                                          vandaag)
        t = m.Toestemming.get_by_id(t_id)
        return Toestemming(t.organisatie, t.gegeven, t.datum, t.id, t.mdo_id)

    def toestemmingen(self, traject_id: int, *, alleen_geldend: bool = False) -> list[Toestemming]:
        """Every consent recorded for the traject in date order; `alleen_geldend`: the latest per organisation."""
        row = traject_row(traject_id)
        query = (m.Toestemming.select().where(m.Toestemming.traject == row.id)
                 .order_by(m.Toestemming.datum, m.Toestemming.id))
        alle = [Toestemming(t.organisatie, t.gegeven, t.datum, t.id, t.mdo_id) for t in query]
        if not alleen_geldend:
            return alle
        laatste = {naam_sleutel(t.organisatie): t for t in alle}
        return sorted(laatste.values(), key=lambda t: sorteersleutel(t.organisatie))

    def mdo_actiepunt(self, mdo_id: int, wat: str, wie: Persoon | str | None, uiterlijk: date | None, *,
                      vandaag: date | None = None) -> Actiepunt:
        """An actiepunt of an MDO: what, who (a user or a contact) and by when – all three required; the
        deadline cannot lie before the MDO's date. (`vandaag` is accepted for symmetry with the other
        methods; a deadline in the past is allowed for an MDO recorded afterwards.)"""
        del vandaag
        mdo = rij_of_fout(m.Mdo, mdo_id, "Dit MDO bestaat niet meer.")
        fouten: dict[str, str] = {}
        actiepunt_fouten("", wat, wie, uiterlijk, mdo.datum, fouten)
        if fouten:
            raise InvoerFout(fouten)
        traject = mdo.traject
        with self.ctx.action():
            actiepunt_id = actiepunt_maken(self.ctx, traject.leerling_id, traject.id, mdo.id, None, wat, wie,
                                            mdo.datum, uiterlijk)
            versies.opslaan(m.Mdo, mdo.id, {}, None, "dit MDO", door=self.ctx.gebruiker.id)
        return lees_actiepunt(actiepunt_id)
