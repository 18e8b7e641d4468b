"""The screen lock's rules: the wait after wrong passwords and the idle time setting."""

from __future__ import annotations

import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.vergrendeling import MAX_WACHTTIJD, check_minuten, wachttijd


@pytest.mark.parametrize(("mislukt", "seconden"), [
    (0, 0), (1, 0), (2, 0),  # typos cost nothing
    (3, 2), (4, 4), (5, 8), (6, 16), (7, 32),
    (8, 60), (9, 60), (50, 60),  # never more than a minute
])
def test_wachttijd(mislukt, seconden):
    assert wachttijd(mislukt) == seconden


def test_wachttijd_never_decreases_and_stays_capped():
    tijden = [wachttijd(n) for n in range(100)]
    assert tijden == sorted(tijden)
    assert max(tijden) == MAX_WACHTTIJD


@pytest.mark.parametrize(("waarde", "minuten"), [(0, 0), (10, 10), ("15", 15), (240, 240)])
def test_check_minuten(waarde, minuten):
    assert check_minuten(waarde) == minuten


@pytest.mark.parametrize("waarde", [-1, 241, "tien", None, ""])
def test_check_minuten_refuses(waarde):
    with pytest.raises(InvoerFout) as info:
        check_minuten(waarde)
    assert "minuten" in info.value.fouten["vergrendelen"]
