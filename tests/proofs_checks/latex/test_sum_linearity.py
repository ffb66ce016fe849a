r"""Sums over one index set related by linearity and termwise order
(:mod:`.models.sum_linearity`): a true split, merge or scaling of sums written over the same
index specification is PROVED (SUPPORTED where the summand identity needs its logarithms
defined); each planted false variant (a wrong coefficient, a dropped log factor, a product
for a sum, a flipped inequality, a sign error) is not PROVED or SUPPORTED by the model, and a
step it cannot read (an index letter outside the sum, an infinite series, different index
sets, a step function in the summand) is left to the rest of the checker."""

from __future__ import annotations

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.models.sum_linearity import index_letters, sampled_zero
from hallbound.proofs_checks.latex.verify import verify_tex


def _one(rel: str, pre: str = "") -> object:
    rep = verify_tex(f"{pre}\\begin{{align*}}\n{rel}\n\\end{{align*}}\n", trials=30)
    (s,) = [s for ch in rep.environments for s in ch.steps]
    return s


def _by_model(s: object) -> bool:
    return (s.method or "") == "sum linearity"


@pytest.mark.parametrize("rel", [
    r"\sum_x (p(x) + q(x)) &= \sum_x p(x) + \sum_x q(x)",
    r"\sum_{x,y} 3 p(x,y) &= 3\sum_{x,y} p(x,y)",
    r"-\frac{1}{\ln 2}\sum_x P(x)\left(\frac{Q(x)}{P(x)} - 1\right) &= "
    r"-\frac{1}{\ln 2}\left(\sum_x Q(x) - \sum_x P(x)\right)",
    r"\sum_x (p(x) + q(x)) &\le \sum_x p(x) + \sum_x q(x) + 1",
    r"\sum_{i \in S} (a_i^2 + 1) &\ge \sum_{i \in S} 2 a_i",
])
def test_true_forms_are_proved(rel: str) -> None:
    s = _one(rel)
    assert s.verdict == "PROVED" and _by_model(s), (s.verdict, s.method, s.detail)


@pytest.mark.parametrize("rel", [
    r"\sum_x p(x)\log(a(x) b(x)) &= \sum_x p(x)\log a(x) + \sum_x p(x)\log b(x)",
    r"\sum_i p_i \log p_i - \sum_i p_i \log q_i &= \sum_i p_i \log\frac{p_i}{q_i}",
])
def test_log_identities_are_supported(rel: str) -> None:
    s = _one(rel)
    assert s.verdict == "SUPPORTED" and _by_model(s), (s.verdict, s.method, s.detail)


@pytest.mark.parametrize("rel", [
    r"\sum_{x,y} 3 p(x,y) &= 2\sum_{x,y} p(x,y)",  # wrong constant
    r"\sum_x p(x)\log(a(x) b(x)) &= \sum_x p(x)\log a(x) - \sum_x p(x)\log b(x)",  # sign
    r"\sum_x p(x)\log(a(x) b(x)) &= \sum_x p(x)\log a(x)",  # a term dropped
    r"\sum_x p(x) q(x) &= \sum_x p(x) + \sum_x q(x)",  # product for sum
    r"\sum_x (p(x) + q(x)) &\le \sum_x p(x) + \sum_x q(x) - 1",  # a false constant
    r"\sum_{i \in S} 2 a_i &\ge \sum_{i \in S} (a_i^2 + 1)",  # flipped
    r"\sum_i p_i \log p_i - \sum_i p_i \log q_i &= \sum_i p_i \log\frac{q_i}{p_i}",
])
def test_planted_false_steps_are_not_passed(rel: str) -> None:
    s = _one(rel)
    assert not (_by_model(s) and s.verdict in ("PROVED", "SUPPORTED")), (s.verdict, s.detail)
    assert s.verdict not in ("PROVED", "CERTIFIED", "SUPPORTED"), (s.verdict, s.method)


@pytest.mark.parametrize("rel", [
    r"x \sum_x p(x) &= \sum_x x p(x)",  # the outer x is not the index
    r"\sum_{n=1}^\infty (a_n - a_n) &= \sum_{n=1}^\infty a_n - \sum_{n=1}^\infty a_n",
    r"\sum_{x} p(x) + \sum_{y} q(y) &= \sum_{x} (p(x) + q(x))",  # two index sets
    r"\sum_x \lfloor p(x)^2 / 20 \rfloor &= 0",  # a step function: no sampled zero
])
def test_unread_forms_are_left_undecided(rel: str) -> None:
    s = _one(rel)
    assert not _by_model(s), (s.verdict, s.method, s.detail)


def test_index_letters_of_specifications() -> None:
    assert index_letters("sum_{x , y}") == {"x", "y"}
    assert index_letters("sum_{i=1}^{n}") == {"i"}
    assert index_letters(r"sum_{x \in \mathcal { X }}") == {"x"}


def test_sampled_zero_needs_every_defined_point() -> None:
    a, b = sp.symbols("a b", real=True)
    assert sampled_zero(sp.log(a * b) - sp.log(a) - sp.log(b), 1) is not None
    assert sampled_zero(sp.log(a * b) - sp.log(a) + sp.log(b), 1) is None
    assert sampled_zero(sp.sqrt(a**2) - a, 1) is None  # |a| = a only for a >= 0


def test_a_stated_sign_of_a_letter_is_not_the_range_of_the_index() -> None:
    pre = "% hb: assume x > 0\n"
    s = _one(r"\sum_{x} (p(x) + x) &\ge \sum_{x} p(x)", pre)  # x runs over any set
    assert not (s.method == "sum linearity" and s.verdict == "PROVED"), s.detail
    s = _one(r"\sum_{x} (p(x) + x^2) &\ge \sum_{x} p(x)", pre)
    assert s.verdict == "PROVED" and s.method == "sum linearity", (s.verdict, s.detail)
