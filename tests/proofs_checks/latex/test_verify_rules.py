r"""Verdict rules and assumptions of ``hallbound verify`` (issue 21): a citation never hides
a counterexample, ``box`` bounds the search and the proof, ``assume`` takes relations
between several variables (the falsifier draws only points that satisfy them, z3 and SymPy
use them), ``--strict`` and the summary, and the README's list of ``by`` lemma names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hallbound.cli import main
from hallbound.proofs_checks.latex.lemmas import matchable_lemmas
from hallbound.proofs_checks.latex.report import render
from hallbound.proofs_checks.latex.verify import verify_tex

ROOT = Path(__file__).resolve().parents[3]


def _step(text: str, trials: int = 40):
    rep = verify_tex(text, trials=trials)
    assert rep.environments, [e.message for e in rep.errors]
    return rep.environments[0].steps[0], rep


# -- a citation never hides a witness; box bounds the search -------------------------------


def test_am_gm_citation_does_not_hide_the_counterexample(tmp_path: Path) -> None:
    text = "\\begin{equation*}\nx^2 + 1 \\ge 3x % hb: by AM-GM\n\\end{equation*}\n"
    step, _ = _step(text)
    assert step.verdict == "REFUTED"  # ASSUMED before issue 21
    x = step.witness["x"]
    assert x**2 + 1 < 3 * x
    assert any("AM-GM" in n for n in step.notes)
    assert any("no assumption on x" in n for n in step.notes)
    src = tmp_path / "amgm.tex"
    src.write_text(text)
    assert main(["verify", str(src), "--strict", "--trials", "20"]) == 1


def test_a_matching_citation_still_proves() -> None:
    step, _ = _step(r"""% hb: assume a > 0, b > 0
\begin{equation} \frac{a + b}{2} \ge \sqrt{a b} % hb: by AM-GM
\end{equation}""")
    assert step.verdict == "PROVED" and "AM-GM" in step.method


def test_box_bounds_the_search() -> None:
    step, _ = _step(r"""% hb: box x \in [0.5, 3]
\begin{equation*} x^2 + 1 \ge 3x \end{equation*}""")
    assert step.verdict == "REFUTED"
    assert 0.5 <= step.witness["x"] <= 3  # x = -9.11 before issue 21
    assert "x in [0.5, 3]" in step.satisfies


def test_box_bounds_the_proof() -> None:
    step, _ = _step(r"""% hb: box x \in [1, 3]
\begin{equation} x^2 \ge x \end{equation}""")
    assert step.verdict in ("PROVED", "CERTIFIED")  # false at x = 1/2, outside the box


def test_box_that_contradicts_an_assumption_is_refused() -> None:
    rep = verify_tex(r"""% hb: assume x > 5
% hb: box x \in [0, 1]
\begin{equation} x \ge 0 \end{equation}""", trials=10)
    assert any("box" in e.message and "no value" in e.message for e in rep.errors)


# -- assumptions as authors state them ------------------------------------------------------


@pytest.mark.parametrize(
    "assume, step",
    [
        (r"0 < s < 1, 0 < h < \frac{2-s^2}{2s+1}", r"h \cdot (2s + 1) < 2 - s^2"),
        (r"|x-c| < \delta", r"x < c + \delta"),
        (r"x \ne c", r"(x - c)^2 > 0"),
        (r"n \ge 3, 0 < \lambda \le 2^n", r"\lambda \le 2^{n+1}"),
        (r"2\eta k - I_1 \ge 0", r"I_1 \le 2 \eta k"),
        (r"0 \le s \le t", r"s^2 \le t^2"),
        (r"x \in (0, y), y \le 1", r"x < 1"),
    ],
)
def test_true_steps_under_stated_relations_are_never_refuted(assume: str, step: str) -> None:
    # each was REFUTED (a false alarm) or refused before issue 21
    s, rep = _step(f"% hb: assume {assume}\n\\begin{{equation}} {step} \\end{{equation}}", 60)
    assert not any(e.message.startswith("assume") for e in rep.errors), rep.errors
    assert s.verdict in ("PROVED", "CERTIFIED", "SUPPORTED"), (s.verdict, s.method, s.detail)


@pytest.mark.parametrize(
    "assume, step",
    [
        (r"0 < s < 1, 0 < h < \frac{2-s^2}{2s+1}", r"h \cdot (2s+1) < 2 - s^2"),
        (r"2\eta k - I_1 \ge 0", r"I_1 \le 2 \eta k"),
        (r"0 \le s \le t", r"s^2 \le t^2"),
    ],
)
def test_provers_use_the_stated_relations(assume: str, step: str) -> None:
    s, _ = _step(f"% hb: assume {assume}\n\\begin{{equation}} {step} \\end{{equation}}", 20)
    assert s.verdict == "PROVED" and "stated relation" in s.method


def test_a_list_of_variables_shares_the_relation() -> None:
    from hallbound.proofs_checks.latex.hypotheses import Hypotheses, parse_assume

    hyp = Hypotheses()
    parse_assume(r"a, b > 0, x, y \in [0, 1], c", 0, hyp)
    assert {k: (d.lo, d.lo_open, d.hi) for k, d in hyp.domains.items()} == {
        "a": (0.0, True, None), "b": (0.0, True, None), "x": (0.0, False, 1.0),
        "y": (0.0, False, 1.0)}
    assert len(hyp.errors) == 1 and "'c'" in hyp.errors[0][1]


def test_witness_satisfies_every_stated_relation_and_lists_them() -> None:
    s, _ = _step(r"""% hb: assume 0 \le s \le t, t \le 2
\begin{equation} t^2 \le s^2 \end{equation}""")
    assert s.verdict == "REFUTED"
    w = s.witness
    assert 0 <= w["s"] <= w["t"] <= 2 and w["t"] ** 2 > w["s"] ** 2
    assert "0 \\le s \\le t" in s.satisfies
    assert not any("no assumption" in n for n in s.notes)


def test_no_assumption_note_names_the_free_variable() -> None:
    s, rep = _step(r"""% hb: assume a > 0
\begin{equation} a \cdot y \ge 0 \end{equation}""")
    assert s.verdict == "REFUTED"
    assert s.notes == ["no assumption on y: add `% hb: assume` if the text states one"]
    assert "no assumption on y" in render(rep)


def test_unreadable_assumption_is_refused_by_name_and_withdraws_a_witness() -> None:
    # \nabla is not read (\Pr[A] now is: an atom in [0, 1])
    s, rep = _step(r"""% hb: assume y > 0, \nabla g > 0
\begin{equation} y \le 1 \end{equation}""")
    msgs = [e.message for e in rep.errors]
    assert any(m.startswith("assume:") and "\\nabla g > 0" in m for m in msgs), msgs
    # y = 2 breaks y <= 1, but the unread assumption might exclude it: no counterexample
    assert s.verdict == "UNDECIDED"
    assert "was not read" in s.detail and "the step fails at" in s.detail
    assert "1 assumption(s) could not be read" in rep.strict_failures()


def test_relation_without_numeric_value_is_refused() -> None:
    rep = verify_tex(r"""% hb: assume x \le \sum_{i=1}^{N} y_i
\begin{equation} x \le x \end{equation}""", trials=10)
    assert any("not used" in e.message for e in rep.errors)


def test_contradictory_assumptions_prove_nothing() -> None:
    s, rep = _step(r"""% hb: assume x > y, y > x
\begin{equation} x^3 + 1 > y \end{equation}""")
    assert s.verdict == "UNDECIDED" and "contradict" in s.detail
    assert any("contradict" in e.message for e in rep.errors)


def test_rare_assumptions_are_said_so_never_refuted() -> None:
    # u in (0, 1e-6 v) is rare for random draws: the search's later stages find such
    # points, and it reports how many it checked
    s, _ = _step(r"""% hb: assume v \in (0, 1), 0 < u, u < 10^{-6} v
\begin{equation} \sin(u) + u^3 < v \end{equation}""", 30)
    assert s.verdict in ("PROVED", "SUPPORTED")
    if s.verdict == "SUPPORTED" and s.trials < 15:
        assert any("rejection sampling" in n for n in s.notes)


def test_no_point_satisfying_the_assumptions_is_undecided_not_supported() -> None:
    # sin(x) > 1 - 1e-15 holds on intervals of width ~1e-7: no drawn point satisfies it, and
    # a search over no point supports nothing (x^2 >= 0.5 is true there)
    s, _ = _step(r"""% hb: assume \sin(x) > 1 - 10^{-15}
\begin{equation} x^2 \ge 0.5 \end{equation}""", 30)
    assert s.verdict == "UNDECIDED" and "no point satisfying" in s.detail


def test_equations_in_assume_are_definitions_or_refused() -> None:
    rep = verify_tex(r"""% hb: assume H_3 = H_2 + H_4, \eta = 1/9, a^2 + b^2 = 1
\begin{align} H_3 - H_2 &= H_4 \\ 9 \eta &= 1 \end{align}
% hb: assume x = y + 1, x = 2y
\begin{equation} x = y + 1 \end{equation}""", trials=10)
    # 1/9 is substituted exactly (a float bound would make 9 eta = 1 false)
    assert [c.steps[0].verdict for c in rep.environments] == ["PROVED", "PROVED", "PROVED"]
    msgs = [e.message for e in rep.errors]
    # another equation is a stated equation that a witness must meet (not refused; see
    # tests/proofs_checks/latex/test_verify_false_alarms.py), never a hypothesis of the provers
    assert not any("a^2 + b^2 = 1" in m for m in msgs)
    assert any("already defined" in m and "x = 2y" in m for m in msgs)


# -- strict and the summary -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, code",
    [
        ("\\begin{equation} 2 + 2 = 4 \\end{equation}", 0),
        ("\\begin{equation} 2 + 2 = 5 \\end{equation}", 1),  # REFUTED
        ("\\begin{equation} 2 + 2 = 4 \\end{equation}\n\\begin{align} x &= x\n", 1),  # open
        ("\\begin{equation} 2 + 2 = 4 \\end{equation}\n"
         "\\begin{equation} \\unknowncommand = 1 \\end{equation}", 1),  # unreadable row
        ("no display here", 1),  # nothing checked
    ],
)
def test_strict_exit_codes(tmp_path: Path, text: str, code: int) -> None:
    src = tmp_path / "f.tex"
    src.write_text(text)
    assert main(["verify", str(src), "--strict", "--trials", "10"]) == code
    assert main(["verify", str(src), "--trials", "10"]) == 0


def test_summary_counts_skipped_rows_and_why() -> None:
    rep = verify_tex(r"""\begin{align}
a &= a \\
&= \unknowncommand \\
\end{align}
\begin{align} b &= b
""", trials=10)
    last = render(rep).strip().splitlines()[-1]
    assert "1 row(s) skipped" in last and "unsupported LaTeX command" in last
    assert "1 environment(s) skipped" in last and "not closed" in last


# -- the README's lemma names --------------------------------------------------------------


def test_readme_lists_exactly_the_lemmas_by_can_match() -> None:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- by-lemmas:start -->(.*?)<!-- by-lemmas:end -->", readme, re.S)
    assert block is not None
    listed = re.findall(r"`([^`]+)`", block.group(1))
    assert listed == matchable_lemmas()
    assert "AM-GM" in listed and "Markov" not in listed  # Markov takes a random variable


# -- the engine pieces the stated relations use ----------------------------------------------


def test_z3_takes_stated_relations_as_hypotheses() -> None:
    import sympy as sp

    from hallbound.proofs_checks.engine.z3_prover import decide

    h, s = sp.symbols("h s", positive=True)
    doms = {s: sp.Interval.open(0, 1)}
    hyp = [(h, "<", (2 - s**2) / (2 * s + 1))]
    assert decide(h * (2 * s + 1), "<", 2 - s**2, doms).status != "proved"
    assert decide(h * (2 * s + 1), "<", 2 - s**2, doms, hypotheses=hyp).status == "proved"
    x, c = sp.symbols("x c", real=True)
    assert decide((x - c) ** 2, ">", 0).status != "proved"
    assert decide((x - c) ** 2, ">", 0, hypotheses=[(x, "!=", c)]).status == "proved"


def test_falsifier_check_of_stated_relations_is_strict_at_the_boundary() -> None:
    from fractions import Fraction

    import sympy as sp

    from hallbound.proofs_checks.engine.checker import _assumptions_hold, linked_symbols
    from hallbound.proofs_checks.engine.claim import Claim, Param

    x, c, y = sp.symbols("x c y", real=True)
    params = [Param("x", x), Param("c", c)]
    claim = Claim("t", None, [], [], assumptions=[(x, "<", c + 1), (x, "!=", c)])
    hold = _assumptions_hold(claim, params)
    assert hold({"x": Fraction(1, 2), "c": Fraction(0)})
    assert not hold({"x": Fraction(1), "c": Fraction(0)})  # x < c + 1 fails on its boundary
    assert not hold({"x": Fraction(0), "c": Fraction(0)})  # x != c fails
    assert linked_symbols(claim, {x}) == {x, c}
    assert linked_symbols(claim, {y}) == {y}


def test_a_cited_line_caps_by_the_verdict_shown_not_the_raw_one() -> None:
    # line (1) is PROVED by the engine but shown UNDECIDED (an opaque quantity against an
    # infinite bound); a line resting on it is ASSUMED, as on any UNDECIDED line
    text = r"""% hb: assume z > 0
\begin{align}
\mathbb{E}[Z] &< \infty \label{b}
\end{align}
\begin{align}
z^2 + 1 &\ge 1 % hb: from \eqref{b}
\end{align}
"""
    rep = verify_tex(text, trials=40)
    cited, citing = (c.steps[0] for c in rep.environments)
    assert cited.verdict == "UNDECIDED"
    assert citing.verdict == "ASSUMED"
