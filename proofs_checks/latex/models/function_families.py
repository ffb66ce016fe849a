r"""Concrete real functions of one variable, drawn from classes, for the model search of
:mod:`~hallbound.proofs_checks.latex.models.function_models`.

Each :class:`Concrete` is an exact SymPy expression in :data:`T` with rational parameters
and the set of properties it has *by construction* (not by sampling), computed from the
parameters of its family:

* ``a t^2 + b t + c``: convex iff ``a >= 0``, concave iff ``a <= 0``; monotone iff ``a = 0``
  (then by the sign of ``b``); non-negative iff ``a > 0`` and ``b^2 - 4ac <= 0`` (positive
  when ``< 0``), or ``a = b = 0`` and ``c >= 0``;
* ``a t^4 + c``: convex for ``a > 0`` (concave for ``a < 0``), non-negative when also
  ``c >= 0``;
* ``t^3 + b t + c`` with ``b >= 0``: strictly increasing;
* ``c e^{a t}``: for ``c > 0`` convex and positive, increasing for ``a > 0``, decreasing for
  ``a < 0`` (for ``c < 0`` the mirror: concave, negative);
* ``a |t - p| + c``: convex for ``a > 0`` (non-negative when ``c >= 0``), concave for
  ``a < 0``;
* ``max(a_1 t + b_1, a_2 t + b_2)``: convex (nondecreasing when both slopes are ``>= 0``,
  increasing when both are ``> 0``; the mirror for ``<= 0``); ``min``: concave;
* ``\sin t + c``: no property (a function with nothing stated may be any function);
* a step function ``v_1`` for ``t < p``, ``v_2`` for ``t >= p``: its range is
  ``{v_1, v_2}`` (nondecreasing when ``v_1 <= v_2``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

#: The variable of every concrete function.
T = sp.Symbol("t", real=True)

PROPERTIES = frozenset(
    "convex concave increasing decreasing nondecreasing nonincreasing nonnegative positive".split()
)

_SLOPES = (Fraction(-2), Fraction(-1), Fraction(-1, 2), Fraction(1, 2), Fraction(1), Fraction(2))
_SMALL = (Fraction(-2), Fraction(-1), Fraction(0), Fraction(1), Fraction(2), Fraction(1, 2))


@dataclass(frozen=True)
class Concrete:
    """One concrete function: ``expr`` in :data:`T`, a float version ``fn``, its properties
    by construction, its values' finite range when it is a step function (else None)."""

    expr: sp.Expr
    fn: Callable[[float], float]
    props: frozenset[str]
    family: str
    values: frozenset[Fraction] | None = None

    def text(self, var: str = "x") -> str:
        """``x**2 - 1`` -> ``x^2 - 1`` (the function of ``var``)."""
        return sp.sstr(self.expr.subs(T, sp.Symbol(var))).replace("**", "^")


def _q(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _monotone(slope_signs: list[int]) -> set[str]:
    """Monotonicity of a function whose pieces have these slope signs."""
    out = set()
    if all(s > 0 for s in slope_signs):
        out |= {"increasing", "nondecreasing"}
    if all(s >= 0 for s in slope_signs):
        out.add("nondecreasing")
    if all(s < 0 for s in slope_signs):
        out |= {"decreasing", "nonincreasing"}
    if all(s <= 0 for s in slope_signs):
        out.add("nonincreasing")
    return out


def quadratic(a: Fraction, b: Fraction, c: Fraction) -> Concrete:
    """``a t^2 + b t + c`` (module doc for its properties)."""
    props: set[str] = set()
    if a >= 0:
        props.add("convex")
    if a <= 0:
        props.add("concave")
    if a == 0:
        props |= _monotone([int(math.copysign(1, b)) if b else 0])
    disc = b * b - 4 * a * c
    if (a > 0 and disc <= 0) or (a == 0 and b == 0 and c >= 0):
        props.add("nonnegative")
    if (a > 0 and disc < 0) or (a == 0 and b == 0 and c > 0):
        props.add("positive")
    expr = _q(a) * T**2 + _q(b) * T + _q(c)
    fa, fb, fc = float(a), float(b), float(c)
    return Concrete(expr, lambda t: fa * t * t + fb * t + fc, frozenset(props), "quadratic")


def quartic(a: Fraction, c: Fraction) -> Concrete:
    props = {"convex"} if a > 0 else {"concave"}
    if a > 0 and c >= 0:
        props.add("nonnegative")
    if a > 0 and c > 0:
        props.add("positive")
    fa, fc = float(a), float(c)
    return Concrete(_q(a) * T**4 + _q(c), lambda t: fa * t**4 + fc, frozenset(props), "quartic")


def cubic(b: Fraction, c: Fraction) -> Concrete:
    """``t^3 + b t + c``, ``b >= 0``: strictly increasing."""
    if b < 0:
        raise ValueError(f"b must be >= 0 for an increasing cubic, got {b}")
    fb, fc = float(b), float(c)
    return Concrete(T**3 + _q(b) * T + _q(c), lambda t: t**3 + fb * t + fc,
                    frozenset({"increasing", "nondecreasing"}), "cubic")


def exponential(c: Fraction, a: Fraction) -> Concrete:
    """``c e^{a t}`` with ``c != 0``, ``a != 0``."""
    if c == 0 or a == 0:
        raise ValueError("c and a must be non-zero")
    sign = 1 if c > 0 else -1
    props = {"convex", "positive", "nonnegative"} if c > 0 else {"concave"}
    props |= _monotone([sign * (1 if a > 0 else -1)])
    fc, fa = float(c), float(a)
    return Concrete(_q(c) * sp.exp(_q(a) * T), lambda t: fc * math.exp(fa * t),
                    frozenset(props), "exponential")


def absolute(a: Fraction, p: Fraction, c: Fraction) -> Concrete:
    """``a |t - p| + c`` with ``a != 0``."""
    props = {"convex"} if a > 0 else {"concave"}
    if a > 0 and c >= 0:
        props.add("nonnegative")
    if a > 0 and c > 0:
        props.add("positive")
    fa, fp, fc = float(a), float(p), float(c)
    return Concrete(_q(a) * sp.Abs(T - _q(p)) + _q(c), lambda t: fa * abs(t - fp) + fc,
                    frozenset(props), "absolute value")


def max_affine(a1: Fraction, b1: Fraction, a2: Fraction, b2: Fraction, lower: bool = False
               ) -> Concrete:
    """``max`` (convex) or, with ``lower``, ``min`` (concave) of two affine functions."""
    pick = sp.Min if lower else sp.Max
    expr = pick(_q(a1) * T + _q(b1), _q(a2) * T + _q(b2))
    props = {"concave" if lower else "convex"}
    props |= _monotone([int(math.copysign(1, a)) if a else 0 for a in (a1, a2)])
    fa1, fb1, fa2, fb2 = map(float, (a1, b1, a2, b2))
    op = min if lower else max
    return Concrete(expr, lambda t: op(fa1 * t + fb1, fa2 * t + fb2), frozenset(props),
                    "min of affines" if lower else "max of affines")


def sine(c: Fraction) -> Concrete:
    fc = float(c)
    return Concrete(sp.sin(T) + _q(c), lambda t: math.sin(t) + fc, frozenset(), "sine")


def step(v1: Fraction, v2: Fraction, p: Fraction) -> Concrete:
    """``v1`` for ``t < p``, ``v2`` for ``t >= p``: range ``{v1, v2}``."""
    props = _monotone([0 if v1 == v2 else (1 if v2 > v1 else -1)]) - {"increasing",
                                                                       "decreasing"}
    if min(v1, v2) >= 0:
        props.add("nonnegative")
    if min(v1, v2) > 0:
        props.add("positive")
    if v1 == v2:
        props |= {"convex", "concave"}
    f1, f2, fp = float(v1), float(v2), float(p)
    expr = sp.Piecewise((_q(v1), T < _q(p)), (_q(v2), True))
    return Concrete(expr, lambda t: f1 if t < fp else f2, frozenset(props), "step",
                    frozenset({v1, v2}))


def draw(rng: random.Random, anchors: list[Fraction]) -> Concrete:
    """One concrete function of any family (breakpoints and centres among ``anchors``)."""
    ch = rng.choice
    pts = anchors or [Fraction(0)]
    kind = rng.randrange(8)
    if kind == 0:
        return quadratic(ch(_SLOPES), ch(_SMALL), ch(_SMALL))
    if kind == 1:
        return quadratic(Fraction(0), ch(_SLOPES + (Fraction(0),)), ch(_SMALL))
    if kind == 2:
        return quartic(ch(_SLOPES), ch(_SMALL))
    if kind == 3:
        return cubic(ch((Fraction(0), Fraction(1))), ch(_SMALL))
    if kind == 4:
        return exponential(ch(_SLOPES), ch(_SLOPES))
    if kind == 5:
        return absolute(ch(_SLOPES), ch(pts), ch(_SMALL))
    if kind == 6:
        a1, a2 = rng.sample(_SLOPES, 2)
        return max_affine(a1, ch(_SMALL), a2, ch(_SMALL), lower=rng.random() < 0.5)
    return sine(ch(_SMALL))


def draw_with(rng: random.Random, props: frozenset[str], values: frozenset[Fraction] | None,
              anchors: list[Fraction], tries: int = 60) -> Concrete | None:
    """A concrete function with every property of ``props`` and, when ``values`` is given,
    only those values (a step function or a constant); None when none is drawn."""
    for _ in range(tries):
        if values is not None:
            vs = sorted(values)
            f = step(rng.choice(vs), rng.choice(vs), rng.choice(anchors or [Fraction(0)]))
        else:
            f = draw(rng, anchors)
        if props <= f.props:
            return f
    return None


def slack(rng: random.Random, anchors: list[Fraction], strict: bool) -> Concrete:
    """A function ``s >= 0`` (``> 0`` when ``strict``) for ``upper = lower + s``: zero, a
    positive constant, ``c (t - p)^2`` or ``c |t - p|`` touching zero at an anchor ``p``
    (plus a positive constant when ``strict``)."""
    c = rng.choice((Fraction(1, 2), Fraction(1), Fraction(2)))
    p = rng.choice(anchors or [Fraction(0)])
    lift = rng.choice((Fraction(1, 2), Fraction(1))) if strict else Fraction(0)
    kind = rng.randrange(4)
    if kind == 0:
        return quadratic(Fraction(0), Fraction(0), lift)
    if kind == 1:
        return quadratic(Fraction(0), Fraction(0), c + lift)
    if kind == 2:
        return quadratic(c, -2 * c * p, c * p * p + lift)
    return absolute(c, p, lift)


__all__ = [
    "Concrete",
    "PROPERTIES",
    "T",
    "absolute",
    "cubic",
    "draw",
    "draw_with",
    "exponential",
    "max_affine",
    "quadratic",
    "quartic",
    "sine",
    "slack",
    "step",
]
