"""Checklist items that tick themselves from the dossier (domain/bewijs.py), as tables of cases."""

from datetime import date

import pytest

from thuiszit_desktop.domain.bewijs import (
    Deelnemer,
    Dossierfeiten,
    GesprekFeit,
    MdoFeit,
    MeldingFeit,
    PlanFeit,
    ToestemmingFeit,
    automatisch,
)
from thuiszit_desktop.domain.traject import CHECKLIST, GesprekType, MdoRol

D = date.fromisoformat
GEOPEND = D("2026-10-01")
JEUGDARTS = Deelnemer("Dr. Anouk Smit", MdoRol.JEUGDARTS, "GGD Regio Midden")
LPA = Deelnemer("Henk Vos", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht")
SWV = Deelnemer("Rita Kaya", MdoRol.SWV_CONSULENT, "SWV Sterk")
WIJKTEAM = Deelnemer("Sam de Wit", MdoRol.JEUGDHULP, "Wijkteam Noord")
MENTOR = Deelnemer("Piet Jansen", MdoRol.MENTOR)
OUDER = Deelnemer("Ingrid Bakker", MdoRol.OUDER)


def feiten(**kw) -> Dossierfeiten:
    return Dossierfeiten(traject_id=7, geopend=GEOPEND, **kw)


def mdo(*deelnemers, datum="2026-11-12", id_=3) -> MdoFeit:
    return MdoFeit(id_, D(datum), tuple(deelnemers))


def ja(organisatie: str, datum="2026-11-12", gegeven=True) -> ToestemmingFeit:
    return ToestemmingFeit(organisatie, gegeven, D(datum))


@pytest.mark.parametrize(("f", "tekst"), [
    pytest.param(feiten(mdos=(mdo(JEUGDARTS, LPA),), toestemmingen=(ja("GGD Regio Midden"),)),
                 "Bij het MDO van 12-11-2026: jeugdarts / jgz (GGD Regio Midden, met toestemming), "
                 "leerplichtambtenaar (Gemeente Utrecht)", id="jeugdarts-with-consent-and-leerplicht"),
    pytest.param(feiten(mdos=(mdo(LPA, MENTOR, OUDER),)),
                 "Bij het MDO van 12-11-2026: leerplichtambtenaar (Gemeente Utrecht)",
                 id="leerplicht-needs-no-consent"),
    pytest.param(feiten(mdos=(mdo(JEUGDARTS, MENTOR),)), None, id="jeugdarts-without-consent"),
    pytest.param(feiten(mdos=(mdo(JEUGDARTS),), toestemmingen=(ja("ggd  regio midden"),)),
                 "Bij het MDO van 12-11-2026: jeugdarts / jgz (GGD Regio Midden, met toestemming)",
                 id="organisation-matches-whatever-the-case-and-spaces"),
    pytest.param(feiten(mdos=(mdo(JEUGDARTS),), toestemmingen=(ja("GGD Regio Midden", "2026-11-01"),
                                                               ja("GGD Regio Midden", "2026-11-10", False))),
                 None, id="the-latest-consent-counts-and-it-is-no"),
    pytest.param(feiten(mdos=(mdo(WIJKTEAM),), toestemmingen=(ja("Wijkteam Noord", "2026-11-20"),)), None,
                 id="consent-after-the-mdo-does-not-count-for-it"),
    pytest.param(feiten(mdos=(mdo(WIJKTEAM), mdo(WIJKTEAM, datum="2026-12-03", id_=4)),
                        toestemmingen=(ja("Wijkteam Noord", "2026-11-20"),)),
                 "Bij het MDO van 03-12-2026: jeugdhulp / wijkteam (Wijkteam Noord, met toestemming)",
                 id="a-later-mdo-with-consent"),
    pytest.param(feiten(mdos=(mdo(MENTOR, OUDER),)), None, id="only-school-and-family"),
    pytest.param(feiten(), None, id="no-mdo"),
])
def test_partners_betrokken(f, tekst):
    b = automatisch(f).get("partners_betrokken")
    assert (b.tekst if b else None) == tekst


def test_partners_betrokken_points_to_the_mdo():
    b = automatisch(feiten(mdos=(mdo(LPA, id_=9),)))["partners_betrokken"]
    assert (b.datum, b.referentie) == (D("2026-11-12"), "mdo:9")


VASTGESTELD = PlanFeit(1, D("2026-11-20"), "Angst voor de gymles; thuis veel steun.",
                       ("Verzuimcoach", "Aangepast rooster"))


@pytest.mark.parametrize(("f", "analyse", "interventies"), [
    pytest.param(feiten(plannen=(VASTGESTELD,)),
                 "Analyse in het plan van aanpak (versie 1, vastgesteld op 20-11-2026)",
                 "In het plan van aanpak (versie 1, vastgesteld op 20-11-2026): Verzuimcoach, Aangepast rooster",
                 id="vastgesteld-plan-with-both"),
    pytest.param(feiten(plannen=(PlanFeit(1, D("2026-11-20"), "  ", ()),)), None, None, id="plan-with-neither"),
    pytest.param(feiten(plannen=(PlanFeit(2, D("2026-12-01"), "", ("M@zl / jeugdarts",)),)), None,
                 "In het plan van aanpak (versie 2, vastgesteld op 01-12-2026): M@zl / jeugdarts",
                 id="interventions-only"),
    pytest.param(feiten(plannen=(VASTGESTELD,), analyse_ingevuld=D("2026-11-05")), "Analyse ingevuld",
                 "In het plan van aanpak (versie 1, vastgesteld op 20-11-2026): Verzuimcoach, Aangepast rooster",
                 id="the-analysis-of-step-4-first"),
    pytest.param(feiten(), None, None, id="no-plan"),
])
def test_analyse_and_interventies_from_a_vastgesteld_plan(f, analyse, interventies):
    uit = automatisch(f)
    assert (uit["analyse_factoren"].tekst if "analyse_factoren" in uit else None) == analyse
    assert (uit["interventies_ingezet"].tekst if "interventies_ingezet" in uit else None) == interventies


@pytest.mark.parametrize(("meldingen", "gesloten", "tekst"), [
    pytest.param((MeldingFeit(1, D("2026-10-05"), "DUO-1"),), None, "DUO-verzuimmelding van 05-10-2026, kenmerk DUO-1",
                 id="after-opening"),
    pytest.param((MeldingFeit(1, D("2026-09-03")),), None, "DUO-verzuimmelding van 03-09-2026",
                 id="up-to-4-weeks-before"),
    pytest.param((MeldingFeit(1, D("2026-09-02")),), None, None, id="longer-before-is-another-story"),
    pytest.param((MeldingFeit(1, D("2026-10-05")), MeldingFeit(2, D("2026-12-06"))), None,
                 "DUO-verzuimmelding van 06-12-2026", id="the-latest"),
    pytest.param((MeldingFeit(2, D("2026-12-06")),), D("2026-11-30"), None, id="after-closing"),
])
def test_gemeld_bij_leerplicht_names_the_melding_that_exists(meldingen, gesloten, tekst):
    uit = automatisch(feiten(meldingen=meldingen, gesloten=gesloten))
    assert (uit["gemeld_bij_leerplicht"].tekst if "gemeld_bij_leerplicht" in uit else None) == tekst


def test_swv_evaluaties_and_the_rest():
    uit = automatisch(feiten(
        mdos=(mdo(MENTOR, datum="2026-10-20", id_=1), mdo(SWV, datum="2026-11-03", id_=2)),
        gesprekken=(GesprekFeit(5, GesprekType.HUISBEZOEK, D("2026-10-09")),
                    GesprekFeit(4, GesprekType.GESPREK_LEERLING, D("2026-10-12")),
                    GesprekFeit(3, GesprekType.GESPREK_LEERLING, D("2026-10-07"))),
        toestemmingen=(ja("SWV Sterk", "2026-11-03"),), evaluaties=(D("2027-01-15"), D("2026-12-14")),
        nazorg=((8, D("2027-02-01")),)))
    tekst = {k: (b.datum, b.tekst, b.referentie) for k, b in uit.items()}
    assert tekst == {
        "gesprek_leerling": (D("2026-10-07"), "Gesprek met de leerling op 07-10-2026", "gesprek:3"),
        "gesprek_ouders": (D("2026-10-09"), "Huisbezoek op 09-10-2026", "gesprek:5"),
        "mdo_gepland": (D("2026-10-20"), "MDO op 20-10-2026", "mdo:1"),
        "toestemming_ouders": (D("2026-11-03"), "Toestemming vastgelegd op 03-11-2026", "traject:7"),
        "swv_geinformeerd": (D("2026-11-03"), "Consulent van het samenwerkingsverband bij het MDO van 03-11-2026",
                             "mdo:2"),
        "partners_betrokken": (D("2026-11-03"), "Bij het MDO van 03-11-2026: consulent samenwerkingsverband "
                                                "(SWV Sterk, met toestemming)", "mdo:2"),
        "evaluaties": (D("2026-12-14"), "Doelen van het plan geëvalueerd op 14-12-2026", "traject:7"),
        "nazorg": (D("2027-02-01"), "Nazorgmomenten gepland", "nazorg:8"),
    }
    assert set(uit) <= {i.key for i in CHECKLIST}
