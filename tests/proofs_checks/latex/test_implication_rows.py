r"""Rows joined by an implication (``A \\ \implies B``) state a supposition and what follows
from it: the premise is never REFUTED, the consequence only by a witness meeting the premise
(else a false alarm on every worked solution of an inequality); a row that holds for every
value is still PROVED, and a display without arrows is still refuted."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _steps(body: str):
    report = verify_tex("\\begin{align*}\n" + body + "\n\\end{align*}\n")
    return [s for env in report.environments for s in env.steps]


@pytest.mark.parametrize("body", [
    "2x + 1 &\\le x + 3 \\\\\n\\implies x &\\le 2",
    "2x + 1 &\\le x + 3 \\\\\n&\\Rightarrow x \\le 2",
    "x^2 - x &\\le x \\\\\n\\iff x^2 &\\le 2x",
])
def test_a_premise_and_its_consequence_are_never_refuted(body: str) -> None:
    steps = _steps(body)
    assert steps and all(s.verdict != "REFUTED" for s in steps)
    assert any("implication" in s.detail for s in steps)


def test_an_arrow_closing_a_row_is_not_refuted_either() -> None:
    # a true implication whose consequence fails where the premise does not (x = 1/2)
    steps = _steps("2x \\ge 2 \\implies \\\\\nx^2 \\ge x")
    assert all(s.verdict != "REFUTED" for s in steps)


def test_a_consequence_false_where_the_premise_holds_is_refuted() -> None:
    steps = _steps("2x + 1 \\le x + 3 \\implies \\\\\nx^2 + 1 \\le x")
    assert steps[-1].verdict == "REFUTED"
    assert any("meets the premise" in n for n in steps[-1].notes)


def test_a_consequence_that_holds_for_every_value_is_still_proved() -> None:
    steps = _steps("x &\\ge 1 \\\\\n\\implies x^2 + 1 &\\ge 2x")
    assert steps[-1].verdict == "PROVED"


def test_without_an_arrow_the_same_rows_are_refuted() -> None:
    steps = _steps("2x + 1 &\\le x + 3 \\\\\nx^2 + 1 &\\le x")
    assert [s.verdict for s in steps] == ["REFUTED", "REFUTED"]
