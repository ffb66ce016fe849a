"""E, Pr, Var, Cov have no numeric value outside ``evaluate``: SymPy's default evalf looked up
``mpmath.E`` (Euler's number) for ``E(...)``, and a relation with E of a number crashed while
SymPy tested its sign (found by a mutant of Theorem 6.1's B.10a)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.library.randomness import E, JointLaw, Pr, evaluate, random_symbol


def test_an_event_with_the_expectation_of_a_number_evaluates() -> None:
    mu = random_symbol("mu_i")
    mu0, th = sp.Symbol("mu_0", real=True), sp.Symbol("theta", nonnegative=True)
    law = JointLaw.single(mu, [Fraction(0), Fraction(1)], [Fraction(1, 2), Fraction(1, 2)])
    env = {mu0: Fraction(1, 2), th: Fraction(1, 4)}
    # 1/4 >= (1/4) E[1/4] = 1/16 holds at every outcome; with theta = 8: 1/4 < 1/2 never
    assert evaluate(Pr(sp.Ge(mu0**2, th * E(mu0**2))), law, env) == 1
    assert evaluate(Pr(sp.Ge(mu0**2, th * E(mu0**2))), law, {**env, th: 8}) == 0
    assert E(sp.Rational(1, 4)).evalf() == E(sp.Rational(1, 4))  # stays symbolic
