"""A premise solved through a slack must not lose points where its solution's denominator
vanishes (found by the Coq export: the kernel states the premise itself, SymPy solved it).

``a (x - y) <= 0`` holds for every ``x`` at ``a = 0``; solved for ``x`` it is
``x = y - s / a``, which misses ``a = 0``, so the false step ``x <= y`` was PROVED "only where
a != 0". The solution is now refused there (the premise stays a fact)."""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.proofs_checks.engine.checker import check_claim
from hallbound.proofs_checks.engine.claim import Premise
from hallbound.proofs_checks.engine.premises import as_substitution, misses_points

a, x, y, p, r = (sp.Symbol(n, real=True) for n in ("a", "x", "y", "p", "r"))
s = sp.Symbol("s", nonnegative=True)


def test_a_false_step_through_a_vanishing_coefficient_is_not_proved() -> None:
    premise = sp.Le(a * (x - y), 0)
    step = Step("s", x, "<=", y, "t", premises=(Premise(premise, by="hypothesis",
                                                        solve_for=x),))
    claim = Claim("T", "t", [Param("a", a, lo=0, hi=1), Param("x", x), Param("y", y)],
                  [step], assumptions=[premise])
    res = check_claim(claim, trials=200).steps[0]
    assert res.verdict.value not in ("PROVED", "CERTIFIED")
    if res.verdict.value == "REFUTED":
        assert res.witness["a"] == 0


def test_a_root_where_the_premise_fails_or_outside_the_domain_is_harmless() -> None:
    unit = [Param("a", a, lo=0, hi=1)]
    assert misses_points(1 - a * x, ">", (1 - s) / a, unit)  # a = 0: 1 > 0 holds for all x
    assert not misses_points(1 - a * x, ">", (1 - s) / a,
                             [Param("a", a, lo=0, hi=1, lo_open=True)])  # a = 0 excluded
    # p (1 - r) < 1 - 2 r at r = 1 reads 0 < -1: no point is lost (Theorem C.1 (corrected))
    g = 1 - 2 * r - p * (1 - r)
    assert not misses_points(g, ">", (1 - 2 * r - s) / (1 - r), [Param("r", r, lo=0, hi=1)])


def test_as_substitution_refuses_a_solution_that_misses_points() -> None:
    unit = [Param("a", a, lo=0, hi=1)]
    assert as_substitution((a * x, "<", 1), x, domain=unit) is None
    mapping, _ = as_substitution((a * x, "<", 1), x, domain=[Param("a", a, lo=1, hi=2)])
    assert set(mapping) == {x}
