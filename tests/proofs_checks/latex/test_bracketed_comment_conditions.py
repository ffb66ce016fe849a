r"""A comment column that is one bracketed group (``&& (x \ge 0)``, ``& (x \ge 0)``,
``&& (\text{for } x \ge 0)``) is read on its own
(:mod:`hallbound.proofs_checks.latex.bracket_columns`): a condition over the row's variables
is the row's assumption, exactly as the unbracketed form; a reason or a fact stays blanked,
and a REFUTED verdict then stands only at a witness that meets the relations it states; the
bracket never becomes part of a side, and its condition never reaches another row."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.bracket_columns import bracket_relations
from hallbound.proofs_checks.latex.document import read_document
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


#: True conditional steps, each false somewhere outside its bracketed condition.
TRUE_ROWS = [
    r"\sqrt{x^2} &= x && (x \ge 0)",
    r"\sqrt{x^2} &= x & (x \ge 0)",
    r"\sqrt{x^2} &= x && (x > 0).",
    r"\sqrt{x^2} &= x && (\text{for } x \ge 0)",
    r"\sqrt{x^2} &= x && (\text{if $x \ge 0$})",
    r"\sqrt{x^2} + y &= x + y && (x \ge 0)",
    r"|a - b| &= a - b && (a \ge b)",
    r"|a - b| &= a - b & (a \ge b)",
    r"|x| + |y| &= x + y && (x, y \ge 0)",
    r"x^2 &\le x && (0 \le x \le 1)",
    r"x^2 &\le x && (x \in [0, 1])",
    r"a^2 b &\le a b && (0 \le a \le 1, b \ge 0)",
    r"x^2 &\le x && \qquad (0 \le x \le 1)",
    r"\sqrt{x^2} &= x \quad (\text{for } x \ge 0)",
]


@pytest.mark.parametrize("env", ["alignat", "eqnarray"])
def test_other_column_layouts(env: str) -> None:
    row = {"alignat": r"x^2 &\le x &\qquad& (0 \le x \le 1)",
           "eqnarray": r"x^2 &\le& x & (0 \le x \le 1)"}[env]
    head = "{2}" if env == "alignat" else ""
    rep = verify_tex(f"\\begin{{{env}}}{head}\n{row}\n\\end{{{env}}}\n", trials=60)
    assert [s.verdict for ch in rep.environments for s in ch.steps] == ["PROVED"]
    false = row.replace("x &", "x/2 &", 1)  # wrong constant: false for 1/2 < x <= 1
    rep = verify_tex(f"\\begin{{{env}}}{head}\n{false}\n\\end{{{env}}}\n", trials=60)
    assert [s.verdict for ch in rep.environments for s in ch.steps] == ["REFUTED"]


@pytest.mark.parametrize("row", TRUE_ROWS)
def test_a_true_step_under_a_bracketed_condition_is_not_refuted(row: str) -> None:
    steps, errors = _steps(row)
    assert [s.verdict for s in steps] == ["PROVED"], (row, errors)
    assert any("condition" in n for n in steps[0].notes)


def test_the_bracket_is_never_part_of_a_side() -> None:
    (s,), _ = _steps(r"\sqrt{x^2} &= x && (x \ge 0)")
    assert "(" not in s.rhs and "\\ge" not in s.rhs


#: False steps under a bracketed condition: (row, variable, the condition on its witness).
FALSE_ROWS = [
    (r"x^2 &\le x && (x \ge 0)", "x", lambda v: v > 1),
    (r"x^2 &\le x & (x \ge 0)", "x", lambda v: v > 1),
    (r"x^2 &\ge x && (\text{for } x \ge 0)", "x", lambda v: 0 < v < 1),
    (r"\sqrt{x^2} &= -x && (x > 0)", "x", lambda v: v > 0),  # flipped sign
    (r"|a - b| &= b - a && (a > b)", "a", lambda v: True),  # flipped difference
    (r"x^2 &\le x && (0 \le x \le 2)", "x", lambda v: 1 < v <= 2),  # wrong constant
]


@pytest.mark.parametrize(("row", "name", "inside"), FALSE_ROWS)
def test_a_false_step_is_refuted_at_a_witness_meeting_the_condition(row, name, inside) -> None:
    (s,), _ = _steps(row)
    assert s.verdict == "REFUTED", row
    assert inside(_witness(s, name)), (row, s.witness)
    if name == "a":
        assert _witness(s, "a") > _witness(s, "b")


def test_a_bracketed_reason_is_still_blanked() -> None:
    # a fact that is no condition of the row: the column is a comment, the step is read
    for col in (r"&& (\text{by (3)})", r"& (\text{Cauchy-Schwarz})",
                r"& (\mathbb{E}[\sigma_i] = 0)", r"&& (\text{by definition})"):
        steps, errors = _steps(r"(a + b)^2 &= a^2 + 2ab + b^2 " + col)
        assert [s.verdict for s in steps] == ["PROVED"], (col, errors)
        steps, errors = _steps(r"(a + b)^2 &= a^2 + b^2 " + col)  # dropped cross term
        assert [s.verdict for s in steps] == ["REFUTED"], (col, errors)


def test_a_reason_contradicted_by_the_witness_withdraws_the_refutation() -> None:
    # every counterexample of x^2 <= x lies outside 0 <= x <= 1: the reason rules each out
    (s,), _ = _steps(r"x^2 + y^2 &\le x + y^2 && (\text{since } 0 \le x \le 1)")
    assert s.verdict == "UNDECIDED" and "bracketed remark" in s.detail
    # a reason the witness meets leaves the REFUTED standing, and says so
    (s,), _ = _steps(r"x^2 + y^2 &\le x + y^2 && (\text{since } x \ge 0)")
    assert s.verdict == "REFUTED" and _witness(s, "x") >= 0
    # an equation over the row's variables is no condition: a reason, and the witness must
    # meet it (a witness with x = 2 refutes nothing the author claimed at x = 1)
    (s,), _ = _steps(r"x^2 + y &\le x + y && (x = 1)")
    assert s.verdict == "UNDECIDED"
    # a set of disputed lower end is a reason; the witness must lie in its narrower reading
    (s,), _ = _steps(r"x^2 + y^2 &\le x + y^2 && (x \in \mathbb{R}_+)")
    assert s.verdict == "REFUTED" and _witness(s, "x") > 0
    (s,), _ = _steps(r"x^2 + y^2 &\ge x + y^2 && (\text{since } x \in \mathbb{N})")
    assert s.verdict != "REFUTED"  # its counterexamples (0 < x < 1) are no naturals


def test_an_unread_bracketed_condition_refuses_the_row() -> None:
    steps, errors = _steps(r"n^2 + m &\le 2^n + m && (\text{for large } n)")
    assert steps == [] or all(s.verdict != "REFUTED" for s in steps)
    assert any("condition" in e for e in errors)


def test_the_condition_does_not_leak_to_other_rows() -> None:
    rows = "\\sqrt{x^2} + y &= x + y && (x \\ge 0) \\\\\n\\sqrt{x^2} + z &= x + z"
    steps, _ = _steps(rows)
    assert [s.verdict for s in steps] == ["PROVED", "REFUTED"]
    assert _witness(steps[1], "x") < 0
    assert not any("condition" in n for n in steps[1].notes)


def test_a_condition_on_a_continuation_row_covers_its_step_only() -> None:
    rows = "\\sqrt{x^2} + y &= |x| + y \\\\\n&= x + y && (x \\ge 0)"
    steps, _ = _steps(rows)
    assert [s.verdict for s in steps] == ["PROVED", "PROVED"]
    assert not any("condition" in n for n in steps[0].notes)
    assert any("condition" in n for n in steps[1].notes)


def test_the_document_keeps_the_inside_and_blanks_the_column() -> None:
    doc = read_document("\\begin{align}\na &\\le b && (a \\ge 0) \\\\\nc &= d\n\\end{align}\n")
    (row, other) = doc.environments[0].rows
    assert doc.brackets == {row.offset: "a \\ge 0"}
    assert "(" not in row.text and "&&" not in row.text
    assert other.offset not in doc.brackets


def test_bracket_relations_reads_the_mathematics_of_remarks() -> None:
    assert bracket_relations(r"\text{since } a < 1") == ["a < 1"]
    assert bracket_relations(r"\text{since $x \ge 0$ and $y \le 1$}") == ["x \\ge 0",
                                                                          "y \\le 1"]
    assert bracket_relations(r"\text{by (3)}") == []
    assert bracket_relations(r"\text{Cauchy-Schwarz}") == []
