r"""Extend a search's witness to the variables of the stated relations it could not test.

A witness fixes the drawn parameters only. A stated relation the search left out
(:mod:`.unread_relations`) may also name other variables: ``||mu_i|| >= eps + sqrt(2 log(1/delta))``
with ``||mu_i|| = sqrt(sum_{i <= d_a} mu_i[i]^2)``, or ``sum_{t <= C} p_t = 1``. The witness
stands only if some values of those variables meet every such relation at it. This module
looks for them, exactly:

1. the witness's values (and the step's eliminated parameters, written through them) are put
   in; a length of a sum that is not drawn (``d_a``) takes the values 1, 2, 3 in turn;
2. sums and products with numeric limits are written out
   (:func:`~hallbound.proofs_checks.engine.instances.written_out`); an opaque function at a
   numeric argument (``f(1/2)``) and each entry (``p[1]``) become one unknown each;
3. each equality is solved exactly for an unknown it is linear in; the other unknowns are
   drawn from :data:`DRAWS` (within their sign assumptions) until every relation holds,
   decided exactly by SymPy (a comparison it cannot decide counts as failed).

A relation about random variables (``E``, ``Pr``, ``X <= 1 - mu``), an integral, a function
applied to an unknown, or a statement in words cannot be extended: the witness is then
withdrawn. Finding an extension proves the witness meets the relations; failing to find one
only withdraws it."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.engine.claim import exact_floats
from hallbound.proofs_checks.engine.instances import written_out
from hallbound.proofs_checks.library.randomness import is_random

Relation = tuple[sp.Expr, str, sp.Expr]

#: Values tried for an unknown that no equality solves (first the small ones).
DRAWS = tuple(sp.nsimplify(v) for v in (0, 1, -1, 2, "1/2", -2, 10, -10, 100, -100, 10**6,
                                         -(10**6), "1/10"))
#: Most assignments of the unsolved unknowns tried, per choice of lengths.
MAX_TRIES = 400
#: Values tried for a sum's length that the witness does not fix.
LENGTHS = (1, 2, 3)
#: Largest written-out sum, and most unknowns, an extension is looked for with.
MAX_TERMS = 50
MAX_UNKNOWNS = 12
_SIGNS = ("integer", "positive", "nonnegative", "negative", "nonpositive", "nonzero")


def extension(
    relations: list[Any], point: Mapping[sp.Basic, sp.Basic]
) -> dict[str, sp.Basic] | None:
    """Values of the other variables at which every relation holds at ``point`` (a map from
    each drawn or eliminated symbol to its exact value), or None when none was found."""
    by_name = {k.name: v for k, v in point.items() if isinstance(k, sp.Symbol)}

    def at(e: sp.Basic) -> sp.Basic:  # a same-name symbol is the same variable
        e = exact_floats(e).xreplace(dict(point))
        return e.xreplace({s: by_name[s.name] for s in e.free_symbols
                           if isinstance(s, sp.Symbol) and s.name in by_name})

    rels = []
    for a in relations:
        rel = _relation(a)
        if rel is None:
            return None
        rels.append((at(rel[0]), rel[1], at(rel[2])))
    lengths = sorted({s for r in rels for side in (r[0], r[2]) for s in _length_symbols(side)},
                     key=str)
    for choice in itertools.product(LENGTHS, repeat=len(lengths)):
        fixed = dict(zip(lengths, map(sp.Integer, choice), strict=True))
        if not all(_respects(s, v) for s, v in fixed.items()):
            continue
        found = _extend([(a.xreplace(fixed), op, b.xreplace(fixed)) for a, op, b in rels])
        if found is not None:
            return {**{str(k): v for k, v in fixed.items()}, **found}
    return None


def _relation(a: Any) -> Relation | None:
    if isinstance(a, sp.core.relational.Relational):
        a = (a.lhs, "=" if isinstance(a, sp.Equality) else a.rel_op, a.rhs)
    if not (isinstance(a, tuple) and len(a) == 3 and a[1] in ("<=", "<", ">=", ">", "=", "!=")):
        return None
    lhs, rhs = sp.sympify(a[0]), sp.sympify(a[2])
    for e in (lhs, rhs):
        if not isinstance(e, sp.Expr) or is_random(e):
            return None
        if e.has(sp.Integral, sp.Derivative, sp.Subs, sp.Limit):
            return None
        if any((type(f).__module__ or "").startswith("hallbound") for f in e.atoms(sp.Function)):
            return None  # E, Pr, Var, BallVolume...: no value at a point
    return lhs, a[1], rhs


def _length_symbols(e: sp.Basic) -> set[sp.Symbol]:
    """Free symbols in the limits of sums and products."""
    out: set[sp.Symbol] = set()
    for s in e.atoms(sp.Sum, sp.Product):
        for _, lo, hi in s.limits:
            out |= lo.free_symbols | hi.free_symbols
    return out


def _extend(rels: list[Relation]) -> dict[str, sp.Basic] | None:
    if any(_terms(e) > MAX_TERMS for a, _, b in rels for e in (a, b)):
        return None
    try:
        rels = [(written_out(a), op, written_out(b)) for a, op, b in rels]
    except Exception:  # noqa: BLE001 - a sum SymPy cannot write out
        return None
    unknowns: dict[sp.Basic, sp.Dummy] = {}
    for a, _, b in rels:
        for e in (a, b):
            if e.has(sp.Sum, sp.Product):
                return None
            for f in e.atoms(sp.Indexed, sp.core.function.AppliedUndef):
                if f.free_symbols - {f} - set(getattr(f, "base", sp.S(0)).free_symbols):
                    return None  # a function at an unknown argument: values must agree
                unknowns.setdefault(f, sp.Dummy(str(f), **_assumptions(f)))
    if len(unknowns) > MAX_UNKNOWNS:
        return None
    rels = [(a.xreplace(unknowns), op, b.xreplace(unknowns)) for a, op, b in rels]
    names = {v: str(k) for k, v in unknowns.items()}
    solved = _solve(rels)
    if solved is None:
        return None
    rels = [(a.xreplace(solved), op, b.xreplace(solved)) for a, op, b in rels]
    free = sorted(set().union(*(a.free_symbols | b.free_symbols for a, _, b in rels)), key=str)
    rng = random.Random(0)
    tries = itertools.product(DRAWS, repeat=len(free)) if len(DRAWS) ** len(free) <= MAX_TRIES \
        else ([rng.choice(DRAWS) for _ in free] for _ in range(MAX_TRIES))
    for values in tries:
        at = dict(zip(free, values, strict=True))
        if not all(_respects(s, v) for s, v in at.items()):
            continue
        full = {**{s: v.xreplace(at) for s, v in solved.items()}, **at}
        if all(_respects(s, v) for s, v in full.items()) and all(
                _holds(a.xreplace(at), op, b.xreplace(at)) for a, op, b in rels):
            return {names.get(s, str(s)): v for s, v in full.items()}
    return None


def _assumptions(atom: sp.Basic) -> dict[str, bool]:
    """What an entry ``p[1]`` or a value ``g(1)`` is declared (through its base or its
    function), plus real: every value here is a real number."""
    out = {k: True for k in _SIGNS if getattr(atom, f"is_{k}", None) is True}
    return {**out, "real": True}


def _terms(e: sp.Basic) -> int:
    """Terms a written-out sum or product of ``e`` would have (the largest numeric range)."""
    most = 0
    for s in e.atoms(sp.Sum, sp.Product):
        for _, lo, hi in s.limits:
            if (hi - lo).is_number:
                most = max(most, int(hi - lo) + 1)
    return most


def _solve(rels: list[Relation]) -> dict[sp.Symbol, sp.Basic] | None:
    """Each equality solved for the last unknown it is linear in (exactly)."""
    solved: dict[sp.Symbol, sp.Basic] = {}
    for a, op, b in rels:
        if op != "=":
            continue
        g = sp.expand((a - b).xreplace(solved))
        free = sorted(g.free_symbols - set(solved), key=str, reverse=True)
        for s in free:
            linear = g.is_polynomial(s) and sp.degree(g, s) == 1
            if not linear and len(free) != 1:
                continue  # a nonlinear equation is solved only in its one unknown
            try:  # empty where every root breaks s's assumptions
                roots = [r for r in sp.solve(g, s) if _respects(s, r)]
            except (NotImplementedError, ValueError, TypeError):
                roots = []
            if not roots:
                continue
            value = roots[0]
            solved = {k: v.xreplace({s: value}) for k, v in solved.items()}
            solved[s] = value
            break
    return solved


def _respects(s: sp.Basic, v: sp.Basic) -> bool:
    """``v`` (a number once everything is drawn) meets the symbol's declared assumptions; an
    expression still holding unknowns passes here and is checked once they are drawn."""
    if v.free_symbols:
        return True
    if v.is_real is not True:
        return False  # every variable here is real
    return all(getattr(v, f"is_{k}") is True for k in _SIGNS
               if getattr(s, f"is_{k}", None) is True)


def _holds(a: sp.Basic, op: str, b: sp.Basic) -> bool:
    """The relation holds, decided exactly by SymPy (undecided counts as failing)."""
    g = a - b
    if g.free_symbols or g.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return False  # undefined there (log 0, 1/0): not met
    if op in ("=", "!="):
        zero = sp.simplify(g) == 0 if not g.is_number else g.equals(0)
        return zero is True if op == "=" else zero is False and g.is_real is not False
    try:
        out = {"<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt}[op](g, 0)
    except TypeError:  # a complex value: no order
        return False
    return out is sp.true


def exact_point(witness: Mapping[str, Any], params: list[Any]) -> dict[sp.Basic, sp.Basic] | None:
    """The witness as exact SymPy values keyed by symbol (None when a value is not exact)."""
    out = {}
    for p in params:
        v = witness.get(p.name)
        if isinstance(v, bool) or v is None or isinstance(v, list | tuple | dict):
            return None
        if isinstance(v, Fraction):
            out[p.symbol] = sp.Rational(v.numerator, v.denominator)
        elif isinstance(v, int):
            out[p.symbol] = sp.Integer(v)
        elif isinstance(v, sp.Basic) and v.is_number:  # an irrational domain end
            out[p.symbol] = v
        else:  # a float or mpf is the exact binary number the search evaluated at
            try:
                f = mpmath.mpf(v)
            except (TypeError, ValueError):
                return None
            if not mpmath.isfinite(f):
                return None
            man, exp = f.man_exp if f else (0, 0)
            out[p.symbol] = sp.Integer(man) * sp.Integer(2) ** exp
    return out


__all__ = ["extension", "exact_point"]
