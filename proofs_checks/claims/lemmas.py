r"""Auxiliary Lemmas B.2-B.6, as stated.

Probability steps are checked exactly on random discrete laws (``fractions``); the symbolic
side writes the cited inequality through a non-negative slack variable (a premise), so a
PROVED verdict reads "follows from the named standard result".
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp
from hallbound.proofs_checks.claim import Claim, Param, Step
from hallbound.proofs_checks.claims.common import nonneg, positive, unit
from hallbound.proofs_checks.claims.laws import MeanCase, random_case
from hallbound.proofs_checks.probability import DiscreteLaw, LawCheck, random_law

THETAS = tuple(Fraction(k, 4) for k in range(5))


# ----- Lemma B.2 (Paley-Zygmund, as stated with Z) --------------------------------------
def _pz_case(rng: np.random.Generator) -> tuple[DiscreteLaw, DiscreteLaw, Fraction]:
    t = random_law(rng, size=3, lo=0, hi=4, denom=2)
    z = random_law(rng, size=2, lo=-3, hi=3, denom=2)
    while all(a == 0 for a in z.atoms):
        z = random_law(rng, size=2, lo=-3, hi=3, denom=2)
    return t, z, THETAS[int(rng.integers(0, len(THETAS)))]


def _pz_eval(case, use_z: bool = True) -> tuple[Fraction, Fraction]:
    t, z, theta = case
    other = z if use_z else t
    lhs = t.prob(lambda x: x > theta * t.mean())
    m2 = other.moment(2)
    rhs = (1 - theta) ** 2 * other.mean() ** 2 / m2 if m2 else Fraction(0)
    return lhs, rhs


def _pz_view(case) -> dict[str, Any]:
    t, z, theta = case
    return {
        "theta": float(theta),
        "T": {"atoms": [float(a) for a in t.atoms], "probs": [str(q) for q in t.probs]},
        "Z": {"atoms": [float(a) for a in z.atoms], "probs": [str(q) for q in z.probs]},
    }


def lemma_b2() -> Claim:
    law = LawCheck(
        _pz_case, _pz_eval, _pz_view, trials=200, label="exact discrete laws of T >= 0 and Z"
    )
    step = Step(
        "B.2",
        "Pr[T > theta E T]",
        ">=",
        "(1 - theta)^2 (E Z)^2 / E[Z^2]",
        "Paley-Zygmund",
        kind="probability",
        law=law,
        note="as stated the bound uses Z, not T: any Z with (E Z)^2 = E Z^2 breaks it",
    )
    return Claim(
        "Lemma B.2",
        "Pr[T > theta E T] >= (1-theta)^2 (E Z)^2 / E Z^2",
        [Param("theta", sp.Symbol("theta"), lo=0, hi=1)],
        [step],
        section="B",
        domain="T >= 0, theta in [0, 1], any random variable Z",
    )


# ----- Lemma B.3 (Chebyshev) ------------------------------------------------------------
def _cheb_case(rng):
    t = random_law(rng, size=3, lo=-4, hi=4, denom=2)
    return t, Fraction(int(rng.integers(1, 9)), 2)


def _cheb_eval(case):
    t, a = case
    m = t.mean()
    return t.prob(lambda x: abs(x - m) >= a), t.moment(2, m) / (a * a)


def _cheb_view(case):
    t, a = case
    return {
        "a": float(a),
        "T": {"atoms": [float(x) for x in t.atoms], "probs": [str(q) for q in t.probs]},
    }


def lemma_b3() -> Claim:
    prob, pp = unit("Pr[|T - ET| >= a]")
    var, vp = nonneg("Var[T]")
    a, ap = positive("a", search=(0.1, 10))
    w, wp = nonneg("w")
    step = Step(
        "B.3",
        prob,
        "<=",
        var / a**2,
        "Chebyshev: Markov on (T - ET)^2 >= a^2",
        kind="probability",
        given={var: a**2 * prob + w},
        premises=("Markov: E[W] >= c Pr[W >= c] for W >= 0",),
        params=[pp, vp, ap, wp],
        law=LawCheck(_cheb_case, _cheb_eval, _cheb_view, trials=150),
    )
    return Claim(
        "Lemma B.3",
        "Pr[|T - E T| >= a] <= Var[T] / a^2",
        [ap],
        [step],
        section="B",
        domain="a > 0, T with a finite variance",
    )


# ----- Lemma B.4 (Cauchy) ---------------------------------------------------------------
def lemma_b4() -> Claim:
    i = sp.Symbol("i", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
    t = sp.Symbol("t", real=True)
    sa, sb, sc = (
        sp.Sum(x[i] ** 2, (i, 1, n)),
        sp.Sum(x[i] * y[i], (i, 1, n)),
        sp.Sum(y[i] ** 2, (i, 1, n)),
    )
    big_a, ap = positive("A", description="sum x_i^2")
    big_b = sp.Symbol("B", real=True)  # sum x_i y_i
    big_c, cp = nonneg("C", description="sum y_i^2")
    q, qp = nonneg("q")
    steps = [
        Step(
            "B.4a",
            sp.Sum((x[i] * t - y[i]) ** 2, (i, 1, n)),
            "=",
            sa * t**2 - 2 * sb * t + sc,
            "expand the square; linearity of the sum",
        ),
        Step(
            "B.4b",
            big_b**2,
            "<=",
            big_a * big_c,
            "(B.4a) at t = B/A is a sum of squares: C - B^2/A = q >= 0 (A > 0; A = 0 is trivial)",
            kind="inequality",
            given={big_c: big_b**2 / big_a + q},
            premises=("sum of squares >= 0",),
            params=[ap, Param("B", big_b, description="sum x_i y_i"), cp, qp],
        ),
    ]
    return Claim(
        "Lemma B.4",
        "(sum x_i y_i)^2 <= (sum x_i^2)(sum y_i^2)",
        [],
        steps,
        section="B",
        domain="any n >= 1, real x, y",
    )


# ----- Lemma B.5 ------------------------------------------------------------------------
def _b5_case(rng):
    return random_case(rng, d1=Fraction(int(rng.integers(1, 9)), 4))


def _b5_view(case: MeanCase):
    return case.describe()


def _dev2(case: MeanCase, mus) -> Fraction:
    return (case.a_star(mus) - case.mu0) ** 2


def _b5_law(fn) -> LawCheck:
    return LawCheck(
        _b5_case, fn, _b5_view, trials=120, label="exact discrete mean laws with a common mean"
    )


def lemma_b5() -> Claim:
    prob, pp = unit("Pr[||mu_0 - A*||^2 >= d_1^2]")
    ex, ep = nonneg("E[(A* - mu_0)^2]")
    d1, dp = positive("d_1", search=(0.05, 10))
    w, wp = nonneg("w")
    i = sp.Symbol("i", integer=True)
    nn = sp.Symbol("N", integer=True, positive=True)
    p, mu = sp.IndexedBase("p", positive=True), sp.IndexedBase("mu", real=True)
    mu0 = sp.Symbol("mu_0", real=True)
    lhs_sq, lp = nonneg("||sum_i p_i (mu_i - mu_0)||^2")
    cs, cp = nonneg("q")

    def l1(c: MeanCase):
        d = c.get("d1")
        return (c.prob(lambda m: _dev2(c, m) >= d * d), c.expect(lambda m: _dev2(c, m)) / (d * d))

    def l4(c: MeanCase):
        lhs = c.expect(
            lambda m: sum((q * (x - c.mu0) for q, x in zip(c.p, m, strict=True)), Fraction(0)) ** 2
        )
        rhs = c.expect(lambda m: c.sum_p2() * sum(((x - c.mu0) ** 2 for x in m), Fraction(0)))
        return lhs, rhs

    def l5(c: MeanCase):
        d = c.get("d1")
        lhs = c.expect(lambda m: c.sum_p2() * sum(((x - c.mu0) ** 2 for x in m), Fraction(0)))
        return lhs / (d * d), c.sum_p2() * c.sigma_d() / (d * d)

    steps = [
        Step(
            "B.5a",
            prob,
            "<=",
            ex / d1**2,
            "Chebyshev (Lemma B.3), E[A*] = mu_0",
            kind="probability",
            given={ex: d1**2 * prob + w},
            premises=("Markov/Chebyshev (Lemma B.3)",),
            params=[pp, ep, dp, wp],
            law=_b5_law(l1),
        ),
        Step(
            "B.5b",
            "E[(A* - mu_0)^2]",
            "=",
            "E[(sum_i p_i mu_i - mu_0)^2]",
            "A* = sum_i p_i mu_i (Lemma B.1)",
            kind="definition",
        ),
        Step(
            "B.5c",
            sp.Sum(p[i] * mu[i], (i, 1, nn)) - mu0,
            "=",
            sp.Sum(p[i] * (mu[i] - mu0), (i, 1, nn)),
            "sum_i p_i = 1 (pointwise, then E)",
            given={sp.Sum(p[i], (i, 1, nn)): 1},
            premises=("sum_i p_i = 1",),
            params=[Param("mu_0", mu0)],
        ),
        Step(
            "B.5d",
            lhs_sq,
            "<=",
            lhs_sq + cs,
            "Cauchy-Schwarz (Lemma B.4) pointwise, then monotonicity of E",
            kind="probability",
            premises=("Lemma B.4",),
            params=[lp, cp],
            law=_b5_law(l4),
            note="lhs: E||sum p_i(mu_i-mu_0)||^2, rhs: E[(sum p^2)(sum "
            "||mu_i-mu_0||^2)] on the laws",
        ),
        Step(
            "B.5e",
            "E[(sum p_i^2)(sum_i (mu_i - mu_0)^2)] / d_1^2",
            "=",
            "(sum p_i^2) sigma^d / d_1^2",
            "linearity of E; Definition 6.1",
            kind="definition",
            law=_b5_law(l5),
        ),
    ]
    return Claim(
        "Lemma B.5",
        "Pr[||mu_0 - A*||^2 >= d_1^2] <= (sum p_i^2) sigma^d / d_1^2",
        [dp],
        steps,
        section="B",
        domain="Assumption 6.1 (common mean mu_0, independent mean laws), d_1 > 0",
    )


# ----- Lemma B.6 ------------------------------------------------------------------------
def _b6_case(rng):
    return random_case(rng, theta=THETAS[int(rng.integers(0, len(THETAS)))])


def lemma_b6() -> Claim:
    prob, pp = unit("Pr[||mu_i - mu_0||^2 >= theta sigma_i^d]")
    theta, tp = unit("theta")
    kk, kp = unit("K_i", lo_open=True)
    w, wp = nonneg("w")

    def ev(c: MeanCase):
        th = c.get("theta")
        lhs = c.laws[0].prob(lambda x: (x - c.mu0) ** 2 >= th * c.sigma(0))
        return lhs, (1 - th) ** 2 * c.kappa(0)

    step = Step(
        "B.6",
        prob,
        ">=",
        (1 - theta) ** 2 * kk,
        "Lemma B.2 with T = ||mu_i - mu_0||^2, E T = sigma_i^d",
        kind="probability",
        given={prob: (1 - theta) ** 2 * kk + w},
        premises=("Paley-Zygmund with T in the bound (Lemma B.2 (corrected))",),
        params=[pp, tp, kp, wp],
        law=LawCheck(_b6_case, ev, lambda c: c.describe(), trials=120),
        note="holds, but the cited Lemma B.2 as stated (with Z) is refuted",
    )
    return Claim(
        "Lemma B.6",
        "Pr[||mu_i - mu_0||^2 >= theta sigma_i^d] >= (1-theta)^2 K_i",
        [tp],
        [step],
        section="B",
        domain="theta in [0, 1]; any mean law with a finite fourth moment",
    )


def claims() -> list[Claim]:
    return [lemma_b2(), lemma_b3(), lemma_b4(), lemma_b5(), lemma_b6()]
