r"""Families with a symbolic count written out at n = 1..6
(:mod:`hallbound.proofs_checks.latex.small_counts`), and witnesses extended through a stated
equation that names variables the step does not (:mod:`.witness_extension`).

Mutation style: a planted false step is REFUTED, and its witness is re-checked here by hand
(exact rationals, from the formula written out in the test, not by the code under test); a
true step of the same shape is never REFUTED."""

from __future__ import annotations

from fractions import Fraction

from hallbound.proofs_checks.latex.verify import verify_tex


def _steps(text: str) -> list:
    rep = verify_tex(text, trials=30)
    return [s for ch in rep.environments for s in ch.steps]


def _q(x: float) -> Fraction:
    return Fraction(x).limit_denominator(10**9)


AM_GM = r"""
% hb: assume \lambda_i > 0
\begin{equation}
\lambda_1 \cdots \lambda_n REL \left( \frac{1}{n} \sum_{i=1}^n \lambda_i \right)^n
\end{equation}
"""


def test_flipped_am_gm_is_refuted_with_a_written_out_family() -> None:
    (s,) = _steps(AM_GM.replace("REL", "\\ge"))
    assert s.verdict == "REFUTED"
    w = s.witness
    n = w["n"]
    lam = [_q(w[f"\\lambda_{{{k}}}"]) for k in range(1, n + 1)]
    assert n >= 1 and all(x > 0 for x in lam)  # the stated domain
    prod = Fraction(1)
    for x in lam:
        prod *= x
    assert prod < (sum(lam) / n) ** n  # the step's >= fails there
    assert "written out" in s.method


def test_am_gm_the_right_way_is_supported_naming_the_counts() -> None:
    (s,) = _steps(AM_GM.replace("REL", "\\le"))
    assert s.verdict == "SUPPORTED"
    assert "n=2" in s.detail and "n=1" in s.detail and "written out" in s.detail


def test_an_ellipsis_sum_against_a_sum_of_squares_is_refuted() -> None:
    text = "\\begin{equation}\nx_1 + \\cdots + x_n = REL\n\\end{equation}\n"
    (bad,) = _steps(text.replace("REL", "\\sum_{i=1}^n x_i^2"))
    assert bad.verdict == "REFUTED"
    n = bad.witness["n"]
    x = [_q(bad.witness[f"x_{{{k}}}"]) for k in range(1, n + 1)]
    assert sum(x) != sum(v * v for v in x)
    (good,) = _steps(text.replace("REL", "\\sum_{i=1}^n x_i"))
    assert good.verdict == "SUPPORTED"


def test_a_family_on_one_side_only_is_no_counterexample() -> None:
    # sum of eigenvalues = trace: a link the prose states; drawing the family freely
    # would "refute" every such definition
    text = ("% hb: assume \\lambda_i > 0\n\\begin{equation}\n\\sum_{i=1}^n \\lambda_i = T\n"
            "\\end{equation}\n")
    (s,) = _steps(text)
    assert s.verdict == "UNDECIDED"
    assert "one side only" in s.detail


HOEFFDING = r"""
% hb: assume \sigma^2 = \frac{1}{n^2}\sum_i (b_i-a_i)^2
% hb: assume c > 0
% hb: assume n \ge 2
\begin{align}
\sigma \exp(-2 c \log n) &= \sigma n^{-c} \\
\sigma \exp(-2 c \log n) &= \sigma n^{-2c}
\end{align}
"""


def test_a_witness_is_extended_through_a_stated_equation_with_a_family() -> None:
    bad, good = _steps(HOEFFDING)
    assert bad.verdict == "REFUTED"
    w = bad.witness
    sigma, n, c = _q(w["\\sigma"]), _q(w["n"]), _q(w["c"])
    a1, b1 = _q(w["a_{1}"]), _q(w["b_{1}"])
    assert c > 0 and n >= 2
    assert sigma**2 == (b1 - a1) ** 2 / n**2  # the stated equation, every other entry 0
    assert sigma != 0  # so exp(-2c log n) = n^{-2c} != n^{-c} makes the sides differ
    assert any("every other entry" in note for note in bad.notes)
    assert good.verdict == "PROVED"


def test_an_equation_no_drawn_family_meets_keeps_the_step_undecided() -> None:
    text = HOEFFDING.replace("\\sigma^2 = \\frac", "\\sigma^2 = -1 - \\frac")
    bad, _ = _steps(text)
    assert bad.verdict != "REFUTED"


def test_an_extended_family_must_meet_every_stated_relation_on_its_entries() -> None:
    # a_i <= b_i is about every entry: the drawn entries are not shown to obey it, so the
    # point is no counterexample (never a REFUTED from a relation left unchecked)
    text = HOEFFDING.replace("% hb: assume c > 0", "% hb: assume c > 0\n% hb: assume a_i \\le b_i")
    bad, _ = _steps(text)
    assert bad.verdict == "UNDECIDED"
    assert "for every index" in bad.detail
