r"""Concrete forms for the finite model (:mod:`hallbound.proofs_checks.mutation.models`):
events as indicators, sums and products written out, entries of sequences as symbols,
matrices explicit, an unknown density uniform, and small helpers."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.falsify import nice_values, sample_param
from hallbound.proofs_checks.library.randomness import (
    JointLaw,
    Pr,
    RandomSymbol,
    independent,
)
from hallbound.proofs_checks.mutation.operators import walk

#: Valid points kept per structural case (values of the sum limits).
POINTS = 40
#: At most this many draws per case to find them (with random variables: laws).
ATTEMPTS = 800
LAW_ATTEMPTS = 400
#: A case with no valid point after this many draws is given up.
HOPELESS = 200
#: A model decides nothing with fewer valid points than this.
MIN_VALID = 8
#: Values tried per integer in a sum limit: lo, lo + 1, ...
STRUCTURAL_VALUES = 3
#: At most this many structural cases per step.
MAX_CASES = 6
#: Re-raise errors while building a model (for debugging the harness).
DEBUG = False
#: Relative tolerance of a 50-digit comparison.
TOL = mpmath.mpf(10) ** -30
ORDER = ("<=", "<", ">=", ">", "=")

Relation = tuple[sp.Basic, str, sp.Basic]
SLACK = "slack of a premise"
_REL = {"<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt, "=": sp.Eq}


class Entry(sp.Symbol):
    """An entry ``x[1]`` of a sequence written out by the model (its default domain is
    ``[0, 1]``)."""


class RandomEntry(RandomSymbol):
    """An entry ``mu[1]`` of a sequence of random variables written out by the model."""


# ----- small helpers ---------------------------------------------------------------------
def _is_sym(x: Any) -> bool:
    return isinstance(x, sp.Basic) and not getattr(x, "is_Matrix", False)


def as_relation(obj: Any) -> Relation | None:
    """``(lhs, rel, rhs)`` of a SymPy relational or a triple of expressions; None otherwise."""
    if isinstance(obj, tuple) and len(obj) == 3 and _is_sym(obj[0]) and _is_sym(obj[2]):
        rel = "=" if str(obj[1]) == "==" else str(obj[1])
        return sp.sympify(obj[0]), rel, sp.sympify(obj[2])
    ops = {sp.Eq: "=", sp.Le: "<=", sp.Lt: "<", sp.Ge: ">=", sp.Gt: ">"}
    for cls, rel in ops.items():
        if isinstance(obj, cls):
            return obj.lhs, rel, obj.rhs
    return None


def self_contained(step: Step) -> bool:
    """No ``given``, premise, lemma or cited step: the step's truth is its relation on the
    parameters' domains (a point where the original fails shows the step false as stated)."""
    return not (
        dict(getattr(step, "given", {}) or {})
        or tuple(getattr(step, "premises", ()) or ())
        or tuple(getattr(step, "lemmas", ()) or ())
        or tuple(getattr(step, "cites", ()) or ())
    )


def to_mp(v: Any) -> Any:
    """A number at the current mpmath precision (ints and Fractions exactly)."""
    if isinstance(v, Fraction):
        return mpmath.mpf(v.numerator) / v.denominator
    if isinstance(v, int | np.integer):
        return mpmath.mpf(int(v))
    if isinstance(v, sp.Rational):
        return mpmath.mpf(int(v.p)) / int(v.q)
    return mpmath.mpmathify(v)


def _bad(x: Any) -> bool:
    try:
        if isinstance(x, Fraction | int):
            return False
        return bool(mpmath.im(x) != 0 or mpmath.isnan(mpmath.re(x)) or mpmath.isinf(x))
    except (TypeError, ValueError):
        return True


def fails(lhs: Any, rel: str, rhs: Any) -> bool:
    """``lhs REL rhs`` is false: exactly for two rationals; at 50 digits otherwise, where a
    difference within :data:`TOL` (relative) counts as equality (so it fails ``<``, ``>``)."""
    if isinstance(lhs, Fraction | int) and isinstance(rhs, Fraction | int):
        return not {"<=": lhs <= rhs, "<": lhs < rhs, ">=": lhs >= rhs, ">": lhs > rhs,
                    "=": lhs == rhs}[rel]
    with mpmath.workdps(50):
        l, r = mpmath.re(to_mp(lhs)), mpmath.re(to_mp(rhs))
        tol = TOL * (1 + abs(l) + abs(r))
        d = l - r
        return bool({"<=": d > tol, "<": d > -tol, ">=": d < -tol, ">": d < tol,
                     "=": abs(d) > tol}[rel])


# ----- concrete forms --------------------------------------------------------------------
def _any_of_class() -> type | None:
    try:
        from hallbound.proofs_checks.library.lemma_library import AnyOf
    except ImportError:  # pragma: no cover - the library always has it
        return None
    return AnyOf


def _limits(expr: sp.Basic) -> list[tuple[sp.Basic, sp.Basic, sp.Basic]]:
    """Every ``(var, lo, hi)`` of the sums, products and unions in ``expr``."""
    any_of = _any_of_class()
    out = []
    for node in walk(expr):
        if isinstance(node, sp.Sum | sp.Product) or (any_of and isinstance(node, any_of)):
            out.extend(tuple(lim) for lim in node.limits)
    return out


def as_event(e: sp.Basic) -> sp.Basic:
    r"""An entry :math:`A_k` of a sequence of events as :math:`\{I_k > 0\}` (see
    :func:`_events`); anything else unchanged."""
    if isinstance(e, sp.Indexed) and not isinstance(e.base.label, RandomSymbol):
        label = RandomSymbol(str(e.base.label), integer=True, nonnegative=True)
        return sp.Gt(sp.IndexedBase(label)[e.indices], 0)
    return e


def _events(expr: sp.Basic) -> sp.Basic:
    r"""An abstract event :math:`A_k` (an entry of a sequence of events, inside ``Pr`` or a
    union) as :math:`\{I_k > 0\}` for a random integer :math:`I_k \ge 0`: any event is one."""
    any_of = _any_of_class()

    def fix(node: sp.Basic) -> sp.Basic:
        return node.func(as_event(node.args[0]), *node.args[1:])

    kinds = (Pr, any_of) if any_of is not None else (Pr,)
    return expr.replace(lambda e: isinstance(e, kinds), fix)


def _matrices(expr: sp.Basic) -> sp.Basic:
    """Matrix symbols with integer shapes as explicit matrices of entries: a square one
    diagonal with positive entries (a covariance; a special case of any square matrix), a
    vector or other shape with one entry per position; 1x1 results as scalars."""
    table = {}
    for m in expr.atoms(sp.MatrixSymbol):
        r, c = m.shape
        if not (getattr(r, "is_Integer", False) and getattr(c, "is_Integer", False)):
            continue
        r, c = int(r), int(c)
        if r == c:
            table[m] = sp.diag(*[Entry(f"{m.name}[{i},{i}]", positive=True)
                                 for i in range(1, r + 1)])
        else:
            table[m] = sp.Matrix(r, c, [Entry(f"{m.name}[{i},{j}]", real=True)
                                        for i in range(1, r + 1) for j in range(1, c + 1)])
    if not table:
        return expr
    out = expr.xreplace(table).doit()
    if getattr(out, "is_Matrix", False) and out.shape == (1, 1):
        out = out[0, 0]
    return out


def _write_out(expr: sp.Basic) -> sp.Basic:
    """Unions, sums, products, derivatives, ``Subs`` and matrices with concrete limits and
    shapes written out."""
    any_of = _any_of_class()
    expr = _events(expr)
    if any_of is not None and expr.has(any_of):

        def union(e: Any) -> sp.Basic:
            v, lo, hi = e.limits[0]
            if not (lo.is_Integer and hi.is_Integer):
                return e
            return sp.Or(*[e.function.xreplace({v: sp.Integer(j)})
                           for j in range(int(lo), int(hi) + 1)])

        expr = expr.replace(lambda e: isinstance(e, any_of), union)
    if expr.has(sp.Sum, sp.Product, sp.Derivative, sp.Subs, sp.Integral):
        try:
            expr = expr.doit()
        except Exception:  # noqa: BLE001 - SymPy cannot write it out: stays opaque
            return expr
    if expr.atoms(sp.MatrixSymbol):
        expr = _matrices(expr)
    return expr


def _entry_symbol(e: sp.Indexed) -> sp.Basic:
    """``x[1]`` as a symbol named ``x[1]`` (a random variable when ``x`` is one)."""
    name = f"{e.base.label}[{','.join(str(i) for i in e.indices)}]"
    if isinstance(e.base.label, RandomSymbol):
        return RandomEntry(name, **e.base.label.assumptions0)
    return Entry(name, real=True)


def _entries(expr: sp.Basic) -> sp.Basic:
    """Entries with integer indices replaced by symbols (:func:`_entry_symbol`)."""
    table = {e: _entry_symbol(e) for e in expr.atoms(sp.Indexed)
             if all(getattr(i, "is_Integer", False) for i in e.indices)}
    return expr.xreplace(table) if table else expr


def _density(expr: sp.Basic, left: sp.Symbol, width: sp.Symbol) -> sp.Basic:
    r""":math:`\int_{\mathbb R} g(a) f(a)\,da` for an unknown density :math:`f` as
    :math:`\frac1w \int_l^{l+w} g(a)\,da` (``f`` uniform on :math:`[l, l+w]`)."""

    def uniform(e: sp.Integral) -> sp.Basic:
        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            return e
        a, lo, hi = e.limits[0]
        fs = [f for f in e.function.atoms(sp.core.function.AppliedUndef) if f.args == (a,)]
        if lo != -sp.oo or hi != sp.oo or len({f.func for f in fs}) != 1:
            return e
        body = e.function.xreplace({fs[0]: 1 / width})
        return sp.Integral(body, (a, left, left + width))

    return expr.replace(lambda e: isinstance(e, sp.Integral), uniform)


def _opaque(expr: sp.Basic) -> list[str]:
    """What no number can be given to (unknown functions, sums left symbolic, ...)."""
    bad = []
    for node in walk(expr):
        if isinstance(node, sp.Sum | sp.Product | sp.Integral | sp.Derivative | sp.Subs
                      | sp.Indexed | sp.core.function.AppliedUndef):
            bad.append(sp.sstr(node)[:60])
        elif isinstance(node, sp.MatrixExpr) or getattr(node, "is_Matrix", False):
            bad.append(sp.sstr(node)[:60])
    return bad


def _linear_solve(g: sp.Basic, x: sp.Basic) -> sp.Basic | None:
    """The root of ``g`` in ``x`` where ``g`` is linear in ``x`` (None otherwise)."""
    d = sp.Dummy("x")
    h = g.xreplace({x: d})
    if not h.has(d):
        return None
    try:
        slope = sp.expand(sp.diff(h, d))
        if slope == 0 or slope.has(d):
            return None
        sol = sp.together(-h.xreplace({d: sp.Integer(0)}) / slope)
    except Exception:  # noqa: BLE001 - SymPy cannot differentiate it: no root
        return None
    return None if sol.has(sp.nan, sp.zoo, sp.I) else sol


# ----- what the step is stated under ------------------------------------------------------
@dataclass
class Stated:
    """The equalities (``target`` may be None), inequalities (with their ``solve_for``) and
    pointwise implications a step is stated under."""

    equalities: list[tuple[sp.Basic | None, sp.Basic, sp.Basic]] = field(default_factory=list)
    inequalities: list[tuple[Relation, sp.Basic | None]] = field(default_factory=list)
    implications: list[tuple[sp.Basic, sp.Basic]] = field(default_factory=list)

    def add(self, obj: Any, solve_for: sp.Basic | None = None) -> None:
        rel = as_relation(obj)
        if rel is None:
            return
        lhs, op, rhs = rel
        if op == "=":
            self.equalities.append((solve_for, lhs, rhs))
        elif op in ORDER:
            self.inequalities.append(((lhs, op, rhs), solve_for))


def stated(claim: Claim, step: Step) -> Stated:
    """Everything ``step`` (the original) is stated under (see the module doc)."""
    out = Stated()
    for k, v in dict(getattr(step, "given", {}) or {}).items():
        out.equalities.append((k, sp.sympify(k), sp.sympify(v)))
    for a in getattr(claim, "assumptions", ()) or ():
        if isinstance(a, tuple) and len(a) == 3 and a[0] == "implies":
            out.implications.append((sp.sympify(a[1]), sp.sympify(a[2])))
        else:
            out.add(a)
    for p in getattr(step, "premises", ()) or ():
        if hasattr(p, "relation"):
            out.add(p.relation, getattr(p, "solve_for", None))
    for inst in getattr(step, "lemmas", ()) or ():
        for h in getattr(inst, "hypotheses", ()):
            if getattr(h, "over", ()) or not isinstance(getattr(h, "scope", None), str):
                continue
            if h.rel == "implies":
                out.implications.append((h.lhs, h.rhs))
            elif h.rel in ORDER:
                out.add((h.lhs, h.rel, h.rhs))
    return out


# ----- drawing points --------------------------------------------------------------------
def _draw(p: Param, rng: np.random.Generator) -> Any:
    """A value of ``p``'s domain: half of the time on the grid of quarters (exact ties with
    law atoms), else :func:`~hallbound.proofs_checks.engine.falsify.sample_param`; a domain open
    to the right is drawn near its left end (exponential, mean 1/2) a quarter of the time
    first. A slack is 0
    (its premise tight) a quarter of the time, small (exponential, mean 1/4) half of the
    time, else uniform on ``[0, 3]``."""
    if p.description == SLACK:
        u = rng.random()
        if u < 0.25:
            return Fraction(1, 64) if p.lo_open else Fraction(0)
        if u < 0.75:
            return Fraction(float(rng.exponential(0.25))) + (Fraction(1, 64) if p.lo_open else 0)
        return Fraction(float(rng.uniform(0, 3)))
    if p.is_integer:
        return int(sample_param(p, rng))
    if p.hi is None and p.lo is not None and rng.random() < 0.25:  # near an open-ended
        v = Fraction(float(p.lo)) + Fraction(float(rng.exponential(0.5)))  # domain's end
        if p.contains(float(v)):
            return v
    lo, hi = p.search if p.search else (p.lo, p.hi)
    lo = -4.0 if lo is None else float(lo)
    hi = 4.0 if hi is None else float(hi)
    if rng.random() < 0.5 and hi - lo >= 0.25:
        k = int(rng.integers(int(np.ceil(lo * 4)), int(np.floor(hi * 4)) + 1))
        v = Fraction(k, 4)
        if p.contains(float(v)):
            return v
    return Fraction(float(sample_param(p, rng)))


def _nice(params: Sequence[Param], limit: int) -> list[dict[sp.Basic, Any]]:
    values = []
    for p in params:
        vs = nice_values(p)
        if not vs:
            return []
        values.append([int(v) if p.is_integer else Fraction(v) for v in vs[:3]])
    out = []
    for combo in itertools.product(*values):
        out.append({p.symbol: v for p, v in zip(params, combo, strict=True)})
        if len(out) >= limit:
            break
    return out


def _law(randoms: Sequence[RandomSymbol], rng: np.random.Generator) -> JointLaw:
    """Independent exact laws: 2-3 atoms each on the grid of halves, in ``[0, 3]``,
    ``[-3, 3]`` or ``[-3, 0]`` (a third of the time each); weights 1..9. A variable's SymPy
    assumptions are kept (``nonnegative``: atoms >= 0, ``positive``: > 0, ``integer``:
    integer atoms)."""
    size = 2 if len(randoms) > 3 else int(rng.integers(2, 4))
    singles = []
    for s in randoms:
        denom = 1 if s.is_integer else 2
        lo, hi = [(0, 3), (-3, 3), (-3, 0)][int(rng.integers(0, 3))]
        lo, hi = (0, 3) if s.is_nonnegative and lo < 0 else (lo, hi)
        lo, hi = (1, 3) if s.is_positive and lo < 1 else (lo, hi)
        atoms = sorted({Fraction(int(rng.integers(lo * denom, hi * denom + 1)), denom)
                        for _ in range(size)})
        w = [int(x) for x in rng.integers(1, 10, size=len(atoms))]
        singles.append(JointLaw.single(s, atoms, [Fraction(x, sum(w)) for x in w]))
    return independent(*singles)


def _inside(p: Param, v: Any) -> bool:
    if isinstance(v, Fraction | int):
        x = Fraction(v)
        if p.lo is not None and (x < Fraction(p.lo) or (p.lo_open and x == Fraction(p.lo))):
            return False
        if p.hi is not None and (x > Fraction(p.hi) or (p.hi_open and x == Fraction(p.hi))):
            return False
        return not (p.is_integer and x.denominator != 1)
    with mpmath.workdps(50):
        x = mpmath.re(to_mp(v))
        tol = TOL * (1 + abs(x))
        if p.lo is not None and (x < p.lo - tol or (p.lo_open and x <= p.lo)):
            return False
        if p.hi is not None and (x > p.hi + tol or (p.hi_open and x >= p.hi)):
            return False
        return not (p.is_integer and abs(x - mpmath.nint(x)) > tol)
