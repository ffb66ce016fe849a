r"""Lemma B.1: the squared-loss minimiser is the mean (per coordinate of :math:`A`).

With a density ``f`` of one coordinate, :math:`\ell(A^*) = \int (A^*-a)^2 f(a)\,da`; the
steps as stated: :math:`\nabla \ell = \int (2A^* - 2a) f(a)\,da = 2A^* - 2E[A]`; setting it to
0 gives :math:`A^* = E[A]` (B.3). Normalisation :math:`\int f = 1` and :math:`\int a f = E[A]`
are the claim's assumptions (f is a density with mean E[A]); the second-order condition
(implicit in the paper) is a separate step.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step

A = sp.Symbol("A_star", real=True)
a = sp.Symbol("a", real=True)
m1 = sp.Symbol("m_1", real=True)
f = sp.Function("f")
_R = (a, -sp.oo, sp.oo)
LOSS = sp.Integral((A - a) ** 2 * f(a), _R)
#: premises: f is a density with mean m_1 (and a finite second moment)
DENSITY = {sp.Integral(f(a), _R): sp.Integer(1), sp.Integral(a * f(a), _R): m1}
GRAD = 2 * A - 2 * m1
#: The statement: :math:`\ell(A^*) - \ell(E[A]) \ge 0` for every :math:`A^*`.
STATEMENT = (sp.expand(LOSS) - sp.expand(LOSS.subs(A, m1)), ">=", sp.Integer(0))
#: The claim's stated relations (f is a density with mean E[A]).
ASSUMPTIONS = tuple(sp.Eq(k, v) for k, v in DENSITY.items())
HYPOTHESES = (Param("A*", A, search=(-10, 10)), Param("E[A]", m1, search=(-10, 10)))


def statement_step(name: str = "B.1 (statement)") -> Step:
    r"""The last step of Lemma B.1: :math:`\ell(A^*) - \ell(E[A]) = (A^* - E[A])^2 \ge 0`
    (also reused by Corollary 5.2.1 (corrected) at each input)."""
    lhs, rel, rhs = STATEMENT
    return Step(
        name,
        lhs,
        rel,
        rhs,
        "l(A*) - l(E[A]) = (A* - E[A])^2 >= 0",
        given=DENSITY,
        premises=("int f = 1", "int a f = E[A]"),
    )


def claims() -> list[Claim]:
    hyps = list(HYPOTHESES)
    steps = [
        Step(
            "B.2a",
            sp.Derivative(LOSS, A),
            "=",
            sp.Integral((2 * A - 2 * a) * f(a), _R),
            "calculus: differentiation under the integral sign",
            kind="calculus",
            note="needs E[A^2] < oo (dominated convergence)",
        ),
        Step(
            "B.2b",
            sp.Integral((2 * A - 2 * a) * f(a), _R),
            "=",
            GRAD,
            "linearity of the integral; f integrates to 1 with mean E[A]",
            given=DENSITY,
            premises=("int f = 1", "int a f = E[A]"),
        ),
        Step(
            "B.3",
            sp.Subs(GRAD, A, m1),
            "=",
            sp.Integer(0),
            "setting the gradient to 0 gives A* = E[A] (B.3)",
            kind="algebra",
        ),
        Step(
            "B.3 (second order)",
            sp.Derivative(LOSS, (A, 2)),
            ">",
            sp.Integer(0),
            "convexity (implicit in the paper): the Hessian is 2 > 0",
            kind="calculus",
            given=DENSITY,
            premises=("int f = 1",),
        ),
        statement_step(),
    ]
    return [
        Claim(
            "Lemma B.1",
            "A*(X) = E[A(X)] minimises E||A* - A(X)||^2",
            hyps,
            steps,
            section="B",
            domain="any law of A(X) with a finite second moment",
            assumptions=list(ASSUMPTIONS),
            conclusion=[STATEMENT],
        )
    ]
