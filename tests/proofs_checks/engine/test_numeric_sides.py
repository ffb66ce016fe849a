"""Derivatives and ``Subs`` are carried out before the falsification search (issue 19, item
10: a step the search could not evaluate was UNDECIDED, never REFUTED). A false step with a
derivative is REFUTED at a witness re-checked here exactly; the true one is not REFUTED."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.search import numeric_sides

p, s = sp.symbols("p s", real=True)
LOSS = sp.Symbol("L(q)", real=True)  # a quantity without s: its derivative in s is 0
PP = Param("p", p, lo=0, hi=1)
DERIV = sp.Subs(sp.Derivative(LOSS - p * sp.log(s) + s**2, s), s, 1)  # = 2 - p


def _check(rhs: sp.Basic, rel: str = "=") -> object:
    step = Step("d", DERIV, rel, rhs, "differentiate", params=[PP])
    return check_claim(Claim("toy derivative", "d", [PP], [step])).steps[0]


def test_numeric_sides_carry_out_derivatives_only():
    lhs, rhs = numeric_sides(DERIV, sp.Sum(p, (s, 1, 3)))
    assert sp.simplify(lhs - (2 - p)) == 0 and not lhs.has(sp.Derivative, sp.Subs)
    assert isinstance(rhs, sp.Sum)  # sums are left to the written-out instances
    assert numeric_sides("text", None) == ("text", None)


def test_a_false_step_with_a_derivative_is_refuted_with_an_exact_witness():
    res = _check(2 + p)  # 2 - p = 2 + p only at p = 0
    assert res.verdict is Verdict.REFUTED
    pv = Fraction(str(res.witness["p"]))
    assert 0 <= pv <= 1 and 2 - pv != 2 + pv


def test_the_true_step_with_a_derivative_is_not_refuted():
    res = _check(2 - p)
    assert res.verdict is not Verdict.REFUTED
    res = _check(2 - p, "<")  # equal everywhere: false as a strict relation, by equality
    assert res.verdict is Verdict.REFUTED
