"""The two-point enumeration's rounding guard (claim step E3): the coefficient inequality is
certified by interval arithmetic, E3 follows from it and the stated floating-point model, a
guard 1000 times too small is not certified, and the stated model holds on random float
inputs recomputed in exact rational arithmetic (near-boundary radii included)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.numeric import bounds_refined as nb
from hallbound.proofs_checks.claims.bad_estimations import bounds_refined as br
from hallbound.proofs_checks.claims.bad_estimations import rounding_guards as rg
from hallbound.proofs_checks.engine.checker import check_step
from hallbound.proofs_checks.engine.verdicts import Verdict


def _verdicts(claim) -> dict[str, Verdict]:
    earlier, out = {}, {}
    for step in claim.steps:
        if step.name.startswith("E3"):
            res = check_step(claim, dataclasses.replace(step, law=None), trials=20,
                             earlier=earlier)
            earlier[step.name] = res
            out[step.name] = res.verdict
    return out


def test_e3_is_certified() -> None:
    got = _verdicts(br.enumeration())
    assert got == {"E3b (guard covers rounding)": Verdict.CERTIFIED,
                   "E3 (rounding guard)": Verdict.CERTIFIED}


def test_e3_needs_the_stated_model() -> None:
    claim = br.enumeration()
    kept = [a for a in claim.assumptions if a != rg.model_relation()]
    assert len(kept) == len(claim.assumptions) - 1
    got = _verdicts(dataclasses.replace(claim, assumptions=kept))
    assert got["E3 (rounding guard)"] is Verdict.ASSUMED


def test_a_guard_too_small_is_not_certified() -> None:
    claim = br.enumeration()
    small = dataclasses.replace(claim, definitions=rg.definitions(rg.GUARD / 1000))
    got = _verdicts(small)
    assert got["E3b (guard covers rounding)"] is Verdict.REFUTED
    assert not got["E3 (rounding guard)"].holds


def test_coefficients_at_the_corners() -> None:
    # e_c < g_c at the largest corner with room (about 3.7e-14 against 1e-12), and the
    # guard 1000 times smaller falls below e_c already at N = d = 1
    for n, d in ((1, 1), (20, 20)):
        ec = rg.error_coefficient(sp.Integer(n), sp.Integer(d))
        assert ec < rg.guard_coefficient(sp.Integer(n), sp.Integer(d))
    assert rg.error_coefficient(sp.Integer(1), sp.Integer(1)) > rg.guard_coefficient(
        sp.Integer(1), sp.Integer(1), rg.GUARD / 1000)


def _exact_dist2(p, x) -> list[list[Fraction]]:
    """||T - x_i||^2 for each pattern and state, in exact rationals from the float x."""
    out = []
    for pattern in x:
        xs = [[Fraction(float(v)) for v in row] for row in pattern]
        t = [sum(Fraction(float(pj)) * row[k] for pj, row in zip(p, xs, strict=True))
             for k in range(len(xs[0]))]
        out.append([sum((t[k] - row[k]) ** 2 for k in range(len(t))) for row in xs])
    return out


def _fraction(value: sp.Rational) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _case(rng: np.random.Generator):
    n, d = int(rng.integers(2, 5)), int(rng.integers(1, 4))
    w = rng.random(n) + 0.05
    p = w / w.sum()
    scale = np.exp(rng.uniform(-30, 30)) * np.exp(rng.uniform(-3, 3, size=(n, d)))
    return p, scale


@pytest.mark.parametrize("seed", range(6))
def test_the_stated_model_holds_on_floats(seed: int) -> None:
    """D - r^2 >= c + (g_c - e_c) Q for every pattern and state, with D recomputed exactly
    from the float inputs; radii at a pattern's computed distance (on the boundary, to
    rounding) and random ones."""
    rng = np.random.default_rng(seed)
    p, scale = _case(rng)
    n, d = scale.shape
    x = nb.two_point_patterns(p, np.zeros(n), scale).x
    exact = _exact_dist2(p, x)
    probe = nb.two_point_patterns(p, np.zeros(n), scale)
    radii = [np.sqrt(probe.dist2[int(rng.integers(len(x)))]),
             rng.uniform(0, 2, size=n) * np.sqrt(probe.dist2.max())]
    ec = _fraction(rg.error_coefficient(sp.Integer(n), sp.Integer(d)))
    gc = _fraction(rg.guard_coefficient(sp.Integer(n), sp.Integer(d)))
    total_s = sum(Fraction(float(v)) ** 2 for v in scale.ravel())
    for r in radii:
        pat = nb.two_point_patterns(p, r, scale)
        for row_f, row_e in zip(pat.dist2, exact, strict=True):
            for i in range(n):
                r2 = Fraction(float(r[i])) ** 2
                gap = Fraction(float(row_f[i])) - Fraction(float(pat.threshold[i]))
                q = r2 + total_s
                assert row_e[i] - r2 >= gap + (gc - ec) * q
                if gap > 0:  # counted: the exact distance is beyond the radius
                    assert row_e[i] > r2


def test_inputs_outside_the_model_are_refused() -> None:
    with pytest.raises(InputError, match="scale"):
        nb.two_point_bound([0.5, 0.5], [0.1, 0.1], [1.0, 2.0**-500])
    with pytest.raises(InputError, match="r"):
        nb.two_point_bound([0.5, 0.5], [2.0**500, 0.1], [1.0, 1.0])
    with pytest.raises(InputError, match="p"):
        nb.two_point_bound([1 - 2.0**-500, 2.0**-500], [0.1, 0.1], [1.0, 1.0])
