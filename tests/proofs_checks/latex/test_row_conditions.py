r"""A condition written at the end of a row (``\quad \text{for } x \ge 0``, ``\forall x \in
[0,1]``, ``\quad (x > 0)``) is an assumption of that row's steps only
(:mod:`hallbound.proofs_checks.latex.row_conditions`, :mod:`.row_condition_use`): a true
conditional step is not REFUTED (PROVED where SymPy can), a false one is REFUTED at a witness
that meets the condition, the condition never reaches another row, and a condition that does
not read keeps the row refused."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.latex.hypotheses import _probe_scope
from hallbound.proofs_checks.latex.row_condition_use import keep_to_condition
from hallbound.proofs_checks.latex.row_conditions import read_condition, split_condition
from hallbound.proofs_checks.latex.verify import verify_tex


def _steps(rows: str, assume: str = "", env: str = "align") -> tuple[list, list[str]]:
    pre = f"% hb: assume {assume}\n" if assume else ""
    rep = verify_tex(f"{pre}\\begin{{{env}}}\n{rows}\n\\end{{{env}}}\n", trials=60)
    return ([s for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


def _verdicts(rows: str, assume: str = "") -> list[str]:
    return [s.verdict for s in _steps(rows, assume)[0]]


def _witness(step: object, name: str) -> sp.Rational:
    return sp.Rational(step.witness[name])  # type: ignore[attr-defined]


def test_the_briefs_four_cases() -> None:
    assert _verdicts(r"x^2 &\ge x \quad \text{for } x \ge 1") == ["PROVED"]
    (s,), _ = _steps(r"x^2 &\ge x \quad \text{for } x \ge 0")
    assert s.verdict == "REFUTED" and 0 < _witness(s, "x") < 1  # the only counterexamples
    assert any("condition" in n for n in s.notes)
    assert _verdicts(r"\sqrt{x^2} &= x \quad \text{for } x \ge 0") == ["PROVED"]
    (s,), _ = _steps(r"\sqrt{x^2} &= x \quad \text{for } x \le 0")
    assert s.verdict == "REFUTED" and _witness(s, "x") < 0


TRUE_ROWS = [
    r"|x| &= -x \qquad \text{if } x < 0",
    r"|x| &= -x \quad \text{provided $x < 0$}",
    r"|x| &= -x && \text{if } x < 0",
    r"x^2 + 1 &\ge x + 1 \quad \forall x \ge 1",
    r"x^2 &\le x \quad \forall x \in [0,1]",
    r"x^2 &\le x \qquad \forall\, 0 \le x \le 1",
    r"t(1 - t) &\le t \quad \text{whenever } 0 < t < 1",
    r"\frac{1}{x} &> 0 \quad \forall x \in (0, \infty)",
    r"\frac{1}{x} &> 0 \quad \text{for } x \in \mathbb{R}_{>0}.",
    r"x y + x + y &\ge 0 \quad \text{for all } x, y \ge 0",
    r"x y + x + y &\ge 0 \quad \text{if $x \ge 0$ and $y \ge 0$}",
    r"x y + x + y &\ge 0 \quad \text{for } x \ge 0 \text{ and } y \ge 0",
    r"\frac{x}{|x|} &= 1 \quad (x > 0)",
    r"x^2 &\ge x \quad \text{for } x \ge 1 \label{eq:sq}",
]


@pytest.mark.parametrize("row", TRUE_ROWS)
def test_a_true_conditional_step_is_proved_under_its_condition(row: str) -> None:
    steps, errors = _steps(row)
    assert [s.verdict for s in steps] == ["PROVED"], (errors, [s.detail for s in steps])
    assert any("under the row's condition" in n for n in steps[0].notes)


PLANTED = [  # (false step, variable, the condition as a predicate on the witness)
    (r"|x| &= x \qquad \text{if } x < 0", "x", lambda v: v < 0),  # flipped sign
    (r"x^2 &\ge x \quad \forall x \in [0,1]", "x", lambda v: 0 <= v <= 1),  # flipped order
    (r"t(1 - t) &\ge t \quad \text{whenever } 0 < t < 1", "t", lambda v: 0 < v < 1),
    (r"x^3 + 1 &\le x + 1 \quad \forall x \ge 1", "x", lambda v: v >= 1),  # cube for square
    (r"\frac{x}{|x|} &= -1 \quad (x > 0)", "x", lambda v: v > 0),
    (r"\frac{2}{x} &< 1 \quad \text{for } x \in \mathbb{R}_{>0}", "x", lambda v: v > 0),
]


@pytest.mark.parametrize(("row", "name", "meets"), PLANTED)
def test_a_false_conditional_step_is_refuted_where_the_condition_holds(
        row: str, name: str, meets: object) -> None:
    (s,), errors = _steps(row)
    assert s.verdict == "REFUTED", (errors, s.detail)
    assert meets(_witness(s, name))  # type: ignore[operator]


def test_two_variables_planted_product_for_sum() -> None:
    (s,), _ = _steps(r"\sqrt{x y} &\le \frac{x y}{2} \quad \text{for all } x, y \ge 0")
    assert s.verdict == "REFUTED"
    assert _witness(s, "x") >= 0 and _witness(s, "y") >= 0


def test_the_condition_stays_on_its_row() -> None:
    # the second row is false wherever x < 1, which only the first row excludes
    steps, _ = _steps(r"x^2 + y^2 &\ge x + y^2 \quad \text{for } x \ge 1 \\"
                      "\n" r"x^2 + y^2 &\ge x + y^2")
    assert [s.verdict for s in steps] == ["PROVED", "REFUTED"]
    assert 0 < _witness(steps[1], "x") < 1
    assert not any("condition" in n for n in steps[1].notes)
    # a condition on the last row of a chain: the step before it is checked without it
    steps, _ = _steps(r"x^2 + y^2 &\ge x + y^2 \\" "\n" r"&\ge 1 + y^2 \quad \text{for } x \ge 1")
    assert [s.verdict for s in steps] == ["REFUTED", "PROVED"]
    assert 0 < _witness(steps[0], "x") < 1


def test_a_conclusion_holds_under_every_condition_of_its_rows() -> None:
    rep = verify_tex("\\begin{align}\n" r"\sqrt{x^2} &= |x| \\" "\n"
                     r"&= x \quad \text{for } x \ge 0" "\n\\end{align}\n", trials=60)
    (chain,) = rep.environments
    assert [s.verdict for s in chain.steps] == ["PROVED", "PROVED"]
    assert chain.conclusion.verdict == "PROVED"
    assert any("conditions of its rows" in n for n in chain.conclusion.notes)


def test_an_assumption_and_a_condition_both_hold() -> None:
    row = r"(x - 1)(x - 3) &\le 0 \quad \text{for } x \ge 1"
    assert _verdicts(row, r"x \le 3") == ["PROVED"]
    (s,), _ = _steps(row)
    assert s.verdict == "REFUTED" and _witness(s, "x") > 3  # without the assumption
    (s,), _ = _steps(r"(x - 1)(x - 2) &\le 0 \quad \text{for } x \ge 1", r"x \le 3")
    assert s.verdict == "REFUTED" and 2 < _witness(s, "x") <= 3  # meets both


def test_a_contradictory_condition_proves_nothing() -> None:
    verdicts = _verdicts(r"x^2 &< 0 \quad \text{for } x > 1", r"x < 0")
    assert "PROVED" not in verdicts and "CERTIFIED" not in verdicts


UNREAD = [
    r"x^2 &\ge x \quad \text{for some } x \ge 1",
    r"x^2 &\ge x \quad \text{for large } x",
    r"x^2 &\ge x \quad \text{for } y \ge 1",  # a variable the row does not name
    r"x^2 &\ge x \quad \forall x \in D",
    r"x^2 &\ge x \quad \forall x \in \mathbb{N}",  # an integer set: not an interval
    r"x^2 &\ge x \quad \text{for } x \in \mathbb{R}_+",  # 0 in or out: disputed
    r"x^2 &\ge x \quad \text{if } x = 2",
    r"x^2 &\ge x \quad \text{if } x \ge 1 \text{ or } x \le 0",
    r"x^2 &\ge x \quad \text{for } x \ge 1 \text{ with equality iff } x = 1",
]


@pytest.mark.parametrize("row", UNREAD)
def test_a_condition_that_does_not_read_still_refuses_the_row(row: str) -> None:
    steps, errors = _steps(row)
    assert steps == [] and any("condition" in e for e in errors), errors


def test_cases_written_as_rows_of_one_chain_are_refused() -> None:
    steps, errors = _steps(r"|x| &= x \quad \text{if } x \ge 0 \\" "\n"
                           r"&= -x \quad \text{if } x < 0")
    assert [s.verdict for s in steps] == ["PROVED"]  # the first case alone
    assert any("different conditions" in e for e in errors), errors


def test_a_bare_forall_restricts_nothing() -> None:
    assert _verdicts(r"x^2 + 1 &\ge 2x \quad \forall x") == ["PROVED"]
    assert _verdicts(r"x^2 + 1 &\le 2x \quad \forall x") == ["REFUTED"]
    assert _verdicts(r"x^2 + 1 &\le 2x \quad \forall x \in \mathbb{R}") == ["REFUTED"]


def test_the_reader_refuses_what_it_cannot_read() -> None:
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    scope = _probe_scope()
    assert read_condition(r"x \in [0, 1]", scope, {x}) == [(0, "<=", x), (x, "<=", 1)]
    assert read_condition(r"0 < x < y", scope, {x, y}) == [(0, "<", x), (x, "<", y)]
    for unread in (r"x \in \mathbb{Z}", r"x \in \{0, 1\}", r"x \ne 0", r"x", r"f(x) > 0",
                   r"1 < 2", r"x \in [1, 2, 3]", r"x \in [\infty, 1]", r"x > 0 \text{ or } x < 1"):
        assert read_condition(unread, scope, {x}) is None, unread
    assert read_condition(r"x > 0", scope, {y}) is None  # x is not the row's
    assert split_condition(r"a \le b \quad \text{(by Jensen)} x > 0") is None
    row = r"a \le b \quad \text{for } x > 0"
    assert split_condition(row) == (row.index(r"\text"), " x > 0")
    assert split_condition(r"a \le b \quad (b + 1)") is None  # no relation inside
    assert split_condition(r"\text{Var}(X) \le b") is None  # an operator, not a remark
    cases = r"|x| = \begin{cases} x & \text{if } x \ge 0 \\ -x & \text{if } x < 0 \end{cases}"
    assert split_condition(cases) is None  # cases are out of scope: left as they were


def test_a_witness_off_the_condition_is_withdrawn() -> None:
    # a model's counterexample that ignores the row's condition refutes nothing claimed
    x = sp.Symbol("x", real=True)
    table = SimpleNamespace(params={x: Param("x", x)})
    check = SimpleNamespace(verdict="REFUTED", witness={"x": -0.5}, notes=[], method="m",
                            detail="", lhs_value=1.0, rhs_value=0.0)
    keep_to_condition(check, [(x, ">=", sp.Integer(0))], table)
    assert check.verdict == "UNDECIDED" and check.witness is None
    check = SimpleNamespace(verdict="REFUTED", witness={"x": 0.5}, notes=[], method="m",
                            detail="", lhs_value=1.0, rhs_value=0.0)
    keep_to_condition(check, [(x, ">=", sp.Integer(0))], table)
    assert check.verdict == "REFUTED" and any("meets" in n for n in check.notes)
