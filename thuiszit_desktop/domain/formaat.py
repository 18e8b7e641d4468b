"""Dutch formatting, one place for the whole program: dates, months, hours, a person's full name, an age.

    datum(d)            12-11-2026 (dd-mm-jjjj), as every screen, export and message shows a date
    korte_datum(d)      12-11, where the year is clear (a week label, "gemeld 12-11")
    tijd(t)             14:05 (a time or the time of a moment)
    tijdstip(moment)    12-11-2026 14:05 (seconden=True: 12-11-2026 14:05:09, for the audit log)
    lange_datum(d)      12 november 2026 (dag=True: donderdag 12 november 2026), for letters and plans
    dag_maand(d)        12 november
    maand(d)            november 2026
    uren(x)             2,5 (at most two decimals, a decimal comma)
    naam(…)             Eva de Jong (voornaam, tussenvoegsel, achternaam; the empty parts left out)
    leeftijd(g, op)     whole years on a day
"""

from __future__ import annotations

from datetime import date, datetime, time

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")
DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def datum(d: date | None, leeg: str = "") -> str:
    """dd-mm-jjjj, `leeg` for none. Without strftime: the student list formats thousands of dates, and under Qt
    strftime imports `time` on every call (through shiboken's import hook)."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}" if d else leeg


def korte_datum(d: date) -> str:
    return f"{d.day:02d}-{d.month:02d}"


def tijd(t: time | datetime) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def tijdstip(moment: datetime, *, seconden: bool = False) -> str:
    return f"{datum(moment)} {tijd(moment)}" + (f":{moment.second:02d}" if seconden else "")


def lange_datum(d: date | None, *, dag: bool = False) -> str:
    """"1 maart 2027" (with `dag`: "maandag 1 maart 2027"); empty for none."""
    if d is None:
        return ""
    tekst = f"{d.day} {MAANDEN[d.month - 1]} {d.year}"
    return f"{DAGEN[d.weekday()]} {tekst}" if dag else tekst


def dag_maand(d: date) -> str:
    return f"{d.day} {MAANDEN[d.month - 1]}"


def maand(d: date | None) -> str:
    """"september 2026" ("" for none)."""
    return f"{MAANDEN[d.month - 1]} {d.year}" if d else ""


def uren(x: float) -> str:
    """40 → "40", 2.5 → "2,5", 1.25 → "1,25"."""
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def procent(x: float) -> str:
    """7.5 → "7,5%", 10.0 → "10%"."""
    return f"{x:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def naam(voornaam: str | None, tussenvoegsel: str | None, achternaam: str | None) -> str:
    return " ".join(p for p in (voornaam, tussenvoegsel, achternaam) if p)


def leeftijd(geboortedatum: date, op: date) -> int:
    """Whole years on `op`: one older on the birthday itself."""
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
