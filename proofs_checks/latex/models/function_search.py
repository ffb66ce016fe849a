"""The concrete-instance search of :mod:`.function_models`: draw admissible instances until
one refutes the step or the draws run out. An instance where the step's gap is no finite
real number (floats or exact: an unevaluated ``Sum``, a complex value) is no trial; the
outcome counts the evaluated instances (``instances``) and all admissible ones (``drawn``).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

import sympy as sp

from hallbound.proofs_checks.latex.models.function_models import (
    MAX_DRAWS,
    TIME_LIMIT,
    Model,
    _exact_holds,
    _Instance,
    _relation_holds,
    admissible,
    draw_instance,
)


@dataclass
class Outcome:
    """The search's result: ``refuted`` with the instance and what it satisfies, or the
    number of admissible instances it drew (none failed)."""

    refuted: _Instance | None
    satisfies: list[str]
    instances: int
    #: a failing instance whose quantified assumptions (``grid_only``) were checked only on
    #: a grid: no counterexample, and no SUPPORTED either
    unconfirmed: _Instance | None = None
    grid_only: list[str] = field(default_factory=list)
    drawn: int = 0  # admissible instances drawn, the unevaluated ones (no trials) included


def search(model: Model, seed: int) -> Outcome:
    """Draw instances (at most :data:`MAX_DRAWS`, :data:`TIME_LIMIT` CPU s); an instance that
    is admissible (every quantified assumption shown exactly) and where the step fails, both
    re-checked at 50 digits, refutes it (the simplest of those met in :data:`SIMPLER_DRAWS`
    more draws after the first). One where the step cannot be evaluated is no trial."""
    rng = random.Random(seed)
    start = time.process_time()
    count = drawn = 0
    best: Outcome | None = None
    loose: Outcome | None = None
    left = MAX_DRAWS
    while left > 0 and time.process_time() - start <= TIME_LIMIT:
        left -= 1
        inst = draw_instance(rng, model)
        if inst is None:
            continue
        drawn += 1
        found = _fails(inst)
        if found is _NO_TRIAL:
            continue
        count += 1
        if found is not None and inst.grid_only:
            if loose is None:
                loose = Outcome(None, [], count, inst, list(inst.grid_only))
            continue
        if found is not None and (best is None or _size(inst) < _size(best.refuted)):
            best = Outcome(inst, found, count)
            left = min(left, SIMPLER_DRAWS)
    if best is not None:
        return best
    return loose if loose is not None else Outcome(None, [], count, drawn=drawn)


#: Draws spent looking for a simpler counterexample once one is found.
SIMPLER_DRAWS = 40


#: :func:`_fails` where the step's gap is no finite real number (an unevaluated ``Sum``).
_NO_TRIAL: list[str] = []


def _fails(inst: _Instance) -> list[str] | None:
    """What the instance satisfies when the step fails there (both exact), None when it
    holds, :data:`_NO_TRIAL` when the gap cannot be evaluated (floats or exactly)."""
    model = inst.model
    gap = model.lhs - model.rhs
    try:
        value = inst.fval(gap)
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return _NO_TRIAL
    if not abs(value) < float("inf"):  # NaN or infinite
        return _NO_TRIAL
    if _relation_holds(value, model.rel, 1e-9 * (1 + abs(value))):
        return None
    sat = admissible(inst, exact=True)
    held = _exact_holds(inst.exact(gap), model.rel) if sat is not None else None
    if held is None:
        return _NO_TRIAL
    return sat if held is False else None


def _size(inst: _Instance | None) -> int:
    """How long the witness reads (functions and values as text)."""
    if inst is None:
        return 10**9
    return (sum(len(sp.sstr(f.expr)) for f in inst.funcs.values())
            + sum(len(str(v)) for v in inst.values.values()))


__all__ = ["Outcome", "search"]
