"""Verzuim from the school's administration (FORMATEN.md, "Verzuim") → one row per line that counts.

Pure: the caller passes the leerlingnummers that exist and the school's code table; the service
replaces the imported verzuim of each (leerling, datum) pair in the file, in one transaction.

A file has `uren` (decimal hours) or `lesuur` (each line one lesuur, counted as 1 hour), and `reden`
or `code`: one of the five redenen or a code the school's table translates; an unknown code is
decided by `geoorloofd` (N → ongeoorloofd, J → overig geoorloofd). A code the table maps to None
(te laat, present, vergeten, vrijstelling of a subject) is not absence: the line is skipped and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..domain.errors import InvoerFout
from ..domain.leerling import schooljaar_start
from ..domain.verzuim import Reden
from ..domain.verzuimcodes import Codetabel, normaliseer_code
from .tabular import RijFout, WaardeFout, lees_tabel, parse_datum, parse_decimaal, parse_ja_nee

BEKENDE_KOLOMMEN = frozenset({"leerlingnummer", "stamnummer", "datum", "uren", "lesuur", "reden", "code",
                              "geoorloofd"})
VOORBEELD_KOPREGEL = "leerlingnummer;datum;uren;reden"
# Verzuim is kept 5 years (DOMEIN.md); older dates, or dates after this school year, are typos.
_JAREN_TERUG = 5
MAX_UREN_PER_DAG = 24.0
_EPS = 1e-9
_ONBEKEND = object()  # a code the table does not know


class VerzuimRij(NamedTuple):  # a NamedTuple: a year's file makes 150,000 of them, 3× faster than a dataclass
    regel: int
    leerlingnummer: str
    datum: date
    uren: float
    reden: Reden
    code: str  # as written in the file


@dataclass
class VerzuimBestand:
    rijen: list[VerzuimRij]  # the lines that count as verzuim
    fouten: list[RijFout]
    onbekende_kolommen: list[str]
    overgeslagen: int  # lines whose code is not absence (te laat, present, …)
    laatste_datum: date | None  # the latest date of any line, for "verzuim bijgewerkt t/m"
    # Every (leerlingnummer, datum) of a line without errors, skipped lines included: the days this file
    # speaks about, whose earlier imported verzuim it replaces (a lesuur corrected to "te laat" included).
    dagen: set[tuple[str, date]] = field(default_factory=set)


def plausibele_periode(vandaag: date) -> tuple[date, date]:
    """The dates a verzuim line can have: the last 5 school years through the end of the current one."""
    begin = schooljaar_start(vandaag).year
    return date(begin - _JAREN_TERUG, 8, 1), date(begin + 1, 7, 31)


def lees_verzuim(pad: str | Path, leerlingnummers: Collection[str], codes: Codetabel, vandaag: date,
                 voortgang: Callable[[int, int], None] | None = None) -> VerzuimBestand:
    eerste, laatste = plausibele_periode(vandaag)
    with lees_tabel(pad) as tabel:
        kolommen = set(tabel.kolommen)
        sleutel = "leerlingnummer" if "leerlingnummer" in kolommen else "stamnummer"
        code_kolommen = [k for k in ("reden", "code") if k in kolommen]
        heeft_uren, heeft_lesuur = "uren" in kolommen, "lesuur" in kolommen
        heeft_geoorloofd = "geoorloofd" in kolommen
        ontbreekt = []
        if sleutel not in kolommen:
            ontbreekt.append("'leerlingnummer'")
        if "datum" not in kolommen:
            ontbreekt.append("'datum'")
        if not code_kolommen:
            ontbreekt.append("'reden' (of 'code')")
        if not heeft_uren and not heeft_lesuur:
            ontbreekt.append("'uren' (of 'lesuur')")
        if ontbreekt:
            gevonden = ", ".join(tabel.namen[k] for k in tabel.kolommen) or "geen"
            raise InvoerFout(f"In de eerste regel ontbreekt: {', '.join(ontbreekt)}. Gevonden kolommen: "
                             f"{gevonden}. Bijvoorbeeld: {VOORBEELD_KOPREGEL}")
        onbekend = [tabel.namen[k] for k in tabel.kolommen if k not in BEKENDE_KOLOMMEN]

        # A file repeats the same few dates, hour values and codes thousands of times: read each once.
        datums: dict[str, tuple[date | None, str | None]] = {}
        uren_cache: dict[str, tuple[float, str | None]] = {}
        vertaald: dict[str, tuple[object, str]] = {}  # code → (Reden, None: skip, or _ONBEKEND; normalised)

        def lees_datum(tekst: str) -> tuple[date | None, str | None]:
            try:
                d = parse_datum(tekst)
            except WaardeFout as exc:
                return None, str(exc)
            if not eerste <= d <= laatste:
                return None, (f"De datum {d:%d-%m-%Y} valt buiten de schooljaren die kunnen kloppen "
                              f"({eerste:%d-%m-%Y} tot en met {laatste:%d-%m-%Y}). Controleer het jaartal.")
            return d, None

        def lees_uren(tekst: str) -> tuple[float, str | None]:
            try:
                u = parse_decimaal(tekst)
            except WaardeFout as exc:
                return 0.0, str(exc)
            if not 0 < u <= MAX_UREN_PER_DAG:
                return 0.0, f"{tekst} uur kan niet: vul een aantal uren groter dan 0 en hoogstens 24 in."
            return u, None

        def vertaal(code: str) -> tuple[object, str]:
            gevonden = vertaald[code] = (codes.vertaal(code) if codes.kent(code) else _ONBEKEND,
                                         normaliseer_code(code))
            return gevonden

        rijen: list[VerzuimRij] = []
        fouten: list[RijFout] = []
        dagen: set[tuple[str, date]] = set()
        overgeslagen = 0
        gezien: dict[tuple, int] = {}  # (nummer, datum, what identifies the line) → its line number
        per_dag: dict[tuple[str, date], float] = {}
        laatste_datum: date | None = None
        for i, rij in enumerate(tabel):
            if voortgang is not None and i % 1024 == 0:
                voortgang(*tabel.voortgang())
            w = rij.waarden  # values are stripped already
            meldingen: list[str] = []

            nummer = w[sleutel]
            if not nummer:
                meldingen.append("Het leerlingnummer ontbreekt.")
            elif nummer not in leerlingnummers:
                meldingen.append(f"Leerlingnummer {nummer} staat niet in het leerlingenregister. "
                                 "Importeer eerst de leerlingen, of verbeter het nummer.")

            tekst = w["datum"]
            gelezen = datums.get(tekst)
            if gelezen is None:
                gelezen = datums[tekst] = lees_datum(tekst)
            datum, melding = gelezen
            if melding:
                meldingen.append(melding)
            elif laatste_datum is None or datum > laatste_datum:
                laatste_datum = datum

            lesuur = w["lesuur"] if heeft_lesuur else ""
            tekst = w["uren"] if heeft_uren else ""
            if tekst:
                gelezen_uren = uren_cache.get(tekst)
                if gelezen_uren is None:
                    gelezen_uren = uren_cache[tekst] = lees_uren(tekst)
                uren, melding = gelezen_uren
                if melding:
                    meldingen.append(melding)
            elif lesuur:
                uren = 1.0  # one lesuur
            else:
                uren = 0.0
                meldingen.append("Vul het lesuur in (elke regel is één lesuur)." if not heeft_uren
                                 else "Vul het aantal uren in.")

            teksten = [w[k] for k in code_kolommen if w[k]]
            reden: object = None
            code = teksten[0] if teksten else ""
            norm = ""
            if not teksten:
                meldingen.append("De reden (of code) ontbreekt.")
            else:
                reden = _ONBEKEND
                for t in teksten:  # `reden` first, then `code`: the first one the table knows
                    r, n = vertaald.get(t) or vertaal(t)
                    if r is not _ONBEKEND:
                        reden, code, norm = r, t, n
                        break
                if reden is _ONBEKEND:
                    geoorloofd = w["geoorloofd"] if heeft_geoorloofd else ""
                    if geoorloofd:
                        try:
                            reden = Reden.OVERIG_GEOORLOOFD if parse_ja_nee(geoorloofd) else Reden.ONGEOORLOOFD
                        except WaardeFout as exc:
                            meldingen.append(f"Kolom geoorloofd: {exc}")
                    else:
                        meldingen.append(f"De code '{code}' is onbekend. Voeg hem toe bij Instellingen › "
                                         "Verzuimcodes, of vul de kolom geoorloofd (J of N) in.")

            if not meldingen and reden is not None:
                # A line that repeats one before it is an error, not a silent sum or overwrite.
                kenmerk = (nummer, datum, "lesuur", lesuur) if lesuur else (nummer, datum, "code", norm or code)
                eerder = gezien.get(kenmerk)
                if eerder is not None:
                    wat = f"lesuur {lesuur}" if lesuur else f"code {code}"
                    meldingen.append(f"Deze regel herhaalt regel {eerder} (zelfde leerling, datum en {wat}). "
                                     "Haal een van de twee weg.")
                else:
                    gezien[kenmerk] = rij.regel
                    totaal = per_dag.get(dag := (nummer, datum), 0.0) + uren
                    if totaal > MAX_UREN_PER_DAG + _EPS:
                        meldingen.append(f"Samen met de regels ervoor is dit meer dan 24 uur op "
                                         f"{datum:%d-%m-%Y}. Controleer de uren.")
                    else:
                        per_dag[dag] = totaal

            if meldingen:
                fouten.append(RijFout(rij.regel, " ".join(meldingen)))
                continue
            dagen.add((nummer, datum))
            if reden is None:
                overgeslagen += 1
            else:
                rijen.append(VerzuimRij(rij.regel, nummer, datum, uren, reden, code))
        if voortgang is not None:
            voortgang(*tabel.voortgang())
    return VerzuimBestand(rijen, fouten, onbekend, overgeslagen, laatste_datum, dagen)
