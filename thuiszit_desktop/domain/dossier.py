"""What a student's dossier for an inzageverzoek (AVG art. 15) holds: the records of every part, and the
same as plain JSON (the CLI's `dossier --json`). Made by services/inzage.py, printed by pdf/dossier.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from enum import Enum

from .actiepunt import Actiepunt
from .gesprek import Gesprek
from .inzage import Onderdeel
from .leerling import Leerling
from .mdo import Mdo, Toestemming
from .plan import Plan
from .signalen import Signaal, SignaalSoort
from .tijdlijn import Verzuimperiode
from .traject import Analyse, Domein, Factoren, StapChecklist, Traject
from .verzuim import Mazl, Melding, Reden


@dataclass(frozen=True)
class TrajectDossier:
    traject: Traject
    stappen: tuple[StapChecklist, ...]
    analyse: Analyse
    toestemmingen: tuple[Toestemming, ...]
    plannen: tuple[Plan, ...] = ()  # every version, oldest first


@dataclass(frozen=True)
class VerzuimRegel:
    datum: date
    uren: float
    reden: Reden
    code: str = ""
    bron: str = ""  # "import" or "hand"
    opmerking: str = ""


@dataclass(frozen=True)
class Gebruik:
    """Who did what with the dossier (from the audit trail), counted per person, action and part."""

    wie: str
    actie: str
    wat: str
    aantal: int
    eerste: date
    laatste: date


@dataclass(frozen=True)
class SignaalNotitie:
    soort: SignaalSoort
    datum: date
    notitie: str
    door: str
    op: date


@dataclass(frozen=True)
class Dossier:
    """Everything recorded about one student: the basis for an inzageverzoek (AVG)."""

    gemaakt: datetime
    leerling: Leerling
    trajecten: tuple[TrajectDossier, ...]
    gesprekken: tuple[Gesprek, ...]
    mdos: tuple[Mdo, ...]
    actiepunten: tuple[Actiepunt, ...]
    signalen: tuple[Signaal, ...]
    meldingen: tuple[Melding, ...]
    mazl_acties: tuple[Mazl, ...]
    verzuim: tuple[Verzuimperiode, ...] = ()
    verzuimregels: tuple[VerzuimRegel, ...] = ()
    signaalnotities: tuple[SignaalNotitie, ...] = ()
    gebruik: tuple[Gebruik, ...] = ()
    avg: tuple[Onderdeel, ...] = ()
    overig: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # table → rows, without a section
    tabellen: tuple[str, ...] = ()  # every table that holds something about this student

    def to_dict(self) -> dict:
        leerling = {f.name: naar_json(getattr(self.leerling, f.name)) for f in fields(self.leerling)
                    if f.name not in ("id", "ouders", "vrijstellingen")}
        leerling["naam"] = self.leerling.naam
        return {
            "gemaakt": self.gemaakt.isoformat(timespec="seconds"),
            "avg": [{"kop": o.kop, "tekst": list(o.alineas), "punten": list(o.punten)} for o in self.avg],
            "leerling": leerling,
            "ouders": naar_json(self.leerling.ouders),
            "vrijstellingen": naar_json(self.leerling.vrijstellingen),
            "trajecten": [_traject_json(t) for t in self.trajecten],
            "gesprekken": naar_json(self.gesprekken),
            "mdos": naar_json(self.mdos),
            "actiepunten": naar_json(self.actiepunten),
            "signalen": [{**s.to_dict(), "omschrijving": s.soort.label} for s in self.signalen],
            "signaalnotities": naar_json(self.signaalnotities),
            "meldingen": naar_json(self.meldingen),
            "mazl_acties": naar_json(self.mazl_acties),
            "verzuim": [{"van": p.van.isoformat(), "tot": p.tot.isoformat(),
                         "uren": {r.value: round(u, 2) for r, u in p.uren.items()}, "omschrijving": p.titel}
                        for p in self.verzuim],
            "verzuim_per_dag": naar_json(self.verzuimregels),
            "gebruik": naar_json(self.gebruik),
            "overig": self.overig,
            "tabellen": list(self.tabellen),
        }


def _traject_json(t: TrajectDossier) -> dict:
    uit = naar_json(t.traject)
    uit["stappen"] = [{"stap": int(s.stap), "titel": s.titel, "huidig": s.huidig,
                       "checklist": [{"key": r.item.key, "label": r.item.label, "gedaan": r.gedaan,
                                      "datum": naar_json(r.datum), "door": r.door, "notitie": r.notitie,
                                      "automatisch": r.automatisch, "bewijs": r.bewijs}
                                     for r in s.regels],
                       "open": [i.key for i in s.open]}
                      for s in t.stappen]
    uit["analyse"] = {"factoren": {d.value: naar_json(t.analyse.factoren.get(d, Factoren())) for d in Domein},
                      "verzuimtype": naar_json(t.analyse.verzuimtype),
                      "kearney_functie": naar_json(t.analyse.kearney_functie)}
    uit["toestemmingen"] = naar_json(t.toestemmingen)
    uit["plannen"] = [{**naar_json(p), "factoren": {d.value: naar_json(f) for d, f in p.factoren.items()}} for p in t.plannen]
    return uit


def naar_json(x):
    """Dataclasses, enums, dates, mappings and sequences as plain JSON values."""
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, datetime):
        return x.isoformat(timespec="seconds")
    if isinstance(x, date):
        return x.isoformat()
    if is_dataclass(x) and not isinstance(x, type):
        return {f.name: naar_json(getattr(x, f.name)) for f in fields(x)}
    if isinstance(x, Mapping):
        return {str(naar_json(k)): naar_json(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [naar_json(v) for v in x]
    if isinstance(x, float):
        return round(x, 4)
    return x
