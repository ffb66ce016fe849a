r"""The integrands of the integrals against a measure that the reader has read
(``\int g\,d\mu(x)``), keyed by their atom, for the point-mass model
(:mod:`hallbound.proofs_checks.latex.models.measure_integrals`): the reader records, the model
looks up, and neither imports the other."""

from __future__ import annotations

import sympy as sp

#: key of each integral against a measure read so far -> (integrand, variable, measure name)
REGISTRY: dict[str, tuple[sp.Expr, sp.Symbol, str]] = {}
#: key of each opaque integral read so far -> (integrand, variable, lower, upper, measure), the
#: integrand and variable as written (not renamed: a nested integral's key names the outer
#: variable), the limits None when not written, the measure "" for ``dx``
BODIES: dict[str, tuple[sp.Expr, sp.Symbol, sp.Expr | None, sp.Expr | None, str]] = {}
#: Most keys kept (the registry is emptied when full; a key read again is registered again).
MAX_KEYS = 20000


def register(key: str, body: sp.Expr, var: sp.Symbol, measure: str) -> None:
    """Record the integrand of the atom ``key`` (called by the reader)."""
    if len(REGISTRY) >= MAX_KEYS:
        REGISTRY.clear()
    REGISTRY[key] = (body, var, measure)


def register_body(key: str, body: sp.Expr, var: sp.Symbol, lower: sp.Expr | None,
                  upper: sp.Expr | None, measure: str) -> None:
    """Record the integrand and limits of the opaque integral ``key`` (called by the reader;
    read by :mod:`hallbound.proofs_checks.latex.models.nested_integrals`)."""
    if len(BODIES) >= MAX_KEYS:
        BODIES.clear()
    BODIES[key] = (body, var, lower, upper, measure)
