r"""Sums whose range the text leaves implicit (``\sum_i``) or names by one capital letter
(``\sum_{i \in S}``), and whole powers, in the finite sum model (models/finite_sums.py):
SUPPORTED when every finite instance meets the step, a note otherwise, never REFUTED; a set
that may be infinite (``\mathbb{N}``) keeps the model out."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.finite_sums import (
    IMPLICIT_SET,
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


def test_an_implicit_range_reads_as_one_finite_set_and_a_square_as_a_product() -> None:
    sets: set[str] = set()
    node = SumReader("sum_{i}((a[i] - b[i])**2)", {}, sets).expr()
    assert sets == {IMPLICIT_SET.format("i")}
    inst = Instance(random.Random(0), 2, 0)
    inst.drawn = {("a", 0): Fraction(3), ("b", 0): Fraction(1), ("a", 1): Fraction(-1, 2),
                  ("b", 1): Fraction(1, 2)}
    assert evaluate(node, inst, {}) == Fraction(2) ** 2 + Fraction(-1) ** 2


def test_a_negative_power_is_the_inverse() -> None:
    node = SumReader("sum_{i \\in S}(a[i]**-2)", {}, set()).expr()
    inst = Instance(random.Random(0), 1, 0)
    inst.drawn = {("a", 0): Fraction(2)}
    assert evaluate(node, inst, {}) == Fraction(1, 4)


@pytest.mark.parametrize("text", [
    "sum_{n \\in \\mathbb { N }}(a[n])",  # may be infinite
    "sum_{j \\in J _ 1}(a[j])",  # a subscripted name: one of several sets
    "sum_{i \\in S}(a[i]**k)",  # a symbolic exponent
    "sum_{i \\in S}(a[i]**9)",  # past the powers expanded
])
def test_ranges_and_powers_the_model_does_not_read_keep_it_out(text: str) -> None:
    with pytest.raises(SumOut):
        SumReader(text, {}, set()).expr()


@pytest.mark.parametrize("body", [
    r"\sum_i (2 a_i + b_i) = 2\sum_i a_i + \sum_i b_i",
    r"\sum_{i \in S} (a_i - b_i)^2 \le 2\sum_{i \in S} a_i^2 + 2\sum_{i \in S} b_i^2",
    r"\sum_{x \in \mathcal{X}} (p_x - q_x) = \sum_{x \in \mathcal{X}} p_x "
    r"- \sum_{x \in \mathcal{X}} q_x",
])
def test_true_identities_of_sums_over_an_unnamed_or_named_set_are_supported(body: str) -> None:
    step = _one(body)
    assert step.verdict == "SUPPORTED"
    assert "finite instances computed exactly" in step.detail


@pytest.mark.parametrize("body", [
    r"\sum_i (2 a_i + b_i) = 3\sum_i a_i + \sum_i b_i",  # wrong constant
    r"\sum_{i \in S} (a_i - b_i)^2 \le \sum_{i \in S} a_i^2 + \sum_{i \in S} b_i^2",  # dropped 2
    r"\sum_i a_i b_i = (\sum_i a_i)(\sum_i b_i)",  # product for sum
    r"\sum_i a_i^2 \ge (\sum_i a_i)^2",  # flipped
])
def test_planted_false_steps_are_never_supported_or_refuted(body: str) -> None:
    step = _one(body)
    assert step.verdict == "UNDECIDED"
    assert any("finite sum model breaks the step" in n for n in step.notes)


def test_a_sum_over_the_naturals_is_not_read_by_the_finite_model() -> None:
    step = _one(r"\sum_{n \in \mathbb{N}} (a_n - a_n) = \sum_{n \in \mathbb{N}} a_n "
                r"- \sum_{n \in \mathbb{N}} a_n")
    assert step.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED")
