r"""Refuting a step through the source of a premise that does not follow from it.

A premise backed ``by`` an earlier step, a lemma instance or the claim's assumptions, or a
``given`` entry whose key the claim defines, must follow from that source; when it does not
(:class:`~hallbound.proofs_checks.engine.premises.Unfollowed`), the step rests on an
unbacked premise and is at most ASSUMED. This module searches the step **with each such
premise replaced by its source**: the cited step's relation, the lemma's conclusion or the
claim's value of the key (each written through a slack variable like any premise), or, for
the claim's assumptions, the premise dropped and the assumptions enforced at every point.
The step's other premises, its parameter domains and the claim's stated relations constrain
the points as in the ordinary search.

A point found is a real counterexample to the step *as a link of the chain*: at it, the
source holds, every other premise holds, every variable lies in its domain, and the step's
relation fails (re-verified at 50 digits; a z3 proof of the searched relation would raise
:class:`~hallbound.proofs_checks.engine.search.ProverDisagreement`). So the step does not
follow from what it says it rests on, and it is REFUTED; the report names the premise, the
source, and that the premise as stated fails at the witness. A premise with no source
(``by=None``) stays an assumption of the step: the search keeps it, never replaces it.

Not searched (the step stays as it was): law steps, steps with an ``evaluate`` function,
sources that leave a premise as a fact (no substitution: the search could not enforce it),
cited steps that are not PROVED or CERTIFIED, and a dropped ``by="hypothesis"`` premise
when a stated relation of the claim over the step's symbols has no numeric form (the search
could not enforce it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Premise, Step
from hallbound.proofs_checks.engine.falsify import falsify
from hallbound.proofs_checks.engine.premises import Backing, Unfollowed, relation_of, resolve
from hallbound.proofs_checks.engine.prover import substitute
from hallbound.proofs_checks.engine.search import (
    _cross_check,
    _evaluator,
    _refuted,
    _relation_or_none,
    _search_options,
    eliminated,
    linked_symbols,
    step_params,
)
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict

#: Verdicts a search through the sources may replace (REFUTED, PROVED, CERTIFIED stay).
REPLACEABLE = frozenset({Verdict.ASSUMED, Verdict.SUPPORTED, Verdict.UNDECIDED})
#: At most this many ways to replace the premises (each searched in turn).
MAX_VARIANTS = 4


def _source_premise(p: Premise, source: tuple[Any, str, Any]) -> Premise:
    """``p`` with its relation replaced by ``source`` (solved for the same symbol when the
    source contains it, else for the first atom with a unique solution)."""
    lhs, op, rhs = source
    free = set()
    for side in (lhs, rhs):
        free |= getattr(sp.sympify(side), "free_symbols", set())
        free |= set(sp.sympify(side).atoms(sp.Function)) if isinstance(side, sp.Basic) else set()
    solve_for = p.solve_for if p.solve_for in free else None
    return Premise(relation=(lhs, op, rhs), by=None, solve_for=solve_for,
                   label=f"{sp.sstr(lhs)} {op} {sp.sstr(rhs)}")


def _stated(claim: Claim, premise: Premise) -> list[tuple[Any, str, Any]]:
    """The claim's stated relations (with a numeric form) that share a symbol with
    ``premise``: the candidates a premise backed by the claim's assumptions came from."""
    lhs, _, rhs = relation_of(premise.relation)
    mine: set[sp.Basic] = set()
    for side in (lhs, rhs):
        mine |= getattr(sp.sympify(side), "free_symbols", set())
    out = []
    for a in claim.assumptions:
        rel = _relation_or_none(a)
        if rel is not None and (rel[0].free_symbols | rel[2].free_symbols) & mine:
            out.append(rel)
    return out


def source_steps(claim: Claim, step: Step, unfollowed: list[Unfollowed]) -> list[Step]:
    """The step with each unfollowed premise replaced by its source, and each unfollowed
    ``given`` entry set to the claim's value of its key. A premise backed by the claim's
    assumptions as a whole is replaced, in turn, by each stated relation of the claim that
    shares a symbol with it (at most :data:`MAX_VARIANTS` variants; dropped when none does:
    the search enforces the stated relations it can evaluate). Empty when nothing changes."""
    by_index = {u.key: u for u in unfollowed if u.kind == "premise"}
    given = dict(step.given)
    for u in unfollowed:
        if u.kind == "given" and u.source is not None:
            given[u.key] = u.source[2]
    if not by_index and given == dict(step.given):
        return []
    variants: list[list[Any]] = [[]]
    index = 0
    for p in step.premises:
        if not isinstance(p, Premise):
            variants = [v + [p] for v in variants]
            continue
        u = by_index.get(index)
        index += 1
        if u is None:
            options = [p]
        elif u.source is not None:
            options = [_source_premise(p, u.source)]
        else:
            options = [_source_premise(p, r) for r in _stated(claim, p)] or [None]
        variants = [v + [o] for v in variants for o in options][:MAX_VARIANTS]
    return [dataclasses.replace(step, premises=tuple(x for x in v if x is not None),
                                given=given, cites=()) for v in variants]


def _substituted(claim: Claim, subs: Mapping[sp.Basic, sp.Basic]) -> list[Any]:
    """The claim's stated relations with the search's substitution applied (a variable the
    premises eliminate is no longer drawn: the relation is checked through its value);
    relations that become identities are left out, the others kept as they are."""
    out: list[Any] = []
    for a in claim.assumptions:
        rel = _relation_or_none(a)
        if rel is None:
            out.append(a)
            continue
        lhs = sp.sympify(substitute(rel[0], subs))
        rhs = sp.sympify(substitute(rel[2], subs))
        if rel[1] in ("=", "<=", ">=") and sp.simplify(lhs - rhs) == 0:
            continue
        out.append((lhs, rel[1], rhs))
    return out


def _assumptions_enforced(claim: Any, symbols: set[sp.Basic]) -> bool:
    """Every stated relation of the claim over any of ``symbols`` has a numeric form (so
    the search's ``valid`` callback checks it at each point)."""
    for a in claim.assumptions:
        try:
            rel = relation_of(a)
        except (TypeError, ValueError):
            continue
        if not isinstance(rel, tuple) or len(rel) != 3:
            continue
        free: set[sp.Basic] = set()
        for side in (rel[0], rel[2]):
            free |= getattr(sp.sympify(side), "free_symbols", set())
        if free & symbols and _relation_or_none(a) is None:
            return False
    return True


def _searchable(claim: Claim, step: Step, backing: Backing) -> bool:
    if step.law is not None or step.evaluate is not None or not backing.unfollowed:
        return False
    return all(isinstance(getattr(step, s), sp.Basic) for s in ("lhs", "rhs"))


def refute_through_sources(
    claim: Claim,
    step: Step,
    backing: Backing,
    earlier: Mapping[str, StepResult],
    rng: np.random.Generator,
    trials: int,
    base: dict[str, Any],
) -> StepResult | None:
    """REFUTED when the step, with its unfollowed premises replaced by their sources
    (:func:`source_steps`), fails at a point of its domain where the sources, the other
    premises and the claim's stated relations hold; None otherwise (see the module doc)."""
    if not _searchable(claim, step, backing):
        return None
    for alt in source_steps(claim, step, backing.unfollowed):
        res = _search(claim, alt, earlier, rng, trials, base)
        if res is not None:
            res.method = (f"premise not implied by its source: {_which(backing.unfollowed)}; "
                          f"with the source in its place, {res.method}")
            res.detail = "; ".join(x for x in (
                "at the witness the source holds and the step's relation fails, so the step "
                "does not follow from what it rests on (the premise as stated fails there)",
                res.detail) if x)
            return res
    return None


def _search(
    claim: Claim,
    alt: Step,
    earlier: Mapping[str, StepResult],
    rng: np.random.Generator,
    trials: int,
    base: dict[str, Any],
) -> StepResult | None:
    """The falsification search on ``alt`` (the step with its sources in place): REFUTED
    with a 50-digit witness in the step's domain, or None."""
    alt_backing = resolve(claim, alt, earlier)
    if alt_backing.facts:
        return None  # a premise the search cannot enforce
    _, lhs, rhs = step_params(claim, alt, alt_backing)
    if lhs is None:
        return None
    known = claim.params_by_symbol(alt) | {p.symbol: p for p in alt_backing.params}
    stated = SimpleNamespace(assumptions=_substituted(claim, alt_backing.subs))
    symbols = linked_symbols(stated, lhs.free_symbols | rhs.free_symbols)
    if any(s not in known for s in symbols) or not _assumptions_enforced(stated, symbols):
        return None
    params = sorted((known[s] for s in symbols), key=lambda p: p.name)
    try:
        evaluate = _evaluator(params, alt, lhs, rhs)
    except Exception:  # noqa: BLE001 - no numeric form: nothing to search
        return None
    derived = eliminated(claim, alt, alt_backing)
    search = _search_options(params, derived, lhs, rhs, alt.rel, stated)
    found = falsify(params, evaluate, alt.rel, rng, trials=trials, **search)
    if found.witness is None:
        return None
    _cross_check(alt, lhs, rhs, params, Verdict.REFUTED)
    return _refuted(alt, base, found, derived)


def _which(unfollowed: list[Unfollowed]) -> str:
    parts = []
    for u in unfollowed:
        what = f"premise {u.key + 1}" if u.kind == "premise" else f"given {sp.sstr(u.key)}"
        parts.append(f"{what} from {u.text}")
    return ", ".join(parts)
