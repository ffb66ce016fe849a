"""The binned bound in ball arithmetic (``numeric.bounds_certified``, claim step R9): its ball
contains the binned sum computed independently by mpmath at 50 digits (direct convolution,
the overlap form max(0, F(min) - F(max))), the returned float is below it, a planted
rounding in the wrong direction fails that test; the value agrees with the float path to
its margin, stays below the exact two-state P_>, and keeps the float path's input errors."""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import pytest
import sympy as sp

import hallbound.numeric.bounds_certified as bc
from hallbound.errors import InputError
from hallbound.numeric.bounds_refined import (
    FLOAT_MARGIN,
    binned_bound,
    binned_bound_float,
    binned_grid,
    binned_inputs,
    refined_bound,
    two_state_exact,
)
from hallbound.proofs_checks.library.lemmas_arb import lower_end
from hallbound.symbolic import mean_laws


def _mpf(q: sp.Rational) -> mpmath.mpf:
    """An exact rational as an mpf at the working precision (no float on the way)."""
    return mpmath.mpf(int(q.p)) / int(q.q)


def _mp_cdf(kind: str, z: mpmath.mpf) -> mpmath.mpf:
    """Standard CDFs written out for mpmath (the oracle's own, not Arb's)."""
    if kind == "normal":
        return mpmath.ncdf(z)
    if kind == "laplace":
        return mpmath.exp(z) / 2 if z < 0 else 1 - mpmath.exp(-z) / 2
    return min(mpmath.mpf(1), max(mpmath.mpf(0), (z + 1) / 2))


def _oracle(p: Any, r: Any, s: Any, kind: str, bins: int, refine: int) -> mpmath.mpf:
    """The binned sum on ``binned_grid``'s grid at 50 digits, by direct convolution."""
    p, r, s, kinds = binned_inputs(p, r, s, kind, bins, refine)
    grid = binned_grid(p, r, s, kinds, bins, refine)
    n = len(p)
    with mpmath.workdps(50):
        g = mpmath.mpf(grid.g)
        total = mpmath.mpf(0)
        for m in range(grid.bins):
            c0 = grid.first_bin_cell + grid.cells_per_bin * m
            a, h = c0 * g, grid.cells_per_bin * g
            conv, first = [mpmath.mpf(1)], 0  # conv[i] is K = first + i
            for j in range(n):
                u, v = a - mpmath.mpf(r[j]), a + h + mpmath.mpf(r[j])

                def cdf(x: mpmath.mpf, j: int = j) -> mpmath.mpf:
                    return _mp_cdf(kinds[j], x / mpmath.mpf(s[j]))

                if p[j] == 0:
                    masses, lo_k = [1 - (cdf(v) - cdf(u))], 0
                else:
                    nj, pj = int(grid.half_cells[j]), mpmath.mpf(p[j])
                    masses, lo_k = [], -nj
                    for k in range(-nj, nj + 1):
                        e0, e1 = k * g / pj, (k + 1) * g / pj
                        cut = max(mpmath.mpf(0), cdf(min(e1, v)) - cdf(max(e0, u)))
                        masses.append(cdf(e1) - cdf(e0) - cut)
                new = [mpmath.mpf(0)] * (len(conv) + len(masses) - 1)
                for i, x in enumerate(conv):
                    for k, y in enumerate(masses):
                        new[i + k] += x * y
                conv, first = new, first + lo_k
            for i, x in enumerate(conv):
                if c0 <= first + i <= c0 + grid.cells_per_bin - n:
                    total += x
        return total


CASES = [
    ([0.3, 0.7], [0.8, 1.1], [3.0, 3.0], "normal"),
    ([0.3, 0.7], [0.5, 0.9], [2.0, 3.0], "laplace"),
    ([0.4, 0.6], [0.3, 0.2], [1.0, 1.5], "uniform"),
    ([0.2, 0.3, 0.5], [0.4, 0.5, 0.3], [1.0, 2.0, 1.5], "normal"),
    ([0.5, 0.0, 0.5], [0.2, 0.3, 0.2], [1.0, 1.0, 2.0], "laplace"),
    ([0.25, 0.25, 0.5], [0.1, 0.2, 0.15], [1.0, 0.5, 0.7], "uniform"),
    ([0.1, 0.9], [0.05, 0.3], [0.7, 1.3], "normal"),
    ([0.45, 0.55], [0.6, 0.6], [1.0, 1.0], "laplace"),
]
SMALL = {"bins": 4, "refine": 2}


def _below_oracle(case: tuple, value: float, want: mpmath.mpf) -> bool:
    with mpmath.workdps(50):
        return mpmath.mpf(value) <= want


@pytest.mark.parametrize("case", CASES)
def test_ball_contains_the_50_digit_sum_and_the_float_is_below(case: tuple) -> None:
    want = _oracle(*case, **SMALL)
    ball = bc.certified_binned_ball(*case, **SMALL)
    with mpmath.workdps(50):
        lo, hi = _mpf(lower_end(ball, 200)), -_mpf(lower_end(-ball, 200))
        slack = mpmath.mpf(10) ** -40  # the oracle's own error
        assert lo - slack <= want <= hi + slack, (case, lo, want, hi)
    got = bc.certified_binned_bound(*case, **SMALL)
    assert _below_oracle(case, got, want), (case, got, want)
    assert float(want) - got < 1e-13  # tight: only the ball's radius and one rounding


def test_planted_rounding_upward_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same test with the lower end rounded up instead of down (and the midpoint instead
    of the lower end) fails on some case: the direction of the rounding is tested."""
    wants = [_oracle(*case, **SMALL) for case in CASES]

    def upward(x: Any, prec: int = 64) -> float:
        f = float(x.upper())
        return math.nextafter(f, math.inf)

    monkeypatch.setattr(bc, "float_below", upward)
    caught = [c for c, w in zip(CASES, wants, strict=True)
              if not _below_oracle(c, bc.certified_binned_bound(*c, **SMALL), w)]
    assert caught


@pytest.mark.parametrize("case", CASES[:4])
def test_certified_matches_the_float_path_to_its_margin(case: tuple) -> None:
    cert = binned_bound(*case)
    flt = binned_bound_float(*case)
    # the float path subtracts FLOAT_MARGIN and widens F by eta ~ 1e-11: within 1e-10 of it
    assert flt <= cert <= flt + FLOAT_MARGIN + 1e-10
    assert cert >= flt + FLOAT_MARGIN - 1e-10


@pytest.mark.parametrize("kind", ["normal", "laplace", "uniform"])
def test_certified_below_the_exact_two_state_probability(kind: str) -> None:
    p, r, s = [0.3, 0.7], [0.8, 1.1], [3.0, 3.0]
    exact = two_state_exact(p, r, s, kind)  # quadrature / chi-square: error below 1e-10
    cert = binned_bound(p, r, s, kind)
    assert 0.6 * exact <= cert <= exact + 1e-10


def test_binned_bound_is_the_certified_routine() -> None:
    case = CASES[3]
    assert binned_bound(*case) == bc.certified_binned_bound(*case)
    best = refined_bound(*case)
    assert best.method == "binned" and best.value == bc.certified_binned_bound(*case)


CONTINUOUS = sorted(m for m, law in mean_laws.KINDS.items() if law.has_density)


@pytest.mark.parametrize("kind", CONTINUOUS)
def test_arb_cdfs_contain_the_oracle_cdf(kind: str) -> None:
    # the record's CDF compiled into Arb operations, against the oracle's own mpmath CDF
    cdf = bc.arb_cdf(kind)
    for z in (sp.Rational(-7, 3), sp.Rational(-1), sp.Rational(-1, 2), sp.Integer(0),
              sp.Rational(1, 3), sp.Rational(1), sp.Rational(9, 10), sp.Rational(5, 2)):
        ball = cdf(bc.fmpq(int(z.p), int(z.q)))
        with mpmath.workdps(50):
            want = _mp_cdf(kind, _mpf(z))
            lo, hi = _mpf(lower_end(ball, 200)), -_mpf(lower_end(-ball, 200))
            assert lo - 1e-45 <= want <= hi + 1e-45, (kind, z)
            assert hi - lo < 1e-15, (kind, z)  # at the default 53 bits


def test_bad_input_errors_unchanged() -> None:
    for fn in (binned_bound, binned_bound_float, bc.certified_binned_bound):
        with pytest.raises(InputError, match="p"):
            fn([0.5, 0.6], [0.1, 0.1], [1.0, 1.0])
        with pytest.raises(InputError, match="scale"):
            fn([0.5, 0.5], [0.1, 0.1], np.ones((2, 2)))
        with pytest.raises(InputError, match="kind"):
            fn([0.5, 0.5], [0.1, 0.1], [1.0, 1.0], "two-point")
        with pytest.raises(InputError, match="bins"):
            fn([0.5, 0.5], [0.1, 0.1], [1.0, 1.0], bins=0)
    with pytest.raises(InputError, match="prec"):
        bc.certified_binned_bound([0.5, 0.5], [0.1, 0.1], [1.0, 1.0], prec=10)
    with pytest.raises(InputError, match="kind"):
        bc.arb_cdf("two-point")
    with pytest.raises(InputError, match="kind"):
        bc.arb_cdf("no such law")
    with pytest.raises(InputError, match="x"):
        bc.exact(math.inf)
