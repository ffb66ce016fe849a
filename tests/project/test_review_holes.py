"""Holes a sceptical review found through the public API, each now closed.

False PROVED: a cited step instantiated past the assumptions it was shown under (H1), at a
complex value (H2), and "a finite real is below oo" for opaque quantities (H3). True steps
REFUTED: empty sums written out by SymPy's Karr convention (H4), and an assumption on ``x_i``
that the written-out entries ``x[1], ...`` did not obey (H5).
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step, check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.instances import written_out
from hallbound.proofs_checks.latex.verify import verify_tex
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol

HOLDING = {"PROVED", "CERTIFIED"}


def test_h1_a_step_shown_under_an_assumption_is_no_statement_for_every_value() -> None:
    """s1 (x <= 1/2) holds only under the assumption x <= 1/2: instantiating it at
    x = Pr[X >= t] would prove Pr[X >= t] <= 1/2, false for X = t = 0."""
    x, t = sp.Symbol("x", real=True), sp.Symbol("t", real=True)
    target = (Pr(random_symbol("X") >= t), "<=", sp.Rational(1, 2))
    claim = Claim(
        "h1", "Pr[X >= t] <= 1/2", [Param("x", x, lo=0), Param("t", t)],
        [Step("s1", x, "<=", sp.Rational(1, 2), "assumed"),
         Step("s2", *target, "instance of s1", premises=[Premise(target, by="s1")])],
        assumptions=[(x, "<=", sp.Rational(1, 2))], conclusion=[target],
    )
    res = check_claim(claim, trials=20)
    assert res.steps[1].verdict.value not in HOLDING
    assert res.verdict.value not in HOLDING


def test_h2_an_instance_at_a_complex_value_proves_nothing() -> None:
    """x^2 >= 0 at x = i |f(y)| would give -f(y)^2 >= 0, false for f = 1."""
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    f = sp.Function("f", real=True)
    target = (-f(y) ** 2, ">=", sp.Integer(0))
    claim = Claim(
        "h2", "-f(y)^2 >= 0", [Param("x", x), Param("y", y, lo=1, hi=2)],
        [Step("s1", x**2, ">=", sp.Integer(0), "square", params=[Param("x", x)]),
         Step("s2", *target, "instance of s1", premises=[Premise(target, by="s1")])],
        conclusion=[target],
    )
    res = check_claim(claim, trials=20)
    assert res.steps[1].verdict.value not in HOLDING


def test_h3_an_expectation_is_not_finite_by_declaration() -> None:
    """E[X^2] < oo is false for a Cauchy X: an expectation declared real is not finite."""
    t = sp.Symbol("t", real=True)
    X = random_symbol("X")
    claim = Claim("h3", "E[X^2] < oo", [Param("t", t)],
                  [Step("s", E(X**2), "<", sp.oo, "finite")])
    assert check_claim(claim, trials=20).steps[0].verdict.value not in HOLDING


def test_h3_latex_opaque_quantities_against_infinity_are_not_proved() -> None:
    rep = verify_tex(r"""\begin{equation} \operatorname{Var}[X] < \infty \end{equation}
\begin{equation} \int_0^\infty f(x)\, dx < \infty \end{equation}""", trials=20)
    steps = [s for env in rep.environments for s in env.steps]
    assert steps and all(s.verdict not in HOLDING for s in steps)


def test_h4_an_empty_range_is_zero_for_a_sum_and_one_for_a_product() -> None:
    i = sp.Symbol("i", integer=True)
    x = sp.IndexedBase("x")
    assert written_out(sp.Sum(x[i] ** 2, (i, 1, -1))) == 0  # doit() gives -x[0]**2
    assert written_out(sp.Product(x[i], (i, 3, 1))) == 1
    assert written_out(sp.Sum(x[i], (i, 1, 3))) == x[1] + x[2] + x[3]


def test_h4_a_sum_of_squares_over_a_possibly_empty_range_is_not_refuted() -> None:
    n = sp.Symbol("n", integer=True, nonnegative=True)
    i = sp.Symbol("i", integer=True)
    x = sp.IndexedBase("x", real=True)
    claim = Claim("h4", "a sum of squares is >= 0", [Param("n", n, kind="integer", lo=0)],
                  [Step("s", sp.Sum(x[i] ** 2, (i, 2, n)), ">=", 0, "squares")])
    assert check_claim(claim, trials=20).steps[0].verdict.value != "REFUTED"


def test_h5_an_assumption_on_x_i_is_not_broken_by_a_witness_entry() -> None:
    """0 <= x_i <= 1 for every i makes sum x_i^2 <= N true; x[1] = 2 is no witness."""
    rep = verify_tex(r"""% hb: assume N \in \mathbb{Z}, N \ge 1
% hb: assume 0 \le x_i \le 1
\begin{align}
\sum_{i=1}^{N} x_i^2 &\le N
\end{align}""", trials=20)
    steps = [s for env in rep.environments for s in env.steps]
    assert steps and all(s.verdict != "REFUTED" for s in steps)


# -- F4: a claim whose stated relations contradict each other proves nothing -----------------

_x, _y = sp.symbols("x y", real=True)


def _one_step_claim(assumptions, params=None) -> object:
    step = Step("s", _x, "<=", -5, "t", kind="inequality")
    params = params or [Param("x", _x), Param("y", _y)]
    return check_claim(Claim("C", "c", params, [step], assumptions=assumptions), trials=100)


def test_f4_contradictory_stated_relations_make_no_step_proved() -> None:
    for assumptions in ([sp.Gt(_x, _y + 1), sp.Lt(_x, _y - 1)],
                        [sp.Gt(_x * _y, 1), sp.Lt(_x * _y, 0)]):
        (step,) = _one_step_claim(assumptions).steps
        assert step.verdict.value == "UNDECIDED", (assumptions, step.method)
        assert "contradict each other" in step.detail


def test_f4_a_relation_that_contradicts_the_domain_proves_nothing() -> None:
    (step,) = _one_step_claim([sp.Gt(_x, 5)], [Param("x", _x, lo=0, hi=1)]).steps
    assert step.verdict.value == "UNDECIDED" and "contradict" in step.detail


def test_f4_consistent_stated_relations_still_prove() -> None:
    (step,) = _one_step_claim([sp.Lt(_x, _y - 1), sp.Lt(_y, -4)]).steps
    assert step.verdict.value == "PROVED", step.method
