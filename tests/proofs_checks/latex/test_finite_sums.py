r"""Sums over a finite set and over index ranges, of indicators and function values
(models/finite_sums.py): exact on finite instances, SUPPORTED or a note, never REFUTED."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.finite_sums import (
    Instance,
    SumOut,
    SumReader,
    evaluate,
)
from hallbound.proofs_checks.latex.verify import verify_tex


def _one(body: str):
    report = verify_tex("\\begin{align*}\n" + body + "\n\\end{align*}\n")
    steps = [s for env in report.environments for s in env.steps]
    assert len(steps) == 1
    return steps[0]


def _read(text: str):
    return SumReader(text, {}, set()).expr()


def test_reader_and_exact_value_of_a_pull_count_sum() -> None:
    node = _read("sum_{a \\in \\mathcal { A }}(sum_{s=0}^{t - 1}(1[A[s] = a]*f(a)))")
    inst = Instance(random.Random(0), 2, 3)
    inst.drawn = {("A", 0): 1, ("A", 1): 1, ("A", 2): 0, ("f", 0): Fraction(5),
                  ("f", 1): Fraction(-1, 2)}
    # pulls: arm 1 twice (f = -1/2 each), arm 0 once (f = 5)
    assert evaluate(node, inst, {}) == Fraction(4)


@pytest.mark.parametrize("text", [
    "sum_{a \\in \\mathcal { A }}(f(a) + a)",  # arithmetic on an arm
    "sum_{a \\in \\mathcal { A }}(f(a)/a)",  # dividing by an arm
    "sum_{s=0}^{t}(f(s))",  # a function of arms at an integer
    # g_a is a function of the arm (\\Delta_a), g_s a sequence: one name in two roles
    "sum_{a \\in \\mathcal { A }}(g[a]) + sum_{s=0}^{t}(g[s])",
    "sum_{a \\in \\mathcal { A }}(1[a = 1])",  # an arm compared with a number
])
def test_names_used_out_of_role_keep_the_model_out(text: str) -> None:
    with pytest.raises(SumOut):
        _read(text)


@pytest.mark.parametrize("body", [
    r"\sum_{a \in \mathcal{A}} \sum_{s=0}^{t-1} \mathbb{I}\{A_s = a\} f(a) "
    r"= \sum_{s=0}^{t-1} \sum_{a \in \mathcal{A}} \mathbb{I}\{A_s = a\} f(a)",
    r"\sum_{s=0}^{t-1} \sum_{a \in \mathcal{A}} \mathbb{I}\{A_s = a\} f(a) "
    r"= \sum_{s=0}^{t-1} f(A_s)",
])
def test_true_exchanges_of_finite_sums_are_supported(body: str) -> None:
    step = _one(body)
    assert step.verdict == "SUPPORTED"
    assert "finite instances computed exactly" in step.detail


@pytest.mark.parametrize("body", [
    r"\sum_{s=0}^{t-1} \sum_{a \in \mathcal{A}} \mathbb{I}\{A_s = a\} f(a) "
    r"= \sum_{s=1}^{t} f(A_s)",
    r"\sum_{s=0}^{t-1} \sum_{a \in \mathcal{A}} \mathbb{I}\{A_s = a\} f(a) "
    r"= 2\sum_{s=0}^{t-1} f(A_s)",
])
def test_false_steps_of_the_same_shape_are_not_supported(body: str) -> None:
    step = _one(body)
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    assert any("finite sum model breaks the step" in n for n in step.notes)


_SWAP = (r"\sum_{s=0}^{t-1} \sum_{a \in \mathcal{A}} \mathbb{I}\{A_s = a\} f(a) "
         r"= \sum_{s=0}^{t-1} f(A_s)")


def test_a_definition_of_a_name_the_step_does_not_use_is_no_obstacle() -> None:
    text = ("% hb: assume N_{t,a} = \\sum_{s=0}^{t-1} \\mathbb{I}\\{A_s = a\\}\n"
            "\\begin{align*}\n" + _SWAP + "\n\\end{align*}\n")
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert [s.verdict for s in steps] == ["SUPPORTED"]


def test_any_other_statement_keeps_the_model_out() -> None:
    text = "% hb: assume t \\ge 1\n\\begin{align*}\n" + _SWAP + "\n\\end{align*}\n"
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert steps[0].verdict != "SUPPORTED"
    assert any("finite sum model not used" in n for n in steps[0].notes)


@pytest.mark.parametrize("let", [r"f(a) = 4", r"g(a) = 5"])
def test_b7_a_definition_of_a_function_the_sums_read_keeps_the_model_out(let: str) -> None:
    # review B7: `% hb: let f(a) = 4` was ignored and f drawn freely: the false
    # sum_a f(a) <= 3 sum_a 1 was SUPPORTED
    name = let[0]
    text = (f"\\begin{{align*}}\n% hb: let {let}\n\\sum_{{a \\in \\mathcal{{A}}}} {name}(a) "
            "\\le 3 \\sum_{a \\in \\mathcal{A}} 1\n\\end{align*}\n")
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert steps[0].verdict not in ("SUPPORTED", "PROVED")
    assert any("a definition of" in n for n in steps[0].notes)
    # a definition of a function the step does not read is still no obstacle
    text = "\\begin{align*}\n% hb: let h(a) = 4\n" + _SWAP + "\n\\end{align*}\n"
    steps = [s for env in verify_tex(text).environments for s in env.steps]
    assert [s.verdict for s in steps] == ["SUPPORTED"]


@pytest.mark.parametrize("body", [
    r"\sum_{a \in \mathcal{A}} f(a) \le 9",  # false: f = 4 on three points
    r"\sum_{a \in \mathcal{A}} \sum_{s=1}^{t} \mathbb{I}\{A_s = a\} \le 4",  # equals t
    r"\sum_{a \in \mathcal{A}} f(a) \le 3 \sum_{a \in \mathcal{A}} 1",  # false: f = 4
])
def test_b6_bounds_at_the_edge_of_the_sampling_box_are_not_supported(body: str) -> None:
    # review B6: f in {-2..3} on <= 3 points and t <= 4 could not break these false bounds
    step = _one(body)
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED")
    assert any("finite sum model breaks the step" in n for n in step.notes)


def test_b6_the_true_count_identity_is_still_supported() -> None:
    step = _one(r"\sum_{a \in \mathcal{A}} \sum_{s=1}^{t} \mathbb{I}\{A_s = a\} f(a) \le "
                r"\sum_{s=1}^{t} \sum_{a \in \mathcal{A}} \mathbb{I}\{A_s = a\} f(a)")
    assert step.verdict == "SUPPORTED" and "t in {0, 1, 2, 3, 4}" in step.detail
    step = _one(_SWAP)
    assert step.verdict == "SUPPORTED" and "K in {1, 2, 3, 4, 5, 6}" in step.detail


@pytest.mark.parametrize("body", [
    r"\sum_{a \in \mathcal{A}} 1 \le 7",  # rev8 f2: |A| = 8 breaks it; K was drawn in 1..6
    r"\sum_{a \in \mathcal{A}} \mathbb{I}\{a = a\} \le 6",  # rev8 f9
])
def test_a_bound_on_the_set_size_is_checked_past_its_number(body: str) -> None:
    s = _one(body)
    assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), s.detail
    assert any("breaks the step" in n and "'K': " in n for n in s.notes), s.notes


def test_a_set_size_bound_that_holds_at_every_size_is_supported() -> None:
    # the control: |A| <= 8 |A| at every K, the sizes past 8 drawn too
    s = _one(r"\sum_{a \in \mathcal{A}} \mathbb{I}\{a = a\} \le 8 \sum_{a \in \mathcal{A}} 1")
    assert s.verdict == "SUPPORTED", (s.detail, s.notes)
    assert "9, 10}" in s.detail


def test_a_number_past_the_drawn_sizes_keeps_the_sum_model_out() -> None:
    s = _one(r"\sum_{a \in \mathcal{A}} 1 \le 500")
    assert s.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), s.detail
