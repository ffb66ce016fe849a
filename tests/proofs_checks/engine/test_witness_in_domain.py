"""A witness is a point of the stated domain and meets every stated relation exactly; a
loose enclosure never clears a real counterexample; a sample met only at grid points is no
sample (red3 findings F7, F8, F9 and the open-end witness).

* an integer parameter with an open end, or a ``search`` box reaching outside the domain,
  was drawn at the excluded end (``n = 0`` for ``n in (0, oo)``): a true step REFUTED;
* a strict stated relation ``t < 1`` met by ``t = 1 - 10^-20`` printed the witness as
  ``t = 1.0``, a point that breaks it; ``lo = -inf`` crashed the certifier;
* ``0^n = 0`` at ``n = 0`` (lhs 1) was enclosed as ``[0, oo]`` and cleared: SUPPORTED;
* ``Claim.assumptions = [|x| = y]``: only grid points ``x = y >= 0`` met it, and their 20
  trials made ``x >= 0`` SUPPORTED (``x = -1, y = 1`` refutes it).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict
from hallbound.proofs_checks.engine.boundary_points import boundary_values
from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.falsify import sample_param
from hallbound.proofs_checks.engine.search import _interval_confirm

n = sp.Symbol("n", integer=True)
x, y, t = sp.symbols("x y t", real=True)


def _verdict(params: list[Param], step: Step, assumptions: list | None = None):
    claim = Claim("c", "c", params, [step], assumptions=assumptions or [])
    return check_claim(claim, seed=1).steps[0]


@pytest.mark.parametrize("param", [
    Param("n", n, kind="integer", lo=0, lo_open=True),
    Param("n", n, kind="integer", lo=0, hi=3, lo_open=True, hi_open=True),
    Param("n", n, kind="integer", lo=-0.5, hi=2.5, lo_open=True),
    Param("n", n, kind="integer", lo=1, search=(-5, 5)),
    Param("n", n, kind="integer", hi=0, hi_open=True, search=(-3, 8)),
    Param("x", x, lo=1, search=(-5, 5)),
    Param("x", x, lo=0, hi=1, lo_open=True, hi_open=True),
])
def test_every_draw_lies_in_the_domain(param: Param) -> None:
    rng = np.random.default_rng(0)
    draws = [sample_param(param, rng) for _ in range(2000)]
    assert all(param.contains(v) for v in draws)


def test_an_integer_open_end_is_never_a_witness() -> None:
    positive = Param("n", n, kind="integer", lo=0, lo_open=True)
    assert _verdict([positive], Step("s", sp.exp(n), ">=", sp.E, "")).verdict \
        is not Verdict.REFUTED
    assert _verdict([positive], Step("s", n, ">=", 1, "")).verdict is not Verdict.REFUTED
    boxed = Param("n", n, kind="integer", lo=1, search=(-5, 5))
    assert _verdict([boxed], Step("s", n, ">=", 1, "")).verdict is not Verdict.REFUTED
    # planted false: the least point of the domain (n = 1) breaks it, and is found
    res = _verdict([positive], Step("s", sp.exp(n), ">=", sp.E**2, ""))
    assert res.verdict is Verdict.REFUTED and positive.contains(res.witness["n"])


def test_a_strict_boundary_witness_meets_the_relation_as_printed() -> None:
    from hallbound.proofs_checks.engine.boundary_points import nudged

    for root, side in ((Fraction(1), -1), (Fraction(1), 1), (Fraction(0), 1),
                       (Fraction(1, 3), -1), (Fraction(-7, 2), 1)):
        v = nudged(root, side)
        assert (v - root) * side > 0 and Fraction(float(v)) == v
    (tv,) = boundary_values([(t, "<", 1)], [Param("t", t)])["t"]
    assert tv < 1 and Fraction(float(tv)) == tv
    # false just below t = 1 (g decreases there), true at t = 1 itself: the witness as
    # reported must lie inside t < 1
    g = sp.sin(t) ** 3 * sp.cos(t * t) + sp.exp(sp.sin(t)) / 7
    res = _verdict([Param("t", t)], Step("s", g, "<", g.subs(t, 1), ""), [t > 0, t < 1])
    assert res.verdict is Verdict.REFUTED
    assert 0 < Fraction(res.witness["t"]) < 1


def test_an_infinite_end_is_unbounded() -> None:
    for lo in (-math.inf, -sp.oo):
        p = Param("x", x, lo=lo, hi=5)
        assert p.lo is None and p.hi == 5
    hard = sp.sin(x) ** 3 * sp.cos(x * x) + sp.exp(sp.sin(x)) / 7
    p = Param("x", x, lo=-math.inf, hi=5)
    assert _verdict([p], Step("s", hard, "<=", 3, "")).verdict is not Verdict.REFUTED
    assert _verdict([p], Step("s", hard, "<=", sp.Rational(1, 10), "")).verdict \
        is Verdict.REFUTED


def test_a_wide_enclosure_defers_to_the_exact_value() -> None:
    confirm = _interval_confirm([Param("n", n, kind="integer", lo=0)], sp.Integer(0) ** n,
                                sp.Integer(0), "=")
    assert confirm({"n": 0}) is True  # 0^0 = 1, not 0: a witness
    only_zero = Param("n", n, kind="integer", lo=0, hi=0)
    res = _verdict([only_zero], Step("s", sp.Integer(0) ** n, "=", 0, ""))
    assert res.verdict is Verdict.REFUTED and res.witness["n"] == 0
    from_zero = Param("n", n, kind="integer", lo=0)
    assert _verdict([from_zero], Step("s", sp.Integer(0) ** n, "=", 0, "")).verdict \
        is Verdict.REFUTED
    # true: 0^n = 0 for n >= 1, and 0^n = 1 at n = 0
    from_one = Param("n", n, kind="integer", lo=1)
    assert _verdict([from_one], Step("s", sp.Integer(0) ** n, "=", 0, "")).verdict \
        is not Verdict.REFUTED
    assert _verdict([only_zero], Step("s", sp.Integer(0) ** n, "=", 1, "")).verdict \
        is not Verdict.REFUTED


def test_a_sample_met_only_at_grid_points_supports_nothing() -> None:
    params = [Param("x", x, lo=-2, hi=2), Param("y", y, lo=0, hi=4)]
    stated = [sp.Eq(sp.Abs(x), y)]
    for step in (Step("s", x, "=", y, ""), Step("s", x, ">=", 0, "")):  # false: x=-1, y=1
        res = _verdict(params, step, stated)
        assert res.verdict not in (Verdict.SUPPORTED, Verdict.PROVED, Verdict.CERTIFIED)
    true = _verdict(params, Step("s", x**2, "=", y**2, ""), stated)
    assert true.verdict is not Verdict.REFUTED
    # no equation: the same false step is still found, the true one still sampled
    free = _verdict(params, Step("s", sp.sin(x) * y, "<=", 4, ""))
    assert free.verdict in (Verdict.SUPPORTED, Verdict.PROVED, Verdict.CERTIFIED)
