"""Unbounded integer parameters are also drawn at very large magnitudes (log-uniform, up
to about 1e15, exact integers): a bound ``n <= 10^9`` on an integer ``n >= 1`` is REFUTED
(review s11, finding 9), and fast-growing true steps stay undisproved there (large
integers enter the evaluation as mpmath numbers, so ``n**n`` is never a Python integer)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.falsify import sample_param

n = sp.Symbol("n", real=True)
NPOS = Param("n", n, kind="integer", lo=1)
NALL = Param("n", n, kind="integer")


def _verdict_of(param: Param, lhs, rel, rhs):
    step = Step("s", lhs, rel, rhs, "")
    return check_claim(Claim("c", "c", [param], [step], source="user"), seed=1).steps[0]


def test_integer_draws_reach_far_beyond_a_million_and_stay_exact():
    rng = np.random.default_rng(0)
    draws = [sample_param(NPOS, rng) for _ in range(3000)]
    assert all(isinstance(d, int) and d >= 1 for d in draws)
    assert max(draws) > 10**13 and sum(d > 10**9 for d in draws) > 50


def test_a_bound_of_a_billion_is_refuted_with_an_exact_integer_witness():
    for param in (NPOS, NALL):
        res = _verdict_of(param, n, "<=", sp.Integer(10) ** 9)
        assert res.verdict is Verdict.REFUTED
        w = res.witness["n"]
        assert int(w) == w and abs(int(w)) > 10**9


def test_true_integer_neighbours_are_still_decided():
    res = _verdict_of(NPOS, n, ">=", 1)
    assert res.verdict in (Verdict.PROVED, Verdict.SUPPORTED)
    res = _verdict_of(NPOS, sp.factorial(n), "<=", n**n)
    assert res.verdict in (Verdict.PROVED, Verdict.SUPPORTED)
    res = _verdict_of(NALL, (-1) ** (2 * n), "=", 1)
    assert res.verdict in (Verdict.PROVED, Verdict.SUPPORTED)


BIG = 10**50


def test_integer_ends_beyond_int64_are_drawn_exactly_inside_the_domain():
    """``lo = 10**50`` used to raise numpy's "high is out of bounds for int64"."""
    rng = np.random.default_rng(0)
    for param in (Param("n", n, kind="integer", lo=BIG),
                  Param("n", n, kind="integer", lo=BIG, hi=BIG + 5),
                  Param("n", n, kind="integer", lo=-BIG, hi=BIG),
                  Param("n", n, kind="integer", hi=-BIG)):
        draws = [sample_param(param, rng) for _ in range(400)]
        assert all(isinstance(d, int) and param.contains_exactly(d) for d in draws), param
    few = Param("n", n, kind="integer", lo=BIG, hi=BIG + 5)
    assert {sample_param(few, rng) for _ in range(400)} == set(range(BIG, BIG + 6))


def test_steps_with_integer_ends_beyond_int64_get_a_verdict():
    at_least = Param("n", n, kind="integer", lo=BIG)
    assert _verdict_of(at_least, n, ">=", BIG).verdict is Verdict.PROVED
    planted = _verdict_of(at_least, n**2, ">", BIG**2)  # false at n = 10**50
    assert planted.verdict is Verdict.REFUTED
    assert _verdict_of(at_least, n**2, ">=", BIG**2).verdict is not Verdict.REFUTED
