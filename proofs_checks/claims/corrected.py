r"""Corrected claims: every step PROVED (SymPy, with the named premises) or CERTIFIED.

* ``Theorem 5.1 (corrected)``: :math:`m_i` uses :math:`\mathbf 1^\top\Sigma_i^{-1}\mathbf 1`
  and is taken 0 when :math:`\det\Sigma_i > \delta^{-2}`; :math:`\Sigma_N := m_N I`.
* ``Corollary 5.2.1 (corrected)``: the corrected construction at every input.
* ``Theorem 5.2 (corrected)``: pairing :math:`i \leftrightarrow N+1-i`; reverse triangle
  inequality in the chain.
* ``Theorem C.1 (corrected)``: targets in the simplex, uniform on the corners
  :math:`\{q : q(i) \ge 1-\rho\}`.
"""

from __future__ import annotations

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

TWO_PI = (2 * sp.pi) ** (-d_a / 2)


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
    return [thm51, cor, theorem_5_2(), theorem_c1()]
