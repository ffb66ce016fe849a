r"""Theorem 1 (the reduction from generation to IIV classification), Corollary 1 and
Theorem 1's consequences."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate import law_symbols as LS
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
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.library.lemma_library import lemma
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


def _vm(inst: FiniteInstance) -> Fraction:
    """sum_c mu(c) |V_c| on an instance."""
    return sum((c.weight * len(c.valid) for c in inst.prompts), F(0))


#: A point of A - V: K = 2, phat(e0) = 1 > 1/2.
_A_POINT = make([F(1)], [1], [2], [[F(1), F(0), F(0)]], [[F(0), F(1), F(0)]])


# ----- Theorem 1 over a finite X with symbolic sizes ---------------------------------------
#: X written out: prompts c = 1..m, responses j = 1..R_c of each prompt (R_c >= |E_c| >= 1).
c_, j_ = sym("c", integer=True, positive=True), sym("j", integer=True, positive=True)
m_ = sym("m", integer=True, positive=True)
R_ = sp.IndexedBase("R", integer=True, positive=True)
MU = sp.IndexedBase("mu", nonnegative=True)  # mu(c)
#: membership as 0/1 weights: a on A = {phat > 1/K}, b on B = X - A, v on V, e on E = X - V
IA, IB, IV, IE = (sp.IndexedBase(n, nonnegative=True) for n in ("1_A", "1_B", "1_V", "1_E"))
PH, PHA, PHB, PV = (
    sp.IndexedBase(n, nonnegative=True) for n in ("phat", "phat 1_A", "phat 1_B", "p")
)
INV_E = sp.IndexedBase("1/|E|", positive=True)  # 1/|E_c|
NV = sp.IndexedBase("n_V", integer=True, nonnegative=True)  # n_V[c] = |V_c|
VM, MTOT = sym("sum mu|V|", nonnegative=True), sym("sum mu", nonnegative=True)


def _x_sum(term: sp.Expr) -> sp.Sum:
    """sum_{(c, r) in X} mu(c) term(c, r), written as sum_c mu(c) sum_j term[c, j]."""
    return sp.Sum(MU[c_] * sp.Sum(term, (j_, 1, R_[c_])), (c_, 1, m_))


def _mu_sum(term: sp.Expr) -> sp.Sum:
    """sum_c mu(c) term(c)."""
    return sp.Sum(MU[c_] * term, (c_, 1, m_))


#: The paper's quantities as sums over X (Section 2: D = mu p/2 on V, mu/(2|E_c|) on E).
T1_DEFS: dict[sp.Symbol, sp.Expr] = {
    err: _x_sum(IE[c_, j_] * PH[c_, j_]),  # phat(E)
    pAV: _x_sum(IE[c_, j_] * PHA[c_, j_]),  # phat(A - V)
    pBV: _x_sum(IE[c_, j_] * PHB[c_, j_]),  # phat(B - V)
    phBV: _x_sum(IV[c_, j_] * PHB[c_, j_]),  # phat(B & V)
    DAV: _x_sum(IA[c_, j_] * IE[c_, j_] * INV_E[c_] / 2),  # D(A - V)
    DBV: _x_sum(IB[c_, j_] * IV[c_, j_] * PV[c_, j_] / 2),  # D(B & V)
    pB: _x_sum(IB[c_, j_] * IV[c_, j_] * PV[c_, j_]),  # p(B) = p(B & V): p(E) = 0
    err_iiv: _x_sum(
        IA[c_, j_] * IE[c_, j_] * INV_E[c_] / 2 + IB[c_, j_] * IV[c_, j_] * PV[c_, j_] / 2
    ),  # D(f-hat != f) = D(A & E) + D(B & V)
    VM: _mu_sum(NV[c_]),  # sum_c mu(c) |V_c|
    MTOT: _mu_sum(sp.Integer(1)),
}
#: What A, B, V, E, K and k are, pointwise (every c, j).
T1_FACTS: tuple[sp.Basic, ...] = (
    sp.Eq(IA[c_, j_] + IB[c_, j_], 1),  # A, B partition X
    sp.Eq(PHA[c_, j_] + PHB[c_, j_], PH[c_, j_]),  # phat = phat 1_A + phat 1_B
    sp.Ge(PHA[c_, j_], IA[c_, j_] / K),  # A = {phat > 1/K}
    sp.Le(PHB[c_, j_], IB[c_, j_] / K),  # B = {phat <= 1/K}
    sp.Le(INV_E[c_], 1 / K),  # |E_c| >= K = min_c |E_c|
    sp.Eq(NV[c_], sp.Sum(IV[c_, j_], (j_, 1, R_[c_]))),  # |V_c|
    sp.Le(NV[c_], k),  # k = max_c |V_c|
    sp.Eq(MTOT, 1),  # mu is a distribution
)


def _defs(*names: sp.Symbol) -> dict[sp.Symbol, sp.Expr]:
    return {n: T1_DEFS[n] for n in names}


def _fact(rel: sp.Basic, solve_for: sp.Basic, label: str) -> Premise:
    return Premise(rel, "hypothesis", solve_for, label)


def theorem_1() -> Claim:
    r"""Theorem 1, :math:`err \ge 2 err_{iiv} - k/K - \delta`, over a finite X with symbolic
    numbers of prompts and responses: the set steps (2, 3, 6, 7, 8) are identities and
    inequalities of finite sums that SymPy proves from the pointwise facts :data:`T1_FACTS`
    (membership as 0/1 weights); each is also checked exactly on finite instances."""
    return claim(
        "Theorem 1",
        sp.Ge(err, B.IIV_LOWER.subs({B.err_iiv: err_iiv, B.k: k, B.K: K, B.delta: delta})),
        theorem1_steps(),
        hypotheses=[ERR, ERR_IIV, DELTA, KK, SMALLK],
        section="2",
        domain="p(V) = 1, any phat; finite X = E + V",
        conclusion=[(err, ">=", 2 * err_iiv - k / K - delta)],
        assumptions=T1_ASSUMPTIONS,
        law_symbols=LS.THEOREM_1,
    )


def theorem1_steps() -> list[Step]:
    """Steps 1-10 of Theorem 1's proof (1b, 8a, 8b added)."""
    return [*_theorem1_set_steps(), *_theorem1_sum_steps()]


def _theorem1_set_steps() -> list[Step]:
    """Steps 1-6: delta on B, the partitions of err and err_iiv, the bounds on A - V."""
    fl = finite_law
    return [
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
            "1b",
            pB - phB,
            "<=",
            delta,
            "step 1 and the reverse triangle inequality |x - y| >= |x| - |y| (x, y >= 0)",
            kind="inequality",
            premises=(Premise(sp.Eq(delta, sp.Abs(pB - phB)), "1", delta),),
            lemmas=(lemma("Reverse triangle", x=pB, y=phB),),
            law=fl(lambda i: (_sides(i)["pB"] - _sides(i)["phB"], i.delta())),
        ),
        Step(
            "2",
            err,
            "=",
            pAV + pBV,
            "A, B partition X and E = X \\ V: phat = phat 1_A + phat 1_B on E",
            kind="definition",
            given=_defs(err, pAV, pBV),
            premises=(_fact(T1_FACTS[1], PHB[c_, j_], "phat = phat 1_A + phat 1_B"),),
            law=fl(lambda i: (i.err(), _sides(i)["pAV"] + _sides(i)["pBV"])),
        ),
        Step(
            "3",
            err_iiv,
            "=",
            DAV + DBV,
            "f-hat = + exactly on A, f = + exactly on V: f-hat != f on (A - V) + (B & V)",
            kind="definition",
            given=_defs(err_iiv, DAV, DBV),
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
            law_symbols=LS.POINT,
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
            law_symbols=LS.POINT,
        ),
        Step(
            "6",
            pAV,
            ">=",
            2 * DAV,
            "sum steps 4-5 over A \\ V: phat > 1/K >= 1/|E_c| on A",
            kind="inequality",
            given=_defs(pAV, DAV),
            premises=(
                _fact(T1_FACTS[2], PHA[c_, j_], "A = {phat > 1/K}"),
                _fact(T1_FACTS[4], INV_E[c_], "|E_c| >= K"),
            ),
            law=fl(lambda i: (_sides(i)["pAV"], 2 * _sides(i)["DAV"])),
        ),
    ]


def _theorem1_sum_steps() -> list[Step]:
    """Steps 7-10: the bounds on B & V, and their combination with step 6."""
    kK = k / K
    fl = finite_law
    return [
        Step(
            "7",
            2 * DBV,
            "=",
            pB,
            "D = mu p/2 on V and p(V) = 1 (p = 0 on E, so p(B) = p(B & V))",
            kind="definition",
            given=_defs(DBV, pB),
            law=fl(lambda i: (2 * _sides(i)["DBV"], _sides(i)["pB"])),
        ),
        Step(
            "8a",
            phBV,
            "<=",
            VM / K,
            "phat <= 1/K on B, summed over B & V",
            kind="inequality",
            given=_defs(phBV, VM),
            premises=(
                _fact(T1_FACTS[3], PHB[c_, j_], "B = {phat <= 1/K}"),
                _fact(T1_FACTS[0], IB[c_, j_], "A, B partition X"),
                _fact(T1_FACTS[5], NV[c_], "|V_c| = sum_r 1_V(c, r)"),
            ),
            law=fl(lambda i: (_sides(i)["phBV"], _vm(i) / i.K)),
        ),
        Step(
            "8b",
            VM,
            "<=",
            k * MTOT,
            "|V_c| <= k",
            kind="inequality",
            given=_defs(VM, MTOT),
            premises=(_fact(T1_FACTS[6], NV[c_], "|V_c| <= k"),),
            law=fl(lambda i: (_vm(i), F(i.k))),
        ),
        Step(
            "8",
            phBV,
            "<=",
            kK,
            "steps 8a-8b and sum mu = 1",
            kind="inequality",
            premises=(
                Premise(sp.Le(phBV, VM / K), "8a", phBV),
                Premise(sp.Le(VM, k * MTOT), "8b", VM),
                _fact(T1_FACTS[7], MTOT, "sum_c mu(c) = 1"),
            ),
            law=fl(lambda i: (_sides(i)["phBV"], F(i.k, i.K))),
        ),
        Step(
            "9",
            2 * DBV - pBV,
            "<=",
            delta + kK,
            "steps 7, 1b, 8 and phat(B\\V) = phat(B) - phat(B&V)",
            kind="inequality",
            premises=(
                Premise(sp.Eq(2 * DBV, pB), "7", DBV),
                Premise(
                    sp.Eq(pBV, phB - phBV), "hypothesis", pBV, "phat(B-V) = phat(B) - phat(B&V)"
                ),
                Premise(sp.Le(pB - phB, delta), "1b", pB, "p(B) - phat(B) <= delta"),
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


#: Theorem 1's stated relations: the definitions and pointwise facts its steps rest on.
T1_ASSUMPTIONS: tuple[sp.Basic, ...] = (
    sp.Eq(delta, sp.Abs(phA - pA)),  # the definition of delta
    sp.Eq(phA, 1 - phB),  # p(X) = phat(X) = 1, A and B partition X
    sp.Eq(pA, 1 - pB),
    sp.Ge(Ec, K),  # K = min_c |E_c|
    sp.Gt(q, 1 / K),  # step 5 is about (c, r) in A
    sp.Eq(pBV, phB - phBV),  # B = (B & V) + (B - V)
    *(sp.Eq(n, d) for n, d in T1_DEFS.items()),  # the quantities as sums over X
    *T1_FACTS,
)


def corollary_1() -> Claim:
    """Corollary 1: Theorem 1's steps with one prompt, where k = |V| and K = |E|."""
    single = finite_law(lambda i: (i.err(), i.theorem1_rhs()), label="exact one-prompt instances")
    base = single.sample
    single.sample = lambda rng: one_prompt(base(rng))
    single.cases = [c for c in single.cases if len(c.prompts) == 1]
    nv, ne = sym("|V|", positive=True, integer=True), sym("|E|", positive=True, integer=True)
    one = Step(
        "11",
        err,
        ">=",
        2 * err_iiv - nv / ne - delta,
        "step 10 (Theorem 1) with |C| = 1: k = |V|, K = |E|",
        kind="inequality",
        given={k: nv, K: ne},
        premises=(Premise(sp.Ge(err, 2 * err_iiv - k / K - delta), "10", err),),
        law=single,
    )
    return claim(
        "Corollary 1",
        "err >= 2 err_iiv - |V|/|E| - delta (one prompt)",
        [*theorem1_steps(), one],
        hypotheses=[
            ERR,
            ERR_IIV,
            DELTA,
            KK,
            SMALLK,
            param(nv, 1, None, search=(1, 20)),
            param(ne, 1, None, search=(1, 20)),
        ],
        section="2",
        domain="one prompt, p(V) = 1, any phat",
        conclusion=[(err, ">=", 2 * err_iiv - nv / ne - delta)],
        assumptions=(*T1_ASSUMPTIONS, sp.Eq(k, nv), sp.Eq(K, ne)),  # one prompt
        law_symbols=LS.ONE_PROMPT,
    )


def one_prompt(inst: FiniteInstance) -> FiniteInstance:
    """The first prompt of ``inst`` alone, with weight 1 (the no-prompt case)."""
    c = inst.prompts[0]
    return make([F(1)], [len(c.valid)], [len(c.errors)], [c.p], [c.p_hat])


def consequences() -> Claim:
    """Theorem 1's consequences: opt(G) <= err_iiv(f-hat) (f-hat is in G), and err <= 1."""
    opt = sym("opt(G)", nonnegative=True)
    t1 = Premise(sp.Ge(err, 2 * err_iiv - k / K - delta), "10", err)
    return claim(
        "Theorem 1 consequences",
        "err >= 2 opt(G) - k/K - delta; err_iiv <= (1 + k/K + delta)/2",
        [
            *theorem1_steps(),
            Step(
                "opt(G)",
                opt,
                "<=",
                err_iiv,
                "opt(G) = min over G of err_iiv, and f-hat = g_{theta,1/K} is in G (1/K in [0,1])",
                kind="inequality",
                premises=(_fact(sp.Le(opt, err_iiv), opt, "opt(G) <= err_iiv(f-hat)"),),
                law=finite_law(lambda i: (i.best_threshold()[1], i.err_iiv())),
            ),
            Step(
                "opt",
                err,
                ">=",
                2 * opt - k / K - delta,
                "step 10 (Theorem 1) and opt(G) <= err_iiv",
                kind="inequality",
                premises=(t1, Premise(sp.Le(opt, err_iiv), "opt(G)", opt)),
                law=finite_law(
                    lambda i: (i.err(), 2 * i.best_threshold()[1] - F(i.k, i.K) - i.delta())
                ),
            ),
            Step(
                "err<=1",
                err_iiv,
                "<=",
                (1 + k / K + delta) / 2,
                "err <= 1 and step 10 (Theorem 1)",
                kind="inequality",
                premises=(
                    Premise(sp.Ge(err, 2 * err_iiv - k / K - delta), "10", err_iiv),
                    _fact(sp.Le(err, 1), err, "err <= 1"),
                ),
                law=finite_law(lambda i: (i.err_iiv(), (1 + F(i.k, i.K) + i.delta()) / 2)),
            ),
        ],
        hypotheses=[ERR, ERR_IIV, DELTA, KK, SMALLK, param(opt, 0, 1)],
        section="2",
        domain="p(V) = 1, any phat; G contains the threshold classifiers g_{theta,t}",
        conclusion=[
            (err, ">=", 2 * opt - k / K - delta),
            (err_iiv, "<=", (1 + k / K + delta) / 2),
        ],
        assumptions=(*T1_ASSUMPTIONS, sp.Le(opt, err_iiv), sp.Le(err, 1)),
        law_symbols=LS.THEOREM_1,
    )
