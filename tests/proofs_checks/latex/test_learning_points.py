r"""A fixed point ``z_0`` in the finite learning model (issue 21): ``f(z_0)`` is checked at
every point of the domain, a stated range ``lo \le f(z_0) \le hi`` sets the value families
drawn (out to its ends; none stated: the model stays out), ``z = z_0`` (the data a point
mass) is met when the step uses no sample.
Planted errors (a dropped absolute value, a halved bound) are not SUPPORTED (the first
breaks at an instance re-checked here, but stays UNDECIDED: the text may fix ``z_0``); the
true bound is SUPPORTED; what the model cannot read keeps it out."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.learning.learning_terms import read_side
from hallbound.proofs_checks.latex.verify import verify_tex

E = r"\mathbb{E}_{\sigma_1, \dots, \sigma_n}"
SUP = E + r"\left[ \sup_{f \in \mathcal F} \frac{1}{n}f(z_0) \sum^n_{i=1} \sigma_i \right]"
ABS = E + r"\left[ \left| \frac{1}{n} \sum^n_{i=1} \sigma_i \right|\right]"
POINT_MASS = (r"z = z_0 \text{ a.s.}", r"-1 \le f(z_0) \le 1")


def _step(body: str, *assume: str):
    text = "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    (step,) = [s for c in verify_tex(text, trials=60).environments for s in c.steps]
    return step


def test_f_at_z0_is_read_as_a_fixed_point() -> None:
    node = read_side(r"f(z_0)", {"f": "f"})
    assert node == ("f", "x0", None)


def test_sup_of_a_value_times_a_sign_sum_is_at_most_its_absolute_value() -> None:
    step = _step(SUP + r" \leq " + ABS, *POINT_MASS)
    assert step.verdict == "SUPPORTED", step.detail
    assert "z_0" in step.detail


@pytest.mark.parametrize("rhs", [
    E + r"\left[ \frac{1}{n} \sum^n_{i=1} \sigma_i \right]",  # the absolute value dropped
    r"\frac{1}{2}" + ABS,  # a halved bound
])
def test_planted_errors_are_not_supported(rhs: str) -> None:
    step = _step(SUP + r" \leq " + rhs, *POINT_MASS)
    assert step.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), step.detail


def test_dropped_absolute_value_breaks_at_a_genuine_instance_but_is_not_refuted() -> None:
    step = _step(SUP + r" \leq " + E + r"\left[ \frac{1}{n} \sum^n_{i=1} \sigma_i \right]",
                 *POINT_MASS)
    # the text may fix z_0 with properties not stated: a failure is a note, never REFUTED
    assert step.verdict == "UNDECIDED" and "breaks the step" in step.detail, step.detail
    n = int(re.search(r"n = (\d+)", step.detail).group(1))
    funcs = [tuple(Fraction(v.strip()) for v in body.split(","))
             for body in re.findall(r"f\d+ = \(([^)]*)\)", step.detail)]
    point = int(re.search(r"x0 = \((\d+),\)", step.detail).group(1))
    assert all(-1 <= v <= 1 for f in funcs for v in f)
    lhs = sum(max(f[point] * sum(s) for f in funcs)
              for s in itertools.product((-1, 1), repeat=n)) / Fraction(n * 2**n)
    assert lhs > 0  # the right side, the mean of the signs, is 0


def test_a_range_inside_minus_one_one_is_drawn_to_its_ends() -> None:
    # [1/4, 1] holds no standard family; its own ends are drawn: the true bound holds there
    step = _step(SUP + r" \leq " + ABS, r"z = z_0 \text{ a.s.}",
                 r"1/4 \le f(z_0) \le 1")
    assert step.verdict == "SUPPORTED", step.detail
    assert "{1/4, 1}" in step.detail


def test_a_range_past_one_is_drawn_out_to_its_ends() -> None:
    # rev8 z7: with 0 <= f(z_0) <= 5 the class may take 5 there, and SUP <= ABS fails
    # (f = 5 and f = 0 give 5 E[S^+] > E|S|); families only in [-1, 1] passed it
    step = _step(SUP + r" \leq " + ABS, r"z = z_0 \text{ a.s.}", r"0 \le f(z_0) \le 5")
    assert step.verdict not in ("SUPPORTED", "PROVED", "CERTIFIED"), step.detail
    values = [Fraction(v.strip()) for body in re.findall(r"f\d+ = \(([^)]*)\)", step.detail)
              for v in body.split(",")]
    assert values and all(0 <= v <= 5 for v in values) and max(values) > 1, step.detail
    # the control: the bound scaled by the stated range's end holds
    step = _step(SUP + r" \leq 5" + ABS, r"z = z_0 \text{ a.s.}", r"0 \le f(z_0) \le 5")
    assert step.verdict == "SUPPORTED", step.detail


def test_no_stated_range_at_the_fixed_point_keeps_the_model_out() -> None:
    # rev8 z6: with no range the class at z_0 may take any real value
    step = _step(SUP + r" \leq " + ABS, r"z = z_0 \text{ a.s.}")
    assert step.verdict not in ("SUPPORTED", "PROVED", "REFUTED"), step.detail
    assert any("no stated range" in n for n in step.notes), step.notes


def test_a_fixed_point_with_the_sample_keeps_the_model_out() -> None:
    lhs = (r"\mathbb{E}_{z_1, \dots, z_n, \sigma_1, \dots, \sigma_n}\left[ \sup_{f \in "
           r"\mathcal F} \frac{1}{n} \sum^n_{i=1} \sigma_i f(z_i) \right]")
    rhs = r"\mathbb{E}_{\sigma_1, \dots, \sigma_n}\left[ \sup_{f \in \mathcal F} " \
        r"\frac{1}{n}f(z_0) \sum^n_{i=1} \sigma_i \right]"
    step = _step(lhs + " = " + rhs, *POINT_MASS)
    assert step.verdict == "UNDECIDED", step.detail
    assert any("z_0 together with the sample" in n for n in step.notes), step.notes
