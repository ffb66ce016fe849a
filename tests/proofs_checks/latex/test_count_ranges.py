r"""Counts written out from the least value their domain allows and past the step's largest
number (:mod:`hallbound.proofs_checks.latex.models.count_range`); empty ranges at a disputed
0 of :math:`\mathbb{N}` (:mod:`.natural_zero`); sums to a non-whole bound.

Mutation style: each planted false step fails at a count worked out by hand in the comment
(the empty-range convention: a sum over no index is 0, a product 1); it must not be PROVED,
CERTIFIED or SUPPORTED. The true step of the same shape is not REFUTED."""

from __future__ import annotations

from math import comb

import pytest

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.latex.models.count_range import count_values, largest_constant
from hallbound.proofs_checks.latex.verify import verify_tex

_PASS = ("PROVED", "CERTIFIED", "SUPPORTED")


def _one(text: str) -> object:
    rep = verify_tex(text, trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def _env(assume: str, step: str) -> str:
    head = f"% hb: assume {assume}\n" if assume else ""
    return head + "\\begin{align}\n" + step + "\n\\end{align}\n"


@pytest.mark.parametrize(("assume", "false", "true"), [
    # n = 0: empty product 1, but 3^{-1}
    (r"n \in \mathbb{Z}, n \ge 0", r"\prod_{k=1}^{n-1} 3 &= 3^{n-1}",
     r"\prod_{k=1}^{n} 3 &= 3^{n}"),
    # n = 0: 0 terms, sum 0, but 1/k summed >= 1 is claimed
    (r"n \in \mathbb{Z}, n \ge 0", r"\sum_{k=1}^{n} \frac{1}{k} &\ge 1",
     r"\sum_{k=1}^{n} \frac{1}{k} &\ge 0"),
    # n = -1: empty sum 0, but -1
    (r"n \in \mathbb{Z}", r"\sum_{k=1}^{n} 1 &= n", r"\sum_{k=1}^{n} 1 &\ge 0"),
])
def test_a_count_is_tried_from_its_least_allowed_value(assume: str, false: str,
                                                       true: str) -> None:
    assert _one(_env(assume, false)).verdict not in _PASS
    assert _one(_env(assume, true)).verdict != "REFUTED"


def test_the_alternating_binomial_sum_fails_at_zero_only() -> None:
    # sum_k (-1)^k C(n, k) is 0 for n >= 1 and 1 at n = 0
    assert sum((-1) ** k * comb(0, k) for k in range(1)) == 1
    step = r"\sum_{k=0}^{n} (-1)^k \binom{n}{k} &= 0"
    assert _one(_env(r"n \in \mathbb{Z}, n \ge 0", step)).verdict not in _PASS
    assert _one(_env(r"n \in \mathbb{Z}, n \ge 1", step)).verdict != "REFUTED"


def test_a_step_false_only_past_its_constant_is_not_supported() -> None:
    # (a_1 + ... + a_n)^2 <= 8 (a_1^2 + ... + a_n^2) fails at n = 9 with every a_i = 1
    assert 9**2 > 8 * 9
    false = r"\left(\sum_{i=1}^n a_i\right)^2 &\le 8\sum_{i=1}^n a_i^2"
    assert _one(_env("", false)).verdict not in _PASS
    # (k-1)...(k-7) vanishes for k = 1..7, is 7! at k = 8
    prod = "".join(f"(k-{i})" for i in range(1, 8))
    assert _one(_env("", rf"\sum_{{k=1}}^n {prod} &= 0")).verdict not in _PASS
    true = r"\left(\sum_{i=1}^n a_i\right)^2 &\le n\sum_{i=1}^n a_i^2"
    assert _one(_env("", true)).verdict != "REFUTED"


def test_an_empty_range_at_a_disputed_zero_of_the_naturals() -> None:
    # n = 0: the sum over 1..-1 is empty, 0, against n - 1 = -1
    false = _one(_env(r"n \in \mathbb{N}", r"\sum_{k=1}^{n-1} 1 &= n - 1"))
    assert false.verdict not in _PASS
    # n = 0: 0 = 0(0-1)/2
    true = _one(_env(r"n \in \mathbb{N}", r"\sum_{k=1}^{n-1} k &= \frac{n(n-1)}{2}"))
    assert true.verdict != "REFUTED"


def test_a_sum_to_a_real_bound_is_refused_naming_it() -> None:
    s = _one(_env(r"x \in [1, 10]", r"\sum_{k=1}^{x} 1 &= x"))
    assert s.verdict == "UNDECIDED"
    assert any("x is stated to be a real number" in n for n in s.notes)
    s = _one(_env(r"x \in [1, 10]", r"\prod_{k=1}^{x} 2 &= 2^x"))
    assert s.verdict == "UNDECIDED"


def test_count_values_start_at_the_domain_and_pass_the_constant() -> None:
    import sympy as sp

    n = sp.Symbol("n", integer=True)
    vals = count_values(Param("n", n, kind="integer", lo=0), 8)
    assert 0 in vals and 9 in vals and max(vals) > 8
    assert min(count_values(Param("n", n, kind="integer"), 0)) < 0
    assert min(count_values(Param("n", sp.Symbol("n", real=True)), 0)) == 1
    assert all(v >= 3 for v in count_values(Param("n", n, kind="integer", lo=3), 0))
    assert largest_constant([sp.Integer(8) * n, sp.Rational(1, 12)]) == 12


def test_a_constant_past_every_count_tried_leaves_the_step_unsupported() -> None:
    # 1 + 2 + ... + n = n(n+1)/2 <= 50 n fails from n = 100, past every count written out
    assert 100 * 101 // 2 > 50 * 100
    s = _one(_env("", r"\sum_{k=1}^{n} k &\le 50 n"))
    assert s.verdict not in _PASS
