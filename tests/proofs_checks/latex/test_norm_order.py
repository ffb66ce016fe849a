r"""Inside a norm and on each side of an inner product, a product of letters keeps its written
order (:mod:`hallbound.proofs_checks.latex.math_order`): papers multiply matrices and vectors
there, so ``\|A B x\| = \|B A x\|`` is no identity. Each planted false step (factors swapped,
terms collapsed) must not be PROVED; the same step written in the same order, the symmetry of
the real inner product and the scalar cases stay PROVED."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.math_order import ordered_text, summands
from hallbound.proofs_checks.latex.math_tokens import tokenize
from hallbound.proofs_checks.latex.verify import verify_tex


def _verdict(step: str, header: str = "") -> str:
    text = f"{header}\\begin{{equation}}\n{step}\n\\end{{equation}}\n"
    rep = verify_tex(text, trials=30)
    return [s.verdict for ch in rep.environments for s in ch.steps][0]


@pytest.mark.parametrize("step", [
    r"\|A B x\| = \|B A x\|",
    r"\lVert A B x \rVert = \lVert B A x \rVert",
    r"\langle A B x, x\rangle = \langle B A x, x\rangle",
    r"\langle A_j \ell_j e_i, \ell_j e_i \rangle = \langle \ell_j A_j e_i, \ell_j e_i \rangle",
    r"\|A B x + B A x\| = 2 \|A B x\|",  # ABx + BAx is not 2ABx for matrices
    r"\|2 B A x\| = 2 \|A B x\|",  # homogeneity must not reorder the factors either
    r"\|(A - B)(A + B) x\| = \|(A + B)(A - B) x\|",
    r"\|A B - B A\| = 0",
])
def test_swapped_factors_are_not_proved(step: str) -> None:
    assert _verdict(step) != "PROVED"


@pytest.mark.parametrize("step", [
    r"\|A B x\| = \|A B x\|",
    r"\|A B x + y\| = \|y + A B x\|",  # a sum of vectors is commutative
    r"\|A \cdot B x\| = \|A B x\|",
    r"\langle A B x, x\rangle = \langle x, A B x\rangle",  # the real inner product: symmetric
    r"\langle u, v\rangle = \langle v, u\rangle",
    r"\|2 x\| = \|x + x\|",  # one letter per term: read as before
])
def test_the_same_written_order_is_still_proved(step: str) -> None:
    assert _verdict(step) == "PROVED"


def test_a_scalar_pulled_out_of_a_norm_is_still_proved_and_a_wrong_one_is_not() -> None:
    header = "% hb: assume t > 0\n"
    assert _verdict(r"\lVert t (x - y) \rVert = t \lVert x - y \rVert", header) == "PROVED"
    assert _verdict(r"\lVert t (x - y) \rVert = 2 t \lVert x - y \rVert", header) != "PROVED"
    assert _verdict(r"\lVert t (x - y) \rVert = t \lVert y - x \rVert", header) != "REFUTED"


def test_the_key_keeps_the_written_summands_only_for_products() -> None:
    import sympy as sp

    a, b, x, y = sp.symbols("A B x y")
    plain = ordered_text(x - y, tokenize("x - y"))
    assert plain == sp.sstr(x - y)  # no product of letters: the key as before
    ab = ordered_text(a * b * x, tokenize("A B x"))
    ba = ordered_text(a * b * x, tokenize("B A x"))
    assert ab != ba
    assert ordered_text(a * b * x + y, tokenize("A B x + y")) == ordered_text(
        a * b * x + y, tokenize("y + A B x"))


def test_a_sign_after_an_operator_or_in_a_script_does_not_split_a_summand() -> None:
    assert len(summands(tokenize("A x - B y"))) == 2
    assert len(summands(tokenize("-A x"))) == 1
    assert len(summands(tokenize("A^{-1} x"))) == 1
    assert len(summands(tokenize(r"A \cdot -x"))) == 1


@pytest.mark.parametrize("step", [
    r"|A B x| = |B A x|",  # single bars around matrices and vectors: a norm, not a scalar
    r"|A x - B x| = |x A - x B|",
    r"\lvert \Sigma v \rvert = \lvert v \Sigma \rvert",
    r"|A B| = |B A| + 1",
])
def test_bars_around_an_operator_product_are_not_proved_commutative(step: str) -> None:
    assert _verdict(step) != "PROVED"


@pytest.mark.parametrize("step", [
    r"|a b| = |b a|",  # lower-case letters: scalars, as before
    r"|E[X] - \mu| = |\mu - E[X]|",  # an operator applied to a bracket is no product
    r"|t X| = |X| \cdot |t|",  # a scalar before a random variable: an absolute value
    r"|S_n/n - \mu| = |\mu - S_n/n|",  # a quotient is no operator product
    r"|A B x| = |A B x|",
    r"|A x| \ge 0",
])
def test_scalar_bars_and_the_same_written_order_are_still_proved(step: str) -> None:
    assert _verdict(step) == "PROVED"


def test_operator_product_reads_only_an_upper_case_letter_followed_by_a_letter() -> None:
    from hallbound.proofs_checks.latex.math_order import operator_product

    assert operator_product(tokenize("A B x"))
    assert operator_product(tokenize("A_1^T y + z"))
    assert not operator_product(tokenize("t X"))
    assert not operator_product(tokenize("E[X] - \\mu"))
    assert not operator_product(tokenize("X - Y"))


def test_a_capital_letter_with_a_stated_interval_is_a_number_inside_bars() -> None:
    header = "% hb: assume A > 0\n"
    assert _verdict(r"|A x| = A |x|", header) == "PROVED"
    assert _verdict(r"|A x| = 2 A |x|", header) != "PROVED"
    assert _verdict(r"|A x| = A |x|") != "PROVED"  # undeclared: A may be a matrix
