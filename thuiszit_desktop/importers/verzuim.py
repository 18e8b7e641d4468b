"""Verzuim from the school's administration (FORMATEN.md, "Verzuim") → one row per line that counts.

Pure: the caller passes the leerlingnummers that exist, the school's code table and its lesrooster; the
service replaces the imported verzuim of each (leerling, datum) pair in the file, in one transaction.

Which column is which field comes from the headers (Magister's Stamnr, Absentiecode, Lesuur; Somtoday's
Begindatum, Begintijd, Einddatum, Eindtijd, …: importers/kolommen.py), or from the user's choice.

A line has `uren` (decimal hours) or `lesuur` (each line one lesuur, counted as 1 hour) on a `datum`, or
is a period: `begindatum` (+ `begintijd`) to `einddatum` (+ `eindtijd`), counted per lesdag as the lesuren
it covers (domain/lesuren.py). It has `reden` or `code`: one of the five redenen or a code the school's
table translates; an unknown code is decided by `geoorloofd` (N → ongeoorloofd, J → overig geoorloofd). A
code the table maps to None (te laat, present, vergeten, vrijstelling of a subject) is not absence: the
line is skipped and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from ..domain import formaat
from ..domain.errors import InvoerFout
from ..domain.leerling import normaliseer_leerlingnummer, schooljaar_start
from ..domain.lesuren import STANDAARD_LESUURTIJDEN, Lesuur, uren_per_lesdag
from ..domain.verzuim import Reden
from ..domain.verzuimcodes import Codetabel, normaliseer_code
from .kolommen import NIET, Koppeling, controleer, en_tekst, koppel
from .tabular import (
    RijFout,
    WaardeFout,
    lees_tabel,
    parse_datum,
    parse_decimaal,
    parse_ja_nee,
    parse_moment,
    parse_tijd,
)

VOORBEELD_KOPREGEL = "leerlingnummer;datum;uren;reden"
# Verzuim is kept 5 years (DOMEIN.md); older dates, or dates after this school year, are typos.
_JAREN_TERUG = 5
MAX_UREN_PER_DAG = 24.0
MAX_PERIODE = timedelta(days=366)
_EPS = 1e-9
_ONBEKEND = object()  # a code the table does not know


@dataclass(frozen=True)
class Lesrooster:
    """What turns a period into hours: the bell times, the lesdagen, the hours of a whole day."""

    lesuren: Sequence[Lesuur] = STANDAARD_LESUURTIJDEN
    is_lesdag: Callable[[date], bool] = lambda d: d.weekday() < 5
    uren_per_lesdag: float = 6.0


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
    koppeling: Koppeling = field(default_factory=dict)  # normalised column → field (NIET: not used)
    buiten_lesuren: list[RijFout] = field(default_factory=list)  # warnings: periods that count no lesuur
    # The hours of `rijen` summed while reading, per (leerlingnummer, datum) and (reden value, code as written):
    # what the service stores (one row each), without a second pass over 150,000 lines.
    inhoud: dict[tuple[str, date], dict[tuple[str, str], float]] = field(default_factory=dict)


def plausibele_periode(vandaag: date) -> tuple[date, date]:
    """The dates a verzuim line can have: the last 5 school years through the end of the current one."""
    begin = schooljaar_start(vandaag).year
    return date(begin - _JAREN_TERUG, 8, 1), date(begin + 1, 7, 31)


def lees_verzuim(pad: str | Path, leerlingnummers: Collection[str], codes: Codetabel, vandaag: date,
                 voortgang: Callable[[int, int], None] | None = None, *, gekozen: Mapping[str, str] | None = None,
                 opgeslagen: Mapping[str, str] | None = None, rooster: Lesrooster | None = None) -> VerzuimBestand:
    """Read a verzuim file; InvoerFout when the file as a whole is unusable. `leerlingnummers` as stored
    (normalised); `gekozen`/`opgeslagen` as for lees_leerlingen; `rooster` turns periods into hours."""
    eerste, laatste = plausibele_periode(vandaag)
    rooster = rooster or Lesrooster()
    with lees_tabel(pad) as tabel:
        koppeling = koppel(tabel.kolommen, "verzuim", opgeslagen=opgeslagen, gekozen=gekozen)
        ontbreekt = controleer(koppeling, "verzuim").ontbreekt
        if ontbreekt:
            gevonden = ", ".join(tabel.namen[k] for k in tabel.kolommen) or "geen"
            raise InvoerFout(f"In de eerste regel ontbreekt: {en_tekst(ontbreekt)}. Gevonden kolommen: "
                             f"{gevonden}. Bijvoorbeeld: {VOORBEELD_KOPREGEL}")
        onbekend = [tabel.namen[k] for k, veld in koppeling.items() if veld == NIET]
        # field → the position of its column: the rows are read as tuples, by position (not a dict per line)
        positie = {k: i for i, k in enumerate(tabel.kolommen)}
        kolom = {veld: positie[k] for k, veld in koppeling.items() if veld != NIET}
        k_nummer, k_datum, k_uren, k_lesuur = (kolom.get(v) for v in ("leerlingnummer", "datum", "uren", "lesuur"))
        k_geoorloofd = kolom.get("geoorloofd")
        k_begin, k_begintijd, k_eind, k_eindtijd = (kolom.get(v) for v in
                                                     ("begindatum", "begintijd", "einddatum", "eindtijd"))
        code_kolommen = [kolom[k] for k in ("reden", "code") if k in kolom]

        # A file repeats the same few dates, hour values and codes thousands of times: read each once.
        datums: dict[str, tuple[date | None, str | None]] = {}
        uren_cache: dict[str, tuple[float, str | None]] = {}
        vertaald: dict[str, tuple[object, str]] = {}  # code → (Reden, None: skip, or _ONBEKEND; normalised)
        nummers: dict[str, str] = {}

        def buiten(d: date) -> str | None:
            if eerste <= d <= laatste:
                return None
            return (f"De datum {formaat.datum(d)} valt buiten de schooljaren die kunnen kloppen "
                    f"({formaat.datum(eerste)} tot en met {formaat.datum(laatste)}). Controleer het jaartal.")

        def lees_datum(tekst: str) -> tuple[date | None, str | None]:
            try:
                d = parse_datum(tekst)
            except WaardeFout as exc:
                return None, str(exc)
            melding = buiten(d)
            return (None, melding) if melding else (d, None)

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

        def moment(w: tuple[str, ...], k_dag: int, k_tijd: int | None, wat: str, einde: bool) -> datetime:
            """The begin or end of a period; a day without a time is the whole day. WaardeFout to report."""
            try:
                dag, tijd = parse_moment(w[k_dag])
                if k_tijd is not None and w[k_tijd]:
                    tijd = parse_tijd(w[k_tijd])
            except WaardeFout as exc:
                raise WaardeFout(f"{wat}: {str(exc)[:1].lower()}{str(exc)[1:]}") from None
            if (melding := buiten(dag)) is not None:
                raise WaardeFout(melding)
            if tijd is None:
                tijd = timedelta(days=1) if einde else timedelta(0)
            return datetime.combine(dag, time(0)) + tijd

        rijen: list[VerzuimRij] = []
        fouten: list[RijFout] = []
        dagen: set[tuple[str, date]] = set()
        overgeslagen = 0
        gezien: dict[tuple, int] = {}  # (nummer, datum, what identifies the line) → its line number
        periodes: dict[str, list[tuple[datetime, datetime, int]]] = {}  # nummer → (begin, eind, line)
        per_dag: dict[tuple[str, date], float] = {}
        inhoud: dict[tuple[str, date], dict[tuple[str, str], float]] = {}
        waarde = {r: r.value for r in Reden}  # Enum.value is slow on 150,000 lines
        rij_van = tuple.__new__  # a VerzuimRij without the Python-level __new__ of a NamedTuple
        in_periodes: dict[tuple[str, date], float] = {}  # hours from periods: at most a whole lesdag
        laatste_datum: date | None = None
        buiten_lesuren: list[RijFout] = []
        # The fast path: a file repeats the same few values thousands of times. Each value that was part of a
        # line without errors is remembered here; a line whose values are all remembered skips the checks
        # below. Bad values are never remembered, so every line with one is checked (and reported) in full.
        goed_nummer: dict[str, str] = {}
        goed_datum: dict[str, date] = {}
        goed_uren: dict[str, float] = {}
        # the code column(s) → (Reden or None, code, norm, the key of its hours in `inhoud`)
        goed_code: dict[object, tuple[object, str, str, tuple[str, str] | None]] = {}
        codes_van = itemgetter(*code_kolommen) if code_kolommen else None
        snel = codes_van is not None and k_datum is not None
        for i, (regel, w, _overschot) in enumerate(tabel.records()):  # values are stripped already
            if voortgang is not None and i % 1024 == 0:
                voortgang(*tabel.voortgang())
            if snel and not (k_begin is not None and w[k_begin]):
                nummer = goed_nummer.get(w[k_nummer])
                datum = goed_datum.get(w[k_datum])
                gevonden = goed_code.get(codes_van(w))
                if nummer is not None and datum is not None and gevonden is not None:
                    tekst = w[k_uren] if k_uren is not None else ""
                    lesuur = w[k_lesuur] if k_lesuur is not None else ""
                    uren = goed_uren.get(tekst) if tekst else 1.0 if lesuur else None
                    if uren is not None:
                        reden, code, norm, sleutel = gevonden
                        dag = (nummer, datum)
                        if reden is None:  # not absence (te laat …)
                            dagen.add(dag)
                            overgeslagen += 1
                            continue
                        kenmerk = (nummer, datum, "lesuur", lesuur) if lesuur else (nummer, datum, "code", norm or code)
                        al = per_dag.get(dag)
                        totaal = uren if al is None else al + uren
                        if kenmerk not in gezien and totaal <= MAX_UREN_PER_DAG + _EPS:
                            gezien[kenmerk] = regel
                            per_dag[dag] = totaal
                            rijen.append(rij_van(VerzuimRij, (regel, nummer, datum, uren, reden, code)))
                            if al is None:  # the day's first hours (a day in per_dag is in dagen and inhoud)
                                dagen.add(dag)
                                inhoud[dag] = {sleutel: uren}
                            else:
                                som = inhoud[dag]
                                som[sleutel] = som.get(sleutel, 0.0) + uren
                            continue
                    # else: a repeated line, too many hours, …: the full checks below say what is wrong

            meldingen: list[str] = []

            geschreven = w[k_nummer]
            nummer = nummers.get(geschreven)
            if nummer is None:
                nummer = nummers[geschreven] = normaliseer_leerlingnummer(geschreven)
            if not nummer:
                meldingen.append("Het leerlingnummer ontbreekt.")
            elif nummer not in leerlingnummers:
                meldingen.append(f"Leerlingnummer {geschreven} staat niet in het leerlingenregister. "
                                 "Importeer eerst de leerlingen, of verbeter het nummer.")

            periode: tuple[datetime, datetime] | None = None
            datum: date | None = None
            uren = 0.0
            lesuur = ""
            if k_begin is not None and w[k_begin]:
                try:
                    begin = moment(w, k_begin, k_begintijd, "Begin", einde=False)
                    if not (k_eind is not None and w[k_eind]):
                        raise WaardeFout(
                            "De einddatum ontbreekt. Een melding die nog loopt, kan niet geteld worden: maak de "
                            "export tot en met een bepaalde dag, of vul de einddatum in.")
                    eind = moment(w, k_eind, k_eindtijd, "Einde", einde=True)
                    if eind <= begin:
                        raise WaardeFout(f"Het einde ({formaat.tijdstip(eind)}) ligt niet na het begin "
                                         f"({formaat.tijdstip(begin)}). Controleer de datums en tijden.")
                    if eind - begin > MAX_PERIODE:
                        raise WaardeFout("Deze periode is langer dan een jaar. Controleer de datums.")
                    periode = (begin, eind)
                    datum = (eind - timedelta(microseconds=1)).date()
                    if laatste_datum is None or datum > laatste_datum:
                        laatste_datum = datum
                except WaardeFout as exc:
                    meldingen.append(str(exc))
            elif k_begin is not None and k_datum is None:
                meldingen.append("Vul de begindatum in.")
            else:
                tekst = w[k_datum] if k_datum is not None else ""
                gelezen = datums.get(tekst)
                if gelezen is None:
                    gelezen = datums[tekst] = lees_datum(tekst)
                datum, melding = gelezen
                if melding:
                    meldingen.append(melding)
                elif laatste_datum is None or datum > laatste_datum:
                    laatste_datum = datum

                lesuur = w[k_lesuur] if k_lesuur is not None else ""
                tekst = w[k_uren] if k_uren is not None else ""
                if tekst:
                    gelezen_uren = uren_cache.get(tekst)
                    if gelezen_uren is None:
                        gelezen_uren = uren_cache[tekst] = lees_uren(tekst)
                    uren, melding = gelezen_uren
                    if melding:
                        meldingen.append(melding)
                elif lesuur:
                    uren = 1.0  # one lesuur
                elif k_begin is not None:
                    meldingen.append("Vul de begindatum en de einddatum in" + (
                        ", of het aantal uren." if k_uren is not None else
                        ", of het lesuur." if k_lesuur is not None else "."))
                elif k_uren is not None:
                    meldingen.append("Vul het aantal uren in.")
                else:
                    meldingen.append("Vul het lesuur in (elke regel is één lesuur).")

            teksten = [w[k] for k in code_kolommen if w[k]]
            reden: object = None
            code = teksten[0] if teksten else ""
            norm = ""
            uit_tabel = False  # the reden comes from the code table (not from the column geoorloofd)
            if not teksten:
                meldingen.append("De reden (of code) ontbreekt.")
            else:
                reden = _ONBEKEND
                for t in teksten:  # `reden` first, then `code`: the first one the table knows
                    r, n = vertaald.get(t) or vertaal(t)
                    if r is not _ONBEKEND:
                        reden, code, norm, uit_tabel = r, t, n, True
                        break
                if reden is _ONBEKEND:
                    geoorloofd = w[k_geoorloofd] if k_geoorloofd is not None else ""
                    if geoorloofd:
                        try:
                            reden = Reden.OVERIG_GEOORLOOFD if parse_ja_nee(geoorloofd) else Reden.ONGEOORLOOFD
                        except WaardeFout as exc:
                            meldingen.append(f"Kolom geoorloofd: {exc}")
                    else:
                        meldingen.append(f"De code '{code}' is onbekend. Voeg hem toe bij Instellingen › "
                                         "Verzuimcodes, of vul de kolom geoorloofd (J of N) in.")

            if meldingen or reden is None:
                pass  # (a line that is not absence – te laat – may repeat or overlap another)
            elif periode is not None:
                begin, eind = periode
                eigen = periodes.setdefault(nummer, [])
                botst = next((r for b, e, r in eigen if b < eind and begin < e), None)
                if botst is not None:
                    meldingen.append(f"Deze periode overlapt met regel {botst} (zelfde leerling). Haal een van de "
                                     "twee weg, of verbeter de tijden.")
                else:
                    eigen.append((begin, eind, regel))
            else:
                # A line that repeats one before it is an error, not a silent sum or overwrite.
                kenmerk = (nummer, datum, "lesuur", lesuur) if lesuur else (nummer, datum, "code", norm or code)
                eerder = gezien.get(kenmerk)
                if eerder is not None:
                    wat = f"lesuur {lesuur}" if lesuur else f"code {code}"
                    meldingen.append(f"Deze regel herhaalt regel {eerder} (zelfde leerling, datum en {wat}). "
                                     "Haal een van de twee weg.")
                else:
                    gezien[kenmerk] = regel
                    totaal = per_dag.get(dag := (nummer, datum), 0.0) + uren
                    if totaal > MAX_UREN_PER_DAG + _EPS:
                        meldingen.append(f"Samen met de regels ervoor is dit meer dan 24 uur op "
                                         f"{formaat.datum(datum)}. Controleer de uren.")
                    else:
                        per_dag[dag] = totaal

            if meldingen:
                fouten.append(RijFout(regel, " ".join(meldingen)))
                continue
            if periode is not None:
                # Each lesdag the period touches is a day this file speaks about; several periods on one day
                # together count at most a whole lesdag, filled in the order of the file.
                telt = False
                for d, u in uren_per_lesdag(*periode, rooster.lesuren, rooster.is_lesdag,
                                            rooster.uren_per_lesdag).items():
                    dagen.add((nummer, d))
                    al = in_periodes.get((nummer, d), 0.0)
                    u = min(u, rooster.uren_per_lesdag - al)
                    if u > _EPS and reden is not None:
                        in_periodes[(nummer, d)] = al + u
                        per_dag[(nummer, d)] = per_dag.get((nummer, d), 0.0) + u
                        rijen.append(rij_van(VerzuimRij, (regel, nummer, d, u, reden, code)))
                        som = inhoud.setdefault((nummer, d), {})
                        sleutel = (waarde[reden], code)
                        som[sleutel] = som.get(sleutel, 0.0) + u
                        telt = True
                if reden is None:
                    overgeslagen += 1  # not absence (te laat …)
                elif not telt:
                    begin, eind = periode
                    buiten_lesuren.append(RijFout(regel, (
                        f"De periode {formaat.tijdstip(begin)} tot {formaat.tijdstip(eind)} valt niet in de lesuren van "
                        "een lesdag en telt niet mee.")))
                continue
            dagen.add((nummer, datum))
            if k_datum is not None:  # a line without errors: its values are good on any later line too
                goed_nummer[geschreven] = nummer
                goed_datum[w[k_datum]] = datum
                if k_uren is not None and w[k_uren]:
                    goed_uren[w[k_uren]] = uren
                if uit_tabel and codes_van is not None:
                    goed_code[codes_van(w)] = (reden, code, norm, None if reden is None else (waarde[reden], code))
            if reden is None:
                overgeslagen += 1
            else:
                rijen.append(rij_van(VerzuimRij, (regel, nummer, datum, uren, reden, code)))
                som = inhoud.get((nummer, datum))
                if som is None:
                    som = inhoud[(nummer, datum)] = {}
                sleutel = (waarde[reden], code)
                som[sleutel] = som.get(sleutel, 0.0) + uren
        if voortgang is not None:
            voortgang(*tabel.voortgang())
    return VerzuimBestand(rijen, fouten, onbekend, overgeslagen, laatste_datum, dagen, koppeling, buiten_lesuren,
                          inhoud)
