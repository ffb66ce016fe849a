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

from hallbound.proofs_checks.claims.bad_estimations import lemma_b1 as b1
from hallbound.proofs_checks.claims.bad_estimations import theorem_5_1 as t51
from hallbound.proofs_checks.claims.bad_estimations import theorem_5_2 as t52
from hallbound.proofs_checks.claims.bad_estimations import theorem_c1 as tc1
from hallbound.proofs_checks.claims.common import (
    D_A,
    DELTA,
    EPS,
    N_P,
    TWO_PI,
    d_a,
    delta,
    eps,
    nonneg,
    positive,
    unit,
    written_at,
)
from hallbound.proofs_checks.engine.claim import Claim, Param, Premise, Step
from hallbound.proofs_checks.library.lemma_library import CondE, lemma
from hallbound.proofs_checks.library.randomness import E, Pr, random_symbol
from hallbound.symbolic.families.normal import gaussian_density, quadratic_form

# ----- Theorem 5.1 (corrected) -----------------------------------------------------------
#: :math:`\det\Sigma_i` in each case of the construction (two symbols, one per case, each
#: with its case as a stated relation of the claim).
DET_SMALL = sp.Symbol("det_Sigma_i (det <= delta^-2)", positive=True)
DET_LARGE = sp.Symbol("det_Sigma_i (det > delta^-2)", positive=True)
C_INV = sp.Symbol("1^T Sigma_i^-1 1", positive=True)
MU_N = sp.MatrixSymbol("mu_N", d_a, 1)
NORM2_N = sp.Symbol("||mu_N||^2", nonnegative=True)
M_N = delta ** (-2 / d_a)


def _theorem_5_1_parts() -> tuple[list[Step], list, list]:
    r"""Steps, stated relations and conclusions of Theorem 5.1 (corrected).

    Densities come from :func:`hallbound.symbolic.families.normal.gaussian_density`:
    :math:`f_i(0)` has quadratic form :math:`m_i^2\,\mathbf 1^\top\Sigma_i^{-1}\mathbf 1`
    (B.4b') when :math:`\det\Sigma_i \le \delta^{-2}`, and 0 (:math:`m_i := 0`) otherwise;
    :math:`f_N(0)` is the :math:`N(\mu_N, m_N I)` density at 0.
    """
    m_def = sp.sqrt((-2 * sp.log(delta) - sp.log(DET_SMALL)) / C_INV)
    # the case det <= delta^-2, written ln det <= -2 ln delta (log is increasing)
    small, large = sp.Le(sp.log(DET_SMALL), -2 * sp.log(delta)), sp.Gt(DET_LARGE, delta**-2)
    # the density at its quadratic form Q, then Q written out (SymPy would fold both to
    # (2 pi)^(-d_a/2) delta): Q = m_i^2 1^T Sigma_i^-1 1 (B.4b'), then Q = -2 ln delta - ln det
    q = sp.Dummy("Q")
    density = gaussian_density(q, d_a, DET_SMALL)
    f_small = written_at(density, {q: written_at(t51.m**2 * C_INV, {t51.m: m_def})})
    f_small_m = written_at(density, {q: -2 * sp.log(delta) - sp.log(DET_SMALL)})
    f_large = gaussian_density(0, d_a, DET_LARGE)
    zero = sp.ZeroMatrix(d_a, 1)
    f_n = gaussian_density(NORM2_N / M_N, d_a, M_N**d_a)  # det(m_N I) = m_N^d_a
    det_s = Param(DET_SMALL.name, DET_SMALL, lo=0, lo_open=True)
    det_l = Param(DET_LARGE.name, DET_LARGE, lo=0, lo_open=True)
    c_p = Param(C_INV.name, C_INV, lo=0, lo_open=True)
    b5 = t51.b5_step()
    steps = [
        Step(
            "B.1' (m_i real)",
            -2 * sp.log(delta) - sp.log(DET_SMALL),
            ">=",
            sp.Integer(0),
            "case det(Sigma_i) <= delta^-2: the radicand of m_i is >= 0",
            kind="construction",
            premises=(Premise(small, by="hypothesis", solve_for=DET_SMALL),),
            params=[det_s],
        ),
        Step(
            "B.4b'",
            t51.QF_MU_I,
            "=",
            t51.m**2 * sp.Trace(t51.ONE.T * t51.Sigma.I * t51.ONE),
            "mu_i = m_i 1: the quadratic form at 0 is m_i^2 1^T Sigma_i^-1 1",
            params=[Param("m_i", t51.m)],
        ),
        Step(
            "B.4c'",
            f_small,
            "=",
            f_small_m,
            "m_i^2 = (-2 ln delta - ln det Sigma_i) / (1^T Sigma_i^-1 1), in the case "
            "det(Sigma_i) <= delta^-2 (where m_i is real: sqrt(a)^2 = a needs a >= 0)",
            premises=(Premise(small, by="hypothesis", solve_for=DET_SMALL),),
            params=[det_s, c_p],
        ),
        Step(
            "B.4d'",
            f_small_m,
            "=",
            TWO_PI * delta,
            "algebra: det^(-1/2) exp(ln delta + ln det / 2) = delta",
            params=[det_s],
        ),
        Step("B.4e'", TWO_PI * delta, "<=", delta, "(2 pi)^(-d_a/2) <= 1"),
        Step(
            "B.4' (other case)",
            f_large,
            "<=",
            delta,
            "case det(Sigma_i) > delta^-2: m_i := 0 and f_i(0) = sup f_i = (2 pi)^(-d_a/2) "
            "det(Sigma_i)^(-1/2)",
            kind="inequality",
            premises=(Premise(large, by="hypothesis", solve_for=DET_LARGE),),
            params=[det_l],
        ),
        b5,
        Step(
            "B.6a' (Sigma_N := m_N I)",
            quadratic_form(zero, MU_N, M_N * sp.Identity(d_a)),
            "=",
            sp.Trace(MU_N.T * MU_N) / M_N,
            "the quadratic form of the N(mu_N, m_N I) density at 0 (symbolic/families/normal.py):"
            " (0 - mu_N)^T (m_N I)^-1 (0 - mu_N) = ||mu_N||^2 / m_N",
        ),
        Step(
            "B.6' (Sigma_N := m_N I)",
            f_n,
            "<=",
            delta,
            "m_N = delta^(-2/d_a): det(m_N I)^(-1/2) = delta, and exp(-x) <= 1 "
            "(mu_N^T mu_N = ||mu_N||^2 >= 0), (2 pi)^(-d_a/2) <= 1",
            kind="inequality",
            params=[Param(NORM2_N.name, NORM2_N, lo=0)],
        ),
    ]
    assumptions = [small, large]
    conclusion = [
        (f_small, "<=", delta),
        (f_large, "<=", delta),
        (f_n, "<=", delta),
        (b5.lhs, b5.rel, b5.rhs),
    ]
    return steps, assumptions, conclusion


def theorem_5_1() -> tuple[Claim, Claim]:
    steps, assumptions, conclusion = _theorem_5_1_parts()
    dom = "delta in (0, 1]; any N >= 2, weights p, positive-definite Sigma_i, d_a >= 1"
    thm = Claim(
        "Theorem 5.1 (corrected)",
        "the squared-loss minimiser 0 delta-hallucinates: A* = sum_i p_i mu_i = 0 and "
        "f_i(0) <= delta for every state (both cases of det Sigma_i) and for state N",
        [DELTA, D_A, N_P],
        steps,
        source="corrected",
        corrects="Theorem 5.1",
        section="5",
        domain=dom,
        assumptions=assumptions,
        conclusion=conclusion,
    )
    per_input = [
        Step(
            f"C.2' {s.name}",
            s.lhs,
            s.rel,
            s.rhs,
            s.justification,
            kind=s.kind,
            given=s.given,
            premises=s.premises,
            params=s.params,
        )
        for s in steps
    ]
    cor = Claim(
        "Corollary 5.2.1 (corrected)",
        "the minimiser delta-hallucinates at every X_j: at each input E[A(X_j)] minimises "
        "the squared loss (Lemma B.1) and the construction of Theorem 5.1 (corrected) holds",
        [DELTA, D_A, N_P, *b1.HYPOTHESES],
        [b1.statement_step("C.1' (Lemma B.1 at X_j)"), *per_input],
        source="corrected",
        corrects="Corollary 5.2.1",
        section="5",
        domain=dom,
        assumptions=[*b1.ASSUMPTIONS, *assumptions],
        conclusion=[b1.STATEMENT, *conclusion],
    )
    return thm, cor


# ----- Theorem 5.2 (corrected) -----------------------------------------------------------
def theorem_5_2() -> Claim:
    tt, tp = positive("t")
    pi_, pip = unit("p_i", lo_open=True)
    pj, pjp = unit("p_(N+1-i)", lo_open=True)
    qq, qp = nonneg("q")
    # p_i mu_i + p_{N+1-i} mu_{N+1-i} along e, written out (SymPy would fold it to 0)
    pair_sum = sp.Add(
        sp.Mul(pi_, tt / pi_, evaluate=False), sp.Mul(pj, -tt / pj, evaluate=False), evaluate=False
    )
    steps = [
        Step(
            "pairing",
            pair_sum,
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
        *t52.reverse_triangle_chain(
            "B.3'", eps, names=("B.3a'", "B.3c'", "B.3d'", "B.3 (conclusion)'")
        ),
    ]
    return Claim(
        "Theorem 5.2 (corrected)",
        "if ||A' - A*|| <= eps, A' delta-hallucinates under the paired construction: "
        "f_i(v0) <= delta at v0 = A'(X)",
        [DELTA, EPS, D_A, N_P],
        steps,
        source="corrected",
        corrects="Theorem 5.2",
        section="5",
        domain="delta in (0, 1]; eps >= 0; N even; any weights p; d_a >= 1",
        definitions=t52.DIFF_DEFINITION,
        assumptions=[*t52.NORMS, *t52.hypotheses(eps)],
        conclusion=[(t52.density_at_v0(), "<=", delta)],
    )


# ----- Theorem C.1 (corrected) -----------------------------------------------------------
def theorem_c1() -> Claim:
    r"""Targets in the simplex; :math:`q \mid Z_i` uniform on the corner
    :math:`K_i = \{q : q(i) \ge 1-\rho\}`. Statement: :math:`p_X(i) < 1-\rho` (so
    :math:`p_X \notin K_i`) and the density of :math:`q \mid Z_i` at :math:`p_X` is
    :math:`0 \le \delta`."""
    rho, rhp = unit("rho")
    pi_, pip = unit("p_i", lo_open=True, hi_open=True)
    # q(i), q(j) under the conditional law given Z_j (j != i): random variables of that law
    qi, qj = random_symbol("q(i) | Z_j"), random_symbol("q(j) | Z_j")
    ai, aip = unit("E[q(i) | Z_i]")
    bi = E(qi)  # E[q(i) | Z_j]: the mean of q(i) under the conditional law given Z_j
    px, pxp = unit("p_X(i)")
    vol, volp = positive("vol(K_i)")
    mixed = pi_ + (1 - pi_) * rho
    simplex = sp.Le(qi + qj, 1)  # q(i) + q(j) <= sum_t q(t) = 1
    corner_j = sp.Ge(qj, 1 - rho)  # under Z_j, q is in the corner K_j
    total = sp.Eq(px, pi_ * ai + (1 - pi_) * bi)  # p_X = E q, by total expectation
    monotone = lemma("Monotonicity (expectations)", X=qi, Y=rho)
    constant = lemma("Expectation of a constant", c=rho)
    # the tower rule over {Z_i, not Z_i}: q(i) under the joint law, Z_i the event "state i"
    q_all, z_i = random_symbol("q(i)"), sp.Symbol("Z_i")
    tower = lemma("Total expectation", X=q_all, B=z_i)
    defined = [
        sp.Eq(px, E(q_all)),  # the minimiser is the mean target (Gibbs, C.1b)
        sp.Eq(Pr(z_i), pi_),  # P(Z_i) = p_i
        sp.Eq(Pr(sp.Not(z_i)), 1 - pi_),
        sp.Eq(CondE(q_all, z_i), ai),  # E[q(i) | Z_i]
        sp.Eq(CondE(q_all, sp.Not(z_i)), bi),  # E[q(i) | not Z_i]: the conditional law's mean
    ]
    small_rho = sp.Lt(rho, (1 - pi_) / (2 - pi_))
    # the uniform density on K_i at p_X: 1/vol(K_i) on the corner, 0 off it
    density = sp.Piecewise((1 / vol, sp.Ge(px, 1 - rho)), (0, True))
    steps = [
        *tc1.gibbs_steps(),
        Step(
            "C.2' (other corners)",
            qi,
            "<=",
            rho,
            "under Z_j (j != i): q(i) <= 1 - q(j) <= rho",
            kind="inequality",
            premises=(
                Premise(simplex, by="hypothesis", solve_for=qi, label="q in the simplex"),
                Premise(corner_j, by="hypothesis", solve_for=qj,
                        label="q(j) >= 1 - rho under Z_j"),
            ),
            params=[rhp],
        ),
        Step(
            "C.2'' (conditional mean)",
            bi,
            "<=",
            rho,
            "E[q(i) | Z_j] <= E[rho] = rho: monotonicity of expectation under the conditional "
            "law given Z_j, with (C.2') at every outcome",
            kind="inequality",
            cites=("C.2' (other corners)",),
            premises=(
                Premise(sp.Le(bi, E(rho)), by=monotone, solve_for=bi),
                Premise(sp.Eq(E(rho), rho), by=constant, solve_for=E(rho)),
            ),
            params=[rhp],
        ),
        Step(
            "C.3a (total expectation)",
            px,
            "=",
            pi_ * ai + (1 - pi_) * bi,
            "p_X(i) = E[q(i)] = P(Z_i) E[q(i) | Z_i] + P(not Z_i) E[q(i) | not Z_i] (tower rule)",
            kind="probability",
            premises=(
                Premise(defined[0], by="hypothesis", solve_for=px),
                Premise(sp.Eq(*tower.conclusion[::2]), by=tower, solve_for=E(q_all)),
                Premise(defined[1], by="hypothesis", solve_for=Pr(z_i)),
                Premise(defined[2], by="hypothesis", solve_for=Pr(sp.Not(z_i))),
                Premise(defined[3], by="hypothesis", solve_for=CondE(q_all, z_i)),
                Premise(defined[4], by="hypothesis", solve_for=CondE(q_all, sp.Not(z_i))),
            ),
            params=[pxp, pip, aip],
        ),
        Step(
            "C.3' (p_X(i))",
            px,
            "<=",
            mixed,
            "p_X(i) = p_i E[q(i)|Z_i] + sum_{j != i} p_j E[q(i)|Z_j], E[q(i)|Z_i] <= 1, (C.2')",
            kind="inequality",
            premises=(
                Premise(total, by="C.3a (total expectation)", solve_for=px),
                Premise(sp.Le(bi, rho), by="C.2'' (conditional mean)", solve_for=bi),
            ),
            params=[pxp, pip, rhp, aip],
        ),
        Step(
            "C.4' (outside corner i)",
            mixed,
            "<",
            1 - rho,
            "rho < (1 - p_i)/(2 - p_i)",
            kind="inequality",
            premises=(Premise(small_rho, by="hypothesis", solve_for=rho),),
            params=[pip, rhp],
        ),
        Step(
            "C.4'' (p_X outside corner i)",
            px,
            "<",
            1 - rho,
            "(C.3') and (C.4')",
            kind="inequality",
            premises=(
                Premise(sp.Le(px, mixed), by="C.3' (p_X(i))", solve_for=px),
                Premise(sp.Lt(mixed, 1 - rho), by="C.4' (outside corner i)", solve_for=pi_),
            ),
            params=[pxp, pip, rhp],
        ),
        Step(
            "C.5' (density)",
            density,
            "<=",
            delta,
            "f_i(p_X) = 0: the uniform law on corner i vanishes off the corner, (C.4'')",
            kind="inequality",
            premises=(
                Premise(sp.Lt(px, 1 - rho), by="C.4'' (p_X outside corner i)", solve_for=px),
            ),
            params=[DELTA, pxp, rhp, volp],
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
        assumptions=[simplex, corner_j, *defined, small_rho, *tc1.SUMS_ONE],
        conclusion=[(px, "<", 1 - rho), (density, "<=", delta)],
    )


def claims() -> list[Claim]:
    thm51, cor = theorem_5_1()
    return [thm51, cor, theorem_5_2(), theorem_c1()]
