"""Bewaartermijnen: which data of students who left has expired, a preview, and deleting it for good.

DOMEIN.md: the leerlingdossier is kept 2 years after the student leaves, verzuim and in-/uitschrijving data
5 years; the school sets the terms. So only students with an uitschrijfdatum and no open traject expire:
- the dossier (trajecten with everything in them, gesprekken, actiepunten, signaalbesprekingen) on
  uitschrijfdatum + the dossier term, or on the closing date of the last traject + the term when that is later
  (nazorg can go on after a student left);
- the verzuim (verzuim, DUO-meldingen, M@zl-acties, vrijstellingen) on uitschrijfdatum + the verzuim term;
- the student row itself (with ouders) once both have expired: nothing is kept about them any more.
The day the term ends is the first day the data counts as expired.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import peewee as pw

from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import InvoerFout
from . import instellingen
from .backups import BackupService
from .context import Context

log = logging.getLogger(__name__)

SLEUTEL_DOSSIER = "bewaartermijn_dossier_jaren"
SLEUTEL_VERZUIM = "bewaartermijn_verzuim_jaren"
STANDAARD_DOSSIER = 2
STANDAARD_VERZUIM = 5
MAX_JAREN = 100
VERANDERD = ("De gegevens zijn veranderd sinds het overzicht werd gemaakt. Bekijk het overzicht opnieuw en "
             "bevestig dan.")

# What is counted per kind, in the order shown: (label, model, field pointing at the student)
DOSSIER_SOORTEN = (("trajecten", m.Traject), ("gesprekken", m.Gesprek), ("actiepunten", m.Actiepunt),
                   ("signaalbesprekingen", m.SignaalBespreking))
VERZUIM_SOORTEN = (("verzuimregels", m.Verzuim), ("verzuimmeldingen", m.Verzuimmelding),
                   ("M@zl-acties", m.MazlActie), ("vrijstellingen", m.Vrijstelling))


ENKELVOUD = {"trajecten": "traject", "gesprekken": "gesprek", "actiepunten": "actiepunt",
             "signaalbesprekingen": "signaalbespreking", "verzuimregels": "verzuimregel",
             "verzuimmeldingen": "verzuimmelding", "M@zl-acties": "M@zl-actie", "vrijstellingen": "vrijstelling",
             "leerlingen helemaal": "leerling helemaal"}


def aantallen_tekst(aantallen: dict[str, int]) -> str:
    """"3 gesprekken, 1 verzuimregel": counts per kind in plain Dutch."""
    return ", ".join(f"{n} {ENKELVOUD.get(soort, soort) if n == 1 else soort}" for soort, n in aantallen.items())


def plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:  # 29 February in a year without one
        return datum.replace(year=datum.year + jaren, day=28)


@dataclass(frozen=True)
class Termijnen:
    dossier_jaren: int = STANDAARD_DOSSIER
    verzuim_jaren: int = STANDAARD_VERZUIM


@dataclass(frozen=True)
class BewaarRij:
    """One student with something expired. `helemaal`: everything has expired, the student goes too."""

    leerling_id: int
    leerlingnummer: str
    naam: str
    uitschrijfdatum: dt.date
    dossier_tot: dt.date  # the first day the dossier counts as expired
    verzuim_tot: dt.date
    dossier_verlopen: bool
    verzuim_verlopen: bool
    aantallen: dict[str, int]

    @property
    def helemaal(self) -> bool:
        return self.dossier_verlopen and self.verzuim_verlopen


@dataclass(frozen=True)
class Voorstel:
    """What `opruimen` would delete on `peildatum`: per student, and counted per kind (never content)."""

    peildatum: dt.date
    termijnen: Termijnen
    rijen: list[BewaarRij] = field(default_factory=list)
    backup: Path | None = None  # after `opruimen`: the backup made first

    @property
    def aantallen(self) -> Counter:
        totaal: Counter = Counter()
        for rij in self.rijen:
            totaal.update(rij.aantallen)
        totaal["leerlingen helemaal"] = sum(1 for r in self.rijen if r.helemaal)
        return +totaal  # drops the zeros

    @property
    def leeg(self) -> bool:
        return not self.rijen

    def samenvatting(self) -> str:
        if self.leeg:
            return "Er is niets dat over de bewaartermijn is."
        wie = "1 leerling" if len(self.rijen) == 1 else f"{len(self.rijen)} leerlingen"
        return f"Over de bewaartermijn bij {wie}: {aantallen_tekst(dict(self.aantallen))}."


def controleer_peildatum(peildatum: dt.date, vandaag: dt.date | None = None) -> None:
    """Opruimen goes by today or an earlier day: a later one would delete what has not expired yet."""
    if peildatum > (vandaag or dt.date.today()):
        raise InvoerFout({"peildatum": f"De peildatum {formaat.datum(peildatum)} ligt na vandaag. Opruimen kan alleen wat "
                                       "vandaag over de bewaartermijn is; kies vandaag of een eerdere datum."})


class BewaarService:
    def __init__(self, ctx: Context, backups: BackupService):
        self.ctx = ctx
        self.backups = backups

    def termijnen(self) -> Termijnen:
        with self.ctx.action():
            return Termijnen(int(instellingen.lees(SLEUTEL_DOSSIER, STANDAARD_DOSSIER)),
                             int(instellingen.lees(SLEUTEL_VERZUIM, STANDAARD_VERZUIM)))

    def termijnen_opslaan(self, dossier_jaren: int, verzuim_jaren: int) -> Termijnen:
        fouten = {}
        for veld, waarde in (("dossier", dossier_jaren), ("verzuim", verzuim_jaren)):
            if not isinstance(waarde, int) or not 1 <= waarde <= MAX_JAREN:
                fouten[veld] = f"Kies een bewaartermijn van 1 tot {MAX_JAREN} jaar."
        if fouten:
            raise InvoerFout(fouten)
        with self.ctx.action():
            instellingen.schrijf(SLEUTEL_DOSSIER, dossier_jaren)
            instellingen.schrijf(SLEUTEL_VERZUIM, verzuim_jaren)
            self.ctx.audit(Actie.GEWIJZIGD, wat="bewaartermijnen")
            return Termijnen(dossier_jaren, verzuim_jaren)

    def voorstel(self, peildatum: dt.date | None = None) -> Voorstel:
        """What has expired on `peildatum` (default today); changes nothing."""
        with self.ctx.action():
            return self._voorstel(peildatum or dt.date.today())

    def opruimen(self, verwacht: Voorstel, *, vandaag: dt.date | None = None) -> Voorstel:
        """Make a backup (kept four weeks), then delete, in one transaction, what `verwacht` (the preview the
        user confirmed) named, then VACUUM.

        A peildatum after today is refused: it would delete what has not expired yet. The preview is made
        again inside the transaction; if it no longer matches (an import or a new traject in between),
        nothing is deleted and the user is asked to look again. If the backup fails, nothing is deleted.
        """
        with self.ctx.action():
            controleer_peildatum(verwacht.peildatum, vandaag)
            if _kern(self._voorstel(verwacht.peildatum)) != _kern(verwacht):
                raise InvoerFout(VERANDERD)
        gemaakt = self.backups.voor_opruimen().pad if not verwacht.leeg else None
        with self.ctx.action():
            voorstel = self._voorstel(verwacht.peildatum)
            if _kern(voorstel) != _kern(verwacht):
                raise InvoerFout(VERANDERD)
            dossier = [r.leerling_id for r in voorstel.rijen if r.dossier_verlopen and not r.helemaal]
            verzuim = [r.leerling_id for r in voorstel.rijen if r.verzuim_verlopen and not r.helemaal]
            helemaal = [r.leerling_id for r in voorstel.rijen if r.helemaal]
            for ids, soorten in ((dossier, DOSSIER_SOORTEN), (verzuim, VERZUIM_SOORTEN)):
                for _, model in soorten:
                    for deel in _delen(ids):
                        model.delete().where(model.leerling.in_(deel)).execute()
            for deel in _delen(helemaal):  # cascades to everything about them, ouders included
                m.Leerling.delete().where(m.Leerling.id.in_(deel)).execute()
            for soort, aantal in voorstel.aantallen.items():  # kind and number only, never who or what
                self.ctx.audit(Actie.OPGERUIMD, wat=f"{soort}: {aantal}")
        if not voorstel.leeg:
            self._vacuum()
        return replace(voorstel, backup=gemaakt)

    def _vacuum(self) -> None:
        """Rebuild the file so deleted rows do not linger in free pages or the WAL (outside a transaction)."""
        db = self.ctx.store.db
        try:
            db.execute_sql("VACUUM")
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except pw.OperationalError as exc:  # another connection busy: the rows are gone, the space follows later
            log.warning("vacuum after retention cleanup failed: %s", exc)

    def _voorstel(self, peildatum: dt.date) -> Voorstel:
        termijnen = Termijnen(int(instellingen.lees(SLEUTEL_DOSSIER, STANDAARD_DOSSIER)),
                              int(instellingen.lees(SLEUTEL_VERZUIM, STANDAARD_VERZUIM)))
        open_ids = {r.leerling_id for r in m.Traject.select(m.Traject.leerling).where(m.Traject.status == "open")}
        laatst_gesloten = dict(m.Traject.select(m.Traject.leerling, pw.fn.MAX(m.Traject.gesloten))
                               .group_by(m.Traject.leerling).tuples())
        kandidaten = {}
        for row in m.Leerling.select().where(m.Leerling.uitschrijfdatum.is_null(False)):
            if row.id in open_ids:
                continue
            gesloten = laatst_gesloten.get(row.id)
            dossier_tot = plus_jaren(max(row.uitschrijfdatum, gesloten or row.uitschrijfdatum),
                                     termijnen.dossier_jaren)
            verzuim_tot = plus_jaren(row.uitschrijfdatum, termijnen.verzuim_jaren)
            if peildatum >= dossier_tot or peildatum >= verzuim_tot:
                kandidaten[row.id] = (row, dossier_tot, verzuim_tot)
        tellingen = {soort: _tel(model, list(kandidaten)) for soort, model in DOSSIER_SOORTEN + VERZUIM_SOORTEN}
        rijen = []
        for id_, (row, dossier_tot, verzuim_tot) in kandidaten.items():
            dossier_verlopen, verzuim_verlopen = peildatum >= dossier_tot, peildatum >= verzuim_tot
            aantallen = {}
            for verlopen, soorten in ((dossier_verlopen, DOSSIER_SOORTEN), (verzuim_verlopen, VERZUIM_SOORTEN)):
                if verlopen:
                    aantallen.update({soort: tellingen[soort].get(id_, 0) for soort, _ in soorten})
            aantallen = {k: v for k, v in aantallen.items() if v}
            if not aantallen and not (dossier_verlopen and verzuim_verlopen):
                continue  # nothing left of the expired part: nothing to show
            rijen.append(BewaarRij(id_, row.leerlingnummer, row.naam, row.uitschrijfdatum, dossier_tot, verzuim_tot,
                                   dossier_verlopen, verzuim_verlopen, aantallen))
        rijen.sort(key=lambda r: (r.uitschrijfdatum, r.leerlingnummer))
        return Voorstel(peildatum, termijnen, rijen)


def _delen(ids: list[int], grootte: int = 500):
    for start in range(0, len(ids), grootte):
        yield ids[start:start + grootte]


def _tel(model, ids: list[int]) -> dict[int, int]:
    result: dict[int, int] = {}
    for deel in _delen(ids):
        result.update(model.select(model.leerling, pw.fn.COUNT(model.id)).where(model.leerling.in_(deel))
                      .group_by(model.leerling).tuples())
    return result


def _kern(voorstel: Voorstel) -> list[tuple]:
    return [(r.leerling_id, r.dossier_verlopen, r.verzuim_verlopen, tuple(sorted(r.aantallen.items())))
            for r in voorstel.rijen]
