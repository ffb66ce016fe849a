"""The claim's stated relations, as the premise rules read them: whether a relation is,
word for word, one of them (either way round), an event implication or an independence the
claim states, or a lemma hypothesis the claim states word for word up to the names of its
quantified indices. Each is backed without a proof search, as every stated relation is: it holds at
every point the claim speaks of. Re-exported by :mod:`~hallbound.proofs_checks.engine.premises`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, relation_of
from hallbound.proofs_checks.library.randomness import random_symbols

Relation = tuple[Any, str, Any]

_FLIP = {"<=": ">=", "<": ">", ">=": "<=", ">": "<", "=": "="}


def stated(claim: Claim, rel: Relation) -> bool:
    """``rel`` is, word for word, one of the claim's stated relations (either way round):
    it is backed without a proof search."""
    if rel[1] not in _FLIP:
        return False
    want = {_canonical(rel), _canonical(flip(rel))} - {None}
    return any(_canonical(relation_of(a)) in want for a in claim.assumptions if _is_relation(a))


def _canonical(rel: Relation) -> tuple[Any, str, Any] | None:
    lhs, op, rhs = rel
    try:
        return sp.sympify(lhs), op, sp.sympify(rhs)
    except (sp.SympifyError, TypeError):
        return None


def _is_relation(a: Any) -> bool:
    try:
        relation_of(a)
    except TypeError:
        return False
    return True


def _same_relation(assumption: Any, pair: tuple[Any, Any]) -> bool:
    """An assumption ``Implies(A, B)`` (or ``("implies", A, B)`` for events SymPy's logic
    does not take, such as indexed events) stated by the claim."""
    if isinstance(assumption, sp.Implies):
        return tuple(assumption.args) == tuple(pair)
    return (
        isinstance(assumption, tuple)
        and len(assumption) == 3
        and assumption[0] == "implies"
        and tuple(assumption[1:]) == tuple(pair)
    )


def _declared_independent(claim: Claim, variables: Sequence[sp.Basic]) -> bool:
    """The claim declares the quantities ``variables`` mutually independent: they are pairwise
    distinct (a variable repeated in the list is not independent of itself, so a set must not
    collapse the repeat) and all among the ``vars`` of one declared ``Independent``."""
    if len(set(variables)) != len(variables):
        return False
    for a in claim.assumptions:
        declared = getattr(a, "vars", None)
        if declared is not None and set(variables) <= set(declared):
            return True
    return False


def _false_by_form(hyp: Any) -> str:
    """Why ``hyp`` is false by its form alone, or empty: an ``independent`` hypothesis over a
    tuple that repeats a variable (a variable is not independent of itself), or a
    ``measurable`` one whose event has a random variable outside the quantities it is said to
    be a function of."""
    if hyp.rel == "independent" and isinstance(hyp.lhs, sp.Tuple):
        if len(set(hyp.lhs.args)) != len(hyp.lhs.args):
            return "a variable repeats: not independent of itself"
    if hyp.rel == "measurable" and hyp.rhs is not None:
        extra = random_symbols(hyp.lhs) - random_symbols(hyp.rhs)
        if extra:
            return f"depends on {sorted(map(str, extra))} outside the stated quantities"
    return ""


def stated_hypothesis(claim: Claim, hyp: Any) -> bool:
    """``hyp`` (a lemma instance's :class:`~hallbound.proofs_checks.library.lemma_model.
    Hypothesis`, e.g. "for i in 1..N: D[l, i] measurable in (x[i],)") is stated by the claim:
    an assumption that is a ``Hypothesis`` with the same relation, scope and ranges, whose
    quantified indices renamed to ``hyp``'s make it equal to ``hyp`` (alpha-equivalence: the
    name of a bound index says nothing)."""
    return any(_alpha_equal(a, hyp) for a in claim.assumptions if _is_hypothesis(a))


def _is_hypothesis(a: Any) -> bool:
    return all(hasattr(a, k) for k in ("lhs", "rel", "rhs", "scope", "over"))


def _alpha_equal(a: Any, hyp: Any) -> bool:
    if not _is_hypothesis(hyp) or a.rel != hyp.rel or len(a.over) != len(hyp.over):
        return False
    if isinstance(a.scope, str) != isinstance(hyp.scope, str) or (
        isinstance(a.scope, str) and a.scope != hyp.scope
    ):
        return False
    ren = {va: vh for (va, _, _), (vh, _, _) in zip(a.over, hyp.over, strict=True)}
    if any(va.is_integer != vh.is_integer for va, vh in ren.items()):
        return False

    def same(x: Any, y: Any) -> bool:
        try:
            return sp.sympify(x).xreplace(ren) == sp.sympify(y)
        except (sp.SympifyError, TypeError):
            return False

    return all(same(lo_a, lo_h) and same(hi_a, hi_h)
               for (_, lo_a, hi_a), (_, lo_h, hi_h) in zip(a.over, hyp.over, strict=True)) \
        and same(a.lhs, hyp.lhs) and same(a.rhs, hyp.rhs) and _same_scope(a, hyp, same)


def _same_scope(a: Any, hyp: Any, same: Any) -> bool:
    """The scopes agree: equal strings, or scopes of one type whose variables (an
    ``Independent``'s ``vars``) are equal after the renaming ``same`` applies."""
    if isinstance(a.scope, str) or isinstance(hyp.scope, str):
        return a.scope == hyp.scope
    if type(a.scope) is not type(hyp.scope):
        return False
    va, vh = getattr(a.scope, "vars", None), getattr(hyp.scope, "vars", None)
    if va is None or vh is None:
        return a.scope == hyp.scope
    return len(va) == len(vh) and same(sp.Tuple(*va), sp.Tuple(*vh))


def flip(rel: Relation) -> Relation:
    """``a REL b`` written as ``b REL' a``."""
    lhs, op, rhs = rel
    return rhs, _FLIP[op], lhs
