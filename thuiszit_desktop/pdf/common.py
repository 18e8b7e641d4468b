"""What every PDF of Thuiszit Desktop shares: the embedded font (also in charts), one stylesheet of named
styles without widows or orphans, A4 geometry, one footer design (what the document is, the student, the
school, the print date, "pagina X van Y"), an optional band at the top of every page (a concept), the
language (nl-NL), bookmarks per section, metadata, and escaping user text before it enters a Paragraph.

    doc = Document(titel="Plan van aanpak – Zoë Bakker", auteur="Het Baken", soort="Plan van aanpak",
                   leerling="Zoë Bakker", voettekst="versie 2, vastgesteld 23-11-2026")
    story = [doc.kop("Plan van aanpak"), doc.tekst(user_text), doc.tabel([[...]], [0.3, 0.7])]
    pdf_bytes = doc.bouw(story)
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config
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
from ..domain import formaat

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
KLEUR_KOP = colors.HexColor("#1f5f8b")
KLEUR_LIJN = colors.HexColor("#b8c7d3")
KLEUR_ACHTERGROND = colors.HexColor("#eef3f7")
KLEUR_GRIJS = colors.HexColor("#555555")
KLEUR_BAND = colors.HexColor("#b3261e")  # the concept band: unmistakable, also printed in grey
TAAL = "nl-NL"

MARGE = 18 * mm


def pagina(liggend: bool = False) -> tuple[float, float]:
    """A4, standing or (`liggend`, for wide tables) lying."""
    return landscape(A4) if liggend else A4


def tekstbreedte(liggend: bool = False) -> float:
    """The width of the text frame that tables and drawings divide: the page less its margins."""
    return pagina(liggend)[0] - 2 * MARGE


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
    # Charts (reportlab.graphics) start every drawing in this font: Helvetica would not be embedded.
    rl_config.defaultGraphicsFontName = FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    """One stylesheet of named styles; B1-friendly: 10.5 pt body, generous leading; a paragraph never leaves
    one line behind at a page break or starts a page with its last line (no orphans, no widows)."""
    register_fonts()
    basis = ParagraphStyle("tekst", fontName=FONT, fontSize=10.5, leading=15, alignment=TA_LEFT,
                           spaceAfter=4, allowWidows=0, allowOrphans=0)
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
        "onderschrift": ParagraphStyle("onderschrift", parent=basis, fontSize=9.5, leading=13, spaceBefore=6,
                                       spaceAfter=2, keepWithNext=1),
    }


def tekst_xml(text: str) -> str:
    """User text made safe for a Paragraph: escaped, line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


class _GenummerdCanvas(canvas.Canvas):
    """Defers each page until the total is known, then draws the band, the footer and "pagina X van Y".

    Bookmarks are deferred with their page: a page only gets its number when it is really written, and a
    bookmark made before that would point at the first page."""

    voettekst = ""  # one or two lines ("\n"); the left half of the footer
    band = ""  # a coloured band across the top of every page (a concept)
    bovenregel = ""  # a word at the top right of every page ("VERTROUWELIJK")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._paginas: list[dict] = []
        self._bladwijzers: list[tuple[str, str, int, float]] = []

    def bladwijzer(self, titel: str, niveau: int, boven: float) -> None:
        self._bladwijzers.append((f"b{len(self._paginas)}_{len(self._bladwijzers)}", titel, niveau, boven))

    def showPage(self) -> None:
        self._paginas.append(dict(self.__dict__))
        self._bladwijzers = []
        self._startPage()

    def save(self) -> None:
        totaal = len(self._paginas)
        breedte, hoogte = self._pagesize
        outline = False
        for staat in self._paginas:
            self.__dict__.update(staat)
            for sleutel, titel, niveau, boven in self._bladwijzers:
                canvas.Canvas.bookmarkPage(self, sleutel, fit="XYZ", left=0, top=boven)
                self.addOutlineEntry(titel, sleutel, niveau)
                outline = True
            if self.band:
                self.setFillColor(KLEUR_BAND)
                self.rect(0, hoogte - 13 * mm, breedte, 9 * mm, stroke=0, fill=1)
                self.setFillColor(colors.white)
                self.setFont(FONT_BOLD, 11)
                self.drawCentredString(breedte / 2, hoogte - 10 * mm, self.band)
            if self.bovenregel:
                self.setFont(FONT_BOLD, 8.5)
                self.setFillColor(KLEUR_KOP)
                self.drawRightString(breedte - MARGE, hoogte - MARGE + 12, self.bovenregel)
            self.setStrokeColor(KLEUR_LIJN)
            self.setLineWidth(0.5)
            self.line(MARGE, 14.5 * mm, breedte - MARGE, 14.5 * mm)
            self.setFillColor(KLEUR_GRIJS)
            regels = self.voettekst.split("\n")
            nummer = f"pagina {self._pageNumber} van {totaal}"
            for i, regel in enumerate(regels[:2]):
                font = FONT_BOLD if i == 0 and len(regels) > 1 else FONT
                # the first line shares its height with "pagina X van Y": a long name must not run into it
                ruimte = breedte - 2 * MARGE - (self.stringWidth(nummer, FONT, 8) + 4 * mm if i == 0 else 0)
                regel, grootte = _passend(regel, font, ruimte)
                self.setFont(font, grootte)
                self.drawString(MARGE, (11 - 3.8 * i) * mm, regel)
            self.setFont(FONT, 8)
            self.drawRightString(breedte - MARGE, 11 * mm, nummer)
            canvas.Canvas.showPage(self)  # the real page break, past the deferring one
        if outline:
            self.showOutline()
        canvas.Canvas.save(self)


def _passend(regel: str, font: str, breedte: float, grootte: float = 8, kleinste: float = 6) -> tuple[str, float]:
    """A footer line that fits `breedte`: in a smaller letter (down to `kleinste`), and only when even that is
    too wide cut short with "…" before its last part ("Vertrouwelijk", the print date), which always stays."""
    breed = pdfmetrics.stringWidth(regel, font, grootte)
    if breed <= breedte:
        return regel, grootte
    grootte = max(kleinste, grootte * breedte / breed)
    voor, scheiding, laatste = regel.rpartition(" · ")
    if not scheiding:
        voor, laatste = regel, ""
    while len(voor) > 1 and pdfmetrics.stringWidth(regel, font, grootte) > breedte:
        voor = voor[:-1].rstrip()
        regel = f"{voor}…{scheiding}{laatste}"
    return regel, grootte


class _Tabel(Table):
    """A table that never leaves a single row behind at a page break: not one row alone at the bottom of a
    page, not one alone at the top of the next (the widow and orphan of a table)."""

    def split(self, availWidth, availHeight):
        delen = super().split(availWidth, availHeight)
        if len(delen) != 2:
            return delen
        kop = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        boven, onder = len(delen[0]._cellvalues), len(delen[1]._cellvalues) - kop
        if boven + onder != len(self._cellvalues):
            return delen  # a row was split inside itself (a very long cell): leave it as it is
        if boven - kop == 1 and onder >= 3:
            return []  # one row under the header at the bottom of a page: start on the next page
        if onder == 1 and boven - kop >= 3:  # take a second row along to the next page
            return super().split(availWidth, availHeight - self._rowHeights[boven - 1] - 0.5)
        return delen


class _Sjabloon(SimpleDocTemplate):
    """Bookmarks from the headings: the title and each section (kop) on the first level, subsections under
    them. Marked with `bladwijzer` on the Paragraph (see Document.kop)."""

    def afterFlowable(self, flowable) -> None:
        niveau = getattr(flowable, "bladwijzer", None)
        if niveau is None or not isinstance(self.canv, _GenummerdCanvas):
            return
        niveau = min(niveau, self._niveau + 1)  # an outline cannot skip a level
        self._niveau = niveau
        self.canv.bladwijzer(flowable.getPlainText(), niveau, self.frame._y + flowable.height + 6)

    _niveau = -1


@dataclass
class Document:
    """One PDF: metadata, footer and the helpers that build its flowables in the house style.

    The footer is the same in every document: first line what it is and about whom (`soort`, `leerling`),
    with "Vertrouwelijk" when it is; second line the school, `voettekst` (which version, which quarter …) and
    the print date; on the right "pagina X van Y"."""

    titel: str
    auteur: str  # the school
    voettekst: str = ""  # what identifies this copy: "versie 2, vastgesteld 23-11-2026"
    onderwerp: str = ""
    st: dict[str, ParagraphStyle] = field(default_factory=styles)
    liggend: bool = False  # landscape, for wide tables (the quarterly overview)
    soort: str = ""  # "Plan van aanpak", "Verslag MDO" …; default: the title
    leerling: str = ""  # the student's name: on every page
    gedrukt: date = field(default_factory=date.today)
    vertrouwelijk: bool = False
    band: str = ""  # a band across the top of every page: "CONCEPT – niet ondertekenen"
    bovenregel: str = ""  # a word at the top right of every page

    @property
    def voetregels(self) -> str:
        eerste = " · ".join(x for x in (self.soort or self.titel, self.leerling, "Vertrouwelijk" if self.vertrouwelijk
                                        else "") if x)
        tweede = " · ".join(x for x in (self.auteur, self.voettekst, f"gedrukt op {formaat.datum(self.gedrukt)}") if x)
        return f"{eerste}\n{tweede}"

    @property
    def pagina(self) -> tuple[float, float]:
        return pagina(self.liggend)

    @property
    def breedte(self) -> float:
        """The text width of this document's orientation: every table of it divides this."""
        return tekstbreedte(self.liggend)

    # --- flowables --------------------------------------------------------------------------------

    def titelregel(self, text: str) -> Paragraph:
        return _met_bladwijzer(Paragraph(tekst_xml(text), self.st["titel"]), 0)

    def kop(self, text: str) -> Paragraph:
        """A section heading: kept with what follows, and a bookmark."""
        return _met_bladwijzer(Paragraph(tekst_xml(text), self.st["kop"]), 1)

    def subkop(self, text: str) -> Paragraph:
        return _met_bladwijzer(Paragraph(tekst_xml(text), self.st["subkop"]), 2)

    def tekst(self, text: str, stijl: str = "tekst") -> Paragraph:
        """User text (escaped); an empty text becomes a grey dash so a section never looks broken."""
        if not (text or "").strip():
            return Paragraph("—", self.st["klein"])
        return Paragraph(tekst_xml(text), self.st[stijl])

    def opmaak(self, xml: str, stijl: str = "tekst") -> Paragraph:
        """Our own markup (<b>, <i>) around already escaped user text."""
        return Paragraph(xml, self.st[stijl])

    def punten(self, teksten: Sequence[str], stijl: str = "tekst", teken: str = "•") -> list[Paragraph]:
        """User texts as a list: one bullet each, a wrapped line indented under the text (hanging indent)."""
        st = ParagraphStyle(f"punt_{stijl}", parent=self.st[stijl], leftIndent=14, bulletIndent=2,
                            bulletFontName=FONT, bulletFontSize=self.st[stijl].fontSize)
        return [Paragraph(tekst_xml(t), st, bulletText=teken) for t in teksten]

    def ruimte(self, hoogte_mm: float = 4) -> Spacer:
        return Spacer(1, hoogte_mm * mm)

    def tabel(self, rijen: Sequence[Sequence[str | Flowable]], breedtes: Sequence[float], *,
              kop: bool = True) -> Table:
        """A table that wraps its cells and repeats its header on every page; widths are fractions."""
        cellen = [[c if isinstance(c, Flowable) else
                   Paragraph(tekst_xml(str(c)), self.st["celkop" if kop and i == 0 else "cel"]) for c in rij]
                  for i, rij in enumerate(rijen)]
        tabel = _Tabel(cellen, colWidths=[b * self.breedte for b in breedtes], repeatRows=1 if kop else 0,
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
        tabel = Table(rijen, colWidths=[0.3 * self.breedte, 0.7 * self.breedte], hAlign="LEFT")
        tabel.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return tabel

    def handtekeningen(self, wie: Sequence[str], *, uitleg: Sequence[Flowable] = (),
                       erbij: Sequence[Flowable] = ()) -> KeepTogether:
        """A signature block: per person name (and function), date and a line to sign on. Kept on one page
        together with `erbij` – the end of the last section – so it never stands alone on a page."""
        def naamcel(tekst: str) -> Paragraph:  # the name in bold, "moeder" or the function under it
            naam, *rest = tekst.split("\n")
            return Paragraph("<br/>".join([f"<b>{tekst_xml(naam)}</b>", *map(tekst_xml, rest)]), self.st["cel"])

        # room to sign under "Handtekening:", and more when a long name takes more lines (a fixed row height
        # let the name run over the line to sign on)
        rijen = [[naamcel(naam), Paragraph("Datum:", self.st["cel"]),
                  [Paragraph("Handtekening:", self.st["cel"]), Spacer(1, 11 * mm)]] for naam in wie]
        tabel = Table(rijen, colWidths=[0.4 * self.breedte, 0.2 * self.breedte, 0.4 * self.breedte], hAlign="LEFT")
        tabel.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black)]))
        return KeepTogether([*erbij, self.kop("Handtekeningen"), *uitleg, tabel])

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
        boven = MARGE + (6 * mm if self.band else 0)
        template = _Sjabloon(buffer, pagesize=self.pagina, leftMargin=MARGE, rightMargin=MARGE, topMargin=boven,
                             bottomMargin=MARGE + 6 * mm, title=self.titel, author=self.auteur,
                             subject=self.onderwerp or self.titel, creator="Thuiszit Desktop",
                             initialFontName=FONT, lang=TAAL)

        class Canvas(_GenummerdCanvas):
            voettekst = self.voetregels
            band = self.band
            bovenregel = self.bovenregel

        template.build(_kop_in_blok(story), canvasmaker=Canvas)
        return buffer.getvalue()


def _kop_in_blok(story: list[Flowable]) -> list[Flowable]:
    """A heading (keepWithNext) moved inside the KeepTogether that follows it. reportlab keeps a heading with
    the next flowable, but not with a KeepTogether (a doel, an agenda), so the heading could stay behind alone
    at the bottom of a page. From the end, so a kop and a subkop before one block both go in."""
    uit: list[Flowable] = []
    for f in reversed(story):
        if uit and isinstance(uit[-1], KeepTogether) and f.getKeepWithNext():
            blok = uit.pop()
            f = KeepTogether([f, *blok._content], blok._maxHeight)
        uit.append(f)
    return uit[::-1]


def _met_bladwijzer(p: Paragraph, niveau: int) -> Paragraph:
    p.bladwijzer = niveau
    return p
