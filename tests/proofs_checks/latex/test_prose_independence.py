r"""Independence stated in the running text, with no ``% hb: assume`` line: a step that holds
for independent variables (``E[XY] = E[X]E[Y]``, ``Var(X + Y) = Var X + Var Y``) is never
REFUTED at a dependent law; read strictly ("Let $X, Y$ be independent"), the law model
draws only independent laws, so a false step under it is still REFUTED (at an independent
law); "not independent", "dependent", "conditionally independent" count for nothing."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.document import read_document
from hallbound.proofs_checks.latex.prose_independence import prose_independence
from hallbound.proofs_checks.latex.verify import verify_tex

_TRUE = r"\mathbb{E}[XY] &= \mathbb{E}[X]\mathbb{E}[Y]"


def _steps(prose: str, row: str, after: str = ""):
    text = (f"{prose}\n\\begin{{align*}}\n{row}\n\\end{{align*}}\n{after}\n")
    (chain,) = verify_tex(text, trials=40).environments
    return chain.steps


@pytest.mark.parametrize("prose", [
    "Let $X, Y$ be independent random variables.",
    "Let $X$ and $Y$ be independent.",
    "The variables $X, Y$ are mutually independent.",
    "Since $X \\perp Y$, we have",
    "Let $X, Y$ be independent random variables with $X \\sim N(0, 1)$.",
    "Suppose that $X, Y$ are independent; then",
    "Let $Y$ be an independent copy of $X$.",
])
@pytest.mark.parametrize("row", [
    _TRUE,
    r"\operatorname{Cov}(X, Y) &= \mathbb{E}[XY] - \mathbb{E}[X]\mathbb{E}[Y] = 0",
    r"\operatorname{Var}(X + Y) &= \operatorname{Var}(X) + \operatorname{Var}(Y)",
])
def test_independence_in_prose_keeps_a_true_step_unrefuted(prose: str, row: str) -> None:
    for step in _steps(prose, row):
        assert step.verdict != "REFUTED", (prose, row, step.detail)


def test_independence_after_the_display_withdraws_the_refutation_naming_the_sentence() -> None:
    (step,) = _steps("We have", _TRUE, "where $X$ and $Y$ are independent.")
    assert step.verdict == "UNDECIDED", step.detail
    assert "where $X$ and $Y$ are independent" in step.detail


@pytest.mark.parametrize("prose", [
    "Let $X_1, \\dots, X_n$ be i.i.d.",
    "Let $(X_i)_{i=1}^n$ be i.i.d. samples.",
])
def test_an_iid_family_in_prose_keeps_the_product_step_unrefuted(prose: str) -> None:
    (step,) = _steps(prose, r"\mathbb{E}[X_1 X_2] &= \mathbb{E}[X_1]\mathbb{E}[X_2]")
    assert step.verdict != "REFUTED", step.detail


@pytest.mark.parametrize("prose", [
    "",
    "Here $X$ and $Y$ are not independent.",
    "Let $X$ and $Y$ be dependent random variables.",
    "Let $X, Y$ be conditionally independent given $Z$.",
    "Let $X, Y$ be linearly independent.",
    "Let $U, V$ be independent.",
])
def test_without_independence_of_these_variables_the_planted_step_is_refuted(prose: str) -> None:
    (step,) = _steps(prose, _TRUE)
    assert step.verdict == "REFUTED", (prose, step.detail)


def test_a_false_step_under_prose_independence_is_refuted_at_an_independent_law() -> None:
    (step,) = _steps("Let $X, Y$ be independent.",
                     r"\mathbb{E}[XY] &= 2\mathbb{E}[X]\mathbb{E}[Y]")
    assert step.verdict == "REFUTED", step.detail
    assert any("independence read from the text" in n for n in step.notes)
    assert "(X, Y)" not in step.detail and "(Y, X)" not in step.detail  # one block each


def test_a_true_step_under_prose_independence_is_sampled_not_proved() -> None:
    (step,) = _steps("Let $X, Y$ be independent.", _TRUE)
    assert step.verdict == "SUPPORTED", step.detail
    assert "independent" in step.detail


def test_the_strict_reading() -> None:
    doc = read_document("Let $X$ and $Y$ be independent. Suppose $A, B$ are independent. "
                        "$U$ is independent of $V, W$. $P, Q$ are not independent.\n")
    found = {tuple(sorted(p.names)): p.law for p in prose_independence(doc)}
    assert found[("X", "Y")] is not None and found[("X", "Y")].groups == (("X",), ("Y",))
    assert found[("A", "B")] is None  # hedged: block only, never assumed
    assert found[("U", "V", "W")].groups == (("U",), ("V", "W"))
    assert ("P", "Q") not in found
