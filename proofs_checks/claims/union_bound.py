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

from hallbound.proofs_checks.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.claims.common import D_A, N_P, nonneg, positive, unit
from hallbound.proofs_checks.claims.laws import random_case
from hallbound.proofs_checks.lemma_library import AnyOf, BallVolume, lemma
from hallbound.proofs_checks.probability import LawCheck
from hallbound.proofs_checks.randomness import Pr, random_symbol
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
    r"""The union bound, step by step.

    Events: :math:`A_k := \{A^* \in U_k^\delta\}` (an indexed event) and
    :math:`B_k := \{|A^* - \mu_k| \le r_k\}`; :math:`A_k \Rightarrow B_k` is Definition 6.3
    (:math:`U_k^\delta \subseteq \bar B(\mu_k, r_k)`), an assumption of the claim.
    :math:`P_H := 1 - \Pr[\bigcup_k A_k]` is a definition.
    """
    j = sp.Symbol("j", integer=True)
    nn = sp.Symbol("N", integer=True, positive=True)
    dd = sp.Symbol("d_a", integer=True, positive=True)
    p = sp.IndexedBase("p", nonnegative=True)
    bnd = sp.IndexedBase("b", nonnegative=True)  # the density/Gaussian bound of term k
    events = sp.IndexedBase("A")  # A_k = {A* in U_k}
    union = lemma("Union bound (family)", A=events, n=nn)
    k = union.conclusion[2].limits[0][0]  # the library's index: every indexed step uses it
    a_star = random_symbol("A*")
    mu, radius = sp.IndexedBase("mu", real=True), sp.IndexedBase("r", nonnegative=True)
    ball = sp.Le(sp.Abs(a_star - mu[k]), radius[k])  # B_k
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
    d_int = Param("d_a", dd, kind="integer", lo=1)
    sum_b = 1 - union.conclusion[2]  # 1 - sum_k Pr[A_k]
    sum_ball = 1 - sp.Sum(Pr(ball), (k, 1, nn))
    steps = [
        *sup_density_steps(),
        Step(
            "U1",
            Pr(events[k]),
            "<=",
            Pr(ball),
            "U_k is inside the closed ball B_k(r_k) (Definition 6.3): monotonicity of Pr",
            kind="probability",
            lemmas=(lemma("Monotonicity", A=events[k], B=ball),),
            law=law_in,
        ),
        Step(
            "U2a (union bound)",
            ph,
            ">=",
            sum_b,
            "P_H = 1 - Pr[union_k A_k] >= 1 - sum_k Pr[A_k] (subadditivity)",
            kind="probability",
            lemmas=(union,),
            params=[php],
        ),
        Step(
            "U2b",
            sum_b,
            ">=",
            sum_ball,
            "(U1) for every k",
            kind="probability",
            premises=(Premise(sp.Le(Pr(events[k]), Pr(ball)), by="U1", solve_for=Pr(events[k])),),
            law=law_union,
        ),
        Step(
            "U3 (mean zero)",
            sp.Sum(p[j], (j, 1, nn)) - 1,
            "=",
            sp.Integer(0),
            "W_k = A* - mu_k = sum_j (p_j - [k=j]) mu_j: coefficients sum to 0",
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
            premises=(
                "the density of a sum of independent terms is at most the sup density of one "
                "term (E over the others of a density bounded by G); the density of c X in "
                "R^d is f(x/c)/|c|^d",
            ),
            params=[gwp, gkp, ckp, wp, d_int],
        ),
        Step(
            "U5 (ball)",
            prob,
            "<=",
            BallVolume(dd, rr) * gw,
            "Pr[||W_i|| <= r_i] = int over the ball of g_W <= vol(B(r_i)) sup g_W",
            kind="inequality",
            given={prob: BallVolume(dd, rr) * gw - w},
            premises=("monotonicity of the integral: int_B g <= vol(B) sup g",),
            params=[pp, rp, gwp, wp, d_int],
        ),
        Step(
            "U5b (ball volume)",
            BallVolume(dd, rr),
            "=",
            lemma("Ball volume", d=dd, r=rr).conclusion[2],
            "the volume of a d-ball of radius r_i",
            lemmas=(lemma("Ball volume", d=dd, r=rr),),
            params=[rp, d_int],
        ),
        Step(
            "U6 (Gaussian term)",
            sp.Sum(vk[k] * z[k] ** 2, (k, 1, dd)),
            ">=",
            vmin * sp.Sum(z[k] ** 2, (k, 1, dd)),
            "Normal mean laws: W_i = sum_k sqrt(v_ik) Z_k e_k, v_ik >= v_min, so Pr[||W_i|| "
            "<= r] <= F_chi2_d(r^2 / v_min)",
            kind="inequality",
            premises=(Premise(sp.Ge(vk[k], vmin), by="hypothesis", solve_for=vk[k]),),
            params=[vmp],
        ),
        Step(
            "U7 (bound)",
            sum_ball,
            ">=",
            1 - sp.Sum(sp.Min(1, bnd[k]), (k, 1, nn)),
            "each term is a probability (<= 1) and <= its bound b_k from (U4)-(U6)",
            kind="inequality",
            premises=(
                Premise(
                    sp.Le(Pr(ball), sp.Min(1, bnd[k])),
                    by=None,
                    solve_for=Pr(ball),
                    label="Pr[|A* - mu_k| <= r_k] <= min(1, b_k): Pr <= 1, and (U4)-(U6) for "
                    "W_k = A* - mu_k (the steps are stated for one generic W)",
                ),
            ),
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
        definitions={ph: 1 - Pr(AnyOf(events[k], (k, 1, nn)))},
        assumptions=[
            sp.Eq(sp.Sum(p[j], (j, 1, nn)), 1),
            ("implies", events[k], ball),  # Definition 6.3: U_k inside B(mu_k, r_k)
            sp.Ge(vk[k], vmin),  # v_min := min_k v_k
        ],
        conclusion=[(ph, ">=", 1 - sp.Sum(sp.Min(1, bnd[k]), (k, 1, nn)))],
    )


def claims() -> list[Claim]:
    return [theorem_6_1()]
