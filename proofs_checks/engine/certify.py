r"""Interval certification with adaptive bisection.

``certify(g, box, strict)`` decides :math:`g(x) \ge 0` (``> 0`` if strict) at **every** point
of a box: an enclosure of ``g`` is computed over each sub-box; a sub-box whose enclosure lies
in :math:`[0,\infty)` is certified, one whose enclosure lies in :math:`(-\infty,0)` holds a
counterexample (its midpoint is returned), and any other is first given the monotonicity
test (where a partial derivative has a certain sign, g is evaluated on the minimising face)
and then split along its widest side, up to a budget of sub-boxes.

Backends: ``"iv"`` (``mpmath.iv``, endpoint intervals with outward rounding at 30 digits;
the default, because its endpoints are exact, so a relation that touches 0 at a box corner,
such as :math:`e^y \ge 1 + y` at :math:`y=0`, still certifies) and ``"arb"`` (python-flint
ball arithmetic, faster, but a ball's lower end dips below an exact endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp
from mpmath import iv

try:  # pragma: no cover - import guard
    from flint import arb
except ImportError:  # pragma: no cover
    arb = None

iv.dps = 30


@dataclass
class CertResult:
    """``status`` is ``"certified"``, ``"refuted"`` (a sub-box where g < 0 everywhere,
    ``point`` its midpoint) or ``"unknown"``; ``boxes`` counts evaluated sub-boxes."""

    status: str
    boxes: int
    point: dict[sp.Symbol, Fraction] | None = None
    backend: str = "mpmath.iv"


class _IV:
    name = "mpmath.iv"

    @staticmethod
    def interval(lo: Fraction, hi: Fraction) -> Any:
        a = iv.mpf(lo.numerator) / lo.denominator
        b = iv.mpf(hi.numerator) / hi.denominator
        return iv.mpf([a.a, b.b])

    @staticmethod
    def const(x: sp.Expr) -> Any:
        if x is sp.pi:
            return iv.pi
        if x is sp.E:
            return iv.e
        if isinstance(x, sp.Float):
            return iv.mpf(str(x))
        return iv.mpf(int(x.p)) / int(x.q)

    @staticmethod
    def fn(name: str, v: Any) -> Any:
        return getattr(iv, name)(v)

    @staticmethod
    def absval(v: Any) -> Any:
        return abs(v)

    @staticmethod
    def maxmin(vals: list[Any], is_max: bool) -> Any:
        pick = max if is_max else min
        return iv.mpf([pick(v.a for v in vals), pick(v.b for v in vals)])

    @staticmethod
    def sign(v: Any, strict: bool) -> int:
        lo, hi = v.a, v.b
        if (lo > 0) if strict else (lo >= 0):
            return 1
        return -1 if ((hi <= 0) if strict else (hi < 0)) else 0


class _ARB:  # pragma: no cover - optional backend
    name = "arb"

    @staticmethod
    def interval(lo: Fraction, hi: Fraction) -> Any:
        a = arb(str(lo.numerator)) / arb(str(lo.denominator))
        b = arb(str(hi.numerator)) / arb(str(hi.denominator))
        return a.union(b)

    @staticmethod
    def const(x: sp.Expr) -> Any:
        if x is sp.pi:
            return arb.pi()
        if x is sp.E:
            return arb(1).exp()
        if isinstance(x, sp.Float):
            return arb(str(x))
        return arb(str(x.p)) / arb(str(x.q))

    @staticmethod
    def fn(name: str, v: Any) -> Any:
        return getattr(v, name)()

    @staticmethod
    def absval(v: Any) -> Any:
        return arb(v.abs_lower()).union(arb(v.abs_upper()))

    @staticmethod
    def maxmin(vals: list[Any], is_max: bool) -> Any:
        out = vals[0]
        for v in vals[1:]:
            out = out.max(v) if is_max else out.min(v)
        return out

    @staticmethod
    def sign(v: Any, strict: bool) -> int:
        if not v.is_finite():
            return 0
        if (v > 0) if strict else (v >= 0):
            return 1
        return -1 if ((v <= 0) if strict else (v < 0)) else 0


BACKENDS = {"iv": _IV, "arb": _ARB}


def interval_eval(expr: sp.Basic, env: dict[sp.Symbol, Any], be: Any = _IV) -> Any:
    """Enclosure of ``expr`` when its symbols range over the intervals in ``env``."""
    if expr.is_Symbol:
        return env[expr]
    if expr.is_Number or expr in (sp.pi, sp.E):
        return be.const(expr)
    if expr.is_Add or expr.is_Mul:
        vals = [interval_eval(a, env, be) for a in expr.args]
        out = vals[0]
        for v in vals[1:]:
            out = out + v if expr.is_Add else out * v
        return out
    if expr.is_Pow:
        base, ex = expr.args
        b = interval_eval(base, env, be)
        if ex.is_Integer:
            n = int(ex)
            r = b ** abs(n) if n else be.const(sp.Integer(1))
            return 1 / r if n < 0 else r
        if ex == sp.Rational(1, 2):
            return be.fn("sqrt", b)
        if ex == sp.Rational(-1, 2):
            return 1 / be.fn("sqrt", b)
        return be.fn("exp", interval_eval(ex, env, be) * be.fn("log", b))
    if isinstance(expr, sp.exp):
        return be.fn("exp", interval_eval(expr.args[0], env, be))
    if isinstance(expr, sp.log):
        return be.fn("log", interval_eval(expr.args[0], env, be))
    if isinstance(expr, sp.sin | sp.cos | sp.atan):
        return be.fn(type(expr).__name__, interval_eval(expr.args[0], env, be))
    if isinstance(expr, sp.Abs):
        return be.absval(interval_eval(expr.args[0], env, be))
    if isinstance(expr, sp.Max | sp.Min):
        vals = [interval_eval(a, env, be) for a in expr.args]
        return be.maxmin(vals, isinstance(expr, sp.Max))
    raise TypeError(f"interval_eval: unsupported {type(expr).__name__}")


def _box_sign(g: sp.Expr, sub: dict, strict: bool, be: Any) -> int:
    env = {s: be.interval(lo, hi) for s, (lo, hi) in sub.items()}
    try:
        return be.sign(interval_eval(g, env, be), strict)
    except Exception:  # noqa: BLE001 - outside a function's domain: no decision
        return 0


def _monotone_sign(g: sp.Expr, grads: dict, sub: dict, strict: bool, be: Any) -> tuple[int, dict]:
    """Monotonicity test: where a partial derivative has a certain sign on the box, the
    minimum of g lies on the matching face; evaluate g there."""
    env = {s: be.interval(lo, hi) for s, (lo, hi) in sub.items()}
    try:  # the test needs g continuous on the box: a finite enclosure excludes a pole
        whole = interval_eval(g, env, be)
    except Exception:  # noqa: BLE001 - no enclosure: no decision
        return 0, sub
    if not _finite(whole):
        return 0, sub
    face = dict(sub)
    moved = False
    for s, d in grads.items():
        try:
            v = interval_eval(d, env, be)
        except Exception:  # noqa: BLE001
            continue
        lo, hi = sub[s]
        if be.sign(v, False) == 1:
            face[s], moved = (lo, lo), True
        elif be.sign(-v, False) == 1:
            face[s], moved = (hi, hi), True
    if not moved:
        return 0, sub
    return _box_sign(g, face, strict, be), face


def _finite(v: Any) -> bool:
    """An enclosure with two finite ends (mpmath.iv or arb)."""
    if hasattr(v, "is_finite"):
        return bool(v.is_finite())
    try:
        return bool(iv.isfinite(v.a) and iv.isfinite(v.b))
    except (AttributeError, TypeError):
        import mpmath

        return bool(mpmath.isfinite(v.a) and mpmath.isfinite(v.b))


def certify(
    g: sp.Expr,
    box: dict[sp.Symbol, tuple[Fraction, Fraction]],
    strict: bool = False,
    max_boxes: int = 3000,
    backend: str = "iv",
) -> CertResult:
    r"""Certify :math:`g \ge 0` (``> 0`` if strict) on every point of ``box``."""
    be = BACKENDS[backend]
    try:  # an unsupported function: no enclosure anywhere, so no bisection either
        interval_eval(g, {s: be.interval(lo, hi) for s, (lo, hi) in box.items()}, be)
    except TypeError:
        return CertResult("unknown", 1, backend=be.name)
    except Exception:  # noqa: BLE001 - e.g. log of an interval reaching 0: sub-boxes may do
        pass
    todo = [dict(box)]
    count = 0
    grads = {s: sp.diff(g, s) for s in box}
    while todo:
        sub = todo.pop()
        count += 1
        if count > max_boxes:
            return CertResult("unknown", count, backend=be.name)
        sign, where = _box_sign(g, sub, strict, be), sub
        if sign == 0:
            sign, where = _monotone_sign(g, grads, sub, strict, be)
        if sign == 1:
            continue
        if sign == -1:
            mid = {s: (lo + hi) / 2 for s, (lo, hi) in where.items()}
            return CertResult("refuted", count, mid, backend=be.name)
        widest = max(sub, key=lambda s: sub[s][1] - sub[s][0])
        lo, hi = sub[widest]
        if hi - lo < Fraction(1, 10**12):
            return CertResult("unknown", count, backend=be.name)
        mid = (lo + hi) / 2
        left, right = dict(sub), dict(sub)
        left[widest], right[widest] = (lo, mid), (mid, hi)
        todo.extend([left, right])
    return CertResult("certified", count, backend=be.name)
