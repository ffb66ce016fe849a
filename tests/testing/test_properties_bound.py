"""Property 4: optimal estimators never beat a valid bound, and the paper's Theorem 6.1.

The property: the Clopper-Pearson upper limit (level 0.999) of P_H^delta from 20 000 Monte
Carlo draws is >= every bound. It runs with the bounds the checker proves (claim
``Theorem 6.1 (corrected)``: union bound; ``Theorem 6.1 (refined: ...)``) and, unchanged,
with the paper's Theorem 6.1 as stated (prod_i P_i K_i).

What the paper's bound does here (not weakened, same property): no counterexample. Besides the
Hypothesis runs below (one targeted at maximising bound - upper limit), a grid of 864
configurations (N = 2..4 equal-weight Normal states with variance 0.04/0.25/1, every mean-law
kind, scales 0.5..16, delta 0.01..0.39) had the hypothesis of Theorem 6.1 hold on 484 and the
bound never above the Monte Carlo upper limit: the largest bound - upper was -0.107 (bound
8.8e-23 against a rate of 0.0995). The proof's product step assumes independence that does
not hold (A* depends on every mu_i), but the stated bound is so small (typically 1e-7 of the
true rate) that the slack absorbs it. If a future search finds a violation, these tests fail
with the counterexample printed, as they should.
"""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, target
from hypothesis import strategies as st

from hallbound.numeric.intervals import clopper_pearson
from hallbound.numeric.montecarlo import RateProblem, count_hallucinations, numpy_count
from hallbound.symbolic.families import Normal
from hallbound.symbolic.mean_laws import MeanLaw
from hallbound.symbolic.mixture import LatentMixture
from hallbound.testing import strategies as hs
from hallbound.testing.properties import (
    PropertyFailure,
    battery,
    check_bound,
    checker_bounds,
    mc_count,
    mc_upper_limit,
    paper_theorem61_bound,
)

PROFILE = settings().max_examples
CONTINUOUS = ["normal", "laplace", "student_t", "uniform"]


def examples(per_25: int) -> int:
    return max(1, per_25 * PROFILE // 25)


def two_normals(scale: float = 3.0, kind: str = "normal"):
    states = [Normal.from_spec({"mean": [0.0], "cov": [[1.0]]}) for _ in range(2)]
    mixture = LatentMixture([sp.Rational(1, 2)] * 2, states)
    laws = [MeanLaw(kind, (sp.Integer(0),), (sp.nsimplify(scale),)) for _ in range(2)]
    return mixture, laws


def test_checker_marks_bounds_valid():
    names = set(checker_bounds())
    assert any("corrected" in n for n in names) and any("refined" in n for n in names)


@pytest.mark.parametrize("family", [*CONTINUOUS, "binomial", "poisson_binomial"])
def test_valid_bounds_never_exceed_the_monte_carlo_upper_limit(family):
    battery(family, max_examples=examples(2))["bound"]()


@pytest.mark.parametrize("family", CONTINUOUS)
def test_paper_theorem61_through_the_same_property(family):
    """The paper's bound as stated, through the unchanged property (see the module doc)."""
    paper = {"Theorem 6.1 (as stated)": paper_theorem61_bound}
    battery(family, max_examples=examples(2), bounds=paper)["bound"]()


@settings(max_examples=examples(8))
@given(
    st.floats(0.5, 12),
    st.sampled_from(["normal", "uniform", "laplace", "two-point"]),
    st.floats(0.002, 0.39),
    st.integers(2, 4),
)
def test_paper_theorem61_targeted_search(scale, kind, delta, n_states):
    """Search where the paper's bound is largest relative to P_H (Hypothesis ``target``)."""
    states = [Normal.from_spec({"mean": [0.0], "cov": [[0.25]]}) for _ in range(n_states)]
    mixture = LatentMixture([sp.Rational(1, n_states)] * n_states, states)
    laws = [MeanLaw(kind, (sp.Integer(0),), (sp.Rational(repr(round(scale, 2))),))] * n_states
    bound = paper_theorem61_bound(mixture, laws, delta)
    count, upper = mc_upper_limit(mixture, laws, delta, 20_000, 7)
    if np.isfinite(bound):
        target(bound - upper, label="paper bound minus MC upper limit")
        if bound > upper:
            raise PropertyFailure(f"Theorem 6.1 as stated: {bound} > upper limit {upper}")


def test_property_catches_an_invalid_bound():
    """The property has teeth: a 'bound' above the true rate is reported."""
    mixture, laws = two_normals()
    count, upper = mc_upper_limit(mixture, laws, 0.05, 20_000, 1)
    too_big = {"too big": lambda m, l, d: min(1.0, upper + 0.01)}
    with pytest.raises(PropertyFailure, match="too big"):
        check_bound(mixture, laws, 0.05, too_big, seed=1)


@pytest.mark.parametrize(
    "kinds", [("normal", "normal"), ("normal", "laplace"), ("uniform", "two-point")]
)
def test_property_count_is_the_kernels_count(kinds):
    """One Monte Carlo count (issue 11, item 4): the property battery's mc_count is the
    compiled kernel's count on the same streams, draw for draw, for one kind or mixed kinds."""
    states = [Normal.from_spec({"mean": [0.0], "cov": [[1.0]]}) for _ in range(2)]
    mixture = LatentMixture([sp.Rational(1, 3), sp.Rational(2, 3)], states)
    laws = [MeanLaw(k, (sp.Integer(0),), (sp.Integer(4),)) for k in kinds]
    n = 9_001
    mine = mc_count(mixture, laws, 0.05, n, 3)
    problem = RateProblem.from_mixture(mixture, laws, 0.05)
    assert mine == count_hallucinations(problem, n, 3, method="kernel")
    assert mine == numpy_count(problem, n, 3)
    assert 0 < mine < n


def test_two_point_rate_matches_hand_enumeration():
    """Two states N(mu_i, 1), weights 1/2, mu_i = +-3 (two-point): A* = mu_i when both signs
    agree (not hallucinating, f = 0.399 > delta), A* = 0 otherwise, where f_i(0) =
    phi(3) = 0.0044 < delta = 0.05: P_H = 1/2 exactly."""
    mixture, laws = two_normals(3.0, "two-point")
    count = mc_count(mixture, laws, 0.05, 20_000, 11)
    lo, hi = clopper_pearson(count, 20_000, 0.999)
    assert lo <= 0.5 <= hi


def test_strategy_mixtures_feed_the_bound_check():
    @settings(max_examples=2, database=None)
    @given(hs.latent_mixtures(family="normal", states=2, dim=1))
    def inner(m):
        laws = [MeanLaw("normal", (sp.Integer(0),), (sp.Integer(4),))] * 2
        out = check_bound(m, laws, 0.01, checker_bounds(), seed=5, n=5000)
        assert 0 <= out.count <= out.n and set(out.bounds) == set(checker_bounds())

    inner()
