r"""Kalai et al. (2025), Theorem 2 (Arbitrary Facts): the lower and the upper bound, step by
step, closing on the symbolic statement (the general forms at confidence 1 - gamma).

* LB: :math:`\Pr[err \ge sr - 2/K - 6\ln(3N/\gamma)/\sqrt N - \delta] \ge 1 - \gamma`, from
  Lemma 2 (cited) and Theorem 1 with :math:`k = 2` on every realization (a stated relation,
  the paper's step LB 1): an implication between the events (z3 at every outcome).
* UB: the calibrated algorithm's :math:`err_{cal} \le MM\,L/(L+1)` on every realization
  (stated: the paper's steps UB 1-3) and Lemma 1 (cited) give
  :math:`\Pr[err_{cal} \le sr - sr/(L+1) + 5\sqrt{\ln(5/\gamma)/N}] \ge 1 - \gamma`.

The stated relations are checked on every realization of small enumerated Arbitrary-Facts
instances in the tests. The 99% constants (35, 13) are arithmetic steps.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.claims.common import written_at
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    facts_law,
    param,
    sym,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    NN,
    N,
    W,
    g,
    phi,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma1 import (
    L1_STATEMENT,
    MM,
    PHI,
    SR,
    lemma_1,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import lemma_2
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2_close import (
    ERR_IIV,
    MODEL2,
    STMT2,
)
from hallbound.proofs_checks.engine.citation import cite
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import Pr, random_symbol
from hallbound.symbolic.why_hallucinate.facts import Facts

ERR, DELTA, ERR_CAL = (random_symbol(n) for n in ("err", "delta", "err_cal"))
K = sym("K", positive=True, integer=True)
L = sym("L", positive=True, integer=True)
KP = param(K, 1, None, search=(1, 400))
LP = param(L, 1, None, search=(1, 400))
#: The general lower bound's event: err >= sr - 2/K - 6 ln(3N/gamma)/sqrt(N) - delta.
LB_EVENT = sp.Ge(ERR, SR - 2 / K - 6 * sp.log(3 * N / g) / sp.sqrt(N) - DELTA)
#: The general upper bound's event for the calibrated algorithm.
UB_EVENT = sp.Le(ERR_CAL, SR - SR / (L + 1) + 5 * sp.sqrt(sp.log(5 / g) / N))
#: Lemma 2's event with its definition of ell written out.
STMT2_OUT = STMT2.xreplace(lemma_2().definitions)
#: The stated relations: Lemma 2's, Theorem 1 with k = 2 (LB 1), err_cal <= MM L/(L+1).
MODEL_T2 = (*MODEL2, sp.Ge(ERR, 2 * ERR_IIV - 2 / K - DELTA), sp.Le(ERR_CAL, MM * L / (L + 1)))


def probability_steps() -> list[Step]:
    """Lemma 2 and Lemma 1 cited, and the implications to the two bounds."""
    ps = (NN, GG, PHI, KP, LP)
    return [
        Step("LB (Lemma 2)", Pr(STMT2_OUT), ">=", 1 - g, "Lemma 2 (cited)",
             kind="probability", params=ps,
             lemmas=(cite(lemma_2(), N=N, gamma=g, phi0=phi),)),
        Step("LB", Pr(LB_EVENT), ">=", 1 - g,
             "2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N) and err >= 2 err_iiv - 2/K - delta "
             "(LB 1) imply the bound (z3 at every outcome)", kind="probability", params=ps,
             premises=(Premise(sp.Ge(Pr(STMT2_OUT), 1 - g), by="LB (Lemma 2)",
                               solve_for=Pr(STMT2_OUT)),),
             lemmas=(lemma("Monotonicity", A=STMT2_OUT, B=LB_EVENT),)),
        Step("UB (Lemma 1)", Pr(L1_STATEMENT), ">=", 1 - g, "Lemma 1 (cited)",
             kind="probability", params=ps,
             lemmas=(cite(lemma_1(), N=N, gamma=g, phi0=phi),)),
        Step("UB", Pr(UB_EVENT), ">=", 1 - g,
             "MM <= sr + 4.42 sqrt(ln(5/gamma)/N) and err_cal <= MM L/(L+1) give err_cal <= "
             "sr - sr/(L+1) + 5 sqrt(ln(5/gamma)/N) (UB 3-5; z3 at every outcome)",
             kind="probability", params=ps,
             premises=(Premise(sp.Ge(Pr(L1_STATEMENT), 1 - g), by="UB (Lemma 1)",
                               solve_for=Pr(L1_STATEMENT)),),
             lemmas=(lemma("Monotonicity", A=L1_STATEMENT, B=UB_EVENT),)),
    ]


# ----- Theorem 2 -------------------------------------------------------------------------
def theorem_2() -> Claim:
    sr = sym("sr", nonnegative=True)
    n_c = sym("|R_c|", positive=True, integer=True)
    T = sym("T", nonnegative=True)
    ind, al = sym("I", nonnegative=True), sym("alpha_c", nonnegative=True)
    xx = sp.Dummy("x")

    def ub_alg(f: Facts):
        return f.model("calibrated")

    steps = [
        Step(
            "LB 3a",
            6 * sp.log(3 * N / F(1, 100)),
            "=",
            6 * sp.log(300) + 6 * sp.log(N),
            "gamma = 0.01",
            params=(NN,),
        ),
        Step("LB 3b", 6 * sp.log(300), "<=", 35, "6 ln 300 = 34.22... <= 35", params=()),
        Step(
            "UB 3a",
            (n_c - 1) / n_c,
            "<=",
            L / (L + 1),
            "|R_c| <= L + 1",
            kind="inequality",
            premises=(Premise(sp.Le(n_c, L + 1), "hypothesis", L, "|R_c| <= L + 1"),),
            params=(param(n_c, 2, None, search=(2, 400)), W),
        ),
        Step("UB 4", F(442, 100), "<=", 5, "Lemma 1 with 4.42 <= 5", params=()),
        Step(
            "UB 5",
            L / (L + 1) * (sr + T),
            "<=",
            sr - sr / (L + 1) + T,
            "T = 5 sqrt(ln(5/gamma)/N) >= 0",
            kind="inequality",
            params=(param(sr, 0, 1), LP, param(T, 0, None, search=(0, 10))),
        ),
        Step(
            "UB 6", 5 * sp.sqrt(sp.log(500)), "<=", 13, "5 sqrt(ln 500) = 12.46... <= 13", params=()
        ),
        Step(
            "UB 7",
            written_at(ind * (n_c * xx - al), {xx: al / n_c}),
            "=",
            0,
            "delta_z = |sum_c mu(c) sum_(r: phat(r|c) > z) (phat - p)| = 0 for every z: phat = p "
            "off U and on IDK; on U, phat(r|c) = alpha_c/|R_c| is constant on R_c, so R_c lies "
            "on one side of z (I = I[alpha_c/|R_c| > z]) and contributes I (|R_c| "
            "alpha_c/|R_c| - alpha_c) = 0 (the law checks max_z delta_z = 0 exactly)",
            kind="algebra",
            params=(param(ind, 0, 1), param(n_c, 2, None, search=(2, 400)), param(al, 0, 1)),
            law=facts_law(
                lambda f: (
                    max(
                        ub_alg(f).delta(zz)
                        for zz in [*ub_alg(f).breakpoints(), ub_alg(f).threshold()]
                    ),
                    F(0),
                )
            ),
        ),
        *probability_steps(),
    ]
    return claim(
        "Theorem 2",
        "err >= sr - 2/K - 6 ln(3N/gamma)/sqrt(N) - delta; "
        "calibrated: err <= sr - sr/(L+1) + 5 sqrt(ln(5/gamma)/N)",
        steps,
        hypotheses=[NN, GG, PHI, KP, LP],
        assumptions=(*MODEL_T2, sp.Le(n_c, L + 1)),  # L = max_c |E_c| = max_c |R_c| - 1
        conclusion=[(Pr(LB_EVENT), ">=", 1 - g), (Pr(UB_EVENT), ">=", 1 - g)],
        section="4",
        domain="Arbitrary Facts; probability over a and the sample",
        note="err, delta: of any algorithm's output; err_cal: of the calibrated algorithm "
        "(UB 1); the stated relations are Lemma 2's, Theorem 1 with k = 2 on every "
        "realization (LB 1) and err_cal <= MM L/(L+1) (UB 2-3)",
    )
