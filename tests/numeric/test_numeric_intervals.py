"""Clopper-Pearson intervals against their defining tail equations in 50-digit mpmath."""

from __future__ import annotations

import mpmath
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.numeric.intervals import RateEstimate, clopper_pearson


def upper_tail(k: int, n: int, p: float) -> mpmath.mpf:
    """P[X >= k], X ~ Bin(n, p), summed in 50 digits."""
    with mpmath.workdps(50):
        p = mpmath.mpf(p)
        return mpmath.fsum(
            mpmath.binomial(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1)
        )


@given(n=st.integers(1, 300), data=st.data(), level=st.sampled_from([0.9, 0.95, 0.99, 0.999]))
def test_bounds_solve_the_tail_equations(n: int, data, level: float) -> None:
    k = data.draw(st.integers(0, n))
    lo, hi = clopper_pearson(k, n, level)
    alpha = 1 - level
    assert 0 <= lo <= k / n <= hi <= 1
    if k == 0:
        assert lo == 0
    else:
        assert float(upper_tail(k, n, lo)) == pytest.approx(alpha / 2, rel=1e-8)
    if k == n:
        assert hi == 1
    else:
        assert float(1 - upper_tail(k + 1, n, hi)) == pytest.approx(alpha / 2, rel=1e-8)


def test_matches_scipy_binomtest() -> None:
    for k, n in [(0, 10), (3, 10), (10, 10), (1530, 100000)]:
        ref = scipy.stats.binomtest(k, n).proportion_ci(0.99, method="exact")
        assert clopper_pearson(k, n, 0.99) == pytest.approx((ref.low, ref.high), rel=1e-10)


def test_bad_input() -> None:
    for args, name in [
        ((1, 0, 0.9), "n"),
        ((-1, 5, 0.9), "k"),
        ((6, 5, 0.9), "k"),
        ((1, 5, 1.0), "level"),
    ]:
        with pytest.raises(InputError, match=f"^{name}:"):
            clopper_pearson(*args)
    est = RateEstimate(5, 100, 0.95, seed=3).to_dict()
    assert est["estimate"] == 0.05 and est["seed"] == 3 and len(est["ci"]) == 2
