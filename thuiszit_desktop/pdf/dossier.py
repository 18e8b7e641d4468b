"""The dossier as a PDF for an inzageverzoek (AVG): what the school does with the data (art. 15: purposes,
categories, recipients, bewaartermijn, rights, complaint), then everything `dossier --json` holds, in readable
sections – also every version of the plan van aanpak, the verzuim per day, who used the dossier, and any
table without a section of its own.

    pdf_bytes = dossier_pdf(services.inzage.dossier("1001"), school="Het Baken")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from reportlab.platypus import Flowable, KeepTogether

from ..domain import formaat
from ..domain.dossier import Dossier, Gebruik, SignaalNotitie, TrajectDossier
from ..domain.gesprek import Gesprek
from ..domain.gewone_woorden import gebruik_voor_ouders
from ..domain.inzage import Onderdeel
from ..domain.leerling import Leerling, Ouder, Vrijstelling
from ..domain.mdo import geldende_toestemmingen, toestemming_door_leerling
from ..domain.plan import Plan
from ..domain.traject import Analyse, Domein, Factoren
from .common import Document, tekst_xml
from .mdo import d, geen, genummerd, kleine_kop, mdo_onderdelen, splitsbaar, tekstblok

SECTIES = ("Wat de school met deze gegevens doet", "Leerling", "Ouders en verzorgers", "Vrijstellingen", "Trajecten",
           "Gesprekken", "MDO's", "Overige actiepunten", "Signalen", "Verzuimmeldingen bij DUO", "M@zl-acties",
           "Verzuim", "Nazorg", "Wie het dossier heeft gebruikt")


def _naam(namen: Mapping[str, str], login: str) -> str:
    """A user by the full name of their profile; anyone else as written."""
    return namen.get(login, login)


def _ja(x: bool) -> str:
    return "ja" if x else "nee"


def _leerling(doc: Document, ll: Leerling) -> list[Flowable]:
    velden = [("Naam", ll.naam), ("Leerlingnummer", ll.leerlingnummer), ("Geboortedatum", d(ll.geboortedatum)),
              ("Klas", ll.klas or "–"), ("Mentor", ll.mentor or "–"), ("Ingeschreven", d(ll.inschrijfdatum))]
    if ll.uitschrijfdatum:
        velden += [("Uitgeschreven", d(ll.uitschrijfdatum)), ("Bestemming", ll.bestemming or "–")]
    velden += [("Startkwalificatie", _ja(ll.startkwalificatie)), ("BSN", ll.bsn or "–"),
               ("Onderwijsnummer", ll.onderwijsnummer or "–")]
    return [doc.kop("Leerling"), doc.velden(velden)]


def _ouders(doc: Document, ouders: Sequence[Ouder]) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Ouders en verzorgers")]
    if not ouders:
        return [*uit, geen(doc, "Er zijn geen ouders of verzorgers vastgelegd.")]
    for o in ouders:
        uit += [doc.subkop(f"{o.naam} ({o.relatie.value})"),
                doc.velden([("Gezag", _ja(o.gezag)), ("Telefoon", o.telefoon or "–"), ("E-mail", o.email or "–"),
                            ("Adres", o.adres or "–"), ("Contact bij voorkeur via", o.contactvoorkeur.value)])]
    return uit


def _vrijstellingen(doc: Document, vrijstellingen: Sequence[Vrijstelling]) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Vrijstellingen")]
    if not vrijstellingen:
        return [*uit, geen(doc, "Er zijn geen vrijstellingen vastgelegd.")]
    return [*uit, splitsbaar(doc.tabel([["Vrijstelling", "Van", "Tot en met"],
                                        *[[v.type.label, d(v.van), d(v.tot) if v.tot else "geen einddatum"]
                                          for v in vrijstellingen]], [0.6, 0.2, 0.2]))]


def _traject(doc: Document, td: TrajectDossier, gedrukt: date, namen: Mapping[str, str]) -> list[Flowable]:
    t = td.traject
    status = "open" if t.is_open else f"gesloten op {d(t.gesloten)}"
    velden = [("Soort", t.categorie.label), ("Status", status), ("Huidige stap", f"{int(t.stap)}. {t.stap.titel}"),
              ("Geopend", d(t.geopend)), ("Casusregisseur", _naam(namen, t.eigenaar.naam) if t.eigenaar else "–")]
    if t.signaal:
        velden.append(("Vanuit signaal", f"{t.signaal.label} ({d(t.signaal_datum)})"))
    velden.append(("Aanleiding", t.aanleiding or "–"))
    # The same one evaluation date the app shows: the plan's next moment, else the traject's own.
    if evaluatie := t.evaluatie(gedrukt):
        velden.append(("Evaluatie", d(evaluatie)))
    if not t.is_open:
        velden.append(("Reden van sluiten", t.sluitreden.label if t.sluitreden else "–"))
        velden.append(("Toelichting", t.sluittoelichting or "–"))
    uit: list[Flowable] = [doc.subkop(f"Traject {t.categorie.label.lower()} – geopend {d(t.geopend)}"),
                           splitsbaar(doc.velden(velden))]
    if t.stapwissels:
        uit.append(kleine_kop(doc, "Wisselingen van stap"))
        uit.append(splitsbaar(doc.tabel([["Datum", "Van stap", "Naar stap", "Door"],
                                         *[[d(w.datum), str(int(w.van)), str(int(w.naar)), _naam(namen, w.door) or "–"]
                                           for w in t.stapwissels]], [0.2, 0.15, 0.15, 0.5])))
    for stap in td.stappen:
        titel = f"Stap {int(stap.stap)}: {stap.titel}" + (" (huidige stap)" if stap.huidig else "")
        rijen = [["", "Checklist", "Wanneer, wie, toelichting"]]
        for r in stap.regels:
            if r.automatisch:
                toelichting = f"{r.bewijs} (automatisch uit het dossier)"
            elif r.gedaan:
                toelichting = ", ".join(x for x in (d(r.datum), _naam(namen, r.door)) if x and x != "–")
                toelichting += f": {r.notitie}" if r.notitie else ""
            else:
                toelichting = "nog open"
            rijen.append(["✓" if r.gedaan else "–", r.item.label, toelichting])
        uit += [kleine_kop(doc, titel),
                splitsbaar(doc.tabel(rijen, [0.05, 0.5, 0.45]))]
    uit += _analyse(doc, td.analyse)
    if td.toestemmingen:
        uit.append(kleine_kop(doc, "Toestemmingen om gegevens te delen"))
        uit.append(splitsbaar(doc.tabel([["Organisatie", "Toestemming", "Datum"],
                                         *[[x.organisatie, _ja(x.gegeven), d(x.datum)] for x in td.toestemmingen]],
                                        [0.5, 0.25, 0.25])))
    for plan in td.plannen:
        uit += _plan(doc, plan)
    return uit


def _plan(doc: Document, p: Plan) -> list[Flowable]:
    """One version of the plan van aanpak, as it is stored."""
    status = f"vastgesteld op {d(p.vastgesteld_op)}" if p.is_vastgesteld else f"concept van {d(p.gewijzigd)}"
    velden = [("Status", status)]
    if p.overleg_datum:
        velden.append(("Besproken met ouders", d(p.overleg_datum)))
    if p.akkoord:
        velden.append(("Akkoord", f"{p.akkoord.naam} ({p.akkoord.rol.label.lower()}), {d(p.akkoord.datum)}"))
    velden += [("Aanleiding", p.aanleiding or "–"), ("Wat de leerling zelf wil", p.leerling_wil or "–"),
               ("Wat ouders willen", p.ouders_willen or "–")]
    if p.analyse:
        velden.append(("Analyse", p.analyse))
    uit: list[Flowable] = [kleine_kop(doc, f"Plan van aanpak, versie {p.versie}"), splitsbaar(doc.velden(velden))]
    if p.factoren:
        uit.append(_onderschrift(doc, "Wat het moeilijk maakt en wat helpt"))
        uit.append(splitsbaar(doc.tabel([["", "Wat het moeilijk maakt", "Wat helpt"],
                                         *[[dm.label, f.risico or "–", f.beschermend or "–"]
                                           for dm, f in p.factoren.items()]], [0.2, 0.4, 0.4])))
    if p.doelen:
        rijen = [["Doel", "Uiterlijk", "Zo merken we het", "Evaluaties"]]
        for doel in p.doelen:
            evaluaties = "; ".join(f"{d(e.datum)}: {e.uitkomst.label.lower()}" + (f" – {e.notitie}" if e.notitie else "")
                                   for e in doel.evaluaties) or "–"
            rijen.append([doel.omschrijving, d(doel.datum), doel.hoe_merken or "–", evaluaties])
        uit += [_onderschrift(doc, "Doelen"), splitsbaar(doc.tabel(rijen, [0.3, 0.14, 0.25, 0.31]))]
    if p.interventies:
        uit.append(_onderschrift(doc, "Wat we doen"))
        uit.append(splitsbaar(doc.tabel([["Interventie", "Wie", "Van", "Tot"],
                                         *[[i.soort, i.wie or "–", d(i.van), d(i.tot)] for i in p.interventies]],
                                        [0.4, 0.3, 0.15, 0.15])))
    if p.afspraken:
        uit.append(_onderschrift(doc, "Afspraken"))
        uit.append(splitsbaar(doc.tabel([["Wie", "Afspraak", "Wanneer"],
                                         *[[a.wie or "–", a.wat, a.wanneer or "–"] for a in p.afspraken]],
                                        [0.25, 0.5, 0.25])))
    rest = []
    if p.evaluatiemomenten:
        rest.append(("Evaluatiemomenten", ", ".join(d(x) for x in p.evaluatiemomenten)))
    if p.contactpersonen:
        rest.append(("Contactpersonen", "; ".join(" · ".join(x for x in (c.naam, c.rol, c.telefoon, c.email) if x)
                                                  for c in p.contactpersonen)))
    if rest:
        uit += [doc.ruimte(2), doc.velden(rest)]
    return uit


def _onderschrift(doc: Document, tekst: str) -> Flowable:
    """A caption above a table inside a section: a little space, in bold, kept with its table."""
    return doc.opmaak(f"<b>{tekst_xml(tekst)}</b>", "onderschrift")


def _analyse(doc: Document, a: Analyse) -> list[Flowable]:
    uit: list[Flowable] = [kleine_kop(doc, "Analyse")]
    if not (a.ingevuld or a.verzuimtype or a.kearney_functie):
        return [*uit, geen(doc, "Er is (nog) geen analyse vastgelegd.")]
    rijen = [["Domein", "Risicofactoren", "Beschermende factoren"]]
    for domein in Domein:
        f = a.factoren.get(domein, Factoren())
        if f.risico.strip() or f.beschermend.strip():
            rijen.append([domein.label, f.risico or "–", f.beschermend or "–"])
    if len(rijen) > 1:
        uit.append(splitsbaar(doc.tabel(rijen, [0.2, 0.4, 0.4])))
    uit.append(doc.velden([("Verzuimtype", a.verzuimtype.label if a.verzuimtype else "–"),
                           ("Functie van het verzuim", a.kearney_functie.label if a.kearney_functie else "–")]))
    return uit


def _gesprekken(doc: Document, gesprekken: Sequence[Gesprek], namen: Mapping[str, str]) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Gesprekken")]
    if not gesprekken:
        return [*uit, geen(doc, "Er zijn geen gesprekken vastgelegd.")]
    for g in gesprekken:
        uit.append(doc.subkop(f"{d(g.datum)} · {g.type.label}" + (" (vertrouwelijk)" if g.vertrouwelijk else "")))
        velden = [("Vastgelegd door", _naam(namen, g.door) or "–")]
        if g.deelnemers:
            velden.append(("Wie waren erbij", g.deelnemers))
        uit.append(doc.velden(velden))
        uit += tekstblok(doc, g.samenvatting)
        if g.afspraken:
            uit.append(kleine_kop(doc, "Afspraken"))
            uit += genummerd(doc, [("•", a.tekst) for a in g.afspraken])
    return uit


def _mdos(doc: Document, dossier: Dossier, school: str) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("MDO's")]
    if not dossier.mdos:
        return [*uit, geen(doc, "Er zijn geen MDO's vastgelegd.")]
    records = {td.traject.id: td.toestemmingen for td in dossier.trajecten}
    for mdo in dossier.mdos:
        onderdelen = mdo_onderdelen(doc, mdo, school=school,
                                    geldend=geldende_toestemmingen(records.get(mdo.traject_id, ()), mdo.datum),
                                    door_leerling=toestemming_door_leerling(dossier.leerling.geboortedatum, mdo.datum),
                                    kop=lambda tekst: kleine_kop(doc, tekst))
        # the MDO's heading stays on one page with who was there
        uit.append(KeepTogether([
            doc.subkop(f"MDO van {d(mdo.datum)}" + (" (vertrouwelijk)" if mdo.vertrouwelijk else "")),
            doc.velden([("Verslaglegger", mdo.verslaglegger or "–"),
                        ("Volgend overleg", d(mdo.volgend_overleg) if mdo.volgend_overleg else "–")]),
            *onderdelen[:2]]))
        uit += onderdelen[2:]
    return uit


def _tabel_of_geen(doc: Document, kop: str, leeg: str, rijen: list[list[str]], breedtes: Sequence[float]) -> list[Flowable]:
    if len(rijen) <= 1:
        return [doc.kop(kop), geen(doc, leeg)]
    return [doc.kop(kop), splitsbaar(doc.tabel(rijen, breedtes))]


def _nazorg(doc: Document, trajecten: Sequence[TrajectDossier]) -> list[Flowable]:
    rijen = [["Datum", "Traject", "Omschrijving", "Gedaan"]]
    for td in trajecten:
        t = td.traject
        for n in t.nazorg:
            gedaan = (d(n.gedaan) + (f": {n.notitie}" if n.notitie else "")) if n.gedaan else "nog niet"
            rijen.append([d(n.datum), f"{t.categorie.label} ({d(t.geopend)})", n.omschrijving, gedaan])
    return _tabel_of_geen(doc, "Nazorg", "Er is geen nazorg gepland.", rijen, [0.14, 0.26, 0.35, 0.25])


def _avg(doc: Document, onderdelen: Sequence[Onderdeel]) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Wat de school met deze gegevens doet")]
    for o in onderdelen:
        uit.append(doc.subkop(o.kop))
        uit += [doc.tekst(a) for a in o.alineas]
        uit += doc.punten(o.punten)
    return uit


def _signaalnotities(doc: Document, notities: Sequence[SignaalNotitie], namen: Mapping[str, str]) -> list[Flowable]:
    if not notities:
        return []
    return [kleine_kop(doc, "Besproken signalen"),
            splitsbaar(doc.tabel([["Signaal", "Van", "Notitie", "Door, op"],
                                  *[[n.soort.label, d(n.datum), n.notitie or "–", f"{_naam(namen, n.door) or '–'}, {d(n.op)}"]
                                    for n in notities]], [0.27, 0.16, 0.37, 0.2]))]  # a date fits its column


def _gebruik(doc: Document, gebruik: Sequence[Gebruik], namen: Mapping[str, str]) -> list[Flowable]:
    per: dict[tuple[str, str], list[Gebruik]] = {}  # two kinds that read the same are one row
    for g in gebruik:
        per.setdefault((_naam(namen, g.wie), gebruik_voor_ouders(g.actie, g.wat)), []).append(g)
    rijen = []
    for (wie, tekst), gs in per.items():
        eerste, laatste = min(g.eerste for g in gs), max(g.laatste for g in gs)
        rijen.append([wie, tekst, str(sum(g.aantal for g in gs)),
                      d(eerste) if eerste == laatste else f"{d(eerste)} – {d(laatste)}"])
    return _tabel_of_geen(doc, "Wie het dossier heeft gebruikt", "Niemand heeft het dossier gebruikt.",
                          [["Wie", "Wat", "Aantal", "Wanneer"], *rijen], [0.22, 0.38, 0.1, 0.3])


def _overig(doc: Document, overig: dict[str, list[dict[str, str]]]) -> list[Flowable]:
    """Tables without a section of their own: every row, field by field."""
    if not overig:
        return []
    uit: list[Flowable] = [doc.kop("Overige gegevens")]
    for tabel, rijen in overig.items():
        uit.append(doc.subkop(tabel.replace("_", " ").capitalize()))
        for rij in rijen:
            uit.append(doc.velden([(k.replace("_", " "), v or "–") for k, v in rij.items()]))
            uit.append(doc.ruimte(2))
    return uit


def dossier_pdf(dossier: Dossier, school: str, logo: bytes | None = None, namen: Mapping[str, str] | None = None) -> bytes:
    """The whole dossier (an inzage.Dossier) of one student, with the school as author. `namen`: users' login
    names → the full name of their profile (services/profielen.py), for who wrote what."""
    namen = namen or {}
    ll = dossier.leerling
    gemaakt = dossier.gemaakt
    doc = Document(titel=f"Dossier – {ll.naam}", auteur=school, soort="Dossier (inzage AVG)", leerling=ll.naam,
                   voettekst=f"gemaakt {formaat.datum(gemaakt)} om {formaat.tijd(gemaakt)}", gedrukt=gemaakt.date(),
                   vertrouwelijk=True, onderwerp="Kopie van het dossier voor een inzageverzoek (AVG)")
    story: list[Flowable] = [f for f in (doc.logo(logo),) if f is not None]
    story += [
        doc.titelregel(f"Dossier van {ll.naam}"),
        doc.opmaak(f"Dit is een kopie van alles wat {tekst_xml(school)} over {tekst_xml(ll.naam)} heeft vastgelegd in "
                   f"het programma voor de begeleiding bij afwezigheid, voor een inzageverzoek (AVG). Gemaakt op "
                   f"{formaat.datum(gemaakt)} om {formaat.tijd(gemaakt)}."),
        doc.opmaak("Niet in dit dossier: teksten die nog niet zijn opgeslagen. Andere gegevens van de school, "
                   "zoals cijfers in de leerlingadministratie, staan in andere programma's; vraag daar apart naar.",
                   "klein"),
    ]
    story += _avg(doc, dossier.avg)
    story += _leerling(doc, ll)
    story += _ouders(doc, ll.ouders)
    story += _vrijstellingen(doc, ll.vrijstellingen)
    story.append(doc.kop("Trajecten"))
    if not dossier.trajecten:
        story.append(geen(doc, "Er zijn geen trajecten geweest."))
    for td in dossier.trajecten:
        story += _traject(doc, td, gemaakt.date(), namen)
    story += _gesprekken(doc, dossier.gesprekken, namen)
    story += _mdos(doc, dossier, school)
    overig = [a for a in dossier.actiepunten if a.mdo_id is None]
    story += _tabel_of_geen(doc, "Overige actiepunten", "Er zijn geen andere actiepunten.",
                            [["Wat", "Wie", "Afgesproken", "Uiterlijk", "Status"],
                             *[[a.wat, a.wie.naam or "–", d(a.datum), d(a.uiterlijk), a.status.label]
                               for a in overig]], [0.31, 0.2, 0.18, 0.15, 0.16])
    story += _tabel_of_geen(doc, "Signalen", "Er zijn geen signalen.",
                            [["Datum", "Signaal", "Uitleg"],
                             *[[d(s.datum), s.soort.label, s.uitleg or "–"] for s in dossier.signalen]],
                            [0.15, 0.3, 0.55])
    story += _signaalnotities(doc, dossier.signaalnotities, namen)
    story += _tabel_of_geen(doc, "Verzuimmeldingen bij DUO", "Er zijn geen verzuimmeldingen gedaan.",
                            [["Datum", "Soort melding", "Verzuim tot en met", "Kenmerk"],
                             *[[d(x.datum), x.soort.label, d(x.einddatum), x.kenmerk or "–"]
                               for x in dossier.meldingen]], [0.15, 0.4, 0.2, 0.25])
    story += _tabel_of_geen(doc, "M@zl-acties", "Er zijn geen M@zl-acties vastgelegd.",
                            [["Datum", "Opmerking"],
                             *[[d(x.datum), x.opmerking or "–"] for x in dossier.mazl_acties]], [0.15, 0.85])
    story += _tabel_of_geen(doc, "Verzuim", "Er is geen verzuim geregistreerd.",
                            [["Van", "Tot en met", "Afwezig"],
                             *[[d(p.van), d(p.tot), p.detail] for p in dossier.verzuim]], [0.15, 0.15, 0.7])
    if dossier.verzuimregels:
        story += [kleine_kop(doc, "Verzuim per dag, zoals vastgelegd"),
                  splitsbaar(doc.tabel([["Datum", "Uren", "Reden", "Code", "Opmerking"],
                                        *[[d(r.datum), formaat.uren(r.uren), r.reden.label, r.code or "–",
                                           r.opmerking or ("met de hand ingevoerd" if r.bron == "hand" else "–")]
                                          for r in dossier.verzuimregels]], [0.14, 0.09, 0.22, 0.12, 0.43]))]
    story += _nazorg(doc, dossier.trajecten)
    story += _gebruik(doc, dossier.gebruik, namen)
    story += _overig(doc, dossier.overig)
    return doc.bouw(story)
