"""The MDO-verslag as a PDF, to send to the participants: who was there, the ouders' consent, the agenda,
the verslag, the numbered besluiten and the actiepunten (wat, wie, uiterlijk, status).

    pdf_bytes = mdo_verslag(mdo, leerling, school="Het Baken")

The building blocks (`mdo_onderdelen`, `tekstblok`, `genummerd`, …) are reused by the dossier PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from ..domain.leerling import Leerling
from .common import FONT, Document, tekst_xml

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")
DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
VOETTEKST = "vertrouwelijk – alleen voor de deelnemers"


def d(x: date | None) -> str:
    """23-11-2026, or a dash."""
    return f"{x:%d-%m-%Y}" if x else "–"


def lange_datum(x: date) -> str:
    """donderdag 1 oktober 2026"""
    return f"{DAGEN[x.weekday()]} {x.day} {MAANDEN[x.month - 1]} {x.year}"


def splitsbaar(tabel: Table) -> Table:
    """A table whose rows may break across a page, so a long cell is never cut off (or refused)."""
    tabel.splitInRow = 1
    return tabel


def tekstblok(doc: Document, text: str) -> list[Flowable]:
    """Multi-line user text (agenda, verslag) as one paragraph per line, keeping an indented line
    indented; empty lines become a little space, an empty text a grey dash. Paragraphs wrap and split
    across pages, so nothing is cut off."""
    if not (text or "").strip():
        return [doc.tekst("")]
    uit: list[Flowable] = []
    basis = doc.st["tekst"]
    for regel in text.strip("\n").splitlines():
        if not regel.strip():
            uit.append(doc.ruimte(2))
            continue
        inspringing = len(regel) - len(regel.lstrip())
        if inspringing:
            stijl = ParagraphStyle(f"tekst{inspringing}", parent=basis, leftIndent=min(inspringing, 12) * 4,
                                   spaceAfter=1)
        else:
            stijl = ParagraphStyle("regel", parent=basis, spaceAfter=2)
        uit.append(Paragraph(tekst_xml(regel.strip()), stijl))
    return uit


def genummerd(doc: Document, teksten: Sequence[tuple[str, str]]) -> list[Flowable]:
    """(nummer, tekst) as a numbered list with a hanging indent (the number in the embedded font)."""
    stijl = ParagraphStyle("genummerd", parent=doc.st["tekst"], leftIndent=20, bulletIndent=0,
                           bulletFontName=FONT, bulletFontSize=doc.st["tekst"].fontSize)
    return [Paragraph(tekst_xml(tekst), stijl, bulletText=nummer) for nummer, tekst in teksten]


def kleine_kop(doc: Document, text: str) -> Paragraph:
    """A heading below doc.subkop (inside a traject or an MDO of the dossier); kept with what follows."""
    stijl = ParagraphStyle("kleinekop", parent=doc.st["celkop"], fontSize=10, leading=14, spaceBefore=7,
                           spaceAfter=3, keepWithNext=1)
    return Paragraph(tekst_xml(text), stijl)


def geen(doc: Document, tekst: str) -> Paragraph:
    """A grey line for an empty section, so it reads as "nothing recorded" rather than broken."""
    return doc.opmaak(tekst_xml(tekst), "klein")


def mdo_onderdelen(doc: Document, mdo, kop=None) -> list[Flowable]:
    """Wie waren erbij, toestemming, agenda, verslag, besluiten, actiepunten. `kop` makes the section
    headings (doc.kop in the verslag, doc.subkop inside the dossier)."""
    kop = kop or doc.kop
    uit: list[Flowable] = [kop("Wie waren erbij")]
    if mdo.deelnemers:
        uit.append(splitsbaar(doc.tabel([["Naam", "Rol", "Organisatie"],
                                         *[[p.naam, p.rol.label, p.organisatie or "–"] for p in mdo.deelnemers]],
                                        [0.35, 0.3, 0.35])))
    else:
        uit.append(geen(doc, "Er zijn geen deelnemers vastgelegd."))

    uit.append(kop("Toestemming van ouders"))
    if mdo.toestemmingen:
        uit.append(doc.opmaak("De ouders geven wel of geen toestemming om gegevens te delen met:", "cel"))
        uit.append(splitsbaar(doc.tabel([["Organisatie", "Toestemming", "Datum"],
                                         *[[t.organisatie, "ja" if t.gegeven else "nee", d(t.datum)]
                                           for t in mdo.toestemmingen]], [0.5, 0.25, 0.25])))
    else:
        uit.append(geen(doc, "Bij dit MDO is geen toestemming vastgelegd."))

    uit.append(kop("Agenda"))
    uit += tekstblok(doc, mdo.agenda)
    uit.append(kop("Verslag"))
    uit += tekstblok(doc, mdo.verslag)

    uit.append(kop("Besluiten"))
    if mdo.besluiten:
        uit += genummerd(doc, [(f"{b.nummer}.", b.tekst) for b in mdo.besluiten])
    else:
        uit.append(geen(doc, "Er zijn geen besluiten vastgelegd."))

    uit.append(kop("Actiepunten"))
    if mdo.actiepunten:
        uit.append(splitsbaar(doc.tabel([["Wat", "Wie", "Uiterlijk", "Status"],
                                         *[[a.wat, a.wie.naam or "–", d(a.uiterlijk), _status(a)]
                                           for a in mdo.actiepunten]], [0.42, 0.24, 0.14, 0.2])))
    else:
        uit.append(geen(doc, "Er zijn geen actiepunten afgesproken."))
    return uit


def _status(a) -> str:
    if a.afgerond and a.status.value != "open":
        return f"{a.status.label} {d(a.afgerond)}"
    return a.status.label


def mdo_verslag(mdo, leerling: Leerling, school: str, logo: bytes | None = None) -> bytes:
    """The verslag of one MDO (a trajecten.Mdo) about `leerling`, with the school as author."""
    doc = Document(titel=f"Verslag MDO – {leerling.naam} – {d(mdo.datum)}", auteur=school,
                   voettekst=f"Verslag MDO · {d(mdo.datum)} · {VOETTEKST}",
                   onderwerp="Verslag van het multidisciplinair overleg")
    velden = [("Leerling", f"{leerling.naam} (leerlingnummer {leerling.leerlingnummer})"),
              ("Klas", leerling.klas or "–"),
              ("Datum", lange_datum(mdo.datum)),
              ("School", school)]
    story: list[Flowable] = [f for f in (doc.logo(logo),) if f is not None]
    story += [doc.titelregel("Verslag MDO"), doc.velden(velden), doc.ruimte(2)]
    if mdo.vertrouwelijk:
        story.append(doc.opmaak("<b>Vertrouwelijk.</b> Dit verslag bevat vertrouwelijke informatie. "
                                "Deel het niet verder dan de deelnemers.", "tekst"))
    story += mdo_onderdelen(doc, mdo)
    return doc.bouw(story)
