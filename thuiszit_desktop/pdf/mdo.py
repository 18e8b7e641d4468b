"""The MDO-verslag as a PDF, to send to the participants: casusregisseur, verslaglegger and next meeting,
who was there and who was afgemeld, the consents in force on the meeting date (of the ouders, or of the
student from 16), the agenda, the verslag, the numbered besluiten, the actiepunten (wat, wie, uiterlijk,
status) and who receives it.

    pdf_bytes = mdo_pdf(MdoAfdruk(mdo, leerling, school="Het Baken", geldend=...))

The building blocks (`mdo_onderdelen`, `tekstblok`, `genummerd`, …) are reused by the dossier PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from ..domain import formaat
from ..domain.actiepunt import Actiepunt
from ..domain.leerling import Leerling
from ..domain.mdo import (
    SCHOOL_ROLLEN,
    GeldendeToestemming,
    Mdo,
    MdoDeelnemer,
    toestemming_door_leerling,
    zonder_toestemming,
)
from ..domain.plan import Contactpersoon
from .common import FONT, Document, tekst_xml


def d(x: date | None) -> str:
    """23-11-2026, or a dash."""
    return formaat.datum(x, "–")


def lange_datum(x: date) -> str:
    """donderdag 1 oktober 2026"""
    return formaat.lange_datum(x, dag=True)


def splitsbaar(tabel: Table) -> Table:
    """A table whose rows may break across a page, so a long cell is never cut off (or refused)."""
    tabel.splitInRow = 1
    return tabel


def tekstblok(doc: Document, text: str, *, bij_elkaar: bool = False) -> list[Flowable]:
    """Multi-line user text (agenda, verslag) as one paragraph per line, keeping an indented line
    indented; empty lines become a little space, an empty text a grey dash. Paragraphs wrap and split
    across pages, so nothing is cut off. `bij_elkaar` (an agenda): a line stays on one page with the
    indented lines under it, and a short list stays in one piece."""
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
    if not bij_elkaar:
        return uit
    if len(uit) <= 16:
        return [KeepTogether(uit)]
    punten: list[list[Flowable]] = []
    for f in uit:  # an item with the indented lines that follow it
        if punten and isinstance(f, Paragraph) and f.style.leftIndent:
            punten[-1].append(f)
        else:
            punten.append([f])
    return [KeepTogether(p) if len(p) > 1 else p[0] for p in punten]


def genummerd(doc: Document, teksten: Sequence[tuple[str, str]]) -> list[Flowable]:
    """(nummer, tekst) as a numbered list with a hanging indent (the number in the embedded font). Like a
    table, it never leaves one item alone at a page break: the first two and the last two stay together."""
    stijl = ParagraphStyle("genummerd", parent=doc.st["tekst"], leftIndent=20, bulletIndent=0,
                           bulletFontName=FONT, bulletFontSize=doc.st["tekst"].fontSize)
    punten: list[Flowable] = [Paragraph(tekst_xml(tekst), stijl, bulletText=nummer) for nummer, tekst in teksten]
    if len(punten) <= 3:
        return [KeepTogether(punten)] if len(punten) > 1 else punten
    return [KeepTogether(punten[:2]), *punten[2:-2], KeepTogether(punten[-2:])]


def kleine_kop(doc: Document, text: str) -> Paragraph:
    """A heading below doc.subkop (inside a traject or an MDO of the dossier); kept with what follows."""
    stijl = ParagraphStyle("kleinekop", parent=doc.st["celkop"], fontSize=10, leading=14, spaceBefore=7,
                           spaceAfter=3, keepWithNext=1)
    return Paragraph(tekst_xml(text), stijl)


def geen(doc: Document, tekst: str) -> Paragraph:
    """A grey line for an empty section, so it reads as "nothing recorded" rather than broken."""
    return doc.opmaak(tekst_xml(tekst), "klein")


def organisatie(p: MdoDeelnemer, school: str) -> str:
    """A participant's organisation; school staff without one work at the school."""
    if p.organisatie:
        return p.organisatie
    return school if p.rol in SCHOOL_ROLLEN else "–"


def persoon_regel(p: MdoDeelnemer, school: str) -> str:
    """"Lisanne Kok (jeugdhulp / wijkteam, Wijkteam Noord)"."""
    org = organisatie(p, school)
    return f"{p.naam} ({p.rol.label_klein}" + (f", {org})" if org != "–" else ")")


def bereikbaar_tekst(c: Contactpersoon) -> str:
    """"Anna de Vries, zorgcoördinator · 030-1234567 · a.devries@baken.nl" (a Contactpersoon)."""
    return " · ".join(x for x in (f"{c.naam}, {c.rol}" if c.rol else c.naam, c.telefoon, c.email) if x)


def mdo_onderdelen(doc: Document, mdo: Mdo, *, school: str, geldend: Sequence[GeldendeToestemming] = (),
                   door_leerling: bool = False, kop: Callable[[str], Paragraph] | None = None) -> list[Flowable]:
    """Aanwezig, afgemeld, toestemming (in force on the meeting date), agenda, verslag, besluiten,
    actiepunten, verzendlijst. `kop` makes the section headings (doc.kop in the verslag, a small heading
    inside the dossier)."""
    kop = kop or doc.kop
    uit: list[Flowable] = [kop("Aanwezig")]
    if mdo.aanwezig:
        uit.append(splitsbaar(doc.tabel([["Naam", "Rol", "Organisatie"],
                                         *[[p.naam, p.rol.label, organisatie(p, school)] for p in mdo.aanwezig]],
                                        [0.35, 0.3, 0.35])))
    else:
        uit.append(geen(doc, "Er zijn geen deelnemers vastgelegd."))
    if mdo.afgemeld:
        uit += [kop("Afgemeld"), doc.opmaak("Uitgenodigd, maar afgemeld:"),
                *doc.punten([persoon_regel(p, school) for p in mdo.afgemeld])]

    wie = "de leerling" if door_leerling else "de ouders"
    uit.append(kop("Toestemming van de leerling" if door_leerling else "Toestemming van ouders"))
    if geldend:
        uit.append(doc.opmaak(f"Op {d(mdo.datum)} geldt deze toestemming van {wie} om gegevens te delen, "
                              "ook als die bij een eerder overleg is gegeven:", "cel"))
        uit.append(splitsbaar(doc.tabel([["Organisatie", "Toestemming", "Sinds"],
                                         *[[t.organisatie, t.tekst, d(t.sinds)] for t in geldend]],
                                        [0.5, 0.25, 0.25])))
    else:
        uit.append(geen(doc, f"Er is (nog) geen toestemming van {wie} vastgelegd om gegevens te delen."))
    for p in zonder_toestemming(mdo.aanwezig, geldend):
        waarom = (f"voor {p.organisatie} is op deze datum geen toestemming" if p.organisatie.strip()
                  else "er is geen organisatie ingevuld, dus niet te zien of er toestemming is")
        uit.append(doc.opmaak(f"<b>Let op:</b> {tekst_xml(p.naam)} ({tekst_xml(p.rol.label_klein)}) deed mee, "
                              f"maar {tekst_xml(waarom)}.", "cel"))

    uit.append(kop("Agenda"))
    uit += tekstblok(doc, mdo.agenda, bij_elkaar=True)
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

    ontvangers = [persoon_regel(p, school) for p in mdo.deelnemers if p.krijgt_verslag] + list(mdo.verzenden_aan)
    uit.append(kop("Verzendlijst"))
    if ontvangers:
        uit += [doc.opmaak("Dit verslag gaat naar:"), *doc.punten(ontvangers)]
    else:
        uit.append(geen(doc, "Er is niet vastgelegd wie dit verslag krijgt."))
    return uit


def _status(a: Actiepunt) -> str:
    if a.afgerond and a.status.value != "open":
        return f"{a.status.label} {d(a.afgerond)}"
    return a.status.label


@dataclass(frozen=True)
class MdoAfdruk:
    """Everything the verslag shows: the MDO (domain.mdo.Mdo) and what it needs from elsewhere."""

    mdo: Mdo
    leerling: Leerling
    school: str
    casusregisseur: Contactpersoon | None = None
    geldend: tuple[GeldendeToestemming, ...] = ()  # consents in force on the meeting date
    logo: bytes | None = None
    gedrukt: date = field(default_factory=date.today)


def mdo_pdf(a: MdoAfdruk) -> bytes:
    """The verslag of one MDO, with the school as author."""
    mdo, leerling = a.mdo, a.leerling
    doc = Document(titel=f"Verslag MDO – {leerling.naam} – {d(mdo.datum)}", auteur=a.school, soort="Verslag MDO",
                   leerling=leerling.naam, voettekst=f"overleg van {d(mdo.datum)}",
                   onderwerp="Verslag van het multidisciplinair overleg", gedrukt=a.gedrukt, vertrouwelijk=True)
    velden = [("Leerling", f"{leerling.naam} (leerlingnummer {leerling.leerlingnummer})"),
              ("Klas", leerling.klas or "–"),
              ("Datum", lange_datum(mdo.datum)),
              ("School", a.school),
              ("Casusregisseur", bereikbaar_tekst(a.casusregisseur) if a.casusregisseur else "niemand aangewezen"),
              ("Verslaglegger", mdo.verslaglegger or "–"),
              ("Volgend overleg", lange_datum(mdo.volgend_overleg) if mdo.volgend_overleg else "nog niet gepland")]
    story: list[Flowable] = [f for f in (doc.logo(a.logo),) if f is not None]
    story += [doc.titelregel("Verslag MDO"), doc.velden(velden), doc.ruimte(2)]
    if mdo.vertrouwelijk:
        story.append(doc.opmaak("<b>Vertrouwelijk.</b> Dit verslag bevat vertrouwelijke informatie. "
                                "Deel het niet verder dan de mensen op de verzendlijst.", "tekst"))
    story += mdo_onderdelen(doc, mdo, school=a.school, geldend=a.geldend,
                            door_leerling=toestemming_door_leerling(leerling.geboortedatum, mdo.datum))
    return doc.bouw(story)
