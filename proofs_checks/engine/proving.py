r"""The proof attempts on one step (:func:`prove_step`): from a lemma instance the step
cites, from a premise's fact, by SymPy
(:func:`~hallbound.proofs_checks.engine.prover.prove_relation`), under the claim's stated
signs, from a stated relation (``verify`` only), then z3 for polynomial relations.

Every attempt but z3 runs under the step's clock
(:func:`~hallbound.proofs_checks.engine.time_limits.step_clock`, opened by
:func:`~hallbound.proofs_checks.engine.checker.check_step`): an attempt cut off by it is no
proof, and the next attempt is tried (refused at once when the clock is spent); z3 has its
own deterministic budget (``rlimit``) and a per-call CPU limit. Split from
:mod:`~hallbound.proofs_checks.engine.checker`, which re-exports these names."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import (
    Claim,
    Param,
    Step,
    domain_assumptions,
    justified_symbol,
)
from hallbound.proofs_checks.engine.premises import Backing, implies, signed_atoms
from hallbound.proofs_checks.engine.premises import param_domains as _domains
from hallbound.proofs_checks.engine.prover import prove_relation, substitute
from hallbound.proofs_checks.engine.search import _ORDER, _relation_or_none, _z3_decide
from hallbound.proofs_checks.engine.time_limits import ProverTimeLimit, limited


def prove_step(
    claim: Claim, step: Step, lhs: Any, rhs: Any, params: list[Param], backing: Backing
) -> str | None:
    """A proof of the substituted relation: from a lemma instance the step cites, or
    directly (SymPy, then z3 for polynomial relations). SymPy sees each parameter as a
    symbol carrying exactly what its domain justifies (:func:`justify`). Each attempt but
    z3 runs on the step's clock (see the module doc): cut off, it is no proof."""
    known = list(claim.params_by_symbol(step).values()) + list(backing.params)
    table, known = justify(known)
    tables = table | justify(params)[0]
    params = [_renamed(p, tables) for p in params]

    def j(e: Any) -> Any:
        return e.xreplace(tables) if isinstance(e, sp.Basic) else e

    lhs, rhs = j(lhs), j(rhs)
    target = (lhs, step.rel, rhs)
    for inst in step.lemmas:
        source = tuple(j(x) for x in _instance_relation(inst, backing))
        how = _attempt(f"the lemma {inst.lemma.name}", implies, source, target, known)
        if how:
            return f"from {inst.lemma.name}: {how}"
    for fact in backing.facts:
        how = _attempt("a premise's fact", implies, tuple(j(x) for x in fact), target, known)
        if how:
            return f"from the premise {fact[0]} {fact[1]} {fact[2]}: {how}"
    how = _attempt("sympy", prove_relation, lhs, step.rel, rhs, _domains(params))
    if how:
        return how
    signed = signed_atoms(claim, (lhs, rhs))
    if signed:  # a stated sign of an expectation: the sign prover may use it
        slhs, srhs = lhs.xreplace(signed), rhs.xreplace(signed)
        how = _attempt("sympy under the stated signs", lambda: prove_relation(
            slhs, step.rel, srhs, _domains(params)) or _sign_by_terms(slhs, step.rel, srhs))
        if how:
            firsts = {d: a for a, d in signed.items() if d.name == "stated"}
            shown = ", ".join(f"{sp.sstr(a)} {'>' if d.is_positive else '<'} 0"
                              for d, a in firsts.items())
            return f"{how}; under the stated signs {shown}"
    stated = stated_relations(claim, params, tables)
    if claim.source == "latex":  # verify: an author's stated relation is a SymPy source too
        for fact in stated:
            if fact[1] not in _ORDER:
                continue
            how = _attempt("a stated relation", implies, fact, target, known)
            if how:
                return f"from the stated relation {sp.sstr(fact[0])} {fact[1]} " \
                       f"{sp.sstr(fact[2])}: {how}"
    return _z3(lhs, step.rel, rhs, params, stated)


def _attempt(what: str, fn: Callable[..., str | None], *args: Any) -> str | None:
    """``fn(*args)`` on the step's clock; None (no proof) when the clock cuts it off."""
    try:
        return limited(what, fn, *args, seconds=math.inf)
    except ProverTimeLimit:
        return None


def _sign_by_terms(lhs: sp.Expr, rel: str, rhs: sp.Expr) -> str | None:
    r"""``lhs REL rhs`` (an order) by the sign of ``rhs - lhs`` (or ``lhs - rhs``) written as
    numerator / denominator, the numerator collected in each symbol SymPy knows is
    non-negative and each coefficient factored (:math:`s a^2 (\theta - 1)^2 + P s' K`):
    every term then has a sign SymPy decides. None when a sign is unknown."""
    if rel not in _ORDER:
        return None
    strict, sign = _ORDER[rel]
    num, den = sp.fraction(sp.together(sign * (rhs - lhs)))
    if den.is_positive is not True:
        return None
    num = sp.expand(num)
    for x in sorted((a for a in num.free_symbols if a.is_nonnegative), key=str):
        parts = sp.collect(num, x, evaluate=False)
        terms = [sp.factor(c) * (k if k != 1 else 1) for k, c in parts.items()]
        if all(t.is_nonnegative for t in terms):
            total = sp.Add(*terms)
            if not strict or total.is_positive:
                return "sympy assumptions: sign of each term (numerator collected in a " \
                       "non-negative symbol, coefficients factored)"
    return None


def stated_relations(
    claim: Claim, params: list[Param], renaming: dict[sp.Basic, sp.Basic] | None = None
) -> list[tuple[sp.Expr, str, sp.Expr]]:
    """The claim's stated relations (``Claim.assumptions`` with a numeric form) over the
    step's parameters only, renamed like the parameters (``renaming``): hypotheses for z3."""
    drawn = {p.symbol for p in params}
    back = {v: k for k, v in (renaming or {}).items()}
    out = []
    for a in claim.assumptions:
        rel = _relation_or_none(a)
        if rel is None:
            continue
        lhs, op, rhs = rel
        if renaming:
            lhs, rhs = lhs.xreplace(renaming), rhs.xreplace(renaming)
        if not {back.get(s, s) for s in lhs.free_symbols | rhs.free_symbols} <= {
            back.get(s, s) for s in drawn
        }:
            continue
        out.append((lhs, op, rhs))
    return out


def justify(params: list[Param]) -> tuple[dict[sp.Basic, sp.Basic], list[Param]]:
    """Each parameter whose symbol knows less than its domain justifies is renamed to a fresh
    symbol carrying exactly :func:`~hallbound.proofs_checks.engine.claim.domain_assumptions` (the
    claim refuses symbols that know more): ``(renaming, parameters renamed)``."""
    table: dict[sp.Basic, sp.Basic] = {}
    for p in params:
        new = justified_symbol(p)
        if new is None or p.symbol in table:
            continue
        if all(p.symbol.assumptions0.get(k) == v for k, v in domain_assumptions(p).items()):
            continue
        table[p.symbol] = new
    return table, [_renamed(p, table) for p in params]


def _renamed(p: Param, table: dict[sp.Basic, sp.Basic]) -> Param:
    return dataclasses.replace(p, symbol=table[p.symbol]) if p.symbol in table else p


def _instance_relation(inst: Any, backing: Backing) -> tuple[Any, str, Any]:
    lhs, op, rhs = inst.conclusion
    return (
        sp.sympify(substitute(lhs, backing.subs)),
        op,
        sp.sympify(substitute(rhs, backing.subs)),
    )


def _z3(
    lhs: Any, rel: str, rhs: Any, params: list[Param], hypotheses: list | None = None
) -> str | None:
    """z3's nonlinear real arithmetic on a polynomial relation (None when not applicable),
    under the claim's stated polynomial relations (``hypotheses``) too.

    A z3 model against a relation is a counterexample: the falsification search re-finds and
    re-verifies it (so REFUTED always carries a 50-digit witness)."""
    res = _z3_decide(lhs, rel, rhs, params, hypotheses=hypotheses or [])
    if res is not None and res.status == "proved":
        if hypotheses and _vacuous(params, hypotheses):
            return None  # no point meets the stated relations: anything would follow
        where = [c for c in res.conditions if "where the expression is defined" in c]
        shown = [re.sub(r"(?<![\w])_(?=[A-Za-z])", "", c.split(" (")[0]) for c in where]
        extra = "; only where " + ", ".join(shown) if where else ""
        stated = [c.split(" (stated)")[0] for c in res.conditions if c.endswith("(stated)")]
        if stated:
            extra += "; under the stated relations " + ", ".join(stated)
        return f"z3 (nonlinear real arithmetic, {res.work} resource units{extra})"
    return None


def _vacuous(params: list[Param], hypotheses: list) -> bool:
    """z3 shows that no point of the parameters' domains meets the stated relations
    (``0 = 1`` follows from them), so a proof under them would hold vacuously."""
    res = _z3_decide(sp.Integer(0), "=", sp.Integer(1), params, hypotheses=hypotheses)
    return res is not None and res.status == "proved"
