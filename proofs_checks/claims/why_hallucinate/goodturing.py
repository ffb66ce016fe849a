r"""Kalai et al. (2025), App. B and Theorem 2: Corollary 3 (Good-Turing), Lemma 1, Lemma 2
and Theorem 2, step by step (``paper="why-hallucinate"``).

Constant and algebraic steps are proved by SymPy (or certified over a stated box);
deterministic steps about one realization are checked exactly on random small
Arbitrary-Facts realizations; tail bounds are checked exactly by enumerating every sample
of small :math:`N` (where they are close to vacuous: the simulator tests large :math:`N`).
The cited tail inequalities (McAllester-Ortiz, McDiarmid, Hoeffding) enter as premises.
"""

from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

from hallbound.precision import EXACT_DIGITS
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
    _gt_law,
    _means,
    _mp,
    _prob,
    ell,
    g,
    phi,
    u,
    union_step,
    w,
    z,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import lemma_2
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_theorem2 import theorem_2
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.premises import AS_FACT
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.symbolic.why_hallucinate.facts import Facts
from hallbound.symbolic.why_hallucinate.instances import random_simplex


def nu_steps() -> list[Step]:
    r""":math:`\nu(1-\nu)^{N-1} \le 1/N` for every integer :math:`N \ge 1` and
    :math:`\nu \in (0, 1)`, proved for symbolic :math:`N`: :math:`\ln x \le x - 1` (calculus)
    at :math:`x = N\nu` and :math:`x = 1 - \nu` gives
    :math:`\ln(N\nu) + (N-1)\ln(1-\nu) \le N\nu - 1 - (N-1)\nu = \nu - 1 \le 0`, the
    logarithm of :math:`N\nu(1-\nu)^{N-1} \le 1`. (At :math:`\nu = 0` the left side is 0, at
    :math:`\nu = 1` it is :math:`0^{N-1} \le 1/N`.)"""
    x = sym("x", positive=True)
    nu = sym("nu", positive=True)
    x_p = param(x, 0, None, lo_open=True, search=(1e-6, 100))
    nu_p = param(nu, 0, 1, lo_open=True, hi_open=True)
    log_form = sp.log(N * nu) + (N - 1) * sp.log(1 - nu)
    ln = "1b (log bound)"
    return [
        Step(ln, sp.log(x), "<=", x - 1, "concavity of log", kind="calculus", params=[x_p]),
        Step(
            "1b (log form)",
            log_form,
            "<=",
            sp.Integer(0),
            "(1b) at x = N nu and x = 1 - nu: <= N nu - 1 - (N - 1) nu = nu - 1 <= 0",
            kind="inequality",
            premises=(
                Premise(sp.Le(sp.log(N * nu), N * nu - 1), by=ln, solve_for=sp.log(N * nu)),
                Premise(sp.Le(sp.log(1 - nu), -nu), by=ln, solve_for=sp.log(1 - nu)),
            ),
            params=[nu_p, NN],
        ),
        Step(
            "1b",
            nu * (1 - nu) ** (N - 1),
            "<=",
            1 / N,
            "nu(1-nu)^(N-1) <= 1/N (max at nu = 1/N): the exponential of (1b, log form)",
            kind="inequality",
            premises=(Premise(sp.Le(log_form, 0), by="1b (log form)", solve_for=AS_FACT),),
            params=[nu_p, NN],
        ),
    ]


def corollary_3() -> Claim:
    eps1 = sp.sqrt(sp.log(4 / g) / N)
    eps2 = sp.sqrt(2 * sp.log(4 / g) / N)
    # the tail bounds at eps1, eps2 and c_i = 2/N, written out (SymPy would fold each to gamma/2)
    e, c = sp.Dummy("epsilon"), sp.Dummy("c")
    tail_1 = written_at(2 * sp.exp(-N * e**2), {e: eps1})
    tail_2 = written_at(2 * sp.exp(-2 * e**2 / (N * c**2)), {e: eps2, c: 2 / N})

    def tail(cs, width):
        nu, n, gam = cs
        eg, em = _means(cs)
        e = mpmath.sqrt(mpmath.log(4 / _mp(gam)) / n) * width
        return _prob(cs, lambda m, gt: abs(_mp(m) - _mp(em)) >= e), gam / 2

    def final(cs):
        nu, n, gam = cs
        e = 1 / mpmath.mpf(n) + mpmath.mpf("2.42") * mpmath.sqrt(mpmath.log(4 / _mp(gam)) / n)
        return _prob(cs, lambda m, gt: abs(_mp(m) - _mp(gt)) <= e), 1 - gam

    steps = [
        Step(
            "1a",
            "E[GT] - E[M]",
            "=",
            "sum_x nu(x)^2 (1 - nu(x))^(N-1)",
            "[added] closed forms of E GT and E M",
            kind="probability",
            law=_gt_law(
                lambda cs: (
                    _means(cs)[0] - _means(cs)[1],
                    sum((x * x * (1 - x) ** (cs[1] - 1) for x in cs[0]), F(0)),
                ),
                "closed form",
            ),
        ),
        *nu_steps(),
        Step(
            "1c",
            "E[GT] - E[M]",
            "<=",
            "1/N",
            "sum_x nu(x) * (nu(x)(1-nu(x))^(N-1)) <= 1/N",
            kind="inequality",
            law=_gt_law(lambda cs: (_means(cs)[0] - _means(cs)[1], F(1, cs[1])), "1/N"),
        ),
        Step(
            "2 (tail)",
            "Pr[|M - E M| >= eps1]",
            "<=",
            "gamma/2",
            "McAllester-Ortiz Thms 10 and 16 (external) and a union bound",
            kind="probability",
            law=_gt_law(lambda cs: tail(cs, 1), "eps1 = sqrt(ln(4/gamma)/N)"),
            note="cited tail bound: checked here only on small exact laws",
        ),
        Step(
            "2 (arithmetic)",
            tail_1,
            "=",
            g / 2,
            "eps1^2 = ln(4/gamma)/N",
            params=(NN, GG),
        ),
        Step(
            "3",
            "max |GT(s) - GT(s')|",
            "<=",
            "2/N",
            "replacing one sample",
            kind="inequality",
            law=LawCheck(
                _replace_case,
                _replace_eval,
                lambda cs: {"sample": list(cs[0]), "N": len(cs[0])},
                trials=150,
                label="exact, every single replacement of random samples",
            ),
        ),
        Step(
            "4 (McDiarmid)",
            tail_2,
            "=",
            g / 2,
            "McDiarmid with c_i = 2/N, eps2^2 = 2 ln(4/gamma)/N",
            params=(NN, GG),
            premises=("McDiarmid's inequality (cited)",),
        ),
        Step(
            "4 (tail)",
            "Pr[|GT - E GT| >= eps2]",
            "<=",
            "gamma/2",
            "McDiarmid",
            kind="probability",
            law=_gt_law(
                lambda cs: (
                    _prob(
                        cs,
                        lambda m, gt: (
                            abs(_mp(gt) - _mp(_means(cs)[0]))
                            >= mpmath.sqrt(2 * mpmath.log(4 / _mp(cs[2])) / cs[1])
                        ),
                    ),
                    cs[2] / 2,
                ),
                "eps2",
            ),
        ),
        Step(
            "5",
            1 / N + eps1 + eps2,
            "=",
            1 / N + (1 + sp.sqrt(2)) * sp.sqrt(sp.log(4 / g) / N),
            "triangle inequality and union bound (gamma/2 + gamma/2)",
            params=(NN, GG),
        ),
        union_step(
            "5 (union bound)",
            "|M - E M| - eps1",
            g / 2,
            "|GT - E GT| - eps2",
            g / 2,
            g,
            "the two tails of steps 2 and 4 together",
        ),
        Step("6", 1 + sp.sqrt(2), "<=", F(242, 100), "arithmetic", params=()),
        Step(
            "Corollary 3",
            "Pr[|M - GT| <= 1/N + 2.42 sqrt(ln(4/gamma)/N)]",
            ">=",
            "1 - gamma",
            "steps 1-6",
            kind="probability",
            law=_gt_law(final, "the statement"),
        ),
    ]
    return claim(
        "Corollary 3",
        "Pr[|M - GT| <= 1/N + 2.42 sqrt(ln(4/gamma)/N)] >= 1 - gamma",
        steps,
        hypotheses=[NN, GG],
        section="B",
    )


def _nu_case(rng: np.random.Generator) -> tuple[Fraction, int]:
    n = int(rng.integers(1, 201))
    if rng.random() < 0.3:  # near the maximiser 1/N
        return F(1, n) + F(int(rng.integers(-3, 4)), 1000 * n) if n > 1 else F(1, 2), n
    return F(int(rng.integers(0, 1001)), 1000), n


def _replace_case(rng: np.random.Generator) -> tuple[tuple[int, ...], int]:
    n = int(rng.integers(1, 9))
    return tuple(int(x) for x in rng.integers(0, 4, size=n)), 4


def _gt_of(seq) -> Fraction:
    cnt = Counter(seq)
    return F(sum(1 for v in cnt.values() if v == 1), len(seq))


def _replace_eval(cs) -> tuple[Fraction, Fraction]:
    seq, m = cs
    base = _gt_of(seq)
    worst_ = max(
        abs(_gt_of(seq[:i] + (x,) + seq[i + 1 :]) - base)
        for i in range(len(seq))
        for x in range(m + 1)
    )
    return worst_, F(2, len(seq))


# ----- Lemma 1 ---------------------------------------------------------------------------
def lemma_1() -> Claim:
    log_at = written_at(sp.log(4 / g), {g: 4 * g / 5})  # Corollary 3 at gamma' = 4 gamma/5
    steps = [
        Step(
            "1",
            "s' ~ phi^N",
            "equal-in-law",
            "phi(IDK) = phi0, phi(c, a_c) = mu(c) alpha_c",
            "map every (c, IDK) to IDK",
            kind="construction",
            law=facts_law(
                lambda f: (sum(f.mu_prime(c) for c in range(len(f.mu))) + f.phi0(), F(1))
            ),
            note="checked: phi is a distribution (its masses sum to 1)",
        ),
        Step(
            "2",
            "GT(s') - sr",
            "subset",
            "{0, 1/N}",
            "only IDK can be an extra singleton",
            kind="algebra",
            law=facts_law(
                lambda f: (F(int(f.good_turing_mapped() - f.sr() in (0, F(1, f.n)))), F(1))
            ),
        ),
        Step(
            "3",
            "M(s') - MM",
            "subset",
            "{0, phi0}",
            "M - MM = phi0 I[IDK not in s']",
            kind="algebra",
            law=facts_law(
                lambda f: (
                    F(int(f.missing_mass_mapped() - f.missing_mass() in (0, f.phi0()))),
                    F(1),
                )
            ),
        ),
        Step(
            "4a",
            sp.log(1 - phi) + phi,
            "<=",
            0,
            "ln(1 - x) <= -x, so (1-phi0)^N <= e^(-N phi0)",
            kind="calculus",
            params=(param(phi, 0, 1, hi_open=True),),
        ),
        Step(
            "4b",
            sp.exp(-N * (sp.log(5 / g) / N + w)),
            "<=",
            g / 5,
            "e^(-N phi0) <= gamma/5 in the case phi0 = ln(5/gamma)/N + w, w >= 0",
            kind="inequality",
            params=(NN, GG, W),
        ),
        Step(
            "5",
            "Pr[0 <= M - MM <= ln(5/gamma)/N]",
            ">=",
            "1 - gamma/5",
            "split on phi0 < ln(5/gamma)/N; Pr[IDK not in s'] = (1 - phi0)^N",
            kind="probability",
            law=LawCheck(
                _l1_case,
                _l1_eval,
                _l1_view,
                trials=200,
                label="exact: rational phi0, N <= 60, gamma",
            ),
        ),
        Step("6", ell, ">=", 1, "ln(5/gamma) >= ln 5 >= 1 (gamma <= 1)", params=(GG,)),
        Step(
            "7",
            sp.Abs(ell * u / N - w / N),
            "<=",
            ell / N,
            "a = ln(5/gamma) u/N, b = w/N with u, w in [0, 1]; ln(5/gamma) >= 1 (step 6)",
            kind="inequality",
            premises=(Premise(sp.Ge(ell, 1), "6", ell),),
            params=(NN, GG, param(u, 0, 1), param(w, 0, 1)),
            box={"N": (1, 100), "gamma": (1e-9, 1), "u": (0, 1), "w": (0, 1)},
        ),
        Step(
            "8",
            log_at,
            "=",
            sp.log(5 / g),
            "Corollary 3 at gamma' = 4 gamma/5",
            params=(GG,),
        ),
        union_step(
            "9 (union bound)",
            "M - MM - ln(5/gamma)/N",
            g / 5,
            "|M - GT| - 1/N - 2.42 sqrt(ln(5/gamma)/N)",
            4 * g / 5,
            g,
            "steps 5 and 8 together",
        ),
        Step(
            "10a",
            2 * sp.log(5 / g) / N,
            ">=",
            sp.log(5 / g) / N + 1 / N,
            "z = 2 ln(5/gamma)/N, step 6",
            params=(NN, GG),
        ),
        Step("10b", z, "<=", sp.sqrt(z), "z <= 1", kind="calculus", params=(param(z, 0, 1),)),
        Step(
            "10c",
            sp.sqrt(2) + F(242, 100),
            "<=",
            F(442, 100),
            "arithmetic (3.834... <= 4.42)",
            params=(),
        ),
        Step(
            "10d",
            F(442, 100) * sp.sqrt(z / 2),
            ">=",
            2,
            "z > 1: the bound exceeds 2",
            kind="calculus",
            params=(param(z, 1, None, lo_open=True, search=(1, 100)),),
        ),
        Step(
            "Lemma 1",
            "Pr[|MM - sr| <= 4.42 sqrt(ln(5/gamma)/N)]",
            ">=",
            "1 - gamma",
            "steps 1-10",
            kind="probability",
            law=LawCheck(
                _l1_full_case,
                _l1_full_eval,
                _l1_full_view,
                trials=25,
                label="exact enumeration: 1-2 prompts, |R_c| = 2, N <= 4",
            ),
        ),
    ]
    return claim(
        "Lemma 1",
        "Pr[|MM - sr| <= 4.42 sqrt(ln(5/gamma)/N)] >= 1 - gamma",
        steps,
        hypotheses=[NN, GG],
        definitions={ell: sp.log(5 / g)},  # in Lemma 1, ell := ln(5/gamma)
        section="B",
    )


def _l1_case(rng):
    return (
        F(int(rng.integers(0, 21)), 20),
        int(rng.integers(1, 61)),
        F(int(rng.integers(1, 11)), 10),
    )


def _l1_eval(cs):
    phi0, n, gam = cs
    with mpmath.workdps(EXACT_DIGITS):
        big = _mp(phi0) > mpmath.log(5 / _mp(gam)) / n
    fail = (1 - phi0) ** n if big else F(0)
    return 1 - fail, 1 - gam / 5


def _l1_view(cs):
    return {"phi0": str(cs[0]), "N": cs[1], "gamma": str(cs[2])}


def _l1_full_case(rng):
    m = int(rng.integers(1, 3))
    return (
        tuple(random_simplex(rng, m, zeros=False)),
        tuple(F(int(rng.integers(0, 5)), 4) for _ in range(m)),
        int(rng.integers(1, 5)),
        F(int(rng.integers(1, 11)), 10),
    )


def _l1_full_eval(cs):
    mu, alpha, n, gam = cs
    outcomes = [((c, 0), mu[c] * alpha[c]) for c in range(len(mu))] + [
        ((c, -1), mu[c] * (1 - alpha[c])) for c in range(len(mu))
    ]
    ok = F(0)
    with mpmath.workdps(EXACT_DIGITS):
        bound = mpmath.mpf("4.42") * mpmath.sqrt(mpmath.log(5 / _mp(gam)) / n)
        for seq in itertools.product(range(len(outcomes)), repeat=n):
            pr = F(1)
            for i in seq:
                pr *= outcomes[i][1]
            if pr == 0:
                continue
            f = Facts(mu, (2,) * len(mu), alpha, (0,) * len(mu), tuple(outcomes[i][0] for i in seq))
            if abs(_mp(f.missing_mass() - f.sr())) <= bound:
                ok += pr
    return ok, 1 - gam


def _l1_full_view(cs):
    return {
        "mu": [str(x) for x in cs[0]],
        "alpha": [str(x) for x in cs[1]],
        "N": cs[2],
        "gamma": str(cs[3]),
    }


def claims_paper() -> list[Claim]:
    return [corollary_3(), lemma_1(), lemma_2(), theorem_2()]


def claims_corrected() -> list[Claim]:
    return []
