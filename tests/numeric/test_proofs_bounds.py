"""The union bound on P_H (Theorem 6.1 (corrected)): valid against Monte Carlo truth,
vectorised, and equal to hand computations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.numeric.bounds import ball_volume, union_bound, union_bound_from_laws
from hallbound.proofs_checks.engine.probability import clopper_pearson

DRAW = {
    "normal": lambda rng, s, n: rng.normal(0, s, size=(n, *s.shape)),
    "uniform": lambda rng, s, n: rng.uniform(-s, s, size=(n, *s.shape)),
    "laplace": lambda rng, s, n: rng.laplace(0, s, size=(n, *s.shape)),
}


def _truth(p, r, scale, kind, n=40_000, seed=0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    mu = DRAW[kind](rng, scale, n)  # (n, N, d), common mean 0
    a_star = np.einsum("j,njk->nk", p, mu)
    dist = np.linalg.norm(a_star[:, None, :] - mu, axis=-1)  # (n, N)
    hits = int(np.all(dist >= r, axis=1).sum())
    return clopper_pearson(hits, n, 1e-6)


@given(
    kind=st.sampled_from(["normal", "uniform", "laplace"]),
    n_states=st.integers(2, 4),
    d=st.integers(1, 3),
    seed=st.integers(0, 2**16),
    rfrac=st.floats(0.01, 1.0),
)
def test_bound_below_monte_carlo(kind, n_states, d, seed, rfrac) -> None:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(n_states))
    scale = rng.uniform(0.5, 2.0, size=(n_states, d))
    r = rfrac * rng.uniform(0.2, 1.0, size=n_states)
    bound = union_bound(p, r, scale, kind)
    lo, hi = _truth(p, r, scale, kind, n=20_000, seed=seed)
    assert 0.0 <= bound <= hi


def test_density_term_by_hand() -> None:
    # N = 2, d = 1, uniform mean laws on [-s, s]: G = 1/(2s);
    # W_1 = p_2 (mu_2 - mu_1): c = (-p_2, p_2); term = 2 r min(G_1/p_2, G_2/p_2)
    p, s, r = np.array([0.3, 0.7]), np.array([[1.0], [2.0]]), 0.05
    g = 1 / (2 * s[:, 0])
    t1 = 2 * r * min(g[0] / 0.7, g[1] / 0.7)
    t2 = 2 * r * min(g[0] / 0.3, g[1] / 0.3)
    assert union_bound(p, r, s, "uniform") == pytest.approx(1 - t1 - t2)


def test_gaussian_term_by_hand() -> None:
    from scipy.stats import chi2

    p, s, r = np.array([0.5, 0.5]), np.full((2, 2), 3.0), 0.7
    v = 0.25 * 9 + 0.25 * 9  # variance per coordinate of W_i = (mu_j - mu_i)/2
    expected = 1 - 2 * chi2.cdf(r**2 / v, 2)
    assert union_bound(p, r, s, "normal", method="gaussian") == pytest.approx(expected)
    assert union_bound(p, r, s, "normal") >= union_bound(p, r, s, "normal", method="density")


def test_vectorised_matches_loop() -> None:
    rng = np.random.default_rng(3)
    p = rng.dirichlet(np.ones(3), size=5)
    r = rng.uniform(0, 1, size=(5, 3))
    s = rng.uniform(0.5, 2, size=(5, 3, 2))
    batch = union_bound(p, r, s, "laplace")
    loop = [union_bound(p[b], r[b], s[b], "laplace") for b in range(5)]
    assert batch.shape == (5,) and np.allclose(batch, loop)


def test_ball_volume() -> None:
    assert ball_volume(1) == pytest.approx(2.0)
    assert ball_volume(2) == pytest.approx(math.pi)
    assert ball_volume(3) == pytest.approx(4 * math.pi / 3)


def test_two_point_gives_no_information() -> None:
    assert union_bound([0.5, 0.5], 0.1, np.ones((2, 1)), "two-point") == 0.0


def test_from_mean_laws() -> None:
    from hallbound.symbolic.mean_laws import MeanLaw

    laws = [MeanLaw.from_spec({"kind": "normal", "center": 0.0, "scale": 2.0}, dim=1)] * 2
    direct = union_bound([0.4, 0.6], 0.2, np.full((2, 1), 2.0), "normal")
    assert union_bound_from_laws([0.4, 0.6], 0.2, laws) == pytest.approx(float(direct))


@pytest.mark.parametrize(
    ("p", "r", "s", "kind", "param"),
    [
        ([0.5, 0.6], 0.1, np.ones((2, 1)), "normal", "p"),
        ([0.5, 0.5], -1.0, np.ones((2, 1)), "normal", "r"),
        ([0.5, 0.5], 0.1, np.zeros((2, 1)), "normal", "scale"),
        ([0.5, 0.5], 0.1, np.ones((2, 1)), "cauchy", "kind"),
        ([1.0], 0.1, np.ones((1, 1)), "normal", "p"),
    ],
)
def test_bad_input(p, r, s, kind, param) -> None:
    with pytest.raises(InputError, match=param):
        union_bound(p, r, s, kind)


def test_one_source_a_wrong_sup_density_breaks_the_claim_and_moves_the_bound(monkeypatch) -> None:
    """Plant a halved uniform sup density in its one source (symbolic.mean_laws): the claim
    stops proving (its U0 step is refuted) and the running bound changes with it."""
    import sympy as sp

    from hallbound.proofs_checks import Verdict, check_claim
    from hallbound.proofs_checks.claims.bad_estimations import union_bound as ub
    from hallbound.symbolic import mean_laws

    p, r, s = [0.2] * 5, 0.05, np.ones((5, 1))
    good = union_bound(p, r, s, "uniform")
    # independent value: 1 - 5 * V_1 r G / |c|, G = 1/2 (U(-1, 1)), best |c| = 0.8
    assert good == pytest.approx(1 - 5 * 2 * 0.05 * 0.5 / 0.8)
    true_sup = mean_laws.standard_sup_density

    def halved(kind: str) -> sp.Expr:
        value = true_sup(kind)
        return value / 2 if kind == "uniform" else value

    monkeypatch.setattr(mean_laws, "standard_sup_density", halved)
    bad_bound = union_bound(p, r, s, "uniform")
    assert bad_bound == pytest.approx(1 - 5 * 2 * 0.05 * 0.25 / 0.8)  # the code follows
    result = check_claim(ub.theorem_6_1(), trials=30)
    u0 = next(x for x in result.steps if x.step == "U0 (sup density, uniform)")
    assert u0.verdict is Verdict.REFUTED and u0.lhs > u0.rhs
    assert result.verdict is Verdict.REFUTED  # today ASSUMED: the check verdict changes
