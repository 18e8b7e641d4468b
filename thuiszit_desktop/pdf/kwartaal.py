"""The quarterly thuiszittersoverzicht as a landscape PDF for the SWV: the school, the pseudonymised table,
totals, and what each column means.

    pdf_bytes = kwartaal_pdf(overzicht)
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from ..domain import formaat
from ..domain.kwartaal import (
    KOLOMMEN,
    PSEUDONIEM_UITLEG,
    SCHOOLKOLOMMEN,
    KwartaalOverzicht,
    als_tekst,
)
from .common import Document, tekst_xml

# Fractions of the landscape text width per column of KOLOMMEN: a month and each header word fit on one line.
_BREEDTES = (0.095, 0.062, 0.09, 0.064, 0.118, 0.105, 0.105, 0.1, 0.173, 0.088)
VOETTEKST = "gepseudonimiseerd overzicht – zonder namen, BSN of leerlingnummers"


def kwartaal_pdf(o: KwartaalOverzicht) -> bytes:
    titel = f"Kwartaaloverzicht thuiszitters {o.kwartaal}"
    doc = Document(titel=titel, auteur=o.school, soort=f"Kwartaaloverzicht thuiszitters {o.kwartaal}",
                   voettekst=VOETTEKST, onderwerp="Thuiszittersoverzicht voor het samenwerkingsverband", liggend=True)
    story = [doc.titelregel(titel), doc.tekst(o.kwartaal.omschrijving[0].upper() + o.kwartaal.omschrijving[1:]),
             doc.velden([("School", o.school), ("BRIN", o.brin or "–"),
                         ("Samenwerkingsverband", o.swv or "niet ingevuld (Instellingen › School)")]),
             doc.tekst(PSEUDONIEM_UITLEG, "klein")]
    if not o.volledig:
        story.append(doc.tekst(f"Het kwartaal is nog niet voorbij of het verzuim is nog niet helemaal "
                               f"ingevoerd: dit overzicht gaat tot en met {formaat.datum(o.peildatum)}.", "klein"))

    # Not doc.kop: its keep-with-next would push the whole table to the next page rather than split it.
    story.append(Paragraph("Leerlingen", ParagraphStyle("kop_los", parent=doc.st["kop"], keepWithNext=0)))
    if o.rijen:
        klein = ParagraphStyle("kwartaalcel", parent=doc.st["cel"], fontSize=8.5, leading=11)
        kop = ParagraphStyle("kwartaalkop", parent=doc.st["celkop"], fontSize=8.5, leading=11)
        rijen = [[Paragraph(tekst_xml(k.replace("/", " / ")), kop) for k, _ in KOLOMMEN]]
        rijen += [[Paragraph(tekst_xml(t), klein) for t in als_tekst(r)] for r in o.rijen]
        tabel = doc.tabel(rijen, _BREEDTES)
        tabel.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
        story.append(tabel)
    else:
        story.append(doc.tekst("In dit kwartaal waren er geen thuiszitters, leerlingen met absoluut verzuim, "
                               "dreigende thuiszitters of vrijstellingen 5a."))

    story.append(doc.kop(f"Totalen ({len(o.rijen)} leerlingen)"))
    categorie, status, duur = (list(t.items()) for t in (o.per_categorie(), o.per_status(), o.per_duur()))
    regels = max(len(categorie), len(status), len(duur))

    def cel(paren, i, deel):
        return (paren[i][0].value if deel == 0 else str(paren[i][1])) if i < len(paren) else ""

    story.append(doc.tabel(
        [["Categorie", "Aantal", "Status", "Aantal", "Duur", "Aantal"]]
        + [[cel(p, i, deel) for p in (categorie, status, duur) for deel in (0, 1)] for i in range(regels)],
        [0.22, 0.08, 0.2, 0.08, 0.22, 0.08]))

    story.append(doc.kop("Toelichting"))
    story.append(doc.tekst("In de Excel- en CSV-versie staan samenwerkingsverband, BRIN en school op elke regel; "
                           "hier staan ze één keer bovenaan.", "klein"))
    story.append(doc.tabel([["Kolom", "Betekenis"], *[[k, u] for k, u in SCHOOLKOLOMMEN + KOLOMMEN]], [0.18, 0.82]))
    return doc.bouw(story)
