"""The MDO-verslag PDF, read back with pypdf: every section, names with diacritics, page numbers, embedded
fonts, metadata; which MDO is printed, and who may print it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.pdfhulp import lettertypen, lezer, pagina_tekst, pdf_tekst
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, NietGevonden
from thuiszit_desktop.domain.gebruiker import Gebruiker, Profiel, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import MdoDeelnemer, Toestemming
from thuiszit_desktop.domain.traject import MdoRol
from thuiszit_desktop.services.session import Services

VANDAAG = date(2026, 11, 23)
SECTIES = ("Verslag MDO", "Aanwezig", "Toestemming van ouders", "Agenda", "Verslag", "Besluiten",
           "Actiepunten", "Verzendlijst")


def leerling(nummer: str, voornaam: str, tussenvoegsel: str, achternaam: str) -> Leerling:
    return Leerling(leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel=tussenvoegsel, achternaam=achternaam,
                    geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1), klas="2B")


@pytest.fixture
def zoe(services):
    """Zoë Bakker with a traject and two MDO's (1 oktober and 5 november) and a planned one in december;
    Mehmet Çelik without any MDO."""
    services.leerlingen.opslaan(leerling("1001", "Zoë", "", "Bakker"), VANDAAG)
    services.leerlingen.opslaan(leerling("1002", "Mehmet", "", "Çelik"), VANDAAG)
    tr = services.trajecten
    t = tr.openen("1001", "dreigend_thuiszitter", "Veel verzuim na de herfstvakantie", geopend=date(2026, 9, 18),
                  vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, date(2026, 10, 1), deelnemers=[
        MdoDeelnemer("Anna de Vries", MdoRol.ZORGCOORDINATOR),
        MdoDeelnemer("Karel Çelik", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht"),
        MdoDeelnemer("Daniël Visser", MdoRol.JEUGDARTS, "GGD regio Utrecht"),
        MdoDeelnemer("Ingrid Bakker", MdoRol.OUDER)],
        toestemmingen=[Toestemming("GGD regio Utrecht", True), Toestemming("Wijkteam Noord", False)],
        verslag="Zoë vertelt dat de pauzes moeilijk zijn.\nDe ouders zijn bezorgd.",
        besluiten=["Rooster aanpassen: halve dagen", "Jeugdarts doet een gesprek"],
        actiepunten=[("Rooster maken", "Anna de Vries", date(2026, 10, 8)),
                     ("Gesprek met Zoë", "Daniël Visser", date(2026, 10, 15))], vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, date(2026, 11, 5), deelnemers=[
        MdoDeelnemer("Anna de Vries", MdoRol.ZORGCOORDINATOR),
        MdoDeelnemer("Lisanne Kok", MdoRol.JEUGDHULP, "Wijkteam Noord"),
        MdoDeelnemer("Daniël Visser", MdoRol.JEUGDARTS, "GGD regio Utrecht", afgemeld=True)],
        verslag="Tweede overleg: het gaat beter.", besluiten=["Doorgaan met het rooster"],
        verslaglegger="Mo Amrani", volgend_overleg=date(2026, 12, 10),
        verzenden_aan=["Huisarts dr. Öztürk", ""], vandaag=VANDAAG)
    tr.mdo_vastleggen(t.id, date(2026, 12, 10), vandaag=VANDAAG)  # planned: not the default
    return services


def test_the_verslag_has_every_section_and_the_names(zoe):
    pdf = zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG)
    t = pdf_tekst(pdf)
    for kop in SECTIES:
        assert kop in t
    for wat in ("Zoë Bakker (leerlingnummer 1001)", "2B", "donderdag 1 oktober 2026", "Het Baken",
                "Karel Çelik", "Leerplichtambtenaar", "Gemeente Utrecht", "Daniël Visser", "Jeugdarts / JGZ",
                "Ingrid Bakker", "Ouder / verzorger",
                "GGD regio Utrecht ja 01-10-2026", "Wijkteam Noord nee 01-10-2026",
                "1. Opening, kennismaking", "Zoë vertelt dat de pauzes moeilijk zijn. De ouders zijn bezorgd.",
                "1. Rooster aanpassen: halve dagen", "2. Jeugdarts doet een gesprek",
                "Rooster maken Anna de Vries 08-10-2026 Open", "Gesprek met Zoë Daniël Visser 15-10-2026 Open",
                "Verslag MDO · Zoë Bakker", "overleg van 01-10-2026", "gedrukt op 23-11-2026", "pagina 1 van"):
        assert wat in t, wat
    assert "{" not in t and "None" not in t and "MdoRol" not in t  # no reprs


def test_consent_in_force_from_earlier_meetings_and_a_partner_without_it(zoe):
    """At the second MDO nothing was recorded, but the GGD's consent of 1 oktober still holds; the wijkteam
    took part although the ouders said no."""
    t = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 11, 5), vandaag=VANDAAG))
    assert "Op 05-11-2026 geldt deze toestemming van de ouders om gegevens te delen, ook als die bij een eerder " \
           "overleg is gegeven" in t
    assert "GGD regio Utrecht ja 01-10-2026" in t and "Wijkteam Noord nee 01-10-2026" in t
    assert "Let op: Lisanne Kok (jeugdhulp / wijkteam) deed mee, maar voor Wijkteam Noord is op deze datum geen " \
           "toestemming." in t
    assert "Daniël Visser deed mee" not in t  # afgemeld: not at the table
    assert "geen toestemming vastgelegd" not in t


def test_verslaglegger_casusregisseur_afgemeld_next_meeting_and_distribution(zoe):
    zoe.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "030-1234567", "a.devries@baken.nl"))
    t = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 11, 5), vandaag=VANDAAG))
    assert "Casusregisseur Anna de Vries, zorgcoördinator · 030-1234567 · a.devries@baken.nl" in t
    assert "Verslaglegger Mo Amrani" in t
    assert "Volgend overleg donderdag 10 december 2026" in t
    aanwezig = t[t.index("Aanwezig"):t.index("Afgemeld")]
    assert "Anna de Vries Zorgcoördinator Het Baken" in aanwezig  # school staff: the school
    assert "Lisanne Kok" in aanwezig and "Daniël Visser" not in aanwezig
    assert "Uitgenodigd, maar afgemeld: • Daniël Visser (jeugdarts / JGZ, GGD regio Utrecht)" in t
    verzend = t[t.index("Verzendlijst"):]
    for wie in ("Anna de Vries (zorgcoördinator, Het Baken)", "Lisanne Kok (jeugdhulp / wijkteam, Wijkteam Noord)",
                "Daniël Visser (jeugdarts / JGZ, GGD regio Utrecht)", "Huisarts dr. Öztürk"):
        assert wie in verzend, wie
    # the first MDO: the verslaglegger is who recorded it, no next meeting
    eerste = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG))
    assert "Verslaglegger Anna de Vries" in eerste and "Volgend overleg nog niet gepland" in eerste
    assert "Afgemeld" not in eerste


def test_from_16_the_student_gives_consent(zoe):
    """Zoë is born 5-3-2012; a student born 16 years before the meeting gets "Toestemming van de leerling"."""
    zoe.leerlingen.opslaan(replace(zoe.leerlingen.get("1001"), geboortedatum=date(2010, 10, 1)), VANDAAG)
    t = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG))
    assert "Toestemming van de leerling" in t and "Toestemming van ouders" not in t
    assert "geldt deze toestemming van de leerling" in t
    zoe.leerlingen.opslaan(replace(zoe.leerlingen.get("1001"), geboortedatum=date(2010, 10, 2)), VANDAAG)
    t = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG))
    assert "Toestemming van ouders" in t and "Toestemming van de leerling" not in t


def test_every_page_names_the_student_and_the_print_date(zoe):
    [t] = zoe.trajecten.trajecten("1001")
    mdo = zoe.trajecten.mdos(t.id)[0]
    zoe.trajecten.mdo_bijwerken(mdo.id, verslag="\n".join(f"Regel {n} van een lang verslag." for n in range(120)))
    reader = lezer(zoe.afdrukken.mdo_pdf("1001", mdo.datum, vandaag=VANDAAG))
    assert len(reader.pages) >= 3
    for n, pagina in enumerate(reader.pages, 1):
        p = pagina_tekst(pagina)
        assert "Verslag MDO · Zoë Bakker" in p and "gedrukt op 23-11-2026" in p, n
        assert f"pagina {n} van {len(reader.pages)}" in p and "Zoë Bakker · Vertrouwelijk" in p


def test_metadata_and_only_embedded_dejavu_fonts(zoe):
    pdf = zoe.afdrukken.mdo_pdf("1001", vandaag=VANDAAG)
    meta = lezer(pdf).metadata
    assert meta.title == "Verslag MDO – Zoë Bakker – 05-11-2026"
    assert meta.author == "Het Baken"
    namen = lettertypen(pdf)
    assert namen and all(namen.values()) and all("DejaVuSans" in n for n in namen), namen
    assert not any("Helvetica" in n for n in namen)


def test_default_is_the_latest_mdo_held_and_a_date_picks_one(zoe):
    laatste = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", vandaag=VANDAAG))
    assert "donderdag 5 november 2026" in laatste and "Tweede overleg" in laatste
    assert "Er zijn geen actiepunten afgesproken." in laatste
    eerste = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG))
    assert "Tweede overleg" not in eerste and "Rooster maken" in eerste
    gepland = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 12, 10), vandaag=VANDAAG))
    assert "donderdag 10 december 2026" in gepland and "Er zijn geen deelnemers vastgelegd." in gepland


def test_nothing_to_print_is_a_dutch_message(zoe):
    with pytest.raises(NietGevonden, match="Er is nog geen MDO vastgelegd voor Mehmet Çelik"):
        zoe.afdrukken.mdo_pdf("1002")
    with pytest.raises(NietGevonden, match="geen leerling met leerlingnummer 9999"):
        zoe.afdrukken.mdo_pdf("9999")
    with pytest.raises(NietGevonden, match="Er is geen MDO van 02-10-2026 voor Zoë Bakker. Kies een van deze "
                                           "datums: 2026-10-01, 2026-11-05, 2026-12-10."):
        zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 2))
    with pytest.raises(NietGevonden, match="nog niet gehouden"):
        zoe.afdrukken.mdo_pdf("1001", vandaag=date(2026, 9, 30))


def _mentor(services) -> Services:
    row = m.Gebruiker.create(naam="Daniël de Jong", naam_sleutel="daniël de jong", rol=Rol.MENTOR.value)
    return Services(services.ctx.store, Gebruiker(row.id, "Daniël de Jong", Rol.MENTOR, ("2B",)))


def test_a_vertrouwelijk_verslag_is_for_the_zorgcoordinator_only(zoe):
    [t] = zoe.trajecten.trajecten("1001")
    mdo = zoe.trajecten.mdos(t.id)[0]
    mentor = _mentor(zoe)
    assert "Rooster maken" in pdf_tekst(mentor.afdrukken.mdo_pdf("1001", mdo.datum, vandaag=VANDAAG))
    zoe.trajecten.mdo_bijwerken(mdo.id, vertrouwelijk=True)
    with pytest.raises(GeenToegang, match="vertrouwelijk: alleen de zorgcoördinator"):
        mentor.afdrukken.mdo_pdf("1001", mdo.datum, vandaag=VANDAAG)
    t = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", mdo.datum, vandaag=VANDAAG))
    assert "Zoë vertelt dat de pauzes moeilijk zijn." in t and "Deel het niet verder dan de mensen op de " \
                                                                "verzendlijst." in t


def test_a_long_verslag_wraps_over_pages_and_nothing_is_cut_off(zoe):
    [t] = zoe.trajecten.trajecten("1001")
    mdo = zoe.trajecten.mdos(t.id)[0]
    lang = " ".join(f"zin{n} over Zoë en de school." for n in range(200))
    assert len(lang) > 5000
    zoe.trajecten.mdo_bijwerken(mdo.id, verslag="Begin.\n" + lang + " EINDE-VAN-HET-VERSLAG")
    pdf = zoe.afdrukken.mdo_pdf("1001", mdo.datum, vandaag=VANDAAG)
    t = pdf_tekst(pdf)
    assert [n for n in range(200) if f"zin{n} " not in t] == []  # a page break may split a sentence
    assert "EINDE-VAN-HET-VERSLAG" in t and "Rooster maken" in t
    pages = len(lezer(pdf).pages)
    assert pages >= 2 and f"pagina 1 van {pages}" in t and f"pagina {pages} van {pages}" in t

