r"""Hand-written equation numbers at the end of a row
(:mod:`hallbound.proofs_checks.latex.equation_numbers`): ``x = y \quad (4)`` ends the formula
before the label (never a factor ``(4)``), with a note; any other bracketed group after wide
spacing at the end of a row is refused; a condition there (``\quad (x > 0)``) is still read.
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _run(rows: str, env: str = "equation*") -> tuple[list[str], list[str], list[str]]:
    rep = verify_tex(f"\\begin{{{env}}}\n{rows}\n\\end{{{env}}}\n", trials=60)
    steps = [s for ch in rep.environments for s in ch.steps]
    return ([s.verdict for s in steps], [n for s in steps for n in s.notes],
            [e.message for e in rep.errors])


TAGS = [r"\quad (2)", r"\qquad (4)", r"\quad (2.3)", r"\quad (a)", r"\quad [4]",
        r"\hfill (3)", r"~~(4)", r"\quad (4a)", r"\quad (iv)", r"\quad (*)",
        r"\quad (\dagger)", r"\quad (A.1).", r"\quad (3) \label{eq:x}"]


@pytest.mark.parametrize("tag", TAGS)
def test_a_false_row_with_an_equation_number_is_not_proved(tag):
    verdicts, _, _ = _run(f"2a = a {tag}")
    assert verdicts and "PROVED" not in verdicts  # "a (2)" is not the factor 2


@pytest.mark.parametrize("tag", TAGS)
def test_a_true_row_with_an_equation_number_is_proved(tag):
    verdicts, notes, errors = _run(
        r"\lambda\left(1 - \frac{m}{n}\right) = \lambda \cdot \frac{n-m}{n} " + tag)
    assert verdicts == ["PROVED"], (verdicts, errors)
    assert any("equation number" in n for n in notes)


def test_planted_false_twin_with_a_tag_is_refuted():
    verdicts, _, _ = _run(r"\lambda\left(1 - \frac{m}{n}\right) = \lambda \cdot "
                          r"\frac{n+m}{n} \quad (4)")
    assert verdicts == ["REFUTED"]


def test_tags_on_aligned_rows():
    verdicts, _, _ = _run("x^2 - 1 &= (x-1)(x+1) \\quad (3) \\\\\n"
                          "&= (x+1)(x-1) \\qquad (3.1a)", env="align*")
    assert verdicts == ["PROVED", "PROVED"]


@pytest.mark.parametrize("group", [r"\quad (a + b)", r"\quad (2 + a)", r"\qquad [b - 1]",
                                   r"\hfill (a^2)", r"~~(a b)"])
def test_a_group_that_is_no_label_is_refused(group):
    verdicts, _, errors = _run(f"a + b = b + a {group}")
    assert verdicts == [] and errors, (verdicts, errors)


def test_a_condition_after_quad_is_still_a_condition():
    verdicts, notes, _ = _run(r"\sqrt{x^2} = x \quad (x > 0)")
    assert verdicts == ["PROVED"]
    assert not any("equation number" in n for n in notes)
    verdicts, _, _ = _run(r"\sqrt{x^2} = -x \quad (x > 0)")
    assert "PROVED" not in verdicts


def test_a_factor_written_without_spacing_is_still_a_factor():
    verdicts, _, _ = _run("2a = a (2)")
    assert verdicts == ["PROVED"]


def test_a_remark_in_brackets_after_quad_is_left_to_the_remark_readers():
    verdicts, _, errors = _run(r"2a = a + a \quad (\text{by } (2))")
    assert verdicts == ["PROVED"], errors
