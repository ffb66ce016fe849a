r"""A ``\text{..}`` remark on a row never hides a condition or a claim
(:mod:`hallbound.proofs_checks.latex.row_remarks`, red-team findings 5a and 5b): a condition
(``\text{for } x \ge 0``) refuses the row with a message naming it, a relation after a
remark (``\text{ and hence } \le x``) too; justifications and comment columns still end the
formula, and the step before them is checked."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.math_tokens import LatexError, tokenize
from hallbound.proofs_checks.latex.verify import verify_tex


def _run(assume: str, row: str) -> tuple[list[str], list[str]]:
    text = f"% hb: assume {assume}\n\\begin{{align}}\n{row}\n\\end{{align}}\n"
    rep = verify_tex(text, trials=30)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


CONDITIONS = [
    r"\sqrt{x^2} &= x \quad \text{for } x \ge 0",
    r"|x| &= -x \qquad \text{if } x < 0",
    r"|x| &= -x \quad \text{provided $x < 0$}",
    r"|x| &= -x \quad \text{whenever } x \le 0",
    r"|x| &= -x && \text{if } x < 0",  # a comment column that states a condition
    r"|x| &= -x & \text{when } x < 0",
]


@pytest.mark.parametrize("row", CONDITIONS)
def test_a_condition_in_a_remark_is_never_cut_off(row: str) -> None:
    # true under the condition, false without it: before, REFUTED at x = -532902 or 0.5;
    # the condition is now the row's assumption (row_conditions): checked under it
    verdicts, errors = _run(r"x \in \mathbb{R}", row)
    assert verdicts == ["PROVED"] and errors == [], (verdicts, errors)
    planted = row.replace("= -x", "= x") if "= -x" in row else row.replace("= x", "= -x")
    assert _run(r"x \in \mathbb{R}", planted)[0] == ["REFUTED"], planted


@pytest.mark.parametrize("row", [
    r"|x| &= -x \quad \text{for some } x < 0",
    r"|x| &= -x \quad \text{for large } x",
    r"|x| &= -x \quad \text{when } y < 0",
])
def test_a_condition_that_does_not_read_is_never_cut_off(row: str) -> None:
    verdicts, errors = _run(r"x \in \mathbb{R}", row)
    assert verdicts == []
    assert any("condition" in e and "% hb: assume" in e for e in errors), errors


def test_a_wrong_step_under_a_condition_is_not_proved_and_the_stated_one_is() -> None:
    verdicts, _ = _run(r"x \in \mathbb{R}", r"\sqrt{x^2} &= -x \quad \text{for } x \ge 0")
    assert "PROVED" not in verdicts  # planted sign
    assert _run(r"x \ge 0", r"\sqrt{x^2} &= x")[0] == ["PROVED"]  # the condition stated
    assert _run(r"x \ge 0", r"\sqrt{x^2} &= -x - 1")[0] == ["REFUTED"]


@pytest.mark.parametrize("row", [
    r"x + 1 &\le 2x + 1 \text{ and hence } \le x",
    r"x + 1 &\le 2x + 1 \quad\text{so}\quad x + 1 \le x",
    r"x + 1 &\le 2x + 1 \quad\text{and}\quad 2x \le x",
])
def test_a_relation_after_a_remark_is_never_dropped(row: str) -> None:
    # before: PROVED, the false relation after the remark silently dropped
    verdicts, errors = _run("x > 0", row)
    assert "PROVED" not in verdicts
    assert any("relation after the remark" in e for e in errors), errors


def test_a_true_relation_after_a_remark_is_refused_not_refuted() -> None:
    verdicts, errors = _run("x > 0", r"x + 1 &\le 2x + 1 \text{ and hence } \le 3x + 1")
    assert "REFUTED" not in verdicts and errors


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\ge 1 \quad \text{(by Jensen)}",
    r"x^2 + 1 &\ge 1 \quad (\text{because of } (2))",
    r"x^2 + 1 &\ge 1 \quad \text{since } f \text{ is convex}",
    r"x^2 + 1 &\ge 1 && \text{(by Jensen)}",
    r"x^2 + 1 &\ge 1 && (3)",
    r"x^2 + 1 &\ge 1 \quad \text{for all } x",
    r"x^2 + 1 &\ge 1 \quad \text{a.s.}",
])
def test_justifications_and_comment_columns_still_end_the_formula(row: str) -> None:
    assert _run("x > 0", row) == (["PROVED"], [])
    planted = row.replace(r"\ge 1", r"\le 1")  # the remark never hides a false step
    assert _run("x > 0", planted)[0] == ["REFUTED"]


def test_the_tokenizer_refuses_with_the_condition_named() -> None:
    with pytest.raises(LatexError, match=r"for \} x \\ge 0"):
        tokenize(r"\sqrt{x^2} = x \quad \text{for } x \ge 0")
    with pytest.raises(LatexError, match="relation after the remark"):
        tokenize(r"a \le b \text{ so } \le c")
    assert [t.text for t in tokenize(r"a \le b \quad \text{for all } x, y")] == ["a", "le", "b"]
    assert [t.text for t in tokenize(r"a \le b \text{ by (2)}")] == ["a", "le", "b"]
    # a reason that states a relation ends the formula too; a counterexample must meet it
    # (stated_reasons: review s11 finding 6)
    assert [t.text for t in tokenize(r"a \le b \text{ by (2) } b \le c")] == ["a", "le", "b"]


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\ge 1 \quad (\text{because of } x > 0)",
    r"x^2 + 1 &\ge 1 \quad \text{since } x > 0",
])
def test_a_reason_with_a_relation_keeps_a_proof(row: str) -> None:
    verdicts, errors = _run("x > 0", row)
    assert verdicts == ["PROVED"], (verdicts, errors)
