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


def test_a_dim_that_disagrees_with_a_stated_size_is_an_error() -> None:
    step, rep = _step(r"\|a\|^2 &= a^\top a", "assume a \\in \\mathbb{R}^2", "dim 3")
    assert any("sizes 2, 3" in e.message for e in rep.errors), [e.message for e in rep.errors]


def _gram(a: str, b: str, c: str) -> str:
    """The Gram determinant of ``a, b, c`` = 0, its terms on both sides."""
    return (f"\\|{a}\\|^2\\|{b}\\|^2\\|{c}\\|^2 + 2 ({a}^\\top {b})({b}^\\top {c})"
            f"({c}^\\top {a}) &= \\|{a}\\|^2 ({b}^\\top {c})^2 + \\|{b}\\|^2 ({a}^\\top {c})^2"
            f" + \\|{c}\\|^2 ({a}^\\top {b})^2")


def test_vectors_of_two_stated_sizes_keep_their_own() -> None:
    # the Gram determinant of three vectors is 0 in R^2, not in R^3
    head = "assume a, b, c \\in \\mathbb{R}^2, u, v, w \\in \\mathbb{R}^3"
    step, rep = _step(_gram("a", "b", "c"), head)
    assert step.verdict == "PROVED", step.detail
    assert not rep.errors, [e.message for e in rep.errors]
    step, _ = _step(_gram("u", "v", "w"), head)
    assert step.verdict == "REFUTED", step.detail


def test_five_vectors_are_more_than_the_sizes_tried() -> None:
    # the Gram determinant of five vectors vanishes in sizes 1-4 only
    names = "a, b, c, u, v"
    row = r"\|a\|^2 + \|b\|^2 + \|c\|^2 + \|u\|^2 + \|v\|^2 &\ge 0"
    step, _ = _step(row, f"assume {names} \\in \\mathbb{{R}}^d")
    assert step.verdict in ("SUPPORTED", "CERTIFIED", "PROVED")
    assert step.verdict == "SUPPORTED" and "not fixed" in step.detail, step.detail


# -- the size guard decided from what was read (red team F1) -------------------------------

X = "assume x \\in \\mathbb{R}^d"


@pytest.mark.parametrize(("row", "head"), [
    (r"(\bm{1}^\top x)^2 &\le 4\|x\|^2", (X,)),  # false at d = 5, x = 1
    (r"(\boldsymbol{1}^\top x)^2 &\le 4\|x\|^2", (X,)),
    (r"\|\boldsymbol{1}\|_2 &\le 2", (X,)),
    (r"(u^\top x)^2 &\le 4 x^\top x", (X, "let u = \\mathbf{1}")),
    (r"(u^\top x)^2 &\le 4 x^\top x", (X, "let u = \\bm{1}")),
    (r"s^2 &\le 4 x^\top x", (X, "let s = \\mathbf{1}^\top x")),  # through a scalar
    (r"\trace(\bm{I}) &\le 4", (X,)),
    (r"\operatorname{tr}(\bm{I}) &\le 4", (X,)),
    (r"\|\bm{I}\bm{1}\|^2 &\le 4", (X,)),
    (r"x^\top M x &\le 4 \|x\|^2", (X, "let M = 4 \\bm{I} - \\bm{I}")),
])
def test_a_size_dependent_part_however_written_is_not_proved(row: str, head: tuple) -> None:
    step, _ = _step(row, *head)
    assert step.verdict not in ("PROVED", "CERTIFIED"), (step.verdict, step.detail)
    assert step.verdict != "SUPPORTED" or "only" in step.detail, step.detail


def test_an_unread_ones_vector_proves_nothing() -> None:
    rep = verify_tex(f"% hb: {X}\n\\begin{{align*}}\n(\\mathbbm{{1}}^\\top x)^2 &\\le "
                     "4\\|x\\|^2\n\\end{align*}\n", trials=40)
    verdicts = [s.verdict for c in rep.environments for s in c.steps]
    assert not {"PROVED", "CERTIFIED"} & set(verdicts), verdicts


@pytest.mark.parametrize("row", [
    r"(\bm{1}^\top x)^2 &\le \|x\|^2",  # the factor d dropped: false from size 2 up
    r"\|\boldsymbol{1}\|_2^2 &\le 1",
])
def test_planted_errors_with_a_ones_vector_are_refuted(row: str) -> None:
    step, _ = _step(row, X)
    assert step.verdict == "REFUTED", step.detail


def test_a_vector_identity_beside_an_identity_matrix_is_not_refuted() -> None:
    step, _ = _step(r"x^\top \bm{I} x &= \|x\|^2", X)
    assert step.verdict in ("PROVED", "SUPPORTED"), step.detail


# -- a vector of a stated size beside vectors of a free size (red team F3) -----------------

@pytest.mark.parametrize(("row", "head"), [
    (_gram("x", "y", "w"), "assume x, y, w \\in \\mathbb{R}^d, z \\in \\mathbb{R}^2"),
    (r"(\mathbf{1}^\top x)^2 &\le 2\|x\|^2", "assume x \\in \\mathbb{R}^d, z \\in \\mathbb{R}^2"),
    (r"(\mathbf{1}^\top x)^2 &\le 3\|x\|^2", "assume x \\in \\mathbb{R}^d, z \\in \\mathbb{R}^3"),
])
def test_a_stated_size_does_not_fix_the_free_ones(row: str, head: str) -> None:
    step, _ = _step(row, head)
    assert step.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED"), (step.verdict, step.detail)


def test_free_vectors_beside_a_stated_one_keep_their_identities() -> None:
    head = "assume a, b \\in \\mathbb{R}^d, z \\in \\mathbb{R}^2"
    step, _ = _step(r"\|a+b\|^2 + \|a-b\|^2 &= 2\|a\|^2 + 2\|b\|^2", head)
    assert step.verdict == "PROVED", step.detail
    step, _ = _step(r"\|a+b\|^2 &= \|a\|^2 + \|b\|^2", head)  # the cross term dropped
    assert step.verdict == "REFUTED", step.detail


# -- the letter of R^d is the size (red team F4) -------------------------------------------

@pytest.mark.parametrize(("row", "head"), [
    (r"(\mathbf{1}^\top x)^2 &\le d\, x^\top x",
     "assume x \\in \\mathbb{R}^d, d \\in \\mathbb{N}, d \\ge 1"),
    (r"(\mathbf{1}^\top x)^2 &\le d \|x\|^2", X),
    (r"\|\mathbf{1}\|^2 &= d", X),
    (r"\|\mathbf{1}\|_2 &= \sqrt{n}", "assume x \\in \\mathbb{R}^n, n \\ge 1"),
    (r"\operatorname{tr}(\bm{I}) &= d", X),
])
def test_a_step_on_the_size_letter_is_not_refuted(row: str, head: str) -> None:
    step, _ = _step(row, head)
    assert step.verdict in ("PROVED", "SUPPORTED"), (step.verdict, step.detail)


@pytest.mark.parametrize(("row", "head"), [
    (r"(\mathbf{1}^\top x)^2 &\le (d - 1) x^\top x", "assume x \\in \\mathbb{R}^d, d \\ge 1"),
    (r"\|\mathbf{1}\|^2 &= d + 1", X),  # wrong constant
    (r"\|\mathbf{1}\|_2 &= n", "assume x \\in \\mathbb{R}^n, n \\ge 1"),  # dropped root
])
def test_planted_errors_on_the_size_letter_are_refuted(row: str, head: str) -> None:
    step, _ = _step(row, head)
    assert step.verdict == "REFUTED", step.detail


@pytest.mark.parametrize(("row", "head"), [
    (r"d &\le 4", (X,)),  # true in the sizes tried only
    (r"d^2 &\le 16", ("assume x \\in \\mathbb{R}^d, d \\ge 1",)),
    (r"m &\le 5", (X, "let m = d + 1")),
    (r"\|\mathbf{1}\|^2 &\ge 4", ("assume x \\in \\mathbb{R}^d, d \\ge 3",)),  # fails at d = 3
])
def test_a_step_true_in_the_sizes_tried_only_is_not_proved(row: str, head: tuple) -> None:
    step, _ = _step(row, *head)
    assert step.verdict not in ("PROVED", "CERTIFIED"), (step.verdict, step.detail)


def test_no_size_tried_in_the_letters_domain_is_undecided() -> None:
    step, _ = _step(r"\|\mathbf{1}\|^2 &\ge 5", "assume x \\in \\mathbb{R}^d, d \\ge 5")
    assert step.verdict == "UNDECIDED", step.detail
    assert "no size tried" in step.detail, step.detail
    # a step with nothing of the size in it is read alike in every size
    step, _ = _step(r"(a + b)^2 &= a^2 + 2ab + b^2", "assume x \\in \\mathbb{R}^d, d \\ge 5")
    assert step.verdict == "PROVED", step.detail


def test_sizes_outside_the_letters_domain_are_left_out() -> None:
    step, _ = _step(r"\|\mathbf{1}\|^2 &\ge 3", "assume x \\in \\mathbb{R}^d, d \\ge 3")
    assert step.verdict == "SUPPORTED", step.detail
    assert "sizes 3, 4 only" in step.detail, step.detail


def test_two_size_letters_are_not_tied() -> None:
    # x in R^d and y in R^n: neither letter is the size built (refused, not guessed)
    step, _ = _step(r"\|\mathbf{1}\|^2 &= d", "assume x \\in \\mathbb{R}^d, y \\in \\mathbb{R}^n")
    assert step.verdict == "UNDECIDED", step.detail


@pytest.mark.parametrize("row", [
    r"(\mathbf{1}^\top x)^2 &\le d\, x^\top x",  # true: never REFUTED with d apart from the size
    r"\|x\|^2 &\le d \|x\|^2",
])
def test_an_untied_size_letter_refutes_nothing(row: str) -> None:
    # A \succ 0 has a free size too: d is not tied to the size built
    step, _ = _step(row, "assume x \\in \\mathbb{R}^d, A \\succ 0, d \\ge 1")
    assert step.verdict != "REFUTED", step.detail
    assert step.verdict not in ("PROVED", "CERTIFIED") or "only" not in step.detail
