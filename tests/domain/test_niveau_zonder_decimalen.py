"""The level's percentage from floats (domain/signalen.py `_tienden`, issue 16: a Decimal per student was a
large part of the whole-school run) against the rule itself in decimals: 100 × Σ / (N × dagduur), rounded to
one decimal with halves away from zero, then the thresholds."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop.domain import signalen
from thuiszit_desktop.domain.signalen import Niveau, SignaalInstellingen


def in_decimalen(inst: SignaalInstellingen, som: float, n: int, drie: bool) -> Niveau:
    """SIGNALEN.md's level, written out in decimals only."""
    def dec(x: float) -> Decimal:
        return Decimal(repr(round(float(x), 9)))

    pct = Decimal("0.0")
    if som and n > 0:
        pct = (Decimal(100) * dec(som) / (n * dec(inst.uren_per_lesdag))).quantize(Decimal("0.1"),
                                                                                    rounding=ROUND_HALF_UP)
    niveau = 3 if pct >= dec(inst.niveau3_pct) or drie else 2 if pct >= dec(inst.niveau2_pct) else 1
    return Niveau("x", niveau, float(pct))


INSTELLINGEN = st.builds(SignaalInstellingen, st.sampled_from([5.0, 6.0, 6.5, 8.0, 5.5, 1 / 3, 7.25]),
                         st.sampled_from([2.5, 5.0, 5.05, 7.0, 10.0, 0.1]),
                         st.sampled_from([5.0, 6.5, 10.0, 10.05, 12.0, 100.0]))


@settings(max_examples=500, deadline=None)
@given(inst=INSTELLINGEN, n=st.integers(0, 250), uren=st.lists(st.sampled_from([0.1, 0.5, 5 / 6, 1.0, 1 / 3, 6.0]),
                                                                 max_size=60), drie=st.booleans())
def test_a_level_from_summed_hours_equals_the_rule_in_decimals(inst, n, uren, drie):
    som = sum(uren)
    assert signalen._kearney(inst, "x", som, n, drie) == in_decimalen(inst, som, n, drie)


@settings(max_examples=500, deadline=None)
@given(inst=INSTELLINGEN, n=st.integers(1, 250), tiende=st.integers(0, 1000),
       afstand=st.sampled_from([0.0, 1e-13, -1e-13, 1e-9, -1e-9, 1e-7, -1e-7, 1e-5, -1e-5]), drie=st.booleans())
def test_a_percentage_on_or_near_a_half_tenth_is_rounded_as_the_rule_says(inst, n, tiende, afstand, drie):
    """Sums that land (almost) exactly halfway between two tenths: where the float path must hand over."""
    som = max(0.0, ((tiende + 0.5) / 1000 + afstand) * n * inst.uren_per_lesdag)
    assert signalen._kearney(inst, "x", som, n, drie) == in_decimalen(inst, som, n, drie)
