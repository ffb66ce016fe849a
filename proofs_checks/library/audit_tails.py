"""The audit's cases for the lemmas of :mod:`.lemmas_tails`: broad cases on exact laws (the
largest missed mass of an n-draw sample; a weighted sum of terms given a finite conditioning
variable, often with a hypothesis broken: dependent terms, terms outside [0, 1], a weight that
is not a function of G, a wrong conditional mean) and pinned tight cases. :func:`register`
adds them to the audit's tables (:mod:`.lemma_audit` calls it)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from hallbound.proofs_checks.library.audit_model import Case, Pinned
from hallbound.proofs_checks.library.lemmas_tails import (
    COND_G,
    COND_HOEFFDING,
    MISSED_HEAVY,
    max_missed_law,
    term,
    weight,
)
from hallbound.proofs_checks.library.randomness import JointLaw, random_symbol

F = Fraction
#: The random symbol a conditional-sum case gives the conditional mean.
M_COND = random_symbol("m_cond")


def _simplex(rng: np.random.Generator) -> tuple[Fraction, ...]:
    k = int(rng.integers(1, 5))
    w = [int(x) for x in rng.integers(1, 9, size=k)]
    return tuple(F(x, sum(w)) for x in w)


def _heavy_case(rng: np.random.Generator) -> Case:
    nu, n = _simplex(rng), int(rng.integers(0, 7))  # n = 0: outside n >= 1
    t = F(int(rng.integers(-4, 17)), 16)  # either sign: t > 0 is a hypothesis
    return Case({"n": n, "t": t}, max_missed_law(nu, n))


def cond_sum_law(
    g_probs: tuple[Fraction, ...],
    weights: list[list[Fraction]],
    terms: list[list[tuple[tuple[Fraction, ...], Fraction]]],
    coupled: bool = False,
) -> JointLaw:
    """The exact law of ``(G, w_1..w_k, y_1..y_k, m_cond)``: ``G = g`` with ``g_probs[g]``;
    ``w_i = weights[g][i]``; given ``G = g`` the ``y_i`` are independent with the two-point
    laws ``terms[g][i] = ((a, b), P[y_i = a])`` (``coupled``: all equal to ``y_1`` instead, a
    dependent family); ``m_cond`` is ``E[sum_i w_i y_i | G]``."""
    atoms, probs = [], []
    for g, pg in enumerate(g_probs):
        k = len(weights[g])
        rows = [((vals[0], pa), (vals[1], 1 - pa)) for vals, pa in terms[g]]
        if coupled:  # every y_i equals y_1: a dependent family
            rows = [rows[0]] * k
            combos = [((v, q),) + ((v, F(1)),) * (k - 1) for v, q in rows[0]]
        else:
            combos = list(itertools.product(*rows))
        mean = sum((weights[g][i] * sum((v * q for v, q in rows[i]), F(0))
                    for i in range(k)), F(0))
        for combo in combos:
            q = pg * math.prod((c[1] for c in combo), start=F(1))
            if q == 0:
                continue
            atom = {COND_G: F(g), M_COND: mean}
            atom.update({weight(i + 1): weights[g][i] for i in range(k)})
            atom.update({term(i + 1): combo[i][0] for i in range(k)})
            atoms.append(atom)
            probs.append(q)
    return JointLaw(tuple(atoms), tuple(probs))


def _grid(rng: np.random.Generator, lo: int, hi: int, den: int = 4) -> Fraction:
    return F(int(rng.integers(lo * den, hi * den + 1)), den)


def _extreme_case(rng: np.random.Generator) -> Case:
    """Equal weights w and fair {0, 1} terms, independent or all equal (dependent), at the
    largest deviation t = k w/2 and v below, at or above V = k w^2."""
    k, w = int(rng.integers(1, 4)), F(int(rng.integers(1, 3)))
    law = cond_sum_law((F(1),), [[w] * k], [[((F(0), F(1)), F(1, 2))] * k],
                       coupled=rng.random() < 0.6)
    s = sum(weight(i + 1) * term(i + 1) for i in range(k))
    v = sum(weight(i + 1) ** 2 for i in range(k))
    big_v = k * w * w * F(int(rng.integers(2, 9)), 4)
    return Case({"S": s, "m": M_COND, "V": v, "t": k * w / 2, "v": big_v}, law)


def _cond_case(rng: np.random.Generator) -> Case:
    if rng.random() < 0.5:
        return _extreme_case(rng)
    k, ng = int(rng.integers(1, 4)), int(rng.integers(1, 3))
    g_probs = (F(1),) if ng == 1 else (F(1, 3), F(2, 3))
    weights = [[_grid(rng, 0, 2) for _ in range(k)] for _ in range(ng)]
    wide = rng.random() < 0.2  # a term outside [0, 1]: the hypothesis fails
    terms = [[((_grid(rng, -1 if wide else 0, 1), _grid(rng, 0, 2 if wide else 1)),
               F(int(rng.integers(1, 4)), 4)) for _ in range(k)] for _ in range(ng)]
    law = cond_sum_law(g_probs, weights, terms, coupled=rng.random() < 0.25)
    s = sum(weight(i + 1) * term(i + 1) for i in range(k))
    v = sum(weight(i + 1) ** 2 for i in range(k))
    m = M_COND if rng.random() < 0.85 else M_COND + F(1, 4)  # a wrong conditional mean
    args = {"S": s, "m": m, "V": v, "t": _grid(rng, -1, 2, 8), "v": _grid(rng, -1, 4)}
    return Case(args, law)


#: Case generators per lemma.
GENERATORS: dict[str, Callable[[np.random.Generator], Any]] = {
    MISSED_HEAVY.name: _heavy_case,
    COND_HOEFFDING.name: _cond_case,
}


def _pinned() -> dict[str, tuple[Any, ...]]:
    half = (F(1, 2), F(1, 2))
    fair = cond_sum_law((F(1),), [[F(1)]], [[((F(0), F(1)), F(1, 2))]])
    y1, w1 = term(1), weight(1)
    return {
        MISSED_HEAVY.name: (
            Pinned(Case({"n": 1, "t": F(49, 100)}, max_missed_law(half, 1)),
                   "nu = (1/2, 1/2), n = 1, t = 0.49: one value is always missed: "
                   "Pr[Mbar > t] = 1 against exp(-0.49)/0.49 = 1.25 (a single value's "
                   "exp(-n t) = 0.61, or exp(-2 n t)/t = 0.77, fails here)"),
        ),
        COND_HOEFFDING.name: (
            Pinned(Case({"S": w1 * y1, "m": M_COND, "V": w1**2, "t": F(1, 2), "v": 1}, fair),
                   "one fair term in {0, 1}, w = 1, t = 1/2, v = 1: Pr[S <= 0] = 1/2 against "
                   "exp(-1/2) = 0.61 (exp(-4 t^2/v) = 0.37 fails here)"),
        ),
    }


def register(generators: dict[str, Any], pinned_cases: dict[str, Any]) -> None:
    """Add this module's generators and pinned cases to the audit's tables."""
    generators.update(GENERATORS)
    pinned_cases.update(_pinned())
