"""Every hypothesis of every library lemma is needed, and the library carries the textbook's.

Issue 19, item 8. The audit (:mod:`hallbound.proofs_checks.library.lemma_audit`) draws broad cases,
keeps those where the lemma's own hypotheses hold, and looks for one where the conclusion
fails. Here each hypothesis is dropped in turn (``dataclasses.replace`` on the lemma): the
audit must then find a counterexample, a case where the conclusion is FALSE. Where a hypothesis
is there only so that the conclusion is defined (a division by zero, an empty product, a ball
in dimension < 1), the test says so and shows the conclusion undefined without it instead.
One hypothesis is not needed at all (the lower Gaussian tail for x <= 0): the test proves that.

The table :data:`TEXTBOOK` states each lemma's hypotheses as its reference states them,
written here independently of the library (on concrete arguments), and the library's instance
must carry exactly those (plus the definedness conditions listed with a reason): a hypothesis
silently dropped from, or added to, the library fails this file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
import sympy as sp

from hallbound.proofs_checks.library import lemma_audit as audit_mod
from hallbound.proofs_checks.library.audit_tails import M_COND, cond_sum_law
from hallbound.proofs_checks.library.lemma_audit import Case, audit, run
from hallbound.proofs_checks.library.lemma_library import LIBRARY, Lemma, SupDensity
from hallbound.proofs_checks.library.lemmas_concentration import sample_law
from hallbound.proofs_checks.library.lemmas_tails import term, weight
from hallbound.proofs_checks.library.randomness import E, JointLaw, Pr, random_symbol

F_HALF = Fraction(1, 2)

X, Y, T, F_ = (random_symbol(n) for n in ("X", "Y", "T", "F"))
X1, X2 = random_symbol("X1"), random_symbol("X2")
a, c, p, q, t, theta, x, y, r = sp.symbols("a c p q t theta x y r", real=True)
a1, a2, b1, b2, c1, c2, x1, x2, y1, y2 = sp.symbols("a1 a2 b1 b2 c1 c2 x1 x2 y1 y2", real=True)
d = sp.Symbol("d", integer=True)
n_ = sp.Symbol("n", integer=True)
A, B = sp.Ge(X, 1), sp.Ge(Y, 2)
A1, A2 = sp.Ge(X, 1), sp.Le(Y, 0)
f = sp.Function("f")

# ----- the hypotheses as the references state them ------------------------------------------
# Normal forms: ("rel", scope, op, expr) with op in {">", ">=", "="} and expr compared to 0;
# ("forall", op, body(v)) for a hypothesis quantified over all real v; ("independent", set);
# ("measurable", lhs, vars); ("bd", lhs, X_i, c_i); ("implies", A, B).


def rel(lhs: Any, op: str, rhs: Any, scope: str = "deterministic") -> tuple[Any, ...]:
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    if op in ("<", "<="):
        return ("rel", scope, {"<": ">", "<=": ">="}[op], rhs - lhs)
    return ("rel", scope, op, lhs - rhs)


def forall(op: str, body: Callable[[sp.Symbol], Any]) -> tuple[Any, ...]:
    return ("forall", op, body)


def indep(*vs: Any) -> tuple[Any, ...]:
    return ("independent", frozenset(vs))


def measurable(lhs: Any, *vs: Any) -> tuple[Any, ...]:
    return ("measurable", lhs, tuple(vs))


def bd(lhs: Any, xi: Any, ci: Any) -> tuple[Any, ...]:
    return ("bd", lhs, xi, ci)


def implies(lhs: Any, rhs: Any) -> tuple[Any, ...]:
    return ("implies", lhs, rhs)


# name -> (concrete arguments, hypotheses as the reference states them, definedness-only
# conditions the library adds, with the reason)
TEXTBOOK: dict[str, tuple[dict[str, Any], list[Any], dict[str, Any]]] = {
    # Durrett Thm 1.6.4 / Vershynin Prop 1.2.4: X >= 0, a > 0
    "Markov": ({"X": X, "a": a}, [rel(X, ">=", 0, "pointwise"), rel(a, ">", 0)], {}),
    # Durrett Thm 1.5.1: X <= Y a.s.
    "Monotonicity (expectations)": ({"X": X, "Y": Y}, [rel(X, "<=", Y, "pointwise")], {}),
    "Linearity (constant factor)": ({"c": c, "X": X}, [], {}),
    # Vershynin Cor 1.2.5: a > 0 (finite variance: automatic on a finite law)
    "Chebyshev": ({"X": X, "a": a}, [rel(a, ">", 0)], {}),
    # Cantelli: a > 0
    "Cantelli": ({"X": X, "a": a}, [rel(a, ">", 0)], {}),
    "Cauchy-Schwarz (sums)": ({"x": (x1, x2), "y": (y1, y2)}, [], {}),
    "Cauchy-Schwarz (expectations)": ({"X": X, "Y": Y}, [], {}),
    # Durrett Thm 1.6.2: phi convex (the library: phi'' >= 0 on the real line)
    "Jensen": (
        {"phi": f, "X": X},
        [forall(">=", lambda v: sp.Derivative(f(v), (v, 2)))],
        {},
    ),
    "Union bound": ({"A": A, "B": B}, [], {}),
    "Union bound (family)": ({"A": (A1, A2)}, [], {}),
    # Durrett Thm 1.1.1 (i): A subset of B
    "Monotonicity": ({"A": A, "B": B}, [implies(A, B)], {}),
    "Total probability": ({"A": A, "B": B}, [], {}),
    # Grimmett-Stirzaker Lemma 1.3.4 (a): none; Def. 1.3.1 (b): A and B disjoint
    "Complement": ({"A": A}, [], {}),
    "Additivity (disjoint)": ({"A": A, "B": B}, [implies(A, sp.Not(B))], {}),
    # Billingsley Sect. 2 (2.5): A_1, ..., A_n pairwise disjoint
    "Additivity (family)": (
        {"A": (A1, A2)},
        [implies(A1, sp.Not(A2))],
        {"the last event's term (no later event to miss): A_n implies true": implies(A2, sp.true)},
    ),
    # Billingsley Sect. 4, 20: X_1, ..., X_n independent; A_i in sigma(X_i)
    "Independence product (family)": (
        {"X": (X1, X2), "A": (sp.Ge(X1, 1), sp.Le(X2, 0))},
        [indep(X1, X2), measurable(sp.Ge(X1, 1), X1), measurable(sp.Le(X2, 0), X2)],
        {},
    ),
    # Durrett Sect 2.1: X, Y independent; A in sigma(X), B in sigma(Y)
    "Independence product": (
        {"X": X, "Y": Y, "A": A, "B": B},
        [indep(X, Y), measurable(A, X), measurable(B, Y)],
        {},
    ),
    # Paley-Zygmund: T >= 0, 0 <= theta <= 1 (E[T^2] finite)
    "Paley-Zygmund": (
        {"T": T, "theta": theta},
        [rel(T, ">=", 0, "pointwise"), rel(theta, ">=", 0), rel(theta, "<=", 1)],
        {"E[T^2] > 0: the bound divides by E[T^2]": rel(E(T**2), ">", 0)},
    ),
    # HLP Sect 2.7: p > 1, 1/p + 1/q = 1
    "Hoelder": (
        {"x": (x1, x2), "y": (y1, y2), "p": p, "q": q},
        [rel(p, ">", 1), rel(1 / p + 1 / q, "=", 1)],
        {},
    ),
    # HLP Sect 2.5: x, y >= 0
    "AM-GM": ({"x": x, "y": y}, [rel(x, ">=", 0), rel(y, ">=", 0)], {}),
    "AM-GM (n terms)": (
        {"x": (x1, x2)},
        [rel(x1, ">=", 0), rel(x2, ">=", 0)],
        {"n >= 1: the n-th root of an empty product is 1^(1/0)": rel(2, ">=", 1)},
    ),
    # Hoeffding (1963) Thm 2 / Vershynin Thm 2.2.6: independent, a_i <= X_i <= b_i, t > 0
    "Hoeffding": (
        {"X": (X1, X2), "a": (a1, a2), "b": (b1, b2), "t": t},
        [
            indep(X1, X2),
            rel(a1, "<=", X1, "pointwise"),
            rel(a2, "<=", X2, "pointwise"),
            rel(X1, "<=", b1, "pointwise"),
            rel(X2, "<=", b2, "pointwise"),
            rel(t, ">", 0),
        ],
        {
            "a_1 < b_1: the bound divides by sum (b_i - a_i)^2": rel(a1, "<", b1),
            "a_2 < b_2: idem": rel(a2, "<", b2),
        },
    ),
    # Boucheron-Lugosi-Massart Thm 6.2: F = g(X_1..X_n), X_i independent, g with bounded
    # differences c_i, t > 0
    "McDiarmid": (
        {"F": X1 * X2, "X": (X1, X2), "c": (c1, c2), "t": t},
        [
            indep(X1, X2),
            measurable(X1 * X2, X1, X2),
            bd(X1 * X2, X1, c1),
            bd(X1 * X2, X2, c2),
            rel(t, ">", 0),
        ],
        {"sum c_i^2 > 0: the bound divides by it": rel(c1**2 + c2**2, ">", 0)},
    ),
    # Vershynin Prop 2.1.2 / Gordon (1941): x > 0
    "Gaussian tail (Mills)": ({"x": x}, [rel(x, ">", 0)], {}),
    "Gaussian tail (lower)": ({"x": x}, [rel(x, ">", 0)], {}),
    # DLMF 5.19.4: d >= 1 (a ball in R^d), radius r >= 0
    "Ball volume": ({"d": d, "r": r}, [rel(d, ">=", 1), rel(r, ">=", 0)], {}),
    # Durrett Thm 2.1.16: X, Y independent (X's density bounds the sum's); vectors in R^d, d >= 1
    "Sup density (convolution)": ({"X": X, "Y": Y, "d": d}, [indep(X, Y)],
                                  {"d >= 1: a density on R^d": rel(d, ">=", 1)}),
    # Folland Thm 2.44: c != 0 (a linear map of determinant c^d != 0) in R^d, d >= 1
    "Sup density (scaling)": ({"X": X, "c": c, "d": d}, [rel(sp.Abs(c), ">", 0)],
                              {"d >= 1: a density on R^d": rel(d, ">=", 1)}),
    # Durrett Thm 1.5.1 with Pr[X in B] = int_B f_X: X has a (bounded) density on R^d, d >= 1
    "Ball mass": ({"X": X, "d": d, "r": r}, [rel(SupDensity(X, d), "<", sp.oo)],
                  {"d >= 1: a ball in R^d": rel(d, ">=", 1)}),
    "Expectation of a constant": ({"c": c}, [], {}),
    # Durrett Thm 4.1.13 with F = sigma(B): E[X | B], E[X | not B] need Pr[B], Pr[not B] > 0
    "Total expectation": ({"X": X, "B": A}, [], {
        "Pr[B] > 0: E[X | B] divides by it": rel(Pr(A), ">", 0),
        "Pr[not B] > 0: E[X | not B] divides by it": rel(Pr(sp.Not(A)), ">", 0),
    }),
    "Triangle": ({"x": x, "y": y}, [], {}),
    "Triangle (norm)": ({"x": (x1, x2), "y": (y1, y2)}, [], {}),
    "Reverse triangle": ({"x": x, "y": y}, [], {}),
    # McAllester-Ortiz (2003), McDiarmid with c_i = 2/n: a sample of n >= 1 draws, t > 0
    **{name: ({"n": n_, "t": t}, [rel(n_, ">=", 1), rel(t, ">", 0)], {})
       for name in ("Missing mass (upper tail)", "Missing mass (lower tail)",
                    "Good-Turing (upper tail)", "Good-Turing (lower tail)")},
    # Durrett Sect. 2.1 with 1 - p <= e^(-p): true for every n >= 0 and every real t
    "Missed value (tail)": ({"n": n_, "p": a, "t": t}, [], {}),
    # McAllester-Schapire (2000), Thm 1: n >= 1 draws (the bound 1/n)
    "Good-Turing bias": ({"n": n_}, [rel(n_, ">=", 1)], {}),
    "Good-Turing bias (sign)": ({"n": n_}, [rel(n_, ">=", 1)], {}),
    # triangle inequality + Durrett Thm 1.1.1: the shift c is a number with |c| <= d
    "Union bound (triangle)": ({"X": X, "Y": Y, "c": c, "a": a, "b": p, "d": q},
                               [rel(c, "<=", q), rel(-c, "<=", q)], {}),
    # Durrett Thm 1.1.1 over the < 1/t values of mass > t: n >= 1 draws, t > 0
    "Missed heavy value (union)": ({"n": n_, "t": t}, [rel(n_, ">=", 1), rel(t, ">", 0)], {}),
    # Hoeffding (1963) Thm 2 given G: S = sum w_i Y_i, Y_i in [0, 1] independent given G,
    # w_i >= 0 G-measurable, m = E[S | G], V = sum w_i^2; t > 0; v > 0 (the bound's divisor)
    # Johansson (2017): lo is the lower end of the ball Arb computes for e
    "Arb ball enclosure": ({"e": x, "lo": y}, [("arb-ball", sp.Tuple(x, y))], {}),
    "Hoeffding (conditional)": (
        {"S": X, "m": Y, "V": T, "t": t, "v": a},
        [("conditional-sum", sp.Tuple(X, Y, T)), rel(t, ">", 0)],
        {"v > 0: the bound divides by v": rel(a, ">", 0)},
    ),
}


def normal_form(h: Any) -> tuple[Any, ...]:
    """A library hypothesis (of an instance) in the normal form of the table."""
    scope = h.scope if isinstance(h.scope, str) else "independent"
    if h.rel == "independent":
        return indep(*h.lhs.args)
    if h.rel == "measurable":
        return measurable(h.lhs, *h.rhs.args)
    if h.rel == "bounded-differences":
        return bd(h.lhs, *h.rhs.args[:2])
    if h.rel == "implies":
        return implies(h.lhs, h.rhs)
    if h.rel in ("conditional-sum", "arb-ball"):
        return (h.rel, h.lhs)
    if h.over:
        ((v, lo, hi),) = h.over
        assert (lo, hi) == (-sp.oo, sp.oo) and h.rel == ">=" and h.rhs == 0
        return ("forall-instance", h.rel, v, h.lhs)
    return rel(h.lhs, h.rel, h.rhs, scope)


def same(expected: tuple[Any, ...], got: tuple[Any, ...]) -> bool:
    if expected[0] == "forall":
        if got[0] != "forall-instance" or got[1] != expected[1]:
            return False
        return sp.simplify(expected[2](got[2]) - got[3]) == 0
    if expected[0] != got[0]:
        return False
    if expected[0] != "rel":
        return expected == got
    _, scope, op, e = expected
    _, scope2, op2, e2 = got
    if scope != scope2 or op != op2:
        return False
    if op == "=":
        return sp.simplify(e - e2) == 0 or sp.simplify(e + e2) == 0
    return e == e2 or sp.simplify(e - e2) == 0  # (oo - f: equal as built, not by simplify)


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_the_library_carries_the_textbook_hypotheses(name: str) -> None:
    args, stated, extra = TEXTBOOK[name]
    got = [normal_form(h) for h in LIBRARY[name].instance(**args).hypotheses]
    for h in stated:
        assert any(same(h, g) for g in got), f"{name}: the library dropped {h}"
    for reason, h in extra.items():
        assert any(same(h, g) for g in got), f"{name}: the library dropped {reason}"
    for g in got:
        assert any(same(h, g) for h in [*stated, *extra.values()]), f"{name}: added {g}"


def test_the_table_covers_the_library() -> None:
    assert set(TEXTBOOK) == set(LIBRARY)


# ----- each hypothesis is needed ------------------------------------------------------------

#: (lemma, index of the hypothesis in the lemma) -> why it is needed only for definedness,
#: and a case (the other hypotheses hold) where the conclusion is undefined without it
DEFINEDNESS: dict[tuple[str, int], tuple[str, Case]] = {
    ("Paley-Zygmund", 3): (
        "E[T^2] > 0: for T = 0 the bound is 0/0",
        Case({"T": X, "theta": Fraction(1, 2)}, JointLaw.single(X, [0], [1])),
    ),
    ("AM-GM (n terms)", 0): (
        "n >= 1: for n = 0 the left side is (empty product)^(1/0)",
        Case({"x": ()}),
    ),
    ("Hoeffding", 3): (
        "a_i < b_i: when every a_i = b_i (then X_i = a_i) the bound divides by 0",
        Case({"X": (X1,), "a": (1,), "b": (1,), "t": 1}, JointLaw.single(X1, [1], [1])),
    ),
    ("McDiarmid", 3): (
        "sum c_i^2 > 0: with every c_i = 0 the bound divides by 0",
        Case({"F": X1, "X": (X1,), "c": (0,), "t": 1}, JointLaw.single(X1, [1], [1])),
    ),
    ("Ball volume", 0): (
        "d >= 1: there is no Euclidean ball in dimension d < 1",
        Case({"d": -1, "r": 1}),
    ),
    ("Sup density (convolution)", 1): (
        "d >= 1: there is no Lebesgue density in dimension d < 1",
        Case({"X": X, "Y": Y, "d": 0}, JointLaw(({X: 0, Y: 0},), (1,)), widths={X: 1}),
    ),
    ("Sup density (scaling)", 0): (
        "|c| > 0: for c = 0, cX = 0 has no density and the bound divides by 0",
        Case({"X": X, "c": 0, "d": 1}, JointLaw.single(X, [0], [1]), widths={X: 1}),
    ),
    ("Sup density (scaling)", 1): (
        "d >= 1: there is no Lebesgue density in dimension d < 1",
        Case({"X": X, "c": 2, "d": 0}, JointLaw.single(X, [0], [1]), widths={X: 1}),
    ),
    ("Ball mass", 1): (
        "sup f_X < oo: X = 0 without a density, r = 0: Pr = 1 against oo * vol(B(0)) = oo * 0",
        Case({"X": X, "d": 1, "r": 0}, JointLaw.single(X, [0], [1])),
    ),
}

DEFINEDNESS |= {
    ("Good-Turing bias", 0): (
        "n >= 1: with no draw the bound 1/n is 1/0",
        Case({"n": 0}, sample_law((F_HALF, F_HALF), 0)),
    ),
    ("Total expectation", 0): (
        "Pr[B] > 0: E[X | B] is undefined for an impossible B",
        Case({"X": X, "B": sp.Ge(X, 5)}, JointLaw.single(X, [0, 1], [F_HALF, F_HALF])),
    ),
    ("Total expectation", 1): (
        "Pr[not B] > 0: E[X | not B] is undefined for a sure B",
        Case({"X": X, "B": sp.Ge(X, 0)}, JointLaw.single(X, [0, 1], [F_HALF, F_HALF])),
    ),
}

DEFINEDNESS |= {
    ("Hoeffding (conditional)", 2): (
        "v > 0: for v = 0 the bound exp(-2 t^2/0) is undefined (for v < 0 the event V <= v "
        "is empty)",
        Case({"S": weight(1) * term(1), "m": M_COND, "V": weight(1) ** 2, "t": 1, "v": 0},
             cond_sum_law((Fraction(1),), [[Fraction(0)]],
                          [[((Fraction(0), Fraction(1)), F_HALF)]])),
    ),
}

#: (lemma, index) -> why the hypothesis is implied by another one of the lemma (dropping it
#: alone changes no case: the other one is undefined, so the case is skipped, where it fails)
IMPLIED: dict[tuple[str, int], str] = {
    ("Ball mass", 0): "d >= 1: sup f_X < oo (a bounded density on R^d) presupposes d >= 1; kept so "
    "that vol(B_d(r)) is defined",
}

#: (lemma, index) -> why the hypothesis is not needed (the conclusion holds without it)
NOT_NEEDED: dict[tuple[str, int], str] = {
    **{(name, 0): "n >= 1: with no draw M_0 = 1 and G_0 = 0 are constants, so each tail is 0 "
       "for t > 0; the library keeps the source's sample size n >= 1"
       for name in ("Missing mass (upper tail)", "Missing mass (lower tail)",
                    "Good-Turing (upper tail)", "Good-Turing (lower tail)")},
    ("Missed heavy value (union)", 0): (
        "n >= 1: with no draw every value is missed, and Pr[max nu > t] <= 1 <= 1/t for t <= 1 "
        "(0 for t >= 1); the library keeps the source's sample size n >= 1"
    ),
    ("Gaussian tail (lower)", 0): (
        "x > 0: for x <= 0 the bound x/(1+x^2) phi(x) is <= 0 < 1 - Phi(x); the library keeps "
        "the textbook's statement"
    ),
}

HYPOTHESES = [(n, k) for n in sorted(LIBRARY) for k in range(len(LIBRARY[n].hypotheses))]


def without(lem: Lemma, k: int) -> Lemma:
    return dataclasses.replace(lem, hypotheses=lem.hypotheses[:k] + lem.hypotheses[k + 1 :])


@pytest.mark.parametrize(("name", "k"), HYPOTHESES)
def test_each_hypothesis_is_needed(name: str, k: int) -> None:
    lem = LIBRARY[name]
    dropped = without(lem, k)
    if (name, k) in NOT_NEEDED:
        assert audit(dropped, 200).finding is None
        return
    if (name, k) in IMPLIED:
        assert audit(dropped, 200).finding is None
        both = dataclasses.replace(lem, hypotheses=())  # without the implying one too: caught
        assert audit(both, 500).finding is not None
        return
    if (name, k) in DEFINEDNESS:
        # needed only for the conclusion to be defined: without it, undefined on the case
        _, case = DEFINEDNESS[(name, k)]
        assert run(dropped, case).status == "undefined"
        assert run(lem, case).status == "skipped"  # the library's lemma refuses the case
        found = audit(dropped, 500).finding
        assert found is not None and found.outcome.status == "undefined"
    else:
        found = audit(dropped, 500, undefined=False).finding
        assert found is not None, f"{name} without {lem.hypotheses[k].text()}: no counterexample"
        assert found.outcome.status == "false"
    # genuine: on the case the library's lemma is not applicable (the dropped hypothesis fails)
    assert run(lem, found.case).status == "skipped"
    assert run(dropped, found.case).status == found.outcome.status


def test_the_lower_gaussian_tail_holds_for_x_at_most_0() -> None:
    # the one hypothesis that is not needed: x/(1+x^2) phi(x) <= 0 < 1 - Phi(x) for x <= 0
    lem = LIBRARY["Gaussian tail (lower)"]
    s = sp.Symbol("s", nonpositive=True)
    _, _, rhs = lem.instance(x=s).conclusion
    assert rhs.is_nonpositive
    for v in (-3, Fraction(-1, 2), 0):
        assert run(without(lem, 0), Case({"x": v})).status == "holds"


def test_the_audit_keeps_enough_cases_for_every_lemma() -> None:
    # not vacuous: under the library's own hypotheses a share of the broad cases is kept
    for name, result in audit_mod.audit_results().items():
        assert result is not None and result.drawn == audit_mod.DEFAULT_CASES, name
        assert result.finding is None, result.finding.text()
        assert result.kept >= 5, (name, result.kept)


def test_the_audit_refuses_bad_input() -> None:
    from hallbound.errors import InputError

    with pytest.raises(InputError) as err:
        audit(LIBRARY["Markov"], 0)
    assert err.value.parameter == "cases"
    other = dataclasses.replace(LIBRARY["Markov"], name="Markov (no generator)")
    with pytest.raises(InputError) as err:
        audit(other)
    assert err.value.parameter == "lem"
    assert audit(other, 5, generator=audit_mod.GENERATORS["Markov"]).kept >= 1
