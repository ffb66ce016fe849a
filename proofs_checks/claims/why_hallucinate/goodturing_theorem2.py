r"""Kalai et al. (2025), Theorem 2 (Arbitrary Facts): the lower and the upper bound, step by
step."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    facts_law,
    param,
    sym,
    worst,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    NN,
    W1,
    N,
    W,
    g,
    w,
    w1,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import _alg
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.symbolic.why_hallucinate import bounds as B
from hallbound.symbolic.why_hallucinate.facts import Facts


# ----- Theorem 2 -------------------------------------------------------------------------
def theorem_2() -> Claim:
    err, err_iiv, sr, delta = (sym(n, nonnegative=True) for n in ("err", "err_iiv", "sr", "delta"))
    K, L, n_c = (sym(n, positive=True, integer=True) for n in ("K", "L", "|R_c|"))
    T = sym("T", nonnegative=True)
    mm = sym("MM", nonnegative=True)
    unit = [param(x, 0, 1) for x in (err, err_iiv, sr, delta, mm)]
    kp = param(K, 1, None, search=(1, 400))
    lp = param(L, 1, None, search=(1, 400))

    def ub_alg(f: Facts):
        return f.model("calibrated")

    steps = [
        Step(
            "LB 1",
            "err",
            ">=",
            "2 err_iiv - 2/K - delta",
            "k = 2, p(V) = 1: Theorem 1 on every realization",
            kind="inequality",
            law=facts_law(lambda f: (f.model(_alg(f)).err(), f.model(_alg(f)).theorem1_rhs())),
        ),
        Step(
            "LB 2",
            err,
            ">=",
            B.SINGLETON_LOWER.subs({B.sr: sr, B.K: K, B.delta: delta, B.N: N, B.gamma: g}),
            "Lemma 2: 2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N)",
            kind="inequality",
            given={
                err: 2 * err_iiv - 2 / K - delta + w,
                err_iiv: (sr - B.LB_TERM.subs({B.N: N, B.gamma: g})) / 2 + w1,
            },
            premises=("step LB 1", "Lemma 2"),
            params=(*unit, kp, NN, GG, W, W1),
        ),
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
            "UB 1",
            "sum_r phat(r|c)",
            "=",
            1,
            "the calibrated algorithm outputs a distribution",
            kind="construction",
            law=facts_law(
                lambda f: (worst(abs(sum(c.p_hat) - 1) for c in ub_alg(f).prompts), F(0))
            ),
        ),
        Step(
            "UB 2",
            "err",
            "=",
            "sum_{c in U} mu(c) alpha_c (|R_c| - 1)/|R_c|",
            "only U has error mass",
            kind="algebra",
            law=facts_law(
                lambda f: (
                    ub_alg(f).err(),
                    sum(
                        (
                            f.mu[c] * f.alpha[c] * F(f.sizes[c] - 1, f.sizes[c])
                            for c in f.unanswered()
                        ),
                        F(0),
                    ),
                )
            ),
        ),
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
        Step(
            "UB 3b",
            "err",
            "<=",
            "MM L/(L+1)",
            "steps UB 2-3a",
            kind="inequality",
            law=facts_law(
                lambda f: (ub_alg(f).err(), f.missing_mass() * F(ub_alg(f).L, ub_alg(f).L + 1))
            ),
        ),
        Step("UB 4", F(442, 100), "<=", 5, "Lemma 1 with 4.42 <= 5", params=()),
        Step(
            "UB 5",
            L / (L + 1) * (sr + T),
            "<=",
            sr - sr / (L + 1) + T,
            "T = 5 sqrt(ln(5/gamma)/N) >= 0",
            kind="inequality",
            params=(param(sr, 0, 1), lp, param(T, 0, None, search=(0, 10))),
        ),
        Step(
            "UB 6", 5 * sp.sqrt(sp.log(500)), "<=", 13, "5 sqrt(ln 500) = 12.46... <= 13", params=()
        ),
        Step(
            "UB 7",
            "max_z delta_z",
            "=",
            0,
            "phat = p off U; on U, phat is constant on R_c and matches IDK",
            kind="algebra",
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
        Step(
            "LB (simulation)",
            "Pr[err >= sr - 2/K - 6 ln(3N/gamma)/sqrt(N) - delta]",
            ">=",
            "1 - gamma",
            "Monte Carlo: M = N = 1e5, |R_c| = 365, alpha ~ U[0.5, 1], gamma = 0.01, "
            "memorize-idk (err = 0, delta large) and calibrated",
            kind="probability",
            law=_sim_law("lower"),
        ),
        Step(
            "UB (simulation)",
            "Pr[err <= sr - sr/(L+1) + 5 sqrt(ln(5/gamma)/N)]",
            ">=",
            "1 - gamma",
            "Monte Carlo: the calibrated algorithm, M = N = 1e5, |R_c| = 365, gamma = 0.01",
            kind="probability",
            law=_sim_law("upper"),
        ),
    ]
    return claim(
        "Theorem 2",
        "err >= sr - 2/K - 6 ln(3N/gamma)/sqrt(N) - delta; "
        "calibrated: err <= sr - sr/(L+1) + 5 sqrt(ln(5/gamma)/N)",
        steps,
        hypotheses=[NN, GG],
        assumptions=(sp.Le(n_c, L + 1),),  # L = max_c |E_c| = max_c |R_c| - 1
        section="4",
        domain="Arbitrary Facts; probability over a and the sample",
    )


def _sim_law(which: str) -> LawCheck:
    """Theorem 2 by simulation (:mod:`hallbound.numeric.why_hallucinate`): the count of
    trials where the bound holds, as a Monte Carlo estimate with an exact binomial interval."""
    from hallbound.proofs_checks.engine.probability import MCEstimate

    def evaluate(case: tuple[str, int]) -> tuple[Any, Fraction]:
        from hallbound.numeric.why_hallucinate import simulate

        algorithm, seed = case
        trials = 60
        sim = simulate(10**5, 10**5, 365, (0.5, 1.0), algorithm, trials, seed, (0.01,))
        fails = sim.failures["0.01"][which]["failures"]
        return MCEstimate(trials - fails, trials), F(99, 100)

    algs = ("calibrated", "memorize-idk") if which == "lower" else ("calibrated",)
    return LawCheck(
        lambda rng: (algs[0], int(rng.integers(0, 2**31))),
        evaluate,
        lambda cs: {"algorithm": cs[0], "seed": cs[1]},
        trials=0,
        cases=[(a, 1) for a in algs],
        label="Monte Carlo, 60 simulated trials per algorithm (numba)",
        monte_carlo=True,
    )
