r"""Theorem 5.2 (semi-optimal estimators) and Theorem 5.3 (hinted inputs), as stated.

Proof (B.3) of 5.2: :math:`A(X;Z_i)\sim N(\mu_i, I)`, :math:`\sum_i p_i\mu_i = 0`,
:math:`v_0 = A'(X)` with :math:`\|v_0\|\le\varepsilon`, :math:`\|\mu_i\|\ge s+\varepsilon`,
:math:`s = \sqrt{-2\ln\delta}`. Falsification of the chain uses the one-dimensional geometry
:math:`v_0 = \varepsilon t` (:math:`t\in[-1,1]`), :math:`\mu_i = s + \varepsilon + u`
(:math:`u \ge 0`), which satisfies every hypothesis.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.claims.common import (
    D_A,
    DELTA,
    DELTA_AS_EXP,
    EPS,
    LAM,
    N_P,
    d_a,
    delta,
    eps,
    lam,
    nonneg,
    positive,
)

TWO_PI = (2 * sp.pi) ** (-d_a / 2)
S = sp.sqrt(-2 * sp.log(delta))
t = sp.Symbol("t", real=True)
u, U_P = nonneg("u")
T_P = Param("t", t, lo=-1, hi=1)
V0 = eps * t
MU = S + eps + u
A_DIST = sp.Abs(V0 - MU)  # ||v0 - mu_i|| in the 1-D geometry
B_NORM = sp.Abs(V0)  # ||v0||


def _view(pt: dict[str, Any]) -> dict[str, Any]:
    """Witness in the paper's symbols: d_a = 1, v0 = eps t, mu_i = sqrt(-2 ln delta) + eps + u."""
    import mpmath

    dl, e = pt["delta"], pt["eps"]
    s = mpmath.sqrt(-2 * mpmath.log(mpmath.mpf(dl.numerator) / dl.denominator))
    return {
        "delta": dl,
        "eps": e,
        "d_a": 1,
        "v0": e * pt["t"],
        "mu_i": float(s) + float(e) + float(pt["u"]),
    }


def chain_conclusion(name: str, eps_expr: sp.Expr, note: str) -> Step:
    """(2 pi)^(-d_a/2) exp(-||v0 - mu_i||^2 / 2) <= delta from the reverse triangle
    inequality and the hypotheses, written through slack variables."""
    a = sp.Symbol("||v0 - mu_i||", nonnegative=True)
    w, w_p = nonneg("w (||mu_i|| - ||v0|| - sqrt(-2 ln delta))")
    s_lam = sp.sqrt(2 * lam)
    return Step(
        name,
        TWO_PI * sp.exp(-(a**2) / 2),
        "<=",
        delta,
        "reverse triangle inequality ||v0 - mu_i|| >= ||mu_i|| - ||v0|| >= "
        "sqrt(-2 ln delta) + eps - eps",
        kind="inequality",
        given={a: s_lam + w, **DELTA_AS_EXP},
        premises=(
            "reverse triangle inequality",
            f"||mu_i|| >= sqrt(-2 ln delta) + {eps_expr}",
            f"||v0|| <= {eps_expr}",
        ),
        params=[LAM, w_p],
        note=note,
    )


def theorem_5_2() -> Claim:
    a = sp.Symbol("||v0 - mu_i||", nonnegative=True)
    geo = [DELTA, EPS, T_P, U_P]
    c, c_p = positive("C", search=(1.0, 10.0))
    c_p = Param("C", c, lo=1, lo_open=True, search=(1.0, 10.0))
    p1, p1_p = positive("p_1")
    pn1, pn1_p = positive("p_(N-1)")
    p1_p = Param("p_1", p1, lo=0, hi=1, lo_open=True)
    pn1_p = Param("p_(N-1)", pn1, lo=0, hi=1, lo_open=True)
    n_half = sp.Symbol("N/2", integer=True, positive=True)
    nn = 2 * n_half
    steps = [
        Step(
            "B.3a",
            TWO_PI * sp.exp(-(a**2) / 2),
            "<=",
            sp.exp(-(a**2) / 2),
            "(2 pi)^(-d_a/2) <= 1",
            params=[Param("||v0 - mu_i||", a, lo=0)],
        ),
        Step(
            "B.3b",
            sp.exp(-(A_DIST**2) / 2),
            "<=",
            sp.exp(-((A_DIST - B_NORM) ** 2) / 2),
            "triangle inequality",
            kind="inequality",
            params=geo,
            witness_view=_view,
            note="||v0-mu||^2 >= (||v0-mu|| - ||v0||)^2 fails when ||v0|| > 2||v0-mu||",
        ),
        Step(
            "B.3c",
            sp.exp(-((A_DIST - B_NORM) ** 2) / 2),
            "<=",
            sp.exp(-((S + eps - eps) ** 2) / 2),
            "||mu_i|| >= sqrt(-2 ln delta) + eps and ||v0|| <= eps",
            kind="inequality",
            params=geo,
            witness_view=_view,
            note="||v0-mu|| - ||v0|| can be < sqrt(-2 ln delta); the intended term is "
            "||mu_i|| - ||v0||",
        ),
        Step("B.3d", sp.exp(-((S + eps - eps) ** 2) / 2), "<=", delta, "algebra"),
        chain_conclusion(
            "B.3 (conclusion)",
            eps,
            "the conclusion holds, by the reverse triangle inequality, although "
            "(B.3b), (B.3c) as written do not",
        ),
        Step(
            "B.3 pairing (i = N/2)",
            sp.Integer(0),
            ">=",
            S + eps,
            "pairing mu_i = -(p_{N-i}/p_i) mu_{N-i}",
            kind="construction",
            params=[DELTA, EPS],
            note="for i = N/2 the pairing reads mu = -mu, so ||mu_{N/2}|| = 0 (lhs), "
            "against ||mu_i|| >= sqrt(-2 ln delta) + eps; for i = N it needs p_0",
        ),
        Step(
            "B.3 example (pairing, i = 1)",
            c * (nn - 1) * (S + eps) / pn1,
            "=",
            -(pn1 / p1) * c * (nn - 1) * 1 * (S + eps) / p1,
            "the stated example mu_i = C i (N-i)(sqrt(-2 ln delta)+eps)/p_{N-i} 1",
            kind="construction",
            params=[
                DELTA,
                EPS,
                c_p,
                p1_p,
                pn1_p,
                Param("N/2", n_half, kind="integer", lo=1, search=(1, 4)),
            ],
            note="coefficients of 1 in mu_1 and in -(p_{N-1}/p_1) mu_{N-1}",
        ),
        Step(
            "B.3 example (mean zero, N = 2)",
            p1 * c * (S + eps) / p1 + (1 - p1) * 0,
            "=",
            sp.Integer(0),
            "the example makes sum_i p_i mu_i = 0",
            kind="construction",
            params=[DELTA, EPS, c_p, p1_p],
            note="N = 2: mu_1 = C (s + eps)/p_1 1 and mu_2 = C*2*0*(...)/p_0 1 = 0",
        ),
    ]
    return Claim(
        "Theorem 5.2",
        "if ||A' - A*|| <= eps, infinitely many laws make A' delta-hallucinate",
        [DELTA, EPS, D_A, N_P],
        steps,
        section="5",
        domain="delta in (0, 1]; eps >= 0; N even; any weights p",
    )


def theorem_5_3() -> Claim:
    dist, dist_p = nonneg("||A*(X+delta_i) - A*(X)||")
    ell, ell_p = nonneg("L")
    n_i, n_p = nonneg("||delta_i||")
    bd, bd_p = nonneg("B_delta")
    w1, w1_p = nonneg("w1")
    w2, w2_p = nonneg("w2")
    steps = [
        Step(
            "B.8a",
            dist,
            "<=",
            ell * n_i,
            "A* is L-Lipschitz (Definition 3.2)",
            kind="inequality",
            given={dist: ell * n_i - w1},
            premises=("Definition 3.2",),
            params=[dist_p, ell_p, n_p, w1_p],
        ),
        Step(
            "B.8b",
            ell * n_i,
            "<=",
            ell * bd,
            "B_delta = sup_i ||delta_i||",
            given={n_i: bd - w2},
            premises=("||delta_i|| <= B_delta",),
            params=[ell_p, n_p, bd_p, w2_p],
        ),
        chain_conclusion(
            "B.8c (Theorem 5.2 with eps = L B_delta)",
            ell * bd,
            "holds; cites Theorem 5.2, whose steps (B.3b), (B.3c) and pairing are "
            "refuted: see Theorem 5.2 (corrected)",
        ),
    ]
    return Claim(
        "Theorem 5.3",
        "an L-Lipschitz A* delta-hallucinates at every X + delta_i for infinitely many laws",
        [DELTA, D_A],
        steps,
        section="5",
        domain="delta in (0, 1]; L >= 0; any hints delta_i",
    )


def claims() -> list[Claim]:
    return [theorem_5_2(), theorem_5_3()]
