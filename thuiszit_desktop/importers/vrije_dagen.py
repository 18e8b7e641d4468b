"""The school's vrije dagen (FORMATEN.md): `datum;omschrijving` or `van;tot;omschrijving` (inclusive)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.errors import InvoerFout
from .tabular import RijFout, WaardeFout, lees_tabel, parse_datum


@dataclass(frozen=True, slots=True)
class VrijePeriode:
    regel: int
    van: date
    tot: date
    omschrijving: str


@dataclass
class VrijeDagenBestand:
    perioden: list[VrijePeriode]
    fouten: list[RijFout]
    onbekende_kolommen: list[str]


def lees_vrije_dagen(pad: str | Path) -> VrijeDagenBestand:
    with lees_tabel(pad) as tabel:
        kolommen = set(tabel.kolommen)
        if "datum" not in kolommen and not {"van", "tot"} <= kolommen:
            raise InvoerFout("In de eerste regel staan niet de kolommen 'datum' (of 'van' en 'tot'). "
                             "Bijvoorbeeld: datum;omschrijving of van;tot;omschrijving")
        onbekend = [tabel.namen[k] for k in tabel.kolommen if k not in {"datum", "van", "tot", "omschrijving"}]
        perioden: list[VrijePeriode] = []
        fouten: list[RijFout] = []
        for rij in tabel:
            w = rij.waarden
            try:
                if w.get("datum", "").strip():
                    van = tot = parse_datum(w["datum"])
                else:
                    van, tot = parse_datum(w.get("van", "")), parse_datum(w.get("tot", ""))
            except WaardeFout as exc:
                fouten.append(RijFout(rij.regel, str(exc)))
                continue
            if tot < van:
                fouten.append(RijFout(rij.regel, f"De einddatum {tot:%d-%m-%Y} ligt vóór de begindatum "
                                                 f"{van:%d-%m-%Y}."))
            elif (tot - van).days > 366:
                fouten.append(RijFout(rij.regel, "Een periode van vrije dagen kan hoogstens een jaar zijn."))
            else:
                perioden.append(VrijePeriode(rij.regel, van, tot, w.get("omschrijving", "").strip()))
    return VrijeDagenBestand(perioden, fouten, onbekend)
