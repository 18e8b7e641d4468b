"""The plan van aanpak PDF read back with pypdf: every section under its plain heading, names with
diacritics, "pagina X van Y" and the student on every page, the signature block (student, ouders and school,
never alone on a page), a concept that cannot be signed, the analysis in plain words, what changed since the
version before, only embedded DejaVu fonts, metadata, and long inputs never cut off."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.pdfhulp import lettertypen, lezer, pagina_tekst, pdf_tekst
from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.plan import (
    Akkoord,
    AkkoordRol,
    Contactpersoon,
    Doel,
    Evaluatie,
    Interventie,
    Ondertekenaar,
    Plan,
    PlanAfdruk,
    PlanAfspraak,
    PlanStatus,
    Uitkomst,
    ondertekenaars,
)
from thuiszit_desktop.domain.traject import Domein, Factoren
from thuiszit_desktop.pdf.plan import plan_pdf, voettekst

KOPPEN = ("Waarom dit plan", "Wat het moeilijk maakt en wat helpt", "Wat Zoë zelf zegt", "Wat ouders willen",
          "Onze doelen", "Wat we doen", "Afspraken", "Wanneer we kijken hoe het gaat", "Wie u kunt bellen")

ZOE = Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë", klas="2B",
               ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER), Ouder("Mehmet Çelik", Relatie.VERZORGER)))


def plan(**kw) -> Plan:
    basis = dict(
        traject_id=1, versie=2, status=PlanStatus.VASTGESTELD, aanleiding="Zoë is sinds oktober vaak thuis.",
        analyse="Zoë is angstig in grote groepen.", leerling_wil="Ik wil eerst met één vak beginnen.",
        ouders_willen="Dat Zoë weer plezier heeft in school.",
        doelen=(Doel("Vanaf 1 maart drie ochtenden per week op school", date(2027, 3, 1), "Mentor houdt het bij",
                     (Evaluatie(date(2026, 12, 15), Uitkomst.DEELS, "Twee ochtenden lukt al"),)),),
        interventies=(Interventie("Verzuimcoach", "Daniël de Jong", date(2026, 12, 1), date(2027, 3, 1)),),
        afspraken=(PlanAfspraak("Mentor", "Dagelijkse check-in om 8.15 uur", "elke schooldag"),),
        evaluatiemomenten=(date(2027, 1, 18),),
        contactpersonen=(Contactpersoon("Anna de Vries", "zorgcoördinator", "010-1234567", "a.devries@baken.nl"),),
        factoren={Domein.LEERLING: Factoren("Grote groepen zijn moeilijk.", "Tekenen en muziek."),
                  Domein.THUIS: Factoren("", "Moeder is betrokken.")},
        overleg_datum=date(2026, 11, 20), akkoord=Akkoord("Ingrid Bakker", date(2026, 11, 23), AkkoordRol.OUDER),
        vastgesteld_op=date(2026, 11, 23), gewijzigd=date(2026, 11, 23), id=7)
    basis.update(kw)
    return Plan(**basis)


SCHOOL = Ondertekenaar("Anna de Vries", "zorgcoördinator, namens Het Baken")


def afdruk(p: Plan | None = None, leerling: Leerling = ZOE, **kw) -> PlanAfdruk:
    p = p or plan()
    wie = ondertekenaars(leerling, p.akkoord.datum, SCHOOL) if p.akkoord else ()
    return PlanAfdruk(p, leerling, "Het Baken", wie, gedrukt=date(2026, 11, 24), **kw)


def test_every_section_names_and_footer():
    reader = lezer(plan_pdf(afdruk()))
    tekst = pdf_tekst(reader)
    for kop in KOPPEN:
        assert kop in tekst
    for naam in ("Zoë Bakker", "Daniël de Jong", "zorgcoördinator", "Ingrid Bakker"):
        assert naam in tekst
    assert "Klas" in tekst and "2B" in tekst and "5 maart 2012" in tekst
    n = len(reader.pages)
    assert f"pagina 1 van {n}" in tekst and f"pagina {n} van {n}" in tekst
    assert "Plan van aanpak · Zoë Bakker" in tekst and "versie 2, vastgesteld 23-11-2026 · gedrukt op 24-11-2026" in tekst
    assert "Twee ochtenden lukt al" in tekst and "deels behaald" in tekst
    assert "maandag 18 januari 2027" in tekst
    # the analysis as a table in plain words
    assert "Wat het moeilijk maakt Wat helpt Zoë zelf Grote groepen zijn moeilijk. Tekenen en muziek. " \
           "Thuis – Moeder is betrokken." in tekst
    # the signature block: the ouders with gezag, the student (also below 16) and the school, each with a line
    for wie in ("Ingrid Bakker moeder", "Mehmet Çelik verzorger", "Zoë Bakker leerling",
                "Anna de Vries zorgcoördinator, namens Het Baken"):
        assert wie in tekst, wie
    assert tekst.count("Handtekening:") == 4 and tekst.count("Datum:") == 4
    assert "Zoë is jonger dan 16. Daarom geven de ouders akkoord. Zoë tekent ook, want het is ook het plan van Zoë." \
        in tekst
    assert "CONCEPT" not in tekst


def test_from_16_the_students_signature_counts_and_comes_first():
    zestien = replace(ZOE, geboortedatum=date(2010, 11, 23))  # 16 on the day of the akkoord
    tekst = pdf_tekst(plan_pdf(afdruk(leerling=zestien)))
    assert "Zoë is 16 jaar of ouder. Daarom telt de handtekening van Zoë zelf." in tekst
    handtekeningen = tekst[tekst.index("Handtekeningen"):]
    assert handtekeningen.index("Zoë Bakker leerling") < handtekeningen.index("Ingrid Bakker moeder")


def test_the_signature_block_never_stands_alone_and_every_page_names_the_student():
    """Whatever the length of what comes before, the last page holds who to call and the signatures."""
    for n in range(1, 14, 2):
        p = plan(afspraken=tuple(PlanAfspraak("Mentor", f"Afspraak {i} over de week en de dag", "elke dag")
                                 for i in range(n * 3)))
        reader = lezer(plan_pdf(afdruk(p)))
        laatste = pagina_tekst(reader.pages[-1])
        assert "Handtekeningen" in laatste and "Wie u kunt bellen" in laatste, n
        for pagina in reader.pages:
            assert "Plan van aanpak · Zoë Bakker" in pagina_tekst(pagina)


def test_a_long_name_in_the_signature_block_never_runs_over_the_line_to_sign_on():
    """A name over three lines (and "leerling" under it) made its row taller than the fixed 17 mm: the last line
    was printed over the line to sign on and against the next name. Each row is as tall as its name, and never
    less than 17 mm, so there is always room to sign."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    from thuiszit_desktop.pdf.common import Document

    doc = Document(titel="Proef", auteur="Het Baken")
    blok = doc.handtekeningen(["Maximiliaan-Alexander Jean-Baptiste van der Heijden-Oudshoorn-Vermeulen\nleerling",
                               "Anna de Vries\nzorgcoördinator, namens Het Baken"])
    tabel = next(f for f in blok._content if isinstance(f, Table))
    tabel.wrap(doc.breedte, 800)
    for rij, hoogte in zip(tabel._cellvalues, tabel._rowHeights, strict=True):
        cel = rij[0][0] if isinstance(rij[0], tuple) else rij[0]  # reportlab keeps a cell's flowables in a tuple
        _, naam = cel.wrap(tabel._colWidths[0] - 12, 800)  # less the cell's padding left and right
        assert hoogte >= naam + 6 and hoogte >= 17 * mm, (cel.getPlainText(), hoogte, naam)


def test_metadata_and_only_embedded_dejavu():
    reader = lezer(plan_pdf(afdruk()))
    assert reader.metadata.title == "Plan van aanpak – Zoë Bakker"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert [x.title for x in reader.outline[1]][:3] == ["Waarom dit plan", "Wat het moeilijk maakt en wat helpt",
                                                         "Wat Zoë zelf zegt"]
    assert reader.metadata.author == "Het Baken"
    gebruikt = lettertypen(reader)
    assert gebruikt and all("DejaVuSans" in naam for naam in gebruikt), gebruikt
    assert all(gebruikt.values()), gebruikt
    assert not any("Helvetica" in naam for naam in gebruikt)


def test_diacritics_of_the_student():
    daniel = Leerling("1003", "Çelik", date(2009, 1, 2), date(2024, 8, 1), voornaam="Daniël", klas="4A")
    tekst = pdf_tekst(plan_pdf(afdruk(leerling=daniel)))
    assert "Plan van aanpak voor Daniël Çelik" in tekst and "Wat Daniël zelf zegt" in tekst


def test_long_fields_and_30_doelen_are_never_cut_off():
    lang = " ".join(f"woord{i}" for i in range(700))[:5000]
    assert len(lang) == 5000
    doelen = tuple(Doel(f"Doel nummer {i}: " + (lang if i % 10 == 0 else "naar school"), date(2027, 3, 1),
                        lang if i == 30 else "Mentor kijkt") for i in range(1, 31))
    p = plan(aanleiding=lang + " EINDE-AANLEIDING", analyse=lang, leerling_wil=lang, ouders_willen=lang,
             doelen=doelen,
             afspraken=(PlanAfspraak("Mentor", lang + " EINDE-AFSPRAAK", "elke dag"),),
             interventies=tuple(Interventie("Huiswerkbegeleiding", "Çelik", None, None) for _ in range(20)))
    pdf = plan_pdf(afdruk(p))
    reader = lezer(pdf)
    t = pdf_tekst(reader)
    assert "EINDE-AANLEIDING" in t and "EINDE-AFSPRAAK" in t
    assert "Doel 30. Doel nummer 30: " in t and lang[-40:] in t
    assert t.count(lang[-30:]) >= 5  # aanleiding, analyse, leerling, ouders, doelen 10/20/30, afspraak
    n = len(reader.pages)
    assert n > 5 and f"pagina {n} van {n}" in t
    assert "Handtekeningen" in t


def test_a_concept_cannot_be_signed():
    p = plan(status=PlanStatus.CONCEPT, akkoord=None, vastgesteld_op=None, overleg_datum=None, versie=1,
             afspraken=tuple(PlanAfspraak("Mentor", f"Afspraak {i}", "elke dag") for i in range(40)))
    reader = lezer(plan_pdf(afdruk(p)))
    assert len(reader.pages) >= 2
    for pagina in reader.pages:  # the band on every page
        assert "CONCEPT – niet ondertekenen" in pagina.extract_text()
    t = pdf_tekst(reader)
    assert "versie 1, concept van 23-11-2026" in t and "nog niet vastgesteld" in t
    assert "Dit is een concept." in t and "Teken het nog niet." in t
    assert "Handtekening:" not in t and "Handtekeningen" not in t and "Datum:" not in t
    laatste = pagina_tekst(reader.pages[-1])
    assert "Wie u kunt bellen" in laatste and "Dit concept tekent u nog niet." in laatste


def test_concept_and_empty_sections():
    p = plan(status=PlanStatus.CONCEPT, akkoord=None, vastgesteld_op=None, overleg_datum=None, versie=1,
             doelen=(), interventies=(), afspraken=(), evaluatiemomenten=(), contactpersonen=(), analyse="",
             factoren={})
    tekst = pdf_tekst(plan_pdf(afdruk(p)))
    for kop in KOPPEN:
        if kop != "Wat het moeilijk maakt en wat helpt":  # nothing to say: no heading
            assert kop in tekst


def test_the_casusregisseur_is_the_first_to_call():
    c = Contactpersoon("Karel Çelik", "leerplichtambtenaar, Gemeente Utrecht", "", "k.celik@utrecht.nl")
    tekst = pdf_tekst(plan_pdf(afdruk(casusregisseur=c)))
    assert "Wie u kunt bellen Naam Wie is dat Telefoon E-mail Karel Çelik casusregisseur: houdt het overzicht " \
           "(leerplichtambtenaar, Gemeente Utrecht) – k.celik@utrecht.nl Anna de Vries" in tekst
    # the casusregisseur among the plan's contacts is named once
    zelf = Contactpersoon("Anna de Vries", "zorgcoördinator", "010-1234567", "")
    tekst = pdf_tekst(plan_pdf(afdruk(casusregisseur=zelf)))
    assert tekst.count("010-1234567") == 1 and "a.devries@baken.nl" in tekst


def test_what_changed_since_the_version_before():
    v1 = plan(versie=1, doelen=(Doel("Twee ochtenden", date(2027, 2, 1), id=1,
                                     evaluaties=(Evaluatie(date(2026, 12, 15), Uitkomst.DEELS, "Gaat beter"),)),))
    v2 = plan(versie=2, doelen=(Doel("Drie ochtenden", date(2027, 3, 1), herkomst=1,
                                     eerdere_evaluaties=((1, v1.doelen[0].evaluaties[0]),)),))
    tekst = pdf_tekst(plan_pdf(afdruk(v2, vorige=v1)))
    assert "Wat er veranderd is sinds versie 1 • Doel aangepast: Drie ochtenden (was: Twee ochtenden) • Nieuwe " \
           "datum voor het doel ‘Drie ochtenden’: 1 maart 2027 (was 1 februari 2027)" in tekst
    assert "Hoe ging het op 15 december 2026 (versie 1): deels behaald – Gaat beter" in tekst


def test_helpers():
    assert voettekst(plan()) == "versie 2, vastgesteld 23-11-2026"


@pytest.fixture
def demo_afdruk(services):
    """Through the service: version 1 stays printable after version 2."""
    from thuiszit_desktop.domain.traject import Categorie

    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))
    services.leerlingen.opslaan(ZOE, date(2026, 11, 23))
    t = services.trajecten.openen("1001", Categorie.THUISZITTER, "Thuis sinds oktober", geopend=date(2026, 10, 1),
                                  vandaag=date(2026, 11, 23))
    p = services.plannen.nieuw(t.id, vandaag=date(2026, 11, 23))
    p = services.plannen.opslaan(plan(id=p.id, traject_id=t.id), vandaag=date(2026, 11, 23))
    v1 = services.plannen.vaststellen(p.id, date(2026, 11, 20), Akkoord("Ingrid Bakker", date(2026, 11, 23)),
                                      vandaag=date(2026, 11, 23))
    v2 = services.plannen.opslaan(v1, vandaag=date(2026, 11, 23))
    return services, v1, v2


def test_service_prints_every_version(demo_afdruk):
    services, v1, v2 = demo_afdruk
    tekst1 = pdf_tekst(services.plannen.pdf(v1.id))
    tekst2 = pdf_tekst(services.plannen.pdf(v2.id))
    assert "versie 1, vastgesteld 23-11-2026" in tekst1 and "Akkoord gegeven door Ingrid Bakker" in tekst1
    assert "Ingrid Bakker moeder" in tekst1 and "Mehmet Çelik verzorger" in tekst1 and "Zoë Bakker leerling" in tekst1
    assert "Anna de Vries zorgcoördinator, namens Het Baken" in tekst1
    assert "versie 2, concept" in tekst2 and "CONCEPT – niet ondertekenen" in tekst2
    assert "Wat er veranderd is sinds versie 1" in tekst2


def test_the_analysis_reaches_ouders_without_jargon(services):
    """From a step-4 analysis full of professional words to a plan ouders read: no labels that blame,
    no Kearney or MAS terms – the plain table instead."""
    from thuiszit_desktop.domain.traject import Analyse, Categorie, KearneyFunctie, Verzuimtype

    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))
    services.leerlingen.opslaan(ZOE, date(2026, 11, 23))
    t = services.trajecten.openen("1001", Categorie.THUISZITTER, "Thuis sinds oktober", geopend=date(2026, 10, 1),
                                  vandaag=date(2026, 11, 23))
    services.trajecten.analyse_opslaan(t.id, Analyse(
        {Domein.LEERLING: Factoren("schoolweigering sinds de zomer; M@zl loopt", "wil graag tekenen"),
         Domein.THUIS: Factoren("door ouders thuisgehouden op maandag", "betrokken moeder"),
         Domein.SCHOOL: Factoren("presentie laat gaten zien", "")},
        Verzuimtype.ONTHOUDEN, KearneyFunctie.SOCIALE_SITUATIES), vandaag=date(2026, 11, 23))
    p = services.plannen.nieuw(t.id, vandaag=date(2026, 11, 23))
    tekst = pdf_tekst(services.plannen.pdf(p.id)).casefold()
    for vakterm in ("schoolweigering", "onthouden", "thuisgehouden", "m@zl", "presentie", "kearney", "evaluerende",
                    "sociale situaties", "risicofactoren", "verzuimtype"):
        assert vakterm not in tekst, vakterm
    for gewoon in ("wat het moeilijk maakt", "wat helpt", "niet naar school kunnen gaan", "de jeugdarts",
                   "aanwezigheidslijst", "waarin zoë beoordeeld wordt", "wil graag tekenen"):
        assert gewoon in tekst, gewoon


def test_a_long_double_first_name_breaks_after_its_hyphen_in_the_analysis():
    """The first column of "Wat het moeilijk maakt en wat helpt" is narrow: "Maximiliaan-Alexander zelf" was
    broken inside the name ("Maximiliaan-Alex" and "ander" under it)."""
    max_ = Leerling("1004", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Maximiliaan-Alexander",
                    klas="2B", ouders=ZOE.ouders)
    tekst = pdf_tekst(plan_pdf(afdruk(leerling=max_)))
    assert "Maximiliaan- Alexander zelf Grote groepen zijn moeilijk." in tekst
    assert "Alex ander" not in tekst
