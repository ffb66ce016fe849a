r"""The evaluation bar ``F \Big|_a^b`` ending a side (:func:`.math_evaluation.bar_as_bracket`):
read as ``[F]_a^b`` when ``F`` is one term; refused after a sum or inside a side."""

from __future__ import annotations

from hallbound.proofs_checks.latex.verify import verify_tex

TEXT = r"""
\begin{align*}
\int_0^1 x^2 \, dx &= \frac{x^3}{3} \Big|_0^1 = \frac{1}{3} \\
\frac{x^3}{3} \Big|_{0}^{1}. &= \frac{1}{2} \\
2 + x^2 \Big|_0^1 &= 3 \\
\frac{x^2}{2} \Big|_0^1 + 1 &= \frac{3}{2}
\end{align*}
"""


def test_a_bar_ending_a_one_term_side_is_read() -> None:
    rep = verify_tex(TEXT, trials=30)
    steps = [s for ch in rep.environments for s in ch.steps]
    by = {(s.lhs, s.rhs): s.verdict for s in steps}
    assert by[(r"\int_0^1 x^2 dx", r"\frac{x^3}{3} |_0^1")] == "PROVED"
    assert by[(r"\frac{x^3}{3} |_0^1", r"\frac{1}{3}")] == "PROVED"
    # 1/3 != 1/2: a wrong value is refuted
    assert any(v == "REFUTED" and r == r"\frac{1}{2}" for (_, r), v in by.items())


def test_a_bar_after_a_sum_or_inside_a_side_keeps_its_refusal() -> None:
    rep = verify_tex(TEXT, trials=30)
    bars = [e for e in rep.errors if "evaluation bar" in e.message]
    assert len(bars) == 2  # the rows '2 + x^2 |..' and '.. |_0^1 + 1'
