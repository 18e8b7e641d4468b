"""The dossier as a PDF for an inzageverzoek (AVG): everything `dossier --json` holds, in readable sections.

    pdf_bytes = dossier_pdf(services.trajecten.dossier("1001"), school="Het Baken")
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ..domain.mdo import geldende_toestemmingen, toestemming_door_leerling
from ..domain.traject import Domein, Factoren
from .common import Document, tekst_xml
from .mdo import d, geen, genummerd, kleine_kop, mdo_onderdelen, splitsbaar, tekstblok

SECTIES = ("Leerling", "Ouders en verzorgers", "Vrijstellingen", "Trajecten", "Gesprekken", "MDO's",
           "Overige actiepunten", "Signalen", "Verzuimmeldingen bij DUO", "M@zl-acties", "Verzuim", "Nazorg")


def _ja(x: bool) -> str:
    return "ja" if x else "nee"


def _leerling(doc: Document, ll) -> list[Flowable]:
    velden = [("Naam", ll.naam), ("Leerlingnummer", ll.leerlingnummer), ("Geboortedatum", d(ll.geboortedatum)),
              ("Klas", ll.klas or "–"), ("Mentor", ll.mentor or "–"), ("Ingeschreven", d(ll.inschrijfdatum))]
    if ll.uitschrijfdatum:
        velden += [("Uitgeschreven", d(ll.uitschrijfdatum)), ("Bestemming", ll.bestemming or "–")]
    velden += [("Startkwalificatie", _ja(ll.startkwalificatie)), ("BSN", ll.bsn or "–"),
               ("Onderwijsnummer", ll.onderwijsnummer or "–")]
    return [doc.kop("Leerling"), doc.velden(velden)]


def _ouders(doc: Document, ouders) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Ouders en verzorgers")]
    if not ouders:
        return [*uit, geen(doc, "Er zijn geen ouders of verzorgers vastgelegd.")]
    for o in ouders:
        uit += [doc.subkop(f"{o.naam} ({o.relatie.value})"),
                doc.velden([("Gezag", _ja(o.gezag)), ("Telefoon", o.telefoon or "–"), ("E-mail", o.email or "–"),
                            ("Adres", o.adres or "–"), ("Contact bij voorkeur via", o.contactvoorkeur.value)])]
    return uit


def _vrijstellingen(doc: Document, vrijstellingen) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Vrijstellingen")]
    if not vrijstellingen:
        return [*uit, geen(doc, "Er zijn geen vrijstellingen vastgelegd.")]
    return [*uit, splitsbaar(doc.tabel([["Vrijstelling", "Van", "Tot en met"],
                                        *[[v.type.label, d(v.van), d(v.tot) if v.tot else "geen einddatum"]
                                          for v in vrijstellingen]], [0.6, 0.2, 0.2]))]


def _traject(doc: Document, td) -> list[Flowable]:
    t = td.traject
    status = "open" if t.is_open else f"gesloten op {d(t.gesloten)}"
    velden = [("Soort", t.categorie.label), ("Status", status), ("Huidige stap", f"{int(t.stap)}. {t.stap.titel}"),
              ("Geopend", d(t.geopend)), ("Casusregisseur", t.eigenaar.naam if t.eigenaar else "–")]
    if t.signaal:
        velden.append(("Vanuit signaal", f"{t.signaal.label} ({d(t.signaal_datum)})"))
    velden.append(("Aanleiding", t.aanleiding or "–"))
    if t.evaluatiedatum:
        velden.append(("Evaluatie", d(t.evaluatiedatum)))
    if not t.is_open:
        velden.append(("Reden van sluiten", t.sluitreden.label if t.sluitreden else "–"))
        velden.append(("Toelichting", t.sluittoelichting or "–"))
    uit: list[Flowable] = [doc.subkop(f"Traject {t.categorie.label.lower()} – geopend {d(t.geopend)}"),
                           splitsbaar(doc.velden(velden))]
    if t.stapwissels:
        uit.append(kleine_kop(doc, "Wisselingen van stap"))
        uit.append(splitsbaar(doc.tabel([["Datum", "Van stap", "Naar stap", "Door"],
                                         *[[d(w.datum), str(int(w.van)), str(int(w.naar)), w.door or "–"]
                                           for w in t.stapwissels]], [0.2, 0.15, 0.15, 0.5])))
    for stap in td.stappen:
        titel = f"Stap {int(stap.stap)}: {stap.titel}" + (" (huidige stap)" if stap.huidig else "")
        rijen = [["", "Checklist", "Wanneer, wie, toelichting"]]
        for r in stap.regels:
            if r.automatisch:
                toelichting = f"{r.bewijs} (automatisch uit het dossier)"
            elif r.gedaan:
                toelichting = ", ".join(x for x in (d(r.datum), r.door) if x and x != "–")
                toelichting += f": {r.notitie}" if r.notitie else ""
            else:
                toelichting = "nog open"
            rijen.append(["✓" if r.gedaan else "–", r.item.label, toelichting])
        uit += [kleine_kop(doc, titel),
                splitsbaar(doc.tabel(rijen, [0.05, 0.5, 0.45]))]
    uit += _analyse(doc, td.analyse)
    if td.toestemmingen:
        uit.append(kleine_kop(doc, "Toestemming van ouders"))
        uit.append(splitsbaar(doc.tabel([["Organisatie", "Toestemming", "Datum"],
                                         *[[x.organisatie, _ja(x.gegeven), d(x.datum)] for x in td.toestemmingen]],
                                        [0.5, 0.25, 0.25])))
    return uit


def _analyse(doc: Document, a) -> list[Flowable]:
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


def _gesprekken(doc: Document, gesprekken) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("Gesprekken")]
    if not gesprekken:
        return [*uit, geen(doc, "Er zijn geen gesprekken vastgelegd.")]
    for g in gesprekken:
        uit.append(doc.subkop(f"{d(g.datum)} · {g.type.label}" + (" (vertrouwelijk)" if g.vertrouwelijk else "")))
        velden = [("Vastgelegd door", g.door or "–")]
        if g.deelnemers:
            velden.append(("Wie waren erbij", g.deelnemers))
        uit.append(doc.velden(velden))
        uit += tekstblok(doc, g.samenvatting)
        if g.afspraken:
            uit.append(kleine_kop(doc, "Afspraken"))
            uit += genummerd(doc, [("•", a.tekst) for a in g.afspraken])
    return uit


def _mdos(doc: Document, dossier, school: str) -> list[Flowable]:
    uit: list[Flowable] = [doc.kop("MDO's")]
    if not dossier.mdos:
        return [*uit, geen(doc, "Er zijn geen MDO's vastgelegd.")]
    records = {td.traject.id: td.toestemmingen for td in dossier.trajecten}
    for mdo in dossier.mdos:
        uit.append(doc.subkop(f"MDO van {d(mdo.datum)}" + (" (vertrouwelijk)" if mdo.vertrouwelijk else "")))
        uit.append(doc.velden([("Verslaglegger", mdo.verslaglegger or "–"),
                               ("Volgend overleg", d(mdo.volgend_overleg) if mdo.volgend_overleg else "–")]))
        uit += mdo_onderdelen(doc, mdo, school=school,
                              geldend=geldende_toestemmingen(records.get(mdo.traject_id, ()), mdo.datum),
                              door_leerling=toestemming_door_leerling(dossier.leerling.geboortedatum, mdo.datum),
                              kop=lambda tekst: kleine_kop(doc, tekst))
    return uit


def _tabel_of_geen(doc: Document, kop: str, leeg: str, rijen: list[list[str]], breedtes) -> list[Flowable]:
    if len(rijen) <= 1:
        return [doc.kop(kop), geen(doc, leeg)]
    return [doc.kop(kop), splitsbaar(doc.tabel(rijen, breedtes))]


def _nazorg(doc: Document, trajecten) -> list[Flowable]:
    rijen = [["Datum", "Traject", "Omschrijving", "Gedaan"]]
    for td in trajecten:
        t = td.traject
        for n in t.nazorg:
            gedaan = (d(n.gedaan) + (f": {n.notitie}" if n.notitie else "")) if n.gedaan else "nog niet"
            rijen.append([d(n.datum), f"{t.categorie.label} ({d(t.geopend)})", n.omschrijving, gedaan])
    return _tabel_of_geen(doc, "Nazorg", "Er is geen nazorg gepland.", rijen, [0.14, 0.26, 0.35, 0.25])


def dossier_pdf(dossier, school: str, logo: bytes | None = None) -> bytes:
    """The whole dossier (a trajecten.Dossier) of one student, with the school as author."""
    ll = dossier.leerling
    gemaakt = dossier.gemaakt
    doc = Document(titel=f"Dossier – {ll.naam}", auteur=school,
                   voettekst=f"Dossier {ll.naam} · inzage (AVG) · gemaakt {gemaakt:%d-%m-%Y} · vertrouwelijk",
                   onderwerp="Kopie van het dossier voor een inzageverzoek (AVG)")
    story: list[Flowable] = [f for f in (doc.logo(logo),) if f is not None]
    story += [
        doc.titelregel(f"Dossier van {ll.naam}"),
        doc.opmaak(f"Dit is de kopie van het dossier dat {tekst_xml(school)} over {tekst_xml(ll.naam)} bijhoudt, "
                   f"voor een inzageverzoek (AVG). Het bevat alles wat over deze leerling is vastgelegd. "
                   f"Gemaakt op {gemaakt:%d-%m-%Y} om {gemaakt:%H:%M}."),
    ]
    story += _leerling(doc, ll)
    story += _ouders(doc, ll.ouders)
    story += _vrijstellingen(doc, ll.vrijstellingen)
    story.append(doc.kop("Trajecten"))
    if not dossier.trajecten:
        story.append(geen(doc, "Er zijn geen trajecten geweest."))
    for td in dossier.trajecten:
        story += _traject(doc, td)
    story += _gesprekken(doc, dossier.gesprekken)
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
    story += _nazorg(doc, dossier.trajecten)
    return doc.bouw(story)
