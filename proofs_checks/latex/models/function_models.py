r"""Concrete-model search for steps about function values (``f(x)``, ``q_k(x_{k+1})``).

A step whose function values the engine reads as free numbers (atoms) is checked again on
*concrete instances*: every function letter of the step (and of the stated assumptions
linked to it) becomes a concrete function of one variable drawn from a class that has every
property the environment states (:mod:`.function_facts`: ``f \text{ convex}``, a finite
range ``h(x) \in \{-1, 1\}``), by construction (:mod:`.function_families`); the variables
are drawn from their domains (and finite sets). A function that a quantified assumption
bounds by another (``f(x) \le q_k(x) \ \forall x``) is built as ``q_k = f + s`` with
``s >= 0`` touching zero at a point of the chain; a variable stated to be a minimiser
(``x_{k+1} \in \argmin_x q_k(x)``) is computed exactly (a polynomial's global minimiser).

An instance is *admissible* when its variables lie in their finite sets, domains and boxes,
and it satisfies every stated relation, equation and definition that involves the step's
quantities (checked at its points; a definition ``g(2) = 0`` of a function value, and a
stated bound on one such as ``g(2) \le 0``, becomes such a point) and every quantified
assumption (checked exactly by the sign analysis of :func:`_poly_holds` when its gap is a
polynomial of the bound variable, strict relations and bounds included; else only on a
grid of :data:`GRID` points plus every point, irrational ones included, where the chain
evaluates its functions: such an instance never refutes).
A stated fact naming a function of the model that the model cannot match (``f'(1) = 0``, a
definition it cannot parse, an assumption left unread) leaves the step without a model.

The verdict drawn from the search is :mod:`.function_verdicts`'s:

* A step that fails at an admissible instance, re-checked with exact numbers (SymPy,
  50 digits), is REFUTED: the witness names each function (``f(x) = x^2``) and the values
  of the variables — unless an assumption of the environment was not read (the step then
  stays UNDECIDED, the instance in the detail), or the failure rests on a variable that
  the step introduces (nothing assumed on it, on one side only of a chain's first step:
  the rule of :func:`.verdict_rules.withdraw_lone_quantity`), or on a function about which
  nothing is stated (the text may define it in words), or on a variable that the step uses
  outside every function argument with nothing assumed on it (``\nu[f(..)]`` read as a
  product, a constant defined in the prose). A variable declared a probability measure
  leaves the step without a model (a measure read as a number is a misreading).
* No failure over at least :data:`MIN_INSTANCES` admissible instances where the step's gap
  is a finite real number (floats and exact): SUPPORTED, "sampled over N concrete ...".

Steps with any other opaque quantity (an expectation, a norm, a function of several
arguments, a derivative ``f'``) are left as they are.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_parser import LatexError, parse_expression
from hallbound.proofs_checks.latex.models.function_facts import FiniteSet, ForAll, FunctionClass
from hallbound.proofs_checks.latex.models.function_families import Concrete, T, draw_with, slack

#: Admissible instances needed for SUPPORTED.
MIN_INSTANCES = 20
#: Instances drawn at most per step, and the CPU seconds the search may take.
MAX_DRAWS = 400
TIME_LIMIT = 3.0
#: Grid of a quantified assumption's bound variable: k / 8 for |k| <= 80.
GRID = [Fraction(k, 8) for k in range(-80, 81)]
_PALETTE = [Fraction(v) for v in ("0", "1", "-1", "1/2", "2", "-2", "-1/2", "3", "1/3",
                                  "3/2", "-3/2", "5/2", "1/4")]
_HEAD = re.compile(r"[A-Za-z]+(?:_[A-Za-z0-9]+)?$")
_OPS = {"=", "<", "<=", ">", ">="}


@dataclass
class Quantified:
    """A parsed :class:`ForAll`: ``gap OP 0`` for every value of ``bound`` (``point``: the
    minimiser symbol, for an argmin)."""

    lhs: Any
    op: str
    rhs: Any
    bound: list[sp.Symbol]
    text: str
    lo: Fraction | None = None
    hi: Fraction | None = None
    strict: bool = False
    point: sp.Symbol | None = None


@dataclass
class Model:
    """What the search instantiates for one step."""

    lhs: Any
    rel: str
    rhs: Any
    atoms: dict[sp.Symbol, tuple[str, Any]]  # atom -> (head, argument)
    variables: list[sp.Symbol]
    minimisers: dict[sp.Symbol, Quantified]
    heads: list[str]
    props: dict[str, frozenset[str]]
    ranges: dict[str, frozenset[Fraction]]
    dominated: dict[str, tuple[str, bool]]  # upper -> (lower, strict)
    points: list[tuple[Any, str, Any, str]]  # stated relations/equations at points
    quantified: list[Quantified]
    sets: dict[sp.Symbol, tuple[Fraction, ...]]
    domains: dict[sp.Symbol, Any] = field(default_factory=dict)
    #: ``% hb: box`` of a variable: the search keeps to it
    boxes: dict[sp.Symbol, tuple[float, float]] = field(default_factory=dict)
    compiled: dict[Any, Any] = field(default_factory=dict)


def _compiled(model: Model, expr: Any) -> Any:
    """``expr`` as a float function of an environment (symbol -> float), compiled once."""
    if expr not in model.compiled:
        syms = sorted(expr.free_symbols, key=str)
        f = sp.lambdify(syms, expr, modules="math")
        model.compiled[expr] = lambda env, f=f, syms=syms: float(f(*[env[x] for x in syms]))
    return model.compiled[expr]


def _relation_holds(gap: float, op: str, tol: float) -> bool:
    return {"=": abs(gap) <= tol, "<": gap < -tol, "<=": gap <= tol, ">": gap > tol,
            ">=": gap >= -tol}[op]


def _exact_holds(gap: Any, op: str) -> bool | None:
    """``gap OP 0`` for an exact SymPy number (50 digits; None when it is not real)."""
    try:
        v = sp.N(gap, 50)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not v.is_real:
        return None
    zero = bool(v == 0 or abs(v) < sp.Float("1e-40", 50))
    neg, pos = bool(v < 0) and not zero, bool(v > 0) and not zero
    return {"=": zero, "<": neg, "<=": neg or zero, ">": pos, ">=": pos or zero}[op]


class _Instance:
    """Variables' values and concrete functions of one draw; evaluates expressions."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.values: dict[sp.Symbol, Any] = {}
        self.funcs: dict[str, Concrete] = {}
        self._floats: dict[sp.Symbol, float] | None = None
        self._anchors: list[Fraction] | None = None
        #: the quantified assumptions the last exact check showed only on a grid
        self.grid_only: list[str] = []

    def fval(self, expr: Any, extra: dict | None = None) -> float:
        """``expr`` as a float (atoms by their concrete functions)."""
        if self._floats is None:
            self._floats = {s: _number(v) for s, v in self.values.items()}
        env = dict(self._floats)
        env.update(extra or {})
        for a, (head, arg) in self.model.atoms.items():
            if a in expr.free_symbols:
                env[a] = self.funcs[head].fn(_compiled(self.model, arg)(env))
        return _compiled(self.model, expr)(env)

    def set(self, v: sp.Symbol, value: Any) -> None:
        """Set one variable (the cached floats and chain points are recomputed)."""
        self.values[v] = value
        self._floats = self._anchors = None

    def exact(self, expr: Any, extra: dict | None = None) -> Any:
        """``expr`` with exact values (atoms by their concrete functions)."""
        env = {**{s: _sym(v) for s, v in self.values.items()}, **(extra or {})}
        subs = dict(env)
        for a, (head, arg) in self.model.atoms.items():
            if a in expr.free_symbols:
                subs[a] = self.funcs[head].expr.subs(T, arg.xreplace(env))
        return expr.xreplace(subs)


def _sym(v: Any) -> Any:
    return sp.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else v


def model_for(lhs: Any, rel: str, rhs: Any, checker: Any, at_points: bool = False
              ) -> Model | None:
    """The model of a step (its sides with the definitions substituted), or None when a
    quantity of it, or of an assumption linked to it, cannot be instantiated. ``at_points``
    reads a fact that may hold for every value (:func:`_quantified_reading`) at one point."""
    table, hyp = checker.table, checker.hyp
    if rel not in _OPS or table is None:
        return None
    atoms_all = dict(table.atoms)
    quantified = _parse_quantified(hyp, table, atoms_all)
    if quantified is None:
        return None
    points = [(a, op, b, t) for (a, op, b), t in zip(checker.relations, checker.relation_texts,
                                                     strict=False)]
    points += [(a, "=", b, t) for a, b, t in getattr(checker, "equations", [])]
    def_points, unmatched = _def_points(checker.defs, hyp, table, atoms_all)
    points += def_points
    dom_points, dom_unmatched = _domain_points(hyp, table, atoms_all)
    points += dom_points
    unmatched |= dom_unmatched
    atoms = {s: a for s, a in atoms_all.items()}
    step_syms = (lhs - rhs).free_symbols if rel else set()
    if not any(s in atoms and atoms[s].kind == "func" for s in step_syms):
        return None
    if not at_points and _quantified_reading(def_points, points, step_syms, atoms):
        return None  # f(x) = x^2 stated: for every x, not at one drawn x
    closure, used_points, used_q = _closure(step_syms, points, quantified, atoms)
    model_atoms: dict[sp.Symbol, tuple[str, Any]] = {}
    for s in closure:
        if s in atoms:
            a = atoms[s]
            if a.kind != "func" or not _HEAD.match(a.head) or not isinstance(a.arg, sp.Tuple) \
                    or len(a.arg) != 1:
                return None
            model_atoms[s] = (a.head, a.arg[0])
    if _unmatched_statement(model_atoms, points, used_points, unmatched, checker):
        return None  # a stated fact about a modelled function the model would not check
    variables = sorted((s for s in closure if s not in atoms), key=str)
    if any(v in atoms or v not in table.params for v in variables):
        return None
    if any(not (table.params[v].kind == "real" or table.params[v].is_integer) for v in variables):
        return None
    if any(v.name in hyp.kinds for v in variables):  # a measure read as a number: misread
        return None
    return _assemble(lhs, rel, rhs, model_atoms, variables, used_points, used_q, hyp, table)


def _symbolic_applications(expr: Any, atoms: dict) -> set[Any]:
    """The function atoms of ``expr`` applied to an argument with a variable (``f(x)``, not
    ``f(2)``)."""
    out = set()
    for s in getattr(expr, "free_symbols", set()):
        a = atoms.get(s)
        if a is not None and a.kind == "func" and a.arg is not None and a.arg.free_symbols:
            out.add(s)
    return out


def _quantified_reading(def_points: list, points: list, step_syms: set, atoms: dict) -> bool:
    """Whether a stated fact about a function at an argument with a variable the step never
    names may mean "for every value" rather than "at this point", so that an instance
    meeting it at one drawn point proves nothing: ``f(x) = x^2`` or ``f(x) \\ge x^2`` beside
    the step ``f(2) \\ge 4``. (``f(x_k) = q_k(x_k)`` beside a step about ``q_k(x_k)`` is a
    fact at the point ``x_k``, checked there.)"""
    seen = set(step_syms)  # the step's variables, inside its functions' arguments too
    for s in step_syms:
        if s in atoms and atoms[s].arg is not None:
            seen |= atoms[s].arg.free_symbols
    for a, _, b, _ in [*def_points, *points]:
        for s in _symbolic_applications(a, atoms) | _symbolic_applications(b, atoms):
            if atoms[s].arg.free_symbols - seen:
                return True
    return False


def _def_points(defs: dict, hyp: Any, table: Any, atoms: dict
                ) -> tuple[list[tuple[Any, str, Any, str]], set[str]]:
    """Each definition about a function value (``g(2) = 0`` in ``assume``, a key the
    step's table may not hold) as a point ``g(2) = 0`` (its atom added to ``atoms``); and
    the names of the functions the definitions that cannot be matched to a function value
    mention (``"?"`` when it cannot be told which)."""
    from hallbound.proofs_checks.latex.hypotheses import SymbolTable
    from hallbound.proofs_checks.latex.models.function_facts import applied_names

    out: list[tuple[Any, str, Any, str]] = []
    unmatched: set[str] = set()
    fresh = None
    for k, v in defs.items():
        text = str(table.latex.get(k, k))
        if k in atoms:
            out.append((k, "=", v, f"{text} = {sp.sstr(v)}"))
            continue
        if "(" not in text and "[" not in text:
            continue  # a variable's definition: substituted into every side already
        if fresh is None:
            fresh = SymbolTable(hyp)
            fresh.evidence = table.evidence
        try:
            e = parse_expression(text, fresh.scope(), 0)
        except LatexError:
            e = None
        atom = fresh.atoms.get(e) if isinstance(e, sp.Symbol) else None
        if atom is None or atom.kind != "func":
            unmatched |= applied_names(text) or {"?"}
            continue
        atoms[e] = atom
        out.append((e, "=", v, f"{text} = {sp.sstr(v)}"))
    return out, unmatched


def _domain_points(hyp: Any, table: Any, atoms: dict
                   ) -> tuple[list[tuple[Any, str, Any, str]], set[str]]:
    """Each stated bound on a function value that the reader keeps as the domain of an
    atom key (``g(2) \\le 0`` -> ``hyp.domains['g(2)']``) as points ``g(2) <= 0`` (its
    atom added to ``atoms``), checked exactly on each instance; and the names of the
    functions of the keys that cannot be matched to one function value (or whose domain is
    no plain interval: integer, a matrix), which leave their functions without a model."""
    from hallbound.proofs_checks.latex.hypotheses import SymbolTable
    from hallbound.proofs_checks.latex.models.function_facts import applied_names

    out: list[tuple[Any, str, Any, str]] = []
    unmatched: set[str] = set()
    fresh = None
    for key, dom in hyp.domains.items():
        if "(" not in key:
            continue  # a variable's domain: checked by :func:`_in_domains`
        if fresh is None:
            fresh = SymbolTable(hyp)
            fresh.evidence = table.evidence
        try:
            e = parse_expression(key, fresh.scope(), 0)
        except LatexError:
            e = None
        atom = fresh.atoms.get(e) if isinstance(e, sp.Symbol) else None
        if atom is None or atom.kind != "func" or dom.kind != "real" or dom.integer:
            unmatched |= applied_names(key) or {"?"}
            continue
        atoms[e] = atom
        for end, is_open, op in ((dom.lo, dom.lo_open, ">"), (dom.hi, dom.hi_open, "<")):
            if end is None:
                continue
            value = Fraction(end).limit_denominator(10**12)
            rel = op if is_open else op + "="
            out.append((e, rel, sp.Rational(value.numerator, value.denominator),
                        f"{key} {rel} {value}"))
    return out, unmatched


def _mentions(text: str, heads: set[str]) -> bool:
    """Whether ``text`` applies one of the function names ``heads`` (``f(..)``, ``f'(..)``,
    ``f^{(2)}``), or names one where a value is expected (``f \\ge 0``)."""
    from hallbound.proofs_checks.latex.models.function_facts import applied_names

    if applied_names(text) & heads:
        return True
    for h in heads:
        base, _, sub = h.partition("_")
        name = re.escape(base if len(base) == 1 else "\\" + base)
        sub_re = rf"_\{{?{re.escape(sub)}\}}?" if sub else ""
        if re.search(rf"(?<![A-Za-z\\]){name}{sub_re}(?![A-Za-z_])", text):
            return True
    return False


def _unmatched_statement(model_atoms: dict, points: list, used: list, unmatched: set[str],
                         checker: Any) -> bool:
    """Whether a stated equation, relation or definition names a function of the model (or
    an unknown one) but is not among the points the model checks, or an assumption the
    environment did not read names one: the model would drop it, so it gives no verdict."""
    heads = {h for h, _ in model_atoms.values()}
    if "?" in unmatched or unmatched & heads:
        return True
    if any(p not in used and _mentions(p[3], heads) for p in points):
        return True
    return any(_mentions(m, heads) for m in getattr(checker, "refused", []))


def _parse_quantified(hyp: Any, table: Any, atoms: dict) -> list[Quantified] | None:
    """The environment's quantified facts parsed with its symbols (new atoms into
    ``atoms``); None when one cannot be read."""
    from hallbound.proofs_checks.latex.hypotheses import SymbolTable

    fresh = SymbolTable(hyp)
    fresh.evidence = table.evidence
    scope = fresh.scope()
    out = []
    for f in hyp.facts:
        if not isinstance(f, ForAll):
            continue
        try:
            lhs = parse_expression(f.lhs, scope, 0)
            rhs = parse_expression(f.rhs, scope, 0)
            bound = [parse_expression(b, scope, 0) for b in f.bound]
            point = parse_expression(f.point, scope, 0) if f.point else None
        except LatexError:
            return None
        if not all(isinstance(b, sp.Symbol) for b in bound) or len(bound) > 2:
            return None
        if point is not None and not isinstance(point, sp.Symbol):
            return None
        out.append(Quantified(lhs, f.op, rhs, bound, f.text, f.lo, f.hi, f.strict, point))
    atoms.update(fresh.atoms)
    return out


def _closure(syms: set, points: list, quantified: list[Quantified], atoms: dict
             ) -> tuple[set, list, list[Quantified]]:
    """The step's symbols with those of every stated relation and quantified fact that
    shares a variable or a function with them (repeatedly); the relations and facts used."""
    def heads(s: set) -> set:
        return {atoms[x].head for x in s if x in atoms}

    def deps(s: set) -> set:
        out = set(s)
        for x in s:
            if x in atoms and isinstance(atoms[x].arg, sp.Basic):
                out |= atoms[x].arg.free_symbols
        return out

    closure = deps(syms)
    used_p: list = []
    used_q: list[Quantified] = []
    changed = True
    while changed:
        changed = False
        for p in points:
            free = deps(p[0].free_symbols | p[2].free_symbols)
            if p not in used_p and (free & closure or heads(free) & heads(closure)):
                used_p.append(p)
                closure |= free
                changed = True
        for q in quantified:
            free = deps(q.lhs.free_symbols | q.rhs.free_symbols) - set(q.bound)
            if q.point is not None:
                free.add(q.point)
            if q not in used_q and (free & closure or heads(free) & heads(closure)):
                used_q.append(q)
                closure |= free
                changed = True
    return closure, used_p, used_q


def _assemble(lhs: Any, rel: str, rhs: Any, model_atoms: dict, variables: list,
              points: list, quantified: list[Quantified], hyp: Any, table: Any) -> Model | None:
    """The :class:`Model` from the parts (class and range facts by function name)."""
    heads = sorted({h for h, _ in model_atoms.values()})
    props = {h: frozenset() for h in heads}
    ranges: dict[str, frozenset[Fraction]] = {}
    sets: dict[sp.Symbol, tuple[Fraction, ...]] = {}
    by_name = {table.params[v].symbol.name: v for v in variables}
    for f in hyp.facts:
        if isinstance(f, FunctionClass):
            for n in f.names:
                if n in props:
                    props[n] = props[n] | f.props
        elif isinstance(f, FiniteSet) and f.function in props:
            ranges[f.function] = frozenset(f.values)
        elif isinstance(f, FiniteSet) and f.function is None:
            from hallbound.proofs_checks.latex.models.function_facts import parser_name

            v = by_name.get(parser_name(f.subject))
            if v is not None:
                sets[v] = f.values
    dominated = _dominated(quantified, model_atoms, props, ranges)
    minimisers = {q.point: q for q in quantified if q.point is not None and q.point in variables}
    boxes = {table.symbols[n]: b for n, b in hyp.boxes.items() if n in table.symbols}
    return Model(lhs, rel, rhs, model_atoms, variables, minimisers, heads, props, ranges,
                 dominated, points, quantified, sets,
                 {v: table.params[v] for v in variables}, boxes)


def _dominated(quantified: list[Quantified], model_atoms: dict, props: dict, ranges: dict
               ) -> dict[str, tuple[str, bool]]:
    """``g -> (f, strict)`` for each ``f(x) <= g(x)`` (``<``) for all ``x``, where ``g`` has
    no stated property: ``g`` is built as ``f + s``, ``s >= 0`` (``> 0``)."""
    out: dict[str, tuple[str, bool]] = {}
    for q in quantified:
        if q.point is not None or len(q.bound) != 1 or q.op == "=":
            continue
        lo, hi = (q.lhs, q.rhs) if q.op in ("<", "<=") else (q.rhs, q.lhs)
        if lo not in model_atoms or hi not in model_atoms:
            continue
        (fl, al), (fh, ah) = model_atoms[lo], model_atoms[hi]
        if al != q.bound[0] or ah != q.bound[0] or fl == fh:
            continue
        if props.get(fh) or fh in ranges or fh in out or fl in out:
            continue
        out[fh] = (fl, q.op in ("<", ">"))
    return out


# -- drawing instances -------------------------------------------------------------------


def _draw_value(rng: random.Random, v: sp.Symbol, model: Model) -> Fraction | None:
    """A value of ``v`` in its finite set or its domain (a palette of simple numbers)."""
    p = model.domains[v]
    lo, hi = model.boxes.get(v, (float("-inf"), float("inf")))
    if v in model.sets:
        inside = [x for x in model.sets[v] if _domain_holds(p, x) and lo <= x <= hi]
        return rng.choice(inside) if inside else None
    ok = [x for x in _PALETTE if p.contains(float(x)) and lo <= x <= hi
          and (not p.is_integer or x.denominator == 1)]
    return rng.choice(ok) if ok else None


def _anchors(inst: _Instance) -> list[Fraction]:
    """The chain's points: the values of the variables and of the functions' arguments (the
    rational ones; computed once per instance)."""
    if inst._anchors is not None:
        return inst._anchors
    out = {v for v in inst.values.values() if isinstance(v, Fraction)}
    exact = {k: _sym(x) for k, x in inst.values.items()}
    for _, arg in inst.model.atoms.values():
        if arg.free_symbols <= set(inst.values):
            val = arg.xreplace(exact)
            if val.is_Rational:
                out.add(Fraction(int(val.p), int(val.q)))
    inst._anchors = sorted(out)
    return inst._anchors


def _functions(rng: random.Random, inst: _Instance) -> bool:
    """Draw every function of the model (dominated ones last); False when one is not drawn."""
    m = inst.model
    anchors = _anchors(inst)
    for h in sorted(m.heads, key=lambda h: h in m.dominated):
        if h in m.dominated:
            lower, strict = m.dominated[h]
            base, s = inst.funcs[lower], slack(rng, anchors, strict)
            fb, fs = base.fn, s.fn
            inst.funcs[h] = Concrete(base.expr + s.expr, lambda t, fb=fb, fs=fs: fb(t) + fs(t),
                                     frozenset(), f"{base.family} + {s.family}")
            continue
        f = draw_with(rng, m.props[h], m.ranges.get(h), anchors)
        if f is None:
            return False
        inst.funcs[h] = f
    return True


def _minimise(inst: _Instance, q: Quantified) -> Any:
    """The exact global minimiser (maximiser for ``>=``) of ``q``'s expression in its bound
    variable, a polynomial; None when it has none or is no polynomial."""
    b = q.bound[0]
    try:
        g = sp.expand(inst.exact(q.lhs, {b: T}))
        poly = sp.Poly(g if q.op == "<=" else -g, T)
    except (sp.PolynomialError, TypeError, ValueError):
        return None
    if poly.degree() == 0:
        return sp.Integer(0)
    if poly.degree() % 2 or poly.LC() <= 0:
        return None
    crit = sp.real_roots(poly.diff(T))
    return min(crit, key=lambda c: sp.N(poly.eval(c), 50)) if crit else None


def draw_instance(rng: random.Random, model: Model) -> _Instance | None:
    """One instance meeting every stated assumption (checked in floats), or None."""
    inst = _Instance(model)
    for v in model.variables:
        if v in model.minimisers:
            continue
        x = _draw_value(rng, v, model)
        if x is None:
            return None
        inst.set(v, x)
    if not _functions(rng, inst):
        return None
    for v, q in model.minimisers.items():
        x = _minimise(inst, q)
        lo, hi = model.boxes.get(v, (float("-inf"), float("inf")))
        if x is None or not (model.domains[v].contains(_number(x)) and lo <= _number(x) <= hi):
            return None
        inst.set(v, x if not x.is_Rational else Fraction(int(x.p), int(x.q)))
    return inst if admissible(inst, exact=False) is not None else None


def _grid(inst: _Instance, q: Quantified) -> list[Fraction]:
    pts = set(GRID) | set(_anchors(inst))
    return sorted(x for x in pts if (q.lo is None or x > q.lo or (x == q.lo and not q.strict))
                  and (q.hi is None or x < q.hi or (x == q.hi and not q.strict)))


def _quantified_holds(inst: _Instance, q: Quantified, exact: bool) -> tuple[str, bool] | None:
    """How ``q`` was shown on the instance and whether that is exact: ``("by the sign
    analysis ..", True)`` for a polynomial gap (:func:`_poly_holds`), else ``("only on a
    grid ..", False)``; None when it fails."""
    op = q.op
    at_point = {q.bound[0]: _sym_val(inst, q.point)} if q.point is not None else None
    at_float = ({k: float(sp.N(v, 30)) for k, v in at_point.items()}
                if at_point is not None else None)

    def gap_of(env: dict) -> Any:  # lhs at the minimiser (argmin) or at env, minus rhs
        return inst.exact(q.lhs, at_point or env) - inst.exact(q.rhs, env)

    def fgap(env: dict) -> float:
        return inst.fval(q.lhs, at_float or env) - inst.fval(q.rhs, env)
    if exact and len(q.bound) == 1:
        try:
            poly = sp.Poly(sp.expand(gap_of({q.bound[0]: T})), T)
            held = _poly_holds(poly, op, q.lo, q.hi, q.strict)
        except (sp.PolynomialError, TypeError, ValueError, NotImplementedError):
            held = None
        if held is not None:
            return ("by the sign analysis of a polynomial", True) if held else None
    grid = _grid(inst, q)
    points = [dict(zip(q.bound, c, strict=True)) for c in _tuples(grid, len(q.bound))]
    if exact and len(q.bound) == 1:
        points += [{q.bound[0]: x} for x in _step_points(inst, q)]
    for env in points:
        if exact:
            ok = _exact_holds(gap_of({k: _sym(v) for k, v in env.items()}), op)
        else:
            try:
                ok = _relation_holds(fgap({k: float(v) for k, v in env.items()}), op, 1e-9)
            except (TypeError, ValueError, OverflowError, ZeroDivisionError):
                ok = None
        if not ok:
            return None
    return (f"only on a grid of {len(points)} points (the chain's points, irrational ones "
            "included, among them)", False)


def _step_points(inst: _Instance, q: Quantified) -> list[Any]:
    """The exact arguments (irrational ones included) at which the model evaluates its
    functions, within ``q``'s bounds."""
    env = {k: _sym(x) for k, x in inst.values.items()}
    out = []
    for _, arg in inst.model.atoms.values():
        if arg.free_symbols <= set(env):
            v = arg.xreplace(env)
            if v.is_real is not False and not v.is_Rational:
                out.append(v)
    return out


def _poly_holds(poly: sp.Poly, op: str, lo: Fraction | None, hi: Fraction | None,
                strict: bool) -> bool | None:
    """Whether ``poly OP 0`` holds at every real ``t`` in the interval from ``lo`` to
    ``hi`` (ends included unless ``strict``; None = unbounded), by exact sign analysis: the
    least value on the interval's closure is at a finite end, at a real root of the
    derivative inside, or the limit towards an infinite end (the leading term), so
    ``>= 0`` holds iff it holds there; ``> 0`` iff moreover those values are ``> 0``
    except at an excluded end (a zero inside is a local minimum: a root of the derivative).
    ``= 0`` iff it is the zero polynomial. None when a coefficient other than the constant
    term is not rational (the constant is compared at 50 digits)."""
    if not all(c.is_Rational for c in poly.all_coeffs()[:-1]):
        return None
    if op == "=":
        return poly.is_zero
    p = poly if op in (">=", ">") else -poly
    a = None if lo is None else sp.Rational(lo.numerator, lo.denominator)
    b = None if hi is None else sp.Rational(hi.numerator, hi.denominator)
    tight = ">" if op in (">", "<") else ">="
    d, lc = p.degree(), p.LC()
    if d > 0 and ((b is None and lc < 0) or (a is None and lc * (-1) ** d < 0)):
        return False
    crit = sp.real_roots(p.diff(T)) if d > 0 else []
    tests = [(c, tight) for c in crit if (a is None or c > a) and (b is None or c < b)]
    tests += [(e, ">=" if strict else tight) for e in (a, b) if e is not None]
    if d <= 0:
        tests.append((sp.Integer(0), tight))
    return all(_exact_holds(p.eval(c), how) for c, how in tests)


def _sym_val(inst: _Instance, s: sp.Symbol) -> Any:
    return _sym(inst.values[s])


def _tuples(grid: list[Fraction], n: int) -> list[tuple[Fraction, ...]]:
    if n == 1:
        return [(x,) for x in grid]
    coarse = grid[:: max(1, len(grid) // 40)]
    return [(x, y) for x in coarse for y in coarse]


def admissible(inst: _Instance, exact: bool) -> list[str] | None:
    """The stated assumptions the instance satisfies (each with how it was checked), or None
    when it breaks one."""
    out = []
    inst.grid_only = []
    if not _in_domains(inst):
        return None
    for a, op, b, text in inst.model.points:
        if op == "!=":
            ok = _exact_holds(inst.exact(a - b), "=") is False if exact else True
        elif exact:
            ok = _exact_holds(inst.exact(a - b), op)
        else:
            try:
                ok = _relation_holds(inst.fval(a - b), op, 1e-9)
            except (TypeError, ValueError, OverflowError, ZeroDivisionError):
                ok = False
        if not ok:
            return None
        out.append(text)
    for q in inst.model.quantified:
        got = _quantified_holds(inst, q, exact)
        if got is None:
            return None
        if not got[1]:
            inst.grid_only.append(q.text)
        out.append(f"{q.text} (checked {got[0]})")
    return out


def _in_domains(inst: _Instance) -> bool:
    """Whether each variable's value lies in its stated finite set, its domain (a sign
    condition such as ``y > 0``) and its box."""
    m = inst.model
    for v, x in inst.values.items():
        if v in m.sets and not (isinstance(x, Fraction) and x in m.sets[v]):
            return False
        lo, hi = m.boxes.get(v, (float("-inf"), float("inf")))
        p, f = m.domains.get(v), _number(x)
        if not lo <= f <= hi or (p is not None and not _domain_holds(p, x)):
            return False
    return True


def _domain_holds(p: Any, x: Any) -> bool:
    """``x`` (exact) in the domain ``p`` (its ends compared exactly when ``x`` is rational)."""
    if p.is_integer and not (isinstance(x, Fraction) and x.denominator == 1):
        return False
    if not isinstance(x, Fraction):
        return bool(p.contains(_number(x)))
    for end, is_open, below in ((p.lo, p.lo_open, False), (p.hi, p.hi_open, True)):
        if end is None:
            continue
        e = Fraction(end).limit_denominator(10**12)
        if (x > e if below else x < e) or (is_open and x == e):
            return False
    return True


# -- the search and the verdict ----------------------------------------------------------


def _number(v: Any) -> float:
    return float(v) if isinstance(v, Fraction) else float(sp.N(v, 30))


__all__ = ["MIN_INSTANCES", "Model", "admissible", "draw_instance", "model_for"]
