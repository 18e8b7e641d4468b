"""The plan van aanpak PDF read back with pypdf: every section under its plain heading, names with
diacritics, "pagina X van Y", the signature block, only embedded DejaVu fonts, metadata, long inputs
never cut off, and the speed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.plan import (
    Akkoord,
    AkkoordRol,
    Contactpersoon,
    Doel,
    Evaluatie,
    Interventie,
    Plan,
    PlanAfdruk,
    PlanAfspraak,
    PlanStatus,
    Uitkomst,
)
from thuiszit_desktop.pdf.plan import datum_tekst, plan_pdf, voettekst

KOPPEN = ("Waarom dit plan", "Wat Zoë zelf zegt", "Wat ouders willen", "Onze doelen", "Wat we doen", "Afspraken",
          "Wanneer we kijken hoe het gaat", "Wie u kunt bellen", "Handtekeningen")

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
        overleg_datum=date(2026, 11, 20), akkoord=Akkoord("Ingrid Bakker", date(2026, 11, 23), AkkoordRol.OUDER),
        vastgesteld_op=date(2026, 11, 23), gewijzigd=date(2026, 11, 23), id=7)
    basis.update(kw)
    return Plan(**basis)


def afdruk(p: Plan | None = None, leerling: Leerling = ZOE) -> PlanAfdruk:
    return PlanAfdruk(p or plan(), leerling, "Het Baken",
                      ("Ingrid Bakker (moeder)", "Anna de Vries (namens Het Baken)"), "Anna de Vries")


def lees(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


def plat(tekst: str) -> str:
    return " ".join(tekst.split())


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name → embedded, over every page (what `pdffonts` shows)."""
    uit: dict[str, bool] = {}
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            uit[str(f["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return uit


def test_every_section_names_and_footer():
    reader, tekst = lees(plan_pdf(afdruk()))
    tekst = plat(tekst)
    for kop in KOPPEN:
        assert kop in tekst
    for naam in ("Zoë Bakker", "Daniël de Jong", "zorgcoördinator", "Ingrid Bakker"):
        assert naam in tekst
    assert "Klas" in tekst and "2B" in tekst and "5 maart 2012" in tekst
    n = len(reader.pages)
    assert f"pagina 1 van {n}" in tekst and f"pagina {n} van {n}" in tekst
    assert "Plan van aanpak · versie 2 · vastgesteld 23-11-2026" in tekst
    assert "Twee ochtenden lukt al" in tekst and "deels behaald" in tekst
    assert "maandag 18 januari 2027" in tekst
    # the signature block: everyone who signs, with a date and a line
    assert "Ingrid Bakker (moeder)" in tekst and "Anna de Vries (namens Het Baken)" in tekst
    assert tekst.count("Handtekening:") == 2 and tekst.count("Datum:") == 2


def test_metadata_and_only_embedded_dejavu():
    reader, _ = lees(plan_pdf(afdruk()))
    assert reader.metadata.title == "Plan van aanpak – Zoë Bakker"
    assert reader.metadata.author == "Het Baken"
    gebruikt = fonts(reader)
    assert gebruikt and all("DejaVuSans" in naam for naam in gebruikt), gebruikt
    assert all(gebruikt.values()), gebruikt
    assert not any("Helvetica" in naam for naam in gebruikt)


def test_diacritics_of_the_student():
    daniel = Leerling("1003", "Çelik", date(2009, 1, 2), date(2024, 8, 1), voornaam="Daniël", klas="4A")
    _, tekst = lees(plan_pdf(afdruk(leerling=daniel)))
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
    reader, tekst = lees(pdf)
    t = plat(tekst)
    assert "EINDE-AANLEIDING" in t and "EINDE-AFSPRAAK" in t
    assert "Doel 30. Doel nummer 30: " in t and lang[-40:] in t
    assert t.count(lang[-30:]) >= 5  # aanleiding, analyse, leerling, ouders, doelen 10/20/30, afspraak
    n = len(reader.pages)
    assert n > 5 and f"pagina {n} van {n}" in t
    assert "Handtekeningen" in t


def test_concept_and_empty_sections():
    p = plan(status=PlanStatus.CONCEPT, akkoord=None, vastgesteld_op=None, overleg_datum=None, versie=1,
             doelen=(), interventies=(), afspraken=(), evaluatiemomenten=(), contactpersonen=(), analyse="")
    _, tekst = lees(plan_pdf(afdruk(p)))
    assert "Plan van aanpak · versie 1 · concept van 23-11-2026" in tekst
    assert "nog niet vastgesteld" in tekst
    for kop in KOPPEN:
        assert kop in tekst


def test_helpers():
    assert datum_tekst(date(2027, 3, 1)) == "1 maart 2027"
    assert datum_tekst(date(2027, 3, 1), dag=True) == "maandag 1 maart 2027"
    assert voettekst(plan()) == "Plan van aanpak · versie 2 · vastgesteld 23-11-2026"


@pytest.fixture
def demo_afdruk(services):
    """Through the service: version 1 stays printable after version 2."""
    from thuiszit_desktop.domain.traject import Categorie

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
    tekst1 = plat(lees(services.plannen.pdf(v1.id))[1])
    tekst2 = plat(lees(services.plannen.pdf(v2.id))[1])
    assert "versie 1 · vastgesteld 23-11-2026" in tekst1 and "Akkoord gegeven door Ingrid Bakker" in tekst1
    assert "versie 2 · concept" in tekst2
    assert "Ingrid Bakker (moeder)" in tekst2 and "Mehmet Çelik (verzorger)" in tekst2
    assert "Anna de Vries (namens Het Baken)" in tekst2
