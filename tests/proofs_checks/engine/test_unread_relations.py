"""A counterexample refutes a step only at a point that meets what the claim states.

The falsification search tests the claim's stated relations at each point, but some have no
numeric form there (``E``/``Pr``, an opaque function, a sum to a symbolic length, an
integral, an undeclared symbol, words). Each case below is a true step that such a relation
makes true; the search used to refute it at a point that breaks the relation (a false alarm).
The false steps beside them must still be refuted, with values found for the other
variables."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, Verdict, check_claim
from hallbound.proofs_checks.library.randomness import E, random_symbol

X = random_symbol("X")
x, y, mu, n = (sp.Symbol(s, real=True) for s in ("x", "y", "mu", "n"))
k = sp.Symbol("k", integer=True)
t = sp.Symbol("t", integer=True)
p = sp.IndexedBase("p")
f = sp.Function("f")
HALF = sp.Rational(1, 2)
UNIT = Param("x", x, lo=0, hi=1)
LENGTH = Param("n", n, kind="integer", lo=1, hi=10)


def _step(claim_params: list[Param], lhs: sp.Basic, op: str, rhs: sp.Basic,
          assumptions: list) -> object:
    claim = Claim("c", "test", claim_params, [Step("s", lhs, op, rhs, "stated")],
                  assumptions=assumptions)
    return check_claim(claim, trials=60).steps[0]


#: name -> (params, step (lhs, op, rhs), stated relations): each step is TRUE under them.
TRUE_UNDER_UNREAD = {
    "mu = E X and X <= 1 - mu give mu <= 1/2": (
        [Param("mu", mu, lo=0, hi=1)], (mu, "<=", HALF), [sp.Eq(mu, E(X)), sp.Le(X, 1 - mu)]),
    "f(x) = 0 and f(x) = x - 1/2 give x = 1/2": (
        [UNIT], (x, "<=", HALF), [sp.Eq(f(x), 0), sp.Eq(f(x), x - HALF)]),
    "f(x) <= 1 - x and f(x) = x give x <= 1/2": (
        [UNIT], (x, "<=", HALF), [sp.Le(f(x), 1 - x), sp.Eq(f(x), x)]),
    "x <= y <= 1/2 with y undeclared": ([UNIT], (x, "<=", HALF), [sp.Le(x, y), sp.Le(y, HALF)]),
    "in words": ([UNIT], (x, "<=", HALF), ["x <= 1/2"]),
    "x = sum_{k <= n} 2^-k - 1/2 < 1/2": (
        [UNIT, LENGTH], (x, "<=", HALF), [sp.Eq(x, sp.Sum(2 ** -k, (k, 1, n)) - HALF)]),
    "x <= an integral equal to 1/2": (
        [UNIT], (x, "<=", HALF), [sp.Le(x, sp.Integral(y, (y, 0, 1)))]),
    "sum p = 1 and p_t >= 0 in words (n = 1 is not claimed, so the words bear on n)": (
        [LENGTH], (n, ">=", 1), [sp.Eq(sp.Sum(p[t], (t, 1, n)), 1), "p_t >= 0 for each t"]),
}


def test_a_true_step_is_not_refuted_at_a_point_that_breaks_an_unread_relation() -> None:
    got = {name: _step(params, *step, assumptions)
           for name, (params, step, assumptions) in TRUE_UNDER_UNREAD.items()}
    assert not [name for name, res in got.items() if res.verdict is Verdict.REFUTED]


def test_a_withdrawn_witness_names_the_relations_it_could_not_test() -> None:
    res = _step([Param("mu", mu, lo=0, hi=1)], mu, "<=", HALF,
                [sp.Eq(mu, E(X)), sp.Le(X, 1 - mu)])
    assert res.verdict is Verdict.UNDECIDED
    assert "withdrawn" in res.method
    assert "X <= 1 - mu" in res.detail and "E[X]" in res.detail.replace("E(X)", "E[X]")


#: name -> (params, false step, stated relations the search cannot test but can extend to).
FALSE_UNDER_UNREAD = {
    "x <= y with y free (y = 1 meets it at x = 1)": ([UNIT], (x, "<=", HALF), [sp.Le(x, y)]),
    "f(x) = 0 (f(1) = 0)": ([UNIT], (x, "<=", HALF), [sp.Eq(f(x), 0)]),
    "sum_{t <= n} p_t = 1 (p_1 + p_2 = 1 at n = 2)": (
        [LENGTH], (n, "<=", 1), [sp.Eq(sp.Sum(p[t], (t, 1, n)), 1)]),
    "x <= y and y <= 2 (y = 2)": ([UNIT], (x, "<=", HALF), [sp.Le(x, y), sp.Le(y, 2)]),
}


def test_a_false_step_is_still_refuted_where_the_unread_relations_can_be_met() -> None:
    got = {name: _step(params, *step, assumptions)
           for name, (params, step, assumptions) in FALSE_UNDER_UNREAD.items()}
    assert {name: res.verdict for name, res in got.items()} == dict.fromkeys(
        FALSE_UNDER_UNREAD, Verdict.REFUTED)


def test_the_extension_is_exact_and_keeps_to_the_symbols_declared_sign() -> None:
    from hallbound.proofs_checks.engine.stated_extension import extension

    z = sp.Symbol("z", positive=True)
    assert extension([sp.Le(z, 1 - x)], {x: sp.Integer(1)}) is None  # z > 0 and z <= 0
    ext = extension([sp.Le(z, 2 - x)], {x: sp.Integer(1)})
    assert ext is not None and 0 < ext["z"] <= 1
    ext = extension([sp.Eq(sp.Sum(p[t], (t, 1, n)), 1), sp.Ge(p[1], 0), sp.Ge(p[2], 0)],
                    {n: sp.Integer(2)})
    assert ext is not None and ext["p[1]"] + ext["p[2]"] == 1
    assert min(ext["p[1]"], ext["p[2]"]) >= 0


@pytest.mark.parametrize("by", ["hypothesis", None])
def test_a_premise_is_a_condition_whatever_backs_it(by: str | None) -> None:
    """``x <= 1/2`` on [-2, 2] "because x^3 <= 1/8", a premise SymPy does not solve: the step
    states ``x^3 <= 1/8 => x <= 1/2``, backed or not, so the search keeps to the premise (x = 1
    is no counterexample) and the step is ASSUMED, naming the premise the claim does not
    give; a false step under it is REFUTED at a point that meets it; stated by the claim, the
    premise is discharged."""
    from hallbound.proofs_checks.engine.claim import Premise

    cube = sp.Le(x**3, sp.Rational(1, 8))

    def check(rhs: sp.Expr, assumptions: list) -> object:
        step = Step("s", x, "<=", rhs, "premised", premises=(Premise(cube, by=by),))
        claim = Claim("c", "test", [Param("x", x, lo=-2, hi=2)], [step],
                      assumptions=assumptions)
        return check_claim(claim, trials=60).steps[0]

    res = check(HALF, [])
    assert res.verdict is Verdict.ASSUMED and any("x**3 <= 1/8" in a for a in res.assumed)
    res = check(sp.Rational(1, 4), [])
    assert res.verdict is Verdict.REFUTED
    assert sp.Rational(1, 4) < res.witness["x"] and res.witness["x"] ** 3 <= 1 / 8
    if by is not None:
        assert check(HALF, [cube]).verdict in (Verdict.PROVED, Verdict.SUPPORTED)


g = sp.Function("g", positive=True)
q = sp.IndexedBase("q", nonnegative=True)
z = sp.Symbol("z", real=True)
w = sp.Symbol("w", positive=True)
#: True steps a first version of the guard still refuted (review): the extension must keep
#: to declared signs, same-name symbols, exact values, real numbers, and the claim's
#: definitions whose values hold a variable the search does not draw.
TRUE_BY_REVIEW = {
    "q >= 0 declared, x = q[1], q[1] + q[2] = 1 give x <= 1": (
        [Param("x", x, lo=0, hi=2)], (x, "<=", 1), [sp.Eq(x, q[1]), sp.Eq(q[1] + q[2], 1)], {}),
    "g > 0 declared, g(1) = x gives x > 0": ([UNIT], (x, ">", 0), [sp.Eq(g(1), x)], {}),
    "a plain Symbol('x') <= 1/2 is the parameter x": (
        [UNIT], (x, "<=", HALF), [sp.Le(sp.Symbol("x"), HALF)], {}),
    "f(1/2) = x and f(0.5) <= 1/2 are one value": (
        [UNIT], (x, "<=", HALF), [sp.Eq(f(HALF), x), sp.Le(f(sp.Float(0.5)), HALF)], {}),
    "w > 0 declared, w = x - 2 gives x >= 2 (no root breaks w's sign)": (
        [Param("x", x, lo=0, hi=3)], (x, ">=", 2), [sp.Eq(w, x - 2)], {}),
    "y = sqrt(x - 1/2) is real: x >= 1/2": (
        [UNIT], (x, ">=", HALF), [sp.Eq(sp.Symbol("y"), sp.sqrt(x - HALF))], {}),
    "z := x + y by definition, y = x, z <= 1 give x <= 1/2": (
        [UNIT], (x, "<=", HALF), [sp.Eq(y, x), sp.Le(z, 1)], {"definitions": {z: x + y}}),
    "words with a Greek letter, 'μ ≤ 1/2'": (
        [Param("mu", mu, lo=0, hi=1)], (mu, "<=", HALF), ["μ ≤ 1/2"], {}),
}


def test_the_review_cases_are_not_refuted() -> None:
    got = {}
    for name, (params, (lhs, op, rhs), assumptions, kw) in TRUE_BY_REVIEW.items():
        claim = Claim("c", "test", params, [Step("s", lhs, op, rhs, "stated")],
                      assumptions=assumptions, **kw)
        got[name] = check_claim(claim, trials=60).steps[0].verdict
    assert not [name for name, v in got.items() if v is Verdict.REFUTED]


def test_a_refuted_step_shows_the_values_that_meet_the_untested_relations() -> None:
    res = _step([UNIT], x, "<=", HALF, [sp.Le(x, y), sp.Le(y, 2)])
    assert res.verdict is Verdict.REFUTED
    assert "could not test hold there with y = " in res.detail
    shown = sp.nsimplify(res.detail.split("y = ")[1].split(";")[0].split(",")[0])
    assert res.witness["x"] <= shown <= 2
