r"""The finite-measure model of divergence steps (issue 21): planted false steps (Jensen for an
f-divergence reversed, Pinsker's constant wrong, TV without its 1/2) REFUTED with measures
that satisfy the stated assumptions, re-checked here independently with exact fractions and
mpmath; the true forms SUPPORTED, never REFUTED; what the model cannot read keeps it out."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from hallbound.proofs_checks.latex.models.divergence_terms import Context, Reader, Unread
from hallbound.proofs_checks.latex.verify import verify_tex

JENSEN = (r"\nu\left[ f\left( \frac{d\mu}{d\nu} \right) \right] {rel} "
          r"f\left( \nu\left[\frac{d\mu}{d\nu} \right] \right)")
PROB = r"\mu, \nu \text{ probability measures}"


def _steps(body: str, *assume: str) -> list:
    text = "\\DeclareMathOperator{\\TV}{TV}\\DeclareMathOperator{\\KL}{KL}\n"
    text += "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s for c in verify_tex(text, trials=60).environments for s in c.steps]


def _masses(witness: dict, name: str) -> list[Fraction]:
    return [Fraction(x) for x in witness[name].strip("()").split(",")]


def _kl(p: list[Fraction], q: list[Fraction]) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.fsum(mpmath.mpf(a.numerator) / a.denominator
                           * mpmath.log(mpmath.mpf((a / b).numerator) / (a / b).denominator)
                           for a, b in zip(p, q, strict=True))


def test_jensen_reversed_is_refuted_with_a_genuine_witness() -> None:
    body = JENSEN.replace("{rel}", "\\le")
    (step,) = _steps(body, r"\mu \ll \nu", r"\nu \text{ probability}", r"f \text{ convex}")
    assert step.verdict == "REFUTED", step.detail
    mu, nu = _masses(step.witness, "mu"), _masses(step.witness, "nu")
    assert sum(nu) == 1 and all(x > 0 for x in mu + nu)  # nu probability, mu << nu
    name = step.witness["f(t)"]
    fns = {"(t - 1)^2": lambda t: (t - 1) ** 2, "t^2": lambda t: t ** 2,
           "|t - 1|/2": lambda t: abs(t - 1) / 2}
    if name in fns:  # exact: nu[f(dmu/dnu)] > f(nu[dmu/dnu]) for a strictly convex f
        f = fns[name]
        assert sum(b * f(a / b) for a, b in zip(mu, nu, strict=True)) > f(sum(mu))
    else:
        assert "lhs - rhs = " in step.detail and "-" not in step.detail.split("lhs - rhs = ")[1]


def test_jensen_true_direction_is_supported_and_says_what_was_sampled() -> None:
    body = JENSEN.replace("{rel}", "\\ge") + r" = f(\mu(\mathcal X))"
    steps = _steps(body, r"\mu \ll \nu", r"\nu \text{ probability}", r"f \text{ convex}")
    assert [s.verdict for s in steps] == ["SUPPORTED", "SUPPORTED"]
    assert "finite measures" in steps[0].detail and "convex functions" in steps[0].detail


@pytest.mark.parametrize(("rhs", "verdict"), [
    (r"\sqrt{\frac{1}{2}\KL(\mu, \nu)}", "SUPPORTED"),
    (r"\sqrt{\frac{1}{8}\KL(\mu, \nu)}", "REFUTED"),
])
def test_pinsker_constant(rhs: str, verdict: str) -> None:
    (step,) = _steps(r"\TV(\mu, \nu) \le " + rhs, PROB)
    assert step.verdict == verdict, step.detail
    if verdict == "REFUTED":
        mu, nu = _masses(step.witness, "mu"), _masses(step.witness, "nu")
        assert sum(mu) == sum(nu) == 1
        tv = sum(abs(a - b) for a, b in zip(mu, nu, strict=True)) / 2
        with mpmath.workdps(60):
            assert mpmath.mpf(tv.numerator) / tv.denominator > mpmath.sqrt(_kl(mu, nu) / 8)


@pytest.mark.parametrize(("rhs", "verdict"), [
    (r"\frac12 \sum_{x \in \mathcal X} |\mu(x) - \nu(x)|", "SUPPORTED"),
    (r"\sum_{x} |\mu(x) - \nu(x)|", "REFUTED"),
])
def test_total_variation_needs_its_half(rhs: str, verdict: str) -> None:
    (step,) = _steps(r"\TV(\mu, \nu) = " + rhs, PROB)
    assert step.verdict == verdict, step.detail
    if verdict == "REFUTED":
        mu, nu = _masses(step.witness, "mu"), _masses(step.witness, "nu")
        diff = sum(abs(a - b) for a, b in zip(mu, nu, strict=True))
        assert diff != diff / 2  # the witness has mu != nu


def test_hellinger_normalisation_unstated_is_not_refuted() -> None:
    r"""Le Cam's TV^2 <= H^2 (2 - H^2) holds for H^2 = 1/2 sum (sqrt mu - sqrt nu)^2 and fails
    for the sum without 1/2: with the text silent, UNDECIDED, never REFUTED."""
    step, = _steps(r"\TV(\mu, \nu)^2 \le \operatorname{H^2}(\mu, \nu)"
                   r"(2 - \operatorname{H^2}(\mu, \nu))", PROB)
    assert step.verdict == "UNDECIDED" and "normalisation" in step.detail


def test_unstated_measure_mass_gives_no_refutation() -> None:
    r"""``\mu(\mathcal X) = 1`` fails only when mu is not a probability measure, which the text
    does not say: not REFUTED."""
    (step,) = _steps(r"\mu(\mathcal X) = 1", r"\mu \ll \nu")
    assert step.verdict == "UNDECIDED" and "not a probability measure" in step.detail


def test_an_unread_assumption_blocks_the_refutation() -> None:
    body = JENSEN.replace("{rel}", "\\le")
    (step,) = _steps(body, r"\mu \ll \nu", r"\nu \text{ probability}", r"f \text{ convex}",
                     r"\kappa \text{ Markov kernel}")
    assert step.verdict != "REFUTED"


@pytest.mark.parametrize("text", [
    r"D_f(\kappa \circ \mu, \nu)",        # a composition the model does not know
    r"\nu[g]",                            # g declared nowhere
    r"f(\mu(A))",                         # an event A
])
def test_what_the_model_cannot_read_keeps_it_out(text: str) -> None:
    ctx = Context(measures={"mu", "nu"}, convex={"f"})
    with pytest.raises(Unread):
        Reader(text, ctx).read()


def test_stated_relation_about_a_measure_keeps_the_model_out() -> None:
    (step,) = _steps(r"\mu(\mathcal X) = \nu(\mathcal X)", r"\mu \ll \nu",
                     r"\mu(\mathcal X) = \nu(\mathcal X)")
    assert step.verdict != "REFUTED"
