"""Implication between events by z3 at every outcome (issue 22): the abstraction of
non-polynomial terms is sound (a false implication is never shown) and the facts are used."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.event_logic import event_implies
from hallbound.proofs_checks.library.randomness import random_symbol

X, Y = random_symbol("X"), random_symbol("Y")
N = sp.Symbol("N", positive=True)
ROOT = sp.sqrt(sp.log(5) / N)  # an abstracted term: w >= 0, w^2 = log(5)/N, log(5) a variable


def test_a_true_implication_through_abs_and_facts() -> None:
    # X = Y + 1 at every outcome: |Y| <= 1 implies X <= 2
    assert event_implies(sp.Le(sp.Abs(Y), 1), sp.Le(X, 2), [(X, "=", Y + 1)])
    assert event_implies(sp.Le(sp.Abs(Y), 1), sp.Le(X, 2)) is None  # without the fact


def test_a_false_implication_is_not_shown() -> None:
    assert event_implies(sp.Le(sp.Abs(Y), 1), sp.Le(X, sp.Rational(3, 2)),
                         [(X, "=", Y + 1)]) is None
    # Or / Not: not (X <= 1) does not imply Y > 0
    assert event_implies(sp.Not(sp.Le(X, 1)), sp.Gt(Y, 0)) is None
    assert event_implies(sp.And(sp.Gt(X, 1), sp.Gt(Y, 1)), sp.Or(sp.Gt(X + Y, 2), sp.Lt(X, 0)))


def test_square_roots_and_logs_are_abstracted_soundly() -> None:
    # X <= sqrt(log 5/N) and log 5 <= N: X <= 1 (w^2 = log 5/N <= 1, w >= 0)
    facts = [(sp.log(5), "<=", N)]
    assert event_implies(sp.Le(X, ROOT), sp.Le(X, 1), facts, {N: sp.Interval(1, sp.oo)})
    # without log 5 <= N nothing is known of log 5: not shown (log 5 is a free variable)
    assert event_implies(sp.Le(X, ROOT), sp.Le(X, 1), [], {N: sp.Interval(1, sp.oo)}) is None
    # a random atom (a function of the sample) is one variable wherever it occurs
    f = sp.Function("f")(N)
    assert event_implies(sp.Ge(f, 2), sp.Ge(f + 1, 3))
    assert event_implies(sp.Ge(f, 2), sp.Ge(sp.Function("g")(N), 2)) is None
