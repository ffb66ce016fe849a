r"""A bare letter ``E`` before an absolute value or a norm (``E|X|``, ``E\|X\|``,
``E\lvert X \rvert``), as homework solutions write the expectation of ``|X|``.

Read as the letter ``E`` times ``|X|`` (before this reading), ``E|X + Y| \le E|X| + E|Y|``
(the triangle inequality for expectations) was REFUTED at ``E < 0``, and
``E|X| < \infty`` was PROVED ("a finite real number is below oo"), false for a Cauchy ``X``.
Now: an undeclared ``E`` before an opening bar is the expectation of what the bars hold
when nothing else in the environment uses ``E`` as a number; when something does (``+ E``,
``\le E``, ``2E``), the side is refused (unreadable), never guessed. A declared ``E``
(``% hb: assume E > 0``) keeps the product reading.
"""

from __future__ import annotations

import pytest

from hallbound.proofs_checks.latex.verify import verify_tex


def _report(text: str):
    return verify_tex(text, trials=120)


def _steps(text: str) -> list:
    return [s for c in _report(text).environments for s in c.steps]


def _eq(body: str) -> str:
    return "\\begin{equation}\n" + body + "\n\\end{equation}\n"


def test_the_triangle_inequality_for_expectations_is_not_refuted() -> None:
    report = _report(_eq(r"E|X + Y| \le E|X| + E|Y|"))
    assert all(s.verdict != "REFUTED" for c in report.environments for s in c.steps)
    assert any("E|..|" in e.message for e in report.errors)


@pytest.mark.parametrize("body", [r"E|X| < \infty", r"E\|X\| < \infty",
                                  r"E\lvert X\rvert < \infty"])
def test_a_bare_expectation_is_not_a_finite_product(body: str) -> None:
    (step,) = _steps(_eq(body))
    assert step.verdict not in ("PROVED", "CERTIFIED")


def test_the_expectation_of_an_absolute_value_is_nonnegative() -> None:
    (true_step,) = _steps(_eq(r"E|X - m| \ge 0"))
    assert true_step.verdict == "PROVED"
    (flipped,) = _steps(_eq(r"E|X - m| < 0"))  # the planted false step: never PROVED
    assert flipped.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED")


def test_a_declared_e_keeps_the_product_reading() -> None:
    (step,) = _steps("% hb: assume E > 0\n" + _eq(r"E|x| = |E x|"))
    assert step.verdict == "PROVED"
    (wrong,) = _steps("% hb: assume E > 0\n" + _eq(r"E|x| = -|E x| - 1"))
    assert wrong.verdict == "REFUTED"


def test_a_set_named_e_inside_bars_is_still_read() -> None:
    report = _report(_eq(r"|E| \le n"))
    assert not report.errors
    assert [s.verdict for c in report.environments for s in c.steps] != []


@pytest.mark.parametrize("body", [r"E X^2 \ge (E X)^2", r"E X^2 < \infty", r"EX \le E|X|",
                                  r"E \bar X = \mu", r"E \xi^2 \ge 0"])
def test_a_bare_e_before_a_name_is_refused_never_a_product(body: str) -> None:
    """``E X^2 \\ge (E X)^2`` (Jensen, true) was REFUTED at E = 2, X = 0.5, and
    ``E X^2 < \\infty`` PROVED: the letter E times X^2. Neither reading is safe."""
    report = _report(_eq(body))
    assert all(s.verdict not in ("REFUTED", "PROVED") for s in _steps(_eq(body)))
    assert any("E X reads as an expectation" in e.message for e in report.errors)


def test_a_declared_e_before_a_name_is_a_product_and_a_planted_error_is_refuted() -> None:
    head = "% hb: assume E > 0\n"
    assert [s.verdict for s in _steps(head + _eq(r"E x + E y = E (x + y)"))] == ["PROVED"]
    assert [s.verdict for s in _steps(head + _eq(r"E x + E y = E (x + 2 y)"))] == ["REFUTED"]


@pytest.mark.parametrize("body", [r"E_\theta X^2 \ge (E_\theta X)^2", r"E^\pi X^2 \ge (E^\pi X)^2",
                                  r"E_{x \sim p} X^2 \ge (E_{x \sim p} X)^2",
                                  r"E_\mathrm{emp} X^2 \ge (E_\mathrm{emp} X)^2",
                                  r"E_\theta^\pi X^2 < \infty",
                                  r"E^\pi[X^2] \ge (E^\pi[X])^2"])
def test_a_bare_e_with_a_label_script_before_a_name_is_refused(body: str) -> None:
    """rev-s10 e1: ``E_\\theta X^2 \\ge (E_\\theta X)^2`` (Jensen under P_theta, true) was
    REFUTED as the number E_theta times X^2."""
    report = _report(_eq(body))
    assert all(s.verdict not in ("REFUTED", "PROVED") for s in _steps(_eq(body)))
    assert any("E X reads as an expectation" in e.message for e in report.errors)


def test_an_e_with_a_numeric_script_reads_as_today() -> None:
    # E_4 E_6 (Eisenstein series), E_2(z), E^2 X: a number named E_4, never an expectation
    assert [s.verdict for s in _steps(_eq(r"E_4 E_6 = E_6 E_4"))] == ["PROVED"]
    assert [s.verdict for s in _steps(_eq(r"E_4 E_6 = 2 E_6 E_4"))] == ["REFUTED"]
    assert [s.verdict for s in _steps(_eq(r"E^2 X = X E^2"))] == ["PROVED"]
    report = _report(_eq(r"E_{12} x + E_2(z) = x E_{12} + E_2(z)"))
    assert not report.errors and [s.verdict for c in report.environments for s in c.steps] \
        == ["PROVED"]
