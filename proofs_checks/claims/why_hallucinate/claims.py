r"""Kalai, Nachum, Vempala, Zhang (2025), "Why Language Models Hallucinate": the claims of
``shared/theory-kalai2025.md``, step by step, as stated (``paper="why-hallucinate"``).

Finite-distribution steps are checked exactly on random and edge instances (see
:mod:`.common`); algebraic and constant steps are proved by SymPy (or certified by
interval arithmetic); a premise that another step or a cited lemma supplies enters through
``given`` and is named in ``premises``. Good-Turing, Lemmas 1-2 and Theorem 2 are in
:mod:`.goodturing`. Corrected claims (``source="corrected"``) follow the paper's.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.precision import GUARD_DIGITS
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    finite_law,
    param,
    point_law,
    sym,
    worst,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.symbolic.why_hallucinate import bounds as B
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make

# ----- symbols ---------------------------------------------------------------------------
err, err_iiv, delta = (sym(n, nonnegative=True) for n in ("err", "err_iiv", "delta"))
k, K, C, Ec, M = (sym(n, positive=True, integer=True) for n in ("k", "K", "C", "E_c", "M"))
pAV, pBV, DAV, DBV = (
    sym(n, nonnegative=True) for n in ("phat(A-V)", "phat(B-V)", "D(A-V)", "D(B&V)")
)
pB, phB, phBV, pA, phA = (
    sym(n, nonnegative=True) for n in ("p(B)", "phat(B)", "phat(B&V)", "p(A)", "phat(A)")
)
mu, w, w1, w2 = (sym(n, nonnegative=True) for n in ("mu", "w", "w1", "w2"))
q, t, beta, s = (
    sym("q", nonnegative=True),
    sym("t", nonnegative=True),
    sym("beta", nonnegative=True),
    sym("s", positive=True),
)
wpos = sym("w+", positive=True)
ERR, ERR_IIV, DELTA = param(err, 0, 1), param(err_iiv, 0, 1), param(delta, 0, 1)
KK, SMALLK = param(K, 1, None, search=(1, 50)), param(k, 1, None, search=(1, 50))
W = param(w, 0, None, search=(0, 10))


def _sides(inst: FiniteInstance) -> dict[str, Fraction]:
    """The quantities of Theorem 1's proof on an instance."""
    t_ = inst.threshold()
    out = dict.fromkeys(("pAV", "pBV", "DAV", "DBV", "pB", "phB", "phBV"), F(0))
    for _, j, c in inst.items():
        a = c.p_hat[j] > t_
        v = c.is_valid(j)
        ph, pp, d = c.weight * c.p_hat[j], c.weight * c.p[j], inst.D(c, j)
        if a and not v:
            out["pAV"] += ph
            out["DAV"] += d
        if not a:
            out["pB"] += pp
            out["phB"] += ph
            if v:
                out["DBV"] += d
                out["phBV"] += ph
            else:
                out["pBV"] += ph
    return out


#: A point of A - V: K = 2, phat(e0) = 1 > 1/2.
_A_POINT = make([F(1)], [1], [2], [[F(1), F(0), F(0)]], [[F(0), F(1), F(0)]])


def theorem_1() -> Claim:
    kK = k / K
    fl = finite_law
    steps = [
        Step(
            "1",
            delta,
            "=",
            sp.Abs(pB - phB),
            "p(X) = phat(X) = 1, so |phat(A)-p(A)| = |p(B)-phat(B)|",
            kind="algebra",
            given={delta: sp.Abs(phA - pA), phA: 1 - phB, pA: 1 - pB},
            premises=("delta := |phat(A) - p(A)|", "p(A) = 1 - p(B), phat(A) = 1 - phat(B)"),
            law=fl(lambda i: (i.delta(), abs(_sides(i)["pB"] - _sides(i)["phB"]))),
        ),
        Step(
            "2",
            err,
            "=",
            pAV + pBV,
            "A, B partition X and E = X \\ V",
            kind="definition",
            law=fl(lambda i: (i.err(), _sides(i)["pAV"] + _sides(i)["pBV"])),
        ),
        Step(
            "3",
            err_iiv,
            "=",
            DAV + DBV,
            "f-hat = + exactly on A, f = + exactly on V",
            kind="definition",
            law=fl(lambda i: (i.err_iiv(), _sides(i)["DAV"] + _sides(i)["DBV"])),
        ),
        Step(
            "4",
            mu / (2 * Ec),
            "<=",
            mu / (2 * K),
            "D(c,r) = mu(c)/(2|E_c|) on E and |E_c| >= K",
            kind="inequality",
            premises=(Premise(sp.Ge(Ec, K), "hypothesis", Ec, "|E_c| >= K = min |E_c|"),),
            law=point_law(
                lambda i, c, j: not c.is_valid(j) and c.p_hat[j] > i.threshold(),
                lambda i, c, j: (i.D(c, j), c.weight / (2 * i.K)),
                _A_POINT,
                label="exact, at points of A - V of random and edge finite instances",
            ),
            params=(param(mu, 0, 1), W, param(Ec, 1, None, search=(1, 50))),
        ),
        Step(
            "5",
            mu * q,
            ">=",
            mu / K,
            "on A: phat(r|c) > 1/K",
            kind="inequality",
            premises=(Premise(sp.Gt(q, 1 / K), "hypothesis", q, "(c,r) in A: phat(r|c) > 1/K"),),
            law=point_law(
                lambda i, c, j: c.p_hat[j] > i.threshold(),
                lambda i, c, j: (c.weight * c.p_hat[j], c.weight / i.K),
                _A_POINT,
                label="exact, at points of A of random and edge finite instances",
            ),
            params=(param(mu, 0, 1), W, param(q, 0, 1)),
        ),
        Step(
            "6",
            pAV,
            ">=",
            2 * DAV,
            "sum steps 4-5 over A \\ V",
            kind="inequality",
            law=fl(lambda i: (_sides(i)["pAV"], 2 * _sides(i)["DAV"])),
        ),
        Step(
            "7",
            2 * DBV,
            "=",
            pB,
            "D = mu p/2 on V and p(V) = 1",
            kind="algebra",
            law=fl(lambda i: (2 * _sides(i)["DBV"], _sides(i)["pB"])),
        ),
        Step(
            "8",
            phBV,
            "<=",
            kK,
            "phat <= 1/K on B, |V_c| <= k, sum mu = 1",
            kind="inequality",
            law=fl(lambda i: (_sides(i)["phBV"], F(i.k, i.K))),
        ),
        Step(
            "9",
            2 * DBV - pBV,
            "<=",
            delta + kK,
            "steps 7, 1, 8 and phat(B\\V) = phat(B) - phat(B&V)",
            kind="inequality",
            premises=(
                Premise(sp.Eq(2 * DBV, pB), "7", DBV),
                Premise(
                    sp.Eq(pBV, phB - phBV), "hypothesis", pBV, "phat(B-V) = phat(B) - phat(B&V)"
                ),
                Premise(sp.Le(pB - phB, delta), "1", pB, "p(B) - phat(B) <= |p(B) - phat(B)|"),
                Premise(sp.Le(phBV, kK), "8", phBV),
            ),
            law=fl(lambda i: (2 * _sides(i)["DBV"] - _sides(i)["pBV"], i.delta() + F(i.k, i.K))),
        ),
        Step(
            "10",
            err,
            ">=",
            2 * err_iiv - kK - delta,
            "steps 2, 6, 9 and 3",
            kind="inequality",
            premises=(
                Premise(sp.Eq(err, pAV + pBV), "2", err),
                Premise(sp.Ge(pAV, 2 * DAV), "6", pAV),
                Premise(sp.Le(2 * DBV - pBV, delta + kK), "9", pBV),
                Premise(sp.Eq(err_iiv, DAV + DBV), "3", err_iiv),
            ),
            law=fl(lambda i: (i.err(), i.theorem1_rhs())),
        ),
    ]
    return claim(
        "Theorem 1",
        sp.Ge(err, B.IIV_LOWER.subs({B.err_iiv: err_iiv, B.k: k, B.K: K, B.delta: delta})),
        steps,
        hypotheses=[ERR, ERR_IIV, DELTA, KK, SMALLK],
        section="2",
        domain="p(V) = 1, any phat; finite X = E + V",
        conclusion=[(err, ">=", 2 * err_iiv - k / K - delta)],
        assumptions=(
            sp.Eq(delta, sp.Abs(phA - pA)),  # the definition of delta
            sp.Eq(phA, 1 - phB),  # p(X) = phat(X) = 1, A and B partition X
            sp.Eq(pA, 1 - pB),
            sp.Ge(Ec, K),  # K = min_c |E_c|
            sp.Gt(q, 1 / K),  # step 5 is about (c, r) in A
            sp.Eq(pBV, phB - phBV),  # B = (B & V) + (B - V)
        ),
    )


def corollary_1() -> Claim:
    single = finite_law(lambda i: (i.err(), i.theorem1_rhs()), label="exact one-prompt instances")
    base = single.sample
    single.sample = lambda rng: _one_prompt(base(rng))
    single.cases = [c for c in single.cases if len(c.prompts) == 1]
    nv, ne = sym("|V|", positive=True, integer=True), sym("|E|", positive=True, integer=True)
    return claim(
        "Corollary 1",
        "err >= 2 err_iiv - |V|/|E| - delta (one prompt)",
        [
            Step(
                "1",
                2 * err_iiv - k / K - delta,
                "=",
                2 * err_iiv - nv / ne - delta,
                "Theorem 1 with |C| = 1: k = |V|, K = |E|",
                given={k: nv, K: ne},
                premises=("Theorem 1",),
                params=(
                    ERR_IIV,
                    DELTA,
                    param(nv, 1, None, search=(1, 20)),
                    param(ne, 1, None, search=(1, 20)),
                ),
            ),
            Step(
                "2",
                "err",
                ">=",
                "2 err_iiv - |V|/|E| - delta",
                "exact check, no prompts",
                kind="inequality",
                law=single,
            ),
        ],
        section="2",
        assumptions=(sp.Eq(k, nv), sp.Eq(K, ne)),  # one prompt: k = |V|, K = |E|
    )


def _one_prompt(inst: FiniteInstance) -> FiniteInstance:
    c = inst.prompts[0]
    return make([F(1)], [len(c.valid)], [len(c.errors)], [c.p], [c.p_hat])


def consequences() -> Claim:
    return claim(
        "Theorem 1 consequences",
        "err >= 2 opt(G) - k/K - delta; err_iiv <= (1 + k/K + delta)/2",
        [
            Step(
                "opt(G)",
                "opt(G) <= min_t err_iiv(f_t)",
                "<=",
                "err_iiv(f_{1/K})",
                "f-hat = g_{theta,1/K} is in G (1/K in [0,1])",
                kind="inequality",
                law=finite_law(lambda i: (i.best_threshold()[1], i.err_iiv())),
            ),
            Step(
                "err<=1",
                err_iiv,
                "<=",
                (1 + k / K + delta) / 2,
                "err <= 1 and Theorem 1",
                kind="inequality",
                given={err_iiv: (err + k / K + delta) / 2 - w, err: 1 - w1},
                premises=("Theorem 1: 2 err_iiv - k/K - delta <= err", "err <= 1"),
                law=finite_law(lambda i: (i.err_iiv(), (1 + F(i.k, i.K) + i.delta()) / 2)),
            ),
        ],
        section="2",
    )


# ----- calibration identity --------------------------------------------------------------
def _mp(x: Fraction) -> Any:
    return mpmath.mpf(x.numerator) / x.denominator


def _ce_prompted(inst: FiniteInstance, s_: Any, weighted: bool) -> Any:
    """L(phat_s) with per-prompt normalisation, 50 digits; ``weighted``: -mu p ln phat
    (correct) or -mu ln phat over all of X (as stated on p.9)."""
    tt = inst.threshold()
    total = mpmath.mpf(0)
    for c in inst.prompts:
        a = sum((q_ for q_ in c.p_hat if q_ > tt), F(0))
        z = s_ * _mp(a) + _mp(1 - a)
        for pj, qj in zip(c.p, c.p_hat, strict=True):
            wgt = c.weight * pj if weighted else c.weight
            if wgt == 0:
                continue
            qs = _mp(qj) * (s_ if qj > tt else 1) / z
            total -= _mp(wgt) * mpmath.log(qs)
    return total


def _positive(inst: FiniteInstance) -> FiniteInstance:
    """Mix phat with the uniform so that phat > 0 on X (the loss is finite)."""
    ps = inst.prompts
    return make(
        [c.weight for c in ps],
        [len(c.valid) for c in ps],
        [len(c.errors) for c in ps],
        [c.p for c in ps],
        [[(q_ + F(1, len(c.p))) / 2 for q_ in c.p_hat] for c in ps],
    )


def _deriv(inst: FiniteInstance, weighted: bool) -> tuple[Any, Any]:
    with mpmath.workdps(GUARD_DIGITS):
        d = mpmath.diff(lambda s_: _ce_prompted(inst, s_, weighted), 1)
    return d, abs(inst.signed_delta()) if not weighted else inst.signed_delta()


def calibration(as_stated: bool = True) -> Claim:
    L0, z = sym("L(phat)"), sym("Z")
    Ls = L0 - pA * sp.log(s) + sp.log(s * phA + 1 - phA)
    pos = ("dirichlet", "mix")

    def law(fn, label):
        lc = finite_law(fn, modes=pos, trials=40, label=label)
        draw = lc.sample
        lc.sample = lambda rng: _positive(draw(rng))  # the witness is what was computed on
        lc.cases = [_positive(c) for c in lc.cases]
        return lc

    steps = [
        Step(
            "1",
            sp.Derivative(Ls, s).subs(s, 1),
            "=",
            phA - pA,
            "L(phat_s) = L(phat) - p(A) ln s + ln Z(s), Z(s) = s phat(A) + phat(B)",
            kind="calculus",
            params=(param(pA, 0, 1), param(phA, 0, 1)),
        ),
        Step(
            "2",
            "|d/ds L(phat_s)| at s=1 (no prompts)",
            "=",
            "delta",
            "the derivative of the cross-entropy, numerically (50 digits) on one-prompt instances",
            kind="calculus",
            law=law(
                lambda i: (_deriv(_one_prompt(i), True)[0], _one_prompt(i).signed_delta()),
                "one-prompt instances, phat > 0, numeric derivative at 60 digits",
            ),
        ),
    ]
    if as_stated:
        steps.append(
            Step(
                "3 (prompts, as stated)",
                "|d/ds sum_{(c,r) in X} -mu(c) ln phat_s(r|c)| at s=1",
                "=",
                "delta",
                "p.9: the prompted loss L(phat) = sum over X of -mu(c) ln phat(r|c), "
                "Z_c per prompt",
                kind="calculus",
                law=law(
                    lambda i: (abs(_deriv(i, False)[0]), i.delta()),
                    "instances with phat > 0, 60 digits",
                ),
                note="the stated loss omits the weight p(r|c): its derivative is "
                "sum_c mu(c)(|R_c| phat(A_c|c) - |A_c|), not phat(A) - p(A)",
            )
        )
        steps.append(
            Step(
                "2b",
                "sum_c mu(c) (phat(A_c|c) - p(A_c|c))",
                "=",
                "phat(A) - p(A)",
                "the joint forms p(c,r) = mu(c) p(r|c), phat(c,r) = mu(c) phat(r|c)",
                kind="definition",
                law=finite_law(
                    lambda i: (
                        sum(
                            (
                                c.weight
                                * sum(
                                    (
                                        ph - pp
                                        for pp, ph in zip(c.p, c.p_hat, strict=True)
                                        if ph > i.threshold()
                                    ),
                                    F(0),
                                )
                                for c in i.prompts
                            ),
                            F(0),
                        ),
                        i.signed_delta(),
                    )
                ),
            )
        )
        name, extra = "Calibration identity", {}
    else:
        cc = sym("c", integer=True, positive=True)
        mm = sym("m", integer=True, positive=True)
        mu_, pa_, pha_ = (
            sp.IndexedBase("mu"),
            sp.IndexedBase("p(A_c|c)"),
            sp.IndexedBase("phat(A_c|c)"),
        )
        loss = sp.Sum(
            mu_[cc] * (-pa_[cc] * sp.log(s) + sp.log(s * pha_[cc] + 1 - pha_[cc])), (cc, 1, mm)
        )
        steps = [
            steps[0],
            Step(
                "3 (prompts)",
                sp.Subs(sp.Derivative(loss, s), s, 1),
                "=",
                sp.Sum(mu_[cc] * (pha_[cc] - pa_[cc]), (cc, 1, mm)),
                "with the weight p(r|c): L_c(phat_s) = L_c(phat) - p(A_c|c) ln s + ln Z_c(s) per "
                "prompt (step 1), summed with the weights mu(c)",
                kind="calculus",
                law=law(lambda i: _deriv(i, True), "instances with phat > 0, 60 digits"),
            ),
        ]
        name, extra = (
            "Calibration identity (corrected)",
            {
                "source": "corrected",
                "corrects": "Calibration identity",
                "conclusion": [(steps[1].lhs, "=", steps[1].rhs)],
            },
        )
    _ = z
    return claim(
        name,
        "delta = |d/ds L(phat_s)| at s = 1",
        steps,
        section="2",
        domain="phat > 0 on supp p",
        **extra,
    )


def uniform_delta() -> Claim:
    law = finite_law(
        lambda i: (max(i.delta(z) for z in [*i.breakpoints(), F(1, 3), F(1, i.K)]), F(0)),
        modes=("uniform",),
        label="exact instances with uniform phat",
    )
    law.cases = [
        c for c in law.cases if all(len(set(pr.p_hat)) == 1 for pr in c.prompts)
    ]  # the uniform edge cases only
    return claim(
        "Uniform phat is calibrated",
        "phat(r|c) = 1/|R_c| gives delta_z = 0 for every z",
        [
            Step(
                "1",
                "max_z delta_z",
                "=",
                0,
                "A_z is a union of whole prompt slices",
                kind="algebra",
                law=law,
            ),
        ],
        section="2",
    )


# ----- Theorem 4, Theorem 3, Corollary 2 ------------------------------------------------
def _e_t(inst: FiniteInstance, fn) -> Fraction:
    b = inst.breakpoints()
    return sum(((hi - lo) * fn(lo) for lo, hi in zip(b, b[1:], strict=False)), F(0))


def theorem_4() -> Claim:
    def mc(fn, label=""):
        return finite_law(fn, multiple_choice=True, label=label)

    fp, fn_, et = (
        sym("E_t FP", nonnegative=True),
        sym("E_t FN", nonnegative=True),
        sym("E_t err_iiv", nonnegative=True),
    )
    steps = [
        Step(
            "1",
            "max_(c,r) |Pr_t[f_t(c,r) = +] - phat(r|c)|",
            "=",
            0,
            "t ~ U[0,1]: the measure of [0, phat)",
            kind="probability",
            law=mc(
                lambda i: (
                    worst(
                        abs(_e_t(i, lambda tt, c=c, j=j: F(int(c.p_hat[j] > tt))) - c.p_hat[j])
                        for _, j, c in i.items()
                    ),
                    F(0),
                )
            ),
        ),
        Step(
            "2",
            fp,
            "<=",
            err / (2 * (C - 1)),
            "E_t FP = 1/2 sum mu sum_{E_c} phat/|E_c|, |E_c| >= C-1",
            kind="inequality",
            law=mc(lambda i: (_e_t(i, i.false_positive), i.err() / (2 * i.K))),
        ),
        Step(
            "3",
            fn_,
            "=",
            err / 2,
            "D(c, a_c) = mu(c)/2 and 1 - phat(a_c|c) = phat(E_c|c)",
            kind="algebra",
            law=mc(lambda i: (_e_t(i, i.false_negative), i.err() / 2)),
        ),
        Step(
            "4",
            et,
            "<=",
            C * err / (2 * (C - 1)),
            "steps 2 + 3",
            kind="inequality",
            premises=(
                Premise(sp.Eq(et, fp + fn_), "hypothesis", et, "E_t err_iiv = E_t FP + E_t FN"),
                Premise(sp.Le(fp, err / (2 * (C - 1))), "2", fp),
                Premise(sp.Eq(fn_, err / 2), "3", fn_),
            ),
            params=(ERR, W, param(C, 2, None, search=(2, 50))),
            law=mc(lambda i: (i.expected_err_iiv(), (i.K + 1) * i.err() / (2 * i.K))),
        ),
        Step(
            "5",
            2 * (C - 1) / C,
            "=",
            2 * (1 - 1 / C),
            "Eq. 11: rearrange step 4",
            kind="algebra",
            params=(param(C, 2, None, search=(2, 50)),),
        ),
        Step(
            "6",
            "min_t err_iiv(f_t)",
            "<=",
            "E_t err_iiv(f_t)",
            "a minimum is at most a mean",
            kind="inequality",
            law=mc(lambda i: (i.best_threshold()[1], i.expected_err_iiv())),
        ),
        Step(
            "Theorem 4",
            err,
            ">=",
            "2 (1 - 1/C) min_t err_iiv(f_t)",
            "steps 5-6",
            kind="inequality",
            law=mc(lambda i: (i.err(), 2 * (1 - F(1, i.K + 1)) * i.best_threshold()[1])),
        ),
    ]
    return claim(
        "Theorem 4",
        "some t has err >= 2(1 - 1/C) err_iiv(f_t)",
        steps,
        hypotheses=[ERR, param(C, 2, None, search=(2, 50))],
        section="5",
        domain="|V_c| = 1, C = K + 1, p(V) = 1",
        assumptions=(sp.Eq(et, fp + fn_),),  # err_iiv = FP + FN, linearity of E_t
    )


def theorem_3() -> Claim:
    return claim(
        "Theorem 3",
        "err >= 2(1 - 1/C) opt(G)",
        [
            Step(
                "1",
                "opt(G)",
                "<=",
                "min_t err_iiv(f_t)",
                "f_t = g_{theta,t} is in G",
                kind="inequality",
                law=finite_law(
                    lambda i: (i.best_threshold()[1], min(i.err_iiv(tt) for tt in i.breakpoints())),
                    multiple_choice=True,
                    label="exact multiple-choice instances (G = thresholds of phat)",
                ),
            ),
            Step(
                "2",
                err,
                ">=",
                "2 (1 - 1/C) opt(G)",
                "Theorem 4 and step 1",
                kind="inequality",
                law=finite_law(
                    lambda i: (i.err(), 2 * (1 - F(1, i.K + 1)) * i.best_threshold()[1]),
                    multiple_choice=True,
                ),
            ),
        ],
        section="5",
        domain="|V_c| = 1, C = K + 1, phat = phat_theta",
    )


def _trigram(qq: Fraction) -> FiniteInstance:
    h = F(1, 2)
    return make([h, h], [1, 1], [1, 1], [[1, 0], [1, 0]], [[qq, 1 - qq], [1 - qq, qq]])


def corollary_2() -> Claim:
    grid = LawCheck(
        lambda rng: F(int(rng.integers(0, 101)), 100),
        lambda qq: (qq, qq),
        lambda qq: {"q": str(qq)},
        trials=60,
        cases=[F(0), F(1, 2), F(1)],
    )

    def on_grid(fn):
        return LawCheck(
            grid.sample,
            fn,
            grid.describe,
            trials=60,
            cases=grid.cases,
            label="exact, phat(.|c1) = phat(.|c2) = (q, 1-q), q on a grid of 1/100",
        )

    return claim(
        "Corollary 2",
        "every trigram model has err >= 1/2",
        [
            Step(
                "1",
                2 * (1 - 1 / C),
                "=",
                sp.Integer(1),
                "|E_c| = 1: C = 2",
                given={C: sp.Integer(2)},
                premises=("C = 2",),
                params=(param(C, 2, None, search=(2, 50)),),
            ),
            Step(
                "2",
                "phat(.|c1)",
                "=",
                "phat(.|c2)",
                "both prompts end in 'out of'",
                kind="construction",
                law=on_grid(
                    lambda qq: (_trigram(qq).prompts[0].p_hat[0], _trigram(qq).prompts[1].p_hat[1])
                ),
            ),
            Step(
                "3",
                "max_t |err_iiv(f_t) - 1/2|",
                "=",
                0,
                "D = 1/4 on each pair; labels differ across prompts",
                kind="algebra",
                law=on_grid(
                    lambda qq: (
                        max(abs(_trigram(qq).err_iiv(F(i, 20)) - F(1, 2)) for i in range(21)),
                        F(0),
                    )
                ),
            ),
            Step(
                "4",
                "err",
                "=",
                F(1, 2),
                "[added] directly: err = (phat(r2|.) + phat(r1|.))/2",
                kind="algebra",
                law=on_grid(lambda qq: (_trigram(qq).err(), F(1, 2))),
            ),
        ],
        section="5",
        assumptions=(sp.Eq(C, 2),),  # |E_c| = 1: C = K + 1 = 2
    )


# ----- Observations ----------------------------------------------------------------------
def _cipher(m: int, key: int, rng: np.random.Generator) -> FiniteInstance:
    """Shift cipher on Z_m: prompt h, valid {d(h) = h - key, IDK}, phat ignoring the key."""
    qv = [F(int(x) + 1) for x in rng.integers(0, 4, size=m + 1)]
    tot = sum(qv)
    ph = [x / tot for x in qv]  # the same phat(.|h) for every h: over messages 0..m-1, IDK
    weights, nvs, nes, ps, phs = [], [], [], [], []
    for h in range(m):
        ans = (h - key) % m
        order = [ans, m] + [r for r in range(m) if r != ans]
        weights.append(F(1, m))
        nvs.append(2)
        nes.append(m - 1)
        ps.append([F(1), F(0)] + [F(0)] * (m - 1))
        phs.append([ph[r] for r in order])
    return make(weights, nvs, nes, ps, phs)


def observation_2() -> Claim:
    Msz = sym("|M|", positive=True, integer=True)
    law = LawCheck(
        lambda rng: (
            int(rng.choice([5, 11])),
            int(rng.integers(0, 11)),
            int(rng.integers(0, 2**31)),
        ),
        lambda cs: _obs2(*cs),
        lambda cs: {"m": cs[0], "key": cs[1], "phat_seed": cs[2]},
        trials=30,
        label="exact shift ciphers on Z_m (m in {5, 11}), key-blind phat, "
        "beta = 1 - 2 err_iiv + 1/100",
    )
    return claim(
        "Observation 2",
        "not beta-breaking => err >= 1 - beta - 2/(|M|-1) - delta",
        [
            Step(
                "1",
                err,
                ">",
                1 - beta - 2 / (Msz - 1) - delta,
                "not beta-breaks: 2 err_iiv > 1 - beta; Theorem 1 with k = 2, K = |M| - 1",
                kind="inequality",
                given={
                    err: 2 * err_iiv - 2 / (Msz - 1) - delta + w,
                    err_iiv: (1 - beta) / 2 + wpos / 2,
                },
                premises=("Theorem 1", "2 err_iiv = 1 - beta + w', w' > 0"),
                params=(
                    ERR,
                    DELTA,
                    param(beta, 0, 1),
                    W,
                    param(wpos, 0, None, lo_open=True, search=(1e-6, 1)),
                    param(Msz, 3, None, search=(3, 100)),
                ),
                law=law,
            ),
        ],
        section="6",
        domain="p(V) = 1, V_c = {d_S(h), IDK}, |E_c| = |M| - 1",
    )


def _obs2(m: int, key: int, seed: int) -> tuple[Fraction, Fraction]:
    inst = _cipher(m, key, np.random.default_rng(seed))
    b = 1 - 2 * inst.err_iiv() + F(1, 100)
    return inst.err(), 1 - b - F(2, m - 1) - inst.delta()


def _graders(
    rng: np.random.Generator,
) -> tuple[int, frozenset[int], list[tuple[Fraction, tuple[int, ...]]]]:
    n = int(rng.integers(2, 7))
    n_abs = int(rng.integers(1, n))
    abst = frozenset(int(x) for x in rng.choice(n, size=n_abs, replace=False))
    mix = []
    for _ in range(int(rng.integers(1, 5))):
        g = [0 if r in abst else int(rng.integers(0, 2)) for r in range(n)]
        if not any(g):
            g[[r for r in range(n) if r not in abst][0]] = 1
        mix.append((F(int(rng.integers(1, 5))), tuple(g)))
    tot = sum(wt for wt, _ in mix)
    return n, abst, [(wt / tot, g) for wt, g in mix]


def _expected(case) -> list[Fraction]:
    n, _, mix = case
    return [sum((wt * g[r] for wt, g in mix), F(0)) for r in range(n)]


def observation_1() -> Claim:
    def law(fn):
        return LawCheck(
            _graders,
            fn,
            lambda cs: {
                "|R_c|": cs[0],
                "A_c": sorted(cs[1]),
                "rho": [[str(a), list(g)] for a, g in cs[2]],
            },
            trials=150,
            label="exact mixtures of random binary graders",
        )

    return claim(
        "Observation 1",
        "abstentions are never optimal under binary grading",
        [
            Step(
                "1",
                "max_{r in A_c} E g(r)",
                "=",
                0,
                "g = 0 on A_c",
                kind="algebra",
                law=law(lambda cs: (max(_expected(cs)[r] for r in cs[1]), F(0))),
            ),
            Step(
                "3",
                "min_g max_{r not in A_c} g(r)",
                "=",
                1,
                "range {0,1} and g = 0 on A_c",
                kind="algebra",
                law=law(
                    lambda cs: (
                        min(max(g[r] for r in range(cs[0]) if r not in cs[1]) for _, g in cs[2]),
                        F(1),
                    )
                ),
            ),
            Step(
                "4",
                "sum_r Pr[g(r) = 1]",
                ">=",
                1,
                "union bound over R_c",
                kind="probability",
                law=law(lambda cs: (sum(_expected(cs)), F(1))),
            ),
            Step(
                "5",
                "|argmax_r E g(r) & A_c|",
                "=",
                0,
                "some r* outside A_c has Pr >= 1/|R_c| > 0",
                kind="inequality",
                law=law(
                    lambda cs: (
                        F(
                            len(
                                {r for r, e in enumerate(_expected(cs)) if e == max(_expected(cs))}
                                & cs[1]
                            )
                        ),
                        F(0),
                    )
                ),
            ),
        ],
        section="7",
    )


def confidence_targets(as_stated: bool = True) -> Claim:
    score = q - (1 - q) * t / (1 - t)
    uu = sym("u", positive=True)
    t_ = sym("t", nonnegative=True)

    def penalty_at(value: Fraction) -> sp.Subs:
        """The penalty t/(1-t) at t = value, the substitution kept (not SymPy's number)."""
        return sp.Subs(t_ / (1 - t_), t_, sp.Rational(value.numerator, value.denominator))

    steps = [
        Step(
            "1",
            score,
            "=",
            (q - t) / (1 - t),
            "E[score of answering], t in [0,1)",
            kind="algebra",
            params=(param(q, 0, 1), param(t, 0, 1, hi_open=True)),
        ),
        Step(
            "2",
            ((q - t) / (1 - t)).xreplace({q: 1 - uu + wpos, t: 1 - uu}),
            ">",
            sp.Integer(0),
            "answer iff q > t: (q - t)/(1 - t) at q = t + w' (w' > 0), t = 1 - u (u in (0, 1])",
            kind="inequality",
            params=(
                param(sym("u", positive=True), 0, 1, lo_open=True),
                param(wpos, 0, None, lo_open=True),
            ),
        ),
        Step("t=0", penalty_at(F(0)), "=", 0, "binary grading: no penalty"),
        Step("t=0.5", penalty_at(F(1, 2)), "=", 1, "p.13 example"),
        Step("t=0.9", penalty_at(F(9, 10)), "=", 9, "p.13 example"),
    ]
    if as_stated:
        steps.insert(
            4,
            Step(
                "t=0.75",
                penalty_at(F(3, 4)),
                "=",
                2,
                "p.13 example as given in the note: t = 0.75 -> penalty 2",
                params=(),
                note="0.75/0.25 = 3",
            ),
        )
        return claim(
            "Confidence targets",
            "answer iff q > t is optimal; penalties t/(1-t)",
            steps,
            section="7",
        )
    steps.insert(4, Step("t=0.75", penalty_at(F(3, 4)), "=", 3, "t = 0.75 -> penalty 3"))
    return claim(
        "Confidence targets (corrected)",
        "answer iff q > t; penalty t/(1-t): 0, 1, 3, 9",
        steps,
        section="7",
        source="corrected",
        corrects="Confidence targets",
        all_steps=True,
    )


def worked_numbers() -> Claim:
    N_ = sym("N", positive=True)
    vac = 6 * sp.log(300 * N_) / sp.sqrt(N_)
    num = [
        ("6 ln(300N)/sqrt(N) at N=1e4", sp.Abs(vac.subs(N_, 10**4) - F(895, 1000)), F(5, 10000)),
        ("at N=1e5", sp.Abs(vac.subs(N_, 10**5) - F(327, 1000)), F(5, 10000)),
        ("at N=1e6", sp.Abs(vac.subs(N_, 10**6) - F(117, 1000)), F(5, 10000)),
        ("sqrt(ln 10) = 1.517", sp.Abs(sp.sqrt(sp.log(10)) - F(1517, 1000)), F(5, 10000)),
        ("ln 6 = 1.792", sp.Abs(sp.log(6) - F(1792, 1000)), F(5, 10000)),
        ("6 ln 3 = 6.59", sp.Abs(6 * sp.log(3) - F(659, 100)), F(5, 1000)),
        ("1 + sqrt 2 = 2.41421", sp.Abs(1 + sp.sqrt(2) - F(241421, 100000)), F(1, 100000)),
        ("sqrt 2 + 2.42 = 3.834", sp.Abs(sp.sqrt(2) + F(242, 100) - F(3834, 1000)), F(1, 1000)),
        ("sqrt 2 + 4.42 = 5.834", sp.Abs(sp.sqrt(2) + F(442, 100) - F(5834, 1000)), F(1, 1000)),
        ("6 ln 300 = 34.2227", sp.Abs(6 * sp.log(300) - F(342227, 10000)), F(1, 10000)),
        (
            "5 sqrt(ln 500) = 12.4646",
            sp.Abs(5 * sp.sqrt(sp.log(500)) - F(124646, 10000)),
            F(1, 10000),
        ),
        ("ln 5 = 1.609", sp.Abs(sp.log(5) - F(1609, 1000)), F(1, 1000)),
    ]
    steps = [
        Step(name, lhs, "<=", tol, "the note's decimals (to their last digit)", params=())
        for name, lhs, tol in num
    ]
    return claim(
        "Worked numbers",
        "the constants quoted in the paper and the note",
        steps,
        section="8",
        all_steps=True,
    )


def claims() -> list[Claim]:
    from hallbound.proofs_checks.claims.why_hallucinate import goodturing as gt

    return [
        theorem_1(),
        corollary_1(),
        consequences(),
        calibration(),
        uniform_delta(),
        *gt.claims_paper(),
        theorem_4(),
        theorem_3(),
        corollary_2(),
        observation_2(),
        observation_1(),
        confidence_targets(),
        worked_numbers(),
        calibration(as_stated=False),
        confidence_targets(as_stated=False),
        *gt.claims_corrected(),
    ]
