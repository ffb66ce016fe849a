r"""Information quantities written as functions, as information theory texts write them:
``I(X; Y)``, ``I(X; Y \mid Z)``, ``H(X | Y)``, sequences ``X_1^n``. The finite-law model
reads them through joint entropies. A failure refutes only where a read statement is about
the law of every variable: such texts state their channels and Markov chains in words."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.models.rv_terms import (
    TermError,
    mutual_information_quantity,
    tokens,
)
from hallbound.proofs_checks.latex.verify import verify_tex


def _step(row: str, *assume: str):
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + row + "\n\\end{align*}\n"
    (chain,) = verify_tex(text, trials=60).environments
    (step,) = chain.steps
    return step


@pytest.mark.parametrize("row", [
    r"I(X;Y) &= H(X) - H(X|Y)",
    r"I(X;Y) &= H(Y) - H(Y \mid X)",
    r"I(X;Y) + I(Z;Y \mid X) &= I(X, Z; Y)",
    r"I(X_1^n;Y_1^n)+I(X_2^n;Y_1^n\mid X_1^n) &= I(X_1^n,X_2^n;Y_1^n)",
    r"I(X;Y \mid Z) &= H(X \mid Z) - H(X \mid Y, Z)",
    r"I(X;Y) &\le H(X)",
])
def test_identities_and_shannon_inequalities_are_supported(row: str) -> None:
    step = _step(row)
    assert step.verdict == "SUPPORTED", (row, step.verdict, step.detail, step.notes)


@pytest.mark.parametrize("row", [
    r"I(X;Y) + I(Z;Y \mid X) &= I(Z; Y)",  # chain rule with a term dropped
    r"I(X;Y) &= H(X) + H(X|Y)",  # wrong sign
    r"I(X;Y) &\ge H(X)",  # flipped
    r"I(X;Y \mid Z) &= H(X \mid Z) - H(Y \mid X, Z)",  # wrong variable
])
def test_planted_errors_fail_at_a_law_but_refute_nothing_unstated(row: str) -> None:
    step = _step(row)
    assert step.verdict == "UNDECIDED", (row, step.verdict, step.detail)
    assert "fails at a finite joint law" in step.detail
    assert "% hb: assume" in step.detail


def test_a_stated_law_lets_a_failure_refute() -> None:
    step = _step(r"I(X;Y) &\ge H(X)", r"X, Y \text{ independent}")
    assert step.verdict == "REFUTED", (step.verdict, step.detail)
    assert "independent" in " ".join(step.satisfies)


def test_a_true_step_under_a_stated_law_is_not_refuted() -> None:
    step = _step(r"I(X;Y) &= 0", r"X, Y \text{ independent}")
    assert step.verdict == "SUPPORTED", step.detail


def test_a_coupling_stated_in_words_is_no_false_alarm() -> None:
    # true by a channel the text describes in words (data processing); false for free laws
    step = _step(r"I(X_1^n;Y_1^n)+I(X_2^n;Y_2^n) &\le I(X_1^n;Y_1^n)+I(X_2^n;Y_1^n\mid X_1^n)")
    assert step.verdict == "UNDECIDED", (step.verdict, step.detail)


def test_reading_sequences_and_the_mid_bar() -> None:
    assert tokens(r"X _ 1 ^ n ; Y ^ { n } \mid Z") == ["X_1^n", ";", "Y^n", "|", "Z"]
    left, right, cond = mutual_information_quantity(r"X, Z ; Y \mid W")[1:]
    assert (len(left), len(right), len(cond)) == (2, 1, 1)
    with pytest.raises(TermError):
        tokens("X ^ 2")  # a power is no sequence name
    with pytest.raises(TermError):
        mutual_information_quantity(r"X \mid Z ; Y")
