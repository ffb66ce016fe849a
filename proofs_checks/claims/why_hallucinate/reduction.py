r"""Theorem 1 (the reduction from generation to IIV classification), Corollary 1 and
Theorem 1's consequences."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    finite_law,
    param,
    point_law,
    sym,
)
from hallbound.proofs_checks.claims.why_hallucinate.symbols import (
    DAV,
    DBV,
    DELTA,
    ERR,
    ERR_IIV,
    KK,
    SMALLK,
    Ec,
    K,
    W,
    delta,
    err,
    err_iiv,
    k,
    mu,
    pA,
    pAV,
    pB,
    pBV,
    phA,
    phB,
    phBV,
    q,
    w,
    w1,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.symbolic.why_hallucinate import bounds as B
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make


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
    single.sample = lambda rng: one_prompt(base(rng))
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


def one_prompt(inst: FiniteInstance) -> FiniteInstance:
    """The first prompt of ``inst`` alone, with weight 1 (the no-prompt case)."""
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
