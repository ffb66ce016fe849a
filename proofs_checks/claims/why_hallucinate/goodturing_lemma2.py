r"""Kalai et al. (2025), App. B: Lemma 2 (``2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N)``), step
by step."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from hallbound.proofs_checks.claims.common import written_at
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    facts_law,
    param,
    sym,
    worst,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    ELL,
    GG,
    N2,
    NN,
    N,
    ell,
    g,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma1 import PHI
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2_close import (
    MODEL2,
    STMT2,
    closing_steps,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.library.randomness import Pr
from hallbound.symbolic.why_hallucinate.facts import ALGORITHMS, Facts

# ----- Lemma 2 ---------------------------------------------------------------------------
rr = sym("r", nonnegative=True)  # sqrt(ln(10/gamma)) (a definition of the claim)


def _gamma_c(f: Facts, inst, c: int) -> Fraction:
    pr = inst.prompts[c]
    t_ = inst.threshold()
    neg_a = int(pr.p_hat[0] <= t_)
    pos_e = sum(int(pr.p_hat[j] > t_) for j in range(2, len(pr.p_hat)))
    return F(neg_a, 2) + F(pos_e, 2 * (f.sizes[c] - 1))


def _l2_rhs7(f: Facts, inst) -> Fraction:
    return sum((f.mu_prime(c) * _gamma_c(f, inst, c) for c in f.unanswered()), F(0))


def _alg(f: Facts) -> str:
    return ALGORITHMS[(len(f.sample) + sum(f.sizes)) % len(ALGORITHMS)]


def _l2_step9(f: Facts) -> tuple[Fraction, Fraction]:
    """The likelihood of the sample does not depend on a_c for c in U."""

    def lik(answer):
        out = F(1)
        for c, r in f.sample:
            out *= f.mu[c] * (f.alpha[c] if r >= 0 else 1 - f.alpha[c])
            if r >= 0 and r != answer[c]:
                return F(0)
        return out

    base = lik(f.answer)
    alt = list(f.answer)
    for c in f.unanswered():
        alt[c] = (alt[c] + 1) % f.sizes[c]
    return lik(tuple(alt)), base


def _l2_step10(f: Facts) -> tuple[Fraction, Fraction]:
    """E over a_c ~ Unif(R_c) of gamma_c, with f-hat fixed (a random labelling of R_c)."""
    rng = np.random.default_rng(len(f.sample) * 7919 + sum(f.sizes))
    worst_ = F(0)
    for c in range(len(f.mu)):
        n = f.sizes[c]
        label = [bool(x) for x in rng.integers(0, 2, size=n)]  # f-hat(c, r) = +
        e = (
            sum(
                (
                    F(int(not label[a]), 2)
                    + F(sum(label[r] for r in range(n) if r != a), 2 * (n - 1))
                    for a in range(n)
                ),
                F(0),
            )
            / n
        )
        worst_ = max(worst_, abs(e - F(1, 2)))
    return worst_, F(0)


def _step_2() -> list[Step]:
    """Steps 2-4: sqrt(ln(10/gamma)) <= ln(3N/gamma) and the constant 6."""
    lm = sp.log(6 / g)
    by6c0 = Premise(sp.Ge(ell, 1), "6c0", ell)
    return [
        Step("2", rr, "<=", lm,
             "sqrt(ln(10/gamma)) <= ln(6/gamma) for gamma in (0, 1] (the case N = 2; "
             "1.517 <= 1.792 at gamma = 1, and the right side grows faster in ln(1/gamma))",
             kind="inequality", params=(N2, GG)),
        Step("2 (in ell)", rr, "<=", ell, "steps 2 and 13a: r <= ln(6/gamma) <= ln(3N/gamma)",
             kind="inequality", params=(N2, GG),
             premises=(Premise(sp.Le(rr, lm), "2", rr),
                       Premise(sp.Ge(ell, lm), "13a", ell))),
        Step("2 (N=2, gamma=1)", sp.sqrt(sp.log(10)), "<=", sp.log(6), "[added] 1.517 <= 1.792",
             params=()),
        Step("3", sp.sqrt(2) + F(442, 100), "<=", 6, "arithmetic (5.834... <= 6)", params=()),
        Step("4a", F(442, 100) * rr / sp.sqrt(N) + sp.sqrt(2 / N) * ell, "<=",
             (F(442, 100) + sp.sqrt(2)) * ell / sp.sqrt(N),
             "steps 1-2: r = sqrt(ln(10/gamma)) <= ell", kind="inequality",
             params=(N2, GG, param(rr, 0, None, search=(0, 10))),
             premises=(Premise(sp.Le(rr, ell), "2 (in ell)", rr),)),
        Step("4", (F(442, 100) + sp.sqrt(2)) * ell / sp.sqrt(N), "<=", 6 * ell / sp.sqrt(N),
             "step 3 (ell >= 1 > 0): it suffices that 2 err_iiv >= MM - sqrt(2/N) ln(3N/gamma)",
             kind="inequality", params=(N2, GG), cites=("3",), premises=(by6c0,)),
    ]


def _log_steps() -> list[Step]:
    """ln(3N/gamma) >= ln(6/gamma) >= 1.7 (N >= 2, gamma <= 1), and ln(3N/gamma) >= 1."""
    return [
        Step("13a", ell, ">=", sp.log(6 / g), "ln(6/gamma) <= ln(3N/gamma) iff N >= 2",
             kind="inequality", params=(N2, GG)),
        Step("2a", sp.log(10 / g), "<=", sp.log(6 / g) + 1, "ln(10/6) <= 1", params=(GG,)),
        Step("2b", sp.log(6 / g), ">=", sp.Rational(17, 10), "ln 6 = 1.79... (gamma <= 1)",
             params=(N2, GG)),
        Step("6c0", ell, ">=", 1, "ln(3N/gamma) >= ln(6/gamma) >= 1.7 (steps 13a, 2b)",
             kind="inequality", params=(N2, GG),
             premises=(Premise(sp.Ge(ell, sp.log(6 / g)), "13a", ell),
                       Premise(sp.Ge(sp.log(6 / g), sp.Rational(17, 10)), "2b", g))),
    ]


def lemma_2() -> Claim:
    zeta = ell / N
    lm = sp.log(6 / g)
    n_r = sym("n", positive=True, integer=True)  # |R_c| in step 10
    pos = sym("P", nonnegative=True)  # #{r : f-hat(c, r) = +} in step 10
    i_neg, q_pos = sym("i", nonnegative=True), sym("q", nonnegative=True)  # gamma_c's parts
    x_c, d_c = sym("x", nonnegative=True), sym("d", nonnegative=True)  # mu'(c), max - mu'(c)
    unit = (param(i_neg, 0, 1), param(q_pos, 0, 1))
    # the paper's computations written out (SymPy would fold each to its right-hand side)
    x, s2 = sp.Dummy("x"), sp.Dummy("s2")
    at_half = written_at(5 / g, {g: g / 2})  # Lemma 1's 5/gamma at gamma/2
    heavy_tail = written_at(sp.exp(-x * N), {x: sp.log(3 * N / g) / N})  # e^(-zeta N)
    # Hoeffding e^(-2 t^2 / sum_c mu'(c)^2) at t^2 = zeta ln(6/gamma)/2, sum <= zeta
    hoeffding = written_at(sp.exp(-2 * x / s2), {x: zeta * lm / 2, s2: zeta})
    failures = sp.Add(g / 3, g / 6, evaluate=False)
    logs = (Premise(sp.Ge(ell, lm), "13a", ell),
            Premise(sp.Ge(lm, sp.Rational(17, 10)), "2b", g))
    steps = [
        Step("0", 6 * sp.log(3), ">", 1, "N = 1: the claim is trivial", params=()),
        Step("1", at_half, "=", 10 / g, "Lemma 1 at gamma/2", params=(GG,)),
        *_log_steps(),
        *_step_2(),
        Step("6b", heavy_tail, "=", g / (3 * N), "zeta = ln(3N/gamma)/N", params=(NN, GG)),
        Step("6c", (1 / zeta) * g / (3 * N), "<=", g / 3, "ln(3N/gamma) >= 1 (step 6c0)",
             kind="inequality", premises=(Premise(sp.Ge(ell, 1), "6c0", ell),),
             params=(N2, GG)),
        Step("8 (range)", (i_neg + q_pos) / 2, "<=", 1,
             "gamma_c = (i + q)/2 with i = I[f-hat(c, a_c) = -] and q = #{r != a_c : "
             "f-hat(c, r) = +}/(|R_c| - 1), both in [0, 1]",
             kind="inequality", params=unit,
             law=facts_law(
                 lambda f: (worst(_gamma_c(f, f.model(_alg(f)), c) for c in range(len(f.mu))),
                            F(1)))),
        Step(
            "10",
            ((n_r - pos) / 2 + pos * (n_r - 1) / (2 * (n_r - 1))) / n_r,
            "=",
            sp.Rational(1, 2),
            "E[gamma_c | data] over a_c ~ Unif(R_c), n = |R_c|, P = #{r : f-hat(c, r) = +}: "
            "sum_a I[f-hat(a) = -]/2 = (n - P)/2 and sum_a sum_(r != a) I[f-hat(r) = +] = "
            "(n - 1) P; each r contributes 1/(2n) (the law checks |E - 1/2| = 0 exactly)",
            kind="algebra",
            params=(param(n_r, 2, None, search=(2, 400)), param(pos, 0, None, search=(0, 400))),
            law=facts_law(lambda f: (F(1, 2) + _l2_step10(f)[0], F(1, 2))),
        ),
        Step("11", x_c**2, "<=", (x_c + d_c) * x_c,
             "each term: mu'(c)^2 <= max_U mu' * mu'(c) (d = max_U mu' - mu'(c) >= 0); "
             "summed over U, sum_U mu'^2 <= max_U mu' * MM (stated, with max_U mu' <= "
             "MaxMissed(N) <= zeta off the event of step 6)",
             kind="inequality", params=(param(x_c, 0, 1), param(d_c, 0, 1))),
        Step("12", hoeffding, "=", g / 6, "Hoeffding with ranges [0, mu'(c)] and "
             "sum mu'^2 <= zeta", params=(NN, GG, ELL)),
        Step("13", (2 * sp.sqrt(zeta * lm / 2)) ** 2, "<=", (ell * sp.sqrt(2 / N)) ** 2,
             "step 13a (both sides >= 0, compared squared: 2 ell ln(6/gamma)/N <= "
             "2 ell^2/N)", kind="inequality", premises=logs, params=(N2, GG)),
        Step("14", failures, "=", g / 2, "total failure probability", params=(GG,)),
        *closing_steps(),
    ]
    return claim(
        "Lemma 2",
        "Pr[2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N)] >= 1 - gamma",
        steps,
        hypotheses=[NN, GG, PHI],
        # ell := ln(3N/gamma) (zeta = ell/N), r := sqrt(ln(10/gamma))
        definitions={ell: sp.log(3 * N / g), rr: sp.sqrt(sp.log(10 / g))},
        assumptions=MODEL2,
        conclusion=[(Pr(STMT2), ">=", 1 - g)],
        section="B",
        note="err_iiv, MM, sr, S = sum_U mu'(c) gamma_c, V = sum_U mu'(c)^2: random; the "
        "stated relations are Lemma 1's model of the sample, steps 5 and 7-9 (err_iiv >= S; "
        "given the data, S is a sum of independent terms in [0, mu'(c)] with mean MM/2), "
        "step 11 summed over U, and the ranges of S, V and MaxMissed(N)",
    )


def _gamma_values(labels) -> list[Fraction]:
    """gamma_c at each answer a (uniform on R_c): 1/2 (I[f(a) = -] + #{r != a: f(r) = +}
    / (|R_c| - 1))."""
    k = len(labels)
    return [
        F(int(not labels[a]), 2) + F(sum(labels[r] for r in range(k) if r != a), 2 * (k - 1))
        for a in range(k)
    ]
