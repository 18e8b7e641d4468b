"""The school's settings: what `School.validated` tidies and refuses (the samenwerkingsverband here)."""

from __future__ import annotations

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.school import MAX_SWV, Regio, School


def school(swv: str) -> School:
    return School("Het Baken", "12AB", Regio.MIDDEN, swv=swv)


@pytest.mark.parametrize(("invoer", "uit"), [
    ("", ""),
    ("   ", ""),
    ("SWV VO Oudewaarde e.o.", "SWV VO Oudewaarde e.o."),
    ("  VO 27.01 ", "VO 27.01"),
    ("SWV\tPO\nDe Kempen", "SWV PO De Kempen"),  # a tab or line break would split a CSV cell
    ("x" * MAX_SWV, "x" * MAX_SWV),
])
def test_the_samenwerkingsverband_is_tidied(invoer, uit):
    assert school(invoer).validated().swv == uit


@pytest.mark.parametrize(("invoer", "fragment"), [
    ("x" * (MAX_SWV + 1), "te lang"),
    ("--", "naam of code"),
    (" . ", "naam of code"),
])
def test_a_wrong_samenwerkingsverband_is_refused_in_dutch(invoer, fragment):
    with pytest.raises(InvoerFout) as exc:
        school(invoer).validated()
    assert fragment in exc.value.fouten["swv"]
