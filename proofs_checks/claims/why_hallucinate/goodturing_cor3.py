r"""Kalai et al. (2025), App. B: Corollary 3 (Good-Turing), step by step, on lemma instances.

:math:`M = M_N` (``MissingMass(N)``) and :math:`GT = G_N` (``GoodTuring(N)``) are the missing
mass and the Good-Turing estimate of :math:`s \sim \nu^N`, :math:`\nu` any discrete law. The
probability steps are instances of the trust base
(:mod:`~hallbound.proofs_checks.library.lemmas_concentration`): the bias
:math:`0 \le \mathbb E GT - \mathbb E M \le 1/N` (McAllester-Schapire), the two missing-mass
tails (McAllester-Ortiz), the two Good-Turing tails (McDiarmid with :math:`c_i = 2/N`: the
paper's step 3, one sample moves :math:`GT` by at most :math:`2/N`, is that lemma's
hypothesis, audited there), the union of the four tails under the triangle inequality
(``Union bound (triangle)``), monotonicity and the complement (``Total probability`` with
:math:`A` sure). The paper's statement is the claim's symbolic conclusion.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.claims.why_hallucinate.common import F, claim, param, sym
from hallbound.proofs_checks.claims.why_hallucinate.goodturing_common import (
    GG,
    NN,
    N,
    _gt_law,
    _mp,
    _prob,
    g,
)
from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.premises import AS_FACT
from hallbound.proofs_checks.library.lemma_library import lemma
from hallbound.proofs_checks.library.lemmas_concentration import GoodTuring, MissingMass
from hallbound.proofs_checks.library.randomness import E, Pr

MN, GN = MissingMass(N), GoodTuring(N)
ROOT = sp.sqrt(sp.log(4 / g) / N)  # sqrt(ln(4/gamma)/N)
EPS1 = ROOT  # the missing-mass deviation
EPS2 = sp.sqrt(2 * sp.log(4 / g) / N)  # the Good-Turing deviation
BOUND = 1 / N + F(242, 100) * ROOT  # the paper's 1/N + 2.42 sqrt(ln(4/gamma)/N)
RAW = EPS1 + EPS2 + 1 / N  # what the union of the tails gives
GOOD = sp.Le(sp.Abs(MN - GN), BOUND)

#: (step, lemma, deviation, threshold) of the four one-sided tails.
TAILS: tuple[tuple[str, str, Any, Any], ...] = (
    ("2 (upper tail)", "Missing mass (upper tail)", MN - E(MN), EPS1),
    ("2 (lower tail)", "Missing mass (lower tail)", E(MN) - MN, EPS1),
    ("4 (upper tail)", "Good-Turing (upper tail)", GN - E(GN), EPS2),
    ("4 (lower tail)", "Good-Turing (lower tail)", E(GN) - GN, EPS2),
)


def nu_steps() -> list[Step]:
    r""":math:`\nu(1-\nu)^{N-1} \le 1/N` for every integer :math:`N \ge 1` and
    :math:`\nu \in (0, 1)`, proved for symbolic :math:`N`: :math:`\ln x \le x - 1` (calculus)
    at :math:`x = N\nu` and :math:`x = 1 - \nu` gives
    :math:`\ln(N\nu) + (N-1)\ln(1-\nu) \le N\nu - 1 - (N-1)\nu = \nu - 1 \le 0`, the
    logarithm of :math:`N\nu(1-\nu)^{N-1} \le 1`. (At :math:`\nu = 0` the left side is 0, at
    :math:`\nu = 1` it is :math:`0^{N-1} \le 1/N`.) It is the inequality behind the
    ``Good-Turing bias`` lemma (:math:`\sum_x \nu(x)\cdot\nu(x)(1-\nu(x))^{N-1} \le 1/N`)."""
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


def bias_steps() -> list[Step]:
    """Step 1: :math:`0 \\le \\mathbb E GT - \\mathbb E M \\le 1/N` (McAllester-Schapire)."""
    return [
        Step(
            "1c",
            E(GN) - E(MN),
            "<=",
            1 / N,
            "E GT - E M = sum_x nu(x)^2 (1 - nu(x))^(N-1) <= 1/N (1b)",
            kind="probability",
            params=(NN,),
            lemmas=(lemma("Good-Turing bias", n=N),),
        ),
        Step(
            "1c (sign)",
            E(MN),
            "<=",
            E(GN),
            "the same sum is >= 0",
            kind="probability",
            params=(NN,),
            lemmas=(lemma("Good-Turing bias (sign)", n=N),),
        ),
    ]


def tail_steps() -> list[Step]:
    """Steps 2 and 4: each one-sided tail at most gamma/4 (eps1^2 = ln(4/gamma)/N for M,
    eps2^2 = 2 ln(4/gamma)/N for GT). The lower missing-mass tail is the source's
    exp(-(e/2) N t^2) at the smaller t = sqrt(2/e) eps1 (where it is gamma/4), then
    monotonicity (the paper uses exp(-N t^2), which e/2 >= 1 implies)."""
    out = []
    for name, which, dev, eps in TAILS:
        if which == "Missing mass (lower tail)":
            at = eps * sp.sqrt(2 / sp.E)
            out.append(_tail(name + " (smaller t)", which, dev, at))
            event, smaller = sp.Ge(dev, eps), sp.Ge(dev, at)
            out.append(
                Step(
                    name,
                    Pr(event),
                    "<=",
                    g / 4,
                    "E M - M >= eps1 implies E M - M >= sqrt(2/e) eps1: monotonicity",
                    kind="probability",
                    params=(NN, GG),
                    premises=(
                        Premise(sp.Le(Pr(smaller), g / 4), by=name + " (smaller t)",
                                solve_for=Pr(smaller)),
                    ),
                    lemmas=(lemma("Monotonicity", A=event, B=smaller),),
                )
            )
        else:
            out.append(_tail(name, which, dev, eps))
    return out


def _tail(name: str, which: str, dev: Any, eps: Any) -> Step:
    return Step(
        name,
        Pr(sp.Ge(dev, eps)),
        "<=",
        g / 4,
        f"{which} at t = {sp.sstr(eps)}: the bound is gamma/4",
        kind="probability",
        params=(NN, GG),
        lemmas=(lemma(which, n=N, t=eps),),
    )


def _final_law() -> Any:
    def final(cs):
        nu, n, gam = cs
        e = 1 / mpmath.mpf(n) + mpmath.mpf("2.42") * mpmath.sqrt(mpmath.log(4 / _mp(gam)) / n)
        return _prob(cs, lambda m, gt: abs(_mp(m) - _mp(gt)) <= e), 1 - gam

    return _gt_law(final, "the statement")


def union_steps() -> list[Step]:
    """Steps 5 and 6: the four tails together (triangle inequality, union bound), the
    constant 1 + sqrt 2 <= 2.42, monotonicity and the complement."""
    tri = lemma(
        "Union bound (triangle)",
        X=MN - E(MN), Y=E(GN) - GN, c=E(MN) - E(GN), a=EPS1, b=EPS2, d=1 / N,
    )
    far, bad = sp.Ge(sp.Abs(MN - GN), RAW), sp.Not(GOOD)
    tails = tuple(
        Premise(sp.Le(Pr(sp.Ge(dev, eps)), g / 4), by=name, solve_for=Pr(sp.Ge(dev, eps)))
        for name, _, dev, eps in TAILS
    )
    return [
        Step(
            "5 (union)",
            Pr(far),
            "<=",
            g,
            "|M - GT| <= |M - E M| + |E GT - GT| + |E M - E GT| with |E M - E GT| <= 1/N "
            "(1c): outside the four tails of steps 2 and 4, gamma/4 each",
            kind="probability",
            params=(NN, GG),
            premises=tails,
            cites=("1c", "1c (sign)"),
            lemmas=(tri,),
        ),
        Step(
            "5",
            1 / N + EPS1 + EPS2,
            "=",
            1 / N + (1 + sp.sqrt(2)) * ROOT,
            "eps1 + eps2 = (1 + sqrt 2) sqrt(ln(4/gamma)/N)",
            params=(NN, GG),
        ),
        Step("6", 1 + sp.sqrt(2), "<=", F(242, 100), "arithmetic", params=()),
        Step(
            "5 (failure)",
            Pr(bad),
            "<=",
            g,
            "|M - GT| > 1/N + 2.42 sqrt(ln(4/gamma)/N) implies |M - GT| >= 1/N + eps1 + eps2 "
            "(steps 5, 6): monotonicity",
            kind="probability",
            params=(NN, GG),
            premises=(Premise(sp.Le(Pr(far), g), by="5 (union)", solve_for=Pr(far)),),
            lemmas=(lemma("Monotonicity", A=bad, B=far),),
        ),
        Step(
            "Corollary 3",
            Pr(GOOD),
            ">=",
            1 - g,
            "the complement of the failure event of (5, failure)",
            kind="probability",
            params=(NN, GG),
            premises=(Premise(sp.Le(Pr(bad), g), by="5 (failure)", solve_for=Pr(bad)),),
            lemmas=(lemma("Total probability", A=sp.true, B=GOOD),),
        ),
    ]


def corollary_3() -> Claim:
    """Corollary 3: for every N >= 1 and gamma in (0, 1],
    Pr[|M - GT| <= 1/N + 2.42 sqrt(ln(4/gamma)/N)] >= 1 - gamma."""
    return claim(
        "Corollary 3",
        "Pr[|M - GT| <= 1/N + 2.42 sqrt(ln(4/gamma)/N)] >= 1 - gamma",
        [*nu_steps(), *bias_steps(), *tail_steps(), *union_steps()],
        hypotheses=[NN, GG],
        conclusion=[(Pr(GOOD), ">=", 1 - g)],
        section="B",
        note="M := MissingMass(N), GT := GoodTuring(N) of s ~ nu^N, nu any discrete law",
    )
