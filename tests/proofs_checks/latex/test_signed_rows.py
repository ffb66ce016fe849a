r"""A row that starts with ``-``/``+`` continues the side above only when it holds no relation
of its own (``&- 2x + 1`` continues; ``-t &\ge -1`` is a new statement): joining a statement
to the row above read ``t \le 1`` and ``-t \ge -1`` as ``t \le 1 - t`` (a false alarm) and
``1 \ge t``, ``-t \ge 0`` as ``1 \ge t - t`` (a false PROVED)."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex


def _steps(text: str):
    report = verify_tex(text)
    return [s for env in report.environments for s in env.steps]


def test_a_negated_identity_on_its_own_row_is_its_own_step() -> None:
    steps = _steps("\\begin{align*}\nx^2 + 2x &= x(x + 2)\\\\\n-x^2 - 2x &= -x(x + 2)\n"
                   "\\end{align*}\n")
    assert [s.verdict for s in steps] == ["PROVED", "PROVED"]
    assert steps[1].lhs.startswith("-x^2")


def test_a_false_signed_row_is_refuted_not_proved_by_the_row_above() -> None:
    steps = _steps("% hb: assume 0 < t \\le 1\n\\begin{align*}\n1 &\\geq t\\\\\n"
                   "-t &\\geq 0\n\\end{align*}\n")
    assert steps[0].verdict == "PROVED"
    assert steps[1].verdict == "REFUTED"


def test_a_continued_side_is_still_joined_and_checked() -> None:
    true = _steps("\\begin{align*}\n(x+1)^2 &= x^2 + 2x\\\\\n&\\quad + 1\n\\end{align*}\n")
    assert [s.verdict for s in true] == ["PROVED"]
    planted = _steps("\\begin{align*}\n(x+1)^2 &= x^2 + 2x\\\\\n&\\quad + 2\n\\end{align*}\n")
    assert [s.verdict for s in planted] == ["REFUTED"]
