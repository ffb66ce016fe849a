"""The property battery on every built-in family (and every applicable loss).

Example counts scale with the Hypothesis profile: the ``ci`` profile (25) gives the small
counts below (the whole file stays within the CI budget), ``thorough`` (500) gives 20x more.
"""

import pytest
from hypothesis import settings

from hallbound.symbolic.families import FAMILIES
from hallbound.testing import strategies as hs
from hallbound.testing.properties import battery

BUILT_IN = sorted(FAMILIES)
PROFILE = settings().max_examples


def examples(per_25: int) -> int:
    """``per_25`` examples under the ci profile (25), proportionally more otherwise."""
    return max(1, per_25 * PROFILE // 25)


#: (family, loss) pairs: every loss applicable to the family (its ``law_kinds`` hold the
#: family's kind of law).
LOSS_PAIRS = [(fam, loss) for fam in BUILT_IN for loss in hs.family_losses(fam)]


@pytest.mark.parametrize(("family", "loss"), LOSS_PAIRS)
def test_optimal_estimator_is_optimal(family, loss):
    battery(family, max_examples=examples(2), losses=[loss])["optimal"]()


@pytest.mark.parametrize("family", BUILT_IN)
def test_symbolic_and_numeric_agree(family):
    battery(family, max_examples=examples(3))["symbolic_numeric"]()


@pytest.mark.parametrize("family", BUILT_IN)
def test_covering_radius_covers_and_is_minimal(family):
    battery(family, max_examples=examples(6))["covering"]()


@pytest.mark.parametrize("family", BUILT_IN)
def test_predicate_agrees_with_region_form(family):
    battery(family, max_examples=examples(4))["predicate"]()


@pytest.mark.parametrize("family", BUILT_IN)
def test_same_seed_same_numbers(family):
    battery(family, max_examples=examples(2))["seed"]()
