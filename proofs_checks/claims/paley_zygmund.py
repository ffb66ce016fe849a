r"""Lemma B.2 (corrected): Paley-Zygmund with :math:`T` in the bound."""

from __future__ import annotations

from fractions import Fraction

from hallbound.proofs_checks.claim import Claim, Step
from hallbound.proofs_checks.claims.common import nonneg, positive, unit
from hallbound.proofs_checks.claims.lemmas import THETAS
from hallbound.proofs_checks.probability import LawCheck, random_law


# ----- Lemma B.2 (corrected) ------------------------------------------------------------
def _pz_case(rng):
    t = random_law(rng, size=3, lo=0, hi=4, denom=2)
    while t.mean() == 0:
        t = random_law(rng, size=3, lo=0, hi=4, denom=2)
    return t, THETAS[int(rng.integers(0, len(THETAS)))]


def _pz_view(case):
    t, th = case
    return {
        "theta": float(th),
        "T": {"atoms": [float(a) for a in t.atoms], "probs": [str(q) for q in t.probs]},
    }


def _pz_law(fn) -> LawCheck:
    return LawCheck(_pz_case, fn, _pz_view, trials=100, label="exact discrete laws of T >= 0")


def lemma_b2() -> Claim:
    m1, m1p = positive("E[T]")
    m2, m2p = positive("E[T^2]")
    prob, pp = unit("P = Pr[T > theta E T]")
    phi, php = unit("1 - theta")
    e_lo, elp = nonneg("E[T 1{T <= theta E T}]")
    e_hi, ehp = nonneg("E[T 1{T > theta E T}]")
    w1, w1p = nonneg("w1")
    w2, w2p = nonneg("w2")
    theta = 1 - phi

    def split(case):
        t, th = case
        c = th * t.mean()
        lo = sum((q * a for a, q in zip(t.atoms, t.probs, strict=True) if a <= c), Fraction(0))
        return lo, th * t.mean()

    def cs(case):
        t, th = case
        c = th * t.mean()
        hi = sum((q * a for a, q in zip(t.atoms, t.probs, strict=True) if a > c), Fraction(0))
        return hi * hi, t.moment(2) * t.prob(lambda x: x > c)

    def final(case):
        t, th = case
        return t.prob(lambda x: x > th * t.mean()), (1 - th) ** 2 * t.mean() ** 2 / t.moment(2)

    steps = [
        Step(
            "PZ1",
            e_lo,
            "<=",
            theta * m1,
            "T <= theta E T on the event; Pr <= 1",
            kind="probability",
            given={e_lo: theta * m1 - w1},
            premises=("monotonicity of E",),
            params=[elp, php, m1p, w1p],
            law=_pz_law(split),
        ),
        Step(
            "PZ2",
            e_hi**2,
            "<=",
            m2 * prob,
            "Cauchy-Schwarz: E[T 1_A]^2 <= E[T^2] Pr[A]",
            kind="probability",
            given={m2: (e_hi**2 + w2) / prob},
            premises=("Cauchy-Schwarz for expectations",),
            params=[ehp, m2p, pp, w2p],
            law=_pz_law(cs),
        ),
        Step(
            "PZ3",
            prob,
            ">=",
            phi**2 * m1**2 / m2,
            "E T = E[T 1{T <= theta E T}] + E[T 1{T > theta E T}], then (PZ1), (PZ2)",
            kind="probability",
            given={prob: (((phi * m1 + w1) ** 2) + w2) / m2},
            premises=("linearity of E", "(PZ1)", "(PZ2)"),
            params=[pp, php, m1p, m2p, w1p, w2p],
            law=_pz_law(final),
        ),
    ]
    return Claim(
        "Lemma B.2 (corrected)",
        "Pr[T > theta E T] >= (1-theta)^2 (E T)^2 / E T^2",
        [php],
        steps,
        source="corrected",
        corrects="Lemma B.2",
        section="B",
        domain="T >= 0 with 0 < E T^2 < oo, theta in [0, 1]",
    )


def claims() -> list[Claim]:
    return [lemma_b2()]
