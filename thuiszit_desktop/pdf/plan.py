"""The plan van aanpak as the PDF ouders take home and sign: plain Dutch (B1), warm headings, the analysis
as "Wat het moeilijk maakt / Wat helpt", every section, tables that wrap (and split inside a row when a text
is longer than a page), what changed since the version before, and a signature block for the student, the
ouders and the school, kept on one page with the contacts. A concept carries a band "CONCEPT – niet
ondertekenen" on every page and no signature block.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from ..domain import formaat
from ..domain.formaat import lange_datum
from ..domain.gewone_woorden import domein_voor_ouders, interventie_voor_ouders
from ..domain.plan import AkkoordRol, Contactpersoon, Plan, PlanAfdruk, periode, zelf_akkoord
from ..domain.traject import Domein
from .common import Document, tekst_xml

CONCEPT_BAND = "CONCEPT – niet ondertekenen"

__all__ = ["CONCEPT_BAND", "plan_pdf", "voettekst"]


def voettekst(plan: Plan) -> str:
    """"versie 2, vastgesteld 23-11-2026" (a concept: "versie 1, concept van 20-11-2026")."""
    if plan.is_vastgesteld and plan.vastgesteld_op:
        return f"versie {plan.versie}, vastgesteld {formaat.datum(plan.vastgesteld_op)}"
    return f"versie {plan.versie}, concept" + (f" van {formaat.datum(plan.gewijzigd)}" if plan.gewijzigd else "")


def plan_pdf(afdruk: PlanAfdruk) -> bytes:
    plan, ll = afdruk.plan, afdruk.leerling
    voornaam = ll.voornaam or ll.naam
    concept = not plan.is_vastgesteld
    doc = Document(titel=f"Plan van aanpak – {ll.naam}", auteur=afdruk.school, soort="Plan van aanpak",
                   leerling=ll.naam, voettekst=voettekst(plan), onderwerp=f"Plan van aanpak, versie {plan.versie}",
                   gedrukt=afdruk.gedrukt or date.today(), band=CONCEPT_BAND if concept else "")
    story: list[Flowable] = []
    logo = doc.logo(afdruk.logo)
    if logo is not None:
        story.append(logo)
    story += [
        doc.opmaak(tekst_xml(afdruk.school), "klein"),
        doc.titelregel(f"Plan van aanpak voor {ll.naam}"),
        doc.velden([
            ("Naam", ll.naam),
            ("Klas", ll.klas or "–"),
            ("Geboortedatum", lange_datum(ll.geboortedatum)),
            ("Versie", _versie_tekst(plan)),
        ]),
        doc.ruimte(3),
    ]
    if concept:
        story.append(doc.opmaak(
            "<b>Dit is een concept.</b> Het is een voorstel dat we nog samen bespreken: "
            f"{tekst_xml(voornaam)}, u als ouders en de school. Teken het nog niet. Schrijf gerust op wat u "
            "anders wilt. Na het gesprek maken we de versie die we samen ondertekenen."))
    else:
        story.append(doc.tekst(
            f"Dit plan hebben we samen gemaakt: {voornaam}, u als ouders en de school. Er staat in wat we willen "
            f"bereiken, wat we daarvoor doen en wie wat doet. Lees het rustig door. Klopt alles? Dan zetten we "
            f"onderaan samen onze handtekening. Hebt u een vraag? Bel gerust een van de mensen bij ‘Wie u kunt "
            f"bellen’."))
    if afdruk.vorige is not None:
        story.append(doc.kop(f"Wat er veranderd is sinds versie {afdruk.vorige.versie}"))
        wijzigingen = afdruk.wijzigingen
        if wijzigingen:
            story += doc.punten(wijzigingen)
        else:
            story.append(doc.tekst("De doelen, wat we doen en de data zijn hetzelfde gebleven."))
    story += [doc.kop("Waarom dit plan"), doc.tekst(plan.aanleiding)]
    story += _analyse(doc, plan, voornaam)
    story += [
        doc.kop(f"Wat {voornaam} zelf zegt"),
        doc.tekst(plan.leerling_wil),
        doc.kop("Wat ouders willen"),
        doc.tekst(plan.ouders_willen),
        doc.kop("Onze doelen"),
    ]
    story += _doelen(doc, plan)
    story.append(doc.kop("Wat we doen"))
    if plan.interventies:
        story.append(_tabel(doc, [["Wat", "Wie", "Wanneer"]]
                            + [[interventie_voor_ouders(i.soort), i.wie or "–", periode(i.van, i.tot, "–")]
                               for i in plan.interventies],
                            [0.42, 0.30, 0.28]))
    else:
        story.append(doc.tekst(""))
    story.append(doc.kop("Afspraken"))
    if plan.afspraken:
        story.append(_tabel(doc, [["Wie", "Doet wat", "Wanneer"]]
                            + [[a.wie or "–", a.wat, a.wanneer or "–"] for a in plan.afspraken],
                            [0.25, 0.50, 0.25]))
    else:
        story.append(doc.tekst(""))
    story.append(doc.kop("Wanneer we kijken hoe het gaat"))
    if plan.evaluatiemomenten:
        momenten = [doc.tekst("Op deze dagen kijken we samen of het plan werkt en of de doelen dichterbij "
                              "komen. Zo nodig passen we het plan aan."),
                    *doc.punten([lange_datum(d, dag=True) for d in plan.evaluatiemomenten])]
        story.append(KeepTogether(momenten) if len(momenten) < 12 else momenten[0])
        if len(momenten) >= 12:
            story += momenten[1:]
    else:
        story.append(doc.tekst("We spreken samen af wanneer we kijken hoe het gaat."))
    bellen = _bellen(doc, afdruk)
    if concept:  # in one piece with who to call, like the signature block of a vastgesteld version
        story.append(KeepTogether([
            *bellen, doc.kop("Ondertekenen"),
            doc.tekst("Dit concept tekent u nog niet. Als we het plan samen hebben besproken en vastgesteld, krijgt "
                      "u de versie om te ondertekenen.")]))
    else:
        story += [doc.ruimte(2), _handtekeningen(doc, afdruk, bellen)]
    return doc.bouw(story)


def _versie_tekst(plan: Plan) -> str:
    if plan.is_vastgesteld:
        tekst = f"{plan.versie}, vastgesteld op {lange_datum(plan.vastgesteld_op)}"
        if plan.overleg_datum:
            tekst += f" (besproken met ouders op {lange_datum(plan.overleg_datum)})"
        return tekst
    return f"{plan.versie}, concept van {lange_datum(plan.gewijzigd)} – nog niet vastgesteld"


def _analyse(doc: Document, plan: Plan, voornaam: str) -> list[Flowable]:
    """The analysis as ouders read it: per domain what makes it hard and what helps; a version from before
    the table keeps its free text."""
    # "Maximiliaan-Alexander zelf" in a narrow column breaks after a hyphen, not inside the name ("…-Alex" "ander")
    naam = ParagraphStyle("domein", parent=doc.st["cel"], embeddedHyphenation=1)
    rijen = [[Paragraph(tekst_xml(domein_voor_ouders(d, voornaam)), naam), f.risico or "–", f.beschermend or "–"]
             for d in Domein if (f := plan.factoren.get(d)) is not None]
    if not rijen and not plan.analyse.strip():
        return []
    uit: list[Flowable] = [doc.kop("Wat het moeilijk maakt en wat helpt")]
    if rijen:
        uit.append(_tabel(doc, [["", "Wat het moeilijk maakt", "Wat helpt"], *rijen], [0.2, 0.4, 0.4]))
    if plan.analyse.strip():
        uit.append(doc.tekst(plan.analyse))
    return uit


def _tabel(doc: Document, rijen: list[list[str]], breedtes: list[float]) -> Table:
    tabel = doc.tabel(rijen, breedtes)
    tabel.splitInRow = 1  # a cell longer than a page continues on the next one instead of failing
    return tabel


def _doelen(doc: Document, plan: Plan) -> list[Flowable]:
    if not plan.doelen:
        return [doc.tekst("")]
    uit: list[Flowable] = []
    for n, d in enumerate(plan.doelen, 1):
        blok: list[Flowable] = [doc.opmaak(f"<b>Doel {n}.</b> {tekst_xml(d.omschrijving)}")]
        if d.datum:
            blok.append(doc.opmaak(f"<i>Wanneer:</i> uiterlijk {tekst_xml(lange_datum(d.datum))}", "cel"))
        if d.hoe_merken:
            blok.append(doc.opmaak(f"<i>Zo merken we het:</i> {tekst_xml(d.hoe_merken)}", "cel"))
        for versie, e in d.eerdere_evaluaties:
            notitie = f" – {tekst_xml(e.notitie)}" if e.notitie else ""
            blok.append(doc.opmaak(f"<i>Hoe ging het op {tekst_xml(lange_datum(e.datum))} (versie {versie}):</i> "
                                   f"{e.uitkomst.label.lower()}{notitie}", "cel"))
        for e in d.evaluaties:
            notitie = f" – {tekst_xml(e.notitie)}" if e.notitie else ""
            blok.append(doc.opmaak(f"<i>Hoe ging het op {tekst_xml(lange_datum(e.datum))}:</i> "
                                   f"{e.uitkomst.label.lower()}{notitie}", "cel"))
        blok.append(doc.ruimte(2))
        # a short doel stays in one piece; a very long one breaks over pages rather than get cut off
        kort = len(d.omschrijving) + len(d.hoe_merken) + sum(len(e.notitie) for e in d.evaluaties) < 1500
        if kort:
            uit.append(KeepTogether(blok))
        else:
            uit.extend(blok)
    return uit


def _bellen(doc: Document, afdruk: PlanAfdruk) -> list[Flowable]:
    """Who ouders can call: the casusregisseur first (who keeps the overview), then the plan's contacts."""
    rijen: list[Contactpersoon] = []
    c = afdruk.casusregisseur
    contacten = list(afdruk.plan.contactpersonen)
    if c is not None:
        zelfde = next((x for x in contacten if " ".join(x.naam.split()).casefold() == c.naam.casefold()), None)
        if zelfde is not None:
            contacten.remove(zelfde)
        rijen.append(Contactpersoon(c.naam, f"casusregisseur: houdt het overzicht ({c.rol})" if c.rol
                                    else "casusregisseur: houdt het overzicht",
                                    c.telefoon or (zelfde.telefoon if zelfde else ""),
                                    c.email or (zelfde.email if zelfde else "")))
    rijen += contacten
    if not rijen:
        return [doc.kop("Wie u kunt bellen"), doc.tekst(f"Bel de school: {afdruk.school}.")]
    return [doc.kop("Wie u kunt bellen"),
            _tabel(doc, [["Naam", "Wie is dat", "Telefoon", "E-mail"]]
                   + [[x.naam, x.rol or "–", x.telefoon or "–", x.email or "–"] for x in rijen],
                   [0.22, 0.28, 0.17, 0.33])]


def _handtekeningen(doc: Document, afdruk: PlanAfdruk, erbij: list[Flowable]) -> KeepTogether:
    """The signature block, kept on one page with who to call: everyone who signs, and in plain words why
    the student signs too (from 16 theirs is the signature that counts)."""
    plan, ll = afdruk.plan, afdruk.leerling
    voornaam = ll.voornaam or ll.naam
    zinnen = ["Met onze handtekening laten we zien dat we het eens zijn met dit plan en dat we ons eraan houden."]
    peildatum = plan.akkoord.datum if plan.akkoord else (afdruk.gedrukt or date.today())
    if zelf_akkoord(ll.geboortedatum, peildatum):
        zinnen.append(f"{voornaam} is 16 jaar of ouder. Daarom telt de handtekening van {voornaam} zelf. De ouders "
                      "tekenen ook: zo laten zij zien dat ze het plan kennen en meehelpen.")
    else:
        zinnen.append(f"{voornaam} is jonger dan 16. Daarom geven de ouders akkoord. {voornaam} tekent ook, want "
                      f"het is ook het plan van {voornaam}.")
    if plan.akkoord:
        wie = "de leerling zelf" if plan.akkoord.rol is AkkoordRol.LEERLING else "ouder"
        zinnen.append(f"Akkoord gegeven door {plan.akkoord.naam} ({wie}) op {lange_datum(plan.akkoord.datum)}.")
    namen = [f"{o.naam or '.' * 40}\n{o.als}" for o in afdruk.ondertekenaars]
    return doc.handtekeningen(namen, uitleg=[doc.tekst(" ".join(zinnen))], erbij=erbij)
