r"""The calibration identity (as stated and corrected) and uniform p-hat."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from hallbound.precision import GUARD_DIGITS
from hallbound.proofs_checks.claims.why_hallucinate.common import (
    F,
    claim,
    finite_law,
    param,
    sym,
)
from hallbound.proofs_checks.claims.why_hallucinate.reduction import one_prompt
from hallbound.proofs_checks.claims.why_hallucinate.symbols import (
    delta,
    pA,
    phA,
    s,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make


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


def _abs_slope(inst: FiniteInstance) -> Any:
    """|d/ds L(phat_s)| at s = 1 (the weighted loss), kept at 60 digits."""
    d = _deriv(inst, True)[0]
    with mpmath.workdps(GUARD_DIGITS):
        return abs(d)


_C = sym("c", integer=True, positive=True)
_M = sym("m", integer=True, positive=True)
_MU_C = sp.IndexedBase("mu", nonnegative=True)
_PA_C, _PHA_C = sp.IndexedBase("p(A_c|c)"), sp.IndexedBase("phat(A_c|c)")


def _by_prompt(term: sp.Expr) -> sp.Sum:
    """sum_c mu(c) term(c)."""
    return sp.Sum(_MU_C[_C] * term, (_C, 1, _M))


#: p(A) and phat(A) from the joint forms, over the prompts; the definition of delta
_JOINT = {phA: _by_prompt(_PHA_C[_C]), pA: _by_prompt(_PA_C[_C])}
_DELTA_DEF = sp.Eq(delta, sp.Abs(phA - pA))


def _law(fn, label: str):
    """An exact check on instances with phat > 0 (mixed with the uniform)."""
    lc = finite_law(fn, modes=("dirichlet", "mix"), trials=40, label=label)
    draw = lc.sample
    lc.sample = lambda rng: _positive(draw(rng))  # the witness is what was computed on
    lc.cases = [_positive(c) for c in lc.cases]
    return lc


#: Step 2's displayed symbols on its law case (the instance's first prompt alone, weight 1):
#: p(A), phat(A), delta and the loss L(phat) itself (50 digits).
_ONE_PROMPT_SYMBOLS = {
    pA: lambda i: one_prompt(i).mass_above(one_prompt(i).threshold(), "p"),
    phA: lambda i: one_prompt(i).mass_above(one_prompt(i).threshold(), "p_hat"),
    delta: lambda i: one_prompt(i).delta(),
    "L(phat)": lambda i: _ce_prompted(one_prompt(i), mpmath.mpf(1), True),
}


def _joint_gap(i: Any) -> Fraction:
    r""":math:`\sum_c \mu(c) \sum_{r:\ \hat p(r|c) > t} (\hat p(r|c) - p(r|c))` on an
    instance: step 2b's left side through the joint forms."""
    return sum(
        (
            c.weight
            * sum(
                (ph - pp for pp, ph in zip(c.p, c.p_hat, strict=True) if ph > i.threshold()),
                F(0),
            )
            for c in i.prompts
        ),
        F(0),
    )


def calibration(as_stated: bool = True) -> Claim:
    """The calibration identity; as stated (the prompted loss without p(r|c)) or corrected."""
    L0 = sym("L(phat)")
    Ls = L0 - pA * sp.log(s) + sp.log(s * phA + 1 - phA)
    law = _law
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
            sp.Abs(sp.Derivative(Ls, s).subs(s, 1)),
            "=",
            delta,
            "no prompts: |d/ds L(phat_s)| at s=1 = |phat(A) - p(A)| = delta (also numerically, "
            "60 digits, on one-prompt instances)",
            kind="calculus",
            given={delta: sp.Abs(phA - pA)},
            params=(param(pA, 0, 1), param(phA, 0, 1)),
            law=law(
                lambda i: (_abs_slope(one_prompt(i)), one_prompt(i).delta()),
                "one-prompt instances, phat > 0, numeric derivative at 60 digits",
            ),
            law_symbols=_ONE_PROMPT_SYMBOLS,
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
                _by_prompt(_PHA_C[_C] - _PA_C[_C]),
                "=",
                phA - pA,
                "the joint forms p(c,r) = mu(c) p(r|c), phat(c,r) = mu(c) phat(r|c)",
                kind="definition",
                given=_JOINT,
                law=finite_law(lambda i: (_joint_gap(i), i.signed_delta())),
            )
        )
        name = "Calibration identity"
        extra = {"assumptions": (_DELTA_DEF, *(sp.Eq(k_, v) for k_, v in _JOINT.items()))}
    else:
        steps = [steps[0], _corrected_prompt_step()]
        name, extra = (
            "Calibration identity (corrected)",
            {
                "source": "corrected",
                "corrects": "Calibration identity",
                "conclusion": [(steps[1].lhs, "=", steps[1].rhs)],
            },
        )
    return claim(
        name,
        "delta = |d/ds L(phat_s)| at s = 1",
        steps,
        section="2",
        domain="phat > 0 on supp p",
        **extra,
    )


def _corrected_prompt_step() -> Step:
    """Step 3 with the weight p(r|c): the derivative of the prompted loss, as a finite sum."""
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
    return Step(
        "3 (prompts)",
        sp.Subs(sp.Derivative(loss, s), s, 1),
        "=",
        sp.Sum(mu_[cc] * (pha_[cc] - pa_[cc]), (cc, 1, mm)),
        "with the weight p(r|c): L_c(phat_s) = L_c(phat) - p(A_c|c) ln s + ln Z_c(s) per "
        "prompt (step 1), summed with the weights mu(c)",
        kind="calculus",
        law=_law(lambda i: _deriv(i, True), "instances with phat > 0, 60 digits"),
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
    c_, j_ = sym("c", integer=True, positive=True), sym("j", integer=True, positive=True)
    m_ = sym("m", integer=True, positive=True)
    mu_ = sp.IndexedBase("mu", nonnegative=True)
    r_ = sp.IndexedBase("|R_c|", integer=True, positive=True)
    # A_z & ({c} x R_c) is all of R_c when 1/|R_c| > z, else empty: weight in_z[c] in {0, 1}
    in_z = sp.IndexedBase("1[1/|R_c| > z]", nonnegative=True)
    p_c = sp.IndexedBase("p(R_c|c)", nonnegative=True)
    d_z, ph_az, p_az = (sym(n, nonnegative=True) for n in ("delta_z", "phat(A_z)", "p(A_z)"))
    defs = {
        d_z: sp.Abs(ph_az - p_az),
        ph_az: sp.Sum(mu_[c_] * in_z[c_] * sp.Sum(1 / r_[c_], (j_, 1, r_[c_])), (c_, 1, m_)),
        p_az: sp.Sum(mu_[c_] * in_z[c_] * p_c[c_], (c_, 1, m_)),
    }
    whole = sp.Eq(p_c[c_], 1)  # p(.|c) is a distribution on R_c
    return claim(
        "Uniform phat is calibrated",
        "phat(r|c) = 1/|R_c| gives delta_z = 0 for every z",
        [
            Step(
                "1",
                d_z,
                "=",
                0,
                "A_z is a union of whole prompt slices: phat(A_z) = sum_c mu(c) 1[1/|R_c| > z] "
                "= p(A_z)",
                kind="algebra",
                given=defs,
                premises=(Premise(whole, "hypothesis", p_c[c_], "p(R_c|c) = 1"),),
                law=law,
            ),
        ],
        hypotheses=[param(d_z, 0, 1)],
        section="2",
        domain="phat(r|c) = 1/|R_c|, any z in [0, 1]",
        conclusion=[(d_z, "=", 0)],
        assumptions=(*(sp.Eq(n, v) for n, v in defs.items()), whole),
    )
