r"""Lemma B.2 (corrected): Paley-Zygmund with :math:`T` in the bound.

.. math::

    \Pr[T > \theta\,\mathbb E T] \ge (1-\theta)^2 \frac{(\mathbb E T)^2}{\mathbb E T^2},
    \qquad T \ge 0,\ \theta \in [0, 1],\ \mathbb E T^2 > 0.

The step is the library's Paley-Zygmund instance
(:mod:`~hallbound.proofs_checks.library.lemma_library`), whose hypotheses the engine checks:
:math:`T \ge 0` at every outcome (``T`` is a non-negative random symbol), :math:`0 \le \theta \le 1`
(the parameter's domain) and :math:`\mathbb E T^2 > 0` (the claim's assumption). The textbook
derivation (split :math:`\mathbb E T` on the event, Cauchy-Schwarz for :math:`\mathbb E[T 1_A]`)
needs linearity and monotonicity of expectation and :math:`\mathbb E[1_A^2] = \Pr[A]`, none of which
the library holds, so it is not re-derived here. A law check computes both displayed sides exactly
on random laws of :math:`T \ge 0`.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from hallbound.proofs_checks.claims.bad_estimations.lemmas import THETA, THETAS, theta
from hallbound.proofs_checks.engine.claim import Claim, Step
from hallbound.proofs_checks.engine.law_checks import law_check, single_law
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol


def _theta(rng: np.random.Generator, law: object) -> dict[sp.Basic, Fraction]:
    return {theta: THETAS[int(rng.integers(0, len(THETAS)))]}


def lemma_b2() -> Claim:
    t = random_symbol("T", nonnegative=True)
    second = sp.Gt(E(t**2), 0)
    lhs = Pr(sp.Gt(t, theta * E(t)))
    rhs = (1 - theta) ** 2 * E(t) ** 2 / E(t**2)
    step = Step(
        "PZ",
        lhs,
        ">=",
        rhs,
        "Paley-Zygmund (library instance T = T, theta = theta)",
        kind="probability",
        params=[THETA],
        lemmas=(lemma("Paley-Zygmund", T=t, theta=theta),),
        law=law_check(
            lhs, rhs, single_law(t, lo=0, hi=4, env=_theta), where=[second], trials=100,
            label="exact discrete laws of T >= 0",
        ),
    )
    return Claim(
        "Lemma B.2 (corrected)",
        "Pr[T > theta E T] >= (1-theta)^2 (E T)^2 / E T^2",
        [THETA],
        [step],
        source="corrected",
        corrects="Lemma B.2",
        section="B",
        domain="T >= 0 with 0 < E T^2 < oo, theta in [0, 1]",
        assumptions=[(t, ">=", sp.Integer(0)), second],
        conclusion=[(lhs, ">=", rhs)],
    )


def claims() -> list[Claim]:
    return [lemma_b2()]
