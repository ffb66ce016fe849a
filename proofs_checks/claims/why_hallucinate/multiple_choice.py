r"""Theorem 4, Theorem 3 and Corollary 2 (multiple choice, |V_c| = 1)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate import law_symbols as LS
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    edge_instances,
    finite_law,
    param,
    point_law,
    sym,
)
from hallbound.proofs_checks.claims.why_hallucinate.symbols import (
    ERR,
    C,
    err,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.randomness import E, random_symbol
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make


# ----- Theorem 4, Theorem 3, Corollary 2 ------------------------------------------------
def _e_t(inst: FiniteInstance, fn) -> Fraction:
    b = inst.breakpoints()
    return sum(((hi - lo) * fn(lo) for lo, hi in zip(b, b[1:], strict=False)), F(0))


# Theorem 4's X written out: prompts c = 1..m, the answer a_c and the errors j = 1..|E_c|.
_c, _j = sym("c", integer=True, positive=True), sym("j", integer=True, positive=True)
_m = sym("m", integer=True, positive=True)
MU = sp.IndexedBase("mu", nonnegative=True)
PA = sp.IndexedBase("phat(a_c|c)", nonnegative=True)
PE = sp.IndexedBase("phat(e|c)", nonnegative=True)
NE = sp.IndexedBase("|E_c|", integer=True, positive=True)
INV_E = sp.IndexedBase("1/|E_c|", positive=True)
FP, FN, ET = (sym(n, nonnegative=True) for n in ("E_t FP", "E_t FN", "E_t err_iiv"))
MIN_T = sym("min_t err_iiv(f_t)", nonnegative=True)
ERR_T = random_symbol("err_iiv(f_t)")  # a function of t ~ U[0, 1]
_tt = sym("t", nonnegative=True)


def _over_errors(term: sp.Expr) -> sp.Sum:
    """sum_c mu(c) sum_{e in E_c} term(c, e)."""
    return sp.Sum(MU[_c] * sp.Sum(term, (_j, 1, NE[_c])), (_c, 1, _m))


#: err, and E_t of the false positives / negatives (D = mu/(2|E_c|) on E_c, mu/2 at a_c;
#: Pr_t[f_t(c, r) = +] = phat(r|c) by step 1)
T4_DEFS = {
    err: _over_errors(PE[_c, _j]),
    FP: _over_errors(PE[_c, _j] * INV_E[_c] / 2),
    FN: sp.Sum(MU[_c] * (1 - PA[_c]) / 2, (_c, 1, _m)),
}
T4_FACTS = (
    sp.Le(INV_E[_c], 1 / (C - 1)),  # |E_c| >= K = C - 1
    sp.Eq(PA[_c] + sp.Sum(PE[_c, _j], (_j, 1, NE[_c])), 1),  # phat(.|c) on {a_c} + E_c
    sp.Eq(ET, FP + FN),  # err_iiv = FP + FN, linearity of E_t
    sp.Eq(ET, E(ERR_T)),  # E_t err_iiv(f_t)
    sp.Le(MIN_T, ERR_T),  # the minimum over t is at most the value at every t
)


def _t4_def(*names: sp.Symbol) -> dict[sp.Symbol, sp.Expr]:
    return {n: T4_DEFS[n] for n in names}


def theorem_4() -> Claim:
    """Theorem 4 over a finite X with symbolic sizes (|V_c| = 1, C = K + 1)."""
    return claim(
        "Theorem 4",
        "some t has err >= 2(1 - 1/C) err_iiv(f_t)",
        [*_t4_mean_steps(), *_t4_min_steps()],
        hypotheses=[ERR, param(C, 2, None, search=(2, 50)), param(MIN_T, 0, 1)],
        section="5",
        domain="|V_c| = 1, C = K + 1, p(V) = 1",
        conclusion=[(err, ">=", 2 * (1 - 1 / C) * MIN_T)],
        assumptions=(*(sp.Eq(n, d) for n, d in T4_DEFS.items()), *T4_FACTS),
        law_symbols=LS.MULTIPLE_CHOICE,
    )


def _mc(fn, label: str = "") -> LawCheck:
    return finite_law(fn, multiple_choice=True, label=label)


def _t4_mean_steps() -> list[Step]:
    """Steps 1-4: E_t of the false positives and negatives."""
    q_ = sym("q", nonnegative=True)
    return [
        Step(
            "1",
            sp.Integral(1, (_tt, 0, q_)) + sp.Integral(0, (_tt, q_, 1)),
            "=",
            q_,
            "t ~ U[0,1]: Pr_t[f_t(c,r) = +] is the measure of {t < phat(r|c) = q}",
            kind="calculus",
            params=(param(q_, 0, 1),),
            law=point_law(
                lambda i, c, j: True,
                lambda i, c, j: (_e_t(i, lambda tt: F(int(c.p_hat[j] > tt))), c.p_hat[j]),
                edge_instances(True)[0],
                label="exact, at every point of the multiple-choice edge instances and at a "
                "random point of random ones",
                multiple_choice=True,
            ),
            law_symbols={q_: lambda pt: pt[0].prompts[pt[1]].p_hat[pt[2]]},  # q = phat(r|c)
        ),
        Step(
            "2",
            FP,
            "<=",
            err / (2 * (C - 1)),
            "E_t FP = 1/2 sum mu sum_{E_c} phat/|E_c|, |E_c| >= C-1",
            kind="inequality",
            given=_t4_def(FP, err),
            cites=("1",),
            premises=(Premise(T4_FACTS[0], "hypothesis", INV_E[_c], "|E_c| >= C - 1"),),
            law=_mc(lambda i: (_e_t(i, i.false_positive), i.err() / (2 * i.K))),
        ),
        Step(
            "3",
            FN,
            "=",
            err / 2,
            "D(c, a_c) = mu(c)/2 and 1 - phat(a_c|c) = phat(E_c|c)",
            kind="algebra",
            given=_t4_def(FN, err),
            cites=("1",),
            premises=(Premise(T4_FACTS[1], "hypothesis", PA[_c], "phat(.|c) sums to 1"),),
            law=_mc(lambda i: (_e_t(i, i.false_negative), i.err() / 2)),
        ),
        Step(
            "4",
            ET,
            "<=",
            C * err / (2 * (C - 1)),
            "steps 2 + 3",
            kind="inequality",
            premises=(
                Premise(T4_FACTS[2], "hypothesis", ET, "E_t err_iiv = E_t FP + E_t FN"),
                Premise(sp.Le(FP, err / (2 * (C - 1))), "2", FP),
                Premise(sp.Eq(FN, err / 2), "3", FN),
            ),
            law=_mc(lambda i: (i.expected_err_iiv(), (i.K + 1) * i.err() / (2 * i.K))),
        ),
    ]


def _t4_min_steps() -> list[Step]:
    """Steps 5-6 and the theorem: a minimum is at most a mean."""
    monotone = lemma("Monotonicity (expectations)", X=MIN_T, Y=ERR_T)
    constant = lemma("Expectation of a constant", c=MIN_T)
    return [
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
            "6a",
            MIN_T,
            "<=",
            ERR_T,
            "min_t err_iiv(f_t) <= err_iiv(f_t) at every t",
            kind="inequality",
            premises=(Premise(T4_FACTS[4], "hypothesis", MIN_T, "definition of the minimum"),),
        ),
        Step(
            "6",
            MIN_T,
            "<=",
            ET,
            "a minimum is at most a mean: E_t[min] <= E_t[err_iiv(f_t)] (monotonicity, step "
            "6a) and E_t[min] = min",
            kind="inequality",
            cites=("6a",),
            premises=(
                Premise(T4_FACTS[3], "hypothesis", ET, "E_t err_iiv(f_t)"),
                Premise(sp.Le(E(MIN_T), E(ERR_T)), by=monotone, solve_for=E(ERR_T)),
                Premise(sp.Eq(E(MIN_T), MIN_T), by=constant, solve_for=E(MIN_T)),
            ),
            law=_mc(lambda i: (i.best_threshold()[1], i.expected_err_iiv())),
        ),
        Step(
            "Theorem 4",
            err,
            ">=",
            2 * (1 - 1 / C) * MIN_T,
            "steps 4-6",
            kind="inequality",
            premises=(
                Premise(sp.Le(ET, C * err / (2 * (C - 1))), "4", ET),
                Premise(sp.Le(MIN_T, ET), "6", MIN_T),
            ),
            law=_mc(lambda i: (i.err(), 2 * (1 - F(1, i.K + 1)) * i.best_threshold()[1])),
        ),
    ]


def theorem_3() -> Claim:
    """Theorem 3: Theorem 4's steps, and opt(G) <= min_t err_iiv(f_t) since f_t is in G."""
    opt = sym("opt(G)", nonnegative=True)
    return claim(
        "Theorem 3",
        "err is at least 2(1 - 1/C) opt(G)",
        [
            *_t4_mean_steps(),
            *_t4_min_steps(),
            Step(
                "opt",
                opt,
                "<=",
                MIN_T,
                "f_t = g_{theta,t} is in G and opt(G) = min over G of err_iiv",
                kind="inequality",
                premises=(Premise(sp.Le(opt, MIN_T), "hypothesis", opt, "opt(G) <= err_iiv(f_t)"),),
                law=finite_law(
                    lambda i: (i.best_threshold()[1], min(i.err_iiv(tt) for tt in i.breakpoints())),
                    multiple_choice=True,
                    label="exact multiple-choice instances (G = thresholds of phat)",
                ),
            ),
            Step(
                "Theorem 3",
                err,
                ">=",
                2 * (1 - 1 / C) * opt,
                "Theorem 4 and step opt",
                kind="inequality",
                premises=(
                    Premise(sp.Ge(err, 2 * (1 - 1 / C) * MIN_T), "Theorem 4", err),
                    Premise(sp.Le(opt, MIN_T), "opt", opt),
                ),
                law=finite_law(
                    lambda i: (i.err(), 2 * (1 - F(1, i.K + 1)) * i.best_threshold()[1]),
                    multiple_choice=True,
                ),
            ),
        ],
        hypotheses=[ERR, param(C, 2, None, search=(2, 50)), param(MIN_T, 0, 1), param(opt, 0, 1)],
        section="5",
        domain="|V_c| = 1, C = K + 1, phat = phat_theta",
        conclusion=[(err, ">=", 2 * (1 - 1 / C) * opt)],
        assumptions=(
            *(sp.Eq(n, d) for n, d in T4_DEFS.items()),
            *T4_FACTS,
            sp.Le(opt, MIN_T),  # f_t = g_{theta,t} is in G
        ),
        law_symbols=LS.MULTIPLE_CHOICE,
    )


def _trigram(qq: Fraction) -> FiniteInstance:
    h = F(1, 2)
    return make([h, h], [1, 1], [1, 1], [[1, 0], [1, 0]], [[qq, 1 - qq], [1 - qq, qq]])


def _on_grid(fn) -> LawCheck:
    """An exact check at phat(.|c1) = phat(.|c2) = (q, 1-q), q on a grid of 1/100."""
    return LawCheck(
        lambda rng: F(int(rng.integers(0, 101)), 100),
        fn,
        lambda qq: {"q": str(qq)},
        trials=60,
        cases=[F(0), F(1, 2), F(1)],
        label="exact, phat(.|c1) = phat(.|c2) = (q, 1-q), q on a grid of 1/100",
    )


def corollary_2() -> Claim:
    """Corollary 2: the trigram model written out; err = 1/2 directly."""
    on_grid = _on_grid

    # phat(r|c) of a trigram model depends on r only: ph1 = phat(r1|.), ph2 = phat(r2|.)
    ph1, ph2 = sym("phat(r1|.)", nonnegative=True), sym("phat(r2|.)", nonnegative=True)
    x1, x2 = sym("f_t(r1)", nonnegative=True), sym("f_t(r2)", nonnegative=True)  # 0/1
    e_t = sym("err_iiv(f_t)", nonnegative=True)
    quarter = sp.Rational(1, 4)
    # D = 1/4 on each pair; f = + on (c1, r1), (c2, r2): f_t errs on (c1, r1) iff f_t(r1) = 0,
    # on (c2, r1) iff f_t(r1) = 1, and likewise for r2
    iiv = quarter * ((1 - x1) + x1 + x2 + (1 - x2))
    err_def = sp.Rational(1, 2) * ph2 + sp.Rational(1, 2) * ph1  # mu(c1) phat(E_c1) + ...
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
                ph1 + ph2,
                "=",
                1,
                "both prompts end in 'out of': phat(.|c1) = phat(.|c2) = (phat(r1|.), "
                "phat(r2|.)), a distribution on {r1, r2}",
                kind="construction",
                premises=(Premise(sp.Eq(ph1 + ph2, 1), "hypothesis", ph2, "sum_r phat(r|.) = 1"),),
                law=on_grid(
                    lambda qq: (_trigram(qq).prompts[0].p_hat[0], _trigram(qq).prompts[1].p_hat[1])
                ),
            ),
            Step(
                "3",
                e_t,
                "=",
                sp.Rational(1, 2),
                "D = 1/4 on each pair; f_t(c1, r) = f_t(c2, r) while the labels differ",
                kind="algebra",
                given={e_t: iiv},
                law=on_grid(
                    lambda qq: (
                        max(abs(_trigram(qq).err_iiv(F(i, 20)) - F(1, 2)) for i in range(21))
                        + F(1, 2),
                        F(1, 2),
                    )
                ),
                # err_iiv(f_t) of the instance at the threshold t = q (one t of "every t")
                law_symbols={e_t: lambda qq: _trigram(qq).err_iiv(qq)},
            ),
            Step(
                "4",
                err,
                "=",
                sp.Rational(1, 2),
                "[added] directly: err = (phat(r2|.) + phat(r1|.))/2",
                kind="algebra",
                given={err: err_def},
                premises=(Premise(sp.Eq(ph1 + ph2, 1), "2", ph2),),
                law=on_grid(lambda qq: (_trigram(qq).err(), F(1, 2))),
            ),
            Step(
                "5",
                err,
                ">=",
                sp.Rational(1, 2),
                "step 4",
                kind="inequality",
                premises=(Premise(sp.Eq(err, sp.Rational(1, 2)), "4", err),),
            ),
        ],
        hypotheses=[ERR, param(ph1, 0, 1), param(ph2, 0, 1), param(x1, 0, 1), param(x2, 0, 1)],
        section="5",
        conclusion=[(err, ">=", sp.Rational(1, 2))],
        assumptions=(
            sp.Eq(C, 2),  # |E_c| = 1: C = K + 1 = 2
            sp.Eq(ph1 + ph2, 1),
            sp.Eq(e_t, iiv),  # err_iiv(f_t) written out over the four pairs
            sp.Eq(err, err_def),  # err = sum_c mu(c) phat(E_c|c), mu(c) = 1/2
        ),
    )
