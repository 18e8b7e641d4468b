"""The dossier PDF for an inzageverzoek (AVG), read back with pypdf: every section of the dossier, names with
diacritics, page numbers, embedded fonts, metadata; long texts are wrapped, not cut off."""

from __future__ import annotations

from datetime import date

import pytest

from tests.pdfhulp import lettertypen, lezer, pdf_tekst
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, NietGevonden
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.mdo import MdoDeelnemer, Toestemming
from thuiszit_desktop.domain.traject import Analyse, Domein, Factoren, MdoRol, Verzuimtype
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.pdf.dossier import SECTIES
from thuiszit_desktop.services.session import Services

VANDAAG = date(2026, 11, 23)
LANG = " ".join(f"regel{n} van een lang verslag over Zoë." for n in range(160)) + " EINDE-VERSLAG"


@pytest.fixture
def zoe(services):
    """Zoë Bakker with everything a dossier can hold; a 5,000-character MDO-verslag and gesprek."""
    services.leerlingen.opslaan(Leerling(
        leerlingnummer="1001", voornaam="Zoë", achternaam="Bakker", geboortedatum=date(2012, 3, 5),
        inschrijfdatum=date(2024, 8, 1), klas="2B", mentor="Daniël de Jong", bsn="123456782",
        ouders=(Ouder("Ingrid Çelik", Relatie.MOEDER, "06-12345678", "ingrid@example.nl", "Dorpsstraat 1, Utrecht"),),
        vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2026, 1, 1), date(2026, 6, 30)),)), VANDAAG)
    tr = services.trajecten
    t = tr.openen_vanuit_signaal("1001", "meldplicht_16u", date(2026, 9, 17), geopend=date(2026, 9, 18),
                                 vandaag=VANDAAG)
    tr.stap_wijzigen(t.id, 3, datum=date(2026, 10, 1), vandaag=VANDAAG)
    tr.afvinken(t.id, "swv_geinformeerd", datum=date(2026, 9, 20), notitie="Gebeld met het SWV", vandaag=VANDAAG)
    tr.analyse_opslaan(t.id, Analyse({Domein.SCHOOL: Factoren("Gepest in de pauzes", "Fijne mentor")},
                                     Verzuimtype.SCHOOLWEIGERING), datum=date(2026, 9, 25), vandaag=VANDAAG)
    services.gesprekken.gesprek_vastleggen("1001", "gesprek_leerling", date(2026, 9, 24), "Zoë vertelt over de pauzes. " + LANG,
                          deelnemers="Zoë, Daniël de Jong", afspraken=["Zoë eet bij de mentor"], vandaag=VANDAAG)
    services.mdo.mdo_vastleggen(t.id, date(2026, 10, 1), deelnemers=[
        MdoDeelnemer("Anna de Vries", MdoRol.ZORGCOORDINATOR),
        MdoDeelnemer("Karel Çelik", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht")],
        toestemmingen=[Toestemming("GGD regio Utrecht", True)], verslag=LANG,
        besluiten=["Rooster aanpassen"], actiepunten=[("Jeugdarts inschakelen", "Karel Çelik", date(2026, 10, 8))],
        vandaag=VANDAAG)
    services.actiepunten.actiepunt_toevoegen("1001", "Ouders bellen", "Anna de Vries", date(2026, 10, 9))
    services.verzuim.melding_registreren("1001", date(2026, 9, 17), date(2026, 9, 16), MeldingSoort.ZESTIEN_UUR,
                                         "DUO-2026-12345", vandaag=VANDAAG)
    services.verzuim.mazl_registreren("1001", date(2026, 9, 22), "Jeugdarts gevraagd", vandaag=VANDAAG)
    tr.nazorg_toevoegen(t.id, date(2027, 1, 15), "Nazorg na zes weken")
    return services


def test_every_section_and_what_it_holds(zoe):
    pdf = zoe.afdrukken.dossier_pdf("1001")
    t = pdf_tekst(pdf)
    for kop in ("Dossier van Zoë Bakker", *SECTIES):
        assert kop in t, kop
    assert "een kopie van alles wat Het Baken over Zoë Bakker heeft vastgelegd" in t and "inzageverzoek (AVG)" in t
    assert f"Gemaakt op {date.today():%d-%m-%Y} om" in t
    for wat in ("Leerlingnummer 1001", "Geboortedatum 05-03-2012", "Mentor Daniël de Jong", "BSN 123456782",
                "Ingrid Çelik (moeder)", "Telefoon 06-12345678", "Adres Dorpsstraat 1, Utrecht",
                "01-01-2026 30-06-2026",
                "Traject dreigend thuiszitter – geopend 18-09-2026", "Vanuit signaal",
                "Stap 3: Met wie werk je samen rondom (dreigend) thuiszitten (huidige stap)",
                "Samenwerkingsverband geïnformeerd 20-09-2026, Anna de Vries: Gebeld met het SWV",
                "School Gepest in de pauzes Fijne mentor", "Verzuimtype Schoolweigering",
                "24-09-2026 · Gesprek met de leerling", "Zoë vertelt over de pauzes.", "• Zoë eet bij de mentor",
                "MDO van 01-10-2026", "Karel Çelik Leerplichtambtenaar Gemeente Utrecht", "GGD regio Utrecht ja",
                "1. Rooster aanpassen", "Jeugdarts inschakelen Karel Çelik 08-10-2026 Open",
                "Ouders bellen Anna de Vries", "16 uur ongeoorloofd verzuim 16-09-2026 DUO-2026-12345",
                "22-09-2026 Jeugdarts gevraagd", "15-01-2027", "Nazorg na zes weken", "nog niet",
                "Er zijn geen signalen.", "Er is geen verzuim geregistreerd."):
        assert wat in t, wat
    assert "{" not in t and "None" not in t and "True" not in t  # readable, not a dump


def test_long_texts_wrap_over_pages_nothing_cut_off(zoe):
    assert len(LANG) > 5000
    pdf = zoe.afdrukken.dossier_pdf("1001")
    t = pdf_tekst(pdf)
    assert t.count("EINDE-VERSLAG") == 2  # the gesprek and the MDO-verslag
    assert [n for n in range(160) if t.count(f"regel{n} ") != 2] == []  # a page break may split a sentence
    pages = len(lezer(pdf).pages)
    assert pages >= 3
    for n in range(1, pages + 1):
        assert f"pagina {n} van {pages}" in t


def test_metadata_and_only_embedded_dejavu_fonts(zoe):
    pdf = zoe.afdrukken.dossier_pdf("1001")
    meta = lezer(pdf).metadata
    assert meta.title == "Dossier – Zoë Bakker" and meta.author == "Het Baken"
    namen = lettertypen(pdf)
    assert namen and all(namen.values()) and all("DejaVuSans" in n for n in namen), namen
    assert not any("Helvetica" in n for n in namen)


def test_an_empty_dossier_still_reads_well(zoe):
    zoe.leerlingen.opslaan(Leerling(leerlingnummer="1003", voornaam="Daniël", tussenvoegsel="de", achternaam="Jong",
                                    geboortedatum=date(2012, 1, 1), inschrijfdatum=date(2024, 8, 1)), VANDAAG)
    t = pdf_tekst(zoe.afdrukken.dossier_pdf("1003"))
    for kop in SECTIES:
        assert kop in t
    assert "Dossier van Daniël de Jong" in t and "Er zijn geen trajecten geweest." in t
    assert "pagina 1 van" in t
    assert "Buiten de school heeft niemand gegevens uit dit dossier gekregen." in t


def test_only_the_zorgcoordinator_and_a_known_student(zoe):
    with pytest.raises(NietGevonden, match="geen leerling met leerlingnummer 9999"):
        zoe.afdrukken.dossier_pdf("9999")
    row = m.Gebruiker.create(naam="Daniël de Jong", naam_sleutel="daniël de jong", rol=Rol.MENTOR.value)
    mentor = Services(zoe.ctx.store, Gebruiker(row.id, "Daniël de Jong", Rol.MENTOR))
    with pytest.raises(GeenToegang, match="alleen de zorgcoördinator"):
        mentor.afdrukken.dossier_pdf("1001")


def test_the_traject_shows_the_one_evaluation_date_the_app_shows(zoe):
    """The plan's next evaluatiemoment, not a date on the traject that the plan has replaced."""
    from dataclasses import replace

    traject = zoe.trajecten.lijst()[0]
    plan = zoe.plannen.nieuw(traject.id, vandaag=VANDAAG)
    volgend_jaar = date.today().year + 1
    zoe.plannen.opslaan(replace(plan, evaluatiemomenten=(date(volgend_jaar, 2, 1),)), vandaag=VANDAAG)
    t = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    assert f"Evaluatie 01-02-{volgend_jaar}" in t


def test_hours_per_day_read_as_everywhere_else(zoe):
    """A 50-minute lesuur is 0,83 uur on the screen and in every other PDF: the dossier shows the same figure,
    not Python's 0,833333."""
    zoe.verzuim.invoeren("1001", date(2026, 11, 16), None, Reden.ZIEK, uren=50 / 60, vandaag=VANDAAG)
    t = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    assert "0,83" in t
    assert "0,833" not in t


def test_users_by_the_full_name_of_their_profile(zoe):
    """Who wrote what, who is casusregisseur, who was at the MDO: the full name of the user's profile, as in the
    MDO-verslag of the same meeting – the demo's dossier said "demo" (a login name) where the verslag said
    "Marieke Jansen"."""
    from thuiszit_desktop.domain.gebruiker import Profiel

    zoe.profielen.opslaan(Profiel("Johanna Visser", "zorgcoördinator", "030-1234567"))  # logs in as Anna de Vries
    t = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    for wat in ("Casusregisseur Johanna Visser", "01-10-2026 1 3 Johanna Visser",
                "Samenwerkingsverband geïnformeerd 20-09-2026, Johanna Visser: Gebeld met het SWV",
                "Vastgelegd door Johanna Visser", "Johanna Visser Zorgcoördinator Het Baken",
                "Ouders bellen Johanna Visser", "• Johanna Visser (zorgcoördinator, Het Baken)"):
        assert wat in t, wat
    assert t.index("Wie het dossier heeft gebruikt Wie Wat Aantal Wanneer Johanna Visser") > 0
    assert t.count("Anna de Vries") == 1 and "Verslaglegger Anna de Vries" in t  # a text, kept as it was typed
    verslag = pdf_tekst(zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG))
    assert "Johanna Visser Zorgcoördinator Het Baken" in verslag


def test_who_used_the_dossier_in_plain_words(zoe):
    """The audit trail's kinds are the program's words ("afgedrukt mdo-pdf", "gewijzigd traject: analyse_opslaan"):
    an ouder reads what was done with what, and two kinds that read the same are one row."""
    from thuiszit_desktop.domain.gewone_woorden import gebruik_voor_ouders

    zoe.afdrukken.mdo_pdf("1001", date(2026, 10, 1), vandaag=VANDAAG)
    zoe.afdrukken.dossier_pdf("1001")
    t = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    gebruikt = t[t.index("Wie het dossier heeft gebruikt Wie Wat"):]
    for wat in ("Het dossier bekeken", "Het dossier afgedrukt 1", "Het verslag van een overleg (MDO) afgedrukt",
                "De gegevens van de leerling toegevoegd", "De begeleiding gewijzigd", "Een gesprek toegevoegd",
                "De stap van de begeleiding gewijzigd", "De afwezigheid gewijzigd"):
        assert wat in gebruikt, wat
    for code in ("-pdf", "_", "traject:", "verzuim:"):
        assert code not in gebruikt, code
    assert gebruikt.count("De begeleiding gewijzigd") == 1  # afvinken, analyse_opslaan, nazorg_toevoegen: one row
    assert gebruik_voor_ouders("geweigerd", "trajecten: get") == "De begeleiding gevraagd, maar niet toegestaan"
    assert gebruik_voor_ouders("gewijzigd", "traject gesloten") == "De begeleiding afgesloten"
    assert gebruik_voor_ouders("toegevoegd", "ongedaan maken: gesprek") == "Iets wat verwijderd was, teruggezet"


def test_the_date_of_a_discussed_signal_is_not_broken_over_two_lines(zoe):
    """The column "Van" of "Besproken signalen" was narrower than a date: "05-09-202" with the "6" under it."""
    from thuiszit_desktop.domain.signalen import SignaalSoort

    zoe.signalen.bespreken("1001", SignaalSoort.MELDPLICHT_16U, date(2026, 9, 17), "Besproken met moeder")
    t = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    assert "Besproken signalen Signaal Van Notitie Door, op" in t
    assert "17-09-2026 Besproken met moeder" in t
