r"""Exact points where a strict step's two sides are equal: candidates the random search
almost never draws.

A strict step ``lhs > rhs`` (or ``<``) fails wherever :math:`g = \text{lhs} - \text{rhs}`
is 0: :math:`(3x - 1)^2 > 0` at :math:`x = 1/3`, :math:`x^2 - 2\sqrt2 x + 2 > 0` at
:math:`x = \sqrt 2`. Random draws are binary fractions and miss such points.

- One drawn real parameter, :math:`g = N/D` a rational function of it (any constant
  coefficients): the real roots of :math:`N` (SymPy ``roots``, exact radicals, or
  ``real_roots`` over the rationals) are the candidates (:func:`root_candidates`).
- Several parameters, :math:`g` polynomial: z3's counter-model of the step, when it is
  rational (:func:`z3_candidates`).

A rational candidate goes to the search as a boundary value, which verifies it as any other
point (domain, stated relations, exact equality). An irrational root is confirmed here
(:func:`exact_root_witness`): it lies in the exact domain, both sides are finite real
numbers there, and ``simplify`` gives :math:`g = 0` exactly; otherwise it is dropped.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from hallbound.precision import EXACT_DIGITS
from hallbound.proofs_checks.engine.claim import Claim, Param, Step
from hallbound.proofs_checks.engine.falsify import Falsification, falsify
from hallbound.proofs_checks.engine.time_limits import limited
from hallbound.proofs_checks.engine.verdicts import StepResult

#: Polynomials of higher degree are not solved (the search is only ever given candidates).
MAX_DEGREE = 8
#: CPU seconds for solving, and for each exact check at a root.
ROOT_SECONDS = 2.0


def _lone_real(params: list[Param], gap: sp.Expr) -> Param | None:
    """The one real parameter ``gap`` is a rational function of; None otherwise."""
    reals = [p for p in params if p.kind == "real"]
    if len(params) != 1 or len(reals) != 1:
        return None
    x = reals[0].symbol
    if not isinstance(x, sp.Symbol) or gap.free_symbols != {x}:
        return None
    if gap.has(sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Subs):
        return None
    return reals[0] if gap.is_rational_function(x) else None


def root_candidates(params: list[Param], lhs: sp.Expr, rhs: sp.Expr) -> list[sp.Expr]:
    r"""The distinct real roots of the numerator of ``lhs - rhs`` in the one real parameter
    (exact SymPy numbers, rational first); [] when the gap is no rational function of one
    real parameter, of degree at most :data:`MAX_DEGREE`, or solving takes too long."""
    p = _lone_real(params, sp.sympify(lhs) - sp.sympify(rhs))
    if p is None:
        return []
    x = p.symbol

    def solve() -> list[sp.Expr]:
        num, _ = sp.fraction(sp.together(sp.sympify(lhs) - sp.sympify(rhs)))
        poly = sp.Poly(sp.expand(num), x)
        if not 1 <= poly.degree() <= MAX_DEGREE:
            return []
        if poly.domain.is_ZZ or poly.domain.is_QQ:
            found = list(dict.fromkeys(sp.real_roots(poly)))
        else:
            found = [r for r in sp.roots(poly) if r.is_extended_real]
        return sorted(found, key=lambda r: not r.is_Rational)

    try:
        return limited("real roots of a strict step's gap", solve, seconds=ROOT_SECONDS,
                       shared=False)
    except Exception:  # noqa: BLE001 - not solved (in time): no candidates
        return []


def z3_candidates(params: list[Param], lhs: sp.Expr, rel: str, rhs: sp.Expr
                  ) -> dict[str, list[Fraction]]:
    """z3's rational counter-model of a polynomial step over several parameters, as
    boundary values (name -> [value]); {} when there is none."""
    from hallbound.proofs_checks.engine.search import _z3_decide

    if len(params) < 2 or any(p.kind == "spd" for p in params):
        return {}
    res = _z3_decide(lhs, rel, rhs, params, timeout=1.0)
    if res is None or res.status != "refuted" or not res.exact_model:
        return {}
    out: dict[str, list[Fraction]] = {}
    for p in params:
        v = res.exact_model.get(p.symbol)
        if not isinstance(v, sp.Rational):
            return {}
        out[p.name] = [Fraction(int(v.p), int(v.q))]
    return out


def exact_root_witness(p: Param, lhs: sp.Expr, rhs: sp.Expr, root: sp.Expr
                       ) -> tuple[Any, Any] | None:
    """``(lhs, rhs)`` at ``p = root`` (exact) when the root lies in ``p``'s exact domain,
    both sides are finite real numbers there and ``lhs - rhs`` simplifies to 0; else
    None."""

    def check() -> tuple[Any, Any] | None:
        if root.is_extended_real is not True or not p.contains_exactly(root):
            return None
        if p.is_integer and root.is_integer is not True:
            return None
        at = {p.symbol: root}
        l, r = sp.sympify(lhs).xreplace(at), sp.sympify(rhs).xreplace(at)
        for side in (l, r):
            if side.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or side.is_extended_real is not True:
                return None
        if sp.simplify(l - r) != 0:
            return None
        return l, r

    try:
        return limited("exact check at a root", check, seconds=ROOT_SECONDS, shared=False)
    except Exception:  # noqa: BLE001 - not shown (in time): no witness
        return None


def at_roots(claim: Claim, step: Step, base: dict, params: list[Param], evaluate: Any,
             sides: tuple[sp.Expr, sp.Expr], rng: np.random.Generator,
             search: dict[str, Any], shown: Any = (), backing: Any = None,
             ) -> StepResult | None:
    """REFUTED at a root of a strict step's gap (see the module doc), or None: the rational
    candidates through the search's own checks, the irrational roots confirmed exactly."""
    from hallbound.proofs_checks.engine.search import _refuted
    from hallbound.proofs_checks.engine.stated_witness import check_witness, refuted_or_withdrawn

    if step.rel not in ("<", ">"):
        return None
    lhs, rhs = sides
    roots = root_candidates(params, lhs, rhs)
    boundary = ({params[0].name: [Fraction(int(r.p), int(r.q)) for r in roots if r.is_Rational]}
                if roots else z3_candidates(params, lhs, step.rel, rhs))
    if any(boundary.values()):
        options = dict(search)
        old = options.get("boundary") or {}
        options["boundary"] = {k: [*boundary.get(k, ()), *old.get(k, ())]
                               for k in {*boundary, *old}}
        found = falsify(params, evaluate, step.rel, rng, trials=0, hypothesis_examples=0,
                        local_starts=0, **options)
        if found.witness is not None:
            return refuted_or_withdrawn(claim, step, base, params, found, shown, backing)
    for root in (r for r in roots if not r.is_Rational):
        found = _irrational_witness(params[0], lhs, rhs, root, search.get("valid"))
        if found is None or check_witness(claim, params, found, backing, step).unread:
            continue
        out = _refuted(step, base, found, shown)
        out.method = ("exact real root of lhs - rhs: both sides exactly equal where the "
                      "relation is strict")
        out.detail = "; ".join(x for x in (f"lhs = rhs exactly at {params[0].name} = "
                                           f"{sp.sstr(root)}", step.note) if x)
        return out
    return None


def _irrational_witness(p: Param, lhs: sp.Expr, rhs: sp.Expr, root: sp.Expr,
                        valid: Any) -> Falsification | None:
    """The witness ``p = root`` (shown as a float) when :func:`exact_root_witness` confirms
    it and the search's ``valid`` (stated relations, domains of eliminated variables) holds
    there at 50 digits."""
    sides = exact_root_witness(p, lhs, rhs, root)
    if sides is None:
        return None
    with mpmath.workdps(EXACT_DIGITS):
        point = {p.name: mpmath.mpf(str(sp.N(root, EXACT_DIGITS + 10)))}
        try:
            if valid is not None and not valid(point):
                return None
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        l, r = (mpmath.mpf(str(sp.N(v, EXACT_DIGITS + 10))) for v in sides)
    return Falsification({p.name: float(point[p.name])}, l, r, 0, equality=True)


__all__ = ["at_roots", "exact_root_witness", "root_candidates", "z3_candidates"]
