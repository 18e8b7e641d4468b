"""The quarterly overview as CSV (for Excel-NL: `;` and a UTF-8 BOM) and XLSX (openpyxl), as bytes.

Pseudonymised: only the school's columns and the fields of a KwartaalRij go in – no name, BSN, leerlingnummer
or birth date, months instead of days (tests scan the files).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..domain import formaat
from ..domain.kwartaal import (
    KOLOMMEN,
    PSEUDONIEM_UITLEG,
    SCHOOLKOLOMMEN,
    KwartaalOverzicht,
    als_tekst,
)
from .uitvoer import csv_rij, neutraliseer_werkmap

ALLE_KOLOMMEN = SCHOOLKOLOMMEN + KOLOMMEN
# characters, per column of ALLE_KOLOMMEN
_BREEDTES = (24, 9, 26, 12, 9, 11, 9, 26, 15, 15, 22, 40, 18)
_MAAND_KOLOMMEN = (9, 10)  # Startmaand, Eindmaand: a real date (the 1st) shown as "september 2026"


def titel(o: KwartaalOverzicht) -> str:
    return f"Kwartaaloverzicht thuiszitters {o.kwartaal}"


def toelichting(o: KwartaalOverzicht) -> str:
    """One line for the top of every export: which period, and whether the quarter is complete."""
    tekst = f"{o.school} – {o.kwartaal.omschrijving} – gepseudonimiseerd"
    if not o.volledig:
        tekst += f"; verzuim bijgewerkt tot en met {formaat.datum(o.peildatum)}"
    return tekst


def naar_csv(o: KwartaalOverzicht) -> bytes:
    """A header row and one line per student; `;` and a BOM so Excel-NL opens it as columns with é intact."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([k for k, _ in ALLE_KOLOMMEN])
    for rij in o.rijen:
        schrijver.writerow(csv_rij(o.schoolkolommen + als_tekst(rij)))  # the school's name is typed text too
    return buffer.getvalue().encode("utf-8-sig")


def naar_xlsx(o: KwartaalOverzicht) -> bytes:
    """Sheet "Overzicht" (header row, frozen panes, column widths, real dates and numbers), sheet "Totalen"
    and sheet "Toelichting" explaining every column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Overzicht"
    vet = Font(bold=True)
    kopvulling = PatternFill("solid", fgColor="EEF3F7")
    ws.append([k for k, _ in ALLE_KOLOMMEN])
    for cel in ws[1]:
        cel.font, cel.fill = vet, kopvulling
    for r in o.rijen:
        ws.append([*o.schoolkolommen, r.pseudoniem, r.leeftijd, r.schooltype, r.leerjaar, r.categorie.value,
                   _maand(r.startdatum), _maand(r.einddatum), r.duur.value, r.aanbod, r.status.value])
    for kolom in _MAAND_KOLOMMEN:
        for (cel,) in ws.iter_rows(min_row=2, min_col=kolom, max_col=kolom):
            cel.number_format = "mmmm yyyy"
    for i, breedte in enumerate(_BREEDTES, 1):
        ws.column_dimensions[get_column_letter(i)].width = breedte
    ws.freeze_panes = "E2"  # the header, the school and the pseudonym stay in view
    ws.auto_filter.ref = ws.dimensions

    totalen = wb.create_sheet("Totalen")
    totalen.append([titel(o)])
    totalen["A1"].font = vet
    totalen.append([toelichting(o)])
    for kop, tellingen in (("Categorie", o.per_categorie()), ("Status", o.per_status()), ("Duur", o.per_duur())):
        totalen.append([])
        totalen.append([kop, "Aantal"])
        for cel in totalen[totalen.max_row]:
            cel.font = vet
        for sleutel, aantal in tellingen.items():
            totalen.append([sleutel.value, aantal])
    totalen.append([])
    totalen.append(["Totaal", len(o.rijen)])
    totalen[f"A{totalen.max_row}"].font = vet
    totalen.column_dimensions["A"].width = 30
    totalen.column_dimensions["B"].width = 10

    info = wb.create_sheet("Toelichting")
    info.append([titel(o)])
    info["A1"].font = vet
    info.append([toelichting(o)])
    info.append([PSEUDONIEM_UITLEG])
    info.append([])
    info.append(["Kolom", "Betekenis"])
    for cel in info[info.max_row]:
        cel.font = vet
    for kolom, uitleg in ALLE_KOLOMMEN:
        info.append([kolom, uitleg])
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 100
    for (cel,) in info.iter_rows(min_row=6, min_col=2, max_col=2):
        cel.alignment = Alignment(wrap_text=True, vertical="top")

    neutraliseer_werkmap(wb)  # the school's name and every other text: never a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _maand(d: date | None) -> date | None:
    """The first of the month: Excel sorts and filters it as a date and shows only the month."""
    return d.replace(day=1) if d else None
