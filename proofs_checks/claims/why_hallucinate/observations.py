r"""Observations 1 and 2, the confidence targets and the worked numbers."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate import law_symbols as LS
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    param,
    sym,
)
from hallbound.proofs_checks.claims.why_hallucinate.reduction import T1_ASSUMPTIONS, theorem1_steps
from hallbound.proofs_checks.claims.why_hallucinate.symbols import (
    DELTA,
    ERR,
    ERR_IIV,
    KK,
    SMALLK,
    K,
    beta,
    delta,
    err,
    err_iiv,
    k,
    q,
    t,
    wpos,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make


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
    t1 = Premise(sp.Ge(err, 2 * err_iiv - k / K - delta), "10", err)
    return claim(
        "Observation 2",
        "not beta-breaking => err >= 1 - beta - 2/(|M|-1) - delta",
        [
            *theorem1_steps(),
            Step(
                "k=2",
                err,
                ">=",
                2 * err_iiv - 2 / (Msz - 1) - delta,
                "step 10 (Theorem 1) with k = |V_c| = 2, K = |E_c| = |M| - 1",
                kind="inequality",
                given={k: sp.Integer(2), K: Msz - 1},
                premises=(t1,),
            ),
            Step(
                "obs",
                err,
                ">",
                1 - beta - 2 / (Msz - 1) - delta,
                "step k=2 and not beta-breaking: 2 err_iiv > 1 - beta",
                kind="inequality",
                premises=(
                    Premise(sp.Ge(err, 2 * err_iiv - 2 / (Msz - 1) - delta), "k=2", err),
                    Premise(
                        sp.Gt(2 * err_iiv, 1 - beta),
                        "hypothesis",
                        err_iiv,
                        "f-hat does not beta-break: 2 err_iiv > 1 - beta",
                    ),
                ),
                law=law,
            ),
        ],
        hypotheses=[
            ERR,
            ERR_IIV,
            DELTA,
            KK,
            SMALLK,
            param(beta, 0, 1),
            param(Msz, 3, None, search=(3, 100)),
        ],
        section="6",
        domain="p(V) = 1, V_c = {d_S(h), IDK}, |E_c| = |M| - 1",
        conclusion=[(err, ">=", 1 - beta - 2 / (Msz - 1) - delta)],
        assumptions=(
            *T1_ASSUMPTIONS,
            sp.Eq(k, 2),  # V_c = {d_S(h), IDK}
            sp.Eq(K, Msz - 1),  # |E_c| = |M| - 1
            sp.Gt(2 * err_iiv, 1 - beta),  # not beta-breaking
        ),
        law_symbols=LS.THEOREM_1,
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


# Observation 1 written out: graders i = 1..n_g with weights rho_i, responses r = 1..|R_c|.
_i, _r = sym("i", integer=True, positive=True), sym("r", integer=True, positive=True)
_NG, _NR = sym("n_g", integer=True, positive=True), sym("|R_c|", integer=True, positive=True)
_RHO = sp.IndexedBase("rho", nonnegative=True)
_G = sp.IndexedBase("g", nonnegative=True)  # g_i(r) in {0, 1}
_GA = sp.IndexedBase("g(a)", nonnegative=True)  # g_i(a) at an abstention a in A_c
_EG = sp.IndexedBase("E g(r)", nonnegative=True)
_CNT = sp.IndexedBase("|g_i^-1(1)|", nonnegative=True)  # sum_r g_i(r)
E_A, E_MAX, TOT, RHO_TOT = (
    sym(n, nonnegative=True) for n in ("E g(a)", "max_r E g(r)", "sum_r E g(r)", "sum rho")
)
OBS1_DEFS = {
    E_A: sp.Sum(_RHO[_i] * _GA[_i], (_i, 1, _NG)),
    TOT: sp.Sum(_EG[_r], (_r, 1, _NR)),
    RHO_TOT: sp.Sum(_RHO[_i], (_i, 1, _NG)),
}
OBS1_FACTS = (
    sp.Eq(_GA[_i], 0),  # g = 0 on A_c
    sp.Eq(_EG[_r], sp.Sum(_RHO[_i] * _G[_i, _r], (_i, 1, _NG))),  # E_{g ~ rho} g(r)
    sp.Eq(_CNT[_i], sp.Sum(_G[_i, _r], (_r, 1, _NR))),
    sp.Ge(_CNT[_i], 1),  # range {0, 1}, 0 on A_c: some r not in A_c has g_i(r) = 1
    sp.Le(_EG[_r], E_MAX),  # the maximum over R_c
    sp.Eq(RHO_TOT, 1),  # rho is a distribution
)


def _o1_fact(n: int, solve_for: sp.Basic, label: str) -> Premise:
    return Premise(OBS1_FACTS[n], "hypothesis", solve_for, label)


def observation_1() -> Claim:
    """Observation 1 over symbolic numbers of graders and responses: the best response's
    expected grade is at least 1/|R_c| > 0, an abstention's is 0."""

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

    steps = [
        Step(
            "1",
            E_A,
            "=",
            0,
            "g = 0 on A_c",
            kind="algebra",
            given={E_A: OBS1_DEFS[E_A]},
            premises=(_o1_fact(0, _GA[_i], "g_i(a) = 0"),),
            law=law(lambda cs: (max(_expected(cs)[r] for r in cs[1]), F(0))),
        ),
        Step(
            "4a",
            TOT,
            "=",
            sp.Sum(_RHO[_i] * _CNT[_i], (_i, 1, _NG)),
            "sum_r E g(r) = E sum_r g(r) (finite sums exchange)",
            kind="algebra",
            given={TOT: OBS1_DEFS[TOT]},
            premises=(
                _o1_fact(1, _EG[_r], "E g(r) = sum_i rho_i g_i(r)"),
                _o1_fact(2, _CNT[_i], "|g_i^-1(1)| = sum_r g_i(r)"),
            ),
        ),
        Step(
            "4",
            TOT,
            ">=",
            RHO_TOT,
            "union bound over R_c: each g accepts some r",
            kind="probability",
            given={RHO_TOT: OBS1_DEFS[RHO_TOT]},
            premises=(
                Premise(sp.Eq(TOT, sp.Sum(_RHO[_i] * _CNT[_i], (_i, 1, _NG))), "4a", TOT),
                _o1_fact(3, _CNT[_i], "range {0, 1} and g = 0 on A_c: sum_r g_i(r) >= 1"),
            ),
            law=law(lambda cs: (sum(_expected(cs)), F(1))),
        ),
        Step(
            "4b",
            TOT,
            ">=",
            1,
            "step 4 and sum rho = 1",
            kind="inequality",
            premises=(
                Premise(sp.Ge(TOT, RHO_TOT), "4", TOT),
                _o1_fact(5, RHO_TOT, "rho is a distribution"),
            ),
        ),
        *_obs1_max_steps(law),
    ]
    return claim(
        "Observation 1",
        "abstentions are never optimal under binary grading",
        steps,
        hypotheses=[param(E_A, 0, 1), param(E_MAX, 0, 1)],
        section="7",
        domain="rho_c a distribution over binary graders g: R_c -> {0, 1}, g = 0 on A_c",
        conclusion=[(E_MAX, ">", E_A)],
        assumptions=(*(sp.Eq(n, d) for n, d in OBS1_DEFS.items()), *OBS1_FACTS),
    )


def _obs1_max_steps(law) -> list[Step]:
    """Steps 5 and 6: the maximum is at least the mean 1/|R_c|, which is > 0."""
    return [
        Step(
            "5",
            _NR * E_MAX,
            ">=",
            TOT,
            "a maximum is at least each term: sum_r E g(r) <= |R_c| max_r E g(r)",
            kind="inequality",
            given={TOT: OBS1_DEFS[TOT]},
            premises=(_o1_fact(4, _EG[_r], "E g(r) <= max_r E g(r)"),),
            law=law(lambda cs: (cs[0] * max(_expected(cs)), sum(_expected(cs)))),
        ),
        Step(
            "6",
            E_MAX,
            ">",
            E_A,
            "steps 5, 4, 1: max_r E g(r) >= 1/|R_c| > 0 = E g(a), so no a in A_c is in the argmax",
            kind="inequality",
            premises=(
                Premise(sp.Ge(_NR * E_MAX, TOT), "5", E_MAX),
                Premise(sp.Ge(TOT, 1), "4b", TOT),
                Premise(sp.Eq(E_A, 0), "1", E_A),
            ),
            law=law(
                lambda cs: (
                    max(_expected(cs)),
                    max(_expected(cs)[r] for r in cs[1]),
                )
            ),
        ),
    ]


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
