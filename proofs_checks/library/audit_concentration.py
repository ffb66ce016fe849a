"""The audit's cases for the concentration lemmas (:mod:`.lemmas_concentration`): broad
cases on the exact law of an n-draw sample, and pinned tight cases (the smallest tail
exponent over small exact laws). :func:`register` adds them to the audit's tables
(:mod:`.lemma_audit` calls it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from hallbound.proofs_checks.library import audit_cases as la
from hallbound.proofs_checks.library.audit_model import Case, Pinned
from hallbound.proofs_checks.library.lemmas_concentration import (
    MISSED_VALUE,
    NAMES,
    UNION_TRIANGLE,
    missed_law,
    sample_law,
)
from hallbound.proofs_checks.library.randomness import JointLaw, random_symbol

F = Fraction

# ----- the audit: broad cases and pinned tight cases ----------------------------------------


def _simplex(rng: np.random.Generator) -> tuple[Fraction, ...]:
    k = int(rng.integers(1, 4))
    w = [int(x) for x in rng.integers(1, 7, size=k)]
    return tuple(F(x, sum(w)) for x in w)


def _tail_case(rng: np.random.Generator) -> Any:

    nu, n = _simplex(rng), int(rng.integers(0, 7))  # n = 0: outside n >= 1
    t = F(int(rng.integers(-4, 17)), 16)  # either sign: t > 0 is a hypothesis
    return Case({"n": n, "t": t}, sample_law(nu, n))


def _bias_case(rng: np.random.Generator) -> Any:

    nu, n = _simplex(rng), int(rng.integers(0, 7))  # n = 0: outside n >= 1
    return Case({"n": n}, sample_law(nu, n))


def _missed_case(rng: np.random.Generator) -> Any:

    nu, n = _simplex(rng), int(rng.integers(0, 9))
    t = F(int(rng.integers(-4, 17)), 16)  # either sign, and above nu_0 (the empty event)
    return Case({"n": n, "p": nu[0], "t": t}, missed_law(nu, n))


def _triangle_case(rng: np.random.Generator) -> Any:

    law = la._law(rng, (la.X, la.Y))
    x = la._pick(rng, (la.X, la.X - la.Y, 2 * la.X, la.X * la.Y))
    d = la._grid(rng, -1, 3)
    wide = rng.random() < 0.4  # |c| <= d fails on most of these: skipped
    c = la._grid(rng, -12, 12) if wide else la._grid(rng, -abs(float(d)), abs(float(d)))
    args = {"X": x, "Y": la.Y, "c": c, "a": la._grid(rng, -1, 10), "b": la._grid(rng, -1, 10)}
    return la.Case({**args, "d": d}, law)


#: Case generators per lemma (broad: t of either sign, 1-3 values, n <= 6).
GENERATORS: dict[str, Callable[[np.random.Generator], Any]] = {
    name: (_bias_case if "bias" in name else _tail_case)
    for name in NAMES if name not in (UNION_TRIANGLE.name, MISSED_VALUE.name)
} | {UNION_TRIANGLE.name: _triangle_case, MISSED_VALUE.name: _missed_case}


def _pinned() -> dict[str, tuple[Any, ...]]:

    def case(nu: Sequence[Fraction], n: int, **args: Any) -> Any:
        return Case({"n": n, **args}, sample_law(nu, n))

    half, third = (F(1, 2),) * 2, (F(1, 3),) * 3
    x, y = random_symbol("X"), random_symbol("Y")
    swap = JointLaw(({x: F(10), y: F(0)}, {x: F(0), y: F(10)}), (F(1, 2), F(1, 2)))
    return {
        MISSED_VALUE.name: (
            Pinned(Case({"n": 1, "p": F(1, 6), "t": F(1, 6)}, missed_law((F(1, 6), F(5, 6)), 1)),
                   "nu = (1/6, 5/6), n = 1, t = p = 1/6: Pr[D >= 1/6] = 5/6 (the value is "
                   "missed) against exp(-1/6) = 0.8465 (1 - p <= e^(-p), tight as p -> 0)"),
        ),
        UNION_TRIANGLE.name: (
            Pinned(Case({"X": x, "Y": y, "c": F(1, 2), "a": 1, "b": 1, "d": F(1, 2)}, swap),
                   "X, Y in {(10, 0), (0, 10)} fair, a = b = 1, c = d = 1/2: the sum is 10.5 "
                   ">= 2.5 surely, and the tails X >= 1, Y >= 1 are disjoint: 1 = 1/2 + 1/2 "
                   "(equality)"),
        ),
        "Missing mass (upper tail)": (
            Pinned(case(half, 5, t=F(15, 32)),
                   "nu uniform on 2 values, n = 5: Pr[M - EM >= 15/32] = 1/16 = "
                   "exp(-2.52 n t^2), the smallest exponent over supports <= 3, n <= 5"),
        ),
        "Missing mass (lower tail)": (
            Pinned(case(third, 4, t=F(16, 81)),
                   "nu uniform on 3 values, n = 4: Pr[EM - M >= 16/81] = 4/9 = "
                   "exp(-5.2 n t^2), the smallest exponent over supports <= 3, n <= 4"),
        ),
        "Good-Turing bias": (
            Pinned(case((F(1),), 1), "one value, n = 1: G = 1, M = 0: E G - E M = 1/n "
                   "(equality)"),
        ),
        "Good-Turing bias (sign)": (
            Pinned(case((F(1, 10),) * 10, 1),
                   "nu uniform on 10 values, n = 1: E M = 9/10 <= E G = 1 (E G/E M = 10/9; "
                   "equality needs E M = 0)"),
        ),
        "Good-Turing (upper tail)": (
            Pinned(case((F(1, 6), F(5, 6)), 2, t=F(13, 18)),
                   "nu = (1/6, 5/6), n = 2: Pr[G - EG >= 13/18] = 5/18 = exp(-1.23 n t^2)"),
        ),
        "Good-Turing (lower tail)": (
            Pinned(case(third, 2, t=F(2, 3)),
                   "nu uniform on 3 values, n = 2: Pr[EG - G >= 2/3] = 1/3 = "
                   "exp(-1.24 n t^2)"),
        ),
    }


def pinned() -> dict[str, tuple[Any, ...]]:
    """The pinned cases per lemma (the smallest exponent found over small exact laws)."""
    return _pinned()


def register(generators: dict[str, Any], pinned_cases: dict[str, Any]) -> None:
    """Add this module's generators and pinned cases to the audit's tables."""
    generators.update(GENERATORS)
    pinned_cases.update(_pinned())


