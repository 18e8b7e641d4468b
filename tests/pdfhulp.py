"""Reading PDFs back in tests: which fonts a document uses and whether each is embedded."""

from __future__ import annotations

from pypdf import PdfReader


def lettertypen(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use (also inside charts drawn on the page): name → embedded (a font file in its
    descriptor). A reportlab standard font such as Helvetica is referenced but never embedded."""
    uit: dict[str, bool] = {}
    for pagina in reader.pages:
        for font in (pagina.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            for f in [font, *(x.get_object() for x in font.get("/DescendantFonts", []))]:
                descriptor = f.get("/FontDescriptor")
                ingebed = descriptor is not None and any(k in descriptor.get_object()
                                                         for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                uit[str(f["/BaseFont"])] = uit.get(str(f["/BaseFont"]), False) or ingebed
    return uit
