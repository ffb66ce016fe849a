r"""``E(X-1)^2``: textbooks mean :math:`E[(X-1)^2]`, the printed order says
:math:`(E[X-1])^2`; a power after a round-bracketed sum is refused, never guessed. A power
after one variable, ``E(X)^2`` in ``E(X^2) - E(X)^2``, and square brackets keep their
reading."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str):
    report = verify_tex("\\begin{align*}\n" + body + "\n\\end{align*}\n")
    return report, [s for env in report.environments for s in env.steps]


def test_a_power_after_a_round_bracketed_sum_is_refused_not_refuted() -> None:
    report, steps = _one(r"E(X-1)^2 &= E(X^2) - 2E(X) + 1")
    assert all(s.verdict != "REFUTED" for s in steps)
    assert any("E(..)^k" in e.message for e in report.errors)


def test_the_variance_formula_with_round_brackets_is_still_proved() -> None:
    _, steps = _one(r"\operatorname{Var}(X) &= E(X^2) - E(X)^2")
    assert [s.verdict for s in steps] == ["PROVED"]


def test_square_brackets_are_read_and_a_planted_constant_refuted() -> None:
    _, good = _one(r"E[(X-1)^2] &= E[X^2] - 2E[X] + 1")
    _, bad = _one(r"E[(X-1)^2] &= E[X^2] - 3E[X] + 1")
    assert [s.verdict for s in good] == ["PROVED"]
    assert [s.verdict for s in bad] == ["REFUTED"]
