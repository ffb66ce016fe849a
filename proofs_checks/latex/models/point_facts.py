r"""Concrete functions under a stated fact read at one point: ``f(x_{k+1}) \le q_k(x_{k+1})``
beside ``f(x) \le q_k(x)\ \forall x`` and ``f(x_k) = q_k(x_k)``.

The concrete-function search (:mod:`.function_models`) keeps out a step beside which a fact
about a function is stated at a variable the step never names (``f(x_k) = q_k(x_k)`` beside a
step about ``x_{k+1}``): the fact may mean "for every value" (``f(x) = x^2``), and an instance
that meets it at one drawn point is then no counterexample. Reading such a fact at one point is
a *weaker* assumption than reading it for every value: every instance of the stronger reading
is an instance of the weaker one. So a search under the weaker reading that finds no failure
over :data:`.function_models.MIN_INSTANCES` instances or more is honest evidence for either
reading: SUPPORTED, saying which reading was sampled (:func:`point_fact_check`). A failure
proves nothing (the instance may break the "for every value" reading): the step stays
UNDECIDED, the instance kept in the detail.
"""

from __future__ import annotations

from typing import Any

from hallbound.proofs_checks.latex.models.function_models import MIN_INSTANCES, model_for
from hallbound.proofs_checks.latex.models.function_search import search


def point_fact_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED step about function values that the concrete-function model
    kept out only for a fact it could read at one point is SUPPORTED when no instance under
    that reading fails (module doc); a failure is noted, never REFUTED."""
    from hallbound.proofs_checks.latex.models.function_verdicts import _classes, measure_valued

    if check.verdict != "UNDECIDED" or step is None or checker.table is None:
        return
    if measure_valued(f"{check.lhs} {check.rhs}", checker):
        return
    lhs, rhs = (e.xreplace(checker.defs) for e in (step.lhs, step.rhs))
    try:
        if model_for(lhs, step.rel, rhs, checker) is not None:
            return  # the plain model read the step: its verdict stands
        model = model_for(lhs, step.rel, rhs, checker, at_points=True)
        out = search(model, checker.seed) if model is not None else None
    except Exception:  # noqa: BLE001 - an expression the search cannot evaluate: no verdict
        return
    if model is None or out is None or out.unconfirmed is not None:
        return
    if out.refuted is not None:
        check.detail = ("a concrete instance fails when each stated fact about a function at a "
                        "point the step does not name is read at that one point, but the fact "
                        "may hold for every value there: no counterexample")
        return
    if out.instances < MIN_INSTANCES:
        return
    grid = (" (a quantified one checked in floats on a grid of points, the chain's rational "
            "points among them)" if model.quantified else "")
    check.verdict = "SUPPORTED"
    check.method = "concrete functions, facts at one point"
    check.detail = (f"sampled over {out.instances} concrete instances ({_classes(model)}), each "
                    f"meeting every stated assumption{grid}, a stated fact about a function at "
                    "a point the step does not name read at that one point (weaker than 'for "
                    "every value', so the sample covers both readings): no counterexample")
    check.trials = out.instances


__all__ = ["point_fact_check"]
