r"""The third mutation model: two-sided decisions for steps whose events are empty at every
size small enough to enumerate (issue 19, item 10).

**Probability bounds** (:data:`EVENT_SPECS`): the original step is a proved bound
:math:`\Pr[E] \le b` on an event :math:`E` of random quantities with known ranges (a rate or
a mass lies in :math:`[0, 1]`). A mutant is one relation of :math:`p = \Pr[E']`.

* *True*, when the mutant follows from what is known of :math:`p` on the whole domain:
  :math:`p = 0` when :math:`E'` is empty (the supremum of its random side over the ranges,
  by interval arithmetic, is below its threshold: a SymPy sign proof,
  :mod:`hallbound.proofs_checks.mutation.nonneg`); :math:`0 \le p \le \Pr[E] \le b` when
  :math:`E' \subseteq E` (component by component: the same random side with a threshold at
  least the original's, proved); else :math:`0 \le p \le 1`. The mutated relation, affine
  in :math:`p`, is then proved at both ends of :math:`p`'s range (SymPy signs on the
  domain). The original bound is used as a fact: it is the proved step the mutant mutates.
* *False*, at a witness: a parameter point with a law of the sample written out exactly
  (some outcomes, each with its exact probability and the exact values of the random
  quantities; the rest of the mass unknown). :math:`p` is enclosed from below by the mass
  of the listed outcomes where :math:`E'` surely holds, from above by one minus the mass
  where it surely fails (random quantities not given by an outcome range over their whole
  interval: so the trivial outcome "probability 1, nothing given" shows :math:`p = 0` where
  :math:`E'` is empty); the mutant is false when its relation fails on the whole enclosure.

**An order** (:data:`ORDER_SPECS`): two quantities :math:`0 \le a \le b \le 1` (a minimum
and one of the values it is the minimum of). An affine relation holds on that triangle iff
it holds at its vertices (true); it is false at a realised point where it fails.

Anything else stays undecided, with the reason."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from hallbound.proofs_checks.mutation.intervals import (
    NotEnclosed,
    enclose,
    interval,
    sign_holds,
    truth,
)
from hallbound.proofs_checks.mutation.nonneg import domain_form, proved_sign

#: One outcome of a witness law: its exact probability and the exact values it gives.
Outcome = tuple[Fraction, dict[str, Fraction]]


@dataclass(frozen=True)
class Witness:
    """A parameter point and a law written out there (possibly in part)."""

    point: dict[str, Fraction]
    outcomes: tuple[Outcome, ...]
    law: str


@dataclass(frozen=True)
class EventSpec:
    """A probability-bound step: its random quantities (``ranges``: name -> [lo, hi]; a
    function atom such as ``GoodTuring(N)`` is named by its class), the domain (integer
    parameters with their least value, parameters in (0, 1)) and its witnesses."""

    ranges: dict[str, tuple[Fraction, Fraction]]
    ints: dict[str, int]
    unit: tuple[str, ...]
    open_unit: tuple[str, ...]
    witnesses: Callable[[], Sequence[Witness]]


# ----- witness laws ------------------------------------------------------------------------
@functools.lru_cache(maxsize=64)
def _all_distinct(n: int, k: int) -> Fraction:
    """Pr[n draws from the uniform law on k values are all distinct] = prod (1 - i/k)."""
    return math.prod((Fraction(k - i, k) for i in range(n)), start=Fraction(1))


@functools.lru_cache(maxsize=16)
def _three_value_law(n: int) -> tuple[tuple[Fraction, Fraction, Fraction], ...]:
    """Every sample of size n from (1/2, 1/4, 1/4), by counts: (probability, N_1/n, missing
    mass), exactly."""
    law = (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))
    out = []
    for a in range(n + 1):
        for b in range(n + 1 - a):
            counts = (a, b, n - a - b)
            ways = math.factorial(n) // math.prod(math.factorial(c) for c in counts)
            prob = ways * math.prod((q**c for q, c in zip(law, counts, strict=True)),
                                    start=Fraction(1))
            g1 = Fraction(counts.count(1), n)
            mm = sum((q for q, c in zip(law, counts, strict=True) if c == 0), Fraction(0))
            out.append((prob, g1, mm))
    return tuple(out)


_GAMMAS = (Fraction(1, 10**30), Fraction(1, 10**12), Fraction(1, 10**6), Fraction(1, 100),
           Fraction(1, 2), Fraction(99, 100))
_SIZES = (1, 2, 10, 20, 50, 100, 300, 1000)


def _gt_witnesses(g_name: str, m_name: str, idk: Fraction | None) -> list[Witness]:
    r"""Witnesses for a pair (Good-Turing / singleton rate ``g_name``, missing mass
    ``m_name``) of a sample of size :math:`N`: the trivial law (nothing given); the uniform
    law on :math:`K = 10^6 N^2` values (all draws distinct: rate 1, missing mass
    :math:`1 - N/K`); the uniform law on :math:`N` values (all distinct: rate 1, missing
    mass 0); the law (1/2, 1/4, 1/4) written out (N = 20, 50; gamma >= 1/100). With ``idk`` =
    :math:`\varphi_0` (Lemma 2's mapped sample :math:`s' \sim \varphi^N`), the values are
    pairs of total mass :math:`1 - \varphi_0` (each law scaled by it) and every outcome also
    asks that IDK is not drawn (probability :math:`(1 - \varphi_0)^N`): then ``g_name`` is
    the singleton rate and ``m_name`` the mass the sample misses."""
    keep = 1 - (idk or 0)
    out: list[Witness] = []
    for n in _SIZES:
        for g in _GAMMAS:
            point = {"N": Fraction(n), "gamma": g} | ({"phi0": idk} if idk else {})
            out.append(Witness(point, ((Fraction(1), {}),), "any law (nothing given)"))
            k = 10**6 * n * n
            spread = {g_name: Fraction(1), m_name: keep * (1 - Fraction(n, k))}
            out.append(Witness(point, ((keep**n * _all_distinct(n, k), spread),),
                               f"uniform on K = {k} values, the N draws all distinct"))
            out.append(Witness(point, ((keep**n * _all_distinct(n, n),
                                        {g_name: Fraction(1), m_name: Fraction(0)}),),
                               "uniform on N values, the N draws all distinct"))
            if n in (20, 50) and g >= Fraction(1, 100):
                out.append(Witness(point, tuple((keep**n * p, {g_name: a, m_name: keep * b})
                                                for p, a, b in _three_value_law(n)),
                                   "the law (1/2, 1/4, 1/4), every sample"))
    return out


# ----- the specs ---------------------------------------------------------------------------
_UNIT = (Fraction(0), Fraction(1))
EVENT_SPECS: dict[tuple[str, str], EventSpec] = {
    ("Corollary 3", "5 (failure)"): EventSpec(
        {"GoodTuring": _UNIT, "MissingMass": _UNIT}, {"N": 1}, ("gamma",), (),
        lambda: _gt_witnesses("GoodTuring", "MissingMass", None)),
    ("Lemma 2", "15 (union bound)"): EventSpec(
        {"err_iiv": _UNIT, "MM": _UNIT, "sr": _UNIT}, {"N": 2}, ("gamma",), ("phi0",),
        lambda: _gt_witnesses("sr", "MM", Fraction(1, 10**6))),
}

#: (claim, step) -> (the smaller quantity, the larger one): 0 <= a <= b <= 1.
ORDER_SPECS: dict[tuple[str, str], tuple[str, str]] = {
    ("Theorem 4", "6a"): ("min_t err_iiv(f_t)", "err_iiv(f_t)"),
}


# ----- events: plain symbols, normal forms, inclusion, emptiness ---------------------------
def _plain(expr: sp.Basic, names: Mapping[str, Any]) -> sp.Basic:
    """``expr`` with each random quantity named in ``names`` (a symbol of that name, or a
    function atom of that class, e.g. ``GoodTuring(N)``) as a plain symbol of that name."""
    table: dict[sp.Basic, sp.Basic] = {}
    for a in expr.atoms(sp.Symbol, sp.Function):
        key = a.name if isinstance(a, sp.Symbol) else type(a).__name__
        if key in names:
            table[a] = sp.Symbol(key)
    return expr.xreplace(table)


_FLIP = {"<": ">", "<=": ">=", ">": ">", ">=": ">="}


def _normal(rel: sp.Basic, rnames: Mapping[str, Any]) -> tuple[sp.Basic, str, sp.Basic] | None:
    """A relation as ``(R, op, t)``: ``R op t`` with ``op`` in ``>``, ``>=``, ``R`` the part
    with random quantities (content 1), ``t`` free of them; None for other relations."""
    op = rel.rel_op
    if op not in _FLIP:
        return None
    d = rel.lhs - rel.rhs if op in (">", ">=") else rel.rhs - rel.lhs
    rand, rest = sp.Integer(0), sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(d)):
        if any(getattr(s, "name", "") in rnames for s in term.free_symbols):
            rand += term
        else:
            rest += term
    if rand == 0:
        return None
    content, prim = rand.as_content_primitive()
    return prim, _FLIP[op], -rest / content


def _ranges_env(spec: EventSpec) -> dict[str, Any]:
    return {k: interval(v) for k, v in spec.ranges.items()}


def _proved(expr: sp.Basic, spec: EventSpec, strict: bool) -> bool:
    """``expr >= 0`` (``> 0``) on the whole domain of ``spec``, proved (:func:`proved_sign`)."""
    try:
        return proved_sign(domain_form(expr, spec.ints, spec.unit, spec.open_unit), strict)
    except (TypeError, ValueError, sp.PolynomialError):
        return False


def _empty(event: sp.Basic, spec: EventSpec) -> bool:
    """The event is empty on the whole domain: a disjunction of empty events, a conjunction
    with an empty one, or ``R op t`` with ``sup R`` (intervals over the ranges) below ``t``."""
    if isinstance(event, sp.Or):
        return all(_empty(a, spec) for a in event.args)
    if isinstance(event, sp.And):
        return any(_empty(a, spec) for a in event.args)
    if not isinstance(event, sp.core.relational.Relational):
        return False
    norm = _normal(event, spec.ranges)
    if norm is None:
        return False
    r, op, t = norm
    try:
        sup = mpmath.mpf(enclose(r, _ranges_env(spec))._mpi_[1])
    except NotEnclosed:
        return False
    if not sup < 10**9:
        return False
    man, exp = sup.man_exp  # the rounded-up endpoint, a binary number: exactly
    ub = sp.Integer(man) * sp.Integer(2) ** exp
    return _proved(t - ub, spec, strict=op == ">=")


def _implies(e1: sp.Basic, e2: sp.Basic, spec: EventSpec) -> bool:
    """``e1`` implies ``e2`` at every value of the random quantities in their ranges, on the
    whole domain (proved: component by component, thresholds compared by
    :func:`_proved`)."""
    if isinstance(e1, sp.Or):
        return all(_implies(a, e2, spec) for a in e1.args)
    if _empty(e1, spec):
        return True
    if isinstance(e2, sp.Or):
        return any(_implies(e1, b, spec) for b in e2.args)
    if isinstance(e1, sp.And):
        return any(_implies(a, e2, spec) for a in e1.args)
    if not all(isinstance(e, sp.core.relational.Relational) for e in (e1, e2)):
        return False
    n1, n2 = _normal(e1, spec.ranges), _normal(e2, spec.ranges)
    if n1 is None or n2 is None or sp.expand(n1[0] - n2[0]) != 0:
        return False
    return _proved(n1[2] - n2[2], spec, strict=n1[1] == ">=" and n2[1] == ">")


# ----- deciding a mutant of a probability bound --------------------------------------------
_P = sp.Symbol("_p")
_OPS = {"=": "==", "==": "==", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "!=": "!="}


def _holds_at(diff: sp.Basic, op: str, spec: EventSpec) -> bool:
    """``diff op 0`` proved on the whole domain (``==``: ``diff`` simplifies to 0)."""
    if op == "==":
        return sp.simplify(diff) == 0
    if op in ("<", "<="):
        return _proved(-diff, spec, strict=op == "<")
    if op in (">", ">="):
        return _proved(diff, spec, strict=op == ">")
    return False


def _p_range(event: sp.Basic, original: sp.Basic, bound: sp.Basic,
             spec: EventSpec) -> tuple[sp.Basic, sp.Basic, str]:
    """What is known of p = Pr[event] on the whole domain: (lo, hi, why)."""
    if _empty(event, spec):
        return sp.Integer(0), sp.Integer(0), "the mutated event is empty on the domain"
    if _implies(event, original, spec):
        return (sp.Integer(0), bound, "the mutated event implies the original's, whose "
                "probability is at most the original (proved) bound")
    return sp.Integer(0), sp.Integer(1), "a probability"


def _pr_bound(step: Any, defined: Callable[[sp.Basic], sp.Basic],
              names: Mapping[str, Any]) -> tuple[sp.Basic, sp.Basic] | None:
    """(event, bound) of a step ``Pr(event) <= bound`` (plain symbols); None otherwise."""
    from hallbound.proofs_checks.library.randomness import Pr

    if step.rel not in ("<=", "<") or not isinstance(step.lhs, Pr) or step.rhs.has(Pr):
        return None
    return _plain(defined(step.lhs.args[0]), names), _plain(defined(step.rhs), names)


def _witness_p(event: sp.Basic, w: Witness, spec: EventSpec) -> tuple[Fraction, Fraction]:
    """An enclosure [lo, hi] of Pr[event] under the witness law (see the module doc)."""
    lo, hi = Fraction(0), Fraction(1)
    base = {**_ranges_env(spec), **{k: interval(v) for k, v in w.point.items()}}
    for prob, values in w.outcomes:
        t = truth(event, {**base, **{k: interval(v) for k, v in values.items()}})
        if t is True:
            lo += prob
        elif t is False:
            hi -= prob
    return lo, hi


def _in_domain(w: Witness, spec: EventSpec) -> bool:
    return all(w.point.get(k, lo) >= lo for k, lo in spec.ints.items())


def decide_bound(m: Any, spec: EventSpec,
                 defined: Callable[[sp.Basic], sp.Basic]) -> tuple[str, str, dict[str, Any] | None]:
    """(status, how, witness) of a mutant of a probability-bound step (module doc)."""
    from hallbound.proofs_checks.library.randomness import Pr

    orig = _pr_bound(m.original, defined, spec.ranges)
    s = m.step
    if orig is None or not all(isinstance(x, sp.Basic) for x in (s.lhs, s.rhs)):
        return "undecidable", "third model: the original is not Pr(event) <= bound", None
    atoms = (s.lhs.atoms(Pr) | s.rhs.atoms(Pr))
    op = _OPS.get(s.rel)
    if len(atoms) != 1 or op is None:
        return "undecidable", "third model: not one Pr(event) in the mutant", None
    atom = next(iter(atoms))
    event = _plain(defined(atom.args[0]), spec.ranges)
    diff = _plain(defined(s.lhs.xreplace({atom: _P}) - s.rhs.xreplace({atom: _P})),
                  spec.ranges)
    poly = diff.as_poly(_P) if diff.has(_P) else None
    if poly is not None and poly.degree() <= 1:
        lo, hi, why = _p_range(event, orig[0], orig[1], spec)
        if all(_holds_at(diff.xreplace({_P: v}), op, spec) for v in (lo, hi)):
            return ("true", f"third model: proved on the domain ({why}: p in [{lo}, {hi}]; "
                    "the relation, affine in p, holds at both ends: SymPy signs)", None)
    for w in spec.witnesses():
        if not _in_domain(w, spec):
            continue
        plo, phi = _witness_p(event, w, spec)
        env = {k: interval(v) for k, v in w.point.items()} | {"_p": interval((plo, phi))}
        try:
            ok = sign_holds(enclose(diff, env), op)
        except NotEnclosed:
            continue
        if ok is False:
            view = {k: str(v) for k, v in w.point.items()}
            return ("false", f"third model: exact law at a point ({w.law}): Pr in "
                    f"[{float(plo):.6g}, {float(phi):.6g}] and the relation fails there "
                    "(interval arithmetic)", view | {"law": w.law})
    return ("undecidable", "third model: neither implied by the original bound nor failing "
            "at a written-out law (the true tail at large N decides it)", None)


# ----- an order 0 <= a <= b <= 1 -----------------------------------------------------------
_VERTICES = ((0, 0), (0, 1), (1, 1))
#: Realised points (a, b): IIV errors j/4 of classifiers on a four-example IIV law, the
#: minimum over a family holding f_t (a = b: the family of f_t alone).
_REALISED = ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 4), Fraction(1, 2)),
             (Fraction(0), Fraction(1, 2)), (Fraction(0), Fraction(0)),
             (Fraction(1), Fraction(1)), (Fraction(0), Fraction(1)))


def _exact_holds(v: sp.Basic, op: str) -> bool:
    return bool({"==": v == 0, "!=": v != 0, "<": v < 0, "<=": v <= 0, ">": v > 0,
                 ">=": v >= 0}[op])


def decide_order(m: Any, names: tuple[str, str]) -> tuple[str, str, dict[str, Any] | None]:
    """(status, how, witness) of a mutant of a step ``a <= b`` on the triangle
    0 <= a <= b <= 1 (module doc)."""
    s = m.step
    op = _OPS.get(s.rel)
    if op is None or not all(isinstance(x, sp.Basic) for x in (s.lhs, s.rhs)):
        return "undecidable", "third model: not a relation of the two quantities", None
    diff = _plain(s.lhs - s.rhs, dict.fromkeys(names))
    a, b = (sp.Symbol(n) for n in names)
    if not diff.free_symbols <= {a, b}:
        return "undecidable", "third model: other symbols than the two quantities", None
    poly = diff.as_poly(a, b) if diff.free_symbols else None
    if poly is not None and poly.total_degree() > 1:
        return "undecidable", "third model: not affine in the two quantities", None
    at = [diff.xreplace({a: sp.Rational(x), b: sp.Rational(y)}) for x, y in _VERTICES]
    if all(_exact_holds(v, op) for v in at):
        return ("true", "third model: affine, holds at the vertices (0,0), (0,1), (1,1) of "
                f"0 <= {names[0]} <= {names[1]} <= 1, hence on the triangle", None)
    for x, y in _REALISED:
        if not _exact_holds(diff.xreplace({a: sp.Rational(x), b: sp.Rational(y)}), op):
            return ("false", f"third model: fails at {names[0]} = {x}, {names[1]} = {y} "
                    "(realised: classifiers erring on j of four equally likely IIV examples)",
                    {names[0]: str(x), names[1]: str(y)})
    return "undecidable", "third model: fails only off the realised points", None


def third_model(m: Any, defined: Callable[[sp.Basic], sp.Basic]) -> tuple[str, str, Any] | None:
    """The third model's (status, how, witness) for a mutant of a step it covers, else
    None. ``defined`` substitutes the claim's definitions into an expression."""
    key = (m.claim.name, m.original.name)
    if key in EVENT_SPECS:
        return decide_bound(m, EVENT_SPECS[key], defined)
    if key in ORDER_SPECS:
        return decide_order(m, ORDER_SPECS[key])
    return None
