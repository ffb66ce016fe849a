r"""The second, finite model of the mutation harness: where the first model of
:func:`hallbound.proofs_checks.mutation.evaluation.evaluate_mutant` (50-digit points of the
raw relation, hand-written models, law cases) cannot decide a mutant, a *finite model* of
the step makes everything in it a number.

Built once per step (:func:`build`), from what the step states and nothing the checker
computes:

* the claim's definitions are substituted; so is every equality the step is stated under
  (its ``given``, the claim's assumptions, its premises, its lemma instances' hypotheses): an
  equality :math:`x = e` eliminates :math:`x` (its ``solve_for`` symbol, else a side that is a
  single symbol, else a symbol it is linear in), and a value of :math:`e` outside
  :math:`x`'s domain makes the point invalid;
* an inequality premise solved for a symbol without a domain is written through a slack,
  :math:`x \ge e \Rightarrow x = e + s,\ s \ge 0`; every other inequality constrains the
  points (only those connected to the step's symbols);
* an integral against an unknown density :math:`f(a)` over :math:`\mathbb R` is taken with
  :math:`f` the uniform density on :math:`[l, l + w]`;
* integer symbols in the limits of sums, products and unions take small values
  (:math:`N = \text{lo}, \text{lo} + 1, \text{lo} + 2`), and sums, products, unions,
  derivatives and ``Subs`` are written out (``doit``); an entry :math:`x_i` of a sequence
  becomes a number of :math:`[0, 1]` (the weights, probabilities and fractions of the claims;
  a sequence named by a :class:`~hallbound.proofs_checks.engine.claim.Param` keeps its domain);
* random variables get an exact finite law
  (:func:`hallbound.proofs_checks.library.randomness.random_law`: independent, 2-3 rational
  atoms each, half of the time non-negative) and
  :math:`\Pr`, :math:`\mathbb E`, :math:`\operatorname{Var}`, :math:`\operatorname{Cov}` are
  computed exactly (:func:`hallbound.proofs_checks.library.randomness.evaluate`); a relation
  of random variables outside them is a pointwise constraint (it must hold at every atom).

The model samples points (parameter values; a law where the step is random) and keeps the
*valid* ones, where every constraint and every eliminated symbol's domain holds. It decides a
mutant only with at least :data:`MIN_VALID` valid points at which the **original** relation
holds, all of them (a failure means the model misses a hypothesis, or the step is false as
stated; a step with no premise, ``given`` or lemma is then judged anyway, see
``self_contained``). The mutant is *false* at the first valid point where it fails (exact
comparison where both sides are rational; at 50 digits otherwise, where equality within
:math:`10^{-30}` relatively fails a strict relation), and *true* (no counterexample in the
model) otherwise. The mutated premises are never used.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.library.randomness import (
    OPERATORS,
    JointLaw,
    Pr,
    RandomSymbol,
    evaluate,
    is_random,
)
from hallbound.proofs_checks.mutation.forms import (
    _REL,
    ATTEMPTS,
    DEBUG,
    HOPELESS,
    LAW_ATTEMPTS,
    MAX_CASES,
    MIN_VALID,
    ORDER,
    POINTS,
    SLACK,
    STRUCTURAL_VALUES,
    TOL,
    Entry,
    Relation,
    _bad,
    _density,
    _draw,
    _entries,
    _inside,
    _is_sym,
    _law,
    _limits,
    _linear_solve,
    _nice,
    _opaque,
    _write_out,
    as_event,
    fails,
    self_contained,
    stated,
    to_mp,
)


# ----- the model -------------------------------------------------------------------------
@dataclass
class Case:
    """One structural case: values of the sum limits, what is eliminated, the constraints,
    the parameters to draw and the random variables."""

    values: dict[sp.Basic, int]
    subs: dict[sp.Basic, sp.Basic]
    checks: list[tuple[sp.Basic, Param]]
    constraints: list[Relation]
    events: list[tuple[sp.Basic, sp.Basic]]
    params: list[Param]
    randoms: list[RandomSymbol]
    domains: Domains | None = None
    dropped: bool = False
    on_sides: set[sp.Basic] = field(default_factory=set)


@dataclass
class Point:
    """A valid point: its case, parameter values and law (None without random variables)."""

    case: int
    env: dict[sp.Basic, Any]
    law: JointLaw | None

    def view(self, case: Case) -> dict[str, Any]:
        out: dict[str, Any] = {str(k): int(v) for k, v in case.values.items()}
        for k, v in self.env.items():
            out[str(k)] = str(v) if isinstance(v, Fraction) else v
        if self.law is not None:
            for s in self.law.symbols:
                m = self.law.marginal([s])
                out[str(s)] = {"atoms": [str(a[s]) for a in m.atoms],
                               "probs": [str(q) for q in m.probs]}
        return out


@dataclass
class FiniteModel:
    """The second model of one step (see the module doc). ``reason`` is set when it cannot
    decide anything; ``points`` are the valid points, where the original holds."""

    description: str
    transform: Callable[[Any, int], sp.Basic] | None = None
    cases: list[Case] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    reason: str = ""
    original_fails: Point | None = None
    has_entries: bool = False
    _fns: dict[Any, Any] = field(default_factory=dict)

    def _compiled(self, expr: sp.Basic) -> tuple[str, Any, Any]:
        """How to evaluate ``expr`` (cached): ``("law", None, None)`` with random variables
        or expectations, ``("exact", Fraction, None)`` for a rational number, else
        ``("mp", symbols, lambdified function)``."""
        hit = self._fns.get(expr)
        if hit is None:
            if expr.has(*OPERATORS) or expr.atoms(RandomSymbol):
                hit = ("law", None, None)
            elif expr.is_Rational:
                hit = ("exact", Fraction(int(expr.p), int(expr.q)), None)
            else:
                syms = sorted(expr.free_symbols, key=str)
                hit = ("mp", syms, sp.lambdify(syms, expr, modules="mpmath"))
            self._fns[expr] = hit
        return hit

    def value(self, expr: sp.Basic, pt: Point) -> Any:
        """The exact (``Fraction``) or 50-digit value of a transformed expression."""
        kind, a, fn = self._compiled(expr)
        if kind == "law":
            env = {k: _sp_num(v) for k, v in pt.env.items()}
            return evaluate(_resolve(expr.xreplace(env), pt.law), pt.law)
        if kind == "exact":
            return a
        with mpmath.workdps(50):
            return mpmath.mpmathify(fn(*[to_mp(pt.env[s]) for s in a]))

    def _pointwise(self, rel: Relation) -> Relation:
        """A relation of random variables as "it holds with probability 1" (cached)."""
        key = ("rel", rel)
        hit = self._fns.get(key)
        if hit is None:
            lhs, op, rhs = rel
            if is_random(lhs) or is_random(rhs):
                hit = (Pr(_REL[op](lhs, rhs, evaluate=False)), "=", sp.Integer(1))
            else:
                hit = rel
            self._fns[key] = hit
        return hit

    def relation_fails(self, rel: Relation, pt: Point) -> bool | None:
        """Whether a transformed relation fails at ``pt`` (None: no number there); a relation
        of random variables must hold at every atom."""
        lhs, op, rhs = self._pointwise(rel)
        try:
            with mpmath.workdps(50):
                lv, rv = self.value(lhs, pt), self.value(rhs, pt)
        except Exception:  # noqa: BLE001 - no value at this point (log of 0, 1/0, ...)
            return None
        if _bad(lv) or _bad(rv):
            return None
        return fails(lv, op, rv)


def _resolve(expr: sp.Basic, law: JointLaw | None) -> sp.Basic:
    """Every ``Pr``/``E``/``Var``/``Cov`` replaced by its exact value on ``law``, innermost
    first; an operator SymPy decides when it is rebuilt (``Pr(True) = 1`` once its event has
    become a number) keeps that value."""
    if not expr.args or not expr.has(*OPERATORS) or isinstance(expr, sp.Indexed):
        return expr
    args = [_resolve(a, law) for a in expr.args]
    node = expr.func(*args)
    if isinstance(expr, OPERATORS) and isinstance(node, OPERATORS):
        if law is None:
            raise ValueError("an expectation without a law")
        value = evaluate(node, law)
        if isinstance(value, Fraction):
            return sp.Rational(value.numerator, value.denominator)
        return sp.Float(value, 60)
    return node


def _sp_num(v: Any) -> Any:
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sp.Integer(v)
    return v


# ----- building the model ----------------------------------------------------------------
def _expand_over(rel: Relation, limits: Sequence[tuple]) -> list[Relation]:
    """A relation with a free sum index ``k`` (a premise "for every k") stated at every
    index of that sum's (concrete) range."""
    free = (rel[0].free_symbols | rel[2].free_symbols) if _is_sym(rel[0]) else set()
    for v, lo, hi in limits:
        if v in free and getattr(lo, "is_Integer", False) and getattr(hi, "is_Integer", False):
            out: list[Relation] = []
            for j in range(int(lo), int(hi) + 1):
                s = {v: sp.Integer(j)}
                out.extend(_expand_over((rel[0].xreplace(s), rel[1], rel[2].xreplace(s)),
                                        limits))
            return out
    return [rel]


@dataclass
class Domains:
    """The domains of a step's symbols: its parameters (and the model's own: slacks, the
    density's ends), and ``entry`` for the entries of sequences without one."""

    known: dict[sp.Basic, Param]
    entry: tuple[float, float] = (0.0, 1.0)

    def of(self, sym: sp.Basic) -> Param | None:
        """The domain of ``sym`` (None: it has none)."""
        if sym in self.known:
            return self.known[sym]
        if isinstance(sym, Entry):
            base = sym.name[: sym.name.index("[")]
            lo, hi = self.entry
            for s, p in self.known.items():
                if str(s) == base and p.kind != "spd":
                    return dataclasses.replace(p, name=sym.name, symbol=sym)
            if sym.is_positive:
                return Param(sym.name, sym, lo=0, hi=max(hi, 1.0), lo_open=True,
                             description=f"positive entry (model: (0, {max(hi, 1.0):g}])")
            return Param(sym.name, sym, lo=lo, hi=hi,
                         description=f"sequence entry (model: [{lo:g}, {hi:g}])")
        return None


def _eliminate(
    eqs: Sequence[tuple[sp.Basic | None, sp.Basic, sp.Basic]],
    dom: Domains,
    keep: set[sp.Basic],
) -> tuple[dict[sp.Basic, sp.Basic], list[Relation]]:
    """Substitutions from equalities (one eliminated symbol each; see the module doc) and the
    equalities left over as constraints. Symbols in ``keep`` are never eliminated."""
    subs: dict[sp.Basic, sp.Basic] = {}
    left: list[Relation] = []

    def apply(e: sp.Basic) -> sp.Basic:
        return e.xreplace(subs) if subs else e

    def rank(s: sp.Basic) -> tuple[int, str]:
        """Symbols without a domain first, then sequence entries (the last one first), then
        parameters."""
        if isinstance(s, Entry):
            return (1, "".join(chr(0x10FFFF - ord(ch)) for ch in s.name))
        return (2 if dom.of(s) is not None else 0, str(s))

    for target, lhs, rhs in eqs:
        lhs, rhs = apply(lhs), apply(rhs)
        g = lhs - rhs
        if g == 0:
            continue
        if target is not None:
            target = apply(target)
        cands: list[sp.Basic] = [] if target is None else [target]
        for side in (lhs, rhs):
            if side.is_Symbol or isinstance(side, sp.Integral | sp.Sum):
                cands.append(side)
        cands += sorted((s for s in g.free_symbols if not isinstance(s, RandomSymbol)), key=rank)
        for x in cands:
            if x in keep or x in subs or isinstance(x, sp.Number):
                continue
            sol = _linear_solve(g, x)
            if sol is None:
                continue
            subs = {k: v.xreplace({x: sol}) for k, v in subs.items()}
            subs[x] = sol
            break
        else:
            left.append((lhs, "=", rhs))
    return subs, left


def _slack_for(rel: Relation, x: sp.Basic, n: int) -> tuple[sp.Basic, Param] | None:
    """``x`` solved from ``rel`` through a non-negative slack (None when not linear)."""
    lhs, op, rhs = rel
    s = sp.Symbol(f"slack{n}", real=True)
    g = (lhs - rhs - s) if op in (">=", ">") else (lhs - rhs + s)
    sol = _linear_solve(g, x)
    if sol is None:
        return None
    return sol, Param(f"slack{n}", s, lo=0, lo_open=op in ("<", ">"), search=(0, 3),
                      description=SLACK)


def _connected(rels: Sequence[Relation], syms: set[sp.Basic]) -> list[Relation]:
    """The relations connected to ``syms`` through shared symbols (transitively)."""
    reach = set(syms)
    chosen: list[Relation] = []
    rest = list(rels)
    changed = True
    while changed:
        changed = False
        for r in list(rest):
            free = r[0].free_symbols | r[2].free_symbols
            if free & reach or not free:
                chosen.append(r)
                rest.remove(r)
                reach |= free
                changed = True
    return [r for r in chosen if r[0].free_symbols | r[2].free_symbols]


def build(claim: Claim, step: Step, seed_rng: np.random.Generator,
          defined: Callable[[Any], sp.Basic]) -> FiniteModel:
    """The finite model of ``step`` (the original; see the module doc). ``defined`` applies
    the claim's definitions and known functions to an expression. A step SymPy cannot make
    concrete gives a model with a ``reason`` (never an exception)."""
    try:
        return _build(claim, step, seed_rng, defined)
    except Exception as err:  # noqa: BLE001 - no concrete form: the model decides nothing
        if DEBUG:
            raise
        return FiniteModel("finite model", reason=f"no concrete form ({type(err).__name__})")


def _build(claim: Claim, step: Step, seed_rng: np.random.Generator,
           defined: Callable[[Any], sp.Basic]) -> FiniteModel:
    """:func:`build` with sequence entries in ``[0, 1]``; where too few points satisfy the
    premises there, again with entries in ``[-4, 4]`` (vector coordinates, signed terms)."""
    model = _build_with(claim, step, seed_rng, defined, (0.0, 1.0))
    if model.reason.startswith("only ") and model.has_entries:
        wide = _build_with(claim, step, seed_rng, defined, (-4.0, 4.0))
        if not wide.reason or not wide.reason.startswith("only "):
            return wide
    return model


def _build_with(claim: Claim, step: Step, seed_rng: np.random.Generator,
                defined: Callable[[Any], sp.Basic], entry: tuple[float, float]) -> FiniteModel:
    model = FiniteModel("finite model")
    if not all(isinstance(x, sp.Basic) for x in (step.lhs, step.rhs)):
        model.reason = "sides are not SymPy expressions (text)"
        return model
    if step.rel not in ORDER:
        model.reason = f"relation {step.rel!r} has no numeric meaning"
        return model
    left, width = sp.Symbol("f_left", real=True), sp.Symbol("f_width", positive=True)
    extra = [Param("f_left", left, lo=-2, hi=2), Param("f_width", width, lo=0.25, hi=3)]

    def pre(e: Any) -> sp.Basic:
        return _density(defined(e), left, width)

    st = stated(claim, step)
    orig = (pre(step.lhs), pre(step.rhs))
    eqs = [(None if t is None else pre(t), pre(a), pre(b)) for t, a, b in st.equalities]
    ineqs = [((pre(r[0]), r[1], pre(r[2])), sf) for r, sf in st.inequalities]
    imps = [(pre(a), pre(b)) for a, b in st.implications]
    known: dict[sp.Basic, Param] = {}
    for other in claim.steps:  # a symbol's domain where another step of the claim states it
        known.update({p.symbol: p for p in other.params})
    known.update(claim.params_by_symbol(step))
    structural = _structural(orig, eqs, ineqs, known)
    if structural is None:
        model.reason = "a sum limit that is not an integer parameter"
        return model
    cases = _cases(structural, known)
    descr = ["definitions, given and stated equalities substituted"]
    if any(e.has(sp.Integral) for e in orig):
        descr.append("unknown density uniform on [f_left, f_left + f_width]")
    if structural:
        descr.append("sums written out at " + ", ".join(
            f"{s} in {sorted({c[s] for c in cases})}" for s in structural))
    model.description = "finite model: " + "; ".join(descr)
    reasons: list[str] = []
    for values in cases:
        case = _case(values, orig, eqs, ineqs, imps, known, extra, reasons, entry)
        if case is not None:
            model.cases.append(case)
    if not model.cases:
        model.reason = reasons[0] if reasons else "no structural case"
        return model

    def transform(e: Any, i: int) -> sp.Basic:
        c = model.cases[i]
        out = _entries(_write_out(pre(e).xreplace(
            {k: sp.Integer(v) for k, v in c.values.items()})))
        return out.xreplace(c.subs) if c.subs else out

    model.transform = transform
    model.has_entries = any(isinstance(p.symbol, Entry) for c in model.cases for p in c.params)
    if any(isinstance(p.symbol, Entry) for c in model.cases for p in c.params):
        model.description += f"; sequence entries in [{entry[0]:g}, {entry[1]:g}]"
    _sample(model, step, seed_rng, strict=not self_contained(step) or _guesses(model))
    return model


def _structural(orig, eqs, ineqs, known) -> list[sp.Basic] | None:
    """The integer symbols in the sum/product/union limits, the free indices ("for every
    k") and the matrix shapes of the sides and of the relations connected to them (None when
    one has a domain that is not an integer's)."""
    rels = [(a, "=", b) for _, a, b in eqs] + [r for r, _ in ineqs]
    side_syms = orig[0].free_symbols | orig[1].free_symbols
    exprs = [*orig, *(x for r in _connected(rels, side_syms) for x in (r[0], r[2]))]
    out: set[sp.Basic] = set()
    for e in exprs:
        for _, lo, hi in _limits(e):
            out |= sp.sympify(lo).free_symbols | sp.sympify(hi).free_symbols
    for e in orig:
        bound = {lim[0] for lim in _limits(e)}
        for ix in e.atoms(sp.Indexed):
            out |= {i for i in ix.free_symbols if type(i) is sp.Symbol and i in e.free_symbols
                    and i not in bound and i not in ix.base.free_symbols
                    and i.is_integer is not False}
    for e in exprs:
        for m in e.atoms(sp.MatrixSymbol):
            out |= sp.sympify(m.shape[0]).free_symbols | sp.sympify(m.shape[1]).free_symbols
    for s in out:
        p = known.get(s)
        if p is not None and not p.is_integer:
            return None
    return sorted(out, key=str)


def _cases(structural: Sequence[sp.Basic], known: Mapping[sp.Basic, Param]) -> list[dict]:
    """Small values of each structural integer (its domain's first values; 1, 2, 3 when it
    has none), at most :data:`MAX_CASES` combinations."""
    choices = []
    for s in structural:
        p = known.get(s)
        lo = int(p.lo) if p is not None and p.lo is not None else 1
        hi = int(p.hi) if p is not None and p.hi is not None else lo + STRUCTURAL_VALUES - 1
        choices.append(list(range(lo, min(hi, lo + STRUCTURAL_VALUES - 1) + 1)))
    combos = [dict(zip(structural, c, strict=True)) for c in itertools.product(*choices)]
    return combos[:MAX_CASES]


def _case(values, orig, eqs, ineqs, imps, known, extra, reasons,
          entry: tuple[float, float]) -> Case | None:
    """One structural case (None, with a reason appended, when it has no numbers)."""
    num = {k: sp.Integer(v) for k, v in values.items()}

    def conc(e: sp.Basic) -> sp.Basic:
        return _entries(_write_out(e.xreplace(num)))

    sides = [conc(e) for e in orig]
    stated_syms = set().union(*(e.free_symbols for e in sides))
    limits = [tuple(sp.sympify(x).xreplace(num) for x in lim)
              for e in orig for lim in _limits(e)]
    c_eqs = []
    for t, a, b in eqs:
        for la, _, lb in _expand_over((a, "=", b), limits):
            c_eqs.append((None if t is None else conc(t), conc(la), conc(lb)))
    dom = Domains({**known, **{p.symbol: p for p in extra}}, entry)
    subs, left = _eliminate(c_eqs, dom, set(values))
    side_syms = set().union(*(s.free_symbols for s in sides))
    rels: list[Relation] = []
    counter = itertools.count()
    for r, sf in ineqs:
        for a, op, b in _expand_over(r, limits):
            rel = (conc(a).xreplace(subs), op, conc(b).xreplace(subs))
            x = conc(sf).xreplace(subs) if sf is not None else None
            for cand in _slack_candidates(rel, x, subs, dom, side_syms | set(values)):
                sl = _slack_for(rel, cand, next(counter))
                if sl is not None:
                    subs = {k: v.xreplace({cand: sl[0]}) for k, v in subs.items()}
                    subs[cand] = sl[0]
                    dom.known[sl[1].symbol] = sl[1]
                    break
            else:
                rels.append(rel)
    sides = [s.xreplace(subs) for s in sides]
    rels = [(a.xreplace(subs), op, b.xreplace(subs)) for a, op, b in rels + left]
    events = [(conc(a).xreplace(subs), conc(b).xreplace(subs)) for a, b in
              ((x, y) for a0, b0 in imps
               for x, _, y in _expand_over((as_event(a0), "implies", as_event(b0)), limits))]
    syms = set().union(*(s.free_symbols for s in sides))
    dropped = [r for r in rels if not _drawable(r, syms, dom)]
    rels = _connected([r for r in rels if _drawable(r, syms, dom)], syms)
    dropped = [r for r in _connected(dropped, _reach(rels, syms)) if not _free_to_meet(r, dropped,
                                                                                       dom)]
    # A => B with A's variables off the sides holds with A empty: it restricts nothing
    events = [(a, b) for a, b in events if a.free_symbols & _reach(rels, syms)]
    checks = [(v, p) for k, v in subs.items() if k.is_Symbol
              and (p := dom.of(k)) is not None and (v.free_symbols & _reach(rels, syms))]
    every = [*sides, *(x for a, _, b in rels for x in (a, b)), *(v for v, _ in checks),
             *(x for a, b in events for x in (a, b))]
    bad = sorted({b for e in every for b in _opaque(e)})
    if bad:
        reasons.append("no numeric form for " + ", ".join(bad[:3]))
        return None
    free = set().union(*(e.free_symbols for e in every))
    randoms = sorted((s for s in free if isinstance(s, RandomSymbol)), key=str)
    params = []
    missing = []
    for s in sorted(free - set(randoms), key=str):
        p = dom.of(s)
        if p is None or p.kind == "spd":
            missing.append(str(s))
        else:
            params.append(p)
    if missing:
        reasons.append("symbols without a domain: " + ", ".join(missing[:4]))
        return None
    return Case(dict(values), subs, checks, rels, events, params, randoms, dom,
                dropped=bool(dropped), on_sides=stated_syms)


def _slack_candidates(rel: Relation, solve_for: sp.Basic | None, subs: Mapping,
                      dom: Domains, sides: set[sp.Basic]) -> list[sp.Basic]:
    """Symbols an inequality may be solved for through a slack: its ``solve_for``; else,
    for a relation between several quantities, a symbol without a domain, then one off the
    step's sides, then a sequence entry, then the others (never a random variable)."""
    if solve_for is not None:
        return [solve_for] if solve_for.is_Symbol and solve_for not in subs else []
    free = [s for s in rel[0].free_symbols | rel[2].free_symbols
            if not isinstance(s, RandomSymbol) and s not in subs
            and not str(s).startswith("slack")]
    if len(free) < 2:
        return []

    def rank(s: sp.Basic) -> tuple[int, str]:
        if dom.of(s) is None:
            return (0, str(s))
        if isinstance(s, Entry):
            return (2, str(s))
        return (3 if s in sides else 1, str(s))

    return sorted(free, key=rank)


def _guesses(model: FiniteModel) -> bool:
    """Whether the model chose something the claim does not state: a domain for a sequence
    or matrix entry on the step's sides, a law for a random variable, a density, or it left
    out a constraint that may restrict the step's symbols. Then a point where the original
    fails says nothing about the step, and the model must not judge there. (Entries drawn
    only to meet a constraint, e.g. a vector of a given norm, are witnesses that such
    values exist: they do not count.)"""
    for c in model.cases:
        if c.randoms or c.dropped:
            return True
        if any(isinstance(s, Entry) or str(s) in ("f_left", "f_width") for s in c.on_sides):
            return True
    return False


def _free_to_meet(rel: Relation, others: Sequence[Relation], dom: Domains) -> bool:
    """Whether a left-out constraint can be met whatever the step's symbols are: it has a
    symbol without a domain (an unbounded real), in no other left-out constraint, in which
    it is linear (the constraint then holds for some value of that symbol)."""
    free = rel[0].free_symbols | rel[2].free_symbols
    for x in free:
        if dom.of(x) is not None or isinstance(x, RandomSymbol):
            continue
        if any(x in (o[0].free_symbols | o[2].free_symbols) for o in others if o is not rel):
            continue
        if _linear_solve(rel[0] - rel[2], x) is not None:
            return True
    return False


def _drawable(rel: Relation, sides: set[sp.Basic], dom: Domains) -> bool:
    """Whether every symbol of a constraint is on the step's sides, has a domain or a law.
    A constraint on a symbol that is none of these (another quantity of the claim, with no
    domain) is left out: it restricts that quantity, which the step does not mention."""
    free = rel[0].free_symbols | rel[2].free_symbols
    return all(s in sides or isinstance(s, RandomSymbol) or dom.of(s) is not None
               for s in free)


def _reach(rels: Sequence[Relation], syms: set[sp.Basic]) -> set[sp.Basic]:
    out = set(syms)
    for a, _, b in rels:
        out |= a.free_symbols | b.free_symbols
    return out


def _valid(model: FiniteModel, pt: Point) -> bool:
    """Every domain check, constraint and pointwise implication holds at ``pt``."""
    case = model.cases[pt.case]
    for v, p in case.checks:
        try:
            x = model.value(v, pt)
        except Exception:  # noqa: BLE001 - no value: not a point of the domain
            return False
        if _bad(x) or not _inside(p, x):
            return False
    for rel in case.constraints:
        if model.relation_fails(rel, pt) is not False:
            return False
    for a, b in case.events:
        if model.relation_fails((Pr(sp.And(a, sp.Not(b))), "=", sp.Integer(0)), pt) is not False:
            return False
    return True


def _sample(model: FiniteModel, step: Step, rng: np.random.Generator, strict: bool) -> None:
    """Draw points per case, keep the valid ones where the original holds (see the module
    doc); sets ``reason`` when the model cannot decide."""
    assert model.transform is not None
    tried = 0
    for i, case in enumerate(model.cases):
        orig = (model.transform(step.lhs, i), step.rel, model.transform(step.rhs, i))
        nice = _nice(case.params, 6)
        budget = (LAW_ATTEMPTS if case.randoms else ATTEMPTS) + len(nice)
        kept = 0
        for k in range(budget):
            if kept >= POINTS or (k >= HOPELESS and kept == 0):
                break
            env = nice[k] if k < len(nice) else {p.symbol: _draw(p, rng) for p in case.params}
            law = _law(case.randoms, rng) if case.randoms else None
            pt = Point(i, env, law)
            tried += 1
            if not _valid(model, pt):
                continue
            kept += 1
            bad = model.relation_fails(orig, pt)
            if bad is None:
                continue
            if bad:
                model.original_fails = model.original_fails or pt
                if strict:
                    continue
            model.points.append(pt)
    if strict and model.original_fails is not None:
        model.reason = ("the original fails at a point of the finite model (a hypothesis "
                        "the model misses, or the step is false as stated)")
    elif len(model.points) < MIN_VALID:
        model.reason = (f"only {len(model.points)} of {tried} points satisfy the stated "
                        f"premises (fewer than {MIN_VALID})")


def _extended(model: FiniteModel, pt: Point, rel: Relation,
              rng: np.random.Generator) -> Point | None:
    """``pt`` with values for the mutant's symbols the original does not have (it lost them
    when SymPy simplified it, e.g. an identity that is 0 = 0 once written out): each drawn
    from its domain (no constraint involves it). None when one has no domain or is random."""
    in_law = set(pt.law.symbols) if pt.law is not None else set()
    missing = (rel[0].free_symbols | rel[2].free_symbols) - set(pt.env) - in_law
    if not missing:
        return pt
    case = model.cases[pt.case]
    env = dict(pt.env)
    for s in sorted(missing, key=str):
        p = case.domains.of(s) if case.domains is not None else None
        if p is None or isinstance(s, RandomSymbol) or p.kind == "spd":
            return None
        env[s] = _draw(p, rng)
    return Point(pt.case, env, pt.law)


def _exact(v: Any) -> sp.Basic:
    """The exact rational a drawn float (or 60-digit mpmath number) stores."""
    if isinstance(v, float | np.floating):
        return sp.Rational(float(v))
    return sp.Rational(sp.Float(v, 60))


def _only_near_equality(model: FiniteModel, rel: Relation, pt: Point) -> bool:
    """A strict relation counted as failing because its sides agree to 1e-30 at 50 digits,
    but SymPy cannot show them *exactly* equal at the point: not a counterexample (only an
    exact equality fails ``<`` or ``>``). False for an exact (rational) comparison, a
    non-strict relation, or a clear failure."""
    lhs, op, rhs = rel
    if op not in ("<", ">"):
        return False
    try:
        with mpmath.workdps(50):
            lv, rv = model.value(lhs, pt), model.value(rhs, pt)
            if isinstance(lv, Fraction | int) and isinstance(rv, Fraction | int):
                return False
            l, r = mpmath.re(to_mp(lv)), mpmath.re(to_mp(rv))
            if abs(l - r) > TOL * (1 + abs(l) + abs(r)):
                return False
        if pt.law is not None:
            return True  # an expectation in 50 digits: its exact equality is not shown
        env = {k: _sp_num(v) if isinstance(v, Fraction | int) else _exact(v)
               for k, v in pt.env.items()}
        return sp.simplify((lhs - rhs).xreplace(env)) != 0
    except Exception:  # noqa: BLE001 - no exact value: the near-equality is not counted
        return True


def judge(model: FiniteModel, lhs: Any, rel: str, rhs: Any) -> tuple[str, dict | None]:
    """``("false", witness)``, ``("true", None)`` or ``("undecidable", {"reason": ...})``
    for a mutated relation under ``model``."""

    def no(reason: str) -> tuple[str, dict]:
        return "undecidable", {"reason": reason}

    if model.reason or model.transform is None:
        return no(model.reason or "no model")
    if not all(isinstance(x, sp.Basic) for x in (lhs, rhs)) or rel not in ORDER:
        return no("the mutant is not a numeric relation")
    cache: dict[int, Relation] = {}
    seen = 0
    rng = np.random.default_rng(len(model.points))
    for pt in model.points:
        if pt.case not in cache:
            try:
                cache[pt.case] = (model.transform(lhs, pt.case), rel,
                                  model.transform(rhs, pt.case))
            except Exception:  # noqa: BLE001 - the mutant has no concrete form
                return no("the mutant has no concrete form")
            bad_parts = [b for e in (cache[pt.case][0], cache[pt.case][2]) for b in _opaque(e)]
            if bad_parts:
                return no("the mutant has no concrete form: " + ", ".join(bad_parts[:2]))
        pt = _extended(model, pt, cache[pt.case], rng)
        if pt is None:
            return no("the mutant has a symbol without a domain")
        bad = model.relation_fails(cache[pt.case], pt)
        if bad is None:
            continue
        seen += 1
        if bad and not _only_near_equality(model, cache[pt.case], pt):
            return "false", pt.view(model.cases[pt.case])
    if seen < MIN_VALID:
        return no(f"the mutant has a real value at only {seen} points")
    return "true", None
