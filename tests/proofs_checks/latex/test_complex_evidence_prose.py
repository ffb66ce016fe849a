r"""Complex scalars the text announces in words or notation (:func:`.document_evidence.
complex_evidence`, :func:`.models.complex_letters.prose_complex_names`): ``\mathrm{Re}``,
an adjoint, "complex Hilbert space", "let $w$ be a complex number", ``z = x + iy``. With such
evidence a verdict that needs a scalar or an inner product real is withdrawn; an index ``i``,
the reals written ``\Re`` or a sample mean ``\bar X`` give no evidence."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.document_evidence import (
    complex_evidence,
    complex_evidence_shown,
)
from hallbound.proofs_checks.latex.models.complex_letters import prose_complex_names
from hallbound.proofs_checks.latex.verify import verify_tex

STRONG = ("PROVED", "CERTIFIED", "SUPPORTED")
SWAP = r"\langle x, y\rangle = \langle y, x\rangle"
EXPAND_REAL = (r"\langle x + y, x + y\rangle = \langle x, x\rangle + 2\langle x, y\rangle"
               r" + \langle y, y\rangle")
EXPAND = (r"\langle x + y, x + y\rangle = \langle x, x\rangle + \langle x, y\rangle"
          r" + \langle y, x\rangle + \langle y, y\rangle")
DROPPED = r"\langle x + y, x + y\rangle = \langle x, x\rangle + \langle y, y\rangle"

COMPLEX_PROSE = [
    r"For $x, y \in H$, $\|x + y\|^2 = \|x\|^2 + 2\,\mathrm{Re}\langle x, y\rangle + \|y\|^2$.",
    r"Here $\operatorname{Re}\langle x, y \rangle \le |\langle x, y\rangle|$.",
    "Let $H$ be a complex Hilbert space and $x, y \\in H$.",
    "Let $H$ be a Hilbert space over the complex numbers.",
    r"Let $A = A^\dagger$ be self-adjoint and $x, y \in H$.",
    r"Note $\langle x, y\rangle = \langle y, x\rangle^*$.",
    r"With $\Re(z) \le |z|$.",
    r"Write $z = x + iy$ with $x, y$ real.",
    r"Take $u = e^{i\theta}$.",
    r"Here $|z|^2 = z\bar z$.",
    r"The adjoint gives $x^H y$.",
    "Let $A$ be a unitary matrix.",
    r"Let $x \in \CC^n$.",
    r"Let $\sqrt{-1}$ denote the imaginary unit.",
    r"Here $\mathrm{i}^2 = -1$.",
    r"where $\bar{\lambda}$ is the conjugate of $\lambda$.",
    r"where $i^2 = -1$.",
]
REAL_PROSE = [
    r"Let $x \in \Re^n$ and $f: \Re \to \Re$.",
    r"The sample mean $\bar X = \frac{1}{n}\sum_{i=1}^n X_i$.",
    r"Here $\sum_i x_i + i y$ with $i$ an index.",
    r"The image $\mathrm{Im}(A)$ of $A$.",
    r"Let $x^*$ be the minimiser, so $f(x^*) \le f(x)$.",
    "This is a complex problem over a real vector space.",
    r"$x \in \mathbb{R}^n$, $\mathcal{C}$ and $C_1$.",
    r"Let $f^*$ be the conjugate of $f$.",
    r"Here $x_i^2 = -1 + y_i$.",
]


def _one(rel: str, pre: str) -> object:
    rep = verify_tex(f"{pre}\n\\begin{{align}}\n{rel}\n\\end{{align}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


@pytest.mark.parametrize("text", COMPLEX_PROSE)
def test_evidence_of_complex_scalars_is_found(text: str) -> None:
    assert complex_evidence(text, []) is True
    assert complex_evidence_shown(text) is not None


@pytest.mark.parametrize("text", REAL_PROSE)
def test_no_evidence_in_a_text_about_real_numbers(text: str) -> None:
    assert complex_evidence(text, []) is False


@pytest.mark.parametrize("pre", COMPLEX_PROSE[:6])
@pytest.mark.parametrize("rel", [SWAP, EXPAND_REAL])
def test_an_inner_product_over_c_is_not_read_real_and_symmetric(pre: str, rel: str) -> None:
    s = _one(rel, pre)
    assert s.verdict not in (*STRONG, "REFUTED")
    assert "complex scalars" in s.detail  # the withdrawal names the evidence


@pytest.mark.parametrize("pre", ["", REAL_PROSE[0], REAL_PROSE[4]])
@pytest.mark.parametrize("rel", [SWAP, EXPAND_REAL])
def test_an_inner_product_without_evidence_stays_symmetric(pre: str, rel: str) -> None:
    assert _one(rel, pre).verdict in ("PROVED", "CERTIFIED")


def test_what_holds_over_c_stays_proved_and_a_dropped_term_is_not() -> None:
    pre = COMPLEX_PROSE[2]
    assert _one(EXPAND, pre).verdict in ("PROVED", "CERTIFIED")
    assert _one(DROPPED, pre).verdict not in STRONG


@pytest.mark.parametrize("text, names", [
    ("Let $w$ be a complex number.", {"w"}),
    ("let $z, w$ be two complex numbers", {"z", "w"}),
    (r"for every complex $\zeta$", {"zeta"}),
    ("with $z$ complex,", {"z"}),
    (r"Write $z = x + iy$ with $x, y$ real.", {"z"}),
    (r"and $q = a + bi$", {"q"}),
    ("Let $H$ be a complex Hilbert space.", set()),
    ("a complex problem in $x$", set()),
    (r"$x_i = a + b$ and $w$ real", set()),
])
def test_the_letters_the_prose_calls_complex(text: str, names: set[str]) -> None:
    assert prose_complex_names(text) == names


@pytest.mark.parametrize("pre", ["Let $w$ be a complex number.",
                                 r"Write $w = x + iy$ with $x, y$ real."])
@pytest.mark.parametrize("rel", [r"|w|^2 = w^2", r"w^2 \ge 0", r"\sqrt{w^2} = |w|"])
def test_a_letter_the_prose_calls_complex_is_not_read_real(pre: str, rel: str) -> None:
    s = _one(rel, pre)
    assert s.verdict not in (*STRONG, "REFUTED")
    assert "complex scalars" in s.detail
    assert _one(rel, "Let $w$ be a real number.").verdict in ("PROVED", "CERTIFIED")


def test_a_polynomial_identity_holds_and_a_planted_error_is_refuted() -> None:
    pre = "Let $w$ be a complex number."
    assert _one(r"(w + 1)^2 = w^2 + 2w + 1", pre).verdict in ("PROVED", "CERTIFIED")
    assert _one(r"(w + 1)^2 = w^2 + w + 1", pre).verdict == "REFUTED"


def test_a_step_with_a_conjugate_it_cannot_read_stays_undecided() -> None:
    rel = r"\langle x, y\rangle = \overline{\langle y, x\rangle}"  # true over C
    assert _one(rel, COMPLEX_PROSE[2]).verdict == "UNDECIDED"
