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


def test_k1_an_undeclared_right_operand_of_otimes_is_never_refuted_as_a_kernel() -> None:
    r"""``\mu \otimes \rho`` with ``\rho`` not declared: a product measure may be meant, and
    both steps are true for product measures (the second marginal is ``\rho``)."""
    for body in (r"\TV(\pi_{Y*}(\mu \otimes \rho), \pi_{Y*}(\nu \otimes \rho)) = 0",
                 r"\KL(\pi_{Y*}(\mu \otimes Q), \pi_{Y*}(\nu \otimes Q)) = 0",
                 r"\KL(\mu \otimes \rho, \nu \otimes \rho) = \KL(\mu, \nu) + "
                 r"\KL(\pi_{Y*}(\mu \otimes \rho), \pi_{Y*}(\nu \otimes \rho))"):
        (step,) = _steps(body, PROB)
        assert step.verdict != "REFUTED", (body, step.detail)


def test_k1_the_stated_role_decides() -> None:
    r"""Declared a probability measure, ``\rho`` gives the product measure (SUPPORTED);
    declared a Markov kernel, the same marginal step is false and REFUTED with a kernel
    whose rows differ."""
    body = r"\TV(\pi_{Y*}(\mu \otimes \rho), \pi_{Y*}(\nu \otimes \rho)) = 0"
    (step,) = _steps(body, r"\mu, \nu, \rho \text{ probability measures}")
    assert step.verdict == "SUPPORTED", step.detail
    (step,) = _steps(body, PROB, r"\rho \text{ a Markov kernel}")
    assert step.verdict == "REFUTED", step.detail
    assert "Markov kernel" in step.detail


def test_k2_a_refused_finite_kind_keeps_supported_out() -> None:
    r"""``\kappa`` a finite kernel (not read): ``KL(\mu \otimes \kappa, \nu \otimes \kappa)
    = KL(\mu, \nu)`` is false at ``\kappa(x, .) = 2\delta_0``; the Markov sample is no
    support for it."""
    (step,) = _steps(r"\KL(\mu \otimes \kappa, \nu \otimes \kappa) = \KL(\mu, \nu)",
                     r"\mu, \nu \text{ finite measures}", r"\kappa \text{ a finite kernel}")
    assert step.verdict == "UNDECIDED", step.detail
    assert "finite" in step.detail
    (step,) = _steps(r"\KL(\mu \otimes \kappa, \nu \otimes \kappa) = \KL(\mu, \nu)",
                     PROB, r"\kappa \text{ a Markov kernel}")
    assert step.verdict == "SUPPORTED", step.detail


def test_k7_1_an_undeclared_kernel_is_drawn_finite_too() -> None:
    r"""``\eta(x, dy)`` names a kernel, not a Markov kernel: the mass ``\int\int 1
    \eta(x, dy) \mu(dx) = 1`` fails at ``\eta(x, .) = 2\delta_x`` and is not SUPPORTED; stated
    Markov it is SUPPORTED, and a planted ``= 2`` is REFUTED."""
    mu = r"\mu \text{ probability measure}"
    for body in (r"\int \int 1 \, \eta(x, dy) \mu(dx) = 1",
                 r"\int_x \int_y 1 \partial\eta(x) \partial\mu = 1"):
        (step,) = _steps(body, mu)
        assert step.verdict == "UNDECIDED", (body, step.detail)
        assert "not Markov" in step.detail
        (step,) = _steps(body, mu, r"\eta \text{ a Markov kernel}")
        assert step.verdict == "SUPPORTED", (body, step.detail)
    (step,) = _steps(r"\int \int 1 \, \eta(x, dy) \mu(dx) = 2", mu,
                     r"\eta \text{ a Markov kernel}")
    assert step.verdict == "REFUTED", step.detail
    (step,) = _steps(r"\int\int \log \frac{d\kappa}{d\eta}(x, y) \kappa(x, dy) \mu(dx) \ge 0",
                     r"\kappa(x) \ll \eta(x)", mu)
    assert step.verdict != "SUPPORTED", step.detail


def test_a_kernel_declaration_is_read_and_is_no_probability_measure() -> None:
    r"""``\kappa, \eta \text{ Markov kernels}`` (also probability / stochastic kernel) is a
    read declaration of kernels; ``\text{ a finite kernel}`` stays unread (an error)."""
    from hallbound.proofs_checks.latex.hypotheses import Hypotheses, parse_assume

    for text in (r"\kappa, \eta \text{ Markov kernels}", r"\kappa \text{ a probability kernel}",
                 r"\kappa \text{ stochastic kernel}"):
        hyp = Hypotheses()
        parse_assume(text, 0, hyp)
        assert hyp.kinds["kappa"] == "Markov kernel" and not hyp.errors, text
    hyp = Hypotheses()
    parse_assume(r"\mu \text{ probability measure}", 0, hyp)
    assert hyp.kinds["mu"] == "probability measure"
    hyp = Hypotheses()
    parse_assume(r"\kappa \text{ a finite kernel}", 0, hyp)
    assert not hyp.kinds and hyp.errors
