"""False steps that the sampled search passed as SUPPORTED though a counterexample is easy
(red team 5): the failing point is one random draws miss (a root of the gap), one the
evaluation dropped (binomial poles, a side with no real value, a diverging integral) or a
difference below the 50-digit re-check's relative tolerance. Each is REFUTED with an exact
witness; its true neighbour is never REFUTED."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.finite_sums import exact_binomial

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
a = sp.Symbol("a", real=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True)


def _step(params: list[Param], lhs: object, rel: str, rhs: object):
    claim = Claim("c", "c", params, [Step("s", lhs, rel, rhs, "j")])
    return check_claim(claim, seed=1).steps[0]


X = [Param("x", x)]


# 4. strict polynomial steps false at one point: the exact real roots of the gap
@pytest.mark.parametrize("lhs, root", [
    ((3 * x - 1) ** 2, sp.Rational(1, 3)),
    (x**2 - 2 * sp.sqrt(2) * x + 2, sp.sqrt(2)),
    ((x - sp.pi) ** 2, sp.pi),
])
def test_a_strict_step_fails_at_a_root_of_its_gap(lhs: sp.Expr, root: sp.Expr) -> None:
    s = _step(X, lhs, ">", 0)
    assert s.verdict.value == "REFUTED"
    assert math.isclose(s.witness["x"], float(root), rel_tol=1e-12)
    assert s.lhs == 0  # both sides exactly equal there


@pytest.mark.parametrize("lhs, rel, params", [
    ((3 * x - 1) ** 2, ">=", X),  # the non-strict neighbour holds
    ((3 * x - 1) ** 2 + 1, ">", X),
    (x**2 - 2, ">", [Param("x", x, lo=sp.sqrt(2), lo_open=True)]),  # root outside
])
def test_a_true_strict_neighbour_is_not_refuted(lhs: sp.Expr, rel: str, params) -> None:
    assert _step(params, lhs, rel, 0).verdict.value != "REFUTED"


def test_the_root_at_a_closed_end_refutes() -> None:
    s = _step([Param("x", x, lo=sp.sqrt(2))], x**2 - 2, ">", 0)
    assert s.verdict.value == "REFUTED"


def test_several_variables_take_z3_s_model() -> None:
    params = [Param("x", x), Param("y", y)]
    s = _step(params, (3 * x - 1) ** 2 + (3 * y - 2) ** 2, ">", 0)
    assert s.verdict.value == "REFUTED" and s.lhs == 0
    true = _step(params, (3 * x - 1) ** 2 + (3 * y - 2) ** 2 + 1, ">", 0)
    assert true.verdict.value != "REFUTED"


# 2. binomial(n, k) with k > n is 0, never a dropped point
def test_a_binomial_past_n_is_zero_and_refutes() -> None:
    K = [Param("k", k, kind="integer", lo=0, hi=8)]
    s = _step(K, sp.binomial(3, k), ">=", 1)
    assert s.verdict.value == "REFUTED" and s.witness["k"] > 3 and s.lhs == 0
    assert _step(K, sp.binomial(3, k), ">=", 0).verdict.value != "REFUTED"


def test_the_binomial_at_whole_numbers_is_sympys() -> None:
    for i in range(-4, 6):
        for j in range(-4, 7):
            assert exact_binomial(i, j) == sp.binomial(i, j)


# 1. exact differences below the 50-digit re-check's relative tolerance
@pytest.mark.parametrize("params, lhs, rel, rhs", [
    (X, sp.Integer(10**50), "=", sp.Integer(10**50 + 1)),
    (X, sp.Integer(1), ">=", 1 + sp.Rational(1, 10**40)),
    (X, x**2, ">=", x**2 + sp.Rational(1, 10**40)),
    ([Param("n", n, kind="integer", lo=1)], 10**50 + n, "<=", sp.Integer(10**50)),
])
def test_an_exact_gap_below_the_tolerance_refutes(params, lhs, rel, rhs) -> None:
    s = _step(params, lhs, rel, rhs)
    assert s.verdict.value == "REFUTED"
    assert "exactly at the witness" in s.detail


@pytest.mark.parametrize("params, lhs, rel, rhs", [
    (X, sp.Integer(10**50 + 1), ">=", sp.Integer(10**50)),
    (X, x**2 + sp.Rational(1, 10**40), ">=", x**2),
    ([Param("n", n, kind="integer", lo=1)], 10**50 + n, ">", sp.Integer(10**50)),
])
def test_the_true_neighbour_of_an_exact_gap_is_not_refuted(params, lhs, rel, rhs) -> None:
    assert _step(params, lhs, rel, rhs).verdict.value != "REFUTED"


# 3. a side with no real value where the other has one
def test_a_log_of_a_negative_value_refutes_on_the_stated_reals() -> None:
    s = _step(X, sp.log(x**2), "=", 2 * sp.log(x))
    assert s.verdict.value == "REFUTED" and s.witness["x"] < 0
    assert math.isnan(s.rhs) and not math.isnan(s.lhs)


def test_the_log_identity_on_positive_x_is_not_refuted() -> None:
    s = _step([Param("x", x, lo=0, lo_open=True)], sp.log(x**2), "=", 2 * sp.log(x))
    assert s.verdict.value != "REFUTED"
    s = _step(X, sp.log(x**2), "=", 2 * sp.log(sp.Abs(x)))
    assert s.verdict.value != "REFUTED"


def test_an_odd_root_is_never_read_as_non_real() -> None:
    s = _step(X, sp.root(x**3, 3), "=", x)  # a real cube root may be meant
    assert s.method != "falsification search: one side has no real value where the other " \
                       "has one, confirmed exactly"


# 5. a diverging integral where the other side is finite
@pytest.mark.slow
def test_a_diverging_integral_refutes_where_the_other_side_is_finite() -> None:
    s = _step([Param("a", a)], sp.Integral(x**a, (x, 0, 1)), "=", 1 / (a + 1))
    assert s.verdict.value == "REFUTED" and s.witness["a"] < -1
    assert "diverges" in s.detail and s.lhs == math.inf


def test_the_integral_everywhere_divergent_refutes() -> None:
    s = _step([Param("a", a, lo=0, lo_open=True)], sp.Integral(1 / x, (x, 0, a)), "=",
              sp.log(a))
    assert s.verdict.value == "REFUTED" and "diverges" in s.detail


def test_a_convergent_integral_is_not_refuted() -> None:
    s = _step([Param("a", a, lo=0, lo_open=True)], sp.Integral(sp.exp(-a * x), (x, 0, sp.oo)),
              "=", 1 / a)
    assert s.verdict.value != "REFUTED"


@pytest.mark.slow
def test_the_power_integral_where_it_converges_is_not_refuted() -> None:
    s = _step([Param("a", a, lo=-1, lo_open=True)], sp.Integral(x**a, (x, 0, 1)), "=",
              1 / (a + 1))
    assert s.verdict.value != "REFUTED"
