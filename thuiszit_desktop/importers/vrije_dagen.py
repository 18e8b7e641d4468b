"""The school's vrije dagen (FORMATEN.md): `datum;omschrijving` or `van;tot;omschrijving` (inclusive)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..domain import formaat
from ..domain.errors import InvoerFout
from ..domain.leerling import schooljaar_start
from .tabular import RijFout, WaardeFout, lees_tabel, parse_datum

BEKENDE_KOLOMMEN = frozenset({"datum", "van", "tot", "omschrijving"})
VOORBEELD_KOPREGEL = "datum;omschrijving (of van;tot;omschrijving)"
_JAREN_TERUG = 5  # like verzuim: older dates are typos
_JAREN_VOORUIT = 2  # a school plans next year's studiedagen; further ahead is a typo


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


def plausibele_periode(vandaag: date) -> tuple[date, date]:
    begin = schooljaar_start(vandaag).year
    return date(begin - _JAREN_TERUG, 8, 1), date(begin + 1 + _JAREN_VOORUIT, 7, 31)


def lees_vrije_dagen(pad: str | Path, vandaag: date | None = None) -> VrijeDagenBestand:
    eerste, laatste = plausibele_periode(vandaag or date.today())
    with lees_tabel(pad) as tabel:
        kolommen = set(tabel.kolommen)
        if "datum" not in kolommen and not {"van", "tot"} <= kolommen:
            gevonden = ", ".join(tabel.namen[k] for k in tabel.kolommen) or "geen"
            raise InvoerFout("In de eerste regel staan niet de kolommen 'datum' (of 'van' en 'tot'). Gevonden "
                             f"kolommen: {gevonden}. Bijvoorbeeld: datum;omschrijving of van;tot;omschrijving")
        onbekend = [tabel.namen[k] for k in tabel.kolommen if k not in BEKENDE_KOLOMMEN]
        perioden: list[VrijePeriode] = []
        fouten: list[RijFout] = []
        bezet: dict[date, int] = {}  # day → the line that has it
        for rij in tabel:
            w = rij.waarden
            try:
                if w.get("datum", ""):
                    van = tot = parse_datum(w["datum"])
                else:
                    van, tot = parse_datum(w.get("van", "")), parse_datum(w.get("tot", ""))
            except WaardeFout as exc:
                fouten.append(RijFout(rij.regel, str(exc)))
                continue
            if tot < van:
                fouten.append(RijFout(rij.regel, f"De einddatum {formaat.datum(tot)} ligt vóór de begindatum "
                                                 f"{formaat.datum(van)}. Verbeter de volgorde."))
                continue
            if (tot - van).days > 366:
                fouten.append(RijFout(rij.regel, "Een periode van vrije dagen kan hoogstens een jaar zijn."))
                continue
            buiten = next((d for d in (van, tot) if not eerste <= d <= laatste), None)
            if buiten is not None:
                fouten.append(RijFout(rij.regel, f"De datum {formaat.datum(buiten)} kan niet kloppen: kies een datum van "
                                                 f"{formaat.datum(eerste)} tot en met {formaat.datum(laatste)}. "
                                                 "Controleer het jaartal."))
                continue
            dagen = [van + timedelta(days=i) for i in range((tot - van).days + 1)]
            if all(d.weekday() >= 5 for d in dagen):
                fouten.append(RijFout(rij.regel, f"{'Deze dag valt' if van == tot else 'Deze periode valt helemaal'} "
                                                 "in een weekend. Controleer de datum."))
                continue
            dubbel = next((d for d in dagen if d in bezet), None)
            if dubbel is not None:
                fouten.append(RijFout(rij.regel, f"{formaat.datum(dubbel)} staat al in regel {bezet[dubbel]}. Haal de dag "
                                                 "uit een van de twee regels."))
                continue
            bezet.update(dict.fromkeys(dagen, rij.regel))
            perioden.append(VrijePeriode(rij.regel, van, tot, w.get("omschrijving", "")))
    return VrijeDagenBestand(perioden, fouten, onbekend)
