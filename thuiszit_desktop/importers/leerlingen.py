"""The student list from the school's administration (FORMATEN.md, "Leerlingen") → `Leerling` objects.

Pure: reading a file gives `LeerlingenBestand` (good rows, row errors, unknown columns, which fields
the file has); `samenvoegen` lays one row over the student already in the register and `verschillen`
describes in Dutch what that changes. The service does the database part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

from ..domain import formaat
from ..domain.errors import InvoerFout
from ..domain.leerling import (
    Leerling,
    Vrijstelling,
    VrijstellingType,
    normaliseer_leerlingnummer,
    schooljaar_start,
    validate_leerling,
)
from .kolommen import NIET, Koppeling, controleer, en_tekst, koppel, paren, per_veld
from .tabular import RijFout, TabelRij, WaardeFout, lees_tabel, parse_datum, parse_ja_nee

TEKSTVELDEN = ("voornaam", "tussenvoegsel", "achternaam", "klas", "mentor", "bestemming", "bsn",
               "onderwijsnummer")
DATUMVELDEN = ("geboortedatum", "inschrijfdatum", "uitschrijfdatum")

# An empty cell in these columns leaves what the register has (often typed in by hand): the
# administration's export may simply not know it. In the other columns an empty cell is the new value.
LEEG_LAAT_STAAN = frozenset({"bsn", "onderwijsnummer", "inschrijfdatum", "startkwalificatie"})

VOORBEELD_KOPREGEL = "leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;klas;mentor"

_VRIJSTELLING_SPELLINGEN = {
    "5a": VrijstellingType.ART_5A, "5b": VrijstellingType.ART_5B, "5c": VrijstellingType.ART_5C,
    "5a-trekkend": VrijstellingType.ART_5A_TREKKEND, "5a_trekkend": VrijstellingType.ART_5A_TREKKEND,
    "5atrekkend": VrijstellingType.ART_5A_TREKKEND, "trekkend": VrijstellingType.ART_5A_TREKKEND,
    "15": VrijstellingType.ART_15,
}


@dataclass(frozen=True, slots=True)
class GelezenLeerling:
    """One good row: the student as the file describes them (defaults where the file is silent)."""

    regel: int
    leerling: Leerling  # validated; vrijstellingen holds the file's vrijstelling, if any
    gevuld: frozenset[str]  # Leerling fields with a non-empty cell on this row

    @property
    def vrijstelling(self) -> Vrijstelling | None:
        return self.leerling.vrijstellingen[0] if self.leerling.vrijstellingen else None


@dataclass
class LeerlingenBestand:
    leerlingen: list[GelezenLeerling]
    fouten: list[RijFout]
    onbekende_kolommen: list[str]  # as written in the file
    velden: frozenset[str]  # Leerling fields that have a column in the file (leerlingnummer excluded)
    koppeling: Koppeling = field(default_factory=dict)  # normalised column → field (NIET: not used)


def lees_leerlingen(pad: str | Path, vandaag: date, voortgang: Callable[[int, int], None] | None = None, *,
                    gekozen: Mapping[str, str] | None = None,
                    opgeslagen: Mapping[str, str] | None = None) -> LeerlingenBestand:
    """Read a student file; InvoerFout when the file as a whole is unusable (empty, columns missing).

    Which column is which field: `gekozen` (the user's choice now), `opgeslagen` (the school's earlier
    choices), and for the rest the headers (importers/kolommen.py)."""
    with lees_tabel(pad) as tabel:
        koppeling = koppel(tabel.kolommen, "leerlingen", opgeslagen=opgeslagen, gekozen=gekozen)
        ontbreekt = controleer(koppeling, "leerlingen").ontbreekt
        if ontbreekt:
            gevonden = ", ".join(tabel.namen[k] for k in tabel.kolommen) or "geen"
            raise InvoerFout(
                f"In de eerste regel {'ontbreekt de kolom' if len(ontbreekt) == 1 else 'ontbreken de kolommen'} "
                f"{en_tekst(ontbreekt)}. Gevonden kolommen: {gevonden}. De eerste regel moet de kolomnamen "
                f"bevatten, bijvoorbeeld: {VOORBEELD_KOPREGEL}")
        onbekend = [tabel.namen[k] for k, veld in koppeling.items() if veld == NIET]
        velden = frozenset(v for v in koppeling.values()
                           if v in TEKSTVELDEN or v in DATUMVELDEN or v == "startkwalificatie")
        if "voornamen" in koppeling.values():
            velden |= {"voornaam"}
        lezer = _RijLezer(vandaag)
        gebruikt = paren(koppeling)

        goed: list[GelezenLeerling] = []
        fouten: list[RijFout] = []
        eerste: dict[str, tuple[int, str]] = {}  # normalised number → (line, as written there)
        for i, rij in enumerate(tabel):
            if voortgang is not None and i % 256 == 0:
                voortgang(*tabel.voortgang())
            rij.waarden = per_veld(rij.waarden, gebruikt)
            meldingen, gelezen = lezer.lees(rij)
            geschreven = rij.waarden.get("leerlingnummer", "")
            nummer = normaliseer_leerlingnummer(geschreven)
            if nummer:
                if nummer in eerste:
                    regel, daar = eerste[nummer]
                    als = f" (daar als {daar}, hier als {geschreven})" if daar != geschreven else ""
                    meldingen.append(f"Leerlingnummer {nummer} is dubbel: staat ook op regel {regel}{als}. "
                                     "Haal een van de twee regels weg.")
                else:
                    eerste[nummer] = (rij.regel, geschreven)
            if meldingen:
                fouten.append(RijFout(rij.regel, " ".join(meldingen)))
            elif gelezen is not None:
                goed.append(gelezen)
        if voortgang is not None:
            voortgang(*tabel.voortgang())
    return LeerlingenBestand(goed, fouten, onbekend, velden, koppeling)


class _RijLezer:
    sleutel = "leerlingnummer"

    def __init__(self, vandaag: date):
        self.vandaag = vandaag
        self.standaard_inschrijving = schooljaar_start(vandaag)

    def lees(self, rij: TabelRij) -> tuple[list[str], GelezenLeerling | None]:
        w = rij.waarden
        meldingen: list[str] = []
        if rij.overschot:
            meldingen.append(
                f"Deze regel heeft {rij.overschot} {'waarde' if rij.overschot == 1 else 'waarden'} meer dan er "
                "kolommen zijn. Staat er een scheidingsteken in een naam of adres? Zet die waarde dan tussen "
                "aanhalingstekens.")
        if not w.get(self.sleutel, "").strip():
            meldingen.append(f"Vul het {self.sleutel} in.")
        if not w.get("achternaam", "").strip():
            meldingen.append("Vul de achternaam in.")
        if not w.get("voornaam") and w.get("voornamen"):  # no roepnaam: the first of the official names
            w["voornaam"] = w["voornamen"].split()[0]
        gevuld = {k for k in (*TEKSTVELDEN, *DATUMVELDEN, "startkwalificatie") if w.get(k)}
        data: dict[str, object] = {k: w.get(k, "") for k in TEKSTVELDEN}
        data["mentor"] = " ".join(str(data["mentor"]).split())
        for veld in DATUMVELDEN:
            tekst = w.get(veld, "")
            data[veld] = None
            if tekst:
                try:
                    data[veld] = parse_datum(tekst)
                except WaardeFout as exc:
                    meldingen.append(_bij_kolom(veld, exc))
            elif veld == "geboortedatum":
                meldingen.append("Vul de geboortedatum in.")
        if data["inschrijfdatum"] is None:
            data["inschrijfdatum"] = self.standaard_inschrijving
        data["startkwalificatie"] = False
        if w.get("startkwalificatie"):
            try:
                data["startkwalificatie"] = parse_ja_nee(w["startkwalificatie"])
            except WaardeFout as exc:
                meldingen.append(_bij_kolom("startkwalificatie", exc))
        vrijstellingen: tuple[Vrijstelling, ...] = ()
        if w.get("vrijstelling"):
            try:
                vrijstellingen = (self._vrijstelling(w),)
            except WaardeFout as exc:
                meldingen.append(str(exc))
        if meldingen:
            return meldingen, None
        leerling = Leerling(leerlingnummer=w[self.sleutel], vrijstellingen=vrijstellingen,
                            **data)  # type: ignore[arg-type]
        try:
            leerling = validate_leerling(leerling, self.vandaag)
        except InvoerFout as exc:
            return list(exc.fouten.values()), None
        return meldingen, GelezenLeerling(rij.regel, leerling, frozenset(gevuld))

    def _vrijstelling(self, w: dict[str, str]) -> Vrijstelling:
        tekst = w["vrijstelling"]
        sleutel = tekst.strip().casefold().replace(" ", "")
        for voorvoegsel in ("artikel", "art.", "art"):
            sleutel = sleutel.removeprefix(voorvoegsel)
        soort = _VRIJSTELLING_SPELLINGEN.get(sleutel)
        if soort is None:
            raise WaardeFout(f"vrijstelling: '{tekst}' is onbekend. Vul 5a, 5b, 5c, 5a-trekkend of 15 in.")
        if not w.get("vrijstelling_van"):
            raise WaardeFout("Vul bij een vrijstelling ook vrijstelling_van in (de eerste dag van de vrijstelling).")
        try:
            van = parse_datum(w["vrijstelling_van"])
        except WaardeFout as exc:
            raise WaardeFout(_bij_kolom("vrijstelling_van", exc)) from None
        tot = None
        if w.get("vrijstelling_tot"):
            try:
                tot = parse_datum(w["vrijstelling_tot"])
            except WaardeFout as exc:
                raise WaardeFout(_bij_kolom("vrijstelling_tot", exc)) from None
        return Vrijstelling(soort, van, tot)


def _bij_kolom(kolom: str, exc: Exception) -> str:
    """The message of a cell, after the column name: "geboortedatum: de datum … bestaat niet."."""
    melding = str(exc)
    return f"{kolom}: {melding[:1].lower()}{melding[1:]}"


# --- laying a row over the register ----------------------------------------------------------------

def samenvoegen(bestaand: Leerling | None, gelezen: GelezenLeerling, velden: frozenset[str]) -> Leerling:
    """The student after the import. Columns the file lacks keep what the register has, and so do
    empty cells in LEEG_LAAT_STAAN columns; a vrijstelling is added, or updated when one of the same
    type starts on the same day; ouders are never touched."""
    nieuw = gelezen.leerling
    if bestaand is None:
        return nieuw
    wijzig = {veld: getattr(nieuw, veld) for veld in velden
              if veld not in LEEG_LAAT_STAAN or veld in gelezen.gevuld}
    vrijstellingen = bestaand.vrijstellingen
    if (v := gelezen.vrijstelling) is not None:
        vrijstellingen = sorteer_vrijstellingen(
            [x for x in bestaand.vrijstellingen if (x.type, x.van) != (v.type, v.van)] + [v])
    return replace(bestaand, leerlingnummer=nieuw.leerlingnummer, vrijstellingen=vrijstellingen, **wijzig)


def sorteer_vrijstellingen(vrijstellingen) -> tuple[Vrijstelling, ...]:
    """One fixed order, so that a student read back from the database compares equal."""
    return tuple(sorted(vrijstellingen, key=lambda v: (v.van, v.type.value, v.tot or date.max)))


_LABELS = {"bsn": "BSN"}
_VERGELIJK = [f.name for f in fields(Leerling)
              if f.name not in ("leerlingnummer", "id", "vrijstellingen", "ouders")]


def _toon(waarde: object) -> str:
    if waarde is None or waarde == "":
        return "(leeg)"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return formaat.datum(waarde)
    return str(waarde)


def _toon_vrijstelling(v: Vrijstelling) -> str:
    return f"vrijstelling {v.type.value} vanaf {formaat.datum(v.van)}"


def verschillen(oud: Leerling, nieuw: Leerling) -> list[str]:
    """What changes, in Dutch: ["klas: 2A → 3A", "vrijstelling 5a vanaf 01-08-2026 erbij", ...]."""
    regels = [f"{_LABELS.get(veld, veld)}: {_toon(getattr(oud, veld))} → {_toon(getattr(nieuw, veld))}"
              for veld in _VERGELIJK if getattr(oud, veld) != getattr(nieuw, veld)]
    if oud.vrijstellingen != nieuw.vrijstellingen:
        voor = {(v.type, v.van): v for v in oud.vrijstellingen}
        na = {(v.type, v.van): v for v in nieuw.vrijstellingen}
        for sleutel, v in na.items():
            if sleutel not in voor:
                tot = f" t/m {formaat.datum(v.tot)}" if v.tot else ""
                regels.append(f"{_toon_vrijstelling(v)}{tot} erbij")
            elif voor[sleutel].tot != v.tot:
                regels.append(f"{_toon_vrijstelling(v)}: einddatum {_toon(voor[sleutel].tot)} → {_toon(v.tot)}")
        regels.extend(f"{_toon_vrijstelling(v)} vervalt" for k, v in voor.items() if k not in na)
    if oud.ouders != nieuw.ouders:
        regels.append("ouders/verzorgers gewijzigd")
    return regels
