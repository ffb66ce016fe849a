r"""A bracketed comment column whose relation the condition reader does not take
(``&& (x \ge 1 \lor x \le 0)``, ``(x \notin (0,1))``, ``(x \geqq 1)``, ``(x \not< 1)``) is
still a relation about the witness (:mod:`hallbound.proofs_checks.latex.bracket_columns`):
a REFUTED verdict stands only at a witness that meets it, and one that cannot be read over
the witness's variables withdraws the REFUTED (UNDECIDED), never is passed over."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

BRACKETS = [r"(x \ge 1 \lor x \le 0)", r"(x \ge 1 \vee x \le 0)", r"(x \notin (0,1))",
            r"(\text{since } x \notin (0,1))", r"(x \geqq 1)", r"(x \not< 1)",
            r"(x \ge 1 \lor \text{odd } x)"]


def _verdicts(row: str) -> list[str]:
    rep = verify_tex(f"% hb: assume x \\in \\mathbb{{R}}\n\\begin{{align}}\n{row}\n"
                     "\\end{align}\n", trials=60)
    return [s.verdict for ch in rep.environments for s in ch.steps]


@pytest.mark.parametrize("bracket", BRACKETS)
def test_a_true_step_under_its_bracket_is_not_refuted(bracket):
    # x^2 >= x holds off (0, 1): the witness x = 1/2 does not meet the bracket
    assert _verdicts(f"x^2 &\\ge x && {bracket}") == ["UNDECIDED"]


@pytest.mark.parametrize("bracket", BRACKETS[:6])
def test_a_false_step_under_the_same_bracket_is_still_refuted(bracket):
    # x^2 <= x fails at every x off [0, 1], where each bracket holds
    assert _verdicts(f"x^2 &\\le x && {bracket}") == ["REFUTED"]


def test_a_negation_is_read_not_dropped():
    # x < 1 is what (x \not\ge 1) says: x^3 >= x fails at x = 1/2, which meets it
    assert _verdicts(r"x^3 &\ge x && (x \not\ge 1)") == ["REFUTED"]
    assert _verdicts(r"x^2 &\ge x && (x \nless 1)") == ["UNDECIDED"]
