r"""Markov kernels and product spaces in the finite-measure model (issue 21): compositions
``\kappa \circ \mu``, composition-products ``\mu \otimes \kappa``, product measures, marginals
``\pi_{Y*}`` and conditional divergences ``KL(\kappa, \eta \mid \mu)``. Planted false steps
(data processing reversed, the chain rule conditioned on the wrong measure) are REFUTED with
a witness re-checked here with exact fractions and mpmath; the true forms are SUPPORTED and
say that kernels were sampled; notation the model does not read keeps it out."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from hallbound.proofs_checks.latex.models.divergence_terms import Context, Reader, Unread, tokens
from hallbound.proofs_checks.latex.models.kernel_terms import compound_names
from hallbound.proofs_checks.latex.verify import verify_tex

PROB = r"\mu, \nu \text{ probability measures}"


def _steps(body: str, *assume: str) -> list:
    text = "\\DeclareMathOperator{\\TV}{TV}\\DeclareMathOperator{\\KL}{KL}\n"
    text += "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


def _parse(text: str) -> list:
    """``(1/2, 1/2)`` -> fractions; ``((1/2, 1/2), (1/3, 2/3))`` -> rows of fractions."""
    text = text.strip()
    if text.startswith("(("):
        rows = text[1:-1].split("), (")
        return [[Fraction(x) for x in r.strip("()").split(",")] for r in rows]
    return [Fraction(x) for x in text.strip("()").split(",")]


def _kl(p: list[Fraction], q: list[Fraction]) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.fsum(mpmath.mpf(a.numerator) / a.denominator
                           * mpmath.log(mpmath.mpf((a / b).numerator) / (a / b).denominator)
                           for a, b in zip(p, q, strict=True))


def _push(k: list[list[Fraction]], m: list[Fraction]) -> list[Fraction]:
    return [sum(m[x] * k[x][y] for x in range(len(m))) for y in range(len(k[0]))]


def _markov(k: list[list[Fraction]]) -> bool:
    return all(sum(r) == 1 and all(v > 0 for v in r) for r in k)


def test_reversed_data_processing_is_refuted_with_a_markov_kernel() -> None:
    (step,) = _steps(r"\KL(\kappa \circ \mu, \kappa \circ \nu) \ge \KL(\mu, \nu)", PROB)
    assert step.verdict == "REFUTED", step.detail
    mu, nu, k = (_parse(step.witness[n]) for n in ("mu", "nu", "kappa"))
    assert sum(mu) == 1 and sum(nu) == 1 and _markov(k)
    assert _kl(_push(k, mu), _push(k, nu)) < _kl(mu, nu) - mpmath.mpf(10) ** -40
    assert "Markov kernel" in step.detail


def test_data_processing_and_the_marginal_identity_are_supported() -> None:
    body = (r"\KL(\kappa \circ \mu, \kappa \circ \nu) &= \KL(\pi_{Y*}(\mu \otimes \kappa), "
            r"\pi_{Y*}(\nu \otimes \kappa)) \\ &\le \KL(\mu \otimes \kappa, \nu \otimes \kappa)"
            r" \\ &= \KL(\mu, \nu)")
    steps = _steps(body, PROB)
    assert [s.verdict for s in steps] == ["SUPPORTED"] * 3, [s.detail for s in steps]
    assert all("Markov kernels" in s.detail for s in steps)


def test_kl_chain_rule_is_supported_and_the_wrong_conditioning_refuted() -> None:
    good = r"\KL(\mu \otimes \kappa, \nu \otimes \eta) = \KL(\mu, \nu) + \KL(\kappa, \eta \mid \mu)"
    (step,) = _steps(good, PROB)
    assert step.verdict == "SUPPORTED", step.detail
    (bad,) = _steps(good.replace(r"\mid \mu", r"\mid \nu"), PROB)
    assert bad.verdict == "REFUTED", bad.detail
    mu, nu = _parse(bad.witness["mu"]), _parse(bad.witness["nu"])
    k, e = _parse(bad.witness["kappa"]), _parse(bad.witness["eta"])
    assert _markov(k) and _markov(e)
    joint = [mu[x] * k[x][y] for x in range(len(mu)) for y in range(len(mu))]
    other = [nu[x] * e[x][y] for x in range(len(mu)) for y in range(len(mu))]
    cond = mpmath.fsum(nu[x] * _kl(k[x], e[x]) for x in range(len(mu)))
    assert abs(_kl(joint, other) - (_kl(mu, nu) + cond)) > mpmath.mpf(10) ** -30


def test_product_measures_tensorise_and_a_doubled_sum_is_refuted() -> None:
    assume = r"\mu, \nu, \rho, \sigma \text{ probability measures}"
    good = r"\KL(\mu \otimes \rho, \nu \otimes \sigma) = \KL(\mu, \nu) + \KL(\rho, \sigma)"
    (step,) = _steps(good, assume)
    assert step.verdict == "SUPPORTED", step.detail
    assert "Markov kernels" not in step.detail  # rho, sigma are measures: a product measure
    (bad,) = _steps(good.replace(r"+ \KL(\rho", r"+ 2\KL(\rho"), assume)
    assert bad.verdict == "REFUTED", bad.detail


def test_an_undeclared_generator_is_never_refuted() -> None:
    body = (r"D_f(\kappa \circ \mu, \kappa \circ \nu) "
            r"\le D_f(\mu \otimes \kappa, \nu \otimes \kappa)")
    (step,) = _steps(body, PROB)
    assert step.verdict == "UNDECIDED", step.detail
    assert "not convex" in step.detail
    (declared,) = _steps(body, PROB, r"f \text{ convex}")
    assert declared.verdict == "SUPPORTED", declared.detail
    (flipped,) = _steps(body.replace(r"\le", r"\ge"), PROB, r"f \text{ convex}")
    assert flipped.verdict in ("REFUTED", "UNDECIDED") and "fails at" in flipped.detail
    (free,) = _steps(body.replace(r"\le", r"\ge"), PROB)
    assert free.verdict == "UNDECIDED" and "not declared convex" in free.detail


@pytest.mark.parametrize("body", [
    r"\KL(\mu \otimes \kappa, \nu) \le \KL(\mu, \nu)",  # laws on different spaces
    r"\KL(\nu \circ \mu, \nu) \le \KL(\mu, \nu)",  # a measure used as a kernel
])
def test_what_the_model_cannot_read_keeps_it_out(body: str) -> None:
    (step,) = _steps(body, PROB)
    assert step.verdict != "REFUTED" and step.verdict != "SUPPORTED", step.detail


@pytest.mark.parametrize("side", [
    r"\KL(\kappa, \eta \mid \mu \otimes \kappa)",  # conditioned on a law on the product
    r"\KL(\kappa \circ (\mu \otimes \kappa), \nu)",  # a kernel applied to a joint law
    r"\KL(\pi_{Z*}(\mu \otimes \kappa), \nu)",  # a coordinate the model does not name
    r"\KL(\pi_{Y*}(\mu), \nu)",  # a marginal of a law that is not on a product
    r"\KL(\kappa \circ \mu, \kappa)",  # a bare kernel where a measure is needed
    r"\KL(\mu \otimes \kappa, \nu)",  # laws on different spaces
])
def test_the_reader_refuses_what_it_does_not_model(side: str) -> None:
    ctx = Context(measures={"mu", "nu"}, kernels={"kappa", "eta"})
    with pytest.raises(Unread):
        Reader(side, ctx).read()


def test_composition_outside_a_divergence_names_no_kernel() -> None:
    assert compound_names(tokens(r"(f \circ g)(x) \le \KL(\mu, \nu)")) == (set(), set())
    assert compound_names(tokens(r"H(X, Y \mid Z) \le H(X \mid Z) + H(Y)")) == (set(), set())
    measures, kernels = compound_names(tokens(r"\KL(\kappa \circ \mu, \kappa \circ \nu)"))
    assert measures == {"mu", "nu"} and kernels == {"kappa"}
