r"""An equation number among remarks (:mod:`hallbound.proofs_checks.latex.equation_numbers`):
``2x = x \quad (2) \quad (\text{by Lemma 1})``, ``\quad (2) \quad (3)``, a leading
``(2) \qquad 2x = 4x`` and narrower spacing (``\;\;``, ``\ \ ``) are labels, never a factor;
a number followed by more mathematics, or a ``\tag`` stating a relation, refuses the row.
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(rows: str, assume: str = r"x \in \mathbb{R}") -> tuple[list[str], list[str]]:
    rep = verify_tex(f"% hb: assume {assume}\n\\begin{{align}}\n{rows}\n\\end{{align}}\n",
                     trials=60)
    steps = [s for ch in rep.environments for s in ch.steps]
    return [s.verdict for s in steps], [e.message for e in rep.errors]


TAILS = [r"\quad (2) \quad (\text{by Lemma 1})", r"\quad (2) \quad \text{by Lemma 1}",
         r"\quad (2) \quad (3)", r"\qquad (2) \label{eq:a} \quad (3)", r"\quad (2), \quad (3)",
         r"\;\; (2)", r"\ \ \ (2)", r"\,\,\, (2)", r"\; (2)", r"~(2) \quad \text{(Jensen)}"]


@pytest.mark.parametrize("tail", TAILS)
def test_a_false_row_with_a_number_and_a_remark_is_refuted(tail):
    verdicts, errors = _run(f"2x &= x {tail}")
    assert verdicts == ["REFUTED"], (verdicts, errors)  # not x*2


@pytest.mark.parametrize("tail", TAILS)
def test_the_true_twin_is_proved(tail):
    verdicts, errors = _run(f"2x &= x + x {tail}")
    assert verdicts == ["PROVED"], (verdicts, errors)


def test_a_number_before_a_remark_is_no_factor_of_a_true_inequality():
    verdicts, _ = _run(r"x^2 &\ge \frac{x^2}{2} \qquad (4) \quad \text{(Jensen)}", "x > 0")
    assert verdicts == ["PROVED"]
    verdicts, _ = _run(r"x^2 &\ge \frac{3 x^2}{2} \qquad (4) \quad \text{(Jensen)}", "x > 0")
    assert verdicts == ["REFUTED"]


def test_a_leading_number_is_a_label():
    assert _run(r"(2) \qquad 2x &= 4x")[0] == ["REFUTED"]
    assert _run(r"(2) \qquad 2x &= x + x")[0] == ["PROVED"]
    assert _run(r"(3.1) \quad x^2 - 1 &= (x-1)(x+1)")[0] == ["PROVED"]


def test_a_factor_in_brackets_is_still_a_factor():
    assert _run(r"(2) x &= x + x")[0] == ["PROVED"]
    assert _run(r"2x &= x(2)")[0] == ["PROVED"]


@pytest.mark.parametrize("row", [r"2x &= x \quad (2) \quad + x", r"(a) \quad x &= x",
                                 r"2x &= x \, (2)", r"2x &= x \quad (x + 1) \quad \text{by (3)}"])
def test_an_ambiguous_group_refuses_the_row(row):
    verdicts, errors = _run(row)
    assert verdicts == [] and errors, (verdicts, errors)


def test_a_tag_stating_a_relation_is_no_silent_label():
    verdicts, errors = _run(r"\sqrt{x^2} &= x \tag{$x \ge 0$}")
    assert verdicts == [] and any("tag" in e for e in errors)
    assert _run(r"\sqrt{x^2} &= |x| \tag{3}")[0] == ["PROVED"]
    assert _run(r"\sqrt{x^2} &= x \tag{3}")[0] == ["REFUTED"]
