r"""Are a claim's stated relations met anywhere? A point, or no verdict under them.

A claim whose stated relations (``Claim.assumptions``) no point of the domains meets proves
anything vacuously. z3 shows such a contradiction only for polynomial relations: it leaves
``x \ge e^y + 20`` or ``\sin x \ge 2`` out, and "no contradiction found" is not consistency.
So a claim's relations count as consistent only with a **point** that meets every one of
them:

1. z3's model of the polynomial relations, when it also meets the others;
2. else a sampled point: :func:`~hallbound.proofs_checks.engine.falsify.nice_points` and
   random draws of the domains, each equality first solved for one of its variables
   (:func:`~hallbound.proofs_checks.engine.premises.as_substitution`), the point kept when
   every relation holds at :data:`DIGITS` digits (an equality to within
   :math:`10^{-40}(1 + |g|)`, an inequality with no tolerance in its favour).

No point found: :func:`unmet` says why, and the checker counts no step of the claim as
PROVED, CERTIFIED or SUPPORTED.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.engine.falsify import exact_point, nice_points, sample_param
from hallbound.proofs_checks.engine.premises import as_substitution

Relation = tuple[sp.Expr, str, sp.Expr]
#: Working precision of the check at a point.
DIGITS = 60
#: Random points drawn when z3 gives no model.
DRAWS = 400
#: Fixed seed: the same claim gets the same answer.
SEED = 20261206


def unmet(params: Sequence[Param], relations: Sequence[Relation]) -> str:
    """Empty when a point of the parameters' domains meets every relation, else why no
    verdict under them is counted (the relations may contradict each other)."""
    if not relations or met_at(params, relations) is not None:
        return ""
    shown = ", ".join(f"{sp.sstr(a)} {op} {sp.sstr(b)}" for a, op, b in relations)
    return (f"no point of the domains was found that meets the claim's stated relations "
            f"({shown}; z3 and {DRAWS} sampled points): if none exists every step would hold "
            f"vacuously, so none is counted")


def met_at(params: Sequence[Param], relations: Sequence[Relation]) -> dict[str, Any] | None:
    """A point (``{name: value}``) of the domains where every relation holds, or None."""
    point = _z3_point(params, relations)
    if point is not None and holds_at(params, relations, point):
        return point
    return _sampled_point(params, relations)


def holds_at(params: Sequence[Param], relations: Sequence[Relation],
             point: dict[str, Any]) -> bool:
    """Every relation holds at ``point`` (each value in its parameter's domain), at
    :data:`DIGITS` digits: an equality to within ``1e-40 (1 + |g|)``, a strict or non-strict
    inequality exactly as written at that precision."""
    values = {}
    for p in params:
        v = point.get(p.name)
        if v is None or not _inside(p, v):
            return False
        values[p.symbol] = v
    with mpmath.workdps(DIGITS):
        for lhs, op, rhs in relations:
            try:
                g = sp.N(sp.sympify(lhs - rhs).xreplace(values), DIGITS)
                if not g.is_number or g.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                    return False
                re_g, im_g = (mpmath.mpf(str(x)) for x in g.as_real_imag())
            except (TypeError, ValueError, ZeroDivisionError):
                return False
            if abs(im_g) > mpmath.mpf(10) ** -40:
                return False
            tol = mpmath.mpf(10) ** -40 * (1 + abs(re_g))
            ok = {"<=": re_g <= 0, "<": re_g < 0, ">=": re_g >= 0, ">": re_g > 0,
                  "=": abs(re_g) <= tol, "!=": abs(re_g) > tol}.get(op, False)
            if not ok:
                return False
    return True


def _inside(p: Param, v: Any) -> bool:
    if p.is_integer and (not isinstance(v, int | sp.Integer) and sp.Rational(v).q != 1):
        return False
    return p.contains(float(v))


def _z3_point(params: Sequence[Param], relations: Sequence[Relation]) -> dict | None:
    """z3's model of the relations it reads (polynomial ones), as exact values."""
    from hallbound.proofs_checks.engine.search import _z3_decide

    res = _z3_decide(sp.Integer(0), "=", sp.Integer(1), list(params),
                     hypotheses=list(relations))
    if res is None or res.status != "refuted" or not res.exact_model:
        return None
    by_symbol = {p.symbol: p for p in params}
    point = {}
    for sym, val in res.exact_model.items():
        if sym in by_symbol:
            point[by_symbol[sym].name] = sp.nsimplify(val) if isinstance(val, float) else val
    for p in params:
        point.setdefault(p.name, _some_value(p))
    return point


def _some_value(p: Param) -> sp.Rational:
    lo = None if p.lo is None else p.exact_lo
    hi = None if p.hi is None else p.exact_hi
    if lo is not None and hi is not None:
        return lo if not p.lo_open else (hi if not p.hi_open else (lo + hi) / 2)
    if lo is not None:
        return lo + 1 if p.lo_open else lo
    if hi is not None:
        return hi - 1 if p.hi_open else hi
    return sp.Integer(0)


def _sampled_point(params: Sequence[Param], relations: Sequence[Relation]) -> dict | None:
    """A sampled point where every relation holds: equalities solved for one variable each,
    the other variables drawn from their domains."""
    solved, free = _solved_equalities(params, relations)
    rng = np.random.default_rng(SEED)
    starts = nice_points(free) if free else [{}]
    draws = [{p.name: sample_param(p, rng) for p in free} for _ in range(DRAWS if free else 0)]
    for start in [*starts, *draws]:
        point = {k: sp.Rational(v) if isinstance(v, Fraction) else v
                 for k, v in exact_point(start).items()} if start else {}
        point = _with_solved(point, solved, params)
        if point is not None and holds_at(params, relations, point):
            return point
    return None


def _solved_equalities(
    params: Sequence[Param], relations: Sequence[Relation]
) -> tuple[list[tuple[Param, sp.Expr]], list[Param]]:
    """Each equality solved for one variable not solved yet (the solution written in the
    others), and the parameters left to draw."""
    by_symbol = {p.symbol: p for p in params}
    solved: list[tuple[Param, sp.Expr]] = []
    for lhs, op, rhs in relations:
        if op != "=":
            continue
        done = {p.symbol for p, _ in solved}
        for sym in sorted((lhs - rhs).free_symbols - done, key=sp.default_sort_key):
            if sym not in by_symbol:
                continue
            rel = (_subs(lhs, solved), "=", _subs(rhs, solved))
            found = as_substitution(rel, solve_for=sym, domain=list(params))
            if found is not None and sym in found[0] and not found[1]:
                solved.append((by_symbol[sym], found[0][sym]))
                break
    taken = {p.symbol for p, _ in solved}
    return solved, [p for p in params if p.symbol not in taken and p.kind != "spd"]


def _subs(e: sp.Expr, solved: list[tuple[Param, sp.Expr]]) -> sp.Expr:
    for p, v in solved:
        e = e.xreplace({p.symbol: v})
    return e


def _with_solved(point: dict[str, Any], solved: list[tuple[Param, sp.Expr]],
                 params: Sequence[Param]) -> dict | None:
    """The point with each solved variable's value (at :data:`DIGITS` digits; the last one
    solved is written in drawn variables only, so they are evaluated last first), or None
    where a solution is not a finite real number."""
    name_of = {p.symbol: p.name for p in params}
    out = dict(point)
    for p, expr in reversed(solved):
        try:
            values = {s: out[name_of[s]] for s in expr.free_symbols}
            v = sp.N(expr.xreplace(values), DIGITS)
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            return None
        if not v.is_real or not v.is_finite:
            return None
        out[p.name] = v
    return out
