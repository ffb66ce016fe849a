r"""Kalai et al. (2025), App. B: Lemma 1 step by step, and the registry lists of the four
Good-Turing claims (``paper="why-hallucinate"``): Corollary 3 (:mod:`.goodturing_cor3`,
on lemma instances of the trust base), Lemma 1 (here), Lemma 2 (:mod:`.goodturing_lemma2`)
and Theorem 2 (:mod:`.goodturing_theorem2`).

Constant and algebraic steps are proved by SymPy (or certified over a stated box);
deterministic steps about one realization are checked exactly on random small
Arbitrary-Facts realizations; tail bounds are checked exactly by enumerating every sample
of small :math:`N`. A step that cites another claim (Lemma 1 uses Corollary 3 at
:math:`4\gamma/5`) takes it as a premise.
"""

from __future__ import annotations

import itertools

import mpmath
import sympy as sp

from hallbound.precision import EXACT_DIGITS
from hallbound.proofs_checks.claims.common import written_at
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    facts_law,
    param,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    NN,
    N,
    W,
    _gt_law,
    _mp,
    _prob,
    ell,
    g,
    phi,
    tail_event,
    u,
    union_step,
    w,
    z,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_cor3 import corollary_3
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2 import lemma_2
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_theorem2 import theorem_2
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.randomness import Pr, random_symbol
from hallbound.symbolic.why_hallucinate.facts import Facts
from hallbound.symbolic.why_hallucinate.instances import random_simplex

# ----- Lemma 1 ---------------------------------------------------------------------------
#: The two failure events of Lemma 1's union bound (step 9), as named random quantities.
L1_A = "M - MM - ln(5/gamma)/N"
L1_B = "|M - GT| - 1/N - 2.42 sqrt(ln(5/gamma)/N)"
#: The event of Lemma 1's statement: |MM - sr| <= 4.42 sqrt(ln(5/gamma)/N).
L1_STATEMENT = sp.Le(
    sp.Abs(random_symbol("MM") - random_symbol("sr")), F(442, 100) * sp.sqrt(sp.log(5 / g) / N)
)


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
        Step(
            "5",
            Pr(tail_event(L1_A)),
            "<=",
            g / 5,
            "split on phi0 < ln(5/gamma)/N: M - MM = phi0 I[IDK not in s'] > ln(5/gamma)/N "
            "only if phi0 > ln(5/gamma)/N and IDK is missed, (1 - phi0)^N <= gamma/5 (4a, 4b)",
            kind="probability",
            params=(GG,),
            law=LawCheck(
                _l1_case,
                _l1_fail_eval,
                _l1_view,
                trials=200,
                label="exact: rational phi0, N <= 60, gamma",
            ),
        ),
        Step(
            "8 (Corollary 3)",
            Pr(tail_event(L1_B)),
            "<=",
            4 * g / 5,
            "Corollary 3 (proved there) at gamma' = 4 gamma/5 for s' ~ phi^N; here checked on "
            "exact laws (a claim is not cited as a lemma)",
            kind="probability",
            params=(GG,),
            law=_gt_law(_l1_cor3_eval, "Corollary 3 at 4 gamma/5"),
        ),
        union_step(
            "9 (union bound)",
            L1_A,
            g / 5,
            L1_B,
            4 * g / 5,
            g,
            "steps 5 and 8 together",
            by=("5", "8 (Corollary 3)"),
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
            Pr(L1_STATEMENT),
            ">=",
            1 - g,
            "steps 1-10",
            kind="probability",
            params=(NN, GG),
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
        conclusion=[(Pr(L1_STATEMENT), ">=", 1 - g)],
        section="B",
        note="MM, sr: the missing mass and the singleton rate of the sample (random)",
    )


def _l1_case(rng):
    return (
        F(int(rng.integers(0, 21)), 20),
        int(rng.integers(1, 61)),
        F(int(rng.integers(1, 11)), 10),
    )


def _l1_fail_eval(cs):
    """Pr[M - MM > ln(5/gamma)/N] = (1 - phi0)^N when phi0 > ln(5/gamma)/N, else 0."""
    phi0, n, gam = cs
    with mpmath.workdps(EXACT_DIGITS):
        big = _mp(phi0) > mpmath.log(5 / _mp(gam)) / n
    return ((1 - phi0) ** n if big else F(0)), gam / 5


def _l1_cor3_eval(cs):
    """Pr[|M - GT| > 1/N + 2.42 sqrt(ln(5/gamma)/N)] against 4 gamma/5, exactly."""
    nu, n, gam = cs
    e = 1 / mpmath.mpf(n) + mpmath.mpf("2.42") * mpmath.sqrt(mpmath.log(5 / _mp(gam)) / n)
    return _prob(cs, lambda m, gt: abs(_mp(m) - _mp(gt)) > e), 4 * gam / 5


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
