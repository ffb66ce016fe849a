r"""Regressions from the review of the kernel / product-measure model (issue 21, findings
K1, K2, K3, K7-1): a root index is never a factor, a name whose role as a kernel the text
does not state is never guessed into a refutation or a sampled pass."""

from __future__ import annotations

from hallbound.proofs_checks.latex.models.divergence_terms import Context, Reader
from hallbound.proofs_checks.latex.verify import verify_tex

PROB = r"\mu, \nu \text{ probability measures}"


def _steps(body: str, *assume: str) -> list:
    text = "\\DeclareMathOperator{\\TV}{TV}\\DeclareMathOperator{\\KL}{KL}\n"
    text += "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


def test_k3_root_index_is_an_exponent_not_a_factor() -> None:
    r"""``\sqrt[3]{x}`` is ``x^{1/3}``: ``\int (d\mu/d\nu)^{1/3} d\nu = \sum \mu^{1/3}
    \nu^{2/3} \le 1`` (Hoelder) is no longer refuted at sqrt(3); its reverse (false as soon
    as mu != nu) is refuted."""
    term = Reader(r"\sqrt[3]{8}", Context(measures=set())).read()
    assert term == ("pow", ("num", 8), ("div", ("num", 1), ("num", 3)))
    for body in (r"\int \sqrt[3]{\frac{d\mu}{d\nu}(x)} \, d\nu(x) \le 1",
                 r"\int_x \sqrt[3]{\frac{d\mu}{d\nu}(x)} \partial\nu \le 1"):
        (step,) = _steps(body, r"\mu \ll \nu", PROB)
        assert step.verdict == "SUPPORTED", (body, step.detail)
    (step,) = _steps(r"\int \sqrt[3]{\frac{d\mu}{d\nu}(x)} \, d\nu(x) \ge 1",
                     r"\mu \ll \nu", PROB)
    assert step.verdict == "REFUTED", step.detail


def test_k3_unknown_root_index_keeps_out() -> None:
    r"""A root index that is not a whole number >= 2 is refused, never multiplied in."""
    (step,) = _steps(r"\int \sqrt[k]{\frac{d\mu}{d\nu}(x)} \, d\nu(x) \le 1",
                     r"\mu \ll \nu", PROB)
    assert step.verdict not in ("REFUTED", "PROVED", "SUPPORTED"), step.detail
