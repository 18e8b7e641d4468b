"""The lijstbespreking: every student with an open traject on one landscape list, for the periodic
review with the samenwerkingsverband and leerplicht, with room per student for notes taken in the meeting.
It names students, so every page says "Vertrouwelijk" at the top and the bottom (the shared footer of pdf/common.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..domain import formaat
from .common import FONT, KLEUR_ACHTERGROND, KLEUR_LIJN, Document, tekst_xml

# Fractions of the width per column (PDF_KOLOMMEN of services/overzichten.py), then the notes.
_BREEDTES = (0.14, 0.13, 0.12, 0.1, 0.1, 0.13, 0.09)
NOTITIES = "Notities"
_NOTITIERUIMTE = 15 * mm  # per student, room to write by hand


@dataclass(frozen=True)
class Lijst:
    school: str
    datum: date
    filtertekst: str  # "" or what the list is filtered on, in words
    kolommen: list[str]
    rijen: list[list[str]]


def lijstbespreking_pdf(lijst: Lijst) -> bytes:
    doc = Document(titel=f"Lijstbespreking {formaat.datum(lijst.datum)}", auteur=lijst.school, soort="Lijstbespreking",
                   voettekst=f"open trajecten op {formaat.datum(lijst.datum)} · alleen voor de deelnemers aan de lijstbespreking", gedrukt=lijst.datum,
                   onderwerp="Vertrouwelijk: de leerlingen met een open traject", liggend=True, vertrouwelijk=True,
                   bovenregel="VERTROUWELIJK")
    st = doc.st
    story = [doc.titelregel(f"Lijstbespreking {lijst.school}"),
             Paragraph(tekst_xml(f"Leerlingen met een open traject op {formaat.datum(lijst.datum)}: {len(lijst.rijen)}."
                                 + (f" Gefilterd: {lijst.filtertekst}." if lijst.filtertekst else "")), st["tekst"])]
    if lijst.rijen:
        cel = ParagraphStyle("lijstcel", parent=st["cel"], fontSize=8.5, leading=11)
        kop = ParagraphStyle("lijstkop", parent=st["celkop"], fontSize=8.5, leading=11)
        cellen = [[Paragraph(tekst_xml(k), kop) for k in [*lijst.kolommen, NOTITIES]]]
        cellen += [[*(Paragraph(tekst_xml(c), cel) for c in rij), Spacer(1, _NOTITIERUIMTE)] for rij in lijst.rijen]
        breedtes = [b * doc.breedte for b in _BREEDTES]
        tabel = Table(cellen, colWidths=[*breedtes, doc.breedte - sum(breedtes)], repeatRows=1, hAlign="LEFT")
        tabel.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, KLEUR_LIJN),
            ("LINEBEFORE", (-1, 0), (-1, -1), 0.4, KLEUR_LIJN),
            ("BACKGROUND", (0, 0), (-1, 0), KLEUR_ACHTERGROND),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        story.append(tabel)
    else:
        story.append(Paragraph("Er zijn geen leerlingen met een open traject in deze lijst.", st["klein"]))
    return doc.bouw(story)
