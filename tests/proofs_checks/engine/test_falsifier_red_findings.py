"""The falsification search after the red-team review (findings 4, 6, 7, 8, 9; the
reproductions were /work/red/repro/*). Each false step there was SUPPORTED or a true one
REFUTED; here each false step must not be SUPPORTED/PROVED (REFUTED where a witness exists)
and its true neighbour must not be REFUTED.

* 4: an unbacked premise (``Premise(rel)``, ``by=None``) that is not a substitution is the
  step's condition: the search keeps to it. A bare SymPy relation in ``Step.premises`` is
  an ``InputError`` naming ``premises``.
* 6: a point counts as a trial only when both sides are finite real numbers there.
* 7: a point whose float margin lies within the screen's tolerance of 0 is re-read at 50
  digits.
* 8: a witness interval arithmetic cannot enclose (``(-1)^p``) is decided by SymPy's exact
  value; one nothing decides leaves the step UNDECIDED, never SUPPORTED.
* 9: an integer parameter with an unbounded domain is drawn far out too.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from hallbound.errors import InputError
from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine import search
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.falsify import UNCONFIRMED, falsify, sample_param

x = sp.Symbol("x", real=True)
p = sp.Symbol("p", real=True)
n = sp.Symbol("n", real=True)
eps = sp.Symbol("epsilon", real=True)
k = sp.Symbol("k", integer=True, positive=True)
X02 = Param("x", x, lo=0, hi=2)
NOT_SHOWN = (Verdict.SUPPORTED, Verdict.PROVED, Verdict.CERTIFIED, Verdict.ASSUMED)


def _verdict_of(param: Param, step: Step):
    return check_claim(Claim("c", "c", [param], [step], source="user"), seed=1).steps[0]


def _step(lhs, rel, rhs, premises=()) -> Step:
    return Step("s", lhs, rel, rhs, "", premises=premises)


# 4: premises -------------------------------------------------------------------------------

POLY = Premise(sp.Le(x**3 + x, 2))  # x^3 + x <= 2  <=>  x <= 1
EXPO = Premise(sp.Ge(sp.exp(x) + sp.sin(x), 5))  # forces x >= 1.3 on [0, 2]


@pytest.mark.parametrize("lhs, rel, rhs, premise", [
    (x, "<=", 1, POLY), (x, ">=", 1, EXPO)], ids=["poly", "exp"])
def test_a_true_step_under_an_unsolved_unbacked_premise_is_not_refuted(lhs, rel, rhs, premise):
    res = _verdict_of(X02, _step(lhs, rel, rhs, (premise,)))
    assert res.verdict is not Verdict.REFUTED
    assert res.verdict in (Verdict.ASSUMED, Verdict.UNDECIDED)  # the premise is unbacked


@pytest.mark.parametrize("lhs, rel, rhs, premise", [
    (x, "<=", sp.Rational(9, 10), POLY), (x, ">=", sp.Rational(3, 2), EXPO)],
    ids=["poly", "exp"])
def test_a_false_step_under_the_same_premise_is_refuted_inside_it(lhs, rel, rhs, premise):
    res = _verdict_of(X02, _step(lhs, rel, rhs, (premise,)))
    assert res.verdict is Verdict.REFUTED
    w = sp.nsimplify(Fraction(str(res.witness["x"])))
    assert bool(premise.relation.subs(x, w))  # the witness meets the premise
    assert not bool(sp.Rel(lhs.subs(x, w), rhs, rel))


def test_a_condition_the_search_cannot_evaluate_leaves_no_witness_and_no_support():
    # int_0^1 e^{-x y^2} dy >= 9/10 holds for x <= 0.33 only; the search has no numeric
    # form for it, so no point is known to meet it: neither x = 1 nor SUPPORTED
    y = sp.Symbol("y", real=True)
    cond = Premise(sp.Ge(sp.Integral(sp.exp(-x * y**2), (y, 0, 1)), sp.Rational(9, 10)))
    res = _verdict_of(X02, _step(x, "<=", sp.Rational(1, 2), (cond,)))
    assert res.verdict not in (Verdict.REFUTED, Verdict.SUPPORTED)


def test_a_bare_relation_in_premises_is_an_input_error_naming_the_parameter():
    with pytest.raises(InputError) as err:
        _step(x**2, "<=", x / 2, (sp.Le(x, sp.Rational(1, 2)),))
    assert err.value.parameter == "premises"


# 6: trials ---------------------------------------------------------------------------------

def test_points_without_a_real_value_are_not_trials():
    res = _verdict_of(Param("x", x, lo=-2, hi=-1), _step(sp.log(x), ">=", sp.sqrt(x)))
    assert res.verdict is Verdict.UNDECIDED  # no side has a real value: no trial at all
    assert "only 0 sampled point(s)" in res.detail
    # one side real, the other not, on the stated domain: the step fails there as written
    res = _verdict_of(Param("x", x, lo=-2, hi=-1), _step(sp.log(x), ">=", 100))
    assert res.verdict is Verdict.REFUTED and "not a real number" in res.detail
    infinite = sp.Sum(x**k / sp.factorial(k), (k, 1, sp.oo))  # k = 0 dropped: false
    res = _verdict_of(Param("x", x, lo=-1, hi=1), _step(infinite, "=", sp.exp(x)))
    assert res.verdict not in NOT_SHOWN


def test_the_trial_count_is_the_number_of_real_valued_points():
    real, calls = [0], [0]

    def evaluate(point):  # sqrt(x) + 1 >= 0: real on half of [-1, 1] only
        calls[0] += 1
        v = point["x"]
        if v >= 0:
            real[0] += 1
            return v**0.5 + 1, 0
        return complex(0, 1), 0

    found = falsify([Param("x", x, lo=-1, hi=1)], evaluate, ">=", np.random.default_rng(3),
                    trials=60, hypothesis_examples=20, local_starts=1)
    assert found.witness is None
    assert 0 < found.trials <= real[0] < calls[0]  # the complex points are no trials
    assert found.trials >= real[0] - 2


def test_a_true_step_with_real_values_is_still_supported_or_proved():
    res = _verdict_of(Param("x", x, lo=1, hi=2), _step(sp.log(x), "<=", x - 1))
    assert res.verdict in (Verdict.PROVED, Verdict.SUPPORTED, Verdict.CERTIFIED)


# 7: violations below the float screen ------------------------------------------------------

BIG = sp.Integer(10) ** 20


@pytest.mark.parametrize("param, lhs, rel, rhs", [
    (Param("x", x, lo=-1, hi=1), x**2 + BIG, "<=", x**2 + BIG - 1),
    (Param("x", x, lo=-1, hi=1), x**2, "<=", x**2 - sp.Rational(1, 10**13)),
    (Param("n", n, lo=10**7), 1 / (n + 1), ">=", 1 / n),
    (Param("epsilon", eps, lo=0, hi=sp.Rational(1, 10**7), lo_open=True),
     sp.log(1 + eps), ">=", eps),
], ids=["1e20", "1e-13", "1/(n+1)", "log(1+eps)"])
def test_a_violation_below_the_float_screen_is_refuted(param, lhs, rel, rhs):
    assert _verdict_of(param, _step(lhs, rel, rhs)).verdict is Verdict.REFUTED


@pytest.mark.parametrize("param, lhs, rel, rhs", [
    (Param("x", x, lo=-1, hi=1), x**2 + BIG, "<=", x**2 + BIG),
    (Param("x", x, lo=-1, hi=1), x, ">=", x),
    (Param("n", n, lo=10**7), 1 / (n + 1), "<=", 1 / n),
    (Param("epsilon", eps, lo=0, hi=sp.Rational(1, 10**7), lo_open=True),
     sp.log(1 + eps), "<=", eps),
], ids=["1e20", "x>=x", "1/(n+1)", "log(1+eps)"])
def test_the_true_neighbours_are_not_refuted(param, lhs, rel, rhs):
    assert _verdict_of(param, _step(lhs, rel, rhs)).verdict is not Verdict.REFUTED


def test_a_search_of_a_true_equality_rereads_a_bounded_number_of_points():
    calls = [0]

    def evaluate(point):  # sin^2 + cos^2 = 1 up to rounding, at every point
        calls[0] += 1
        v = point["x"]
        import mpmath

        return mpmath.sin(v) ** 2 + mpmath.cos(v) ** 2, mpmath.mpf(1)

    found = falsify([Param("x", x, lo=-3, hi=3)], evaluate, "=", np.random.default_rng(5),
                    trials=200, hypothesis_examples=0, local_starts=0)
    assert found.witness is None and found.trials >= 200
    assert calls[0] <= found.trials + 2 * 24 + 16  # screen + bounded 50-digit re-reads


# 8: witnesses interval arithmetic cannot enclose ------------------------------------------

PINT = Param("p", p, kind="integer", lo=1)


@pytest.mark.parametrize("lhs, rel, rhs", [
    ((-1) ** p, ">=", 0), ((-1) ** (p + 1), "<", 0)], ids=["(-1)^p>=0", "(-1)^(p+1)<0"])
def test_an_alternating_sign_is_refuted_at_an_exact_witness(lhs, rel, rhs):
    res = _verdict_of(PINT, _step(lhs, rel, rhs))
    assert res.verdict is Verdict.REFUTED
    w = int(res.witness["p"])
    assert not bool(sp.Rel(lhs.subs(p, w), rhs, rel))


def test_the_true_alternating_neighbour_is_not_refuted():
    res = _verdict_of(PINT, _step((-1) ** (2 * p), ">=", 0))
    assert res.verdict is not Verdict.REFUTED


def test_a_candidate_nothing_can_confirm_leaves_the_step_undecided(monkeypatch):
    monkeypatch.setattr(search, "exact_confirm", lambda gap, rel, values: UNCONFIRMED)
    res = _verdict_of(PINT, _step((-1) ** p, ">=", 0))
    assert res.verdict is Verdict.UNDECIDED
    assert "could not be confirmed" in res.detail


def test_exact_confirmation_decides_signs_and_clears_poles():
    one = {p: sp.Integer(1)}
    assert search.exact_confirm((-1) ** p, ">=", one) is True  # -1 < 0: violated
    assert search.exact_confirm((-1) ** (p + 1), ">=", one) is False
    assert search.exact_confirm(1 / (p - 1), ">=", one) is False  # a pole: no witness
    assert search.exact_confirm(sp.sqrt(2) - sp.Rational(141421, 100000), ">=", one) is False


# 9: integers far out -----------------------------------------------------------------------

NINT = Param("n", n, kind="integer", lo=1)


def test_an_unbounded_integer_is_drawn_far_out_too():
    rng = np.random.default_rng(0)
    draws = [sample_param(NINT, rng) for _ in range(2000)]
    assert all(isinstance(d, int) and d >= 1 for d in draws)
    far = sum(d > 1000 for d in draws) / len(draws)
    assert 0.05 < far < 0.4 and max(draws) > 10**5


def test_a_bound_false_only_far_out_is_refuted_for_an_integer():
    assert _verdict_of(NINT, _step(n, "<=", 1000)).verdict is Verdict.REFUTED
    partial = sp.Sum(1 / k**2, (k, 1, n))  # exceeds 1.6 from n = 22
    res = _verdict_of(NINT, _step(partial, "<=", sp.Rational(16, 10)))
    assert res.verdict is Verdict.REFUTED
    assert int(res.witness["n"]) >= 22


def test_the_integer_neighbours_are_not_refuted():
    assert _verdict_of(NINT, _step(n, ">=", 1)).verdict is not Verdict.REFUTED
    partial = sp.Sum(1 / k**2, (k, 1, n))
    res = _verdict_of(NINT, _step(partial, "<=", sp.Rational(165, 100)))
    assert res.verdict is not Verdict.REFUTED
