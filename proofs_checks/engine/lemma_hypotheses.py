"""The hypotheses of a lemma instance a step uses, each shown as a sub-step or named as
assumed (moved out of :mod:`.premises`, whose :func:`~.premises.resolve` calls
:func:`lemma_hypotheses`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Step, relation_of
from hallbound.proofs_checks.engine.premises import Backing, Relation, implies, param_domains
from hallbound.proofs_checks.engine.prover import prove_relation
from hallbound.proofs_checks.engine.stated_relations import (
    _canonical,
    _declared_independent,
    _false_by_form,
    _is_relation,
    _same_relation,
    stated_hypothesis,
)


def lemma_hypotheses(out: Backing, claim: Claim, step: Step, inst: Any) -> None:
    """Each hypothesis of a lemma instance, shown as a sub-step: a relation proved by the
    prover (random variables range over the reals, so a pointwise relation proved for every
    value holds at every outcome) or implied by the claim's assumptions; an implication
    between events through :func:`implies`; an independence declared by the claim
    (``Claim.assumptions`` holding a :class:`~hallbound.proofs_checks.library.lemma_library.
    Independent` of a superset of the variables). Anything else is named as assumed."""
    params = list(claim.params_by_symbol(step).values())
    domains = param_domains(params)
    by_name = {s.name: s for s in claim.steps}
    for hyp in inst.hypotheses:
        hyp = _bound_apart(hyp)
        false_by_form = _false_by_form(hyp)
        if false_by_form:  # checked even when the claim states it: a statement is no proof
            out.assumed.append(f"{inst.lemma.name} hypothesis: {hyp.text()} ({false_by_form})")
            continue
        if stated_hypothesis(claim, hyp):  # the claim states it (up to its indices' names)
            out.stated.append(f"{inst.lemma.name} hypothesis: {hyp.text()}")
            continue
        lhs, op = _substituted(hyp.lhs, out.subs), hyp.rel
        rhs = _substituted(hyp.rhs, out.subs) if hyp.rhs is not None else None
        if op == "independent":
            if _declared_independent(claim, tuple(lhs.args)):
                continue
        elif op == "implies":
            try:
                if implies(relation_of(lhs), relation_of(rhs), params):
                    continue
            except TypeError:
                pass
            if any(_same_relation(a, (lhs, rhs)) for a in claim.assumptions):
                out.stated.append(f"{inst.lemma.name} hypothesis: {hyp.text()}")
                continue
            if _events_imply(claim, step, out, lhs, rhs, domains):
                continue
        elif op in ("conditional-sum", "arb-ball"):  # a structure the claim must state
            if any(_stated_as(a, (lhs, op, rhs), out.subs) for a in claim.assumptions):
                continue
        elif op in ("=", "<=", "<", ">=", ">"):
            if prove_relation(lhs, op, rhs, domains) or any(
                implies(relation_of(a), (lhs, op, rhs), params)
                for a in claim.assumptions
                if _is_relation(a)
            ):
                continue
            if any(  # an earlier step the step cites (it already capped the step's verdict),
                # as written or with the claim's definitions written out (identities)
                implies(rel, (lhs, op, rhs), params)
                for c in step.cites
                if c in by_name
                for rel in (relation_of(by_name[c]), _with_definitions(claim, by_name[c]))
            ):
                continue
        out.assumed.append(f"{inst.lemma.name} hypothesis: {hyp.text()}")


def _stated_as(a: Any, rel: tuple[Any, str, Any], subs: Mapping[sp.Basic, sp.Basic]) -> bool:
    """The stated relation ``a`` is ``rel`` once the step's substitution (its eliminated
    premises' symbols written through slacks) is applied to both, as it was to ``rel``."""
    canon = _canonical(relation_of(a)) if _is_relation(a) else None
    if canon is None:
        return False
    return (_substituted(canon[0], subs), canon[1], _substituted(canon[2], subs)) == rel


def _substituted(e: Any, subs: Mapping[sp.Basic, sp.Basic]) -> sp.Basic:
    """``e`` with the step's substitution applied until nothing changes (at most 3 passes,
    as for the conclusions: a premise's value may hold another eliminated symbol)."""
    out = sp.sympify(e)
    for _ in range(3):
        new = out.xreplace(subs)
        if new == out:
            break
        out = new
    return out


def _with_definitions(claim: Claim, step: Step) -> Relation:
    """``step``'s relation with the claim's definitions substituted (``ell := ln(3N/gamma)``:
    a definition is an identity of the claim, so the relation still holds)."""
    lhs, op, rhs = relation_of(step)
    defs = dict(claim.definitions)
    return tuple(  # type: ignore[return-value]
        sp.sympify(x).xreplace(defs) if isinstance(x, sp.Basic) else x for x in (lhs, op, rhs)
    )


def _events_imply(
    claim: Claim, step: Step, out: Backing, a: Any, b: Any,
    domains: Mapping[sp.Symbol, sp.Interval],
) -> str | None:
    """Event ``a`` implies event ``b`` at every outcome, by z3
    (:func:`~hallbound.proofs_checks.engine.event_logic.event_implies`) under the pointwise
    facts: the claim's stated relations and the relations of the earlier steps the step cites
    (which already capped its verdict), the definitions substituted."""
    from hallbound.proofs_checks.engine.event_logic import event_implies

    facts = []
    for rel in [*(relation_of(x) for x in claim.assumptions if _is_relation(x)),
                *(relation_of(s) for s in claim.steps if s.name in step.cites)]:
        lhs, op, rhs = rel
        if isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic):
            facts.append((lhs.xreplace(out.subs), op, rhs.xreplace(out.subs)))
    return event_implies(a, b, facts, domains)


def _bound_apart(hyp: Any) -> Any:
    """The hypothesis with each quantified variable (``over``: "for all real u") renamed to a
    fresh symbol, so that no claim parameter or substitution of the same name captures it
    (a claim's ``u in [0, 1]`` must not prove "phi''(u) >= 0 for all real u")."""
    over = getattr(hyp, "over", ())
    if not over:
        return hyp
    fresh = {v: sp.Dummy(v.name, **v.assumptions0) for v, _, _ in over if isinstance(v, sp.Symbol)}
    return hyp.map(lambda e: sp.sympify(e).xreplace(fresh) if e is not None else e)


__all__ = ["lemma_hypotheses"]
