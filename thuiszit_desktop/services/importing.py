"""Imports from the school's administration (FORMATEN.md): first a preview, then the import itself.

An import is all-or-nothing, in one transaction: it re-reads the file and compares it with the
register again, so what is written is what the file says at that moment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import peewee as pw

from ..db import models as m
from ..domain.audit import Actie
from ..domain.errors import InvoerFout
from ..domain.leerling import (
    Contactvoorkeur,
    Leerling,
    Ouder,
    Relatie,
    Vrijstelling,
    VrijstellingType,
    validate_leerling,
)
from ..importers.leerlingen import (
    LeerlingenBestand,
    lees_leerlingen,
    samenvoegen,
    sorteer_vrijstellingen,
    verschillen,
)
from ..importers.tabular import RijFout
from . import importkolommen, leerlingnummers, versies
from .context import Context
from .importkolommen import KolomVoorstel
from .leerlingen import mentor_id

__all__ = ["ImportFout", "ImportResultaat", "ImportService", "ImportVoorbeeld", "RijFout", "Wijziging"]

Voortgang = Callable[[int, int], None]

# Progress is reported as (done, 100): reading the file is most of the work of a preview.
_LEZEN, _VERGELIJKEN = 80, 85


class Wijziging(NamedTuple):
    oud: Leerling
    nieuw: Leerling
    wijzigingen: list[str]  # Dutch, e.g. "klas: 2A → 3A"


@dataclass
class ImportVoorbeeld:
    nieuw: list[Leerling] = field(default_factory=list)
    gewijzigd: list[Wijziging] = field(default_factory=list)
    ongewijzigd: int = 0
    fouten: list[RijFout] = field(default_factory=list)
    onbekende_kolommen: list[str] = field(default_factory=list)

    @property
    def te_importeren(self) -> int:
        return len(self.nieuw) + len(self.gewijzigd)


@dataclass
class ImportResultaat:
    toegevoegd: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    overgeslagen: int = 0  # rows with an error, skipped on request
    fouten: list[RijFout] = field(default_factory=list)
    onbekende_kolommen: list[str] = field(default_factory=list)

    @property
    def samenvatting(self) -> str:
        delen = [f"{_aantal(self.toegevoegd, 'leerling', 'leerlingen')} toegevoegd",
                 f"{self.gewijzigd} gewijzigd", f"{self.ongewijzigd} ongewijzigd"]
        zin = "Import klaar: " + ", ".join(delen[:-1]) + " en " + delen[-1]
        if self.overgeslagen:
            zin += f"; {_aantal(self.overgeslagen, 'regel', 'regels')} met een fout overgeslagen"
        if self.onbekende_kolommen:
            zin += f"; genegeerde kolommen: {', '.join(self.onbekende_kolommen)}"
        return zin + "."


class ImportFout(InvoerFout):
    """Rows with errors, so nothing was imported. `fouten` maps "regel N" to the reason (after one
    "" entry with the summary, as for every InvoerFout); `rijfouten` has the same as RijFout."""

    def __init__(self, rijfouten: list[RijFout]):
        self.rijfouten = list(rijfouten)
        samenvatting = (f"Er is niets geïmporteerd: {_aantal(len(self.rijfouten), 'regel heeft', 'regels hebben')} "
                        "een fout. Verbeter het bestand en importeer opnieuw, of sla de foute regels over.")
        super().__init__({"": samenvatting, **{f"regel {f.regel}": f.melding for f in self.rijfouten}})
        self.args = (samenvatting,)


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


class _Stappen:
    """Calls progress(done, 100) only when the number changes, so a cancel is noticed often enough
    without flooding the GUI with signals."""

    def __init__(self, progress: Voortgang | None):
        self.progress = progress
        self.laatste = -1

    def __call__(self, gedaan: float) -> None:
        stap = min(100, int(gedaan))
        if self.progress is not None and stap != self.laatste:
            self.laatste = stap
            self.progress(stap, 100)

    def fase(self, begin: float, eind: float) -> Voortgang:
        return lambda done, total: self(begin + (eind - begin) * done / max(total, 1))


@dataclass
class _Plan:
    nieuw: list[tuple[int, Leerling]]
    gewijzigd: list[tuple[int, Wijziging]]
    ongewijzigd: int
    fouten: list[RijFout]
    onbekende_kolommen: list[str]
    koppeling: dict[str, str]


class ImportService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def kolommen(self, path: str | Path, soort: str) -> KolomVoorstel:
        """The columns of a leerlingen or verzuim file ("leerlingen", "verzuim") with sample values and the
        field each will feed: the school's earlier choice, else what the header says. Writes nothing."""
        with self.ctx.action():
            return importkolommen.voorstel(path, soort)

    def leerlingen_voorbeeld(self, path: str | Path, progress: Voortgang | None = None, *,
                             vandaag: date | None = None, kolommen: Mapping[str, str] | None = None) -> ImportVoorbeeld:
        """What importing this student file would do; writes nothing. `kolommen`: the user's choice of
        field per column (normalised header → field, "" = not used); other columns as remembered or recognised."""
        stappen = _Stappen(progress)
        with self.ctx.action():
            plan = self._plan(path, vandaag or date.today(), stappen, kolommen)
        stappen(100)
        return ImportVoorbeeld(nieuw=[lln for _, lln in plan.nieuw], gewijzigd=[w for _, w in plan.gewijzigd],
                               ongewijzigd=plan.ongewijzigd, fouten=plan.fouten,
                               onbekende_kolommen=plan.onbekende_kolommen)

    def leerlingen(self, path: str | Path, *, sla_foute_regels_over: bool = False,
                   progress: Voortgang | None = None, vandaag: date | None = None,
                   kolommen: Mapping[str, str] | None = None) -> ImportResultaat:
        """Add and update students from the file, all or nothing. ImportFout (nothing written) when a
        row has an error, unless `sla_foute_regels_over`: then the good rows go in and the bad ones are
        listed. `progress` may raise to cancel; the transaction then rolls back. The choice of columns is
        remembered for the school's next import."""
        stappen = _Stappen(progress)
        with self.ctx.action():
            plan = self._plan(path, vandaag or date.today(), stappen, kolommen)
            if plan.fouten and not sla_foute_regels_over:
                raise ImportFout(plan.fouten)
            _schrijf(plan, stappen.fase(_VERGELIJKEN, 100), self.ctx.gebruiker.id)
            importkolommen.onthoud("leerlingen", plan.koppeling)
            self.ctx.audit(Actie.GEIMPORTEERD,  # how many, never who
                           wat=f"leerlingen: {len(plan.nieuw)} nieuw, {len(plan.gewijzigd)} gewijzigd")
        return ImportResultaat(toegevoegd=len(plan.nieuw), gewijzigd=len(plan.gewijzigd),
                               ongewijzigd=plan.ongewijzigd, overgeslagen=len(plan.fouten), fouten=plan.fouten,
                               onbekende_kolommen=plan.onbekende_kolommen)

    # --- the comparison, shared by preview and import ----------------------------------------------

    def _plan(self, path: str | Path, vandaag: date, stappen: _Stappen,
              kolommen: Mapping[str, str] | None) -> _Plan:
        leerlingnummers.weiger_dubbele()
        bestand: LeerlingenBestand = lees_leerlingen(path, vandaag, stappen.fase(0, _LEZEN), gekozen=kolommen,
                                                     opgeslagen=importkolommen.opgeslagen("leerlingen"))
        bestaande = _bestaande_leerlingen()
        stappen(_LEZEN)
        plan = _Plan([], [], 0, list(bestand.fouten), bestand.onbekende_kolommen, bestand.koppeling)
        vergelijken = stappen.fase(_LEZEN, _VERGELIJKEN)
        for i, gelezen in enumerate(bestand.leerlingen):
            if i % 256 == 0:
                vergelijken(i, len(bestand.leerlingen))
            oud = bestaande.get(gelezen.leerling.leerlingnummer)
            nieuw = samenvoegen(oud, gelezen, bestand.velden)
            if oud is not None and nieuw == oud:
                plan.ongewijzigd += 1
                continue
            if oud is not None:  # the merge may clash with what the register had (e.g. dates)
                try:
                    nieuw = validate_leerling(nieuw, vandaag)
                except InvoerFout as exc:
                    plan.fouten.append(RijFout(gelezen.regel, " ".join(exc.fouten.values())))
                    continue
                if nieuw == oud:
                    plan.ongewijzigd += 1
                else:
                    plan.gewijzigd.append((gelezen.regel, Wijziging(oud, nieuw, verschillen(oud, nieuw))))
            else:
                plan.nieuw.append((gelezen.regel, nieuw))
        plan.fouten.sort(key=lambda f: f.regel)
        stappen(_VERGELIJKEN)
        return plan


def _bestaande_leerlingen() -> dict[str, Leerling]:
    """Every student with ouders and vrijstellingen, by leerlingnummer: three queries in all."""
    ouders: dict[int, list[Ouder]] = defaultdict(list)
    for (lid, naam, relatie, telefoon, email, adres, gezag, voorkeur) in (
            m.Ouder.select(m.Ouder.leerling, m.Ouder.naam, m.Ouder.relatie, m.Ouder.telefoon, m.Ouder.email,
                           m.Ouder.adres, m.Ouder.gezag, m.Ouder.contactvoorkeur)
            .order_by(m.Ouder.leerling, m.Ouder.volgorde, m.Ouder.id).tuples()):
        ouders[lid].append(Ouder(naam, Relatie(relatie), telefoon, email, adres, bool(gezag),
                                 Contactvoorkeur(voorkeur)))
    vrijstellingen: dict[int, list[Vrijstelling]] = defaultdict(list)
    for lid, soort, van, tot in (m.Vrijstelling.select(m.Vrijstelling.leerling, m.Vrijstelling.type,
                                                       m.Vrijstelling.van, m.Vrijstelling.tot).tuples()):
        vrijstellingen[lid].append(Vrijstelling(VrijstellingType(soort), van, tot))
    L = m.Leerling
    query = (L.select(L.id, L.leerlingnummer, L.achternaam, L.geboortedatum, L.inschrijfdatum, L.voornaam,
                      L.tussenvoegsel, L.klas, m.Contact.naam, L.uitschrijfdatum, L.bestemming,
                      L.startkwalificatie, L.bsn, L.onderwijsnummer)
             .join(m.Contact, pw.JOIN.LEFT_OUTER, on=(L.mentor == m.Contact.id))
             .tuples())
    result: dict[str, Leerling] = {}
    for (id_, nummer, achternaam, geboren, ingeschreven, voornaam, tussenvoegsel, klas, mentor, uitgeschreven,
         bestemming, startkwalificatie, bsn, onderwijsnummer) in query:
        result[nummer] = Leerling(
            leerlingnummer=nummer, achternaam=achternaam, geboortedatum=geboren, inschrijfdatum=ingeschreven,
            voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas=klas, mentor=mentor or "",
            uitschrijfdatum=uitgeschreven, bestemming=bestemming, startkwalificatie=bool(startkwalificatie),
            bsn=bsn, onderwijsnummer=onderwijsnummer, vrijstellingen=sorteer_vrijstellingen(vrijstellingen[id_]),
            ouders=tuple(ouders[id_]), id=id_)
    return result


# --- writing in bulk -------------------------------------------------------------------------------
# write_leerling (services/leerlingen.py) costs about 1 ms a student, mostly peewee building the SQL of
# its checks; an import writes thousands, so it inserts in batches and updates only what changed.

_BATCH = 500  # rows per INSERT; SQLite allows 32766 parameters per statement
_VELDEN = ("voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "klas", "inschrijfdatum",
           "uitschrijfdatum", "bestemming", "startkwalificatie", "bsn", "onderwijsnummer")


def _schrijf(plan: _Plan, voortgang: Voortgang, door: int) -> None:
    """Insert the new students and update the changed ones; call inside the transaction."""
    mentors = dict(m.Contact.select(m.Contact.naam, m.Contact.id).where(m.Contact.rol == "mentor").tuples())
    totaal = max(1, len(plan.nieuw) + len(plan.gewijzigd))
    nu = m.now()
    nieuw = [lln for _, lln in plan.nieuw]
    for begin in range(0, len(nieuw), _BATCH):
        voortgang(begin, totaal)
        m.Leerling.insert_many([
            {"leerlingnummer": lln.leerlingnummer, "mentor": mentor_id(lln.mentor, mentors), "gewijzigd": nu,
             **{veld: getattr(lln, veld) for veld in _VELDEN}}
            for lln in nieuw[begin:begin + _BATCH]]).execute()
    met_vrijstelling = {lln.leerlingnummer: lln.vrijstellingen for lln in nieuw if lln.vrijstellingen}
    if met_vrijstelling:
        ids = dict(m.Leerling.select(m.Leerling.leerlingnummer, m.Leerling.id).tuples())
        _voeg_vrijstellingen_toe([(ids[nummer], v) for nummer, vs in met_vrijstelling.items() for v in vs])

    for i, (_, wijziging) in enumerate(plan.gewijzigd):
        if i % 16 == 0:
            voortgang(len(nieuw) + i, totaal)
        oud, lln = wijziging.oud, wijziging.nieuw
        velden = {veld: getattr(lln, veld) for veld in _VELDEN if getattr(oud, veld) != getattr(lln, veld)}
        if oud.mentor != lln.mentor:
            velden["mentor"] = mentor_id(lln.mentor, mentors)
        m.Leerling.update(gewijzigd=nu, **versies.nieuw(m.Leerling, door), **velden).where(m.Leerling.id == oud.id).execute()
        if oud.vrijstellingen != lln.vrijstellingen:
            m.Vrijstelling.delete().where(m.Vrijstelling.leerling == oud.id).execute()
            _voeg_vrijstellingen_toe([(oud.id, v) for v in lln.vrijstellingen])
    voortgang(totaal, totaal)


def _voeg_vrijstellingen_toe(rijen: list[tuple[int, Vrijstelling]]) -> None:
    for begin in range(0, len(rijen), _BATCH):
        m.Vrijstelling.insert_many([{"leerling": lid, "type": v.type.value, "van": v.van, "tot": v.tot}
                                    for lid, v in rijen[begin:begin + _BATCH]]).execute()
