r"""Definitions whose value is a sum or an atom (``X = \sum_{i=1}^n X_i``): the plain name is
read as its value everywhere, inside an expectation's argument too, never ``X_i``, ``X_1`` or
a bound index; planted false steps are not PROVED; circular or ambiguous definitions are
refused with an error naming them."""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex

_TRUE = r"\mathbb{E}[e^{tX}] &= \mathbb{E}[e^{t\sum_{i=1}^n X_i}]"
_DIRECTIVES = {
    "assume": "% hb: assume X = \\sum_{i=1}^n X_i, t > 0\n",
    "let": "% hb: let X = \\sum_{i=1}^n X_i\n% hb: assume t > 0\n",
}


def _env(*rows: str) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n"


def _steps(text: str):
    report = verify_tex(text, trials=60)
    return [s for c in report.environments for s in c.steps], report


def _errors(report) -> str:
    return " | ".join(e.message for e in report.errors)


@pytest.mark.parametrize("how", sorted(_DIRECTIVES))
def test_true_step_proved_through_the_definition(how: str) -> None:
    (step,), report = _steps(_DIRECTIVES[how] + _env(_TRUE))
    assert step.verdict == "PROVED", (step.detail, _errors(report))
    assert any(n.startswith("using the definition X = ") for n in step.notes)


def test_display_definition_read_in_place() -> None:
    text = ("\\begin{equation*}\nX := \\sum_{i=1}^n X_i\n\\end{equation*}\n"
            "% hb: assume t > 0\n" + _env(_TRUE))
    steps, _ = _steps(text)
    assert [s.verdict for s in steps] == ["PROVED"]


def test_without_the_definition_not_proved() -> None:
    (step,), _ = _steps("% hb: assume t > 0\n" + _env(_TRUE))
    assert step.verdict != "PROVED"


@pytest.mark.parametrize("rhs", [
    r"\mathbb{E}[e^{2t\sum_{i=1}^n X_i}]",  # a doubled constant
    r"\mathbb{E}[e^{t\sum_{i=2}^n X_i}]",  # a wrong range
    r"\mathbb{E}[e^{t\sum_{i=1}^{n-1} X_i}]",  # a wrong range
    r"\mathbb{E}[e^{t\prod_{i=1}^n X_i}]",  # a product for the sum
])
@pytest.mark.parametrize("how", sorted(_DIRECTIVES))
def test_planted_false_steps_not_proved(how: str, rhs: str) -> None:
    (step,), _ = _steps(_DIRECTIVES[how] + _env(r"\mathbb{E}[e^{tX}] &= " + rhs))
    assert step.verdict != "PROVED"


def test_plain_sum_definition_refutes_a_false_step() -> None:
    text = "% hb: let X = \\sum_{i=1}^3 X_i\n" + _env(r"X &= X_1 + X_2 + 2 X_3")
    (step,), _ = _steps(text)
    assert step.verdict == "REFUTED"


def test_family_member_not_rewritten() -> None:
    text = _DIRECTIVES["let"] + _env(r"X_1 + X_2 &= X_2 + X_1", r"&\le X_2 + X_1 + 1")
    steps, _ = _steps(text)
    assert [s.verdict for s in steps] == ["PROVED", "PROVED"]
    assert not any(n.startswith("using the definition") for s in steps for n in s.notes)
    (step,), _ = _steps(_DIRECTIVES["let"] + _env(r"X_1 &= \sum_{i=1}^n X_i"))
    assert step.verdict != "PROVED"  # X_1 is no name for X


def test_bound_index_named_like_the_definition() -> None:
    text = "% hb: let x = \\sum_{j=1}^m t_j x_j\n" + _env(r"\sum_{x=1}^{3} x &= 6")
    (step,), report = _steps(text)
    assert step.verdict == "PROVED"  # the bound x, not the defined one
    assert "x is a bound name here" in _errors(report)
    assert not step.notes or not any(n.startswith("using the definition") for n in step.notes)


def test_captured_index_not_substituted() -> None:
    text = _DIRECTIVES["let"] + _env(r"\sum_{i=1}^n a_i X &= \sum_{i=1}^n a_i X_i")
    steps, report = _steps(text)
    assert all(s.verdict != "PROVED" for s in steps)  # X's own i would be captured
    assert "bound where X is written" in _errors(report)


@pytest.mark.parametrize("lets", [
    ["X = Y + \\sum_{i=1}^n X_i", "Y = X + 1"],  # through another definition
    ["X = X + \\sum_{i=1}^n X_i"],  # itself
])
def test_circular_definition_refused(lets: list[str]) -> None:
    text = "".join(f"% hb: let {d}\n" for d in lets) + _env(r"X &= Y + \sum_{i=1}^n X_i")
    (step,), report = _steps(text)
    assert step.verdict != "PROVED"
    errors = _errors(report)
    assert "refers to itself" in errors or "occurs in its own value" in errors


def test_applied_name_refused() -> None:
    text = _DIRECTIVES["let"] + _env(r"X(t) &= \sum_{i=1}^n X_i")
    (step,), report = _steps(text)
    assert step.verdict != "PROVED"
    assert "applied to a bracket" in _errors(report)


def test_chained_definition_read_in_place() -> None:
    text = ("% hb: let p = \\sum_{i=1}^n p_i / n\n% hb: let q = 1 - p\n"
            + _env(r"\sum_{i=1}^n \frac{p_i}{n} + q &= 1"))
    (step,), _ = _steps(text)
    assert step.verdict == "PROVED"
    false = ("% hb: let p = \\sum_{i=1}^n p_i / n\n% hb: let q = 1 - p\n"
             + _env(r"\sum_{i=1}^n \frac{p_i}{n} - q &= 1"))
    (step,), _ = _steps(false)
    assert step.verdict != "PROVED"


def test_function_definition_with_an_indexed_sum() -> None:
    """``f(x) := \\sum_{i=1}^n a_i x^i``: the terms ``a_i`` of the value stay indexed (never one
    symbol ``a[i]``, the same for every ``i``)."""
    text = ("\\begin{equation*}\nf(x) := \\sum_{i=1}^{n} a_i x^i\n\\end{equation*}\n"
            + _env(r"f(1) &= \sum_{i=1}^n a_i"))
    (step,), _ = _steps(text)
    assert step.verdict == "PROVED"
    planted = text.replace(r"\sum_{i=1}^n a_i", r"\sum_{i=1}^n 2 a_i")  # the row only
    (step,), _ = _steps(planted)
    assert step.verdict != "PROVED"
