"""The dossier for an inzageverzoek (AVG art. 15): every table that holds something about a student – found by
walking the models – ends up in the dossier, in the JSON and in the PDF alike; plus the art. 15 information.

`MERKEN` has one entry per table with student data: a student gets a row in each, with a word that must come
back in the dossier. A new table with a path to `leerling` fails `test_every_table_with_student_data_has_a_mark`
until it gets an entry here – and then the test shows whether the dossier holds it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.gebruiker import Profiel
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.mdo import MdoDeelnemer, Toestemming
from thuiszit_desktop.domain.plan import Akkoord, Doel
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.traject import Analyse, Domein, Factoren, MdoRol
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services import inzage
from thuiszit_desktop.services.inzage import leerling_tabellen, rijen_van

VANDAAG = date(2026, 11, 23)


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


# table → the word that must come back in the dossier (PDF, JSON); one word when they are the same
MERKEN = {
    "leerling": "Merkelbach", "ouder": "Oudermerk", "vrijstelling": ("5c – ingeschreven op een school in het buitenland",
                                                                     '"type": "5c"'),
    "verzuim": "Verzuimmerk",
    "verzuimmelding": "DUO-MERK", "mazl_actie": "Mazlmerk", "signaal_bespreking": "Besprekingsmerk",
    "traject": "Trajectmerk", "checklist_afvinking": "Vinkmerk",
    "traject_analyse": "Analysemerk", "nazorg_moment": "Nazorgmerk", "gesprek": "Gesprekmerk",
    "afspraak": "Afspraakmerk", "mdo": "Mdomerk", "mdo_deelnemer": "Deelnemermerk", "besluit": "Besluitmerk",
    "toestemming": "Toestemmingmerk", "actiepunt": "Actiepuntmerk", "plan_van_aanpak": "Planmerk",
    "plan_doel": "Doelmerk", "plan_evaluatie": "Evaluatiemerk", "audit_regel": ("Het dossier afgedrukt", "dossier-pdf"),
    "stap_wissel": ("Wisselingen van stap Datum Van stap Naar stap Door 14-10-2026 1 3", '"van": 1, "naar": 3'),
}


@pytest.fixture
def zoe(services):
    """Zoë with a row in every table that can hold something about a student."""
    s = services
    s.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))
    s.leerlingen.opslaan(Leerling(
        "1001", "Merkelbach", d(5, 3, 2012), d(1, 8, 2024), voornaam="Zoë", klas="2B",
        ouders=(Ouder("Olga Oudermerk", Relatie.MOEDER, "06-12345678"),),
        vrijstellingen=(Vrijstelling(VrijstellingType.ART_5C, d(1, 8, 2024), d(31, 8, 2024)),)), VANDAAG)
    s.verzuim.invoeren("1001", d(2, 11), None, Reden.ZIEK, opmerking="Verzuimmerk", vandaag=VANDAAG)
    s.verzuim.melding_registreren("1001", d(5, 11), d(2, 11), "16_uur", "DUO-MERK", vandaag=VANDAAG)
    s.verzuim.mazl_registreren("1001", d(6, 11), "Mazlmerk", vandaag=VANDAAG)
    s.signalen.bespreken("1001", SignaalSoort.MAZL, d(6, 11), "Besprekingsmerk")
    tr = s.trajecten
    t = tr.openen("1001", "thuiszitter", "Trajectmerk", geopend=d(1, 10), vandaag=VANDAAG)
    tr.stap_wijzigen(t.id, 3, datum=d(14, 10), vandaag=VANDAAG)
    tr.afvinken(t.id, "swv_geinformeerd", datum=d(2, 10), notitie="Vinkmerk", vandaag=VANDAAG)
    tr.analyse_opslaan(t.id, Analyse({Domein.THUIS: Factoren("Analysemerk", "")}), vandaag=VANDAAG)
    tr.nazorg_toevoegen(t.id, d(1, 2, 2027), "Nazorgmerk")
    s.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(3, 10), "Gesprekmerk", afspraken=["Afspraakmerk"],
                          vertrouwelijk=True, vandaag=VANDAAG)
    mdo = s.mdo.mdo_vastleggen(t.id, d(10, 10), verslag="Mdomerk",
                            deelnemers=[MdoDeelnemer("Deelnemermerk", MdoRol.JEUGDARTS, "GGD")],
                            toestemmingen=[Toestemming("Toestemmingmerk", True)], besluiten=["Besluitmerk"],
                            actiepunten=[("Actiepuntmerk", "Anna de Vries", d(20, 10))], vandaag=VANDAAG)
    assert mdo.besluiten
    plan = s.plannen.nieuw(t.id, vandaag=VANDAAG)
    plan = s.plannen.opslaan(replace(plan, ouders_willen="Planmerk", doelen=(Doel("Doelmerk", d(1, 3, 2027)),)),
                             vandaag=VANDAAG)
    plan = s.plannen.vaststellen(plan.id, d(20, 11), Akkoord("Olga Oudermerk", d(20, 11)), vandaag=VANDAAG)
    s.plannen.evaluatie_vastleggen(plan.doelen[0].id, "deels", "Evaluatiemerk", datum=d(22, 11), vandaag=VANDAAG)
    s.afdrukken.dossier_pdf("1001")  # the audit trail: "afgedrukt dossier-pdf"
    return s


def test_the_walk_finds_every_table_with_student_data_and_nothing_else():
    paden = leerling_tabellen()
    namen = {model._meta.table_name for model in paden}
    assert {"ouder", "verzuim", "traject", "besluit", "plan_doel", "plan_evaluatie", "afspraak", "audit_regel",
            "mdo_deelnemer", "signaal_bespreking"} <= namen
    # no student data: the school, its settings and calendar, users, partners, drafts (werkaantekeningen)
    assert not namen & {"school", "instelling", "vrije_dag", "gebruiker", "profiel", "contact", "concept"}
    assert paden[m.Besluit] == ("mdo", "traject", "leerling") and paden[m.Ouder] == ("leerling",)
    assert paden[m.PlanEvaluatie] == ("doel", "plan", "traject", "leerling")
    assert paden[m.AuditRegel] == ("leerling_id",)


def test_every_table_with_student_data_has_a_mark():
    """A new table that holds something about a student must get a row and a word in MERKEN."""
    assert set(MERKEN) == {model._meta.table_name for model in leerling_tabellen()}


def test_every_row_of_every_table_comes_back_in_the_dossier_json_and_pdf(zoe):
    leerling_id = zoe.leerlingen.get("1001").id
    for model, pad in leerling_tabellen().items():  # the fixture really fills every table
        assert rijen_van(model, pad, leerling_id).exists(), model._meta.table_name
    dossier = zoe.inzage.dossier("1001")
    assert set(dossier.tabellen) == set(MERKEN)
    data = json.dumps(dossier.to_dict(), ensure_ascii=False)
    pdf = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    for tabel, merk in MERKEN.items():
        pdf_merk, json_merk = merk if isinstance(merk, tuple) else (merk, merk)
        assert json_merk in data, f"{tabel} ontbreekt in dossier --json"
        assert pdf_merk in pdf, f"{tabel} ontbreekt in de PDF"
    assert "Plan van aanpak, versie 1" in pdf
    assert "Olga Oudermerk (ouder/verzorger), 20-11-2026" in pdf  # the akkoord
    assert "Gesprekmerk" in pdf  # vertrouwelijk, but an inzage covers it


def test_a_table_without_a_section_of_its_own_still_comes_back(zoe, monkeypatch):
    """Every table is in the dossier by construction: one that has no section lands in "Overige gegevens"."""
    monkeypatch.setattr(inzage, "GETOOND", inzage.GETOOND - {m.SignaalBespreking, m.MazlActie})
    dossier = zoe.inzage.dossier("1001")
    assert [r["notitie"] for r in dossier.overig["signaal_bespreking"]] == ["Besprekingsmerk"]
    assert [r["opmerking"] for r in dossier.overig["mazl_actie"]] == ["Mazlmerk"]
    assert "Overige gegevens (signaal bespreking)" in dossier.avg[1].punten


def test_the_art_15_information_in_plain_dutch(zoe):
    zoe.bewaren.termijnen_opslaan(3, 7)
    dossier = zoe.inzage.dossier("1001")
    koppen = [o.kop for o in dossier.avg]
    assert koppen == ["Waarom de school deze gegevens heeft", "Welke gegevens de school heeft",
                      "Waar de gegevens vandaan komen", "Wie de gegevens krijgt",
                      "Hoe lang de school de gegevens bewaart", "Uw rechten", "Vragen of een klacht"]
    pdf = pdf_tekst(zoe.afdrukken.dossier_pdf("1001"))
    for tekst in ("Leerplichtwet", "tot 3 jaar nadat Zoë van school is gegaan", "bewaren we 7 jaar",
                  "recht op rectificatie", "recht op vergetelheid", "recht op beperking", "recht van bezwaar",
                  "Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)", "binnen een maand",
                  "Toestemmingmerk: met toestemming (sinds 10-10-2026)",
                  "Deelnemermerk (jeugdarts / JGZ, GGD): in het overleg (MDO) van 10-10-2026",
                  "De leerplichtambtenaar, via de meldingen bij DUO", "Gegevens over de gezondheid",
                  "Het plan van aanpak, alle versies, met doelen, evaluaties en akkoord"):
        assert tekst in pdf, tekst
    data = zoe.inzage.dossier("1001").to_dict()
    assert [o["kop"] for o in data["avg"]] == koppen
    assert any("autoriteitpersoonsgegevens.nl" in t for o in data["avg"] for t in o["tekst"])


def test_who_used_the_dossier(zoe):
    dossier = zoe.inzage.dossier("1001")
    afgedrukt = [g for g in dossier.gebruik if g.actie == "afgedrukt" and g.wat == "dossier-pdf"]
    assert [(g.wie, g.aantal) for g in afgedrukt] == [("Anna de Vries", 1)]
    assert sum(g.aantal for g in dossier.gebruik) == m.AuditRegel.select().where(  # this view included
        m.AuditRegel.leerling_id == dossier.leerling.id).count()
