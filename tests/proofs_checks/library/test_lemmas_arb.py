"""The trust-base lemma ``Arb ball enclosure`` (issue 22, step R9 of the binned bound): on
random expressions of the operations the binned bound uses (Hypothesis), the ball Arb returns
contains the value computed by mpmath at 100 digits; planted wrong evaluators (a radius
shrunk, a midpoint nudged) fail the same test; the hypothesis ``arb-ball`` on exact cases;
the audit catches the lemma without its hypothesis."""

from __future__ import annotations

import dataclasses
from typing import Any

import flint
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from hallbound.errors import InputError
from hallbound.proofs_checks.library import lemma_audit as la
from hallbound.proofs_checks.library.audit_arb import random_expression
from hallbound.proofs_checks.library.lemmas_arb import (
    ARB_ENCLOSURE,
    _apply,
    arb_ball_holds,
    arb_evaluate,
    lower_end,
)

seeds = st.integers(0, 2**32 - 1)


def _mp_value(e: sp.Basic) -> mpmath.mpf:
    """``e`` at 100 digits by mpmath (SymPy's own evaluation, independent of Arb)."""
    with mpmath.workdps(100):
        return mpmath.mpf(sp.N(e, 100))


def _contains(ball: flint.arb, value: mpmath.mpf) -> bool:
    """The 100-digit value lies in the ball: mid - rad <= value <= mid + rad (exact ends)."""
    with mpmath.workdps(100):
        lo, hi = lower_end(ball, 300), -lower_end(-ball, 300)
        lo, hi = mpmath.mpf(int(lo.p)) / int(lo.q), mpmath.mpf(int(hi.p)) / int(hi.q)
        slack = mpmath.mpf(10) ** -90 * (1 + abs(value))  # the 100-digit value's own error
        return bool(lo - slack <= value <= hi + slack)


def _enclosure_holds(seed: int, apply: Any = None) -> bool:
    e = random_expression(np.random.default_rng(seed), depth=4)
    return _contains(arb_evaluate(e, apply=apply), _mp_value(e))


@settings(max_examples=60, deadline=None)
@given(seed=seeds)
def test_arb_ball_contains_the_100_digit_value(seed: int) -> None:
    assert _enclosure_holds(seed)


def _shrunk(e: sp.Basic, args: list[Any]) -> Any:
    """A wrong evaluator: the true ball with its radius divided by 2^20."""
    b = _apply(e, args)
    return flint.arb(b.mid(), b.rad() / 2**20)


def _nudged(e: sp.Basic, args: list[Any]) -> Any:
    """A wrong evaluator: the midpoint moved up by twice the radius (plus 2^-60 |mid|)."""
    b = _apply(e, args)
    return flint.arb(b.mid() + 2 * b.rad() + abs(b.mid()) / 2**60, b.rad())


@pytest.mark.parametrize("wrong", [_shrunk, _nudged])
def test_planted_wrong_ball_is_caught_by_the_same_test(wrong: Any) -> None:
    caught = [s for s in range(40) if not _enclosure_holds(s, wrong)]
    assert caught, "a wrong evaluator passed the enclosure test"


def test_evaluator_operations_and_errors() -> None:
    half = sp.Rational(1, 2)
    cases = [sp.erfc(half), sp.exp(-half), sp.sqrt(3) / 7, sp.Max(sp.erfc(1), half),
             sp.Min(sp.exp(half), 2), 1 / sp.sqrt(5), sp.E]
    for e in cases:
        assert _contains(arb_evaluate(e), _mp_value(e)), e
    with pytest.raises(InputError, match="e"):
        arb_evaluate(sp.Symbol("z"))
    with pytest.raises(InputError, match="e"):
        arb_evaluate(sp.sin(half))


def test_arb_ball_hypothesis_on_exact_cases() -> None:
    e = sp.erfc(sp.Rational(1, 3)) + sp.exp(-sp.Rational(1, 7))
    lo = lower_end(arb_evaluate(e))
    assert lo <= sp.N(e, 50) and sp.N(e, 50) - lo < sp.Rational(1, 2**58)
    assert arb_ball_holds(sp.Tuple(e, lo))
    assert not arb_ball_holds(sp.Tuple(e, lo + sp.Rational(1, 2**80)))  # not Arb's end
    assert not arb_ball_holds(sp.Tuple(sp.sin(1), lo))  # no Arb operation: not met
    assert not arb_ball_holds(sp.Tuple(e, sp.Float(1.5)))  # not an exact rational


def test_audit_passes_and_catches_the_dropped_hypothesis() -> None:
    assert la.audit(ARB_ENCLOSURE, 60, 3).finding is None
    dropped = dataclasses.replace(ARB_ENCLOSURE, hypotheses=())
    found = la.audit(dropped, 200, 3).finding
    assert found is not None and found.outcome.status == "false"
    strengthened = dataclasses.replace(  # a planted stronger conclusion: lo + 2^-50 <= e
        ARB_ENCLOSURE,
        conclusion=(ARB_ENCLOSURE.conclusion[0] + sp.Rational(1, 2**50), "<=",
                    ARB_ENCLOSURE.conclusion[2]),
    )
    assert la.check_pinned(strengthened) is not None
