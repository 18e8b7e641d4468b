"""The demo school's stories (demo/verhalen.py) as data: each one student with one history and one
timetable, and no two plans alike – checked on the texts themselves, before anything is played."""

from __future__ import annotations

import re
import string
from dataclasses import fields, is_dataclass

import pytest

from thuiszit_desktop.demo import verhalen as vh
from thuiszit_desktop.domain.plan import STANDAARD_INTERVENTIES
from thuiszit_desktop.domain.traject import Stap, Verzuimtype

MET_PLAN = {naam: v for naam, v in vh.VERHALEN.items() if any(isinstance(g, vh.Plan) for g in v.gebeurtenissen)}
# A timetable in words: "twee uur per dag", "drie ochtenden per week" – and "elke schooldag".
ROOSTER = re.compile(r"\b(\w+ (?:uur|uren|ochtenden|middagen|dagen|dagdelen|avonden|lessen) per (?:dag|week))\b",
                     re.IGNORECASE)
DEELTIJD = re.compile(r"\b(ochtenden|dagen|dagdelen) per week")  # not at school every day
WOORDEN = {"naam", "hij", "Hij", "zijn", "hem", "ouder", "Ouder", "ouder_naam", "ouder_rol", "mentor", "klas", "sinds",
           "start"}


def teksten(x) -> list[str]:
    """Every text inside a story, its events and their plans (recursively through dataclasses and tuples)."""
    if isinstance(x, str):
        return [x]
    if isinstance(x, tuple):
        return [t for y in x for t in teksten(y)]
    if is_dataclass(x):
        return [t for f in fields(x) if f.name != "rooster" for t in teksten(getattr(x, f.name))]
    return []


def plannen(v: vh.Verhaal) -> list[vh.Plan]:
    return [g for g in v.gebeurtenissen if isinstance(g, vh.Plan)]


def test_five_to_eight_different_stories_have_a_plan():
    assert 5 <= len(MET_PLAN) <= 8
    soorten = {g.verzuimtype for v in MET_PLAN.values() for g in v.gebeurtenissen if isinstance(g, vh.Analyse)}
    assert {Verzuimtype.SCHOOLWEIGERING, Verzuimtype.ONTHOUDEN} <= soorten
    # anxiety, a young carer kept home, a vrijstelling, homework and sleep, headaches, a long illness …
    assert len({v.categorie for v in MET_PLAN.values()}) >= 3
    # and among the other stories truancy (a bijbaan) and a conflict with one teacher
    assert "werkt" in " ".join(teksten(vh.VERHALEN["meldplicht_opnieuw"]))
    assert "docent" in " ".join(teksten(vh.VERHALEN["meldplicht_te_laat"]))


@pytest.mark.parametrize("naam", sorted(vh.VERHALEN))
def test_a_story_keeps_to_its_own_timetable(naam):
    """Every "twee uur per dag" in a story is in its rooster and the other way round; a part-time timetable
    never stands beside "elke schooldag" (the old demo had "drie ochtenden per week" and "elke schooldag")."""
    v = vh.VERHALEN[naam]
    gevonden = {m.lower() for t in teksten(v) for m in ROOSTER.findall(t)}
    assert gevonden == set(v.rooster), naam
    alles = " ".join(teksten(v)).lower()
    if any(DEELTIJD.search(r) for r in v.rooster):
        assert "elke schooldag" not in alles, naam
    if plannen(v):  # the plan (with its later versions) keeps to what the MDO's and gesprekken agreed
        plan = [g for g in v.gebeurtenissen if isinstance(g, vh.Plan | vh.PlanHerzien)]
        plantekst = " ".join(teksten(tuple(plan))).lower()
        rest = " ".join(t for g in v.gebeurtenissen if g not in plan for t in teksten(g)).lower()
        assert all(r in plantekst for r in v.rooster if r in rest), naam


@pytest.mark.parametrize("naam", sorted(vh.VERHALEN))
def test_templates_use_only_known_words(naam):
    for t in teksten(vh.VERHALEN[naam]):
        assert {veld for _, veld, _, _ in string.Formatter().parse(t) if veld} <= WOORDEN, t


def test_no_two_plans_share_words():
    """The student's own words, the ouders' wishes, doelen and afspraken belong to one student each."""
    gezien: dict[str, str] = {}
    for naam, v in MET_PLAN.items():
        for plan in plannen(v):
            eigen = [plan.leerling_wil, plan.ouders_willen, *(d.omschrijving for d in plan.doelen),
                     *(a.wat for a in plan.afspraken)]
            for tekst in eigen:
                assert tekst not in gezien, f"{naam} en {gezien.get(tekst)}: {tekst}"
                gezien[tekst] = naam
    assert all(p.leerling_wil.startswith("{naam}: “") for v in MET_PLAN.values() for p in plannen(v))


@pytest.mark.parametrize("naam", sorted(MET_PLAN))
def test_a_plan_follows_its_analysis_in_step_4_and_is_complete(naam):
    v = MET_PLAN[naam]
    soorten = [type(g) for g in v.gebeurtenissen]
    stap4 = next(i for i, g in enumerate(v.gebeurtenissen) if isinstance(g, vh.NaarStap) and g.stap is Stap.INTERVENTIE)
    [i_plan] = [i for i, s in enumerate(soorten) if s is vh.Plan]
    assert stap4 < soorten.index(vh.Analyse) < i_plan  # in step 4, after the analysis
    assert all(i > i_plan for i, s in enumerate(soorten) if s in (vh.PlanHerzien, vh.PlanEvalueren))
    plan = v.gebeurtenissen[i_plan]
    assert 2 <= len(plan.doelen) <= 4 and plan.interventies and len(plan.afspraken) >= 3
    assert all(d.dagen > 0 and d.hoe_merken for d in plan.doelen) and all(e > 0 for e in plan.evaluaties)
    assert any(i.soort in STANDAARD_INTERVENTIES for i in plan.interventies)  # the school's own catalogue
    n = len(plan.doelen)
    for g in v.gebeurtenissen[i_plan + 1:]:
        if isinstance(g, vh.PlanEvalueren | vh.PlanHerzien):
            assert all(0 <= e.doel < n and e.uitkomst in ("behaald", "deels", "niet") for e in g.evaluaties)
        if isinstance(g, vh.PlanHerzien):
            assert all(i is None or 0 <= i < n for i, _ in g.doelen)
            n = n + sum(i is None for i, _ in g.doelen) - sum(d is None for _, d in g.doelen)


def test_the_cast_is_fictional():
    for p in vh.PARTNERS.values():
        assert re.fullmatch(r"06-00\d{6}", p.telefoon) and p.email.endswith("@example.nl")
    assert {v.casusregisseur for v in vh.VERHALEN.values()} - {"zoco"} <= set(vh.PARTNERS)
    assert len({v.casusregisseur for v in vh.VERHALEN.values()}) >= 3
