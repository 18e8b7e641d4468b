"""Every document type, read back with pypdf, for what they share (pdf/common.py): every font embedded and
none of them Helvetica (also in the charts), the language nl-NL, bookmarks per section, title, author and
subject, and one footer on every page that names the document, the student (where there is one), the school,
the print date and "pagina X van Y".

The documents come from a small demo school, so the test follows what the demo holds rather than a list of
students.
"""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from tests.pdfhulp import lettertypen, lezer, pagina_tekst
from thuiszit_desktop import demo
from thuiszit_desktop.db import models as m
from thuiszit_desktop.services import session

VANDAAG = date(2026, 11, 23)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    path = session.database_path(tmp_path_factory.mktemp("documenten"))
    services = demo.create_demo_school(path, "demo", aantal=60, vandaag=VANDAAG)
    yield services
    services.close()


def _documenten(s) -> dict[str, tuple[bytes, str]]:
    """Document type → (pdf, the student's name or "")."""
    plan = m.PlanVanAanpak.select().join(m.Traject).order_by(m.PlanVanAanpak.id).first()
    plan_leerling = s.leerlingen.get(plan.traject.leerling.leerlingnummer)
    mdo = m.Mdo.select().where(m.Mdo.datum <= VANDAAG).order_by(m.Mdo.id).first()
    mdo_leerling = s.leerlingen.get(mdo.traject.leerling.leerlingnummer)
    kwartaal = s.kwartaal.standaard_kwartaal(VANDAAG)
    return {
        "plan van aanpak": (s.plannen.pdf(plan.id), plan_leerling.naam),
        "MDO-verslag": (s.afdrukken.mdo_pdf(mdo_leerling.leerlingnummer, mdo.datum, vandaag=VANDAAG),
                        mdo_leerling.naam),
        "dossier": (s.afdrukken.dossier_pdf(plan_leerling.leerlingnummer), plan_leerling.naam),
        "kwartaaloverzicht": (s.kwartaal.export(s.kwartaal.overzicht(kwartaal, vandaag=VANDAAG), ".pdf"), ""),
        "jaaroverzicht": (s.overzichten.jaaroverzicht_pdf(vandaag=VANDAAG), ""),
        "lijstbespreking": (s.overzichten.lijstbespreking_pdf(vandaag=VANDAAG), ""),
    }


@pytest.fixture(scope="module")
def documenten(school) -> dict[str, tuple[PdfReader, str]]:
    return {soort: (lezer(pdf), leerling)
            for soort, (pdf, leerling) in _documenten(school).items()}


SOORTEN = ("plan van aanpak", "MDO-verslag", "dossier", "kwartaaloverzicht", "jaaroverzicht", "lijstbespreking")


@pytest.mark.parametrize("soort", SOORTEN)
def test_every_font_is_embedded_and_none_is_helvetica(documenten, soort):
    reader, _ = documenten[soort]
    gebruikt = lettertypen(reader)
    assert gebruikt, soort
    assert all(gebruikt.values()), f"{soort}: not embedded: {[f for f, e in gebruikt.items() if not e]}"
    assert not [f for f in gebruikt if "Helvetica" in f], soort


@pytest.mark.parametrize("soort", SOORTEN)
def test_language_bookmarks_and_metadata(documenten, soort):
    reader, _ = documenten[soort]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert root.get("/PageMode") == "/UseOutlines"
    titels = [x.title for x in reader.outline if not isinstance(x, list)]
    assert titels, soort
    meta = reader.metadata
    assert meta.title and meta.author == "Het Wilgenlanden College" and meta.subject, soort


@pytest.mark.parametrize("soort", SOORTEN)
def test_one_footer_on_every_page_names_the_student_and_the_print_date(documenten, soort):
    reader, leerling = documenten[soort]
    n = len(reader.pages)
    for i, pagina in enumerate(reader.pages, 1):
        tekst = pagina_tekst(pagina)
        assert f"pagina {i} van {n}" in tekst, (soort, i)
        assert "gedrukt op " in tekst and "Het Wilgenlanden College" in tekst, (soort, i)
        if leerling:
            assert f"· {leerling}" in tekst, (soort, i)


@pytest.mark.parametrize("voor, n", [(0, 35), (0, 36), (3, 32), (21, 49), (33, 38), (33, 39)])
def test_a_table_never_leaves_one_row_alone_at_a_page_break(voor, n):
    """Whatever comes before it, a long table keeps at least two rows on each side of a page break (without
    that, 35 rows after 0 lines, or 38 after 33, leave one row alone on the last page)."""
    from thuiszit_desktop.pdf.common import Document

    doc = Document(titel="Proef", auteur="Het Baken")
    story = [doc.tekst(f"Regel {i} ervoor.") for i in range(voor)]
    story.append(doc.tabel([["Datum", "Reden"], *[[f"rij-{i:03}", "ziek"] for i in range(n)]], [0.5, 0.5]))
    reader = lezer(doc.bouw(story))
    per_pagina = [p.extract_text().count("rij-") for p in reader.pages]
    assert sum(per_pagina) == n and 1 not in per_pagina, per_pagina


def test_no_widows_or_orphans_and_an_agenda_stays_together():
    from reportlab.platypus import KeepTogether

    from thuiszit_desktop.pdf.common import Document, styles
    from thuiszit_desktop.pdf.mdo import tekstblok

    assert all(s.allowWidows == 0 and s.allowOrphans == 0 for s in styles().values())
    doc = Document(titel="Proef", auteur="Het Baken")
    kort = tekstblok(doc, "1. Opening\n2. Hoe gaat het?\n   - rooster\n3. Afspraken", bij_elkaar=True)
    assert len(kort) == 1 and isinstance(kort[0], KeepTogether)  # a short agenda in one piece
    lang = "\n".join(f"{n}. Punt {n}\n   - toelichting {n}" for n in range(1, 12))
    punten = tekstblok(doc, lang, bij_elkaar=True)
    assert len(punten) == 11 and all(isinstance(p, KeepTogether) for p in punten)  # an item with its lines


def test_a_heading_never_stays_behind_alone_when_a_block_kept_together_follows():
    """reportlab keeps a heading with what follows, but not when that is a KeepTogether (a doel of the plan, an
    agenda): the heading "Onze doelen" stood alone at the bottom of page 1 of a demo plan. Whatever comes
    before it, the heading is on the page of its first block."""
    from reportlab.platypus import KeepTogether

    from thuiszit_desktop.pdf.common import Document

    for voor in range(20, 60):
        doc = Document(titel="Proef", auteur="Het Baken")
        story = [doc.tekst(f"Regel {i} ervoor.") for i in range(voor)]
        story += [doc.kop("Onze doelen"),
                  KeepTogether([doc.tekst("Doel 1. Naar school."), doc.tekst("Wanneer: uiterlijk 1 maart")]),
                  doc.tekst("Daarna.")]
        for pagina in lezer(doc.bouw(story)).pages:
            tekst = pagina_tekst(pagina)
            assert ("Onze doelen" in tekst) == ("Doel 1." in tekst), (voor, tekst[-80:])


@pytest.mark.parametrize("leerling", ["Maximiliaan-Alexander Jean-Baptiste van der Heijden-Oudshoorn-Vermeulen",
                                      "Zoë " + "Heel-Lange-Achternaam-" * 8 + "Bakker"])
def test_a_long_name_in_the_footer_never_runs_into_the_page_number(leerling):
    """The first footer line (what, whom, "Vertrouwelijk") shares its height with "pagina X van Y": a long name
    ran into the page number. It is printed smaller (and only past that shortened), ending before the number;
    the second line stays inside the margin."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from thuiszit_desktop.pdf.common import FONT, FONT_BOLD, MARGE, Document

    doc = Document(titel="Proef", auteur="Het Wilgenlanden College", soort="Dossier (inzage AVG)", leerling=leerling,
                   vertrouwelijk=True, voettekst="gemaakt 07-12-2026 om 16:34")
    pagina = lezer(doc.bouw([doc.tekst("Tekst.")])).pages[0]
    regels: dict[str, tuple[float, float, str]] = {}

    def kijk(tekst, cm, tm, font, grootte):
        if tekst.strip():
            regels[tekst.strip()] = (tm[4], grootte, "Bold" in str(font.get("/BaseFont", "")))

    pagina.extract_text(visitor_text=kijk)
    eerste = next(t for t in regels if t.startswith("Dossier (inzage AVG)"))
    tweede = next(t for t in regels if t.startswith("Het Wilgenlanden College"))
    nummer_x = regels["pagina 1 van 1"][0]
    x, grootte, vet = regels[eerste]
    assert x + stringWidth(eerste, FONT_BOLD if vet else FONT, grootte) <= nummer_x - 6, eerste
    x, grootte, _ = regels[tweede]
    assert x + stringWidth(tweede, FONT, grootte) <= float(pagina.mediabox.width) - MARGE
    assert eerste.endswith(f"{leerling} · Vertrouwelijk" if len(leerling) < 80 else "… · Vertrouwelijk"), eerste


def test_a_numbered_list_never_leaves_one_item_alone_at_a_page_break():
    """The besluiten of an MDO: "3." stood alone at the top of page 2 of a demo verslag. Whatever comes before,
    a page break leaves at least two items on each side (or none)."""
    from thuiszit_desktop.pdf.common import Document
    from thuiszit_desktop.pdf.mdo import genummerd

    for n in (3, 5):
        for voor in range(25, 40):
            doc = Document(titel="Proef", auteur="Het Baken")
            story = [doc.tekst(f"Regel {i} ervoor.") for i in range(voor)]
            story += [doc.kop("Besluiten"), *genummerd(doc, [(f"{i}.", f"Besluit-{i} over de week.")
                                                              for i in range(1, n + 1)])]
            per_pagina = [p.extract_text().count("Besluit-") for p in lezer(doc.bouw(story)).pages]
            assert sum(per_pagina) == n and 1 not in per_pagina, (n, voor, per_pagina)
