"""Who can own an actiepunt (a person, not an account), and the one evaluation date of a traject."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol, kan_eigenaar_zijn
from thuiszit_desktop.domain.traject import traject_evaluatie


@pytest.mark.parametrize(("naam", "rol", "kan"), [
    ("Anna de Vries", Rol.ZORGCOORDINATOR, True),
    ("Bram Jansen", Rol.MENTOR, True),
    ("demo", Rol.ZORGCOORDINATOR, True),  # a name, even if a short one
    ("Lies Lezer", Rol.ALLEEN_LEZEN, False),  # reads, never does
    ("mentor", Rol.MENTOR, False),  # a shared login named after its role
    (" Mentor ", Rol.MENTOR, False),
    ("Zorgcoördinator", Rol.ZORGCOORDINATOR, False),
    ("lezer", Rol.ALLEEN_LEZEN, False),
    ("Mentoren", Rol.MENTOR, False),
])
def test_who_can_own_an_actiepunt(naam, rol, kan):
    assert kan_eigenaar_zijn(Gebruiker(1, naam, rol)) is kan


VANDAAG = date(2026, 11, 23)


@pytest.mark.parametrize(("plan", "eigen", "wordt"), [
    ((), None, None),
    ((), date(2026, 12, 1), date(2026, 12, 1)),  # no plan (or none with evaluatiemomenten): the traject's own
    ((date(2026, 12, 14), date(2027, 3, 1)), date(2027, 1, 4), date(2026, 12, 14)),  # the plan's, not the own
    ((date(2027, 3, 1), date(2026, 12, 14)), None, date(2026, 12, 14)),  # the next one, in any order
    ((date(2026, 11, 23),), None, date(2026, 11, 23)),  # today counts as coming
    ((date(2026, 10, 1), date(2026, 11, 2)), date(2027, 1, 4), date(2026, 11, 2)),  # all passed: the last, overdue
])
def test_one_evaluation_date_per_traject(plan, eigen, wordt):
    assert traject_evaluatie(plan, eigen, VANDAAG) == wordt
