r"""Families with a symbolic count written out at n = 1..6
(:mod:`hallbound.proofs_checks.latex.models.small_counts`), and witnesses extended through a stated
equation that names variables the step does not (:mod:`.witness_extension`).

Mutation style: a planted false step is REFUTED, and its witness is re-checked here by hand
(exact rationals, from the formula written out in the test, not by the code under test); a
true step of the same shape is never REFUTED."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest
import sympy as sp

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
% hb: log e
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


# -- review findings (h-rev3): F0c, F2, F4, F5 ---------------------------------------------


def test_an_ellipsis_that_would_run_backwards_is_not_written_out() -> None:
    # x_2 + ... + x_n at n = 1 is no x_1 + x_2: that count is not tried, x_2 is never drawn
    from hallbound.proofs_checks.latex.models.small_counts import SkipCount, ellipsis_range

    with pytest.raises(SkipCount, match="past its first"):
        ellipsis_range(2, "n", {"n": 1})
    assert sorted(ellipsis_range("n", 1, {"n": 3})) == [1, 2, 3]  # a_n \cdots a_1 descends
    assert list(ellipsis_range(2, "n", {"n": 4})) == [2, 3, 4]
    with pytest.raises(SkipCount, match="past its first"):
        ellipsis_range("n", 2, {"n": 1})


@pytest.mark.parametrize("step", [
    r"\sum_{i=1}^n x_i = x_1 + (x_2 + \cdots + x_n)",
    r"x_2 + \cdots + x_n = \sum_{i=2}^n x_i",
])
def test_a_true_step_with_an_ellipsis_from_two_is_not_refuted_at_one(step: str) -> None:
    (s,) = _steps(f"% hb: assume x_i > 0\n\\begin{{equation}}\n{step}\n\\end{{equation}}\n")
    assert s.verdict == "SUPPORTED"
    assert "n=2" in s.detail and "not tried: n=1" in s.detail


def test_a_false_step_with_an_ellipsis_from_two_is_refuted_at_a_genuine_count() -> None:
    text = ("% hb: assume x_i > 0\n\\begin{equation}\nx_2 + \\cdots + x_n = \\sum_{i=1}^n x_i"
            "\n\\end{equation}\n")
    (s,) = _steps(text)
    assert s.verdict == "REFUTED"
    n = s.witness["n"]
    assert n >= 2 and set(s.witness) == {"n", *(f"x_{{{k}}}" for k in range(1, n + 1))}
    x = {k: _q(s.witness[f"x_{{{k}}}"]) for k in range(1, n + 1)}
    assert sum(x[k] for k in range(2, n + 1)) != sum(x.values())


def test_an_entry_past_the_family_at_a_count_skips_that_count() -> None:
    text = ("% hb: assume x_i > 0\n\\begin{equation}\n\\sum_{i=1}^n x_i \\ge x_3\n"
            "\\end{equation}\n")
    (s,) = _steps(text)
    assert s.verdict == "SUPPORTED"  # true for n >= 3, the only counts where x_3 exists
    assert "n=2 (x_3 past the family's last index)" in s.detail


def test_a_side_that_is_the_count_itself_gets_a_verdict() -> None:
    # once a crash: xreplace on the lone symbol n gave a Python int
    text = ("% hb: assume x_i \\le 1\n\\begin{equation}\n\\sum_{i=1}^n x_i \\le n\n"
            "\\end{equation}\n")
    (s,) = _steps(text)
    assert s.verdict == "SUPPORTED" and "n=2" in s.detail


DOM = r"""
% hb: assume n \ge m, m \ge 2, x_i > 0
\begin{equation} \sum_{i=1}^n x_i^2 REL \Big(\sum_{i=1}^n x_i\Big)^2 \end{equation}
"""


def test_a_count_tied_by_a_stated_relation_is_ruled_out_where_it_cannot_hold() -> None:
    # n >= m >= 2: n = 1 is no count of the text (once a crash on the relation side n, then
    # a false REFUTED at n = 1)
    (s,) = _steps(DOM.replace("REL", "<"))
    assert s.verdict == "SUPPORTED"
    assert "n=1 (the stated relations rule it out)" in s.detail
    (bad,) = _steps(DOM.replace("REL", ">"))
    assert bad.verdict == "REFUTED"
    n = bad.witness["n"]
    x = [_q(bad.witness[f"x_{{{k}}}"]) for k in range(1, n + 1)]
    assert n >= 2 and all(v > 0 for v in x)
    assert not sum(v * v for v in x) > sum(x) ** 2


def test_a_hostile_limit_is_not_written_out() -> None:
    from hallbound.proofs_checks.latex.models.small_counts import SkipCount, term_count

    i, j, n = sp.symbols("i j n", integer=True)
    x = sp.IndexedBase("x")
    with pytest.raises(SkipCount, match="more than 64"):
        term_count(sp.Sum(x[i], (i, 1, sp.Integer(2) ** 30)))
    with pytest.raises(SkipCount, match="more than"):  # nested: the inner range grows
        term_count(sp.Sum(sp.Sum(x[j], (j, 1, i ** 30)), (i, 1, 3)))
    assert term_count(sp.Sum(sp.Sum(x[j], (j, 1, i)), (i, 1, 3))) == 6
    start = time.process_time()
    text = ("% hb: assume x_i > 0\n\\begin{equation}\n\\sum_{i=1}^{n^{30}} x_i \\ge 0\n"
            "\\end{equation}\n")
    (s,) = _steps(text)
    assert time.process_time() - start < 30
    assert s.verdict == "UNDECIDED"  # n = 1 alone is too thin to support
    assert any("n=2 (a sum or product of more than 64 terms)" in note for note in s.notes)


def test_a_float_sampled_count_is_checked_written_out() -> None:
    # the float search evaluated sum (-1)^i in closed form at real n and said SUPPORTED. With
    # nothing stated on n the step holds at every even n, so n on one side only is what the
    # text knows about it (UNDECIDED, saying so); with n a stated integer it is REFUTED at an
    # odd n, the sum written out
    (s,) = _steps("\\begin{equation}\n\\sum_{i=1}^n (-1)^i = 0\n\\end{equation}\n")
    assert s.verdict == "UNDECIDED" and "one side only" in s.detail
    assert "n=1" in s.detail
    (s,) = _steps("% hb: assume n \\in \\mathbb{Z}, n \\ge 1\n"
                  "\\begin{equation}\n\\sum_{i=1}^{n} (-1)^i = 0\n\\end{equation}\n")
    assert s.verdict == "REFUTED"
    n = s.witness["n"]
    assert isinstance(n, int) and n >= 1
    assert sum((-1) ** i for i in range(1, n + 1)) != 0


def test_a_true_step_about_a_sampled_count_says_what_was_sampled() -> None:
    # true at every whole n (the sum is 0 or -1); at real n the closed form is no sum
    for step in (r"\Big(\sum_{i=1}^n (-1)^i\Big)^2 = -\sum_{i=1}^n (-1)^i",
                 r"\sum_{i=1}^n (-1)^{i} \ge -1"):
        (s,) = _steps(f"\\begin{{equation}}\n{step}\n\\end{{equation}}\n")
        assert s.verdict == "SUPPORTED"
        assert "n=2" in s.detail and "n=6" in s.detail


def test_a_limit_that_is_no_whole_number_at_a_count_skips_that_count() -> None:
    # n/2 at n = 1 was a RecursionError in the write-out (sympy's doit on a limit of 1/2)
    text = ("% hb: assume x_i > 0\n\\begin{equation}\n\\sum_{i=1}^{n/2} x_i \\le \\sum_{i=1}^{n}"
            " x_i\n\\end{equation}\n")
    (s,) = _steps(text)
    assert s.verdict == "SUPPORTED"
    assert "n=2; n=4; n=6" in s.detail
    assert "n=3 (a limit that is no whole number at this count)" in s.detail


def test_a_count_a_relation_on_the_counts_rules_out_is_not_listed_as_checked() -> None:
    text = ("% hb: assume n - 1 \\ge 1, x_i > 0\n\\begin{equation}\n\\sum_{i=1}^n x_i^2 < "
            "\\Big(\\sum_{i=1}^n x_i\\Big)^2\n\\end{equation}\n")
    (s,) = _steps(text)
    assert s.verdict == "SUPPORTED"  # n = 1 (one term: equality) is no count of the text
    checked = s.detail.split("(each count")[0]
    assert "n=2" in checked and "n=1" not in checked
    assert "n=1 (the stated relations rule it out)" in s.detail


def test_a_supported_conclusion_says_what_was_sampled() -> None:
    rep = verify_tex(AM_GM.replace("REL", "\\le"), trials=30)
    (ch,) = rep.environments
    assert ch.conclusion.verdict == "SUPPORTED"
    assert ch.conclusion.detail.startswith("no proof: line(s)")
    assert all(s.detail for s in ch.steps)
