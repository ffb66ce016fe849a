r"""Theorem 6.1 (corrected): the union bound of :mod:`hallbound.proofs_checks.bounds`.

The bound's density term :math:`V_d r^d G / |c|^d` is :data:`TERM`, written once here: the
ball volume is the library's ``Ball volume`` instance, :math:`G` the mean law's sup density
from :func:`hallbound.symbolic.mean_laws.standard_sup_density` (steps ``U0`` check it against
the law's density), and :mod:`hallbound.proofs_checks.bounds` evaluates :func:`log_term`,
generated from :data:`TERM`. Changing either source formula changes the claim and the running
bound together.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy as sp
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.claims.common import D_A, N_P, nonneg, positive, unit
from hallbound.proofs_checks.claims.laws import random_case
from hallbound.proofs_checks.lemma_library import BallVolume, lemma
from hallbound.proofs_checks.probability import LawCheck
from hallbound.symbolic import mean_laws

#: Symbols of the bound's term for one pair of states (i, j).
DIM = sp.Symbol("d", integer=True, positive=True)
RADIUS = sp.Symbol("r_i", positive=True)
SUP = sp.Symbol("G_j", positive=True)
COEF = sp.Symbol("|c_ij|", positive=True)
BALL = lemma("Ball volume", d=DIM, r=RADIUS)
#: :math:`V_d r_i^d\, G_j / |c_{ij}|^d`: the union bound's term (before the min with 1).
TERM = BALL.conclusion[2] * SUP / COEF**DIM
LOG_SUP, LOG_COEF = sp.symbols("log_G_j log_c_ij", real=True)


@functools.cache
def log_term() -> Callable[..., Any]:
    r""":math:`\log` of :data:`TERM` as a NumPy function of ``(d, r, log G, log |c|)``,
    generated (lambdified) from the claim's expression."""
    expr = sp.expand_log(sp.log(TERM.subs({SUP: sp.exp(LOG_SUP), COEF: sp.exp(LOG_COEF)})))
    return sp.lambdify((DIM, RADIUS, LOG_SUP, LOG_COEF), expr, modules=["scipy", "numpy"])


def sup_density_steps() -> list[Step]:
    """``U0``: each mean law's density is at most the sup density the bound uses."""
    x = Param("x", mean_laws.X_STD, search=(-4, 4))
    out = []
    for kind in mean_laws.KINDS:
        pdf = mean_laws.standard_density(kind)
        if pdf is None:
            continue
        out.append(
            Step(
                f"U0 (sup density, {kind})",
                pdf,
                "<=",
                mean_laws.standard_sup_density(kind),
                f"G_j = prod_k sup f_xi / s_jk: sup of the standard {kind} density",
                kind="calculus",
                params=[x],
            )
        )
    return out


# ----- Theorem 6.1 (corrected): the union bound ------------------------------------------
def _ub_law():
    from hallbound.proofs_checks.claims.theorem_6_1 import _view

    def sample(rng):
        base = random_case(rng, n=int(rng.integers(2, 4)))
        r = Fraction(int(rng.integers(0, 40)), 20)
        return type(base)(base.p, base.laws, base.mu0, (("r", r),))

    def inside(case):  # U_i = open interval of radius r: A* in U_i implies |A* - mu_i| <= r
        r = case.get("r")
        return (
            case.prob(lambda m: abs(case.a_star(m) - m[0]) < r),
            case.prob(lambda m: abs(case.a_star(m) - m[0]) <= r),
        )

    def union(case):
        r = case.get("r")
        ph = case.prob(lambda m: all(abs(case.a_star(m) - x) >= r for x in m))
        terms = sum(
            (case.prob(lambda m, i=i: abs(case.a_star(m) - m[i]) <= r) for i in range(case.n)),
            Fraction(0),
        )
        return ph, 1 - terms

    def view(case):
        out = _view(case)
        out.pop("alpha_1", None)
        return out

    return (
        LawCheck(sample, inside, view, trials=100, label="exact discrete mean laws"),
        LawCheck(sample, union, view, trials=100, label="exact discrete mean laws"),
    )


def theorem_6_1() -> Claim:
    i, j, k = sp.symbols("i j k", integer=True)
    nn = sp.Symbol("N", integer=True, positive=True)
    dd = sp.Symbol("d_a", integer=True, positive=True)
    p = sp.IndexedBase("p", nonnegative=True)
    q = sp.IndexedBase("q", nonnegative=True)  # Pr[||A* - mu_i|| <= r_i]
    v = sp.IndexedBase("v", nonnegative=True)  # slack
    bnd = sp.IndexedBase("b", nonnegative=True)  # the density/Gaussian bound of term i
    ph, php = unit("P_H")
    w, wp = nonneg("w")
    gw, gwp = nonneg("g_W(w)")
    gk, gkp = positive("G_k")
    ck, ckp = positive("|c_ik|")
    rr, rp = nonneg("r_i")
    prob, pp = unit("Pr[||W_i|| <= r_i]")
    law_in, law_union = _ub_law()
    vk = sp.IndexedBase("vv", positive=True)
    z = sp.IndexedBase("Z", real=True)
    vmin, vmp = positive("v_min")
    e = sp.IndexedBase("e", nonnegative=True)
    steps = [
        *sup_density_steps(),
        Step(
            "U1",
            "Pr[A* in U_i]",
            "<=",
            "Pr[||A* - mu_i|| <= r_i]",
            "U_i is inside the closed ball B_i(r_i) (Definition 6.3)",
            kind="definition",
            law=law_in,
        ),
        Step(
            "U2 (union bound)",
            ph,
            ">=",
            1 - sp.Sum(q[i], (i, 1, nn)),
            "P_H = 1 - Pr[union_i {A* in U_i}] >= 1 - sum_i Pr[A* in U_i], then (U1)",
            kind="probability",
            given={ph: 1 - (sp.Sum(q[i] - v[i], (i, 1, nn)) - w)},
            premises=("subadditivity of Pr", "(U1)"),
            params=[php, wp],
            law=law_union,
        ),
        Step(
            "U3 (mean zero)",
            sp.Sum(p[j], (j, 1, nn)) - 1,
            "=",
            sp.Integer(0),
            "W_i = A* - mu_i = sum_j (p_j - [i=j]) mu_j: coefficients sum to 0",
            given={sp.Sum(p[j], (j, 1, nn)): 1},
            premises=("sum p = 1",),
        ),
        Step(
            "U4 (convolution)",
            gw,
            "<=",
            gk / ck**dd,
            "g_W(w) = E[g_k(w - R)] <= sup of the density of c_ik mu_k = G_k/|c_ik|^d "
            "(change of variables; R independent of mu_k)",
            kind="inequality",
            given={gw: gk / ck**dd - w},
            premises=("monotonicity of E", "Assumption 6.1"),
            params=[gwp, gkp, ckp, wp, Param("d_a", dd, kind="integer", lo=1)],
        ),
        Step(
            "U5 (ball)",
            prob,
            "<=",
            BallVolume(dd, rr) * gw,
            "Pr[||W_i|| <= r_i] = int over the ball of g_W <= vol(B(r_i)) sup g_W",
            kind="inequality",
            given={prob: BallVolume(dd, rr) * gw - w},
            premises=("monotonicity of the integral",),
            params=[pp, rp, gwp, wp, Param("d_a", dd, kind="integer", lo=1)],
        ),
        Step(
            "U5b (ball volume)",
            BallVolume(dd, rr),
            "=",
            lemma("Ball volume", d=dd, r=rr).conclusion[2],
            "the volume of a d-ball of radius r_i",
            lemmas=(lemma("Ball volume", d=dd, r=rr),),
            params=[rp, Param("d_a", dd, kind="integer", lo=1)],
        ),
        Step(
            "U6 (Gaussian term)",
            sp.Sum(vk[k] * z[k] ** 2, (k, 1, dd)),
            ">=",
            vmin * sp.Sum(z[k] ** 2, (k, 1, dd)),
            "Normal mean laws: W_i = sum_k sqrt(v_ik) Z_k e_k, v_ik >= v_min, so Pr[||W_i|| "
            "<= r] <= F_chi2_d(r^2 / v_min)",
            kind="inequality",
            given={vk[k]: vmin + e[k]},
            premises=("v_ik >= min_k v_ik",),
            params=[vmp],
        ),
        Step(
            "U7 (bound)",
            1 - sp.Sum(q[i], (i, 1, nn)),
            ">=",
            1 - sp.Sum(sp.Min(1, bnd[i]), (i, 1, nn)),
            "each term <= 1 and <= its bound b_i from (U4)-(U6)",
            kind="inequality",
            given={q[i]: sp.Min(1, bnd[i]) - v[i]},
            premises=("(U4)-(U6)", "Pr <= 1"),
        ),
    ]
    return Claim(
        "Theorem 6.1 (corrected)",
        "P_H^delta >= 1 - sum_i min(1, V_d r_i^d min_j G_j / |c_ij|^d) (union bound)",
        [N_P, D_A],
        steps,
        source="corrected",
        corrects="Theorem 6.1",
        section="6",
        domain="Assumption 6.1 (independent mean laws, common mean), location "
        "families (r_i deterministic), mean laws with bounded densities; see "
        "hallbound.proofs_checks.bounds.union_bound",
        assumptions=[sp.Eq(sp.Sum(p[j], (j, 1, nn)), 1)],
        conclusion=[(ph, ">=", 1 - sp.Sum(sp.Min(1, bnd[i]), (i, 1, nn)))],
    )


def claims() -> list[Claim]:
    return [theorem_6_1()]
