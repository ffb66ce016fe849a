"""Counterexamples on point-mass laws: a step whose sides hold E[.] or Pr[.] of random
variables is refuted where every random variable is a constant, only when that keeps to
everything the claim states about them; such a search never proves anything."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.library.randomness import Cov, E, Pr, Var, random_symbol

X = random_symbol("X")
a = sp.Symbol("a", real=True)
A = Param("a", a, lo=0, hi=sp.Rational(1, 2))
BOUNDED = [sp.Ge(X, 0), sp.Le(X, 1)]


def _one(step: Step, assumptions: list, params: list[Param] = (A,), **kw: object) -> object:
    claim = Claim("pm", "test", list(params), [step], assumptions=assumptions, **kw)
    return check_claim(claim, trials=60).steps[0]


Y = random_symbol("Y")
m = sp.Symbol("m", real=True)
HALF = sp.Rational(1, 2)
#: True steps a careless point-mass search would refute (found by review): what the claim
#: states about the variables in some other form must be kept to, or the form refused.
KEPT_TO = {
    "Var X = 1 (no constant meets it)": (Step("s", E(X**2), ">=", 1, "Var + mean^2"),
                                         [sp.Eq(Var(X), 1)], [], {}),
    "Cov(X, Y) = 1": (Step("s", E(X * Y) - E(X) * E(Y), ">=", 1, "Cov"),
                      [sp.Eq(Cov(X, Y), 1)], [], {}),
    "Pr[X > 0] = 1/2": (Step("s", Pr(sp.Gt(X, 0)), "<=", HALF, "stated"),
                        [sp.Eq(Pr(sp.Gt(X, 0)), HALF)], [], {}),
    "X declared nonzero": (Step("s", E(random_symbol("X", nonzero=True) ** 2), ">", 0,
                                "X != 0"), [], [], {}),
    "m := E[X] by definition, m = 1/2 stated": (Step("s", m, "<=", HALF, "m = 1/2"),
                                               [sp.Eq(m, HALF)], [], {"definitions": {m: E(X)}}),
    "a relation through a parameter": (Step("s", E(X), "<=", 1, "X <= a = E Y <= 1"),
                                       [sp.Ge(Y, 0), sp.Le(Y, 1), sp.Eq(E(Y), a), sp.Le(X, a)],
                                       [Param("a", a, lo=0, hi=2)], {}),
    "a text assumption": (Step("s", E(X), "=", HALF, "Bernoulli(1/2)"),
                          ["X ~ Bernoulli(1/2)"], [], {}),
    "a premise in words": (Step("s", E(X), "=", HALF, "Bernoulli(1/2)",
                                premises=("X ~ Bernoulli(1/2)",)), [], [], {}),
}


def test_what_the_claim_states_in_other_forms_is_kept_to() -> None:
    got = {name: _one(step, assumptions, params, **kw).verdict
           for name, (step, assumptions, params, kw) in KEPT_TO.items()}
    assert not [name for name, v in got.items() if v is Verdict.REFUTED]


def test_a_parameter_eliminated_through_a_mean_is_not_drawn_again() -> None:
    """mu = E[X] (eliminated) and X <= 1 - mu stated: mu <= 1/2 holds (mu = E X <= 1 - mu);
    mu = 0 with X = 1 breaks the stated relation once mu is written as E[X]."""
    mu = sp.Symbol("mu", real=True)
    given = sp.Eq(mu, E(X))
    step = Step("s", mu, "<=", HALF, "mean", premises=(Premise(given, by="hypothesis",
                                                                solve_for=mu),))
    res = _one(step, [given, sp.Le(X, 1 - mu)], [Param("mu", mu, lo=0, hi=1)])
    assert res.verdict is not Verdict.REFUTED


def test_a_cited_step_is_not_ignored() -> None:
    same = Step("iid", X, "equal-in-law", Y, "identically distributed", kind="definition")
    means = Step("means", E(X), "<=", E(Y), "X =d Y", kind="probability", cites=("iid",))
    res = check_claim(Claim("pm", "test", [], [same, means]), trials=60).steps[1]
    assert res.verdict is not Verdict.REFUTED


def test_a_false_mean_bound_is_refuted_with_a_constant_inside_the_stated_range() -> None:
    res = _one(Step("s", E(X), "<=", a, "bogus"), BOUNDED)  # X = 1 constant: E X = 1 > a
    assert res.verdict is Verdict.REFUTED
    assert "point-mass" in res.method
    assert 0 <= res.witness["X"] <= 1 and res.witness["X"] > res.witness["a"]


def test_a_true_bound_under_the_stated_range_is_not_refuted() -> None:
    res = _one(Step("s", E(X) + Pr(sp.Gt(X, 1)), "<=", 1, "X <= 1"), BOUNDED)
    assert res.verdict is not Verdict.REFUTED


def test_point_masses_never_prove_a_step() -> None:
    """E[X^2] <= E[X]^2 holds with equality on every constant and fails for X uniform on
    {0, 1}: it stays undecided, never PROVED or SUPPORTED."""
    res = _one(Step("s", E(X**2), "<=", E(X) ** 2, "bogus"), BOUNDED)
    assert res.verdict is Verdict.UNDECIDED


def test_a_stated_mean_is_honoured_on_the_constants() -> None:
    """E[X] >= 1/4 is stated: on a point mass it reads X >= 1/4, so the constant X = 0 is
    never drawn and the true step E[X] >= 1/8 is not refuted."""
    res = _one(Step("s", E(X), ">=", sp.Rational(1, 8), "stated"),
               [*BOUNDED, sp.Ge(E(X), sp.Rational(1, 4))])
    assert res.verdict is not Verdict.REFUTED


def test_a_variable_inside_an_eliminated_quantity_is_not_drawn_freely() -> None:
    """Given E[X] = a and X >= 0, Markov gives Pr[X >= 1] <= a (true). Drawing X = 2 while
    the premise fixed E[X] to a would be a false alarm: the form is refused."""
    given = sp.Eq(E(X), a)
    step = Step("markov", Pr(sp.Ge(X, 1)), "<=", a, "Markov",
                premises=(Premise(given, by="hypothesis", solve_for=E(X)),))
    res = _one(step, [sp.Ge(X, 0), given])
    assert res.verdict is not Verdict.REFUTED


def test_a_stated_relation_it_cannot_evaluate_refuses_the_form() -> None:
    """X <= f(a) with f unknown: the search could not keep to it, so no constant is drawn,
    even against a step that is false for some law."""
    f = sp.Function("f")
    res = _one(Step("s", E(X), "<=", a, "bogus"), [*BOUNDED, sp.Le(X, f(a))])
    assert res.verdict is Verdict.UNDECIDED

