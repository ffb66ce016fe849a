r"""Exact readings of a step's sides at an exact point of the falsification search, for the
points its 50-digit check cannot decide.

- :func:`exact_gap`: :math:`g = \text{lhs} - \text{rhs}` as an exact rational, for a step
  whose gap is a rational function of the drawn parameters with rational coefficients.
  ``10^{50} + 1 = 10^{50}`` and ``1 \ge 1 + 10^{-40}`` differ below the re-check's relative
  tolerance (:data:`~hallbound.proofs_checks.engine.falsify.VERIFY_TOL`); the exact gap
  refutes them.
- :func:`nonreal_side`: which side has no real value where the other has one, from SymPy's
  exact values (``2\ln x`` at :math:`x = -1/2` is :math:`2\ln(1/2) + 2\pi i`, while
  :math:`\ln(x^2)` is real): the step does not hold there as written. A side with a power
  whose exponent is symbolic or a fraction with an odd denominator (:math:`x^{1/3}`, which
  an author may mean as the real cube root) is never read as non-real.
- :func:`diverging_side`: which side holds an integral whose exact value (SymPy's
  ``doit`` at the point) is :math:`\pm\infty` while the other side is a finite real
  number: :math:`\int_0^1 x^a\,dx = 1/(a+1)` at :math:`a = -2`. A side SymPy cannot
  integrate (in time), or integrates to ``nan`` or bounds, shows nothing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy as sp

from hallbound.proofs_checks.engine.claim import Param
from hallbound.proofs_checks.engine.time_limits import limited

_ORDERS = ("<=", "<", ">=", ">", "=")
_UNEVALUATED = (sp.Sum, sp.Product, sp.Integral, sp.Derivative, sp.Subs, sp.Limit)
#: CPU seconds for one exact evaluation at a point.
EXACT_SECONDS = 2.0


def _exact(v: Any) -> sp.Basic:
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, int):
        return sp.Integer(v)
    raise TypeError(f"no exact value for {v!r}")


def _scalar_sides(params: list[Param], lhs: Any, rhs: Any, rel: str) -> bool:
    return (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr) and rel in _ORDERS
            and not any(p.kind == "spd" for p in params)
            and not (lhs.has(*_UNEVALUATED) or rhs.has(*_UNEVALUATED)))


def _values(params: list[Param], point: dict[str, Any]) -> dict[sp.Basic, sp.Basic]:
    return {p.symbol: _exact(point[p.name]) for p in params if p.name in point}


def exact_gap(params: list[Param], lhs: Any, rhs: Any, rel: str) -> Any:
    """``point -> lhs - rhs`` at an exact point (a SymPy Rational), for a step whose gap is
    a rational function of the drawn parameters with rational coefficients (its value at a
    rational point is rational, computed exactly); None for any other step."""
    if not _scalar_sides(params, lhs, rhs, rel):
        return None
    syms = [p.symbol for p in params]
    try:
        gap = lhs - rhs
        if not gap.free_symbols <= set(syms) or not gap.is_rational_function(*syms):
            return None
        if any(not a.is_Rational for a in gap.atoms(sp.Number)) or gap.has(sp.NumberSymbol):
            return None
    except Exception:  # noqa: BLE001 - no exact form: no exact gap
        return None

    def at(point: dict[str, Any]) -> Any:
        values = _values(params, point)
        return limited("exact gap", gap.xreplace, values, seconds=EXACT_SECONDS, shared=False)

    return at


def _branch_free(side: sp.Expr) -> bool:
    """No power in ``side`` whose exponent is symbolic or a fraction with an odd
    denominator (a real odd root may be meant), nor an unevaluated or undefined function."""
    for a in side.atoms(sp.Pow):
        e = a.exp
        if e.is_Integer:
            continue
        if not (e.is_Rational and e.q % 2 == 0):
            return False
    return not any(isinstance(f, sp.core.function.AppliedUndef) for f in side.atoms(sp.Function))


def _real_finite(v: sp.Basic) -> bool:
    return (v.is_number and not v.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
            and v.is_extended_real is True)


def _not_real(v: sp.Basic) -> bool:
    return (v.is_number and not v.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
            and v.is_extended_real is False and v.is_finite is True)


def nonreal_side(params: list[Param], lhs: Any, rhs: Any, rel: str) -> Any:
    """``point -> "lhs" | "rhs" | None``: the side that SymPy's exact value at the exact
    point shows to be a finite non-real number while the other is a finite real one (see the
    module doc); None (no callback) for a step where that is never read."""
    if not _scalar_sides(params, lhs, rhs, rel):
        return None
    readable = {"lhs": _branch_free(lhs), "rhs": _branch_free(rhs)}
    if not any(readable.values()):
        return None

    def side(point: dict[str, Any]) -> str | None:
        values = _values(params, point)

        def decide() -> str | None:
            l, r = lhs.xreplace(values), rhs.xreplace(values)
            if readable["rhs"] and _real_finite(l) and _not_real(r):
                return "rhs"
            if readable["lhs"] and _real_finite(r) and _not_real(l):
                return "lhs"
            return None

        return limited("exact values of the sides", decide, seconds=EXACT_SECONDS,
                       shared=False)

    return side


def _at(side: sp.Expr, values: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    v = side.xreplace(values)
    return v.doit() if v.has(sp.Integral) else v


def diverging_side(params: list[Param], lhs: Any, rhs: Any, rel: str) -> Any:
    r"""``point -> "lhs" | "rhs" | None``: the side holding an integral that SymPy integrates
    exactly to :math:`\pm\infty` at the exact point, the other side being a finite real
    number there (see the module doc); None (no callback) when no side holds an integral
    or a node SymPy would not carry out exactly."""
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)) or rel not in _ORDERS:
        return None
    if not (lhs.has(sp.Integral) or rhs.has(sp.Integral)) or any(p.kind == "spd"
                                                                 for p in params):
        return None
    others = (sp.Sum, sp.Product, sp.Derivative, sp.Subs, sp.Limit)
    if lhs.has(*others) or rhs.has(*others):
        return None

    def side(point: dict[str, Any]) -> str | None:
        values = _values(params, point)

        def decide() -> str | None:
            for name, one, other in (("lhs", lhs, rhs), ("rhs", rhs, lhs)):
                if not one.has(sp.Integral):
                    continue
                v = _at(one, values)
                if v in (sp.oo, -sp.oo) and _real_finite(_at(other, values)):
                    return name
            return None

        return limited("exact integrals at a point", decide, seconds=EXACT_SECONDS,
                       shared=False)

    return side


__all__ = ["diverging_side", "exact_gap", "nonreal_side"]
