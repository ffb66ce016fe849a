r"""Small written-out instances of a step with a symbolic length.

A step such as :math:`\sum_{i=1}^{n} (x_i t - y_i)^2 = A t^2 - 2Bt + C` ranges over an integer
length :math:`n` and over sequences :math:`x, y` (``IndexedBase``) that no parameter draws: the
ordinary search cannot evaluate it. Here the lengths are fixed at their smallest values
(:math:`n = n_0, n_0 + 1, n_0 + 2` within the domain, at most :data:`MAX_INSTANCES` cases),
every sum is written out, and each entry :math:`x_i` becomes a scalar parameter on the domain
its ``IndexedBase`` states (``positive``: :math:`(0, \infty)`, ``nonnegative``:
:math:`[0, \infty)`, and so on). Such an instance is a point of the step's domain, so a
counterexample there is a counterexample to the step.

No false alarm: every relation the step is stated under must hold at a witness, exactly:

* the claim's stated assumptions, the step's ``given`` pairs, its structured premises and
  the facts premise elimination could not substitute, each written out the same way;
* an equality among entries (:math:`\sum_i p_i = 1`) is solved for one entry, whose value must
  then lie in its own domain; the other relations are checked at each draw and again with
  exact rational arithmetic at the witness;
* a relation that cannot be written out (``Pr``, ``E``, an unknown function, a symbol nothing
  draws), a premise given only as text, or a sum left symbolic ends the search: no instance.

The witness is re-verified as every witness is
(:func:`~hallbound.proofs_checks.engine.falsify.falsify`: 50 digits, then 150 and 400) and
reported with the lengths and the entries (derived entries included).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step, structured, texts
from hallbound.proofs_checks.engine.falsify import (
    Falsification,
    _stable,
    falsify,
    mp_point,
    violated_exact,
)
from hallbound.proofs_checks.engine.sum_ranges import improper_ranges

#: At most this many combinations of small lengths are searched.
MAX_INSTANCES = 6
#: Values tried per length parameter (its smallest values in its domain).
LENGTHS_PER_PARAM = 3
#: At most this many entries in one written-out instance.
MAX_ENTRIES = 24
#: Sampling range of an entry whose domain is unbounded.
ENTRY_SEARCH = 4.0

Relation = tuple[sp.Expr, str, sp.Expr]


class NoInstance(Exception):
    """The step cannot be written out soundly (the reason is the message)."""


@dataclass
class Instance:
    """One written-out instance: the lengths, the sides, the entries' parameters, the
    entries solved from stated equalities, and the relations a witness must satisfy."""

    lengths: dict[str, int]
    lhs: sp.Expr
    rhs: sp.Expr
    params: list[Param]
    solved: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    domains: dict[sp.Symbol, Param] = field(default_factory=dict)
    constraints: list[Relation] = field(default_factory=list)


@dataclass
class InstanceResult:
    """A witness on a written-out instance (``found``) with its lengths, or the number of
    points searched without one and the reason no instance was searched (``why``)."""

    found: Falsification | None
    lengths: dict[str, int] = field(default_factory=dict)
    trials: int = 0
    why: str = ""


def has_symbolic_length(exprs: Iterable[Any]) -> bool:
    """A sum or product with a symbolic limit, or an indexed entry, occurs in ``exprs``."""
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        if e.atoms(sp.Indexed):
            return True
        for s in e.atoms(sp.Sum, sp.Product):
            if any(not sp.sympify(b).is_number for _, *ends in s.limits for b in ends):
                return True
    return False


def search_instances(
    claim: Claim,
    step: Step,
    lhs: sp.Basic,
    rhs: sp.Basic,
    params: Sequence[Param],
    rng: np.random.Generator,
    trials: int = 60,
    subs: Mapping[sp.Basic, sp.Basic] | None = None,
) -> InstanceResult:
    """Search the written-out instances of ``lhs REL rhs`` (the step's sides after its
    substitution ``subs``; ``params`` every parameter the step may use) for a
    counterexample."""
    known = {p.symbol: p for p in params if p.kind != "spd"}
    try:
        lengths = _lengths(known, [lhs, rhs])
        items = _constraints(claim, step, dict(subs or {}), known)
        constraints = relevant(items, lhs.free_symbols | rhs.free_symbols, lengths)
        exprs = [lhs, rhs, *(x for c in constraints for x in (c[0], c[2]))]
        cases = _length_cases(known, exprs)
    except NoInstance as err:
        return InstanceResult(None, why=str(err))
    total, why = 0, ""
    for case in cases:
        try:
            inst = write_out(lhs, rhs, constraints, known, case)
        except NoInstance as err:
            why = why or str(err)
            continue
        found = _search(inst, step.rel, rng, trials)
        total += found.trials
        if found.witness is not None:
            return InstanceResult(found, dict(inst.lengths), total)
    return InstanceResult(None, trials=total, why=why)


def relevant(
    items: Sequence[tuple[Relation | None, set]], symbols: set, lengths: set
) -> list[Relation]:
    """The stated relations that constrain ``symbols``: those sharing a symbol other than a
    length with them, transitively, and those over the lengths alone. A constraining item
    with no numeric form (``None``) ends the search."""
    linked = set(symbols) - lengths
    chosen: set[int] = set()
    changed = True
    while changed:
        changed = False
        for k, (_, free) in enumerate(items):
            if k not in chosen and ((free - lengths) & linked or free <= lengths):
                chosen.add(k)
                linked |= free - lengths
                changed = True
    out = []
    for k in sorted(chosen):
        rel, free = items[k]
        if rel is None:
            names = sorted(map(str, free))
            raise NoInstance(f"a stated relation with no numeric form over {names}")
        out.append(rel)
    return out


def _lengths(known: dict[sp.Basic, Param], exprs: Sequence[Any]) -> set:
    """The parameters used as a limit of a sum/product or as an index."""
    used: set[sp.Basic] = set()
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        for s in e.atoms(sp.Sum, sp.Product):
            for _, *ends in s.limits:
                used |= set().union(*(sp.sympify(b).free_symbols for b in ends))
        for ix in e.atoms(sp.Indexed):
            used |= set().union(*(sp.sympify(i).free_symbols for i in ix.indices))
    return {s for s in used if s in known}


def _length_cases(known: dict[sp.Basic, Param], exprs: Sequence[Any]) -> list[dict]:
    """The combinations of small values of the length parameters (``{symbol: value}``),
    smallest total first, at most :data:`MAX_INSTANCES`."""
    lengths = [known[s] for s in sorted(_lengths(known, exprs), key=sp.default_sort_key)]
    if any(not p.is_integer for p in lengths):
        raise NoInstance("a sum limit that is not an integer parameter")
    values = [_small_values(p) for p in lengths]
    if any(not v for v in values):
        raise NoInstance("a length parameter with no small value in its domain")
    combos = [dict(zip([p.symbol for p in lengths], c, strict=True))
              for c in itertools.product(*values)]
    combos.sort(key=lambda d: (sum(d.values()), sorted(d.items(), key=str)))
    return combos[:MAX_INSTANCES]


def _small_values(p: Param) -> list[int]:
    start = int(np.ceil(p.lo)) if p.lo is not None else 1
    if p.lo is not None and p.lo_open and start == p.lo:
        start += 1
    return [v for v in range(start, start + LENGTHS_PER_PARAM) if p.contains(v)]


def _constraints(
    claim: Claim, step: Step, subs: dict, known: Mapping[sp.Basic, Param]
) -> list[tuple[Relation | None, set]]:
    """Every relation the step is stated under, each with its free symbols (``None`` for
    one with no numeric form: an implication, an independence declaration, ``Pr``/``E``, an
    unknown function). The claim's definitions and the step's eliminations of symbols
    (``x = 3 - s0`` for the premise ``x <= 3``) are substituted, and each eliminated
    parameter's value must lie in its domain."""
    if texts(step) and not step.given:
        raise NoInstance("a premise given as text only")
    items: list[Any] = [*claim.assumptions, *((k, "=", v) for k, v in dict(step.given).items())]
    items += [p.relation for p in structured(step)]
    defs = {**dict(claim.definitions),
            **{k: v for k, v in subs.items() if isinstance(k, sp.Symbol)}}
    for key, value in defs.items():
        if key in known and key not in claim.definitions:
            items += _domain_relations(known[key], sp.sympify(value))
    out: list[tuple[Relation | None, set]] = []
    for a in items:
        rel = _relation(a)
        free = _free(a, defs)
        if rel is None or _opaque(rel):
            out.append((None, free))
            continue
        lhs, op, rhs = rel
        out.append(((_defined(lhs, defs), op, _defined(rhs, defs)), free))
    return out


def _domain_relations(p: Param, value: sp.Basic) -> list[Relation]:
    """``value`` in the domain of ``p`` as relations (an integer domain: no instance)."""
    if p.kind != "real":
        raise NoInstance(f"{p.name} is eliminated but not real")
    out = []
    if p.lo is not None:
        out.append((value, ">" if p.lo_open else ">=", p.exact_lo))
    if p.hi is not None:
        out.append((value, "<" if p.hi_open else "<=", p.exact_hi))
    return out


def _free(a: Any, defs: dict) -> set:
    """The free symbols of every SymPy part of an assumption (definitions substituted)."""
    if isinstance(a, sp.Basic):
        return set(_defined(a, defs).free_symbols)
    if isinstance(a, tuple | list):
        return set().union(set(), *(_free(x, defs) for x in a))
    declared = getattr(a, "vars", None)
    return _free(tuple(declared), defs) if declared is not None else set()


def _opaque(rel: Relation) -> bool:
    for e in (rel[0], rel[2]):
        if any(isinstance(f, sp.core.function.AppliedUndef)
               or (type(f).__module__ or "").startswith("hallbound")
               for f in e.atoms(sp.Function)):
            return True
        if e.has(sp.Integral, sp.Derivative, sp.Subs):
            return True
    return False


def _relation(a: Any) -> Relation | None:
    if isinstance(a, sp.core.relational.Relational):
        a = (a.lhs, "=" if isinstance(a, sp.Equality) else a.rel_op, a.rhs)
    if not (isinstance(a, tuple) and len(a) == 3 and a[1] in ("<=", "<", ">=", ">", "=")):
        return None
    if not all(isinstance(x, sp.Basic | int | float | Fraction) for x in (a[0], a[2])):
        return None
    return sp.sympify(a[0]), a[1], sp.sympify(a[2])


def _defined(e: sp.Basic, defs: dict) -> sp.Basic:
    for _ in range(4):
        new = e.xreplace(defs)
        if new == e:
            return e
        e = new
    return e


def write_out(
    lhs: sp.Basic,
    rhs: sp.Basic,
    constraints: Sequence[Relation],
    known: dict[sp.Basic, Param],
    lengths: dict[sp.Basic, int],
) -> Instance:
    """The instance at ``lengths``: sums written out, entries as scalar parameters, stated
    equalities solved for an entry, the other relations kept for the search to enforce."""
    entries: dict[sp.Indexed, sp.Symbol] = {}
    domains: dict[sp.Symbol, Param] = {}
    for ix in set().union(*(e.atoms(sp.Indexed) for e in (lhs, rhs) if isinstance(e, sp.Basic))):
        if ix.base in known or ix.base.label in known:
            raise NoInstance(f"a sequence declared by a parameter: {ix.base}")
    l2 = _expand(lhs, lengths, entries, domains)
    r2 = _expand(rhs, lengths, entries, domains)
    cons = [(_expand(a, lengths, entries, domains), op, _expand(b, lengths, entries, domains))
            for a, op, b in constraints]
    if len(entries) > MAX_ENTRIES:
        raise NoInstance(f"{len(entries)} entries")
    drawn = set(domains) | {s for s in known if s not in lengths}
    for a, _, b in cons:
        _numeric_only(a, b, drawn)
    solved = _solve_equalities(cons, domains)
    cons = [(a.xreplace(solved), op, b.xreplace(solved)) for a, op, b in cons]
    cons = [c for c in cons if _open(c)]
    l2, r2 = l2.xreplace(solved), r2.xreplace(solved)
    _numeric_only(l2, r2, drawn)
    used = set().union(l2.free_symbols, r2.free_symbols,
                       *(a.free_symbols | b.free_symbols for a, _, b in cons),
                       *(v.free_symbols for v in solved.values()))
    params = [domains[s] for s in domains if s in used and s not in solved]
    params += sorted((p for s, p in known.items() if s in used and s not in domains),
                     key=lambda p: p.name)
    return Instance({str(k): v for k, v in lengths.items()}, l2, r2, params, solved,
                    domains, cons)


def _open(c: Relation) -> bool:
    """False for a relation that holds identically after the substitution (``1 = 1``)."""
    a, op, b = c
    g = sp.simplify(a - b)
    if g.is_number:
        ok = {"=": g == 0, "<=": g <= 0, "<": g < 0, ">=": g >= 0, ">": g > 0}[op]
        if ok is sp.false or ok is False:
            raise NoInstance("a stated relation fails identically on this instance")
        return False
    return True


#: Above this many terms a sum with numeric limits is left to SymPy's ``doit``.
WRITE_OUT_CAP = 1000


def written_out(e: Any) -> Any:
    r"""Sums and products with integer limits written out term by term, with the usual
    convention for an empty range: :math:`\sum_{i=a}^{b} f = 0` and
    :math:`\prod_{i=a}^{b} f = 1` when :math:`b < a`. (SymPy's ``doit`` follows Karr's
    convention instead, :math:`\sum_{i=1}^{-1} f(i) = -f(0)`, which would make a true
    statement about an empty sum false.) Sums with other limits get ``doit`` when their range
    is proper for every allowed value
    (:func:`~hallbound.proofs_checks.engine.sum_ranges.improper_ranges`), else stay sums."""
    if not isinstance(e, sp.Basic) or not e.args:
        return e
    if isinstance(e, sp.Sum | sp.Product):
        *inner, (i, lo, hi) = e.limits  # the last range is the outermost
        body = type(e)(e.function, *inner) if inner else e.function
        lo, hi = written_out(lo), written_out(hi)
        empty = sp.Integer(0) if isinstance(e, sp.Sum) else sp.Integer(1)
        if lo.is_Integer and hi.is_Integer and int(hi) - int(lo) < WRITE_OUT_CAP:
            terms = [written_out(body.xreplace({i: sp.Integer(k)}))
                     for k in range(int(lo), int(hi) + 1)]
            if not terms:
                return empty
            return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)
        if improper_ranges(e):  # Karr's value would stand for the empty one: left as it is
            return e
        return e.doit()
    return e.func(*[written_out(a) for a in e.args])


def _expand(e: sp.Basic, lengths: dict, entries: dict, domains: dict) -> sp.Expr:
    """Lengths substituted, sums and products written out, entries made scalar symbols."""
    e = sp.sympify(e).xreplace({k: sp.Integer(v) for k, v in lengths.items()})
    e = written_out(e)
    if e.atoms(sp.Sum, sp.Product):
        raise NoInstance("a sum that does not write out")
    for ix in sorted(e.atoms(sp.Indexed), key=sp.default_sort_key):
        if not all(sp.sympify(i).is_Integer for i in ix.indices):
            raise NoInstance(f"an entry with a free index: {ix}")
        if ix not in entries:
            entries[ix] = _entry(ix, domains)
    return e.xreplace(entries)


def _entry(ix: sp.Indexed, domains: dict) -> sp.Symbol:
    """A scalar symbol for the entry ``ix`` and its domain from the base's assumptions
    (``real=True`` at least: entries of a sequence with no stated domain, random entries
    and integer entries are not drawn)."""
    name = f"{ix.base}[{','.join(str(i) for i in ix.indices)}]"
    label = ix.base.label
    if getattr(label, "is_random_variable", False) or type(label).__name__ == "RandomSymbol":
        raise NoInstance(f"a random sequence: {ix.base}")
    if ix.is_real is not True:
        raise NoInstance(f"a sequence with no stated real domain: {ix.base}")
    sym = sp.Dummy(name, real=True)
    lo = hi = None
    lo_open = hi_open = False
    if ix.is_positive:
        lo, lo_open = 0.0, True
    elif ix.is_nonnegative:
        lo = 0.0
    if ix.is_negative:
        hi, hi_open = 0.0, True
    elif ix.is_nonpositive:
        hi = 0.0
    if ix.is_integer:
        raise NoInstance(f"an integer entry: {ix}")
    search = (lo if lo is not None else -ENTRY_SEARCH, hi if hi is not None else ENTRY_SEARCH)
    domains[sym] = Param(name, sym, lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open,
                         search=search)
    return sym


def _numeric_only(a: sp.Basic, b: sp.Basic, drawn: set) -> None:
    """Refuse an expression with a symbol nothing draws, or with no numeric form."""
    for e in (a, b):
        if not isinstance(e, sp.Expr):
            raise NoInstance(f"not an expression: {e}")
        if e.free_symbols - drawn:
            raise NoInstance(f"undrawn symbols {sorted(map(str, e.free_symbols - drawn))}")
        opaque = [f for f in e.atoms(sp.Function)
                  if isinstance(f, sp.core.function.AppliedUndef)
                  or (type(f).__module__ or "").startswith("hallbound")]
        if opaque or e.has(sp.Integral, sp.Derivative, sp.Subs):
            raise NoInstance("no numeric form")


def _solve_equalities(cons: list[Relation], domains: dict) -> dict[sp.Symbol, sp.Expr]:
    """Each stated equality over entries solved for one entry it is linear in (the last
    such entry): the instance's points then satisfy it exactly."""
    solved: dict[sp.Symbol, sp.Expr] = {}
    for a, op, b in cons:
        if op != "=":
            continue
        g = sp.expand((a - b).xreplace(solved))
        if g == 0:
            continue
        for s in sorted(g.free_symbols & set(domains), key=lambda s: s.name, reverse=True):
            if s in solved or not g.is_polynomial(s) or sp.degree(g, s) != 1:
                continue
            value = sp.solve(g, s)[0]
            solved = {k: v.xreplace({s: value}) for k, v in solved.items()}
            solved[s] = value
            break
        else:
            raise NoInstance(f"an equality not solvable for an entry: {a} = {b}")
    return solved


def _search(inst: Instance, rel: str, rng: np.random.Generator, trials: int) -> Falsification:
    syms = [p.symbol for p in inst.params]
    fl = sp.lambdify(syms, inst.lhs, modules="mpmath")
    fr = sp.lambdify(syms, inst.rhs, modules="mpmath")
    checks = _checks(inst, syms)

    def evaluate(point: dict[str, Any]) -> tuple[Any, Any]:
        args = [point[p.name] for p in inst.params]
        return mpmath.mpmathify(fl(*args)), mpmath.mpmathify(fr(*args))

    def valid(point: dict[str, Any]) -> bool:
        args = [mpmath.mpmathify(point[p.name]) for p in inst.params]
        with mpmath.workdps(50):
            return all(check(args) for check in checks)

    found = falsify(inst.params, evaluate, rel, rng, trials=trials, hypothesis_examples=20,
                    local_starts=2, valid=valid if checks else None,
                    exact_equal=_exact_equal(inst) if rel in ("<", ">") else None)
    if found.witness is not None:
        if not exact_holds(inst, found.witness):
            return Falsification(None, None, None, found.trials)
        found = _rounded(inst, rel, evaluate, found)
        found.witness = {**inst.lengths, **witness_entries(inst, found.witness)}
    return found


#: Grids (``2^-bits``) a witness is moved to when it stays one there: its entries, and the
#: entries solved from them, are then short binary fractions that print exactly.
ROUNDING_BITS = (8, 16, 24)


def _rounded(inst: Instance, rel: str, evaluate: Callable, found: Falsification) -> Falsification:
    """The witness on the coarsest grid of :data:`ROUNDING_BITS` where it is still one
    (every stated relation exact, the violation at 50 digits and stable at 150 and 400),
    else unchanged."""
    for bits in ROUNDING_BITS:
        point = {k: (Fraction(round(v * 2**bits), 2**bits) if isinstance(v, Fraction) else v)
                 for k, v in found.witness.items()}
        if any(not p.contains(point[p.name]) for p in inst.params if p.kind == "real"):
            continue
        if not exact_holds(inst, point):
            continue
        with mpmath.workdps(50):
            try:
                lhs, rhs = evaluate(mp_point(point))
            except (ZeroDivisionError, ValueError, OverflowError, TypeError):
                continue
            if violated_exact(lhs, rhs, rel) and _stable(evaluate, point, lhs, rhs, rel):
                return Falsification(point, lhs, rhs, found.trials)
    return found


def _checks(inst: Instance, syms: list[sp.Symbol]) -> list[Callable[[list], bool]]:
    """Numeric membership tests (50 digits): each solved entry in its domain, each kept
    relation holding (a tolerance of 1e-30 in its favour; the witness is re-checked
    exactly by :func:`exact_holds`)."""
    out: list[Callable[[list], bool]] = []
    for s, v in inst.solved.items():
        f = sp.lambdify(syms, v, modules="mpmath")
        p = inst.domains[s]
        out.append(lambda args, f=f, p=p: _inside(p, f(*args)))
    for a, op, b in inst.constraints:
        f = sp.lambdify(syms, a - b, modules="mpmath")
        out.append(lambda args, f=f, op=op: _holds(f(*args), op))
    return out


def _inside(p: Param, v: Any) -> bool:
    v = mpmath.mpmathify(v)
    if mpmath.im(v) != 0 or not mpmath.isfinite(mpmath.re(v)):
        return False
    return p.contains(mpmath.re(v))


def _holds(g: Any, op: str) -> bool:
    g = mpmath.mpmathify(g)
    if mpmath.im(g) != 0 or not mpmath.isfinite(mpmath.re(g)):
        return False  # undefined there (log 0, 1/0): the relation is not met
    g, tol = mpmath.re(g), mpmath.mpf(10) ** -30 * (1 + abs(mpmath.re(g)))
    return {"<=": g <= tol, "<": g < tol, ">=": g >= -tol, ">": g > -tol,
            "=": abs(g) <= tol}[op]


def _rationals(inst: Instance, point: dict[str, Any]) -> dict[sp.Symbol, sp.Basic]:
    out = {}
    for p in inst.params:
        v = point[p.name]
        if isinstance(v, Fraction):
            out[p.symbol] = sp.Rational(v.numerator, v.denominator)
        elif isinstance(v, int):
            out[p.symbol] = sp.Integer(v)
        else:
            raise TypeError(f"no exact value for {p.name}")
    return out


def exact_holds(inst: Instance, point: dict[str, Any]) -> bool:
    """Exact arithmetic at the rational ``point``: each solved entry in its domain and each
    kept relation true (False when SymPy cannot decide one: no witness)."""
    try:
        vals = _rationals(inst, point)
    except TypeError:
        return False
    for s, v in inst.solved.items():
        x = sp.nsimplify(v.xreplace(vals))
        if not x.is_Rational or not inst.domains[s].contains(Fraction(int(x.p), int(x.q))):
            return False
    for a, op, b in inst.constraints:
        g = sp.simplify((a - b).xreplace(vals))
        if g.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or g.is_extended_real is False:
            return False  # undefined or not real there: the relation is not met
        try:
            ok = {"<=": g <= 0, "<": g < 0, ">=": g >= 0, ">": g > 0, "=": sp.Eq(g, 0)}[op]
        except TypeError:  # no real order there (SymPy cannot compare): not met
            return False
        if ok is not sp.true and ok is not True:
            return False
    return True


def _exact_equal(inst: Instance) -> Callable[[dict[str, Any]], bool]:
    def equal(point: dict[str, Any]) -> bool:
        return sp.simplify((inst.lhs - inst.rhs).xreplace(_rationals(inst, point))) == 0

    return equal


def witness_entries(inst: Instance, point: dict[str, Any]) -> dict[str, Any]:
    """The witness with every solved entry's exact value added."""
    out = dict(point)
    vals = _rationals(inst, point)
    for s, v in inst.solved.items():
        x = sp.nsimplify(v.xreplace(vals))
        out[inst.domains[s].name] = Fraction(int(x.p), int(x.q))
    return out
