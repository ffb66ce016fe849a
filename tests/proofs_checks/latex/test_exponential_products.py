r"""An expectation's argument is keyed in a canonical form (``atom_arguments.py``): the product
of exponentials of a Chernoff bound, :math:`\prod_i e^{t X_i} = e^{t \sum_i X_i}`, is the same
random variable, so the same atom. Independence, infinite ranges and changed ranges are not
identities and keep the atoms apart."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from hallbound.proofs_checks.latex.atom_arguments import canonical_argument
from hallbound.proofs_checks.latex.verify import verify_tex


def _verdict(row: str) -> str:
    text = "\\begin{align*}\n" + row + "\n\\end{align*}\n"
    (chain,) = verify_tex(text, trials=40).environments
    (step,) = chain.steps
    return step.verdict


@pytest.mark.parametrize("row", [
    r"\mathbb{E}[e^{t\sum_{i=1}^n X_i}] &= \mathbb{E}[ \prod_{i=1}^n e^{tX_i} ]",
    r"\mathbb{E}[e^{\lambda \sum_{i=1}^n (X_i - \mu)}] &= "
    r"\mathbb{E}[\prod_{i=1}^n e^{\lambda X_i - \lambda\mu}]",
    r"\mathbb{E}[e^{sX} e^{sY}] &= \mathbb{E}[e^{sX + sY}]",
])
def test_a_product_of_exponentials_is_the_exponential_of_the_sum(row: str) -> None:
    assert _verdict(row) == "PROVED"


@pytest.mark.parametrize("row", [
    # a doubled exponent
    r"\mathbb{E}[e^{2t\sum_{i=1}^n X_i}] &= \mathbb{E}[ \prod_{i=1}^n e^{tX_i} ]",
    # the centring term dropped
    r"\mathbb{E}[e^{\lambda \sum_{i=1}^n (X_i - \mu)}] &= "
    r"\mathbb{E}[\prod_{i=1}^n e^{\lambda X_i}]",
    # a range that starts one early
    r"\mathbb{E}[e^{\lambda \sum_{i=1}^n X_i}] &= \mathbb{E}[\prod_{i=0}^n e^{\lambda X_i} ]",
    # an infinite range: the sum need not converge
    r"\mathbb{E}[e^{\lambda \sum_{i=1}^\infty X_i}] &= "
    r"\mathbb{E}[\prod_{i=1}^\infty e^{\lambda X_i}]",
    # independence is not an identity
    r"\mathbb{E}[ \prod_{i=1}^n e^{tX_i} ] &= \prod_{i=1}^n \mathbb{E}[e^{tX_i}]",
])
def test_what_is_not_an_identity_is_not_proved(row: str) -> None:
    assert _verdict(row) not in ("PROVED", "CERTIFIED")


def _value(e: sp.Basic, n: int, point: dict) -> float:
    """``e`` with the range bound ``n`` and the symbols of ``point`` substituted, evaluated."""
    return float(sp.N(e.subs(sp.Symbol("n"), n).doit().subs(point), 30))


def test_the_canonical_form_has_the_value_of_the_argument() -> None:
    x, y = sp.IndexedBase("x"), sp.IndexedBase("y")
    i, n, s, t, c = sp.symbols("i n s t c")
    cases = [
        sp.Product(sp.exp(t * x[i] - c), (i, 1, n)),
        sp.exp(s * sp.Sum(c * x[i] + y[i] ** 2, (i, 1, n))) * sp.exp(t),
        sp.Sum(c * x[i] + 3, (i, 2, n)) * sp.exp(s) * sp.exp(-t * sp.Sum(y[i], (i, 1, n))),
        sp.Product(sp.exp(s * x[i]) * sp.exp(y[i]), (i, 1, n)),
    ]
    rng = random.Random(7)
    for case in cases:
        canon = canonical_argument(case)
        for n_value in (0, 1, 3, 4):  # n = 0, 1: empty / backward ranges included
            point = {sym: sp.Rational(rng.randint(-9, 9), 7) for sym in (s, t, c)}
            point.update({x[k]: sp.Rational(rng.randint(-9, 9), 5) for k in range(6)})
            point.update({y[k]: sp.Rational(rng.randint(-9, 9), 5) for k in range(6)})
            want, got = _value(case, n_value, point), _value(canon, n_value, point)
            assert got == pytest.approx(want, rel=1e-12), (case, canon, n_value)
