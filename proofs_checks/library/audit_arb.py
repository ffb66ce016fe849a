"""The audit's cases for ``Arb ball enclosure`` (:mod:`.lemmas_arb`): broad cases (a random
expression of the operations the binned bound uses, with exact rational leaves, and a lower
end that is Arb's, or nudged above or below it, so that the hypothesis fails on some) and a
pinned tight case. :func:`register` adds them to the audit's tables (:mod:`.lemma_audit` calls
it)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.library.audit_model import Case, Pinned
from hallbound.proofs_checks.library.lemmas_arb import ARB_ENCLOSURE, arb_evaluate, lower_end


def _rational(rng: np.random.Generator) -> sp.Rational:
    return sp.Rational(int(rng.integers(-40, 41)), int(rng.integers(1, 13)))


def random_expression(rng: np.random.Generator, depth: int = 3) -> sp.Basic:
    """A random real expression of the binned bound's operations (add, mul, erfc, erf, exp,
    sqrt of a square plus one, min, max) with exact rational leaves; arguments of ``exp``
    are kept small (no overflow)."""
    if depth == 0 or rng.random() < 0.25:
        return _rational(rng)
    a, b = random_expression(rng, depth - 1), random_expression(rng, depth - 1)
    op = int(rng.integers(0, 8))
    ops: list[Callable[[], sp.Basic]] = [
        lambda: sp.Add(a, b),
        lambda: sp.Mul(a, b),
        lambda: sp.erfc(a),
        lambda: sp.erf(a),
        lambda: sp.exp(-(a**2) / 4),
        lambda: sp.sqrt(a**2 + 1),
        lambda: sp.Min(a, b),
        lambda: sp.Max(a, b),
    ]
    return ops[op]()


def _case(rng: np.random.Generator) -> Case:
    e = random_expression(rng)
    ball = arb_evaluate(e)
    lo = lower_end(ball)
    u = rng.random()
    if u < 0.15:  # above the ball's upper end: not Arb's output, and above e
        lo = lower_end(ball.upper()) + sp.Rational(1, 2**60)
    elif u < 0.25:  # nudged down: not Arb's output either (the conclusion still holds)
        lo = lo - sp.Rational(1, 2**70)
    return Case({"e": e, "lo": lo})


#: Case generators per lemma.
GENERATORS: dict[str, Callable[[np.random.Generator], Any]] = {ARB_ENCLOSURE.name: _case}


def _pinned() -> dict[str, tuple[Any, ...]]:
    e = sp.erfc(sp.Rational(1, 3)) + sp.exp(-sp.Rational(1, 7))
    lo = lower_end(arb_evaluate(e))
    gap = Fraction(1, 2**60)
    return {
        ARB_ENCLOSURE.name: (
            Pinned(Case({"e": e, "lo": lo}),
                   "erfc(1/3) + exp(-1/7) at 64 bits: the lower end is within "
                   f"{float(gap):.1e} of the exact value, so a ball shrunk by a few ulps or a "
                   "midpoint nudged up fails here"),
        ),
    }


def register(generators: dict[str, Any], pinned_cases: dict[str, Any]) -> None:
    """Add this module's generators and pinned cases to the audit's tables."""
    generators.update(GENERATORS)
    pinned_cases.update(_pinned())
