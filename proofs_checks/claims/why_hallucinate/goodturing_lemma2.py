r"""Kalai et al. (2025), App. B: Lemma 2 (``2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N)``), step
by step."""

from __future__ import annotations

import itertools
import math
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
    worst,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    ELL,
    GG,
    N2,
    NN,
    N,
    _mp,
    ell,
    g,
    u,
)
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma1 import PHI
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_lemma2_close import (
    A_EVENT,
    B_EVENT,
    MODEL2,
    STMT2,
    closing_steps,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import Pr
from hallbound.symbolic.why_hallucinate.facts import ALGORITHMS, Facts
from hallbound.symbolic.why_hallucinate.instances import random_simplex

# ----- Lemma 2 ---------------------------------------------------------------------------


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


def _l2_step7(f: Facts) -> tuple[Fraction, Fraction]:
    inst = f.model(_alg(f))
    t_ = inst.threshold()
    rhs = F(0)
    for c in f.unanswered():
        pr = inst.prompts[c]
        rhs += pr.weight * f.alpha[c] * int(pr.p_hat[0] <= t_) / 2
        rhs += (
            pr.weight
            * sum(int(pr.p_hat[j] > t_) for j in range(2, len(pr.p_hat)))
            / (2 * (f.sizes[c] - 1))
        )
    return inst.err_iiv(), rhs


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


def lemma_2() -> Claim:
    zeta = ell / N
    lm = sp.log(6 / g)
    rr = sym("r", nonnegative=True)
    n_r = sym("n", positive=True, integer=True)  # |R_c| in step 10
    pos = sym("P", nonnegative=True)  # #{r : f-hat(c, r) = +} in step 10
    # the paper's computations written out (SymPy would fold each to its right-hand side)
    x, s2 = sp.Dummy("x"), sp.Dummy("s2")
    at_half = written_at(5 / g, {g: g / 2})  # Lemma 1's 5/gamma at gamma/2
    heavy_tail = written_at(sp.exp(-x * N), {x: sp.log(3 * N / g) / N})  # e^(-zeta N)
    # Hoeffding e^(-2 t^2 / sum_c mu'(c)^2) at t^2 = zeta ln(6/gamma)/2, sum <= zeta
    hoeffding = written_at(sp.exp(-2 * x / s2), {x: zeta * lm / 2, s2: zeta})
    failures = sp.Add(g / 3, g / 6, evaluate=False)
    steps = [
        Step("0", 6 * sp.log(3), ">", 1, "N = 1: the claim is trivial", params=()),
        Step("1", at_half, "=", 10 / g, "Lemma 1 at gamma/2", params=(GG,)),
        Step(
            "2",
            sp.sqrt(sp.log(10) + u),
            "<=",
            sp.log(3 * N) + u,
            "sqrt(ln(10/gamma)) <= ln(3N/gamma) with u = ln(1/gamma) >= 0, N >= 2",
            kind="inequality",
            params=(N2, param(u, 0, None, search=(0, 30))),
            box={"N": (2, 10**6), "u": (0, 50)},
        ),
        Step(
            "2 (in ell)",
            rr,
            "<=",
            ell,
            "step 2 with r := sqrt(ln(10/gamma)), ell := ln(3N/gamma)",
            kind="inequality",
            params=(N2, GG),
            box={"N": (2, 10**6), "gamma": (1e-9, 1)},
        ),
        Step(
            "2 (N=2, gamma=1)",
            sp.sqrt(sp.log(10)),
            "<=",
            sp.log(6),
            "[added] 1.517 <= 1.792",
            params=(),
        ),
        Step("3", sp.sqrt(2) + F(442, 100), "<=", 6, "arithmetic (5.834... <= 6)", params=()),
        Step(
            "4",
            F(442, 100) * rr / sp.sqrt(N) + sp.sqrt(2 / N) * ell,
            "<=",
            6 * ell / sp.sqrt(N),
            "steps 1-3 (r = sqrt(ln(10/gamma))): it suffices that "
            "2 err_iiv >= MM - sqrt(2/N) ln(3N/gamma)",
            kind="inequality",
            premises=(Premise(sp.Le(rr, ell), "2 (in ell)", ell),),
            params=(N2, GG, param(rr, 0, None, search=(0, 10))),
        ),
        Step(
            "5",
            "MM",
            "=",
            "sum_{c in U} mu'(c)",
            "definition of MM",
            kind="definition",
            law=facts_law(
                lambda f: (f.missing_mass(), sum((f.mu_prime(c) for c in f.unanswered()), F(0)))
            ),
        ),
        Step(
            "6a",
            "#{c : mu'(c) > zeta}",
            "<",
            "1/zeta",
            "sum mu' <= 1",
            kind="inequality",
            law=LawCheck(
                _mass_case,
                lambda cs: (F(sum(1 for x in cs[0] if x > cs[1])), 1 / cs[1]),
                lambda cs: {"mu'": [str(x) for x in cs[0]], "zeta": str(cs[1])},
                trials=200,
                label="exact random sub-probability vectors",
            ),
        ),
        Step(
            "6b",
            heavy_tail,
            "=",
            g / (3 * N),
            "zeta = ln(3N/gamma)/N",
            params=(NN, GG),
        ),
        Step(
            "6c0",
            ell,
            ">=",
            1,
            "ln(3N/gamma) >= ln 6 > 1 for N >= 2, gamma <= 1",
            kind="inequality",
            params=(N2, GG),
            box={"N": (2, 10**6), "gamma": (1e-9, 1)},
        ),
        Step(
            "6c",
            (1 / zeta) * g / (3 * N),
            "<=",
            g / 3,
            "ln(3N/gamma) >= 1 (step 6c0)",
            kind="inequality",
            premises=(Premise(sp.Ge(ell, 1), "6c0", ell),),
            params=(N2, GG),
        ),
        Step(
            "6",
            Pr(A_EVENT),
            "<=",
            g / 3,
            "steps 6a-6c and a union bound: Pr[for all c in U: mu'(c) <= zeta] >= 1 - gamma/3",
            kind="probability",
            params=(GG,),
            law=LawCheck(
                _l2_6_case,
                _l2_6_fail,
                _l2_6_view,
                trials=150,
                label="exact by inclusion-exclusion over the heavy prompts",
            ),
        ),
        Step(
            "7",
            "err_iiv",
            ">=",
            "1/2 sum_U mu alpha I[f(c,a_c) = -] + 1/2 sum_U mu sum_{E_c} I[f = +]/(|R_c|-1)",
            "definition of D; drop the other terms",
            kind="inequality",
            law=facts_law(_l2_step7),
        ),
        Step(
            "8",
            "err_iiv",
            ">=",
            "sum_{c in U} mu'(c) gamma_c",
            "mu(c) >= mu'(c)",
            kind="inequality",
            law=facts_law(lambda f: (f.model(_alg(f)).err_iiv(), _l2_rhs7(f, f.model(_alg(f))))),
        ),
        Step(
            "8 (range)",
            "max_c gamma_c",
            "<=",
            1,
            "gamma_c in [0, 1]",
            kind="inequality",
            law=facts_law(
                lambda f: (worst(_gamma_c(f, f.model(_alg(f)), c) for c in range(len(f.mu))), F(1))
            ),
        ),
        Step(
            "9",
            "Pr[data | a] (a_c changed on U)",
            "=",
            "Pr[data | a]",
            "the data hold only (c, IDK) for c in U, so a_c, c in U, stay uniform and independent",
            kind="independence",
            law=facts_law(_l2_step9),
        ),
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
        Step(
            "11",
            "sum_U mu'(c)^2",
            "<=",
            "zeta",
            "on the event of step 6: <= max mu' * MM <= zeta",
            kind="inequality",
            law=LawCheck(
                _mass_case,
                lambda cs: (sum((x * x for x in cs[0] if x <= cs[1]), F(0)), cs[1]),
                lambda cs: {"mu'": [str(x) for x in cs[0]], "zeta": str(cs[1])},
                trials=200,
                label="exact: the mu' <= zeta part of random vectors",
            ),
        ),
        Step(
            "12",
            hoeffding,
            "=",
            g / 6,
            "Hoeffding with ranges [0, mu'(c)] and sum mu'^2 <= zeta",
            params=(NN, GG, ELL),
            premises=("Hoeffding's inequality (cited)",),
        ),
        Step(
            "12 (tail)",
            Pr(B_EVENT),
            "<=",
            g / 6,
            "given the data, the gamma_c (c in U) are independent in [0, 1] with mean 1/2 "
            "(steps 9, 10); Hoeffding with ranges [0, mu'(c)] and sum mu'^2 <= zeta "
            "(steps 11, 12)",
            kind="probability",
            params=(GG,),
            law=LawCheck(
                _l2_12_case,
                _l2_12_eval,
                _l2_12_view,
                trials=120,
                label="exact over every answer a_c in U (random labels f-hat, |R_c| <= 3)",
            ),
        ),
        Step(
            "13a",
            ell,
            ">=",
            sp.log(6 / g),
            "ln(6/gamma) <= ln(3N/gamma) iff N >= 2",
            kind="inequality",
            params=(N2, GG),
            box={"N": (2, 10**6), "gamma": (1e-9, 1)},
        ),
        Step(
            "13",
            2 * sp.sqrt(zeta * lm / 2),
            "<=",
            ell * sp.sqrt(2 / N),
            "step 13a",
            kind="inequality",
            premises=(Premise(sp.Ge(ell, sp.log(6 / g)), "13a", ell),),
            params=(N2, GG),
        ),
        Step("14", failures, "=", g / 2, "total failure probability", params=(GG,)),
        Step(
            "14 (union bound)",
            Pr(sp.Or(A_EVENT, B_EVENT)),
            "<=",
            g / 2,
            "the events of steps 6 and 12 together",
            kind="probability",
            params=(GG,),
            premises=(
                Premise(sp.Le(Pr(A_EVENT), g / 3), "6", Pr(A_EVENT)),
                Premise(sp.Le(Pr(B_EVENT), g / 6), "12 (tail)", Pr(B_EVENT)),
            ),
            lemmas=(lemma("Union bound", A=A_EVENT, B=B_EVENT),),
        ),
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
        note="err_iiv, MM, sr, S = sum_U mu'(c) gamma_c: random; the stated relations are "
        "Lemma 1's model of the sample and steps 7-8",
    )


def _mass_case(rng):
    m = int(rng.integers(1, 8))
    v = random_simplex(rng, m + 1)
    return tuple(v[:m]), F(int(rng.integers(1, 20)), 20)


def _l2_6_case(rng):
    m = int(rng.integers(1, 5))
    v = random_simplex(rng, m + 1, zeros=False)
    return tuple(v[:m]), int(rng.integers(2, 40)), F(int(rng.integers(1, 11)), 10)


def _l2_6_eval(cs):
    mup, n, gam = cs
    with mpmath.workdps(EXACT_DIGITS):
        zeta = mpmath.log(3 * n / _mp(gam)) / n
        heavy = [x for x in mup if _mp(x) > zeta]
    fail = F(0)  # Pr[some heavy c in U] by inclusion-exclusion: (1 - sum_S mu')^N
    for r in range(1, len(heavy) + 1):
        for sub in itertools.combinations(heavy, r):
            fail += (-1) ** (r + 1) * (1 - sum(sub)) ** n
    return 1 - fail, 1 - gam / 3


def _l2_6_fail(cs):
    """Pr[some c in U has mu'(c) > zeta] against gamma/3, exactly."""
    ok, _ = _l2_6_eval(cs)
    return 1 - ok, cs[2] / 3


def _l2_12_case(rng):
    m = int(rng.integers(1, 4))
    mup = tuple(random_simplex(rng, m + 1, zeros=False)[:m])
    sizes = tuple(int(x) for x in rng.integers(2, 4, size=m))
    labels = tuple(tuple(bool(b) for b in rng.integers(0, 2, size=k)) for k in sizes)
    zeta = max(max(mup), sum(x * x for x in mup) / max(sum(mup), F(1, 10**9)))
    zeta = max(zeta, F(int(rng.integers(1, 11)), 10))  # any zeta >= max mu' (step 6's event)
    return mup, labels, zeta, F(int(rng.integers(1, 11)), 10)


def _gamma_values(labels) -> list[Fraction]:
    """gamma_c at each answer a (uniform on R_c): 1/2 (I[f(a) = -] + #{r != a: f(r) = +}
    / (|R_c| - 1))."""
    k = len(labels)
    return [
        F(int(not labels[a]), 2) + F(sum(labels[r] for r in range(k) if r != a), 2 * (k - 1))
        for a in range(k)
    ]


def _l2_12_eval(cs):
    """Pr[sum_U mu' gamma_c < MM/2 - sqrt(zeta ln(6/gamma)/2)] over the answers, exactly."""
    mup, labels, zeta, gam = cs
    mm = sum(mup, F(0))
    vals = [_gamma_values(lab) for lab in labels]
    each = F(1, math.prod(len(v) for v in vals))  # every answer vector equally likely
    fail = F(0)
    with mpmath.workdps(EXACT_DIGITS):
        cut = _mp(mm) / 2 - mpmath.sqrt(_mp(zeta) * mpmath.log(6 / _mp(gam)) / 2)
        for combo in itertools.product(*vals):
            total = sum((x * y for x, y in zip(mup, combo, strict=True)), F(0))
            if _mp(total) < cut:
                fail += each
    return fail, gam / 6


def _l2_12_view(cs):
    return {"mu'": [str(x) for x in cs[0]], "f-hat": [list(x) for x in cs[1]],
            "zeta": str(cs[2]), "gamma": str(cs[3])}


def _l2_6_view(cs):
    return {"mu'": [str(x) for x in cs[0]], "N": cs[1], "gamma": str(cs[2])}
