"""Reading PDFs back in tests: their text and which fonts a document uses and whether each is embedded."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PageObject, PdfReader


def lezer(pdf: bytes | Path | PdfReader) -> PdfReader:
    """A reader for a PDF in memory or in a file."""
    if isinstance(pdf, PdfReader):
        return pdf
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def pagina_tekst(pagina: PageObject) -> str:
    """The text of one page, whitespace normalised (a wrapped line reads as one)."""
    return " ".join(pagina.extract_text().split())


def pdf_tekst(pdf: bytes | Path | PdfReader) -> str:
    """All text of the PDF, whitespace normalised (a wrapped line or a page break reads as one space)."""
    return " ".join(" ".join(p.extract_text() for p in lezer(pdf).pages).split())


def lettertypen(pdf: bytes | Path | PdfReader) -> dict[str, bool]:
    """Every font the pages use, also inside the Form XObjects reportlab draws charts as: base font name →
    embedded (a font file in its descriptor or its descendant's; what `pdffonts` shows). A reportlab standard
    font such as Helvetica is referenced but never embedded."""
    uit: dict[str, bool] = {}

    def bekijk(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for f in [font, *(x.get_object() for x in font.get("/DescendantFonts", []))]:
                descriptor = f.get("/FontDescriptor")
                ingebed = descriptor is not None and any(k in descriptor.get_object()
                                                         for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                naam = str(font["/BaseFont"])
                uit[naam] = uit.get(naam, False) or ingebed
        for x in (resources.get("/XObject") or {}).values():
            x = x.get_object()
            if x.get("/Subtype") == "/Form":
                bekijk(x.get("/Resources"))

    for pagina in lezer(pdf).pages:
        bekijk(pagina.get("/Resources"))
    return uit
