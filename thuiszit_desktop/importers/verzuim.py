"""Verzuim from the school's administration (FORMATEN.md, "Verzuim") → one row per (leerling, datum, code).

Pure: the caller passes the leerlingnummers that exist and the school's code table; the service
replaces the imported verzuim of each (leerling, datum) pair in the file, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.errors import InvoerFout
from ..domain.leerling import schooljaar_start
from ..domain.verzuim import Reden
from ..domain.verzuimcodes import Codetabel
from .tabular import RijFout, WaardeFout, lees_tabel, parse_datum, parse_decimaal, parse_ja_nee

BEKENDE_KOLOMMEN = frozenset({"leerlingnummer", "stamnummer", "datum", "uren", "lesuur", "reden", "code",
                              "geoorloofd"})
VOORBEELD_KOPREGEL = "leerlingnummer;datum;uren;reden"
# Verzuim is kept 5 years (DOMEIN.md); older dates, or dates after this school year, are typos.
_JAREN_TERUG = 5


@dataclass(frozen=True, slots=True)
class VerzuimRij:
    regel: int
    leerlingnummer: str
    datum: date
    uren: float
    reden: Reden
    code: str  # as written in the file


@dataclass
class VerzuimBestand:
    rijen: list[VerzuimRij]
    fouten: list[RijFout]
    onbekende_kolommen: list[str]
    overgeslagen: int  # rows whose code is not absence (te laat, present, …)
    laatste_datum: date | None  # the latest date of any row, for "verzuim bijgewerkt t/m"


def lees_verzuim(pad: str | Path, leerlingnummers: Collection[str], codes: Codetabel, vandaag: date,
                 voortgang: Callable[[int, int], None] | None = None) -> VerzuimBestand:
    eerste = schooljaar_start(vandaag).replace(year=schooljaar_start(vandaag).year - _JAREN_TERUG)
    laatste = date(schooljaar_start(vandaag).year + 1, 7, 31)
    with lees_tabel(pad) as tabel:
        kolommen = set(tabel.kolommen)
        sleutel = "leerlingnummer" if "leerlingnummer" in kolommen else "stamnummer"
        reden_kolom = "reden" if "reden" in kolommen else "code"
        ontbreekt = []
        if sleutel not in kolommen:
            ontbreekt.append("'leerlingnummer'")
        if "datum" not in kolommen:
            ontbreekt.append("'datum'")
        if reden_kolom not in kolommen:
            ontbreekt.append("'reden' (of 'code')")
        if "uren" not in kolommen and "lesuur" not in kolommen:
            ontbreekt.append("'uren' (of 'lesuur')")
        if ontbreekt:
            gevonden = ", ".join(tabel.namen[k] for k in tabel.kolommen) or "geen"
            raise InvoerFout(f"In de eerste regel ontbreekt: {', '.join(ontbreekt)}. Gevonden kolommen: "
                             f"{gevonden}. Bijvoorbeeld: {VOORBEELD_KOPREGEL}")
        per_lesuur = "uren" not in kolommen
        onbekend = [tabel.namen[k] for k in tabel.kolommen if k not in BEKENDE_KOLOMMEN]
        rijen: list[VerzuimRij] = []
        fouten: list[RijFout] = []
        overgeslagen = 0
        gezien: dict[tuple, int] = {}
        per_dag: dict[tuple[str, date], float] = {}
        laatste_datum: date | None = None
        for i, rij in enumerate(tabel):
            if voortgang is not None and i % 1024 == 0:
                voortgang(*tabel.voortgang())
            w = rij.waarden
            meldingen: list[str] = []
            nummer = w.get(sleutel, "").strip()
            if not nummer:
                meldingen.append("Het leerlingnummer ontbreekt.")
            elif nummer not in leerlingnummers:
                meldingen.append(f"Leerlingnummer {nummer} staat niet in het leerlingenregister. "
                                 "Importeer eerst de leerlingen.")
            datum = None
            try:
                datum = parse_datum(w.get("datum", ""))
                if not eerste <= datum <= laatste:
                    meldingen.append(f"De datum {datum:%d-%m-%Y} valt buiten de schooljaren die kunnen kloppen "
                                     f"({eerste:%d-%m-%Y} tot en met {laatste:%d-%m-%Y}).")
                    datum = None
            except WaardeFout as exc:
                meldingen.append(str(exc))
            uren = 1.0
            if not per_lesuur:
                try:
                    uren = parse_decimaal(w.get("uren", ""))
                    if not 0 < uren <= 24:
                        meldingen.append(f"{w['uren']} uur kan niet: vul een aantal uren groter dan 0 en "
                                         "hoogstens 24 in.")
                except WaardeFout as exc:
                    meldingen.append(str(exc))
            code = w.get(reden_kolom, "").strip()
            reden: Reden | None = None
            overslaan = False
            if not code:
                meldingen.append("De reden (of code) ontbreekt.")
            elif codes.kent(code):
                reden = codes.vertaal(code)
                overslaan = reden is None
            elif w.get("geoorloofd", "").strip():
                try:
                    reden = Reden.OVERIG_GEOORLOOFD if parse_ja_nee(w["geoorloofd"]) else Reden.ONGEOORLOOFD
                except WaardeFout as exc:
                    meldingen.append(f"Kolom geoorloofd: {exc}")
            else:
                meldingen.append(f"De code '{code}' is onbekend. Voeg hem toe bij Instellingen › Verzuimcodes, "
                                 "of vul de kolom geoorloofd (J of N) in.")
            if datum is not None and (laatste_datum is None or datum > laatste_datum):
                laatste_datum = datum
            if not meldingen and not overslaan:
                kenmerk = (nummer, datum, w.get("lesuur", "").strip()) if per_lesuur else (nummer, datum, code)
                if kenmerk in gezien:
                    wat = f"lesuur {kenmerk[2]}" if per_lesuur else f"code {code}"
                    meldingen.append(f"Deze regel herhaalt regel {gezien[kenmerk]} (zelfde leerling, datum en "
                                     f"{wat}). Haal een van de twee weg.")
                else:
                    gezien[kenmerk] = rij.regel
                    totaal = per_dag.get((nummer, datum), 0.0) + uren
                    if totaal > 24 + 1e-9:
                        meldingen.append(f"Samen met de regels ervoor is dit meer dan 24 uur op "
                                         f"{datum:%d-%m-%Y}. Controleer de uren.")
                    per_dag[(nummer, datum)] = totaal
            if meldingen:
                fouten.append(RijFout(rij.regel, " ".join(meldingen)))
            elif overslaan:
                overgeslagen += 1
            else:
                rijen.append(VerzuimRij(rij.regel, nummer, datum, uren, reden, code))
        if voortgang is not None:
            voortgang(*tabel.voortgang())
    return VerzuimBestand(rijen, fouten, onbekend, overgeslagen, laatste_datum)
