r"""Theorem 6.1 (corrected): the union bound of :mod:`hallbound.proofs_checks.bounds`."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.claims.common import D_A, N_P, nonneg, positive, unit
from hallbound.proofs_checks.claims.laws import random_case
from hallbound.proofs_checks.probability import LawCheck


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
    vol, volp = positive("V_d")
    rr, rp = nonneg("r_i")
    prob, pp = unit("Pr[||W_i|| <= r_i]")
    law_in, law_union = _ub_law()
    vk = sp.IndexedBase("vv", positive=True)
    z = sp.IndexedBase("Z", real=True)
    vmin, vmp = positive("v_min")
    e = sp.IndexedBase("e", nonnegative=True)
    steps = [
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
            vol * rr**dd * gw,
            "Pr[||W_i|| <= r_i] = int over the ball of g_W <= V_d r_i^d sup g_W",
            kind="inequality",
            given={prob: vol * rr**dd * gw - w},
            premises=("monotonicity of the integral",),
            params=[pp, volp, rp, gwp, wp, Param("d_a", dd, kind="integer", lo=1)],
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
    )


def claims() -> list[Claim]:
    return [theorem_6_1()]
