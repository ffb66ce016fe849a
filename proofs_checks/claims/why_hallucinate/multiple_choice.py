r"""Theorem 4, Theorem 3 and Corollary 2 (multiple choice, |V_c| = 1)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    finite_law,
    param,
    sym,
    worst,
)
from hallbound.proofs_checks.claims.why_hallucinate.symbols import (
    ERR,
    C,
    W,
    err,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.probability import LawCheck
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make


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
