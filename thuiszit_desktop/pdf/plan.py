"""The plan van aanpak as the PDF ouders take home and sign: plain Dutch (B1), warm headings, every
section, tables that wrap (and split inside a row when a text is longer than a page), the version and
date in the footer and a signature block.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Table

from ..domain.plan import AkkoordRol, Plan, PlanAfdruk
from .common import Document, tekst_xml

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def datum_tekst(d: date | None, *, dag: bool = False) -> str:
    """"1 maart 2027" (with `dag`: "maandag 1 maart 2027"); empty for None."""
    if d is None:
        return ""
    tekst = f"{d.day} {MAANDEN[d.month - 1]} {d.year}"
    return f"{DAGEN[d.weekday()]} {tekst}" if dag else tekst


def voettekst(plan: Plan) -> str:
    """"Plan van aanpak · versie 2 · vastgesteld 23-11-2026" (a concept: "· concept van 20-11-2026")."""
    if plan.is_vastgesteld and plan.vastgesteld_op:
        wanneer = f"vastgesteld {plan.vastgesteld_op:%d-%m-%Y}"
    else:
        wanneer = f"concept van {plan.gewijzigd:%d-%m-%Y}" if plan.gewijzigd else "concept"
    return f"Plan van aanpak · versie {plan.versie} · {wanneer}"


def plan_pdf(afdruk: PlanAfdruk) -> bytes:
    plan, ll = afdruk.plan, afdruk.leerling
    voornaam = ll.voornaam or ll.naam
    doc = Document(titel=f"Plan van aanpak – {ll.naam}", auteur=afdruk.school, voettekst=voettekst(plan),
                   onderwerp=f"Plan van aanpak, versie {plan.versie}")
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
            ("Geboortedatum", datum_tekst(ll.geboortedatum)),
            ("Versie", _versie_tekst(plan)),
        ]),
        doc.ruimte(3),
        doc.tekst(f"Dit plan hebben we samen gemaakt: {voornaam}, u als ouders en de school. Er staat in wat "
                  f"we willen bereiken, wat we daarvoor doen en wie wat doet. Lees het rustig door. Klopt "
                  f"alles? Dan zetten we onderaan samen onze handtekening. Hebt u een vraag? Bel gerust een "
                  f"van de mensen bij ‘Wie u kunt bellen’."),
        doc.kop("Waarom dit plan"),
        doc.tekst(plan.aanleiding),
    ]
    if plan.analyse.strip():
        story += [doc.kop("Wat we samen hebben gezien"), doc.tekst(plan.analyse)]
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
                            + [[i.soort, i.wie or "–", _periode(i.van, i.tot)] for i in plan.interventies],
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
                    *(doc.opmaak("•&nbsp;&nbsp;" + tekst_xml(datum_tekst(d, dag=True)))
                      for d in plan.evaluatiemomenten)]
        story.append(KeepTogether(momenten) if len(momenten) < 12 else momenten[0])
        if len(momenten) >= 12:
            story += momenten[1:]
    else:
        story.append(doc.tekst("We spreken samen af wanneer we kijken hoe het gaat."))
    story.append(doc.kop("Wie u kunt bellen"))
    if plan.contactpersonen:
        story.append(_tabel(doc, [["Naam", "Wie is dat", "Telefoon", "E-mail"]]
                            + [[c.naam, c.rol or "–", c.telefoon or "–", c.email or "–"]
                               for c in plan.contactpersonen],
                            [0.26, 0.26, 0.18, 0.30]))
    else:
        story.append(doc.tekst(f"Bel de school: {afdruk.school}."))
    story += _handtekeningen(doc, afdruk)
    return doc.bouw(story)


def _versie_tekst(plan: Plan) -> str:
    if plan.is_vastgesteld:
        tekst = f"{plan.versie}, vastgesteld op {datum_tekst(plan.vastgesteld_op)}"
        if plan.overleg_datum:
            tekst += f" (besproken met ouders op {datum_tekst(plan.overleg_datum)})"
        return tekst
    return f"{plan.versie}, concept van {datum_tekst(plan.gewijzigd)} – nog niet vastgesteld"


def _periode(van: date | None, tot: date | None) -> str:
    if van and tot:
        return f"{datum_tekst(van)} tot {datum_tekst(tot)}"
    if van:
        return f"vanaf {datum_tekst(van)}"
    if tot:
        return f"tot {datum_tekst(tot)}"
    return "–"


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
            blok.append(doc.opmaak(f"<i>Wanneer:</i> uiterlijk {tekst_xml(datum_tekst(d.datum))}", "cel"))
        if d.hoe_merken:
            blok.append(doc.opmaak(f"<i>Zo merken we het:</i> {tekst_xml(d.hoe_merken)}", "cel"))
        for e in d.evaluaties:
            notitie = f" – {tekst_xml(e.notitie)}" if e.notitie else ""
            blok.append(doc.opmaak(f"<i>Hoe ging het op {tekst_xml(datum_tekst(e.datum))}:</i> "
                                   f"{e.uitkomst.label.lower()}{notitie}", "cel"))
        blok.append(doc.ruimte(2))
        # a short doel stays in one piece; a very long one breaks over pages rather than get cut off
        kort = len(d.omschrijving) + len(d.hoe_merken) + sum(len(e.notitie) for e in d.evaluaties) < 1500
        if kort:
            uit.append(KeepTogether(blok))
        else:
            uit.extend(blok)
    return uit


def _handtekeningen(doc: Document, afdruk: PlanAfdruk) -> list[Flowable]:
    plan = afdruk.plan
    zin = "Met onze handtekening laten we zien dat we het eens zijn met dit plan en dat we ons eraan houden."
    if plan.akkoord:
        wie = "de leerling zelf" if plan.akkoord.rol is AkkoordRol.LEERLING else "ouder"
        zin += f" Akkoord gegeven door {plan.akkoord.naam} ({wie}) op {datum_tekst(plan.akkoord.datum)}."
    blok = doc.handtekeningen(list(afdruk.ondertekenaars))  # [kop, tabel]: the sentence goes in between
    kop, *rest = blok._content
    return [doc.ruimte(4), KeepTogether([kop, doc.tekst(zin), *rest])]
