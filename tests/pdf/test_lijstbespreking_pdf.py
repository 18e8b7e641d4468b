"""The lijstbespreking PDF read back with pypdf: every column, and room per student for notes."""

from __future__ import annotations

from datetime import date

from tests.pdfhulp import lezer, pagina_tekst
from thuiszit_desktop.pdf.lijstbespreking import Lijst, lijstbespreking_pdf
from thuiszit_desktop.services.overzichten import PDF_KOLOMMEN


def rij(i: int) -> list[str]:
    return [f"Leerling {i}\nnr. {1000 + i} · klas 2A", "Thuiszitter\nstap 3, sinds 01-10-2026", "Anna de Vries",
            "Thuiszitter", "20-11-2026 (MDO)", "geen", "15-01-2027"]


def test_every_column_and_a_notes_column():
    reader = lezer(lijstbespreking_pdf(Lijst("Het Baken", date(2026, 12, 14), "", list(PDF_KOLOMMEN),
                                    [rij(1)])))
    tekst = pagina_tekst(reader.pages[0])
    for kop in (*PDF_KOLOMMEN, "Notities"):
        assert kop in tekst
    assert "nr. 1001 · klas 2A" in tekst and "20-11-2026 (MDO)" in tekst and "VERTROUWELIJK" in tekst


def test_each_student_gets_room_to_write():
    """Ten students do not fit on one landscape page: each row keeps 15 mm for notes."""
    reader = lezer(lijstbespreking_pdf(Lijst("Het Baken", date(2026, 12, 14), "", list(PDF_KOLOMMEN),
                                    [rij(i) for i in range(10)])))
    assert len(reader.pages) == 2
    tweede = pagina_tekst(reader.pages[1])
    assert "Notities" in tweede  # the header repeats
