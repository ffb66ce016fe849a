r"""Maths a row remark hides, and conditions in other places
(:mod:`hallbound.proofs_checks.latex.row_labels`, :mod:`.row_separators`):

* a bracketed label in the middle of a side (``2x\,\text{(cross term)} + 1``) is skipped and
  the side read on, never cut short; maths after a remark that cannot be read on refuses the
  row;
* a condition after ``\qquad``, in a comment column (``&& x \ge 0``) or in
  ``\text{($x \ge 0$)}`` is the row's condition, or the row is refused; ``x \qquad x`` is
  never a product.

Each true step is not REFUTED; its planted false twin is REFUTED (or at least not PROVED).
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(rows: str, assume: str = "", env: str = "align*") -> tuple[list[str], list[str]]:
    pre = f"% hb: assume {assume}\n" if assume else ""
    name = env.split("}")[0]
    rep = verify_tex(f"{pre}\\begin{{{env}}}\n{rows}\n\\end{{{name}}}\n", trials=60)
    return ([s.verdict for ch in rep.environments for s in ch.steps],
            [e.message for e in rep.errors])


# (true row, its false twin, assumption): the remark sits in the middle of the maths.
MIDDLE_REMARKS = [
    (r"\sum_{i=1}^n i &= \frac{n(n+1)}{2}\;(\text{Gauss}) + 0",
     r"\sum_{i=1}^n i &= \frac{n(n+1)}{2}\;(\text{Gauss}) + n", ""),
    (r"2a &\ge a\;(\text{by the bound}) + a", r"2a &\ge a\;(\text{by the bound}) + 2a",
     "a > 0"),
    (r"(x+1)^2 &= x^2 + 2x\,\text{(cross term)} + 1",
     r"(x+1)^2 &= x^2 + 2x\,\text{(cross term)} + 2", "x > 0"),
    (r"(x+1)^2 &= x^2 + 2x \quad (\text{expand}) \\ &\qquad + 1",
     r"(x+1)^2 &= x^2 + 2x + 1 \quad (\text{expand}) \\ &\qquad + 1", ""),
    (r"x &\le x + 1 \;(\text{trivially})\; \le x + 2",
     r"x &\le x + 1 \;(\text{trivially})\; \le x", "x > 0"),
]


@pytest.mark.parametrize(("true_row", "false_row", "assume"), MIDDLE_REMARKS)
def test_maths_after_a_bracketed_remark_is_read(true_row: str, false_row: str,
                                                assume: str) -> None:
    good, errors = _run(true_row, assume)
    assert good and "REFUTED" not in good and not errors
    bad, _ = _run(false_row, assume)
    assert "REFUTED" in bad and bad[-1] != "PROVED"


@pytest.mark.parametrize("row", [
    r"x + 1 &= x \,(\text{Gauss})\, 1",          # an operand after the label: not a product
    r"(x+1)^2 &= x^2 + \text{(cross term)} 2x + 1",  # the label after an operator
    r"x^2 &\ge 0 \quad \text{then } x",           # words, then maths
    r"x^2 &\ge 0 \quad \text{(here $x$ is positive)}",  # a condition in words
])
def test_maths_a_remark_would_hide_refuses_the_row(row: str) -> None:
    verdicts, errors = _run(row, "x > 0")
    assert not verdicts and errors


# (true row, false twin, environment): a condition after spacing, in a comment column, or
# in a bracketed remark with maths; the false twin is refuted at a witness meeting it.
CONDITIONS = [
    (r"\sqrt{x^2} &= x \qquad x \ge 0", r"\sqrt{x^2} &= -x \qquad x \ge 0", "align"),
    (r"|x| + 1 &= x + 1 \qquad x \ge 0", r"|x| + 1 &= x + 2 \qquad x \ge 0", "align"),
    (r"\sqrt{x^2} &= x, \quad x \ge 0", r"\sqrt{x^2} &= -x, \quad x \ge 0", "align"),
    (r"\sqrt{x^2} &= x && x \ge 0", r"\sqrt{x^2} &= x && x \le 0", "align"),
    (r"\sqrt{x^2} &= x && \forall x \ge 0", r"\sqrt{x^2} &= -x && \forall x \ge 0", "align"),
    (r"\sqrt{x^2} &= x && \text{($x \ge 0$)}", r"\sqrt{x^2} &= x && \text{($x \le -1$)}",
     "align"),
    (r"\sqrt{x^2} &= x &\qquad& x \ge 0", r"\sqrt{x^2} &= x &\qquad& x \le 0",
     "alignat}{2"),
    (r"\sqrt{x^2} &= x \quad \text{($x \ge 0$)}", r"\sqrt{x^2} &= -x \quad \text{($x \ge 0$)}",
     "align"),
    (r"\sqrt{x^2} &= x \quad \text{(valid on $x \ge 0$)}",
     r"\sqrt{x^2} &= x \quad \text{(valid on $x \le -1$)}", "align"),
    (r"\sqrt{x^2} &= x \quad \text{(restricting to $x \ge 0$)}",
     r"\sqrt{x^2} &= 2x \quad \text{(restricting to $x \ge 0$)}", "align"),
]


@pytest.mark.parametrize(("true_row", "false_row", "env"), CONDITIONS)
def test_a_condition_elsewhere_is_the_rows_assumption(true_row: str, false_row: str,
                                                      env: str) -> None:
    good, errors = _run(true_row, r"x \in \mathbb{R}", env)
    assert good == ["PROVED"] and not errors
    bad, _ = _run(false_row, r"x \in \mathbb{R}", env)
    assert bad == ["REFUTED"]


def test_an_integer_condition_after_spacing() -> None:
    assert _run(r"\max(n, 1) &= n \qquad n \ge 1", r"n \in \mathbb{Z}")[0] == ["PROVED"]
    assert _run(r"\max(n, 1) &= n \qquad n \ge 0", r"n \in \mathbb{Z}")[0] == ["REFUTED"]


@pytest.mark.parametrize("row", [
    r"\sqrt{x^2} &= x \qquad x \ne 0",   # a condition the reader does not take
    r"\sqrt{x^2} &= x && x \ne 0",
    r"a &= b \quad c = d",               # two equations: never "b c = d"
    r"\sqrt{x^2} &= x \quad \text{(on the half-line $x \ge 0$)}",
])
def test_a_condition_that_does_not_read_refuses_the_row(row: str) -> None:
    verdicts, errors = _run(row, r"x \in \mathbb{R}", "align")
    assert not verdicts and errors


def test_comments_and_side_by_side_equations_stay_as_they_were() -> None:
    for row in (r"x^2 + 1 &\ge 2x && \text{by AM-GM}", r"x^2 + 1 &\ge 2x && (3)",
                r"x^2 + 1 &\ge 2x & y &= 2", r"x^2 + 1 &\ge 2x \quad (\text{eq.}~(3))"):
        assert _run(row, "x > 0", "align")[0] == ["PROVED"], row
    assert _run(r"x^2 + 1 &\ge 3x & y &= 2", "x > 0", "align")[0] == ["REFUTED"]


def test_a_label_before_a_condition_is_read_past() -> None:
    row = r"\sqrt{x^2} + x &= 2x\,\text{(cross term)} + 0 \quad \text{for } x \ge 0"
    assert _run(row, r"x \in \mathbb{R}", "align")[0] == ["PROVED"]
    twin = r"\sqrt{x^2} + x &= 2x\,\text{(cross term)} + 1 \quad \text{for } x \ge 0"
    assert _run(twin, r"x \in \mathbb{R}", "align")[0] == ["REFUTED"]


def test_a_label_that_opens_the_row_is_read_past() -> None:
    assert _run(r"\text{(i)}\quad x^2 + 1 &\ge 2x", "x > 0")[0] == ["PROVED"]
    assert _run(r"\text{(i)}\quad x^2 + 1 &\ge 3x", "x > 0")[0] == ["REFUTED"]
    assert _run(r"\text{(if $x > 9$)}\quad x^2 + 1 &\ge 3x", "x > 0")[0] == []
