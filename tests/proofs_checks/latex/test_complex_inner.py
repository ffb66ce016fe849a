r"""Complex scalars (:func:`.document_evidence.complex_evidence`, :mod:`.models.complex_letters`):
inner products keep their written order (:math:`\langle x, y\rangle =
\overline{\langle y, x\rangle}`), and a step proved only with a complex letter or inner product
read as a real number is withdrawn; without complex evidence inner products stay symmetric."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.document_evidence import complex_evidence
from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED")
COMPLEX = "For $x, y \\in \\mathbb{C}^n$:\n"
REAL = "For $x, y \\in \\mathbb{R}^n$:\n"
SWAP = r"\langle x, 2 y\rangle = 2\langle y, x\rangle"
EXPAND = (r"\langle x + y, x + y\rangle = \langle x, x\rangle + \langle x, y\rangle"
          r" + \langle y, x\rangle + \langle y, y\rangle")
EXPAND_REAL = (r"\langle x + y, x + y\rangle = \langle x, x\rangle + 2\langle x, y\rangle"
               r" + \langle y, y\rangle")


def _one(rel: str, pre: str) -> object:
    rep = verify_tex(f"{pre}\\begin{{align}}\n{rel}\n\\end{{align}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def test_a_complex_inner_product_is_not_symmetric() -> None:
    assert _one(SWAP, COMPLEX).verdict not in STRONG
    assert _one(EXPAND_REAL, COMPLEX).verdict not in STRONG


def test_a_real_inner_product_stays_symmetric() -> None:
    assert _one(SWAP, REAL).verdict in STRONG
    assert _one(EXPAND_REAL, REAL).verdict in STRONG
    assert _one(SWAP, "").verdict in STRONG


@pytest.mark.parametrize("rel", [r"\langle x, 2 y\rangle = 2\langle x, y\rangle", EXPAND,
                                 r"\langle 3x, y\rangle = 3\langle x, y\rangle"])
def test_real_coefficients_and_written_order_still_prove(rel: str) -> None:
    assert _one(rel, COMPLEX).verdict in STRONG


@pytest.mark.parametrize("rel", [r"\langle x, y\rangle^2 \ge 0",
                                 r"|\langle x, y\rangle|^2 = \langle x, y\rangle^2"])
def test_a_complex_inner_product_is_not_read_as_real(rel: str) -> None:
    s = _one(rel, COMPLEX)
    assert s.verdict not in (*STRONG, "REFUTED")
    assert _one(rel, REAL).verdict in STRONG


@pytest.mark.parametrize("pre", ["% hb: assume z \\in \\mathbb{C}\n", "Let $z \\in ℂ$.\n"])
@pytest.mark.parametrize("rel", [r"|z|^2 = z^2", r"\sqrt{z^2} = |z|", r"z^2 \ge 0"])
def test_a_complex_letter_is_not_read_as_real(pre: str, rel: str) -> None:
    s = _one(rel, pre)
    assert s.verdict not in (*STRONG, "REFUTED")
    assert _one(rel, "% hb: assume z \\in \\mathbb{R}\n").verdict in STRONG


def test_a_polynomial_identity_of_a_complex_letter_stays_proved() -> None:
    assert _one(r"(z + 1)^2 = z^2 + 2z + 1", COMPLEX.replace("x, y", "z")).verdict in STRONG


@pytest.mark.parametrize("text, macros, found", [
    (r"$x \in \mathbb{C}$", [], True), (r"$x \in \mathbb C$", [], True),
    ("$x ∈ ℂ$", [], True), (r"\overline{\langle x, y \rangle}", [], True),
    (r"$x \in \CC$", [r"\mathbb{C}"], True), (r"$x \in \mathbb{R}^n$", [], False),
    (r"a Hermitian matrix", [], True), (r"$\mathcal{C}$ and $C_1$", [], False),
])
def test_complex_evidence(text: str, macros: list[str], found: bool) -> None:
    assert complex_evidence(text, macros) is found
