"""The SymPy -> Coq translation as text: terms, side conditions, hypotheses, reasons (no coqc)."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict
from hallbound.proofs_checks.kernel.coq_export import NotExportable, coq_name, number, to_coq
from hallbound.proofs_checks.kernel.goals import step_goal
from hallbound.proofs_checks.kernel.run import HEADER, coq_file, file_name, lemma_text

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
N = {x: "x", y: "y"}


def _goal(step: Step, params: list[Param], verdict: Verdict = Verdict.PROVED, box=None):
    claim = Claim("T", "test", params, [step])
    res = StepResult("T", step.name, step.relation_text(), verdict, "sympy", box=box)
    return step_goal(claim, step, res, {}, "step_1")


def test_numbers_are_exact() -> None:
    assert number(sp.Rational(-7, 2)) == "(- (7 / 2))"
    assert number(sp.Integer(12345678901234567890)) == "12345678901234567890"


def test_polynomial_has_no_side_condition() -> None:
    t = to_coq(x**2 - 3 * x + 1, N)
    assert t.conditions == [] and t.text == "(1 + ((- 3) * x) + (x ^ 2))"


@pytest.mark.parametrize(
    ("expr", "condition"),
    [
        (sp.sqrt(x), "0 <= x"),  # Coq: sqrt of a negative is 0; SymPy: imaginary
        (sp.log(x), "0 < x"),  # Coq: ln of a non-positive is 0
        (x ** sp.Rational(1, 3), "0 < x"),  # Coq: Rpower 0 (1/3) = 1, SymPy: 0
        (1 / x, "x <> 0"),
        (y / (x + 1), "((1 + x)) <> 0"),  # Coq: x / 0 = 0
        (x ** -2, "x <> 0"),
        (1 / sp.sqrt(x), "0 < x"),
        (2 ** x * y**x, "0 < y"),  # real exponent: Rpower needs a positive base
    ],
)
def test_partial_functions_carry_their_side_condition(expr: sp.Expr, condition: str) -> None:
    assert condition in to_coq(expr, N).conditions


def test_constants_that_satisfy_their_condition_need_none() -> None:
    t = to_coq(sp.sqrt(2) * x + sp.log(3) + 2**x, N)
    assert t.conditions == []
    assert "(sqrt 2)" in t.text and "(ln 3)" in t.text and "(Rpower 2 x)" in t.text


@pytest.mark.parametrize(
    ("expr", "word"),
    [
        (sp.Float("0.1") * x, "floating-point"),
        (sp.Function("f")(x), "not real arithmetic"),
        (sp.Sum(x, (y, 0, 3)), "finite sum from 0"),  # sums run from 1 (kernel/sums.py)
        (sp.log(-1) + x, "non-real"),
        (sp.Symbol("z") + x, "no declared domain"),
    ],
)
def test_outside_real_arithmetic_is_not_exportable(expr: sp.Expr, word: str) -> None:
    with pytest.raises(NotExportable, match=word):
        to_coq(expr, N)


def test_min_max_abs_exp() -> None:
    t = to_coq(sp.Max(x, y, 1) + sp.Abs(x) + sp.exp(-x) + sp.E, N)
    assert "Rmax" in t.text and "(Rabs x)" in t.text and "(exp 1)" in t.text
    assert {"minmax", "abs", "exp"} <= t.features


def test_names_are_coq_identifiers() -> None:
    assert coq_name("Step (3a)") == "Step__3a_"
    assert coq_name("exp") == "exp_1"
    assert coq_name("2x") == "v2x"
    assert file_name("Theorem 5.1 (corrected)") == "Theorem_5_1_corrected.v"


def test_domain_becomes_hypotheses_with_open_ends() -> None:
    g = _goal(Step("s", x**2, "<=", x, "x in (0, 1]"), [Param("x", x, lo=0, hi=1, lo_open=True)])
    assert g.exportable and g.binders == [("x", "R")]
    assert g.hyps == ["0 < x", "x <= 1"] and g.bounded == ["x"]
    assert g.goal == "(x ^ 2) <= x" and g.polynomial


def test_integer_parameter_is_a_coq_integer() -> None:
    n = sp.Symbol("n", integer=True)
    g = _goal(Step("s", n**2, ">=", n, "n >= 1"), [Param("n", n, kind="integer", lo=1)])
    assert g.binders == [("n", "Z")] and g.hyps == ["1 <= (IZR n)"] and g.integer


def test_certified_step_states_its_box() -> None:
    g = _goal(Step("s", sp.exp(x), ">=", 1 + x, "exp"), [Param("x", x, lo=0)],
              verdict=Verdict.CERTIFIED, box={"x": [0.0, 0.5]})
    assert "0 <= x" in g.hyps and "x <= (1 / 2)" in g.hyps and g.bounded == ["x"]


def test_side_conditions_become_their_own_lemma() -> None:
    g = _goal(Step("s", sp.log(x), "<=", x - 1, "ln"), [Param("x", x, lo=0, lo_open=True)])
    text = lemma_text(g)
    assert "Lemma step_1_defined : forall (x : R), 0 < x -> (0 < x)." in text
    assert "Lemma step_1 : forall (x : R), 0 < x -> (0 < x) -> (ln x) <= ((- 1) + x)." in text


def test_non_arithmetic_relations_are_not_exportable_with_a_reason() -> None:
    g = _goal(Step("s", x, "subset", y, "sets"), [Param("x", x), Param("y", y)])
    assert not g.exportable and "subset" in g.reason
    f = sp.Function("f")
    g = _goal(Step("s", f(x), "<=", 1, "f"), [Param("x", x)])
    assert not g.exportable and "not real arithmetic" in g.reason
    assert re.search(r"Lemma (?!hb_)", coq_file("T", [g])) is None  # only the prelude


def test_failed_lemmas_are_commented_out() -> None:
    g = _goal(Step("s", x**2, ">=", 0, "square"), [Param("x", x)])
    text = coq_file("T", [g], failed={"step_1": "tactic gave up: no"})
    body = text.split(HEADER)[1]
    assert body.lstrip().startswith("(* kernel: failed") and body.rstrip().endswith("*)")


def test_a_step_checked_from_a_lemma_says_so() -> None:
    from hallbound.proofs_checks.kernel.run import KernelResult

    k = KernelResult("T", "s", "p", "PROVED", "checked", given=["Markov"])
    assert k.text().startswith("checked (given Markov: ")
    assert KernelResult("T", "s", "p", "PROVED", "checked").text() == "checked"
    assert KernelResult("T", "s", "p", "PROVED", "failed", "tactic gave up: x").text() == (
        "failed (tactic gave up: x)")


def test_subs_at_a_point_and_indexed_variables() -> None:
    t = sp.Symbol("t", real=True)
    assert to_coq(sp.Subs(t / (1 - t), t, sp.Rational(1, 2)), {}).text == "1"
    with pytest.raises(NotExportable, match="undefined"):
        to_coq(sp.Subs(t / (1 - t), t, 1), {})
    mu = sp.IndexedBase("mu", real=True)
    i = sp.Symbol("i", integer=True)
    g = _goal(Step("s", mu[i] ** 2, ">=", 0, "square"), [Param("x", x)])
    assert g.exportable and ("mu_i_", "R") in g.binders and g.goal == "(mu_i_ ^ 2) >= 0"
