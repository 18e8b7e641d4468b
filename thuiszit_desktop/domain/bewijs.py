"""Checklist items that the dossier itself shows as done ("automatisch afgevinkt").

One pure function over what exists now in a traject's dossier: a checklist is recomputed from these facts
every time it is shown, so a deleted melding or MDO is no longer named, and a new one is. An item ticked
by hand stays ticked by hand; this only adds what the dossier proves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from . import formaat
from .traject import GesprekType, MdoRol
from .zoeken import zoeksleutel

# A melding up to 4 weeks before the traject's start (or its signal) was made for this traject.
MELDING_TERUGKIJKEN = timedelta(days=28)

# Partners from outside school. The leerplichtambtenaar takes part by law (a wettelijke taak); the others
# only with the ouders' consent for their organisation (the praktijkkaart: "altijd met instemming").
PARTNERS_BUITEN_SCHOOL = frozenset(r for r in MdoRol if r.is_partner
                                   and r not in (MdoRol.ZORGCOORDINATOR, MdoRol.MENTOR))
ZONDER_TOESTEMMING = frozenset({MdoRol.LEERPLICHTAMBTENAAR})


@dataclass(frozen=True)
class Bewijs:
    datum: date
    tekst: str  # "DUO-verzuimmelding van 06-12-2026"
    referentie: str  # "melding:12": what it points to (the timeline's references)


@dataclass(frozen=True)
class MeldingFeit:
    id: int
    datum: date
    kenmerk: str = ""


@dataclass(frozen=True)
class GesprekFeit:
    id: int
    type: GesprekType
    datum: date


@dataclass(frozen=True)
class Deelnemer:
    naam: str
    rol: MdoRol
    organisatie: str = ""


@dataclass(frozen=True)
class MdoFeit:
    id: int
    datum: date
    deelnemers: tuple[Deelnemer, ...] = ()


@dataclass(frozen=True)
class ToestemmingFeit:
    organisatie: str
    gegeven: bool
    datum: date


@dataclass(frozen=True)
class PlanFeit:
    """A vastgesteld version of the plan van aanpak."""

    versie: int
    vastgesteld_op: date
    analyse: str = ""
    interventies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dossierfeiten:
    """What a traject's checklist can see. Lists in any order."""

    traject_id: int
    geopend: date
    signaal_datum: date | None = None
    gesloten: date | None = None
    meldingen: tuple[MeldingFeit, ...] = ()  # all of the student's
    gesprekken: tuple[GesprekFeit, ...] = ()  # of this traject
    mdos: tuple[MdoFeit, ...] = ()
    toestemmingen: tuple[ToestemmingFeit, ...] = ()
    analyse_ingevuld: date | None = None  # when the step-4 analysis was filled in
    nazorg: tuple[tuple[int, date], ...] = ()  # (id, datum)
    plannen: tuple[PlanFeit, ...] = ()  # the vastgestelde versions
    evaluaties: tuple[date, ...] = ()  # of the plan's doelen


def _d(d: date) -> str:
    return formaat.datum(d)


def _eerste(items: Iterable, key):
    return min(items, key=key, default=None)


def automatisch(f: Dossierfeiten) -> dict[str, Bewijs]:
    """Checklist item key → the evidence in the dossier, for every item the dossier shows as done."""
    uit: dict[str, Bewijs] = {}
    t = f"traject:{f.traject_id}"

    vanaf = (f.signaal_datum or f.geopend) - MELDING_TERUGKIJKEN
    meldingen = [m for m in f.meldingen if m.datum >= vanaf and (f.gesloten is None or m.datum <= f.gesloten)]
    melding = max(meldingen, key=lambda m: (m.datum, m.id), default=None)
    if melding is not None:
        kenmerk = f", kenmerk {melding.kenmerk}" if melding.kenmerk else ""
        uit["gemeld_bij_leerplicht"] = Bewijs(melding.datum, f"DUO-verzuimmelding van {_d(melding.datum)}{kenmerk}",
                                              f"melding:{melding.id}")

    for key, types in (("gesprek_leerling", {GesprekType.GESPREK_LEERLING}),
                       ("gesprek_ouders", {GesprekType.GESPREK_OUDERS, GesprekType.HUISBEZOEK})):
        g = _eerste((g for g in f.gesprekken if g.type in types), key=lambda g: (g.datum, g.id))
        if g is not None:
            uit[key] = Bewijs(g.datum, f"{g.type.label} op {_d(g.datum)}", f"gesprek:{g.id}")

    mdos = sorted(f.mdos, key=lambda m: (m.datum, m.id))
    if mdos:
        uit["mdo_gepland"] = Bewijs(mdos[0].datum, f"MDO op {_d(mdos[0].datum)}", f"mdo:{mdos[0].id}")
    t_eerst = _eerste(f.toestemmingen, key=lambda x: x.datum)
    if t_eerst is not None:
        uit["toestemming_ouders"] = Bewijs(t_eerst.datum, f"Toestemming vastgelegd op {_d(t_eerst.datum)}", t)

    swv = next((m for m in mdos if any(d.rol is MdoRol.SWV_CONSULENT for d in m.deelnemers)), None)
    if swv is not None:
        uit["swv_geinformeerd"] = Bewijs(swv.datum, f"Consulent van het samenwerkingsverband bij het MDO van "
                                                    f"{_d(swv.datum)}", f"mdo:{swv.id}")
    partners = _partners_betrokken(mdos, f.toestemmingen)
    if partners is not None:
        mdo, wie = partners
        uit["partners_betrokken"] = Bewijs(mdo.datum, f"Bij het MDO van {_d(mdo.datum)}: {', '.join(wie)}",
                                           f"mdo:{mdo.id}")

    plannen = sorted(f.plannen, key=lambda p: p.versie)
    if f.analyse_ingevuld is not None:
        uit["analyse_factoren"] = Bewijs(f.analyse_ingevuld, "Analyse ingevuld", t)
    else:
        p = next((p for p in plannen if p.analyse.strip()), None)
        if p is not None:
            uit["analyse_factoren"] = Bewijs(p.vastgesteld_op, f"Analyse in het plan van aanpak (versie {p.versie}, "
                                                               f"vastgesteld op {_d(p.vastgesteld_op)})", t)
    p = next((p for p in plannen if any(i.strip() for i in p.interventies)), None)
    if p is not None:
        soorten = ", ".join(i for i in p.interventies if i.strip())
        uit["interventies_ingezet"] = Bewijs(p.vastgesteld_op, f"In het plan van aanpak (versie {p.versie}, "
                                                               f"vastgesteld op {_d(p.vastgesteld_op)}): {soorten}", t)
    if f.evaluaties:
        eerste = min(f.evaluaties)
        uit["evaluaties"] = Bewijs(eerste, f"Doelen van het plan geëvalueerd op {_d(eerste)}", t)

    n = _eerste(f.nazorg, key=lambda x: (x[1], x[0]))
    if n is not None:
        uit["nazorg"] = Bewijs(f.gesloten or n[1], "Nazorgmomenten gepland", f"nazorg:{n[0]}")
    return uit


def _partners_betrokken(mdos: list[MdoFeit], toestemmingen: Iterable[ToestemmingFeit]
                        ) -> tuple[MdoFeit, list[str]] | None:
    """The first MDO at which a partner from outside school took part – the leerplichtambtenaar always,
    another partner when the ouders' latest consent for their organisation (on or before the MDO) is yes –
    and who: ["jeugdarts / jgz (GGD, met toestemming)", "leerplichtambtenaar"]."""
    volgorde = sorted(toestemmingen, key=lambda x: x.datum)
    for mdo in mdos:
        geldend: dict[str, bool] = {}
        for x in volgorde:
            if x.datum <= mdo.datum:
                geldend[zoeksleutel(x.organisatie)] = x.gegeven
        wie = []
        for d in mdo.deelnemers:
            if d.rol not in PARTNERS_BUITEN_SCHOOL:
                continue
            org = f"{d.organisatie}, " if d.organisatie else ""
            if d.rol in ZONDER_TOESTEMMING:
                wie.append(f"{d.rol.label.lower()}" + (f" ({d.organisatie})" if d.organisatie else ""))
            elif d.organisatie and geldend.get(zoeksleutel(d.organisatie)):
                wie.append(f"{d.rol.label.lower()} ({org}met toestemming)")
        if wie:
            return mdo, wie
    return None


__all__ = ["MELDING_TERUGKIJKEN", "Bewijs", "Deelnemer", "Dossierfeiten", "GesprekFeit", "MdoFeit", "MeldingFeit",
           "PlanFeit", "ToestemmingFeit", "automatisch"]
