"""Theorem 6.1 as stated: the exact maximisation over alpha against a 50-digit mpmath
maximisation and a brute-force grid, the theorem's condition, broadcasting over grids."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.numeric.theorem61 import paper_bound, spec_bound
from hallbound.spec import parse_spec


def objective(alpha, d, r, s):
    """Typed from shared/theory.md: (1 - 1/alpha^2)(1 - theta)^2, theta = (alpha d + r)^2/s."""
    return (1 - 1 / alpha**2) * (1 - (alpha * d + r) ** 2 / s) ** 2


def mp_max(d: float, r: float, s: float) -> tuple[mpmath.mpf, mpmath.mpf]:
    """argmax and max over (1, alpha_max] in 50 digits (root of the derivative, written out
    by hand, by bisection; findroot's tolerance check failed on flat derivatives)."""
    with mpmath.workdps(50):
        d, r, s = mpmath.mpf(d), mpmath.mpf(r), mpmath.mpf(s)
        hi = (mpmath.sqrt(s) - r) / d
        def deriv(a):  # by hand: 2 a^-3 (1 - t)^2 - (1 - a^-2) 2 (1 - t) t', t' = 2 d (a d + r)/s
            t = (a * d + r) ** 2 / s
            return 2 / a**3 * (1 - t) ** 2 - (1 - 1 / a**2) * 2 * (1 - t) * 2 * d * (a * d + r) / s

        lo, hi = mpmath.mpf(1) + mpmath.mpf(10) ** -30, hi * (1 - mpmath.mpf(10) ** -30)
        assert deriv(lo) > 0 > deriv(hi)  # the objective rises from 0, then falls to 0
        for _ in range(200):  # plain bisection: 2^-200 of the bracket
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if deriv(mid) > 0 else (lo, mid)
        root = (lo + hi) / 2
        return root, objective(root, d, r, s)


@given(
    p1=st.floats(0.05, 0.95),
    s1=st.floats(0.5, 200.0),
    s2=st.floats(0.5, 200.0),
    r=st.floats(0.0, 3.0),
    k=st.floats(0.1, 1.0),
)
def test_P_matches_50_digit_maximisation(p1, s1, s2, r, k) -> None:
    p = np.array([p1, 1 - p1])
    s = np.array([s1, s2])
    d = float(np.sqrt(np.sum(p**2 * s)))
    b = paper_bound(p, s, [k, k], r)
    assert b.d == pytest.approx(d, rel=1e-14)
    for i in range(2):
        feasible = d + r < np.sqrt(s[i])
        assert bool(b.feasible[i]) == feasible
        if not feasible:
            assert np.isnan(b.P[i]) and np.isnan(b.alpha[i])
            continue
        assume(np.sqrt(s[i]) - r - d > 1e-3 * np.sqrt(s[i]))  # well-conditioned
        alpha, value = mp_max(d, r, s[i])
        assert abs(b.P[i] - value) <= 1e-12 * abs(value)
        assert abs(b.alpha[i] - alpha) <= 1e-8 * alpha
        assert b.PK[i] == pytest.approx(b.P[i] * k, rel=1e-15)
    if b.applicable:
        assert b.product == pytest.approx(b.PK[0] * b.PK[1], rel=1e-14)
    else:
        assert np.isnan(b.product)


def test_P_beats_brute_force_grid() -> None:
    p, s, r = np.array([0.2, 0.3, 0.5]), np.array([30.0, 80.0, 40.0]), 0.4
    b = paper_bound(p, s, [1 / 3] * 3, r)
    d = np.sqrt(np.sum(p**2 * s))
    for i in range(3):
        grid = np.linspace(1, (np.sqrt(s[i]) - r) / d, 200_001)
        best = objective(grid, d, r, s[i]).max()
        assert best <= b.P[i] * (1 + 1e-12)
        assert best >= b.P[i] * (1 - 1e-6)


def test_condition_fails_gives_nan_and_flag() -> None:
    # d + r >= sqrt(sigma_2): no alpha > 1 with theta_2 <= 1.
    b = paper_bound([0.5, 0.5], [100.0, 4.0], [0.5, 0.5], 1.0)
    assert b.feasible.tolist() == [True, False]
    assert not b.applicable and np.isnan(b.product)
    assert np.isnan(b.P[1]) and b.P[0] > 0


def test_grid_broadcasting() -> None:
    sig = np.linspace(5, 100, 5 * 4 * 3).reshape(5, 4, 3)
    r = np.linspace(0, 1, 20).reshape(5, 4)
    b = paper_bound([0.2, 0.3, 0.5], sig, [1 / 3] * 3, r)
    assert b.P.shape == (5, 4, 3) and b.product.shape == (5, 4) and b.d.shape == (5, 4)
    one = paper_bound([0.2, 0.3, 0.5], sig[2, 1], [1 / 3] * 3, r[2, 1])
    np.testing.assert_array_equal(one.P, b.P[2, 1])
    with pytest.raises(InputError, match="r_x"):
        paper_bound([0.5, 0.5], [1.0, 1.0], [1, 1], -1.0)
    with pytest.raises(InputError):
        paper_bound([0.5, 0.5], [1.0, 1.0, 2.0], [1, 1], 0.0)


def test_spec_bound_uses_mean_law_moments() -> None:
    spec = parse_spec(
        {
            "family": "normal",
            "delta": 0.1,
            "mean_law": {"kind": "uniform", "center": [0.0], "scale": [30.0]},
            "state": [{"weight": 0.5, "mean": [0.0], "cov": [[1.0]]}] * 2,
        }
    )
    b = spec_bound(spec)
    # Uniform(-30, 30): sigma^d = 900/3 = 300, E X^4 = 30^4/5, K = 300^2 / (810000/5) = 5/9.
    r = np.sqrt(-2 * np.log(0.1) - np.log(2 * np.pi))
    want = paper_bound([0.5, 0.5], [300.0, 300.0], [5 / 9, 5 / 9], r)
    np.testing.assert_allclose(b.PK, want.PK, rtol=1e-12)
    assert b.applicable
