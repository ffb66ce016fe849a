r"""Vectors and matrices of a size the text leaves free (``\mathbb{R}^d``, ``A \succ 0``): a
verdict must hold in every size, not only in the size the reader happens to build. Steps that
hold in size 2 only were PROVED before (the Gram determinant of three vectors, a 2 x 2 trace
identity); a size the text fixes is used as it is."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

GRAM = (r"\|a\|^2\|b\|^2\|c\|^2 + 2 (a^\top b)(b^\top c)(c^\top a) - \|a\|^2 (b^\top c)^2"
        r" - \|b\|^2 (c^\top a)^2 - \|c\|^2 (a^\top b)^2 &= 0")


def _step(row: str, *head: str):
    text = "".join(f"% hb: {h}\n" for h in head)
    text += "\\begin{align*}\n" + row + "\n\\end{align*}\n"
    rep = verify_tex(text, trials=40)
    (chain,) = rep.environments
    (step,) = chain.steps
    return step, rep


@pytest.mark.parametrize(("row", "head"), [
    (GRAM, ("assume a, b, c \\in \\mathbb{R}^d",)),  # zero in R^2 only
    (GRAM, ("assume a, b, c \\in \\mathbb{R}^3",)),  # the size stated is 3, not 2
    (r"\det(A)\, \operatorname{tr}(A^{-1}) &= \operatorname{tr}(A)", ("assume A \\succ 0",)),
    (r"\mathbf{1}^\top \mathbf{1} &= 2", ()),
])
def test_a_step_true_in_one_size_only_is_not_proved(row: str, head: tuple) -> None:
    step, _ = _step(row, *head)
    assert step.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED"), (step.verdict, step.detail)


def test_a_step_false_in_size_1_is_never_proved() -> None:
    # x x^T is 1 x 1 in size 1, a number, where \det does not read: at most SUPPORTED,
    # saying the sizes it was proved in
    step, _ = _step(r"\det(x x^\top) &= 0", "assume x \\in \\mathbb{R}^d")
    assert step.verdict not in ("PROVED", "CERTIFIED"), step.detail
    assert step.verdict != "SUPPORTED" or "sizes 2, 3, 4 only" in step.detail


def test_a_size_the_text_fixes_is_used() -> None:
    step, _ = _step(r"\det(A)\, \operatorname{tr}(A^{-1}) &= \operatorname{tr}(A)",
                    "assume A \\succ 0", "dim 2")
    assert step.verdict == "PROVED", step.detail
    step, _ = _step(r"\mathbf{1}^\top x &= x^\top \mathbf{1}", "assume x \\in \\mathbb{R}^3")
    assert step.verdict == "PROVED", step.detail
    step, _ = _step(r"\mathbf{1}^\top \mathbf{1} &= 3", "assume x \\in \\mathbb{R}^3")
    assert step.verdict == "PROVED", step.detail


@pytest.mark.parametrize("row", [
    r"\|a+b\|^2 + \|a-b\|^2 &= 2\|a\|^2 + 2\|b\|^2",
    r"\|a - b\|^2 &= \|a\|^2 - 2 a^\top b + \|b\|^2",
])
def test_identities_of_a_few_vectors_stay_proved_in_every_size(row: str) -> None:
    step, _ = _step(row, "assume a, b \\in \\mathbb{R}^d")
    assert step.verdict == "PROVED", step.detail
    assert "every size tried" in " ".join(step.notes)


@pytest.mark.parametrize("row", [
    r"\|a+b\|^2 &= \|a\|^2 + \|b\|^2",  # the cross term dropped
    r"\|a - b\|^2 &= \|a\|^2 + 2 a^\top b + \|b\|^2",  # wrong sign
])
def test_planted_errors_are_refuted_in_every_size(row: str) -> None:
    step, _ = _step(row, "assume a, b \\in \\mathbb{R}^d")
    assert step.verdict == "REFUTED", step.detail


def test_a_matrix_identity_true_in_every_size_is_at_most_supported() -> None:
    step, _ = _step(r"\det(A B) &= \det(A) \det(B)", "assume A, B \\succ 0")
    assert step.verdict == "SUPPORTED", step.detail
    assert "not fixed" in step.detail


def test_vectors_of_two_stated_sizes_are_an_error() -> None:
    step, rep = _step(r"\|a\|^2 &= a^\top a", "assume a \\in \\mathbb{R}^2, b \\in \\mathbb{R}^3")
    assert any("sizes 2, 3" in e.message for e in rep.errors), [e.message for e in rep.errors]


def test_five_vectors_are_more_than_the_sizes_tried() -> None:
    # the Gram determinant of five vectors vanishes in sizes 1-4 only
    names = "a, b, c, u, v"
    row = r"\|a\|^2 + \|b\|^2 + \|c\|^2 + \|u\|^2 + \|v\|^2 &\ge 0"
    step, _ = _step(row, f"assume {names} \\in \\mathbb{{R}}^d")
    assert step.verdict in ("SUPPORTED", "CERTIFIED", "PROVED")
    assert step.verdict == "SUPPORTED" and "not fixed" in step.detail, step.detail
