r"""Theorem C.1 (cross-entropy), as stated.

Definition C.1: targets :math:`q \in [0,1]^C` summing to 1, :math:`L(q,p) = -\sum_t q(t)\log
p(t)`. Construction: :math:`A(q\mid Z_i)\sim N(e_i, d)` with :math:`d \le -(N-1)/(N\ln\delta^2)`,
:math:`P(Z_i) = 1/N`, so :math:`p_X = \sum_i e_i / N`. Steps on :math:`d` write
:math:`d = \tau\, d_{\max}` with :math:`\tau\in(0,1]`.
"""

from __future__ import annotations

import functools
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.claims.common import N_P, N, delta, positive
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.symbolic.families.normal import gaussian_density

a, t = sp.symbols("a t", integer=True)
M = sp.Symbol("M", integer=True, positive=True)
C = sp.Symbol("C", integer=True, positive=True)
C_P = Param("C", C, kind="integer", lo=2, search=(2, 6), description="number of classes")
w = sp.IndexedBase("w", nonnegative=True)
q = sp.IndexedBase("q", nonnegative=True)
p = sp.IndexedBase("p", positive=True)
qbar = sp.IndexedBase("qbar", positive=True)
s = sp.IndexedBase("s", nonnegative=True)
ell = sp.IndexedBase("ell", real=True)
DELTA_OPEN = Param("delta", delta, lo=0, hi=1, lo_open=True, hi_open=True, search=(1e-6, 1))
tau = sp.Symbol("tau", positive=True)
TAU = Param("tau", tau, lo=0, hi=1, lo_open=True, description="d / d_max")
D_MAX = -(N - 1) / (N * sp.log(delta**2))
d_var = tau * D_MAX
K_N = (N - 1) / N  # ||p_X - e_i||^2
#: p and qbar are probability vectors (stated relations of the claim).
SUMS_ONE = (sp.Eq(sp.Sum(p[t], (t, 1, C)), 1), sp.Eq(sp.Sum(qbar[t], (t, 1, C)), 1))


def gibbs_steps() -> list[Step]:
    """The minimiser of the expected cross-entropy is p_X = E q (Gibbs' inequality)."""
    x, xp = positive("x")
    sums_one = {eq.lhs: eq.rhs for eq in SUMS_ONE}
    return [
        Step(
            "C.1a",
            sp.Sum(w[a] * sp.Sum(q[a, t] * (-sp.log(p[t])), (t, 1, C)), (a, 1, M)),
            "=",
            sp.Sum(-sp.log(p[t]) * sp.Sum(w[a] * q[a, t], (a, 1, M)), (t, 1, C)),
            "linearity: E_a L = sum_t (-log p(t)) E_a q(t) (a law on M outcomes)",
        ),
        Step(
            "C.1b (log bound)",
            sp.log(x),
            "<=",
            x - 1,
            "concavity of log",
            kind="calculus",
            params=[xp],
        ),
        Step(
            "C.1b (Gibbs)",
            sp.Sum(qbar[t] * (sp.log(p[t]) - sp.log(qbar[t])), (t, 1, C)),
            "<=",
            sp.Integer(0),
            "Gibbs: sum_t qbar log(p/qbar) <= sum_t (p - qbar) = 0, qbar = E_a q",
            kind="inequality",
            given=sums_one,
            premises=(
                Premise(
                    sp.Le(sp.log(p[t]) - sp.log(qbar[t]), p[t] / qbar[t] - 1),
                    by="C.1b (log bound)",
                    solve_for=sp.log(p[t]),
                    label="(C.1b) at x = p(t)/qbar(t) > 0, for every t (a slack per index)",
                ),
            ),
        ),
    ]


@functools.cache
def _unit_interval_mass() -> Any:
    r""":math:`\Pr[X \in [0, 1]] = F(1) - F(0)` for :math:`X \sim N(m, v)`, an mpmath function of
    :math:`(m, v)` lambdified from the Normal family's CDF
    (:meth:`hallbound.symbolic.families.Normal.cdf_expression`)."""
    from hallbound.symbolic.families import Normal

    m, v = sp.Symbol("m", real=True), sp.Symbol("v", positive=True)
    state = Normal(m, sp.Matrix([[v]]))
    cdf = state.cdf_expression()
    return sp.lambdify((m, v), cdf.subs(state.a, 1) - cdf.subs(state.a, 0), modules="mpmath")


def _simplex_mass(pt: dict[str, Any]) -> tuple[Any, Any]:
    r""":math:`\Pr[N(e_1, d I_C) \in [0,1]^C]` (lhs) against 1 (rhs): independent coordinates,
    :math:`N(1, d)` for the first and :math:`N(0, d)` for the others."""
    d, c = mpmath.mpmathify(pt["d"]), int(pt["C"])
    mass = _unit_interval_mass()
    return mass(1, d) * mass(0, d) ** (c - 1), mpmath.mpf(1)


def _d_view(pt: dict[str, Any]) -> dict[str, Any]:
    """Witness with d = tau d_max in place of tau."""
    dl, n, tv = (float(pt[k]) for k in ("delta", "N", "tau"))
    d_max = -(n - 1) / (n * 2 * mpmath.log(dl))
    return {"delta": dl, "N": int(n), "d": float(tv * d_max), "d_max": float(d_max)}


def claims() -> list[Claim]:
    d_sym, d_p = positive("d", search=(1e-3, 10))
    # N(e_i, d I_C) at p_X: quadratic form ||p_X - e_i||^2 / d, det(d I_C) = d^C
    true_density = gaussian_density(K_N / d_sym, C, d_sym**C)
    # as stated: the one-dimensional formula, (2 pi d)^(-1/2) exp(-||p_X - e_i||^2 / (2d))
    stated = gaussian_density(K_N / d_sym, 1, d_sym)
    stated_tau = stated.subs(d_sym, d_var)
    bound1 = 1 / sp.sqrt(-sp.pi / sp.log(delta**2)) * delta**2 / 2
    bound2 = delta**2 * sp.log(1 / delta) / sp.sqrt(2 * sp.pi)
    bound3 = delta**2 * (1 / delta - 1) / sp.sqrt(2 * sp.pi)
    steps = [
        *gibbs_steps(),
        Step(
            "C.1c (targets)",
            "Pr[A(q | Z_1) in [0,1]^C]",
            "=",
            1,
            "Definition C.1: targets are probability vectors",
            kind="construction",
            params=[d_p, C_P],
            evaluate=_simplex_mass,
            note="a Gaussian target leaves [0,1]^C (and the simplex) with positive probability",
        ),
        Step(
            "C.1d",
            (1 - 1 / N) ** 2 + (N - 1) / N**2,
            "=",
            K_N,
            "||p_X - e_i||^2 with p_X = sum_i e_i / N",
        ),
        Step(
            "C.1e",
            true_density,
            "=",
            stated,
            "density of N(e_i, d I_C) at p_X",
            params=[d_p, C_P, N_P],
            note="the C-dimensional density has (2 pi d)^(-C/2), not (2 pi d)^(-1/2)",
        ),
        Step(
            "C.1f",
            stated_tau,
            "<=",
            bound1,
            "d replaced by its upper bound in both places",
            kind="inequality",
            params=[DELTA_OPEN, TAU, N_P],
            witness_view=_d_view,
            note="(2 pi d)^(-1/2) decreases in d: replacing d by a larger value is not an "
            "upper bound; and at d = d_max the value is sqrt(-ln delta^2 N/(2 pi (N-1))) "
            "delta, not this",
        ),
        Step(
            "C.1g",
            bound1,
            "<=",
            bound2,
            "algebra",
            kind="inequality",
            params=[DELTA_OPEN],
            note="lhs/rhs = 1/sqrt(ln(1/delta)): fails for delta > 1/e",
        ),
        Step("C.1h", bound2, "<=", bound3, "ln x <= x - 1", kind="inequality", params=[DELTA_OPEN]),
        Step(
            "C.1i",
            bound3,
            "<=",
            delta,
            "1 - delta <= sqrt(2 pi)",
            kind="inequality",
            params=[DELTA_OPEN],
        ),
        Step(
            "C.1 (chain)",
            stated_tau,
            "<=",
            delta,
            "(C.1e)-(C.1i): P(p_X | Z_i) <= delta",
            kind="inequality",
            params=[DELTA_OPEN, TAU, N_P],
            witness_view=_d_view,
            note="fails for small delta at d = d_max, and for delta > e^(-1/2) inside",
        ),
    ]
    hyps = [DELTA_OPEN, N_P, C_P]
    return [
        Claim(
            "Theorem C.1",
            "infinitely many targets make the cross-entropy minimiser delta-hallucinate",
            hyps,
            steps,
            section="C",
            domain="delta in (0, 1); N >= 2 states, C >= N classes, P(Z_i) = 1/N",
            # Definition C.1: p and qbar = E q are probability vectors (as in the corrected claim)
            assumptions=list(SUMS_ONE),
        )
    ]
