"""The quarterly thuiszittersoverzicht for the SWV: facts from the database, rows by domain/kwartaal.py.

Signals are defined per peildatum (SIGNALEN.md). To get their episodes in a quarter the rules are
evaluated on every lesdag of the quarter – but only for the few students who can have one of the three
signals there: a run of more than 20 whole-day absences ending in the quarter, or uitgeschreven without a
new school. Everyone else is ruled out by two cheap queries.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import InvoerFout
from ..domain.kwartaal import (
    SIGNALEN,
    Episode,
    Kwartaal,
    KwartaalFeiten,
    KwartaalOverzicht,
    kwartaaloverzicht,
    laatste_lesweken,
)
from ..domain.leerling import Leerling, VrijstellingType, is_plichtig
from ..domain.signalen import SignaalSoort, signalen
from ..domain.verzuim import VerzuimRecord
from . import instellingen
from .context import Context
from .school import school_instellingen
from .signalen import SignalenService, _batches, _leerlingen, _verzuim

EXPORTS = {".xlsx": "naar_xlsx", ".csv": "naar_csv", ".pdf": "kwartaal_pdf"}  # imported when used
SLEUTEL = "kwartaal_pseudoniem_sleutel"
_EPS = 1e-9
_RUN = 21  # thuiszitter / langdurig afwezig: more than 20 lesdagen in a row
# 21 lesdagen span at most ~12 weeks with a summer holiday in them: a run ending in the quarter lies in this.
_RUN_TERUG = timedelta(days=120)


class KwartaalService:
    def __init__(self, ctx: Context, signalen_service: SignalenService):
        self.ctx = ctx
        self.signalen = signalen_service

    def standaard_kwartaal(self, vandaag: date | None = None) -> Kwartaal:
        """The last complete quarter."""
        return Kwartaal.laatste_volledige(vandaag or date.today())

    def overzicht(self, kwartaal: Kwartaal | str, *, vandaag: date | None = None,
                  tussendoor: Callable[[], None] | None = None) -> KwartaalOverzicht:
        """The pseudonymised overview of `kwartaal` (a Kwartaal or "2026-Q3").

        `tussendoor` is called before each student's days are evaluated (the pure-Python part): the window
        runs this in a background thread and passes a short pause there, so its own thread gets Python's
        lock while it builds a screen (issue 16).

        The peildatum is the end of the quarter, or the day up to which verzuim is registered when that is
        earlier: after it every student would seem to be back at school. A quarter without any verzuim is
        refused: "no thuiszitters" would then be a claim the data cannot make.
        """
        if not isinstance(kwartaal, Kwartaal):
            kwartaal = Kwartaal.parse(kwartaal)
        vandaag = vandaag or date.today()
        sleutel = self._sleutel()  # first: a write at the end of the long read below could find it stale
        with self.ctx.action():
            if kwartaal.van > vandaag:
                raise InvoerFout({"kwartaal": f"Het kwartaal {kwartaal} is nog niet begonnen. Kies een eerder "
                                              "kwartaal."})
            bijgewerkt = self.signalen.bijgewerkt_tot()
            peildatum = min(kwartaal.tot, bijgewerkt or vandaag, vandaag)
            if peildatum < kwartaal.van:
                raise InvoerFout({"kwartaal": f"Het verzuim is bijgewerkt tot en met {formaat.datum(bijgewerkt)}. "
                                              f"Importeer eerst het verzuim van {kwartaal} of kies een "
                                              "eerder kwartaal."})
            if not m.Verzuim.select().where(m.Verzuim.datum.between(kwartaal.van, peildatum)).exists():
                raise InvoerFout({"kwartaal": f"Over {kwartaal} ({kwartaal.maanden} {kwartaal.jaar}) is geen verzuim ingevoerd, dus is niet te zeggen "
                                              "wie er thuiszat. Importeer eerst het verzuim van dat kwartaal of "
                                              "kies een ander kwartaal."})
            school = school_instellingen()
            cal = self.signalen.kalender.calendar()
            inst = self.signalen.instellingen()
            dagduur = inst.uren_per_lesdag
            lesdagen = cal.lesdagen(kwartaal.van, peildatum)
            eind_lesdagen = laatste_lesweken(lesdagen)

            leerlingen, kandidaten = _kandidaten(kwartaal, peildatum, dagduur)
            nummer = {i: leerlingen[i].leerlingnummer for i in kandidaten}
            verzuim = _verzuim(cal, nummer, peildatum, sorted(kandidaten), dagduur) if kandidaten else {}
            interventies, met_plan = _interventies(kwartaal, peildatum, kandidaten)
            eind = set(eind_lesdagen)

            feiten = []
            for i in sorted(kandidaten):
                if tussendoor is not None:
                    tussendoor()
                leerling = leerlingen[i]
                records = verzuim.get(leerling.leerlingnummer, [])
                afwezig: dict[date, float] = defaultdict(float)
                for r in records:
                    if r.datum in eind:
                        afwezig[r.datum] += r.uren
                feiten.append(KwartaalFeiten(
                    leerling_id=i, geboortedatum=leerling.geboortedatum, klas=leerling.klas,
                    episodes=_episodes(cal, inst, leerling, records, lesdagen),
                    vrijstellingen=leerling.vrijstellingen, uitschrijfdatum=leerling.uitschrijfdatum,
                    bestemming=leerling.bestemming, afwezig_eind=dict(afwezig),
                    interventies=interventies.get(i, ()), heeft_plan=i in met_plan))
            return kwartaaloverzicht(kwartaal, peildatum, feiten, school=school.naam, sleutel=sleutel,
                                     schooltype=school.schooltype.value, lesuren_per_dag=dagduur,
                                     eind_lesdagen=eind_lesdagen, brin=school.brin, swv=school.swv)

    def export(self, overzicht: KwartaalOverzicht, extensie: str) -> bytes:
        """The overview as a file: ".xlsx", ".csv" or ".pdf" (InvoerFout for another extension)."""
        naam = EXPORTS.get(extensie.lower() if extensie.startswith(".") else f".{extensie.lower()}")
        if naam is None:
            raise InvoerFout({"uit": "Kies een bestand dat eindigt op .xlsx (Excel), .csv of .pdf."})
        # openpyxl and reportlab take ~0.3 s to import: only when an overview is exported, not at start
        if naam == "kwartaal_pdf":
            from ..pdf.kwartaal import kwartaal_pdf as maker
        else:
            from . import kwartaal_export
            maker = getattr(kwartaal_export, naam)
        data = maker(overzicht)
        with self.ctx.action():  # pseudonymised, but it leaves the building: who made it, and how many rows
            self.ctx.audit(Actie.GEEXPORTEERD, wat=f"kwartaaloverzicht {overzicht.kwartaal}: {len(overzicht.rijen)} "
                                                   "leerlingen")
        return data

    def _sleutel(self) -> bytes:
        """The school's random secret for the pseudonyms, made on first use in an action of its own."""
        with self.ctx.action(audit=False):
            waarde = instellingen.lees(SLEUTEL)
            if not waarde:
                waarde = secrets.token_hex(32)
                instellingen.schrijf(SLEUTEL, waarde)
            return bytes.fromhex(waarde)


def _kandidaten(kwartaal: Kwartaal, peildatum: date, dagduur: float) -> tuple[dict[int, Leerling], set[int]]:
    """The students who can be in the overview (with their records); the rules decide about each of them.

    - a vrijstelling 5a overlapping the quarter;
    - uitgeschreven on or before the peildatum without a new school and still plichtig then (absoluut
      verzuim; one who left with a bestemming matters only through their absence before, found below);
    - whole-day absence on some day of the quarter and at least 21 whole-day absences in the 120 days
      before the quarter and the quarter itself (a run of more than 20 lesdagen needs both).

    Found with queries of plain values; only these few students' records are made (the whole school's were
    15 MB at 20,000 students, issue 16).
    """
    L, V = m.Leerling, m.Vrijstelling
    vooraf = {i for i, bestemming in L.select(L.id, L.bestemming).where(L.uitschrijfdatum <= peildatum).tuples()
              if not bestemming.strip()}
    vooraf.update(V.select(V.leerling).where(V.type == VrijstellingType.ART_5A.value, V.van <= peildatum,
                                             V.tot.is_null() | (V.tot >= kwartaal.van)).scalars())
    sql = ('SELECT "leerling_id", MAX("datum") FROM (SELECT "leerling_id", "datum" FROM "verzuim" '
           'WHERE "datum" >= ? AND "datum" <= ? GROUP BY "leerling_id", "datum" HAVING SUM("uren") >= ?) AS "dag" '
           'GROUP BY "leerling_id" HAVING COUNT(*) >= ?')  # the alias: PostgreSQL 15 requires one
    params = [(kwartaal.van - _RUN_TERUG).isoformat(), peildatum.isoformat(), dagduur - _EPS, _RUN]
    run = {i for i, laatste in m.database.execute_sql(sql, params)
           if date.fromisoformat(str(laatste)[:10]) >= kwartaal.van}
    leerlingen = {ll.id: ll for batch in _batches(sorted(vooraf | run)) for ll in _leerlingen(None, batch)}
    uit = run & leerlingen.keys()
    for i in vooraf & leerlingen.keys():
        ll = leerlingen[i]
        uitgeschreven = ll.uitschrijfdatum is not None and ll.uitschrijfdatum <= peildatum
        # Plicht only ends: not plichtig at the start of the quarter means no absoluut verzuim in it.
        absoluut = uitgeschreven and not ll.bestemming.strip() and is_plichtig(ll, max(kwartaal.van, ll.uitschrijfdatum))
        vijf_a = any(v.type == VrijstellingType.ART_5A and v.van <= peildatum
                     and (v.tot is None or v.tot >= kwartaal.van) for v in ll.vrijstellingen)
        if absoluut or vijf_a:
            uit.add(i)
    return leerlingen, uit


def _episodes(cal, inst, leerling: Leerling, records: list[VerzuimRecord],
              lesdagen: list[date]) -> tuple[Episode, ...]:
    """The rules on every lesdag of the quarter: per signal, the stretches on which it held."""
    open_: dict[SignaalSoort, Episode] = {}
    klaar: list[Episode] = []
    vorige: date | None = None
    for d in lesdagen:
        nu = {s.soort: s for s in signalen(cal, inst, leerling, records, (), (), d) if s.soort in SIGNALEN}
        for soort in list(open_):
            if soort not in nu:  # it held until the previous lesdag
                klaar.append(replace(open_.pop(soort), tot=vorige))
        for soort, s in nu.items():
            if soort not in open_:
                open_[soort] = Episode(soort, s.sinds)
        vorige = d
    return tuple(klaar + list(open_.values()))


def _interventies(kwartaal: Kwartaal, peildatum: date,
                  ids: set[int]) -> tuple[dict[int, tuple[str, ...]], set[int]]:
    """Per student: the kinds of interventie in the latest plan version of each traject running in the
    quarter (an interventie without dates counts; one with dates only when they overlap the quarter); and
    the students who have such a plan at all (without interventies their aanbod is "geen", not "onbekend")."""
    if not ids:
        return {}, set()
    T, P = m.Traject, m.PlanVanAanpak
    trajecten = (T.select(T.id, T.leerling)
                 .where(T.leerling.in_(list(ids)), T.geopend <= peildatum,
                        (T.gesloten.is_null()) | (T.gesloten >= kwartaal.van)).tuples())
    leerling_van = dict(trajecten)
    if not leerling_van:
        return {}, set()
    laatste: dict[int, tuple[int, str]] = {}
    for traject_id, versie, tekst in (P.select(P.traject, P.versie, P.interventies)
                                      .where(P.traject.in_(list(leerling_van))).tuples()):
        if traject_id not in laatste or versie > laatste[traject_id][0]:
            laatste[traject_id] = (versie, tekst)
    uit: dict[int, list[str]] = defaultdict(list)
    for traject_id, (_, tekst) in sorted(laatste.items()):
        for iv in json.loads(tekst or "[]"):
            van, tot = iv.get("van"), iv.get("tot")
            if van and date.fromisoformat(van) > peildatum or tot and date.fromisoformat(tot) < kwartaal.van:
                continue
            if iv.get("soort", "").strip():
                uit[leerling_van[traject_id]].append(iv["soort"].strip())
    met_plan = {leerling_van[traject_id] for traject_id in laatste}
    return {i: tuple(dict.fromkeys(soorten)) for i, soorten in uit.items()}, met_plan
