"""What every PDF of Thuiszit Desktop shares: the embedded font, one stylesheet of named styles, A4
geometry, "pagina X van Y", metadata, and escaping user text before it enters a Paragraph.

    doc = Document(titel="Plan van aanpak – Zoë Bakker", auteur="Het Baken", voettekst="Versie 2 · 23-11-2026")
    story = [doc.kop("Plan van aanpak"), doc.tekst(user_text), doc.tabel([[...]], [0.3, 0.7])]
    pdf_bytes = doc.bouw(story)
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .. import paths

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
KLEUR_KOP = colors.HexColor("#1f5f8b")
KLEUR_LIJN = colors.HexColor("#b8c7d3")
KLEUR_ACHTERGROND = colors.HexColor("#eef3f7")
KLEUR_GRIJS = colors.HexColor("#555555")

MARGE = 18 * mm
BREEDTE = A4[0] - 2 * MARGE  # the text width every table divides


@cache
def register_fonts() -> None:
    """DejaVu Sans (shipped in resources/fonts with its licence): embedded, and covers Zoë, Çelik, Daniël."""
    folder = paths.resource("fonts")
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
                       ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic="DejaVuSans-Oblique",
                                  boldItalic="DejaVuSans-BoldOblique")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """One stylesheet of named styles; B1-friendly: 10.5 pt body, generous leading."""
    register_fonts()
    basis = ParagraphStyle("tekst", fontName=FONT, fontSize=10.5, leading=15, alignment=TA_LEFT,
                           spaceAfter=4)
    return {
        "tekst": basis,
        "klein": ParagraphStyle("klein", parent=basis, fontSize=8.5, leading=11, textColor=KLEUR_GRIJS),
        "titel": ParagraphStyle("titel", parent=basis, fontName=FONT_BOLD, fontSize=18, leading=23,
                                textColor=KLEUR_KOP, spaceAfter=6),
        "kop": ParagraphStyle("kop", parent=basis, fontName=FONT_BOLD, fontSize=13, leading=17,
                              textColor=KLEUR_KOP, spaceBefore=12, spaceAfter=5, keepWithNext=1),
        "subkop": ParagraphStyle("subkop", parent=basis, fontName=FONT_BOLD, fontSize=11, leading=15,
                                 spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "cel": ParagraphStyle("cel", parent=basis, fontSize=9.5, leading=13, spaceAfter=0),
        "celkop": ParagraphStyle("celkop", parent=basis, fontName=FONT_BOLD, fontSize=9.5, leading=13,
                                 spaceAfter=0),
    }


def tekst_xml(text: str) -> str:
    """User text made safe for a Paragraph: escaped, line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


class _GenummerdCanvas(canvas.Canvas):
    """Defers each page until the total is known, then writes "pagina X van Y" and the footer."""

    voettekst = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._paginas: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._paginas.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totaal = len(self._paginas)
        for staat in self._paginas:
            self.__dict__.update(staat)
            self.setFont(FONT, 8.5)
            self.setFillColor(KLEUR_GRIJS)
            self.drawString(MARGE, 10 * mm, self.voettekst)
            self.drawRightString(self._pagesize[0] - MARGE, 10 * mm, f"pagina {self._pageNumber} van {totaal}")
            super().showPage()
        super().save()


@dataclass
class Document:
    """One PDF: metadata, footer and the helpers that build its flowables in the house style."""

    titel: str
    auteur: str  # the school
    voettekst: str = ""
    onderwerp: str = ""
    st: dict[str, ParagraphStyle] = field(default_factory=styles)
    liggend: bool = False  # landscape, for wide tables (the quarterly overview)

    @property
    def pagina(self) -> tuple[float, float]:
        return landscape(A4) if self.liggend else A4

    @property
    def breedte(self) -> float:
        return self.pagina[0] - 2 * MARGE

    # --- flowables --------------------------------------------------------------------------------

    def titelregel(self, text: str) -> Paragraph:
        return Paragraph(tekst_xml(text), self.st["titel"])

    def kop(self, text: str) -> Paragraph:
        return Paragraph(tekst_xml(text), self.st["kop"])

    def subkop(self, text: str) -> Paragraph:
        return Paragraph(tekst_xml(text), self.st["subkop"])

    def tekst(self, text: str, stijl: str = "tekst") -> Paragraph:
        """User text (escaped); an empty text becomes a grey dash so a section never looks broken."""
        if not (text or "").strip():
            return Paragraph("—", self.st["klein"])
        return Paragraph(tekst_xml(text), self.st[stijl])

    def opmaak(self, xml: str, stijl: str = "tekst") -> Paragraph:
        """Our own markup (<b>, <i>) around already escaped user text."""
        return Paragraph(xml, self.st[stijl])

    def ruimte(self, hoogte_mm: float = 4) -> Spacer:
        return Spacer(1, hoogte_mm * mm)

    def tabel(self, rijen: Sequence[Sequence[str | Flowable]], breedtes: Sequence[float], *,
              kop: bool = True) -> Table:
        """A table that wraps its cells and repeats its header on every page; widths are fractions."""
        cellen = [[c if isinstance(c, Flowable) else
                   Paragraph(tekst_xml(str(c)), self.st["celkop" if kop and i == 0 else "cel"]) for c in rij]
                  for i, rij in enumerate(rijen)]
        tabel = Table(cellen, colWidths=[b * self.breedte for b in breedtes], repeatRows=1 if kop else 0,
                      hAlign="LEFT")
        stijl = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # plain-string cells would otherwise fall back to Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, KLEUR_LIJN),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if kop:
            stijl += [("BACKGROUND", (0, 0), (-1, 0), KLEUR_ACHTERGROND), ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)]
        tabel.setStyle(TableStyle(stijl))
        return tabel

    def velden(self, paren: Sequence[tuple[str, str]]) -> Table:
        """Label–value lines (naam, klas, geboortedatum …) as a borderless two-column table."""
        rijen = [[Paragraph(tekst_xml(label), self.st["celkop"]), Paragraph(tekst_xml(waarde), self.st["cel"])]
                 for label, waarde in paren]
        tabel = Table(rijen, colWidths=[0.3 * BREEDTE, 0.7 * BREEDTE], hAlign="LEFT")
        tabel.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return tabel

    def handtekeningen(self, wie: Sequence[str]) -> KeepTogether:
        """A signature block: per person name, date and a line to sign on; kept on one page."""
        rijen = [[Paragraph(tekst_xml(naam), self.st["celkop"]), Paragraph("Datum:", self.st["cel"]),
                  Paragraph("Handtekening:", self.st["cel"])] for naam in wie]
        tabel = Table(rijen, colWidths=[0.4 * BREEDTE, 0.2 * BREEDTE, 0.4 * BREEDTE],
                      rowHeights=[16 * mm] * len(rijen), hAlign="LEFT")
        tabel.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black)]))
        return KeepTogether([self.kop("Handtekeningen"), tabel])

    def logo(self, png_of_jpg: bytes | None, hoogte_mm: float = 16) -> Image | None:
        if not png_of_jpg:
            return None
        image = Image(io.BytesIO(png_of_jpg))
        schaal = hoogte_mm * mm / image.drawHeight
        image.drawHeight, image.drawWidth = hoogte_mm * mm, image.drawWidth * schaal
        image.hAlign = "RIGHT"
        return image

    # --- the whole document -----------------------------------------------------------------------

    def bouw(self, story: list[Flowable]) -> bytes:
        register_fonts()
        buffer = io.BytesIO()
        template = SimpleDocTemplate(buffer, pagesize=self.pagina, leftMargin=MARGE, rightMargin=MARGE, topMargin=MARGE,
                                     bottomMargin=MARGE + 6 * mm, title=self.titel, author=self.auteur,
                                     subject=self.onderwerp, creator="Thuiszit Desktop",
                                     initialFontName=FONT)
        voettekst = self.voettekst

        class Canvas(_GenummerdCanvas):
            pass

        Canvas.voettekst = voettekst
        template.build(story, canvasmaker=Canvas)
        return buffer.getvalue()
