"""What an alleen-lezen user sees: tables of counts for the whole school, never a student.

Built by a zorgcoördinator's session from the same counts the screens show (services/lezersoverzicht.py) and
written encrypted beside the database (db/overzicht.py); this module holds the rules of what goes in:
- only aggregated rows, labelled by what they count (a level, a signal, a month, a kind of intervention),
  in a fixed order that has nothing to do with students – no number, no id, no name;
- small counts are not shown exactly: 1 to 4 becomes "minder dan 5" (`tel`), so a count cannot point at one
  child the reader happens to know; an average over fewer than 5 students is left out for the same reason;
  and no total is given beside counts that add up to it (subtracting would undo the hiding).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from . import formaat
from .effect import EffectPerSoort
from .kwartaal import CATEGORIEEN, STATUSSEN, Duur, KwartaalOverzicht
from .signalen import SignaalSoort
from .trends import Trends

KLEIN = 5
MINDER_DAN = f"minder dan {KLEIN}"
FORMAT_VERSION = 1

Waarde = int | float | str | None  # None: a small count, shown as MINDER_DAN


def tel(n: int) -> int | None:
    """A count as it may be shown: 0 and 5 or more as they are, 1 to 4 as None ("minder dan 5")."""
    return None if 0 < n < KLEIN else int(n)


def cel(waarde: Waarde) -> str:
    if waarde is None:
        return MINDER_DAN
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    return str(waarde)


@dataclass(frozen=True)
class Tabel:
    titel: str
    kort: str  # the tab's name
    uitleg: str
    kolommen: tuple[str, ...]  # the first names what a row counts
    rijen: tuple[tuple[Waarde, ...], ...]

    def to_dict(self) -> dict:
        return {"titel": self.titel, "kort": self.kort, "uitleg": self.uitleg, "kolommen": list(self.kolommen),
                "rijen": [list(r) for r in self.rijen]}

    @classmethod
    def from_dict(cls, data: dict) -> Tabel:
        return cls(str(data["titel"]), str(data.get("kort", "")), str(data.get("uitleg", "")), tuple(str(k) for k in data["kolommen"]),
                   tuple(tuple(r) for r in data["rijen"]))


@dataclass(frozen=True)
class Lezersoverzicht:
    school: str
    gemaakt: datetime
    tabellen: tuple[Tabel, ...]

    def to_dict(self) -> dict:
        return {"format": FORMAT_VERSION, "school": self.school, "gemaakt": self.gemaakt.isoformat(),
                "tabellen": [t.to_dict() for t in self.tabellen]}

    @classmethod
    def from_dict(cls, data: dict) -> Lezersoverzicht:
        return cls(str(data["school"]), datetime.fromisoformat(data["gemaakt"]),
                   tuple(Tabel.from_dict(t) for t in data["tabellen"]))


def niveaus_tabel(peildatum: date, per_niveau: Mapping[int, int], zonder_verzuim: int,
                  per_signaal: Mapping[SignaalSoort, int]) -> Tabel:
    rijen = [(f"Niveau {n}", tel(per_niveau.get(n, 0))) for n in (1, 2, 3)]
    if zonder_verzuim:
        rijen.append(("Nog zonder verzuim (geen niveau)", tel(zonder_verzuim)))
    rijen += [(f"Signaal: {s.label}", tel(per_signaal.get(s, 0))) for s in SignaalSoort]
    return Tabel(f"Verzuimniveaus en signalen op {formaat.datum(peildatum)}", "Niveaus en signalen",
                 "Aantal leerlingen per verzuimniveau (Kearney) en per signaal.", ("", "Leerlingen"), tuple(rijen))


def kwartaal_tabel(k: KwartaalOverzicht) -> Tabel:
    # No total: with it, a group with one small count hidden would give that count away by subtraction.
    rijen: list[tuple[Waarde, ...]] = []
    per_categorie, per_status, per_duur = k.per_categorie(), k.per_status(), k.per_duur()
    rijen += [(f"Categorie: {c}", tel(per_categorie.get(c, 0))) for c in CATEGORIEEN]
    rijen += [(f"Status: {s}", tel(per_status.get(s, 0))) for s in STATUSSEN]
    rijen += [(f"Duur: {d}", tel(per_duur.get(d, 0))) for d in Duur]
    peil = "" if k.volledig else f" (tot {formaat.datum(k.peildatum)})"
    return Tabel(f"Thuiszitters {k.kwartaal}{peil}", f"Thuiszitters {k.kwartaal}", "De aantallen uit het kwartaaloverzicht voor het "
                 "samenwerkingsverband, zonder de regels per leerling.", ("", "Leerlingen"), tuple(rijen))


def trends_tabel(t: Trends) -> Tabel:
    rijen = tuple((f"{m.label} {m.jaar}", tel(m.per_niveau.get(1, 0)), tel(m.per_niveau.get(2, 0)),
                   tel(m.per_niveau.get(3, 0)), tel(m.thuiszitters_in), tel(m.thuiszitters_uit))
                  for m in t.maanden)
    return Tabel(f"Per maand, schooljaar {t.label}", "Per maand", "Leerlingen per niveau aan het eind van elke maand, en hoeveel "
                 "leerlingen die maand thuiszitter werden of weer naar school gingen.",
                 ("Maand", "Niveau 1", "Niveau 2", "Niveau 3", "Thuiszitter geworden", "Weer naar school"), rijen)


def effecten_tabel(per_soort: list[EffectPerSoort]) -> Tabel:
    def gemiddeld(e: EffectPerSoort, waarde: float | None) -> Waarde:
        return "–" if waarde is None or e.meegeteld < KLEIN else float(waarde)

    rijen = tuple((e.soort, tel(e.aantal), gemiddeld(e, e.gemiddeld_voor), gemiddeld(e, e.gemiddeld_na))
                  for e in sorted(per_soort, key=lambda e: e.soort.casefold()))
    return Tabel("Werkt het? Verzuim voor en na een interventie", "Werkt het?",
                 "Per soort interventie: hoe vaak ze is ingezet, en het gemiddelde verzuim (%) in de weken ervoor en "
                 f"erna – alleen als het over minstens {KLEIN} leerlingen gaat.",
                 ("Soort interventie", "Ingezet", "Verzuim ervoor (%)", "Verzuim erna (%)"), rijen)
