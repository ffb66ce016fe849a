"""The audit's cases for the event lemmas (:mod:`.lemmas_events`): broad cases (random
events on broad exact laws, disjoint by construction on part of them, overlapping on the
rest, where the disjointness hypothesis fails and the case is skipped) and pinned cases.
Importing the module adds them to the audit's tables (:data:`.audit_cases.GENERATORS`,
:data:`.audit_cases.PINNED`)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.library import audit_cases as la
from hallbound.proofs_checks.library.audit_model import Case, Pinned
from hallbound.proofs_checks.library.lemmas_events import (
    ADDITIVITY,
    COMPLEMENT,
)
from hallbound.proofs_checks.library.randomness import JointLaw

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


#: Case generators per lemma.
GENERATORS: dict[str, Callable[[np.random.Generator], Any]] = {
    COMPLEMENT.name: _complement_case,
    ADDITIVITY.name: _pair_case,
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
    }


def register(generators: dict[str, Any], pinned_cases: dict[str, Any]) -> None:
    """Add this module's generators and pinned cases to the audit's tables (called by
    :mod:`~hallbound.proofs_checks.library.lemma_audit`)."""
    generators.update(GENERATORS)
    pinned_cases.update(_pinned())
