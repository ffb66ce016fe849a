r"""Points on the boundary of a step's valid region, for the falsification search.

A false step may fail only in a thin band of its domain: ``exp(x) >= exp(3 - 5\cdot10^{-7})``
under the stated relation ``x >= 3 - 10^{-6}`` fails only for ``x`` in
:math:`[3 - 10^{-6}, 3 - 5\cdot10^{-7})`, which random draws over ``[-10, 10]`` almost never
hit. The band's end is written in the relation itself: where its two sides are equal.

:func:`boundary_values` takes each relation that is linear in exactly one drawn parameter,
with rational coefficients (:math:`c_1 x + c_0 \;\text{op}\; 0`), and gives the exact root
:math:`x = -c_0 / c_1`; for a strict relation the root nudged into the relation's side by
:math:`10^{-20}(1 + |x|)`, then to the nearest double strictly on that side
(:func:`nudged`). The values are only candidates, tried first by the search
(:func:`~hallbound.proofs_checks.engine.falsify.nice_points`): a witness among them is kept
only after the search's own checks (every stated relation and domain at the exact point, the
violation at 50 digits, interval confirmation), as any other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param

#: Relative step by which a strict relation's root is moved to the side where it holds.
NUDGE = Fraction(1, 10**20)

#: ``op`` -> the sign ``lhs - rhs`` must have at a point nudged off a strict boundary.
_STRICT_SIDE = {">": 1, "<": -1}


def linear_root(g: sp.Expr, x: sp.Symbol) -> Fraction | None:
    """The root of ``g`` when it is :math:`c_1 x + c_0` with rational :math:`c_1 \\ne 0`,
    :math:`c_0`; else None."""
    try:
        poly = sp.Poly(g, x)
    except sp.PolynomialError:
        return None
    if poly.degree() != 1:
        return None
    c1, c0 = poly.all_coeffs()
    if not (c1.is_Rational and c0.is_Rational) or c1 == 0:
        return None
    root = -c0 / c1
    return Fraction(int(root.p), int(root.q))


def _exact_root(g: sp.Expr, x: sp.Symbol) -> sp.Expr | None:
    r"""The root of ``g`` when it is :math:`c_1 x + c_0` with real exact numbers
    :math:`c_1 \ne 0`, :math:`c_0` (``x - \pi/4``, ``x - \sqrt{2}``); else None."""
    try:
        poly = sp.Poly(g, x)
    except sp.PolynomialError:
        return None
    if poly.degree() != 1:
        return None
    c1, c0 = poly.all_coeffs()
    if not all(c.is_number and c.is_real and c.is_finite for c in (c1, c0)) or c1.is_zero:
        return None
    root = -c0 / c1
    return root if root.is_real and root.is_finite and not root.has(sp.Float) else None


def boundary_values(
    relations: Iterable[tuple[sp.Expr, str, sp.Expr]], params: Sequence[Param]
) -> dict[str, list[Fraction]]:
    """Parameter name -> the exact boundary values of ``relations`` (see the module doc) that
    lie in the parameter's domain; only real (or, for an integer root, integer) scalar
    parameters."""
    by_symbol = {p.symbol: p for p in params if p.kind == "real" or p.is_integer}
    out: dict[str, list[Fraction]] = {}
    for lhs, op, rhs in relations:
        g = sp.sympify(lhs - rhs)
        free = g.free_symbols
        if len(free) != 1 or next(iter(free)) not in by_symbol:
            continue
        x = next(iter(free))
        root = linear_root(g, x)
        if root is None:
            if op in ("<=", ">=") and (end := _exact_root(g, x)) is not None \
                    and by_symbol[x].kind == "real" and by_symbol[x].contains(float(end)) \
                    and end not in out.get(by_symbol[x].name, []):
                out.setdefault(by_symbol[x].name, []).append(end)  # x <= pi/4: at pi/4
            continue
        side = _STRICT_SIDE.get(op)
        if side is not None:
            slope = sp.Poly(g, x).all_coeffs()[0]
            root = nudged(root, side * (1 if slope > 0 else -1))
        p = by_symbol[x]
        if p.contains(root) and root not in out.get(p.name, []):
            out.setdefault(p.name, []).append(int(root) if p.is_integer else root)
    return out


def closed_ends(params: Sequence[Param]) -> dict[str, list[Any]]:
    r"""Parameter name -> its closed domain ends, exactly: a Fraction for a rational end, the
    SymPy number for an irrational one (``\frac{\pi}{4}``, ``\sqrt{2}``, ``e``), which the
    float draws never reach (rounded outward, then rejected against the exact end); a step
    false only there (``\tan x < 1`` on :math:`[0, \pi/4]`) is refuted at it. Real scalar
    parameters only."""
    out: dict[str, list[Any]] = {}
    for p in params:
        if p.kind != "real" or p.is_integer:
            continue
        for end, is_open in ((p.exact_lo, p.lo_open), (p.exact_hi, p.hi_open)):
            if end is None or is_open:
                continue
            v = sp.sympify(end)
            if not (v.is_number and v.is_real and v.is_finite):
                continue
            exact = Fraction(int(v.p), int(v.q)) if v.is_Rational else v
            if exact not in out.get(p.name, []):
                out.setdefault(p.name, []).append(exact)
    return out


def nudged(root: Fraction, direction: int) -> Fraction:
    r"""The double nearest to :math:`r + d \cdot 10^{-20}(1 + |r|)` that lies strictly on the
    side ``direction`` (``d``, +1 or -1) of ``root`` (:math:`r`), exactly: the value is
    a double, so the witness the report prints (a float) is the point checked and meets
    the strict relation too (``1 - 10^{-20}`` would print as ``1``, on the boundary)."""
    f = float(root + direction * NUDGE * (1 + abs(root)))
    while (Fraction(f) - root) * direction <= 0:
        f = math.nextafter(f, direction * math.inf)
    return Fraction(f)


def domain_relations(
    derived: Iterable[tuple[Param, sp.Basic]],
) -> list[tuple[sp.Expr, str, sp.Expr]]:
    """The domain ends of each eliminated parameter as relations on its value
    (``x = 3 - s0`` with :math:`x \\ge 0` gives ``3 - s0 >= 0``)."""
    out = []
    for p, value in derived:
        if p.lo is not None:
            out.append((value, ">" if p.lo_open else ">=", p.exact_lo))
        if p.hi is not None:
            out.append((value, "<" if p.hi_open else "<=", p.exact_hi))
    return out


__all__ = ["NUDGE", "boundary_values", "closed_ends", "domain_relations", "linear_root", "nudged"]
