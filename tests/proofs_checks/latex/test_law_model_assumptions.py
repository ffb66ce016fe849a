r"""The finite-law moment model honours what ``% hb: assume`` states (red team, round 6):

* a stated ``\operatorname{Var}(X) = 0`` / ``\mathrm{Cov}(Y, X) = 0`` is checked on every
  drawn law (it was replaced by the identity ``Var = E[X^2] - E[X]^2``, and the witness was
  said to satisfy it);
* ``X \in \{0, 1\}`` draws X on 0 and 1 only, never on the interval between;
* a capital letter with a stated numeric domain (``C > 0``) that nothing says is random may
  be a number: a failure that needs it random refutes nothing;
* the drawn values go past every number the step writes (``E[X^2] \le 9`` is not met only
  because the values stop at 3)."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _step(row: str, *assume: str):
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + row + "\n\\end{align*}\n"
    (chain,) = verify_tex(text, trials=40).environments
    return chain.steps[0]


def _steps(rows: list[str], *assume: str) -> list:
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align}\n" + " \\\\\n".join(rows) + "\n\\end{align}\n"
    return [s for chain in verify_tex(text, trials=40).environments for s in chain.steps]


def test_a_stated_zero_variance_is_not_broken_by_the_witness() -> None:
    rows = [r"\mathbb{E}[X^2] &= \mathbb{E}[X]^2", r"\mathrm{Cov}(X, Y) &= 0",
            r"\operatorname{Var}(X + Y) &= \operatorname{Var}(Y)"]
    steps = _steps(rows, r"\operatorname{Var}(X) = 0")
    assert len(steps) == 3
    assert all(s.verdict != "REFUTED" for s in steps), [s.detail for s in steps]


@pytest.mark.parametrize("cov", [r"\mathrm{Cov}(Y, X) = 0", r"\mathrm{Cov}(X, Y) = 0"])
def test_a_stated_zero_covariance_holds_in_either_order(cov: str) -> None:
    rows = [r"\operatorname{Var}(X - Y) &= \operatorname{Var}(X) + \operatorname{Var}(Y)",
            r"\mathbb{E}[XY] &= \mathbb{E}[X]\mathbb{E}[Y]",
            r"\operatorname{Var}(2X + 3Y) &= 4\operatorname{Var}(X) + 9\operatorname{Var}(Y)"]
    steps = _steps(rows, cov)
    assert len(steps) == 3
    assert all(s.verdict != "REFUTED" for s in steps), [s.detail for s in steps]


@pytest.mark.parametrize("cov", [r"\mathrm{Cov}(Y, X) = 0", r"\mathrm{Cov}(X, Y) = 0"])
def test_a_planted_false_step_under_a_stated_covariance_is_refuted(cov: str) -> None:
    step = _step(r"\mathbb{E}[XY] &= \mathbb{E}[X]\mathbb{E}[Y] + 1", cov)
    assert step.verdict == "REFUTED", step.detail
    assert cov in " ".join(step.satisfies)


@pytest.mark.parametrize(("row", "dom"), [
    (r"\mathbb{E}[X^2] &= \mathbb{E}[X]", r"X \in \{0, 1\}"),
    (r"\Pr[X > 0] &= \mathbb{E}[X]", r"X \in \{0, 1\}"),
    (r"\operatorname{Var}(X) &= 1 - \mathbb{E}[X]^2", r"X \in \{-1, 1\}"),
    (r"\mathbb{E}[X^4] &= \mathbb{E}[X^2]", r"X \in \{-1, 1\}"),
    (r"\mathbb{E}[X^2] &= 1", r"X \in \{-1, 1\}"),
])
def test_a_finite_set_is_drawn_on_its_values(row: str, dom: str) -> None:
    step = _step(row, dom)
    assert step.verdict != "REFUTED", step.detail


def test_a_planted_false_step_on_a_finite_set_is_refuted_inside_it() -> None:
    step = _step(r"\mathbb{E}[X^2] &\le \tfrac{1}{2}", r"X \in \{-1, 1\}")
    assert step.verdict == "REFUTED", step.detail
    assert step.witness is not None
    assert "1/3" not in step.witness["law"] and "1/2" not in step.witness["law"]


@pytest.mark.parametrize("assume", [r"C > 0", r"C \ge 1", r"C \in \mathbb{N}, C \ge 2"])
def test_a_letter_with_a_numeric_domain_may_be_a_number(assume: str) -> None:
    step = _step(r"\operatorname{Var}(X + C) &= \operatorname{Var}(X)", assume)
    assert step.verdict != "REFUTED", step.detail


def test_a_step_false_with_the_letter_a_number_is_still_refuted() -> None:
    step = _step(r"\operatorname{Var}(X + C) &= 2\operatorname{Var}(X)", "C > 0")
    assert step.verdict == "REFUTED", step.detail


def test_a_random_variable_with_a_stated_sign_is_refuted_at_a_constant() -> None:
    step = _step(r"\mathbb{E}[X^2] &\le 3\,\mathbb{E}[X]", r"X \ge 0")
    assert step.verdict == "REFUTED", step.detail


@pytest.mark.parametrize(("row", "assume"), [
    (r"\mathbb{E}[X^4] &\le 9\,\mathbb{E}[X^2]", ()),
    (r"\mathbb{E}[X^3] &\ge -\mathbb{E}[X^2]", ()),
    (r"\mathbb{E}[X^2 Y^2] &\le 9\,\mathbb{E}[X^2]", (r"X, Y \text{ independent}",)),
    (r"\Pr[X + Y > 6] &= 0", (r"X, Y \text{ independent}",)),
])
def test_values_go_past_the_numbers_the_step_writes(row: str, assume: tuple) -> None:
    step = _step(row, *assume)
    assert step.verdict == "REFUTED", step.detail


def test_a_bound_with_one_side_free_is_not_supported() -> None:
    step = _step(r"\mathbb{E}[X^2] &\le 9")
    assert step.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), step.detail


@pytest.mark.parametrize("row", [
    r"\mathbb{E}[X^2] &\ge \mathbb{E}[X]^2",
    r"\mathbb{E}[X^4] &\ge \mathbb{E}[X^2]^2",
])
def test_a_true_moment_step_is_not_refuted_at_large_values(row: str) -> None:
    step = _step(row)
    assert step.verdict != "REFUTED", step.detail
