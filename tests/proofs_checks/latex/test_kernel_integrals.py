r"""Integrals against ``\partial`` measures with named points (issue 21): the KL chain rule as
blueprints write it (``\int_x \int_y \log(\frac{d\mu}{d\nu}(x) \frac{d\kappa}{d\eta}(x, y))
\partial\kappa(x) \partial\mu``) is read and SUPPORTED on Markov kernels; planted errors (a
dropped term, the wrong conditioning measure) are REFUTED with a witness re-checked here with
exact fractions and mpmath; without a stated ``\kappa(x) \ll \eta(x)`` a density step is not
SUPPORTED."""

from __future__ import annotations

from fractions import Fraction

import mpmath

from hallbound.proofs_checks.latex.models.law_statements import read_law_statement
from hallbound.proofs_checks.latex.verify import verify_tex

LL = (r"\mu \ll \nu", r"\kappa(x) \ll \eta(x)")
CHAIN = r"""\KL(\mu \otimes \kappa, \nu \otimes \eta)
&= \int_p \log \frac{d(\mu \otimes \kappa)}{d(\nu \otimes \eta)}(p) \partial (\mu \otimes \kappa)
\\ &= \int_x \int_y\log \left(\frac{d\mu}{d \nu}(x)\frac{d\kappa}{d \eta}(x,y)\right)
\partial \kappa(x) \partial\mu
\\ &= \int_x \int_y\log \left(\frac{d\mu}{d \nu}(x)\right) + \log \left(\frac{d\kappa}{d \eta}(x,y)
\right) \partial \kappa(x) \partial\mu
\\ &= \int_x \log \left(\frac{d\mu}{d \nu}(x)\right)\partial\mu + \int_x \int_y\log \left(
\frac{d\kappa(x)}{d \eta(x)}(y)\right) \partial \kappa(x) \partial\mu
\\ &= \KL(\mu, \nu) + \KL(\kappa, \eta \mid \mu)"""


def _steps(body: str, *assume: str) -> list:
    text = "\\DeclareMathOperator{\\KL}{KL}\n"
    text += "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


def _parse(text: str) -> list:
    text = text.strip()
    if text.startswith("(("):
        return [[Fraction(x) for x in r.strip("()").split(",")] for r in text[1:-1].split("), (")]
    return [Fraction(x) for x in text.strip("()").split(",")]


def _log(q: Fraction) -> mpmath.mpf:
    return mpmath.log(mpmath.mpf(q.numerator) / q.denominator)


def _kl(p: list[Fraction], q: list[Fraction]) -> mpmath.mpf:
    return mpmath.fsum(mpmath.mpf(a.numerator) / a.denominator * _log(a / b)
                       for a, b in zip(p, q, strict=True))


def test_the_blueprint_kl_chain_rule_is_read_and_supported() -> None:
    steps = _steps(CHAIN, *LL, r"\kappa, \eta \text{ Markov kernels}")
    assert [s.verdict for s in steps] == ["SUPPORTED"] * 5, [s.detail for s in steps]
    assert all("Markov kernels" in s.detail for s in steps)


def test_splitting_the_log_needs_markov_kernels() -> None:
    r"""Step 4 of the chain (``\int_y \log \frac{d\mu}{d\nu}(x) \partial\kappa(x)`` =
    ``\log \frac{d\mu}{d\nu}(x)``) holds only for rows of mass 1: with the kernels not
    stated Markov it is not SUPPORTED (review K7-1)."""
    steps = _steps(CHAIN, *LL)
    assert steps[3].verdict == "UNDECIDED", steps[3].detail
    assert "kernel that is not Markov" in steps[3].detail


def test_without_the_kernel_ll_a_density_step_is_not_supported() -> None:
    steps = _steps(CHAIN, LL[0])
    assert all(s.verdict == "UNDECIDED" for s in steps), [s.verdict for s in steps]
    assert "\\kappa \\ll \\eta is not stated" in steps[0].detail


def test_a_dropped_kernel_term_is_refuted_with_a_genuine_witness() -> None:
    body = (r"\int_x \int_y\log \left(\frac{d\mu}{d \nu}(x)\frac{d\kappa}{d \eta}(x,y)\right) "
            r"\partial \kappa(x) \partial\mu = \int_x \log \left(\frac{d\mu}{d \nu}(x)\right)"
            r"\partial\mu")
    (step,) = _steps(body, *LL)
    assert step.verdict == "REFUTED", step.detail
    mu, nu = _parse(step.witness["mu"]), _parse(step.witness["nu"])
    k, e = _parse(step.witness["kappa"]), _parse(step.witness["eta"])
    assert sum(mu) == 1 and all(sum(r) == 1 for r in k + e)
    with mpmath.workdps(60):
        lhs = mpmath.fsum(mpmath.mpf(mu[x].numerator) / mu[x].denominator
                          * mpmath.mpf(k[x][y].numerator) / k[x][y].denominator
                          * _log(mu[x] / nu[x] * k[x][y] / e[x][y])
                          for x in range(len(mu)) for y in range(len(mu)))
        assert abs(lhs - _kl(mu, nu)) > mpmath.mpf(10) ** -30


def test_conditioning_on_the_wrong_measure_is_refuted() -> None:
    body = (r"\int_x \int_y\log \left(\frac{d\kappa(x)}{d \eta(x)}(y)\right) \partial \kappa(x)"
            r" \partial\mu = \KL(\kappa, \eta \mid \nu)")
    (step,) = _steps(body, *LL, r"\mu, \nu \text{ probability measures}")
    assert step.verdict == "REFUTED", step.detail
    mu, nu = _parse(step.witness["mu"]), _parse(step.witness["nu"])
    k, e = _parse(step.witness["kappa"]), _parse(step.witness["eta"])
    with mpmath.workdps(60):
        lhs = mpmath.fsum(mpmath.mpf(mu[x].numerator) / mu[x].denominator * _kl(k[x], e[x])
                          for x in range(len(mu)))
        rhs = mpmath.fsum(mpmath.mpf(nu[x].numerator) / nu[x].denominator * _kl(k[x], e[x])
                          for x in range(len(mu)))
        assert abs(lhs - rhs) > mpmath.mpf(10) ** -30


def test_a_partial_integral_is_one_atom_for_the_math_reader() -> None:
    (step,) = _steps(r"\int_x \log \left(\frac{d\mu}{d \nu}(x)\right)\partial\mu + 1 "
                     r"= 1 + \int_x \log \left(\frac{d\mu}{d \nu}(x)\right)\partial\mu")
    assert step.verdict == "PROVED", step.detail


def test_a_kernel_ll_at_a_point_is_a_statement() -> None:
    law = read_law_statement(r"\kappa(x) \ll \eta(x)")
    assert law is not None and law.kind == "abscont"
    assert law.groups == (("kappa(x)",), ("eta(x)",))
    assert read_law_statement(r"\kappa(x) \ll \eta(y)") is None


def test_integrals_of_functions_the_model_does_not_know_are_never_refuted() -> None:
    body = (r"\int_x f(x)(p(x) - q(x)) \partial\xi &\le \int_x \Vert f(x) \Vert_\infty "
            r"\vert p(x) - q(x) \vert \partial\xi \\ "
            r"&\le \int_x \vert p(x) - q(x) \vert \partial\xi")
    steps = _steps(body, r"\Vert f\Vert_\infty \le 1")
    assert [s.verdict for s in steps] == ["UNDECIDED", "UNDECIDED"], [s.detail for s in steps]


def test_differentials_inside_the_measure_are_read() -> None:
    (cond,) = _steps(r"\int \int \log \left(\frac{d\kappa}{d\eta}(x, y)\right) \kappa(x, dy) "
                     r"\mu(dx) = \KL(\kappa, \eta \mid \mu)", *LL)
    assert cond.verdict == "SUPPORTED", cond.detail
    (kl,) = _steps(r"\int \log \left(\frac{d\mu}{d\nu}(x)\right) \mu(dx) = \KL(\mu, \nu)", *LL)
    assert kl.verdict == "SUPPORTED", kl.detail
    (wrong,) = _steps(r"\int \log \left(\frac{d\mu}{d\nu}(x)\right) \nu(dx) = \KL(\mu, \nu)", *LL)
    assert wrong.verdict == "REFUTED", wrong.detail
    mu, nu = _parse(wrong.witness["mu"]), _parse(wrong.witness["nu"])
    with mpmath.workdps(60):
        lhs = mpmath.fsum(mpmath.mpf(b.numerator) / b.denominator * _log(a / b)
                          for a, b in zip(mu, nu, strict=True))
        assert abs(lhs - _kl(mu, nu)) > mpmath.mpf(10) ** -30


def test_a_divergence_of_kernels_at_a_bound_point() -> None:
    good = r"\int_x \KL(\kappa(x), \eta(x)) \partial\mu = \KL(\kappa, \eta \mid \mu)"
    (step,) = _steps(good, r"\mu, \nu \text{ probability measures}")
    assert step.verdict == "SUPPORTED", step.detail
    (bad,) = _steps(good.replace(r"\partial\mu", r"\partial\nu"),
                    r"\mu, \nu \text{ probability measures}")
    assert bad.verdict == "REFUTED", bad.detail
    mu, nu = _parse(bad.witness["mu"]), _parse(bad.witness["nu"])
    k, e = _parse(bad.witness["kappa"]), _parse(bad.witness["eta"])
    with mpmath.workdps(60):
        lhs = mpmath.fsum(mpmath.mpf(w.numerator) / w.denominator * _kl(k[x], e[x])
                          for x, w in enumerate(nu))
        rhs = mpmath.fsum(mpmath.mpf(w.numerator) / w.denominator * _kl(k[x], e[x])
                          for x, w in enumerate(mu))
        assert abs(lhs - rhs) > mpmath.mpf(10) ** -30
