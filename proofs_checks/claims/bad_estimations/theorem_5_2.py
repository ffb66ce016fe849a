r"""Theorem 5.2 (semi-optimal estimators) and Theorem 5.3 (hinted inputs), as stated.

Proof (B.3) of 5.2: :math:`A(X;Z_i)\sim N(\mu_i, I)`, :math:`\sum_i p_i\mu_i = 0`,
:math:`v_0 = A'(X)` with :math:`\|v_0\|\le\varepsilon`, :math:`\|\mu_i\|\ge s+\varepsilon`,
:math:`s = \sqrt{-2\ln\delta}`. Falsification of the chain uses the one-dimensional geometry
:math:`v_0 = \varepsilon t` (:math:`t\in[-1,1]`), :math:`\mu_i = s + \varepsilon + u`
(:math:`u \ge 0`), which satisfies every hypothesis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from hallbound.proofs_checks.claims.common import (
    D_A,
    DELTA,
    DELTA_AS_EXP,
    EPS,
    LAM,
    N_P,
    TWO_PI,
    d_a,
    delta,
    eps,
    nonneg,
    positive,
)
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.symbolic.families.normal import gaussian_density

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


#: The vectors of the proof, coordinate by coordinate (k = 1..d_a).
K = sp.Symbol("i", integer=True)  # the index symbol of the library's norm lemmas
V0_VEC = sp.IndexedBase("v0", real=True)
MU_VEC = sp.IndexedBase("mu_i", real=True)
DIFF_VEC = sp.IndexedBase("(mu_i-v0)", real=True)
A_NORM, A_P = nonneg("||v0 - mu_i||")
B_SYM, B_P = nonneg("||v0||")
MU_NORM, MU_P = nonneg("||mu_i||")


def euclid(x: sp.Expr) -> sp.Expr:
    r""":math:`\|x\| = \sqrt{\sum_{k=1}^{d_a} x_k^2}` (``x`` written at index ``K``)."""
    return sp.sqrt(sp.Sum(x**2, (K, 1, d_a)))


#: The norms named in the proof are Euclidean norms of the vectors (stated relations).
NORMS = (
    sp.Eq(A_NORM, euclid(V0_VEC[K] - MU_VEC[K])),
    sp.Eq(B_SYM, euclid(V0_VEC[K])),
    sp.Eq(MU_NORM, euclid(MU_VEC[K])),
)
#: ``mu_i - v0`` coordinate by coordinate (a definition: name := expression).
DIFF_DEFINITION = {DIFF_VEC[K]: MU_VEC[K] - V0_VEC[K]}


def hypotheses(eps_expr: sp.Expr) -> list[sp.Basic]:
    r"""The hypotheses :math:`\|v_0\| \le \varepsilon` and
    :math:`\|\mu_i\| \ge \sqrt{-2\ln\delta} + \varepsilon` (``eps_expr`` for
    :math:`\varepsilon`)."""
    return [sp.Le(B_SYM, eps_expr), sp.Ge(MU_NORM, S + eps_expr)]


def density_at_v0() -> sp.Expr:
    r""":math:`f_i(v_0)` for :math:`N(\mu_i, I)`: the Normal formula with quadratic form
    :math:`\|v_0-\mu_i\|^2` and :math:`\det I = 1`."""
    return gaussian_density(A_NORM**2, d_a, 1)


def reverse_triangle_chain(
    prefix: str,
    eps_expr: sp.Expr,
    note: str = "",
    v0_by: str = "hypothesis",
    extra: Sequence[Param] = (),
    names: Sequence[str] | None = None,
) -> list[Step]:
    r"""(2 pi)^(-d_a/2) exp(-||v0 - mu_i||^2 / 2) <= delta, step by step:

    * reverse triangle :math:`\|\mu_i\| - \|v_0\| \le \|v_0-\mu_i\|` from the library's
      ``Triangle (norm)`` at :math:`x = \mu_i - v_0`, :math:`y = v_0` (the norms are the
      Euclidean norms: the claim's stated relations :data:`NORMS`);
    * the hypotheses give :math:`\sqrt{-2\ln\delta} \le \|\mu_i\| - \|v_0\|`
      (``v0_by`` backs :math:`\|v_0\| \le \varepsilon`: ``"hypothesis"`` or a step name);
    * so :math:`\sqrt{-2\ln\delta} \le \|v_0-\mu_i\|`, and the density at :math:`v_0` is at
      most :math:`(2\pi)^{-d_a/2}\delta \le \delta` (:math:`\delta = e^{-\lambda}`).
    """
    tri = lemma("Triangle (norm)", x=DIFF_VEC, y=V0_VEC, n=d_a)
    norm_premises = tuple(Premise(r, by="hypothesis", solve_for=r.lhs) for r in NORMS)
    v0_hyp, mu_hyp = hypotheses(eps_expr)
    rt, hy, dist, last = names or [
        f"{prefix} (reverse triangle)",
        f"{prefix} (hypotheses)",
        f"{prefix} (distance)",
        f"{prefix} (conclusion)",
    ]
    return [
        Step(
            rt,
            MU_NORM - B_SYM,
            "<=",
            A_NORM,
            "reverse triangle inequality: ||mu_i|| = ||(mu_i - v0) + v0|| <= ||v0 - mu_i|| + "
            "||v0|| (Triangle (norm))",
            kind="inequality",
            lemmas=(tri,),
            premises=norm_premises,
            params=[A_P, B_P, MU_P, *extra],
        ),
        Step(
            hy,
            S,
            "<=",
            MU_NORM - B_SYM,
            f"||mu_i|| >= sqrt(-2 ln delta) + {eps_expr} and ||v0|| <= {eps_expr}",
            kind="inequality",
            premises=(
                Premise(v0_hyp, by=v0_by, solve_for=B_SYM),
                Premise(mu_hyp, by="hypothesis", solve_for=MU_NORM),
            ),
            params=[B_P, MU_P, *extra],
        ),
        Step(
            dist,
            S,
            "<=",
            A_NORM,
            f"({rt}) and ({hy})",
            kind="inequality",
            premises=(
                Premise(sp.Ge(A_NORM, MU_NORM - B_SYM), by=rt, solve_for=A_NORM),
                Premise(sp.Ge(MU_NORM - B_SYM, S), by=hy, solve_for=MU_NORM),
            ),
            params=[A_P, B_P, MU_P, *extra],
        ),
        Step(
            last,
            density_at_v0(),
            "<=",
            delta,
            f"({dist}): exp(-||v0 - mu_i||^2/2) <= exp(ln delta) = delta; (2 pi)^(-d_a/2) <= 1",
            kind="inequality",
            given=DELTA_AS_EXP,
            premises=(Premise(sp.Ge(A_NORM, S), by=dist, solve_for=A_NORM),),
            params=[A_P, LAM, *extra],
            note=note,
        ),
    ]


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
    with sp.evaluate(False):  # the paper's (s + eps) - eps, not SymPy's folded delta
        b3_bound = sp.exp(sp.Rational(-1, 2) * (S + eps - eps) ** 2)
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
            b3_bound,
            "||mu_i|| >= sqrt(-2 ln delta) + eps and ||v0|| <= eps",
            kind="inequality",
            params=geo,
            witness_view=_view,
            note="||v0-mu|| - ||v0|| can be < sqrt(-2 ln delta); the intended term is "
            "||mu_i|| - ||v0||",
        ),
        Step("B.3d", b3_bound, "<=", delta, "algebra"),
        *reverse_triangle_chain(
            "B.3",
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
        definitions=DIFF_DEFINITION,
        assumptions=[*NORMS, *hypotheses(eps)],
    )


def theorem_5_3() -> Claim:
    # j indexes the hint and i the state: the conclusion is for every pair (i, j)
    dist, dist_p = nonneg("||A*(X+delta_j) - A*(X)||")
    ell, ell_p = nonneg("L")
    n_i, n_p = nonneg("||delta_j||")
    bd, bd_p = nonneg("B_delta")
    lipschitz = sp.Le(dist, ell * n_i)
    sup_hint = sp.Le(n_i, bd)
    v0_is_dist = sp.Eq(B_SYM, dist)
    steps = [
        Step(
            "B.8a",
            dist,
            "<=",
            ell * n_i,
            "A* is L-Lipschitz (Definition 3.2)",
            kind="inequality",
            premises=(
                Premise(lipschitz, by="hypothesis", solve_for=dist,
                        label="A* is L-Lipschitz (the theorem's hypothesis, Definition 3.2)"),
            ),
            params=[dist_p, ell_p, n_p],
        ),
        Step(
            "B.8b",
            ell * n_i,
            "<=",
            ell * bd,
            "B_delta = sup_j ||delta_j||",
            premises=(Premise(sup_hint, by="hypothesis", solve_for=n_i),),
            params=[ell_p, n_p, bd_p],
        ),
        Step(
            "B.8 (v0)",
            B_SYM,
            "<=",
            ell * bd,
            "v0 = A*(X + delta_j) and A*(X) = 0 (the construction of Theorem 5.2 at X): "
            "||v0|| = ||A*(X+delta_j) - A*(X)||; (B.8a), (B.8b)",
            kind="inequality",
            premises=(
                Premise(v0_is_dist, by="hypothesis", solve_for=B_SYM),
                Premise(lipschitz, by="B.8a", solve_for=dist),
                Premise(sup_hint, by="hypothesis", solve_for=n_i),
            ),
            params=[B_P, dist_p, ell_p, n_p, bd_p],
        ),
        *reverse_triangle_chain(
            "B.8c",
            ell * bd,
            "Theorem 5.2 with eps = L B_delta: holds by the reverse triangle inequality, "
            "although Theorem 5.2's steps (B.3b), (B.3c) and pairing are refuted: see "
            "Theorem 5.2 (corrected)",
            v0_by="B.8 (v0)",
            extra=[ell_p, bd_p],
        ),
        *_hinted_laws(),
    ]
    return Claim(
        "Theorem 5.3",
        "an L-Lipschitz A* delta-hallucinates at every X + delta_j for infinitely many laws. "
        "Read as (Definition 4.2: every state at every hinted input): (i) for every law with "
        "A(X; Z_i) ~ N(mu_i, I), A*(X) = 0 and ||mu_i|| >= sqrt(-2 ln delta) + L B_delta for "
        "every state i, f_i(A*(X + delta_j)) <= delta for every state i and every hint j; "
        "(ii) such laws exist for every N >= 2 and every t >= sqrt(-2 ln delta) + L B_delta: "
        "mu_1 = (t/p_1) e, mu_k = -(t/(1 - p_1)) e (k >= 2) have mean 0 and norms >= t",
        [DELTA, D_A],
        steps,
        section="5",
        domain="delta in (0, 1]; L >= 0; any hints delta_j",
        note="A* is read as any L-Lipschitz estimator that is the minimiser at X (A*(X) = 0), "
        "with f_i the densities of the states at X, as the proof (B.4) uses them (Theorem 5.2 "
        "with eps = L B_delta). Were A* also the minimiser at each X + delta_j, Definition 5.1 "
        "would give A*(X + delta_j) = mu_j, and Lipschitz ||mu_j|| <= L B_delta, against the "
        "proof's ||mu_j|| >= sqrt(-2 ln delta) + L B_delta for delta < 1",
        definitions=DIFF_DEFINITION,
        assumptions=[lipschitz, sup_hint, v0_is_dist, *NORMS, hypotheses(ell * bd)[1]],
        conclusion=[(density_at_v0(), "<=", delta), *_HINTED_CONCLUSION],
    )


_T_HINT, _T_HINT_P = positive("t")
_P1 = sp.Symbol("p_1", positive=True)
_P1_P = Param("p_1", _P1, lo=0, hi=1, lo_open=True, hi_open=True)
#: (ii) of Theorem 5.3: the law mu_1 = (t/p_1) e, mu_j = -(t/(1 - p_1)) e has mean zero
#: (written out: SymPy would fold it to 0) and every norm is at least t.
_MEAN_ZERO = sp.Add(
    sp.Mul(_P1, _T_HINT / _P1, evaluate=False),
    sp.Mul(1 - _P1, -_T_HINT / (1 - _P1), evaluate=False),
    evaluate=False,
)
_HINTED_CONCLUSION = (
    (_MEAN_ZERO, "=", sp.Integer(0)),
    (_T_HINT / _P1, ">=", _T_HINT),
    (_T_HINT / (1 - _P1), ">=", _T_HINT),
)


def _hinted_laws() -> list[Step]:
    """(ii): for any t >= sqrt(-2 ln delta) + L B_delta (infinitely many), means
    mu_1 = (t/p_1) e and mu_j = -(t/(1 - p_1)) e for j >= 2 (unit e): the weighted mean is
    p_1 t/p_1 - (sum_{j >= 2} p_j) t/(1 - p_1) = 0 and every norm is >= t."""
    params = [_T_HINT_P, _P1_P]
    return [
        Step("B.8e (mean zero)", *_HINTED_CONCLUSION[0],
             "p_1 mu_1 + sum_{j >= 2} p_j mu_j, with sum_{j >= 2} p_j = 1 - p_1",
             kind="construction", params=params),
        Step("B.8e (norm of mu_1)", *_HINTED_CONCLUSION[1], "p_1 <= 1", kind="construction",
             params=params),
        Step("B.8e (norm of mu_j)", *_HINTED_CONCLUSION[2], "1 - p_1 <= 1",
             kind="construction", params=params),
    ]


def claims() -> list[Claim]:
    return [theorem_5_2(), theorem_5_3()]
