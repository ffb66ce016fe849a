r"""The numeric side of a step's check: its parameters and substituted sides
(:func:`step_params`), the 50-digit evaluator, the falsification search's options (the
domain of eliminated variables, the claim's stated relations, interval confirmation, exact
equality for a strict relation), the z3 cross-check, and the REFUTED result built from a
witness (reported in the original variables).

Split from :mod:`~hallbound.proofs_checks.engine.checker` (which re-exports these names)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.precision import EXACT_DIGITS
from hallbound.proofs_checks.engine import certify as cert
from hallbound.proofs_checks.engine.boundary_points import (
    boundary_values,
    closed_ends,
    domain_relations,
)
from hallbound.proofs_checks.engine.claim import Claim, Param, Step, relation_of, structured
from hallbound.proofs_checks.engine.exact_sides import diverging_side, exact_gap, nonreal_side
from hallbound.proofs_checks.engine.finite_sums import mp_lambdify, written_out
from hallbound.proofs_checks.engine.premises import Backing, resolve
from hallbound.proofs_checks.engine.premises import param_domains as _domains
from hallbound.proofs_checks.engine.prover import substitute
from hallbound.proofs_checks.engine.time_limits import limited
from hallbound.proofs_checks.engine.verdicts import StepResult, Verdict

_ORDER = {"<=": (False, 1), "<": (True, 1), ">=": (False, -1), ">": (True, -1)}
#: The method of a REFUTED step whose witness gives one side no real value.
NONREAL_METHOD = ("falsification search: one side has no real value where the other has "
                  "one, confirmed exactly")


def step_params(
    claim: Claim, step: Step, backing: Backing | None = None
) -> tuple[list[Param], sp.Basic | None, sp.Basic | None]:
    """The parameters a step ranges over, and its two sides after the premise substitution
    (definitions, ``given``, structured premises through their slack variables)."""
    if step.evaluate is not None:
        return list(step.params), None, None
    backing = backing or resolve(claim, step, {})
    lhs = sp.sympify(substitute(step.lhs, backing.subs))
    rhs = sp.sympify(substitute(step.rhs, backing.subs))
    known = claim.params_by_symbol(step) | {p.symbol: p for p in backing.params}
    free = linked_symbols(claim, lhs.free_symbols | rhs.free_symbols,
                          conditions(step, backing))
    params = sorted((known[s] for s in free if s in known), key=lambda p: p.name)
    return params, lhs, rhs


def numeric_sides(lhs: Any, rhs: Any) -> tuple[Any, Any]:
    r"""The two sides with every ``Derivative`` and ``Subs`` carried out (``doit``, exact), so
    that the search can evaluate them: :math:`\frac{d}{ds}\,[L - p\log s]_{s=1} = -p`
    (a symbol without ``s`` differentiates to 0). Other nodes (sums, integrals) are left as
    they are; a side that is not a SymPy expression, or that SymPy cannot carry out, is
    returned unchanged."""

    def concrete(e: Any) -> Any:
        if not isinstance(e, sp.Basic) or not e.has(sp.Derivative, sp.Subs):
            return e
        try:
            return e.replace(lambda n: isinstance(n, sp.Derivative | sp.Subs),
                             lambda n: n.doit())
        except Exception:  # noqa: BLE001 - left for the proof; the search has no number
            return e

    return concrete(lhs), concrete(rhs)


def linked_symbols(claim: Claim, symbols: set[sp.Basic], conds: Any = ()) -> set[sp.Basic]:
    """``symbols`` and every symbol a stated relation of the claim (or a condition of the
    step, ``conds``: :func:`conditions`) links to them, directly or through other stated
    relations (``0 < h < (2 - s^2)/(2s + 1)`` links ``h`` to ``s``): a step over ``h``
    draws ``s`` too, so that the relation is checked at each point of the search instead
    of being left out."""
    out = set(symbols)
    rels = [r for r in (_relation_or_none(a) for a in (*claim.assumptions, *conds))
            if r is not None]
    groups = [r[0].free_symbols | r[2].free_symbols for r in rels]
    changed = True
    while changed:
        changed = False
        for g in groups:
            if g & out and not g <= out:
                out |= g
                changed = True
    return out


def _evaluator(params: list[Param], step: Step, lhs: sp.Basic, rhs: sp.Basic):
    """``point -> (lhs, rhs)`` in mpmath at the working precision: an integer argument as an
    ``mpmath.mpf`` (``1/(n + 1)`` over a Python ``int`` is a double), a sum's terms in mpmath
    (:func:`~hallbound.proofs_checks.engine.finite_sums.mp_lambdify`); ``step.evaluate``
    when the step gives its own."""
    if step.evaluate is not None:
        return step.evaluate
    opaque = [
        f
        for f in (lhs.atoms(sp.Function) | rhs.atoms(sp.Function))
        if isinstance(f, sp.core.function.AppliedUndef)
        or (type(f).__module__ or "").startswith("hallbound")  # BallVolume, Pr, E: no number
    ]
    if opaque:
        raise NameError(f"no numeric form for {sorted(map(str, opaque))}")
    syms = [p.symbol for p in params]
    fl, fr = mp_lambdify(syms, lhs), mp_lambdify(syms, rhs)

    def evaluate(point: dict[str, Any]) -> tuple[Any, Any]:
        args = [_mp_arg(point[p.name]) for p in params]
        return mpmath.mpmathify(fl(*args)), mpmath.mpmathify(fr(*args))

    return evaluate


def _mp_arg(v: Any) -> Any:
    """A Python integer as an exact ``mpmath.mpf`` (below :data:`~.falsify.BIG_INT`, exact at
    every working precision); any other argument unchanged."""
    return mpmath.mpf(v) if isinstance(v, int) and not isinstance(v, bool) else v


class ProverDisagreement(RuntimeError):
    """SymPy (or the 50-digit falsifier) and z3 disagree on a step: a bug, never a verdict."""


def _z3_decide(
    lhs: Any,
    rel: str,
    rhs: Any,
    params: list[Param],
    timeout: float = 2.0,
    hypotheses: list | None = None,
):
    from hallbound.proofs_checks.engine.z3_prover import decide

    if rel not in _ORDER and rel != "=":
        return None
    if getattr(lhs, "is_Matrix", False) or getattr(rhs, "is_Matrix", False):
        return None
    if lhs.has(sp.Sum, sp.Integral, sp.Derivative, sp.Subs) or rhs.has(
        sp.Sum, sp.Integral, sp.Derivative, sp.Subs
    ):
        return None
    ints = [p.symbol for p in params if p.is_integer]
    extra = {"hypotheses": hypotheses} if hypotheses else {}
    try:  # z3's own budget is deterministic; the CPU limit catches SymPy's translation
        return limited("z3", decide, lhs, rel, rhs, _domains(params), integers=ints,
                       timeout=timeout, shared=False, **extra)
    except Exception:  # noqa: BLE001 - z3 cannot read it, or was cut off: no second opinion
        return None


def _cross_check(
    step: Step, lhs: Any, rhs: Any, params: list[Param], verdict: Verdict
) -> None:
    """Decide a polynomial step with z3 too; raise on disagreement with ``verdict``."""
    res = _z3_decide(lhs, step.rel, rhs, params, timeout=1.0)
    if res is None:
        return
    if verdict is Verdict.PROVED and res.status == "refuted":
        raise ProverDisagreement(f"{step.name}: SymPy proved it, z3 refutes it ({res.model})")
    if verdict is Verdict.REFUTED and res.status == "proved":
        raise ProverDisagreement(f"{step.name}: a 50-digit witness refutes it, z3 proves it")


def _refuted(
    step: Step, base: dict, found: Any, derived: list[tuple[Param, sp.Basic]] = ()
) -> StepResult:
    point = dict(found.witness)
    if derived:  # the witness in the original variables too (x = 3 - s0 -> x's value)
        point = _with_originals(point, derived)
    view = step.witness_view(point) if step.witness_view else point
    how = "falsification search, re-verified at 50 digits"
    detail = step.note
    if found.equality:
        how = "falsification search: both sides exactly equal where the relation is strict"
        detail = "; ".join(x for x in ("lhs = rhs exactly at the witness", step.note) if x)
    elif getattr(found, "nonreal", ""):
        how = NONREAL_METHOD
        other = "rhs" if found.nonreal == "lhs" else "lhs"
        detail = "; ".join(x for x in (f"{found.nonreal} is not a real number at the witness "
                                       f"({other} is): the step does not hold there as "
                                       "written", step.note) if x)
    elif getattr(found, "diverges", ""):
        how = "falsification search: an integral diverges where the other side is finite"
        pts = ", ".join(f"{k} = {v}" for k, v in _jsonable(found.witness).items())
        detail = "; ".join(x for x in (f"the integral on the {found.diverges} diverges at "
                                       f"{pts} (SymPy's exact value is infinite); the other "
                                       "side is finite there", step.note) if x)
    elif getattr(found, "gap", None) is not None:
        how = "falsification search, decided by the exact value of lhs - rhs at the witness"
        detail = "; ".join(x for x in (f"lhs - rhs = {sp.sstr(found.gap)} exactly at the "
                                       "witness", step.note) if x)
    ends = [f"{k} = {sp.sstr(v)}" for k, v in found.witness.items()
            if isinstance(v, sp.Basic) and not v.is_Rational]
    if ends:  # an irrational domain end, evaluated exactly (the witness shows its float)
        detail = "; ".join(x for x in (f"at the exact domain end {', '.join(ends)}", detail)
                           if x)
    return StepResult(
        **base,
        verdict=Verdict.REFUTED,
        method=how,
        witness=_jsonable(view),
        lhs=_shown(found, "lhs"),
        rhs=_shown(found, "rhs"),
        detail=detail,
    )


def _shown(found: Any, side: str) -> float:
    """A side's value at the witness; NaN for a side with no real value there, inf for a
    diverging integral."""
    if getattr(found, "nonreal", "") == side:
        return float("nan")
    if getattr(found, "diverges", "") == side:
        return float("inf")
    return float(mpmath.re(getattr(found, side)))


def eliminated(claim: Claim, step: Step, backing: Backing) -> list[tuple[Param, sp.Basic]]:
    """The parameters the step's substitution writes through other variables (premise
    elimination ``x = 3 - s0``, a reparametrisation ``delta = exp(-lambda)``), each with its
    value: a point of the search is in the step's domain only when each such value lies in
    its parameter's domain."""
    known = claim.params_by_symbol(step)
    out = []
    for key, value in backing.subs.items():
        p = known.get(key)
        if p is None or p.kind == "spd" or not isinstance(value, sp.Basic):
            continue
        if value.is_number or p.lo is None and p.hi is None and not p.is_integer:
            continue
        out.append((p, value))
    return out


def _search_options(
    params: list[Param],
    derived: list[tuple[Param, sp.Basic]],
    lhs: Any,
    rhs: Any,
    rel: str,
    claim: Claim | None = None,
    subs: Mapping[sp.Basic, Any] | None = None,
    conds: list[tuple[Any, str, Any]] = (),
) -> dict[str, Any]:
    """The ``valid`` / ``exact_equal`` callbacks of
    :func:`~hallbound.proofs_checks.engine.falsify.falsify` for a step; ``subs`` is the
    step's substitution (definitions, premise eliminations), under which the stated
    relations are tested, as the sides are; ``conds``: the step's :func:`conditions`, tested
    at each point the same way. ``boundary``: the exact ends of the valid region
    that the stated relations and the eliminated parameters' domains write linearly
    (:mod:`~hallbound.proofs_checks.engine.boundary_points`), tried first."""
    options: dict[str, Any] = {}
    drawn = {p.symbol for p in params}
    derived = [(p, v) for p, v in derived if v.free_symbols <= drawn]  # the rest is unused
    stated = _assumptions_hold(claim, params, subs) if claim is not None else None
    kept = _conditions_hold(params, list(conds), subs)
    if kept is not None:  # the step's own conditions (its premises) too
        stated = kept if stated is None else _both(stated, kept)
    edges = domain_relations(derived) + (drawn_relations(claim, params, subs) if claim else [])
    edges += [c for c in conds if len(c) == 3 and isinstance(c[2], sp.Basic)
              and isinstance(c[0], sp.Basic)]  # the step's own conditions' ends too
    boundary = boundary_values(edges, params)
    for name, ends in closed_ends(params).items():  # an irrational end: exactly, too
        boundary[name] = [*boundary.get(name, []),
                          *(e for e in ends if e not in boundary.get(name, []))]
    if boundary:  # the ends of a thin valid band: tried first by the search
        options["boundary"] = boundary
    if derived:
        checks = [(p, sp.lambdify([q.symbol for q in params], v, "mpmath")) for p, v in derived]

        def valid(point: dict[str, Any]) -> bool:
            args = [mpmath.mpmathify(point[q.name]) for q in params]
            return all(_in_domain(p, f(*args)) for p, f in checks) and (
                stated is None or stated(point)
            )

        options["valid"] = valid
    elif stated is not None:
        options["valid"] = stated
    if isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic) and rel in (*_ORDER, "="):
        options["confirm"] = _interval_confirm(params, lhs, rhs, rel)
    if rel in ("<", ">") and isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic):
        diff = lhs - rhs

        def exact_equal(point: dict[str, Any]) -> bool:
            values = {p.symbol: _rational(point[p.name]) for p in params}
            at = sums_at(diff, values) if diff.has(sp.Sum, sp.Product) else diff.xreplace(values)
            if at is None:  # a sum not written out exactly: no exact equality shown
                return False
            return limited("simplify", sp.simplify, at, shared=False) == 0

        options["exact_equal"] = exact_equal
    gap = exact_gap(params, lhs, rhs, rel)
    if gap is not None:
        options["exact_gap"] = gap
    side = nonreal_side(params, lhs, rhs, rel)
    if side is not None:
        options["nonreal_side"] = side
    side = diverging_side(params, lhs, rhs, rel)
    if side is not None:
        options["diverging_side"] = side
    return options


def _both(a: Any, b: Any) -> Any:
    return lambda point: a(point) and b(point)


def _assumptions_hold(
    claim: Claim, params: list[Param], subs: Mapping[sp.Basic, Any] | None = None
):
    r"""``point -> bool``: every stated relation of the claim (``Claim.assumptions``) whose
    symbols are all drawn holds at the point (50 digits, with a tolerance of 1e-30 relative
    to the size of its terms, :math:`\sum |t|` over the terms of ``lhs - rhs``, in its
    favour for ``<=``, ``>=``, ``=``, against it for ``<``, ``>``, ``!=``: never absolute, so
    ``Delta <= 2 sqrt(c)`` fails at ``Delta = 5e-324, c = 0``); None when no assumption can
    be evaluated there. A symbol the step's substitution ``subs`` writes through others
    (``x = 3 - s0``) is tested at that value, the one the sides are evaluated at, never at
    its own draw (when that value's symbols are drawn; otherwise the sides do not hold the
    symbol, and its draw stands for some value of it). Assumptions over other symbols, or
    with no numeric form (sums to a symbolic length, Pr, E), are not used."""
    checks = []
    for rel in drawn_relations(claim, params, subs):
        check = _numeric_check(params, rel)
        if check is not None:
            checks.append(check)
    return _all_hold(params, checks) if checks else None


def conditions(step: Step, backing: Backing) -> list[tuple[Any, str, Any]]:
    """The step's premises, backed or not, that premise elimination could not write as a
    substitution: the condition the step is asserted under, which the search keeps to at
    each point (a point where one fails, or has no value, is neither a counterexample nor
    support), as it keeps to an eliminated premise through its slack. What backs a premise
    (``by="hypothesis"``, a step, a lemma, or nothing: ASSUMED) decides whether the
    condition is discharged, never what the step states: where the backing holds, every
    point of the claim's domain meets the premise and the condition removes none."""
    out = []
    for premise in structured(step):
        rel = relation_of(premise.relation)
        if rel in backing.facts:
            out.append(rel)
    return out


def _conditions_hold(
    params: list[Param], conds: list[tuple[Any, str, Any]],
    subs: Mapping[sp.Basic, Any] | None = None,
):
    """``point -> bool``: every condition (:func:`conditions`) holds at the point, as
    :func:`_assumptions_hold` tests a stated relation, under the step's substitution
    ``subs``; one over a symbol the search does not draw, or with no numeric form, holds
    nowhere (no point of the search is known to meet it). None when there are none."""
    if not conds:
        return None
    syms = {p.symbol for p in params}
    values = {k: v for k, v in composed(subs or {}).items()
              if isinstance(v, sp.Basic) and v.free_symbols <= syms}
    checks = []
    for rel in conds:
        rel = _relation_or_none(rel)
        rel = _relation_or_none(_at(rel, values)) if rel is not None and values else rel
        check = None
        if rel is not None and (rel[0].free_symbols | rel[2].free_symbols) <= syms:
            check = _numeric_check(params, rel)
        if check is None:
            return lambda point: False
        checks.append(check)
    return _all_hold(params, checks)


def _numeric_check(params: list[Param], rel: tuple[sp.Expr, str, sp.Expr]) -> Any:
    """``(f, size, op)``: ``lhs - rhs`` and its terms as mpmath functions of the drawn
    ``params``; None when the relation has no numeric form."""
    syms = [p.symbol for p in params]
    lhs, op, rhs = rel
    try:
        f = sp.lambdify(syms, lhs - rhs, "mpmath")
        size = sp.lambdify(syms, [*sp.Add.make_args(lhs), *sp.Add.make_args(rhs)], "mpmath")
    except Exception:  # noqa: BLE001 - no numeric form
        return None
    return f, size, op


def _all_hold(params: list[Param], checks: list[Any]):
    """``point -> bool``: each ``(f, size, op)`` check holds at the point (50 digits, the
    tolerance of :func:`_assumptions_hold`); a check with no real value there fails."""

    def hold(point: dict[str, Any]) -> bool:
        with mpmath.workdps(EXACT_DIGITS):  # an exact point is read at 50 digits too
            args = [mpmath.mpmathify(point[p.name]) if not isinstance(point[p.name], list)
                    else point[p.name] for p in params]
            for f, size, op in checks:
                try:
                    g = mpmath.mpmathify(f(*args))
                    scale = sum(abs(mpmath.mpmathify(t)) for t in size(*args))
                except (ZeroDivisionError, ValueError, OverflowError, TypeError, NameError):
                    return False
                if mpmath.im(g) != 0 or not mpmath.isfinite(g) or not mpmath.isfinite(scale):
                    return False  # undefined there (log 0, 1/0): outside the domain
                tol = mpmath.mpf(10) ** -30 * max(scale, abs(g))
                g = mpmath.re(g)
                # a strict relation must hold by more than the tolerance: a point on its
                # boundary (where it fails) is never taken for one inside
                ok = {"<=": g <= tol, "<": g < -tol, ">=": g >= -tol, ">": g > tol,
                      "=": abs(g) <= tol, "!=": abs(g) > tol}.get(op, True)
                if not ok:
                    return False
        return True

    return hold


def drawn_relations(
    claim: Claim, params: list[Param], subs: Mapping[sp.Basic, Any] | None = None
) -> list[tuple[sp.Expr, str, sp.Expr]]:
    """The claim's stated relations over the drawn ``params`` only, each with the step's
    substitution ``subs`` carried out where its values are written in drawn symbols (the
    point the sides are evaluated at; see :func:`_assumptions_hold`)."""
    syms = {p.symbol for p in params}
    values = {k: v for k, v in composed(subs or {}).items()
              if isinstance(v, sp.Basic) and v.free_symbols <= syms}
    out = []
    for a in claim.assumptions:
        rel = _relation_or_none(a)
        if rel is None:
            continue
        rel = _relation_or_none(_at(rel, values)) if values else rel
        if rel is not None and (rel[0].free_symbols | rel[2].free_symbols) <= syms:
            out.append(rel)
    return out


def _at(rel: tuple[sp.Expr, str, sp.Expr], values: Mapping[sp.Basic, Any]) -> Any:
    """The relation with the substitution carried out; None when it cannot be."""
    try:
        return (rel[0].xreplace(values), rel[1], rel[2].xreplace(values))
    except Exception:  # noqa: BLE001 - left out, as an assumption with no numeric form
        return None


def _relation_or_none(a: Any) -> tuple[sp.Expr, str, sp.Expr] | None:
    if isinstance(a, sp.core.relational.Relational):
        op = "=" if isinstance(a, sp.Equality) else a.rel_op
        a = (a.lhs, op, a.rhs)
    if not (isinstance(a, tuple) and len(a) == 3 and a[1] in (*_ORDER, "=", "!=")):
        return None
    lhs, op, rhs = sp.sympify(a[0]), a[1], sp.sympify(a[2])
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)):
        return None
    if lhs.has(sp.Sum, sp.Integral) or rhs.has(sp.Sum, sp.Integral):
        return None
    opaque = [f for f in (lhs - rhs).atoms(sp.Function)
              if isinstance(f, sp.core.function.AppliedUndef)
              or (type(f).__module__ or "").startswith("hallbound")]
    return None if opaque else (lhs, op, rhs)


def _interval_confirm(params: list[Param], lhs: sp.Basic, rhs: sp.Basic, rel: str):
    """``point -> True/False/None/UNCONFIRMED``: interval arithmetic (mpmath.iv, 60 digits)
    over the exact point decides whether the relation certainly fails there (True) or
    certainly holds (False: no witness); an enclosure too wide to say either (it holds 0, or
    is unbounded) leaves it to the exact rational value (:func:`exact_rational_confirm`,
    else UNCONFIRMED: never cleared), no enclosure at all to SymPy's exact value
    (:func:`exact_confirm`), a function the enclosure does not know to the falsifier's
    precision check (None). A sum or product is first written out exactly at the point
    (:func:`sums_at`); where it cannot be (too many terms, a limit that is no integer) the
    witness is UNCONFIRMED: the search's value of a sum is no enclosure."""
    gap = lhs - rhs if rel in (">=", ">") else rhs - lhs

    def confirm(point: dict[str, Any]) -> bool | None:
        env = {}
        for p in params:
            v = point.get(p.name)
            if isinstance(v, int):
                v = Fraction(v)
            if not isinstance(v, Fraction):
                return None
            env[p.symbol] = (v, v)
        g = gap if rel != "=" else lhs - rhs
        if g.has(sp.Sum, sp.Product):  # written out exactly at the point, or unconfirmed
            g = sums_at(g, {s: sp.Rational(a.numerator, a.denominator)
                            for s, (a, _) in env.items()})
            if g is None:
                return _unconfirmed()
            env = {}
        old_dps = cert.iv.dps
        try:
            cert.iv.dps = 60
            box = {s: cert._IV.interval(a, b) for s, (a, b) in env.items()}
            enclosure = cert.interval_eval(g, box)
            lo, hi = enclosure.a, enclosure.b
        except TypeError:
            return None  # a function the enclosure does not know
        except Exception:  # noqa: BLE001 - no enclosure there: SymPy's exact value decides
            return exact_confirm(g, rel, {s: sp.Rational(a.numerator, a.denominator)
                                          for s, (a, _) in env.items()})
        finally:
            cert.iv.dps = old_dps
        fails = (lo > 0 or hi < 0) if rel == "=" else hi < 0
        if fails:
            return True
        if rel != "=" and (lo > 0 or (lo >= 0 and rel in (">=", "<="))):
            return False  # the relation certainly holds there: no witness
        # too wide to decide (a 0^0 enclosed as [0, oo]) or an equality that intervals never
        # show: the 50-digit violation stands against it, so the exact value decides
        return exact_rational_confirm(g, rel, {s: sp.Rational(a.numerator, a.denominator)
                                               for s, (a, _) in env.items()})

    return confirm


def sums_at(expr: sp.Basic, values: Mapping[sp.Basic, sp.Basic]) -> sp.Basic | None:
    """``expr`` at the exact point ``values`` with each sum and product written out term by
    term, exactly (:func:`~hallbound.proofs_checks.engine.finite_sums.written_out`, within
    the CPU limit of one SymPy call); None where that cannot be done."""
    try:
        return limited("write out a sum", written_out, expr.xreplace(dict(values)),
                       shared=False)
    except Exception:  # noqa: BLE001 - not written out (in time): no exact value
        return None


def _unconfirmed() -> Any:
    from hallbound.proofs_checks.engine.falsify import UNCONFIRMED

    return UNCONFIRMED


def exact_rational_confirm(gap: sp.Basic, rel: str, values: Mapping[sp.Basic, sp.Basic]) -> Any:
    r"""Whether the relation fails at an exact point where SymPy's automatic evaluation
    gives ``gap`` (as in :func:`exact_confirm`) as a rational number: True when it is
    negative (non-zero for ``=``), False when not, or when it is no real number (``zoo``,
    ``nan``: not a point of the step); else
    :data:`~hallbound.proofs_checks.engine.falsify.UNCONFIRMED`. No ``evalf`` decides a sign
    here: SymPy's ``is_negative`` on :math:`e^{x}\log(1 + e^{-x}) - 1/2` at
    :math:`x = 2543` reads ``log(1 + 10^{-1104})`` as 0 and says negative."""
    from hallbound.proofs_checks.engine.falsify import UNCONFIRMED

    try:
        v = gap.xreplace(dict(values))
    except Exception:  # noqa: BLE001 - no exact value: undecided
        return UNCONFIRMED
    v = sums_at(v, {}) if v.has(sp.Sum, sp.Product) else v
    if v is None:
        return UNCONFIRMED
    if v.has(sp.zoo, sp.nan) or (v.is_number and v.is_extended_real is False):
        return False
    if not v.is_Rational:
        return UNCONFIRMED
    return bool(v != 0) if rel == "=" else bool(v < 0)


def exact_confirm(gap: sp.Basic, rel: str, values: Mapping[sp.Basic, sp.Basic]) -> Any:
    r"""Whether the relation fails at an exact point, from SymPy's exact value of ``gap``
    there (:math:`\text{lhs} - \text{rhs}` for ``>=``, ``>``, ``=``; the reverse for
    ``<=``, ``<``): True when it is negative (non-zero for ``=``), False when the relation
    holds or the gap has no real value there (a pole, ``log 0``: no witness), and
    :data:`~hallbound.proofs_checks.engine.falsify.UNCONFIRMED` when neither is shown (in
    time). Used where interval arithmetic raises, e.g. on :math:`(-1)^p` at an integer
    ``p``, which ``mpmath.iv`` does not enclose."""
    from hallbound.proofs_checks.engine.falsify import UNCONFIRMED

    def decide() -> Any:
        v = gap.xreplace(dict(values))
        v = sums_at(v, {}) if v.has(sp.Sum, sp.Product) else v
        if v is None:
            return UNCONFIRMED
        if not v.is_number or v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return False if v.is_number else UNCONFIRMED
        if v.is_extended_real is False:
            return False  # no real value there: not a point of the step
        if rel == "=":
            zero = v.is_zero
            return UNCONFIRMED if zero is None else not zero
        neg = v.is_negative
        if neg is not None and v.is_extended_real:
            return bool(neg)
        f = v.evalf(60, strict=True)  # raises when 60 digits are not reached
        if f.is_real and f.is_Float:
            return bool(f < 0)
        return UNCONFIRMED

    try:
        return limited("confirm a witness exactly", decide, shared=False)
    except Exception:  # noqa: BLE001 - SymPy cannot evaluate it (in time): undecided
        return UNCONFIRMED


def _rational(v: Any) -> sp.Basic:
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sp.Integer(v)
    if isinstance(v, sp.Basic) and v.is_number:  # an irrational domain end
        return v
    raise TypeError(f"no exact value for {v!r}")


def _in_domain(p: Param, value: Any) -> bool:
    """``value`` (an mpmath number) is a real number in ``p``'s domain."""
    if mpmath.im(value) != 0:
        return False
    v = mpmath.re(value)
    if mpmath.isnan(v) or mpmath.isinf(v):
        return False
    if p.lo is not None and (v < p.lo or (p.lo_open and v == p.lo)):
        return False
    if p.hi is not None and (v > p.hi or (p.hi_open and v == p.hi)):
        return False
    return not (p.is_integer and v != mpmath.floor(v))


def substituted(claim: Claim, step: Step, backing: Backing) -> list[tuple[Param, sp.Basic]]:
    """Every parameter the step's substitution writes as an expression (a definition, a
    premise elimination ``x = 3 - s0``, a ``given`` value), with that expression: the value
    a witness reports for it, whatever was drawn for the symbol itself."""
    known = claim.params_by_symbol(step)
    return [(known[k], v) for k, v in composed(backing.subs).items()
            if k in known and known[k].kind != "spd" and isinstance(v, sp.Basic)]


def composed(subs: Mapping[sp.Basic, Any], rounds: int = 8) -> dict[sp.Basic, Any]:
    """``subs`` with each value written through the others until nothing changes (``x = y -
    s0`` and ``y = 2 - s1`` give ``x = 2 - s1 - s0``; definitions in terms of definitions),
    so that a value holds only the symbols the sides are finally evaluated at."""
    out = dict(subs)
    for _ in range(rounds):
        nxt = {k: v.xreplace(out) if isinstance(v, sp.Basic) else v for k, v in out.items()}
        if nxt == out:
            break
        out = nxt
    return out


def _with_originals(point: dict[str, Any], derived: list[tuple[Param, sp.Basic]]) -> dict:
    """The witness with each eliminated parameter's value (exact where SymPy can) in place
    of any value drawn for it: the sides were evaluated at the former. A parameter whose
    value is not a real number there is left out."""
    out = dict(point)
    values = {}
    for k, v in point.items():
        try:
            values[k] = _rational(v)
        except TypeError:
            values = None
            break
    if values is None:
        return out
    for p, value in derived:
        subs = {s: values[s.name] for s in value.free_symbols if s.name in values}
        if len(subs) != len(value.free_symbols):
            continue
        try:
            exact = sp.nsimplify(value.xreplace(subs))
            out[p.name] = (Fraction(int(exact.p), int(exact.q)) if exact.is_Rational
                           else float(exact))
        except (TypeError, ValueError, AttributeError):
            out.pop(p.name, None)  # no real number there: its draw is not shown either
    return out


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, mpmath.mpf):
        return float(v)
    if isinstance(v, sp.Basic) and v.is_number:  # an irrational domain end, as a float
        return float(v)
    return v
