"""The audit's cases for the event lemmas (:mod:`.lemmas_events`): broad cases (random
events on broad exact laws, disjoint by construction on part of them, overlapping on the
rest, where the disjointness hypothesis fails and the case is skipped; for the product rule,
events on one variable each or on others, under independent, correlated, comonotone and
point laws) and pinned cases.
Importing the module adds them to the audit's tables (:data:`.audit_cases.GENERATORS`,
:data:`.audit_cases.PINNED`)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.library import audit_cases as la
from hallbound.proofs_checks.library.audit_model import XS, Case, Pinned
from hallbound.proofs_checks.library.lemmas_events import (
    ADDITIVITY,
    ADDITIVITY_FAMILY,
    COMPLEMENT,
    INDEPENDENCE_FAMILY,
)
from hallbound.proofs_checks.library.randomness import JointLaw, independent

F = Fraction
_EVENTS = (la.X, la.Y)


def _complement_case(rng: np.random.Generator) -> Any:
    return Case({"A": la._event(rng, _EVENTS)}, la._law(rng, _EVENTS))


def _pair_case(rng: np.random.Generator) -> Any:
    """Disjoint by construction (A inside C, B inside not C) on half the cases; two
    independent random events (often overlapping) on the rest."""
    law = la._law(rng, _EVENTS)
    if rng.random() < 0.5:
        c = la._event(rng, _EVENTS)
        a = sp.And(la._event(rng, _EVENTS), c) if rng.random() < 0.5 else c
        b = sp.And(la._event(rng, _EVENTS), sp.Not(c))
        return Case({"A": a, "B": b}, law)
    return Case({"A": la._event(rng, _EVENTS), "B": la._event(rng, _EVENTS)}, law)


def _slices(rng: np.random.Generator, k: int) -> list[Any]:
    """``k`` disjoint events: X in consecutive half-open slices (some empty), each possibly
    cut further by a random event."""
    cuts = sorted(la._grid(rng, -3, 3, 2) for _ in range(k + 1))
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        ev = sp.And(sp.Gt(la.X, lo), sp.Le(la.X, hi))
        out.append(sp.And(ev, la._event(rng, _EVENTS)) if rng.random() < 0.3 else ev)
    return out


def _family_case(rng: np.random.Generator) -> Any:
    """Disjoint by construction (slices of X) on half the cases, empty on a few; random
    events (mostly overlapping) on the rest."""
    law = la._law(rng, _EVENTS)
    k = int(rng.integers(0, 5)) if rng.random() < 0.1 else int(rng.integers(1, 5))
    if rng.random() < 0.5:
        return Case({"A": tuple(_slices(rng, k))}, law)
    return Case({"A": tuple(la._event(rng, _EVENTS) for _ in range(k))}, law)


def _product_case(rng: np.random.Generator) -> Any:
    """n events, the i-th on X_i on most draws, else on another variable or on two; under
    broad laws (independent, correlated, comonotone, point masses)."""
    n = int(rng.integers(1, 4))
    xs = XS[:n]
    law = la._law(rng, xs, modes=("independent",) * 3 + ("correlated", "comonotone", "point"))
    events = []
    for i in range(n):
        u = rng.random()
        on = (xs[i],) if u < 0.55 else (la._pick(rng, xs),) if u < 0.85 else xs
        events.append(la._event(rng, on))
    if n > 1 and rng.random() < 0.15:
        events[1] = events[0]  # the same event twice: a function of X_2 only if trivial
    return Case({"X": xs, "A": tuple(events)}, law)


#: Case generators per lemma.
GENERATORS: dict[str, Callable[[np.random.Generator], Any]] = {
    COMPLEMENT.name: _complement_case,
    ADDITIVITY.name: _pair_case,
    ADDITIVITY_FAMILY.name: _family_case,
    INDEPENDENCE_FAMILY.name: _product_case,
}


def _pinned() -> dict[str, tuple[Pinned, ...]]:
    x = la.X
    coin = JointLaw.single(x, [0, 1], [F(1, 2)] * 2)
    return {
        COMPLEMENT.name: (
            Pinned(Case({"A": sp.Ge(x, 1)}, coin), "X fair on {0, 1}: 1/2 = 1 - 1/2"),
            Pinned(Case({"A": sp.Ge(x, 5)}, coin), "A empty: Pr[not A] = 1 = 1 - 0"),
        ),
        ADDITIVITY.name: (
            Pinned(Case({"A": sp.Le(x, 0), "B": sp.Ge(x, 1)}, coin),
                   "a partition into two events of probability 1/2: 1 = 1/2 + 1/2"),
        ),
        ADDITIVITY_FAMILY.name: (
            Pinned(Case({"A": tuple(sp.Eq(x, k) for k in (1, 2, 3))},
                        JointLaw.single(x, [1, 2, 3], [F(1, 3)] * 3)),
                   "a partition into three events of probability 1/3: 1 = 3 (1/3)"),
        ),
        INDEPENDENCE_FAMILY.name: (
            Pinned(Case({"X": XS, "A": tuple(sp.Ge(v, 1) for v in XS)}, _bits()),
                   "three independent fair bits, all 1: 1/8 = (1/2)^3"),
        ),
    }


def _bits() -> JointLaw:
    """X1, X2, X3 independent, each uniform on {0, 1}."""
    coin = [JointLaw.single(v, [0, 1], [F(1, 2)] * 2) for v in XS]
    return independent(*coin)


def register(generators: dict[str, Any], pinned_cases: dict[str, Any]) -> None:
    """Add this module's generators and pinned cases to the audit's tables (called by
    :mod:`~hallbound.proofs_checks.library.lemma_audit`)."""
    generators.update(GENERATORS)
    pinned_cases.update(_pinned())
