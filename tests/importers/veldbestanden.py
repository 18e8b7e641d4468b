"""Import files shaped like real exports from Magister and Somtoday, with fictional students.

Made by code rather than committed as binaries, so a reader sees every cell: `maak(map)` writes them all;
`python tests/importers/veldbestanden.py MAP` writes them to look at (open them in Excel or LibreOffice).

Awkward on purpose, as files from the field are:
- magister_leerlingen.xlsx – Magister's headers (Stamnr, Achternaam, Tussenv., Roepnaam, Voornamen,
  Geb.datum, Stamgroep, Studie, Mentor, Datum in); stamnummers as numbers (one as a decimal, one as text
  with leading zeros), birth dates as date cells (one typed as text), an empty roepnaam, a blank row at
  the end, columns the program does not use (Studie, Geslacht).
- magister_leerlingen.csv – the same register as Windows-1252 text with ";", stamnummers with leading
  zeros (Magister's "Voorloopnullen van Stamnummer exporteren? Ja"), dates as DD-MM-JJJJ, an empty line.
- magister_absenties.xlsx – per lesuur: Stamnr, Naam, Datum, Lesuur, Absentiecode, Omschrijving,
  Geoorloofd; te laat (skipped), a code the school's table lacks (decided by Geoorloofd), a stamnummer
  with leading zeros, a date typed as text.
- somtoday_absenties.csv – periods: Leerlingnummer, Achternaam, Roepnaam, Begindatum, Begintijd,
  Einddatum, Eindtijd, Absentiereden, Geoorloofd (UTF-8 with BOM); a period across a weekend, one across
  the herfstvakantie, one to 00:00 of the next day, a whole day without times, an unknown reden.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

MAGISTER_LEERLINGEN_KOP = ["Stamnr", "Achternaam", "Tussenv.", "Roepnaam", "Voornamen", "Geb.datum", "Geslacht",
                           "Stamgroep", "Studie", "Mentor", "Datum in"]
# (stamnr as Excel holds it, the same as the CSV writes it, …the rest)
MAGISTER_LEERLINGEN = [
    (412, "000412", "Bakker", "", "Zoë", "Zoë Anna", date(2011, 3, 5), "V", "2A", "H2", "J. de Vries",
     date(2023, 8, 21)),
    (1001, "001001", "Jong", "de", "Daniël", "Daniël Pieter", date(2011, 7, 9), "M", "2A", "H2", "J. de Vries",
     date(2023, 8, 21)),
    (1002.0, "001002", "Çelik", "", "Mehmet", "Mehmet Ali", date(2012, 1, 31), "M", "1C", "V1", "S. Öztürk",
     date(2024, 8, 19)),
    (1003, "001003", "El Idrissi", "", "", "Fatima Zahra", "12-11-2011", "V", "2B", "H2", "",
     date(2023, 8, 21)),
    ("000078", "000078", "Vries", "van der", "Sanne", "Susanna Maria", date(2010, 12, 24), "V", "3A", "V3",
     "M. El Amrani", date(2022, 8, 22)),
]

MAGISTER_ABSENTIES_KOP = ["Stamnr", "Naam", "Datum", "Lesuur", "Absentiecode", "Omschrijving", "Geoorloofd"]
MAGISTER_ABSENTIES = [
    (412, "Zoë Bakker", date(2026, 9, 14), 1, "A", "Absent zonder reden", "N"),
    (412, "Zoë Bakker", date(2026, 9, 14), 2, "A", "Absent zonder reden", "N"),
    (412, "Zoë Bakker", date(2026, 9, 14), 3, "La", "Te laat; afgehandeld", "N"),
    ("000412", "Zoë Bakker", date(2026, 9, 15), 1, "Z", "Ziek", "J"),
    (1001, "Daniël de Jong", "16-9-2026", 4, "S", "Gespijbeld", "N"),
    (1001, "Daniël de Jong", date(2026, 9, 16), 5, "S", "Gespijbeld", "N"),
    (1002, "Mehmet Çelik", date(2026, 9, 17), 2, "Ma", "Medisch; afgehandeld", "J"),  # not in the table
    (1002, "Mehmet Çelik", date(2026, 9, 17), 3, "BLA", "Buiten lesactiviteit", "N"),  # not in the table
    (78, "Sanne van der Vries", date(2026, 9, 18), 6, "GE", "Geschorst extern", "J"),
]

SOMTODAY_KOP = ["Leerlingnummer", "Achternaam", "Roepnaam", "Begindatum", "Begintijd", "Einddatum", "Eindtijd",
                "Absentiereden", "Geoorloofd"]
SOMTODAY = [
    # a whole day of lessons
    ("1001", "Jong", "Daniël", "21-09-2026", "08:00", "21-09-2026", "17:00", "Ziek", "Ja"),
    # Friday afternoon to Monday morning: nothing on Saturday and Sunday
    ("000412", "Bakker", "Zoë", "02-10-2026", "12:40", "05-10-2026", "12:10", "Ziek", "Ja"),
    # two lesuren for the huisarts
    ("1002", "Çelik", "Mehmet", "22-09-2026", "10:30", "22-09-2026", "12:10", "Huisarts", "Ja"),
    # a reden the school's table does not know, decided by Geoorloofd; until 00:00: only the 23rd
    ("1003", "El Idrissi", "Fatima", "23-09-2026", "", "24-09-2026", "00:00", "Bezoek orthodontist", "Ja"),
    # from 9:00 (the first lesuur mostly missed) to the end of Wednesday: three days, each a whole day
    ("78", "Vries", "Sanne", "28-09-2026", "09:00", "30-09-2026", "", "Spijbelen", "Nee"),
    # te laat is not absence: skipped
    ("1001", "Jong", "Daniël", "24-09-2026", "08:30", "24-09-2026", "08:40", "Te laat", "Nee"),
    # across the herfstvakantie (regio midden, 17–25 October 2026): the Friday before and the Monday after
    ("1003", "El Idrissi", "Fatima", "16-10-2026", "", "26-10-2026", "12:10", "Ziek", "Ja"),
]


def _xlsx(pad: Path, kop: list[str], rijen: list[tuple], blanco_eind: bool = True) -> Path:
    werkmap = Workbook()
    blad = werkmap.active
    blad.append(kop)
    for rij in rijen:
        blad.append(list(rij))
    for r in range(2, blad.max_row + 1):  # date cells as a Dutch Excel shows them
        for cel in blad[r]:
            if isinstance(cel.value, datetime | date):
                cel.number_format = "dd-mm-yyyy"
    if blanco_eind:
        blad.append([None, " ", None])  # what is left of a deleted row
    werkmap.save(pad)
    return pad


def magister_leerlingen_xlsx(map_: Path) -> Path:
    return _xlsx(map_ / "magister_leerlingen.xlsx", MAGISTER_LEERLINGEN_KOP,
                 [(r[0], *r[2:]) for r in MAGISTER_LEERLINGEN])


def _tekst(waarde: object) -> str:
    return f"{waarde:%d-%m-%Y}" if isinstance(waarde, date) else str(waarde)


def magister_leerlingen_csv(map_: Path) -> Path:
    regels = [";".join(MAGISTER_LEERLINGEN_KOP)]
    regels += [";".join(_tekst(w) for w in (r[1], *r[2:])) for r in MAGISTER_LEERLINGEN]
    regels.append(";" * (len(MAGISTER_LEERLINGEN_KOP) - 1))  # an empty record at the end
    pad = map_ / "magister_leerlingen.csv"
    pad.write_bytes(("\r\n".join(regels) + "\r\n").encode("cp1252"))
    return pad


def magister_absenties_xlsx(map_: Path) -> Path:
    return _xlsx(map_ / "magister_absenties.xlsx", MAGISTER_ABSENTIES_KOP, MAGISTER_ABSENTIES)


def somtoday_absenties_csv(map_: Path) -> Path:
    regels = [";".join(SOMTODAY_KOP), *(";".join(r) for r in SOMTODAY)]
    pad = map_ / "somtoday_absenties.csv"
    pad.write_bytes(("\r\n".join(regels) + "\r\n").encode("utf-8-sig"))
    return pad


def maak(map_: Path) -> dict[str, Path]:
    map_.mkdir(parents=True, exist_ok=True)
    return {f.__name__: f(map_) for f in (magister_leerlingen_xlsx, magister_leerlingen_csv,
                                          magister_absenties_xlsx, somtoday_absenties_csv)}


if __name__ == "__main__":
    for pad in maak(Path(sys.argv[1] if len(sys.argv) > 1 else "veldbestanden")).values():
        print(pad)
