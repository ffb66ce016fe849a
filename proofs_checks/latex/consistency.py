r"""A point that meets every stated assumption of an environment (``verify``'s model search).

A step is shown *under* the stated relations of its environment (``% hb: assume \sin(x)
\ge 2``); when no point meets them all, every step holds vacuously, so no PROVED, CERTIFIED or
SUPPORTED may rest on them. z3 proves some such contradictions (polynomial ones); it reads no
``\sin``, ``\log``, ``e^x`` or opaque atom, so "z3 found no contradiction" is no evidence of
consistency. :func:`find_point` asks for evidence instead: a point of the parameters'
domains (an atom within its bounds, ``0 \le \Pr \le 1``) at which every stated relation
holds, checked exactly at 30 digits. None found among :data:`TRIES` draws means that
consistency is not shown (the caller treats the relations as possibly contradictory).

The draws mix the domains' ends and midpoints, a grid of small and large values shared by
all variables (so that ``x \le y \le x`` is met at ``x = y``), and uniform values; each is
screened in floating point and confirmed exactly, with no tolerance.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

import sympy as sp

#: Draws tried before consistency is called not shown.
TRIES = 3000
#: Values shared by every variable without a bounded domain (and offsets from a single end).
GRID = (0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 0.1, 3.0, 10.0, -10.0, 100.0, -100.0, 1e4, 1e6)
_OFFSETS = (0.0, 1e-12, 1e-9, 1e-6, 1e-3, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0, 1e4, 1e6)


def _draw(p: Any, rng: random.Random, shared: float) -> float:
    """One value in the domain of the parameter ``p`` (None: no domain known)."""
    lo = getattr(p, "lo", None)
    hi = getattr(p, "hi", None)
    if lo is not None and hi is not None:
        pick = rng.random()
        v = lo if pick < 0.15 else hi if pick < 0.3 else (lo + hi) / 2 if pick < 0.4 else (
            rng.uniform(lo, hi))
    elif lo is not None:
        v = lo + (rng.choice(_OFFSETS) if rng.random() < 0.6 else rng.expovariate(0.2))
    elif hi is not None:
        v = hi - (rng.choice(_OFFSETS) if rng.random() < 0.6 else rng.expovariate(0.2))
    else:
        v = shared if rng.random() < 0.5 else rng.choice(GRID + (rng.uniform(-10, 10),))
    if getattr(p, "is_integer", False):
        v = float(round(v))
        v = max(v, math.ceil(lo)) if lo is not None else v
        v = min(v, math.floor(hi)) if hi is not None else v
        return v
    width = 1e-9 * (hi - lo) if lo is not None and hi is not None else 1e-12
    if lo is not None and getattr(p, "lo_open", False) and v <= lo:
        v = lo + width  # an open end is outside the domain
    if hi is not None and getattr(p, "hi_open", False) and v >= hi:
        v = hi - width
    return v


def _screen(relations: list[tuple[Any, str, Any]], syms: list[sp.Symbol]
            ) -> Callable[[list[float]], bool] | None:
    """A floating-point test of every relation at a point (lenient by 1e-9 relative); None
    when the relations cannot be compiled."""
    try:
        gaps = sp.lambdify(syms, [a - b for a, _, b in relations], modules="math")
    except Exception:  # noqa: BLE001 - no float test: the exact check alone decides
        return None
    ops = [op for _, op, _ in relations]

    def test(values: list[float]) -> bool:
        try:
            vals = gaps(*values)
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            return False
        for g, op in zip(vals, ops, strict=True):
            if isinstance(g, complex):
                return False
            tol = 1e-9 * (1 + abs(g))
            if not {"<": g < tol, "<=": g <= tol, ">": g > -tol, ">=": g >= -tol,
                    "!=": True, "=": abs(g) <= tol}.get(op, False):
                return False
        return True

    return test


def holds_exactly(gap: Any, op: str, point: dict[Any, float]) -> bool:
    """``gap OP 0`` at ``point`` (its values read as exact rationals), decided at 50 digits
    with no tolerance: ``e^x < 0`` is never met, however small ``e^x`` is there."""
    try:
        exact = {k: sp.nsimplify(v, rational=True) for k, v in point.items()}
        g = sp.sympify(gap).xreplace(exact)
        val = complex(g.evalf(50))
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    if val.imag != 0:
        return False
    v = val.real
    return {"<": v < 0, "<=": v <= 0, ">": v > 0, ">=": v >= 0, "!=": v != 0,
            "=": v == 0}.get(op, False)


def find_point(relations: list[tuple[Any, str, Any]], params: dict[Any, Any],
               tries: int = TRIES, seed: int = 0) -> dict[Any, float] | None:
    """A point of the ``params``' domains where every relation ``(lhs, op, rhs)`` holds
    (:func:`holds_exactly`); None when none is found in ``tries`` draws (200 when the
    relations cannot be compiled to floating point for a first screen)."""
    syms = sorted({s for a, _, b in relations for s in (a.free_symbols | b.free_symbols)},
                  key=str)
    screen = _screen(relations, syms)
    rng = random.Random(seed)
    for _ in range(tries if screen is not None else min(tries, 200)):
        shared = rng.choice(GRID)
        values = [_draw(params.get(s), rng, shared) for s in syms]
        if screen is not None and not screen(values):
            continue
        point = dict(zip(syms, values, strict=True))
        if all(holds_exactly(a - b, op, point) for a, op, b in relations):
            return point
    return None


__all__ = ["GRID", "TRIES", "find_point", "holds_exactly"]
