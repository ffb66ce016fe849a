r"""Kalai et al. (2025), App. B and Theorem 2: Corollary 3 (Good-Turing), Lemma 1, Lemma 2
and Theorem 2, step by step (``paper="why-hallucinate"``).

Constant and algebraic steps are proved by SymPy (or certified over a stated box);
deterministic steps about one realization are checked exactly on random small
Arbitrary-Facts realizations; tail bounds are checked exactly by enumerating every sample
of small :math:`N` (where they are close to vacuous: the simulator tests large :math:`N`).
The cited tail inequalities (McAllester-Ortiz, McDiarmid, Hoeffding) enter as premises.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from fractions import Fraction
from typing import Any

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
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.premises import AS_FACT
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import Pr, random_symbol
from hallbound.symbolic.why_hallucinate import bounds as B
from hallbound.symbolic.why_hallucinate.facts import ALGORITHMS, Facts
from hallbound.symbolic.why_hallucinate.instances import random_simplex

N = sym("N", positive=True, integer=True)
g = sym("gamma", positive=True)
z, phi, u, w, w1 = (sym(n, nonnegative=True) for n in ("z", "phi0", "u", "w", "w1"))
ell = sym("ell", positive=True)  # ln(3N/gamma) or ln(5/gamma), by step
NN = param(N, 1, None, search=(1, 10**6))
N2 = param(N, 2, None, search=(2, 10**6))
GG = param(g, 0, 1, lo_open=True, search=(1e-6, 1))
W, W1 = param(w, 0, None, search=(0, 10)), param(w1, 0, None, search=(0, 10))
ELL = param(ell, 0, None, lo_open=True, search=(1e-3, 50))


def union_step(name: str, a: str, pa: Any, b: str, pb: Any, total: Any, why: str) -> Step:
    """``Pr[A or B] <= total`` from the library's Union bound, with the two tail bounds
    ``Pr[A] <= pa`` and ``Pr[B] <= pb`` as premises (named; shown in other steps on exact
    small laws or cited, so not backed here: the step is at most ASSUMED)."""
    ev_a = sp.Gt(random_symbol(a), 0)
    ev_b = sp.Gt(random_symbol(b), 0)
    return Step(
        name,
        Pr(sp.Or(ev_a, ev_b)),
        "<=",
        total,
        why,
        kind="probability",
        params=(GG,),
        premises=(
            Premise(sp.Le(Pr(ev_a), pa), None, Pr(ev_a), f"Pr[{a} > 0] <= {pa}"),
            Premise(sp.Le(Pr(ev_b), pb), None, Pr(ev_b), f"Pr[{b} > 0] <= {pb}"),
        ),
        lemmas=(lemma("Union bound", A=ev_a, B=ev_b),),
    )


# ----- exact enumeration of Good-Turing quantities --------------------------------------
def _gt_case(rng: np.random.Generator) -> tuple[tuple[Fraction, ...], int, Fraction]:
    nu = tuple(random_simplex(rng, int(rng.integers(1, 4)), zeros=False))
    return nu, int(rng.integers(1, 6)), F(int(rng.integers(1, 11)), 10)


def _samples(nu: tuple[Fraction, ...], n: int):
    for seq in itertools.product(range(len(nu)), repeat=n):
        pr = F(1)
        for x in seq:
            pr *= nu[x]
        cnt = Counter(seq)
        m = sum((nu[x] for x in range(len(nu)) if x not in cnt), F(0))
        gt = F(sum(1 for v in cnt.values() if v == 1), n)
        yield pr, m, gt


def _gt_view(case) -> dict[str, Any]:
    nu, n, gam = case
    return {"nu": [str(x) for x in nu], "N": n, "gamma": str(gam)}


def _gt_law(fn, label: str) -> LawCheck:
    return LawCheck(
        _gt_case,
        fn,
        _gt_view,
        trials=40,
        label=f"exact enumeration of every sample, |supp nu| <= 3, N <= 5: {label}",
    )


@functools.cache
def _means(case) -> tuple[Fraction, Fraction]:
    nu, n, _ = case
    eg = sum((pr * gt for pr, _, gt in _samples(nu, n)), F(0))
    em = sum((pr * m for pr, m, _ in _samples(nu, n)), F(0))
    return eg, em


def _prob(case, event) -> Any:
    """Pr[event(M, GT)] exactly (the event is decided at 50 digits)."""
    nu, n, _ = case
    with mpmath.workdps(EXACT_DIGITS):
        return sum((pr for pr, m, gt in _samples(nu, n) if event(m, gt)), F(0))


def _mp(x: Fraction) -> Any:
    return mpmath.mpf(x.numerator) / x.denominator


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
            "Pr[for all c in U: mu'(c) <= zeta]",
            ">=",
            "1 - gamma/3",
            "steps 6a-6c and a union bound",
            kind="probability",
            law=LawCheck(
                _l2_6_case,
                _l2_6_eval,
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
            "max_c |E[gamma_c | data] - 1/2|",
            "=",
            0,
            "each r contributes 1/(2|R_c|)",
            kind="algebra",
            law=facts_law(_l2_step10),
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
        union_step(
            "14 (union bound)",
            "max_U mu' - zeta",
            g / 3,
            "MM/2 - sqrt(zeta ln(6/gamma)/2) - sum_U mu' gamma_c",
            g / 6,
            g / 2,
            "the events of steps 6 and 12 together",
        ),
    ]
    return claim(
        "Lemma 2",
        sp.Ge(sym("Pr[2 err_iiv >= sr - 6 ln(3N/gamma)/sqrt(N)]"), 1 - g),
        steps,
        hypotheses=[NN, GG],
        # ell := ln(3N/gamma) (zeta = ell/N), r := sqrt(ln(10/gamma))
        definitions={ell: sp.log(3 * N / g), rr: sp.sqrt(sp.log(10 / g))},
        section="B",
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


def _l2_6_view(cs):
    return {"mu'": [str(x) for x in cs[0]], "N": cs[1], "gamma": str(cs[2])}


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


def claims_paper() -> list[Claim]:
    return [corollary_3(), lemma_1(), lemma_2(), theorem_2()]


def claims_corrected() -> list[Claim]:
    return []
