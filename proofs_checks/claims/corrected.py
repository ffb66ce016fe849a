r"""Corrected claims: every step PROVED (SymPy, with the named premises) or CERTIFIED.

* ``Lemma B.2 (corrected)``: Paley-Zygmund with :math:`T` in the bound.
* ``Theorem 5.1 (corrected)``: :math:`m_i` uses :math:`\mathbf 1^\top\Sigma_i^{-1}\mathbf 1`
  and is taken 0 when :math:`\det\Sigma_i > \delta^{-2}`; :math:`\Sigma_N := m_N I`.
* ``Corollary 5.2.1 (corrected)``: the corrected construction at every input.
* ``Theorem 5.2 (corrected)``: pairing :math:`i \leftrightarrow N+1-i`; reverse triangle
  inequality in the chain.
* ``Theorem 6.1 (corrected)``: the union bound of :mod:`hallbound.proofs_checks.bounds`.
* ``Theorem C.1 (corrected)``: targets in the simplex, uniform on the corners
  :math:`\{q : q(i) \ge 1-\rho\}`.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.claims import theorem_5_1 as t51
from hallbound.proofs_checks.claims import theorem_c1 as tc1
from hallbound.proofs_checks.claims.common import (
    D_A,
    DELTA,
    DELTA_AS_EXP,
    EPS,
    LAM,
    N_P,
    d_a,
    delta,
    lam,
    nonneg,
    positive,
    unit,
)
from hallbound.proofs_checks.claims.laws import random_case
from hallbound.proofs_checks.claims.lemmas import THETAS
from hallbound.proofs_checks.probability import LawCheck, random_law

TWO_PI = (2 * sp.pi) ** (-d_a / 2)


# ----- Lemma B.2 (corrected) ------------------------------------------------------------
def _pz_case(rng):
    t = random_law(rng, size=3, lo=0, hi=4, denom=2)
    while t.mean() == 0:
        t = random_law(rng, size=3, lo=0, hi=4, denom=2)
    return t, THETAS[int(rng.integers(0, len(THETAS)))]


def _pz_view(case):
    t, th = case
    return {
        "theta": float(th),
        "T": {"atoms": [float(a) for a in t.atoms], "probs": [str(q) for q in t.probs]},
    }


def _pz_law(fn) -> LawCheck:
    return LawCheck(_pz_case, fn, _pz_view, trials=100, label="exact discrete laws of T >= 0")


def lemma_b2() -> Claim:
    m1, m1p = positive("E[T]")
    m2, m2p = positive("E[T^2]")
    prob, pp = unit("P = Pr[T > theta E T]")
    phi, php = unit("1 - theta")
    e_lo, elp = nonneg("E[T 1{T <= theta E T}]")
    e_hi, ehp = nonneg("E[T 1{T > theta E T}]")
    w1, w1p = nonneg("w1")
    w2, w2p = nonneg("w2")
    theta = 1 - phi

    def split(case):
        t, th = case
        c = th * t.mean()
        lo = sum((q * a for a, q in zip(t.atoms, t.probs, strict=True) if a <= c), Fraction(0))
        return lo, th * t.mean()

    def cs(case):
        t, th = case
        c = th * t.mean()
        hi = sum((q * a for a, q in zip(t.atoms, t.probs, strict=True) if a > c), Fraction(0))
        return hi * hi, t.moment(2) * t.prob(lambda x: x > c)

    def final(case):
        t, th = case
        return t.prob(lambda x: x > th * t.mean()), (1 - th) ** 2 * t.mean() ** 2 / t.moment(2)

    steps = [
        Step(
            "PZ1",
            e_lo,
            "<=",
            theta * m1,
            "T <= theta E T on the event; Pr <= 1",
            kind="probability",
            given={e_lo: theta * m1 - w1},
            premises=("monotonicity of E",),
            params=[elp, php, m1p, w1p],
            law=_pz_law(split),
        ),
        Step(
            "PZ2",
            e_hi**2,
            "<=",
            m2 * prob,
            "Cauchy-Schwarz: E[T 1_A]^2 <= E[T^2] Pr[A]",
            kind="probability",
            given={m2: (e_hi**2 + w2) / prob},
            premises=("Cauchy-Schwarz for expectations",),
            params=[ehp, m2p, pp, w2p],
            law=_pz_law(cs),
        ),
        Step(
            "PZ3",
            prob,
            ">=",
            phi**2 * m1**2 / m2,
            "E T = E[T 1{T <= theta E T}] + E[T 1{T > theta E T}], then (PZ1), (PZ2)",
            kind="probability",
            given={prob: (((phi * m1 + w1) ** 2) + w2) / m2},
            premises=("linearity of E", "(PZ1)", "(PZ2)"),
            params=[pp, php, m1p, m2p, w1p, w2p],
            law=_pz_law(final),
        ),
    ]
    return Claim(
        "Lemma B.2 (corrected)",
        "Pr[T > theta E T] >= (1-theta)^2 (E T)^2 / E T^2",
        [php],
        steps,
        source="corrected",
        corrects="Lemma B.2",
        section="B",
        domain="T >= 0 with 0 < E T^2 < oo, theta in [0, 1]",
    )


# ----- Theorem 5.1 (corrected) -----------------------------------------------------------
def theorem_5_1() -> tuple[Claim, Claim]:
    det_s = sp.Symbol("det_Sigma_i", positive=True)
    w, wp = nonneg("w")
    c_inv, cp = positive("1^T Sigma_i^-1 1")
    log_det = sp.Symbol("ln det Sigma_i", real=True)
    m_def = sp.sqrt((-2 * sp.log(delta) - log_det) / c_inv)
    s2, s2p = nonneg("||mu_N||^2")
    det_p = Param("det_Sigma_i", det_s, lo=0, lo_open=True)
    m_n = delta ** (-2 / d_a)
    f_n = TWO_PI * (m_n**d_a) ** sp.Rational(-1, 2) * sp.exp(-s2 / (2 * m_n))
    steps = [
        Step(
            "B.1' (m_i real)",
            -2 * sp.log(delta) - sp.log(det_s),
            ">=",
            sp.Integer(0),
            "case det(Sigma_i) <= delta^-2: write det(Sigma_i) = delta^-2 e^-w, w >= 0",
            kind="construction",
            given={det_s: delta**-2 * sp.exp(-w)},
            params=[det_p, wp],
        ),
        Step(
            "B.4b'",
            (t51.m * t51.ONE).T * t51.Sigma.I * (t51.m * t51.ONE),
            "=",
            t51.m**2 * (t51.ONE.T * t51.Sigma.I * t51.ONE),
            "mu_i = m_i 1",
            params=[Param("m_i", t51.m)],
        ),
        Step(
            "B.4c'",
            sp.exp(-(m_def**2) * c_inv / 2),
            "=",
            sp.exp(sp.log(delta) + log_det / 2),
            "m_i^2 = (-2 ln delta - ln det Sigma_i) / (1^T Sigma_i^-1 1)",
            params=[cp, Param("ln det Sigma_i", log_det)],
        ),
        Step(
            "B.4d'",
            TWO_PI / sp.sqrt(det_s) * sp.exp(sp.log(delta) + sp.log(det_s) / 2),
            "=",
            TWO_PI * delta,
            "algebra",
            params=[det_p],
        ),
        Step("B.4e'", TWO_PI * delta, "<=", delta, "(2 pi)^(-d_a/2) <= 1"),
        Step(
            "B.4' (other case)",
            TWO_PI / sp.sqrt(det_s),
            "<=",
            delta,
            "case det(Sigma_i) > delta^-2: m_i := 0 and f_i(0) = sup f_i",
            kind="inequality",
            given={det_s: delta**-2 + w},
            params=[det_p, wp],
        ),
        t51.b5_step(),
        Step(
            "B.6' (Sigma_N := m_N I)",
            f_n,
            "<=",
            delta,
            "f_N(0) = (2 pi)^(-d_a/2) det(m_N I)^(-1/2) exp(-||mu_N||^2/(2 m_N)), "
            "m_N = delta^(-2/d_a)",
            kind="inequality",
            params=[s2p],
        ),
    ]
    dom = "delta in (0, 1]; any N >= 2, weights p, positive-definite Sigma_i, d_a >= 1"
    thm = Claim(
        "Theorem 5.1 (corrected)",
        "the squared-loss minimiser 0 delta-hallucinates",
        [DELTA, D_A, N_P],
        steps,
        source="corrected",
        corrects="Theorem 5.1",
        section="5",
        domain=dom,
    )
    cor = Claim(
        "Corollary 5.2.1 (corrected)",
        "the minimiser delta-hallucinates at every X_j",
        [DELTA, D_A, N_P],
        [
            Step(
                "C.1' (per input)",
                "A*(X_j)",
                "=",
                "E[A(X_j)]",
                "Lemma B.1 at each X_j",
                kind="definition",
            ),
            *[
                Step(
                    f"C.2' {s.name}",
                    s.lhs,
                    s.rel,
                    s.rhs,
                    s.justification,
                    kind=s.kind,
                    given=s.given,
                    params=s.params,
                )
                for s in steps
                if s.name in ("B.4e'", "B.4' (other case)", "B.6' (Sigma_N := m_N I)")
            ],
        ],
        source="corrected",
        corrects="Corollary 5.2.1",
        section="5",
        domain=dom,
    )
    return thm, cor


# ----- Theorem 5.2 (corrected) -----------------------------------------------------------
def theorem_5_2() -> Claim:
    tt, tp = positive("t")
    pi_, pip = unit("p_i", lo_open=True)
    pj, pjp = unit("p_(N+1-i)", lo_open=True)
    qq, qp = nonneg("q")
    b, bp = nonneg("||v0||")
    mn, mnp = nonneg("||mu_i||")
    inner = sp.Symbol("<v0, mu_i>", real=True)
    c, cp = nonneg("c")
    a, ap = nonneg("||v0 - mu_i||")
    u, up = nonneg("u")
    w, wp = nonneg("w")
    s_lam = sp.sqrt(2 * lam)
    steps = [
        Step(
            "pairing",
            pi_ * (tt / pi_) + pj * (-tt / pj),
            "=",
            sp.Integer(0),
            "mu_i = (t/p_i) e, mu_{N+1-i} = -(t/p_{N+1-i}) e (unit e, i <= N/2, N even)",
            params=[tp, pip, pjp],
        ),
        Step(
            "norm",
            tt / pi_,
            ">=",
            tt,
            "p_i <= 1: ||mu_i|| = t/p_i >= t := sqrt(-2 ln delta) + eps",
            given={pi_: 1 / (1 + qq)},
            params=[tp, pip, qp],
        ),
        Step(
            "B.3a'",
            b**2 - 2 * inner + mn**2,
            ">=",
            (mn - b) ** 2,
            "||v0 - mu||^2 = ||v0||^2 - 2<v0, mu> + ||mu||^2, Cauchy-Schwarz <v0, mu> <= "
            "||v0|| ||mu||",
            kind="inequality",
            given={inner: b * mn - c},
            premises=("Cauchy-Schwarz (Lemma B.4)",),
            params=[bp, mnp, cp, Param("<v0, mu_i>", inner)],
        ),
        Step(
            "B.3b'",
            TWO_PI * sp.exp(-(a**2) / 2),
            "<=",
            sp.exp(-((mn - b) ** 2) / 2),
            "(2 pi)^(-d_a/2) <= 1 and (B.3a')",
            kind="inequality",
            given={a: sp.sqrt((mn - b) ** 2 + 2 * c)},
            premises=("(B.3a')",),
            params=[ap, bp, mnp, cp],
        ),
        Step(
            "B.3c'",
            sp.exp(-((mn - b) ** 2) / 2),
            "<=",
            sp.exp(-(s_lam**2) / 2),
            "||mu_i|| >= sqrt(-2 ln delta) + eps, ||v0|| <= eps",
            kind="inequality",
            given={mn: s_lam + b + w + u},
            premises=("||mu_i|| >= sqrt(-2 ln delta) + eps", "||v0|| <= eps"),
            params=[LAM, EPS, up, wp, bp, mnp],
            note="eps = ||v0|| + w with w >= 0",
        ),
        Step(
            "B.3d'",
            sp.exp(-(s_lam**2) / 2),
            "=",
            delta,
            "delta = e^-lambda",
            given=DELTA_AS_EXP,
            params=[LAM],
        ),
    ]
    return Claim(
        "Theorem 5.2 (corrected)",
        "if ||A' - A*|| <= eps, A' delta-hallucinates under the paired construction",
        [DELTA, EPS, D_A, N_P],
        steps,
        source="corrected",
        corrects="Theorem 5.2",
        section="5",
        domain="delta in (0, 1]; eps >= 0; N even; any weights p; d_a >= 1",
    )


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


# ----- Theorem C.1 (corrected) -----------------------------------------------------------
def theorem_c1() -> Claim:
    rho, rhp = unit("rho")
    pi_, pip = unit("p_i", lo_open=True, hi_open=True)
    qi, qip = unit("q(i)")
    qj, qjp = unit("q(j)")
    w1, w1p = nonneg("w1")
    w2, w2p = nonneg("w2")
    ai, aip = unit("E[q(i) | Z_i]")
    bi, bip = unit("E[q(i) | Z_j], j != i")
    px, pxp = unit("p_X(i)")
    uu, uup = positive("u")
    ww, wwp = positive("w")
    steps = [
        *tc1.gibbs_steps(),
        Step(
            "C.2' (other corners)",
            qi,
            "<=",
            rho,
            "under Z_j (j != i): q(i) <= 1 - q(j) <= rho",
            kind="inequality",
            given={qi: 1 - qj - w1, qj: 1 - rho + w2},
            premises=("q in the simplex", "q(j) >= 1 - rho"),
            params=[qip, qjp, rhp, w1p, w2p],
        ),
        Step(
            "C.3' (p_X(i))",
            px,
            "<=",
            pi_ + (1 - pi_) * rho,
            "p_X(i) = p_i E[q(i)|Z_i] + sum_{j != i} p_j E[q(i)|Z_j], (C.2')",
            kind="inequality",
            given={px: pi_ * (1 - w1) + (1 - pi_) * (rho - w2)},
            premises=("q(i) <= 1", "(C.2')"),
            params=[pxp, pip, rhp, w1p, w2p, aip, bip],
        ),
        Step(
            "C.4' (outside corner i)",
            pi_ + (1 - pi_) * rho,
            "<",
            1 - rho,
            "rho < (1 - p_i)/(2 - p_i)",
            kind="inequality",
            given={pi_: 1 - uu, rho: uu / (1 + uu) - ww},
            premises=("rho < (1 - p_i)/(2 - p_i)",),
            params=[pip, rhp, uup, wwp],
        ),
        Step(
            "C.5' (density)",
            sp.Integer(0),
            "<=",
            delta,
            "f_i(p_X) = 0: the uniform law on corner i vanishes off the corner",
            kind="inequality",
            params=[DELTA],
        ),
    ]
    return Claim(
        "Theorem C.1 (corrected)",
        "the cross-entropy minimiser p_X delta-"
        "hallucinates when q | Z_i is uniform on the corner {q in simplex: q(i) >= "
        "1 - rho}",
        [DELTA, N_P],
        steps,
        source="corrected",
        corrects="Theorem C.1",
        section="C",
        domain="delta > 0; N >= 2 states, C >= N classes, any weights "
        "p_i < 1, 0 <= rho < min_i (1 - p_i)/(2 - p_i)",
    )


def claims() -> list[Claim]:
    thm51, cor = theorem_5_1()
    return [lemma_b2(), thm51, cor, theorem_5_2(), theorem_6_1(), theorem_c1()]
