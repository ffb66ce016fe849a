r"""The integrands of the integrals against a measure that the reader has read
(``\int g\,d\mu(x)``), keyed by their atom, for the point-mass model
(:mod:`hallbound.proofs_checks.latex.models.measure_integrals`): the reader records, the model
looks up, and neither imports the other."""

from __future__ import annotations

import sympy as sp

#: key of each integral against a measure read so far -> (integrand, variable, measure name)
REGISTRY: dict[str, tuple[sp.Expr, sp.Symbol, str]] = {}
#: Most keys kept (the registry is emptied when full; a key read again is registered again).
MAX_KEYS = 20000


def register(key: str, body: sp.Expr, var: sp.Symbol, measure: str) -> None:
    """Record the integrand of the atom ``key`` (called by the reader)."""
    if len(REGISTRY) >= MAX_KEYS:
        REGISTRY.clear()
    REGISTRY[key] = (body, var, measure)
