r"""A random variable whose law nothing read states, on one side of a step only
(``\mathbb{E}(X) = 2``), is what the text knows about that variable, as a free scalar on one
side only is: a failing finite law leaves the step UNDECIDED, not REFUTED. A variable on both
sides keeps the refutation (``\mathbb{E}[X^2] \le \mathbb{E}[X]^2`` fails at a real law)."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _step(row: str, *assume: str):
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + row + "\n\\end{align*}\n"
    (chain,) = verify_tex(text, trials=40).environments
    return chain.steps[0], chain


@pytest.mark.parametrize("row", [
    r"\mathbb{E}(X) &= 2",
    r"\mathbb{E}(X^{2}) &= \frac{19}{3}",
    r"\mathbb{E}(X) &= \int_{0}^{1} x \, dx",
    r"\mathbb{E}[X + Y] &= \mathbb{E}[X]",
    r"\mathbb{E}(X^{2}) - \mathbb{E}(X)^{2} &= \frac{19}{3} - \frac{12}{3}",
])
def test_a_law_stated_in_words_is_not_refuted(row: str) -> None:
    step, chain = _step(row)
    assert step.verdict == "UNDECIDED", (step.verdict, step.detail)
    assert chain.conclusion is None or chain.conclusion.verdict != "REFUTED"
    assert "one side only" in step.detail


@pytest.mark.parametrize("row", [
    r"\mathbb{E}[X^2] &\le \mathbb{E}[X]^2",
    r"\mathbb{E}[X + Y] &= \mathbb{E}[X] + 2\mathbb{E}[Y]",
])
def test_a_variable_on_both_sides_is_still_refuted_at_a_real_law(row: str) -> None:
    step, _ = _step(row)
    assert step.verdict == "REFUTED", (step.verdict, step.detail)
