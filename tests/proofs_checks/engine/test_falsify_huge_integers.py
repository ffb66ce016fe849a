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
