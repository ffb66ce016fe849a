r"""A ``\forall`` that restricts the row (``\forall x \ge 1``, ``\forall x \in [0,1]``) and a
reason that states a relation (``\text{since } 0 \le x \le 1``, ``because``, ``by``) keeps a
counterexample only when it meets the reason (:mod:`.stated_reasons`); a restricting ``\forall``
refuses the row by name (:func:`hallbound.proofs_checks.latex.row_remarks.forall_refusal`,
:func:`~hallbound.proofs_checks.latex.row_remarks.remark_refusal`; review s11 finding 6):
checked without them, a true step was REFUTED at a point that contradicts them. A
``\forall`` over bare names or all reals, and reasons without mathematics, still end the
formula (the step before them is checked)."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(row: str, assume: str = "") -> tuple[list[str], list[str]]:
    pre = f"% hb: assume {assume}\n" if assume else ""
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{row}\n\\end{{align*}}\n", trials=30)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\ge x + 1 \quad\forall x \ge 1",
    r"x^2 + 1 &\le x + 1 \quad\forall x \in [0,1]",
    r"x^2 + 1 &\le x + 1 \qquad \forall\, 0 \le x \le 1",
])
def test_a_forall_condition_is_the_rows_assumption(row: str) -> None:
    # before: refused by name; now checked under the range (row_conditions)
    assert _run(row) == (["PROVED"], [])
    flipped = (row.replace(r"\ge x +", r"\le x +") if r"\ge x +" in row
               else row.replace(r"\le x +", r"\ge x +"))
    assert _run(flipped)[0] == ["REFUTED"], flipped


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\ge x + 1 \quad\forall x \in D",
    r"x^2 + 1 &\ge x + 1 \quad\forall x \in \mathbb{N}",
    r"x^2 + 1 &\ge x + 1 \quad\forall y \ge 1",
])
def test_a_forall_condition_that_does_not_read_refuses_the_row(row: str) -> None:
    verdicts, errors = _run(row)
    assert verdicts == [] and any("states a condition" in e for e in errors), errors


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\le x + 1 \quad \text{since } 0 \le x \le 1",
    r"x^2 + 1 &\le x + 1 \quad \text{because } x \le 1 \text{ and } x \ge 0",
    r"x^2 + 1 &\le x + 1 \quad \text{by } x \in [0,1]",
    r"x^2 + 1 &\le x + 1 \quad \text{since $0 \le x \le 1$}",
])
def test_a_reason_with_a_relation_blocks_a_counterexample_against_it(row: str) -> None:
    # true on [0, 1], the reason's range: a witness outside it refutes nothing claimed
    rep = verify_tex(f"\\begin{{align*}}\n{row}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    assert s.verdict == "UNDECIDED" and "stated reason" in s.detail, (s.verdict, s.detail)


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\le x \quad \text{since } x \ge 0",  # false wherever the reason holds
    r"q^2 - 2aq + 1 &< q^2 - 2q + 1 \quad (\text{because of } a < 1)",  # flipped: false for q > 0
])
def test_a_counterexample_that_meets_the_reason_refutes(row: str) -> None:
    rep = verify_tex(f"% hb: assume q > 0\n\\begin{{align*}}\n{row}\n\\end{{align*}}\n",
                     trials=60)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    assert s.verdict == "REFUTED", (s.verdict, s.detail)
    assert any("meets the step's stated reason" in n for n in s.notes)


def test_a_step_true_without_its_reason_stays_proved() -> None:
    verdicts, errors = _run(r"x^2 + 1 &\ge 1 \quad (\text{because of } x > 0)")
    assert verdicts == ["PROVED"], (verdicts, errors)


@pytest.mark.parametrize("row", [
    r"x^2 + 1 &\ge 2x \quad \forall x",
    r"x^2 + 1 &\ge 2x \quad \forall x \in \mathbb{R}",
    r"x^2 + 1 &\ge 2x \quad \text{(by AM-GM)}",
    r"x^2 + 1 &\ge 2x \quad \text{by Cauchy-Schwarz}",
    r"x^2 + 1 &\ge 2x \quad \text{by (2)}",
    r"x^2 + 1 &\ge 2x \quad \text{since } 0 \le 1",  # no point can contradict it
])
def test_unrestricting_quantifiers_and_plain_reasons_still_end_the_formula(row: str) -> None:
    assert _run(row) == (["PROVED"], [])
    assert _run(row.replace(r"\ge 2x", r"\le 2x"))[0] == ["REFUTED"]
