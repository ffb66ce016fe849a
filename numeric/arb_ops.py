r"""SymPy expressions evaluated in Arb ball arithmetic (python-flint), one operation at a time.

:func:`arb_operation` is the table of operations (the head of a SymPy node applied to its
arguments' balls: ``Add``, ``Mul``, powers with an integer or half-integer exponent,
``erf``, ``erfc``, ``exp``, ``Min``, ``Max``); :func:`compile_real` turns an expression in
one real variable :math:`x` into a function of an exact rational :math:`z` that returns a
ball containing its value at :math:`x = z` (by the trust-base lemma ``Arb ball enclosure``):
the leaves are exact (:math:`z`, rationals), and a ``Piecewise`` branch is chosen by deciding
its condition exactly on the rational :math:`z` (no branch on a ball). The binned bound's
CDFs are compiled from the mean-law records this way
(:func:`hallbound.numeric.bounds_certified.arb_cdf`), and the lemma's audit evaluates its
random expressions with the same table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
from flint import arb, fmpq

from hallbound.errors import InputError

_RELATIONS: dict[type, Callable[[fmpq, fmpq], bool]] = {
    sp.StrictLessThan: lambda a, b: a < b,
    sp.LessThan: lambda a, b: a <= b,
    sp.StrictGreaterThan: lambda a, b: a > b,
    sp.GreaterThan: lambda a, b: a >= b,
}


def _fold(args: list[arb], fn: Callable[[arb, arb], arb]) -> arb:
    out = args[0]
    for a in args[1:]:
        out = fn(out, a)
    return out


def arb_operation(e: sp.Basic, args: list[arb]) -> arb:
    """The ball of ``e``'s head (one Arb operation) applied to its arguments' balls
    (:class:`InputError` naming ``e`` for a head without an Arb operation)."""
    if isinstance(e, sp.Add):
        return _fold(args, lambda a, b: a + b)
    if isinstance(e, sp.Mul):
        return _fold(args, lambda a, b: a * b)
    if isinstance(e, sp.Pow) and e.args[1].is_Rational and e.args[1].q in (1, 2):
        k = e.args[1]
        base = args[0].sqrt() if k.q == 2 else args[0]
        return base ** int(k.p) if k.p >= 0 else 1 / base ** int(-k.p)
    if isinstance(e, sp.erf):
        return args[0].erf()
    if isinstance(e, sp.erfc):
        return args[0].erfc()
    if isinstance(e, sp.exp):
        return args[0].exp()
    if isinstance(e, sp.Min | sp.Max):
        return _fold(args, (lambda a, b: a.min(b)) if isinstance(e, sp.Min)
                     else (lambda a, b: a.max(b)))
    raise InputError("e", f"no Arb operation for {type(e).__name__}: {e}")


def rational_ball(q: sp.Rational) -> arb:
    """The ball of an exact rational (exact when it is dyadic and fits the precision)."""
    return arb(fmpq(int(q.p), int(q.q)))


def _exact_rational(e: sp.Basic, x: sp.Symbol) -> Callable[[fmpq], fmpq]:
    """``e`` (rationals, ``x``, sums, products, integer powers) as an exact function of z."""
    if e == x:
        return lambda z: z
    if e.is_Rational:
        q = fmpq(int(e.p), int(e.q))
        return lambda z: q
    parts = [_exact_rational(a, x) for a in e.args]
    if isinstance(e, sp.Add):
        return lambda z: sum((f(z) for f in parts), fmpq(0))
    if isinstance(e, sp.Mul):
        def prod(z: fmpq) -> fmpq:
            out = fmpq(1)
            for f in parts:
                out *= f(z)
            return out
        return prod
    if isinstance(e, sp.Pow) and e.args[1].is_Integer:
        k = int(e.args[1])
        return lambda z: parts[0](z) ** k
    raise InputError("e", f"a Piecewise condition must be rational in x, got {e}")


def _condition(c: sp.Basic, x: sp.Symbol) -> Callable[[fmpq], bool]:
    """A ``Piecewise`` condition decided exactly at the rational z."""
    if c is sp.true:
        return lambda z: True
    if type(c) in _RELATIONS:
        lhs, rhs = _exact_rational(c.lhs, x), _exact_rational(c.rhs, x)
        rel = _RELATIONS[type(c)]
        return lambda z: rel(lhs(z), rhs(z))
    if isinstance(c, sp.And | sp.Or):
        parts = [_condition(a, x) for a in c.args]
        join = all if isinstance(c, sp.And) else any
        return lambda z: join(f(z) for f in parts)
    raise InputError("e", f"cannot decide the condition {c} exactly")


def compile_real(e: Any, x: sp.Symbol) -> Callable[[fmpq], arb]:
    """``e`` (one real variable ``x``) as a function of an exact rational z returning a ball
    that contains ``e`` at ``x = z`` (module doc; :class:`InputError` naming ``e`` for a node
    with no Arb operation)."""
    e = sp.sympify(e)
    if e == x:
        return lambda z: arb(z)
    if e.is_Rational:
        ball = rational_ball(e)
        return lambda z: ball
    if e == sp.E:
        return lambda z: arb(1).exp()
    if isinstance(e, sp.Piecewise):
        pieces = [(compile_real(v, x), _condition(c, x)) for v, c in e.args]

        def piecewise(z: fmpq) -> arb:
            for value, cond in pieces:
                if cond(z):
                    return value(z)
            raise InputError("e", f"no piece of {e} holds at x = {z}")
        return piecewise
    if not e.args:
        raise InputError("e", f"not an exact rational, x, or an operation: {e}")
    if isinstance(e, sp.Pow):  # the exponent is a constant of the operation
        base = compile_real(e.args[0], x)
        return lambda z: arb_operation(e, [base(z)])
    parts = [compile_real(a, x) for a in e.args]
    return lambda z: arb_operation(e, [f(z) for f in parts])


__all__ = ["arb_operation", "compile_real", "rational_ball"]
