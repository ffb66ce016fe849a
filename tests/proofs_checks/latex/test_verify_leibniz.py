r"""Leibniz derivatives (``\frac{d}{dx}``) are never read as quotients in which ``d`` cancels.

Read as a quotient, ``\frac{d}{dx} e^x = \frac{e^x}{x}`` was PROVED (the derivative is e^x, not
e^x / x), and the true ``\frac{d}{dt} e^t = e^t`` was REFUTED at t = 0.5. Such a fraction is now
read as a derivative (:mod:`~hallbound.proofs_checks.latex.math_derivatives`), and ordinary
quotients whose letters happen to be ``d`` are still read.
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _verdicts(body: str) -> list[str]:
    rep = verify_tex(f"\\begin{{align*}}\n{body}\n\\end{{align*}}\n", trials=80)
    return [s.verdict for env in rep.environments for s in env.steps]


@pytest.mark.parametrize(
    "body",
    [
        r"\frac{d}{dx} e^x = \frac{e^x}{x}",  # false: the derivative is e^x
        r"\frac{dx^2}{dx} = x",  # false: 2x
        r"\frac{d}{dt}(t^2) = t",  # false: 2t
        r"\frac{d}{d\sigma}\sigma^2 = \sigma^2/\sigma",  # false: 2 sigma
        r"t\frac{dx}{dt} = x",  # not an identity of t and x
        r"\frac{df}{dx} = \frac{f}{x}",
        r"\frac{d^2 y}{d x^2} = \frac{y}{x^2}",
        r"\dfrac dx = \frac{1}{x}",  # unbraced arguments
    ],
)
def test_a_false_leibniz_step_is_not_proved(body: str) -> None:
    assert "PROVED" not in _verdicts(body)


@pytest.mark.parametrize(
    "body",
    [r"\frac{d}{dt} e^t = e^t", r"\frac{d}{d\lambda}(\lambda^2 + \lambda) = 2\lambda + 1"],
)
def test_a_true_leibniz_step_is_not_refuted(body: str) -> None:
    assert "REFUTED" not in _verdicts(body)


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        (r"\frac{d}{d+1} + \frac{1}{d+1} = 1", "PROVED"),
        (r"\frac{d^2}{d_i} = d^2 / d_i", "PROVED"),
        (r"\frac{d}{d+1} = 1", "REFUTED"),
    ],
)
def test_quotients_of_the_letter_d_are_still_read(body: str, verdict: str) -> None:
    assert _verdicts(body) == [verdict]


def test_a_density_of_two_measures_is_still_read() -> None:
    r"""``\frac{d\mu}{d\nu}`` (Radon-Nikodym) stays readable: the measure models need the line."""
    density = "\\frac{d\\mu}{d\\nu}"
    rep = verify_tex(f"\\begin{{align*}}\n{density} = {density}\n\\end{{align*}}\n")
    assert not rep.errors
    assert [s.verdict for env in rep.environments for s in env.steps] == ["PROVED"]
