r"""Random exact cases for probability steps: independent discrete mean laws with a common
mean :math:`\mu_0` (Assumption 6.1), rational weights, one-dimensional outputs.

:func:`joint_mean_case` draws the same kind of case as a
:class:`~hallbound.proofs_checks.engine.law_checks.LawCase` (an exact ``randomness.JointLaw`` of
random symbols ``mu_1..mu_N``), for law checks written from a step's own Pr/E expressions.

A case holds the weights ``p``, the mean laws (atoms, probabilities), :math:`\mu_0`, and the
derived exact moments :math:`\sigma_i^d`, :math:`E(\mu_i-\mu_0)^4`, :math:`K_i`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.probability import DiscreteLaw, joint_prob, random_law


@dataclass(frozen=True)
class MeanCase:
    """Weights, independent mean laws with a common mean, and extra rationals."""

    p: tuple[Fraction, ...]
    laws: tuple[DiscreteLaw, ...]
    mu0: Fraction
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def n(self) -> int:
        return len(self.p)

    def get(self, key: str) -> Any:
        return dict(self.extra)[key]

    def sigma(self, i: int) -> Fraction:
        r""":math:`\sigma_i^d = E(\mu_i - \mu_0)^2`."""
        return self.laws[i].moment(2, self.mu0)

    def fourth(self, i: int) -> Fraction:
        return self.laws[i].moment(4, self.mu0)

    def kappa(self, i: int) -> Fraction:
        r""":math:`K_i = (E(\mu_i-\mu_0)^2)^2 / E(\mu_i-\mu_0)^4`."""
        return self.sigma(i) ** 2 / self.fourth(i)

    def sigma_d(self) -> Fraction:
        r""":math:`\sigma^d = E\sum_i (\mu_i - \mu_0)^2`."""
        return sum((self.sigma(i) for i in range(self.n)), Fraction(0))

    def sum_p2(self) -> Fraction:
        return sum((q * q for q in self.p), Fraction(0))

    def d2(self) -> Fraction:
        r""":math:`d^2 = \sum_j p_j^2 \sigma_j^d`."""
        return sum((q * q * self.sigma(j) for j, q in enumerate(self.p)), Fraction(0))

    def a_star(self, mus: tuple[Fraction, ...]) -> Fraction:
        return sum((q * m for q, m in zip(self.p, mus, strict=True)), Fraction(0))

    def prob(self, event) -> Fraction:
        """Exact probability of ``event(mus)`` over independent draws of the means."""
        return joint_prob(self.laws, event)

    def expect(self, fn) -> Fraction:
        from hallbound.proofs_checks.engine.probability import product

        return sum((q * fn(v) for v, q in product(self.laws)), Fraction(0))

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "N": self.n,
            "d_a": 1,
            "p": [float(q) for q in self.p],
            "mu_0": float(self.mu0),
            "mean_laws": [
                {"atoms": [float(a) for a in l.atoms], "probs": [str(q) for q in l.probs]}
                for l in self.laws
            ],
        }
        out.update({k: (float(v) if isinstance(v, Fraction) else v) for k, v in self.extra})
        return out


def random_weights(rng: np.random.Generator, n: int) -> tuple[Fraction, ...]:
    w = [int(x) for x in rng.integers(1, 10, size=n)]
    return tuple(Fraction(x, sum(w)) for x in w)


def random_case(
    rng: np.random.Generator, n: int | None = None, atoms: int = 3, **extra: Any
) -> MeanCase:
    """Independent mean laws, each shifted to the common mean ``mu_0``."""
    n = n or int(rng.integers(2, 4))
    mu0 = Fraction(int(rng.integers(-4, 5)), 2)
    laws = []
    for _ in range(n):
        law = random_law(rng, size=int(rng.integers(2, atoms + 1)), lo=-4, hi=4, denom=2)
        while len(law.atoms) < 2:
            law = random_law(rng, size=atoms, lo=-4, hi=4, denom=2)
        shift = mu0 - law.mean()
        laws.append(DiscreteLaw(tuple(a + shift for a in law.atoms), law.probs))
    return MeanCase(random_weights(rng, n), tuple(laws), mu0, tuple(extra.items()))


def at_least(x: Fraction, a2: Fraction, a: Fraction, r: Fraction) -> bool:
    r""":math:`|x| \ge \sqrt{a_2}\,a + r` exactly, for rational :math:`x, a_2, a, r \ge 0`."""
    y = abs(x) - r
    return y >= 0 and y * y >= a * a * a2


def at_most(x: Fraction, a2: Fraction, a: Fraction) -> bool:
    r""":math:`|x| \le \sqrt{a_2}\,a` exactly."""
    return x * x <= a * a * a2


def joint_mean_case(
    rng: np.random.Generator,
    mu: sp.IndexedBase,
    p: sp.IndexedBase,
    n_symbol: sp.Symbol,
    mu0: sp.Symbol,
    n: int | None = None,
    atoms: int = 3,
    env: dict[sp.Basic, Any] | None = None,
) -> Any:
    r"""A :class:`~hallbound.proofs_checks.engine.law_checks.LawCase`: ``N`` (``n`` or 2..3)
    independent mean laws :math:`\mu_1, \dots, \mu_N` with the common mean :math:`\mu_0`
    (Assumption 6.1), written out for the indexed ``mu[j]``; positive weights ``p[j]`` summing
    to 1; ``mu0`` and the symbols of ``env`` take their values. Same law family as
    :func:`random_case`."""
    from hallbound.proofs_checks.engine.law_checks import LawCase
    from hallbound.proofs_checks.library.randomness import JointLaw, independent, random_symbol

    base = random_case(rng, n=n, atoms=atoms)
    rvs = tuple(random_symbol(f"{mu.label}_{j + 1}") for j in range(base.n))
    singles = [
        JointLaw.single(x, law.atoms, law.probs) for x, law in zip(rvs, base.laws, strict=True)
    ]
    values = {mu0: base.mu0, **(env or {})}
    return LawCase(
        independent(*singles), values, {mu: rvs, p: base.p}, length=(n_symbol, base.n)
    )
