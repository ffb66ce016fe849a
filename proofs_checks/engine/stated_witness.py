r"""Whether a search's witness meets everything stated about its variables.

The falsification search tests the claim's stated relations at each point where it can
(:func:`~hallbound.proofs_checks.engine.search._assumptions_hold`). The rest
(:mod:`.unread_relations`) may still bear on the point. At a witness:

- the relations it could not test, the claim's definitions whose values hold a variable the
  search does not draw (``z := x + y``), and the domains of the step's slack variables, are
  gathered;
- :func:`~hallbound.proofs_checks.engine.stated_extension.extension` looks for exact values
  of the other variables meeting them all: the witness stands, with those values;
- otherwise the witness is withdrawn: UNDECIDED, naming the relations.

A premise of the step (backed or not) is a condition the search itself keeps to at each
point (:func:`~hallbound.proofs_checks.engine.search.conditions`; one with no value there
holds nowhere): a witness already meets every premise, so premises are not gathered here."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.premises import Backing
from hallbound.proofs_checks.engine.search import _jsonable, _refuted, composed
from hallbound.proofs_checks.engine.stated_extension import exact_point, extension
from hallbound.proofs_checks.engine.time_limits import ProverTimeLimit, limited
from hallbound.proofs_checks.engine.unread_relations import describe, unread_relations
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict


@dataclass
class WitnessCheck:
    """``unread``: what the search could not test at the witness; ``values``: values of
    the other variables meeting it all (None when none were found)."""

    unread: list[Any] = field(default_factory=list)
    values: dict[str, Any] | None = None

    @property
    def stands(self) -> bool:
        return not self.unread or self.values is not None


#: CPU seconds the search for values of the other variables may take at one witness.
EXTENSION_SECONDS = 5.0


def check_witness(claim: Claim, params: list[Param], found: Any,
                  backing: Backing | None = None, step: Step | None = None) -> WitnessCheck:
    """Whether the witness ``found`` of a search over ``params`` meets what is stated."""
    subs = backing.subs if backing is not None else {}
    drawn = {p.symbol for p in params}
    # an entry-wise rule ((mu - v)[i] = mu[i] - v[i], for every i) is a rewriting of the
    # entries, not a relation at one point: the entries it names are constrained elsewhere
    pairs = [(k, "=", v) for k, v in composed(subs).items()
             if isinstance(v, sp.Basic) and not v.free_symbols <= drawn
             and not isinstance(k, sp.Indexed) and k in claim.definitions]
    slack = [r for p in (backing.params if backing is not None else ())
             if p.symbol not in drawn for r in _domain(p)]
    pool = SimpleNamespace(assumptions=[*claim.assumptions, *pairs, *slack])
    unread = unread_relations(pool, params, subs)
    if not unread:
        return WitnessCheck()
    point = exact_point(found.witness, params)
    if point is None:
        return WitnessCheck(unread)
    values = {k: v.xreplace(point) for k, v in composed(subs).items()
              if isinstance(v, sp.Basic) and v.free_symbols <= set(point)}
    try:  # exact arithmetic on large draws can run long: past the limit, no extension
        found = limited("extension of the witness", extension, unread, {**point, **values},
                        seconds=EXTENSION_SECONDS, shared=False)
    except ProverTimeLimit:
        found = None
    return WitnessCheck(unread, found)


def _domain(p: Param) -> list[tuple[sp.Basic, str, sp.Basic]]:
    out = []
    if p.lo is not None:
        out.append((p.symbol, ">" if p.lo_open else ">=", p.exact_lo))
    if p.hi is not None:
        out.append((p.symbol, "<" if p.hi_open else "<=", p.exact_hi))
    return out


def withdrawn(base: dict, found: Any, unread: list[Any]) -> StepResult:
    """UNDECIDED in place of a REFUTED whose witness may break what ``unread`` states."""
    shown = ", ".join(f"{k} = {v}" for k, v in _jsonable(found.witness).items())
    return StepResult(
        **base, verdict=Verdict.UNDECIDED, method="falsification search (witness withdrawn)",
        trials=found.trials,
        detail=f"the relation fails at {shown}, but the search cannot test there what is "
               f"stated: {'; '.join(map(describe, unread))} (no numeric form, a variable "
               "it does not draw, or words), and no values of their other variables were "
               "found that meet them; the point may break them, so it refutes nothing",
    )


def refuted_or_withdrawn(claim: Claim, step: Step, base: dict, params: list[Param],
                         found: Any, shown: Any = (), backing: Backing | None = None
                         ) -> StepResult:
    """REFUTED at the witness when it meets everything stated about its variables
    (:func:`check_witness`; the values found for the others go in the detail), else
    UNDECIDED naming what it may break."""
    check = check_witness(claim, params, found, backing, step)
    if not check.stands:
        return withdrawn(base, found, check.unread)
    out = _refuted(step, base, found, shown)
    out.detail = "; ".join(x for x in (out.detail, met_note(check)) if x)
    return out


def met_note(check: WitnessCheck) -> str:
    """The values at which the relations the search could not test hold, for the report."""
    if not check.unread or check.values is None:
        return ""
    shown = ", ".join(f"{k} = {v}" for k, v in check.values.items())
    return ("the stated relations the search could not test hold there with "
            f"{shown}" if shown else "the stated relations the search could not test "
            "hold there")


__all__ = [
    "WitnessCheck", "check_witness", "met_note", "refuted_or_withdrawn", "withdrawn",
]
